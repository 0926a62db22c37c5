"""Surface-cue stress test: does the checker's judgement survive rewrites that keep the meaning?

The rubric scores what a message tells the candidate, not how it is typed. Each perturbation below
keeps the content of a held-out message and changes only a surface cue that a model could lean
on (capital letters, stock openers, spelling variety, line layout, the names used, the footers
mail clients add, typing errors, and particulars of the job padded into stock phrases). A robust
checker barely moves; a checker that learned our writers' habits moves a lot.

For every perturbation it reports, over the test split:

* mean absolute change of the message specificity and warmth scores (0-100 scale);
* the share of messages whose rubric score (1-5, rounded) changes;
* where the perturbed message has the same number of sentences, the share of sentences whose
  boilerplate=high decision, specificity band (< 0.25, < 0.75, above: rubric 0, 1, 2) or tone
  flags change, whose band rises to 2 (specific), and of the boilerplate=high ones the share kept.

    python -m training robustness [--profile fast] [--limit 400]
"""
from __future__ import annotations

import random
import re
from dataclasses import dataclass
from typing import Callable

import numpy as np

from model.names import find_names

from .train import lower_keep_fields

# US -> British spellings of words common in rejection mail (and the reverse for British texts).
_SPELLING = {
    "organization": "organisation", "organizations": "organisations", "recognize": "recognise",
    "recognized": "recognised", "prioritize": "prioritise", "prioritized": "prioritised",
    "center": "centre", "program": "programme", "behavior": "behaviour", "favorable": "favourable",
    "color": "colour", "analyze": "analyse", "analyzed": "analysed", "apologize": "apologise",
    "realize": "realise", "realized": "realised", "emphasize": "emphasise", "specialize": "specialise",
    "résumé": "CV", "honor": "honour", "honored": "honoured", "enroll": "enrol",
    "modeling": "modelling", "traveled": "travelled", "canceled": "cancelled", "labor": "labour",
}
_SPELLING_BACK = {v: k for k, v in _SPELLING.items() if v != "CV"}
_SPELL_RE = re.compile(r"\b(" + "|".join(map(re.escape, sorted(_SPELLING, key=len, reverse=True))) + r")\b")
_BACK_RE = re.compile(r"\b(" + "|".join(map(re.escape, sorted(_SPELLING_BACK, key=len, reverse=True))) + r")\b")

# Real first names, surnames and company words that are also ordinary English words: the hard case
# for a name detector that relies on a dictionary (the model masks unknown capitalised words).
_WORD_NAMES = ["Grace", "Hunter", "Summit", "Harbor", "Willow", "Mason", "Apex", "Beacon", "Rose", "Joy",
               "Bishop", "Hope", "Cliff", "Pearl", "Crest", "Sterling", "Victory", "Meadow", "Frank", "Baker"]


def lowercase(text: str, rng: random.Random) -> str:
    """Typed in lower case (chat style, phone keyboards); unfilled merge fields stay as they are."""
    return lower_keep_fields(text)


def stock_opener(text: str, rng: random.Random) -> str:
    """'Unfortunately,' added before the first sentence that states the outcome without it."""
    m = re.search(r"(?m)(?<=[.!?]\s)(We|I)( (?:have decided|had decided|decided|will not|won't|cannot|can't|"
                  r"are not able|are unable|am unable|have chosen|chose|are not moving|are not progressing)\b)", text)
    if not m or re.search(r"\bunfortunately\b", text, re.I):
        return text
    pronoun = "I" if m.group(1) == "I" else "we"
    return text[:m.start()] + "Unfortunately, " + pronoun + text[m.end(1):]


def respell(text: str, rng: random.Random) -> str:
    """American spellings made British, or British made American."""
    if _SPELL_RE.search(text):
        return _SPELL_RE.sub(lambda m: _SPELLING[m.group(1)], text)
    return _BACK_RE.sub(lambda m: _SPELLING_BACK[m.group(1)], text)


def one_paragraph(text: str, rng: random.Random) -> str:
    """Body paragraphs run together (what some ATS exports and phone clients do)."""
    return re.sub(r"[ \t]*\n\s*\n[ \t]*", "\n", text)


def rename(text: str, rng: random.Random) -> str:
    """Every detected person, company or team name swapped for a name that is also an English word
    ("Grace", "Summit", "Baker")."""
    spans, _ = find_names(text)
    names = sorted({text[s:e] for s, e in spans}, key=len, reverse=True)
    if not names:
        return text
    pool = _WORD_NAMES[:]
    rng.shuffle(pool)
    swap = {n: pool[i % len(pool)] for i, n in enumerate(names)}
    pat = re.compile(r"\b(" + "|".join(map(re.escape, names)) + r")\b")
    return pat.sub(lambda m: swap[m.group(1)], text)


_FURNITURE = [
    "Sent from my iPhone",
    "Sent from my Galaxy",
    "This e-mail and any files sent with it are confidential and intended solely for the addressee. If you "
    "have received it in error, please tell the sender and delete it.",
    "Please consider the environment before printing this e-mail.\nNorthgate Holdings Ltd is registered in "
    "England and Wales, company number 04417700.",
]


def email_furniture(text: str, rng: random.Random) -> str:
    """A mobile signature line or a legal notice added after the sign-off, as mail clients and company
    servers do; a third of the time also an external-sender banner on top."""
    out = text.rstrip() + "\n\n" + rng.choice(_FURNITURE)
    if rng.random() < 1 / 3:
        out = "CAUTION: This email originated from outside the organisation. Do not open attachments you " \
              "did not expect.\n\n" + out
    return out


_LONG_WORD = re.compile(r"\b[a-z]{5,}\b")


def typos(text: str, rng: random.Random) -> str:
    """About one lower-case word in sixteen (of five letters or more) mistyped: two letters swapped,
    one dropped or one doubled, as hurried real mail has them."""
    def mistype(m: re.Match) -> str:
        w = m.group(0)
        if rng.random() >= 1 / 16:
            return w
        i = rng.randrange(1, len(w) - 2)
        op = rng.random()
        if op < 0.5:
            return w[:i] + w[i + 1] + w[i] + w[i + 2:]
        return w[:i] + w[i + 1:] if op < 0.8 else w[:i] + w[i] + w[i:]
    return _LONG_WORD.sub(mistype, text)


# Particulars that name the role, the company or a reference but say nothing about the candidate:
# generic text dressed up as specific (the rubric's specificity 1 at most, never 2).
_ROLES = ["Senior Data Engineer", "Regional Sales Manager", "Staff Nurse (Band 5)", "Graduate Software Developer",
          "Assistant Store Manager", "Client Services Executive", "Payroll Officer", "Site Reliability Lead"]
_COMPANIES = ["Northbridge Logistics", "Kaveri Foods", "Halden & Moss", "Trellis Health", "Orbitra Labs"]
_OFFICES = ["Leeds", "Pune", "Austin", "Dublin", "Bristol", "Hyderabad"]
_DRESSINGS = (
    (re.compile(r"\byour application\b", re.I),
     lambda r: f"your application for the {r.choice(_ROLES)} position (ref. R-{r.randint(10000, 99999)})"),
    (re.compile(r"\bthe (?:position|role|opportunity)\b", re.I),
     lambda r: f"the {r.choice(_ROLES)} {r.choice(['position', 'role'])} at {r.choice(_COMPANIES)}"),
    (re.compile(r"\bother candidates\b", re.I),
     lambda r: f"other candidates for the {r.choice(_ROLES)} opening in our {r.choice(_OFFICES)} office"),
    (re.compile(r"\bour (?:team|company)\b", re.I),
     lambda r: f"the {r.choice(_COMPANIES)} {r.choice(['team', 'hiring panel'])}"),
)


def dressed_up(text: str, rng: random.Random) -> str:
    """Stock phrases padded with a role title, a company, an office or a reference number ("your
    application for the Payroll Officer position (ref. R-20417)"): particulars of the job, not of the
    candidate. Boilerplate stays boilerplate, and nothing becomes specific (rubric 2)."""
    def dress(m: re.Match, dressing) -> str:
        out = dressing(rng)
        return out[0].upper() + out[1:] if m.group(0)[0].isupper() else out  # "Your application ..."
    for pattern, dressing in _DRESSINGS:
        text = pattern.sub(lambda m: dress(m, dressing), text, count=1)
    return text


PERTURBATIONS: dict[str, Callable[[str, random.Random], str]] = {
    "lowercase": lowercase, "stock_opener": stock_opener, "respell": respell,
    "one_paragraph": one_paragraph, "rename": rename, "email_furniture": email_furniture,
    "typos": typos, "dressed_up": dressed_up,
}


@dataclass
class Shift:
    changed: int          # messages the perturbation altered
    spec_abs: float       # mean |change| of the specificity score (0-100)
    warm_abs: float
    spec_rubric: float    # share of altered messages whose rounded rubric specificity changed
    warm_rubric: float
    same_split: float     # share of altered messages segmented into the same number of sentences
    bp_flip: float        # among those messages' sentences: boilerplate=high decision changed
    spec_flip: float      # specificity band (rubric 0/1/2) changed
    tone_flip: float      # tone flags changed
    to_specific: float    # specificity band rose to 2 (specific) from below
    high_kept: float      # of the sentences called boilerplate=high before, the share still called so


def _band(score: float) -> int:
    """The rubric level a sentence specificity score stands for (0 generic, 1 contextual, 2 specific)."""
    return 0 if score < 0.25 else 1 if score < 0.75 else 2


def _stress(checker, texts: list[str], name: str, fn, seed: int) -> Shift | None:
    rng = random.Random(seed)
    pairs = [(t, fn(t, rng)) for t in texts]
    pairs = [(a, b) for a, b in pairs if b != a and b.strip()]
    if not pairs:
        return None
    before = checker.check_batch([a for a, _ in pairs], on_error="return")
    after = checker.check_batch([b for _, b in pairs], on_error="return")
    ok = [(x, y) for x, y in zip(before, after) if not isinstance(x, Exception) and not isinstance(y, Exception)]
    ds = [abs(x.specificity - y.specificity) for x, y in ok]
    dw = [abs(x.warmth - y.warmth) for x, y in ok]
    rs = [round(x.rubric["specificity"]) != round(y.rubric["specificity"]) for x, y in ok]
    rw = [round(x.rubric["warmth"]) != round(y.rubric["warmth"]) for x, y in ok]
    same = [(x, y) for x, y in ok if len(x.sentences) == len(y.sentences)]
    flips = {"bp": [], "spec": [], "tone": [], "up": [], "kept": []}
    for x, y in same:
        for a, b in zip(x.sentences, y.sentences):
            flips["bp"].append((a.boilerplate == "high") != (b.boilerplate == "high"))
            flips["spec"].append(_band(a.specificity) != _band(b.specificity))
            flips["tone"].append(set(a.tone) != set(b.tone))
            flips["up"].append(_band(a.specificity) < 2 and _band(b.specificity) == 2)
            if a.boilerplate == "high":
                flips["kept"].append(b.boilerplate == "high")

    def mean(v):
        return float(np.mean(v)) if v else float("nan")

    return Shift(len(ok), mean(ds), mean(dw), mean(rs), mean(rw), len(same) / max(1, len(ok)),
                 mean(flips["bp"]), mean(flips["spec"]), mean(flips["tone"]), mean(flips["up"]),
                 mean(flips["kept"]))


def run_robustness(checker, records: list[dict], seed: int = 13, only: tuple[str, ...] = ()) -> dict[str, Shift]:
    texts = [r["text"] for r in records if r.get("format") != "html"]
    out = {}
    for name, fn in PERTURBATIONS.items():
        if only and name not in only:
            continue
        res = _stress(checker, texts, name, fn, seed)
        if res is not None:
            out[name] = res
    return out


def format_shifts(shifts: dict[str, Shift]) -> str:
    head = ("| perturbation | messages | Δspec | Δwarmth | rubric spec changed | rubric warmth changed "
            "| same split | bp=high flips | spec band flips | tone flips | became specific | bp=high kept |")
    rows = [head, "|" + "---|" * 12]
    for name, s in shifts.items():
        rows.append(f"| {name} | {s.changed} | {s.spec_abs:.1f} | {s.warm_abs:.1f} | {s.spec_rubric:.0%} | "
                    f"{s.warm_rubric:.0%} | {s.same_split:.0%} | {s.bp_flip:.1%} | {s.spec_flip:.1%} | "
                    f"{s.tone_flip:.1%} | {s.to_specific:.1%} | {s.high_kept:.1%} |")
    return "\n".join(rows)
