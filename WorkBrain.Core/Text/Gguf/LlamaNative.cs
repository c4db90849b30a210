using LLama.Native;
using Microsoft.Extensions.Logging;

namespace WorkBrain.Core.Text.Gguf;

/// <summary>llama.cpp's native library is configured once per process (before its first use): its log goes to our logger
/// at Debug, warnings and errors at Warning.</summary>
internal static partial class LlamaNative
{
    private static readonly Lock Gate = new();
    private static ILogger? _logger;

    public static void EnsureConfigured(ILogger logger)
    {
        lock (Gate)
        {
            if (_logger is not null)
            {
                return;
            }

            _logger = logger;
            if (!NativeLibraryConfig.LLama.LibraryHasLoaded)
            {
                NativeLibraryConfig.All.WithLogCallback(Log);
            }
        }
    }

    private static void Log(LLamaLogLevel level, string message)
    {
        if (_logger is not { } logger || string.IsNullOrWhiteSpace(message))
        {
            return;
        }

        if (level is LLamaLogLevel.Error or LLamaLogLevel.Warning)
        {
            LogNativeWarning(logger, message.TrimEnd());
        }
        else
        {
            LogNative(logger, message.TrimEnd());
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "llama.cpp: {Message}")]
    private static partial void LogNative(ILogger logger, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "llama.cpp: {Message}")]
    private static partial void LogNativeWarning(ILogger logger, string message);
}
