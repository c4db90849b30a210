"""The run-time decision of WorkBrain.Core/Gate/OnnxGate.cs in Python, so thresholds are calibrated on what the app
does, not on the bare network: the whole request and each clause (ClauseSplitter.cs) are scored; a clause's most
probable expert above its threshold (at most CLAUSE_THRESHOLD) counts for the request; every expert above its own threshold is selected;
text_generation stays beside a specialist only when a clause asks for writing (its top expert is text_generation) or
when its probability for the whole request reaches the join threshold; nothing selected means text_generation.
"""
import re

LABELS = ["text_generation", "image_generation", "image_understanding", "video_understanding",
          "asr", "tts", "document_qa", "external_services"]
TG = 0
MAX_EXPERTS = 3
# a clause is short and its most probable expert is already a choice among eight: it counts above this even where the
# expert's own (whole-request) threshold is higher
CLAUSE_THRESHOLD = 0.5

_ZH_BREAK = re.compile(
    r"(?:[。！？!?；;\n]+|[，,、]?\s*(?:并且|然后再|然后|接着|同时|顺便|另外|之后再|之后|最后|还要|并|再)(?=\s*(?:帮我|给我|请|把|用|将|配|画|生成|写|读|念|朗读|播报|转|翻译|总结|告诉|查|算|计算|搜索|识别|描述|分析|做|设计|提取|整理|说|列|找|回答|讲|解释|配上|再|来)))")
_EN_BREAK = re.compile(
    r"(?:(?<=[a-z0-9\)\"'])[.!?;]+\s+|\n+|,?\s+(?:and\s+then|and\s+also|and|then|also|plus)\s+(?=(?:please\s+|also\s+|then\s+)?"
    r"(?:write|draw|generate|create|make|paint|read|say|speak|tell|translate|transcribe|summari[sz]e|describe|explain|check|look|find|"
    r"search|calculate|compute|convert|turn|give|show|list|design|render|sketch|add|narrate|answer|extract|analy[sz]e|identify|play|"
    r"voice|record|caption|compose|draft|recommend|suggest|set|remind|rewrite|polish|put|send|reply|produce|illustrate|what|how|who|"
    r"where|when|which)\b))", re.IGNORECASE)
_QUOTED = re.compile(r"《[^》]*》|“[^”]*”|\"[^\"]*\"|「[^」]*」|'[^']{0,200}'")
_TRIM = "，,、。；; .!！?？"


def split_clauses(text):
    """ClauseSplitter.Split."""
    trimmed = text.strip()
    if not trimmed:
        return []
    masked = _QUOTED.sub(lambda m: "\u0001" * len(m.group(0)), trimmed)
    cuts = sorted([(m.start(), m.end()) for m in _ZH_BREAK.finditer(masked)] +
                  [(m.start(), m.end()) for m in _EN_BREAK.finditer(masked)])
    clauses, position = [], 0

    def add(c):
        c = c.strip().strip(_TRIM)
        if c and any(ch.isalnum() for ch in c):
            clauses.append(c)

    for start, end in cuts:
        if start < position:
            position = max(position, end)
            continue
        add(trimmed[position:start])
        position = end
    add(trimmed[position:])
    return clauses or [trimmed]


def batch_of(text):
    """The texts the gate scores for one request: the whole text, then its clauses when there are several."""
    clauses = split_clauses(text)
    return [text] + (clauses if len(clauses) > 1 else [])


def decide(rows, thresholds, join):
    """rows: probabilities of batch_of(text) (lists of 8). Returns the selected expert indices."""
    scores = list(rows[0])
    tops = []
    for row in rows[1:]:
        top = max(range(len(row)), key=lambda j: row[j])
        if row[top] > min(thresholds[top], CLAUSE_THRESHOLD):
            scores[top] = max(scores[top], row[top])
            tops.append(top)
    selected = [j for j in range(len(scores)) if scores[j] > thresholds[j]]
    if TG in selected and len(selected) > 1:
        keep = TG in tops or scores[TG] >= join
        if not keep:
            selected.remove(TG)
    selected = sorted(selected, key=lambda j: -scores[j])[:MAX_EXPERTS]
    return sorted(selected) or [TG]


def figures(predicted, wanted):
    """Exact-set accuracy, macro-F1 and per-expert (precision, recall, F1, support) for lists of index sets."""
    per = []
    for j in range(len(LABELS)):
        tp = sum(1 for p, w in zip(predicted, wanted) if j in p and j in w)
        fp = sum(1 for p, w in zip(predicted, wanted) if j in p and j not in w)
        fn = sum(1 for p, w in zip(predicted, wanted) if j not in p and j in w)
        pr = tp / (tp + fp) if tp + fp else 0.0
        rc = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * pr * rc / (pr + rc) if pr + rc else 0.0
        per.append((pr, rc, f1, tp + fn))
    exact = sum(1 for p, w in zip(predicted, wanted) if set(p) == set(w)) / max(1, len(wanted))
    macro = sum(f for _, _, f, _ in per) / len(per)
    return exact, macro, per
