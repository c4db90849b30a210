using System.Diagnostics;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MudBlazor.Services;
using WorkBrain.Core.Storage;
using WorkBrain.Web.Components.Pages.Chat;
using WorkBrain.Web.Conversations;
using WorkBrain.Web.Data;
using WorkBrain.Web.Rendering;

namespace WorkBrain.Benchmarks;

/// <summary>Opening a session of 2,000 messages with code blocks as the chat page does: the newest page from the
/// database (ChatStore) and its MessageItem components rendered. Prints the time to open it and the server memory
/// the open session holds (views + component tree, as a circuit keeps them), next to loading the whole session.</summary>
internal sealed class LongChatBenchmark : IBenchmark
{
    private const int SessionMessages = 2000;
    private const int PageSize = 50; // as Chat.PageSize
    private const int Repeats = 20;

    public string Name => "longchat";

    public string Description => $"open a {SessionMessages:N0}-message chat with code blocks: first page load + render, and its memory";

    public async Task RunAsync(IReadOnlyList<string> args, TextWriter output, CancellationToken cancellationToken)
    {
        var directory = Path.Combine(Path.GetTempPath(), "workbrain-bench-longchat-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddMudServices();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<MarkdownRenderer>();
        services.AddSingleton<ChatStore>();
        var storage = Microsoft.Extensions.Options.Options.Create(new StorageOptions { DataDirectory = directory, ConnectionString = $"Data Source={Path.Combine(directory, "bench.db")};Pooling=False" });
        services.AddSingleton(storage);
        services.AddSingleton<IDbContextFactory<WorkBrainDbContext>>(new WorkBrainDbContextFactory(storage));
        await using var provider = services.BuildServiceProvider();
        try
        {
            var store = provider.GetRequiredService<ChatStore>();
            var sessionId = await SeedAsync(provider, cancellationToken);
            output.WriteLine($"session: {SessionMessages:N0} messages, every answer a paragraph and a C# code block");

            var cold = await OpenAsync(provider, store, sessionId, PageSize + 1, cancellationToken);
            output.WriteLine($"first open (cold, includes JIT): load {cold.LoadMs:F1} ms + render {cold.RenderMs:F1} ms");
            await ReportAsync(output, "newest page (what the chat opens)", provider, store, sessionId, PageSize + 1, cancellationToken);
            await ReportAsync(output, "whole session (no paging, for comparison)", provider, store, sessionId, int.MaxValue, cancellationToken);
            output.WriteLine($"the chat keeps at most {3 * PageSize} messages rendered while scrolling (older/newer pages unload)");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task ReportAsync(TextWriter output, string label, IServiceProvider provider, ChatStore store, string sessionId, int take, CancellationToken cancellationToken)
    {
        var runs = new List<Open>();
        for (var i = 0; i < (take == int.MaxValue ? 5 : Repeats); i++)
        {
            await using var open = await OpenAsync(provider, store, sessionId, take, cancellationToken);
            runs.Add(open);
        }

        var load = Median(runs.Select(r => r.LoadMs));
        var render = Median(runs.Select(r => r.RenderMs));
        var total = Median(runs.Select(r => r.LoadMs + r.RenderMs));

        // Memory: what holding the open session costs (views + live component tree), and what opening allocates.
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        await using var held = await OpenAsync(provider, store, sessionId, take, cancellationToken);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var after = GC.GetTotalMemory(forceFullCollection: true);
        output.WriteLine($"{label}: {held.Messages} messages, {held.HtmlChars / 1024.0:F0} KiB of HTML");
        output.WriteLine($"  time to open (median of {runs.Count}): {total:F1} ms  (ChatStore load {load:F1} ms + render {render:F1} ms)");
        output.WriteLine($"  memory: {allocated / 1048576.0:F2} MiB allocated to open, {(after - before) / 1048576.0:F2} MiB retained on the heap while open");
        GC.KeepAlive(held);
    }

    private static async Task<Open> OpenAsync(IServiceProvider provider, ChatStore store, string sessionId, int take, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var messages = await store.LoadMessagesAsync("local", sessionId, take, cancellationToken: cancellationToken)
                       ?? throw new InvalidOperationException("the seeded session is missing");
        var loadMs = watch.Elapsed.TotalMilliseconds;
        watch.Restart();
        var renderer = new HtmlRenderer(provider, provider.GetRequiredService<ILoggerFactory>());
        var html = await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var parameters = ParameterView.FromDictionary(new Dictionary<string, object?> { [nameof(MessageListHost.Messages)] = messages });
            var root = await renderer.RenderComponentAsync<MessageListHost>(parameters);
            return root.ToHtmlString();
        });
        return new Open(renderer, messages, loadMs, watch.Elapsed.TotalMilliseconds, html.Length);
    }

    private static async Task<string> SeedAsync(IServiceProvider provider, CancellationToken cancellationToken)
    {
        var contexts = provider.GetRequiredService<IDbContextFactory<WorkBrainDbContext>>();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Database.EnsureCreatedAsync(cancellationToken);
        var now = DateTimeOffset.UtcNow;
        var session = new ChatSessionEntity { Id = Guid.NewGuid().ToString("N"), UserId = "local", Title = "A very long chat", CreatedAt = now, UpdatedAt = now };
        db.Sessions.Add(session);
        for (var i = 0; i < SessionMessages; i++)
        {
            var id = Guid.NewGuid().ToString("N");
            var user = i % 2 == 0;
            var answer = $"Answer {i}: here is the loop you asked for, with a *short* explanation.\n\n```csharp\nfor (var k = 0; k < {i}; k++)\n{{\n    Console.WriteLine($\"{{k}} squared is {{k * k}}\");\n}}\n```\n\nIt prints {i} lines; change the bound to print more.";
            var message = new ChatMessageEntity
            {
                Id = id, SessionId = session.Id, Sequence = i, Role = user ? MessageRoles.User : MessageRoles.Assistant,
                Text = user ? $"Question {i}: how do I write a loop that prints squares?" : answer, Status = MessageStatuses.Complete, CreatedAt = now.AddSeconds(i),
            };
            if (!user)
            {
                message.Parts.Add(new MessagePartEntity { MessageId = id, Ordinal = 0, Kind = "text", Expert = "text_generation", Content = answer });
            }

            db.Messages.Add(message);
        }

        await db.SaveChangesAsync(cancellationToken);
        return session.Id;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    private sealed record Open(HtmlRenderer Renderer, IReadOnlyList<MessageView> Views, double LoadMs, double RenderMs, int HtmlChars) : IAsyncDisposable
    {
        public int Messages => Views.Count;

        public ValueTask DisposeAsync() => Renderer.DisposeAsync();
    }

    /// <summary>The chat's message list: one MessageItem per message, keyed by id, the last one marked last.</summary>
    private sealed class MessageListHost : ComponentBase
    {
        [Parameter] public IReadOnlyList<MessageView> Messages { get; set; } = [];

        protected override void BuildRenderTree(RenderTreeBuilder builder)
        {
            for (var i = 0; i < Messages.Count; i++)
            {
                builder.OpenComponent<MessageItem>(0);
                builder.SetKey(Messages[i].Id);
                builder.AddComponentParameter(1, nameof(MessageItem.Message), Messages[i]);
                builder.AddComponentParameter(2, nameof(MessageItem.IsLast), i == Messages.Count - 1);
                builder.CloseComponent();
            }
        }
    }
}
