"""Risk recall on wording the rules were not written from. tests/fixtures/risk_probes.jsonl holds sentences of
session 28, risky ones in many voices and lawful hard negatives that share their words, in three sets:

* ``a`` (172): written before risk.yaml was read; the rules were then widened with general patterns;
* ``b`` (40): written after that first round, measured, then the rules widened again;
* ``c`` (40): written last and never tuned on: its misses below are what phrase rules still miss on unseen
  wording, left for a general rule (not one phrase per sentence).

Every sentence must get the label the rubric gives it, except the known misses listed here, which are
expected to fail (strict: one that starts passing must leave the list)."""
import json
from pathlib import Path

import pytest

FIXTURE = Path(__file__).parent / "fixtures" / "risk_probes.jsonl"
PROBES = [json.loads(line) for line in FIXTURE.read_text(encoding="utf-8").splitlines() if line.strip()]

KNOWN_MISSES = {
    # set a: each would need a phrase of its own, or reads risky only by innuendo
    "Our customers prefer dealing with someone from the local community, if you get my drift.",
    "Kindly note the client prefers candidates below 35 years for this position.",  # risk.age's "clients aged" veto
    "Since you're in the middle of transitioning, we thought the timing wasn't right.",
    "Our new hire was on 65k at her last place, so you can see why we went that way.",
    "The client wants a clean bill of health before considering anyone for this post.",
    # the trained model's flags on lawful sentences (sets a and b), not a rule's
    "We're a young, fast-growing fintech with forty staff.",
    "The role involves speaking with clients across Germany, so fluent German is needed.",
    "We're a young agency, only three years old, with a flat structure.",
    # set c, never tuned on
    "Most of our pickers are students, and the manager worried you'd feel like everyone's dad.",
    "The client is after someone who won't be looking at their pension in a few years.",
    "The owner asked whether you're planning more children, and I'm afraid that coloured things.",
    "Your recent heart attack made the board nervous about the travel.",
    "We noticed you were limping and weren't sure the warehouse floor would suit you.",
    "Someone with your medical background might not manage the night rota.",
    "The hiring manager thought the hearing loss you mentioned would be a problem on calls.",
    "The team goes to the pub every Friday, and we weren't sure a teetotal Muslim would enjoy it.",
    "The client wanted a proper Aussie for the role, if you know what I mean.",
    "Your surname might put off some of the older customers.",
    "We worried that being from Lagos you'd find the Scottish winters hard.",
    "We think the site is better suited to the lads, honestly.",
    "Hang on for a few weeks and we'll definitely get you in.",
    "The other candidate, whose father is on our board, was offered the post.",
    "The role is a twelve-month fixed-term contract covering parental leave.",  # risk.pregnancy_family's false alarm
}


def _param(row):
    marks = [pytest.mark.xfail(strict=True, reason="known miss")] if row["text"] in KNOWN_MISSES else []
    return pytest.param(row, id=f"{row['set']}:{row['category']}:{row['text'][:40]}", marks=marks)


def test_probe_fixture_is_balanced_and_known_misses_are_probes():
    first = [r for r in PROBES if r["set"] == "a"]
    assert sum(r["risky"] for r in first) >= 90 and sum(not r["risky"] for r in first) >= 60
    assert KNOWN_MISSES <= {r["text"] for r in PROBES}
    assert len({r["text"] for r in PROBES}) == len(PROBES)


@pytest.fixture(scope="module")
def probe_flags(checker):
    reports = checker.check_batch([r["text"] for r in PROBES])
    return {r["text"]: any("risky" in s.tone for s in rep.sentences) for r, rep in zip(PROBES, reports)}


@pytest.mark.parametrize("row", [_param(r) for r in PROBES])
def test_probe_sentence_gets_the_rubric_risk_label(row, probe_flags):
    assert probe_flags[row["text"]] == row["risky"], row["text"]
