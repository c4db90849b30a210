using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WorkBrain.Core.Documents;
using WorkBrain.Core.Experts;
using WorkBrain.Core.Hosting;

namespace WorkBrain.Tests.Core.Documents;

public sealed class DocumentQaServiceExtensionsTests
{
    [Fact]
    public async Task AddWorkBrainEngine_RegistersDocumentQaExpertLibraryAndCommand()
    {
        var directory = Path.Combine(Path.GetTempPath(), "wb-docs-di-" + Guid.NewGuid().ToString("N"));
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:DataDirectory"] = directory });
        builder.AddWorkBrainEngine();
        WorkBrain.Web.Data.StorageExtensions.AddStorage(builder); // the document store's database
        using var host = builder.Build();
        await host.StartAsync();

        var expert = host.Services.GetServices<IExpert>().Single(e => e.Id == ExpertIds.DocumentQa);
        var library = host.Services.GetRequiredService<DocumentLibrary>();
        var added = await library.AddAsync("u1", "a.txt", new MemoryStream("一句话。"u8.ToArray()));
        var ready = await library.WaitUntilIndexedAsync("u1", added.Id, new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);

        Assert.Equal(ExpertState.Ready, expert.GetStatus().State);
        Assert.Contains(host.Services.GetServices<ICliCommand>(), c => c.Name == "eval-retrieval");
        Assert.Equal(WorkBrain.Core.Documents.Storage.DocumentStatus.Ready, ready!.Status);
        await host.StopAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(directory, true);
    }
}
