namespace WorkBrain.Core.Hosting;

/// <summary>A command of the WorkBrain executable (<c>dotnet run --project WorkBrain.Web -- NAME ...</c>),
/// run with the app's services instead of the web server.</summary>
public interface ICliCommand
{
    string Name { get; }

    string Usage { get; }

    Task<int> RunAsync(IReadOnlyList<string> args, TextReader input, TextWriter output, TextWriter error, CancellationToken cancellationToken);
}
