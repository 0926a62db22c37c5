"""spaCy loading, shared by segmentation and the rule matchers.

thinc (spaCy's ML layer) imports torch when it is installed, which costs ~1.6 s of cold
start and ~200 MB of memory; rejectcheck never runs spaCy models on torch, so torch is
hidden from that one import. A later `import torch` elsewhere in the process still works.
"""
from __future__ import annotations

import sys
from functools import lru_cache


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
    nlp.add_pipe("sentencizer")
    return nlp
