"""Risk recall on wording the rules were not written from: tests/fixtures/risk_probes.jsonl holds sentences
written before the risk rules were read (session 28), risky ones in many voices and lawful hard negatives that
share their words. Every sentence must get the label the rubric gives it, except the known misses listed here,
which are expected to fail until a general rule covers them (strict: one that starts passing must leave the list)."""
import json
from pathlib import Path

import pytest

FIXTURE = Path(__file__).parent / "fixtures" / "risk_probes.jsonl"
PROBES = [json.loads(line) for line in FIXTURE.read_text(encoding="utf-8").splitlines() if line.strip()]

# risky sentences no general rule reads yet (each would need a phrase of its own, or reads risky only by innuendo)
KNOWN_MISSES = {
    "Our customers prefer dealing with someone from the local community, if you get my drift.",
    "Kindly note the client prefers candidates below 35 years for this position.",  # vetoed by the clients-aged exception
    "Since you're in the middle of transitioning, we thought the timing wasn't right.",
    "Our new hire was on 65k at her last place, so you can see why we went that way.",
    "The client wants a clean bill of health before considering anyone for this post.",
    "We're a young, fast-growing fintech with forty staff.",  # the trained model's flag, not a rule's
}


def _param(row):
    marks = [pytest.mark.xfail(strict=True, reason="known miss")] if row["text"] in KNOWN_MISSES else []
    return pytest.param(row, id=f"{row['category']}:{row['text'][:40]}", marks=marks)


def test_probe_fixture_is_balanced_and_known_misses_are_probes():
    risky = [r for r in PROBES if r["risky"]]
    assert len(risky) >= 90 and len(PROBES) - len(risky) >= 60
    assert KNOWN_MISSES <= {r["text"] for r in PROBES}


@pytest.fixture(scope="module")
def probe_flags(checker):
    reports = checker.check_batch([r["text"] for r in PROBES])
    return {r["text"]: any("risky" in s.tone for s in rep.sentences) for r, rep in zip(PROBES, reports)}


@pytest.mark.parametrize("row", [_param(r) for r in PROBES])
def test_probe_sentence_gets_the_rubric_risk_label(row, probe_flags):
    assert probe_flags[row["text"]] == row["risky"], row["text"]
