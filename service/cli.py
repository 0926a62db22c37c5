"""rejectcheck's command line: check a draft, audit a mailbox, list rules, serve the web app.

    rejectcheck check draft.txt                  # coloured view: highlights, explanations, fixes
    rejectcheck check - --format json < draft    # the Report as JSON (the API's schema)
    rejectcheck check template.txt --fail-under 60   # exit 1 when the draft scores below 60
    rejectcheck audit inbox.mbox templates/ --output audit.html --format html
    rejectcheck audit templates.csv -o audit.jsonl --fail-under 50   # gate ATS templates in CI
    rejectcheck rules | serve | feedback NOTES_FILE

The CLI is a function, `run(argv) -> int`; only `main()` exits. Errors are one line on
stderr (a traceback only with --debug). Message text is never logged.

Exit codes:
    0    success
    1    --fail-under: a message (for check, the draft) scored below the threshold
    2    usage or input error (bad option, missing file, text that cannot be checked, an audit that checked nothing)
    3    model or artifact error (model files missing, corrupt or mismatched)
    4    output error (the output cannot be written, or cannot be resumed from)
    5    not available in this installation (feedback drafting, the web API)
    6    the web server could not start (e.g. the port is in use)
    7    an audit worker process died (killed, or out of memory); the rows written are kept, --resume continues
    8    another audit is writing the same output now (the output is locked while an audit runs)
    70   internal error (a bug; rerun with --debug for the traceback)
    130  interrupted by Ctrl+C or SIGTERM (an interrupted audit continues with --resume)
    141  the program reading an audit's rows from standard output stopped reading (`-o - | head`); the audit stops quietly, as a pipe's writer does
"""
from __future__ import annotations

import errno
import importlib.util
import json
import logging
import os
import signal
import sys
import traceback
from contextlib import contextmanager
from dataclasses import replace
from enum import Enum, IntEnum
from functools import lru_cache
from pathlib import Path
from typing import Optional

import typer
from typer.core import TyperCommand, TyperGroup
from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from model.errors import ArtifactError, CheckerError, ConfigError, InputError

try:  # typer >= 0.20 vendors click; older versions use click itself
    from typer._click.exceptions import ClickException as _ClickException
except ImportError:  # pragma: no cover - depends on the installed typer
    from click.exceptions import ClickException as _ClickException


class ExitCode(IntEnum):
    OK = 0
    FAIL_UNDER = 1
    USAGE = 2
    MODEL = 3
    OUTPUT = 4
    UNAVAILABLE = 5
    SERVER = 6
    WORKER = 7
    BUSY = 8
    INTERNAL = 70
    INTERRUPTED = 130
    PIPE_CLOSED = 141


EXIT_CODES = {
    ExitCode.OK: "success",
    ExitCode.FAIL_UNDER: "--fail-under: a message (for check, the draft) scored below the threshold",
    ExitCode.USAGE: "usage or input error (bad option, missing file, text that cannot be checked, an audit that "
                    "checked nothing)",
    ExitCode.MODEL: "model or artifact error (model files missing, corrupt or mismatched)",
    ExitCode.OUTPUT: "output error (the output cannot be written, or cannot be resumed from)",
    ExitCode.UNAVAILABLE: "not available in this installation (feedback drafting, the web API)",
    ExitCode.SERVER: "the web server could not start (e.g. the port is in use)",
    ExitCode.WORKER: "an audit worker process died (killed, or out of memory); the rows written are kept, --resume "
                     "continues",
    ExitCode.BUSY: "another audit is writing the same output now (the output is locked while an audit runs)",
    ExitCode.INTERNAL: "internal error (a bug; rerun with --debug for the traceback)",
    ExitCode.INTERRUPTED: "interrupted by Ctrl+C or SIGTERM (an interrupted audit continues with --resume)",
    ExitCode.PIPE_CLOSED: "the program reading an audit's rows from standard output stopped reading (`-o - | head`); "
                          "the audit stops quietly, as a pipe's writer does",
}
# The codes each command can return besides success, internal error and interruption.
COMMAND_CODES = {
    "check": (ExitCode.FAIL_UNDER, ExitCode.USAGE, ExitCode.MODEL, ExitCode.OUTPUT),
    "audit": (ExitCode.FAIL_UNDER, ExitCode.USAGE, ExitCode.MODEL, ExitCode.OUTPUT, ExitCode.WORKER, ExitCode.BUSY,
              ExitCode.PIPE_CLOSED),
    "rules": (ExitCode.MODEL, ExitCode.OUTPUT),
    "serve": (ExitCode.USAGE, ExitCode.MODEL, ExitCode.UNAVAILABLE, ExitCode.SERVER),
    "feedback": (ExitCode.USAGE, ExitCode.MODEL, ExitCode.OUTPUT, ExitCode.UNAVAILABLE),
}
EPILOG = "Exit codes: " + "; ".join(f"{int(c)} {d}" for c, d in EXIT_CODES.items()) + "."


def epilog(*codes: ExitCode) -> str:
    """A command's help ends with the exit codes that command can return (the app's lists all)."""
    shown = sorted({ExitCode.OK, *codes, ExitCode.INTERNAL, ExitCode.INTERRUPTED})
    return "Exit codes: " + "; ".join(f"{int(c)} {EXIT_CODES[c]}" for c in shown) + "."

SEVERITY_STYLE = {"high": "bold red", "low": "yellow", "info": "cyan"}
BAND_STYLE = {"poor": "red", "fair": "dark_orange", "good": "blue", "strong": "green"}

log = logging.getLogger("rejectcheck")


class CliError(Exception):
    """An error the CLI reports as one line with an exit code."""

    def __init__(self, message: str, code: ExitCode = ExitCode.USAGE):
        super().__init__(message)
        self.code = code


class TextFormat(str, Enum):
    text = "text"
    json = "json"


class LogLevel(str, Enum):
    """uvicorn's log levels, for `serve --log-level`."""
    critical = "critical"
    error = "error"
    warning = "warning"
    info = "info"
    debug = "debug"
    trace = "trace"


class AuditFormat(str, Enum):
    jsonl = "jsonl"
    csv = "csv"
    html = "html"


class FlagsWithoutType:
    """Help that lists a flag (--resume, --help) without a value type: typer's rich help printed `<bool>` after
    it, as if it took a value. Mixed into the CLI's group and commands."""

    def get_params(self, ctx) -> list:
        params = super().get_params(ctx)
        for param in params:
            if getattr(param, "is_flag", False) and param.metavar is None:
                param.metavar = ""  # what the help shows in place of the type
        return params


class Group(FlagsWithoutType, TyperGroup):
    pass


class Command(FlagsWithoutType, TyperCommand):
    pass


app = typer.Typer(
    name="rejectcheck",
    cls=Group,
    help="Check job-rejection messages: specificity, warmth, boilerplate, tone and risk - offline.",
    epilog=EPILOG,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
)


def stdout() -> Console:
    return Console(highlight=False, soft_wrap=False)


def stderr() -> Console:
    return Console(stderr=True, highlight=False)


# What "-o -" writes to. Windows has none: the path "/dev/stdout" is a file "stdout" in a folder "\dev" there.
STDOUT_PATH = None if sys.platform == "win32" else "/dev/stdout"


def _is_stdout(path: Path) -> bool:
    """Is `path` this process's standard output (/dev/stdout, /dev/fd/1, or the file it is redirected to)?"""
    try:
        out, here = os.fstat(sys.stdout.fileno()), os.stat(path)
    except (OSError, ValueError, AttributeError):
        return False
    return (out.st_dev, out.st_ino) == (here.st_dev, here.st_ino)


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import PackageNotFoundError, version

        try:
            v = version("rejectcheck")
        except PackageNotFoundError:
            v = "unknown"
        typer.echo(f"rejectcheck {v}")
        raise typer.Exit(0)


@app.callback()
def _root(
    debug: bool = typer.Option(False, "--debug", help="Show tracebacks and debug logs (never message text)."),
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Print the version."),
) -> None:
    """Check job-rejection messages: specificity, warmth, boilerplate, tone and risk - offline."""


# ---- shared helpers ----------------------------------------------------------------------------
@lru_cache(maxsize=2)
def load_checker(profile: str = "full", risk_terms: bool = True):
    """The shipped model (or its fast audit profile), loaded once per process."""
    try:
        from model import Checker

        return Checker.load(profile=profile, risk_terms=risk_terms)
    except ArtifactError as exc:
        raise CliError(str(exc), ExitCode.MODEL) from exc
    except ConfigError as exc:  # the organisation's settings file: a usage error, named
        raise CliError(str(exc), ExitCode.USAGE) from exc
    except Exception as exc:  # noqa: BLE001 - any failure to load is a model/artifact problem
        raise CliError(f"Cannot load the model or its rules: {exc.__class__.__name__}: {exc}", ExitCode.MODEL) from exc


MANY_MESSAGES = {"mbox": "a mailbox", "csv": "a CSV export", "jsonl": "a JSON Lines export", "json": "a JSON export"}  # audit inputs
# a file named as one message that holds many, by the kind audit reads it as (readers.content_kind)
MANY_IN_ONE = {"csv": "a tab-separated table (a spreadsheet's \"Unicode Text\" export)",
               "mbox": "a mailbox saved as one .eml file"}


def read_input(file: str, draft: bool = False) -> tuple[str, str, list[str]]:
    """(text, name, warnings) from a path or '-' (standard input). .eml files give their body, and
    the reader's warnings about it (a charset fallback, a signature cut); other inputs give none. A
    `draft` is refused from a file that holds many messages (an audit's inputs)."""
    from service.audit import Columns
    from service.audit.readers import (bom_codec, content_kind, html_in_declared_charset, input_kind,
                                       is_raw_email, item_from_eml_file, not_text_hint)

    kind = None
    if file == "-":
        if sys.stdin is None or sys.stdin.isatty():
            raise CliError("Give a FILE, or pipe the draft on standard input (rejectcheck check - < draft.txt).")
        data = sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read().encode("utf-8")
        name = "<stdin>"
        if is_raw_email(data):  # `check < message.eml`, or a mail program's pipe: read as the .eml file would be
            kind = "eml"
    else:
        path = Path(file)
        if path.is_dir():
            raise CliError(f"{file} is a folder; give one draft file (to check many, use rejectcheck audit {file}).")
        if not path.is_file():
            raise CliError(f"No such file: {file}")
        kind = input_kind(path)
        # not one draft: checked as one, a JSON export scored 'Strong', and so did an Excel table saved as .txt
        many = draft and (MANY_MESSAGES.get(kind) or MANY_IN_ONE.get(content_kind(path, kind, Columns())))
        if many:
            raise CliError(f"{file} is {many}, which holds many messages; check them with "
                           f"rejectcheck audit {file} -o report.html")
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CliError(f"Cannot read {file}: {exc.strerror or exc}") from exc
        name = path.name
    if kind == "eml":
        item = item_from_eml_file(data, Path(name).stem, name if file == "-" else str(path))
        if not item.ok:
            raise CliError(f"{file if file != '-' else name}: {item.error}")
        return item.text, name, item.warnings
    codec = _codec(data)
    try:
        return data.decode(codec), name, []
    except UnicodeDecodeError as exc:
        # as audit reads it: a page with no byte-order mark in the character set it declares (piped in too: only
        # a page declares one in a <meta> tag)
        declared = (html_in_declared_charset(data) if kind in ("html", None) and bom_codec(data[:4]) is None
                    else None)
        if declared is not None:
            return declared, name, []
        hint = not_text_hint(data[:512])  # as audit says: an Outlook .msg, a PDF, a zip (whatever its name)
        if hint:
            raise CliError(f"{name} is not text.{hint}") from exc
        if codec.startswith("utf-8"):
            raise CliError(f"{name} is not UTF-8 text (save it as UTF-8; UTF-16 and UTF-32 need a "
                           "byte-order mark).") from exc
        raise CliError(f"{name} starts with a {codec.upper()} byte-order mark but is not valid {codec.upper()} "
                       "text.") from exc


def _codec(data: bytes) -> str:
    """UTF-8 (with or without its mark), or the UTF-16/32 a byte-order mark names (Notepad's "Unicode")."""
    from service.audit.readers import bom_codec

    return bom_codec(data[:4]) or "utf-8-sig"


CONTEXT_SHAPE = "an object whose values are text or lists of text (candidate_name, role, strengths ...)"


@contextmanager
def checker_errors(name: str):
    """Translate the checker's errors on one input: an ArtifactError exits 3, any other
    CheckerError (InputError and the like: the text or its context cannot be checked) exits 2."""
    try:
        yield
    except ArtifactError as exc:
        raise CliError(str(exc), ExitCode.MODEL) from exc
    except CheckerError as exc:
        raise CliError(f"{name}: {exc}", ExitCode.USAGE) from exc


def read_context(path: Optional[Path]) -> dict | None:
    """The recruiter's context (JSON or YAML object: candidate_name, role, stage, strengths ...)."""
    if path is None:
        return None
    if path.is_dir():
        raise CliError(f"The context file {path} is a folder; give a JSON or YAML file.")
    if not path.is_file():
        raise CliError(f"No such context file: {path}")
    try:
        data = path.read_bytes()
        raw = data.decode(_codec(data))
    except OSError as exc:
        raise CliError(f"Cannot read {path}: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise CliError(f"The context file {path} is not UTF-8 text.") from exc
    try:
        if path.suffix.lower() in (".yaml", ".yml"):
            import yaml

            ctx = yaml.load(raw, Loader=_text_yaml_loader())  # noqa: S506 - a SafeLoader (see _text_yaml_loader)
        else:
            ctx = json.loads(raw, object_pairs_hook=_no_duplicate_keys)
    except DuplicateKey as exc:
        raise CliError(f"The context file {path} gives {exc} more than once; give each field once.") from None
    except Exception as exc:  # noqa: BLE001 - any parse error is the user's input error
        raise CliError(f"The context file {path} cannot be parsed: {exc.__class__.__name__}{_where(exc)}.") from exc
    if not isinstance(ctx, dict):
        raise CliError(f"The context file {path} must hold {CONTEXT_SHAPE}.")
    # "strengths:" with nothing after it, or a list of nothing ("- " lines, []): not given
    ctx = {k: [x for x in v if x not in (None, "")] if isinstance(v, list) else v for k, v in ctx.items()}
    ctx = {k: v for k, v in ctx.items() if v is not None and v != []}
    from pydantic import ValidationError

    from model.rules import clean_context  # the checker's own rules for a context: one definition
    from service.schemas import CheckContext  # ... and the API's, so a context the API refuses is refused here

    try:
        # numbers become text and one text where a list goes is a list of one, as in the Python API; then
        # the API's checks (plain text, known fields)
        ctx = clean_context(ctx)
        lists = [k for k, f in CheckContext.model_fields.items() if getattr(f.annotation, "__origin__", None) is list]
        ctx = {k: [v] if k in lists and isinstance(v, str) else v for k, v in ctx.items()}
        return CheckContext.model_validate(ctx).to_model()
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc'])) or 'context'}: {e['msg']}" for e in exc.errors()[:5])
        raise CliError(f"In the context file {path}: {problems} (a context is {CONTEXT_SHAPE}).") from None
    except CheckerError as exc:
        raise CliError(f"In the context file {path}: {exc} (a context is {CONTEXT_SHAPE}).") from exc


class DuplicateKey(ValueError):
    """A context file that names one field twice (JSON and YAML parsers would keep the last quietly)."""


def _no_duplicate_keys(pairs: list) -> dict:
    out: dict = {}
    for k, v in pairs:
        if k in out:
            raise DuplicateKey(repr(k))
        out[k] = v
    return out


@lru_cache(maxsize=1)
def _text_yaml_loader():
    """yaml's SafeLoader, reading every scalar as the text it is: a context holds text, so "3.10" is
    not the number 3.1, "Yes" not true and "2024-05-01" not a date (only an empty value or "null" is
    nothing). A key given twice is an error."""
    import yaml

    class TextLoader(yaml.SafeLoader):
        def construct_mapping(self, node, deep=False):
            if isinstance(node, yaml.MappingNode):
                seen = set()
                for key_node, _ in node.value:
                    key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
                    if key is not None and key in seen:
                        raise DuplicateKey(repr(key))
                    seen.add(key)
            return super().construct_mapping(node, deep)

    TextLoader.yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag == "tag:yaml.org,2002:null"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}
    return TextLoader


def _where(exc: Exception) -> str:
    """ ' at line L, column C' for a JSON or YAML parse error that knows where it happened."""
    line, col = getattr(exc, "lineno", None), getattr(exc, "colno", None)
    mark = getattr(exc, "problem_mark", None)
    if line is None and mark is not None:
        line, col = mark.line + 1, mark.column + 1
    return f" at line {line}, column {col}" if line is not None else ""


def _band(score: int) -> str:
    from service.audit.aggregate import band_of

    return band_of(score)


def _score_bar(label: str, score: int) -> Text:
    band = _band(score)
    filled = round(score / 5)
    t = Text(f"{label:<12}", style="bold")
    t.append(f"{score:>3} ", style=BAND_STYLE[band] + " bold")
    t.append("█" * filled, style=BAND_STYLE[band])
    t.append("░" * (20 - filled), style="grey50")
    return t


def render_report(console: Console, text: str, report, name: str = "") -> None:
    """The terminal view of one Report: scores, the text with highlighted findings, explanations."""
    from service.audit.aggregate import BANDS

    band = _band(report.overall)
    english = getattr(report, "english", True)
    # on text that is not English there is no verdict, good or bad (a risk that fired is still shown)
    band_label = next(b[1] for b in BANDS if b[0] == band) if english else "no verdict: not English"
    yes = (lambda b: "[green]yes[/]" if b else "[red]no[/]") if english else (lambda b: "[dim]not checked[/]")  # noqa: E731
    head = Text.assemble(_score_bar("Overall", report.overall), f"  {band_label}\n",
                         _score_bar("Specificity", report.specificity), "\n",
                         _score_bar("Warmth", report.warmth))
    flags = (f"Actionable: {yes(report.actionable)}   Keeps the relationship: {yes(report.relationship)}   "
             f"Risky: {'[bold red]yes[/]' if report.risky else ('[green]no[/]' if english else '[dim]not checked[/]')}")
    console.print(Panel(Text.assemble(head, "\n", Text.from_markup(flags)),
                        title=f"rejectcheck {escape(name)}".strip(), title_align="left", expand=False))
    for w in report.warnings:
        console.print(f"[yellow]! {escape(w)}[/]")

    sents = report.sentences
    whole = (sents[0].start, sents[-1].end) if sents else (0, len(text))
    spans = [f for f in report.findings if (f.start, f.end) != whole and f.end > f.start]
    general = [f for f in report.findings if f not in spans]

    body = Text(text)
    for f in spans:
        body.stylize(SEVERITY_STYLE.get(f.severity, "") + " underline", f.start, f.end)
    markers: dict[int, list[int]] = {}
    for n, f in enumerate(spans, start=1):
        markers.setdefault(f.end, []).append(n)
    view, pos = Text(), 0
    for end in sorted(markers):
        view.append_text(body[pos:end])
        view.append(f"[{','.join(map(str, markers[end]))}]", style="bold magenta")
        pos = end
    view.append_text(body[pos:])
    console.print()
    console.print(Panel(view, title="Draft", title_align="left", border_style="grey50"))

    def explain(grid: Table, label: str, f) -> None:
        head = Text.assemble((f.severity.upper(), SEVERITY_STYLE.get(f.severity, "")), " ", (f.rule, "dim"),
                             "  ", f.message)
        grid.add_row(Text(label, style="bold magenta"), head)
        details = Table.grid(padding=(0, 1))
        details.add_column(no_wrap=True, style="dim")
        details.add_column(ratio=1)
        if f.evidence:
            details.add_row("found", Text(f"“{f.evidence}”", style="italic"))
        if f.rationale:
            details.add_row("why", Text(f.rationale, style="dim"))
        for s in f.suggestions:
            details.add_row("try", Text(s, style="green"))
        if details.row_count:
            grid.add_row("", details)

    for title, group, numbered in (("Findings", spans, True), ("About the whole message", general, False)):
        if not group:
            continue
        console.print(Text(title, style="bold underline"))
        grid = Table.grid(padding=(0, 1))
        grid.add_column(no_wrap=True)
        grid.add_column(ratio=1)
        for n, f in enumerate(group, start=1):
            explain(grid, f"[{n}]" if numbered else "•", f)
        console.print(grid)
    if not english:
        console.print(Text("The draft does not look like English; rejectcheck reads English only, so it gives no "
                           "verdict on it.", style="yellow"))
    elif not report.findings and band == "poor":  # too little to score, or no rejection: no praise (as the web form)
        console.print(Text("No findings, but the scores are poor: see the notes above the draft."
                           if report.warnings else "No findings."))
    elif not report.findings:
        console.print(Text("No findings: specific, warm and safe.", style="green"))


# ---- commands -----------------------------------------------------------------------------------
@app.command(cls=Command, epilog=epilog(*COMMAND_CODES["check"]))
def check(
    file: str = typer.Argument("-", help="The draft: a text, HTML or .eml file, or - for standard input."),
    format: TextFormat = typer.Option(TextFormat.text, "--format", "-f", help="text: coloured view; json: the Report."),
    context_file: Optional[Path] = typer.Option(None, "--context-file", "-c",
                                                help="JSON/YAML facts for suggestions (candidate_name, role, stage, "
                                                     "strengths, gaps, advice ...)."),
    fail_under: Optional[int] = typer.Option(None, "--fail-under", min=0, max=100,
                                             help="Exit 1 when the draft's overall score is below N (a draft that "
                                                  "is not English gets no verdict and passes, with its warning)."),
) -> int:
    """Check one rejection draft."""
    text, name, read_warnings = read_input(file, draft=True)
    context = read_context(context_file)
    checker = load_checker()
    with checker_errors(name):
        report = checker.check(text, context=context)
    if read_warnings:  # the reader's notes on the input travel with the checker's, as in audit rows
        report = replace(report, warnings=tuple(report.warnings) + tuple(read_warnings))
    if format is TextFormat.json:  # the API's JSON: the report, and what each suggestion replaces
        from service.replacements import report_with_replacements

        body = report_with_replacements(report, text, checker.rules)
        sys.stdout.write(json.dumps(body, indent=2, ensure_ascii=False) + "\n")
    else:
        render_report(stdout(), text, report, name)
    overall = report.overall
    if fail_under is not None and report.english and overall < fail_under:
        stderr().print(f"{escape(name)}: overall score {overall} is below --fail-under {fail_under}.")
        return ExitCode.FAIL_UNDER
    return ExitCode.OK


@app.command(cls=Command, epilog=epilog(*COMMAND_CODES["audit"]))
def audit(
    paths: list[Path] = typer.Argument(..., readable=False, help="Inputs: .mbox, .eml (or folders of them), .csv, .tsv, .jsonl, .json, .html, .txt."),
    output: Path = typer.Option(..., "--output", "-o", help="Where to write the results (- for standard output, "
                                                              "not on Windows: the rows only, the summary on "
                                                              "stderr)."),
    format: Optional[AuditFormat] = typer.Option(None, "--format", "-f",
                                                 help="jsonl, csv or html (default: from the output's suffix, "
                                                      ".jsonl, .csv or .html; jsonl without one; needed for any other)."),
    resume: bool = typer.Option(False, "--resume", help="Continue an interrupted audit, skipping the inputs already "
                                                        "written."),
    fail_under: Optional[int] = typer.Option(None, "--fail-under", min=0, max=100,
                                             help="Exit 1 when any message's overall score is below N."),
    show_pii: bool = typer.Option(False, "--show-pii", help="Keep names, e-mail addresses and senders in the output "
                                  "(JSONL sentences, CSV and HTML senders, HTML excerpts); redacted by default."),
    text_column: str = typer.Option("text", help="CSV column / JSON key holding the message (a key inside an "
                                    "object is named with dots: email.body; so are the other columns)."),
    id_column: str = typer.Option("id", help="CSV column / JSON key holding the message's id."),
    date_column: str = typer.Option("date", help="CSV column / JSON key holding the date (for the trend)."),
    sender_column: str = typer.Option("sender", help="CSV column / JSON key holding the sender."),
    encoding: str = typer.Option("utf-8", "--encoding", help="Encoding of CSV, JSONL, .txt and .html inputs "
                                 "(e.g. cp1252 for a Windows export); a byte-order mark (UTF-8/16/32) wins."),
    batch_size: int = typer.Option(256, min=1, max=4096, help="Messages checked per batch."),
    workers: int = typer.Option(1, "--workers", "-w", min=1, max=64,
                                help="Processes checking batches in parallel (one per CPU core suits large "
                                     "audits; each loads the model once, ~1 s and ~200 MB)."),
    fast: bool = typer.Option(False, "--fast", help="Use the audit profile: a smaller word-gram model with only "
                              "the risk-term phrase rules, several times faster (its quality is tabled in the "
                              "model card)."),
    risk_terms: bool = typer.Option(True, "--risk-terms/--no-risk-terms",
                                    help="With --fast: run the risk-term rules (on by default; off is ~1.2-1.4x faster "
                                         "and misses about a third more risky messages)."),
    progress: bool = typer.Option(True, "--progress/--no-progress", help="Show a progress bar on stderr."),
) -> int:
    """Check every message in mailboxes, folders and exports; write one row per message."""
    from service.audit import AuditOptions, Columns, OutputBusy, OutputError, ReaderGone, UsageError, run_audit

    if str(output) == "-":  # the usual name for standard output (it was a file named "-")
        if STDOUT_PATH is None:
            raise CliError("-o - (standard output) is not available on Windows; give a file, e.g. -o audit.jsonl.")
        output = Path(STDOUT_PATH)
    if resume and output.exists() and not output.is_file() and not output.is_dir():
        raise CliError(f"--resume continues an audit's output file, and {output} is not a file (standard output or "
                       "another device): there are no rows to continue from.", ExitCode.OUTPUT)
    by_suffix = {".csv": "csv", ".html": "html", ".htm": "html", ".jsonl": "jsonl", ".json": "jsonl", ".ndjson": "jsonl"}
    suffix = output.suffix.lower()
    if format is None and suffix and suffix not in by_suffix and not _is_stdout(output):
        raise CliError(f"Cannot tell the output format from {output.name!r}: name it .jsonl, .csv or .html, "
                       "or give --format.")
    fmt = format.value if format else by_suffix.get(suffix, "jsonl")
    if format is not None and suffix in by_suffix and by_suffix[suffix] != fmt:
        stderr().print(f"Note: writing {fmt} to {escape(output.name)} as --format says, although its name "
                       f"says {by_suffix[suffix]}.", highlight=False)
    options = AuditOptions(fmt=fmt, resume=resume, fail_under=fail_under, show_pii=show_pii, batch_size=batch_size,
                           workers=workers, encoding=encoding,
                           columns=Columns(text=text_column, id=id_column, date=date_column, sender=sender_column))
    from service.audit.readers import check_encoding, discover
    from service.audit.runner import WorkerLost

    try:  # bad paths and options are usage errors, reported before the model loads
        check_encoding(encoding)
        discover(paths)
    except UsageError as exc:
        raise CliError(str(exc), ExitCode.USAGE) from exc
    checker = load_checker("fast", risk_terms) if fast else load_checker("full")
    err = stderr()
    bar = progress_bar(err, enabled=progress)
    task = bar.add_task("Auditing", total=None)

    def start(total: int) -> None:  # only once the inputs and the output are known to be good
        bar.update(task, total=total)
        bar.start()

    try:
        try:
            with sigterm_as_interrupt():
                result = run_audit(paths, output, checker, options, on_total=start,
                                   on_advance=lambda n: bar.advance(task, n))
        finally:
            bar.stop()
    except UsageError as exc:
        raise CliError(str(exc), ExitCode.USAGE) from exc
    except OutputBusy as exc:
        raise CliError(str(exc), ExitCode.BUSY) from exc
    except ReaderGone:  # "-o - | head -3": the reader has what it wanted; no error, no summary over it
        _stdout_to_devnull()
        return ExitCode.PIPE_CLOSED
    except OutputError as exc:
        raise CliError(str(exc), ExitCode.OUTPUT) from exc
    except WorkerLost as exc:
        raise CliError(str(exc), ExitCode.WORKER) from exc
    except KeyboardInterrupt:
        err.print(interrupted_audit_message(output, fmt), highlight=False, soft_wrap=True)  # paths stay whole
        return ExitCode.INTERRUPTED
    # rows written to standard output ("-o /dev/stdout") stay pure JSON Lines: the summary goes to stderr
    print_summary(err if _is_stdout(output) else stdout(), result)
    if result.nothing_checked:  # a gate that checked nothing must not pass
        codes = ", ".join(f"{k}: {v}" for k, v in result.stats.error_counts())
        total = result.stats.total
        which = "the only input is an error row" if total == 1 else f"all {total:,} inputs are error rows"
        raise CliError(f"No message could be checked: {which} ({codes}); the reasons are in {output}.",
                       ExitCode.USAGE)
    return ExitCode.FAIL_UNDER if result.failed else ExitCode.OK


def interrupted_audit_message(output: Path, fmt: str) -> str:
    """What an interrupted audit left, where, and whether --resume continues it (it resumes a file only)."""
    from service.audit.runner import rows_path_for

    if output.exists() and not output.is_file():
        done = "no report was written" if fmt == "html" else "the rows already written to it are complete"
        return (f"Interrupted: {escape(str(output))} is not a file (standard output or another device), so the audit "
                f"cannot be resumed; {done}. Run it again to check every message.")
    if fmt == "html":
        return (f"Interrupted. No HTML report was written to {escape(str(output))}; the rows checked so far are kept "
                f"in {escape(str(rows_path_for(output, fmt)))}. The same command plus --resume checks the rest and "
                "writes the report.")
    return (f"Interrupted. {escape(str(output))} holds complete rows for the messages checked so far; the same "
            "command plus --resume checks the rest.")


def _stdout_to_devnull() -> None:
    """Standard output goes nowhere from now on: its reader has gone, and the interpreter's last flush of
    what is still buffered must not end the run with 'Exception ignored ... BrokenPipeError'."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # no real file descriptor (an embedding app, a test runner)
        pass


@contextmanager
def sigterm_as_interrupt():
    """SIGTERM (`kill`, a CI job's timeout) stops an audit as Ctrl+C does: the rows written so far
    are kept, workers are stopped, and the run exits 130 with the --resume hint. A second SIGTERM
    while it stops kills at once."""
    def interrupt(signum, frame):
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGTERM, interrupt)
    except ValueError:  # not the main thread (an embedding app): leave its signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def progress_bar(console: Console, enabled: bool = True):
    """A rich progress bar with count, rate (messages/s), elapsed time and ETA."""
    from rich.progress import (BarColumn, MofNCompleteColumn, Progress, ProgressColumn, SpinnerColumn,
                               TextColumn, TimeElapsedColumn, TimeRemainingColumn)

    class RateColumn(ProgressColumn):
        def render(self, task):
            speed = task.finished_speed or task.speed or (task.completed / task.elapsed if task.elapsed else None)
            return Text(f"{speed:,.0f} msg/s" if speed else "– msg/s", style="progress.data.speed")

    return Progress(SpinnerColumn(), TextColumn("[progress.description]{task.description}"), BarColumn(),
                    MofNCompleteColumn(), RateColumn(), TextColumn("elapsed"), TimeElapsedColumn(),
                    TextColumn("ETA"), TimeRemainingColumn(), console=console, disable=not enabled)


def print_summary(console: Console, result) -> None:
    from service.audit.aggregate import BANDS
    from service.audit.readers import printable

    s = result.stats
    table = Table(title="Audit summary", show_header=False, title_justify="left")
    table.add_column(style="bold")
    table.add_column()
    table.add_row("Inputs", f"{s.total:,}" + (f" ({result.resumed:,} from the earlier run)" if result.resumed else ""))
    table.add_row("Checked", f"{s.checked:,}")
    if s.not_english:
        table.add_row("Not English", f"{s.not_english:,} (no verdict: left out of the scores and --fail-under)")
    errors = sum(s.errors.values())
    table.add_row("Could not check", f"{errors:,}" + (" (" + ", ".join(f"{k}: {v}" for k, v in
                                                                       s.error_counts()) + ")" if errors else ""))
    if s.checked:
        table.add_row("Mean scores", "  ".join(f"{k} {s.mean(k):.0f}" for k in ("overall", "specificity", "warmth")))
        table.add_row("Bands", "  ".join(f"[{BAND_STYLE[k]}]{label}[/] {s.bands.get(k, 0):,}"
                                         for k, label, _lo, _hi in BANDS))
        if s.rules:
            table.add_row("Top findings", ", ".join(f"{r} ({n:,})" for r, n in s.top_rules(3)))
    if s.fail_under is not None:
        examples = ", ".join(escape(printable(i)) for i in s.below_ids[:3])
        verdict = (f"[bold red]{s.below:,} below {s.fail_under}[/] (e.g. {examples})" if s.below else
                   f"[green]none below {s.fail_under}[/]" if s.checked else
                   "[yellow]nothing in English to score[/]" if s.not_english else "[bold red]nothing was checked[/]")
        table.add_row("Fail under", verdict)
    for note in result.notes:
        table.add_row("[yellow]Warning[/]", escape(note))
    table.add_row("Output", escape(str(result.output_path))
                  + (f" (rows: {escape(str(result.rows_path))})"
                     if result.rows_path is not None and result.rows_path != result.output_path else ""))
    checked = result.stats.checked + result.stats.not_english
    rate = f" ({checked / result.elapsed:,.0f} messages checked/s)" if checked and result.elapsed else ""
    table.add_row("Time", f"{result.elapsed:.1f} s{rate}")
    console.print(table)


@app.command(cls=Command, epilog=epilog(*COMMAND_CODES["rules"]))
def rules(
    format: TextFormat = typer.Option(TextFormat.text, "--format", "-f", help="text: a table; json: a list."),
) -> int:
    """List the rules: id, category, severity and message."""
    checker = load_checker()
    all_rules = checker.rules.all_rules() if checker.rules is not None else []
    if format is TextFormat.json:
        sys.stdout.write(json.dumps([{"id": r.id, "category": r.category, "severity": r.severity,
                                      "message": r.message} for r in all_rules], indent=2) + "\n")
        return ExitCode.OK
    table = Table(title=f"{len(all_rules)} rules", title_justify="left")
    for col in ("id", "category", "severity", "message"):
        table.add_column(col, overflow="fold")
    for r in all_rules:
        table.add_row(r.id, r.category, Text(r.severity, style=SEVERITY_STYLE.get(r.severity, "")), r.message)
    stdout().print(table)
    return ExitCode.OK


def _address_in_use(host: str, port: int) -> str | None:
    """Why `host:port` cannot be listened on (in use, no such address), or None."""
    import socket

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as exc:
        return f"the address cannot be resolved ({exc.strerror})"
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn binds
        try:
            probe.bind(address)
        except OSError as exc:
            return "the port is in use" if exc.errno == errno.EADDRINUSE else exc.strerror or str(exc)
    return None


def _check_service_settings() -> None:
    """The service's settings as the server will read them: a bad REJECTCHECK_* value, an unreadable API
    keys file, or no keys where keys are required, is a usage error naming what to set."""
    from pydantic import ValidationError

    from service.settings import Settings

    try:
        settings = Settings()
        from service.api import Gate  # (the module reads the settings too)

        Gate(settings)
    except ValidationError as exc:
        first = exc.errors()[0]
        name = "REJECTCHECK_" + "_".join(str(x) for x in first.get("loc", ())).upper()
        raise CliError(f"{name} is not valid: {first.get('msg', 'bad value')}.") from None
    except OSError as exc:
        raise CliError(f"The API keys file cannot be read: {exc.strerror or exc}.") from None
    except RuntimeError as exc:  # keys required and none configured
        raise CliError(str(exc)) from None


@app.command(cls=Command, epilog=epilog(*COMMAND_CODES["serve"]))
def serve(
    host: Optional[str] = typer.Option(None, help="Interface to listen on \\[default: REJECTCHECK_HOST or 127.0.0.1]. "
                                            "Any other than a loopback address needs API keys (REJECTCHECK_API_KEYS)."),
    port: Optional[int] = typer.Option(None, min=1, max=65535,
                                       help="Port to listen on \\[default: REJECTCHECK_PORT or 8000]."),
    workers: Optional[int] = typer.Option(None, min=1, max=64,
                                          help="uvicorn worker processes \\[default: REJECTCHECK_WORKERS or 1]. Each "
                                               "loads its own model (~200 MiB of memory each); checks are serialised "
                                               "within a worker, so more workers serve more callers at once."),
    log_level: Optional[LogLevel] = typer.Option(None, help="The server's log level \\[default: REJECTCHECK_LOG_LEVEL "
                                                            "or info]: info and debug show the request log (method, "
                                                            "path, status, duration and request id; never text)."),
) -> int:
    """Serve the web form and the JSON API."""
    # the service's settings (who may call it: API keys are required off loopback) read the same address
    host = host or os.environ.get("REJECTCHECK_HOST") or "127.0.0.1"
    try:
        port = port or int(os.environ.get("REJECTCHECK_PORT") or 8000)
    except ValueError:
        port = 0
    if not 1 <= port <= 65535:
        raise CliError(f"REJECTCHECK_PORT is not a port number (1-65535): {os.environ.get('REJECTCHECK_PORT')!r}.")
    try:
        workers = workers or int(os.environ.get("REJECTCHECK_WORKERS") or 1)
    except ValueError:
        workers = 0
    if not 1 <= workers <= 64:
        raise CliError(f"REJECTCHECK_WORKERS is not a number of workers (1-64): "
                       f"{os.environ.get('REJECTCHECK_WORKERS')!r}.")
    level = log_level.value if log_level is not None else (os.environ.get("REJECTCHECK_LOG_LEVEL") or "info").lower()
    if level not in LogLevel.__members__:
        raise CliError(f"REJECTCHECK_LOG_LEVEL is not a log level ({', '.join(LogLevel.__members__)}): "
                       f"{os.environ.get('REJECTCHECK_LOG_LEVEL')!r}.")
    # each worker process builds its app (and Settings) from the environment
    os.environ["REJECTCHECK_HOST"], os.environ["REJECTCHECK_PORT"] = host, str(port)
    os.environ["REJECTCHECK_WORKERS"] = str(workers)
    if importlib.util.find_spec("uvicorn") is None:
        raise CliError("The web server needs uvicorn: pip install 'uvicorn[standard]'.", ExitCode.UNAVAILABLE)
    if importlib.util.find_spec("service.api") is None:
        raise CliError("The web API (service/api.py) is not available in this installation.", ExitCode.UNAVAILABLE)
    import uvicorn

    _check_service_settings()  # REJECTCHECK_* settings and API keys: an error now, not a traceback at start-up
    from service.api import uvicorn_logging

    try:  # the organisation's settings file: a mistake is an error now, not a server that answers 503
        from model.rules import RuleEngine

        RuleEngine.load()
    except ConfigError as exc:
        raise CliError(str(exc)) from exc
    busy = _address_in_use(host, port)
    if busy:  # before the URL is printed: the user would open whatever already listens there
        raise CliError(f"The server could not start on {host}:{port}: {busy}.", ExitCode.SERVER)
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    stdout().print(f"rejectcheck is starting: open [bold]http://{shown}:{port}/[/] (Ctrl+C to stop)")
    try:  # with the service's request log (never text), as `python -m service.api` runs it
        if workers > 1:
            uvicorn.run("service.api:create_app", factory=True, workers=workers, host=host, port=port,
                        **uvicorn_logging(level))
        else:
            uvicorn.run("service.api:app", host=host, port=port, **uvicorn_logging(level))
    except SystemExit as exc:  # uvicorn exits when it cannot bind or import the app
        if exc.code not in (0, None):
            raise CliError(f"The server could not start on {host}:{port} (see the log above).",
                           ExitCode.SERVER) from exc
    return ExitCode.OK


@app.command(cls=Command, epilog=epilog(*COMMAND_CODES["feedback"]))
def feedback(
    notes_file: str = typer.Argument(..., help="Private interviewer notes (a text file, or - for stdin)."),
    context_file: Optional[Path] = typer.Option(None, "--context-file", "-c", help="JSON/YAML facts (role, stage ...)."),
    format: TextFormat = typer.Option(TextFormat.text, "--format", "-f", help="text or json."),
) -> int:
    """Draft candidate-safe feedback from private interview notes."""
    notes, name, read_warnings = read_input(notes_file)
    context = read_context(context_file)
    checker = load_checker()
    with checker_errors(name):
        try:
            result = checker.draft_feedback(notes, context)
        except ModuleNotFoundError as exc:
            if exc.name and exc.name.split(".")[-1] == "feedback":
                raise CliError("Feedback drafting is not available in this installation "
                               "(model/feedback.py is missing).", ExitCode.UNAVAILABLE) from exc
            raise
        except AttributeError as exc:
            if "draft_feedback" in str(exc):
                raise CliError("Feedback drafting is not available in this installation.",
                               ExitCode.UNAVAILABLE) from exc
            raise
    data = result.to_dict() if hasattr(result, "to_dict") else result
    if read_warnings and isinstance(data, dict):  # the reader's notes on the input, after the draft's own
        data = {**data, "warnings": list(data.get("warnings") or ()) + list(read_warnings)}
    if format is TextFormat.json:
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")
        return ExitCode.OK
    console = stdout()
    if isinstance(data, str):
        console.print(Text(data))
        return ExitCode.OK
    if isinstance(data, dict):
        main_text = next((data[k] for k in ("text", "draft", "feedback", "message") if isinstance(data.get(k), str)),
                         None)
        if main_text is not None:
            console.print(Panel(Text(main_text), title="Draft feedback", title_align="left"))
        for k, v in data.items():
            if isinstance(v, list) and v:
                console.print(Text(k.replace("_", " ").capitalize(), style="bold"))
                for x in v:
                    console.print(Text("  • ") + _feedback_item(x))
        if main_text is None:
            console.print_json(json.dumps(data, ensure_ascii=False, default=str))
        return ExitCode.OK
    console.print(Text(str(data)))
    return ExitCode.OK


def _feedback_item(x) -> Text:
    """One listed item of a feedback draft: its text (or note), with its kind and reason."""
    if not isinstance(x, dict):
        return Text(str(x))
    main = x.get("text") or x.get("note") or x.get("message")
    if not isinstance(main, str):
        return Text(json.dumps(x, ensure_ascii=False, default=str))
    t = Text(main)
    if x.get("kind"):
        t.append(f"  ({x['kind']})", style="dim")
    if x.get("reason"):
        t.append(f"  {x['reason']}", style="yellow")
    return t


# ---- entry points -----------------------------------------------------------------------------
def _setup_logging(debug: bool) -> None:
    logger = logging.getLogger("rejectcheck")
    logger.handlers[:] = []
    if debug:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.DEBUG)
    else:
        logger.addHandler(logging.NullHandler())
        logger.setLevel(logging.WARNING)
    logger.propagate = False


def _error(message: str) -> None:
    """One line on stderr, however many lines the underlying exception had."""
    line = " ".join(str(message).split())
    if len(line) > 400:
        line = line[:400] + " …"
    print(f"rejectcheck: error: {line}", file=sys.stderr)


def run(argv: list[str] | None = None) -> int:
    """Run the CLI with `argv` (without the program name); return the exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    head, sep, tail = (argv[:argv.index("--")], ["--"], argv[argv.index("--") + 1:]) if "--" in argv else (argv, [], [])
    debug = "--debug" in head
    if debug:  # accept --debug anywhere, as if given before the command
        argv = ["--debug"] + [a for a in head if a != "--debug"] + sep + tail
    _setup_logging(debug)
    command = typer.main.get_command(app)
    try:
        rv = command.main(args=argv, prog_name="rejectcheck", standalone_mode=False)
        return int(rv) if isinstance(rv, int) else ExitCode.OK
    except CliError as exc:
        if debug:
            traceback.print_exc()
        _error(str(exc))
        return int(exc.code)
    except typer.Exit as exc:
        return exc.exit_code
    except typer.Abort:
        return int(ExitCode.INTERRUPTED)
    except _ClickException as exc:
        hint = ""
        ctx = getattr(exc, "ctx", None)
        if ctx is not None:
            hint = f" (see '{ctx.command_path} --help')"
        _error(exc.format_message().replace("\n", " ") + hint)
        return int(ExitCode.USAGE)
    except KeyboardInterrupt:
        return int(ExitCode.INTERRUPTED)
    except BrokenPipeError:
        return int(ExitCode.OK)
    except InputError as exc:
        _error(str(exc))
        return int(ExitCode.USAGE)
    except ArtifactError as exc:
        _error(str(exc))
        return int(ExitCode.MODEL)
    except Exception as exc:  # noqa: BLE001 - the one place where anything unexpected is translated
        if debug:
            traceback.print_exc()
        _error(f"internal error ({exc.__class__.__name__}: {exc}); rerun with --debug for the traceback.")
        return int(ExitCode.INTERNAL)


def main() -> None:
    """Console-script entry point: the only place that exits."""
    code = run()
    from service.audit import runner

    if runner.POOL_LEFT_UNCLEAN:
        # An audit whose workers were stopped mid-run (a dead worker, Ctrl+C, SIGTERM): its rows are written
        # and closed, and the message printed. Python's own pool threads can still wait on queues no worker
        # reads at exit (3.11), so leave at once.
        from multiprocessing import util

        util._run_finalizers(0)  # the pool's locks are released (no "leaked semaphore" warning); its joins are not run
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    sys.exit(code)


if __name__ == "__main__":
    main()
