"""Quick structural check of a hand-written raw corpus file (data/raw/*.jsonl).

Usage: python3 training/check_raw.py data/raw/FILE.jsonl
Prints problems and counts; exit 1 on any problem.
"""
import json
import sys
from collections import Counter

KINDS = {"decision", "reason", "advice", "appreciation", "future", "other"}
BP = {"none", "low", "high"}
TONES = {"cold", "harsh", "risky"}
SENIORITY = {"intern", "entry", "mid", "senior", "lead", "manager", "director", "executive"}
CHANNELS = {"email", "linkedin", "ats_template"}
LOCALES = {"us", "uk", "in"}


def check(path):
    problems, n = [], 0
    stats = Counter()
    ids = set()
    for ln, line in enumerate(open(path, encoding="utf-8"), 1):
        if not line.strip():
            continue
        n += 1
        where = f"{path}:{ln}"
        try:
            r = json.loads(line)
        except Exception as e:
            problems.append(f"{where}: bad JSON {e}")
            continue
        for f in ("id", "group", "industry", "seniority", "channel", "locale", "paragraphs",
                  "specificity", "warmth", "actionable", "relationship", "risky"):
            if f not in r:
                problems.append(f"{where}: missing {f}")
        if r.get("id") in ids:
            problems.append(f"{where}: duplicate id {r.get('id')}")
        ids.add(r.get("id"))
        if r.get("seniority") not in SENIORITY:
            problems.append(f"{where}: seniority {r.get('seniority')!r}")
        if r.get("channel") not in CHANNELS:
            problems.append(f"{where}: channel {r.get('channel')!r}")
        if r.get("locale") not in LOCALES:
            problems.append(f"{where}: locale {r.get('locale')!r}")
        if r.get("specificity") not in (1, 2, 3, 4, 5) or r.get("warmth") not in (1, 2, 3, 4, 5):
            problems.append(f"{where}: message specificity/warmth must be ints 1-5")
        for b in ("actionable", "relationship", "risky"):
            if not isinstance(r.get(b), bool):
                problems.append(f"{where}: {b} must be true/false")
        any_risky = False
        nsent = 0
        words = 0
        for p in r.get("paragraphs", []):
            if not isinstance(p, list) or not p:
                problems.append(f"{where}: each paragraph must be a non-empty list of sentences")
                continue
            for s in p:
                nsent += 1
                t = s.get("text", "")
                words += len(t.split())
                if not t.strip() or t != t.strip():
                    problems.append(f"{where}: empty or untrimmed sentence {t!r}")
                if s.get("kind") not in KINDS:
                    problems.append(f"{where}: kind {s.get('kind')!r} in {t[:40]!r}")
                if s.get("specificity") not in (0, 1, 2):
                    problems.append(f"{where}: sentence specificity {s.get('specificity')!r}")
                if s.get("boilerplate") not in BP:
                    problems.append(f"{where}: boilerplate {s.get('boilerplate')!r}")
                tone = s.get("tone", None)
                if not isinstance(tone, list) or not set(tone) <= TONES:
                    problems.append(f"{where}: tone must be a list of cold/harsh/risky: {tone!r}")
                    tone = []
                if s.get("specificity") == 2 and s.get("boilerplate") != "none":
                    problems.append(f"{where}: specificity-2 sentence must have boilerplate none: {t[:50]!r}")
                if "risky" in tone:
                    any_risky = True
                    if not s.get("risk"):
                        problems.append(f"{where}: risky sentence needs a 'risk' category: {t[:50]!r}")
        if any_risky != r.get("risky"):
            problems.append(f"{where}: message risky={r.get('risky')} but risky sentences={any_risky}")
        stats["sentences"] += nsent
        stats["words"] += words
        if nsent <= 2:
            stats["short(<=2 sent)"] += 1
        if words > 250:
            stats["long(>250w)"] += 1
        if r.get("specificity", 0) >= 4:
            stats["spec>=4"] += 1
        if r.get("specificity", 9) <= 2:
            stats["spec<=2"] += 1
        if r.get("risky"):
            stats["risky"] += 1
        if r.get("warmth", 9) <= 2:
            stats["warmth<=2"] += 1
        for tag in r.get("tags", []):
            stats["tag:" + tag] += 1
    print(f"{path}: {n} messages")
    for k, v in sorted(stats.items()):
        print(f"  {k}: {v}")
    for p in problems[:50]:
        print("PROBLEM", p)
    if len(problems) > 50:
        print(f"... and {len(problems) - 50} more problems")
    return not problems


if __name__ == "__main__":
    ok = all([check(p) for p in sys.argv[1:]])
    sys.exit(0 if ok else 1)
