"""Before/after examples produced by the code: apply every high-severity suggestion to two drafts
(with context), and turn interviewer notes into feedback.

    .venv/bin/python bench/examples.py
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from model import Checker  # noqa: E402

DRAFTS = [
    ("Hi Sam,\n\nThank you for your interest in the Data Analyst position at Acme. After careful consideration, "
     "we have decided to move forward with other candidates whose experience more closely matches our needs. "
     "We will keep your CV on file and wish you the best in your job search.\n\nBest regards,\nDana",
     {"candidate_name": "Sam", "role": "Data Analyst", "stage": "the final interview",
      "strengths": ["your SQL take-home was the clearest we received"],
      "gaps": ["experience running A/B tests end to end"],
      "upcoming_openings": ["a junior analyst role on our growth team in March"], "recruiter_name": "Dana"}),
    ("Dear Priya,\n\nThanks for coming in for the trial shift. Honestly we were after someone with a bit more energy "
     "to fit our young and dynamic kitchen team. Don't worry though, you'll definitely get the next one!\n\nCheers,\nMarco",
     {"candidate_name": "Priya", "role": "Sous Chef", "stage": "the trial shift on Saturday",
      "strengths": ["your knife work and the way you kept your station clear during service"],
      "gaps": ["experience running the pass on a 150-cover night"],
      "upcoming_openings": ["a chef de partie role at our Harbour Street kitchen in the spring"]}),
]
NOTES = ("- weak on SQL joins, couldn't explain a LEFT vs INNER join\n- great rapport w/ team\n- seemed old for us\n"
         "- salary ask 95k\n- maybe data analyst role in Q2?")


def improve(checker: Checker, text: str, context: dict, rounds: int = 6) -> str:
    for _ in range(rounds):
        report = checker.check(text, context=context)
        # fix sentences first; message-level findings are re-judged after each rewrite
        high = sorted((f for f in report.findings if f.severity == "high" and f.suggestions),
                      key=lambda f: f.category == "structure")
        if not high:
            break
        text = checker.rules.apply_suggestion(text, report, high[0])
    return text


def summary(r) -> str:
    d = r.to_dict()
    high = [f["rule"] for f in d["findings"] if f["severity"] == "high"]
    return f"scores {d['scores']} flags {d['flags']} high findings {high}"


def main() -> int:
    checker = Checker.load()
    for text, ctx in DRAFTS:
        before = checker.check(text, context=ctx)
        after_text = improve(checker, text, ctx)
        after = checker.check(after_text, context=ctx)
        print("=" * 100)
        print("BEFORE:", summary(before))
        print(text)
        print("-" * 100)
        print("AFTER: ", summary(after))
        print(after_text)
    print("=" * 100)
    print("INTERVIEWER NOTES:\n" + NOTES)
    fb = checker.draft_feedback(NOTES, context={"candidate_name": "Sam", "role": "Data Analyst",
                                                "stage": "the final interview", "recruiter_name": "Dana"})
    d = fb.to_dict()
    print("-" * 100)
    print("DRAFT:\n" + d["draft"])
    print("DROPPED:", json.dumps(d["dropped"], ensure_ascii=False))
    print("CHECK OF THE DRAFT:", summary(checker.check(d["draft"])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
