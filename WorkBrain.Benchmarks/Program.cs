using System.Reflection;
using WorkBrain.Benchmarks;

var benchmarks = Assembly.GetExecutingAssembly().GetTypes()
    .Where(t => typeof(IBenchmark).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
    .Select(t => (IBenchmark)Activator.CreateInstance(t)!)
    .OrderBy(b => b.Name, StringComparer.Ordinal)
    .ToList();

var selected = args.Length == 0 || args[0] == "all"
    ? benchmarks
    : benchmarks.Where(b => string.Equals(b.Name, args[0], StringComparison.OrdinalIgnoreCase)).ToList();
if (selected.Count == 0)
{
    Console.Error.WriteLine($"Unknown benchmark '{args[0]}'. Available: all, {string.Join(", ", benchmarks.Select(b => b.Name))}");
    return 2;
}

foreach (var benchmark in selected)
{
    Console.WriteLine($"== {benchmark.Name}: {benchmark.Description}");
    await benchmark.RunAsync(args.Skip(1).ToList(), Console.Out, CancellationToken.None);
    Console.WriteLine();
}

return 0;
