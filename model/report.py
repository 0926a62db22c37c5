"""Frozen, typed results. `Report.to_dict()` is the JSON schema v1 used by the API and CLI."""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

SCHEMA_VERSION = 1
KINDS = ("decision", "reason", "advice", "appreciation", "future", "other")
BOILERPLATE = ("none", "low", "high")
TONES = ("cold", "harsh", "risky")
CATEGORIES = ("boilerplate", "tone", "risk", "structure")
SEVERITIES = ("info", "low", "high")


@dataclass(frozen=True)
class Finding:
    rule: str
    category: str
    severity: str
    start: int
    end: int
    message: str
    suggestions: tuple[str, ...] = ()
    rationale: str = ""
    evidence: str = ""
    fix: str = "replace_sentence"  # how a suggestion is applied (`RuleEngine.apply_suggestion`); "none": advice only

    def to_dict(self) -> dict:
        d = asdict(self)
        d["suggestions"] = list(self.suggestions)
        return d


@dataclass(frozen=True)
class SentenceResult:
    start: int
    end: int
    text: str
    kind: str
    specificity: float
    boilerplate: str
    tone: tuple[str, ...] = ()
    kind_scores: dict = field(default_factory=dict, compare=False)
    tone_scores: dict = field(default_factory=dict, compare=False)

    def to_dict(self) -> dict:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "kind": self.kind,
            "specificity": round(float(self.specificity), 4),
            "boilerplate": self.boilerplate,
            "tone": list(self.tone),
            "tone_scores": {k: round(float(v), 4) for k, v in self.tone_scores.items()},
        }


@dataclass(frozen=True)
class Report:
    model_version: str
    specificity: int
    warmth: int
    overall: int
    actionable: bool
    relationship: bool
    risky: bool
    sentences: tuple[SentenceResult, ...]
    findings: tuple[Finding, ...]
    warnings: tuple[str, ...] = ()
    rubric: dict = field(default_factory=dict, compare=False)
    english: bool = True  # False: the text does not look like English; its scores, flags and findings mean little

    def to_dict(self) -> dict:
        return {
            "schema_version": SCHEMA_VERSION,
            "model_version": self.model_version,
            "scores": {"specificity": self.specificity, "warmth": self.warmth, "overall": self.overall},
            "rubric": dict(self.rubric),
            "flags": {"actionable": self.actionable, "relationship": self.relationship, "risky": self.risky},
            "sentences": [s.to_dict() for s in self.sentences],
            "findings": [f.to_dict() for f in self.findings],
            "warnings": list(self.warnings),
            "english": self.english,
        }

    def to_json(self, **kwargs) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, **kwargs)
