"""More kinds of requests for models/gate/make_dataset.py (DATASET.md, "Variety rows"; `source` `variety:*`).

Written for this project, by kind of request rather than by sentence: general questions built from question frames and
a wide pool of concepts (many of them another expert's words: OCR, speech recognition, PDF, photos, podcasts, exchange
rates), why-questions, advice and feelings, code with an error, "how do you say X", rewriting a given sentence, plans
and budgets with numbers; assistant tasks (flights between cities, rides, news, scores, stock prices, navigation,
calendar moves); text to read aloud whose content is about anything (times, money, weather, notices); documents named
without an attachment in a topic-comment form; the words in a clip, a voicemail or a podcast snippet; details seen in a
video; pictures marked "(see pic)"; and clauses that lean on the clause before them ("turn it into a todo list",
"换算成人民币", "make a cartoon version of it") for compound requests joined by commas in any order.
"""
import user_style
from user_style import TG, IG, IU, VU, ASR, TTS, DQA, EXT, row, noisy

W = {
    # general concepts, many of them another expert's words (hard negatives for the specialists)
    "c_zh": ["量子计算", "区块链", "通货膨胀", "光合作用", "黑洞", "相对论", "机器学习", "大语言模型", "OCR", "语音识别", "语音合成",
             "图像分割", "卷积神经网络", "PDF格式", "docx格式", "JPEG压缩", "视频编码", "H.264", "4K分辨率", "帧率", "采样率",
             "降噪耳机", "蓝牙", "5G", "云计算", "汇率", "复利", "基金定投", "GDP", "碳中和", "垃圾分类", "元宇宙", "NFT",
             "时区", "闰年", "农历", "二十四节气", "天气预报", "厄尔尼诺", "台风", "地震", "疫苗", "免疫系统", "血糖", "失眠",
             "冥想", "断舍离", "番茄工作法", "费曼学习法", "合同的违约金", "劳动合同", "个人所得税", "社保", "公积金", "房贷利率",
             "摄影构图", "白平衡", "景深", "剪辑转场", "播客", "有声书", "字幕组", "配音", "美颜滤镜", "深度伪造", "版权", "开源协议",
             "Python装饰器", "递归", "哈希表", "HTTP和HTTPS", "Docker", "Git分支", "SQL注入", "API", "正则表达式", "二维码"],
    "c_en": ["quantum computing", "blockchain", "inflation", "photosynthesis", "black holes", "relativity", "machine learning",
             "large language models", "ocr", "speech recognition", "speech synthesis", "image segmentation", "cnns",
             "the pdf format", "docx files", "jpeg compression", "video codecs", "h.264", "4k resolution", "frame rate",
             "sample rate", "noise cancelling", "bluetooth", "5g", "cloud computing", "exchange rates", "compound interest",
             "index funds", "gdp", "carbon neutrality", "the metaverse", "nfts", "time zones", "leap years", "the lunar calendar",
             "weather forecasting", "el nino", "hurricanes", "earthquakes", "vaccines", "the immune system", "blood sugar",
             "insomnia", "meditation", "the pomodoro technique", "liquidated damages in contracts", "employment contracts",
             "income tax", "mortgage rates", "the rule of thirds", "white balance", "depth of field", "video transitions",
             "podcasting", "audiobooks", "dubbing", "beauty filters", "deepfakes", "copyright", "open source licenses",
             "python decorators", "recursion", "hash tables", "http vs https", "docker", "git branches", "sql injection",
             "rest apis", "regular expressions", "qr codes", "dark mode", "screen readers", "voice assistants"],
    "ph_zh": ["天空是蓝色的", "晚上拍的照片容易糊", "手机录音有杂音", "视频通话会卡", "人会打哈欠", "猫喜欢纸箱", "飞机能飞起来",
              "冬天静电多", "截图放大会模糊", "汇率每天都在变", "油价会涨", "老照片会发黄", "耳机有电流声", "录自己的声音听着很怪",
              "电影院的爆米花那么贵", "下雨前会闷热", "人会做梦", "咖啡能提神", "海水是咸的", "月亮有阴晴圆缺", "闹钟响了还想睡",
              "合同要一式两份", "PDF打开是乱码", "视频会有马赛克", "天气预报说有雨却没下", "高铁比飞机还贵"],
    "ph_en": ["the sky is blue", "night photos come out blurry", "my own recorded voice sounds weird", "video calls lag",
              "we yawn", "cats love boxes", "planes can fly", "there's more static in winter", "screenshots look blurry when zoomed",
              "exchange rates change every day", "old photos turn yellow", "headphones buzz", "popcorn is so expensive at the movies",
              "it feels humid before rain", "we dream", "coffee keeps you awake", "the sea is salty", "the moon has phases",
              "pdfs show garbled text", "streaming video buffers", "the forecast said rain but it didn't", "music gives me chills"],
    "feel_en": ["feel nervous", "feel sad", "cry", "feel lonely", "get headaches", "feel anxious", "lose sleep", "feel unmotivated",
                "get cold feet", "feel overwhelmed"],
    "sit_en": ["before an exam", "after a breakup", "before a job interview", "on the first day at a new job", "before a presentation",
               "after moving to a new city", "before a first date", "before a big trip", "after graduating", "when starting a business",
               "before my driving test", "after having a baby"],
    "prob_zh": ["最近总是失眠", "和室友合不来", "工作压力太大", "不想上班", "考试前很紧张", "和男朋友吵架了", "孩子不爱写作业",
                "减肥一直没效果", "存不下钱", "拖延症很严重", "面试总是失败", "社恐不敢说话", "老板总是加班", "刚搬家不适应",
                "被同事甩锅了", "早上起不来", "颈椎疼"],
    "prob_en": ["i can't sleep lately", "my roommate is annoying", "work stress is killing me", "i keep procrastinating",
                "i'm nervous about my exam", "my kid won't do homework", "i can't save money", "i keep failing interviews",
                "my coworker takes credit for my work", "i can't wake up early", "my back hurts from sitting", "i feel burned out"],
    "code": ["for i in range(5) print(i)", "x = [1,2,3]; print(x[3])", "console.log(a + b", "SELECT * FORM users",
             "if (a = 1) { return true }", "def add(a, b) return a + b", "int main() { printf(\"hi\") }", "let s: String = 5;",
             "import pandas as pd; df = pd.read_csv(data.csv)", "img = cv2.imread('a.jpg'); img.shape()", "npm install 报错 EACCES",
             "git push 被拒绝 rejected non-fast-forward", "while True: pass", "list.append(1, 2)", "document.getElementByID('btn')",
             "ffmpeg -i in.mp4 out.mp3", "audio = whisper.load_model(base)", "TypeError: 'NoneType' object is not subscriptable",
             "NullPointerException at line 42", "SyntaxError: unexpected EOF", "pip install torch 失败", "Segmentation fault (core dumped)"],
    "phrase_zh": ["加油", "辛苦了", "好久不见", "恭喜发财", "慢走", "不好意思", "没关系", "一路顺风", "吃了吗", "随便", "绝了",
                  "我太难了", "改天请你吃饭", "打扰了", "收到", "先这样吧"],
    "phrase_en": ["break a leg", "it's raining cats and dogs", "piece of cake", "long time no see", "cheers", "my bad",
                  "no worries", "good luck", "see you later", "what's up", "I'm on my way", "nice to meet you"],
    "sent2_zh": ["我昨天去了超市买了很多的东西", "这个方案我觉得还是不够完美的", "希望大家能够积极的参加这次活动",
                 "他的英语说的非常流利", "本次会议主要讨论了三个问题", "我们的产品在市场上很受欢迎", "感谢您百忙之中抽出时间"],
    "sent2_en": ["me and him goes to school", "i has a apple", "their going to the store tomorrow", "please find attached my resume",
                 "we looking forward to hear from you", "the datas shows a clear trend", "i am writing to complain about my order"],
    "name_thing_zh": ["奶茶店", "公众号", "播客", "视频号", "宠物", "猫", "工作室", "读书会", "摄影工作室", "App", "乐队", "小红书账号"],
    "name_thing_en": ["bakery", "podcast", "youtube channel", "cat", "startup", "photography studio", "book club", "app", "band",
                      "newsletter", "game studio"],
    "occasion_zh": ["年会", "婚礼", "毕业典礼", "开业", "生日派对", "欢送会", "团建", "颁奖典礼", "家长会"],
    "occasion_en": ["a wedding toast", "a retirement party", "a graduation speech", "an award acceptance", "a team offsite",
                    "a farewell party", "a product launch", "a birthday toast"],
    # assistant tasks
    "ride_zh": ["滴滴", "出租车", "快车", "专车", "网约车"],
    "ride_en": ["uber", "lyft", "taxi", "cab", "ride"],
    "news_zh": ["最新的科技新闻", "今天的财经新闻", "体育新闻", "本地新闻", "国际新闻", "热搜"],
    "news_en": ["today's headlines", "the latest tech news", "business news", "the top stories today", "local news",
                "what's trending on twitter"],
    "team": ["湖人", "勇士", "皇马", "巴萨", "国足", "曼联", "the lakers", "the warriors", "real madrid", "man united", "the yankees"],
    "stock2": ["苹果", "特斯拉", "腾讯", "茅台", "英伟达", "AAPL", "TSLA", "NVDA", "MSFT", "阿里巴巴"],
    "day_zh": ["周一", "周二", "周三", "周四", "周五", "下周一", "下周三", "明天", "后天", "这周五", "月底"],
    "day_en": ["monday", "tuesday", "wednesday", "thursday", "friday", "next monday", "tomorrow", "the 15th", "next week"],
    "event_zh": ["会议", "周会", "面试", "牙医预约", "评审会", "客户拜访", "培训", "晚饭约会"],
    "event_en": ["meeting", "standup", "interview", "dentist appointment", "review", "client call", "training", "dinner"],
    "dom_en": ["the 3rd", "the 12th", "the 21st", "friday", "june 5", "christmas eve", "next tuesday"],
    # text to read aloud
    "wx_zh": ["晴", "多云", "小雨", "有雷阵雨", "大风降温", "雾霾"],
    "wx_en": ["sunny", "cloudy", "rainy", "stormy", "windy"],
    "tone_en": ["calm", "serious", "excited", "deep", "soft", "robotic", "news anchor", "british"],
    "vo_thing_en": ["presentation", "promo video", "podcast intro", "youtube intro", "product demo", "ad", "training video"],
    "vo_thing_zh": ["PPT", "宣传片", "短视频", "播客开头", "产品演示", "广告", "课件", "开场白"],
    # documents
    "docref3_zh": ["那份白皮书", "这份简历", "那份会议纪要", "上周的周报", "这份标书", "公司的报销制度", "那份调研报告", "招股说明书",
                   "项目立项书", "那份SOP", "设计规范文档", "保险条款", "体检报告", "那份审计报告"],
    "docref3_en": ["the whitepaper", "this resume", "the meeting notes", "last week's status report", "the bid document",
                   "the expense policy", "the research report", "the prospectus", "the sop", "the style guide",
                   "the insurance policy", "the audit report", "the onboarding deck", "the q3 report"],
    "dq3_zh": ["谁负责预算", "截止日期是哪天", "提到了哪些风险", "用的什么技术方案", "报销上限是多少", "结论是什么", "有几个里程碑",
               "第二部分讲了什么", "候选人做过哪些项目", "等待期多久", "核心指标是多少"],
    "dq3_en": ["who owns the budget", "what's the deadline", "which risks are listed", "what architecture does it use",
               "what's the reimbursement limit", "what's the conclusion", "how many milestones are there",
               "what's the notice period", "is subletting allowed", "which metrics are reported", "what sample size was used",
               "what consensus mechanism does it describe", "which projects has the candidate done", "what's the waiting period"],
    # the words in recordings
    "aud3_zh": ["这个播客片段", "这段语音片段", "这条微信语音", "这段电话留言", "这个录音文件", "这段讲座录音", "老师的课堂录音",
                "这段音频", "这个m4a", "这条语音备忘录"],
    "aud3_en": ["this audio snippet", "the voicemail", "this voice memo", "the lecture recording",
                "this whatsapp voice note", "the audio file", "this m4a", "the podcast snippet", "this phone message"],
    "aq_zh": ["提到了哪家餐厅", "说的地址是哪", "提到了哪个牌子", "说要带什么东西", "最后一句是什么", "提到了几个人",
              "说的电话号码是多少", "讲的是哪个城市", "说的是几点"],
    "aq_en": ["which restaurant they picked", "what day they want to meet", "what address is said",
              "which brand is mentioned", "what the last sentence is", "what number they read out", "what time they said"],
    # details seen in a video
    "vobj_zh": ["那块手表", "那双鞋", "那个包", "那件衣服", "那台相机", "那个杯子"],
    "vobj_en": ["the car", "the watch", "the sneakers", "the bag", "the jacket", "the camera", "the laptop"],
    "vattr_zh": ["是什么牌子", "是什么型号", "是什么颜色", "大概多少钱"],
    "vattr_en": ["what brand is", "what model is", "what color is"],
    # pictures marked as attached
    "pic_q_zh": ["这道物理题答案是多少", "这个电路图对吗", "这是什么植物", "这个标志是什么意思", "这道菜怎么做",
                 "这个错误提示什么意思", "这个表格的总数是多少", "这是哪个景点"],
    "pic_q_en": ["how do I solve this math problem", "what plant is this", "what does this sign mean", "what's wrong with my code",
                 "what dish is this", "what does this error mean", "what's the total in this table", "where is this place"],
    "pic_mark_zh": ["（看图）", "（附图）", "（见截图）", "[图片]", "（照片）", "，图发你了"],
    "pic_mark_en": [" (see pic)", " (pic attached)", " [image]", " (screenshot)", " - photo attached"],
}

GENERAL = {
    "zh": ["什么是{c}", "{c}是什么", "{c}是啥意思", "解释一下{c}", "简单讲讲{c}", "{c}的原理是什么", "{c}，说简单点", "{c}有什么用",
           "{c}是怎么工作的", "{c}和{c}有什么区别", "{c}难学吗", "给小学生解释一下{c}", "用一句话说明{c}", "关于{c}有哪些常见误区",
           "{c}的历史", "{c}的优缺点是什么", "我想了解一下{c}", "科普一下{c}", "{c}到底有没有用", "为什么{ph}", "{ph}是为什么",
           "我{prob}怎么办", "{prob}，有什么建议吗", "{prob}，好烦", "这段代码哪里错了 {code}", "{code} 这是什么问题",
           "帮我看下这段代码：{code}", "解释一下这行：{code}", "用英语怎么说“{phrase}”", "“{phrase}”用{lang}怎么说",
           "“{phrase_en}”是什么意思", "帮我改一下这句话：{sent2}", "这句话有语病吗：{sent2}", "润色一下：{sent2}",
           "帮我给{name_thing}起{k}个名字", "给我的{name_thing}想个名字", "写一段{occasion}上的发言", "帮我准备{occasion}的致辞",
           "月薪{money}怎么理财", "预算{money}元去{city}玩{k}天怎么安排", "{k}个月存{money}块，怎么做到", "帮我规划一下{k}天的复习计划",
           "我想学{c}，给我一个{k}周计划", "{c}入门推荐看什么书", "关于{c}出{k}道选择题", "写一篇关于{c}的科普文章",
           "推荐几部好看的{media}", "有什么好听的{media}推荐吗", "最近有什么值得看的{media}", "翻译成{lang}：{assist}",
           "把这句翻译成{lang}：{content}", "帮我把这句话写得正式一点：{content}", "写一篇关于{media}对{group}影响的文章"],
    "en": ["what is {c}", "explain {c}", "explain {c} like i'm five", "how does {c} work", "what's the point of {c}", "{c} vs {c}?",
           "is {c} hard to learn", "pros and cons of {c}", "eli5 {c}", "give me a quick intro to {c}", "why is {c} important",
           "common myths about {c}", "why do {ph}", "why is it that {ph}", "is it normal to {feel} {sit}", "how do I stop feeling anxious {sit}",
           "any tips for {sit}?", "{prob}, what should i do", "{prob}. advice?", "why does this throw an error: {code}",
           "what does this do: {code}", "fix my code pls {code}", "how do you say '{phrase}' in {lang}", "what does '{phrase}' mean",
           "how do you say {phrase_zh} in english", "proofread: {sent2}", "make this sound more polite: {sent2}",
           "is this grammatically correct: {sent2}", "give me {k} names for my {name_thing}", "name ideas for a {name_thing}?",
           "write {occasion}", "help me with {occasion}", "how can i save ${money} in {k} months", "plan a {k} day trip to {city} on a ${money} budget",
           "make me a {k} week plan to learn {c}", "best books to learn {c}", "quiz me on {c} with {k} questions",
           "write a blog post explaining {c}", "recommend some {media}", "any good {media} you'd suggest?",
           "top {k} {media} of all time", "translate to {lang}: {assist}", "translate this into {lang}: {content}",
           "make this sound more professional: {content}", "write an essay on how {media} affect {group}"],
}

ASSIST = {
    "zh": ["订{day}从{city}到{city}的机票", "帮我订一张{when}{city}飞{city}的票", "叫个{ride}去{place}", "帮我打个车到{place}",
           "{when}帮我叫{ride}去{place}", "查一下{news}", "今天有什么{news}", "{team}昨晚比分多少", "{team}下一场什么时候打",
           "{stock2}现在股价多少", "{stock2}今天涨了还是跌了", "导航去{place}", "去{place}怎么走最快", "{place}附近有什么好吃的",
           "把{day}的{event}改到{day}", "{day}的{event}帮我取消", "把{event}从{day}挪到{day}下午", "{day}的{event}提前半小时",
           "{city}现在几点", "{city}{day}下雨吗", "{k2}号线末班车几点", "给{name}转{money}块", "帮我查一下{city}到{city}的高铁还有没有票",
           "帮我在{city}订个{k2}晚的民宿", "查下我的{event}是几点", "{k}{unit}是多少{unit2}", "{k}{unit}等于几{unit2}",
           "{k}{unit}换成{unit2}是多少"],
    "en": ["book a flight from {city} to {city} on {dom}", "get me a flight to {city} on {dom}",
           "get me a {ride} to {place} {when}", "what are {news}", "show me {news}", "what was the score of {team} last night",
           "when do {team} play next", "what's {stock2} trading at", "is {stock2} up today", "directions to {place}",
           "fastest way to {place} right now", "good restaurants near {place}", "move my {event} from {day} to {day}",
           "cancel my {event} on {day}", "push the {event} on {day} back 30 min", "what time is it in {city}",
           "will it rain in {city} {day}", "send {name} ${money}", "any train tickets left from {city} to {city} {day}",
           "book an airbnb in {city} for {k2} nights", "what time is my {event} {day}", "convert {k} {unit} to {unit2}",
           "how many {unit2} is {k} {unit}", "{k} {unit} in {unit2}?"],
}

CONTENT = {
    "zh": ["{city}今天{wx}，最高气温{k}度", "列车即将到达{city}站", "本月新增用户{k}万", "请于{when}前提交周报",
           "欢迎参加今年的{occasion}", "{name_p}，祝你生日快乐", "距离考试还有{k}天，大家加油", "今日特价，全场{k2}折",
           "现在是北京时间{k2}点整", "会议将在{k}分钟后开始", "请{name_p}到{k2}号窗口办理", "下午{k2}点准时出发",
           "明天{wx}，出门记得带伞", "本店营业到晚上{k2}点", "第{k}号顾客请取餐", "汇率今天是{k2}点{k}",
           "从前有一只小{animal}，它住在森林的尽头", "春眠不觉晓，处处闻啼鸟", "小{animal}睡不着，妈妈给它讲了一个故事",
           "亲爱的{name_p}，见信好，这里一切都好"],
    "en": ["the weather in {city} is {wx}, high of {k}", "sign-ups doubled in {k} weeks", "please submit your report by {when}",
           "welcome to the annual {occasion2}", "happy birthday {name_p}", "the train to {city} is delayed by {k} minutes",
           "see you all {when}", "doors open at {k2} pm", "order {k}{k2} is ready", "the total comes to ${money}",
           "today's special is {k2} dollars off", "it's {k2} o'clock in {city}", "thank you for calling, please hold",
           "a small {animal} lived at the edge of the forest and loved the stars", "dear {name_p}, I hope this letter finds you well",
           "the old lighthouse keeper climbed the stairs one last time", "twinkle twinkle little star"],
}
W["media_zh"] = ["纪录片", "播客", "有声书", "摄影集", "动画片", "电子游戏", "短视频博主", "电影", "综艺", "漫画"]
W["media_en"] = ["documentaries", "podcasts", "audiobooks", "photo books", "animated films", "video games", "youtube channels",
                 "movies", "tv shows", "comics"]
W["group_zh"] = ["青少年", "老年人", "小学生", "上班族", "家庭关系"]
W["group_en"] = ["teens", "kids", "older people", "students", "families"]
W["unit_zh"] = ["英尺", "英寸", "磅", "盎司", "英里", "加仑", "华氏度", "公里", "斤"]
W["unit2_zh"] = ["厘米", "米", "公斤", "克", "公里", "升", "摄氏度"]
W["unit_en"] = ["feet", "inches", "pounds", "ounces", "miles", "gallons", "fahrenheit", "km", "kg"]
W["unit2_en"] = ["cm", "meters", "kg", "grams", "km", "liters", "celsius", "miles", "pounds"]
W["name_p"] = ["小王", "张总", "李老师", "王阿姨", "Anna", "Tom", "Sarah", "大家"]
W["occasion2"] = ["meetup", "gala", "company picnic", "conference", "science fair"]

READ = {
    "zh": ["用{voice}把这段念一下：{content}", "读一下这句：{content}", "把这句转成语音：{content}", "帮我念：{content}", "{content}——帮我读出来",
           "给这段配音：{content}", "生成一段语音，内容是：{content}", "我想听这句的发音：{content}", "{vo_thing}的旁白，帮我配音：{content}",
           "用{voice}播报：{content}", "把“{content}”读出来"],
    "en": ["say \"{content}\" in a {tone} voice", "voiceover for my {vo_thing}: {content}", "read this aloud: {content}",
           "narrate: {content}", "record this in a {tone} voice: {content}", "text to speech: {content}", "can you say this out loud: {content}",
           "read out \"{content}\"", "make an audio clip that says: {content}", "do a {tone} voiceover: {content}"],
}

DOC3 = {
    "zh": ["{docref3}里提到{dq3}", "{docref3}，{dq3}？", "从{docref3}看，{dq3}", "{docref3}中{dq3}", "翻翻{docref3}，{dq3}",
           "根据{docref3}，这个人适合做{role}吗", "按{docref3}，{dq3}"],
    "en": ["{docref3}, {dq3}?", "in {docref3}, {dq3}", "according to {docref3}, {dq3}", "{docref3} - {dq3}",
           "based on {docref3}, is the candidate a fit for {role}", "check {docref3}: {dq3}"],
}
W["role_zh"] = ["前端", "产品经理", "数据分析", "销售主管", "运营"]
W["role_en"] = ["a backend role", "product manager", "data analyst", "team lead", "sales"]

ASR3 = {
    "zh": ["{aud3}里{aq}", "{aud3}，{aq}", "听一下{aud3}，{aq}", "{aud3}能出个srt字幕吗", "{aud3}帮我出个字幕",
           "{aud3}是说什么", "把{aud3}里的原话写给我"],
    "en": ["in {aud3}, {aq}", "listen to {aud3} and tell me {aq}", "{aud3}: {aq}?", "make an srt file for {aud3}",
           "write out {aud3} word for word", "what's said in {aud3}"],
}
W["aq"] = None  # filled per language below

VID3 = {
    "zh": ["{vid}里出现的{vobj}{vattr}", "{vid}里{vobj}{vattr}", "给我个{vid}的简短总结", "{vid}，快速总结一下", "{vid}有啥看点"],
    "en": ["{vattr} {vobj} in {vid}", "short summary of {vid} please", "{vid} - tldr?",
           "what's the highlight of {vid}"],
}

PIC3 = {"zh": ["{pic_q}{pic_mark}", "{pic_mark}{pic_q}", "帮我看看{pic_q}{pic_mark}", "{picref}里{vobj}{vattr}", "{picref}上的{vobj}{vattr}"],
        "en": ["{pic_q}{pic_mark}", "{pic_q}? see the photo", "{vattr} {vobj} in {picref}", "{vobj} in {picref} - {vattr} it?"]}
W["picref_zh"] = ["图", "这张图", "照片", "这张照片", "截图", "我发的图", "这张图片"]
W["picref_en"] = ["the picture", "this photo", "the image", "my pic", "the screenshot", "this pic"]

# Clauses that lean on the clause before them (pronouns, 成/it): what the clause asks for is its label.
LEAN = {
    TG: {"zh": ["整理成待办事项", "换成大白话", "整理成表格", "写个总结", "写成一个小故事", "扩写到{k}00字", "写个{k}字的说明",
                "帮我写个回复", "编成一首打油诗", "出{k}道题考考我", "列个提纲", "起个标题", "写个点评", "写成朋友圈文案"],
         "en": ["list the action items from it", "make it a bullet list", "rewrite it more casually", "put it in a table", "write a short summary",
                "turn it into a short story", "expand it to {k}00 words", "draft a reply", "make it a limerick", "quiz me on it",
                "outline it", "give it a title", "write a review of it", "make it a tweet"]},
    IG: {"zh": ["画成漫画风", "做成海报", "配张插图", "画一张类似的", "做个封面", "画个示意图", "生成一张头像", "画个logo"],
         "en": ["redraw it as a cartoon", "turn it into a poster", "add an illustration", "draw something similar",
                "make a cover for it", "draw a diagram of it", "make an avatar from it", "design a logo for it"]},
    EXT: {"zh": ["换算成{cur}", "加到日历里", "设个{when}的提醒", "查下现在的汇率", "算一下总共多少钱", "发给{name}"],
          "en": ["convert it to {cur}", "add it to my calendar", "remind me {when}", "check today's rate",
                 "work out the total", "email it to {name}"]},
    TTS: {"zh": ["读出来", "念给我听", "转成语音", "生成mp3", "用{voice}读一遍", "配个音"],
          "en": ["read it aloud", "say it out loud", "turn it into audio", "make an mp3 of it", "narrate it", "voice it"]},
}


def _lang_slot(key, lang):
    v = W.get(key + "_" + lang)
    return v if v is not None else W.get(key)


def fill(template, rng, lang, base):
    """Fills this file's slots for the language, then user_style's and make_dataset's."""
    table = {k: v for k, v in W.items() if v is not None and not k.endswith(("_zh", "_en"))}
    for k in list(W):
        if k.endswith("_" + lang):
            table[k[:-3]] = W[k]
    table["aq"] = W["aq_" + lang]
    if lang == "zh":
        table["phrase_en"] = W["phrase_en"]
        table["sent2"] = W["sent2_zh"]
    else:
        table["phrase_zh"] = W["phrase_zh"]

    def once(t):
        out, i = [], 0
        while i < len(t):
            j = t.find("{", i)
            if j < 0:
                out.append(t[i:])
                break
            k = t.find("}", j)
            key = t[j + 1:k]
            out.append(t[i:j])
            if key == "content":
                out.append(fill(rng.choice(CONTENT[lang]), rng, lang, base))
            elif key == "assist":
                out.append(fill(rng.choice(ASSIST[lang]), rng, lang, base))
            elif key in table:
                out.append(rng.choice(table[key]))
            else:
                out.append("{" + key + "}")
            i = k + 1
        return "".join(out)

    return user_style.fill(once(template), rng, lang, base)


def _single(rng, expert, templates, lang, base, source, p_noise=0.5):
    body = fill(rng.choice(templates[lang]), rng, lang, base)
    text = noisy(body, lang, rng) if rng.random() < p_noise else body
    return row(text, [expert], lang, "single", [{"expert": expert, "instruction": body}], "variety:" + source)


MEETING = {"zh": ["把{meet_aud}整理成要点", "{meet_aud}帮我出个纪要", "听{meet_aud}，把结论和待办写出来", "根据{meet_aud}写个会议总结",
                   "{meet_aud}的重点帮我提炼一下", "{aud}听完帮我写个摘要"],
           "en": ["recap {meet_aud} for me", "write up minutes from {meet_aud}", "{meet_aud}: key decisions and action items please",
                  "give me a summary of {meet_aud}", "bullet-point recap of {meet_aud}", "listen to {aud} and write a short summary"]}


def meeting_audio(rng, lang, base):
    body = fill(rng.choice(MEETING[lang]), rng, lang, base)
    text = noisy(body, lang, rng) if rng.random() < 0.5 else body
    return row(text, [ASR, TG], lang, "single-multi", [{"expert": e, "instruction": body} for e in (ASR, TG)], "variety:meeting-audio")


def general(rng, lang, base):
    return _single(rng, TG, GENERAL, lang, base, "general")


def assistant(rng, lang, base):
    return _single(rng, EXT, ASSIST, lang, base, "assistant")


def read_aloud(rng, lang, base):
    return _single(rng, TTS, READ, lang, base, "read-content")


def document(rng, lang, base):
    return _single(rng, DQA, DOC3, lang, base, "docref")


def spoken(rng, lang, base):
    return _single(rng, ASR, ASR3, lang, base, "spoken")


def video(rng, lang, base):
    return _single(rng, VU, VID3, lang, base, "video")


def picture(rng, lang, base):
    return _single(rng, IU, PIC3, lang, base, "picture")


SINGLES = {TG: (GENERAL,), EXT: (ASSIST,), TTS: (READ,), DQA: (DOC3,), ASR: (ASR3,), VU: (VID3,), IU: (PIC3,)}

JOIN = {"zh": ["，", "，", "，然后", "，再", "，顺便", "；", "。", "，并", "，最后", " "],
        "en": [", ", ", ", ", then ", " and ", " & ", "; ", ". ", ", and then ", ", finally "]}


def compound(rng, experts, lang, base, standalone):
    """Clauses for two or three experts, the later ones sometimes leaning on the first ("turn it into a todo list")."""
    clauses = []
    for i, e in enumerate(experts):
        r = rng.random()
        if i > 0 and e in LEAN and r < 0.45:
            clauses.append(fill(rng.choice(LEAN[e][lang]), rng, lang, base))
        elif e in SINGLES and r < 0.7:
            clauses.append(fill(rng.choice(SINGLES[e][0][lang]), rng, lang, base))
        else:
            clauses.append(user_style.clause_for(rng, e, lang, base, standalone))
    text = clauses[0]
    for c in clauses[1:]:
        text += rng.choice(JOIN[lang]) + c
    if rng.random() < 0.4:
        text = noisy(text, lang, rng)
    return row(text, list(experts), lang, "compound",
               [{"expert": e, "instruction": c} for e, c in zip(experts, clauses)], "variety:compound")
