using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using WorkBrain.Core.Experts;
using WorkBrain.Core.Gate;
using WorkBrain.Core.Turns;

namespace WorkBrain.Core.Documents;

/// <summary>The user's library as evidence for document_qa: when a passage of their documents contains most of the
/// question (idf-weighted, question words left out), the question is about that document, as if it were attached —
/// "智能水杯 X1 的电池容量是多少？" once that product's manual is indexed. document_qa then answers from the library and cites it.</summary>
public sealed partial class LibraryEvidence(DocumentLibrary library, IOptionsMonitor<DocumentsOptions> options) : IGateEvidence
{
    /// <summary>What a host without a document store finds: nothing.</summary>
    public static IGateEvidence NoLibrary { get; } = new NoDocuments();

    public async ValueTask<IReadOnlyList<GateEvidence>> FindAsync(Turn turn, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var o = options.CurrentValue;
        var query = QuestionWords().Replace(turn.Text ?? "", " ").Trim();
        if (o.GateEvidenceCoverage >= 1 || query.Count(char.IsLetterOrDigit) < 2 || string.IsNullOrWhiteSpace(turn.UserId))
        {
            return [];
        }

        var match = await library.BestLexicalMatchAsync(turn.UserId, query, cancellationToken);
        if (match is not { } m || m.Coverage < o.GateEvidenceCoverage)
        {
            return [];
        }

        return [new GateEvidence(ExpertIds.DocumentQa, o.GateEvidenceStrength,
            $"the user's document {m.Chunk.DocumentId} contains {m.Coverage:P0} of the question")];
    }

    // Words that ask rather than say what is asked about; a manual rarely contains them, so they would only dilute the match.
    [GeneratedRegex(@"是多少|多少|是什么|什么|怎么样|怎么|为什么|哪些|哪个|哪里|多久|几个|请问|一下|告诉我|吗|呢|吧|的|是|了|我|你|[？?。，,！!：:]|\b(?:what'?s|what|is|are|was|the|a|an|of|how|many|much|does|do|did|my|me|please|tell|in|on|for|to|it|its|this|that|which|when|where|who|can|you|i)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex QuestionWords();

    private sealed class NoDocuments : IGateEvidence
    {
        public ValueTask<IReadOnlyList<GateEvidence>> FindAsync(Turn turn, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult<IReadOnlyList<GateEvidence>>([]);
    }
}
