"""Readers: turn audit inputs (.mbox, .eml, CSV, JSON Lines, .html, .txt) into `Item`s.

Every input yields exactly one `Item`: either text to check, or an `error` saying why it
cannot be checked (a corrupt message, a broken CSV row, a JSON line that does not parse).
Nothing is dropped silently, and nothing is held in memory beyond the current message.

Ids: the input's own id where it has one (a CSV/JSONL id column, an e-mail's Message-ID),
otherwise a positional one (`file.csv:17`, `inbox.mbox#3`). `source` always says where the
input came from, positionally, so that an error row can be found again.
"""
from __future__ import annotations

import codecs
import contextlib
import errno
import csv
import email
import email.errors
import email.policy
import io
import json
import math
import os
import re
import shlex
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email.message import EmailMessage
from email.utils import getaddresses, parseaddr, parsedate_to_datetime
from itertools import chain, dropwhile, islice
from pathlib import Path
from typing import Iterator

from model.text import FORWARD_LABEL, OUTLOOK_HEADER, has_rejection_cue, looks_like_html, markup_words

MBOX_SUFFIXES = {".mbox", ".mbx"}
EML_SUFFIXES = {".eml"}
CSV_SUFFIXES = {".csv", ".tsv"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
JSON_SUFFIXES = {".json"}  # one JSON array of records (or an object holding one); JSON Lines named .json too
JSON_MAX_BYTES = 512 * 1024 * 1024  # a .json export is read whole: above this, it is to be converted to JSON Lines
HTML_SUFFIXES = {".html", ".htm"}
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an OLE2 compound file: Outlook's .msg, an old .doc or .xls
TEXT_SUFFIXES = {".txt"}
ALL_SUFFIXES = (MBOX_SUFFIXES | EML_SUFFIXES | CSV_SUFFIXES | JSONL_SUFFIXES | JSON_SUFFIXES | HTML_SUFFIXES
                | TEXT_SUFFIXES)

# A CSV record still open after this many physical lines, or bytes, is taken to be a stray quote (a
# message longer than that is past the checker's length limit anyway: text_too_long).
CSV_MAX_RECORD_LINES = 20_000
CSV_MAX_RECORD_BYTES = 2_000_000
# An export's real header row may stand under title lines ("Rejections, Q1 2025"): it is looked for down to this line
CSV_HEADER_MAX_LINE = 5
CSV_EARLY_LINES = 400  # an open record is parsed at each quoted line up to here (a stray quote is found early)
# The csv module's own field limit (131,072 characters) would turn a long cell into a parse error; a
# cell of any length is read, and the checker reports it as too long (text_too_long). Process-wide,
# and only ever raised. 2**31 - 1: the largest value every platform's C long holds.
CSV_FIELD_LIMIT = 2**31 - 1
# Delimiters a CSV header is sniffed for (a .tsv file is always tab-separated).
CSV_DELIMITERS = ",;\t|"
# A byte-order mark names a file's encoding whatever --encoding says (UTF-32 first: its LE mark
# starts with UTF-16's).
BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# An mbox separator line (the "From_" line): "From " then the envelope sender ("-" for Thunderbird,
# absent for some tools), then an asctime date, optionally with a zone before or after the year
# (Gmail's Takeout writes "Wed Jan 01 00:00:00 +0000 2020"). A body line that merely starts with
# "From " ("From our side, ...") is not one: Python's mailbox module splits there, and so did we.
_DAY = r"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)"
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
_ZONE = r"(?:[A-Z]{1,5}|[+-]\d{4})"
MBOX_FROM_LINE = re.compile(
    rf"From (?:\S+ +)?{_DAY},? +{_MONTH} +\d{{1,2}},? +\d{{1,2}}:\d{{2}}(?::\d{{2}})?"
    rf"(?: +{_ZONE})? +\d{{4}}(?: +{_ZONE})?[ \t]*\r?\n?\Z".encode("ascii"), re.I)
# Other tools write the date in RFC 2822 form ("From x Sat, 27 Apr 2024 10:00:00 +0000"): a "From "
# line with a time and a year counts too when a blank line comes before it (and a header after it).
# The envelope sender is an address, "-" or MAILER-DAEMON: "From 3 June 2024 at 9:00 our new team ..." is prose.
_ENVELOPE_SENDER = rb"(?:\S*@\S+|-|<[^>\s]*>|MAILER-DAEMON)"
# ... or any word followed by an RFC 2822 date ("From jsmith Sat, 27 Apr 2024 10:00:00 +0000").
_LOOSE_FROM_LINE = re.compile(rb"From " + _ENVELOPE_SENDER + rb" +.*?\b\d{1,2}:\d{2}(?::\d{2})?\b.*?\b(?:19|20)\d{2}\b.*\Z|"
                              rb"From " + _ENVELOPE_SENDER + rb" +.*?\b(?:19|20)\d{2}\b.*?\b\d{1,2}:\d{2}(?::\d{2})?\b.*\Z|"
                              rb"From \S+ +" + _DAY.encode() + rb",? +\d{1,2} +" + _MONTH.encode()
                              + rb" +(?:19|20)\d{2} +\d{1,2}:\d{2}.*\Z", re.S)
# What follows a separator line: a header field ("Name: value") or the blank line of a message
# without headers. A date-like "From " line followed by prose is body text.
_HEADER_LINE = re.compile(rb"[!-9;-~]+:|\r?\n\Z")
# After a date-like "From " line with no blank line before it, only a header every message has (not
# "Note:") opens a message: tools that write RFC 2822 dates do not always leave the blank line.
_MESSAGE_HEADER = re.compile(rb"(?i:from|to|subject|date|message-id|return-path|received|delivered-to|"
                             rb"mime-version|content-type|reply-to|sender|x-[\w-]+):[ \t]")
# A forwarded message written inline by the forwarder's client (Gmail, Thunderbird, Apple Mail).
# Not "-----Original Message-----": Outlook writes that above a quoted reply too.
FORWARD_MARKER = re.compile(r"^[ \t]*-{3,}[ \t]*" + FORWARD_LABEL + r"[ \t]*-*[ \t]*$"
                            r"|^[ \t]*(?:Begin forwarded message|Anfang der weitergeleiteten Nachricht|Début du message "
                            r"réexpédié|Inicio del mensaje reenviado|Inizio messaggio inoltrato|Início da mensagem "
                            r"reencaminhada|Begin doorgestuurd bericht)[ \t\u00a0]?:[ \t]*$", re.I | re.M)
# In a message whose subject says it forwards ("FW: Your application": Outlook, and the German, French, Spanish,
# Portuguese, Italian ("I:") and Dutch ("Doorst:") prefixes), Outlook's own marks open the forwarded message too: a
# rule of underscores, "-----Original Message-----", or its header block ("From: ..." then "Sent: <date>"). Elsewhere
# they open a quoted reply.
FORWARD_SUBJECT = re.compile(r"\s*(?:fwd?|wg|tr|rv|enc|i|doorst)\s*:", re.I)
OUTLOOK_FORWARD_MARKER = re.compile(r"^[ \t]*(?:_{10,}|-{3,}[ \t]*Original Message[ \t]*-{3,})[ \t]*$"
                                    r"|^(?=[ \t]*" + OUTLOOK_HEADER + ")", re.I | re.M)
# A forwarder's own note shorter than this many words ("FYI", "See below") is not what is audited:
# the forwarded message is.
FORWARD_NOTE_WORDS = 25
MAX_FORWARD_DEPTH = 5
# a header line of a message forwarded inline: "Subject: ...", and as a French, Spanish or Portuguese client writes it
# ("De : ...", "Envoyé : ...", "Enviado el: ...", "Enviada em: ..."); one field name, not a greeting ("Dear Ana:")
_FIELD_LINE = re.compile(r"[\w-]+(?:[ \t](?:el|em))?[ \t\u00a0]?:.*")
# A text attachment named as a letter to the candidate ("rejection.txt", "Absage Ana.txt", "reply_draft.txt"): read
# when it is the message's only text. A CV, notes or a log attached alone is not the message.
_LETTER_ATTACHMENT = re.compile(r"(?:reject|absage|refus|rechazo|letter|brief|lettre|carta|reply|response|antwort|"
                                r"r[ée]ponse|respuesta|decision|outcome|feedback|message|nachricht|e-?mail|"
                                r"application|candidat|bewerbung|draft|template)[^/\\]*\.te?xt\Z", re.I)
# An address line in an inline forward's header block, in English or the sender's client's language ("To: Ana Sato
# <ana@x>", "An:", "À :", "Para:"): its names are redacted as the message's own headers' are.
_ADDRESS_NAMES = r"from|to|cc|bcc|reply-to|von|an|de|à|pour|a|para|da|van|aan"
_ADDRESS_FIELD = re.compile(rf"(?:{_ADDRESS_NAMES})[ \t\u00a0]?:(.*)", re.I)
# ... and any header line's field name: a blank line between two of them in an inline forward's header block (an HTML
# body that sets each field in a block or a table row of its own) does not end the block
_HEADER_FIELD = re.compile(rf"(?:{_ADDRESS_NAMES}|date|sent|subject|gesendet|datum|betreff|envoyé|objet|sujet|"
                           r"enviad[oa](?:[ \t](?:el|em))?|fecha|asunto|assunto|inviato|data|oggetto|verzonden|onderwerp)"
                           r"[ \t\u00a0]?:", re.I)
# ... where Outlook writes an address after its name in brackets ("From: Dana Lee [mailto:dana@x]"): the name alone
_MAILTO = re.compile(r"\[mailto:[^\]\n]*\]", re.I)
# Outlook's "Last, First <addr>" left unquoted ("Cc: Sato, Ana <ana@x>"): read as an address list, "Sato" was an
# address of its own and only "Ana" a name; quoted, it is one name, as "\"Sato, Ana\" <ana@x>" is.
_LAST_FIRST = re.compile(r"(?:^|(?<=[,;>]))([ \t]*)([^\W\d_][\w'’.\-]*(?:[ \t]+[^\W\d_][\w'’.\-]*)*[ \t]*,"
                         r"[ \t]*[^\W\d_][^,;<>@\"\n]*?)[ \t]*<")
_BASE64_DEFECTS = (email.errors.InvalidBase64CharactersDefect, email.errors.InvalidBase64PaddingDefect,
                   email.errors.InvalidBase64LengthDefect)
# RFC 3676 signature separator ("-- "); many clients drop the trailing space.
_SIG_SEPARATOR = re.compile(r"^-- ?$")
_SIG_MAX_LINES = 15
# Control characters (C0 and C1, bar tab and newline) from an input are shown escaped, never raw,
# wherever an input's words reach a message, a CSV cell or the HTML report; so are bidi embeddings,
# overrides and isolates (U+202A-U+202E, U+2066-U+2069), which reorder how what follows them displays.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# A text body that is not valid in the character set it declares is read with the first of these
# it fits: mail clients often send Windows-1252 (Latin-1) text labelled utf-8, or with no label.
FALLBACK_CHARSETS = (("utf-8", "UTF-8"), ("cp1252", "Windows-1252 (Latin-1)"))
# 8-bit character sets (codec names) in which any bytes decode: UTF-8 text labelled with one of them reads as
# "ZoÃ«" without an error. Non-ASCII text that is valid UTF-8 is UTF-8 (in these sets it would be mojibake).
EIGHT_BIT_CHARSETS = frozenset({"iso8859-1", "iso8859-15", "cp1252", "iso8859-2", "cp1250"})
# The error for a file that yields no message at all, so that it is not lost silently.
NO_MESSAGES = {"mbox": "The mbox file holds no messages.",
               "csv": "The CSV file holds no rows (it is empty, or has a header only).",
               "jsonl": "The JSON Lines file holds no records (it is empty, or blank lines only).",
               "json": "The JSON file holds no records (an empty array)."}


@dataclass
class Columns:
    """Which CSV columns / JSON keys hold what."""

    text: str = "text"
    id: str = "id"
    date: str = "date"
    sender: str = "sender"

    def named(self) -> dict[str, str]:
        """The optional columns given a name other than their default, by option: a CSV header must
        have them (a default column may be absent; a column the user named is a typo if it is)."""
        defaults = Columns()
        return {f"--{key}-column": name for key in ("id", "date", "sender")
                if (name := getattr(self, key)) != getattr(defaults, key)}

    def matching(self, names: list[str]) -> Columns:
        """These columns for a header (or a record's keys) `names`: a default name that `names` lacks is the
        one name that differs from it only in case or spaces ('ID', 'Text', ' Date'); a column named by an
        option is taken as typed."""
        defaults, present, found = Columns(), set(names), {}
        for key in ("text", "id", "date", "sender"):
            name = getattr(self, key)
            if name == getattr(defaults, key) and name not in present:
                same = [n for n in names if isinstance(n, str) and n.strip().lower() == name]
                name = same[0] if len(same) == 1 else name
            found[key] = name
        return Columns(**found)


@dataclass
class Item:
    """One audit input: text to check, or the reason it cannot be checked."""

    id: str
    source: str
    text: str | None = None
    error_code: str | None = None
    error: str | None = None
    date: str | None = None            # ISO 8601 when it could be parsed, else None
    sender: str | None = None
    names: tuple[str, ...] = ()         # names from headers, for redaction in reports
    id_column: bool = False             # the id is a CSV/JSON record's id cell: reports mask its addresses
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.error is None


class UsageError(ValueError):
    """A path given to the audit cannot be read as an input (missing, unknown type)."""


# ---- discovery -------------------------------------------------------------------------------
def input_kind(path: Path) -> str | None:
    name = path.name.lower()
    for kind, suffixes in (("mbox", MBOX_SUFFIXES), ("eml", EML_SUFFIXES), ("csv", CSV_SUFFIXES),
                           ("jsonl", JSONL_SUFFIXES), ("json", JSON_SUFFIXES), ("html", HTML_SUFFIXES),
                           ("text", TEXT_SUFFIXES)):
        if any(name.endswith(s) for s in suffixes):
            return kind
    if name == "mbox":
        return "mbox"
    return None


def discover(paths: list[Path], skipped: Counter | None = None) -> list[tuple[Path, str]]:
    """Input files under `paths`, in a stable order, with their kind.

    A file named explicitly must be of a known kind. Inside folders, files of other kinds (folders
    of .eml files often hold other things too), FIFOs, devices and links to folders are skipped and
    counted in `skipped` by what they are, for the run's summary; hidden files and folders (a name
    starting with ".") are skipped without notice. A folder that cannot be read, and a broken link
    named like an input, are listed with the kind "unreadable" (they become error rows).
    """
    found: list[tuple[Path, str]] = []
    skipped = skipped if skipped is not None else Counter()
    for p in paths:
        if str(p) == "-":
            raise UsageError("audit reads files, not standard input; save the messages to a file first.")
        if not p.exists():
            raise UsageError(f"No such file or folder: {p}")
        if p.is_dir():
            found.extend(_scan_folder(p, skipped))
            continue
        kind = input_kind(p)
        if kind is None:
            raise UsageError(f"Don't know how to read {p}: expected .mbox, .eml, .csv, .jsonl, .json, .html or .txt."
                             + _UNREAD_HINTS.get(p.name.lower(), _UNREAD_HINTS.get(p.suffix.lower(), "")))
        if not p.is_file():
            raise UsageError(f"{p} is not a regular file (a FIFO or a device); save the messages to a file first.")
        found.append((p, kind))
    # one file reached twice (a link beside its target, a file named and inside a named folder) is read
    # once: twice would double its rows, and --resume could not tell the two apart
    seen: set[str] = set()
    unique: list[tuple[Path, str]] = []
    for f, kind in found:
        try:
            key = str(f.resolve()) if kind != "unreadable" else str(f.absolute())
        except (OSError, RuntimeError):
            key = str(f.absolute())
        if key in seen:
            skipped["file reached twice (a link, or named twice)"] += 1
            continue
        seen.add(key)
        unique.append((f, kind))
    return unique


# What to do with an Outlook file named on the command line (by its name, else its extension).
_UNREAD_HINTS = {".msg": " An Outlook .msg file is not read: save the messages as .eml or an .mbox.",
                 "winmail.dat": " winmail.dat is an attachment Outlook adds (TNEF), not a message: audit the e-mail it "
                                "came with."}


def _is_audit_output(path: Path, kind: str) -> bool:
    """Whether a file found in a folder is an earlier audit's rows (JSON Lines or CSV written by
    `rejectcheck audit`): its first row names the columns only this tool writes."""
    if kind not in ("jsonl", "json", "csv", "html"):
        return False
    try:
        with open(path, "rb") as f:
            head = f.readline(1 << 20) if kind != "html" else f.read(4096)
    except OSError:
        return False
    if kind == "html":  # the audit's HTML report names its generator in its head
        return b'<meta name="generator" content="rejectcheck audit">' in head
    if kind in ("jsonl", "json"):  # (an audit's rows named .json are JSON Lines)
        if not head.startswith(b'{"id": '):
            return False
        try:
            row = json.loads(head)
        except ValueError:
            return False
        return isinstance(row, dict) and {"id", "source", "status", "profile", "redacted"} <= set(row)
    return head.rstrip(b"\r\n").split(b",")[:3] == [b"id", b"source", b"status"] and all(
        k in head for k in (b"profile", b"redacted", b"model_version"))


def _scan_folder(root: Path, skipped: Counter) -> list[tuple[Path, str]]:
    found: list[tuple[Path, str]] = []

    def unreadable(exc: OSError) -> None:  # os.walk's report of a folder it cannot list
        found.append((Path(exc.filename or root), "unreadable"))

    for folder, dirs, files in os.walk(root, onerror=unreadable):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for d in list(dirs):
            if os.path.islink(os.path.join(folder, d)):
                dirs.remove(d)            # not followed: a link can lead out of the folder, or in a loop
                skipped["link to a folder"] += 1
        for name in files:
            if name.startswith("."):
                continue
            f = Path(folder, name)
            kind = input_kind(f)
            if f.is_file():
                if kind is None:
                    skipped[f.suffix.lower() or "no extension"] += 1
                elif _is_audit_output(f, kind):
                    skipped["earlier audit output"] += 1
                else:
                    found.append((f, kind))
            elif not f.exists() and kind is not None:   # a broken link named like an input
                found.append((f, "unreadable"))
            elif not f.exists():
                skipped["broken link"] += 1
            else:
                skipped["FIFO, socket or device"] += 1
    return sorted(found)


def describe_skipped(skipped: Counter) -> str | None:
    """The summary's note on what a folder scan skipped, or None."""
    n = sum(skipped.values())
    if not n:
        return None
    kinds = ", ".join(f"{printable(k)}: {v}" for k, v in sorted(skipped.items(), key=lambda kv: (-kv[1], kv[0])))
    what = "of unsupported types " if not set(skipped) & _NOT_A_TYPE else ""
    return f"Skipped {n:,} file{'s' if n != 1 else ''} {what}({kinds})."


_NOT_A_TYPE = frozenset({"file reached twice (a link, or named twice)", "earlier audit output"})


def check_encoding(encoding: str) -> str:
    """`encoding`, if Python knows it; else a UsageError."""
    try:
        codecs.lookup(encoding)
    except LookupError as exc:
        raise UsageError(f"Unknown encoding {encoding!r} (try utf-8, cp1252, latin-1 or utf-16).") from exc
    return encoding


def count_inputs(files: list[tuple[Path, str]], columns: Columns, encoding: str = "utf-8") -> int:
    """How many items `iter_items` will yield (for the progress bar); a cheap pre-pass."""
    total = 0
    for path, kind in files:
        n = 1
        kind = content_kind(path, kind, columns, encoding)
        try:
            if kind == "mbox":
                n = sum(1 for _ in _mbox_chunks(path, keep=False))
            elif kind == "csv":
                n = sum(1 for _ in read_csv(path, columns, encoding))
            elif kind == "jsonl":
                with open(path, "rb") as f:
                    n = 1 if _jsonl_not_text(f, encoding) else sum(1 for line in f if line.strip())
            elif kind == "json":
                n = sum(1 for _ in read_json(path, columns, encoding))
        except (OSError, UnicodeError, ValueError, RecursionError):
            pass  # iter_items turns the same problem into an error row
        total += max(n, 1)  # a file with no message yields one error item
    return total


def iter_items(files: list[tuple[Path, str]], columns: Columns, encoding: str = "utf-8") -> Iterator[Item]:
    """Every input of every file, in order; one Item each, errors included (and one error item for
    a file that holds no message, a folder that cannot be read, a broken link)."""
    for path, kind in files:
        if kind == "unreadable":
            yield _unreadable_item(path)
            continue
        kind = content_kind(path, kind, columns, encoding)
        reader = {"mbox": read_mbox, "eml": read_eml, "csv": read_csv, "jsonl": read_jsonl, "json": read_json,
                  "html": read_plain_file, "text": read_plain_file}[kind]
        n = 0
        try:
            for n, item in enumerate(reader(path, columns, encoding), start=1):
                yield item
        except OSError as exc:
            yield Item(id=path.name, source=str(path), error_code="unreadable_file",
                       error=f"Cannot read the file: {exc.strerror or exc.__class__.__name__}.")
            continue
        except UnicodeDecodeError as exc:  # a UTF-16 file (read as text) broken part-way
            yield Item(id=path.name, source=str(path), error_code="invalid_input",
                       error=f"The rest of the file is not valid {exc.encoding} text.")
            continue
        except UnicodeError as exc:  # --encoding utf-16 on a file without a byte-order mark
            yield Item(id=path.name, source=str(path), error_code="invalid_input",
                       error=f"The file cannot be read as {encoding}: {exc}. A UTF-16 file without a byte-order "
                             "mark needs --encoding utf-16-le (or utf-16-be).")
            continue
        if n == 0:
            yield Item(id=path.name, source=str(path), error_code="empty_file",
                       error=NO_MESSAGES.get(kind, "The file holds no messages."))


def _unreadable_item(path: Path) -> Item:
    item = Item(id=path.name, source=str(path), error_code="unreadable_file")
    if path.is_symlink() and not path.exists():
        try:
            os.stat(path)
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                item.error = "The file is a link in a loop of links: it leads to no file."
                return item
        item.error = "The file is a broken link: what it points to does not exist."
        return item
    try:
        with os.scandir(path):  # what os.walk could not do
            item.error = "Cannot read the folder."
    except OSError as exc:
        item.error = f"Cannot read the folder: {exc.strerror or exc.__class__.__name__}."
    return item


# ---- shared helpers ----------------------------------------------------------------------------
def printable(text: str) -> str:
    """`text` with its control characters escaped as Python writes them (NUL as \\x00)."""
    return _CONTROL.sub(lambda m: repr(m.group())[1:-1], text)


def strip_signature(text: str) -> tuple[str, bool]:
    """Cut a trailing signature introduced by the standard '-- ' separator line."""
    lines = text.split("\n")
    for i in range(len(lines) - 1, -1, -1):
        if _SIG_SEPARATOR.match(lines[i].rstrip("\r")):
            if len(lines) - i - 1 <= _SIG_MAX_LINES and "\n".join(lines[:i]).strip():
                return "\n".join(lines[:i]).rstrip() + "\n", True
            break
    return text, False


def finish_text(item: Item) -> Item:
    """Apply the audit's own clean-up (signature removal) to an item's text."""
    if item.text is not None:
        try:
            item.text.encode("utf-8")
        except UnicodeEncodeError:
            item.text, item.error_code, item.error = None, "invalid_input", "The text contains invalid Unicode."
            return item
        item.text, cut = strip_signature(item.text)
        if cut:
            item.warnings.append("A signature block after a '-- ' line was removed before checking.")
        elif _only_a_signature(item.text):
            item.text, item.error_code = None, "empty_message"
            item.error = "The message holds only a signature (the lines below a '-- ' line); there is no text to check."
    return item


def _only_a_signature(text: str) -> bool:
    """Whether `text` is a signature block alone: a '-- ' line first, then a few lines that turn nobody down."""
    lines = text.strip().split("\n")
    return (_SIG_SEPARATOR.match(lines[0].rstrip("\r")) is not None and len(lines) - 1 <= _SIG_MAX_LINES
            and not has_rejection_cue("\n".join(lines[1:])))


def unix_time(value) -> datetime | None:
    """The UTC time a Unix timestamp in seconds or milliseconds names (a JSON number, or a cell of 10 or 13
    digits), when it falls in 2001-2286; else None (a year, 2024, is no timestamp)."""
    if isinstance(value, str) and _UNIX_DIGITS.fullmatch(value.strip()):
        value = int(value.strip())
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        return None
    for scale in (1, 1000):
        if UNIX_SECONDS[0] * scale <= value < UNIX_SECONDS[1] * scale:
            return datetime.fromtimestamp(value / scale, tz=timezone.utc)
    return None


def parse_date(value) -> str | None:
    """ISO 8601 (UTC when zoned) for ISO or RFC 2822 dates and Unix timestamps; None when it cannot be parsed."""
    if value is None:
        return None
    s = str(value).strip()
    if not s:
        return None
    dt: datetime | None = unix_time(value)
    if dt is not None:
        return dt.replace(tzinfo=None).isoformat(timespec="seconds")
    try:
        dt = datetime.fromisoformat(s.replace("Z", "+00:00"))
    except ValueError:
        # before RFC 2822's parser, which reads "May 14, 2024 10:00 PM" as 10:00
        dt = _timed_date(s)
        try:
            dt = dt or parsedate_to_datetime(s)
        except (TypeError, ValueError, IndexError):
            for fmt in (*_DAY_FORMATS, "%Y-%m"):
                try:
                    dt = datetime.strptime(s, fmt)
                    break
                except ValueError:
                    continue
    if dt is None:
        m = _SLASHED_DATE.fullmatch(s)
        if m:  # "25/02/2024" is day first and "02/25/2024" month first; "01/02/2024" could be either
            a, b, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
            y += 2000 if y < 100 else 0
            day_month = (a, b) if a > 12 >= b else (b, a) if b > 12 >= a else None
            if day_month:
                with contextlib.suppress(ValueError):
                    dt = datetime(y, day_month[1], day_month[0], *_clock(m))
    if dt is None:
        return None
    if dt.tzinfo is not None:
        dt = dt.astimezone(timezone.utc).replace(tzinfo=None)
    return dt.isoformat(timespec="seconds")


# a spreadsheet's date, day or month first, and its time if it has one ("14.05.2024 09:30", "5/14/2024 10:00 AM")
_SLASHED_DATE = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})"
                           r"(?:,?[ T]+(?P<h>\d{1,2}):(?P<min>\d{2})(?::(?P<s>\d{2}))?(?: ?(?P<ampm>[AaPp]\.?[Mm]\.?))?)?")


# a date strptime reads with no time ("2024/05/14", "May 14, 2024", Outlook's "Tuesday, May 14, 2024") ...
_DAY_FORMATS = ("%Y/%m/%d", "%Y-%m-%d", "%d %b %Y", "%d %B %Y", "%d-%b-%Y", "%b %d, %Y", "%B %d, %Y", "%A, %B %d, %Y")
# ... and a time after it, 12-hour or 24 ("2024/05/14 10:00 PM", "May 14, 2024, 10:00 p.m.", "14 May 2024 22:00")
_TIMED_DATE = re.compile(r"(?P<day>.*?\d),?[ T]+(?P<h>\d{1,2}):(?P<min>\d{2})(?::(?P<s>\d{2}))?"
                         r"(?: ?(?P<ampm>[AaPp]\.?[Mm]\.?))?")


def _timed_date(s: str) -> datetime | None:
    """A date of `_DAY_FORMATS` with a time after it (a 12-hour one from 1 to 12 o'clock), else None."""
    m = _TIMED_DATE.fullmatch(s)
    if not m or (m["ampm"] and not 1 <= int(m["h"]) <= 12):
        return None
    for fmt in _DAY_FORMATS:
        with contextlib.suppress(ValueError):
            hour, minute, second = _clock(m)
            return datetime.strptime(m["day"], fmt).replace(hour=hour, minute=minute, second=second)
    return None


def _clock(m: re.Match) -> tuple[int, int, int]:
    """(hour, minute, second) of a `_SLASHED_DATE` match (midnight when it has no time; 12 AM is 0, 1 PM 13)."""
    hour = int(m["h"] or 0)
    if m["ampm"]:
        hour = hour % 12 + (12 if m["ampm"][0] in "Pp" else 0)
    return hour, int(m["min"] or 0), int(m["s"] or 0)
# An HTML file's declared character set (<meta charset="…">, or http-equiv's content="text/html; charset=…"),
# looked for where browsers look: near the start.
_META_CHARSET = re.compile(rb"<meta\b[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9._:-]{1,40})", re.I)
HTML_META_BYTES = 4096
_UNIX_DIGITS = re.compile(r"\d{10}|\d{13}")
UNIX_SECONDS = (1_000_000_000, 10_000_000_000)  # 2001-09-09 to 2286-11-20, in seconds


def date_warning(value) -> str | None:
    """Why a date given in the input is not in the row, or None when it is (or none was given)."""
    if value is None or not str(value).strip() or parse_date(value) is not None:
        return None
    shown = printable(str(value).strip()[:40])
    m = _SLASHED_DATE.fullmatch(str(value).strip())
    if m and int(m.group(1)) <= 12 and int(m.group(2)) <= 12:
        return f"The date {shown!r} could be day/month or month/day; the row has no date (give it as YYYY-MM-DD)."
    return f"The date {shown!r} could not be read; the row has no date."


# ---- e-mail ------------------------------------------------------------------------------------
def _is_attachment(part) -> bool:
    disposition = (part.get("Content-Disposition") or "").lower()
    return disposition.startswith("attachment") or bool(part.get_filename())


_STILL_BASE64 = re.compile(r"[A-Za-z0-9+/=\s]+")


class UndecodableBody(ValueError):
    """A text part whose body cannot be turned into text at all."""


def _decode_text(part) -> tuple[str, str | None]:
    """(text, warning) of a text part: in the character set it declares (UTF-8 if it is valid UTF-8 labelled with an
    8-bit set, with a warning), else in the first fallback character set it is valid in (with a warning), else with
    the bytes that fit none replaced. A
    character set nobody knows ('unknown-8bit', a typo) is read in the first fallback character set the body is
    valid in; otherwise LookupError."""
    try:
        text, warning = part.get_content(errors="strict"), None
        utf8 = _utf8_in_eight_bit(part)
        if utf8 is not None:
            declared = printable(str(part.get_content_charset()))
            text = utf8
            warning = f"The message body is UTF-8 text, not {declared} as it declares; it was read as UTF-8."
    except UnicodeDecodeError:
        text, warning = _decode_fallback(part)
    except LookupError:
        read = _in_fallback_charset(part.get_payload(decode=True) or b"")
        if read is None:
            raise LookupError(part.get_content_charset()) from None
        text, label = read
        warning = (f"The message declares an unknown character set ({printable(str(part.get_content_charset()))}); "
                   f"it was read as {label}.")
    if any(isinstance(d, _BASE64_DEFECTS) for d in part.defects):
        if _STILL_BASE64.fullmatch(text or "") and len(text) > 40:  # cut off: nothing of it decodes to words
            raise UndecodableBody("The message body is base64 that does not decode (the message looks cut "
                                  "off); there is no text to check.")
        note = "The message body is not valid base64 (as its Content-Transfer-Encoding says); it was read as it stands."
        warning = f"{warning} {note}" if warning else note
    return text, warning


def _utf8_in_eight_bit(part) -> str | None:
    """The text of a text part labelled with an 8-bit character set whose non-ASCII bytes are valid UTF-8, else None."""
    try:
        if codecs.lookup(part.get_content_charset() or "").name not in EIGHT_BIT_CHARSETS:
            return None
    except LookupError:
        return None
    raw = part.get_payload(decode=True) or b""
    if raw.isascii():
        return None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _decode_fallback(part) -> tuple[str, str]:
    declared = part.get_content_charset()
    mismatch = (f"The message body is not valid {printable(declared)}, the character set it declares"
                if declared else "The message body is not ASCII and declares no character set")
    read = _in_fallback_charset(part.get_payload(decode=True) or b"")
    if read is not None:
        return read[0], f"{mismatch}; it was read as {read[1]}."
    return part.get_content(), f"{mismatch}; characters that could not be decoded were replaced."


def _in_fallback_charset(raw: bytes) -> tuple[str, str] | None:
    """(text, the character set's label) of `raw` in the first of FALLBACK_CHARSETS it is valid in, else None."""
    for codec, label in FALLBACK_CHARSETS:
        try:
            return raw.decode(codec), label
        except UnicodeDecodeError:
            continue
    return None


def _own_parts(part) -> Iterator:
    """`part` and its sub-parts, not descending into a forwarded message (message/rfc822): its
    parts are its own."""
    yield part
    if part.get_content_type() != "message/rfc822" and part.is_multipart():
        for sub in part.iter_parts():
            yield from _own_parts(sub)


def _part_text(part) -> tuple[str | None, str | None]:
    """(text, warning) of one text part, or (None, reason)."""
    try:
        body, warning = _decode_text(part)
    except LookupError:
        return None, f"The message declares an unknown character set ({printable(str(part.get_content_charset()))})."
    except UndecodableBody as exc:
        return None, str(exc)
    except (ValueError, UnicodeError, AssertionError) as exc:
        return None, f"The message body cannot be decoded ({exc.__class__.__name__})."
    if isinstance(body, bytes):
        return None, "The message body is binary, not text."
    return body.replace("\r\n", "\n"), warning


def email_body(msg: EmailMessage, header_lines: list[str] | None = None) -> tuple[str | None, str | None]:
    """(body text, warning or None), or (None, reason). Prefers text/plain, else (or when the plain
    part is empty) text/html; skips attachments, bar a text/plain one named as a letter that is the message's only
    text. A message that forwards another one with at most a short note ("FYI") gives the forwarded message's body,
    with a warning (and the header lines of one forwarded inline added to `header_lines`)."""
    plain, html, forwarded, attached_text = None, None, None, []
    for part in _own_parts(msg):
        ctype = part.get_content_type()
        if ctype == "message/rfc822" and part is not msg:
            forwarded = forwarded if forwarded is not None else part
            continue
        if part.is_multipart():
            continue
        if _is_attachment(part):
            if ctype == "text/plain":
                attached_text.append(part)
            continue
        if ctype == "text/plain" and plain is None:
            plain = part
        elif ctype == "text/html" and html is None:
            html = part
    body, note = None, None
    if (plain is None and html is None and forwarded is None and len(attached_text) == 1
            and _LETTER_ATTACHMENT.search(attached_text[0].get_filename() or "")):
        # a letter sent as the message's only text, in an attachment ("rejection.txt"; not "cv.txt")
        plain = attached_text[0]
        note = (f"The message has no text body; its only text, the attachment '{printable(plain.get_filename())}', "
                "was checked.")
    if plain is not None:  # not `plain or html`: a part with no headers is falsy
        body, part_note = _part_text(plain)
        note = part_note if body is None else _join_notes(note, part_note)
    if html is not None and (plain is None or body is None or not body.strip()):
        body, note = _part_text(html)
        if plain is not None and body is not None:
            note = "The message's plain-text part is empty; its HTML part was checked."
    elif html is not None and _is_short_note(body):
        # a placeholder ("This message is best viewed in HTML") beside the HTML part that turns the candidate down
        html_body, html_note = _part_text(html)
        if html_body is not None and has_rejection_cue(markup_words(html_body)):
            body, note = html_body, _join_notes("The message's plain-text part is only a short placeholder without "
                                                "the HTML part's words; its HTML part was checked.", html_note)
    elif html is not None:
        html_body, _ = _part_text(html)
        if html_body is not None and _says_other_words(body, markup_words(html_body)):
            note = _join_notes(note, PARTS_DIFFER)
    if forwarded is not None and (body is None or _is_short_note(body)):
        inner = forwarded.get_payload(0) if forwarded.is_multipart() else None
        if inner is not None:
            fwd_body, fwd_note = email_body(inner, header_lines)
            if fwd_body is not None:
                return fwd_body, _join_notes(FORWARD_WARNING, fwd_note)
    if body is None and note is None:
        parts = list(_own_parts(msg))
        if any(p.get_content_type() == "application/ms-tnef" or (p.get_filename() or "").lower() == "winmail.dat"
               for p in parts):
            return None, ("The message's text is in a winmail.dat attachment (Outlook's rich-text TNEF format), which "
                          "is not read: there is no plain-text or HTML body to check.")
        if any(p.get_content_type() == "text/calendar" for p in parts):
            return None, "The message is a calendar invitation, with no text body to check."
        if msg.is_multipart() or _is_attachment(msg):
            return None, "The message has no text body (only attachments or other parts)."
        return None, f"The message body is {printable(msg.get_content_type())}, not text."
    if body is not None:
        outlook = FORWARD_SUBJECT.match(_header(msg, "Subject")) is not None
        # an HTML body forwards under the same marks in its text ("<p>FYI</p><hr><p><b>From:</b> ...")
        words = markup_words(body) if looks_like_html(body) else body
        unwrapped, forward_note = inline_forward(words, outlook, header_lines)
        if forward_note is not None:
            body = unwrapped
        note = _join_notes(forward_note, note)
    return body, note


FORWARD_WARNING = "The message forwards another message; the forwarded message was checked, not the forwarder's note."
PARTS_DIFFER = ("The message's plain-text and HTML parts differ (much of the plain text is not in the HTML part); the "
                "plain-text part was checked, though most mail clients show the HTML one.")
PARTS_DIFFER_SHARE = 0.3  # this share of the plain part's words missing from the HTML part: the parts differ
# what a client writes into a plain-text part for a link or an image, which the HTML part's text does not hold
_LINK_OR_IMAGE = re.compile(r"<[^<>\s]*>|\bhttps?://\S+|\[[^\]\n]{0,80}\]")
_LONG_WORD = re.compile(r"[^\W\d_]{3,}")


def _says_other_words(plain: str, html_words: str) -> bool:
    """Whether a plain-text part says other things than its HTML alternative (an old draft beside the sent text): a
    share of its words of three or more letters, links and image labels aside, is not in the HTML part's text."""
    words = {w.lower() for w in _LONG_WORD.findall(_LINK_OR_IMAGE.sub(" ", plain))}
    if len(words) < 5:
        return False
    missing = words.difference(w.lower() for w in _LONG_WORD.findall(html_words))
    return len(missing) >= PARTS_DIFFER_SHARE * len(words)


def _join_notes(*notes: str | None) -> str | None:
    """The notes in one warning, each once (a forward of a forward says it forwards once)."""
    return " ".join(dict.fromkeys(n for n in notes if n)) or None


def _is_short_note(text: str) -> bool:
    """A forwarder's note ("FYI", "See below"): short, and not itself a rejection ("Sorry, we have decided
    not to move forward." above a forwarded job description is the message to check)."""
    return len(text.split()) <= FORWARD_NOTE_WORDS and not has_rejection_cue(text)


def inline_forward(body: str, outlook: bool = False,
                   header_lines: list[str] | None = None) -> tuple[str, str | None]:
    """(text to check, warning or None) for a body that forwards a message inline under a marker
    line ("---------- Forwarded message ---------"; with `outlook`, for a message whose subject says it forwards,
    Outlook's marks too): with at most a short note above the marker, the forwarded message (its header lines
    dropped, and added to `header_lines`) is what is checked."""
    warning = None
    for _ in range(MAX_FORWARD_DEPTH):  # a forward of a forward: "FYI" above "see below" above the rejection
        m = FORWARD_MARKER.search(body) or (OUTLOOK_FORWARD_MARKER.search(body) if outlook else None)
        if m is None or not _is_short_note(body[:m.start()]):
            break
        lines = body[m.end():].lstrip("\r\n").split("\n")
        i = 0
        while i < len(lines):
            if _FIELD_LINE.fullmatch(lines[i].strip()):
                i += 1
                continue
            j = i
            while j < len(lines) and not lines[j].strip():
                j += 1
            if not (j > i and j < len(lines) and _HEADER_FIELD.match(lines[j].strip())):
                break
            i = j  # a blank line (or spaces) above or inside the header block, the next field under it
        forwarded = "\n".join(lines[i:]).strip("\n")
        if not forwarded.strip():
            break
        if header_lines is not None:
            header_lines += lines[:i]
        body, warning = forwarded + "\n", FORWARD_WARNING
    return body, warning


def _header(msg, name: str) -> str:
    try:
        return str(msg.get(name, "") or "")
    except Exception:  # noqa: BLE001 - a malformed header must not stop the run
        return ""


def _raw_header(msg, name: str) -> str:
    """A header as its sender wrote it: raw 8-bit bytes ("From: Jos\\xe9 <...>", no RFC 2047 encoding)
    decoded as UTF-8 if they are valid UTF-8, else in the message's charset or Latin-1, instead of
    the parser's U+FFFD, so that the name it holds is found in the body ("José")."""
    try:
        raw = next((v for k, v in msg.raw_items() if k.lower() == name.lower()), None)
    except Exception:  # noqa: BLE001 - a malformed header must not stop the run
        raw = None
    if not isinstance(raw, str) or not any("\udc80" <= c <= "\udcff" for c in raw):
        return _header(msg, name)
    data = raw.encode("utf-8", "surrogateescape")
    for charset in ("utf-8", msg.get_content_charset() or "", "cp1252", "latin-1"):
        try:
            return " ".join(data.decode(charset).split())
        except (LookupError, UnicodeDecodeError):
            continue
    return _header(msg, name)


def _inline_header_names(lines: list[str]) -> tuple[str, ...]:
    """The names on an inline forward's address lines ("To: Ana Sato <ana@x>", "To: 'Sato, Ana'; Dana Lee")."""
    names = []
    for line in lines:
        m = _ADDRESS_FIELD.fullmatch(line.strip())
        for entry in (_MAILTO.sub("", m.group(1)).split(";") if m else ()):
            if "@" in entry:
                names += [display.strip().strip("\"'") for display, _addr in _addresses(entry)]
            else:  # Outlook writes a name alone ("To: Ana Sato")
                names.append(entry.strip().strip("\"'"))
    return tuple(dict.fromkeys(n for n in names if n and "@" not in n))


def _addresses(value: str) -> list[tuple[str, str]]:
    """(name, address) pairs of an address line, an unquoted "Last, First <addr>" read as one name."""
    return getaddresses([_LAST_FIRST.sub(r'\1"\2" <', value)])


def _header_names(msg) -> tuple[str, ...]:
    names = []
    for header in ("To", "Cc", "Bcc", "From", "Reply-To"):  # Bcc: a sent copy keeps it (bulk rejections)
        value = _raw_header(msg, header)
        if not value:
            continue
        for display, _addr in _addresses(value):
            display = display.strip().strip('"')
            if display and "@" not in display:
                names.append(display)
    return tuple(dict.fromkeys(names))


def item_from_email(raw: bytes, default_id: str, source: str) -> Item:
    # a UTF-8 byte-order mark (some Windows tools write one) would make the headers body text
    raw = raw.removeprefix(codecs.BOM_UTF8)
    try:
        msg = email.message_from_bytes(raw, policy=email.policy.default)
    except Exception as exc:  # noqa: BLE001 - the e-mail parser is lenient; anything left is corrupt
        return Item(id=default_id, source=source, error_code="corrupt_message",
                    error=f"The message cannot be parsed ({exc.__class__.__name__}).")
    message_id = _header(msg, "Message-ID").strip().strip("<>").strip()
    item = Item(id=message_id or default_id, source=source)
    item.date = parse_date(_header(msg, "Date") or None)
    sender = parseaddr(_header(msg, "From"))
    item.sender = sender[1] or sender[0] or None
    # and a forwarded message's own (message/rfc822 parts, at any depth): its candidate is named there
    item.names = tuple(dict.fromkeys(n for part in msg.walk() for n in _header_names(part)))
    if not raw.strip():
        item.error_code, item.error = "empty_message", "The message is empty."
        return item
    forwarded_headers: list[str] = []
    body, note = email_body(msg, forwarded_headers)
    item.names = tuple(dict.fromkeys(item.names + _inline_header_names(forwarded_headers)))
    if body is None:
        item.error_code, item.error = "no_text_body", note
        return item
    if not body.strip():  # headers and nothing under them: the e-mail, not the checker's input, is empty
        item.error_code, item.error = "empty_message", "The message has headers but no body text."
        return item
    if _is_auto_reply(msg) and not has_rejection_cue(body):
        item.error_code, item.error = "auto_reply", ("The message is an automatic reply (an out-of-office note, as its "
                                                     "headers say), not one the team wrote; it was not checked.")
        return item
    item.text = body
    if note:
        item.warnings.append(note)
    cut = _truncation(msg)
    if cut:
        item.warnings.append(cut)
    return finish_text(item)


def _is_auto_reply(msg) -> bool:
    """Whether the message's headers mark it an automatic reply (RFC 3834 'Auto-Submitted: auto-replied', or the
    X-Autoreply / X-Autorespond headers of other responders). Not 'auto-generated': an ATS sends its rejections so."""
    return (_header(msg, "Auto-Submitted").strip().lower().startswith("auto-replied")
            or _header(msg, "X-Autoreply").strip().lower() == "yes" or bool(_header(msg, "X-Autorespond").strip()))


def _truncation(msg) -> str | None:
    """A warning when the parser saw the message end early: a multipart part never closed, or the
    file ending inside the headers."""
    defects = [d for part in msg.walk() for d in part.defects]
    if any(isinstance(d, (email.errors.CloseBoundaryNotFoundDefect, email.errors.StartBoundaryNotFoundDefect))
           for d in defects):
        return "The message looks cut off (a MIME part is never closed); what it holds was checked."
    if (len(msg.keys()) and any(isinstance(d, email.errors.MissingHeaderBodySeparatorDefect) for d in msg.defects)
            and _HEADER_FRAGMENT.match(msg.get_payload() if not msg.is_multipart() else "")):
        # headers, then a line that is no header ("Content-Ty"): the file ends in the middle of them
        return "The message looks cut off in its headers; what follows them was checked."
    return None


_HEADER_FRAGMENT = re.compile(r"\s*[\w-]{1,40}:?\s*\Z")


def is_from_line(line: bytes) -> bool:
    """Whether `line` is an mbox separator ("From sender@x Mon Jan  1 00:00:00 2024")."""
    return line.startswith(b"From ") and MBOX_FROM_LINE.match(line) is not None


def _mbox_chunks(path: Path, keep: bool = True) -> Iterator[bytes]:
    """Raw messages of an mbox file, one at a time (b"" each unless `keep`, for counting).

    A message opens at a separator line: the file's first line starting "From ", or a From_ line
    with a date (`is_from_line`, or an RFC 2822 date) that is followed by a header line (after an
    RFC 2822-dated line with no blank line before it, by a header every message has). Anything else,
    "From our side, ..." included, is body text; ">From " lines are un-escaped (mboxrd).
    """
    buf: list[bytes] = []
    started = False
    candidate: bytes | None = None   # a From_ line waiting for the line after it
    after_blank = False

    strict = False  # the waiting From_ line had no blank line before it

    def separator_follows(line: bytes) -> bool:
        return (_MESSAGE_HEADER if strict else _HEADER_LINE).match(line) is not None

    with open(path, "rb") as f:
        for n, line in enumerate(_lf_lines(f)):
            if n == 0:
                line = line.removeprefix(codecs.BOM_UTF8)  # before the first From_ line (a Windows tool's mark)
            if candidate is not None:
                if separator_follows(line):
                    yield b"".join(buf)
                    buf = []
                else:
                    buf.append(candidate)
                candidate = None
            if not started:
                if line.startswith(b"From "):
                    started = True
                    continue
                if not line.strip():
                    continue
                started = True  # text before the first separator: treat it as a message
            elif is_from_line(line) or (line.startswith(b"From ") and len(line) < 300 and _LOOSE_FROM_LINE.match(line)):
                strict = not after_blank and not is_from_line(line)
                candidate = line
                after_blank = False
                continue
            after_blank = not line.strip()
            if line.startswith(b">From ") or line.startswith(b">>From "):
                line = line[1:]  # mboxrd un-escaping
            if keep:
                buf.append(line)
    if candidate is not None:  # a separator with nothing after it: keep the text as body text
        buf.append(candidate)
    if started:
        yield b"".join(buf)


def _lf_lines(f) -> Iterator[bytes]:
    """The lines of a binary file, each ending in LF: those of a file whose lines end in CR alone (a classic Mac
    mailbox) end in LF instead, so that its From_ lines and blank lines are found."""
    head = f.read(1 << 16)
    f.seek(0)
    if not (b"\r" in head and b"\n" not in head):
        yield from f
        return
    for line in _cr_lines(f):
        yield line[:-1] + b"\n" if line.endswith(b"\r") else line


def read_mbox(path: Path, columns: Columns, encoding: str = "utf-8") -> Iterator[Item]:
    for n, raw in enumerate(_mbox_chunks(path), start=1):
        yield item_from_email(raw, f"{path.name}#{n}", f"{path}#{n}")


def read_eml(path: Path, columns: Columns, encoding: str = "utf-8") -> Iterator[Item]:
    yield item_from_eml_file(path.read_bytes(), path.stem, str(path))


# The header block of a whole message as a mail program writes it (RFC 5322 field names and folded lines, up to the
# first blank line), and the fields only such a program writes: a person pasting "Subject:" or "From:" above a draft
# writes none of these.
_RAW_HEADER_BLOCK = re.compile(rb"(?:(?:[!-9;-~]{1,76}:[^\n]*|[ \t][^\n]*)\r?\n){2,200}\r?\n")
_MACHINE_HEADER = re.compile(rb"^(?:mime-version|content-type|content-transfer-encoding|message-id|received|"
                             rb"return-path|delivered-to|dkim-signature|x-mailer):", re.I | re.M)


def is_raw_email(raw: bytes) -> bool:
    """Whether `raw` (text with no file name, such as standard input) is a whole e-mail's source, headers and MIME
    structure included, rather than a draft: it opens (after an mbox From_ line, if any) with a block of header
    lines that holds a field only mail software writes (MIME-Version, Content-Type, Message-ID, Received ...)."""
    head = raw[:65536].removeprefix(codecs.BOM_UTF8)
    first, _, rest = head.partition(b"\n")
    if is_from_line(first + b"\n"):
        head = rest
    block = _RAW_HEADER_BLOCK.match(head)
    return block is not None and _MACHINE_HEADER.search(block.group()) is not None


def item_from_eml_file(raw: bytes, default_id: str, source: str) -> Item:
    """The item of an .eml file's bytes (for audit and `rejectcheck check`): an invalid_input error for a file that is
    no e-mail (an Outlook .msg, a PDF or a zip named .eml: read as text, it was mojibake), else the e-mail's."""
    hint = not_text_hint(raw[:512])
    if hint:
        return Item(id=default_id, source=source, error_code="invalid_input", error=f"The file is not an e-mail.{hint}")
    return item_from_email(raw, default_id, source)


def html_in_declared_charset(raw: bytes) -> str | None:
    """An HTML file's text in the character set its <meta> tag declares near its start; None when it declares
    none that Python knows, or the file is not valid in it."""
    m = _META_CHARSET.search(raw[:HTML_META_BYTES])
    if not m:
        return None
    name = m.group(1).decode("ascii")
    try:
        text = raw.decode(name)
    except (LookupError, UnicodeError):  # ('undefined' fails with a bare UnicodeError)
        return None
    # a character set in which the tag naming it is not the text it was found as (UTF-16, UTF-32: the tag was found
    # in 8-bit bytes) is not the file's: a browser reads such a page as UTF-8, which it was not valid in
    return text if name in text else None


def read_plain_file(path: Path, columns: Columns, encoding: str = "utf-8") -> Iterator[Item]:
    raw = path.read_bytes()
    item = Item(id=path.stem, source=str(path))
    codec = bom_codec(raw[:4]) or encoding
    try:
        item.text = raw.decode(codec)
    except UnicodeDecodeError:
        # not in --encoding: an HTML page (Outlook's 'Save as HTML') may declare its own character set
        declared = html_in_declared_charset(raw) if input_kind(path) == "html" and not bom_codec(raw[:4]) else None
        if declared is not None:
            item.text = declared
            yield finish_text(item)
            return
        item.error_code = "invalid_input"
        item.error = f"The file is not {encoding_label(codec)} text.{encoding_hint(codec, path)}"
        yield item
        return
    seen = _file_kind_hint(path) if "\x00" in item.text else None  # UTF-16 without its mark reads as UTF-8
    if seen:
        item.text, item.error_code = None, "invalid_input"
        item.error = f"The file is not {encoding_label(codec)} text.{seen}"
        yield item
        return
    yield finish_text(item)


# ---- encodings -------------------------------------------------------------------------------
def bom_codec(head: bytes) -> str | None:
    """The codec a byte-order mark at the start of `head` names (it strips the mark), or None."""
    return next((codec for bom, codec in BOMS if head.startswith(bom)), None)


def encoding_label(codec: str) -> str:
    name = codecs.lookup(codec).name
    return {"utf-8": "UTF-8", "utf-8-sig": "UTF-8", "utf-16": "UTF-16", "utf-32": "UTF-32"}.get(name, codec)


def encoding_hint(codec: str, path: Path | None = None) -> str:
    """What to do about text that is not in `codec`: what the file's first bytes show it is (a
    workbook, a PDF, UTF-16 without its mark, binary data), else for UTF-8 the Windows export it
    likely is."""
    seen = _file_kind_hint(path) if path is not None else None
    if seen:
        return seen
    if codecs.lookup(codec).name in ("utf-8", "utf-8-sig"):
        return " If it was saved as Windows-1252 or Latin-1, rerun with --encoding cp1252."
    return ""


def _file_kind_hint(path: Path) -> str | None:
    try:
        with open(path, "rb") as f:
            head = f.read(512)
    except OSError:
        return None
    return not_text_hint(head) or _utf16_hint(head)


def _utf16_hint(head: bytes) -> str | None:
    """What to rerun with when a file's first bytes are UTF-16 text without a byte-order mark, or None."""
    if bom_codec(head) is None and len(head) >= 16:
        odd, even = head[1::2].count(0), head[0::2].count(0)
        if odd > 0.4 * len(head[1::2]) and even < 0.1 * len(head[0::2]):
            return " It looks like UTF-16 without a byte-order mark: rerun with --encoding utf-16-le."
        if even > 0.4 * len(head[0::2]) and odd < 0.1 * len(head[1::2]):
            return " It looks like UTF-16 without a byte-order mark: rerun with --encoding utf-16-be."
    return None


def not_text_hint(head: bytes) -> str | None:
    """What a file whose first bytes are `head` is when it is no text at all (an archive, a PDF, compressed or
    binary data), or None."""
    if head.startswith(b"PK\x03\x04"):
        return " It is a zip archive (an Excel .xlsx workbook?): save it as CSV first."
    if head.startswith(b"%PDF"):
        return " It is a PDF, not text."
    if head.startswith(OLE_MAGIC):
        return (" It is an Outlook .msg file (or an old Office .doc/.xls file), which is not read: save the messages "
                "as .eml or an .mbox (or the sheet as CSV) first.")
    if head.startswith(b"\x1f\x8b"):
        return " It is gzip-compressed: decompress it first (gunzip)."
    if bom_codec(head) is None and len(head) >= 16 and _utf16_hint(head) is None and (
            head.count(0) or sum(b < 9 or 13 < b < 32 for b in head) > len(head) // 10):
        return " It looks like binary data, not text."
    return None


def _jsonl_not_text(f, encoding: str) -> str | None:
    """Why a JSON Lines file (open in binary mode, at its start) is no text at all, or None. Its lines would each be
    an error row: one per newline byte in its data. Not for an encoding whose newline is not the byte 0x0A (UTF-16
    and UTF-32, named or by their mark), whose text holds NUL bytes."""
    head = f.read(512)
    f.seek(0)
    codec = codecs.lookup(bom_codec(head) or encoding).name
    return not_text_hint(head) if codec == "utf-8-sig" or "\n".encode(codec) == b"\n" else None


def _cr_lines(f) -> Iterator[bytes]:
    """The lines of a binary file whose lines end in CR alone, each with its CR."""
    rest = b""
    for chunk in iter(lambda: f.read(1 << 16), b""):
        parts = (rest + chunk).split(b"\r")
        rest = parts.pop()
        yield from (p + b"\r" for p in parts)
    if rest:
        yield rest


def _line_source(f, encoding: str) -> tuple[Iterator[bytes], str]:
    """(physical lines as bytes, the codec that decodes them) of a text file opened in binary mode.

    A byte-order mark wins over `encoding`. Lines of an encoding that writes a newline as the byte
    0x0A (UTF-8, Windows-1252, Latin-1 ...) are read as they are, so that one undecodable line is one
    error row; UTF-16 and UTF-32 are decoded as they are read and passed on as UTF-8.
    """
    head = f.read(1 << 16)
    f.seek(0)
    codec = bom_codec(head) or encoding
    if b"\r" in head and b"\n" not in head and (codecs.lookup(codec).name == "utf-8-sig" or "\n".encode(codec) == b"\n"):
        # classic Mac / old Excel line endings (CR only): lines split at CR, so rows keep their line numbers
        if codecs.lookup(codec).name == "utf-8-sig":
            if head.startswith(codecs.BOM_UTF8):
                f.seek(len(codecs.BOM_UTF8))
            codec = "utf-8"
        return _cr_lines(f), codec
    if codecs.lookup(codec).name == "utf-8-sig":  # skip the mark only where there is one
        if head.startswith(codecs.BOM_UTF8):
            f.seek(len(codecs.BOM_UTF8))
        return f, "utf-8"
    if "\n".encode(codec) == b"\n":
        return f, codec
    wrapper = io.TextIOWrapper(f, encoding=codec, newline="")
    return (line.encode("utf-8", "surrogatepass") for line in wrapper), "utf-8"


# ---- JSON Lines -----------------------------------------------------------------------------
def _scalar(value) -> str | None:
    """A JSON value used as an id or a sender: text, or a number written as JSON writes it (a list
    or an object is JSON text, not Python's repr); None when empty."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, (dict, list, bool)):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def _lookup(rec: dict, name: str) -> tuple[bool, object]:
    """(whether `rec` has the field `name`, its value): the key as named, else a key inside nested objects named
    with dots, as ATS exports nest the message ('email.body': the 'body' key of the 'email' object)."""
    if name in rec:
        return True, rec[name]
    value: object = rec
    for part in name.split("."):
        if not isinstance(value, dict) or part not in value:
            return False, None
        value = value[part]
    return True, value


def _key_labels(rec: dict) -> str | None:
    """A JSON object's keys for an error message, when they read as labels (never a message's words), else None."""
    keys = [str(k) for k in rec]
    return printable(", ".join(map(repr, keys))) if keys and _looks_like_a_header(keys) and len(keys) <= 50 else None


# A column that holds the message under another name than 'text' ("Body", "message", "Email Text", "email_body"),
# as exports name it: suggested in the error when a header or record has exactly one.
_TEXT_COLUMN_LIKE = re.compile(r"(?:(?:e-?mail|message|mail|letter|rejection)[ _-]?)?(?:body|text|content)"
                               r"|message|draft", re.I)


def text_column_hint(names) -> str:
    """': rerun with --text-column NAME' for the one column of `names` that looks like the message's, else ''."""
    like = [n for n in names if isinstance(n, str) and _TEXT_COLUMN_LIKE.fullmatch(n.strip())]
    return f": rerun with --text-column {printable(shlex.quote(like[0]))}" if len(like) == 1 else ""


def _record_id(rec: dict, columns: Columns, default_id: str) -> str:
    """A record's own id (its `columns.id` field), else `default_id` (where it lies in the file)."""
    rid = _scalar(_lookup(rec, columns.id)[1])
    return rid if rid is not None and rid.strip() else default_id  # '  ' is a blank id


def _fields_item(rec: dict, columns: Columns, default_id: str, source: str, absent: str | None = None) -> Item:
    """The item of a JSON record or a CSV row (`rec`: its fields by name); `absent` says why a row has no text
    field (a CSV row that ends before it), else the record's fields are named."""
    columns = columns.matching(list(rec))
    item = Item(id=_record_id(rec, columns, default_id), source=source, id_column=True)
    date = _lookup(rec, columns.date)[1]
    item.date = parse_date(date)
    if item.date is None:
        note = date_warning(date)
        if note:
            item.warnings.append(note)
    sender = _lookup(rec, columns.sender)[1]
    item.sender = ((_scalar(sender) or "").strip() or None
                   if isinstance(sender, (str, int, float)) and not isinstance(sender, bool) else None)
    has_text, text = _lookup(rec, columns.text)
    if text is None and has_text:
        item.error_code, item.error = "missing_text", f"The record's {columns.text!r} field is null."
    elif text is None and absent is not None:
        item.error_code, item.error = "missing_text", absent
    elif text is None:
        keys = _key_labels(rec)
        has = f"; its fields are {keys}" if keys else ""
        item.error_code, item.error = "missing_text", (f"The record has no {columns.text!r} field{has} (--text-column "
                                                       f"names the one holding the message{text_column_hint(rec)}).")
    elif isinstance(text, dict):
        keys = _key_labels(text)
        inside = (f"; name a key inside it with dots: --text-column {columns.text}.{printable(str(next(iter(text))))} "
                  f"({keys})" if keys else "")
        item.error_code, item.error = "invalid_input", f"The {columns.text!r} field is an object, not text{inside}."
    elif not isinstance(text, str):
        kind = "a list" if isinstance(text, list) else "true or false" if isinstance(text, bool) else "a number"
        item.error_code, item.error = "invalid_input", f"The {columns.text!r} field is {kind}, not text."
    else:
        item.text = text
        finish_text(item)
    return item


def read_jsonl(path: Path, columns: Columns, encoding: str = "utf-8") -> Iterator[Item]:
    with open(path, "rb") as f:
        not_text = _jsonl_not_text(f, encoding)
        if not_text:
            yield Item(id=path.name, source=str(path), error_code="invalid_input",
                       error=f"The file is not JSON Lines text.{not_text}")
            return
        lines, codec = _line_source(f, encoding)
        for lineno, raw in enumerate(lines, start=1):
            if not raw.strip():
                continue
            default_id, source = f"{path.name}:{lineno}", f"{path}:{lineno}"
            try:
                rec = json.loads(raw.decode(codec))
            except UnicodeDecodeError:
                yield Item(id=default_id, source=source, error_code="invalid_input",
                           error=f"Line {lineno} is not {encoding_label(codec)} text.{encoding_hint(codec, path)}")
                continue
            except json.JSONDecodeError as exc:
                seen = _file_kind_hint(path) if b"\x00" in raw else None  # UTF-16 without its mark, read as UTF-8
                if seen:
                    yield Item(id=default_id, source=source, error_code="invalid_input",
                               error=f"Line {lineno} is not {encoding_label(codec)} text.{seen}")
                    continue
                # exc.msg, not str(exc): some messages end "... at" and expect the position after them
                reason = exc.msg.removesuffix(" at")
                yield Item(id=default_id, source=source, error_code="invalid_json",
                           error=f"Line {lineno} is not valid JSON ({reason} at column {exc.colno}).")
                continue
            except RecursionError:
                yield Item(id=default_id, source=source, error_code="invalid_json",
                           error=f"Line {lineno} is nested too deeply to read.")
                continue
            except ValueError as exc:  # e.g. an integer of more than 4,300 digits
                yield Item(id=default_id, source=source, error_code="invalid_json",
                           error=f"Line {lineno} cannot be read as JSON ({str(exc).split('; ')[0]}).")
                continue
            if not isinstance(rec, dict):
                yield Item(id=default_id, source=source, error_code="invalid_json",
                           error=f"Line {lineno} is not a JSON object.")
                continue
            yield _fields_item(rec, columns, default_id, source)


def _json_records(data, columns: Columns) -> tuple[list | None, str | None]:
    """The records of a JSON export and None, or None and why there are none: an array; an object holding
    exactly one array of objects ({"applications": [...]}); else one object is one record (as is an object with
    the text field, whatever lists of objects it holds: {"text": ..., "interviewers": [{...}]})."""
    if isinstance(data, list):
        return data, None
    if not isinstance(data, dict):
        return None, f"The file holds a JSON {type(data).__name__.replace('str', 'string')}, not records."
    if _lookup(data, columns.matching(list(data)).text)[0]:
        return [data], None
    lists = [k for k, v in data.items() if isinstance(v, list) and v and all(isinstance(x, dict) for x in v)]
    if len(lists) == 1:
        return data[lists[0]], None
    if len(lists) > 1:
        return None, (f"The file holds several arrays of records ({', '.join(map(repr, lists))}): save the one to "
                      "audit as its own file.")
    return [data], None


def read_json(path: Path, columns: Columns, encoding: str = "utf-8") -> Iterator[Item]:
    """A JSON export: one row per record of its array (the file is read whole). A file of JSON Lines named
    .json is read as JSON Lines."""
    def fail(error: str, code: str = "invalid_json") -> Item:
        return Item(id=path.name, source=str(path), error_code=code, error=error)

    size = path.stat().st_size
    if size > JSON_MAX_BYTES:
        yield fail(f"The file is {size / 2**20:,.0f} MB, too large to read as one JSON document (at most "
                   f"{JSON_MAX_BYTES // 2**20:,} MB): convert it to JSON Lines, one record a line "
                   f"(jq -c '.[]' {path.name} > {path.stem}.jsonl), and audit that.", "file_too_large")
        return
    raw = path.read_bytes()
    hint = not_text_hint(raw[:512])
    if hint:
        yield fail(f"The file is not JSON text.{hint}", "invalid_input")
        return
    codec = codecs.lookup(bom_codec(raw[:4]) or encoding).name
    try:
        text = raw.decode("utf-8-sig" if codec in ("utf-8", "utf-8-sig") else codec)
    except UnicodeDecodeError:
        yield fail(f"The file is not {encoding_label(codec)} text.{encoding_hint(codec, path)}", "invalid_input")
        return
    if not text.strip():
        yield fail("The file is empty: expected a JSON array of records.")
        return
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data" and text.lstrip().startswith("{"):  # JSON Lines, named .json
            yield from read_jsonl(path, columns, encoding)
            return
        yield fail(f"The file is not valid JSON ({exc.msg.removesuffix(' at')} at line {exc.lineno}, "
                         f"column {exc.colno}).")
        return
    except RecursionError:
        yield fail("The file is nested too deeply to read.")
        return
    except ValueError as exc:  # e.g. an integer of more than 4,300 digits
        yield fail(f"The file cannot be read as JSON ({str(exc).split('; ')[0]}).")
        return
    records, why = _json_records(data, columns)
    if records is None:
        yield fail(why)
        return
    for i, rec in enumerate(records, start=1):
        default_id, source = f"{path.name}#{i}", f"{path}#{i}"
        if isinstance(rec, dict):
            yield _fields_item(rec, columns, default_id, source)
        else:
            yield Item(id=default_id, source=source, error_code="invalid_json",
                       error=f"Array element {i} is not a JSON object (a record).")


# ---- CSV ---------------------------------------------------------------------------------------
@dataclass
class _Record:
    line: int                        # physical line where the record starts (1-based)
    fields: list[str] | None = None
    error: str | None = None


def _csv_records(path: Path, encoding: str = "utf-8", delimiter: str | None = None) -> Iterator[_Record]:
    """CSV records with their starting line, streamed; a broken record becomes an error and
    parsing resynchronises, so one stray quote cannot swallow the rest of the file. The delimiter
    is sniffed from the header line (, ; tab |), except in a .tsv file, or given."""
    if csv.field_size_limit() < CSV_FIELD_LIMIT:
        csv.field_size_limit(CSV_FIELD_LIMIT)
    if delimiter is None and path.suffix.lower() in (".tsv", ".txt"):  # a .txt table: see content_kind
        delimiter = "\t"
    with open(path, "rb") as f:
        lines, codec = _line_source(f, encoding)
        yield from _parse_csv_lines(lines, delimiter, codec, path)


def sniff_delimiter(header: str) -> str:
    """The delimiter of a CSV header line: , ; tab or | (a one-column header: ",")."""
    try:
        return csv.Sniffer().sniff(header, delimiters=CSV_DELIMITERS).delimiter
    except csv.Error:
        return ","


_EXCEL_SEP = re.compile(rb"^\s*sep=([,;\t|])\s*$")


def _parse_csv_lines(lines, delimiter: str | None, codec: str = "utf-8", path: Path | None = None) -> Iterator[_Record]:
    pending: list[tuple[int, bytes]] = []   # lines to (re)process after a resync
    source = iter(enumerate(lines, start=1))

    def next_line():
        if pending:
            return pending.pop(0)
        return next(source, None)

    while True:
        first = next_line()
        if first is None:
            return
        start, raw = first
        if not raw.strip():
            continue
        if delimiter is None and start == 1:  # Excel's "sep=;" line names the delimiter; the header follows
            m = _EXCEL_SEP.match(raw)
            if m:
                delimiter = m.group(1).decode("ascii")
                continue
        buf = [raw]
        size, parse_now, inside = len(raw), True, 0
        while True:
            # A record the parser found open ends inside a quoted cell. In there every quote but the closing
            # one is doubled, so the record can end only on a line that brings an odd number of quotes since
            # (`inside` counts them). Within its first lines the record is parsed whenever a line with a quote
            # arrives, so that a stray quote is found at the next quoted field and the lines after it are
            # re-read; after that, only when the quotes say the cell may have closed (parsing the growing
            # record at each line was quadratic).
            if not parse_now and len(buf) < CSV_MAX_RECORD_LINES and size < CSV_MAX_RECORD_BYTES:
                nxt = next_line()
                if nxt is not None:
                    buf.append(nxt[1])
                    size += len(nxt[1])
                    inside += nxt[1].count(b'"')
                    parse_now = (b'"' in nxt[1] and len(buf) <= CSV_EARLY_LINES) or inside % 2 == 1
                    continue
            try:
                text, undecodable = b"".join(buf).decode(codec), False
            except UnicodeDecodeError:
                # Read on with the bad bytes replaced, to find where the record ends: a quoted body over
                # several lines is one error row, not one row per line (with the body's words as ids).
                text, undecodable = b"".join(buf).decode(codec, "replace"), True
            if delimiter is None:
                delimiter = sniff_delimiter(text.splitlines()[0] if text.strip() else text)
            try:
                rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True))
            except csv.Error as exc:
                if "unexpected end of data" in str(exc):
                    if len(buf) < CSV_MAX_RECORD_LINES and size < CSV_MAX_RECORD_BYTES:
                        nxt = next_line()
                        if nxt is not None:  # the record ends inside a quoted cell: count from here
                            buf.append(nxt[1])
                            size += len(nxt[1])
                            inside = nxt[1].count(b'"')
                            parse_now = (b'"' in nxt[1] and len(buf) <= CSV_EARLY_LINES) or inside % 2 == 1
                            continue
                    # an unclosed quote: report this line, then re-read the lines it swallowed
                    pending[:0] = [(start + i, b) for i, b in enumerate(buf[1:], start=1)]
                    yield _Record(start, error=f"Row at line {start} has an unclosed quote.")
                    break
                # re-read the lines after the first: a stray quote may have pulled good rows in
                pending[:0] = [(start + i, b) for i, b in enumerate(buf[1:], start=1)]
                yield _Record(start, error=f"Row at line {start} is malformed ({exc}).")
                break
            if undecodable:
                yield _Record(start, error=f"Row at line {start} is not {encoding_label(codec)} text."
                                           f"{encoding_hint(codec, path)}")
            else:
                for row in rows:
                    yield _Record(start, fields=row)
            break


def _looks_like_a_header(cells: list[str]) -> bool:
    """Short labels ("id", "Message body"), not a message's words or an address: only then is the
    first row named in an error, so that the user sees which columns there are."""
    return all(len(c) <= 40 and len(c.split()) <= 4 and "@" not in c for c in cells)


def content_kind(path: Path, kind: str, columns: Columns, encoding: str = "utf-8") -> str:
    """The kind a file is read as: `kind`, or "mbox" for an .eml file that holds a mailbox (it opens with a From_ line
    and holds several messages: read as one, all but the first were lost), or "csv" for a .txt file that is a
    tab-separated table (Excel's "Unicode Text" export: UTF-16, tabs, named .txt; its first line names two or more
    columns, and the text column is one of them or the next line has as many fields): read as one message, the
    whole table was scored as one draft."""
    if kind == "eml":
        try:
            with open(path, "rb") as f:
                opens_a_mailbox = is_from_line(f.readline(1000).removeprefix(codecs.BOM_UTF8))
            several = opens_a_mailbox and next(islice(_mbox_chunks(path, keep=False), 1, None), None) is not None
            return "mbox" if several else kind
        except OSError:
            return kind
    if kind != "text":
        return kind
    try:
        with open(path, "rb") as f:
            lines, codec = _line_source(f, encoding)
            head = [line.decode(codec).rstrip("\r\n") for line in islice(lines, 2)]
    except (OSError, UnicodeError):
        return kind
    cells = [c.strip() for c in head[0].split("\t")] if head else []
    if len(cells) < 2 or not all(cells) or not _looks_like_a_header(cells):
        return kind
    same_width = len(head) > 1 and head[1].count("\t") == len(cells) - 1
    return "csv" if columns.matching(cells).text in cells or same_width else kind


def _header_row_below_titles(head: list[_Record], columns: Columns) -> tuple[int, str | None]:
    """(how many of an export's first records are title lines above its real header ("Rejections, Q1 2025" then
    "id,date,text"), the delimiter to read the file with when the title set another one): 0 when the first record
    names the text column, or when no record starting on lines 2 to CSV_HEADER_MAX_LINE does; else the index of the
    first that does. A header read as one cell ("id;text" under a title without a ';') is read with its own
    delimiter."""
    for i, rec in enumerate(head):
        if rec.line > CSV_HEADER_MAX_LINE:
            break
        if not rec.fields:
            continue
        readings = [([c.strip() for c in rec.fields], None)]
        if i and len(rec.fields) == 1 and (delimiter := sniff_delimiter(rec.fields[0])) in rec.fields[0]:
            readings.append(([c.strip() for c in next(csv.reader([rec.fields[0]], delimiter=delimiter))], delimiter))
        for cells, delimiter in readings:
            if columns.matching(cells).text in cells:
                return i, delimiter
    return 0, None


def read_csv(path: Path, columns: Columns, encoding: str = "utf-8") -> Iterator[Item]:
    records = _csv_records(path, encoding)
    head = list(islice(records, CSV_HEADER_MAX_LINE))
    titles, delimiter = _header_row_below_titles(head, columns)
    if not titles:
        yield from _csv_items(chain(head, records), path, columns)
        return
    line = head[titles].line  # every row says so: the title lines were data to a reader that expected a header
    note = (f"The header row is line {line} of {path.name}: line{'s 1-' if line > 2 else ' '}{line - 1} above it "
            f"{'were' if line > 2 else 'was'} skipped as the export's title.")
    rows = chain(head[titles:], records)
    if delimiter is not None:
        rows = dropwhile(lambda rec: rec.line < line, _csv_records(path, encoding, delimiter))
    for item in _csv_items(rows, path, columns):
        item.warnings.append(note)
        yield item


def _csv_items(records: Iterator[_Record], path: Path, columns: Columns) -> Iterator[Item]:
    """An Item per CSV record under the header row, the first of `records`."""
    header: list[str] | None = None
    for rec in records:
        default_id, source = f"{path.name}:{rec.line}", f"{path}:{rec.line}"
        if header is None:
            if rec.error or not rec.fields:
                yield Item(id=default_id, source=source, error_code="invalid_csv",
                           error=f"The header row is unreadable: {rec.error or 'empty'}")
                return
            header = [h.strip() for h in rec.fields]
            columns = columns.matching(header)
            named = [c for c in dict.fromkeys((columns.text, columns.id, columns.date, columns.sender))
                     if header.count(c) > 1]
            if named:  # which of two "text" columns holds the message? Never a silent guess
                yield Item(id=path.name, source=str(path), error_code="missing_column",
                           error=f"The header row names the column {named[0]!r} {header.count(named[0])} times; "
                                 "rename the copies so that one column is read.")
                return
            # never the header's cells: in a file without a header they are a message's words
            problems = [f"no {name!r} column (named by {option})" for option, name in columns.named().items()
                        if name not in header]
            if columns.text not in header:
                problems.insert(0, f"no {columns.text!r} column; one of the first {CSV_HEADER_MAX_LINE} lines (the first, "
                                   "or one under title lines) must name the columns "
                                   f"(--text-column picks the one holding the message{text_column_hint(header)})")
            if problems:
                names = f": {printable(', '.join(header))}" if _looks_like_a_header(header) else ""
                seen = _file_kind_hint(path) if any("\x00" in h for h in header) else None
                yield Item(id=path.name, source=str(path), error_code="missing_column",
                           error=f"The header row ({len(header)} column{'s' if len(header) != 1 else ''}{names}) has "
                                 f"{'; '.join(problems)}."
                                 + (seen or ""))
                return
            continue
        if rec.error:
            yield Item(id=default_id, source=source, error_code="invalid_csv", error=rec.error)
            continue
        fields = dict(zip(header, rec.fields))
        extra = rec.fields[len(header):]
        if any(cell.strip() for cell in extra):
            # a cell holding the delimiter unquoted shifts the cells after it: the message may be cut, so the row is
            # not checked; it keeps its id (the first cells are still where the header puts them)
            yield Item(id=_record_id(fields, columns, default_id), source=source, id_column=True,
                       error_code="invalid_csv",
                       error=f"Row at line {rec.line} has {len(rec.fields)} fields; the header has {len(header)}. "
                             "A cell that holds the delimiter must be quoted.")
            continue
        # a row missing trailing fields (spreadsheets drop empty last cells) is read without them
        item = _fields_item(fields, columns, default_id, source,
                            absent=f"Row at line {rec.line} ends before its {columns.text!r} field.")
        if extra:  # trailing delimiters (a spreadsheet's empty last columns) add only empty cells
            item.warnings.append(f"Row at line {rec.line} has {len(extra)} empty field{'s' * (len(extra) > 1)} past "
                                 f"the header's {len(header)}; they were ignored.")
        elif len(rec.fields) < len(header):
            item.warnings.append(f"Row at line {rec.line} has {len(rec.fields)} of the header's {len(header)} "
                                 "fields; the missing last ones were read as empty.")
        yield item
