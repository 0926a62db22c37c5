"""Sentence segmentation for e-mail bodies, built on spaCy.

Line structure decides first (greetings, sign-off blocks, bullets, headings, blank lines);
spaCy's tokenizer and sentencizer then split prose blocks. Merge fields, URLs and e-mail
addresses are never split. Offsets are into the string given.
"""
from __future__ import annotations

import re
from typing import NamedTuple

from .names import is_known_word
from .nlp import blank_pipeline

# The words that greet someone by name ("Hi Sam", "Dear Ms Rao"; New Zealand and Australian openings: "Kia ora Hemi,",
# "G'day Jake,"): one list for a greeting line, a greeting sharing its line, and the rules' greeting readers
GREETING_WORDS = r"hi|hello|hey|dear|kia\s+ora|g['\u2019]?day|gidday|hiya"
GREETING = re.compile(
    r"^\s*(?:" + GREETING_WORDS + r"|greetings|good\s+(?:morning|afternoon|evening|day)|namaste|respected|"
    r"to\s+whom\s+it\s+may\s+concern)\b[^\n]{0,60}[,:!.]?\s*$",
    re.I,
)
_CLOSING = (
    r"(?:(?:with\s+)?(?:best|kind|kindest|warm|warmest|many|all\s+the|very\s+best|with\s+very\s+best|"
    r"with\s+best|with\s+warm|with\s+kind|warm\s+and\s+best)\s+)?"
    r"(?:regards|wishes|thanks|thank\s+you|cheers|sincerely|best|yours(?:\s+(?:sincerely|truly|faithfully))?|"
    r"respectfully|take\s+care|thanks\s*(?:&|and)\s*regards|best\s+of\s+luck|good\s+luck|warmly|"
    r"sincerely\s+yours|faithfully|talk\s+soon|speak\s+soon|thanking\s+you|with\s+thanks|with\s+gratitude|"
    r"gratefully|appreciatively|respectfully\s+yours|yours\s+respectfully|rgds|br|thx|with\s+regards|"
    r"with\s+(?:best\s+|kind\s+|warm\s+)?wishes|sd/-|cordially|"
    # "Blessings," "God bless," (West and East African, church and charity mail); "With friendly greetings" (a
    # German or Dutch closing in English); "Break a leg," (theatre casting)
    r"blessings|god\s+bless|stay\s+blessed|(?:with\s+)?(?:friendly|cordial|kind|best|warm|warmest)\s+greetings|"
    r"break\s+a\s+leg|"
    # Irish and New Zealand closings in English mail: "Is mise le meas," (yours respectfully), "Ngā mihi,"
    r"(?:is\s+)?(?:mise\s+)?le\s+meas|ng[aā]\s+mihi(?:\s+nui)?)"
    r"(?:\s+(?:(?:and|&)\s+)?(?:(?:best|kind|warm|warmest|good)\s+)?(?:regards|wishes|again|luck)|"
    r"\s+(?:and|&)\s+(?:best|good)\s+of\s+luck|\s+(?:and|&)\s+(?:all\s+the\s+)?best)?"
    # "Respect," (Caribbean mail)
    r"|respect"
)
# the closing in the other language of a bilingual signature ("Best regards / Cordialement," in Canada)
_OTHER_CLOSING = (r"(?:bien\s+)?cordialement|(?:meilleures\s+|sinc[eè]res\s+)?salutations|bien\s+[àa]\s+vous|"
                  r"amiti[eé]s|(?:un\s+)?(?:cordial\s+)?saludos?|atentamente|mit\s+freundlichen\s+gr[üu](?:ß|ss)en")
SIGN_OFF = re.compile(
    r"^\s*(?:" + _CLOSING + r")(?:\s*[,.!]?\s*[/|]\s*(?:" + _CLOSING + "|" + _OTHER_CLOSING + r"))?\s*[,.!]?\s*$"
    r"|^\s*(?:" + _OTHER_CLOSING + r")\s*[,.!]?\s*[/|]\s*(?:" + _CLOSING + r")\s*[,.!]?\s*$",
    re.I,
)
_GREETING_LINES = re.compile(GREETING.pattern.replace("^\\s*", "^[ \\t]*", 1), re.I | re.M)


def short_line(line: str) -> str:
    """A line as the greeting and sign-off patterns read it: without trailing spaces, and "" when it is
    too long to be either. Both patterns end in optional punctuation and spaces, which a long run of spaces
    inside a line ("Best" + 19,000 spaces + "x") makes quadratic; no greeting or sign-off is that long."""
    line = line.rstrip()
    return line if len(line) <= 200 else ""


def pasted_messages(plain: str) -> int:
    """How many messages `plain` holds, counting a greeting line that comes after a sign-off line as the
    start of another one (several e-mails pasted into one box, or an export flattened into one cell)."""
    if "\r" in plain or "\xa0" in plain:  # old Mac line breaks, greetings indented with no-break spaces
        plain = plain.replace("\r\n", " \n").replace("\r", "\n").replace("\xa0", " ")
    greetings = [m.start() for m in _GREETING_LINES.finditer(plain)] if plain.count("\n") >= 5 else ()
    if len(greetings) < 2:
        return 1
    count, at = 1, greetings[0]
    for g in greetings[1:]:
        # each line on its own, as the segmenter reads it (one search over the text was quadratic)
        if any(SIGN_OFF.match(short_line(line)) for line in plain[at:g].split("\n")[1:]):
            count += 1
        at = g
    return count


# A greeting that shares its line with the first sentence ("Dear Ethan, We regret ..."), as in text
# flattened by an export: the greeting is split off when the next word is an English word that can
# start a sentence ("We", "Thank", "Unfortunately") — not a name or a title ("Hello again, Tobias,",
# "Good morning, Mr. Shah") — and not "I" ("Hi Sam, I wanted ..." is written as one sentence).
_GAP = r"[^\S\n]+"  # spaces, tabs, no-break spaces; never a line break
_INLINE_GREETING = re.compile(
    r"^\s*(?i:" + GREETING_WORDS + r"|greetings|good\s+(?:morning|afternoon|evening|day)|namaste|respected)\b"
    r"(?:" + _GAP + r"[^\s,:;!?]+){0,5}?[^\S\n]*[,:!]" + _GAP + r"(?=(?P<next>[A-Z][a-z'\u2019]*))(?!I\b|I['\u2019])"
)
# ... or a bare name at the very start of a message ("Ethan, Thank you for ..."); every word before
# the comma must be a name, not an English word ("Today, We ..." is not a greeting).
_INLINE_NAME = re.compile(r"^\s*([A-Z][\w'\u2019\-]+(?:" + _GAP + r"[A-Z][\w'\u2019\-]+){0,2})," + _GAP
                          + r"(?=(?P<next>[A-Z][a-z'\u2019]*))(?!I\b|I['\u2019])")
# the greeting's address goes on ("Hi, Sam,", "Hello, Priya", "Greetings from Acme, Inc. ...")
_ADDRESS_GOES_ON = re.compile(r"[^\s,:;!?.]+(?:[^\S\n]+[^\s,:;!?.]+){0,2}[^\S\n]*(?:[,:!]|$)"
                              r"|(?:Inc|Ltd|LLC|LLP|Pvt|Co|Corp|PLC|GmbH)\b")
# words that open a sentence with a comma after them ("Sorry, we ...", "Thanks, ...")
_OPENERS = frozenset("sorry thanks thank unfortunately sadly regrettably congratulations apologies firstly "
                     "first also however well so ok okay yes honestly please again".split())
_TITLES = frozenset("mr mrs ms miss dr prof sir madam mx shri smt".split())


def _inline_greeting(line: str):
    """The greeting at the start of `line` when a sentence follows it on the same line, else None."""
    m = _INLINE_GREETING.match(line)
    if m is None:
        m = _INLINE_NAME.match(line)
        if m is None or any(is_known_word(w) for w in m.group(1).split()):
            return None
    nxt = m.group("next")
    if nxt.lower() in _TITLES or not is_known_word(nxt):
        return None
    if nxt.lower() not in _OPENERS and _ADDRESS_GOES_ON.match(line, m.end()):
        return None
    return m


BULLET = re.compile(r"^\s*(?:[-•*·▪●◦–✓]|\d{1,2}[.)]|\(?[a-h]\)|\(?(?:i{1,3}|iv|v|vi{1,3})[.)])\s+")
# a span that is a list marker alone ("1.", "b)", "iv."): a sentence splitter cut it off its item
_MARKER_ONLY = re.compile(r"\(?(?:\d{1,2}|[a-h]|i{1,3}|iv|v|vi{1,3})[.)]")
_PSEUDONYM = r"\s*([A-Za-z]+(?:[ _][A-Za-z]+)*)_([A-Z]|\d{1,3})\s*\]"  # after "[": see PSEUDONYM below
# Unfilled ATS merge fields in the styles seen in templates, as the shipped models read them: the sentence
# features mask these ("the candidate"), so the pattern is part of what the encoder was tuned on
# (`training.pipeline.encoder_data_hash`). A new style goes into ANY_MERGE_FIELD below; it moves here at a retrain.
MERGE_FIELD = re.compile(
    # (words one space or more apart, or spaces alone, each run taken whole: a lazy name between two optional runs
    # of spaces read "{{" and 2,000 spaces in 15 seconds, cubic in the spaces; the same fields match)
    r"\{\{(?:\s*+[\w.\-]++(?: ++[\w.\-]++)*+\s*+|[^\S ]*+ \s*+)\}\}"  # {{candidate.first_name}}
    r"|\$\{\s*[\w.\-]+\s*\}"                # ${recruiter_name}
    r"|\{[A-Za-z_][\w.\-]*\}"               # {FIRST_NAME}
    r"|%[A-Z][A-Z0-9_]+%"                   # %JOB_TITLE%
    r"|<<(?:\s*+[\w.\-]++(?: ++[\w.\-]++)*+\s*+|[^\S ]*+ \s*+)>>"  # <<Company>>
    r"|\[(?!" + _PSEUDONYM + r")\s*(?:[A-Z][\w.\-']*)(?:\s+[A-Z][\w.\-']*){0,3}\s*\]"  # [Candidate Name], [Position]
)


def may_hold_merge_field(text: str) -> bool:
    """False when `text` cannot hold a MERGE_FIELD match (every style has one of these characters):
    a membership test that spares most texts the expression's scan."""
    return "{" in text or "[" in text or "%" in text or "<<" in text or "*|" in text or "$" in text or "#" in text


# A pseudonymisation marker ("[Company_A]", "[Name_2]", "[PERSON_1]": a label and an index) stands for a
# name the original message had filled in, as in a redacted export or a shared evaluation set; an
# unfilled merge field ("[Company Name]", "{{company}}") does not. Markers are not merge fields, and the
# models read them as the name they replace ("Company A").
PSEUDONYM = re.compile(r"\[" + _PSEUDONYM)


def pseudonyms_as_names(text: str) -> str:
    """`text` with pseudonymisation markers written as plain names: "[Company_A]" -> "Company A"."""
    if "_" not in text or "[" not in text:
        return text
    return PSEUDONYM.sub(lambda m: " ".join(w.capitalize() for w in re.split(r"[ _]", m.group(1))) + " " + m.group(2), text)


# Every merge-field style, the ones the trained models have not seen as merge fields too (#{first_name},
# [[first_name]], %%FirstName%%, a Liquid field with a filter, {{ job.title | default: "the role" }}, a Salesforce
# field {!Job.Name}, Mailchimp's *|FNAME|*, $JobTitle$). They are never split and are flagged as unfilled, but
# the sentence features read them as text until a retrain adds them to MERGE_FIELD (which would change what the
# shipped encoder was tuned on).
ANY_MERGE_FIELD = re.compile(
    r"#\{[A-Za-z_][\w.\-]*\}"               # #{first_name}, whole (not "{first_name}" after a "#")
    # [[first_name]], whole (not "[First Name]" inside it)
    r"|\[\[(?:\s*+[\w.\-]++(?: ++[\w.\-]++)*+\s*+|[^\S ]*+ \s*+)\]\]"
    # %JOB_TITLE%, %%FirstName%%, %CandidateName%; never a link's encoded character ("a%E2%80%99b")
    r"|(?<![\w%])%%?[A-Za-z][\w.\-]*%%?(?![\w%])"
    + "|" + MERGE_FIELD.pattern.replace(r"|%[A-Z][A-Z0-9_]+%", "") + r"|\{\{[^{}\n]+?\}\}|\{![\w.]+\}"
    r"|\*\|[A-Z][A-Z0-9_:]*\|\*"          # Mailchimp *|FNAME|*
    r"|(?<![\w$])\$[A-Za-z][A-Za-z0-9_]{1,40}\$(?![\w$])"  # $JobTitle$
    r"|(?<![\w#&])#[A-Za-z][A-Za-z0-9_]{1,40}#(?![\w#])"  # #FirstName# (never "C#", a hashtag or "&#39;")
    # [insert role], [Add your name]: a template's note (its verb in any case, as templates write it)
    r"|\[(?i:insert|add|enter|fill in|type) [^\[\]\n]{1,40}\]")
_URL = r"https?://\S+|www\.\S+"
# an e-mail address (its local part at most 64 characters): one definition, for segmentation and feedback
EMAIL_ADDRESS = re.compile(r"[\w.+\-]{1,64}@[\w\-]+(?:\.[\w\-]+)+")
PROTECTED = re.compile(ANY_MERGE_FIELD.pattern + "|" + _URL + "|" + EMAIL_ADDRESS.pattern)
# PROTECTED without its e-mail address alternative: the same matches in a text with no "@", found
# several times faster (the address alternative is tried at every position inside every word).
_PROTECTED_NO_AT = re.compile(ANY_MERGE_FIELD.pattern + "|" + _URL)
# Every PROTECTED match contains one of these; most texts have none, and scanning for them is cheap.
_MAY_PROTECT = re.compile(r"[{\[%<@$#]|\*\||://|www\.")
_TERMINAL = re.compile(r"[.!?:;)\"'”’]\s*$")


class Span(NamedTuple):  # a tuple: made thousands of times a second in audits
    start: int
    end: int


def _nlp():
    return blank_pipeline()


def _lines(text: str):
    pos = 0
    for line in text.split("\n"):
        yield pos, pos + len(line), line
        pos += len(line) + 1


# the sender's name alone on the last line, after a line with no stop ("pop in if that changes x⏎Meg"): one or two
# capitalised words (not a line wrapped after "at", "with", "the" ...: "roles at⏎Acme Ltd" goes on)
_BARE_NAME = re.compile(r"[A-Z][a-z'’.-]*(?:[ \t]+[A-Z][a-z'’.-]*)?")
_WRAPPED_AFTER = re.compile(r"\b(?:a|an|the|to|at|with|for|of|in|on|from|by|and|or|as|our|your|like|than|using|"
                            r"used|use|uses|need|needs|needed|knows?|know|about|into|via|including|&)\s*$", re.I)
# ... or after a dash at the end of the last line ("... lovely with the customers 💛 — Sam", "good luck - Mo")
_DASH_NAME_END = re.compile(r"(?<=\S)[ \t]+((?:[—–]|-{1,2})[ \t]*[A-Z][a-z'’.-]*(?:[ \t]+[A-Z][a-z'’.-]*)?)[ \t]*$")


def _blocks(text: str) -> list[tuple[int, int, bool]]:
    """Split into (start, end, atomic) blocks; atomic blocks are one sentence as they are."""
    blocks: list[tuple[int, int, bool]] = []
    body_end = len(text.rstrip())
    last_start = text.rfind("\n", 0, body_end) + 1  # where the last line with words starts
    cur: list[int] | None = None  # [start, end]
    in_signature = False
    waiting = False  # a blank line came after a closing
    after_closing = False  # ... after a finished closing ("Best of luck.")
    prev_line = ""

    def flush():
        nonlocal cur
        if cur is not None:
            blocks.append((cur[0], cur[1], False))
            cur = None

    for start, end, line in _lines(text):
        stripped = line.strip()
        probe = short_line(line)  # what the greeting and sign-off patterns read (never quadratic)
        if not stripped:
            flush()
            if in_signature:
                # a closing still waiting for its name goes on after a blank line ("Kind regards,⏎⏎Jane
                # Doe⏎Recruiter", as Gmail's one <div> per line gives it); a finished one ends, and a
                # name below it starts a signature of its own ("Best of luck.⏎⏎Mike Sorensen⏎VP Sales")
                s0, e0, _ = blocks[-1]
                in_signature = "\n" not in text[s0:e0].strip() and not text[s0:e0].rstrip().endswith((".", "!", "?"))
                waiting = True
                after_closing = not in_signature
            prev_line = ""
            continue
        if in_signature and (_reads_like_body(stripped) or GREETING.match(probe) or BULLET.match(line)
                             or (waiting and (SIGN_OFF.match(probe) or not _name_like(stripped)))):
            in_signature = False  # "Thank you and good luck!" followed by more of the message
        if after_closing and _name_like(stripped) and not (SIGN_OFF.match(probe) or GREETING.match(probe)
                                                           or BULLET.match(line)):
            blocks.append((start, end, True))
            in_signature = True
            after_closing = waiting = False
            prev_line = line
            continue
        waiting = after_closing = False
        if in_signature:
            s, _, _ = blocks[-1]
            blocks[-1] = (s, end, True)
            prev_line = line
            continue
        if SIGN_OFF.match(probe):
            flush()
            blocks.append((start, end, True))
            in_signature = True
            prev_line = line
            continue
        inline = _inline_greeting(line) if cur is None and not blocks else None
        if inline:
            blocks.append((start, start + inline.end(), True))
            cur = [start + inline.end(), end]
            prev_line = line
            continue
        if GREETING.match(probe) and len(stripped.split()) <= 8:
            flush()
            blocks.append((start, end, True))
            prev_line = line
            continue
        if BULLET.match(line):
            flush()
            cur = [start, end]
            prev_line = line
            continue
        if cur is not None:
            prev = prev_line.strip()
            if start == last_start and _BARE_NAME.fullmatch(stripped) and not _TERMINAL.search(prev) and not (
                    prev.endswith(",") or _WRAPPED_AFTER.search(prev[-12:])):  # ("... roles. Cheers,⏎Team Acme": as before)
                flush()  # the sender's name below the last sentence (see _BARE_NAME)
                blocks.append((start, end, True))
                prev_line = line
                continue
            heading_like = (len(prev) <= 45 and not _TERMINAL.search(prev)
                            and stripped[:1].isupper())
            ended = _TERMINAL.search(prev) and (stripped[:1].isupper() or stripped[:1].isdigit())
            if heading_like or ended:
                flush()
                cur = [start, end]
            else:
                cur[1] = end
        else:
            cur = [start, end]
        prev_line = line
    if cur is not None and cur[1] >= body_end and not in_signature:
        # the sender's name after a dash at the end of the last line (see _DASH_NAME_END)
        dashed = _DASH_NAME_END.search(text, max(cur[0], last_start, body_end - 40), body_end)
        # (not a signature's last line: "Redline Freight Services - Hiring", "Zonal Sales Manager – North")
        if dashed and _reads_as_words(text[max(cur[0], last_start):dashed.start()]):
            blocks.append((cur[0], dashed.start(), False))
            blocks.append((dashed.start(1), body_end, True))
            cur = None
    flush()
    return blocks


_NOT_CONTENT = frozenset("of and the for at in on to a an & | - – — team".split())
_POSTSCRIPT = re.compile(r"p\.?\s?s\b", re.I)


def _reads_as_words(line: str) -> bool:
    """Has `line` a small word of a sentence ("lovely with the customers", "good luck"), not only a name's, a title's
    or a company's capitalised words ("Tradewind Cargo Airlines, Inc.", "Zonal Sales Manager")?"""
    return any(w.isalpha() and w.islower() and w not in _NOT_CONTENT for w in line.split())


def _name_like(line: str) -> bool:
    """A short line of capitalised words, numbers or addresses with no sentence stop: a name, a
    title, a company or a contact line ("Jane Doe", "Head of Talent", "+44 20 7946 0000"), not a
    sentence ("Unfortunately we went another way") or a postscript."""
    words = line.split()
    if len(words) > 5 or line.endswith((".", "!", "?")) or _POSTSCRIPT.match(line):
        return False
    return all(not w[:1].isalpha() or w[:1].isupper() or w.lower() in _NOT_CONTENT for w in words)


def _reads_like_body(line: str) -> bool:
    """A line after a closing that is a sentence of the message, not a name, title or contact line:
    a long line, or a sentence of three words or more with a lower-case word that is not a title's
    "of" or "and" ("The role is filled.", "Keep in touch!"; not "Head of Talent." or "Acme Ltd.")."""
    words = line.split()
    if len(words) > 10:
        return True
    if len(words) < 3 or not line.endswith((".", "!", "?")) or MERGE_FIELD.search(line):
        return False
    return len(words) > 4 or any(w.isalpha() and w.islower() and w not in _NOT_CONTENT for w in words[1:])


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def segment(text: str) -> list[Span]:
    """Sentence spans of `text`, in order, trimmed of surrounding whitespace."""
    blocks = _blocks(text)
    prose = [(s, e) for s, e, atomic in blocks if not atomic]
    docs = iter(_nlp().pipe(text[s:e] for s, e in prose))
    boundary, abbrev = _split_rules(text)
    spans: list[Span] = []
    for s, e, atomic in blocks:
        if atomic:
            a, b = _trim(text, s, e)
            if b > a:
                spans.append(Span(a, b))
            continue
        doc = next(docs)
        block: list[Span] = []
        for sent in doc.sents:
            a, b = _trim(text, s + sent.start_char, s + sent.end_char)
            if b > a:
                block.extend(_split_at(text, a, b, boundary, abbrev))
        spans.extend(_mend(text, block, abbrev, lower_case=boundary is _LOWER_BOUNDARY))
    return _merge_protected(text, spans)


def _split_at(text: str, s: int, e: int, boundary, abbrev) -> list[Span]:
    """`text[s:e]` split at the sentence stops the expression finds and an abbreviation does not
    explain. The one splitter of `fast_segment`; in `segment` it adds the stops spaCy's sentencizer
    misses (after an ellipsis, "$185K.", "Thanks!We")."""
    out: list[Span] = []
    start = s
    for m in boundary.finditer(text, s, e):
        cut = m.start() + 1  # just after the stop
        if _not_a_stop(text, s, cut, m.end(), abbrev):
            continue
        dots = m.start()
        while dots > s and text[dots - 1] in ".…":
            dots -= 1
        if (m.start() - dots >= 2 or text[m.start()] == "…") and dots > s and text[dots - 1].isspace():
            continue  # " ... " leaves words out mid-sentence (a lone " ." after a web address ends one)
        while cut < m.end() and text[cut] in _CLOSERS:
            cut += 1  # a closing quote or bracket stays with its sentence
        a, b = _trim(text, start, cut)
        if b > a:
            out.append(Span(a, b))
        start = m.end()
    a, b = _trim(text, start, e)
    if b > a:
        out.append(Span(a, b))
    return out


def _mend(text: str, spans: list[Span], abbrev, lower_case: bool) -> list[Span]:
    """spaCy's sentences of one block, re-joined where its sentencizer cut after an abbreviation it
    does not know ("No. 5", "approx. 300", "an M.Sc. degree"), before a small letter after something
    other than a stop in a text that has capitals ("{{ x }} is"), or after a list marker or an
    opening bracket alone ("1.", "("); an opening bracket or quote left at the end of a sentence
    moves to the next one."""
    out: list[Span] = []
    for sp in spans:
        if out:
            prev = out[-1]
            joined = (_MARKER_ONLY.fullmatch(text, prev.start, prev.end)
                      or all(c in _OPENERS_PUNCT for c in text[prev.start:prev.end])
                      or _not_a_stop(text, prev.start, prev.end, sp.start, abbrev)
                      or (not lower_case and text[sp.start].islower()
                          and text[prev.end - 1] not in ".!?" and text[prev.end - 1] not in _CLOSERS))
            if joined:
                out[-1] = Span(prev.start, sp.end)
                continue
            if text[prev.end - 1] in _OPENERS_PUNCT and prev.end - prev.start > 1 and text[prev.end - 2].isspace():
                a, b = _trim(text, prev.start, prev.end - 1)
                out[-1] = Span(a, b)
                sp = Span(prev.end - 1, sp.end)
            elif dashed := _TRAILING_DASH.search(text, prev.start + 1, prev.end):
                # "... myself. — Jess": the dash leads the sender's line
                dash = dashed.start()
                a, b = _trim(text, prev.start, dash)
                if b > a:
                    out[-1] = Span(a, b)
                    sp = Span(dash, sp.end)
        out.append(sp)
    return out


# A sentence ends at . ! ? or an ellipsis, with any closing quotes or brackets, followed by space
# and a capital, a digit, a quote, a bracket or a merge field; or, with no space at all, between a
# small letter and a capitalised word ("interview.Unfortunately", "Thanks!We"; not "Ph.D in").
# Unless the word before is an abbreviation (`_not_a_stop`). (The stop is part of the match, not a
# look-behind: the same boundaries, found ~2x faster; a boundary is m.start() + 1.)
_FAST_BOUNDARY = re.compile(r"[.!?…](?:[\"'”’)\]]*\s+(?=[A-Z0-9\"'“‘(\[{%<$]|(?:[—–]|-+)\s*[A-Z])|(?<=[a-z][.!?])(?=[A-Z][a-z]+[\s,;:]))")
_LOWER_BOUNDARY = re.compile(r"[.!?…][\"'”’)\]]*\s+(?=[a-zA-Z0-9\"'“‘(\[{%<$]|(?:[—–]|-+)\s*[A-Za-z])")
_LOWER_AFTER_STOP = re.compile(r"[.!?]\s+[a-z]")
_CAPITAL = re.compile(r"[A-HJ-Z]")  # a text typed in lower case has no capitals (a lone "I" aside)
_CLOSERS = frozenset("\"'”’)]")
# a dash after a space at a sentence's end, which leads the sender's line after it ("... myself. — Jess"; typed as
# hyphens too: "... in a year. - Mo", "Thanks again. -- Jen")
_TRAILING_DASH = re.compile(r"(?<=\s)[—–-]+$")
_OPENERS_PUNCT = frozenset("(\"“‘[")
_ABBREVIATIONS = (r"Mr|Mrs|Ms|Dr|Prof|Sr|Jr|Co|vs|e\.g|i\.e|approx|Dept|Univ|Advt|Govt|"
                  r"Pvt|Ref|Req|incl|esp|cf|viz|resp|w\.r\.t|Mgr|Asst|est|v|a\.k\.a|M\.Sc|B\.Sc|Ph\.D|Ph|M\.A|B\.A|M\.B\.A")
# months and weekdays end a sentence before a capitalised word ("on 3rd Feb. We have decided"), not
# before a date ("Jan. 2026", "Mon. 3rd Feb."); units after a number go on before a small letter
# ("the 10 min. session"), as "etc." does
_DATE_ABBREVIATIONS = r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun"
_UNIT_ABBREVIATIONS = r"etc|\d+\s?(?:min|mins|hr|hrs|sec|secs|yr|yrs|wk|wks)"  # a unit only after a number
# The abbreviations in any case, an initial ("J."), a.m./p.m.; and, as groups of their own, those that
# also end sentences, told apart by what follows: "No. 5", "No. QD-1702" but "No. We did not";
# "Python, SQL, etc. and more" but "Python, SQL, etc. We hope ..."; "Infosys Pvt. Ltd." but "Lumen Ltd.
# After careful consideration ...". One search per stop.
_COMPANY_SUFFIX = r"Inc|Ltd|Corp|Pvt|LLC|LLP|PLC|GmbH"  # "Co." goes on ("Lustre & Co. Jewelers")
# "St." is Saint before a name ("at St. Mary's") but Street after one ("our store on Main St. We have filled ..."):
# after a street's name ("Main", "5th") inside the sentence, it ends the sentence before a word that starts one
_STREET_BEFORE = re.compile(r"\S\s+(?:[A-Z][\w'’-]*|\d+(?:st|nd|rd|th))\s+$")
_SENTENCE_OPENER = re.compile(r"(?:We|I|I'm|I’m|I've|I’ve|You|Your|Our|Thanks?|Unfortunately|Sadly|Regrettably|Sorry|"
                              r"Please|The|This|That|It|Hope|After|Although|While|However|If|Feel|Good|All|Best|"
                              r"Kind|Many)\b")
_ABBREV_END = re.compile(r"(?:\b(?:" + _ABBREVIATIONS + r")\.|\b(?-i:[A-Z])\.|\b[ap]\.m\.|(?P<num>\b(?-i:No|Nos)\.)"
                         r"|(?P<street>\b(?-i:St)\.)"
                         r"|(?P<etc>\b(?:" + _UNIT_ABBREVIATIONS + r")\.)|(?P<company>\b(?:" + _COMPANY_SUFFIX + r")\.)"
                         r"|(?P<date>\b(?-i:" + _DATE_ABBREVIATIONS + r")\.))$", re.I)
_ABBREV_END_ANY_CASE = re.compile(r"(?:\b(?:" + _ABBREVIATIONS + r")\.|\b[A-Z]\.|\b[ap]\.m\.|(?P<num>\b(?:No|Nos)\.)"
                                  r"|(?P<street>\bSt\.)"
                                  r"|(?P<etc>\b(?:" + _UNIT_ABBREVIATIONS + r")\.)|(?P<company>\b(?:" + _COMPANY_SUFFIX
                                  + r")\.)|(?P<date>\b(?:" + _DATE_ABBREVIATIONS + r")\.))$", re.I)
_NEXT_SUFFIX = re.compile(r"(?:" + _COMPANY_SUFFIX + r")\b", re.I)
_CODE_WORD = re.compile(r"[^\s/]*[0-9/][^\s]*")  # a reference: a word with a digit or a slash in it
_WORD_START = re.compile(r"[A-Z](?:[a-z]|['’][a-z])|I\b")  # "We", "I'm", "I"


def _not_a_stop(text: str, start: int, cut: int, nxt: int, abbrev) -> bool:
    """Is the stop just before `cut` an abbreviation's? `nxt`: where the next sentence would start."""
    if text[cut - 1] != "." or not text[cut - 2:cut - 1].isalpha():
        return False  # every abbreviation ends in a letter and a full stop
    m = abbrev.search(text, max(start, cut - 9), cut)
    if m is None:
        return False
    if m.lastgroup == "num":  # a number or a code follows ("No. 5", "No. Estt/NT/2024/117"), not a sentence
        return (_WORD_START.match(text, nxt) is None and not text[nxt:nxt + 1].islower()) or \
            _CODE_WORD.match(text, nxt) is not None
    if m.lastgroup == "etc":
        if abbrev is _ABBREV_END_ANY_CASE and m.group()[:1].isdigit():
            return False  # text typed in lower case: "ran 45 mins. we have decided" is two sentences
        return text[nxt:nxt + 1].islower()
    if m.lastgroup == "company":  # a sentence starts with a capitalised word that is not "Ltd."
        return _WORD_START.match(text, nxt) is None or _NEXT_SUFFIX.match(text, nxt) is not None
    if m.lastgroup == "street":  # "Main St. We have" ends; "St. Mary's", "on main st. we" (no capitals) go on
        return (abbrev is _ABBREV_END_ANY_CASE or _SENTENCE_OPENER.match(text, nxt) is None
                or _STREET_BEFORE.search(text, max(start, m.start() - 40), m.start()) is None)
    if m.lastgroup == "date":  # "Jan. 2026", "Mon. 3rd Feb." go on; "3rd Feb. We have decided" ends
        if abbrev is _ABBREV_END_ANY_CASE:  # text typed in lower case: only a date goes on ("on mon. 3rd")
            return text[nxt:nxt + 1].isdigit()
        return _WORD_START.match(text, nxt) is None
    return True


def _split_rules(text: str):
    """The boundary expression and abbreviation test for `text`: text typed in lower case (more
    sentence stops followed by a small letter than by a capital) splits before small letters too."""
    if not _CAPITAL.search(text) and _LOWER_AFTER_STOP.search(text):
        return _LOWER_BOUNDARY, _ABBREV_END_ANY_CASE
    return _FAST_BOUNDARY, _ABBREV_END


def fast_segment(text: str) -> list[Span]:
    """`segment` without spaCy: the same line structure (greetings, sign-off blocks, bullets,
    headings), then a regular-expression sentence split. The audit profile uses it; it is
    several times faster and agrees with `segment` on ordinary prose. Text typed in lower case
    (more sentence stops followed by a small letter than by a capital) splits before small
    letters too."""
    spans: list[Span] = []
    boundary, abbrev = _split_rules(text)
    for s, e, atomic in _blocks(text):
        if atomic:
            a, b = _trim(text, s, e)
            if b > a:
                spans.append(Span(a, b))
            continue
        block = _split_at(text, s, e, boundary, abbrev)
        if len(block) > 1 and _MARKER_ONLY.fullmatch(text, block[0].start, block[0].end):
            block[:2] = [Span(block[0].start, block[1].end)]  # "1. Build ...": the marker is the item's
        spans.extend(block)
    return _merge_protected(text, spans)


def _merge_protected(text: str, spans: list[Span]) -> list[Span]:
    """Re-join sentences split inside a merge field, URL or address."""
    if len(spans) < 2 or not _MAY_PROTECT.search(text):
        return spans
    pattern = PROTECTED if "@" in text else _PROTECTED_NO_AT
    protected = [(m.start(), m.end()) for m in pattern.finditer(text)]
    if not protected:
        return spans
    out = [spans[0]]
    for sp in spans[1:]:
        boundary = sp.start
        inside = next(((a, b) for a, b in protected if a < boundary < b), None)
        if inside is None:
            out.append(sp)
            continue
        prev = out[-1]
        a = inside[0]
        before = _trim(text, prev.start, a)
        if (before[1] > before[0] and text[before[1] - 1] in ".!?"
                and not _not_a_stop(text, before[0], before[1], a, _split_rules(text)[1])):
            # the field starts the next sentence ("Thanks for applying. {{recruiter}} will be in touch.")
            out[-1] = Span(*before)
            out.append(Span(a, sp.end))
        else:
            out[-1] = Span(prev.start, sp.end)
    return out


def merge_fields(text: str) -> list[Span]:
    return [Span(m.start(), m.end()) for m in MERGE_FIELD.finditer(text)]
