"""Behaviour of the shipped model on labelled examples from the held-out test split."""
import re

import numpy as np
import pytest

from training.corpus import load_corpus


@pytest.fixture(scope="module")
def test_split():
    return load_corpus()["test"]


def share(flags) -> float:
    flags = list(flags)
    assert flags, "no examples selected"
    return float(np.mean(flags))


def test_harsh_drafts_score_low_warmth(checker, test_split):
    harsh = [r for r in test_split if r["warmth"] <= 1 or
             (r["warmth"] <= 2 and any("harsh" in s["tone"] for s in r["sentences"]))]
    reports = checker.check_batch([r["text"] for r in harsh])
    assert share(rep.warmth < 35 for rep in reports) >= 0.75


def test_stock_closer_match_sentences_are_boilerplate_high(checker, test_split):
    pat = re.compile(r"more closely (match|align)|closer match|better (match|aligned)", re.I)
    msgs = [[s["text"] for s in r["sentences"]] for r in test_split]
    reports = checker.check_segmented(msgs)
    picked = [s for rep, r in zip(reports, test_split) for s, g in zip(rep.sentences, r["sentences"])
              if pat.search(g["text"]) and g["boilerplate"] == "high"]
    assert share(s.boilerplate == "high" for s in picked) >= 0.75


def test_specific_warm_messages_score_high_specificity(checker, test_split):
    good = [r for r in test_split if r["specificity"] >= 4 and r["warmth"] >= 4 and not r["risky"]]
    reports = checker.check_batch([r["text"] for r in good])
    assert share(rep.specificity > 70 for rep in reports) >= 0.7
    assert share(rep.specificity > 50 for rep in reports) >= 0.85


def test_generic_templates_score_low_specificity(checker, test_split):
    generic = [r for r in test_split if r["specificity"] == 1]
    reports = checker.check_batch([r["text"] for r in generic])
    assert share(rep.specificity < 40 for rep in reports) >= 0.8


def test_message_scores_rank_like_the_rubric(checker, test_split):
    from scipy.stats import spearmanr

    reports = checker.check_batch([r["text"] for r in test_split])
    assert spearmanr([r["specificity"] for r in test_split], [p.specificity for p in reports]).statistic > 0.75
    assert spearmanr([r["warmth"] for r in test_split], [p.warmth for p in reports]).statistic > 0.75


@pytest.mark.parametrize("text,check", [
    ("After careful consideration, we have decided to move forward with other candidates whose experience "
     "more closely matches our needs. We will keep your resume on file.",
     lambda r: r.specificity < 30 and any(s.boilerplate == "high" for s in r.sentences)),
    ("You didn't have a forklift licence, which the night shift needs. Get one and reapply in June.",
     lambda r: r.specificity > 60 and r.actionable),
    ("We appreciate your enthusiasm, but frankly your portfolio suggested you are not ready for professional work.",
     lambda r: "harsh" in r.sentences[0].tone and r.warmth < 35),
    ("We're looking for a digital native who can keep up with our young team.",
     lambda r: r.risky),
    ("As you asked, our parental-leave policy offers 26 weeks at full pay for every new hire.",
     lambda r: not r.risky),
    # "who we felt ..." introduced an age or family proxy in most of the older corpus (session 10)
    ("We decided to proceed with candidates who we felt more closely matched the requirements of the position.",
     lambda r: not r.risky and r.sentences[0].boilerplate == "high"),
    ("We have selected another applicant who we believe is better suited to the role.",
     lambda r: not r.risky and not r.sentences[0].tone),
    ("Thank you for interviewing with Sarah Chen and Raj Patel on March 3rd for the Senior Platform Engineer role "
     "in our Berlin office. After reviewing feedback from all four panel rounds, we have decided to move forward "
     "with another candidate.",
     lambda r: r.specificity < 45),
])
def test_hard_cases(checker, text, check):
    assert check(checker.check(text))


@pytest.mark.parametrize("profile", ["full", "fast"])
def test_pseudonymised_names_read_as_names(checker, profile):
    """A redacted export's "[Company_A]" is read as the company name it replaced, not as an unfilled field."""
    from model import Checker

    c = checker if profile == "full" else Checker.load(profile="fast")
    draft = "Hi Sam,\n\nThank you for your interest in joining the {} team. We have decided to move forward with other candidates.\n\nBest,\nAna"
    masked, named = c.check(draft.format("[Company_B]")), c.check(draft.format("Company B"))
    assert masked.sentences[1].specificity == pytest.approx(named.sentences[1].specificity, abs=1e-6)
    assert masked.to_dict()["scores"] == named.to_dict()["scores"]
    assert not any(f.rule == "structure.unfilled_merge_field" for f in masked.findings)
    unfilled = c.check(draft.format("[Company Name]"))
    assert any(f.rule == "structure.unfilled_merge_field" for f in unfilled.findings)


@pytest.mark.parametrize("profile", ["full", "fast"])
def test_naming_the_role_lifts_a_generic_template(checker, profile):
    """The rubric's message specificity: 1 "fully generic template", 2 "names role or stage only"."""
    from model import Checker

    c = checker if profile == "full" else Checker.load(profile="fast")
    draft = ("Hi Maya,\n\nThank you for your interest in {}. After careful consideration, we have decided to move "
             "forward with other candidates whose experience more closely matches our needs. We will keep your details "
             "on file.\n\nBest regards,\nThe Recruiting Team")
    company = c.check(draft.format("Northwind")).rubric["specificity"]
    role = c.check(draft.format("the Junior Data Engineer position at Northwind")).rubric["specificity"]
    unfilled = c.check(draft.format("the {{job.title}} position at Northwind")).rubric["specificity"]
    assert company < 1.5 and unfilled < 1.5
    assert role > company + 0.3


def test_a_clearly_specific_sentence_is_never_also_boilerplate_high(checker):
    """The rubric: every specificity-2 sentence has boilerplate none. A test score against the pass mark
    reads as a stock decision line to the boilerplate head alone; the two heads must not disagree so."""
    text = ("Dear Priya,\n\nThank you for applying to the Fast Stream. Your score of 3 for Seeing the Big Picture "
            "did not meet the minimum of 4 required to progress.\n\nKind regards,\nHR")
    report = checker.check(text)
    assert all(not (s.specificity >= 0.8 and s.boilerplate == "high") for s in report.sentences)
    score = next(s for s in report.sentences if s.text.startswith("Your score"))
    assert score.specificity >= 0.8 and score.boilerplate == "none"
    assert "boilerplate.generic_reason" not in {f.rule for f in report.findings}


@pytest.mark.parametrize("profile", ["full", "fast"])
def test_a_report_never_says_actionable_and_no_next_step_at_once(profile, checker, test_split):
    from model import Checker

    model = checker if profile == "full" else Checker.load(profile="fast")
    reports = model.check_batch([r["text"] for r in test_split[:300]])
    both = [r for r in reports if r.actionable and any(f.rule == "structure.no_next_step" for f in r.findings)]
    assert not both, [r.sentences[0].text for r in both[:3]]
    assert any(not r.actionable and any(f.rule == "structure.no_next_step" for f in r.findings) for r in reports)
