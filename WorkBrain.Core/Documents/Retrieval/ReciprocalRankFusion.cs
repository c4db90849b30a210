namespace WorkBrain.Core.Documents.Retrieval;

/// <summary>Reciprocal rank fusion: an item's score is the sum over the ranked lists of 1 / (k + rank), rank from 1.</summary>
public static class ReciprocalRankFusion
{
    public const int DefaultK = 60;

    public static List<(T Item, double Score)> Fuse<T>(IEnumerable<IReadOnlyList<T>> rankings, int k = DefaultK)
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(rankings);
        var scores = new Dictionary<T, double>();
        var firstSeen = new Dictionary<T, int>();
        foreach (var ranking in rankings)
        {
            for (var rank = 0; rank < ranking.Count; rank++)
            {
                var item = ranking[rank];
                scores[item] = scores.GetValueOrDefault(item) + 1.0 / (k + rank + 1);
                firstSeen.TryAdd(item, firstSeen.Count);
            }
        }

        return scores.OrderByDescending(p => p.Value).ThenBy(p => firstSeen[p.Key]).Select(p => (p.Key, p.Value)).ToList();
    }
}
