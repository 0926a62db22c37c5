"""Interviewer notes -> candidate-safe feedback, against the hand-written notes in data/notes/notes.jsonl.

Each record gives the notes, the remarks that must be kept (with the skill words the feedback must
mention), the remarks that must be dropped (and why), and the feedback a recruiter would want."""
import dataclasses
import json
import re
from pathlib import Path

import pytest

from conftest import finishes_within
from model import InputError
from model.feedback import (DROP_CATEGORIES, FeedbackDraft, draft_feedback, normalise, notes_to_context,
                            split_notes)
from model.rules import RULES_DIR

NOTES_PATH = RULES_DIR.parent / "notes" / "notes.jsonl"
RECORDS = [json.loads(line) for line in NOTES_PATH.read_text(encoding="utf-8").splitlines() if line.strip()]
EXAMPLE = "weak on SQL joins; great rapport w/ team; seemed old for us; maybe data analyst role in Q2?"


def _tokens(s: str) -> set[str]:
    return set(re.findall(r"[a-z0-9+#]+", s.lower()))


def _inside(small: str, big: str) -> bool:
    a = _tokens(small)
    return bool(a) and len(a & _tokens(big)) / len(a) >= 0.8


# ---- the data ------------------------------------------------------------------------------------

def test_the_notes_data_is_large_varied_and_consistent():
    assert len(RECORDS) >= 150
    assert len({r["industry"] for r in RECORDS}) >= 25
    assert len({r["id"] for r in RECORDS}) == len(RECORDS)
    for r in RECORDS:
        assert r["feedback"], r["id"]
        for k in r["keep"]:
            assert k["note"] in r["notes"] and k["kind"] in ("strength", "gap") and k["keywords"], r["id"]
        for d in r["drop"]:
            assert d["note"] in r["notes"] and d["category"] in DROP_CATEGORIES and d["why"], r["id"]
        if r["next_step"]:
            assert r["next_step"] in r["notes"]
    drops = [d["category"] for r in RECORDS for d in r["drop"]]
    assert drops.count("risky") >= 100 and drops.count("private") >= 20 and drops.count("not_about_work") >= 15


# ---- the worked example --------------------------------------------------------------------------

def test_the_worked_example(checker):
    result = checker.draft_feedback(EXAMPLE, {"candidate_name": "Sam", "role": "Data Analyst",
                                              "stage": "the final interview", "recruiter_name": "Dana"})
    assert isinstance(result, FeedbackDraft)
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.draft = ""  # type: ignore[misc]
    d = result.to_dict()
    assert set(d) == {"feedback", "relationship", "dropped", "draft", "warnings"}
    assert all(set(f) >= {"text", "source_note", "kind"} for f in d["feedback"])
    assert all(set(x) == {"note", "reason", "category"} for x in d["dropped"])
    text = " ".join(f["text"] for f in d["feedback"])
    assert "SQL joins" in text and "rapport" in text
    assert d["dropped"] == [{"note": "seemed old for us", "category": "risky",
                             "reason": d["dropped"][0]["reason"]}]
    assert "age" in d["dropped"][0]["reason"]
    assert "data analyst role" in d["relationship"] and "Q2" in d["relationship"]
    assert d["draft"].startswith("Hi Sam,") and "Dana" in d["draft"] and "Data Analyst" in d["draft"]
    assert "old" not in re.findall(r"[a-z]+", d["draft"].lower())
    report = checker.check(d["draft"])
    assert not [f for f in report.findings if f.category == "risk"]
    assert json.loads(json.dumps(d)) == d


def test_split_and_normalise():
    parts = split_notes("Pros: strong python, sql and airflow\nCons: no k8s exp - rusty git\n+ calm w/ client")
    assert [(p, h) for p, h, _, _ in parts] == [
        ("strong python, sql and airflow", "strength"), ("no k8s exp", "gap"), ("rusty git", "gap"),
        ("calm w/ client", "strength")]
    assert normalise("she was great w/ team & her comms clear") == "you were great with team and your communication clear"
    assert normalise("he explains tradeoffs well") == "you explain tradeoffs well"
    assert normalise("his sql was weak b/c no exp") == "your SQL was weak because no experience"


def test_notes_split_into_sentences_with_the_checkers_segmenter():
    parts = [p for p, _, _, _ in split_notes("Great SQL. Weak on stakeholder comms. Met Dr. Rao. Good on e.g. dbt.")]
    assert parts == ["Great SQL.", "Weak on stakeholder comms.", "Met Dr. Rao.", "Good on e.g. dbt."]
    # a stop before a small letter ends a remark too, unless it ends an abbreviation
    assert [p for p, _, _, _ in split_notes("met dr. rao. weak sql")] == ["met dr. rao.", "weak sql"]
    assert [p for p, _, _, _ in split_notes("Met at 10 a.m. went well")] == ["Met at 10 a.m. went well"]


def test_terse_notes_become_sentences_a_candidate_can_read():
    result = draft_feedback(None, "Great SQL. Case math slow; needed prompting on the market-size estimate. "
                                  "Not senior enough. Behaviour management wobbly when the group got loud.")
    texts = [f.text for f in result.feedback]
    assert [t for t in texts if t.startswith("Your SQL was great")], texts  # not "The panel noted Great SQL."
    assert not [t for t in texts if "noted" in t or "your you" in t], texts
    assert [t for t in texts if t.startswith("You needed prompting on the market-size estimate")]
    assert [t for t in texts if "not yet senior enough" in t]
    texts = [f.text for f in draft_feedback(None, "Behaviour management wobbly when the group got loud.").feedback]
    assert [t for t in texts if "behaviour management was less steady" in t.lower() and "group got loud" in t], texts


def test_a_notes_capitals_are_kept_unless_on_a_function_word():
    # "Outlook" may be the product: lower-casing it would turn a skill into an attitude
    assert draft_feedback(None, "Outlook weak.").feedback[0].text.startswith("Your Outlook was")
    assert draft_feedback(None, "Go skills weak").feedback[0].text.startswith("Your Go skills were")


def test_trait_and_health_remarks_are_never_phrased_as_feedback():
    for note in ("Not young enough for the team.", "Not British enough for front of house.",
                 "Handover wobbly when she had to stand for long.", "Needed breaks during the case, seems unwell.",
                 "Took a lot of time off last year."):
        result = draft_feedback(None, note)
        assert not result.feedback and [d.category for d in result.dropped] == ["risky"], (note, result.feedback)
    assert draft_feedback(None, "Could not see the point of the exercise.").feedback  # not a health remark


def test_notes_for_suggestions_keep_only_gaps_a_pattern_could_phrase():
    ctx = notes_to_context("Too junior. needed prompting on the sizing. blah blah thing happened")
    assert ctx["gaps"] == ["you were more junior than this role needs",
                           "you needed prompting on the sizing, and that matters in this role"]


def test_verdicts_on_the_whole_candidate_and_hiring_intentions_are_not_feedback():
    result = draft_feedback(None, "Solid SQL, strong candidate overall. Would hire for junior role later.")
    assert [f.text for f in result.feedback if f.kind != "advice"] == ["Your SQL was solid."]
    assert [d.category for d in result.dropped] == ["unclear"]
    assert result.relationship and "junior role" in result.relationship  # a tentative line, not a gap


@pytest.mark.parametrize("notes, kept", [
    ("Great {API} design; weak on SQL", "{API} design"),
    ("strong {{skill}}; weak on tests", "{{skill}}"),
    ("weak on }{ tests; strong {0} skills", "}{ tests"),
])
def test_braces_in_notes_are_text(checker, notes, kept):
    """Notes are the interviewer's words, never a format template (they crashed drafting, and the check)."""
    result = draft_feedback(checker, notes)
    assert kept in result.draft
    report = checker.check("Hi Sam, we decided not to proceed. Best, Ana", context={"interviewer_notes": notes})
    assert report.findings


@pytest.mark.parametrize("notes, gap", [
    ("Could be stronger on SQL; good Python", "SQL"),
    ("would be more convincing with more testing; strong API design", None),
])
def test_be_is_a_verb_and_a_strength_wished_for_is_a_gap(notes, gap):
    result = draft_feedback(None, notes)
    assert "back-end" not in result.draft
    strengths = [f.text for f in result.feedback if f.kind == "strength"]
    assert not any("stronger" in t or "convincing" in t for t in strengths)
    if gap:
        assert any(gap in f.text for f in result.feedback if f.kind == "gap")
    assert "back-end" in draft_feedback(None, "Good at BE work; weak on SQL").draft  # in capitals it is back-end


@pytest.mark.parametrize("notes, risky", [
    ("great energy, young and hungry; lacks AWS experience", "young and hungry"),
    ("solid SQL; graduated in 1985 so maybe not current on tools; weak on dbt", "1985"),
    ("Would be a great fit for a younger team? weak on React", "younger team"),
])
def test_age_coded_remarks_never_reach_the_candidate(checker, notes, risky):
    result = draft_feedback(checker, notes)
    assert risky not in result.draft
    assert any(d.category == "risky" and risky in d.note for d in result.dropped)
    assert not checker.check(result.draft).risky


@pytest.mark.parametrize("notes, follower", [
    ("Graduated in 1988. May not be current with modern tooling. Strong SQL.", "current"),
    ("Been in the industry 30+ years; might struggle to adapt to our pace. Good stakeholder skills.", "adapt"),
])
def test_a_vague_conclusion_after_a_risky_remark_goes_with_it(notes, follower):
    result = draft_feedback(None, notes)
    assert follower not in result.draft
    assert [d.category for d in result.dropped] == ["risky", "risky"]
    assert "follows a risky remark" in result.dropped[1].reason
    # a concrete gap after a risky remark is judged on its own, and so is a next step
    assert "SQL joins" in draft_feedback(None, "Mum of three; weak on SQL joins.").draft
    assert draft_feedback(None, "tattoos everywhere; maybe junior designer role in spring?").relationship


def test_hedges_and_subjectless_notes_read_as_sentences():
    for notes in ("I think the SQL was weak.", "The panel felt the SQL was weak.", "The SQL was weak."):
        draft = draft_feedback(None, notes).draft
        assert "your SQL was" in draft and "think" not in draft and "felt" not in draft, draft
        assert "practice with SQL" in draft  # advice on the skill, not on "your SQL"
    assert "noted that you might struggle with large client groups" in draft_feedback(
        None, "Might struggle with large client groups. Great SQL.").draft
    assert "noted a more junior profile" in draft_feedback(None, "Strong SQL. A more junior profile would fit our team "
                                                                 "better.").draft


def test_a_bare_verdict_on_fit_is_not_feedback():
    result = draft_feedback(None, "Not a good fit; weak communication")
    assert "fit" not in result.draft.lower()
    assert [d.category for d in result.dropped] == ["unclear"]


def test_without_a_checker_the_lexicon_and_rules_still_work():
    result = draft_feedback(None, EXAMPLE)
    assert [x.category for x in result.dropped] == ["risky"]
    assert any("SQL joins" in f.text for f in result.feedback)
    assert "[candidate's first name]" in result.draft and "[role]" in result.draft


def test_empty_notes_are_an_input_error(checker):
    with pytest.raises(InputError):
        checker.draft_feedback("   ")


def test_notes_to_context_keeps_only_safe_remarks():
    ctx = notes_to_context(EXAMPLE + "; she has 3 kids; salary 140k")
    flat = json.dumps(ctx).lower()
    assert "sql joins" in flat and "rapport" in flat
    assert not re.search(r"\b(old|kids|salary|140k)\b", flat)


def test_a_risky_next_step_note_is_reported_and_only_its_team_used(checker):
    res = checker.draft_feedback("strong SQL; weak on stats; consider for the graduate team, they are all young so "
                                 "she would fit", {"role": "Analyst"})
    assert res.relationship is None or "young" not in res.relationship.lower()
    assert "young" not in res.draft.lower()
    assert [w for w in res.warnings if "they are all young" in w and "risky" in w]
    # a plain next step naming a team still becomes a relationship line
    res = checker.draft_feedback("strong SQL; weak on stats; consider for fostering team", {"role": "Social Worker"})
    assert res.relationship and "fostering team" in res.relationship


def test_relationship_lines_never_promise_a_job(checker):
    for notes in ("def hire her for the next opening", "maybe data analyst role in Q2?", "refer to platform team",
                  "re-apply in 6 months", "keep in touch"):
        result = checker.draft_feedback("strong SQL; " + notes)
        if result.relationship:
            hits = checker.rules.phrase_hits(result.relationship)
            assert not [h for h in hits if h[0].id == "risk.job_promise"], result.relationship


# ---- every hand-written note ---------------------------------------------------------------------

@pytest.fixture(scope="module")
def results(checker):
    out = {}
    for r in RECORDS:
        res = checker.draft_feedback(r["notes"], {"role": r["role"]})
        out[r["id"]] = (res, checker.check(res.draft))
    return out


@pytest.mark.parametrize("record", RECORDS, ids=lambda r: r["id"])
def test_notes_record(record, results):
    res, report = results[record["id"]]
    for d in record["drop"]:
        parts = [x for x in res.remarks if _inside(x.note, d["note"])]
        assert parts and all(x.kind == "dropped" for x in parts), f"must drop: {d['note']!r}"
        assert not [f for f in res.feedback if _inside(f.source_note, d["note"])], f"used: {d['note']!r}"
        assert [x for x in res.dropped if _inside(x.note, d["note"]) and x.reason], d["note"]
        if d["category"] == "risky":
            assert all(x.category == "risky" for x in parts), (d["note"], [x.reason for x in parts])
    for k in record["keep"]:
        items = [f for f in res.feedback if (_inside(f.source_note, k["note"]) or _inside(k["note"], f.source_note))
                 and f.kind in (k["kind"], "advice" if k["kind"] == "gap" else k["kind"])]
        assert items, f"no feedback from {k['note']!r}"
        text = " ".join(f.text for f in items).lower()
        for word in k["keywords"]:
            assert word.lower() in text, (k["note"], word, [f.text for f in items])
    if record["next_step"]:
        assert res.relationship, record["next_step"]
    assert not [f for f in report.findings if f.category == "risk"], res.draft


def test_notes_overall_quality(results):
    """Category agreement on dropped remarks, and few drafts the checker would call harsh."""
    agree = total = 0
    for r in RECORDS:
        res, _ = results[r["id"]]
        for d in r["drop"]:
            parts = [x for x in res.remarks if _inside(x.note, d["note"])]
            total += 1
            agree += parts[0].category == d["category"]
    harsh = sum(any(f.rule.startswith("tone.harsh") for f in rep.findings) for _, rep in results.values())
    assert agree / total >= 0.8
    assert harsh / len(results) <= 0.15


def test_notes_get_the_input_checks_but_not_a_drafts_cuts():
    from model.feedback import draft_feedback

    notes = "Strong SQL, clean joins.\nWeak on system design: no caching story.\n> 5 yrs Python but no production Kafka"
    assert any("Kafka" in r.note for r in draft_feedback(None, notes).remarks)  # not cut as a quoted reply
    html = draft_feedback(None, "<p>weak on SQL joins</p><p>great rapport with the team</p>")
    assert all("<" not in r.note for r in html.remarks) and any("HTML" in w for w in html.warnings)
    for bad in ("\x00\x01\x02", "!!!", "weak on SQL \ud800"):
        with pytest.raises(InputError):
            draft_feedback(None, bad)


def test_invisible_characters_in_notes_never_reach_the_draft():
    result = draft_feedback(None, "strong S\u200bQL\u202e; weak on Ka\u00adfka")
    assert not re.search("[\u202a-\u202e\u2066-\u2069\u200b-\u200d\u2060\ufeff\u00ad]", result.draft)
    assert "SQL" in result.draft and "Kafka" in result.draft
    assert any("Invisible" in w for w in result.warnings)


@pytest.mark.parametrize("notes, not_in, topic", [
    ("lacks AWS experience; great SQL", "with AWS experience", "AWS"),
    ("Gaps in accessibility knowledge; strong visual design", "noted Gaps", "ccessibility"),
    ("froze at the whiteboard; great SQL", "practice with froze", None),
])
def test_gap_wording_names_the_skill_once_and_advises_only_on_skills(notes, not_in, topic):
    draft = draft_feedback(None, notes).draft
    assert not_in not in draft
    if topic:
        assert topic in draft


def test_praise_said_with_would_stays_praise_and_employment_gaps_stay_private():
    result = draft_feedback(None, "would be good at client work; weak on SQL")
    assert [f.kind for f in result.feedback if "client work" in f.text] == ["strength"]
    result = draft_feedback(None, "gap in employment 2019-2021; strong SQL")
    assert "employment" not in result.draft and [d.category for d in result.dropped] == ["private"]
    assert "people skills" in draft_feedback(None, "lacks people skills; great SQL").draft
    assert [d.category for d in draft_feedback(None, "graduated in 3 years instead of 4; good SQL").dropped] != ["risky"]


@pytest.mark.parametrize("notes, dropped", [
    ("hasn't worked in 3 years; strong SQL", "private"),
    ("employment gap 2019-21; good Python", "private"),
    ("less experienced than the hired candidate; good SQL", "private"),
    ("not as strong as others in SQL; great rapport", "private"),
])
def test_employment_gaps_and_comparisons_with_others_stay_private(notes, dropped):
    result = draft_feedback(None, notes)
    assert [d.category for d in result.dropped] == [dropped]
    assert not re.search(r"worked in|employment|hired|others", result.draft)


def test_wishes_for_more_are_gaps_and_a_hire_later_is_a_next_step():
    result = draft_feedback(None, "would have liked more depth on testing; great SQL")
    assert any(f.kind == "gap" and "depth on testing" in f.text for f in result.feedback)
    assert not any(f.kind == "strength" and "testing" in f.text for f in result.feedback)
    result = draft_feedback(None, "Would be a great hire for a junior role; weak on SQL")
    assert result.relationship and result.relationship.startswith("A junior role")
    assert not any("hire" in f.text for f in result.feedback)
    result = draft_feedback(None, "should have been more confident; great SQL")
    assert any(f.kind == "gap" and "confident" in f.text for f in result.feedback)
    assert "have been" not in result.draft


def test_emoji_and_person_merge_fields_in_notes_never_reach_the_draft():
    result = draft_feedback(None, "👍 great SQL 🚀; weak on Kafka 😬")
    assert not re.search("[\U0001F000-\U0001FAFF]", result.draft) and "Kafka" in result.draft
    for notes in ("{{first_name}} lacks tests; great SQL", "[Candidate Name] was weak on React; strong CSS"):
        result = draft_feedback(None, notes)
        assert "{{" not in result.draft and "Name]" not in result.draft
        assert any("Merge fields" in w for w in result.warnings)


def test_skills_compared_are_feedback_and_one_risky_remark_drops_only_its_follower(checker):
    for notes in ("Communication was much better than expected.", "Python was stronger than Java.",
                  "Design was stronger than coding."):
        assert not draft_feedback(None, notes).dropped, notes
    result = draft_feedback(None, "Dev was better at whiteboarding. Great SQL.")
    assert [d.category for d in result.dropped] == ["private"]
    result = draft_feedback(None, "Graduated in 1988. May not be current. Needs to commit more time to system design prep.")
    assert [d.category for d in result.dropped] == ["risky", "risky"] and "system design" in result.draft
    # the context reaches the draft word for word: screened as in check()
    result = draft_feedback(checker, "Great SQL.", {"gaps": ["too old for a fast-paced team"]})
    assert "old" not in result.draft and any("context.gaps[0] was not used" in w for w in result.warnings)


def test_a_named_comparison_and_pay_stay_private():
    result = draft_feedback(None, "Maria was much stronger on system design. Great SQL.")
    assert "Maria" not in result.draft and [d.category for d in result.dropped] == ["private"]
    result = draft_feedback(None, "Sam was stronger on SQL than on Python.", {"candidate_name": "Sam"})
    assert not result.dropped  # the candidate's own name, compared with themselves
    result = draft_feedback(None, "Too expensive for us, asked 150k. Great SQL.")
    assert "150k" not in result.draft and "US" not in result.draft
    assert {d.category for d in result.dropped} == {"private"}


@pytest.mark.parametrize("notes", ["Whiteboarding much stronger on day two.", "Design stronger on the second attempt.",
                                   "Today's answers were much better.", "Frontend stronger than backend.",
                                   "Handled intense time pressure well.", "Going with the other design was smart.",
                                   "Paying 10000 merchants integration was solid.", "Sorted the spectrum analysis well."])
def test_ordinary_feedback_is_not_taken_for_a_private_or_risky_remark(notes):
    assert not [d for d in draft_feedback(None, notes).dropped if d.category in ("private", "risky")]


@pytest.mark.parametrize("verdict", ["lean no", "Absolutely do not hire / do not re-engage", "not appointable this time",
                                     "weakest in the pool", "below bar on system design",
                                     "you're the weakest of the three we saw today", "meh",
                                     "below our cut-off of 50th percentile", "strong yes from me"])
def test_the_panels_verdict_is_not_feedback(verdict):
    """A hiring verdict, a ranking or a score band is for the hiring team: it must not reach the draft as a
    reason ("The main reason is that the panel noted lean no"), and it is listed as dropped."""
    res = draft_feedback(None, f"{verdict}. Weak on stakeholder management. Solid SQL.")
    assert verdict.lower() not in res.draft.lower() and "panel noted" not in res.draft
    assert [d for d in res.dropped if d.category == "not_feedback" and verdict.lower() in d.note.lower()]
    assert "stakeholder management" in res.draft and "SQL" in res.draft


def test_every_remark_is_used_or_listed_as_dropped():
    """A fourth gap or a third piece of advice is not lost without a word: the draft uses three gaps and
    two pieces of advice at most, and the rest are in `dropped` with that reason."""
    notes = ("weak on SQL joins; weak on stakeholder management; couldn't explain state locking; "
             "hasn't brought in any clients; should read the SRE workbook; should practise mock incidents; "
             "should learn Terraform")
    res = draft_feedback(None, notes)
    used = {f.source_note for f in res.feedback}
    dropped = {d.note for d in res.dropped}
    for part in (p.strip() for p in notes.split(";")):
        assert any(part in n for n in used | dropped), part


def test_the_relationship_line_says_the_most_it_can():
    """A named opening with a time in the notes beats 'apply again'; with no next step in the notes, the
    context's upcoming opening (and its timeframe) makes the line instead of being ignored."""
    res = draft_feedback(None, "weak SQL joins. great rapport. could apply again later. "
                               "2 analyst roles opening in Q1, worth a look")
    assert "analyst role in Q1" in res.relationship
    assert [d for d in res.dropped if "apply again" in d.note]
    ctx = {"upcoming_openings": ["Junior Data Analyst"], "timeframe": "September"}
    res = draft_feedback(None, "weak SQL joins. great rapport.", ctx)
    assert res.relationship == ("We may open a Junior Data Analyst role in September; if you're interested, I'd be "
                                "glad to let you know when it does.")
    assert res.relationship in res.draft


def test_a_small_word_that_is_also_a_term_keeps_its_case():
    """"walked us through" is not "walked US through"; "hr" and "sql" still become HR and SQL."""
    res = draft_feedback(None, "walked us through the sql model clearly. hr policy answers were vague.")
    assert "walked us through" in res.draft and "US" not in res.draft
    assert "SQL" in res.draft and "HR policy" in res.draft


@pytest.mark.parametrize("note", ["great at the bar, fast friendly service", "weakest in stakeholder management",
                                  "strongest in SQL"])
def test_a_remark_about_the_candidates_own_areas_is_no_verdict(note):
    res = draft_feedback(None, note)
    assert not [d for d in res.dropped if d.category == "not_feedback"], res.dropped


@pytest.mark.parametrize("opening, timeframe, line", [
    ("Data Engineer", "the spring", "We may open a Data Engineer role in the spring;"),
    ("Data Engineer", "6-8 weeks", "We may open a Data Engineer role in 6-8 weeks;"),
    ("Data Engineer", ["September"], "We may open a Data Engineer role in September;"),
    ("Data Engineer position", "maybe in the new year", "We may open a Data Engineer position maybe in the new year;"),
    ("two analyst roles in Leeds", "after Easter", "We may open two analyst roles in Leeds after Easter;"),
    ("a platform team role", "soon", "We may open a platform team role soon;"),
    ("Junior Data Analyst", "within 3 months", "We may open a Junior Data Analyst role within 3 months;"),
    ("Data Engineer", "Q1 2027", "We may open a Data Engineer role in Q1 2027;"),
])
def test_the_contexts_opening_and_timeframe_read_as_written(opening, timeframe, line):
    res = draft_feedback(None, "weak SQL joins. great rapport.",
                         {"upcoming_openings": [opening], "timeframe": timeframe})
    assert res.relationship.startswith(line), res.relationship


@pytest.mark.parametrize("note, never", [
    ("Really lovely guy. Solid fundamentals in accounting.", "guy"),                 # a judgement of the person
    ("Very weak. Could not answer basic questions about REST.", "very was"),         # a bare verdict
    ("Objection handling: good. Quota: ok not great.", "Your OK"),
    ("Communicating and Influencing: clear and persuasive.", "your and"),           # no topic after the praise
    ("Excellent candidate, honestly a very close second. Deep knowledge of contract law.", "your you"),
    ("Suggest he applies for the Assistant Accountant role.", "you applies"),         # agreement after "you"
    ("Example was about a team process change, not policy. Weak options analysis.", "noted not policy"),
    ("Written exercise below bar (3/7). Reserve list not applicable. Weak options analysis.", "reserve list"),
    ("She’s got a great eye for layout. Weak on typography.", "you’s"),
    ("He's been really strong on SQL. Weak on dbt.", "you're been"),
    ("The candidate’s portfolio was thin on mobile work.", "you’s portfolio"),
    ("She sometimes overpromises on timelines. Strong SQL.", "overpromises"),
])
def test_shorthand_never_becomes_a_garbled_sentence(note, never):
    res = draft_feedback(None, note)
    text = " ".join(f.text for f in res.feedback) + " " + res.draft
    assert never.lower() not in text.lower(), text


def test_a_long_run_of_spaces_in_notes_is_one_space():
    """Several patterns that split and read notes backtracked on long runs of spaces ("good" + 7,900 spaces
    took minutes, holding the API's checker thread): the notes are read with each run as one space."""
    res = draft_feedback(None, "great SQL" + " " * 7900 + "weak on dbt")
    assert res.remarks and all("  " not in r.note for r in res.remarks)


@pytest.mark.parametrize("notes, says, never", [
    ("Communication - good", "Your communication was good", "unclear"),
    ("System design - weak, didnt consider caching",
     "Your system design was not yet as strong as this role needs: you didn't consider caching", "(didn't"),
    ("Stakeholder mgmt: weak - talked over the PM twice", "you talked over the product manager twice",
     "product management twice"),
    ("Leadership: strong - ran the incident review without prompting",
     "Your leadership was strong: you ran the incident review without prompting", "panel noted"),
    ("Testing – limited (no unit tests in the take-home)", "there were no unit tests in the take-home", "(no unit"),
    ("SQL: strong. Python: ok.", "your SQL", "your sql"),
])
def test_a_scorecard_line_reads_as_a_sentence_with_its_evidence(notes, says, never):
    result = draft_feedback(None, notes)
    text = " ".join(f.text for f in result.feedback)
    assert says.lower() in text.lower() and never not in text, text
    # the interviewer's line is the source, as written
    assert all(f.source_note in notes for f in result.feedback)


@pytest.mark.parametrize("notes", ["Overall: strong", "Fit: good", "Culture add - yes", "Recommendation: strong"])
def test_a_verdict_on_the_whole_candidate_is_not_a_scorecard_skill(notes):
    assert not draft_feedback(None, notes).feedback


def test_advice_practises_what_the_candidate_did_not_do():
    advice = [f.text for f in draft_feedback(None, "Didnt uncover the budget in discovery.").feedback if f.kind == "advice"]
    assert advice and "uncovering the budget in discovery" in advice[0] and "on uncover" not in advice[0]
    # a state is no skill to practise
    assert not [f for f in draft_feedback(None, "Didn't have a portfolio ready.").feedback
                if f.kind == "advice" and "having" in f.text]


def test_shorthand_after_a_determiner_and_abbreviations_with_a_stop():
    assert normalise("talked over the PM twice, call at 3 pm") == "talked over the product manager twice, call at 3 pm"
    assert normalise("PM skills weak") == "product management skills weak"
    [remark] = [f for f in draft_feedback(None, "portfolio strong (esp. the banking app redesign)").feedback]
    assert "especially the banking app redesign" in remark.text and "especially." not in remark.text


def test_a_context_warning_quotes_what_the_recruiter_wrote():
    from model.feedback import screen_context

    _, [warning] = screen_context({"gaps": ["he is 58 and close to retirement"]})
    assert "he is 58" in warning and "you are" not in warning


def test_contact_details_and_direction_marks_never_reach_the_draft_and_opposites_split():
    result = draft_feedback(None, "\u202egood at SQL\u200b; \u200f weak on Kafka\n"
                                  "Priya Shah (priya@x.com, +44 20 7946 0958) was weak on SQL; solved 1 of 3 in 45 mins")
    text = result.draft + " ".join(f.text for f in result.feedback)
    assert "\u200f" not in text and "@" not in text and "7946" not in text
    assert any("Contact details" in w for w in result.warnings)
    kinds = {f.kind: f.text for f in draft_feedback(None, "weak on SQL joins and great rapport").feedback}
    assert "rapport" in kinds["strength"] and "SQL joins" in kinds["gap"]
    assert "Your at" not in " ".join(f.text for f in draft_feedback(None, "bad at SQL").feedback)


def test_review_fixes_for_verdicts_adverbs_and_numbers_that_are_no_phone():
    from model.feedback import _without_contact_details

    text = lambda notes: " ".join(f.text for f in draft_feedback(None, notes).feedback)  # noqa: E731
    assert "(enough)" not in text("SQL: not strong enough") and "not yet as strong" in text("SQL: not strong enough")
    assert "reallying" not in text("Didn't really probe the budget") and "probing the budget" in text(
        "Didn't really probe the budget")
    for kept in ("Expects 85000-95000, above our band.", "scored 4 4 5 3 4 2 5 4 4 on the rubric",
                 "Available 2024-06-03 - 2024-06-05."):
        assert _without_contact_details(kept) == (kept, False)
    assert _without_contact_details("call 07946 095858 or (555) 123-4567")[1]


def test_the_candidate_named_in_the_notes_is_you_and_anyone_else_is_left_out():
    def body(notes, context=None):
        result = draft_feedback(None, notes, context)
        return " ".join(f.text for f in result.feedback), result

    # the context's name, its first word alone and its surname after a title are all the candidate
    text, result = body("Priya Shah was weak on SQL. Ms Shah's portfolio was great. Priya struggled with joins.",
                        {"candidate_name": "Priya Shah"})
    assert "Priya" not in text and "Shah" not in text and "your portfolio" in text.lower(), text
    assert not result.dropped and not any("Priya" in w for w in result.warnings)
    # without a name in the context, the one person the notes describe is the candidate, with a warning
    text, result = body("Priya Shah was weak on SQL. Great rapport with the panel.")
    assert "Priya" not in text and "you" in text.split() or "your" in text.lower(), text
    assert any("Priya Shah, the one person" in w for w in result.warnings)
    # two people described: neither is taken, and nothing about either reaches the candidate
    text, result = body("Priya was weak on SQL. Maria was great at SQL. Good energy in the room.")
    assert "Maria" not in text and "Priya" not in text
    assert sorted(d.category for d in result.dropped) == ["private", "private"]
    assert any("Priya, Maria" in w and "more than one person" in w for w in result.warnings)
    # a name the dictionary also knows ("Grace", "Maria") is a person when spaCy's recogniser says so
    text, result = body("Priya was weak on SQL. Maria was great at SQL.", {"candidate_name": "Priya Rao"})
    assert "Maria" not in text and "SQL" in text and [d.category for d in result.dropped] == ["private"]
    # ... and an abstract noun is a topic, lower-cased mid-sentence, not a person
    text, result = body("Communication was weak. Design has gaps.")
    assert not result.dropped and "your communication" in text.lower() and "Communication" not in text[1:], text
    # the interviewer who reported a remark is not named to the candidate
    text, _ = body("Raj felt she was weak on SQL. Dana (HM) thought that her pricing logic was sound.")
    assert "Raj" not in text and "Dana" not in text and "SQL" in text and "pricing" in text, text


def test_a_remark_after_a_capitalised_term_and_a_stop_is_its_own_remark():
    # "SQL." then a small letter: three remarks, so the health note is dropped, not glued onto the strength
    result = draft_feedback(None, "strong SQL. will be on dialysis 3x a week. weak Tableau.")
    assert not any("dialysis" in f.text for f in result.feedback)
    assert [(d.note, d.category) for d in result.dropped] == [("will be on dialysis 3x a week.", "risky")]
    result = draft_feedback(None, "strong SQL. answered the window-function question quickly. weak Tableau.")
    assert not any("SQL. answered" in f.text for f in result.feedback)


def test_someone_the_candidate_is_measured_against_is_never_named_to_them():
    result = draft_feedback(None, "better than Priya on SQL\nweak on Tableau")
    assert [(d.note, d.category) for d in result.dropped] == [("better than Priya on SQL", "private")]
    assert not any("Priya" in f.text for f in result.feedback)
    # a company or a tool in the same place is no person
    assert not draft_feedback(None, "modelling better than most Deloitte hires").dropped
    from model.feedback import screen_context

    ctx, warnings = screen_context({"candidate_name": "Asha", "gaps": ["Jake had more Tableau experience"],
                                    "strengths": ["SQL on par with Jake Miller", "clear SQL"]})
    assert ctx["gaps"] == [] and ctx["strengths"] == ["clear SQL"] and len(warnings) == 2


def test_an_absent_fault_is_praise_and_sponsorship_is_logistics():
    result = draft_feedback(None, "cash handling test was perfect, 0 errors.\nreconciliation had no discrepancies")
    assert [f.kind for f in result.feedback] == ["strength", "strength"] and not result.dropped
    assert draft_feedback(None, "cash handling test was flawless").feedback[0].text.startswith(
        "Your cash handling test was flawless")
    assert draft_feedback(None, "3 errors in the reconciliation").feedback[0].kind == "gap"
    result = draft_feedback(None, "needs H1B sponsorship - we can't sponsor. excellent pandas.")
    assert [d.category for d in result.dropped] == ["logistics", "logistics"]
    assert not any("sponsor" in f.text for f in result.feedback)


@pytest.mark.parametrize("notes, opening", [
    ("Could be good for platform role in spring.", "a platform role"),
    ("might suit the platform team opening in spring", "a role on our platform team"),
    ("maybe the Head of Data role", "a Head of Data role"),
])
def test_an_opening_in_the_notes_is_the_role_alone(notes, opening):
    assert notes_to_context(notes)["upcoming_openings"] == [opening]


def test_review_fixes_for_link_words_emphasis_tense_and_past_participles():
    def texts(notes):
        return [f.text for f in draft_feedback(None, notes).feedback]

    assert not any("at all" in t for t in texts("no motion work at all"))
    assert not any("otherwise" in t for t in texts("otherwise solid Excel modelling"))
    assert not any(t.startswith("In the interview, you know") for t in texts("knows React well"))
    assert not any("with managed" in t for t in texts("hasn't managed more than 3 people"))
    assert len(texts("weak on distributed systems")) == 2  # the gap and practice on it


# ---- review: private, risky and other people's content never reaches the candidate ---------------

_ASHA = {"candidate_name": "Asha Rao", "role": "Data Analyst"}


@pytest.mark.parametrize("notes, leak", [
    ("Candidate B was stronger on SQL. Good Python.", "B was stronger"),
    ("The ex-Googler was stronger on experimentation. Weak on Python.", "Googler"),
    ("Asha and Priya both strong on SQL.", "Priya"),
    ("Raj: strong on Python, weak on SQL window functions.\nDana: good questions, weak on stakeholder examples.", "Raj"),
    ("Raj: strong on Python, weak on SQL window functions.\nDana: good questions, weak on stakeholder examples.", "Dana"),
    ("Interviewer 1: strong Python. Interviewer 2: weak SQL.", "interviewer"),
    ("Very articulate for someone from her background. Weak on Python.", "background"),
    ("Would fit in well with the boys in the team. Weak on Python.", "boys"),
    ("Really attractive, nice smile. Weak SQL.", "smile"),
    ("Salary expectation 85k, too high for band. Good on dashboards.", "band"),
    ("Would be fun at drinks. Weak SQL.", "drinks"),
    ("Great banter, would be a laugh at the Christmas party. Weak SQL.", "Christmas"),
    ("Lovely person, nice chat about her holiday in Goa. Weak SQL.", "holiday"),
    ("Sam at Unilever says she's great. Weak SQL.", "Unilever"),
    ("Good SQL. She would be perfect for the BI team opening in March, ask Priya.", "Priya"),
    ("HM felt she lacked stakeholder exp. Good SQL.", "HM"),
    ("Name hard to pronounce, might put clients off. Good analyst.", "clients"),
    ("Oh brilliant, another candidate who can't do joins.", "brilliant"),
])
def test_private_risky_and_other_people_stay_out_of_the_draft(notes, leak):
    result = draft_feedback(None, notes, _ASHA)
    assert leak.lower() not in result.draft.lower(), result.draft
    assert not any(leak.lower() in f.text.lower() for f in result.feedback)


def test_the_reporter_and_the_interviewer_label_go_but_the_remark_stays():
    assert normalise("HM felt she lacked stakeholder exp.") == "you lacked stakeholder experience"
    assert normalise("The hiring manager thought her SQL was weak") == "your SQL was weak"
    text = " ".join(f.text for f in draft_feedback(None, "Interviewer 1: strong Python. Interviewer 2: weak SQL.",
                                                   _ASHA).feedback)
    assert "Python" in text and "SQL" in text
    result = draft_feedback(None, "Good SQL. She would be perfect for the BI team opening in March, ask Priya.", _ASHA)
    assert "BI team" in result.relationship and "March" in result.relationship


@pytest.mark.parametrize("notes", [
    "Cand is good at campaign attribution. Weak on cohort analysis.",
    "Kitchen was chaotic during the trial and she kept calm. Weak knife skills.",
    "Where I was less convinced was her SQL.",
])
def test_words_that_open_a_remark_are_not_taken_for_other_people(notes):
    result = draft_feedback(None, notes, _ASHA)
    assert not [d for d in result.dropped if d.category == "private"], result.dropped


@pytest.mark.parametrize("notes", [
    "Never struggled with SQL.", "Didn't struggle with the SQL task.", "Python: no concerns.", "No problems with Python.",
    "No gaps in SQL knowledge.", "Couldn't fault her Excel.", "Not bad at SQL.", "SQL wasn't an issue.",
    "No major red flags.", "Lacks nothing technically.",
])
def test_a_negated_gap_is_never_a_gap(notes):
    result = draft_feedback(None, notes, _ASHA)
    assert not [f for f in result.feedback if f.kind == "gap"], result.feedback


@pytest.mark.parametrize("notes", ["Far from strong in Python.", "Anything but confident with pandas."])
def test_a_negated_strength_is_never_a_strength(notes):
    result = draft_feedback(None, notes, _ASHA)
    assert not [f for f in result.feedback if f.kind == "strength"], result.feedback


def _said(notes: str, kind: str | None = None, role: str | None = None) -> list[str]:
    ctx = dict(_ASHA, **({"role": role} if role else {}))
    return [f.text for f in draft_feedback(None, notes, ctx).feedback if kind is None or f.kind == kind]


def test_splitting_keeps_each_remark_whole_and_apart():
    # "Q&A." ends a term, not an initial: two remarks
    assert _said("Ran a strong Q&A. Campaign plan lacked KPIs.", "strength") == ["You ran a strong Q&A."]
    assert not any("Q&A" in t for t in _said("Ran a strong Q&A. Campaign plan lacked KPIs.", "gap"))
    # a comma between a strength and a gap
    notes = "Tasting: risotto well seasoned, lamb overcooked."
    assert not any("overcooked" in t for t in _said(notes, "strength", "Sous Chef"))
    assert any("overcooked" in t for t in _said(notes, "gap", "Sous Chef"))
    # an elliptical contrast keeps its topic; a bare adjective keeps its subject
    gaps = _said("Solid on SQL, but not on Python", "gap")
    assert len(gaps) == 1 and "Python" in gaps[0] and "noted" not in gaps[0]
    gaps = _said("Her A/B testing knowledge was fine but shallow.", "gap")
    assert len(gaps) == 1 and "A/B testing" in gaps[0] and "noted shallow" not in gaps[0]
    # no problem, said of nothing, and "not right now" are no gaps (nor strengths)
    assert _said("imo not a blocker. Good SQL.") == ["Your SQL was good."]
    assert _said("Not right now.") == []
    # a list is one remark
    assert _said("Knows SQL, R, and Python well.") == ["You know SQL, R, and Python well."]
    said = _said("Kitchen was chaotic during the trial and she kept calm.", role="Sous Chef")
    assert len(said) == 1 and "you kept calm" in said[0].lower() and "kept was" not in said[0]


def test_an_ats_table_reads_row_by_row():
    table = "| Competency | Score | Comment |\n|---|---|---|\n| Clinical knowledge | 4 | solid on sepsis protocol |"
    said = _said(table, role="Registered Nurse")
    assert said and not any("|" in t or "Competency" in t for t in said), said
    assert _said("| Patient communication | excellent |", role="Registered Nurse") == [
        "Your patient communication was excellent."]


@pytest.mark.parametrize("notes, says", [
    ("Never struggled with SQL.", "You handled SQL without difficulty."),
    ("Python: no concerns.", "Python was no concern for you."),
    ("SQL wasn't an issue.", "SQL was no concern for you."),
    ("Couldn't fault her Excel.", "The panel couldn't fault your Excel."),
    ("Knew her stats though.", "You knew your stats."),
])
def test_an_absent_worry_reads_as_a_plain_sentence(notes, says):
    assert _said(notes) == [says]


def test_a_numeric_scorecard_reads_as_strengths_and_gaps():
    result = draft_feedback(None, "SQL 3/5, comms 4/5, stats 2/5, Excel 5/5", _ASHA)
    strengths = " ".join(f.text for f in result.feedback if f.kind == "strength")
    gaps = " ".join(f.text for f in result.feedback if f.kind == "gap")
    assert "communication" in strengths and "Excel" in strengths and "SQL" not in strengths
    assert "Stats" in gaps and "not yet as strong" in gaps.split("SQL")[1]  # 3/5 alone: a soft gap
    assert not result.dropped
    assert [f.kind for f in draft_feedback(None, "SQL: 2/5", _ASHA).feedback if f.kind != "advice"] == ["gap"]


@pytest.mark.parametrize("notes, gap", [
    ("Scored 62% on the SQL test (pass 70%). Good attitude.", "You scored 62% on the SQL test; the pass mark is 70%."),
    ("Typing speed 28 wpm (need 40)", "Your typing speed was 28 wpm; this role needs 40 wpm."),
])
def test_a_score_below_the_bar_is_a_gap_with_its_numbers(notes, gap):
    assert gap in _said(notes, "gap")


def test_wording_fixes_repeats_contradictions_articles_and_advice():
    assert _said("Good dashboards. Good dashboards. Weak SQL.", "strength") == ["Your dashboards were good."]
    result = draft_feedback(None, "Strong on SQL. SQL was weak.", _ASHA)
    assert not result.feedback and any("contradict" in w and "SQL" in w for w in result.warnings)
    assert "You came across as an excellent communicator." in _said("Excellent communicator, however her SQL is weak.")
    gap = _said("Limited experience with Looker.", "gap")[0]
    assert "Looker" in gap and "haven't had" not in gap
    for notes in ("Lacks confidence. Good SQL.", "Too junior. Not senior enough. Good SQL."):
        advice = " ".join(_said(notes, "advice"))
        assert "junior" not in advice.lower() and "confidence" not in advice.lower(), advice
    assert "side project" not in " ".join(_said("Weak on stock control.", "advice", "Store Manager"))
    assert "side project" not in " ".join(_said("Weak on phonics.", "advice", "Primary Teacher"))
    for notes in ("+ fine manners\n+ punctual", "+ clear\n+ calm"):
        strengths = _said(notes, "strength")
        assert len(strengths) == 2 and strengths[0][:12] != strengths[1][:12], strengths


def test_a_relationship_line_from_prose_and_a_referral_keeps_its_time():
    result = draft_feedback(None, "Strong on IFRS. I'd happily see her for the Financial Controller role when it "
                                  "opens in the autumn.", dict(_ASHA, role="Head of Finance"))
    assert "Financial Controller role" in result.relationship and "autumn" in result.relationship
    result = draft_feedback(None, "Good SQL. Pass CV to Kate Lim in Marketing Analytics, hiring in Jan.", _ASHA)
    assert "Marketing Analytics" in result.relationship and "Jan" in result.relationship
    assert "Kate" not in result.draft and not [d for d in result.dropped if "hiring in Jan" in d.note]


def test_clinical_competence_the_interviewer_s_reaction_and_subjectless_gaps():
    result = draft_feedback(None, "Clinically competent. Medication safety weak.")
    assert any("medication safety" in f.text.lower() for f in result.feedback)  # a competence, not health
    assert not any(d.category == "risky" for d in result.dropped)
    texts = [f.text for f in draft_feedback(None, "Weak SQL, which surprised me given her CV.").feedback]
    assert texts and not any("surprised" in t or "CV" in t for t in texts)
    assert [f.text.split(" noted ")[-1] for f in draft_feedback(None, "Failed the Python test.").feedback] == [
        "that you failed the Python test."]
    texts = [f.text for f in draft_feedback(None, "Asha strong on visualisation.", {"candidate_name": "Asha"}).feedback]
    assert texts and "you were strong on visualisation" in texts[0].lower()


def test_a_bare_verdict_after_a_contrast_keeps_its_topic_and_is_no_contradiction():
    result = draft_feedback(None, "Good SQL, but slow.")
    assert [f.kind for f in result.feedback][:2] == ["strength", "gap"] and not result.dropped
    assert "Your SQL was slower than this role needs." in [f.text for f in result.feedback]
    result = draft_feedback(None, "Strong on SQL. SQL was weak.")  # two remarks that disagree
    assert not result.feedback and any("contradict" in w for w in result.warnings)


def test_review_fixes_for_passed_tests_adjective_lists_agreement_and_mid_line_labels():
    def texts(notes):
        return [f.text for f in draft_feedback(None, notes).feedback]

    assert "You passed the practical test." in texts("Practical test passed. Slow on fault-finding.")
    assert not any(t.endswith(": clear.") for t in texts("+ clear, structured answers"))
    assert not any(" and has " in t for t in texts("She is very much good in Excel and has good knowledge of "
                                                   "forecasting."))
    assert not any("Behavioural" in t for t in texts("Coding: clean, well-tested solution. Behavioural: gave vague "
                                                     "answers on conflict with PMs"))


def test_signatures_reporters_and_lower_case_candidate_names_never_reach_the_draft():
    def texts(notes, context=None):
        return " ".join(f.text for f in draft_feedback(None, notes, context).feedback)

    for notes, name in (("Good SQL. Weak Python. - Priya", "Priya"), ("Weak Python (Priya)", "Priya"),
                        ("Tableau skills basic. - kiran", "kiran"), ("Rohan and I agreed communication was good", "Rohan")):
        assert name not in texts(notes) and texts(notes), notes
    assert "weak" in texts("SQL - weak").lower() or "not yet as strong" in texts("SQL - weak")  # a verdict, no name
    assert "rao" not in texts("rao: good grasp of excel, ok sql", {"candidate_name": "asha rao"}).lower()
    assert "Statistics" not in " ".join(d.note for d in draft_feedback(None, "Statistics answers weak.",
                                                                       {"candidate_name": "Asha Rao"}).dropped)


def test_cluttered_work_and_hardly_any_experience_are_gaps():
    assert draft_feedback(None, "Asha's dashboard was cluttered.", {"candidate_name": "Asha"}).feedback[0].kind == "gap"
    texts = [f.text for f in draft_feedback(None, "Hardly any experience with R.").feedback]
    assert texts[0] == "This role needs more hands-on experience with R than you have had so far."


def _texts(notes, context=None):
    return [f.text for f in draft_feedback(None, notes, context).feedback]


def test_not_yet_is_no_contrast_and_a_role_not_yet_reached_is_a_gap():
    texts = _texts("Not yet a finance leader - more of a strong analyst.")
    assert "This role needs a finance leader, and you aren't quite there yet." in texts, texts
    assert [t for t in texts if t.endswith("as a strong analyst.")], texts
    assert not any("noted Not" in t or "noted:" in t for t in texts), texts
    assert "You aren't yet ready to manage a team, which this role needs." in _texts("Not yet ready to manage a team.")
    assert "This role needs a people manager, and you aren't quite there yet." in _texts(
        "Not a people manager yet; great with numbers.")
    # "yet" that joins a contrast still splits it
    assert [f.kind for f in draft_feedback(None, "Strong SQL, yet weak on Python.").feedback][:2] == ["strength", "gap"]
    assert _texts("Not a lot of depth on SQL.")[0].startswith("This role needs more hands-on experience with SQL")


def test_a_test_passed_is_praise_and_passed_only_narrowly_keeps_its_nuance():
    texts = _texts("Passed the written test but only just; struggled on the case study.")
    assert "You passed the written test, but only narrowly." in texts, texts
    assert not any("only just" in t for t in texts), texts
    assert "You passed the technical screen, but only narrowly." in _texts(
        "Only just scraped through the technical screen; strong cultural alignment.")
    result = draft_feedback(None, "Passed the numerical reasoning test comfortably. Failed the verbal one.")
    assert [(f.kind, f.text) for f in result.feedback][0] == (
        "strength", "You passed the numerical reasoning test comfortably.")
    assert "You passed the practical test." in _texts("Practical test passed. Slow on fault-finding.")


def test_support_the_candidate_would_still_need_is_a_gap_about_its_skill():
    result = draft_feedback(None, "Would need support with board reporting.")
    assert [f.kind for f in result.feedback][:1] == ["gap"], result.dropped
    assert "board reporting" in result.feedback[0].text and "the board reporting" not in result.feedback[0].text
    assert not any("could be turned" in w for w in result.warnings)
    texts = _texts("would need a lot of hand-holding on consolidation")
    assert texts and "consolidation" in texts[0] and "hand-holding" not in texts[0]
    assert "rapport with the team" in " ".join(_texts("great rapport with team"))  # the team, as before


def test_a_panel_s_doubt_about_the_candidate_is_a_gap_said_as_a_doubt():
    assert _texts("not sure she'd cope with month-end pressure") == [
        "The panel wasn't yet sure that you could cope with month-end pressure."]
    result = draft_feedback(None, "Doubt she could lead the team.")  # no team to refer them to
    assert [f.kind for f in result.feedback] == ["gap"] and not result.relationship, result.relationship
    assert "lead the team" in result.feedback[0].text
    assert "your answers on risk management" in _texts("Not convinced by her answers on risk mgmt.")[0].lower()
    assert "noted" not in _texts("Not convinced by her answers on risk mgmt.")[0]
    assert draft_feedback(None, "Would hire for the data team later.").relationship  # a next step, as before


def test_the_panel_notes_only_what_has_a_head_and_says_it_as_a_clause():
    for notes in ("Clear, yet shallow.", "She's clearly bright but very green.", "Not sure he'd struggle with SQL."):
        texts = _texts(notes)
        assert not any(re.search(r"noted (?:[A-Z]|not\b|very\b|shallow|only just)", t) for t in texts), (notes, texts)
    assert "noted that you need another 2-3 years before a manager role." in _texts(
        "Needs another 2-3 yrs before a manager role.")[0]
    assert "noted that you have only worked at startups." in _texts("only worked at startups")[0]
    assert "noted that your slides were cluttered." in _texts("Slides were cluttered.")[0]
    assert "noted only 1 publication." in _texts("only 1 publication")[0]  # a count is a noun phrase
    assert _texts("Failed the Python test.")[0].endswith("noted that you failed the Python test.")


def test_scores_beside_other_remarks_and_a_score_s_comment_are_read():
    result = draft_feedback(None, "SQL 4/5, Excel 3/5, stakeholder mgmt 2/5. Overall 3/5 - decent but not there yet.")
    assert [f.kind for f in result.feedback][:2] == ["strength", "gap"], result.dropped
    assert "SQL" in result.feedback[0].text and "stakeholder management" in result.feedback[1].text.lower()
    assert "Overall 3/5" in {d.note for d in result.dropped}  # middling, and of the whole candidate
    assert "Excel" in result.feedback[2].text  # middling, of a skill: the softest gap, said last
    texts = _texts("Excel 3/5 - solid formulas but slow.")
    assert texts and not any("3/5" in t for t in texts), texts
    assert any("Excel was solid" in t for t in _texts("Excel 3/5 - solid")), _texts("Excel 3/5 - solid")
    assert any("your technical skills were" in t.lower() for t in _texts("Communication: good\nTechnical: weak"))
    # (two words of praise for the label's topic are said together, session 28b: was "… clear." and "… concise.")
    assert "Your communication was clear and concise." in _texts("| Competency | Score | Comment |\n|---|---|---|\n"
                                                      "| Communication | 4 | clear, concise |")
    assert _texts("Outlook weak.")[0].startswith("Your Outlook was")  # a product keeps its capital


def test_how_the_candidate_came_across_is_never_read_as_a_topic():
    assert "You were less confident than this role needs when challenged on assumptions." in _texts(
        "Bit hesitant when challenged on assumptions, but recovered well.")
    texts = _texts("A bit rough around the edges but clearly capable.")
    assert "You were clearly capable." in [t.split(",")[0].rstrip(".") + "." for t in texts], texts
    assert not any("around the edges was" in t or "Your around" in t for t in texts), texts
    assert "Your communication was less focused than this role needs." in _texts("Comms 3/5, a bit rambling.")
    texts = _texts("Very confident, maybe overconfident at times.")
    assert not any(re.search(r"your (?:very|maybe)\b", t, re.I) for t in texts), texts
    assert _texts("Struggled a little with the Excel test.")[0].startswith("The Excel test was")
    assert any(t.startswith("You clearly know SQL") for t in _texts("Clearly knows SQL."))
    texts = [f.text for f in draft_feedback(None, "Behaviour management wobbly when the group got loud.").feedback]
    assert [t for t in texts if "behaviour management was less steady" in t.lower()], texts  # as before


def test_an_adverb_opening_a_note_is_no_other_person():
    result = draft_feedback(None, "Calmly handled the angry client.", {"candidate_name": "Asha"})
    assert result.feedback and not result.dropped and not result.warnings[:-1], (result.dropped, result.warnings)
    assert "calmly handled the angry client" in result.feedback[0].text
    result = draft_feedback(None, "Emily handled the client better.", {"candidate_name": "Asha"})
    assert not result.feedback and [d.category for d in result.dropped] == ["private"]  # a name ending in -ly


def test_praise_in_an_adverb_work_still_needed_and_a_whole_candidate_verdict():
    texts = _texts("Good technically, comms need work.")
    assert texts[0] == "You were technically good.", texts
    assert any("communication" in t.lower() and "noted" not in t for t in texts[1:]), texts
    texts = _texts("Knows her stuff on audit but lacks commercial awareness.")
    assert any("commercial awareness" in t.lower() for t in texts) and not any("with awareness" in t for t in texts)
    result = draft_feedback(None, "Lacked depth on treasury. Otherwise a v solid candidate.")
    assert not any("solid you" in f.text for f in result.feedback)
    assert "Otherwise a v solid candidate." in [d.note for d in result.dropped]


def test_a_capitalised_comparison_never_leaks_the_other_candidate_s_name():
    result = draft_feedback(None, "Compared to Rahul she was much stronger in audit.", {"candidate_name": "Asha"})
    assert not any("Rahul" in f.text for f in result.feedback) and "Rahul" not in result.draft
    assert [d.category for d in result.dropped] == ["private"]
    assert [d.category for d in draft_feedback(None, "better than Priya on SQL").dropped] == ["private"]  # as before


def test_more_note_shapes_ats_tables_forms_of_address_and_the_interviewer_s_surprise():
    texts = _texts("| Criteria | Rating | Notes |\n| SQL | 2/5 | couldn't do a window function |\n| Culture | 3/5 | |")
    assert any(t.startswith("SQL didn't come through") for t in texts) and not any("2/5" in t for t in texts), texts
    result = draft_feedback(None, "Madam was very well prepared. Little bit slow in answering the HR questions.",
                            {"candidate_name": "Asha"})
    assert not result.dropped and not any("Madam" in w for w in result.warnings), result.dropped
    assert not any("bit slow" in f.text or "relies on bit" in f.text for f in result.feedback)
    texts = _texts("Struggled with basic accounting q's, surprising given CV.")
    assert texts and not any("surprising" in t or "CV" in t for t in texts), texts
    assert any("transfer pricing" in t.lower() for t in _texts("Solid on tax, less so on transfer pricing."))


def test_a_skill_under_a_concerns_heading_is_a_gap_on_that_skill():
    texts = _texts("Concerns: stakeholder mgmt, hasn't owned a budget")
    assert texts[0] == "Stakeholder management didn't come through as strongly as this role needs.", texts
    assert not any("noted stakeholder" in t for t in texts)
    assert any("haven't owned a budget" in t for t in texts)  # as before


@pytest.mark.parametrize("notes", ["She'd struggle with the pace here.",
                                   "Might find it hard to keep up with the pace of a startup",
                                   "Worried he won't keep up in a fast-paced team", "Lacks energy."])
def test_a_vague_judgement_of_pace_or_energy_is_a_proxy_and_risky(notes):
    result = draft_feedback(None, notes, _ASHA)
    assert not result.feedback and [d.category for d in result.dropped] == ["risky"], result.dropped
    assert "age or disability" in result.dropped[0].reason


def test_pace_tied_to_a_concrete_task_is_feedback():
    for notes in ("Slow on the case study: 40 minutes for a 20-minute task.",
                  "Couldn't keep up with the pace of the live coding round - finished 2 of 5 questions",
                  "Brought great energy to the group exercise", "No issues keeping up with the team"):
        result = draft_feedback(None, notes, _ASHA)
        assert result.feedback and not result.dropped, (notes, result.dropped)


def test_evidence_after_a_dash_or_colon_stays_evidence():
    texts = _texts("Not really a team player - kept talking over others")
    assert texts == ["This role needs a team player, and you aren't quite there yet: you kept talking over others."]
    assert _texts("Strong on SQL - wrote a window function unprompted") == [
        "You were strong on SQL: you wrote a window function unprompted."]
    texts = _texts("Weak on SQL: couldn't write a join")
    assert texts[0] == "SQL didn't come through as strongly as this role needs: you couldn't write a join.", texts
    # a scorecard line keeps its evidence as before
    assert _texts("System design - weak, no caching story")[0].startswith("Your system design was")


def test_slow_is_a_gap_in_speed_with_advice_on_speed():
    texts = _texts("Slow on the case study: 40 minutes for a 20-minute task.")
    assert texts[0] == ("You were slower than this role needs on the case study: it took 40 minutes for a "
                        "20-minute task."), texts
    assert not any("experience with the case study" in t for t in texts) and "clock" in texts[1]
    texts = _texts("Slow on the case study - took 40 mins for a 20 min task.")
    assert texts[0].endswith("on the case study: you took 40 mins for a 20 min task."), texts
    texts = _texts("Good SQL, but slow.")
    assert texts[:2] == ["Your SQL was good.", "Your SQL was slower than this role needs."], texts
    assert not any(t.startswith("Time spent on SQL") for t in texts) and "speed" in texts[2]
    texts = _texts("Weak on the SQL task")  # a task names no skill of its own: SQL is practised
    assert texts[1].startswith("Getting more hands-on practice with SQL "), texts


def test_a_circumstance_after_little_depth_is_no_topic():
    texts = _texts("not much depth when pushed on numbers")
    assert texts == ["You showed less depth than this role needs when pushed on numbers."], texts
    assert _texts("not much depth on pricing")[0].startswith("This role needs more hands-on experience with pricing")


def test_too_much_for_the_role_says_the_role_once():
    assert _texts("a bit too salesy for a finance role") == ["You were more salesy than a finance role needs."]
    assert _texts("too junior for this level") == ["You were more junior than this role needs."]
    assert _texts("Bit too salesy for us") == ["You were more salesy than this role needs."]
    texts = _texts("too slow on SQL")  # a skill after "too": as before, with advice on it
    assert texts[0] == "You were slower than this role needs on SQL.", texts


def test_one_of_the_best_needs_something_to_be_the_best_at():
    result = draft_feedback(None, "Strong SQL. One of the best we've seen.", _ASHA)
    assert [f.text for f in result.feedback] == ["Your SQL was strong."], result.feedback
    assert [(d.note, d.category) for d in result.dropped] == [("One of the best we've seen.", "unclear")]
    assert _texts("Easily one of the strongest portfolios I've seen") == [
        "Yours was one of the strongest portfolios the panel has seen."]
    assert _texts("Presentation: one of the best we've seen this year") == [
        "Your presentation was one of the best the panel has seen."]


def test_the_candidate_s_own_work_and_a_capital_only_for_opening_the_note():
    texts = _texts("The Presentation was strong. Behaviour management was weak.")
    assert texts[:2] == ["Your presentation was strong.",
                         "Your behaviour management was not yet as strong as this role needs."], texts
    assert _texts("the case study was thorough") == ["Your case study was thorough."]
    assert _texts("The questions she asked were sharp") == ["The questions you asked were sharp."]
    assert _texts("Word skills weak")[0].startswith("Your Word skills were")  # a product keeps its capital
    assert _texts("Python was weak")[0].startswith("Your Python was")


def test_a_plural_topic_is_plural_throughout_its_sentence():
    from model.feedback import default_lexicon, strength_variants, Remark
    lex = default_lexicon()
    said = strength_variants(Remark("x", "Communication and SQL were good", "strength"), lex)
    assert "Your communication and SQL were good, and they stood out to the panel." in said, said
    said = strength_variants(Remark("x", "SQL was good", "strength"), lex)
    assert "Your SQL was good, and it stood out to the panel." in said, said


def test_decent_is_mild_praise_and_a_bare_bit_borrows_the_topic():
    result = draft_feedback(None, "Decent presentation, bit long-winded", _ASHA)
    texts = [f.text for f in result.feedback]
    assert texts[:2] == ["Your presentation was decent.", "Your presentation was longer than it needed to be."], texts
    assert not result.dropped
    assert [d.category for d in draft_feedback(None, "decent candidate").dropped] == ["unclear"]  # as before


def test_learning_fast_is_praise_said_as_what_the_candidate_did():
    assert _texts("picked things up quickly") == ["You picked things up quickly."]
    assert _texts("Offered a great example of a turnaround") == ["You offered a great example of a turnaround."]
    assert [d.category for d in draft_feedback(None, "gave up quickly").dropped] == ["unclear"]  # no praise


def test_more_the_panel_would_need_to_see_is_a_gap():
    texts = _texts("would need to see more leadership examples")
    assert texts == ["This role needs more leadership examples than came through in the interview.",
                     "Getting more hands-on experience with leadership would make a future application much stronger."]
    assert _texts("we'd want to see more examples of stakeholder management")[0] == (
        "This role needs more examples of stakeholder management than came through in the interview.")
    assert _texts("Would have liked more depth on testing")[1].startswith("Getting more hands-on practice with testing")


def test_the_panel_s_doubt_that_the_candidate_is_ready_is_a_gap():
    assert _texts("tbh not convinced she's ready for a lead role") == [
        "The panel wasn't yet sure that you were ready for a lead role."]
    assert _texts("not sure she'd cope with month-end pressure") == [  # as before
        "The panel wasn't yet sure that you could cope with month-end pressure."]


def test_the_kind_of_experience_missing_and_help_needed_on_the_day():
    assert _texts("Lacks commercial experience") == ["This role needs more commercial experience than you have had so far."]
    assert _texts("lacks AWS experience")[0] == "This role needs hands-on experience with AWS, which you haven't had yet."
    texts = _texts("Needed help with the SQL task")
    assert texts[0] == ("You needed help with the SQL task in the interview, and this role needs someone who can take "
                        "that on independently."), texts
    assert "would still need" in _texts("would need support with board reporting")[0]  # a forecast, as before


def test_a_part_of_the_process_is_practised_only_through_the_skill_it_names():
    assert _texts("Too quiet in the group exercise") == ["You were quieter than this role needs in the group exercise."]
    assert _texts("weak on the coding exercise")[1].startswith("Getting more hands-on practice with coding ")


def test_a_skill_named_by_a_noun_and_a_gerund_is_no_verb_to_practise():
    texts = _texts("design thinking v shallow")
    assert texts[1] == "Getting more hands-on practice with design thinking would make a future application much stronger."
    assert _texts("couldn't explain CAP theorem")[1].startswith("More practice explaining CAP theorem")  # as before


def test_a_coder_is_a_kind_of_worker():
    assert _texts("Strong coder") == ["You came across as a strong coder."]
    assert _texts("Strong communicator") == ["You came across as a strong communicator."]


def test_more_of_a_gap_than_the_role_needs_is_said_as_too_much():
    assert _texts("more junior than we need for this level") == ["You were more junior than this role needs."]
    assert _texts("too junior for this level") == ["You were more junior than this role needs."]


def test_a_condition_on_the_candidate_is_not_the_role_of_a_relationship_line(checker):
    d = checker.draft_feedback("Could be a good fit in 2 yrs once she has more team lead exp", {"candidate_name": "Asha"})
    assert d.relationship and "once you have" not in d.relationship and "on our once" not in d.relationship
    d = checker.draft_feedback("Might suit our data team once she has more SQL", {"candidate_name": "Asha"})
    assert "data team" in d.relationship


def test_a_name_ending_in_ly_with_a_word_stem_is_still_a_name():
    """'Bradly', 'Hartly', 'Brierly' are names whose stems are words ('brad', 'hart', 'brier'): no adverb
    ('Calmly') that opens a note, so another person's remark stays private."""
    for name in ("Bradly", "Hartly", "Brierly"):
        result = draft_feedback(None, f"{name} handled the client better.", {"candidate_name": "Asha"})
        assert not result.feedback and [d.category for d in result.dropped] == ["private"], (
            [f.text for f in result.feedback], result.dropped)
    result = draft_feedback(None, "Thoughtfully handled the angry client.", {"candidate_name": "Asha"})
    assert result.feedback and not result.dropped, result.dropped  # an adverb still is one


@pytest.mark.parametrize("notes", ["Excel 3/5 -" + " " * 7900 + "solid", "passed the test" + " " * 7900 + "x"])
def test_notes_in_a_context_are_read_with_a_run_of_spaces_as_one(notes):
    """A context's interviewer_notes reach `parse_notes` through `notes_to_context` (check()'s slot values)
    without passing `draft_feedback`'s tidy-up: a long run of spaces there took 20-70 s per check."""
    from model.feedback import notes_to_context

    with finishes_within(10, "reading the notes"):  # a hang guard, not a timing: it was 20-70 s, now milliseconds
        notes_to_context(notes)


@pytest.mark.parametrize("note", ["doubt she could cope with the kids at home",
                                  "not sure he'd manage the hours with his children to look after"])
def test_a_doubt_about_the_candidates_family_is_never_feedback(note):
    """A panel's doubt is a gap ('doubt she could lead the team'), but one resting on the candidate's family
    is family status: left out as risky, never 'The panel wasn't yet sure that you could cope with the kids
    at home.'"""
    result = draft_feedback(None, note, {"candidate_name": "Asha"})
    assert not result.feedback and [d.category for d in result.dropped] == ["risky"], (
        [f.text for f in result.feedback], result.dropped)


def test_an_age_at_the_end_of_a_remark_is_private(checker):
    d = checker.draft_feedback("not sure he will cope with the pace at 60", {"candidate_name": "Asha"})
    assert not d.feedback and [x.category for x in d.dropped] == ["risky"]
    d = checker.draft_feedback("typed at 60 wpm, fine", {"candidate_name": "Asha"})
    assert "risky" not in {x.category for x in d.dropped}


@pytest.mark.parametrize("note", ["no Snowflake yet", "hasn't used Docker so far", "lacks Figma experience as yet"])
def test_a_gap_notes_time_word_is_said_once(note):
    """'no Kafka yet': the templates say 'which you haven't had yet' themselves; the note's 'yet' stays out of
    the topic (was 'hands-on experience with Kafka yet, which you haven't had yet')."""
    gap = notes_to_context(note, "Alex")["gaps"][0]
    assert not re.search(r"\b(?:yet|so far)\b.*\b(?:yet|so far)\b", gap), gap
    assert re.search(r"\b(?:Snowflake|Docker|Figma),? which", gap), gap


@pytest.mark.parametrize("note, held", [("no CSCS cert", "a CSCS cert"), ("missing food hygiene cert", "a food hygiene cert"),
                                        ("no forklift licence yet", "a forklift licence")])
def test_a_missing_cert_is_held_not_experienced(note, held):
    """'cert' is a certificate, held or not, like 'licence' (was 'hands-on experience with CSCS cert')."""
    gap = notes_to_context(note, "Alex")["gaps"][0]
    assert gap == f"this role needs {held}, which you don't have yet", gap


@pytest.mark.parametrize("note, gap", [
    ("Excel weak on lookups", "your Excel on lookups was not yet as strong as this role needs"),
    ("knife work sloppy in the practical", "your knife work in the practical was less careful than this role needs"),
    ("you were vague on the budget", "you were less specific than we needed on the budget")])
def test_a_judged_skill_with_the_part_it_was_judged_on_is_a_gap(note, gap):
    """'Python weak on pandas': the subject-first form with its 'on …' part is a gap like 'Python weak' (it was
    'We noted Python weak on pandas.' and never a reason)."""
    assert notes_to_context(note, "Alex").get("gaps") == [gap]


@pytest.mark.parametrize("note, gap", [
    ("not familiar with Sage payroll", "this role needs more hands-on experience with Sage payroll than you have had so far"),
    ("unfamiliar with HACCP logs", "this role needs more hands-on experience with HACCP logs than you have had so far"),
    ("not comfortable using pivot tables", "pivot tables didn't come through as strongly as this role needs")])
def test_a_skill_the_candidate_is_not_at_home_in_is_a_gap(note, gap):
    """'not familiar with X' is less experience with X, 'not confident in X' less strength in it (both were
    dropped as unclear or said as 'we noted unfamiliar with X'); a person is no skill."""
    assert notes_to_context(note, "Alex").get("gaps") == [gap]
    assert not notes_to_context("not comfortable with him", "Alex").get("gaps")


@pytest.mark.parametrize("note, strength", [("laid the paving slabs well", "you laid the paving slabs well"),
                                            ("did well on the costing task", "you did well on the costing task"),
                                            ("stood out in the group exercise", "you stood out in the group exercise")])
def test_a_strength_told_with_an_irregular_past_verb_is_what_the_candidate_did(note, strength):
    """'Hung doors well' is something the candidate did, like 'handled the call well' (was 'One strength the panel
    noted: hung doors well.')."""
    assert notes_to_context(note, "Alex").get("strengths") == [strength]


@pytest.mark.parametrize("note, topic", [("struggled with the VAT returns", "the VAT returns"),
                                         ("struggled with pivot tables", "pivot tables")])
def test_a_plural_gap_topic_is_never_said_with_was(note, topic):
    """'struggled with SQL joins' was 'SQL joins was the part of the interview you found hardest'."""
    gap = notes_to_context(note, "Alex")["gaps"][0]
    assert topic in gap and f"{topic} was" not in gap, gap


@pytest.mark.parametrize("note, gap", [
    ("18 mths forklift exp, need 24", "this role needs 24 months of forklift experience, and you have 18 months"),
    ("just 2 yrs audit - min 4", "this role needs 4 years of audit experience, and you have 2 years")])
def test_time_in_a_skill_set_against_the_time_the_role_needs_is_a_gap(note, gap):
    """'8 months class 1 exp, need 24' was dropped as unclear: the numbers, as the notes give them, are the gap."""
    assert notes_to_context(note, "Alex").get("gaps") == [gap]


@pytest.mark.parametrize("note", ["on a dependant pass, can only join after approval", "PR application pending so start is unclear",
                                  "settled status not confirmed yet"])
def test_residency_status_is_never_feedback(note):
    """Residency status is national origin, like a green card ('PR status pending - can only start after approval'
    reached the candidate as 'We noted that you can only start after approval.')."""
    result = draft_feedback(None, note, {"candidate_name": "Asha"})
    assert not result.feedback and "risky" in {d.category for d in result.dropped}, [f.text for f in result.feedback]
    assert draft_feedback(None, "PR skills weak", {}).feedback  # public relations is a skill


@pytest.mark.parametrize("note", ["can only start in September", "cannot join until his notice ends", "can't start before May"])
def test_when_the_candidate_can_start_is_logistics(note):
    """'can only start in March' was read as a gap ('We noted that you can only start in March.')."""
    result = draft_feedback(None, note, {"candidate_name": "Asha"})
    assert not result.feedback and [d.category for d in result.dropped] == ["logistics"], result.dropped


@pytest.mark.parametrize("note", ["strong on the asthma scenario", "handled the knees assessment well"])
def test_a_clinical_case_named_by_a_body_part_is_the_work_not_the_candidates_health(note):
    """'good clinical reasoning on the knee case' was dropped as the candidate's health ('knee'); their own knee
    stays private."""
    result = draft_feedback(None, note, {"candidate_name": "Asha"})
    assert result.feedback and not result.dropped, result.dropped
    assert [d.category for d in draft_feedback(None, "bad knee, slow on the ladders", {}).dropped][:1] == ["risky"]


@pytest.mark.parametrize("note, kind", [("excellent with the coffee machine on the trial shift", "strengths"),
                                        ("sloppy with allergen labels during the trial shift", "gaps")])
def test_a_judgement_of_the_trial_shift_is_feedback_not_logistics(note, kind):
    """'great with customers on the trial shift' was dropped as logistics, like 'trial shift Sat 10am'."""
    assert notes_to_context(note, "Alex").get(kind), notes_to_context(note, "Alex")
    assert [d.category for d in draft_feedback(None, "trial shift booked for Thursday", {}).dropped] == ["logistics"]


@pytest.mark.parametrize("note, said", [("quick on the till, spilled a tray of drinks", "you spilled a tray of drinks"),
                                        ("burnt the béchamel", "you burnt the béchamel")])
def test_a_mishap_on_the_shift_is_its_own_remark(note, said):
    """'slow on carrying 3 plates, dropped a tray' was one remark ('Timed practice with carrying 3 plates, dropped a
    tray'); 'burnt the risotto' was dropped as unclear."""
    texts = [f.text for f in draft_feedback(None, note, {}).feedback]
    assert any(said in t.lower() for t in texts) and not any("," in t and "spilled" in t and "quick" in t.lower()
                                                   for t in texts), texts


@pytest.mark.parametrize("note, said", [("lovely with the residents, patient", "You were patient with the residents."),
                                        ("strong on the phones, but slow", "You were slower than this role needs on the phones.")])
def test_a_bare_adjective_after_an_adjective_and_its_preposition_borrows_the_preposition(note, said):
    """'good with customers, friendly' was 'Your with customers were friendly.'"""
    texts = [f.text for f in draft_feedback(None, note, {}).feedback]
    assert said in texts and not any(t.startswith(("Your with", "Your on")) for t in texts), texts


@pytest.mark.parametrize("note, role", [("possible buyer role in May", "a buyer role"),
                                        ("potential sales role in Q3", "a sales role")])
def test_a_hedged_opening_is_named_without_its_hedge(note, role):
    """'possible analyst role in Q2' was 'We may open a possible analyst role in Q2' (the hedge said twice)."""
    assert notes_to_context(note, "Alex").get("upcoming_openings") == [role]
    assert "possible" not in (draft_feedback(None, note, {}).relationship or "possible")


@pytest.mark.parametrize("note, said", [("Organised.", "You came across as organised."),
                                        ("articulate; knew the menu", "You came across as articulate.")])
def test_a_one_word_quality_is_how_the_candidate_came_across(note, said):
    """'articulate' was 'One strength the panel noted: articulate.' (and 'although one strength the panel noted:
    articulate stood out to us' in a suggestion); 'organised' was 'You organised.'"""
    assert said in [f.text for f in draft_feedback(None, note, {}).feedback]


@pytest.mark.parametrize("note, said", [
    ("verbal reasoning 41%, pass mark 55%", "Your verbal reasoning was 41%; the pass mark is 55%."),
    ("data entry 30 wpm - need 40", "Your data entry was 30 wpm; this role needs 40 wpm.")])
def test_a_bar_after_a_comma_or_a_dash_is_read_like_one_in_brackets(note, said):
    """'numerical test 48%, pass mark 60%' was dropped as unclear; '(pass mark 60%)' was read."""
    assert [f.text for f in draft_feedback(None, note, {}).feedback] == [said]


@pytest.mark.parametrize("note, said", [("tidy cuts, uneven paint edges", "Your paint edges were less even than this role needs."),
                                        ("brickwork uneven", "Your brickwork was less even than this role needs.")])
def test_uneven_work_is_a_gap_of_its_own(note, said):
    """'knife work slow, uneven dice' was one remark ('uneven' was no gap word); 'uneven' alone said nothing."""
    assert said in [f.text for f in draft_feedback(None, note, {}).feedback]


@pytest.mark.parametrize("notes, topic", [("Comms: weak", "communication"),
                                          ("Stats: weak - couldn't explain a p-value", "stats")])
def test_a_shorthand_skill_label_is_no_interviewer_s_name(notes, topic):
    """'Comms:' and 'Stats:' are no word a dictionary knows, but they are shorthand for a skill (the lexicon's
    abbreviations, its practice words), not the interviewer who wrote the line: the verdict after them is a gap
    about that skill (was dropped as 'a verdict on the whole candidate')."""
    result = draft_feedback(None, notes, {"candidate_name": "Asha"})
    gaps = [f.text for f in result.feedback if f.kind == "gap"]
    assert gaps and gaps[0].startswith(f"Your {topic} w") and not result.dropped, (gaps, result.dropped)


@pytest.mark.parametrize("notes, topic", [
    ("Excel skills avg", "Excel skills"), ("comms ok-ish", "communication"), ("SQL 3/5", "SQL"),
    ("Excel - avg", "Excel"), ("PM skills meh", "product management skills"), ("meh on SQL", "SQL"),
    ("Ok-ish on Kubernetes", "Kubernetes"), ("Excel: average", "Excel"), ("Problem solving 5/10", "problem solving")])
def test_a_middling_rating_in_shorthand_is_a_soft_gap(notes, topic):
    """A middling rating of a skill, in shorthand ("avg", "ok-ish", "meh", "3/5"), is a soft gap about that
    skill; it was dropped as unclear ("Excel - avg" even lost its verdict as an interviewer's signature)."""
    result = draft_feedback(None, notes, {"candidate_name": "Asha"})
    gaps = [f.text for f in result.feedback if f.kind == "gap"]
    assert len(gaps) == 1 and topic.lower() in gaps[0].lower() and not result.dropped, (gaps, result.dropped)
    assert re.search(r"not yet as strong as this role needs|didn't come through as strongly", gaps[0]), gaps


def test_a_middling_rating_with_nothing_rated_or_its_own_comment_is_not_a_gap():
    for notes in ("meh", "ok-ish", "Overall 3/5"):
        result = draft_feedback(None, notes, {"candidate_name": "Asha"})
        assert not result.feedback and len(result.dropped) == 1, (notes, result)  # unclear, or the panel's verdict
    result = draft_feedback(None, "Comms 3/5, a bit rambling.", {"candidate_name": "Asha"})
    assert [f.text for f in result.feedback if f.kind == "gap"] == [
        "Your communication was less focused than this role needs."]  # the comment says what the 3/5 meant
    result = draft_feedback(None, "Design skills avg, Figma ok", {"candidate_name": "Asha"})
    assert [d.note for d in result.dropped] == ["Figma ok"] and "Figma" not in result.feedback[0].text
    texts = _texts("avg handle time too high")  # a measure with its own verdict: no "Your handle time too high was"
    assert texts and not any("Your handle time" in t for t in texts), texts


@pytest.mark.parametrize("notes, topic", [("Design skills weak", "design skills"),
                                          ("Test knowledge weak", "test knowledge")])
def test_a_skill_named_by_a_verb_and_a_noun_is_practised_as_the_skill(notes, topic):
    """'Design skills', 'test knowledge': a noun naming a skill; the advice practises it, not 'designing
    skills' or 'testing knowledge' (the verb read as the thing to practise)."""
    advice = [f.text for f in draft_feedback(None, notes).feedback if f.kind == "advice"]
    assert advice and topic in advice[0] and not re.search(r"(?:designing skills|testing knowledge)", advice[0]), advice
    assert "designing a schema" in " ".join(_texts("Couldn't design a schema"))  # a verb phrase still is one


@pytest.mark.parametrize("notes, gap", [
    ("Took ages to get to the point", "You took a long time to get to the point"),
    ("Rambled, took forever to get to the point on every answer", "You took a long time to get to the point"),
    ("Answers too long-winded, lost the thread twice", "Your answers were longer than they needed to be."),
    ("Waffled for ages before getting to the point", "You waffled")])
def test_answers_slow_to_reach_their_point_are_a_gap_with_advice_to_be_concise(notes, gap):
    """An impression of answers slow to reach their point has usable advice (lead with the point): it was
    dropped as unclear ('Took ages to get to the point'), or advised 'hands-on experience with for ages …'."""
    texts = _texts(notes)
    assert any(t.startswith(gap) for t in texts), texts
    assert any("main point" in t for t in texts) and not any(re.search(r"\bages\b|forever|experience with", t)
                                                             for t in texts), texts
    assert not any("thread twice was" in t for t in texts), texts


@pytest.mark.parametrize("notes, gap", [
    ("Had trouble under pressure", "You were less steady under pressure than this role needs."),
    ("cracked when pushed", "You were less steady when pushed than this role needs."),
    ("a bit less clear under time pressure", "You were a bit less clear under time pressure than this role needs."),
    ("Had poor judgement under pressure", "Your judgement was weaker under pressure than this role needs.")])
def test_a_shortfall_under_pressure_is_how_the_candidate_held_up(notes, gap):
    """A shortfall that shows only under pressure is one clause about how the candidate held up, with advice to
    practise under pressure: never 'Under pressure was the part of the interview you found hardest', 'We noted had
    poor judgement under pressure', or dropped as unclear ('cracked …', 'less clear …')."""
    result = draft_feedback(None, notes, {"candidate_name": "Asha"})
    assert [f.text for f in result.feedback if f.kind == "gap"] == [gap] and not result.dropped, result
    assert any("against the clock" in f.text for f in result.feedback if f.kind == "advice"), result.feedback


@pytest.mark.parametrize("notes, praise", [
    ("Strange as it sounds she nailed the SQL", "You nailed the SQL."),
    ("Surprisingly good SQL", "Your SQL was good."),
    ("To my surprise he aced the case study", "You aced the case study."),
    ("Funnily enough his Excel was the best part", "your Excel was the best part")])
def test_the_interviewers_own_surprise_is_left_out_and_the_praise_kept(notes, praise):
    """An aside of the interviewer's own ('Strange as it sounds', 'Surprisingly', 'To my surprise') is theirs: the
    praise after it is kept, without it (it was dropped with the praise as 'a judgement of the person' or 'nothing to
    turn into feedback', or said as 'One strength the panel noted: surprisingly good SQL')."""
    result = draft_feedback(None, notes, {"candidate_name": "Asha"})
    texts = [f.text for f in result.feedback]
    assert any(praise in t for t in texts) and not result.dropped, (texts, result.dropped)
    assert not any(re.search(r"(?i)surpris|strange|funnily|enough", t) for t in texts), texts


@pytest.mark.parametrize("notes, who", [("Compared to Rahul, she was weaker on negotiation", "Rahul"),
                                        ("Compared to Anjali, his SQL was basic", "Anjali"),
                                        ("Unlike Priya, she couldn't size the market", "Priya")])
def test_a_comparison_named_before_a_comma_keeps_its_remark_private(notes, who):
    """'Compared to Rahul, she was weaker on negotiation' measures the candidate against someone else: the comma
    split the name off ('Compared to Rahul' dropped as unclear) and the comparison reached the candidate as 'We
    noted you were weaker on negotiation.'"""
    result = draft_feedback(None, notes, {"candidate_name": "Asha"})
    assert not result.feedback and [d.category for d in result.dropped] == ["private"], (result.feedback, result.dropped)
    assert who in result.dropped[0].reason
    assert _texts("Compared to last year, stronger SQL")  # a time measured against is no person


@pytest.mark.parametrize("notes", ["Diction unclear, maybe speech issue?", "has a lisp", "Hindi better than English",
                                   "mother tongue Urdu, English patchy"])
def test_a_guess_at_speech_or_the_candidates_own_language_is_risky(notes):
    """A guess at a speech condition is health, the candidate's own language set against English is national
    origin: left out as risky (was 'The panel noted diction unclear, maybe speech issue.', 'One strength the panel
    noted: Hindi better than English.', or 'Your English was uneven.' after 'mother tongue Urdu')."""
    result = draft_feedback(None, f"{notes}\nGreat problem solving", {"candidate_name": "Asha"})
    assert [f.kind for f in result.feedback] == ["strength"], [f.text for f in result.feedback]
    assert {d.category for d in result.dropped} == {"risky"}, result.dropped
    assert _texts("English patchy") and _texts("Good speech at the end")  # English, a speech given: the work


@pytest.mark.parametrize("notes", ["pregnant? (not sure)\nGood excel modelling", "Visa? (unconfirmed)\nGood excel modelling"])
def test_a_hedge_on_the_remark_before_it_is_no_remark(notes):
    """'(not sure)' after a dropped remark hedges that remark: it reached the draft as 'The panel noted (not sure).'
    A hedge inside a remark ('Weak SQL (not sure why)') is the interviewer's doubt and is left out of it."""
    result = draft_feedback(None, notes, {"candidate_name": "Asha"})
    assert [f.kind for f in result.feedback] == ["strength"], [f.text for f in result.feedback]
    assert _texts("Weak SQL (not sure why)")[0] == "Your SQL was not yet as strong as this role needs."
    assert _texts("Strong stakeholder mgmt (I think)") == ["Your stakeholder management was strong."]


@pytest.mark.parametrize("note", ["Nervous in the behavioural bit but fine", "A little nervous early on, settled later",
                                  "Visibly nervous"])
def test_nerves_that_open_a_remark_are_the_candidates_state_not_feedback(note):
    """Nerves said of the candidate ('Nervous at the start', 'Visibly nervous') are an impression of their state on
    the day, like 'seemed nervous': left out (was 'You were less confident than this role needs in the behavioural
    bit.', 'Your visibly was less confident …'). Nerves said of a piece of work ('facilitation nervous') stay a gap."""
    result = draft_feedback(None, f"{note}\nGood SQL", {"candidate_name": "Asha"})
    assert [f.kind for f in result.feedback] == ["strength"], [f.text for f in result.feedback]
    assert "not_about_work" in {d.category for d in result.dropped}
    assert _said("facilitation nervous", "gap") and _said("Shaky on SQL", "gap")


@pytest.mark.parametrize("notes, kind, says", [
    ("Analytics: exceeds", "strength", "Your analytics was strong."),
    ("Presentation: meets", "strength", "Your presentation was solid."),
    ("Leadership: below - no examples of leading a team", "gap",
     "Your leadership was not yet as strong as this role needs: there were no examples of leading a team."),
    ("Stakeholder mgmt - below expectations", "gap", "Your stakeholder management was not yet as strong as this role needs.")])
def test_a_scorecard_band_reads_as_the_verdict_it_means(notes, kind, says):
    """An ATS band after a skill ('exceeds', 'meets', 'below', with 'expectations' or not) is that skill's verdict: it
    was dropped as unclear ('exceeds', 'meets', 'below' on their own), its evidence kept without its skill."""
    result = draft_feedback(None, notes, {"candidate_name": "Asha"})
    assert [f.text for f in result.feedback if f.kind == kind] == [says] and not result.dropped, result


@pytest.mark.parametrize("notes", ["Way overconfident, claimed expert in everything",
                                   "Claims to be strong in SQL but couldn't write a join"])
def test_the_candidates_claim_is_no_praise(notes):
    """'claimed expert in everything' is the candidate's word for themselves: never 'You claimed expert in
    everything, and the panel noticed it.' as a strength; 'Way overconfident' is a degree, never 'Your way …'."""
    result = draft_feedback(None, notes, {"candidate_name": "Asha"})
    assert not [f for f in result.feedback if f.kind == "strength"], [f.text for f in result.feedback]
    assert not any(re.search(r"(?i)\bclaim|your way\b", f.text) for f in result.feedback), result.feedback


@pytest.mark.parametrize("notes, gap, advice", [
    ("Spoke v fast, hard to follow", "You spoke very quickly", "Slowing down"),
    ("talks very fast", "You spoke very quickly", "Slowing down"),
    ("hard to follow at times", "Your answers were at times harder to follow than they needed to be.", "main point"),
    ("Answers were hard to follow", "Your answers were harder to follow than they need to be.", "main point")])
def test_speech_too_fast_or_hard_to_follow_is_a_gap_with_advice_on_it(notes, gap, advice):
    """'Spoke v fast' is no praise of speed (was 'The panel particularly valued your spoke, which was fast.'), and
    'hard to follow' with no subject is the candidate's answers (was 'The panel noted hard to follow.'); the advice
    is about pace or getting to the point, not 'hands-on experience with answers'."""
    result = draft_feedback(None, notes, {"candidate_name": "Asha"})
    texts = [f.text for f in result.feedback]
    assert not [f for f in result.feedback if f.kind == "strength"], texts
    assert any(t.startswith(gap) for t in texts) and any(advice in t for t in texts), texts
    assert not any("experience with" in t or "noted hard" in t for t in texts), texts


@pytest.mark.parametrize("notes, says, practise", [
    ("No concrete examples of collaboration", "Concrete examples of collaboration were missing from what we saw.",
     "practice with collaboration"),
    ("struggled with the group exercises", "The group exercises were the part of the interview you found hardest.", "")])
def test_a_plural_gap_topic_agrees_and_examples_practise_their_skill(notes, says, practise):
    """'Concrete examples of collaboration was missing …', 'The group exercises was the part …': a plural topic takes
    'were'; the advice practises what the examples would show, not 'experience with concrete examples of …'."""
    from model.feedback import Remark, _advice_from_gap, default_lexicon, gap_variants

    lex = default_lexicon()
    note = notes
    clauses, topic = gap_variants(Remark(note, normalise(note, lex), "gap"), lex)
    assert says[:-1] in [c[:1].upper() + c[1:] for c in clauses], clauses
    if practise:
        assert any(practise in a for a in _advice_from_gap(topic, lex)), topic


@pytest.mark.parametrize("notes, gap", [
    ("Low confidence, kept apologising", "Your confidence was lower than this role needs: you kept apologising."),
    ("very quiet, had to pull answers out of him", "You were quieter than this role needs.")])
def test_what_happened_after_a_comma_is_evidence_never_a_topic(notes, gap):
    """After a judgement and a comma, what the candidate did is its evidence ('kept apologising'), and what the
    interviewer had to do is left out: never 'Your had to pull answers out of you was quieter …' or 'Your
    confidence, kept apologising were lower …'; a quality such as confidence gets no 'hands-on experience with' it."""
    texts = _texts(notes)
    assert texts == [gap], texts


@pytest.mark.parametrize("notes, says", [
    ("Testing: 2/5 no unit tests written", "Testing didn't come through as strongly as this role needs."),
    ("Stakeholder mgmt: 2/5 - talked over the PM",
     "Your stakeholder management was not yet as strong as this role needs: you talked over the product manager."),
    ("Communication: 4 - clear, structured", "Your communication was clear and well structured."),
    ("Debugging: 4/5 found the bug fast", "You found the bug fast.")])
def test_a_labelled_score_and_its_comment_read_as_a_scorecard_line(notes, says):
    """'Label: score comment' is the label's score and its evidence (was 'We noted 2/5 no unit tests written.',
    'Your 4/5 found the bug was fast.', or the comment dropped as unclear); a bare number has no scale and is left
    out; a lone word of praise under a label is said of it ('structured' was 'You structured.'); what the candidate
    did fast is said as done ('found the bug fast' was 'Your found the bug was fast.')."""
    result = draft_feedback(None, notes, {"candidate_name": "Asha"})
    texts = [f.text for f in result.feedback]
    assert says in texts and not any(re.search(r"\d/\d|Your found|You structured", t) for t in texts), texts
    assert not result.dropped, result.dropped


@pytest.mark.parametrize("notes", ["Couldn't articulate why she wants to move → weak motivation",
                                   "Couldn't articulate why she wants to move -> weak motivation"])
def test_an_arrow_to_a_conclusion_splits_the_remark(notes):
    """'… → weak motivation': the arrow leads to the interviewer's conclusion, a remark of its own; it was kept inside
    the gap ('You weren't yet able to articulate why you want to move → weak motivation, which this role needs.')."""
    texts = _texts(notes)
    assert "You weren't yet able to articulate why you want to move, which this role needs." in texts, texts
    assert not any(re.search(r"→|->|move weak", t) for t in texts), texts


@pytest.mark.parametrize("notes, gap", [("Strategy case: 3/5 - good structure but missed competitor angle", "missed"),
                                        ("Excel 3/5 - solid formulas but slow.", "slower")])
def test_a_score_s_comment_that_opens_with_praise_of_a_thing_is_no_verdict_on_the_topic(notes, gap):
    """After a score, 'good structure but missed …' praises the structure and names a gap: never 'Your strategy case
    was good (structure but missed competitor angle).' or 'Your Excel was solid (formulas but slow).'"""
    texts = _texts(notes)
    assert not any("(" in t for t in texts) and any(gap in t for t in texts if "strong" not in t), texts


def test_a_band_on_a_part_and_a_graded_verdict_on_the_candidate():
    """'meets on coding, below on sys design': the bands said of parts are verdicts on them (was 'The panel noted
    below on system design.', 'meets on coding' dropped); 'Solid B+ candidate' grades the whole candidate and is left
    out (was 'Your B+ you was solid, and it stood out to the panel.')."""
    texts = _texts("meets on coding, below on sys design")
    assert "You were solid on coding." in texts and any(t.startswith("System design didn't") for t in texts), texts
    assert _texts("exceeds on stakeholder comms") == ["You were strong on stakeholder communication."]
    for grade in ("Solid B+ candidate.", "Strong B candidate."):
        result = draft_feedback(None, f"{grade} Gaps in data modelling")
        assert [d.note for d in result.dropped] == [grade] and len(result.feedback) == 2, (grade, result)


@pytest.mark.parametrize("notes, says", [
    ("She was weak on SQL", "SQL didn't come through as strongly as this role needs."),
    ("He is rusty on Java", "Java didn't come through as strongly as this role needs."),
    ("candidate was strong on SQL", "You were strong on SQL."),
    ("she was great with clients", "You were great with clients.")])
def test_the_candidate_as_subject_of_a_judgement_on_a_skill(notes, says):
    """'She was weak on SQL' is a judgement on SQL, as 'weak on SQL' is: never 'We noted you were weak on SQL.' or
    'One strength the panel noted: you were strong on SQL.'"""
    texts = _texts(notes)
    assert texts[0] == says and not any("noted" in t for t in texts), texts


@pytest.mark.parametrize("notes", ["Too theoretical at times", "Too detailed at first"])
def test_when_a_gap_showed_is_no_topic_and_the_role_is_said_once(notes):
    """'at times', 'at first' say when: no advice on 'experience with times' (was 'Getting more hands-on experience
    with times …'), and never 'For this role, you were more theoretical than this role needs'."""
    from model.feedback import Remark, default_lexicon, gap_variants

    lex = default_lexicon()
    clauses, topic = gap_variants(Remark(notes, normalise(notes, lex), "gap"), lex)
    assert not topic and clauses and not any(c.count("this role") > 1 for c in clauses), (clauses, topic)
    assert not any("experience with" in t for t in _texts(notes)), _texts(notes)


@pytest.mark.parametrize("notes, gap, advice", [
    ("Needs more exp w/ stakeholder mgmt b/c only worked in small teams",
     "This role needs more experience with stakeholder management than came through in the interview.",
     "practice with stakeholder management in your day-to-day work would"),
    ("Not enough leadership exp for a senior role",
     "This role needs more hands-on experience with leadership than you have had so far.", "experience with leadership would"),
    ("no real project exp", "This role needs more project experience than you have had so far.", "with project work"),
    ("no real client exposure", "This role needs more client exposure than you have had so far.", "with client work"),
    ("Answers on testing strategy were vague", "Your answers on testing strategy were less specific than we needed.",
     "practice with testing strategy"),
    ("useEffect confused", "useEffect didn't come through as strongly as this role needs.", "with useEffect"),
    ("closures confused", "Closures didn't come through as strongly as this role needs.", "with closures")])
def test_a_gap_names_the_skill_without_the_interviewers_reasons(notes, gap, advice):
    """The gap is the skill: not the interviewer's reason ('… because only worked in small teams than came through'),
    the role measured against ('experience with leadership experience for a senior role'), a kind of experience cut to
    a bare noun ('We didn't see project.'), the answers about it ('practice with answers on testing strategy'), or a
    confusion said of the topic ('The panel noted useEffect confused.', 'UseEffect')."""
    texts = _texts(notes)
    assert texts[0] == gap and any(advice in t for t in texts[1:]), texts


@pytest.mark.parametrize("notes, strength, gap", [("exp w/ Tableau ++, Power BI --", "Tableau", "Power BI"),
                                                  ("Python +, Java -", "Python", "Java")])
def test_a_mark_after_an_item_gives_its_polarity(notes, strength, gap):
    """'Tableau ++, Power BI --': each item's mark says which way it was judged, as a leading '+'/'-' does (the
    line was dropped as unclear)."""
    result = draft_feedback(None, notes, {"candidate_name": "Asha"})
    assert any(strength in f.text for f in result.feedback if f.kind == "strength"), result.feedback
    assert any(gap in f.text for f in result.feedback if f.kind == "gap"), result.feedback
    assert not result.dropped and not any(re.search(r"\+|--", f.text) for f in result.feedback), result


@pytest.mark.parametrize("notes, says", [("no metrics", "metrics were missing from what we saw"),
                                         ("no unit tests written", "unit tests were missing from what we saw"),
                                         ("no analytics", "analytics was missing from what we saw")])
def test_what_was_missing_agrees_and_is_named_without_its_participle(notes, says):
    """'Metrics was missing …', 'Unit tests written was missing …': 'metrics' is plural (as 'analytics' is not), and
    what was not there is the tests, not their writing."""
    from model.feedback import Remark, default_lexicon, gap_variants

    lex = default_lexicon()
    assert says in gap_variants(Remark(notes, normalise(notes, lex), "gap"), lex)[0]


@pytest.mark.parametrize("notes, advice", [
    ("Forgot to mention key achievements till prompted", "More practice mentioning key achievements would"),
    ("no pandas depth", "practice with pandas would"),
    ("Marketing campaign examples generic", "experience with marketing campaign work would"),
    ("Struggled w/ the whiteboard under time pressure", "against the clock"),
    ("Weak decision making under pressure", "against the clock")])
def test_advice_practises_the_skill_not_when_or_how_deep_it_showed(notes, advice):
    """Advice names what to practise: not 'mentioning key achievements till prompted', 'pandas depth', 'marketing
    campaign examples', or 'hands-on experience with the whiteboard under time pressure' (pressure has its own)."""
    texts = [f.text for f in draft_feedback(None, notes).feedback if f.kind == "advice"]
    assert texts and advice in texts[0], texts


@pytest.mark.parametrize("notes, gap", [
    ('Lacked ownership - kept saying "we"', "Ownership didn't come through as strongly as this role needs"),
    ("lacks initiative", "Initiative didn't come through as strongly as this role needs.")])
def test_ownership_is_a_quality_not_experience_to_gain(notes, gap):
    """'Lacked ownership' was 'This role needs hands-on experience with ownership, which you haven't had yet', with
    advice on 'hands-on experience with ownership': a quality seen in the interview, like confidence."""
    texts = _texts(notes)
    assert texts[0].startswith(gap) and not any("experience with" in t for t in texts), texts


@pytest.mark.parametrize("notes, gap", [("Writing sample had lots of typos", "that your writing sample had lots of typos"),
                                        ("Report had a few typos", "that your report had a few typos")])
def test_typos_in_the_work_are_a_gap(notes, gap):
    """'Writing sample had lots of typos' was dropped as unclear ('typos' was no cue) or said as 'We noted writing
    sample had …'; a clause with 'had' is the candidate's work, as one with 'was' is."""
    texts = _texts(notes)
    assert texts and gap in texts[0], texts


@pytest.mark.parametrize("notes, gap", [
    ("little hands on", "This role needs more hands-on experience than you have had so far."),
    ("not much hands-on work", "This role needs more hands-on experience than you have had so far."),
    ("Only 1 yr exp.", "We noted only 1 year of experience."),
    ("only 2 years experience in sales", "We noted only 2 years of experience in sales.")])
def test_hands_on_and_a_length_of_experience_read_as_experience(notes, gap):
    """'little hands on' was 'The role relies on hands on from the first week …' (advice on 'hands-on experience with
    hands on'), 'Only 1 yr exp.' was 'The panel noted only 1 year experience.'"""
    assert _texts(notes) == [gap]


@pytest.mark.parametrize("notes, first", [
    ("SQL 3/5, Python 4/5\nstakeholder mgmt: weak - talked over the PM twice", "your stakeholder management"),
    ("Excel skills avg\nno vlookup", "we didn't see vlookup")])
def test_a_middling_rating_is_never_the_main_reason_a_check_suggests(notes, first):
    """The gaps a check's suggestions fill in come in the draft's order: a middling rating ('SQL 3/5', 'Excel skills
    avg') after the clearer gaps (the suggested reason was 'your SQL was not yet as strong as this role needs')."""
    gaps = notes_to_context(notes)["gaps"]
    assert gaps[0].startswith(first) and len(gaps) == 2, gaps


@pytest.mark.parametrize("notes", ["fast, accurate LBO build; weak on SQL", "Technically sound on Kafka. Weak on Java"])
def test_a_strength_no_pattern_phrases_is_not_offered_to_a_check_s_templates(notes):
    """A check's suggestions put a strength into a template ('…; {strength} stood out to us'): one said only as 'One
    strength the panel noted: …' read '…; one strength the panel noted: fast, accurate LBO build stood out to us.'"""
    ctx = notes_to_context(notes)
    assert not any("noted" in s for s in ctx.get("strengths", [])) and ctx["gaps"], ctx


@pytest.mark.parametrize("notes, says", [("Couldn't do the mental maths q", "the mental maths question"),
                                         ("Good STAR structure on the conflict q", "the conflict question")])
def test_a_lone_q_after_a_word_is_a_question(notes, says):
    """'the mental maths q' reached the candidate as 'You weren't yet able to do the mental maths q'; 'Q3' and 'Q&A'
    keep their capital letter and meaning."""
    texts = _texts(notes)
    assert any(says in t for t in texts) and not any(re.search(r"\bq\b", t) for t in texts), texts
    assert any("Q&A" in t for t in _texts("weak on the Q&A"))


@pytest.mark.parametrize("notes, gaps", [("SQL 3/5, stakeholder mgmt: weak", ["stakeholder management", "SQL"]),
                                         ("Excel 3/5, comms: strong", ["Excel"])])
def test_a_score_followed_by_another_topic_is_not_commented_by_it(notes, gaps):
    """'SQL 3/5, stakeholder mgmt: weak': what follows the score names its own topic, so it is no comment on the SQL
    score (which was dropped as 'a middling score, said by the comment after it')."""
    result = draft_feedback(None, notes, {"candidate_name": "Asha"})
    said = [f.text for f in result.feedback if f.kind == "gap"]
    assert len(said) == len(gaps) and all(g in t for g, t in zip(gaps, said)) and not result.dropped, result


@pytest.mark.parametrize("notes, gap", [
    ("Lost her way when pushed on the numbers", "You were less steady when pushed on the numbers than this role needs."),
    ("Struggled under time pressure in the coding round",
     "You were less steady under time pressure in the coding round than this role needs.")])
def test_a_shortfall_under_pressure_may_say_on_what_or_where(notes, gap):
    """'when pushed on the numbers', 'under time pressure in the coding round': the pressure, then on what or where
    (were 'Your way when pushed on the numbers was less sure-footed …' and 'Under time pressure in the coding round was
    the part of the interview you found hardest.', with advice on 'under time pressure in the coding')."""
    texts = _texts(notes)
    assert texts[0] == gap and "against the clock" in texts[1], texts


@pytest.mark.parametrize("notes, says", [
    ("good on Excel; possible junior buyer role in May", "We may open a junior buyer role in May;"),
    ("good on Excel; possible night shift lead role in Q3", "We may open a night shift lead role in Q3;"),
    ("good on Excel; Band 7 role next spring", "We may open a Band 7 role next spring;"),
    ("good on Excel; maybe Level 4 post in June", "We may open a Level 4 post in June;")])
def test_a_possible_role_is_a_next_step_named_in_full(notes, says):
    """'possible junior buyer role in May' was a gap ('We noted possible junior buyer role in May.'), 'night shift
    lead role' was 'a night shift' (the first role noun) and 'Band 7 role' was 'a similar role' (the grade dropped)."""
    result = draft_feedback(None, notes, {"candidate_name": "Asha"})
    assert (result.relationship or "").startswith(says) and [f.kind for f in result.feedback] == ["strength"], result


@pytest.mark.parametrize("notes, gap", [("Python (basic)", "Your Python was more basic than this role needs."),
                                        ("stakeholder mgmt (weak)", "Your stakeholder management was not yet as strong")])
def test_a_verdict_in_brackets_is_the_topic_s_rating(notes, gap):
    """'Python (basic)' was 'We noted Python (basic).', 'SQL (strong)' was 'One strength the panel noted: SQL (strong).'"""
    texts = _texts(notes)
    assert texts[0].startswith(gap) and not any("(" in t for t in texts), texts
    assert _texts("SQL (strong)") == ["Your SQL was strong."]


@pytest.mark.parametrize("notes, gap", [
    ("meets expectations on all but one: data viz (below)", "Your data viz was not yet as strong"),
    ("solid on every competency except one: SQL (weak)", "Your SQL was not yet as strong"),
    ("strong on all but one - stakeholder mgmt", "Your stakeholder management was not yet as strong")])
def test_all_but_one_names_the_one_that_fell_short(notes, gap):
    """'meets expectations on all but one: data viz (below)' was split at 'but' into 'meets expectations on all'
    (dropped) and 'The panel noted one: data viz (below).'"""
    result = draft_feedback(None, notes, {"candidate_name": "Asha"})
    assert result.feedback[0].text.startswith(gap) and not result.dropped, result


@pytest.mark.parametrize("notes, says", [("Spoke fast but clearly", "You spoke clearly."),
                                         ("talked too fast but clearly", "You talked clearly."),
                                         ("Spoke quietly but clearly", "You spoke clearly.")])
def test_a_manner_in_contrast_borrows_the_verb(notes, says):
    """'Spoke fast but clearly' was 'You clearly.': the second manner is said of the same verb."""
    texts = _texts(notes)
    assert says in texts and "You clearly." not in texts, texts


@pytest.mark.parametrize("notes, says", [("pandas ok-ish", "Your pandas was not yet"),
                                         ("Jenkins avg", "Your Jenkins was not yet"),
                                         ("kubernetes shaky", "Your Kubernetes was not yet")])
def test_a_tool_whose_name_ends_in_s_is_no_plural(notes, says):
    """'pandas ok-ish' was 'Your pandas were not yet …'; 'metrics' and 'KPIs' stay plural."""
    assert _texts(notes)[0].startswith(says), _texts(notes)
    assert _texts("metrics were weak")[0].startswith("Your metrics were not yet")


@pytest.mark.parametrize("notes, gap", [("poor on Q2 and Q3", "Your answers to Q2 and Q3 didn't come through"),
                                        ("weak on q2, q5", "Your answers to Q2, Q5 didn't come through"),
                                        ("weak on question 3", "Your answers to question 3 didn't come through")])
def test_a_question_by_number_is_a_part_of_the_interview_not_a_skill(notes, gap):
    """'poor on Q2 and Q3' was 'Q2 and Q3 didn't come through …' with advice on 'hands-on experience with Q2 and Q3'."""
    texts = _texts(notes)
    assert texts[0].startswith(gap) and len(texts) == 1, texts


@pytest.mark.parametrize("notes, says", [("Tech: strong", "Your tech was strong."),
                                         ("Code was messy", "Your code was"),
                                         ("Sales: good", "Your sales were good.")])
def test_a_common_word_capitalised_at_a_note_s_start_is_lower_cased(notes, says):
    """'Tech: strong' was 'Your Tech was strong.', 'Code was messy' 'Your Code was …'; a product keeps its capital."""
    assert _texts(notes)[0].startswith(says), _texts(notes)
    assert _texts("Oracle: strong") == ["Your Oracle was strong."]
    assert _texts("Spring weak")[0].startswith("Your Spring was")


@pytest.mark.parametrize("notes", ["Mark was weak", "She was weak", "Tom was a bit weak"])
def test_a_bare_verdict_on_the_whole_person_is_dropped(notes):
    """'Mark was weak' (with no candidate name to tell who Mark is) was 'You were not yet as strong as this role
    needs.' with advice on 'hands-on experience with you'."""
    result = draft_feedback(None, notes)
    assert not result.feedback and result.dropped[0].category == "unclear", result
    assert not any("with you" in t for t in _texts("Python: she was weak"))


@pytest.mark.parametrize("notes", ["Rambled", "rambly", "she waffled"])
def test_a_bare_word_for_rambling_says_the_answers_lost_focus(notes):
    """A bare 'Rambled' or 'rambly' was dropped as unclear, though it has usable advice: be concise."""
    texts = _texts(notes, {"candidate_name": "Asha"})
    assert texts[0] == "Your answers were less focused than this role needs." and "main point" in texts[1], texts
    assert _texts("Presentation: rambling")[0].startswith("Your presentation was")


@pytest.mark.parametrize("notes, says", [
    ("missed competitor angle", "You missed the competitor angle,"),
    ("skipped safety check", "You skipped the safety check,"),
    ("back up Python claim", "One suggestion from the panel: back up your Python claim.")])
def test_a_deed_s_object_gets_its_article(notes, says):
    """'missed competitor angle' was 'You missed competitor angle, …'; 'back up Python claim' was dropped as unclear."""
    texts = _texts(notes)
    assert texts[0].startswith(says), texts


@pytest.mark.parametrize("notes, gap", [("overcooked the fish", "The fish was overcooked."),
                                        ("undercooked the chicken", "The chicken was undercooked."),
                                        ("missed the competitor angle", "You missed the competitor angle,")])
def test_the_object_of_a_deed_is_no_skill_to_practise(notes, gap):
    """'overcooked the fish' gave the advice 'Getting more hands-on experience with the fish …'."""
    texts = _texts(notes)
    assert texts[0].startswith(gap) and not any("experience with the" in t or "practice with the" in t
                                                for t in texts), texts


@pytest.mark.parametrize("notes, gap", [("Trial shift: stock control sloppy", "Your stock control was less careful"),
                                        ("stock control sloppy in trial shift", "Your stock control in the trial shift"),
                                        ("sloppy stock control on trial shift", "Your stock control on the trial shift")])
def test_a_remark_on_the_trial_shift_is_no_logistics(notes, gap):
    """'Trial shift: stock control sloppy' and 'stock control sloppy in trial shift' were dropped as logistics (as
    'trial shift on Tuesday' still is)."""
    result = draft_feedback(None, notes, {"candidate_name": "Asha"})
    assert result.feedback and result.feedback[0].text.startswith(gap) and not result.dropped, result
    assert draft_feedback(None, "trial shift on Tuesday").dropped[0].category == "logistics"


@pytest.mark.parametrize("notes, gap", [("no error handling", "We didn't see error handling."),
                                        ("no bug tracking", "We didn't see bug tracking.")])
def test_a_practice_named_after_faults_is_no_absent_fault(notes, gap):
    """'no error handling' was 'One strength the panel noted: no error handling.' (read as 'no errors')."""
    result = draft_feedback(None, notes)
    assert result.feedback[0].kind == "gap" and result.feedback[0].text == gap, result


@pytest.mark.parametrize("notes, gap, other", [
    ("no tests, variable names like x1 x2", "We didn't see tests.", "variable names like x1 x2"),
    ("no comments, magic numbers everywhere", "We didn't see comments.", "magic numbers everywhere")])
def test_a_piece_that_shows_what_it_says_is_no_item_of_a_gap_s_list(notes, gap, other):
    """'no tests, variable names like x1 x2' was 'We didn't see tests, variable names like x1 x2.' (two remarks as one
    list); 'no tests, docs or types' stays one."""
    result = draft_feedback(None, notes)
    assert result.feedback[0].text == gap and result.dropped[0].note == other, result
    assert _texts("no tests, docs or types")[0] == "We didn't see tests, docs or types."


@pytest.mark.parametrize("notes, need", [("mostly B2C, they need B2B", "B2B"),
                                         ("mostly retail, client needs wholesale", "wholesale"),
                                         ("mostly B2C experience but the role needs B2B", "B2B")])
def test_what_the_client_needs_is_not_the_candidate(notes, need):
    """'mostly B2C, they need B2B' read the client's 'they' as the candidate ('mostly B2C, you need B2B', dropped)."""
    result = draft_feedback(None, notes, {"candidate_name": "Asha"})
    assert result.feedback[0].text == f"This role needs more hands-on experience with {need} than you have had so far." \
        and not result.dropped, result


@pytest.mark.parametrize("notes, says", [("strong on Q2", "You were strong in your answers to Q2."),
                                         ("good at Q1", "You were good in your answers to Q1."),
                                         ("couldn't answer Q3", "You weren't yet able to answer Q3, which this role needs.")])
def test_a_question_by_number_reads_as_answers_and_is_never_practised(notes, says):
    """After 38b2f3a 'strong on Q2' read 'You were strong on your answers to Q2.'; 'couldn't answer Q3' gave the
    advice 'More practice answering Q3 …'."""
    assert _texts(notes) == [says]


@pytest.mark.parametrize("notes, says", [
    ("forgot safety check on the forklift task", "forgot the safety check on the forklift task"),
    ("missed key point in the brief", "You missed the key point in the brief,")])
def test_a_deed_s_object_gets_its_article_before_where_it_happened(notes, says):
    """'forgot safety check on the forklift task' kept 'forgot safety check' (the article was added only at the end)."""
    assert says in _texts(notes)[0], _texts(notes)


@pytest.mark.parametrize("notes, says", [("good on Excel; Band 6 role next year?", "We may open a Band 6 role next year;"),
                                         ("good on Excel; senior post in spring", "We may open a senior post in spring;")])
def test_a_role_and_a_time_with_no_judgement_is_a_next_step(notes, says):
    """'Band 6 role next year?' was dropped as unclear ('no judgement of the work')."""
    result = draft_feedback(None, notes, {"candidate_name": "Asha"})
    assert (result.relationship or "").startswith(says) and not result.dropped, result


@pytest.mark.parametrize("notes, name", [("Node.js weak", "Node.js"), ("Vue.js a bit shaky", "Vue.js")])
def test_a_dotted_tool_name_is_not_expanded_as_shorthand(notes, name):
    """'js' is shorthand for JavaScript on its own, not inside 'Node.js' ('Your Node.JavaScript was …')."""
    texts = _texts(notes)
    assert any(name in t for t in texts) and not any("JavaScript" in t for t in texts), texts
    assert any("JavaScript" in t for t in _texts("js weak"))


@pytest.mark.parametrize("notes, kept", [("SQL a bit shaky", True), ("React was quite shaky", True),
                                         ("She seemed shaky", False), ("looked a bit shaky and tired", False)])
def test_a_shaky_skill_is_a_gap_and_a_shaky_person_their_state(notes, kept):
    """'SQL a bit shaky' was dropped as the candidate's state on the day, as 'seemed shaky' is."""
    result = draft_feedback(None, notes, {"candidate_name": "Asha"})
    assert bool([f for f in result.feedback if f.kind == "gap"]) is kept, result
    assert bool(result.dropped) is not kept


@pytest.mark.parametrize("notes", [
    "SQL weak. another analyst role opens in spring",
    "good comms. another ward sister post coming up in June",
    "strong sales. another store manager vacancy being advertised next month",
])
def test_an_opening_the_notes_call_another_gets_no_second_article(notes):
    """'another analyst role' in the notes is an opening already: never 'an another analyst role'."""
    from model.feedback import notes_to_context

    openings = notes_to_context(notes).get("upcoming_openings")
    assert openings and not re.match(r"(?i)an? another\b", openings[0]), openings


@pytest.mark.parametrize("notes, strength", [
    ("excellent lesson plans (year 9 fractions)", "your lesson plans were excellent (year 9 fractions)"),
    ("bit quiet. good database skills (salesforce). no volunteer recruiting", "your database skills were good (Salesforce)"),
])
def test_a_plural_topic_with_a_bracketed_note_takes_a_plural_verb(notes, strength):
    """'lesson plans (year 9 fractions)' is plural whatever the brackets end with: 'were', not 'was' (the
    bracketed evidence goes after the verdict)."""
    assert strength in notes_to_context(notes).get("strengths", [])


@pytest.mark.parametrize("notes, says", [
    ("Python: she was weak", "Your Python was not yet as strong as this role needs."),
    ("Excel: he seemed poor", "Your Excel was below what this role needs."),
    ("SQL: she was strong", "Your SQL was strong."),
    ("Knife skills: he was excellent", "Your knife skills were excellent.")])
def test_a_label_s_topic_stays_when_the_remark_only_judges_the_candidate(notes, says):
    """'Python: she was weak' was 'You were not yet as strong as this role needs.' (Python lost)."""
    assert _texts(notes, {"candidate_name": "Asha"})[0] == says


@pytest.mark.parametrize("notes, place", [("station messy", "station"), ("messy work area", "work area"),
                                          ("her bench was a mess", "bench"), ("prep station a bit untidy", "prep station")])
def test_a_workspace_left_untidy_is_said_as_untidy_with_advice_to_keep_it_tidy(notes, place):
    """'station messy' (a kitchen trial) was 'Your station was harder to follow than it needs to be.' with advice on
    'hands-on experience with station'; 'bench …' was dropped as the IT 'on the bench'."""
    assert _texts(notes, {"candidate_name": "Asha"}) == [
        f"Your {place} was less tidy than this role needs.",
        f"Keeping your {place} clean and organised as you work would make a real difference next time."]
    assert _texts("Code was messy")[0] == "Your code was harder to follow than it needs to be."
    assert draft_feedback(None, "on the bench since March").dropped[0].category == "not_feedback"


@pytest.mark.parametrize("notes, did", [("talked over the panel", "talked over the panel"),
                                        ("he talked over me twice", "talked over your interviewer twice"),
                                        ("kept interrupting the PM", "interrupted the product manager more than once"),
                                        ("cut the customer off mid-sentence", "cut off the customer mid-sentence")])
def test_talking_over_people_is_a_gap_with_advice_on_letting_them_finish(notes, did):
    """'talked over the panel' was dropped as unclear ('no judgement of the work'), though it is concrete behaviour."""
    assert _texts(notes, {"candidate_name": "Asha"}) == [
        f"You {did}, and letting others finish matters in this role.",
        "Letting the other person finish, then building on what they said, would make a real difference next time."]
    assert draft_feedback(None, "interview interrupted by fire alarm").dropped


@pytest.mark.parametrize("notes, gap, advice", [
    ("needs experience with React.js", "This role needs more experience with React.js than came through in the interview.",
     "Getting more hands-on practice with React.js would make a future application much stronger."),
    ("needs some exposure to Next.js", "This role needs more exposure to Next.js than came through in the interview.",
     "Getting more hands-on practice with Next.js would make a future application much stronger."),
    ("limited handover experience", "This role needs more hands-on experience with handover than you have had so far.",
     "Getting more practice with handover in your day-to-day work would make a future application much stronger."),
    ("documentation weak", "Your documentation was not yet as strong as this role needs.",
     "Getting more practice with documentation in your day-to-day work would make a future application much stronger.")])
def test_advice_fits_a_practice_and_a_dotted_tool_name(notes, gap, advice):
    """'needs experience with React.js' was 'We noted that you need experience with React.js.' with no advice; a
    practice ('handover') got 'hands-on experience with handover', and 'Next.js' no 'practice' as other software."""
    assert _texts(notes, {"candidate_name": "Asha"}) == [gap, advice]
    assert _texts("Kubernetes weak")[1] == "Getting more hands-on practice with Kubernetes would make a future application much stronger."


@pytest.mark.parametrize("notes, kept", [("React: he was pretty weak", "Your React was not yet as strong as this role needs."),
                                         ("pretty good with customers", "You were good with customers."),
                                         ("SQL pretty weak", "Your SQL was not yet as strong as this role needs.")])
def test_pretty_before_a_verdict_is_a_degree_not_looks(notes, kept):
    """'he was pretty weak', 'pretty good with customers' were dropped as remarks on appearance; 'she's pretty' is one."""
    assert _texts(notes, {"candidate_name": "Asha"})[0] == kept
    assert draft_feedback(None, "she's pretty").dropped[0].category == "not_about_work"


@pytest.mark.parametrize("notes, who", [("Rahul better fit imo", "Rahul"), ("Mia the stronger hire", "Mia"),
                                        ("Sam a stronger hire tbh", "Sam")])
def test_a_verbless_comparison_with_someone_named_is_private(notes, who):
    """'Rahul better fit imo' was kept as 'One strength the panel noted: Rahul better fit.' (another candidate named)."""
    result = draft_feedback(None, notes, {"candidate_name": "Asha"})
    assert not result.feedback and result.dropped[0].category == "private" and who in result.dropped[0].reason, result


@pytest.mark.parametrize("notes, says", [
    ("SQL -> weak", ["Your SQL was not yet as strong as this role needs."]),
    ("comms => good", ["Your communication was good."]),
    ("Python → strong, SQL → weak", ["Your Python was strong.", "Your SQL was not yet as strong as this role needs."]),
    ("Python - strong, Excel - weak", ["Your Python was strong.", "Your Excel was not yet as strong as this role needs."])])
def test_an_arrow_to_a_verdict_is_a_scorecard_line_and_each_line_its_own_remark(notes, says):
    """'SQL -> weak' was two remarks dropped as unclear ('SQL', 'weak'); 'Python - strong, SQL - weak' one strength
    with the other line as its evidence ('Your Python was strong (SQL - weak).')."""
    texts = _texts(notes, {"candidate_name": "Asha"})
    assert [t for t in texts if "would make" not in t] == says, texts
    assert _texts("SQL - weak, no joins")[0] == "Your SQL was not yet as strong as this role needs: there were no joins."


@pytest.mark.parametrize("notes, says", [
    ("stakeholder mgmt - needs work", "Your stakeholder management was not yet as strong as this role needs."),
    ("Python: needs improvement", "Your Python was not yet as strong as this role needs."),
    ("SQL = needs work", "Your SQL was not yet as strong as this role needs.")])
def test_a_scorecard_verdict_of_needs_work_is_said_as_a_gap(notes, says):
    """'stakeholder mgmt - needs work' was 'Stakeholder management was didn't come through as strongly …', with advice
    on '… stakeholder management was'."""
    texts = _texts(notes, {"candidate_name": "Asha"})
    assert texts[0] == says and not any(" was would" in t for t in texts), texts


@pytest.mark.parametrize("notes, says", [("Forklift test passed.", "You passed the forklift test."),
                                         ("numeracy assessment passed comfortably",
                                          "You passed the numeracy assessment comfortably."),
                                         ("the written exam was passed", "You passed the written exam.")])
def test_a_test_named_before_passed_is_a_strength(notes, says):
    """'Forklift test passed.' was dropped as unclear, though 'passed the forklift test' is a strength."""
    assert _texts(notes, {"candidate_name": "Asha"}) == [says]


@pytest.mark.parametrize("notes", ["Late by 20 mins (traffic)", "late by about 10 min", "was late by 1 hr - train"])
def test_late_by_a_time_is_logistics(notes):
    """'Late by 20 mins (traffic)' was kept as 'We noted late by 20 mins (traffic).' ('20 mins late' was logistics)."""
    result = draft_feedback(None, notes, {"candidate_name": "Asha"})
    assert not result.feedback and result.dropped[0].category == "logistics", result


@pytest.mark.parametrize("notes, part", [("ran out of time on task 2", "task 2"), ("weak on test 3", "test 3"),
                                         ("struggled with exercise B in the group round", "exercise B")])
def test_a_numbered_part_of_the_interview_takes_no_article_and_is_no_skill_to_practise(notes, part):
    """'ran out of time on task 2' was 'You ran out of time on the task 2, …' with advice on 'experience with time on
    the task 2'; 'weak on test 3' gave 'More practice testing 3'."""
    texts = _texts(notes, {"candidate_name": "Asha"})
    assert part.lower() in texts[0].lower() and f"the {part}" not in texts[0], texts
    assert not any(part in t or part.replace("test", "testing") in t for t in texts[1:]), texts
    assert _texts("ran out of time on the case study")[1] == \
        "Practising similar tasks against the clock would make a real difference next time."


@pytest.mark.parametrize("notes, did", [("interrupted the role player twice", "interrupted the role player twice"),
                                        ("talked over the role-player", "talked over the role-player")])
def test_talking_over_a_role_player_is_a_gap(notes, did):
    """'interrupted the role player twice' (written with a space) was dropped as unclear."""
    assert _texts(notes, {"candidate_name": "Asha"})[0] == f"You {did}, and letting others finish matters in this role."


@pytest.mark.parametrize("notes, says", [("tests: none", "We didn't see tests."), ("Docs: nil", "We didn't see docs."),
                                         ("Edge cases: missing", "We didn't see edge cases.")])
def test_a_part_of_the_work_labelled_none_is_what_was_missing(notes, says):
    """'tests: none' was dropped as unclear ('none'); 'Allergies: none' and 'Red flags: none' are still no feedback."""
    assert _texts(notes, {"candidate_name": "Asha"})[0] == says
    assert not _texts("Allergies: none") and not _texts("Red flags: none")


@pytest.mark.parametrize("notes, strength, gap", [
    ("brickwork level & plumb ✔️ pointing messy", "level and plumb", "Your pointing was"),
    ("Tableau ✅ Power BI ❌", "Tableau", "Power BI didn't come through"),
    ("plating neat 👍 timing off on the mains 👎", "Your plating was neat.", "Your timing on the mains")])
def test_a_tick_or_a_cross_ends_its_remark_and_gives_its_polarity(notes, strength, gap):
    """'brickwork level & plumb ✔️ pointing messy' was one remark once the emoji went: 'Your brickwork level and plumb
    pointing were harder to follow …'."""
    result = draft_feedback(None, notes, {"candidate_name": "Asha"})
    kinds = {f.kind: f.text for f in result.feedback}
    assert strength in kinds.get("strength", "") and kinds.get("gap", "").startswith(gap), result


@pytest.mark.parametrize("notes, practice", [
    ("no experience with handovers in a ward setting", "handovers in your"),
    ("documentation weak on the audit task", "documentation in your")])
def test_a_practice_said_with_where_is_still_practised_at_work(notes, practice):
    """'no experience with handovers in a ward setting' got 'hands-on experience with handovers in a ward setting'."""
    advice = _texts(notes, {"candidate_name": "Asha"})[-1]
    assert advice.startswith(f"Getting more practice with {practice}"), advice


@pytest.mark.parametrize("notes, says", [
    ("attention to detail poor (typos in deck)", "Your attention to detail was below what this role needs (typos in deck)."),
    ("knife work sloppy (uneven dice)", "Your knife work was less careful than this role needs (uneven dice).")])
def test_evidence_in_brackets_after_a_verdict_follows_the_verdict_s_sentence(notes, says):
    """'attention to detail poor (typos in deck)' was 'We noted attention to detail poor (typos in deck).'"""
    assert _texts(notes, {"candidate_name": "Asha"})[0] == says


@pytest.mark.parametrize("notes, says", [
    ("stakeholder mgmt weak b/c only worked in startups", "Your stakeholder management was not yet as strong as this role needs."),
    ("SQL rusty since never used it in her job", "Your SQL was rustier than this role needs.")])
def test_the_interviewer_s_reason_after_a_verdict_is_left_out(notes, says):
    """'stakeholder mgmt weak b/c only worked in startups' was 'We noted stakeholder management weak because only worked
    in startups.' ('weak on X because …' already left the reason out)."""
    assert _texts(notes, {"candidate_name": "Asha"})[0] == says


@pytest.mark.parametrize("notes, says", [("slow on till", "You were slower than this role needs on the till."),
                                         ("a bit hesitant on forklift", "on the forklift")])
def test_the_equipment_of_a_shift_takes_its_article(notes, says):
    """'slow on till' was 'You were slower than this role needs on till.' with 'Timed practice with till …'."""
    texts = _texts(notes, {"candidate_name": "Asha"})
    assert says in texts[0] and not any(re.search(r"\b(?:on|with) (?:till|forklift)\b", t) for t in texts), texts


@pytest.mark.parametrize("notes, says", [("upsold well", "You upsold well."),
                                         ("upsold the desserts well", "You upsold the desserts well.")])
def test_upsold_is_something_the_candidate_did(notes, says):
    """'upsold well' was 'One strength the panel noted: upsold well.' ('sold well' was 'You sold well.')."""
    assert _texts(notes, {"candidate_name": "Asha"}) == [says]


@pytest.mark.parametrize("notes, says", [("Obs: accurate", "Your observations were accurate."),
                                         ("Obs: she was thorough", "Your observations were thorough.")])
def test_obs_is_clinical_shorthand_for_observations_not_a_name(notes, says):
    """'Obs: accurate' read 'Obs' as the interviewer's name: 'You came across as accurate.' (the topic lost)."""
    assert _texts(notes, {"candidate_name": "Asha"}) == [says]


@pytest.mark.parametrize("notes, says", [("she is having good knowledge of SQL", "Your knowledge of SQL was good."),
                                         ("has strong stakeholder skills", "Your stakeholder skills were strong."),
                                         ("he has weak SQL", "Your SQL was not yet as strong as this role needs.")])
def test_a_judged_thing_the_candidate_has_is_said_as_theirs(notes, says):
    """'has good knowledge of SQL' (and the Indian English 'is having good knowledge of SQL') fell through to 'One
    strength the panel noted: has good knowledge of SQL.'; 'has weak SQL' to 'We noted that you have weak SQL.'"""
    assert _texts(notes, {"candidate_name": "Asha"})[0] == says


@pytest.mark.parametrize("notes, says", [
    ("Excel 3/5, PowerPoint 4/5, attention to detail poor (typos in deck)",
     ["Your PowerPoint was strong.", "Your attention to detail was below what this role needs (typos in deck).",
      "Your Excel was not yet as strong as this role needs."]),
    ("SQL 3/5, Python 4/5, docs sloppy (no README)",
     ["Your Python was strong.", "Your docs were less careful than this role needs: there was no README.",
      "Your SQL was not yet as strong as this role needs."])])
def test_a_score_followed_by_another_score_is_no_comment_of_the_first(notes, says):
    """'Excel 3/5, PowerPoint 4/5, attention to detail poor (typos in deck)' read the rest as Excel's comment: Excel 3/5
    was dropped, and the bracket lost its close ('We noted attention to detail poor (typos in deck.')."""
    texts = _texts(notes, {"candidate_name": "Asha"})
    assert [t for t in texts if "would make" not in t] == says, texts


@pytest.mark.parametrize("notes, says", [("Knife skills ++", "Your knife skills stood out as a strength."),
                                         ("Pros:\n- stock control", "Your stock control stood out as a strength."),
                                         ("Tableau ✅", "Your Tableau stood out as a strength.")])
def test_a_skill_named_as_a_strength_by_its_mark_or_heading_is_said_as_a_strength(notes, says):
    """'Knife skills ++' was 'One strength the panel noted: knife skills.' (a fragment, not a sentence)."""
    assert _texts(notes, {"candidate_name": "Asha"}) == [says]
    assert not any("Your punctual" in t for t in _texts("+ punctual"))


@pytest.mark.parametrize("notes", ["answers were vague", "case study answers were generic",
                                   "interview answers a bit generic"])
def test_answers_judged_with_no_skill_named_get_advice_on_specific_examples(notes):
    """'case study answers were generic' got 'Getting more hands-on experience with case study answers …'; a named
    skill's answer ('vendor negotiation answer') practised 'vendor negotiation answer'."""
    assert _texts(notes, {"candidate_name": "Asha"})[1] == \
        "Backing each answer with a specific example from your own work would make a real difference next time."
    assert "practice with SQL would" in _texts("SQL answers were vague")[1]
    assert "experience with vendor negotiation would" in _texts("vendor negotiation answer vague")[1]


@pytest.mark.parametrize("notes, advice", [
    ("couldn't wire a 3-way switch on the practical", "More practice wiring a 3-way switch would"),
    ("couldn't explain indexing in the technical round", "More practice explaining indexing would"),
    ("struggled with pivot tables during the Excel test", "experience with pivot tables would")])
def test_where_in_the_interview_a_gap_showed_is_no_part_of_the_advice(notes, advice):
    """'couldn't wire a 3-way switch on the practical' advised 'More practice wiring a 3-way switch on the practical';
    'struggled with pivot tables during the Excel test' 'practice with pivot tables during the Excel'."""
    assert advice in _texts(notes, {"candidate_name": "Asha"})[1]


@pytest.mark.parametrize("notes, says", [("mate she was quick on the drinks", "You were quick on the drinks."),
                                         ("yeah he's solid on SQL", "You were solid on SQL.")])
def test_an_aside_to_the_reader_opening_a_remark_is_left_out(notes, says):
    """'mate she was quick on the drinks' was 'One strength the panel noted: mate you were quick on the drinks.'"""
    assert _texts(notes, {"candidate_name": "Asha"}) == [says]


@pytest.mark.parametrize("notes, says", [("pointing messy", "Your pointing was less tidy than this role needs."),
                                         ("messy icing", "Your icing was less tidy than this role needs.")])
def test_handiwork_judged_messy_is_less_tidy_not_harder_to_follow(notes, says):
    """'pointing messy' (brickwork) was 'Your pointing was harder to follow than it needs to be.'"""
    assert _texts(notes, {"candidate_name": "Asha"})[0] == says
    assert _texts("wiring sloppy")[0] == "Your wiring was less careful than this role needs."


@pytest.mark.parametrize("notes", ["Priya (other cand) nailed this Q", "other cand was stronger on SQL",
                                   "the other interviewee was sharper on pricing"])
def test_another_candidate_in_shorthand_is_private(notes):
    """'Priya (other cand) nailed this Q' was kept as 'One strength the panel noted: Priya (other you) nailed this Q.'
    ('cand' read as the candidate)."""
    result = draft_feedback(None, notes, {"candidate_name": "Asha"})
    assert not result.feedback and result.dropped[0].category == "private", result


@pytest.mark.parametrize("notes, says", [("gr8 attitude", "Your attitude was great."),
                                         ("ngl her Excel was mid", "Your Excel was not yet as strong as this role needs."),
                                         ("heaps good with customers", "You were good with customers.")])
def test_informal_verdicts_are_read(notes, says):
    """'gr8 attitude' and 'ngl her Excel was mid' were dropped as unclear; 'heaps good with customers' was 'One
    strength the panel noted: heaps good with customers.'"""
    assert _texts(notes, {"candidate_name": "Asha"})[0] == says
    assert normalise("available from mid") == "available from mid"


@pytest.mark.parametrize("notes, practice", [("safety isolation skipped", "safety isolation"),
                                             ("timing off on the mains", "timing"),
                                             ("cash handling 2/5", "cash handling")])
def test_a_procedure_of_a_shift_or_site_is_practised_at_work(notes, practice):
    """'safety isolation skipped' advised 'hands-on experience with safety isolation', as if it were a tool."""
    assert _texts(notes, {"candidate_name": "Asha"})[-1] == \
        f"Getting more practice with {practice} in your day-to-day work would make a future application much stronger."


@pytest.mark.parametrize("notes, advice", [
    ("dessert under-seasoned", "Tasting as you go, and adjusting the seasoning before each plate goes out, would make a "
                               "real difference next time."),
    ("lamb overcooked", "Checking how each element is cooked before the plate goes out would make a real difference "
                        "next time.")])
def test_a_dish_judged_at_a_kitchen_trial_gets_advice_on_the_cooking(notes, advice):
    """'dessert under-seasoned' advised 'Getting more hands-on experience with dessert …'."""
    assert _texts(notes, {"candidate_name": "Asha"})[-1] == advice
    assert "seasoning" not in _texts("pitch a bit bland")[-1]


@pytest.mark.parametrize("notes, advice", [("pretty average on the coding", "practice with coding would"),
                                           ("weak on the plating", "experience with plating would")])
def test_a_skill_said_with_the_is_practised_without_it(notes, advice):
    """'average on the coding' advised 'Getting more hands-on practice with the coding …'."""
    assert advice in _texts(notes, {"candidate_name": "Asha"})[-1]


@pytest.mark.parametrize("remark", ["attention to detail poor (" + "typos in deck " * 3_000,
                                    "attention to detail poor (" + "typos a" * 6_000 + ") and more words after it"])
def test_a_bracket_that_never_closes_does_not_stall_the_evidence_reading(remark):
    """'attention to detail poor (typos in deck)': the bracket's evidence was read by a pattern that backtracked
    over every letter of a bracket left open (quadratic: a second for notes at their length limit); it is linear,
    and still reads a closed bracket."""
    from model.feedback import _BRACKET_EVIDENCE

    with finishes_within(1, "reading a bracket's evidence"):
        assert _BRACKET_EVIDENCE.match(remark) is None
    m = _BRACKET_EVIDENCE.match("attention to detail poor (typos in deck).")
    assert (m.group("head"), m.group("evidence")) == ("attention to detail poor", "typos in deck")
    assert _BRACKET_EVIDENCE.match("attention to detail poor (42)") is None  # evidence holds a letter


_NO_STEP_DRAFT = ("Hi Sam,\n\nThank you for interviewing for the grants officer role. We have decided not to proceed "
                  "with your application.\n\nBest,\nAna")


@pytest.mark.parametrize("notes, step", [
    ("Advise: take a grant management course", "Next time, taking a grant management course would make"),
    ("good budgets; should shadow a performance coach", "Next time, shadowing a performance coach would make"),
    ("recommend supervisor training program", "Next time, completing a supervisor training program would make"),
    ("next time bring a portfolio", "Next time, bringing a portfolio would make"),
])
def test_advice_in_the_notes_fills_the_next_step_suggestion(checker, notes, step):
    """Advice written in the notes never reached `structure.no_next_step`'s suggestion: `notes_to_context` gave
    no `advice`, so the suggestion kept its '[one concrete step …]' placeholder."""
    report = checker.check(_NO_STEP_DRAFT, context={"interviewer_notes": notes})
    f = next(f for f in report.findings if f.rule == "structure.no_next_step")
    assert f.suggestions[0].startswith(step), f.suggestions
    # a vague piece of advice, or one naming someone else, is no step
    for vague in ("should work on her confidence", "needs to try harder",
                  "should shadow Priya, she was much stronger on grants"):
        assert "advice" not in notes_to_context(vague, "Asha"), vague


@pytest.mark.parametrize("notes", ["Sam stronger overall", "Rahul better overall", "Dev did this better tbh"])
def test_a_named_person_stronger_overall_or_doing_it_better_is_private(notes):
    """'Sam stronger overall' was kept as 'One strength the panel noted: sam stronger.', and 'Dev did this better
    tbh' as '… development did this better.': another candidate named and compared."""
    result = draft_feedback(None, notes, {"candidate_name": "Asha"})
    assert not result.feedback and [d.category for d in result.dropped] == ["private"], result
    assert _texts("SQL stronger overall than expected") != []  # a skill compared is still feedback


@pytest.mark.parametrize("notes, topic", [("Mate was weak on SQL", "SQL"), ("was weak on SQL", "SQL"),
                                          ("yeah was shaky on Excel", "Excel"), ("Mate weak on stock control", "stock control")])
def test_a_remark_with_no_subject_or_an_aside_for_one_is_about_the_candidate(notes, topic):
    """'Mate was weak on SQL' was 'Your mate on SQL was not yet as strong as this role needs.' (and 'was weak on
    SQL' 'Your were on SQL were …'): the aside, or the missing subject, is the candidate."""
    texts = _texts(notes, {"candidate_name": "Asha"})
    assert texts and topic.lower() in texts[0].lower() and not re.search(r"(?i)\b(?:mate|yeah|were on|your were)\b", " ".join(texts)), texts
    assert "mate" in " ".join(_texts("team mate was weak on SQL, she did well"))  # a team mate is no aside


@pytest.mark.parametrize("notes, tool, part", [("SQL: she was poor on joins", "SQL", "joins"),
                                               ("Excel: weak on pivot tables", "Excel", "pivot tables"),
                                               ("Python: strong on pandas", "Python", "pandas")])
def test_a_tool_named_by_the_label_stays_with_the_part_judged_under_it(notes, tool, part):
    """'SQL: she was poor on joins' was 'Joins didn't come through as strongly as this role needs.', and 'Excel: weak
    on pivot tables' 'Pivot tables didn't …' (the tool read as the interviewer's name): the tool lost."""
    first = _texts(notes, {"candidate_name": "Asha"})[0]
    assert tool in first and part in first.lower(), first
    assert "in Communication" not in " ".join(_texts("Communication: weak on structure"))  # a heading, not a tool


@pytest.mark.parametrize("notes, inside", [("strong spreadsheet models (3-statement, clean)", "(3-statement, clean)"),
                                           ("good stock rotation (FIFO, date checks)", "(FIFO, date checks)"),
                                           ("weak on handovers (rushed - missed allergies)", "missed allergies")])
def test_a_comma_or_dash_inside_brackets_does_not_split_the_remark(notes, inside):
    """'strong spreadsheet models (3-statement, clean)' was 'Your spreadsheet models (3-statement was strong.' and
    'One strength the panel noted: clean).'"""
    texts = _texts(notes, {"candidate_name": "Asha"})
    assert inside in texts[0] and not any(t.count("(") != t.count(")") for t in texts), texts


@pytest.mark.parametrize("notes, kept", [
    ("Good on SEO, weak on paid social, wants remote only bc of health stuff", ["SEO", "paid social"]),
    ("strong on rotas, weak on costings - bad back so no heavy lifting", ["rotas", "costings"]),
])
def test_a_fair_verdict_on_a_named_skill_beside_a_risky_remark_is_kept(notes, kept):
    """'Good on SEO, weak on paid social, wants remote only bc of health stuff' lost both fair remarks with the risky
    one: only the risky part is dropped ('diabetic - long shifts?' still goes as one thought)."""
    result = draft_feedback(None, notes, {"candidate_name": "Asha"})
    said = " ".join(f.text for f in result.feedback)
    assert all(k in said for k in kept) and [d.category for d in result.dropped] == ["risky"], (said, result.dropped)
    assert not draft_feedback(None, "diabetic - long shifts?").feedback


@pytest.mark.parametrize("notes, says", [
    ("Group task: stayed quiet", "In the group task, you were quieter than this role needs."),
    ("Group task: she stayed quiet", "In the group task, you were quieter than this role needs."),
    ("Role play: she was hesitant", "In the role play, you were less confident than this role needs."),
])
def test_how_the_candidate_was_in_a_labelled_exercise_is_said_of_them(notes, says):
    """'Group task: stayed quiet' was 'your group task: stayed was quieter than this role needs' (then 'Your stayed
    was quieter …'): the candidate was quiet in the group task, not the task."""
    assert _texts(notes, {"candidate_name": "Asha"})[0] == says
    assert _texts("Python: she was weak", {"candidate_name": "Asha"})[0].startswith("Your Python was")  # a skill's verdict stays the skill's


@pytest.mark.parametrize("notes, says", [("look at her portfolio - strong", "Your portfolio was strong."),
                                         ("check out his github - good", "Your GitHub was good."),
                                         ("see her case study: excellent", "Your case study was excellent.")])
def test_a_note_to_the_reader_to_look_at_the_work_is_no_part_of_it(notes, says):
    """'look at her portfolio - strong' was 'Your look at your portfolio was strong.'"""
    assert _texts(notes, {"candidate_name": "Asha"}) == [says]


@pytest.mark.parametrize("notes, says", [
    ("she caved on price immediately", "price"),
    ("gave in on the discount straight away", "discount"),
    ("structure of answers all over the place", "structure"),
    ("bit green on SQL", "SQL"),
    ("very green on rostering", "rostering"),
    ("interrupted the role player twice, tone a bit curt", "tone"),
    ("decontamination steps out of order twice", "decontamination steps"),
    ("did the handover in the wrong order", "handover"),
])
def test_fair_concrete_shortfalls_in_plain_words_are_gaps(notes, says):
    """These were dropped as unclear ('no judgement of the work'), though each is a fair, concrete shortfall."""
    result = draft_feedback(None, notes, {"candidate_name": "Asha"})
    gaps = [f.text for f in result.feedback if f.kind == "gap"]
    assert gaps and says in " ".join(gaps) and not result.dropped, (gaps, result.dropped)
    assert "structuring of" not in " ".join(_texts("structure of answers weak"))  # its advice: structuring answers


@pytest.mark.parametrize("notes, says", [("fast, clean station", "You were fast, and your station was clean."),
                                         ("clean, tidy station", "Your station was clean and tidy."),
                                         ("neat, accurate till work", "Your till work was neat and accurate.")])
def test_two_words_of_praise_before_the_work_are_said_of_it(notes, says):
    """'fast, clean station' was 'One strength the panel noted: fast, clean station.'"""
    assert _texts(notes, {"candidate_name": "Asha"}) == [says]


@pytest.mark.parametrize("notes, what", [("moving & handling refresher needed", "moving and handling"),
                                         ("needs a first aid refresher", "first aid"),
                                         ("refresher needed on COSHH", "COSHH")])
def test_training_due_a_refresher_is_said_as_such_with_the_refresher_as_advice(notes, what):
    """'moving & handling refresher needed' was 'We noted moving and handling refresher needed.'"""
    texts = _texts(notes, {"candidate_name": "Asha"})
    assert texts == [f"This role needs up-to-date {what} training, and yours is due a refresher.",
                     f"Getting a {what} refresher would make a future application much stronger."], texts


@pytest.mark.parametrize("notes, says", [
    ("decontamination steps out of order twice", "Your decontamination steps were done out of order twice."),
    ("PPE sequence in the wrong order", "Your PPE sequence was done in the wrong order."),
])
def test_steps_done_out_of_order_are_said_as_a_gap_in_the_procedure(notes, says):
    """'decontamination steps out of order twice' was not read as a gap (dropped as unclear, then 'We noted
    decontamination steps out of order twice.')."""
    texts = _texts(notes, {"candidate_name": "Asha"})
    assert texts[0] == says and "order" not in texts[-1], texts


@pytest.mark.parametrize("notes, says", [("fast, knife skills good", "Your knife skills were good."),
                                         ("calm, handover notes excellent", "Your handover notes were excellent.")])
def test_a_word_of_praise_before_a_topic_with_its_own_verdict_is_no_adjective_of_it(notes, says):
    """'fast, knife skills good' was 'Your fast, knife skills were good.' ('clear, structured answers' is still one)."""
    assert says in _texts(notes, {"candidate_name": "Asha"})
    assert _texts("clear, structured answers") == ["Your answers were clear and well structured."]


@pytest.mark.parametrize("notes, step", [
    ("should role-play objections with a peer", "Next time, role-playing objections with a peer would make"),
    ("needs to rehearse the pitch out loud", "Next time, rehearsing the pitch out loud would make"),
])
def test_advice_after_should_is_a_step_whatever_its_verb(checker, notes, step):
    """Advice with a verb the imperative list does not know ('role-play', 'rehearse') gave no `advice` for the
    next-step suggestion; a verb after 'should' is one ('be more confident' is still no step)."""
    report = checker.check(_NO_STEP_DRAFT, context={"interviewer_notes": notes})
    f = next(f for f in report.findings if f.rule == "structure.no_next_step")
    assert f.suggestions[0].startswith(step), f.suggestions
    assert "advice" not in notes_to_context("should be more confident", "Asha")


@pytest.mark.parametrize("notes, gap", [("HCA interview - good obs knowledge, documentation patchy", "documentation"),
                                        ("Trial shift - good till speed, stock rotation weak", "stock rotation")])
def test_a_verdict_that_is_an_adjective_of_the_next_noun_is_no_verdict_on_the_heading(notes, gap):
    """'Trial shift - good till speed, stock rotation weak' was 'Your trial shift was good (till speed, stock rotation
    weak).': the gap said as a strength's evidence."""
    result = draft_feedback(None, notes, {"candidate_name": "Asha"})
    assert any(gap in f.text.lower() for f in result.feedback if f.kind == "gap"), result.feedback
    assert not any(gap in f.text.lower() for f in result.feedback if f.kind == "strength"), result.feedback


@pytest.mark.parametrize("notes", ["should shadow Dev on site", "next time ask Mgr Tom", "should shadow Eng lead Raj"])
def test_advice_naming_someone_whose_name_is_also_a_word_is_no_step(notes):
    """'should shadow Dev on site' gave the advice 'shadow development on site' ('Dev' read as shorthand), and 'next
    time ask Mgr Tom' 'ask manager Tom': a colleague, or another candidate, is never named to the candidate."""
    assert "advice" not in notes_to_context(notes, "Asha")


@pytest.mark.parametrize("notes", ["asked for less money", "wants less pay if remote", "expects a bigger package"])
def test_asking_for_more_or_less_pay_is_private(notes):
    """'asked for less money' was kept as 'We noted that you asked for less money.' ('wants less pay if remote' too):
    pay is internal, whichever way the ask goes."""
    result = draft_feedback(None, notes, {"candidate_name": "Asha"})
    assert not result.feedback and [d.category for d in result.dropped] == ["private"], result
    assert "advice" not in notes_to_context(notes, "Asha")


@pytest.mark.parametrize("notes, says", [("recommend supervisor training program",
                                          "We'd recommend a supervisor training program."),
                                         ("suggest first aid course", "We'd recommend a first aid course.")])
def test_a_course_recommended_without_its_article_gets_one(notes, says):
    """'recommend supervisor training program' was 'We'd recommend supervisor training program.'"""
    assert _texts(notes, {"candidate_name": "Asha"}) == [says]
    assert _texts("recommend CFA level 1") == ["We'd recommend CFA level 1."]  # no course word: as written


@pytest.mark.parametrize("notes, opening", [
    ("great with customers in role play; weak on inventory shrink reports; opening for Department Supervisor in March",
     "a Department Supervisor role"),
    ("good rapport; slow on case math; could go for the opening for Junior Consultant in May", "a Junior Consultant role"),
    ("clear writer; thin on SQL; Analytics team has an opening in April", "a role on our Analytics team"),
    ("good rapport; slow on case math; Research team has a vacancy in the autumn", "a role on our Research team"),
])
def test_an_opening_the_notes_name_keeps_its_role_or_team(notes, opening):
    """'opening for Department Supervisor in March' named the role that opens; read as a bare 'opening' it became
    'a similar role', and the suggestion lost the one fact the recruiter gave."""
    assert notes_to_context(notes).get("upcoming_openings") == [opening]


@pytest.mark.parametrize("notes, topic", [("GitHub - really clean", "github"), ("React - really tidy", "react"),
                                          ("portfolio - messy", "portfolio")])
def test_a_thing_verdict_after_a_dash_is_its_topics(notes, topic):
    """'GitHub - really clean' was 'You were really clean.': the verdict after the dash is the GitHub's, not the
    candidate's."""
    result = draft_feedback(None, notes, {"candidate_name": "Asha"})
    assert result.feedback and all(topic in f.text.lower() for f in result.feedback), result
    assert not result.dropped, result


@pytest.mark.parametrize("notes", ["Priya was sharper on caching", "Callum quicker on fit-out"])
def test_another_person_measured_without_a_cue_is_private(notes):
    """'Priya was sharper on caching' was dropped as 'unclear' (no cue of the candidate's own): the reason to drop it
    is that it measures the candidate against someone else."""
    result = draft_feedback(None, notes, {"candidate_name": "Asha"})
    assert not result.feedback and [d.category for d in result.dropped] == ["private"], result


@pytest.mark.parametrize("notes, says", [("she caved on price immediately", "gave way on price immediately"),
                                         ("she folded on price straight away", "gave way on price straight away"),
                                         ("he backed down on the discount too quickly",
                                          "gave way on the discount too quickly")])
def test_giving_way_in_a_negotiation_is_said_as_the_skill(notes, says):
    """'she caved on price immediately' was 'The panel noted you caved on price immediately.' (the fallback), and
    'she folded on price straight away' was dropped as unclear: a concession under pushback, and what the role
    needs instead."""
    result = draft_feedback(None, notes, {"candidate_name": "Asha"})
    assert [f.kind for f in result.feedback] == ["gap"] and not result.dropped, result
    assert says in result.feedback[0].text and "hold your position" in result.feedback[0].text, result
    assert "noted" not in result.feedback[0].text, result


@pytest.mark.parametrize("notes, says", [("measuring off twice", "measuring was off the mark twice"),
                                         ("reconciliation off x2", "reconciliation was off the mark twice")])
def test_how_often_a_slip_happened_is_said_after_it(notes, says):
    """'measuring off twice' was 'The panel noted measuring off twice.': the count hid the slip from every pattern."""
    result = draft_feedback(None, notes, {"candidate_name": "Asha"})
    gaps = [f.text for f in result.feedback if f.kind == "gap"]
    assert len(gaps) == 1 and says in gaps[0] and "noted" not in gaps[0], result


@pytest.mark.parametrize("notes, step", [("recommend CFA level 1", "work towards CFA level 1"),
                                         ("suggest AAT level 3", "work towards AAT level 3"),
                                         ("recommend a level 2 NVQ", "work towards a level 2 NVQ")])
def test_a_qualification_recommended_by_its_level_is_an_advice_step(notes, step):
    """'recommend CFA level 1' gave no advice slot: no course word, but a qualification and its level is a step."""
    assert notes_to_context(notes, "Asha").get("advice") == [step]


@pytest.mark.parametrize("notes", ["shadow an experienced yr 5 teacher", "observe an experienced yr 2 teacher",
                                   "do a stats course", "get AAT level 3"])
def test_a_bare_development_step_is_advice(notes):
    """'shadow an experienced yr 5 teacher' was dropped as unclear: an instruction with no advice word is still a step
    for the candidate to take."""
    result = draft_feedback(None, notes, {"candidate_name": "Asha"})
    assert [f.kind for f in result.feedback] == ["advice"] and not result.dropped, result


@pytest.mark.parametrize("notes, says", [("care asst. lovely w/ residents", "lovely with residents"),
                                         ("kitchen asst. quick w/ prep", "quick with prep")])
def test_a_shortened_job_title_ends_before_the_remark(notes, says):
    """'care asst. lovely w/ residents' was 'One strength the panel noted: care asst. lovely with residents.': the
    title's stop was read as an abbreviation inside the remark, so the title became part of the strength."""
    result = draft_feedback(None, notes, {"candidate_name": "Asha"})
    strengths = [f.text for f in result.feedback if f.kind == "strength"]
    assert len(strengths) == 1 and says in strengths[0] and "asst" not in strengths[0], result


@pytest.mark.parametrize("notes", ["milk too hot x2", "soup not hot enough"])
def test_a_thing_too_hot_is_about_the_work(notes):
    """'milk too hot x2' was dropped as 'appearance, dress or manner' ('hot' read as said of the person)."""
    result = draft_feedback(None, notes, {"candidate_name": "Asha"})
    assert [f.kind for f in result.feedback] == ["gap"] and not result.dropped, result


@pytest.mark.parametrize("notes", ["chatty with customers (good)", "talkative with guests - great"])
def test_a_rated_manner_with_customers_is_a_strength(notes):
    """'chatty with customers (good)' was dropped as 'a judgement of the person': the manner with the customers, rated
    good, is how the candidate did the work."""
    result = draft_feedback(None, notes, {"candidate_name": "Asha"})
    assert [f.kind for f in result.feedback] == ["strength"] and not result.dropped, result
    assert "your chatty" not in result.feedback[0].text and "your talkative" not in result.feedback[0].text, result


@pytest.mark.parametrize("notes", ["forklift licence expired - needs renewal", "18th edition cert expired - needs renewing",
                                   "SMSTS lapsed"])
def test_an_expired_licence_is_logistics_like_an_expired_card(notes):
    """'forklift licence expired - needs renewal' was 'The panel noted that you need renewal.' with the licence dropped
    as unclear; 'CSCS card expired' is logistics: a ticket to renew before a start, not a judgement of the work."""
    result = draft_feedback(None, notes, {"candidate_name": "Asha"})
    assert not result.feedback and {d.category for d in result.dropped} == {"logistics"}, result


@pytest.mark.parametrize("notes", ["Priya stronger on system design", "Jaspreet calmer with residents"])
def test_a_named_person_better_at_something_without_a_verb_is_private(notes):
    """'Priya stronger on system design' was 'One strength the panel noted: Priya stronger on system design.': another
    candidate's name, and how they did, said to this one."""
    result = draft_feedback(None, notes, {"candidate_name": "Asha"})
    assert not result.feedback and [d.category for d in result.dropped] == ["private"], result


@pytest.mark.parametrize("notes, step", [("shadow a senior dev on code review", "shadow a senior developer on code review"),
                                         ("shadow a lead dev on deploys", "shadow a lead developer on deploys")])
def test_a_dev_after_a_seniority_is_a_developer(notes, step):
    """'shadow a senior dev on code review' was 'shadow a senior development on code review': after a seniority,
    'dev' is a person."""
    assert notes_to_context(notes, "Asha").get("advice") == [step]


@pytest.mark.parametrize("notes, says", [("milk too hot x2", "Your milk was too hot twice."),
                                         ("grout too thick", "Your grout was too thick.")])
def test_a_thing_made_too_much_of_something_is_said_of_the_thing(notes, says):
    """'milk too hot x2' was 'The panel noted milk too hot x2.' (the fallback): the thing made, as it came out."""
    result = draft_feedback(None, notes, {"candidate_name": "Asha"})
    assert [f.text for f in result.feedback] == [says], result


@pytest.mark.parametrize("notes", ["Sam" + " " * 10_000 + "x", "one of the best" + " " * 3000 + "portfolio"])
def test_praise_by_rank_with_a_run_of_spaces_is_read_once(notes):
    """"one of the best ... we've seen" let the topic and the thing seen end (and start) anywhere in a run of spaces:
    cubic, minutes for a note padded with spaces; they start and end on a non-space."""
    from model.feedback import _ONE_OF_THE_BEST

    with finishes_within(10, "reading praise by rank"):  # a hang guard, not a timing: it was seconds to minutes, now ms
        assert _ONE_OF_THE_BEST.fullmatch(notes) is None
    best = _ONE_OF_THE_BEST.fullmatch("her case study  was one of the best  take-homes we've seen")
    assert (best.group("topic"), best.group("what")) == ("her case study", "take-homes")


@pytest.mark.parametrize("name, score", [("_SCORE_LIST", "comms  -  4/5"), ("_SCORE_LEAD", "comms  -  4/5"),
                                         ("_SCORE_THEN_COMMENT", "comms  -  4/5 - clear")])
def test_a_score_with_a_run_of_spaces_is_read_once(name, score):
    """A score's "\\s*[:=–-]?\\s*" split a run of spaces between its two halves every way (quadratic per item: 20 s for
    a line of 10,000 spaces); the mark takes the spaces after it, so the run is read once."""
    import model.feedback as fb

    with finishes_within(5, f"reading a score ({name})"):  # a hang guard, not a timing: it was 20 s, now ms
        assert getattr(fb, name).match("a" + " " * 10_000 + "a") is None
    assert getattr(fb, name).match(score) is not None


def _read(pattern: re.Pattern, how: str, text: str):
    """What a pattern gives for `text` the way the notes reader calls it: the pieces, the text left, or the match."""
    if how == "split":
        return pattern.split(text)
    if how == "sub":
        return pattern.sub("", text)
    m = getattr(pattern, how)(text)
    return m and m.group(0)


@pytest.mark.parametrize("name, how, example, read", [
    ("_PIECES", "split", "SQL strong; comms weak", ["SQL strong", "comms weak"]),
    ("_COMMA", "split", "clear, concise - good + keen", ["clear", "concise", "good", "keen"]),
    ("_TRAILING_SIGN", "search", "Tableau ++", " ++"),
    ("_CONTRAST", "split", "clear but shallow", ["clear", "shallow"]),
    ("_AND", "split", "SQL and Python", ["SQL", "Python"]),
    ("_INTERVIEWER_TAG", "match", "Interviewer # 2", "Interviewer # 2"),
    ("_SCORE", "match", "SQL - 4/5", "SQL - 4/5"),
    ("_MEASURE_AND_BAR", "match", "typing speed 32 wpm (need 45)", "typing speed 32 wpm (need 45)"),
    ("_SIGNED_NOTE", "search", "good SQL - Priya", " - Priya"),
    ("_PANEL_NAMES", "sub", "notes - Interview panel: Suresh K", "notes"),
    ("_OWN_REACTION", "sub", "missed the deadline, which surprised me", "missed the deadline"),
    ("_OWN_SURPRISE", "sub", "weak SQL, surprising given her CV", "weak SQL"),
    ("_HEDGE_ASIDE", "sub", "strong on Excel (not sure)", "strong on Excel"),
    ("_GREEN_ON", "sub", "a bit green on budgeting", "budgeting"),
    ("_AT_ALL", "sub", "no SQL at all", "no SQL"),
    ("_TOPIC_TIME_TAIL", "sub", "no team lead experience yet", "no team lead experience"),
    ("_BRACKETED", "sub", "SQL (joins) weak", "SQL weak"),
    ("_DASH_EVIDENCE", "match", "comms weak - rambled on Q2", "comms weak - rambled on Q2"),
    ("_BRACKET_EVIDENCE", "match", "detail poor (typos in deck)", "detail poor (typos in deck)"),
    ("_NOT_AN_ISSUE", "match", "travel wasn't an issue", "travel wasn't an issue"),
    ("_OUT_OF_ORDER", "match", "steps done out of order twice", "steps done out of order twice"),
    ("_REFRESHER", "match", "needs an Excel refresher", "needs an Excel refresher"),
    ("_COUNT_TAIL", "search", "late x2", " x2"),
    ("_GAP_REASON", "search", "weak on B2B because she only sold B2C", " because she only sold B2C"),
    ("_PROCESS_PART", "match", "the SQL test", "the SQL test"),
    ("_ONCE_CANDIDATE", "sub", "could lead once she has more reps", "could lead"),
    ("EMAIL_ADDRESS", "sub", "mail jo@example.com today", "mail  today"),
    ("_EMPTY_BRACKETS", "sub", "SQL ( , ) weak", "SQL weak"),
])
def test_a_long_run_of_spaces_or_letters_is_read_in_linear_time(name, how, example, read):
    """Each of these tried a run of whitespace (or the letters before an '@') again from every place in it:
    quadratic or worse, seconds to hours on 100,000 spaces. The run before what they look for is bounded (40
    characters, 64 for an address's local part) or read once; real notes read the same."""
    import model.feedback as fb

    pattern = getattr(fb, name)
    text = "a" * 100_000 if name == "EMAIL_ADDRESS" else "I" + " " * 100_000 + "x"
    with finishes_within(5, f"reading a long run ({name})"):  # a hang guard, not a timing: it was seconds or more
        _read(pattern, how, text)
    assert _read(pattern, how, example) == read


def test_notes_of_one_long_word_are_read_in_linear_time():
    """The lexicon's next-step role read each word before 'role'/'team'/... from every letter of a long word to
    its end (quadratic: 5 s for notes of one 8,000-letter word, a minute for 30,000); a word there is at most 41
    letters, and a next step still names its role."""
    notes_to_context("weak on SQL")  # the lexicon loads once, outside the guard
    with finishes_within(20, "reading notes of one long word"):  # a hang guard, not a timing
        notes_to_context("Sam was " + "a" * 30_000 + " weak on SQL")
    assert "Data Analyst" in notes_to_context("weak on SQL joins; maybe Data Analyst role in Q2?").get(
        "upcoming_openings", [""])[0]


@pytest.mark.parametrize("notes, step", [("observe a senior stylist for a few weeks", "observe a senior stylist for a few weeks"),
                                         ("buddy up with an experienced barista on busy shifts",
                                          "buddy up with an experienced barista on busy shifts")])
def test_a_bare_development_step_fills_the_advice_slot(notes, step):
    """A bare step the draft gives as advice ('observe a senior stylist …') gave notes_to_context no `advice`: only
    steps that open with a verb the suggestion rules know ('shadow', 'do') reached the slot."""
    assert [f.kind for f in draft_feedback(None, notes, {"candidate_name": "Asha"}).feedback] == ["advice"]
    assert notes_to_context(notes).get("advice") == [step]


@pytest.mark.parametrize("notes", ["late x2 to the trial", "Late for both shifts"])
def test_a_bare_late_is_logistics_like_arrived_late(notes):
    """'late x2 to the trial' was 'The panel noted late x2 to the trial.' ('arrived late' is logistics, dropped):
    lateness with no verb is the same note."""
    result = draft_feedback(None, notes, {"candidate_name": "Asha"})
    assert not result.feedback and [d.category for d in result.dropped] == ["logistics"], result


@pytest.mark.parametrize("notes, said", [("dropped two cups during the trial shift",
                                          "You dropped two cups during the trial shift."),
                                         ("dropped cups x2", "You dropped cups twice.")])
def test_a_mishap_is_said_plainly_like_a_thing_that_came_out_wrong(notes, said):
    """'dropped two cups during the trial shift' was 'The panel noted that you dropped two cups …' (in the draft: 'The
    main reason is that the panel noted that you …'), and 'dropped cups x2' kept its 'x2'; 'milk too hot x2' is
    'Your milk was too hot twice.'"""
    result = draft_feedback(None, notes, {"candidate_name": "Asha"})
    assert [f.text for f in result.feedback] == [said], result
    assert notes_to_context(notes).get("gaps") == [said[0].lower() + said[1:-1]]


@pytest.mark.parametrize("notes, strength, gap", [
    ("knife skills good, sauce split", "knife skills", "Your sauce split."),
    ("tiling neat, grout a bit cracked", "tiling", "Your grout was a bit cracked.")])
def test_a_thing_that_failed_after_a_comma_is_a_gap_of_its_own(notes, strength, gap):
    """'knife skills good, sauce split' was one strength, 'One strength the panel noted: knife skills good, sauce
    split.': a thing made that failed ('sauce split', 'grout cracked') is a remark of its own, of the opposite sign."""
    result = draft_feedback(None, notes, {"candidate_name": "Asha"})
    kinds = [(f.kind, f.text) for f in result.feedback if f.kind != "advice"]
    assert [k for k, _ in kinds] == ["strength", "gap"] and strength in kinds[0][1] and kinds[1][1] == gap, kinds


@pytest.mark.parametrize("notes, said", [("Mgr. impressed with her stock rotation", "your stock rotation"),
                                         ("Store mgr. happy with his merchandising", "your merchandising"),
                                         ("head chef impressed by her mise en place", "your mise en place")])
def test_who_judged_and_their_reaction_is_praise_of_the_work(notes, said):
    """'Mgr. impressed with her stock rotation' was 'You impressed with your stock rotation, and the panel noticed it.'
    with 'Mgr.' dropped as unclear: the abbreviated judge is who was impressed, and what impressed them the strength."""
    result = draft_feedback(None, notes, {"candidate_name": "Asha"})
    assert not result.dropped and [f.kind for f in result.feedback] == ["strength"], result
    text = result.feedback[0].text
    assert said in text and not text.startswith("You ") and not re.search(r"(?i)\b(?:mgr|manager|chef)\b", text), text
    assert notes_to_context(notes)["strengths"][0].startswith("we were ")


@pytest.mark.parametrize("notes, said", [("teaching asst - lovely w/ kids", "lovely with the kids"),
                                         ("camp counsellor - kids loved her", "The children warmed to you."),
                                         ("nursery practitioner; children warmed to him quickly",
                                          "The children warmed to you quickly.")])
def test_the_children_the_work_serves_are_no_family_status(notes, said):
    """'teaching asst - lovely w/ kids' was dropped whole as risky family status ('kids'): 'w/' is 'with', and the
    children a teaching assistant, nursery or camp works with are the people the work serves, not their family."""
    result = draft_feedback(None, notes, {"candidate_name": "Asha"})
    assert [f.kind for f in result.feedback] == ["strength"] and said in result.feedback[0].text, result
    assert not any(d.category == "risky" for d in result.dropped), result.dropped


@pytest.mark.parametrize("notes", ["has kids", "childcare issues", "kids at home", "her kids loved her",
                                   "two kids w/ her so part time only"])
def test_the_candidates_own_children_stay_risky(notes):
    result = draft_feedback(None, notes, {"candidate_name": "Asha"})
    assert not result.feedback and [d.category for d in result.dropped] == ["risky"], result


@pytest.mark.parametrize("notes, strength, gap", [
    ("Frontend stronger on tests than backend", "frontend tests", "backend tests"),
    ("better with customers than with the till", "with customers", "the till"),
    ("Backend much weaker than frontend", "frontend", "backend")])
def test_a_comparison_inside_one_remark_is_a_strength_and_a_gap(notes, strength, gap):
    """'Frontend stronger on tests than backend' was one strength, 'One strength the panel noted: Frontend stronger on
    tests than backend.': two parts of the candidate's own work compared are a strength and a gap."""
    result = draft_feedback(None, notes, {"candidate_name": "Asha"})
    kinds = [(f.kind, f.text) for f in result.feedback if f.kind != "advice"]
    assert [k for k, _ in kinds] == ["strength", "gap"], kinds
    assert strength in kinds[0][1] and gap in kinds[1][1].lower() and " than " not in " ".join(t for _, t in kinds)


@pytest.mark.parametrize("notes", ["Priya stronger on tests than Raj", "Stronger on tests than Priya",
                                   "Raj better at SQL than Python", "Priya stronger on tests than backend"])
def test_a_comparison_with_a_person_is_not_split_into_parts_of_the_work(notes):
    result = draft_feedback(None, notes, {"candidate_name": "Asha"})
    assert not any(re.search(r"\b(?:priya|raj)\b", f.text) or re.search(r"(?i)\b(?:priya|raj)\b", f.text)
                   and f.text.startswith("Your") for f in result.feedback), result.feedback
    assert len(result.feedback) + len(result.dropped) <= 1, result


@pytest.mark.parametrize("notes, strength, gap", [
    ("FP&A analyst: DCF solid, stronger on modelling than presenting", "modelling", "presenting"),
    ("maths teacher: lesson pacing good, questioning weaker than explanations", "explanations", "questioning")])
def test_a_comparison_under_a_heading_is_a_strength_and_a_gap(notes, strength, gap):
    """Under a heading ('maths teacher: …, questioning weaker than explanations') the comparison was still one
    remark ('The panel noted questioning weaker than explanations.'); the sentence that says it is no comparison."""
    items = draft_feedback(None, notes, {"candidate_name": "Asha"}).feedback
    assert any(f.kind == "strength" and strength in f.text for f in items), items
    assert any(f.kind == "gap" and gap in f.text.lower() for f in items), items
    assert not any(" than " in f.text for f in items), items


@pytest.mark.parametrize("notes", ["wants wknds only", "can't do weekends", "no nights"])
def test_shifts_a_candidate_cannot_work_are_logistics(notes):
    """'wants wknds only' was 'The panel noted that you want wknds only.' and 'can't do weekends' a gap with the
    advice 'Practising doing weekends out loud …': availability is logistics, as 'weekends only' is."""
    result = draft_feedback(None, notes, {"candidate_name": "Asha"})
    assert not result.feedback and [d.category for d in result.dropped] == ["logistics"], result


@pytest.mark.parametrize("notes, kept", [("junior accountant - Xero good", "Your Xero"),
                                         ("jr dev - tests clean", "Your tests")])
def test_a_job_title_with_its_grade_is_no_verdict_on_seniority(notes, kept):
    """'junior accountant - Xero good' gave 'Your accountant was more junior than this role needs.' and advice to get
    'more hands-on experience with accountant': the heading is the role, not a gap ('too junior' still is one)."""
    result = draft_feedback(None, notes, {"candidate_name": "Asha"})
    assert [f.kind for f in result.feedback] == ["strength"] and result.feedback[0].text.startswith(kept), result
    assert [d.category for d in result.dropped] == ["unclear"]
    assert [f.kind for f in draft_feedback(None, "too junior", {}).feedback] == ["gap"]


@pytest.mark.parametrize("notes, said", [("KYC checks skipped once", "You skipped the KYC checks once, and that"),
                                         ("RCD test missed first time", "You missed the RCD test first time, and that"),
                                         ("allergen check forgotten x2", "You forgot the allergen check twice, and that")])
def test_a_step_left_out_is_said_as_what_the_candidate_did(notes, said):
    """'KYC checks skipped once' was 'Your KYC checks skipped once.' (and 'allergen check forgotten' was dropped as
    unclear): the step the candidate left out, as what they did, in the words 'safety isolation skipped' gets."""
    items = draft_feedback(None, notes, {"candidate_name": "Asha"}).feedback
    assert items[0].kind == "gap" and items[0].text.startswith(said), items


@pytest.mark.parametrize("notes, said", [("gentle w/ residents", "You were gentle with residents"),
                                         ("cocktails consistent", "Your cocktails were consistent")])
def test_gentle_and_consistent_are_praise(notes, said):
    """'gentle w/ residents' (a care role's first strength) and 'cocktails consistent' were dropped as unclear."""
    result = draft_feedback(None, notes, {"candidate_name": "Asha"})
    assert [f.kind for f in result.feedback] == ["strength"] and said in result.feedback[0].text, result


@pytest.mark.parametrize("notes, said", [("talked over customer x3", "three times, and"),
                                         ("cut the interviewer off x2", "You cut off the interviewer twice, and")])
def test_a_count_after_talking_over_someone_is_said_in_words(notes, said):
    """'talked over customer x3' was 'You talked over customer x3, and letting others finish …'."""
    texts = [f.text for f in draft_feedback(None, notes, {"candidate_name": "Asha"}).feedback]
    assert any(said in t for t in texts) and not any(re.search(r"\bx\d", t) for t in texts), texts


@pytest.mark.parametrize("notes, said", [("sous liked his mise", "liked your mise"),
                                         ("sous chef impressed by her prep list", "impressed with your prep list")])
def test_the_sous_chef_as_judge_is_no_part_of_the_strength(notes, said):
    """'sous liked his mise' was 'One strength the panel noted: sous liked your mise.' (the kitchen's short name for
    the sous chef, who judged)."""
    items = draft_feedback(None, notes, {"candidate_name": "Asha"}).feedback
    assert [f.kind for f in items] == ["strength"] and said in items[0].text and "sous" not in items[0].text, items


@pytest.mark.parametrize("notes, said", [("seems junior", "You were more junior than this role needs."),
                                         ("seemed slow", "You were slower than this role needs."),
                                         ("came across as a bit junior", "You were more junior than this role needs.")])
def test_how_the_candidate_came_across_is_no_topic(notes, said):
    """'seems junior' was 'Your seems were more junior than this role needs.' with advice to get experience with
    'seems'; 'seemed slow' was 'Your seemed was slower …'."""
    assert [f.text for f in draft_feedback(None, notes, {"candidate_name": "Asha"}).feedback] == [said]


@pytest.mark.parametrize("line", ["In March" + " " * 20_000 + ".", "last Tuesday" + " \t" * 20_000 + ";"])
def test_a_time_lead_before_a_long_run_of_spaces_is_read_without_stalling(line):
    """The separator after a note's time lead ('In March', 'last Tuesday:') is read once: '\\s*...\\s+' tried every
    split of a long run of spaces (quadratic: 8 s at 20,000 spaces, with no remark after it)."""
    from conftest import finishes_within
    from model.feedback import _time_last

    with finishes_within(3, "moving a time lead before a long run of spaces"):  # a hang guard, not a timing
        assert _time_last(line) == line
    assert _time_last("In March she presented the model clearly.") == "she presented the model clearly in March."


@pytest.mark.parametrize("notes, said", [
    ("KYC checks skipped several times", "You skipped the KYC checks several times, and that"),
    ("allergen check forgotten three times", "You forgot the allergen check three times, and that"),
    ("RCD test missed a few times", "You missed the RCD test a few times, and that"),
])
def test_a_step_left_out_with_any_count_is_said_as_what_the_candidate_did(notes, said):
    """'KYC checks skipped several times' was 'Your KYC checks skipped several times.' and 'allergen check forgotten
    three times' 'We noted allergen check forgotten three times.': a count the note patterns know (_COUNT_TAIL) made
    the remark a gap, but the step's own pattern read only 'once', 'twice' and 'x2'."""


@pytest.mark.parametrize("notes, said", [("obs charted late x2", "You charted the observations late twice, and"),
                                         ("Obs missed on bay 3", "You missed the observations on bay 3, and"),
                                         ("fluid balance charted late", "You charted the fluid balance late, and")])
def test_nursing_obs_done_late_or_missed_is_what_the_candidate_did(notes, said):
    """'obs charted late x2' was 'The panel noted obs charted late x2.' and 'Obs missed on bay 3' was dropped as private
    ('Obs', shorthand for observations, read as a person's name)."""
    items = draft_feedback(None, notes, {"candidate_name": "Asha"}).feedback
    assert items and items[0].kind == "gap" and items[0].text.startswith(said), items


@pytest.mark.parametrize("notes, said", [("junior for a senior analyst role", "You were more junior than a senior analyst role needs."),
                                         ("junior for the role", "You were more junior than this role needs."),
                                         ("quiet for a front of house role", "You were quieter than a front of house role needs.")])
def test_a_soft_word_for_the_role_is_said_once_as_too_much_for_it(notes, said):
    """'junior for a senior analyst role' was 'You were more junior than this role needs for a senior analyst role.'
    (the role said twice, as two roles)."""
    assert [f.text for f in draft_feedback(None, notes, {"candidate_name": "Asha"}).feedback] == [said]


@pytest.mark.parametrize("notes, said", [("slower on CRM than expected", "You were slower than this role needs on CRM."),
                                         ("weaker on stock counts than we hoped", "Stock counts didn't come through"),
                                         ("quieter than expected in the group task", "You were quieter than this role needs")])
def test_a_gap_measured_against_what_the_panel_hoped_is_said_as_the_plain_gap(notes, said):
    """'slower on CRM than expected' was 'The panel noted slower on CRM than expected.', and 'weaker on stock counts
    than we hoped' had the topic 'stock counts than we hoped'."""
    items = draft_feedback(None, notes, {"candidate_name": "Asha"}).feedback
    assert items[0].kind == "gap" and items[0].text.startswith(said), items
    assert not any("than expected" in f.text or "hoped" in f.text for f in items), items


@pytest.mark.parametrize("notes", ["Priya stronger on tests than backend", "Meera sharper", "Aarav better at tills than stock"])
def test_a_named_person_compared_is_private_whatever_they_are_compared_on(notes):
    """'Priya stronger on tests than backend' was 'One strength the panel noted: Priya stronger on tests than backend.'
    (another candidate's name in the feedback), and 'Meera sharper' was dropped as unclear, not private."""
    result = draft_feedback(None, notes, {"candidate_name": "Asha"})
    assert not result.feedback and [d.category for d in result.dropped] == ["private"], result


@pytest.mark.parametrize("notes, good, bad", [("Airflow DAGs stronger on retries than on alerting", "retries in Airflow DAGs",
                                               "Alerting in Airflow DAGs"),
                                              ("Excel better on pivots than on lookups", "pivots in Excel", "Lookups in Excel"),
                                              ("month-end reconciliations weaker on accruals than on prepayments",
                                               "prepayments in month-end", "Accruals in month-end")])
def test_two_topics_compared_within_one_subject_are_a_strength_and_a_gap(notes, good, bad):
    """'Airflow DAGs stronger on retries than on alerting' was one raw strength, and 'Excel better on pivots than on
    lookups' had the gap 'Your lookups pivots …'."""
    items = draft_feedback(None, notes, {"candidate_name": "Asha"}).feedback
    assert [f.kind for f in items][:2] == ["strength", "gap"], items
    assert good in items[0].text and items[1].text.startswith(bad), items


@pytest.mark.parametrize("notes, said", [("talked over customer x3", "You talked over the customer three times, and"),
                                         ("interrupted patient twice", "You interrupted the patient twice, and"),
                                         ("cut off store manager", "You cut off the store manager, and")])
def test_one_listener_talked_over_gets_an_article(notes, said):
    """'talked over customer x3' was 'You talked over customer three times, …' (the note's telegraphese)."""
    items = draft_feedback(None, notes, {"candidate_name": "Asha"}).feedback
    assert items[0].kind == "gap" and items[0].text.startswith(said), items


@pytest.mark.parametrize("notes", ["liked to interrupt", "loved to argue with the panel", "impressed with herself",
                                   "liked the role", "pleased with the pay"])
def test_the_candidates_own_liking_is_not_said_as_the_panels_reaction(notes):
    """A reaction with no judge named was read as the panel's (19b2794): 'liked to interrupt' became 'We liked to
    interrupt.', 'liked the role' 'We liked the role.' and 'impressed with herself' 'We were impressed with
    yourself.'; with no judge, only a reaction to the candidate's own work ('impressed by her portfolio') is theirs."""
    for item in draft_feedback(None, notes, {"candidate_name": "Asha"}).feedback:
        assert not item.text.startswith(("We ", "The panel")), item
    assert not notes_to_context(notes).get("strengths", [""])[0].startswith("we ")


@pytest.mark.parametrize("notes, bad", [("came across well", "you were well"),
                                        ("came across well in the interview", "noted: well in the interview"),
                                        ("came across poorly in the panel", "We noted poorly in the panel"),
                                        ("comes across better on paper", "noted: better on paper")])
def test_how_the_candidate_came_across_keeps_its_verb(notes, bad):
    """'came across well' became 'One strength the panel noted: you were well.' (c818762 read 'came across' as the
    verdict's lead before any word): an adverb after it says how they came across, not what."""
    texts = [f.text for f in draft_feedback(None, notes, {"candidate_name": "Asha"}).feedback]
    assert texts and not any(bad in t for t in texts) and any(" across " in t for t in texts), texts


@pytest.mark.parametrize("notes", ["better in person than on the phone", "better with kids than with adults",
                                   "better at the till than with customers"])
def test_a_comparison_with_a_setting_or_with_people_gives_no_gap_in_them(notes):
    """1248eca split 'better in person than on the phone' into 'You were strong in person.' and a gap 'The phone
    didn't come through ...' with 'hands-on experience with the phone' (only 'than in person' was kept whole), and
    'better with kids than with adults' gave a gap, and advice, in 'adults'."""
    result = draft_feedback(None, notes, {"candidate_name": "Asha"})
    assert [f.kind for f in result.feedback] == ["strength"], result


@pytest.mark.parametrize("notes, said", [("no weekend experience in retail", "more weekend experience in retail than"),
                                         ("no till experience at a supermarket", "more till experience at a supermarket than")])
def test_no_experience_of_a_kind_somewhere_keeps_the_experience(notes, said):
    """'no weekend experience in retail' was "We didn't see weekend in retail." (the experience dropped from its kind)."""
    items = draft_feedback(None, notes, {"candidate_name": "Asha"}).feedback
    assert items[0].kind == "gap" and said in items[0].text, items


@pytest.mark.parametrize("notes, said", [("attentive to guests", "You were attentive to the guests"),
                                         ("polite to customers", "You were polite to customers"),
                                         ("courteous with residents", "You were courteous with residents")])
def test_a_manner_towards_the_people_served_is_a_phrased_strength(notes, said):
    """'attentive to guests' was the raw fallback 'One strength the panel noted: attentive to the guests.', and 'polite to
    customers' was 'The panel particularly valued your to customers, which were polite.'"""
    items = draft_feedback(None, notes, {"candidate_name": "Asha"}).feedback
    assert [f.kind for f in items] == ["strength"] and items[0].text.startswith(said), items


@pytest.mark.parametrize("notes, said", [("came across as a real team player", "a real team player."),
                                         ("a natural teacher", "a natural teacher.")])
def test_a_real_or_natural_kind_of_worker_is_how_the_panel_saw_the_candidate(notes, said):
    """'came across as a real team player' was 'One strength the panel noted: you were a real team player.'"""
    items = draft_feedback(None, notes, {"candidate_name": "Asha"}).feedback
    assert [f.kind for f in items] == ["strength"] and items[0].text.endswith(said), items
    assert "noted:" not in items[0].text, items


@pytest.mark.parametrize("notes", ["Please be gentle with yourself this week.", "Do look after yourself over the holidays.",
                                   "Wishing you the very best in your search."])
def test_a_kind_line_of_a_pasted_message_is_no_strength(notes):
    """'Please be gentle with yourself this week.' (a line of an e-mail pasted into the notes) became the strength 'One
    strength the panel noted: please be gentle with yourself this week.'"""
    result = draft_feedback(None, notes, {"candidate_name": "Asha"})
    assert not result.feedback and [d.category for d in result.dropped] == ["not_feedback"], result


@pytest.mark.parametrize("notes", ["fit and strong, ex-army", "big strong lad, good on the forklift", "58, may struggle w/ 12hr shifts?"])
def test_the_body_or_a_bare_age_is_risky_and_never_feedback(notes):
    """'fit and strong, ex-army' was the strength 'One strength the panel noted: fit and strong.', and '58, may struggle w/
    12hr shifts?' the gap 'The panel noted that you may struggle with 12hr shifts.' after an age."""
    result = draft_feedback(None, notes, {"candidate_name": "Asha"})
    assert not any(re.search(r"(?i)\b(?:fit|strong lad|shifts|58)\b", f.text) for f in result.feedback), result.feedback
    assert "risky" in [d.category for d in result.dropped], result.dropped


@pytest.mark.parametrize("notes, said", [("care plan not signed x2", "You didn't sign the care plan twice, and"),
                                         ("radio protocol not followed twice", "You didn't follow the radio protocol twice, and"),
                                         ("PPE not worn on the ward", "You didn't wear the PPE on the ward, and")])
def test_a_step_not_done_is_said_as_what_the_candidate_did_not_do(notes, said):
    """'care plan not signed x2' was 'The panel noted care plan not signed x2.' (the note's own words)."""
    items = draft_feedback(None, notes, {"candidate_name": "Asha"}).feedback
    assert items[0].kind == "gap" and items[0].text.startswith(said), items


@pytest.mark.parametrize("notes, said", [("no weekend exp in call centres", "more weekend experience in call centres"),
                                         ("no night shift experience in care", "more night shift experience in care")])
def test_no_experience_of_weekend_or_night_work_is_a_gap_not_availability(notes, said):
    """'no weekend exp in call centres' and 'no night shift experience in care' were dropped as logistics (read as
    'can't do weekends'), and the gap in experience was lost."""
    items = draft_feedback(None, notes, {"candidate_name": "Asha"}).feedback
    assert items and items[0].kind == "gap" and said in items[0].text, items


@pytest.mark.parametrize("notes, said", [("missed fluid chart", "You missed the fluid chart, and"),
                                         ("skipped safety checklist", "You skipped the safety checklist, and")])
def test_the_paperwork_missed_gets_an_article(notes, said):
    """'missed fluid chart' was 'You missed fluid chart, and that matters in this role.'"""
    items = draft_feedback(None, notes, {"candidate_name": "Asha"}).feedback
    assert items[0].kind == "gap" and items[0].text.startswith(said), items


@pytest.mark.parametrize("notes, said", [("bit hesitant on hoist", "on the hoist."),
                                         ("confident on pallet truck", "You were confident on the pallet truck")])
def test_the_equipment_of_a_ward_or_warehouse_gets_an_article(notes, said):
    """'bit hesitant on hoist' was 'You were less confident than this role needs on hoist.'"""
    items = draft_feedback(None, notes, {"candidate_name": "Asha"}).feedback
    assert said in items[0].text, items


@pytest.mark.parametrize("notes, said", [("calls handled calmly", "You handled the calls calmly."),
                                         ("load secured well", "You secured the load well."),
                                         ("spill cleared safely", "You cleared the spill safely.")])
def test_a_task_done_well_said_of_the_task_is_what_the_candidate_did(notes, said):
    """'calls handled calmly' was dropped as unclear, and 'load secured well' was the raw fallback 'One strength the panel
    noted: load secured well.'"""
    assert [(f.kind, f.text) for f in draft_feedback(None, notes, {"candidate_name": "Asha"}).feedback] == [("strength", said)]


@pytest.mark.parametrize("notes, said", [("differentiation weak for SEN pupils", "Your differentiation for SEN pupils was"),
                                         ("questioning weak for the less able", "Your questioning for the less able was")])
def test_a_verdict_on_a_topic_for_some_people_keeps_them_with_the_topic(notes, said):
    """'differentiation weak for SEN pupils' was 'The panel noted differentiation weak for SEN pupils.'"""
    items = draft_feedback(None, notes, {"candidate_name": "Asha"}).feedback
    assert items[0].kind == "gap" and items[0].text.startswith(said), items


@pytest.mark.parametrize("notes", ["Typing: 58", "English test: 62", "Score: 72"])
def test_a_number_under_a_label_is_a_score_not_an_age(checker, notes):
    result = checker.draft_feedback(notes, {"candidate_name": "Asha"})
    assert not [d for d in result.dropped if d.category == "risky"], result.dropped


def test_a_bare_number_alone_is_still_read_as_an_age(checker):
    result = checker.draft_feedback("58, may struggle w/ 12hr shifts?", {"candidate_name": "Asha"})
    assert result.feedback == () and {d.category for d in result.dropped} == {"risky"}


@pytest.mark.parametrize("notes", ["liked to interrupt", "loved the sound of his own voice", "enjoyed hearing himself talk"])
def test_what_the_candidate_liked_doing_is_no_praise(notes):
    """'liked to interrupt' was the strength 'You liked to interrupt, …' and 'loved the sound of his own voice' was 'You
    loved the sound of your own voice, …': sarcastic criticism read as the panel's praise."""
    result = draft_feedback(None, notes, {"candidate_name": "Asha"})
    assert not [f for f in result.feedback if f.kind == "strength"], result.feedback
    assert not notes_to_context(notes).get("strengths")


@pytest.mark.parametrize("notes, said", [("liked her portfolio", "liked your portfolio"),
                                         ("kids loved her", "The children warmed to you")])
def test_the_panel_liking_the_candidates_work_is_still_praise(notes, said):
    items = draft_feedback(None, notes, {"candidate_name": "Asha"}).feedback
    assert [f.kind for f in items] == ["strength"] and said in items[0].text, items


@pytest.mark.parametrize("notes, said", [("weaker with customers than with the till", "strong with the till"),
                                         ("weaker with patients than on paperwork", "strong on paperwork"),
                                         ("better with kids than with adults", "strong with the kids")])
def test_a_comparison_with_people_on_the_weaker_side_keeps_the_stronger_side(notes, said):
    """'weaker with customers than with the till' was the gap "Customers than with the till didn't come through …", with
    advice in 'customers than with the till'; 'better with kids than with adults' was the raw line."""
    items = draft_feedback(None, notes, {"candidate_name": "Asha"}).feedback
    assert [f.kind for f in items] == ["strength"] and said in items[0].text and " than " not in items[0].text, items


def test_each_side_of_a_comparison_keeps_its_own_preposition():
    """'weaker on the phones than at the desk' was 'You were strong on the desk'."""
    items = draft_feedback(None, "weaker on the phones than at the desk", {"candidate_name": "Asha"}).feedback
    assert items[0].kind == "strength" and "strong at the desk" in items[0].text, items


@pytest.mark.parametrize("notes", ["panel not convinced", "HM not sold", "the panel was not convinced",
                                   "interviewers not fully convinced"])
def test_the_judges_doubt_with_nothing_it_is_about_is_no_gap(notes):
    """'panel not convinced' was the gap 'The panel noted panel not convinced.'"""
    result = draft_feedback(None, notes, {"candidate_name": "Asha"})
    assert result.feedback == () and [d.category for d in result.dropped] == ["unclear"], result


@pytest.mark.parametrize("notes, cond", [("not great w/ ambiguity", "ambiguity"), ("poor with uncertainty", "uncertainty"),
                                         ("uncomfortable with change", "change")])
def test_coping_with_a_condition_of_the_work_is_no_skill_to_get_experience_of(notes, cond):
    """'not great w/ ambiguity' was "Ambiguity didn't come through as strongly as this role needs." with advice on
    'hands-on experience with ambiguity' ('uncomfortable with change' was dropped as unclear)."""
    items = draft_feedback(None, notes, {"candidate_name": "Asha"}).feedback
    assert [f.kind for f in items] == ["gap", "advice"], items
    assert f"less comfortable with {cond}" in items[0].text and "experience with" not in items[1].text, items


@pytest.mark.parametrize("notes", ["DBS check isn't done yet", "right to work check not done yet", "PVG still pending",
                                   "DBS clearance hasn't come back yet"])
def test_a_pre_employment_check_still_to_finish_is_admin(notes):
    """"DBS check isn't done yet" was the gap "The panel noted databases check isn't done yet." (DBS read as databases,
    and the check's status as a judgement of the candidate)."""
    result = draft_feedback(None, notes, {"candidate_name": "Asha"})
    assert result.feedback == () and [d.category for d in result.dropped] == ["logistics"], result


@pytest.mark.parametrize("notes, said", [("forgot food log x2", "forgot the food log twice"),
                                         ("missed deadline x2", "missed the deadline twice"),
                                         ("forgot the allergen check 3x", "forgot the allergen check three times")])
def test_how_often_a_slip_happened_is_said_in_words(notes, said):
    """'forgot food log x2' was "The panel noted that you forgot the food log x2." and 'missed deadline x2' was "You
    missed the deadline x2, and that matters in this role.\""""
    items = draft_feedback(None, notes, {"candidate_name": "Asha"}).feedback
    assert items[0].kind == "gap" and said in items[0].text and not re.search(r"\dx|x\d", items[0].text), items


@pytest.mark.parametrize("notes, said", [("Care asst - residents took to her", "The residents warmed to you."),
                                         ("TA - children warmed to him quickly", "The children warmed to you quickly.")])
def test_the_people_served_taking_to_the_candidate_after_a_job_title_is_a_strength(notes, said):
    """'Care asst - residents took to her' was dropped whole as unclear (the remark joined onto the job title)."""
    items = draft_feedback(None, notes, {"candidate_name": "Asha"}).feedback
    assert [(f.kind, f.text) for f in items] == [("strength", said)], items


@pytest.mark.parametrize("notes, said", [("behaviour mgmt firm but fair", "behaviour management was firm but fair"),
                                         ("strict but kind with residents", "You were strict but kind with residents")])
def test_firm_but_fair_is_one_strength(notes, said):
    """'behaviour mgmt firm but fair' was split at 'but' into two fragments, both dropped as unclear."""
    items = draft_feedback(None, notes, {"candidate_name": "Asha"}).feedback
    assert [f.kind for f in items] == ["strength"] and said in items[0].text, items


@pytest.mark.parametrize("notes, bad", [("asked the best questions", "the was"), ("fast, tidy in the practical", "the were")])
def test_a_word_of_praise_after_a_determiner_has_no_topic_before_it(notes, bad):
    """'All the best' was 'All the was the best we saw.' and 'fast, tidy in the practical' was 'Your fast, tidy in the were
    practical, …' (the words before the praise read as its topic, up to 'the')."""
    items = draft_feedback(None, notes, {"candidate_name": "Asha"}).feedback
    assert items and not any(bad in f.text for f in items), items


@pytest.mark.parametrize("notes, said", [("kind w/ pts", "You were kind with patients"),
                                         ("kind to residents", "You were kind to residents"),
                                         ("Communication: kind", "Your communication was kind.")])
def test_kind_is_a_word_of_praise_phrased_like_gentle(notes, said):
    """'kind w/ pts' was the raw fallback 'One strength the panel noted: kind with patients.'"""
    items = draft_feedback(None, notes, {"candidate_name": "Asha"}).feedback
    assert [f.kind for f in items] == ["strength"] and items[0].text.startswith(said), items


@pytest.mark.parametrize("notes, praise, guess", [("sharp, will go far", "sharp", "will go far"),
                                                  ("bright, she'll go places", "bright", "she'll go places")])
def test_a_prediction_about_the_person_is_not_joined_onto_the_praise(notes, praise, guess):
    """'sharp, will go far' was the raw 'One strength the panel noted: sharp, will go far.'"""
    result = draft_feedback(None, notes, {"candidate_name": "Asha"})
    assert [f.kind for f in result.feedback] == ["strength"] and praise in result.feedback[0].text, result
    assert not any("go " in f.text for f in result.feedback) and [d.note for d in result.dropped] == [guess], result


@pytest.mark.parametrize("notes", ["may struggle w/ 12hr shifts", "might struggle with night shifts",
                                   "could find long shifts hard"])
def test_a_guess_that_the_candidate_may_not_cope_with_the_shifts_is_a_pace_proxy(notes):
    """'may struggle w/ 12hr shifts' was the gap 'The panel noted that you may struggle with 12hr shifts.': a guess at
    stamina with nothing the candidate did to point to."""
    result = draft_feedback(None, notes, {"candidate_name": "Asha"})
    assert result.feedback == () and [d.category for d in result.dropped] == ["risky"], result
    assert "age or disability" in result.dropped[0].reason, result.dropped


def test_a_shift_the_candidate_worked_on_is_still_feedback():
    items = draft_feedback(None, "struggled with the night shift handover", {"candidate_name": "Asha"}).feedback
    assert items and items[0].kind == "gap", items


@pytest.mark.parametrize("notes, said", [("a11y missed", "You missed accessibility,"),
                                         ("i18n missed", "You missed internationalisation,"),
                                         ("security skipped", "You skipped security,")])
def test_a_quality_of_the_work_missed_is_named_in_full_without_an_article(notes, said):
    """'a11y missed' was 'You missed the a11y, and that matters in this role.'"""
    items = draft_feedback(None, notes, {"candidate_name": "Asha"}).feedback
    assert items[0].kind == "gap" and items[0].text.startswith(said), items


@pytest.mark.parametrize("notes, gerund", [("better at listening than talking", "talking"),
                                           ("better at writing than speaking", "speaking")])
def test_a_way_of_speaking_as_a_gap_is_practised_not_experienced(notes, gerund):
    """'better at listening than talking' gave the advice 'Getting more hands-on experience with talking …'."""
    items = draft_feedback(None, notes, {"candidate_name": "Asha"}).feedback
    advice = [f.text for f in items if f.kind == "advice"]
    assert advice and gerund in advice[0] and "experience with" not in advice[0], items


@pytest.mark.parametrize("notes, said", [("3-way match understood", "You understood the 3-way match."),
                                         ("VAT rules well understood", "You understood the VAT rules well.")])
def test_a_thing_understood_said_of_the_thing_is_what_the_candidate_understood(notes, said):
    """'3-way match understood' was the raw 'One strength the panel noted: 3-way match understood.'"""
    assert [(f.kind, f.text) for f in draft_feedback(None, notes, {"candidate_name": "Asha"}).feedback] == [("strength", said)]


@pytest.mark.parametrize("notes, said", [("CRM navigation clunky", "Your CRM navigation was less smooth than this role needs."),
                                         ("till work a bit clunky", "Your till work was less smooth than this role needs.")])
def test_clunky_is_a_gap_said_softly(notes, said):
    """'CRM navigation clunky' was dropped as unclear."""
    items = draft_feedback(None, notes, {"candidate_name": "Asha"}).feedback
    assert items and (items[0].kind, items[0].text) == ("gap", said), items


@pytest.mark.parametrize("notes, said", [("pick rate 92% vs 110 target", "Your pick rate was 92%; this role needs 110%."),
                                         ("typing 40wpm vs 50 needed", "Your typing was 40wpm; this role needs 50wpm."),
                                         ("accuracy 99% vs target 95%", "Your accuracy was 99%, against the 95% needed.")])
def test_a_measure_against_a_bar_after_vs_is_read_like_the_bar_in_brackets(notes, said):
    """'pick rate 92% vs 110 target' was dropped as unclear, and 'typing 40wpm vs 50 needed' was the raw 'The panel noted
    typing 40wpm vs 50 needed.'"""
    items = draft_feedback(None, notes, {"candidate_name": "Asha"}).feedback
    assert items and items[0].text == said, items


@pytest.mark.parametrize("notes", ["All the best", "all the very best!"])
def test_an_all_the_best_sign_off_is_not_feedback(checker, notes):
    result = checker.draft_feedback(notes, {"candidate_name": "Asha"})
    assert result.feedback == () and [d.category for d in result.dropped] == ["not_feedback"]


@pytest.mark.parametrize("text, found", [
    ("mail jo.lee+jobs@example.co.uk today", ["jo.lee+jobs@example.co.uk"]),
    ("at jo@example or jo@x.org", ["jo@x.org"]),
])
def test_notes_and_segmentation_read_an_e_mail_address_with_one_pattern(text, found):
    """The address pattern was written twice, in segment.PROTECTED and feedback's notes cleaner; it is defined once."""
    import model.feedback as fb
    import model.segment as seg

    assert fb.EMAIL_ADDRESS is seg.EMAIL_ADDRESS and seg.EMAIL_ADDRESS.pattern in seg.PROTECTED.pattern
    assert [m.group() for m in seg.EMAIL_ADDRESS.finditer(text)] == found


@pytest.mark.parametrize("notes, said", [("K8s limited", "Your Kubernetes experience was more limited than this role needs."),
                                         ("Docker v thin", "Your Docker experience was thinner than this role needs."),
                                         ("Next.js light", "Your Next.js experience was lighter than this role needs.")])
def test_an_amount_said_of_a_tool_is_the_experience_with_it(notes, said):
    """'K8s limited' was 'Your Kubernetes was more limited than this role needs.'"""
    items = draft_feedback(None, notes, {"candidate_name": "Asha"}).feedback
    assert items and (items[0].kind, items[0].text) == ("gap", said), items


@pytest.mark.parametrize("notes, said", [("portfolio thin", "Your portfolio was thinner than this role needs."),
                                         ("Spanish limited", "Your Spanish was more limited than this role needs.")])
def test_an_amount_said_of_work_or_a_language_stays_said_of_it(notes, said):
    items = draft_feedback(None, notes, {"candidate_name": "Asha"}).feedback
    assert items and (items[0].kind, items[0].text) == ("gap", said), items


@pytest.mark.parametrize("notes", ["lovely w/ residents\nDBS enhanced needed", "lovely w/ residents\nneeds enhanced DBS",
                                   "lovely w/ residents\nDBS enhanced check still pending"])
def test_a_dbs_check_the_role_needs_is_admin_not_databases(notes):
    """'DBS enhanced needed' was the gap 'We noted databases enhanced needed.'"""
    result = draft_feedback(None, notes, {"candidate_name": "Asha"})
    assert [f.kind for f in result.feedback] == ["strength"], result.feedback
    assert [d.category for d in result.dropped] == ["logistics"], result.dropped


@pytest.mark.parametrize("notes, said", [("DBS training done", "DBS"), ("dbs knowledge shaky", "databases")])
def test_dbs_in_capitals_is_the_check_and_in_small_letters_databases(notes, said):
    import model.feedback as fb

    assert said in fb.normalise(notes, fb.default_lexicon()), fb.normalise(notes, fb.default_lexicon())


@pytest.mark.parametrize("notes", ["strong SQL\nreally liked to show off", "strong SQL\nloved to show off his degree",
                                   "strong SQL\nbit of a show-off", "strong SQL\nliked to brag about his firm"])
def test_showing_off_is_a_judgement_of_the_person_never_praise_or_a_topic(notes):
    """'really liked to show off' was the gap 'Your really liked to show was off the mark.'"""
    result = draft_feedback(None, notes, {"candidate_name": "Asha"})
    assert [(f.kind, f.text) for f in result.feedback] == [("strength", "Your SQL was strong.")], result.feedback
    assert [d.category for d in result.dropped] == ["not_about_work"], result.dropped


@pytest.mark.parametrize("notes, said", [("forgot food log x2", "You forgot the food log twice."),
                                         ("forgot cutlery x2", "You forgot cutlery twice."),
                                         ("forgot her own CV", "You forgot your own CV.")])
def test_a_thing_forgotten_is_said_plainly_as_a_mishap(notes, said):
    """'forgot food log x2' was the fallback 'We noted that you forgot the food log twice.'"""
    items = draft_feedback(None, notes, {"candidate_name": "Asha"}).feedback
    assert [(f.kind, f.text) for f in items] == [("gap", said)], items


def test_a_step_forgotten_is_still_a_step_not_done():
    items = draft_feedback(None, "forgot to sign MAR x2", {"candidate_name": "Asha"}).feedback
    assert items[0].text.startswith("You forgot to sign MAR twice, and"), items


@pytest.mark.parametrize("line", ["she is from a good family", "good family background", "comes from a respectable family"])
def test_the_family_a_candidate_comes_from_is_never_feedback(line):
    """'she is from a good family' was the strength 'The panel noted a strength: you are from a good family.'"""
    result = draft_feedback(None, f"KYC knowledge solid\n{line}", {"candidate_name": "Asha"})
    assert [f.kind for f in result.feedback] == ["strength"] and "famil" not in result.feedback[0].text, result.feedback
    assert [d.category for d in result.dropped] == ["risky"], result.dropped


def test_work_with_families_is_still_feedback():
    assert [f.text for f in draft_feedback(None, "good with families", {"candidate_name": "Asha"}).feedback] == [
        "You were good with families."]


@pytest.mark.parametrize("notes, said", [("drug calc 8/10 (need 10/10)", ("gap", "Your drug calc was 8/10; this role needs 10/10.")),
                                         ("written test 62/100 (pass 65)",
                                          ("gap", "Your written test was 62/100; the pass mark is 65.")),
                                         ("maths test 18/20 (pass 12)",
                                          ("strength", "Your maths test was 18/20, above the pass mark of 12."))])
def test_a_score_out_of_a_scale_is_set_against_the_bar_after_it(notes, said):
    """'drug calc 8/10 (need 10/10)' was the strength 'Your drug calc was strong (need 10/10).', and 'written test 62/100
    (pass 65)' two unclear remarks."""
    items = draft_feedback(None, notes, {"candidate_name": "Asha"}).feedback
    assert items and (items[0].kind, items[0].text) == said, items


@pytest.mark.parametrize("notes, said", [
    ("site experience limited", "Getting more site experience would make a future application much stronger."),
    ("teaching exp limited", "Getting more teaching experience would make a future application much stronger."),
    ("KYC knowledge weak", "Building your KYC knowledge would make a future application much stronger."),
    ("counselling skills limited", "Building your counselling skills would make a future application much stronger.")])
def test_advice_on_experience_or_knowledge_of_a_field_is_more_of_it(notes, said):
    """'site experience limited' advised 'Getting more hands-on experience with site experience …'."""
    advice = [f.text for f in draft_feedback(None, notes, {"candidate_name": "Asha"}).feedback if f.kind == "advice"]
    assert advice == [said], advice


@pytest.mark.parametrize("line", ["late 15 mins", "late ~10 min", "late to the shoot"])
def test_lateness_with_the_minutes_after_it_is_logistics_like_mins_late(line):
    """'late 15 mins' was the gap 'We noted late 15 mins.' ('15 mins late' was already dropped)."""
    result = draft_feedback(None, f"good attitude\n{line}", {"candidate_name": "Asha"})
    assert [f.kind for f in result.feedback] == ["strength"], result.feedback
    assert [d.category for d in result.dropped] == ["logistics"], result.dropped


@pytest.mark.parametrize("notes, said", [("super organised", "You were very organised."),
                                         ("super friendly", "You were very friendly."),
                                         ("extremely organised", "You were extremely organised.")])
def test_a_degree_before_a_quality_is_no_topic(notes, said):
    """'super organised' was 'Your super was well organised.'"""
    assert [(f.kind, f.text) for f in draft_feedback(None, notes, {"candidate_name": "Asha"}).feedback] == [
        ("strength", said)]


@pytest.mark.parametrize("notes, said", [("+ took 6 orders no notes", "You took 6 orders with no notes."),
                                         ("took 6 orders without notes", "You took 6 orders without notes."),
                                         ("presented without notes", "You presented without notes.")])
def test_work_done_without_an_aid_is_praise(notes, said):
    """'+ took 6 orders no notes' was the gap 'You took 6 orders no notes, and that matters in this role.'"""
    assert [(f.kind, f.text) for f in draft_feedback(None, notes, {"candidate_name": "Asha"}).feedback] == [
        ("strength", said)]


def test_notes_missing_are_still_a_gap():
    items = draft_feedback(None, "no notes taken during the call", {"candidate_name": "Asha"}).feedback
    assert items and items[0].kind == "gap", items


@pytest.mark.parametrize("notes, said", [("wasn't listening", "you weren't listening"),
                                         ("wasn't sure of the recipe", "you weren't sure of the recipe"),
                                         ("weren't ready", "you weren't ready")])
def test_a_remark_opening_with_a_negated_was_is_said_of_you_in_agreement(notes, said):
    """'wasn't listening' was 'We noted that you wasn't listening.'"""
    items = draft_feedback(None, notes, {"candidate_name": "Asha"}).feedback
    assert items and said in items[0].text and "you wasn't" not in items[0].text, items


@pytest.mark.parametrize("notes", ["product knowledge lacking", "lacks product knowledge", "the product knowledge was lacking"])
def test_knowledge_found_lacking_is_said_of_the_knowledge(notes):
    """'product knowledge lacking' was 'We didn't see product.'"""
    items = draft_feedback(None, notes, {"candidate_name": "Asha"}).feedback
    assert [(f.kind, f.text) for f in items] == [
        ("gap", "Your product knowledge didn't come through as strongly as this role needs."),
        ("advice", "Building your product knowledge would make a future application much stronger.")], items


@pytest.mark.parametrize("notes, said", [("EMIS limited", "Your EMIS was more limited than this role needs."),
                                         ("MLOps limited", "Your MLOps was more limited than this role needs."),
                                         ("strong maths", "Your maths was strong."),
                                         ("SOPs weak", "Your SOPs were not yet as strong as this role needs.")])
def test_an_acronym_a_practice_or_maths_ending_in_s_is_one_thing(notes, said):
    """'EMIS limited' was 'Your EMIS were more limited than this role needs.'"""
    items = draft_feedback(None, notes, {"candidate_name": "Asha"}).feedback
    assert items and items[0].text == said, items


@pytest.mark.parametrize("notes, said", [("+ friendly, fluent French", "You were friendly, and your French was fluent."),
                                         ("+ compassionate, good handover",
                                          "You were compassionate, and your handover was good."),
                                         ("+ compassionate", "You came across as compassionate.")])
def test_praise_only_a_person_earns_is_said_of_the_person_not_the_work(notes, said):
    """'+ friendly, fluent French' was 'Your French was friendly and fluent.', and '+ compassionate' 'Your compassionate
    stood out as a strength.'"""
    assert [(f.kind, f.text) for f in draft_feedback(None, notes, {"candidate_name": "Asha"}).feedback] == [
        ("strength", said)]


@pytest.mark.parametrize("notes", ["quiet, bit shy", "SQL strong; v shy"])
def test_shy_is_a_judgement_of_the_person_not_a_topic(notes):
    """'quiet, bit shy' was the gap 'Your bit shy was quieter than this role needs.'"""
    result = draft_feedback(None, notes, {"candidate_name": "Asha"})
    assert not any("shy" in f.text for f in result.feedback), result.feedback
    assert "not_about_work" in [d.category for d in result.dropped], result.dropped


@pytest.mark.parametrize("notes, said", [
    ("moving & handling knowledge basic", "Your moving and handling knowledge was more basic than this role needs."),
    ("Python and SQL experience limited", "Your Python and SQL experience was more limited than this role needs.")])
def test_knowledge_of_two_things_joined_by_and_is_one_knowledge(notes, said):
    """'moving & handling knowledge basic' was 'Your moving and handling knowledge were more basic …', and the checker
    then found no advice in the draft."""
    items = draft_feedback(None, notes, {"candidate_name": "Asha"}).feedback
    assert items and items[0].text == said, items


@pytest.mark.parametrize("notes", ["SQL weak\ncross-selling not attempted", "SQL weak\ntypos in email task",
                                   "SQL weak\ndashboards cluttered"])
def test_a_second_gap_said_as_noted_is_not_noted_twice(notes):
    """'SQL weak / typos in email task' drafted 'We also noted that we noted typos in email task.'"""
    draft = draft_feedback(None, notes, {"candidate_name": "Asha", "role": "Analyst"}).draft
    assert "noted that we noted" not in draft and "noted that the panel noted" not in draft, draft
    assert "we noted" in draft, draft


@pytest.mark.parametrize("notes, said", [("+ accurate dispensing, 0 errors", "Your dispensing was accurate (0 errors)."),
                                         ("cash handling v good, no errors",
                                          "Your cash handling was good: there were no errors.")])
def test_praise_then_the_faults_there_were_none_of_is_praise_with_its_evidence(notes, said):
    """'+ accurate dispensing, 0 errors' was 'Your dispensing, 0 errors were accurate.'"""
    assert [(f.kind, f.text) for f in draft_feedback(None, notes, {"candidate_name": "Asha"}).feedback] == [
        ("strength", said)]


@pytest.mark.parametrize("notes, said", [("forgot PPE x2 on the walk round", "You forgot PPE on the walk round twice."),
                                         ("missed obs x2 on bay 3", "You missed observations on bay 3 twice, and")])
def test_how_often_written_before_where_is_said_at_the_end(notes, said):
    """'forgot PPE x2 on the walk round' was 'You forgot PPE x2 on the walk round.'"""
    items = draft_feedback(None, notes, {"candidate_name": "Asha"}).feedback
    assert items and items[0].text.startswith(said), items


@pytest.mark.parametrize("notes, advice", [("forgot to sign MAR x2", "More practice signing MAR would"),
                                           ("missed obs twice", "Getting more hands-on experience with observations would")])
def test_how_often_a_slip_happened_is_no_part_of_the_advice(notes, advice):
    """'forgot to sign MAR x2' advised 'More practice signing MAR twice …'."""
    items = draft_feedback(None, notes, {"candidate_name": "Asha"}).feedback
    assert [f.text for f in items if f.kind == "advice"][0].startswith(advice), items


@pytest.mark.parametrize("notes, said", [("+ safe isolation done correctly", "You did the safe isolation correctly."),
                                         ("risk assessment done properly", "You did the risk assessment properly."),
                                         ("report written well", "You wrote the report well.")])
def test_a_task_done_well_with_an_irregular_participle_is_what_you_did(notes, said):
    """'+ safe isolation done correctly' was 'Your isolation done correctly was safe.'"""
    assert [(f.kind, f.text) for f in draft_feedback(None, notes, {"candidate_name": "Asha"}).feedback] == [
        ("strength", said)]


@pytest.mark.parametrize("line", ["SIA licence valid", "gas safe not renewed", "NMC pin pending", "pending GPhC registration"])
def test_the_status_of_a_licence_or_registration_is_admin(line):
    """'+ SIA licence valid' was the strength 'Your SIA licence valid stood out as a strength.', and 'gas safe not
    renewed' the gap 'We noted gas safe not renewed.'"""
    result = draft_feedback(None, f"good attitude\n+ {line}", {"candidate_name": "Asha"})
    assert [f.kind for f in result.feedback] == ["strength"], result.feedback
    assert [d.category for d in result.dropped] == ["logistics"], result.dropped


@pytest.mark.parametrize("notes", ["SQL shaky -> needs work", "SQL shaky\nneeds improvement", "SQL shaky\nneeds more work"])
def test_needs_work_with_nothing_named_is_not_said_as_you_need_work(notes):
    """'SQL shaky -> needs work' gave the gap 'We noted that you need work.'"""
    items = draft_feedback(None, notes, {"candidate_name": "Asha"}).feedback
    assert [f.text for f in items if f.kind == "gap"] == ["Your SQL was not yet solid."], items


@pytest.mark.parametrize("notes, said", [("strong python, sql", "Your Python and SQL were strong."),
                                         ("good knife skills, plating", "Your knife skills and plating were good."),
                                         ("weak python, sql", "Your Python and SQL were not yet as strong as this role needs.")])
def test_a_bare_list_of_topics_is_said_with_and(notes, said):
    """'strong python, sql' was 'Your Python, SQL were strong.'"""
    items = draft_feedback(None, notes, {"candidate_name": "Asha"}).feedback
    assert items and items[0].text == said, items
    assert all("Python, SQL" not in f.text for f in items), items


@pytest.mark.parametrize("line", ["good teamwork w/ Tom", "good rapport with Sarah (HRBP)"])
def test_someone_the_candidate_worked_with_by_name_is_not_named_in_the_draft(line):
    """'good teamwork w/ Tom' was the strength 'Your teamwork with Tom was good.' (Tom may be another candidate)."""
    result = draft_feedback(None, f"calm under pressure\n{line}", {"candidate_name": "Asha"})
    assert [f.text for f in result.feedback] == ["You were calm under pressure."], result.feedback
    assert [d.category for d in result.dropped] == ["private"], result.dropped


@pytest.mark.parametrize("notes, said", [("good with Tableau", "You were good with Tableau."),
                                         ("shipped 3 apps to App Store", "You shipped 3 apps to App Store.")])
def test_a_tool_or_a_store_after_with_or_to_is_no_person(notes, said):
    assert [f.text for f in draft_feedback(None, notes, {"candidate_name": "Asha"}).feedback] == [said]


@pytest.mark.parametrize("notes, said", [
    ("SQL strong\nkeep for next batch", "I'd be glad to get back in touch for the next batch, if that suits you."),
    ("SQL strong\nreapply next intake",
     "You'd be very welcome to apply again for the next intake, and I'd be glad to see your application.")])
def test_the_next_intake_or_batch_is_a_time_said_with_for_the(notes, said):
    """'keep for next batch' was 'We may open a keep for role next batch; …', and 'reapply next intake' '… apply again
    next intake …'."""
    assert draft_feedback(None, notes, {"candidate_name": "Asha"}).relationship == said


@pytest.mark.parametrize("notes, kind, said", [
    ("AHT 9 min vs 6 target", "gap", "Your AHT was 9 min; the target is 6 min or less."),
    ("complaints 4, target 1", "gap", "Your complaints were 4; the target is 1 or less."),
    ("response time 2h (target 4h)", "strength", "Your response time was 2h, within the 4h target.")])
def test_a_measure_where_less_is_better_is_a_gap_over_its_target(notes, kind, said):
    """'AHT 9 min vs 6 target' was the strength 'Your AHT was 9 min, against the 6 min needed.'"""
    items = draft_feedback(None, notes, {"candidate_name": "Asha"}).feedback
    assert [(f.kind, f.text) for f in items if f.kind != "advice"] == [(kind, said)], items


@pytest.mark.parametrize("notes, said", [
    ("written exercise 55/100 pass 60", "Your written exercise was 55/100; the pass mark is 60."),
    ("typing test 38wpm need 45", "Your typing test was 38wpm; this role needs 45wpm.")])
def test_a_bar_after_a_plain_space_is_the_scores_bar(notes, said):
    """'written exercise 55/100 pass 60' (no bracket or comma before the bar) was two remarks dropped as unclear."""
    result = draft_feedback(None, notes, {"candidate_name": "Asha"})
    assert [f.text for f in result.feedback if f.kind == "gap"] == [said], result.feedback
    assert not result.dropped, result.dropped


@pytest.mark.parametrize("notes, said", [
    ("didn't ask the caller for their account number",
     "You didn't ask the caller for their account number, and that matters in this role."),
    ("didn't check the address before logging them",
     "You didn't check the address before logging them, and that matters in this role."),
    ("+ she calmed the customer and took his details", "You calmed the customer and took his details.")])
def test_a_pronoun_about_someone_else_is_not_turned_into_you(notes, said):
    """'didn't ask the caller for their account number' was '… for your account number', and 'before logging them'
    '… before logging you': only the candidate's own pronouns become 'you'."""
    items = draft_feedback(None, notes, {"candidate_name": "Asha"}).feedback
    assert items and items[0].text == said, items


@pytest.mark.parametrize("notes, said", [
    ("- SQL weak at joins", "Your SQL was not yet as strong as this role needs, particularly at joins."),
    ("- communication weak with seniors",
     "Your communication was not yet as strong as this role needs, particularly with seniors."),
    ("- behaviour mgmt weak at back of room",
     "Your behaviour management was not yet as strong as this role needs, particularly at back of room.")])
def test_a_verdict_between_a_topic_and_where_it_showed_is_a_scorecard_line(notes, said):
    """'SQL weak at joins' was 'We noted SQL weak at joins.', and 'behaviour mgmt weak at back of room' 'We noted
    behaviour management weak at back of room.'"""
    items = draft_feedback(None, notes, {"candidate_name": "Asha"}).feedback
    assert items and items[0].text == said, items


@pytest.mark.parametrize("notes, said", [("showed off her portfolio well", "You showed off your portfolio well."),
                                         ("showed off his knife skills really well",
                                          "You showed off your knife skills really well.")])
def test_showing_off_work_well_is_praise_not_off_the_mark(notes, said):
    """'showed off her portfolio well' (no sign) was the gap 'We noted that you showed off your portfolio well.'"""
    items = draft_feedback(None, notes, {"candidate_name": "Asha"}).feedback
    assert [(f.kind, f.text) for f in items] == [("strength", said)], items


@pytest.mark.parametrize("notes, said", [
    ("- confidentiality q answered wrong", "Your answer to the confidentiality question was not quite right."),
    ("- she got the GDPR question wrong", "Your answer to the GDPR question was not quite right."),
    ("- budget q answered vaguely", "Your answer to the budget question was less specific than we needed.")])
def test_a_question_answered_wrongly_is_said_of_the_answer(notes, said):
    """'confidentiality q answered wrong' was 'Your confidentiality question answered was not quite right.'"""
    items = draft_feedback(None, notes, {"candidate_name": "Asha"}).feedback
    assert items and items[0].text == said, items


@pytest.mark.parametrize("notes, said", [("- forgot hairnet", "You forgot your hairnet."),
                                         ("- forgot gloves when plating", "You forgot your gloves when plating.")])
def test_kit_forgotten_bare_is_said_as_the_candidates(notes, said):
    """'forgot hairnet' was 'You forgot hairnet.'"""
    items = draft_feedback(None, notes, {"candidate_name": "Asha"}).feedback
    assert items and items[0].text == said, items


@pytest.mark.parametrize("notes, said", [("+ took 6 orders no notes", "You took 6 orders with no notes."),
                                         ("+ recited the specials no prompts", "You recited the specials with no prompts.")])
def test_an_aid_done_without_after_the_task_is_said_with_with(notes, said):
    """'took 6 orders no notes' was 'You took 6 orders no notes.'"""
    items = draft_feedback(None, notes, {"candidate_name": "Asha"}).feedback
    assert [(f.kind, f.text) for f in items] == [("strength", said)], items


@pytest.mark.parametrize("line", ["paired well with Ananya on the task", "worked well alongside Deepak"])
def test_a_name_misread_as_a_place_after_working_together_is_not_named(line):
    """'paired well with Ananya on the task' kept the name: spaCy reads 'Ananya' as a place (GPE)."""
    result = draft_feedback(None, f"calm under pressure\n{line}", {"candidate_name": "Asha"})
    assert [f.text for f in result.feedback] == ["You were calm under pressure."], result.feedback
    assert [d.category for d in result.dropped] == ["private"], result.dropped


@pytest.mark.parametrize("notes, said", [
    ("- territory knowledge less", "Your territory knowledge was more limited than this role needs."),
    ("- product knowledge is very less", "Your product knowledge was more limited than this role needs.")])
def test_less_for_too_little_knowledge_is_said_as_limited(notes, said):
    """'territory knowledge less' (Indian English) was 'We noted territory knowledge less.'"""
    items = draft_feedback(None, notes, {"candidate_name": "Asha"}).feedback
    assert items and items[0].text == said, items


@pytest.mark.parametrize("notes, said", [
    ("great energy, motivating", ["Your energy was great.", "You came across as motivating."]),
    ("great energy, patient", ["Your energy was great.", "You came across as patient."]),
    ("good lesson plan, encouraging", ["Your lesson plan was good.", "You came across as encouraging."])])
def test_a_quality_of_the_person_after_a_topic_is_not_said_of_the_topic(notes, said):
    """'great energy, motivating' was 'Your energy and motivating were great.', and 'great energy, patient' 'Your
    energy was patient.'"""
    assert [f.text for f in draft_feedback(None, notes, {"candidate_name": "Asha"}).feedback] == said


@pytest.mark.parametrize("notes, said", [("+ loves books", "Your love of books stood out as a strength."),
                                         ("+ loves the product", "Your love of the product stood out as a strength.")])
def test_a_subjectless_loves_is_the_candidates_love_of_it(notes, said):
    """'+ loves books' was 'Your loves books stood out as a strength.'"""
    assert [f.text for f in draft_feedback(None, notes, {"candidate_name": "Asha"}).feedback] == [said]


@pytest.mark.parametrize("notes", ["+ calm tone, never rushed", "+ never flustered even when the queue built up",
                                   "never raised her voice with the angry caller"])
def test_a_fluster_counted_as_absent_is_praise(notes):
    """'+ calm tone, never rushed' gave the gap 'You never rushed, and that matters in this role.'"""
    items = draft_feedback(None, notes, {"candidate_name": "Asha"}).feedback
    assert items and {f.kind for f in items} == {"strength"}, items
    assert all("matters in this role" not in f.text for f in items), items


@pytest.mark.parametrize("notes, said", [("- ID&V: 0/2", "ID&V"), ("- didn't know GD&T", "GD&T")])
def test_shorthand_is_not_expanded_inside_letters_joined_by_ampersand(notes, said):
    """'ID&V' (identification and verification) was 'ID&very', and 'GD&T' 'good&T'."""
    items = draft_feedback(None, notes, {"candidate_name": "Asha"}).feedback
    assert items and said in items[0].text, items


@pytest.mark.parametrize("notes, kind, said", [
    ("+ he is having good projects on ML", "strength", "Your projects on ML were good."),
    ("- she is having no internship exp", "gap", "This role needs more internship experience than you have had so far."),
    ("- knowledge of US geography less", "gap",
     "This role needs more hands-on experience with US geography than you have had so far."),
    ("- communication is less", "gap", "Your communication was more limited than this role needs.")])
def test_indian_english_having_and_less_are_said_plainly(notes, kind, said):
    """'he is having good projects on ML' was 'One strength the panel noted: you are having good projects on ML.', and
    'communication is less' 'We noted that your communication is less.'"""
    items = draft_feedback(None, notes, {"candidate_name": "Asha"}).feedback
    assert items and (items[0].kind, items[0].text) == (kind, said), items


@pytest.mark.parametrize("notes, kind, said", [
    ("Verification: fail - skipped security questions", "gap",
     "Your verification was not yet as strong as this role needs: you skipped security questions."),
    ("Documentation: fail", "gap", "Your documentation was not yet as strong as this role needs."),
    ("Call close: missed", "gap", "You missed the call close, and that matters in this role."),
    ("Greeting: pass", "strength", "Your greeting was solid.")])
def test_a_qa_sheet_mark_on_a_part_of_the_call_is_its_verdict(notes, kind, said):
    """'Documentation: fail' was dropped as unclear ('fail'), and 'Call close: missed' was 'We noted that you missed.'"""
    items = draft_feedback(None, notes, {"candidate_name": "Asha"}).feedback
    assert items and (items[0].kind, items[0].text) == (kind, said), items


@pytest.mark.parametrize("notes", ["DBS: pass", "Overall: fail"])
def test_a_pass_or_fail_on_a_check_or_the_whole_is_no_qa_mark(notes):
    assert not [f for f in draft_feedback(None, notes, {"candidate_name": "Asha"}).feedback if f.kind != "advice"]


@pytest.mark.parametrize("notes, said", [
    ("Working Together 2/7", "working together"), ("Managing a Quality Service 4/7", "managing a quality service"),
    ("Seeing the Big Picture 6/7", "seeing the big picture")])
def test_a_civil_service_behaviour_is_said_in_lower_case(notes, said):
    """'Working Together 3/7' was 'Your working Together was not yet as strong as this role needs.'"""
    items = draft_feedback(None, notes, {"candidate_name": "Asha"}).feedback
    assert items and said in items[0].text.lower(), items
    assert not re.search(r"\b(?:Together|Quality|Service|Big|Picture)\b", items[0].text), items


@pytest.mark.parametrize("notes, said", [("+ thermo basics strong", "Your thermo basics were strong."),
                                         ("- Excel basics weak",
                                          "Your Excel basics were not yet as strong as this role needs.")])
def test_basics_are_plural(notes, said):
    """'thermo basics strong' was 'Your thermo basics was strong.' ('-ics' read as a subject, as 'analytics')."""
    items = draft_feedback(None, notes, {"candidate_name": "Asha"}).feedback
    assert items and items[0].text == said, items


@pytest.mark.parametrize("notes, said", [("+ calculations all correct", "Your calculations were all correct."),
                                         ("+ answers correct", "Your answers were correct.")])
def test_work_said_correct_is_praise_of_the_work(notes, said):
    """'+ calculations all correct' was 'Your calculations all correct stood out as a strength.'"""
    assert [f.text for f in draft_feedback(None, notes, {"candidate_name": "Asha"}).feedback] == [said]


@pytest.mark.parametrize("notes", ["- v quiet, barely spoke", "- quiet, rarely answered in full"])
def test_what_the_candidate_rarely_did_after_a_manner_is_never_a_topic(notes):
    """'v quiet, barely spoke' was 'Your barely spoke was quieter than this role needs.'"""
    items = draft_feedback(None, notes, {"candidate_name": "Asha"}).feedback
    assert items and items[0].text.startswith("You were quieter than this role needs"), items
    assert not any(re.search(r"(?i)your (?:barely|rarely)", f.text) for f in items), items


@pytest.mark.parametrize("notes, said", [
    ("drug calc 8/10 (pass mark 80%)", ("strength", "Your drug calc was 8/10, above the pass mark of 80%.")),
    ("written test 12/20 (pass 70%)", ("gap", "Your written test was 12/20; the pass mark is 70%."))])
def test_a_score_out_of_a_scale_is_set_against_a_bar_in_per_cent(notes, said):
    """'drug calc 8/10 (pass mark 80%)' was the gap 'Your drug calc was 8/10; the pass mark is 80%.' (8 out of 10 set
    against 80 out of 10)."""
    items = draft_feedback(None, notes, {"candidate_name": "Asha"}).feedback
    assert items and (items[0].kind, items[0].text) == said, items


@pytest.mark.parametrize("notes", ["took no notes during the consultation", "made no notes in the assessment"])
def test_notes_not_taken_are_still_a_gap(notes):
    """'took no notes during the consultation' became the strength 'You took no notes during the consultation.' once
    work done without notes ('took 6 orders no notes') was praise: there the notes are what was not taken."""
    items = draft_feedback(None, notes, {"candidate_name": "Asha"}).feedback
    assert items and items[0].kind == "gap", items


def test_limit_is_practised_as_limiting():
    """'didn't limit jargon with the client' gave the advice 'More practice limitting jargon ...': the t of a verb
    ending in 'mit' was doubled for 'submitting', 'limit' and 'vomit' included."""
    items = draft_feedback(None, "didn't limit jargon with the client", {"candidate_name": "Asha"}).feedback
    advice = [f.text for f in items if f.kind == "advice"]
    assert advice and "limiting jargon" in advice[0] and "limitting" not in advice[0], advice


@pytest.mark.parametrize("line, said", [
    # (a bare "could ... more" is no judgement the notes can say, "show off" or not: "could probe more" is unclear too)
    ("should show off her design work more", "We'd suggest you show off your design work more."),
    ("didn't show off the portfolio enough", "You didn't show off the portfolio enough, and that matters in this role.")])
def test_showing_off_the_work_is_still_feedback(line, said):
    """'could show off her design work more' was dropped as 'not about the work': 'show off' with a space matched the
    word for a person ('a show-off') wherever it stood, not only where the verb ends the note."""
    result = draft_feedback(None, f"SQL strong\n{line}", {"candidate_name": "Asha"})
    assert [f.text for f in result.feedback][1:] == [said], result.feedback
    assert not result.dropped, result.dropped


def test_work_that_boasts_something_is_still_feedback():
    """'portfolio boasts great case studies' was dropped as 'not about the work': 'boasts' was read as the candidate
    boasting, though its subject is the work. The person who boasts ('boasts a lot', 'boastful') is still dropped."""
    result = draft_feedback(None, "SQL strong\nportfolio boasts great case studies", {"candidate_name": "Asha"})
    assert len(result.feedback) == 2 and not result.dropped, (result.feedback, result.dropped)
    for line in ("boasts a lot", "boastful"):
        assert [d.category for d in draft_feedback(None, f"SQL strong\n{line}", {}).dropped] == ["not_about_work"]


@pytest.mark.parametrize("line, name", [
    ("good rapport with Sarah Jones", "Sarah Jones"),
    ("+ paired with Tom Baker on the refactor", "Tom Baker"),
    ("+ worked alongside Mei Lin on the pass", "Mei Lin"),
    ("good teamwork w/ Chidi Okafor on the build", "Chidi Okafor")])
def test_full_name_of_a_colleague_is_private(line, name):
    """'good rapport with Sarah Jones' gave 'Your rapport with Sarah Jones was good.' though '... with Sarah' was
    dropped: a name of two capitalised words after 'with' or 'alongside' was not read as a person at all."""
    result = draft_feedback(None, f"SQL strong\n{line}", {"candidate_name": "Asha"})
    assert not any(w in f.text for f in result.feedback for w in name.split()), result.feedback
    assert [d.category for d in result.dropped] == ["private"], result.dropped


@pytest.mark.parametrize("line, product", [
    ("+ great with App Store submissions", "App Store"),
    ("+ confident with Adobe Premiere", "Adobe Premiere"),
    ("+ worked with Google Sheets daily", "Google Sheets")])
def test_product_of_two_capitalised_words_is_not_a_colleague(line, product):
    """The other side of a full name after 'with': spaCy reads 'App Store' as a person, but a product's words are in
    the lexicon, so the remark stays."""
    result = draft_feedback(None, f"SQL strong\n{line}", {"candidate_name": "Asha"})
    assert any(product in f.text for f in result.feedback) and not result.dropped, (result.feedback, result.dropped)


@pytest.mark.parametrize("line", [
    "+ brilliant with the Y1 kids",
    "good with the reception children",
    "didn't check the resident's wristband before giving meds",
    "forgot to give the patient's medication on time",
    "+ good knowledge of the immigration rules",
    "+ knows citizenship law well"])
def test_work_with_children_meds_or_immigration_rules_is_not_risky(line):
    """'brilliant with the Y1 kids' was dropped as family status, 'before giving meds' as health and 'knowledge of the
    immigration rules' as national origin: a year group before 'kids', meds given to those in the candidate's care
    and immigration as the subject of the work are the work itself."""
    result = draft_feedback(None, f"SQL strong\n{line}", {"candidate_name": "Asha"})
    assert not result.dropped and len(result.feedback) >= 2, (result.feedback, result.dropped)


@pytest.mark.parametrize("line", ["copes with her kids at home", "takes her meds", "immigration status unclear"])
def test_the_candidates_own_family_health_or_status_is_still_risky(line):
    """The other side: the candidate's own children, medication or immigration status stay dropped as risky."""
    assert [d.category for d in draft_feedback(None, f"SQL strong\n{line}", {}).dropped] == ["risky"]


@pytest.mark.parametrize("line, said", [
    ("knew the PMS already", "the PMS"),
    ("+ The PMS was new but she picked it up fast", "PMS"),
    ("good rapport with the pms", "the product managers"),
    ("the PMs liked her", "the product managers")])
def test_the_pms_in_capitals_is_a_system_not_product_managers(line, said):
    """'knew the PMS already' (a hotel's property-management system) gave 'You knew the product managers already.':
    the shorthand 'the pms' matched in any case. In capitals it is the system, as 'DBS' is the check and 'dbs' databases;
    'the pms' and 'the PMs' are still the product managers."""
    texts = [f.text for f in draft_feedback(None, line, {"candidate_name": "Asha"}).feedback]
    assert texts and said in texts[0], texts
    if said != "the product managers":
        assert "product manager" not in texts[0], texts


@pytest.mark.parametrize("line, said", [
    ("fume hood left open", "You left the fume hood open."),
    ("left the fridge door open", "You left the fridge door open."),
    ("mixer guard left up", "You left the mixer guard up."),
    ("gas was left on after the lunch service", "You left the gas on after the lunch service.")])
def test_kit_left_unsafe_is_a_gap(line, said):
    """'fume hood left open', 'left the fridge door open' and 'mixer guard left up' were dropped as unclear: a safety
    lapse has no gap word. Kit left open, on or up is a gap, said of the candidate; 'left on a good note' and a door
    'left open for a future role' are not."""
    result = draft_feedback(None, f"SQL strong\n{line}", {"candidate_name": "Asha"})
    assert [(f.kind, f.text) for f in result.feedback][1:2] == [("gap", said)], (result.feedback, result.dropped)
    for other in ("left on a good note", "left the door open for a future role"):
        assert not any(f.kind == "gap" for f in draft_feedback(None, f"SQL strong\n{other}", {}).feedback), other


@pytest.mark.parametrize("line", ["+ made less errors", "made fewer mistakes than the others", "+ no notes needed",
                                  "zero prompting required on the specials"])
def test_fewer_faults_or_no_aid_needed_is_not_a_gap(line):
    """'+ made less errors' and '+ no notes needed' read as gaps ('We didn't see notes needed.'): 'errors' and 'no'
    are gap words, but fewer faults and an aid not needed are praise, like '0 errors' and 'took orders no notes'."""
    result = draft_feedback(None, f"SQL strong\n{line}", {"candidate_name": "Asha"})
    assert not any(f.kind in ("gap", "advice") for f in result.feedback), result.feedback
    assert [d.category for d in draft_feedback(None, "SQL strong\n- made more errors", {}).dropped] == []


@pytest.mark.parametrize("line, said", [
    ("hadn't run a team bigger than 4", "You hadn't run a team bigger than 4, and that matters in this role."),
    ("she had not led a stand-up", "You hadn't led a stand-up, and that matters in this role."),
    ("hadn't used Kafka", "This role needs hands-on experience with Kafka, which you haven't had yet.")])
def test_hadnt_is_said_like_havent(line, said):
    """'hadn't run a team bigger than 4' gave 'We noted hadn't run a team bigger than 4.': 'hadn't' was not among
    the negated verbs that 'hasn't' and 'didn't' are, nor 'hadn't used' among the ways to say no experience."""
    result = draft_feedback(None, f"SQL strong\n{line}", {"candidate_name": "Asha"})
    assert [f.text for f in result.feedback][1:2] == [said], result.feedback


@pytest.mark.parametrize("notes, advice", [
    ("no job market paper with an identification strategy",
     "Writing a job market paper with an identification strategy would make a future application much stronger."),
    ("no first-author paper on electrocatalysis",
     "Writing a first-author paper on electrocatalysis would make a future application much stronger."),
    ("no forklift licence", "Getting a forklift licence would make a future application much stronger.")])
def test_a_missing_paper_is_written_and_a_credential_got_in_the_notes_advice_as_in_the_rules(notes, advice):
    """The notes' advice had its own copy of the rules' helper: 'Getting a job market paper ... would make ...'."""
    assert _texts(notes, {"candidate_name": "Asha"})[1] == advice


# ---- session 28: fresh notes in new registers (tests/fixtures/notes_fresh28.jsonl) ------------------

FRESH28 = [json.loads(line) for line in (Path(__file__).parent / "fixtures" / "notes_fresh28.jsonl").read_text(
    encoding="utf-8").splitlines() if line.strip()]
_COLLEAGUES_28 = ("Anjali", "Nia", "Khan", "Okafor", "Marcus", "Patel", "Dave", "Priya", "Aisha", "Ravi", "Jamal", "Hannah")


@pytest.mark.parametrize("record", FRESH28, ids=lambda r: r["id"])
def test_fresh28_notes_read_as_a_candidate_would(record):
    """Forty-odd fresh notes (scorecards, phone one-liners, Indian English, UK teaching and NHS, warehouse, trades,
    sales, academic, legal, hospitality): no colleague's name, no 'less' before a plural, no group lost said as a topic,
    no paper 'written published', and no other candidate turned into 'you'."""
    result = draft_feedback(None, record["notes"], {"candidate_name": "Asha"})
    text = " ".join(f.text for f in result.feedback) + " " + (result.relationship or "")
    assert not [n for n in _COLLEAGUES_28 if re.search(rf"\b{n}\b", text)], text
    assert not re.search(r"(?i)\bless\s+(?:errors|mistakes|calls|complaints)\b", text), text
    assert not re.search(r"(?i)\bthe (?:class|room)\b[^.]*\bwas less sure-footed", text), text
    assert "Writing a published" not in text and "1st you" not in text, text


@pytest.mark.parametrize("line, name", [
    ("sat beside Anjali on the ward round, good obs", "Anjali"),
    ("shadowed Nia for the afternoon - great with patients", "Nia"),
    ("good obs when shadowing Nia", "Nia"),
    ("Handover to Sister Khan was rushed", "Khan"),
    ("Shadowed Staff Nurse Okafor on the early shift, good questions", "Okafor")])
def test_a_colleague_shadowed_sat_beside_or_handed_over_to_is_never_named(line, name):
    """'sat beside Anjali on the ward round', 'shadowed Nia for the afternoon - great with patients' and 'Handover to
    Sister Khan was rushed' kept the colleague's name ('Your handover to Sister Khan was rushed.'): only 'with',
    'alongside' and 'beside' after working together, and spaCy's people, were read as naming someone."""
    result = draft_feedback(None, f"SQL strong\n{line}", {"candidate_name": "Asha"})
    assert not any(name in f.text for f in result.feedback), result.feedback
    assert name not in result.draft
    assert "Your SQL was strong." in [f.text for f in result.feedback]
    # a product after the same verbs is no colleague
    kept = draft_feedback(None, "+ worked with Google Sheets daily", {"candidate_name": "Asha"})
    assert any("Google Sheets" in f.text for f in kept.feedback), kept.dropped


@pytest.mark.parametrize("line, said", [
    ("lost the class during the group activity",
     "You lost the attention of the class during the group activity, and that matters in this role."),
    ("Lost the room during the plenary.", "You lost the attention of the room during the plenary, and that matters in this role."),
    ("lost control of the class after break", "You lost control of the class after break, and that matters in this role.")])
def test_a_group_lost_is_its_attention_lost(line, said):
    """'lost the class during the group activity' gave 'The class during the group activity was less sure-footed than
    this role needs.' and the advice 'Getting more hands-on experience with the class ...': 'lost' was read as the
    verdict 'lost' on a topic, the class."""
    result = draft_feedback(None, f"SQL strong\n{line}", {"candidate_name": "Asha"})
    assert [(f.kind, f.text) for f in result.feedback][1:] == [("gap", said)], result.feedback


@pytest.mark.parametrize("line, kind", [
    ("needs to publish", "advice"), ("Needs to publish in higher impact journals.", "advice"),
    ("went to the pub with the team after", None)])
def test_to_publish_is_not_going_to_the_pub(line, kind):
    """'Needs to publish in higher impact journals' was dropped as 'not about the work: their personal life or
    interests': the pattern for going 'to the pub' had no word end, so 'to pub|lish' matched."""
    result = draft_feedback(None, line, {"candidate_name": "Asha"})
    if kind:
        assert [f.kind for f in result.feedback] == [kind] and "publish" in result.feedback[0].text, result
    else:
        assert not result.feedback and [d.category for d in result.dropped] == ["not_about_work"]


@pytest.mark.parametrize("topic, advice", [
    ("published paper", "publishing a paper"), ("a published paper on X", "publishing a paper on X"),
    ("first-author paper", "writing a first-author paper"), ("forklift licence", "getting a forklift licence")])
def test_a_published_paper_is_published_not_written(topic, advice):
    """'no published paper' gave the advice 'Writing a published paper would make a future application much
    stronger.': a paper is written, but one already published is got by publishing it."""
    from model.feedback import held_advice
    assert held_advice(topic) == advice


@pytest.mark.parametrize("line, said", [
    ("Needs care certificate.", "This role needs a care certificate, which you don't have yet."),
    ("needs CSCS card", "This role needs a CSCS card, which you don't have yet.")])
def test_a_credential_needed_is_said_with_its_article(line, said):
    """'Needs care certificate.' gave 'We noted that you need care certificate.'"""
    result = draft_feedback(None, f"SQL strong\n{line}", {"candidate_name": "Asha"})
    assert [f.text for f in result.feedback if f.kind == "gap"] == [said], result.feedback


@pytest.mark.parametrize("line, said", [
    ("+ made less errors than most on the data entry test", "You made fewer errors than most on the data entry test."),
    ("Less calls handled than needed.", "You handled fewer calls than this role needs."),
    ("Less confident with Excel.", "You were less confident with Excel than this role needs."),
    ("- less accurate with the counts", "You were less accurate with the counts than this role needs."),
    ("Less familiar with contract law", "You were less familiar with contract law than this role needs."),
    ("Less experience with cocktails.", "This role needs more hands-on experience with cocktails than you have had so far.")])
def test_less_agrees_and_less_of_a_quality_is_a_gap(line, said):
    """'made less errors' was kept as written; 'Less confident with Excel', 'Less experience with cocktails' and 'Less
    calls handled than needed' were dropped as fragments, and '- less accurate with the counts' became a strength
    ('accurate' is praise, and 'less' did not turn it round)."""
    result = draft_feedback(None, f"SQL strong\n{line}", {"candidate_name": "Asha"})
    assert [f.text for f in result.feedback][1:2] == [said], (result.feedback, result.dropped)
    for mass in ("less stress about the deadline", "less depth in the answers"):  # no plural, no quality: not said so
        texts = [f.text for f in draft_feedback(None, mass, {}).feedback]
        assert not [t for t in texts if "fewer" in t or "You were less depth" in t], texts


def test_engaged_with_the_class_is_not_marital_status_and_another_candidate_by_order_is_private():
    """'Seminar teaching demo - engaged the students, clear explanation of Bayes' was dropped whole as marital status
    ('engaged'), and 'Less errors on the board than 1st candidate' became 'less errors on the board than 1st you'."""
    result = draft_feedback(None, "Seminar teaching demo - engaged the students, clear explanation of Bayes. "
                                  "Less errors on the board than 1st candidate.", {"candidate_name": "Asha"})
    texts = [f.text for f in result.feedback]
    assert "You engaged the students." in texts and "Your explanation of Bayes was clear." in texts, result
    assert not [d for d in result.dropped if d.category == "risky"], result.dropped
    assert [d.category for d in result.dropped if "candidate" in d.note] == ["private"], result.dropped
    assert [d.category for d in draft_feedback(None, "recently engaged", {}).dropped] == ["risky"]
    assert [d.category for d in draft_feedback(None, "engaged to a colleague", {}).dropped] == ["risky"]


@pytest.mark.parametrize("notes, said", [
    ("Drafting: clear, well structured.", "Your drafting was clear and well structured."),
    ("Drafting: well structured.", "Your drafting was well structured."),
    ("report well written", "Your report was well written.")])
def test_a_labels_list_of_praise_is_said_of_the_label(notes, said):
    """'Drafting: clear, well structured.' gave 'Your clear, were well structured.' and 'Drafting: well structured.'
    'Your well was well structured.': 'well' was read as a topic."""
    assert _texts(notes, {"candidate_name": "Asha"}) == [said]


@pytest.mark.parametrize("notes, said", [
    ("Too much jargon when explaining to the client.", "There was too much jargon when explaining to the client."),
    ("used too many slides", "You used too many slides, and that matters in this role.")])
def test_too_much_of_something_is_a_gap_in_the_work_not_a_judgement_of_the_person(notes, said):
    """'Too much jargon when explaining to PM' was dropped as a judgement of the person ('too much' is one, said of
    them alone), and 'Poured pints badly (too much head)' too."""
    assert _texts(notes, {"candidate_name": "Asha"}) == [said]
    assert draft_feedback(None, "Poured pints badly (too much head).", {}).feedback
    for person in ("talks too much", "a bit too much", "too much of a know-it-all"):
        assert [d.category for d in draft_feedback(None, person, {}).dropped] == ["not_about_work"], person


def test_an_admin_label_after_another_sentence_on_the_line_is_still_admin():
    """'Customer service: excellent. Availability: Mon-Wed only.' gave 'We noted Availability: Mon-Wed only.': a label
    was read only at the start of a line."""
    result = draft_feedback(None, "Customer service: excellent. Till accuracy: made less mistakes than expected. "
                                  "Availability: Mon-Wed only.", {"candidate_name": "Asha"})
    assert "Mon-Wed" not in result.draft and [d.category for d in result.dropped] == ["logistics"], result
    assert "You made fewer mistakes than expected." in [f.text for f in result.feedback], result.feedback


@pytest.mark.parametrize("notes, said", [
    ("Subject knowledge secure.", "Your subject knowledge was secure."),
    ("Demo was slick.", "Your demo was slick."),
    ("Pitch was punchy.", "Your pitch was punchy."),
    ("need to improve on system design.", "We'd suggest you improve on system design.")])
def test_secure_slick_and_punchy_are_praise_and_need_to_improve_is_advice(notes, said):
    """'Subject knowledge secure', 'Demo was slick' and 'Pitch was punchy' were dropped as unclear, and the Indian
    English 'need to improve on system design' too (no 'needs')."""
    assert _texts(notes, {"candidate_name": "Asha"}) == [said]
    assert not _texts("need to send the take-home")  # the recruiter's own to-do is no advice


def test_a_verdict_on_the_whole_candidate_and_people_served_are_not_the_candidates_own():
    """'Strong candidate for the reception role' gave 'One strength the panel noted: strong you for the reception role.'
    and 'SEN pupils not supported' 'Your SEN pupils were not supported.'"""
    result = draft_feedback(None, "Strong candidate for the reception role\nSEN pupils not supported.", {})
    assert [d.note for d in result.dropped] == ["Strong candidate for the reception role"], result.dropped
    assert "The SEN pupils were not supported, and that matters in this role." in [f.text for f in result.feedback]
    assert "Your slides were not referenced." in _texts("slides not referenced")


def test_a_clinical_rehab_specialty_is_work_not_health():
    """'Less knowledge of neuro rehab.' was dropped as risky (disability or health, 'rehab')."""
    assert "neuro rehab" in " ".join(_texts("Less knowledge of neuro rehab."))
    assert [d.category for d in draft_feedback(None, "just out of rehab", {}).dropped] == ["risky"]
@pytest.mark.parametrize("notes, gap, advice", [
    ("no clear plan for stakeholder comms", "We didn't see a clear plan for stakeholder communication.",
     "Developing a clear plan for stakeholder communication would make a future application much stronger."),
    ("no realistic budget", "We didn't see a realistic budget.",
     "Developing a realistic budget would make a future application much stronger."),
    ("weak on commercial awareness", None, "Building your commercial awareness would make a future application much stronger."),
    ("presenting to senior stakeholders was shaky", None,
     "More practice presenting to senior stakeholders would make a future application much stronger."),
])
def test_advice_from_notes_reads_as_english_for_a_plan_awareness_or_a_skill_one_does(notes, gap, advice):
    """'no clear plan for stakeholder comms' gave "We didn't see clear plan for stakeholder communication." and "Getting
    more hands-on experience with clear plan for ...", 'weak on commercial awareness' "... hands-on experience with
    commercial awareness", and 'presenting to senior stakeholders was shaky' "... hands-on experience with presenting
    to senior stakeholders". A plan is one to develop (with its article), awareness is built, a skill one does is
    practised."""
    texts = {f.kind: f.text for f in draft_feedback(None, notes).feedback}
    assert texts.get("advice") == advice, texts
    if gap:
        assert texts.get("gap") == gap, texts


# ---- session 28b: the remaining misreadings --------------------------------------------------------

def _said28b(notes: str) -> list[tuple[str, str]]:
    return [(f.kind, f.text) for f in draft_feedback(None, notes, {"candidate_name": "Asha"}).feedback]


def test_a_label_is_not_carried_into_the_next_sentence_with_its_own_arrow_label():
    """'Legal research: missed the key authority. Client interview role-play -> empathetic but rushed' gave 'Your legal
    research was empathetic.': the second sentence names its own topic before an arrow, so the first label ends there."""
    said = _said28b("Legal research: missed the key authority. Client interview role-play -> empathetic but rushed")
    assert ("strength", "Your client interview role-play was empathetic.") in said, said
    assert ("gap", "Your client interview role-play was rushed.") in said, said
    assert not any("legal research was" in t.lower() for _, t in said), said
    # an arrow before a verdict is still the verdict's
    assert _said28b("Ops: on time. Pivot tables -> weak")[-2:][0][0] == "gap"


@pytest.mark.parametrize("notes, expected", [
    ("Kitchen porter trial: fast, kept the pot wash clear.",
     [("strength", "Your kitchen porter trial was fast."), ("strength", "You kept the pot wash clear.")]),
    ("accurate bundle prep, met the deadline.",
     [("strength", "Your bundle prep was accurate."), ("strength", "You met the deadline.")]),
    ("Bar trial: fast, clean, remembered orders.",
     [("strength", "Your bar trial was fast and clean."), ("strength", "You remembered orders.")])])
def test_a_clause_after_praise_is_its_own_observation(notes, expected):
    """'Kitchen porter trial: fast, kept the pot wash clear.' gave 'Your fast, kept the pot wash were clear.' and
    'accurate bundle prep, met the deadline.' gave 'Your bundle prep and met the deadline were accurate.': a list item
    that is something done ('kept …', 'met …', 'remembered …') was joined to the praise as one more item of its list."""
    assert _said28b(notes) == expected


def test_a_clause_after_a_gap_stays_its_evidence():
    assert _said28b("Low confidence, kept apologising") == [
        ("gap", "Your confidence was lower than this role needs: you kept apologising.")]
    assert _said28b("v good w/ customers, upsold the dessert menu twice") == [
        ("strength", "You were good with customers: you upsold the dessert menu twice.")]


@pytest.mark.parametrize("notes, expected", [
    ("Mentorship of PhDs - none yet.", ("gap", "This role needs hands-on experience with mentorship of PhDs, which you "
                                               "haven't had yet.")),
    ("Articulate, well-read", ("strength", "You came across as articulate and well-read.")),
    ("Less errors than average", ("strength", "You made fewer errors than most."))])
def test_fallback_wording_reads_as_a_sentence(notes, expected):
    """'Mentorship of PhDs - none yet.' gave 'We noted none yet.', 'Articulate, well-read' gave 'One strength the panel
    noted: Articulate, well-read.' (a capital mid-sentence) and 'Less errors than average' gave 'One strength the panel
    noted: fewer errors than most.'."""
    assert _said28b(notes)[0] == expected


def test_none_yet_is_no_gap_when_the_label_is_best_absent():
    assert not any("red flags" in t.lower() for _, t in _said28b("Red flags: none yet"))
    assert ("gap", "This role needs hands-on experience with mentorship of PhDs, which you haven't had yet.") \
        in _said28b("Mentorship of PhDs: none yet")


@pytest.mark.parametrize("notes, expected", [
    ("less confident than 1st interview", ("gap", "You were less confident than in your first interview.")),
    ("talked over Priya in the panel",
     ("gap", "You talked over another panel member, and letting others finish matters in this role.")),
    ("interrupted Dr Shah twice",
     ("gap", "You interrupted someone else twice, and letting others finish matters in this role.")),
    ("Forklift: passed.", ("strength", "You passed the forklift test.")),
    ("presentation ran long", ("gap", "Your presentation ran longer than planned.")),
    ("Job talk ran 15 min over.", ("gap", "Your job talk ran 15 minutes over time."))])
def test_real_remarks_are_not_dropped_as_unclear(notes, expected):
    """Each was dropped as unclear: a comparison with the candidate's own earlier interview, talking over a panel
    member named in the notes (said without the name), a practical passed under a label, and work that ran long."""
    result = draft_feedback(None, notes, {"candidate_name": "Asha"})
    assert [(f.kind, f.text) for f in result.feedback][0] == expected, result.dropped
    assert "Priya" not in result.draft and "Shah" not in result.draft


def test_what_ran_over_is_the_candidates_work_and_a_call_sheets_pass_is_unchanged():
    assert _said28b("the presentation was over") == []
    assert _said28b("Greeting: pass.") == [("strength", "Your greeting was solid.")]
    assert _said28b("less confident with Excel") == [("gap", "You were less confident with Excel than this role needs.")]


@pytest.mark.parametrize("notes, person, field", [
    ("struggled explaining to PM", "the product manager", None),
    ("pushed back on PM well", "the product manager", None),
    ("strong PM background", None, "product management")])
def test_a_pm_spoken_to_is_a_person_not_the_field(notes, person, field):
    """'struggled explaining to PM' gave 'Explaining to product management was the part of the interview you found
    hardest.': the PM there is someone the candidate spoke to."""
    text = " ".join(t for _, t in _said28b(notes))
    if person:
        assert person in text and "to product management" not in text and "on product management" not in text, text
    else:
        assert field in text, text


@pytest.mark.parametrize("line, said", [
    ("good obs when shadowing Nia", "a colleague"),
    ("Handover to Sister Khan was rushed", "Your handover to a colleague was rushed."),
    ("calm while working with Dr Patel on the ward", None),  # no sentence reads well without the name: dropped
    ("better at obs than Priya when shadowing her", None)])  # a comparison with the colleague: dropped
def test_a_colleague_who_is_only_the_setting_is_said_by_role(line, said):
    """'good obs when shadowing Nia' was dropped whole for naming a colleague, losing the praise: where the name is
    only the setting of the candidate's own work it is said as 'a colleague'; a remark comparing the candidate with
    the colleague is still dropped."""
    result = draft_feedback(None, f"SQL strong\n{line}", {"candidate_name": "Asha"})
    texts = [f.text for f in result.feedback]
    assert not re.search(r"\b(?:Nia|Khan|Patel|Priya)\b", result.draft), result.draft
    if said:
        assert any(said in t for t in texts[1:]), texts
        assert not any(d.note == line for d in result.dropped), result.dropped
    else:
        assert texts == ["Your SQL was strong."] and [d.category for d in result.dropped] == ["private"], result


def test_fresh28b_misreadings():
    """From the session-28b fresh notes: 'Conditioning - forgot to strip the lower leaves' advised 'striping'; 'Swim
    test: passed.' and 'Driving assessment: passed.' were dropped or said as 'Your driving assessment was solid.';
    'Radio procedure: passed. Calm, professional.' gave 'Your radio procedure was calm.' (the label carried past its
    own verdict into the next sentence)."""
    assert any("stripping the lower leaves" in t for _, t in _said28b("Conditioning - forgot to strip the lower leaves."))
    assert _said28b("Swim test: passed. Reach test fine.")[0] == ("strength", "You passed the swim test.")
    assert _said28b("Driving assessment: passed.") == [("strength", "You passed the driving assessment.")]
    assert not any("drug" in t.lower() for _, t in _said28b("Drug test: fail"))
    said = _said28b("Till: ok. Calm, professional.")
    assert not any("till was" in t.lower() for _, t in said), said
    assert ("strength", "You came across as calm.") in said, said


FRESH28B = [json.loads(line) for line in (Path(__file__).parent / "fixtures" / "notes_fresh28b.jsonl").read_text(
    encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("record", FRESH28B, ids=lambda r: r["id"])
def test_fresh28b_notes_read_as_a_candidate_would(record):
    """Twenty-six fresh notes in registers new to the fixtures (veterinary, cabin crew, pharmacy in Indian English,
    newsroom, architecture, TV, fundraising, dental, lab, security, driving, estate agency, claims, apprenticeship,
    coaching, museum, interpreting, games QA, social work, accountancy, floristry, HR, data engineering, GP reception,
    admissions, an Australian barista): no colleague's name, no list joined as one topic ('Your fast, kept …'), no
    capital after the fallback's colon, no done thing read as a topic ('Your met …'), no 'striping'."""
    result = draft_feedback(None, record["notes"], {"candidate_name": "Asha"})
    text = " ".join(f.text for f in result.feedback) + " " + (result.relationship or "")
    assert not re.search(r"\b(?:Marcus|Jamal|Ravi|Aisha)\b", text), text
    assert not re.search(r"\bYour [a-z]+, [a-z]+ ", text), text
    assert not re.search(r"noted: [A-Z][a-z]", text), text
    assert not re.search(r"\bYour (?:met|kept|remembered|filed|logged)\b", text), text
    assert "striping" not in text, text


@pytest.mark.parametrize("notes", ["better obs than Nia", "better obs than Nia.", "calmer than Siobhan with the family",
                                   "quicker on the tills than Oluwaseun"])
def test_a_name_no_dictionary_knows_after_than_is_a_person_compared(notes):
    """'better obs than Nia' came out as "One strength the panel noted: better obs than Nia.": spaCy read 'Nia' as
    an organisation or a place, so the colleague the candidate was measured against was named to the candidate.
    After 'than', a word no dictionary knows is taken for a person whatever spaCy reads it as."""
    out = draft_feedback(None, notes)
    assert not any("Nia" in f.text or "Siobhan" in f.text or "Oluwaseun" in f.text for f in out.feedback)
    assert [d.category for d in out.dropped] == ["private"]
