#!/usr/bin/env python3
"""Builds the gate's bilingual routing dataset (models/gate/data/{train,dev,test}.jsonl).

Every line is composed here from hand-written templates and slot vocabularies (see DATASET.md).
Standard library only, fixed seed: `python3 models/gate/make_dataset.py` always writes the same files.
"""
import json
import os
import random
import re

import user_style
import contrast
import variety

SEED = 20261123
DEV, TEST = 8000, 8000
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "data")

TG, IG, IU, VU, ASR, TTS, DQA, EXT = (
    "text_generation", "image_generation", "image_understanding", "video_understanding",
    "asr", "tts", "document_qa", "external_services")
EXPERTS = [TG, IG, IU, VU, ASR, TTS, DQA, EXT]

# ---------------------------------------------------------------- slot vocabularies
V = {
    "topic_zh": ["春天来了", "我的家乡", "人工智能的未来", "环境保护", "一次难忘的旅行", "秋天的落叶", "友谊", "坚持的力量",
                 "我的母亲", "中秋节", "科技改变生活", "读书的乐趣", "大海", "月亮", "夏夜", "校园生活", "团队合作", "时间管理",
                 "健康饮食", "城市的夜晚", "第一场雪", "老街", "梦想", "长城", "故宫", "青春", "家乡的小河", "毕业季", "春节",
                 "端午节", "宇宙探索", "垃圾分类", "网络安全", "运动的好处", "一只流浪猫", "雨后的彩虹", "爷爷的菜园", "远方",
                 "星空", "江南水乡", "新能源汽车", "乡村振兴", "我的老师", "成长的烦恼", "咖啡", "春天的花园", "秋收", "海边日落"],
    "topic_en": ["spring", "my hometown", "the future of AI", "climate change", "friendship", "a rainy day", "the ocean",
                 "space exploration", "remote work", "healthy eating", "time management", "the moon", "a summer night",
                 "teamwork", "coffee", "the first snow", "an old bookstore", "growing up", "electric cars", "recycling",
                 "online privacy", "the benefits of running", "a stray cat", "the rainbow after rain", "my grandmother's garden",
                 "the night sky", "autumn leaves", "graduation", "Christmas", "Lunar New Year", "a trip to Paris",
                 "learning a new language", "the history of tea", "mountains", "city lights", "a lighthouse", "sunset at the beach",
                 "the importance of sleep", "kindness", "volunteering"],
    "genre_zh": ["文章", "作文", "散文", "短文", "故事", "小故事", "演讲稿", "博客", "随笔", "日记", "童话", "短评"],
    "genre_en": ["essay", "short story", "blog post", "article", "speech", "story", "diary entry", "fairy tale", "short essay",
                 "newsletter", "opinion piece"],
    "poem_zh": ["诗", "现代诗", "七言绝句", "五言诗", "打油诗", "歌词", "对联", "藏头诗"],
    "poem_en": ["poem", "haiku", "limerick", "sonnet", "song lyrics", "short poem", "rap verse"],
    "subj_zh": ["一只在草地上奔跑的小猫", "夕阳下的海滩", "赛博朋克风格的城市夜景", "雪山下的小木屋", "一只戴着帽子的柴犬", "水墨山水",
                "骑马的宇航员", "樱花树下的少女", "未来感的跑车", "星空下的帐篷", "一碗热腾腾的拉面", "下雨的街道", "森林里的小鹿",
                "一座漂浮在空中的城堡", "古风庭院", "一杯拿铁咖啡", "熊猫吃竹子", "海底世界", "日落时的金字塔", "冬天的雪人",
                "秋天的枫叶林", "一只会飞的鲸鱼", "机器人在读书", "中国龙", "荷塘月色", "蒸汽朋克风格的火车", "田野里的向日葵",
                "灯火通明的夜市", "一只橘猫在窗台上晒太阳", "一家温馨的书店", "春天来了", "孩子们在放风筝", "未来城市"],
    "subj_en": ["a cat running on the grass", "a beach at sunset", "a cyberpunk city at night", "a cabin under snowy mountains",
                "a shiba inu wearing a hat", "an astronaut riding a horse", "a girl under a cherry blossom tree",
                "a futuristic sports car", "a tent under the stars", "a bowl of hot ramen", "a rainy street in Tokyo",
                "a deer in the forest", "a castle floating in the sky", "a cup of latte", "a panda eating bamboo",
                "an underwater coral reef", "the pyramids at sunset", "a snowman in winter", "a maple forest in autumn",
                "a flying whale", "a robot reading a book", "a chinese dragon", "a steampunk train", "a field of sunflowers",
                "a busy night market", "an orange cat sleeping on a windowsill", "a cozy bookstore", "a lighthouse in a storm",
                "kids flying kites", "a futuristic city", "a red fox in the snow", "a mountain lake at dawn", "a dragon made of clouds"],
    "style_zh": ["水彩", "油画", "素描", "动漫", "像素", "3D", "写实", "国风", "卡通", "极简", "赛博朋克", "宫崎骏"],
    "style_en": ["watercolor", "oil painting", "pencil sketch", "anime", "pixel art", "3d render", "photorealistic",
                 "cartoon", "minimalist", "studio ghibli", "cyberpunk", "low poly"],
    "brand_zh": ["咖啡店", "奶茶店", "科技公司", "宠物医院", "书店", "健身房", "面包房", "花店"],
    "brand_en": ["coffee shop", "tech startup", "bakery", "pet clinic", "bookstore", "gym", "flower shop", "law firm"],
    "img_zh": ["这张图", "这张图片", "这张照片", "这幅画", "这张截图", "图里", "图片中", "照片上", "这张相片", "上面这张图"],
    "img_en": ["this image", "this picture", "this photo", "the photo", "this screenshot", "the picture", "the image I sent",
               "the attached photo", "this pic"],
    "vid_zh": ["这个视频", "这段视频", "视频里", "这段录像", "这个短视频", "这段监控视频", "这个vlog", "这段影片", "这个片段"],
    "vid_en": ["this video", "this movie clip", "the trailer", "this tiktok", "the livestream replay", "this vlog", "the video", "this clip", "the footage", "this recording of the game", "the video I uploaded",
               "this short video", "the attached video", "the security footage"],
    "aud_zh": ["这段录音", "这段语音", "这个音频", "这条语音消息", "会议录音", "这段采访录音", "这段音频", "这个语音", "这段讲座录音"],
    "aud_en": ["this recording", "this voicemail", "the phone call recording", "the audio message", "this mp3", "this audio", "the voice memo", "this voice message", "the meeting recording",
               "the audio file", "this podcast clip", "the interview recording", "the lecture recording"],
    "doc_zh": ["这个文件", "这份文档", "这份PDF", "这份合同", "这份报告", "这篇论文", "这个表格", "这份简历", "这份说明书",
               "这份会议纪要", "上传的文件", "附件里的文档", "这本电子书", "这份财报", "这个Word文档", "这份PPT"],
    "doc_en": ["this file", "the attached study", "the uploaded slides", "the whitepaper", "the handbook", "the invoice pdf", "this document", "this pdf", "the contract", "the report", "this paper", "the spreadsheet",
               "my resume", "the manual", "the meeting minutes", "the uploaded file", "the attached document",
               "this ebook", "the annual report", "the slides", "the docx I uploaded"],
    "doc_q_zh": ["违约条款", "付款方式", "结论", "主要观点", "第三季度的销售额", "作者是谁", "有效期", "保修期限", "联系人",
                 "核心贡献", "风险提示", "第二章的内容", "关键数据", "实验方法", "总金额", "工作经历", "第3条的内容", "第12页的表格", "2023年的净利润", "退款政策", "使用的数据集", "电池续航"],
    "doc_q_en": ["the termination clause", "the payment terms", "the conclusion", "the main argument", "Q3 revenue",
                 "the author", "the warranty period", "the deadline", "the key findings", "the methodology",
                 "the total amount", "chapter two", "the risks mentioned", "the contact person", "section 3", "the table on page 12", "net profit in 2023", "the refund policy", "the dataset used", "battery life"],
    "say_zh": ["欢迎光临本店", "会议推迟到下午3点", "前方到站人民广场", "本次航班即将起飞", "请带好随身物品", "床前明月光，疑是地上霜", "祝你生日快乐", "会议将在十分钟后开始",
               "请注意安全", "欢迎来到我们的直播间", "早上好，新的一天开始了", "谢谢大家的支持", "列车即将到站",
               "新年快乐，万事如意", "请保持安静"],
    "say_en": ["welcome to our store", "the store closes at 9 pm", "flight 302 is now boarding", "your order number is 4512", "happy birthday to you", "the meeting starts in ten minutes",
               "please mind the gap", "thank you for your support", "the train is arriving", "have a nice day",
               "hello world", "dinner is ready"],
    "voice_zh": ["女声", "男声", "温柔的声音", "新闻播音腔", "童声", "普通话", "慢一点的语速"],
    "voice_en": ["a female voice", "a male voice", "a calm voice", "a british accent", "a slow voice", "a cheerful voice"],
    "city_zh": ["北京", "上海", "广州", "深圳", "杭州", "成都", "武汉", "西安", "南京", "重庆", "东京", "纽约", "伦敦", "巴黎", "香港"],
    "city_en": ["Beijing", "Shanghai", "London", "Paris", "New York", "Tokyo", "Berlin", "Sydney", "Toronto", "Singapore",
                "Seattle", "Madrid", "Hong Kong", "Dubai"],
    "cur_zh": ["美元", "欧元", "日元", "英镑", "港币", "人民币", "韩元"],
    "cur_en": ["USD", "EUR", "JPY", "GBP", "CNY", "dollars", "euros", "yen"],
    "stock": ["AAPL", "TSLA", "MSFT", "NVDA", "茅台", "腾讯", "阿里巴巴", "GOOG"],
    "lang_zh": ["英文", "中文", "日语", "法语", "德语", "韩语", "西班牙语"],
    "lang_en": ["English", "Chinese", "Japanese", "French", "German", "Spanish", "Korean"],
    "sent_zh": ["今天天气很好", "我明天去上海开会", "这个产品非常好用", "欢迎来到中国", "学而时习之", "谢谢你的帮助"],
    "sent_en": ["I love reading books", "the meeting is postponed", "where is the train station", "see you tomorrow",
                "knowledge is power", "thanks for your help"],
    "code_task_zh": ["快速排序", "二分查找", "读取CSV文件", "爬取网页标题", "计算斐波那契数列", "反转链表", "发送HTTP请求", "判断回文"],
    "code_task_en": ["quicksort", "binary search", "read a csv file", "reverse a linked list", "parse json",
                     "compute fibonacci numbers", "check for palindromes", "merge two sorted lists"],
    "plang": ["Python", "C#", "Java", "JavaScript", "Go", "Rust", "C++", "SQL"],
    "tech_zh": ["语音识别", "语音合成", "图像识别", "OCR", "文生图", "视频理解", "汇率", "天气预报", "PDF", "录音笔", "TTS", "ASR",
                "Stable Diffusion", "人脸识别", "短视频", "播客", "计算器", "股票", "知识库", "扫描仪"],
    "tech_en": ["speech recognition", "text to speech", "image recognition", "ocr", "text to image models", "video analysis",
                "exchange rates", "weather forecasting", "pdf files", "tts", "asr", "stable diffusion", "face recognition",
                "podcasts", "calculators", "the stock market", "voice assistants", "document scanners", "subtitles"],
    "dialect_zh": ["普通话", "粤语", "英语", "四川话", "日语", "上海话"],
    "dialect_en": ["English", "Spanish", "Mandarin", "Cantonese", "French", "German"],
    "person_zh": ["这个人", "穿红衣服的人", "那个小孩", "左边的男人", "戴眼镜的女生", "那只狗", "主持人"],
    "person_en": ["the man in red", "the woman on the left", "the kid", "the guy with glasses", "the dog", "the driver", "the host"],
    "media_zh": ["公众号文章", "博客", "B站视频", "播客", "新书", "演讲", "课程", "产品发布会", "朋友圈"],
    "media_en": ["blog post", "youtube video", "podcast", "new book", "talk", "course", "product launch", "newsletter"],
    "country_zh": ["澳大利亚", "法国", "日本", "巴西", "埃及", "加拿大", "意大利", "印度", "泰国", "德国"],
    "country_en": ["Australia", "France", "Japan", "Brazil", "Egypt", "Canada", "Italy", "India", "Thailand", "Germany"],
    "book_zh": ["红楼梦", "百年孤独", "三体", "活着", "围城", "西游记"],
    "book_en": ["Hamlet", "Pride and Prejudice", "The Little Prince", "1984", "Moby Dick", "The Great Gatsby"],
    "concept_zh": ["量子计算", "区块链", "机器学习", "相对论", "光合作用", "通货膨胀", "黑洞", "神经网络", "牛顿第二定律",
                   "供需关系", "云计算", "碳中和", "基因编辑", "元宇宙"],
    "concept_en": ["quantum computing", "blockchain", "machine learning", "relativity", "photosynthesis", "inflation",
                   "black holes", "neural networks", "supply and demand", "cloud computing", "the french revolution",
                   "compound interest", "dna", "recursion"],
}


def num(rng):
    return str(rng.choice([rng.randint(2, 99), rng.randint(100, 999), rng.randint(1000, 99999)]))


def fill(template, rng, lang):
    def sub(m):
        key = m.group(1)
        if key == "n":
            return num(rng)
        if key == "n2":
            return num(rng)
        if key in V:
            return rng.choice(V[key])
        return rng.choice(V[key + "_" + lang])
    return re.sub(r"\{(\w+)\}", sub, template)


# ---------------------------------------------------------------- standalone clauses, per expert and language
# Each string is one request body (no polite prefix); {slot} picks from V (language suffix added when needed).
T = {
    TG: {
        "zh": ["写一篇《{topic}》的文章", "{tech}是什么", "介绍一下{tech}", "{tech}和{tech}有什么区别", "写一篇关于{tech}的科普文章", "{tech}的原理是什么",
               "用{lang}怎么说“{sent}”", "“{sent}”用{lang}怎么讲", "怎么学好{concept}", "给我推荐几部好看的电影", "帮我写一份辞职信",
               "帮我想一个{topic}活动的策划方案", "写一个介绍{brand}的视频脚本", "帮我写一份{n}字的{genre}", "写第{n}章的大纲",
               "我该怎么准备面试", "{country}的首都是哪里", "谁发明了电话", "世界上最高的山是哪座", "《{book}》的作者是谁", "{country}有什么好吃的", "帮我写一个{plang}脚本批量重命名文件", "怎么做红烧肉", "如何缓解焦虑", "给我一个减肥计划",
               "帮我分析一下这个想法：开一家{brand}", "写一段关于{topic}的视频文案", "写一篇{tech}行业的分析报告",  "写一篇关于{topic}的{genre}", "以{topic}为题写一篇{genre}", "写一首关于{topic}的{poem}",
               "给我写一首{poem}，主题是{topic}", "把这句话翻译成{lang}：{sent}", "翻译成{lang}：{sent}", "解释一下什么是{concept}",
               "用通俗的话讲讲{concept}", "{concept}是什么意思", "用{plang}写一个{code_task}", "帮我写一段{plang}代码实现{code_task}",
               "写一封请假邮件", "写一封给客户的道歉信", "帮忙润色一下这段话：{sent}", "给{brand}想几句广告语", "给{brand}起个名字",
               "写一份周报", "写一段生日祝福", "写一个关于{topic}的故事", "续写这个故事：从前有一只小狐狸", "总结一下{concept}的优缺点",
               "列一个学习{plang}的计划", "给我讲讲{topic}", "为什么天空是蓝色的", "推荐几本关于{concept}的书", "写一段{topic}的开场白",
               "写一篇八百字的作文，题目是{topic}", "帮我构思一个{topic}的小说大纲", "比较一下{concept}和{concept}",
               "写一个关于{topic}的朋友圈文案", "帮我写一段画图的提示词，内容是{subj}", "写一段描述{subj}的文字",
               "解释一下语音识别的原理", "介绍一下文生图模型是怎么工作的", "天气预报是怎么做出来的", "计算机是谁发明的",
               "写一篇介绍{city}的游记", "视频剪辑有哪些技巧", "如何拍出好看的照片", "写一个短视频的脚本，主题是{topic}",
               "帮我写一段演讲稿，关于{topic}", "给我出五道关于{concept}的选择题", "把这段话改得更正式一些：{sent}",
               "写一首适合朗诵的{poem}", "如何提高{plang}编程能力", "{topic}这个题目怎么写", "讲一个关于{topic}的笑话",
               "用三句话概括{concept}", "写一份{brand}的商业计划书", "给我一些时间管理的建议", "帮我想一个{topic}的标题"],
        "en": ["write an essay about {topic}", "what is {tech}", "explain the difference between {tech} and {tech}", "write an article about {tech}",
               "how does {tech} work", "how do you say \"{sent}\" in {lang}", "recommend some good sci-fi movies", "write a resignation letter",
               "plan a birthday party for my kid", "how do I make pancakes", "write a script for a video introducing our {brand}",
               "what are some good names for a puppy", "write a {n} word {genre} about {topic}", "how should I prepare for an interview", "what's the capital of {country}", "who wrote {book}",
               "what's the tallest mountain in the world", "who invented the telephone", "what food is {country} famous for",
               "write a python script that renames files", "give me a workout plan", "what's the history of {tech}",
               "write a video script about {topic}", "help me reply to my landlord", "write an analysis of the {tech} industry",  "write a {genre} about {topic}", "write a {poem} about {topic}",
               "compose a {poem} on {topic}", "translate this into {lang}: {sent}", "translate \"{sent}\" to {lang}",
               "explain {concept} in simple terms", "what is {concept}", "how does {concept} work", "write a {plang} function for {code_task}",
               "implement {code_task} in {plang}", "write a polite email asking for a day off", "draft a cover letter for a software job",
               "proofread this sentence: {sent}", "give me a slogan for a {brand}", "suggest a name for my {brand}",
               "write a birthday message for my friend", "tell me a story about {topic}", "summarize the pros and cons of {concept}",
               "make a study plan for learning {plang}", "why is the sky blue", "recommend some books about {concept}",
               "write an outline for a novel about {topic}", "compare {concept} and {concept}", "write a tweet about {topic}",
               "write a prompt for an image generator showing {subj}", "describe {subj} in words",
               "explain how speech recognition works", "how do text to image models work", "how are weather forecasts made",
               "write a travel blog about {city}", "give me tips for editing videos", "how can I take better photos",
               "write a script for a short video about {topic}", "write a speech about {topic}", "give me five quiz questions on {concept}",
               "rewrite this more formally: {sent}", "tell me a joke about {topic}", "summarize {concept} in three sentences",
               "write a business plan for a {brand}", "give me some advice on time management", "suggest a title for an essay on {topic}",
               "write a product description for a {brand}", "brainstorm ideas for {topic}", "help me write a thank you note",
               "what are the main causes of {concept}", "write a limerick about a cat", "continue this story: once upon a time there was a fox"],
    },
    IG: {
        "zh": ["画一张{subj}", "给我的{media}做个封面图", "做一张{topic}的封面", "把这个想法画出来：{subj}", "我想看看{subj}长什么样，画出来",
               "生成一张新年贺卡的图片", "来一张二次元风格的{subj}", "用AI画{subj}", "设计一张{brand}的菜单图片", "给{media}配一张{style}风格的图",  "画一幅{subj}", "画个{subj}", "生成一张{subj}的图片", "生成一张{subj}", "给我来一张{subj}的图",
               "我想要一张{subj}的图片", "创作一幅{subj}的画", "用{style}风格画{subj}", "画一张{style}风格的{subj}",
               "生成一张{style}风格的图片：{subj}", "做一张{subj}的海报", "设计一个{brand}的logo", "给{brand}设计一张宣传海报",
               "生成一张{subj}的壁纸", "帮我P一张{subj}的图", "出一张{subj}的插画", "画一下{subj}", "生成图片：{subj}",
               "文生图：{subj}", "来张{subj}的图片", "给我画{subj}", "做一张{topic}主题的插图", "以{topic}为主题画一幅画",
               "生成一个{subj}的头像", "画一张{topic}的配图", "帮我生成一张{subj}的照片", "设计一张{topic}的贺卡",
               "画一张{subj}，要{style}风格", "生成四张{subj}的图", "给这篇文章配一张{subj}的图", "画出{subj}的样子"],
        "en": ["draw {subj}", "create a wallpaper with {subj}", "make a cover image for my {media}", "I need an illustration of {subj} for my {media}",
               "visualize {subj}", "show me what {subj} would look like as a drawing", "make a {style} poster of {subj}",  "draw me {subj}", "generate an image of {subj}", "create a picture of {subj}", "make an illustration of {subj}",
               "paint {subj}", "I want a picture of {subj}", "render {subj} in {style} style", "generate a {style} image of {subj}",
               "create {subj} in {style} style", "design a logo for a {brand}", "make a poster for a {brand}", "generate a wallpaper of {subj}",
               "create an avatar of {subj}", "sketch {subj}", "produce an image showing {subj}", "make me a picture of {subj}",
               "text to image: {subj}", "generate a picture for an article about {topic}", "create an illustration about {topic}",
               "design a greeting card for {topic}", "generate four images of {subj}", "can you make an image of {subj}",
               "draw a {style} picture of {subj}", "create artwork of {subj}", "generate a photo of {subj}", "paint a picture of {topic}",
               "make a cover image for a post about {topic}", "draw what {subj} would look like"],
    },
    IU: {
        "zh": ["{img}里有什么", "{img}里{person}是谁", "看下{img}上的报错是什么意思", "{img}里{person}在干嘛", "我发的{img}拍得怎么样",
               "{img}里的菜看起来做得怎么样", "{img}里写了什么", "看看{img}，哪里有问题", "帮我检查一下{img}里的表格数据",  "{img}好看吗", "帮我看看{img}", "{img}上的字是什么", "识别一下{img}中的文字", "{img}说的是什么",
               "{img}里的是什么花", "{img}是在哪里拍的", "描述一下{img}", "{img}里有几个人", "{img}的构图怎么样", "{img}里的图表显示了什么趋势",
               "帮我OCR一下{img}", "{img}里的狗是什么品种", "{img}里的人穿的什么衣服", "看一下{img}，这是什么东西", "分析一下{img}",
               "{img}拍得怎么样", "{img}是不是P过的", "把{img}里的文字提取出来", "{img}里的菜叫什么名字", "{img}是什么风格的画",
               "识别{img}里的物体", "{img}上的发票金额是多少", "{img}里的题目怎么做", "给{img}打个分", "{img}里的车是什么型号",
               "这是什么植物（看{img}）", "{img}表达了什么情绪", "看图说话：描述{img}的内容", "{img}里的地方是哪里", "评价一下{img}",
               "我发的{img}有什么问题", "帮我读一下{img}上的文字", "{img}清晰吗"],
        "en": ["what's in {img}", "who is {person} in {img}", "what does the error in {img} mean", "what is {person} doing in {img}",
               "what does the sign in {img} say", "what kind of bird is in {img}", "is anything wrong with {img}", "check the numbers in {img}",  "what is in {img}", "describe {img}", "is {img} good", "does {img} look nice",
               "read the text in {img}", "what does {img} say", "what flower is in {img}", "where was {img} taken",
               "how many people are in {img}", "what does the chart in {img} show", "ocr {img}", "extract the text from {img}",
               "what breed is the dog in {img}", "what is the person in {img} wearing", "look at {img} and tell me what it is",
               "analyze {img}", "rate {img}", "is {img} photoshopped", "what dish is in {img}", "what style is {img}",
               "identify the objects in {img}", "what is the total on the receipt in {img}", "solve the math problem in {img}",
               "what car model is in {img}", "what plant is this in {img}", "what emotion does {img} convey", "caption {img}",
               "what's wrong with {img}", "tell me about {img}", "is {img} blurry", "what landmark is in {img}",
               "can you see {img}", "give feedback on {img}"],
    },
    VU: {
        "zh": ["{vid}讲了什么", "{vid}里{person}后来去哪了", "{vid}中{person}做了什么", "{vid}一共讲了几个步骤", "{vid}的主要观点是什么",
               "{vid}里有人摔倒吗", "{vid}第{n}秒发生了什么", "概括一下{vid}",  "总结一下{vid}", "{vid}里发生了什么", "帮我看看{vid}", "{vid}第几分钟出现了猫", "{vid}里有人吗",
               "给{vid}写个摘要", "分析一下{vid}的内容", "{vid}里有几个人", "{vid}里的人在做什么", "{vid}的主要内容是什么",
               "{vid}里的车是什么颜色", "看完{vid}告诉我结局", "{vid}拍的是哪里", "{vid}里有没有出现狗", "把{vid}的关键画面找出来",
               "{vid}里的比赛谁赢了", "{vid}适合小孩看吗", "{vid}的剪辑节奏怎么样", "描述一下{vid}的画面",
               "{vid}是在教什么", "列出{vid}里的主要场景", "{vid}有多少个镜头", "{vid}里的舞蹈动作是什么"],
        "en": ["what happens in {vid}", "where does {person} go in {vid}", "what is the main idea of {vid}", "what's the plot of {vid}", "what's going on in {vid}", "does anyone fall in {vid}",
               "how many steps are shown in {vid}", "what happens at {n} seconds in {vid}", "what did {person} do in {vid}",  "summarize {vid}", "describe {vid}", "what is the person in {vid} doing",
               "when does the dog appear in {vid}", "analyze {vid}", "give me the key moments of {vid}", "how many people are in {vid}",
               "what is {vid} about", "who wins the game in {vid}", "is there anyone in {vid}", "what color is the car in {vid}",
               "watch {vid} and tell me how it ends", "where was {vid} filmed", "list the scenes in {vid}", "is {vid} suitable for kids",
               "what does {vid} teach", "find the moment in {vid} where someone falls",
               "write a summary of {vid}", "describe the scenes in {vid}", "what dance moves are in {vid}", "tell me what {vid} shows"],
    },
    ASR: {
        "zh": ["{aud}说了什么", "{aud}里说的是{dialect}吗", "{aud}是{dialect}还是{dialect}", "帮我给{aud}出个文字稿", "把{aud}转成文字，我要存档",
               "{aud}第{n}分钟说了什么", "把这个语音备忘录转成文字",  "把{aud}转成文字", "帮我把{aud}转写成文字", "识别一下{aud}", "把{aud}整理成文字稿", "听一下{aud}",
               "{aud}里讲了什么", "语音转文字", "帮我听写{aud}", "转写{aud}", "{aud}是什么语言", "把{aud}的内容写下来",
               "{aud}里的人在说什么", "帮我听听{aud}说的啥", "把{aud}识别成字幕", "给{aud}生成字幕", "{aud}里提到了哪些人名",
               "听写一下", "把我刚发的语音转成文字", "语音识别一下{aud}", "{aud}里有几个人在说话", "把{aud}逐字记录下来"],
        "en": ["transcribe {aud}", "is {aud} in {dialect}", "write out what he says in {aud}", "what did my boss say in {aud}", "what did she say in {aud}", "convert the attached mp3 into text",
               "what is said at minute {n} of {aud}", "give me the text of {aud}",  "what does {aud} say", "convert {aud} to text", "speech to text please", "write down what's said in {aud}",
               "listen to {aud} and tell me what it says", "what language is {aud} in", "make subtitles for {aud}",
               "give me a transcript of {aud}", "what are they saying in {aud}", "type out {aud}", "dictate {aud} into text",
               "recognize the speech in {aud}", "turn {aud} into text", "who is speaking in {aud}", "transcribe the voice note I just sent",
               "what names are mentioned in {aud}", "write a verbatim transcript of {aud}"],
    },
    TTS: {
        "zh": ["把这段话念出来", "帮我合成一段语音：{say}", "我想听{doc}的语音版", "把这段文字变成语音", "给我一个语音版本：{say}", "我想听你读“{say}”",
               "把文字转成音频文件", "用{voice}对{person}说“{say}”", "合成语音：{say}", "用{voice}把这段欢迎词读一遍", "把这首诗读给我听", "请用{voice}播报：{say}",
               "给我的{media}配个旁白：{say}", "把第{n}段读出来",  "朗读一下：{say}", "用语音读出来：{say}", "把这篇文章转成语音", "读给我听：{say}", "用{voice}念一下“{say}”",
               "生成一段语音：{say}", "帮我把“{say}”转成音频", "播报一下这段文字：{say}", "大声读出来：{say}", "把这句话读出来",
               "用{voice}朗读这首诗", "给这段文字配音：{say}", "把下面的文字合成语音：{say}", "念一下“{say}”", "文字转语音：{say}",
               "用{voice}说“{say}”", "把这段通知做成语音播报", "读一遍：{say}", "帮我生成“{say}”的语音", "把《{topic}》朗读出来",
               "说一句“{say}”给我听", "做一段{voice}的语音：{say}"],
        "en": ["read this aloud: {say}", "synthesize speech: {say}", "turn this paragraph into an audio file", "say \"{say}\" to {person} in {voice}",
               "I want to hear this text as audio", "make a voice version of this: {say}", "read my notes back to me", "read the following out loud: {say}", "generate speech for this sentence: {say}",
               "narrate this paragraph for my {media}", "do a voiceover for my {media}: {say}", "read paragraph {n} aloud",  "read it out loud", "say \"{say}\"", "convert this text to speech: {say}", "text to speech: {say}",
               "speak this sentence: {say}", "generate audio of \"{say}\"", "read me this paragraph", "narrate this story",
               "make an mp3 of this text: {say}", "read \"{say}\" in {voice}", "say it in {voice}: {say}", "voice this line: {say}",
               "read this poem aloud", "pronounce \"{say}\"", "turn this into speech: {say}", "can you say \"{say}\" out loud",
               "record a voiceover saying \"{say}\"", "read the announcement aloud: {say}", "speak \"{say}\" slowly"],
    },
    DQA: {
        "zh": ["读一下{doc}", "我上传了{doc}，{doc_q}是什么", "附件里{doc_q}是多少", "{doc}里哪个月销量最高", "根据{doc}，{doc_q}是怎么规定的",
               "{doc}第{n}页讲了什么", "{doc}里有没有提到{doc_q}",  "{doc}讲了什么", "根据{doc}回答：{doc_q}是什么", "{doc}里的{doc_q}是什么", "帮我总结一下{doc}",
               "{doc}的结论是什么", "在{doc}里找一下{doc_q}", "{doc}里提到{doc_q}了吗", "根据上传的资料，{doc_q}是多少",
               "{doc}的主要内容", "看看{doc}，告诉我{doc_q}", "{doc}第几页提到了{doc_q}", "根据{doc}写个摘要", "{doc}有哪些要点",
               "帮我从{doc}里提取{doc_q}", "{doc}里有没有风险条款", "对比一下{doc}和上一版的区别", "{doc}一共有多少页",
               "根据文档内容回答问题：{doc_q}", "查一下{doc}中关于{doc_q}的描述", "{doc}里的{doc_q}写得对吗", "解读一下{doc}",
               "帮我看一下{doc}，{doc_q}在哪"],
        "en": ["read {doc}", "what does section {n} of {doc} require", "in {doc}, what is {doc_q}", "what are the main conclusions of {doc}", "look through {doc} and tell me {doc_q}", "which month has the highest sales in {doc}",
               "I uploaded {doc}, what is {doc_q}", "what's on page {n} of {doc}",  "what does {doc} say about {doc_q}", "summarize {doc}", "according to {doc}, what is {doc_q}",
               "find {doc_q} in {doc}", "what is {doc_q} in {doc}", "what's the conclusion of {doc}", "based on {doc}, explain {doc_q}",
               "does {doc} mention {doc_q}", "which page of {doc} talks about {doc_q}", "list the key points of {doc}",
               "extract {doc_q} from {doc}", "answer from {doc}: what is {doc_q}", "go through {doc} and tell me {doc_q}",
               "how many pages does {doc} have", "give me the main takeaways from {doc}", "what are the risks in {doc}",
               "search {doc} for {doc_q}", "quote the part of {doc} about {doc_q}", "check {doc} for {doc_q}"],
    },
    EXT: {
        "zh": ["现在几点", "{city}现在下雨吗", "帮我算一下 {n} × {n}", "{n}公里等于多少英里", "现在{cur}对{cur}是多少", "{stock}今天股价多少",
               "{n}的{n}次方是多少", "{city}这周末会下雪吗", "查一下今天的油价",  "现在几点了", "今天几号", "今天星期几", "{city}天气怎么样", "{city}今天天气如何", "明天{city}会下雨吗",
               "{cur}兑人民币汇率是多少", "{n}{cur}等于多少{cur}", "今天的{cur}汇率", "计算{n}乘以{n}", "{n}+{n}等于多少",
               "{n}除以{n}是多少", "算一下{n}*{n}", "把{n}英里换算成公里", "{n}摄氏度是多少华氏度", "{n}斤等于多少公斤",
               "查一下{stock}的股价", "{stock}今天涨了吗", "帮我设一个{n}分钟的倒计时", "提醒我明天早上八点开会", "查询{city}到{city}的航班",
               "搜索一下今天的新闻", "{city}现在几点", "{city}的空气质量怎么样", "查一下快递到哪了", "{n}的平方根是多少",
               "帮我算一下{n}的{n}%是多少", "今天农历几号", "离春节还有几天", "查一下{city}明天的气温", "{city}现在的时间",
               "帮我查一下{city}的实时路况"],
        "en": ["what time is it", "is it raining in {city} right now", "what's {n} percent of {n}", "is it going to snow in {city} this weekend",
               "what's the date today", "how much is {n} {cur} in {cur}", "{n} km in miles", "what's {stock} trading at",  "what time is it in {city}", "what's today's date", "what day is it today", "what's the weather in {city}",
               "will it rain in {city} tomorrow", "convert {n} {cur} to {cur}", "what's the exchange rate between {cur} and {cur}",
               "calculate {n} times {n}", "what is {n} plus {n}", "what is {n} divided by {n}", "compute {n}*{n}",
               "how many km is {n} miles", "convert {n} fahrenheit to celsius", "what is {n}% of {n}", "stock price of {stock}",
               "set a timer for {n} minutes", "remind me to call mom at 8 pm", "search for flights from {city} to {city}",
               "search the web for the latest news", "what's the air quality in {city}", "track my package", "square root of {n}",
               "how many days until christmas", "what's the temperature in {city} right now", "current time in {city}",
               "check traffic in {city}", "look up the weather forecast for {city} this weekend", "how much is {n} {cur} in {cur}"],
    },
}

# Chit-chat: short, goes to text_generation.
CHAT = {
    "zh": ["你好", "你好呀", "嗨", "早上好", "晚上好", "晚安", "谢谢", "谢谢你", "你是谁", "你叫什么名字", "你能做什么", "在吗",
           "哈哈", "好的", "没问题", "我今天好累", "你真棒", "讲个笑话吧", "陪我聊聊天", "我有点无聊", "再见", "拜拜", "你喜欢什么",
           "今天心情不好", "你是机器人吗", "你会说中文吗", "周末干点什么好", "给我一点鼓励", "我失恋了", "你觉得呢", "嗯嗯",
           "明白了", "太好了", "你好，请问你是谁", "能和我聊聊吗", "最近怎么样", "今天过得怎么样", "你吃饭了吗", "好久不见",
           "你今天开心吗", "我们聊点别的吧", "你觉得我该怎么办", "哈喽", "多谢", "早安", "你真有意思", "真的吗", "有意思",
           "能帮我个忙吗", "我有个问题", "好的谢谢", "是的", "不是", "嗯", "厉害", "辛苦了"],
    "en": ["hi", "hello", "hey there", "good morning", "good night", "thanks", "thank you so much", "who are you", "what's your name",
           "what can you do", "are you there", "lol", "ok", "sounds good", "I'm so tired today", "you are great", "tell me a joke",
           "let's chat", "I'm bored", "bye", "see you later", "how are you", "what do you like", "I'm feeling down",
           "are you a robot", "do you speak chinese", "what should I do this weekend", "cheer me up", "nice to meet you",
           "what do you think", "got it", "awesome", "how's it going", "can we talk", "how was your day", "long time no see",
           "what's up", "let's talk about something else", "I need some advice", "good evening", "thanks a lot", "good morning!",
           "morning", "you're funny", "that's cool", "I appreciate it", "no worries", "haha that's great", "really?", "interesting",
           "can you help me", "I have a question", "please", "yes", "no", "hmm"],
}

PREFIX = {
    "zh": ["", "", "", "", "请", "帮我", "麻烦你", "请帮我", "能不能", "可以帮我", "你能", "我想让你", "麻烦", "劳驾", "帮忙"],
    "en": ["", "", "", "", "please ", "can you ", "could you ", "would you ", "hey, ", "i need you to ", "help me ", "kindly ",
           "can you please ", "i'd like you to "],
}
SUFFIX = {
    "zh": ["", "", "", "", "", "吧", "，谢谢", "。", "？", "一下", "，麻烦了", "呀"],
    "en": ["", "", "", "", "", "?", ".", " please", ", thanks", " for me", "!"],
}

# Follow-up clauses that lean on what came before ("…并配一张图", "…then read it out loud").
FOLLOW = {
    IG: {"zh": ["配一张图", "配一张图片", "配一张插图", "再画一张配图", "配张图", "顺便画一张{subj}", "再生成一张相关的图片",
                "配一幅{style}风格的插画", "画一张配图", "再来一张{subj}的图"],
         "en": ["add a picture", "add an illustration", "draw a matching picture", "generate an image to go with it",
                "make a cover image for it", "draw {subj} to go with it", "create a {style} illustration for it"]},
    TTS: {"zh": ["读出来", "念给我听", "转成语音", "用{voice}读出来", "朗读一遍", "生成语音", "做成音频", "大声念出来", "配上语音"],
          "en": ["read it out loud", "read it aloud", "turn it into speech", "read it to me in {voice}", "make an audio version",
                 "say it out loud", "convert it to speech"]},
    TG: {"zh": ["写一段说明", "再写一段介绍", "写一首诗", "翻译成{lang}", "写个总结", "写一段文案", "再写个标题", "整理成会议纪要",
                "总结成三点", "润色一下", "改写成一篇{genre}", "写一段点评", "列个提纲", "帮我写回复"],
         "en": ["write a caption for it", "write a short description", "translate it into {lang}", "write a poem about it",
                "write a short summary", "write a title", "summarize it", "turn it into meeting notes", "rewrite it as a {genre}",
                "draft a reply", "make a bullet list of the main points", "polish the wording"]},
    EXT: {"zh": ["查一下{city}的天气", "告诉我现在几点", "顺便算一下{n}乘以{n}", "再查一下{cur}汇率"],
          "en": ["check the weather in {city}", "tell me the time", "also calculate {n} times {n}", "check the {cur} exchange rate"]},
}

CONNECT = {
    "zh": ["，并", "，并且", "，然后", "，再", "，同时", "，顺便", "，另外", "并", "然后", "再", "。然后", "，接着", "，还要", "；", "，之后"],
    "en": [" and ", ", and ", " and then ", ", then ", ". also, ", "; ", " then ", ", and also ", ". then ", " and also "],
}

# Expert pairs that people ask for together (weights ~ how natural they are).
PAIRS = [
    (TG, IG, 6), (TG, TTS, 5), (IU, TG, 3), (IU, IG, 3), (ASR, TG, 3), (ASR, TTS, 1), (DQA, TG, 3), (DQA, TTS, 2),
    (VU, TG, 2), (EXT, TG, 3), (EXT, TTS, 2), (IG, TTS, 1), (TG, EXT, 2), (IU, TTS, 2), (VU, ASR, 2), (DQA, IG, 2),
    (EXT, IG, 1), (ASR, DQA, 1), (IU, DQA, 1), (VU, IG, 1), (TG, DQA, 1), (EXT, DQA, 1), (IG, TG, 2), (ASR, IG, 1),
]
TRIPLES = [(TG, IG, TTS), (IU, TG, TTS), (DQA, TG, TTS), (EXT, TG, TTS), (ASR, TG, IG), (TG, IG, EXT), (VU, TG, TTS),
           (DQA, IG, TG), (IU, IG, TG), (EXT, IG, TTS)]


EN_VERBS = set("""write compose translate explain implement draft proofread give suggest tell summarize make recommend compare
describe brainstorm help continue rewrite draw generate create paint render design sketch produce read extract analyze rate
identify caption solve look transcribe convert listen type dictate recognize turn speak narrate say pronounce voice record
find go check search quote calculate compute set remind track watch list""".split())
ZH_QUESTION = ("什么", "吗", "怎么", "几", "哪", "多少", "谁", "为什么", "如何", "是不是")


def is_question(body, lang):
    if lang == "en":
        return body.split(" ", 1)[0].lower() not in EN_VERBS
    return any(q in body for q in ZH_QUESTION) and not body.startswith(("写", "画", "生成", "翻译", "给", "帮", "把", "用", "做", "设计", "总结", "解释", "分析", "描述", "识别", "读", "念", "朗读", "转写", "查", "搜索", "计算", "算"))


def single(rng, expert, lang, polite=True):
    body = fill(rng.choice(T[expert][lang]), rng, lang)
    if not polite:
        return body, body
    if is_question(body, lang):
        prefix = rng.choice(["", "", "", "请问" if lang == "zh" else "hey, ", "想问一下，" if lang == "zh" else "quick question: "])
    else:
        prefix = rng.choice(PREFIX[lang])
    return prefix + body, body


def follow(rng, expert, lang):
    if expert in FOLLOW and rng.random() < 0.6:
        return fill(rng.choice(FOLLOW[expert][lang]), rng, lang)
    return fill(rng.choice(T[expert][lang]), rng, lang)


def cap(text, lang):
    return text[:1].upper() + text[1:] if lang == "en" and rng_cap.random() < 0.4 else text


rng_cap = random.Random(SEED + 1)


def make_single(rng, expert, lang):
    text, body = single(rng, expert, lang)
    text = text + (rng.choice(["", "？", "?"]) if lang == "zh" and is_question(body, lang) else
                   rng.choice(["", "?"]) if is_question(body, lang) else rng.choice(SUFFIX[lang]))
    return {"text": cap(text, lang), "labels": [expert], "lang": lang, "kind": "single",
            "clauses": [{"expert": expert, "instruction": body}]}


def make_chat(rng, lang):
    text = rng.choice(CHAT[lang]) + rng.choice(["", "", "", "！" if lang == "zh" else "!", "～" if lang == "zh" else " :)"])
    return {"text": cap(text, lang), "labels": [TG], "lang": lang, "kind": "chat",
            "clauses": [{"expert": TG, "instruction": text}]}


def make_compound(rng, experts, lang):
    first, body = single(rng, experts[0], lang)
    parts = [first]
    clauses = [{"expert": experts[0], "instruction": body}]
    for e in experts[1:]:
        clause = follow(rng, e, lang)
        connector = rng.choice(CONNECT[lang])
        parts.append(connector + clause)
        clauses.append({"expert": e, "instruction": clause})
    text = "".join(parts) + rng.choice(SUFFIX[lang][:5] + ["。" if lang == "zh" else ".", "，谢谢" if lang == "zh" else ", thanks"])
    labels = sorted(set(experts), key=EXPERTS.index)
    return {"text": cap(text, lang), "labels": labels, "lang": lang, "kind": "compound", "clauses": clauses}


def key(text):
    return re.sub(r"[\s，。！？,.!?~～:)]+", "", text.lower())


NEAR = 0.6


def trigrams(text):
    k = re.sub(r"\d+", "0", key(text))
    return {k[i:i + 3] for i in range(max(1, len(k) - 2))}


def main():
    rng = random.Random(SEED)
    # Decontamination: no generated row may equal a request of the independent evaluation set (eval/independent.jsonl),
    # also when only its numbers differ; those rows are skipped, never added.
    banned = set()
    independent = os.path.join(HERE, "eval", "independent.jsonl")
    if os.path.exists(independent):
        with open(independent, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    k = key(json.loads(line)["text"])
                    banned.update({k, re.sub(r"\d+", "0", k)})
    # ... and no row may be a near copy of one either (a typo, a filler or another number away): character trigrams of
    # the normalised text overlapping NEAR (Jaccard) or more with some independent request drop the generated row.
    near_grams = []
    near_index = {}
    if os.path.exists(independent):
        with open(independent, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    g = trigrams(json.loads(line)["text"])
                    for t in g:
                        near_index.setdefault(t, []).append(len(near_grams))
                    near_grams.append(g)

    def near_copy(text):
        g = trigrams(text)
        shared = {}
        for t in g:
            for i in near_index.get(t, ()):
                shared[i] = shared.get(i, 0) + 1
        return any(c / len(g | near_grams[i]) >= NEAR for i, c in shared.items())

    seen = set()
    rows = []
    skipped = [0, 0]

    def add(row, source):
        k = key(row["text"])
        if not k or k in seen:
            return False
        if k in banned or re.sub(r"\d+", "0", k) in banned:
            skipped[0] += 1
            return False
        if near_copy(row["text"]):
            skipped[1] += 1
            return False
        seen.add(k)
        row.setdefault("source", source)
        rows.append(row)
        return True

    def fill_to(target, make, source, limit=30):
        made, tries = 0, 0
        while made < target and tries < target * limit:
            tries += 1
            made += add(make(), source)

    def maybe_noisy(row, lang):
        # a share of template rows is typed the way users type (see user_style.noisy)
        if rng.random() < 0.3:
            row = dict(row, text=user_style.noisy(row["text"], lang, rng), source=row.get("source", "template") + "+noise")
        return row

    # 1. template rows (the original generator, scaled up, some of them made noisy)
    for expert in EXPERTS:
        for lang, target in (("zh", 2000), ("en", 1600)):
            fill_to(target, lambda: maybe_noisy(make_single(rng, expert, lang), lang), "template:" + expert)
    for lang, target in (("zh", 600), ("en", 500)):
        fill_to(target, lambda: make_chat(rng, lang), "template:chat")
    pair_pool = [p[:2] for p in PAIRS for _ in range(p[2])]
    for lang, target in (("zh", 7000), ("en", 6000)):
        fill_to(target, lambda: maybe_noisy(make_compound(rng, list(rng.choice(pair_pool)), lang), lang), "template:compound")
    for lang, target in (("zh", 1200), ("en", 1000)):
        fill_to(target, lambda: maybe_noisy(make_compound(rng, list(rng.choice(TRIPLES)), lang), lang), "template:compound")

    # 2. user-style rows (models/gate/user_style.py)
    for expert in EXPERTS:
        for lang, target in (("zh", 2000), ("en", 1600)):
            fill_to(target, lambda: user_style.user_single(rng, expert, lang, V), "user:" + expert)
    for lang, target in (("zh", 2500), ("en", 2000)):
        fill_to(target, lambda: user_style.user_chat(rng, lang, V), "user:chat-number")
    for lang, target in (("zh", 800), ("en", 600)):
        fill_to(target, lambda: user_style.user_follow_up(rng, lang, V), "user:follow-up")
    fill_to(2500, lambda: user_style.user_single_multi(rng, V), "user:one-clause-two-experts")
    all_pairs = [(a, b) for a in EXPERTS for b in EXPERTS if a != b]

    def some_pair():
        pair = list(rng.choice(pair_pool) if rng.random() < 0.5 else rng.choice(all_pairs))
        rng.shuffle(pair)  # clauses in any order
        return pair

    def some_triple():
        triple = list(rng.choice(TRIPLES))
        rng.shuffle(triple)
        return triple

    for lang, target in (("zh", 7000), ("en", 6000)):
        fill_to(target, lambda: user_style.user_compound(rng, some_pair(), lang, V, T), "user:compound")
    for lang, target in (("zh", 1200), ("en", 1000)):
        fill_to(target, lambda: user_style.user_compound(rng, some_triple(), lang, V, T), "user:compound")

    # 3. variety rows (models/gate/variety.py): more kinds of general questions, assistant tasks, text to read aloud,
    # documents, recordings, videos and pictures, and compounds whose later clauses lean on the first
    for lang, scale in (("zh", 1.0), ("en", 0.85)):
        for make, target in ((variety.general, 6000), (variety.assistant, 2500), (variety.read_aloud, 2200),
                             (variety.document, 1500), (variety.spoken, 1300), (variety.video, 900), (variety.picture, 1000),
                             (variety.meeting_audio, 700)):
            fill_to(int(target * scale), lambda: make(rng, lang, V), "variety")
        fill_to(int(7000 * scale), lambda: variety.compound(rng, some_pair(), lang, V, T), "variety:compound")
        fill_to(int(1800 * scale), lambda: variety.compound(rng, some_triple(), lang, V, T), "variety:compound")

    # 4. contrast rows (models/gate/contrast.py): requests composed from parts, for the kinds the variety rows still left
    # thin after the near-copy filter (meeting audio, mentions of other experts' domains, read-aloud text with numbers,
    # messages and orders, clauses of a contract or paper), and compounds of two specialists with or without writing
    focus = [(IU, TG), (VU, DQA), (IG, DQA), (IU, IG), (TG, EXT), (DQA, TG), (VU, IG), (ASR, TG), (DQA, TG, TTS), (IU, TG, TTS)]

    def focus_combo():
        combo = list(rng.choice(focus) if rng.random() < 0.5 else some_pair())
        rng.shuffle(combo)
        if TTS in combo:  # "read it aloud" leans on what comes before it
            combo.remove(TTS)
            combo.append(TTS)
        return combo

    for lang, target in (("zh", 9000), ("en", 8000)):
        fill_to(target, lambda: contrast.single(rng, lang, V), "contrast")
    for lang, target in (("zh", 3000), ("en", 2500)):
        fill_to(target, lambda: contrast.compound(rng, focus_combo(), lang, V, T), "contrast:compound")

    rng.shuffle(rows)
    n = len(rows)
    splits = {"dev": rows[:DEV], "test": rows[DEV:DEV + TEST], "train": rows[DEV + TEST:]}
    os.makedirs(OUT, exist_ok=True)
    for name, part in splits.items():
        with open(os.path.join(OUT, name + ".jsonl"), "w", encoding="utf-8") as f:
            for row in part:
                f.write(json.dumps(row, ensure_ascii=False) + "\n")
    per = {e: sum(e in r["labels"] for r in rows) for e in EXPERTS}
    compound = sum(len(r["labels"]) > 1 for r in rows)
    sources = {}
    for r in rows:
        s = r["source"].split(":")[0] + (":noise" if r["source"].endswith("+noise") else "")
        sources[s] = sources.get(s, 0) + 1
    print(f"{n} requests ({compound} with more than one expert), per expert: {per}")
    print({k: len(v) for k, v in splits.items()}, "zh:", sum(r["lang"] == "zh" for r in rows), "en:", sum(r["lang"] == "en" for r in rows))
    print("sources:", sources)
    print(f"skipped {skipped[0]} generation attempts equal to an independent-set request (numbers aside) and "
          f"{skipped[1]} near copies of one (trigram Jaccard >= {NEAR})")


if __name__ == "__main__":
    main()
