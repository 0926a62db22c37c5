"""The CLI: `run(argv) -> int`, one-line errors, documented exit codes, no message text in logs."""
from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from email.message import EmailMessage
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

os.environ["HF_HUB_OFFLINE"] = "1"

from model.errors import ArtifactError, InputError  # noqa: E402
from service import cli  # noqa: E402
from service.cli import EXIT_CODES, ExitCode, run  # noqa: E402

GENERIC = ("Hi Sam,\n\nThank you for your interest in the Data Analyst position. After careful consideration, we "
           "have decided to move forward with other candidates whose experience more closely matches our needs.\n\n"
           "We will keep your CV on file and wish you the best in your job search.\n\nBest regards,\nJane Doe\n"
           "Talent Acquisition")
SPECIFIC = ("Hi Priya,\n\nThank you for the time you put into the SQL take-home for the Data Analyst role. Your "
            "query design was clean, but we need someone who has run dbt in production, and your answers on "
            "incremental models didn't show that yet. If you build a small dbt project, I'd be glad to hear from "
            "you when our analytics team hires again in the spring.\n\nWarm regards,\nDana")
SECRET = "zanzibar-quokka"  # appears only in message text: it must never reach a log


@pytest.fixture
def draft(tmp_path) -> Path:
    p = tmp_path / "draft.txt"
    p.write_text(GENERIC, encoding="utf-8")
    return p


def one_line_error(err: str) -> None:
    lines = [line for line in err.strip().splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("rejectcheck: error: "), err
    assert "Traceback" not in err


# ---- check -------------------------------------------------------------------------------------
def test_check_text_view_highlights_and_explains(draft, capsys):
    assert run(["check", str(draft)]) == 0
    out = capsys.readouterr().out
    assert "Overall" in out and "Specificity" in out and "Warmth" in out
    assert "Thank you for your interest" in out          # the draft itself, with markers
    assert "[1]" in out
    assert re.search(r"^\s+why\s+\S", out, re.M) and re.search(r"^\s+try\s+\S", out, re.M)
    assert "boilerplate." in out or "structure." in out


def test_check_text_view_does_not_praise_a_poor_draft_without_findings(tmp_path, capsys):
    """Header lines with no body, or text that is no rejection, get no findings and a poor score: the text view
    said 'No findings: specific, warm and safe.' under 'Overall 19 Poor' (the web form already says only 'No
    findings' then)."""
    p = tmp_path / "headers.txt"
    p.write_text("Subject: Your application to Harbour Dental\nFrom: Practice Manager <jobs@harbour.example>\n\n",
                 encoding="utf-8")
    assert run(["check", str(p), "-f", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert not report["findings"] and report["scores"]["overall"] < 30  # what this test is about
    assert run(["check", str(p)]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "No findings" in out and "specific, warm and safe" not in out


def test_check_json_is_the_report(draft, capsys):
    assert run(["check", str(draft), "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert set(report["scores"]) == {"specificity", "warmth", "overall"}
    assert report["sentences"][0]["text"] == "Hi Sam,"
    assert all({"rule", "severity", "start", "end", "message", "suggestions"} <= set(f) for f in report["findings"])
    assert report["scores"]["overall"] < 50


def test_check_json_is_the_apis_json(draft, capsys):
    # one report format: the CLI's JSON says, as the API's does, what each suggestion replaces
    from fastapi.testclient import TestClient

    from service.api import create_app
    from tests.test_api import LOCAL, make_settings

    assert run(["check", str(draft), "--format", "json"]) == 0
    cli = json.loads(capsys.readouterr().out)
    with TestClient(create_app(make_settings()), client=LOCAL) as client:
        api = client.post("/v1/check", json={"text": draft.read_text(encoding="utf-8")}).json()
    assert cli["findings"] == api["findings"] and cli["sentences"] == api["sentences"]
    replaced = [f for f in cli["findings"] if f["replace_start"] is not None]
    assert replaced and all(f["replace_start"] <= f["start"] <= f["end"] <= f["replace_end"] for f in replaced)


def test_check_reads_stdin_and_uses_context(tmp_path, monkeypatch, capsys):
    ctx = tmp_path / "ctx.json"
    ctx.write_text(json.dumps({"candidate_name": "Sam", "role": "Data Analyst", "gaps": ["SQL window functions"]}))
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(GENERIC.encode("utf-8"))))
    assert run(["check", "-", "-f", "json", "--context-file", str(ctx)]) == 0
    report = json.loads(capsys.readouterr().out)
    suggestions = " ".join(s for f in report["findings"] for s in f["suggestions"])
    assert "SQL window functions" in suggestions or not report["findings"]


def test_check_eml_uses_its_body(tmp_path, capsys):
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = "a@acme.example", "b@mail.example", "Your application"
    msg.set_content(SPECIFIC)
    p = tmp_path / "m.eml"
    p.write_bytes(bytes(msg))
    assert run(["check", str(p), "-f", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["sentences"][0]["text"] == "Hi Priya,"
    assert report["scores"]["specificity"] >= 50  # the specific body was read, not the headers


def _mime_rejection() -> bytes:
    """A whole e-mail as a mail client pipes it: MIME headers, a quoted-printable text part and an HTML twin."""
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = "Kestrel Logistics <jobs@kestrel.example>", "fatima@mail.example", "Update"
    msg["Message-ID"] = "<r-2207@kestrel.example>"
    body = ("Dear Fatima,\n\nThank you for the time you spent on the route-planning exercise. We\u2019ve chosen a "
            "candidate with more cold-chain experience, which the depot needs this winter. Your fuel model was the "
            "clearest we saw; I\u2019d be glad to tell you when our Leeds depot hires in spring.\n\nBest,\nDevika")
    msg.set_content(body, cte="quoted-printable")
    msg.add_alternative("<p>" + body.replace("\n\n", "</p><p>") + "</p>", subtype="html")
    return bytes(msg)


def test_check_reads_a_whole_email_from_stdin_as_an_eml_file(tmp_path, monkeypatch, capsys):
    """`rejectcheck check < message.eml` (or a mail client's pipe) checked the raw MIME source: the Content-Type
    lines, the boundary and the quoted-printable soft breaks were scored as the draft, and the report differed from
    `rejectcheck check message.eml`. A message on standard input is read as its file is."""
    raw = _mime_rejection()
    p = tmp_path / "m.eml"
    p.write_bytes(raw)
    assert run(["check", str(p), "-f", "json"]) == 0
    from_file = json.loads(capsys.readouterr().out)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(raw)))
    assert run(["check", "-", "-f", "json"]) == 0
    from_stdin = json.loads(capsys.readouterr().out)
    assert from_stdin == from_file
    assert not any("Content-" in s["text"] or "=\n" in s["text"] for s in from_stdin["sentences"])


def test_check_reads_an_html_page_on_stdin_in_the_charset_it_declares(tmp_path, monkeypatch, capsys):
    """`rejectcheck check page.html` reads a Windows-1252 page by its <meta charset>; the same page piped in
    (`check < page.html`) was refused as 'not UTF-8 text'."""
    page = ('<html><head><meta charset="windows-1252"></head><body><p>Dear Ren\u00e9e, we\u2019ve chosen another '
            'applicant for the sous chef role because we need pastry experience.</p></body></html>').encode("cp1252")
    p = tmp_path / "page.html"
    p.write_bytes(page)
    assert run(["check", str(p), "-f", "json"]) == 0
    from_file = json.loads(capsys.readouterr().out)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(page)))
    assert run(["check", "-", "-f", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == from_file
    assert "Dear Ren\u00e9e, we\u2019ve" in from_file["sentences"][0]["text"]


def test_check_keeps_pasted_header_lines_above_a_draft_on_stdin_as_text(monkeypatch, capsys):
    """A draft with a Subject line typed above it is no e-mail file: the checker drops that line and says so."""
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"Subject: Your application\n\n" +
                                                                  SPECIFIC.encode("utf-8"))))
    assert run(["check", "-", "-f", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["sentences"][0]["text"] == "Hi Priya,"
    assert any("header lines" in w for w in report["warnings"])


def _latin1_eml(tmp_path: Path) -> Path:
    """An .eml whose body is Windows-1252 but labelled utf-8, with a signature after '-- '."""
    p = tmp_path / "latin1.eml"
    p.write_bytes(b"From: a@acme.example\nContent-Type: text/plain; charset=utf-8\n"
                  b"Content-Transfer-Encoding: 8bit\n\n"
                  + (SPECIFIC.replace("Priya", "Ren\u00e9e") + "\n-- \nDana, Acme\n").encode("cp1252"))
    return p


def test_check_eml_shows_the_readers_warnings(tmp_path, capsys):
    p = _latin1_eml(tmp_path)
    assert run(["check", str(p), "-f", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["sentences"][0]["text"] == "Hi Ren\u00e9e,"
    assert any("not valid utf-8" in w and "Windows-1252" in w for w in report["warnings"])
    assert any("signature" in w for w in report["warnings"])
    assert run(["check", str(p)]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "Windows-1252" in out and "signature block" in out


def test_feedback_eml_shows_the_readers_warnings(tmp_path, monkeypatch, capsys):
    class Fake:
        def draft_feedback(self, notes, context=None):
            return {"text": "Your SQL was strong.", "warnings": ["The draft's own warning."]}

    monkeypatch.setattr(cli, "load_checker", lambda: Fake())
    p = _latin1_eml(tmp_path)
    assert run(["feedback", str(p), "-f", "json"]) == 0
    warnings = json.loads(capsys.readouterr().out)["warnings"]
    assert warnings[0] == "The draft's own warning."
    assert any("Windows-1252" in w for w in warnings[1:])
    assert run(["feedback", str(p)]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "The draft's own warning." in out and "Windows-1252" in out


@pytest.mark.parametrize("content", [b"", b"   \n", b"\xff\xfe\x00binary"])
def test_check_bad_input_is_a_one_line_usage_error(tmp_path, capsys, content):
    p = tmp_path / "bad.txt"
    p.write_bytes(content)
    assert run(["check", str(p)]) == ExitCode.USAGE
    one_line_error(capsys.readouterr().err)


def test_usage_errors_exit_2_without_traceback(tmp_path, capsys):
    for argv in (["check", str(tmp_path / "missing.txt")], ["check", "--format", "yaml", "x"], ["nonsense"],
                 ["audit", str(tmp_path)], ["audit", str(tmp_path / "nothing.mbox"), "-o", str(tmp_path / "o.jsonl")],
                 ["check", "x", "--context-file", str(tmp_path / "none.json")]):
        assert run(argv) == ExitCode.USAGE, argv
        one_line_error(capsys.readouterr().err)


def test_bad_context_file(tmp_path, draft, capsys):
    ctx = tmp_path / "ctx.json"
    ctx.write_text("[1, 2]")
    assert run(["check", str(draft), "--context-file", str(ctx)]) == ExitCode.USAGE
    one_line_error(capsys.readouterr().err)


@pytest.mark.parametrize("content, says", [
    (b'{"role": {"title": "Analyst"}}', "text"),
    (b'{"strengths": ["SQL", ["nested"]]}', "text"), (b'\xff\xfe{"role": "Analyst"}', "UTF-8"),
    (b'{"role": "Anal\xe9st"}', "UTF-8"),
])
def test_context_file_of_the_wrong_shape_or_encoding_exits_2(tmp_path, draft, capsys, content, says):
    ctx = tmp_path / "ctx.json"
    ctx.write_bytes(content)
    assert run(["check", str(draft), "--context-file", str(ctx)]) == ExitCode.USAGE
    err = capsys.readouterr().err
    one_line_error(err)
    assert says in err


def context_the_checker_gets(monkeypatch, draft, ctx) -> dict:
    """The context `rejectcheck check DRAFT --context-file CTX` hands the checker."""
    seen = {}

    class Recording:
        def check(self, text, context=None, **k):
            seen.update(context)
            raise InputError("stop here")

    monkeypatch.setattr(cli, "load_checker", lambda: Recording())
    assert run(["check", str(draft), "--context-file", str(ctx)]) == ExitCode.USAGE
    return seen


def test_a_context_file_is_read_as_the_checker_reads_a_context(tmp_path, draft, monkeypatch):
    """Numbers become text, as in the Python API (`model.rules.clean_context`)."""
    ctx = tmp_path / "ctx.json"
    ctx.write_text('{"interviewer_notes": 5, "strengths": ["SQL", 3]}')
    assert context_the_checker_gets(monkeypatch, draft, ctx) == {"interviewer_notes": "5", "strengths": ["SQL", "3"]}


@pytest.mark.parametrize("content, says", [
    ('{"candidate_name": "Sam\u202e"}', "candidate_name"),          # a bidi control, refused by the API too
    ('{"strengths": ["SQL {{x}}"]}', "merge field"),                    # mail-merge syntax
    ('{"candidat_name": "Sam"}', "candidat_name"),                     # a typo is not silently ignored
    ('{"role": "x",\n "gaps": [1,}', "line 2, column"),                # where a parse error is
])
def test_a_context_file_gets_the_apis_checks(tmp_path, draft, capsys, content, says):
    ctx = tmp_path / "ctx.json"
    ctx.write_text(content, encoding="utf-8")
    assert run(["check", str(draft), "--context-file", str(ctx)]) == ExitCode.USAGE
    err = capsys.readouterr().err
    assert says in err
    one_line_error(err)


@pytest.mark.parametrize("command", ["check", "feedback"])
@pytest.mark.parametrize("error, code", [(InputError("The context must be an object."), ExitCode.USAGE),
                                         (ArtifactError("heads.safetensors is missing."), ExitCode.MODEL)])
def test_errors_from_a_check_are_one_line_with_their_exit_code(draft, monkeypatch, capsys, command, error, code):
    """`check` and `feedback` map the checker's errors alike: a model error exits 3, bad input 2."""
    class Failing:
        def check(self, *a, **k):
            raise error

        def draft_feedback(self, *a, **k):
            raise error

    monkeypatch.setattr(cli, "load_checker", lambda: Failing())
    assert run([command, str(draft)]) == code
    err = capsys.readouterr().err
    one_line_error(err)
    assert str(error) in err


def test_artifact_error_exits_3(draft, monkeypatch, capsys):
    from model import Checker

    def broken(*a, **k):
        raise ArtifactError("Model file heads.safetensors does not match the manifest (sha256 differs).")

    cli.load_checker.cache_clear()
    monkeypatch.setattr(Checker, "load", classmethod(broken))
    try:
        assert run(["check", str(draft)]) == ExitCode.MODEL
        one_line_error(capsys.readouterr().err)
    finally:
        cli.load_checker.cache_clear()


def test_internal_errors_are_one_line_unless_debug(draft, monkeypatch, capsys):
    class Boom:
        def check(self, *a, **k):
            raise RuntimeError("unexpected")

    monkeypatch.setattr(cli, "load_checker", lambda: Boom())
    assert run(["check", str(draft)]) == ExitCode.INTERNAL
    one_line_error(capsys.readouterr().err)
    assert run(["check", str(draft), "--debug"]) == ExitCode.INTERNAL
    assert "Traceback" in capsys.readouterr().err


# ---- audit ------------------------------------------------------------------------------------
def _templates(tmp_path: Path) -> Path:
    p = tmp_path / "templates.jsonl"
    p.write_text(json.dumps({"id": "generic", "text": GENERIC + f"\n\nRef {SECRET}"}) + "\n"
                 + json.dumps({"id": "specific", "text": SPECIFIC}) + "\n", encoding="utf-8")
    return p


def test_audit_fail_under_gates_like_a_linter(tmp_path, capsys):
    src = _templates(tmp_path)
    out = tmp_path / "out.jsonl"
    assert run(["audit", str(src), "-o", str(out), "--no-progress", "--fail-under", "0"]) == ExitCode.OK
    assert run(["audit", str(src), "-o", str(out), "--no-progress", "--fail-under", "50"]) == ExitCode.FAIL_UNDER
    summary = capsys.readouterr().out
    assert "below 50" in summary and "generic" in summary
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["id"] for r in rows] == ["generic", "specific"]          # overwritten, not appended
    assert run(["audit", str(src), "-o", str(out), "--fail-under", "101"]) == ExitCode.USAGE


def test_audit_fast_uses_the_audit_profile(tmp_path, capsys):
    src = _templates(tmp_path)
    out = tmp_path / "out.jsonl"
    assert run(["audit", str(src), "-o", str(out), "--no-progress", "--fast"]) == ExitCode.OK
    rows = {r["id"]: r for r in map(json.loads, out.read_text().splitlines())}
    assert all(r["model_version"].endswith("-fast") for r in rows.values())
    assert rows["generic"]["scores"]["specificity"] < rows["specific"]["scores"]["specificity"]


def test_audit_with_workers_writes_the_same_rows(tmp_path, capsys):
    src = tmp_path / "in.jsonl"
    texts = [GENERIC, SPECIFIC, "", GENERIC.replace("Data Analyst", "Designer")] * 40
    src.write_text("".join(json.dumps({"id": f"m{i}", "text": t}) + "\n" for i, t in enumerate(texts)))
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert run(["audit", str(src), "-o", str(one), "--no-progress", "--fast", "--batch-size", "16"]) == 0
    assert run(["audit", str(src), "-o", str(two), "--no-progress", "--fast", "--batch-size", "16",
                "--workers", "2"]) == 0
    rows1, rows2 = ([json.loads(x) for x in p.read_text().splitlines()] for p in (one, two))
    assert len(rows2) == len(texts) and [r["id"] for r in rows2] == [r["id"] for r in rows1]
    assert [r.get("scores") for r in rows2] == [r.get("scores") for r in rows1]
    assert sum(r["status"] == "error" for r in rows2) == 40


def test_audit_formats_from_suffix(tmp_path, capsys):
    src = _templates(tmp_path)
    assert run(["audit", str(src), "-o", str(tmp_path / "a.csv"), "--no-progress"]) == 0
    assert (tmp_path / "a.csv").read_text().startswith("id,source,status")
    assert run(["audit", str(src), "-o", str(tmp_path / "a.html"), "--no-progress"]) == 0
    assert "<svg" in (tmp_path / "a.html").read_text()
    # the rows file (message text, for --resume) is removed once the report is written
    assert not (tmp_path / "a.html.rows.jsonl").exists()
    assert "rows:" not in capsys.readouterr().out


def test_audit_never_logs_message_text(tmp_path, capsys):
    src = _templates(tmp_path)
    with open(src, "a") as f:
        f.write(json.dumps({"id": "empty", "text": "  "}) + "\n")
    assert run(["--debug", "audit", str(src), "-o", str(tmp_path / "o.jsonl")]) == 0
    captured = capsys.readouterr()
    assert SECRET not in captured.out and SECRET not in captured.err
    assert "empty" in captured.err                                     # ids and reasons are logged


def test_audit_output_error_exits_4(tmp_path, capsys):
    src = _templates(tmp_path)
    out = tmp_path / "out.jsonl"
    out.write_text('{"id": "a"}\nnot json\n{"id": "b"}\n')
    assert run(["audit", str(src), "-o", str(out), "--resume", "--no-progress"]) == ExitCode.OUTPUT
    one_line_error(capsys.readouterr().err)


def test_audit_that_checks_nothing_exits_2_even_with_fail_under(tmp_path, capsys):
    no_text = tmp_path / "export.csv"
    no_text.write_text("id,body\n1,We decided not to move forward.\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert run(["audit", str(no_text), "-o", str(out), "--no-progress", "--fail-under", "50"]) == ExitCode.USAGE
    captured = capsys.readouterr()
    err = captured.err
    assert "none below 50" not in captured.out and "nothing was checked" in captured.out
    one_line_error(err)
    assert "No message could be checked" in err and "missing_column: 1" in err
    empty = tmp_path / "empty.jsonl"
    empty.write_text(json.dumps({"id": "e", "text": "  "}) + "\n", encoding="utf-8")
    assert run(["audit", str(empty), "-o", str(out), "--no-progress"]) == ExitCode.USAGE     # every input failed
    assert "No message could be checked" in capsys.readouterr().err


def test_audit_resume_with_another_profile_exits_4(tmp_path, capsys):
    src = _templates(tmp_path)
    out = tmp_path / "out.jsonl"
    assert run(["audit", str(src), "-o", str(out), "--no-progress", "--fast"]) == ExitCode.OK
    assert run(["audit", str(src), "-o", str(out), "--no-progress", "--resume"]) == ExitCode.OUTPUT
    err = capsys.readouterr().err
    one_line_error(err)
    assert "-fast" in err and "same model and profile" in err
    assert run(["audit", str(src), "-o", str(out), "--no-progress", "--fast", "--no-risk-terms", "--resume"]) \
        == ExitCode.OUTPUT   # the same model version, without the risk terms
    assert "no risk terms" in capsys.readouterr().err


def test_audit_encoding_option(tmp_path, capsys):
    src = tmp_path / "export.csv"
    src.write_bytes(("id,text\nc1,\"" + SPECIFIC.replace("Priya", "Zoë").replace("\n", " ") + "\"\n").encode("cp1252"))
    out = tmp_path / "out.jsonl"
    assert run(["audit", str(src), "-o", str(out), "--no-progress"]) == ExitCode.USAGE        # nothing checked
    assert "--encoding cp1252" in out.read_text(encoding="utf-8")
    capsys.readouterr()
    assert run(["audit", str(src), "-o", str(out), "--no-progress", "--encoding", "cp1252"]) == ExitCode.OK
    assert json.loads(out.read_text(encoding="utf-8"))["status"] == "ok"
    assert run(["audit", str(src), "-o", str(out), "--encoding", "klingon"]) == ExitCode.USAGE
    one_line_error(capsys.readouterr().err)
    plain = tmp_path / "plain.csv"   # utf-8-sig on a file without a mark must not eat the header's first bytes
    plain.write_text("id,text\nc2,\"" + SPECIFIC.replace("\n", " ") + "\"\n", encoding="utf-8")
    assert run(["audit", str(plain), "-o", str(out), "--no-progress", "--encoding", "utf-8-sig"]) == ExitCode.OK
    assert json.loads(out.read_text(encoding="utf-8"))["id"] == "c2"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (Linux)")
@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_audit_to_a_full_disk_is_an_output_error(tmp_path, capsys, fmt):
    src = tmp_path / "one.jsonl"   # one short row: it stays in the file's buffer until the last flush, at close
    src.write_text(json.dumps({"id": "s", "text": "Thank you for applying. We decided not to move forward."}) + "\n")
    assert run(["audit", str(src), "-o", "/dev/full", "-f", fmt, "--no-progress"]) == ExitCode.OUTPUT
    err = capsys.readouterr().err
    one_line_error(err)
    assert "No space left on device" in err


def _long_audit_under_way(tmp_path):
    """A 40,000-message audit with two workers, started as a user would and already writing rows."""
    import subprocess
    import time

    src = tmp_path / "in.jsonl"
    with open(src, "w", encoding="utf-8") as f:
        for i in range(40_000):
            f.write(json.dumps({"id": f"m{i}", "text": (GENERIC, SPECIFIC)[i % 2] + f"\n\nRef {i}"}) + "\n")
    out = tmp_path / "out.jsonl"
    repo = Path(__file__).resolve().parent.parent
    proc = subprocess.Popen([sys.executable, "-m", "service.cli", "audit", str(src), "-o", str(out), "--fast",
                             "--workers", "2", "--batch-size", "64", "--no-progress"], cwd=repo,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ, "HF_HUB_OFFLINE": "1"})
    deadline = time.time() + 120
    while time.time() < deadline and proc.poll() is None and not (out.exists() and out.stat().st_size > 100_000):
        time.sleep(0.05)
    return proc, out


def test_audit_stopped_by_sigterm_exits_130_with_the_resume_hint(tmp_path):
    """SIGTERM (a CI timeout, `kill`) stops an audit as Ctrl+C does, with workers too: no worker
    tracebacks, no leaked semaphores, the rows so far kept."""
    import signal

    proc, out = _long_audit_under_way(tmp_path)
    try:
        assert proc.poll() is None, proc.communicate()[1].decode()
        proc.send_signal(signal.SIGTERM)
        stdout, stderr = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:  # never leave a stuck audit behind the test run
            proc.kill()
    err = stderr.decode()
    assert proc.returncode == ExitCode.INTERRUPTED, err
    assert "--resume" in err and "Traceback" not in err and "leaked" not in err, err
    assert 0 < len(out.read_bytes().splitlines()) < 40_000


@pytest.mark.parametrize("output, says", [
    ("report.html", ["No HTML report was written", "report.html.rows.jsonl", "--resume"]),
    ("rows.csv", ["rows.csv", "complete rows", "--resume"]),
    ("/dev/null", ["not a file", "cannot be resumed"]),
])
def test_an_interrupted_audit_says_what_it_left_and_where(tmp_path, monkeypatch, capsys, output, says):
    """Ctrl+C said 'Every row written so far is kept; continue with ... --resume' whatever was asked for: an HTML
    audit had written no report at all (its rows wait in a file beside it), and rows sent to a device cannot be
    resumed (--resume refuses them). It says what is there, where, and whether --resume can continue."""
    import service.audit

    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": f"n{i}", "text": (GENERIC, SPECIFIC)[i % 2]}) + "\n" for i in range(12)),
                   encoding="utf-8")
    real_run_audit = service.audit.run_audit

    def interrupted_after_a_batch(*args, **kwargs):
        def stop(n):
            raise KeyboardInterrupt
        return real_run_audit(*args, **{**kwargs, "on_advance": stop})

    monkeypatch.setattr(service.audit, "run_audit", interrupted_after_a_batch)
    out = output if output.startswith("/") else str(tmp_path / output)
    argv = ["audit", str(src), "-o", out, "--batch-size", "4", "--no-progress"] + (["-f", "jsonl"] if "/dev" in out else [])
    assert run(argv) == ExitCode.INTERRUPTED
    err = " ".join(capsys.readouterr().err.split())
    assert all(words in err for words in says), err
    if output.endswith(".html"):
        assert not Path(out).exists() and Path(out + ".rows.jsonl").read_text(encoding="utf-8").count("\n") == 4
    elif output.endswith(".csv"):
        assert Path(out).read_text(encoding="utf-8").count("\n") == 5  # the header and one batch's rows


# ---- rules, serve, feedback ---------------------------------------------------------------------
def test_rules_lists_every_rule(capsys):
    assert run(["rules", "--format", "json"]) == 0
    rules = json.loads(capsys.readouterr().out)
    assert rules and all({"id", "category", "severity", "message"} <= set(r) for r in rules)
    assert run(["rules"]) == 0
    out = capsys.readouterr().out
    assert f"{len(rules)} rules" in out and rules[0]["id"][:20] in out


def test_serve_logs_requests_by_id_and_never_their_text(tmp_path):
    """`rejectcheck serve` (what `make serve` runs) writes the service's request log, as the 500 page promises."""
    import socket
    import subprocess
    import time

    import httpx

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "PYTHONPATH": str(ROOT)}
    log_path = tmp_path / "serve.log"
    with open(log_path, "wb") as log:
        proc = subprocess.Popen([sys.executable, "-m", "service.cli", "serve", "--port", str(port)], cwd=ROOT, env=env,
                                stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 90
        while True:
            assert proc.poll() is None, log_path.read_text(errors="replace")
            try:
                if httpx.get(f"http://127.0.0.1:{port}/v1/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, log_path.read_text(errors="replace")
            time.sleep(0.2)
        r = httpx.post(f"http://127.0.0.1:{port}/v1/check", timeout=30,
                       json={"text": "Hi Sam, the zebracorn project was lovely. We decided not to proceed. Best, Ana"})
        assert r.status_code == 200
        time.sleep(0.5)
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    out = log_path.read_text(errors="replace")
    assert re.search(r"[0-9a-f]{32} POST /v1/check 200 ", out), out
    assert "zebracorn" not in out


def _serve_environment(monkeypatch):
    """`serve` writes its address into the environment for the app's settings: undone after the test."""
    for name in ("REJECTCHECK_HOST", "REJECTCHECK_PORT", "REJECTCHECK_WORKERS", "REJECTCHECK_LOG_LEVEL"):
        monkeypatch.setenv(name, "")
        monkeypatch.delenv(name)


def test_serve_runs_uvicorn_and_prints_the_url(monkeypatch, capsys):
    import importlib.util

    _serve_environment(monkeypatch)

    import uvicorn

    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda app, host, port, **kw: calls.append((app, host, port, kw)))
    real_find_spec = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: object() if name == "service.api" else real_find_spec(name, *a))
    assert run(["serve", "--port", "8123"]) == 0
    # no access log: uvicorn's prints the request line, where a misused client could put a draft; the
    # service's own request log instead (see the next test)
    [(app, host, port, kw)] = calls
    assert (app, host, port, kw["access_log"], kw["log_level"]) == ("service.api:app", "127.0.0.1", 8123, False, "info")
    # --workers N: uvicorn's worker processes, each building the app from the environment
    assert run(["serve", "--port", "8123", "--workers", "3"]) == 0
    app, host, port, kw = calls[-1]
    assert (app, kw["factory"], kw["workers"], os.environ["REJECTCHECK_WORKERS"]) == ("service.api:create_app", True, 3, "3")
    assert "rejectcheck" in kw["log_config"]["loggers"]
    assert "http://127.0.0.1:8123/" in capsys.readouterr().out

    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "service.api" else real_find_spec(name, *a))
    assert run(["serve"]) == ExitCode.UNAVAILABLE
    one_line_error(capsys.readouterr().err)


def test_serve_hands_its_address_to_the_services_settings_and_refuses_a_busy_port(monkeypatch, capsys, tmp_path):
    """`serve --host 0.0.0.0` must make the service require API keys (its settings read REJECTCHECK_HOST),
    not believe it is on localhost and refuse every remote client; a busy port is an error before the URL."""
    import socket

    import uvicorn

    seen = []
    _serve_environment(monkeypatch)
    monkeypatch.setattr(uvicorn, "run", lambda app, host, port, **kw: seen.append(
        (host, port, os.environ["REJECTCHECK_HOST"], os.environ["REJECTCHECK_PORT"])))
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    assert run(["serve", "--host", "0.0.0.0", "--port", str(port)]) == ExitCode.USAGE  # no keys: refused
    assert "API keys are required" in capsys.readouterr().err
    monkeypatch.setenv("REJECTCHECK_API_KEYS", "k-1")
    assert run(["serve", "--host", "0.0.0.0", "--port", str(port)]) == 0
    assert seen[-1] == ("0.0.0.0", port, "0.0.0.0", str(port))
    from service.settings import Settings

    assert Settings().auth_required(frozenset())                      # what the app will enforce
    monkeypatch.setenv("REJECTCHECK_HOST", "127.0.0.1")                 # the environment is the default
    assert run(["serve", "--port", str(port)]) == 0 and seen[-1][0] == "127.0.0.1"
    capsys.readouterr()
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        taken = busy.getsockname()[1]
        assert run(["serve", "--port", str(taken)]) == ExitCode.SERVER
    captured = capsys.readouterr()
    assert "the port is in use" in captured.err and "http://" not in captured.out
    monkeypatch.setenv("REJECTCHECK_PORT", "70000")                    # out of range: a usage error
    assert run(["serve"]) == ExitCode.USAGE and "1-65535" in capsys.readouterr().err
    monkeypatch.delenv("REJECTCHECK_PORT")
    config = tmp_path / "org.yaml"                                       # a mistake in the settings file
    config.write_text("disabled_rules: [nope.rule]\n", encoding="utf-8")
    monkeypatch.setenv("REJECTCHECK_CONFIG", str(config))
    assert run(["serve", "--port", str(port)]) == ExitCode.USAGE and "nope.rule" in capsys.readouterr().err
    assert len(seen) == 2


def test_feedback_without_the_feedback_module_is_a_clear_error(tmp_path, monkeypatch, capsys):
    notes = tmp_path / "notes.txt"
    notes.write_text("Strong SQL; weak on stakeholder communication.")

    class NoFeedback:
        def draft_feedback(self, notes, context=None):
            raise ModuleNotFoundError("No module named 'model.feedback'", name="model.feedback")

    monkeypatch.setattr(cli, "load_checker", lambda: NoFeedback())
    assert run(["feedback", str(notes)]) == ExitCode.UNAVAILABLE
    one_line_error(capsys.readouterr().err)


def test_feedback_prints_the_draft(tmp_path, monkeypatch, capsys):
    notes = tmp_path / "notes.txt"
    notes.write_text("Strong SQL; weak on stakeholder communication.")

    class Fake:
        def draft_feedback(self, notes, context=None):
            return {"text": "Your SQL was strong; we needed more stakeholder work.", "removed": ["weak"]}

    monkeypatch.setattr(cli, "load_checker", lambda: Fake())
    assert run(["feedback", str(notes)]) == 0
    assert "Your SQL was strong" in capsys.readouterr().out
    assert run(["feedback", str(notes), "-f", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["removed"] == ["weak"]


# ---- exit codes are documented ------------------------------------------------------------------
def test_exit_codes_are_documented_in_help_and_docstring(capsys):
    assert run(["--help"]) == 0
    help_text = " ".join(capsys.readouterr().out.split())
    for code, meaning in EXIT_CODES.items():
        assert f"{int(code)} {meaning}" in help_text
        assert f"{int(code):<4} {meaning}".strip() in cli.__doc__
    assert set(EXIT_CODES) == set(ExitCode)


def test_main_exits_with_runs_code(monkeypatch):
    monkeypatch.setattr(sys, "argv", ["rejectcheck", "nonsense"])
    with pytest.raises(SystemExit) as exc:
        cli.main()
    assert exc.value.code == ExitCode.USAGE


def test_check_names_a_folder_and_reads_a_utf16_file_with_its_mark(tmp_path, capsys):
    assert run(["check", str(tmp_path)]) == ExitCode.USAGE
    err = capsys.readouterr().err
    assert "is a folder" in err and "audit" in err
    draft = tmp_path / "notepad.txt"
    draft.write_bytes("Hi Sam, we decided not to proceed with your application. Best, Ana".encode("utf-16"))
    assert run(["check", str(draft), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["sentences"][0]["text"].startswith("Hi Sam")
    draft.write_bytes("Hi Sam, no.".encode("utf-16-le"))  # no mark: read as UTF-8, it is not text
    assert run(["check", str(draft)]) == ExitCode.USAGE
    one_line_error(capsys.readouterr().err)


def test_check_gives_no_verdict_on_text_that_is_not_english(tmp_path, capsys):
    draft = tmp_path / "es.txt"
    draft.write_text("Hola Sam,\n\nGracias por tu interés en el puesto. Lamentablemente hemos decidido seguir con "
                     "otros candidatos cuyo perfil se ajusta mejor.\n\nUn saludo,\nAna", encoding="utf-8")
    assert run(["check", str(draft)]) == 0
    out = capsys.readouterr().out
    flat = " ".join(re.sub(r"[\u2500-\u257f]", " ", out).split())  # without the panel's box lines
    assert "no verdict" in flat and "specific, warm and safe" not in flat
    assert "Risky: not checked" in flat and "Risky: no " not in flat


def test_check_fail_under_gates_one_draft(tmp_path, draft, capsys):
    assert run(["check", str(draft), "--fail-under", "0"]) == ExitCode.OK
    capsys.readouterr()
    assert run(["check", str(draft), "--format", "json", "--fail-under", "60"]) == ExitCode.FAIL_UNDER
    captured = capsys.readouterr()
    overall = json.loads(captured.out)["scores"]["overall"]          # stdout stays the report alone
    assert overall < 60 and f"overall score {overall} is below --fail-under 60" in captured.err
    good = tmp_path / "good.txt"
    good.write_text(SPECIFIC, encoding="utf-8")
    assert run(["check", str(good), "--fail-under", str(overall + 1)]) == ExitCode.OK
    spanish = tmp_path / "es.txt"                                     # no verdict: it cannot fail
    spanish.write_text("Hola Sam,\n\nGracias por tu interés en el puesto. Lamentablemente hemos decidido seguir "
                       "con otros candidatos.\n\nUn saludo,\nAna", encoding="utf-8")
    assert run(["check", str(spanish), "--fail-under", "100"]) == ExitCode.OK
    assert run(["check", str(draft), "--fail-under", "101"]) == ExitCode.USAGE


def test_each_commands_help_lists_the_exit_codes_it_can_return(capsys):
    for command, absent in (("check", "server"), ("rules", "--fail-under"), ("feedback", "--fail-under")):
        assert run([command, "--help"]) == ExitCode.OK
        flat = " ".join(re.sub(r"[\u2500-\u257f]", " ", capsys.readouterr().out).split())
        assert "Exit codes: 0 success" in flat and "70 internal error" in flat
        assert absent not in flat.split("Exit codes:")[1], command


@pytest.mark.parametrize("command", ["check", "audit", "rules", "serve", "feedback"])
def test_each_commands_exit_codes_are_listed_in_order(command, capsys):
    """audit's help listed '... 8 another audit ...; 141 the program reading ...; 70 internal error ...; 130
    interrupted': the codes a reader scans for came out of order."""
    assert run([command, "--help"]) == ExitCode.OK
    flat = " ".join(re.sub(r"[\u2500-\u257f]", " ", capsys.readouterr().out).split())
    listed = [int(code) for code in re.findall(r"(?:Exit codes:|;) (\d+) ", "Exit codes:" + flat.split("Exit codes:")[1])]
    assert listed[0] == 0 and listed == sorted(listed) and {70, 130} <= set(listed), listed


def test_a_context_file_may_give_one_text_where_a_list_goes(tmp_path, draft, monkeypatch):
    ctx = tmp_path / "ctx.yaml"
    ctx.write_text("strengths: clean SQL\ngaps: Kafka in production\n", encoding="utf-8")
    assert context_the_checker_gets(monkeypatch, draft, ctx) == {"strengths": ["clean SQL"],
                                                                 "gaps": ["Kafka in production"]}


def test_a_context_file_may_be_utf16_and_a_folder_is_named(tmp_path, draft, monkeypatch, capsys):
    ctx = tmp_path / "ctx.json"
    ctx.write_bytes('{"role": "Data Analyst"}'.encode("utf-16"))
    assert context_the_checker_gets(monkeypatch, draft, ctx) == {"role": "Data Analyst"}
    capsys.readouterr()
    assert run(["check", str(draft), "--context-file", str(tmp_path)]) == ExitCode.USAGE
    assert "is a folder" in capsys.readouterr().err


def test_a_context_files_empty_list_items_are_no_value(tmp_path, draft, monkeypatch):
    ctx = tmp_path / "ctx.yaml"
    ctx.write_text("role: Analyst\nstrengths:\n  -\n  - ''\ngaps: [null, SQL]\n", encoding="utf-8")
    assert context_the_checker_gets(monkeypatch, draft, ctx) == {"role": "Analyst", "gaps": ["SQL"]}


def test_a_yaml_context_file_is_read_as_text(tmp_path, draft, monkeypatch):
    """YAML would read 3.10 as the number 3.1, Yes as true and a date as a date: a context is text."""
    ctx = tmp_path / "ctx.yaml"
    ctx.write_text("candidate_name: Yes\nrole: 3.10\nstage: 2024-05-01\nstrengths:\n  - Python 3.10\n  - 1e3\n"
                   "gaps:\nadvice: null\n", encoding="utf-8")
    assert context_the_checker_gets(monkeypatch, draft, ctx) == {
        "candidate_name": "Yes", "role": "3.10", "stage": "2024-05-01", "strengths": ["Python 3.10", "1e3"]}


@pytest.mark.parametrize("name, content", [("ctx.yaml", "role: Analyst\nstage: interview\nrole: Engineer\n"),
                                           ("ctx.json", '{"role": "Analyst", "role": "Engineer"}')])
def test_a_context_file_that_gives_a_field_twice_exits_2(tmp_path, draft, capsys, name, content):
    ctx = tmp_path / name
    ctx.write_text(content, encoding="utf-8")
    assert run(["check", str(draft), "--context-file", str(ctx)]) == ExitCode.USAGE
    err = capsys.readouterr().err
    assert "'role' more than once" in err
    one_line_error(err)


def test_audit_to_standard_output_writes_only_rows(tmp_path):
    """`-o /dev/stdout` is JSON Lines a pipe can read: the summary goes to stderr."""
    import subprocess

    src = _templates(tmp_path)
    done = subprocess.run([sys.executable, "-m", "service.cli", "audit", str(src), "-o", "/dev/stdout", "--no-progress",
                           "--fast"], capture_output=True, text=True, cwd=Path(__file__).resolve().parent.parent,
                          env={**os.environ, "HF_HUB_OFFLINE": "1"}, timeout=120)
    assert done.returncode == 0, done.stderr
    assert [json.loads(line)["id"] for line in done.stdout.splitlines()] == ["generic", "specific"]
    assert "Audit summary" in done.stderr


def test_audit_leaves_text_that_is_not_english_out_of_the_scores_and_the_gate(tmp_path, capsys):
    src = tmp_path / "mixed.jsonl"
    spanish = ("Hola Ana,\n\nGracias por tu interés en el puesto de analista. Lamentablemente hemos decidido continuar "
               "con otros candidatos cuyo perfil se ajusta mejor a nuestras necesidades.\n\nSaludos cordiales,\nMarta")
    src.write_text(json.dumps({"id": "es", "text": spanish}) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert run(["audit", str(src), "-o", str(out), "--no-progress", "--fail-under", "90"]) == ExitCode.OK
    assert "Not English" in capsys.readouterr().out
    src.write_text(src.read_text(encoding="utf-8") + json.dumps({"id": "generic", "text": GENERIC}) + "\n",
                   encoding="utf-8")
    assert run(["audit", str(src), "-o", str(out), "--no-progress", "--fail-under", "90"]) == ExitCode.FAIL_UNDER
    summary = re.sub(r"\s+", " ", capsys.readouterr().out)
    assert "1 below 90 (e.g. generic)" in summary


def test_audit_output_format_is_told_by_the_name_or_given(tmp_path, capsys):
    src = _templates(tmp_path)
    assert run(["audit", str(src), "-o", str(tmp_path / "r.tsv"), "--no-progress"]) == ExitCode.USAGE
    assert "--format" in capsys.readouterr().err
    assert run(["audit", str(src), "-o", str(tmp_path / "r.csv"), "--format", "jsonl", "--no-progress"]) == ExitCode.OK
    assert "writing jsonl to r.csv" in re.sub(r"\s+", " ", capsys.readouterr().err)
    json.loads((tmp_path / "r.csv").read_text(encoding="utf-8").splitlines()[0])


def test_an_audit_whose_worker_dies_stops_with_exit_7_and_can_resume(tmp_path):
    """A worker killed (the OOM killer, `kill -9`) must not leave the audit waiting forever."""
    import signal
    import subprocess

    proc, out = _long_audit_under_way(tmp_path)
    try:
        children = subprocess.run(["pgrep", "-P", str(proc.pid)], capture_output=True, text=True).stdout.split()
        workers = [int(c) for c in children
                   if "spawn_main" in Path(f"/proc/{c}/cmdline").read_bytes().decode(errors="replace")]
        assert workers, children
        os.kill(workers[0], signal.SIGKILL)
        stdout, stderr = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
    err = stderr.decode()
    assert proc.returncode == ExitCode.WORKER, err
    assert "--resume" in err and "Traceback" not in err, err
    kept = len(out.read_bytes().splitlines())
    assert 0 < kept < 40_000


@pytest.mark.parametrize("env, says", [
    ({"REJECTCHECK_MAX_BODY_BYTES": "abc"}, "REJECTCHECK_MAX_BODY_BYTES is not valid"),
    ({"REJECTCHECK_HOST": "0.0.0.0", "REJECTCHECK_API_KEYS": ""}, "API keys are required"),
])
def test_serve_stops_with_a_usage_error_on_bad_service_settings(monkeypatch, capsys, env, says):
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    assert run(["serve", "--port", "8793"]) == ExitCode.USAGE
    err = capsys.readouterr().err
    one_line_error(err)
    assert says in err


def test_an_unreadable_file_named_on_the_command_line_is_an_error_row(tmp_path, monkeypatch, capsys):
    """As inside a folder: `audit exports/*.csv` and `audit exports/` give the same rows."""
    good, locked = tmp_path / "a.txt", tmp_path / "b.txt"
    good.write_text(GENERIC)
    locked.write_text(GENERIC)
    real_access, real_read = os.access, Path.read_bytes
    monkeypatch.setattr(os, "access", lambda p, mode, **kw: False if Path(p) == locked else real_access(p, mode, **kw))
    monkeypatch.setattr(Path, "read_bytes", lambda self: (_ for _ in ()).throw(
        PermissionError(13, "Permission denied", str(self))) if self == locked else real_read(self))
    out = tmp_path / "out.jsonl"
    assert run(["audit", str(good), str(locked), "-o", str(out), "--no-progress", "--fast"]) == 0
    rows = {Path(r["source"]).name: r for r in map(json.loads, out.read_text().splitlines())}
    assert rows["a.txt"]["status"] == "ok"
    assert rows["b.txt"]["error"] == {"code": "unreadable_file", "message": "Cannot read the file: Permission denied."}


def test_python_m_service_runs_the_cli():
    done = subprocess.run([sys.executable, "-m", "service", "--help"], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=120)
    assert done.returncode == 0 and "audit" in done.stdout, done.stderr


def test_audit_output_dash_is_standard_output(tmp_path):
    """`-o -` writes the rows to standard output, as `-o /dev/stdout` does (it wrote a file named '-')."""
    src = _templates(tmp_path)
    work = tmp_path / "work"
    work.mkdir()
    done = subprocess.run([sys.executable, "-m", "service", "audit", str(src), "-o", "-", "--no-progress", "--fast"],
                          capture_output=True, text=True, cwd=work, timeout=120,
                          env={**os.environ, "HF_HUB_OFFLINE": "1", "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr
    assert [json.loads(line)["id"] for line in done.stdout.splitlines()] == ["generic", "specific"]
    assert "Audit summary" in done.stderr
    assert not (work / "-").exists()


@pytest.mark.parametrize("name, content", [
    ("export.jsonl", json.dumps({"id": 1, "text": GENERIC}) + "\n"),
    ("export.csv", "id,text\n1,\"" + GENERIC + "\"\n"),
    ("inbox.mbox", "From dana@acme.example Mon Jan  1 00:00:00 2024\nSubject: x\n\n" + GENERIC + "\n"),
])
def test_check_refuses_a_file_of_many_messages_and_names_audit(tmp_path, capsys, name, content):
    """`check export.jsonl` scored the file's JSON (or CSV, or mbox) text as one draft ('Strong 81')."""
    p = tmp_path / name
    p.write_text(content, encoding="utf-8")
    assert run(["check", str(p)]) == ExitCode.USAGE
    err = capsys.readouterr().err
    one_line_error(err)
    assert "rejectcheck audit" in err


def test_check_reads_an_html_file_in_the_character_set_its_meta_tag_declares(tmp_path, capsys):
    """As audit does: a page saved as Windows-1252 that says so was 'not UTF-8 text'."""
    page = tmp_path / "saved.html"
    page.write_bytes(('<html><head><meta charset="windows-1252"></head><body><p>Hi Zoë,</p><p>we will not be '
                      "moving forward; sorry.</p><p>Best, Ana</p></body></html>").encode("cp1252"))
    assert run(["check", str(page), "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["sentences"][0]["text"].startswith("Hi Zoë")


def test_audit_resume_into_a_device_says_there_is_nothing_to_resume(tmp_path, capsys):
    """`-o - --resume` (or /dev/null) was 'Cannot write /dev/stdout: Invalid argument'."""
    src = _templates(tmp_path)
    assert run(["audit", str(src), "-o", "/dev/null", "-f", "jsonl", "--resume", "--no-progress"]) == ExitCode.OUTPUT
    err = capsys.readouterr().err
    one_line_error(err)
    assert "--resume" in err and "not a file" in err and "Invalid argument" not in err


def test_make_serve_listens_where_the_environment_says(tmp_path):
    """`make serve` passes --host/--port, which win over REJECTCHECK_HOST / REJECTCHECK_PORT: the Makefile
    takes them from the environment, as `rejectcheck serve` would, unless HOST= / PORT= are given."""
    repo = Path(__file__).resolve().parents[1]
    env = {**os.environ, "REJECTCHECK_HOST": "0.0.0.0", "REJECTCHECK_PORT": "9123"}
    env.pop("HOST", None), env.pop("PORT", None)
    dry = subprocess.run(["make", "-n", "serve"], cwd=repo, env=env,
                         capture_output=True, text=True, timeout=60)
    assert "serve --host 0.0.0.0 --port 9123" in dry.stdout, dry.stdout + dry.stderr
    dry = subprocess.run(["make", "-n", "serve", "PORT=8111"], cwd=repo, env=env, capture_output=True, text=True,
                         timeout=60)
    assert "--port 8111" in dry.stdout
    plain = {k: v for k, v in env.items() if not k.startswith("REJECTCHECK_")}
    dry = subprocess.run(["make", "-n", "serve"], cwd=repo, env=plain, capture_output=True, text=True, timeout=60)
    assert "serve --host 127.0.0.1 --port 8000" in dry.stdout


def test_audit_to_standard_output_says_it_is_not_available_on_windows(tmp_path, monkeypatch, capsys):
    """Windows has no /dev/stdout: `-o -` would have made a folder \\dev and written the rows into a file named
    'stdout' in it. It is a usage error there, and --help says so."""
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "a", "text": GENERIC}) + "\n", encoding="utf-8")
    monkeypatch.setattr(cli, "STDOUT_PATH", None)  # as on Windows
    assert run(["audit", str(src), "-o", "-", "--no-progress"]) == ExitCode.USAGE
    err = capsys.readouterr().err
    one_line_error(err)
    assert "not available on Windows" in err
    assert run(["audit", "--help"]) == ExitCode.OK
    assert "not on Windows" in re.sub(r"[\s│]+", " ", capsys.readouterr().out)


@pytest.mark.parametrize("command", ["check", "audit", "rules", "serve", "feedback"])
def test_help_loses_no_word_in_an_80_column_terminal(command, monkeypatch, capsys):
    """In an 80-column terminal audit's --format help ended "from the output's suffix .jsonl/.csv/.ht…": a word wider
    than the help column is cut with an ellipsis, and the reader never learnt which suffix gives html."""
    monkeypatch.setenv("COLUMNS", "80")
    assert run([command, "--help"]) == ExitCode.OK
    out = capsys.readouterr().out
    assert max(len(line) for line in out.splitlines()) <= 80
    assert "\u2026" not in out


@pytest.mark.parametrize("argv", [["--help"], ["audit", "--help"], ["check", "--help"], ["serve", "--help"]])
def test_help_shows_no_value_type_for_a_flag(argv, capsys):
    """typer's help printed `<bool>` after --resume, --show-pii, --help ..., as if they took a value."""
    assert run(argv) == ExitCode.OK
    out = capsys.readouterr().out
    assert "--help" in out and "<bool>" not in out
    if argv[0] == "audit":
        assert "<int range>" in out and "<path>" in out  # options that take a value still show its type


@pytest.mark.parametrize("name, content, encoding, says", [
    ("export.txt", "id\ttext\n1\t" + GENERIC.replace("\n", " ") + "\n2\tHi Sam, we went with someone else.\n",
     "utf-16", "tab-separated table"),
    ("templates.txt", "Name\tBody\tDate\nA\tWe will not proceed.\t2024-05-14\n", "utf-16", "tab-separated table"),
    ("export.eml", "".join(f"From dana@acme.example Mon Jan  {i} 00:00:00 2024\nFrom: dana@acme.example\n"
                           f"Message-ID: <m{i}@x>\n\n{GENERIC}\n\n" for i in (1, 2)), "utf-8", "mailbox"),
])
def test_check_refuses_a_table_or_mailbox_named_as_one_message(tmp_path, capsys, name, content, encoding, says):
    """Excel's "Unicode Text" export (UTF-16, tabs, .txt), which audit reads as a table, was scored as one draft by
    `check` (as was an .eml that holds a mailbox, by its first message): refused, naming rejectcheck audit."""
    p = tmp_path / name
    p.write_bytes(content.encode(encoding))
    assert run(["check", str(p)]) == ExitCode.USAGE
    err = capsys.readouterr().err
    one_line_error(err)
    assert says in err and "rejectcheck audit" in err


def test_serve_has_a_log_level_for_uvicorn_and_the_request_log(monkeypatch, capsys):
    """`serve` ran at info with no way to see more (or less): --log-level (or REJECTCHECK_LOG_LEVEL) sets uvicorn's
    level and the request log's alike."""
    import importlib.util
    import logging

    import uvicorn

    _serve_environment(monkeypatch)
    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda app, host, port, **kw: calls.append(kw))
    real_find_spec = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: object() if name == "service.api" else real_find_spec(name, *a))
    assert run(["serve", "--port", "8123", "--log-level", "debug"]) == 0
    assert run(["serve", "--port", "8123", "--workers", "2", "--log-level", "warning"]) == 0
    monkeypatch.setenv("REJECTCHECK_LOG_LEVEL", "DEBUG")
    assert run(["serve", "--port", "8123"]) == 0
    assert [(kw["log_level"], kw["log_config"]["loggers"]["rejectcheck"]["level"]) for kw in calls] == [
        ("debug", logging.DEBUG), ("warning", logging.WARNING), ("debug", logging.DEBUG)]
    monkeypatch.setenv("REJECTCHECK_LOG_LEVEL", "chatty")
    assert run(["serve", "--port", "8123"]) == ExitCode.USAGE
    err = capsys.readouterr().err
    one_line_error(err)
    assert "REJECTCHECK_LOG_LEVEL" in err
    assert len(calls) == 3


def test_check_says_an_outlook_msg_named_eml_is_no_e_mail(tmp_path, capsys):
    """audit reads an Outlook .msg renamed .eml as an error row that says what it is (831c9fa); `check` read it as an
    e-mail, and checked its binary as the draft's text."""
    p = tmp_path / "rejection.eml"
    p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(range(256)) * 8)
    assert run(["check", str(p)]) == ExitCode.USAGE
    err = capsys.readouterr().err
    one_line_error(err)
    assert "not an e-mail" in err and "Outlook .msg" in err, err


@pytest.mark.parametrize("name, head, said", [
    ("mail.msg", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "Outlook .msg"),
    ("rejection.txt", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "Outlook .msg"),
    ("draft", b"%PDF-1.7\n\xe2\xe3\xcf\xd3", "a PDF"),
])
def test_check_says_what_a_file_that_is_no_text_is_whatever_its_name(tmp_path, capsys, name, head, said):
    """`check mail.msg` said only 'not UTF-8 text'; audit (and check for a .msg named .eml) says what the file is."""
    p = tmp_path / name
    p.write_bytes(head + bytes(range(256)) * 8)
    assert run(["check", str(p)]) == ExitCode.USAGE
    err = capsys.readouterr().err
    one_line_error(err)
    assert said in err and "not UTF-8 text" not in err, err


def test_serve_help_shows_each_options_default(capsys):
    """`[default: REJECTCHECK_HOST or 127.0.0.1]` in the help of serve's options was read as rich markup and
    dropped: the help said "Interface to listen on ." and gave no default for any option."""
    assert run(["serve", "--help"]) == ExitCode.OK
    out = re.sub(r"[\s│]+", " ", capsys.readouterr().out)
    for default in ("[default: REJECTCHECK_HOST or 127.0.0.1]", "[default: REJECTCHECK_PORT or 8000]",
                    "[default: REJECTCHECK_WORKERS or 1]", "[default: REJECTCHECK_LOG_LEVEL or info]"):
        assert default in out
    assert " ." not in out and " :" not in out
