using WorkBrain.Core.Hosting;
using WorkBrain.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);

// Serve _content/ and _framework/ assets from the build output in every environment, not only Development
// (a no-op once published).
builder.WebHost.UseStaticWebAssets();
builder.UseStandardErrorForLogs(args);
builder.AddWorkBrainEngine();
builder.AddWebServices();

var app = builder.Build();

// `dotnet run --project WorkBrain.Web -- route|models ...` runs a command with the app's services instead of serving.
if (await app.TryRunCliCommandAsync(args) is { } exitCode)
{
    return exitCode;
}

app.UseWebServices();
await app.RunAsync();
return 0;

public partial class Program;
