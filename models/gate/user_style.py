"""Requests written the way people type, for models/gate/make_dataset.py (see DATASET.md, "User-style rows").

Everything here was written for this project: extra slot vocabularies, templates for the patterns users hit (greetings
with numbers, the words spoken in a recording, meeting videos and meeting audio, personal-assistant tasks, "the
document" without an attachment, text to audio, general questions that merely mention a medium or a technical term,
lists and plans with numbers, short plain requests, follow-ups that lean on the previous turn), compound requests whose
clauses come in any order, and a noise pass (typos, abbreviations, dropped punctuation, mixed Chinese and English,
fillers). Every row carries "source" naming the generator that made it.
"""
import re

TG, IG, IU, VU, ASR, TTS, DQA, EXT = (
    "text_generation", "image_generation", "image_understanding", "video_understanding",
    "asr", "tts", "document_qa", "external_services")
EXPERTS = [TG, IG, IU, VU, ASR, TTS, DQA, EXT]

W = {
    "name_zh": ["小王", "张总", "李经理", "老刘", "王姐", "小美", "陈老师", "阿强", "妈妈", "老婆", "老公", "爸爸", "赵医生", "孙主任"],
    "name_en": ["Sarah", "John", "Mike", "Anna", "Tom", "Lily", "Dr. Patel", "my boss", "mom", "my wife", "Kevin", "Emma"],
    "when_zh": ["明天下午3点", "明早8点", "今晚7点", "周五上午10点", "下周一", "后天", "5月20号", "下午两点半", "今天晚上", "每天早上7点",
                "周六", "下个月1号", "半小时后", "10分钟后", "明天中午"],
    "when_en": ["tomorrow at 3pm", "at 8 tomorrow morning", "tonight at 7", "on friday at 10", "next monday", "in 20 minutes",
                "on may 20", "at 2:30 this afternoon", "this evening", "every morning at 7", "on saturday", "next week", "in an hour"],
    "task_zh": ["给{name}打电话", "吃药", "交房租", "开会", "喝水", "带伞", "取快递", "交报告", "给{name}回消息", "买菜", "健身", "接孩子"],
    "task_en": ["call {name}", "take my pills", "pay rent", "join the standup", "drink water", "bring an umbrella", "pick up the package",
                "send the report", "text {name} back", "buy groceries", "go to the gym", "pick up the kids"],
    "ticket_zh": ["高铁票", "机票", "火车票", "动车票", "演唱会门票", "电影票"],
    "appt_zh": ["理发", "体检", "牙医", "美甲", "按摩", "洗车", "家政保洁", "皮肤科门诊"],
    "appt_en": ["haircut", "dentist appointment", "car wash", "massage", "checkup", "cleaning service", "vet visit"],
    "msg_zh": ["我晚点回家", "会议改到下午", "文件已经发了", "明天请假一天", "我到楼下了", "晚饭不用等我"],
    "msg_en": ["I'll be late", "the meeting is moved to 3pm", "I sent the file", "I'm downstairs", "dinner is on me tonight"],
    "food_zh": ["黄焖鸡米饭", "一杯拿铁", "两份披萨", "麻辣烫", "一杯奶茶少糖", "煎饼果子"],
    "food_en": ["a large pepperoni pizza", "two lattes", "sushi for 3", "a burrito bowl", "pad thai"],
    "place_zh": ["机场", "火车站", "公司", "国贸", "西湖", "人民医院"],
    "place_en": ["the airport", "the train station", "the office", "downtown", "the hospital"],
    "docref_zh": ["文档", "这个文档", "那个文件", "文件", "合同", "那份合同", "报告", "那份报告", "员工手册", "说明书", "产品手册",
                  "论文", "PPT", "标书", "会议纪要", "财报", "我的简历", "我上传的资料", "我的文档", "知识库", "那份PDF", "Word文档",
                  "规章制度", "租房合同", "报价单", "需求文档", "技术规格书", "使用手册", "培训材料", "项目计划书"],
    "docref_en": ["the document", "the doc", "the file", "the contract", "my contract", "the report", "the handbook", "the manual",
                  "the paper", "the slides", "the spec", "the policy", "my documents", "my notes", "the pdf", "the minutes",
                  "the proposal", "the user guide", "the lease", "the employee handbook", "the requirements doc", "the datasheet"],
    "product_zh": ["智能水杯 X1", "扫地机器人 R7", "X2 耳机", "智能手表 W3", "空气净化器 A5", "Model Q 台灯", "路由器 AX3000", "电动牙刷 S1"],
    "product_en": ["the X1 smart bottle", "the R7 robot vacuum", "the W3 watch", "the A5 air purifier", "the AX3000 router"],
    "spec_zh": ["电池容量", "续航时间", "充电时间", "保修期", "额定功率", "重量", "防水等级", "恢复出厂设置的方法", "滤网更换周期"],
    "spec_en": ["battery capacity", "charging time", "warranty", "rated power", "weight", "water resistance", "reset procedure"],
    "sender_zh": ["老板", "客户", "我妈", "同事", "房东", "快递员", "老师", "{name}"],
    "sender_en": ["my boss", "the client", "my mom", "my coworker", "the landlord", "the teacher", "{name}"],
    "detail_zh": ["地址", "电话号码", "时间", "人名", "金额", "航班号", "密码", "见面地点"],
    "detail_en": ["address", "phone number", "time", "name", "amount", "flight number", "meeting place"],
    "aud2_zh": ["这段录音", "这条语音", "这个音频", "这条60秒语音", "这段口述录音", "这首歌的录音", "客户的电话录音", "这段播客音频",
                "这个语音消息", "这段采访录音", "这个mp3", "这段音频片段", "这条语音留言", "这段电话录音"],
    "aud2_en": ["this recording", "this voice clip", "this audio clip", "the voice note", "the call recording", "this song recording",
                "this voicemail", "the voice message", "this mp3", "the audio", "this podcast audio", "the interview audio", "this wav file"],
    "meet_aud_zh": ["会议录音", "这段会议录音", "今天的会议录音", "例会录音", "电话会议的录音", "讨论会的录音"],
    "meet_aud_en": ["the meeting audio", "the meeting audio recording", "this conference call recording", "the standup audio",
                    "the audio of today's meeting"],
    "meet_vid_zh": ["这个会议视频", "会议录像", "这段会议回放视频", "腾讯会议的录屏", "这段会议录像", "周会的视频回放", "这段直播会议视频"],
    "meet_vid_en": ["the zoom meeting video", "the recorded meeting video", "the teams meeting video", "this webinar video",
                    "the meeting screen recording", "the all-hands video"],
    "vid2_zh": ["这个视频", "这段视频", "这个vlog", "这个短视频", "这个抖音", "这个教程视频", "这段行车记录仪视频", "这个宣传片",
                "这段监控录像", "这段比赛视频", "这个B站视频", "这段片子"],
    "vid2_en": ["this video", "the video", "this vlog", "this tiktok", "the tutorial video", "the dashcam video", "the promo video",
                "the cctv footage", "this game footage", "this youtube video", "the clip"],
    "textref_zh": ["这段文字", "这段话", "这篇稿子", "我的演讲稿", "这段文案", "这首诗", "这个通知", "下面这段", "这篇文章", "这段台词",
                   "这份讲稿", "这段课文"],
    "textref_en": ["this text", "this paragraph", "my speech", "this script", "this poem", "the announcement", "the following text",
                   "this article", "my notes", "these lines", "this lesson"],
    "animal_zh": ["猫", "狗", "兔子", "熊猫", "柴犬", "小鸭子", "独角兽", "恐龙", "狐狸", "老虎", "企鹅", "小鸟", "金鱼"],
    "animal_en": ["cat", "dog", "bunny", "panda", "corgi", "duck", "unicorn", "dinosaur", "fox", "tiger", "penguin", "owl", "goldfish"],
    "game": ["塞尔达", "原神", "王者荣耀", "Elden Ring", "Minecraft", "Zelda", "Stardew Valley", "黑神话悟空", "FIFA"],
    "knowledge_zh": ["语音识别的原理是什么", "视频剪辑入门要学哪些软件", "为什么手机拍的照片会模糊", "PDF和Word有什么区别",
                     "汇率是怎么决定的", "天气预报为什么老不准", "TTS和ASR有什么区别", "什么是OCR", "AI画图是怎么实现的",
                     "录音笔和手机录音哪个好", "电影和电视剧哪个更好看", "摄影是谁发明的", "摄影入门应该买什么相机",
                     "怎么写好一份产品说明书", "合同一般包含哪些条款", "计算器是谁发明的", "股票和基金有什么区别",
                     "怎么成为一个视频博主", "学画画从哪开始", "什么是图像识别", "智能音箱是怎么听懂人说话的",
                     "视频会议有哪些礼仪", "时区是怎么划分的", "闹钟是谁发明的", "为什么视频通话会卡", "播客是什么",
                     "怎么提高朗读水平", "如何做好会议记录", "怎样拍出好看的人像照片", "为什么有的图片放大会模糊",
                     "MP3和WAV有什么区别", "声音是怎么传播的", "文档管理有什么好方法", "怎么写一份好的简历",
                     "天气预报是怎么做出来的", "日历是怎么来的", "为什么人民币会升值", "什么是股票分红", "配音演员需要什么天赋",
                     "字幕组是怎么工作的", "怎么做一个好的PPT", "人为什么会做梦", "什么是深度伪造视频", "怎么判断一张照片是不是P的",
                     "电子书和纸质书哪个好", "录音棚需要哪些设备", "什么是语音合成", "机器翻译准确吗", "提醒事项怎么管理比较高效"],
    "knowledge_en": ["how does speech recognition work", "what software should a beginner use for video editing",
                     "why do phone photos get blurry", "what's the difference between pdf and docx", "how are exchange rates set",
                     "why are weather forecasts often wrong", "what's the difference between tts and asr", "what is ocr",
                     "how do ai image generators work", "is a voice recorder better than a phone for interviews",
                     "who invented photography", "what camera should a beginner buy", "how do I write a good user manual",
                     "what usually goes into a contract", "who invented the calculator", "what's the difference between stocks and funds",
                     "how do I become a youtuber", "how do I start learning to draw", "what is image recognition",
                     "how do smart speakers understand speech", "what's good etiquette on video calls", "how do time zones work",
                     "why do video calls lag", "what is a podcast", "how can I get better at reading aloud", "how do I take good meeting notes",
                     "how do I take better portrait photos", "mp3 vs wav, which is better", "how does sound travel",
                     "how do I write a good resume", "what makes a good slide deck", "what is a deepfake video",
                     "how can I tell if a photo is edited", "are ebooks better than paper books", "what is speech synthesis",
                     "is machine translation accurate", "why do people dream", "how do noise cancelling headphones work",
                     "what's the history of the calendar", "how does a camera sensor work"],
    "mention_zh": ["写一篇关于{tech}的文章", "写一段关于短视频对青少年影响的议论文", "给我推荐几个好听的播客", "给我推荐几部好看的纪录片",
                   "我最喜欢的电子游戏是{game}，你呢", "你玩过{game}吗", "给我一个完美如画的周末计划", "写一个关于AI画图的短篇小说",
                   "写一篇关于天气变化对心情影响的散文", "帮我写一个有声书的推广文案", "写一段介绍我们拍照App的广告词",
                   "写一首关于老照片的诗", "帮我写一篇电影《{book}》的影评", "写一段关于录音机年代的回忆", "写一篇关于视频会议利弊的文章",
                   "给我的播客节目起个名字", "写一个关于智能音箱的笑话", "写一篇讲述文档管理重要性的公众号文章"],
    "mention_en": ["write an article about {tech}", "write an essay on how short videos affect teens", "recommend some good podcasts",
                   "recommend some good documentaries", "the video game I like most is {game}, have you played it",
                   "a picture-perfect plan for a weekend in {city}?", "write a short story about an ai that paints",
                   "write a blog post about the history of photography", "write a poem about old photographs",
                   "write a story about a robot that reads books aloud", "write a review of the movie {book}",
                   "write a pitch for our photo editing app", "suggest a name for my podcast", "tell me a joke about smart speakers",
                   "write an essay on the pros and cons of video meetings", "draft a post about why document management matters"],
    "list_zh": ["列出{k}个学英语的方法", "给我{k}个周末活动的点子", "做一个{k}天的减脂食谱", "给我{k}个团建点子", "列个清单：搬家要准备的{k}样东西",
                "{k}天{k2}晚的{city}旅游攻略", "写一份为期{k}周的{plang}学习计划", "推荐{k}本适合{k2}岁孩子的书", "给我出{k}道三年级数学题",
                "一个月预算{money}元怎么安排生活费", "写一个{k}天的读书计划", "Q{q}工作计划，分成{k2}个阶段", "列出{k}个提高睡眠质量的方法",
                "帮我安排一下周末两天的时间表", "列出二战的{k}个重要战役", "{year}年值得关注的{k}个科技趋势", "{k}个适合上班族的午餐食谱",
                "给我{k}个面试常见问题", "列出{k}个减压的小习惯", "做一份{k}周的马拉松训练计划", "{k}个适合新手的家常菜",
                "给我{k}条省钱建议", "帮我列{k}个新年目标", "给我一个{k}步的早晨流程", "推荐{k}部经典电影", "总结{k}个时间管理技巧",
                "给我一个{k}分钟的演讲提纲", "列出{k}个{city}必去景点", "{k}个提高工作效率的方法", "把一年分成{k}个季度规划一下"],
    "list_en": ["give me {k} ideas for a date night", "make a {k} day workout plan", "top {k} books to read in {year}",
                "make a packing list for a {k} day trip", "plan a {k}-day trip to {country} for {k2} people", "list {k} habits of successful people",
                "how should I split a ${money} monthly budget", "{k} tips for better sleep", "give me {k} reasons to learn {plang}",
                "make a {k} week marathon training schedule", "write a {k}-step morning routine", "give me {k} interview questions for a designer",
                "list {k} cheap dinner recipes", "suggest {k} new year's resolutions", "{k} ways to save money on groceries",
                "outline a {k} minute talk on {concept}", "list the top {k} sights in {city}", "create a {k}-week study plan for {plang}",
                "give me {k} team building activities", "{k} fun things to do on a rainy day", "plan my week: {k} workouts and {k2} rest days"],
    "k": [str(i) for i in (2, 3, 3, 4, 5, 5, 6, 7, 7, 8, 10, 10, 12, 14, 15, 20, 21, 30, 50, 100)],
    "k2": ["1", "2", "2", "3", "4", "5", "6", "8", "10"],
    "q": ["1", "2", "3", "4"],
    "year": ["2024", "2025", "2026", "2027"],
    "money": ["500", "1000", "2000", "3000", "5000", "8000", "1500"],
    "greet_zh": ["你好", "您好", "嗨", "哈喽", "在吗", "在不在", "早", "早上好", "晚上好", "晚安", "谢谢", "多谢", "测试", "hello", "hi",
                 "哈哈", "好的", "收到", "嗯嗯", "你好呀", "喂"],
    "greet_en": ["hi", "hello", "hey", "yo", "test", "testing", "morning", "good morning", "good night", "thanks", "thx", "ok", "hey there",
                 "hiii", "sup", "howdy"],
}

CHAT_NUM = {
    "zh": ["{greet} {n}", "{greet}{n}", "{greet} {k} {k2} {q}", "{n}", "{greet}，我是{name}，工号{n}", "{greet} 我今年{k2}{k}岁",
           "我今天跑了{k}公里，累死了", "我考了{k2}{k}分！开心", "生日快乐！今天我{k2}{k}岁了", "{year}新年快乐", "{greet}，第{k}次来了",
           "周五了，{k}天班终于上完了", "{greet} {year}", "{greet}，今天第{k2}杯咖啡了", "哈哈哈 {n}", "好久不见，{k}年没聊了吧",
           "{greet}，{when}见", "谢谢你，帮了我{k}次了", "我今天走了{n}步", "{greet}，我住在{k2}0{k2}房间", "{greet}！{name}在吗"],
    "en": ["{greet} {n}", "{greet} {k}", "{greet} {k} {k2} {q} testing", "{n}", "{greet}, i'm {name}, {k2}{k}, from {city}",
           "i just ran {k}k this morning, feeling great", "i got {k2}{k} on my exam!", "it's my {k2}{k}th birthday today",
           "happy new year {year}!!", "{greet}, it's me again, {k2}nd time today lol", "{greet} from room {n}", "{greet}! {k} coffees already",
           "thanks {k}00x", "long time no see, {k} years right?", "{greet}, how's your {when}", "i walked {n} steps today", "{greet} {name}"],
}

TEMPLATES = {
    EXT: {"zh": ["提醒我{when}{task}", "{when}提醒我{task}", "帮我订一张{when}去{city}的{ticket}", "预定{k2}张{when}的电影票",
                 "帮我预约{when}的{appt}", "帮我约{name}{when}开会", "把{when}的会议改到{when}", "取消{when}的会", "定个{when}的闹钟",
                 "设一个{n}分钟的计时器", "在日历上加一个日程：{when}{task}", "帮我给{name}发条消息说{msg}", "给{name}发邮件，说{msg}",
                 "叫辆车去{place}", "帮我订个{city}的酒店，住{k2}晚", "帮我点{food}", "我{when}有什么安排", "查一下我{when}的日程",
                 "帮我挂{when}的号", "提醒我每天{task}", "查一下快递单号SF{n}{n}到哪了", "帮我订{when}{k2}个人的位子", "{when}叫我起床",
                 "把{name}的生日加到日历里", "帮我给{name}打个电话", "帮我约个{appt}，{when}", "定一个{when}的提醒：{task}",
                 "我{when}有空吗", "帮我订{city}到{city}的机票", "给我设个{k}分钟的番茄钟"],
            "en": ["remind me to {task} {when}", "{when}, remind me to {task}", "book a table for {k2} {when}", "book me a flight to {city} {when}",
                   "schedule a meeting with {name} {when}", "move my {when} meeting to {when}", "cancel my meeting {when}",
                   "set an alarm for {when}", "start a {k} minute timer", "add {appt} to my calendar {when}", "text {name} that {msg}",
                   "send an email to {name} saying {msg}", "call me a cab to {place}", "book a hotel in {city} for {k2} nights",
                   "order {food} for delivery", "what's on my calendar {when}", "am I free {when}", "book a {appt} {when}",
                   "where's my package", "track order #{n}", "call {name}", "set a reminder: {task} {when}", "reserve {k2} movie tickets for {when}",
                   "wake me up {when}", "put {name}'s birthday in my calendar", "plz remind me {when} to {task}"]},
    DQA: {"zh": ["{docref}里{doc_q}是什么", "{docref}的{doc_q}", "根据{docref}，{doc_q}是多少", "{docref}里有没有写{doc_q}",
                 "在我的文档里找一下{doc_q}", "我知识库里关于{doc_q}是怎么写的", "{product}的{spec}是多少，说明书里写了吗",
                 "说明书上{product}的{spec}是多少", "{docref}第{k}章讲了啥", "{docref}里提到谁负责{doc_q}", "{docref}的结论是啥",
                 "帮我总结一下{docref}", "{docref}里一共列了几条{doc_q}", "根据{docref}回答：{doc_q}", "{docref}上说{spec}多少",
                 "查一下{docref}里关于{doc_q}的规定", "{docref}第{k}页的表格是什么意思", "按{docref}的说法，{doc_q}怎么算",
                 "{docref}里{doc_q}写的对不对", "翻一下{docref}，{doc_q}在哪一节"],
          "en": ["what does {docref} say about {doc_q}", "in {docref}, what is {doc_q}", "according to {docref}, what's {doc_q}",
                 "does {docref} mention {doc_q}", "look up {doc_q} in my documents", "what's the {spec} of {product} per the manual",
                 "summarize {docref}", "{docref} - what's {doc_q}?", "what's in chapter {k} of {docref}", "check {docref} for {doc_q}",
                 "who is responsible for {doc_q} according to {docref}", "search my docs for {doc_q}", "what does section {k}.{k2} of {docref} say",
                 "how many {doc_q} are listed in {docref}", "find {doc_q} in {docref}", "based on {docref}, what is {doc_q}"]},
    ASR: {"zh": ["{aud}里到底说了啥", "{aud}我听不清，帮我转成字", "{sender}发了条{k}秒的语音，说了什么", "{aud}里{sender}说的{detail}是多少",
                 "{aud}里说的{detail}是什么", "把{aud}里每句话都写下来", "一字不差地转写{aud}", "{aud}里唱的歌词是什么", "{aud}第{k}分钟说了啥",
                 "帮我听写{aud}", "把{aud}转成字幕", "{aud}能转成文本吗", "{aud}里提到了哪些人名", "{aud}里{sender}说的是方言吗",
                 "把{aud}转写成文字", "{sender}的语音说的啥", "语音转文字", "这条语音转一下文字", "{aud}，转文字", "帮我把{aud}逐字记下来",
                 "把{meet_aud}转成文字", "{meet_aud}转写一下"],
          "en": ["what exactly does {sender} say in {aud}", "write down the words in {aud}", "what's being said at {k}:{k2}0 in {aud}",
                 "get me the lyrics from {aud}", "{aud}, what did {sender} say?", "transcribe {aud}", "what's the {detail} {sender} mentions in {aud}",
                 "can u write down what's said in {aud}", "speech to text for {aud}", "which language is spoken in {aud}", "list every name said in {aud}",
                 "get me a transcript of {aud}", "type out {aud} word for word", "audio to text pls", "transcribe {meet_aud}",
                 "what words does {sender} use in {aud}", "make subtitles from {aud}"]},
    VU: {"zh": ["总结一下{vid}", "{vid}讲的啥", "概括下{vid}", "{vid}大概在说什么事", "{vid}的主要内容是什么", "{vid}最后那个人去哪了",
                "{vid}里有没有人进门", "{vid}第{k}秒出现的是什么", "{vid}里的狗是什么品种", "{vid}一共几个步骤", "{vid}里谁赢了",
                "帮我看看{vid}有没有不适合孩子的内容", "{vid}里的人在做什么运动", "{vid}是在哪拍的", "{vid}里出现的车是什么牌子",
                "总结一下{meet_vid}", "{meet_vid}里老板最后决定了什么", "把{meet_vid}的要点列出来", "{meet_vid}谁在讲PPT",
                "{meet_vid}讲了哪几个议题", "看一下{vid}，谁的责任", "{vid}拍得怎么样", "{vid}里的舞叫什么", "{vid}，说说讲了啥"],
         "en": ["summarize {vid}", "quick summary of {vid} pls", "tl;dr of {vid}?", "what's {vid} about", "what happens at the end of {vid}",
                "how many cars pass by in {vid}", "who scores in {vid}", "describe what's going on in {vid}", "is {vid} ok for kids",
                "where was {vid} filmed", "summarize {meet_vid}", "what was decided in {meet_vid}", "what were the action items in {meet_vid}",
                "list the topics covered in {meet_vid}", "who presents the slides in {meet_vid}", "in {vid}, who hit who",
                "rate the editing of {vid}", "find the part of {vid} where the dog jumps", "is the guy in {vid} doing the squat right"]},
    TTS: {"zh": ["把{textref}转成音频", "把{textref}变成语音文件", "把{textref}生成mp3", "文字转音频：{say}", "把{textref}做成音频",
                 "把你刚才的回答读出来", "用语音再说一遍", "把刚才那段念给我听", "把{textref}用{voice}读出来", "给{textref}配个音",
                 "把{textref}生成语音，我想听听效果", "念一下：{say}", "读给我听：{say}", "把{textref}朗读一遍", "这句话怎么读：{say}，读给我听",
                 "播报一下：{say}", "把{textref}转成语音发给我"],
          "en": ["turn {textref} into audio", "convert {textref} to an mp3", "make an audio file from {textref}", "text to audio: {say}",
                 "read your last answer out loud", "say that again but out loud", "read that back to me", "make {textref} into a voice recording",
                 "read {textref} in {voice}", "do a voiceover of {textref}", "read this out: {say}", "speak this: {say}",
                 "can you read {textref} to me", "i want to hear {textref} as audio", "generate an mp3 saying \"{say}\""]},
    TG: {"zh": ["{knowledge}", "{mention}", "{list}"],
         "en": ["{knowledge}", "{mention}", "{list}"]},
    IG: {"zh": ["画只{animal}", "画个{animal}", "画一只{animal}", "来张图：{subj}", "{subj}，画出来", "画画：{subj}", "生成图片 {subj}",
                "给我画{k2}只{animal}", "画一张{name}在踢足球的图", "生成一张{k}x{k}的{subj}壁纸", "帮我画个头像，要{style}的",
                "做一张给{name}的生日贺卡图片", "出张图 {subj}", "画个{style}风格的{animal}", "p一张{subj}的图"],
         "en": ["draw a {animal}", "draw {k2} {animal}s", "pic of {subj} pls", "a picture of {subj} please", "image of {subj}",
                "can i get an image of {subj}", "make me a pic of a {animal} in a space suit", "{subj}, {style}, 4k", "draw my {animal} as a superhero",
                "illustrate {subj}", "create a birthday card image for {name}", "generate a {style} {animal}"]},
    IU: {"zh": ["这张图是AI画的吗", "图里写的啥字", "这张X光片看着正常吗", "这是什么花？（发了照片）", "照片里这道菜叫什么", "这张发票金额多少",
                "帮我看看截图上的报错", "这张设计稿配色怎么样", "图里左边那个人穿的什么牌子", "这张身份证照片清楚吗", "我拍的这张{k}分能打几分",
                "图片里有几个人", "这张图表说明了什么趋势", "看看这张图，{animal}是什么品种", "照片里这是哪里"],
         "en": ["is this pic ai generated", "what does the text in this pic say", "rate my outfit in this pic 1-10", "what's this flower (photo attached)",
                "what breed is my {animal} in the photo", "what does this error screenshot mean", "how much is the total on this receipt photo",
                "does the color scheme of my design look ok", "is my id photo clear enough", "what trend does this chart show", "whats in this pic"]},
}

# Follow-ups that only make sense after the previous turn: the label is what the follow-up asks for.
FOLLOW_UP = {
    IG: {"zh": ["再来一张", "再画一张", "换个风格再画一张", "背景换成蓝色再画", "画得再可爱一点", "来张横版的"],
         "en": ["one more pic", "draw another one", "make it more colorful", "again but in anime style", "same but with a blue background"]},
    TTS: {"zh": ["读出来", "念一下", "读给我听", "用语音说", "再读一遍，慢一点"], "en": ["read it aloud", "say it out loud", "read it again slower", "voice it"]},
    TG: {"zh": ["再写一首", "换个说法", "再短一点", "翻译成英文", "继续", "更正式一点", "展开说说", "再举个例子"],
         "en": ["write another one", "shorter please", "translate it into english", "go on", "more formal", "give me another example", "continue"]},
    EXT: {"zh": ["换算成日元呢", "那上海呢，天气怎么样", "再提醒我一次，{when}", "后天呢，会下雨吗"],
          "en": ["what about in euros", "and the weather in {city}?", "remind me again {when}", "and tomorrow, will it rain?"]},
}

# Clauses written as parts of a compound request; each is a request for one expert.
CLAUSE = {
    TG: {"zh": ["写一段{topic}的文案", "写一首诗", "帮我写个总结", "翻译成英文", "写一封邮件给{name}", "写一段简介", "写个{k}字的观后感",
                "整理成会议纪要", "写一份{list_short}", "帮我写个回复", "写段朋友圈文案"],
         "en": ["write a caption", "write a poem about it", "draft a reply to {name}", "translate it into {lang}", "write a short summary",
                "turn it into meeting minutes", "write a {k} word description", "give me {k} title ideas", "write a tweet about it"]},
    IG: {"zh": ["配张图", "画一张{subj}", "做个封面图", "再生成一张类似风格的图", "设计个logo", "画一张示意图"],
         "en": ["draw {subj}", "make a cover image", "generate a similar picture", "design a logo for it", "create a thumbnail"]},
    TTS: {"zh": ["读出来", "用语音播报", "念给我听", "转成语音", "用{voice}读一遍"], "en": ["read it aloud", "say it out loud", "turn it into audio", "narrate it"]},
    EXT: {"zh": ["查一下{city}天气", "提醒我{when}{task}", "现在几点", "算一下{n}乘{n}", "查下{cur}汇率", "订{when}的闹钟"],
          "en": ["check the weather in {city}", "remind me to {task} {when}", "what time is it", "convert {n} {cur} to {cur}", "set a timer for {k} minutes"]},
    DQA: {"zh": ["看看{docref}里{doc_q}是多少", "根据{docref}回答{doc_q}", "总结一下{docref}"], "en": ["check {docref} for {doc_q}", "summarize {docref}"]},
    ASR: {"zh": ["把{aud}转成文字", "语音转文字"], "en": ["transcribe {aud}", "get the transcript of {aud}"]},
    VU: {"zh": ["总结一下{vid}", "看看{vid}讲了什么"], "en": ["summarize {vid}", "tell me what happens in {vid}"]},
    IU: {"zh": ["看看这张图里是什么", "识别一下图里的文字"], "en": ["describe this photo", "read the text in this image"]},
}
W["skill_zh"] = ["朗读", "摄影", "画画", "剪视频", "录音", "配音", "写合同", "做PPT", "写说明书", "拍视频", "做播客", "演讲", "记笔记",
                 "修图", "唱歌", "写报告", "看懂财报", "做会议记录", "读论文", "看地图"]
W["skill_en"] = ["reading aloud", "photography", "drawing", "video editing", "recording audio", "voice acting", "writing contracts",
                 "making slides", "writing manuals", "filming videos", "podcasting", "public speaking", "note taking",
                 "photo editing", "singing", "writing reports", "reading financial statements", "taking meeting minutes",
                 "reading papers", "drawing anime"]
W["thing_zh"] = ["麦克风", "相机", "修图软件", "剪辑软件", "录音笔", "扫描仪", "翻译软件", "日历App", "笔记软件", "投影仪", "音箱"]
W["thing_en"] = ["mic", "camera", "photo editor", "video editor", "voice recorder", "scanner", "calendar app", "note app", "speaker", "webcam"]
W["work_zh"] = ["红楼梦", "哈姆雷特", "三体", "泰坦尼克号", "西游记", "肖申克的救赎", "流浪地球", "百年孤独"]
W["work_en"] = ["hamlet", "titanic", "the matrix", "harry potter", "pride and prejudice", "inception", "the lion king", "1984"]
W["doc_kind_zh"] = ["合同", "租房合同", "说明书", "简历", "论文", "标书", "会议纪要", "PPT", "报告", "员工手册", "发票"]
W["doc_kind_en"] = ["contract", "lease", "user manual", "resume", "research paper", "proposal", "meeting minutes", "slide deck",
                    "report", "employee handbook", "invoice"]
W["say2_zh"] = ["今天也要加油哦", "3号线临时停运", "您的订单已发货", "明天上午9点开会", "晚安，祝你好梦", "北京今天晴，最高25度",
                "请在10分钟内到达3号门", "会议改到下午两点", "欢迎光临，今天全场8折", "你的快递到了", "现在是北京时间8点整",
                "请大家把手机调成静音", "本店营业时间是早9点到晚10点", "祝你生日快乐，天天开心", "温馨提示：今晚8点停水"]
W["say2_en"] = ["order 42 is ready for pickup", "the meeting moved to 3pm", "good night, sweet dreams", "it's sunny and 25 degrees today",
                "gate 12 is now boarding", "your package has arrived", "it is 8 o'clock", "we open at 9am tomorrow",
                "please silence your phones", "happy birthday, have a great day", "the total is 45 dollars"]
TEMPLATES_EXTRA = {
    TG: {"zh": ["这句话语法对吗：{sent}", "帮我安排一下{period}的时间表", "做一个{k}周的{activity}计划", "{fin}是什么意思",
                "{product}的{spec}一般是多少", "{product}的{spec}是多少", "写一段{product}的广告文案", "{product}值得买吗",
                "{product}和{product}哪个好",
                "如何提高{skill}水平", "怎么学{skill}", "{skill}入门要注意什么", "学{skill}有什么技巧", "推荐一款好用的{thing}",
                "{thing}怎么选", "总结一下{work}的剧情", "{work}讲了什么故事", "怎么写好一份{doc_kind}", "{doc_kind}一般包含哪些内容",
                "{doc_kind}和{doc_kind}有什么区别", "写一份{doc_kind}的模板", "法律上{doc_kind}怎么才算有效", "帮我写一段关于{skill}的心得",
                "{skill}对孩子有什么好处", "给我{k}个{skill}的练习方法", "写一篇{k}字的{work}读后感"],
         "en": ["is this sentence grammatical: {sent}", "make a {k} week {activity} schedule", "plan my {period}", "what is a {fin}",
                "what's the {spec} of {product}", "write an ad for {product}", "is {product} worth buying",
                "how do I get better at {skill}", "tips for {skill}", "how to start {skill}", "what's the best {thing} for beginners",
                "which {thing} should I buy", "summarize the plot of {work}", "what is {work} about", "how do I write a good {doc_kind}",
                "what usually goes in a {doc_kind}", "give me a {doc_kind} template", "what's the difference between a {doc_kind} and a {doc_kind}",
                "is {skill} a good hobby", "give me {k} exercises for {skill}", "write a {k} word review of {work}"]},
    TTS: {"zh": ["读给我听：{say2}", "播报一下：{say2}", "生成一段语音：{say2}", "用{voice}念：{say2}", "帮我把这句读出来：{say2}",
                 "念一下这条通知：{say2}", "语音播报：{say2}", "把“{say2}”转成语音"],
          "en": ["read this out: {say2}", "say \"{say2}\" in {voice}", "announce: {say2}", "voice this: {say2}",
                 "read me back what I wrote: {say2}", "read this aloud in a soft voice: {say2}", "make an mp3 that says {say2}"]},
    EXT: {"zh": ["帮我下单一个{product}", "{product}现在京东卖多少钱", "查一下{product}的物流",
                 "把{when}的会议改到{when}", "{when}的会议取消掉", "我{when}的日程有哪些安排", "帮我把{when}的会挪到{when}",
                 "{when}和{name}的会议推迟一小时", "帮我查一下{when}有没有会", "算一下{n}的平方根", "{n}开根号等于多少"],
          "en": ["order {product} for me", "what's the current price of {product} online",
                 "move my meeting with {name} to {when}", "reschedule {when}'s meeting", "what meetings do I have {when}",
                 "push my {when} call by an hour", "sqrt of {n}?", "square root of {n}", "cube root of {n}"]},
    IG: {"zh": ["画一张{product}的产品图", "给{product}设计一张海报"], "en": ["draw a product shot of {product}", "design a poster for {product}"]},
    IU: {"zh": ["这道题怎么做（看图）", "（看图）这是什么", "这张照片拍得好不好看", "这张图里的人穿的什么", "看看我画的画，有什么建议",
                "图上的表格第{k}列是什么数据", "图里的价格是多少"],
         "en": ["look at my drawing, any tips?", "what do you think of my photo", "what's the price on the tag in this pic",
                "how's my sketch (attached)", "what does the table in the screenshot say"]},
}
W["period_zh"] = ["周末两天", "这个暑假", "下周", "考试前一个月", "春节七天"]
W["period_en"] = ["weekend", "summer break", "next week", "exam month", "holiday week"]
W["activity_zh"] = ["马拉松训练", "减脂", "背单词", "健身", "复习", "钢琴练习"]
W["activity_en"] = ["marathon training", "weight loss", "vocabulary", "gym", "exam revision", "piano practice"]
W["fin_zh"] = ["股票拆分", "市盈率", "复利", "通货膨胀", "基金定投", "分红", "汇率"]
W["fin_en"] = ["stock split", "p/e ratio", "compound interest", "index fund", "dividend", "bond yield", "exchange rate"]
W["list_short"] = ["周报", "请假条", "会议议程", "出差申请", "报销说明", "购物清单"]

# Single requests whose one clause needs two experts (a specialist plus writing beyond what it returns).
SINGLE_MULTI = [
    ((ASR, TG), "zh", ["总结一下{meet_aud}", "把{meet_aud}整理成会议纪要", "{meet_aud}的要点总结一下", "根据{meet_aud}写一份会议纪要",
                      "把{aud}的内容整理成一篇文章"]),
    ((ASR, TG), "en", ["summarize {meet_aud}", "turn {meet_aud} into minutes", "write meeting notes from {meet_aud}",
                      "give me the key points of {meet_aud} as bullet points"]),
    ((DQA, TTS), "zh", ["把{docref}的第{k}节读给我听", "念一下{docref}里关于{doc_q}的部分", "把{docref}里的{doc_q}读出来"]),
    ((DQA, TTS), "en", ["read out the {doc_q} section from {docref}", "read me the part of {docref} about {doc_q}"]),
    ((EXT, TTS), "zh", ["用语音告诉我{city}天气", "用语音播报现在几点", "语音播报一下{cur}汇率"]),
    ((EXT, TTS), "en", ["tell me the time out loud", "read me the weather in {city}", "say the current time out loud"]),
    ((IU, TG), "zh", ["看图写作：根据这张图写一篇{k}字作文", "根据这张照片写一首诗", "照着这张图写一段朋友圈文案"]),
    ((IU, TG), "en", ["write a poem inspired by this photo", "write an instagram caption for this pic"]),
    ((VU, TG), "zh", ["看完这个视频写一篇{k}字观后感", "根据这个视频写一份操作手册"]),
    ((VU, TG), "en", ["write a blog post based on this video", "draft a press release from the demo video"]),
    ((DQA, TG), "zh", ["根据{docref}写一封邮件给{name}", "用{docref}里的数据写一篇新闻稿"]),
    ((DQA, TG), "en", ["draft an email to {name} based on {docref}", "write a linkedin post from {docref}"]),
]

CONNECT2 = {
    "zh": ["，", "，然后", "，再", "，并且", "；", "。", "，顺便", "，另外", "，还有", " ", "！", "，接着", "，之后"],
    "en": [", ", " and ", ", then ", "; ", ". ", " & ", " + ", ", also ", " and then ", ". also "],
}
ORDERED = {"zh": [("先", "，再"), ("先", "，然后"), ("第一，", "；第二，")], "en": [("first ", ", then "), ("", ", and after that ")]}

ABBREV_EN = [("please", "pls"), ("please", "plz"), ("you", "u"), ("your", "ur"), ("what's", "whats"), ("thanks", "thx"),
             ("tomorrow", "tmrw"), ("picture", "pic"), ("because", "bc"), ("about", "abt"), ("and", "&"), ("for", "4"), ("to", "2")]
SWAP_ZH = [("什么", "啥"), ("一下", "下"), ("吗", "嘛"), ("图片", "图"), ("图片", "pic"), ("视频", "video"), ("文档", "doc"), ("录音", "recording"),
           ("提醒", "remind"), ("翻译", "translate"), ("总结", "summary一下"), ("帮我", "help me"), ("帮我", "帮忙"), ("再", "在"),
           ("的", "得"), ("照片", "photo"), ("语音", "voice"), ("文件", "file"), ("天气", "weather"), ("画", "draw"), ("这个", "这")]
FILLER = {"zh": ["嗯，", "那个，", "emmm ", "额，", "急！", "在吗，", "hi，", "你好，", "麻烦问下，"],
          "en": ["um ", "hey ", "yo ", "ok so ", "quick one: ", "hi, ", "sorry, ", "pls "]}
TAIL = {"zh": ["", "", "呗", "哈", "呀", "啊", "～", "!!", "？？", " 谢谢", "😀", "，急", "。"], "en": ["", "", "!!", "??", " :)", " thx", " asap", " 🙏", "..."]}


def fill(template, rng, lang, base):
    """Fills {slot}s from this file's vocabularies first, then from make_dataset's (base)."""
    def sub(m):
        key = m.group(1)
        if key in ("aud", "vid") and rng.random() < 0.6:
            return rng.choice(W[key + "2_" + lang])
        if key == "n":
            return str(rng.choice([rng.randint(2, 99), rng.randint(100, 999), rng.randint(1000, 99999)]))
        for table in (W, base):
            if key in table:
                return rng.choice(table[key])
            if key + "_" + lang in table:
                return rng.choice(table[key + "_" + lang])
        raise KeyError(key)
    for _ in range(3):  # slots may fill in further slots ({task} → "call {name}")
        template = re.sub(r"\{(\w+)\}", sub, template)
    return template


def typo_en(word, rng):
    if len(word) < 4 or not word.isalpha():
        return word
    i = rng.randrange(1, len(word) - 1)
    kind = rng.random()
    if kind < 0.35:
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    if kind < 0.7:
        return word[:i] + word[i + 1:]
    return word[:i] + word[i] + word[i:]


def noisy(text, lang, rng):
    """One way people really type it: lower case, no final punctuation, abbreviations, a typo, a filler, mixed language."""
    t = text
    if lang == "en":
        if rng.random() < 0.6:
            t = t.lower()
        for a, b in ABBREV_EN:
            if rng.random() < 0.25:
                t = re.sub(r"\b" + re.escape(a) + r"\b", b, t)
        if rng.random() < 0.5:
            words = t.split(" ")
            j = rng.randrange(len(words))
            words[j] = typo_en(words[j], rng)
            t = " ".join(words)
    else:
        for a, b in SWAP_ZH:
            if a in t and rng.random() < 0.2:
                t = t.replace(a, b, 1)
        if rng.random() < 0.15 and len(t) > 6:
            i = rng.randrange(1, len(t) - 1)
            if "\u4e00" <= t[i] <= "\u9fff":
                t = t[:i] + t[i + 1:]
    if rng.random() < 0.5:
        t = t.rstrip("。.!！?？")
    if rng.random() < 0.2:
        t = rng.choice(FILLER[lang]) + t
    if rng.random() < 0.3:
        t = t + rng.choice(TAIL[lang])
    return t


def row(text, labels, lang, kind, clauses, source):
    return {"text": text, "labels": sorted(set(labels), key=EXPERTS.index), "lang": lang, "kind": kind,
            "clauses": clauses, "source": source}


def user_single(rng, expert, lang, base):
    pool = TEMPLATES[expert][lang] + TEMPLATES_EXTRA.get(expert, {}).get(lang, [])
    body = fill(rng.choice(pool), rng, lang, base)
    text = noisy(body, lang, rng) if rng.random() < 0.6 else body
    return row(text, [expert], lang, "single", [{"expert": expert, "instruction": body}], "user:" + expert)


def user_chat(rng, lang, base):
    body = fill(rng.choice(CHAT_NUM[lang]), rng, lang, base)
    text = noisy(body, lang, rng) if rng.random() < 0.4 else body
    return row(text, [TG], lang, "chat", [{"expert": TG, "instruction": body}], "user:chat-number")


def user_follow_up(rng, lang, base):
    expert = rng.choice(list(FOLLOW_UP))
    body = fill(rng.choice(FOLLOW_UP[expert][lang]), rng, lang, base)
    text = noisy(body, lang, rng) if rng.random() < 0.4 else body
    return row(text, [expert], lang, "follow-up", [{"expert": expert, "instruction": body}], "user:follow-up")


def user_single_multi(rng, base):
    experts, lang, templates = rng.choice(SINGLE_MULTI)
    body = fill(rng.choice(templates), rng, lang, base)
    text = noisy(body, lang, rng) if rng.random() < 0.5 else body
    return row(text, list(experts), lang, "single-multi", [{"expert": e, "instruction": body} for e in experts], "user:one-clause-two-experts")


def clause_for(rng, expert, lang, base, standalone):
    """A clause for one expert: a short compound-style clause, a user-style request or one of make_dataset's templates."""
    r = rng.random()
    if expert in CLAUSE and r < 0.4:
        return fill(rng.choice(CLAUSE[expert][lang]), rng, lang, base)
    if expert in TEMPLATES and expert != TG and r < 0.7:
        return fill(rng.choice(TEMPLATES[expert][lang]), rng, lang, base)
    return fill(rng.choice(standalone[expert][lang]), rng, lang, base)


def user_compound(rng, experts, lang, base, standalone):
    """Two or three clauses for different experts, in the order given (callers shuffle), joined the way people join them."""
    clauses = [clause_for(rng, e, lang, base, standalone) for e in experts]
    if len(experts) == 2 and rng.random() < 0.2:
        a, b = rng.choice(ORDERED[lang])
        text = a + clauses[0] + b + clauses[1]
    else:
        text = clauses[0]
        for c in clauses[1:]:
            text += rng.choice(CONNECT2[lang]) + c
    if rng.random() < 0.5:
        text = noisy(text, lang, rng)
    return row(text, list(experts), lang, "compound",
               [{"expert": e, "instruction": c} for e, c in zip(experts, clauses)], "user:compound")
