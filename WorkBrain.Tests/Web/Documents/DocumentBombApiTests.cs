using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using WorkBrain.Core.Documents;
using WorkBrain.Core.Documents.Storage;
using WorkBrain.Tests.Core.Documents.Parsing;
using WorkBrain.Tests.Support;
using WorkBrain.Web.Accounts;

namespace WorkBrain.Tests.Web.Documents;

/// <summary>The case through the real app: a 400 MB-text DOCX added with POST /api/documents ends "failed" with a
/// reason while the heap stays small and the server keeps answering, another user's document is indexed, and after a
/// restart that interrupted it the bomb is not parsed again.</summary>
[Collection(MemoryMeasuredCollection.Name)]
public sealed class DocumentBombApiTests
{
    private static async Task<HttpClient> ClientAsync(WorkBrainAppFactory app, string user)
    {
        var http = app.CreateClient();
        var key = (await app.Services.GetRequiredService<ApiKeyService>().CreateAsync(user, "tests")).Key;
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return http;
    }

    private static async Task<string> AddAsync(HttpClient http, byte[] content, string name, string type)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(type);
        form.Add(file, "file", name);
        using var added = await http.PostAsync("/api/documents", form);
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        return (await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    [Fact]
    public async Task PostDocxBomb_FailsWithReason_HeapStaysSmall_ServerAnswers_NotParsedAgainAfterRestart()
    {
        const string docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
        var data = Path.Combine(Path.GetTempPath(), "workbrain-tests", "bomb-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(data);
        var settings = new Dictionary<string, string?> { ["Accounts:RequireLogin"] = "true", ["Storage:DataDirectory"] = data };
        var bomb = BombDocuments.DocxWithOneRun(400_000_000);
        var bombId = "";
        try
        {
            await using (var app = new WorkBrainAppFactory(settings))
            {
                using var alice = await ClientAsync(app, "alice");
                using var bob = await ClientAsync(app, "bob");
                var library = app.Services.GetRequiredService<DocumentLibrary>();
                string bobsId = "";
                var (growth, error) = await PeakMemory.MeasureAsync(async () =>
                {
                    bombId = await AddAsync(alice, bomb, "report.docx", docx);
                    bobsId = await AddAsync(bob, "Bob's notes: the launch is on Monday."u8.ToArray(), "notes.txt", "text/plain");
                    using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
                    await library.WaitUntilIndexedAsync("alice", bombId, timeout.Token);
                    await library.WaitUntilIndexedAsync("bob", bobsId, timeout.Token);
                });

                Assert.Null(error);
                var status = await alice.GetFromJsonAsync<JsonElement>($"/api/documents/{bombId}");
                Assert.Equal("failed", status.GetProperty("status").GetString());
                Assert.Contains("decompression bomb", status.GetProperty("reason").GetString(), StringComparison.Ordinal);
                Assert.Equal("ready", (await bob.GetFromJsonAsync<JsonElement>($"/api/documents/{bobsId}")).GetProperty("status").GetString());
                Assert.InRange(growth, long.MinValue, 256L * 1024 * 1024);
                Assert.Equal(HttpStatusCode.OK, (await alice.GetAsync("/health/live")).StatusCode);

                // As if the server had died while it parsed the bomb.
                await app.Services.GetRequiredService<DocumentStore>().UpdateStatusAsync("alice", bombId, DocumentStatus.Indexing, null, null, null, CancellationToken.None);
            }

            await using (var restarted = new WorkBrainAppFactory(settings))
            {
                using var alice = await ClientAsync(restarted, "alice");
                var library = restarted.Services.GetRequiredService<DocumentLibrary>();
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
                var after = await library.WaitUntilIndexedAsync("alice", bombId, timeout.Token);

                Assert.Equal(DocumentStatus.Failed, after!.Status);
                Assert.Contains("interrupted by a server restart", after.Message, StringComparison.Ordinal);
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(data, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
