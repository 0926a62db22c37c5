"""The audit profile: a smaller, much faster model for checking thousands of past e-mails.

Same Report, same rubric, same message heads' design; what changes is the sentence side:

* segmentation by `fast_segment` (line structure + a regular-expression split, no spaCy);
* sentence features = binary word 1-2-grams over a vocabulary fitted in training (L2-normalised,
  looked up in a dict) + the same hand-feature columns as the full model, computed cheaply
  (VADER's *lexicon* looked up per word instead of the full VADER rule engine; a capitalised
  word mid-sentence stands in for a name);
* linear sentence heads applied to that sparse input with one gather per batch;
* of the phrase rules only the risk terms, and those only through a cheap prefilter: spaCy's
  tokenizer and matchers run on the few sentences that hold a risk rule's required words (about
  one in fifteen); the model's own labels, structure and template findings remain.

`Checker.load(profile="fast")` returns a `FastChecker`; `rejectcheck audit --fast` uses it.
Its quality cost against the full model is measured by `python -m training evaluate --profile
fast` and tabled in the model card.
"""
from __future__ import annotations

import json
import math
import re
from functools import lru_cache
from pathlib import Path

import numpy as np

from .checker import ARTIFACTS_DIR, MANIFEST, SENTENCE_HEADS, Checker, sha256_file
from .errors import ArtifactError
from .features import _DIGIT, _TAG, HAND_FEATURES, _vader
from .heads import LinearHead, load_heads
from .segment import (BULLET, GREETING, MERGE_FIELD, SIGN_OFF, fast_segment, may_hold_merge_field,
                      pseudonyms_as_names, short_line)

FAST_DIR = ARTIFACTS_DIR.with_name(ARTIFACTS_DIR.name + "_fast")
VOCAB_FILE = "vocab.json"
START = "<s>"  # present in every sentence: a learned bias, and never an empty row

_TOKEN = re.compile(r"[a-z0-9]+(?:['\u2019][a-z]+)?")
_CAP_MID = re.compile(r"(?<=[a-z0-9,;:)] )[A-Z][A-Za-z&'\-]+")
_NOT_NAMES = frozenset({"I", "I'm", "I've", "I'd", "I'll", "Monday", "Tuesday", "Wednesday", "Thursday",
                        "Friday", "Saturday", "Sunday", "English"})
_NEGATIONS = frozenset({"not", "no", "never", "nothing", "cannot", "can't", "won't", "don't", "didn't",
                        "isn't", "wasn't", "aren't", "weren't", "couldn't", "wouldn't", "shouldn't"})


# Close to the word lists of model/features.py (_YOU, _WE, _CONTEXT_WORDS), as token sets: set
# lookups on the tokens we already have are several times cheaper than three more regular-expression
# scans. They differ at the edges (merge fields are already "the candidate" here; "take home" with a
# space counts), which is fine: the audit profile is trained on exactly these columns.
_YOU_WORDS = frozenset("you your yours yourself you're you\u2019re you've you\u2019ve you'd you\u2019d "
                       "you'll you\u2019ll".split())
_WE_WORDS = frozenset("we our us we're we\u2019re we've we\u2019ve we'd we\u2019d we'll we\u2019ll i my me "
                      "i'm i\u2019m i've i\u2019ve i'd i\u2019d i'll i\u2019ll".split())
_CONTEXT_TOKENS = frozenset(
    "role position post vacancy opening team department programme program internship screening panel onsite "
    "round exercise presentation portfolio demo trial test interview interviews interviewed interviewing "
    "interviewer interviewers assessment assessments shortlist shortlists shortlisted shortlisting".split())
_CONTEXT_PAIRS = (" application for ", " case study ", " take home ", " on site ")


def tokens(text: str) -> list[str]:
    if "<" in text:
        text = _TAG.sub(" ", text)
    if may_hold_merge_field(text):
        text = MERGE_FIELD.sub(" the candidate ", text)
    return _TOKEN.findall(text.lower())


def grams(toks: list[str]) -> list[str]:
    return [START, *toks, *map(" ".join, zip(toks, toks[1:]))]


@lru_cache(maxsize=1)
def _lexicon() -> dict[str, float]:
    return _vader().lexicon


def lexicon_sentiment(toks: list[str]) -> tuple[float, float, float]:
    """compound / positive share / negative share from VADER's word lexicon, with simple negation."""
    return _sentiment(toks, [(i, v) for i, v in enumerate(map(_lexicon().get, toks)) if v is not None])


def _sentiment(toks: list[str], scored) -> tuple[float, float, float]:
    """lexicon_sentiment from the (position, lexicon value) of the sentence's scored words."""
    total, pos, neg = 0.0, 0, 0
    for i, v in scored:
        if i and (toks[i - 1] in _NEGATIONS or (i > 1 and toks[i - 2] in _NEGATIONS)):
            v = -0.74 * v
        total += v
        pos += v > 0
        neg += v < 0
    n = max(1, len(toks))
    return total / math.sqrt(total * total + 15.0), pos / n, neg / n


@lru_cache(maxsize=1)
def _word_info() -> dict[str, tuple]:
    """word -> (is "you", is "we", is a context word, VADER lexicon value or None), for the words
    the hand features look at: one dict lookup per token instead of four."""
    out: dict[str, tuple] = {}
    for w, v in _lexicon().items():
        out[w] = (False, False, False, v)
    for w in _YOU_WORDS | _WE_WORDS | _CONTEXT_TOKENS:
        out[w] = (w in _YOU_WORDS, w in _WE_WORDS, w in _CONTEXT_TOKENS, _lexicon().get(w))
    return out


def fast_hand_features(sentences: list[str], toks: list[list[str]]) -> np.ndarray:
    """The HAND_FEATURES columns of `model.features.hand_features`, computed cheaply."""
    n = len(sentences)
    rows = []
    last = max(1, n - 1)
    digit = _DIGIT.search
    info = _word_info().get
    for i, (raw, tk) in enumerate(zip(sentences, toks)):
        words = len(tk) or 1
        n_you = n_we = n_ctx = 0
        scored = []
        for j, x in enumerate(map(info, tk)):
            if x is not None:
                n_you += x[0]
                n_we += x[1]
                n_ctx += x[2]
                if x[3] is not None:
                    scored.append((j, x[3]))
        if "application" in tk or "case" in tk or "take" in tk or "on" in tk:
            joined = " " + " ".join(tk) + " "
            n_ctx += sum(joined.count(p) for p in _CONTEXT_PAIRS)
        first_line = short_line(raw.split("\n", 1)[0] if "\n" in raw else raw)
        caps = [m for m in _CAP_MID.findall(raw) if m not in _NOT_NAMES] if not raw.islower() else ()
        merge = may_hold_merge_field(raw) and MERGE_FIELD.search(raw) is not None
        compound, pos, neg = _sentiment(tk, scored)
        rows.append((
            math.log1p(words) / 4.0,
            words <= 8 and GREETING.match(first_line) is not None,
            SIGN_OFF.match(first_line) is not None,
            BULLET.match(raw) is not None,
            i / last,
            i == 0,
            i == n - 1,
            digit(raw) is not None,
            min(1.0, 4 * n_you / words),
            min(1.0, 4 * n_we / words),
            merge,
            raw.rstrip().endswith("?"),
            compound, pos, neg,
            min(1.0, n_ctx / 2.0),
            bool(caps) or merge,
            min(1.0, len(caps) / 3.0),
        ))
    if not rows:
        return np.zeros((0, len(HAND_FEATURES)), dtype=np.float32)
    return np.array(rows, dtype=np.float32)


class FastFeaturizer:
    """Sparse word-gram rows + hand features for a batch of messages."""

    def __init__(self, vocab: dict[str, int]):
        self.vocab = vocab
        self.dim = len(vocab)

    def transform(self, messages: list[list[str]]):
        """(ids, offsets, values, hand): sentence j's grams are ids[offsets[j]:offsets[j+1]]."""
        get = self.vocab.get
        ids: list[int] = []
        vals: list[float] = []
        offsets = [0]
        hands = []
        for m in messages:
            if any("_" in s and "[" in s for s in m):
                m = [pseudonyms_as_names(s) for s in m]
            toks = [tokens(s) for s in m]
            for tk in toks:
                # (a set comprehension: a set built another way can iterate in another order, and the
                # order of a row's columns reaches the trained word-gram heads' floating-point sums)
                found = {i for i in map(get, grams(tk)) if i is not None}
                w = 1.0 / math.sqrt(len(found))
                ids.extend(found)
                vals.extend([w] * len(found))
                offsets.append(len(ids))
            if m:
                hands.append(fast_hand_features(m, toks))
        hand = np.concatenate(hands) if hands else np.zeros((0, len(HAND_FEATURES)), np.float32)
        return (np.asarray(ids, dtype=np.int64), np.asarray(offsets, dtype=np.int64),
                np.asarray(vals, dtype=np.float32), hand)


def sparse_proba(head: LinearHead, n_grams: int, ids, offsets, vals, hand) -> np.ndarray:
    """`head.predict_proba` on [grams | hand] rows given in sparse form."""
    w = head._w  # (d, k): standardisation already folded in
    z = np.add.reduceat(w[ids] * vals[:, None], offsets[:-1], axis=0) + hand @ w[n_grams:] + head._b
    return head.activate(z)


class FastChecker(Checker):
    """The audit profile of `Checker` (see the module docstring)."""

    profile = "fast"
    risk_terms = True

    def __init__(self, featurizer: FastFeaturizer, heads: dict, manifest: dict, rules=None, **kw):
        super().__init__(None, heads, manifest, rules=rules, **kw)
        self.featurizer = featurizer

    @staticmethod
    def segment(text: str):
        return fast_segment(text)

    @classmethod
    def load(cls, path: str | Path | None = None, rules=True, verify: bool = True,
             risk_terms: bool = True) -> "FastChecker":
        from .features import message_feature_dim

        root = Path(path) if path else FAST_DIR
        manifest = cls._read_manifest(root, verify)
        if manifest.get("profile") != "fast":
            raise ArtifactError(f"{root} does not hold the fast (audit) profile.")
        if (manifest.get("hand_features") != list(HAND_FEATURES)
                or manifest.get("feature_dims", {}).get("message") != message_feature_dim()):
            raise ArtifactError("The fast model was trained with different features than this version of "
                                "rejectcheck computes; retrain it with `python -m training fast`.")
        try:
            vocab = json.loads((root / manifest["vocab_file"]).read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise ArtifactError(f"The fast model's vocabulary cannot be read: {exc}") from exc
        if len(vocab) != manifest["feature_dims"]["grams"]:
            raise ArtifactError("The fast model's vocabulary does not match its manifest.")
        heads = load_heads(root / manifest["heads_file"], manifest["heads"])
        checker = cls(FastFeaturizer(vocab), heads, manifest, rules=cls._rule_engine(rules))
        checker.risk_terms = bool(risk_terms)
        checker.source = {"path": str(root), "profile": "fast", "rules": bool(rules), "risk_terms": bool(risk_terms)}
        return checker

    def _check_prepared(self, prepared, contexts, options, spans=None):
        # every path (check, check_batch, check_segmented) comes through here
        options = {"risk_rules": self.risk_terms, **(options or {}), "phrase_rules": False}
        return super()._check_prepared(prepared, contexts, options, spans)

    def sentence_probabilities(self, messages: list[list[str]]) -> dict[str, np.ndarray]:
        ids, offsets, vals, hand = self.featurizer.transform(messages)
        if hand.shape[0] == 0:
            return {}
        n = self.featurizer.dim
        probs = {name: sparse_proba(self.heads[name], n, ids, offsets, vals, hand) for name in SENTENCE_HEADS}
        probs["hand"] = hand
        return probs


__all__ = ["FAST_DIR", "FastChecker", "FastFeaturizer", "MANIFEST", "sha256_file"]
