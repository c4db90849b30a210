"""Contrast rows for models/gate/make_dataset.py (DATASET.md, "Contrast rows"; `source` `contrast:*`).

Written for this project by composing parts (a verb, a time, a kind of meeting, a medium...) so that each kind of request
comes in many shapes and words, rather than as a handful of sentences the near-copy filter would drop:
summaries and minutes of meeting *audio* (asr + text_generation) beside the words said in an audio clip (asr alone) and
a video's gist (video_understanding alone); how-to and knowledge questions, stories and essays whose subject is another
expert's domain (drawing, manuals, reading aloud, smart speakers, finance terms), and lists or plans with numbers (all
text_generation); text to read aloud that carries times, money and percentages, and lines to say in a tone (tts
alone); messages and orders (external_services); questions about clauses of a contract, an API doc or a paper with no
attachment (document_qa); feedback on the user's own photo or drawing (image_understanding); and compound requests built
from these clauses, where text_generation is a clause of its own only when some clause asks for writing.
"""
import re

import variety
from user_style import TG, IG, IU, VU, ASR, TTS, DQA, EXT, row, noisy

P = {
    # meeting audio
    "mtime_zh": ["周一", "昨天下午", "上周五", "刚才", "今早", "本周", "月初", "前天晚上", "上午", "第三季度", "今天下午", "上次",
                 "这次", "那次", "这个", "这段", "刚开完的", "我录的"],
    "mkind_zh": ["部门例会", "项目复盘会", "客户电话会", "董事会", "销售周会", "产品评审会", "面试", "培训课", "讲座", "用户访谈",
                 "季度总结会", "线上语音会", "家长会", "招标答疑会", "技术分享会", "头脑风暴会"],
    "maud_zh": ["录音", "音频", "录音文件", "语音记录", "录音笔文件", "m4a录音", "通话录音", "语音会议录音", "mp3录音"],
    "mverb_zh": ["总结一下", "概括下", "归纳一下", "提炼一下要点：", "梳理一下", "帮忙整理成纪要：", "给我出个摘要：", "列一下行动项：",
                 "写份会议记录：", "出一份简报：", "整理出决议和待办：", "用三句话概括：", "简要复述一下"],
    "mverb2_zh": ["总结一下", "概括一下", "整理成纪要", "归纳成要点", "写成会议记录", "提炼出行动项", "浓缩成一段话"],
    "mtail_zh": ["", "", "，发群里用", "，给没参会的同事看", "，分点写", "，尽量简短", "，要有结论", "，按议题分开"],
    "mtime_en": ["monday's", "yesterday's", "this morning's", "last week's", "today's", "friday's", "the quarterly", "the last",
                 "tuesday's", "the weekly", "this", "the", "that", "my recorded", "our"],
    "mkind_en": ["team sync", "board meeting", "client call", "sprint review", "job interview", "lecture", "all-hands", "sales call",
                 "planning session", "customer interview", "townhall", "design review", "parent-teacher meeting", "brainstorm"],
    "maud_en": ["audio", "voice recording", "audio file", "call recording", "audio recording", "m4a", "dictaphone file", "phone recording",
                "mp3"],
    "mverb_en": ["summarize", "recap", "sum up", "condense", "boil down", "write minutes for", "pull the action items out of",
                 "make meeting notes from", "give me the gist of", "draft a summary of", "write a short brief on",
                 "list the decisions made in", "tl;dr"],
    "mtail_en": ["", "", " for the team", " in 5 bullets", " for people who missed it", ", keep it short", " with owners and dates",
                 " by topic"],
    # the words said in audio
    "who_zh": ["他", "她", "对方", "客户", "老师", "主持人", "那个男的", "我老板", "嘉宾", "医生"],
    "said_zh": ["到底说了啥", "讲了什么", "说的是哪几个字", "最后一句说的啥", "有没有提到价格", "报的数字是多少", "念的那串号码是什么",
                "说的是哪天", "原话是怎么说的", "说的英文是什么意思", "中间那段说了什么"],
    "acl_zh": ["这段录音", "这条语音", "这段音频", "这个语音条", "这段电话录音", "这条语音留言", "这段wav", "这段采访音频", "这段音频片段"],
    "who_en": ["he", "she", "the caller", "the speaker", "the guy", "my boss", "the host", "the teacher", "the doctor", "the guest"],
    "said_en": ["say", "mention", "say at the end", "say about the price", "read out", "say in the middle", "say about the date",
                "promise"],
    "acl_en": ["this audio clip", "the clip of audio", "this sound clip", "this audio snippet", "the voice recording", "this voice note",
               "the wav file", "this short recording", "the audio bit", "this clip (audio only)"],
    # a video's gist
    "vsum_zh": ["讲了啥", "大概讲了什么", "主要内容是什么", "概括一下", "简单总结下", "说了个啥事", "重点是什么", "剧情讲一下"],
    "vref_zh": ["这个视频", "这段视频", "这个vlog", "这个录屏", "这个短片", "这段直播回放", "这段录像", "这个网课视频", "这段监控视频"],
    "vsum_en": ["quick summary of", "short recap of", "gist of", "rundown of", "tldr of", "main points of", "brief summary of",
                "key moments of"],
    "vref_en": ["the video", "this video", "the clip", "this footage", "the vod", "the livestream replay", "this screen recording",
                "the vlog", "this short film", "the lecture video"],
    # how-to and knowledge questions that mention another expert's domain
    "skill_zh": ["画水彩", "画漫画", "画素描", "画动漫人物", "画人像", "拍短视频", "剪视频", "写说明书", "写用户手册", "写合同", "做播客",
                 "配音", "朗读", "给孩子讲故事", "做会议纪要", "修照片", "录歌", "做PPT", "写操作手册", "拍夜景", "做字幕", "做有声书",
                 "写产品文档", "读英文绘本", "拍证件照", "画Logo"],
    "skill_en": ["draw anime", "paint with watercolors", "sketch faces", "draw comics", "edit videos", "write a user guide",
                 "write a product manual", "write contracts", "start a podcast", "do voice acting", "read aloud to kids",
                 "take meeting minutes", "retouch photos", "record vocals at home", "design slides", "shoot night photos",
                 "write technical docs", "narrate audiobooks", "make subtitles", "draw a logo", "film a vlog", "read picture books to toddlers"],
    "howz_zh": ["怎么{skill}", "{skill}有什么技巧", "新手怎么学{skill}", "{skill}从哪入手", "想学{skill}，有什么建议", "{skill}要注意什么",
                "怎样才能{skill}得更好", "{skill}难不难", "零基础{skill}要多久"],
    "howz_en": ["how do i learn to {skill}", "tips to {skill}?", "best way to {skill}", "how to {skill} as a beginner",
                "what do i need to {skill}", "how long does it take to learn to {skill}", "any advice on how to {skill}",
                "is it hard to {skill}"],
    "fin_zh": ["股票拆分", "分红", "市值", "做空", "市盈率", "可转债", "定投", "通胀", "降息", "IPO", "汇率波动", "ETF", "期权", "复利"],
    "fin_en": ["a stock split", "a dividend", "market cap", "short selling", "a p/e ratio", "a convertible bond", "an etf", "an ipo",
               "a rate cut", "dollar cost averaging", "a bear market", "an index fund", "stock options", "a reverse split"],
    "finq_zh": ["什么是{fin}", "{fin}是什么意思", "{fin}对散户有什么影响", "通俗讲讲{fin}", "{fin}是好事还是坏事"],
    "finq_en": ["what is {fin}", "what does {fin} mean", "explain {fin} simply", "is {fin} good or bad for investors",
                "how does {fin} work"],
    "dev_zh": ["智能音箱", "语音助手", "扫描仪", "行车记录仪", "翻译机", "点读笔", "电子书阅读器", "助听器", "录音笔", "降噪耳机",
               "扫码枪", "人脸识别门禁", "AI配音软件", "自动字幕"],
    "devq_zh": ["{dev}是怎么工作的", "{dev}的原理是啥", "{dev}怎么听懂人话的", "{dev}为什么有时候不准", "买{dev}要看哪些参数"],
    "dev_en": ["smart speakers", "voice assistants", "document scanners", "dashcams", "translation earbuds", "e-readers", "hearing aids",
               "auto captions", "face unlock", "ai voice generators", "barcode scanners", "noise cancelling earbuds"],
    "devq_en": ["how do {dev} work", "how do {dev} understand us", "why are {dev} sometimes wrong", "what should i look for when buying {dev}",
                "are {dev} worth it"],
    # stories and essays whose subject is another expert's domain
    "form_zh": ["故事", "童话", "短篇小说", "散文", "议论文", "诗", "剧本", "演讲稿"],
    "agent_zh": ["机器人", "小狐狸", "老钟表匠", "外星人", "AI助手", "小女孩", "老奶奶", "图书管理员"],
    "act_zh": ["每晚给孩子朗读", "会画出人的梦", "拍下城市的每个清晨", "能听懂动物说话", "帮人订机票", "能预报天气", "把旧照片变成彩色",
               "整理了一辈子的档案", "给盲人读报纸", "录下了外婆的声音"],
    "form_en": ["story", "fairy tale", "short story", "poem", "essay", "screenplay", "speech", "bedtime story"],
    "agent_en": ["a robot", "a little fox", "an old clockmaker", "an alien", "an ai assistant", "a young girl", "a librarian",
                 "a lighthouse keeper"],
    "act_en": ["reads bedtime stories out loud", "paints people's dreams", "films every sunrise", "can hear what animals say",
               "books trips for lonely people", "forecasts the weather", "colors old photographs", "narrates audiobooks",
               "translates whale songs", "reads the news to the blind"],
    "effect_en": ["impact", "effects", "influence", "downsides", "benefits"],
    "med_en": ["short videos", "youtube", "selfies", "podcasts", "audiobooks", "streaming", "photo filters", "voice assistants",
               "video games", "online meetings"],
    "grp_en": ["teens", "kids", "students", "older adults", "families", "office workers", "our attention span"],
    "med_zh": ["短视频", "自拍", "播客", "有声书", "直播", "美颜滤镜", "语音助手", "网络游戏", "视频会议", "电子书"],
    "grp_zh": ["青少年", "小学生", "大学生", "老年人", "家庭关系", "上班族", "注意力"],
    # lists and plans with numbers
    "goal_zh": ["公司团建", "年会", "孩子生日会", "周末约会", "部门聚餐", "新品发布", "社团招新", "读书会", "露营", "毕业旅行"],
    "goal_en": ["a company offsite", "a team party", "a kid's birthday", "a date night", "a product launch", "a club fair",
                "a book club", "a camping trip", "a graduation trip", "a fundraiser"],
    "sport_zh": ["马拉松", "半马", "游泳", "力量训练", "减脂", "骑行", "瑜伽", "跳绳", "备考", "考研复习"],
    "sport_en": ["marathon", "half marathon", "5k", "swimming", "strength", "cycling", "yoga", "weight loss", "ielts", "bar exam"],
    "lstz": ["给我{k}个{goal}的点子", "{goal}有哪些好玩的点子，来{k}个", "想{k}个{goal}的主题", "做个{k}周的{sport}训练计划",
             "{k}周{sport}计划表", "帮我排一个{k}天的{sport}日程", "列{k}条{goal}的注意事项", "{goal}预算{money}，列个清单"],
    "lsten": ["give me {k} ideas for {goal}", "{k} theme ideas for {goal}", "make a {k} week {sport} training schedule",
              "{k}-week {sport} plan please", "build me a {k} day {sport} schedule", "list {k} things to prepare for {goal}",
              "{k} fun activities for {goal}", "plan {goal} on a ${money} budget"],
    # text to read aloud with times, money, percentages
    "ann_zh": ["{when}在{k2}楼会议室开会", "本次消费共计{money}元", "航班{fl}将于{k2}点{k}分起飞", "第{k}季度营收增长{k}%",
               "各位乘客请注意，列车即将进站", "请{name}于{when}到前台", "本周六{k2}点停水", "今日气温{k}度，注意保暖",
               "您的快递已到{place}", "会议推迟到{when}", "优惠截止到{when}", "还款日是每月{k}号"],
    "ann_en": ["our revenue grew {k}%", "the meeting starts at {k2} pm in room {k}", "your total is ${money}", "flight {fl} departs at {k2}:30",
               "attention passengers, the train is now arriving", "sales are up {k}% this quarter", "we close at {k2} pm on sundays",
               "the deadline is friday at noon", "tickets cost ${k} each", "doors open at {k2}", "good job team", "thank you all for coming"],
    "fl": ["CA1234", "MU5101", "UA88", "BA12", "NH906", "CZ3999"],
    "rdz": ["把这段话转成语音：{ann}", "用{voice}读这段：{ann}", "播报一下：{ann}", "帮我念：{ann}", "“{ann}”，转成音频", "配个音：{ann}",
            "用语音说一遍：{ann}", "合成一段语音：{ann}", "读这句给大家听：{ann}"],
    "rden": ["say \"{ann}\" in a {tone} voice", "voiceover for my slide: {ann}", "read this out in a {tone} voice: {ann}",
             "announce this: {ann}", "make this text into a voice recording: {ann}", "turn this into speech: {ann}",
             "text to speech please: \"{ann}\"", "say it like a {tone} announcer: {ann}"],
    "story_en": ["once upon a time, a little bear couldn't find his way home", "the stars came out one by one over the quiet town",
                 "a small boat sailed across the silver lake", "the old dog waited by the door every evening"],
    "rdstory_en": ["read this bedtime story aloud in a {tone} voice: {story}", "narrate this in a {tone} voice: {story}",
                   "can you read this to my kid: {story}"],
    "story_zh": ["从前有一只小熊，总是找不到回家的路", "月亮慢慢爬上了山坡", "小船在湖面上轻轻地漂", "老狗每天傍晚都在门口等"],
    "rdstory_zh": ["用{voice}把这个睡前故事读出来：{story}", "给孩子念一下：{story}", "用讲故事的语气读：{story}"],
    # messages and orders
    "app_zh": ["微信", "短信", "消息", "钉钉消息", "邮件"],
    "msgc_zh": ["我晚点到", "今晚加班不回来吃饭", "会议改到{when}", "钥匙在门口地垫下", "我已经出门了", "记得带充电器", "报告下午发你"],
    "sendz": ["帮我给{name}发条{app}说{msgc}", "给{name}发个{app}：{msgc}", "发{app}告诉{name}{msgc}", "跟{name}说一声{msgc}，发{app}"],
    "msgc_en": ["i'm running late", "dinner is at 7", "the meeting moved to {when}", "the key is under the mat", "i'm on my way",
                "don't forget the charger"],
    "senden": ["text {name} that {msgc}", "send {name} a whatsapp: {msgc}", "message {name} saying {msgc}", "let {name} know {msgc}, via sms"],
    "shop_zh": ["瑞幸", "星巴克", "麦当劳", "肯德基", "喜茶", "必胜客"],
    "item_zh": ["一杯冰美式", "两个汉堡", "一杯生椰拿铁，少冰", "一份全家桶", "一杯芝芝莓莓，去冰", "一个超级至尊披萨"],
    "orderz": ["帮我在{shop}点{item}", "{shop}下单{item}", "点{item}，{shop}的", "叫个外卖：{shop}{item}"],
    "shop_en": ["starbucks", "domino's", "chipotle", "mcdonald's", "subway"],
    "item_en": ["a grande oat latte", "two cheeseburgers", "a veggie bowl", "a large pepperoni", "a footlong turkey sub"],
    "orderen": ["order {item} from {shop}", "get me {item} from {shop}", "place an order at {shop}: {item}"],
    # document questions with no attachment
    "dsrc_zh": ["合同里", "租赁合同里", "劳动合同中", "接口文档里", "API文档中", "论文里", "那篇论文", "招标文件里", "产品规格书上",
                "公司制度里", "报销规定里", "保险条款里"],
    "dterm_zh": ["违约金怎么算的", "押金多久退", "解约要提前几天", "付款周期是多久", "保密期限是几年", "限流是每秒多少次", "超时时间设的多少",
                 "鉴权用的什么方式", "错误码403代表什么", "用了哪个数据集", "对比的基线是哪些", "样本量多大", "出差补贴标准是多少",
                 "免赔额是多少"],
    "dsrc_en": ["the contract", "my lease", "the api docs", "the paper", "the tender document", "the spec sheet", "our expense policy",
                "the insurance policy", "the nda", "the service agreement"],
    "dterm_en": ["how is the late fee calculated", "when do i get the deposit back", "how much notice do i need to give",
                 "what's the rate limit", "what's the default timeout", "which auth method is used", "which dataset did they use",
                 "what baselines are compared", "what's the per diem", "what's the deductible", "how long is the confidentiality period"],
    "docqz": ["{dsrc}{dterm}", "{dsrc}{dterm}？", "帮我查下{dsrc}{dterm}"],
    "docqen": ["in {dsrc}, {dterm}", "{dterm} according to {dsrc}", "{dsrc}: {dterm}?", "check {dsrc} - {dterm}"],
    # feedback on the user's own picture
    "mine_zh": ["我拍的这张{ph}", "我画的这幅{pa}", "我这张{ph}", "我刚画的{pa}"],
    "ph_zh": ["夕阳", "人像", "街拍", "风景照", "美食照", "证件照", "星空照"],
    "pa_zh": ["水彩画", "素描", "漫画", "插画", "油画"],
    "crit_zh": ["构图怎么样", "光线处理得好吗", "有什么可以改进的", "配色行不行", "哪里画得不对", "打几分"],
    "critz": ["{mine}{crit}", "看看{mine}，{crit}", "{mine}，你觉得{crit}"],
    "mine_en": ["my drawing", "my sketch", "this photo i took", "my painting", "my logo draft", "my selfie", "my watercolor"],
    "crit_en": ["any tips?", "what do you think?", "how can i improve it?", "is the composition ok?", "rate it 1-10", "what's off about it?"],
    "criten": ["look at {mine}, {crit}", "here's {mine} - {crit}", "check out {mine}. {crit}"],
}

MEET = {"zh": ["{mverb}{mtime}{mkind}的{maud}{mtail}", "{mtime}{mkind}的{maud}，{mverb}{mtail}", "把{mtime}{mkind}的{maud}{mverb2}{mtail}"],
        "en": ["{mverb} {mtime} {mkind} {maud}{mtail}", "{mtime} {mkind} {maud}: {mverb} it{mtail}", "can you {mverb} the {mkind} {maud}{mtail}"]}
SPOKEN = {"zh": ["{acl}里{who}{said}", "{acl}，{who}{said}", "听下{acl}，{who}{said}"],
          "en": ["what does {who} {said} in {acl}", "in {acl}, what did {who} {said}", "what words does {who} {said} in {acl}"]}
VSUM = {"zh": ["{vref}{vsum}", "帮我看看{vref}{vsum}", "{vref}，{vsum}"],
        "en": ["give me a {vsum} {vref}", "{vsum} {vref} pls", "need a {vsum} {vref}", "what happens in {vref}? short version"]}
KNOW = {"zh": ["{howz}", "{howz}", "{finq}", "{devq}", "写一篇关于{agent}{act}的{form}", "写个{form}，讲一个{act}的{agent}",
               "写一篇{med}对{grp}影响的{form}"],
        "en": ["{howz}", "{howz}", "{finq}", "{devq}", "write a {form} about {agent} that {act}", "tell me a {form} about {agent} who {act}",
               "write an essay on the {effect} of {med} on {grp}"]}
LISTS = {"zh": ["{lstz}"], "en": ["{lsten}"]}
READ2 = {"zh": ["{rdz}", "{rdz}", "{rdstory}"], "en": ["{rden}", "{rden}", "{rdstory}"]}
ASSIST2 = {"zh": ["{sendz}", "{orderz}"], "en": ["{senden}", "{orderen}"]}
DOCQ = {"zh": ["{docqz}"], "en": ["{docqen}"]}
CRIT = {"zh": ["{critz}"], "en": ["{criten}"]}

SINGLE_KINDS = [(MEET, (ASR, TG), "meeting-audio"), (SPOKEN, (ASR,), "spoken"), (VSUM, (VU,), "video-gist"),
                (KNOW, (TG,), "mention"), (LISTS, (TG,), "list"), (READ2, (TTS,), "read-content"), (ASSIST2, (EXT,), "assistant"),
                (DOCQ, (DQA,), "docref"), (CRIT, (IU,), "my-picture")]

# Clauses for compounds: what each expert is asked in a clause; writing clauses are text_generation's own.
CLAUSES = {
    TG: {"zh": ["写一段{k}字的总结", "改写成更口语的版本", "翻译成英文", "写成一封邮件", "帮我写个{k}条的提纲", "写一段朋友圈文案",
                "改写成Python3", "写一段点评"],
         "en": ["write a {k}-sentence summary", "rewrite it in plain english", "translate it to spanish", "turn it into an email",
                "write a short report paragraph about it", "draft a linkedin post from it", "port it to python 3", "write a review of it"]},
    IU: {"zh": ["截图里的代码有bug吗", "图里这张表的合计是多少", "照片上的菜单写了什么", "这张海报上的字是什么", "图中是什么花"],
         "en": ["what's wrong with the code in this screenshot", "read the table in this photo", "what does the menu in the pic say",
                "look at this chart", "what flower is in the photo"]},
    VU: {"zh": ["视频里提到的那款产品是什么", "视频第{k}分钟发生了什么", "视频的高潮在哪一段", "录像里的人穿什么颜色"],
         "en": ["which product is shown in the video", "what happens at minute {k} of the clip", "find the best moment in the video",
                "what's the person in the footage wearing"]},
    DQA: {"zh": ["文档里有没有相关说明", "手册里怎么说", "合同里对这个有规定吗", "资料里团队有几个人"],
          "en": ["is it covered in my docs", "what does the manual say about it", "does the contract mention it",
                 "how many people are on the team according to the file"]},
    IG: {"zh": ["做张海报", "画一张插画", "生成一张同风格的图", "配一张封面图"],
         "en": ["make a poster of it", "generate a new one in the same style", "draw an illustration for it", "create a cover image"]},
    TTS: {"zh": ["然后读出来", "再念给我听", "转成语音"], "en": ["then read it aloud", "and say it out loud", "make an mp3 of it"]},
    EXT: {"zh": ["查一下现在的美元汇率", "提醒我{when}处理", "看看明天{city}天气"],
          "en": ["check the usd rate today", "remind me {when}", "what's the weather in {city} tomorrow"]},
    ASR: {"zh": ["把录音转成文字", "听听语音里说了啥"], "en": ["transcribe the audio", "what's said in the voice note"]},
}
JOIN = {"zh": ["，", "，然后", "，再", "；", "。", "，并且", "，另外"], "en": [", ", ", then ", " and ", "; ", ". ", " and then "]}


def fill(template, rng, lang, base):
    """Fills this file's slots (language-specific first), then variety's, user_style's and make_dataset's."""
    def sub(m):
        key = m.group(1)
        for k in (key + "_" + lang, key):
            if k in P:
                return rng.choice(P[k])
        return m.group(0)
    for _ in range(4):
        template = re.sub(r"\{(\w+)\}", sub, template)
    return variety.fill(template, rng, lang, base)


def single(rng, lang, base):
    templates, experts, source = rng.choice(SINGLE_KINDS)
    body = fill(rng.choice(templates[lang]), rng, lang, base)
    text = noisy(body, lang, rng) if rng.random() < 0.4 else body
    kind = "single-multi" if len(experts) > 1 else "single"
    return row(text, list(experts), lang, kind, [{"expert": e, "instruction": body} for e in experts], "contrast:" + source)


def compound(rng, experts, lang, base, standalone):
    """Clauses from this file's banks (or the single kinds above) for each expert, in the order given."""
    clauses = []
    for e in experts:
        r = rng.random()
        kinds = [k for k in SINGLE_KINDS if k[1] == (e,)]
        if e in CLAUSES and (r < 0.6 or not kinds):
            clauses.append(fill(rng.choice(CLAUSES[e][lang]), rng, lang, base))
        elif kinds:
            clauses.append(fill(rng.choice(rng.choice(kinds)[0][lang]), rng, lang, base))
        else:
            clauses.append(variety.user_style.clause_for(rng, e, lang, base, standalone))
    text = clauses[0]
    for c in clauses[1:]:
        text += rng.choice(JOIN[lang]) + c
    if rng.random() < 0.4:
        text = noisy(text, lang, rng)
    return row(text, list(experts), lang, "compound",
               [{"expert": e, "instruction": c} for e, c in zip(experts, clauses)], "contrast:compound")
