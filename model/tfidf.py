"""TF-IDF features at run time, from vocabularies and idf weights fitted by scikit-learn.

Training fits `sklearn.feature_extraction.text.TfidfVectorizer` (word 1-2 grams and char_wb
3-5 grams, sublinear tf, l2 norm) and exports its vocabulary and idf to JSON. This module
reproduces `transform` exactly (tests/test_tfidf.py compares the two) so that serving does not
import scikit-learn, which alone costs ~0.9 s of cold start.
"""
from __future__ import annotations

import json
import math
import re
from pathlib import Path

import numpy as np

_TOKEN = re.compile(r"(?u)\b\w\w+\b")
_WHITE = re.compile(r"\s\s+")


def word_ngrams(text: str, lo: int, hi: int) -> list[str]:
    tokens = _TOKEN.findall(text.lower())
    out = list(tokens) if lo == 1 else []
    for n in range(max(lo, 2), min(hi + 1, len(tokens) + 1)):
        out.extend(" ".join(tokens[i:i + n]) for i in range(len(tokens) - n + 1))
    return out


def char_wb_ngrams(text: str, lo: int, hi: int) -> list[str]:
    out: list[str] = []
    for w in _WHITE.sub(" ", text.lower()).split():
        w = " " + w + " "
        for n in range(lo, hi + 1):
            offset = 0
            out.append(w[offset:offset + n])
            while offset + n < len(w):
                offset += 1
                out.append(w[offset:offset + n])
            if offset == 0:
                break
    return out


class TfidfPart:
    def __init__(self, analyzer: str, ngram_range, vocabulary: dict[str, int], idf):
        self.analyzer = analyzer
        self.lo, self.hi = ngram_range
        self.vocabulary = vocabulary
        self.idf = np.asarray(idf, dtype=np.float64)

    def transform(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), len(self.idf)), dtype=np.float32)
        grams = word_ngrams if self.analyzer == "word" else char_wb_ngrams
        for row, text in enumerate(texts):
            counts: dict[int, int] = {}
            for g in grams(text, self.lo, self.hi):
                j = self.vocabulary.get(g)
                if j is not None:
                    counts[j] = counts.get(j, 0) + 1
            if not counts:
                continue
            idx = np.fromiter(counts.keys(), dtype=np.int64)
            tf = np.fromiter((1.0 + math.log(c) for c in counts.values()), dtype=np.float64)
            v = tf * self.idf[idx]
            out[row, idx] = v / np.sqrt((v * v).sum())
        return out

    def to_dict(self) -> dict:
        return {"analyzer": self.analyzer, "ngram_range": [self.lo, self.hi],
                "vocabulary": self.vocabulary, "idf": [float(x) for x in self.idf]}

    @classmethod
    def from_dict(cls, d: dict) -> "TfidfPart":
        return cls(d["analyzer"], d["ngram_range"], d["vocabulary"], d["idf"])

    @classmethod
    def from_sklearn(cls, vec) -> "TfidfPart":
        return cls(vec.analyzer, vec.ngram_range, {k: int(v) for k, v in vec.vocabulary_.items()}, vec.idf_)


class TfidfEncoder:
    """Word and character TF-IDF of a sentence, concatenated."""

    def __init__(self, parts: list[TfidfPart]):
        self.parts = parts
        self.dim = sum(len(p.idf) for p in parts)

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.concatenate([p.transform(list(texts)) for p in self.parts], axis=1)

    def save(self, path: Path) -> None:
        Path(path).write_text(json.dumps([p.to_dict() for p in self.parts], ensure_ascii=False), encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> "TfidfEncoder":
        return cls([TfidfPart.from_dict(d) for d in json.loads(Path(path).read_text(encoding="utf-8"))])

    @classmethod
    def fit(cls, sentences: list[str], word_features: int = 2500, char_features: int = 1500) -> "TfidfEncoder":
        """Fit with scikit-learn (training only)."""
        from sklearn.feature_extraction.text import TfidfVectorizer

        word = TfidfVectorizer(ngram_range=(1, 2), min_df=2, max_features=word_features, sublinear_tf=True)
        char = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), min_df=3, max_features=char_features,
                               sublinear_tf=True)
        word.fit(sentences)
        char.fit(sentences)
        return cls([TfidfPart.from_sklearn(word), TfidfPart.from_sklearn(char)])


class ConcatEncoder:
    """Several encoders side by side (e.g. static embeddings + TF-IDF)."""

    def __init__(self, *encoders):
        self.encoders = encoders
        self.dim = sum(e.dim for e in encoders)

    def encode(self, texts: list[str]) -> np.ndarray:
        return np.concatenate([e.encode(texts) for e in self.encoders], axis=1)
