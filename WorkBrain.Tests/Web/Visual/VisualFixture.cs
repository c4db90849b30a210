using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WorkBrain.Core.Documents;
using WorkBrain.Core.Events;
using WorkBrain.Core.Experts;
using WorkBrain.Core.Files;
using WorkBrain.Core.Gate;
using WorkBrain.Tests.Support;
using WorkBrain.Web.Accounts;
using WorkBrain.Web.Conversations;
using WorkBrain.Web.Data;

namespace WorkBrain.Tests.Web.Visual;

/// <summary>One app for the visual suite with what its pages should show: an answer with rich markdown, a compound
/// answer (text, an image, a read-aloud track, a citation and an expert that failed), a document and an API key.</summary>
public sealed class VisualFixture : IAsyncLifetime
{
    public const string Markdown = """
        Here is a **short plan** for the trip, with `code` and a table.

        1. Book the train
        2. Pack light
           - a jacket
           - an umbrella

        | Day | City | Budget |
        |---|---|---|
        | 1 | 北京 | 800 元 |
        | 2 | 上海 | 650 元 |

        ```python
        def total(days):
            return sum(d.budget for d in days)  # 合计
        ```

        > 千里之行，始于足下。
        """;

    public ChatApp Chat { get; private set; } = default!;

    public string MarkdownSession { get; private set; } = "";

    public string CompoundSession { get; private set; } = "";

    /// <summary>An answer about an attached image and video: OCR boxes over the image, a timeline beside the player.</summary>
    public string MediaSession { get; private set; } = "";

    /// <summary>When the document on /documents was added (its page shows it in the browser's time zone).</summary>
    public DateTimeOffset DocumentAddedAt { get; private set; }

    public async Task InitializeAsync()
    {
        Chat = await ChatApp.StartAsync(["Hello"]);
        var services = Chat.App.Services;
        var user = services.GetRequiredService<IOptions<AccountOptions>>().Value.LocalUserId;
        var store = services.GetRequiredService<ChatStore>();
        var contexts = services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<WorkBrainDbContext>>();
        var files = services.GetRequiredService<IFileStore>();

        MarkdownSession = await SeedAsync(store, contexts, user, "Plan a two-day trip to Beijing and Shanghai", Markdown,
        [
            new Routed(Decision(ExpertIds.TextGeneration)),
            new TextDelta(ExpertIds.TextGeneration, Markdown),
            new ExpertFinished(ExpertIds.TextGeneration, new ExpertStats(1830, 210, 96, 52.4)),
        ]);

        await using var picture = File.OpenRead(TestModels.SharedMedia("cat.jpg"));
        var image = await files.SaveAsync(picture, "image/jpeg", user);
        var clips = new List<AudioReady>();
        for (var i = 0; i < 3; i++)
        {
            await using var wav = new MemoryStream(SilentWav(0.4 + (i * 0.1)));
            var clip = await files.SaveAsync(wav, "audio/wav", user);
            clips.Add(new AudioReady(ExpertIds.Tts, $"/files/{clip.Id}", 1.2 + i));
        }

        const string Essay = "春天来了，柳枝抽出新芽，河水也变得清澈。An essay about spring, with a picture of a cat in the garden.";
        CompoundSession = await SeedAsync(store, contexts, user, "写一篇关于春天的短文，配一张图，并朗读出来", Essay,
        [
            new Routed(Decision(ExpertIds.TextGeneration, ExpertIds.ImageGeneration, ExpertIds.VideoUnderstanding)),
            // What FfmpegRunner writes when ffmpeg is missing: admins read it (in their language), users a short sentence.
            new ExpertFailed(ExpertIds.VideoUnderstanding, "ffmpeg is not installed in /usr/local/bin: install the Debian package ffmpeg (apt-get install ffmpeg) or set VideoUnderstanding:FfmpegFolder."),
            new TextDelta(ExpertIds.TextGeneration, Essay),
            new Citation(ExpertIds.TextGeneration, 1, "spring-notes.md", "§2", "In early spring the willow branches sprout new buds and the river becomes clear again."),
            new ExpertFinished(ExpertIds.TextGeneration, new ExpertStats(2400, 300, 60, 25)),
            new ImageReady(ExpertIds.ImageGeneration, $"/files/{image.Id}", "a cat in a spring garden"),
            new ExpertFinished(ExpertIds.ImageGeneration, new ExpertStats(5200, null, null, null)),
            .. clips,
            new ExpertFinished(ExpertIds.Tts, new ExpertStats(900, 120, null, null)),
        ]);

        await using var movie = File.OpenRead(await WorkBrain.Tests.Core.Vision.Video.TestVideos.TwoScenesAsync());
        var video = await files.SaveAsync(movie, "video/mp4", user);
        const string Findings = "The picture is a cat; the video shows a red screen, then SCENE TWO on white, while a tone plays.";
        MediaSession = await SeedAsync(store, contexts, user, "图片和视频里都有什么？", Findings,
        [
            new Routed(Decision(ExpertIds.ImageUnderstanding, ExpertIds.VideoUnderstanding)),
            new TextDelta(ExpertIds.ImageUnderstanding, "The picture shows a cat."),
            new TextRegions(ExpertIds.ImageUnderstanding, $"/files/{image.Id}", "cat.jpg", 640, 480,
            [
                new TextRegion([40, 30, 300, 30, 300, 80, 40, 80], "SPRING SALE", 0.97),
                new TextRegion([40, 400, 420, 396, 421, 446, 41, 450], "春季特卖 全场八折", 0.88),
            ]),
            new ExpertFinished(ExpertIds.ImageUnderstanding, new ExpertStats(800, 600, null, null)),
            new MediaTimeline(ExpertIds.VideoUnderstanding, $"/files/{video.Id}", "clip.mp4", "video", 4,
            [
                new TimelineEntry(0, null, "frame", "red screen"),
                new TimelineEntry(1, 3, "speech", "a tone plays"),
                new TimelineEntry(2, null, "frame", "white screen · \"SCENE TWO\""),
            ]),
            new TextDelta(ExpertIds.VideoUnderstanding, "A red screen, then SCENE TWO on white, while a tone plays."),
            new ExpertFinished(ExpertIds.VideoUnderstanding, new ExpertStats(3100, 2900, null, null)),
        ]);

        var library = services.GetRequiredService<DocumentLibrary>();
        var document = await library.AddAsync(user, "智能水杯 X1 说明书.md",
            new MemoryStream(Encoding.UTF8.GetBytes("# 智能水杯 X1\n\n电池容量为 1200 mAh，充满电可以使用 15 天。\n\nThe X1 keeps drinks warm for 12 hours.")));
        await library.WaitUntilIndexedAsync(user, document.Id);
        DocumentAddedAt = document.CreatedAt;
        await services.GetRequiredService<ApiKeyService>().CreateAsync(user, "laptop");
    }

    public async Task DisposeAsync() => await Chat.DisposeAsync();

    private static GateDecision Decision(params string[] experts)
    {
        var scores = ExpertIds.All.ToDictionary(id => id, id => experts.Contains(id) ? 0.9f - (Array.IndexOf(experts, id) * 0.1f) : 0.02f);
        return new GateDecision(scores, experts.Select(e => new ExpertSelection(e, scores[e], "")).ToList(), "onnx", 0.21);
    }

    private static async Task<string> SeedAsync(
        ChatStore store, Microsoft.EntityFrameworkCore.IDbContextFactory<WorkBrainDbContext> contexts, string user, string question, string answer, IReadOnlyList<BrainEvent> events)
    {
        var session = await store.CreateSessionAsync(user, question);
        var (asked, assistant) = await store.AddTurnAsync(user, session.Id, question, [], null);
        var writer = new MessageEventWriter(new AnswerWriteQueue(contexts), assistant.Id, asked.Id);
        foreach (var e in events)
        {
            await writer.WriteAsync(e, CancellationToken.None);
        }

        await writer.WriteAsync(new Completed(new TurnStats(2500, 0.2, events.Count, 0, false)), CancellationToken.None);
        await writer.FinishAsync(MessageStatuses.Complete, answer);
        return session.Id;
    }

    /// <summary>A mono 16 kHz WAV of silence.</summary>
    private static byte[] SilentWav(double seconds)
    {
        var samples = (int)(16000 * seconds);
        using var ms = new MemoryStream();
        using var w = new BinaryWriter(ms);
        w.Write("RIFF"u8);
        w.Write(36 + (samples * 2));
        w.Write("WAVEfmt "u8);
        w.Write(16);
        w.Write((short)1);
        w.Write((short)1);
        w.Write(16000);
        w.Write(32000);
        w.Write((short)2);
        w.Write((short)16);
        w.Write("data"u8);
        w.Write(samples * 2);
        w.Write(new byte[samples * 2]);
        w.Flush();
        return ms.ToArray();
    }
}
