"""Readers: turn audit inputs (.mbox, .eml, CSV, JSON Lines, .html, .txt) into `Item`s.

Every input yields exactly one `Item`: either text to check, or an `error` saying why it
cannot be checked (a corrupt message, a broken CSV row, a JSON line that does not parse).
Nothing is dropped silently, and nothing is held in memory beyond the current message.

Ids: the input's own id where it has one (a CSV/JSONL id column, an e-mail's Message-ID),
otherwise a positional one (`file.csv:17`, `inbox.mbox#3`). `source` always says where the
input came from, positionally, so that an error row can be found again.
"""
from __future__ import annotations

import csv
import email
import email.policy
import io
import json
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email.message import EmailMessage
from email.utils import getaddresses, parseaddr, parsedate_to_datetime
from pathlib import Path
from typing import Iterator

MBOX_SUFFIXES = {".mbox", ".mbx"}
EML_SUFFIXES = {".eml"}
CSV_SUFFIXES = {".csv", ".tsv"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
HTML_SUFFIXES = {".html", ".htm"}
TEXT_SUFFIXES = {".txt"}
ALL_SUFFIXES = MBOX_SUFFIXES | EML_SUFFIXES | CSV_SUFFIXES | JSONL_SUFFIXES | HTML_SUFFIXES | TEXT_SUFFIXES

# A CSV record still open after this many physical lines is taken to be a stray quote.
CSV_MAX_RECORD_LINES = 400
# RFC 3676 signature separator ("-- "); many clients drop the trailing space.
_SIG_SEPARATOR = re.compile(r"^-- ?$")
_SIG_MAX_LINES = 15
# Control characters (C0 and C1, bar tab and newline) from an input are shown escaped, never raw,
# wherever an input's words reach a message, a CSV cell or the HTML report.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# A text body that is not valid in the character set it declares is read with the first of these
# it fits: mail clients often send Windows-1252 (Latin-1) text labelled utf-8, or with no label.
FALLBACK_CHARSETS = (("utf-8", "UTF-8"), ("cp1252", "Windows-1252 (Latin-1)"))
# The error for a file that yields no message at all, so that it is not lost silently.
NO_MESSAGES = {"mbox": "The mbox file holds no messages.",
               "csv": "The CSV file holds no rows (it is empty, or has a header only).",
               "jsonl": "The JSON Lines file holds no records (it is empty, or blank lines only)."}


@dataclass
class Columns:
    """Which CSV columns / JSON keys hold what."""

    text: str = "text"
    id: str = "id"
    date: str = "date"
    sender: str = "sender"


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
                           ("jsonl", JSONL_SUFFIXES), ("html", HTML_SUFFIXES), ("text", TEXT_SUFFIXES)):
        if any(name.endswith(s) for s in suffixes):
            return kind
    if name == "mbox":
        return "mbox"
    return None


def discover(paths: list[Path]) -> list[tuple[Path, str]]:
    """Input files under `paths`, in a stable order, with their kind.

    A file named explicitly must be of a known kind; files of unknown kinds inside folders are
    skipped (folders of .eml files often hold other things too).
    """
    found: list[tuple[Path, str]] = []
    for p in paths:
        if str(p) == "-":
            raise UsageError("audit reads files, not standard input; save the messages to a file first.")
        if not p.exists():
            raise UsageError(f"No such file or folder: {p}")
        if p.is_dir():
            for f in sorted(x for x in p.rglob("*") if x.is_file()):
                kind = input_kind(f)
                if kind is not None and not any(part.startswith(".") for part in f.relative_to(p).parts):
                    found.append((f, kind))
        else:
            kind = input_kind(p)
            if kind is None:
                raise UsageError(f"Don't know how to read {p}: expected .mbox, .eml, .csv, .jsonl, .html or .txt.")
            found.append((p, kind))
    return found


def count_inputs(files: list[tuple[Path, str]], columns: Columns) -> int:
    """How many items `iter_items` will yield (for the progress bar); a cheap pre-pass."""
    total = 0
    for path, kind in files:
        n = 1
        try:
            if kind == "mbox":
                n = _count_mbox(path)
            elif kind == "csv":
                n = sum(1 for _ in read_csv(path, columns))
            elif kind == "jsonl":
                with open(path, "rb") as f:
                    n = sum(1 for line in f if line.strip())
        except OSError:
            pass
        total += max(n, 1)  # a file with no message yields one error item
    return total


def iter_items(files: list[tuple[Path, str]], columns: Columns) -> Iterator[Item]:
    """Every input of every file, in order; one Item each, errors included (and one error item for
    a file that holds no message)."""
    for path, kind in files:
        reader = {"mbox": read_mbox, "eml": read_eml, "csv": read_csv, "jsonl": read_jsonl,
                  "html": read_plain_file, "text": read_plain_file}[kind]
        n = 0
        try:
            for n, item in enumerate(reader(path, columns), start=1):
                yield item
        except OSError as exc:
            yield Item(id=path.name, source=str(path), error_code="unreadable_file",
                       error=f"Cannot read the file: {exc.strerror or exc.__class__.__name__}.")
            continue
        if n == 0:
            yield Item(id=path.name, source=str(path), error_code="empty_file",
                       error=NO_MESSAGES.get(kind, "The file holds no messages."))


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
    return item


def parse_date(value) -> str | None:
    """ISO 8601 (UTC when zoned) for ISO or RFC 2822 dates; None when it cannot be parsed."""
    if value is None:
        return None
    s = str(value).strip()
    if not s:
        return None
    dt: datetime | None = None
    try:
        dt = datetime.fromisoformat(s.replace("Z", "+00:00"))
    except ValueError:
        try:
            dt = parsedate_to_datetime(s)
        except (TypeError, ValueError, IndexError):
            for fmt in ("%Y/%m/%d", "%d %b %Y", "%d %B %Y", "%b %d, %Y", "%B %d, %Y", "%Y-%m"):
                try:
                    dt = datetime.strptime(s, fmt)
                    break
                except ValueError:
                    continue
    if dt is None:
        return None
    if dt.tzinfo is not None:
        dt = dt.astimezone(timezone.utc).replace(tzinfo=None)
    return dt.isoformat(timespec="seconds")


# ---- e-mail ------------------------------------------------------------------------------------
def _is_attachment(part) -> bool:
    disposition = (part.get("Content-Disposition") or "").lower()
    return disposition.startswith("attachment") or bool(part.get_filename())


def _decode_text(part) -> tuple[str, str | None]:
    """(text, warning) of a text part: in the character set it declares, else in the first fallback
    character set it is valid in (with a warning), else with the bytes that fit none replaced."""
    try:
        return part.get_content(errors="strict"), None
    except UnicodeDecodeError:
        pass
    declared = part.get_content_charset()
    mismatch = (f"The message body is not valid {printable(declared)}, the character set it declares"
                if declared else "The message body is not ASCII and declares no character set")
    raw = part.get_payload(decode=True) or b""
    for codec, label in FALLBACK_CHARSETS:
        try:
            text = raw.decode(codec)
        except UnicodeDecodeError:
            continue
        return text, f"{mismatch}; it was read as {label}."
    return part.get_content(), f"{mismatch}; characters that could not be decoded were replaced."


def email_body(msg: EmailMessage) -> tuple[str | None, str | None]:
    """(body text, warning or None), or (None, reason). Prefers text/plain, else text/html; skips
    attachments."""
    plain, html = None, None
    for part in msg.walk():
        if part.is_multipart() or _is_attachment(part):
            continue
        ctype = part.get_content_type()
        if ctype == "text/plain" and plain is None:
            plain = part
        elif ctype == "text/html" and html is None:
            html = part
    part = plain if plain is not None else html  # not `plain or html`: a part with no headers is falsy
    if part is None:
        if msg.is_multipart() or _is_attachment(msg):
            return None, "The message has no text body (only attachments or other parts)."
        return None, f"The message body is {printable(msg.get_content_type())}, not text."
    try:
        body, warning = _decode_text(part)
    except LookupError:
        return None, f"The message declares an unknown character set ({printable(str(part.get_content_charset()))})."
    except (ValueError, UnicodeError, AssertionError) as exc:
        return None, f"The message body cannot be decoded ({exc.__class__.__name__})."
    if isinstance(body, bytes):
        return None, "The message body is binary, not text."
    return body.replace("\r\n", "\n"), warning


def _header(msg, name: str) -> str:
    try:
        return str(msg.get(name, "") or "")
    except Exception:  # noqa: BLE001 - a malformed header must not stop the run
        return ""


def _header_names(msg) -> tuple[str, ...]:
    names = []
    for header in ("To", "Cc", "From", "Reply-To"):
        value = _header(msg, header)
        if not value:
            continue
        for display, _addr in getaddresses([value]):
            display = display.strip().strip('"')
            if display and "@" not in display:
                names.append(display)
    return tuple(dict.fromkeys(names))


def item_from_email(raw: bytes, default_id: str, source: str) -> Item:
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
    item.names = _header_names(msg)
    if not raw.strip():
        item.error_code, item.error = "empty_message", "The message is empty."
        return item
    body, note = email_body(msg)
    if body is None:
        item.error_code, item.error = "no_text_body", note
        return item
    item.text = body
    if note:
        item.warnings.append(note)
    return finish_text(item)


def _mbox_chunks(path: Path) -> Iterator[bytes]:
    """Raw messages of an mbox file, one at a time (a line starting 'From ' opens each)."""
    buf: list[bytes] = []
    started = False
    with open(path, "rb") as f:
        for line in f:
            if line.startswith(b"From "):
                if started:
                    yield b"".join(buf)
                buf = []
                started = True
                continue
            if not started:
                if line.strip():
                    started = True  # text before the first separator: treat it as a message
                else:
                    continue
            if line.startswith(b">From ") or line.startswith(b">>From "):
                line = line[1:]  # mboxrd un-escaping
            buf.append(line)
    if started:
        yield b"".join(buf)


def _count_mbox(path: Path) -> int:
    """How many messages `_mbox_chunks` yields, without building them."""
    n, started = 0, False
    with open(path, "rb") as f:
        for line in f:
            if line.startswith(b"From "):
                n += 1
                started = True
            elif not started and line.strip():
                n += 1
                started = True
    return n


def read_mbox(path: Path, columns: Columns) -> Iterator[Item]:
    for n, raw in enumerate(_mbox_chunks(path), start=1):
        yield item_from_email(raw, f"{path.name}#{n}", f"{path}#{n}")


def read_eml(path: Path, columns: Columns) -> Iterator[Item]:
    yield item_from_email(path.read_bytes(), path.stem, str(path))


def read_plain_file(path: Path, columns: Columns) -> Iterator[Item]:
    raw = path.read_bytes()
    item = Item(id=path.stem, source=str(path))
    try:
        item.text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        item.error_code, item.error = "invalid_input", "The file is not UTF-8 text."
        yield item
        return
    yield finish_text(item)


# ---- JSON Lines -----------------------------------------------------------------------------
def _fields_item(rec: dict, columns: Columns, default_id: str, source: str) -> Item:
    rid = rec.get(columns.id)
    item = Item(id=str(rid) if rid not in (None, "") else default_id, source=source)
    item.date = parse_date(rec.get(columns.date))
    sender = rec.get(columns.sender)
    item.sender = str(sender).strip() if sender not in (None, "") else None
    text = rec.get(columns.text)
    if text is None:
        item.error_code, item.error = "missing_text", f"The record has no {columns.text!r} field."
    elif not isinstance(text, str):
        item.error_code, item.error = "invalid_input", f"The {columns.text!r} field is not text."
    else:
        item.text = text
        finish_text(item)
    return item


def read_jsonl(path: Path, columns: Columns) -> Iterator[Item]:
    with open(path, "rb") as f:
        for lineno, raw in enumerate(f, start=1):
            if not raw.strip():
                continue
            default_id, source = f"{path.name}:{lineno}", f"{path}:{lineno}"
            try:
                rec = json.loads(raw.decode("utf-8-sig" if lineno == 1 else "utf-8"))
            except UnicodeDecodeError:
                yield Item(id=default_id, source=source, error_code="invalid_input",
                           error=f"Line {lineno} is not UTF-8 text.")
                continue
            except json.JSONDecodeError as exc:
                yield Item(id=default_id, source=source, error_code="invalid_json",
                           error=f"Line {lineno} is not valid JSON ({exc.msg}).")
                continue
            if not isinstance(rec, dict):
                yield Item(id=default_id, source=source, error_code="invalid_json",
                           error=f"Line {lineno} is not a JSON object.")
                continue
            yield _fields_item(rec, columns, default_id, source)


# ---- CSV ---------------------------------------------------------------------------------------
@dataclass
class _Record:
    line: int                        # physical line where the record starts (1-based)
    fields: list[str] | None = None
    error: str | None = None


def _csv_records(path: Path) -> Iterator[_Record]:
    """CSV records with their starting line, streamed; a broken record becomes an error and
    parsing resynchronises, so one stray quote cannot swallow the rest of the file."""
    delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
    with open(path, "rb") as f:
        yield from _parse_csv_lines(f, delimiter)


def _parse_csv_lines(lines, delimiter: str) -> Iterator[_Record]:
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
        buf = [raw]
        while True:
            try:
                text = b"".join(buf).decode("utf-8-sig" if start == 1 else "utf-8")
            except UnicodeDecodeError:
                pending[:0] = [(start + i, b) for i, b in enumerate(buf[1:], start=1)]
                yield _Record(start, error=f"Row at line {start} is not UTF-8 text.")
                break
            try:
                rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True))
            except csv.Error as exc:
                if "unexpected end of data" in str(exc):
                    if len(buf) < CSV_MAX_RECORD_LINES:
                        nxt = next_line()
                        if nxt is not None:
                            buf.append(nxt[1])
                            continue
                    # an unclosed quote: report this line, then re-read the lines it swallowed
                    pending[:0] = [(start + i, b) for i, b in enumerate(buf[1:], start=1)]
                    yield _Record(start, error=f"Row at line {start} has an unclosed quote.")
                    break
                # re-read the lines after the first: a stray quote may have pulled good rows in
                pending[:0] = [(start + i, b) for i, b in enumerate(buf[1:], start=1)]
                yield _Record(start, error=f"Row at line {start} is malformed ({exc}).")
                break
            for row in rows:
                yield _Record(start, fields=row)
            break


def read_csv(path: Path, columns: Columns) -> Iterator[Item]:
    header: list[str] | None = None
    for rec in _csv_records(path):
        default_id, source = f"{path.name}:{rec.line}", f"{path}:{rec.line}"
        if header is None:
            if rec.error or not rec.fields:
                yield Item(id=default_id, source=source, error_code="invalid_csv",
                           error=f"The header row is unreadable: {rec.error or 'empty'}")
                return
            header = [h.strip() for h in rec.fields]
            if columns.text not in header:
                yield Item(id=path.name, source=str(path), error_code="missing_column",
                           error=f"No {columns.text!r} column (columns: {printable(', '.join(header))}); "
                                 "use --text-column.")
                return
            continue
        if rec.error:
            yield Item(id=default_id, source=source, error_code="invalid_csv", error=rec.error)
            continue
        if len(rec.fields) != len(header):
            yield Item(id=default_id, source=source, error_code="invalid_csv",
                       error=f"Row at line {rec.line} has {len(rec.fields)} fields; the header has {len(header)}.")
            continue
        yield _fields_item(dict(zip(header, rec.fields)), columns, default_id, source)
