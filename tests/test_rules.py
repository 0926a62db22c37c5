"""Rules as data: every rule's examples both ways, the pattern language, context-sensitive risk rules,
structure findings, template near-duplicates and organisation settings."""
import re

import pytest
import yaml

from model import Checker
from model.report import CATEGORIES, SEVERITIES, SentenceResult
from model.rules import RULES_DIR, Rule, RuleEngine, compile_patterns, default_engine
from model.templates import TemplateIndex, default_index
from model.text import prepare

ENGINE = default_engine()
PHRASE_AND_STRUCTURE = [r for r in ENGINE.all_rules() if r.type in ("phrase", "structure")]
LABEL_RULES = [r for r in ENGINE.all_rules() if r.type == "label"]


# ---- the rule files ------------------------------------------------------------------------------

def test_rule_files_are_well_formed():
    ids = [r.id for r in ENGINE.all_rules()]
    assert len(ids) == len(set(ids))
    for r in ENGINE.all_rules():
        assert re.fullmatch(r"[a-z0-9_]+(\.[a-z0-9_]+)+", r.id)
        assert r.category in CATEGORIES and r.severity in SEVERITIES
        assert r.message and r.rationale, r.id
        assert "\n" not in r.rationale, f"{r.id}: the rationale is one line"
    for r in ENGINE.rules.values():
        for p in r.patterns + r.unless + r.requires:
            assert compile_patterns(p), (r.id, p)
        if r.category == "risk":
            assert r.tone == "risky" and r.risk in ENGINE.risk_labels, r.id


def test_there_are_at_least_80_phrase_patterns_in_many_rules():
    patterns = sum(len(r.patterns) for r in ENGINE.rules.values())
    assert patterns >= 80
    assert len([r for r in ENGINE.rules.values() if r.category == "boilerplate"]) >= 15
    assert len([r for r in ENGINE.rules.values() if r.category == "risk"]) >= 12
    assert len([r for r in ENGINE.rules.values() if r.category == "tone"]) >= 8


def test_every_rule_has_examples_both_ways():
    for r in ENGINE.all_rules():
        assert r.examples.get("fire"), f"{r.id} has no examples that must fire"
        assert r.examples.get("pass"), f"{r.id} has no examples that must not fire"


@pytest.fixture(scope="module")
def example_results(checker):
    items = [(r.id, kind, text) for r in PHRASE_AND_STRUCTURE for kind in ("fire", "pass")
             for text in r.examples.get(kind, [])]
    reports = checker.check_batch([t for _, _, t in items])
    return {(rid, kind, text): {f.rule for f in rep.findings} for (rid, kind, text), rep in zip(items, reports)}


@pytest.mark.parametrize("rule", PHRASE_AND_STRUCTURE, ids=lambda r: r.id)
def test_rule_examples_fire_and_pass(rule, example_results):
    for text in rule.examples["fire"]:
        assert rule.id in example_results[(rule.id, "fire", text)], f"{rule.id} should fire on: {text!r}"
    for text in rule.examples["pass"]:
        assert rule.id not in example_results[(rule.id, "pass", text)], f"{rule.id} should not fire on: {text!r}"


def _stub_sentence(text: str, rule: Rule) -> SentenceResult:
    kind = "decision" if rule.id == "boilerplate.generic_reason" else "appreciation"
    tone = {"tone.harsh": ("harsh",), "tone.cold": ("cold",), "risk.model": ("risky",)}.get(rule.id, ())
    bp = "high" if rule.category == "boilerplate" else "none"
    return SentenceResult(0, len(text), text, kind, 0.1, bp, tone)


@pytest.mark.parametrize("rule", LABEL_RULES, ids=lambda r: r.id)
def test_label_rule_examples_with_the_label_given(rule):
    """Label rules surface the model's label unless a phrase rule already explains the sentence."""
    for kind in ("fire", "pass"):
        for text in rule.examples[kind]:
            _, findings = ENGINE.apply(prepare(text), [_stub_sentence(text, rule)])
            fired = rule.id in {f.rule for f in findings}
            assert fired == (kind == "fire"), f"{rule.id} {kind}: {text!r}"


# ---- the pattern language ------------------------------------------------------------------------

def _hits(rule_dict: dict, text: str) -> list[str]:
    eng = RuleEngine([Rule.from_dict({"id": "t.rule", "category": "boilerplate", "severity": "low",
                                      "message": "m", **rule_dict})])
    return [text[a:b] for _, a, b in eng.phrase_hits(text)]


def test_pattern_language():
    assert _hits({"patterns": ["keep~ your (cv|résumé) on file"]}, "We kept your résumé on file.") == \
        ["kept your résumé on file"]
    assert _hits({"patterns": ["(a_bit|quite)? old"]}, "You seemed a bit old.") == ["a bit old"]
    assert _hits({"patterns": ["below # years"]}, "Candidates below thirty years only.") == ["below thirty years"]
    assert _hits({"patterns": ["went with @name @name"]}, "We went with Dana Li.") == ["went with Dana Li"]
    assert _hits({"patterns": ["went with @name @name"]}, "We went with another candidate.") == []
    assert _hits({"patterns": ["keep~ *{0,2} on file"]}, "We will keep your details on file.") == \
        ["keep your details on file"]
    # apostrophes match both ' and ’; contractions are split the way spaCy splits them
    for text in ("We don't give feedback.", "We don’t give feedback."):
        assert _hits({"patterns": ["(do|does) n't give feedback"]}, text)
    # whole tokens only: "old" inside "hold" or "bold" is nothing
    assert _hits({"patterns": ["old"]}, "Please hold the bold heading.") == []


def test_unless_and_requires():
    rule = {"patterns": ["culture fit"], "requires": ["(similar|same) background~"], "unless": ["not a reason"]}
    assert _hits(rule, "It came down to culture fit and similar backgrounds.") == ["culture fit"]
    assert _hits(rule, "It came down to culture fit.") == []
    assert _hits(rule, "Culture fit with similar backgrounds is not a reason we use.") == []


def test_unless_overlapping_vetoes_only_the_matches_it_covers():
    rule = {"patterns": ["in confidence", "went with @name"], "unless_overlapping": ["held in confidence"]}
    assert _hits(rule, "Your answers will be held in confidence.") == []
    assert sorted(_hits(rule, "In confidence, we went with Rahul from Apollo.")) == ["In confidence", "went with Rahul"]
    # a vetoed phrase does not hide another match in the same sentence (a sentence-wide `unless` would)
    assert _hits(rule, "Held in confidence: we went with Rahul from Apollo.") == ["went with Rahul"]


# ---- context decides, not substrings -------------------------------------------------------------

RISKY = {
    "age": ["We wanted someone younger for this team.", "You seemed a bit old for the team we have."],
    "age_proxy": ["We really need a digital native to run our channels.",
                  "We're a young and dynamic team and want someone who matches that.",
                  "We were after that recent graduate energy for the launch.",
                  "Honestly, you'd be overqualified for someone at your stage.",
                  "This role would be a big step down for someone at your stage."],
    "language_accent": ["For this desk we need a native English speaker.",
                        "Some callers may find your accent hard to follow."],
    "culture_fit": ["It was really about culture fit, since we all come from similar backgrounds."],
    "pregnancy_family": ["We need someone without other commitments at home.",
                         "With a baby on the way, the timing wasn't right.",
                         "You'd be on maternity leave during the launch.",
                         "You mentioned you're starting a family next year."],
    "appearance": ["Front of house requires a clean-shaven look."],
    "national_origin": ["We decided a more local candidate would connect better with the town."],
    "religion": ["The Friday close clashes with your Friday prayers.",
                 "Given your religious holidays in the autumn, the timing didn't work."],
    "disability_health": ["Given your medical history, we weren't sure about the night shifts.",
                          "We need someone fully fit for the ramp."],
    "job_promise": ["Don't worry, you'll definitely get the next one."],
    "disclosure": ["The person we hired, Dana Whitlock, has run two plant audits."],
}
NOT_RISKY = [
    "Please hold the line while I check the old rota.",
    "Our parental-leave policy is generous, and it applies from day one.",
    "We consider every applicant regardless of age, religion, disability or national origin.",
    "The role needs fluent written German for contract review.",
    "You explained how you would support a patient with diabetes in the clinic.",
    "I can't promise anything, but I'll tell you when the Leeds role opens.",
    "We went with a candidate who has run two plant audits.",
    "Our benefits include enhanced maternity, paternity and adoption leave.",
]


@pytest.mark.parametrize("category,sentences", sorted(RISKY.items()))
def test_risky_proxies_are_flagged_with_category_words_and_tone(checker, category, sentences):
    label = ENGINE.risk_labels[category]
    for text in sentences:
        rep = checker.check(text)
        risk = [f for f in rep.findings if f.category == "risk" and f.rule != "risk.model"]
        assert risk, f"no risk rule fired on {text!r}"
        assert any(label in f.message for f in risk), (text, [f.message for f in risk])
        assert all(f.evidence and f.evidence in text for f in risk)
        assert all(f.severity == "high" and f.suggestions for f in risk)
        assert rep.risky and any("risky" in s.tone for s in rep.sentences)


def test_harmless_mentions_are_not_risky():
    for text in NOT_RISKY:
        assert not [h for h in ENGINE.phrase_hits(text) if h[0].category == "risk"], text


def test_tone_rules_give_span_and_reason(checker):
    rep = checker.check("Frankly, you were clearly out of your depth in the technical round.")
    f = next(f for f in rep.findings if f.rule == "tone.harsh_not_ready")
    assert rep.sentences[0].tone and "harsh" in rep.sentences[0].tone
    assert "out of your depth" in f.evidence and "Harsh" in f.message and f.suggestions


def test_skip_if_specific_spares_a_stock_phrase_with_real_content(checker):
    generic = checker.check("After careful consideration, we have decided not to proceed with your application.")
    specific = checker.check("After careful consideration of the consumer-lag design in your Kafka take-home, "
                             "the panel felt it would not scale to our 40k messages a second.")
    assert "boilerplate.careful_consideration" in {f.rule for f in generic.findings}
    assert "boilerplate.careful_consideration" not in {f.rule for f in specific.findings}


def test_phrase_rules_on_the_corpus_are_precise(corpus_sentences):
    """Risk rules must not fire on sentences annotated as not risky (the corpus is training data:
    this guards precision, it is not an evaluation)."""
    false_pos = [s["text"] for s in corpus_sentences if "risky" not in s["tone"]
                 and any(h[0].category == "risk" for h in ENGINE.phrase_hits(s["text"]))]
    risky = [s for s in corpus_sentences if "risky" in s["tone"]]
    found = [s for s in risky if any(h[0].category == "risk" for h in ENGINE.phrase_hits(s["text"]))]
    assert len(false_pos) <= 3, false_pos[:5]
    assert len(found) / len(risky) >= 0.85


@pytest.fixture(scope="module")
def corpus_sentences():
    import json

    from model.rules import RULES_DIR

    path = RULES_DIR.parent / "corpus.jsonl"
    return [s for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
            for s in json.loads(line)["sentences"]]


# ---- structure -----------------------------------------------------------------------------------

def _rules_of(checker, text, context=None, options=None):
    return {f.rule for f in checker.check(text, context=context, options=options).findings}


def test_structure_no_reason_generic_reason_and_next_step(checker):
    bare = "Hi Tom,\n\nThank you for applying. We have decided not to move forward.\n\nBest,\nAnna"
    assert {"structure.no_reason", "structure.no_next_step"} <= _rules_of(checker, bare)
    good = ("Hi Tom,\n\nThank you for the two interviews. We are not moving forward because the role needs "
            "someone who has run payroll for 200 people on their own, and your payroll work so far has been "
            "as part of a team. If you get a year running payroll end to end, our Leeds office hires again in "
            "March and I'd be glad to introduce you to its manager, Priti.\n\nBest,\nAnna")
    rules = _rules_of(checker, good)
    assert not rules & {"structure.no_reason", "structure.generic_reason", "structure.no_next_step"}


def test_structure_thanks_for_effort_uses_the_text_and_the_context(checker):
    no_thanks = ("Hi Jo,\n\nWe have decided not to progress your application. The role needs more experience "
                 "of month-end close than you have had so far.\n\nRegards,\nSam")
    assert "structure.no_thanks_for_effort" not in _rules_of(checker, no_thanks)
    assert "structure.no_thanks_for_effort" in _rules_of(checker, no_thanks, {"stage": "the final interview"})
    screened_out = ("Hi Jo,\n\nThank you for applying. We will not be inviting you to interview, because the "
                    "role needs a chartered accountant.\n\nRegards,\nSam")
    assert "structure.no_thanks_for_effort" not in _rules_of(checker, screened_out)
    # the contraction is the same effort not made; "the final round" is an effort thanked for
    assert "structure.no_thanks_for_effort" not in _rules_of(checker, screened_out.replace("will not", "won't"))
    final_round = ("Hi Chen,\n\nThanks for the final round for the Backend Engineer role. We've decided not to make "
                   "an offer: the panel felt your ledger design didn't handle idempotent retries.\n\nBest,\nInes")
    assert "structure.no_thanks_for_effort" not in _rules_of(checker, final_round)


def test_a_thanks_goes_after_a_first_sentence_that_holds_the_greeting(checker):
    text = ("Hi Sam — quick note: we've decided not to move you to the onsite for the SRE role. Your take-home was "
            "solid — clean Terraform, good README — but the on-call section skipped alert fatigue entirely, which is "
            "half this job. If you write up how you'd tune paging thresholds for a noisy service, send it my way and "
            "I'll look at it myself. — Jess")
    report = checker.check(text, context={"effort": "the take-home"})
    [f] = [f for f in report.findings if f.rule == "structure.no_thanks_for_effort"]
    new = checker.rules.apply_suggestion(text, report, f, 0)
    assert new.startswith("Hi Sam — quick note: we've decided not to move you to the onsite for the SRE role. "
                          "Thank you for the take-home. Your take-home"), new


def test_structure_buried_decision_plain_and_html(checker):
    paras = ["Thank you for applying to the Council.", "We read every application against the person "
             "specification.", "The panel met on Tuesday.", "I am sorry to tell you that your application "
             "has not been shortlisted."]
    plain = "Dear Mr Shah,\n\n" + "\n\n".join(paras) + "\n\nYours sincerely,\nHR"
    html = "<html><body><p>Dear Mr Shah,</p>" + "".join(f"<p>{p}</p>" for p in paras) + \
        "<p>Yours sincerely,<br>HR</p></body></html>"
    early = "Dear Mr Shah,\n\n" + "\n\n".join([paras[3]] + paras[:3]) + "\n\nYours sincerely,\nHR"
    assert "structure.buried_decision" in _rules_of(checker, plain)
    assert "structure.buried_decision" in _rules_of(checker, html)
    assert "structure.buried_decision" not in _rules_of(checker, early)
    for newline in ("\r\n", "\r"):  # Windows and old Mac line endings
        assert "structure.buried_decision" in _rules_of(checker, plain.replace("\n", newline))
        assert "structure.buried_decision" not in _rules_of(checker, early.replace("\n", newline))
    # one line break is no paragraph break, whatever the line endings
    one_para = "Dear Mr Shah,\r\n\r\n" + "\r\n".join(paras) + "\r\n\r\nYours sincerely,\r\nHR"
    assert "structure.buried_decision" not in _rules_of(checker, one_para)


def test_structure_too_long_and_merge_fields(checker):
    padded = ("Dear Applicant,\n\n" + " ".join(["We truly appreciate the interest you have shown in our "
              "organisation and the time you invested in your application."] * 12)
              + " We have decided not to move forward.\n\nRegards,\nHR")
    assert "structure.too_long" in _rules_of(checker, padded)
    short = "Hi {{first_name}},\n\nThank you for applying. We have decided not to move forward.\n\nBest,\nHR"
    rep = checker.check(short)
    merge = [f for f in rep.findings if f.rule == "structure.unfilled_merge_field"]
    assert merge and merge[0].evidence == "{{first_name}}"


# ---- template near-duplicates --------------------------------------------------------------------

def test_template_library_is_large_and_varied():
    doc = yaml.safe_load((RULES_DIR.parent / "templates" / "generic.yaml").read_text(encoding="utf-8"))
    templates = doc["templates"]
    assert len(templates) >= 40
    assert {t["locale"] for t in templates} >= {"us", "uk", "in"}
    assert len({t["industry"] for t in templates}) >= 10
    lengths = [len(t["text"].split()) for t in templates]
    assert min(lengths) < 40 and max(lengths) > 110


VARIANT = ("Dear {{candidate.first_name}},\n\nThank you so much for your interest in the Warehouse Associate "
           "role at Northwind Freight. After careful consideration, we have decided to move forward with "
           "other candidates whose qualifications more closely match our needs at this time.\n\n"
           "We will keep your CV on file for future opportunities. All good wishes for the search "
           "ahead.\n\nSincerely,\nThe Northwind Freight Recruiting Team")


def test_a_template_variant_is_recognised_despite_names_and_merge_fields(checker):
    match = default_index().best_match(VARIANT)
    assert match is not None and match.template_id == "us.corporate.closer_match" and match.score >= 0.8
    f = next(f for f in checker.check(VARIANT).findings if f.rule == "structure.template_near_duplicate")
    assert re.match(r"^\d{2,3}% the same as a common generic rejection template", f.message)
    assert f.severity == "high" and f.suggestions and f.evidence == match.template_id


def test_a_minimum_score_keeps_the_best_match_or_nothing():
    idx = default_index()
    best = idx.best_match(VARIANT)
    assert idx.best_match(VARIANT, min_score=best.score) == best
    assert idx.best_match(VARIANT, min_score=min(1.0, best.score + 0.01)) is None
    assert all(m.score >= 0.5 for m in idx.matches(VARIANT, top=5, min_score=0.5))
    assert idx.matches(VARIANT, top=5, min_score=0.5) == [m for m in idx.matches(VARIANT, top=5) if m.score >= 0.5]
    # a draft most of whose wording no template holds stops before counting (the early exit)
    own = ("Hi Sam,\n\nThank you for the two conversations and the take-home last week. We are not moving "
           "forward, because this role owns our streaming stack from day one and you had not yet run Kafka in "
           "production. If you get hands-on time with a streaming system, I'd be glad to hear from you.\n\nDana")
    mixed = own.removesuffix("\n\nDana") + "\n\n" + VARIANT  # the sign-off ends what is compared
    assert 0 < idx.best_match(mixed).score < 0.7 and idx.best_match(mixed, min_score=0.7) is None


def test_uk_and_indian_spellings_match_their_templates():
    uk = ("Dear Sam,\n\nThank you for your recent application for the position of Store Supervisor at "
          "Halford Books. We received a high volume of applications, and I am sorry to inform you that on "
          "this occasion your application has not been successful. We will keep your details on file for "
          "six months and may contact you should a suitable vacancy arise.\n\nKind regards,\nJune")
    india = ("Dear Ravi,\n\nThank you for showing interest in Sunrise Infotech and for applying for the "
             "position of QA Engineer. After careful review of your profile, we regret to inform you that "
             "your profile doesn't match our current requirement, and hence we won't be able to proceed with "
             "your application. We will retain your profile in our database.\n\nRegards,\nHR Team")
    assert default_index().best_match(uk).template_id == "uk.corporate.unsuccessful"
    assert default_index().best_match(india).template_id == "in.corporate.not_matching"


def test_specific_messages_are_not_template_duplicates(checker):
    text = next(r for r in checker.rules.structure_rules.values()
                if r.id == "structure.template_near_duplicate").examples["pass"][0]
    assert default_index().best_match(text) is None or default_index().best_match(text).score < 0.5


def test_template_index_is_built_once():
    """Built once per process and shared (its cost per match is printed by bench/checker.py)."""
    idx = default_index()
    assert idx is default_index() and isinstance(idx, TemplateIndex) and len(idx) >= 40
    assert idx.best_match(VARIANT) is not None


# ---- organisation settings -----------------------------------------------------------------------

@pytest.fixture(scope="module")
def org_checker(tmp_path_factory):
    cfg = tmp_path_factory.mktemp("org") / "org.yaml"
    cfg.write_text(yaml.safe_dump({
        "disabled_rules": ["boilerplate.best_wishes_search"],
        "severity_threshold": "low",
        "phrases": ["join our talent community",
                    {"id": "org.acme.rockstar", "patterns": ["(rock_star|rockstar|rock_-_star)"], "severity": "high",
                     "message": "Acme's style guide bans 'rockstar'."}],
    }), encoding="utf-8")
    return Checker.load(rules=RuleEngine.load(config_path=cfg))


DRAFT = ("Hi Sam,\n\nThank you for applying. We wish you the best of luck in your job search, and please join "
         "our talent community. You are clearly a rockstar.\n\nBest,\nAcme")


def test_config_file_disables_rules_adds_phrases_and_sets_threshold(checker, org_checker):
    default = {f.rule: f for f in checker.check(DRAFT).findings}
    org = {f.rule: f for f in org_checker.check(DRAFT).findings}
    assert "boilerplate.best_wishes_search" in default and "boilerplate.best_wishes_search" not in org
    assert "org.join_our_talent_community" in org and "org.acme.rockstar" in org
    assert org["org.acme.rockstar"].severity == "high"
    assert all(f.severity != "info" for f in org.values())


def test_config_file_through_the_environment(monkeypatch, tmp_path):
    cfg = tmp_path / "org.yaml"
    cfg.write_text("disabled_rules: [boilerplate.keep_on_file]\n", encoding="utf-8")
    monkeypatch.setenv("REJECTCHECK_CONFIG", str(cfg))
    eng = RuleEngine.load()
    assert eng.config["disabled_rules"] == ["boilerplate.keep_on_file"]


@pytest.mark.parametrize("content, says", [
    ("disabled_rules: [nope.rule]\n", "disabled_rules names 'nope.rule', which is no rule"),
    ("phrase_rule: false\n", "Unknown option 'phrase_rule'"),
    ("severity_threshold: medium\n", "'severity_threshold' must be one of info, low, high"),
    ("disabled_rules: [\n", "is not a YAML file"),
    (None, "cannot be read"),
])
def test_a_mistake_in_the_config_file_is_an_error_that_names_it(monkeypatch, tmp_path, capsys, content, says):
    """The API refuses these in a request's options; the organisation's file must not let a typo leave a
    rule on (or a threshold unset) silently."""
    from model.errors import ConfigError
    from service.cli import ExitCode, run

    cfg = tmp_path / "org.yaml"
    if content is not None:
        cfg.write_text(content, encoding="utf-8")
    monkeypatch.setenv("REJECTCHECK_CONFIG", str(cfg))
    with pytest.raises(ConfigError, match=re.escape(says)) as err:
        RuleEngine.load()
    assert str(err.value).startswith(f"REJECTCHECK_CONFIG ({cfg})")
    from service.cli import load_checker

    load_checker.cache_clear()  # load anew, not the checker an earlier test cached (a failed load is not cached)
    draft = tmp_path / "d.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    assert run(["check", str(draft)]) == ExitCode.USAGE
    assert "REJECTCHECK_CONFIG" in capsys.readouterr().err


def test_per_request_options(checker):
    opts = {"disabled_rules": ["boilerplate.keep_on_file"], "severity_threshold": "high",
            "phrases": [{"id": "org.req.cheers_mate", "patterns": ["cheers mate"], "message": "Too casual.",
                         "severity": "high"}]}
    text = "We will keep your CV on file. Cheers mate, all the best in your future endeavours."
    rules = {f.rule: f for f in checker.check(text, options=opts).findings}
    assert "boilerplate.keep_on_file" not in rules and "org.req.cheers_mate" in rules
    assert all(f.severity == "high" for f in rules.values())
    assert "boilerplate.keep_on_file" in {f.rule for f in checker.check(text).findings}


def test_every_phrase_pattern_builds_a_matcher():
    """Matchers are built on first use (start-up stays lean); this builds them all, so a pattern
    spaCy rejects fails here rather than on the first draft that mentions its words."""
    from model.rules import RuleEngine

    engine = RuleEngine.load()
    per_rule, _, _, requirements = engine._compiled()
    assert requirements and set(per_rule) == set(engine.rules)
    for req in requirements:
        assert req.matcher(req.rule) is not None


@pytest.mark.parametrize("gap", ["\n", "\r\n", "  ", "\t", "\u00a0", " \n  "])
def test_a_phrase_matches_across_any_whitespace(gap):
    """Hard-wrapped mail (mbox, plain-text exports) breaks lines mid-phrase; spaCy makes a token of
    the break, so the phrase must be matched on the text with its whitespace runs as single spaces."""
    engine = default_engine()
    text = f"We wanted someone{gap}younger for this role."
    hits = [(r.id, text[a:b]) for r, a, b in engine.phrase_hits(text)]
    assert ("risk.age", f"someone{gap}younger") in hits
    text = f"After careful{gap}consideration, we have decided to move forward with other{gap}candidates."
    assert {"boilerplate.careful_consideration", "boilerplate.pursue_others"} <= {
        r.id for r, _, _ in engine.phrase_hits(text)}


def test_rules_read_the_text_of_an_html_body_and_point_into_its_markup(checker, fast):
    for text, evidence in (("<p>Hi Sam,</p><p>We wanted someone&nbsp;younger for this role.</p>", "someone younger"),
                           ("<p>Hi Sam,</p><p>We wanted someone <b>younger</b> for this role.</p>",
                            "someone younger")):
        for c in (checker, fast):
            f = next(f for f in c.check(text).findings if f.rule == "risk.age")
            assert f.evidence == evidence and text[f.start:f.end].startswith("someone")
            assert text[f.start:f.end].endswith("younger")
    text = ("<html><head><style>a { color: {{brand.color}} }</style></head><body><p>Dear {{first_name}},</p>"
            "<p>We decided &lt;&lt;name&gt;&gt; would not go ahead.</p></body></html>")
    merge = [f for f in checker.check(text).findings if f.rule == "structure.unfilled_merge_field"]
    assert [text[f.start:f.end] for f in merge] == ["{{first_name}}", "&lt;&lt;name&gt;&gt;"]
    assert [f.evidence for f in merge] == ["{{first_name}}", "<<name>>"]


def test_a_phrase_does_not_span_a_sign_off_line_or_a_blank_line():
    engine = default_engine()
    assert not [r.id for r, _, _ in engine.phrase_hits("Respectfully,\nThe Kettle Creek team")
                if r.id == "tone.harsh_sarcasm"]
    assert [r.id for r, _, _ in engine.phrase_hits("Respectfully, the work was not good enough.")
            if r.id == "tone.harsh_sarcasm"]
    assert not [r for r, _, _ in engine.phrase_hits("We wanted someone\n\nyounger teams are hiring.") if r.risk]


def test_rules_read_zero_width_characters_as_the_model_does(checker):
    text = "Hi Sam,\n\nAfter\u200bcareful consideration, we have decided to move forward with other candidates."
    f = next(f for f in checker.check(text).findings if f.rule == "boilerplate.careful_consideration")
    assert text[f.start:f.end] == "After\u200bcareful consideration"


def test_structure_generic_reason_is_not_hidden_by_unrelated_or_disabled_findings(checker):
    generic = ("Hi Rosa,\n\nThanks for applying. We have offered the job to someone else. The reason is that another "
               "applicant was a little further ahead, but we will keep your CV on file.\n\nAll the best,\nKen")
    rules = _rules_of(checker, generic)
    assert "boilerplate.keep_on_file" in rules and "structure.generic_reason" in rules
    label = ("Hi Rosa,\n\nThanks for applying. We have offered the job to someone else. Other people simply suited "
             "it better.\n\nAll the best,\nKen")
    assert {"boilerplate.generic_reason"} <= _rules_of(checker, label) and "structure.generic_reason" not in \
        _rules_of(checker, label)
    rules = _rules_of(checker, label, options={"disabled_rules": ["boilerplate.generic_reason"]})
    assert "structure.generic_reason" in rules


def test_a_disabled_rule_does_not_hide_an_overlapping_match_of_another(checker):
    # overlapping matches of one category are settled after disabled rules leave, not before
    text = "Hi Sam,\n\nWe received many strong applications, and the decision was a difficult one.\n\nBest,\nJo"

    def boilerplate(options=None):
        return {f.rule for f in checker.check(text, options=options).findings if f.rule.startswith("boilerplate.")}

    assert "boilerplate.high_volume" in boilerplate() and "boilerplate.strong_field" not in boilerplate()
    assert "boilerplate.strong_field" in boilerplate({"disabled_rules": ["boilerplate.high_volume"]})


def test_a_bare_stock_decision_is_not_flagged_once_the_real_reason_follows(checker):
    """'You have not been shortlisted' is fine when the next sentence gives the real reason; alone, it is
    a stock line that needs one (the finding's message describes the kind of line, not words not used)."""
    bare = "Hi Tom,\n\nI'm sorry to say you have not been shortlisted.\n\nBest,\nAnna"
    with_reason = ("Hi Tom,\n\nI'm sorry to say you have not been shortlisted. The role needs three years of NHS "
                   "payroll, and your CV shows one.\n\nBest,\nAnna")
    alone = [f for f in checker.check(bare).findings if f.rule == "boilerplate.not_successful"]
    assert alone and "and the like" in alone[0].message
    assert "boilerplate.not_successful" not in {f.rule for f in checker.check(with_reason).findings}


def test_a_formal_letters_reference_and_address_block_do_not_bury_its_decision(checker):
    """An Indian government letter: a reference number, a date and an address block stand above the
    salutation ("Sir,"); the body, and the count of paragraphs before the decision, start after it."""
    letter = ("No. Estt/NT/2024/117\nDated: 12.03.2024\n\nTo,\nShri Ramesh Kumar\nHouse No. 14, Sector 9\n"
              "Rohini, Delhi 110085\n\nSir,\n\nWith reference to your application for the post of Junior Assistant, "
              "I am directed to inform you that you have not been selected.\n\nYours faithfully,\nSection Officer")
    report = checker.check(letter)
    assert "structure.buried_decision" not in {f.rule for f in report.findings}
    assert report.sentences[0].text == "No. Estt/NT/2024/117"  # a reference, not the sentence "No."
    buried = letter.replace("Sir,\n\n", "Sir,\n\nWe received many applications.\n\nThe panel met twice.\n\n")
    assert "structure.buried_decision" in {f.rule for f in checker.check(buried).findings}


def test_a_signature_line_is_no_generic_sentence_and_a_heading_is_no_reason(checker):
    """"— Jamie @ Acme" is the sender, not stock text to replace with "[one specific thing they did well]";
    "Where we needed more:" announces the bullets under it, which are the reasons."""
    draft = ("Hey Chris,\n\nThanks so much for chatting with us about the Frontend role. Sadly we've gone with "
             "someone else this time.\n\nWhat stood out:\n- your React component library demo\n- clear "
             "communication in the pairing session\n\nWhere we needed more:\n- production experience with "
             "accessibility audits\n\nHope our paths cross again!\n— Jamie @ Acme")
    findings = checker.check(draft).findings
    assert not [f for f in findings if draft[f.start:f.end].startswith("— Jamie")]
    # a template shouting in Title Case is no sender's line
    from model import Checker

    shouted = ("Dear Candidate,\n\nWe Received A Large Number Of Applications. We Regret To Inform You That You "
               "Were Not Selected.\n\nRegards,\nHR")
    fast = Checker.load(profile="fast").check(shouted).findings
    assert [f for f in fast if shouted[f.start:f.end].startswith("We Received")]
    assert not [f for f in findings if draft[f.start:f.end] == "Where we needed more:"]
    assert "structure.no_reason" not in {f.rule for f in findings}


def test_the_senders_merge_field_signs_a_rewritten_template(checker):
    """"{{recruiter.full_name}}" is the sender: a whole-message rewrite keeps it as the signature instead of
    "[your name]" (it used to be taken for the candidate's name field)."""
    draft = ("Hi {{candidate.first_name}},\n\nThank you for your interest in the {{job.title}} position. After careful "
             "consideration, we have decided to pursue other candidates whose qualifications more closely match our "
             "needs.\n\nWe will keep your resume on file for future opportunities.\n\nBest regards,\n"
             "{{recruiter.full_name}}")
    [f] = [f for f in checker.check(draft).findings if f.fix == "replace_message"]
    assert f.suggestions[0].startswith("Hi {{candidate.first_name}},")
    assert f.suggestions[0].endswith("{{recruiter.full_name}}") and "[your name]" not in f.suggestions[0]


@pytest.mark.parametrize("profile", ["full", "fast"])
@pytest.mark.parametrize("shape", ["plain", "html"])
def test_bullets_under_a_reason_heading_are_the_reasons_in_text_and_html(checker, shape, profile):
    """An HTML list item carries no marker in its own text: the heading logic reads list items from the
    text the model read, so a plain and an HTML draft get the same structure findings; the listed reason
    is neither missing nor called generic."""
    draft = ("<p>Hey Chris,</p><p>Thanks so much for chatting with us about the Frontend role. Sadly we have gone "
             "with someone else this time.</p><p>Where we needed more:</p><ul><li>production experience with "
             "accessibility audits</li></ul><p>Hope our paths cross again!<br>— Jamie @ Acme</p>")
    if shape == "plain":
        draft = (draft.replace("<p>", "").replace("</p>", "\n\n").replace("<ul><li>", "- ")
                 .replace("</li></ul>", "\n\n").replace("<br>", "\n"))
    from model import Checker

    used = checker if profile == "full" else Checker.load(profile="fast")
    rules = {f.rule for f in used.check(draft).findings}
    assert not rules & {"structure.no_reason", "structure.generic_reason"}, rules
    # a bullet that names nothing is a generic reason wherever it is listed
    vague = draft.replace("production experience with accessibility audits", "more depth in some areas")
    assert "structure.generic_reason" in {f.rule for f in used.check(vague).findings}


def test_a_decision_ending_in_a_colon_is_still_the_decision(checker):
    """'We will not be moving forward:' over a bullet is the decision, not a heading to skip: buried in the
    third paragraph, it is still reported as buried."""
    draft = ("Hi Sam,\n\nThanks for applying.\n\nWe reviewed everything carefully.\n\nUnfortunately we will not be "
             "moving forward:\n- the role needs production SQL tuning\n\nBest,\nDana")
    assert "structure.buried_decision" in {f.rule for f in checker.check(draft).findings}


def test_a_risky_reason_is_not_also_called_generic(checker):
    """The reason given is a family remark: its risk finding says what is wrong; 'the only reason given is
    generic' would name the wrong problem."""
    draft = ("Hi Sam,\n\nThanks for applying. With a young family, we felt the travel would be too much for you, so "
             "we will not proceed.\n\nBest,\nAna")
    rules = {f.rule for f in checker.check(draft).findings}
    assert "risk.pregnancy_family" in rules and "structure.generic_reason" not in rules


@pytest.mark.parametrize("draft, risk", [
    ("Hi Sam, sadly you were not a culture fit, and at 55 you may find the pace hard.", "risk.age"),
    ("Hi Priya,\n\nThanks for coming in. You weren't the right fit for the team, and with two small children the "
     "travel would be hard for you.\n\nBest,\nOwen", "risk.pregnancy_family"),
])
def test_a_stock_fit_reason_beside_a_risky_remark_is_reported_with_it(checker, draft, risk):
    """The rubric labels a sentence's tone and its boilerplate apart: "not a culture fit" is a stock reason
    (boilerplate high) and the age or family remark beside it is risky. The remark's own detail made the
    sentence read as specific, which vetoed the stock phrase; both findings belong."""
    rules = {f.rule for f in checker.check(draft).findings}
    assert risk in rules and "boilerplate.right_fit" in rules, rules


def test_a_fit_given_as_the_only_reason_is_a_reason(checker):
    """"You were not a culture fit" says why, however generically: the stock-reason finding, not 'never says why'."""
    rules = {f.rule for f in checker.check("Hi Sam, sadly you were not a culture fit.").findings}
    assert "boilerplate.right_fit" in rules and "structure.no_reason" not in rules, rules


def test_a_fix_for_the_only_decision_still_says_no(checker):
    text = ("Hi Liam,\n\nThanks for your time on the Product Designer process. We've offered the role to Jessica "
            "Moore, who was previously at Figma and accepted at £72k, so it wasn't close in the end.\n\nBest,\nTasha")
    report = checker.check(text)
    [f] = [f for f in report.findings if f.rule == "risk.disclosure_other_candidate"]
    assert f.suggestions and all(re.search(r"decided|not to offer", s) for s in f.suggestions), f.suggestions
    new = checker.rules.apply_suggestion(text, report, f, 0)
    assert "Jessica" not in new and "decided not to" in new


def test_a_formula_is_cut_from_a_sentence_that_says_something_else(checker):
    text = ("Dear Sir,\n\nYou have not been found suitable for the above-mentioned post. Kindly note that the original "
            "documents submitted may be collected from the office within 30 days.\n\nYours faithfully,\nHR")
    report = checker.check(text)
    fixes = {f.evidence: f.suggestions[0] for f in report.findings if f.rule == "tone.cold_legalistic"}
    assert fixes["Kindly note that"] == "The original documents submitted may be collected from the office within 30 days."
    assert fixes["the above-mentioned"] == "You have not been found suitable for this post."


def test_a_hedge_is_cut_when_the_next_sentence_gives_the_reason(checker):
    text = ("Dear Aoife,\n\nI'm sorry to let you know that on this occasion you have not been successful. The panel "
            "felt your medicines-management scenario missed the double-check for the IV potassium, which is a Trust "
            "requirement on this ward.\n\nKind regards,\nMark")
    report = checker.check(text)
    [f] = [f for f in report.findings if f.rule == "boilerplate.at_this_time"]
    assert f.suggestions[0] == "I'm sorry to let you know that you have not been successful."


@pytest.mark.parametrize("critique", ["Your answers on cash-flow forecasting were vague.", "The VAT question tripped you up.",
                                      "You talked over the interviewers several times.",
                                      "Your case study missed the deferred tax adjustment.",
                                      "The panel found your presentation hard to follow."])
def test_a_critique_of_the_work_is_a_reason_whatever_its_kind(checker, critique):
    text = (f"Hi Sam,\n\nThanks for interviewing for the Finance Manager role. We won't be offering you the role. "
            f"{critique}\n\nBest,\nAna")
    assert not {"structure.no_reason", "structure.generic_reason"} & _rules_of(checker, text)
    # ... but regret about the process is no reason
    sorry = ("Hi Sam,\n\nThanks for interviewing for the Finance Manager role. We won't be offering you the role. "
             "I'm sorry you didn't hear back sooner, and I wish I had more detail to give you.\n\nBest,\nAna")
    assert "structure.no_reason" in _rules_of(checker, sorry)


def test_a_stated_basis_is_a_reason_however_vague(checker):
    text = ("Your application to become a courier could not be approved. This decision was based on the results of "
            "your background check, provided by our screening partner. You may request a copy of your report.")
    rules = _rules_of(checker, text)
    assert "structure.no_reason" not in rules and "structure.generic_reason" in rules


@pytest.mark.parametrize("pattern, problem", [
    ("a *? a *? a *? a", "word gaps"),            # chained gaps: the matcher's work multiplies
    ("a *{0,12} b *{0,6} c", "too wide"),
    ("*? # *?", "at least one word"),              # nothing to anchor on: it would run on every sentence
])
def test_an_organisations_pattern_that_could_make_a_check_slow_is_refused(pattern, problem):
    from model.rules import org_phrase_rule

    with pytest.raises(ValueError, match=problem):
        org_phrase_rule({"id": "org.x", "message": "m", "patterns": [pattern]})


def test_a_sentence_repeating_a_word_is_checked_without_its_phrases_and_says_so(checker):
    text = "We will not proceed. " + "a " * 700 + "\n\nBest,\nAna"
    report = checker.check(text, options={"phrases": [{"id": f"org.x{i}", "message": "m",
                                                        "patterns": ["a *{0,6} a *? a"]} for i in range(20)]})
    assert any("could not be checked" in w and "org.x0" in w for w in report.warnings)
    # real text still matches an organisation's phrase, with no warning
    ok = checker.check("Hi Sam, we went with someone else. You are a rockstar coder. Best, Ana",
                       options={"phrases": ["rockstar *? (coder|developer)"]})
    assert any(f.rule.startswith("org.") for f in ok.findings) and not any("could not" in w for w in ok.warnings)


def test_review_fixes_for_formulas_hedges_regret_and_stages(checker):
    from model.rules import _without_formula, _without_words

    s = "We have, on this occasion, decided not to progress your application."
    a = s.index("on this occasion")
    assert _without_words(s, a, a + len("on this occasion")) == "We have decided not to progress your application."
    s = "Unfortunately, on this occasion, we will not proceed."
    a = s.index("on this occasion")
    assert _without_words(s, a, a + len("on this occasion")) == "Unfortunately, we will not proceed."
    s = "Documents for the aforementioned positions are due."
    a = s.index("the aforementioned")
    assert _without_formula(s, a, a + len("the aforementioned"), {"aforementioned": "this"}, cut=False) == \
        "Documents for these positions are due."
    base = "Hi Sam,\n\nThanks for interviewing for the Finance Manager role. We won't be offering you the role. {}\n\nBest,\nAna"
    for regret in ("Sorry you couldn't make the Tuesday slot, and thanks for rearranging.",
                   "I know you struggled to find parking, sorry about that."):
        assert "structure.no_reason" in _rules_of(checker, base.format(regret))
    for screened in ("Unfortunately your application was not successful at the first stage.",
                     "We had over 300 applicants and only five reached the final round."):
        text = f"Hi Sam,\n\nThank you for applying for the Finance Manager role. {screened}\n\nBest,\nAna"
        assert "structure.no_thanks_for_effort" not in _rules_of(checker, text)


def test_an_organisations_pattern_needs_a_word_no_number_can_stand_in_for():
    from model.rules import org_phrase_rule

    with pytest.raises(ValueError, match="at least one word"):
        org_phrase_rule({"id": "org.x", "message": "m", "patterns": ["(a|#) *{0,7} (a|#) *? (a|#)"]})


@pytest.mark.parametrize("decision, concrete", [
    ("We've hired someone with more hands-on Terraform experience.", True),
    ("We have decided to go with another candidate who has more Rust experience.", True),
    ("We offered the post to an applicant with deeper expertise in two-photon imaging.", True),
    ("We chose someone with stronger client-facing experience.", False),
    ("We chose someone with more relevant experience.", False),
])
def test_a_decision_naming_what_the_other_candidate_had_is_a_reason(checker, decision, concrete):
    from model.rules import names_compared_skill

    assert names_compared_skill(decision) is concrete
    rules = {f.rule for f in checker.check(f"Hi Sam,\n\nThank you for the interview. {decision}\n\nBest,\nJo").findings}
    assert "structure.no_reason" not in rules  # a reason is given, generic or not
    if concrete:
        assert not rules & {"structure.generic_reason", "boilerplate.generic_reason", "boilerplate.pursue_others"}
    else:  # on the sentence (the model's boilerplate label) or on the message
        assert rules & {"structure.generic_reason", "boilerplate.generic_reason"}


def test_a_named_skill_said_of_the_pool_is_no_concrete_reason():
    from model.rules import names_compared_skill

    assert not names_compared_skill("Many finalists had prior experience in model risk.")
    assert not names_compared_skill("You have a solid background in retail management, but we chose another candidate.")


def test_a_cold_sentence_that_states_the_real_reason_keeps_it_in_the_fix(checker):
    text = ("Dear Mr. Delgado,\n\nYour final score was 68, which is below the eligibility cut-off of 70, so your name "
            "will not be placed on the eligible list.\n\nRegards,\nODRC")
    cold = [f for f in checker.check(text).findings if f.rule == "tone.cold"]
    assert cold and all("68" in s and "cut-off of 70" in s for f in cold for s in f.suggestions)
    assert cold[0].suggestions[0].startswith("I'm sorry to tell you that your final score was 68")


def test_review_fixes_for_hedges_greetings_merge_fields_and_run_on_sentences(checker):
    def rules(text):
        return {f.rule: f for f in checker.check(text).findings}

    hedge = rules("Hi Ana, unfortunately we are unable to progress your application at this moment in time. Best, Jo")
    assert hedge["boilerplate.at_this_time"].suggestions[0].endswith("unable to progress your application.")
    # a generic addressee is no first name for a suggestion
    assert not any(s.endswith(", Student.") for f in rules(
        "Dear Student, the result is final and no further correspondence will be entertained. Regards, HR").values()
        for s in f.suggestions)
    # Mailchimp and dollar-sign fields are unfilled merge fields, a salary is not
    found = [f.evidence for f in checker.check("Hi *|FNAME|*, thanks for applying to $JobTitle$; the pay was $50k. "
                                               "Best, Jo").findings if f.rule == "structure.unfilled_merge_field"]
    assert found == ["*|FNAME|*", "$JobTitle$"]
    # a step and a thank-you inside run-on sentences the kind model reads as something else
    run_on = rules("Dear Ahmed\nThank you for interviewing for the warehouse team lead position we have decided to go "
                   "with another candidate who has forklift certification we encourage you to get your forklift "
                   "license and apply again in the fall when we expand the night shift\nRegards\nCarlos")
    assert "structure.no_thanks_for_effort" not in run_on and "structure.no_next_step" not in run_on
    # ... but thanks for applying is not thanks for the interview mentioned after it
    assert "structure.no_thanks_for_effort" in rules(
        "Hi Ellie, thanks for applying, but we need someone who can turn up to an interview on time. Best, Jo")


def test_a_cold_bullet_stating_a_reason_gets_the_message_and_no_broken_fix(checker):
    text = ("Hi Marcus,\n\nWe won't be moving forward, but here's the feedback from the panel:\n"
            "- Struggled with the API testing exercise; didn't validate response schemas\n"
            "- Limited experience with CI pipelines (no Jenkins/GitHub Actions examples)\n\nBest,\nLena")
    for f in checker.check(text).findings:
        assert not any(s.startswith("I'm sorry to tell you that -") for s in f.suggestions)
        assert f.suggestions or f.fix == "none", f.rule


@pytest.mark.parametrize("body", [
    "As this post requires Chartered status and you do not have it yet, we are not able to offer you an interview.",
    "Thanks for interviewing. We've gone with an internal candidate who already knows our routing system.",
    "The budget for the hire got cut in the Q2 plan so we're not filling it.",
    "We have offered the post to a candidate with shorthand at 100wpm, which we need for court reporting.",
    "Thank you for completing the online tests. Your numerical reasoning score did not meet the benchmark required "
    "to progress.",
])
def test_a_reason_that_is_no_skill_or_opens_the_sentence_is_a_reason(checker, body):
    rules = {f.rule for f in checker.check(f"Hi Sam,\n\n{body}\n\nBest,\nAna").findings}
    assert "structure.no_reason" not in rules


def test_an_applied_suggestion_with_its_slot_left_in_is_flagged_and_does_not_count(checker):
    text = ("Hi Sam,\n\nThanks for interviewing. We won't move forward. The main reason is that the role needs "
            "[the one skill the role needed that they lacked].\n\nBest,\nAna")
    found = {f.rule: f for f in checker.check(text).findings}
    assert "structure.no_reason" in found  # the reason is not written yet
    slot = found["structure.unfilled_placeholder"]
    assert text[slot.start:slot.end] == "[the one skill the role needed that they lacked]"
    assert "structure.unfilled_placeholder" not in {f.rule for f in checker.check(
        text.replace("[the one skill the role needed that they lacked]", "daily SQL")).findings}


def test_fixes_keep_the_decision_and_the_facts_of_cold_sentences(checker):
    text = ("Dear Asha,\n\nThank you for your interest in the Pharmacy Technician role. Following your occupational "
            "health assessment, we are unable to proceed with your application, as the role requires heavy lifting "
            "that your back condition would not allow.\n\n"
            "Regards,\nHR")
    risk = next(f for f in checker.check(text).findings if f.category == "risk")
    assert all("decided not to" in s or "not to offer" in s or "not offer" in s for s in risk.suggestions)
    cold = ("Dear Asha,\n\nWe are writing to inform you that the Data Analyst vacancy has been cancelled due to an "
            "internal restructure. As such, all applications have been closed.\n\nRegards,\nHR")
    for f in checker.check(cold).findings:
        if f.rule == "tone.cold" and "vacancy" in cold[f.start:f.end]:
            assert f.suggestions == ("I'm sorry to tell you that the Data Analyst vacancy has been cancelled due to "
                                     "an internal restructure.",)


def test_review_fixes_for_names_ages_lessons_and_feedback_calls(checker):
    def rules(body):
        return {f.rule for f in checker.check(f"Hi Sam,\n\n{body}\n\nBest,\nAna").findings}

    assert "risk.disclosure_other_candidate" in rules(
        "Thanks for interviewing. We've offered the Data Analyst role to John Peters, who works at Barclays.")
    assert "risk.age" in rules("Thanks for interviewing. While your experience is extensive, we felt a younger "
                               "teacher would be a better match for the team.")
    assert "structure.no_thanks_for_effort" not in rules(
        "Thank you for visiting on Thursday and for teaching the Year 9 lesson. The panel decided to offer the post to "
        "another candidate, as the lesson's pace slowed in the second half.")
    assert "structure.no_thanks_for_effort" not in rules(
        "Thank you for applying. We are not able to offer you an interview, because the post requires Chartered status.")
    assert "structure.no_next_step" not in rules(
        "Thank you for interviewing. We won't be offering you the position, as the role needs daily SQL. If you would "
        "like feedback, reply to this email and I will arrange a 15-minute call with the hiring manager.")


def test_moving_a_buried_decision_leaves_no_space_at_a_paragraph_start(checker):
    text = ("Dear Asha,\n\nThank you for the interview on Monday. It was good to meet you.\n\nWe talked about the team "
            "and its plans for the year, and about your work on pricing.\n\nWe regret to inform you that you have not "
            "been successful. The panel preferred deeper SQL experience.\n\nBest,\nAna")
    report = checker.check(text)
    buried = [f for f in report.findings if f.rule == "structure.buried_decision"]
    assert buried  # the decision is in the third body paragraph
    moved = checker.rules.apply_suggestion(text, report, buried[0])
    assert "\n\n The panel" not in moved and "\n\nThe panel preferred" in moved


def test_a_message_whose_reason_is_the_budget_is_never_told_the_candidate_lacked_a_skill(checker):
    text = ("Dear Asha,\n\nThank you for interviewing with us. Following a company-wide headcount freeze, the Data "
            "Analyst role has been put on hold and we are not able to make any offers at this time.\n\nRegards,\nHR")
    report = checker.check(text, context={"gaps": ["SQL window functions"]})
    assert "structure.no_reason" not in {f.rule for f in report.findings}
    # (advice built from the recruiter's own gap may stay: it is no claim about why)
    assert not any("lacked" in s or "role needs" in s or "main reason" in s.lower()
                   for f in report.findings for s in f.suggestions)


def test_a_harsh_sentence_that_states_what_happened_is_not_replaced_by_a_template(checker):
    text = ("Asha,\n\nYou turned up late, didn't bring your own tools, and frankly you were not up to the standard we "
            "expect. We won't be offering you the role.\n\nMike")
    harsh = [f for f in checker.check(text).findings if f.rule == "tone.harsh" and "tools" in text[f.start:f.end]]
    assert harsh and not harsh[0].suggestions and harsh[0].fix == "none"
    assert "drop the judgement" in harsh[0].message


def test_a_conditional_step_the_candidate_can_take_is_a_next_step(checker):
    text = ("Hi Sam,\n\nThank you for interviewing. We won't be offering you the role, as it needs daily Power BI "
            "work. If you learn Power BI, please apply again for the next analyst opening.\n\nBest,\nAna")
    assert "structure.no_next_step" not in {f.rule for f in checker.check(text).findings}


@pytest.mark.parametrize("body, rule", [
    ("We've chosen another candidate. Your cloud-agnostic deployment tooling was impressive.", "risk.religion"),
    ("We went with another candidate with more experience on dialysis units, which the renal ward needs.",
     "risk.disability_health"),
    ("We chose another candidate. You spoke well about mentoring a younger colleague.", "risk.age"),
    ("We chose another candidate. Your dinosaur gallery tour was the best part of the day.", "risk.age"),
    ("We chose another candidate; let me know if the March start date for the next round is realistic for you.",
     "tone.harsh_career"),
    ("We decided to go with Snowflake this time for the data platform role's stack, and another candidate for the "
     "role.", "risk.disclosure_other_candidate"),
])
def test_the_session_s_new_terms_do_not_fire_on_ordinary_wording(checker, body, rule):
    assert rule not in {f.rule for f in checker.check(f"Hi Sam,\n\n{body}\n\nBest,\nAna").findings}


@pytest.mark.parametrize("body", [
    "Thank you for taking the time to talk through the case study. We have decided not to move forward.",
    "We won't be offering you the internship position this summer. We wish you every success in the graduate intake "
    "this September.",
    "Thank you for presenting your restructuring plan for the loan book. Unfortunately we have decided not to move "
    "forward.",
    "We decided to move forward with a candidate with more experience in a fast-paced environment.",
])
def test_no_reason_and_no_next_step_still_fire_where_nothing_is_given(checker, body):
    rules = {f.rule for f in checker.check(f"Hi Sam,\n\n{body}\n\nBest,\nAna").findings}
    assert "structure.no_next_step" in rules
    assert rules & {"structure.no_reason", "structure.generic_reason", "boilerplate.generic_reason"}


@pytest.mark.parametrize("step", [
    "I'll let you know once the BI role opens.",
    "Do apply for the BI Analyst role we advertise in May.",
    "Happy to connect you with Dana, our BI lead.",
])
def test_more_next_steps_in_plain_words(checker, step):
    text = ("Hi Sam,\n\nThank you for interviewing. We won't be offering you the role, as the team needs daily Tableau "
            f"work and you haven't used it yet. {step}\n\nBest,\nAna")
    assert "structure.no_next_step" not in {f.rule for f in checker.check(text).findings}


def test_an_ordinary_bracket_is_no_merge_field(checker):
    text = "Hi Sam,\n\nWe won't be offering you the role. See the attached notes [PDF].\n\nBest,\nAna"
    assert "structure.unfilled_merge_field" not in {f.rule for f in checker.check(text).findings}


@pytest.mark.parametrize("body, rule", [
    # a condition pinned on a group the candidate belongs to is still about their health
    ("While your leadership is impressive, veterans sometimes struggle with PTSD in high-pressure roles, so we have "
     "decided to pursue other candidates.", "risk.disability_health"),
    ("The hiring manager felt the three-year gap on your CV after your second child meant your skills were rusty.",
     "risk.pregnancy_family"),
    ("We feel that at 74 the evening visits across town may be too demanding, so we won't progress your application.",
     "risk.age"),
    ("Frankly, given your performance this year, you should not have applied.", "tone.harsh_blame"),
    ("Your session plan was a mess and the lads didn't respond to you.", "tone.harsh_ridicule"),
    ("The panel concluded that other applicants more closely met the requirements of the post.",
     "boilerplate.closer_match"),
    ("We have not shortlisted you. Please do not take this as a reflection of your capabilities.",
     "boilerplate.not_a_reflection"),
])
def test_review23_drafts_get_their_risk_tone_and_boilerplate_findings(checker, body, rule):
    assert rule in {f.rule for f in checker.check(f"Dear Alan,\n\n{body}\n\nRegards,\nHR").findings}


@pytest.mark.parametrize("body, rule", [
    ("The post runs our PTSD clinic for veterans, and we need two years of trauma-focused CBT.",
     "risk.disability_health"),
    ("Your first child-protection case review was thorough, but the role needs a qualified social worker.",
     "risk.pregnancy_family"),
    ("At 45 the pass mark would be too low for this grade; you scored 52 against the 60 we need.", "risk.age"),
    ("You should not have to apply again: we will keep your assessment results for twelve months.",
     "tone.harsh_blame"),
    ("Your lesson plan was clear, but we need someone with a QTS certificate.", "tone.harsh_ridicule"),
])
def test_review23_terms_leave_ordinary_wording_alone(checker, body, rule):
    assert rule not in {f.rule for f in checker.check(f"Dear Alan,\n\n{body}\n\nRegards,\nHR").findings}


def test_a_decision_naming_what_the_hire_has_already_done_is_a_reason_and_a_talk_is_an_effort_thanked(checker):
    text = ("Hi Priya,\n\nThanks for speaking with us about the Product Owner role. We've offered it to someone from "
            "the Cards team who has already run sprint planning for a year, and the case study asked for that.\n\n"
            "Talk soon,\nAnita")
    rules = {f.rule for f in checker.check(text).findings}
    assert not rules & {"structure.no_reason", "structure.no_thanks_for_effort"}
    text = "Hi Bea, thanks for the trial shift at Mario's. We've gone with someone who can do weekends. Good luck! Gina"
    assert not {f.rule for f in checker.check(text).findings} & {"structure.no_reason", "structure.generic_reason"}
    # a hire described by nothing they have done, or by "the job", gives no reason
    for decision in ("We've offered the role to someone who has already accepted.",
                     "We've gone with someone who can do the job from day one."):
        rules = {f.rule for f in checker.check(f"Hi Priya,\n\n{decision}\n\nTalk soon,\nAnita").findings}
        assert rules & {"structure.no_reason", "structure.generic_reason", "boilerplate.generic_reason"}, decision


def test_a_closed_requirement_is_the_real_reason(checker):
    text = ("Hi Rohit, as discussed on call, your profile is on hold as client has closed the requirement. Will update "
            "if it reopens. Thanks, Sneha")
    rules = {f.rule for f in checker.check(text).findings}
    assert not rules & {"structure.no_reason", "structure.generic_reason", "boilerplate.generic_reason"}


def test_a_sentence_describing_only_the_selection_process_is_a_generic_reason(checker):
    panel = ("The panel, which comprised the Head of School, two members of the department and an external assessor, "
             "considered each candidate against the essential and desirable criteria in the person specification.")
    letter = ("Dear Dr Obi,\n\nThank you for attending the interview for the post of Senior Lecturer in Organic "
              "Chemistry. {} After careful deliberation, the panel decided to offer the post to another candidate."
              "\n\nYours sincerely,\nProfessor Jane Hart")
    report = checker.check(letter.format(panel))
    found = [f for f in report.findings if f.rule == "structure.generic_reason"]
    assert found and letter.format(panel)[found[0].start:found[0].end] == panel
    # a process sentence that names what fell short is a reason, not a description of the process
    named = ("The panel assessed each candidate against the criteria, and your examples of managing a research "
             "budget were not as strong as the role needs.")
    assert "structure.generic_reason" not in {f.rule for f in checker.check(letter.format(named)).findings}


def test_a_promise_to_write_when_a_named_event_happens_is_a_next_step(checker):
    letter = ("Dear Dr Lee,\n\nThank you for applying for the postdoctoral position on the coral genomics project. "
              "We have offered the post to a candidate with more long-read sequencing experience. {}\n\n"
              "Best wishes,\nProf. Amara Diallo")
    promise = "If the follow-on grant is funded in 2026, I will let you know, as there may be a second post."
    assert "structure.no_next_step" not in {f.rule for f in checker.check(letter.format(promise)).findings}
    vague = "If anything changes, we will let you know."  # no event named: no step
    assert "structure.no_next_step" in {f.rule for f in checker.check(letter.format(vague)).findings}


def test_a_one_word_sentence_is_never_the_reason(checker):
    text = "Hi Dev,\n\nHonestly? We won't be taking the showreel forward.\n\nGina"
    findings = checker.check(text).findings
    assert not any(text[f.start:f.end] == "Honestly?" for f in findings)
    assert "structure.no_reason" in {f.rule for f in findings}


def test_an_outcome_told_in_you_form_is_the_decision_not_the_reason(checker):
    # the kind head can read a short "you didn't get …" as the reason; the message still never says why
    text = "Sorry, you didn't get the warehouse role. Thanks for coming in."
    assert "structure.no_reason" in {f.rule for f in checker.check(text).findings}
    # a critique in the same "you didn't" form is a reason
    text = "Hi Tom, you didn't get the warehouse role. You didn't have a forklift licence, which the shift needs. Gina"
    assert "structure.no_reason" not in {f.rule for f in checker.check(text).findings}


def test_double_bracket_double_percent_and_hash_brace_merge_fields_are_unfilled(checker):
    text = "Hello [[candidate_name]], your application for [[role_title]] at %%Employer%% is closed. Regards, #{sender}"
    found = [text[f.start:f.end] for f in checker.check(text).findings if f.rule == "structure.unfilled_merge_field"]
    assert found == ["[[candidate_name]]", "[[role_title]]", "%%Employer%%", "#{sender}"]
    # percentages and encoded characters in a link are no merge fields
    text = "Hi Ro, margins rose 12% and 9% under you, but the role is closed: see https://x.io/a%E2%80%99b. Regards, Al"
    assert "structure.unfilled_merge_field" not in {f.rule for f in checker.check(text).findings}


@pytest.mark.parametrize("rule, fire, passes", [
    # a race group or a birthplace as what the role is kept for
    ('risk.national_origin',
     ("Hi Ken, the post is reserved for someone of a particular ethnic group this year, so we can't go on.",
      "We have racial quotas to fill on the sales floor, so we won't be taking you forward.",
      'The client asked for American-born staff only on the account, so your application stops here.',
      'Hi Ana, the panel asked about your place of birth and decided not to continue.'),
     ('Hi Ken, your fix for the race condition in the payment queue was neat, but we hired someone with more Go '
      'experience.',
      'Our founder, who was born in Lagos, reads every application we receive.')),
    # another candidate named in apposition, or their pay
    ('risk.disclosure_other_candidate',
     ('Hi Jo, the client picked another finalist, Maya Brooks, for the brand role. Best, Ben',
      'We offered the job to someone else, who accepted a lower salary. Thanks, Dee',
      'Hi Sam, they went with another applicant, Leo, as he had run pricing tests. Kim'),
     ('Hi Jo, the client picked another finalist, who had run two launches in the region. Best, Ben',
      'Hi Sam, you asked for a lower salary than the band, so pay was never the issue. Kim')),
    # a culture fit said as an adverb
    ('boilerplate.right_fit',
     ("Hi Mo, thanks for the interview. The team felt you might not click culturally, so we won't go on. Jo",
      "Hi Mo, sorry, but we don't think you would gel culturally. Jo"),
     ("Hi Mo, you'd mesh with the company culture, but the role needs German for client calls. Jo",)),
    # telling the candidate not to try again
    ('tone.harsh_sarcasm',
     ("Hi Kai, we won't be hiring you. Do not bother to reapply next season. Ray",
      "Hi Kai, it's a no from us, and honestly there's no point reapplying. Ray"),
     ("Hi Kai, it's a no for the van role. Don't bother re-applying online; simply email me and I'll add you. Ray",)),
    # praise of a background or strengths with nothing named
    ('boilerplate.formulaic_praise',
     ("Hi Ola, we were really impressed with your varied experience, but we've chosen someone else. Mia",
      'Hi Ola, we value the unique perspective you would bring; sadly the role has gone to another candidate. Mia'),
     ('Hi Ola, the forklift and stock-count skills you bring suit our Leeds depot, which hires in May. Mia',)),
    # a pregnancy told of the candidate in the third person
    ("risk.pregnancy_family",
     ("Note to HR: she's expecting in June, so please send the standard no. Thanks, Lou",
      "Hi team, we'll decline Priya; she is expecting again and the travel is heavy. Lou"),
     ("Hi Priya, Dana leads the team and she is expecting a shortlist by May, so we've closed it. Lou",)),
    # a language said not to be the candidate's own
    ("risk.language_accent",
     ("Hi Ana, the panel felt that since French isn't your mother tongue the client calls would be hard.",
      "Hi Ana, with Spanish as your second language, we went with another tutor."),
     ("Hi Ana, Java isn't your first language, but the role is mostly Kotlin and you had not used it yet.",)),
    # the candidate's sickness record
    ("risk.disability_health",
     ("Hi Joe, your high number of sick days at Harlow Foods put the panel off, sorry. Bev",
      "Hi Joe, we know you had two months off sick in 2023, and we've gone another way. Bev"),
     ("Hi Joe, our sick pay starts from day one, but the role has gone to someone with a forklift licence. Bev",)),
    # a step down offered as a shrug
    ("tone.harsh_career",
     ("Hi Zoe, thanks for the panel. Possibly an entry-level post would fit you better. Best, Kim",
      "Hi Zoe, it's a no for the lead role; a coordinator job is probably more your pace. Kim"),
     ("Hi Zoe, the lead role needs two years of line management; our coordinator opening in June would suit "
      "your experience, and I'd like to put you forward. Kim",)),
])
def test_plainly_worded_risk_and_condescension_rules(checker, rule, fire, passes):
    for text in fire:
        assert rule in {f.rule for f in checker.check(text).findings}, text
    for text in passes:
        assert rule not in {f.rule for f in checker.check(text).findings}, text


def test_a_rule_matching_twice_in_one_sentence_is_one_finding(checker):
    """'This decision is final and we will enter into no correspondence' matched the final-decision rule twice:
    two findings with the same sentence-wide fix, the second stale once the first was applied. One finding
    now spans both phrases."""
    for sentence, first, last in (
            ("This decision is final and we will enter into no correspondence about it.", "This decision is final",
             "no correspondence"),
            ("This is an automated message, so please do not reply to it.", "automated message", "do not reply")):
        text = f"Dear Applicant,\nYour application for the clerk post was unsuccessful. {sentence}\nHR Team"
        found = [f for f in checker.check(text).findings if f.start >= text.index(sentence)
                 and f.end <= text.index(sentence) + len(sentence)]
        rules = [f.rule for f in found]
        assert len(rules) == len(set(rules)), rules
        spans = [text[f.start:f.end] for f in found if first in text[f.start:f.end]]
        assert spans and spans[0].startswith(first) and last in spans[0], spans


def test_the_candidates_own_internal_transfer_is_no_reason(checker):
    """'an internal candidate' hired is the reason given; the candidate's own 'internal transfer' or 'internal
    application' turned down is only the decision."""
    for decision, reason_given in (
            ("We've decided not to proceed with your internal transfer to the CSM role.", False),
            ("Your internal application for the Band 6 post has not been successful this time.", False),
            ("We've offered the CSM role to an internal candidate who already runs our onboarding.", True),
            ("The vacancy went to an internal colleague this round.", True)):
        text = f"Hi Tom,\n{decision}\nThanks,\nJo"
        rules = {f.rule for f in checker.check(text).findings}
        assert ("structure.no_reason" in rules) is not reason_given, (decision, rules)


def test_a_reason_after_a_semicolon_is_the_reason(checker):
    draft = "Hi Omar,\n\nThanks for your time. We're not moving ahead after the phone screen; {}\n\nBest,\nJo"
    for reason in ("the role needs weekend availability.", "we need someone who holds a forklift licence.",
                   "the other candidate had run a night shift on her own."):
        assert "structure.no_reason" not in {f.rule for f in checker.check(draft.format(reason)).findings}, reason
    # a wish after a semicolon is no reason
    assert "structure.no_reason" in {f.rule for f in checker.check(draft.format(
        "we wish you the best in your search.")).findings}


@pytest.mark.parametrize("reason", [
    "Your reconciliation exercise for the Senior Accountant post was below the bar.",
    "Your lesson plan was below the required standard for the Year 9 class.",
    "Your pass-rate spreadsheet came in well below standard.",
])
def test_a_bar_not_reached_is_a_reason_however_vague(checker, reason):
    """'below the bar' / 'below standard' is a bar the candidate did not reach, like 'below the pass mark': a
    reason (a vague one at worst), not 'never says why' with a second, placeholder reason to insert."""
    text = f"Dear Ama,\n\nThank you for the assessment day. {reason}\n\nRegards,\nKofi"
    assert "structure.no_reason" not in {f.rule for f in checker.check(text).findings}


@pytest.mark.parametrize("thanks, thanked", [
    ("Thank you for the simulator session on Tuesday.", True),
    ("Thanks so much for Friday's feedback session with the panel.", True),
    ("Thank you for your interest. Our information session is open to everyone.", False),
])
def test_an_effort_thanked_as_a_session_is_thanked(checker, thanks, thanked):
    """'Thank you for the simulator session' thanks the candidate for the assessment; the draft was told it never
    thanked them for their effort (and offered '…, and for [effort]')."""
    text = (f"Dear Ama,\n\n{thanks} After your flight assessment we have decided not to offer you the First Officer "
            f"post, as your crosswind landings were outside the limits.\n\nRegards,\nKofi")
    rules = {f.rule for f in checker.check(text).findings}
    assert ("structure.no_thanks_for_effort" not in rules) is thanked, rules


def test_expecting_a_second_round_is_no_pregnancy(checker):
    # "she is expecting a second round of interviews" names no baby; "she's expecting a second." still does
    for text, fires in (("Dana, our hiring lead, said she is expecting a second round of interviews in May.", False),
                        ("You were expecting your first review after six months, as we discussed.", False),
                        ("Between us, she's expecting a second, so the travel would be hard.", True)):
        rules = {f.rule for f in checker.check(text).findings}
        assert ("risk.pregnancy_family" in rules) is fires, (text, rules)


@pytest.mark.parametrize("tail, reason", [
    ("we need your consent to keep your CV on file.", False),
    ("we need you to return the laptop by Friday.", False),
    ("we needed someone with a valid HGV licence.", True),
])
def test_a_request_after_a_semicolon_is_no_reason(checker, tail, reason):
    """'… not move forward with your application; we need your consent to keep your CV' asks for something: no
    reason given ('; we needed someone with …' is one)."""
    text = f"Hi Sam,\n\nWe have decided not to move forward with your application; {tail}\n\nBest,\nAna"
    assert ("structure.no_reason" in {f.rule for f in checker.check(text).findings}) is not reason


@pytest.mark.parametrize("line", [
    "Applicants who are unsuccessful at this stage will not receive individual feedback.",
    "Candidates who are not shortlisted will not be contacted again.",
    "Please do not let this decision discourage you.",
    "Kindly do not be discouraged by this decision.",
])
def test_a_softened_cold_sentence_reads_as_english_after_sorry_to_tell_you(checker, line):
    # "I'm sorry to tell you that Applicants who ..." / "... that Please do not ...": a subject keeps no capital
    # after "that", and an imperative cannot follow it at all
    text = f"Dear Applicant,\n\nYour application for the Clerk post has been unsuccessful.\n\n{line}\n\nHR Services"
    for f in checker.check(text).findings:
        for s in f.suggestions:
            assert not re.search(r"sorry to tell you that (?:[A-Z]\w*(?<!I)\b|please|kindly|do not)", s), (f.rule, s)


def test_a_softened_cold_sentence_keeps_a_name_and_leaves_the_greeting_out():
    from model.rules import _softened

    lead = "I'm sorry to tell you that {sentence}"
    assert _softened("Harbour View Trust does not release panel notes.", lead) == (
        "I'm sorry to tell you that Harbour View Trust does not release panel notes.")
    assert _softened("Incomplete forms are not reviewed.", lead) == "I'm sorry to tell you that incomplete forms are not reviewed."
    assert _softened("Hi Dana, we won't be progressing you because the range is frozen food.", lead) == (
        "I'm sorry to tell you that we won't be progressing you because the range is frozen food.")
    assert _softened("Hello Mr Osei - your score was below the pass mark of 60.", lead) == (
        "I'm sorry to tell you that your score was below the pass mark of 60.")
    assert _softened("The Board does not give reasons.", lead) == "I'm sorry to tell you that the Board does not give reasons."
    assert _softened("Please do not contact the office about this result.", lead) == ""


@pytest.mark.parametrize("body", [
    "Unfortunately, your result did not meet the passing score set for the typing assessment.",
    "Sadly you did not achieve the qualifying marks in the written paper.",
    "Regrettably your marks fell short of the qualifying mark for this post.",
    "Your answers in the aptitude test did not clear the cut-off for the next round.",
])
def test_a_pass_mark_or_qualifying_score_not_reached_is_a_reason(checker, body):
    """'passing score', 'qualifying marks', 'fell short of the cut-off' state the bar the candidate missed, as
    'did not meet the benchmark' does: a reason, however vague, never 'never says why'."""
    rules = {f.rule for f in checker.check(f"Hi Sam,\n\nThanks for sitting the test. {body}\n\nBest,\nAna").findings}
    assert "structure.no_reason" not in rules


@pytest.mark.parametrize("body", [
    "The committee has appointed another applicant having stronger command of the ICSE syllabus.",
    "The post has been offered to someone having more years in the banking sector.",
    "We have decided to go with another candidate having stronger exposure to SAP.",
])
def test_a_chosen_candidate_having_more_of_something_is_a_reason(checker, body):
    """Indian English 'a candidate having more experience' compares as 'a candidate with more experience' does."""
    rules = {f.rule for f in checker.check(f"Dear Sir,\n\nWe regret to inform you that you have not been selected "
                                           f"for the post of Accountant. {body}\n\nRegards,\nHR").findings}
    assert "structure.no_reason" not in rules


@pytest.mark.parametrize("body", [
    "We've decided to promote a shift lead from within the store instead.",
    "In the end we filled the supervisor post through an internal promotion.",
    "We've offered the job to a colleague we promoted from within.",
    "We decided to hire internally for the team lead role.",
])
def test_an_internal_promotion_is_the_real_reason(checker, body):
    """Promoting from within says why, as 'the role went to an internal candidate' does: neither 'never says why'
    nor 'generic reason'."""
    rules = {f.rule for f in checker.check(f"Hi Sam,\n\nThanks for the final interview. {body}\n\nBest,\nAna").findings}
    assert not rules & {"structure.no_reason", "structure.generic_reason", "boilerplate.generic_reason"}, rules


@pytest.mark.parametrize("step", [
    "We would love to see you apply for our commis chef positions later this year.",
    "Our next apprentice intake in the autumn would suit you well.",
    "I'll remember you for the next season in the new year.",
    "I'll put you forward for the next series early next year.",
])
def test_a_named_opening_with_a_season_or_later_this_year_is_a_next_step(checker, step):
    """An opening named with its time ('positions later this year', 'the next intake in the autumn', 'the next
    series early next year') is a concrete next step, as 'roles in March' is."""
    text = (f"Hi Sam,\n\nThanks for the interview. We offered the role to someone with more live-studio experience. "
            f"{step}\n\nBest,\nAna")
    assert "structure.no_next_step" not in {f.rule for f in checker.check(text).findings}


def test_a_post_not_offered_for_a_month_is_no_next_step(checker):
    text = ("Hi Sam,\n\nThanks for the interview. I'm sorry, but we can't offer you a position in the autumn, "
            "as the programme needs a chemistry A level.\n\nBest,\nAna")
    assert "structure.no_next_step" in {f.rule for f in checker.check(text).findings}


@pytest.mark.parametrize("text, fires", [
    ("Because you're on a graduate visa that ends next year, we went with another applicant.", True),
    ("Your visa status made the partners nervous, so we're not moving forward.", True),
    ("Given your immigration status, we felt a permanent resident would be a safer hire.", True),
    ("Since you are on a dependant visa, we decided not to take your application further.", True),
    ("All candidates must have the right to work in the UK, and the role does not offer sponsorship.", False),
    ("Your thesis on visa policy for seasonal farm workers was a highlight of the panel.", False),
    ("We sponsor visas for every graduate engineer we hire.", False),
])
def test_the_candidates_visa_or_immigration_status_as_a_reason_is_risky(checker, text, fires):
    """The candidate's own visa or immigration status given as the reason is a proxy for national origin; a
    stated, lawful requirement (the right to work, no sponsorship offered) is not."""
    rules = {f.rule for f in checker.check(text).findings}
    assert ("risk.immigration_status" in rules) is fires, rules


@pytest.mark.parametrize("promise", [
    "I'll ring you as soon as something comes up.",
    "We'll call you as soon as something comes up.",
    "I'll contact you as soon as anything comes up.",
])
def test_a_stock_promise_to_get_in_touch_is_rewritten_as_a_next_step_not_as_praise(checker, promise):
    """A generic 'I'll call you when something comes up' read as 'other' was offered '[one specific thing they did
    well].' in its place: a promise of contact is a future step, and its rewrite names the opening."""
    text = (f"Hi Sam,\n\nThanks for the interview. We offered the role to someone who holds a forklift ticket. "
            f"{promise}\n\nBest,\nAna")
    found = [f for f in checker.check(text).findings if f.rule == "boilerplate.generic_sentence"]
    assert found and all("opens" in f.suggestions[0] and "did well" not in f.suggestions[0] for f in found), found


@pytest.mark.parametrize("body", [
    "We offered the job to someone who holds a CSCS card.",
    "We went with an applicant who has a full driving licence.",
    "We chose a candidate who already holds an SIA door supervisor licence.",
])
def test_a_chosen_candidate_who_holds_a_named_credential_is_a_concrete_reason(checker, body):
    """'someone who holds a CSCS card' names what the other candidate had: the reason, and a concrete one."""
    rules = {f.rule for f in checker.check(f"Hi Sam,\n\nThanks for the interview. {body}\n\nBest,\nAna").findings}
    assert not rules & {"structure.no_reason", "structure.generic_reason", "boilerplate.generic_reason"}, rules


@pytest.mark.parametrize("opener", ["To be frank,", "To be blunt,", "If I'm honest,"])
def test_a_harsh_cut_drops_the_blunt_opener_with_the_verdict(checker, opener):
    """'To be frank, your reconciliation had four unmatched items and you are clearly not ready': the cut keeps
    the facts and loses the blunt opener with the verdict, as it loses 'Frankly,' and 'To be honest,'."""
    text = (f"Hi Sam,\n\nThanks for the interview. {opener} your reconciliation had four unmatched items and you "
            f"are clearly not ready for month-end. We won't be moving forward.\n\nBest,\nAna")
    found = [f for f in checker.check(text).findings if f.rule == "tone.harsh_not_ready"]
    assert found and found[0].suggestions[0] == "Your reconciliation had four unmatched items.", found


@pytest.mark.parametrize("body", [
    "The shortlisting panel has reviewed your application and you have not been shortlisted, as your statement did "
    "not show experience of budget monitoring.",
    "The recruitment panel scored your written statement below the pass mark for the role.",
    "The panel considered your application against the person specification; it needs NEBOSH, which you do not hold.",
])
def test_a_panel_that_only_read_the_application_is_no_effort_to_thank(checker, body):
    """A panel that sifted or scored the application met no one: 'Thank you for applying' thanks for all the
    candidate did ('after your panel', 'presenting to the panel' are an effort)."""
    rules = {f.rule for f in checker.check(f"Dear Applicant,\n\nThank you for applying. {body}\n\nRegards,\nHR").findings}
    assert "structure.no_thanks_for_effort" not in rules
    assert "structure.no_thanks_for_effort" in {f.rule for f in checker.check(
        "Hi Jo,\n\nWe are not offering you the post after your panel on Friday, as the role needs NEBOSH.\n\n"
        "Regards,\nHR").findings}


@pytest.mark.parametrize("body, fires", [
    ("Your statement scored below the level required to progress to interview.", False),
    ("Your score fell short of what was needed to move on to the assessment centre.", False),
    ("Only applicants who hold a full licence go forward to interview, and your form did not list one.", False),
    ("You progressed to interview, but the panel chose another candidate with NEBOSH.", True),
])
def test_a_stage_the_candidate_did_not_reach_is_no_effort_to_thank(checker, body, fires):
    """'the level required to progress to interview' names a stage the candidate never reached."""
    rules = {f.rule for f in checker.check(f"Dear Jo,\n\nThank you for applying. {body}\n\nRegards,\nHR").findings}
    assert ("structure.no_thanks_for_effort" in rules) is fires


@pytest.mark.parametrize("body", [
    "We went with someone who's already done a season as a ski instructor.",
    "We've offered it to a candidate who'd already run a night shift at a distribution centre.",
])
def test_a_hire_who_s_already_done_something_named_is_a_reason(checker, body):
    """'someone who's already done a season as X' names what the hire has done, as 'who has already' does."""
    from model.rules import names_what_hire_did

    assert names_what_hire_did(body)
    rules = {f.rule for f in checker.check(f"Hi Lewis,\n\nThanks for the interview. {body}\n\nBest,\nAna").findings}
    assert "structure.no_reason" not in rules


@pytest.mark.parametrize("line", [
    "Feedback is available on request.",
    "Should you wish to be considered for future openings, you must submit a new application through the portal.",
])
def test_a_cold_sentence_with_no_bad_news_is_not_softened_with_sorry(checker, line):
    """'I'm sorry to tell you that feedback is available on request': sorry fits bad news only."""
    text = f"Dear Applicant,\n\nYour application for the Clerk post has been unsuccessful.\n\n{line}\n\nHR Services"
    assert not any(s.startswith("I'm sorry to tell you that") and line[1:20] in s
                   for f in checker.check(text).findings for s in f.suggestions)


@pytest.mark.parametrize("text, rule, fires", [
    ("We're not sure someone of your generation would enjoy the pace of our open-plan office.", "risk.age", True),
    ("Frankly, people of your vintage tend to struggle with our tooling.", "risk.age", True),
    ("Your generation of the pricing model was the clearest we saw.", "risk.age", False),
    ("The owners prefer to hire from their own church congregation for front of house.", "risk.religion", True),
    ("Our trustees wanted someone from the same mosque community as the families we serve.", "risk.religion", True),
    ("Your work with the church youth community centre was a highlight of your application.", "risk.religion", False),
])
def test_a_generation_or_a_faith_community_as_the_reason_is_risky(checker, text, rule, fires):
    """'someone of your generation' is age; 'from their own church congregation' is religion."""
    assert (rule in {f.rule for f in checker.check(text).findings}) is fires


@pytest.mark.parametrize("text, fields", [
    ("Hi #FirstName#, thanks for applying for the #JobTitle# role. We won't be moving forward. Best, Jo",
     ["#FirstName#", "#JobTitle#"]),
    ("Dear #Candidate_Name#, we have filled the post. Regards, HR", ["#Candidate_Name#"]),
    ("Hi Sam, thanks for applying for the [insert role] position. We won't be moving forward. Best, [add your name]",
     ["[insert role]", "[add your name]"]),
    ("Hi Sam, your C# test was good and #hiring is on hold; &#39;sorry&#39;. Best, Jo", []),
])
def test_hash_and_insert_placeholders_are_unfilled_merge_fields(checker, text, fields):
    """'#FirstName#' (a Zoho/Naukri style) and '[insert role]' left in a template are unfilled merge fields;
    'C#', a hashtag and an HTML entity are not."""
    found = [text[f.start:f.end] for f in checker.check(text).findings if f.rule == "structure.unfilled_merge_field"]
    assert found == fields


@pytest.mark.parametrize("body", [
    "After reviewing your CV, we have concluded that your experience does not fully align with our current "
    "requirements.",
    "We have gone through your profile and find that it is not aligned with the present requirement.",
])
def test_not_aligned_with_our_requirements_is_a_generic_reason(checker, body):
    """'does not fully align with our current requirements' names no requirement: a generic reason."""
    rules = {f.rule for f in checker.check(f"Dear Ravi,\n\n{body}\n\nRegards,\nHR").findings}
    assert "boilerplate.requirements_generic" in rules, rules


@pytest.mark.parametrize("line, fires", [
    ("I'll keep you in mind for the summer season.", False),
    ("We'll keep your details on file until the new year.", False),
    ("I'll keep you in mind for the next intake in September.", False),
    ("We'll keep your CV on file and call you before Christmas.", False),
    ("I'll keep you in mind for future opportunities.", True),
    ("We will keep your CV on file in case this may change.", True),
])
def test_keeping_a_cv_for_a_named_time_is_no_empty_promise(checker, line, fires):
    """'keep you in mind for the next series in the autumn' names when: a timeframe is what the rubric asks of a
    relationship line, not an empty promise."""
    text = f"Hi Jess,\n\nThanks for the interview. We offered the role to someone with a full licence. {line}\n\nBest,\nAna"
    assert ("boilerplate.keep_on_file" in {f.rule for f in checker.check(text).findings}) is fires


@pytest.mark.parametrize("line, fix", [
    ("Unfortunately, your assessment score did not reach the benchmark required for the graduate scheme.",
     "I'm sorry to tell you that your assessment score did not reach the benchmark required for the graduate scheme."),
    ("Sadly, you did not achieve the qualifying marks in the written examination for this post.",
     "I'm sorry to tell you that you did not achieve the qualifying marks in the written examination for this post."),
])
def test_a_cold_decision_that_states_the_bar_missed_keeps_it_in_the_fix(checker, line, fix):
    """A cold decision whose content is the bar the candidate missed was rewritten as a stock 'we've decided not to
    offer you the [role] role', losing the draft's only reason; it keeps it, with the human words added."""
    cold = [f for f in checker.check(f"Dear Applicant,\n\n{line}\n\nRecruitment Team").findings if f.rule == "tone.cold"]
    assert cold and cold[0].suggestions == (fix,), cold


@pytest.mark.parametrize("sentence, concrete", [
    ("We needed someone with key-holder experience.", True),
    ("We went with someone with forklift experience.", True),
    ("We chose a candidate with Salesforce admin experience.", True),
    ("The client wanted an applicant who had NEBOSH certification.", True),
    ("We went with someone with more relevant experience.", False),
    ("We needed someone with the right skills and background.", False),
    ("We chose a candidate with strong stakeholder management experience.", False),
    ("Many applicants with retail experience applied this year.", False),
])
def test_a_reason_naming_the_experience_the_hire_had_is_concrete(checker, sentence, concrete):
    """'someone with key-holder experience' names what the role needed, however plainly: a reason, not 'never says
    why' or 'generic reason'; 'someone with more relevant experience' names nothing."""
    from model.rules import names_compared_skill

    assert names_compared_skill(sentence) is concrete
    if concrete:
        text = f"Hi Sam,\n\nThank you for interviewing for the Store Supervisor role. {sentence}\n\nBest,\nJo"
        rules = {f.rule for f in checker.check(text).findings}
        assert not rules & {"structure.no_reason", "structure.generic_reason"}, rules


@pytest.mark.parametrize("sentence", [
    "Applicants with the most directly relevant experience are usually the ones we take forward.",
    "We received several hundred applications, many from candidates with prior publishing experience.",
    "We went with someone with more directly relevant experience.",
    "It was a brave attempt for someone with so little experience.",
    "We needed someone with enough experience.",
])
def test_the_pool_or_an_adverb_names_no_skill(sentence):
    from model.rules import names_compared_skill

    assert not names_compared_skill(sentence)


@pytest.mark.parametrize("text, fires", [
    ("The museum covers people from that era of shipbuilding, and you would curate its archive.", False),
    ("Your dissertation compared workers of an earlier generation of mill hands with today's.", False),
    ("The archive holds letters from people of that era, and your cataloguing test was careful.", False),
    ("We doubt someone of your generation would enjoy the night shifts.", True),
    ("We felt someone of an older generation might find the tooling hard.", True),
])
def test_an_era_in_the_past_is_not_the_candidates_generation(checker, text, fires):
    """'people from that era', 'workers of an earlier generation' name a time in the past (a museum's or an
    archive's subject), not the candidate's age; 'someone of your generation' does."""
    assert ("risk.age" in {f.rule for f in checker.check(text).findings}) is fires


@pytest.mark.parametrize("gap", [" " * 16_000, "\u00a0 " * 8_000])
def test_a_long_run_of_spaces_in_a_decision_does_not_stall_the_reason_search(checker, gap):
    """The search for a decision's own reason ("... rejected as your score was below 60") backtracked over every
    space of a long run (quadratic: seconds for a pasted draft padded with spaces); it is linear."""
    from conftest import finishes_within

    for text in (f"Dear Applicant, your application has been rejected{gap}x.",
                 f"Dear Applicant, your application has been rejected as your score{gap}was low."):
        with finishes_within(5, "a decision with a long run of spaces"):
            checker.check(text)


@pytest.mark.parametrize("text, fires", [
    ("Given your immigration law background, we think the senior caseworker post would suit you better.", False),
    ("Your visa application casework in the written exercise was the strongest we saw.", False),
    ("Your immigration history research for the charity was impressive, but we chose someone with tribunal work.",
     False),
    ("Due to your visa expertise, we'd like to keep you in mind for the advisory team.", False),
    ("Your residency application guidance notes were clear and practical.", False),
    ("Given your visa situation, we cannot continue.", True),
    ("Your visa status means we cannot offer you the role.", True),
    ("Given your immigration background, we felt the client would prefer a local hire.", True),
])
def test_immigration_work_named_as_a_skill_is_no_immigration_status(checker, text, fires):
    """A rejection for an immigration caseworker or paralegal post names the candidate's work ('your immigration law
    background', 'your visa application casework'): a field of work, not their visa or immigration status."""
    assert ("risk.immigration_status" in {f.rule for f in checker.check(text).findings}) is fires


@pytest.mark.parametrize("field", ["[Insert role]", "[Add your name]", "[Enter start date]", "[Fill in job title]",
                                   "[insert role]"])
def test_a_template_note_in_sentence_case_is_an_unfilled_merge_field(checker, field):
    """'[insert role]' was flagged but '[Insert role]', the way most templates write the note, was not: the note's
    verb is matched in any case."""
    text = f"Hi Sam, thanks for applying for the {field} position. We won't be moving forward. Best, Jo"
    found = [text[f.start:f.end] for f in checker.check(text).findings if f.rule == "structure.unfilled_merge_field"]
    assert found == [field]


@pytest.mark.parametrize("text, fires", [
    ("The second interview is in the same church community hall as the first, on Mill Lane.", False),
    ("Our nursery runs from its own parish community centre, which you visited on the tour.", False),
    ("We usually recruit from our own church community for the café.", True),
    ("The owners prefer to hire from their own church congregation for front of house.", True),
])
def test_a_faith_community_building_is_a_place_not_a_hiring_preference(checker, text, fires):
    """'the same church community hall' is where something happens (a venue), not the faith of whom a business
    hires; 'recruit from our own church community' is."""
    assert ("risk.religion" in {f.rule for f in checker.check(text).findings}) is fires


@pytest.mark.parametrize("text, fires", [
    ("The tenants who stay here for 20 years or more get a discount on the service charge.", False),
    ("Residents who remain here for 15 years qualify for the long-stay award you would manage.", False),
    ("People who stay for 20 years get a long-service award, which you asked about.", False),
    ("We want someone who will be with us for the next 20 years.", True),
    ("Ideally we'd hire somebody who could stay for another twenty years and grow with the firm.", True),
    ("We are looking for candidates who'll remain with us for the next 15 years.", True),
])
def test_how_long_people_stay_is_no_age_preference_unless_it_is_asked_of_the_hire(checker, text, fires):
    """'someone who will be with us for the next 20 years' asks for years of working life ahead (age); 'tenants who
    stay here for 20 years get a discount' says what happens to people who stay, of no one's age."""
    assert ("risk.age" in {f.rule for f in checker.check(text).findings}) is fires


@pytest.mark.parametrize("text, fires", [
    ("Your degree is from 2015, so it is not out of date for chartership purposes.", False),
    ("Your certification is from 2022, and the refresher means nothing in it is out of date.", False),
    ("Your degree is from 1989, so your knowledge may be out of date.", True),
    ("Your qualifications date from 1994, which makes them a little dated for a fintech team.", True),
])
def test_a_qualification_said_not_to_be_out_of_date_is_no_age_reason(checker, text, fires):
    """'your degree is from 2015, so it is not out of date' says the opposite of dating the candidate: a denied
    'out of date' is no age reason."""
    assert ("risk.age" in {f.rule for f in checker.check(text).findings}) is fires


@pytest.mark.parametrize("text, fires", [
    ("Hi Sam,\n\nWe won't be extending an offer. If you practice closing each case with a one-line recommendation, "
     "I'd encourage you to reapply next cycle.\n\nBest,\nClaire", False),
    ("Hi Ola,\n\nWe are not moving forward. If you build a small portfolio of React projects, we would encourage you "
     "to apply again.\n\nBest,\nKen", False),
    ("Hi Ola,\n\nWe are not moving forward. We encourage you to reapply after you have earned your forklift licence."
     "\n\nBest,\nKen", False),
    ("Hi Ola,\n\nWe are not moving forward. If you are interested, we encourage you to apply for future openings."
     "\n\nBest,\nKen", True),
    ("Hi Sam,\n\nWe won't be extending an offer. Please don't let this discourage you from applying again.\n\nBest,\nClaire",
     True),
])
def test_an_invitation_to_reapply_that_names_the_step_first_is_advice_not_boilerplate(checker, text, fires):
    """'If you practice closing each case with a one-line recommendation, I'd encourage you to reapply' hangs the
    invitation on one concrete step: it is the advice the rubric asks for, and the rewrite threw it away."""
    assert ("boilerplate.apply_again" in {f.rule for f in checker.check(text).findings}) is fires


@pytest.mark.parametrize("role", ["the" + " " * 20_000 + "x", "Analyst" + "\t" * 20_000 + "x"])
def test_a_role_padded_with_spaces_is_tidied_without_stalling(role):
    """Taking "the ... role" off a context's role tried the trailing word from every space of a long run (quadratic:
    seconds for a role padded with spaces); the run is tried from its start only."""
    from conftest import finishes_within
    from model.rules import _ROLE_WRAPPING

    with finishes_within(5, "tidying a role padded with spaces"):  # a hang guard, not a timing: it was seconds, now ms
        assert _ROLE_WRAPPING.sub("", role).endswith("x")
    assert _ROLE_WRAPPING.sub("", "the Senior  Analyst   role") == "Senior  Analyst"


_WORK_SENSE_RISK_WORDS = [
    "Your visa status tracker idea was the strongest part of the case study.",
    "We chose a coordinator who already works across the same faith network of charities.",
    "Your work on our Visa payments integration was impressive.",
    "Given your Visa payments integration work, we expected more depth on card disputes.",
    "Your passport photo booth redesign was the most polished piece in your portfolio.",
    "Your church restoration survey showed real care for listed buildings.",
    "Your mosque extension drawings were clear and well annotated.",
    "Given your visa processing dashboard, we expected more on data quality.",
    "Your immigration status checker prototype was neat, but the role needs more backend depth.",
    "The post supports the same church network of food banks across the county.",
    "Your faith in the product roadmap came through clearly in the interview.",
    "Since you're on the Visa account team at your agency, the conflict-of-interest rules apply.",
    "Because of your visa application portal project, we moved you to the final round.",
    "Your church hall booking system was a thoughtful side project.",
    "Your passport renewal app redesign cut the form from nine steps to four.",
    "Your temple conservation report was thorough and well sourced.",
    "Your synagogue archive digitisation project impressed the curators.",
]
_STATUS_OR_FAITH_AS_REASON = [
    ("As you're on a graduate visa, we have decided not to progress your application.", "risk.immigration_status"),
    ("Your visa status means we would rather wait for someone settled here.", "risk.immigration_status"),
    ("Given your immigration status, the partners chose another applicant.", "risk.immigration_status"),
    ("Your visa expires next spring, so we went with someone else.", "risk.immigration_status"),
    ("Your visa situation was the deciding factor for the client.", "risk.immigration_status"),
    ("You'd be on a work permit, which the client will not accept.", "risk.immigration_status"),
    ("Your visa application form was incomplete, so we could not progress.", "risk.immigration_status"),
    ("We can only consider British passport holders for this post.", "risk.national_origin"),
    ("We usually hire from our own church community for this post.", "risk.religion"),
    ("We prefer people from the same faith network as our founders.", "risk.religion"),
    ("We recruit from our own church network of volunteers.", "risk.religion"),
    ("Your faith might make the Saturday shifts difficult.", "risk.religion"),
    ("Your faith in God would make the Sunday rota hard.", "risk.religion"),
    ("Since you go to church on Sundays, the weekend rota won't work.", "risk.religion"),
    ("Your mosque commitments on Fridays clash with the month-end close.", "risk.religion"),
    ("We need someone who won't take time off for mosque on Fridays.", "risk.religion"),
]


def test_visa_faith_and_church_in_a_work_sense_are_no_risk_but_status_and_belief_still_are(checker):
    """'your visa status tracker idea', 'our Visa payments integration', 'your church restoration survey', 'the same
    faith network of charities', 'your faith in the product roadmap' name a product, a building or a sector the
    candidate worked on, not their status or belief (they were flagged as immigration or religion risks); the
    candidate's own visa, faith or worship as a reason is still flagged."""
    reports = checker.check_batch(_WORK_SENSE_RISK_WORDS + [t for t, _ in _STATUS_OR_FAITH_AS_REASON])
    innocent, risky = reports[:len(_WORK_SENSE_RISK_WORDS)], reports[len(_WORK_SENSE_RISK_WORDS):]
    flagged = [(t, sorted(f.rule for f in r.findings if f.category == "risk"))
               for t, r in zip(_WORK_SENSE_RISK_WORDS, innocent)]
    assert [x for x in flagged if x[1]] == []
    missed = [t for (t, rule), r in zip(_STATUS_OR_FAITH_AS_REASON, risky) if rule not in {f.rule for f in r.findings}]
    assert missed == []


@pytest.mark.parametrize("text, fires", [
    ("Honestly your portfolio is pretty amateurish and the typography is all over the place.", False),
    ("The budget section of your proposal is pretty thin, and the timeline is optimistic.", False),
    ("Your answers on the pricing case were pretty good, but the model is pretty much untested.", False),
    ("We need the hostess to be pretty, bubbly and young.", True),
    ("The front desk has to look pretty and polished every night.", True),
])
def test_pretty_before_an_adjective_is_an_adverb_not_a_looks_judgement(checker, text, fires):
    """'your portfolio is pretty amateurish' uses 'pretty' for 'quite': the appearance rule read 'is pretty' as a
    judgement of the candidate's looks and flagged a harsh but lawful remark as a protected-characteristic risk."""
    assert ("risk.appearance" in {f.rule for f in checker.check(text).findings}) is fires


@pytest.mark.parametrize("text, fires", [
    ("Dear Ravi,\n\nWe thank you for your interest in Kestrel Systems and for taking the online assessment. "
     "Unfortunately you did not clear the aptitude section.\n\nRegards,\nHR", False),
    ("Dear Ananya,\n\nThank you for your time in the panel interview for the Analyst position. We will not be moving "
     "forward, because the role needs daily SQL.\n\nRegards,\nRavi", False),
    ("Hi Joe,\n\nThanks for your time and for the case study last Tuesday. We're not taking you forward, because the "
     "role needs SQL.\n\nBest,\nAmy", False),
    ("Hi Joe,\n\nThank you for your interest, but we won't be inviting you to interview. The role needs SQL.\n\n"
     "Best,\nAmy", True),
    ("Hi Joe,\n\nThank you for your time last week. We're not taking you forward, because the role needs SQL.\n\n"
     "Best,\nAmy", True),
])
def test_a_thanks_that_names_the_effort_is_no_formulaic_thanks(checker, text, fires):
    """'We thank you for your interest in Kestrel and for taking the online assessment' names what the candidate
    did; the formulaic-thanks fix rewrote it to 'Thank you for [what they did for you, ...]' and lost the
    assessment it named."""
    report = checker.check(text)
    assert ("boilerplate.formulaic_thanks" in {f.rule for f in report.findings}) is fires


def test_interest_in_an_assignment_is_no_effort_thanked(checker):
    """A staffing agency's 'assignment' is a job: 'Thank you for your interest in the Leeds assignment' thanks for
    no effort, and stays a formulaic thanks."""
    text = ("Hello Kim,\n\nThank you for your interest in the warehouse assignment in Leeds. We have filled it, "
            "because the client needed a forklift licence.\n\nBest,\nAmy")
    assert "boilerplate.formulaic_thanks" in {f.rule for f in checker.check(text).findings}


@pytest.mark.parametrize("greeting, name", [("Kia ora Hemi,", "Hemi"), ("G'day Jake,", "Jake"),
                                            ("Gidday Mere,", "Mere"), ("Hiya Sam,", "Sam")])
def test_new_zealand_and_australian_greetings_are_greetings(checker, greeting, name):
    """'Kia ora Hemi,' or 'G'day Jake,' opens the message like 'Hi Hemi,': read as a paragraph of the body, it put
    a decision in the second paragraph 'after the second paragraph' (structure.buried_decision), and the name it
    gives was not used in the suggestions."""
    text = (f"{greeting}\n\nThanks for your time on the phone on Monday about the Junior Landscaper role.\n\n"
            "We've gone with someone who has a full licence, as the job needs you to drive the ute between sites "
            "on your own. Once you've got your full licence, give me a bell.\n\nAll the best in your job search.\n\n"
            "Cheers,\nAroha")
    report = checker.check(text)
    assert "structure.buried_decision" not in {f.rule for f in report.findings}
    farewell = [f for f in report.findings if f.rule == "boilerplate.best_wishes_search"]
    assert farewell and name in farewell[0].suggestions[0]


@pytest.mark.parametrize("text, fires", [
    ("You came across as a keen young fella and I reckon you'd be a good fit somewhere.", True),
    ("The young lads on site would have shown you the ropes, but we went with a second-year apprentice.", True),
    ("You struck us as a bright young chap with plenty of go.", True),
    ("You spoke well about coaching the under-12s and about the youth football club.", False),
    ("You came across as a keen, well-prepared apprentice and your wiring test was tidy.", False),
])
def test_youth_in_a_casual_word_for_the_candidate_is_an_age_proxy(checker, text, fires):
    """'You came across as a keen young fella' praises the candidate for being young, in the casual words an
    Australian or British tradesman uses ('young fella', 'young lads', 'young chap'): the age-proxy rule knew
    only 'young team', 'young and hungry' and the like."""
    assert ("risk.age_young_team" in {f.rule for f in checker.check(text).findings}) is fires


@pytest.mark.parametrize("text, fires", [
    ("We are looking for someone who is younger and can handle the long hours at the site.", True),
    ("We went with a candidate who is a bit younger.", True),
    ("The panel chose someone who's older and more settled.", True),
    ("You mentored someone who is new to the trade, and that showed patience.", False),
])
def test_an_age_preference_with_a_relative_clause_is_an_age_reason(checker, text, fires):
    """'someone who is younger' says what 'someone younger' says: the age rule read only the second, and a
    Malaysian site supervisor's rejection that asked for a younger man was left to the model alone."""
    assert ("risk.age" in {f.rule for f in checker.check(text).findings}) is fires


def test_a_long_run_of_whitespace_before_punctuation_or_a_break_is_read_in_linear_time():
    """A space before punctuation, and the whitespace between line breaks in HTML, were read again from every
    place in a long run (quadratic: seconds on 100,000 newlines); the first starts after a non-space, the
    second is bounded (100)."""
    from conftest import finishes_within
    from model.rules import _BR_RUN, _SPACE_BEFORE_PUNCT

    with finishes_within(5, "tidying spaces before punctuation"):  # a hang guard, not a timing
        assert _SPACE_BEFORE_PUNCT.sub(r"\1", "Hi" + "\n" * 100_000 + "x").endswith("\nx")
    with finishes_within(5, "finding a run of line breaks"):
        assert not _BR_RUN.findall("a" + " " * 100_000 + "b")
    assert _SPACE_BEFORE_PUNCT.sub(r"\1", "Hi  , Sam .\n;") == "Hi, Sam.;"
    assert [m.group() for m in _BR_RUN.finditer("a<br> <br>\n<BR/>b")] == ["<br> <br>\n<BR/>"]


_ARRIVAL_CITIZENSHIP_OR_NATIONALITY = [
    "Your immigration report shows you arrived last year.",
    "Since you only arrived in the country in January, we went with someone more settled.",
    "You moved here from Poland quite recently, so we chose another candidate.",
    "As you came to the UK only last year, the team preferred someone with longer local experience.",
    "We noticed you are not a citizen, so we cannot continue.",
    "You don't have British citizenship, which the partners wanted.",
    "Your passport shows you are Nigerian, and the client had concerns.",
    "Because you are a foreign national, we decided not to proceed.",
    "Since you are still waiting on your settled status, we have filled the role.",
    "You have only been in this country for eight months, so we chose someone else.",
    "Your asylum claim is still pending, so we cannot proceed.",
    "Having arrived in Canada as a refugee, you may find the pace here difficult.",
    "We would rather not hire someone who immigrated so recently.",
    "You relocated from India only last spring, and the client wants someone who knows the market.",
    "As a non-citizen, you would need extra checks that we cannot do.",
    "You are not a permanent resident yet, so we went with another applicant.",
    "Your records show you entered the country on a tourist visa.",
    "The partners noted that you were born abroad.",
    "Your right to work ends in June, so we chose someone else.",
]
_ARRIVAL_OR_RELOCATION_FOR_WORK = [
    "You arrived early for the interview and put everyone at ease.",
    "You relocated for your last role, so we know you can move quickly.",
    "Since you arrived at the final round with a finished prototype, the panel was impressed.",
    "You moved to the data team last year, which shows range.",
    "Your report shows you arrived at the right answer, but the method was unclear.",
    "You recently relocated to Bristol, which is within commuting distance of the office.",
    "Your immigration report for the client was well structured.",
    "You came to the UK office in March for the second round.",
    "You moved country for your last role and settled into the team fast.",
    "Your dashboard shows when each shipment arrived in the country.",
    "You moved from Deloitte last year, so your audit experience is recent.",
    "You relocated to Germany for your last role and led the Munich office.",
    "Your citizenship project with the council was impressive.",
    "You are not a national account manager yet, so the senior role was a stretch.",
    "Your right to work in the UK is confirmed; thank you for sending the documents.",
    "You are Spanish-speaking, which helps with our Madrid clients.",
]


def test_when_or_how_the_candidate_came_to_the_country_their_citizenship_or_nationality_is_risky(checker):
    """'Your immigration report shows you arrived last year', 'you are not a citizen', 'you are Nigerian', 'your
    asylum claim', 'your right to work ends in June' got no risk finding; arrival at an interview, relocation for a
    job, a move from an employer or to a team, and a citizenship project stay clean."""
    reports = checker.check_batch(_ARRIVAL_CITIZENSHIP_OR_NATIONALITY + _ARRIVAL_OR_RELOCATION_FOR_WORK)
    cut = len(_ARRIVAL_CITIZENSHIP_OR_NATIONALITY)
    risky, innocent = reports[:cut], reports[cut:]
    missed = [t for t, r in zip(_ARRIVAL_CITIZENSHIP_OR_NATIONALITY, risky)
              if not {"risk.immigration_status", "risk.national_origin"} & {f.rule for f in r.findings}]
    assert missed == []
    flagged = [(t, sorted(f.rule for f in r.findings if f.category == "risk"))
               for t, r in zip(_ARRIVAL_OR_RELOCATION_FOR_WORK, innocent)]
    assert [x for x in flagged if x[1]] == []


@pytest.mark.parametrize("draft, role", [
    ("Hi Tom,\n\nThanks for applying to be a Crew Member at our Elm St store. We have decided not to move forward.",
     "Crew Member"),
    ("Hi Tom,\n\nThank you for your interest in becoming a Team Member with us. We will not be moving forward.",
     "Team Member"),
    ("Hi Ana,\n\nThank you for applying as a Shift Lead. Unfortunately we went with another applicant.", "Shift Lead"),
    ("Dear Applicant,\n\nThank you for applying to Program Analyst, GS-0343-11. After review, you were not referred "
     "to the selecting official.", "Program Analyst (GS-0343-11)"),
    ("Position: Shift Lead\n\nHi Ana, unfortunately we will not be moving forward with your application.", "Shift Lead"),
])
def test_a_role_the_draft_names_without_a_role_noun_fills_the_role_slot(checker, draft, role):
    """'applying to be a Crew Member', 'becoming a Team Member', a federal title with its grade ('Program Analyst,
    GS-0343-11') or a 'Position:' line name the role: suggestions kept a [role] slot where the draft named it."""
    from model.rules import context_values

    assert context_values(None, draft)["role"] == role
    rep = checker.check(draft)
    suggestions = [s for f in rep.findings for s in f.suggestions]
    assert any(role in s for s in suggestions) and not any("[role]" in s for s in suggestions), suggestions
    # a phrase that names no title is no role: "applying to be a Part-Time associate", "would be a great fit"
    assert "role" not in context_values(None, "Thanks for applying to be a Part-Time associate.")
    assert "role" not in context_values(None, "Thank you for applying. You would be a great fit elsewhere.")


@pytest.mark.parametrize("draft", [
    "# Update on your application\n\nThank you for applying for the Data Analyst role.\n\nUnfortunately, we have decided "
    "not to move forward because the role needs dbt experience.\n\nBest,\nAmy",
    "## Your application to Fernleaf\n\nHi Chris,\n\nThanks for your application.\n\n**Our decision**\n\nWe will not be "
    "moving forward, because the role needs Go experience.\n\nBest,\nAmy",
    "Hi Chris,\n\nThanks for your application.\n\n### Outcome\n\nWe will not be moving forward, because the role needs "
    "Go experience.\n\nBest,\nAmy",
])
def test_a_markdown_heading_is_no_paragraph_that_buries_the_decision(checker, draft):
    """A Markdown heading ('# Update on your application', '**Our decision**') is not a paragraph of body text: the
    decision in the second paragraph after it is not buried."""
    assert "structure.buried_decision" not in _rules_of(checker, draft)
    # ... while one buried under two paragraphs of text still is
    buried = draft.replace("\n\nBest,", "").replace("\n\nUnfortunately", "\n\nWe received many applications.\n\n"
                                                   "Unfortunately").replace("\n\nWe will", "\n\nWe had many strong "
                                                   "applicants.\n\nThe panel met twice.\n\nWe will")
    assert "structure.buried_decision" in _rules_of(checker, buried)


@pytest.mark.parametrize("draft, role", [
    ("We are grateful for your interest in joining us as a Line Cook.", "Line Cook"),
    ("Thank you for applying to IT Specialist (INFOSEC), GS-2210-13.", "IT Specialist (INFOSEC) (GS-2210-13)"),
])
def test_a_role_joined_as_or_with_a_specialty_and_grade_is_read(draft, role):
    """'joining us as a Line Cook' names the role as 'to join us as' does; a federal title keeps its specialty in
    brackets before the grade ('IT Specialist (INFOSEC), GS-2210-13')."""
    from model.rules import context_values

    assert context_values(None, draft).get("role") == role


@pytest.mark.parametrize("sentence, role", [
    ("Thank you for your application for the post of Assistant Professor (Chemistry).", "Assistant Professor (Chemistry)"),
    ("Thank you for applying for the post of Staff Nurse (Band 5), Ward 14.", "Staff Nurse (Band 5)"),
    ("Thank you for your application for the post of Library Assistant (Ref. LIB-0921).", "Library Assistant"),
    ("Thank you for applying for the post of Graduate Paralegal (September 2027).", "Graduate Paralegal"),
])
def test_a_role_after_post_of_keeps_its_subject_or_band_but_not_a_reference(sentence, role):
    """'the post of Assistant Professor (Chemistry)' names the chemistry post, and '(Band 5)' is the post's band; a
    reference or a date in brackets is no part of the role ('offer you the Library Assistant (Ref. LIB-0921) role')."""
    from model.rules import context_values

    assert context_values(None, "Dear Ms Rao,\n\n" + sentence)["role"] == role


@pytest.mark.parametrize("draft", [
    "hey sam!! thx for coming in for the barista trial 🙏 we went w someone who can do latte art already. sorry!!",
    "hi jo!\n\nthnx for the interview on friday, it was fun. we picked someone w more retail xp, sorry x",
    "hi jo - tysm for the interview on friday! we picked someone w more retail xp, sorry x",
])
def test_a_texted_thanks_for_the_effort_is_a_thanks(checker, draft):
    """'thx for coming in', 'tysm for the interview': the effort is thanked already; no second 'Thank you for ...'
    is inserted before it."""
    assert "structure.no_thanks_for_effort" not in _rules_of(checker, draft)


_NATIONALITY_NOUN_COUNTRY_OR_MOVE_AS_REASON = [
    "We felt that you, a Nigerian, would not suit our clients.",
    "The panel worried that you, an Indian, would find the regulars hard to win over.",
    "As a Pole you may struggle with our customers' expectations.",
    "Being a Brit, you would not understand how our Lagos clients think, the partners felt.",
    "As an Italian, you might find our reporting culture too rigid.",
    "You came from the Netherlands last year, so we chose someone more settled.",
    "You moved here from the United Arab Emirates, so the client wanted someone else.",
    "You only relocated from the Philippines this spring, and the client wants a longer local track record.",
    "You emigrated from South Korea, which made the partners hesitant.",
    "Because you moved here, we decided to go with another candidate.",
    "We chose another applicant, given that you only just came here.",
    "Since you have only just arrived here, the team preferred a more settled hire.",
    "Because you came here so recently, we went with someone else.",
    "You moved over here from the Czech Republic in March, so the client chose another driver.",
    "As you only recently moved here, we think the role is not right for you.",
]
_STATE_NAME_LANGUAGE_CAUSE_OR_TENURE = [
    "You moved from Georgia last year, so your audit experience is fresh.",
    "Jordan joined us from Accenture and will be your contact for the next role.",
    "You are French and German fluent, which our Paris desk valued.",
    "You're Spanish, Italian and Portuguese speaking, which helps the Lisbon desk.",
    "Being an immigrant rights advocate, you would bring real passion to the charity.",
    "As a refugee support caseworker, you know the casework better than most applicants.",
    "You arrived here last year and already know how our teams work.",
    "You came here last year as an intern, so the panel knows your work well.",
    "As an English teacher, you will know how hard marking season is.",
    "As a German company, we need the contract signed in Munich.",
    "Because you moved here to join the Leeds team, you already know the site.",
    "You moved here from the Netherlands office and already know the finance stack.",
    "Since you arrived at the final round with a prototype, the panel was impressed.",
    "Because you came here for the interview at short notice, we covered your travel.",
    "Jordan moved from Atlanta to our Georgia office last spring.",
]


def test_a_nationality_noun_a_country_of_several_words_or_a_move_here_as_the_reason_is_risky(checker):
    """'You, a Nigerian, ...', 'as a Pole you', 'you came from the Netherlands last year' and 'because you moved here'
    got no risk finding; 'you are French and German fluent', 'being an immigrant rights advocate' and an internal
    candidate who 'arrived here last year' got one. A US state or a first name that is also a country's stays clean."""
    reports = checker.check_batch(_NATIONALITY_NOUN_COUNTRY_OR_MOVE_AS_REASON + _STATE_NAME_LANGUAGE_CAUSE_OR_TENURE)
    cut = len(_NATIONALITY_NOUN_COUNTRY_OR_MOVE_AS_REASON)
    missed = [t for t, r in zip(_NATIONALITY_NOUN_COUNTRY_OR_MOVE_AS_REASON, reports[:cut])
              if not {"risk.immigration_status", "risk.national_origin"} & {f.rule for f in r.findings}]
    assert missed == []
    flagged = [(t, sorted(f.rule for f in r.findings if f.category == "risk"))
               for t, r in zip(_STATE_NAME_LANGUAGE_CAUSE_OR_TENURE, reports[cut:])]
    assert [x for x in flagged if x[1]] == []


@pytest.mark.parametrize("decision", [
    "We have decided to offer the position to a candidate whose experience with two-photon calcium imaging data fits "
    "the project more closely.",
    "We went with an applicant whose background in Rust embedded firmware matches the role more closely.",
    "We went with someone whose experience with design systems more closely matches where we are heading.",
])
def test_a_named_skill_in_a_fit_frame_is_a_concrete_reason_no_fix_deletes(checker, decision):
    from model.rules import names_compared_skill

    assert names_compared_skill(decision)
    found = {f.rule for f in checker.check(f"Dear Priya, thank you for the interview. {decision} Best wishes, Tom").findings}
    assert not found & {"structure.no_reason", "structure.generic_reason", "boilerplate.generic_reason",
                        "boilerplate.closer_match"}
    # a fit frame naming nothing stays generic
    assert not names_compared_skill("We chose a candidate whose experience more closely fits our needs.")
    assert not names_compared_skill("Clients open up more to an advisor whose background is closer to their own.")


@pytest.mark.parametrize("decision", [
    "Following the case study, we won't be progressing your application because the role needs advanced SQL.",
    "We will not be progressing your application, as the post requires a valid CSCS card.",
])
def test_a_reason_naming_what_the_role_needs_is_no_generic_reason(checker, decision):
    """'... because the role needs advanced SQL' got structure.generic_reason, whose fix put a [skill] slot where
    'advanced SQL' was: a named need is a concrete reason; 'the role needs someone with more experience' is not."""
    from model.rules import names_needed_skill

    assert names_needed_skill(decision)
    assert not names_needed_skill("We went another way, as the role needs someone with more relevant experience.")
    assert not names_needed_skill("We've decided not to move forward, because the role needs [the one skill the role "
                                  "needed that they lacked].")
    draft = f"Dear Aisha,\n\nThanks for the interview. {decision}\n\nKind regards,\nLena"
    found = {f.rule for f in checker.check(draft).findings}
    assert not found & {"structure.generic_reason", "boilerplate.generic_reason", "structure.no_reason"}


@pytest.mark.parametrize("sentence", [
    "We went with a candidate who is in her twenties and has a current forklift licence.",
    "You're in your fifties, so the apprentice rota may not suit you.",
    "As you are in your 60s, we felt the night shifts would be too much.",
])
def test_a_decade_of_life_said_of_a_person_is_an_age_remark(checker, sentence):
    report = checker.check(f"Hi Sam,\n\n{sentence}\n\nBest,\nAna")
    assert "risk.age" in {f.rule for f in report.findings}


@pytest.mark.parametrize("sentence", [
    "Your thesis on women in their forties returning to work was excellent.",
    "You built a dashboard of patients in their seventies for the falls clinic.",
    "The building you surveyed dates from the thirties.",
])
def test_a_decade_of_life_said_of_the_work_is_no_age_remark(checker, sentence):
    report = checker.check(f"Hi Sam,\n\n{sentence}\n\nBest,\nAna")
    assert "risk.age" not in {f.rule for f in report.findings}


@pytest.mark.parametrize("draft", [
    "hey jas - we filled the crew member spot, sorry!",
    "Hi Marta,\n\nThank you for applying to Hollis Foods. We have now filled all our vacancies.\n\nKind regards,\nThe Hollis Team",
    "Dear Kiran,\n\nThanks for your interest in the analyst job. Unfortunately the position has been filled.\n\nRegards,\nPriya",
    "Hi Leo,\n\nThanks for applying for the porter job. All positions have now been filled.\n\nBest,\nRuth",
])
def test_a_filled_vacancy_is_the_reason_and_no_skill_gap(checker, draft):
    """'we filled the crew member spot', 'the position has been filled': the post is gone, which is the real reason;
    no 'never says why' or generic reason, and no suggestion says 'the role needs [the one skill ... they lacked]'."""
    report = checker.check(draft)
    assert not {"structure.no_reason", "structure.generic_reason"} & {f.rule for f in report.findings}
    assert not any("lacked" in s for f in report.findings for s in f.suggestions)


def test_a_post_filled_by_a_stronger_hire_is_still_a_comparative_reason(checker):
    """'filled by someone who more closely matched' is the stock comparison, not a closed post: it keeps its
    generic-reason finding and the suggestion that asks for the skill."""
    draft = ("Hi Leo,\n\nThanks for applying for the porter job. The role has been filled by someone whose experience "
             "more closely matched our needs.\n\nBest,\nRuth")
    report = checker.check(draft)
    assert any("lacked" in s for f in report.findings for s in f.suggestions)


@pytest.mark.parametrize("draft", [
    "Hi Arjun,\n\nThanks for the time you gave us across the three rounds. We've decided to go with a candidate who has "
    "led a team of data scientists, as this role manages four people from day one.\n\nWarm regards,\nMeera",
    "Hi Lu,\n\nThank you for your patience over the two stages. We won't be offering you the role, as it needs daily "
    "Tableau work.\n\nBest,\nKim",
])
def test_a_thanks_for_the_rounds_taken_is_a_thanks_for_effort(checker, draft):
    """'across the three rounds', 'over the two stages' name the effort thanked: no formulaic-thanks finding, whose
    fix 'Thank you for [what they did for you ...]' lost the rounds."""
    assert "boilerplate.formulaic_thanks" not in _rules_of(checker, draft)


@pytest.mark.parametrize("draft", [
    "Hiya Kerry,\n\nCheers for coming in for the chat about the bar supervisor job. We've gone with someone who's run a "
    "cellar before. Hope to see you about!\n\nLisa",
    "Hi Dom,\n\nThanks for the trial shift. We chose a candidate who had managed a night shift previously.\n\nBest,\nRay",
])
def test_a_hire_who_has_done_the_work_before_is_a_concrete_reason(checker, draft):
    """'someone who's run a cellar before' says what the hire had done, as 'who has already run ...' does: the message
    gives its reason, and no fix trades that sentence for 'the role needs [the one skill ...]'."""
    report = checker.check(draft)
    assert "structure.no_reason" not in {f.rule for f in report.findings}
    assert not any("[the one skill" in s for f in report.findings for s in f.suggestions)


@pytest.mark.parametrize("draft", [
    "Hi Noel,\n\nThanks for applying. We have filled the position and will keep your application on file for future "
    "openings.\n\nBest,\nDee",
    "Hi Noel,\n\nThanks for applying. The role has been filled, and we'll keep your CV on file in case anything else "
    "comes up.\n\nBest,\nDee",
])
def test_a_filled_post_beside_stock_words_is_no_generic_reason(checker, draft):
    """'We have filled the position and will keep your application on file': the filled post is the reason, though
    its sentence also holds a stock phrase; it is no generic reason."""
    assert "structure.generic_reason" not in _rules_of(checker, draft)


@pytest.mark.parametrize("draft", [
    "Hi Jo,\n\nThank you for applying. We won't be offering you the role, as it needs daily Tableau work.\n\nBest,\nAl",
    "Dear Mr Reyes,\n\nThanks for your time on Friday. We are not taking your application further, as it requires a "
    "full clean driving licence.\n\nRegards,\nKim",
])
def test_a_decision_that_says_what_the_job_needs_as_it_is_a_reason(checker, draft):
    """'We won't be offering you the role, as it needs daily Tableau work' was told it never says why: 'as the role
    needs' was read as a reason, 'as it needs' was not."""
    assert "structure.no_reason" not in _rules_of(checker, draft)
    # ... a need, not any "as it": "as it stands" is no reason
    assert "structure.no_reason" in _rules_of(checker, re.sub(r", as it [^.]+", ", as it stands", draft))


@pytest.mark.parametrize("draft", [
    "Hi Dev,\n\nThank you for sitting our assessment. SQL test 62%, pass mark 70%. We will not be progressing you.\n\n"
    "Best,\nAl",
    "Dear Ms Lund,\n\nThanks for the online tests. Situational judgement 14/25 against a benchmark of 18/25. We will "
    "not be progressing you.\n\nRegards,\nKim",
])
def test_a_score_set_against_its_pass_mark_is_a_concrete_reason(checker, draft):
    """'SQL test 62%, pass mark 70%.' was told it never says why: a score beside the mark it missed is the reason, and
    a concrete one (not a generic reason either)."""
    rules = _rules_of(checker, draft)
    assert not rules & {"structure.no_reason", "structure.generic_reason"}, rules


_ORIGIN_BESIDE_A_LOCAL_PLACE = [
    "Being a Brit, you would not understand the local market.",
    "As a Pole, you might struggle with our local clients.",
    "We would prefer a British candidate for the local office.",
    "The local team felt a more local candidate would fit in better.",
    "We chose someone who grew up here, as the local council prefers it.",
    "Given where you're from, the local branch had doubts.",
    "Your nationality was a concern for the local store manager.",
    "The local hospital wants someone from our own community.",
    "You are not from here, and the local suppliers know everyone.",
    "This post at our local office is open to UK citizens only.",
]
_A_LOCAL_PLACE_OR_MARKET = [
    "Your knowledge of the local market impressed the panel.",
    "The local office will be in touch about the next opening.",
    "We hired someone who has run a local branch for five years.",
    "Your work with the local council on housing was excellent.",
    "The interview will be at 10am local time on Tuesday.",
    "Our local team is small, so we needed someone with payroll experience.",
    "You clearly understood local regulations and tax law.",
    "Your portfolio piece for the local radio station was a highlight.",
    "We chose a candidate who has already worked with local schools.",
    "Thank you for visiting the local store for the trial shift.",
]


def test_a_local_place_beside_a_national_origin_does_not_hide_it(checker):
    """'local market / team / office ...' anywhere in a sentence stopped the whole national-origin rule ('Being a
    Brit, you would not understand the local market' got no finding); it now vetoes only a match it is part of.
    A local place, market or time alone stays clean."""
    reports = checker.check_batch(_ORIGIN_BESIDE_A_LOCAL_PLACE + _A_LOCAL_PLACE_OR_MARKET)
    cut = len(_ORIGIN_BESIDE_A_LOCAL_PLACE)
    missed = [t for t, r in zip(_ORIGIN_BESIDE_A_LOCAL_PLACE, reports[:cut])
              if "risk.national_origin" not in {f.rule for f in r.findings}]
    assert missed == []
    flagged = [(t, sorted(f.rule for f in r.findings if f.category == "risk"))
               for t, r in zip(_A_LOCAL_PLACE_OR_MARKET, reports[cut:])]
    assert [x for x in flagged if x[1]] == []


@pytest.mark.parametrize("text, rule", [
    ("will def reach out when the junior role opens in jan", "boilerplate.future_opportunities"),
    ("We'll get back to you if a weekend barista role opens up in oct", "boilerplate.future_opportunities"),
    ("will def keep your cv on file, we start hiring again in apr", "boilerplate.keep_on_file"),
])
def test_a_month_written_short_names_the_time_a_future_line_needs(checker, text, rule):
    """'when the junior role opens in jan' names a time as 'in January' does, but only the month's full name
    vetoed the empty-promise rules, so a phone note's real opening was flagged and its suggestion replaced it with a
    [slot]. Without the month the line is still flagged."""
    assert rule not in {f.rule for f in checker.check(text).findings}
    bare = re.sub(r",? (?:in|around) \w+\.?$", "", text)
    assert rule in {f.rule for f in checker.check(bare).findings}, bare


@pytest.mark.parametrize("text", [
    "Please kindly note that the candidate selected is younger and can adapt to our fast pace.",
    "The applicant we chose was younger and more energetic.",
    "The person we hired is a bit older and more settled.",
])
def test_the_chosen_candidate_said_to_be_younger_or_older_is_an_age_remark(checker, text):
    """'the candidate selected is younger' (a Hong Kong form letter's wording) got no risk finding: risk.age read
    'a younger candidate' and 'someone who is younger', not the person chosen said to be younger after the verb."""
    assert "risk.age" in {f.rule for f in checker.check(text).findings}


@pytest.mark.parametrize("draft", [
    "Dear Applicant,\n\nYou did not meet the screening requirements for this competition.\n\nIf you'd like to talk the "
    "decision through, I'm happy to. No further correspondence will be entered into.\n\nStaffing Branch",
    "Hi Jo,\n\nWe will not be offering you the post. I'm happy to talk it through on a call. This decision is final."
    "\n\nRegards,\nHR",
    "Hi Jo,\n\nWe will not be offering you the post. Happy to walk you through the panel's scores if useful. The "
    "outcome is not open to appeal.\n\nRegards,\nHR",
])
def test_a_closed_door_beside_an_offer_to_talk_is_cut_not_made_a_second_offer(checker, draft):
    """'This decision is final. No further correspondence will be entered into.': each sentence's fix was the same
    offer to talk the decision through, so applying both (or one beside the draft's own offer) said it twice. Where
    the draft already offers it, the closed door gets no rewrite, and the message says to cut it."""
    f = next(f for f in checker.check(draft).findings if f.rule == "tone.cold_final")
    assert f.suggestions == () and "cut this one" in f.message, (f.suggestions, f.message)


def test_came_here_said_of_the_firm_to_an_internal_candidate_is_no_arrival(checker):
    """'Because you came here last year, you already know the team' read as an arrival in the country (risky); the
    'here' is the firm when what follows is what the candidate knows from their time there, or the post they came
    in on. A move here as the stated reason, or an arrival as a refugee, still fires."""
    internal = ["Because you came here last year, you already know the team.",
                "Because you moved here in May, you have met most of the regulars.",
                "Because you only came here as a graduate trainee in 2024, the lead role was a stretch."]
    arrival = ["Because you only just moved here, we chose someone who knows the town.",
               "Because you came here so recently, we felt the clients would prefer someone settled.",
               "Given that you came here as a refugee, we worried about paperwork."]
    reports = checker.check_batch(internal + arrival)
    risky = [any("risky" in s.tone for s in r.sentences) for r in reports]
    assert risky == [False] * len(internal) + [True] * len(arrival)


def test_a_nationality_noun_for_the_candidate_is_national_origin(checker):
    """'You are a Pole', 'you're a Brit' had no finding: only 'as a Pole, you' and 'you are Polish' were covered. A
    demonym that is only a noun fires after 'you are a'; one that is also an adjective only where no noun follows, or
    with a word for a person. A job title or a language taught ('an English teacher', 'a German tutor') stays clean."""
    person = ["You are a Pole, so the client worried about communication.",
              "Because you're a Brit, the Paris team doubted you'd stay long.",
              "You are an American, so the Lyon office doubted you would settle.",
              "As a Nigerian woman, you may find the regulars slow to warm to you."]
    job = ["You are an English teacher with ten years in the classroom, which impressed the panel.",
           "You're a German tutor with a loyal following, but the role is in corporate training.",
           "You're a Chinese-speaking rep, which helps on the Shanghai account.",
           "You are a pole apart from the other finalists in design sense."]
    reports = checker.check_batch(person + job)
    rules = [{f.rule for f in r.findings if f.category == "risk"} for r in reports]
    assert rules == [{"risk.national_origin"}] * len(person) + [set()] * len(job)


def test_pregnancy_as_the_subject_of_the_candidates_research_is_no_family_status(checker):
    """'Your research on pregnancy outcomes ...' fired risk.pregnancy_family on the bare word: pregnancy as what a
    study, thesis or paper is about is the candidate's field, not their family. Their own pregnancy, even beside
    their research, still fires."""
    field = ["Your research on pregnancy outcomes in the clinical dataset was rigorous.",
             "Your thesis on pregnancy and sleep was a strong writing sample."]
    own = ["Your pregnancy would mean you'd be away just as the project starts.",
           "Your research on pregnancy was great, but with a baby on the way the timing was wrong."]
    reports = checker.check_batch(field + own)
    rules = [{f.rule for f in r.findings if f.category == "risk"} for r in reports]
    assert rules == [set()] * len(field) + [{"risk.pregnancy_family"}] * len(own)


def test_health_as_the_candidates_sector_or_product_is_no_health_of_theirs(checker):
    """'Your health-tech startup experience ...' fired risk.disability_health on 'your health': a sector, product or
    platform named after health says nothing of the candidate's. Their health, even beside such a product, still
    fires."""
    sector = ["Your health-tech startup experience was relevant, but we needed clinical trial data skills.",
              "Your health data platform work was impressive, though the role is mostly front end."]
    own = ["Your health would make the night shifts hard.",
           "Your health tech startup was great, but your health worried us."]
    reports = checker.check_batch(sector + own)
    rules = [{f.rule for f in r.findings if f.category == "risk"} for r in reports]
    assert rules == [set()] * len(sector) + [{"risk.disability_health"}] * len(own)


def test_the_candidates_union_membership_or_activity_is_risky(checker):
    """A union member, a union rep, or activity in the union at a past job, given as a concern, had no finding. Union
    Square, the European Union, a students' or credit union and the candidate's part in union negotiations stay
    clean."""
    union = ["We noticed you are a union member, and the site manager prefers a quieter team.",
             "We saw you were active in the union at your last employer, which concerned the board.",
             "We heard you're involved with union organising, and we'd rather avoid that on this site.",
             "As a union rep, you would have conflicts with management."]
    other = ["Our office is on Union Square, a short walk from the station.",
             "You are a European Union citizen, so no visa is needed.",
             "As a Students' Union officer, you ran events for two thousand people.",
             "Your involvement in the union negotiations at the plant was impressive."]
    reports = checker.check_batch(union + other)
    rules = [{f.rule for f in r.findings if f.category == "risk"} for r in reports]
    assert rules == [{"risk.union_activity"}] * len(union) + [set()] * len(other)
    assert all("risky" in r.sentences[0].tone for r in reports[:len(union)])


def test_time_off_for_an_illness_or_a_gap_while_ill_is_health(checker):
    """'the time you took off for cancer treatment' and 'the gap in your CV while you were ill' had no finding (only
    'time off sick' was covered). 'Ill-prepared', 'ill at ease', time off to travel and a rescheduled interview stay
    clean."""
    health = ["Given the time you took off for cancer treatment, we went with a candidate with continuous experience.",
              "The gap in your CV while you were ill made us hesitant about your reliability.",
              "You took a career break after your surgery, and we felt the gap showed.",
              "Because you were ill for much of last year, we chose someone else."]
    other = ["You were ill-prepared for the case study, and the numbers did not add up.",
             "You seemed ill at ease in the role-play.",
             "You took time off to travel after university, which we respect.",
             "You were unwell on the day, so we moved the interview to Thursday."]
    reports = checker.check_batch(health + other)
    rules = [{f.rule for f in r.findings if f.category == "risk"} for r in reports]
    assert rules == [{"risk.disability_health"}] * len(health) + [set()] * len(other)


def test_a_pattern_clitic_ve_or_m_is_one_token_as_in_the_text(checker):
    """A pattern's "'ve" or "'m" compiled to two tokens ("'", "ve"), as the tokenizer splits them alone, while in text
    "you've" is "you", "'ve": every "'ve_been", "'ve_had", "'ve_just_turned" alternative never matched."""
    assert compile_patterns("you 've_been ill") == [[{"LOWER": "you"}, {"LOWER": {"IN": ["'ve", "\u2019ve"]}},
                                                     {"LOWER": "been"}, {"LOWER": "ill"}]]
    reports = checker.check_batch(["Because you've been ill twice this year, we chose another candidate.",
                                   "You’ve just turned 60, so the night rota would be a lot.",
                                   "You've been active in the union for years, which worried the board."])
    assert [{f.rule for f in r.findings if f.category == "risk"} for r in reports] == [
        {"risk.disability_health"}, {"risk.age"}, {"risk.union_activity"}]


def test_people_your_own_age_and_recent_graduates_only_are_age(checker):
    """'people your own age' slipped past 'your age' ('own' between), and 'recent graduates only' past the
    recent-grad-energy rule (it wanted 'energy'). Recent graduates who 'only needed six months', and a graduate scheme
    that states its eligibility, stay clean."""
    age = ["We think you'd be happier somewhere with people your own age.",
           "You'd fit in better with colleagues nearer your own age.",
           "For this programme we are hiring recent graduates only.",
           "We are only considering recent graduates for the analyst intake."]
    other = ["Our recent graduates only needed six months to run projects on their own.",
             "The graduate scheme is open to anyone who finished a degree in the last three years."]
    reports = checker.check_batch(age + other)
    risky = [any("risky" in s.tone for s in r.sentences) for r in reports]
    assert risky == [True] * len(age) + [False] * len(other)


def test_people_from_your_part_of_the_world_is_national_origin(checker):
    """'Candidates from your part of the world ...', 'people from your country tend to leave' and 'given your home
    country' had no finding. Candidates from the candidate's university cohort, or someone from their team, stay
    clean."""
    origin = ["Candidates from your part of the world often find our winters hard.",
              "People from your country tend to leave after a year, so we chose someone else.",
              "Given your home country, the client doubted you'd stay."]
    other = ["Candidates from your university cohort did well on the case study.",
             "Someone from your team will be in touch about the next opening."]
    reports = checker.check_batch(origin + other)
    rules = [{f.rule for f in r.findings if f.category == "risk"} for r in reports]
    assert rules == [{"risk.national_origin"}] * len(origin) + [set()] * len(other)


def test_a_voice_of_a_nationality_that_callers_want_is_accent(checker):
    """'Our customers are used to English voices on the phone' had no finding: a nationality's voice as what callers
    want is an accent proxy. A British voice-over artist, a local voice for a campaign and the candidate's own voice
    on the calls stay clean."""
    accent = ["Our customers are used to English voices on the phone.",
              "The client prefers a British voice for the helpline, so we chose another caller."]
    other = ["The client prefers a British voice-over artist for the campaign.",
             "We wanted a local voice for the campaign.",
             "Your voice on the calls was warm and clear."]
    reports = checker.check_batch(accent + other)
    rules = [{f.rule for f in r.findings if f.category == "risk"} for r in reports]
    assert rules == [{"risk.language_accent"}] * len(accent) + [set()] * len(other)


def test_the_candidate_caring_for_a_parent_is_family_status(checker):
    """'caring for your mother' and 'looking after your sick father' had no finding (only childcare was covered).
    Care of a patient's mother, care of residents, and a paid carer's role stay clean."""
    family = ["We worried that caring for your mother would keep you from the overtime.",
              "Since you are looking after your sick father, the rota looked hard for you."]
    other = ["Your care plan for the patient's elderly mother was thorough.",
             "Your experience caring for elderly residents was a real strength.",
             "Your carer role at the care home gave you strong people skills."]
    reports = checker.check_batch(family + other)
    rules = [{f.rule for f in r.findings if f.category == "risk"} for r in reports]
    assert rules == [{"risk.pregnancy_family"}] * len(family) + [set()] * len(other)


def test_a_shop_steward_is_union_activity(checker):
    """'you're a shop steward' had no finding (only 'union rep / member / steward' was covered); a shop on Steward
    Street stays clean."""
    reports = checker.check_batch(["We gathered you're a shop steward, which gave the owners pause.",
                                   "You've been a shop steward for years, and the owners prefer a quiet site.",
                                   "Thank you for visiting our shop on Steward Street."])
    assert [{f.rule for f in r.findings if f.category == "risk"} for r in reports] == [
        {"risk.union_activity"}, {"risk.union_activity"}, set()]


def test_as_you_were_unwell_on_the_day_is_logistics_not_health(checker):
    """'As you were unwell on the day, we moved the interview' fired risk.disability_health: 'as' and 'since' before
    'you were ill' also say when, not why. 'Because' and 'while' still fire."""
    reports = checker.check_batch(["As you were unwell on the day, we moved the interview to Thursday.",
                                   "Since you were unwell last Monday, we rescheduled the call.",
                                   "Because you were unwell for much of last year, we chose someone else.",
                                   "The gap in your CV while you were unwell worried the panel."])
    assert [any("risky" in s.tone for s in r.sentences) for r in reports] == [False, False, True, True]


def test_an_html_decision_after_a_list_is_buried_as_in_its_text(checker):
    """An HTML draft's list ("<ul><li>...</li></ul>") was no paragraph: the decision in the paragraph after it was
    counted as the body's second, not its third, and was not reported buried, where the same draft as text was."""
    draft = ("<p>Hi Sam,</p><p>Here is the feedback from the panel:</p><ul><li>Your answers on incident response were "
             "short.</li><li>You lacked experience with Terraform.</li></ul><p>We will not be moving forward.</p>"
             "<p>Best,<br>Ola</p>")
    report = checker.check(draft)
    f = next(f for f in report.findings if f.rule == "structure.buried_decision")
    assert draft[f.start:f.end] == "We will not be moving forward."


@pytest.mark.parametrize("draft, moved", [
    ("<p>Hi Sam,</p><p>Here is the feedback from the panel:</p><ul><li>Your answers on incident response were short."
     "</li><li>You lacked experience with Terraform.</li></ul><p>We will not be moving forward.</p><p>Best,<br>Ola</p>",
     "<p>Hi Sam,</p><p>We will not be moving forward. Here is the feedback from the panel:</p><ul><li>Your answers"),
    ("Hi Sam,\n\nHere is the feedback from the panel:\n\n- Your answers on incident response were short.\n- You lacked "
     "experience with Terraform.\n\nWe will not be moving forward.\n\nBest,\nOla",
     "Hi Sam,\n\nWe will not be moving forward. Here is the feedback from the panel:\n\n- Your answers"),
    ("<p>Hi Sam,</p><ul><li>Your answers on incident response were short.</li><li>You lacked experience with "
     "Terraform.</li></ul><p>Thank you for your time.</p><p>We will not be moving forward.</p><p>Best,<br>Ola</p>",
     "<p>Hi Sam,</p><p>We will not be moving forward.</p><ul><li>Your answers"),
])
def test_a_decision_moved_to_the_top_of_a_body_that_opens_with_a_list_goes_before_the_list(checker, draft, moved):
    """A decision moved to the top of a body whose first sentence of content is a list item went into that item
    ("<li>We will not be moving forward. Your answers ...", "We will not be moving forward. - Your answers ...").
    It goes before the list's heading, or before the list."""
    report = checker.check(draft)
    f = next(f for f in report.findings if f.rule == "structure.buried_decision")
    assert checker.rules.apply_suggestion(draft, report, f).startswith(moved)


def test_role_expressions_are_kept_per_role():
    """keep_role and role_said_before build their expressions around the role's name once per name (a cache):
    one draft after another, each keeps, and cuts, its own role and company, never those of the draft before."""
    from model.rules import SlotFiller

    for role, company in (("Data Analyst", "Northwind"), ("Staff Nurse", "Harbour Clinic"),
                          ("Data Analyst", "Harbour Clinic")):
        said = f"Thank you for applying for the {role} role at {company}."
        draft = f"Hi Sam,\n\n{said} We have decided not to move forward.\n\nBest,\nAna"
        at = draft.index(said)
        assert SlotFiller(None, draft).keep_role(("Thank you for your application.",), (at, at + len(said))) == (
            f"Thank you for your application for the {role} role at {company}.",)
        first = f"Thank you for applying for the {role} role. "
        filler = SlotFiller({"role": role}, first + "We will not move forward with your application.")
        assert filler.role_said_before((f"We will not move forward with your application for the {role} role, sadly.",),
                                       (len(first), len(first) + 60)) == (
            "We will not move forward with your application, sadly.",)


@pytest.mark.parametrize("thanks, body", [
    ("Thank you for attending the Fire Service Selection Day.",
     "We are sorry to tell you that you have not been successful, because in the ladder exercise you did not secure "
     "the base before climbing."),
    ("Thanks for your time on the call on Monday.",
     "We've gone with someone else, as your take-home showed less SQL depth than the role needs."),
    ("Thank you for sitting the Civil Service Judgement Test.",
     "Unfortunately you did not reach the pass mark in the case study, so we cannot take your application further."),
])
def test_thanks_for_attending_a_named_event_is_thanks_for_the_effort(checker, thanks, body):
    """'Thank you for attending the Army Officer Selection Board.' got structure.no_thanks_for_effort, whose fix
    appended ', and for [what they did for you ...]'; 'Thanks for your time on the call' got the same [slot]. The
    event attended, sat or spent time on is the effort; a thanks that names none still gets the finding."""
    draft = f"Dear Sam,\n\n{thanks} {body}\n\nRegards,\nRecruitment"
    assert "structure.no_thanks_for_effort" not in {f.rule for f in checker.check(draft).findings}
    plain = draft.replace(thanks, "Thank you for your time.")
    assert "structure.no_thanks_for_effort" in {f.rule for f in checker.check(plain).findings}


def test_doubting_the_adjustments_asked_for_is_disability(checker):
    """'We were not sure the adjustments you asked for would be workable' had no finding: the disability rules veto
    any sentence with 'the adjustments' so that offering them stays clean. Doubting the candidate's adjustments now
    fires; an offer of adjustments, adjustments already made, and a forecast's or a price's adjustments stay clean."""
    doubt = ["We were not sure the adjustments you asked for would be workable in a busy kitchen.",
             "We were not convinced that reasonable adjustments would make the night shift workable for you.",
             "The adjustments you requested would not be practical for a two-person team."]
    other = ["We weren't sure whether you needed any adjustments, so please tell us before Thursday.",
             "We have made the adjustments you asked for, and the room is step-free.",
             "We worried the price adjustments in your model were too aggressive.",
             "Your adjustments to the forecast were unrealistic, and the totals did not add up."]
    reports = checker.check_batch(doubt + other)
    assert [any("risky" in s.tone for s in r.sentences) for r in reports] == [True] * len(doubt) + [False] * len(other)
    assert all({f.rule for f in r.findings if f.category == "risk"} == {"risk.adjustments_doubted"}
               for r in reports[:len(doubt)])


def test_vague_age_proxies_are_age(checker):
    """Youth asked for in other words had no finding: 'someone with fewer years behind them', 'taking direction from
    a 25-year-old manager', 'a more energetic, up-and-coming person', 'a fresh face for the front desk',
    'old-fashioned for our fresh, youthful brand', 'graduates from the last two years only'. A forklift's miles, a
    menu's fresh face, a 25-person team, old-fashioned lettering and a scheme the candidate qualifies for stay clean."""
    age = ["We felt someone with fewer years behind them would adapt faster to our tools.",
           "With your years of experience, you might find taking direction from a 25-year-old manager awkward.",
           "We decided the role suits a more energetic, up-and-coming person.",
           "We were looking for a fresh face for the front desk.",
           "You seemed a little old-fashioned for our fresh, youthful brand.",
           "We are recruiting graduates from the last two years only."]
    other = ["The forklift has fewer miles on the clock than the old one.",
             "Your design gave the menu a fresh face without losing the old favourites.",
             "You would be reporting to a 25-person operations team's manager, Dana.",
             "Your old-fashioned lettering for the bakery's sign was a highlight.",
             "The scheme is open to graduates from the last two years, and you qualify."]
    reports = checker.check_batch(age + other)
    risks = [{f.message.split(":")[0] for f in r.findings if f.category == "risk"} for r in reports]
    assert [any("risky" in s.tone for s in r.sentences) for r in reports] == [True] * len(age) + [False] * len(other)
    assert all(rs and all("age" in m for m in rs) for rs in risks[:len(age)]), risks


def test_doubted_stamina_and_hospital_appointments_are_risky(checker):
    """'your energy levels might not keep up with our fast-paced team' and 'someone who won't need time off for
    hospital appointments' had no finding. Praise of the candidate's energy, their pace on a timed test and a
    time-off policy stay clean."""
    risky = ["We thought your energy levels might not keep up with our fast-paced team.",
             "We felt you might not keep up with our fast-paced team.",
             "We'd like someone who won't need time off for hospital appointments."]
    other = ["Your energy in the group exercise was great.",
             "Your pace on the coding test did not keep up with the time limit.",
             "Staff who need time off for medical appointments can take it on full pay."]
    reports = checker.check_batch(risky + other)
    rules = [{f.rule for f in r.findings if f.category == "risk"} for r in reports]
    assert rules == [{"risk.pace_stamina"}, {"risk.pace_stamina"}, {"risk.disability_health"}] + [set()] * len(other)


def test_an_accent_the_script_asks_for_is_not_the_candidates(checker):
    """'The voice-over brief needed an American accent for the US client's advert, which you recorded well' fired
    risk.language_accent: an accent as the work's product is no remark on the candidate's speech. A client wanting a
    neutral accent, and the candidate's own accent, still fire."""
    work = ["The voice-over brief needed an American accent for the US client's advert, which you recorded well.",
            "You did an Irish accent for the character in the second scene, and the director liked it."]
    accent = ["The client wanted a neutral accent, so we went with another agent.",
              "Your accent may be hard for some of our callers to follow."]
    reports = checker.check_batch(work + accent)
    rules = [{f.rule for f in r.findings if f.category == "risk"} for r in reports]
    assert rules == [set()] * len(work) + [{"risk.language_accent"}] * len(accent)


def test_job_promises_in_other_words_are_promises(checker):
    """A job promised without 'guarantee' or 'is yours' right after the job had no finding: 'we'll definitely have a
    role for you', 'the next vacancy on the team is yours', 'the supervisor job will go to you', 'we will hire you
    as soon as ...', 'you're hired', 'has your name on it', 'you are guaranteed a spot', 'your place ... is
    secured', 'you won't need to interview again'. Roles expected, a role to apply for, a promise to reply, a
    guaranteed-interview scheme and a place at an open day stay clean."""
    promise = ["We'll definitely have a role for you in March.",
               "There will certainly be a position for you once the merger closes.",
               "The next vacancy on the team is yours if you want it.",
               "When the new site opens, the supervisor job will go to you.",
               "We will hire you as soon as headcount frees up.",
               "Once the new budget lands, you're hired.",
               "The next opening has your name on it.",
               "You are guaranteed a spot in the autumn intake.",
               "Your place on the January cohort is secured.",
               "You won't need to interview again; we'll just offer you the next role."]
    other = ["We expect to open more roles in March.",
             "We'll have a role for you to apply for on the careers page in March.",
             "We promise to reply to every applicant within two weeks.",
             "We guarantee an interview to disabled applicants who meet the minimum criteria.",
             "Your place at Thursday's open day is secured.",
             "You won't need to upload your documents again if you reapply.",
             "However, Mr Doyle retires in the summer, and I can promise you now that his post is yours from "
             "September — there's no need for you to apply elsewhere."]
    reports = checker.check_batch(promise + other)
    rules = [{f.rule for f in r.findings if f.category == "risk"} for r in reports]
    assert rules == [{"risk.job_promise"}] * len(promise) + [set()] * (len(other) - 1) + [{"risk.job_promise"}]


def test_other_candidates_details_are_disclosure(checker):
    """Another candidate's age, pay, score, family, home, employer or relation to the boss had no finding unless
    their name followed a hiring verb: 'the person we hired is 28', 'the other finalist's salary expectation', 'the
    candidate we chose currently earns less', 'the winning candidate scored 92', 'our new hire is James, the finance
    director's nephew', 'the person we appointed recently left Barclays'. The hire's relevant experience, a start
    date, the candidate's own score or pay, and a confidence about the candidate's own references stay clean."""
    disclosure = ["The person we hired is 28 and has a forklift licence.",
                  "The other finalist's salary expectation was well below yours.",
                  "The candidate we chose currently earns less than you asked for.",
                  "The other applicant asked for £5,000 less, which made the difference.",
                  "The winning candidate scored 92 on the test against your 71.",
                  "Our new hire is James, the finance director's nephew.",
                  "The other shortlisted candidate is Omar Haddad, who currently leads the Bristol team.",
                  "The person we appointed recently left Barclays after eight years.",
                  "Our chosen candidate lives five minutes from the site and has two kids at the local school.",
                  "Ana, who got the job, is moving over from Deloitte."]
    other = ["The person we hired had run a warehouse of similar size.",
             "The successful candidate starts in May.",
             "Our new hire will join the Bristol team in June.",
             "You scored 71 on the test, and the pass mark was 75.",
             "You asked for £5,000 more than the band allows.",
             "Confidentially, your references were the strongest we received."]
    reports = checker.check_batch(disclosure + other)
    rules = [{f.rule for f in r.findings if f.category == "risk"} for r in reports]
    assert [("risk.disclosure_other_candidate" in rs) for rs in rules] == [True] * len(disclosure) + [False] * len(other)
    assert rules[len(disclosure):] == [set()] * len(other)


def test_jobs_kept_for_the_candidate_and_rivals_employers_are_risky(checker):
    """A job kept or waiting for the candidate ('the post is reserved for you', 'treat the autumn vacancy as yours',
    'a desk will be waiting for you', 'the next contract goes to you') had no job_promise finding, and another
    candidate named after 'offered it to', their former employer in apposition, their pay, family, home or sick
    leave had no disclosure finding. A parking space reserved for a visit, an email to expect, the role's pay and
    the candidate's own father stay clean."""
    promise = ["The post is reserved for you until you finish your course.",
               "Treat the autumn vacancy as yours.",
               "Come January, a desk will be waiting for you here.",
               "I've made sure the next contract goes to you."]
    disclosure = ["We offered it to Jenny from the Cardiff office.",
                  "The other finalist, a former Tesco buyer, had the edge.",
                  "The appointee, formerly of Lloyds, starts in June.",
                  "The person we hired will be on £31k, a bit less than you asked.",
                  "The successful applicant's father sits on our board.",
                  "We picked the candidate who lives in Croydon near the depot.",
                  "The other shortlisted applicant is currently on sick leave, which delayed things."]
    other = ["A parking space will be reserved for you on the day of the open evening.",
             "Expect an email from us next week with the panel's notes.",
             "The role pays £31k, a bit less than you asked.",
             "Your father's firm came up in the interview, and we loved the story.",
             "We picked the candidate with the most depot experience."]
    reports = checker.check_batch(promise + disclosure + other)
    rules = [{f.rule for f in r.findings if f.category == "risk"} for r in reports]
    assert [("risk.job_promise" in rs) for rs in rules[:len(promise)]] == [True] * len(promise)
    assert [("risk.disclosure_other_candidate" in rs) for rs in rules[len(promise):len(promise) + len(disclosure)]] \
        == [True] * len(disclosure)
    assert rules[len(promise) + len(disclosure):] == [set()] * len(other)


def test_a_chair_kept_open_and_a_rival_at_the_candidates_employer_are_risky(checker):
    """'his chair is yours', 'you can count on a job with us', 'I'll keep the trainee slot open until you're ready',
    'the next post is basically promised to you' and 'you've got the job next time' had no job_promise finding;
    'the chosen candidate currently works for your old employer' and 'our new starter is the cousin of one of our
    drivers' had no disclosure finding. Feedback to count on, a form kept open and the candidate's own employer
    stay clean."""
    promise = ["Once Dev moves on, his chair is yours.",
               "You can count on a job with us after your exams.",
               "I'll keep the trainee slot open until you're ready.",
               "The next analyst post is basically promised to you.",
               "You've got the job next time, I'm sure of it."]
    disclosure = ["The chosen candidate currently works for your old employer, Halden Logistics.",
                  "Our new starter is the cousin of one of our drivers."]
    other = ["You can count on honest feedback from us.",
             "I'll keep the feedback form open until Friday.",
             "You currently work for a logistics firm, which helped in the case study."]
    reports = checker.check_batch(promise + disclosure + other)
    rules = [{f.rule for f in r.findings if f.category == "risk"} for r in reports]
    assert rules == [{"risk.job_promise"}] * len(promise) + [{"risk.disclosure_other_candidate"}] * len(disclosure) \
        + [set()] * len(other)


@pytest.mark.parametrize("advice", [
    "Being able to talk through one real budget decision you made would change how a panel hears your story.",
    "If you can, ask a finance colleague to walk you through a logic model and its budget."])
def test_advice_to_talk_something_through_is_no_offer_to_talk_the_decision_through(checker, advice):
    """'Being able to talk through one real budget decision ...' read as the draft's own offer to talk the decision
    through, so the closed door's fix was cut and its message said the draft already offered one."""
    draft = (f"Dear Sam,\n\nThank you for interviewing for the analyst role. We have decided not to offer you the role. "
             f"{advice} This decision is final.\n\nKind regards,\nAna")
    f = next(f for f in checker.check(draft).findings if f.rule == "tone.cold_final")
    assert f.suggestions and "cut this one" not in f.message, (f.suggestions, f.message)


def test_a_critique_that_names_a_standards_process_is_no_stock_shortfall(checker):
    """'you did not address the standards process' read as the stock 'did not meet the standards', so the draft's one
    critique was no reason and its bare decision got boilerplate.not_successful."""
    draft = ("Dear Sam,\n\nThank you for interviewing for the Governance Officer role. Unfortunately we will not be "
             "progressing your application. In the case exercise you did not address the standards process or the "
             "register of interests.\n\nKind regards,\nAna")
    assert "boilerplate.not_successful" not in {f.rule for f in checker.check(draft).findings}


def test_not_good_enough_work_and_you_are_not_qualified_are_harsh(checker):
    """'Your portfolio was, frankly, not good enough and you are not qualified for this role.' had no harsh finding:
    'not qualified' and a verdict on the work ('not good enough', 'was, frankly, sloppy') were not covered. A sample
    that was not long enough, a recruiter not qualified to advise and a licence not held yet stay clean."""
    harsh = ["Your portfolio was, frankly, not good enough and you are not qualified for this role.",
             "Frankly, you're not qualified for a role at this level.",
             "Your code was, frankly, sloppy."]
    clean = ["The writing sample was not long enough to show your editing, so we could not judge it.",
             "We are not qualified to advise on visas, but the Home Office guidance is clear.",
             "You are not qualified to practise in the UK until your registration comes through."]
    reports = checker.check_batch(harsh + clean)
    assert [any(f.rule.startswith("tone.harsh_") for f in r.findings) for r in reports] == [True] * 3 + [False] * 3


def test_personal_details_of_the_other_candidate_are_risky_whatever_the_wording(checker):
    """Only listed wordings of another candidate's details were caught ("the successful candidate is 28"); a fresh one
    ("the appointed candidate was let go by ...", "the runner-up came second by a single mark") was not. The other
    person as the topic plus a personal detail anywhere in the sentence is caught; their experience stays clean."""
    risky = ["The successful candidate negotiated a starting salary of £40k.",
             "The chosen applicant is a practising Catholic, like most of the board.",
             "The runner-up, Sophie Marsh, was only a point behind you.",
             "The appointed candidate was let go by Kingfisher last year.",
             "The other finalist is expecting her second child in the spring."]
    clean = ["The person we hired had run a warehouse of similar size.",
             "The chosen applicant speaks fluent Polish, which our Warsaw clients need.",
             "Our new hire has managed a £2m budget before.",
             "We decided to go with another applicant, whose portfolio had more live client work.",
             "You came second by a single mark, which shows how close it was."]
    reports = checker.check_batch(risky + clean)
    flagged = [any("risky" in s.tone for s in r.sentences) for r in reports]
    assert flagged == [True] * len(risky) + [False] * len(clean)
    assert all(any(f.rule.startswith("risk.disclosure") for f in r.findings) for r in reports[:len(risky)])


def test_a_job_kept_for_the_candidate_or_their_joining_stated_as_fact_is_a_promise(checker):
    """Only listed wordings of a job promise were caught ("the next one is yours"); a fresh one ("we're saving the
    receptionist role for you", "you'll join us next spring") was not. A job kept for the candidate, their joining
    stated as fact, or the next job sure to be theirs is a promise; an invitation to apply stays clean."""
    risky = ["We're saving the receptionist role for you.",
             "Our next intern place has already been set aside for you.",
             "I can tell you now that you'll join us next spring.",
             "You are definitely getting the next contract we sign."]
    clean = ["We expect to open more roles in March, and you'd be welcome to apply.",
             "We'd love you to apply for the receptionist role when it is advertised.",
             "If you apply again and are successful, you'll join the team in the autumn.",
             "You'll join us for a short feedback call on Thursday, if that suits you."]
    reports = checker.check_batch(risky + clean)
    flagged = [any("risky" in s.tone for s in r.sentences) for r in reports]
    assert flagged == [True] * len(risky) + [False] * len(clean)
    assert all(any(f.rule.startswith("risk.job_promise") for f in r.findings) for r in reports[:len(risky)])


@pytest.mark.parametrize("sentence", [
    "The other finalist had more refugee-support casework experience.",
    "The chosen candidate had written disciplinary policies for two retail chains before.",
    "The person we took on will start on the advertised salary band, as every hire does.",
    "The successful candidate has run immigration advice sessions at a law centre for five years.",
])
def test_the_hires_work_that_names_a_detail_word_is_no_disclosure(sentence):
    """The hire's experience is the reason a good draft gives; a word the other-candidate-detail rule looks for, used
    for the work ("refugee-support casework", "disciplinary policies", "the advertised salary band"), made it a
    disclosure of something personal about them."""
    assert not [h for h in ENGINE.phrase_hits(sentence) if h[0].category == "risk"], sentence


@pytest.mark.parametrize("sentence", [
    "The successful candidate is a refugee, like you.",
    "The chosen candidate was dismissed after a disciplinary hearing last year.",
    "The person we hired is on a higher salary than you asked for.",
])
def test_a_personal_detail_about_the_hire_is_still_a_disclosure(sentence):
    """... while the same words said of the person still are."""
    assert [h for h in ENGINE.phrase_hits(sentence) if h[0].category == "risk"], sentence


@pytest.mark.parametrize("notice, words", [
    ("This email was sent from an unmonitored mailbox.", "unmonitored mailbox"),
    ("Replies go to an unattended inbox.", "unattended inbox"),
    ("This is an unmonitored email address, so we cannot answer questions here.", "unmonitored email address"),
])
def test_an_unmonitored_mailbox_is_an_automated_notice(checker, notice, words):
    """'sent from an unmonitored inbox' was not read as the notice 'This mailbox is not monitored', so a fix that invites
    a reply ('If you have any questions, just reply to this email') left it standing beside the invitation."""
    draft = (f"Hi Sam,\n\nWe won't be moving forward, because the role needs SQL.\n\nBest,\nHR\n\n{notice}")
    spans = [draft[f.start:f.end] for f in checker.check(draft).findings if f.rule == "tone.cold_automated"]
    assert spans == [words], spans


@pytest.mark.parametrize("promise, words", [
    ("We'll be in touch if anything changes, and we wish you every success.", "in touch if anything changes"),
    ("I will let you know should the situation change.", "let you know should the situation change"),
    ("We will get in touch if our needs change.", "in touch if our needs change"),
])
def test_a_promise_to_write_if_anything_changes_is_an_empty_future_promise(checker, promise, words):
    """'We'll be in touch if anything changes' names no role, team or time, as 'if a suitable opportunity arises'
    does not, but was not read as the stock promise."""
    draft = (f"Hi Kim,\n\nWe won't be moving forward, because the role needs Rust.\n\n{promise}\n\nBest,\nAna")
    spans = [draft[f.start:f.end] for f in checker.check(draft).findings if f.rule == "boilerplate.future_opportunities"]
    assert len(spans) == 1 and words in spans[0], spans
    # a change with a time named is the timeframe the rubric asks for
    timed = draft.replace(promise, "We'll be in touch if anything changes in March, when the team grows.")
    assert "boilerplate.future_opportunities" not in {f.rule for f in checker.check(timed).findings}


@pytest.mark.parametrize("decision", [
    "We have decided to go with applicants who have more availability on weekends, which you mentioned you cannot do.",
    "We have chosen to progress candidates who have more availability in the evenings.",
    "We've gone with people who have more flexibility over weekend shifts, which you said you cannot offer.",
])
def test_a_choice_of_applicants_with_more_of_something_is_a_reason(checker, decision):
    """The cue knew only the singular ('someone who has more ...'), so a decision naming the plural ('applicants who
    have more availability on weekends') was read as saying no without a reason."""
    draft = f"Hi Sam,\n\nThanks for the interview. {decision}\n\nBest,\nAna"
    assert "structure.no_reason" not in {f.rule for f in checker.check(draft).findings}


@pytest.mark.parametrize("notices", [
    "This is an automated message. Please do not reply to this email.",
    "This mailbox is not monitored. This is a system-generated email.",
    "Please do not reply to this message. It was sent from an unattended inbox.",
])
def test_a_second_automated_notice_beside_the_first_is_cut(checker, notices):
    """Two notices side by side each got 'just reply to this email': applying the first left 'just reply ... Please do
    not reply'. The first one's fix says it for both; the second is cut."""
    draft = f"Hi Sam,\n\nWe won't be moving forward, because the role needs SQL.\n\n{notices}\n\nBest,\nHR"
    found = [f for f in checker.check(draft).findings if f.rule == "tone.cold_automated"]
    assert len(found) == 2 and found[0].suggestions, found
    assert found[1].suggestions == () and "cut this one" in found[1].message, found[1]


@pytest.mark.parametrize("met, kept", [
    ("It was great to meet you last Wednesday.", "meeting us last Wednesday"),
    ("We really enjoyed speaking with you on Monday.", "speaking with us on Monday"),
    ("It was a pleasure to meet you this morning.", "meeting us this morning"),
])
def test_the_fix_for_enjoyed_meeting_keeps_when_they_met(checker, met, kept):
    """'It was great to meet you last Wednesday.' was replaced by 'Thank you for [what they did for you ...]; [...]',
    losing the meeting and its day the draft had told."""
    draft = f"Hi Sam,\n\n{met} We won't be moving forward, because the role needs SQL and you have not used it.\n\nBest,\nAna"
    found = [f for f in checker.check(draft).findings if f.rule == "boilerplate.enjoyed_meeting"]
    assert found and found[0].suggestions and all(kept in x for x in found[0].suggestions), found


@pytest.mark.parametrize("thanks", [
    "Thanks for applying for the barista role.",
    "Thank you for your application to Brightwell.",
    "Thanks again for your application for the night porter post.",
])
def test_thanks_for_the_application_is_enough_when_the_candidate_only_applied(checker, thanks):
    """An application-only draft's 'Thanks for applying' got a fix asking for '[what they did for you, e.g. the
    take-home exercise]': the application is all the candidate did, and the fix thanks them for it."""
    draft = f"Hi Sam,\n\n{thanks} We won't be moving forward, because the role needs weekend shifts.\n\nBest,\nAna"
    fixes = [x for f in checker.check(draft).findings if f.rule == "boilerplate.formulaic_thanks" for x in f.suggestions]
    assert fixes and all("your application" in x and "[what they did" not in x for x in fixes), fixes
    # a candidate who did more than apply is still thanked for it
    interviewed = draft.replace("moving forward,", "moving forward after your interview,")
    rules = {f.rule for f in checker.check(interviewed).findings}
    assert rules & {"boilerplate.formulaic_thanks", "structure.no_thanks_for_effort"}, rules


@pytest.mark.parametrize("sentence, promise", [
    ("Give me a ring on 0113 496 0721 if you'd like me to hold a place for you.", False),
    ("Would you like us to keep a slot for you on Thursday's assessment list?", False),
    ("We're saving the receptionist role for you.", True),
])
def test_an_offer_to_hold_a_place_if_the_candidate_wants_is_no_job_promise(sentence, promise):
    """An agency's "if you'd like me to hold a place for you" asks what the candidate wants; the structural job-promise
    patterns (risk27c) read it as a job kept for them (the agency challenge set's one new false alarm)."""
    hits = [h[0].id for h in ENGINE.phrase_hits(sentence) if h[0].category == "risk"]
    assert ("risk.job_promise" in hits) == promise, hits


@pytest.mark.parametrize("text, fires", [
    ("The directors loved your energy but they're going younger with the role, so it's a pass this time.", True),
    ("In the end the client decided to go a bit younger for the campaign.", True),
    ("We went older with the part, as the script has her raising teenagers.", True),
    ("The producers are casting younger for this series.", True),
    ("We're going with someone who has led a touring production before.", False),
    ("The show is going in a new direction with the role after the rewrite.", False),
    ("Our readers skew towards younger professionals, so the column needs a lighter voice.", False),
])
def test_going_younger_with_a_role_is_an_age_preference(checker, text, fires):
    """A casting associate's 'they're going younger with the role' (a film or advertising casting call's way of
    saying the hire will be younger) got no risk finding: risk.age read 'someone younger' and 'a younger
    candidate', not the direction the casting went."""
    assert ("risk.age" in {f.rule for f in checker.check(text).findings}) is fires


@pytest.mark.parametrize("draft, effort", [
    ("Dear Dr Ahmed,\n\nWe have reviewed your application for the Clinical Research Associate post. Unfortunately "
     "you do not meet the minimum requirement of two years of on-site monitoring experience, so it will not be "
     "progressed.\n\nPharmaGen Talent Acquisition", False),
    ("Hi Callum,\n\nSorry, we won't be taking your application for the warehouse planner job further. The job is "
     "on-site in Leicester five days a week and you told us you can only commute twice.\n\nBest,\nNisha", False),
    ("Hi Mei,\n\nWe've decided not to offer you the QA Lead role: the team needs someone with hands-on Appium work, "
     "and that came up in the onsite more than once.\n\nBest,\nRaj", True),
    ("Hi Mei,\n\nAfter your virtual onsite we've decided not to offer you the QA Lead role; the team needs someone "
     "with hands-on Appium work.\n\nBest,\nRaj", True),
])
def test_on_site_as_a_place_of_work_is_no_effort_to_thank(checker, draft, effort):
    """'two years of on-site monitoring experience' (a pharma form letter) and 'the job is on-site in Leicester' (a
    location requirement) named no interview, but the effort cue read every 'on-site' as the onsite interview and
    asked the writer to thank the candidate for it. An onsite the candidate did ('the onsite', 'your virtual
    onsite') still is one."""
    assert ("structure.no_thanks_for_effort" in _rules_of(checker, draft)) is effort


@pytest.mark.parametrize("draft, step", [
    ("Dear Mr Evans,\n\nThank you for offering to volunteer as a trustee. The board met on Thursday and decided to "
     "appoint a trustee with a legal background, as we currently have no one with that expertise. We would love you "
     "to stay involved through our fundraising committee if you are willing, and Bev will call you next week about "
     "it.\n\nWarm regards,\nMary", False),
    ("Dear Catherine,\n\nThe board has chosen another candidate for the interim CFO role. They valued your "
     "turnaround record at Halden, but they want someone who has taken a company through an IPO, since that's the "
     "plan for 2026. Let's have coffee next month; I have two other mandates I think would suit you.\n\nBest,\n"
     "Martin", False),
    # a promise with no time or person is no step
    ("Dear Catherine,\n\nThe board has chosen another candidate for the interim CFO role. They valued your "
     "turnaround record at Halden, but they want someone who has taken a company through an IPO. We will contact "
     "you should a suitable mandate arise.\n\nBest,\nMartin", True),
    ("Dear Catherine,\n\nThe board has chosen another candidate for the interim CFO role. They valued your "
     "turnaround record at Halden, but they want someone who has taken a company through an IPO. Let's grab a "
     "coffee sometime.\n\nBest,\nMartin", True),
])
def test_a_dated_call_or_meeting_is_a_next_step(checker, draft, step):
    """'Bev will call you next week about it' (a charity's chair) and 'Let's have coffee next month' (a search
    partner) are a named, dated next step, but the step sentence scored just under the specificity the check asks
    of a future line, and the step cue knew 'arrange a call', not a call or a coffee with its date."""
    assert ("structure.no_next_step" in _rules_of(checker, draft)) is step


@pytest.mark.parametrize("draft, generic", [
    ("Hi Noor,\n\nThanks for the trial lesson. We've offered the post to a teacher with A-level Chemistry "
     "experience.\n\nBest wishes,\nClaire", False),
    ("Hi Sipho,\n\nThank you for the cook-off on Friday. We have given the job to a chef with banqueting "
     "experience.\n\nRegards,\nLerato", False),
    ("Hi Sipho,\n\nThank you for the cook-off on Friday. We have given the job to a chef with more relevant "
     "experience.\n\nRegards,\nLerato", True),
])
def test_the_hire_named_by_trade_and_what_they_bring_is_a_reason(checker, draft, generic):
    """'We've offered the post to a teacher with A-level Chemistry experience' says why (the school wanted that
    experience), but structure.no_reason read the hire's named skill only after 'someone' or 'a candidate', not
    after the trade the hire was named by; generic words ('more relevant experience') still name nothing."""
    found = _rules_of(checker, draft)
    assert bool(found & {"structure.no_reason", "structure.generic_reason", "boilerplate.generic_reason"}) is generic


@pytest.mark.parametrize("draft, risk", [
    ("Dear Ms. Grant, thank you for interviewing. Given your wheelchair, we felt the warehouse floor would not be "
     "suitable for you, so we are not proceeding.\n\nRegards,\nOps", "risk.disability_health"),
    ("Hi Harold,\n\nThanks for coming in. We felt a younger candidate would suit the team better, so we won't be "
     "offering you the role.\n\nAll the best,\nJess", "risk.age"),
])
def test_a_risky_reason_is_not_also_called_a_generic_one(checker, draft, risk):
    """'Given your wheelchair, we felt the warehouse floor would not be suitable for you' got its disability finding
    and, beside it, 'Generic reason: it says a decision was made, not why' from the boilerplate label: the reason is
    stated, and what is wrong with it is the risk. structure.generic_reason already leaves a risky reason to its risk
    finding; the label's finding now does too."""
    found = _rules_of(checker, draft)
    assert risk in found and "boilerplate.generic_reason" not in found


@pytest.mark.parametrize("draft, effort", [
    ("Dear Applicant,\n\nThank you for your application for the position of APS 5 Policy Officer (Vacancy 2024/0311). "
     "The selection panel has now finalised its assessment and I regret to advise you have not been recommended for "
     "the position. You may request feedback by contacting the panel chair, Ms Lisa Tran, on 02 6123 4567 before 15 "
     "March.\n\nYours sincerely\nRecruitment Team", False),
    ("Dear Applicant,\n\nThe shortlisting board has completed its assessment of applications for the above post. I am "
     "sorry to tell you that you have not been shortlisted.\n\nHR Services", False),
    # an effort the draft does name still is one, and so is the candidates' own assessment
    ("Dear Mr Adeyemi,\n\nYour application for the Actuarial Graduate Programme has been unsuccessful. Candidates are "
     "shortlisted strictly on the basis of their assessment results.\n\nGraduate Resourcing", True),
    ("Dear Ms Obi,\n\nThe panel has now completed its assessment of all candidates interviewed for the post. I am sorry "
     "to tell you that you have not been successful.\n\nHR Services", True),
])
def test_the_panels_own_assessment_is_no_effort_of_the_candidates(checker, draft, effort):
    """An Australian public-service form letter ('The selection panel has now finalised its assessment ... contact the
    panel chair') named no interview, but the effort cue read 'its assessment' and 'the panel chair' as the
    candidate's assessment and panel interview, and asked the writer to thank them for it."""
    assert ("structure.no_thanks_for_effort" in _rules_of(checker, draft)) is effort


@pytest.mark.parametrize("draft, step", [
    ("Dear Applicant,\n\nThank you for your application for the position of APS 5 Policy Officer. I regret to advise "
     "you have not been recommended for the position, as your written application did not address the budget "
     "criterion. You may request feedback by contacting the panel chair, Ms Lisa Tran, on 02 6123 4567 before 15 "
     "March.\n\nYours sincerely\nRecruitment Team", False),
    ("Dear Applicant,\n\nThank you for your application for the position of APS 5 Policy Officer. I regret to advise "
     "you have not been recommended for the position, as your written application did not address the budget "
     "criterion.\n\nYours sincerely\nRecruitment Team", True),
])
def test_feedback_from_a_named_contact_is_a_next_step(checker, draft, step):
    """'You may request feedback by contacting the panel chair, Ms Lisa Tran, on 02 6123 4567 before 15 March' names
    a person, a way and a date to get the one thing candidates most want, but structure.no_next_step said there was
    'no person to stay in touch with': the step cue knew a feedback call, not feedback requested from a contact."""
    assert ("structure.no_next_step" in _rules_of(checker, draft)) is step


@pytest.mark.parametrize("text, fires", [
    ("With the baby due in June, we felt it best to go with someone who could commit to the full project timeline.",
     True),
    ("As your twins are due in the spring, we thought the travel would be too much.", True),
    ("The client's baby-products launch is due in June, so we need someone who can start now.", False),
])
def test_a_baby_due_is_a_pregnancy_remark(checker, text, fires):
    """'With the baby due in June, we felt it best to go with someone who could commit to the full project timeline'
    puts the candidate's pregnancy behind the decision, but neither the risk rules (which read 'pregnant', 'due date',
    'expecting in June') nor the model flagged it."""
    assert ("risk.pregnancy_family" in {f.rule for f in checker.check(text).findings}) is fires


@pytest.mark.parametrize("draft, no_reason", [
    ("Hi Gemma,\n\nI've now heard back from the team and they've decided not to progress your application for the "
     "Paralegal role, as they need someone who has worked on commercial leases.\n\nKind regards,\nAisha", False),
    ("Hey Rio,\n\nThanks for jamming with us Saturday. We've decided to go with another drummer, since we're losing "
     "Tom's harmonies and need someone who sings.\n\nJules", False),
    # "since" of time, "as" of manner: no reason given
    ("Hi Rio,\n\nIt has been a week since we spoke, and we've decided to go with another drummer.\n\nJules", True),
    ("Hi Rio,\n\nAs we discussed, we've decided to go with another drummer.\n\nJules", True),
])
def test_a_reason_after_as_they_or_since_we_is_a_reason(checker, draft, no_reason):
    """'... not to progress your application, as they need someone who has worked on commercial leases' (a legal
    recruiter passing on the team's decision) and '..., since we're losing Tom's harmonies' (a band) give the reason
    in the decision's own sentence, but structure.no_reason read 'as we/the role ...' and 'since you/the role ...',
    not 'as they' or 'since we'. 'since we spoke' and 'as we discussed' are still no reason."""
    assert ("structure.no_reason" in _rules_of(checker, draft)) is no_reason
@pytest.mark.skipif(not hasattr(yaml, "CSafeLoader"), reason="PyYAML built without libyaml")
def test_the_data_files_are_parsed_by_libyaml_into_the_same_data(monkeypatch):
    """PyYAML's pure-Python parser took 0.2 s of a cold start on the rule files alone (libyaml's takes 0.01 s): the
    shipped data files are read with libyaml's parser, through the same safe constructor, into the same data."""
    from model import feedback, templates
    from model.paths import read_yaml
    from model.rules import _load_yaml_rules

    files = sorted(RULES_DIR.glob("*.yaml")) + [templates.TEMPLATES_PATH, feedback.LEXICON_PATH,
                                                feedback.TEMPLATES_PATH]
    for path in files:
        assert read_yaml(path) == yaml.safe_load(path.read_text(encoding="utf-8")), path.name
    rules = _load_yaml_rules(RULES_DIR)

    def pure_python(*args, **kwargs):
        raise AssertionError("a data file went through PyYAML's pure-Python parser")

    monkeypatch.setattr(yaml, "safe_load", pure_python)
    assert _load_yaml_rules(RULES_DIR) == rules
    assert len(templates.TemplateIndex.load()) == len(default_index())
    assert feedback.Lexicon.load() is not None


def _random_sentences(patterns: list[str], n: int, seed: int) -> list[str]:
    """Sentences of the patterns' own words (their alternatives' pieces and inflections) and a few others, in random
    orders and lengths: most hold some of a pattern's words in some of its orders."""
    import random

    rng = random.Random(seed)
    words = sorted({w for p in patterns for spec in compile_patterns(p) for d in spec if "LOWER" in d
                    for w in (d["LOWER"]["IN"] if isinstance(d["LOWER"], dict) else [d["LOWER"]])})
    words += ["the", "Priya", "Mr", "Leeds", "3", "thirty", ",", ".", "and", "team"]
    out = []
    for _ in range(n):
        # runs copied from a random expansion make whole matches likely, not just single words
        spec = rng.choice(compile_patterns(rng.choice(patterns)))
        run = [rng.choice(d["LOWER"]["IN"] if isinstance(d.get("LOWER"), dict) else [d.get("LOWER") or rng.choice(words)])
               for d in spec if d.get("OP") != "?" or rng.random() < 0.5]
        noise = [rng.choice(words) for _ in range(rng.randint(0, 6))]
        at = rng.randint(0, len(noise))
        sentence = noise[:at] + run + noise[at:]
        if rng.random() < 0.3:  # a word swapped for another of the patterns' words
            sentence[rng.randrange(len(sentence))] = rng.choice(words)
        out.append(" ".join(sentence))
    return out


def test_expanded_patterns_are_factored_into_fewer_that_match_the_same_spans():
    """Session 27's risk patterns expand to 120-216 Matcher patterns each (one per combination of the multi-word
    alternatives: "(a_person|a_candidate|an_applicant) (who_is|who's)"), which cost cold start and every sentence that
    holds their words. Variants that differ in one word are one pattern with that word's alternatives: exactly the
    same spans match, in a fraction of the patterns."""
    from spacy.matcher import Matcher

    from model.nlp import blank_pipeline
    from model.rules import compile_factored, factor_specs

    engine = RuleEngine.load()
    patterns = [p for r in engine.rules.values() for p in (*r.patterns, *r.unless, *r.requires)]
    biggest = sorted(patterns, key=lambda p: -len(compile_patterns(p)))[:12]
    vocab = blank_pipeline().vocab
    for i, pattern in enumerate(biggest + ["(a_person|a_candidate|an_applicant|someone) (who_is|who's|that_is) "
                                           "(much|a_bit)? (younger|older) than~"]):
        specs = compile_patterns(pattern)
        factored = factor_specs(specs)
        assert len(factored) <= len(specs) / 2, (pattern, len(specs), len(factored))
        assert len(compile_factored(pattern)) <= len(specs) / 2, pattern  # (factored as it is built)
        expanded, merged, built = Matcher(vocab), Matcher(vocab), Matcher(vocab)
        expanded.add("x", specs)
        merged.add("x", factored)
        built.add("x", compile_factored(pattern))
        sentences = _random_sentences([pattern], 150, seed=i)
        matched = 0
        for text in sentences:
            doc = blank_pipeline().make_doc(text)
            want = {(s, e) for _, s, e in expanded(doc)}
            assert {(s, e) for _, s, e in merged(doc)} == want, (pattern, text)
            assert {(s, e) for _, s, e in built(doc)} == want, (pattern, text)
            matched += bool(want)
        assert matched >= 20, pattern  # the sentences test matches, not only misses
    # the engine runs the factored patterns
    _, _, _, requirements = engine._compiled()
    assert sum(len(req.patterns) for req in requirements) < 0.5 * sum(
        len(compile_patterns(p)) for r in engine.rules.values() for p in r.patterns)


def test_a_pattern_word_the_tokenizer_would_not_split_is_not_tokenized(monkeypatch):
    """Tokenizing each of the rules' 3,600 words built a spaCy lexeme for it: 0.1 s of a cold start. A word that no
    special case, prefix, suffix or infix rule of the tokenizer applies to is one token, as the tokenizer would make
    it; the others still go through the tokenizer, and every word of the shipped rules comes out the same."""
    from types import SimpleNamespace

    from model import rules
    from model.nlp import blank_pipeline

    tokenizer = blank_pipeline().tokenizer
    words = ["candidate", "Unfortunately", "re-apply", "cannot", "Cannot", "don't", "dr.", "im", "gonna", "$5", "30",
             "e-mail", "5k", "n't", "'ve", "you're", "U.S.", "naïve", "café", "12,000", "#", "jumu'ah", "(a", "ok?"]
    words += sorted({w for r in RuleEngine.load().rules.values()
                     for p in (*r.patterns, *r.unless, *r.unless_overlapping, *r.requires)
                     for tok in p.split() for alt in tok.strip("()?~").split("|") for w in alt.rstrip("~").split("_")
                     if w and not w.startswith(("*", "@"))})
    calls = []

    class Spy:
        def __call__(self, text):
            calls.append(text)
            return tokenizer(text)

        def __getattr__(self, name):
            return getattr(tokenizer, name)

    monkeypatch.setattr(rules, "blank_pipeline", lambda: SimpleNamespace(tokenizer=Spy(), vocab=tokenizer.vocab))
    rules._word_pieces.cache_clear()
    try:
        for w in words:
            want = ("#",) if w == "#" else tuple(t.text.lower() for t in tokenizer(w))
            if w.lower().replace("\u2019", "'") in rules._CLITICS:
                want = (w.lower(),)
            assert rules._word_pieces(w) == want, w
    finally:
        rules._word_pieces.cache_clear()
    assert "candidate" not in calls and "Unfortunately" not in calls
    assert {"re-apply", "cannot", "don't", "gonna"} <= set(calls)
    assert len(calls) < len(words) / 4


def test_may_match_checks_each_distinct_word_requirement_once():
    """The audit profile asks `may_match` of every sentence, and it went through each of the patterns an anchor word
    indexes (201 after "went"), though most need the same other words or more than another: a requirement implied
    by another is dropped, and an anchor word that alone may start a match answers at once. Same answers."""
    rules = [Rule(id="x.home", category="boilerplate", severity="low", message="m", patterns=("went home",)),
             Rule(id="x.early", category="boilerplate", severity="low", message="m", patterns=("went home early",)),
             Rule(id="x.late", category="boilerplate", severity="low", message="m", patterns=("went (home|out) late",)),
             Rule(id="x.quit", category="boilerplate", severity="low", message="m", patterns=("quit",))]
    engine = RuleEngine(rules)
    sure, rests = engine._may_match_index()
    # ("went home early" needs what "went home" needs and more; "went (home|out) late" needs {home, out} and {late})
    assert sure == {"quit"} and set(rests["went"]) == {(frozenset({"home"}),),
                                                       (frozenset({"late"}), frozenset({"home", "out"}))}
    texts = ["We went home.", "They went out late.", "She went out.", "He quit.", "Home, he went early.", "Nothing."]
    assert engine.may_match(texts) == [True, True, False, True, True, False]
    # the shipped rules: the same answers as every requirement checked in turn
    engine = default_engine().risk_engine()
    _, index, always, requirements = engine._compiled()
    sentences = _random_sentences([p for r in engine.rules.values() for p in r.patterns[:2]], 400, seed=7)
    for text in sentences:
        words = engine.cheap_words(text)
        want = bool(always) or any(all(not words.isdisjoint(x) for x in requirements[pid].rest)
                                   for w in words if w in index for pid in index[w])
        assert engine.may_match([text]) == [want], text


@pytest.mark.parametrize("draft", [
    "Hi Ali,\n\nNo, sorry.\n\nThanks,\nBen",
    "Dear Ms Iyer,\n\nNot this time, sorry.\n\nRegards,\nDeepak",
    "Hey Connor,\n\nIt's a no from us.\n\nCheers,\nShauna",
    "Dear Mr Adeyemi,\n\nNot successful.\n\nHR Team",
    "hi marisol\n\nunsuccessful, sorry\n\ntony",
    "Hello Gareth,\n\nSorry, no.\n\nAll the best,\nRhian",
])
def test_a_bare_refusal_as_the_whole_body_is_the_decision(checker, draft):
    """'Hi Ali, No, sorry. Thanks, Ben' got no findings at all: the kind model read 'No, sorry.' as 'other', so the
    checker saw no decision, and 'It's a no from us.' was even told it does not read like a rejection. A bare refusal
    standing for the whole body is the decision, and the checks a rejection gets apply to it."""
    from model.text import NOT_A_REJECTION

    report = checker.check(draft)
    assert any(s.kind == "decision" for s in report.sentences), draft
    assert {"structure.no_reason", "structure.no_next_step"} <= {f.rule for f in report.findings}, draft
    assert NOT_A_REJECTION not in report.warnings


@pytest.mark.parametrize("draft", [
    "Hi Ali,\n\nNo problem at all, sorry for the slow reply. The interview is at 10am on Tuesday.\n\nThanks,\nBen",
    "Hi Dana,\n\nIs there parking at the office? No. There's a multi-storey on Mill Lane though.\n\nPriya",
])
def test_a_no_that_refuses_nothing_is_no_decision(checker, draft):
    assert not any(s.kind == "decision" and s.text.lower().startswith(("no", "is there"))
                   for s in checker.check(draft).sentences), draft


@pytest.mark.parametrize("draft", [
    "Thanks Hana, appreciate you letting me know!\n\nOn Mon, 3 Mar 2025, Hana <hana@x.com> wrote:\n> Hi Dev,\n"
    "> Unfortunately we won't be moving forward.\n> Hana",
    "Hi Ruth,\n\nThat's all received, cheers. Have a lovely weekend!\n\nOwen",
])
def test_a_text_that_is_no_rejection_gets_no_rejection_checks(checker, draft):
    """A candidate's reply on top of a quoted rejection ('Thanks Hana, appreciate you letting me know!') was told it
    does not read like a rejection and, beside that, that it never says why and gives no next step: checks that
    presume a rejection. Where the text is not one, those are left out (and the warning says so)."""
    from model.text import NOT_A_REJECTION

    report = checker.check(draft)
    assert NOT_A_REJECTION in report.warnings
    assert not {"structure.no_reason", "structure.no_next_step", "structure.no_thanks_for_effort"} & {
        f.rule for f in report.findings}, draft


@pytest.mark.parametrize("draft, step", [
    ("Hi Ali,\n\nWe can only take on someone who has passed the CPA exams, and you sit yours in May. Once you pass, "
     "apply again.\n\nBen", True),
    ("Hi Sam,\n\nThanks for coming in. We can't take you on until you've passed your ACCA exams. Give me a shout once "
     "you've passed.\n\nThanks,\nJo", True),
    ("Hi Kim,\n\nThanks for the trial shift. We went with someone whose availability covers weekends, which yours "
     "doesn't right now. If your availability changes, drop in to me anytime.\n\nMaria", True),
    ("Dear Rohan,\n\nThank you for interviewing with us. The post needs a full UK driving licence, which you don't "
     "hold yet. When you get your licence, do get in touch with me.\n\nRegards,\nHelen", True),
    ("Hi Aoife,\n\nThanks for the chat. We need someone who has finished the CELTA course, and you're halfway through. "
     "Once you finish the course, give me a ring.\n\nNiamh", True),
    # (an exam passed earns the licence the reason names)
    ("Hi Dom,\n\nThanks for the trial night. Everyone on the door needs an SIA licence, which you don't have "
     "yet. Once you pass, apply again.\n\nKev", True),
    # vague invitations are still no next step
    ("Hi Kim,\n\nThanks for the trial shift. We went with someone whose availability covers weekends. Feel free to "
     "apply again in future.\n\nMaria", False),
    ("Hi Sam,\n\nThanks for coming in. We need someone who has passed the ACCA exams. We'll keep your CV on file.\n\n"
     "Jo", False),
    # a condition the reason never named is no step tied to it
    ("Hi Sam,\n\nThanks for coming in. We went with someone with more audit experience. Give me a shout once you've "
     "passed.\n\nJo", False),
])
def test_an_invitation_tied_to_the_reasons_condition_is_a_next_step(checker, draft, step):
    """'Once you pass, apply again.', 'Give me a shout once you've passed.', 'If your availability changes, drop in to
    me anytime.' are short, so the model scores them too low to count, and structure.no_next_step fired. An invitation
    tied to a concrete condition the reason named (an exam passed, a licence, availability, a course finished) is a
    next step (the rubric's 'relationship': a genuine, specific invitation); 'apply again in future' is not."""
    assert ("structure.no_next_step" in _rules_of(checker, draft)) is not step


@pytest.mark.parametrize("draft", [
    "Hi Jess, see below - could you send this to the candidate today?\n\nThanks,\nMark\n\nDear Ana,\n\nThank you for "
    "your interest in the role. After careful consideration, we will not be progressing your application.\n\n"
    "Kind regards,\nMark",
    "Tom - can you forward the below to Ifeoma? Cheers\n\nDear Ifeoma,\n\nThank you for attending the assessment "
    "centre. We have decided not to progress your application.\n\nYours sincerely,\nRecruitment Team",
    "Rekha, please pass this on to the applicant when you get a sec.\n\nHello Mr Tan,\n\nUnfortunately you have not been "
    "shortlisted for the warehouse supervisor post.\n\nRegards,\nBilal",
])
def test_a_forwarding_note_above_the_rejection_is_left_out_with_a_warning(checker, draft):
    """'Hi Jess, see below - could you send this to the candidate today?' above the rejection was checked as part of it:
    the model read the request as a concrete future step (no next step was asked for, and the relationship flag rose).
    The rejection below the note is checked on its own, with a warning that the note was left out."""
    from model.text import FORWARDING_NOTE

    report = checker.check(draft)
    assert FORWARDING_NOTE in report.warnings
    assert not any(w in s.text for s in report.sentences for w in ("see below", "forward the below", "pass this on"))
    assert {"structure.no_reason", "structure.no_next_step"} <= {f.rule for f in report.findings}, draft


@pytest.mark.parametrize("draft", [
    # the writer's own "see below" inside a rejection, and a rejection with no greeting below a first line
    "Hi Ana,\n\nThank you for interviewing with us. Unfortunately we've gone with someone else; see below for the "
    "feedback from the panel.\n\n- Your latte art was lovely but the milk was overheated.\n\nBest,\nMark",
    "Please send this to the candidate.\nUnfortunately we will not be progressing your application.\nRegards, HR",
])
def test_a_rejection_without_a_note_above_its_greeting_is_checked_whole(checker, draft):
    from model.text import FORWARDING_NOTE

    assert FORWARDING_NOTE not in checker.check(draft).warnings


@pytest.mark.parametrize("draft", [
    "Hi Marta,\n\nThanks for sending the audition tape. Honestly, it's not a fit for the band and it wasn't close.\n\n"
    "Good luck,\nDez",
    "You walked off the line halfway through Friday service without a word to anyone. Don't come back.",
    "Dear Mr Rao, we reviewed your portfolio and you are not the right match for this brief. Regards, Anjali",
])
def test_a_blunt_turn_down_reads_as_a_rejection(checker, draft):
    """With the checks that presume a rejection left out where a text does not read like one, the cue that tells
    must know a blunt turn-down: 'it's not a fit', 'not the right match', 'Don't come back.' were read as no
    decision about a job at all."""
    from model.text import NOT_A_REJECTION

    report = checker.check(draft)
    assert NOT_A_REJECTION not in report.warnings, draft
    assert "structure.no_next_step" in {f.rule for f in report.findings}, draft
