using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Client;

namespace WorkBrain.Core.Tools;

/// <summary>Connects once to each configured Model Context Protocol server and offers its tools as functions.
/// A server that cannot be reached is reported in <see cref="Problems"/> and skipped; the others go on.</summary>
public sealed partial class McpToolSource(IOptions<ToolsOptions> options, ILoggerFactory loggerFactory) : IAsyncDisposable
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly List<McpClient> _clients = [];
    private readonly ILogger _logger = loggerFactory.CreateLogger<McpToolSource>();
    private IReadOnlyList<AIFunction>? _tools;

    /// <summary>Servers that failed to connect, with the reason.</summary>
    public IReadOnlyDictionary<string, string> Problems => _problems;

    private readonly Dictionary<string, string> _problems = new(StringComparer.Ordinal);

    public int ServerCount => options.Value.Mcp.Count;

    public async ValueTask<IReadOnlyList<AIFunction>> GetToolsAsync(CancellationToken cancellationToken)
    {
        if (_tools is not null)
        {
            return _tools;
        }

        await _lock.WaitAsync(cancellationToken);
        try
        {
            if (_tools is not null)
            {
                return _tools;
            }

            var tools = new List<AIFunction>();
            foreach (var server in options.Value.Mcp)
            {
                try
                {
                    using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                    timeout.CancelAfter(TimeSpan.FromSeconds(server.TimeoutSeconds));
                    var client = await McpClient.CreateAsync(CreateTransport(server), null, loggerFactory, timeout.Token);
                    _clients.Add(client);
                    var listed = await client.ListToolsAsync(cancellationToken: timeout.Token);
                    tools.AddRange(listed);
                    LogConnected(server.Name, listed.Count);
                }
                catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    var reason = e is OperationCanceledException ? $"no answer within {server.TimeoutSeconds} s" : e.Message;
                    _problems[server.Name] = reason;
                    LogFailed(e, server.Name, reason);
                }
            }

            _tools = tools;
            return tools;
        }
        finally
        {
            _lock.Release();
        }
    }

    internal static IClientTransport CreateTransport(McpServerOptions server)
    {
        if (!string.IsNullOrWhiteSpace(server.Url))
        {
            return new HttpClientTransport(new HttpClientTransportOptions
            {
                Endpoint = new Uri(server.Url),
                Name = server.Name,
                AdditionalHeaders = server.Headers,
                ConnectionTimeout = TimeSpan.FromSeconds(server.TimeoutSeconds),
            });
        }

        if (string.IsNullOrWhiteSpace(server.Command))
        {
            throw new InvalidOperationException($"MCP server '{server.Name}' needs a Command (stdio) or a Url (HTTP).");
        }

        return new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = server.Name,
            Command = server.Command,
            Arguments = server.Arguments,
            EnvironmentVariables = server.Environment.ToDictionary(kv => kv.Key, kv => (string?)kv.Value),
        });
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            await client.DisposeAsync();
        }

        _clients.Clear();
        _lock.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "MCP server {Server} connected with {Count} tools")]
    private partial void LogConnected(string server, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MCP server {Server} is unavailable: {Reason}")]
    private partial void LogFailed(Exception exception, string server, string reason);
}
