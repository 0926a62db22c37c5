"""Rules as data: boilerplate phrases, tone and risk terms, structure checks, suggestions.

Rule files live in data/rules/*.yaml. Python here implements rule *types*:

* ``phrase``   – a span pattern (boilerplate, tone or risk) matched with spaCy's Matcher over
                 lower-cased tokens, with inflection and alternatives (see PATTERN SYNTAX);
                 ``skip_if_specific`` lets the trained sentence model veto a boilerplate hit when
                 the sentence carries real, candidate-specific content.
* label findings – the trained model's sentence labels (boilerplate=high, harsh, cold, risky)
                 surfaced as findings when no phrase rule already explains them.
* structure    – message-level checks (no reason, generic reason, no next step, ...).

PATTERN SYNTAX (one phrase per string, tokens separated by spaces):
  ``word``        the word, case-insensitive         ``a|b|c``   any of the alternatives
  ``word~``       the word or its inflections          ``x?``      optional token (also ``a|b?``)
  ``*``           exactly one token of any kind         ``*?``     zero or one token of any kind
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

import yaml

from .nlp import blank_pipeline
from .report import CATEGORIES, SEVERITIES, Finding, SentenceResult
from .segment import MERGE_FIELD

RULES_DIR = Path(__file__).resolve().parent.parent / "data" / "rules"
SEVERITY_RANK = {s: i for i, s in enumerate(SEVERITIES)}

SLOTS = {
    "name": "[candidate's first name]",
    "role": "[role]",
    "company": "[company]",
    "stage": "[the stage they reached, e.g. the final interview]",
    "effort": "[what they did for you, e.g. the take-home exercise]",
    "strength": "[one specific thing they did well]",
    "gap": "[the one skill the role needed that they lacked]",
    "advice": "[one concrete step that would strengthen a future application]",
    "opening": "[a specific team or role that opens soon]",
    "timeframe": "[when]",
    "recruiter": "[your name]",
}


def inflections(word: str) -> list[str]:
    w = word.lower()
    forms = {w}
    if w.endswith("e"):
        forms |= {w + "s", w + "d", w[:-1] + "ing"}
    elif w.endswith("y") and len(w) > 2 and w[-2] not in "aeiou":
        forms |= {w[:-1] + "ies", w[:-1] + "ied", w + "ing"}
    elif re.search(r"(s|x|z|ch|sh)$", w):
        forms |= {w + "es", w + "ed", w + "ing"}
    else:
        forms |= {w + "s", w + "ed", w + "ing"}
        if re.search(r"[^aeiou][aeiou][bdgmnpt]$", w) and len(w) <= 4:
            forms |= {w + w[-1] + "ed", w + w[-1] + "ing"}
    irregular = {"make": ["made"], "find": ["found"], "feel": ["felt"], "keep": ["kept"], "think": ["thought"],
                 "choose": ["chose", "chosen"], "go": ["went", "gone", "goes"], "have": ["had", "has", "having"],
                 "be": ["is", "are", "was", "were", "been", "being"], "meet": ["met"], "hold": ["held"],
                 "get": ["got", "gotten"], "give": ["gave", "given"], "take": ["took", "taken"],
                 "come": ["came"], "seek": ["sought"], "write": ["wrote", "written"]}
    forms |= set(irregular.get(w, []))
    return sorted(forms)


def compile_pattern(pattern: str) -> list[dict]:
    tokenizer = blank_pipeline().tokenizer
    spec: list[dict] = []
    for raw in pattern.split():
        optional = raw.endswith("?") and len(raw) > 1
        tok = raw[:-1] if optional else raw
        if tok == "*":
            d: dict = {}
        elif "|" in tok:
            alts: list[str] = []
            for a in tok.split("|"):
                alts.extend(inflections(a[:-1]) if a.endswith("~") else [a.lower()])
            d = {"LOWER": {"IN": alts}}
        elif tok.endswith("~"):
            d = {"LOWER": {"IN": inflections(tok[:-1])}}
        else:
            pieces = [t.text.lower() for t in tokenizer(tok)]
            for p in pieces[:-1]:
                spec.append({"LOWER": p, **({"OP": "?"} if optional else {})})
            d = {"LOWER": pieces[-1]}
        if optional:
            d["OP"] = "?"
        spec.append(d)
    return spec


@dataclass(frozen=True)
class Rule:
    id: str
    category: str
    severity: str
    message: str
    rationale: str = ""
    patterns: tuple[str, ...] = ()
    unless: tuple[str, ...] = ()
    skip_if_specific: bool = False
    tone: str | None = None
    risk: str | None = None
    suggestions: tuple[str, ...] = ()
    examples: dict = field(default_factory=dict, compare=False)

    @classmethod
    def from_dict(cls, d: dict) -> "Rule":
        for key in ("id", "category", "severity", "message"):
            if key not in d:
                raise ValueError(f"rule {d.get('id', '?')} lacks {key!r}")
        if d["category"] not in CATEGORIES or d["severity"] not in SEVERITIES:
            raise ValueError(f"rule {d['id']}: bad category or severity")
        if not re.fullmatch(r"[a-z0-9_]+(\.[a-z0-9_]+)+", d["id"]):
            raise ValueError(f"rule id {d['id']!r} is not dotted lower_snake")
        return cls(id=d["id"], category=d["category"], severity=d["severity"], message=d["message"],
                   rationale=d.get("rationale", ""), patterns=tuple(d.get("patterns", ())),
                   unless=tuple(d.get("unless", ())), skip_if_specific=bool(d.get("skip_if_specific", False)),
                   tone=d.get("tone"), risk=d.get("risk"), suggestions=tuple(d.get("suggestions", ())),
                   examples=d.get("examples", {}) or {})


class _Slots(dict):
    def __missing__(self, key):
        return SLOTS.get(key, f"[{key}]")


def fill(template: str, context: dict | None, draft_text: str = "") -> str:
    """Fill a suggestion template from the recruiter's context; leave explicit slots otherwise.
    Never invents facts: a missing fact stays a bracketed slot for the recruiter to fill."""
    ctx = context or {}
    values = _Slots()

    def first(v):
        if isinstance(v, (list, tuple)):
            return v[0] if v else None
        return v

    mapping = {"name": ctx.get("candidate_name"), "role": ctx.get("role"), "company": ctx.get("company"),
               "stage": ctx.get("stage"), "effort": ctx.get("effort") or ctx.get("stage"),
               "strength": first(ctx.get("strengths")), "gap": first(ctx.get("gaps")),
               "advice": first(ctx.get("advice")), "opening": first(ctx.get("upcoming_openings")),
               "recruiter": ctx.get("recruiter_name"), "timeframe": ctx.get("timeframe")}
    for k, v in mapping.items():
        if v:
            values[k] = str(v).strip().rstrip(".")
    if "name" not in values:
        m = MERGE_FIELD.search(draft_text)
        if m and re.search(r"name", m.group(0), re.I):
            values["name"] = m.group(0)  # keep the draft's own merge field
    return template.format_map(values)


STRUCTURE_RULES = {
    "structure.no_reason": Rule(
        "structure.no_reason", "structure", "high",
        "The message never says why. One true, specific reason is the most useful thing a rejection can give.",
        "Candidates rate feedback as the thing they most want from a rejection.",
        suggestions=("We decided not to move forward because {gap}; {strength} stood out, and {advice} "
                     "would make a strong difference next time.",)),
    "structure.generic_reason": Rule(
        "structure.generic_reason", "structure", "high",
        "The only reason given is generic: it could be sent to anyone for any role.",
        "A generic reason reads as no reason and invites the candidate to guess.",
        suggestions=("The main reason is that the {role} role needs {gap}, which didn't come through in {stage}.",)),
    "structure.no_thanks_for_effort": Rule(
        "structure.no_thanks_for_effort", "structure", "low",
        "The candidate put in real effort (interviews, an exercise) but the message doesn't thank them for it.",
        "Naming their effort shows the message was written for them.",
        suggestions=("Thank you for the time you put into {effort}; {strength}.",)),
    "structure.no_next_step": Rule(
        "structure.no_next_step", "structure", "low",
        "No concrete next step: no advice, no named opening, no person to stay in touch with.",
        "A specific next step keeps the relationship; 'we'll keep your CV on file' does not.",
        suggestions=("If you {advice}, I'd be glad to hear from you again; {opening} may be a good fit.",)),
    "structure.buried_decision": Rule(
        "structure.buried_decision", "structure", "low",
        "The decision only appears after the second paragraph; say it early and plainly.",
        "Candidates scan for the outcome; burying it reads as evasive."),
    "structure.too_long": Rule(
        "structure.too_long", "structure", "info",
        "The message is far longer than it needs to be; keep the reason, the thanks and one next step.",
        "Long rejections dilute the one useful sentence."),
    "structure.unfilled_merge_field": Rule(
        "structure.unfilled_merge_field", "structure", "info",
        "Unfilled merge field: make sure your ATS fills it before sending.",
        "A visible placeholder tells the candidate nobody read the message."),
}

LABEL_RULES = {
    "boilerplate.generic_sentence": Rule(
        "boilerplate.generic_sentence", "boilerplate", "low",
        "Generic sentence: it could be sent unchanged to any candidate for any role.",
        "Stock wording carries no information for the candidate.",
        suggestions=("Replace it with something only this candidate could receive, e.g. {strength}.",)),
    "boilerplate.generic_reason": Rule(
        "boilerplate.generic_reason", "boilerplate", "high",
        "Generic reason: it says a decision was made, not why.",
        "'Other candidates were a closer match' tells the candidate nothing they can use.",
        suggestions=("We are not moving forward because the {role} role needs {gap}, and {stage} "
                     "didn't show enough of it yet.",)),
    "tone.harsh": Rule(
        "tone.harsh", "tone", "high",
        "Harsh: this criticises the person rather than describing the gap in the work.",
        "Blunt judgements of the person hurt and invite disputes; describe the evidence instead.",
        suggestions=("Describe the work, not the person: 'In {stage}, {gap} didn't come through yet.'",)),
    "tone.cold": Rule(
        "tone.cold", "tone", "low",
        "Cold: curt or bureaucratic where a person would write warmly.",
        "A human sentence costs nothing and keeps the relationship.",
        suggestions=("Thank you for the time you gave us, {name}; I'm sorry this isn't better news.",)),
    "risk.model": Rule(
        "risk.model", "risk", "high",
        "This may refer to a protected characteristic, promise a job, or disclose someone else's details.",
        "Anything that hints at age, gender, family, religion, nationality, disability or health "
        "creates legal risk and unfairness.",
        suggestions=("Remove this sentence; give a reason about the work, e.g. {gap}.",)),
}


class RuleEngine:
    """Applies phrase rules, label findings and structure checks to one checked message."""

    def __init__(self, rules: list[Rule], config: dict | None = None):
        self.rules = {r.id: r for r in rules}
        self.config = config or {}
        self._matcher = None
        self._unless = None

    @classmethod
    def load(cls, rules_dir: Path | None = None, config_path: str | Path | None = None) -> "RuleEngine":
        rules_dir = Path(rules_dir) if rules_dir else RULES_DIR
        rules: list[Rule] = []
        seen: set[str] = set()
        for path in sorted(rules_dir.glob("*.yaml")):
            doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            for d in doc.get("rules", []):
                r = Rule.from_dict(d)
                if r.id in seen:
                    raise ValueError(f"duplicate rule id {r.id} in {path}")
                seen.add(r.id)
                rules.append(r)
        config = {}
        config_path = config_path or os.environ.get("REJECTCHECK_CONFIG")
        if config_path:
            config = yaml.safe_load(Path(config_path).read_text(encoding="utf-8")) or {}
            for d in config.get("phrases", []):
                rules.append(Rule.from_dict({"category": "boilerplate", "severity": "low", **d}))
        return cls(rules, config)

    def all_rules(self) -> list[Rule]:
        return list(self.rules.values()) + list(LABEL_RULES.values()) + list(STRUCTURE_RULES.values())

    @property
    def matcher(self):
        if self._matcher is None:
            from spacy.matcher import Matcher

            vocab = blank_pipeline().vocab
            m, u = Matcher(vocab), Matcher(vocab)
            for r in self.rules.values():
                if r.patterns:
                    m.add(r.id, [compile_pattern(p) for p in r.patterns])
                if r.unless:
                    u.add(r.id, [compile_pattern(p) for p in r.unless])
            self._matcher, self._unless = m, u
        return self._matcher

    def phrase_hits(self, text: str, extra: list[Rule] = ()) -> list[tuple[Rule, int, int]]:
        """(rule, start, end) character spans of phrase-rule matches in `text`, longest first."""
        matcher = self.matcher
        doc = blank_pipeline().make_doc(text)
        vetoed = ({doc.vocab.strings[mid] for mid, _, _ in self._unless(doc)} if len(self._unless) else set())
        hits = []
        for mid, s, e in (matcher(doc) if len(matcher) else []):
            rid = doc.vocab.strings[mid]
            if rid in vetoed:
                continue
            span = doc[s:e]
            hits.append((self.rules[rid], span.start_char, span.end_char))
        # keep the longest non-overlapping match per category
        hits.sort(key=lambda h: (h[1], -(h[2] - h[1])))
        out, last_end = [], {}
        for r, s, e in hits:
            if s < last_end.get(r.category, -1):
                continue
            out.append((r, s, e))
            last_end[r.category] = e
        return out

    # ---- applying ----------------------------------------------------------------------------
    def apply(self, prepared, sentences: list[SentenceResult], context=None, options=None):
        opts = {**self.config, **(options or {})}
        disabled = set(opts.get("disabled_rules", ()))
        threshold = SEVERITY_RANK.get(opts.get("severity_threshold", "info"), 0)
        extra = [Rule.from_dict({"category": "boilerplate", "severity": "low", **d})
                 for d in (options or {}).get("phrases", [])]
        engine = self if not extra else RuleEngine(list(self.rules.values()) + extra, self.config)
        text = prepared.original
        findings: list[Finding] = []
        out_sents: list[SentenceResult] = []
        for s in sentences:
            explained: set[str] = set()
            tone = list(s.tone)
            for rule, a, b in engine.phrase_hits(s.text):
                if rule.skip_if_specific and s.specificity >= 0.5:
                    continue  # a stock phrase with genuine content attached is not empty
                if rule.tone and rule.tone not in tone:
                    tone.append(rule.tone)
                explained.add(rule.tone or rule.category)
                findings.append(self._finding(rule, s.start + a, s.start + b, context, text, evidence=s.text[a:b]))
            if s.boilerplate == "high" and "boilerplate" not in explained:
                rid = "boilerplate.generic_reason" if s.kind in ("reason", "decision") else "boilerplate.generic_sentence"
                findings.append(self._finding(LABEL_RULES[rid], s.start, s.end, context, text))
            for t, rid in (("harsh", "tone.harsh"), ("cold", "tone.cold"), ("risky", "risk.model")):
                if t in s.tone and t not in explained:
                    findings.append(self._finding(LABEL_RULES[rid], s.start, s.end, context, text))
            order = ("cold", "harsh", "risky")
            out_sents.append(replace(s, tone=tuple(t for t in order if t in tone)) if tuple(tone) != s.tone else s)
        findings.extend(self.structure(prepared, out_sents, context))
        findings = [f for f in findings if f.rule not in disabled and SEVERITY_RANK[f.severity] >= threshold]
        findings.sort(key=lambda f: (f.start, -SEVERITY_RANK[f.severity]))
        return out_sents, findings

    def _finding(self, rule: Rule, start: int, end: int, context, text: str, evidence: str = "") -> Finding:
        return Finding(rule=rule.id, category=rule.category, severity=rule.severity, start=start, end=end,
                       message=rule.message, rationale=rule.rationale, evidence=evidence,
                       suggestions=tuple(fill(t, context, text) for t in rule.suggestions))

    def structure(self, prepared, sents: list[SentenceResult], context) -> list[Finding]:
        text = prepared.original
        out: list[Finding] = []
        content = [s for s in sents if s.kind != "other"]
        if not sents:
            return out
        whole = (sents[0].start, sents[-1].end)
        reasons = [s for s in content if s.kind == "reason"]
        specific_decision = [s for s in content if s.kind == "decision" and s.specificity >= 0.5]
        if content and not reasons and not specific_decision:
            out.append(self._finding(STRUCTURE_RULES["structure.no_reason"], *whole, context, text))
        elif reasons and max(s.specificity for s in reasons + specific_decision) < 0.35:
            worst = reasons[0]
            out.append(self._finding(STRUCTURE_RULES["structure.generic_reason"], worst.start, worst.end, context, text))
        effort_words = re.compile(r"\b(interview\w*|take-home|assessment|case study|exercise|assignment|"
                                  r"presentation|portfolio|trial shift|task|test)\b", re.I)
        had_effort = (context or {}).get("stage") or effort_words.search(text)
        thanked = any(s.kind == "appreciation" and s.specificity >= 0.45 for s in content)
        if had_effort and not thanked:
            out.append(self._finding(STRUCTURE_RULES["structure.no_thanks_for_effort"], *whole, context, text))
        if content and not any(s.kind in ("advice", "future") and s.specificity >= 0.5 for s in content):
            out.append(self._finding(STRUCTURE_RULES["structure.no_next_step"], *whole, context, text))
        decisions = [s for s in content if s.kind == "decision"]
        if decisions:
            para = text[:decisions[0].start].count("\n\n")
            if para >= 3:
                d = decisions[0]
                out.append(self._finding(STRUCTURE_RULES["structure.buried_decision"], d.start, d.end, context, text))
        words = sum(len(s.text.split()) for s in sents)
        if words > 300:
            out.append(self._finding(STRUCTURE_RULES["structure.too_long"], *whole, context, text))
        for m in MERGE_FIELD.finditer(text[: whole[1]]):
            out.append(replace(self._finding(STRUCTURE_RULES["structure.unfilled_merge_field"], m.start(), m.end(),
                                             context, text), evidence=m.group(0)))
        return out


@lru_cache(maxsize=1)
def default_engine() -> RuleEngine:
    return RuleEngine.load()
