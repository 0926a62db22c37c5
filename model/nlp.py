"""spaCy loading, shared by segmentation and the rule matchers.

thinc (spaCy's ML layer) imports torch when it is installed, which costs ~1.6 s of cold
start and ~200 MB of memory; rejectcheck never runs spaCy models on torch, so torch is
hidden from that one import. A later `import torch` elsewhere in the process still works.
"""
from __future__ import annotations

import re
import sys
from functools import lru_cache

# spaCy's tokenizer strips prefixes and suffixes off a whitespace-free chunk one at a time and
# searches the rest again after each: quadratic in the chunk's length when every character is an
# affix ("&" * 20,000, "'s" * 10,000 or ".," * 10,000 took ~47 s). Such chunks are cut with a
# space every CHUNK characters before tokenizing: the text keeps its length, so every offset holds.
CHUNK = 128
_LONG_CHUNK = re.compile(r"\S{%d,}" % (CHUNK + 1))


def _cut_long_chunks(text: str) -> str:
    def cut(m: re.Match) -> str:
        s = m.group()  # every CHUNK-th character becomes a space
        return " ".join(s[i:i + CHUNK - 1] for i in range(0, len(s), CHUNK))[:len(s)].ljust(len(s))
    return _LONG_CHUNK.sub(cut, text)


class BoundedTokenizer:
    """spaCy's tokenizer for text whose whitespace-free chunks are at most CHUNK characters long;
    longer chunks (junk, a pasted blob, a very long link) are cut first. Everything else (the
    vocab, the special-case table, `explain`) is the wrapped tokenizer's."""

    def __init__(self, tokenizer):
        self._tokenizer = tokenizer

    def __call__(self, text: str):
        if len(text) > CHUNK:
            text = _cut_long_chunks(text)
        return self._tokenizer(text)

    def __getattr__(self, name):
        if name.startswith("__") or name == "_tokenizer":  # copy and pickle look these up before __init__
            raise AttributeError(name)
        return getattr(self._tokenizer, name)

    def __reduce__(self):
        return (BoundedTokenizer, (self._tokenizer,))


def import_spacy():
    if "spacy" in sys.modules:
        return sys.modules["spacy"]
    hide = "torch" not in sys.modules
    if hide:
        sys.modules["torch"] = None  # type: ignore[assignment]  # makes `import torch` raise ImportError
    try:
        import spacy
    finally:
        if hide:
            del sys.modules["torch"]
    return spacy


@lru_cache(maxsize=1)
def blank_pipeline():
    """Tokenizer + rule-based sentencizer: the fast path for segmentation."""
    spacy = import_spacy()
    nlp = spacy.blank("en")
    nlp.tokenizer = BoundedTokenizer(nlp.tokenizer)
    nlp.add_pipe("sentencizer")
    return nlp
