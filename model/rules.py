"""Rules as data: boilerplate phrases, tone and risk terms, structure checks, suggestions.

Rule files live in data/rules/*.yaml. Python here implements rule *types* (``type:`` in YAML):

* ``phrase``    – (the default) a span pattern (boilerplate, tone or risk) matched with spaCy's
                  Matcher over lower-cased tokens, with inflections and alternatives (see PATTERN
                  SYNTAX). ``unless`` patterns veto the rule for the sentence they match in;
                  ``unless_overlapping`` patterns veto only the matches they overlap ("held in
                  confidence" is no confidence shared, but another hit in the sentence still counts);
                  ``requires`` patterns must *also* match somewhere in the sentence (outside what
                  the ``unless_overlapping`` patterns cover);
                  ``skip_if_specific`` lets the trained sentence model veto a boilerplate hit when the
                  sentence carries real, candidate-specific content; ``tone:`` adds that tone flag to
                  the sentence (risk rules add ``risky``) and ``risk:`` names the risk category, which
                  is put in front of the finding's message.
* ``label``     – the trained model's sentence labels (boilerplate=high, harsh, cold, risky) surfaced
                  as findings when no phrase rule already explains them.
* ``structure`` – message-level checks (no reason, generic reason, no thanks for the candidate's
                  effort, no next step, buried decision, far too long, merge fields, template
                  near-duplicates); their thresholds live in ``params``.

Every finding carries suggestions: templates filled from the caller's context by ``fill()``; a fact
the context does not give stays a bracketed slot for the recruiter, never an invented one.

PATTERN SYNTAX (one phrase per string, elements separated by spaces):
  ``word``        the word, case-insensitive          ``a|b|c`` or ``(a|b|c)``  any of the alternatives
  ``word~``       the word or its inflections          ``x?`` / ``(a|b)?``       optional element
  ``a_b``         a multi-word alternative ("a b")     ``#``                     a number ("30", "thirty")
  ``*``           exactly one token of any kind         ``*?``                    zero or one token
  ``*{0,3}``      zero to three tokens of any kind      ``@name``                 a Title-case word (a name)
Apostrophes match both ' and ’; words are split the way spaCy's tokenizer splits them
("don't" is ``do n't``, "re-apply" is ``re - apply``), so write them as they appear in text.
"""
from __future__ import annotations

import difflib
import functools
import html
import itertools
import json
import os
import re
import string
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from pathlib import Path

import yaml

from .paths import data_path, read_yaml
from .errors import ConfigError, InputError
from .nlp import blank_pipeline
from .report import CATEGORIES, SEVERITIES, Finding, SentenceResult
from .segment import (ANY_MERGE_FIELD, BULLET, GREETING, GREETING_WORDS, MERGE_FIELD, SIGN_OFF, may_hold_merge_field,
                      short_line)
from .text import (NOT_A_REJECTION, OTHER_MESSAGE, _BLANK_LINE, content_warning, find_quoted_reply, folded,
                   looks_like_html, markup_words, other_hiring_message)

RULES_DIR = data_path("rules")
# Lower-case tokens as spaCy's English tokenizer splits them ("didn't" -> "did", "n't"; "you're" ->
# "you", "'re"; hyphens apart), or more: a superset, for the prefilter of RuleEngine.may_match.
_CHEAP_TOKEN = re.compile(r"[^\W_]+?(?=n't\b)|n't|'[^\W_]+|[^\W_]+|-")
_CHEAP_TOKEN_SIMPLE = re.compile(r"'[^\W_]+|[^\W_]+|-")
_OPENING_QUOTE = re.compile(r"(?<![^\W_])'")
_DIGIT_LETTER = re.compile(r"\d[^\W\d_]|[^\W\d_]\d")
_LETTERS_OR_DIGITS = re.compile(r"[^\W\d_]+|\d+")
# paragraph breaks in text or HTML (`_BLANK_LINE`, from model/text.py, serves text without tags); an HTML list is a
# paragraph of its own, as its text's list is
_PARA_BREAK = re.compile(_BLANK_LINE.pattern + r"|</p\s*>|<br\s*/?>\s*<br\s*/?>|</div\s*>|</[uo]l\s*>", re.I)
_NO_TEXT = re.compile(r"(?:\s|&nbsp;|<[^<>]*>)*+")  # markup and white space only
# a Markdown heading alone in its paragraph: "# Update", "## Next steps", a bold line ("**Our decision**")
_MD_HEADING = re.compile(r"[ \t]*+(?:#{1,6}[ \t]+[^\n]*+|\*\*[^*\n]++\*\*:?|__[^_\n]++__:?)[ \t]*+")
# whitespace other than single spaces: spaCy makes a token of it, which would break a phrase in two
_ODD_SPACE = re.compile(r"[^\S ]| {2,}")
_SPACE_RUN = re.compile(r"\s+")
_LINE_END = frozenset(",;:.!?")


def single_spaced(text: str) -> tuple[str, list[int]]:
    """`text` with every run of whitespace (tabs, no-break spaces, a line wrapped mid-sentence) as one
    space, and for each of its characters the offset of that character in `text`. A line break after
    punctuation ("Respectfully,⏎The team") or a blank line stays one line break, which no phrase spans."""
    out: list[str] = []
    where: list[int] = []
    last = 0
    for m in _SPACE_RUN.finditer(text):
        a, b = m.span()
        out.append(text[last:a])
        where.extend(range(last, a + 1))  # the run's first character stands for it
        breaks = text.count("\n", a, b)
        out.append("\n" if breaks > 1 or (breaks and a and text[a - 1] in _LINE_END) else " ")
        last = b
    out.append(text[last:])
    where.extend(range(last, len(text)))
    return "".join(out), where


@dataclass(eq=False)
class _Requirement:
    """The patterns of one phrase rule that share their required words: a sentence can only match
    them if it holds a word of every set (the anchor set is the index key, `rest` the others).
    Their spaCy Matcher is built on first use."""

    rule: str
    rest: tuple
    patterns: list
    anchor: frozenset = frozenset()
    org: bool = False  # an organisation's own rule: its work counts against a check's budget
    _matcher: object = None

    def weight(self) -> int:
        """The work one start of the anchor can cause, over all the patterns: the product of each
        pattern's gap costs (an optional token doubles it, "{0,6}" multiplies it by 49)."""
        total = 0
        for spec in self.patterns:
            w = 1
            for d in spec:
                op = str(d.get("OP", ""))
                if op == "?":
                    w *= 2
                elif op.startswith("{"):  # spaCy's repeat costs about the square of its width (measured)
                    lo, hi = op.strip("{}").split(",")
                    w *= (int(hi or 0) - int(lo or 0) + 1) ** 2
            total += w
        return total

    def matcher(self, rule_id: str):
        if self._matcher is None:
            from spacy.matcher import Matcher

            m = Matcher(blank_pipeline().vocab)
            m.add(rule_id, self.patterns)
            self._matcher = m
        return self._matcher


def _cheap_words_of_lower(text: str) -> set[str]:
    """The cheap tokenisation of a text already in lower case (see `RuleEngine.cheap_words`)."""
    text = text.replace("\u2019", "'")
    # without "n't" the first two alternatives never match, and the simpler pattern is faster
    pattern = _CHEAP_TOKEN if "n't" in text else _CHEAP_TOKEN_SIMPLE
    words = set(pattern.findall(text))
    if "'" in text:  # "'couldn't do it'": spaCy splits an opening quote off; the expression reads a clitic
        unquoted = _OPENING_QUOTE.sub(" ", text)
        if unquoted != text:
            words.update(pattern.findall(unquoted))
    if _DIGIT_LETTER.search(text):  # "$185k": spaCy splits a unit or suffix off a number
        words.update(_LETTERS_OR_DIGITS.findall(text))
    return words


_COMMON_WORDS = frozenset(
    "a an the and or but of to in on for with at by from as is are was were be been being have has had do "
    "does did will would can could should may might must we our us you your i me my it its this that these "
    "those they them their he she his her not no so if than then there here all any some more most very "
    "just also only about into over after before up out what which who whom how when why where".split())
# Words most rejection e-mails contain: poor anchors for the requirement index (only speed depends
# on this list, never which rules match).
_DOMAIN_WORDS = frozenset(
    "role roles position positions post job jobs offer offered candidate candidates application applications "
    "team time next like person personally going long - interview interviews experience opportunity "
    "thank thanks decided decision move moving forward future apply".split())
SEVERITY_RANK = {s: i for i, s in enumerate(SEVERITIES)}
RULE_TYPES = ("phrase", "label", "structure")
FIXES = ("replace_sentence", "insert", "replace_message", "move_to_top", "none")
MAX_EXPANSIONS = 256

SLOTS = {
    "name": "[candidate's first name]",
    "role": "[role]",
    "company": "[company]",
    "stage": "[the stage they reached, e.g. the final interview]",
    "effort": "[what they did for you, e.g. the take-home exercise]",
    "strength": "[one specific thing they did well]",
    "strength_clause": "[one specific thing they did well]",
    "gap": "[the one skill the role needed that they lacked]",
    "reason": "the role needs [the one skill the role needed that they lacked]",
    "reason_short": "the role needs [the one skill the role needed that they lacked]",  # after the role is named
    "reason_np": "the role needs [the one skill the role needed that they lacked]",  # a gap that is a noun phrase
    "reason_no_role": "[what the decision came down to]",  # a draft about a place, a tenancy or an award ...
    "reason_np_no_role": "we were looking for [what the application lacked]",  # ... before "which didn't come through"
    "advice": "[one concrete step that would strengthen a future application]",
    "opening": "[a specific team or role that opens soon]",
    "timeframe": "[when]",
    "recruiter": "[your name]",
}
# ... and in a draft about no job, the placeholders in its own register (a tenancy's viewing, a funder's proposal, a
# course's selection day, an agency's contract, a volunteer's taster session), not a job's "final interview",
# "take-home exercise" and "team or role that opens soon" (`add_draft_facts` picks the register)
REGISTER_SLOTS = {
    "tenancy": {"stage": "[the stage they reached, e.g. the viewing]", "effort": "[what they did for you, e.g. the viewing]",
                "opening": "[another property that comes up soon]"},
    "award": {"stage": "[the stage they reached, e.g. the shortlist]",
              "effort": "[what they did for you, e.g. the full proposal]",
              "opening": "[another funding round or award that opens soon]"},
    "place": {"stage": "[the stage they reached, e.g. the selection day]",
              "effort": "[what they did for you, e.g. the selection day]",
              "opening": "[another programme or intake that opens soon]"},
    # (an agency's contract or shift, a student's placement: the opening is another of the same)
    **{f"engagement:{noun}": {"stage": "[the stage they reached, e.g. the interview]",
                              "effort": "[what they did for you, e.g. the interview]",
                              "opening": f"[another {noun} that comes up soon]"}
       for noun in ("contract", "assignment", "placement", "shift", "gig", "booking", "engagement")},
    "volunteering": {"stage": "[the stage they reached, e.g. the taster session]",
                     "effort": "[what they did for you, e.g. the taster session]",
                     "opening": "[another volunteering opportunity that opens soon]"},
}


def slot_texts(key: str) -> tuple[str, ...]:
    """Every placeholder this checker writes for the slot `key` (`SLOTS`, then each register's)."""
    return (SLOTS[key], *(r[key] for r in REGISTER_SLOTS.values() if key in r))


_SLOT_TEXT = re.compile(r"\[(?:[a-z][^\[\]]*|candidate's first name)\]")
# the slots this checker's own suggestions leave, exactly as written: left in a draft, they are unfilled
OWN_SLOT = re.compile("|".join(sorted({re.escape(m) for v in (*SLOTS.values(), *(t for r in REGISTER_SLOTS.values()
                                                                                 for t in r.values()))
                                       for m in re.findall(r"\[[^\[\]]+\]", v)},
                                      key=len, reverse=True)))

# ---- patterns ------------------------------------------------------------------------------------


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
                 "come": ["came"], "seek": ["sought"], "write": ["wrote", "written"], "grow": ["grew", "grown"],
                 "tell": ["told"], "wear": ["wore", "worn"], "see": ["saw", "seen"], "say": ["said"],
                 "hear": ["heard"], "lose": ["lost"], "bring": ["brought"], "speak": ["spoke", "spoken"],
                 "fall": ["fell", "fallen"], "lack": ["lacked", "lacking"], "fit": ["fitted"],
                 "put": ["puts", "putting"], "let": ["lets", "letting"], "set": ["sets", "setting"]}
    forms |= set(irregular.get(w, []))
    return sorted(forms)


def _lower_spec(values: list[str]) -> dict:
    vals: list[str] = []
    for v in values:
        for x in (v, v.replace("'", "\u2019")):
            if x not in vals:
                vals.append(x)
    return {"LOWER": vals[0]} if len(vals) == 1 else {"LOWER": {"IN": vals}}


# the clitics spaCy keeps as one token after a word ("you've" -> "you", "'ve"), though alone it splits two of them
# ("'ve" -> "'", "ve"; "'m" -> "'", "m"): a pattern's "'ve_been" is the token "'ve", as in the text
_CLITICS = frozenset({"'ve", "'m", "'re", "'s", "'d", "'ll"})


@lru_cache(maxsize=None)
def _word_pieces(word: str) -> tuple[str, ...]:
    """The lower-case tokens one word of a pattern is in the text (the same words recur in many patterns)."""
    clitic = word.lower().replace("\u2019", "'")
    if word == "#":
        return ("#",)
    if clitic in _CLITICS:
        return (clitic,)
    tokenizer = blank_pipeline().tokenizer
    # a word that no special case, prefix, suffix or infix applies to is one token: the tokenizer's own steps, without
    # the lexeme it builds for every new word (0.1 s of a cold start over the rules' 3,600 words)
    if word not in tokenizer.rules and not tokenizer.prefix_search(word) and not tokenizer.suffix_search(word) and (
            next(tokenizer.infix_finditer(word), None) is None) and word and not _SPACE_RUN.search(word):
        return (word.lower(),)
    return tuple(t.text.lower() for t in tokenizer(word))


def _alternative(alt: str) -> list[list[dict]]:
    """Token sequences for one alternative (one per surface form when pieces differ)."""
    inflect = alt.endswith("~") and len(alt) > 1
    alt = alt[:-1] if inflect else alt
    pieces: list[str] = []
    for word in alt.split("_"):
        pieces.extend(_word_pieces(word))
    if not pieces:
        raise ValueError(f"empty alternative in pattern: {alt!r}")
    specs = [{"LIKE_NUM": True} if p == "#" else _lower_spec([p]) for p in pieces]
    if inflect:
        specs[-1] = _lower_spec(inflections(pieces[-1]))
    return [specs]


def _element(tok: str) -> list[list[dict]]:
    """The alternatives one pattern element can match, each a list of token specs ([] = nothing)."""
    if tok == "*":
        return [[{}]]
    if tok == "*?":
        return [[{"OP": "?"}]]
    m = re.fullmatch(r"\*\{(\d*),(\d*)\}", tok)
    if m:
        low, high = int(m.group(1) or 0), m.group(2)
        # spaCy's matcher grows with the span a repeat may cover: a bound keeps one pattern cheap
        if not high or low > int(high) or int(high) > MAX_REPEAT:
            raise ValueError(f"{tok!r}: a gap of words is *{{n,m}} with n <= m <= {MAX_REPEAT}")
        return [[{"OP": "{%d,%s}" % (low, high)}]]
    if tok == "#":
        return [[{"LIKE_NUM": True}]]
    if tok == "@name":
        return [[{"IS_TITLE": True}]]
    optional = tok.endswith("?") and len(tok) > 1
    if optional:
        tok = tok[:-1]
    if tok.startswith("(") and tok.endswith(")"):
        tok = tok[1:-1]
    seqs: list[list[dict]] = []
    singles: list[str] = []
    for a in tok.split("|"):
        if not a:
            raise ValueError(f"empty alternative in {tok!r}")
        for seq in _alternative(a):
            if len(seq) == 1 and set(seq[0]) == {"LOWER"}:
                v = seq[0]["LOWER"]
                singles.extend(v["IN"] if isinstance(v, dict) else [v])
            else:
                seqs.append(seq)
    if singles:
        seqs.insert(0, [_lower_spec(singles)])
    if optional:
        if len(seqs) == 1 and len(seqs[0]) == 1:
            return [[{**seqs[0][0], "OP": "?"}]]
        seqs.append([])
    return seqs


_SALUTATION = re.compile(r"\s*(?:(?:respected\s+)?(?:sir|madam|sir\s*/\s*madam|sir\s+or\s+madam|ma'am|gentlemen|"
                         r"to\s+whom\s+it\s+may\s+concern))[,:]?$", re.I)  # matched on stripped text
def _under_headings(sents: list[SentenceResult], bullets: set[int] | None = None
                    ) -> tuple[list[SentenceResult], set[int]]:
    """The message's content (no greeting, sign-off or filler) as the structure checks read it, and the
    starts of the bullets it re-read: a heading over bullet lines ("Where we needed more:") says nothing
    itself, and the bullets under it do what it announces (a reason, advice), whatever the model makes of
    a bare bullet ("- production experience with ..."). A decision is never a heading ("We will not be
    moving forward:"). `bullets`: the starts of the sentences that are list items (an HTML body's <li>
    has no marker in its own text; by default, a sentence that starts with one)."""
    if not any(s.text.rstrip().endswith(":") for s in sents):
        return [s for s in sents if s.kind != "other"], set()  # most messages
    if bullets is None:
        bullets = {s.start for s in sents if BULLET.match(s.text)}
    out: list[SentenceResult] = []
    promoted: set[int] = set()
    heading = None
    for i, s in enumerate(sents):
        text = s.text.strip()
        bullet = s.start in bullets
        if (text.endswith(":") and len(text.split()) <= 8 and not bullet and s.kind != "decision"
                and i + 1 < len(sents) and sents[i + 1].start in bullets):
            # the heading's words first ("Where we needed more:"), whatever a profile's model makes of it
            heading = ("reason" if _REASON_HEADING.search(text) else
                       s.kind if s.kind in ("reason", "advice", "appreciation", "future") else None)
            continue
        if not bullet:
            heading = None
        elif heading is not None:
            s = replace(s, kind=heading)
            promoted.add(s.start)
        if s.kind != "other":
            out.append(s)
    return out, promoted


_REASON_HEADING = re.compile(r"(?i)\b(?:needed more|need(?:ed)? to see more|missing|gaps?|shortfalls?|fell short|"
                             r"(?:areas?|things?) (?:to|for) (?:improve|develop|work on|build)|to work on|"
                             r"development areas?|concerns?|reasons?|why|where (?:we|you|it) (?:needed|fell|lacked))\b")


_SIGNATURE_SMALL_WORDS = frozenset("at of and the for on behalf via from in & x".split())
_NOT_A_SENDER = frozenset("we i you your our thank thanks unfortunately please sadly regrettably".split())


def _signature_like(text: str) -> bool:
    """A sender's line: every word a capitalised name or title, or a linking word ("— Jamie @ Acme",
    "Dana Whitfield, Head of Talent", "The Acme Recruiting Team")."""
    words = re.findall(r"[^\W\d_][\w'’.-]*", text)
    return bool(words) and len(words) <= 8 and words[0].lower() not in _NOT_A_SENDER and all(
        w[0].isupper() or w.lower() in _SIGNATURE_SMALL_WORDS for w in words)


# A decision that names what the other candidate had ("We've hired someone with more hands-on Terraform
# experience", "another applicant whose expertise in two-photon imaging …"): the reason is given, and it
# is concrete when the compared thing is named; "someone with more relevant experience" is not.
_COMPARED_SKILL = re.compile(
    r"\b(?:more|stronger|deeper|broader|greater|longer|wider|further|better|extensive)\s+"
    r"(?P<mod>(?:(?!(?:to|who|whose|than|that)\b)[\w+#./&'-]+\s+){1,4}?)(?:experience|skills?|knowledge|expertise|"
    r"background|exposure|track record|familiarity|grounding|depth)\b"
    r"|\b(?:more|stronger|deeper|broader|greater|extensive|whose)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:experience|skills?|knowledge|expertise|background|exposure|track record|familiarity|grounding|depth)"
    r"\s+(?:in|with|of|on|using|across|around)\s+(?P<obj>(?:[\w+#./&'-]+\s*){1,5})", re.I)
# (a named thing dressed in a fit frame is still named: "whose experience with two-photon calcium imaging data fits
# the project more closely"; "whose experience more closely fits our needs" names nothing)
# ... or said of the pool, not of the one chosen ("many finalists had prior experience in model risk")
_POOL = re.compile(r"\b(?:many|most|several|other|all|a lot of|lots of|plenty of|a number of|numerous)\s+(?:of the\s+|of our\s+)?"
                   r"(?:other\s+)?(?:candidates|applicants|finalists|people|applications)\b")
_COMPARED_SKILL_WORDS = ("more ", "stronger ", "deeper ", "broader ", "greater ", "expertise", "experience ",
                         "skills ", "knowledge ", "background ", "exposure ")
_NOT_CONCRETE = frozenset(
    "directly highly very truly really genuinely clearly closely so too little less least limited enough sufficient "
    "insufficient adequate any no lot lots plenty bit relevant direct similar industry sector field domain area areas role roles position positions this that the our "
    "your their its such comparable related required necessary needed specific particular technical practical "
    "professional overall general broad wider leadership management managerial commercial hands-on hands on senior "
    "significant extensive prior previous proven demonstrable demonstrated applicable appropriate suitable key core "
    "essential certain some skills skill experience background requirements requirement needs criteria environment "
    "environments setting settings space type kind work job jobs a an and or of in with at for to years year years' "
    "several many few more most closely aligned matching transferable level levels team teams business businesses "
    "company companies organisation organization organisations organizations what we this kind same right strong "
    "stronger solid deep good great real actual practical front-line frontline day-to-day relevant-industry "
    "client-facing customer-facing people product products project projects operational strategic functional "
    "subject-matter subject matter expert expertise knowledge fast-paced paced dynamic results result delivering "
    "delivery driving outcomes outcome stakeholder stakeholders communication communications collaboration teamwork "
    "problem-solving customer customers client clients growth scale scaling startup start-up high-growth "
    "high-pressure pressure complex matrix global international cross-functional ownership impact similar-sized "
    "large small mid-sized enterprise-level senior-level junior-level entry-level mid-level hands-on practical "
    "successful track record building managing leading working running supporting".split())


# ... or the person sought or chosen by what they bring ("someone with key-holder experience", "a candidate who had
# NEBOSH certification"), however plainly put, and the one the post went to, named by their trade ("offered the post
# to a teacher with A-level Chemistry experience", "given the job to a chef with banqueting experience")
_WITH_SKILL = re.compile(
    r"\b(?:someone|somebody|a (?:candidate|person|colleague|professional)|an? (?:applicant|internal candidate)|"
    r"(?:offered|given|gave|awarded)\s+(?:it|the (?:post|role|job|position|place|contract|part))\s+to\s+(?:an?|another)"
    r"\s+[\w-]+)"
    r"\s+(?:with|who (?:has|had|brings|brought))\s+"
    # (a length of time before it is no more words of the skill: "someone who has five years of retail banking experience")
    r"(?:(?:\d{1,2}\+?|one|two|three|four|five|six|seven|eight|nine|ten|several|many) years?['’]?\s+(?:of\s+)?)?"
    r"(?P<mod>(?:[\w+#./&'-]+\s+){1,4}?)(?:experience|skills?|knowledge|expertise|background|exposure|track record|"
    r"qualifications?|certification)\b", re.I)


def names_compared_skill(text: str) -> bool:
    """Does `text` say what the chosen candidate had more of, or what the person sought brings, naming it ("more
    Rust experience", "expertise in two-photon imaging", "someone with forklift experience"), rather than in
    generic words ("more relevant experience", "someone with the right skills")?"""
    low = text.lower()
    compared = any(w in low for w in _COMPARED_SKILL_WORDS)
    if not (compared or " with " in low or " who " in low) or _POOL.search(low):
        return False
    for m in itertools.chain(_COMPARED_SKILL.finditer(text) if compared else (), _WITH_SKILL.finditer(text)):
        words = re.findall(r"[\w+#&'-]+", (m.group("mod") or m.group("obj") or ""))
        if any(w.lower() not in _NOT_CONCRETE and not w.isdigit() for w in words):
            return True
    return False


# a decision naming what the chosen person has done or can do ("someone from the Cards team who has already run
# sprint planning for a year", "someone who can do weekends"): a concrete reason, however plainly put; "someone
# who can do the job" is none
# (... or has done before: "someone who's run a cellar before", "a candidate who had managed a night shift previously")
_HIRE_WHO = (r"\b(?:someone|somebody|another (?:candidate|applicant|person)|a (?:candidate|person|applicant|colleague)|"
             r"an applicant|an internal (?:candidate|applicant))\b[^.;:!?]{0,40}?\bwho")
_HIRE_DONE = (r"(?:run|led|managed|shipped|built|delivered|done|held|used|owned|taught|coached|completed|passed|qualified|"
              r"worked|covered|launched|designed|written|published|trained|earned|gained|obtained|got|supervised|handled)"
              r"\s+(?!(?:it|this|that|the (?:job|role)|something similar|similar (?:roles?|work))\b)")
_HIRE_DID = re.compile(
    _HIRE_WHO + r"(?: has| had|'s|'d)? already " + _HIRE_DONE + r"\w"
    r"|" + _HIRE_WHO + r"(?: has| had|'s|'d) " + _HIRE_DONE + r"[^.;:!?]{1,60}?\b(?:before|previously)\b"
    # ("a candidate who has run field research in rural districts": a named piece of work, two words or more, no "before")
    r"|" + _HIRE_WHO + r"(?: has| had|'s|'d) (?:run|led|managed|shipped|built|delivered|launched|designed|published|"
    r"taught|supervised|coached)\s+(?!(?:it|this|that|things|something|the (?:job|role)|similar|teams?|projects?|"
    r"people)\b)[\w'&/-]+\s+(?!(?:before|previously|for|at|in|with)\b)[\w'&/-]{3,}"
    r"|\b(?:someone|somebody|another (?:candidate|applicant|person)|a (?:candidate|person|applicant)|an applicant)\s+who\s+"
    r"(?:can|could|is able to|was able to)\s+(?:do|work|cover|start|commit to|drive|travel|relocate|speak|lift|handle|"
    r"carry|climb|stand)\s+"
    r"(?!(?:it|this|that|the (?:job|role|work)|more|everything|what|all|so|things|(?:the )?(?:pressure|stress|"
    r"workload|demands))\b)\w"
    # "someone who holds a CSCS card", "an applicant who has a full driving licence": a credential, named
    r"|\bwho(?: already)? (?:holds|has|held|had|has got|'s got)\s+(?:a|an|the|their|his|her|a full|a valid|a current)\s+"
    r"(?:[\w'&/-]+\s+){0,3}?(?:licen[cs]e|certificat(?:e|ion)|ticket|card|qualification|degree|diploma|registration|"
    r"accreditation|clearance)\b", re.I)


# a reason naming what the role needs ("because the role needs advanced SQL", "as the post requires a CSCS card"):
# concrete when the thing is named; "the role needs someone with more experience" is not
_NEEDS_NAMED = re.compile(r"\b(?:role|job|position|post|vacancy|team|programme|program|scheme)\s+"
                          r"(?:needs|needed|requires|required)\s+(?P<obj>[\w+#./&'-]+(?:\s+[\w+#./&'-]+){0,4})", re.I)
_BRACKETED = re.compile(r"\[[^\]\n]*\]")
_WHAT_NEEDS = re.compile(r"(?i)\bwhat\s+(?:[\w&'’-]+\s+){0,5}$")
_NOT_NAMED_NEED = frozenset("someone somebody candidates candidate people person more less different other skills "
                            "right now at this currently today".split())


def names_needed_skill(text: str) -> bool:
    """Does `text` say what the role needs, naming it ("the role needs advanced SQL"), not generically?"""
    if "[" in text:  # "the role needs [the one skill the role needed ...]": a slot names nothing yet
        text = _BRACKETED.sub(" ", text)
    m = _NEEDS_NAMED.search(text) if "need" in text or "requir" in text else None
    if m and _WHAT_NEEDS.search(text, 0, m.start()):  # "what the team needs right now": a need not named
        return False
    words = re.findall(r"[\w+#&'-]+", m.group("obj")) if m else ()
    return bool(words) and words[0].lower() not in _NOT_NAMED_NEED and any(
        w.lower() not in _NOT_CONCRETE and w.lower() not in _NOT_NAMED_NEED and not w.isdigit() for w in words)


def names_what_hire_did(text: str) -> bool:
    """Does `text` say what the chosen candidate has already done or can do, or holds, naming it?"""
    return "who" in text.lower() and _HIRE_DID.search(text) is not None  # ("who's already done …")


# ("Cheers for now," or "Thanks for now," is a sign-off, no thanks for anything; "thx for coming in" is a thanks)
_THANKS = re.compile(r"\b(?:thank(?:s| you)|thx|thnx|thanx|tysm|ty|cheers|ta|(?:we are|we['’]re|i am|i['’]m) grateful)\s+"
                     r"(?:so much |very much )?for\b"
                     r"(?! now\b)", re.I)
_CLAUSE = re.compile(r"^[A-Z][\w'’-]*(?:\s+[\w'’,-]+){0,6}?\s+(?:was|were|is|are|has|have|had|will|would|did|does|do|"
                     r"can|could|won't|didn't|doesn't|isn't|wasn't|\w+ed)\b")
_INFORM_LEAD = re.compile(r"^(?:(?:we|I) (?:are|am) (?:writing|emailing|contacting you) to (?:inform|let) you (?:know )?that|"
                          r"(?:we|I) (?:wish|would like|want) to (?:inform|advise|let) you (?:know )?that|(?:please|kindly) "
                          r"(?:note|be advised) that|this is to inform you that)\s+", re.I)
# a sentence that asks the reader to do something ("Please do not be discouraged.", "Kindly note …", "Do not reply.")
_REQUEST = re.compile(r"(?:please|kindly|do|don't|never|feel free|remember|note|keep|retain|refrain)\b", re.I)
# a promise to get back in touch: "I'll call you as soon as ...", "we will email you when ...", "I'll be in touch"
_LATER_CONTACT = re.compile(r"\b(?:I|we)(?:'ll|’ll| will| shall)\s+(?:(?:certainly|definitely|also|gladly)\s+)?(?:call|ring|phone|"
                            r"email|e-mail|text|message|contact|write to|reach out|get in touch|be in touch|get back to)\b",
                            re.I)
_GAP_SLOT = re.compile(r"\{(?:reason|reason_short|reason_np|gap)\}")
_NOT_A_FIELD = re.compile(r"\[\s*(?:PDF|DOCX?|XLSX?|PPTX?|CSV|ZIP|JPE?G|PNG|GIF|CV|URL|LINK|SIC|PHOTO|IMAGE|ATTACHMENT|"
                         r"REDACTED|EXTERNAL|EXT|FYI|TBC|TBD|NB|PS)\s*\]", re.I)
# the candidate's effort called a session in a thanks ("Thank you for the simulator session", "for your time at the
# assessment session"): an effort thanked, though a session named elsewhere is no sign of one ("our information session")
_SESSION = re.compile(r"\b(?:the|your|our|a|this|today's|yesterday's|monday's|tuesday's|wednesday's|thursday's|friday's|"
                      r"saturday's|sunday's) (?:[\w-]+ ){0,3}sessions?\b")
# a named event the candidate attended, sat or took part in is their effort, whatever it is called ("attending the
# Army Officer Selection Board", "trying out for the netball team", "your time on the call"); an application or a
# form they completed is not
_ATTENDED = re.compile(r"\s*(?:attending|sitting|completing|doing|taking part in|participating in|trying out for|"
                       r"joining us (?:at|for|on)|(?:your|the) time (?:you spent )?(?:on|in|at|during))\s+"
                       r"(?:the|your|our|this|today's|yesterday's|last week's)\s+"
                       r"(?!(?:[\w-]+\s+){0,2}(?:application|form|cv|résumé|resume|profile|registration)s?\b)\w")
# a thanks that goes on to say something else ("We appreciate your interest and wish you the very best in your
# search"): the effort cannot be added at its end
_THANKS_GOES_ON = re.compile(r"(?:\band|&)\s+(?:(?:we|i)(?:'d|'ll|'re|'ve| would| will| are| have)?\s+)?(?:(?:also|really|"
                             r"truly|sincerely)\s+)?(?:wish|hope|look forward|would|will|want|wanted|regret|must|can|cannot|"
                             r"can't|encourage|invite|remain|keep|are|were|have|had|'re|'ve|trust|know|understand)\b", re.I)
_AND_FOR = re.compile(r"\b(?:and|&) (?:also |especially )?for\b")  # a thanks that goes on: "... and for the case study"
_INTEREST_IN = re.compile(r"\s*(?:your |the )?(?:interest|interested) in\b")
EFFORT_DEFAULT = r"\b(?:interview\w*|take-home)\b"  # the candidate's effort, where structure.yaml names none
_CLAUSE_BREAK = re.compile(r"[;:—–]|,\s*(?:but|however|and|so)\b|\b(?:but|however|although|though)\b", re.I)


def thanks_for_effort(low: str, effort_re: re.Pattern) -> bool:
    """Whether a lower-cased sentence thanks the candidate for an effort it names within the thanks' own clause
    ("thank you for your time in the interview", "... for your interest and for taking the online assessment";
    not "thank you for your interest, but we won't invite you to interview")."""
    m = _THANKS.search(low)
    at = m and m.end()
    # (interest is in a job, not an effort: "your interest in the Leeds assignment" names none)
    interest = bool(m) and _INTEREST_IN.match(low, at) is not None
    while at:  # the thanks' own words, then those of each "and for ..." that goes on with it
        e = None if interest else effort_re.search(low, at, at + 60) or _SESSION.search(low, at, at + 60) or \
            _ATTENDED.match(low, at)
        if e and not _CLAUSE_BREAK.search(low, m.end(), e.start()):
            return True
        interest = False
        more = _AND_FOR.search(low, at)
        at = more.end() if more and not _CLAUSE_BREAK.search(low, m.end(), more.start()) else None
    return False

def names_effort(sentences_low: Iterable[str], low_text: str, context, effort_re: re.Pattern,
                 not_effort_re: re.Pattern) -> bool:
    """Whether the candidate did more than apply, as the recruiter's context or the lower-cased draft says (an
    interview, an exercise; not "we cannot invite you to interview")."""
    ctx = context or {}
    ctx_effort = " ".join(str(ctx.get(k) or "") for k in ("stage", "effort")).lower()
    # one search over the message first: most drafts mention no effort at all
    return bool(effort_re.search(ctx_effort)) or (bool(effort_re.search(low_text)) and any(
        effort_re.search(x) and not not_effort_re.search(x) for x in sentences_low))


# a thanks for the application alone ("Thanks for applying for the barista role"): all an application-only draft
# can thank the candidate for
_THANKS_FOR_APPLYING = re.compile(r"\b(?:thank(?:s| you)|many thanks)(?: again| so much| very much)? for (?:applying|"
                                  r"your (?:recent )?application|submitting your application)\b", re.I)
APPLICATION_EFFORT = "your application"

# when the draft met the candidate ("It was great to meet you last Wednesday."): the thanks that replaces the formula
# keeps the meeting and its time
_MET_WHEN = re.compile(r"\b(?P<verb>meet|speak|talk|chat)(?:t?ing)?\s+(?:with\s+|to\s+)?you\s+(?P<when>(?:last|this|on|"
                       r"yesterday|today|earlier)\b[^.,;!?\n]{0,30}?)\s*(?=[.,;!?]|$)", re.I)
_MET_AS = {"meet": "meeting us", "speak": "speaking with us", "talk": "talking with us", "chat": "chatting with us"}

# the message checks that only a rejection needs (an offer or a holding note gets none of them)
REJECTION_ONLY = frozenset({"structure.no_reason", "structure.generic_reason", "structure.no_next_step",
                            "structure.no_thanks_for_effort", "structure.buried_decision"})
LISTED_SAYS_SOMETHING = 0.2  # a bullet under a reason heading scoring this much names a real shortfall
REASON_GIVEN = 0.7  # a reason or decision sentence this specific (and no boilerplate) gives the real reason
# the lowest specificity at which the model vetoes a stock-reason phrase (`specific_threshold` of
# GENERIC_REASON_RULES): below it, a risky sentence needs no second look for one
STOCK_REASON_VETO = 0.5
# what a stock reason in a decision becomes when another sentence gives the real reason
BARE_DECISIONS = ("We've decided not to move forward with your application for the {role} role.",
                  "We've decided not to move forward with your application.")
REASON_ELSEWHERE = " Your draft gives a specific reason in another sentence: keep that one and cut this stock reason."
# a heading over a list ("Areas where other applicants were stronger:") is rewritten as a heading: the items
# under it stay its list, and they name what the role needed (eight words at most, as `_under_headings` reads one)
LIST_HEADING = "Where we needed to see more:"
# what a fix would say twice: a suggestion holding a fact (or the placeholder for it) that another sentence of the
# draft already gives is not offered (two findings each adding the reason, the opening or the praise, one after the
# other, left it in the draft twice)
ALREADY_SAID = (" Your draft already says what the suggestion would add ({what}) in another sentence: cut this "
                "sentence rather than rewrite it.")
# a risky sentence whose every rewrite would say again what the draft gives elsewhere (the reason, or its [slot]):
# what they did well takes its place, or it is cut
RISK_IN_PLACE = ("On the positive side, {strength_clause}.",)
RISK_SAID = " Your draft already gives {what} in another sentence: say what they did well here instead, or cut this sentence."
ALREADY_PENDING = (" Your draft already has a sentence for it ({what}): fill in its bracketed words rather than "
                   "adding another.")
# ... and a sentence of the draft's whose rewrite would give it again ("Another candidate was a better fit." beside an
# applied "The main reason is that the role needs [...]"): that one sentence says it, this one goes
ALREADY_PENDING_CUT = (" Your draft already has a sentence for it ({what}): fill in its bracketed words and cut this "
                       "sentence.")
# (the gap alone is no group member: the advice made from it, "building Kafka experience", holds it too)
_FACT_GROUPS = (("the reason", ("reason", "reason_short", "reason_np")), ("the advice", ("advice",)),
                ("the opening", ("opening",)), ("the praise", ("strength", "strength_clause")),
                ("what they did", ()))  # the effort is a short phrase ("the interview"): only its placeholder counts
# (the placeholders a suggestion leaves for each: a draft about a tenancy or an award has its own for the reason)
_FACT_SLOT = {"the reason": ("gap", "reason_no_role", "reason_np_no_role"), "the advice": ("advice",), "the opening": ("opening",),
              "the praise": ("strength",), "what they did": ("effort",)}
_THANKS_LEAD = re.compile(r"(?i)(?:thank(?:s| you)|many thanks)\b")
# a sentence that thanks the candidate ("Thank you for your interest ...", "We appreciate your time."): the thanks for
# their effort that a draft lacks is added to it, not put beside it
# (informal ones too: "Cheers for coming in", "Ta for your time", "Your time was much appreciated"; "I appreciate
# this isn't the news you hoped for", "We appreciate that ..." thank no one; "Cheers for now," is a closing)
_THANKS_SENTENCE = re.compile(r"(?i)(?:(?:thank(?:s| you)|many thanks|\bcheers|\bta)(?: again| so much| very much)? "
                              r"for(?! now\b)|"
                              r"(?:we|i) (?:really |truly |do |greatly )?(?:appreciate|value)(?! (?:that|this|it|how|what|why|"
                              r"if|there|the (?:fact|news))\b)|"
                              r"(?:we are|we['’]re|i am|i['’]m) (?:very |so |truly )?grateful|"
                              r"\b(?:much|greatly|really|truly|hugely) appreciated)\b")
# (a run of spaces and commas is matched from its start only: tried from each of its characters as well, a draft
# of 16,000 characters took five seconds)
_TRAILING_ADVERB = re.compile(r"(?i)(?<![\s,])[\s,]+(?:though|anyway|again|all the same)(?=[.!]*$)")  # "Thanks for applying though!"
# "I'm sorry to tell you that" said once: a rewrite of another sentence leaves it out (the cold fix of a formal letter
# gave "I'm sorry to tell you that the decision of the committee is final." after "I'm sorry to tell you that we ...")
# (a curly apostrophe too, "I’m sorry", and a sentence that opens with it, "Sorry, this isn't better news.")
# whom the draft tells the candidate to ask instead of replying ("For any queries kindly revert to your placement
# coordinator.", "please contact your university careers office"): a fix that invites questions points there
_NAMED_CONTACT = re.compile(
    r"\b(?:contact|revert to|reach out to|get in touch with|write to|speak to|speak with|talk to|direct (?:any |your )?"
    r"(?:questions|queries) to)\s+(?P<who>(?:your|the|our)\s+[\w'’&-]+(?:\s+[\w'’&-]+){0,4}?)"
    r"(?=\s*(?:[.,;:!?)]|$)|\s+(?:at|on|via|by|for|if|who|with|and|or)\b)", re.I)
_SAID_SORRY = re.compile(r"\b(?:i['’]m|i am|we['’]re|we are|i was|we were)\s+(?:so\s+|very\s+|truly\s+|really\s+)?sorry\b"
                         r"|(?:^|[.!?])[ \t]*(?:(?:so|very|truly|really)\s+)?sorry\b", re.M)
_SORRY_LEAD = re.compile(r"(?:^|(?<=; ))(?:I'm|I am|We're|We are) sorry,? (?:to (?:tell you|let you know|say) )?that ")
SORRY_SAID = " Your draft says it is sorry in another sentence already: reword this one in your own words, or cut it."
# an offer to talk the decision through that the draft already makes (the first of "This decision is final. No further
# correspondence will be entered into." rewritten into one): the other closed door is cut, not made a second offer
# (an offer: the writer's, or one the candidate is invited to take up; not advice to "talk through one real decision"
# in an interview, nor someone else who could "walk you through a logic model")
_OFFERED_TALK = re.compile(r"\b(?:talk|walk|go)\s+(?:you\s+)?(?:the\s+decision|it)\s+through\b"
                           r"|\b(?:i|we|me|us)\b[^.!?;\n]{0,40}?\b(?:talk|walk|go)\s+(?:you\s+)?through\b"
                           r"|\b(?:happy|glad|pleased)\s+to\b[^.!?;\n]{0,60}?\b(?:talk|walk|go)\s+(?:you\s+)?through\b"
                           r"|\b(?:help|like|want)\s+to\s+(?:talk|walk|go)\s+(?:you\s+)?through\b"
                           r"|\bhappy\s+to\s+(?:talk|chat|discuss|explain|go\s+over)\b")
OFFER_SAID = " Your draft already offers to talk the decision through in another sentence: cut this one."
FIXED_ABOVE = " An earlier sentence of your draft has the same fix, which covers this one: cut this one."
THANKS_IN_PLACE = " Name it in the thanks your draft already gives, rather than thanking twice."
MAX_REPEAT = 12  # the widest gap a pattern's *{n,m} may leave (as wide as the shipped rules use)
# a suggestion that still tells the candidate no
_SAYS_NO = re.compile(r"(?i)\b(?:decided|decision|not (?:to )?(?:move|moving|offer|offering|progress|proceed|going ahead|"
                      r"take|taking)|not moving forward|won't be|will not be|unsuccessful|not (?:been )?(?:selected|"
                      r"shortlisted|successful)|(?:unable|not (?:be )?able) to (?:proceed|progress|offer|move|take)|"
                      r"(?:can['’]?t|cannot|can not|couldn['’]t|could not) (?:offer|take|progress|proceed|move))")
_FORMULA_TAIL = re.compile(r"\s*(?:that\b|[,:;—–-])?\s*")
# a stock decision or reason after a formula ("... that we will not be proceeding with your application", "...
# applicants whose results more closely align with ..."): the plain stock decision replaces it, not its own words
_STOCK_DECISION = re.compile(r"(?i)\b(?:application|candidature|candidacy|profile|it will not|more closely|closer|"
                             r"better (?:match|suited|fit)|align)")
# who a formula leading a sentence speaks for ("We regret to inform you ...", "The committee regrets to ...")
_FORMULA_SUBJECT = re.compile(r"\s*(?:we|i|the (?:[\w-]+ ){0,3}?(?:committee|panel|board|team|company|department|"
                              r"programme|program|office))?\s*", re.I)


# regret or sympathy about the process, not a reason: "Sorry you couldn't make ...", "I know you struggled ..."
_REGRET = re.compile(r"(?i)\s*(?:(?:i'm|i am|we're|we are|i was|we were)\s+)?(?:so\s+|really\s+|very\s+)?"
                     r"(?:sorry|apologies|i know|we know|i understand|we understand|i appreciate|we appreciate)\b")


def _any_in(low: str, words) -> bool:
    """Whether lower-case `low` holds one of `words` (None: no test, True): a cheap test before a regex."""
    return words is None or any(w in low for w in words)


# a line that is only an opener ("Unfortunately:" heading a list of reasons): the model's tone labels read nothing in it
_BARE_OPENER = re.compile(r"(?i)\W*(?:unfortunately|sadly|regrettably|alas|however)\W*$")
_OPENER_BEFORE_COMMA = re.compile(r"(?i)(?:^|[.!?]\s+)(?:unfortunately|sadly|regrettably|however|so|therefore|again|"
                                  r"also|sorry|alas|ultimately|in the end|after careful consideration),\s*$")


def _to_follow_that(sentence: str) -> str:
    """`sentence` to follow "…that": its first word lower-cased unless it is "I", an acronym or a name.
    (Not `_lower_first`, which lowers only the words a clause gap starts with and keeps "Applicants" capital.)"""
    from .names import is_known_word

    first = re.match(r"[A-Za-z][\w'’-]*(?= ([A-Z])?)?", sentence)
    if not first or first.group() == "I" or first.group().isupper() or not is_known_word(first.group()) or (
            first.group(1) and first.group().lower() not in _LOWERABLE):  # a name of several ("Kestrel Ridge Systems")
        return sentence.rstrip()
    return sentence[:1].lower() + sentence[1:].rstrip()


# a form letter's words that a softened decision would keep ("... we regret to inform you that ...")
_STILL_FORMAL = re.compile(r"(?i)\b(?:regret|inform(?:ed)? you|hereby|(?:please|kindly) note)\b")
_REGRET_ADVERB = re.compile(r"^(?:unfortunately|sadly|regrettably|alas),?\s+(?=\S)", re.I)
# what "I'm sorry to tell you that" may lead: something unwelcome ("... will not be released", "below the cut-off")
_BAD_NEWS = re.compile(r"(?i)n't\b|\b(?:not|no|never|cannot|unable|unsuccessful|declined|rejected|closed|withdrawn|"
                       r"cancell?ed|filled|final|below|short of|without|only|deleted|archived)\b")


def _softened(sentence: str, template: str) -> str:
    """`sentence` put into `template` after "…that" ("I'm sorry to tell you that {sentence}"); "" where it cannot
    follow "that": a bullet or a fragment, a request ("…that please do not be discouraged"), or no bad news."""
    said = sentence.strip()
    if greeting := _GREETING_RUN_ON.match(said):  # "Hi Rob, we won't …": the greeting stays when applied
        said = said[greeting.end():]
    said = _INFORM_LEAD.sub("", said, count=1)  # "We are writing to inform you that the vacancy …"
    said = _REGRET_ADVERB.sub("", said, count=1)  # "Unfortunately, you did not …": the new lead says sorry
    if BULLET.match(said) or _REQUEST.match(said) or not _CLAUSE.search(said[:1].upper() + said[1:]) or (
            not _BAD_NEWS.search(said)):  # "I'm sorry to tell you that feedback is available on request"
        return ""
    return template.format(sentence=_to_follow_that(said))


# a decision's own reason, at its end: "... has been rejected as your typing speed was below the required 40 wpm."
# (not "as we have selected applicants who were a better match": a generic reason is no fact to keep). Linear on a
# long run of spaces: the space before the word starts at the run's start, and the clause ends at a character that
# is no space (a lazy clause before "\s*…$" retried the run's rest at every one of its spaces).
_OWN_REASON = re.compile(r"(?:,\s*|(?<![\s,])\s+)(?P<clause>(?:because|since|as|given that|due to|owing to)\s+(?:your|you|"
                         r"you're|the (?:role|post|position|job|team|scheme|programme)|this (?:role|post|position|job))\b"
                         r"(?:[^.!?]*[^\s.!?])?)\s*[.!?]*\s*$", re.I)
_GIVES_REASON = re.compile(r"\b(?:because|since|reason|as the role|as your|due to)\b|\[the one skill", re.I)


_NOT_SHORTLISTED = re.compile(r"\b(?:not|n't) (?:been )?(?:shortlisted|selected for (?:an )?interview|invited to (?:an )?interview)\b",
                              re.I)
_TO_YOU = re.compile(r"(?i)\byou\b")
_OFFER_DECISION = re.compile(r"\b((?:decided|chosen) )not to offer you\b")
# what a decision says was not offered when it is no role ("not be offering you a contract", "can't offer you a place in
# the company this time", "unable to offer you a tenancy"), and a suggestion's "not to offer you the ... role"
_OFFERED_THING = re.compile(
    r"(?i)\b(?:not|n't|unable to|no longer)\b[^.!?;]{0,30}?\boffer(?:ing)? you (?P<what>(?:a|an|the|this) (?:[\w-]+ ){0,2}?"
    r"(?:contract|place|spot|offer|tenancy|traineeship|pupillage|placement|residency|fellowship|scholarship|studentship)"
    r"(?: (?:on|in|at|with) (?:the|our) [^.,;!?]{1,40}?)?)(?= (?:this|at|on|for|because|as|since|due|after)\b|[.,;!?]|$)")
# (or a bare "a place" a draft about a place is given: "a place on the summer scheme" when the draft says so)
_OFFER_ROLE = re.compile(r"\b(not to offer you )(?:the (?:\[role\]|[^.,;\[\]]{1,60}?) role\b|a (?:place|spot)\b(?! (?:on|in) ))")
# the stage a decision says the candidate is not going on to ("not been shortlisted for the next round of the graduate
# scheme", "weren't selected for the final interview stage", "not invited to interview"), and a suggestion's decision
# that names a role or nothing in its place
_STAGE_NOT_REACHED = re.compile(
    r"(?i)(?:\bnot|n't)\s+(?:been\s+|be\s+)?(?:shortlisted|selected|invited|progress(?:ed|ing)?|taken|taking you|moved|"
    r"moving you|advanced|advancing|called|put)\b[^.;:!?]{0,30}?\b(?:for|to|into)\s+(?P<stage>(?:(?:the|an?|this|our)\s+)?"
    r"(?:(?:next|final|second|third|fourth|first|last|later|following|technical|hr|panel|onsite|on-site|interview|"
    r"video|phone|telephone|online|group|in-person|face-to-face|"
    r"assessment(?:\s+(?:centre|center|day))?)\s+)*"
    r"(?:round|stage|phase|interview|assessment(?:\s+(?:centre|center|day))?)s?"
    r"(?:\s+(?:of|for|in)\s+(?:the|our|this)\s+[\w'&-]+(?:\s+[\w'&-]+){0,4}?"
    # (and what that is for, to its end: "the next stage of the admissions process for a place on the Year 1 course", not
    # "... for a place" without what the place is on)
    r"(?:\s+(?:for|on|in|at)\s+(?:an?|the|our|this)\s+(?!(?:because|as|since|but|due|held|which)\b)[\w'&-]+"
    r"(?:\s+(?!(?:because|as|since|but|due|held|which)\b)[\w'&-]+){0,4}?){0,2})?)"
    r"(?=\s*(?:[.,;:!?]|$)|\s+(?:because|as|since|but|due|held|on|which)\b)")
_ROLE_DECISION = re.compile(r"\b(?:((?:decided|chosen) )not to (?:(?:offer you|shortlist you for) (?P<role>the [^.,;]{1,60}? role)|"
                            r"(?:offer you|shortlist you for) a (?:place|spot)(?: (?:on|in) the [^.,;]{1,60}?)?"
                            r"(?= because|[.,;]|$)|"
                            r"move forward with your application(?: for (?P<applied>the [^.,;]{1,60}? role))?)|"
                            r"(we(?:'re| are) )not moving forward\b)")
_STAGE_OF = re.compile(r"(?i)\s(?:of|for|in)\s")  # a stage that names what it is a stage of ("the final round of the scheme")


def _stage_of_role(stage: str, decision: re.Match) -> str:
    """The stage a decision rewrite names in place of the role, with the role the suggestion named kept after it
    ("the next round for the Research Associate role"); a role still a [slot], or a stage that already says what it
    is part of ("the final round of the graduate scheme"), is the stage alone."""
    role = decision["role"] or decision["applied"]
    if not role or "[" in role or _STAGE_OF.search(stage):
        return stage
    return f"{stage} for {role}"


# a shortfall against the criteria at large ("Your application did not meet the minimum qualifications for this post"):
# a stock reason, not a critique of the candidate's work
_STOCK_SHORTFALL = re.compile(r"(?i)\b(?:not|n't)\s+(?:fully\s+|quite\s+)?(?:meet|match|satisfy|fulfil|fulfill|reach|"
                              r"demonstrate|address)\s+(?:all\s+(?:of\s+)?)?(?:the|our|its|these)?\s*(?:[\w-]+\s+){0,2}?"
                              r"(?:requirements|criteria|qualifications|standards?|expectations|needs|bar)\b"
                              # (the noun ends its phrase: "did not address the standards process" is a critique)
                              r"(?!\s+(?!(?:for|of|in|at|to|and|or|as|that|which|we|you|on|this|set|stated|listed|"
                              r"established|required|expected|needed|closely|by|from|with|so|but|because|are|is|was|"
                              r"were|will|has|have)\b)[a-z])")


def _with_own_reason(suggestion: str, sentence: str) -> str:
    """`suggestion`, a decision, with the reason `sentence` gave kept at its end ("I'm sorry to tell you that we've
    decided not to offer you the role, as your typing speed was below …"); unchanged where there is none."""
    own = _OWN_REASON.search(sentence)
    if not own or _GIVES_REASON.search(suggestion) or not _SAYS_NO.search(suggestion):
        return suggestion
    return f"{suggestion.rstrip().rstrip('.')}, {own.group('clause')}."


_REFERENCE_LEAD = re.compile(r"(?:this is |this letter is |this email is )?(?:with|in) (?:reference|regard|respect|relation) "
                             r"to your (?P<what>application|interview|candidature|candidacy)\b", re.I)


def _reference_as_thanks(sentence: str) -> str:
    """"This is with reference to your interview for the post of X held on …" -> "Thank you for attending the
    interview for the post of X held on …"; "" where the sentence does not open so or goes on to a decision."""
    m = _REFERENCE_LEAD.match(sentence.strip())
    rest = sentence.strip()[m.end():] if m else ""
    if not m or "," in rest or _SAYS_NO.search(rest) or len(rest.split()) < 2:
        return ""
    what = m.group("what").lower()
    lead = "Thank you for attending the interview" if what == "interview" else f"Thank you for your {what}"
    return lead + rest


def _without_words(sentence: str, a: int, b: int) -> str:
    """`sentence` without [a, b) and the comma or space that went with it ("..., on this occasion, we ..."
    -> "..., we ..."; "moving forward at this time." -> "moving forward."); "" if too little is left."""
    before, after = sentence[:a].rstrip(), sentence[b:].lstrip()
    if before.endswith(",") and after[:1] in (",", ".", "!", "?", ";", ""):
        if after.startswith(",") and not _OPENER_BEFORE_COMMA.search(before):
            after = after[1:].lstrip()  # "We have, on this occasion, decided" -> "We have decided"
        before = before[:-1].rstrip() if not after.startswith(",") else before
        if before.endswith(",") and after.startswith(","):
            after = after[1:].lstrip()  # "Unfortunately, on this occasion, we" -> "Unfortunately, we"
    if after.startswith(",") and (not before or before[-1:] in ".!?:;"):
        after = after[1:].lstrip()
    joined = before + ("" if not before or not after or after[:1] in ".,!?;:" else " ") + after
    joined = joined.strip()
    if len(joined.split()) < 3:
        return ""
    return joined[:1].upper() + joined[1:]


def _without_formula(sentence: str, a: int, b: int, replace: dict, cut: bool = True) -> str:
    """`sentence` without the formula at [a, b): cut where it leads the sentence ("Kindly note that the
    documents ..." -> "The documents ..."), replaced where the rule says with what ("the above-mentioned
    post" -> "this post"); "" where neither applies."""
    words = sentence[a:b]
    low = re.sub(r"[\s_-]+", " ", words.lower()).strip()
    for k, v in replace.items():
        if low.endswith(re.sub(r"[\s_-]+", " ", k.lower())):
            head = words[:len(words) - len(k)] if words.lower().endswith(k.lower()) else ""
            head = re.sub(r"(?i)\b(?:the|this|that)\s*$", "", head)  # "the above-mentioned" -> "this", not "the this"
            nxt = re.match(r"\s*([A-Za-z]+)", sentence[b:])
            if v == "this" and nxt and nxt.group(1).lower().endswith("s") and not nxt.group(1).lower().endswith("ss"):
                v = "these"  # "the aforementioned positions" -> "these positions"
            if head or words.lower().endswith(k.lower()):
                new = sentence[:a] + head + v + sentence[b:]
                return new[:1].upper() + new[1:] if a == 0 else new
    if not cut or sentence[:a].strip():
        return ""
    rest = sentence[b:]
    m = _FORMULA_TAIL.match(rest)
    rest = rest[m.end():]
    if len(rest.split()) < 3:
        return ""
    return rest[:1].upper() + rest[1:]


# where a sentence's clauses meet: a harsh or risky clause is cut there and the rest of the sentence kept ("Your
# reconciliation had four errors and honestly you are not ready" -> "Your reconciliation had four errors.")
_CLAUSE_EDGE = re.compile(r"(?<!\s)\s*(?:[;:—–]|,\s*(?:and|but|so|however|which|as|since|because|though|although|while|"
                          r"given)\b|\s(?:and|but|which|because|though|although)\b(?=\s+(?:(?:frankly|honestly|"
                          r"clearly|simply|quite frankly|to be (?:honest|frank|blunt)),?\s+)?(?:you|your|it|this|that|they|we|i|he|"
                          r"she)\b))",
                          re.I)
# an intensifier a kept clause loses with its harsh neighbour ("badly below the bar" -> "below the bar")
_HARSH_INTENSIFIER = re.compile(r"(?i)\b(?:quite frankly|frankly|honestly|to be (?:honest|frank|blunt)|if i'?m (?:being )?"
                                r"honest|if i am (?:being )?honest|bluntly|badly|woefully|hopelessly|embarrassingly|"
                                r"painfully)\b,?\s*")
# words that keep a sentence near a protected characteristic when its risky clause is cut ("our top performers have
# mostly been women, and I felt a female rep ..."): no rest of such a sentence is offered
_PROTECTED_WORDS = re.compile(r"(?i)\b(?:wom[ae]n|m[ae]n|guys|lads|girls?|boys?|ladies|gentlem[ae]n|female|male|"
                              r"young\w*|old\w*|age[ds]?|generation|family|families|child\w*|kids?|married|marriage|"
                              r"husband|wife|partner|pregnan\w*|religio\w*|faith|church|mosque|temple|sabbath|shabbat|"
                              r"prayers?|accent|native|community|background|culture|cultural|health|medical|disab\w*|"
                              r"condition|local|nationality|race|ethnic\w*|look|looks|demo|demographic|youth\w*|"
                              r"fresher|years|recent|graduates?|elderly)\b")
# a rest that stops mid-thought ("We've decided to go with a candidate whose profile.", "we felt the team."): not offered
_DANGLING = re.compile(r"(?i)(?:\b(?:which|that|who|the|a|an|of|to|for|with|and|but|or|since|as|because|if|you|"
                       r"your|our|their)|\bwhose(?:\s+[\w'’-]+)?|\b(?:felt|feel|think|thought|believe|believed|said|"
                       r"mentioned|noticed|worried|saw)(?:\s+[\w'’-]+){0,2})\W*$")
# risks no other clause makes lawful: a promise of a job, another candidate's details (the whole sentence goes)
_WHOLE_RISKS = frozenset({"job_promise", "disclosure"})
HARSH_CUT = (" Keep what happened and drop the judgement of the person: cut or reword \"{words}\" rather than "
             "replacing the facts.")


def _without_clause(sentence: str, a: int, b: int, harsh: bool = True) -> str:
    """`sentence` without the clause holding [a, b), cut where clauses meet (`_CLAUSE_EDGE`), or "" where that
    clause is the whole sentence or too little is left. `harsh`: a verdict on the person, which may also be the
    first clause (where a colon, semicolon or dash ends it), and the words kept lose their intensifiers; otherwise
    only the sentence's last clause goes ("... site visits, which clash with your prayers")."""
    edges = [m for m in _CLAUSE_EDGE.finditer(sentence) if m.group().strip()]
    before = [m for m in edges if m.end() <= a]
    after = [m for m in edges if m.start() >= b]
    stop = re.search(r"[.!?]+[\"'’”)]*\s*$", sentence)
    end = stop.group().strip() if stop else ""  # a list item without its stop keeps none
    if before and (harsh or not after):
        kept = sentence[:before[-1].start()].rstrip(" ,") + (sentence[after[0].start():] if after else end)
    elif harsh and after and after[0].group().strip()[:1] in ";:—–":
        kept = sentence[after[0].end():].strip()
        bullet = BULLET.match(sentence)
        kept = (bullet.group() if bullet else "") + kept[:1].upper() + kept[1:]
    else:
        return ""
    if harsh:
        bullet = BULLET.match(kept)
        i = bullet.end() if bullet else 0
        capital = kept[i:i + 1].isupper()
        kept = kept[:i] + _HARSH_INTENSIFIER.sub("", kept[i:]).strip()
        kept = kept[:i] + (kept[i:i + 1].upper() if capital else kept[i:i + 1]) + kept[i + 1:]
    return kept if len(kept.split()) >= 4 else ""


# "someone who is younger and can handle the long hours at the site": the protected attribute is one of two things
# said of the person; the other, job-related one stays ("someone who can handle the long hours at the site")
_WHO_AND = re.compile(r"\b(?:who|that)\s+(?P<cut>(?:is|was|are|were)\s+[^,;.!?]*?\s+and\s+)(?=(?:can|could|has|had|is|"
                      r"was|will|would|holds|brings|knows|speaks)\b)", re.I)


# a first clause that remarks on the person ("you're a keen young fella", "you seem a lovely young lady")
_REMARK_ON_YOU = re.compile(r"\s*you(?:['’]re| are| seem| look| come across as)\b", re.I)


def _without_risk_words(sentence: str, a: int, b: int) -> str:
    """`sentence` without the risk term at [a, b), keeping what else it says: a relative clause's other attribute
    (`_WHO_AND`), a last clause cut (`_without_clause`), or what follows a remark on the person joined by "and" or
    "but" ("you're a keen young fella and I reckon you'd be a good fit once you've got your Cert II sorted": the
    advice stays); "" where nothing lawful is left. A greeting run into the sentence is left out: the fix keeps it."""
    kept = next((sentence[:m.start("cut")] + sentence[m.end("cut"):] for m in _WHO_AND.finditer(sentence)
                 if m.start("cut") < b and a < m.end("cut")), "") or _without_clause(sentence, a, b, harsh=False)
    if not kept:  # (only a remark on the person: "... young, so we won't ..." keeps no reasoning after the term)
        greeting = _GREETING_RUN_ON.match(sentence)
        edges = [m for m in _CLAUSE_EDGE.finditer(sentence) if m.group().strip()]
        after = next((m for m in edges if m.start() >= b), None)
        if after is None or any(m.end() <= a for m in edges) or after.group().strip(" ,").lower() not in (
                "and", "but") or not _REMARK_ON_YOU.match(sentence, greeting.end() if greeting else 0):
            return ""
        kept = sentence[after.end():].strip()
        if len(kept.split()) < 4:
            return ""
    if greeting := _GREETING_RUN_ON.match(kept):
        kept = kept[greeting.end():]
    return kept[:1].upper() + kept[1:]


MAX_GAPS = 3  # word gaps (*, *?, *{n,m}) in one pattern: each multiplies the matcher's partial matches
MAX_ELEMENTS = 16  # elements in one pattern (the shipped rules use at most 11)
MAX_ANCHOR_STARTS = 60  # a sentence holding a pattern's first word more often than this is not matched against it
ORG_WORK_BUDGET = 100_000  # an organisation's phrases per check: anchor starts x pattern weights (well under 1 s)
# an organisation's own phrases (REJECTCHECK_CONFIG, or a request's options): at most two gaps whose widths
# multiply to at most 16 ("*{0,6} ... *?"), and at least one word to anchor on
ORG_MAX_GAPS = 2
ORG_MAX_GAP_PRODUCT = 16
SKIPPED_PHRASES = ("A sentence repeats a word so often that {n} phrase rule{s} ({rules}) could not be checked in it "
                   "within the time a check may take; the rest of the message was checked.")


def _gap_width(tok: str) -> int:
    if tok == "*":
        return 1
    if tok == "*?":
        return 2
    m = re.fullmatch(r"\*\{(\d*),(\d*)\}", tok)
    return int(m.group(2) or 0) - int(m.group(1) or 0) + 1 if m else 1


def check_org_pattern(pattern: str) -> None:
    """Raise ValueError for an organisation's pattern that could make a check slow (see ORG_MAX_GAPS)."""
    tokens = pattern.split()
    gaps = [t for t in tokens if t.startswith("*")]
    if len(gaps) > ORG_MAX_GAPS:
        raise ValueError(f"pattern {pattern[:60]!r} has {len(gaps)} word gaps; your own phrases may have at most "
                         f"{ORG_MAX_GAPS}")
    product = 1
    for g in gaps:
        product *= _gap_width(g)
    if product > ORG_MAX_GAP_PRODUCT:
        raise ValueError(f"pattern {pattern[:60]!r}: its word gaps are too wide together (at most "
                         f"{ORG_MAX_GAP_PRODUCT} placements; '*{{0,6}}' alone has 7)")
    # a token whose every alternative is a word ("(a|#)" is not: a number can stand in for it)
    if not any(re.fullmatch(r"\(?[A-Za-z][\w'’-]*(?:\|[A-Za-z][\w'’-]*)*\)?", t) for t in tokens):
        raise ValueError(f"pattern {pattern[:60]!r} needs at least one word that must be there")


def _pattern_elements(pattern: str) -> list[list[list[dict]]]:
    """The alternatives of each element of a phrase pattern (see `_element`), once the pattern is checked."""
    tokens = pattern.split()
    gaps = sum(1 for t in tokens if t.startswith("*"))
    if gaps > MAX_GAPS:
        raise ValueError(f"pattern {pattern[:60]!r} has {gaps} word gaps (*, *?, *{{n,m}}); at most {MAX_GAPS} "
                         "keep a check fast")
    if len(tokens) > MAX_ELEMENTS:
        raise ValueError(f"pattern {pattern[:60]!r} has {len(tokens)} elements; at most {MAX_ELEMENTS}")
    elements = [_element(tok) for tok in tokens]
    if not elements:
        raise ValueError("empty pattern")
    total = 1
    for e in elements:
        total *= len(e)
    if total > MAX_EXPANSIONS:
        raise ValueError(f"pattern {pattern!r} expands to {total} variants; split it")
    return elements


def _can_match(spec: list[dict]) -> bool:
    """Whether a token pattern needs at least one token (one of optional tokens only would match nothing)."""
    return bool(spec) and any(d.get("OP") not in ("?", "*") and not str(d.get("OP", "")).startswith("{0")
                              for d in spec)


def compile_patterns(pattern: str) -> list[list[dict]]:
    """All Matcher token patterns one phrase pattern expands to."""
    out = [spec for combo in itertools.product(*_pattern_elements(pattern))
           if _can_match(spec := [d for seq in combo for d in seq])]
    if not out:
        raise ValueError(f"pattern {pattern!r} can match nothing")
    return out


def compile_factored(pattern: str) -> list[list[dict]]:
    """Fewer Matcher token patterns than `compile_patterns` gives, matching exactly the same spans (see
    `factor_specs`): the expansion is factored element by element, so the full product is never built."""
    keys = _SpecKeys()
    rows: list[tuple[tuple, list[dict]]] = [((), [])]
    for element in _pattern_elements(pattern):
        alternatives = [(tuple(keys.of(d) for d in seq), seq) for seq in element]
        rows = [(k + more, spec + seq) for k, spec in rows for more, seq in alternatives]
        if len(alternatives) > 1:  # (rows that all end alike stay as factored as they were)
            rows = _factor_rows(rows, keys)
    out = [spec for _, spec in rows if _can_match(spec)]
    if not out:
        raise ValueError(f"pattern {pattern!r} can match nothing")
    return out


class _SpecKeys:
    """Token specs as small numbers, equal for specs that match the same tokens; `words` holds the word set of each
    plain word spec (LOWER, no operator), the only kind factoring merges."""

    def __init__(self):
        self.ids: dict[object, int] = {}
        self.words: dict[int, frozenset] = {}

    def of(self, d: dict) -> int:
        if len(d) == 1 and "LOWER" in d:
            v = d["LOWER"]
            return self.of_words(frozenset(v["IN"]) if isinstance(v, dict) else frozenset((v,)))
        key = json.dumps(d, sort_keys=True)
        n = self.ids.get(key)
        if n is None:
            n = self.ids[key] = len(self.ids)
        return n

    def of_words(self, words: frozenset) -> int:
        n = self.ids.get(words)
        if n is None:
            n = self.ids[words] = len(self.ids)
            self.words[n] = words
        return n


def factor_specs(specs: list[list[dict]]) -> list[list[dict]]:
    """`specs` (one phrase pattern's expansions) as fewer Matcher patterns that match exactly the same spans.

    Expansions that are alike but for one plain word token (a LOWER set, no operator) are one pattern with the union
    of the two sets there: a span matches it where it matches one of them, token for token. Repeated to a fixed
    point, "(a_person|a_candidate|an_applicant) (who_is|who's|that_is)" (12 expansions) becomes "a (person|candidate)
    (who|that) is", "a (person|candidate) who 's", "an applicant (who|that) is", "an applicant who 's". Identical
    expansions go too. (An optional multi-word element still doubles what follows: spaCy's "?" applies to one token,
    and "a? b?" also matches "a" alone.)"""
    keys = _SpecKeys()
    return [spec for _, spec in _factor_rows([(tuple(keys.of(d) for d in spec), spec) for spec in specs], keys)]


def _factor_rows(rows: list[tuple[tuple, list[dict]]], keys: _SpecKeys) -> list[tuple[tuple, list[dict]]]:
    """`factor_specs` on (keys, spec) rows, each spec's tokens numbered by `keys`."""
    first: dict[tuple, list[dict]] = {}
    for k, spec in rows:
        first.setdefault(k, spec)  # an expansion twice is one
    rows = list(first.items())
    words = keys.words
    longest = max((len(k) for k, _ in rows), default=0)
    merged = True
    while merged and len(rows) > 1:
        merged = False
        for i in range(longest):
            groups: dict[object, list] = {}
            for n, (k, spec) in enumerate(rows):
                alike = (len(k), k[:i], k[i + 1:]) if len(k) > i and k[i] in words else n
                groups.setdefault(alike, []).append((k, spec))
            if len(groups) == len(rows):
                continue
            merged = True
            rows = []
            for group in groups.values():
                if len(group) == 1:
                    rows.append(group[0])
                    continue
                k, spec = group[0]
                union: dict[str, None] = {}
                for _, other in group:
                    v = other[i]["LOWER"]
                    union.update(dict.fromkeys(v["IN"] if isinstance(v, dict) else (v,)))
                rows.append((k[:i] + (keys.of_words(frozenset(union)),) + k[i + 1:],
                             spec[:i] + [{"LOWER": {"IN": list(union)}}] + spec[i + 1:]))
    return rows


def compile_pattern(pattern: str) -> list[dict]:
    """The first Matcher pattern of `pattern` (kept for callers of the old single-pattern API)."""
    return compile_patterns(pattern)[0]


# ---- rules -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    id: str
    category: str
    severity: str
    message: str
    rationale: str = ""
    patterns: tuple[str, ...] = ()
    unless: tuple[str, ...] = ()
    unless_overlapping: tuple[str, ...] = ()
    skip_if_specific: bool = False
    tone: str | None = None
    risk: str | None = None
    suggestions: tuple[str, ...] = ()
    examples: dict = field(default_factory=dict, compare=False)
    type: str = "phrase"
    requires: tuple[str, ...] = ()
    fix: str = "replace_sentence"
    params: dict = field(default_factory=dict, compare=False)

    @classmethod
    def from_dict(cls, d: dict) -> "Rule":
        for key in ("id", "category", "severity", "message"):
            if key not in d:
                raise ValueError(f"rule {d.get('id', '?')} lacks {key!r}")
        if d["category"] not in CATEGORIES or d["severity"] not in SEVERITIES:
            raise ValueError(f"rule {d['id']}: bad category or severity")
        if not re.fullmatch(r"[a-z0-9_]+(\.[a-z0-9_]+)+", d["id"]):
            raise ValueError(f"rule id {d['id']!r} is not dotted lower_snake")
        rtype = d.get("type", "phrase")
        fix = d.get("fix", "insert" if rtype == "structure" else "replace_sentence")
        if rtype not in RULE_TYPES or fix not in FIXES:
            raise ValueError(f"rule {d['id']}: bad type or fix")
        if rtype == "phrase" and not d.get("patterns"):
            raise ValueError(f"phrase rule {d['id']} has no patterns")
        for t in list(d.get("suggestions", ())) + [t for ts in ((d.get("params") or {}).get("suggestions_by_kind")
                                                                 or {}).values() for t in ts]:
            check_suggestion(t, d["id"])
        return cls(id=d["id"], category=d["category"], severity=d["severity"], message=d["message"],
                   rationale=d.get("rationale", ""), patterns=tuple(d.get("patterns", ())),
                   unless=tuple(d.get("unless", ())), unless_overlapping=tuple(d.get("unless_overlapping", ())),
                   skip_if_specific=bool(d.get("skip_if_specific", False)),
                   tone=d.get("tone"), risk=d.get("risk"), suggestions=tuple(d.get("suggestions", ())),
                   examples=d.get("examples", {}) or {}, type=rtype, requires=tuple(d.get("requires", ())),
                   fix=fix, params=dict(d.get("params", {}) or {}))


def org_phrase_rule(d, n: int = 0) -> Rule:
    """An organisation's own phrase (from the config file or per request) as a phrase rule.

    A plain string is a pattern; a dict is a rule (category boilerplate, severity low by default).
    Raises ValueError, naming the problem, for a rule that would not compile."""
    if isinstance(d, str):
        slug = re.sub(r"[^a-z0-9]+", "_", d.lower()).strip("_")[:40] or str(n)
        d = {"id": f"org.{slug}", "patterns": [d],
             "message": "Your organisation asks writers to avoid this phrase."}
    if not isinstance(d, dict):
        raise ValueError(f"a phrase is a pattern or a rule object, not {type(d).__name__}")
    d = {"category": "boilerplate", "severity": "low", "rationale": "Organisation setting.", **d}
    d["params"] = {**(d.get("params") or {}), "org": True}  # its matching counts against a check's budget
    if isinstance(d.get("patterns"), list) and all(isinstance(p, str) for p in d["patterns"]):
        d["patterns"] = list(dict.fromkeys(d["patterns"]))  # the same pattern twice is one pattern
    rule = Rule.from_dict(d)
    for pattern in (*rule.patterns, *rule.unless, *rule.unless_overlapping, *rule.requires):
        if not isinstance(pattern, str):
            raise ValueError(f"rule {rule.id}: a pattern is text, not {type(pattern).__name__}")
        try:
            check_org_pattern(pattern)
            _throwaway_matcher().add(rule.id, compile_patterns(pattern))
        except ValueError as exc:
            raise ValueError(f"rule {rule.id}: {exc}") from None
        except Exception as exc:  # spaCy's own checks of a token pattern
            raise ValueError(f"rule {rule.id}: pattern {pattern!r} is not valid ({exc.__class__.__name__})") from None
    return rule


def _throwaway_matcher():
    """A matcher on the shared vocabulary, to check that a pattern compiles."""
    from spacy.matcher import Matcher

    return Matcher(blank_pipeline().vocab)


# what `RuleEngine.apply` reads from a check's options: rule ids to drop, the lowest severity kept,
# extra phrase rules, and whether the phrase rules and the risk terms run (the audit profile's switches)
OPTIONS = ("disabled_rules", "severity_threshold", "phrases", "phrase_rules", "risk_rules")


def check_options(options) -> None:
    """Raise InputError, naming the problem, for check options that cannot be applied."""
    if options is None:
        return
    if not isinstance(options, Mapping):
        raise InputError(f"The options must be a mapping of option names to values, not {type(options).__name__}.")
    unknown = sorted(set(options) - set(OPTIONS))
    if unknown:
        raise InputError(f"Unknown option {unknown[0]!r}; the options are {', '.join(OPTIONS)}.")
    disabled = options.get("disabled_rules") or []
    if not isinstance(disabled, (list, tuple, set, frozenset)) or not all(isinstance(r, str) for r in disabled):
        raise InputError("options['disabled_rules'] must be a list of rule ids.")
    if options.get("severity_threshold") not in (None, *SEVERITY_RANK):
        raise InputError(f"options['severity_threshold'] must be one of {', '.join(SEVERITY_RANK)}.")
    for flag in ("phrase_rules", "risk_rules"):
        if not isinstance(options.get(flag, True), bool):
            raise InputError(f"options[{flag!r}] must be true or false.")
    phrases = options.get("phrases") or []
    if not isinstance(phrases, (list, tuple)):
        raise InputError("options['phrases'] must be a list of patterns or rule objects.")
    for i, d in enumerate(phrases):
        try:
            org_phrase_rule(d, i)
        except (ValueError, TypeError) as exc:
            raise InputError(f"options['phrases'][{i}]: {exc}") from None


_SLOT_NAME = re.compile(r"[a-z_]+")


def check_suggestion(template: str, rule_id: str = "?") -> None:
    """A suggestion template's slots are plain names in braces ("{role}"): no attribute or index
    access, no format specification, no conversion. Raises ValueError otherwise."""
    if not isinstance(template, str):
        raise ValueError(f"rule {rule_id}: a suggestion is text, not {type(template).__name__}")
    try:
        fields = list(string.Formatter().parse(template))
    except ValueError as exc:
        raise ValueError(f"rule {rule_id}: suggestion {template!r}: {exc} (write a literal brace as {{{{ or }}}})") from None
    for _, name, spec, conversion in fields:
        if name is not None and (not _SLOT_NAME.fullmatch(name) or spec or conversion):
            raise ValueError(f"rule {rule_id}: suggestion {template!r}: a slot is a lower-case name in braces, "
                             "such as {role}")
        if name is not None and name not in SLOTS:
            hint = _CONTEXT_SLOT.get(name)
            raise ValueError(f"rule {rule_id}: suggestion {template!r}: there is no slot {{{name}}}"
                             + (f" (the context's {name} fills {{{hint}}})" if hint else "")
                             + "; the slots are " + ", ".join("{" + k + "}" for k in SLOTS))


# context fields, and the slot each one fills
_CONTEXT_SLOT = {"candidate_name": "name", "recruiter_name": "recruiter", "upcoming_openings": "opening",
                 "strengths": "strength", "gaps": "gap"}


# ---- filling suggestions -------------------------------------------------------------------------

_CLAUSE_VERB = re.compile(
    r"\b(?:is|was|were|are|did|didn't|wasn't|weren't|had|has|have|showed|shown|came|gave|made|built|wrote|"
    r"explained|handled|asked|answered|stood|needed|lacked|hasn't|haven't|hadn't|could|couldn't|would|can|"
    r"can't|will|won't|struggled|missed|chose|used|led|ran|delivered|impressed)\b", re.I)
# the sender's own fields first: "{{recruiter.full_name}}" names the recruiter, not the candidate; and the company's
# before the candidate's: "[Company Name]", "{{company.name}}" name the company; and so does a role's name: "[Position
# Name]", "{{job_name}}" name the role
_MERGE_ROLES = (("recruiter", re.compile(r"recruiter|sender|hiring.?manager|my.?name|signature|user\.|owner", re.I)),
                ("company", re.compile(r"company|organi[sz]ation|employer|org\b|firm", re.I)),
                ("role", re.compile(r"\b(?:job|role|position|vacancy|post(?:ing)?)[\s_.-]*name", re.I)),
                ("name", re.compile(r"first|candidate|name", re.I)),
                ("role", re.compile(r"job|role|position|title|vacancy|post|requisition", re.I)))
# a field that holds a link, an id, a date or an address fills no slot: "See {{job_url}} for other openings",
# "[Job ID]", "%JOB_LINK%" are not the role ("your application for the {{job_url}} role")
# (a word of its own, "{{job_id}}", "{{interviewDate}}": not the "date" of "candidate")
_NO_SLOT_FIELD = re.compile(r"(?i:url|link|href|e-?mail|phone|number|reference)|(?<![A-Za-z])(?i:date)"
                            r"|(?<![A-Za-z])(?i:id|ref|no)(?![A-Za-z])|(?<=[a-z])(?:Id|Ref|No|Date)(?![a-z])")


_ITEM_BREAK = re.compile(r"\s*[;\n]\s*")  # a field written as one string of items: "no SQL; could not write a join"


def _first(v):
    """A context field's first item: of a list, or of a string whose items a semicolon or a line break parts
    (the whole string read as one gap gave "the role needs hands-on experience with SQL; could not write a join
    in the technical round, which you haven't had yet")."""
    if isinstance(v, (list, tuple)):
        return v[0] if v else None
    if isinstance(v, str):
        return next((item for item in _ITEM_BREAK.split(v) if item.strip()), v)
    return v


def _clean(v) -> str | None:
    if v is None:
        return None
    s = re.sub(r"\s+", " ", str(v)).strip().rstrip(".;,!?")
    return s or None


# a list marker that starts an item pasted from notes ("• ", "- ", "* ", "1. ", "2) "): not part of the item, which a
# suggestion quotes ("the role needs * experience ..."); "3.5 years" keeps its number (as the web form strips them)
_LIST_MARKER = re.compile(r"^\s*(?:[-*•◦▪‣–—]|\d{1,2}[.)])\s+")
# a first word capitalised only as the start of an item ("Experience", "Hands-on"); "SQL", "PyTorch", "iOS" are as named
_TITLE_WORD = re.compile(r"[A-Z][a-z]+(?:-[a-z]+)*")


@lru_cache(maxsize=1024)
def context_phrase(text: str) -> str:
    """A strength, gap or piece of advice as typed, made to read inside a sentence: its list marker, the whitespace
    around it and its closing full stop dropped, and its first letter in small type unless the first word is a name,
    an acronym or a proper noun ("• Experience running A/B tests." -> "experience running A/B tests"; "SQL joins",
    "Kubernetes in production", "Python testing", "London market knowledge" as typed). A known word that the lexicon
    does not list as a term is asked of the entity recogniser ("London", "Google"); each value once."""
    s = _clean(_LIST_MARKER.sub("", text)) or ""
    first = s.split(" ", 1)[0].rstrip(",;:")
    if not _TITLE_WORD.fullmatch(first):
        return s
    from .feedback import default_lexicon
    from .names import entity_label, is_known_word

    if not is_known_word(first) or first.lower() in default_lexicon().proper or entity_label(s, 0):
        return s
    return s[0].lower() + s[1:]


_ABOUT_THEM = re.compile(r"(?i)(?:you|your|she|he|they|her|his|their)\b")


def _is_clause(s: str) -> bool:
    # "you write clean code": a note addressed to the candidate is a clause whatever its verb, and so is one an
    # interviewer reports ("Dana said you seemed flustered", "the panel felt you rushed")
    from .feedback import _REPORTED

    if _CLAUSE_VERB.search(s) or re.match(r"(?i)you\b(?!r)", s):
        return True
    said = _REPORTED.match(s)  # (of the candidate: "Communication noted as strong" is a note, no report)
    return bool(said and _ABOUT_THEM.match(s, said.end()))


# a clause inside a noun phrase ("the way your case study showed the copy", "how you explained the trade-offs"): with
# its one verb it names a thing, and "although the way your case study showed the copy." reads unfinished
_NOUN_CLAUSE_HEAD = re.compile(r"(?i)(?:the\s+way|the\s+[a-z]+\s+(?:with|in|at)\s+which|how|what)\s")
_PAST_VERB = re.compile(r"(?i)\b[a-z]{3,}ed\b")


def _clause_as_noun(s: str) -> bool:
    """Whether `s` is a noun phrase holding a clause: a head such as "the way" and at most one verb (a sentence
    about it needs a second one: "the way you handled the outage stood out")."""
    if not _NOUN_CLAUSE_HEAD.match(s):
        return False
    verbs = {m.start() for m in _CLAUSE_VERB.finditer(s)} | {m.start() for m in _PAST_VERB.finditer(s)}
    return len(verbs) <= 1


# first words that a clause taken into the middle of a sentence writes in small letters ("Your SQL was
# weak" -> "... because your SQL was weak"); any other capital is kept ("Kubernetes was new to you")
_LOWERABLE = frozenset("the a an your you you're you'd you've their there this that these those it it's its we "
                       "we're our he she they his her my some no not one in on at for with while when as although "
                       "because since more less most both each every all any".split())


def _lower_first(s: str) -> str:
    first = s.split(" ", 1)[0]
    if len(s) > 1 and s[0].isupper() and first.lower().rstrip(",;:") in _LOWERABLE:
        return s[0].lower() + s[1:]
    return s


_SUBJECTLESS_GAP = re.compile(r"(?i)(?:lacks|lacked|needs|struggled|couldn't|could not|cannot|can't|didn't|did not|"
                              r"wasn't|was not|isn't|is not|has not|hasn't|had not|hadn't|no|not|weak|limited)\b")
# a topic that is a stage of the process ("technical interview: weak on ..."), and the subject a judged clause names
# for it ("... as strong as this role needs (on basic thermodynamics)")
_PROCESS_TOPIC = re.compile(r"(?i)\b(?:interview|test|round|exercise|assessment|case study|presentation|task|stage|screen|"
                            r"challenge|audition|trial)s?$")
_ON_WHAT = re.compile(r"\(on (?P<what>[^()]+)\)$")
# a gap the notes give as a topic weaker than the role needs ("weak on statistics" -> "statistics didn't come through
# as strongly as this role needs", "logical reasoning weak" -> "your logical reasoning was not yet as strong as ...")
_WEAK_TOPIC = re.compile(r"(?:your )?(?P<topic>[\w'&/+\- ]{2,60}?) (?:didn't come through as strongly|"
                         r"(?:was|were) not yet as strong) as (?:this|the) role needs$")
# a topic that is an action or a part of the interview, which "more hands-on practice with" cannot take
_VERB_TOPIC = re.compile(r"(?i)(?:the|your|a|an|explain|describe|write|design|build|answer|use|run|lead|manage|"
                         r"handle|present|walk|show|give|make|take|plan|test|debug|structure)\b")


# Context written the way scorecards are, made to read in a letter to the candidate:
# an imperative piece of advice ("practise timed tests") after "Next time, ... would make ..."
_IMPERATIVE = re.compile(
    r"(?i)(?:(?:you\s+)?(?:should|could|might|need\s+to|needs\s+to|ought\s+to|must|may\s+want\s+to)\s+)?"
    r"(?P<verb>practi[cs]e|build|take|get|try|learn|work|read|complete|gain|apply|focus|spend|join|do|develop|"
    r"improve|study|prepare|brush\s+up|revise|review|write|contribute|volunteer|shadow|seek|attend|earn|pass|"
    r"sit|finish|obtain|add|keep|use|explore|strengthen|deepen|broaden|lead|run|publish|make|create|refresh|"
    r"sharpen|polish|update|tailor|rework|record|set\s+up|look\s+into|consider|aim|go|find|put|show|include|"
    r"follow|watch|listen\s+to|ask|speak|register|enrol|enroll|sign\s+up|mentor|hone|highlight|emphasi[sz]e|"
    r"demonstrate|mention|bring|expand|clarify|describe|explain|quantify|reach\s+out|pick\s+up|dig\s+into|"
    # the steps of an application that a platform or a programme asks for ("submit a notarised authorisation")
    r"submit|resubmit|provide|upload|send|renew|secure|acquire|achieve|book)"
    r"\s+(?P<rest>\S.*)$")
# a stage named without its article ("final round", "trial shift"): "Thank you for the trial shift."
_DETERMINED = re.compile(r"(?i:the|a|an|your|our|this|that|these|those|each|every|both|all|two|three|four|"
                         r"several|last|yesterday's|today's|my|his|her|their|its|some|any|one|\d)\b|\w+'s\b|"
                         r"\w+ing\b|[A-Z\[{%]")
# a shortfall named as a noun ("a test score below our threshold of 75%"): not something the role needs
# ("under" is one only before a number or a bar: "under 40 wpm", "under the pass mark"; a condition or a framework is
# none: "confidence with IV drug calculations under time pressure", "experience of group consolidation under IFRS")
_SHORTFALL = re.compile(r"(?i)\b(?:below|under(?=\s+(?:(?:about|around|just)\s+)?(?:[£$€]?\d|(?:one|two|three|four|five|six|"
                        r"seven|eight|nine|ten|twelve|a|an|half\s+a)\s+(?:years?|months?|weeks?|days?|hours?|minutes?)\b|"
                        r"(?:the|our|your|a|an)\s+(?:[\w-]+\s+){0,2}?(?:threshold|pass|minimum|bar|benchmark|cut-?off|"
                        r"target|requirement|required|level|mark|standard|score|grade)\b|par\b))|short\s+of|"
                        r"less\s+than|fewer\s+than|lower\s+than|beneath|"
                        r"too\s+(?:few|little|low|short)|only|insufficient|inadequate|outside)\b")
# a score, speed or mark named bare before its shortfall ("typing speed below 35 wpm"): the candidate had one of them
_BARE_COUNT_SHORTFALL = re.compile(r"(?i)^(?!(?:a|an|the|your|his|her|their|our|no|one|any|some|each|every)\s)"
                                   r"[\w\-]+(?:\s+[\w\-]+){0,3}?\s+(?:score|speed|mark|result|rating|grade|gpa|"
                                   r"percentage|percentile|average|rate|time)\s+(?=(?:below|under|short\s+of|less\s+than|"
                                   r"lower\s+than|beneath|outside)\b)")


def _with_count_article(gap: str) -> str:
    """`gap` with "a" or "an" before a bare score, speed or mark ("a typing speed below 35 wpm"); else as given."""
    if not _BARE_COUNT_SHORTFALL.match(gap):
        return gap
    gap = _lower_first(gap)
    return ("an " if re.match(r"(?i)[aeiou]", gap) else "a ") + gap


# a gap that is the candidate's state, not a skill ("only available two days a week"): "you are only available …"
# ("free", "able" only before what follows them as a state: "free cash flow modelling", "able-bodied" are skills)
_STATE_GAP = re.compile(r"(?i)^(?:(?:only|not|never|still|currently|no\s+longer)\s+)?(?:(?:available|unavailable|"
                        r"eligible|ineligible|based|located|willing)(?![-'’\w])|(?:free|able|unable)\s+"
                        r"(?:to|until|till|from|on|for|before|after)\b)")
# a step the candidate has still to finish ("DBS check not yet done", "work permit not yet approved", "references
# outstanding"): the role does not "need DBS check not yet done"; their check is not yet done
# (a contraction is written onto its verb: "references haven't been received", "work permit isn't approved")
_PENDING_GAP = re.compile(r"(?i)^(?:(?:your|the|an?)\s+)?(?P<thing>[\w'’&/-]+(?:\s+[\w'’&/-]+){0,4}?)\s+"
                          r"(?:(?:is|are|was|were|has|have)(?:\s+|(?=n['’]t\b)))?(?:(?:still|currently)\s+)?"
                          r"(?:(?:not|n['’]t)\s+(?:yet\s+)?(?:been\s+)?"
                          r"(?P<state>done|completed?|in place|started|finished|submitted|obtained|cleared|received|"
                          r"ready|verified|approved|passed|issued|sorted)|(?P<wait>outstanding|pending))$")
# a thing the candidate has not done, in note form ("Kafka not used in production", "unit tests never written"): a
# clause with no verb of its own ("you haven't used Kafka in production")
_UNDONE_GAP = re.compile(r"^(?P<thing>[\w'’&/+#.-]+(?:\s+[\w'’&/+#.-]+){0,3}?)\s+(?P<never>not|never)\s+"
                         r"(?P<done>used|tested|deployed|written|built|run|shipped|managed|led|covered|shown|"
                         r"demonstrated|practi[sc]ed|mentioned|explained|discussed)\b(?P<rest>.*)$", re.I)
# a clause whose subject is the candidate's own work, named bare ("body copy ran long", "cover letter ran to four
# pages"): it is theirs ("your body copy ran long"); "the panel felt ...", "Kubernetes was new to you" are not
_BARE_SUBJECT = re.compile(r"^(?P<subject>[a-z][\w'’-]*(?:\s+[a-z][\w'’-]*){0,2}?)\s+(?:ran|was|were|had|lacked|needed|"
                           r"missed|came|went|felt|read|looked|took|ended|stopped|broke|failed)\b")
# ... or a thing named bare, as a note names it, before what it belongs to ("OR/CR of the motorcycle is not in your
# name", "registration of the vehicle was in another name"): "the OR/CR of the motorcycle" ("most of the", "one of
# your" count, and keep no article)
_BARE_OF_SUBJECT = re.compile(r"^(?P<head>(?!(?:most|some|none|all|each|one|two|three|both|many|few|several|half|any|lots|"
                              r"much|more|less|part|parts|rest|majority|neither|either|every|first|last)\b)"
                              r"[\w/&'’-]+)\s+of\s+(?:the|your|his|her|their|this|that|its)\s+[^,;]{1,60}?\s+"
                              r"(?:is|are|was|were|has|have|had|isn't|aren't|wasn't|weren't|hasn't|haven't|did|didn't|does|"
                              r"doesn't)\b", re.I)
_NOT_THEIRS = frozenset("you your the a an this that these those their his her my our its there it some any no one "
                        "each every we i they he she panel team interviewer interviewers hiring manager client clients "
                        "committee role job position company everyone nobody someone".split())
# a gap that is a quality of how the candidate performed ("tap section timing", "knife technique", "intonation in the
# upper register"): the role does not "need tap section timing"; their timing was not yet at the level it needs
_PERFORMANCE_GAP = re.compile(r"(?i)^(?!(?:a|an|the|your|their|his|her|some|any|more|better|stronger|good|great|"
                              r"strong|solid|real|enough|less)\s)(?:[\w'’/&-]+\s+){0,4}?(?:timing|tempo|rhythm|pacing|"
                              r"intonation|diction|projection|posture|footwork|technique|phrasing|musicality|"
                              r"articulation|enunciation|stage\s+presence|turnout|accuracy|precision|consistency|"
                              r"stamina|breath\s+control)(?:\s+(?:in|on|at|during|of|under)\s+[\w'’/&-]+(?:\s+[\w'’/&-]+){0,4})?$")
# ... or how the candidate did at a stage of the process ("error handling in the coding test", "crew resource management
# during the engine failure scenario", "advocacy in the mock hearing"): the role does not need the test; their work in it
# was not yet at its level
_IN_STAGE_GAP = re.compile(r"(?i)^(?!(?:a|an|the|your|their|his|her|some|any|more|better|stronger|good|great|strong|"
                           r"solid|real|enough|less|experience|knowledge)\s)(?P<topic>(?:[\w'’/&-]+\s+){0,4}?[\w'’/&-]+)"
                           r"\s+(?:in|during|on)\s+(?P<stage>(?:the|your)\s+(?:[\w'’/&-]+\s+){0,4}?(?:tests?|exercises?|"
                           r"interviews?|scenarios?|simulations?|case\s+study|presentation|assessment|audition|"
                           r"trial(?:\s+shift)?|tasks?|role-?play|take-home|practical|exam|hearing|moot|"
                           # (a cook's trial: "seasoning on the fish course", "knife work during the lunch service")
                           r"course|dish|dishes|plates?|starter|mains?|dessert|bake|service))$")
# ... where the stage is no more than a scenario within one, or a course, dish or service of a cook's trial shift: not
# what the candidate did for you, to thank them for ("Thank you for the fish course.")
_WITHIN_STAGE = re.compile(r"(?i)\b(?:scenarios?|simulations?|course|dish|dishes|plates?|starter|mains?|dessert|bake|"
                           r"service)$")
# a gap that names a part of the process ("the coding test's graph questions"): not something a role needs
# (the part heads the gap: it ends it, owns what follows or is what a phrase after it is about; "the test
# automation framework", "the ability to run assessments" are skills)
_PART_OF_PROCESS = re.compile(r"(?i)^the\s+(?:(?!to\b)[\w'’-]+\s+){0,5}?(?:tests?|exercises?|interviews?|rounds?|"
                              r"case\s+stud(?:y|ies)|tasks?|presentations?|assessments?|questions?|answers?|stages?|"
                              r"challenges?)(?:['’]s\b|\s+(?:on|in|about|around|for|of|at|with|during)\b|\s*$)")
# notes about the candidate in the third person ("Her roadmap exercise ...", "She had not used Jira")
_THIRD_PERSON_VERBS = {"was": "were", "is": "are", "has": "have", "does": "do", "wasn't": "weren't",
                       "isn't": "aren't", "hasn't": "haven't", "doesn't": "don't", "'s": "'re"}
_THIRD_PERSON = re.compile(r"^(?:(?P<poss>her|his|their|the\s+candidate['’]s|candidate['’]s)|"
                           r"(?P<subj>she|he|the\s+candidate|candidate))\b(?P<rest>.*)$", re.I | re.S)


_PERFECT = re.compile(r"(?i)\s+(?:(?:not|never|already|only|just|yet|also)\s+)*(?:\w+ed|been|done|got|had|seen|"
                      r"shown|built|run|led|written|taken|given|made|worked|grown|won|held|spent|kept|met)\b")


# "her" or "his" before the word it owns, inside a note about the candidate ("at her last job"); "her" before a
# preposition, article or conjunction is an object ("we asked her to", "gave her the brief") and stays
_INNER_POSSESSIVE = re.compile(r"(?<=\s)(?:her|his)(?=\s+(?!(?:to|and|or|but|in|on|at|with|for|about|that|when|a|an|"
                               r"the|as|from|through|into|up|out|off|over|back|some|any|if|because|so)\b)[a-z])")


def _to_candidate(text: str) -> str:
    """A strength or gap written about the candidate, addressed to them ("Her SQL ..." -> "Your SQL ...";
    "... at her last job" -> "... at your last job")."""
    return _INNER_POSSESSIVE.sub("your", _lead_to_candidate(text))


def _lead_to_candidate(text: str) -> str:
    """`text` with its leading third-person subject or possessive addressed to the candidate."""
    m = _THIRD_PERSON.match(text)
    if not m:
        return text
    rest = m.group("rest")
    if m.group("poss"):
        return "Your" + rest if text[0].isupper() else "your" + rest
    you = "You" if text[0].isupper() else "you"
    # "He clearly knows ...": an adverb stays, the verb after it agrees
    adverb = re.match(r"\s+(?:[a-z]+ly|sometimes|often|always|never|also|still|usually|really|just)\b", rest, re.I)
    lead, rest = (rest[:adverb.end()], rest[adverb.end():]) if adverb else ("", rest)
    verb = re.match(r"(\s*)(['’]s|[\w'’]+)(.*)$", rest, re.S)
    if not verb:
        return text
    space, word, tail = verb.group(1), verb.group(2).replace("’", "'"), verb.group(3)
    if word == "'s" and not lead:  # "He's not yet used Kafka": has; "She's a strong coder": is
        return you + ("'ve" if _PERFECT.match(tail) else "'re") + tail
    low = word.lower()
    if low in _THIRD_PERSON_VERBS:
        return you + lead + space + _THIRD_PERSON_VERBS[low] + tail
    if low.endswith("ed") or low in _SUBJECT_NEUTRAL:  # "explained", "had", "could", "didn't": as written
        return you + lead + rest
    base = _de_inflect(low)
    if base is not None:  # "writes" -> "write", "tries" -> "try"
        return you + lead + space + base + tail
    return text  # not a verb we can be sure of: the recruiter's words, as written


# verbs whose form is the same after "you" as after "she" (past, modal, negated past)
_SUBJECT_NEUTRAL = frozenset("had could would should might must can will did didn't couldn't wouldn't shouldn't "
                             "can't cannot won't hadn't mightn't may went made gave took got came ran led built "
                             "wrote spoke thought knew found showed shown seemed felt kept held left brought "
                             "chose struggled never also still always often really clearly".split())


def _de_inflect(word: str) -> str | None:
    """The base form of a third-person present verb ("writes" -> "write"), or None if `word` is not one."""
    if not word.endswith("s") or word.endswith("ss") or len(word) < 4:
        return None
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses", "xes", "zes", "oes", "cuses")):
        return word[:-2]
    return word[:-1]


_STAGE_WORDS = frozenset("final first second third panel phone video technical trial assessment onsite on-site "
                         "online written take-home application interview interviews screening case group".split())
# the other words of a stage an ATS writes in Title Case ("Phone Screen", "Final Round Interview")
_STAGE_NOUNS = _STAGE_WORDS | frozenset("screen round call day stage test centre center study exercise presentation "
                                        "shift lesson task challenge review meeting chat session loop".split())


def _stage_phrase(stage: str) -> str:
    first = stage.split(" ", 1)[0]
    if first[:1].isupper() and first.lower() in _STAGE_WORDS and not first.isupper():
        # "Final round" -> "the final round"; "Phone Screen" -> "the phone screen", a name stays ("Python")
        stage = " ".join(w.lower() if w[:1].isupper() and not w.isupper() and w.lower() in _STAGE_NOUNS else w
                         for w in stage.split(" "))
    words = stage.split()
    if len(words) > 1 and all(w[:1].isupper() for w in words) and words[-1].lower() in _STAGE_NOUNS:
        return "the " + stage  # an event in Title Case: "the Python Pairing Session", "the Assessment Day"
    if _DETERMINED.match(stage):
        return stage
    return ("your " if stage.lower().startswith(("application", "applications", "cv", "résumé", "resume",
                                                  "portfolio", "submission", "cover letter")) else "the ") + stage


# words that make the "verb" before them a noun: "work experience", "use of pivot tables", "practice tests"
_NOUN_FOLLOWERS = frozenset("of experience ethic history sample samples placement placements skills skill test tests "
                            "case cases paper papers question questions interview interviews exam exams problem "
                            "problems set sets round rounds session sessions log logs record records notes portfolio "
                            "shadowing plan plans".split())


def _advice_phrase(advice: str) -> str:
    m = _IMPERATIVE.match(advice)
    if not m or m.group("rest").split()[0].lower().strip(",.;") in _NOUN_FOLLOWERS:
        return advice
    from .feedback import _gerund, gerund_alternatives

    return f"{_gerund(m.group('verb'))} {gerund_alternatives(m.group('rest'))}"


# a gap that is built up over time, not practised: "a (track) record of ...", "a portfolio of ..."
_BUILT_UP = re.compile(r"(?i)^(?:an?\s+)?(?:(?:proven|strong|solid|clear|published)\s+)?(?:track\s+)?(?:record|portfolio|"
                       r"body of work|publication record)\s+(?:of|in|with)\s+\S")


# knowledge, not practised but built: "knowledge of GDPR", "commercial awareness", "a working understanding of ..."
_KNOWN = re.compile(r"(?i)^(?:[\w-]+\s+){0,2}?(?:knowledge|understanding|awareness|grasp|familiarity|appreciation)\b")
# a skill named by what one does, its verb's -ing form before what it is done to ("presenting to senior stakeholders",
# "structuring answers with a clear plan", "handling complaints"): practised by doing it, not "practice with presenting"
# (not a noun that ends in -ing: "forecasting", "accounting standards", "testing frameworks")
# training is completed ("crowd safety training"), evidence gathered ("evidence of community demand")
_TRAINING = re.compile(r"(?i)^(?!(?:training|coaching)\b)(?:[\w'/&+-]+\s+){0,4}?(?:training|induction)$")
_EVIDENCE = re.compile(r"(?i)^(?:(?:clear|clearer|more|better|stronger|some|any|written|documented)\s+)?(?:evidence|examples)\s+"
                       r"(?:of|that|for)\s")
_DOING = re.compile(r"(?i)^(?P<verb>[a-z]{3,}ing)\s+(?P<next>[\w'’-]+)")
_ING_NOUNS = frozenset("accounting advertising banking bookkeeping budgeting building catering clothing computing cooking "
                       "engineering financing forecasting funding housing landscaping manufacturing marketing modelling "
                       "modeling nursing onboarding planning plumbing pricing printing programming publishing purchasing "
                       "recruiting reporting scheduling seasoning shipping staffing testing tooling training tutoring "
                       "underwriting wiring writing".split())
_DOING_NEXT = frozenset("to with for in on at under about from into across a an the your their its our his her them "
                        "people others customers clients patients stakeholders".split())


# a gap's head: its words before the first preposition ("reflection" of "reflection on your placement experience";
# "hands-on experience" of "hands-on experience with Kafka"): "experience" built up is the head's, not a word after it
_GAP_HEAD = re.compile(r"(?i)(?P<head>.+?)\s+(?:on|in|with|for|to|at|about|from|into|across|during|around|of|within)\s")
_EXPERIENCE_HEAD = re.compile(r"(?i)\bexperience\b|^(?:[\w+-]+\s+){0,3}?of\s+(?:[\w-]+\s+)?experience\b")  # "years of experience"
# a head that is one act of thinking or studying, which there is more of to do ("more reflection on ...", "more analysis
# of ...")
_ACT_NOUN = re.compile(r"(?i)(?:critical\s+|deeper\s+|careful\s+)?(?:reflection|analysis|evaluation|consideration|research|"
                       r"preparation|attention|thought)")


def _advice_from_gap(gap: str) -> str:
    from .feedback import held_advice

    held = held_advice(gap)
    if held:  # "a safeguarding certificate": getting one, nothing to practise ("a job market paper ...": writing one)
        return held
    g = re.sub(r"^(?:more|stronger|deeper|some|real|enough)\s+", "", gap, flags=re.I)
    head = _GAP_HEAD.match(g)
    if _EXPERIENCE_HEAD.search(head.group("head") if head else g) or _EXPERIENCE_HEAD.match(g) or _BUILT_UP.match(g):  # "a record of external ..."
        return f"building {g}"
    if head and _ACT_NOUN.fullmatch(head.group("head")):  # "reflection on your placement experience": more of it
        return f"more {g}"
    if _TRAINING.search(g):  # "completing crowd safety training", "completing an induction course"
        return f"completing {g}"
    if _EVIDENCE.match(g):  # "gathering evidence of community demand"
        return f"gathering {g}"
    if _KNOWN.match(g):  # "building your knowledge of GDPR", "building a working understanding of cloud costs"
        return f"building {g}" if re.match(r"(?i)(?:an?|the|your|their|some)\s", g) else f"building your {g}"
    if re.match(r"(?i)an?\s", g):  # a thing to produce or grow ("a clear plan for ...", "an eye for detail")
        return f"developing {g}"
    if _doing(g):
        return f"more practice {g}"
    return f"more hands-on practice with {g}"


def _doing(gap: str) -> bool:
    """Whether `gap` names a skill by what one does to something ("presenting to senior stakeholders")."""
    doing = _DOING.match(gap)
    return bool(doing) and doing["verb"].lower() not in _ING_NOUNS and (
        doing["next"].lower() in _DOING_NEXT
        or doing["next"].lower().endswith("s") and doing["next"].lower() not in _NOUN_FOLLOWERS)


# The context fields the checker reads (the API's CheckContext, and "name" for candidate_name)
CONTEXT_FIELDS = ("candidate_name", "name", "role", "company", "stage", "effort", "strengths", "gaps", "advice",
                  "interviewer_notes", "upcoming_openings", "recruiter_name", "timeframe")


def unread_context_fields(context: dict | None) -> list[str]:
    """A warning for each context field the checker does not read (the API refuses them; from Python they
    would be ignored without a word), naming the field it most likely stands for."""
    out = []
    for key in context or ():
        if key in CONTEXT_FIELDS:
            continue
        low = key.strip().lower().replace(" ", "_").replace("-", "_")
        like = [low] if low in CONTEXT_FIELDS else (
            [f for f in CONTEXT_FIELDS if len(low) >= 4 and f.endswith("_" + low)]
            or difflib.get_close_matches(low, CONTEXT_FIELDS, n=1, cutoff=0.75))
        hint = f" (did you mean {like[0]!r}?)" if like else ""
        out.append(f"context field {key!r} is not read by the checker{hint}; it was ignored. "
                   f"The fields it reads: {', '.join(f for f in CONTEXT_FIELDS if f != 'name')}.")
    return out


def clean_context(context) -> dict | None:
    """The recruiter's context as the rules read it: field name -> text or list of text. Numbers
    become text; anything else (a nested object, a context that is not a mapping) is an InputError
    that names the field."""
    if context is None:
        return None
    if not isinstance(context, Mapping):
        raise InputError(f"The context must be a mapping of field names to values, not {type(context).__name__}.")
    out: dict = {}
    for key, value in context.items():
        if not isinstance(key, str):
            raise InputError(f"Context field names are text, not {type(key).__name__} ({key!r}).")
        if value is None or isinstance(value, str):
            out[key] = value
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            out[key] = str(value)
        elif isinstance(value, (list, tuple)) and all(
                isinstance(v, str) or (isinstance(v, (int, float)) and not isinstance(v, bool)) for v in value):
            out[key] = "\n".join(map(str, value)) if key == "interviewer_notes" else [str(v) for v in value]
        else:
            raise InputError(f"context[{key!r}] must be text or a list of text, not {type(value).__name__}.")
    return out


# an opening the recruiter gave with its own determiner or owner ("the May intake", "Acme's graduate scheme") is
# used as written; a bare one ("September intake", "reporting analyst role in Durban") gets one
_OWN_OPENING = re.compile(r"(?i)(?:a|an|the|our|their|your|my|this|that|these|those|one|two|three|four|five|several|some|"
                          r"any|another|\d+)\b|\S+['’]s\s")


def context_values(context: dict | None, draft_text: str = "", draft_facts: bool = True) -> dict:
    """Slot values the context (or the draft's own merge fields) supplies; missing facts are absent.
    `draft_facts=False` leaves out the role and the signature the draft states where no gap needs the
    role now (`SlotFiller` adds them with `add_draft_facts` when a template asks for them)."""
    ctx = dict(context or {})
    own_gap = bool(ctx.get("gaps"))  # the recruiter's words (notes give gaps already written as clauses)
    if ctx.get("interviewer_notes") and not (ctx.get("strengths") and ctx.get("gaps")
                                             and ctx.get("upcoming_openings")):
        from .feedback import notes_to_context  # lexicon-only: safe strengths and gaps, never risky remarks

        # the notes fill what the fields leave out (strengths given, the gap and the opening from the notes)
        for k, v in notes_to_context(ctx["interviewer_notes"], ctx.get("candidate_name") or ctx.get("name")).items():
            if not ctx.get(k):
                ctx[k] = v
    values: dict[str, str] = {}
    mapping = {"name": ctx.get("candidate_name") or ctx.get("name"), "role": ctx.get("role"),
               "company": ctx.get("company"), "stage": ctx.get("stage"),
               "effort": ctx.get("effort") or ctx.get("stage"),
               "strength": _first(ctx.get("strengths")), "gap": _first(ctx.get("gaps")),
               "advice": _first(ctx.get("advice")), "opening": _first(ctx.get("upcoming_openings")),
               "recruiter": ctx.get("recruiter_name"), "timeframe": ctx.get("timeframe")}
    for k, v in mapping.items():
        # (a strength, gap or piece of advice goes inside a sentence: "the role needs experience with ...", not
        # "needs Experience with ....")
        v = context_phrase(v) if k in ("strength", "gap", "advice") and isinstance(v, str) else _clean(v)
        if v:
            values[k] = v
    for k, tidy in (("strength", _to_candidate), ("gap", _to_candidate), ("advice", _advice_phrase),
                    ("stage", _stage_phrase), ("effort", _stage_phrase)):
        if k in values:
            values[k] = tidy(values[k])
    opening = values.get("opening")
    if opening and not _OWN_OPENING.match(opening) and not ANY_MERGE_FIELD.search(opening):
        from .feedback import opening_phrase

        # "{opening} may suit you": "a place in our September intake"; a phrase that would lose words of the
        # recruiter's ("ops team in Leeds" is no "Leeds role") gets "the"
        phrase = opening_phrase(opening)
        values["opening"] = phrase if opening in phrase else f"the {opening}"
    if "role" in values:  # templates say "the {role} role": "the Senior Analyst role" is given as "Senior Analyst"
        values["role"] = _ROLE_WRAPPING.sub("", values["role"]) or values["role"]
    merged: dict[str, str] = {}
    # Merge fields already in the draft fill the slots they stand for, before the context: a template
    # ("the {{job.title}} role") stays a template that the ATS fills for each candidate. (An HTML body's fields are
    # read from its text: "&lt;&lt;Job Title&gt;&gt;" is the field "<<Job Title>>", and a link's
    # '<a href="{{job_url}}">' is none.)
    fields = markup_words(draft_text) if draft_text and "<" in draft_text and looks_like_html(draft_text) else draft_text
    for m in MERGE_FIELD.finditer(fields) if fields and may_hold_merge_field(fields) else ():
        if _NO_SLOT_FIELD.search(m.group(0)):
            continue
        for slot, pat in _MERGE_ROLES:
            if pat.search(m.group(0)):
                if slot not in merged:
                    values[slot] = merged[slot] = m.group(0)
                break
    plain = _draft_plain(draft_text)
    # The name the draft's own greeting uses ("Hi Sam,") is a fact the recruiter already wrote.
    if "name" not in values and plain:
        g = _GREETING_NAME.match(plain)
        words = g.group("name").split() if g else ()
        if words and all(w[0].isupper() and w.lower() not in _NOT_NAMES for w in words):
            values["name"] = (g.group("title") or "") + g.group("name")  # "Ms. Shah" stays formal
    if draft_facts or values.get("gap"):
        add_draft_facts(values, plain)
    if "strength" in values:
        s = values["strength"]
        # "great attitude" is the candidate's: "your great attitude stood out to us"
        from .feedback import quality_clause

        # "calm under pressure on the pass" is how the candidate was, not "your calm under pressure …"
        noun = _clause_as_noun(s)  # "how you explained the trade-offs" stood out to us
        clause = _is_clause(s) and not noun
        quality = None if clause else quality_clause(s)
        values["strength_clause"] = _lower_first(s) if clause else quality or (
            f"{s[:1].lower() + s[1:] if noun else s if _DETERMINED.match(s) else 'your ' + s} stood out to us")
    if "gap" in values:
        g = values["gap"]
        judged = None
        # (a draft about a grant, a tenancy or a place names no role: its reasons speak of none)
        no_role = "role" not in values and values.get("reason") == SLOTS["reason_no_role"]
        # a clause with its subject is the recruiter's sentence, kept as written ("Your SQL was slow")
        if own_gap and (not _is_clause(g) or _CLAUSE_VERB.match(g) or _SUBJECTLESS_GAP.match(g)):
            from .feedback import VerbPhrase, gap_clause

            judged = gap_clause(g)
        if judged:  # "lacks Kafka experience" -> "this role needs hands-on experience with Kafka, which ..."
            clause, topic = judged
            values.pop("gap")
            if topic and _PROCESS_TOPIC.search(topic):
                # "technical interview: weak on basic thermodynamics": practice is for the subject, not the interview
                on = _ON_WHAT.search(clause)
                topic = on.group("what") if on else None
            values["reason"] = values["reason_short"] = clause
            held = bool(topic) and topic.startswith(("a ", "an ")) and _advice_from_gap(topic).startswith(
                ("getting ", "writing "))  # a credential or a paper to get or write ("a first-author paper on ...")
            # "Kafka", not "explain the failover design" nor what the candidate did not do ("greet customers")
            if topic and (held or not (_VERB_TOPIC.match(topic) or isinstance(topic, VerbPhrase))):
                values.setdefault("advice", _advice_from_gap(topic))
        elif pending := _PENDING_GAP.match(g):  # "DBS check not yet done": a step the candidate has still to finish
            values.pop("gap")
            thing, state = pending.group("thing"), pending.group("state")
            last = thing.split()[-1]
            verb = "are" if last.endswith("s") and not last.endswith("ss") and not last.isupper() else "is"
            values["reason"] = values["reason_short"] = (
                f"your {thing} {verb} not yet {state}" if state else f"your {thing} {verb} still {pending.group('wait')}")
            values.setdefault("advice", f"getting your {thing} {state or 'in'}")
        elif _STATE_GAP.match(g):
            values.pop("gap")
            values["reason"] = values["reason_short"] = f"you are {g}"
        elif _PART_OF_PROCESS.match(g) and not _is_clause(g):
            values.pop("gap")
            values["reason"] = values["reason_short"] = f"the part you found hardest was {g}"
        elif g.lower().startswith("your ") and not _is_clause(g):  # "your answers on caching": the candidate's own
            values.pop("gap")
            values["reason"] = values["reason_short"] = f"{_lower_first(g)} did not come through as strongly as the role needs"
        elif _SHORTFALL.search(g) and not _is_clause(g):
            # "a Watson Glaser score below our threshold": what the candidate had, not what the role needs
            values.pop("gap")
            values["reason"] = values["reason_short"] = f"you had {_with_count_article(g)}"
        elif (undone := _UNDONE_GAP.match(g)) and not _CLAUSE_VERB.search(undone["thing"]):
            # "Kafka not used in production": "you haven't used Kafka in production" ("you had not used Jira": a clause)
            values.pop("gap")
            thing = _lower_first(undone.group("thing"))
            done = ("have never " if undone.group("never").lower() == "never" else "haven't ") + undone["done"].lower()
            values["reason"] = values["reason_short"] = f"you {done} {thing}{undone.group('rest')}"
            values.setdefault("advice", _advice_from_gap(thing))
        elif (_PERFORMANCE_GAP.match(g) or _IN_STAGE_GAP.match(g)) and not _is_clause(g):
            from .feedback import _plural

            values.pop("gap")
            role = f"the {values['role']} role" if "role" in values else "this role"
            staged = _IN_STAGE_GAP.match(g)  # practice on the skill, not on "error handling in the coding test"
            was = "were" if staged and _plural(staged["topic"]) else "was"  # "your SQL joins in the test were"
            values["reason"] = f"your {g} {was} not yet at the level " + ("we were looking for" if no_role else f"{role} needs")
            values["reason_short"] = f"your {g} {was} not yet at the level " + (
                "we were looking for" if no_role else "the role needs")
            values.setdefault("advice", f"more practice on your {staged['topic'] if staged else g}")
            if staged and not _WITHIN_STAGE.search(staged["stage"]):  # "Thank you for the coding test."
                values.setdefault("effort", "the " + staged["stage"].split(None, 1)[1])
        elif _is_clause(g):
            # "you hadn't used Kafka" is a reason, not a noun phrase: templates that need the gap as a
            # noun ("a candidate who had {gap}") keep their slot for the recruiter
            values["reason"] = values["reason_short"] = _lower_first(values.pop("gap"))
            weak = _WEAK_TOPIC.match(values["reason"])  # the notes' "weak on statistics": practice with statistics
            if weak and not _VERB_TOPIC.match(weak["topic"]) and not _PROCESS_TOPIC.search(weak["topic"]):
                values.setdefault("advice", _advice_from_gap(weak["topic"]))
            bare = _BARE_SUBJECT.match(values["reason"])
            if bare and not _NOT_THEIRS.intersection(bare.group("subject").split()):
                values["reason"] = values["reason_short"] = "your " + values["reason"]  # "your body copy ran long"
            elif (of := _BARE_OF_SUBJECT.match(values["reason"])) and of.group("head").lower() not in _NOT_THEIRS:
                values["reason"] = values["reason_short"] = "the " + values["reason"]  # "the OR/CR of the motorcycle"
        else:
            from .feedback import credential_phrase

            g = credential_phrase(g) or g  # "safeguarding certificate": the role needs a safeguarding certificate
            role = f"the {values['role']} role" if "role" in values else "this role"
            # (what one does is done by someone skilled at it: "the role needs someone skilled at presenting to ...")
            need = f"someone skilled at {g}" if _doing(g) else g
            if no_role:  # a grant, a tenancy, a place: what the panel looked for ("we were looking for a realistic budget")
                values["reason"] = values["reason_short"] = values["reason_np"] = f"we were looking for {need}"
            else:
                values["reason"] = f"{role} needs {need}"
                values["reason_short"] = f"the role needs {need}"  # "... the Analyst role, because the role needs ..."
                values["reason_np"] = values["reason"]  # "{reason_np}, which didn't come through in {stage}" reads on
            values.setdefault("advice", _advice_from_gap(g))
    return values


_TITLE = r"(?i:mr|mrs|ms|mx|miss|dr|prof)"  # a form of address before a name ("Ms. Shah")
# a name in any script ("Łukasz", "Ådne", "Zoe" + a combining accent), of one or two words ("Ana María"),
# perhaps followed by an emoji ("Hi Sam 👋,"); each word must start with a capital (checked where it is used)
_NAME_WORD = r"[^\W\d_][\w'\-\u0300-\u036f]*"
_GREETING_NAME = re.compile(r"\s*(?i:" + GREETING_WORDS + r")\s+(?P<title>" + _TITLE + r"\.?\s+)?"
                            r"(?P<name>" + _NAME_WORD + r"(?:[ \t]+" + _NAME_WORD + r")?)[ \t]*(?:[^\w\s,!:][ \t]*){0,3}[,!:\r\n]")
_NOT_NAMES = {"applicant", "applicants", "candidate", "candidates", "team", "all", "there", "sir", "madam",
              "hiring", "colleague", "everyone", "everybody", "folks", "friend", "friends", "recruiter", "manager",
              "again", "and", "future", "valued", "prospective", "talent", "jobseeker", "sirs", "first", "last",
              "name", "full", "job", "seeker", "seekers", "human", "resources", "hr", "people", "recruitment",
              "acquisition", "member", "members", "user", "customer", "partner", "committee", "panel",
              "selection", "search", "board", "department", "office", "admissions", "search committee",
              "student", "students", "aspirant", "aspirants", "participant", "participants", "graduate", "graduates",
              "trainee", "trainees", "intern", "interns", "volunteer", "volunteers", "contestant", "registrant",
              "nominee", "associate", "employee", "colleagues", "professional", "client", "learner", "learners"}
# (the trailing word's run of spaces is tried from its start only: from every space of it, it was quadratic)
_ROLE_WRAPPING = re.compile(r"^(?:the|a|an)\s+|(?<!\s)\s+(?:role|position|post|vacancy|job|opening)$", re.I)


# "applying for the Data Analyst position", "your interest in our Senior Nurse (Band 6) vacancy", "the Band 5 Staff
# Nurse role": a title in capitals before a role noun, after words that say it is the one applied for (in Markdown emphasis, the role
# is the title with its markers, which a suggestion keeps: "the **Senior Analyst** role")
# (... or the meeting or talk about it, or the offer not made: "the chat last week about the Growth Marketer role",
# "meet us for the Product Designer role", "offering you the Account Manager role"; or a thanks for something done for
# it, as a thanks rewrite names it: "Thank you for [the take-home exercise] for the Staff Nurse role")
_DRAFT_ROLE = re.compile(
    r"(?:\b(?:(?:appl(?:y|ying|ied|ication)|interest|interview(?:ing|ed)?|candidacy|candidature|"
    r"chat(?:ting|ted)?|talk(?:ing|ed)?|conversation|call|meet(?:ing)?|met|spoke|speaking)"
    r"(?:[ \t]+(?:us|me|with[ \t]+(?:us|me)|last[ \t]+week|yesterday|today|earlier|on[ \t]+\w+day)){0,2}"
    r"\s+(?:for|in|to|with|about|regarding)|offer(?:ing)?[ \t]+you|"
    r"[Tt]hank(?:s|[ \t]+you)[ \t]+for(?:\[[^\]\n]{0,120}\]|[^.!?\n\[]){1,150}?[ \t]for)"
    r"|\][ \t]+for)\s+"  # a suggestion applied with its slot unfilled: "Thank you for [...] for the Staff Nurse role."
    r"(?:the|our|this)\s+(?P<role>(?P<em>\*\*|\*|__)?(?!(?:Same|Above|Following|Next|Role|Position)\b)"
    r"[A-Z][\w&/+\-]*(?:[ \t]+(?:[A-Z][\w&/+\-]*|\d{1,2}\b(?=[ \t]+[A-Z]))){0,4}(?:[ \t]+\([^)\n]{1,30}\))?"
    r"(?(em)(?P=em)))[ \t]+"
    r"(?:role|position|post|vacancy|opening|job|account)\b(?![ \t]+(?:market|posting|board|ad|advert|site|portal|fair)\b)")
# ... or a graduate programme or scheme, whose name is what was applied for ("applying to the 2027 Global Markets
# Graduate Programme"): the role is the whole name, noun and year included
_DRAFT_SCHEME = re.compile(
    r"\b(?:appl(?:y|ying|ied|ication)|interest|interview(?:ing|ed)?|candidacy|candidature)\s+(?:for|in|to|with|on)\s+"
    r"(?:the|our|this)\s+(?P<role>(?:(?:19|20)\d\d[ \t]+)?[A-Z][\w&/+\-]*(?:[ \t]+[A-Z][\w&/+\-]*){0,5}?[ \t]+"
    r"(?:Programme|Program|Scheme|programme|program|scheme|Internship|Apprenticeship|Traineeship)"
    # (the noun the name ends with, after an internship's: "our Summer Internship Programme", not "Summer Internship")
    r"(?:[ \t]+(?:Programme|Program|Scheme|programme|program|scheme))?)\b")
# (an internship or an apprenticeship is a place on one too: "a place on the Plumbing Apprenticeship")
# (a course, a squad or an intake too: "a place on the Primary PGCE", "a place in the U16 squad")
_SCHEME = re.compile(r"\b(?:programme|program|scheme|internship|apprenticeship|traineeship|course|squad|intake|cohort|"
                     r"(?-i:PGCE|PGDE))$", re.I)
# a draft about a place, not a job ("we cannot offer you a place", "trying out for the netball team", "applying to the
# Teach First programme", "in this summer's intern cohort"; not a job's title, "the Program Manager position", nor
# "from the training programme" or "in due course"): with no role named, the decision offers "a place" (or "a spot"),
# never "the [role] role"
_PLACE_TALK = re.compile(r"\b(?:(?:an?|your|the)\s+(?P<noun>place|spot)\b(?!\s+to\b)|(?:for|to|on|in|into|of)\s+"
                         r"(?:the|our|this|your)\s+(?:(?!(?:for|in|of|to|on|at|with|and|from)\b)[\w&'’-]+\s+){0,4}?"
                         r"(?:programme|program|course|squad|intake|cohort)\b(?!-|[ \t]+(?-i:[A-Z]))|"
                         r"tr(?:y|ying|ied)[ -]?outs?\b)", re.I)
# what a draft that names no role is about, when it is no job: a tenancy, an award, a scholarship ("not be offering you
# the tenancy", "your application for the Hartley Scholarship", "unable to award you a grant"; a thanks' [slot] for
# what they did stands for the applying: "Thank you for [...] for the Hartley Scholarship")
_NOT_A_JOB = re.compile(
    r"(?i)\b(?:(?:offer(?:ing)?|award(?:ing)?|grant(?:ing)?|giv(?:e|ing))\s+you|(?:application|applying|applied|apply|interest|"
    r"proposal|bid|\])\s+(?:for|to|in))\s+(?:a|an|the|this|our)\s+(?:[\w'’&-]+\s+){0,4}?(?P<what>tenancy|lease|scholarship|"
    r"bursary|award|grant|studentship|prize|funding|fund|fellowship|residency)\b(?!\s+(?:role|position|post|job|vacancy|officer|manager|"
    r"administrator|coordinator|analyst|assistant|lead|accountant|associate|director|controller|operations|programme|"
    r"program|scheme)\b)")  # (a US "Nurse Residency Program" is a job's)
# a piece of work an agency, a bank or a client offers: a contract, an assignment, a shift ("for the interim payroll
# contract", "on this maternity cover assignment", "for the weekend night shifts"); not a job that is one ("the contract
# role", "the Contracts Manager post")
# (not a stage of a job's process, "the sous chef trial shift", nor a law firm's training contract, which is a job's)
_ENGAGEMENT = re.compile(
    r"\b(?:for|on|to|with|about|in)\s+(?:the|this|these|our)\s+(?:(?:particular|specific|current|same|above)\s+)?"
    r"(?P<what>(?:(?!(?:for|in|of|to|on|at|with|and|from|a|an|the|trial|taster|paid|unpaid|training)\b)"
    r"[\w'’&-]+\s+){0,4}?(?:contract|assignment|placement|shift|gig|booking|engagement)s?)\b"
    # (where its noun phrase ends: not "the placement cell", "the contract role")
    r"(?=\s*(?:[.,;:!?)]|$)|\s+(?:at|with|in|on|for|from|to|and|or|but|as|was|were|is|has|had|have|went|which|that|"
    r"because|since|starting|beginning|until|through|via|we|I|this|next|last)\b)")
# what is awarded, not offered: "not to award you the grant", "... funding" (a job's "offer you" is for a post)
_AWARDED = re.compile(r"\b(?:grant|award|prize|bursary|funding|fellowship)$")
_JOB_WORD = re.compile(r"(?i)\b(?:role|position|post|job|vacancy|opening)s?\b")  # "a place on the team" in the X role
# ... or after it: "your application for the post of Senior Software Engineer" (Indian and British letters; a grade
# inside the title is part of it: "the post of Band 6 Physiotherapist", not "Band"; a date may come between:
# "your interview held on 3rd March for the post of ...")
_DRAFT_ROLE_OF = re.compile(
    r"(?:\b(?:appl(?:y|ying|ied|ication)|interest|interview(?:ing|ed)?|candidacy|candidature|"
    r"(?:selected|shortlisted|chosen|considered|successful|unsuccessful))"  # "not selected for the post of ..."
    r"(?:[ \t]+(?:held|dated|conducted|on|of|the|last|\w+day|\d{1,4}(?:st|nd|rd|th)?|[A-Z][a-z]+|\d{4})\b){0,5}?"  # a date between
    # ... or the offer not made: "not be offering you the post of ..." (not where a dash goes on with more of the name:
    # "the position of Production Engineer – Assembly" would be read cut short)
    r"\s+(?:for|in|to|with)|\boffer(?:ing|ed)?[ \t]+you(?![^.!?\n]{0,120}\s[–—-]\s))"
    r"\s+the\s+(?:post|position|role|vacancy)\s+of\s+(?P<role>(?!(?:Same|Above|Following)\b)[A-Z][\w&/+\-]*"
    r"(?:(?:[ \t]+(?:of|and|&|in))?[ \t]+(?:[A-Z][\w&/+\-]*|\d{1,2}\b(?=[ \t]+[A-Z]))){0,5}"
    r"(?:[ \t]+\((?:(?:Band|Grade|Level)[ \t]+\d{1,2}[A-Za-z]?|(?!(?:Req|Ref|Job|ID|No|Vacancy|Requisition|Advt|Advert|"
    r"Advertisement|Post)\b)(?-i:[A-Z])[^)\d\n]{0,30})\))?)")
# (... and its subject or band: "Assistant Professor (Chemistry)", "Staff Nurse (Band 5)"; not a reference or a date:
# "(Ref. LIB-0921)", "(Job #24-0817)", "(September 2027)")
# ... or with no role noun: "applying to be a Crew Member", "your interest in becoming a Team Member", "apply as a
# Shift Lead", "your interest in joining us as a Line Cook"
_TITLE_WORDS = r"[A-Z][\w&/+\-]*(?:(?:[ \t]+(?:of|and|&|for))?[ \t]+[A-Z][\w&/+\-]*){0,4}"  # ("Head of Community")
_AS_A = (r"\b(?:to[ \t]+be(?:come)?|becoming|being|(?:to[ \t]+join|joining)[ \t]+(?:us|the[ \t]+team)[ \t]+as|as)"
         r"[ \t]+(?:a|an|our)[ \t]+")
_DRAFT_ROLE_AS = re.compile(
    r"\b(?:appl(?:y|ying|ied|ication)|interest)(?:[ \t]+in)?[ \t]+" + _AS_A + r"(?P<role>(?P<em>\*\*|\*|__)?" + _TITLE_WORDS
    + r"(?(em)(?P=em)|\b))")
# ... or a US federal title with its pay plan, series and grade ("Program Analyst, GS-0343-11", "IT Specialist (INFOSEC),
# GS-2210-13"): the title, the grade kept beside it
_DRAFT_ROLE_GRADE = re.compile(
    r"(?P<title>" + _TITLE_WORDS + r"(?:[ \t]+\([^)\n]{1,30}\))?),?[ \t]+(?P<grade>(?:GS|GL|GM|WG|WL|WS|ES|AD|FV|VN)-\d{4}-\d{1,2}(?:/\d{1,2})?)\b")
# (unanchored, it tries a title at every capital of a draft: it runs only on a draft that holds such a grade)
_GRADE_CODE = re.compile(r"(?:GS|GL|GM|WG|WL|WS|ES|AD|FV|VN)-\d{4}-\d")
# ... or a labelled line ("Position: Crew Member", "**Job Title:** Shift Lead")
_DRAFT_ROLE_LINE = re.compile(
    r"^[ \t]*(?:\*\*)?(?:Position|Job|Role|Vacancy|Post)(?:[ \t]+Title)?[ \t]*:(?:\*\*)?[ \t]*(?P<role>" + _TITLE_WORDS
    + r")[ \t]*\r?$", re.M)
_ROLE_NOUN_HINT = re.compile(r"\b(?:role|position|post|vacancy|opening|job|account|programme|program|scheme|"
                             r"internship|apprenticeship|traineeship)\b|"
                             r"\b(?:be(?:come|coming|ing)?|as)[ \t]+(?:an?|our)[ \t]+[*_]{0,2}[A-Z]|\b[A-Z]{2}-\d{4}-", re.I)
# capitalised words before a role noun that are not a title ("the Said post", "our LinkedIn job")
_NOT_ROLE_WORDS = frozenset("said applied advertised aforementioned current open above same following next new "
                            "linkedin indeed workday glassdoor naukri monster careers hr remote summer winter "
                            "spring autumn fall".split())
# ... and words that name no role on their own, only with a title ("the Part-Time role"; "Part-Time Teller" is one)
_KIND_OF_JOB = frozenset("full-time part-time fixed-term permanent temporary contract interim seasonal casual "
                         "freelance full part time".split())
# words that make a signature line a team, not a person ("The Talent Team", "Acme Careers")
_NOT_SIGNERS = frozenset("the our your a an careers hiring talent recruitment recruiting people hr team group "
                         "department office desk inc ltd llc plc corp admin administrator management no reply "
                         "noreply regards wishes thanks best cheers sincerely technologies solutions systems "
                         "services consulting".split())
# a sign-off line and the one or two capitalised words alone on the next line
_SIGNED_BY = re.compile(
    r"^[ \t]*(?:(?:best|kind|warm|many)[ \t]+)?(?:regards|wishes|thanks|best|cheers|sincerely|yours[ \t]+sincerely|"
    r"all the best|take care)[ \t]*+(?:[,.!][ \t]*+)?\r?\n[ \t]*+(?P<name>(?-i:[A-Z][\w'\-]+(?:[ \t]+[A-Z][\w'\-]+)?))"
    r"[ \t]*+(?:\r?\n|$)",
    re.I | re.M)


class _Once:
    """A value worked out the first time it is asked for, as itself (`get`) or as a truth value (most messages
    never ask)."""

    _UNSET = object()

    def __init__(self, work):
        self._work, self._value = work, self._UNSET

    def get(self):
        if self._value is self._UNSET:
            self._value = self._work()
        return self._value

    def __bool__(self) -> bool:
        return bool(self.get())


class _Slots(dict):
    def __missing__(self, key):
        return SLOTS.get(key, f"[{key}]")


_ROLE_NEEDS = re.compile(r"\b([Tt]he|[Tt]his) role needs\b")
_SPACES = re.compile(r"[ \t]+")
_SPACE_BEFORE_PUNCT = re.compile(r"(?<!\s)\s+([,.;:])")
_DOTS = re.compile(r"\.\.+")
_LOWER_AFTER_STOP = re.compile(r"(?<!e\.g)(?<!i\.e)([.!?]\s+)([a-z])")


def _tidy(text: str) -> str:
    text = _SPACE_BEFORE_PUNCT.sub(r"\1", _SPACES.sub(" ", text)).strip()
    text = _DOTS.sub(".", text)
    if text and text[0].islower():
        text = text[0].upper() + text[1:]
    return _LOWER_AFTER_STOP.sub(lambda m: m.group(1) + m.group(2).upper(), text)


def fill(template: str, context: dict | None, draft_text: str = "", values: dict | None = None) -> str:
    """Fill a suggestion template from the recruiter's context; leave explicit slots otherwise.
    Never invents facts: a missing fact stays a bracketed slot for the recruiter to fill.
    `values`: `context_values(context, draft_text)` when the caller already has them."""
    if values is None:
        values = context_values(context, draft_text)
    text = template.format_map(_Slots(values))
    role = values.get("role")
    if role and _SCHEME.search(role):  # "a place on the Graduate Programme", not "the Graduate Programme role"
        on = "in" if re.search(r"(?i)(?:squad|intake|cohort)$", role) else "on"  # "a place in the U16 squad"
        text = text.replace(f"offer you the {role} role", f"offer you a place {on} the {role}")
        text = text.replace(f"the {role} role", f"the {role}")
        # ("because the course needs ...", not "the role needs" of a course; a [slot]'s words stay)
        noun = _SCHEME.search(role).group(0)
        noun = noun if noun.isupper() else noun.lower()
        text = _ROLE_NEEDS.sub(lambda m: m.group(0) if text.count("[", 0, m.start()) > text.count("]", 0, m.start())
                               else f"{m[1]} {noun} needs", text)
    elif not role and values.get("place"):  # "a place", not "the [role] role", on a course or in a squad
        place = values["place"]  # (a grant or funding is awarded: "not to award you the grant")
        text = text.replace(f"offer you the {SLOTS['role']} role",
                            f"{'award' if _AWARDED.search(place) else 'offer'} you {place}")
        # ("your application for the tenancy", "for a place")
        text = text.replace(f"your application for the {SLOTS['role']} role", f"your application for {values['place']}")
    return _tidy(text)


def unfilled_slots(text: str) -> list[str]:
    """The bracketed slots left in a filled suggestion."""
    return _SLOT_TEXT.findall(text)


# The findings that say a sentence's reason is generic, with a fix: where one is reported,
# structure.generic_reason on the same sentence would only say it again.
GENERIC_REASON_RULES = frozenset({"boilerplate.generic_reason", "boilerplate.closer_match", "boilerplate.right_fit",
                                  "boilerplate.requirements_generic", "boilerplate.strong_field",
                                  "boilerplate.different_direction"})


def add_draft_facts(values: dict, plain: str) -> dict:
    """`values` with the role the draft names ("applying for the Data Analyst position") and the name it
    is signed with ("Best,\nDana"), where the context gave neither. `plain`: the draft's text."""
    had_role = "role" in values
    if plain and "role" not in values and _ROLE_NOUN_HINT.search(plain):
        role = next((m.group("role") for m in itertools.chain(_DRAFT_ROLE.finditer(plain), _DRAFT_ROLE_OF.finditer(plain))
                     if not (words := {w.lower() for w in m.group("role").split()}) & _NOT_ROLE_WORDS
                     and not words <= _KIND_OF_JOB), None) or next(
            (m.group("role") for m in _DRAFT_SCHEME.finditer(plain)), None) or next(
            (f"{m.group('title')} ({m.group('grade')})"
             for m in (_DRAFT_ROLE_GRADE.finditer(plain) if _GRADE_CODE.search(plain) else ())), None) or next(
            (m.group("role") for m in itertools.chain(_DRAFT_ROLE_AS.finditer(plain), _DRAFT_ROLE_LINE.finditer(plain))
             if not {w.lower() for w in m.group("role").split()} <= _KIND_OF_JOB), None)
        if role:
            values["role"] = role
    thing = _NOT_A_JOB.search(plain) if plain and not had_role else None
    if thing and thing["what"].lower() == "fund" and ("role" in values or _JOB_WORD.search(plain)):
        thing = None  # "your interest in the Fund" beside "the analyst position": a job at a fund
    if thing:  # "the tenancy", "the scholarship": what the decision withholds, named in place of "the [role] role"
        values.pop("role", None)
        what = thing["what"].lower()  # (a proposal to a fund asks for funding: "not to award you funding")
        values.setdefault("place", "funding" if what in ("fund", "funding") else "the " + what)
    if plain and "role" not in values:
        said = [m.group("noun") for m in _PLACE_TALK.finditer(plain)]
        if said:
            values["place"] = "a spot" if any(n and n.lower() == "spot" for n in said) else "a place"
    work = None
    if plain and "role" not in values and "place" not in values and (work := _ENGAGEMENT.search(plain)):
        # an agency's or a bank's contract, shift or assignment ("the client went with another candidate for the
        # interim payroll contract"): what the decision is about, named in place of "the [role] role"
        values["place"] = "the " + work.group("what")
    if plain and "role" not in values and (thing or "place" in values and not _JOB_WORD.search(plain)):
        # a draft about a place, a tenancy or an award: its reason speaks of no role ("the role needs [...]")
        values.setdefault("reason", SLOTS["reason_no_role"])
        values.setdefault("reason_short", SLOTS["reason_no_role"])
        values.setdefault("reason_np", SLOTS["reason_np_no_role"])
    # (the register of a draft about no job only: "a place on the shortlist" of a Head of English's draft is a job's)
    if plain and ("role" not in values or _COURSE.search(values["role"])) and not _JOB_WORD.search(plain):
        register = _register(values, plain, engagement=work is not None and values.get("place") == "the " + work["what"])
        for k, text in REGISTER_SLOTS.get(register, {}).items():
            values.setdefault(k, text)
    if plain and "recruiter" not in values:
        m = _SIGNED_BY.search(plain)
        words = re.split(r"[\s\-]+", m.group("name").lower()) if m else ()
        own = {w.lower() for w in str(values.get("name", "")).split()}
        if m and not any(w in _NOT_NAMES or w in _NOT_SIGNERS or w in own for w in words):
            values["recruiter"] = m.group("name")
    return values


_COURSE = re.compile(r"\b(?:course|squad|intake|cohort|(?-i:PGCE|PGDE))$", re.I)  # a place on one, not a job
_VOLUNTEERING = re.compile(r"\bvolunteer(?:s|ing|ed)?\b(?![ \t]+(?:[A-Z]|co-?ordinator|manager|officer|lead))")  # not a job's title


def _register(values: dict, plain: str, engagement: bool) -> str | None:
    """Which `REGISTER_SLOTS` a draft that names no role takes: what it turns down ("the tenancy", "the grant", "a
    place", "the interim payroll contract") or volunteering it speaks of; None: a job's."""
    place = values.get("place")
    if "role" in values:  # a course named as the role
        return "place"
    if engagement:  # "the weekend night shifts": another shift
        return "engagement:" + re.sub(r"s$", "", place.split()[-1].lower())
    if place:
        what = place.split()[-1].lower()
        if what in ("tenancy", "lease"):
            return "tenancy"
        if _AWARDED.search(place) or what in ("scholarship", "studentship", "residency"):
            return "award"
        if place in ("a place", "a spot"):
            return "place"
    return "volunteering" if _VOLUNTEERING.search(plain) else None


# the gap between two sentences (for the sentence before a span)
_SENTENCE_GAP = re.compile(r"(?<=[.!?])\s+")


class SlotFiller:
    """Fills suggestion templates for one message: the slot values are worked out once, and each
    distinct template list is filled once (a long draft repeats the same few rules). The role and the
    signature the draft states are looked for only when a template asks for them (most audit
    findings' templates do not)."""

    def __init__(self, context: dict | None, draft_text: str = ""):
        self.values = context_values(context, draft_text, draft_facts=False)
        self._draft = draft_text
        self._facts_added = False
        self._done: dict[tuple, tuple[str, ...]] = {}
        self._rests: dict[tuple[int, int], str] = {}  # `_rest`, by span

    @cached_property
    def _facts(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """(what, lower-cased strings) for each fact a suggestion may add that the draft already holds
        somewhere: its filled value, or the placeholder a suggestion applied before left for it. Most drafts
        hold none (one substring test each), and then no suggestion can repeat one."""
        low = self._low
        out = []
        for what, keys in _FACT_GROUPS:
            strings = [v.lower() for v in (self.values.get(k) for k in keys) if v and len(v) >= 8]
            # "the role needs X" and "the Analyst role needs X" give the same reason
            strings += [v[v.index(" needs ") + 1:] for v in strings if " needs " in v]
            strings += [t.lower() for k in _FACT_SLOT[what] for t in slot_texts(k)]
            strings = tuple(dict.fromkeys(x for x in strings if x in low))
            if strings:
                out.append((what, strings))
        return tuple(out)

    @cached_property
    def _low(self) -> str:
        """The draft lower-cased, with an HTML body's entities decoded ("R&amp;D" is the context's "R&D")."""
        low = self._draft.lower()
        return html.unescape(low) if "<" in low and "&" in low else low

    def draft_values(self) -> dict:
        """The slot values with the facts the draft states added (`add_draft_facts`: its role, its signature, the
        register of a draft about no job)."""
        if not self._facts_added:
            self._facts_added = True
            add_draft_facts(self.values, _draft_plain(self._draft))
        return self.values

    def _rest(self, span: tuple[int, int] | None) -> str:
        """`_low` without the text at `span` (remembered: a finding's suggestions share their span)."""
        if span is None:
            return self._low
        cache = self._rests
        if span not in cache:
            rest = (self._draft[:span[0]] + "\n" + self._draft[span[1]:]).lower()
            cache[span] = html.unescape(rest) if "<" in rest and "&" in rest else rest
        return cache[span]

    @cached_property
    def _thanks(self) -> bool:
        return bool(_THANKS.search(self._draft))

    def offered_elsewhere(self, span: tuple[int, int]) -> bool:
        """Whether the draft offers to talk the decision through outside `span`."""
        return _OFFERED_TALK.search(self._rest(span)) is not None

    def sorry_elsewhere(self, span: tuple[int, int]) -> bool:
        """Whether the draft says it is sorry outside `span` ("I'm sorry to tell you that ...")."""
        return "sorry" in self._low and _SAID_SORRY.search(self._rest(span)) is not None

    def repeated(self, suggestion: str, span: tuple[int, int] | None) -> str | None:
        """What `suggestion` would say a second time (the reason, the opening ...), or None: a fact it holds
        that the draft gives outside `span` (the text the suggestion replaces; None: it is inserted). A
        sentence that replaces another also may not be one the draft has already, nor thank the candidate
        a second time."""
        thanks = span is not None and _THANKS_LEAD.match(suggestion) is not None and self._thanks
        if span is None and not self._facts:
            return None
        said = suggestion.lower()
        held = [(what, [x for x in strings if x in said]) for what, strings in self._facts]
        same = span is not None and len(said) > 24 and ("\n" in said or said.rstrip(".!? ") in self._low)
        if not thanks and not same and not any(found for _, found in held):
            return None  # (most suggestions: nothing to look for in the rest of the draft)
        rest = self._rest(span)
        for what, found in held:
            if any(x in rest for x in found):
                return what
        if thanks and _THANKS.search(rest):
            return "the thanks"
        if same and said.rstrip(".!? ") in rest:
            return "the same sentence"
        return None

    def keep_role(self, suggestions: tuple[str, ...], span: tuple[int, int]) -> tuple[str, ...]:
        """`suggestions` for the sentence at `span` where it holds the draft's only mention of the role, a merge
        field or its name ("Thank you for your interest in the {{job.title}} position.", "... in the Data Analyst
        role."): those that keep it first, the others with it added ("Thank you for [...] for the {{job.title}}
        role."), so that the applied draft still says which role it is about; as they are where the draft names
        the role elsewhere too (most drafts)."""
        if not self._facts_added:  # the role the draft names ("applying for the Data Analyst position")
            self._facts_added = True
            add_draft_facts(self.values, _draft_plain(self._draft))
        field = self.values.get("role")
        if not field or not self._only_in(field, span, _role_named):
            return self._keep_company_field(suggestions if field else self._keep_place(self._keep_post(
                suggestions, span), span), span)
        # (a scheme's name holds its own noun: "the Graduate Analyst scheme")
        if not MERGE_FIELD.fullmatch(field) and not _SCHEME.search(field) and not _role_named(field).search(
                self._read(*span)):
            # (a name read off "the post of PGT – Mathematics" may be cut short: it is added only where the sentence or
            # clause ends after it, "the post of Band 5 Staff Nurse.")
            return self._keep_company_field(self._keep_post(suggestions, span), span)
        kept = [x for x in suggestions if field in x]
        added = [y for y in (_with_role(x, field) for x in suggestions if field not in x) if y]
        out = tuple(dict.fromkeys(kept + added)) or suggestions
        # "... of [Position] at [Company Name]", "the Staff Nurse position at St Mary's": the company stays too
        company, at = self.values.get("company"), "at"
        if not (company and MERGE_FIELD.fullmatch(company)):
            m = _role_at_company(field).search(self._read(*span))
            company, at = (m.group("company"), m.group("at")) if m else (None, at)
        if company and self._only_in(company, span):
            out = tuple(x if company in x else x.replace(f"the {field} role", f"the {field} role {at} {company}", 1)
                        for x in out)
        return self._keep_company_field(out, span)

    def _keep_company_field(self, suggestions: tuple[str, ...], span: tuple[int, int]) -> tuple[str, ...]:
        """`suggestions` for the sentence at `span` that holds the draft's only company merge field ("Thank you for
        your interest in {{COMPANY_NAME}}."), with it kept where a suggestion has a place for it ("Thank you for
        [...] at {{COMPANY_NAME}}."): the rewrite dropped it, and the applied draft named no company."""
        company = self.values.get("company")
        if not company or not MERGE_FIELD.fullmatch(company) or not self._only_in(company, span):
            return suggestions
        return tuple(dict.fromkeys(x if company in x else _with_company(x, company) or x for x in suggestions))

    def _keep_post(self, suggestions: tuple[str, ...], span: tuple[int, int]) -> tuple[str, ...]:
        """`suggestions` with a thanks naming the post the sentence at `span` thanks for applying to, in the draft's own
        words, where no role is read off it and it is the draft's only mention ("Thank you for your application to the
        2027 Training Contract." -> "Thank you for [...] for the 2027 Training Contract.")."""
        m = _THANKS_POST.search(self._read(*span))
        if not m or not self._only_in(m.group("name") or m.group("place") or m.group("subject"), span):
            return suggestions
        post = m.group("post")
        if m.group("subject"):  # "your application to study BSc ...", "[...] for a place to study BSc ..."
            subject = m.group("subject")
            return tuple(dict.fromkeys(
                x if subject in x or not (t := _THANKS_FOR.match(x)) else
                f"{x[:t.end()].rstrip()}{' ' if _APPLIED_END.search(x[:t.end()].rstrip()) else ' for a place '}{post}"
                f"{x[t.end():]}" for x in suggestions))
        return tuple(dict.fromkeys(
            f"{x[:t.end()].rstrip()} for {post}{x[t.end():]}" if (t := _THANKS_FOR.match(x)) and post not in x else x
            for x in suggestions))

    def _keep_place(self, suggestions: tuple[str, ...], span: tuple[int, int]) -> tuple[str, ...]:
        """`suggestions` for the sentence at `span` that holds the draft's only mention of the thing a draft about no job
        turns down ("Unfortunately your application for the tenancy was not successful ..."), with it kept where a
        suggestion has a place for it ("we're not moving forward with your application for the tenancy")."""
        place = self.values.get("place")
        # (the draft may say "this" or "our" of it: "your interest in this maternity cover assignment")
        if not place or not place.startswith("the ") or not self._only_in(place[4:], span):
            return suggestions
        said = said_as(place[4:])  # ("the Hartley Scholarship" says "the scholarship")
        return tuple(dict.fromkeys(x if said.search(x) else _with_place(x, place) or x for x in suggestions))

    def role_said_before(self, suggestions: tuple[str, ...], span: tuple[int, int]) -> tuple[str, ...]:
        """`suggestions` for the sentence at `span` without "for the X role", and offering "this role", where the
        sentence just before it names the role ("Thank you for applying for the Data Analyst role. We've decided not to
        move forward with your application.", not the role twice in a row)."""
        role = self.values.get("role")
        phrase, offer = (f" for the {role} role", f"offer you the {role} role") if role else (None, None)
        if not phrase or not any(phrase in x or offer in x for x in suggestions):
            return suggestions
        before = _SENTENCE_GAP.split(self._read(max(0, span[0] - 400), span[0]).rstrip())[-1]
        if not said_maybe(role, before) or said_as(role).search(before) is None:
            return suggestions
        cut = _role_phrase_cut(phrase)
        # ... and the offer not made is of "this role" where the sentence just said "the X role" (or post), not the same
        # words twice in a row ("Thank you for auditioning for the Company Dancer role. We've decided not to offer you
        # this role."; "... for the Staff Nurse post on Ward 7. ... this post"; "... for the post of Senior Software
        # Engineer held on 12th March. ... this post")
        noun = _role_noun_named(role).search(before)
        this = f"offer you this {noun.group(1) or noun.group(2)}" if noun else offer
        return tuple(dict.fromkeys(cut.sub("", x).replace(offer, this) for x in suggestions))

    def list_item(self, span: tuple[int, int]) -> bool:
        """Whether the sentence at `span` is a list item (`_opens_item`)."""
        return _opens_item(self._draft, *span)

    def _only_in(self, value: str, span: tuple[int, int], named=None) -> bool:
        """Whether the draft says `value` in its text at `span` (in any case, with a hyphen or a space between its
        words, "&" or "and", one or several: the context's "Sous Chef" is the draft's "sous chef job") and nowhere else:
        not as written, nor as `named` finds it (a role named as one: not "we'd want a features writer to ..." beside
        "the Features Writer role", which is no second mention of what was applied for). `named`: what builds that
        expression from `value` (`_role_named`), called only when it is needed: compiling one costs ~1 ms, and an audit
        meets hundreds of roles."""
        text = self._read(*span)
        if not said_maybe(value, text) or said_as(value).search(text) is None:
            return False
        before, after = self._read(0, span[0]), self._read(span[1])
        if value in before or value in after:
            return False
        if named is None:
            return True
        pattern = named(value)
        return pattern.search(before) is None and pattern.search(after) is None

    @cached_property
    def _html(self) -> bool:
        return "<" in self._draft and looks_like_html(self._draft)

    def _read(self, start: int, end: int | None = None) -> str:
        """The draft's text from `start` to `end` as the slot values read it: in an HTML body, its entities read
        ("R&amp;D", "Data&nbsp;Analyst") and its tags out."""
        part = self._draft[start:end]
        return markup_words(part) if self._html else part

    def suggestions(self, templates) -> tuple[str, ...]:
        key = tuple(templates)
        out = self._done.get(key)
        if out is None:
            filled: dict[str, int] = {}  # filled suggestion -> its unfilled slots, in written order
            if not self._facts_added and any(_DRAFT_SLOTS & _slots_of(t) for t in key):
                # (no list filled before used these slots, so what it holds stays right)
                self._facts_added = True
                add_draft_facts(self.values, _draft_plain(self._draft))
            values = self.values
            for t in key:
                slots = _slots_of(t)
                # ("a place" stands for the role a draft about a place does not name)
                if values and (not values.keys().isdisjoint(slots) or "role" in slots and "place" in values):
                    s = fill(t, None, values=values)
                    filled.setdefault(s, len(unfilled_slots(s)))
                else:
                    s, n = _fill_without_facts(t)
                    filled.setdefault(s, n)
            out = self._done[key] = tuple(sorted(filled, key=filled.__getitem__))
        return out


# an HTML list item's start: its <li> with nothing but tags and spaces after it
_ITEM_START = re.compile(r"<li\b[^<>]*>(?:\s|&nbsp;|<(?!/?li\b)[a-zA-Z/][^<>]*>)*$", re.I)
_DRAFT_SLOTS = frozenset({"role", "recruiter", "reason", "reason_short", "reason_np", "stage", "effort", "opening"})
# the company named after the role ("… role at Northwind", "… position with Contoso Ltd", "… post at St Mary's")
# (or its merge field, after a role named without a role noun too: "applying to be a Crew Member at {{store.name}}")
# (with "our", the kind of place and the street or town it is on: "a Team Member at our Burger Barn on Main St.",
# "at our Dayton location", "at our Maple Street branch")
_COMPANY_NAME = (r"(?:(?:" + MERGE_FIELD.pattern + r")|(?-i:[A-Z])[\w&'’\-]*(?:[ \t]+(?:&[ \t]+)?(?-i:[A-Z])[\w&'’\-]*){0,3})")
# (a lower-case word of the place's kind, not the sentence going on: "our Leeds city centre store", not "... store and")
_PLACE_WORD = (r"[ \t]+(?!(?:and|or|but|for|to|on|in|at|with|as|we|you|is|are|was|were|has|have|had|who|which|that|"
               r"where|when|the|a|an|this|from|by|of)\b)[a-z][\w-]*")
# (all of the place's words or none: "at our Leeds city centre store" was kept as "at our Leeds city centre")
_ROLE_AT_COMPANY = (r"(?:\s+(?:role|position|post|vacancy|job|opening))?\s+(?P<at>at|with)\s+(?P<company>(?:our[ \t]+"
                    + _COMPANY_NAME + r"(?:" + _PLACE_WORD + r"){0,3}+(?!" + _PLACE_WORD + r")|" + _COMPANY_NAME + r")"
                    r"(?:[ \t]+(?:on|in)[ \t]+(?-i:[A-Z])[\w&'’\-]*(?:[ \t]+(?-i:[A-Z])[\w&'’\-]*){0,3})?)"
                    # (its whole name: not "Pinecrest Community Bank's" of "... Bank's [Branch Name] branch")
                    r"(?=[ \t]*(?:[.,;:!?)]|\r?\n|$)|[ \t]+(?-i:[a-z]))")

# where a suggestion can name the role: "the role needs ..." / "this role", a thanks ("Thank you for [...]" up to
# its first stop; a [slot]'s "e.g." is no stop), "your application"
_THE_ROLE = re.compile(r"\b([Tt]he|[Tt]his) (?:role|position|post|job|vacancy)\b")
_THANKS_FOR = re.compile(r"^(?:Thank(?:s| you)|Many thanks) for (?:\[[^\]]*\]|[^;:.!?\[])+")
_YOUR_APPLICATION = re.compile(r"\byour application\b(?! for\b)")
_APPLIED_END = re.compile(r"\b(?:your application|applying)$")  # a thanks that "to study X" follows
# the post a thanks names in words no role pattern reads, up to the sentence's end: a name in capitals ("your
# application to the 2027 Training Contract", "for the Lectureship in Medieval History") or "the position of" a title
# with more after it ("applying for the position of Branch Manager at our Pune branch")
_THANKS_POST = re.compile(
    r"(?i:thank(?:s| you)|many thanks)\b[^.!?]{0,20}?\b(?:appl(?:y|ying|ication)|interest|candidacy|candidature)\s+"
    r"(?:(?:for|to|in)\s+|(?=to\s+study\s))(?P<post>to\s+study\s+(?P<subject>(?:[A-Z][\w&\-()]*|\([^)\n]{1,20}\))"
    r"(?:(?:[ \t]+(?:with|in|and|&|of))?[ \t]+(?:[A-Z][\w&\-]*|\([^)\n]{1,20}\))){0,6})|"  # "to study BSc Mechanical Engineering"
    r"(?:the|our)\s+(?P<name>(?:(?:post|position|role|vacancy)\s+of\s+[A-Z][\w&\-]*"
    r"(?:[ \t]+[\w&'’\-]+){0,8}|(?:\d{4}[ \t]+)?[A-Z][\w&\-]*['’]?(?:(?:[ \t]+(?:of|in|and|&|for))?[ \t]+[A-Z][\w&\-]*['’]?){0,5}))|"
    # ... or a place on a course or a scheme, or one named by its kind in lower case ("for a place on our
    # apprenticeship scheme", "to the Neighbourhood Green Spaces grant programme"): all of it, to the sentence's end
    r"(?P<place>(?:a[ \t]+(?i:place|spot)[ \t]+(?:on|in)[ \t]+)?(?:the|our)[ \t]+[\w&'’\-]+(?:[ \t]+[\w&'’\-]+){0,5}?[ \t]+"
    r"(?i:course|programme|program|scheme|internship|apprenticeship|traineeship|fund|bursary|scholarship|grant)))"
    r"[ \t]*[.!]?[ \t]*$")


# the expressions built around a role's name, compiled once per name (each draft's suggestions test them several
# times, and an audit repeats its few roles): they hold role titles, never a candidate's details
_SAID_AS_WORD = re.compile(r"&|[^\W_]+(?:['’][^\W_]+)?|\S")


def _said_as_pattern(value: str) -> str:
    """`value` as a pattern the draft may write it in: words apart by spaces or hyphens, "&" or "and", a last word in
    the plural ("Care Assistant" in "our care assistant posts"); a merge field as it is."""
    if MERGE_FIELD.fullmatch(value):
        return re.escape(value)
    words = _SAID_AS_WORD.findall(value)
    parts = ["(?:&|and)" if w.lower() in ("&", "and") else re.escape(w) for w in words]
    body = r"(?:[\s-]+|(?<![^\W_])|(?![^\W_]))".join(parts)  # (nothing between a word and a mark: "__Line Cook__")
    return r"(?i:(?<![^\W_])" + body + (r"(?:e?s)?" if words and words[-1][-1:].isalpha() else "") + r"(?![^\W_]))"


@lru_cache(maxsize=4096)
def _said_word(value: str) -> str:
    """The longest word of `value`, lower-cased: a draft that says `value` in any of `said_as`'s ways has it."""
    words = [w for w in _SAID_AS_WORD.findall(value) if w.lower() not in ("&", "and")]
    return max(words, key=len).lower() if words else ""


def said_maybe(value: str, text: str) -> bool:
    """False where `text` cannot say `value` (`said_as`): its longest word is not in the text. Asked first, it spares
    compiling `said_as`'s expression for a value the text does not hold."""
    return _said_word(value) in text.lower()


@lru_cache(maxsize=1024)
def said_as(value: str) -> re.Pattern:
    """Where a draft says `value` (a role, a company, a course the context or the draft names), however it is cased,
    hyphenated or spelt with "&" (`_said_as_pattern`)."""
    return re.compile(_said_as_pattern(value))


@lru_cache(maxsize=1024)
def _role_named(field: str) -> re.Pattern:
    """Where a sentence names `field` as the role: before a role noun, after "as a", or as "the post of" it (in any
    case, hyphens or "&": `said_as`)."""
    said = _said_as_pattern(field)
    return re.compile(said + r"\s+(?:role|position|post|vacancy|job|opening)s?\b|" + _AS_A + said
                      + r"(?!\w|[ \t]+(?-i:[A-Z]))|\b(?:post|position|role|vacancy)\s+of\s+" + said
                      + r"(?=\s*(?:[.!?,;]|$))")


@lru_cache(maxsize=256)
def _role_at_company(field: str) -> re.Pattern:
    """`field` followed by the company it is at ("the Staff Nurse position at St Mary's")."""
    return re.compile(re.escape(field) + _ROLE_AT_COMPANY)


@lru_cache(maxsize=256)
def _role_noun_named(role: str) -> re.Pattern:
    """`role` named with its noun ("the X role", "the post of X"), the noun in group 1 or 2 (built once per role, as
    the role expressions below are)."""
    said = _said_as_pattern(role)
    return re.compile(r"\bthe " + said + r"\s+(role|post|position|job|vacancy)\b|\bthe (role|post|position|"
                      r"job|vacancy) of " + said + r"(?!\w)")


@lru_cache(maxsize=256)
def _role_phrase_cut(phrase: str) -> re.Pattern:
    """`phrase` (" for the X role") where the sentence goes on without it."""
    return re.compile(re.escape(phrase) + r"(?=[,.;])")


def _outside_slots(pattern: re.Pattern, suggestion: str) -> re.Match | None:
    """The first match of `pattern` in `suggestion` that is not inside a [slot] ("[the one skill the role needed
    ...]" is a placeholder the recruiter replaces)."""
    return next((m for m in pattern.finditer(suggestion)
                 if suggestion.count("[", 0, m.start()) == suggestion.count("]", 0, m.start())), None)


def _with_role(suggestion: str, field: str) -> str | None:
    """`suggestion` naming the role by its merge field ("because the role needs ..." -> "because the
    {{job.title}} role needs ..."), or None where it has no place for it."""
    named = field if _SCHEME.search(field) else f"{field} role"  # "the Graduate Analyst scheme", not "... scheme role"
    m = _outside_slots(_THE_ROLE, suggestion)
    if m:
        return f"{suggestion[:m.start()]}{m.group(1)[0]}he {named}{suggestion[m.end():]}"
    m = _THANKS_FOR.match(suggestion) or _outside_slots(_YOUR_APPLICATION, suggestion)
    if m:
        return f"{suggestion[:m.end()].rstrip()} for the {named}{suggestion[m.end():]}"
    return None


_NOT_MOVING_FORWARD = re.compile(r"\bnot moving forward\b(?! with\b)")


def _with_place(suggestion: str, place: str) -> str | None:
    """`suggestion` naming what the draft turns down, a tenancy or a scholarship ("we're not moving forward" -> "we're
    not moving forward with your application for the tenancy"), or None where it has no place for it."""
    m = _outside_slots(_NOT_MOVING_FORWARD, suggestion)
    if m:
        return f"{suggestion[:m.end()]} with your application for {place}{suggestion[m.end():]}"
    m = _outside_slots(_YOUR_APPLICATION, suggestion)
    if m:
        return f"{suggestion[:m.end()]} for {place}{suggestion[m.end():]}"
    m = _THANKS_FOR.match(suggestion)  # "Thank you for [...] for the maternity cover assignment."
    return f"{suggestion[:m.end()].rstrip()} for {place}{suggestion[m.end():]}" if m else None


def _with_company(suggestion: str, field: str) -> str | None:
    """`suggestion` naming the company by its merge field ("Thank you for [...]" -> "Thank you for [...] at
    {{company}}", "your application" -> "your application to {{company}}"), or None where it has no place for it."""
    m = _THANKS_FOR.match(suggestion)
    if m:
        return f"{suggestion[:m.end()].rstrip()} at {field}{suggestion[m.end():]}"
    # (where the clause ends after it: not "would make your application to {{company}} there much stronger")
    m = _outside_slots(_YOUR_APPLICATION, suggestion)
    ends = m is not None and suggestion[m.end():m.end() + 1] in (".", ",", ";")
    return f"{suggestion[:m.end()]} to {field}{suggestion[m.end():]}" if ends else None


def _draft_plain(draft_text: str) -> str:
    """A draft as the slot values read it: an HTML body as its text (an Outlook body opens with
    <head><style> ...), cheaply: tags out, entities read; and only the message itself, not a quoted
    reply chain under it (the candidate's own signature is there)."""
    plain = draft_text or ""
    if "<" in plain and looks_like_html(plain):
        plain = markup_words(plain)
    quoted = find_quoted_reply(plain) if plain else None
    return plain[:quoted] if quoted is not None else plain


@lru_cache(maxsize=4096)
def _slots_of(template: str) -> frozenset:
    """The slot names a suggestion template uses ("{name}" -> "name")."""
    return frozenset(re.split(r"[.\[!:]", f, 1)[0] for _, f, _, _ in string.Formatter().parse(template) if f)


@lru_cache(maxsize=4096)
def _fill_without_facts(template: str) -> tuple[str, int]:
    """A template filled when none of its slots has a value, and its count of unfilled slots. Its
    result depends on the template alone, so it is kept across messages: the cache holds our
    rule text only, never a candidate's details (most findings in an audit are filled this way)."""
    s = fill(template, None, values={})
    return s, len(unfilled_slots(s))


def fill_suggestions(templates, context, draft_text: str = "") -> tuple[str, ...]:
    """All templates filled, the one needing the fewest slots first (ties keep the written order)."""
    return SlotFiller(context, draft_text).suggestions(templates)


# ---- the engine ----------------------------------------------------------------------------------


def _config_name(path: Path, from_env: bool) -> str:
    return f"REJECTCHECK_CONFIG ({path})" if from_env else f"The settings file {path}"


def _read_config(path: Path, from_env: bool) -> dict:
    """The organisation's settings, checked as the API checks a request's options."""
    name = _config_name(path, from_env)
    try:
        config = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"{name} cannot be read: {exc.strerror or exc}.") from exc
    except (UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ConfigError(f"{name} is not a YAML file: {exc}") from exc
    config = config if config is not None else {}
    try:
        check_options(config)
    except InputError as exc:
        raise ConfigError(f"{name}: " + re.sub(r"options\[(.+?)\]", r"\1", str(exc))) from None
    return config


def _load_yaml_rules(rules_dir: Path) -> tuple[list[Rule], dict[str, str]]:
    rules: list[Rule] = []
    risk_labels: dict[str, str] = {}
    seen: set[str] = set()
    for path in sorted(rules_dir.glob("*.yaml")):
        doc = read_yaml(path) or {}
        risk_labels.update(doc.get("risk_categories", {}) or {})
        for d in doc.get("rules", []):
            try:
                r = Rule.from_dict(d)
            except ValueError as exc:
                raise ValueError(f"{path.name}: {exc}") from None
            if r.id in seen:
                raise ValueError(f"duplicate rule id {r.id} in {path}")
            seen.add(r.id)
            rules.append(r)
    return rules, risk_labels


class RuleEngine:
    """Applies phrase rules, label findings and structure checks to one checked message."""

    def __init__(self, rules: list[Rule], config: dict | None = None, risk_labels: dict | None = None,
                 templates=None):
        self.config = config or {}
        self.risk_labels = dict(risk_labels or {})
        self.rules = {r.id: r for r in rules if r.type == "phrase"}
        self.label_rules = {r.id: r for r in rules if r.type == "label"}
        self.structure_rules = {r.id: r for r in rules if r.type == "structure"}
        self._templates = templates
        self._matchers = None
        self._risk: RuleEngine | None = None
        self._anchors: frozenset | None = None
        self._cheap_extras: tuple | None = None
        self._may_index: tuple | None = None
        self._extra_cache: dict = {}
        self._cues: dict[tuple[str, str], re.Pattern | None] = {}  # structure cues, compiled once (`_cue`)

    @classmethod
    def load(cls, rules_dir: Path | None = None, config_path: str | Path | None = None) -> "RuleEngine":
        rules_dir = Path(rules_dir) if rules_dir else RULES_DIR
        rules, risk_labels = _load_yaml_rules(rules_dir)
        config = {}
        from_env = not config_path
        config_path = config_path or os.environ.get("REJECTCHECK_CONFIG")
        if config_path:
            config = _read_config(Path(config_path), from_env)
            for i, d in enumerate(config.get("phrases", []) or []):
                rules.append(org_phrase_rule(d, i))
        engine = cls(rules, config, risk_labels)
        unknown = [r for r in config.get("disabled_rules") or () if engine.rule(r) is None]
        if unknown:  # as the API refuses it: a typo must never leave a rule on
            raise ConfigError(f"{_config_name(Path(config_path), from_env)}: disabled_rules names {unknown[0]!r}, "
                              "which is no rule (see `rejectcheck rules`).")
        return engine

    def all_rules(self) -> list[Rule]:
        return list(self.rules.values()) + list(self.label_rules.values()) + list(self.structure_rules.values())

    def rule(self, rule_id: str) -> Rule | None:
        return self.rules.get(rule_id) or self.label_rules.get(rule_id) or self.structure_rules.get(rule_id)

    @property
    def templates(self):
        """The generic-template index (built once, on first use)."""
        if self._templates is None:
            from .templates import default_index

            self._templates = default_index()
        return self._templates

    @property
    def matcher(self):
        """One spaCy Matcher over every phrase rule (phrase_hits uses per-rule matchers instead)."""
        vocab = blank_pipeline().vocab  # first: imports spaCy with torch hidden (model/nlp.py)
        from spacy.matcher import Matcher

        m = Matcher(vocab)
        for r in self.rules.values():
            m.add(r.id, [p for pat in r.patterns for p in compile_patterns(pat)])
        return m

    def _compiled(self):
        """Per-rule matchers plus an index from required words to rules.

        A sentence only runs the matchers of rules whose every required word of at least one
        pattern occurs in it, so the cost grows with the rules that could match, not all of them."""
        if self._matchers is None:
            vocab = blank_pipeline().vocab  # first: imports spaCy with torch hidden (model/nlp.py)
            from spacy.matcher import Matcher

            per_rule, index, always, requirements = {}, {}, set(), []
            # (the same word sets recur in thousands of expanded patterns: each is sorted and scored once)
            ordered = lru_cache(maxsize=None)(sorted)
            rarity = lru_cache(maxsize=None)(lambda x: (sum(w in _COMMON_WORDS for w in x),
                                                        sum(w in _DOMAIN_WORDS for w in x), len(x)))
            for r in self.rules.values():
                # (an organisation's patterns stay as expanded: its budget per check counts their work pattern by
                # pattern, `_Requirement.weight`)
                org = bool(r.params.get("org"))

                def specs(patterns, org=org):
                    expanded = [compile_patterns(pat) if org else compile_factored(pat) for pat in patterns]
                    return [p for each in expanded for p in each]

                try:
                    pats = specs(r.patterns)
                    u = q = o = None
                    if r.unless_overlapping:
                        o = Matcher(vocab)
                        o.add(r.id, specs(r.unless_overlapping))
                    if r.unless:
                        u = Matcher(vocab)
                        u.add(r.id, specs(r.unless))
                    if r.requires:
                        q = Matcher(vocab)
                        q.add(r.id, specs(r.requires))
                except ValueError as exc:
                    raise ValueError(f"rule {r.id}: {exc}") from None
                by_key: dict[tuple, int] = {}
                # a token spec's required words (None: it requires none), once per spec: the expanded patterns
                # share their token specs (the same dict in every variant)
                words_of: dict[int, frozenset | None] = {}
                for spec in pats:
                    sets = []
                    for d in spec:
                        got = words_of.get(id(d), ())
                        if got == ():
                            if "LOWER" not in d or d.get("OP") in ("?", "*") or str(d.get("OP", "")).startswith("{0"):
                                got = None
                            else:
                                v = d["LOWER"]
                                got = frozenset(v["IN"]) if isinstance(v, dict) else frozenset([v])
                            words_of[id(d)] = got
                        if got is not None:
                            sets.append(got)
                    if not sets:
                        always.add(r.id)
                        continue
                    key = tuple(sorted(sets, key=ordered))
                    if key in by_key:
                        requirements[by_key[key]].patterns.append(spec)
                        continue
                    # anchor on the rarest-looking word set so common words ("we", "your")
                    # don't send every sentence through the requirement check
                    anchor = min(sets, key=rarity)
                    pid = by_key[key] = len(requirements)
                    requirements.append(_Requirement(r.id, tuple(x for x in sets if x is not anchor), [spec], anchor,
                                                     org=org))
                    for w in anchor:
                        index.setdefault(w, []).append(pid)
                # the whole-rule matcher only serves patterns without required words; the others
                # run through their requirement's matcher (built on first use)
                m = None
                if r.id in always:
                    m = Matcher(vocab)
                    m.add(r.id, pats)
                per_rule[r.id] = (m, u, q, o)
            self._matchers = (per_rule, index, always, requirements)
            # the index's words as a set: `words & anchors` iterates over the (small) sentence, while
            # `words.intersection(index)` went through every indexed word for each sentence
            self._anchors = frozenset(index)
        return self._matchers

    def phrase_hits(self, text: str, extra: list[Rule] = (), keep=None, skipped: list | None = None,
                    budget: list | None = None) -> list[tuple[Rule, int, int]]:
        """(rule, start, end) character spans of phrase-rule matches in `text`, longest first, one per
        category where matches overlap. `keep(rule)`, if given, decides which rules take part before
        overlaps are settled (a disabled rule must not hide another's match). A phrase matches across
        a line break, a tab or several spaces as it does across one space."""
        if extra:
            return self._with_extra(extra).phrase_hits(text, keep=keep, skipped=skipped, budget=budget)
        if _ODD_SPACE.search(text):
            flat, where = single_spaced(text)
            return [(r, where[a], where[b - 1] + 1) for r, a, b in self._phrase_hits(flat, keep, skipped, budget)]
        return self._phrase_hits(text, keep, skipped, budget)

    def _phrase_hits(self, text: str, keep=None, skipped: list | None = None,
                     budget: list | None = None) -> list[tuple[Rule, int, int]]:
        per_rule, index, always, requirements = self._compiled()
        if not per_rule:
            return []
        doc = blank_pipeline().make_doc(text)
        words = {t.lower_ for t in doc}
        # a pattern's work grows with the places its first word could start a match: a "sentence" that
        # repeats one word hundreds of times ("a a a a ...", or a pattern such as "a *{0,6} a") would take
        # minutes and gigabytes; such a pattern is left out of that sentence, and the caller is told
        counts = Counter(t.lower_ for t in doc) if len(doc) > MAX_ANCHOR_STARTS or budget is not None else None
        # rule -> the patterns whose required words are all present (None: every pattern)
        candidates: dict[str, list | None] = dict.fromkeys(always)
        for w in words & self._anchors:
            for pid in index[w]:
                req = requirements[pid]
                chosen = candidates.get(req.rule, ())
                if chosen is None or (chosen and req in chosen):
                    continue
                for x in req.rest:  # (a loop, not all() over a generator: this runs ~40 times a sentence)
                    if words.isdisjoint(x):
                        break
                else:
                    starts = sum(counts[a] for a in req.anchor) if counts is not None else 0
                    # an organisation's phrases share one budget per check (ORG_WORK_BUDGET)
                    over = req.org and budget is not None and budget[0] < starts * req.weight()
                    if starts > MAX_ANCHOR_STARTS or over:
                        if skipped is not None and req.rule not in skipped:
                            skipped.append(req.rule)
                        continue
                    if req.org and budget is not None:
                        budget[0] -= starts * req.weight()
                    candidates.setdefault(req.rule, []).append(req)
        hits = []
        for rid, reqs in candidates.items():
            if reqs == []:
                continue  # every pattern it had here was left out (above)
            m, u, q, o = per_rule[rid]
            # only the patterns that could match: the same matches as the rule's whole matcher
            found = m(doc) if reqs is None else [f for req in reqs for f in req.matcher(rid)(doc)]
            masks = [(s, e) for _, s, e in o(doc)] if found and o is not None else ()
            if masks:
                found = [f for f in found if not any(f[1] < e and s < f[2] for s, e in masks)]
            if not found or (u is not None and u(doc)):
                continue
            # (a required word the vetoes cover is no more there: "the advertised salary band" says no one's pay)
            if q is not None and not any(not any(f[1] < e and s < f[2] for s, e in masks) for f in q(doc)):
                continue
            rule = self.rules[rid]
            for _, s, e in found:
                span = doc[s:e]
                hits.append((rule, span.start_char, span.end_char))
        if keep is not None:
            hits = [h for h in hits if keep(h[0])]
        # keep the longest non-overlapping match per category
        hits.sort(key=lambda h: (h[1], -(h[2] - h[1]), h[0].id))
        out, last_end = [], {}
        for r, s, e in hits:
            if s < last_end.get(r.category, -1):
                continue
            out.append((r, s, e))
            last_end[r.category] = e
        return out

    def _candidates(self, words: set[str]) -> bool:
        """Could any phrase rule match a text made of these lower-case tokens? (the index check of
        `phrase_hits`, without spaCy)"""
        _, _, always, _ = self._compiled()
        if always:
            return True
        anchors = words & self._anchors  # iterates over the (small) sentence, not the index
        if not anchors:
            return False
        sure, rests = self._may_match_index()
        if not sure.isdisjoint(anchors):
            return True
        for w in anchors:
            for rest in rests.get(w, ()):
                for x in rest:  # (loops, not all() over a generator: this runs for every sentence of an audit)
                    if words.isdisjoint(x):
                        break
                else:
                    return True
        return False

    def _may_match_index(self) -> tuple[frozenset, dict[str, tuple]]:
        """What `_candidates` reads: the anchor words that may start a match alone, and for each other anchor word
        the distinct sets of word sets its patterns need besides it, none implied by another ("went" with {home}
        makes "went" with {home}, {early} redundant), rarest-looking sets first (a set not in the text ends the check
        soonest)."""
        if self._may_index is None:
            _, index, _, requirements = self._compiled()
            sure, rests = set(), {}
            for w, pids in index.items():
                kept: list[frozenset] = []
                for rest in sorted({frozenset(requirements[p].rest) for p in pids}, key=len):
                    if not any(k <= rest for k in kept):
                        kept.append(rest)
                if not kept[0]:
                    sure.add(w)
                else:
                    rests[w] = tuple(tuple(sorted(rest, key=lambda x: (sum(v in _COMMON_WORDS for v in x),
                                                                        sum(v in _DOMAIN_WORDS for v in x), len(x),
                                                                        sorted(x))))
                                     for rest in kept)
            self._may_index = (frozenset(sure), rests)
        return self._may_index

    def risk_engine(self) -> "RuleEngine":
        """The risk-term phrase rules alone (the audit profile runs only these)."""
        if self._risk is None:
            self._risk = RuleEngine([r for r in self.rules.values() if r.category == "risk"], self.config,
                                    self.risk_labels, self._templates)
        return self._risk

    def may_match(self, texts: list[str]) -> list[bool]:
        """For each text, whether a phrase rule could match it, decided from a cheap tokenisation
        that yields every token spaCy's would (plus more): a text marked False has no match, so
        the spaCy tokenizer and matchers run only on the few marked True."""
        return [self._candidates(self.cheap_words(t)) for t in texts]

    def cheap_words(self, text: str) -> set[str]:
        """The lower-case tokens spaCy's tokenizer would make of `text`, or more, as far as the
        patterns' required words go, without running spaCy: the cheap tokenisation, plus each
        required word it cannot produce that occurs in the text ("$", ",", "n’t", "jumu'ah"), plus
        the pieces of the tokenizer's special cases that hold a required word ("cannot" -> "can",
        "not"; "didnt" -> "did", "nt")."""
        low = text.lower()  # once: the audit path calls this for every sentence
        words = _cheap_words_of_lower(low)
        if self._cheap_extras is None:
            self._cheap_extras = self._build_cheap_extras()
        odd, splits = self._cheap_extras
        if odd:
            words.update([w for w in odd if w in low])
        for w in words & splits.keys():
            words.update(splits[w])
        return words

    def required_words(self) -> set[str]:
        """Every lower-case word some phrase-rule pattern requires (see `_compiled`)."""
        _, index, _, requirements = self._compiled()
        return set(index).union(*(x for r in requirements for x in r.rest))

    def _build_cheap_extras(self) -> tuple[tuple[str, ...], dict[str, tuple[str, ...]]]:
        required = self.required_words()
        odd = tuple(sorted(w for w in required if w not in _cheap_words_of_lower(f" {w} ")))
        tokenizer = blank_pipeline().tokenizer  # first: imports spaCy with torch hidden (model/nlp.py)
        from spacy.attrs import ORTH

        # a piece the expression cannot make at all is one of `odd`, added wherever it occurs
        makeable = required.difference(odd)
        splits: dict[str, tuple[str, ...]] = {}
        for key, pieces in tokenizer.rules.items():
            tokens = _cheap_words_of_lower(key.lower())
            missing = makeable.intersection(str(p[ORTH]).lower() for p in pieces) - tokens
            for token in tokens if missing else ():
                splits[token] = tuple(sorted(missing.union(splits.get(token, ()))))
        return odd, splits

    @cached_property
    def has_org_rules(self) -> bool:
        """Whether an organisation's own phrase rules take part (their matching has a budget per check)."""
        return any(r.params.get("org") for r in self.rules.values())

    def _with_extra(self, extra: list[Rule]) -> "RuleEngine":
        key = tuple(extra)
        eng = self._extra_cache.get(key)
        if eng is None:
            eng = RuleEngine(list(self.rules.values()) + list(extra) + list(self.label_rules.values())
                             + list(self.structure_rules.values()), self.config, self.risk_labels, self._templates)
            if len(self._extra_cache) > 32:
                self._extra_cache.clear()
            self._extra_cache[key] = eng
        return eng

    # ---- applying ----------------------------------------------------------------------------
    def apply(self, prepared, sentences: list[SentenceResult], context=None, options=None, spans=None,
              actionable: bool = False, warnings: list | None = None):
        """Findings for a checked message, and its sentences with the rules' tone added. `spans`: the
        sentences' spans in `prepared.plain`; given, the rules read that text (an HTML body's text, not
        its markup) and map what they find back to the text as given. `actionable`: the message model's
        flag; a message it calls actionable is not told it lacks a next step. `warnings`, if given,
        receives a warning for phrase rules a sentence could not be checked against."""
        opts = {**self.config, **(options or {})}
        disabled = set(self.config.get("disabled_rules", ()) or ()) | set((options or {}).get("disabled_rules", ()) or ())
        threshold = SEVERITY_RANK.get(opts.get("severity_threshold") or "info", 0)
        extra = [org_phrase_rule(d, i) for i, d in enumerate((options or {}).get("phrases", []) or [])]
        engine = self._with_extra(extra) if extra else self
        text = prepared.original
        filler = SlotFiller(context, text)
        findings: list[Finding] = []
        out_sents: list[SentenceResult] = []
        stock: set[int] = set()  # sentences carrying a high-severity stock phrase (start offsets)
        phrase_rules = opts.get("phrase_rules", True)
        risk_only = not phrase_rules and opts.get("risk_rules", False)
        # the rules read what the model read: an HTML body's text, zero-width characters as spaces
        plain = spans is not None
        texts = ([prepared.plain[sp.start:sp.end] for sp in spans] if plain else [s.text for s in sentences]
                 ) if phrase_rules or risk_only else ()  # the lean audit profile reads no phrases
        sentences = self._bare_decision(sentences)
        if risk_only:  # the audit profile: risk terms only, spaCy only where one could match
            risk = self.risk_engine()
            maybe = risk.may_match(texts)
        # sentences that give a specific reason: a stock reason in a decision elsewhere is better cut than
        # rewritten around a [slot] ("... whose experience more closely matches our needs. In particular,
        # the role needs advanced Excel modelling, and your case study ...")
        # reasons that name nothing ("as you lacked the relevant experience", "your profile doesn't match"): generic
        # whatever their score, never a specific reason, a critique or a concrete one
        vague = self.vague_reasons(prepared.plain.lower(), texts or [x.text for x in sentences], sentences)
        specific_reasons = [x.start for x in sentences if x.kind in ("reason", "decision")
                            and x.boilerplate == "none" and x.specificity >= REASON_GIVEN and x.start not in vague]

        # the sender's lines come after the message's last sentence of content
        last_content = max((k for k, x in enumerate(sentences) if x.kind != "other"), default=-1)

        def reason_given(s) -> bool:
            return s.kind == "decision" and any(start != s.start for start in specific_reasons)

        # a decision naming what the chosen candidate had more of gives a concrete reason, whatever its score
        concrete = {x.start for x in sentences if x.kind in ("decision", "reason") and x.specificity < REASON_GIVEN
                    and (names_compared_skill(x.text) or names_what_hire_did(x.text) or names_needed_skill(x.text))}
        # ... and so does a critique of the candidate's work, which no stock reason or "[one skill]" slot replaces
        critiques = self._critiques(prepared.plain.lower(), sentences) - vague
        concrete |= {x.start for x in sentences if x.kind == "reason" and x.start in critiques}
        concrete -= vague

        def concrete_elsewhere(s) -> bool:
            # another sentence names what the hire had more of ("We went with someone with more hands-on Spark
            # experience."): a stock reason beside it is cut, not rewritten around a "[one skill ...]" slot
            return s.kind in ("decision", "reason") and any(start != s.start for start in concrete)

        # a message whose reason is the budget or a closed vacancy is never told the candidate lacked a skill
        situation = self._cue("structure.no_reason", "situation_cue")
        bar = self._cue("structure.no_reason", "bar_cue")  # a stated bar not met: a cold fix keeps it
        no_skill_gap = _Once(lambda: situation is not None and bool(situation.search(prepared.plain.lower())))

        # headings over a list ("Areas where other applicants were stronger:"): a fix keeps them headings
        headings = {x.start for x, x_text, nxt in zip(sentences, texts, texts[1:])
                    if x_text.rstrip().endswith(":") and BULLET.match(nxt)} if any(
            t.rstrip().endswith(":") for t in texts) else set()

        # the message's one decision: what replaces it must still say no
        # an offer or a holding note needs no reason or next step (a sentence the model reads as a decision must be
        # the offer's or the invitation's own)
        other = other_hiring_message(prepared.plain, [x.text for x in sentences if x.kind in ("decision", "reason")])
        # (a rejection that says no only in its reason, "other candidates more closely matched what we need": that
        # reason is its decision)
        decisions = [x.start for x in sentences if x.kind == "decision"] or [
            x.start for x in sentences if _SAYS_NO.search(x.text)] or (  # the kind model may read it as the reason
            [x.start for x in sentences if x.kind == "reason"] if other is None else [])
        only_decision = set(decisions) if len(decisions) == 1 else set()
        # the sentences that tell the candidate no: a fix of another sentence gives its reason without a second no
        # (worked out once a finding asks: most messages' sentences never do)
        said_no = functools.cache(lambda: {x.start for x in sentences if x.kind == "decision" or _SAYS_NO.search(x.text)})

        skipped: list[str] = []
        budget = [ORG_WORK_BUDGET]
        fixed_once: set[str] = set()  # rules fixed once per message whose fix an earlier sentence already has

        def effort_cue() -> re.Pattern:  # a thanks that names the effort is no formulaic thanks
            return self._cue("structure.no_thanks_for_effort", "effort", EFFORT_DEFAULT)

        # the candidate only applied: a thanks for the application names all they did (worked out once a thanks asks)
        applied_only = functools.cache(lambda: not names_effort(
            (x.lower() for x in texts), "\n".join(texts).lower(), context, effort_cue(),
            self._cue("structure.no_thanks_for_effort", "not_effort", r"$^")))
        for i, s in enumerate(sentences):
            def keep(rule, s=s, i=i, risky=False):  # a rule left out here must not hide another's overlapping match
                return rule.id not in disabled and not (
                    rule.skip_if_specific and (s.start in concrete or s.specificity >= self.specific_threshold(rule)
                                               and not (risky and rule.id in GENERIC_REASON_RULES))
                ) and not (rule.params.get("skip_if_effort") and thanks_for_effort(texts[i].lower(), effort_cue()))

            if phrase_rules:
                hits = engine.phrase_hits(texts[i], keep=keep, skipped=skipped,
                                          budget=budget if engine.has_org_rules else None)
                if s.specificity >= STOCK_REASON_VETO and s.start not in concrete and (
                        "risky" in s.tone or any(rule.tone == "risky" for rule, _, _ in hits)):
                    # a risky remark makes its sentence read as specific ("sadly you were not a culture fit, and at
                    # 55 you may find the pace hard"): a stock reason beside it is still one, reported with the risk
                    # (a sentence naming a concrete reason keeps the veto)
                    hits = engine.phrase_hits(texts[i], keep=functools.partial(keep, risky=True), skipped=[],
                                              budget=budget if engine.has_org_rules else None)
            elif risk_only and maybe[i]:
                hits = risk.phrase_hits(texts[i], keep=keep, skipped=skipped)
            else:
                hits = ()
            if s.tone and _BARE_OPENER.match(s.text):
                s = replace(s, tone=())  # "Unfortunately:" over a list: no words of its own to be harsh or cold in
            if not hits and not s.tone and s.boilerplate != "high":
                out_sents.append(s)  # nothing to report on this sentence (most of them)
                continue
            explained: set[str] = set()
            tone = list(s.tone)
            own: dict[str, tuple[int, int]] = {}  # rule -> its finding on this sentence (index, where it starts)
            for rule, a, b in hits:  # `keep` left out disabled rules and stock phrases with content attached
                if rule.tone and rule.tone not in tone:
                    tone.append(rule.tone)
                explained.add(rule.tone or rule.category)
                if rule.category == "boilerplate" and rule.severity == "high":
                    stock.add(s.start)
                start, end = prepared.to_original(spans[i].start + a, spans[i].start + b) if plain else (
                    s.start + a, s.start + b)
                how = dict(kind=s.kind, reason_elsewhere=rule.id in GENERIC_REASON_RULES and reason_given(s),
                           stock_beside=rule.id in GENERIC_REASON_RULES and concrete_elsewhere(s),
                           only_decision=s.start in only_decision, sentence=texts[i], no_skill_gap=no_skill_gap,
                           span=(s.start, s.end), heading=s.start in headings,
                           no_elsewhere=_Once(lambda s=s: said_no() - {s.start}),
                           keep_content=rule.tone == "harsh" and (s.specificity >= REASON_GIVEN or s.start in concrete),
                           applied_only=bool(rule.params.get("applied_only")) and _THANKS_FOR_APPLYING.search(
                               texts[i]) is not None and applied_only())
                first = own.get(rule.id)
                if first is not None and findings[first[0]].fix in ("replace_sentence", "none"):
                    # the rule's second phrase in the sentence ("This decision is final and ... no correspondence"):
                    # one finding from the first to the last, since its fix rewrites the whole sentence once
                    # (a verdict's clause cut is made again over both: "... had four errors and frankly you are not
                    # ready; you are not remotely qualified" kept the second verdict)
                    findings[first[0]] = self._finding(rule, findings[first[0]].start, end, filler,
                                                       evidence=texts[i][first[1]:b], at=(first[1], b), **how) if (
                        rule.params.get("cut_clause") and how["keep_content"]) else replace(
                        findings[first[0]], end=end, evidence=texts[i][first[1]:b])
                    continue
                found = self._finding(rule, start, end, filler, evidence=texts[i][a:b], at=(a, b), **how)
                if rule.params.get("once_per_message") and found.suggestions and rule.id in fixed_once:
                    # "This is an automated message. Please do not reply to this email.": the first sentence's fix
                    # says it for both; the same fix again would invite a reply beside "Please do not reply"
                    found = replace(found, suggestions=(), fix="none", message=found.message + FIXED_ABOVE)
                fixed_once.add(rule.id)
                findings.append(found)
                own[rule.id] = (len(findings) - 1, a)
            # (a reason with a risk phrase has its risk finding: "generic" would name the wrong problem, as in
            # structure.generic_reason: "Given your wheelchair, we felt the floor would not be suitable for you")
            if s.boilerplate == "high" and "boilerplate" not in explained and "risky" not in explained and (
                    s.start not in concrete) and not (
                    i > last_content and _signature_like(s.text)) and not (  # "— Jamie @ Acme": a name, not stock text
                    # the budget or a closed vacancy stated is the real reason ("on hold as the client has closed the
                    # requirement"), whatever the model makes of its wording
                    situation is not None and situation.search(s.text.lower()) and no_skill_gap) and not (
                    # "ngl you were super close on this one!!" beside "We went with someone who had more espresso bar
                    # experience": no stock phrase and no "no", only warmth next to the concrete reason
                    # (a line to the candidate: "we appointed someone who we felt was better suited" is a stock reason)
                    concrete_elsewhere(s) and s.start not in only_decision and not _SAYS_NO.search(s.text)
                    and _TO_YOU.search(s.text)):
                rid = "boilerplate.generic_reason" if s.kind in ("reason", "decision") else "boilerplate.generic_sentence"
                # "I'll call you as soon as something comes up", read as "other": a promise of contact is a future
                # step, and its rewrite names the opening (not a strength in its place)
                kind = "future" if s.kind == "other" and _LATER_CONTACT.search(s.text) else s.kind
                if rid in self.label_rules:
                    findings.append(self._finding(self.label_rules[rid], s.start, s.end, filler, kind=kind,
                                                  reason_elsewhere=rid in GENERIC_REASON_RULES and reason_given(s),
                                                  stock_beside=rid in GENERIC_REASON_RULES and concrete_elsewhere(s),
                                                  only_decision=s.start in only_decision, span=(s.start, s.end),
                                                  heading=s.start in headings,
                                                  no_elsewhere=_Once(lambda s=s: said_no() - {s.start})))
            for t, rid in (("harsh", "tone.harsh"), ("cold", "tone.cold"), ("risky", "risk.model")):
                if t in s.tone and t not in explained and rid in self.label_rules:
                    findings.append(self._finding(self.label_rules[rid], s.start, s.end, filler, kind=s.kind,
                                                  only_decision=s.start in only_decision, sentence=s.text,
                                                  keep_content=(s.kind != "decision" and t == "cold")
                                                  or s.specificity >= REASON_GIVEN or s.start in concrete
                                                  # a bar missed ("did not reach the benchmark") is the reason
                                                  or (t == "cold" and bar is not None and bar.search(s.text.lower())),
                                                  span=(s.start, s.end), heading=s.start in headings))
            order = ("cold", "harsh", "risky")
            out_sents.append(replace(s, tone=tuple(t for t in order if t in tone)) if tuple(tone) != s.tone else s)
        if findings and any(self._param(f.rule, "skip_if_reason_given") for f in findings) and (any(
                s.kind in ("reason", "decision") and s.boilerplate == "none" and s.specificity >= REASON_GIVEN
                for s in out_sents) or critiques):
            # a bare stock decision is fine once the message gives the real reason elsewhere (a critique of the
            # candidate's work is one: "The panel felt your lesson did not check pupils' understanding often enough.")
            findings = [f for f in findings if not self._param(f.rule, "skip_if_reason_given")]
        # list items as the model read them (an HTML body's <li> has its marker in the plain text only);
        # only a heading needs them, and most messages have none
        bullets = ({s.start for s, sp in zip(out_sents, spans) if BULLET.match(prepared.plain[sp.start:sp.end])}
                   if plain and any(s.text.rstrip().endswith(":") for s in out_sents) else None)
        if other and warnings is not None:
            warnings.append(OTHER_MESSAGE.format(what=other))
        # a text that does not read like a rejection at all (a candidate's "Thanks, appreciate you letting me know!"
        # above the quoted rejection) is not told it never says why (checker.content_warning warns about it)
        rejection = other is None and content_warning(
            prepared.plain, any(s.kind == "decision" for s in out_sents)) is not NOT_A_REJECTION
        findings.extend(self.structure(prepared, out_sents, context, stock=stock | vague, concrete=concrete,
                                       filler=filler, bullets=bullets, actionable=actionable, rejection=rejection,
                                       vague=vague))
        findings = [f for f in findings if f.rule not in disabled and SEVERITY_RANK[f.severity] >= threshold]
        # a generic reason already reported on its sentence by a reason rule is not reported twice
        reasons = [(f.start, f.end) for f in findings if f.rule in GENERIC_REASON_RULES]
        if reasons:
            findings = [f for f in findings if f.rule != "structure.generic_reason"
                        or not any(f.start <= a and b <= f.end for a, b in reasons)]
        # a cold sentence that keeps its words has no warmer wording where it is a list item ("2. Other candidates more
        # closely matched our requirements."): where another finding rewrites that sentence, that rewrite is the fix,
        # and the cold finding with nothing to apply is not told as well
        rewritten = {(f.start, f.end) for f in findings if f.fix == "replace_sentence" and f.suggestions}
        if rewritten:
            findings = [f for f in findings if f.rule != "tone.cold" or f.suggestions
                        or not any(f.start <= a and b <= f.end for a, b in rewritten)
                        or not filler.list_item((f.start, f.end))]
        # a formulaic thanks that the missing-effort finding rewrites in its place ("Thank you for applying to the
        # Plumbing Apprenticeship with Harris & Sons, and for [...]", keeping what it names) is one problem, told once
        thanked = [f.start for f in findings
                   if f.rule == "structure.no_thanks_for_effort" and f.fix == "replace_sentence"]
        if thanked:
            within = [(s.start, s.end) for s in out_sents if any(s.start <= t < s.end for t in thanked)]
            findings = [f for f in findings if f.rule != "boilerplate.formulaic_thanks"
                        or not any(a <= f.start < b for a, b in within)]
        if findings and _typed_lower(out_sents):  # "hi jess thx for coming in": the suggestions are typed so too
            findings = [replace(f, suggestions=tuple(dict.fromkeys(_in_lower_case(x) for x in f.suggestions)))
                        if f.suggestions else f for f in findings]
        findings.sort(key=lambda f: (f.start, -SEVERITY_RANK[f.severity]))
        if skipped and warnings is not None:
            warnings.append(SKIPPED_PHRASES.format(n=len(skipped), s="" if len(skipped) == 1 else "s",
                                                   rules=", ".join(skipped[:5]) + (", ..." if len(skipped) > 5 else "")))
        return out_sents, findings

    def _tied_invitation(self, content: list[SentenceResult], low: dict[int, str]) -> bool:
        """Whether a sentence invites the candidate back on a condition that another sentence names ("Once you pass,
        apply again." after "We need someone who has passed the CPA exams"): a next step however short it is, which
        the sentence model scores too low to count (structure.no_next_step's tied_invitation_cue, condition_topics)."""
        cue = self._cue("structure.no_next_step", "tied_invitation_cue")
        if cue is None:
            return False
        if ("structure.no_next_step", "condition_topics") not in self._cues:
            self._cues["structure.no_next_step", "condition_topics"] = tuple(
                (folded(t["condition"]), folded(t["reason"]))
                for t in self._p("structure.no_next_step", "condition_topics", ()) or ())
        topics = self._cues["structure.no_next_step", "condition_topics"]
        for s in content:
            m = cue.search(low[s.start])
            if m is None:
                continue
            condition = m.group(1) or m.group(2)  # (folded() keeps no group names)
            for said_in_condition, said_in_reason in topics:
                if said_in_condition.search(condition) and any(
                        o.start != s.start and said_in_reason.search(low[o.start]) for o in content):
                    return True
        return False

    def _bare_decision(self, sentences: list[SentenceResult]) -> list[SentenceResult]:
        """`sentences` with a bare refusal ("No, sorry.", "It's a no from us.", "Not successful.") read as the decision
        where the kind model found none: it reads so short a line as a greeting's or sign-off's "other", and the message
        then got no check a rejection gets (structure.no_reason's bare_decision_cue)."""
        if any(s.kind == "decision" for s in sentences):
            return sentences
        cue = self._cue("structure.no_reason", "bare_decision_cue")
        for i, s in enumerate(sentences):
            if cue is not None and len(s.text) <= 60 and cue.search(s.text.strip().lower()):
                return [*sentences[:i], replace(s, kind="decision"), *sentences[i + 1:]]
        return sentences

    def _param(self, rule_id: str, name: str):
        rule = self.rules.get(rule_id)
        return rule.params.get(name) if rule is not None else None

    def specific_threshold(self, rule: Rule) -> float:
        return float(rule.params.get("specific_threshold", 0.5))

    def _message(self, rule: Rule) -> str:
        if rule.risk:
            label = self.risk_labels.get(rule.risk, rule.risk.replace("_", " "))
            return f"Risk ({label}): {rule.message}"
        return rule.message

    def _finding(self, rule: Rule, start: int, end: int, filler: SlotFiller, evidence: str = "",
                 message: str | None = None, kind: str | None = None, reason_elsewhere: bool = False,
                 only_decision: bool = False, sentence: str = "", at: tuple[int, int] | None = None,
                 keep_content: bool = False, no_skill_gap: bool = False,
                 span: tuple[int, int] | None = None, heading: bool = False, no_elsewhere: bool = False,
                 stock_beside: bool = False, applied_only: bool = False) -> Finding:
        """`span`: the text a replace_sentence suggestion replaces (its sentence), for what it may repeat;
        `heading`: the sentence heads a list (it ends with a colon and list items follow it); `no_elsewhere`:
        another sentence tells the candidate no; `stock_beside`: this is a stock reason and another sentence names
        what the hire had more of; `applied_only`: a thanks for applying, where the candidate only applied."""
        templates = rule.suggestions
        if applied_only:  # the application is all they did: the thanks names it, not "[the take-home exercise]"
            templates = tuple(t.replace("{effort}", APPLICATION_EFFORT) for t in templates)
        reason_elsewhere = reason_elsewhere or stock_beside
        if reason_elsewhere:  # the draft gives its real reason in another sentence: keep the decision alone
            templates = (*BARE_DECISIONS, *templates)
            message = (message or self._message(rule)) + REASON_ELSEWHERE
        by_kind = rule.params.get("suggestions_by_kind") or {}
        if kind and by_kind.get(kind):
            own = tuple(by_kind[kind])  # `by_kind_only`: for these kinds the general suggestions do not fit
            templates = own if kind in (rule.params.get("by_kind_only") or ()) else own + tuple(
                t for t in templates if t not in own)
        own_words: tuple[str, ...] = ()
        if rule.params.get("keep_when") and sentence and (met := _MET_WHEN.search(sentence)):
            # "It was great to meet you last Wednesday": the thanks names the meeting and when, not two slots
            effort = f"{_MET_AS[met['verb'].lower()]} {met['when']}"
            templates = tuple(t.replace("{effort}", effort) for t in templates)
        if rule.params.get("delete") and sentence and at is not None:
            # "not been successful on this occasion": the hedge goes, the sentence stays
            shorter = _without_words(sentence, *at)
            if shorter:
                own_words = (shorter,)
        if stock_beside and not only_decision:
            templates = ()  # the concrete reason says no as well: the stock one is cut, with nothing in its place
        if rule.id in GENERIC_REASON_RULES and sentence and at is not None:
            # "We went with someone with more hands-on Spark experience, as other applicants more closely matched our
            # requirements": the concrete reason stays and the stock clause goes
            kept = _without_clause(sentence, *at, harsh=False)
            if kept and (names_compared_skill(kept) or names_what_hire_did(kept)):
                own_words, templates = (kept,), ()
        if rule.params.get("lead_in") and sentence and kind != "decision" and (thanks := _reference_as_thanks(sentence)):
            # "This is with reference to your application for the post of X.": a line about the application, whose
            # warmer wording is thanks, not a decision beside the draft's own
            own_words, templates = (thanks,), ()
        elif rule.params.get("lead_in") and sentence and at is not None:
            # "Kindly note that the documents may be collected ...": the sentence says something of its own;
            # the fix is the sentence without its formula, not a decision in its place (a decision keeps its
            # own words where a plainer one replaces the formula: "for the above-mentioned post" -> "this post")
            plainer = _without_formula(sentence, *at, rule.params.get("replace") or {}, cut=kind != "decision")
            if not plainer and kind == "decision" and rule.params.get("soften_decision") and _INFORM_LEAD.match(
                    sentence.strip()):
                # "This is to inform you that you have not been shortlisted for the final HR round held on 14th
                # March": the decision keeps its own facts, told as a person tells them
                plainer = _softened(sentence, rule.params["soften_decision"])
                if _STILL_FORMAL.search(plainer):  # "... that after careful evaluation, we regret to inform you ..."
                    plainer = ""
            if plainer:
                own_words = (plainer,)
                templates = () if kind != "decision" else templates
        if rule.params.get("soften_own") and sentence and kind == "decision" and at is not None and not own_words:
            # "We regret to inform you that we will not be ranking you this year": a decision in the draft's own words,
            # no stock phrase among them, keeps them ("I'm sorry to tell you that we will not be ranking you this
            # year") before the stock "we've decided not to offer you a place on ..."
            head, rest = sentence[:at[0]], sentence[at[1]:]
            if greeting := _GREETING_RUN_ON.match(head):
                head = head[greeting.end():]
            rest = rest[_FORMULA_TAIL.match(rest).end():]
            if _FORMULA_SUBJECT.fullmatch(head) and rest and not (
                    _STILL_FORMAL.search(rest) or _STOCK_DECISION.search(rest) or self.phrase_hits(rest)):
                softer = _softened(rest, rule.params["soften_own"])
                own_words = (softer,) if softer else ()
        if rule.category == "risk" and rule.risk not in _WHOLE_RISKS and rule.fix == "replace_sentence" and sentence \
                and at is not None:
            # "the role needs Friday client meetings, which clash with your prayers": the lawful requirement stays,
            # the clause about the protected characteristic goes (only a later clause: what is left must be free
            # of any risk term)
            kept = _without_risk_words(sentence, *at)
            if kept and not _PROTECTED_WORDS.search(kept) and not _DANGLING.search(kept) and not (
                    only_decision and not _SAYS_NO.search(kept)) and not self.risk_engine().phrase_hits(kept):
                own_words = (kept,)
        if keep_content and rule.tone == "harsh" and sentence and at is not None:
            # a harsh phrase in a sentence that also states what happened ("Your reconciliation had four errors
            # and frankly you are not ready"): the facts stay, the judgement goes; no template replaces them
            # (a verdict is a clause of its own and goes whole, `cut_clause`; sarcasm or bluntness colours the
            # sentence's facts, and the message says what to reword)
            templates = ()
            kept = _without_clause(sentence, *at) if rule.params.get("cut_clause") else ""
            own_words = (kept,) if kept else ()
            message = (message or self._message(rule)) + HARSH_CUT.format(words=sentence[at[0]:at[1]])
        elif keep_content and rule.params.get("keep_specific_message"):
            # a harsh sentence that also states the facts: no template may replace them; the message says what to do
            templates = ()
            message = (message or self._message(rule)) + " " + rule.params["keep_specific_message"]
        if keep_content and rule.params.get("soften_specific") and sentence:
            # a cold sentence that states the real reason ("Your final score was 68, below the cut-off of 70")
            # keeps it: the fix adds the human words, it does not trade the reason for a stock decision (a
            # bullet, an HTML list item or a fragment cannot follow "…that": it gets the message alone)
            templates = ()
            softer = "" if span is not None and filler.list_item(span) else _softened(sentence,
                                                                                       rule.params["soften_specific"])
            if softer:
                own_words = (softer,)
        if rule.params.get("named_contact") and (who := _NAMED_CONTACT.search(filler._draft)):
            # "Kindly do not reply to this mail. For any queries kindly revert to your placement coordinator.": the
            # fix sends questions where the draft does, not back to a mailbox it says is unread
            own_words, templates = (rule.params["named_contact"].format(who=who["who"]),), ()
        if rule.params.get("cut_if_offered") and span is not None and filler.offered_elsewhere(span):
            own_words, templates = (), ()
            message = (message or self._message(rule)) + OFFER_SAID
        if heading and templates and not own_words and rule.fix == "replace_sentence":
            # a sentence in a list's heading's place would leave its items under no heading: the fix is a heading
            # too (after the decision, where the heading was the message's one decision)
            templates = tuple(f"{d} {LIST_HEADING}" for d in BARE_DECISIONS) if only_decision else (LIST_HEADING,)
        if no_skill_gap:
            # the message's reason is the budget or a closed vacancy: no suggestion may say the candidate lacked a skill
            templates = tuple(t for t in templates if not _GAP_SLOT.search(t))
        if only_decision and rule.fix == "replace_sentence":
            # the message's one decision is replaced: every suggestion must still say no
            templates = tuple(t if _SAYS_NO.search(t) else f"{BARE_DECISIONS[1]} {t}" for t in templates)
        suggestions = own_words + filler.suggestions(templates)
        if sentence and rule.fix == "replace_sentence" and _NOT_SHORTLISTED.search(sentence):
            # "you have not been shortlisted": the candidate was never in the running for an offer
            suggestions = tuple(dict.fromkeys(_OFFER_DECISION.sub(r"\1not to shortlist you for", x) for x in suggestions))
        offered = _OFFERED_THING.search(sentence) if sentence and rule.fix == "replace_sentence" else None
        if offered:
            # "We will not be offering you a contract": the rewrite keeps what was not offered, not "the [role] role"
            suggestions = tuple(dict.fromkeys(_OFFER_ROLE.sub(lambda m: m[1] + offered["what"], x, count=1)
                                              for x in suggestions))
        if rule.params.get("keep_reason") and sentence and rule.fix == "replace_sentence":
            # a warmer wording of a decision keeps the reason the sentence gave: it may be the draft's only one
            suggestions = tuple(dict.fromkeys(_with_own_reason(x, sentence) for x in suggestions))
        if suggestions and span is not None and rule.fix == "replace_sentence" and filler.sorry_elsewhere(span):
            # the draft says sorry in another sentence: no second "I'm sorry to tell you that", and no rewrite that
            # would only have added it
            old = filler._draft[span[0]:span[1]].strip()
            suggestions = tuple(x for x in dict.fromkeys(_without_sorry(x) for x in suggestions) if x != old)
            if not suggestions:
                message = (message or self._message(rule)) + SORRY_SAID
        if suggestions and not only_decision and rule.fix == "replace_sentence" and no_elsewhere:
            # "I'm sorry, but we're not moving forward, because ..." beside the draft's own decision says no twice
            # (the draft's one decision keeps its no: "while we made our decision" elsewhere says none)
            # (a list item, or a sentence before the one that says no, gives the reason alone: "The main reason is
            # that ..." before the decision it explains reads as a reason for nothing yet)
            later = isinstance(no_elsewhere, _Once) and span is not None and min(no_elsewhere.get()) > span[0]
            item = span is not None and (filler.list_item(span) or later)
            suggestions = tuple(dict.fromkeys(_as_reason(x, item) for x in suggestions))
        if suggestions and span is not None and rule.fix == "replace_sentence":
            suggestions = filler.keep_role(suggestions, span)  # the sentence may hold the draft's only role field
            suggestions = filler.role_said_before(suggestions, span)
        if suggestions and (rule.fix == "replace_sentence" and span is not None or rule.fix == "insert" and filler._facts):
            suggestions, message = self._unsaid(rule, suggestions, filler, span if rule.fix != "insert" else None,
                                                message, decision=only_decision)
        stage = _STAGE_NOT_REACHED.search(sentence) if sentence and rule.fix == "replace_sentence" else None
        if stage:
            # "not shortlisted for the next round of the graduate scheme": the rewrite names the stage, not a role
            # ('not to shortlist you for ...' where the sentence says it was the shortlist)
            short = _NOT_SHORTLISTED.search(sentence)
            to, are = (("shortlist you for", "shortlisting you for") if short else
                       ("take you forward to", "taking you forward to"))
            suggestions = tuple(dict.fromkeys(x if stage["stage"].lower() in x.lower() else _ROLE_DECISION.sub(
                lambda m: f"{m[1]}not to {to} {_stage_of_role(stage['stage'], m)}" if m[1] else
                f"{m[4]}not {are} {stage['stage']}", x, count=1) for x in suggestions))
        if suggestions and span is not None and rule.fix == "replace_sentence":
            # a bare decision put in place of a reason the draft gives elsewhere, or a stage kept with the role, names
            # the role after the check above: again, not where the sentence before names it
            suggestions = filler.role_said_before(suggestions, span)
        if suggestions and sentence and rule.fix == "replace_sentence":
            # a rewrite that is the sentence itself changes nothing ("Thank you for your application." for itself)
            suggestions = tuple(x for x in suggestions if x != sentence.strip())
        return Finding(rule=rule.id, category=rule.category, severity=rule.severity, start=start, end=end,
                       message=message or self._message(rule), rationale=rule.rationale, evidence=evidence,
                       suggestions=suggestions, fix=rule.fix if suggestions else "none")  # nothing to apply

    def _unsaid(self, rule: Rule, suggestions: tuple[str, ...], filler: SlotFiller, span, message: str | None,
                decision: bool) -> tuple[tuple[str, ...], str | None]:
        """`suggestions` without those that would repeat a fact the draft gives in another sentence, and the
        message to show when none is left (a decision keeps one that says no and nothing more)."""
        repeats = [filler.repeated(x, span) for x in suggestions]
        if not any(repeats):
            return suggestions, message
        pending = [r for r in repeats if r in _FACT_SLOT and any(t.lower() in filler._low for k in _FACT_SLOT[r]
                                                                  for t in slot_texts(k))]
        # a sentence inserted before with its [slot] still unfilled: no second one beside it (the finding stays
        # until the slot is filled)
        fresh = () if rule.fix == "insert" and pending else tuple(x for x, r in zip(suggestions, repeats) if r is None)
        if not fresh and decision and rule.fix == "replace_sentence":
            fresh = filler.suggestions(BARE_DECISIONS)
        if fresh:
            return fresh, message
        what = pending[0] if pending else next(r for r in repeats if r)
        if rule.category == "risk" and rule.fix == "replace_sentence":
            # a risky sentence must go, but not for a second reason or [slot]: the praise in its place, or a cut
            praise = tuple(x for x in filler.suggestions(RISK_IN_PLACE) if filler.repeated(x, span) is None)
            return praise, (message or self._message(rule)) + (RISK_SAID.format(what=what) if praise else
                                                               ALREADY_SAID.format(what=what))
        said = ((ALREADY_PENDING_CUT if rule.fix == "replace_sentence" else ALREADY_PENDING) if pending
                else ALREADY_SAID).format(what=what)
        if rule.fix == "insert" and not pending:
            said = f" Your draft already gives {what} in another sentence."
        return (), (message or self._message(rule)) + said

    # ---- structure ---------------------------------------------------------------------------
    def structure(self, prepared, sents: list[SentenceResult], context, stock: set[int] = frozenset(),
                  filler: SlotFiller | None = None, bullets: set[int] | None = None,
                  actionable: bool = False, concrete: set[int] = frozenset(),
                  rejection: bool = True, vague: set[int] = frozenset()) -> list[Finding]:
        """Message-level checks. `stock`: start offsets of sentences whose wording is a known generic
        reason (a high-severity boilerplate phrase fired), generic whatever the sentence model says;
        `concrete`: those of decisions naming what the chosen candidate had more of (`names_compared_skill`),
        a specific reason whatever the model says; `vague`: those whose reason names nothing (`vague_reasons`),
        a reason however the model reads them, and a generic one (they are in `stock` too)."""
        text = prepared.original
        out: list[Finding] = []
        if not sents:
            return out
        R = self.structure_rules
        filler = filler or SlotFiller(context, text)

        def add(rid, start, end, **kw):
            if rid in R and (rejection or rid not in REJECTION_ONLY):
                out.append(self._finding(R[rid], start, end, filler, **kw))

        content, listed = _under_headings(sents, bullets)
        whole = (sents[0].start, sents[-1].end)
        # a suggestion applied with its [slot] still in it: flagged, and what it says does not count yet
        slotted = {s.start for s in content if "[" in s.text and OWN_SLOT.search(s.text)}
        if slotted:
            for s in content:
                for m in OWN_SLOT.finditer(s.text) if s.start in slotted else ():
                    add("structure.unfilled_placeholder", s.start + m.start(), s.start + m.end(), evidence=m.group())

        # each sentence's words as the model read them: an HTML body's text, not its tags and entities ("role &amp;
        # for meeting the team" read its entity's ";" as a clause break, so the draft's thanks could not name the effort)
        said = {s.start: prepared.plain[slice(*prepared.to_plain(s.start, s.end))] for s in sents} if (
            prepared.is_html) else {s.start: s.text for s in sents}
        low = {start: words.lower() for start, words in said.items()}  # the cues run on lower-cased text (`_cue`)
        # (the prefilters too: "Thank&nbsp;you&nbsp;for applying" is a thanks)
        low_text = (prepared.plain if prepared.is_html else text).lower()
        # a sentence describing only how the applications were judged is generic, whatever its score
        process = self._cue("structure.no_reason", "process_cue")
        if process is not None and process.search(low_text):
            process_not = self._cue("structure.no_reason", "process_not")
            stock = stock | {s.start for s in content if process.search(low[s.start]) and not (
                process_not is not None and process_not.search(low[s.start]))}
        cue_re = self._cue("structure.no_reason", "reason_cue")
        # the kind head can call a reason "future" or "appreciation"; an explicit "because" with
        # content attached counts as a reason too, and so does a decision giving its reason ("The
        # reason is that another applicant was further ahead.", read as the outcome), generic or not
        decision_re = self._cue("structure.no_reason", "decision_reason_cue")
        # an outcome told in "you" form is the decision, whatever the kind head says ("Sorry, you didn't get the
        # warehouse role." read as the reason)
        outcome, outcome_not = self._cue("structure.no_reason", "outcome_cue"), self._cue("structure.no_reason",
                                                                                          "outcome_not")
        said_no = {s.start for s in content if s.kind == "reason" and outcome is not None and outcome.search(
            low[s.start]) and not (outcome_not is not None and outcome_not.search(low[s.start]))}
        # (a one-word sentence is no reason, whatever the kind head says: "Honestly?", "Sadly.")
        reasons = [s for s in content if s.start not in slotted and s.start not in said_no and " " in s.text.strip() and (
            s.kind == "reason" or (
            cue_re is not None and s.kind != "other" and (s.specificity >= 0.5 or s.start in stock)
            and cue_re.search(low[s.start])) or (
            # (or a "no" read as a future step: "We won't be able to offer you a volunteer role at the moment, as we need
            # volunteers who can commit to weekday afternoons.")
            decision_re is not None and (s.kind == "decision" or s.kind == "future" and _SAYS_NO.search(said[s.start]))
            and decision_re.search(low[s.start])) or (
            s.start in vague and s.kind != "other"))]
        decisions = [s for s in content if s.kind == "decision" or s.start in said_no]
        spec_decision = [s for s in decisions if s.start not in said_no and (
            s.specificity >= self._p("structure.no_reason", "specific", 0.5) or s.start in concrete)]

        generic = self._p("structure.generic_reason", "generic_below", 0.35)
        situated: set[int] = set()  # sentences that state a closed or filled post (the situation cue)

        def generic_only(reasons) -> bool:
            # (a closed or filled post is the reason, whatever stock words share its sentence: "We have filled the
            # position and will keep your application on file")
            informative = [s for s in reasons + spec_decision if s.start not in stock or s.start in situated]
            return not informative or (max(s.specificity for s in informative) < generic
                                       and not any(s.start in concrete for s in informative))

        critiques: list[SentenceResult] = []
        if content and ((not reasons and not spec_decision) or (reasons and generic_only(reasons))):
            # about to say "never says why" or "generic reason": a critique the kind head read as praise or
            # as "other" ("Your answers on cash-flow forecasting were vague.") is the reason, and so is a stated
            # basis ("This decision was based on the results of your background check.")
            critiques, basis = self._stated_reasons(low_text, sents, {s.start for s in reasons}, low)
            # (a lack that names nothing is a reason, but no critique: "Unfortunately you lacked experience.")
            basis = basis + [s for s in critiques if s.start in vague]
            critiques = [s for s in critiques if s.start not in vague]
            reasons = reasons + critiques + basis
            # the budget, a closed vacancy, a score against its pass mark: the real reason, stated; a bar not met: a
            # reason, however vague
            for cue, real in (("situation_cue", True), ("bar_cue", False), ("score_cue", True)):
                pattern = self._cue("structure.no_reason", cue)
                # (a score is often a bare note, which the kind head reads as "other": "Numeracy 55%, cut-off 60%.")
                pool = sents if cue == "score_cue" else content
                stated = [s for s in pool if pattern.search(low[s.start])] if pattern else []
                seen = {s.start for s in reasons}
                reasons = reasons + [s for s in stated if s.start not in seen]
                if real:
                    concrete = concrete | {s.start for s in stated}
                if cue == "situation_cue":
                    situated = {s.start for s in stated}
        if content and not reasons and not spec_decision:
            add("structure.no_reason", *whole)
        elif reasons:
            # bullets under a "Where we needed more:" heading are the reasons the writer listed: a bare
            # bullet scores low on its own, so their specificity is not the measure of a generic reason
            # (a listed bullet must still say something: "- more depth in some areas" is generic wherever it is)
            listed_only = all(s.start in listed for s in reasons) and max(
                s.specificity for s in reasons) >= LISTED_SAYS_SOMETHING
            # a reason flagged risky has its risk finding: "generic" would name the wrong problem
            plain_reasons = [s for s in reasons if "risky" not in s.tone]
            # (a critique of the candidate's work names what fell short: "found your presentation hard to follow")
            if plain_reasons and not listed_only and not critiques and generic_only(reasons):
                worst = min(plain_reasons, key=lambda s: (s.specificity, s.start))
                # (a rejection that says no only in its one reason: that reason is its decision)
                lone = worst.kind == "decision" and len(decisions) == 1 or not decisions and rejection and sum(
                    s.kind == "reason" for s in content) == 1
                add("structure.generic_reason", worst.start, worst.end, kind=worst.kind, only_decision=lone,
                    span=(worst.start, worst.end), no_elsewhere=_Once(lambda w=worst: {
                        s.start for s in sents if s.kind == "decision" or _SAYS_NO.search(s.text)} - {w.start}))
        # thanks for the candidate's actual effort (an interview, an exercise), not for "your interest"
        effort_re = self._cue("structure.no_thanks_for_effort", "effort", EFFORT_DEFAULT)
        not_effort_re = self._cue("structure.no_thanks_for_effort", "not_effort", r"$^")
        did = names_effort((low[s.start] for s in sents), low_text, context, effort_re, not_effort_re)
        # ... in an appreciation, or in a run-on sentence of another kind that thanks for it ("Thank you for
        # interviewing for the warehouse lead position we have decided …")
        # (a thanks may name the effort by another word: "Thank you for the simulator session"; and a texted one the
        # model reads as no content is one too: "hi jo - tysm for the interview on friday!")
        thanked = did and any(
            (s.kind == "appreciation" and (effort_re.search(low[s.start]) or s.specificity >= 0.6))
            or thanks_for_effort(low[s.start], effort_re) for s in sents)
        if did and not thanked:
            rid = "structure.no_thanks_for_effort"
            # the draft's one thanks ("Thank you for your interest in the Analyst role."; a sign-off's "Thanks," is
            # none) names the effort too, rather than a second "Thank you for ..." beside it
            # (of several thanks, the first that can name it: "Thank you for applying. We really appreciate your
            # patience." gets no third)
            own = (s for s in sents if _THANKS_SENTENCE.search(said[s.start]) and not SIGN_OFF.match(
                short_line(said[s.start])) and s.kind != "decision" and not _SAYS_NO.search(said[s.start])) if (
                rid in R and (rejection or rid not in REJECTION_ONLY) and _THANKS_SENTENCE.search(low_text)) else ()
            effort = filler.draft_values().get("effort") or SLOTS["effort"]
            more, one = next(((m, s) for s in own if (m := _with_effort(said[s.start], effort,
                                                                         filler.values.get("name")))),
                             (None, None))
            # ... or its reference line is its acknowledgement ("This is with reference to your interview for the post
            # of X held on 12th March." -> "Thank you for attending the interview for the post of X ..."), not a
            # "Thank you for ..." inserted after it
            refs = ((t, s) for s in sents if s.kind != "decision" and (t := _reference_as_thanks(s.text))) if (
                not more and rid in R and (rejection or rid not in REJECTION_ONLY) and "reference" in low_text) else ()
            if not more:
                more, one = next(((t if thanks_for_effort(t.lower(), effort_re) else _with_effort(t, effort), s)
                                  for t, s in refs), (None, None))
            if more:  # (the finding is on its thanks, "Thank you for"; the suggestion replaces its sentence)
                rule = R[rid]
                at = _THANKS_SENTENCE.search(text, one.start, one.end) or _REFERENCE_LEAD.search(text, one.start, one.end)
                out.append(Finding(rule=rid, category=rule.category, severity=rule.severity,
                                   start=at.start() if at else one.start, end=at.end() if at else one.end,
                                   message=self._message(rule) + THANKS_IN_PLACE, rationale=rule.rationale,
                                   evidence=at.group() if at else "", suggestions=(more,), fix="replace_sentence"))
            else:
                add(rid, *whole)
        # the report's `actionable` flag and this finding must not contradict each other: the flag's model
        # reads the whole message ("u can rebook the inspection in the app"), the rule one sentence at a time
        # (a step whose [slot] is still unfilled is no step yet, whatever the flag's model makes of it)
        steps = [s for s in content if s.kind in ("advice", "future")]
        pending = any(unfilled_slots(s.text) for s in steps)
        step_cue = self._cue("structure.no_next_step", "step_cue")
        if content and not any(s.specificity >= 0.5 and not unfilled_slots(s.text) for s in steps) and not (
                actionable and not pending) and not (step_cue and any(
                    s.specificity >= 0.3 and step_cue.search(low[s.start]) for s in sents)) and not (
                    self._tied_invitation(content, low)):  # the cue is concrete
            # (in a sentence of any kind: "If it helps, Mr Evans would be glad to talk through the lesson" is "other")
            # a filled or frozen post with no advice from the recruiter: the step is a later opening, not advice the
            # checker would have to invent ("Next time, [one concrete step …]" after "The post has been filled")
            situation = self._cue("structure.no_reason", "situation_cue")
            # (praise is no situation: "your intro on the council budget was sharp")
            closed = "advice" not in filler.values and situation is not None and any(
                s.kind != "appreciation" and situation.search(low[s.start]) for s in content)
            add("structure.no_next_step", *whole, kind="situation" if closed else None)
        if decisions:
            d = decisions[0]
            if self._body_paragraph(prepared, sents, d) >= self._p("structure.buried_decision", "paragraph", 2):
                add("structure.buried_decision", d.start, d.end)
        words = sum(len(s.text.split()) for s in sents)
        long_words = self._p("structure.too_long", "words", 300)
        padded_words = self._p("structure.too_long", "padded_words", 180)
        empty = [s for s in content if s.boilerplate != "none" or s.specificity < 0.3]
        padded = words > padded_words and len(empty) >= max(4, 0.6 * len(content))
        if words > long_words or padded:
            add("structure.too_long", *whole)
        plain = prepared.plain  # an HTML body's text: no merge fields in its styles, its entities decoded
        for m in ANY_MERGE_FIELD.finditer(plain) if may_hold_merge_field(plain) else ():
            if _NOT_A_FIELD.fullmatch(m.group()):
                continue  # "the attached notes [PDF]", "[sic]": an ordinary bracket
            start, end = prepared.to_original(*m.span())
            if start < whole[1]:
                add("structure.unfilled_merge_field", start, end, evidence=m.group(0))
        rule = R.get("structure.template_near_duplicate")
        if rule is not None and len(content) >= 2:
            least = float(rule.params.get("min_similarity", 0.7))
            match = self.templates.best_match(prepared.plain, context, min_score=least)  # plain text: no HTML tags
            if match is not None:
                pct = int(round(100 * match.score))
                add("structure.template_near_duplicate", *whole, evidence=match.template_id,
                    message=rule.message.format(percent=pct, template=match.template_id))
        return out

    def vague_reasons(self, low: str, texts: list[str], sents) -> set[int]:
        """The sentences, by start, whose reason names nothing and closes the sentence ("... as you lacked the
        relevant experience.", "Your profile doesn't match what we are looking for."; structure.generic_reason's
        vague cue, tried only where one of its words occurs in `low`, the message lower-cased). `texts`: each
        sentence's words as the rules read them."""
        r = self._cue("structure.generic_reason", "vague_cue")
        if r is None or not _any_in(low, self._p("structure.generic_reason", "vague_words", None)):
            return set()
        return {s.start for s, t in zip(sents, texts) if r.search(t.lower())}

    def _critiques(self, low: str, sents) -> set[int]:
        """The sentences, by start, that critique the candidate's work and are neither a decision nor advice or a
        future step (structure.no_reason's judgement cue): the message's reason, whatever kind or boilerplate level the
        sentence model reads ("The panel felt your lesson did not check pupils' understanding often enough.")."""
        r = self._cue("structure.no_reason", "judgement_cue")
        if r is None or not _any_in(low, self._p("structure.no_reason", "judgement_words", None)) or not r.search(low):
            return set()
        return {s.start for s in sents if s.kind not in ("decision", "advice", "future") and r.search(s.text.lower())
                and not _REGRET.match(s.text) and not _STOCK_SHORTFALL.search(s.text)}

    def _stated_reasons(self, low: str, sents, seen: set[int], low_of: dict[int, str]) -> tuple[list, list]:
        """Sentences that give a reason whatever kind the sentence model reads them as: critiques of the
        candidate's work, and stated bases of the decision (structure.no_reason's judgement and basis cues;
        each tried on the whole message first, and only where one of its words occurs). `low`: the message
        lower-cased, `low_of`: each sentence's, by start offset."""
        out = []
        for cue, words in (("judgement_cue", "judgement_words"), ("basis_cue", "basis_words")):
            r = self._cue("structure.no_reason", cue)
            if r is None or not _any_in(low, self._p("structure.no_reason", words, None)):
                out.append([])
                continue
            found = [s for s in sents if s.start not in seen and s.kind in ("appreciation", "other")
                     and r.search(low_of[s.start]) and not GREETING.match(short_line(s.text))
                     and not _REGRET.match(s.text)] if r.search(low) else []
            seen |= {s.start for s in found}
            out.append(found)
        return out[0], out[1]

    def _p(self, rid: str, key: str, default):
        r = self.structure_rules.get(rid)
        return r.params.get(key, default) if r is not None else default

    def _cue(self, rid: str, key: str, default: str | None = None) -> re.Pattern | None:
        """A structure rule's pattern parameter, case-insensitive, compiled once to run on lower-cased text
        (`folded`), or None where the rule or parameter is absent."""
        if (rid, key) not in self._cues:
            pattern = self._p(rid, key, default)
            self._cues[rid, key] = folded(pattern) if pattern else None
        return self._cues[rid, key]

    @staticmethod
    def _body_paragraph(prepared, sents: list[SentenceResult], target: SentenceResult) -> int:
        """Index of the body paragraph holding `target` (the greeting line does not count)."""
        text = prepared.original
        breaks = []
        last = 0
        for m in (_PARA_BREAK if "<" in text else _BLANK_LINE).finditer(text):
            # breaks with no text between them are one break: "<br><br><br><br>", empty <p>s, spacer divs; and a
            # Markdown heading ("# Update on your application", "**Our decision**") is no paragraph of body text:
            # the break after it is none either
            if (not breaks or _NO_TEXT.fullmatch(text, last, m.start()) is None) and (
                    "#" not in text and "**" not in text and "__" not in text
                    or _MD_HEADING.fullmatch(text, last, m.start()) is None):
                breaks.append(m.start())
            last = m.end()

        def para(pos):
            return bisect_left(breaks, pos)  # the breaks before pos
        # the body starts after the salutation, wherever it is: an Indian government or a formal letter
        # puts a reference, a date and an address block ("To,\nShri R. Kumar\n...\nSir,") above it
        body_start = sents[0].start
        for i, s in enumerate(sents):
            if s.start >= target.start:
                break
            if len(s.text.split()) <= 8 and (GREETING.match(short_line(s.text)) or _SALUTATION.match(s.text.strip())):
                body_start = sents[i + 1].start if i + 1 < len(sents) else s.start
                break
        return para(target.start) - para(body_start)

    # ---- suggestions applied -----------------------------------------------------------------
    def apply_suggestion(self, text: str, report, finding: Finding, index: int = 0) -> str:
        """The draft with `finding`'s suggestion number `index` applied.

        Sentence findings replace the sentence they sit in; message-level findings insert the
        suggestion after the decision (or the first content sentence); a template near-duplicate's
        suggestion is a whole message that replaces the draft."""
        if not finding.suggestions:
            return text
        if not 0 <= index < len(finding.suggestions):
            raise ValueError(f"{finding.rule} has {len(finding.suggestions)} suggestions; there is no number {index}.")
        suggestion = finding.suggestions[index]
        if looks_like_html(text):  # a context value such as "R&D" or "<research>" is text, not markup
            suggestion = html.escape(suggestion, quote=False)
        rule = self.rule(finding.rule)
        fix = rule.fix if rule is not None else "replace_sentence"
        if fix == "insert" and finding.fix == "replace_sentence":  # a sentence of the draft's is rewritten instead
            fix = "replace_sentence"
        sents = list(report.sentences)
        if fix == "none":
            return text
        if fix == "replace_message":
            # the message that was checked, greeting to sign-off: a quoted reply chain or a signature
            # notice below it stays, and an HTML body stays HTML
            if not sents:
                return suggestion
            start, end = sents[0].start, sents[-1].end
            if looks_like_html(text):
                suggestion = re.sub(r"\r?\n", "<br>", re.sub(r"[ \t]*\r?\n[ \t]*\r?\n[ \t]*", "<br><br>", suggestion))
                start, end, suggestion = _balanced_replacement(text, start, end, suggestion)
            elif "\r\n" in text:  # the draft's own line endings (Windows, Outlook)
                suggestion = re.sub(r"\r?\n", "\r\n", suggestion)
            return text[:start] + suggestion + text[end:]
        if fix == "move_to_top":
            target = next((s for s in sents if s.start <= finding.start < s.end), None)
            if target is None:
                return text
            rest = sents[:]
            rest.remove(target)
            head = text[:target.start].rstrip(" ")
            tail = text[target.end:]
            if not head or head.endswith("\n"):  # the paragraph's next sentence starts it now, with no space before
                tail = tail.lstrip(" \t")
            without = _close_gap(head + tail, len(head))
            shift = len(text) - len(without)
            moved = [replace(s, start=s.start - shift, end=s.end - shift) if s.start > target.start else s
                     for s in rest]
            return insert_sentence(without, moved, _without_connective(target.text), where="after_greeting")
        whole = len(sents) > 1 and finding.start <= sents[0].start and finding.end >= sents[-1].end
        if fix == "replace_sentence" and not whole:
            for s in sents:
                if s.start <= finding.start < s.end or (s.start < finding.end <= s.end):
                    greeting = _GREETING_RUN_ON.match(text, s.start, s.end)
                    start = s.start
                    bullet = BULLET.match(text[s.start:s.end]) if text[s.start:s.start + 1] in _BULLET_STARTS else None
                    if bullet and not BULLET.match(suggestion):  # "- other candidates had ...": the new words stay an item
                        start += bullet.end()
                    elif greeting:
                        # "Hi Sam, thank you for your interest ...": the greeting stays, the sentence goes on
                        start, suggestion = greeting.end(), _run_on(suggestion, greeting.group("name"))
                    end = s.end
                    if looks_like_html(text):
                        # the sentence's own words kept ("... had <b>four errors</b>." with its verdict cut): its
                        # markup stays around them; new words across "</b>" or "<span>": no element left open
                        kept = _with_markup_kept(text, start, end, html.unescape(suggestion))
                        if kept is not None:
                            return kept
                        start, end, suggestion = _balanced_replacement(text, start, end, suggestion)
                    return text[:start] + suggestion + text[end:]
        # one inserted before and still there (its [slots] unfilled): never a second, which often repeats it
        if fix == "insert" and any(s in text or html.escape(s, quote=False) in text for s in finding.suggestions):
            return text
        if suggestion in text:
            return text
        return insert_sentence(text, sents, suggestion, where=rule.params.get("insert", "after_decision")
                               if rule is not None else "after_decision")


# the first characters of a list item's marker (`BULLET`: "-", "1.", "a)", "(b)", "iv."): most sentences start with none
# what a sentence without its stop may end with besides a word: a merge field ("[Company]", "{{company}}", "%COMPANY%",
# "<<Company>>"), a bracket or a quote
# an HTML list's own tags, and a list that starts after nothing but tags ("stronger:</p>\n<ul>")
_HTML_LIST_TAG = re.compile(r"<(/?)(?:ul|ol)\b[^<>]*>", re.I)
_HTML_LIST_AHEAD = re.compile(r"(?:\s*</?(?!ul\b|ol\b)[a-z][^<>]*>)*\s*<(?:ul|ol)\b[^<>]*>", re.I)
_CLOSERS = ")]}%>\"'\u2019\u201d"
_OPEN_ENDS = frozenset(_CLOSERS)
_BULLET_STARTS = frozenset("-•*·▪●◦–✓(0123456789abcdefghiv \t")

# A greeting that runs on into its sentence in small letters ("Hi Sam, thank you for ..."), which the
# segmenter keeps as one sentence, and the words a suggestion may start with that read on after it.
_GREETING_RUN_ON = re.compile(
    r"[ \t]*(?i:hi|hello|hey|dear|greetings|good[ \t]+(?:morning|afternoon|evening))"
    r"(?:,?[ \t]+(?P<name>(?:" + _TITLE + r"\.?[ \t]+)?[A-Z][\w'\u2019\-]*(?:[ \t]+[A-Z][\w'\u2019\-]*){0,2}"
    r"|(?:" + ANY_MERGE_FIELD.pattern + r")(?:[ \t]+(?:" + ANY_MERGE_FIELD.pattern + r"))?)"  # "Dear %FIRSTNAME%,"
    r"|[ \t]+(?i:team|all|there|everyone|folks))?"
    r"(?:[ \t]*[,:!]|[ \t]+[\u2013\u2014-])(?:[ \t]|\u00a0|&nbsp;)+(?=[a-z])")
_RUN_ON_WORDS = frozenset("thank thanks we we've we're we'd we'll the this our if next good it it's its your after "
                          "unfortunately sadly please that there what as in for when while since because although a an "
                          "my sorry".split())


# a sentence's first letter, and a suggestion's sentence's first word
_FIRST_LETTER = re.compile(r"[^\W\d_]")
_SENTENCE_START = re.compile(r"(?:^|(?<=[.!?] )|(?<=\n))(?P<word>[A-Z][a-z'’]*)(?=[\s,])")


def _typed_lower(sents: list[SentenceResult]) -> bool:
    """Whether a draft is typed in lower case: every sentence starts with a small letter, and there are two or more
    ("hi jess sorry but we wont be moving fwd w ur application. thx again")."""
    firsts = [m.group() for s in sents if (m := _FIRST_LETTER.search(s.text))]
    return len(firsts) >= 2 and all(c.islower() for c in firsts)


def _in_lower_case(suggestion: str) -> str:
    """`suggestion` as a draft typed in lower case writes it: "the main reason is ...", "thanks so much ..." (a
    name or "I'm" keeps its capital)."""
    return _SENTENCE_START.sub(lambda m: m.group().lower() if m.group().lower() in _RUN_ON_WORDS else m.group(),
                               suggestion)


# a suggestion's decision before its reason ("I'm sorry, but we're not moving forward, because the role needs ...")
_DECISION_LEAD = re.compile(r"^(?:(?:I'm|I am|we're|we are) sorry,? (?:but )?|Unfortunately,? |Sadly,? )?we(?:'re| are) not "
                            r"(?:moving forward|progressing|going ahead)(?: with your application)?,? because ")


MAIN_REASON = "The main reason is that "


def _as_reason(suggestion: str, item: bool = False) -> str:
    """`suggestion` without a decision before its reason, for a draft that says no in another sentence ("The
    main reason is that the role needs ..."; a list item: "The role needs ...")."""
    m = _DECISION_LEAD.match(suggestion)
    if not m:
        if not (item and suggestion.startswith(MAIN_REASON)):
            return suggestion
        rest = suggestion[len(MAIN_REASON):]  # ("The main reason is that ..." in a list item or before the no)
        return rest[:1].upper() + rest[1:]
    rest = suggestion[m.end():]
    return rest[:1].upper() + rest[1:] if item else MAIN_REASON + rest


def _with_effort(sentence: str, effort: str, name: str | None = None) -> str | None:
    """A thanks that names the effort too ("Thank you for your interest in the Analyst role, and for the final
    interview."), or None where the sentence goes on past its thanks ("..., but the result was not ...")."""
    g = _GREETING_RUN_ON.match(sentence)
    body = _TRAILING_ADVERB.sub("", (sentence[g.end():] if g else sentence).strip())
    item = BULLET.match(body)  # "- Thank you for applying": the item's words (applying keeps its marker)
    body = body[item.end():] if item else body
    m = _THANKS_SENTENCE.match(body)
    if not m:  # "Your time on Monday was much appreciated.": the thanks ends the sentence
        m = _THANKS_SENTENCE.search(body)
        if not m or not m.group().lower().endswith("appreciated") or body[m.end():].strip(" .!"):
            return None
    elif _CLAUSE_BREAK.search(body, m.end()) or _THANKS_GOES_ON.search(body, m.end()):
        return None
    body = body.rstrip(".!,;: ")  # (a closing line's "Thanks again for your time," ends in a comma)
    joint = "and" if m.group().lower().endswith(("appreciate", "value")) else (
        "and thank you for" if m.group().lower().endswith("appreciated") else "and for")
    tail, stop = "", "."
    if name and body.endswith(f", {name}"):  # "Thank you for applying, Dana": the name stays last
        body, tail = body[:-len(name) - 2], f", {name}"
    emoji = _EMOJI_END.search(body)
    if emoji:  # "thanks so much for ur time today 😊": the emoji stays last, in place of the stop
        body, tail, stop = body[:emoji.start()], tail + emoji.group(), ""
    return f"{body[:1].upper()}{body[1:]}, {joint} {effort}{tail}{stop}"


def _without_sorry(suggestion: str) -> str:
    """`suggestion` without its "I'm sorry (to tell you) that" ("We've decided not to offer you the role.")."""
    m = _SORRY_LEAD.search(suggestion)
    if not m:
        return suggestion
    rest = suggestion[m.end():]
    return suggestion[:m.start()] + (rest[:1].upper() + rest[1:] if m.start() == 0 else rest)


def _run_on(sentence: str, name: str | None = None) -> str:
    """`sentence` as it reads after a greeting on the same line: a first word such as "Thank" in small
    letters, and the name the greeting already says not said again ("Hi Sam, I hope it goes well.")."""
    if name:
        given = name.split()[-1]
        said = r"(?:" + _TITLE + r"\.?\s+)?" + re.escape(given)
        sentence = re.sub(r"^" + said + r",\s*", "", sentence)
        sentence = re.sub(r",\s*" + said + r"(?=[.!?;]|$)", "", sentence)
        if sentence[:1].islower():
            sentence = sentence[0].upper() + sentence[1:]
    first = sentence.split(" ", 1)[0].rstrip(",;:").lower()
    if first in _RUN_ON_WORDS:
        return sentence[0].lower() + sentence[1:]
    return sentence


# words that tie a sentence to the one before it: at the top of a message they point at nothing
# (with its comma: "As a result of the high number ..." and "However much we enjoyed ..." keep theirs; "But",
# "And" and "So" only before the clause's subject: "So far as ..." keeps its "So")
_CONNECTIVE = re.compile(r"^(?:(?:however|therefore|thus|hence|as a result|consequently|that said|having said that|"
                         r"with that in mind|still|nevertheless|nonetheless|even so|all the same),|"
                         r"(?:but|and|and so|so|however|therefore|thus|still),?(?=[ \t]+(?:we|i|our|unfortunately|sadly|"
                         r"regrettably|after|this|the|it|that|on this occasion|at this stage)\b))[ \t]+", re.I)
# a block left empty (\s covers the no-break space; possessive: a long run of spaces cannot backtrack)
# (Outlook wraps a paragraph's text in <span> and ends it with <o:p></o:p>: empty inline elements count as empty)
_EMPTY_BLOCK = re.compile(r"<(p|div|li)\b[^>]*>(?:\s|&nbsp;|<br\s*/?>|</?(?:span|o:p|font|b|i|u|strong|em|small)\b[^<>]*>)*+"
                          r"</\1\s*>", re.I)
_SPACER_BLOCK = re.compile(r"<(p|div)\b[^>]*>(?:\s|&nbsp;)*+(?:<br\s*/?>)?(?:\s|&nbsp;)*+</\1\s*>", re.I)
_BR_RUN = re.compile(r"(?:[ \t\r\n]{0,100}+<br\s*/?>){3,}+", re.I)


_TAG = re.compile(r"<(/?)([a-zA-Z][\w-]*)\b[^<>]*?(/?)>")
_VOID_TAGS = frozenset("br img hr meta input wbr col area base link source track param embed".split())


def _balanced_replacement(text: str, start: int, end: int, new: str) -> tuple[int, int, str]:
    """Replace text[start:end] of an HTML body by `new` without leaving a tag open or closing one twice:
    the range from the first sentence to the last crosses paragraphs, so it closes elements opened before it
    ("Dear Sam,</b></p><p>...") and opens some closed after it. Elements left empty at its edges are taken
    into the range; the others are closed before `new` and opened again after it, as they were."""
    closes: list[tuple[str, str]] = []  # (tag text, name) closing elements opened before the range
    stack: list[tuple[str, str]] = []   # elements opened inside the range
    for m in _TAG.finditer(text, start, end):
        name = m.group(2).lower()
        if name in _VOID_TAGS or m.group(3):
            continue
        if not m.group(1):
            stack.append((m.group(0), name))
        elif any(n == name for _, n in stack):
            while stack and stack.pop()[1] != name:
                pass
        else:
            closes.append((m.group(0), name))
    opens = stack
    while closes:  # "<p><b>" just before the range, closed inside it: the empty elements go with the range
        m = re.search(r"<([a-zA-Z][\w-]*)\b[^<>]*>\s*$", text[max(0, start - 300):start])
        if not m or m.group(1).lower() != closes[0][1]:
            break
        start -= len(m.group(0))
        closes.pop(0)
    while opens:  # "<p>" opened inside the range and closed just after it
        m = re.match(r"\s*</([a-zA-Z][\w-]*)\s*>", text[end:end + 300])
        if not m or m.group(1).lower() != opens[-1][1]:
            break
        end += len(m.group(0))
        opens.pop()
    return start, end, "".join(t for t, _ in closes) + new + "".join(t for t, _ in opens)


# an HTML fragment's pieces as its reader sees them: a tag (no text), an entity, a run of white space, a character
_MARKUP_PIECE = re.compile(r"(<[^<>]*>)|(&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);?)|(\s+)|.", re.S)
# an inline element left with nothing in it once the words it held were cut ("<b></b>")
_EMPTY_INLINE = re.compile(r"<(b|strong|i|em|u|s|span|font|small|mark|a)\b[^<>]*>(\s*)</\1\s*>", re.I)
_STOPS_AND_SPACE = " \t\n.,;:!?"  # what a sentence's own words may lose and still be all kept
MAX_NEW_IN_KEPT = 6  # letters a rewrite of the sentence's own words may add ("this post" for "the above-mentioned post")


_TAGS_BEFORE = re.compile(r"(?:<[a-zA-Z][^<>]*>)+$")
_TAGS_AFTER = re.compile(r"(?:</[a-zA-Z][^<>]*>)+")


def _with_markup_kept(text: str, start: int, end: int, new: str) -> str | None:
    """HTML `text` with its sentence at [start, end) rewritten as `new` where `new` is the sentence's own words with
    some cut (a verdict's clause, a hedge, a formula) and at most a capital, a stop or a short word changed: the words
    kept keep the tags around them ("<b>four errors</b>"), and an element around words cut goes only if it is left
    empty (the tags that open just before the sentence or close just after it count as its own); new words added to
    all of its own ("..., and for the final interview.") go in beside them. None where `new` is mostly new words in
    place of some of its own (a template), or the sentence holds no tag."""
    if "<" not in text[start:end]:
        return None
    head = _TAGS_BEFORE.search(text, max(0, start - 300), start)
    tail = _TAGS_AFTER.match(text, end)
    start, end = head.start() if head else start, tail.end() if tail else end
    fragment = text[start:end]
    pieces: list[tuple[str, str]] = []  # (source, what the reader sees: "" for a tag)
    for m in _MARKUP_PIECE.finditer(fragment):
        seen = "" if m.group(1) else " " if m.group(3) else (
            html.unescape(m.group(2) if m.group(2).endswith(";") else m.group(2) + ";").replace("\u00a0", " ")
            if m.group(2) else m.group())
        pieces.append((m.group(), seen))
    plain = "".join(seen for _, seen in pieces)
    blocks = difflib.SequenceMatcher(None, plain.lower(), new.lower(), autojunk=False).get_opcodes()
    same = sum(b - a for op, a, b, _, _ in blocks if op == "equal")
    added = sum(len(new[c:d].strip()) for op, _, _, c, d in blocks if op in ("insert", "replace"))
    # (every word of the sentence kept, only its stop changed: new words added to it, "..., and for the take-home
    # exercise.", keep its markup however many they are)
    cut = sum(len(plain[a:b].strip(_STOPS_AND_SPACE)) for op, a, b, _, _ in blocks if op in ("delete", "replace"))
    if cut and (same < 0.8 * len(new.strip()) or added > MAX_NEW_IN_KEPT):
        return None
    kept: list[str | None] = [None] * len(plain)  # what each character of the fragment's text becomes (None: cut)
    before: dict[int, str] = {}  # new words put before a character (len(plain): at the end)
    for op, a, b, c, d in blocks:
        if op == "equal":
            kept[a:b] = new[c:d]
        elif new[c:d]:
            before[a] = before.get(a, "") + new[c:d]
    out, at = [], 0
    for source, seen in pieces:
        if seen:
            out.append(html.escape(before.get(at, ""), quote=False))
            mine = kept[at:at + len(seen)]
            if None not in mine and "".join(mine) == seen:
                out.append(source)  # (an entity or a line break stays as it was written)
            else:
                out.append(html.escape("".join(x for x in mine if x is not None), quote=False))
            at += len(seen)
        else:
            out.append(source)
    out.append(html.escape(before.get(at, ""), quote=False))
    joined, previous = "".join(out), None
    while joined != previous:
        previous, joined = joined, _EMPTY_INLINE.sub(r"\2", joined)
    return text[:start] + joined + text[end:]


# a postscript's marker ("P.S.", "PS:", "P.P.S. -"): a decision moved to the top is no postscript
_POSTSCRIPT = re.compile(r"^(?:P\.?[ \t]?)+S\b\.?[ \t]*[:\-\u2013\u2014]?[ \t]*")


def _without_connective(sentence: str) -> str:
    """A sentence moved to the top of the message without the word that tied it to the one before
    ("However, we will not be offering you the role ..." -> "We will not be offering ...") and
    without a postscript's marker ("P.S. We have decided ..." -> "We have decided ...")."""
    ps = _POSTSCRIPT.match(sentence)
    rest = sentence[ps.end():] if ps and ps.end() < len(sentence) else sentence
    m = _CONNECTIVE.match(rest)
    if m:
        rest = rest[m.end():]
    if rest is sentence:
        return sentence
    return rest[:1].upper() + rest[1:]


def _close_gap(text: str, at: int) -> str:
    """`text` after a sentence was cut out at `at`: a paragraph (or an HTML block) left empty is
    removed, so no blank run of lines or empty <p></p> stays behind."""
    for m in _EMPTY_BLOCK.finditer(text):
        if m.start() <= at <= m.end():
            text, at = text[:m.start()] + text[m.end():], m.start()
            # Gmail's layout: a spacer <div><br></div> on both sides of the removed block: one goes
            after = _SPACER_BLOCK.match(text, at)
            if after and any(b.end() == at for b in _SPACER_BLOCK.finditer(text, max(0, at - 200), at)):
                text = text[:at] + text[after.end():]
            return text
    for m in _BR_RUN.finditer(text, max(0, at - 200)):  # "para<br><br>[cut]<br><br>para": two breaks, not four
        if m.start() <= at <= m.end():
            return text[:m.start()] + "<br><br>" + text[m.end():]
        if m.start() > at:
            break
    a = at
    while a > 0 and text[a - 1] in " \t\r\n":
        a -= 1
    b = at
    while b < len(text) and text[b] in " \t\r\n":
        b += 1
    gap = text[a:b]
    if b == len(text) and a > 0:  # the cut was the last thing in the draft (a postscript): no blank lines after it
        ending = re.search(r"\r\n|\r|\n", text[at:])  # the draft's own last line ending, if it had one
        return text[:a] + (ending.group() if ending else "")
    if len(re.findall(r"\r\n|\r|\n", gap)) < 3:
        return text  # the cut left at most one paragraph break: nothing to close
    newline = re.search(r"\r\n|\r|\n", gap).group()
    return text[:a] + (2 * newline if a > 0 and b < len(text) else "") + text[b:]


_LEAD_GREETING = re.compile(r"\s*(?i:" + GREETING_WORDS + r"|good\s+(?:morning|afternoon|evening))\b[^\n,:;!—–]{0,40}?"
                            r"(?:[,:!]|\s[—–-]+)\s*\S")


# emoji right after a sentence, outside its span ("so sorry 😭", "good luck 🙏🙏"): they end that sentence
_EMOJI_AFTER = re.compile(r"[ \t]*+[\U0001F000-\U0001FAFF\u2600-\u27BF][\U0001F000-\U0001FAFF\u2600-\u27BF\uFE0F\u200D"
                          r"\U0001F3FB-\U0001F3FF \t]*+(?<![ \t])")
_EMOJI_END = re.compile(_EMOJI_AFTER.pattern + r"$")  # ... or ending a sentence's own text
# a kiss ending the line: "..., sorry x", "see you soon xx" (from a run of spaces' start only: linear on a long run)
_KISS = re.compile(r"(?<!\s)\s+x{1,3}\s*$")
_CLOSING_THANKS = re.compile(r"(?i)(?:thank(?:s| you)|many thanks|cheers)(?:\s+(?:so|very)\s+much)?(?:,?\s+(?:once\s+)?again)?"
                             r"(?:,?\s+(?:and\s+)?(?:god bless(?: you)?|take care|all the best|good luck|best of luck|"
                             r"best wishes|stay safe|regards|"
                             # "Thank you and have a nice day." (Malaysian, Indian and Nigerian office mail)
                             r"have a (?:nice|good|great|lovely|blessed|wonderful) (?:day|week|weekend|evening)))?"
                             r"\s*[.!]*")


# a line of a Markdown table ("| Stage | Result |") or a heading ("## Outcome")
_MD_BLOCK_LINE = re.compile(r"[ \t]*(?:\||#{1,6}[ \t])")


def insert_sentence(text: str, sents, sentence: str, where: str = "after_decision") -> str:
    """`text` with `sentence` added as its own sentence at a sensible place."""
    content = [s for s in sents if s.kind != "other" and not SIGN_OFF.match(short_line(s.text))
               and not (len(s.text.split()) <= 8 and GREETING.match(short_line(s.text)))]
    anchor = None
    if where == "after_greeting":
        # a Markdown table ("| Stage | Result |") or heading the body opens with is no sentence to start: the new
        # one goes before the first sentence of text after it (not into the table's first row, breaking the table)
        first = next((s for s in content if not _MD_BLOCK_LINE.match(text, s.start)), None) \
            if content and ("|" in text or "#" in text) else content[0] if content else None
        if first is not None and _opens_item(text, first.start, first.end):
            # the body opens with a list item: the new sentence goes before the list's heading ("Here is the
            # feedback from the panel:"), or before the list, not into the item
            before = [s for s in sents if s.start < first.start]
            head = before[-1] if before and text[before[-1].start:before[-1].end].rstrip().endswith(":") and not (
                len(before[-1].text.split()) <= 8 and GREETING.match(short_line(before[-1].text))) else None
            if head is None:
                lists = [m.start() for m in _HTML_LIST_TAG.finditer(text, 0, first.start) if not m.group(1)]
                if lists:
                    return text[:lists[-1]] + f"<p>{sentence}</p>" + text[lists[-1]:]
                newline = "\r\n" if "\r\n" in text else "\n"
                return text[:first.start] + sentence + 2 * newline + text[first.start:]
            first = head
        if first is not None and not _LEAD_GREETING.match(first.text):
            at = first.start
            block = max((m.end() for m in _BLANK_LINE.finditer(text, 0, at)), default=0)
            if block < at and text[at - 1:at] == "\n" and not any(
                    block <= s.start < at and GREETING.match(short_line(s.text)) for s in sents) and not all(
                    # a heading the paragraph opens with ("**Application update**\nAfter your final interview ..."):
                    # the new sentence starts the text under it
                    _MD_HEADING.fullmatch(line) for line in text[block:at].splitlines()):
                # a row of a table or a line under a heading ("Assessment results:\nSQL ... 62%"): the new sentence
                # is a paragraph of its own before the block, not the start of the row's line
                newline = "\r\n" if "\r\n" in text else "\n"
                return text[:block] + sentence + 2 * newline + text[block:]
            return text[:at] + sentence + " " + text[at:]
        # "Hi Sam — quick note: we've decided ...": the greeting shares the first sentence; the new
        # sentence follows that one rather than splitting the greeting from its line
        anchor = first
    elif where == "before_sign_off":
        # a closing thanks ("Thank you once again!", "Many thanks and God bless."): what is added goes before it
        body = content[:-1] if len(content) > 1 and _CLOSING_THANKS.fullmatch(content[-1].text.strip()) else content
        anchor = body[-1] if body else None
    else:
        decisions = [s for s in content if s.kind == "decision"]
        anchor = decisions[0] if decisions else (content[0] if content else None)
    if anchor is None:
        anchor = sents[-1]
    # a decision in a postscript ("Best,\nAlex\n\nP.S. We have decided ..."): what is added goes in the body, before
    # the sign-off, not after it (moved to the top, the decision would leave it there alone)
    sign_off = next((s.start for s in sents if s.start < anchor.start and content and content[0].start < s.start
                     and SIGN_OFF.match(short_line(s.text.strip().split("\n", 1)[0]))), None)
    if sign_off is not None:
        anchor = max((s for s in content if s.start < sign_off), key=lambda s: s.start)
    html_list = _html_list_end(text, anchor) if "<" in text and looks_like_html(text) else None
    if html_list is not None:  # an HTML list's item or heading: a paragraph of its own after the list
        return text[:html_list] + f"<p>{sentence}</p>" + text[html_list:]
    later = sorted((s for s in sents if s.start >= anchor.end), key=lambda s: s.start)
    if later and text[anchor.start:anchor.end].rstrip().endswith(":") and _item_after(text, anchor, later[0]):
        anchor = later.pop(0)  # a heading over a list ("... were stronger:"): nothing comes between it and its items
    if text[anchor.start:anchor.start + 1] in _BULLET_STARTS and BULLET.match(text[anchor.start:anchor.end]):
        # a list item ("- experience running night shifts"): the sentence is no part of it, nor of the items after
        # it; it is a paragraph of its own after the list
        for s in later:
            if not _item_after(text, anchor, s):
                break
            anchor = s
        newline = "\r\n" if "\r\n" in text else "\n"
        return text[:anchor.end] + 2 * newline + sentence + text[anchor.end:]
    # a sentence that ends without its stop ("cheers for coming in", "... at [Company]"): the stop comes before the
    # new one
    # (not after a stop inside the bracket or quote: '... "thanks."')
    emoji = _EMOJI_AFTER.match(text, anchor.end)
    if emoji:  # "... so sorry 😭": the emoji the sentence ends with stays with it, before the new sentence
        return text[:emoji.end()] + " " + sentence + text[emoji.end():]
    body = text[anchor.start:anchor.end].rstrip()
    kiss = _KISS.search(body)
    if kiss and kiss.start() > 0:  # "..., sorry x": the kiss stays last, after the new sentence
        at = anchor.start + kiss.start()
        return text[:at].rstrip() + ("." if text[:at].rstrip()[-1:].isalnum() else "") + " " + sentence + " " + (
            kiss.group().strip()) + text[anchor.start + len(body):]
    stop = "." if body[-1:].isalnum() or body[-1:] in _OPEN_ENDS and body.rstrip(_CLOSERS)[-1:] not in ".!?…:;," else ""
    return text[:anchor.end].rstrip() + stop + " " + sentence + text[anchor.end:] if stop else (
        text[:anchor.end] + " " + sentence + text[anchor.end:])


def _opens_item(text: str, start: int, end: int) -> bool:
    """Whether the sentence at text[start:end] is a list item: it starts with a marker ("- ", "2.") or, in an HTML
    body, it starts its <li> (only tags come between them)."""
    return BULLET.match(text[start:end]) is not None or "<li" in text and _ITEM_START.search(
        text, max(0, start - 200), start) is not None


def _html_list_end(text: str, anchor) -> int | None:
    """Where the HTML list that sentence `anchor` is an item of, or the heading of ("... were stronger:</p><ul>"),
    ends (after its </ul> or </ol>); None when it is neither."""
    ahead = _HTML_LIST_AHEAD.match(text, anchor.end) if text[anchor.start:anchor.end].rstrip().endswith(":") else None
    at = ahead.end() if ahead else anchor.start
    depth = 0
    for m in _HTML_LIST_TAG.finditer(text, 0, at):
        depth = max(0, depth + (-1 if m.group(1) else 1))
    if not depth:
        return None
    for m in _HTML_LIST_TAG.finditer(text, at):
        depth += -1 if m.group(1) else 1
        if not depth:
            return m.end()
    return None


def _item_after(text: str, prev, s) -> bool:
    """Whether sentence `s` is a list item on the line after sentence `prev` ("- stock control")."""
    gap = text[prev.end:s.start]
    return not gap.strip() and gap.count("\n") == 1 and BULLET.match(text[s.start:s.end]) is not None


@lru_cache(maxsize=1)
def default_engine() -> RuleEngine:
    return RuleEngine.load()
