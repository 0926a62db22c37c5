"""The fast audit profile (model/fast.py): same Report schema, its own artifacts, no phrase rules."""
import json
import shutil

import pytest

from model import Checker
from model.errors import ArtifactError, InputError
from model.fast import FAST_DIR, fast_hand_features, lexicon_sentiment, tokens
from model.features import HAND_FEATURES, hand_features
from model.segment import fast_segment, segment

TEMPLATE = ("Dear Applicant,\n\nThank you for your interest in the Analyst position. After careful consideration, "
            "we have decided to move forward with other candidates whose experience more closely matches our "
            "needs. We will keep your resume on file for future openings.\n\nSincerely,\nTalent Acquisition")
SPECIFIC = ("Hi Priya,\n\nThanks for the take-home and the two interviews last week. Your pipeline code was clean "
            "and well tested, and Marco liked how you explained the back-fill strategy. We are not moving "
            "forward because this role owns our streaming stack from day one, and in the design round you had "
            "not yet run Kafka or Flink in production. A side project on a streaming system would close that "
            "gap, and I'd be glad to hear from you when the batch-analytics team hires in the spring.\n\nDana")


def test_fast_profile_loads_its_own_artifacts(fast):
    assert fast.profile == "fast" and fast.model_version.endswith("-fast")
    assert fast.manifest["feature_dims"]["grams"] == len(fast.featurizer.vocab)


def test_fast_report_has_the_schema_and_exact_offsets(fast):
    text = "Hi Sam,\n\nWe went with another candidate. Dr. Lee enjoyed your demo of the {{ job.title }} tool!\n\nBest,\nAna"
    d = fast.check(text).to_dict()
    for key in ("model_version", "scores", "flags", "sentences", "findings", "warnings"):
        assert key in d
    for s in d["sentences"]:
        assert text[s["start"]:s["end"]] == s["text"]
        assert s["boilerplate"] in ("none", "low", "high") and 0.0 <= s["specificity"] <= 1.0
    assert [s["text"] for s in d["sentences"]][:2] == ["Hi Sam,", "We went with another candidate."]


def test_fast_profile_ranks_a_template_below_specific_feedback(fast):
    generic, specific = fast.check(TEMPLATE), fast.check(SPECIFIC)
    assert generic.specificity < 35 < 60 < specific.specificity
    assert any(s.boilerplate == "high" for s in generic.sentences)
    assert specific.actionable and not generic.actionable


def test_fast_profile_runs_only_the_risk_phrase_rules(fast, checker):
    text = "After careful consideration, we decided to go in a different direction."
    phrase_ids = set(checker.rules.rules)  # the engine's phrase rules, by id
    assert not phrase_ids & {f.rule for f in fast.check(text).findings}
    assert phrase_ids & {f.rule for f in checker.check(text).findings}
    risky = "We were looking for someone with more energy to fit our young team."
    rep = fast.check(risky)
    assert rep.risky and any(f.category == "risk" and f.rule in phrase_ids for f in rep.findings)
    assert not fast.check_batch([risky], options={"risk_rules": False})[0].findings or not any(
        f.rule in phrase_ids for f in fast.check_batch([risky], options={"risk_rules": False})[0].findings)


def test_the_risk_prefilter_never_drops_a_match():
    """`may_match` decides without spaCy which sentences could hold a risk term; on every corpus
    sentence it must keep each one the full matcher finds."""
    import json

    from model.rules import RuleEngine
    from training.config import TrainConfig

    risk = RuleEngine.load().risk_engine()
    texts = [s["text"] for line in TrainConfig().corpus_path.read_text(encoding="utf-8").splitlines()
             for s in json.loads(line)["sentences"]]
    kept = risk.may_match(texts[:1]) + [risk.may_match([t])[0] for t in texts[1:]]
    assert sum(kept) < 0.15 * len(texts)  # it does filter
    assert not [t for t, k in zip(texts, kept) if not k and risk.phrase_hits(t)]
    # the same in lower case and with curly apostrophes (spaCy keeps "’s" and "n’t" as written)
    variants = [t.lower() for t in texts] + [t.replace("'", "\u2019") for t in texts if "'" in t]
    assert not [t for t, k in zip(variants, risk.may_match(variants)) if not k and risk.phrase_hits(t)]


def test_the_audit_profile_finds_risk_terms_that_need_a_sign(fast):
    """A salary disclosure needs "$", "£" or "₹", which the prefilter's tokenizer does not make;
    until session 12 the audit profile missed these (the full model did not)."""
    for text in ("She agreed to start at $19 an hour.", "He agreed to join at £40k, less than you asked.",
                 "The other finalist agreed to join for ₹6 lakh."):
        assert fast.check(text).risky, text


def test_the_prefilter_tokens_are_a_superset_of_spacys():
    """`cheap_words` must hold every required word that spaCy's tokenizer makes of a text, or
    `may_match` could drop a sentence that matches. Checked against spaCy itself on every corpus
    sentence (also lower-cased and with curly apostrophes) and on the tokenizer's hard cases:
    contractions without an apostrophe, an opening quote before a contraction, a unit after a
    number, currency signs, curly clitics."""
    import json

    from model.nlp import blank_pipeline
    from model.rules import RuleEngine, single_spaced
    from training.config import TrainConfig

    texts = [s["text"] for line in TrainConfig().corpus_path.read_text(encoding="utf-8").splitlines()
             for s in json.loads(line)["sentences"]]
    texts += [t.lower() for t in texts] + [t.replace("'", "\u2019") for t in texts if "'" in t]
    texts += ["We cannot take you on.", "You didnt show up and dont call.", "Y'all did great.",
              "She asked for $185K, above the £40k band.", "You said you 'couldn't do weekends'.",
              "We can’t, sadly.", "Jumu’ah prayers on Fridays.", "The shift starts at 6am.",
              "We wanted someone\nyounger,\u00a0and\tfresher  than you."]
    tokenizer = blank_pipeline().tokenizer
    # what `phrase_hits` hands spaCy: the text with each run of whitespace as one space
    spacy_words = [{t.lower_ for t in tokenizer(single_spaced(text)[0])} for text in texts]
    for engine in (RuleEngine.load(), RuleEngine.load().risk_engine()):
        required = engine.required_words()
        lost = {}
        for text, words in zip(texts, spacy_words):
            for w in (words & required) - engine.cheap_words(text):
                lost.setdefault(w, text)
        assert not lost, lost


def test_fast_batch_keeps_every_input(fast):
    out = fast.check_batch(["", TEMPLATE, "\x00\x01\x02\x03" * 20, SPECIFIC], on_error="return")
    assert len(out) == 4
    assert isinstance(out[0], InputError) and isinstance(out[2], InputError)
    assert out[1].sentences and out[3].sentences


def test_fast_segment_agrees_with_segment_on_plain_prose():
    text = ("Hello Maria,\n\nThank you for meeting us on 3 March. Mr. Okafor enjoyed the case study, e.g. the "
            "pricing slide. See https://example.com/jobs?id=4.2 for other roles.\n\n- Stronger SQL\n- A portfolio\n\n"
            "Kind regards,\nTom Reyes\nTalent Team, Northwind")
    fast_spans = [(s.start, s.end) for s in fast_segment(text)]
    assert fast_spans == [(s.start, s.end) for s in segment(text)]
    assert [text[a:b] for a, b in fast_spans][1] == "Thank you for meeting us on 3 March."


def test_fast_hand_features_track_the_full_ones():
    sents = ["Hi Sam,", "We loved your demo at Northwind!", "Sadly this is a terrible, awful fit.",
             "Best regards,\nAna"]
    full = hand_features(sents)
    cheap = fast_hand_features(sents, [tokens(s) for s in sents])
    assert cheap.shape == full.shape == (4, len(HAND_FEATURES))
    same = [HAND_FEATURES.index(c) for c in ("is_greeting", "is_sign_off", "position", "is_first", "is_last",
                                              "question", "has_merge_field")]
    assert (cheap[:, same] == full[:, same]).all()
    s = HAND_FEATURES.index("sentiment")
    assert cheap[1, s] > 0 > cheap[2, s] and full[1, s] > 0 > full[2, s]


def test_lexicon_sentiment_handles_negation():
    assert lexicon_sentiment(["good"])[0] > 0 > lexicon_sentiment(["not", "good"])[0]


def test_tampered_fast_artifacts_are_refused(tmp_path):
    bad = tmp_path / "fast"
    shutil.copytree(FAST_DIR, bad)
    vocab = json.loads((bad / "vocab.json").read_text())
    vocab["zzz-new"] = len(vocab)
    (bad / "vocab.json").write_text(json.dumps(vocab))
    with pytest.raises(ArtifactError, match="sha256"):
        Checker.load(bad, profile="fast")
    with pytest.raises(ArtifactError, match="fast"):
        Checker.load(FAST_DIR.parent / "artifacts", profile="fast")  # the full model's directory


def test_fast_segment_splits_text_typed_in_lower_case():
    text = ("hi sam\n\nthanks for coming in on tuesday. your sql answers were great but the role needs dbt, "
            "e.g. the lineage question. try the dbt course and ping me in march.\n\ncheers, ana")
    got = [text[s.start:s.end] for s in fast_segment(text)]
    assert got == ["hi sam", "thanks for coming in on tuesday.",
                   "your sql answers were great but the role needs dbt, e.g. the lineage question.",
                   "try the dbt course and ping me in march.", "cheers, ana"]
    # ordinary prose still needs a capital after the stop (a lower-case word after "approx." etc.)
    prose = "We met on 3 March. The panel liked the demo, approx. ten minutes long. Thanks again."
    assert len(fast_segment(prose)) == 3


def test_the_audit_profile_never_imports_torch():
    """spaCy's thinc imports torch (~200 MB) unless model/nlp.py hides it; the risk matchers of the
    audit profile are the first spaCy use there, so they must go through it too."""
    import subprocess
    import sys

    code = ("import sys; from model import Checker; c = Checker.load(profile='fast'); "
            "c.check('Hi Sam, we wanted someone younger for our young team. Best, Ana'); "
            "print('torch' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=str(__import__("pathlib").Path(__file__).resolve().parent.parent))
    assert out.stdout.strip() == "False"


def test_the_lean_audit_profile_never_imports_spacy():
    """Without risk terms the audit profile needs no spaCy at all (its import costs each audit worker
    ~1 s and ~60 MB): not for splitting, not for the name dictionary an inline greeting consults."""
    import subprocess
    import sys

    code = ("import sys; from model import Checker; c = Checker.load(profile='fast', risk_terms=False); "
            "c.check_batch(['Dear Ethan, We regret to say the post is filled. Best, Ana', "
            "'Ethan, Thank you for your interest.\\n\\nWe chose another candidate.\\n\\nKind regards,\\nAcme']); "
            "print('spacy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=str(__import__("pathlib").Path(__file__).resolve().parent.parent))
    assert out.stdout.strip() == "False"
