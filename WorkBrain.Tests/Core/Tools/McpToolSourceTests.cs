using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WorkBrain.Core.Tools;

namespace WorkBrain.Tests.Core.Tools;

public sealed class McpToolSourceTests : IDisposable
{
    // A minimal MCP server over stdio (newline-delimited JSON-RPC): one tool, "reverse".
    private const string Server = """
        import json, sys
        for line in sys.stdin:
            msg = json.loads(line)
            if "id" not in msg:
                continue
            method = msg.get("method")
            if method == "initialize":
                result = {"protocolVersion": msg["params"]["protocolVersion"], "capabilities": {"tools": {}},
                          "serverInfo": {"name": "test", "version": "1.0"}}
            elif method == "tools/list":
                result = {"tools": [{"name": "reverse", "description": "Reverses text.",
                          "inputSchema": {"type": "object", "properties": {"text": {"type": "string"}}, "required": ["text"]}}]}
            elif method == "tools/call":
                text = msg["params"]["arguments"]["text"]
                result = {"content": [{"type": "text", "text": text[::-1]}], "isError": False}
            else:
                error = {"code": -32601, "message": "Method not found: " + str(method)}
                sys.stdout.write(json.dumps({"jsonrpc": "2.0", "id": msg["id"], "error": error}) + "\n")
                sys.stdout.flush()
                continue
            sys.stdout.write(json.dumps({"jsonrpc": "2.0", "id": msg["id"], "result": result}) + "\n")
            sys.stdout.flush()
        """;

    private readonly string _script = Path.Combine(Path.GetTempPath(), $"workbrain-mcp-{Guid.NewGuid():N}.py");

    public void Dispose() => File.Delete(_script);

    [Fact]
    public async Task GetToolsAsync_StdioServer_ListsAndCallsItsTools()
    {
        await File.WriteAllTextAsync(_script, Server);
        var options = Options.Create(new ToolsOptions
        {
            Mcp = [new McpServerOptions { Name = "test", Command = "/usr/bin/python3", Arguments = ["-u", _script], TimeoutSeconds = 30 }],
        });
        await using var source = new McpToolSource(options, NullLoggerFactory.Instance);

        var tools = await source.GetToolsAsync(CancellationToken.None);

        Assert.True(tools.Count == 1, string.Join("; ", source.Problems.Select(p => p.Key + ": " + p.Value)));
        var reverse = tools[0];
        Assert.Equal("reverse", reverse.Name);
        Assert.Equal("Reverses text.", reverse.Description);
        var result = await reverse.InvokeAsync(new AIFunctionArguments { ["text"] = "abc天气" });
        Assert.Contains("气天cba", RecordingFunction.ResultText(result), StringComparison.Ordinal);
        Assert.Empty(source.Problems);
    }
}
