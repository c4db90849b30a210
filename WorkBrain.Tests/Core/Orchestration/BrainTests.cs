using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging.Abstractions;
using WorkBrain.Core.Events;
using WorkBrain.Core.Experts;
using WorkBrain.Core.Gate;
using WorkBrain.Core.Orchestration;
using WorkBrain.Core.Turns;

namespace WorkBrain.Tests.Core.Orchestration;

public sealed class BrainTests
{
    private sealed class FixedGate(params (string Expert, string Instruction)[] selections) : IGate
    {
        public string Name => "fixed";

        public ValueTask<GateDecision> RouteAsync(Turn turn, CancellationToken cancellationToken = default)
        {
            var scores = ExpertIds.All.ToDictionary(id => id, id => selections.Any(s => s.Expert == id) ? 0.9f : 0.01f);
            return ValueTask.FromResult(new GateDecision(scores, selections.Select(s => new ExpertSelection(s.Expert, 0.9f, s.Instruction)).ToList(), Name, 0.01));
        }
    }

    private static Brain CreateBrain(IGate gate, params IExpert[] experts) =>
        new(gate, new ExpertRegistry(experts), new BrainTelemetry(), NullLogger<Brain>.Instance);

    private static async Task<List<BrainEvent>> CollectAsync(IAsyncEnumerable<BrainEvent> events)
    {
        var list = new List<BrainEvent>();
        await foreach (var e in events)
        {
            list.Add(e);
        }

        return list;
    }

    [Fact]
    public async Task Answer_SingleExpert_StreamsRoutedStartedTextFinishedCompleted()
    {
        var text = new FakeExpert(ExpertIds.TextGeneration) { RunCallback = (r, ct) => FakeExpert.Texts(ExpertIds.TextGeneration, ["Hel", "lo"], TimeSpan.Zero, ct) };
        var brain = CreateBrain(new FixedGate((ExpertIds.TextGeneration, "say hello")), text);

        var events = await CollectAsync(brain.AnswerAsync(Turn.FromText("say hello")));

        Assert.IsType<Routed>(events[0]);
        Assert.Equal(new ExpertStarted(ExpertIds.TextGeneration, "say hello"), events[1]);
        Assert.Equal("Hello", string.Concat(events.OfType<TextDelta>().Select(d => d.Text)));
        var finished = Assert.Single(events.OfType<ExpertFinished>());
        Assert.Equal(2, finished.Stats.Tokens);
        var completed = Assert.IsType<Completed>(events[^1]);
        Assert.Equal(1, completed.Stats.ExpertsRun);
        Assert.Equal(0, completed.Stats.ExpertsFailed);
    }

    [Fact]
    public async Task Answer_TwoIndependentExperts_RunConcurrently()
    {
        // Each expert waits until the other has started: only a concurrent plan can finish.
        var bothStarted = new CountdownEvent(2);
        async IAsyncEnumerable<BrainEvent> Rendezvous(string id, [EnumeratorCancellation] CancellationToken ct = default)
        {
            bothStarted.Signal();
            await Task.Run(() => bothStarted.Wait(ct), ct);
            yield return new TextDelta(id, id);
        }

        var text = new FakeExpert(ExpertIds.TextGeneration) { RunCallback = (_, ct) => Rendezvous(ExpertIds.TextGeneration, ct) };
        var image = new FakeExpert(ExpertIds.ImageGeneration) { RunCallback = (_, ct) => Rendezvous(ExpertIds.ImageGeneration, ct) };
        var brain = CreateBrain(new FixedGate((ExpertIds.TextGeneration, "写一篇文章"), (ExpertIds.ImageGeneration, "配一张图")), text, image);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var events = await CollectAsync(brain.AnswerAsync(Turn.FromText("写一篇文章并配一张图"), cancellationToken: timeout.Token));

        Assert.Equal(2, events.OfType<ExpertFinished>().Count());
        Assert.Equal("写一篇文章", Assert.Single(text.Requests).Instruction);
        Assert.Equal("配一张图", Assert.Single(image.Requests).Instruction);
    }

    [Fact]
    public async Task Answer_FailingExpert_YieldsExpertFailedAndOthersGoOn()
    {
        static async IAsyncEnumerable<BrainEvent> Broken([EnumeratorCancellation] CancellationToken ct = default)
        {
            await Task.Yield();
            yield return new TextDelta(ExpertIds.ImageGeneration, "partial");
            throw new InvalidOperationException("model file is corrupt");
        }

        var text = new FakeExpert(ExpertIds.TextGeneration) { RunCallback = (_, ct) => FakeExpert.Texts(ExpertIds.TextGeneration, ["a", "b", "c"], TimeSpan.FromMilliseconds(20), ct) };
        var image = new FakeExpert(ExpertIds.ImageGeneration) { RunCallback = (_, ct) => Broken(ct) };
        var brain = CreateBrain(new FixedGate((ExpertIds.TextGeneration, "t"), (ExpertIds.ImageGeneration, "i")), text, image);

        var events = await CollectAsync(brain.AnswerAsync(Turn.FromText("both")));

        var failed = Assert.Single(events.OfType<ExpertFailed>());
        Assert.Equal(ExpertIds.ImageGeneration, failed.Expert);
        // The user reads a plain sentence (the answer was cut off after "partial"), never the exception's type or text.
        Assert.Equal(FailureReasons.Interrupted, failed.Reason);
        Assert.DoesNotContain("corrupt", failed.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", failed.Message, StringComparison.Ordinal);
        Assert.Equal("abc", string.Concat(events.OfType<TextDelta>().Where(d => d.Expert == ExpertIds.TextGeneration).Select(d => d.Text)));
        Assert.Equal(ExpertIds.TextGeneration, Assert.Single(events.OfType<ExpertFinished>()).Expert);
        Assert.Equal(1, Assert.IsType<Completed>(events[^1]).Stats.ExpertsFailed);
    }

    [Fact]
    public async Task Answer_ExpertThrowsBeforeFirstEvent_IsReportedNotThrown()
    {
        var text = new FakeExpert(ExpertIds.TextGeneration) { RunCallback = (_, _) => throw new ExpertException("No text model configured.") };
        var brain = CreateBrain(new FixedGate((ExpertIds.TextGeneration, "hi")), text);

        var events = await CollectAsync(brain.AnswerAsync(Turn.FromText("hi")));

        Assert.Equal("No text model configured.", Assert.Single(events.OfType<ExpertFailed>()).Message);
    }

    [Fact]
    public async Task Answer_SelectedExpertNotInstalled_FailsThatExpertOnly()
    {
        var brain = CreateBrain(new FixedGate((ExpertIds.VideoUnderstanding, "v")));

        var events = await CollectAsync(brain.AnswerAsync(Turn.FromText("what happens in this video")));

        Assert.Contains("not installed", Assert.Single(events.OfType<ExpertFailed>()).Message, StringComparison.Ordinal);
        Assert.IsType<Completed>(events[^1]);
    }

    [Fact]
    public async Task Answer_Cancelled_StopsExpertsAndThrowsCancellation()
    {
        var cancelledInside = new TaskCompletionSource();
        async IAsyncEnumerable<BrainEvent> Endless([EnumeratorCancellation] CancellationToken ct = default)
        {
            var i = 0;
            while (true)
            {
                try
                {
                    await Task.Delay(10, ct);
                }
                catch (OperationCanceledException)
                {
                    cancelledInside.TrySetResult();
                    throw;
                }

                yield return new TextDelta(ExpertIds.TextGeneration, (i++).ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        var text = new FakeExpert(ExpertIds.TextGeneration) { RunCallback = (_, ct) => Endless(ct) };
        var image = new FakeExpert(ExpertIds.ImageGeneration) { RunCallback = (_, ct) => Endless(ct) };
        var brain = CreateBrain(new FixedGate((ExpertIds.TextGeneration, "t"), (ExpertIds.ImageGeneration, "i")), text, image);
        using var cts = new CancellationTokenSource();
        var received = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var e in brain.AnswerAsync(Turn.FromText("go"), cancellationToken: cts.Token))
            {
                if (e is TextDelta && ++received == 5)
                {
                    await cts.CancelAsync();
                }
            }
        });

        await cancelledInside.Task.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Answer_TtsSelected_ReadsTextWrittenByTextExpertAfterIt()
    {
        var text = new FakeExpert(ExpertIds.TextGeneration) { RunCallback = (_, ct) => FakeExpert.Texts(ExpertIds.TextGeneration, ["春天", "来了"], TimeSpan.FromMilliseconds(5), ct) };
        var tts = new FakeExpert(ExpertIds.Tts);
        var brain = CreateBrain(new FixedGate((ExpertIds.TextGeneration, "写诗"), (ExpertIds.Tts, "读出来")), text, tts);

        var events = await CollectAsync(brain.AnswerAsync(Turn.FromText("写一首诗并读出来")));

        Assert.Equal("春天来了", Assert.Single(tts.Requests).Inputs[ExpertIds.TextGeneration]);
        var ttsStart = events.FindIndex(e => e is ExpertStarted { Expert: ExpertIds.Tts });
        var textEnd = events.FindIndex(e => e is ExpertFinished { Expert: ExpertIds.TextGeneration });
        Assert.True(ttsStart > textEnd);
    }

    [Fact]
    public async Task Answer_TtsReadsStreams_FirstAudioArrivesBeforeTextExpertFinishes()
    {
        // The text expert writes its second sentence only once the first one's audio has reached the consumer.
        var firstAudio = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        async IAsyncEnumerable<BrainEvent> Write([EnumeratorCancellation] CancellationToken ct = default)
        {
            yield return new TextDelta(ExpertIds.TextGeneration, "Spring is ");
            yield return new TextDelta(ExpertIds.TextGeneration, "here. ");
            await firstAudio.Task.WaitAsync(TimeSpan.FromSeconds(10), ct);
            yield return new TextDelta(ExpertIds.TextGeneration, "Flowers open.");
        }

        var text = new FakeExpert(ExpertIds.TextGeneration) { RunCallback = (_, ct) => Write(ct) };
        var tts = new FakeTextReader(ExpertIds.Tts);
        var brain = CreateBrain(new FixedGate((ExpertIds.TextGeneration, "写诗"), (ExpertIds.Tts, "读出来")), text, tts);

        var events = new List<BrainEvent>();
        await foreach (var e in brain.AnswerAsync(Turn.FromText("write and read a poem")))
        {
            events.Add(e);
            if (e is AudioReady)
            {
                firstAudio.TrySetResult();
            }
        }

        Assert.Empty(events.OfType<ExpertFailed>());
        Assert.Equal(["Spring is here.", "Flowers open."], events.OfType<AudioReady>().Select(a => a.Url));
        var firstAudioIndex = events.FindIndex(e => e is AudioReady);
        var textEnd = events.FindIndex(e => e is ExpertFinished { Expert: ExpertIds.TextGeneration });
        Assert.True(firstAudioIndex < textEnd);
        Assert.Equal((1, 0), (tts.Streams, tts.Runs));
        Assert.Equal(2, Assert.IsType<Completed>(events[^1]).Stats.ExpertsRun);
    }

    [Fact]
    public async Task Answer_ReadAloudTurn_AddsTtsToTheGatesTextChoice()
    {
        var text = new FakeExpert(ExpertIds.TextGeneration) { RunCallback = (_, ct) => FakeExpert.Texts(ExpertIds.TextGeneration, ["Hello."], TimeSpan.Zero, ct) };
        var tts = new FakeTextReader(ExpertIds.Tts);
        var brain = CreateBrain(new FixedGate((ExpertIds.TextGeneration, "hi")), text, tts);

        var events = await CollectAsync(brain.AnswerAsync(Turn.FromText("hi") with { ReadAloud = true }));

        var routed = Assert.IsType<Routed>(events[0]);
        Assert.Equal([ExpertIds.TextGeneration, ExpertIds.Tts], routed.Decision.Selected.Select(s => s.Expert));
        Assert.Equal("Hello.", Assert.Single(events.OfType<AudioReady>()).Url);
    }

    [Fact]
    public async Task Answer_ReadAloudTurnWithoutText_DoesNotAddTts()
    {
        var image = new FakeExpert(ExpertIds.ImageGeneration);
        var tts = new FakeTextReader(ExpertIds.Tts);
        var brain = CreateBrain(new FixedGate((ExpertIds.ImageGeneration, "a cat")), image, tts);

        var events = await CollectAsync(brain.AnswerAsync(Turn.FromText("draw a cat") with { ReadAloud = true }));

        Assert.DoesNotContain(Assert.IsType<Routed>(events[0]).Decision.Selected, s => s.Expert == ExpertIds.Tts);
        Assert.Equal((0, 0), (tts.Streams, tts.Runs));
    }

    [Fact]
    public async Task Answer_AudioAttachment_TranscribedFirstAndTranscriptIsRouted()
    {
        static async IAsyncEnumerable<BrainEvent> Transcribe([EnumeratorCancellation] CancellationToken ct = default)
        {
            await Task.Yield();
            yield return new Transcribed(ExpertIds.Asr, "今天天气怎么样", "zh");
        }

        string? routedText = null;
        var gate = new RecordingGate(t => routedText = t.Text);
        var asr = new FakeExpert(ExpertIds.Asr) { RunCallback = (_, ct) => Transcribe(ct) };
        var text = new FakeExpert(ExpertIds.TextGeneration);
        var brain = CreateBrain(gate, asr, text);
        var turn = Turn.FromText("") with { Attachments = [new Attachment("a.webm", "audio/webm", AttachmentKind.Audio, "/tmp/a.webm", 10)] };

        var events = await CollectAsync(brain.AnswerAsync(turn));

        Assert.Equal("今天天气怎么样", routedText);
        Assert.True(events.FindIndex(e => e is Transcribed) < events.FindIndex(e => e is Routed));
        Assert.Equal("今天天气怎么样", Assert.Single(text.Requests).Instruction);
    }

    [Fact]
    public async Task Answer_VoiceOnlyTurnWithNoSpeechHeard_IsNotRouted()
    {
        static async IAsyncEnumerable<BrainEvent> HearNothing([EnumeratorCancellation] CancellationToken ct = default)
        {
            await Task.Yield();
            throw new ExpertException("No speech was found in the recording.");
#pragma warning disable CS0162 // an iterator needs a yield
            yield break;
#pragma warning restore CS0162
        }

        var routed = false;
        var gate = new RecordingGate(_ => routed = true);
        var asr = new FakeExpert(ExpertIds.Asr) { RunCallback = (_, ct) => HearNothing(ct) };
        var text = new FakeExpert(ExpertIds.TextGeneration);
        var brain = CreateBrain(gate, asr, text);
        var turn = Turn.FromText("") with { Attachments = [new Attachment("voice.webm", "audio/webm", AttachmentKind.Audio, "/tmp/v.webm", 10)] };

        var events = await CollectAsync(brain.AnswerAsync(turn));

        Assert.False(routed);
        Assert.Empty(text.Requests);
        Assert.DoesNotContain(events, e => e is Routed);
        Assert.Contains(events, e => e is ExpertFailed { Expert: ExpertIds.Asr });
        Assert.IsType<Completed>(events[^1]);
    }

    [Fact]
    public async Task Answer_ForcedExperts_BypassTheGate()
    {
        var gate = new RecordingGate(_ => throw new InvalidOperationException("the gate must not be asked"));
        var image = new FakeExpert(ExpertIds.ImageGeneration);
        var brain = CreateBrain(gate, image);

        var events = await CollectAsync(brain.AnswerAsync(Turn.FromText("a cat"), [ExpertIds.ImageGeneration]));

        var routed = Assert.IsType<Routed>(events[0]);
        Assert.Equal("user", routed.Decision.Gate);
        Assert.Single(image.Requests);
    }

    private sealed class RecordingGate(Action<Turn> onRoute) : IGate
    {
        public string Name => "recording";

        public ValueTask<GateDecision> RouteAsync(Turn turn, CancellationToken cancellationToken = default)
        {
            onRoute(turn);
            return ValueTask.FromResult(GateDecision.Single(ExpertIds.TextGeneration, turn.Text, Name));
        }
    }
}
