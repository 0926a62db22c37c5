"""Row writers for audits: JSON Lines and CSV, one flushed line per input, resumable.

Each row is written in one `write` and flushed, so a crash (even SIGKILL) leaves at most one
partial last line. `open_for_resume` truncates that line, and hands back the rows already
written so that the run can skip their ids and fold them into its summary.
"""
from __future__ import annotations

import csv
import io
import json
import os
import re
from pathlib import Path
from typing import Iterator

from .aggregate import SEVERITY_RANK
from .readers import printable


class OutputError(Exception):
    """The output cannot be written, or an existing output cannot be resumed."""


class OutputBusy(OutputError):
    """Another audit is writing the same output now."""


class ReaderGone(OutputError):
    """The output is a pipe whose reader stopped reading (`rejectcheck audit ... -o - | head`)."""


def write_error(path, exc: OSError) -> OutputError:
    """The OutputError for a failed write to `path`: ReaderGone where it is a pipe whose reader has gone."""
    if isinstance(exc, BrokenPipeError):
        return ReaderGone(f"The reader of {path} stopped reading; the rows it took are whole.")
    return OutputError(f"Cannot write {path}: {exc.strerror or exc}")


class OutputLock:
    """An exclusive, non-blocking lock (`fcntl.flock`) on an audit's output, held for the whole run, so
    that two audits writing one output at once (a run and a --resume of it) cannot both append rows.
    Taken before the output is opened, and so before it is truncated. A device (/dev/stdout) is not
    locked; neither is anything on a system without `fcntl`."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self._fd: int | None = None

    def acquire(self) -> "OutputLock":
        try:
            import fcntl
        except ImportError:  # Windows: no advisory locks of this kind
            return self
        if self.path.exists() and not self.path.is_file():
            return self
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise OutputError(f"Cannot write {self.path}: {exc.strerror or exc}") from exc
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            os.close(fd)
            raise OutputBusy(f"Another audit is writing {self.path} now; wait for it to finish (or stop it), "
                             "then run again (with --resume to continue it).") from exc
        self._fd = fd
        return self

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is not None:
            os.close(fd)  # closing the descriptor releases the lock


def _truncate_partial_line(path: Path) -> None:
    """Drop a last line that has no newline (a write cut short by a crash)."""
    with open(path, "rb+") as f:
        f.seek(0, os.SEEK_END)
        size = f.tell()
        if size == 0:
            return
        f.seek(size - 1)
        if f.read(1) == b"\n":
            return
        # walk back to the previous newline
        pos, chunk = size, 1 << 16
        while pos > 0:
            start = max(0, pos - chunk)
            f.seek(start)
            block = f.read(pos - start)
            i = block.rfind(b"\n")
            if i >= 0:
                f.truncate(start + i + 1)
                return
            pos = start
        f.truncate(0)


def _dumps(row: dict) -> str:
    try:
        line = json.dumps(row, ensure_ascii=False)
        line.encode("utf-8")
        return line
    except UnicodeEncodeError:  # lone surrogates from a malformed input: keep them escaped
        return json.dumps(row, ensure_ascii=True)


class _RowWriter:
    """Appends one formatted row per call, flushed at once, so a crash cuts at most one line."""

    path: Path
    _f = None

    def format(self, row: dict) -> str:
        raise NotImplementedError

    def write(self, row: dict) -> None:
        try:
            self._f.write(self.format(row))
            self._f.flush()
        except OSError as exc:
            raise write_error(self.path, exc) from exc

    def close(self) -> None:
        """Close the file; a failing last flush (a full disk) is an OutputError."""
        f, self._f = self._f, None
        if f is not None:
            try:
                f.close()
            except OSError as exc:
                raise write_error(self.path, exc) from exc

    def abort(self) -> None:
        """Close the file after an error, without raising another one over it."""
        try:
            self.close()
        except OutputError:
            pass


def audit_row_problem(row) -> str | None:
    """What makes `row` no row this audit writes (None if it is one): --resume must not append to, or
    count, another file's records."""
    if not isinstance(row, dict):
        return "not a JSON object"
    missing = [k for k in ("id", "source", "status") if k not in row]
    if missing:
        return "no " + ", ".join(repr(k) for k in missing)
    if row["status"] not in ("ok", "error"):
        return f"status {row['status']!r}"
    if row["status"] == "ok":
        scores = row.get("scores")
        if not isinstance(scores, dict) or not all(isinstance(scores.get(k), (int, float)) and not isinstance(
                scores.get(k), bool) for k in ("specificity", "warmth", "overall")):
            return "its scores are not three numbers"
    elif not isinstance(row.get("error"), dict):
        return "an error row without its error"
    return None


class JsonlWriter(_RowWriter):
    """One JSON object per line: the Report's JSON plus id/source (or an error row)."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self._f = None

    def existing(self, resume: bool) -> Iterator[dict]:
        """Open the file (truncating it unless `resume`) and yield the rows already in it."""
        try:
            if not resume or not self.path.exists():
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self._f = open(self.path, "w", encoding="utf-8", newline="\n")
                return
            _truncate_partial_line(self.path)
            good_end = 0
            with open(self.path, "rb") as f:
                for lineno, raw in enumerate(f, start=1):
                    if not raw.strip():
                        good_end += len(raw)
                        continue
                    try:
                        row = json.loads(raw)
                    except ValueError:
                        rest = f.read()
                        if rest.strip():
                            raise OutputError(f"{self.path} line {lineno} is not valid JSON; "
                                              "cannot resume from it (remove it or start without --resume).")
                        break  # a damaged last line: rewrite it
                    problem = audit_row_problem(row)
                    if problem:
                        raise OutputError(f"{self.path} line {lineno} is not a row of rejectcheck audit ({problem}); "
                                          "resume only into an audit's own output, or write a new one.")
                    good_end += len(raw)
                    yield row
            with open(self.path, "rb+") as f:
                f.truncate(good_end)
            self._f = open(self.path, "a", encoding="utf-8", newline="\n")
        except OSError as exc:
            self.abort()
            raise OutputError(f"Cannot write {self.path}: {exc.strerror or exc}") from exc

    def format(self, row: dict) -> str:
        return _dumps(row) + "\n"


CSV_COLUMNS = ("id", "source", "status", "date", "sender", "overall", "specificity", "warmth",
               "actionable", "relationship", "risky", "findings", "high_findings", "top_findings",
               "top_message", "warnings", "error_code", "error", "model_version", "profile", "redacted", "english")


# A cell a spreadsheet would run as a formula (OWASP "CSV injection"): it starts with one of these,
# after any quotes this writer added. Such a cell is written with one more leading quote.
_FORMULA = re.compile(r"'*[=+\-@\t\r]")


def _cell(value) -> str:
    """One CSV cell: on one line, control characters escaped, a would-be formula quoted."""
    text = printable("" if value is None else str(value).replace("\r", " ").replace("\n", " "))
    return "'" + text if _FORMULA.match(text) else text


def _uncell(text: str) -> str:
    """The value a cell was written from (the formula quote taken off)."""
    return text[1:] if _FORMULA.match(text, 1) and text.startswith("'") else text


def csv_record(row: dict) -> dict:
    """The CSV columns for one output row (scores, flags, the top findings)."""
    rec = {c: "" for c in CSV_COLUMNS}
    rec.update(id=row.get("id"), source=row.get("source"), status=row.get("status", "ok"),
               date=row.get("date"), sender=row.get("sender"), warnings=" | ".join(row.get("warnings") or ()))
    if "redacted" in row:
        rec["redacted"] = str(bool(row["redacted"])).lower()
    if "english" in row:  # false: no verdict, kept out of the summary (on --resume too)
        rec["english"] = str(bool(row["english"])).lower()
    rec["profile"] = row.get("profile") or ""
    if row.get("status") == "error":
        err = row.get("error") or {}
        rec.update(error_code=err.get("code"), error=err.get("message"))
    else:
        findings = sorted(row.get("findings") or (), key=lambda f: -SEVERITY_RANK.get(f.get("severity"), 0))
        rec.update(**{k: row["scores"][k] for k in ("overall", "specificity", "warmth")},
                   **{k: str(bool(row["flags"][k])).lower() for k in ("actionable", "relationship", "risky")},
                   findings=len(findings), high_findings=sum(f.get("severity") == "high" for f in findings),
                   top_findings="; ".join(list(dict.fromkeys(f["rule"] for f in findings))[:3]),
                   top_message=findings[0]["message"] if findings else "", model_version=row.get("model_version"))
    return {k: _cell(v) for k, v in rec.items()}


def row_from_csv(rec: dict) -> dict:
    """An output row rebuilt from a CSV record, enough for the summary (no sentences)."""
    rec = {k: _uncell(v) if isinstance(v, str) else v for k, v in rec.items()}
    row = {"id": rec.get("id", ""), "source": rec.get("source", ""), "status": rec.get("status") or "ok"}
    for k in ("date", "sender", "model_version", "profile"):
        if rec.get(k):
            row[k] = rec[k]
    if rec.get("redacted") in ("true", "false"):
        row["redacted"] = rec["redacted"] == "true"
    if rec.get("english") in ("true", "false"):
        row["english"] = rec["english"] == "true"
    warnings = [w for w in (rec.get("warnings") or "").split(" | ") if w]
    if row["status"] == "error":
        if warnings:
            row["warnings"] = warnings
        row["error"] = {"code": rec.get("error_code", ""), "message": rec.get("error", "")}
        return row
    try:
        row["scores"] = {k: int(rec[k]) for k in ("overall", "specificity", "warmth")}
    except (KeyError, ValueError, TypeError) as exc:
        raise OutputError(f"A row for id {rec.get('id')!r} has no valid scores; cannot resume from it.") from exc
    row["flags"] = {k: rec.get(k) == "true" for k in ("actionable", "relationship", "risky")}
    row["findings"] = [{"rule": r} for r in (rec.get("top_findings") or "").split("; ") if r]
    row["warnings"] = warnings
    return row


class CsvWriter(_RowWriter):
    """One CSV row per input; each row is a single physical line (newlines are flattened)."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self._f = None
        self._w = None

    def existing(self, resume: bool) -> Iterator[dict]:
        try:
            fresh = not resume or not self.path.exists()
            if not fresh:
                _truncate_partial_line(self.path)
                fresh = self.path.stat().st_size == 0
            if fresh:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self._f = open(self.path, "w", encoding="utf-8", newline="")
                self._w = csv.DictWriter(self._f, fieldnames=CSV_COLUMNS, lineterminator="\n")
                self._w.writeheader()
                self._f.flush()
                return
            with open(self.path, encoding="utf-8", newline="") as f:
                reader = csv.DictReader(f)
                if tuple(reader.fieldnames or ()) != CSV_COLUMNS:
                    raise OutputError(f"{self.path} does not have this audit's CSV columns; cannot resume from it.")
                for rec in reader:
                    yield row_from_csv(rec)
            self._f = open(self.path, "a", encoding="utf-8", newline="")
            self._w = csv.DictWriter(self._f, fieldnames=CSV_COLUMNS, lineterminator="\n")
        except OSError as exc:
            self.abort()
            raise OutputError(f"Cannot write {self.path}: {exc.strerror or exc}") from exc

    def format(self, row: dict) -> str:
        buf = io.StringIO()
        csv.DictWriter(buf, fieldnames=CSV_COLUMNS, lineterminator="\n").writerow(csv_record(row))
        return buf.getvalue()
