"""The audit loop: read inputs, check them in batches, write one row each, fold the summary.

Memory stays flat: inputs are streamed, reports are written and dropped batch by batch, and
the summary is folded incrementally (see aggregate.py). The only per-message state kept is an
8-byte hash of each id, for de-duplicating ids and for `--resume`.
"""
from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import re
import signal
import time
from collections import Counter
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Callable

from model.errors import ArtifactError, CheckerError

from .aggregate import AuditStats
from .html_report import render_html
from .readers import (Columns, Item, UsageError, check_encoding, count_inputs, describe_skipped, discover, printable,
                      iter_items)
from .redact import mask_addresses, redact_row
from .writers import CsvWriter, JsonlWriter, OutputError, OutputLock, write_error

log = logging.getLogger("rejectcheck.audit")
FORMATS = ("jsonl", "csv", "html")


@dataclass
class AuditOptions:
    fmt: str = "jsonl"
    resume: bool = False
    fail_under: int | None = None
    show_pii: bool = False    # rows keep names, addresses and senders as they are (else redacted)
    columns: Columns = field(default_factory=Columns)
    encoding: str = "utf-8"   # of CSV, JSON Lines, .txt and .html inputs without a byte-order mark
    batch_size: int = 256
    workers: int = 1          # processes checking batches in parallel (each loads the model once)


@dataclass
class AuditResult:
    stats: AuditStats
    output_path: Path
    rows_path: Path | None    # None: the HTML report's rows file, removed once the report was written
    resumed: int = 0          # rows already in the output when the run started
    written: int = 0          # rows written by this run
    elapsed: float = 0.0
    notes: list[str] = field(default_factory=list)   # the run's own warnings (files skipped ...)

    @property
    def failed(self) -> bool:
        return self.stats.below > 0

    @property
    def nothing_checked(self) -> bool:
        """No input could be checked: every row is an error row."""
        return self.stats.checked == 0 and self.stats.not_english == 0


def rows_path_for(output_path: Path, fmt: str) -> Path:
    """Where rows are written: the output itself, or (for html) a JSON Lines file beside it, which
    is kept only until the report is written (for --resume after an interruption). A report written
    to a device (/dev/stdout) keeps its rows in a temporary file instead: /dev holds no files of ours."""
    if fmt != "html":
        return output_path
    if output_path.exists() and not output_path.is_file():
        import tempfile

        return Path(tempfile.gettempdir()) / f"rejectcheck-{os.getpid()}.rows.jsonl"
    return output_path.with_name(output_path.name + ".rows.jsonl")


def _id_hash(item_id: str) -> int:
    return int.from_bytes(hashlib.blake2b(item_id.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "big")


def result_row(item: Item, result, with_names: bool) -> dict:
    """The output row for one input: the Report's JSON plus id/source, or an error row."""
    row: dict = {"id": item.id, "source": item.source}
    if isinstance(result, Exception) or result is None:
        if result is None:
            code, message = item.error_code or "invalid_input", item.error or "The input cannot be checked."
        elif isinstance(result, CheckerError):
            code, message = result.code, str(result)
        else:
            code, message = "internal_error", f"rejectcheck failed on this message ({result.__class__.__name__})."
        row["status"] = "error"
        row["error"] = {"code": code, "message": message}
    else:
        row["status"] = "ok"
    if item.date:
        row["date"] = item.date
    if item.sender:
        row["sender"] = item.sender
    if with_names and item.names:
        row["names"] = list(item.names)  # the HTML rows file needs them to group phrases on --resume
    if row["status"] == "ok":
        row.update(result.to_dict())
    if item.warnings:  # the reader's notes (a charset fallback, a signature cut), on error rows too
        row["warnings"] = list(row.get("warnings") or ()) + item.warnings
    return row


# Failures that are never about one message: the model or the installation is broken, so the
# run stops (and can be resumed) instead of writing an error row for every remaining message.
SYSTEMIC = (ArtifactError, ImportError, MemoryError)


def check_items(checker, texts: list[str], check_options: dict | None = None) -> list:
    """A Report or an exception per text. A batch that fails as a whole (one odd message can do
    that) is retried one message at a time, so that only the odd one becomes an error row."""
    if not texts:
        return []
    try:
        if check_options:
            return checker.check_batch(texts, options=check_options, on_error="return")
        return checker.check_batch(texts, on_error="return")
    except SYSTEMIC:
        raise
    except Exception:  # noqa: BLE001 - isolate the message that broke the batch
        log.debug("a batch of %d failed as a whole; checking its messages one by one", len(texts))
    out = []
    for t in texts:
        try:
            out.append(checker.check(t, options=check_options) if check_options else checker.check(t))
        except SYSTEMIC:
            raise
        except CheckerError as exc:
            out.append(exc)
        except Exception as exc:  # noqa: BLE001 - one message must never stop the run
            log.debug("check failed: %s", exc.__class__.__name__)
            out.append(exc)
    return out


# ---- parallel checking ---------------------------------------------------------------------
_WORKER_CHECKER = None


def _start_worker(source: dict, threads: int = 0) -> None:
    """A pool process: Ctrl+C reaches the whole process group, and only the main process handles it
    (it stops the pool), so that workers do not print tracebacks of their own."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _init_worker(source, threads)


def _init_worker(source: dict, threads: int = 0) -> None:
    global _WORKER_CHECKER
    if threads:  # the full model's encoder threads (model/encoder.py), unless the user set them
        os.environ.setdefault("REJECTCHECK_THREADS", str(threads))
    from model import Checker

    logging.getLogger().setLevel(logging.WARNING)
    _WORKER_CHECKER = Checker.load(source["path"], rules=source.get("rules", True), profile=source["profile"],
                                   risk_terms=source.get("risk_terms", True))


def _check_in_worker(texts: list[str]) -> list:
    return check_items(_WORKER_CHECKER, texts)


class WorkerLost(RuntimeError):
    """A worker process died (killed, or out of memory): the audit stops instead of waiting for it."""


def _worker_pool(checker, workers: int):
    """A pool of processes that each load the same model as `checker` (None: check in-process).
    A `ProcessPoolExecutor`: when a worker dies, its batch fails (BrokenProcessPool) instead of
    being lost while the audit waits for it forever (as `multiprocessing.Pool` does)."""
    source = getattr(checker, "source", None)
    if workers <= 1 or not source:
        return None
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # One encoder thread per core between the workers, not one per core in each: 2 workers on 2
    # cores audit ~17% faster with the full model (bench/audit.py --workers 2: 366-384 -> 438-446/s).
    threads = max(1, (os.cpu_count() or 1) // workers)
    # spawn, not fork: the same on Linux and macOS, and no inherited threads or locks
    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"), initializer=_start_worker,
                               initargs=(source, threads))


def _workers(pool) -> list:
    try:
        return list((getattr(pool, "_processes", None) or {}).values())  # (no public way before 3.14)
    except RuntimeError:  # changed by the pool's own thread while read
        return []


def _a_worker_died(pool) -> bool:
    return any(p.exitcode not in (None, 0) for p in _workers(pool))


# Set when a worker pool had to be stopped mid-run (an error, Ctrl+C, SIGTERM, a dead worker): Python's
# own pool threads may then wait at exit on queues no worker reads, so the CLI leaves with os._exit.
POOL_LEFT_UNCLEAN = False


def stop_pool(pool, graceful: bool = False) -> None:
    """Stop a worker pool: `graceful` once every batch is done (the workers finish and exit), else now
    (queued batches are dropped and the workers ended)."""
    global POOL_LEFT_UNCLEAN
    if pool is None:
        return
    if graceful:
        pool.shutdown(wait=True)
        return
    POOL_LEFT_UNCLEAN = True
    processes = _workers(pool)
    manager = getattr(pool, "_executor_manager_thread", None)  # (no public way; shutdown() forgets it)
    queue = getattr(pool, "_call_queue", None)
    if queue is not None:
        queue.cancel_join_thread()  # a queue no worker reads any more must not hold up the exit
    pool.shutdown(wait=False, cancel_futures=True)
    for p in processes:
        if p.is_alive():
            p.terminate()
    for p in processes:
        p.join(timeout=5)
    # The pool's manager thread sees the ended workers and releases the pool's queues; their semaphores
    # are unlinked as it goes. Wait for it, or it can do so while the CLI leaves, and the resource
    # tracker warns of a "leaked semaphore". (It can hang on a result a killed worker half wrote: hence
    # the timeout, after which the CLI's exit releases whatever is left.)
    if manager is not None:
        manager.join(timeout=5)


def _checked(batches, checker, pool):
    """(n, todo, ok, results) per batch, in input order; with a pool, batches are checked in
    parallel while the main process reads a few batches ahead and writes rows."""
    if pool is None:
        for n, todo, ok in batches:
            yield n, todo, ok, check_items(checker, [it.text for it in ok])
        return
    from collections import deque
    from concurrent.futures import TimeoutError as FuturesTimeout
    from concurrent.futures.process import BrokenProcessPool

    pending: deque = deque()
    ahead = 2 * max(1, getattr(pool, "_max_workers", 1)) + 2

    def result(future):
        # The pool fails a dead worker's batch (BrokenProcessPool), except when the worker died holding the
        # task queue's lock: then Python 3.11's pool waits forever. So the workers are looked at every second.
        while True:
            try:
                return future.result(timeout=1.0)
            except FuturesTimeout:
                if _a_worker_died(pool):
                    raise BrokenProcessPool("a worker process died") from None

    try:  # a dead worker breaks the pool: the batch it held, and every submit after, fail at once
        for n, todo, ok in batches:
            pending.append((n, todo, ok, pool.submit(_check_in_worker, [it.text for it in ok])))
            while len(pending) >= ahead:
                n, todo, ok, future = pending.popleft()
                yield n, todo, ok, result(future)
        while pending:
            n, todo, ok, future = pending.popleft()
            yield n, todo, ok, result(future)
    except BrokenProcessPool as exc:
        raise WorkerLost("A worker process stopped unexpectedly (killed, or out of memory). Every row written so "
                         "far is kept; continue with the same command plus --resume (fewer --workers, or a "
                         "smaller --batch-size, need less memory).") from exc


_POSITION = re.compile(r"[#:]\d+$")  # "#3" (the third message of an mbox), ":17" (line 17 of a CSV or JSONL file)


def _source_file(source: str) -> str:
    """The file part of a row's source ("inbox.mbox#3" -> "inbox.mbox", "a.csv:17" -> "a.csv")."""
    return _POSITION.sub("", source)


def _resolve(path: Path) -> str:
    try:
        return str(path.resolve())
    except (OSError, RuntimeError):  # a link in a loop
        return str(path.absolute())


class InputKeys:
    """Which input a row is about, for --resume: the input file (resolved, so that "in/a.csv" and
    "/home/me/in/a.csv" are one file), the position in it, and the id the input gave. Ids alone are
    not enough: exports number their rows 1..N in every file. A row's file written relative to
    another folder is found by its path's tail when exactly one input ends with it."""

    def __init__(self, files):
        self.inputs = {_resolve(Path(f)) for f, _kind in files}
        self._files: dict[str, str] = {}

    def file(self, name: str) -> str:
        found = self._files.get(name)
        if found is None:
            found = _resolve(Path(name))
            if found not in self.inputs:
                tail = tuple(p for p in Path(name).parts if p not in ("..", ".", "/"))
                same = [i for i in self.inputs if tail and Path(i).parts[-len(tail):] == tail]
                if len(same) == 1:
                    found = same[0]
            self._files[name] = found
        return found

    def known(self, source: str) -> bool:
        return self.file(_source_file(source)) in self.inputs

    def key(self, source: str, item_id: str) -> int:
        m = _POSITION.search(source)
        name, position = (source[:m.start()], m.group()) if m else (source, "")
        renamed = "@" + source  # an id used twice in the inputs is written as "id@source"
        if item_id.endswith(renamed) and len(item_id) > len(renamed):
            item_id = item_id[:-len(renamed)]
        # as a CSV cell writes it: on one line, control characters escaped; its addresses masked, as redacted rows
        # write it (a row read back from a redacted output is the same input)
        item_id = mask_addresses(printable(item_id.replace("\r", " ").replace("\n", " ")))
        return _id_hash(f"{self.file(name)}{position}\x00{item_id}")


def run_audit(paths: list[Path], output_path: Path, checker, options: AuditOptions | None = None,
              on_total: Callable[[int], None] | None = None,
              on_advance: Callable[[int], None] | None = None) -> AuditResult:
    """Audit every input under `paths` into `output_path`. Raises UsageError for bad inputs and
    OutputError when the output cannot be written or resumed (an output written by another model
    or profile cannot be resumed)."""
    options = options or AuditOptions()
    if options.fmt not in FORMATS:
        raise UsageError(f"Unknown format {options.fmt!r}; choose one of {', '.join(FORMATS)}.")
    check_encoding(options.encoding)
    output_path = Path(output_path)
    rows_path = rows_path_for(output_path, options.fmt)
    own = {_resolve(output_path), _resolve(rows_path)}
    for p in paths:
        if _resolve(Path(p)) in own:
            raise UsageError(f"The output {p} is also an input.")
    skipped: Counter = Counter()
    # an earlier run's output inside an input folder is not an input
    files = [(f, kind) for f, kind in discover([Path(p) for p in paths], skipped) if _resolve(f) not in own]
    notes = [n for n in (describe_skipped(skipped),) if n]
    if not files:
        raise UsageError("No inputs found (looked for .mbox, .eml, .csv, .jsonl, .json, .html and .txt files)."
                         + (f" {notes[0]}" if notes else ""))
    if options.resume and options.fmt == "html" and not rows_path.exists() and output_path.is_file():
        notes.append(f"{output_path.name} is a finished report, and a finished report keeps no rows: --resume had "
                     "nothing to continue, so every message was checked again.")
    writer = CsvWriter(rows_path) if options.fmt == "csv" else JsonlWriter(rows_path)
    stats = AuditStats(fail_under=options.fail_under, show_pii=options.show_pii)
    start = time.perf_counter()
    done: set[int] = set()  # InputKeys.key of the inputs resumed rows are about
    seen: set[int] = set()
    used: set[int] = set()  # the resume keys given out so far
    keys = InputKeys(files)
    resumed = written = 0
    items = iter_items(files, options.columns, options.encoding)

    def batches():
        """(batch size, items to write, items to check) per batch, de-duplicated and resumed."""
        while True:
            batch = list(islice(items, options.batch_size))
            if not batch:
                return
            todo: list[Item] = []
            for item in batch:
                key = keys.key(item.source, item.id)
                h = _id_hash(item.id)
                if h in seen or key in used:
                    # an id used twice in the inputs: keep both, told apart by source ("id@source"), and by a
                    # number where two records share a source too (CSV rows on one physical line: "#2", "#3")
                    base = new = f"{item.id}@{item.source}"
                    k = 1
                    while _id_hash(new) in seen or keys.key(item.source, new) in used:
                        k += 1
                        new = f"{base}#{k}"
                    item.id, h, key = new, _id_hash(new), keys.key(item.source, new)
                seen.add(h)
                used.add(key)
                if key not in done:
                    todo.append(item)
            yield len(batch), todo, [it for it in todo if it.ok]

    pool = None
    lock = OutputLock(rows_path).acquire()  # before the output is opened (and truncated): OutputBusy
    try:
        profile = checker_profile(checker)
        resumed = _resume(writer, options.resume, checker, keys, stats, done, notes, redacted=not options.show_pii,
                          profile=profile)
        if resumed:
            log.info("resuming: %d rows already in %s", resumed, rows_path)
        if on_total:
            on_total(count_inputs(files, options.columns, options.encoding))
        pool = _worker_pool(checker, options.workers)
        for n, todo, ok, checked in _checked(batches(), checker, pool):
            results = dict(zip((id(it) for it in ok), checked))
            for item in todo:
                row = result_row(item, results.get(id(item)), with_names=options.fmt == "html" and options.show_pii)
                if row["status"] == "error":
                    log.info("could not check %s: %s", printable(item.id[:80]), row["error"]["code"])
                if not options.show_pii:
                    row = redact_row(row, item.names, mask_id=item.id_column)
                row["redacted"] = not options.show_pii
                row["profile"] = profile
                writer.write(row)
                stats.add(row, item.names)
                written += 1
            if on_advance:
                on_advance(n)
    except BaseException:
        writer.abort()  # the first error is the one to report, not a failing close after it
        stop_pool(pool)
        lock.release()
        if options.fmt == "html" and output_path.exists() and not output_path.is_file():
            rows_path.unlink(missing_ok=True)  # a temporary file named after this process: no run can resume it
        raise
    stop_pool(pool, graceful=True)
    try:
        writer.close()
        if options.fmt == "html":
            try:
                write_report(output_path, render_html(stats, inputs=[str(p) for p in paths], notes=notes))
            finally:
                if output_path.exists() and not output_path.is_file():
                    rows_path.unlink(missing_ok=True)  # a device: nothing to resume into
            rows_path.unlink(missing_ok=True)  # needed only to resume an unfinished report
    finally:
        lock.release()
    return AuditResult(stats=stats, output_path=output_path, rows_path=rows_path if options.fmt != "html" else None,
                       resumed=resumed, written=written, elapsed=time.perf_counter() - start, notes=notes)


def checker_profile(checker) -> str:
    """"full", "fast" or "fast, no risk terms": what wrote a row (the last two share a model version)."""
    if getattr(checker, "profile", "full") != "fast":
        return "full"
    return "fast" if getattr(checker, "risk_terms", True) else "fast, no risk terms"


def _resume(writer, resume: bool, checker, keys: InputKeys, stats: AuditStats, done: set[int], notes: list[str],
            redacted: bool = True, profile: str | None = None) -> int:
    """Open the output (truncated unless `resume`) and fold the rows already in it into `stats`
    and `done`; how many there were. Rows from another model or profile, or redacted where this run
    shows names (or the other way round), are an OutputError: one report must not mix them. Rows from
    inputs not given to this run are kept, with a note."""
    expected = getattr(checker, "model_version", None)
    foreign = resumed = 0
    for row in writer.existing(resume):
        version = row.get("model_version")
        if expected and version and version != expected:
            raise OutputError(f"{writer.path} was written by model {version}, and this run uses {expected}; "
                              "resume with the same model and profile (--fast or not), or write a new output.")
        if profile and row.get("profile") and row["profile"] != profile:
            raise OutputError(f"{writer.path} was written by the {row['profile']} profile, and this run uses {profile}; "
                              "resume with the same options (--fast, --no-risk-terms), or write a new output.")
        if row.get("redacted") is not None and bool(row["redacted"]) != redacted:
            was, now = ("redacted", "with --show-pii") if row["redacted"] else ("with --show-pii", "redacted")
            raise OutputError(f"{writer.path} was written {was}, and this run writes rows {now}; resume with the "
                              "same --show-pii setting, or write a new output.")
        source = str(row.get("source", ""))
        foreign += not keys.known(source)
        done.add(keys.key(source, str(row["id"])))
        stats.add(row)
        resumed += 1
    if foreign:
        notes.append(f"{foreign:,} of the {resumed:,} rows resumed from {writer.path} come from inputs not "
                     "given to this run; they are kept in the output and the summary.")
    return resumed


def write_report(path: Path, text: str) -> None:
    """Write the HTML report: replaced atomically, unless the output is not a regular file (a
    device such as /dev/stdout), which is written in place."""
    tmp = path.with_name(path.name + ".tmp")
    try:
        if path.exists() and not path.is_file():
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
            return
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        raise write_error(path, exc) from exc  # (a pipe whose reader has gone: ReaderGone, as for the rows)
