using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;

namespace WorkBrain.Tests.Support;

/// <summary>A logger factory for a context factory that keeps the text of every SQL command EF Core executed, so a test
/// can count the statements a piece of code sent to the real database.</summary>
public sealed class SqlCommandLog : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _commands = new();

    public SqlCommandLog() => Factory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Information).AddProvider(this));

    public ILoggerFactory Factory { get; }

    public IReadOnlyList<string> Commands => [.. _commands];

    public void Clear() => _commands.Clear();

    public ILogger CreateLogger(string categoryName) =>
        categoryName == DbLoggerCategory.Database.Command.Name ? new CommandLogger(this) : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    public void Dispose()
    {
    }

    private sealed class CommandLogger(SqlCommandLog log) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventId.Id == RelationalEventId.CommandExecuted.Id)
            {
                log._commands.Enqueue(formatter(state, exception));
            }
        }
    }
}
