"""Input preparation: validation, HTML to text with an offset map, quoted-reply and e-mail furniture stripping.

Everything downstream works on `Prepared.plain`; `Prepared.to_original` maps spans back to
character offsets in the text exactly as the caller gave it.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import html
import re
from bisect import bisect_left
from dataclasses import dataclass, field
from html.parser import HTMLParser

from .errors import InputError, TextTooLongError
from .names import english_words, is_known_word
from .segment import _CAPITAL, _GREETING_LINES

MAX_CHARS = 20_000

_HTML_HINT = re.compile(r"<\s*/?\s*(html|body|p|div|br|span|table|td|li|ul|ol|a|strong|em|b|i|h[1-6]|blockquote)\b"
                        r"[^<>]*>", re.I)  # [^<>]: an unclosed tag cannot make the scan quadratic
_BLOCK_TAGS = {"p", "div", "li", "ul", "ol", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6",
               "blockquote", "section", "article", "header", "footer", "pre", "hr"}
_SKIP_TAGS = {"script", "style", "head", "title", "noscript"}
# An element the reader never sees: the `hidden` attribute, or a style that hides it (an e-mail's preheader, the
# inbox preview line: "display:none; max-height:0; overflow:hidden; mso-hide:all", or text shrunk to nothing)
_HIDDEN_STYLE = re.compile(r"(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden|mso-hide\s*:\s*all|"
                           r"(?:font-size|opacity)\s*:\s*0(?:px|\.0+)?\s*(?:!important\s*)?(?:;|$))", re.I)
_NO_HEIGHT = re.compile(r"(?:^|;)\s*(?:max-)?height\s*:\s*0(?:px)?\s*(?:!important\s*)?(?:;|$)", re.I)
_OVERFLOW_HIDDEN = re.compile(r"(?:^|;)\s*overflow\s*:\s*hidden", re.I)
_VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# An element that a browser closes without its end tag: the start tags that end it ("<p>preview<p>Dear Sam": the
# second <p> ends the first), and the end tags of an element around it that end it too ("<div><span>x</div>")
_ENDED_BY = {"p": _BLOCK_TAGS, "li": {"li"}, "td": {"td", "th", "tr"}, "th": {"td", "th", "tr"}, "tr": {"tr"},
             "dt": {"dt", "dd"}, "dd": {"dt", "dd"}, "option": {"option"}}
_ENDS_AROUND = _BLOCK_TAGS | {"td", "th", "body", "html"}
_WS = re.compile(r"\s+")


def folded(pattern: str) -> re.Pattern:
    """A case-insensitive `pattern` compiled to run on lower-cased text: `folded(p).search(s.lower())` tests
    what `re.search(p, s, re.I)` tests, 2-3x faster on long alternations (with re.I the engine can no
    longer turn a branch away on its first letter). For yes/no tests only: `str.lower` can change a
    string's length ("İ"), so match offsets are not offsets into `s`."""
    if re.search(r"\\[xuUN0]|\(\?[a-zA-Z]*-", pattern):
        raise ValueError(f"folded(): character escapes and scoped flags are not supported: {pattern[:60]!r}")
    # lower-case the literals, never an escape ("\S", "\W", "\B" and "\A" keep their meaning)
    return re.compile(re.sub(r"\\.|[^\\]+", lambda m: m.group() if m.group()[0] == "\\" else m.group().lower(),
                             pattern, flags=re.S))

_MONTH_NAME = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?"
               r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_DAY_AND_MONTH = rf"\d{{1,2}}(?:st|nd|rd|th)?\.?\s(?:of\s)?{_MONTH_NAME}\b|{_MONTH_NAME}\s\d|\d{{1,4}}[./-]\d{{1,2}}\b"
# What a mail client writes after "On" in an English attribution line: a short weekday ("Mon, Ann wrote:"), a
# weekday then a date ("Tuesday, March 3"), or a date ("3/3/26", "2026-03-03", "3 Mar", "Mar 3"). A draft's
# "On Monday, the panel wrote:" has a weekday alone.
_ATTRIBUTION_DATE = (r"(?:Mon|Tues?|Wed|Thu(?:rs?)?|Fri|Sat|Sun)\.?,\s"
                     rf"|(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s)?(?:{_DAY_AND_MONTH})")
# Outlook's header block above a forwarded or quoted message, in English or the sender's language ("Von:",
# "Gesendet:"; "De :", "Envoyé :"): a "From:" line that holds an address or only a name, then a "Sent:" line with a
# date, or a "Subject:" line within a few lines. A draft's "From: our side, the panel liked ..." has neither. An HTML
# body that sets each field in a block of its own ("<div><b>From:</b> ...</div><div><b>Sent:</b> ...</div>") has a
# blank line between them in its text. (Case-sensitive on the name: the pattern is used with re.I too.)
_OUTLOOK_NAME = (r"(?-i:[\"']?[A-ZÀ-ÖØ-Þ][\w'.-]*(?:,?[ \t]+(?:[A-ZÀ-ÖØ-Þ][\w'.-]*|de|da|di|del|der|den|du|la|le"
                 r"|van|von|dos))*[\"']?)")
_FIELD_COLON = r"[ \t\u00a0]?:[ \t\u00a0]"
OUTLOOK_HEADER = (
    rf"(?:From|Von|De|Da|Van){_FIELD_COLON}(?:[^\n]*@[^\n]*|{_OUTLOOK_NAME}[ \t\r]*(?:[<\[][^\n]*)?)\n(?:[ \t\r]*\n)?"
    rf"(?:[ \t]*(?:Sent|Date|Gesendet|Datum|Envoyé|Enviado(?:[ \t]el)?|Fecha|Inviato|Data|Verzonden)"
    rf"{_FIELD_COLON}[^\n]*\d"
    rf"|(?:[ \t]*[\w-]+{_FIELD_COLON}[^\n]*\n(?:[ \t\r]*\n)?){{0,3}}[ \t]*"
    rf"(?:Subject|Betreff|Objet|Asunto|Oggetto|Onderwerp|Assunto)"
    rf"{_FIELD_COLON})")
# A date with its year after the opener of an attribution line in another language, after a weekday at most ("lun. 3
# mars 2025", "03.03.2025", "3 de mar. de 2025"), and the verb of that line
_FOREIGN_DATED = (r"(?:[^\W\d][\w-]{0,14}\.?,?\s)?(?:\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d\d)|\d{4}-\d\d-\d\d"
                  r"|\d(?:[\w.]{0,10}[ \t]){1,5}?(?:19|20)\d\d)(?!\w)")
_WROTE_VERBS = r"a écrit|schrieb|escribió|ha scritto|escreveu|schreef"
_FOREIGN_WROTE = rf"(?:{_WROTE_VERBS})"
# The line a mail client (Gmail, Thunderbird) writes between dashes above a message it forwards inline, in English or
# the sender's language
FORWARD_LABEL = (r"(?i:Forwarded message|Weitergeleitete Nachricht|Message transféré|Mensaje reenviado|Messaggio inoltrato"
                 r"|Mensagem encaminhada|Doorgestuurd bericht)")
# Quoted reply chains: the first line that starts one of these cuts the rest of the text.
_QUOTE_START = re.compile(
    r"^(?:"
    # "On Mon, 3 Mar 2025, Ann <a@b.c> wrote:": a mail client writes a date, a weekday, a clock time or an
    # address after "On", which a draft's own "On reflection, the panel wrote:" lacks
    r"On\s(?:" + _ATTRIBUTION_DATE + r"|(?=[^\n]{0,200}?(?:@|\d\s?:\s?\d\d)))"
    r".{2,200}?\bwrote:\s*$"
    # ... in the sender's own language: "Le … a écrit :", "Am … schrieb … :", "El … escribió:", "Il … ha scritto:",
    # "Em … escreveu:", "Op … schreef … :". A mail client writes the date first (after a weekday at most) and a
    # clock time or an address on the line, which a draft's own "Le jury a écrit :" or "El comité escribió:" lacks
    r"|(?:Le|Am|El|Il(?:\sgiorno)?|Em|Op)\s(?:[^\W\d][\w-]{0,14}\.?,?\s)?\d(?=[^\n]{0,200}?(?:\d\s?[:h]\s?\d\d|@))"
    r".{2,200}?\b" + _FOREIGN_WROTE + r"\b[^\n]{0,200}?\s?:\s*$"
    # ... or, with no time or address ("Le lun. 3 mars 2025, Marie Dupont a écrit :", "Am 03.03.2025 schrieb Jan
    # Meyer:"), a date with its year and a name next to the verb, which "Le 3 mars 2025, le jury a écrit :" lacks
    r"|(?:Le|Am|El|Il(?:\sgiorno)?|Em|Op)\s" + _FOREIGN_DATED + r",?\s(?:" + _OUTLOOK_NAME + r"\s" + _FOREIGN_WROTE
    + r"|" + _FOREIGN_WROTE + r"\s" + _OUTLOOK_NAME + r")\s?:[ \t\r]*$"
    r"|-{2,}\s*Original Message\s*-{2,}"               # Outlook classic
    r"|_{10,}\s*$"                                     # Outlook web separator
    r"|" + OUTLOOK_HEADER +                            # forwarded/replied header block
    # an attribution line a client writes with the name first ("Sam Lee <sam@x> wrote:", "Sam Lee schrieb am
    # 03.03.2025:") straight above the '>' lines, which the next two cut anyway: it introduces nothing that is checked;
    # so does Horde's "Quoting Sam Lee <sam@x>:" ("Zitat von"), and a line in a language the rules do not read that
    # holds the writer's address ("W dniu pon., 3 mar 2025 Sam Lee <sam@x> napisał:") or, without one, a date with its
    # year or a clock time ("Den mån 3 mars 2025 kl 10:15 skrev Linnea Berg:")
    r"|(?:[^\n]{0,200}?\b(?:wrote|" + _WROTE_VERBS + r")\b|(?:Quoting|Zitat von)\s[^\n]{0,200}?"
    r"|[^\n]{0,200}?[^\s<>@]@[^\s<>@]+\.[^\W\d_]{2,}\b"
    # (only on a line straight above a '>' line: the date is looked for there alone)
    r"|(?=[^\n]{0,260}:[ \t\r]*\n(?:[ \t\r]*\n)?>)[^\n]{0,200}?(?<![\w:.])(?:(?:19|20)\d\d|[012]?\d[:.h][0-5]\d)(?![\w:])"
    r")[^\n]{0,60}?\s?:[ \t\r]*\n(?:[ \t\r]*\n)?"
    r"(?=>.*\n>|>[^\n]*+\s*+\Z)"
    r"|>.*\n>"                                         # two consecutive '>' lines
    r"|>[^\n]*+\s*+\Z"                                 # one '>' line that ends the text
    r"|-{4,}\s*" + FORWARD_LABEL + r"\s*-{4,}"          # Gmail's and Thunderbird's forward
    r")",
    re.M | re.S,
)
# E-mail header lines pasted above a message ("Subject: …", "From: …"): not part of the message the
# rubric scores (greeting to sign-off), and no reply chain either, since nothing comes before them.
_HEADER_BLOCK = re.compile(
    r"\A(?:[ \t]*\n)*(?:[ \t]*(?:subject|from|to|cc|bcc|date|sent|reply-to)[ \t]*:[^\n]*(?:\n|\Z))+", re.I)
# E-mail furniture that is not part of the message the rubric scores (greeting to sign-off): a
# mobile client's signature line, a confidentiality or legal notice, an "external sender" banner.
# `_FURNITURE_HINT` is a cheap first pass over the whole text; only texts that pass it are searched
# line by line. "Please do not reply to this e-mail" is not furniture: it is the sender's own
# wording, labelled and scored as part of the message.
_FURNITURE_HINT = ("sent from", "get outlook", "confidential", "intended solely", "intended only",
                   "intended exclusively", "in error", "expressed", "before printing", "registered",
                   "originated", "external", "privileged", "powered by", "unsubscribe", "sent via",
                   "sent using", "sent with")  # substrings of the lower-cased text (a regex took 10x longer)
_FURNITURE_LINE = re.compile(
    r"^[ \t]*(?:sent from (?:my )?(?:iphone|ipad|android|samsung|galaxy|pixel|blackberry|mobile|phone|"
    r"huawei|xiaomi|oneplus|smartphone|tablet|outlook|mail for|yahoo mail|gmail|proton)[^\n]{0,60}"
    r"|get outlook for (?:ios|android)[^\n]{0,20}"
    # an applicant-tracking system's footer line
    r"|(?:powered by|sent (?:via|using|with)) (?:greenhouse|lever|workable|ashby|smartrecruiters|workday|icims|"
    r"bamboohr|teamtailor|recruitee|jobvite|taleo|successfactors|pinpoint|breezy|jazzhr|personio|jobadder|"
    r"bullhorn|zoho recruit|freshteam|manatal|darwinbox|keka)\b[^\n]{0,60}"
    r"|(?=[^\n]*(?:\||\bclick|\bhere\b|preferences|these e-?mails|mailing|notifications|alerts))"
    r"[^\n]{0,100}\bunsubscribe\b[^\n]{0,100}"  # a footer line, not a sentence that mentions it
    # an external-sender banner line, usually on top
    r"|(?:caution|warning|notice|attention)[ \t]*:[^\n]{0,40}originated (?:from )?outside[^\n]*"
    r"|(?:\[external[^\]\n]{0,20}\]|external (?:sender|email|e-mail)\b)[^\n]{0,200})[ \t]*$", re.I | re.M)
# A legal notice starts at the line holding one of these and runs to the end of its paragraph.
_NOTICE = re.compile(
    r"(?:this|the information (?:contained )?in this|the contents of this) (?:e-?mail|message|communication|transmission)"
    r"[^\n]{0,80}?\b(?:is|are|may be)\b[^\n]{0,30}?\b(?:confidential|privileged)"
    r"|\bintended (?:solely|only|exclusively) for the (?:use of the )?(?:individual|addressee|recipient|person|entity)"
    r"|\bif you (?:have )?received (?:this|it) (?:e-?mail |message |communication )?in error"
    r"|\b(?:views|opinions) expressed (?:in this [a-z-]+ )?(?:are|is) (?:solely )?(?:those|that) of the (?:author|sender|individual)"
    r"|\bconsider the environment before printing"
    r"|\bregistered (?:in england|in scotland|in wales|in ireland|office:|company (?:no|number))"
    r"|^[ \t]*confidentiality (?:notice|statement|note)\b",
    re.I | re.M)


# a paragraph break: one or more blank lines, whatever the line endings (a run is one break)
_BLANK_LINE = re.compile(r"(?>\r\n|\r|\n)(?:[ \t]*+(?>\r\n|\r|\n))++")
_NOT_NEWLINE = re.compile(r"[^\n]")


def find_furniture(plain: str) -> list[tuple[int, int]]:
    """Spans of e-mail furniture in `plain` (mobile signatures, legal notices, external-sender
    banners), each from the start of its first line to the end of that line or paragraph."""
    lowered = plain.lower()
    if not any(hint in lowered for hint in _FURNITURE_HINT):
        return []
    spans = [(m.start(), m.end()) for m in _FURNITURE_LINE.finditer(plain)]
    for m in _NOTICE.finditer(plain):
        start = plain.rfind("\n", 0, m.start()) + 1
        if len(plain[start:m.start()].strip()) > 40:  # a notice run on after body text on one line
            start = m.start()
        blank = _BLANK_LINE.search(plain, m.end())
        spans.append((start, blank.start() if blank else len(plain.rstrip())))
    merged: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    return merged


# The same header as a webmail page shows it when a message is copied from the browser: perhaps
# the subject and a folder name, then the sender with an address, a date with a time, "to me".
_WEBMAIL_HEADER = re.compile(
    r"\A(?:[ \t]*\n)*(?:[^\n<>]{1,150}\n(?:[ \t]*\n)?){0,2}?"
    r"[^\n<>]{0,80}<[^<>\s@]+@[^<>\s]+>[^\n]*\n"
    r"[^\n]{0,60}\b\d{1,2}[:.]\d{2}\b[^\n]{0,40}\n"
    r"[ \t]*to (?:me|[^\n]{1,100})[ \t]*(?:\n|\Z)", re.I)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffd]")
_BIDI_OVERRIDE = re.compile(r"[\u202a-\u202e\u2066-\u2069]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_ZERO_WIDTH = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff]")
# Pictographic emoji (with their skin tones and the variation selector), read as spaces: "strong 💪🏽" is
# "strong" to the models (the kind head read a reason with 💪🏽 as praise). Dingbats (✔, ★, ➤) stay: they
# mark bullets.
_EMOJI_CHARS = r"\U0001F000-\U0001FAFF\u2639\u263a\u2764\ufe0f"
_EMOJI = re.compile(rf"[{_EMOJI_CHARS}]")
# (a bracket a suggestion left closes its words: "..., and for [what they did] 😊 we loved meeting u")
_EMOJI_STOP = re.compile(rf"(?<=[\w\]] )[{_EMOJI_CHARS}\u200d]+(?=[ \t]+[A-Z][a-z])")
# ... and in a note typed in lower case on a phone ("thx for coming in 🙏 sadly we went w someone else"), one before
# a small letter, unless the word before it wants more ("ur portfolio was 🔥 esp the case study": the emoji says it)
_EMOJI_STOP_LOWER = re.compile(r"(?<![\w'’])(?!(?:was|is|are|were|be|so|very|too|the|a|an|ur|your|my|our|and|but|or|"
                               r"with|of|to|for|in|on|at|by|as|than) )(?P<word>[\w'’]+\]? )"
                               rf"(?P<emoji>[{_EMOJI_CHARS}\u200d]+)(?=[ \t]+[a-z])")
# invisible characters inside a word (a soft hyphen from Word or Outlook, "impr\u200bessed"): dropped,
# so that the word is read whole; offsets still point into the text as given. A zero-width space
# may also stand between two words ("After\u200bcareful"): it is dropped only where the joined word is
# an English word, and read as a space otherwise.
_INVISIBLE = "\u200b\u200c\u200d\u2060\u00ad"
_IN_WORD_INVISIBLE = re.compile(rf"(?<!\w)\w++(?:[{_INVISIBLE}]+\w++)+")  # possessive: linear on long words
HTML_SOURCE_FACTOR = 5  # an HTML body may be this many times MAX_CHARS long if its text is within it
# runs, not single characters: summing run lengths counts the same letters with far fewer objects
_LETTER = re.compile(r"[^\W\d_]+", re.U)
_LATIN = re.compile(r"[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]+")  # Latin letters (not × or ÷)
_WORD = re.compile(r"[A-Za-z']+")

_EN_COMMON = frozenset(
    "the a an and or but to of in on for with at by from is are was were be been we you your our "
    "us i it this that not have has had will would can could thank thanks regards position role "
    "application team interest time as if so do did all any more".split()
)

# Everyday words of the other languages a rejection is often written in (German, Spanish, French, Italian,
# Portuguese, Dutch) that are no English words, in ASCII letters as `_WORD` reads them: what tells a short
# note's language, where too few words stand for the share of English function words to mean anything ("mit",
# "pour", "candidature", "gentile" are not among them: a name, and English words, "your candidature for the post")
_OTHER_COMMON = frozenset(
    "leider nicht nein danke wir ihre ihnen und haben sehr geehrte bewerbung absage "
    "siento gracias pero usted nosotros lamentablemente desafortunadamente saludos hola por muy estimado estimada "
    "nous vous votre merci malheureusement bonjour cordialement avec sommes "
    "grazie purtroppo ciao saluti siamo nostra vostra candidatura "
    "obrigado obrigada infelizmente atenciosamente "
    "helaas bedankt wij uw niet groeten sollicitatie".split()
)


@dataclass
class Prepared:
    original: str
    plain: str
    offsets: list[int] | None = None  # plain index -> original index; None means identity
    warnings: list[str] = field(default_factory=list)
    is_html: bool = False
    entity_ends: dict[int, int] = field(default_factory=dict)  # plain index of an entity's character -> its end
    plain_end: int | None = None  # where the checked text ends in the original, when a quoted reply was cut off
    english: bool = True  # False: the text does not look like English, and nothing said about it can be trusted

    def to_plain(self, start: int, end: int) -> tuple[int, int]:
        """The range of `plain` whose characters come from `original[start:end]` (a sentence's range
        in a report, say); empty at the place it would be if none does."""
        if self.offsets is None:
            return start, end
        a = bisect_left(self.offsets, start)
        return a, max(a, bisect_left(self.offsets, end))

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        if self.offsets is None:
            return start, end
        if end <= start:
            if start < len(self.offsets):
                s = self.offsets[start]
            else:  # the end of what was checked: before a quoted reply that was cut off
                s = self.plain_end if self.plain_end is not None else len(self.original)
            return s, s
        last = end - 1
        return self.offsets[start], self.entity_ends.get(last) or self.offsets[last] + 1


class _HTMLToText(HTMLParser):
    """Collects text with, for every output character, its offset in the HTML source."""

    def __init__(self, source: str):
        super().__init__(convert_charrefs=False)
        self.source = source
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self.chars: list[str] = []
        self.offsets: list[int] = []
        self.entity_ends: dict[int, int] = {}  # a character from an entity ("&mdash;") -> the entity's end
        self.quote_at: int | None = None  # where the first quoted reply (Gmail, Apple Mail) starts in the text
        self.skip = 0
        self.hidden: list[str] = []  # the open hidden element and the elements open inside it, outermost first
        self.hidden_open: Counter = Counter()  # how many of each tag `hidden` holds
        self.hidden_chars = 0  # characters of text left out because no reader sees them

    def _pos(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    def _emit(self, text: str, src: int, step: bool = True) -> None:
        for i, ch in enumerate(text):
            self.chars.append(ch)
            self.offsets.append(src + i if step else src)

    def _newline(self, n: int) -> None:
        pos = self._pos()
        # trim trailing spaces before a break, never stack more than two newlines
        while self.chars and self.chars[-1] == " ":
            self.chars.pop()
            self.offsets.pop()
        have = 0
        for ch in reversed(self.chars):
            if ch != "\n":
                break
            have += 1
        if self.chars:
            self._emit("\n" * max(0, n - have), pos, step=False)

    def _close_hidden(self, n: int) -> None:
        """Close the innermost `n` elements open in the hidden one (all of them: the hidden element ends)."""
        for _ in range(n):
            self.hidden_open[self.hidden.pop()] -= 1
        if not self.hidden:
            self.skip = max(0, self.skip - 1)

    def handle_starttag(self, tag, attrs):
        while self.hidden and tag in _ENDED_BY.get(self.hidden[-1], ()):
            self._close_hidden(1)
        if self.hidden and tag not in _VOID_TAGS:
            self.hidden.append(tag)
            self.hidden_open[tag] += 1
        elif tag not in _VOID_TAGS and _is_hidden(attrs):
            self.hidden.append(tag)
            self.hidden_open[tag] += 1
            self.skip += 1
        if tag in _SKIP_TAGS:
            self.skip += 1
        elif tag == "br":
            self._newline(1)
        elif tag in _BLOCK_TAGS:
            self._newline(2 if tag != "li" else 1)
            if tag == "li" and not self.skip:  # the item's bullet stands at the end of its tag, so a sentence starts
                # inside it (a hidden item shows none)
                self._emit("- ", self._pos() + len(self.get_starttag_text() or ""), step=False)
            if tag in _QUOTE_TAGS and self.quote_at is None and not self.skip and _is_reply_quote(tag, attrs):
                self.quote_at = len(self.chars)

    def handle_startendtag(self, tag, attrs):
        if tag == "br":
            self._newline(1)
        elif tag in _BLOCK_TAGS:
            self._newline(2)

    def handle_endtag(self, tag):
        if tag in _SKIP_TAGS:
            self.skip = max(0, self.skip - 1)
        elif tag in _BLOCK_TAGS:
            self._newline(2 if tag != "li" else 1)
        if self.hidden and self.hidden_open[tag]:
            self._close_hidden(len(self.hidden) - next(i for i in range(len(self.hidden) - 1, -1, -1)
                                                       if self.hidden[i] == tag))
        elif self.hidden and tag in _ENDS_AROUND:  # an element around the hidden one ends, and it with it
            self._close_hidden(len(self.hidden))

    def handle_data(self, data):
        if self.skip:
            if self.hidden:
                self.hidden_chars += len(data.strip())
            return
        pos = self._pos()
        i = 0
        for m in _WS.finditer(data):
            self._emit(data[i:m.start()], pos + i)
            at_line_start = not self.chars or self.chars[-1] in "\n "
            if not at_line_start:
                self._emit(" ", pos + m.start(), step=False)
            i = m.end()
        self._emit(data[i:], pos + i)

    def _entity(self, text: str, source: str):
        if self.skip:
            return
        pos = self._pos()
        end = pos + len(source) + int(self.source.startswith(";", pos + len(source)))  # the ";" is optional
        self._emit(text, pos, step=False)
        for i in range(len(self.chars) - len(text), len(self.chars)):
            self.entity_ends[i] = end

    def handle_entityref(self, name):
        import html

        self._entity(html.unescape(f"&{name};") if name != "nbsp" else " ", f"&{name}")

    def handle_charref(self, name):
        import html

        self._entity(html.unescape(f"&#{name};"), f"&#{name}")


_REPLY_QUOTE_CLASSES = frozenset({"gmail_quote", "gmail_quote_container", "yahoo_quoted", "protonmail_quote",
                                  "zmail_extra", "moz-cite-prefix"})
# ... and the id Outlook (web and the new Outlook) gives the block above the quoted message ("From: ... Sent: ..."), and
# Yahoo's ("yahoo_quoted_0123"), which also names its class
_REPLY_QUOTE_ID = re.compile(r"divrplyfwdmsg|yahoo_quoted(?:_\w*)?")
# the elements a client wraps its reply quote in: a div around the attribution line and the quote (Gmail, Yahoo,
# Outlook, Thunderbird's attribution line), or the blockquote itself (Apple Mail, Thunderbird)
_QUOTE_TAGS = frozenset({"blockquote", "div"})


def _is_hidden(attrs) -> bool:
    """An element no reader sees: `hidden`, or a style that hides it (`display:none`, a preheader's
    `max-height:0; overflow:hidden`, `font-size:0`); not `aria-hidden`, which only screen readers skip."""
    for k, v in attrs:
        if k == "hidden" or k == "style" and v and (
                _HIDDEN_STYLE.search(v) or _NO_HEIGHT.search(v) and _OVERFLOW_HIDDEN.search(v)):
            return True
    return False


def _is_reply_quote(tag: str, attrs) -> bool:
    """A blockquote or div that a mail client uses for the quoted reply (Gmail's class "gmail_quote" on the div
    around its attribution line and the quote, Yahoo's "yahoo_quoted", Outlook's id "divRplyFwdMsg", Apple Mail's
    and Thunderbird's blockquote type "cite"), not one the writer used for a quotation. Everything from it on is
    left out, a reply written below the quote included, and so is an attribution line in a language the rules do
    not read ("W dniu pon., 3 mar 2025 Sam Lee napisał:")."""
    a = {k: (v or "").lower() for k, v in attrs}
    return (tag == "blockquote" and a.get("type") == "cite"
            or not _REPLY_QUOTE_CLASSES.isdisjoint(a.get("class", "").split())
            or _REPLY_QUOTE_ID.fullmatch(a.get("id", "")) is not None)


def _convert_html(source: str) -> _HTMLToText:
    parser = _HTMLToText(source)
    parser.feed(source)
    parser.close()
    return parser


def html_to_text(source: str) -> tuple[str, list[int]]:
    """The text of an HTML body and, for each of its characters, its offset in `source`."""
    parser = _convert_html(source)
    return "".join(parser.chars), parser.offsets


_HEAD_OR_STYLE = re.compile(r"<(head|style|script)\b.*?</\1\s*>", re.I | re.S)
_BLOCK_BREAK = re.compile(r"<br\s*/?>|</?(?:p|div|li|tr|h\d)\b[^<>]*>", re.I)
_ANY_TAG = re.compile(r"<[a-zA-Z/!][^<>]*>")


def markup_words(text: str) -> str:
    """The words of an HTML fragment, cheaply (no offsets; `html_to_text` keeps them): <head>, <style>
    and <script> dropped, block ends and <br> as line breaks, other tags as spaces, entities read, a
    no-break space as a space. Text without markup comes back as it is."""
    if "<" not in text and "&" not in text:
        return text
    text = _ANY_TAG.sub(" ", _BLOCK_BREAK.sub("\n", _HEAD_OR_STYLE.sub(" ", text)))
    return html.unescape(text).replace("\u00a0", " ")


def looks_like_html(text: str) -> bool:
    if "<" not in text:
        return False
    hints = _HTML_HINT.finditer(text)
    return (next(hints, None) is not None and next(hints, None) is not None) or bool(
        re.search(r"<\s*(html|body)\b", text, re.I))


def blank_spans(plain: str, spans: list[tuple[int, int]]) -> str:
    """`plain` with every character of the spans but line breaks turned into a space: left out of
    the check, while offsets into the text stay as given."""
    out, last = [], 0
    for a, b in spans:
        out += [plain[last:a], _NOT_NEWLINE.sub(" ", plain[a:b])]
        last = b
    return "".join(out) + plain[last:]


# A note to a colleague above the message it hands on ("Hi Jess, see below - could you send this to the candidate
# today?", "Tom - can you forward the below to Ifeoma?"): no part of the message the candidate gets
_FORWARD_REQUEST = re.compile(
    r"\b(?:see (?:below|the (?:note|message|email|e-mail|draft|text|reply) below)|(?:send|forward|pass|share|email|"
    r"e-mail)(?: on| along)? (?:this|it|the below|the (?:following|note|message|email|e-mail|draft|text|reply)"
    r"(?: below)?)(?: on| along)? (?:to|on to|onto|with)\b|(?:can|could|would|will) you (?:please )?(?:send|forward|"
    r"pass)\b|please (?:send|forward|pass on)\b)", re.I)
_NOTE_MAX = 400  # characters: a line or two and a sign-off
FORWARDING_NOTE = ("A note to a colleague above the message (\"see below\", \"could you send this to ...\") was "
                   "left out; only the message below it, from its greeting on, was checked.")


def forwarding_note_end(plain: str) -> int | None:
    """Where the message starts below a short note that asks a colleague to send it on ("Hi Jess, see below -
    could you send this to the candidate today? Thanks, Mark" above "Dear Ana, ..."), or None: the note must ask
    for it to be sent or forwarded, and the message must start with a greeting line within a few lines of it."""
    start = len(plain) - len(plain.lstrip())
    first_end = plain.find("\n", start)
    if first_end < 0 or first_end - start > _NOTE_MAX:
        return None
    limit = plain.find("\n", start + _NOTE_MAX)  # (a whole line: a line cut short could read as a greeting)
    greeting = _GREETING_LINES.search(plain, first_end + 1, len(plain) if limit < 0 else limit)
    if greeting is None or not _FORWARD_REQUEST.search(plain, start, greeting.start()):
        return None
    return greeting.start() if plain[greeting.end():].strip() else None


def find_quoted_reply(plain: str) -> int | None:
    """Offset where a quoted reply chain starts, or None."""
    m = _QUOTE_START.search(plain)
    return m.start() if m else None


_NOT_ENGLISH = ("The text does not look like English; rejectcheck is trained on English and its scores will "
                "be unreliable.")


def _mostly_dictionary_words(words: list[str]) -> bool:
    """Terse English with few function words ("Rejected: too old. Skills: Python, SQL ...") is still English:
    most of its longer words are in the English dictionary (and few Spanish or German ones are)."""
    longer = [w for w in words if len(w) >= 3]
    return bool(longer) and sum(map(is_known_word, longer)) / len(longer) >= 0.6


MIXED_BELOW = 0.3  # below this share of common English words, look for another language mixed in
MIXED_SHORT = 80  # ... and in a note of at most this many words, whatever its share
PARTLY_NOT_ENGLISH = ("Part of this text does not look like English (code-mixed or another language); "
                      "rejectcheck reads English, so what those parts say is not in its scores or findings.")
_SMALL_WORD = re.compile(r"(?<![A-Za-z'])[a-z][a-z]{2,}(?![A-Za-z'])")  # a lower-case word: no name, no contraction


# English typed on a phone that no dictionary lists: no word of another language ("thx alot", "hey priya")
_TEXTING_WORDS = frozenset("hey hiya heya thx thnx tysm alot gonna wanna gotta lol btw pls plz coz cuz ya yeah yep "
                           "nope ok okay tbh imo lmk idk ngl".split())
_LOWER_RUN = re.compile(r"(?<![A-Za-z'’])[a-z]{2,}(?:[ \t]+[a-z]{2,})*(?![A-Za-z'’])")  # lower-case words, spaces only


def _romanised_run(plain: str, words: list[str], rare: list[str]) -> bool:
    """Whether a share of the lower-case words (`words`; `rare`: those not in the dictionary as written) are unknown
    and two or more of them stand side by side ("interview nalla irundhuchu but ...", "pero hindi ka namin kinuha"):
    another language written in Latin letters, not a loan word or a name here and there ("chai", "lakh", "Priya")."""
    unknown = {w for w in rare if w not in _TEXTING_WORDS and not is_known_word(w)}
    if len(unknown) < 3 or sum(w in unknown for w in words) < 0.25 * len(words):
        return False
    vocab = english_words()
    for m in _LOWER_RUN.finditer(plain, 0, 4000):
        run = 0
        for w in m.group().split():
            # (a two-letter word is read too: "ka", "ku", "na"; English's are all in the dictionary)
            run = run + 1 if (w in unknown or len(w) == 2 and w not in vocab and w not in _TEXTING_WORDS) else 0
            if run >= 2:
                return True
    return False


def mixed_language_warning(plain: str) -> str | None:
    """A warning for English mixed with another language written in Latin letters ("aapka interview accha
    tha but we are not moving ahead ..."): at least five of its lower-case words of three or more letters,
    and 30% of them, are in no English dictionary (the team's own corpus peaks at 20%, on a ten-word note);
    or, in a shorter note, three and a quarter of them, two of them side by side ("interview nalla irundhuchu
    but namba team ku konjam more experience venum"), which loan words and names seldom are."""
    words = _SMALL_WORD.findall(plain, 0, 4000)  # (a long message says what it is in its first 4,000 characters)
    if len(words) < 6:
        return None
    vocab = english_words()
    rare = [w for w in words if w not in vocab and w not in _TEXTING_WORDS]  # set lookups first: most words are
    if len(rare) < 3:  # in the dictionary as written
        return None
    need = max(5, 0.3 * len(words))
    if len(words) >= 12 and len(rare) >= need and sum(1 for w in rare if not is_known_word(w)) >= need:
        return PARTLY_NOT_ENGLISH
    return PARTLY_NOT_ENGLISH if _romanised_run(plain, words, rare) else None


def english_warning(plain: str) -> str | None:
    low = plain.lower()
    words = _WORD.findall(low)
    if not plain.isascii() and not _mostly_latin_for_sure(plain, low, words):
        letters = sum(map(len, _LETTER.findall(plain)))
        if letters >= 20 and sum(map(len, _LATIN.findall(plain))) / letters < 0.7:
            return _NOT_ENGLISH
    if len(words) < 8:  # a short note ("Hallo, leider nein. Grüße", "Gracias por tu tiempo, pero no.")
        foreign = sum(map(_OTHER_COMMON.__contains__, words))
        if foreign >= 2 and not any(map(_EN_COMMON.__contains__, words)) and foreign >= sum(
                is_known_word(w) for w in words if len(w) >= 3 and w not in _OTHER_COMMON):
            return _NOT_ENGLISH
        return None
    common = sum(map(_EN_COMMON.__contains__, words))
    if common / len(words) < 0.08 and not _mostly_dictionary_words(words):
        return _NOT_ENGLISH
    # English prose is 30-50% function words, code-mixed text fewer; a short note's share means little ("thanks for
    # coming but we picked otra persona porque necesitamos more senior" has 31%)
    if common / len(words) < MIXED_BELOW or len(words) <= MIXED_SHORT:
        return mixed_language_warning(plain)
    return None


# Words a rejection (or any note about a job application) almost always holds one of: a decision, an
# outcome, or the hiring context itself. A text with none of them and no sentence the model reads as
# a decision (an invoice, a newsletter, a stray reply in an exported mailbox) gets a warning, not an
# error: the checker still scores it, as the caller asked.
_REJECTION_CUE = re.compile(
    r"\b(?:unfortunately|regret\w*|sadly|sorry|unsuccessful|declin\w*|rejected|disqualif\w*|decid\w*|decision|"
    # a blunt turn-down: "it's not a fit", "not the right match", "Don't come back."
    r"(?:not|n't) (?:a|the|quite the|quite a) (?:good |great |right |strong )?(?:fit|match)|(?:don't|do not) (?:come back|"
    r"bother (?:coming|applying|reapplying))|"
    r"not (?:been )?(?:successful|selected|shortlisted|progress\w*|proceed\w*|moving|offer\w*|taking|pursu\w*|"
    r"advanc\w*|continu\w*|invit\w*|gonna work|going to work)|(?:won't|will not|can't|cannot|unable to|aren't|"
    r"are not|we're not) (?:be )?(?:able to )?(?:moving|progress\w*|proceed\w*|offer\w*|taking|pursu\w*|advanc\w*|"
    r"continu\w*|select\w*|hire|hiring|consider\w*)|(?:other|another|different|stronger) (?:candidate|applicant|"
    r"person|profile|finalist)s?|someone else|somebody else|(?:go|going|gone|went) with|pass(?:ed|ing)? on|"
    r"(?:we'll|we will|gonna|going to|decided to|(?:have|had|'ll have|will have) to) pass(?!\s+(?:the|your|it|this|"
    r"through|along|by|with)\b)|no longer|filled|chose|chosen|selected|appointed|on this occasion|this time)\b", re.I)
_HIRING_WORD = re.compile(
    r"\b(?:appl(?:y|ied|ying|ication|ications|icant|icants)|candida\w*|interview\w*|roles?|positions?|post|"
    r"vacanc\w*|jobs?|hir(?:e|ed|ing)|recruit\w*|cv|résumé|resume|shortlist\w*|opening|offer\w*|intern\w*|"
    r"apprentic\w*|placement|programme|program|scheme|panel|assessment|portfolio|trial|shift|contract|crew|"
    r"licen[cs]e|practical|test)\b", re.I)
NOT_A_REJECTION = ("This text does not read like a rejection: no decision about a job or an application was "
                   "found. The checks that expect a reason, a next step or thanks for the candidate's effort were left "
                   "out, and its scores assume a rejection and mean little otherwise.")
TOO_SHORT = "The text has fewer than three words; there is too little to score."


# Hiring messages that are not rejections: an offer, an invitation to the next stage, a holding note, an
# acknowledgement that the candidate withdrew. Read only where nothing in the text turns anyone down.
_WITHDREW = "an acknowledgement that the candidate withdrew"
_OTHER_MESSAGES = (
    (_WITHDREW, _WITHDREW_CUE := re.compile(
        r"\b(?:(?:you've|you have) accepted (?:another|a different|an?) (?:offer|role|position|job)|accepted another "
        r"(?:offer|role|position)|(?:withdrawn|withdrawing|withdrawal of) your application|(?:your|the) decision to "
        r"withdraw|(?:you've|you have) decided to withdraw)", re.I)),
    ("a job offer", re.compile(
        r"\b(?:(?:delighted|pleased|happy|thrilled|excited|glad) to (?:offer you (?:the|this|a|an) (?:[\w-]+ ){0,3}(?:role|"
        r"position|post|job|place|contract|internship|apprenticeship)|extend (?:an|the|this|a) (?:formal |conditional )?offer)|we(?:'d| would) like to offer you (?:the|this|a|an) (?:[\w-]+ ){0,3}(?:role|position|post|job|"
        r"place|contract|internship|apprenticeship)|(?:formal|conditional|verbal|written) offer "
        r"(?:of employment|letter)|congratulations on (?:your|the) (?:offer|new role))\b", re.I)),
    ("an invitation to the next stage", re.compile(
        r"\b(?:(?:like|love|pleased|delighted|happy|glad) to invite you (?:to|for) (?:an?|the|our|a second|a final) "
        r"(?:\w+ ){0,2}(?:interview|assessment|stage|round)|"
        r"invite you to (?:an?|the|our|a second|a final) "
        r"(?:\w+ )?(?:interview|assessment|stage|round)|(?:invited|progress(?:ing)?|moving "
        r"you|move you) (?:forward |on )?(?:to|into) the (?:next|second|final) (?:stage|round)|please (?:book|choose|"
        r"select|pick) (?:a|an|your) (?:interview )?(?:slot|time|date) for (?:your|the|an?) (?:\w+ )?(?:interview|assessment))", re.I)),
    ("a holding note", re.compile(
        r"\b(?:(?:are|'re) still (?:reviewing|considering|assessing|interviewing|going through)|(?:haven't|have not) "
        r"(?:yet )?(?:made|reached) (?:a|our) (?:decision|final decision)|no (?:final )?decision has (?:yet )?been made|"
        r"(?:will|'ll) (?:be in touch|update you|get back to you|let you know) (?:by|within|next|once|as soon))", re.I)),
)
_CUE_WORDS = {
    _WITHDREW: ("accepted", "withdr"),
    "a job offer": ("offer", "congratulations"),
    "an invitation to the next stage": ("invite", "next", "second", "final", "slot", "time", "date"),
    "a holding note": ("still", "decision", "touch", "update you", "get back", "let you know"),
}
# ... and what turns someone down, whatever else the text says
_TURNS_DOWN = re.compile(
    r"\b(?:unsuccessful|regret to|not (?:been )?(?:selected|successful|shortlisted)|(?:not|n't) (?:be )?(?:moving|"
    r"progressing|proceeding|going ahead|taking (?:your|you|this)|offering you|able to offer)|decided not to|"
    r"(?:decided|chosen|chose|decision) to (?:move|go|proceed|progress) (?:forward |ahead )?with (?:other|another|a different)|"
    r"(?:pursue|pursuing|proceed(?:ing)? with|mov(?:e|ing) forward with|go(?:ing)? with) (?:other|another|a different)|"
    r"(?:went|gone|going|go|chosen|chose|choose|hired|selected|appointed|picked) (?:with )?(?:another|other|someone|somebody|"
    r"a different|an internal)|(?:position|role|post|vacancy|job|opening) (?:has|had) (?:now )?been filled|"
    r"(?:filled|closed) the (?:role|position|post|vacancy)|(?:won't|will not|not) be offering|"
    r"preferred (?:a|another|an(?:other)?|the other) (?:candidate|applicant)|(?:it's|it is) a no\b|(?:going to|gonna) pass\b|"
    r"(?:decided|chosen|chose|decision) to (?:hire|appoint|offer (?:it|the \w+) to|go with) (?:a|an|another|someone)|"
    r"(?:role|position|post|job) went to|offered (?:it|the \w+|the role|the position) to "
    r"(?:another|someone|an internal)|no longer (?:considering|being considered)|rescind\w*|withdraw(?:n|ing)? (?:the|our) offer|"
    r"not (?:be |been )?(?:in a position|able) to (?:offer|progress|proceed|take|invite|move)|(?:haven't|have not|hasn't|has not) been "
    r"successful|unable to (?:invite|offer|progress|move|take)|(?:won't|will not|not) (?:be )?(?:extending|inviting|"
    r"progressing|moving you)|(?:offer|offered|give|given) (?:it|the (?:\w+ )?(?:role|position|post|job|place)) to "
    r"(?:another|a different|someone|an internal)|(?:chosen|chose|selected|appointed) (?:a|another|an(?:other)?) "
    r"(?:candidate|applicant|person)|below the (?:level|score|mark|threshold|benchmark))", re.I)


_NEGATED = re.compile(r"\b(?:not|no|n't|unable|cannot|won't|unfortunately|regret\w*|sorry|sadly|below|unsuccessful|"
                      r"however)\b|n't\b", re.I)


def other_hiring_message(plain: str, decisions: Sequence[str] = ()) -> str | None:
    """What a hiring message that turns nobody down is ("a job offer", "a holding note" ...), or None. The
    cue must stand in a sentence that negates nothing ("we won't be moving you on to the final round" is
    a rejection), nothing else in the text may turn the candidate down, and every sentence the kind model
    read as a decision or a reason (`decisions`) must be the cue's own ("We're going to pass, as the team needs
    Tableau. We'll be in touch by March about our next opening." is a rejection). With decisions given, only
    they are searched for a cue (an e-mail's few short sentences, not all of it: this runs on every audit row)."""
    texts = [(t, t.lower()) for t in decisions or (plain,)]
    for what, cue in _OTHER_MESSAGES:
        for text, low in texts:
            if not any(w in low for w in _CUE_WORDS[what]):  # each cue needs one of these words: a cheap test first
                continue
            for m in cue.finditer(text):
                start = max(text.rfind(c, 0, m.start()) for c in ".!?\n") + 1
                ends = [i for i in (text.find(c, m.end()) for c in ".!?\n") if i >= 0]
                if _NEGATED.search(text, start, min(ends) if ends else len(text)):
                    continue
                # (an acknowledgement that the candidate withdrew closes the application: that is its decision)
                if what != _WITHDREW and not all(m.group() in d for d in decisions):
                    return None
                return None if _TURNS_DOWN.search(plain) else what
    if decisions and ("withdr" in plain or "accepted" in plain):
        # the withdrawal's cue may stand outside its decision ("… accepted another offer. We've closed …")
        return other_hiring_message(plain) if _WITHDREW_CUE.search(plain) else None
    return None


OTHER_MESSAGE = ("This reads like {what}, not a rejection: the checks that expect a reason, a next step or thanks "
                 "for the candidate's effort were left out, and the scores assume a rejection.")


def has_rejection_cue(text: str) -> bool:
    """Whether `text` holds a word of an outcome ("unfortunately", "not selected", "someone else")."""
    return _REJECTION_CUE.search(text) is not None


def content_warning(plain: str, has_decision: bool) -> str | None:
    """A warning for text that is too short to score, or does not read like a rejection."""
    if len(plain.split()) < 3:
        return TOO_SHORT
    if not has_decision and not _REJECTION_CUE.search(plain) and not _HIRING_WORD.search(plain):
        return NOT_A_REJECTION
    return None


def _mostly_latin_for_sure(plain: str, low: str, words: list[str]) -> bool:
    """True when the share of Latin letters is >= 0.7 whatever the non-ASCII characters are: a
    bound from counts already at hand, which spares most English texts with a curly quote or a
    dash the two letter scans. Each non-ASCII character is at most one non-Latin letter, and
    (lower-cased) at most one of the ASCII letters counted in `words`."""
    other = len(plain) - len(plain.encode("ascii", "ignore"))
    ascii_letters = sum(map(len, words)) - low.count("'") - other  # at least
    return ascii_letters >= 0.7 * (ascii_letters + other)


def length_error(text: str, max_chars: int = MAX_CHARS, html: bool | None = None) -> TextTooLongError | None:
    """The error for a text over the limit, or None. An HTML body is measured by its text (styles and
    markup can be most of it; `prepare` measures that), within HTML_SOURCE_FACTOR times the limit."""
    if len(text) <= max_chars:
        return None
    if len(text) > HTML_SOURCE_FACTOR * max_chars:
        html = looks_like_html(text[:max_chars]) if html is None else html  # the message, not a scan of it all
    elif html is None:
        html = looks_like_html(text)
    limit = HTML_SOURCE_FACTOR * max_chars if html else max_chars
    if len(text) <= limit:
        return None
    return TextTooLongError(f"The {'HTML body' if html else 'text'} is {len(text):,} characters long; the limit is "
                            f"{limit:,}. Check one message at a time.", length=len(text), limit=limit)


def checked_text(text, max_chars: int = MAX_CHARS) -> tuple[str, bool, int]:
    """(text, is it HTML, how many control characters) after the checks every input gets, a draft or
    interviewer notes: text, not empty, within the length limit, well-formed enough to parse, valid
    Unicode, not binary. Raises InputError (TextTooLongError) naming the problem."""
    if isinstance(text, (bytes, bytearray)):
        try:
            text = bytes(text).decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InputError("The input is not UTF-8 text (it looks like binary data).") from exc
    if not isinstance(text, str):
        raise InputError(f"Expected text, got {type(text).__name__}.")
    if not text.strip():
        raise InputError("The text is empty.")
    html = looks_like_html(text)
    too_long = length_error(text, max_chars, html)
    if too_long:
        raise too_long
    if html and text.count("<") > text.count(">") + 100:
        # Python's HTML parser is quadratic on tags that never close ("<p <p <p ..."): seconds for
        # one malformed message, minutes for a long one
        raise InputError("The HTML body is malformed: many of its tags are never closed.")
    if not text.isascii() and _SURROGATE.search(text):
        at = _SURROGATE.search(text).start()
        raise InputError(f"The text is not valid Unicode (a lone surrogate code point at character {at:,}); "
                         "it may have been decoded wrongly.")
    junk = len(_CONTROL.findall(text)) if _CONTROL.search(text) else 0
    # binary: a share of control characters that one stray character in a short note does not reach
    if junk and junk / len(text) > 0.02 and (junk >= 3 or not _LETTER.search(text)):
        raise InputError("The input contains binary data or control characters, not a message.")
    return text, html, junk


def has_words(text: str) -> bool:
    return _LETTER.search(text) is not None


def without_control_characters(text: str) -> str:
    """`text` with control and replacement characters removed (for text that is echoed, not mapped)."""
    return _CONTROL.sub("", text) if _CONTROL.search(text) else text


def _junk_warning(text: str) -> str:
    if "\ufffd" in text:
        return ("The text holds replacement characters (\ufffd), where something could not be decoded; the "
                "e-mail may declare the wrong character set. Those characters were ignored.")
    return "Control characters found in the text were ignored."


def _drop_in_word_invisibles(prepared: Prepared) -> bytearray | None:
    """Remove zero-width characters and soft hyphens inside words from `prepared.plain`, keeping the
    map from plain to original offsets (and the HTML entity ends) right. Returns which plain
    characters were dropped (1) or None, for the caller's own plain offsets."""
    plain = prepared.plain
    offsets = prepared.offsets if prepared.offsets is not None else range(len(plain))
    dropped = bytearray(len(plain))
    for m in _IN_WORD_INVISIBLE.finditer(plain):
        word = m.group()
        joined = "".join(c for c in word if c not in _INVISIBLE)
        spaced = "\u200b" in word and not is_known_word(joined)
        for i, c in enumerate(word, m.start()):
            if c in _INVISIBLE and not (spaced and c == "\u200b"):
                dropped[i] = 1
    if not any(dropped):
        return None
    kept = [i for i in range(len(plain)) if not dropped[i]]
    new_index = {old: new for new, old in enumerate(kept)}
    prepared.plain = "".join(plain[i] for i in kept)
    prepared.offsets = [offsets[i] for i in kept]
    prepared.entity_ends = {new_index[k]: v for k, v in prepared.entity_ends.items() if k in new_index}
    return dropped


def long_quote_cut(text, max_chars: int) -> int | None:
    """Where the quoted reply chain starts in a plain-text message that only it takes over `max_chars`
    (a short reply above thousands of "> " lines): the chain is never checked, so it does not count."""
    if (not isinstance(text, str) or not max_chars < len(text) <= HTML_SOURCE_FACTOR * max_chars
            or looks_like_html(text[:max_chars])):
        return None
    cut = find_quoted_reply(text)
    return cut if cut is not None and cut <= max_chars and text[:cut].strip() else None


def long_quote_warning(text: str, cut: int, max_chars: int) -> str:
    return (f"The quoted reply below the message ({len(text) - cut:,} characters) was cut off before checking: "
            f"with it the text is over the {max_chars:,}-character limit, and a quoted reply is never checked.")


def prepare(text, max_chars: int = MAX_CHARS) -> Prepared:
    """Validate and normalise one input. Raises InputError for what cannot be checked."""
    long_quote = long_quote_cut(text, max_chars)
    if long_quote is not None:  # the message above the chain gets every check; offsets still count the whole text
        checked_text(text, len(text))  # ... and the whole text the checks that are not about its length
        _, html, junk = checked_text(text[:long_quote], max_chars)
        prepared = Prepared(original=text, plain=text[:long_quote])
        prepared.warnings.append(long_quote_warning(text, long_quote, max_chars))
    else:
        text, html, junk = checked_text(text, max_chars)
        prepared = Prepared(original=text, plain=text)
    quote_at = None
    if html:
        parser = _convert_html(text)
        plain = "".join(parser.chars)
        if not plain.strip():
            raise InputError("The HTML body contains no text." + (
                " Its only text is hidden (styled display:none or similar), which no reader sees."
                if parser.hidden_chars else ""))
        if len(plain) > max_chars:
            raise TextTooLongError(f"The text of the HTML body is {len(plain):,} characters long; the limit is "
                                   f"{max_chars:,}. Check one message at a time.", length=len(plain), limit=max_chars)
        prepared = Prepared(original=text, plain=plain, offsets=parser.offsets, is_html=True,
                            entity_ends=parser.entity_ends)
        quote_at = parser.quote_at
        prepared.warnings.append("HTML body converted to plain text before checking.")
        if parser.hidden_chars:
            prepared.warnings.append(f"Hidden HTML text ({parser.hidden_chars:,} character"
                                     f"{'' if parser.hidden_chars == 1 else 's'}: an element styled "
                                     "display:none or similar, such as an inbox preview line) was left out of the "
                                     "check; the candidate does not see it in the message.")
    if junk:
        prepared.warnings.append(_junk_warning(text))
    if not text.isascii() and _BIDI_OVERRIDE.search(prepared.plain):
        # a right-to-left override shows the candidate the characters after it in another order than
        # they were typed and checked ("Trojan Source"): the reader sees something else
        prepared.warnings.append("The text holds text-direction control characters (U+202A-U+202E, "
                                 "U+2066-U+2069): a reader may see its words in another order than they were "
                                 "checked. Remove them before sending.")
    if not has_words(prepared.plain):
        raise InputError("The text has no words to check.")

    head = _HEADER_BLOCK.match(prepared.plain) or _WEBMAIL_HEADER.match(prepared.plain)
    if head and prepared.plain[head.end():].strip():
        prepared.plain = blank_spans(prepared.plain, [head.span()])
        prepared.warnings.append("E-mail header lines at the top (Subject:, From:, ...) were ignored; "
                                 "only the message body was checked.")
    elif head:
        prepared.warnings.append("The text looks like e-mail header lines only (Subject:, From:, ...), with no "
                                 "message body; it was checked as it is.")

    note = forwarding_note_end(prepared.plain)
    if note is not None:
        prepared.plain = blank_spans(prepared.plain, [(0, note)])
        prepared.warnings.append(FORWARDING_NOTE)

    if not prepared.plain.isascii():
        if _IN_WORD_INVISIBLE.search(prepared.plain):
            dropped = _drop_in_word_invisibles(prepared)
            if dropped is not None and quote_at is not None:  # the HTML quote's start, in the new plain text
                quote_at -= dropped[:quote_at].count(1)
        if _ZERO_WIDTH.search(prepared.plain):
            # zero-width characters carry nothing, and a sentence stop before one is still a stop
            prepared.plain = _ZERO_WIDTH.sub(" ", prepared.plain)
        if _EMOJI.search(prepared.plain):
            # ... and a run of them between two sentences with no stop ("Great portfolio 🎉 Unfortunately we
            # chose …") ends the first one, as a full stop would
            if _CAPITAL.search(prepared.plain):  # (none, a lone "I" aside: typed in lower case, as segment reads it)
                prepared.plain = _EMOJI_STOP.sub(lambda m: "." + " " * (len(m.group()) - 1), prepared.plain)
            else:
                prepared.plain = _EMOJI_STOP_LOWER.sub(
                    lambda m: m.group("word") + "." + " " * (len(m.group("emoji")) - 1), prepared.plain)
            prepared.plain = _EMOJI.sub(" ", prepared.plain)
    cut = find_quoted_reply(prepared.plain)
    if quote_at is not None and (cut is None or quote_at < cut):
        cut = quote_at
    if cut is not None:
        if prepared.plain[:cut].strip():
            if prepared.offsets is not None:
                prepared.plain_end = prepared.to_original(cut - 1, cut)[1]
                prepared.offsets = prepared.offsets[:cut]
            prepared.plain = prepared.plain[:cut]
            prepared.warnings.append("A quoted reply chain was found and ignored; only the new message was checked.")
        else:
            prepared.warnings.append("The text starts with a quoted reply chain; it was checked as it is.")

    spans = find_furniture(prepared.plain)
    if spans:
        rest = blank_spans(prepared.plain, spans)
        if rest.strip():
            prepared.plain = rest
            prepared.warnings.append("E-mail furniture (a mobile signature line, a confidentiality or legal "
                                     "notice, an external-sender banner) was ignored; it is not part of the message.")
        else:
            prepared.warnings.append("The text looks like e-mail furniture only (a mobile signature line, a legal "
                                     "notice, a banner), with no message; it was checked as it is.")
    warn = english_warning(prepared.plain)
    if warn:
        prepared.warnings.append(warn)
        prepared.english = warn is not _NOT_ENGLISH  # English mixed with another language is still read
    return prepared
