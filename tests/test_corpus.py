"""The labelled corpus: the validator passes, the split is reproducible, the data card is generated."""
import json

import pytest

from training.config import TrainConfig
from training.corpus import RAW_DIR, assign_splits, load_corpus, load_raw, render
from training.validate import validate

CFG = TrainConfig()


@pytest.fixture(scope="module")
def splits():
    return load_corpus(CFG.corpus_path, CFG.splits_path)


def test_validator_passes_on_the_corpus(splits):
    res = validate(splits)
    assert res.ok, "\n".join(res.errors[:20])


def test_corpus_is_built_from_raw(splits):
    raws = load_raw(RAW_DIR)
    by_id = {r["id"]: r for recs in splits.values() for r in recs}
    assert len(raws) == len(by_id)
    for raw in raws[::50]:
        assert render(raw) == by_id[raw["id"]]


def test_split_is_reproducible_and_stored(splits):
    records = [r for recs in splits.values() for r in recs]
    records.sort(key=lambda r: r["id"])
    assert assign_splits(records) == json.loads(CFG.splits_path.read_text())


def test_validator_catches_broken_records(splits):
    rec = json.loads(json.dumps(splits["train"][0]))
    rec["sentences"][0]["start"] += 1
    rec["sentences"][-1]["specificity"] = 2
    rec["sentences"][-1]["boilerplate"] = "high"
    rec["risky"] = not rec["risky"]
    res = validate({"train": [rec], "dev": [], "test": []}, check_spread=False)
    text = "\n".join(res.errors)
    assert "offsets" in text and "specificity-2" in text and "risky" in text


def test_validator_catches_near_duplicates_across_splits(splits):
    a = splits["train"][0]
    b = json.loads(json.dumps(a))
    b["id"] = "copy-of-" + a["id"]
    b["group"] = b["id"]
    b["text"] = b["text"] + " "
    res = validate({"train": [a], "dev": [b], "test": []}, check_spread=False)
    assert any("near-duplicates across splits" in e for e in res.errors)


def test_data_card_tables_come_from_the_command():
    from training.datacard import BEGIN, END, tables

    card = (CFG.data_dir / "README.md").read_text()
    generated = card.split(BEGIN, 1)[1].split(END, 1)[0].strip()
    assert generated == tables(CFG).strip(), "data card is stale: run `python -m training datacard`"


def test_labelling_conventions_follow_the_rubric():
    from training.corpus import apply_conventions

    def sent(text, kind, spec, bp):
        return {"text": text, "kind": kind, "specificity": spec, "boilerplate": bp, "tone": []}

    # an empty future promise is boilerplate high, whatever the writer typed ...
    assert apply_conventions(sent("Please keep an eye on our careers page.", "future", 0, "low"))["boilerplate"] == "high"
    # ... a courtesy wish that promises and points to nothing is low, whatever the writer typed ...
    assert apply_conventions(sent("We hope our paths cross again.", "future", 0, "high"))["boilerplate"] == "low"
    assert apply_conventions(sent("Let's keep in touch!", "future", 0, "low"))["boilerplate"] == "low"
    # ... unless it also promises something or points somewhere
    assert apply_conventions(sent("We'd love to stay in touch, so follow us on LinkedIn.", "future", 0, "low"))["boilerplate"] == "high"
    assert apply_conventions(sent("We will keep your CV on file and be in touch.", "future", 0, "low"))["boilerplate"] == "high"
    # ... but a future sentence that names a team, person or time keeps the writer's label
    named = sent("Our data team hires again in March; I'll send you the post.", "future", 2, "none")
    assert apply_conventions(named) == named
    # a line saying no feedback can be given is stock wording, but not a generic reason: "low", kind "other"
    for kind, bp in (("other", "none"), ("other", "high"), ("reason", "high")):
        line = apply_conventions(sent("Owing to the volume of applications, we are unable to provide individual "
                                      "feedback.", kind, 0, bp))
        assert (line["kind"], line["boilerplate"]) == ("other", "low")
    # ... unless it also gives a reason for the decision, or says something specific
    mixed = sent("Selection was based on relevant experience, and we cannot provide individual feedback.", "reason", 0, "high")
    assert apply_conventions(mixed) == mixed
    offer = sent("We can't give feedback on the test, but your Kafka answer was the strongest.", "appreciation", 2, "none")
    assert apply_conventions(offer) == offer
    # a signature block is not boilerplate, and it is contextual when it names the company
    sig = apply_conventions(sent("Best regards,\nMina Osei\nTalent Acquisition, Ferrovia Logistics", "other", 0, "low"))
    assert sig["boilerplate"] == "none" and sig["specificity"] == 1
    assert apply_conventions(sent("Best regards,\nMina Osei\nRecruiter", "other", 0, "none"))["specificity"] == 0
    assert apply_conventions(sent("All the best,\nOisín", "other", 0, "none"))["specificity"] == 0  # a person, accents and all


def test_no_empty_future_promise_is_left_below_high(splits):
    from training.corpus import courtesy_wish

    for recs in splits.values():
        for r in recs:
            for s in r["sentences"]:
                if s["kind"] == "future" and s["specificity"] == 0 and s["boilerplate"] == "low":
                    assert courtesy_wish(s["text"]), s["text"]
                if s["kind"] == "future" and s["specificity"] <= 1 and courtesy_wish(s["text"]):
                    assert s["boilerplate"] in ("low", "none"), s["text"]


def test_no_feedback_lines_follow_one_convention(splits):
    from training.corpus import no_feedback_line

    lines = [s for recs in splits.values() for r in recs for s in r["sentences"]
             if s["kind"] in ("other", "reason") and s["specificity"] <= 1 and no_feedback_line(s["text"])]
    assert len(lines) >= 20
    assert all((s["kind"], s["boilerplate"]) == ("other", "low") for s in lines), [
        s["text"] for s in lines if (s["kind"], s["boilerplate"]) != ("other", "low")]


@pytest.mark.parametrize("text,dated", [
    ("Applications for the 2027 intake open in October, and we'd be glad to hear from you.", True),
    ("You may reapply after six months.", True),
    ("We encourage you to apply again in 90 days.", True),
    ("Our Easter recruitment usually opens in February if you fancy trying again.", True),
    ("We hire new grads every spring and fall, and I'd be glad to see your application again.", True),
    ("We may be hiring again soon.", False),  # "may" is a verb here, and "soon" names no time
    ("We will keep your CV on file for six months.", False),  # a dated retention promise
    ("Our summer internships open in January on acme.com/careers.", False),  # a dated pointer
    ("Please keep an eye on our careers page for future openings.", False),
])
def test_dated_invitation(text, dated):
    from training.corpus import dated_invitation

    assert dated_invitation(text) is dated


def test_dated_invitations_follow_one_convention(splits):
    """A future line saying when the candidate can apply again is information: boilerplate none."""
    from training.corpus import dated_invitation

    lines = [s for recs in splits.values() for r in recs for s in r["sentences"]
             if s["kind"] == "future" and dated_invitation(s["text"])]
    assert len(lines) >= 40
    assert all(s["boilerplate"] == "none" for s in lines), [s["text"] for s in lines if s["boilerplate"] != "none"]


@pytest.mark.parametrize("text,generic", [
    ("Your application does not meet the minimum requirements and will not be progressed.", True),
    ("You did not meet the minimum qualifications as stated in the job announcement.", True),
    ("Your application was reviewed and found not to meet the essential criteria for this post.", True),
    ("Reason code: 04 – Minimum qualifications not met.", True),
    ("You don’t meet the basic requirements for the role.", True),
    ("You meet the minimum qualifications, but the panel chose candidates with ward experience.", False),
    ("Applications that meet the essential criteria are scored by two assessors.", False),
])
def test_minimum_not_met(text, generic):
    from training.corpus import minimum_not_met

    assert minimum_not_met(text) is generic


def test_minimum_not_met_lines_follow_one_convention(splits):
    """A screening-out whose only reason is the unnamed minimum is a generic reason: high."""
    from training.corpus import minimum_not_met

    lines = [s for recs in splits.values() for r in recs for s in r["sentences"]
             if s["kind"] in ("decision", "reason") and s["specificity"] <= 1 and minimum_not_met(s["text"])]
    assert len(lines) >= 10
    assert all(s["boilerplate"] == "high" for s in lines), [s["text"] for s in lines if s["boilerplate"] != "high"]


def test_challenge_set_is_held_out_and_valid(splits):
    """data/challenge/ is evaluation-only: valid records, none of them (or a near copy) in the corpus."""
    from training.config import TrainConfig
    from training.corpus import load_challenge, load_challenge_sets, near_duplicate_pairs
    from training.validate import validate

    challenge = load_challenge(TrainConfig().challenge_dir)
    assert len(challenge) >= 200
    # evaluate reports each theme on its own: one theme per THEME_a/_b/_c file family
    themes = load_challenge_sets(TrainConfig().challenge_dir)
    assert {k: len(v) for k, v in themes.items()} == {"advice_and_emphasis": 60, "agency_recruiters": 60,
                                                        "contrast_harsh": 120, "contrast_short_plain": 120,
                                                        "edited_templates": 60, "plain_generic": 120,
                                                        "short_fit_notes": 60, "rubric_probes": 80, "terse_reasons": 132,
                                                        "warm_register": 60, "second_person_decisions": 98}
    assert len({r["id"] for r in challenge}) == len(challenge)
    assert validate({"train": [], "dev": [], "test": challenge}, check_spread=False).ok
    corpus = [r for recs in splits.values() for r in recs]
    assert not {r["id"] for r in challenge} & {r["id"] for r in corpus}
    both = corpus + challenge
    n = len(corpus)
    assert not [(i, j) for i, j, _ in near_duplicate_pairs(both) if (i < n) != (j < n)]
