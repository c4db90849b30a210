using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace WorkBrain.Core.Tools;

/// <summary>Every tool the external_services expert can use: built-in ones, configured HTTP services and MCP servers' tools.</summary>
public sealed class ExternalToolbox : IDisposable
{
    private readonly IReadOnlyList<AIFunction> _local;
    private readonly McpToolSource _mcp;
    private readonly HttpClient _http;

    public ExternalToolbox(IOptions<ToolsOptions> options, TimeProvider clock, McpToolSource mcp)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        _mcp = mcp;
        var o = options.Value;
        var zone = string.IsNullOrWhiteSpace(o.DefaultTimeZone)
            ? TimeZoneInfo.Local
            : TimeZoneNames.Find(o.DefaultTimeZone) ?? throw new InvalidOperationException(
                $"Tools:DefaultTimeZone '{o.DefaultTimeZone}' is not a known time zone; use an IANA id such as Asia/Shanghai.");
        Clock = new DateTimeTool(clock, zone);
        _http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = Timeout.InfiniteTimeSpan };
        HttpServices = o.Http.Select(s => new HttpServiceTool(s, _http)).ToList();
        _local = [.. new BuiltInTools(Clock).Create(), .. HttpServices];
    }

    public DateTimeTool Clock { get; }

    public IReadOnlyList<HttpServiceTool> HttpServices { get; }

    public int McpServerCount => _mcp.ServerCount;

    public IReadOnlyDictionary<string, string> McpProblems => _mcp.Problems;

    /// <summary>The built-in and HTTP tools plus, once connected, the MCP servers' tools.</summary>
    public async ValueTask<IReadOnlyList<AIFunction>> GetToolsAsync(CancellationToken cancellationToken)
    {
        if (_mcp.ServerCount == 0)
        {
            return _local;
        }

        var mcp = await _mcp.GetToolsAsync(cancellationToken);
        return [.. _local, .. mcp];
    }

    public void Dispose() => _http.Dispose();
}
