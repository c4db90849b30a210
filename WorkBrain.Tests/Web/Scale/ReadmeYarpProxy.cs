using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WorkBrain.Tests.Support;

namespace WorkBrain.Tests.Web.Scale;

/// <summary>The README's YARP example, as written there ("Run on several machines"): a small ASP.NET Core host whose
/// configuration is the README's <c>ReverseProxy</c> block, with its two destinations pointed at the test's replicas.</summary>
internal sealed partial class ReadmeYarpProxy : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _contentRoot;

    private ReadmeYarpProxy(WebApplication app, string contentRoot, string url)
    {
        _app = app;
        _contentRoot = contentRoot;
        Url = url;
    }

    public string Url { get; }

    /// <summary>The README's <c>"ReverseProxy": { … }</c> block, from the YARP paragraph.</summary>
    public static string ReadmeConfiguration()
    {
        var readme = File.ReadAllText(Path.Combine(TestModels.RepositoryRoot, "README.md"));
        var block = YarpBlock().Match(readme);
        Assert.True(block.Success, "the README's \"Run on several machines\" has no YARP json block");
        return block.Groups[1].Value;
    }

    public static async Task<ReadmeYarpProxy> StartAsync(string destinationA, string destinationB)
    {
        // An empty content root: no appsettings.json of the test's output folder is read.
        var contentRoot = Directory.CreateTempSubdirectory("wb-yarp-").FullName;
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = contentRoot, EnvironmentName = "Production" });
        builder.Configuration.AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes("{" + ReadmeConfiguration() + "}")));
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ReverseProxy:Clusters:workbrain:Destinations:a:Address"] = destinationA,
            ["ReverseProxy:Clusters:workbrain:Destinations:b:Address"] = destinationB,
        });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");

        // The two lines the README asks of the host's Program.cs.
        builder.Services.AddReverseProxy().LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"));
        var app = builder.Build();
        app.MapReverseProxy();

        await app.StartAsync();
        var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        return new ReadmeYarpProxy(app, contentRoot, url);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        try
        {
            Directory.Delete(_contentRoot, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [GeneratedRegex(@"Or YARP[\s\S]*?```json\n([\s\S]*?)```")]
    private static partial Regex YarpBlock();
}
