using System.Runtime.CompilerServices;
using WorkBrain.Core.Events;
using WorkBrain.Core.Experts;

namespace WorkBrain.Tests.Core.Orchestration;

/// <summary>An expert whose behaviour each test sets through a callback.</summary>
internal sealed class FakeExpert(string id) : IExpert
{
    public string Id { get; } = id;

    public Func<ExpertRequest, CancellationToken, IAsyncEnumerable<BrainEvent>> RunCallback { get; set; } = (_, _) => Empty();

    public List<ExpertRequest> Requests { get; } = [];

    public ExpertStatus GetStatus() => new(Id, ExpertState.Ready, "fake", "CPU", "");

    public IAsyncEnumerable<BrainEvent> RunAsync(ExpertRequest request, CancellationToken cancellationToken = default)
    {
        lock (Requests)
        {
            Requests.Add(request);
        }

        return RunCallback(request, cancellationToken);
    }

    public static async IAsyncEnumerable<BrainEvent> Empty()
    {
        await Task.CompletedTask;
        yield break;
    }

    public static async IAsyncEnumerable<BrainEvent> Texts(string expert, IEnumerable<string> parts, TimeSpan delay, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var part in parts)
        {
            await Task.Delay(delay, cancellationToken);
            yield return new TextDelta(expert, part);
        }
    }
}
