"""Corpus validator: schema, label ranges, offsets, duplicates across splits, rubric consistency,
and the spread the corpus promises. `python -m training validate` runs it; so do the tests."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from model.report import BOILERPLATE, KINDS, TONES
from model.text import html_to_text

from .corpus import near_duplicate_pairs

RISK_CATEGORIES = {"age", "gender", "pregnancy_family", "religion", "nationality_language",
                   "disability_health", "race_ethnicity", "job_promise", "other_candidate",
                   "appearance", "marital_status"}
REQUIRED_RISK_COVERAGE = {"age", "gender", "pregnancy_family", "religion", "nationality_language",
                          "disability_health", "job_promise"}

# Minimum shares of all messages (issue #2).
SPREAD_MINIMUMS = {
    "specificity>=4": 0.25,
    "specificity<=2": 0.30,
    "warmth<=2 with harsh/cold": 0.10,
    "risky": 0.08,
    "protected topic, safe": 0.05,
    "unfilled merge fields": 0.10,
    "one or two sentences": 0.10,
    "over 250 words": 0.05,
}


@dataclass
class ValidationResult:
    errors: list[str] = field(default_factory=list)
    spread: dict[str, float] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors


def word_count(rec: dict) -> int:
    return sum(len(s["text"].split()) for s in rec["sentences"])


def spread_of(records: list[dict]) -> dict[str, float]:
    n = max(1, len(records))

    def share(pred):
        return sum(1 for r in records if pred(r)) / n

    return {
        "specificity>=4": share(lambda r: r["specificity"] >= 4),
        "specificity<=2": share(lambda r: r["specificity"] <= 2),
        "warmth<=2 with harsh/cold": share(lambda r: r["warmth"] <= 2 and any(
            {"harsh", "cold"} & set(s["tone"]) for s in r["sentences"])),
        "risky": share(lambda r: r["risky"]),
        "protected topic, safe": share(lambda r: "protected_safe" in r.get("tags", []) and not r["risky"]),
        "unfilled merge fields": share(lambda r: r.get("has_merge_fields", False)),
        "one or two sentences": share(lambda r: len(r["sentences"]) <= 2),
        "over 250 words": share(lambda r: word_count(r) > 250),
    }


def _check_record(r: dict, err) -> None:
    rid = r.get("id", "?")
    for f, t in (("id", str), ("text", str), ("sentences", list), ("specificity", int), ("warmth", int),
                 ("actionable", bool), ("relationship", bool), ("risky", bool)):
        if not isinstance(r.get(f), t) or (t is int and isinstance(r.get(f), bool)):
            err(f"{rid}: field {f!r} missing or not {t.__name__}")
            return
    if not 1 <= r["specificity"] <= 5 or not 1 <= r["warmth"] <= 5:
        err(f"{rid}: message specificity/warmth outside 1-5")
    if not r["sentences"]:
        err(f"{rid}: no sentences")
    text = r["text"]
    prev_end = 0
    any_risky = False
    for i, s in enumerate(r["sentences"]):
        where = f"{rid} sentence {i}"
        for f in ("start", "end", "text", "kind", "specificity", "boilerplate", "tone"):
            if f not in s:
                err(f"{where}: missing {f}")
                return
        if text[s["start"]:s["end"]] != s["text"]:
            err(f"{where}: offsets {s['start']}-{s['end']} do not reproduce the sentence text")
        if s["start"] < prev_end:
            err(f"{where}: overlaps the previous sentence")
        prev_end = s["end"]
        if s["kind"] not in KINDS:
            err(f"{where}: kind {s['kind']!r}")
        if s["specificity"] not in (0, 1, 2):
            err(f"{where}: specificity {s['specificity']!r}")
        if s["boilerplate"] not in BOILERPLATE:
            err(f"{where}: boilerplate {s['boilerplate']!r}")
        if not isinstance(s["tone"], list) or not set(s["tone"]) <= set(TONES):
            err(f"{where}: tone {s['tone']!r}")
        if s["specificity"] == 2 and s["boilerplate"] != "none":
            err(f"{where}: a specificity-2 sentence must have boilerplate none")
        if "risky" in s["tone"]:
            any_risky = True
            if s.get("risk") not in RISK_CATEGORIES:
                err(f"{where}: risky sentence without a valid risk category")
    if any_risky != r["risky"]:
        err(f"{rid}: message risky={r['risky']} but risky sentences={any_risky}")
    # Everything outside the labelled sentences is whitespace, markup or the quoted chain.
    body = text
    if r.get("has_quoted_reply"):
        cut = body.rfind("\n\nOn ")
        body = body[:cut] if cut >= 0 else body
    rest = list(body)
    for s in r["sentences"]:
        for k in range(s["start"], min(s["end"], len(rest))):
            rest[k] = " "
    leftover = "".join(rest)
    if r.get("format") == "html":
        leftover, _ = html_to_text(leftover)
    if leftover.strip():
        err(f"{rid}: text outside the labelled sentences: {leftover.strip()[:60]!r}")


def validate(splits: dict[str, list[dict]], check_spread: bool = True) -> ValidationResult:
    res = ValidationResult()
    err = res.errors.append
    all_records = [r for recs in splits.values() for r in recs]
    ids = Counter(r.get("id") for r in all_records)
    for i, n in ids.items():
        if n > 1:
            err(f"{i}: appears {n} times (duplicate id or in more than one split)")
    texts = Counter(re.sub(r"\s+", " ", r["text"]).strip().lower() for r in all_records)
    for t, n in texts.items():
        if n > 1:
            err(f"duplicate message text x{n}: {t[:60]!r}")
    for r in all_records:
        _check_record(r, err)
    split_of = {r["id"]: name for name, recs in splits.items() for r in recs}
    for i, j, sim in near_duplicate_pairs(all_records):
        a, b = all_records[i], all_records[j]
        if split_of[a["id"]] != split_of[b["id"]]:
            err(f"near-duplicates across splits ({sim:.2f}): {a['id']} ({split_of[a['id']]}) "
                f"and {b['id']} ({split_of[b['id']]})")
    groups: dict[str, set] = {}
    for r in all_records:
        groups.setdefault(r.get("group", r["id"]), set()).add(split_of[r["id"]])
    for g, s in groups.items():
        if len(s) > 1:
            err(f"group {g} spans splits {sorted(s)}")
    res.spread = spread_of(all_records)
    if check_spread:
        if len(all_records) < 1200:
            err(f"only {len(all_records)} messages; the corpus needs at least 1,200")
        for k, minimum in SPREAD_MINIMUMS.items():
            if res.spread[k] < minimum:
                err(f"spread: {k} is {res.spread[k]:.1%} of messages, below the {minimum:.0%} minimum")
        covered = {s.get("risk") for r in all_records for s in r["sentences"] if "risky" in s["tone"]}
        missing = REQUIRED_RISK_COVERAGE - covered
        if missing:
            err(f"risky messages do not cover: {sorted(missing)}")
    return res
