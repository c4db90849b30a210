namespace WorkBrain.Benchmarks;

/// <summary>One benchmark: prints its figures; never asserts. Run with
/// <c>dotnet run -c Release --project WorkBrain.Benchmarks -- NAME</c>.</summary>
internal interface IBenchmark
{
    string Name { get; }

    string Description { get; }

    Task RunAsync(IReadOnlyList<string> args, TextWriter output, CancellationToken cancellationToken);
}
