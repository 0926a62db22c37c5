"""Incremental audit statistics: what the summary and the HTML report need, in bounded memory.

`AuditStats.add(row)` takes one output row (the JSONL row: a Report's JSON plus id/source, or
an error row) and folds it into fixed-size structures: score histograms, band counts, the
weakest/strongest few examples per band, rule counts, a bounded table of boilerplate phrases
and of senders (least frequent entries are pruned past a capacity, so counts of the most
common ones stay exact in practice and are marked approximate once pruning happened), and
one bucket per calendar month for the trend.
"""
from __future__ import annotations

import heapq
import itertools
import re
from collections import Counter
from dataclasses import dataclass, field

from model.segment import GREETING, SIGN_OFF, short_line
from model.text import markup_words

from .redact import mask_sender, redact, redact_path, redactor, row_names

SCORES = ("overall", "specificity", "warmth")
FLAGS = ("actionable", "relationship", "risky")
BANDS = (  # (key, label, lower bound inclusive, upper bound exclusive)
    ("poor", "Poor", 0, 40),
    ("fair", "Needs work", 40, 60),
    ("good", "Good", 60, 80),
    ("strong", "Strong", 80, 101),
)
HIST_BINS = 10  # 0-9, 10-19, ..., 90-100
SEVERITY_RANK = {"info": 0, "low": 1, "high": 2}
ERROR_EXAMPLES_PER_CODE = 3  # error rows kept per error code, for the report's examples (the codes are few)
EXCERPT_CHARS = 320
PHRASE_CHARS = 160
_WS = re.compile(r"\s+")
_NUMBER = re.compile(r"\d[\d,.]*")
# a greeting up to its comma, colon or "!" ("Hi Eve,", "Dear [name]:"), for the words after it on its line
_GREETING_PREFIX = re.compile(r"\s*(?i:hi|hello|hey|dear|greetings|good\s+(?:morning|afternoon|evening|day))\b"
                              r"[^,:!\n]{0,60}[,:!]")


_POSITION = re.compile(r"[#:]\d+$")  # "#3" (an mbox's third message), ":17" (line 17 of a CSV or JSONL file)


def band_of(score: int) -> str:
    for key, _label, lo, hi in BANDS:
        if lo <= score < hi:
            return key
    return BANDS[-1][0]


def excerpt(row: dict, names=(), show_pii: bool = False, limit: int = EXCERPT_CHARS) -> str:
    """The message's content sentences (no greeting, no sign-off block), redacted and shortened.
    Redacted with the names of the whole row (`row_names`, as its JSON Lines row is), so that the
    report hides no name that the other formats show."""
    sents = [markup_words(s.get("text", "")).strip() for s in row.get("sentences") or []]
    texts = []
    for i, t in enumerate(sents):
        first_line = short_line(t.split("\n", 1)[0])  # the patterns read at most 200 characters
        if i == 0 and GREETING.match(first_line):
            # keep what follows the greeting on its line ("Hi Eve, we are not moving forward.")
            m = _GREETING_PREFIX.match(t)
            t = t[m.end():].strip() if m else ""
            if not t:
                continue
        if i == len(sents) - 1 and (SIGN_OFF.match(first_line) or SIGN_OFF.match(first_line.partition(",")[0] + ",")):
            continue  # "Best,\nAna", "Best, HR"
        texts.append(_WS.sub(" ", t).strip())
    text = " ".join(texts) or " ".join(_WS.sub(" ", t).strip() for t in sents)
    if not show_pii:
        text = redactor(row_names(row.get("sentences"), names))(text)
    if len(text) > limit:
        text = text[:limit].rsplit(" ", 1)[0] + " …"
    return text


def phrase_key(text: str, names=()) -> tuple[str, str]:
    """(grouping key, display form) for a boilerplate phrase; always redacted, so that the same
    template sent to different people groups together."""
    display = _WS.sub(" ", redact(markup_words(text), names)).strip()
    key = display.lower().rstrip(" .!,;:")
    if len(display) > PHRASE_CHARS:
        display = display[:PHRASE_CHARS].rsplit(" ", 1)[0] + " …"
    return key, display


class BoundedTable:
    """A dict of per-key accumulators that keeps at most ~2×capacity keys: past that, the
    least frequent half is dropped (a lossy count; `pruned` says whether it happened)."""

    def __init__(self, factory, capacity: int = 5000):
        self.factory = factory
        self.capacity = capacity
        self.items: dict = {}
        self.pruned = False

    def get(self, key):
        v = self.items.get(key)
        if v is None:
            if len(self.items) >= 2 * self.capacity:
                keep = heapq.nlargest(self.capacity, self.items.items(), key=lambda kv: kv[1].count)
                self.items = dict(keep)
                self.pruned = True
            v = self.items[key] = self.factory()
        return v

    def top(self, n: int):
        return heapq.nlargest(n, self.items.items(), key=lambda kv: (kv[1].count, kv[0]))

    def __len__(self):
        return len(self.items)


@dataclass
class PhraseStat:
    display: str = ""
    count: int = 0


@dataclass
class GroupStat:
    count: int = 0
    total: float = 0.0
    specificity: float = 0.0
    warmth: float = 0.0
    minimum: int = 100
    poor: int = 0

    def add(self, scores: dict) -> None:
        self.count += 1
        self.total += scores["overall"]
        self.specificity += scores["specificity"]
        self.warmth += scores["warmth"]
        self.minimum = min(self.minimum, scores["overall"])
        self.poor += scores["overall"] < BANDS[0][3]

    @property
    def mean(self) -> float:
        return self.total / self.count if self.count else 0.0


@dataclass(order=True)
class Example:
    sort_key: tuple
    id: str = field(compare=False)
    overall: int = field(compare=False)
    specificity: int = field(compare=False)
    warmth: int = field(compare=False)
    excerpt: str = field(compare=False)
    rules: tuple[str, ...] = field(compare=False)
    label: str = field(compare=False, default="")  # the id as the report shows it (`shown_id`)


class AuditStats:
    """Folds output rows into the audit's summary; memory does not grow with the row count
    (beyond the bounded tables and one bucket per month)."""

    def __init__(self, fail_under: int | None = None, show_pii: bool = False, examples: int = 3,
                 capacity: int = 5000):
        self.fail_under = fail_under
        self.show_pii = show_pii
        self.k = examples
        self.total = 0
        self.checked = 0       # rows with scores that count (English text)
        self.not_english = 0   # rows the checker gave no verdict on
        self.errors: Counter = Counter()
        self.error_examples: list[dict] = []  # the first few error rows of each code
        self.hist = {s: [0] * HIST_BINS for s in SCORES}
        self.sums = {s: 0.0 for s in SCORES}
        self.bands: Counter = Counter()
        self.flags: Counter = Counter()
        self.rules: Counter = Counter()
        self.rule_severity: dict[str, str] = {}
        self.warnings = BoundedTable(PhraseStat, capacity)  # the checked messages' warnings, their numbers aside
        self.below = 0
        self.below_ids: list[str] = []
        self.phrases = BoundedTable(PhraseStat, capacity)
        self.senders = BoundedTable(GroupStat, capacity)
        self.months: dict[str, GroupStat] = {}
        self.dated = 0
        self._weakest: dict[str, list] = {b[0]: [] for b in BANDS}    # max-heaps (negated) of the k lowest
        self._strongest: dict[str, list] = {b[0]: [] for b in BANDS}  # min-heaps of the k highest
        self._seq = itertools.count()
        self.model_version: str | None = None

    # ---- folding -----------------------------------------------------------------------------
    def shown_id(self, row: dict, names=()) -> tuple[str, str]:
        """(id, source) of a row as the report shows them: unless show_pii, with the row's names redacted, and a
        one-message file's name as `redact_path` redacts it ("rejections/priya_sharma.eml"), in the id too where
        the id is that file's name (an .eml without a Message-ID)."""
        item_id, source = str(row.get("id")), str(row.get("source") or "")
        if self.show_pii:
            return item_id, source
        shown = redact_path(source, names)
        file_name = _POSITION.sub("", source).replace("\\", "/").rpartition("/")[2]
        if item_id in (file_name, file_name.rpartition(".")[0]) and item_id:
            shown_name = redact_path(file_name, names)
            item_id = shown_name if item_id == file_name else shown_name.rpartition(".")[0]
        else:
            item_id = redact_path(item_id, names) if names else item_id
        return item_id, shown

    def add(self, row: dict, names=()) -> None:
        self.total += 1
        if row.get("status") == "error" or "scores" not in row:
            err = row.get("error") or {}
            code = err.get("code", "error")
            self.errors[code] += 1
            if sum(e["code"] == code for e in self.error_examples) < ERROR_EXAMPLES_PER_CODE:
                item_id, source = self.shown_id(row, tuple(names) or tuple(row.get("names") or ()))
                self.error_examples.append({"id": item_id, "source": source, "code": code,
                                            "message": err.get("message", ""),
                                            "warnings": list(row.get("warnings") or ())})
            return
        self.model_version = self.model_version or row.get("model_version")
        if row.get("english") is False:
            # the checker gives no verdict on text that is not English: out of the means, the bands, the
            # examples and --fail-under, counted apart (a risk term that fired still counts)
            self.not_english += 1
            self.flags["risky"] += bool((row.get("flags") or {}).get("risky"))
            return
        self.checked += 1
        scores = {s: int(row["scores"][s]) for s in SCORES}
        for s in SCORES:
            self.sums[s] += scores[s]
            self.hist[s][min(scores[s] // 10, HIST_BINS - 1)] += 1
        band = band_of(scores["overall"])
        self.bands[band] += 1
        for f in FLAGS:
            self.flags[f] += bool((row.get("flags") or {}).get(f))
        for rule in {f["rule"] for f in row.get("findings") or ()}:
            self.rules[rule] += 1
        for f in row.get("findings") or ():
            self.rule_severity.setdefault(f["rule"], f.get("severity", "info"))
        for w in dict.fromkeys(row.get("warnings") or ()):
            stat = self.warnings.get(_NUMBER.sub("#", w))  # "Row at line 17 has 3 empty fields ..." once, not per line
            stat.count += 1
            stat.display = stat.display or w
        if self.fail_under is not None and scores["overall"] < self.fail_under:
            self.below += 1
            if len(self.below_ids) < 10:
                self.below_ids.append(str(row.get("id")))
        names = tuple(names) or tuple(row.get("names") or ())
        # the greeting's name, found once per message, is redacted wherever else it appears
        names = tuple(row_names(row.get("sentences"), names))
        self._add_phrases(row, names)
        if row.get("sender"):
            self.senders.get(str(row["sender"])).add(scores)
        if row.get("date"):
            month = str(row["date"])[:7]
            if re.fullmatch(r"\d{4}-\d{2}", month):
                self.months.setdefault(month, GroupStat()).add(scores)
                self.dated += 1
        self._add_example(band, row, scores, names)

    def _add_phrases(self, row: dict, names) -> None:
        seen: set[str] = set()
        candidates = [s.get("text", "") for s in row.get("sentences") or () if s.get("boilerplate") == "high"]
        candidates += [f["evidence"] for f in row.get("findings") or ()  # a structure finding's is a template id
                       if f.get("category") == "boilerplate" and f.get("evidence")
                       and not str(f.get("rule", "")).startswith("structure.")]
        for text in candidates:
            key, display = phrase_key(text, names)
            if not key or key in seen:
                continue
            seen.add(key)
            stat = self.phrases.get(key)
            stat.count += 1
            stat.display = stat.display or display

    def _add_example(self, band: str, row: dict, scores: dict, names) -> None:
        if "sentences" not in row:
            return  # rows read back from a CSV carry no text to show
        o = scores["overall"]
        weak, strong = self._weakest[band], self._strongest[band]
        want_weak = len(weak) < self.k or -o > weak[0].sort_key[0]
        want_strong = len(strong) < self.k or o > strong[0].sort_key[0]
        if not (want_weak or want_strong):
            return
        findings = sorted(row.get("findings") or (), key=lambda f: -SEVERITY_RANK.get(f.get("severity"), 0))
        rules = tuple(dict.fromkeys(f["rule"] for f in findings))[:3]
        common = dict(id=str(row.get("id")), overall=o, specificity=scores["specificity"],
                      warmth=scores["warmth"], excerpt=excerpt(row, names, self.show_pii), rules=rules,
                      label=self.shown_id(row, names)[0])
        seq = next(self._seq)
        if want_weak:
            ex = Example(sort_key=(-o, -seq), **common)
            (heapq.heappush if len(weak) < self.k else heapq.heapreplace)(weak, ex)
        if want_strong:
            ex = Example(sort_key=(o, -seq), **common)
            (heapq.heappush if len(strong) < self.k else heapq.heapreplace)(strong, ex)

    # ---- reading -----------------------------------------------------------------------------
    def mean(self, score: str) -> float | None:
        return self.sums[score] / self.checked if self.checked else None

    def weakest(self, band: str) -> list[Example]:
        return sorted(self._weakest[band], key=lambda e: (e.overall, e.id))

    def strongest(self, band: str) -> list[Example]:
        return sorted(self._strongest[band], key=lambda e: (-e.overall, e.id))

    def top_rules(self, n: int = 5) -> list[tuple[str, int]]:
        """(rule id, messages it fired on), most frequent first; ties by rule id, so that identical
        runs list them alike (Counter.most_common keeps insertion order, which varies run to run)."""
        return heapq.nsmallest(n, self.rules.items(), key=lambda kv: (-kv[1], kv[0]))

    def error_counts(self) -> list[tuple[str, int]]:
        """(error code, inputs), most frequent first; ties by code."""
        return sorted(self.errors.items(), key=lambda kv: (-kv[1], kv[0]))

    def top_phrases(self, n: int = 20) -> list[tuple[str, int, float]]:
        """(phrase, messages containing it, share of checked messages): the phrases that recur (in two
        messages or more, once more than one message was checked; a one-off is no "most common")."""
        least = 2 if self.checked >= 2 else 1
        return [(v.display, v.count, v.count / self.checked if self.checked else 0.0)
                for _k, v in self.phrases.top(n) if v.count >= least]

    def top_warnings(self, n: int = 10) -> list[tuple[str, int]]:
        """(warning, checked messages it was given on), most frequent first; a warning whose numbers vary from message
        to message (a line, a length) is one, shown as it was first given."""
        return [(v.display, v.count) for _k, v in self.warnings.top(n)]

    def top_senders(self, n: int = 50) -> list[tuple[str, GroupStat]]:
        """The senders with most messages, masked unless show_pii; masked labels that collide
        ('j…@acme.com' for two people) are numbered so that rows stay distinguishable."""
        rows = [(mask_sender(k, self.show_pii), v) for k, v in self.senders.top(n)]
        seen: Counter = Counter()
        out = []
        for label, v in rows:
            seen[label] += 1
            out.append((label if seen[label] == 1 else f"{label} ({seen[label]})", v))
        return out

    def trend(self) -> list[tuple[str, GroupStat]]:
        return sorted(self.months.items())

    def summary(self) -> dict:
        """Plain numbers for the CLI summary and tests."""
        return {
            "inputs": self.total,
            "checked": self.checked,
            "not_english": self.not_english,
            "errors": dict(self.error_counts()),
            "mean": {s: (round(self.mean(s), 1) if self.checked else None) for s in SCORES},
            "bands": {b[0]: self.bands.get(b[0], 0) for b in BANDS},
            "flags": dict(self.flags),
            "top_rules": self.top_rules(5),
            "below_fail_under": self.below,
            "fail_under": self.fail_under,
        }
