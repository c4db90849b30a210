using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace WorkBrain.Tests.Support;

/// <summary>The whole WorkBrain web app on a real Kestrel port on 127.0.0.1, with its own data directory and settings.</summary>
public sealed class WorkBrainAppFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;

    /// <param name="listen">Kestrel's own endpoints (several ports), instead of one free port.</param>
    public WorkBrainAppFactory(IDictionary<string, string?>? settings = null, bool kestrel = false, Action<KestrelServerOptions>? listen = null)
    {
        DataDirectory = Path.Combine(Path.GetTempPath(), "workbrain-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(DataDirectory);
        _settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Storage:DataDirectory"] = DataDirectory,
            ["Logging:LogLevel:Default"] = "Warning",
            // A single-user install unless a test asks for accounts.
            ["Accounts:RequireLogin"] = "false",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }

        if (listen is not null)
        {
            UseKestrel(listen);
        }
        else if (kestrel)
        {
            UseKestrel(0);
        }
    }

    public string DataDirectory { get; }

    /// <summary>Services a test adds after the app's own (an engine factory for a fake engine).</summary>
    public Action<IServiceCollection>? TestServices { get; init; }

    /// <summary>Every address Kestrel listens on (once started).</summary>
    public IReadOnlyList<string> KestrelAddresses => [.. Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses];

    /// <summary>Starts Kestrel and returns the app's address, e.g. http://127.0.0.1:41234.</summary>
    public string StartKestrel()
    {
        StartServer();
        var addresses = KestrelAddresses;
        return addresses.First(a => a.StartsWith("http://", StringComparison.Ordinal)).Replace("[::1]", "127.0.0.1").Replace("localhost", "127.0.0.1").TrimEnd('/');
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        if (TestServices is { } configure)
        {
            builder.ConfigureTestServices(configure);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }
}
