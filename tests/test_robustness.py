"""Surface-cue robustness (training/robustness.py): the rewrites keep the meaning, and the shipped
model's judgement survives them on held-out messages."""
import random

import pytest

from training.corpus import load_corpus
from training.robustness import (
    PERTURBATIONS, dressed_up, format_shifts, lowercase, one_paragraph, rename, respell, run_robustness, stock_opener,
    typos,
)
from training.train import OPENERS, augment_case, augment_openers, augment_particulars

RNG = random.Random(0)
DRAFT = ("Hi Sam,\n\nThank you for interviewing with Zentrixa for the Data Analyst role. We have decided not to "
         "move forward, because the role needs hands-on dbt work.\n\nYour organization of the SQL exercise "
         "was clear.\n\nBest,\nAna Kowalczyk")


def test_rewrites_change_only_the_surface():
    assert lowercase(DRAFT, RNG) == DRAFT.lower()
    # unfilled merge fields stay as the ATS left them
    assert lowercase("Dear [Candidate Name], thanks for applying to %JOB_TITLE%.", RNG) == \
        "dear [Candidate Name], thanks for applying to %JOB_TITLE%."
    # "I" keeps its capital, and only an outcome sentence gets the opener
    assert "Unfortunately, I have decided" in stock_opener("Hi Sam. I have decided to hire someone else.", RNG)
    assert stock_opener("Hi Sam. We are grateful for your time.", RNG) == "Hi Sam. We are grateful for your time."
    assert "Unfortunately, we have decided not to move forward" in stock_opener(DRAFT, RNG)
    assert "organisation" in respell(DRAFT, RNG) and respell(respell(DRAFT, RNG), RNG) == DRAFT
    assert "\n\n" not in one_paragraph(DRAFT, RNG) and one_paragraph(DRAFT, RNG).count("\n") == DRAFT.count("\n") - 3
    renamed = rename(DRAFT, random.Random(1))
    assert "Zentrixa" not in renamed and "Kowalczyk" not in renamed
    assert renamed.replace("Thank you", "").count(" ") == DRAFT.replace("Thank you", "").count(" ")  # same words


def test_typos_and_dressings_change_only_the_surface():
    mistyped = typos(DRAFT * 4, random.Random(2))
    assert mistyped != DRAFT * 4 and len(mistyped.split()) == len((DRAFT * 4).split())
    changed = [(a, b) for a, b in zip((DRAFT * 4).split(), mistyped.split()) if a != b]
    assert all(len(a) >= 5 and abs(len(a) - len(b)) <= 1 for a, b in changed)
    text = "Our team has reviewed your application. We chose other candidates for the role."
    dressed = dressed_up(text, random.Random(3))
    assert dressed.startswith("The ") and " team has reviewed your application for the " in dressed
    assert "(ref. R-" in dressed and "other candidates for the " in dressed and dressed.endswith(".")


def test_a_draft_that_already_says_unfortunately_is_left_alone():
    text = "Hi Sam,\n\nUnfortunately, we have decided not to move forward."
    assert stock_opener(text, RNG) == text


def copies_and_originals(augment, n: int, suffix: str):
    """(copy, original) for every copy `augment` makes of the first `n` training messages at share
    1, each in its original's group; at share 0 it makes none."""
    recs = load_corpus()["train"][:n]
    copies = augment(recs, 1.0, seed=3)
    assert copies and len(copies) <= len(recs)
    by_id = {r["id"]: r for r in recs}
    for c in copies:
        orig = by_id[c["id"].removesuffix(suffix)]
        assert c["group"] == orig.get("group", orig["id"])
        yield c, orig
    assert augment(recs, 0.0, seed=3) == []


def test_lower_case_copies_keep_labels_and_group():
    for c, orig in copies_and_originals(augment_case, 40, "#lc"):
        assert c["text"].lower() == orig["text"].lower()
        assert len(c["text"]) == len(orig["text"])
        assert [(s["kind"], s["specificity"], s["boilerplate"], s["tone"]) for s in c["sentences"]] == \
               [(s["kind"], s["specificity"], s["boilerplate"], s["tone"]) for s in orig["sentences"]]


def test_softener_copies_keep_labels_offsets_and_group():
    for c, orig in copies_and_originals(augment_openers, 300, "#op"):
        assert [(s["kind"], s["specificity"], s["boilerplate"], s["tone"]) for s in c["sentences"]] == \
               [(s["kind"], s["specificity"], s["boilerplate"], s["tone"]) for s in orig["sentences"]]
        assert all(c["text"][s["start"]:s["end"]] == s["text"] for s in c["sentences"])
        changed = [(a["text"], b["text"]) for a, b in zip(orig["sentences"], c["sentences"]) if a["text"] != b["text"]]
        assert len(changed) == 1
        before, after = changed[0]
        assert after.startswith(OPENERS) and after.endswith(before[1:]) and before.startswith(("We", "I"))
        assert not after.startswith("I'm afraid I")


@pytest.mark.parametrize("profile", ["full", "fast"])
def test_shipped_model_survives_meaning_preserving_rewrites(checker, profile):
    from model import Checker

    model = checker if profile == "full" else Checker.load(profile="fast")
    test = load_corpus()["test"]
    shifts = run_robustness(model, test[:120], seed=13)
    # these two alter few messages (1 and 4 of the first 120), so they are measured on the whole split
    # (26 and 44): on 120 messages a single message decided the check
    rare = ("stock_opener", "respell")
    shifts.update(run_robustness(model, test, seed=13, only=rare))
    assert set(shifts) == set(PERTURBATIONS)
    table = format_shifts(shifts)
    assert table.count("\n") == len(shifts) + 1
    # limits with room above what the shipped model measures (python -m training robustness)
    assert shifts["lowercase"].spec_abs <= 8 and shifts["lowercase"].warm_abs <= 8
    for name in ("stock_opener", "respell", "one_paragraph", "rename"):
        assert shifts[name].spec_abs <= 3 and shifts[name].warm_abs <= 3, name
        assert shifts[name].bp_flip <= 0.03 and shifts[name].tone_flip <= 0.03, name
    typo = shifts["typos"]
    assert typo.spec_abs <= 4 and typo.warm_abs <= 4 and typo.bp_flip <= 0.03 and typo.tone_flip <= 0.03
    # the job's particulars padded into stock phrases: naming the role may make a sentence contextual
    # (rubric 1), never specific, and boilerplate stays boilerplate
    dressed = shifts["dressed_up"]
    assert dressed.to_specific <= 0.02 and dressed.high_kept >= 0.85 and dressed.tone_flip <= 0.03
    # footers that mail clients add are not part of the message: blanked, so nothing may move
    furniture = shifts["email_furniture"]
    assert furniture.changed == 120 and furniture.same_split == 1.0
    assert furniture.spec_abs == 0 and furniture.warm_abs == 0
    assert furniture.bp_flip == furniture.spec_flip == furniture.tone_flip == 0


def test_particular_copies_dress_only_boilerplate_and_relabel_only_specificity():
    from model.segment import may_hold_merge_field
    from training.train import _PARTICULAR_COMPANIES, _PARTICULAR_ROLES

    for c, orig in copies_and_originals(augment_particulars, 600, "#pt"):
        assert all(c[k] == orig[k] for k in ("warmth", "actionable", "relationship", "risky"))
        assert all(c["text"][s["start"]:s["end"]] == s["text"] for s in c["sentences"])
        assert len(c["sentences"]) == len(orig["sentences"])
        roles = {r for r in _PARTICULAR_ROLES if r in c["text"]}
        assert len(roles) <= 1 and len({co for co in _PARTICULAR_COMPANIES if co in c["text"]}) <= 1  # one job
        # naming the role makes a message that named nothing one that names the role (rubric 2)
        assert c["specificity"] == (max(2, orig["specificity"]) if roles else orig["specificity"])
        dressed = 0
        for a, b in zip(orig["sentences"], c["sentences"]):
            assert (a["kind"], a["boilerplate"], a["tone"]) == (b["kind"], b["boilerplate"], b["tone"])
            if a["text"] == b["text"]:
                assert a["specificity"] == b["specificity"]
                continue
            dressed += 1
            assert a["boilerplate"] == "high" and not may_hold_merge_field(a["text"])
            assert b["text"][0] == a["text"][0]  # a capital at the start stays one
            named = any(x in b["text"] for x in (*_PARTICULAR_ROLES, *_PARTICULAR_COMPANIES))
            assert b["specificity"] == (max(1, a["specificity"]) if named else a["specificity"])
        assert dressed
