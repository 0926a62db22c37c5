"""Template near-duplicates: is a draft mostly one of the common generic rejection templates?

The templates live in data/templates/generic.yaml. Both the templates and the draft are normalised
the same way: greeting and sign-off lines dropped, merge fields, names and company names (Title-case
runs that do not start a sentence, plus whatever the context names) folded to one token, numbers to
another, regional spellings and contractions folded (``spelling:`` in the YAML). Each text then
becomes a set of word 3-shingles; the index maps every shingle to the templates holding it, so that
matching a draft costs one pass over its own shingles.

The similarity reported is *containment*: the share of the draft's shingles that appear in the
template ("92% the same as a common generic template"). A draft must also cover part of the template
(``min_coverage``) and be long enough (``min_shingles``) to count.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain
from pathlib import Path

from .paths import data_path, read_yaml
from .segment import GREETING, MERGE_FIELD, SIGN_OFF, may_hold_merge_field, short_line

TEMPLATES_PATH = data_path("templates", "generic.yaml")
SHINGLE = 3
FIELD = "xfield"
NUMBER = "xnum"

_PLACEHOLDER = re.compile(r"\{[a-z_]+\}")
_BREAKS = frozenset(".!?\n")
_TOKEN = re.compile(r"[A-Za-zÀ-ÿ]+(?:['’][A-Za-z]+)?|\d+(?:[.,:/]\d+)*|[.!?\n]")
# Title-case words that are not names even in mid-sentence.
_NOT_NAMES = frozenset(
    "i i'm i've i'll i'd monday tuesday wednesday thursday friday saturday sunday january february march "
    "april may june july august september october november december english hr mr mrs ms dr".split())


@dataclass(frozen=True)
class TemplateMatch:
    template_id: str
    score: float          # share of the draft's shingles found in the template
    coverage: float       # share of the template's shingles found in the draft


_BREAK = ()  # marks a sentence-break token in the per-token cache


def _token_forms(tok: str, spelling: dict[str, str]) -> tuple:
    """What one raw token becomes: _BREAK, or (pieces mid-sentence, pieces at a sentence start)."""
    if tok in _BREAKS:
        return _BREAK
    first = tok[0]
    if first.isdigit():
        out = NUMBER
        mid = start = out
    else:
        out = tok.lower()
        if "’" in out:
            out = out.replace("’", "'")
        start = FIELD if tok == "Xfield" else out
        mid = FIELD if (tok == "Xfield" or (first.isupper() and out not in _NOT_NAMES)) else out

    def pieces(w: str) -> tuple[str, ...]:
        sp = spelling.get(w)
        return tuple(sp.split()) if sp is not None else (w,)

    return pieces(mid), pieces(start)


def normalise_tokens(text: str, spelling: dict[str, str] | None = None, names: list[str] = (),
                     cache: dict | None = None) -> list[str]:
    """Lower-cased word tokens with names, merge fields and numbers folded. `cache` (a dict kept
    by the caller for one `spelling`) remembers what each raw token becomes."""
    spelling = spelling or {}
    cache = {} if cache is None else cache
    text = text.replace("\r\n", "\n")
    if may_hold_merge_field(text):
        text = _PLACEHOLDER.sub(" Xfield ", text)
        text = MERGE_FIELD.sub(" Xfield ", text)
    for n in names:
        if n and len(n) > 1:
            text = re.sub(r"\b" + re.escape(n) + r"\b", " Xfield ", text, flags=re.I)
    lines = text.split("\n")
    kept: list[str] = []
    for i, line in enumerate(lines):
        probe = short_line(line)  # the patterns read at most 200 characters of a line
        if SIGN_OFF.match(probe):
            break  # the sign-off block (and the signature below it) carries no template text
        if GREETING.match(probe) and len(line.split()) <= 8:
            continue
        kept.append(line)
    tokens: list[str] = []
    append = tokens.append
    get = cache.get
    sentence_start = 1
    last = ""
    for tok in _TOKEN.findall("\n".join(kept)):
        forms = get(tok)
        if forms is None:
            forms = cache[tok] = _token_forms(tok, spelling)
        if forms is _BREAK:
            sentence_start = 1
            continue
        for piece in forms[sentence_start]:
            if piece == FIELD and last == FIELD:
                continue  # a multi-word name or role is one field
            append(piece)
            last = piece
        sentence_start = 0
    if len(cache) > 50_000:  # ~18 MB; drafts keep adding names and numbers
        cache.clear()
    return tokens


def shingles(tokens: list[str], n: int = SHINGLE) -> set[tuple[str, ...]]:
    if len(tokens) < n:
        return {tuple(tokens)} if tokens else set()
    return set(zip(*(tokens[i:] for i in range(n))))  # the n-token windows, built in C


class TemplateIndex:
    """Generic templates indexed by word shingles, built once."""

    def __init__(self, templates: list[dict], spelling: dict[str, str] | None = None,
                 min_shingles: int = 10, min_coverage: float = 0.25):
        self.templates = templates
        self.spelling = {k.lower(): v.lower() for k, v in (spelling or {}).items()}
        self.min_shingles = min_shingles
        self.min_coverage = min_coverage
        self._sets: list[set] = []
        self._index: dict[tuple, list[int]] = {}
        self._tokens: dict = {}  # raw token -> its normalised forms (see normalise_tokens)
        for i, t in enumerate(templates):
            sh = shingles(normalise_tokens(t["text"], self.spelling, cache=self._tokens))
            self._sets.append(sh)
            for s in sh:
                self._index.setdefault(s, []).append(i)
        self._keys = frozenset(self._index)  # every shingle of any template

    @classmethod
    def load(cls, path: str | Path | None = None) -> "TemplateIndex":
        doc = read_yaml(Path(path or TEMPLATES_PATH)) or {}
        templates = doc.get("templates", [])
        ids = [t["id"] for t in templates]
        if len(ids) != len(set(ids)):
            raise ValueError("duplicate template ids in the template library")
        return cls(templates, doc.get("spelling", {}), **(doc.get("params", {}) or {}))

    def __len__(self) -> int:
        return len(self.templates)

    def matches(self, text: str, context: dict | None = None, top: int = 3,
                min_score: float = 0.0) -> list[TemplateMatch]:
        """The `top` most similar templates (by containment) scoring at least `min_score`, best first."""
        ctx = context or {}
        names = [str(ctx[k]) for k in ("candidate_name", "company", "role", "recruiter_name") if ctx.get(k)]
        draft = shingles(normalise_tokens(text, self.spelling, names, cache=self._tokens))
        if len(draft) < self.min_shingles:
            return []
        known = draft & self._keys
        if len(known) / len(draft) < min_score:
            return []  # no template can hold more of the draft than all of them together (most drafts)
        index = self._index
        counts = Counter(chain.from_iterable(index[s] for s in known))
        out = []
        for i, c in sorted(counts.items(), key=lambda ic: (-ic[1], ic[0]))[: top * 3]:  # ties: library order
            coverage = c / max(1, len(self._sets[i]))
            if coverage < self.min_coverage or c / len(draft) < min_score:
                continue
            out.append(TemplateMatch(self.templates[i]["id"], c / len(draft), coverage))
        out.sort(key=lambda m: -m.score)
        return out[:top]

    def best_match(self, text: str, context: dict | None = None, min_score: float = 0.0) -> TemplateMatch | None:
        found = self.matches(text, context, top=1, min_score=min_score)
        return found[0] if found else None


@lru_cache(maxsize=1)
def default_index() -> TemplateIndex:
    return TemplateIndex.load()
