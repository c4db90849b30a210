using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WorkBrain.Core.Events;
using WorkBrain.Core.Experts;
using WorkBrain.Core.Text;
using WorkBrain.Core.Tools;
using WorkBrain.Core.Turns;
using WorkBrain.Tests.Support;

namespace WorkBrain.Tests.Core.Tools;

public sealed class ExternalServicesExpertTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 1, 5, 0, TimeSpan.Zero);

    private static ExternalServicesExpert Create(IChatClient? client, ToolsOptions? tools = null)
    {
        var toolOptions = Options.Create(tools ?? new ToolsOptions { DefaultTimeZone = "UTC" });
        var textOptions = Options.Create(new TextGenerationOptions { Backend = "remote" });
        var selector = TestEngines.Select(client);
        var toolbox = new ExternalToolbox(toolOptions, new FakeClock(Now), new McpToolSource(toolOptions, NullLoggerFactory.Instance));
        return new ExternalServicesExpert(selector, toolbox, toolOptions, textOptions, NullLogger<ExternalServicesExpert>.Instance);
    }

    private static async Task<List<BrainEvent>> RunAsync(ExternalServicesExpert expert, string instruction)
    {
        var events = new List<BrainEvent>();
        await foreach (var e in expert.RunAsync(ExpertRequest.For(Turn.FromText(instruction), instruction)))
        {
            events.Add(e);
        }

        return events;
    }

    [Theory]
    [InlineData("5公里等于多少米", "convert_units", "5 公里 = 5000 米")]
    [InlineData("100华氏度是多少摄氏度？", "convert_units", "100 华氏度 = 37.7777777778 摄氏度")]
    [InlineData("convert 10 km to miles please", "convert_units", "10 km = 6.21371192237 miles")]
    [InlineData("how many feet in 3 meters?", "convert_units", "3 meters = 9.84251968504 feet")]
    [InlineData("计算 (3加5)乘2 等于多少", "calculate", "(3+5)*2 = 16")]
    [InlineData("what is 2^10 - 24?", "calculate", "2^10 - 24 = 1000")]
    [InlineData("东京现在几点？", "get_current_time", "2026-03-02 10:05:00 Monday (Asia/Tokyo, UTC+09:00)")]
    [InlineData("what time is it in New York", "get_current_time", "2026-03-01 20:05:00 Sunday (America/New_York, UTC-05:00)")]
    [InlineData("今天几号", "get_current_time", "2026-03-02 01:05:00 Monday (UTC, UTC+00:00)")]
    public async Task RunAsync_NoTextModel_CallsToolDirectly(string instruction, string tool, string answer)
    {
        var events = await RunAsync(Create(client: null), instruction);

        Assert.Equal(2, events.Count);
        var call = Assert.IsType<ToolCalled>(events[0]);
        Assert.Equal(ExpertIds.ExternalServices, call.Expert);
        Assert.Equal(tool, call.Tool);
        Assert.Equal(answer, call.Result);
        Assert.Equal(answer, Assert.IsType<TextDelta>(events[1]).Text);
        JsonDocument.Parse(call.Arguments).Dispose();
    }

    [Fact]
    public async Task RunAsync_DivisionByZero_ShowsError()
    {
        var events = await RunAsync(Create(client: null), "1/0=?");
        Assert.Equal("Error: Division by zero.", Assert.IsType<TextDelta>(events[1]).Text);
    }

    [Fact]
    public async Task RunAsync_Unrecognised_ThrowsExpertExceptionExplainingWhatWorks()
    {
        var e = await Assert.ThrowsAsync<ExpertException>(() => RunAsync(Create(client: null), "tell me a joke"));
        Assert.Contains("No text model", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_ConfiguredServiceByKeyword_CallsIt()
    {
        await using var server = LocalHttpServer.Text("{\"weather\":\"晴\"}", "application/json");
        var tools = new ToolsOptions
        {
            Http = [new HttpServiceOptions { Name = "weather", Keywords = ["天气"], UrlTemplate = server.BaseUrl + "/w?city={city}" }],
        };

        var events = await RunAsync(Create(client: null, tools), "查询天气 北京");

        var call = Assert.IsType<ToolCalled>(events[0]);
        Assert.Equal("weather", call.Tool);
        Assert.Equal("{\"city\":\"北京\"}", call.Arguments);
        Assert.Equal("HTTP 200 OK\n{\"weather\":\"晴\"}", call.Result);
        Assert.Equal("/w?city=%E5%8C%97%E4%BA%AC", Assert.Single(server.Requests).RawUrl);
    }

    [Fact]
    public async Task RunAsync_TextModelRequestsTool_InvokesItAndStreamsAnswer()
    {
        var client = new FakeChatClient((messages, options) =>
        {
            var result = messages.SelectMany(m => m.Contents).OfType<FunctionResultContent>().LastOrDefault();
            if (result is null)
            {
                Assert.Contains(options!.Tools!, t => t.Name == "calculate");
                return [new ChatResponseUpdate(ChatRole.Assistant, [new FunctionCallContent("call-1", "calculate", new Dictionary<string, object?> { ["expression"] = "6*7" })])];
            }

            var text = RecordingFunction.ResultText(result.Result);
            return [new ChatResponseUpdate(ChatRole.Assistant, "The answer: "), new ChatResponseUpdate(ChatRole.Assistant, text)];
        });

        var events = await RunAsync(Create(client), "what is six times seven?");

        var call = Assert.IsType<ToolCalled>(events[0]);
        Assert.Equal("calculate", call.Tool);
        Assert.Equal("{\"expression\":\"6*7\"}", call.Arguments);
        Assert.Equal("6*7 = 42", call.Result);
        Assert.Equal("The answer: 6*7 = 42", string.Concat(events.OfType<TextDelta>().Select(t => t.Text)));
        Assert.Equal(2, client.Calls.Count);
    }

    [Fact]
    public void GetStatus_WithAndWithoutModel_SaysHowToolsAreChosen()
    {
        Assert.Equal("built-in", Create(client: null).GetStatus().Backend);
        Assert.Equal("function calling", Create(new FakeChatClient((_, _) => [])).GetStatus().Backend);
        Assert.True(Create(client: null).GetStatus().IsAvailable);
    }

    [Fact]
    public async Task McpToolSource_UnreachableServer_ReportsProblemAndKeepsOtherTools()
    {
        var tools = new ToolsOptions { Mcp = [new McpServerOptions { Name = "broken", Command = "/nonexistent/mcp-server", TimeoutSeconds = 5 }] };
        var toolOptions = Options.Create(tools);
        await using var mcp = new McpToolSource(toolOptions, NullLoggerFactory.Instance);
        using var toolbox = new ExternalToolbox(toolOptions, new FakeClock(Now), mcp);

        var all = await toolbox.GetToolsAsync(CancellationToken.None);

        Assert.Equal(["get_current_time", "calculate", "convert_units"], all.Select(t => t.Name));
        Assert.True(toolbox.McpProblems.ContainsKey("broken"));
    }
}
