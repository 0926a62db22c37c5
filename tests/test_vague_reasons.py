"""Vague reasons in a decision ("as you lacked experience", "your profile doesn't match") are generic reasons;
real, specific ones ("you lacked experience with Kafka in production", "the role needs a CSCS card") are not.
The drafts are invented for these tests: UK, US and Indian English, agency, retail, academic and trades."""
import pytest

from model.rules import GENERIC_REASON_RULES

CONTEXT = {"candidate_name": "Sam", "role": "Data Analyst", "gaps": ["Experience running A/B tests end to end."]}
# a generic reason is reported on its sentence: by structure.generic_reason, or by a stock-reason phrase rule
GENERIC = GENERIC_REASON_RULES | {"structure.generic_reason"}

VAGUE = [
    "Hi Sam, unfortunately you were not successful this time as you lacked experience. Best, Ana",
    "Hi Sam,\n\nThanks for applying. Unfortunately you were not successful this time as you lacked the relevant experience.\n\nBest,\nAna",
    "Dear Ms Okafor,\n\nThank you for applying for the Senior Lecturer post. We regret that you have not been shortlisted, as you lacked the necessary experience.\n\nYours sincerely,\nFaculty HR",
    "Hi Jordan,\n\nThanks for your interest in the store manager job. We won't be taking things further because you didn't have enough experience.\n\nCheers,\nKelly",
    "Dear Rahul,\n\nThank you for attending the interview. We regret to inform you that you have not been selected as your skills were not a match.\n\nRegards,\nPriyanka\nTalent Acquisition",
    "Hi Dave,\n\nThanks for coming in for the trial day on site. We won't be offering you the plastering job as your skills weren't a match for what we need.\n\nCheers,\nMick",
    "Dear Applicant,\n\nThank you for applying for the Staff Nurse vacancy. Your application has been unsuccessful as you did not meet the requirements.\n\nKind regards,\nRecruitment Team",
    "Hi Mei,\n\nThanks for applying to the graduate scheme. We are not progressing your application because you did not meet the criteria.\n\nBest wishes,\nTom",
    "Hi Chloe,\n\nThank you for the two interviews. We have decided not to offer you the role as other applicants were stronger.\n\nWarm regards,\nNina",
    "Dear Mr Fernandes,\n\nThank you for your application for the Finance Business Partner role. We will not be progressing it, as other candidates were better qualified.\n\nYours sincerely,\nJames",
    "Hi Arjun,\n\nThanks for your time on the call today. Client has decided not to go ahead with your profile as you are not the right fit.\n\nRegards,\nSneha\nTalentBridge Consulting",
    "Hi Leah,\n\nThanks for applying to the barista role. We're not moving forward as your profile doesn't match.\n\nBest,\nRosie",
    "Hello Vikram,\n\nThank you for your interest in the Site Engineer opening. We are unable to proceed with your candidature since your profile does not match what we are looking for.\n\nRegards,\nHR Department",
    "Hi Ben,\n\nThanks for the interview last week. Sadly we're not taking you forward as you lacked experience for the role.\n\nAll the best,\nGemma",
    "Hi Sara,\n\nThank you for interviewing for the warehouse team leader post. We've decided not to offer you the job since you didn't have the relevant skills.\n\nThanks,\nPaul",
    "Hi Aoife,\n\nThanks for the video interview. Sadly we won't take you through to the final round, as other "
    "applicants more closely matched what we're looking for.\n\nCheers,\nDeclan",
    "Dear Dr Mensah,\n\nThank you for applying for the postdoctoral fellowship. The panel did not shortlist you because you lacked sufficient experience.\n\nWith best wishes,\nProfessor Hart",
]

SPECIFIC = [
    "Hi Sam,\n\nThanks for interviewing. We won't be offering you the role as you lacked experience with Kafka in production.\n\nBest,\nAna",
    "Hi Sam,\n\nThanks for interviewing. We won't be offering you the role as you hadn't yet led a team.\n\nBest,\nAna",
    "Hi Sam,\n\nThanks for applying. We can't take your application further as the role needs a CSCS card.\n\nBest,\nAna",
    "Hi Sam,\n\nThanks for applying. We are not progressing your application because your portfolio had no mobile work.\n\nBest,\nAna",
    "Dear Ms Okafor,\n\nThank you for applying for the Senior Lecturer post. We regret that you have not been shortlisted, as you lacked experience of supervising doctoral students to completion.\n\nYours sincerely,\nFaculty HR",
    "Hi Jordan,\n\nThanks for your interest in the store manager job. We won't be taking things further because you didn't have enough experience running a store with over 40 staff.\n\nCheers,\nKelly",
    "Dear Rahul,\n\nThank you for attending the interview. You have not been selected as your SAP FICO skills were not a match for the S/4HANA migration the client is running.\n\nRegards,\nPriyanka\nTalent Acquisition",
    "Hi Dave,\n\nThanks for coming in for the trial day on site. We won't be offering you the plastering job as you haven't done external rendering, which is most of the work this summer.\n\nCheers,\nMick",
    "Dear Applicant,\n\nThank you for applying for the Staff Nurse vacancy. Your application has been unsuccessful as your NMC registration is not yet confirmed.\n\nKind regards,\nRecruitment Team",
    "Hi Chloe,\n\nThank you for the two interviews. We have decided not to offer you the role as the other finalist had already run paid social budgets over a million pounds.\n\nWarm regards,\nNina",
    "Hi Arjun,\n\nThanks for your time on the call today. Client has decided not to go ahead as they need someone who has handled GST filings for a manufacturing unit, and your experience is in retail.\n\nRegards,\nSneha\nTalentBridge Consulting",
    "Hi Leah,\n\nThanks for the trial shift. We're not moving forward as you weren't yet confident on the espresso machine during the Saturday rush.\n\nBest,\nRosie",
    "Hi Ben,\n\nThanks for the interview last week. Sadly we're not taking you forward as you lacked hands-on experience with Revit on a live project.\n\nAll the best,\nGemma",
    "Hi Sara,\n\nThank you for interviewing for the warehouse team leader post. We've decided not to offer you the job since you don't hold a counterbalance forklift licence yet.\n\nThanks,\nPaul",
    "Dear Dr Mensah,\n\nThank you for applying for the postdoctoral fellowship. The panel did not shortlist you because you have no first-author publications in single-cell genomics yet.\n\nWith best wishes,\nProfessor Hart",
    "Hi Mei,\n\nThanks for applying to the graduate scheme. We are not progressing your application because your numerical reasoning score was 48%, below the 60% pass mark.\n\nBest wishes,\nTom",
]


def _reason_findings(report):
    return [f.rule for f in report.findings if f.rule in GENERIC or f.rule == "structure.no_reason"]


@pytest.mark.parametrize("context", [None, CONTEXT], ids=["no_context", "context"])
@pytest.mark.parametrize("draft", VAGUE)
def test_a_vague_reason_is_a_generic_reason(checker, draft, context):
    found = _reason_findings(checker.check(draft, context))
    assert any(r in GENERIC for r in found), found
    assert "structure.no_reason" not in found, "a reason was given, however vague: not 'never says why'"


@pytest.mark.parametrize("context", [None, CONTEXT], ids=["no_context", "context"])
@pytest.mark.parametrize("draft", SPECIFIC)
def test_a_specific_reason_is_no_generic_reason(checker, draft, context):
    assert _reason_findings(checker.check(draft, context)) == []



def test_the_generic_reason_suggestion_builds_the_reason_from_the_gap_or_leaves_a_slot(checker):
    draft = VAGUE[0]  # "... you were not successful this time as you lacked experience."
    f = next(f for f in checker.check(draft, CONTEXT).findings if f.rule in GENERIC)
    assert f.suggestions and any("experience running A/B tests end to end" in s for s in f.suggestions), f.suggestions
    assert not any("[" in s for s in f.suggestions[:1]), f.suggestions
    f = next(f for f in checker.check(draft).findings if f.rule in GENERIC)
    assert f.suggestions and "[" in f.suggestions[0], f.suggestions


@pytest.mark.parametrize("sentence, vague", [
    ("Sadly we won't take you through, as other applicants more closely matched what we're looking for.", True),
    ("The panel felt that other candidates more fully met the criteria.", True),
    ("I am sorry to tell you that you have not been shortlisted, as other candidates more fully met the essential "
     "criteria set out in the person specification.", True),
    ("We're not moving forward as your profile doesn't match what we're looking for.", True),
    ("Other applicants more closely matched our need for weekend cover at the Didsbury branch.", False),
    ("The other finalist more closely matched what we're looking for in CAD: she has run Revit on three live sites.",
     False),
])
def test_the_vague_cue_reads_the_others_matching_what_we_look_for(checker, sentence, vague):
    """(the sentence model may score such a sentence above the generic bar: the cue decides, whatever it says)"""
    from types import SimpleNamespace

    found = checker.rules.vague_reasons(sentence.lower(), [sentence], [SimpleNamespace(start=0)])
    assert bool(found) is vague
