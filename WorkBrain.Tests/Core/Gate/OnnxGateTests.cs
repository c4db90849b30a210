using WorkBrain.Core.Experts;
using WorkBrain.Core.Gate;
using WorkBrain.Core.Turns;

namespace WorkBrain.Tests.Core.Gate;

public sealed class OnnxGateTests(TrainedGate trained) : IClassFixture<TrainedGate>
{
    private static async Task<GateDecision> RouteAsync(OnnxGate gate, string text, params Attachment[] attachments) =>
        await gate.RouteAsync(Turn.FromText(text) with { Attachments = attachments });

    private static string[] Selected(GateDecision d) => d.Selected.Select(s => s.Expert).Order(StringComparer.Ordinal).ToArray();

    [Theory]
    [InlineData("给我写一首关于大海的小诗", ExpertIds.TextGeneration)]
    [InlineData("画一只在雪地里玩耍的小狗", ExpertIds.ImageGeneration)]
    [InlineData("这张照片里有几只鸟", ExpertIds.ImageUnderstanding)]
    [InlineData("这段视频里的人在干什么", ExpertIds.VideoUnderstanding)]
    [InlineData("帮我把这段录音转成文字", ExpertIds.Asr)]
    [InlineData("把这句话朗读出来：欢迎光临", ExpertIds.Tts)]
    [InlineData("这份合同的违约金是多少", ExpertIds.DocumentQa)]
    [InlineData("深圳明天天气怎么样", ExpertIds.ExternalServices)]
    [InlineData("你好", ExpertIds.TextGeneration)]
    public async Task Route_ClearChineseRequest_SelectsOnlyThatExpert(string text, string expert)
    {
        var decision = await RouteAsync(trained.Gate, text);

        Assert.Equal([expert], Selected(decision));
        Assert.Equal("textcnn-gate", decision.Gate);
        Assert.Equal(ExpertIds.All.Count, decision.Scores.Count);
    }

    [Theory]
    [InlineData("write a short poem about the ocean", ExpertIds.TextGeneration)]
    [InlineData("generate a picture of a dog playing in the snow", ExpertIds.ImageGeneration)]
    [InlineData("how many birds are in this photo", ExpertIds.ImageUnderstanding)]
    [InlineData("what is the man doing in this video", ExpertIds.VideoUnderstanding)]
    [InlineData("please transcribe this recording", ExpertIds.Asr)]
    [InlineData("read this aloud: welcome to our shop", ExpertIds.Tts)]
    [InlineData("what does the contract say about penalties", ExpertIds.DocumentQa)]
    [InlineData("what's the weather in Tokyo tomorrow", ExpertIds.ExternalServices)]
    [InlineData("hello, how are you", ExpertIds.TextGeneration)]
    public async Task Route_ClearEnglishRequest_SelectsOnlyThatExpert(string text, string expert)
    {
        var decision = await RouteAsync(trained.Gate, text);

        Assert.Equal([expert], Selected(decision));
    }

    [Fact]
    public async Task Route_CompoundChineseRequest_ActivatesBothExpertsWithTheirOwnInstructions()
    {
        var decision = await RouteAsync(trained.Gate, "帮我写一篇《春天来了》的文章，并配一张图片");

        Assert.Equal([ExpertIds.ImageGeneration, ExpertIds.TextGeneration], Selected(decision));
        Assert.Equal("写一篇《春天来了》的文章", decision.Selected.Single(s => s.Expert == ExpertIds.TextGeneration).Instruction);
        Assert.Equal("配一张图片：春天来了", decision.Selected.Single(s => s.Expert == ExpertIds.ImageGeneration).Instruction);
    }

    [Fact]
    public async Task Route_FollowUpPictureClause_GetsTheSubjectOfThePreviousClause()
    {
        var decision = await RouteAsync(trained.Gate, "Write a story about a brave knight and draw a picture of him");

        Assert.Equal([ExpertIds.ImageGeneration, ExpertIds.TextGeneration], Selected(decision));
        Assert.Equal("draw a picture of him (Write a story about a brave knight)",
            decision.Selected.Single(s => s.Expert == ExpertIds.ImageGeneration).Instruction);
    }

    [Fact]
    public async Task Route_StandalonePictureClause_KeepsItsOwnInstruction()
    {
        var decision = await RouteAsync(trained.Gate, "现在几点，然后画一只在草地上奔跑的小猫");

        Assert.Equal("画一只在草地上奔跑的小猫", decision.Selected.Single(s => s.Expert == ExpertIds.ImageGeneration).Instruction);
    }

    [Fact]
    public async Task Route_CompoundEnglishRequest_ActivatesBothExpertsWithTheirOwnInstructions()
    {
        var decision = await RouteAsync(trained.Gate, "Write a poem about autumn and then read it aloud");

        Assert.Equal([ExpertIds.TextGeneration, ExpertIds.Tts], Selected(decision));
        Assert.Equal("Write a poem about autumn", decision.Selected.Single(s => s.Expert == ExpertIds.TextGeneration).Instruction);
        Assert.Equal("read it aloud", decision.Selected.Single(s => s.Expert == ExpertIds.Tts).Instruction);
    }

    [Theory]
    [InlineData("这张图好看吗", ExpertIds.ImageUnderstanding)]
    [InlineData("读一下这个文件", ExpertIds.DocumentQa)]
    [InlineData("把这段话念出来", ExpertIds.Tts)]
    [InlineData("这段录音说了什么", ExpertIds.Asr)]
    [InlineData("现在几点", ExpertIds.ExternalServices)]
    [InlineData("解释一下语音识别的原理", ExpertIds.TextGeneration)]
    [InlineData("write a prompt for an image generator showing a red fox", ExpertIds.TextGeneration)]
    [InlineData("is this picture good", ExpertIds.ImageUnderstanding)]
    public async Task Route_HardNegative_SelectsTheRightExpert(string text, string expert)
    {
        var decision = await RouteAsync(trained.Gate, text);

        Assert.Equal([expert], Selected(decision));
    }

    [Fact]
    public async Task Route_NothingAboveThreshold_FallsBackToTextGeneration()
    {
        var gate = OnnxGate.Load(Path.Combine(Support.TestModels.RepositoryRoot, "models", "gate", "gate.json"),
            new MutableOptions<GateOptions>(new GateOptions { Threshold = 1f, UseCalibratedThresholds = false }));

        var decision = await RouteAsync(gate, "画一只猫");

        var only = Assert.Single(decision.Selected);
        Assert.Equal(ExpertIds.TextGeneration, only.Expert);
        Assert.Equal("画一只猫", only.Instruction);
        Assert.True(decision.Scores[ExpertIds.ImageGeneration] > 0.9f);
    }

    [Fact]
    public async Task Route_MoreExpertsThanMaxExperts_KeepsTheMostProbable()
    {
        var gate = OnnxGate.Load(Path.Combine(Support.TestModels.RepositoryRoot, "models", "gate", "gate.json"),
            new MutableOptions<GateOptions>(new GateOptions { MaxExperts = 2 }));
        const string text = "写一首关于月亮的诗，再配一张插图，然后读出来";

        var all = await RouteAsync(trained.Gate, text);
        var limited = await RouteAsync(gate, text);

        Assert.Equal(3, all.Selected.Count);
        Assert.Equal(2, limited.Selected.Count);
        Assert.Equal(all.Selected.Take(2).Select(s => s.Expert), limited.Selected.Select(s => s.Expert));
        Assert.True(limited.Selected[0].Probability >= limited.Selected[1].Probability);
    }

    [Theory]
    [InlineData(AttachmentKind.Image, ExpertIds.ImageUnderstanding)]
    [InlineData(AttachmentKind.Video, ExpertIds.VideoUnderstanding)]
    [InlineData(AttachmentKind.Audio, ExpertIds.Asr)]
    [InlineData(AttachmentKind.Document, ExpertIds.DocumentQa)]
    public async Task Route_WithAttachment_SelectsItsExpert(AttachmentKind kind, string expert)
    {
        var attachment = new Attachment("file", "application/octet-stream", kind, "/tmp/none", 1);

        var without = await RouteAsync(trained.Gate, "这是什么");
        var with = await RouteAsync(trained.Gate, "这是什么", attachment);

        Assert.True(with.Selects(expert));
        Assert.True(with.Scores[expert] > without.Scores[expert]);
    }

    [Fact]
    public async Task Route_ImageAttachedToChat_LowersPlainTextGeneration()
    {
        var image = new Attachment("a.jpg", "image/jpeg", AttachmentKind.Image, "/tmp/a.jpg", 1);

        var decision = await RouteAsync(trained.Gate, "what do you think?", image);

        Assert.Equal(ExpertIds.ImageUnderstanding, decision.Selected[0].Expert);
    }

    [Fact]
    public async Task RouteAsync_Concurrently_GivesTheSameAnswers()
    {
        string[] texts = ["画一只猫", "现在几点", "transcribe this audio", "写一篇文章并配图"];
        var expected = new List<string[]>();
        foreach (var t in texts)
        {
            expected.Add(Selected(await RouteAsync(trained.Gate, t)));
        }

        var results = await Task.WhenAll(Enumerable.Range(0, 64).Select(i =>
            Task.Run(async () => (i % texts.Length, Selected(await RouteAsync(trained.Gate, texts[i % texts.Length]))))));

        foreach (var (index, selected) in results)
        {
            Assert.Equal(expected[index], selected);
        }
    }
}
