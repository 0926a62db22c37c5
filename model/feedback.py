"""Interviewer notes -> candidate-safe, specific feedback (no generative model; offline, CPU).

    >>> result = checker.draft_feedback("weak on SQL joins; great rapport w/ team; seemed old for us; "
    ...                                 "maybe data analyst role in Q2?")
    >>> result.feedback[0].text, result.relationship, result.dropped[0].category

Steps, each driven by data (data/notes/lexicon.yaml, data/templates/feedback.yaml):

1. **split** the notes on newlines, bullets, ``;``, ``|`` and sentence ends; commas and "but" split
   further when the piece after them carries a judgement of its own ("strong Python, SQL" stays one);
   "Pros:"/"Cons:" headings and ``+``/``-`` markers give the remarks after them a polarity.
2. **normalise** each remark: shorthand expanded ("w/" -> "with"), filler dropped, third person turned
   into second ("her portfolio" -> "your portfolio"), known terms capitalised ("sql" -> "SQL").
3. **classify**: risky (the checker's own risk rules, extra rules for terse notes, and the trained
   `risky` head), then private / not-about-the-work / logistics / not-feedback (lexicon regexes), next step,
   advice, and strength or gap by the balance of cue words.
4. **rewrite** kept remarks with templates; when a Checker is given, its sentence model picks the
   most specific, least harsh of the template variants.
5. **assemble** a short message and check it with the Checker: any sentence that still draws a risk
   finding is removed and reported.

Every remark that is not used comes back in ``dropped`` with its category and the reason.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from .paths import data_path, read_yaml
from .errors import InputError
from .names import entity_label, is_adverb, is_known_word, names_person
from .rules import _IMPERATIVE, clean_context
from .segment import _ABBREV_END_ANY_CASE, ANY_MERGE_FIELD, EMAIL_ADDRESS, fast_segment, may_hold_merge_field
from .text import checked_text, has_words, html_to_text, without_control_characters

LEXICON_PATH = data_path("notes", "lexicon.yaml")
TEMPLATES_PATH = data_path("templates", "feedback.yaml")
MAX_NOTES_CHARS = 8000
KEPT_KINDS = ("strength", "gap", "advice")
DROP_CATEGORIES = ("risky", "private", "not_about_work", "logistics", "not_feedback", "unclear")


# ---- results -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Remark:
    """One remark from the notes, as written and as classified."""

    note: str
    text: str
    kind: str                # strength | gap | advice | next_step | dropped
    category: str = ""       # for dropped remarks: one of DROP_CATEGORIES
    reason: str = ""
    topic: str = ""

    def to_dict(self) -> dict:
        return {"note": self.note, "text": self.text, "kind": self.kind, "category": self.category,
                "reason": self.reason, "topic": self.topic}


@dataclass(frozen=True)
class FeedbackItem:
    text: str
    source_note: str
    kind: str                # strength | gap | advice
    specificity: float | None = None

    def to_dict(self) -> dict:
        d = {"text": self.text, "source_note": self.source_note, "kind": self.kind}
        if self.specificity is not None:
            d["specificity"] = round(float(self.specificity), 3)
        return d


@dataclass(frozen=True)
class DroppedRemark:
    note: str
    reason: str
    category: str

    def to_dict(self) -> dict:
        return {"note": self.note, "reason": self.reason, "category": self.category}


@dataclass(frozen=True)
class FeedbackDraft:
    """What `draft_feedback` returns; `to_dict()` is the JSON the API serves."""

    feedback: tuple[FeedbackItem, ...]
    relationship: str | None
    dropped: tuple[DroppedRemark, ...]
    draft: str
    warnings: tuple[str, ...] = ()
    remarks: tuple[Remark, ...] = field(default=(), compare=False)

    def to_dict(self) -> dict:
        return {"feedback": [f.to_dict() for f in self.feedback], "relationship": self.relationship,
                "dropped": [d.to_dict() for d in self.dropped], "draft": self.draft,
                "warnings": list(self.warnings)}


# ---- data ----------------------------------------------------------------------------------------

def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


class Lexicon:
    """The notes lexicon and the feedback templates, compiled once."""

    def __init__(self, lexicon: dict, templates: dict):
        self.data = lexicon
        self.templates = templates
        abbr = lexicon.get("abbreviations", {}) or {}
        terms = lexicon.get("proper_terms", []) or []
        self.abbreviations = []
        self.abbreviated = frozenset(k.lower() for k in abbr)  # "comms", "stats": shorthand, never a name
        # shorthand written in capitals, matched only so ("Obs missed on bay 3"): never a name either
        self.capital_shorthand = frozenset(k for k in abbr if any(c.isupper() for c in k))
        for k in sorted(abbr, key=len, reverse=True):
            # (never inside a dotted name: "Node.js", "Vue.js" are not "Node.JavaScript")
            # (nor inside letters joined by "&": "ID&V", "GD&T" are not "ID&very", "good&T")
            left = r"(?<![\w/])(?<!\w\.)(?<!\w&)" if k[0].isalnum() else r"(?<!\w)"
            right = r"(?![\w/])(?!&\w)" if k[-1].isalnum() else r""
            if k.lower() in ("pm", "am"):  # "at 3 pm" is a time
                left += r"(?<!\d\s)"
            # a key written in capitals matches only in capitals: "BE" is back-end, "be" the verb
            flags = 0 if any(c.isupper() for c in k) else re.I
            # ... and shorthand that a proper term or a key in capitals spells so is that term when so written, alone
            # or as the key's last word: "dbs" are databases, "DBS" the criminal-record check; "the pms" the
            # product managers, "the PMS" a hotel's property-management system
            left += "".join(rf"(?!{re.escape(k[:len(k) - len(t)])}(?-i:{re.escape(t)}){right})"
                            for t in dict.fromkeys((*terms, *sorted(self.capital_shorthand))) if t != k
                            and (k.lower() == t.lower() or k.lower().endswith(" " + t.lower())))
            self.abbreviations.append((re.compile(left + re.escape(k) + right, flags), str(abbr[k])))
        self.filler = re.compile(r"(?<!\w)(?:" + _alternation(lexicon.get("filler", [])) + r")(?!\w)", re.I)
        nouns = lexicon.get("noun_shorthand", {}) or {}
        self.noun_shorthand = {k.lower(): str(v) for k, v in nouns.items()}
        self.noun_shorthand_re = re.compile(
            r"(?i)(?:(?<![\w'])(?P<before>(?:the|her|his|their|your|of|did|do|does|doing|took|take|taking|missed|skipped|"
            r"forgot|charted|recorded|documented|full|manual|repeat|repeated)\s+)(?P<after_word>" + _alternation(nouns)
            + r")|(?<![\w'])(?P<word>" + _alternation(nouns) + r")(?=\s+(?:[a-z]+ed|done|taken|given|written|not|never|"
            r"were|was|late|missing|incomplete)\b))(?![\w'])" if nouns else r"$^")
        self.proper = {t.lower(): t for t in terms}
        # a term that is also a small English word ("US"/"us", "IT"/"it") is fixed only when written in capitals
        words = {"us", "it", "am", "pm", "as", "or", "an", "in", "on", "at", "so", "do", "rest", "sap", "agile"}
        fold = [t for t in terms if t.lower() not in words]
        exact = [t for t in terms if t.lower() in words]
        self.proper_re = re.compile(r"(?<![\w.])(" + _alternation(fold) + r")(?![\w])"
                                    + (r"|(?<![\w.])(?-i:(" + _alternation(exact) + r"))(?![\w])" if exact else ""),
                                    re.I)
        pron = lexicon.get("pronouns", {}) or {}
        self.pronouns = {k.lower(): v for k, v in pron.items()}
        self.pronoun_re = re.compile(r"(?<![\w'])(" + _alternation(pron) + r")(?![\w'])", re.I)
        self.agreement = {k.lower(): v for k, v in (lexicon.get("verb_agreement", {}) or {}).items()}
        self.singular_terms = frozenset(w.lower() for w in lexicon.get("singular_terms", []) or []) | frozenset(
            t.lower() for t in terms if not re.search(r"[A-Z]s$", t))  # not "APIs", "KPIs"
        self.word_names = frozenset(w.lower() for w in lexicon.get("word_names", []) or [])
        self.product_words = frozenset(w.lower() for w in lexicon.get("product_words", []) or [])
        praise_words = list(lexicon["strength_cues"]) + list(templates.get("strength_adjectives", {}))
        gap_words = list(lexicon["gap_cues"]) + list(templates.get("soft_adjectives", {}))
        self.strength_re = re.compile(r"(?<![\w-])(" + _alternation(praise_words) + r")(?![\w-])", re.I)
        self.gap_re = re.compile(r"(?<![\w-])(" + _alternation(gap_words) + r")(?![\w-])", re.I)
        # (`unlabelled`: the pattern reads a remark only when no label names its topic: "58" alone is an age, "Typing: 58"
        # a score)
        self.risky_regex = [(re.compile(d["pattern"], 0 if d.get("case") else re.I), d["risk"], bool(d.get("unlabelled")))
                            for d in lexicon.get("risky_regex", []) or []]
        self.risky_followers = re.compile(lexicon.get("risky_followers") or r"$^", re.I)
        self.negation_re = re.compile(r"(?:" + _alternation(lexicon["negations"]) + r")\s+(?:\w+\s+)?$", re.I)
        self.advice_re = re.compile(r"(?<!\w)(" + _alternation(lexicon["advice_cues"]) + r")(?!\w)", re.I)
        self.admin_labels = {w.lower() for w in lexicon.get("admin_labels", []) or []}
        self.sections = {}
        for kind, words in (lexicon.get("section_markers", {}) or {}).items():
            for w in words:
                self.sections[w.lower()] = kind
        self.drops = []
        for d in lexicon.get("drop", []) or []:
            for p in d["patterns"]:
                self.drops.append((re.compile(p, re.I), d["category"], d["reason"]))
        ns = lexicon["next_step"]
        self.next_step = [re.compile(p, re.I) for p in ns["patterns"]]
        self.ns_role = re.compile(ns["role"], re.I)
        self.ns_time = re.compile(ns["time"], re.I)
        self.ns_refer = re.compile(ns["refer"], re.I)
        self.ns_reapply = re.compile(ns["reapply"], re.I)
        self.soft = {k.lower(): v for k, v in templates.get("soft_adjectives", {}).items()}
        self.praise = {k.lower(): v for k, v in templates.get("strength_adjectives", {}).items()}
        self.soft_alt = _alternation(self.soft)
        self.praise_alt = _alternation(self.praise)
        self._terse_engine = None
        solo = sorted(set(lexicon.get("solo_practice", []) or []), key=len, reverse=True)
        # a short word is whole ("r", "go", "ui"); a longer one a word start ("statistic" -> "statistics")
        ways = lexicon.get("practices", []) or []
        # ("handovers in a ward setting": the practice, and where, which the advice leaves to the gap)
        self.practice = re.compile(r"(?:(?:your|the)\s+)?(?P<what>" + _alternation(ways) + r")(?:\s+(?:in|on|at|during|for|"
                                   r"with|across|under)\s+\S.*)?" if ways else r"$^", re.I)
        work = lexicon.get("handiwork", []) or []
        self.handiwork = re.compile(r"(?:(?:your|the)\s+)?(?:" + _alternation(work) + r")" if work else r"$^", re.I)
        places = lexicon.get("workspaces", []) or []
        self.workspace = re.compile(r"(?:(?:your|the)\s+)?(?:" + _alternation(places) + r")" if places else r"$^", re.I)
        self.solo_practice = re.compile(r"(?<![\w-])(?:" + "|".join(
            re.escape(w) + (r"(?![\w])" if len(w) <= 3 else "") for w in solo) + r")", re.I)

    @classmethod
    def load(cls, lexicon_path: Path | None = None, templates_path: Path | None = None) -> "Lexicon":
        lex = read_yaml(Path(lexicon_path or LEXICON_PATH))
        tpl = read_yaml(Path(templates_path or TEMPLATES_PATH))
        return cls(lex, tpl)

    def terse_engine(self, risk_labels: dict):
        """A rule engine over the extra risk rules for terse notes."""
        if self._terse_engine is None:
            from .rules import Rule, RuleEngine

            rules = [Rule.from_dict({"category": "risk", "severity": "high", "tone": "risky",
                                     "message": "A remark about a protected characteristic or a proxy for one.",
                                     **{k: v for k, v in d.items()}})
                     for d in self.data.get("risky_terse", [])]
            self._terse_engine = RuleEngine(rules, risk_labels=risk_labels)
        return self._terse_engine


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    return Lexicon.load()


# ---- splitting and normalising -------------------------------------------------------------------

_TITLES = r"(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof)"  # forms of address before a name, in every pattern that reads one
_BULLET = re.compile(r"^\s*(?:[-*•·▪●◦–—>]+|\d{1,2}[.)])\s*")
_SIGN = re.compile(r"^\s*(\+\+?|\(\+\)|\(-\)|−|\(\?\))\s*")
_INTENSIFIER_LEAD = r"(?:(?:very|really|super|quite|pretty|extremely|fairly|v)\s+)?"
_LABEL = re.compile(r"^([A-Za-z][\w +/&'()-]{0,30}?)\s*:\s*(.*)$")
# (a run of whitespace before a mark is read at most 40 long here and in the patterns below that search for a word
# after spaces: unbounded, it was read again from every place in a run of thousands of spaces, quadratic or worse)
_PIECES = re.compile(r"\s{0,40};\s*|\s{1,40}\|\s+|\s{0,40}•\s*|\s{1,40}//\s+")
_COMMA = re.compile(r",\s*|\s{1,40}(?:[-–—]+|\+)\s+|\s{0,40}(?:-{1,40}>|={1,40}>|→|⇒|➔)\s*")  # ("… → weak motivation": a conclusion)
# (one run of spaces on each side: "\s*,?\s*" backtracked cubically on a note holding thousands of spaces)
# a label's whole remark saying there was none of it ("tests: none", "Docs: nil", "error handling: n/a")
_NONE_SEEN = re.compile(r"(?i)\s*(?:none|nil|nothing|zero|none seen|none shown|none at all|missing|absent)\s*[.!]*\s*")
# ... where the label is a part of the work that can be missing (not "Allergies: none", "Red flags: none")
_ARTEFACT = re.compile(r"(?i)(?:[\w-]+\s+)?(?:tests?|testing|docs|documentation|comments|error handling|logging|type hints|"
                       r"types|edge cases|examples|metrics|kpis|validation|commits|readme|diagrams?|sources|citations|"
                       r"references to (?:the )?brief)")
# ... and any part of the work said to be missing so far ("Mentorship of PhDs - none yet", "Publications: none as yet"):
# the "yet" says it was looked for; not a label for things best absent ("Red flags: none yet", "Allergies: none yet")
_NONE_YET = re.compile(r"(?i)\s*(?:none|nil|nothing|zero)\s+(?P<yet>yet|as yet|so far|to date)\s*[.!]*\s*")
_ABSENT_IS_GOOD = re.compile(r"(?i)\b(?:flags?|concerns?|issues?|problems?|risks?|worr(?:y|ies)|objections?|questions?|"
                             r"allerg\w*|health|medical|absences?|sick\w*|complaints?|disciplinar\w*|convictions?|"
                             r"criminal\w*|gaps?|weakness\w*|cons|negatives?|notes?|comments?|other|anything|errors?|"
                             r"mistakes?|accidents?|incidents?|injur\w*|debts?|claims?|warnings?)\b")


def _none_yet(topic: str, rest: str, lex: "Lexicon") -> str | None:
    """ "no mentorship of PhDs yet" for the topic "Mentorship of PhDs" and "none yet" after it; None if `rest` is no
    "none yet" or the topic is something best absent."""
    m = _NONE_YET.fullmatch(rest)
    topic = topic.strip(" ,")
    if not m or not topic or len(topic.split()) > 5 or _ABSENT_IS_GOOD.search(topic) or _has_cue(lex, topic):
        return None
    return f"no {topic if topic.isupper() or re.match(r'[A-Z][a-z]*[A-Z]', topic) else _lower_first_word(topic)} yet"


_SPACE_RUN = re.compile(r"[^\S\n]{2,}")
# "yet" joins a contrast ("clear, yet shallow") but is an adverb after a negation or before "to" ("not yet a
# finance leader", "hasn't yet shipped", "has yet to lead") and at a remark's end ("not ready yet")
# a comma piece that only names whom the rest is measured against ("Compared to Rahul, she was weaker on negotiation",
# "Unlike Priya, …"): one remark with what follows, so that the comparison is seen (`other_person`)
_MEASURED_AGAINST = re.compile(r"(?i:compared (?:to|with)|vs\.?|versus|unlike|next to|relative to|as against)\s+"
                               r"[A-Z][\w'\-]*(?:\s+[A-Z][\w'\-]*)?")
# a mark after an item ("Tableau ++", "Power BI --", "SQL +"): its polarity, as a leading "+"/"-" gives a line's
# "meets expectations on all but one: data viz (below)": the one named is the remark; the rest says it fell short
_ALL_BUT_ONE = re.compile(r"^[^:;]*?\b(?:all|everything|every\s+\w+|each\s+\w+)\s+(?:but|except(?:\s+for)?)\s+"
                          r"(?:one|1)\s*(?::|\s[-–—]+)\s*(?=\S)", re.I)
# a piece that shows what it says ("variable names like x1 x2", "magic numbers everywhere"): after a gap, a remark of
# its own, not an item of the gap's list ("no tests, variable names like x1 x2" is two remarks)
_OWN_EVIDENCE = re.compile(r"(?i)\S\s+(?:like|such as|e\.g\.?|everywhere|throughout|all over)(?=\s|$)")
# what the candidate has done, then what the client or the role needs ("mostly B2C, they need B2B"): "they" is the
# client, never the candidate; said as experience the role needs more of
_HAVE_NEED = re.compile(r"(?i)^(?:(?:experience|exp|background)\s+(?:is\s+|was\s+)?)?(?:mostly|mainly|largely|only|all)\s+"
                        r"(?P<have>[\w/&+#.' -]+?)(?:\s+(?:experience|exp|background))?\s*(?:[,;]|\s[-–—]+|\s(?=but\b))\s*"
                        r"(?:but\s+)?(?:they|we|the client|client|the team|team|the role|role|this role|the business|the hm|"
                        r"hm|the hiring manager|hiring manager|the job|job)\s+(?:needs?|wants?|requires?|(?:is|are) after)\s+"
                        r"(?P<need>[\w/&+#.' -]+?)(?:\s+(?:experience|exp))?\s*[.!]?$")
_TRAILING_SIGN = re.compile(r"\s{1,40}(\+\+?|--?|−)\s*$")
# a topic rated "ok" or "fine" ("Figma ok", "joins fine"): a verdict of its own, never a list item of the remark before
_BARE_OK = re.compile(r"\S\s+(?:ok|okay|fine)\s*[.!]?$", re.I)
_CONTRAST = re.compile(r"\s{0,40}(?:,\s*)?\b(?<!anything )(?<!nothing )(?:but|although|whereas|however|though|"
                       r"(?<!not )(?<!n't )(?<!never )(?<!has )(?<!have )(?<!had )yet(?!\s+to\b)(?=\s*\w))\b(?:\s*,)?\s*",
                       re.I)
_PERFECT_NEXT = re.compile(r"\s+(?:(?:not|never|already|only|just|also|really)\s+)*(?:been|got|gotten|done|had|"
                           r"shown|built|run|led|written|taken|given|made|worked|grown|won|held|spent|kept|met|\w+ed)\b",
                           re.I)


# a scorecard line: "Communication - good", "SQL: strong", "System design – weak, no caching story". The
# verdict is one word (or two) after a short topic; what follows it is the interviewer's evidence
# a scorecard's band ("Analytics: exceeds", "Presentation: meets", "Leadership: below") is said as the verdict it means
_BANDS = {"exceeds": "strong", "meets": "solid", "below": "weak", "does not meet": "weak", "doesn't meet": "weak"}
_BAND = r"(?:exceeds|meets|below|does not meet|doesn't meet)(?:\s+(?:expectations|the bar|bar|the standard))?"
_BAND_ON = re.compile(r"^\s*(exceeds|meets|below)\s+(?=(?:on|in|for|at)\s+\S)", re.I)
_VERDICT_POSITIVE = r"strong|excellent|great|good|solid|impressive|outstanding|exceptional|superb"
# a middling rating ("average", "avg", "ok-ish", "meh") is said as a gap: not yet what the role needs
_VERDICT_MIDDLING = r"average|avg|mediocre|so-so|ok-?ish|meh"
_MIDDLING = re.compile(rf"(?<![\w-])(?:{_VERDICT_MIDDLING})(?![\w-])", re.I)
_VERDICT_NEGATIVE = (r"weak|poor|lacking|limited|shaky|rusty|basic|patchy|thin|needs work|needs improvement|"
                     rf"not strong|not great|not good|below the bar|below bar|{_VERDICT_MIDDLING}")
_VERDICT = (r"(?:(?:very|really|quite|pretty|fairly|super|extremely|a bit|slightly|somewhat|v)\s+)?"
            rf"(?:{_VERDICT_POSITIVE}|{_VERDICT_NEGATIVE})(?:\s+enough)?|{_BAND}")  # "not strong enough", "good enough"
_TOPIC_VERDICT = re.compile(r"^(?P<topic>[A-Za-z][\w/&'+#.\- ]{0,40}?)\s*(?::|\s[-–—]+|=)\s*"
                            rf"(?P<verdict>{_VERDICT})(?=$|[\s,;.!(])(?P<rest>.*)$", re.I | re.S)
# a verdict in brackets after a topic is its rating ("Python (basic)", "SQL (strong)", "data viz (below)")
_BRACKET_VERDICT = re.compile(rf"^\s*(?P<topic>[A-Za-z][\w/&'+#.\- ]{{0,40}}?)\s*\(\s*(?P<verdict>{_VERDICT})\s*\)\s*$", re.I)
# a QA sheet's mark on a part of the call ("Verification: fail - skipped security questions", "Call close: missed",
# "Greeting: pass"): a fail is a weak part, a miss a step missed, a pass a solid part (not a check of the person:
# "DBS: pass", "drug test: fail", "Overall: pass")
_QA_MARK = re.compile(r"^\s*(?P<topic>(?![\w ]*\b(?:test|check|dbs|crb|screen\w*|medical|references?|overall|result|"
                      r"outcome|decision|recommendation|interview|round|stage)\b)[A-Za-z][\w/&'+#.\- ]{0,40}?)\s*:\s*"
                      r"(?P<mark>pass(?:ed)?|fail(?:ed)?|missed|skipped|not done|not met|met)\s*(?P<rest>(?:[-–—,;(].*)?)"
                      r"[.!]?$", re.I)
# a machine whose use is tested ("Forklift: passed"): the candidate passed its test, not "Your forklift was solid"
_OPERATED = re.compile(r"(?i)(?:forklift|(?:reach|pallet) truck|counterbalance|hoist|crane|cherry picker|mewp|"
                       r"telehandler|excavator|digger|dumper|hgv|lorry|van|driving)(?:\s+(?:truck|licence|license))?")
_QA_VERDICT = {"pass": "solid", "passed": "solid", "met": "solid", "fail": "weak", "failed": "weak", "not met": "weak"}


# the civil service's behaviours, scored by name ("Working Together 3/7", "Seeing the Big Picture: 5"): skills said in
# lower case, not names ("Your working Together was …")
_CS_BEHAVIOURS = re.compile(r"\b(?-i:Seeing the Big Picture|Changing and Improving|Making Effective Decisions|"
                            r"Communicating and Influencing|Working Together|Developing Self and Others|"
                            r"Managing a Quality Service|Delivering at Pace)\b")


def _qa_mark(m: re.Match) -> str:
    """ "Verification: fail - …" -> "Verification: weak - …"; "Call close: missed" -> "missed the call close"."""
    mark = m.group("mark").lower()
    if mark in ("pass", "passed", "fail", "failed") and _OPERATED.fullmatch(m.group("topic").strip()):
        verb = "passed" if mark.startswith("pass") else "didn't pass"
        return f" {verb} the {m.group('topic').strip().lower()} test {m.group('rest')}"
    if mark in _QA_VERDICT:
        return f" {m.group('topic')}: {_QA_VERDICT[mark]} {m.group('rest')}"
    return f" {'missed' if mark == 'not done' else mark} the {m.group('topic').lower()} {m.group('rest')}"


# a verdict between a topic and where it showed ("SQL weak at joins", "behaviour mgmt weak at back of room", "comms
# weak with seniors"): a scorecard line, the place its evidence ("Excel weak on lookups" is said of the part judged)
_VERDICT_WHERE = re.compile(rf"^\s*(?P<topic>(?!(?:you|she|he|they|i|we|it|this|that|cand|candidate|not|no|never|less|"
                            rf"more|too|so|very|really|quite|pretty|fairly|bit|a|somewhat|slightly|v|super|extremely)\b)[A-Za-z]"
                            rf"(?:(?!\s(?:was|is|were|are|be|seemed|seems|looked|looks|felt|got|not)\b)[\w/&'+#.\-\s]){{0,30}}?)"
                            rf"\s+(?:(?:was|were)\s+)?(?P<verdict>{_VERDICT})\s+(?P<where>(?:at|with|when|during)\s+\S.*)$", re.I | re.S)
# a verdict that is the whole comment or ends its clause ("solid", "weak - no caching", "good, but slow")
_VERDICT_ALONE = re.compile(rf"^\s*(?:{_VERDICT})\s*(?:$|[,;:(.!]|[-–—]\s)", re.I)
_VERDICT_LEAD = re.compile(rf"^\s*(?:{_VERDICT})(?=$|[\s,;.!(])", re.I)
# labels that head a verdict on the whole candidate or the process, not on a skill ("Overall: strong")
_NOT_A_SKILL = re.compile(r"^(?:overall|summary|verdict|recommendation|decision|rating|score|result|outcome|fit|"
                          r"culture fit|culture add|team fit|hire|hiring decision|impression|first impression|gut|"
                          r"gut feel|feel|feeling|notes?|comments?|feedback|interviewer|candidate|applicant|"
                          r"(?:you|she|he|they|i|we|it|this|that)(?:\s.*)?)$", re.I)
# an arrow from a topic to its verdict ("SQL -> weak", "comms => good", "Python → strong"): a scorecard line's dash
# a manner with the people the work serves, rated ("chatty with customers (good)"): the rating approves the manner
_MANNER_WITH = re.compile(r"(?i)(?:(?:very|really|quite|v)\s+)?(?!(?:good|great|strong|solid|excellent|weak|poor)\b)[a-z]+\s+(?:with|to|around)\s+"
                          r"(?:the\s+)?(?:customers?|clients?|guests?|patients?|residents?|regulars|diners|public|callers|"
                          r"shoppers|visitors|pupils|students|kids|children|families)")
_POSITIVE_VERDICT = re.compile(rf"(?i)(?:(?:very|really|quite|pretty|v)\s+)?(?:{_VERDICT_POSITIVE})")
_ARROW_VERDICT = re.compile(rf"(?<=[\w)+#.])\s*(?:-+>|=+>|→|⇒|➔)\s*(?=(?:{_VERDICT})(?:$|[\s,;.!(]))", re.I)
_NOUNISH = re.compile(r"(?:tion|sion|ment|ing|ity|ness|ship|ence|ance|ure|ics|ism|work|skills?)$")


# a word after a verdict that makes the verdict an adjective of it ("good till speed"), not one of these
_NOUN_AFTER_VERDICT = re.compile(r"(?i)^[ \t]+(?!(?:on|in|at|with|for|of|to|by|from|under|across|around|about|overall|"
                                 r"throughout|but|and|or|though|although|so|as|when|while|given|because|since|if|then|"
                                 r"too|here|there|today|now|tbh|imo|ish|enough|all|really|very|also|still|yet|not|no|"
                                 r"apart|except|once|twice|mostly|generally)\b)[a-z]")


def scorecard_line(piece: str, lex: "Lexicon") -> tuple[str, str, str] | None:
    """(topic, verdict, evidence) of a scorecard line, or None. The topic must be a short name of a skill
    (no judgement of its own, not "Overall" or "Fit"); the evidence is what follows the verdict."""
    m = _TOPIC_VERDICT.match(piece.strip())
    if not m:
        return None
    topic = m.group("topic").strip(" -–—")
    if not topic or len(topic.split()) > 5 or _NOT_A_SKILL.match(topic) or _topic_has_cue(lex, topic):
        return None
    if _NOUN_AFTER_VERDICT.match(m.group("rest")):
        return None  # "Trial shift - good till speed, stock rotation weak": "good" is the till speed's
    evidence = m.group("rest").strip().lstrip(",;.!–—-").strip().strip("()").strip()
    return topic, m.group("verdict"), evidence


def _scorecard_items(piece: str, lex: "Lexicon") -> list[str]:
    """A scorecard line cut where another one starts after a comma ("Python - strong, SQL - weak" is two lines; in
    "SQL - weak, no joins" what follows is the evidence)."""
    parts, start = [], 0
    for m in re.finditer(r",\s*", piece):
        if scorecard_line(piece[m.end():], lex) is not None and scorecard_line(piece[start:m.start()], lex) is not None:
            parts.append(piece[start:m.start()])
            start = m.end()
    return parts + [piece[start:]]


def label_topic(topic: str, lex: "Lexicon") -> str:
    """A label or scorecard topic as said in a sentence: its capital goes where it was only a label's ("System
    design", "Communication", "Presentation"), a term keeps it ("Python", "SQL", "Snowflake"); an adjective
    alone names its skills ("Technical" -> "technical skills")."""
    words = topic.split()
    if not words:
        return topic
    first = words[0]
    common = re.fullmatch(r"[A-Z][a-z]+", first) and first.lower() not in lex.proper and (
        len(words) > 1 and topic[len(first):] == topic[len(first):].lower() or _NOUNISH.search(first)
        or (len(words) == 1 and _common(first, lex) != first)  # "Tech: strong", not "Oracle: strong"
        or re.search(r"(?:ical|ial|ive|ual)$", first) or lex.solo_practice.fullmatch(first))
    if common:
        topic = first.lower() + topic[len(first):]
    if len(words) == 1 and re.fullmatch(r"[a-z]+(?:ical|ial|ive|ual)", topic):  # "technical", "analytical", "creative"
        topic += " skills"
    return topic


def _scorecard_sentence(topic: str, verdict: str, lex: "Lexicon") -> str:
    """ "Communication - good" -> "communication was good" (`label_topic`)."""
    topic = label_topic(topic, lex)
    # "not strong enough" is said as "weak" (then softened like any weak verdict); "good enough" as "good"
    verdict = re.sub(r"(?i)^(?:(?:very|really|quite|a bit|v)\s+)?not\s+(?:strong|good|great)(?:\s+enough)?$", "weak",
                     verdict.strip())
    verdict = re.sub(r"(?i)\s+enough$", "", verdict)
    # "needs work", "needs improvement": no adjective to say "was" of ("Python was needs work")
    verdict = re.sub(r"(?i)^(?:(?:very|really|quite|a bit|v)\s+)?needs\s+(?:work|improvement)$", "weak", verdict)
    band = re.fullmatch(_BAND, verdict, re.I)
    if band:  # "Leadership: below (the bar)" -> "leadership was weak"
        verdict = _BANDS[re.sub(r"\s+(?:expectations|the bar|bar|the standard)$", "", verdict.lower())]
    return f"{topic} {'were' if _plural(topic) else 'was'} {verdict}"


_AND = re.compile(r"\s{1,40}(?:and|&|\+)\s+", re.I)


def _split_opposites(text: str, lex: "Lexicon") -> list[str]:
    """ "weak on SQL joins and great rapport": two remarks when the sides of an "and" judge opposite
    ways ("clear and concise answers" stays one)."""
    m = _AND.search(text)
    if not m:
        return [text]
    a, b = text[:m.start()], text[m.end():]
    (pa, na), (pb, nb) = _polarity(lex, a), _polarity(lex, b)
    if (pa > na and nb > pb) or (na > pa and pb > nb):
        return [a, *_split_opposites(b, lex)]
    return [text]


def _has_cue(lex: Lexicon, text: str) -> bool:
    return bool(lex.strength_re.search(text) or lex.gap_re.search(text) or lex.advice_re.search(text)
                or any(p.search(text) for p, _, _ in lex.drops) or any(p.search(text) for p in lex.next_step))


def _topic_has_cue(lex: Lexicon, topic: str) -> bool:
    """Does a label or scorecard topic judge? "Patient communication", "patient safety" name a skill: there
    "patient" is the person cared for, not the praise. It is read with its colon, as a label: "Trial shift:" heads
    remarks on the shift, where "trial shift on Tuesday" is admin."""
    return _has_cue(lex, re.sub(r"(?i)\bpatients?\s+(?=\w)", "", topic) + ":")


_LOWER_STOP = re.compile(r"(?<=[A-Za-z0-9)%])\.\s+(?=[a-z])")
# a job title's shortened word before its stop ("care asst. lovely w/ residents"): the title ends there, a remark follows
_TITLE_STOP = re.compile(r"(?i)\b(?:asst|assoc|mgr|supv|coord|exec|apprent|trainee)\.$")
# ... unless the title is who judged, and its reaction follows ("Mgr. impressed with her stock rotation")
_REACTION = r"(?:(?:was|were)\s+)?(?:(?:really|very|v|quite|so|particularly|genuinely)\s+)?(?:(?P<felt>impressed|happy|pleased|delighted)\s+(?:with|by)|(?P<did>liked|loved))\s"
_REACTION_NEXT = re.compile(r"(?i)" + _REACTION)
# the people the work serves, taking to the candidate ("kids loved her", "children warmed to him quickly", "residents
# took to her"): a strength, said of them ("The children warmed to you quickly.")
_TOOK_TO = re.compile(r"(?i)^(?:the\s+)?(?P<who>children|kids|pupils|toddlers|residents|patients|customers|regulars|guests|"
                      r"students|learners)\s+(?:(?:really|all|quickly)\s+)?(?:loved|adored|liked|warmed\s+to|took\s+to|"
                      r"responded\s+(?:well\s+)?to)\s+you(?P<rest>\s+[^,;]+)?$")
# who judged and how they reacted ("manager impressed with your stock rotation", "head chef impressed by your mise en
# place", "HM liked your stakeholder mapping", "impressed with your stock rotation"): a strength in what pleased them
# (with no judge named, only a reaction to the candidate's own work is theirs: "liked the role", "liked to interrupt",
# "pleased with the pay" are the candidate's)
_JUDGE_REACTED = re.compile(r"(?i)^(?:(?:the|our)\s+)?(?P<judge>(?:[a-z]+\s+)?(?:manager|mgr|hm|chef|sous|supervisor|"
                            r"panel|interviewers?|assessors?|lead|client|director|head|mentor|foreman|owner|boss|team|"
                            r"head\s?teacher|matron|sister)\.?\s+)?" + _REACTION +
                            r"\s*(?P<what>(?(judge)|(?=(?:her|his|their|your)\s))\S.*)$")


def _split_lower(text: str) -> list[str]:
    """`text` cut at each stop followed by a small letter, unless the stop ends an abbreviation the
    segmenter knows ("e.g.", "approx.", "Dr.", "a.m.", "Inc.", "etc.", a single letter)."""
    parts, start = [], 0
    for m in _LOWER_STOP.finditer(text):
        abbrev = _ABBREV_END_ANY_CASE.search(text, max(0, m.start() - 9), m.start() + 1)
        if abbrev and abbrev.group("num") and not re.match(r"\s*\d", text[m.end() - 1:]):
            abbrev = None  # "licence - no. counterbalance - yes": "no" the answer; only "no. 4" is a number
        if abbrev \
                and not (_TITLE_STOP.search(text, 0, m.start() + 1) and not _REACTION_NEXT.match(text, m.end())):
            continue
        parts.append(text[start:m.start() + 1])
        start = m.end()
    parts.append(text[start:])
    return parts


def _sentences(line: str) -> list[str]:
    """A note line's sentences, split by the checker's own segmenter: "Great SQL. Weak on
    stakeholder comms." is two remarks, "Met Dr. Rao." and "Good on e.g. dbt." are one each."""
    out = []
    for span in fast_segment(line) or [None]:
        text = line if span is None else line[span.start:span.end]
        # "Ran a strong Q&A. Campaign plan lacked KPIs.": the letter after "&" ends a term, not an initial
        out.extend(q for p in _split_lower(text) for q in _TERM_STOP.split(p) if q.strip())
    return out or [line]


_TERM_STOP = re.compile(r"(?<=[&/+][A-Z])\.\s+(?=[A-Z])")


_RATER = r"(?:interviewer|panel(?:ist)?|panel member|assessor|reviewer|rater|judge)"  # one of the panel, by role
_INTERVIEWER_TAG = re.compile(r"(?i)^(?:" + _RATER + r"|"
                             r"[ipr])\s*(?:#\s*)?(?:\d{1,2}|[A-D])$|^(?i:hm|hiring manager|recruiter|tech lead|"
                             r"lead interviewer)$")


# a label's remark that names its own topic ("Raj: strong on Python, weak on SQL"): the label is who wrote it
_OWN_TOPIC = re.compile(rf"^\s*(?:{_VERDICT})\s+(?:on|in|at|with|around)\s+\w", re.I)
# "… Interviewer 2: weak SQL." further along a line: the tag that opens a sentence
# a one- or two-word heading opening a sentence mid-line ("Coding: clean. Behavioural: gave vague answers"): a
# label, not part of the remark (a scorecard line, "SQL: weak", has its verdict right after it and stays)
_SENTENCE_LABEL = re.compile(r"^\s*[A-Z][a-z]+(?:[ -][A-Za-z][a-z]+)?\s*:\s+(?=(?:gave|was|were|had|has|did|didn't|"
                             r"could|couldn't|showed|struggled|answered|explained|handled|seemed|came)\b)")
_SENTENCE_TAG = re.compile(r"^\s*(?i:" + _RATER + r")\s*#?\s*"
                           r"(?:\d{1,2}|[A-D])\s*:\s*")


def _interviewer_label(label: str, line: str, lex: "Lexicon") -> bool:
    """Is a line's label the interviewer who wrote it ("Raj:", "Interviewer 2:", "Panelist B:", "Dana (HM):")
    rather than the topic of the remark ("Python:", "Communication:")? A numbered tag always is; a one- or
    two-word capitalised name is when no dictionary knows it or spaCy's recogniser reads it as a person."""
    label = re.sub(r"\s*\([^)]*\)\s*$", "", label).strip()
    if _INTERVIEWER_TAG.match(label):
        return True
    words = label.split()
    if not 1 <= len(words) <= 2 or not all(re.fullmatch(r"[A-Z][a-z][A-Za-z'\-]*", w) for w in words):
        return False
    if any(w.lower() in lex.proper or w.lower() in _function_words() or w.lower() in lex.sections
           or w.lower() in lex.pronouns or w.lower() in lex.abbreviated or lex.solo_practice.fullmatch(w)
           for w in words) or _NOUNISH.search(words[0].lower()):
        return False
    return any(not is_known_word(w) for w in words) or names_person(line, 0, len(words[0]))


# (one run of spaces around an optional mark: "\s*[:=–-]?\s*" split a run of spaces every way, quadratic per item)
_SCORE_ITEM = r"[A-Za-z][\w&/+#.' -]{0,40}?\s*(?:[:=–-]\s*)?\d+(?:\.\d+)?\s*/\s*\d+"
_SCORE_LIST = re.compile(rf"^\s*{_SCORE_ITEM}(?:\s*[,;]\s*{_SCORE_ITEM})*\s*(?:[.!]\s*)?$")
# one score out of a scale ("comms 4/5", "SQL: 2/5")
_SCORE = re.compile(r"^(?P<topic>[A-Za-z][\w&/+#.' -]{0,40}?)\s*(?:[:=–-]\s*)?(?P<n>\d+(?:\.\d+)?)\s*/\s*(?P<of>\d+)$")


# what follows a label when it is a score ("Testing: 2/5 no unit tests written", "Technical: 2 - couldn't explain …")
_LABEL_SCORE = re.compile(r"^\s*(?P<n>\d+(?:\.\d+)?)(?:\s*/\s*(?P<of>\d+))?(?:\s*(?:[-–—:,;(]+\s*|\s+)(?P<rest>[A-Za-z].*?)\)?)?\s*$")
_SCORE_LEAD = re.compile(rf"{_SCORE_ITEM}(?:$|[\s,;.(-])")


_SCORE_THEN_COMMENT = re.compile(rf"^(?P<score>{_SCORE_ITEM})\s*(?:[-–—:,;(]+\s*|\s+)(?P<rest>[A-Za-z].*?)\)?$")


def _score_list(line: str) -> list[str]:
    """The scores of a line that is only scores out of a scale ("SQL 3/5, comms 4/5"), or []."""
    if not _SCORE_LIST.match(line):
        return []
    return [m.group(0).strip() for m in re.finditer(_SCORE_ITEM, line)]


def _scored(text: str) -> tuple[str, str] | None:
    """("strength" | "gap" | "middling", topic) for a score out of a scale: 4/5 or more is a strength, 2/5 or
    less a gap, 3/5 neither."""
    m = _SCORE.match(text.strip(" .!"))
    if not m or not float(m.group("of")) or float(m.group("n")) > float(m.group("of")):
        return None
    share = float(m.group("n")) / float(m.group("of"))
    kind = "strength" if share >= 0.8 else "gap" if share <= 0.4 else "middling"
    return kind, m.group("topic").strip()


# the bar in brackets, or after a comma, a dash or a space: "(pass 70%)", ", pass mark 60%", " - need 45", " pass 60"
_BAR = (r"(?:\(|[,;]|\s[-–—]|(?<=\s))\s*(?P<kind>pass(?:\s?mark)?|passmark|need(?:ed|s)?|required|requirement|target|min(?:imum)?|"
        r"bar|cut-?off|threshold)\s*(?:(?:is|was|of|at|:|=)\s*)?(?P<bar>\d+(?:\.\d+)?)(?:\s*/\s*(?P<barof>\d+))?"
        r"(?P<barunit>\s?%|\s?[a-z]+)?\s*\)?")
_SCORE_AND_BAR = re.compile(r"^(?:you\s+)?(?:scored|got|achieved|hit|reached|managed)\s+(?P<n>\d+(?:\.\d+)?)"
                            r"(?P<unit>\s?%|\s?(?:wpm|points|marks))?\s+(?P<what>(?:on|in|for)\s+[^()]+?)\s*"
                            + _BAR + r"$", re.I)
# (a score out of a scale too: "drug calc 8/10 (need 10/10)", "written test 62/100 (pass 65)")
_MEASURE_AND_BAR = re.compile(r"^(?P<what>[A-Za-z][^()\d]*?)\s{1,40}(?:was\s+|of\s+|at\s+|:\s*)?(?P<n>\d+(?:\.\d+)?)"
                              r"(?:\s*/\s*(?P<of>\d+))?(?P<unit>\s?%|\s?[a-z]+)?\s*" + _BAR + r"$", re.I)

# time in a skill set against the time the role needs, after a comma or a dash: "8 months class 1 exp, need 24",
# "only 1 yr FI-CO - need 3 yrs"
_TENURE_UNIT = r"(?:months?|mos?|mths?|years?|yrs?)"
_TENURE_AND_NEED = re.compile(r"^(?:(?:only|just|has|had|about|around|approx\.?|~)\s+)*(?P<n>\d+(?:\.\d+)?)\s*"
                              r"(?P<unit>" + _TENURE_UNIT + r")\.?\s+(?:of\s+)?(?P<what>[^,;()\d][^,;()]*?)"
                              r"(?:\s+(?:exp|experience))?\s*(?:[,;]|\s[-–—])\s*(?:(?:we|the role|role|this role)\s+)?"
                              r"(?:needs?|needed|requires?|required|req|min(?:imum)?)\.?\s*(?P<bar>\d+(?:\.\d+)?)\s*"
                              r"(?P<barunit>" + _TENURE_UNIT + r")?$", re.I)


def _tenure(n: str, unit: str) -> str:
    """'8', 'mos' -> '8 months'; '1', 'yr' -> '1 year'."""
    word = "month" if unit.lower().startswith("m") else "year"
    return f"{n} {word}{'' if n in ('1', '1.0') else 's'}"


# the bar after "vs", its number before or after its word ("pick rate 92% vs 110 target", "typing 40wpm vs 50 needed",
# "vs target 110"): read as the bar in brackets ("(target 110)")
_VS_BAR_KIND = r"target|needed|required|pass\s?mark|minimum|min|bar"
_VS_BAR = re.compile(r"(?i)\s+(?:vs\.?|versus|against)\s+(?:(?P<bar>\d+(?:\.\d+)?(?:\s?%|\s?[a-z]+)??)\s+"
                     rf"(?P<kind>{_VS_BAR_KIND})|(?:the\s+)?(?P<kind2>{_VS_BAR_KIND})\s+(?:of\s+)?"
                     r"(?P<bar2>\d+(?:\.\d+)?(?:\s?%|\s?[a-z]+)?))$")


# a measure where less is better ("AHT 9 min vs 6 target", "errors 5 (max 2)", "response time 4h vs 2h target"): over
# the bar is the gap, under it the strength
_LOWER_BETTER = re.compile(r"(?i)\b(?:aht|handle time|handling time|call time|wait(?:ing)? time|response time|"
                           r"turnaround(?: time)?|errors?|mistakes?|defects?|complaints?|cost|costs|spend|"
                           r"escalations?|rejects?|rework|hold time|downtime|absences?)\b")


def _against_bar(text: str) -> tuple[str, str] | None:
    """("gap" | "strength", clause) for a score set against a stated pass mark or need, its numbers as written:
    "Scored 62% on the SQL test (pass 70%)" -> a gap, "you scored 62% on the SQL test; the pass mark is 70%"."""
    t = text.strip(" .!")
    m = _TENURE_AND_NEED.match(t)
    if m:
        have, need = _tenure(m.group("n"), m.group("unit")), _tenure(m.group("bar"), m.group("barunit") or m.group("unit"))
        what = m.group("what").strip()
        if float(m.group("n")) < float(m.group("bar")):  # one clause, so that "…, although <strength>" reads on
            return "gap", f"this role needs {need} of {what} experience, and you have {have}"
        return "strength", f"you have {have} of {what} experience, more than the {need} this role needs"
    t = _VS_BAR.sub(lambda v: f" ({v.group('kind') or v.group('kind2')} {v.group('bar') or v.group('bar2')})", t)
    m = _SCORE_AND_BAR.match(t) or _MEASURE_AND_BAR.match(t)
    if not m:
        return None
    unit = m.group("unit") or ""
    of, barof = m.groupdict().get("of"), m.group("barof")
    bar = m.group("bar") + (f"/{barof}" if barof else "") + (m.group("barunit") or unit)
    if of and not float(of) or barof and not float(barof):
        return None
    # a score out of a scale is set against a bar on the same scale, on its own ("8/10 (need 10/10)") or in per cent
    # ("8/10 (pass 80%)": met)
    scale = barof or ("100" if of and (m.group("barunit") or "").strip() == "%" else of) or 1
    below = float(m.group("n")) / float(of or 1) < float(m.group("bar")) / float(scale)
    unit = f"/{of}{unit}" if of else unit
    passmark = m.group("kind").lower().startswith("pass")
    if m.re is _SCORE_AND_BAR:
        said = f"you scored {m.group('n')}{unit} {m.group('what')}"
    else:
        what = m.group("what")
        what = what[:1].lower() + what[1:] if re.match(r"[A-Z][a-z]+\b", what) else what
        said = f"{_your(what)} {'were' if _plural(what) else 'was'} {m.group('n')}{unit}"
    if _LOWER_BETTER.search(m.group("what")) and not passmark:
        if below or float(m.group("n")) == float(m.group("bar")):
            return "strength", f"{said}, within the {bar} target"
        return "gap", f"{said}; the target is {bar} or less"
    if below:
        return "gap", said + ("; the pass mark is " if passmark else "; this role needs ") + bar
    return "strength", said + (", above the pass mark of " if passmark else ", against the " + bar + " needed") + (
        bar if passmark else "")


def _table_cells(line: str) -> list[str] | None:
    """The cells of a line written as a table row ("| SQL | strong |"), or None."""
    if not (line.startswith("|") and line.endswith("|") and line.count("|") >= 3):
        return None
    return [c.strip() for c in line.strip("|").split("|")]


# an interviewer's initials or name signing a line of notes ("… - Priya", "-- Anna", "(Priya)", "- kiran"), or
# the panel's names after a label ("- Interview panel: Suresh K, Anjali M")
_SIGNED_NOTE = re.compile(r"(?:\s{1,40}[-–—]{1,2}\s*|\s{0,40}\()(?P<who>[A-Za-z][a-z]+(?:\s+[A-Z]\.?)?|[A-Z]{2,3})\)?\s*$")
_PANEL_NAMES = re.compile(r"\s{0,40}[-–—]{1,2}\s*(?:interview(?:ing)? )?panel(?:ists?)?\s*:.*$", re.I)


def _unsigned(line: str, lex: "Lexicon") -> str:
    """`line` without an interviewer's signature at its end: a name or initials after a dash or in brackets
    ("- Priya", "(Priya)", "-- AK", "- kiran"), never a word ("SQL - weak", "Python (basic)")."""
    line = _PANEL_NAMES.sub("", line)
    m = _SIGNED_NOTE.search(line)
    if m:
        who = m.group("who").split()[0]
        if who.lower() in lex.abbreviated or lex.soft.get(who.lower()):
            return line  # "Excel - avg", "SQL - meh": a verdict in shorthand, not a name
        if who.isupper() or who.lower() in lex.word_names or not is_known_word(who):
            return line[:m.start()].rstrip()
    return line


# a note to the reader to look at the work, before the work's verdict ("look at her portfolio - strong")
_READER_LEAD = re.compile(r"(?i)^(?:(?:do\s+|pls\s+|please\s+)?(?:(?:take|have)\s+a\s+look\s+at|look\s+(?:at|through)|"
                          r"check\s+out|check|see))\s+(?=(?:her|his|their|the)\s+[^:;,()-]{1,40}?(?::|\s[-–—]+)\s*\S)")


_VERDICT_END = re.compile(rf"\s(?:{_VERDICT})\s*[.!]?$", re.I)  # a topic's own verdict after it ("knife skills good")
# a verdict that only a thing earns, alone after a dash: its topic is what was clean ("GitHub - really clean")
_THING_VERDICT = re.compile(rf"(?i){_INTENSIFIER_LEAD}(?:clean|tidy|neat|messy|untidy|polished|readable|unreadable|"
                            r"cluttered|sloppy|buggy|robust|elegant|well[- ]structured|well[- ]organi[sz]ed|"
                            r"disorgani[sz]ed|spotless|immaculate|flawless)")
# a remark that opens on a thing, not on a person, perhaps with its determiner ("the sauce", "her KYC checks")
_THING_LEAD = r"(?!(?:she|he|they|we|i|it|you|this|that)\b)(?:the\s+|your\s+|her\s+|his\s+|their\s+)?"
# ... nor on the panel ("panel not convinced", "HM impressed"): a step or a task, said of itself
_TASK_LEAD = r"(?!(?:she|he|they|we|i|it|you|this|that|panel|interviewer|hm|manager)\b)(?:the\s+|your\s+|her\s+|his\s+|their\s+)?"
# a thing made that failed, said after it ("sauce split", "custard curdled", "grout cracked", "pastry a bit soggy"): a
# remark of its own after a comma ("knife skills good, sauce split" is a strength and a gap)
_THING_FAILED = re.compile(r"(?i)^" + _THING_LEAD +
                           r"(?P<topic>[a-z][\w-]*(?:\s+[a-z][\w-]*)?)\s+(?:was\s+|were\s+)?"
                           r"(?:(?P<verb>split|curdled|collapsed|sank|leaked)|(?P<degree>a\s+bit\s+|a\s+little\s+|slightly\s+)?"
                           r"(?P<adj>cracked|soggy|lumpy|grainy|overcooked|undercooked|underseasoned|overseasoned|burnt|burned))$")
_DASH = re.compile(r"\s+[-–—]+\s+")
# a prediction about the person, not a judgement of the work ("will go far", "she'll go places", "one to watch"): a
# remark of its own after a comma, never joined onto the praise before it ("sharp, will go far")
_GO_FAR = re.compile(r"(?i)(?:(?:(?:she|he|they)(?:'ll|\s+will)|will|(?:she's|he's|they're|is|are)\s+going\s+to)\s+"
                     r"(?:definitely\s+|surely\s+|probably\s+)?go\s+(?:far|places|a\s+long\s+way)|one\s+to\s+watch)")


def _comma_pieces(piece: str) -> tuple[list[str], list[str]]:
    """The parts of a piece between commas and dashes, and the separators between them; never split inside
    brackets ("strong spreadsheet models (3-statement, clean)" is one remark)."""
    chunks, seps = _COMMA.split(piece), _COMMA.findall(piece)
    out, joins = [chunks[0]], []
    for sep, c in zip(seps, chunks[1:]):
        if out[-1].count("(") > out[-1].count(")"):
            out[-1] += sep + c
        else:
            out.append(c)
            joins.append(sep)
    return out, joins


# when a remark happened, said before it ("In March she presented …", "last Tuesday: great rapport …", "At the
# second interview, strong answers …"): it goes after the remark's first sentence, where the patterns read a trailing
# time phrase as part of it ("… really clearly in March"); read as a lead or a label it was lost, or lost the remark
# (the run of spaces after it is read once, possessively: "\s*…\s+" backtracked quadratically, 8 s at 20k spaces)
_WHEN_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
               r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)")
_WHEN_LEAD = re.compile(
    r"^(?P<time>(?i:(?:in|at|during|on)\s+(?:the|her|his|their)\s+(?:(?:first|second|third|fourth|final|last|1st|2nd|"
    r"3rd|4th|technical|panel|onsite|on-site|phone|video|case)\s+){1,2}(?:interview|round|stage|call|screen|"
    r"assessment|presentation|visit)|in\s+(?:(?:early|mid|late)[ -])?(?:spring|summer|autumn|fall|winter|Q[1-4])|"
    r"(?:last|this|on)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|week|month)|"
    r"yesterday|today)|(?i:in|on)\s+(?:\d{1,2}(?:st|nd|rd|th)?\s+)?" + _WHEN_MONTH + r"(?:\s+\d{1,2}(?:st|nd|rd|th)?)?)"
    r"(?:[ \t]*+[:,\u2013\u2014-]|(?=[ \t]))[ \t]*+(?P<rest>\w[^.;!?]*+)(?P<after>[.;!?].*)?$")


def _time_last(line: str) -> str:
    """`line` with a time phrase it starts with moved to the end of its first sentence ("In March she presented
    the model clearly." -> "she presented the model clearly in March.")."""
    m = _WHEN_LEAD.match(line)
    if not m:
        return line
    time = m.group("time")
    return f"{m.group('rest').rstrip(' ,')} {time[:1].lower()}{time[1:]}{m.group('after') or ''}"


# a sentence that opens with its own label, after another on the same line ("Customer service: excellent. Availability:
# Mon-Wed only.", "Drafting: clear. Legal research: missed the key authority."): a line of its own, so its label is read
# ... or with an arrow ("Legal research: missed the key authority. Client interview role-play -> empathetic but rushed":
# the role-play was empathetic, not the legal research)
_NEXT_LABELLED = re.compile(r"(?<=[A-Za-z0-9)%])\.\s+(?=[A-Z][A-Za-z&/'()-]*(?:\s+[A-Za-z&/'()-]+){0,3}"
                            r"(?:\s*:\s+|\s*(?:-{1,3}>|={1,3}>|→|⇒|➔)\s*)\S)")
# a line that opens with a short topic and an arrow ("Client interview role-play -> empathetic but rushed"): the topic
# is the label of what follows, as after a colon (an arrow before a verdict, "SQL -> weak", is read by _ARROW_VERDICT)
_ARROW_LABEL = re.compile(r"^(?P<label>[A-Za-z][A-Za-z&/'()-]*(?:\s+[A-Za-z&/'()-]+){0,3})\s*(?:-{1,3}>|={1,3}>|→|⇒|➔)\s*"
                          r"(?=[A-Za-z])")


# a label's whole verdict, said before a full stop ("passed.", "solid.", "ok.")
_LABEL_CLOSED = re.compile(rf"(?i)(?:{_VERDICT}|pass(?:ed)?|fail(?:ed)?|ok|okay|fine|fair|met|not met)\s*[.!]")
# a test under a label with its result ("Swim test: passed.", "Driving assessment: failed"): the candidate passed it
# (not a check of the person: "DBS check: passed", "Drug test: fail")
_TEST_LABEL_MARK = re.compile(r"(?i)^\s*(?P<test>(?!.*\b(?:drug|medical|health|dbs|crb|pvg|background|eye|alcohol|"
                              r"covid|pregnan\w*|credit|police)\b)[A-Za-z][\w/&' -]{0,30}?\s(?:test|exam|assessment|"
                              r"drill|quiz))\s*:\s*(?P<mark>pass(?:ed)?|fail(?:ed)?)\s*(?=[.!;]|$)")


def _labelled_sentences(line: str) -> list[str]:
    """`line` cut before each sentence that opens with a label of its own (not after an abbreviation: "Met Dr. Rao:")."""
    cuts = [m.end() for m in _NEXT_LABELLED.finditer(line)
            if not _ABBREV_END_ANY_CASE.search(line[:m.start() + 1])]
    return [line[a:b].strip() for a, b in zip([0, *cuts], [*cuts, len(line)])] if cuts else [line]


def split_notes(notes: str, lex: Lexicon | None = None) -> list[tuple[str, str | None, str, int]]:
    """(remark, polarity hint, label, group) for every remark in the notes, in order.

    Remarks split from one piece by commas or dashes share a group: "diabetic - long shifts?" is one
    thought, so if one part is risky the whole group is dropped."""
    lex = lex or default_lexicon()
    out: list[tuple[str, str | None, str, int]] = []
    hint: str | None = None
    group = 0
    in_table = False
    for raw_line in (part for ln in re.split(r"[\r\n]+", notes) for part in _labelled_sentences(ln)):
        line = _unsigned(raw_line.strip(), lex)  # "Weak Python. - Priya": who wrote it, not a remark
        m = _ARROW_LABEL.match(line)
        if m and not _ARROW_VERDICT.search(line, 0, m.end() + 1) and not _topic_has_cue(lex, m.group("label")):
            line = f"{m.group('label')}: {line[m.end():]}"  # "Role-play -> empathetic but rushed": the role-play's
        line = _ARROW_VERDICT.sub(" - ", line)  # "SQL -> weak": "SQL - weak"
        if not line:
            continue
        cells = _table_cells(line)
        if cells is None:
            in_table = False
        else:  # an ATS scorecard pasted as a table: "| Patient communication | excellent |"
            first_row, in_table = not in_table, True
            if all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                continue  # the rule under the header
            if first_row and not any(_has_cue(lex, c) or re.search(r"\d", c) for c in cells):
                continue  # the header: "| Competency | Score | Comment |"
            said = [c for c in cells[1:] if c and not re.fullmatch(r"[\d.]+", c)]  # a bare "4": no scale to read
            if not said:
                continue
            score = next((c for c in said if re.fullmatch(r"\d+(?:\.\d+)?\s*/\s*\d+", c)), None)
            if cells[0] and score:  # "| SQL | 2/5 | couldn't do a window function |": the score, then its comment
                rest = [c for c in said if c is not score]
                line = f"{cells[0]} {score}" + (f" - {', '.join(rest)}" if rest else "")
            else:
                line = f"{cells[0]}: {', '.join(said)}" if cells[0] else ", ".join(said)
        sign = None
        m = _SIGN.match(line)
        if m:
            sign = "strength" if "+" in m.group(1) else ("gap" if m.group(1) != "(?)" else None)
            line = line[m.end():]
        else:
            line = _BULLET.sub("", line)
        line = _time_last(line)  # "last Tuesday: great rapport": the rapport, last Tuesday
        line = _CS_BEHAVIOURS.sub(lambda b: b.group(0).lower(), line)  # "Working Together 3/7": a skill, no name
        line = _READER_LEAD.sub("", line, count=1)  # "look at her portfolio - strong": the portfolio was strong
        m = _ALL_BUT_ONE.match(line)
        if m:
            line = line[m.end():] if _has_cue(lex, line[m.end():]) else f"{line[m.end():]} (below)"
        scores = _score_list(line)
        if scores:  # "SQL 3/5, comms 4/5, stats 2/5": each score is its own remark
            for item in scores:
                group += 1
                out.append((item, sign or hint, "", group))
            continue
        label = ""
        line = _TEST_LABEL_MARK.sub(lambda t: f"{'passed' if t.group('mark').lower().startswith('pass') else 'failed'} "
                                              f"the {_lower_first_word(t.group('test').strip())}", line, count=1)
        line = _QA_MARK.sub(_qa_mark, line, count=1).strip()  # "Verification: fail - …": the part was weak
        m = _LABEL.match(line)
        if m and len(m.group(1).split()) <= 4 and not re.match(r"^\s*//", m.group(2)):
            key = m.group(1).lower().strip()
            section = lex.sections.get(key)
            if _interviewer_label(m.group(1).strip(), line, lex) or (
                    section is None and key not in lex.admin_labels and key not in lex.proper
                    and _OWN_TOPIC.match(m.group(2))):
                line = m.group(2)  # "Raj: strong on Python" / "Interviewer 2: weak SQL": who wrote it, not a topic
                # ("Excel: weak on pivot tables" names the tool)
            elif section is not None:
                hint = None if section == "none" else section
                line = m.group(2)
            elif key in lex.admin_labels:
                group += 1
                out.append((line, "admin", "", group))
                continue
            elif not _topic_has_cue(lex, m.group(1)) and not (
                    _VERDICT_LEAD.match(m.group(2)) and scorecard_line(line, lex) is not None):
                label, line = m.group(1).strip(), m.group(2)
                if _NONE_SEEN.fullmatch(line) and _ARTEFACT.fullmatch(label):
                    # "tests: none" -> "no tests": what was missing from the work, the label names it
                    label, line = "", f"no {label if label.isupper() else label.lower()}"
                elif _none_yet(label, line, lex):  # "Publications: none yet" -> "no publications yet"
                    label, line = "", _none_yet(label, line, lex)
                scored = _LABEL_SCORE.match(line)
                if scored and scored.group("of"):  # "Testing: 2/5 no unit tests": the label's score, then its comment
                    line = f"{label} {scored.group('n')}/{scored.group('of')}" + (
                        f" - {scored.group('rest')}" if scored.group("rest") else "")
                    label = ""
                elif scored and scored.group("rest"):  # "Technical: 2 - couldn't explain indexes": no scale to read
                    line = scored.group("rest")
        elif line.lower().rstrip(":") in lex.sections and len(line.split()) <= 4:
            section = lex.sections[line.lower().rstrip(":")]
            hint = None if section == "none" else section
            continue
        if not line.strip():
            continue
        sentences = _sentences(line)
        # a label whose first sentence is only its verdict ("Radio procedure: passed. Calm, professional."): the label
        # ends there, and the next sentence is a remark of its own (was "Your radio procedure was calm.")
        closed = bool(label) and len(sentences) > 1 and bool(_LABEL_CLOSED.fullmatch(sentences[0].strip()))
        for k_sentence, piece in ((k, p) for k, sentence in enumerate(sentences)
                                  for p in _PIECES.split(_SENTENCE_LABEL.sub("", _SENTENCE_TAG.sub("", sentence)))):
            piece = piece.strip(" ,")
            if not piece:
                continue
            if closed and k_sentence > 0:
                label = ""
            m = _HAVE_NEED.match(piece)
            if m:  # "mostly B2C, they need B2B" -> "limited B2B experience"
                piece = f"limited {m.group('need')} experience"
            scores = _score_list(piece)
            if scores:  # "SQL 4/5, Excel 3/5. Overall 3/5 - decent": a sentence of scores among other remarks
                for item in scores:
                    group += 1
                    out.append((item, sign or hint, "", group))
                continue
            piece_label = label
            # ("drug calc 8/10 (need 10/10)": the score and its bar, one remark, read by `_against_bar`)
            m = _SCORE_THEN_COMMENT.match(piece) if not _against_bar(piece) else None
            scored = _scored(m.group("score")) if m else None
            rest = m.group("rest") if m else ""
            if rest.count("(") > rest.count(")"):  # "… poor (typos in deck)": the bracket was the comment's own
                rest += ")"
            topic = _SCORE.match(m.group("score").strip()).group("topic").strip() if m and scored else ""
            if scored and scored[0] != "middling" and not _NOT_A_SKILL.match(topic) and not _has_cue(lex, rest):
                # "Stakeholder mgmt 2/5 - talked over the PM": the score is the verdict, the comment its evidence
                piece = f"{topic}: {'strong' if scored[0] == 'strength' else 'weak'} - {rest}"
                m = None
            if m and _SCORE.match(m.group("score").strip()):
                # "Excel 3/5 - solid formulas but slow": the score, then the comment on its topic (labelled by it)
                group += 1
                # ... unless what follows names its own topic ("SQL 3/5, stakeholder mgmt: weak"): two remarks
                # ... or another score ("Excel 3/5, PowerPoint 4/5, attention to detail poor")
                own = scorecard_line(rest, lex) is not None or bool(_LABEL.match(rest)) \
                    or bool(_SCORE_LEAD.match(rest))
                # a middling score is said by its comment ("Comms 3/5, a bit rambling"), not as a gap of its own
                out.append((m.group("score").strip(), "commented" if scored and scored[0] == "middling" and not own
                            else sign or hint, "", group))
                piece, piece_label = rest, ("" if _NOT_A_SKILL.match(topic) or own else topic)
                if piece_label and scorecard_line(f"{topic}: {piece}", lex) is not None and _VERDICT_ALONE.match(piece):
                    # "Excel 3/5 - solid": "Excel: solid"; not "good structure but …", where "good" is the structure's
                    piece, piece_label = f"{topic}: {piece}", ""
            group += 1
            piece_hint = sign or hint
            if scorecard_line(piece, lex) is not None:
                # "Stakeholder mgmt: weak - talked over the PM twice": one thought, its evidence with it
                for k, item in enumerate(_scorecard_items(piece, lex)):
                    group += k > 0
                    out.append((item, piece_hint, "", group))
                continue
            pieces: list[str] = []
            praised: set[int] = set()  # the pieces that are something done, after praise: the praise's polarity
            chunks, seps = _comma_pieces(piece)
            listing = False  # the last piece has taken in a list item with no judgement of its own
            for i, c in enumerate(chunks):
                c = c.strip()
                if not c:
                    continue
                if pieces and i > 0 and "," in seps[i - 1] and _did(c) and len(c.split()) >= 2 \
                        and _praise_only(lex, pieces[-1]) and not _PRAISED_WITH.search(pieces[-1]) \
                        and lex.strength_re.match(pieces[-1].strip()):  # (praise first: "Accuracy good, checked …"
                    # is the verdict on a topic and its evidence, "Your accuracy was good: you checked …")
                    # "fast, kept the pot wash clear", "accurate bundle prep, met the deadline": a clause after praise
                    # is an observation of its own, not an item of the praised list ("Your fast, kept … were clear")
                    # (after a gap it is the gap's evidence: "Low confidence, kept apologising")
                    pieces.append(c)
                    if not lex.gap_re.search(c):
                        praised.add(len(pieces) - 1)
                    listing = False
                    continue
                if pieces and i > 0 and _DASH.fullmatch(seps[i - 1]) and _none_yet(pieces[-1], c, lex):
                    pieces[-1] = _none_yet(pieces[-1], c, lex)  # "Mentorship of PhDs - none yet" (was "We noted none yet.")
                    listing = False
                    continue
                if piece_label and pieces and i > 0 and "," in seps[i - 1] and len(pieces[-1].split(", ")[-1].split()) == 1 \
                        and lex.strength_re.fullmatch(pieces[-1].split(", ")[-1]) and lex.strength_re.fullmatch(c) \
                        and len(c.split()) == 1 and _praise_only(lex, pieces[-1]):
                    pieces[-1] = f"{pieces[-1]}, {c}"  # "Bar trial: fast, clean": the label's topic, praised twice
                    continue
                if pieces and i > 0 and _DASH.fullmatch(seps[i - 1]) and _THING_VERDICT.fullmatch(c) \
                        and len(pieces[-1].split()) <= 4 and not _has_cue(lex, pieces[-1]) \
                        and not _NOT_A_SKILL.match(pieces[-1]):
                    pieces[-1] = f"{pieces[-1]} {'were' if _plural(pieces[-1]) else 'was'} {c}"  # "GitHub was clean"
                    listing = False
                    continue
                if pieces and i > 0 and not _GO_FAR.fullmatch(c.strip(" .!")) \
                        and ((not _has_cue(lex, c) and not _BARE_OK.search(c) and not _TRAILING_SIGN.search(c)
                              and not _THING_FAILED.match(c.strip(" .!"))
                              and not _TOOK_TO.match(normalise(c, lex).strip(" .!"))  # "residents took to her"
                              and not (_OWN_EVIDENCE.search(c) and lex.gap_re.search(pieces[-1])))
                             or _MEASURED_AGAINST.fullmatch(pieces[-1])  # "Compared to Rahul, she was …"
                             or _NO_FAULT.fullmatch(c.strip(" .!"))
                             or (len(pieces[-1].split()) == 1 and lex.strength_re.fullmatch(pieces[-1])
                                 and len(c.split()) >= 2  # "clear, structured answers"
                                 and not _VERDICT_END.search(c))  # ("fast, knife skills good": two)
                             or (listing and re.match(r"(?i)(?:and|or)\s", c))):
                    joiner = seps[i - 1] if i - 1 < len(seps) else ", "
                    pieces[-1] = f"{pieces[-1]}{joiner}{c}"  # "strong Python, SQL and Airflow" stays one remark
                    listing = True  # "Knows SQL, R, and Python well": the list's last item closes it
                else:
                    pieces.append(c)
                    listing = False
            parts = []
            for j, piece2 in enumerate(pieces):
                if j in praised:
                    parts.append((False, piece2.strip(" ,"), "strength"))
                    continue
                # (praise said with "but", "firm but fair", is one remark: no contrast to split at)
                paired = any(" but " in m.group(1).lower() for m in lex.strength_re.finditer(piece2))
                for k, p in enumerate(_CONTRAST.split(piece2) if not paired else [piece2]):
                    if not (p and p.strip(" ,.")):
                        continue
                    if k > 0 and parts and _NARROW_ONLY.fullmatch(p.strip(" ,.")):
                        # "Passed the written test but only just": a degree of what came before, no remark
                        parts[-1] = (parts[-1][0], f"{parts[-1][1]}, but {p.strip(' ,.')}", parts[-1][2])
                        continue
                    parts.append((k > 0, p.strip(" ,"), None))
            texts = _borrow_subject([p for _, p, _ in parts])
            for (contrast, _, own_hint), text in zip(parts, texts):
                for k, p in enumerate(_split_opposites(text, lex)):
                    if contrast or k > 0:
                        group += 1  # "good SQL but slow": the contrast is a separate thought
                    marked = _TRAILING_SIGN.search(p)
                    if marked and p[:marked.start()].strip():  # "Tableau ++, Power BI --": each item's own mark
                        out.append((p[:marked.start()].strip(), "strength" if "+" in marked.group(1) else "gap",
                                    piece_label, group))
                        continue
                    out.append((p, piece_hint or own_hint, piece_label, group))
    return out


# praise of how the candidate was with someone or at something ("v good w/ customers, upsold the dessert menu twice"):
# what they did next is its evidence, said after it
_PRAISED_WITH = re.compile(r"(?i)\s(?:with|w/|at|around)(?:\s|$)")


def _praise_only(lex: Lexicon, text: str) -> bool:
    """Is `text` praise and nothing else ("fast", "accurate bundle prep", "clean")?"""
    return bool(lex.strength_re.search(text)) and not lex.gap_re.search(text)


# a pass by a narrow margin: "passed the written test but only just", "only just scraped through the screen"
_NARROW = (r"(?:only just|just about|only narrowly|narrowly|barely|just|by a whisker|by a (?:small|narrow|slim) margin|"
           r"not by much|by the skin of (?:your|his|her|their) teeth)")
_NARROW_ONLY = re.compile(_NARROW, re.I)
_PASS_TEST = (r"(?:test|exam|assessment|check|screen|screening|task|exercise|audit|inspection|trial|drill|quiz|"
              r"simulation|round|stage|case study|case|interview)")
_PASSED_TEST = re.compile(rf"^(?:you\s+)?(?:(?P<lead>{_NARROW})\s+)?(?P<verb>passed|cleared|scraped through|scraped past|"
                          rf"scraped|squeaked through|squeezed through|got through|made it through)\s+"
                          rf"(?P<test>(?:[\w/&+#'-]+\s+){{0,5}}?{_PASS_TEST}s?(?:\s+(?:one|round|stage))?)"
                          rf"(?P<how>\s+(?:easily|comfortably|cleanly|first time|with ease|with distinction|well))?"
                          rf"(?:,?\s+(?:but\s+)?(?P<tail>{_NARROW}))?$", re.I)


# the test first ("Forklift test passed", "the written exam was passed comfortably")
_TEST_PASSED = re.compile(rf"^(?:your\s+|the\s+)?(?P<test>(?:[\w/&+#'-]+\s+){{0,4}}?{_PASS_TEST}s?)\s+(?:was\s+|were\s+)?"
                          rf"(?P<verb>passed|cleared)(?P<how>\s+(?:easily|comfortably|cleanly|first time|with ease|"
                          rf"with distinction|well))?$", re.I)


def passed_test(text: str) -> tuple[str, str] | None:
    """("strength" | "gap", clause) for a test passed ("Passed the numerical test comfortably", "Forklift test
    passed") or passed only narrowly ("Passed the written test but only just", "scraped through the technical
    screen"), or None."""
    m = _PASSED_TEST.match(text.strip(" .!"))
    if not m:
        m = _TEST_PASSED.match(text.strip(" .!"))
        return ("strength", f"you passed {_article_the(m.group('test'))}{m.group('how') or ''}") if m else None
    verb = m.group("verb").lower()
    test = _article_the(m.group("test"))
    if m.group("lead") or m.group("tail") or verb.startswith(("scraped", "squeaked", "squeezed")):
        return "gap", f"you passed {test}, but only narrowly"
    if verb in ("got through", "made it through"):
        return None  # through to the next stage, not a verdict on the test
    return "strength", f"you passed {test}{m.group('how') or ''}"


# help the candidate would still need: "would need support with board reporting", "needs a lot of hand-holding on
# consolidation", "will need coaching around stakeholder management"
_NEEDS_SUPPORT = re.compile(r"^(?:you\s+)?(?P<aux>(?:would|will|'d|might|may|could)\s+)?(?:still\s+)?(?P<verb>needs?|needed|requires?|required)"
                            r"\s+(?:(?:a lot of|lots of|a bit of|a fair bit of|some|significant|extra|close|more|much|real)\s+)*"
                            r"(?P<what>support|help|hand-?holding|guidance|coaching|supervision|mentoring|oversight|steer(?:ing)?)"
                            r"\s+(?:with|on|in|around|for|across)\s+(?P<topic>\S.*)$", re.I)


_SUBJECT_VERB = re.compile(r"^(?P<subj>.+?\s(?:was|were|is|are|seemed|seems|looked|looks|felt|came across as))\s+\S",
                           re.I)
_ADJ_PREP = re.compile(rf"^(?P<adj>{_INTENSIFIER_LEAD}[\w-]+)\s+(?P<prep>on|in|at|with|around)\s+\S", re.I)
_BARE_PREP = re.compile(r"^(?P<neg>not|less so|weaker|weak)\s+(?P<prep>on|in|at|with|around)\s+(?P<topic>\S.*)$", re.I)
_VERB_MANNER = re.compile(r"^(?:you\s+)?(?P<verb>[a-z]+)\s+(?:(?:very|really|quite|a bit|bit|too|rather|fairly|pretty)\s+)?"
                          r"[a-z]+$", re.I)  # "Spoke fast", "talked a bit quickly": a verb and its manner
_MANNER = re.compile(r"(?:(?:very|really|quite|a bit|too|rather|fairly|pretty)\s+)?(?:[a-z]+ly|well)", re.I)


# a quality only a person has ("patient", "motivating", "punctual"): never lent a thing's subject
_PERSON_TRAIT = re.compile(r"(?i)(?:(?:very|really|quite|v|so|super)\s+)?(?:patient|kind|warm|friendly|caring|motivating|"
                           r"encouraging|punctual|polite|courteous|personable|approachable|humble|honest|reliable|"
                           r"dependable|coachable|resilient|empathetic|compassionate|considerate|proactive|diligent|"
                           r"motivated|enthusiastic|passionate|curious|attentive|confident|composed|calm)")


def _borrow_subject(parts: list[str]) -> list[str]:
    """A contrast's second half with no subject of its own takes the first half's: "Her A/B testing
    knowledge was fine but shallow" -> "… was shallow"; "Solid on SQL, but not on Python" -> "not solid
    on Python" (the gap keeps its topic)."""
    out = list(parts)
    for k in range(1, len(out)):
        prev, part = out[k - 1], out[k].strip().rstrip(".!")
        m = _BARE_PREP.match(part)
        lead = _ADJ_PREP.match(prev)
        if m and lead and m.group("neg").lower() in ("not", "less so"):  # "Solid on tax, less so on transfer pricing"
            out[k] = f"not {lead.group('adj').lower()} {m.group('prep')} {m.group('topic')}"
            continue
        bare = re.fullmatch(r"(?:(?:very|really|quite|a bit|bit|too|rather|somewhat|fairly|pretty|a little)\s+)?"
                            r"[a-z][\w-]+", part, re.I)
        trait = bool(bare and _PERSON_TRAIT.fullmatch(part))  # "great energy, patient": not "your energy was patient"
        if bare:  # "Decent presentation, bit long-winded": "a bit", once it follows a subject
            part = re.sub(r"(?i)^bit\s", "a bit ", part)
        verb = _VERB_MANNER.match(prev)
        if verb and _did(verb.group("verb")) and _MANNER.fullmatch(part):  # "Spoke fast but clearly" -> "spoke clearly"
            out[k] = f"{verb.group('verb')} {part}"
            continue
        subj = _SUBJECT_VERB.match(prev)
        if subj and bare and not trait:
            out[k] = f"{subj.group('subj')} {part}"
            continue
        lead = _VERDICT_TOPIC.match(prev)  # "Good SQL, but slow" -> "SQL was slow"
        if lead and bare and not trait:
            out[k] = f"{lead.group('topic')} was {part}"
            continue
        on = _ADJ_PREP.match(prev) and _ADJ_PREP_TOPIC.match(prev)
        if on and bare:  # "great on the phones, but slow" -> "slow on the phones"
            out[k] = f"{part} {on.group('prep')} {on.group('topic')}"
    return out


_ADJ_PREP_TOPIC = re.compile(r"^\S+(?:\s+\S+)?\s+(?P<prep>on|in|at|with|around)\s+(?P<topic>\S.*)$", re.I)
# how the candidate answered, said of them ("you were vague on the budget"): theirs, not a verdict on a skill
_YOU_WERE_MANNER = re.compile(r"^you(?:'re|\s+(?:were|are))\s+(?:(?:very|really|quite|pretty|a bit|rather|fairly|so|too|v)\s+)?"
                              r"(?:vague|unclear|hazy|fuzzy|imprecise|inaccurate|messy|confusing|disorgani[sz]ed|unstructured|"
                              r"sloppy|careless|hesitant|rambling|long-winded|generic|unconvincing)\s", re.I)
# the candidate as the subject of a judgement on a skill ("She was weak on SQL", "He's very good at Excel")
_YOU_WERE_ADJ_PREP = re.compile(r"^you(?:'re|\s+(?:were|are))\s+(?=(?:(?:very|really|quite|pretty|a bit|rather|fairly|so|too|v)\s+)?"
                                r"[a-z][\w-]*\s+(?:on|in|at|with|around)\s+\S)", re.I)
# the candidate judged as a whole under a label ("Python: she was weak", "SQL: he seemed strong"): the verdict is the label's
_YOU_WERE_LEAD = re.compile(r"^you(?:'re|\s+(?:were|are|seemed|seem|looked|came across as))\s+", re.I)
_VERDICT_TOPIC = re.compile(r"^(?:(?:very|really|quite|pretty|fairly)\s+)?(?:good|great|strong|solid|decent|ok|okay|fine|nice|"
                            r"excellent|clean|clear|neat|tidy|weak|poor|basic|limited|shaky|rusty)\s+"
                            # "good with customers, friendly": an adjective and its preposition, no topic to lend
                            r"(?!(?:with|on|at|in|around|about|for|to|under|when|during)\b)(?P<topic>[\w/&+#.-]+"
                            r"(?:\s+[\w/&+#.-]+){0,3})$", re.I)


_HAVE_LEAD = re.compile(r"(?i)^(?:you\s+)?(?:have|has|had|'ve)\s+(?:got\s+)?(?:an?\s+)?")


def _without_have(t: str, words: str) -> str:
    """ "you have good knowledge of SQL" -> "good knowledge of SQL", "has weak SQL" -> "weak SQL": the judged thing
    the candidate has, said as the patterns for "good X" and "weak X" say it; any other remark as it was."""
    m = _HAVE_LEAD.match(t)
    if m and re.match(rf"{_INTENSIFIER}(?:{words})\s+\S", t[m.end():], re.I):
        return t[m.end():]
    return t


def _label_verdict(t: str, r: Remark, words: str) -> str | None:
    """The verdict word of a labelled remark that only judges the candidate ("Python: she was weak" -> "weak"), so
    that it is said of the label's topic ("Your Python was …"), not of the candidate; None for any other remark."""
    m = _YOU_WERE_LEAD.match(t) if r.topic else None
    if m is None:
        return None
    v = re.fullmatch(rf"(?:a\s+)?{_INTENSIFIER}(?P<adj>{words})(?:\s+(?:overall|in places|at times|throughout))?",
                     t[m.end():].strip(" .!"), re.I)
    return v.group("adj").lower() if v else None


def _agree(lex: Lexicon, verb: str) -> str:
    """A verb after "you": the lexicon's form ("is" -> "are"), else a present -s verb without its -s
    ("overpromises" -> "overpromise"); anything else as written."""
    agreed = lex.agreement.get(verb.lower())
    if agreed:
        return agreed
    if verb.islower() and re.fullmatch(r"[a-z]{3,}s", verb) and not verb.endswith(("ous", "ss", "is", "us", "ys")):
        from .rules import _de_inflect

        return _de_inflect(verb) or verb
    return verb


_OWN_REACTION = re.compile(r",?\s{0,40}(?:which|that|and (?:this|that|it))\s+(?:really\s+|quite\s+|a bit\s+)?(?:surprised|shocked|"
                           r"disappointed|annoyed|worried|bothered|concerned|impressed|amazed|puzzled|confused) (?:me|us|the panel)"
                           r"\b[^.;]*", re.I)
_OWN_SURPRISE = re.compile(r",?\s{0,40}(?:which\s+(?:was|is)\s+)?(?:quite\s+|very\s+|a bit\s+)?(?:surprising(?:ly)?|disappointing(?:ly)?|"
                           r"unexpected(?:ly)?|odd|strange|weird)\s+(?:given|for|considering|as|with)\b[^.;]*", re.I)
# the interviewer's own surprise or aside opening a remark ("Strange as it sounds she nailed the SQL", "Oddly, aced the
# case", "Surprisingly good SQL", "Believe it or not, …"): theirs to keep; the remark is what follows it (a surprise told
# to the candidate reads as a backhanded compliment)
_ASIDE_LEAD = re.compile(
    r"^\s*(?:(?:strange(?:ly)?|odd(?:ly)?|weird(?:ly)?|funn(?:y|ily)|craz(?:y|ily)|bizarre(?:ly)?|surprising(?:ly)?|"
    r"ironic(?:ally)?|curious(?:ly)?)\s+(?:as\s+it\s+(?:may\s+|might\s+)?"
    r"(?:sounds?|seems?)|enough|to say)|strangely|oddly|weirdly|funnily|bizarrely|surprisingly|unexpectedly|curiously|"
    r"ironically|amazingly|shockingly|astonishingly|believe it or not|(?:much\s+)?to (?:my|our|everyone's)\s+(?:great\s+)?"
    r"surprise|against (?:all\s+)?(?:the\s+)?odds|who knew|go figure)\b\s*[,:;!–—-]*\s*", re.I)
# (or the brackets a filler left empty: "(I think)" -> "( )")
_HEDGE_ASIDE = re.compile(r"\s{0,40}\(\s*(?:(?:not (?:sure|certain)(?:\s+(?:why|if|how|about (?:that|this)))?|unsure|\?+|tbc|tbd|"
                          r"i think|i guess|maybe|possibly|perhaps|unconfirmed|to confirm)\s*)?(?:[?!.]+\s*)?\)", re.I)
_Q_WORD = re.compile(r"(?<=[a-z] )q(?![\w&'/])")
# a question answered wrongly, said of the question ("confidentiality question answered wrong", "got the safeguarding
# question wrong"): the answer to it was wrong, not "Your confidentiality question answered was …"
_ANSWERED_WRONG = re.compile(r"(?i)^\s*(?:(?:you|she|he|they)\s+)?(?:(?:got|answered)\s+)?(?:the\s+)?"
                             r"(?P<q>(?!(?:you|she|he|they|your|her|his|their|got|answered)\b)"
                             r"[a-z][\w/&'-]*(?:\s+[\w/&'-]+){0,3}?\s+question)\s+(?:answered\s+|was\s+answered\s+)?"
                             r"(?P<how>wrong(?:ly)?|incorrect(?:ly)?|badly|poorly|weakly|vaguely)\s*$")
_ANSWERED_HOW = {"badly": "weak", "poorly": "weak", "weakly": "weak", "vaguely": "vague"}
# a question of the interview by number ("poor on Q2 and Q3", "weak on question 3"): the answers to it, a part of
# the interview and no skill to practise ("Q3" alone may be a quarter: "role in Q3")
_QUESTION_LIST = r"(?:q|questions?\s*)\d{1,2}(?:\s*(?:,|and|&|\+|/)\s*(?:q|questions?\s*)?\d{1,2})*"
_QUESTION_NUMBERS = re.compile(rf"(?i)\b(on|at)\s+(?:the\s+)?({_QUESTION_LIST})(?![\w&])")
_QUESTIONS_ONLY = re.compile(_QUESTION_LIST, re.I)
# a deed's object written without its article ("missed competitor angle", "back up Python claim"): one thing, "the"
_BARE_OBJECT = re.compile(r"(?i)\b(missed|skipped|forgot|ignored|overlooked|misread|back(?:ed)? up|backing up)\s+"
                          r"(?!(?:the|a|an|your|her|his|their|its|any|some|this|that|these|those|all|each|every|no|one|"
                          r"\d+)\b)((?:[\w/&+#'-]+\s+){0,2}(?:angle|claim|point|question|step|requirement|deadline|"
                          r"detail|risk|issue|constraint|edge case|trade-?off|brief|objection|hint|prompt|target|check|"
                          # the paperwork of a shift ("missed fluid chart", "forgot food log")
                          r"chart|log|form|record|care plan|handover sheet|checklist))"
                          r"(?=\s*$|\s*[,;.!)]|\s+(?:on|in|at|during|for|before|after)\s|\s+(?:x\s?[2-5]|[2-5]\s?x|once|twice)\b)")
# kit the candidate forgot or didn't wear, named bare ("forgot hairnet", "didn't wear gloves"): theirs ("You forgot
# your hairnet.")
_BARE_KIT = re.compile(r"(?i)\b(forgot|forgotten|left|didn't bring|did not bring|didn't wear|did not wear|"
                       r"wasn't wearing|was not wearing|not wearing|without)\s+"
                       r"(?!(?:the|a|an|your|her|his|their|its|any|some|this|that|these|those|all|each|every|no|one|"
                       r"\d+)\b)((?:hair|beard)\s?nets?|gloves|aprons?|hard\s?hats?|hi-?vis(?:\s+(?:vest|jacket))?|"
                       r"safety\s+(?:boots|glasses|goggles|shoes)|goggles|ear\s+defenders|(?:name\s+|id\s+)?badges?|"
                       r"lanyards?|uniform|whites|knife\s+roll|tool\s?(?:box|kit)|calculator|notebook)\b")
# an aid done without, after what was done ("took 6 orders no notes", "recited specials no prompts"): with none
_NO_AID = re.compile(r"(?i)(?<=[a-z0-9])(?<!\bwith)(?<!\bhad)(?<!\bused)(?<!\bneed)(?<!\bneeded)(?<!\btook)(?<!\bkept)"
                     r"(?<!\band)(?<!\bbut)(?<!\bor)(?<!\bmade)\s+no\s+(?=(?:notes|prompts?|prompting|hints?|script|"
                     r"crib sheet|cue cards)\b)")
_HANDS_ON = re.compile(r"\bhands[- ]on(?:\s+(?:work|experience|practice|exposure))?(?=\s*$|\s*[,;.!)])", re.I)
_TIME_OF_EXPERIENCE = re.compile(r"\b(\d+(?:\.\d+)?\+?)\s+(years?|months?)\s+(?=(?:hands-on\s+|real\s+|commercial\s+)?experience\b)",
                                 re.I)
_LINK_LEAD = re.compile(r"^\s*(?:otherwise|also|plus|but|and|then|however|again|still|besides|anyway|"
                        # an aside to the reader ("mate she was quick on the drinks", "yeah she's solid on SQL")
                        # ... or before the verb or verdict ("Mate was weak on SQL", "yeah shaky on Excel")
                        r"(?-i:[Mm]ate|[Yy]eah)(?=,|\s+(?:she|he|they|you|was|were|is|seemed|looked)\b|\s+(?:"
                        + _VERDICT + r")\b)"
                        r")\b,?\s+", re.I)
# a remark that opens with its verb ("was weak on SQL"): said of the candidate
_SUBJECTLESS_BE = re.compile(r"^\s*(?:was|were)(?P<neg>n['\u2019]t)?\s+(?=\S)", re.I)  # ("wasn't listening": you weren't)
# how often, written before where ("forgot PPE x2 on the walk round"): said at the end, where `_COUNT_TAIL` reads it
_COUNT_BEFORE_WHERE = re.compile(r"(?i)\s(?P<count>x\s?[2-5]|[2-5]\s?x)(?P<where>\s+(?:on|in|at|during|when|before|after)"
                                 r"\s[^,;]*?)\s*$")
# how the candidate stayed ("stayed quiet", "she remained hesitant"): how they were
_STAYED = re.compile(r"(?i)^\s*(?:(?:she|he|they|you)\s+)?(?:stayed|remained|kept)\s+(?=" + _INTENSIFIER_LEAD +
                     r"(?:quiet|silent|passive|nervous|hesitant|reserved)\s*[.!]?\s*$)")
# how a person was, not a quality of the work: under a label it is said of the candidate ("Group task: she was quiet":
# "In the group task, you were quieter …", not "Your group task was quieter …")
_PERSON_MANNER = frozenset("quiet nervous hesitant lost overconfident passive".split())
# a state said in the progressive (Indian English: "she is having good knowledge of SQL", "was having 3 years of
# experience"): said as the simple verb
_HAVING = re.compile(r"(?i)\b(is|are|was|were)\s+having\s+(?=(?:(?:very|really|quite|good|strong|solid|excellent|sound|"
                     r"decent|deep|in-depth|basic|limited|little|less|some|no|\d+\+?)\s+)*(?:[\w&/+#.-]+\s+){0,2}?"
                     r"(?:knowledge|experience|exposure|understanding|grip|command|grasp|hands-on|skills?|years?|"
                     r"projects?|internships?|certifications?)\b)")
_HAS = {"is": "has ", "are": "have ", "was": "had ", "were": "had "}
# "less" before a count noun's plural is "fewer" ("made less errors", "less calls handled than needed"): the word the
# candidate reads agrees (not before a mass noun that ends in s: "less stress", "less focus", "less bias", "less maths")
_LESS_COUNT = re.compile(r"(?i)\b(?:less)(?=\s+(?!(?:perhaps|always|sometimes|nowadays|towards|afterwards|besides|"
                         r"across|regardless|nevertheless|thus|this|was|has|does|maths|news|means|series|species|"
                         r"thanks|lens|politics|physics|economics|ethics|logistics|analytics|graphics)\b)[a-z-]{2,}"
                         r"(?<![suia])s\b)")
_THAN_AVERAGE = re.compile(r"(?i)(\b(?:fewer|more|less|[a-z]{3,}er)\b[^,;:]{0,60}?)\s+than\s+(?:the\s+)?average\b")
# ... and a remark that opens with "less" knowledge or experience ("Less experience with cocktails"): limited
_LESS_LEAD = re.compile(r"(?i)^(\s*)(?:(?:a\s+bit|bit|much|far|a\s+lot|way)\s+)?less\s+(?=(?:hands-on\s+|practical\s+|"
                        r"real\s+)?(?:knowledge|experience|exposure|understanding|awareness|practice)\b)")
# a subjectless "loves" ("+ loves books", "loves working with kids"): the candidate's love of it, not a topic "loves books"
_LOVES = re.compile(r"(?i)^\s*(?:really\s+|genuinely\s+|clearly\s+)?loves\s+(?P<to>to\s+)?(?=(?P<ing>[a-z]+ing\b)|[a-z])")
# "less" for too little (Indian English: "territory knowledge less", "she is having less knowledge of GST"): limited
_LESS_AFTER = re.compile(r"(?i)\b(knowledge|experience|exposure|understanding|confidence|awareness|practice|fluency|"
                         r"communication)"
                         r"\s+(?:is\s+|was\s+)?(?:(?:very|bit|a bit|little|slightly|quite)\s+)?less(?=\s*[.!]*\s*$)")
_LESS_OF = re.compile(r"(?i)^\s*(?P<what>(?:knowledge|experience|exposure|understanding|awareness)\s+(?:of|in|with)\s+"
                      r"[\w&/+#.' -]{1,40}?)\s+(?:is\s+|was\s+)?(?:(?:very|bit|a bit|quite)\s+)?less(?=\s*[.!]*\s*$)")
_LESS_BEFORE = re.compile(r"(?i)\b(has|have|had|having|with)\s+(?:very\s+)?less\s+(?=(?:knowledge|experience|exposure|"
                          r"understanding|awareness|practice)\b)")
# informal verdicts: "mid" at a remark's end is middling ("SQL mid", "her Excel was kinda mid"; not "mid-level",
# "mid 2024"), and "heaps" before praise is a degree ("heaps good")
_SLANG_MID = re.compile(r"(?i)(?<=\w)(?<!\bfrom)(?<!\bin)(?<!\bby)(?<!\buntil)(?<!\btill)(?<!\bthe)\s+(?:kinda\s+|pretty\s+|a bit\s+|bit\s+)?mid(?=\s*[.!]*\s*$)")
_GREEN_ON = re.compile(r"(?i)(?:^|(?<=\s))(?:(?:a\s+)?bit|very|quite|still|pretty|fairly|rather|v)?\s{0,40}green\s+"
                       r"(?:on|with|in|at)\s+")
_SLANG_HEAPS = re.compile(r"(?i)\bheaps\s+(?=(?:good|better|great|strong|keen|nice|quick|fast|confident)\b)")
# a dish judged at a kitchen trial ("dessert under-seasoned", "lamb overcooked"): advice on the cooking, not on
# "experience with lamb"
_SEASONING = re.compile(r"(?i)\b(?:under|over)[- ]?seasoned\b|\bseasoning (?:was )?off\b")  # (not "bland": pitches are too)
_COOKING = re.compile(r"(?i)\b(?:under|over)[- ]?(?:cooked|done)\b")
_OUT_OF_TIME = re.compile(r"(?i)\b(?:ran|run|runs|running) out of time\b")  # practice against the clock, no topic
_TOOK_AGES = re.compile(r"\b(took|takes|taking|for)\s+(?:ages|forever|an age|yonks|an eternity)\b", re.I)
# answers that took long to reach their point: the advice is to lead with the point, whatever the remark's topic
_WORDY = re.compile(r"\b(?:(?:took|takes|taking) (?:a long time|ages|forever|an age|too long) to (?:get to|reach|make|come to)\b|"
                    r"(?:get|got|getting|come|came) to the point|rambl\w*|waffl\w*|long-winded|verbose|"
                    r"(?:off on|into) tangents?|lost the thread|hard(?:er)? to follow)", re.I)
# a bare word for answers that lost their point ("Rambled", "rambly", "she waffled"): said of the answers
_WORDY_ALONE = re.compile(r"(?:you\s+)?(?:(?:a bit|very|quite|rather|too|v)\s+)?(?:rambl(?:ed|es|ing|y)|waffl(?:ed|es|ing|y))",
                          re.I)
# speech too fast to follow ("Spoke v fast", "talks very quickly"): "fast" there is no praise
_FAST_TALK = re.compile(r"^(?:you\s+)?(?P<verb>spoke|speak|speaks|talked|talk|talks|speaking|talking)\s+"
                        r"(?P<deg>(?:very|really|quite|so|super|a bit|too|way|rather|extremely)\s+)?"
                        r"(?:fast|quickly|quick|rapidly)\b(?P<rest>.*)$", re.I)
# talking over or cutting off the people in the room ("talked over the panel", "kept interrupting the PM", "cut the
# customer off"): concrete behaviour, said as it happened, with advice on letting others finish
_LISTENERS = (r"(?:(?:the|your|other|the other|his|their|fellow)\s+)*(?:panel(?:lists?)?|interviewers?|assessors?|"
              r"examiners?|me|us|others|other people|people|everyone|everybody|colleagues?|team\s?mates?|team|group|"
              r"candidates?|customers?|clients?|guests?|patients?|stakeholders?|recruiter|role[- ]?players?|actors?|chef|"
              r"(?:product|hiring|line|project|store|site|head)\s+manager|manager|hm)")
_TALKED_OVER = re.compile(r"^(?:you\s+)?(?P<often>(?:(?:kept|keeps|tended to|tends to|would|often|sometimes|repeatedly|"
                          r"constantly|regularly|a bit|also|then)\s+)*)(?P<verb>talk(?:ed|s|ing)?\s+over|"
                          r"sp(?:oke|eak|eaks|eaking)\s+over|interrupt(?:ed|s|ing)?|cut(?:s|ting)?(?:\s+off)?)\s+"
                          rf"(?P<who>{_LISTENERS}|(?-i:(?P<name>(?:{_TITLES}\.?\s+)?[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)))(?P<off>\s+off)?\b"
                          r"(?P<rest>[^,;]*)$", re.I)
# the panel itself, where the one talked over is named ("talked over Priya in the panel"): another panel member
_IN_THE_PANEL = re.compile(r"(?i)^\s*(?:in|on|during|at)\s+(?:the\s+)?panel(?:\s+interview)?\b")
_OFTEN = re.compile(r"(?i)\b(?:kept|keeps|repeatedly|constantly|regularly|often)\b")
# one listener named without an article ("talked over customer x3", "cut off patient"): "the customer"
_BARE_LISTENER = re.compile(r"(?i)^(?!(?:the|your|other|his|their|fellow|me|us|people|everyone|everybody)\b)[a-z][\w -]*(?<!s)$")
_HOW_OFTEN = re.compile(r"(?i)\b(?:once|twice|times|a lot|lots|throughout|constantly|repeatedly|again)\b")


def talked_over(text: str) -> str | None:
    """ "kept talking over the interviewers" -> "talked over the interviewers more than once": what the candidate did,
    in the past; None unless the remark is talking over or cutting off someone in the room."""
    m = _TALKED_OVER.match(text.strip(" .!"))
    if not m or (m.group("verb").lower().startswith("cut") and "off" not in (m.group("verb") + (m.group("off") or ""))):
        return None
    verb = m.group("verb").lower()
    verb = ("talked over" if verb.startswith("talk") else "spoke over" if verb.startswith("sp") else
            "interrupted" if verb.startswith("interrupt") else "cut off")
    who = re.sub(r"(?i)^me$", "your interviewer", re.sub(r"(?i)^us$", "the panel", m.group("who")))
    rest = m.group("rest").rstrip(" .!")
    if m.group("name"):  # "talked over Priya in the panel": a colleague or another candidate, never named to them
        panel = _IN_THE_PANEL.match(rest)
        who, rest = ("another panel member", rest[panel.end():]) if panel else ("someone else", rest)
    who = f"the {who}" if _BARE_LISTENER.match(who) and not m.group("name") else who
    count = _COUNT_TAIL.search(rest)
    if count and (count.group("x") or count.group("n")):  # "talked over customer x3": "… three times"
        rest = f"{rest[:count.start()]} {_TIMES[count.group('x') or count.group('n')]}"
    if _OFTEN.search(m.group("often")) and not _HOW_OFTEN.search(rest):
        rest += " more than once"
    return f"{verb} {who}{rest}"


# a shortfall that shows only under pressure ("struggled under pressure", "cracked when pushed", "less structured under
# time pressure"): how the candidate held up, said as one clause, never with "under pressure" as a topic
_PRESSURE_WHEN = (r"(?P<when>(?:(?:when\s+)?under\s+(?:(?:time|real|a bit of|some|any)\s+)?pressure|"
                  r"when (?:pushed|challenged|pressed|probed|put on the spot|the pressure (?:was|came) on)|"
                  r"against the clock|on the spot)"
                  # ... on what, or where ("when pushed on the numbers", "under time pressure in the coding round")
                  r"(?:\s+(?:on|in|about|during|at)\s+(?:the\s+|your\s+)?[\w/&+#' -]{2,40}?)?)")
_UNDER_PRESSURE = re.compile(
    r"^(?:you\s+)?(?:(?:were|was)\s+)?(?:(?P<degree>a bit|a little|slightly|somewhat|noticeably|much|far)\s+)?"
    r"(?:(?P<less>less\s+[a-z][\w-]*)|struggled|struggles?|struggling|had (?:some\s+)?(?:trouble|difficulty)|cracked|"
    r"wobbled|froze|buckled|crumbled|fell apart|went to pieces|"
    r"had (?:an?\s+)?(?:(?:bit of a|slight|real|brief)\s+)?(?:wobble|wobbly moment|mental block|blank|freeze|meltdown)|"
    r"had (?:(?:very|quite|rather|a bit|somewhat)\s+)?(?:poor|weak|weaker|shaky|patchy|no|little|less)\s+"
    r"(?P<what>(?!pressure\b)[a-z][\w-]*(?:\s+(?!under\b|when\b)[a-z][\w-]*)?)|"
    r"lost (?:(?:your|his|her|their)\s+)?(?:cool|composure|nerve|focus|way)|"
    r"(?:not (?:great|good|strong|as strong)|weak|poor|shaky|weaker|worse))\s+" + _PRESSURE_WHEN + r"$", re.I)
# a shortfall in coping with a condition of the work, not a skill to get experience of ("not great w/ ambiguity",
# "struggled with uncertainty", "uncomfortable with change"): how the candidate coped, said as one clause
_UNEASY_WITH = re.compile(
    r"^(?:you\s+)?(?:(?:were|was|seemed)\s+)?(?:(?P<degree>a bit|a little|slightly|somewhat|quite|very|noticeably)\s+)?"
    r"(?:not (?:great|good|strong|comfortable|confident|at ease)|weak|poor|uncomfortable|uneasy|struggled|struggles?|"
    r"had (?:some\s+)?(?:trouble|difficulty))\s+(?:with|around|in the face of)\s+"
    r"(?P<cond>ambiguity|uncertainty|change|unclear briefs|open-ended problems|shifting priorities)$", re.I)
# what such a remark is about when it is the candidate's answers: nothing named, or the answers themselves (not
# "Your patient handover rambled", "long copy rambled": a piece of work with its own practice)
_SPOKEN = re.compile(r"(?:(?:your|the)\s+)?(?:answers?|responses?|replies|explanations?|communication|delivery)|"
                     r"(?:a lot|a bit|at times|(?:for|on|when|before|about|with|in|to)\b.*)", re.I)
_AT_ALL = re.compile(r"\s{1,40}(?:at all|whatsoever)\b", re.I)
# "not familiar with Xero", "unfamiliar with IFRS 16", "not confident in Excel": a skill the candidate is not at home in
_NOT_AT_HOME = re.compile(r"^(?:you\s+)?(?:(?:was|were|is|are|seemed|seems|looked|felt)\s+)?(?:not\s+(?:yet\s+|very\s+|that\s+|"
                          r"too\s+|really\s+|fully\s+)?(?:(?P<known>familiar|conversant|up to speed)|comfortable|confident|"
                          r"at home|fluent)|(?P<unknown>unfamiliar)|uncomfortable)\s+(?:with|in|on|using|around)\s+"
                          r"(?!(?:you|him|her|them|us|me)\b)(?P<topic>\S.*)$", re.I)  # a skill, not a person
# "no Kafka yet", "hasn't used Terraform so far": the note's time word, which the gap templates say themselves
_TOPIC_TIME_TAIL = re.compile(r"(?:\s{0,40},)?\s{1,40}(?:(?:as\s+)?yet|so far|to date|till now|until now|up to now)$", re.I)
# An interviewer's name reporting the remark ("Raj felt that …", "Dana and Lee thought …", "Raj (HM) said …")
# ... or by their part in the process ("HM felt …", "the hiring manager thought …", "Interviewer 2 said …")
_REPORTER_ROLE = (r"(?i:(?:the\s+|our\s+|my\s+|other\s+|the other\s+)*(?:hm|hiring manager|line manager|interviewers?|"
                  r"panel(?:ists?)?|panel lead|panel chair|lead interviewer|recruiter|tech(?:nical)? lead|team lead|"
                  r"assessors?|reviewers?|manager|director|colleague|everyone|both of us|we all|all of us)"
                  r"(?:\s*#?\d{1,2}|\s+[A-Z])?)")
_REPORTED = re.compile(r"^\s*(?:" + _REPORTER_ROLE + r"|(?:" + _TITLES + r"\.?\s+)?[A-Z][a-z][A-Za-z'\-]*(?:\s+(?:and|&)\s+[A-Z][a-z][A-Za-z'\-]*)?)"
                       r"(?:\s+(?:and|&)\s+I)?(?:\s+\([^)]{1,30}\))?\s+(?:(?:all|both)\s+)?(?:felt|feels|thought|thinks|said|"
                       r"says|noted|notes|mentioned|commented|believed|believes|reckoned|reckons|flagged|observed|agreed|agree)"
                       r"\s+(?:that\s+)?(?=\S)")


# a gap measured against the interviewer's hopes ("slower on CRM than expected", "weaker on stock counts than we hoped",
# "more nervous than expected"): the hope is theirs, and the gap is the one the plain word says ("slow on CRM")
_THAN_EXPECTED = re.compile(r"(?i)(?<![\w-])(?:more\s+(?P<adj>[a-z-]+)|(?P<cmp>[a-z]{2,}(?:er|ier)))"
                            r"(?P<mid>(?:\s+(?:on|in|at|with|around|when|during)\s+[^,;()]+?)?)\s+than\s+"
                            r"(?:(?:we|i|the panel|the team|the manager)(?:'d|\s+had|\s+would have)?\s+)?"
                            r"(?:expected|hoped(?:\s+for)?|anticipated|wanted|thought|liked?)"
                            r"(?P<tail>\s+(?:on|in|at|with|during)\s+[^,;()]+?)?(?=\s*$|\s*[,;.!])")


def _plain_gap(m: re.Match, lex: Lexicon) -> str:
    """The match of `_THAN_EXPECTED` as its plain gap word ("slower on CRM than expected" -> "slow on CRM"), or as it
    was where the word is no gap ("stronger than expected")."""
    if m.group("adj"):
        bases = [m.group("adj")]
    else:
        w = m.group("cmp")
        bases = [w[:-3] + "y", w[:-3], w[:-2], w[:-1]] if w.lower().endswith("ier") else [w[:-3], w[:-2], w[:-1]]
    base = next((b for b in bases if b.lower() in lex.soft), None)
    return base + m.group("mid") + (m.group("tail") or "") if base else m.group(0)


# someone the candidate served or dealt with ("the caller", "a customer", "the patient"): a possessive or object
# pronoun after them is theirs ("didn't ask the caller for their account number"), never the candidate's
_THIRD_PARTY = re.compile(r"(?i)\b(?:callers?|customers?|cust|clients?|patients?|residents?|guests?|diners?|pupils?|"
                          r"students?|kids?|child(?:ren)?|parents?|visitors?|shoppers?|users?|learners?|tenants?|"
                          r"passengers?|members?|colleagues?|service users?|applicants?|suppliers?|"
                          r"(?:the|a|an|each|every)\s+(?:man|woman|person|lady|gentleman|boy|girl))\b")
_THIRD_PARTY_PRONOUN = ("their", "them", "his", "him", "her", "themselves", "himself", "herself")
# ... and the object of what the candidate did, said with a gerund ("before logging them", "without greeting him")
_OWN_NEXT = re.compile(r"(?i)\s+own\b")  # "to the resident in her own words": the candidate's
# ... a possessive, before the thing it owns ("their account number"), not an object ("the kids loved her")
_POSSESSIVE_NEXT = re.compile(r"(?i)\s+(?!(?:and|but|or|to|for|with|in|on|at|as|a|an|the|too|well|again|up|out|through|"
                              r"over|more|that|this|off|back|down|from|about|into|by|if|because|quickly|so|very|a lot)\b)"
                              r"[a-z]")
_DONE_TO = re.compile(r"(?i)\b(?:before|after|without|when|while|by|for|from|instead of)\s+[a-z]+ing\s+$")


# a PM spoken or listened to ("struggled explaining to PM", "pushed back on PM", "presented to PMs"): the product
# manager, a person in the room, not the field "product management"
_PM_SPOKEN_TO = re.compile(r"(?i)(?P<to>\b(?:explain|present|pitch|talk|speak|spoke|report|listen|defer|escalat|justif|"
                           r"push(?:ing|ed|es)?\s+back|pushback|challeng|convinc|persuad|updat|brief|answer|respond)"
                           r"[a-z]*\s+(?:to|on|with|from)\s+)(?P<pm>pms?)\b(?![\w/])")


def normalise(text: str, lex: Lexicon | None = None) -> str:
    """Shorthand expanded, filler dropped, third person turned into 'you', terms capitalised."""
    lex = lex or default_lexicon()
    t = " " + text.strip().replace("’", "'") + " "  # one apostrophe for the pronoun and verb tables
    t = _PM_SPOKEN_TO.sub(r"\g<to>the \g<pm>", t)  # "explaining to PM": a person, "the PM" (then the lexicon's)
    for pat, rep in lex.abbreviations:
        t = pat.sub(rep, t)
    t = lex.noun_shorthand_re.sub(lambda m: (m.group("before") or "") + lex.noun_shorthand[
        (m.group("after_word") or m.group("word")).lower()], t)  # "obs charted late": observations, not "obviously"
    t = lex.filler.sub(" ", t)
    t = _REPORTED.sub(" ", t, count=1)
    # a link word left from the notes' flow ("otherwise solid Excel modelling") and an emphasis that
    # belongs to the note, not the topic ("no motion work at all")
    t = _LINK_LEAD.sub(" ", t, count=1)
    t = _ASIDE_LEAD.sub(" ", t, count=1)
    t = _SUBJECTLESS_BE.sub(lambda m: " you weren't " if m.group("neg") else " you were ", t, count=1)
    t = _STAYED.sub(" you were ", t, count=1)
    t = _COUNT_BEFORE_WHERE.sub(r"\g<where> \g<count>", t, count=1)  # "forgot PPE x2 on the walk round": count last
    # a band said of a part ("meets on coding, below on sys design"): the verdict it means (not "below bar on …",
    # which is the panel's score band)
    t = _BAND_ON.sub(lambda m: f" {_BANDS[m.group(1).lower()]} ", t, count=1)
    t = _Q_WORD.sub("question", t)  # "the mental maths q", "the conflict q": a question (not "Q3", "Q&A")
    t = _ANSWERED_WRONG.sub(lambda m: f" your answer to the {m.group('q')} was "
                            f"{_ANSWERED_HOW.get(m.group('how').lower(), 'wrong')} ", t, count=1)
    t = _QUESTION_NUMBERS.sub(lambda m: "in your answers to " + re.sub(r"\bq(?=\d)", "Q", m.group(2)), t)
    t = _BARE_OBJECT.sub(lambda m: f"{m.group(1)} {'your' if m.group(2).endswith('claim') else 'the'} {m.group(2)}", t)
    t = _BARE_KIT.sub(r"\1 your \2", t)
    t = _NO_AID.sub(" with no ", t, count=1)
    t = _HANDS_ON.sub("hands-on experience", t)  # "little hands on": hands-on experience, not a topic "hands on"
    t = _TIME_OF_EXPERIENCE.sub(r"\1 \2 of ", t)  # "only 1 yr exp" -> "only 1 year of experience"
    t = _THAN_EXPECTED.sub(lambda m: _plain_gap(m, lex), t)  # "slower on CRM than expected": slow on CRM
    t = _HEDGE_ASIDE.sub(" ", t)  # "Weak SQL (not sure why)": the interviewer's doubt, not part of the remark
    t = _OWN_REACTION.sub("", t)
    t = _OWN_SURPRISE.sub("", t)  # "Struggled with basic accounting q's, surprising given CV"  # "Weak SQL, which surprised me given her CV": the interviewer's reaction stays private
    t = _AT_ALL.sub("", t)  # "Raj felt she was weak on SQL": what was said, not who said it
    t = _TOOK_AGES.sub(r"\1 a long time", t)  # "took ages to get to the point": said without the note's bluntness
    t = _LOVES.sub(lambda m: " you love " + (m.group("to") or "") if m.group("to") or m.group("ing") else " love of ",
                   t, count=1)
    t = _LESS_OF.sub(r" limited \g<what>", t, count=1)
    t = _LESS_AFTER.sub(r"\1 limited", t)
    t = _LESS_BEFORE.sub(r"\1 limited ", t)
    t = _LESS_LEAD.sub(r"\1limited ", t, count=1)
    t = _LESS_COUNT.sub(lambda m: "Fewer" if m.group()[0] == "L" else "fewer", t)
    t = _THAN_AVERAGE.sub(r"\1 than most", t)  # "fewer errors than average": a comparison, not the verdict "average"
    t = _HAVING.sub(lambda m: _HAS[m.group(1).lower()], t)  # "she is having good knowledge of SQL": she has
    t = _KIT_LEFT.sub(lambda m: f" left the {m.group('kit')} {m.group('state')}{m.group('rest') or ''} ", t)
    t = _SLANG_MID.sub(" average", t)  # "her Excel was mid": middling
    t = _SLANG_HEAPS.sub("really ", t)
    t = _GREEN_ON.sub(" limited experience with ", t)  # "bit green on SQL": new to it  # "heaps good with customers" (Australian): really good
    t = _BRACKET_VERDICT.sub(r" \g<topic>: \g<verdict> ", t)
    t = _VERDICT_WHERE.sub(r" \g<topic>: \g<verdict> \g<where>", t, count=1)
    card = scorecard_line(t, lex)
    if card is not None and _MANNER_WITH.fullmatch(card[0]) and _POSITIVE_VERDICT.fullmatch(card[1]) and not card[2]:
        # "chatty with customers (good)": the manner with the people is the strength ("patient" says so itself)
        t = f" you were {card[0]} " if lex.strength_re.search(card[0]) else f" you were {card[0]}, which worked well "
    elif card is not None:  # "System design - weak, no caching" -> "system design was weak: no caching"
        t = " " + _scorecard_sentence(card[0], card[1], lex) + (f": {card[2]}" if card[2] else "") + " "

    def pron(m):
        word = m.group(1)
        low = word.lower()
        if low in _THIRD_PARTY_PRONOUN and not _OWN_NEXT.match(t, m.end()) and (
                (_POSSESSIVE_NEXT.match(t, m.end()) and low in ("their", "his", "her")
                 and _THIRD_PARTY.search(t, 0, m.start())) or _DONE_TO.search(t, 0, m.start())):
            return word  # someone else's: "the caller … their account number", "before logging them"
        if low in ("he's", "she's"):  # "she's got a great eye": has; "she's strong": is
            return "you've" if _PERFECT_NEXT.match(t, m.end()) else "you're"
        if low == "her":
            after = t[m.end():].lstrip()
            nxt = re.match(r"[\w'/-]+", after)  # "her A/B testing": "A/B", not the article "a"
            nw = nxt.group(0).lower() if nxt else ""
            if not nw or nw in ("and", "but", "or", "to", "for", "with", "in", "on", "at", "as", "a", "an",
                                "the", "too", "well", "again", "up", "out", "through", "over", "more", "that",
                                "this", "off", "back", "down", "from", "about", "into", "by", "if", "because"):
                return "you"
            return "your"
        return lex.pronouns.get(low, word)

    t = lex.pronoun_re.sub(pron, t)
    # the verb after "you" agrees, past an adverb too ("you clearly know")
    t = re.sub(r"\b(you|You)\s+((?:[a-z]+ly|sometimes|often|always|never|also|still|usually|really)\s+)?([\w']+)",
               lambda m: f"{m.group(1)} {m.group(2) or ''}{_agree(lex, m.group(3))}", t)
    t = lex.proper_re.sub(lambda m: lex.proper.get(m.group(0).lower(), m.group(0)), t)
    t = re.sub(r"(?i)\b(you\b[^.;]{0,80}?\band )has\b", r"\1have", t)  # "you are good in Excel and have …"
    # "Asha strong on visualisation" (a name, then no verb) -> "you were strong on visualisation"
    t = re.sub(rf"^(\s*)you\s+(?=(?:{_VERDICT})\s+(?:on|at|in|with|across)\b)", r"\1you were ", t, flags=re.I)
    t = re.sub(r"\s+", " ", t).strip(" .!")
    t = re.sub(r"\s+([,?])", r"\1", t)
    return t


# ---- classifying ---------------------------------------------------------------------------------

# a strength wished for is a gap: "could be stronger on SQL", "should have been more structured"
_COMPARATIVE = re.compile(r"(?:er|ier)$|^better$", re.I)
_WISH_LEAD = (r"(?:could|should|would|might|needs? to|has to|must|ought to)\s+(?:have\s+)?be(?:en)?\s+"
              r"(?:(?:a\s+)?(?:bit|little|lot|much|far|way)\s+)?(?:more\s+)?")
_WISHED = re.compile(r"\b" + _WISH_LEAD + r"$", re.I)


# more of something wished for in the past: "would have liked more depth on testing" is a gap
_WANTED_MORE = re.compile(r"\b(?:would|'d)\s+(?:have\s+)?(?:liked|loved|wanted|preferred|hoped|need|needed|want|like)\s+"
                          r"(?:to\s+(?:see|hear)\s+)?"
                          r"(?:more|a\s+(?:bit|little|lot)\s+more|deeper|stronger|better|clearer)\b", re.I)


# what the candidate liked doing, said of them, is no praise ("liked to interrupt", "loved the sound of his own voice",
# "enjoyed hearing himself talk"): their own habit, not the panel's liking (not "liked to see her plan ahead")
_OWN_LIKING = re.compile(r"\s+(?:to\s+(?!(?:see|hear|watch|read)\b)[a-z]|(?:the\s+sound\s+of\s+)?(?:your|his|her|their)\s+own\s+"
                         r"voice\b|(?:hearing\s+|listening\s+to\s+)?(?:your|him|her|them)sel(?:f|ves)\b)", re.I)
_LIKING = ("liked", "loved", "enjoyed")


# a fault counted as absent is praise: "0 errors", "no mistakes", "error-free", "without a single bug"
_NO_FAULT = re.compile(r"\b(?:(?:0|zero|no|nil|not (?:a|one) single|without (?:a single |any )?)\s*(?:errors?|mistakes?|bugs?|"
                       r"defects?|typos?|faults?|issues|discrepancies|variances?|complaints?|incidents?)"
                       # ... not a practice named after them: "no error handling", "no bug tracking" is a gap
                       r"(?![ -](?:handling|checking|checks?|logging|messages?|reporting|tracking|tracker|correction|"
                       r"detection|analysis|management|triage|codes?|reports?|logs?|rates?|fix(?:es|ing)?|bash(?:es|ing)?)\b)|"
                       r"(?:error|mistake|bug|defect|typo|fault)[- ]free|"
                       # ... or as fewer than before or than others: "made less errors", "fewer mistakes on the re-run"
                       r"(?:(?:far|much|a lot|way)\s+)?(?:fewer|less)\s+(?:errors|mistakes|bugs|defects|typos|faults|"
                       r"complaints|incidents|breakages|spills)|"
                       # ... or an aid not needed: "no notes needed", "zero prompting required"
                       r"(?:no|zero)\s+(?:notes|prompts?|prompting|hints?|script|cue cards)\s+(?:needed|required|used)|"
                       # a gap or a worry counted as absent: "no concerns", "no gaps in SQL", "SQL wasn't an issue"
                       r"(?:no|zero|not any|without any|nothing but)\s+(?:(?:major|real|big|obvious|serious|particular)\s+)?"
                       r"(?:problems?|concerns?|gaps?|red flags?|weakness(?:es)?|worries|issues?|holes)|"
                       r"(?:wasn't|was not|isn't|is not|weren't|were not|not)\s+(?:an?\s+|any\s+)?(?:issue|problem|concern|worry|blocker)s?|"
                       r"(?:never|didn't|did not|doesn't|does not|not once)\s+(?:seem to\s+)?(?:struggle|struggled|struggles)|"
                       # a fluster counted as absent: "never rushed", "not once flustered", "never raised her voice"
                       r"(?:never|not once|at no point)\s+(?:seemed\s+|looked\s+|got\s+|felt\s+)?(?:rushed|hurried|flustered|"
                       r"panicked|fazed|phased|rattled|flapped|overwhelmed|lost (?:your|her|his|their) (?:cool|temper)|"
                       r"raised (?:your|her|his|their) voice)|"
                       r"(?:couldn't|could not|can't|cannot)\s+fault|lacks?\s+nothing|not\s+bad|"
                       # an aid done without ("took 6 orders no notes", "recited the specials without prompts"); not
                       # notes as what was (not) taken: "took no notes during the consultation" is a fault
                       r"(?<=\w\s)(?<!\b(?:took|made|kept|take|make|keep)\s)(?<!\b(?:takes|makes|keeps|wrote)\s)"
                       r"(?<!\b(?:taking|making)\s)"
                       r"(?:no|without(?:\s+any)?)\s+(?:notes|prompts?|prompting|hints?|script|crib sheet|cue cards))\b",
                       re.I)


# what an absent fault is about: "no problems with Python", "couldn't fault her Excel", "SQL wasn't an issue"
_NO_FAULT_TOPIC = re.compile(r"\b(?:with|in|on|around|fault)\s+\S|^(?!(?:not|no|never|zero|nothing|lacks?)\b)\S+\s+\S", re.I)


# praise that is only the candidate's word for themselves ("claimed expert in everything", "says she's strong on SQL",
# "self-proclaimed expert")
_CLAIMED = re.compile(r"\b(?:claim(?:ed|s|ing)?|self[- ](?:proclaimed|described|styled)|says|said|calls?|called|describes?|"
                      r"described)\s+(?:(?:to be|(?:she|he|they|you)(?:'s|'re| is| are| was| were)?|(?:her|him|them|your)sel(?:f|ves)"
                      r"(?: as)?|as|an?|the)\s+){0,3}(?:(?:an?|the)\s+)?$", re.I)


_SHOWN_OFF = re.compile(r"(?i)\bshow(?:ed|s|ing|n)?\s+$")

# a safety lapse: kit left unsafe ("fume hood left open", "left the fridge door open", "mixer guard left up");
# not "left on a good note", nor a door left open for later ("left the door open for a future role")
_UNSAFE_STATE = (r"(?:(?:open|ajar)(?!\s+(?:for|to)\b)|unlocked|unattended|unguarded|uncovered|unsecured|unlabel(?:l)?ed|"
                 r"running|(?:on|up)(?=\s*(?:$|[,;.!)])|\s+(?:after|overnight|all|during|when|while|between)\b))")
# (kit, not a role or a question "left open")
_NOT_KIT = r"(?<!\brole)(?<!\bposition)(?<!\bpost)(?<!\bvacancy)(?<!\bjob)(?<!\bquestion)(?<!\boption)"
_LEFT_UNSAFE = re.compile(rf"(?i)(?:^|{_NOT_KIT}\W+)left\s+(?:[\w-]+\s+){{0,4}}?{_UNSAFE_STATE}")
# ... said of the kit alone: "fume hood left open" is "left the fume hood open", a mishap (`_MISHAP`)
_KIT_LEFT = re.compile(rf"(?i)^\s*(?:the\s+)?(?P<kit>[a-z][a-z -]{{0,40}}?){_NOT_KIT}\s+(?:was\s+|were\s+)?left\s+"
                       rf"(?P<state>{_UNSAFE_STATE})(?P<rest>\s+[^,;]*?)?\s*$")


_LESS_JUST_BEFORE = re.compile(r"(?i)\bless\s+$")


def _polarity(lex: Lexicon, text: str) -> tuple[int, int]:
    pos = neg = 0
    faultless = [m.span() for m in _NO_FAULT.finditer(text)]
    pos += len(faultless)
    wanted = _WANTED_MORE.search(text)
    if wanted:
        neg += 1
    fast_talk = _FAST_TALK.match(text.strip())
    if fast_talk or talked_over(text):
        neg += 1
    if _LEFT_UNSAFE.search(text) or _RAN_LONG.match(text.strip(" .!")):
        neg += 1
    own_until = 0
    for m in lex.strength_re.finditer(text):
        if wanted and wanted.start() <= m.start() < wanted.end():
            continue  # "liked" in "would have liked more …" is no praise
        own = _OWN_LIKING.match(text, m.end()) if m.group(1).lower() in _LIKING else None
        if own or m.start() < own_until:
            own_until = max(own_until, own.end() if own else 0)
            continue  # "liked to interrupt", "loved the sound of …": the candidate's habit, not the panel's praise
        if fast_talk and m.start() >= fast_talk.start("deg" if fast_talk.group("deg") else "rest") - 10:
            continue  # "spoke very fast": too fast to follow, counted above
        before = text[:m.start()]
        if _CLAIMED.search(before[-40:]):
            continue  # "claimed expert in everything": the candidate's claim, not the panel's praise
        wished = _WISHED.search(before[-40:])
        # wished for only as more of it: "could be stronger", "should be more structured"; not "would be good at
        # client work" or "would be great to have her", which are praise
        if wished and not (wished.group().rstrip().lower().endswith("more") or _COMPARATIVE.search(m.group(1))):
            wished = None
        if lex.negation_re.search(before[-20:]) or wished or _LESS_JUST_BEFORE.search(before[-30:]):
            neg += 1  # ... "less accurate with the counts": less of the praise is a gap
        else:
            pos += 1
    for m in lex.gap_re.finditer(text):
        if any(a <= m.start() < b for a, b in faultless):
            continue
        word = m.group(1).lower()
        if word == "off" and _SHOWN_OFF.search(text[:m.start()]):
            continue  # "showed off her portfolio well": shown, not off the mark
        if word in ("not", "no", "n't", "less") and lex.strength_re.match(text[m.end():].lstrip()):
            continue  # counted above as a negated strength
        neg += 1
    return pos, neg


_SPECULATIVE = re.compile(r"^(?:maybe|possibly|possible|perhaps|consider|could|might|refer|intro|introduce|pass|forward|send|"
                          r"keep|re-?apply|reapply|try|think about|look at|good fit|better fit|fit for|suited|"
                          r"future|next|potential|worth)\b", re.I)
_NEXT_START = re.compile(r"^(?:maybe|possibly|perhaps|consider(?:ing)? (?:for|her|him|them)|ask again|keep on file|"
                         r"would (?:hire|consider|interview|take|look at|love to have)|could hire|hire (?:later|for|as)|"
                         r"keep in touch|keep warm|refer|intro|introduce|pass (?:on|to)|re-?apply|reapply|"
                         r"circle back|reconnect|future)\b", re.I)
_NEXT_LEAD = re.compile(r"^(?:(?:keep on file|keep in touch|keep|hold|ask again|consider(?:ing)?|maybe|possibly|perhaps|"
                        r"(?:would|could|might|we'd|i'd) (?:hire|consider|interview|take|look at|love to have)|"
                        r"(?:would|could|might) be an? (?:great|good|strong|solid|decent|excellent) "
                        r"(?:hire|fit|candidate|addition)|"
                        r"hire|good fit|better fit|fit|you|her|him|them|she|he|they)\s+)+(?:(?:for|on|as|in)\s+)?",
                        re.I)  # what comes before the team or role a next-step note names
_HIRE_LATER = re.compile(r"^(?:(?:would|could|might|we'd|i'd)\s+(?:hire|take|consider|interview)|"
                         r"(?:you\s+)?(?:would|could|might)\s+be\s+(?:perfect|ideal|great|a (?:great|good|perfect) (?:fit|match))\s+for|"
                         r"(?:would|could|might)\s+be\s+an?\s+(?:great|good|strong|solid|decent|excellent)\s+"
                         r"(?:hire|fit|candidate|addition))\b.*\b(?:later|future|next|"
                         r"when|if|role|position|opening|team)\b", re.I)
_PAST_WISH = re.compile(r"^(?:you\s+)?(?:should|could|would|might)\s+have\s+been\b", re.I)  # a gap, not advice
# advice said by its heading or by when it applies, before an imperative ("Advise: take a grant management course",
# "Tip: practise with the CRM sandbox", "next time bring a portfolio")
_ADVICE_LABEL = re.compile(r"(?i)^(?:advi[cs]e[ds]?|tips?|suggest(?:ion|ed)?s?|recommend(?:ation|ed)?s?|recs?|"
                           r"(?:for\s+)?next\s+time|going\s+forward|in\s+(?:the\s+)?future)\s*(?::|,|[-–—]+)?\s*")
_ADVICE_START = re.compile(r"^(?:you\s+)?(?:should|could|might want to|needs? to|would benefit|could benefit|ought to|"
                           r"recommend|suggest|work on|practi[cs]e|learn|brush up|read up|take a|get certified|"
                           r"focus on|try|consider|back up(?=(?:\s+[\w/&+#'-]+){0,3}\s+(?:claims?|points?|answers?|"
                           r"statements?|figures|numbers)\b))\b", re.I)


# praise by rank among everyone seen ("one of the best we've seen", "one of the strongest portfolios I've seen",
# "her case study was one of the best we've had"; the topic and the thing seen start and end on a non-space, so that
# a run of spaces is read once, not tried at every split: they backtracked cubically on a note padded with spaces)
# the judges' doubt with nothing it is about ("panel not convinced", "the panel was not convinced", "HM not sold")
_JUDGE_DOUBT = re.compile(r"(?:(?:the|our|your)\s+)?(?:(?:panel|interviewers?|hm|hiring\s+manager|manager|assessors?|"
                          r"we|i|you)\s+)?(?:(?:was|were|is|are)\s+)?(?:not|wasn't|weren't)\s+"
                          r"(?:(?:fully|entirely|really|totally|quite)\s+)?(?:convinced|sold|sure|persuaded)", re.I)
_NEEDS_WORK = re.compile(r"(?i)(?:you\s+)?(?:still\s+)?(?:needs?|requires?)\s+(?:(?:some|a lot of|lots of|a bit of|a little|"
                         r"more|further|much)\s+)?(?:work|improvement|improving|development|polish|polishing|refinement)")
_CANDIDATE_VERDICT = re.compile(rf"(?i)(?:(?:a|an|very|really|quite|overall|overall a|overall an)\s+)*(?:{_VERDICT})\s+"
                                r"(?:candidate|applicant|cand|interviewee|hire|contender|option)"
                                r"(?:\s+(?:overall|on paper|all round|all-round|(?:for|as)\s+(?:the|a|an|this|our)\s+[\w /&-]+))?")
_WHOLE_VERDICT = re.compile(rf"you\s+(?:were|are|was|seemed|seem)\s+(?:{_VERDICT})", re.I)
_ONE_OF_THE_BEST = re.compile(r"(?i)(?:(?:you(?:'re|\s+are|\s+were)|(?P<topic>(?!you\b)[\w/&+#' -]*?[\w/&+#'-])\s+(?:was|were|is|are))\s+)?"
                              r"(?:(?:easily|probably|possibly|genuinely|honestly|by far|definitely|maybe)\s+)?"
                              r"one of the (?P<adj>best|strongest|clearest|sharpest|finest|most \w+)"
                              r"(?:\s+(?P<what>(?!(?:we|i|the panel)\b)[\w/&+#'-](?:[\w/&+#' -]*?[\w/&+#'-])??))?\s+(?:(?:we|i)(?:'ve|\s+have)?|the panel has|"
                              r"I've|ive)\s+(?:ever\s+)?(?:seen|had|interviewed|heard|read|met|come across)"
                              r"(?:\s+(?:this year|in years|so far|in a while|for this role|for a while|recently))?")


# a job title with its grade, as a heading ("junior accountant", "jr dev", "senior staff nurse role"): no verdict on the
# candidate's seniority
_JOB_TITLE = re.compile(r"(?i)(?:(?:the|a|an|for)\s+)?(?:junior|jr|senior|sr|graduate|grad|trainee|apprentice|lead|principal)"
                        r"\s+(?:[a-z&/-]+\s+){0,2}?(?:accountant|developer|dev|engineer|analyst|nurse|teacher|chef|manager|"
                        r"designer|consultant|associate|officer|administrator|admin|assistant|technician|electrician|"
                        r"plumber|carpenter|joiner|scientist|architect|auditor|buyer|planner|recruiter|executive|adviser|"
                        r"advisor|specialist|coordinator|cashier|barista|receptionist|stylist|physio|physiotherapist|"
                        r"pharmacist|solicitor|paralegal|surveyor|mechanic|baker|waiter|server|practitioner|lecturer)s?"
                        r"(?:\s+(?:role|position|post|vacancy|job|opening|candidate|applicant|interview))?")


def classify(note: str, hint: str | None, lex: Lexicon, risk_engine=None, terse=None, labelled: bool = False) -> Remark:
    """One remark, classified by the lexicon and the rule engines (no trained model here). `labelled`: the
    remark's line names its topic ("Python: no concerns")."""
    text = normalise(note, lex)
    if not labelled and _WORDY_ALONE.fullmatch(text):  # "Rambled": the answers were ("Presentation: rambling": it was)
        text = "rambling answers"
    if hint == "admin":
        return Remark(note, text, "dropped", "logistics", "logistics: interview admin, not feedback")
    for engine in (risk_engine, terse):
        if engine is None:
            continue
        for probe in (note, text):  # the note first: the reason quotes what the interviewer wrote
            hits = [(r, a, b) for r, a, b in engine.phrase_hits(probe) if r.category == "risk"]
            if hits:
                rule, a, b = hits[0]
                label = engine.risk_labels.get(rule.risk, rule.risk or "a protected characteristic")
                return Remark(note, text, "dropped", "risky", f"risky: {label} ('{probe[a:b]}')")
    for pat, risk, unlabelled in lex.risky_regex:
        for probe in (note, text) if not (unlabelled and labelled) else ():
            m = pat.search(probe)
            if m:
                labels = getattr(risk_engine, "risk_labels", {}) or {}
                label = labels.get(risk, risk.replace("_", " "))
                return Remark(note, text, "dropped", "risky", f"risky: {label} ('{m.group(0).strip()}')")
    if not re.search(r"[A-Za-z]{2}", text):
        return Remark(note, text, "dropped", "unclear", "unclear: nothing to turn into feedback")
    if _JOB_TITLE.fullmatch(text.strip(" .!:-")):  # "junior accountant - Xero good": the role, not "more junior than …"
        return Remark(note, text, "dropped", "unclear", "unclear: a job title, not a judgement of the work")
    low = text.lower()
    # a scorecard verdict decides its line: "Leadership: strong - ran the review without prompting" is praise
    scored = _EVIDENCE.match(text.strip())
    pos, neg = _polarity(lex, scored.group("head") if scored else text)
    said = _ASIDE_LEAD.sub("", note.lower(), count=1)  # "Strange as it sounds, …": the aside is no judgement of the person
    for pat, category, reason in lex.drops:
        if pat.search(low) or pat.search(said):
            return Remark(note, text, "dropped", category, reason)
    best = _ONE_OF_THE_BEST.fullmatch(text.strip(" .!"))
    if best and not best.group("what") and not best.group("topic") and not labelled:
        # "one of the best we've seen": a verdict on the whole candidate, with nothing they did to point to
        return Remark(note, text, "dropped", "unclear",
                      "unclear: a verdict on the whole candidate, with nothing they did to point to")
    if _NEEDS_WORK.fullmatch(text.strip(" .!")) and not labelled:
        # "needs work" with no topic (alone, or the conclusion after "SQL shaky ->"): not "you need work"
        return Remark(note, text, "dropped", "unclear", "unclear: a verdict with nothing named that it is about")
    if _WHOLE_VERDICT.fullmatch(text.strip(" .!")) and not labelled:
        # "Mark was weak", "she was strong": a verdict on the whole person, with no skill to name (nor advice on
        # "experience with you")
        return Remark(note, text, "dropped", "unclear",
                      "unclear: a verdict on the whole candidate, with nothing they did to point to")
    if _CANDIDATE_VERDICT.fullmatch(note.strip(" .!")) and not labelled:
        # "Strong candidate for the reception role": the panel's verdict on the whole candidate (it was "One strength the
        # panel noted: strong you for the reception role.")
        return Remark(note, text, "dropped", "unclear",
                      "unclear: a verdict on the whole candidate, with nothing they did to point to")
    if not labelled and any(_JUDGE_DOUBT.fullmatch(t.strip(" .!")) for t in (note, text)):
        # "panel not convinced", "HM not sold": the judges' doubt about the whole candidate, with nothing they did to
        # point to (it was "The panel noted panel not convinced.")
        return Remark(note, text, "dropped", "unclear",
                      "unclear: a verdict on the whole candidate, with nothing they did to point to")
    if _NO_FAULT.fullmatch(text.strip(" .!")) and not labelled and not _NO_FAULT_TOPIC.search(text):
        # "not a blocker", "no major red flags": no problem, but not said with what; no strength to name
        return Remark(note, text, "dropped", "unclear",
                      "unclear: says something was no problem without saying what it was")
    scored = _scored(text)
    if scored:
        kind, topic = scored
        if kind == "middling" and (hint == "commented" or _NOT_A_SKILL.match(topic)):
            return Remark(note, text, "dropped", "unclear",
                          "unclear: a middling score, said by the comment after it" if hint == "commented" else
                          "unclear: a middling score for the whole candidate, with nothing they did to point to")
        topic = label_topic(topic, lex)
        if kind == "middling":  # "SQL 3/5", said of a skill and nothing more: not yet what the role needs, softly
            return Remark(note, f"{topic} was average", "gap")
        return Remark(note, f"strong {topic}" if kind == "strength" else f"weak on {topic}", kind)
    barred = _against_bar(text) or passed_test(text)
    if barred:
        return Remark(note, text, barred[0])
    if _NEEDS_SUPPORT.match(text.strip(" .!")) or _UNDER_PRESSURE.match(text.strip(" .!")) \
            or _UNEASY_WITH.match(text.strip(" .!")) \
            or _NOT_SURE.match(text.strip(" .!")) \
            or _NOT_SURE_STATE.match(text.strip(" .!")):
        # "doubt she could lead the team" is a doubt about the candidate, never a team to refer them to
        return Remark(note, text, "gap")
    question = note.strip().endswith("?")
    if any(p.search(text) for p in lex.next_step) and (
            question or _SPECULATIVE.match(text) or (pos == 0 and neg == 0) or hint == "next_step"):
        return Remark(note, text, "next_step")
    if _HIRE_LATER.match(text) or (_NEXT_START.match(text) and not lex.gap_re.search(text)):
        return Remark(note, text, "next_step")
    role = lex.ns_role.search(text)
    if (hint == "next_step" or role and _ROLE_NOUN.search(role.group("role")) and lex.ns_time.search(text)) \
            and pos == 0 and neg == 0:
        return Remark(note, text, "next_step")  # ("Band 6 role next year?": a role and a time, no judgement)
    if re.match(r"^be\s+(?:more|less|clearer|quicker|sharper)\b", text, re.I):  # "Be more concise."
        return Remark(note, text, "advice")
    lead = _ADVICE_LABEL.match(text)
    step = _IMPERATIVE.match(text[lead.end():]) if lead else None
    if step:  # "Advise: take a grant management course": "We'd suggest you take a grant management course."
        return Remark(note, f"you should {step.group('verb')} {step.group('rest')}", "advice")
    if _ADVICE_START.match(text) and lex.advice_re.search(text) and not _PAST_WISH.match(text):
        return Remark(note, text, "advice")
    if _THING_FAILED.match(text.strip(" .!")) or _STEP_SKIPPED.match(_COUNT_TAIL.sub("", text.strip(" .!"))):
        return Remark(note, text, "gap")  # "sauce split", "allergen check forgotten x2": the thing, as it came out
    if _DONE_WELL.match(text.strip(" .!")) and not neg:  # "calls handled calmly": a task done well
        return Remark(note, text, "strength")
    if _TOOK_TO.match(text.strip(" .!")):  # "kids loved her": the children the work serves took to the candidate
        return Remark(note, text, "strength")
    if _JUDGE_REACTED.match(text.strip(" .!")) and not neg:  # "Store mgr. happy with his merchandising": praise
        return Remark(note, text, "strength")
    if pos > neg or (pos == neg and hint == "strength"):
        return Remark(note, text, "strength")
    if neg > pos or (pos == neg and hint == "gap"):
        return Remark(note, text, "gap")
    if pos and neg:
        return Remark(note, text, "gap")
    if _BARE_STEP.match(text.strip(" .!")):  # "shadow an experienced yr 5 teacher": a step to take, said as advice
        return Remark(note, text, "advice")
    return Remark(note, text, "dropped", "unclear",
                  "unclear: no judgement of the work that could become feedback")


# A named person said to be stronger, better or further along ("Maria was much stronger on system
# design"): in notes about one candidate, most likely a comparison with another one.
_NAMED_COMPARISON = re.compile(
    r"^\s*(?!(?:She|He|They|I|We|You|The|A|An|This|That|Candidate|Overall|Very|Really|Much|Good|Great|Strong|"
    r"Weak|Solid|Clearly|Definitely|Probably|Maybe|Both|All|Everyone|Nobody|Someone)\b)"
    r"(?P<name>[A-Z][a-z\-]+(?:\s+[A-Z][a-z'\-]*\.?)?)(?P<own>['\u2019]s\s+[\w\-]+(?:\s+[\w\-]+)?)?"  # "Tom's take-home", "Priya R."
    r"\s+(?P<verb>(?:was|is|were|came across as|did(?:\s+(?:this|that|it|them|these|those))?|seemed|looked|"
    r"interviewed)\s+)?(?:an?\s+)?"
    r"(?:(?:much|far|a lot|a bit|way|slightly|clearly|definitely|noticeably|just|simply|obviously|significantly|"
    r"considerably|marginally|a little|somewhat|generally)\s+){0,2}"
    r"(?:stronger|better|weaker|sharper|ahead|further along|more\s+\w+|less\s+\w+|the (?:stronger|better|best|strongest)|"
    r"[a-z]{2,}(?:er|ier)(?=\s+(?:on|at|in|with)\b))\b"  # "Callum quicker on fit-out", "Dev faster at the till"
    r"(?P<at>\s+(?:on|at|in|with|across|overall)\b)?"
    r"(?!.*\bthan\s+(?:on|in|at|with|when|during)\b)")


def _names_someone(m: re.Match, own: set[str], lex: Lexicon) -> bool:
    """Does the comparison `m` name a person other than the candidate ("Maria was much stronger on
    system design", "Dev was better at whiteboarding")? Not the candidate's own name, and not a skill
    or subject compared ("Communication was better than expected", "Python was stronger than Java"):
    a word no dictionary knows is a name; a known word ("Maria", "Dev" are in WordNet too) only when
    it is stronger or better AT something, as a person is."""
    words = [w.rstrip(".") for w in m.group("name").split()]
    if {w.lower() for w in words} & own or words[0].lower() in _NOT_PEOPLE or words[0].lower() in _function_words():
        return False  # "Where I was less convinced …"
    if len(words) == 2 and words[1] == "I":
        return False
    if len(words) == 2 and len(words[1]) == 1:  # "Priya R."
        return True
    known = all(is_known_word(w) or w.lower() in _WORK_PARTS or w.lower() in lex.proper for w in words)
    if _THAN_A_THING.match(m.string, m.end()) and known:  # "Frontend stronger than backend": two things compared
        return False  # (not "Priya stronger on tests than backend": a word no dictionary knows is a name)
    if any(w.lower() in lex.proper for w in words):
        return False
    if _PERSON_AFTER.match(m.string, m.end()):
        return True  # "Rahul better fit", "Sam a stronger hire": said only of a person
    if (m.group("at") or "").strip() == "overall" or (m.group("verb") or "").startswith("did "):
        return True  # "Sam stronger overall", "Dev did this better": a verdict on how a person did
    if (m.group("verb") is not None or m.group("at") and not _NOUNISH.search(words[0].lower())) \
            and not all(is_known_word(w) for w in words):
        return True  # "Aarav was stronger", "Priya stronger on system design" (not "Whiteboarding much stronger on")
    if not known and not m.string[m.end():].strip(" .!"):
        return True  # "Meera sharper", and nothing more: how a person did (not "Backend better")
    # a known word ("Maria", "Tom" are in WordNet too) names a person when it owns the work ("Tom's
    # take-home") or, with a verb, is better AT something ("Dev was better at whiteboarding")
    return m.group("own") is not None or (m.group("verb") is not None and m.group("at") is not None)


# what only a person is better as ("Rahul better fit", "Sam a stronger hire", "Mia the better all-rounder")
_PERSON_AFTER = re.compile(r"(?i)\s+(?:(?:culture|team|overall|all[- ]round)\s+)?(?:fit|match|hire|choice|candidate|option|"
                           r"bet|pick|all[- ]rounder|appointment|prospect)\b")
_THAN_A_THING = re.compile(r"[^.;]*?\bthan\s+(?!(?:him|her|them|you|the candidate|ours|mine)\b)[a-z]")
# capitalised words at the start of a comparison that are no person ("Today's answers were better")
_NOT_PEOPLE = frozenset("today yesterday tomorrow tonight monday tuesday wednesday thursday friday saturday sunday "
                        "this last next everyone everybody nobody someone team company overall".split())


# A remark that opens with a person's name and says what they did or were ("Priya Shah was weak on SQL",
# "Tom struggled with the design question", "Priya's portfolio was strong"): about the candidate when
# it is the candidate's name, else about someone else. Verbs of reporting ("Raj felt …", "Dana said …")
# name the interviewer, and are not here.
_PERSON_VERBS = (r"(?:struggled|struggles|showed|shows|explained|explains|answered|answers|handled|handles|"
                 r"didn't|did not|doesn't|does not|couldn't|could not|can't|cannot|wasn't|was not|isn't|is not|"
                 r"hasn't|has not|lacks|lacked|came across|comes across|seemed|seems|presented|asked|forgot|"
                 r"froze|nailed|aced|communicated|communicates|interviewed|talked|spoke|speaks|rushed|jumped|"
                 r"went|got|gave|took|built|knows|knew|missed|needs|needed|has|had|was|is|"
                 r"(?:clearly|really|also|never|always|often|sometimes)\s+\w+)")
_STRONG_PERSON_VERB = re.compile(r"(?!(?:was|is|has|had|needs|needed|knows|knew|got|went)\b)(?![a-z]+s\b)\w", re.I)
# (a present -s form is no proof either: "Statistics answers weak" is a topic and a noun)
_NAME_LEAD = re.compile(r"(?:^|(?<=[.!?;\n•])|(?<=^[-*·>])|(?<=\n[-*·>]))[ \t]*(?:" + _TITLES + r"\.?[ \t]+)?"
                        r"(?P<name>[A-Z][a-z][A-Za-z\-]*(?:'[A-Z][a-z]+)?(?:[ \t]+[A-Z][a-z][A-Za-z\-]*(?:'[A-Z][a-z]+)?)?)"
                        r"(?P<after>['\u2019]s[ \t]+[a-z]|[ \t]+" + _PERSON_VERBS + r"\b)")
_NOT_A_PERSON = frozenset(
    "she he they i we you the a an this that these those candidate candidates overall very really much good great "
    "strong weak solid clearly definitely probably maybe both all everyone nobody someone everybody panel team "
    "interviewer interviewers manager communication attitude presentation portfolio answers answer energy "
    "experience english madam sir today yesterday tomorrow monday tuesday wednesday thursday friday saturday sunday".split())


def _leading_names(notes: str, lex: Lexicon) -> list[str]:
    """The names that open remarks in the notes and say what that person did or was, in order."""
    found: list[str] = []
    seen: set[str] = set()  # a name is judged once: notes repeat them, and spaCy costs ~2 ms a look
    for m in _NAME_LEAD.finditer(notes):
        name = m.group("name")
        words = name.split()
        if name in seen:
            continue
        seen.add(name)
        if (words[0].lower() in _NOT_A_PERSON or words[0].lower() in _function_words()
                or (is_adverb(words[0]) and words[0].lower() not in lex.word_names)  # "Calmly handled …"
                or words[0].lower() in lex.pronouns  # "Cand is good at …": the candidate, abbreviated
                or words[0] in lex.capital_shorthand  # "Obs missed on bay 3": observations, no person
                or any(w.lower() in lex.proper for w in words)):
            continue
        if _NAMED_COMPARISON.match(notes[m.start("name"):m.end("name") + 200]):
            continue  # "Dev was better at whiteboarding": someone the candidate is compared with (parse_notes)
        after = m.group("after").strip()
        # a word no dictionary knows is a name ("Aarav was weak"), and so is one that acts ("Tom froze") or
        # owns the work ("Tom's take-home"); else (WordNet knows "Grace", "Mark" and "Maria" as well as
        # "Design") spaCy's entity recogniser decides, on the remark's own line
        # ("Kitchen was chaotic": spaCy may read a capitalised noun opening a line as a person, so a known
        # word must read as one on its own too, as the subject of "said")
        if (any(not is_known_word(w) for w in words) or after[0] in "'\u2019" or _STRONG_PERSON_VERB.match(after)
                or words[0].lower() in lex.word_names
                or (names_person(*_line_at(notes, m.start("name"), m.end("name")))
                    and names_person(f"{name} said so.", 0, len(name)))):
            found.append(name)
    return found


def _line_at(text: str, start: int, end: int) -> tuple[str, int, int]:
    """The line holding text[start:end], and the span's offsets in it."""
    first = text.rfind("\n", 0, start) + 1
    last = text.find("\n", end)
    return text[first:last if last >= 0 else len(text)], start - first, end - first


def _as_candidate(notes: str, names: list[str]) -> str:
    """`notes` with each of `names` (its first word alone too, and its last after a title: "Ms Shah")
    read as the candidate."""
    names = [" ".join(w[:1].upper() + w[1:] for w in n.split()) if n.islower() else n for n in names]
    words = {w for n in names for w in (n, n.split()[0])}
    # the surname alone too, where it is no English word ("Rao was strong", but not "Young" or "Price")
    words |= {n.split()[-1] for n in names if len(n.split()) > 1 and not is_known_word(n.split()[-1])}
    if not words:
        return notes
    # written in lower case too ("asha was confident in sql", "rao: good grasp of excel") where that is no
    # English word ("will", "grace" stay as they are)
    words |= {w.lower() for w in words if not any(is_known_word(x) for x in w.split())}
    titled = {n.split()[-1] for n in names}
    pat = re.compile(r"(?<![\w'])(?:" + _TITLES + r"\.?[ \t]+(?:" + "|".join(map(re.escape, titled))
                     + r")|" + "|".join(map(re.escape, sorted(words, key=len, reverse=True)))
                     + r")(?P<own>['\u2019]s)?(?![\w'])")
    return pat.sub(lambda m: "the candidate's" if m.group("own") else "the candidate", notes)


# Someone named as the measure of the candidate ("better than Priya on SQL", "on par with Jake Miller")
_COMPARED_WITH = re.compile(
    r"\b(?i:than|on par with|level with|compared (?:to|with)|comparable to|unlike|as (?:good|strong|fast|sharp) as|"
    r"behind|ahead of|vs\.?|versus|similar to|the same as|close to|next to|relative to|as against|"
    r"(?:the candidate|you)\s+(?:and|&|as well as))\s+"
    r"(?P<name>[A-Z][a-z][A-Za-z\-]*(?:'[A-Z][a-z]+)?(?:\s+[A-Z][a-z][A-Za-z\-]*)?)")


# another candidate by their label ("Candidate B was stronger", "unlike applicant 3")
_OTHER_CANDIDATE = re.compile(r"\b(?:[Cc]andidate|[Aa]pplicant|[Ii]nterviewee|[Ff]inalist)\s+(?:[A-Z]|#?\d{1,3})\b(?!['\u2019])")
# someone described, not named, and compared ("The ex-Googler was stronger on experimentation")
_DESCRIBED_COMPARISON = re.compile(
    r"^\s*(?:[Tt]he|[Tt]hat|[Tt]his|[Oo]ur|[Aa]n?)\s+(?P<name>(?:ex|former|other|previous|internal|external|first|second|"
    r"third|last|earlier|later|morning|afternoon)[- ](?:one|guy|girl|candidate|applicant|person|[\w-]+)|[A-Z][a-z]+(?:er|ian|ite)s?)"
    r"\s+(?:(?:was|is|were|seemed|came across as|did|looked)\s+)?(?:(?:much|far|a lot|a bit|way|clearly|slightly|just)\s+)?"
    r"(?:stronger|better|sharper|weaker|ahead|further along|more\s+\w+|less\s+\w+)\b")
# someone named alongside the candidate ("Priya and the candidate both strong on SQL")
_NAMED_BESIDE = re.compile(r"(?P<name>[A-Z][a-z][A-Za-z\-]*)\s+(?:and|&)\s+(?:the candidate|you)\b")


def other_person(text: str, own: set[str], lex: Lexicon) -> str | None:
    """The name of someone other than the candidate that `text` describes or measures the candidate
    against ("Maria was much stronger on system design", "better than Priya on SQL", "Jake had more
    Tableau experience", "Candidate B was stronger", "the ex-Googler was better"), or None. `own`: the
    candidate's names, lower-cased."""
    m = _OTHER_CANDIDATE.search(text)
    if m:
        return m.group(0)
    m = _DESCRIBED_COMPARISON.match(text)
    if m and m.group("name").lower() not in lex.proper:
        return m.group("name")
    m = _NAMED_BESIDE.search(text)
    if m and m.group("name").lower() not in own and m.group("name").lower() not in _function_words() \
            and m.group("name").lower() not in lex.proper:
        return m.group("name")
    m = _NAMED_COMPARISON.match(text)
    if m and _names_someone(m, own, lex):
        return m.group("name")
    for m in _COMPARED_WITH.finditer(text):
        words = m.group("name").split()
        if ({w.lower() for w in words} & own or words[0].lower() in _NOT_A_PERSON | _NOT_PEOPLE
                or words[0].lower() in _function_words() or any(w.lower() in lex.proper for w in words)):
            continue
        label = entity_label(text, m.start("name"))
        # a word no dictionary knows, measured against at the remark's start, is a person whatever spaCy reads it as
        # (before a comma it may say a place or a company: "Compared to Rahul, she was …", "Compared to Anjali, …")
        # and after "than" too, whatever spaCy reads ("better obs than Nia": an organisation or a place to it)
        lead = _MEASURED_AGAINST.match(text.strip()) is not None or m.group(0)[:4].lower() == "than"
        if label == "PERSON" or ((label in (None, "NORP") or lead) and any(not is_known_word(w) for w in words)):
            return m.group("name")
    return next((n for n in _leading_names(text, lex) if n.split()[0].lower() not in own), None)


_TITLE_LEAD = re.compile(r"^\s*" + _TITLES + r"\.?\s+(?=\S)", re.I)


def own_name_words(candidate: str | None) -> set[str]:
    """The candidate's name as lower-case words, without a title ("Ms Shah" -> {"shah"})."""
    return {w.lower() for w in _TITLE_LEAD.sub("", candidate or "").split()}


def candidate_in_notes(notes: str, candidate: str | None, lex: Lexicon | None = None,
                       ) -> tuple[str, list[str], str | None]:
    """(notes with the candidate's name read as "the candidate", other people's names that open remarks,
    the name taken to be the candidate's when the context gave none).

    With the candidate's name given, it (or its first word) is the candidate wherever it appears, and a
    remark about anybody else is someone else's. Without it, the one name that opens remarks about
    what a person did is the candidate's; two or more are ambiguous, and none of them is taken."""
    lex = lex or default_lexicon()
    named = _leading_names(notes, lex)
    candidate = _TITLE_LEAD.sub("", candidate or "").strip()  # "Ms Shah": the name is "Shah", never "Ms"
    own_words = own_name_words(candidate)
    if own_words:
        own = [candidate] + [n for n in named if n.split()[0].lower() in own_words]
        others = [n for n in named if n.split()[0].lower() not in own_words]
        return _as_candidate(notes, own), others, None
    if len(named) == 1:
        return _as_candidate(notes, named), [], named[0]
    return notes, named, None


def _stands_alone(r: Remark, lex: Lexicon) -> bool:
    """A remark that is a verdict on a skill it names ("good on SEO", "weak on costings"), which needs nothing
    said beside it to be read (nor is a word a risky remark leans on: "bit slow", "very quiet")."""
    return r.kind in ("strength", "gap") and bool(_ON_A_PART.match(r.text)) \
        and not lex.risky_followers.search(r.text)


# a verdict on a part of something ("you were poor on joins", "weak on pivot tables")
_ON_A_PART = re.compile(rf"(?i)^(?:you\s+(?:were|are)\s+)?(?:{_VERDICT})\s+(?:on|at|with)\s+(?P<part>[^,;:()]+)$")


def parse_notes(notes: str, risk_engine=None, lex: Lexicon | None = None,
                candidate: str | None = None, warnings: list[str] | None = None) -> list[Remark]:
    """Every remark in the notes, classified (lexicon and rules only; no trained model). `candidate`:
    the candidate's name, if known: it becomes "you", and a remark about someone else is private, as is
    a comparison that names someone else (`candidate_in_notes`). `warnings` collects what the recruiter
    should know about whom the notes were read as being about."""
    lex = lex or default_lexicon()
    if risk_engine is None:
        from .rules import default_engine

        risk_engine = default_engine()
    terse = lex.terse_engine(risk_engine.risk_labels)
    # a run of spaces is one space here too: the notes of a check's context (`notes_to_context`) come without
    # draft_feedback's tidy-up, and the score and test patterns backtrack on long runs (20-70 s a check)
    notes = _SPACE_RUN.sub(" ", notes)
    notes, others, inferred = candidate_in_notes(notes, candidate, lex)
    if warnings is not None and inferred:
        warnings.append(f"The notes were read as being about {inferred}, the one person they name; give the "
                        "candidate's name in the context if that is someone else.")
    if warnings is not None and others:
        who = ", ".join(others)
        warnings.append(f"Remarks about {who} were left out: " + (
            "the notes name more than one person, and the context does not say which is the candidate."
            if not candidate else "the context names someone else as the candidate."))
    remarks, groups = [], []
    for note, hint, label, group in split_notes(notes, lex):
        lead = _NAME_LEAD.match(note) if others else None
        if lead and lead.group("name") in others:
            remarks.append(Remark(note, note, "dropped", "private",
                                  f"private: about {lead.group('name')}, who may not be the candidate"))
            groups.append(group)
            continue
        r = classify(note, hint, lex, risk_engine, terse, labelled=bool(label))
        both = _compared_within(note, lex) if r.kind in KEPT_KINDS \
            and not other_person(note, own_name_words(candidate), lex) else None
        if both:  # "Frontend stronger on tests than backend": a strength and a gap, each phrased on its own
            remarks.extend(Remark(note, normalise(t, lex), kind) for t, kind in zip(both, ("strength", "gap")))
            groups.extend((group, group))
            continue
        if label and r.kind in KEPT_KINDS:
            tool = lex.proper.get(label.strip().lower())
            part = _ON_A_PART.match(r.text) if tool else None
            # "SQL: she was poor on joins": the joins in SQL (a heading, "Communication: weak on structure", is no tool)
            text = f"{r.text} in {tool}" if part and tool.lower() not in part.group("part").lower() else r.text
            r = Remark(r.note, text, r.kind, r.category, r.reason, topic=label_topic(normalise(label, lex), lex))
        remarks.append(r)
        groups.append(group)
    # a remark that continues a risky one ("diabetic - long shifts?") goes with it
    risky_reason = {g: r.reason for r, g in zip(remarks, groups) if r.category == "risky"}
    # ... unless it is a verdict on a skill it names ("Good on SEO, weak on paid social, wants remote only bc of
    # health stuff": the two verdicts stand without the risky remark)
    remarks = [Remark(r.note, r.text, "dropped", "risky", f"part of a risky remark; {risky_reason[g]}")
               if g in risky_reason and r.category != "risky" and not _stands_alone(r, lex) else r
               for r, g in zip(remarks, groups)]
    # a named person compared ("Maria was much stronger on system design", "better than Priya on SQL") is
    # someone else unless it is the candidate's own name
    own = own_name_words(candidate)
    for i, r in enumerate(remarks):
        # (an unclear remark too: "Priya was sharper on caching" has no cue of the candidate's own)
        who = other_person(r.note, own, lex) if r.kind in KEPT_KINDS or r.category == "unclear" else None
        if who:
            remarks[i] = Remark(r.note, r.text, "dropped", "private",
                                f"private: compares {who} with the candidate, and may be about another candidate")
    # ... and so does a vague conclusion right after it ("Graduated in 1988. May not be current."); judged
    # on the remarks as classified, so that one dropped follower does not drop the next
    risky = [r.category == "risky" for r in remarks]
    for i in range(1, len(remarks)):
        before, r = remarks[i - 1], remarks[i]
        # (a vague word on pace or energy is risky on its own, but after a risky remark the reason names that one)
        if (risky[i - 1] and (r.kind in ("gap", "advice") or r.category == "unclear" or _PACE_PROXY in r.reason)
                and (lex.risky_followers.search(r.text) or lex.risky_followers.search(r.note))):
            reason = before.reason.split("; ", 1)[-1]
            remarks[i] = Remark(r.note, r.text, "dropped", "risky",
                                f"follows a risky remark and may rest on it; {reason}")
    # a gap no pattern can phrase and with no head to note ("Not", "only just", "very green") is left out, never
    # said as "The panel noted Not."
    for i, r in enumerate(remarks):
        if r.kind == "gap" and not gap_variants(r, lex, fallback=False)[0] and _noted_fragment(
                _uncap(_the(r.text.strip().rstrip("?")), lex), lex) is None:
            remarks[i] = Remark(r.note, r.text, "dropped", "unclear",
                                "unclear: a fragment that says nothing the candidate could be told about")
    return _without_repeats_and_contradictions(remarks, lex, warnings, notes)


# a comparison inside one remark, of two parts of the candidate's own work ("Frontend stronger on tests than backend",
# "better at sales calls than at admin", "backend weaker than frontend"): a strength and a gap, not praise of the line
_DEGREE = r"(?:(?:much|far|a lot|a bit|way|slightly|clearly|noticeably|definitely|a little|somewhat)\s+)?"
_WITHIN_COMPARISON = re.compile(
    r"(?i)^(?:(?P<a>[a-z][\w/&+-]*(?:\s+(?!(?:was|were|is|are|much|far|a|way|slightly|clearly|noticeably|definitely|"
    r"somewhat|stronger|better|weaker)\b)[a-z][\w/&+-]*)?)\s+(?:(?:was|were|is|are)\s+)?" + _DEGREE
    + r"(?P<cmp>stronger|better|weaker)(?:\s+(?P<tp>on|at|in|with)\s+(?P<t>[^,;]+?))?\s+than\s+"
    r"(?:(?P<bp>on|in|at|with)\s+)?(?:the\s+)?(?P<b>[a-z][\w/&+-]*(?:\s+[a-z][\w/&+-]*){0,2})|"
    + _DEGREE + r"(?P<cmp2>stronger|better|weaker)\s+(?P<p>on|at|in|with)\s+(?P<a2>[^,;]+?)\s+than\s+"
    r"(?:(?P<bp2>on|in|at|with)\s+)?(?P<b2>[^,;]+?))$")


_NAME_SHAPED = re.compile(r"[A-Z][a-z][a-z'-]*")  # a word written as a name is ("Shah"; not "DAGs", "API")
_PEOPLE_WORDS = frozenset("you she he they her him them i we me us candidate others other everyone".split())
# parts of the work that no dictionary knows, compared at the start of a remark ("Frontend stronger than backend")
_WORK_PARTS = frozenset("frontend front-end backend back-end ui ux api apis infra devops mobile ios android web".split())
# what a comparison is against that is no part of the work ("than in person", "than expected", "than last time")
_NOT_A_PART = re.compile(r"(?i)(?:the\s+)?(?:person|expected|usual|average|before|last\s+time|others|most|anyone|rest|"
                         r"required|needed|hoped|thought|anticipated|predicted|first|day\s+one|round\s+one|(?:i|we)\s+\w+)")
# people the work is with, which no practice makes stronger ("better with kids than with adults": no gap "adults")
_PEOPLE_GROUP = re.compile(r"(?i)(?:the\s+)?(?:(?:older|younger|new|senior|junior)\s+)?(?:adults|kids|children|people|"
                           r"customers|clients|patients|residents|students|pupils|learners|guests|colleagues|staff|peers|"
                           r"teenagers|teens|parents|families|managers|stakeholders|men|women|team|teams)")


def _compared_within(note: str, lex: Lexicon) -> tuple[str, ...] | None:
    """(the strength, the gap) of a comparison of two parts of the candidate's work in one remark, each as a remark
    the patterns phrase ("frontend tests strong", "backend tests weaker"), or the strength alone where the other side
    is people ("weaker with customers than with the till": "strong with the till"); None for anything else. (A comparison
    with a person, "Priya stronger on tests than Raj", is found by `other_person` on the note and made private.)"""
    note = note.strip(" .!")
    m = _WITHIN_COMPARISON.match(note)
    if not m:
        return None
    for g in ("a", "b", "a2", "b2"):  # "Priya stronger on tests than Raj", "Tom stronger than you": people, not parts
        if m.group(g) and (m.group(g).split()[0].lower() in _PEOPLE_WORDS or names_person(note, m.start(g), m.end(g))):
            return None
    a, b = (m.group("a"), m.group("b")) if m.group("a") else (m.group("a2"), m.group("b2"))
    if _NOT_A_PART.fullmatch(a) or _NOT_A_PART.fullmatch(b) or b[0].isupper() and (
            m.group("b") or b.lower() not in lex.proper):
        # "better on the phone than in person" (and "better in person than on the phone"), "stronger than expected";
        # "… than Priya" is someone, and so is the one better than a thing named with a capital ("Raj better at SQL
        # than Python"; "stronger on SQL than Python")
        return None
    good, bad = (a, b) if (m.group("cmp") or m.group("cmp2")).lower() != "weaker" else (b, a)
    # each side with its own word before it ("weaker on the phones than at the desk": strong at the desk)
    prep = {True: (m.group("p") or "").lower(), False: (m.group("bp2") or m.group("p") or "").lower()}
    if _PEOPLE_GROUP.fullmatch(bad):  # "better with kids than with adults": no gap in "adults" to practise
        if m.group("a"):
            return None
        # ... but the side it was better on is a strength, said on its own (not the whole line, "weaker with customers
        # than with the till", read as a gap in "customers than with the till")
        return (f"strong {prep[good is a]} {good}",)
    if m.group("a"):
        t = m.group("t")
        first, *more = a.split()
        if any(w[0].isupper() and not (is_known_word(w) or w.lower() in lex.proper or w.lower() in _WORK_PARTS)
               for w in [first] + [w for w in more if _NAME_SHAPED.fullmatch(w)]):
            return None  # "Priya stronger on tests than backend": a word no dictionary knows may be a name
        if t and m.group("bp"):  # "Airflow DAGs stronger on retries than on alerting": two topics within the subject
            good, bad = (t, b) if m.group("cmp").lower() != "weaker" else (b, t)
            return f"strong {m.group('tp').lower()} {good} in {a}", f"weaker {m.group('bp').lower()} {bad} in {a}"
        if t:
            return f"{good.lower()} {t} strong", f"{bad.lower()} {t} weaker"
        return f"{good.lower()} strong", f"{bad.lower()} weaker"
    return f"strong {prep[good is a]} {good}", f"weaker {prep[bad is a]} {bad}"


_PACE_PROXY = "a proxy for age or disability"  # the end of the pace_proxy risk label (data/rules/risk.yaml)
_NOT_TOPIC_WORDS = frozenset("you your yours was were is are on in at with around about of the a an and very really "
                             "quite a bit too so".split())


def _topic_words(r: Remark, lex: Lexicon) -> frozenset:
    """The words of a strength or gap that say what it is about, without its judgement ("Strong on SQL" and
    "SQL was weak": {"sql"})."""
    t = lex.gap_re.sub(" ", lex.strength_re.sub(" ", r.text))
    t = re.sub(rf"(?i)\b(?:{lex.soft_alt}|{lex.praise_alt})\b", " ", t)
    return frozenset(w for w in re.findall(r"[\w+#/&-]+", t.lower()) if w not in _NOT_TOPIC_WORDS)


def _without_repeats_and_contradictions(remarks: list[Remark], lex: Lexicon, warnings: list[str] | None,
                                        notes: str = "") -> list[Remark]:
    """A remark said twice is used once; a strength and a gap on the same topic ("Strong on SQL. SQL was weak.")
    are both left out, and the recruiter is asked which is true. The two halves of one contrast ("Good SQL,
    but slow": the second half borrowed its subject, so it is not in the notes as written) are a nuance,
    not a contradiction."""
    out = list(remarks)
    seen: dict[tuple[str, str], int] = {}
    for i, r in enumerate(out):
        if r.kind in KEPT_KINDS:
            key = (r.kind, r.text.lower().strip(" .!"))
            if key in seen:
                out[i] = Remark(r.note, r.text, "dropped", "unclear", "unclear: repeats an earlier remark")
            else:
                seen[key] = i
    judged = [(i, _topic_words(r, lex)) for i, r in enumerate(out) if r.kind in ("strength", "gap")]
    for i, topic in judged:
        for j, other in judged:
            if j <= i or not topic or topic != other or out[i].kind == out[j].kind \
                    or out[i].kind == "dropped" or out[j].kind == "dropped":
                continue
            if notes and (out[i].note not in notes or out[j].note not in notes):
                continue  # one half of a contrast, its subject borrowed from the other
            what = " ".join(w for w in re.findall(r"[\w+#/&-]+", out[i].text) if w.lower() in topic)
            for k in (i, j):
                out[k] = Remark(out[k].note, out[k].text, "dropped", "unclear",
                                f"unclear: contradicts another remark on {what}")
            if warnings is not None:
                warnings.append(f"The notes contradict each other on {what} ({remarks[i].note.strip()!r} and "
                                f"{remarks[j].note.strip()!r}); neither was used. Resolve which is true and add it.")
    return out


# ---- rewriting -----------------------------------------------------------------------------------

_ARTICLE_NOUNS = ("team", "panel", "client", "customer", "interviewer", "interviewers", "manager", "hiring manager",
                  "group", "class", "board", "room", "audience", "kids", "children", "brief", "exercise",
                  "take-home", "case study", "presentation", "whiteboard", "task", "test", "role-play", "roleplay",
                  "patient", "family", "students", "pupils", "guest", "guests", "trial shift", "group exercise",
                  "coding exercise", "technical round", "final round", "pitch", "demo", "lesson", "site visit",
                  # the equipment of a shift ("slow on till", "nervous on forklift")
                  "till", "tills", "checkout", "register", "grill", "fryer", "shop floor", "forklift",
                  # ... and of a ward or a warehouse ("hesitant on hoist", "slow on scanner")
                  "hoist", "scanner", "pallet truck", "reach truck")
_ARTICLE_RE = re.compile(r"\b(with|to|for|on|in|at|from|towards|across|during|by)\s+(" +
                         _alternation(_ARTICLE_NOUNS) + r")\b"
                         # ... unless it only qualifies the noun after it ("with board reporting", "on team management")
                         r"(?!\s+(?:[a-z]+(?:ing|ment|tion|sion|ship)|reports?|papers?|packs?|work|relations|members?|"
                         r"level|dynamics)\b"
                         # ... or is a numbered one, named without an article ("on task 2", "in exercise B")
                         r"|\s+(?:\d+|[A-F])\b)", re.I)
_INTENSIFIER = r"(?:(?:very|really|super|v|so|quite|pretty|extremely|incredibly|genuinely|truly|a bit|a little|bit|rather|somewhat|kinda|slightly|fairly|too|way)\s+)?"
_VERBS = ("explained|handled|asked|answered|nailed|aced|delivered|built|showed|demonstrated|communicated|presented|"
          "led|structured|solved|wrote|designed|kept|knew|know|understood|understand|gave|made|brought|spotted|caught|"
          "identified|owned|managed|ran|drove|grew|improved|reduced|cut|saved|won|sold|closed|negotiated|took|"
          "thought|listened|engaged|connected|stayed|remained|used|tested|debugged|refactored|automated|mentored|"
          "coached|taught|clarified|challenged|pushed|volunteered|prepared|researched|followed|picked up|learned|"
          "learnt|adapted|recovered|balanced|prioritised|prioritized|explain|handle|ask|write|think|communicate|"
          "listen|lead|build|use|get|take|show|work|speak|present|code|design|test|manage|sell|teach|engage|"
          "clearly|quickly|calmly|confidently|carefully|thoughtfully|effectively|asks|explains|handles|writes|"
          "thinks|communicates|listens|leads|builds|uses|gets|takes|shows|works|speaks|presents|codes|designs|"
          "tests|manages|sells|teaches|engages|knows|understands|turned|walked|talked|came|went|set|broke|"
          "mapped|modelled|modeled|sketched|drew|reasoned|argued|defended|pitched|persuaded|calmed|de-escalated|"
          "comforted|reassured|documented|tracked|measured|estimated|costed|planned|organised|organized|ran")


def _the(text: str) -> str:
    return _ARTICLE_RE.sub(lambda m: f"{m.group(1)} the {m.group(2)}", text)


def _your(topic: str) -> str:
    t = topic.strip()
    if re.match(r"^(?:the|a|an|your|this|that|these|those|some|all|each|every|both|no)\b", t, re.I):
        return t
    return "your " + t


_BRACKETED = re.compile(r"\s{0,40}\([^()]*\)")


def _plural(topic: str) -> bool:
    topic = _BRACKETED.sub("", topic)  # "lesson plans (year 9 fractions)": the brackets add a detail, not the head
    head = re.split(r"\s+(?:with|of|in|on|for|to|at|around|across|under|about|during|from)\s+", topic.strip(), 1)[0]
    head = re.split(r"\s+(?:you|that|which|who|she|he|they|we|i)\b", head, 1)[0]  # "the questions you asked"
    last = head.split()[-1].lower() if head.split() else ""
    if re.search(r",|\band\b", head):  # ... but "moving and handling knowledge", "Python and SQL experience" is one
        return last not in ("knowledge", "experience", "understanding", "awareness", "expertise", "exposure",
                            "familiarity")
    if last.endswith("s") and (last in default_lexicon().singular_terms or last.endswith(".js")
                               or head.lower() in default_lexicon().singular_terms):
        return False  # a tool's name: "pandas", "Jenkins", "Node.js", "After Effects"
    word = head.split()[-1] if head.split() else ""
    if (len(word) > 2 and word.isupper()) or re.fullmatch(r"(?:[A-Z]\w*Ops|maths)", word):
        return False  # an acronym ("EMIS", "CMS": not "APIs"), a practice ("MLOps", "DevOps"), a subject ("maths")
    # ("metrics", "lyrics", "basics" are plural; "analytics", "statistics" a subject)
    return last.endswith("s") and not re.search(r"(?:ss|sis|us|(?<!r)(?<!bas)ics|ous|'s)$", last) and last not in ("this", "its")


def _cap(s: str) -> str:
    if re.match(r"[a-z]+[A-Z]", s):  # "useEffect", "iPhone": a name as spelt, even opening a sentence
        return s
    return s[:1].upper() + s[1:] if s else s


def _sentence(s: str) -> str:
    s = re.sub(r"\s+", " ", s).strip()
    s = re.sub(r"\s+([,.;:])", r"\1", s)
    s = _cap(s)
    return s if re.search(r"[.!?]$", s) else s + "."


def _clause(s: str) -> str:
    """A sentence turned into a clause: no full stop, lower-case start unless it is a name or term."""
    s = re.sub(r"\s+", " ", s).strip().rstrip(".")
    s = re.sub(r"\s+([,;:])", r"\1", s)
    first = s.split()[0] if s.split() else ""
    if first and first[0].isupper() and not (len(first) > 1 and first[1].isupper()) \
            and first not in default_lexicon().proper.values() and first != "I":
        s = s[0].lower() + s[1:]
    return s


def _verb_base(rest: str) -> str:
    return re.sub(r"^(\w+?)(?:ies)\b", r"\1y", rest) if re.match(r"^\w+ies\b", rest) else rest


_AGENTS = (r"(?:listener|communicator|presenter|writer|coder|team player|learner|leader|negotiator|mentor|teacher|"
           r"storyteller|problem solver|problem-solver|collaborator|coach|facilitator|thinker|networker|organiser|"
           r"organizer|planner|analyst|engineer|designer|manager|operator|driver|cook|baker|host|people person|"
           r"individual contributor|contributor|specialist|accountant|developer|programmer|researcher|performer|"
           r"technician|consultant|advisor|adviser|strategist|architect|scientist|marketer|administrator)")



def _literal(text: str) -> str:
    """`text` to be placed inside a format template, where it must stay as it is."""
    return text.replace("{", "{{").replace("}", "}}")


# a list of a few short items with no "and" ("Python, SQL", "knife skills, plating"): said with one
_BARE_LIST = re.compile(r"[^,()]{1,40}(?:,\s*[^,()]{1,40})+")


def _listed(topic: str) -> str:
    """'Python, SQL' -> 'Python and SQL'; any other topic as it is."""
    if not _BARE_LIST.fullmatch(topic) or re.search(r"(?i)\b(?:and|or)\b", topic) or \
            any(len(item.split()) > 3 for item in topic.split(",")):
        return topic
    head, _, last = topic.rpartition(",")
    return f"{head} and {last.strip()}"


def _topic_sentences(templates: list[str], topic: str, **fields) -> list[str]:
    """Fill templates such as "Your {topic} was {adj}" with the topic, agreeing in number."""
    topic = _listed(topic) if type(topic) is str else topic  # (a Speed or Workspace topic keeps its kind)
    out = []
    for s in templates:
        # the topic is the interviewer's text: its braces are text, not more fields to fill
        s = s.replace("Your {topic}", _literal(_cap(_your(topic)))).replace("your {topic}", _literal(_your(topic)))
        if _plural(topic):  # "Your communication and SQL were good, and they stood out"
            s = re.sub(r"\b(and|which) it\b", r"\1 they", s.replace(" was ", " were "))
        s = s.format(**fields)
        # "Your answers were longer than they needed to be": the soft words agree too
        out.append(re.sub(r"\bthan it (need(?:ed|s))\b", r"than they \1", s).replace("than they needs", "than they need")
                   if _plural(topic) else s)
    return out


def _uncap(t: str, lex: Lexicon) -> str:
    """A note's first word loses the capital it had only for starting the note when it is a function
    word ("The case math slow" -> "the case math slow"). Content words keep it: "Outlook", "Word",
    "Go" or "Mark" may be a product, a language or a name, and a stray capital reads better than a
    changed meaning ("your outlook was weak")."""
    m = re.match(r"[A-Z][a-z]*(?=\s)", t)
    if not m or m.group() == "I" or m.group().lower() in lex.proper:
        return t
    word = m.group().lower()
    # ... and an abstract noun, which no product or person is named ("Communication was weak")
    if word in _function_words() or (len(word) > 6 and _NOUNISH.search(word) and is_known_word(word)):
        t = t[:1].lower() + t[1:]
        # "The Presentation": a capital on the noun after an article is the note's emphasis, not a name
        return re.sub(r"^(the|a|an|your|her|his|their)\s+([A-Z][a-z]{2,})(?=\s|$)",
                      lambda k: f"{k.group(1)} {_common(k.group(2), lex)}", t)
    # ... and a common word heading a phrase of common words ("Behaviour management was weak"), which names no
    # product ("Word skills", "Outlook rules") and no person ("Mark was weak")
    nxt = re.match(r"[A-Z][a-z]*\s+([a-z][a-z-]+)\b", t)
    if nxt and _common(m.group(), lex) != m.group() and nxt.group(1) not in ("was", "were", "is", "are", "has", "had") \
            and is_known_word(nxt.group(1)):
        return word + t[len(word):]
    if nxt and nxt.group(1) in ("was", "were", "is", "are") and _common(m.group(), lex) != m.group():
        # "Answers were hard to follow", "Code was messy": a common word, no person ("Mark was weak": a name
        # that is also a word is in the lexicon's word_names) and no product ("Oracle was new to you")
        return word + t[len(word):]
    return t


# capitalised words that name a product or a place as often as a thing ("Word", "Outlook", "Teams")
_PRODUCT_WORDS = frozenset("word outlook teams access project publisher go swift ruby spark hive pig flask rails "
                           "windows office sheets docs slides forms notion slack zoom canvas unity blender maya "
                           "houdini nuke premiere pages numbers keynote reading bath wells oracle spring flutter dart "
                           "jest mocha chef puppet vault consul atlas bamboo pandas excel sage".split())


def _common(word: str, lex: Lexicon) -> str:
    """`word` in lower case if it is a common word with a capital only for emphasis or for opening the note
    ("Presentation", "Behaviour"); a term, a product, a name or a word no dictionary knows keeps it."""
    low = word.lower()
    if (word[:1].isupper() and word[1:].islower() and low not in lex.proper and low not in lex.word_names
            and low not in _PRODUCT_WORDS and is_known_word(low)):
        return low
    return word


@lru_cache(maxsize=1)
def _function_words() -> frozenset:
    """spaCy's English stop words, less those that also name things ("Go", "Will", "May", "Back")."""
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS) - {"will", "may", "can", "must", "might", "should", "would", "could", "do", "does",
                                    "did", "go", "mostly", "well", "back", "part", "top", "front", "bottom", "call",
                                    "show", "name", "first", "last", "next", "see", "make", "take", "put", "give"}


# what follows a praise word but is no topic of it: a person ("Excellent candidate" read as "you"), a
# conjunction ("clear and persuasive"), an intensifier or a verdict word
_NOT_A_TOPIC = re.compile(r"(?:(?i:you|your|he|she|they|him|her|them|and|or|but|so|very|really|quite|too|ok|okay|"
                          r"fine|not|overall|candidate|person|guy|girl|one)|it|this|that)(?=[\s,.;]|$)")


_EVIDENCE = re.compile(rf"^(?P<head>.+?\s(?:was|were)\s(?:{_VERDICT})):\s+(?P<evidence>\S.*)$", re.I | re.S)
_PAST_IRREGULAR = frozenset("ran took gave made got went wrote spoke led built knew showed forgot froze drew chose "
                            "brought thought taught caught sold told found lost left kept held won spent set put cut "
                            "read hit fell broke understood overran misread made "
                            # the trades and the floor: "hung doors well", "laid the blocks level", "drove the route"
                            "hung laid dug drove rode dealt sent bought swept stood did burnt spilt met "
                            # the shop and the bar: "upsold well", "resold the warranty"
                            "upsold resold".split())
_NEGATED_PAST = frozenset("didn't couldn't never hadn't wouldn't can't won't don't struggled".split())
_NOT_PAST = frozenset("mixed limited detailed advanced experienced qualified skilled talented varied balanced focused "
                      "motivated organised organized dedicated speed need feed seed red bed shed".split())


def _did(phrase: str) -> bool:
    """Does `phrase` open with a past-tense verb ("found the bug", "kept apologising", "didn't ask")?"""
    first = phrase.split()[0].lower() if phrase.split() else ""
    return first in _PAST_IRREGULAR or first in _NEGATED_PAST or (
        first.endswith("ed") and len(first) > 4 and first not in _NOT_PAST and first not in _ED_ADJECTIVES)


def _acts(phrase: str) -> bool:
    """Does `phrase` open with what someone did ("kept apologising", "had to pull answers out", "didn't ask", "barely
    spoke")?"""
    phrase = _HOW_OFTEN.sub("", phrase)
    first = phrase.split()[0].lower() if phrase.split() else ""
    return first in ("you", "had", "kept", "needed") or _did(phrase)


_HOW_OFTEN = re.compile(r"(?i)^\s*(?:barely|hardly|rarely|scarcely|seldom)\s+(?=\S)")


def _evidence_clause(evidence: str) -> str:
    """The interviewer's evidence after a scorecard verdict, as the end of a sentence to the candidate:
    "talked over the PM twice" -> "you talked over the PM twice"; "no unit tests" -> "there were no unit
    tests"; anything else in brackets."""
    e = evidence.strip().rstrip(".!;,")
    first = e.split()[0].lower() if e.split() else ""
    if first in ("you", "your"):
        return ": " + e
    negated = {"wasn't": "weren't", "isn't": "aren't", "doesn't": "don't", "hasn't": "haven't"}
    if first in negated or first in _NEGATED_PAST:  # "didn't consider caching"
        return ": you " + negated.get(first, first) + e[len(first):]
    if first in _PAST_IRREGULAR or (first.endswith("ed") and len(first) > 4 and first not in _NOT_PAST):
        return ": you " + e
    if _HOW_OFTEN.match(e) and _did(_HOW_OFTEN.sub("", e)):  # "barely spoke": you barely spoke
        return ": you " + e
    m = re.match(r"(?i)(?:no|zero|not enough|too few|few|little)\s+(?P<what>.+)$", e)
    if m:
        return f": there {'were' if _plural(m.group('what')) else 'was'} " + e[0].lower() + e[1:]
    if _TIME_TAKEN.match(e):  # "40 minutes for a 20-minute task": the time it took
        return ": it took " + e
    if re.match(r"(?i)(?:at|with|when|during)\s", e):  # "SQL: weak at joins": where it showed
        return ", particularly " + e
    return f" ({e})"


_TIME_TAKEN = re.compile(r"(?i)(?:about |around |nearly |almost |over |~)?\d+(?:\.\d+)?\s?(?:-\s?\d+\s?)?"
                         r"(?:min(?:ute)?s?|hours?|hrs?|h|days?|weeks?)\s+(?:for|on|against|vs\.?|instead of)\s")
# a judgement, then its evidence after a colon or a dash ("Slow on the case study - took 40 mins for a 20 min task",
# "Not really a team player - kept talking over others"): the judgement is phrased, and the evidence follows it
_DASH_EVIDENCE = re.compile(r"^(?P<head>[^:]+?)(?:\s{0,40}:\s+|\s{1,40}[-–—]+\s+)(?P<evidence>(?!(?:and|or|but|plus|with|though|"
                            r"although)\b)\S.*)$", re.I | re.S)


# (a letter in the evidence is looked for ahead: "[^()]*[A-Za-z][^()]*" backtracked over a bracket left open)
_BRACKET_EVIDENCE = re.compile(r"^(?P<head>[^()]+?)\s{0,40}\((?P<evidence>(?=[^()]*[A-Za-z])[^()]*)\)\s*[.!]?$")
_COMMA_EVIDENCE = re.compile(r"^(?P<head>[^,]+?),\s+(?P<evidence>\S[^,]*)$")


def _with_evidence(variants, r: Remark, lex: Lexicon, fallback: bool, sentences: bool):
    """A scorecard remark with evidence: the verdict's variants, each ending with the evidence."""
    m = _EVIDENCE.match(r.text.strip())
    if not m:
        m = _DASH_EVIDENCE.match(r.text.strip())
        if m and m.group("head").count("(") > m.group("head").count(")"):
            m = None  # "weak on handovers (rushed - missed allergies)": the dash is inside the bracket
        m = m or _BRACKET_EVIDENCE.match(r.text.strip())  # "attention to detail poor (typos in deck)"
        comma = _COMMA_EVIDENCE.match(r.text.strip()) if not m else None
        if comma and (_acts(comma.group("evidence")) and comma.group("evidence").split()[0].lower() != "had"
                      or _NO_FAULT.fullmatch(comma.group("evidence").strip(" .!"))):
            # "Low confidence, kept apologising": the judgement, then what the candidate did ("accurate dispensing,
            # 0 errors": or the faults there were none of)
            m = comma
        if not m or len(m.group("head").split()) < 2 or _polarity(lex, m.group("head")) == (0, 0):
            return None
        fallback = False  # a judgement no pattern can phrase is said whole, as before
    head = Remark(r.note, m.group("head"), r.kind, r.category, r.reason, r.topic)
    tail = _evidence_clause(m.group("evidence"))
    found = variants(head, lex, fallback)
    if not (found[0] if isinstance(found, tuple) else found):
        return None
    lines, topic = found if isinstance(found, tuple) else (found, None)
    lines = [s for s in lines if "," not in s] or lines  # "Your X was strong: you ...", not "..., which was strong: you"
    if sentences:
        lines = [s[:-1] + tail + s[-1] if s[-1:] in ".!" else s + tail for s in lines]
    else:
        lines = [s + tail for s in lines]
    return lines if topic is None else (lines, topic)


_NO_STRUGGLE = re.compile(r"^(?:you\s+)?(?:never|didn't|did not|doesn't|does not|don't|not once)\s+(?:seem\s+to\s+)?"
                          r"struggle[ds]?\s+(?:with|on|in|at|over)\s+(?P<topic>.+)$", re.I)
_NO_WORRY_WITH = re.compile(r"^(?:no|zero|not any|without any)\s+(?:(?:major|real|big|obvious|serious|particular)\s+)?"
                            r"(?P<what>problems?|concerns?|issues?|worries|gaps?|holes|weakness(?:es)?)\s+"
                            r"(?:with|in|on|around|about)\s+(?P<topic>.+)$", re.I)
_NOT_AN_ISSUE = re.compile(r"^(?P<topic>.+?)\s{1,40}(?:wasn't|was not|isn't|is not|weren't|were not|aren't|are not)\s+"
                           r"(?:an?\s+|any\s+)?(?:issue|problem|concern|worry|blocker)s?$", re.I)
_NOT_BAD_AT = re.compile(r"^(?:you\s+(?:were|are)\s+)?not\s+bad\s+(?:at|with|on|in)\s+(?P<topic>.+)$", re.I)
_CANT_FAULT = re.compile(r"^(?:couldn't|could not|can't|cannot)\s+fault\s+(?P<topic>.+)$", re.I)


def _no_fault_sentences(t: str, r: Remark) -> list[str] | None:
    """A worry said to be absent, as a sentence that says so plainly: "never struggled with SQL" -> "You
    handled SQL without difficulty."; "Python: no concerns" -> "Python was no concern for you."."""
    def no_concern(topic: str) -> list[str]:
        return [f"{_cap(topic)} was no concern for you.", f"The panel had no concerns about {topic}."]

    m = _NO_STRUGGLE.match(t)
    if m:
        return [f"You handled {m.group('topic')} without difficulty.", *no_concern(m.group("topic"))]
    m = _NO_WORRY_WITH.match(t)
    if m:
        if m.group("what").lower().startswith(("gap", "hole", "weakness")):
            return [f"The panel saw no gaps in {_your(m.group('topic'))}."]
        return no_concern(m.group("topic"))
    m = _CANT_FAULT.match(t)
    if m:
        return [f"The panel couldn't fault {m.group('topic')}."]
    m = _NOT_AN_ISSUE.match(t) or _NOT_BAD_AT.match(t)
    if m:
        return no_concern(m.group("topic"))
    if r.topic and _NO_FAULT.fullmatch(t.strip(" .!")):
        return no_concern(r.topic)
    m = re.match(r"^(?:you\s+)?lacks?\s+nothing(?:\s+(?P<how>\w+ly))?$", t, re.I)
    if m:
        return [f"The panel found nothing missing{' ' + m.group('how') if m.group('how') else ''}."]
    return None


_PASSED = re.compile(r"^(?:your\s+|the\s+)?(?P<test>(?:[\w/&+#-]+\s+){0,4}(?:test|exam|assessment|check|screen|screening|task|"
                     r"exercise|audit|inspection|trial|drill|quiz|simulation))\s+(?:was\s+)?(?:passed|cleared)"
                     r"(?P<how>\s+(?:easily|comfortably|cleanly|first time|with ease))?\.?$", re.I)


def _article_the(phrase: str) -> str:
    return phrase if re.match(r"(?i)(?:the|your|a|an)\s", phrase) else "the " + phrase[:1].lower() + phrase[1:]


# praise that is a verdict on the whole candidate, not a quality they showed ("good", "strong")
_VERDICT_PRAISE = frozenset("good great strong solid excellent fine ok okay nice decent impressive outstanding superb "
                            "exceptional brilliant".split())


# two words of praise before the work they praise ("fast, clean station"); praise for the pace is the candidate's
_TWO_PRAISES = re.compile(r"^(?P<a>[A-Za-z-]+),\s*(?P<b>[A-Za-z-]+)\s+(?P<noun>[A-Za-z][\w/&+#' -]*)$")
_SPEED_PRAISE = frozenset(("fast", "quick", "speedy", "efficient"))
# ... and so is praise only a person earns ("friendly, fluent French", "compassionate, good handover"): not the work's
_PERSON_PRAISE = frozenset("friendly compassionate personable considerate patient kind polite courteous empathetic "
                           "gentle calm confident enthusiastic humble".split())


_DETERMINER_END = re.compile(r"(?i)\b(?:that|this|these|those|any|some|what|same|every|one|its|of|a|an|the)$")


# one word of praise in a list of them ("clear", "very concise", "well structured", "well-paced")
_PRAISE_LIST_ITEM = r"(?:{intensifier}(?:{praise})|well[- ][a-z]+(?:ed|en))"
# a quality of the person said as one hyphenated word ("well-read", "well-spoken", "open-minded", "self-motivated")
# slips made, fewer of them ("fewer errors than most", "fewer keying mistakes on the test"): something the candidate did
_FEWER_SLIPS = re.compile(r"(?i)fewer\s+(?P<what>(?:[a-z-]+\s+)?(?:errors|mistakes|typos|slips|omissions|mis-?picks))"
                          r"(?P<rest>\s+(?:than|on|in|during|across)\s+\S.*)?")
_QUALITY_COMPOUND = r"(?:well-(?:[a-z]+(?:ed|en)|read)|[a-z]+-(?:minded|spoken|motivated|assured|aware|starter))"


def strength_variants(r: Remark, lex: Lexicon, fallback: bool = True) -> list[str]:
    evidenced = _with_evidence(strength_variants, r, lex, fallback, sentences=True)
    if evidenced is not None:
        return evidenced
    t = _uncap(_the(r.text.strip().rstrip("?")), lex)
    if not re.match(r"(?i)the\s+[^.;]*\byou\b", t):  # "the presentation was strong": the candidate's; not "the questions you asked"
        t = _THE_WORK.sub("your ", t)
    t = _IMPRESSION_LEAD.sub("you were ", t)  # "seemed confident on the pass"
    said = _no_fault_sentences(t, r)
    if said:
        return said
    adj = _label_verdict(t, r, lex.praise_alt)
    if adj:
        return [f"{_cap(_your(r.topic))} {'were' if _plural(r.topic) else 'was'} {lex.praise.get(adj, adj)}."]
    m = _DONE_WELL.match(t.strip(" .!"))
    if m:  # "load secured well" -> "You secured the load well."; "safe isolation done correctly": you did it
        verb = {**_STEP_PAST, "written": "wrote"}.get(m.group("verb").lower(), m.group("verb").lower())
        return [_sentence(f"you {verb} {_the_topic(m.group('thing'))} {m.group('how').lower()}")]
    m = _UNDERSTOOD.match(t.strip(" .!"))
    if m:  # "3-way match understood" -> "You understood the 3-way match."
        how = f" {m.group('how').lower()}" if m.group("how") else ""
        return [_sentence(f"you understood {_the_topic(m.group('thing'))}{how}")]
    m = _TOOK_TO.match(t.strip(" .!"))
    if m:  # "kids loved her" -> "The children warmed to you."
        who = "children" if m.group("who").lower() == "kids" else m.group("who").lower()
        return [_sentence(f"the {who} warmed to you{m.group('rest') or ''}")]
    m = _JUDGE_REACTED.match(t.strip(" .!"))
    if m:  # "Mgr. impressed with her stock rotation": the manager was impressed, not the candidate
        what = _literal(m.group("what"))
        if m.group("did"):
            return [_sentence(f"we {m.group('did').lower()} {what}"), _sentence(f"the panel {m.group('did').lower()} {what}")]
        felt = m.group("felt").lower()
        return [_sentence(f"we were {felt} with {what}"), _sentence(f"the panel was {felt} with {what}")]
    two = _TWO_PRAISES.match(t)
    if two and two.group("a").lower() in lex.praise and two.group("b").lower() in lex.praise:
        # "fast, clean station": "You were fast, and your station was clean."; "neat, accurate till work"
        one = strength_variants(Remark(r.note, f"{two.group('b')} {two.group('noun')}", r.kind, topic=r.topic), lex, False)
        a, b = lex.praise[two.group("a").lower()], lex.praise[two.group("b").lower()]
        if one and one[0].startswith("Your ") and one[0].endswith(f" {b}."):
            if a in _SPEED_PRAISE or two.group("a").lower() in _PERSON_PRAISE:
                return [f"You were {a}, and y{one[0][1:]}"]
            return [f"{one[0][:-len(b) - 1]}{a} and {b}."]
    barred = _against_bar(r.text) or passed_test(r.text)
    if barred:
        return [_sentence(barred[1])]
    m = _ONE_OF_THE_BEST.fullmatch(t.strip(" .!"))
    if m and (m.group("what") or m.group("topic") or r.topic):  # said by the panel, which is who has seen them
        adj = m.group("adj").lower()
        if m.group("what"):
            return [_sentence(f"yours was one of the {adj} {m.group('what')} the panel has seen")]
        topic = _uncap(m.group("topic") or r.topic, lex)
        topic = re.sub(r"(?i)^(?:the|your)\s+", "", topic)
        be = "were" if _plural(topic) else "was"
        return [_sentence(f"{_your(topic)} {be} one of the {adj} the panel has seen")]
    m = _PASSED.match(t)
    if m:  # "Practical test passed" -> "You passed the practical test."
        return [_sentence(f"you passed {_article_the(m.group('test'))}{m.group('how') or ''}")]
    m = re.match(r"^(?P<scene>(?!you\b)[^,]+?\s(?:was|were|got|became)\s[^,]+?),?\s+(?:and|but)\s+"
                 r"(?P<you>you\s+[a-z]\S*\s.+)$", t, re.I)
    if m and not lex.strength_re.search(m.group("scene")):
        # "Kitchen was chaotic during the trial and she kept calm": the scene, then what the candidate did
        scene = m.group("scene")
        first = scene.split()[0]
        if re.fullmatch(r"[A-Z][a-z]+", first) and first.lower() not in lex.proper and is_known_word(first.lower()):
            scene = "the " + first.lower() + scene[len(first):]  # "Kitchen was chaotic" -> "the kitchen …"
        return [_sentence(f"{m.group('you')} when {scene}"), _sentence(f"{scene}, and {m.group('you')}")]
    T = lex.templates["strength"]
    praise = lex.praise_alt
    t = _YOU_WERE_ADJ_PREP.sub("", t)  # "She was great with clients" -> "great with clients"
    t = _without_have(t, praise)  # "has good knowledge of SQL" -> "good knowledge of SQL"
    m = re.match(rf"^{_INTENSIFIER}(?P<adj>{praise})\s+(?P<prep>with|to(?!\s+(?:see|have|hear|know|meet|work|talk|go|be|get|watch|chat|interview|speak)\b)|at|in|on|"
                 r"around|under|about|when|for|explaining|handling)\s+(?P<topic>.+)$", t, re.I)
    if m:
        adj = lex.praise.get(m.group("adj").lower(), m.group("adj"))
        prep = m.group("prep")
        topic = m.group("topic")
        if prep.lower() in ("explaining", "handling"):
            prep, topic = "at", f"{prep} {topic}"
        return [s.format(adj=adj, prep=prep, topic=topic) for s in T["adj_prep"]]
    # "more of a strong analyst", "you're a strong analyst": the praise and the kind of worker it names
    t = re.sub(rf"(?i)^(?:you(?:'re|\s+are|\s+were)\s+)?(?:(?:more of|more like|rather|really more of)\s+)?an?\s+"
               rf"(?={_INTENSIFIER}(?:{praise})\s+(?:[\w-]+\s+)?{_AGENTS}$)", "", t)
    m = re.match(rf"^{_INTENSIFIER}(?P<adj>{praise})\s+(?P<topic>(?:[\w-]+\s+)?{_AGENTS})$", t, re.I)
    if m:
        adj = lex.praise.get(m.group("adj").lower(), m.group("adj"))
        return [s.format(adj=adj, topic=m.group("topic"), a=_article(adj)) for s in T["agent"]]  # "an excellent"
    m = re.match(rf"^(?:you(?:'re|\s+are|\s+were)\s+)?an?\s+(?P<adj>real|true|natural|genuine|proper)\s+(?P<topic>{_AGENTS})$",
                 t, re.I)
    if m:  # "came across as a real team player", "a natural teacher": the kind of worker, as the panel saw it
        adj = m.group("adj").lower()
        return [s.format(adj=adj, topic=m.group("topic"), a=_article(adj)) for s in T["agent"]]
    m = re.match(rf"^(?P<int>{_INTENSIFIER})(?P<adj>{praise})\s+(?P<how>[a-z]+ally)$", t, re.I)
    if m:  # "Good technically", "strong commercially": an adverb says in what, and is no topic
        adj = lex.praise.get(m.group("adj").lower(), m.group("adj"))
        return [_sentence(f"you were {m.group('how').lower()} {m.group('int').lower()}{adj}")]
    m = re.match(rf"^{_INTENSIFIER}(?P<adj>{praise})\s+(?P<topic>.+)$", t, re.I)
    if m and not re.match(r"^(?:job|work|one|effort|stuff|overall)$", m.group("topic"), re.I) \
            and not _NOT_A_TOPIC.match(m.group("topic")) \
            and not re.search(r"\s(?:was|were|is|are)\s", m.group("topic")):  # "patient communication was excellent"
        adj = lex.praise.get(m.group("adj").lower(), m.group("adj"))
        return _topic_sentences(T["adj_topic"], m.group("topic"), adj=adj)
    m = re.fullmatch(rf"(?P<adj>{praise})(?P<more>(?:\s*(?:,|\band\b|&)\s*(?:{praise}|{_QUALITY_COMPOUND}))+)?",
                     t.strip(" .!"), re.I)
    if m and not r.topic and m.group("adj").lower() not in _VERDICT_PRAISE and not any(
            w.lower() in _VERDICT_PRAISE for w in re.split(r"\s*(?:,|\band\b|&)\s*", m.group("more") or "") if w):
        # "articulate", "organised": a quality of the person, as they came across (not "You organised."); and
        # "Articulate, well-read": each quality (was "One strength the panel noted: Articulate, well-read.")
        said = [w.lower() for w in re.split(r"\s*(?:,|\band\b|&)\s*", t.strip(" .!"), flags=re.I) if w.strip()]
        adj = said[0] if len(said) == 1 else ", ".join(said[:-1]) + " and " + said[-1]
        return [_sentence(f"you came across as {adj}"), _sentence(f"the panel found you {adj}")]
    if r.topic:
        words = _PRAISE_LIST_ITEM.format(intensifier=_INTENSIFIER, praise=praise)
        m = re.fullmatch(rf"(?P<first>{words})(?P<more>(?:\s*(?:,|\band\b|&)\s*{words})+)?", t.strip(" .!"), re.I)
        if m:  # "Drafting: clear, well structured": praise of the label's topic, every word of it (not "Your clear, were …")
            said = [lex.praise.get(w.lower(), w) for w in
                    re.split(r"\s*(?:,|\band\b|&)\s*", t.strip(" .!"), flags=re.I) if w.strip()]
            said = [re.sub(r"(?i)^well-", "well ", w) for w in said]
            listed = said[0] if len(said) == 1 else ", ".join(said[:-1]) + " and " + said[-1]
            return [f"{_cap(_your(r.topic))} {'were' if _plural(r.topic) else 'was'} {listed}."]
    m = re.match(rf"^(?P<topic>.+?)\s+(?:(?:was|were|is|are|seemed|felt|looked|came across as)\s+)?{_INTENSIFIER}(?P<adj>{praise})(?:\s+(?:overall|too|throughout))?$", t, re.I)
    if m and re.search(r"(?i)(?:^|[\s,])well$", m.group("topic")):
        m = None  # "well structured", "clear, well paced": one word of praise, no topic "well"
    if m and m.group("topic").lower() in _NO_HEAD | {"a", "bit", "a bit"} and not r.topic:
        # "Very confident": a degree, not a topic; a quality of the person is how they came across
        adj = m.group("adj").lower()
        if adj not in _VERDICT_PRAISE:  # ("super organised": said as "very organised")
            return [_sentence("you were " + re.sub(r"(?i)^super\s+", "very ", t[:1].lower() + t[1:]))]
        m = None
    if m and _did(m.group("topic")):
        m = None  # "found the bug fast": what the candidate did, and how (below), not a topic ("Your found the bug")
    if m and _DETERMINER_END.search(m.group("topic")):
        m = None  # "All the best", "tidy in the practical": no topic ends on "the" ("All the was the best we saw")
    if m and not re.search(r"(?i)\b(?:and|or|but|nor)$", m.group("topic")):  # "clear and persuasive": no topic
        adj = lex.praise.get(m.group("adj").lower(), m.group("adj"))
        topic = m.group("topic")
        if re.match(r"^you\b", topic, re.I):
            return [_sentence(f"you were {adj}" + topic[3:])]
        return _topic_sentences(T["topic_adj"], topic, adj=adj)
    m = re.match(r"^(?P<topic>(?!you\b)[\w -]+?)\s+(?:(?:was|were|is|are)\s+)?(?P<adj>well[- ][a-z]+(?:ed|en))$", t, re.I)
    if m:  # "risotto well seasoned", "report well written", "report well written"
        return _topic_sentences(T["topic_adj"], _uncap(m.group("topic"), lex), adj=m.group("adj").replace("-", " "))
    if r.topic and re.fullmatch(rf"{_INTENSIFIER}(?:{praise})", t, re.I):
        # "Communication: clear, structured": a word of praise for the label's topic, not a verb ("You structured")
        adj = lex.praise.get(t.split()[-1].lower(), t)
        return [f"{_cap(_your(r.topic))} {'were' if _plural(r.topic) else 'was'} {adj}."]
    m = re.match(rf"^(?:you\s+)?(?P<rest>(?:{_VERBS})\b.*)$", t, re.I)
    if m:
        rest = m.group("rest")
        first = rest.split()[0]
        agreed = lex.agreement.get(first.lower())
        if agreed:
            rest = agreed + rest[len(first):]
        elif first[:1].isupper() and first[1:].islower():  # "Knew her stats": the capital only opened the note
            rest = first.lower() + rest[len(first):]
        words = rest.split()
        if len(words) == 2 and re.fullmatch(r"[a-z]+ly", words[0], re.I) and not re.search(r"(?:ed|s)$", words[1]) \
                and not re.fullmatch(_VERBS, words[1], re.I):
            rest = "were " + rest  # "clearly capable": an adverb and an adjective, no verb
        elif len(words) > 1 and re.fullmatch(r"[a-z]+ly", words[0], re.I):  # "Clearly knows SQL": the verb agrees
            rest = " ".join([words[0].lower(), _agree(lex, words[1]), *words[2:]])
        past = bool(re.search(r"ed$", rest.split()[0])) or rest.split()[0].lower() in _PAST_IRREGULAR
        # "In the interview, you know React well": a state in the present is not something done on the day
        return [s.format(rest=rest) for s in T["verb"] if past or not s.startswith("In the interview")]
    first = t.split()[0].lower() if t.split() else ""
    if len(t.split()) > 1 and first not in _NOT_PAST and (first in _PAST_IRREGULAR or re.fullmatch(r"[a-z]{3,}ed", first)):
        # "picked things up quickly": something the candidate did, as they did it
        return [s.format(rest=first + t[len(first):]) for s in T["verb"]]
    if _heading_only(t, lex) and not _did(t) and not _ADJECTIVE_END.search(t):
        # "Knife skills ++", "Pros: Tableau": the skill named, as a strength (not "+ punctual": no "Your punctual")
        return [_sentence(f"{_your(t)} stood out as a strength")]
    m = _FEWER_SLIPS.fullmatch(t.strip(" .!"))
    if m:  # "Less errors than average": errors the candidate made, fewer of them (was "… noted: fewer errors than most.")
        return [_sentence(f"you made fewer {m.group('what').lower()}{m.group('rest') or ''}")]
    if re.match(r"[A-Z][a-z]+\b", t) and lex.strength_re.fullmatch(t.split()[0].strip(",").lower()):
        t = t[:1].lower() + t[1:]  # a word of praise after the colon is no name ("… noted: Articulate, …")
    return [s.format(fragment=t) for s in T["fallback"]] if fallback else []


# "the X" at the start of a note about the candidate's work, unless X is the interview's own
# setting ("the panel", "the exercise") or a person
# the candidate's own work among the nouns that take "the": "the presentation was strong" is theirs
_OWN_WORK_NOUNS = ("presentation", "case study", "take-home", "pitch", "demo", "lesson", "role-play", "roleplay")
_THE_WORK = re.compile(r"^the\s+(?!(?:" + "|".join(map(re.escape, [n for n in _ARTICLE_NOUNS if n not in _OWN_WORK_NOUNS]))
                       + r"|role|company|job|"
                       r"interview|interviews|process|candidate|other|others|hired|person|people)\b)(?=\w)", re.I)


# the panel's doubt that the candidate could do something: "not sure you'd cope with month-end pressure", "doubt
# you could lead the team", "unsure whether you can manage a team of 8"
_NOT_SURE = re.compile(r"^(?:(?:i'm|i am|i was|we're|we are|we were|the panel (?:was|is))\s+)?(?:not (?:sure|convinced|"
                       r"confident)|unsure|doubtful|doubt|not certain)\s+(?:that\s+|whether\s+|if\s+)?you(?:'d|'ll|\s+would|"
                       r"\s+could|\s+can|\s+will)\s+(?:(?:be able to|really|actually|yet)\s+)?(?P<rest>[a-z]\S*(?:\s.*)?)$", re.I)
# ... that the candidate is something yet: "not convinced she's ready for a lead role", "unsure he's senior enough"
_NOT_SURE_STATE = re.compile(r"^(?:(?:i'm|i am|i was|we're|we are|we were|the panel (?:was|is))\s+)?(?:not (?:sure|convinced|"
                             r"confident)|unsure|doubtful|doubt|not certain)\s+(?:that\s+|whether\s+|if\s+)?"
                             r"you(?:'re|\s+are|\s+were)\s+(?:(?:really|actually|quite)\s+)?(?:yet\s+)?(?P<rest>[a-z]\S*(?:\s.*)?)$",
                             re.I)
_NOT_CONVINCED = re.compile(r"^(?:(?:i'm|i am|i was|we're|we are|we were|the panel (?:was|is))\s+)?(?:not|wasn't|weren't)\s+"
                            r"(?:fully\s+|entirely\s+|really\s+|totally\s+)?convinced\s+by\s+(?P<np>\S.*)$", re.I)
# "not yet a finance leader", "you're not a people manager yet": a role the candidate is not yet ready for
_NOT_YET_A = re.compile(r"^(?:you(?:'re|\s+are|\s+were)\s+)?not\s+(?:yet\s+)?(?:(?:quite|really)\s+)?(?:yet\s+)?"
                        r"(?P<np>(?:a|an)\s+(?!(?:lot|bit|little|single|one)\b)[\w&/+' -]+?)(?:\s+yet)?$", re.I)
_NOT_READY = re.compile(r"^(?:you(?:'re|\s+are|\s+were)\s+)?not\s+(?:yet\s+)?(?:quite\s+)?ready\s+"
                        r"(?P<rest>(?:to|for)\s+.+?)(?:\s+yet)?$", re.I)
_PAST_LEAD = re.compile(r"(?:failed|missed|forgot|skipped|ignored|misread|overlooked|struggled|stumbled|froze|ran out|"
                        r"lost|dropped|confused|mixed up|didn't|did not|couldn't|could not|wasn't|was not)\b", re.I)


# a credential or a piece of work one holds or lacks as a whole, named without its article ("no safeguarding
# certificate", "no first-author paper on electrocatalysis"): "a safeguarding certificate", never "experience with"
# (a registration, an exam's result or pass and a vetting check: "no HCPC registration", "no NCLEX result yet", "no
# IELTS pass", "no DBS check")
_CREDENTIAL = re.compile(r"(?i)(?!(?:the|a|an|your|any|some|one|no|more|this|that)\b)(?:[\w'/.&+-]+\s+){0,4}?"
                         r"(?:licen[cs]e|certificate|certification|cert|card|ticket|degree|diploma|qualification|accreditation|"
                         r"clearance|passport|paper|publication|refresher|registration|"
                         r"(?:(?-i:[A-Z]{2,}[\w-]*)|exam|examination|test|board)\s+(?:result|pass)|"
                         r"(?:(?-i:[A-Z]{2,}[\w-]*)|background|police|vetting)\s+check)"
                         r"(?:\s+(?:in|on|of|for|from|with)\s+[^,;]+)?")


def credential_phrase(topic: str) -> str | None:
    """`topic` with its article if it names one credential or paper without one ("safeguarding certificate" ->
    "a safeguarding certificate", "NMC registration card" -> "an NMC registration card"; "a CSCS card" as it is),
    else None."""
    topic = topic.strip()
    own = re.match(r"(?i)an?\s+", topic)
    if own:
        return topic if _CREDENTIAL.fullmatch(topic[own.end():]) else None
    if not _CREDENTIAL.fullmatch(topic):
        return None
    first = topic.split()[0]
    # (a number said with a vowel: "an 18th Edition certificate", "an 8-hour first aid certificate")
    vowel = first[0].lower() in "aeiou" if not first.isupper() else first[0] in "AEFHILMNORSX"
    return ("an " if vowel or re.match(r"(?:8|1[18])(?!\d)", first) else "a ") + topic



# a held thing that is the candidate's own writing ("a job market paper with an identification strategy", "a
# first-author paper on electrocatalysis"): written, not got
_WRITTEN_WORK = re.compile(r"(?i)^an?\s+(?:[\w'/.&+-]+\s+){0,4}?(?:paper|publication)(?:\s+(?:in|on|of|with)\s|$)")


# ... one said to be published already ("a published paper", "a peer-reviewed published article")
_PUBLISHED_WORK = re.compile(r"(?i)^an?\s+published\s+(?P<rest>\S.*)$")


_THE = re.compile(r"(?i)the\s+")


def held_advice(topic: str) -> str | None:
    """What to do about a credential or paper the candidate lacks ("a safeguarding certificate" -> "getting a
    safeguarding certificate", "a job market paper ..." -> "writing a job market paper ..."), else None."""
    held = credential_phrase(topic)
    if not held:
        # (one named with "the": "the Care Certificate", "the CIPD Level 5 diploma" is got too)
        the = _THE.match(topic.strip())
        return f"getting {topic.strip()}" if the and _CREDENTIAL.fullmatch(topic.strip()[the.end():]) else None
    published = _PUBLISHED_WORK.match(held)
    if published:  # "a published paper": one is published, not written published ("publishing a paper")
        rest = published.group("rest")
        return f"publishing {credential_phrase(rest) or ('an ' if rest[0].lower() in 'aeiou' else 'a ') + rest}"
    return f"{'writing' if _WRITTEN_WORK.match(held) else 'getting'} {held}"


_ADJECTIVE_END = re.compile(r"(?i)[a-z](?:al|ous|ful|ive|ic|able|ible|ent|ant|ed|less|ish|ly)$")


def _heading_only(t: str, lex: Lexicon) -> bool:
    """Is a remark only a skill named, judged by its heading or its mark ("Concerns: stakeholder mgmt", "Knife skills
    ++"): a few words, no judgement, no verb, no person?"""
    return _polarity(lex, t) == (0, 0) and 1 <= len(t.split()) <= 4 and not re.search(
        r"(?i)\b(?:you|your|was|were|is|are|had|has|have|did|do|does|been|being)\b|\d", t) \
        and t.split()[0].lower() not in _NO_HEAD and not _PAST_LEAD.match(t) and not _SUBJECTLESS.match(t)


# steps of a procedure done out of order ("decontamination steps out of order twice")
_OUT_OF_ORDER = re.compile(r"(?i)^(?P<topic>(?!you\b)[\w/&+' -]+?)\s{1,40}+(?:(?:was|were)\s+)?(?:done\s+)?"
                           r"(?P<how>out of order|out of sequence|in the wrong order)"
                           r"(?P<when>\s+(?:once|twice|\w+ times|at times|in places|throughout))?$")
# training due a refresher ("moving & handling refresher needed", "needs a first aid refresher", "refresher needed
# on COSHH")
_REFRESHER = re.compile(r"(?i)^(?:you\s+)?(?:needs?\s+(?:an?\s+)?(?P<a>[\w/&+' -]+?)\s{1,40}refresher|(?P<b>[\w/&+' -]+?)\s{1,40}"
                        r"refresher\s+(?:is\s+)?(?:needed|required|due|overdue)|refresher\s+(?:is\s+)?(?:needed|required|due)\s+"
                        r"(?:on|in|for)\s+(?P<c>[\w/&+' -]+?))$")

# giving way in a negotiation exercise ("caved on price immediately", "folded on the discount straight away"): what
# was conceded, and how soon; holding a position under pushback is the skill
_GAVE_WAY = re.compile(r"(?i)^(?:you\s+)?(?:caved(?:\s+in)?|gave\s+(?:in|way|ground)|folded|backed\s+down|conceded)\s+"
                       r"(?:on|over)\s+(?P<what>(?:the\s+|your\s+)?[\w/&+' -]+?)(?:\s+(?P<when>immediately|instantly|"
                       r"straight\s+away|right\s+away|at\s+once|(?:too\s+|very\s+)?(?:quickly|soon|early|fast)|"
                       r"at\s+the\s+first\s+(?:push(?:back)?|objection)))?$")

# how often a slip happened, at the note's end ("measuring off twice", "reconciliation off x2"): said after the clause
_COUNT_TAIL = re.compile(r"(?i)\s{1,40}+(?:x\s?(?P<x>[2-5])|(?P<n>[2-5])\s?x|(?P<said>once|twice|more than once|a few times|"
                         r"several times|(?:two|three|four|five) times))$")
_TIMES = {"2": "twice", "3": "three times", "4": "four times", "5": "five times"}


def _times_said(count: re.Match) -> str:
    """How often a `_COUNT_TAIL` match says, in words ("x2" -> "twice", "a few times" as it is)."""
    return count.group("said") or _TIMES[count.group("x") or count.group("n")]

# a thing the candidate understood, said of the thing ("3-way match understood", "VAT rules well understood")
_UNDERSTOOD = re.compile(r"(?i)^(?!(?:she|he|they|we|i|it|you|this|that)\b)(?:the\s+|your\s+)?"
                         r"(?P<thing>[\w/&+-]+(?:\s+[\w/&+-]+){0,3}?)\s+(?:was\s+|were\s+)?"
                         r"(?:(?P<how>well|clearly|fully|properly|thoroughly)\s+)?understood$")

# a thing made that came out wrong, by one adjective ("milk too hot", "grout too thick", "steak too rare")
_THING_TOO = re.compile(r"(?i)^(?!(?:you|she|he|they|we|i|it|this|that)\b)(?P<topic>(?:your\s+)?[a-z][\w-]*(?:\s+[a-z][\w-]*)?)"
                        r"\s+(?:was\s+|were\s+)?too\s+(?P<adj>[a-z]{3,})$")

# the candidate's own work running over its time ("presentation ran long", "Job talk ran 15 min over", "demo overran")
_RAN_LONG = re.compile(r"(?i)^(?!(?:you|she|he|they|we|i|it|this|that|the\s+(?:interview|panel|meeting|call|day)|"
                       r"interview|panel|meeting|call)\b)(?:the\s+|your\s+|her\s+|his\s+|their\s+)?"
                       r"(?P<topic>[a-z][\w-]*(?:\s+[a-z][\w-]*){0,2}?)\s+(?:ran|went)"
                       r"(?:\s+(?P<deg>a bit|slightly|way|well|far))?\s+(?:long|over(?:\s+time)?|"
                       r"(?P<by>(?:by\s+)?(?:about\s+|~)?\d+\s*(?:min(?:ute)?s?|mins?))\s+over)"
                       r"(?:\s+(?P<where>(?:on|in|at|during)\s+\S.*))?$")


# a mishap on the day, by what was dropped, spilled, burnt, forgotten or left unsafe ("dropped two cups during the
# trial shift", "spilt a tray of drinks", "burnt the béchamel", "forgot the food log", "left the fridge door open"):
# said plainly of the candidate, as "milk too hot" is of the milk (not a step left undone: "forgot to sign the MAR chart")
_MISHAP = re.compile(r"(?i)^(?:accidentally\s+)?(?P<verb>dropped|spilled|spilt|smashed|broke|burnt|burned|knocked\s+over|"
                     r"forgot(?!\s+(?:to|about|that|how|what|where|when|why|which|whether|if)\b)|"
                     rf"left(?=\s+(?:[\w-]+\s+){{0,4}}?{_UNSAFE_STATE}))\s+"
                     r"(?P<what>(?!the\s+ball\b)(?:(?:an?|one|two|three|four|some|the|her|his|their|your|\d+)\s+)?"
                     r"[a-z\u00e0-\u00ff][\w\u00e0-\u00ff-]*.*)$")

# a step the candidate left out, said of the step, with when or how often ("KYC checks skipped once", "RCD test missed
# first time", "allergen check forgotten x2"): what they did, as "safety isolation skipped" is ("you skipped the KYC
# checks once, and …"), not "Your KYC checks skipped once."
_STEP_SKIPPED = re.compile(r"(?i)^" + _THING_LEAD +
                           r"(?P<step>[\w/&+-]+(?:\s+[\w/&+-]+){0,2}?)\s+(?:was\s+|were\s+)?"
                           r"(?P<verb>skipped|missed|forgotten|omitted|overlooked|(?:charted|recorded|documented|logged|done|"
                           r"completed|given|submitted|signed off|written up)(?=\s+late\b))"
                           r"(?P<late>\s+late)?(?P<where>\s+(?!on\s+purpose\b)(?:on|in|at|during|for|after|before)\s+(?:the\s+)?"
                           r"[\w/&+-]+(?:\s+[\w/&+-]+){0,2}?)?"
                           r"(?:\s+(?P<when>first time|at first|initially|completely|entirely))?$")  # how often: _COUNT_TAIL
# a task done, said of the task, and how well ("calls handled calmly", "load secured well", "spill cleared safely"): what
# the candidate did, as they did it ("You handled the calls calmly.")
_DONE_WELL = re.compile(r"(?i)^" + _TASK_LEAD +
                        r"(?P<thing>[a-z][\w/&+-]*(?:\s+[a-z][\w/&+-]*)?)\s+"
                        r"(?:was\s+|were\s+)?(?P<verb>[a-z]{3,}ed|done|written|given|carried out)\s+"
                        r"(?P<how>well|calmly|carefully|safely|neatly|correctly|properly|"
                        r"accurately|confidently|professionally|efficiently|thoroughly|promptly|tactfully|patiently)$")


# a step of a procedure the candidate did not do, said of the step ("care plan not signed x2", "radio protocol not
# followed twice", "PPE not worn on the ward"): "you didn't sign the care plan twice"
_STEP_NOT_DONE = re.compile(r"(?i)^" + _TASK_LEAD +
                            r"(?P<step>[\w/&+-]+(?:\s+[\w/&+-]+){0,2}?)\s+"
                            r"(?:was\s+|were\s+)?not\s+(?P<pp>signed|followed|done|completed|recorded|documented|logged|"
                            r"dated|labelled|labeled|repeated|charted|worn|washed|cleaned|sanitised|sanitized|locked|secured|"
                            r"updated|restocked|rotated|counted|filed|submitted|reported|escalated|checked|read back)"
                            r"(?P<where>\s+(?:on|in|at|during|for|after|before)\s+(?:the\s+)?[\w/&+-]+(?:\s+[\w/&+-]+){0,2}?)?"
                            r"(?:\s+(?P<when>first time|at first|initially))?$")  # how often: _COUNT_TAIL
_PARTICIPLE_BASE = {"done": "do", "worn": "wear", "read back": "read back"}


def _base_verb(pp: str) -> str:
    """The plain form of a participle ("signed" -> "sign", "completed" -> "complete", "labelled" -> "label")."""
    if pp in _PARTICIPLE_BASE:
        return _PARTICIPLE_BASE[pp]
    return next((b for b in (pp[:-1], pp[:-2], pp[:-3]) if is_known_word(b)), pp[:-2])


# the past tense of a step's verb where it is not the participle ("observations done late": "you did …")
_STEP_PAST = {"forgotten": "forgot", "done": "did", "given": "gave", "written up": "wrote up"}
# how the candidate came across, with no subject ("seems junior", "seemed weak on SQL", "came across as confident"): the
# interviewer's impression, said as the verdict it leads ("you were …"), not "Your seems were …" ("came across well",
# "... poorly in the panel": how, not what, the candidate came across)
_IMPRESSION_LEAD = re.compile(r"(?i)^(?:(?:she|he|they)\s+)?(?:seems|seemed|appears|appeared|(?:came|comes)\s+across"
                              r"(?:\s+as|(?!\s+(?:well|badly|poorly|better|worse|strongly|weakly|nicely|clearly)\b)))"
                              r"\s+(?!(?:at|into|for|like|through|over|up|after|around|to|that|the|your)\b)(?=[a-z])")


# too much or too many of something in the work ("Too much jargon when explaining to PM", "used too many slides")
_TOO_MUCH = re.compile(r"(?i)^(?:you\s+(?P<verb>used|gave|had|added|put|included|showed|wrote|made|took)\s+)?"
                       r"(?:(?:a\s+bit|a\s+little|way|far|much)\s+)?too\s+(?P<q>much|many)\s+(?P<what>(?!of\b)[a-z].*)$")
# the people the work serves, at the end of a topic ("SEN pupils", "the residents", "new starters")
_PEOPLE_SERVED = re.compile(r"(?i)\b(?:pupils|students|learners|children|kids|patients|residents|customers|clients|"
                            r"guests|callers|service users|starters|trainees|families|parents|visitors)$")
# a group lost ("lost the class during the group activity", "lost control of the room"): their attention, said of the
# candidate (a teacher's or presenter's gap), not the group as a topic that was "less sure-footed"
_LOST_GROUP = re.compile(r"(?i)^(?:you\s+)?lost\s+(?P<control>control\s+of\s+)?(?:the\s+|your\s+)?"
                         r"(?P<who>class|room|group|audience|pupils|students|learners|kids|children|crowd|listeners)\b"
                         r"(?P<rest>.*)$")
# "less" with a quality ("less confident with Excel", "a bit less structured in the written exercise"); not a
# comparison the note leaves open ("less nervous than the 1st round") or a noun ("less experience", "fewer errors")
_LESS_ADJ = re.compile(r"(?i)^(?:you\s+(?:were|are|seemed|came across as)\s+)?(?P<deg>(?:a\s+bit|a\s+little|slightly|bit|"
                       r"much|far|a\s+lot|noticeably|somewhat)\s+)?less\s+"
                       r"(?P<adj>(?!(?:than|of|and|or|so|time|experience|knowledge|exposure|practice|money|pay)\b)[a-z][a-z-]{2,})"
                       r"(?P<rest>\s+(?:with|in|on|at|about|around|during|when|under|for)\s+(?:(?!\bthan\b).)+)?"
                       # ... than at the candidate's own earlier interview ("less confident than 1st interview")
                       r"(?:\s+than\s+(?:(?:at|in|on|during)\s+)?(?:the\s+|her\s+|his\s+|their\s+|your\s+)?"
                       r"(?P<earlier>1st|first|2nd|second|earlier|previous|prior|initial|last)\s+"
                       r"(?P<when>interview|round|stage|call|screen|visit|meeting|time)s?)?$")
_EARLIER = {"1st": "first", "2nd": "second", "prior": "previous"}
# the endings of a quality's word ("confident", "careful", "structured", "familiar", "steady"), not a noun's ("depth",
# "structure", "clarity", "impact")
_ADJECTIVE_SHAPE = re.compile(r"(?i)(?:al|ous|ful|ive|ic|able|ible|ent|ant|ed|iar|ate|(?<!it)(?<![cgr])y|ise|ear|ong|ow|"
                              r"ick|ast|ough|ete|ise|lm)$")
# a count done, fewer than the bar ("fewer calls handled than needed", "less orders picked than target")
_FEWER_DONE = re.compile(r"(?i)^(?:fewer|less)\s+(?P<what>[a-z][a-z -]{1,30}?s)\s+(?P<done>[a-z]{3,}ed)\s+than\s+"
                         r"(?:(?:was|were|is)\s+)?(?:needed|required|expected|the\s+target|target|the\s+bar)$")
# a credential the candidate needs ("Needs CSCS card", "needs a care certificate"; "needs to …" is advice)
_NEEDS_HELD = re.compile(r"(?i)^(?:you\s+)?(?:still\s+)?(?:needs?|requires?|would need|will need)\s+(?P<what>(?!to\b)(?!.*\brefresher\b)\S.*)$")


def gap_variants(r: Remark, lex: Lexicon, fallback: bool = True) -> tuple[list[str], str]:
    """Gap clauses (no capital, no full stop) and the topic they are about; with fallback=False, a
    remark no pattern can phrase gives no clauses instead of "we noted <the note>"."""
    evidenced = _with_evidence(gap_variants, r, lex, fallback, sentences=False)
    if evidenced is not None:
        return evidenced
    count = _COUNT_TAIL.search(r.text.strip(" .!?"))
    if count and count.start() > 0:  # "measuring off twice": the slip phrased, then how often
        said, topic = gap_variants(replace(r, text=r.text.strip(" .!?")[:count.start()]), lex, fallback=False)
        times = _times_said(count)
        if said and all("," not in s for s in said):
            return [f"{s} {times.lower()}" for s in said], topic
        if not count.group("said"):  # "forgot food log x2": said in words wherever the remark is phrased ("twice")
            r = replace(r, text=f"{r.text.strip(' .!?')[:count.start()]} {times}")
    t = _uncap(_the(r.text.strip().rstrip("?")), lex)
    t = _THE_WORK.sub("your ", t)  # "the SQL was weak": the note means the candidate's SQL
    t = re.sub(r"(?i)^(?:maybe|perhaps|possibly|probably)\s+(?=\S+\s*\S)", "", t)  # "maybe overconfident at times"
    t = _IMPRESSION_LEAD.sub("you were ", t)  # "seemed slow": the interviewer's impression, not a topic ("Your seemed …")
    m = _TOO_MUCH.match(t.strip(" .!"))
    if m:  # "Too much jargon when explaining to PM": there was too much of it, not "you were more much than …"
        q = m.group("q").lower()
        lead = f"you {m.group('verb').lower()}" if m.group("verb") else ("there were" if q == "many" else "there was")
        return [f"{lead} too {q} {m.group('what')}"], ""
    m = _LOST_GROUP.match(t.strip(" .!"))
    if m:  # "lost the class during the group activity": the group's attention, not a topic "the class" said unsteady
        what = "control of" if m.group("control") else "the attention of"
        return [lex.templates["gap"]["verb_after"][0].format(
            verb="lost", topic=f"{what} the {m.group('who').lower()}{m.group('rest')}")], ""
    m = _LESS_ADJ.match(t.strip(" .!"))
    if m and (_ADJECTIVE_SHAPE.search(m.group("adj")) or lex.strength_re.fullmatch(m.group("adj"))):  # "less confident with Excel", "Less careful with the glassware": less of it than the role needs
        if m.group("earlier"):  # the candidate against their own earlier interview: "than in your first interview"
            earlier = m.group("earlier").lower()
            when = ("last time" if m.group("when").lower() == "time" else
                    f"in your {_EARLIER.get(earlier, earlier)} {m.group('when').lower()}")
            return [f"you were {(m.group('deg') or '').lower()}less {m.group('adj').lower()}{m.group('rest') or ''} "
                    f"than {when}"], ""
        return [f"you were {(m.group('deg') or '').lower()}less {m.group('adj').lower()}{m.group('rest') or ''} "
                f"than this role needs"], ""
    m = _FEWER_DONE.match(t.strip(" .!"))
    if m:  # "fewer calls handled than needed" -> "you handled fewer calls than this role needs"
        return [f"you {m.group('done').lower()} fewer {m.group('what')} than this role needs"], ""
    m = _NEEDS_HELD.match(t.strip(" .!"))
    held = credential_phrase(m.group("what")) if m else None
    if held:  # "Needs CSCS card", "needs care certificate": one the role needs and the candidate doesn't have yet
        return [f"this role needs {held}, which you don't have yet",
                f"the role needs {held} from day one, and you don't have one yet"], held
    m = _UNEASY_WITH.match(t.strip(" .!"))
    if m:  # "not great w/ ambiguity": less comfortable with it, not "Ambiguity didn't come through as strongly"
        how = " ".join(w for w in (m.group("degree"), "less comfortable") if w).lower()
        return [f"you were {how} with {m.group('cond').lower()} than this role needs"], ""
    m = re.match(rf"^(?P<topic>(?!you\b)[A-Za-z][\w/&+' -]*?)\s+(?P<verdict>{_INTENSIFIER}(?:{lex.soft_alt}))\s+"
                 r"(?P<who>for\s+(?:the\s+)?[\w/&+' -]+)$", t.strip(" .!"), re.I)
    if m and not _FOR_THE_ROLE.fullmatch(m.group("who")):
        # "differentiation weak for SEN pupils": the topic is the differentiation for SEN pupils (not the role: "SQL
        # weak for this level")
        return gap_variants(replace(r, text=f"{m.group('topic')} {m.group('who')} {m.group('verdict')}"), lex, fallback)
    step = t.strip(" .!")
    often = _COUNT_TAIL.search(step)  # (its clause has a comma, so the count is not added after it above)
    step, times = (step[:often.start()], _times_said(often)) if often else (step, "")
    m = _STEP_SKIPPED.match(step)
    if m:  # "KYC checks skipped once" -> "you skipped the KYC checks once, and that matters in this role"
        verb = _STEP_PAST.get(m.group("verb").lower(), m.group("verb").lower())
        when = m.group("when") or times
        # "obs charted late on bay 3 x2" -> "you charted the observations late on bay 3 twice"
        step = _the_topic(m.group("step")) + (m.group("late") or "").lower() + (m.group("where") or "") \
            + (f" {when.lower()}" if when else "")
        return [s.format(verb=verb, topic=step) for s in lex.templates["gap"]["verb_after"]], m.group("step")
    m = _STEP_NOT_DONE.match(step)
    if m:  # "care plan not signed x2" -> "you didn't sign the care plan twice, and that matters in this role"
        when = m.group("when") or times
        step = _the_topic(m.group("step")) + (m.group("where") or "") + (f" {when.lower()}" if when else "")
        verb = f"didn't {_base_verb(m.group('pp').lower())}"
        return [s.format(verb=verb, topic=step) for s in lex.templates["gap"]["verb_after"]], m.group("step")
    m = _THING_FAILED.match(t.strip(" .!"))
    if m:  # "sauce split" -> "your sauce split"; "pastry soggy" -> "your pastry was soggy"
        topic = m.group("topic")
        said = m.group("verb") or f"{'were' if _plural(topic) else 'was'} {m.group('degree') or ''}{m.group('adj')}"
        return [f"{_your(topic)} {said.lower()}"], ""
    order = _OUT_OF_ORDER.match(t.strip(" .!"))
    if order:  # "decontamination steps out of order twice": the procedure, done out of order
        topic = re.sub(r"(?i)^your\s+", "", order.group("topic"))
        return [f"your {topic} {'were' if _plural(topic) else 'was'} done {order.group('how').lower()}"
                f"{order.group('when') or ''}"], topic
    due = _REFRESHER.match(t.strip(" .!"))
    if due:  # "moving & handling refresher needed": the training is due a refresher, and getting one is the advice
        what = next(g for g in due.groups() if g)
        return [f"this role needs up-to-date {what} training, and yours is due a refresher"], f"{what} refresher"
    gave = _GAVE_WAY.match(t.strip(" .!"))
    if gave:  # "she caved on price immediately": conceded under pushback, said as what the role needs
        what = re.sub(r"(?i)^your\s+", "the ", gave.group("what"))
        when = f" {gave.group('when').lower()}" if gave.group("when") else ""
        return [f"in the negotiation, you gave way on {what}{when}, and this role needs you to hold your position "
                f"under pushback"], ""
    t = re.sub(r"(?i)^(?:a\s+)?little\s+bit\s+", "a bit ", t)  # "Little bit slow": a degree, not "little" experience
    if not _UNDER_PRESSURE.match(t.strip(" .!")):  # ("had poor judgement under pressure" is said below)
        t = _without_have(t, lex.soft_alt)  # "has weak SQL" -> "weak SQL"
    reason = _GAP_REASON.search(t)
    if reason and re.search(rf"(?i)\s(?:{lex.soft_alt})$", t[:reason.start()]):
        t = t[:reason.start()]  # "Python weak because only used it at uni": the interviewer's reason is theirs
    barred = _against_bar(r.text) or passed_test(r.text)
    if barred:  # "you scored 62% on the SQL test; the pass mark is 70%": the numbers as the notes give them
        return [barred[1]], ""
    adj = _label_verdict(t, r, lex.soft_alt)
    if adj in _PERSON_MANNER:
        return [f"in {_the_topic(_uncap(r.topic, lex))}, you were {lex.soft.get(adj, adj)}"], ""
    if adj:
        return [f"{_your(r.topic)} {'were' if _plural(r.topic) else 'was'} {lex.soft.get(adj, adj)}"], r.topic
    G = lex.templates["gap"]
    soft = lex.soft_alt
    # "She was weak on SQL" -> "weak on SQL": the skill, as the patterns below say it; how the candidate answered
    # ("you were vague on the budget": "you were less specific than we needed on the budget") stays theirs
    if _YOU_WERE_ADJ_PREP.match(t) and not _YOU_WERE_MANNER.match(t):
        t = _YOU_WERE_ADJ_PREP.sub("", t)

    def about(key: str, topic: str) -> tuple[list[str], str]:
        # the interviewer's reason for the gap ("… because only worked in small teams") and the role it is measured
        # against ("… for a senior role") are theirs: the gap is the skill
        topic = _GAP_REASON.sub("", topic) or topic
        # "no unit tests written": what was not there, not the writing ("Unit tests written was missing")
        topic = re.sub(r"(?i)(?<=\w)\s+(?:written|done|used|shown|given|provided|included|added|mentioned)$", "", topic)
        kind = re.fullmatch(r"(?P<kind>[a-z][\w-]*(?:\s+[a-z][\w-]*)?)\s+(?:experience|exposure|background)"
                            r"(?:\s+(?:in|at|on)\s+(?:an?\s+|the\s+)?[a-z][\w-]*(?:\s+[a-z][\w-]*)?)?", topic)
        if kind and key == "missing":  # "no real project exp": "more project experience", not "we didn't see project"
            # ("no weekend experience in retail": more weekend experience in retail, not "we didn't see weekend in retail")
            what = kind.group("kind")  # (practised as "project work", "paid social", "on-call")
            return [f"this role needs more {topic} than you have had so far"], \
                what if " " in what or "-" in what else f"{what} work"
        topic = _TOPIC_TIME_TAIL.sub("", topic) or topic
        if key == "missing" and _ARTIFACT.match(topic):  # "no clear plan for ...": we didn't see a clear plan for ...
            topic = ("an " if topic[0].lower() in "aeiou" else "a ") + topic
        known = _KNOWLEDGE_OF.fullmatch(topic) if key in ("missing", "no_experience") else None
        if known:  # "product knowledge lacking": what you know of it fell short, not "We didn't see product."
            return [G["weak_on"][0].format(topic=_your(known.group("field")))], known.group("field")
        # "lacks AWS experience" is about AWS: the templates say "experience with {topic}" themselves
        # ("lacks FEA experience in ANSYS": FEA in ANSYS)
        topic = re.sub(r"\s+(?:experience|exposure|knowledge|familiarity)(?=$|\s+(?:in|with|of|on|using|for)\s)", "",
                       topic, flags=re.I) or topic
        if re.fullmatch(r"(?:experience|exposure|knowledge|skills?|background|depth|familiarity)", topic, re.I):
            # "not enough experience": no topic to name, and no "we didn't see experience"
            return [f"this role needs more {topic.lower()} than you have had so far"], ""
        templates = G[key]
        plural = _plural(topic)  # "concrete examples of collaboration were missing from what we saw"
        if plural:  # "SQL joins", "reading drawings": a form with no "{topic} was" leads (never "joins was")
            templates = sorted(templates, key=lambda x: "{topic} was " in x)
        # ... and the skill the examples would show is what to practise ("collaboration", not "concrete examples of …")
        shown = re.sub(r"(?i)^(?:(?:concrete|specific|real|clear|good|any)\s+)?(?:examples?|evidence|stories|instances)\s+of\s+(?=\S)|"
                       r"^(?:experience|exposure)\s+(?:with|in|of|on|to)\s+(?=\S)", "", topic)
        return [(s.replace("{topic} was ", "{topic} were ") if plural else s).format(topic=topic) for s in templates], shown

    m = re.match(r"^(?:(?:we|the panel|i)\s*)?(?:would|'d)\s+(?:have\s+)?(?:liked|loved|wanted|preferred|hoped|need|needed|"
                 r"want|like)\s+(?:to\s+(?:see|hear)\s+)?(?:a\s+(?:bit|little|lot)\s+)?more\s+(?P<topic>.+)$", t, re.I)
    if m:  # "would have liked more depth on testing": practise testing, not "depth on testing"
        lines, topic = about("needs_more", m.group("topic"))
        topic = re.sub(r"^(?:depth|detail|rigou?r|care|thought|structure|clarity)\s+(?:on|in|with|around|about)\s+",
                       "", topic, flags=re.I)
        # "would need to see more leadership examples": leadership is what to build, the examples show it
        topic = re.sub(r"(?i)^(?:examples?|evidence|stories|instances)\s+of\s+(?=\S)|\s+(?:examples?|evidence|stories)$",
                       "", topic)
        return lines, topic
    m = re.match(r"^(?:some\s+|a few\s+|big\s+|real\s+|clear\s+)?gaps?\s+(?:in|on|around|with)\s+(?P<topic>.+)$", t, re.I)
    if m:  # "Gaps in accessibility knowledge"
        return about("weak_on", m.group("topic"))

    m = re.match(r"^(?:(?:has|had|have|with|you have|you had)\s+)?(?:no|zero|little|minimal|not much|not a lot of|not enough|limited|"
                 r"hardly any|barely any|little to no|next to no|"
                 r"lacks?|lacking|lacked|missing|without|never used|never worked with|hasn't used|haven't used|"
                 r"hasn't worked with|haven't worked with|has not used|hadn't used|had not used|hadn't worked with|hasn't touched|never touched|light on|thin on|"
                 r"short on)\s+(?P<mods>(?:(?:real|hands-on|direct|prior|any|production|practical|formal|much|enough|recent|"
                 r"commercial(?=\s+(?:experience|exposure|background)))\s+)*)(?P<exp>experience|exposure|background|knowledge|familiarity|"
                 r"skills?|use|time|understanding|depth)?\s*(?:(?:with|in|of|on|using|around|to)\s+)?(?P<topic>.+)$", t, re.I)
    if m and m.group("topic") and m.group("exp") and re.match(r"(?i)(?:when|whenever|while|under|once|if|after|during)\b",
                                                              m.group("topic")):
        # "not much depth when pushed on numbers": when it showed, not a topic ("experience with when pushed …")
        what = m.group("exp").lower()
        return [f"you showed less {what} than this role needs {m.group('topic')}",
                f"the role needs more {what} than came through {m.group('topic')}"], ""
    if m and m.group("topic"):
        topic = _TOPIC_TIME_TAIL.sub("", m.group("topic")) or m.group("topic")  # "no forklift licence yet"
        mods = " ".join(w for w in m.group("mods").split() if w.lower() not in ("any", "much", "enough", "real"))
        if mods and not m.group("exp") and re.fullmatch(r"(?i)experience|exposure|background", topic):
            # "Lacks commercial experience": the kind of experience is the point ("more commercial experience")
            return [f"this role needs more {mods.lower()} {topic.lower()} than you have had so far"], ""
        held = None if m.group("exp") else credential_phrase(topic)
        if held and re.match(r"^(?:(?:has|had|have|with|you have|you had)\s+)?(?:no|zero|without|lacks?|lacking|lacked|"
                             r"missing)\b", t, re.I):
            # "no counterbalance licence": the role needs one, and you don't have one yet (nothing to practise)
            return [f"this role needs {held}, which you don't have yet",
                    f"the role needs {held} from day one, and you don't have one yet"], held
        trait = _TRAIT.fullmatch(topic.strip())
        if trait:  # "lacks confidence": a quality seen in the interview, not experience to gain, nothing to practise
            return [s.format(topic=_cap(topic)) for s in G["weak_on"]][:1], ""
        if re.match(r"^(?:(?:has|had|have|with|you have|you had)\s+)?(?:little|minimal|not much|not a lot of|not enough|limited|"
                    r"hardly any|barely any|little to no|next to no|light on|thin on|short on)\b", t, re.I):
            # "limited experience with Looker": some, not none
            return about("limited_experience", topic)
        skillish = m.group("exp") or re.search(r"[A-Z]{2,}|[A-Z][a-z]+[A-Z]|\b(?:" + "|".join(
            re.escape(v) for v in lex.proper.values()) + r")\b", topic)
        if skillish or re.match(r"^(?:limited|lacks?|lacking|lacked|never|hasn't|haven't|has not|light|thin|short)", t, re.I):
            return about("no_experience", topic)
        return about("missing", topic)
    m = re.match(r"^(?P<topic>.+?)\s+(?:(?:exp|experience|knowledge|exposure|skills?)\s+)?(?:none|nil|zero|n/a|unfamiliar|"
                 r"new to (?:you|them)|never used|not used)$", t, re.I)
    if m:
        return about("no_experience", m.group("topic"))
    m = re.match(r"^(?P<topic>.+?)\s+(?:was\s+|were\s+|is\s+|are\s+)?(?:missing|absent|lacking|not there)$", t, re.I)
    if m:
        return about("missing", m.group("topic"))
    m = re.match(r"^(?!(?:you|she|he|they|we|i)\b)(?P<topic>(?:(?:the|your)\s+)?[\w -]{2,40}?)\s+(?P<verb>ignored|missed|skipped|overlooked|misread|"
                 r"misunderstood|omitted|left out|lacked|glossed over|underestimated|overestimated)\s+(?P<obj>\S.*)$",
                 t, re.I)
    if m:  # "the system design answer ignored failover": the recruiter's observation, about the candidate's work
        topic = re.sub(r"^the\s+", "", m.group("topic"), flags=re.I)
        topic = topic[:1].lower() + topic[1:] if re.match(r"[A-Z][a-z]+\b", topic) and \
            topic.split()[0].lower() not in lex.proper else topic  # "Campaign plan lacked KPIs"
        return [f"{_your(topic)} {m.group('verb').lower()} {m.group('obj')}"], ""
    m = re.match(r"^(?P<topic>.+?)\s+(?P<verb>misread|misunderstood|missed|skipped|ignored|forgotten|overlooked|"
                 r"mislabelled|mislabeled|misspelt|misspelled|miscalculated|rambled|waffled|dragged)$", t, re.I)
    if m:
        topic, verb = m.group("topic"), m.group("verb").lower()
        if verb in ("rambled", "waffled", "dragged"):
            return [f"{_your(topic)} {verb}, and that matters in this role"], topic
        return [s.format(verb=verb, topic=_the_topic(topic)) for s in G["verb_after"]], topic
    m = re.match(r"^(?P<topic>.+?)\s+(?:were\s+|was\s+|is\s+|are\s+)?not\s+(?P<pp>justified|explained|tested|covered|"
                 r"considered|checked|labelled|labeled|documented|addressed|clear|supported|quantified|"
                 r"sourced|referenced|mentioned|discussed|validated)$", t, re.I)
    if m:
        topic = m.group("topic")
        be = "were" if _plural(topic) else "was"
        if _PEOPLE_SERVED.search(topic):  # "SEN pupils not supported": the pupils are not the candidate's own
            return [f"{_the_topic(topic)} {be} not {m.group('pp').lower()}, and that matters in this role"], topic
        return [s.format(topic=topic, be=be, pp=m.group("pp")).replace("your your", "your")
                .replace("your " + topic, _your(topic)) for s in G["not_pp"]], topic
    m = re.match(r"^(?:you\s+)?" + _WISH_LEAD + r"(?P<adj>[a-z][\w-]*)"
                 r"(?:\s+(?:on|in|at|with|around|about|when|during)\s+(?P<topic>.+))?$", t, re.I)
    wished = m and lex.strength_re.fullmatch(m.group("adj")) and (
        _COMPARATIVE.search(m.group("adj")) or re.search(r"\bmore\s+" + re.escape(m.group("adj")) + r"\b", t, re.I))
    if wished:  # a strength wished for: "could be stronger on SQL", "should be more confident"
        if m.group("topic"):
            return about("weak_on", m.group("topic"))
        adj = m.group("adj").lower()
        return [s.format(soft=f"not yet as {adj} as we needed") for s in G["too"]], ""
    m = re.match(rf"^not\s+(?:as\s+|so\s+|very\s+|that\s+)?(?:{lex.praise_alt})\s+(?:on|in|at|with|around|about)\s+"
                 r"(?P<topic>.+)$", t, re.I)
    if m:  # "not solid on Python" (from "solid on SQL, but not on Python"): Python was the gap
        return about("weak_on", m.group("topic"))
    m = re.match(rf"^{_INTENSIFIER}(?P<adj>weak|weaker|weak-ish|weakish|shaky|rusty|light|thin|poor|bad|terrible|awful|rubbish|hopeless|not strong|not great|not good|so-so|"
                 rf"mediocre|{_VERDICT_MIDDLING}|basic|limited|patchy|surface-level|superficial|shallow|clueless|hazy|fuzzy|unsure|unclear|"
                 rf"vague|iffy|slow|lost)\s+(?:on|in|at|with|around|re|about|when|regarding)\s+(?P<topic>.+)$", t, re.I)
    if m and m.group("adj").lower() == "slow":  # "slow on the case study": the speed was the gap, not the topic
        topic = m.group("topic")
        return [f"you were slower than this role needs on {topic}", f"on {topic}, you were slower than this role needs"], \
            Speed(topic)
    if m:
        return about("weak_on", m.group("topic"))
    m = _NOT_AT_HOME.match(t)
    if m:  # "not familiar with Xero": less experience with it; "not confident in Excel": less strength in it
        return about("limited_experience" if m.group("known") or m.group("unknown") else "weak_on", m.group("topic"))
    m = re.match(r"^(?P<deg>(?:(?:very|quite|a bit|bit|rather|pretty|sometimes|often|at times)\s+)*)hard to follow\b(?P<rest>.*)$",
                 t, re.I)
    if m:  # "hard to follow" with no subject: the candidate's answers, as in an interview they are
        rest = m.group("rest")
        when = re.match(r"(?i)\s*(at times|sometimes|in places|occasionally|often)\s*$", rest)
        deg = " ".join(w for w in (re.sub(r"(?i)^bit\b", "a bit", m.group("deg").strip()),
                                   when.group(1) if when else "") if w)
        return [f"your answers were {deg + ' ' if deg else ''}harder to follow than they needed to be"
                + ("" if when else rest)], ""
    m = re.match(r"^(?!you\b)(?P<topic>[\w/&+#.' -]{1,40}?)\s+(?:(?:was|were|got)\s+)?(?:a bit\s+|quite\s+|very\s+)?"
                 r"(?:confused|mixed up|muddled)$", t, re.I)
    if m:  # "useEffect confused": the candidate was unclear on it, not the topic confused
        return about("weak_on", m.group("topic"))
    did = talked_over(t)
    if did:  # "talked over the panel": said as it happened, with advice on letting others finish (`_slots`)
        return [f"you {did}, and letting others finish matters in this role",
                f"the interview showed that you {did}"], ""
    m = _FAST_TALK.match(t)
    if m:  # "Spoke v fast": said as it was, with advice on pace (`_slots`)
        deg = (m.group("deg") or "").lower()
        return [s.format(verb="spoke", rest=f"{deg}quickly{m.group('rest')}") for s in G["did_not"]], ""
    m = _UNDER_PRESSURE.match(t)
    if m:  # "struggled under pressure", "less structured when pushed": how you held up, not "under pressure" as a topic
        if m.group("what"):  # "had poor judgement under pressure": that part of the work was weaker then
            what = m.group("what").lower()
            return [f"{_your(what)} {'were' if _plural(what) else 'was'} weaker {m.group('when')} than this role needs"], ""
        how = " ".join(w for w in (m.group("degree"), m.group("less") or "less steady") if w).lower()
        return [f"you were {how} {m.group('when')} than this role needs"], ""
    m = re.match(r"^(?:you\s+)?(?:struggled|struggles?|struggling|had trouble|had difficulty|found it hard|battled|"
                 r"stumbled|got stuck|stuck|tripped up|got lost)\s+(?:(?:a little|a bit|a little bit|slightly|somewhat|"
                 r"at times|at first|initially|early on)\s+)?(?P<prep>with|on|to|at|over|when|in|during)?\s*"
                 r"(?P<topic>.+)$", t, re.I)
    if m:
        topic = m.group("topic")
        if (m.group("prep") or "").lower() == "to":
            return [s.format(rest=topic) for s in G["could_not"]], VerbPhrase(topic)
        return about("struggled", topic)
    m = re.match(r"^(?:you\s+)?(?P<neg>couldn't|could not|can't|cannot|unable to|wasn't able to|weren't able to|"
                 r"not able to|failed to|were unable to)\s+(?P<rest>.+)$", t, re.I)
    if m:
        return [s.format(rest=_verb_base(m.group("rest"))) for s in G["could_not"]], VerbPhrase(m.group("rest"))
    m = re.match(r"^(?:you\s+)?(?P<verb>didn't|did not|doesn't|does not|don't|do not|never|hasn't|has not|haven't|"
                 r"have not|hadn't|had not|forgot to|missed|overlooked|skipped|ignored|rambled|waffled|ran over|ran out of|"
                 r"lost(?=\s+(?:the thread|track|focus|(?:your|the) train of thought)\b))\s+"
                 r"(?P<rest>.+)$", t, re.I)
    if m:
        verb = m.group("verb").lower()
        verb = {"doesn't": "didn't", "does not": "didn't", "don't": "didn't", "do not": "didn't",
                "hasn't": "haven't", "has not": "haven't", "had not": "hadn't", "did not": "didn't"}.get(verb, verb)
        # after "didn't", "forgot to" the verb is in its base form: advice can practise it ("uncovering the budget")
        rest = m.group("rest")
        return [s.format(verb=verb, rest=rest) for s in G["did_not"]], (
            VerbPhrase(rest) if verb in ("didn't", "forgot to") else "" if _THE_THING.match(rest) else rest)
    m = re.match(r"^(?P<topic>(?!you\b)[\w/&+#' -]+?)\s+(?:still\s+)?(?:needs?|needed|requires?)\s+(?:(?:some|more|a lot of|"
                 r"a bit of|a little|real|serious)\s+)?(?:work|improvement|improving|polish|polishing|attention)$", t, re.I)
    if m:  # "comms need work", "Excel needs some improvement"
        return about("weak_on", m.group("topic"))
    m = _NEEDS_SUPPORT.match(t)
    if m and not m.group("aux") and m.group("verb").lower() in ("needed", "required"):
        # "Needed help with the SQL task": what happened in the interview, not a forecast ("would still need")
        topic = m.group("topic")
        what = re.sub(r"(?i)^hand-?holding$", "support", m.group("what").lower())  # said without the note's bluntness
        return [s.format(topic=topic, what=what) for s in G["needed_support"]], topic
    if m:  # "would need support with board reporting": the skill, and that the role needs it on its own
        return about("needs_support", m.group("topic"))
    m = _NOT_SURE.match(t)
    if m and not lex.gap_re.search(m.group("rest")):  # "not sure you'd cope with month-end pressure"
        return [s.format(rest=_verb_base(m.group("rest"))) for s in G["not_sure"]], ""
    m = _NOT_SURE_STATE.match(t)
    if m:  # "not convinced you're ready for a lead role": the panel's doubt, as a doubt
        return [s.format(rest=m.group("rest")) for s in G["not_sure_state"]], ""
    m = _NOT_CONVINCED.match(t)
    if m:  # "not convinced by your answers on risk management"
        np = m.group("np")
        return [s.format(np=np) for s in G["not_convinced"]], ""
    m = _NOT_YET_A.match(t)
    if m:  # "not yet a finance leader": what the role needs, not a verdict on the person
        return [s.format(np=m.group("np")) for s in G["not_yet_a"]], ""
    m = _NOT_READY.match(t)
    if m:  # "not yet ready to manage a team"
        return [s.format(rest=m.group("rest")) for s in G["not_ready"]], ""
    m = re.match(r"^(?:you\s+)?(?:needs?|could use|would need|requires?)\s+(?:more|better|stronger|deeper|to improve|"
                 r"improvement (?:in|on)|work on|to work on|to get better at|to build|to strengthen|to develop|"
                 r"practice (?:with|on|in)|some work on|"
                 # "needs experience with React.js": more of it, as "needs more experience with React.js"
                 r"(?:(?:some|real|hands-on|practical|direct|commercial)\s+)?(?=(?:experience|exposure)\s+"
                 r"(?:with|in|of|on|to|using)\s+\S))\s*(?P<topic>.+)$", t, re.I)
    if m:
        return about("needs_more", m.group("topic"))
    m = re.match(r"^(?:you\s+(?:are|were)\s+|(?:is|was)\s+)?not\s+(?:yet\s+)?(?P<adj>[a-z][\w-]*)\s+enough"
                 r"(?:\s+(?P<rest>.+))?$", t, re.I)
    if m:  # "Not senior enough": said as a fact about this role, without the interviewer's bluntness
        adj = m.group("adj").lower()
        rest = f" {m.group('rest')}" if m.group("rest") else ""
        on = re.match(r"^(?:on|in|at|with|around)\s+(.+)$", m.group("rest") or "", re.I)
        # advice needs a skill to practise: "not strong enough on SQL" has one, "not senior enough" has none
        return [s.format(soft=f"not yet {adj} enough") + rest for s in G["too"]], (on.group(1) if on else "")
    m = re.match(r"^(?:you\s+)?(?P<verb>needed|took|relied on|leaned on|went|ran|rushed|guessed|hesitated|jumped|"
                 r"spent|gave|used|answered|talked|spoke)\s+(?P<rest>.+)$", t, re.I)
    if m and lex.gap_re.search(t):  # "needed prompting on the sizing": a past-tense account of the interview
        verb = m.group("verb").lower()
        return [s.format(verb=verb, rest=m.group("rest")) for s in G["did_not"]], ""  # no skill to practise
    m = re.match(r"^(?:you(?:'re|\s+are|\s+were)\s+)?(?:(?:a bit|bit|slightly|way|much|far|a little)\s+)?more\s+(?P<adj>[a-z][\w-]*)\s+"
                 r"than\s+(?:we|the role|this role|the team|the job)\s+(?:need|needs|needed|wanted|want|expected|were after)"
                 r"(?:\s+(?P<rest>.+))?$", t, re.I)
    if m and lex.gap_re.fullmatch(m.group("adj")):  # "more junior than we need for this level": said as "too junior"
        t = f"too {m.group('adj')}" + (f" {m.group('rest')}" if m.group("rest") else "")
    m = re.match(rf"^(?:you(?:'re|\s+are|\s+were)\s+)?{_INTENSIFIER}(?P<adj>{soft})\s+(?P<rest>for\s+.+)$", t, re.I)
    if m and _FOR_THE_ROLE.fullmatch(m.group("rest")):  # "junior for a senior analyst role": too junior for that role
        t = f"too {m.group('adj')} {m.group('rest')}"
    m = re.match(r"^(?:(?:a bit|bit|slightly|way|much|far)\s+)?too\s+(?P<adj>[\w-]+)(?:\s+(?P<rest>.+))?$", t, re.I)
    if m:
        adj = m.group("adj").lower()
        softened = lex.soft.get(f"too {adj}") or lex.soft.get(adj) or f"more {adj} than this role needs"
        rest = f" {m.group('rest')}" if m.group("rest") else ""
        # advice needs a skill: "too slow on SQL" practises SQL; "too junior" names none ("Time spent on junior")
        on = re.match(r"^(?:on|in|at|with|around|when)\s+(.+)$", m.group("rest") or "", re.I)
        if on and _WHEN_ONLY.fullmatch(m.group("rest")):
            on = None  # "too theoretical at times": when, not what to practise ("experience with times")
        # ("For this role, you were more theoretical than this role needs": the role said once)
        lines = [s.format(soft=softened) for s in G["too"] if not ("this role" in softened and "this role" in s)] or \
            [G["too"][0].format(soft=softened)]
        for_what = _FOR_THE_ROLE.fullmatch(m.group("rest") or "")
        if for_what and not for_what.group("kind"):  # "too junior for this level", "too salesy for us": the role itself
            return lines, ""
        if for_what and "this role" in softened:  # "too salesy for a finance role": that role, said once
            return [lines[0].replace("this role", for_what.group("kind"))], ""
        return [line + rest for line in lines], (on.group(1) if on else "")
    m = re.fullmatch(rf"(?:a\s+)?{_INTENSIFIER}(?P<adj>{soft})(?:\s+(?:overall|in places|at times|throughout))?", t, re.I)
    if m and r.topic:  # "Comms 3/5, a bit rambling": the label's topic
        softened = lex.soft.get(m.group("adj").lower(), m.group("adj"))
        return [f"{_your(r.topic)} was {softened}"], r.topic
    if m and len(t.split()) > 1:
        # "a bit hesitant", "rough around the edges", "overconfident at times": how the candidate came across,
        # said only where the softened words fit a person ("less confident than this role needs")
        softened = lex.soft.get(m.group("adj").lower(), m.group("adj"))
        if re.search(r"than (?:this role needs|we'd expect at this level|we needed|your answers supported)$", softened):
            return [f"you were {softened}" + t[m.end("adj"):]], ""
    m = re.match(rf"^{_INTENSIFIER}(?P<adj>{soft})[\s,]+(?P<topic>.+)$", t, re.I)
    if m and lex.gap_re.search(m.group("topic")):
        m = None  # "average handle time too high": a measure named, with its own verdict, not an average topic
    if m and "," in t[m.end("adj"):m.start("topic")] and _acts(m.group("topic")):
        # "very quiet, had to pull answers out of him": what happened after the comma, never a topic ("Your had to …")
        softened = lex.soft.get(m.group("adj").lower(), m.group("adj"))
        if re.search(r"than (?:this role needs|we'd expect at this level|we needed|your answers supported)$", softened):
            return [f"you were {softened}"], ""
        m = None
    if m:
        topic = m.group("topic").strip(" ,")
        softened = lex.soft.get(m.group("adj").lower(), m.group("adj"))
        if re.match(r"(?i)(?:when|whenever|while|under|during|once|if|after|before|to|at|in|on|around|with|about|"
                    r"for)\b", topic):
            # "Bit hesitant when challenged on assumptions", "slow to get to the answer": how the candidate was, not
            # a topic ("Your when challenged … was …")
            return [f"you were {softened} {topic}"], ""
        place = _untidy_place(topic, m.group("adj"), softened, lex)
        if place:  # "messy station": the place left untidy
            return _topic_sentences(G["topic_adj"], place[1], soft=place[0]), place[1]
        # "overcooked the fish": the thing the deed was done to, no skill to practise ("experience with the fish")
        return _topic_sentences(G["topic_adj"], topic, soft=softened), (
            "" if m.group("adj").lower().endswith("ed") and _THE_THING.match(topic) else topic)
    m = re.match(rf"^(?P<topic>.+?)\s+(?:(?:was|were|is|are|seemed|felt|looked|got|came across as)\s+)?"
                 rf"{_INTENSIFIER}(?P<adj>{soft})(?:\s+(?:overall|in places|at times|throughout)"
                 rf"|\s+(?P<when>(?:when|once|under|during|whenever)\s+.+)"
                 rf"|\s+(?P<on>(?:on|in|around|re|regarding)\s+.+))?$", t, re.I)
    if m and m.group("topic").lower() in _NO_HEAD | {"a", "bit", "a bit", "little", "a little"}:
        m = None  # "a bit rambling", "maybe overconfident": a degree or a hedge, not a topic
    if m:
        topic = m.group("topic")
        softened = lex.soft.get(m.group("adj").lower(), m.group("adj"))
        if m.group("when"):  # "behaviour management wobbly when the group got loud"
            softened = f"{softened} {m.group('when')}"
        # "Python weak on pandas": said of your Python on pandas, the part the note judged; Python is practised
        said = f"{topic} {m.group('on')}" if m.group("on") else topic
        if re.match(r"^you\b", topic, re.I):  # "you were weak on SQL": SQL is practised, not "you"
            return [f"you were {softened}" + said[3:]], (m.group("on").split(None, 1)[1] if m.group("on") else topic)
        place = None if m.group("on") else _untidy_place(topic, m.group("adj"), lex.soft.get(m.group("adj").lower(), ""), lex)
        if place:  # "station messy (during service)": the place left untidy
            when = f" {m.group('when')}" if m.group("when") else ""
            return _topic_sentences(G["topic_adj"], place[1], soft=place[0] + when), place[1]
        if m.group("adj").lower() in ("slow", "too slow"):  # "Good SQL, but slow": practice for speed, not more SQL
            topic = Speed(topic)
        elif m.group("adj").lower() in _AMOUNT and not m.group("on") and _names_a_tool(topic, lex):
            said = f"{topic} experience"  # "K8s limited": how much of it you have had, not "Your Kubernetes was limited"
        return _topic_sentences(G["topic_adj"], Speed(said) if isinstance(topic, Speed) else said, soft=softened), topic
    if _heading_only(t, lex):
        # a gap only by its heading ("Concerns: stakeholder mgmt"): the skill named, as a skill to build
        return about("weak_on", t)
    m = _THING_TOO.match(t.strip(" .!"))
    if m:  # "milk too hot", "grout too thick": the thing made, as it came out (no skill named to practise)
        topic = re.sub(r"(?i)^your\s+", "", m.group("topic"))
        return [f"{_your(topic)} {'were' if _plural(topic) else 'was'} too {m.group('adj').lower()}"], ""
    m = _RAN_LONG.match(t.strip(" .!"))
    if m:  # "presentation ran long", "Job talk ran 15 min over": the work ran over its time
        topic = m.group("topic")
        if m.group("by"):
            by = re.sub(r"(?i)\s*(?:min(?:ute)?s?|mins?)$", " minutes", re.sub(r"(?i)^by\s+", "", m.group("by")))
            said = f"{_your(topic)} ran {by} over time"
        else:
            said = f"{_your(topic)} ran {(m.group('deg') or '').lower() + ' ' if m.group('deg') else ''}longer than planned"
        return [said + (f" {m.group('where')}" if m.group("where") else "")], ""
    m = _MISHAP.match(t.strip(" .!"))
    if m:  # "dropped two cups during the trial shift": what happened, not "the panel noted that you dropped …"
        what = re.sub(r"(?i)^(?:her|his|their)\s+", "your ", m.group("what"))
        return [f"you {m.group('verb').lower()} {what}"], ""
    # no pattern knew the remark: say it as noted, but it names no skill to practise ("froze at the whiteboard")
    t = _noted_fragment(t, lex) or t
    return ([s.format(fragment=t) for s in G["fallback"]] if fallback else []), ""


# an amount, not a quality: said of a tool, it is the experience with the tool that is limited ("K8s limited")
_AMOUNT = frozenset(("limited", "thin", "light", "narrow"))


def _names_a_tool(topic: str, lex: Lexicon) -> bool:
    """Whether `topic` is only the name of a software tool or language ("Kubernetes", "SQL", "Docker", "Next.js"):
    a term of the lexicon, or a word no dictionary knows; not work one makes ("portfolio", "code")."""
    return bool(" " not in topic and _SOFTWARE_NAME.search(topic) or (lex.solo_practice.fullmatch(topic) and (
        topic.lower() in lex.proper or not is_known_word(topic.lower()))))


# the object of a deed in the interview ("missed the competitor angle", "overcooked the fish"): one thing, no skill
_THE_THING = re.compile(r"(?i)the\s+(?!(?:basics|fundamentals|principles|concepts?|theory|methods?|process)\b)")
_GAP_REASON = re.compile(r"(?i)\s{1,40}(?:(?:because|since|given(?: that)?|as)\s+(?:you\s+|she\s+|he\s+|they\s+)?(?:only|never|"
                         r"mostly|mainly|just|all|no|not|hasn't|haven't|has only|have only|had only|worked|used|been)\b.*|"
                         r"for\s+(?:a|an|this|the|our)\s+(?:[\w-]+\s+)?(?:role|position|level|job|post|grade))$")
_WHEN_ONLY = re.compile(r"(?i)(?:at|in|on)\s+(?:times|first|the start|the end|places|parts|points|the beginning|"
                        r"the outset|occasions|the day)")
# what a "too …" is measured against: the role itself ("for this level", "for the role", "for us"), said already by
# "than this role needs", or a kind of role ("for a finance role", "for a client-facing job")
_FOR_THE_ROLE = re.compile(r"(?i)for\s+(?:(?:this|the|our|that)\s+(?:role|level|position|job|post|grade|team|stage|"
                           r"seniority|band)|us|here|now|this|the team|our team|what we need|what we're after|"
                           r"(?P<kind>(?:a|an)\s+[\w&/-]+(?:\s+[\w&/-]+){0,2}\s+(?:role|position|job|post|team)))")
# words that cannot open what "the panel noted …" says: an adverb, a negation or a degree with no head of its own
# ("noted not", "noted only just", "noted very green")
_NO_HEAD = frozenset("not yet only just barely hardly very too so quite rather maybe perhaps possibly probably also still "
                     "even really more less bit somewhat slightly fairly pretty kinda definitely clearly overall "
                     "otherwise though although but and or nor super extremely incredibly genuinely truly highly".split())
_OWN_VERB = re.compile(r"(?i)(?P<verb>needs|lacks|has|knows|tends|seems|relies|requires|wants|prefers|talks|goes|gets)\s+(?=\S)")
_HAVE_DONE = re.compile(r"(?i)(?:only|mostly|mainly|just|always|never|largely|previously)\s+(?:[a-z]+ed|been|done|worked|had|"
                        r"led|run|built|seen|used|managed|known)\b")
_CLAUSE = re.compile(r"^(?P<subj>(?!(?:you|it|this|that|there|he|she|they|we|i)\b)[A-Za-z][\w/&+#'-]*(?:\s+[\w/&+#'-]+){0,3}?)\s+"
                     r"(?P<verb>was|were|is|are|seemed|looked|felt|had|has)\s+\S", re.I)


def _noted_fragment(t: str, lex: Lexicon) -> str | None:
    """What "the panel noted …" can say of a remark no pattern phrased: a subjectless verb phrase gets "that you"
    ("might struggle …", "failed the Python test", "Needs another 2 years …", "only worked at startups"), a clause
    gets "that" and the candidate's work ("Slides were cluttered" -> "that your slides were cluttered"). None when
    the fragment has no head to note ("Not", "only just", "very green"): better dropped than said."""
    t = t.strip()
    words = t.split()
    if not words:
        return None
    first = words[0].lower()
    m = _SUBJECTLESS.match(t)
    if m:  # "might struggle with large groups" -> "... noted that you might struggle with large groups"
        return "that you " + m.group().lower() + t[m.end():]
    if _PAST_LEAD.match(t):  # "Failed the Python test" -> "... noted that you failed the Python test"
        return "that you " + t[:1].lower() + t[1:]
    m = _OWN_VERB.match(t)
    if m:  # "Needs another 2-3 years before a manager role" -> "that you need another …"
        return "that you " + _agree(lex, m.group("verb").lower()) + " " + t[m.end():]
    if _HAVE_DONE.match(t):  # "only worked at startups" -> "that you have only worked at startups"
        return "that you have " + t[:1].lower() + t[1:]
    m = _CLAUSE.match(t)
    if m and m.group("subj").lower() not in lex.pronouns:  # "Slides were cluttered" -> "that your slides were cluttered"
        subj = _uncap(m.group("subj"), lex)
        subj = subj[:1].lower() + subj[1:] if re.fullmatch(r"[A-Z][a-z]+(?:\s.*)?", subj) and \
            subj.split()[0].lower() not in lex.proper and is_known_word(subj.split()[0].lower()) else subj
        return "that " + _your(re.sub(r"(?i)^the\s+", "", subj)) + t[m.end("subj"):]
    if re.match(r"(?i)(?:only|just)\s+(?:\d|one|two|three|four|five|a few|a couple|a handful|a single)\b", t):
        return t  # "only 1 publication": a count, and a noun phrase
    if first not in _NOT_PAST and (re.fullmatch(r"[a-z]{3,}ed", first) or first in _PAST_IRREGULAR) and len(words) > 1:
        return "that you " + t[:1].lower() + t[1:]  # "made the cut, but only just"
    if first in _NO_HEAD or len(words) == 1 and not re.search(r"[A-Z]{2}|\d", t):
        return None
    return t


# a note that starts with a verb that agrees with "you" and has no subject of its own
_SUBJECTLESS = re.compile(r"(?:may|might|could|would|will|can|cannot|can't|won't|wouldn't|couldn't|should|"
                          r"shouldn't|didn't|did not|struggled|seemed|needed|tended|lost|missed|forgot|ran)\b", re.I)


# a quality of the work named by one mass noun ("accessibility", "security", "internationalisation"): no article
_QUALITY_NOUN = re.compile(r"(?i)[a-z]+(?:ility|urity|ivity|isation|ization)")


def _the_topic(topic: str) -> str:
    t = topic.strip()
    if re.match(r"^(?:the|a|an|your|this|that|these|those|some|all|each|every|both|no)\b", t, re.I) \
            or _QUALITY_NOUN.fullmatch(t):
        return t
    return "the " + t


def advice_variants(r: Remark, lex: Lexicon, fallback: bool = True) -> list[str]:
    t = _the(r.text.strip().rstrip("?"))
    A = lex.templates["advice"]
    m = re.match(r"^(?:you\s+)?(?:would|could|might)\s+benefit\s+from\s+(?P<rest>.+)$", t, re.I)
    if m:
        return [_sentence(s.replace("{Rest}", _cap(m.group("rest"))).format(rest=m.group("rest"))) for s in A["benefit"]]
    m = re.match(r"^(?:you\s+)?(?:should|could|might want to|needs? to|ought to)\s+(?P<rest>.+)$", t, re.I)
    if m:
        return [_sentence(s.format(rest=m.group("rest"))) for s in A["should"]]
    m = re.match(r"^(?:recommend(?:ed)?|suggest(?:ed)?|consider)\s+(?P<rest>.+)$", t, re.I)
    if m:
        rest = m.group("rest")
        if _COURSE.search(rest) and not _DETERMINER_START.match(rest):  # "supervisor training program": a course
            rest = f"{_article(rest)} {rest}"
        return [_sentence(s.format(rest=rest)) for s in A["recommend"]]
    m = re.match(r"^(?:try|work on|practi[cs]e|learn|brush up on|read up on|take a|get certified|focus on)\b.*$", t, re.I)
    if m:
        rest = t[0].lower() + t[1:]
        return [_sentence(s.format(rest=rest)) for s in A["imperative"]]
    return [_sentence(s.format(fragment=t)) for s in A["fallback"]] if fallback else []


_TOPIC_VERB = re.compile(r"^(explain|describe|write|design|build|walk through|answer|outline|calculate|define|name|use|"
                         r"apply|handle|estimate|model|test|debug|code|implement|optimi[sz]e|articulate|justify|"
                         r"prioriti[sz]e|structure|close|sell|negotiate|manage|lead|run|present|give|provide|discuss|"
                         r"compare|identify|set up|deploy|configure|read|interpret|analy[sz]e|quantify|size|price|"
                         r"plan|scope|break down|communicate|simplify|summari[sz]e|defend|ask|check|consider|"
                         r"mention|cover|address|follow|finish|complete|reconcile|draft|review|diagnose|triage|"
                         r"document|escalate|de-escalate|engage|manage|coach|teach|handle)\b\s*(.*)$", re.I)


_STRESSED_MIT = re.compile(r"(?<!li)(?<!vo)mit$")  # "submit", "commit", "admit" double the t; "limit", "vomit" do not


def _gerund(verb: str) -> str:
    v = verb.lower()
    if " " in v:
        head, tail = v.split(" ", 1)
        return _gerund(head) + " " + tail
    if v.endswith("ie"):
        return v[:-2] + "ying"
    if v.endswith("e") and not v.endswith(("ee", "ye", "oe")):
        return v[:-1] + "ing"
    # one short vowel before one consonant doubles it, whatever the consonants before ("stopping", "stripping",
    # "scrubbing"; "forgot to strip the lower leaves" gave "striping"); "submitting"
    if re.fullmatch(r"[^aeiou]*[aeiou][bdgmnprt]", v) or _STRESSED_MIT.search(v):
        return v + v[-1] + "ing"
    return v + "ing"


_ALTERNATIVE_VERB = re.compile(r"^\s*/\s*(?P<verb>[a-z]{2,})\b")


def gerund_alternatives(rest: str) -> str:
    """The rest of a step whose verb was made a gerund, with a second verb offered after a slash made one too
    ("publish / present at conferences more" -> "publishing or presenting at conferences more", not "publishing /
    present at …")."""
    m = _ALTERNATIVE_VERB.match(rest)
    return f"or {_gerund(m.group('verb'))}{rest[m.end():]}" if m else rest


class VerbPhrase(str):
    """A gap's topic that is what the candidate did not do ("uncover the budget"), its verb in the base form."""


class Speed(str):
    """A gap's topic where the gap was speed ("slow on the case study", "Good SQL, but slow"): advice is about
    working faster, not more of the topic."""


class Workspace(str):
    """A gap's topic that is the place the candidate worked at in a trial, left untidy ("station messy"): advice is
    about keeping it tidy, not more experience with it."""


# what a place left untidy is called in the notes; said as "less tidy", not "harder to follow" (code, answers)
_UNTIDY = frozenset(("messy", "a mess", "untidy", "disorganised", "disorganized", "sloppy"))


def _untidy_place(topic: str, adj: str, softened: str, lex: Lexicon) -> tuple[str, str] | None:
    """(softened words, topic) for a workspace judged untidy ("station messy" -> "less tidy than this role needs",
    Workspace("station")) or a piece of handiwork ("pointing messy", practised as it is); None for anything else
    ("code messy" stays "harder to follow")."""
    if adj.lower() not in _UNTIDY:
        return None
    topic = re.sub(r"(?i)^(?:your|the)\s+", "", topic.strip())
    if lex.workspace.fullmatch(topic):
        return lex.soft.get("untidy", softened), Workspace(topic)
    # ("wiring sloppy" stays "less careful": there the word is about care, not looks)
    return (lex.soft.get("untidy", softened), topic) if lex.handiwork.fullmatch(topic) and adj.lower() != "sloppy" \
        else None


# a part of the process, not a skill to practise ("the case study", "the SQL task" -> SQL)
_PROCESS_PART = re.compile(r"(?i)^(?:(?:the|your|this|that|a|an)\s++)?(?P<skill>.*?)\s{0,40}+\b(?:case stud(?:y|ies)|tests?|tasks?|"
                           r"exercises?|assessments?|rounds?|questions?|interview|role-?play|take-home|whiteboard|screen|"
                           r"quiz|drill|simulation|scenario)(?:\s+(?:\d+|[A-F]))?$")  # ("task 2", "exercise B")


# verbs that are no skill to practise: "didn't have a portfolio", "couldn't make the Tuesday slot"
_NOT_PRACTISED = frozenset("have be know want need like seem own hold get make come go attend reply respond bring wear "
                           "show turn hear see".split())


# qualities seen in the interview, not skills or experience to gain ("lacks confidence", "lacks presence")
_AWARENESS = re.compile(r"(?i)(?:awareness|acumen|sense|judge?ment|instinct)$")
_TRAIT = re.compile(r"(?i)(?:(?:some|the|enough|real|more)\s+)?(?:confidence|self-confidence|presence|gravitas|polish|"
                    r"ownership|initiative|accountability|urgency|attention to detail|"
                    r"energy|enthusiasm|drive|passion|assertiveness|maturity|seniority|executive presence|"
                    r"leadership presence|conviction|authority|charisma|warmth|curiosity|ambition|motivation|"
                    r"(?:commercial|business|client|customer|political|self-|situational|market)\s*(?:awareness|"
                    r"acumen|sense|judgement|judgment|instinct))")


_ED_ADJECTIVES = frozenset("embedded distributed automated integrated applied regulated structured unstructured "
                           "supervised unsupervised connected reinforced".split())


_WHERE_IN_PROCESS = re.compile(r"(?i)(?<=\w)\s+(?:on|in|during|at)\s+(?:the\s+|your\s+|this\s+|that\s+)?(?:[\w/&+#'-]+\s+){0,3}?"
                               r"(?:practical|case stud(?:y|ies)|tests?|tasks?|exercises?|assessments?|rounds?|interview|"
                               r"role-?play|take-home|whiteboard|screen|quiz|drill|simulation|trial(?: shift)?)"
                               r"(?:\s+(?:\d+|[A-F]))?$")
_ANSWERS = re.compile(r"(?i)(?:(?:the|your)\s+)?(?P<about>(?:[\w-]+\s+){0,3}?)(?:answers?|responses?|replies)")
# what answers may be said to be of without naming a skill ("case study answers", "interview answers")
_NO_SKILL_ABOUT = re.compile(r"(?i)(?:(?:case study|interview|panel|presentation|role-?play|written|verbal|behavioural|"
                             r"behavioral|competency|situational|scenario)(?:\s+question)?)?")
_SOFTWARE_NAME = re.compile(r"(?i)\w\.(?:js|ts|net|io|py)\b|\b(?:asp|ado)\.net\b")  # "Next.js", "ASP.NET"


# what the candidate has of a field, named after it ("site experience", "AWS exposure", "KYC knowledge", "counselling
# skills"): advice is to gain more of it or to build it
_OWNED_SKILL = re.compile(r"(?i)(?=\S+\s)[\w/&+#.' -]+?\s(?P<what>experience|exposure|knowledge|skills)")


# what the candidate knows of a field, named after it ("product knowledge", "SQL understanding")
_KNOWLEDGE_OF = re.compile(r"(?i)(?:(?:your|the)\s+)?(?P<field>(?!(?:no|any)\s)\S.*?\s(?:knowledge|understanding))")


# a way of speaking, named by its verb ("talking", "speaking", "presenting"): practised, not experienced
_TALKING = re.compile(r"(?i)(?:talk|speak|present|explain|negotiat|pitch)ing")


def _advice_from_gap(topic: str, lex: Lexicon) -> list[str]:
    """Advice sentences that follow from a gap's topic ("explain CAP theorem" -> practice explaining it)."""
    verb_phrase = isinstance(topic, VerbPhrase)
    speed = isinstance(topic, Speed)
    place = isinstance(topic, Workspace)
    topic = re.sub(r"^your\s+", "", (topic or "").strip(), flags=re.I)  # practise SQL, not "your SQL"
    topic = _COUNT_TAIL.sub("", topic)  # how often it happened is no part of it ("signing the MAR chart", not "… twice")
    topic = re.sub(r"(?i)^the\s+(?=[a-z]+ing$)", "", topic)  # "average on the coding": practise coding
    # where in the interview it showed is no part of what to practise ("wire a 3-way switch on the practical")
    topic = _WHERE_IN_PROCESS.sub("", topic) or topic
    said = _ANSWERS.fullmatch(topic)
    if said and not speed and _NO_SKILL_ABOUT.fullmatch(said.group("about").strip()):
        # "answers were vague", "case study answers were generic": no skill named, the answers want examples
        return [_sentence(s) for s in lex.templates["advice"]["specific"]]
    # "answers on testing strategy", "data cleaning approach": the skill the answers or the approach show
    topic = re.sub(r"(?i)^(?:(?:the|your)\s+)?(?:answers?|responses?|questions|thinking|knowledge|understanding|grasp)\s+"
                   r"(?:on|about|around|of|to|re)\s+(?=\S)|\s+(?:approach|process|method|depth)$|"
                   # ... and what the answers were about ("SQL answers" practise SQL)
                   r"(?<=\w)(?<!\bof)\s+(?:answers?|responses?|replies)$|"
                   # ... and not when it showed ("mentioning key achievements till prompted")
                   r"\s+(?:till|until|unless|without being)\s+(?:prompted|asked|pushed|probed)$", "", topic)
    topic = re.sub(r"(?i)(?<=\w)\s+examples$", " work", topic)  # "campaign examples": the campaign work they show
    part = _PROCESS_PART.match(topic) if not verb_phrase else None
    if part:  # "the case study" is no skill; "the SQL task" practises SQL; "the group exercise" names none
        topic = part.group("skill").strip()
        if topic and not (lex.solo_practice.search(topic) or lex.proper_re.search(topic)):
            return []
    if place:
        return [_sentence(s.format(topic=topic)) for s in lex.templates["advice"]["tidy"]]
    if speed:
        A = lex.templates["advice"]
        return [_sentence(s.format(topic=topic)) for s in A["speed"]] if topic else [_sentence(A["speed_task"][0])]
    # ("Q2 and Q3", "answer Q3" is a part of the interview, "you" no topic)
    if not topic or len(topic.split()) > 9 or _QUESTIONS_ONLY.fullmatch(topic) or _NOT_A_TOPIC.fullmatch(topic) or (
            verb_phrase and _QUESTIONS_ONLY.fullmatch(topic.partition(" ")[2].strip())) or (
            _TRAIT.fullmatch(topic) and not _AWARENESS.search(topic)):
        return []  # (a quality seen in the interview, "confidence", is no experience to gain; "commercial awareness" is)
    first = topic.split()[0].lower()
    if not verb_phrase and (first in _PAST_IRREGULAR or (
            len(first) > 4 and first.endswith("ed") and first not in _NOT_PAST and first not in _ED_ADJECTIVES)):
        return []  # "managed more than 3 people": no practice "with managed …"
    if verb_phrase:  # "really probe the budget": the adverb goes, the verb is practised
        topic = re.sub(r"^(?:(?:really|even|fully|clearly|properly|actually|quite|always|ever|yet|once|"
                       r"consistently|\w+ly)\s+)+", "", topic, flags=re.I) or topic
    if verb_phrase and not _TOPIC_VERB.match(topic):
        verb, _, rest = topic.partition(" ")
        if verb.lower() in _NOT_PRACTISED or not re.fullmatch(r"[a-z]{2,}", verb):
            return []
        return [_sentence(s.format(gerund=(_gerund(verb) + " " + rest).strip()))
                for s in lex.templates["advice"]["from_gap_verb"]]
    m = _TOPIC_VERB.match(topic)
    if m and not verb_phrase and re.match(r"(?:[a-z]+ing|skills?|abilit(?:y|ies)|knowledge|experience)\b", m.group(2) or ""):
        m = None  # "design thinking", "test writing", "design skills": a noun naming a skill, no verb to practise
    if m:  # ("structure of answers": structuring answers)
        phrase = _gerund(m.group(1)) + (" " + re.sub(r"^of\s+", "", m.group(2)) if m.group(2) else "")
        return [_sentence(s.format(gerund=phrase)) for s in lex.templates["advice"]["from_gap_verb"]]
    held = held_advice(topic)
    if held:  # "a reach-truck licence": getting one, not "hands-on experience with" it ("a paper ...": writing one)
        return [_sentence(f"{held} would make a future application much stronger.")]
    from .rules import _KNOWN, _doing

    if _doing(topic):  # "presenting to senior stakeholders": more practice presenting to them, not "experience with" it
        return [_sentence(s.format(gerund=topic)) for s in lex.templates["advice"]["from_gap_verb"]]
    if re.match(r"(?i)an?\s", topic):  # "a clear plan for stakeholder communication": one to develop
        return [_sentence(f"developing {topic} would make a future application much stronger.")]
    if _KNOWN.match(topic) and not _DETERMINER_LEAD.match(topic):
        # "commercial awareness", "knowledge of GDPR": built, not "hands-on experience with commercial awareness"
        return [_sentence(s.format(topic=topic)) for s in lex.templates["advice"]["from_gap_knowledge"]]
    owned = _OWNED_SKILL.fullmatch(topic)
    if owned:  # "site experience", "KYC knowledge": more of it, not "hands-on experience with site experience"
        key = "from_gap_experience" if owned.group("what").lower() in ("experience", "exposure") else "from_gap_knowledge"
        return [_sentence(s.format(topic=topic)) for s in lex.templates["advice"][key]]
    # a side project suits a skill one can practise alone (software, data, design, writing, a tool named like
    # "Next.js"); not stock control; a way of working ("handover") is practised at work
    way = lex.practice.fullmatch(topic)
    key = "from_gap" if lex.solo_practice.search(topic) or _SOFTWARE_NAME.search(topic) else \
        "from_gap_practice" if way else "from_gap_neutral"
    if key == "from_gap_practice":
        topic = way.group("what")
    if key == "from_gap_neutral" and _TALKING.fullmatch(topic):
        # "better at listening than talking": practice at talking, not "hands-on experience with talking"
        return [_sentence(s.format(gerund=topic.lower())) for s in lex.templates["advice"]["from_gap_verb"]]
    return [_sentence(s.format(topic=_listed(topic))) for s in lex.templates["advice"][key]]


_DETERMINER_LEAD = re.compile(r"(?i)(?:an?|the|your|their|some|any)\s")
# one thing the candidate makes, named without its article in the notes ("no clear plan for stakeholder comms", "no
# realistic budget"): "a clear plan", and developed, not "hands-on experience with clear plan"
_ARTIFACT = re.compile(r"(?i)^(?!(?:an?|the|your|their|some|any|more|much|enough)\s)(?:[a-z][\w-]*\s+){0,2}"
                       r"(?:plan|strategy|budget|roadmap|rationale|timeline|business\s+case|hypothesis|narrative)"
                       r"(?:\s+(?:for|of|to|on|around)\s+\S.*)?$")


# which relationship line says most: a named opening with a time, a named opening, a person or team to
# be introduced to, a time to follow up, an invitation to re-apply, a wish to stay in touch
_LINE_RANK = {"opening_time": 0, "opening": 1, "refer": 2, "follow_up": 3, "reapply": 4, "keep_in_touch": 5}


def relationship_line(remarks: list[Remark], lex: Lexicon,
                      context: dict | None = None) -> tuple[str | None, Remark | None]:
    """A tentative, specific relationship line (never a promise): from the next-step remark that says
    most ("2 analyst roles in Q1" before "apply again"), else from the context's upcoming opening."""
    lines = [(_LINE_RANK[kind], i, line, r) for i, r in enumerate(remarks) if r.kind == "next_step"
             for kind, line in [_next_step_line(r, lex)]]
    if lines:
        rank, i, line, r = min(lines, key=lambda x: x[:2])
        if rank == _LINE_RANK["refer"] and not lex.ns_time.search(r.text):
            # "Pass CV to the analytics team, hiring in Jan": the time said beside the referral goes with it
            timed = [o for o in remarks[i + 1:i + 3] if o.kind == "next_step" and lex.ns_time.search(o.text)
                     and not lex.ns_refer.search(o.text)]
            if timed:
                r = Remark(f"{r.note} {timed[0].note}", f"{r.text}, {timed[0].text}", "next_step")
                line = _next_step_line(r, lex)[1]
        return line, r
    from .rules import _clean, _first

    opening = _clean(_first((context or {}).get("upcoming_openings")))
    if opening:
        R = lex.templates["relationship"]
        phrase = opening_phrase(opening)
        time = _time_phrase(_clean(_first((context or {}).get("timeframe"))) or "")
        if time:
            return _sentence(R["opening_time"][0].format(role_phrase=phrase, time=time)), None
        return _sentence(R["opening"][0].replace("{Role_phrase}", _cap(phrase))), None
    return None, None


_DETERMINER_START = re.compile(r"(?i)(?:a|an|the|our|one|two|three|four|five|several|some|a few|\d+)\b")
_ROLE_NOUN = re.compile(r"\b(?:roles?|positions?|openings?|vacanc(?:y|ies)|posts?|jobs?|schemes?|programmes?|"
                        r"programs?|internships?|placements?|apprenticeships?)\b", re.I)


def opening_phrase(opening: str) -> str:
    """An upcoming opening as a phrase that can lead a sentence: one that names its role noun is used as written
    ("two analyst roles in Leeds", "a platform team role"); a bare title gets one ("Junior Data Analyst" -> "a
    Junior Data Analyst role"), and an intake or team a place in it ("September intake" -> "a place in our
    September intake")."""
    if not _ROLE_NOUN.search(opening):
        return _role_phrase(re.sub(r"^(?:a|an|the|our|one)\s+", "", opening, flags=re.I))
    if _DETERMINER_START.match(opening) or re.search(r"(?i)\b(?:roles|positions|openings|vacancies|posts|"
                                                     r"jobs|places|internships)\b", opening):
        return opening
    return f"{_article(opening)} {opening}"  # "Data Engineer position" -> "a Data Engineer position"
# a timeframe that already reads after a role: it starts with a preposition or a time word ("within 3
# months", "after Easter", "next year", "soon", "maybe in the new year"); any other gets "in" ("September",
# "the spring", "6-8 weeks", "Q1 2027")
_TIME_LEAD = re.compile(r"(?i)(?:in|on|at|by|from|within|after|before|around|during|over|until|till|next|this|"
                        r"later|soon|early|late|mid|sometime|some time|once|when|as soon|maybe|perhaps|possibly|"
                        r"hopefully|probably|shortly|towards?|throughout|later)\b")


def _time_phrase(time: str) -> str:
    """A timeframe as it reads after the role ("September" -> "in September"; "soon", "within 3 months",
    "after Easter", "next year" as they are)."""
    if _NEXT_ROUND.fullmatch(time):  # "next intake": for the next intake (not "get back in touch next intake")
        return "for the " + time
    return time if not time or _TIME_LEAD.match(time) else "in " + time


_NEXT_ROUND = re.compile(r"(?i)next\s+(?:cohort|intake|batch|cycle|season)")


_ONCE_CANDIDATE = re.compile(r"(?i)(?<![\s,])\s*(?:,\s*)?\b(?:once|when|after|if|as soon as)\s+(?:she|he|they|you|the candidate)\b.*$")


def _next_step_line(r: Remark, lex: Lexicon) -> tuple[str, str]:
    """(kind, line) for one next-step remark; kind is a key of _LINE_RANK."""
    R = lex.templates["relationship"]
    text = r.text.rstrip("?").strip()
    tm = lex.ns_time.search(text)
    time = tm.group("time").strip() if tm else ""
    time = _time_phrase(time)
    if lex.ns_reapply.search(text):
        return "reapply", _sentence(R["reapply"][0].format(time=time or "in the future"))
    rm = lex.ns_refer.search(text)
    if rm:
        target = rm.group("target").strip()
        # "Kate Lim in Marketing Analytics": the team, not the colleague (no one else is named to the candidate)
        target = re.sub(r"^(?:[A-Z][a-z][\w'-]*\s+){1,2}(?:in|at|on|from)\s+(?=[A-Z])", "", target)
        if not re.match(r"^(?:the|our)\b", target, re.I):
            target = "our " + target
        if not re.search(r"\b(?:team|department|dept|group|desk|squad|lead|manager|head|studio|lab|practice|"
                         r"office|branch|store|site|unit|clinic|ward|function|hub|centre|center)\b", target, re.I):
            target += " team"
        if time:
            return "refer", _sentence(R["refer_time"][0].format(target=target, time=time))
        return "refer", _sentence(R["refer"][0].format(target=target))
    text = _NEXT_LEAD.sub("", text) or text
    # "a good fit in 2 yrs once she has more team lead exp": the condition is not the role
    text = _ONCE_CANDIDATE.sub("", text) or text
    rm = lex.ns_role.search(text)
    role = rm.group("role").strip() if rm else re.sub(
        r"^(?:(?:maybe|possibly|perhaps|consider(?:ing)?|for|good fit for|better fit for|fit for|ask again for|"
        r"keep on file for|keep in touch for|the|our|a|an)\s+)+", "", text, flags=re.I).strip()
    if role and role.lower() != text.lower() or rm:
        if time:
            role = re.sub(re.escape(tm.group("time").strip()), "", role, flags=re.I).strip()
        role = re.sub(r"^(?:(?:maybe|possibly|perhaps|consider(?:ing)?|for|to|the|our|a|an)\s+)+", "", role,
                      flags=re.I)
        loc = ""
        after = text[rm.end():] if rm else ""
        am = re.match(r"^\s+((?:in|at) [A-Z][\w-]*(?: [A-Z][\w-]*)*)", after)
        if am and not (time and time in am.group(1)):
            loc = " " + am.group(1)
        lm = re.match(r"^(.+?)\s+((?:in|at) [A-Z][\w-]*(?: [A-Z][\w-]*)*)$", role)
        if lm:
            role, loc = lm.group(1), " " + lm.group(2)
        phrase = _role_phrase(role) + loc
        if not role or re.fullmatch(r"(?:ask again|again|keep in touch|in touch)", role, re.I):
            if time:
                return "follow_up", _sentence(R["follow_up"][0].format(time=time))
            return "keep_in_touch", _sentence(R["keep_in_touch"][0])
        if time:
            return "opening_time", _sentence(R["opening_time"][0].format(role_phrase=phrase, time=time))
        return "opening", _sentence(R["opening"][0].replace("{Role_phrase}", _cap(phrase)))
    if time:
        return "follow_up", _sentence(R["follow_up"][0].format(time=time))
    return "keep_in_touch", _sentence(R["keep_in_touch"][0])


def _article(phrase: str) -> str:
    return "an" if re.match(r"^(?:[aeiouAEIOU]|[FHLMNRSX](?:[A-Z0-9&]|$|\s))", phrase) else "a"


_ROLE_LEAD = re.compile(r"^(?:.*\b(?:be|is|are|was|good|great|fit|suit|suits|suited|might|could|would|may|for|to|in|on|at|"
                        r"with|into|the|our|a|an|their|your|as)\s+)", re.I)


_OWN_DETERMINER = re.compile(r"^(?:another|one more|an?|the|our)\s+(?=\S)", re.I)


def _role_phrase(role: str) -> str:
    """"data analyst role" -> "a data analyst role"; "platform team" -> "a role on our platform team"."""
    role = re.sub(r"\b(?:instead|maybe|too|later|perhaps)\b", "", role, flags=re.I).strip(" ?,")
    # "possible analyst role": the hedge is the note's, and the line already says "may" ("a possible" would say it twice)
    role = re.sub(r"^(?:(?:possible|potential|possibly|probably|likely|poss|prob)\.?\s+)+", "", role, flags=re.I)
    # the role is what follows the last word of the note's own sentence: "be good for platform role" ->
    # "platform role", "might suit the platform team" -> "platform team"
    role = _ROLE_LEAD.sub("", role).strip()
    role = _OWN_DETERMINER.sub("", role)  # "another analyst role": the phrase gets its article below, not a second one
    words = role.split()
    if not words:
        return "a similar role"
    noun = words[-1].lower().rstrip("s") if len(words[-1]) > 3 else words[-1].lower()
    head = " ".join(words[:-1])
    if noun in ("team", "squad", "desk"):
        return f"a role on our {role}"
    if noun in ("dept", "department", "unit", "function", "practice", "group"):
        return f"a role in our {role}"
    if noun in ("programme", "program", "track", "cohort", "intake", "batch", "pool", "scheme", "rotation"):
        return f"a place in our {role}"
    if noun in ("store", "branch", "office", "site", "studio", "lab", "clinic", "ward", "plant", "centre", "center"):
        return f"a role at our {role}"
    if noun in ("role", "position", "job", "opening", "post", "vacancy", "slot", "shift", "contract"):
        return f"{_article(role)} {role}" if head else "a similar role"
    return f"{_article(role)} {role} role"


# ---- the whole step ------------------------------------------------------------------------------

SCREENED_FIELDS = ("strengths", "gaps", "advice", "upcoming_openings", "stage", "effort", "timeframe")
# gaps and advice that are facts about the candidate's situation, not something they could build on
_NOT_A_GAP = {
    "logistics": "it is logistics (availability, location, notice, work authorisation), not something the candidate "
                 "can work on; if it decided, say so plainly in the draft",
    "not_about_work": "it is about the candidate's life, not their work",
}


def quality_clause(strength: str) -> str | None:
    """A strength the recruiter wrote as a quality and what it showed in ("calm under pressure on the pass",
    "very patient with the residents") as a clause about the candidate ("you were calm under pressure on the
    pass"); None for anything else ("clean, well-tested pipeline code" is the candidate's work)."""
    lex = default_lexicon()
    m = re.match(rf"^{_INTENSIFIER}(?:{lex.praise_alt})\s+(?:with|at|in|on|around|under|about|when|for|during)\s+\S",
                 strength.strip(), re.I)
    return f"you were {_lower_first_word(strength.strip())}" if m else None


def _lower_first_word(s: str) -> str:
    return s[:1].lower() + s[1:] if re.match(r"[A-Z][a-z]", s) else s


# a topic that is only the person the gap is about ("you were rushed"): nothing to practise
_PRONOUN_TOPIC = re.compile(r"(?i)you|yourself|she|he|they|them|her|him|it|we|i|the candidate|candidate")


def gap_clause(gap: str) -> tuple[str, str] | None:
    """A gap the recruiter wrote as a judgement ("lacks Kafka experience", "weak on stakeholder mgmt",
    "needs more SQL") as a reason clause feedback drafting would write, and its topic; None for a noun
    phrase the suggestion templates take as it is ("production Kafka experience")."""
    lex = default_lexicon()
    r = classify(gap, None, lex)
    if r.kind != "gap":
        return None
    lines, topic = gap_variants(r, lex, fallback=False)
    if _PRONOUN_TOPIC.fullmatch(topic.strip()):  # "the panel felt you rushed": the candidate, not a topic to practise
        topic = ""
    return (lines[0], topic) if lines else None


def screen_context(context: dict | None, risk_engine=None) -> tuple[dict | None, list[str]]:
    """The context without the strengths, gaps, advice or openings that must never reach a candidate
    (a protected characteristic, another candidate, pay: what `draft_feedback` drops from notes), and a
    warning for each one left out. Suggestions are built from these fields word for word."""
    if not context or not any(context.get(k) for k in (*SCREENED_FIELDS, "interviewer_notes")):
        return context, []
    lex = default_lexicon()
    if risk_engine is None:
        from .rules import default_engine

        risk_engine = default_engine()
    terse = lex.terse_engine(risk_engine.risk_labels)
    own = own_name_words(str(context.get("candidate_name") or context.get("name") or ""))
    out, warnings = dict(context), []
    for key in SCREENED_FIELDS:
        values = context.get(key)
        if not values:
            continue
        kept = []
        for i, value in enumerate([values] if isinstance(values, str) else values):
            # a field is a sentence's worth: read it with its full stop, as patterns that need a word
            # after a number ("she is 58") see it in notes
            r = classify(value if value.rstrip()[-1:] in ".!?" else value.rstrip() + ".", None, lex, risk_engine,
                         terse)
            named = _NAMED_COMPARISON.match(value)
            if (named and _names_someone(named, own, lex)) or (
                    key in ("strengths", "gaps", "advice") and other_person(value, own, lex)):
                # "Jake had more Tableau experience", "SQL on par with Jake Miller" ("Priya's panel" is a stage)
                r = Remark(value, value, "dropped", "private", "private: compares a named person with the candidate")
            if r.category in ("risky", "private"):
                warnings.append(f"context.{key}[{i}] was not used in suggestions: {r.reason}.")
            elif key in ("gaps", "advice") and r.category in _NOT_A_GAP:
                # "needs visa sponsorship", "notice period is 3 months": no template can make a skill of it
                warnings.append(f"context.{key}[{i}] was not used in suggestions: {_NOT_A_GAP[r.category]}.")
            else:
                kept.append(value)
        out[key] = kept if not isinstance(values, str) else (kept[0] if kept else None)
        if key in ("stage", "effort", "timeframe") and not kept:  # a text field, used whole or not at all
            warnings[-1] = warnings[-1].replace(f"context.{key}[0]", f"context.{key}")
    notes = context.get("interviewer_notes")
    # the notes fill the fields left empty (rules.context_values): say what they lose
    if notes and not (out.get("strengths") and out.get("gaps") and out.get("upcoming_openings")):
        left = [r for r in parse_notes(str(notes), risk_engine=risk_engine, lex=lex, candidate=" ".join(own) or None)
                if r.category in ("risky", "private")]
        if left:
            kinds = sorted({r.reason.split(":", 1)[0].split(";")[-1].strip() for r in left})
            warnings.append(f"{len(left)} remark{'s' if len(left) > 1 else ''} in context.interviewer_notes "
                            f"{'were' if len(left) > 1 else 'was'} not used in suggestions ({', '.join(kinds)}).")
    return out, warnings


def _gaps_in_order(remarks: list[Remark]) -> list[Remark]:
    """The gaps, a middling rating ("SQL 3/5", "Excel skills avg") last: the softest gap is never the main reason."""
    return sorted((r for r in remarks if r.kind == "gap"), key=lambda r: bool(_MIDDLING.search(r.text)))


# what comes before the step itself in a piece of advice ("should", "we'd recommend", "would benefit from")
_STEP_LEAD = re.compile(r"(?i)^(?:(?:you|she|he|they)\s+)?(?:(?:we|i)(?:'d|\s+would)?\s+)?(?:should|could|might want to|"
                        r"may want to|needs? to|ought to|must|recommend(?:ed|s)?|"
                        r"suggest(?:ed|s)?|consider)\s+(?:(?:that\s+)?(?:you|she|he|they)\s+(?:should\s+)?)?")
# a step taken with a named person ("shadow Priya", "learn from Dev"): a colleague, or another candidate
_WITH_SOMEONE = re.compile(r"\b(?:shadow(?:ing)?|ask|call|contact|meet|email|(?:speak|talk|chat|reach out|listen)\s+to|"
                           r"learn\s+from|work\s+(?:alongside|with)|pair\s+(?:up\s+)?with|sit\s+(?:in\s+)?with)"
                           r"(?:\s+[A-Za-z]+){0,2}?\s+(?P<name>[A-Z][a-z]+)\b")  # ("ask Mgr Tom", "Eng lead Raj")
_MODAL_LEAD = re.compile(r"(?i)^(?:(?:you|she|he|they)\s+)?(?:should|could|might want to|may want to|needs? to|"
                         r"ought to|must)\s+")
_BENEFIT_FROM = re.compile(r"(?i)^(?:(?:you|she|he|they)\s+)?(?:would|could|might)\s+benefit\s+from\s+")
# a step that is a course to complete ("supervisor training program", "a setting-out course")
_COURSE = re.compile(r"(?i)\b(?:course|training|programme|program|certification|qualification|refresher|workshop|"
                     r"module|diploma|apprenticeship)s?(?:\s+(?:on|in|for)\s+[^,;]+)?$")
# a qualification by its body and level ("CFA level 1", "AAT level 3", "CIPD L5", "level 2 NVQ"): one to work towards
_QUALIFICATION = re.compile(r"(?:(?:the|an?)\s+)?(?:[A-Z]{2,6}(?:\s+[A-Z][a-z]+){0,2}\s+(?i:level|lvl|l|part|paper)\s*\d{1,2}|"
                            r"(?i:level|lvl)\s*\d{1,2}\s+[A-Z]{2,6})(?:\s+(?i:qualification|exams?|certificate|award))?")
# a development step written as a bare instruction, with no advice word ("shadow an experienced yr 5 teacher",
# "observe a senior nurse on handovers", "do a stats course", "get AAT level 3")
_BARE_STEP = re.compile(r"^(?i:shadow|observe|sit in with|spend time with|buddy up with|learn from)\s+(?i:an?|some|other)\s+"
                        r"(?:[\w/&+'-]+\s+){0,4}?(?i:experienced|senior|qualified|established|lead)\b.*$|"
                        r"^(?i:do|take|get|sit|complete|enrol on|go on|pass|work towards)\s+(?:(?:"
                        + _QUALIFICATION.pattern + r")|(?i:an?\s+|the\s+)?\S.*\b(?i:course|training|qualification|"
                        r"certificate|certification|diploma|refresher|workshop)s?)$")
# a step with nothing concrete to do: a trait to have ("work on her confidence"), effort ("try harder")
_VAGUE_STEP = re.compile(r"(?i)^(?:(?:on|at|with|up on|into|more|some|a bit of|your|the)\s+)*(?:harder|better|more|"
                         r"it|that|this|things|stuff|everything|(?:" + _TRAIT.pattern[4:] + r"))$")


def advice_step(r: Remark, lex: Lexicon) -> str | None:
    """A piece of advice from the notes as a concrete step for the candidate, as the suggestion templates take it
    ("take a grant management course", "complete a supervisor training program", "shadowing a senior nurse");
    None for a vague one ("work on her confidence", "try harder"), one that names someone, or one with no step."""
    benefit = _BENEFIT_FROM.match(r.text.strip())
    t = (r.text.strip()[benefit.end():] if benefit else _STEP_LEAD.sub("", r.text.strip(), count=1)).rstrip(".!?")
    if any(w.group("name").lower() not in lex.proper for said in (t, r.note) for w in _WITH_SOMEONE.finditer(said)):
        return None  # "shadow Priya": a colleague, or another candidate, is never named to the candidate
    m = _IMPERATIVE.match(t)
    if m:
        rest = re.sub(r"(?i)^(?:your|her|his|their)\s+", "", m.group("rest"))
        return None if _VAGUE_STEP.match(rest) else f"{m.group('verb')} {m.group('rest')}"
    if _BARE_STEP.match(t):  # "observe a senior stylist", "buddy up with an experienced barista": the step as written
        return t[0].lower() + t[1:]
    verb, _, rest = t.partition(" ")
    if _MODAL_LEAD.match(r.text.strip()) and rest and re.fullmatch(r"[a-z]{2,}(?:-[a-z]+)?", verb) \
            and verb not in _NOT_PRACTISED and not _VAGUE_STEP.match(rest):
        return f"{_gerund(verb)} {gerund_alternatives(rest)}"  # "should role-play objections with a peer": role-playing them
    if benefit and re.match(r"(?i)(?:[a-z]+ing|more)\s+\S", t):  # "would benefit from more exposure to board packs"
        return f"getting {t}" if t[:5].lower() == "more " else t
    if _QUALIFICATION.fullmatch(t):  # "recommend CFA level 1": the qualification, as a step to work towards
        return f"work towards {t}"
    if _COURSE.search(t) and not _SUBJECTLESS.match(t) and len(t.split()) > 1:
        return f"complete {t}" if _DETERMINER_START.match(t) else f"complete {_article(t)} {t}"
    return None


def notes_to_context(notes: str, candidate: str | None = None) -> dict:
    """Safe strengths, gaps, advice and openings from notes, for filling suggestion templates (lexicon only)."""
    lex = default_lexicon()
    remarks = parse_notes(notes, lex=lex, candidate=candidate)
    out: dict = {}
    # (a strength no pattern phrases, "One strength the panel noted: …", is a sentence of its own: in a template it
    # read "…; one strength the panel noted: fast, accurate LBO build stood out to us")
    strengths = [_clause(v[0]) for v in (strength_variants(r, lex, fallback=False) for r in remarks
                                         if r.kind == "strength") if v]
    gaps = [v[0] for v in (gap_variants(r, lex, fallback=False)[0] for r in _gaps_in_order(remarks)) if v]
    if strengths:
        out["strengths"] = strengths
    if gaps:
        out["gaps"] = gaps
    advice = [a for a in (advice_step(r, lex) for r in remarks if r.kind == "advice") if a]
    if advice:
        out["advice"] = advice
    for r in remarks:
        if r.kind == "next_step":
            rm = lex.ns_role.search(_NEXT_LEAD.sub("", r.text) or r.text)
            if rm:
                out["upcoming_openings"] = [_opening_named(r.text) or _role_phrase(rm.group("role").strip())]
                break
    return out


# an opening a note names by its title or team ("opening for Department Supervisor in March", "Analytics team has an
# opening"): read as a bare "opening", it was "a similar role"
_OPENING_FOR = re.compile(r"(?i:\b(?:opening|vacancy|role|position|post|job|spot)s?\s+(?:for|as)\s+(?:an?\s+|the\s+)?)"
                          r"(?P<title>[A-Z][\w&/+-]*(?:\s+[A-Z][\w&/+-]*){0,4})")
_TEAM_OPENING = re.compile(r"(?P<team>\b(?-i:[A-Z])[\w&/+-]*(?:\s+[\w&/+-]+){0,2}?\s+(?:team|squad|desk|department))\s+"
                           r"(?:has|have|will\s+have|is\s+opening|opens)\s+(?:an?\s+|one\s+|two\s+|some\s+)?"
                           r"(?:new\s+)?(?:opening|vacancy|role|position|spot)s?\b", re.I)


def _opening_named(note: str) -> str | None:
    """The role or team an opening in `note` names ("a Department Supervisor role", "a role on our Analytics team")."""
    m = _OPENING_FOR.search(note)
    if m:
        return _role_phrase(f"{m.group('title')} role")
    m = _TEAM_OPENING.search(note)
    return _role_phrase(m.group("team")) if m else None


def _scores(checker, sentences: list[str]) -> list[tuple[float, float, float]]:
    """(specificity, harsh, risky) for each sentence checked on its own."""
    probs = checker.sentence_probabilities([[t] for t in sentences])
    return [(float(probs["specificity"][k][1] * 0.5 + probs["specificity"][k][2]), float(probs["harsh"][k]),
             float(probs["risky"][k])) for k in range(len(sentences))]


@dataclass
class _Slot:
    """One sentence position in the draft and the wordings it may take."""

    kind: str                 # strength | reason | gap | advice
    note: str                 # the remark it comes from ("" for a context or slot reason)
    options: list[str]        # the sentence as it appears in the draft
    item_texts: list[str]     # the same wording as a stand-alone feedback sentence
    choice: int = 0

    @property
    def text(self) -> str:
        return self.options[self.choice]


_NOTED_LEAD = re.compile(r"(?i)(?:we|the panel)\s+noted\b")  # a gap said as noted (the gap templates' fallback)


def _slots(remarks: list[Remark], lex: Lexicon, context: dict | None) -> tuple[list[_Slot], list["DroppedRemark"]]:
    """The draft's sentence slots, and the remarks left out of them with the reason (the draft takes
    three gaps and two pieces of advice at most): every remark ends in a slot, in `dropped` or in the
    relationship line, never lost without a word."""
    D = lex.templates["draft"]
    slots: list[_Slot] = []
    left: list[DroppedRemark] = []
    # openers a second strength in a row should not repeat: "One strength the panel noted:", "You came across as"
    openers = (lex.templates["strength"]["fallback"][0].split("{")[0].strip(), "You came across as")
    for r in remarks:
        if r.kind == "strength":
            vs = [_sentence(v) for v in strength_variants(r, lex)]
            before = [sl for sl in slots if sl.kind == "strength"]
            opener = next((o for o in openers if before and before[-1].text.startswith(o)), None)
            if opener:  # not two sentences in a row opened the same way
                vs = [v for v in vs if not v.startswith(opener)] or vs
            slots.append(_Slot("strength", r.note, vs, vs))
    gaps = [(r, gap_variants(r, lex)) for r in _gaps_in_order(remarks)]
    for r, _ in gaps[3:]:
        left.append(DroppedRemark(r.note, "gap: the draft gives three reasons at most; add it yourself if it "
                                          "matters more than those", "unclear"))
    for i, (r, (clauses, _)) in enumerate(gaps[:3]):
        intros = D["reason"] if i == 0 else D["more_gaps"]
        opts, items = [], []
        for c in clauses:
            # ("we noted cross-selling not attempted" is not said after "We also noted that …")
            for intro in [x for x in intros if not (_NOTED_LEAD.match(c) and "noted" in x)] or intros:
                opts.append(_sentence(intro.format(gap=_clause(c))))
                items.append(_sentence(c))
        slots.append(_Slot("reason" if i == 0 else "gap", r.note, opts, items))
    if not gaps:
        from .rules import context_values

        values = context_values({k: v for k, v in (context or {}).items() if k != "interviewer_notes"})
        reason = values.get("reason") if values.get("gap") else None
        text = _sentence(D["reason"][0].format(gap=reason or "[the one skill the role needed that they lacked]"))
        slots.append(_Slot("reason", "", [text], [text]))
    advice = []
    for r in (r for r in remarks if r.kind == "advice"):
        if len(advice) < 2:
            vs = advice_variants(r, lex)
            advice.append(r)
            slots.append(_Slot("advice", r.note, vs, vs))
        else:
            left.append(DroppedRemark(r.note, "advice: the draft gives two pieces of advice at most", "unclear"))
    if gaps and not advice:
        topic = gaps[0][1][1]
        text = gaps[0][0].text
        key = "concise" if _WORDY.search(text) and (not topic or _SPOKEN.fullmatch(topic.strip())) else \
            "pressure" if _UNDER_PRESSURE.match(text.strip(" .!")) or re.search(_PRESSURE_WHEN + r"$", topic or "") else \
            "uncertainty" if _UNEASY_WITH.match(normalise(gaps[0][0].note, lex).strip(" .!")) else \
            "pace" if _FAST_TALK.match(text.strip(" .!")) else "listen" if talked_over(normalise(text, lex)) else \
            "speed_task" if _OUT_OF_TIME.search(text) else \
            "seasoning" if _SEASONING.search(text) else "cooking" if _COOKING.search(text) else None
        vs = [_sentence(a) for a in lex.templates["advice"][key]] if key else _advice_from_gap(topic, lex)
        if vs:
            slots.append(_Slot("advice", gaps[0][0].note, vs, vs))
    return slots, left


def _assemble(slots: list[_Slot], relationship: str | None, context: dict | None, lex: Lexicon) -> str:
    from .rules import fill

    D = lex.templates["draft"]
    ctx = {k: v for k, v in (context or {}).items() if k != "interviewer_notes"}
    paragraphs = [fill(D["greeting"], ctx), " ".join([fill(D["thanks"], ctx), fill(D["decision"], ctx)])]
    strengths = [s.text for s in slots if s.kind == "strength"][:3]
    if strengths:
        paragraphs.append(" ".join(strengths))
    paragraphs.append(" ".join(s.text for s in slots if s.kind in ("reason", "gap", "advice")))
    if relationship:
        paragraphs.append(relationship)
    paragraphs.append(fill(D["sign_off"], ctx))
    return "\n\n".join(p for p in paragraphs if p.strip())


def _flagged(checker, report, text: str) -> tuple[float, float, float]:
    """(harsh, risky, -specificity) of the draft sentence that holds `text` (lower is better)."""
    key = text[:60]
    for s in report.sentences:
        if key in s.text or s.text in text:
            return (s.tone_scores.get("harsh", 0.0), s.tone_scores.get("risky", 0.0), -s.specificity)
    return (0.0, 0.0, 0.0)


def _refine(checker, slots: list[_Slot], relationship, context, lex, max_options: int = 8) -> None:
    """Pick each slot's wording in the context of the whole draft: the checker's harsh and risky
    scores first, then its specificity. Only slots whose current wording is flagged are revisited."""
    thr = float(checker.thresholds.get("harsh", 0.5))
    report = checker.check(_assemble(slots, relationship, context, lex), context=context)
    for slot in slots:
        if len(slot.options) < 2:
            continue
        harsh, risky, _ = _flagged(checker, report, slot.text)
        if harsh < min(thr, 0.5) and risky < 0.5:
            continue
        candidates = list(range(len(slot.options)))[:max_options]
        drafts = []
        for c in candidates:
            slot.choice = c
            drafts.append(_assemble(slots, relationship, context, lex))
        reports = checker.check_batch(drafts, [context] * len(drafts))
        best = min(zip(candidates, reports), key=lambda cr: (
            any(f.category == "risk" for f in cr[1].findings),
            round(_flagged(checker, cr[1], slot.options[cr[0]])[0], 1),
            _flagged(checker, cr[1], slot.options[cr[0]])[2]))
        slot.choice = best[0]
        report = best[1]


# text-direction controls, zero-width characters and soft hyphens: invisible, and never wanted in a draft
_INVISIBLE_IN_NOTES = re.compile(r"[\u202a-\u202e\u2066-\u2069\u200b-\u200f\u061c\u2060\ufeff\u00ad]")
# contact details: an e-mail address (segment.EMAIL_ADDRESS), or a phone number (nine digits or more, with spaces,
# dots, dashes or brackets between them); never words for the candidate's feedback
# phone shapes only: international ("+44 20 7946 0958"), national with a leading 0 ("07946 095858",
# "(020) 7946 0958") or North American ("555-123-4567", "(555) 123 4567"); not a salary range, a run of
# scores or a date range
_PHONE_IN_NOTES = re.compile(r"(?<![\w/+])(?:\+\d[\d \t().-]{7,}\d|\(?0\d{2,4}\)?[ .-]?\d{3,4}[ .-]?\d{3,4}|"
                             r"\(?\d{3}\)?[ .-]\d{3}[ .-]\d{4})(?![\w/])")
_EMPTY_BRACKETS = re.compile(r"\s{0,40}\(\s*(?:[,;/]\s*)*\)|\s{0,40}\[\s*(?:[,;/]\s*)*\]")


def _without_contact_details(notes: str) -> tuple[str, bool]:
    found = False

    def phone(m):
        nonlocal found
        if sum(c.isdigit() for c in m.group()) < 9:
            return m.group()  # "1 of 3", "2019-2021", a score: not a phone number
        found = True
        return ""

    out = _PHONE_IN_NOTES.sub(phone, notes)
    if EMAIL_ADDRESS.search(out):
        found = True
        out = EMAIL_ADDRESS.sub("", out)
    if found:
        out = _EMPTY_BRACKETS.sub("", out)
    return out, found
_PERSON_FIELD = re.compile(r"name|candidate|applicant|person", re.I)
# a tick or a cross after a remark ("level & plumb ✔️ pointing messy", "safety isolation skipped ❌"): the remark's
# polarity, as a "++"/"--" after it is, and its end; before a remark ("👍 great SQL"), its leading sign
_MARK = re.compile(r"(?P<before>[^\s\n][^\S\n]*)?(?P<mark>[\u2714\u2705\u2611\u2713\U0001F44D\u274C\u2716\u2717"
                   r"\U0001F44E])\uFE0F?[^\S\n]*(?P<more>(?=[^\s]))?")
_GOOD_MARKS = frozenset("\u2714\u2705\u2611\u2713\U0001F44D")


def _mark_as_sign(m: re.Match) -> str:
    sign = "++" if m.group("mark") in _GOOD_MARKS else "--"
    if m.group("before") is None:  # at a line's start: the sign that leads the remark
        return f"{sign} "
    return f"{m.group('before').rstrip()} {sign}" + ("; " if m.group("more") is not None else "")


_EMOJI = re.compile(r"[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF\uFE0F\u20E3]+[ \t]?")


def draft_feedback(checker, notes: str, context: dict | None = None) -> FeedbackDraft:
    """Turn private interviewer notes into candidate-safe feedback, a relationship line and a draft.

    `checker` may be None (lexicon and rules only); with a Checker, its trained sentence model vetoes
    risky remarks, picks the wording of each sentence, and checks the assembled draft."""
    if not isinstance(notes, str) or not notes.strip():
        raise InputError("The notes are empty.")
    if len(notes) > MAX_NOTES_CHARS:
        raise InputError(f"The notes are longer than {MAX_NOTES_CHARS} characters.")
    # the checks every input gets (binary data, invalid Unicode, no words), not a draft's cuts: a
    # note may well start with ">" or "From:"
    notes, html, junk = checked_text(notes, MAX_NOTES_CHARS)
    warnings: list[str] = []
    if html:
        notes = html_to_text(notes)[0]
        warnings.append("The notes were HTML; their text was used.")
    if junk:
        notes = without_control_characters(notes)
        warnings.append("Control characters in the notes were ignored.")
    if _INVISIBLE_IN_NOTES.search(notes):  # the notes' words are echoed to the candidate: nothing hidden in them
        notes = _INVISIBLE_IN_NOTES.sub("", notes)
        warnings.append("Invisible formatting characters in the notes (text-direction controls, zero-width "
                        "characters, soft hyphens) were ignored.")
    notes, contact = _without_contact_details(notes)
    if contact:  # "Priya Shah (priya@x.com, +44 20 7946 0958) was weak on SQL"
        warnings.append("Contact details in the notes (an e-mail address or a phone number) were left out.")
    notes = _MARK.sub(_mark_as_sign, notes)  # "wiring neat ✅ pointing messy ❌": each mark ends its remark, with its polarity
    if _EMOJI.search(notes):  # "👍 great SQL 🚀": the interviewer's shorthand, not words for the candidate
        notes = _EMOJI.sub("", notes)
        warnings.append("Emoji in the notes were ignored.")
    if may_hold_merge_field(notes):  # "{{first_name}} lacks tests": a field for the person is the candidate
        replaced = ANY_MERGE_FIELD.sub(lambda m: "the candidate" if _PERSON_FIELD.search(m.group()) else m.group(), notes)
        if replaced != notes:
            notes = replaced
            warnings.append("Merge fields for the candidate in the notes were read as the candidate.")
    if not has_words(notes):
        raise InputError("The notes have no words to turn into feedback.")
    # a run of spaces is one space: nothing in notes needs more, and several patterns that split and read
    # them backtrack on long runs ("good" + 7,900 spaces took minutes)
    notes = _SPACE_RUN.sub(" ", notes)
    context = clean_context(context)
    lex = default_lexicon()
    engine = getattr(checker, "rules", None) if checker is not None else None
    if context:  # the context's strengths and gaps reach the draft word for word: screened as in check()
        context, left_out = screen_context(context, engine)
        warnings.extend(left_out)
    remarks = parse_notes(notes, risk_engine=engine, lex=lex, warnings=warnings,
                          candidate=(context or {}).get("candidate_name") or (context or {}).get("name"))

    risky_threshold = max(float(checker.thresholds.get("risky", 0.5)), 0.5) if checker is not None else None
    if checker is not None:  # the trained model's veto on remarks the rules let through
        # A next step is judged as the relationship line the candidate would read (the draft check
        # below removes a flagged one): a bare fragment such as "consider for fostering team" is
        # unlike any sentence the model was trained on, and it rated that one risky (0.94).
        kept = [i for i, r in enumerate(remarks) if r.kind in KEPT_KINDS]
        if kept:
            for i, (_, _, risky) in zip(kept, _scores(checker, [remarks[i].text for i in kept])):
                if risky >= risky_threshold:
                    r = remarks[i]
                    remarks[i] = Remark(r.note, r.text, "dropped", "risky",
                                        f"risky: the checker's model rates this remark risky ({risky:.2f})")

    slots, left_out = _slots(remarks, lex, context)
    relationship, rel_remark = relationship_line(remarks, lex, context)
    if checker is not None and rel_remark is not None:
        risky = _scores(checker, [rel_remark.text])[0][2]
        if risky >= risky_threshold:
            warnings.append(f"The checker's model rates the next-step note {rel_remark.note!r} risky ({risky:.2f}); "
                            "only its team, role or time went into the relationship line, which is checked "
                            "again in the draft. Review the note.")
    dropped = [DroppedRemark(r.note, r.reason, r.category) for r in remarks if r.kind == "dropped"] + left_out
    # last guard: no sentence of the draft names anyone but the candidate ("… ask Priya", "Raj said …")
    people = _people_named(notes, (context or {}).get("candidate_name") or (context or {}).get("name"), lex)
    for sl in [sl for sl in slots if sl.note and any(_mentions(t, people) for t in sl.options)]:
        as_role = [_colleague_as_role(t, people) for t in sl.options]
        if all(as_role):  # "good obs when shadowing Nia": the praise kept, the colleague by role ("… a colleague")
            sl.options, sl.item_texts = as_role, [_colleague_as_role(t, people) or t for t in sl.item_texts]
            if not any(_mentions(t, people) for t in sl.item_texts):
                continue
        slots.remove(sl)
        if any(d.note == sl.note and d.category == "private" for d in dropped):
            continue  # a remark's gap and its advice name the same colleague: one entry
        dropped.append(DroppedRemark(sl.note, f"private: names {_mentions(sl.text, people) or 'someone'}, "
                                              "who is not the candidate", "private"))
    if relationship and _mentions(relationship, people):
        warnings.append("The relationship line was left out: it named someone other than the candidate.")
        relationship = None
    for r in remarks:
        if r.kind == "next_step" and r is not rel_remark and not (rel_remark is not None and r.note in rel_remark.note):
            dropped.append(DroppedRemark(r.note, "next step: only one relationship line is used", "logistics"))
    if checker is not None:
        for slot in slots:  # first guess: each wording scored on its own
            if len(slot.options) > 1:
                sc = _scores(checker, slot.options)
                slot.choice = max(range(len(sc)), key=lambda k: sc[k][0] - sc[k][1] - 2 * sc[k][2] - 0.01 * k)
        _refine(checker, slots, relationship, context, lex)
        for _ in range(3):  # anything that still draws a risk finding is removed and reported
            draft = _assemble(slots, relationship, context, lex)
            report = checker.check(draft, context=context)
            risky = [(f.start, f.end) for f in report.findings if f.category == "risk"]
            if not risky:
                break
            hit = [sl for sl in slots if sl.note and _overlaps(draft, sl.text, risky)]
            for sl in hit:
                slots.remove(sl)
                dropped.append(DroppedRemark(sl.note, "risky: the rewritten sentence drew a risk finding from "
                                             "the checker", "risky"))
            if relationship and _overlaps(draft, relationship, risky):
                warnings.append("The relationship line was removed because the checker flagged it.")
                relationship = None
            elif not hit:
                warnings.append("The checker flags part of the draft as risky; review it before sending.")
                break
        draft = _assemble(slots, relationship, context, lex)
        report = checker.check(draft, context=context)
        for f in report.findings:
            if f.rule.startswith("tone.harsh"):
                warnings.append(f"The draft may read as harsh here: {draft[f.start:f.end]!r}")
        spec = {sl.text: _sentence_specificity(report, sl.text) for sl in slots}
    else:
        draft = _assemble(slots, relationship, context, lex)
        spec = {}
    items = [FeedbackItem(sl.item_texts[sl.choice], sl.note, "gap" if sl.kind == "reason" else sl.kind,
                          spec.get(sl.text)) for sl in slots if sl.note]
    if not any(it.kind == "gap" for it in items) and not (context or {}).get("gaps"):
        warnings.append("The notes give no reason the candidate can use; add one before sending.")
    if not items:
        warnings.append("Nothing in the notes could be turned into candidate-safe feedback.")
    return FeedbackDraft(tuple(items), relationship, tuple(dropped), draft, tuple(warnings), tuple(remarks))


# someone the candidate worked or talked with, by name ("good teamwork w/ Tom", "rapport with Sarah (HRBP)")
# (not a name's first word: "shipped 3 apps to App Store")
_WORKED_WITH = re.compile(r"(?:\b(?i:with|alongside|beside|towards|to)|(?i:\bw/))\s*(?P<name>[A-Z][a-z][A-Za-z\-]*)"
                          r"(?:\s+(?P<surname>[A-Z][a-z][A-Za-z\-]*))?\b(?!\s+[A-Z])")
# ... a name spaCy misreads as a place or a people ("paired well with Ananya": GPE, "with Priya": NORP) is still a
# person after working together ("paired", "teamed up", "worked well alongside"); a product is read as ORG or nothing
_NAME_MISREAD = ("GPE", "NORP", "LOC")
_PAIRED = re.compile(r"(?i)\b(?:paired|partnered|teamed(?:\s+up)?|worked|collaborated|buddied|shadowed|rapport|"
                     r"teamwork|got\s+on|gelled|clicked|liaised)(?:\s+[a-z]+ly|\s+well|\s+nicely)?\s+"
                     r"(?:up\s+)?(?:with|w/|alongside|beside)\s*$")
_ASK_SOMEONE = re.compile(r"\b(?i:ask|asked|tell|check with|ping|cc|per|speak to|talk to|loop in|email|call|via|"
                          r"according to|pass (?:it|her|him|them|cv|details) to|send (?:it|her|him|them|cv) to)\s+"
                          r"(?P<name>[A-Z][a-z][A-Za-z\-]*)\b")


# someone the candidate shadowed, sat beside or handed over to ("sat beside Anjali on the ward round", "shadowed Nia
# for the afternoon", "handover to Sister Khan was rushed"): a colleague, whose name the candidate is never sent
_COLLEAGUE_TITLE = (r"(?:(?:the\s+)?(?:Sister|Matron|(?:Staff|Charge|Senior|Student)\s+Nurse|Nurse|Dr|Doctor|Mr|Mrs|Ms|"
                    r"Miss|Mx|Prof|Chef|Sous|Coach)\.?\s+)")
_BESIDE_SOMEONE = re.compile(r"\b(?i:shadow(?:ed|ing|s)?|sat|sitting|seated|paired|buddied(?:\s+up)?|hand(?:ed)?\s*over|"
                             r"handover|handing\s+over|mentored|supervised|observed|assisted|assisting|helped|helping|"
                             r"covered|covering|reported|working|worked)"
                             r"(?:\s+(?i:with|beside|next\s+to|alongside|in\s+with|to|by|for|behind))?\s+"
                             + _COLLEAGUE_TITLE + r"?(?P<name>[A-Z][a-z][A-Za-z\-]*)(?:\s+(?P<surname>[A-Z][a-z][A-Za-z\-]*))?\b")
_TITLED_SOMEONE = re.compile(r"\b" + _COLLEAGUE_TITLE + r"(?P<name>[A-Z][a-z][A-Za-z\-]+)(?:\s+(?P<surname>[A-Z][a-z][A-Za-z\-]*))?\b")


# a colleague named only as the setting of the candidate's own work ("good obs when shadowing Nia", "handover to Sister
# Khan was rushed", "sat with Hannah for the live queue"): said by role, "a colleague"
_SETTING_COLLEAGUE = re.compile(
    r"\b(?P<lead>(?i:(?:when|while|whilst)\s+(?:shadowing|sitting\s+(?:with|beside|next\s+to)|paired\s+with|"
    r"buddied\s+(?:up\s+)?with|working\s+(?:with|alongside)|covering\s+for|handing\s+over\s+to)|"
    r"(?<!you\s)hand-?over\s+to)\s+)"
    + _COLLEAGUE_TITLE + r"?(?P<name>[A-Z][a-z][A-Za-z\-]*)(?:\s+(?P<surname>[A-Z][a-z][A-Za-z\-]*))?\b")
# ... not where the remark weighs the candidate against them, or reports what they said
_ABOUT_THEM = re.compile(r"(?i)\b(?:than|vs\.?|versus|compared|unlike|like|said|says|felt|thought|reckons|according)\b")


def _colleague_as_role(text: str, people: set[str]) -> str | None:
    """`text` with each colleague named as its setting said as "a colleague"; None if anyone else is still named
    or the remark compares the candidate with someone or reports what someone said."""
    if _ABOUT_THEM.search(text):
        return None

    def role(m: re.Match) -> str:
        return m.group("lead") + "a colleague" if m.group("name") in people or m.group("surname") in people \
            else m.group()
    out = _SETTING_COLLEAGUE.sub(role, text)
    if out == text or _mentions(out, people) or _SETTING_AS_TOPIC.search(out):
        return None  # ("Your while working with Dr Patel on the ward was calm.": no sentence to keep)
    return out


_SETTING_AS_TOPIC = re.compile(r"(?i)\byour\s+(?:when|while|whilst)\b")


def _people_named(notes: str, candidate: str | None, lex: Lexicon) -> set[str]:
    """Everyone but the candidate whom the notes name: the names that open remarks (`_leading_names`), those
    the candidate is compared with (`other_person`), and a colleague to ask ("ask Priya"). (spaCy alone over
    every capitalised word reads "App Store", "Spring Boot" and "Nastran" as people.)"""
    own = own_name_words(candidate)
    found = {w for n in _leading_names(notes, lex) for w in n.split()}
    for line in notes.splitlines():
        who = other_person(line, own, lex)
        if who:
            found.update(who.split())
        for m in _ASK_SOMEONE.finditer(line):  # "ask Priya", "check with Raj": a colleague
            if entity_label(line, m.start("name")) == "PERSON" or not is_known_word(m.group("name")):
                found.add(m.group("name"))
        for m in _WORKED_WITH.finditer(line):  # "good teamwork w/ Tom", "rapport with Sarah": who they worked with
            # ... "with Sarah Jones" too, but not a product of two capitalised words ("with App Store")
            if m.group("surname") and {m.group("name").lower(), m.group("surname").lower()} & (
                    lex.product_words | set(lex.proper)):
                continue
            label = entity_label(line, m.start("name"))
            if label == "PERSON" or (label in _NAME_MISREAD and not is_known_word(m.group("name"))
                                     and _PAIRED.search(line, 0, m.start("name"))):
                found.update(w for w in m.group("name", "surname") if w)
        for pat in (_BESIDE_SOMEONE, _TITLED_SOMEONE):  # "shadowed Nia", "handover to Sister Khan", "Dr Patel"
            for m in pat.finditer(line):
                words = [w for w in m.group("name", "surname") if w]
                if {w.lower() for w in words} & (lex.product_words | set(lex.proper)):
                    continue  # "worked with Google Sheets", "shadowed Ops"
                if pat is _TITLED_SOMEONE or not is_known_word(words[0]) \
                        or entity_label(line, m.start("name")) == "PERSON":
                    found.update(words)
    return {w for w in found if w.lower() not in own and w.lower() not in lex.proper
            and w.lower() not in lex.pronouns and w.lower() not in _function_words() and len(w) > 1}


def _mentions(text: str, people: set[str]) -> str | None:
    return next((p for p in sorted(people) if re.search(r"(?<![\w'])" + re.escape(p) + r"(?![\w])", text)), None)


def _overlaps(draft: str, text: str, spans: list[tuple[int, int]]) -> bool:
    pos = draft.find(text)
    return pos >= 0 and any(a < pos + len(text) and pos < b for a, b in spans)


def _sentence_specificity(report, text: str) -> float | None:
    key = text[:60]
    for s in report.sentences:
        if key and (key in s.text or s.text in text):
            return s.specificity
    return None
