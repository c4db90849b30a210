namespace WorkBrain.Core.Engines.Onnx;

/// <summary>
/// Lets a model be disposed (host shutdown, unload) while calls into its native session are still running on other
/// threads: the native resources are released when the last running call ends, and calls that start after disposal get
/// an <see cref="ObjectDisposedException"/>. Without it, ONNX Runtime dereferences a released session and the process
/// dies with a segmentation fault.
/// </summary>
public sealed class SessionUseGuard : IDisposable
{
    private readonly object _lock = new();
    private readonly string _name;
    private readonly Action _release;
    private int _active;
    private bool _disposed;

    /// <param name="name">The model, for the exception message.</param>
    /// <param name="release">Frees the native session(s); called exactly once.</param>
    public SessionUseGuard(string name, Action release)
    {
        _name = name;
        _release = release;
    }

    /// <summary>Marks one call as running; dispose the result when the call ends.</summary>
    public Use Enter()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                throw new ObjectDisposedException(_name, $"The {_name} model was unloaded or the server is shutting down.");
            }

            _active++;
        }

        return new Use(this);
    }

    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            if (_active > 0)
            {
                return;
            }
        }

        _release();
    }

    private void Exit()
    {
        lock (_lock)
        {
            if (--_active > 0 || !_disposed)
            {
                return;
            }
        }

        _release();
    }

    public readonly struct Use(SessionUseGuard guard) : IDisposable
    {
        public void Dispose() => guard.Exit();
    }
}
