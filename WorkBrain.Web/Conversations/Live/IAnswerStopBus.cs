namespace WorkBrain.Web.Conversations.Live;

/// <summary>"Stop this answer", delivered to the replica that runs it (in process, or Redis pub/sub).</summary>
public interface IAnswerStopBus
{
    Task RequestStopAsync(string messageId);

    /// <summary>Calls <paramref name="onStop"/> with the message id of every stop request; dispose to stop listening.</summary>
    IDisposable Subscribe(Action<string> onStop);
}
