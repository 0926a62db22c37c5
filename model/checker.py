"""The Checker: one object behind every surface (web form, API, CLI, audits, evaluation)."""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import numpy as np

from .errors import ArtifactError, CheckerError, ConfigError, InputError
from .features import KIND_ORDER, hand_columns, message_feature_matrix, sentence_matrix
from .heads import load_heads
from .report import BOILERPLATE, Finding, Report, SentenceResult
from .rules import check_options, clean_context, unread_context_fields
from .segment import pasted_messages, segment
from .text import MAX_CHARS, Prepared, content_warning, prepare

ARTIFACTS_DIR = Path(__file__).resolve().parent / "artifacts"
MANIFEST = "manifest.json"
SENTENCE_HEADS = ("kind", "specificity", "boilerplate", "harsh", "cold", "risky")
MESSAGE_HEADS = ("msg_specificity", "msg_warmth", "msg_actionable", "msg_relationship")
GRAM_PREFIX = "grams."  # heads of the word-gram sentence model blended into the encoder heads
TONE_HEADS = ("harsh", "cold", "risky")
SPECIFIC_IS_NOT_BOILERPLATE = 0.8  # a sentence specificity score from which boilerplate=high is overruled
SEVERAL_MESSAGES = ("The text looks like {n} messages pasted together (a greeting after a sign-off); it was scored "
                    "as one message. Check one message at a time, or audit them with `rejectcheck audit`, which "
                    "gives each its own row.")


def yaml_error():
    import yaml

    return yaml.YAMLError


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def rubric_to_score(value: float) -> int:
    """Rubric 1-5 onto 0-100, monotonically (1 -> 0, 3 -> 50, 5 -> 100)."""
    if value != value:  # NaN: a broken head, never a score (max() would quietly make it 0)
        raise ValueError("rubric_to_score got NaN")
    return int(round(min(100.0, max(0.0, (float(value) - 1.0) / 4.0 * 100.0))))


def overall_score(specificity: int, warmth: int, risky: bool, harsh: bool) -> int:
    """Specificity matters most; risk and harshness cap what a message can score."""
    score = 0.55 * specificity + 0.45 * warmth
    if harsh:
        score = min(score, 40.0)
    if risky:
        score = min(score, 25.0)
    return int(round(score))


@dataclass
class GramModel:
    """The word-gram sentence model inside the full model: its probabilities are blended into the
    `blend` sentence heads, and the `message` heads read its view of a message (averaged with the
    blended view's head by `message_weight`; 1.0 reads the word-gram view alone)."""

    featurizer: object
    heads: dict
    weight: float
    blend: tuple
    message: tuple
    message_weight: float = 1.0  # a `message` head's share; the rest is the same head on the blended view

    @classmethod
    def build(cls, vocab: dict, heads: dict, weight: float, blend=SENTENCE_HEADS, message=(),
              message_weight: float = 1.0) -> "GramModel":
        """From the vocabulary and the full model's heads (the word-gram ones under GRAM_PREFIX)."""
        from .fast import FastFeaturizer

        if not all(isinstance(x, (list, tuple)) for x in (blend, message)):
            raise ArtifactError("The manifest's word-gram 'heads' and 'message_heads' must be lists.")
        if isinstance(message_weight, bool) or not isinstance(message_weight, (int, float)) or not 0 < message_weight <= 1:
            raise ArtifactError("The manifest's word-gram 'message_weight' must be a number in (0, 1].")
        blend, message = tuple(blend), tuple(message)
        unknown = [n for n in blend if n not in SENTENCE_HEADS] + [n for n in message if n not in MESSAGE_HEADS]
        if unknown:
            raise ArtifactError(f"The manifest names word-gram heads this version does not know: {unknown}")
        names = SENTENCE_HEADS if message else blend
        missing = [GRAM_PREFIX + n for n in names + message if GRAM_PREFIX + n not in heads]
        if missing:
            raise ArtifactError(f"The model lacks heads: {missing}")
        return cls(FastFeaturizer(vocab), {n: heads[GRAM_PREFIX + n] for n in names}, float(weight), blend, message,
                   float(message_weight))


class Checker:
    """Scores a rejection draft sentence by sentence and as a whole.

    >>> checker = Checker.load()
    >>> report = checker.check("Hi Sam, ...")
    """

    def __init__(self, encoder, heads: dict, manifest: dict, rules=None, max_chars: int = MAX_CHARS):
        self.encoder = encoder
        self.heads = heads
        self.manifest = manifest
        self.rules = rules
        self.max_chars = max_chars
        self.thresholds = manifest.get("thresholds", {t: 0.5 for t in TONE_HEADS})
        self.model_version = manifest["model_version"]
        self.source: dict | None = None  # where load() found it: lets audit workers load the same model
        self.grams: GramModel | None = None  # the word-gram sentence model, if the manifest has one

    # ---- loading -------------------------------------------------------------------------
    @classmethod
    def load(cls, path: str | Path | None = None, rules=True, verify: bool = True,
             profile: str = "full", risk_terms: bool = True) -> "Checker":
        """Load shipped artifacts (or those in `path`), verifying them against the manifest.

        profile="fast" loads the audit profile instead (see model/fast.py); `risk_terms=False`
        turns its risk-term rules off (faster, and its risky-message recall drops; the full
        profile always runs every phrase rule)."""
        if profile == "fast":
            from .fast import FastChecker

            return FastChecker.load(path, rules=rules, verify=verify, risk_terms=risk_terms)
        if profile != "full":
            raise ValueError(f"Unknown profile {profile!r}; choose 'full' or 'fast'.")
        from .encoder import load_encoder

        root = Path(path) if path else ARTIFACTS_DIR
        manifest = cls._read_manifest(root, verify)
        labels = manifest["labels"]
        if tuple(labels.get("kind", ())) != KIND_ORDER or tuple(labels.get("boilerplate", ())) != BOILERPLATE:
            raise ArtifactError("The model's label set does not match this version of rejectcheck.")
        missing = set(SENTENCE_HEADS + MESSAGE_HEADS) - set(manifest["heads"])
        if missing:
            raise ArtifactError(f"The model lacks heads: {sorted(missing)}")
        from .features import HAND_FEATURES, message_feature_dim

        dims = manifest.get("feature_dims", {})
        if (manifest.get("hand_features") != list(HAND_FEATURES)
                or dims.get("message") != message_feature_dim()):
            raise ArtifactError("The model was trained with different features than this version of rejectcheck "
                                "computes; retrain it with `python -m training all`.")
        heads = load_heads(root / manifest["heads_file"], manifest["heads"])
        try:
            encoder = load_encoder(root / manifest["encoder"]["path"], manifest["encoder"].get("type", "static"))
        except ValueError as exc:
            raise ArtifactError(f"The manifest names an encoder this version cannot run: {exc}") from exc
        if manifest["encoder"].get("tfidf"):
            from .tfidf import ConcatEncoder, TfidfEncoder

            encoder = ConcatEncoder(encoder, TfidfEncoder.load(root / manifest["encoder"]["tfidf"]))
        if encoder.dim != manifest["encoder"]["dim"]:
            raise ArtifactError("The encoder's dimension does not match the manifest.")
        checker = cls(encoder, heads, manifest, rules=cls._rule_engine(rules))
        checker.source = {"path": str(root), "profile": "full", "rules": bool(rules)}
        if manifest.get("grams"):
            checker.grams = cls._load_grams(root, manifest, heads)
        return checker

    @staticmethod
    def _load_grams(root: Path, manifest: dict, heads: dict) -> "GramModel":
        """The word-gram sentence model: blended into some sentence heads, and the only input of
        some message heads (manifest "grams": "heads" and "message_heads")."""
        spec = manifest["grams"]
        try:
            vocab = json.loads((root / spec["vocab_file"]).read_text(encoding="utf-8"))
        except (OSError, KeyError, json.JSONDecodeError) as exc:
            raise ArtifactError(f"The word-gram vocabulary cannot be read: {exc}") from exc
        if len(vocab) != spec.get("dim"):
            raise ArtifactError("The word-gram vocabulary does not match the manifest.")
        return GramModel.build(vocab, heads, spec["weight"], spec.get("heads", SENTENCE_HEADS),
                               spec.get("message_heads", ()), spec.get("message_weight", 1.0))

    @staticmethod
    def _read_manifest(root: Path, verify: bool) -> dict:
        """The manifest in `root`, with every listed file checked against its sha256."""
        manifest_path = root / MANIFEST
        if not manifest_path.is_file():
            raise ArtifactError(f"No model manifest at {manifest_path}. Train one with `python -m training`.")
        try:
            manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise ArtifactError(f"The manifest {manifest_path} is not valid JSON: {exc}") from exc
        for key in ("model_version", "files", "heads", "labels"):
            if key not in manifest:
                raise ArtifactError(f"The manifest {manifest_path} lacks {key!r}.")
        if "encoder" not in manifest and manifest.get("profile") != "fast":
            raise ArtifactError(f"The manifest {manifest_path} lacks 'encoder'.")
        if verify:
            for rel, digest in manifest["files"].items():
                f = root / rel
                if not f.is_file():
                    raise ArtifactError(f"Model file {f} listed in the manifest is missing.")
                if sha256_file(f) != digest:
                    raise ArtifactError(f"Model file {f} does not match the manifest (sha256 differs).")
        return manifest

    @staticmethod
    def _rule_engine(rules):
        if not rules:
            return None
        from .rules import RuleEngine

        try:
            return rules if not isinstance(rules, bool) else RuleEngine.load()
        except ConfigError:
            raise
        except (OSError, ValueError, yaml_error()) as exc:
            raise ArtifactError(f"The rule files could not be loaded: {exc}") from exc

    @staticmethod
    def segment(text: str):
        return segment(text)

    # ---- checking ------------------------------------------------------------------------
    def check(self, text, context: dict | None = None, options: dict | None = None) -> Report:
        """Check one draft. Raises InputError when the text cannot be checked."""
        return self.check_batch([text], [context], options, on_error="raise")[0]

    def check_batch(self, texts: Sequence, contexts: Sequence[dict | None] | None = None,
                    options: dict | None = None, on_error: str = "raise") -> list:
        """Check many drafts at once (the audit path: sentence features are computed in one pass).

        on_error="raise" raises the first InputError; "return" puts the CheckerError instance at
        that position instead, so that nothing in a batch is lost.
        """
        if isinstance(texts, (str, bytes, bytearray)):
            raise InputError("check_batch takes a list of texts, not one text; use check() for one draft.")
        texts = list(texts)
        contexts = list(contexts) if contexts is not None else [None] * len(texts)
        if len(contexts) != len(texts):
            raise InputError(f"check_batch got {len(contexts)} contexts for {len(texts)} texts; give one per text "
                             "(None where there is none).")
        check_options(options)
        prepared: list[Prepared | CheckerError] = []
        for i, t in enumerate(texts):
            try:
                contexts[i] = clean_context(contexts[i])
                p = prepare(t, self.max_chars)
                if contexts[i]:
                    contexts[i], dropped = self._screen_context(contexts[i])
                    p.warnings = [*p.warnings, *unread_context_fields(contexts[i]), *dropped]
                prepared.append(p)
            except CheckerError as exc:
                if on_error == "raise":
                    raise
                prepared.append(exc)
        spans: list = [None] * len(prepared)
        for i, p in enumerate(prepared):
            if isinstance(p, Prepared):
                spans[i] = self.segment(p.plain)
                if not spans[i]:
                    err = InputError("No sentences found in the text.")
                    if on_error == "raise":
                        raise err
                    prepared[i] = err
        ok = [i for i, p in enumerate(prepared) if isinstance(p, Prepared)]
        reports = self._check_prepared([prepared[i] for i in ok], [contexts[i] for i in ok], options,
                                       spans=[spans[i] for i in ok])
        out: list = list(prepared)
        for i, r in zip(ok, reports):
            out[i] = r
        return out

    def _screen_context(self, context: dict) -> tuple[dict, list[str]]:
        """Context facts that must never reach a candidate left out, with a warning each (model/feedback.py)."""
        from .feedback import SCREENED_FIELDS, screen_context

        if not any(context.get(k) for k in (*SCREENED_FIELDS, "interviewer_notes")):
            return context, []
        return screen_context(context, self.rules)  # the rule engine's risk rules, or the default engine's

    def draft_feedback(self, notes: str, context: dict | None = None):
        """Turn private interviewer notes into candidate-safe feedback (see model/feedback.py)."""
        from .feedback import draft_feedback

        return draft_feedback(self, notes, context)

    def sentence_probabilities(self, messages: list[list[str]]) -> dict[str, np.ndarray]:
        """Head probabilities for every sentence of every message (flattened, in order)."""
        X = sentence_matrix(messages, self.encoder.encode)
        if X.shape[0] == 0:
            return {}
        probs = {name: self.heads[name].predict_proba(X) for name in SENTENCE_HEADS}
        if self.grams is not None:
            from .fast import sparse_proba

            g = self.grams
            ids, offsets, vals, hand = g.featurizer.transform(messages)
            gram = {name: sparse_proba(head, g.featurizer.dim, ids, offsets, vals, hand)
                    for name, head in g.heads.items()}
            for name in g.blend:
                probs[name] = (1 - g.weight) * probs[name] + g.weight * gram[name]
            if g.message:
                probs["grams"] = {**gram, "hand": hand}  # what the word-gram message heads read
        probs["hand"] = hand_columns(X)  # reused by the message features
        return probs

    def score_messages(self, messages: list[list[str]], probs: dict[str, np.ndarray]) -> list[dict]:
        M = message_feature_matrix(probs, messages)
        gram_heads = self.grams.message if self.grams is not None else ()
        if gram_heads and "grams" not in probs:
            raise ValueError("score_messages needs the word-gram probabilities (sentence_probabilities adds them)")
        M_gram = message_feature_matrix(probs["grams"], messages) if gram_heads else None

        def apply(h, rows, name):
            return h.predict_value(rows) if name in ("msg_specificity", "msg_warmth") else h.predict_proba(rows)

        def head(name):
            """A message head applied to the rows it was trained on; a word-gram message head is
            averaged with the blended view's head by the manifest's `message_weight`."""
            if name not in gram_heads:
                return apply(self.heads[name], M, name)
            out = apply(self.heads[GRAM_PREFIX + name], M_gram, name)
            w = self.grams.message_weight
            return out if w >= 1.0 else w * out + (1.0 - w) * apply(self.heads[name], M, name)

        spec, warm = head("msg_specificity"), head("msg_warmth")
        act, rel = head("msg_actionable"), head("msg_relationship")
        return [{"specificity": s, "warmth": w, "actionable": a, "relationship": r}
                for s, w, a, r in zip(np.clip(spec, 1, 5).tolist(), np.clip(warm, 1, 5).tolist(),
                                      np.asarray(act).tolist(), np.asarray(rel).tolist())]

    def check_segmented(self, messages: Sequence[Sequence[str]]) -> list[Report]:
        """Check messages whose sentences are already split (evaluation on gold segmentation)."""
        from .segment import Span

        prepared, spans = [], []
        for sents in messages:
            text, sp = "", []
            for s in sents:
                if text:
                    text += " "
                sp.append(Span(len(text), len(text) + len(s)))
                text += s
            prepared.append(Prepared(original=text, plain=text))
            spans.append(sp)
        return self._check_prepared(prepared, [None] * len(prepared), None, spans=spans)

    def _check_prepared(self, prepared: list[Prepared], contexts, options, spans=None) -> list[Report]:
        if not prepared:
            return []
        if spans is None:
            spans = [self.segment(p.plain) for p in prepared]
        messages = [[p.plain[s.start:s.end] for s in sp] for p, sp in zip(prepared, spans)]
        probs = self.sentence_probabilities(messages)
        msg_scores = self.score_messages(messages, probs)
        labels = self._sentence_labels(probs)
        reports, pos = [], 0
        for p, sp, m, ms, ctx in zip(prepared, spans, messages, msg_scores, contexts):
            n = len(m)
            reports.append(self._report(p, sp, labels[pos:pos + n], ms, ctx, options))
            pos += n
        return reports

    def _sentence_labels(self, probs: dict) -> list[tuple]:
        """Per sentence (kind, specificity score, boilerplate level, tone, kind scores, tone scores),
        decided for the whole batch at once and handed over as plain Python values."""
        if not probs:
            return []
        kind_p = probs["kind"]
        spec_p = probs["specificity"]
        bp_p = probs["boilerplate"]
        high = self.thresholds.get("boilerplate_high")
        if high is None:
            bp_idx = bp_p.argmax(1)
        else:
            bp_idx = np.where(bp_p[:, 2] >= high, 2, bp_p[:, :2].argmax(1))
        kinds = [KIND_ORDER[i] for i in kind_p.argmax(1).tolist()]
        spec_a = spec_p[:, 1] * 0.5 + spec_p[:, 2]
        # the rubric: boilerplate "none" for every specific sentence (rubric 2); the two heads are trained
        # apart, and a sentence read as clearly specific is not also called stock wording
        bp_idx = np.where((bp_idx == 2) & (spec_a >= SPECIFIC_IS_NOT_BOILERPLATE), 0, bp_idx)
        bps = [BOILERPLATE[i] for i in bp_idx.tolist()]
        spec = spec_a.tolist()
        tone_p = np.column_stack([probs[t] for t in TONE_HEADS])
        flagged = (tone_p >= np.array([self.thresholds.get(t, 0.5) for t in TONE_HEADS])).tolist()
        out = []
        for kind, sc, bp, ks, ts, fl in zip(kinds, spec, bps, kind_p.tolist(), tone_p.tolist(), flagged):
            tone = tuple(t for t, f in zip(TONE_HEADS, fl) if f) if True in fl else ()
            out.append((kind, sc, bp, tone, dict(zip(KIND_ORDER, ks)), dict(zip(TONE_HEADS, ts))))
        return out

    def _report(self, p: Prepared, spans, labels: list[tuple], ms: dict, context, options) -> Report:
        sentences = []
        for sp, (kind, spec_score, bp, tone, kind_scores, tone_scores) in zip(spans, labels):
            start, end = p.to_original(sp.start, sp.end)
            sentences.append(SentenceResult(
                start=start, end=end, text=p.original[start:end], kind=kind,
                specificity=spec_score, boilerplate=bp, tone=tone,
                kind_scores=kind_scores, tone_scores=tone_scores,
            ))
        findings: list[Finding] = []
        rule_warnings: list[str] = []
        if self.rules is not None:
            sentences, findings = self.rules.apply(p, sentences, context=context, options=options, spans=spans,
                                                   actionable=ms["actionable"] >= 0.5, warnings=rule_warnings)
        risky = any("risky" in s.tone for s in sentences)
        harsh = any("harsh" in s.tone for s in sentences)
        warnings = (*p.warnings, *rule_warnings) if rule_warnings else p.warnings
        extra = content_warning(p.plain, any(s.kind == "decision" for s in sentences))
        if extra is not None:
            warnings = (*warnings, extra)
        several = pasted_messages(p.plain)
        if several > 1:
            warnings = (*warnings, SEVERAL_MESSAGES.format(n=several))
        spec = rubric_to_score(ms["specificity"])
        warm = rubric_to_score(ms["warmth"])
        return Report(
            model_version=self.model_version,
            specificity=spec, warmth=warm, overall=overall_score(spec, warm, risky, harsh),
            actionable=ms["actionable"] >= 0.5, relationship=ms["relationship"] >= 0.5, risky=risky,
            sentences=tuple(sentences), findings=tuple(findings), warnings=tuple(warnings),
            rubric={"specificity": round(ms["specificity"], 2), "warmth": round(ms["warmth"], 2),
                    "actionable_probability": round(ms["actionable"], 3),
                    "relationship_probability": round(ms["relationship"], 3)},
            english=p.english,
        )
