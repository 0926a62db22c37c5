"""Audits: every input accounted for, resumable after SIGKILL, bounded state, a self-contained report."""
from __future__ import annotations

import csv
import json
import mailbox
import os
import re
import signal
import subprocess
import sys
import time
from email.message import EmailMessage
from html.parser import HTMLParser
from pathlib import Path

import pytest

os.environ["HF_HUB_OFFLINE"] = "1"

from conftest import finishes_within  # noqa: E402
from model import Checker  # noqa: E402
from model.errors import InputError  # noqa: E402
from service.audit import AuditOptions, Columns, OutputError, UsageError, run_audit  # noqa: E402
from service.audit.aggregate import AuditStats, BoundedTable, PhraseStat  # noqa: E402
from service.audit.readers import count_inputs, discover, iter_items, strip_signature  # noqa: E402
from service.audit.redact import greeting_names, mask_sender, redact  # noqa: E402
from service.audit.runner import check_items, rows_path_for  # noqa: E402

REPO = Path(__file__).resolve().parent.parent

GENERIC = ("Hi {name},\n\nThank you for your interest in the {role} role. After careful consideration, we have "
           "decided to move forward with other candidates whose experience more closely matches our needs.\n\n"
           "We will keep your CV on file.\n\nBest regards,\nDana Lee\nTalent Team")
SPECIFIC = ("Hi {name},\n\nThank you for the time you put into the SQL take-home for the {role} role. Your query "
            "design was clean, but we need someone who has run dbt in production, and your answers on incremental "
            "models didn't show that yet. If you build a small dbt project, I'd be glad to hear from you when our "
            "analytics team hires again in the spring.\n\nWarm regards,\nDana Lee")
NAMES = ["Priyanka", "Tomasz", "Aisha", "Mateo", "Yuki", "Olu", "Grace", "Lars"]
ROLES = ["Data Analyst", "Backend Engineer", "Product Designer", "Nurse Practitioner"]


def draft(i: int) -> str:
    template = SPECIFIC if i % 3 == 0 else GENERIC
    return template.format(name=NAMES[i % len(NAMES)], role=ROLES[i % len(ROLES)])


@pytest.fixture(scope="module")
def checker():
    return Checker.load()


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def audit(checker, paths, out: Path, **kw) -> tuple[list[dict], object]:
    result = run_audit([Path(p) for p in paths], out, checker, AuditOptions(**kw))
    rows = read_jsonl(result.rows_path) if kw.get("fmt", "jsonl") == "jsonl" else None
    return rows, result


def email(i: int, body: str | None = None, *, subtype: str = "plain", to: str | None = None) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = "Dana Lee <dana.lee@acme.example>"
    msg["To"] = to or f"{NAMES[i % len(NAMES)]} Kowalski <cand{i}@mail.example>"
    msg["Subject"] = "Your application"
    msg["Date"] = f"Mon, {1 + i % 27:02d} Jan 2024 10:00:00 +0000"
    msg["Message-ID"] = f"<msg{i}@acme.example>"
    msg.set_content(body if body is not None else draft(i), subtype=subtype)
    return msg


# ---- inputs: nothing is dropped silently ------------------------------------------------------
def test_mbox_with_corrupt_messages_accounts_for_every_message(tmp_path, checker):
    path = tmp_path / "inbox.mbox"
    box = mailbox.mbox(str(path))
    for i in range(4):
        box.add(email(i))
    box.add(email(4, "<html><body><p>Hi Aisha,</p><p>Thank you for applying. We have decided not to proceed "
                     "with your application at this time.</p><p>Best regards,<br>Dana</p></body></html>",
                  subtype="html"))
    box.add(email(5, draft(5) + "\n\nOn Mon, 1 Jan 2024, Yuki <y@mail.example> wrote:\n> any news?\n> thanks"))
    box.flush()
    box.close()
    with open(path, "ab") as f:
        # a message with a character set nobody knows, one of binary junk, one with no text at all
        f.write(b"From bad@x Mon Jan  1 00:00:00 2024\nMessage-ID: <badcharset@x>\n"
                b"Content-Type: text/plain; charset=x-no-such-charset\n\nHello there\n\n")
        f.write(b"From junk@x Mon Jan  1 00:00:00 2024\nMessage-ID: <junk@x>\n\n" + bytes(range(0, 32)) * 20 + b"\n\n")
        f.write(b"From att@x Mon Jan  1 00:00:00 2024\nMessage-ID: <att@x>\nMIME-Version: 1.0\n"
                b"Content-Type: multipart/mixed; boundary=XX\n\n--XX\nContent-Type: application/pdf\n"
                b"Content-Disposition: attachment; filename=cv.pdf\nContent-Transfer-Encoding: base64\n\nJVBERi0=\n--XX--\n")
    rows, result = audit(checker, [path], tmp_path / "out.jsonl")
    assert len(rows) == 9 == result.stats.total == count_inputs(discover([path]), Columns())
    by_id = {r["id"]: r for r in rows}
    assert len(by_id) == 9
    assert all(by_id[f"msg{i}@acme.example"]["status"] == "ok" for i in range(6))
    # an unknown character set over an ASCII body: read as UTF-8, with a warning
    assert by_id["badcharset@x"]["status"] == "ok"
    assert any("unknown character set" in w for w in by_id["badcharset@x"]["warnings"])
    assert by_id["junk@x"]["status"] == "error" and by_id["junk@x"]["error"]["code"] == "invalid_input"
    assert by_id["att@x"]["error"]["code"] == "no_text_body"
    assert any("HTML" in w for w in by_id["msg4@acme.example"]["warnings"])
    assert any("quoted reply" in w for w in by_id["msg5@acme.example"]["warnings"])
    assert by_id["msg0@acme.example"]["date"] == "2024-01-01T10:00:00"
    assert by_id["msg0@acme.example"]["sender"] == "d…@acme.example"         # masked, as in the reports
    assert by_id["msg0@acme.example"]["source"].endswith("inbox.mbox#1")


def test_csv_with_broken_rows_keeps_going(tmp_path, checker):
    path = tmp_path / "templates.csv"
    good = [draft(i).replace("\n", "\\n") for i in range(4)]
    lines = [
        "id,text,date,sender",
        f'a1,"{draft(0)}",2024-01-05,ann@acme.example',        # a quoted multi-line text
        "a2,too,many,fields,here",                              # wrong number of fields
        f'a3,"{good[1]}",2024-02-05,bob@acme.example',
        'a4,"an unclosed quote,2024-02-06,bob@acme.example',    # swallows what follows unless resynced
        f'a5,"{good[2]}",2024-03-05,ann@acme.example',
        "a6,,2024-03-06,ann@acme.example",                      # empty text
        f'a7,"{good[3]}",not a date,',
    ]
    path.write_bytes(("\n".join(lines) + "\n").encode("utf-8") + b'a8,"caf\xe9 bad bytes",2024-01-01,x\n')
    out = tmp_path / "out.csv"
    _, result = audit(checker, [path], out, fmt="csv")
    with open(out, newline="", encoding="utf-8") as f:
        recs = list(csv.DictReader(f))
    ids = [r["id"] for r in recs]
    assert result.stats.total == len(recs) == 8 == count_inputs(discover([path]), Columns())
    status = {r["id"]: r["status"] for r in recs}
    assert len(set(ids)) == len(ids)
    assert status["a1"] == status["a3"] == status["a5"] == status["a7"] == "ok"
    assert status["a6"] == "error"
    errors = {r["id"]: r for r in recs if r["status"] == "error"}
    a2 = 2 + draft(0).count("\n") + 1                         # a1's text spans several lines
    assert "fields" in errors["a2"]["error"]                 # keeps its id
    assert "malformed" in errors[f"templates.csv:{a2 + 2}"]["error"]   # a4, whose quote never closes
    assert "UTF-8" in errors[f"templates.csv:{a2 + 6}"]["error"]
    assert len(set(ids)) == len(ids)
    ok = next(r for r in recs if r["id"] == "a3")           # the generic template
    assert ok["overall"].isdigit() and ok["top_findings"] and ok["actionable"] in ("true", "false")


def test_eml_folder_with_html_body_and_attachment(tmp_path, checker):
    folder = tmp_path / "mail"
    folder.mkdir()
    html = email(1, "<html><body><p>Hi Tomasz,</p><p>Thank you for interviewing with us. We have decided not to "
                    "move forward.</p><p>Regards,<br>Dana</p></body></html>", subtype="html")
    html.add_attachment(b"%PDF-1.4 secret attachment text", maintype="application", subtype="pdf",
                        filename="offer.pdf")
    (folder / "html.eml").write_bytes(bytes(html))
    both = email(2)
    both.add_alternative("<html><body><p>HTML version</p><p>ignored</p></body></html>", subtype="html")
    (folder / "both.eml").write_bytes(bytes(both))
    (folder / "empty.eml").write_bytes(b"")
    (folder / "notes.docx").write_bytes(b"not an input")  # unknown kinds in folders are skipped
    rows, _ = audit(checker, [folder], tmp_path / "out.jsonl")
    assert len(rows) == 3
    by_source = {Path(r["source"]).name: r for r in rows}
    assert by_source["html.eml"]["status"] == "ok"
    assert any("HTML" in w for w in by_source["html.eml"]["warnings"])
    assert "secret attachment" not in json.dumps(by_source["html.eml"])
    assert "HTML version" not in json.dumps(by_source["both.eml"])  # text/plain preferred
    assert by_source["empty.eml"]["status"] == "error"


def test_jsonl_inputs_and_duplicate_ids(tmp_path, checker):
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join([
        json.dumps({"id": "x", "text": draft(0)}),
        json.dumps({"id": "x", "text": draft(1)}),          # the same id twice: both kept
        "{not json",
        json.dumps(["a list"]),
        json.dumps({"id": "no-text"}),
        json.dumps({"text": draft(2), "sent": "2024-05-01"}),
    ]) + "\n", encoding="utf-8")
    rows, _ = audit(checker, [path], tmp_path / "out.jsonl", columns=Columns(date="sent"))
    assert [r["status"] for r in rows] == ["ok", "ok", "error", "error", "error", "ok"]
    assert len({r["id"] for r in rows}) == 6
    assert rows[2]["error"]["code"] == "invalid_json" and rows[4]["error"]["code"] == "missing_text"
    assert rows[5]["id"] == "in.jsonl:6" and rows[5]["date"].startswith("2024-05-01")


@pytest.mark.parametrize("name, content", [
    ("empty.jsonl", b""), ("blank.jsonl", b"\n\n \n"), ("empty.csv", b""), ("header_only.csv", b"id,text\n"),
    ("empty.mbox", b""), ("blank.mbox", b"\n\n"),
])
def test_a_file_with_no_messages_gets_one_error_row(tmp_path, checker, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    rows, result = audit(checker, [path], tmp_path / "out.jsonl")
    assert len(rows) == 1 == result.stats.total == count_inputs(discover([path]), Columns())
    assert rows[0]["status"] == "error" and rows[0]["error"]["code"] == "empty_file"
    assert rows[0]["id"] == name


def test_binary_and_attachment_only_mbox_messages_say_what_they_are(tmp_path, checker):
    path = tmp_path / "inbox.mbox"
    path.write_bytes(b"From junk@x Mon Jan  1 00:00:00 2024\n" + b"\x00\xff\xfe\x00garbage\x00\n\x89PNG\r\n" * 20
                     + b"\nFrom att@x Mon Jan  1 00:00:00 2024\nContent-Type: text/plain\n"
                       b"Content-Disposition: attachment; filename=cv.txt\n\nMy CV\n")
    rows, _ = audit(checker, [path], tmp_path / "out.jsonl")
    junk, attachment = rows
    assert junk["error"]["code"] == "invalid_input" and "binary" in junk["error"]["message"]
    assert "no text body" in attachment["error"]["message"]
    assert not any("not text" in r["error"]["message"] for r in rows)


def test_an_error_row_keeps_the_readers_warnings_in_every_output(tmp_path, checker):
    path = tmp_path / "inbox.mbox"  # a binary body is read as Windows-1252 (a warning), then cannot be checked
    path.write_bytes(b"From junk@x Mon Jan  1 00:00:00 2024\n" + b"\x00\xff\xfe\x00garbage\x00\n\x89PNG\r\n" * 20)
    fallback = "it was read as Windows-1252"
    (row,), _ = audit(checker, [path], tmp_path / "out.jsonl")
    assert row["status"] == "error" and "binary" in row["error"]["message"]
    assert any(fallback in w for w in row["warnings"])

    _, result = audit(checker, [path], tmp_path / "out.csv", fmt="csv")
    with open(result.rows_path, encoding="utf-8", newline="") as f:
        (rec,) = csv.DictReader(f)
    assert rec["status"] == "error" and fallback in rec["warnings"]
    _, resumed = audit(checker, [path], tmp_path / "out.csv", fmt="csv", resume=True)
    assert resumed.resumed == 1 and any(fallback in w for w in resumed.stats.error_examples[0]["warnings"])

    _, result = audit(checker, [path], tmp_path / "out.html", fmt="html")
    assert fallback in result.output_path.read_text(encoding="utf-8")


def test_a_body_not_in_its_declared_charset_is_read_as_latin1_with_a_warning(tmp_path, checker):
    path = tmp_path / "m.eml"
    path.write_bytes(b"From: Ana <ana@x.example>\nMessage-ID: <m1@x>\nContent-Type: text/plain; charset=utf-8\n"
                     b"Content-Transfer-Encoding: 8bit\n\n" + draft(1).replace("Tomasz", "Ren\u00e9e").encode("cp1252"))
    rows, _ = audit(checker, [path], tmp_path / "out.jsonl", show_pii=True)
    assert rows[0]["status"] == "ok"
    assert rows[0]["sentences"][0]["text"] == "Hi Ren\u00e9e,"
    assert any("not valid utf-8" in w and "Windows-1252" in w for w in rows[0]["warnings"])


def test_an_output_inside_an_input_folder_is_not_read_back(tmp_path, checker):
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "a.txt").write_text(draft(0), encoding="utf-8")
    out = folder / "audit.jsonl"
    for _ in range(2):
        rows, _ = audit(checker, [folder], out)
        assert [r["id"] for r in rows] == ["a"]
    with pytest.raises(UsageError):
        audit(checker, [out], out)


def test_discover_rejects_unknown_and_missing_paths(tmp_path):
    (tmp_path / "x.docx").write_text("x")
    with pytest.raises(UsageError):
        discover([tmp_path / "x.docx"])
    with pytest.raises(UsageError):
        discover([tmp_path / "missing.mbox"])


def test_signature_after_separator_is_stripped():
    text, cut = strip_signature("Hi Sam,\n\nWe decided not to proceed.\n\n-- \nDana Lee\n+44 20 1234 5678\n")
    assert cut and "Dana" not in text and "proceed" in text
    assert strip_signature("-- \nonly a signature")[1] is False


def test_a_batch_that_fails_as_a_whole_only_loses_the_odd_message():
    class Flaky:
        def check_batch(self, texts, on_error="return"):
            raise RuntimeError("one message broke the batch")

        def check(self, text):
            if text == "odd":
                raise InputError("odd one")
            if text == "bug":
                raise ZeroDivisionError
            return f"report for {text}"

    out = check_items(Flaky(), ["a", "odd", "b", "bug"])
    assert out[0] == "report for a" and out[2] == "report for b"
    assert isinstance(out[1], InputError) and isinstance(out[3], ZeroDivisionError)


# ---- resume -------------------------------------------------------------------------------------
# The killed audit runs the real CLI in a subprocess with a stand-in checker (about 1 ms a
# message), so that the test exercises writing, killing and resuming in seconds whatever the
# model's speed; the real model's rows are resumed in the tests below.
STUB_CLI = """
import sys, time
from service import cli

class Result:
    def __init__(self, text):
        self.text = text
    def to_dict(self):
        n = len(self.text)
        return {"scores": {"specificity": n % 100, "warmth": 50, "overall": n % 100},
                "flags": {"actionable": False, "relationship": False, "risky": False},
                "sentences": [{"start": 0, "end": n, "text": self.text, "kind": "other", "boilerplate": "none"}],
                "findings": [], "warnings": []}

class Stub:
    def check_batch(self, texts, contexts=None, options=None, on_error="return"):
        time.sleep(0.001 * len(texts))
        return [Result(t) for t in texts]

cli.load_checker = lambda profile="full": Stub()
sys.exit(cli.run(sys.argv[1:]))
"""


def test_audit_killed_with_sigkill_resumes_without_loss_or_duplicates(tmp_path):
    n = 3000
    src = tmp_path / "in.jsonl"
    with open(src, "w", encoding="utf-8") as f:
        for i in range(n):
            f.write(json.dumps({"id": f"m{i:05d}", "text": draft(i) + f"\n\nRef {i}"}) + "\n")
    out = tmp_path / "out.jsonl"
    cmd = [sys.executable, "-c", STUB_CLI, "audit", str(src), "--output", str(out), "--no-progress",
           "--batch-size", "64"]
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    proc = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.time() + 120
    while time.time() < deadline and proc.poll() is None:
        if out.exists() and out.read_bytes().count(b"\n") >= 500:
            break
        time.sleep(0.02)
    assert proc.poll() is None, proc.stderr.read().decode()
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    proc.stderr.close()
    before = out.read_bytes().count(b"\n")
    assert 0 < before < n
    with open(out, "ab") as f:  # as if the kill had cut a write in half
        f.write(b'{"id": "m99999", "source": "half a li')
    done = subprocess.run(cmd + ["--resume"], cwd=REPO, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    rows = read_jsonl(out)
    ids = [r["id"] for r in rows]
    assert len(ids) == n and len(set(ids)) == n
    assert set(ids) == {f"m{i:05d}" for i in range(n)}
    assert all(r["status"] == "ok" for r in rows)
    assert f"{before:,} from the earlier run" in done.stdout


@pytest.mark.parametrize("fmt", ["csv", "html"])
def test_resume_after_an_interrupted_run_for_csv_and_html(tmp_path, checker, fmt):
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": f"r{i}", "text": draft(i), "sender": "ann@acme.example"}) + "\n"
                           for i in range(40)), encoding="utf-8")
    out = tmp_path / f"out.{fmt}"
    batches = []

    def interrupt_after_two_batches(n):
        batches.append(n)
        if len(batches) == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_audit([src], out, checker, AuditOptions(fmt=fmt, batch_size=8), on_advance=interrupt_after_two_batches)
    rows_path = rows_path_for(out, fmt)
    assert rows_path.exists() and (fmt == "csv" or not out.exists())   # the HTML report's rows are kept to resume
    with open(rows_path, "ab") as f:                 # as if the interruption had cut a write in half
        f.write(b'{"id": "r39", "source": "half a li' if fmt == "html" else b"r39,half a li")
    _, second = audit(checker, [src], out, fmt=fmt, resume=True)
    assert second.resumed == 16 and second.written == 24
    assert second.stats.total == 40 and second.stats.checked == 40
    if fmt == "csv":
        with open(out, newline="", encoding="utf-8") as f:
            ids = [r["id"] for r in csv.DictReader(f)]
        assert sorted(ids) == sorted(f"r{i}" for i in range(40))
    else:
        assert not rows_path.exists() and second.rows_path is None   # removed once the report is written
        assert '<div class="card"><b>40</b>Checked</div>' in out.read_text(encoding="utf-8")


def test_csv_output_quotes_would_be_formulas_and_resumes_their_ids(tmp_path, checker):
    src = tmp_path / "in.csv"
    with open(src, "w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows([["id", "text", "sender"], ['=HYPERLINK("http://x")', draft(0), "@SUM(1)"],
                                 ["'=quoted", draft(1), "+44 20 1234 5678"], ["-1", "", ""]])
    out = tmp_path / "out.csv"
    audit(checker, [src], out, fmt="csv", show_pii=True)   # senders as they are, not masked
    with open(out, newline="", encoding="utf-8") as f:
        cells = [c for row in csv.reader(f) for c in row]
    assert "'=HYPERLINK(\"http://x\")" in cells and "'@SUM(1)" in cells and "'+44 20 1234 5678" in cells
    assert "''=quoted" in cells and "'-1" in cells
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    _, again = audit(checker, [src], out, fmt="csv", resume=True, show_pii=True)   # the ids read back as they were
    assert again.resumed == 3 and again.written == 0


def test_control_characters_in_inputs_are_escaped_in_every_output(tmp_path, checker):
    src = tmp_path / "binary.csv"
    src.write_bytes(b"id,text\n\x00\x01\x1b[31m,\x7f\n\x00\x02,\x03\n")   # ids and texts of control characters
    control = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
    for fmt in ("jsonl", "csv", "html"):
        out = tmp_path / f"out.{fmt}"
        audit(checker, [src], out, fmt=fmt)
        written = out.read_text(encoding="utf-8")
        assert not control.search(written), fmt
        escaped = "\\u0000\\u0001\\u001b[31m" if fmt == "jsonl" else "\\x00\\x01\\x1b[31m"
        assert escaped in written, fmt


# ---- the HTML report -----------------------------------------------------------------------------
class _Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, dict]] = []
        self.ids: set[str] = set()
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        d = dict(attrs)
        self.attrs.append((tag, d))
        if "id" in d:
            self.ids.add(d["id"])

    def handle_data(self, data):
        self.text.append(data)


def _mixed_jsonl(path: Path, n: int = 60) -> None:
    with open(path, "w", encoding="utf-8") as f:
        for i in range(n):
            paras = draft(i).split("\n\n")
            paras.insert(2, f"{NAMES[i % len(NAMES)]}, you can reach me at dana.lee@acme.example.")
            f.write(json.dumps({"id": f"h{i}", "text": "\n\n".join(paras),
                                "date": f"2024-{1 + i % 6:02d}-10", "sender": ["ann@acme.example", "Bob Stone"][i % 2]})
                    + "\n")
        f.write("{broken\n")


def test_html_report_parses_has_charts_and_redacts(tmp_path, checker):
    src = tmp_path / "in.jsonl"
    _mixed_jsonl(src)
    out = tmp_path / "audit.html"
    _, result = audit(checker, [src], out, fmt="html", fail_under=50)
    html = out.read_text(encoding="utf-8")
    parser = _Collector()
    parser.feed(html)
    parser.close()
    assert parser.tags[0] == "html" and html.startswith("<!DOCTYPE html>")
    assert parser.tags.count("svg") >= 5               # three histograms, the bands, the trend
    assert {"summary", "distributions", "boilerplate", "bands", "trend", "senders", "errors"} <= parser.ids
    assert "script" not in parser.tags and "link" not in parser.tags
    assert not any("src" in a or (a.get("href") or "").startswith("http") for _t, a in parser.attrs)
    text = " ".join(parser.text)
    assert "Most common boilerplate" in text and "%" in text
    assert "careful consideration" in text.lower()
    for name in NAMES:
        assert name not in html
    assert "@acme.example" not in text.replace("a…@acme.example", "")
    assert "[name]" in html
    assert "Bob Stone" not in html and "B. S." in html
    assert result.stats.below > 0 and result.failed

    shown = tmp_path / "shown.html"
    run_audit([src], shown, checker, AuditOptions(fmt="html", show_pii=True))
    assert any(name in shown.read_text(encoding="utf-8") for name in NAMES)


# ---- bounded state and redaction -----------------------------------------------------------------
def test_bounded_table_prunes_rare_keys():
    table = BoundedTable(PhraseStat, capacity=10)
    for i in range(1000):
        table.get("common").count += 1
        table.get(f"rare{i}").count += 1
    assert len(table) <= 21 and table.pruned
    assert table.top(1)[0][0] == "common" and table.top(1)[0][1].count == 1000


def test_stats_keep_only_a_few_examples_per_band():
    stats = AuditStats()
    row = {"status": "ok", "scores": {"overall": 10, "specificity": 5, "warmth": 20},
           "flags": {}, "findings": [], "sentences": [{"text": "We decided not to proceed."}]}
    for i in range(500):
        stats.add({**row, "id": str(i), "scores": {**row["scores"], "overall": i % 40}})
    assert len(stats.weakest("poor")) == 3 and len(stats.strongest("poor")) == 3
    assert stats.weakest("poor")[0].overall == 0 and stats.strongest("poor")[0].overall == 39


def test_the_report_lists_recurring_boilerplate_and_shows_each_example_once():
    """"Most common" means phrases in two messages or more (never a template id from a near-duplicate
    finding); a band of a few messages shows each under Weakest only, not again under Strongest."""
    from service.audit.html_report import render_html

    stats = AuditStats()
    stock = {"text": "We will keep your CV on file.", "boilerplate": "high"}
    for i, (overall, extra) in enumerate([(10, "We went with someone with more dbt work."), (12, None), (30, None)]):
        sentences = [stock] + ([{"text": extra, "boilerplate": "high"}] if extra else [])
        stats.add({"status": "ok", "id": f"m{i}", "scores": {"overall": overall, "specificity": 5, "warmth": 20},
                   "flags": {}, "sentences": sentences,
                   "findings": [{"rule": "structure.template_near_duplicate", "category": "boilerplate",
                                 "severity": "high", "evidence": "us.corporate.closer_match"}]})
    assert [p for p, n, share in stats.top_phrases()] == ["We will keep your CV on file."]
    html = render_html(stats)
    assert "us.corporate.closer_match" not in html.split('id="boilerplate"')[1].split("</section>")[0]
    poor = html.split('id="bands"')[1]
    assert all(poor.count(f"<code>m{i}</code>") == 1 for i in range(3))
    assert len(stats.weakest("poor")) == 3 and "Strongest" not in poor.split("</h3>")[1].split("<h3>")[0]


def test_redaction():
    assert greeting_names("Dear Ms Priya Shah,\n\nThanks") == ["Priya Shah"]
    assert greeting_names("Hi there,\nHello team,") == []
    assert greeting_names("Sofia,\n\nThank you.") == ["Sofia"]
    assert greeting_names("Thank you.\nSofia,") == []
    text = "Hi Sam,\n\nSam, thanks. Write to dana@acme.example.\n\nBest,\nDana Lee"
    out = redact(text, names=("Dana Lee",))
    assert "Sam" not in out and "dana@" not in out and "Dana" not in out and "Lee" not in out
    assert "[email]" in out and out.startswith("Hi [name],")
    assert mask_sender("ann.smith@acme.example") == "a…@acme.example"
    assert mask_sender("Talent Team") == "Talent Team"
    assert mask_sender("ann.smith@acme.example", show_pii=True) == "ann.smith@acme.example"


@pytest.mark.parametrize("text, gone", [
    ("Hi Priya, thank you for interviewing for the analyst role.\n\nBest,\nDana Whitfield", ["Priya", "Dana", "Whitfield"]),
    ("<p>Hi <b>Priya</b>,</p><p>Thanks.</p><p>Best,<br>Dana Whitfield</p>", ["Priya", "Dana", "Whitfield"]),
    ("<p>Dear&nbsp;Priya&nbsp;Shah,</p><p>We will not proceed.</p>", ["Priya", "Shah"]),
    ("hi priya shah,\n\nWe will not proceed, Priya.", ["priya", "shah", "Priya"]),
    ("Priya - thank you for interviewing. We will not proceed, Priya, because we need SQL.", ["Priya"]),
    ("Dear Candidate,\n\nThank you Priya for coming in. Our recruiter Tom Becker (+44 20 7946 0958) can share "
     "more; or call (415) 555-0134.", ["Priya", "Tom", "Becker", "7946", "555-0134"]),
    ("Dear Ms. O'Connor-Smith,\n\nUnfortunately, Ms. O'Connor-Smith, we will not proceed.\n\nKind regards, Dana",
     ["O'Connor", "Dana"]),
])
def test_redaction_removes_the_names_and_numbers_a_message_shows(text, gone):
    out = redact(text)
    assert not [g for g in gone if g in out], out
    assert "[name]" in out


# The names of the review that found the JSON Lines rows showing names the HTML report hid.
LEAKED_NAMES = [
    ("Hi Sam 👋,\n\nWe will not move forward.\n\nBest,\nAna 🌟 López", ["Sam", "Ana", "López"]),
    ("hi sam,\n\nwe will not move forward.\n\nthanks,\nana lópez", ["sam", "ana", "lópez"]),
    ("Hi Sam,\n\nWe will not move forward.\n\nCordialement,\nJosé García", ["Sam", "José", "García"]),
    ("Hi Sam,\n\nWe will not move forward.\n\nMit freundlichen Grüßen\nJürgen Müller", ["Sam", "Jürgen", "Müller"]),
    ("Hi Nguyễn Văn An,\n\nWe will not move forward.\n\nBest,\nĐặng Thu Hà", ["Nguyễn", "Đặng", "Thu", "Hà"]),
    ("Hi Priya! We will not move forward. Please contact Rahul Sharma at r@acme.com. — Ana", ["Priya", "Rahul", "Ana"]),
    ("Hi Sam, we chose Rahul instead because he had more experience. Best, Ana", ["Sam", "Rahul", "Ana"]),
    ("Hi Sam,\r\n\r\nWe will not move forward. Profile: linkedin.com/in/ana-lopez-123\r\n\r\nBest,\r\nAna",
     ["Sam", "ana-lopez", "Ana"]),
]


@pytest.mark.parametrize("text, gone", LEAKED_NAMES)
def test_redaction_finds_names_beside_emoji_in_lower_case_under_other_sign_offs_and_in_urls(text, gone):
    out = redact(text)
    assert not [g for g in gone if re.search(rf"(?<!\w){re.escape(g)}(?!\w)", out)], out
    assert "[name]" in out and ("Grüßen" in out) == ("Grüßen" in text)  # a sign-off is no name


def test_every_output_redacts_as_strictly_as_the_html_report(tmp_path, checker):
    """The JSON Lines and CSV rows and the HTML report hide the same names: one function finds them."""
    from service.audit.aggregate import excerpt

    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": f"m{i}", "text": t}) + "\n" for i, (t, _) in enumerate(LEAKED_NAMES)),
                   encoding="utf-8")
    rows, _ = audit(checker, [src], tmp_path / "out.jsonl")
    audit(checker, [src], tmp_path / "out.html", fmt="html")
    html = (tmp_path / "out.html").read_text(encoding="utf-8")
    for row, (_, gone) in zip(rows, LEAKED_NAMES):
        shown = json.dumps(row, ensure_ascii=False)
        assert not [g for g in gone if re.search(rf"(?<!\w){re.escape(g)}(?!\w)", shown)], row["sentences"]
        # the report redacts an excerpt of the row with nothing more to find in it
        assert excerpt(row, show_pii=False) == excerpt(row, show_pii=True)
    assert not [g for _, gone in LEAKED_NAMES for g in gone if re.search(rf"(?<![\w-]){re.escape(g)}(?![\w-])", html)]


def test_a_raw_8_bit_header_name_is_redacted_in_the_body(tmp_path, checker):
    (tmp_path / "a.eml").write_bytes(
        b"From: Jos\xe9 <jose@cafe.fr>\nTo: rene@example.org\nSubject: Votre candidature\n"
        b"Content-Type: text/plain; charset=iso-8859-1\n\nHi Ren\xe9,\n\nWe will not move forward. Jos\xe9 will "
        b"call you.\n\nThanks\n")
    rows, _ = audit(checker, [tmp_path / "a.eml"], tmp_path / "out.jsonl")
    text = " ".join(s["text"] for s in rows[0]["sentences"])
    assert "José" not in text and "[name] will call you" in text, text


def test_redaction_of_a_greeting_with_a_full_stop_capitals_and_phone_formats():
    out = redact("Hi Priya.\nThanks, we loved it, Priya. PRIYA is great. Call 07700 900123, 07700900123, "
                 "9876543210 or 1-800-555-0199.")
    assert "Priya" not in out and "PRIYA" not in out and not re.search(r"\d{3}", out), out
    assert redact("Ms Shah. We will not proceed.") == "Ms [name]. We will not proceed."  # not "We"
    assert redact("We use MS Excel. Thanks - we will not proceed.") == "We use MS Excel. Thanks - we will not proceed."


def test_redaction_is_linear_on_long_runs():
    with finishes_within(5, "a redaction pattern"):
        for text in ("Priya" + " " * 19_000 + "x", "1" * 20_000, "a" * 20_000, "12 " * 7_000):
            redact(text)


def test_redaction_keeps_roles_teams_dates_and_courtesy_words():
    text = ("Dear Sir or Madam,\n\nThank you for applying for the Senior Data Engineer role at Acme Corp on 12 March "
            "2024 (ref 2024-05-01, salary 45,000). Our Data Platform team met you.\n\nRegards,\nHR Team")
    assert redact(text) == text


def test_iter_items_reads_plain_and_html_files(tmp_path):
    (tmp_path / "a.txt").write_text(draft(1), encoding="utf-8")
    (tmp_path / "b.html").write_text("<html><body><p>Hi</p><p>No.</p></body></html>", encoding="utf-8")
    items = list(iter_items(discover([tmp_path]), Columns()))
    assert [i.id for i in items] == ["a", "b"] and all(i.ok for i in items)


def test_workers_share_the_encoder_threads(monkeypatch):
    """Each audit worker gets its share of the cores for the full model's encoder, and a value the
    user set is kept."""
    from model.checker import ARTIFACTS_DIR
    from service.audit import runner

    source = {"path": str(ARTIFACTS_DIR), "profile": "full"}
    monkeypatch.delenv("REJECTCHECK_THREADS", raising=False)
    runner._init_worker(source, threads=1)
    assert os.environ["REJECTCHECK_THREADS"] == "1"
    assert runner._WORKER_CHECKER.encoder.encoders[0].session.get_session_options().intra_op_num_threads == 1
    monkeypatch.setenv("REJECTCHECK_THREADS", "3")
    runner._init_worker(source, threads=1)
    assert os.environ["REJECTCHECK_THREADS"] == "3"
    monkeypatch.setattr(runner, "_WORKER_CHECKER", None)


# ---- mbox separators, folders, encodings and CSV shapes ----------------------------------------
def test_a_body_line_starting_with_from_does_not_split_an_mbox_message(tmp_path, checker):
    path = tmp_path / "inbox.mbox"
    path.write_bytes(
        b"From lee@corp.example Tue Mar  4 09:00:00 2025\nFrom: lee@corp.example\nMessage-ID: <f1@x>\n\n"
        b"Hi Sam,\nThank you for applying for the Analyst role. We decided not to move forward.\n"
        b"From our side, your SQL case study was the strongest we saw; the role needs Python depth.\n"
        b">From the desk of Lee: thanks.\n\n"
        b"From someone Tue Mar  4 09:00:00 2025\nwe quote an unescaped From_ line followed by prose.\n"
        b"Best, Lee\n\n"
        b"From - Tue Mar  4 09:05:00 2025\nFrom: lee@corp.example\nMessage-ID: <f2@x>\n\n"   # Thunderbird
        b"Thank you for applying. We decided not to move forward.\n"
        b"From 1577836800@xxx Wed Jan 01 00:00:00 +0000 2020\nMessage-ID: <f3@x>\n\n"     # Gmail Takeout, no blank
        b"Thank you for applying. We decided not to move forward.\n")
    rows, _ = audit(checker, [path], tmp_path / "out.jsonl", show_pii=True)
    assert [r["id"] for r in rows] == ["f1@x", "f2@x", "f3@x"]
    assert count_inputs(discover([path]), Columns()) == 3
    text = " ".join(s["text"] for s in rows[0]["sentences"])
    assert "From our side, your SQL case study" in text and "the desk of Lee" in text
    assert "\n>From" not in text and "From someone Tue" in text


def test_mbox_separators_with_rfc_2822_dates_split_messages(tmp_path, checker):
    path = tmp_path / "export.mbox"
    body = b"Thank you for applying. We decided not to move forward.\n\n"
    path.write_bytes(b"".join(
        b"From x Sat, 27 Apr 2024 10:0%d:00 +0000\nFrom: hr@corp.example\nMessage-ID: <r%d@x>\n\n" % (i, i) + body
        for i in range(3)) + b"From 9:00 to 17:00 in 2024 we answer the phones.\nThat line above is body text.\n")
    rows, _ = audit(checker, [path], tmp_path / "out.jsonl", show_pii=True)
    assert [r["id"] for r in rows] == ["r0@x", "r1@x", "r2@x"]
    assert count_inputs(discover([path]), Columns()) == 3
    # without the blank line before it, by a header every message has; "Note:" after one is body text
    tight = tmp_path / "tight.mbox"
    tight.write_bytes(b"".join(
        b"From x Sat, 27 Apr 2024 10:0%d:00 +0000\nFrom: hr@corp.example\nMessage-ID: <t%d@x>\n\n" % (i, i)
        + body.rstrip(b"\n") + b"\n" for i in range(3))
        + b"From 9:00 on 1 May 2024 we answer the phones.\nNote: that line above is body text.\n")
    rows, _ = audit(checker, [tight], tmp_path / "out2.jsonl", show_pii=True)
    assert [r["id"] for r in rows] == ["t0@x", "t1@x", "t2@x"]
    assert count_inputs(discover([tight]), Columns()) == 3


def test_a_folder_scan_reports_what_it_cannot_read_and_what_it_skipped(tmp_path, checker, monkeypatch):
    folder = tmp_path / "mail"
    (folder / "locked").mkdir(parents=True)
    (folder / "a.eml").write_bytes(bytes(email(1)))
    (folder / "locked" / "e.eml").write_bytes(bytes(email(2)))
    for name in ("b.eml.gz", "c_noext", "d.msg", ".hidden.eml"):
        (folder / name).write_bytes(bytes(email(3)))
    (folder / "f.eml").symlink_to(tmp_path / "nowhere.eml")      # a broken link named like an input
    os.mkfifo(folder / "g.eml")                                    # never opened: reading it would block
    locked = folder / "locked"
    if os.geteuid() == 0:  # root reads a mode-000 folder anyway: make it fail as it does for users
        real_scandir = os.scandir
        monkeypatch.setattr(os, "scandir", lambda p=".": (_ for _ in ()).throw(
            PermissionError(13, "Permission denied", str(p))) if Path(p) == locked else real_scandir(p))
    locked.chmod(0)
    try:
        rows, result = audit(checker, [folder], tmp_path / "out.jsonl")
    finally:
        locked.chmod(0o755)
    by_name = {Path(r["source"]).name: r for r in rows}
    assert set(by_name) == {"a.eml", "f.eml", "locked"}
    assert by_name["a.eml"]["status"] == "ok"
    broken, unreadable = by_name["f.eml"]["error"], by_name["locked"]["error"]
    assert broken["code"] == "unreadable_file" and "broken link" in broken["message"]
    assert unreadable == {"code": "unreadable_file", "message": "Cannot read the folder: Permission denied."}
    assert result.notes == ["Skipped 4 files of unsupported types (.gz: 1, .msg: 1, FIFO, socket or device: 1, "
                            "no extension: 1)."]
    assert count_inputs(discover([folder]), Columns()) == 3


def test_semicolon_csv_cp1252_csv_and_utf16_files_are_read(tmp_path, checker):
    semi = tmp_path / "semi.csv"
    semi.write_text("id;text;date\ns1;\"" + draft(1) + "\";2024-01-02\n", encoding="utf-8")
    latin = tmp_path / "latin.csv"
    latin_text = draft(2).replace("Aisha", "Zoë").replace("\n", " ")
    latin.write_bytes(f'id,text\nl1,"{latin_text}"\n'.encode("cp1252"))
    utf16 = tmp_path / "utf16.txt"
    utf16.write_bytes(draft(3).encode("utf-16"))                   # with its byte-order mark
    utf16csv = tmp_path / "utf16.csv"
    utf16csv.write_bytes("id\ttext\nu1\tThank you for applying. We decided not to move forward.\n".encode("utf-16"))
    rows, _ = audit(checker, [semi, latin, utf16, utf16csv], tmp_path / "out.jsonl", show_pii=True)
    by_id = {r["id"]: r for r in rows}
    assert by_id["s1"]["status"] == "ok" and by_id["s1"]["date"] == "2024-01-02T00:00:00"
    assert by_id["utf16"]["status"] == "ok" and by_id["u1"]["status"] == "ok"
    (bad,) = [r for r in rows if r["source"].startswith(str(latin))]
    assert bad["error"]["code"] == "invalid_csv" and "--encoding cp1252" in bad["error"]["message"]

    rows, _ = audit(checker, [latin], tmp_path / "out.jsonl", encoding="cp1252", show_pii=True)
    assert rows[0]["status"] == "ok" and rows[0]["sentences"][0]["text"].startswith("Hi Zoë,")
    with pytest.raises(UsageError, match="Unknown encoding"):
        audit(checker, [latin], tmp_path / "out.jsonl", encoding="no-such-codec")


def test_a_csv_row_missing_trailing_fields_is_checked_and_a_huge_cell_is_too_long(tmp_path, checker):
    path = tmp_path / "ragged.csv"
    path.write_text("id,text,date\nr1,\"" + draft(1) + "\"\nr2\nr3,\"" + "word " * 60_000 + "\"\n",
                    encoding="utf-8")
    rows, _ = audit(checker, [path], tmp_path / "out.jsonl")
    r1, r2, r3 = rows
    assert r1["status"] == "ok" and "missing last ones were read as empty" in r1["warnings"][0]
    assert r2["error"]["code"] == "missing_text"
    assert r3["error"]["code"] == "text_too_long"                 # not "field larger than field limit"


def test_csv_columns_named_by_options_must_exist_and_errors_never_echo_the_data(tmp_path, checker):
    headerless = tmp_path / "headerless.csv"
    headerless.write_text('1,"Dear Priya Raman (priya.raman@gmail.example), we decided not to move forward."\n',
                          encoding="utf-8")
    (row,), _ = audit(checker, [headerless], tmp_path / "out.jsonl")
    assert row["error"]["code"] == "missing_column"
    assert "Priya" not in json.dumps(row) and "@" not in row["error"]["message"]

    named = tmp_path / "named.csv"
    named.write_text("id,text\nn1,\"" + draft(1) + "\"\n", encoding="utf-8")
    (row,), _ = audit(checker, [named], tmp_path / "out.jsonl", columns=Columns(id="nope", date="nada"))
    assert row["error"]["code"] == "missing_column"
    assert "'nope' column (named by --id-column)" in row["error"]["message"]
    assert "'nada' column (named by --date-column)" in row["error"]["message"]
    assert "columns: id, text" in row["error"]["message"]  # a real header is named, so the user can pick


# ---- e-mail bodies -------------------------------------------------------------------------------
def test_an_empty_plain_part_falls_back_to_the_html_part(tmp_path, checker):
    msg = email(1, "")
    msg.add_alternative("<html><body><p>Hi Tomasz,</p><p>Thank you for interviewing with us. We decided not to "
                        "move forward because the role needs production Go.</p></body></html>", subtype="html")
    (tmp_path / "m.eml").write_bytes(bytes(msg))
    (row,), _ = audit(checker, [tmp_path / "m.eml"], tmp_path / "out.jsonl")
    assert row["status"] == "ok", row.get("error")
    assert any("plain-text part is empty" in w for w in row["warnings"])


def test_an_invalid_base64_body_is_checked_with_a_warning(tmp_path, checker):
    (tmp_path / "b.eml").write_bytes(b"From: a@x.example\nMessage-ID: <b64@x>\nContent-Type: text/plain\n"
                                     b"Content-Transfer-Encoding: base64\n\n!!!not base64@@@ ###\n")
    (row,), _ = audit(checker, [tmp_path / "b.eml"], tmp_path / "out.jsonl")
    assert any("not valid base64" in w for w in row["warnings"])


def test_a_cut_off_message_says_so_and_cut_base64_is_not_scored(tmp_path, checker):
    import base64

    encoded = base64.b64encode(draft(1).encode()).decode()
    (tmp_path / "cut.eml").write_bytes(("From: a@x.example\nMessage-ID: <cut@x>\nContent-Type: text/plain\n"
                                        "Content-Transfer-Encoding: base64\n\n" + encoded[:-7] + "\n").encode())
    (tmp_path / "open.eml").write_bytes(("From: a@x.example\nMessage-ID: <open@x>\nMIME-Version: 1.0\n"
                                         "Content-Type: multipart/alternative; boundary=XX\n\n--XX\n"
                                         "Content-Type: text/plain\n\n" + draft(2)[:150] + "\n").encode())
    rows, _ = audit(checker, [tmp_path / "cut.eml", tmp_path / "open.eml"], tmp_path / "out.jsonl")
    by_id = {r["id"]: r for r in rows}
    assert by_id["cut@x"]["status"] == "error" and "does not decode" in by_id["cut@x"]["error"]["message"]
    assert by_id["open@x"]["status"] == "ok" and any("cut off" in w for w in by_id["open@x"]["warnings"])


def test_a_forwarded_rejection_is_checked_not_the_forwarders_note(tmp_path, checker):
    inner = email(1)
    outer = EmailMessage()
    outer["From"], outer["Message-ID"] = "boss@acme.example", "<fwd1@x>"
    outer.set_content("FYI see below")
    outer.add_attachment(inner)                                   # a message/rfc822 part
    (tmp_path / "rfc822.eml").write_bytes(bytes(outer))
    inline = email(2, "FYI\n\n---------- Forwarded message ---------\nFrom: Dana Lee <dana.lee@acme.example>\n"
                      "Date: Tue, 4 Mar 2025\nSubject: Your application\nTo: Aisha\n\n" + draft(2))
    (tmp_path / "inline.eml").write_bytes(bytes(inline))
    rows, _ = audit(checker, [tmp_path], tmp_path / "out.jsonl", show_pii=True)
    for row in rows:
        assert row["status"] == "ok"
        assert any("forwarded message was checked" in w for w in row["warnings"]), row["source"]
        text = " ".join(s["text"] for s in row["sentences"])
        assert "decided to move forward with other candidates" in text and "FYI" not in text


def test_a_short_rejection_above_a_forwarded_message_is_what_is_checked(tmp_path, checker):
    note = "Hi Sam, I'm sorry, but we have decided not to move forward with your application. Best of luck, Ana"
    inline = email(3, note + "\n\n---------- Forwarded message ---------\nFrom: Hiring <jobs@acme.example>\n"
                             "Subject: Job description\n\nThe Data Analyst owns weekly reporting and the KPI dashboard.\n")
    (tmp_path / "inline.eml").write_bytes(bytes(inline))
    (row,), _ = audit(checker, [tmp_path / "inline.eml"], tmp_path / "out.jsonl", show_pii=True)
    text = " ".join(s["text"] for s in row["sentences"])
    assert "decided not to move forward" in text
    assert not any("forwarded message was checked" in w for w in row["warnings"])


def test_a_forward_of_a_forward_is_unwrapped_to_the_rejection(tmp_path, checker):
    marker = "\n\n---------- Forwarded message ---------\nFrom: Dana Lee <dana.lee@acme.example>\nSubject: Fwd\n\n"
    (tmp_path / "twice.eml").write_bytes(bytes(email(4, "FYI" + marker + "see below" + marker + draft(4))))
    (row,), _ = audit(checker, [tmp_path / "twice.eml"], tmp_path / "out.jsonl", show_pii=True)
    text = " ".join(s["text"] for s in row["sentences"])
    assert "decided to move forward with other candidates" in text and "see below" not in text


def test_a_json_error_message_is_not_cut_off(tmp_path, checker):
    path = tmp_path / "in.jsonl"
    path.write_bytes(b'{"id": "a", "text": "tab\there"}\n')
    (row,), _ = audit(checker, [path], tmp_path / "out.jsonl")
    assert row["error"]["message"] == "Line 1 is not valid JSON (Invalid control character at column 25)."


# ---- resume, privacy, summary order ----------------------------------------------------------------
@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_resume_refuses_an_output_written_by_another_model(tmp_path, checker, fmt):
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": f"r{i}", "text": draft(i)}) + "\n" for i in range(4)), encoding="utf-8")
    out = tmp_path / f"out.{fmt}"
    audit(checker, [src], out, fmt=fmt)
    data = out.read_text(encoding="utf-8")
    out.write_text(data.replace(checker.model_version, "0.0.9-fast"), encoding="utf-8")
    with pytest.raises(OutputError, match="written by model 0.0.9-fast"):
        audit(checker, [src], out, fmt=fmt, resume=True)
    assert out.read_text(encoding="utf-8") == data.replace(checker.model_version, "0.0.9-fast")   # left alone


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_resume_refuses_to_mix_redacted_rows_and_rows_with_names(tmp_path, checker, fmt):
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": f"r{i}", "text": draft(i)}) + "\n" for i in range(3)), encoding="utf-8")
    out = tmp_path / f"out.{fmt}"
    audit(checker, [src], out, fmt=fmt)                       # redacted, the default
    with pytest.raises(OutputError, match="same --show-pii setting"):
        audit(checker, [src], out, fmt=fmt, resume=True, show_pii=True)
    _, result = audit(checker, [src], out, fmt=fmt, resume=True)
    assert result.resumed == 3 and result.written == 0


def test_resume_notes_rows_from_inputs_not_given_to_this_run(tmp_path, checker):
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    one.write_text(json.dumps({"id": "a", "text": draft(1)}) + "\n", encoding="utf-8")
    two.write_text(json.dumps({"id": "b", "text": draft(2)}) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    audit(checker, [one], out)
    _, result = audit(checker, [two], out, resume=True)
    assert result.resumed == 1 and result.written == 1
    assert result.notes == [f"1 of the 1 rows resumed from {out} come from inputs not given to this run; they are "
                            "kept in the output and the summary."]


def test_rows_are_redacted_in_every_output_unless_show_pii(tmp_path, checker):
    src = tmp_path / "in.jsonl"
    text = "Hi Priyanka,\n\n" + draft(0).split("\n\n", 1)[1] + "\n\nWrite to priyanka.k@mail.example any time."
    src.write_text(json.dumps({"id": "p1", "text": text, "sender": "dana.lee@acme.example"}) + "\n", encoding="utf-8")
    (row,), _ = audit(checker, [src], tmp_path / "out.jsonl")
    written = (tmp_path / "out.jsonl").read_text(encoding="utf-8")
    assert "Priyanka" not in written and "@mail.example" not in written and "dana.lee" not in written
    assert row["sentences"][0]["text"] == "Hi [name]," and row["sender"] == "d…@acme.example"
    audit(checker, [src], tmp_path / "out.csv", fmt="csv")
    assert "dana.lee" not in (tmp_path / "out.csv").read_text(encoding="utf-8")
    (row,), _ = audit(checker, [src], tmp_path / "shown.jsonl", show_pii=True)
    assert row["sentences"][0]["text"] == "Hi Priyanka," and row["sender"] == "dana.lee@acme.example"


def test_the_html_reports_rows_file_holds_no_names_while_it_exists(tmp_path, checker):
    src = tmp_path / "in.jsonl"
    _mixed_jsonl(src, n=20)

    def interrupt(n):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_audit([src], tmp_path / "a.html", checker, AuditOptions(fmt="html", batch_size=10), on_advance=interrupt)
    kept = rows_path_for(tmp_path / "a.html", "html").read_text(encoding="utf-8")
    assert kept and not any(name in kept for name in NAMES) and "dana.lee@" not in kept
    run_audit([src], tmp_path / "a.html", checker, AuditOptions(fmt="html", resume=True))
    assert not rows_path_for(tmp_path / "a.html", "html").exists()


def test_an_interrupted_html_report_to_a_device_leaves_no_rows_file_behind(tmp_path, checker):
    """An HTML report sent to a device (-o - -f html) keeps its rows in a temporary file named after the process;
    an interruption left that file in the temporary folder for good (no later run can --resume from it)."""
    src = tmp_path / "in.jsonl"
    _mixed_jsonl(src, n=20)
    device = Path(os.devnull)
    kept = rows_path_for(device, "html")
    assert kept.parent != device.parent  # a temporary file, not one beside the device

    def interrupt(n):
        assert kept.exists()  # the rows are there while the audit runs
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_audit([src], device, checker, AuditOptions(fmt="html", batch_size=10), on_advance=interrupt)
    assert not kept.exists()


def test_tied_top_findings_are_listed_by_rule_id():
    stats = AuditStats()
    row = {"status": "ok", "scores": {"overall": 50, "specificity": 50, "warmth": 50}, "flags": {}}
    for rules in (["zeta.rule", "beta.rule"], ["alpha.rule"], ["alpha.rule", "mid.rule", "zeta.rule"]):
        stats.add({**row, "findings": [{"rule": r} for r in rules]})
    assert stats.summary()["top_rules"] == [("alpha.rule", 2), ("zeta.rule", 2), ("beta.rule", 1), ("mid.rule", 1)]
    assert stats.top_rules(2) == [("alpha.rule", 2), ("zeta.rule", 2)]


def test_resume_knows_inputs_by_file_position_and_id_not_by_id_alone(tmp_path, checker, monkeypatch):
    """Exports number their rows 1..N in every file: a resume with another file (or the same files in
    another order, or spelled relative to another folder) must neither skip nor repeat a message."""
    jan, feb = tmp_path / "jan.csv", tmp_path / "feb.csv"
    for path, first in ((jan, 0), (feb, 10)):
        with open(path, "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(["id", "text"])
            w.writerows([[str(i), draft(first + i)] for i in (1, 2)] + ([[3, draft(13)]] if path == feb else []))
    out = tmp_path / "out.jsonl"
    audit(checker, [jan], out)
    rows, result = audit(checker, [feb], out, resume=True)
    assert len(rows) == 5 and result.written == 3  # feb's rows 1 and 2 are not jan's
    again, result = audit(checker, [feb, jan], out, resume=True)  # another order, everything done
    assert len(again) == 5 and result.written == 0
    monkeypatch.chdir(tmp_path.parent)  # the same files spelled relative to another folder
    again, result = audit(checker, [Path(tmp_path.name) / "jan.csv", Path(tmp_path.name) / "feb.csv"], out, resume=True)
    assert len(again) == 5 and result.written == 0


def test_csv_output_resumes_ids_a_cell_cannot_hold_as_they_are(tmp_path, checker):
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": i, "text": draft(n)}) + "\n" for n, i in enumerate(["a\nb", "c\x01d", "e"])),
                   encoding="utf-8")
    out = tmp_path / "out.csv"
    audit(checker, [src], out, fmt="csv")
    for _ in range(2):
        _, result = audit(checker, [src], out, fmt="csv", resume=True)
        assert result.written == 0
    with open(out, newline="", encoding="utf-8") as f:
        assert len(list(csv.DictReader(f))) == 3


def test_jsonl_lines_python_cannot_parse_are_error_rows(tmp_path, checker):
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join([
        json.dumps({"id": "ok1", "text": draft(1)}),
        '{"id": "deep", "text": "x", "n": ' + "[" * 100_000 + "]" * 100_000 + "}",
        '{"id": ' + "1" * 5000 + ', "text": "x"}',
        json.dumps({"id": ["x"], "text": draft(2), "sender": {"name": "Ana"}}),
        json.dumps({"id": "null", "text": None}),
        json.dumps({"id": "ok2", "text": draft(3)})]) + "\n", encoding="utf-8")
    rows, _ = audit(checker, [src], tmp_path / "out.jsonl")
    assert [r["status"] for r in rows] == ["ok", "error", "error", "ok", "error", "ok"]
    assert "nested too deeply" in rows[1]["error"]["message"] and "4300 digits" in rows[2]["error"]["message"]
    assert rows[3]["id"] == '["x"]' and rows[3].get("sender") is None
    assert "is null" in rows[4]["error"]["message"]


def test_utf16_without_a_byte_order_mark_and_a_loop_of_links_are_error_rows(tmp_path, checker):
    bare = tmp_path / "bare.csv"
    bare.write_bytes(("id,text\n1,\"" + draft(1) + "\"\n").encode("utf-16-le"))
    plain = tmp_path / "plain.jsonl"  # with its mark: read
    plain.write_text(json.dumps({"id": "2", "text": draft(2)}) + "\n", encoding="utf-16")
    rows, _ = audit(checker, [bare, plain], tmp_path / "out.jsonl", encoding="utf-16")
    assert rows[0]["status"] == "error" and "utf-16-le" in rows[0]["error"]["message"]
    assert rows[1]["status"] == "ok"
    folder = tmp_path / "mail"
    folder.mkdir()
    (folder / "good.eml").write_bytes(email(1).as_bytes())
    os.symlink(folder / "b.eml", folder / "a.eml")
    os.symlink(folder / "a.eml", folder / "b.eml")
    rows, _ = audit(checker, [folder], tmp_path / "out2.jsonl")
    assert sorted(r["status"] for r in rows) == ["error", "error", "ok"]
    assert all("loop" in r["error"]["message"] for r in rows if r["status"] == "error")


def test_an_html_bodys_excerpt_shows_its_words_without_names():
    from service.audit.aggregate import excerpt

    row = {"sentences": [{"text": "<p>Hi <b>Priya</b>,</p>"},
                         {"text": "<p>We will not proceed with R&amp;D &lt;roles&gt;, Priya.</p>"},
                         {"text": "<p>Best,<br>Dana Whitfield</p>"}]}
    assert excerpt(row) == "We will not proceed with R&D <roles>, [name]."


def test_an_excel_sep_line_names_the_delimiter_and_a_repeated_column_is_refused(tmp_path, checker):
    excel = tmp_path / "excel.csv"
    excel.write_bytes(("\ufeffsep=;\n\"id\";\"text\"\n\"x1\";\"" + draft(1).replace("\n", " ") + "\"\n").encode("utf-8"))
    rows, _ = audit(checker, [excel], tmp_path / "out.jsonl")
    assert [(r["id"], r["status"]) for r in rows] == [("x1", "ok")]
    twice = tmp_path / "twice.csv"
    twice.write_text('id,text,text\n1,"first","' + draft(2).replace("\n", " ") + '"\n', encoding="utf-8")
    rows, _ = audit(checker, [twice], tmp_path / "out2.jsonl")
    assert rows[0]["error"]["code"] == "missing_column" and "'text' 2 times" in rows[0]["error"]["message"]


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
def test_a_csv_with_classic_mac_line_endings_keeps_its_line_numbers(tmp_path, checker, bom):
    src = tmp_path / "mac.csv"
    body = "id,text\r1,\"" + draft(1).replace("\n", "\r") + "\"\r2,\r3,\"" + draft(2).replace("\n", " ") + "\"\r"
    src.write_bytes(bom + body.encode("utf-8"))
    rows, _ = audit(checker, [src], tmp_path / "out.jsonl")
    assert [(r["id"], r["status"]) for r in rows] == [("1", "ok"), ("2", "error"), ("3", "ok")]
    assert len({r["source"] for r in rows}) == 3  # each row says where it is


def test_a_resumed_csv_output_keeps_text_that_is_not_english_out_of_the_scores(tmp_path, checker):
    src = tmp_path / "in.jsonl"
    spanish = ("Hola Ana,\n\nGracias por tu interés en el puesto de analista. Lamentablemente hemos decidido continuar "
               "con otros candidatos.\n\nSaludos cordiales,\nMarta")
    src.write_text(json.dumps({"id": "es", "text": spanish}) + "\n" + json.dumps({"id": "en", "text": draft(1)}) + "\n",
                   encoding="utf-8")
    out = tmp_path / "out.csv"
    _, first = audit(checker, [src], out, fmt="csv")
    _, again = audit(checker, [src], out, fmt="csv", resume=True)
    assert (first.stats.checked, first.stats.not_english) == (again.stats.checked, again.stats.not_english) == (1, 1)


def test_a_file_that_is_not_text_says_what_it_looks_like(tmp_path, checker):
    (tmp_path / "book.csv").write_bytes(b"PK\x03\x04" + bytes(range(256)) * 4)
    (tmp_path / "u16.csv").write_bytes('id,text\n1,"We will not proceed."\n'.encode("utf-16-le"))
    (tmp_path / "junk.txt").write_bytes(bytes(range(256)) * 4)
    rows, _ = audit(checker, [tmp_path / "book.csv", tmp_path / "u16.csv", tmp_path / "junk.txt"],
                    tmp_path / "out.jsonl")
    messages = [r["error"]["message"] for r in rows]
    assert "Excel .xlsx" in messages[0] and "utf-16-le" in messages[1] and "binary data" in messages[2]
    assert not any("cp1252" in m for m in messages)


def test_a_csv_cell_of_a_thousand_lines_is_one_message(tmp_path):
    import csv as csvmod

    body = "Hi Sam,\n\nWe decided not to move forward.\n\nBest,\nAna\n\n" + "\n".join(
        f"> quoted line {i}, with a comma and a \"quote\"" for i in range(1000))
    path = tmp_path / "long.csv"
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csvmod.writer(f)
        w.writerow(["id", "text"])
        w.writerow(["a", body])
        w.writerow(["b", "Thank you for applying. We went with another candidate."])
    items = list(iter_items(discover([path]), Columns()))
    assert [i.id for i in items] == ["a", "b"] and all(i.ok for i in items)
    assert items[0].text.endswith("quoted line 999, with a comma and a \"quote\"")


def test_a_body_paragraph_starting_from_a_date_and_time_is_not_a_separator(tmp_path):
    path = tmp_path / "one.mbox"
    path.write_bytes(b"From hr@acme.com Mon Jan  1 00:00:00 2024\nFrom: Ana <hr@acme.com>\nMessage-ID: <s1@acme>\n\n"
                     b"Hi Sam,\n\nThank you for applying. Unfortunately we have decided not to move forward.\n\n"
                     b"From 3 June 2024 at 9:00 our new team will review open roles.\n\nBest,\nAna\n")
    [item] = list(iter_items(discover([path]), Columns()))
    assert "From 3 June 2024 at 9:00 our new team" in item.text and item.text.rstrip().endswith("Ana")


def test_a_file_reached_twice_is_read_once_and_an_earlier_output_is_not_an_input(tmp_path, checker):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(draft(1), encoding="utf-8")
    (folder / "latest.txt").symlink_to(folder / "a.txt")
    files = discover([folder, folder / "a.txt"])
    assert [f.name for f, _ in files] == ["a.txt"]
    rows, result = audit(checker, [folder], folder / "out.jsonl")
    assert len(rows) == 1 and "reached twice" in result.notes[0]
    # the next run, written elsewhere, does not read the first run's rows as messages, nor its HTML report
    audit(checker, [folder / "a.txt"], folder / "report.html", fmt="html")
    rows, result = audit(checker, [folder], tmp_path / "second.jsonl")
    assert len(rows) == 1 and "earlier audit output: 2" in result.notes[0]


def test_records_on_one_physical_line_keep_apart_ids_and_resume_whole(tmp_path, checker):
    path = tmp_path / "mixed_eol.csv"  # an LF header, then rows ended by CR only: all start on line 2
    path.write_bytes(b"text\n" + b"".join(f'"{draft(i)}"'.replace("\n", " ").encode() + b"\r" for i in range(3)))
    rows, _ = audit(checker, [path], tmp_path / "full.jsonl")
    ids = [r["id"] for r in rows]
    assert len(rows) == 3 and len(set(ids)) == 3
    part = tmp_path / "part.jsonl"
    part.write_text((tmp_path / "full.jsonl").read_text().splitlines()[0] + "\n")
    rows, _ = audit(checker, [path], part, resume=True)
    assert sorted(r["id"] for r in rows) == sorted(ids)


@pytest.mark.parametrize("lines", [
    ['{"id": "x1", "name": "Ann"}', '{"id": "x2", "name": "Bo"}'],          # someone's data export
    ['{"id": "a", "source": "a.txt", "status": "ok", "scores": "high"}'],   # a damaged row
])
def test_resume_refuses_a_file_that_is_not_an_audits_output(tmp_path, checker, lines):
    from service.audit.writers import OutputError

    src = tmp_path / "a.txt"
    src.write_text(draft(1), encoding="utf-8")
    out = tmp_path / "export.jsonl"
    out.write_text("\n".join(lines) + "\n")
    with pytest.raises(OutputError, match="not a row of rejectcheck audit"):
        audit(checker, [src], out, resume=True)
    assert out.read_text() == "\n".join(lines) + "\n"   # left as it was


def test_a_date_that_cannot_be_read_is_named_in_the_rows_warnings(tmp_path, checker):
    path = tmp_path / "d.csv"
    path.write_text("id,text,date\n"
                    f'a,"{draft(1)}",01/02/2024\n'
                    f'b,"{draft(2)}",25/02/2024\n'
                    f'c,"{draft(3)}",yesterday\n', encoding="utf-8")
    rows, _ = audit(checker, [path], tmp_path / "out.jsonl")
    by_id = {r["id"]: r for r in rows}
    assert "date" not in by_id["a"] and any("day/month or month/day" in w for w in by_id["a"]["warnings"])
    assert by_id["b"]["date"] == "2024-02-25T00:00:00"
    assert any("could not be read" in w for w in by_id["c"]["warnings"])


def test_a_literal_quote_in_an_unquoted_cell_does_not_make_a_long_cell_slow_or_shift_lines(tmp_path):
    path = tmp_path / "a.csv"
    path.write_bytes(b"".join([b"id,size,text\n", b'1,27" monitor,"start\n'] + [b"x" * 100 + b"\n"] * 3000
                              + [b'end of message"\n', b'2,1,"next"\n']))
    from service.audit.readers import _csv_records

    recs = list(_csv_records(path))
    assert [r.line for r in recs] == [1, 2, 3004] and not any(r.error for r in recs)


def test_a_quoted_reply_chain_does_not_make_an_audit_row_an_error(tmp_path, checker):
    text = ("Hi Sam,\n\nUnfortunately we will not be moving forward with your application.\n\nBest,\nAna\n\n"
            "On Mon, 3 Mar 2025 at 10:00, Sam <sam@x.com> wrote:\n"
            + "> Thanks for the update, I look forward to hearing from you.\n" * 400)
    (tmp_path / "in.jsonl").write_text(json.dumps({"id": "a", "text": text}) + "\n", encoding="utf-8")
    rows, _ = audit(checker, [tmp_path / "in.jsonl"], tmp_path / "out.jsonl")
    assert rows[0]["status"] == "ok", rows[0]
    assert any("quoted reply" in w for w in rows[0]["warnings"])


def test_an_excerpt_keeps_the_words_after_a_greeting_on_its_line(tmp_path, checker):
    from service.audit.aggregate import excerpt

    (tmp_path / "note.txt").write_text("Hi Eve, we are not moving forward. Best, HR", encoding="utf-8")
    rows, _ = audit(checker, [tmp_path / "note.txt"], tmp_path / "out.jsonl")
    assert excerpt(rows[0], show_pii=True) == "we are not moving forward."
    audit(checker, [tmp_path / "note.txt"], tmp_path / "out.html", fmt="html")
    assert "<p>we are not moving forward.</p>" in (tmp_path / "out.html").read_text(encoding="utf-8")
    assert excerpt({"sentences": [{"text": "Hi Eve,"}, {"text": "We will not proceed."}]}) == "We will not proceed."


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "html"])
def test_a_second_audit_of_the_same_output_is_refused_while_the_first_runs(tmp_path, checker, fmt):
    """A run and a --resume of it at once would both append rows: the output is locked for the run."""
    from service.audit.writers import OutputBusy, OutputLock

    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": f"m{i}", "text": draft(i)}) + "\n" for i in range(3)), encoding="utf-8")
    out = tmp_path / f"out.{fmt}"
    first = OutputLock(rows_path_for(out, fmt)).acquire()  # as a running audit holds it
    try:
        with pytest.raises(OutputBusy, match="Another audit is writing"):
            run_audit([src], out, checker, AuditOptions(fmt=fmt, resume=True))
        assert rows_path_for(out, fmt).stat().st_size == 0  # nothing written, nothing truncated
    finally:
        first.release()
    result = run_audit([src], out, checker, AuditOptions(fmt=fmt))  # free again once the first is done
    assert result.stats.total == 3
    run_audit([src], out, checker, AuditOptions(fmt=fmt, resume=True))  # the lock was released


def test_the_cli_exits_8_when_another_audit_writes_the_output(tmp_path):
    from service import cli
    from service.audit.writers import OutputLock

    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "a", "text": draft(0)}) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    out.write_text("", encoding="utf-8")
    lock = OutputLock(out).acquire()
    try:
        assert cli.run(["audit", str(src), "-o", str(out), "--no-progress", "--resume"]) == 8
    finally:
        lock.release()


def test_a_json_record_without_the_text_field_names_the_fields_it_has(tmp_path):
    """As the CSV reader names a header's columns: the user sees which key to give to --text-column."""
    src = tmp_path / "export.jsonl"
    src.write_text(json.dumps({"id": 1, "Message Body": draft(0)}) + "\n"
                   + json.dumps({"id": 2, draft(1): "a message's words as a key are not shown"}) + "\n",
                   encoding="utf-8")
    items = list(iter_items([(src, "jsonl")], Columns()))
    assert [i.error_code for i in items] == ["missing_text", "missing_text"]
    assert "'id', 'Message Body'" in items[0].error and "--text-column" in items[0].error
    assert "Thank you" not in items[1].error and "--text-column" in items[1].error
    short = tmp_path / "short.csv"  # a CSV row has the column: it ends before it
    short.write_text("id,date,text\nr1,2024-01-01\n", encoding="utf-8")
    [item] = iter_items([(short, "csv")], Columns())
    assert item.error == "Row at line 2 ends before its 'text' field."


def test_a_unix_timestamp_date_is_read_in_seconds_or_milliseconds(tmp_path):
    """ATS exports often write dates as Unix time: the row has the date (its warning said '[phone]' once
    redacted); a number that is no plausible timestamp (a year) is still no date."""
    src = tmp_path / "export.jsonl"
    src.write_text("".join(json.dumps({"id": i, "text": draft(0), "date": d}) + "\n"
                           for i, d in enumerate([1712000000, 1712000000123, "1712000000", 2024, 1712000000.5])),
                   encoding="utf-8")
    items = list(iter_items([(src, "jsonl")], Columns()))
    assert [i.date for i in items] == ["2024-04-01T19:33:20", "2024-04-01T19:33:20", "2024-04-01T19:33:20", None,
                                       "2024-04-01T19:33:20"]
    assert [bool(i.warnings) for i in items] == [False, False, False, True, False]


def test_utf16_without_a_byte_order_mark_is_named_in_text_and_json_lines_files(tmp_path):
    """As in a CSV file: a .txt read as UTF-8 held NULs ('binary data'), a JSON line 'is not valid JSON'."""
    body = draft(0)
    txt, jsonl = tmp_path / "letter.txt", tmp_path / "export.jsonl"
    txt.write_bytes(body.encode("utf-16-le"))
    jsonl.write_bytes((json.dumps({"id": 1, "text": body}) + "\n").encode("utf-16-le"))
    items = list(iter_items([(txt, "text"), (jsonl, "jsonl")], Columns()))
    assert items and all(not i.ok and "--encoding utf-16-le" in i.error for i in items), [i.error for i in items]
    items = list(iter_items([(txt, "text"), (jsonl, "jsonl")], Columns(), encoding="utf-16-le"))
    assert [i.text for i in items] == [body, body]


def test_a_forward_of_a_forward_warns_once(tmp_path):
    inner = email(0)
    middle = EmailMessage()
    middle["From"] = "x@acme.example"
    middle.set_content("See below.")
    middle.add_attachment(inner)
    outer = EmailMessage()
    outer["From"] = "boss@acme.example"
    outer.set_content("FYI")
    outer.add_attachment(middle)
    path = tmp_path / "fwd.eml"
    path.write_bytes(bytes(outer))
    [item] = iter_items([(path, "eml")], Columns())
    assert item.text.startswith("Hi Priyanka")
    assert len(item.warnings) == 1 and item.warnings[0].count("forwards another message") == 1, item.warnings


@pytest.mark.parametrize("meta", ['<meta charset="windows-1252">',
                                  '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">'])
def test_an_html_file_is_read_in_the_character_set_its_meta_tag_declares(tmp_path, meta):
    """Outlook's 'Save as HTML' writes Windows-1252 and says so in a <meta> tag: no --encoding needed."""
    path = tmp_path / "saved.html"
    path.write_bytes(f"<html><head>{meta}</head><body><p>Hi Zoë,</p><p>we will not be moving forward; sorry."
                     "</p><p>Best, Ana</p></body></html>".encode("cp1252"))
    [item] = iter_items([(path, "html")], Columns())
    assert item.ok and "Zoë" in item.text, item.error


@pytest.mark.parametrize("fmt", ["html", "csv"])
def test_a_bidi_control_in_an_input_is_shown_escaped_in_reports(tmp_path, checker, fmt):
    """A right-to-left override in an id ('inv\\u202egpj.exe') reorders what a report shows after it, as a
    control character would: both are escaped where an input's words reach the HTML report or a CSV cell."""
    src = tmp_path / "export.jsonl"
    src.write_text(json.dumps({"id": "app\u202e1st", "text": draft(1)}) + "\n"
                   + json.dumps({"id": "app\u20662", "text": draft(2)}) + "\n", encoding="utf-8")
    _, result = audit(checker, [src], tmp_path / f"out.{fmt}", fmt=fmt)
    written = result.output_path.read_text(encoding="utf-8")
    assert "\u202e" not in written and "\u2066" not in written
    assert "app\\u202e1st" in written


def test_the_html_report_says_one_message_not_one_messages(tmp_path, checker):
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": f"m{i}", "text": draft(i), "date": d}) + "\n"
                           for i, d in enumerate(["2024-01-05", "2024-02-05", "2024-02-06"])), encoding="utf-8")
    _, result = audit(checker, [src], tmp_path / "out.html", fmt="html")
    written = result.output_path.read_text(encoding="utf-8")
    assert "1 messages" not in written and re.search(r"\b1 message\b", written)
    assert re.search(r"\b2 messages\b", written)


@pytest.mark.browser
@pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="needs Debian's Chromium at /usr/bin/chromium")
def test_a_long_id_or_word_does_not_widen_the_html_report(tmp_path, checker):
    """An id of 300 characters with no space (an export's hash, a long file name) made the report 3,900
    pixels wide, and squeezed the band examples beside it into a narrow column; the trend chart was wider
    than a 1,000-pixel window."""
    sync_api = pytest.importorskip("playwright.sync_api", reason="python playwright is not installed")
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "x" * 300, "text": draft(1), "date": "2024-01-02"}) + "\n"
                   + json.dumps({"id": "y", "text": draft(2).replace("analytics", "a" * 300), "date": "2024-02-03"})
                   + "\n", encoding="utf-8")
    _, result = audit(checker, [src], tmp_path / "out.html", fmt="html", show_pii=True)
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True,
                                    args=["--no-sandbox", "--disable-gpu"])
        try:
            page = browser.new_page(viewport={"width": 1000, "height": 800})
            page.goto(result.output_path.as_uri())
            assert page.evaluate("() => document.documentElement.scrollWidth") <= 1000
        finally:
            browser.close()


def test_default_columns_are_found_whatever_their_case(tmp_path):
    """An export whose header says 'ID,Text,Date,Sender' was a missing_column error (and with --text-column Text,
    its ids and dates were silently positional and absent); a column named by an option is taken as typed."""
    csv_path, jsonl_path = tmp_path / "export.csv", tmp_path / "export.jsonl"
    csv_path.write_text('ID,Text,Date,Sender\nA-17,"' + draft(1) + '",2024-03-01,dana@acme.example\n', encoding="utf-8")
    jsonl_path.write_text(json.dumps({"ID": "A-18", "Text": draft(2), "DATE": "2024-03-02"}) + "\n", encoding="utf-8")
    items = list(iter_items([(csv_path, "csv"), (jsonl_path, "jsonl")], Columns()))
    assert [(i.id, i.date, i.sender, i.text) for i in items] == [
        ("A-17", "2024-03-01T00:00:00", "dana@acme.example", draft(1)), ("A-18", "2024-03-02T00:00:00", None, draft(2))]
    [item] = iter_items([(csv_path, "csv")], Columns(id="id_number"))
    assert item.error_code == "missing_column" and "'id_number'" in item.error


def test_audit_to_a_pipe_its_reader_closes_stops_quietly(tmp_path):
    """`rejectcheck audit big.jsonl -o - | head -2`: the rows head took are whole, and the audit stops with
    141 (a writer to a closed pipe), not 'Cannot write /dev/stdout: Broken pipe' or a traceback."""
    src = tmp_path / "in.jsonl"
    with open(src, "w", encoding="utf-8") as f:
        for i in range(2000):
            f.write(json.dumps({"id": f"m{i:05d}", "text": draft(i)}) + "\n")
    cmd = [sys.executable, "-c", STUB_CLI, "audit", str(src), "-o", "-", "--no-progress", "--batch-size", "16"]
    proc = subprocess.Popen(cmd, cwd=REPO, env={**os.environ, "HF_HUB_OFFLINE": "1"}, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    rows = [json.loads(proc.stdout.readline()) for _ in range(2)]
    proc.stdout.close()  # as `head -2` does once it has its lines
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 141, err
    assert [r["id"] for r in rows] == ["m00000", "m00001"]
    assert "Broken pipe" not in err and "Traceback" not in err and "Exception ignored" not in err


def test_an_eml_with_headers_but_no_body_is_an_empty_message(tmp_path, checker):
    """An e-mail whose body is blank is 'empty_message', like an empty file, not the checker's 'invalid_input:
    The text is empty.' (which reads as a fault of the tool)."""
    folder = tmp_path / "mail"
    folder.mkdir()
    (folder / "blank.eml").write_bytes(b"Subject: Your application\nFrom: hr@example.com\n\n")
    (folder / "spaces.eml").write_bytes(b"Subject: Re: interview\r\nFrom: hr@example.com\r\n\r\n  \r\n\r\n")
    (folder / "ok.eml").write_bytes(b"Subject: Update\nFrom: hr@example.com\n\nHi Sam, we will not be taking your "
                                    b"application further. Best, Ana\n")
    rows, _ = audit(checker, [folder], tmp_path / "out.jsonl")
    by_source = {Path(r["source"]).name: r for r in rows}
    for name in ("blank.eml", "spaces.eml"):
        assert by_source[name]["error"]["code"] == "empty_message"
        assert "no body text" in by_source[name]["error"]["message"]
    assert by_source["ok.eml"]["status"] == "ok"


@pytest.mark.parametrize("charset", ["utf-16", "UTF-32", "undefined"])
def test_an_html_file_that_declares_a_character_set_it_cannot_be_in_is_not_read_in_it(tmp_path, charset):
    """A <meta> tag found in 8-bit bytes that names UTF-16 or UTF-32 does not say what the file is in (read in it,
    a Windows-1252 page was a line of CJK characters), and 'undefined' reads nothing (it was a bare UnicodeError,
    an internal error): the file is said not to be UTF-8 text, as one with no <meta> tag is."""
    path = tmp_path / "saved.html"
    path.write_bytes(f'<html><head><meta charset="{charset}"></head><body><p>Hi Zoë,</p><p>we will not be moving '
                     "forward; sorry.</p><p>Best, Ana</p></body></html>".encode("cp1252"))
    [item] = iter_items([(path, "html")], Columns())
    assert not item.ok and item.error_code == "invalid_input" and "not UTF-8 text" in item.error, (item.text, item.error)


def test_an_html_report_to_a_pipe_its_reader_closed_stops_as_the_rows_do():
    """`-o - -f html | head -1`: the report written into a pipe whose reader has gone is ReaderGone (the CLI stops
    quietly with 141, as for JSON Lines and CSV rows), not 'Cannot write /dev/stdout: Broken pipe' and exit 4."""
    from service.audit import ReaderGone
    from service.audit.runner import write_report

    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        with pytest.raises(ReaderGone):
            write_report(Path(f"/dev/fd/{write_end}"), "<html><body>report</body></html>")
    finally:
        os.close(write_end)


def test_stopping_a_pool_mid_run_leaves_no_pool_thread_behind(monkeypatch):
    """Stopping workers mid-run (Ctrl+C, SIGTERM) waits for the pool's own manager thread: once it has
    gone, nothing can release the pool's semaphores behind the CLI's exit (a thread that did so while
    the process left made the resource tracker warn of a "leaked semaphore")."""
    from service.audit import runner

    monkeypatch.setattr(runner, "POOL_LEFT_UNCLEAN", False)  # stop_pool sets it: the CLI's main() would os._exit
    pool = runner._worker_pool(Checker.load(profile="fast"), workers=2)
    pool.submit(runner._check_in_worker, [draft(1)]).result(timeout=120)  # the workers are up
    # ... and busy, with no result half written when they are ended (a worker killed while it writes one can leave
    # the manager thread waiting for the rest, which is why stop_pool's wait has a timeout)
    futures = [pool.submit(time.sleep, 30) for _ in range(4)]
    while not any(f.running() for f in futures):
        time.sleep(0.05)
    manager = pool._executor_manager_thread
    runner.stop_pool(pool)
    assert manager is not None and not manager.is_alive()


def test_a_multi_line_csv_record_in_the_wrong_encoding_is_one_error_row(tmp_path, checker):
    """An Excel export saved as Windows-1252 and read as UTF-8: a quoted body over several lines with a curly
    quote in it is one error row for its record. Its lines were re-read as rows of their own, so that the
    body's sentences became ids (in the output even when names are redacted) and the inputs were miscounted."""
    path = tmp_path / "excel.csv"
    body = draft(1).replace("Thank you", "Thank you \u201cso much\u201d")
    assert body.count("\n") >= 3
    path.write_bytes(f'id;text\nx1;"{body}"\nx2;"{draft(2)}"\n'.encode("cp1252"))
    rows, result = audit(checker, [path], tmp_path / "out.jsonl")
    assert [(r["id"], r["status"]) for r in rows] == [("excel.csv:2", "error"), ("x2", "ok")]
    assert rows[0]["error"]["code"] == "invalid_csv" and "--encoding cp1252" in rows[0]["error"]["message"]
    assert result.stats.total == 2


def test_a_json_key_inside_an_object_is_named_with_dots(tmp_path, checker):
    """ATS exports nest the message ({"email": {"body": ...}}): --text-column email.body (and the other columns
    alike) reads a key inside an object. A key whose name has a dot in it is still read as it is named."""
    path = tmp_path / "ats.jsonl"
    path.write_text("\n".join(json.dumps(rec) for rec in (
        {"application": {"id": 1041}, "email": {"body": draft(1), "sent": {"at": "2024-02-03"}}},
        {"application": {"id": 1042}, "email": {"body": None}},
        {"application": {"id": 1043}, "email": "not an object"},
        {"application.id": "flat", "email.body": draft(2)},
    )) + "\n", encoding="utf-8")
    rows, result = audit(checker, [path], tmp_path / "out.jsonl",
                         columns=Columns(text="email.body", id="application.id", date="email.sent.at"))
    assert [(r["id"], r["status"]) for r in rows] == [("1041", "ok"), ("1042", "error"), ("1043", "error"),
                                                      ("flat", "ok")]
    assert rows[0]["date"] == "2024-02-03T00:00:00"
    assert rows[1]["error"]["message"] == "The record's 'email.body' field is null."
    assert rows[2]["error"]["code"] == "missing_text" and result.stats.total == 4


def test_a_compressed_or_binary_json_lines_file_is_one_error_row(tmp_path, checker):
    """A gzip-compressed export named .jsonl (or any binary file) was one error row per newline byte in its
    data, hundreds for a large file, and the progress bar counted them too; it is one row saying what it is."""
    import gzip

    records = "".join(json.dumps({"id": f"g{i}", "text": draft(i)}) + "\n" for i in range(400)).encode()
    packed = tmp_path / "export.jsonl"
    packed.write_bytes(gzip.compress(records))
    assert packed.read_bytes().count(b"\n") > 1
    binary = tmp_path / "blob.jsonl"
    binary.write_bytes(bytes(range(256)) * 8)
    good = tmp_path / "good.jsonl"
    good.write_text(json.dumps({"id": "ok", "text": draft(1)}) + "\n", encoding="utf-8")
    files = discover([packed, binary, good])
    assert count_inputs(files, Columns()) == 3
    rows, result = audit(checker, [packed, binary, good], tmp_path / "out.jsonl")
    assert [(r["id"], r["status"]) for r in rows] == [("export.jsonl", "error"), ("blob.jsonl", "error"), ("ok", "ok")]
    assert "gzip" in rows[0]["error"]["message"] and "binary" in rows[1]["error"]["message"]
    assert result.stats.total == 3


def test_a_text_field_that_is_an_object_says_how_to_name_a_key_inside_it(tmp_path, checker):
    """{"body": {"html": ...}}: the error said only "The 'body' field is not text."; it names the way to read it."""
    path = tmp_path / "nested.jsonl"
    path.write_text(json.dumps({"id": "n1", "body": {"html": "<p>" + draft(1) + "</p>", "plain": draft(1)}}) + "\n"
                    + json.dumps({"id": "n2", "body": {draft(2): 1}}) + "\n", encoding="utf-8")
    rows, _ = audit(checker, [path], tmp_path / "out.jsonl", columns=Columns(text="body"))
    assert rows[0]["error"] == {"code": "invalid_input", "message": "The 'body' field is an object, not text; name a "
                                "key inside it with dots: --text-column body.html ('html', 'plain')."}
    assert rows[1]["error"]["message"] == "The 'body' field is an object, not text."  # never a message's words


# ---- .json exports (a JSON array, as many ATS and spreadsheet tools write) ---------------------
def test_a_json_array_export_is_read_one_row_per_element(tmp_path, checker):
    """An export saved as one JSON array (or an object holding one, {"applications": [...]}) is read as
    JSON Lines is: one row per element, an error row for an element that is no object; nothing dropped."""
    recs = [{"id": f"a{i}", "email": {"body": draft(i)}} for i in range(3)]
    (tmp_path / "export.json").write_text(json.dumps([*recs, "not a record", {"id": "e"}]), encoding="utf-8")
    wrapped = [{**r, "id": r["id"].replace("a", "w")} for r in recs[:2]]
    (tmp_path / "wrapped.json").write_text(json.dumps({"count": 2, "applications": wrapped}), encoding="utf-8-sig")
    files = [tmp_path / "export.json", tmp_path / "wrapped.json"]
    rows, result = audit(checker, files, tmp_path / "out.jsonl", columns=Columns(text="email.body"))
    assert [r["id"] for r in rows] == ["a0", "a1", "a2", "export.json#4", "e", "w0", "w1"]
    assert result.stats.total == 7 == count_inputs(discover(files), Columns(text="email.body"))
    assert [r["status"] for r in rows] == ["ok", "ok", "ok", "error", "error", "ok", "ok"]
    assert rows[3]["error"]["code"] == "invalid_json" and "element 4" in rows[3]["error"]["message"]
    assert rows[4]["error"]["code"] == "missing_text"


@pytest.mark.parametrize("content, code, says", [
    (b'[{"id": "a", "text": "We went with someone else."}, ', "invalid_json", "line 1"),
    (b"", "invalid_json", "empty"),
    (b"[]", "empty_file", "no records"),
    (b'{"a": [{"text": "x"}], "b": [{"text": "y"}]}', "invalid_json", "'a', 'b'"),
    (b"\x1f\x8b\x08\x00" + bytes(range(256)) * 4, "invalid_input", "gzip"),
])
def test_a_broken_json_export_is_one_clear_error_row(tmp_path, checker, content, code, says):
    (tmp_path / "bad.json").write_bytes(content)
    rows, _ = audit(checker, [tmp_path / "bad.json"], tmp_path / "out.jsonl")
    assert len(rows) == 1 and rows[0]["status"] == "error", rows
    assert rows[0]["error"]["code"] == code and says in rows[0]["error"]["message"], rows[0]["error"]


def test_a_json_lines_file_named_json_is_read_as_json_lines(tmp_path, checker):
    src = tmp_path / "export.json"
    src.write_text("".join(json.dumps({"id": f"m{i}", "text": draft(i)}) + "\n" for i in range(3)), encoding="utf-8")
    rows, _ = audit(checker, [src], tmp_path / "out.jsonl")
    assert [(r["id"], r["status"]) for r in rows] == [("m0", "ok"), ("m1", "ok"), ("m2", "ok")]
    assert rows[1]["source"].endswith("export.json:2")


def test_a_folder_scan_reads_json_exports_but_not_an_earlier_audits_rows(tmp_path, checker):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "export.json").write_text(json.dumps([{"id": "j1", "text": draft(1)}]), encoding="utf-8")
    audit(checker, [tmp_path / "in"], tmp_path / "in" / "old.json")        # an audit's rows, named .json
    rows, result = audit(checker, [tmp_path / "in"], tmp_path / "out.jsonl")
    assert [r["id"] for r in rows] == ["j1"]


def test_the_html_reports_figures_are_written_with_thousands_separators(tmp_path, checker):
    """The report's key figures and chart labels read as the summary does: '1,200', not '1200'."""
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": f"m{i}", "text": draft(i % 9)}) + "\n" for i in range(1200)),
                   encoding="utf-8")
    _, result = audit(checker, [src], tmp_path / "out.html", fmt="html")
    written = result.output_path.read_text(encoding="utf-8")
    assert "<b>1,200</b>Messages" in written and "<b>1200</b>" not in written
    assert not re.search(r">\d{4,} \(\d+%\)</text>", written)


def test_resuming_a_finished_html_report_says_it_checks_everything_again(tmp_path, checker):
    """A finished HTML report keeps no rows file: --resume silently checked every message again."""
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": f"m{i}", "text": draft(i)}) + "\n" for i in range(3)), encoding="utf-8")
    _, first = audit(checker, [src], tmp_path / "out.html", fmt="html")
    assert not any("finished report" in n for n in first.notes)
    _, again = audit(checker, [src], tmp_path / "out.html", fmt="html", resume=True)
    assert again.written == 3 and any("finished report" in n and "checked again" in n for n in again.notes), again.notes


def test_no_inputs_found_names_every_kind_it_reads(tmp_path, checker):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "notes.bin").write_bytes(b"\x00\x01")
    with pytest.raises(UsageError, match=r"\.jsonl, \.json, \.html"):
        audit(checker, [tmp_path / "in"], tmp_path / "out.jsonl")


def test_a_json_export_too_large_to_read_whole_is_one_error_row_naming_json_lines(tmp_path, checker, monkeypatch):
    from service.audit import readers

    src = tmp_path / "big.json"
    src.write_text(json.dumps([{"id": f"m{i}", "text": draft(i)} for i in range(50)]), encoding="utf-8")
    monkeypatch.setattr(readers, "JSON_MAX_BYTES", 1024)
    rows, _ = audit(checker, [src], tmp_path / "out.jsonl")
    assert len(rows) == 1 and rows[0]["error"]["code"] == "file_too_large"
    assert "JSON Lines" in rows[0]["error"]["message"] and "big.jsonl" in rows[0]["error"]["message"]


def test_a_json_file_of_one_record_with_a_list_of_objects_inside_is_that_one_record(tmp_path, checker):
    """A single record saved as a JSON object is one message even when a field holds a list of objects
    ("interviewers": [{...}, {...}]): that list is part of the record, not the export's array of records."""
    src = tmp_path / "one.json"
    src.write_text(json.dumps({"id": "r1", "text": draft(1), "interviewers": [{"name": "Ann"}, {"name": "Bo"}]}),
                   encoding="utf-8")
    rows, _ = audit(checker, [src], tmp_path / "out.jsonl")
    assert [(r["id"], r["status"]) for r in rows] == [("r1", "ok")]
    assert count_inputs([(src, "json")], Columns()) == 1


def test_a_csv_row_with_more_or_fewer_fields_than_the_header_keeps_its_id(tmp_path, checker):
    """A row with more fields than the header was an error row named by its line ('templates.csv:3'), not by its
    id column. Every row keeps its id: empty cells past the header's (trailing delimiters) are ignored with a
    warning; filled ones (an unquoted comma in the message shifts the cells) make an error row that names them."""
    path = tmp_path / "templates.csv"
    lines = ["id,text,date,sender",
             f'r1,"{draft(1)}",2024-01-05,ann@acme.example',
             f'r2,"{draft(2)}",2024-01-06,ann@acme.example,,',                 # two empty cells past the header's
             "r3,Hi Sam, we have chosen someone else.,2024-01-07,ann@acme.example",  # an unquoted comma
             f'r4,"{draft(4)}"',                                                 # date and sender left out
             "r5"]                                                               # ends before its text
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    rows, result = audit(checker, [path], tmp_path / "out.jsonl")
    by_id = {r["id"]: r for r in rows}
    assert [r["id"] for r in rows] == ["r1", "r2", "r3", "r4", "r5"] and result.stats.total == 5
    assert by_id["r2"]["status"] == "ok" and by_id["r2"]["date"] == "2024-01-06T00:00:00"
    assert any("2 empty fields" in w for w in by_id["r2"]["warnings"]), by_id["r2"].get("warnings")
    assert by_id["r3"]["status"] == "error" and by_id["r3"]["error"]["code"] == "invalid_csv"
    assert "5 fields" in by_id["r3"]["error"]["message"] and "header has 4" in by_id["r3"]["error"]["message"]
    assert by_id["r4"]["status"] == "ok" and any("2 of the header's 4" in w for w in by_id["r4"]["warnings"])
    assert by_id["r5"]["status"] == "error" and by_id["r5"]["error"]["code"] == "missing_text"
    assert "warnings" not in by_id["r1"] or not by_id["r1"]["warnings"]


@pytest.mark.parametrize("name", ["one.eml", "box.mbox"])
def test_a_utf8_byte_order_mark_before_an_emails_headers_is_not_read_as_its_body(tmp_path, checker, name):
    """An .eml or mbox saved with a UTF-8 byte-order mark had its headers (the candidate's name and address
    included) checked as the body of its first message, which kept no id, date or names."""
    msg = ("From: Dana Lee <dana@example.org>\nTo: Priyanka Rao <priyanka@example.net>\nSubject: Your application\n"
           "Date: Tue, 14 May 2024 10:00:00 +0000\nMessage-ID: <m1@example.org>\n"
           "Content-Type: text/plain; charset=utf-8\n\n" + draft(0) + "\n")
    envelope = "From dana@example.org Tue May 14 10:00:00 2024\n" if name.endswith(".mbox") else ""
    src = tmp_path / name
    src.write_bytes(b"\xef\xbb\xbf" + (envelope + msg).encode())
    rows, _ = audit(checker, [src], tmp_path / "out.jsonl", show_pii=True)
    assert [(r["id"], r["status"], r.get("date")) for r in rows] == [("m1@example.org", "ok", "2024-05-14T10:00:00")]
    assert "Subject:" not in rows[0]["sentences"][0]["text"] and not rows[0].get("warnings")


@pytest.mark.parametrize("charset", ["iso-8859-1", "windows-1252"])
def test_utf8_text_labelled_with_an_8_bit_character_set_is_read_as_utf8(tmp_path, checker, charset):
    """A UTF-8 body that declares Latin-1 or Windows-1252 decodes without an error, as mojibake ('ZoÃ«',
    'cafÃ©'), and was checked so, silently; a body that is in the character set it declares is read in it."""
    head = (f"From: Dana Lee <dana@example.org>\nSubject: Your application\nMessage-ID: <{{}}@example.org>\n"
            f"Content-Type: text/plain; charset={charset}\nContent-Transfer-Encoding: 8bit\n\n")
    body = draft(1).replace("Tomasz", "Zoë") + "\nRenée, café team\n"
    (tmp_path / "utf8.eml").write_bytes(head.format("utf8").encode() + body.encode("utf-8"))
    (tmp_path / "latin.eml").write_bytes(head.format("latin").encode() + body.encode("cp1252"))
    rows, _ = audit(checker, [tmp_path], tmp_path / "out.jsonl", show_pii=True)
    by_id = {r["id"]: r for r in rows}
    for rid in ("utf8@example.org", "latin@example.org"):
        texts = " ".join(s["text"] for s in by_id[rid]["sentences"])
        assert "Zoë" in texts and "Renée, café" in texts and "Ã" not in texts, texts
    assert any(f"not {charset} as it declares" in w for w in by_id["utf8@example.org"]["warnings"])
    assert not any("declares" in w for w in by_id["latin@example.org"].get("warnings", []))


def test_excels_unicode_text_export_named_txt_is_read_as_a_table(tmp_path, checker):
    """Excel's 'Unicode Text' export is UTF-16, tab-separated and named .txt: the whole table (header, ids and every
    message) was checked as one draft. A .txt draft whose first line holds a tab is still one message."""
    table = "ID\tText\r\n" + "".join(f'm{i}\t"{draft(i)}"\r\n' for i in range(3))
    (tmp_path / "export.txt").write_bytes(b"\xff\xfe" + table.encode("utf-16-le"))
    (tmp_path / "draft.txt").write_text("Subject:\tYour application\n" + draft(4), encoding="utf-8")
    rows, _ = audit(checker, [tmp_path / "export.txt", tmp_path / "draft.txt"], tmp_path / "out.jsonl")
    assert [(r["id"], r["status"]) for r in rows] == [("m0", "ok"), ("m1", "ok"), ("m2", "ok"), ("draft", "ok")]
    assert count_inputs([(tmp_path / "export.txt", "text"), (tmp_path / "draft.txt", "text")], Columns()) == 4


def test_an_mbox_whose_lines_end_in_cr_alone_gives_a_row_per_message(tmp_path, checker):
    """A classic Mac mailbox ends its lines in CR: the file was one line, and its messages one row 'The message is
    empty.'"""
    box = "".join(f"From dana@example.org Tue May 14 10:0{i}:00 2024\nFrom: Dana Lee <dana@example.org>\n"
                  f"Message-ID: <m{i}@example.org>\nSubject: Your application\n\n{draft(i)}\n\n" for i in range(3))
    src = tmp_path / "old.mbox"
    src.write_bytes(box.replace("\n", "\r").encode())
    rows, _ = audit(checker, [src], tmp_path / "out.jsonl")
    assert [(r["id"], r["status"]) for r in rows] == [(f"m{i}@example.org", "ok") for i in range(3)]
    assert count_inputs([(src, "mbox")], Columns()) == 3


def test_a_body_that_is_only_a_signature_is_an_empty_message(tmp_path, checker):
    """A reply sent with nothing but the sender's signature ('-- ', name, title, phone) was checked, and scored
    'Poor', as if it were a rejection; a message written below a '-- ' line is still checked."""
    head = "From: Dana Lee <dana@example.org>\nSubject: Re: Your application\nMessage-ID: <{}@example.org>\n\n"
    (tmp_path / "sig.eml").write_text(head.format("sig") + "-- \nDana Lee\nTalent Partner, Example Ltd\n+44 20 7946 0000\n")
    (tmp_path / "below.eml").write_text(head.format("below") + "--\n" + draft(2) + "\n")
    rows, _ = audit(checker, [tmp_path], tmp_path / "out.jsonl")
    by_id = {r["id"]: r for r in rows}
    assert by_id["sig@example.org"]["status"] == "error"
    assert by_id["sig@example.org"]["error"]["code"] == "empty_message"
    assert "only a signature" in by_id["sig@example.org"]["error"]["message"]
    assert by_id["below@example.org"]["status"] == "ok"


def test_an_automatic_reply_in_a_mailbox_is_an_error_row_not_a_score(tmp_path, checker):
    """A candidate's out-of-office reply (Auto-Submitted: auto-replied) in an exported mailbox was checked and
    scored 'Poor' among the team's rejections; an ATS's automatic rejection (auto-generated, or an auto-reply that
    turns the candidate down) is still checked."""
    def msg(i, headers, body):
        return (f"From x@example.org Tue May 14 10:0{i}:00 2024\nFrom: x@example.org\nMessage-ID: <m{i}@example.org>\n"
                f"Subject: Your application\n{headers}\n{body}\n\n")
    ooo = "I am out of the office until 27 May with limited access to e-mail. For anything urgent, call my colleague."
    box = tmp_path / "box.mbox"
    box.write_text(msg(1, "Auto-Submitted: auto-replied (vacation)\n", ooo) + msg(2, "X-Autoreply: yes\n", ooo)
                   + msg(3, "Auto-Submitted: auto-generated\n", draft(3)) + msg(4, "Auto-Submitted: auto-replied\n", draft(4))
                   + msg(5, "", draft(5)))
    rows, _ = audit(checker, [box], tmp_path / "out.jsonl")
    assert [(r["id"], r["status"], (r.get("error") or {}).get("code")) for r in rows] == [
        ("m1@example.org", "error", "auto_reply"), ("m2@example.org", "error", "auto_reply"),
        ("m3@example.org", "ok", None), ("m4@example.org", "ok", None), ("m5@example.org", "ok", None)]


def test_an_outlook_msg_file_says_what_it_is(tmp_path, checker):
    """An Outlook .msg file renamed .eml was read as Windows-1252 text and refused as 'binary data or control
    characters'; named as .msg, the run stopped with 'Don't know how to read' and no word of what to do."""
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + "Your application".encode("utf-16-le") + bytes(200)
    (tmp_path / "letter.eml").write_bytes(ole)
    rows, _ = audit(checker, [tmp_path / "letter.eml"], tmp_path / "out.jsonl")
    assert len(rows) == 1 and rows[0]["error"]["code"] == "invalid_input" and not rows[0].get("warnings")
    assert "Outlook .msg" in rows[0]["error"]["message"] and ".eml" in rows[0]["error"]["message"]
    (tmp_path / "letter.msg").write_bytes(ole)
    with pytest.raises(UsageError, match=r"Outlook \.msg file is not read: save the messages as \.eml"):
        audit(checker, [tmp_path / "letter.msg"], tmp_path / "out2.jsonl")


@pytest.mark.parametrize("ctype, says", [('application/ms-tnef; name="winmail.dat"', "winmail.dat"),
                                         ("text/calendar; method=REQUEST", "calendar invitation")])
def test_a_message_whose_only_part_is_winmail_dat_or_an_invite_says_so(tmp_path, checker, ctype, says):
    """Outlook's rich-text mail reaches other clients as a winmail.dat (TNEF) attachment, and an interview invite
    as a text/calendar part: each was 'no text body (only attachments or other parts)', which names neither."""
    src = tmp_path / "m.eml"
    src.write_text("From: Dana Lee <dana@example.org>\nSubject: Your application\nMessage-ID: <m@example.org>\n"
                   'MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="b"\n\n--b\n'
                   f"Content-Type: {ctype}\nContent-Transfer-Encoding: base64\n\neJ8+IgAAAAA=\n--b--\n")
    rows, _ = audit(checker, [src], tmp_path / "out.jsonl")
    assert rows[0]["error"]["code"] == "no_text_body" and says in rows[0]["error"]["message"], rows[0]["error"]


@pytest.mark.parametrize("column", ["Body", "message", "email_text", "Message Body"])
def test_a_missing_text_column_error_names_the_column_that_looks_like_the_message(tmp_path, checker, column):
    """Exports name the message column 'Body', 'message', 'email_text' ...: the missing_column error listed the
    header's columns but left the user to work out which one --text-column wants."""
    csv_src, jsonl_src = tmp_path / "in.csv", tmp_path / "in.jsonl"
    with csv_src.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows([["id", "sender_email", column], ["r1", "dana@example.org", draft(1)]])
    jsonl_src.write_text(json.dumps({"id": "r2", "email": "dana@example.org", column: draft(2)}) + "\n", encoding="utf-8")
    rows, _ = audit(checker, [csv_src, jsonl_src], tmp_path / "out.jsonl")
    quoted = f"'{column}'" if " " in column else column
    assert [r["error"]["code"] for r in rows] == ["missing_column", "missing_text"]
    assert all(r["error"]["message"].endswith(f"rerun with --text-column {quoted}).") for r in rows), rows
    rows, _ = audit(checker, [csv_src, jsonl_src], tmp_path / "again.jsonl", columns=Columns(text=column))
    assert [r["status"] for r in rows] == ["ok", "ok"]


def test_an_id_cell_of_spaces_is_a_blank_id(tmp_path, checker):
    """A blank id gets the row's position ('in.csv:3'); one of spaces (a spreadsheet cell cleared with the space
    bar) was the row's id, shown as nothing in every report, and two such rows told apart only by their source."""
    src = tmp_path / "in.csv"
    with src.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows([["id", "text"]] + [[rid, draft(i).replace("\n", " ")]
                                                    for i, rid in enumerate(["", "  ", "\t", "r4"], start=1)])
    rows, _ = audit(checker, [src], tmp_path / "out.jsonl")
    assert [r["id"] for r in rows] == ["in.csv:2", "in.csv:3", "in.csv:4", "r4"]


def test_a_placeholder_plain_part_beside_the_html_rejection_is_not_what_is_checked(tmp_path, checker):
    """Some senders put only a placeholder in the plain-text part of multipart/alternative ('Your mail program
    cannot show this message; open it in a browser'): that line was checked, not the HTML rejection beside it. A
    short plain part that itself turns the candidate down is still the one checked."""
    html = "<p>" + draft(1).replace("\n\n", "</p><p>") + "</p>"
    def alt(mid, plain):
        return (f"From: Dana Lee <dana@example.org>\nSubject: Your application\nMessage-ID: <{mid}@example.org>\n"
                'MIME-Version: 1.0\nContent-Type: multipart/alternative; boundary="b"\n\n'
                f"--b\nContent-Type: text/plain; charset=utf-8\n\n{plain}\n"
                f"--b\nContent-Type: text/html; charset=utf-8\n\n{html}\n--b--\n")
    (tmp_path / "stub.eml").write_text(alt("stub", "Your mail program cannot show this message; open it in a browser."))
    (tmp_path / "short.eml").write_text(alt("short", "Hi Tomasz, sorry, we have decided not to move forward. Dana"))
    rows, _ = audit(checker, [tmp_path], tmp_path / "out.jsonl", show_pii=True)
    by_id = {r["id"]: r for r in rows}
    stub = " ".join(s["text"] for s in by_id["stub@example.org"]["sentences"])
    assert "browser" not in stub and "experience more closely matches" in stub
    assert any("placeholder" in w for w in by_id["stub@example.org"]["warnings"])
    short = " ".join(s["text"] for s in by_id["short@example.org"]["sentences"])
    assert "sorry, we have decided" in short and "placeholder" not in str(by_id["short@example.org"].get("warnings"))


@pytest.mark.parametrize("mark", ["________________________________\n", "-----Original Message-----\n", ""])
def test_an_outlook_forward_of_a_rejection_checks_the_forwarded_message(tmp_path, checker, mark):
    """Outlook forwards ('FW: ...') under a rule of underscores, '-----Original Message-----' or just the header
    block: the forwarder's 'FYI' was checked ('fewer than three words', scored 10) and the rejection left out as a
    quoted reply. A reply under the same marks ('RE: ...') still checks only the new message."""
    def eml(mid, subject):
        return (f"From: Lena Hoffmann <lena@example.org>\nTo: audit@example.org\nSubject: {subject}\n"
                f"Message-ID: <{mid}@example.org>\nContent-Type: text/plain; charset=utf-8\n\nFYI\n\n{mark}"
                "From: Dana Lee <dana@example.org>\nSent: Tuesday, May 14, 2024 10:00 AM\n"
                f"To: Priyanka Rao <priyanka@example.net>\nSubject: Your application\n\n{draft(0)}\n")
    (tmp_path / "fw.eml").write_text(eml("fw", "FW: Your application"))
    (tmp_path / "re.eml").write_text(eml("re", "RE: Your application"))
    rows, _ = audit(checker, [tmp_path], tmp_path / "out.jsonl")
    by_id = {r["id"]: r for r in rows}
    assert "forwards another message" in " ".join(by_id["fw@example.org"]["warnings"])
    assert len(by_id["fw@example.org"]["sentences"]) > 3 and by_id["fw@example.org"]["scores"]["overall"] > 10
    assert [s["text"] for s in by_id["re@example.org"]["sentences"]] == ["FYI"]


def test_a_candidate_named_only_in_bcc_is_redacted(tmp_path, checker):
    """A rejection sent to its candidate in Bcc ('To: undisclosed-recipients:;', the sender's sent copy) named them
    only there; the Bcc header was not read, so 'Ana' mid-sentence stayed in the redacted rows."""
    src = tmp_path / "bcc.eml"
    src.write_text("From: Dana Lee <dana@example.org>\nTo: undisclosed-recipients:;\nBcc: Ana Sato <ana@example.net>\n"
                   "Subject: Your application\nMessage-ID: <bcc@example.org>\n\nDear candidate,\n\nThank you for your "
                   "time. The panel felt that Ana was strong on SQL, but we have decided to offer the role to someone "
                   "with more dbt experience.\n\nBest,\nDana\n")
    rows, _ = audit(checker, [src], tmp_path / "out.jsonl")
    texts = " ".join(s["text"] for s in rows[0]["sentences"])
    assert "Ana" not in texts and "felt that [name] was strong" in texts, texts


def test_a_candidate_named_in_a_forwarded_messages_headers_is_redacted(tmp_path, checker):
    """A forwarded rejection (a message/rfc822 part) names its candidate in its own To: header; only the outer
    message's headers were read for names, so 'Ana' mid-sentence stayed in the redacted rows."""
    inner = ("From: Dana Lee <dana@example.org>\nTo: Ana Sato <ana@example.net>\nSubject: Your application\n\n"
             "Dear candidate,\n\nThank you for your time. The panel felt that Ana was strong on SQL, but we have "
             "decided to offer the role to someone with more dbt experience.\n\nBest,\nDana\n")
    src = tmp_path / "fwd.eml"
    src.write_text("From: Lena Hoffmann <lena@example.org>\nTo: audit@example.org\nSubject: Fwd: Your application\n"
                   'Message-ID: <fwd@example.org>\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="b"\n\n'
                   "--b\nContent-Type: text/plain\n\nFYI\n--b\nContent-Type: message/rfc822\n\n" + inner + "--b--\n")
    rows, _ = audit(checker, [src], tmp_path / "out.jsonl")
    texts = " ".join(s["text"] for s in rows[0]["sentences"])
    assert "Ana" not in texts and "felt that [name] was strong" in texts, texts


def test_a_spreadsheets_date_with_a_time_is_the_rows_date(tmp_path, checker):
    """Excel writes a date-and-time cell as '14.05.2024 09:30' (German), '5/14/2024 10:00 AM' (US) or
    '14/05/2024 09:30:00' (UK): each was 'could not be read', where the same date without its time was read."""
    src = tmp_path / "in.csv"
    dates = ["14.05.2024 09:30", "5/14/2024 1:05 PM", "14/05/2024 09:30:00", "2024/05/14 10:00", "01/02/2024 10:00"]
    with src.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows([["id", "date", "text"]] + [[f"r{i}", d, draft(i).replace("\n", " ")]
                                                            for i, d in enumerate(dates)])
    rows, _ = audit(checker, [src], tmp_path / "out.jsonl")
    assert [r.get("date") for r in rows] == ["2024-05-14T09:30:00", "2024-05-14T13:05:00", "2024-05-14T09:30:00",
                                             "2024-05-14T10:00:00", None]
    assert "day/month or month/day" in " ".join(rows[-1]["warnings"])


def test_a_mailbox_saved_as_eml_gives_a_row_per_message(tmp_path, checker):
    """An .eml file that holds a mailbox (From_ lines, several messages: an export named .eml) was read as one
    message: the first was checked and the others lost, silently. An .eml of one message keeps its own id."""
    box = "".join(f"From dana@example.org Tue May 14 10:0{i}:00 2024\nFrom: Dana Lee <dana@example.org>\n"
                  f"Message-ID: <m{i}@example.org>\nSubject: Your application\n\n{draft(i)}\n\n" for i in range(3))
    (tmp_path / "box.eml").write_text(box)
    (tmp_path / "one.eml").write_text(box.split("\n\nFrom ")[0].split("\n", 1)[1].replace("<m0@", "<one@") + "\n")
    rows, _ = audit(checker, [tmp_path / "box.eml", tmp_path / "one.eml"], tmp_path / "out.jsonl")
    assert [(r["id"], r["status"]) for r in rows] == [("m0@example.org", "ok"), ("m1@example.org", "ok"),
                                                     ("m2@example.org", "ok"), ("one@example.org", "ok")]
    assert count_inputs([(tmp_path / "box.eml", "eml"), (tmp_path / "one.eml", "eml")], Columns()) == 4


@pytest.mark.parametrize("charset", ["unknown-8bit", "x-user-defined-latin"])
def test_a_latin1_body_in_an_unknown_character_set_is_read_as_windows_1252(tmp_path, checker, charset):
    """Some tools label 8-bit text 'unknown-8bit' (RFC 1428) or with a name nobody knows: a body valid in UTF-8 was
    read as UTF-8, any other was an error row ('unknown character set') and its message lost; it is Latin-1 text."""
    src = tmp_path / "m.eml"
    src.write_bytes(f"From: Dana Lee <dana@example.org>\nMessage-ID: <m@example.org>\nSubject: Your application\n"
                    f"Content-Type: text/plain; charset={charset}\nContent-Transfer-Encoding: 8bit\n\n".encode()
                    + draft(1).replace("Tomasz", "Zoë").encode("cp1252"))
    rows, _ = audit(checker, [src], tmp_path / "out.jsonl", show_pii=True)
    assert rows[0]["status"] == "ok" and rows[0]["sentences"][0]["text"].startswith("Hi Zoë")
    assert any(f"unknown character set ({charset}); it was read as Windows-1252" in w for w in rows[0]["warnings"])


def test_a_localised_outlook_forward_of_a_rejection_checks_the_forwarded_message(tmp_path, checker):
    """A German Outlook forward ('WG: ...') under its own header block ('Von:' then 'Gesendet:' with a date): the
    forwarder's 'FYI' was checked and the rejection left out, since only an English 'From:/Sent:' block was read."""
    (tmp_path / "wg.eml").write_text(
        "From: Lena Hoffmann <lena@example.org>\nTo: audit@example.org\nSubject: WG: Your application\n"
        "Message-ID: <wg@example.org>\nContent-Type: text/plain; charset=utf-8\n\nFYI\n\n"
        "Von: Dana Lee <dana@example.org>\nGesendet: Dienstag, 14. Mai 2024 10:00\n"
        f"An: Priyanka Rao <priyanka@example.net>\nBetreff: Your application\n\n{draft(0)}\n")
    rows, _ = audit(checker, [tmp_path], tmp_path / "out.jsonl")
    assert "forwards another message" in " ".join(rows[0]["warnings"])
    assert len(rows[0]["sentences"]) > 3 and not any(s["text"].startswith("Von") for s in rows[0]["sentences"])


@pytest.mark.parametrize("marker, to_line", [
    ("---------- Forwarded message ---------\nFrom: Dana Lee <dana@example.org>\nDate: Tue, 14 May 2024",
     "To: Ana Sato <ana@example.net>"),
    ("________________________________\nFrom: Dana Lee <dana@example.org>\nSent: Tuesday, May 14, 2024 10:00 AM",
     "To: Ana Sato"),
])
def test_a_candidate_named_in_an_inline_forwards_header_lines_is_redacted(tmp_path, checker, marker, to_line):
    """A rejection forwarded inline names its candidate in the forwarded header lines ('To: Ana Sato <a@x>');
    only the e-mail's own headers were read for names, so 'Ana' mid-sentence stayed in the redacted rows."""
    src = tmp_path / "fwd.eml"
    src.write_text("From: Lena Hoffmann <lena@example.org>\nTo: audit@example.org\nSubject: FW: Your application\n"
                   f"Message-ID: <fwd@example.org>\n\nFYI\n\n{marker}\n{to_line}\nSubject: Your application\n\n"
                   "Dear candidate,\n\nThank you for your time. The panel felt that Ana was strong on SQL, but we "
                   "have decided to offer the role to someone with more dbt experience.\n\nBest,\nDana\n")
    rows, _ = audit(checker, [src], tmp_path / "out.jsonl")
    texts = " ".join(s["text"] for s in rows[0]["sentences"])
    assert "Ana" not in texts and "felt that [name] was strong" in texts, texts


@pytest.mark.parametrize("html", [
    "<p>FYI</p><hr><p><b>From:</b> Dana Lee &lt;dana@example.org&gt;<br><b>Sent:</b> Tuesday, May 14, 2024 10:00 AM"
    "<br><b>To:</b> Priyanka Rao<br><b>Subject:</b> Your application</p>",
    '<div>See below</div><div style="border-top:solid #E1E1E1 1.0pt"><p><b>Von:</b> Dana Lee &lt;dana@example.org&gt;'
    "<br><b>Gesendet:</b> Dienstag, 14. Mai 2024 10:00<br><b>Betreff:</b> Your application</p></div>",
])
def test_an_html_only_outlook_forward_checks_the_forwarded_message(tmp_path, checker, html):
    """An Outlook forward with only an HTML body ('FW: ...'): its note was checked ('FYI', scored 10) and the
    rejection under the header block left out as a quoted reply, as the text-only forward was before a9b9b9f."""
    body = html + "".join(f"<p>{line}</p>" for line in draft(0).split("\n") if line.strip())
    msg = email(0, f"<html><body>{body}</body></html>", subtype="html")
    msg.replace_header("Subject", "FW: Your application")
    (tmp_path / "fw.eml").write_bytes(bytes(msg))
    (row,), _ = audit(checker, [tmp_path / "fw.eml"], tmp_path / "out.jsonl", show_pii=True)
    text = " ".join(s["text"] for s in row["sentences"])
    assert "forwards another message" in " ".join(row["warnings"]) and row["scores"]["overall"] > 10
    assert "FYI" not in text and "See below" not in text and len(row["sentences"]) > 3, text


@pytest.mark.parametrize("filename", ["rejection.txt", "Absage Ana.txt"])
def test_a_letter_sent_as_its_only_text_attachment_is_checked(tmp_path, checker, filename):
    """A message whose only part is a text/plain attachment ('rejection.txt') was a no_text_body row; the attachment
    is its only text, so it is checked, with a warning. Beside a body, an attached .txt is still not read."""
    only = EmailMessage()
    only["From"], only["Message-ID"], only["Subject"] = "dana@example.org", "<only@x>", "Your application"
    only.set_content(draft(0), filename=filename, disposition="attachment")
    (tmp_path / "only.eml").write_bytes(bytes(only))
    both = email(1)
    both.add_attachment("Interview notes: strong SQL.", filename="notes.txt")
    (tmp_path / "both.eml").write_bytes(bytes(both))
    rows, _ = audit(checker, [tmp_path], tmp_path / "out.jsonl", show_pii=True)
    by_id = {r["id"]: r for r in rows}
    assert by_id["only@x"]["status"] == "ok" and len(by_id["only@x"]["sentences"]) > 3
    assert f"the attachment '{filename}'" in " ".join(by_id["only@x"]["warnings"])
    assert "Interview notes" not in " ".join(s["text"] for s in by_id["msg1@acme.example"]["sentences"])


def test_a_french_outlook_forward_drops_its_header_lines_and_redacts_their_names(tmp_path, checker):
    """A French Outlook forward ('TR: ...') writes its header lines with a space before the colon ('De : ...',
    'Envoyé : ...', 'À : Ana Sato <...>'): they were checked as the message's first sentences, and 'Ana' in them and
    in the letter stayed in the redacted rows."""
    (tmp_path / "tr.eml").write_text(
        "From: Lena Hoffmann <lena@example.org>\nTo: audit@example.org\nSubject: TR: Your application\n"
        "Message-ID: <tr@example.org>\nContent-Type: text/plain; charset=utf-8\n\nFYI\n\n"
        "De : Dana Lee <dana@example.org>\nEnvoyé : mardi 14 mai 2024 10:00\nÀ : Ana Sato <ana@example.net>\n"
        "Objet : Your application\n\nDear candidate,\n\nThank you for your time. The panel felt that Ana was strong on "
        "SQL, but we have decided to offer the role to someone with more dbt experience.\n\nBest,\nDana\n",
        encoding="utf-8")
    rows, _ = audit(checker, [tmp_path], tmp_path / "out.jsonl")
    texts = [s["text"] for s in rows[0]["sentences"]]
    assert not any(t.startswith(("De :", "Envoyé", "À :", "Objet")) for t in texts), texts
    assert "Ana" not in " ".join(texts) and "felt that [name] was strong" in " ".join(texts), texts


@pytest.mark.parametrize("greeting", ["Dear Ana:", "Hi Ana: thank you for your time."])
def test_a_greeting_with_a_colon_under_a_forwards_header_lines_stays_in_the_message(greeting):
    """A forwarded message's header lines are dropped up to its first line that is no header; 'Dear Ana:' straight
    under them (no blank line between) was read as a field of two words, as 'Enviado el:' is, and dropped too."""
    from service.audit.readers import inline_forward

    header_lines: list[str] = []
    body = ("FYI\n\n-----Original Message-----\nFrom: Dana Lee <dana@example.org>\nEnviado el: martes, 14 de mayo de "
            f"2024 10:00\nTo: Ana Sato\nSubject: Your application\n{greeting}\nWe will not be moving forward.\n")
    text, warning = inline_forward(body, outlook=True, header_lines=header_lines)
    assert warning and text.startswith(f"{greeting}\nWe will not"), text
    assert header_lines[1].startswith("Enviado el:") and len(header_lines) == 4, header_lines


def test_a_name_before_outlooks_mailto_on_an_inline_forwards_header_line_is_redacted(tmp_path, checker):
    """Outlook's plain-text forward writes its sender as 'From: Dana Lee [mailto:dana@example.org]': read as an address
    list, that gave no name, and 'Dana' mid-sentence stayed in the redacted rows ('To: Ana Sato <...>' gave hers)."""
    (tmp_path / "fw.eml").write_text(
        "From: Lena Hoffmann <lena@example.org>\nTo: audit@example.org\nSubject: FW: Your application\n"
        "Message-ID: <fw@example.org>\nContent-Type: text/plain; charset=utf-8\n\nFYI\n\n-----Original Message-----\n"
        "From: Dana Lee [mailto:dana@example.org]\nSent: Tuesday, May 14, 2024 10:00 AM\nTo: Ana Sato\n"
        "Subject: Your application\n\nDear candidate,\n\nThank you for your time. The panel and Dana felt that you were "
        "strong on SQL, but we have decided to offer the role to someone with more dbt experience.\n\nBest wishes,\n"
        "The Hiring Team\n", encoding="utf-8")
    rows, _ = audit(checker, [tmp_path], tmp_path / "out.jsonl")
    texts = " ".join(s["text"] for s in rows[0]["sentences"])
    assert "Dana" not in texts and "panel and [name] felt" in texts, texts


@pytest.mark.parametrize("header, forwarded", [
    ("Cc: Young, Ana <ana@example.net>", ""),
    ("Bcc: Dana Lee <dana@example.org>, Young, Ana <ana@example.net>", ""),
    ("", "To: Young, Ana <ana@example.net>"),
    ("", "Cc: Lee, Dana <dana@example.org>; Young, Ana <ana@example.net>"),
    ("", "From: Young, Ana <ana@example.net>"),
])
def test_an_unquoted_last_first_name_on_an_address_line_is_redacted_whole(header, forwarded):
    """Outlook writes 'Young, Ana <ana@x>' unquoted: read as an address list, 'Young' was an address of its own and only
    'Ana' a name to redact, in the message's headers and on an inline forward's header lines alike."""
    from service.audit.readers import item_from_email

    own = f"{header}\n" if header else ""
    fwd = (f"\n\n-----Original Message-----\nFrom: Hiring <jobs@example.org>\n{forwarded}\nSubject: Your application\n"
           if forwarded else "\n")
    raw = (f"From: Lena Hoffmann <lena@example.org>\nTo: audit@example.org\n{own}Subject: FW: Your application\n"
           f"Message-ID: <lf@example.org>\n\nFYI{fwd}\nDear candidate,\n\nThe panel felt that Young was strong on SQL; "
           "Ana will hear from us.\n").encode("utf-8")
    item = item_from_email(raw, "lf", "lf.eml")
    out = redact(item.text, item.names)
    assert "Young, Ana" in item.names and "Ana" not in out and "that [name] was strong" in out, (item.names, out)


@pytest.mark.parametrize("value, iso", [
    ("2024/05/14 10:00 PM", "2024-05-14T22:00:00"),
    ("2024/05/14 12:30 am", "2024-05-14T00:30:00"),
    ("2024-05-14 10:00:30 p.m.", "2024-05-14T22:00:30"),
    ("May 14, 2024 10:00 PM", "2024-05-14T22:00:00"),
    ("14 May 2024 9:05 pm", "2024-05-14T21:05:00"),
    ("Tuesday, May 14, 2024 10:00 PM", "2024-05-14T22:00:00"),
    ("2024/05/14 10:00", "2024-05-14T10:00:00"),
    ("2024/05/14 13:00 PM", None),
])
def test_a_date_with_a_12_hour_time_is_read(value, iso):
    """'2024/05/14 10:00 PM' gave no date, and 'May 14, 2024 10:00 PM' (read by the RFC 2822 parser) gave 10:00."""
    from service.audit.readers import parse_date

    assert parse_date(value) == iso


@pytest.mark.parametrize("header", [
    "<hr><div><b>From:</b> Tomasz Wrobel &lt;tw@acme.example&gt;</div><div><b>Sent:</b> Monday, March 3, 2025 10:12 AM"
    "</div><div><b>To:</b> Priyanka Okonkwo &lt;po@mail.example&gt;</div><div><b>Subject:</b> Application</div>",
    '<div>-------- Forwarded Message --------<table class="moz-email-headers-table"><tr><th>Subject: </th><td>Application'
    "</td></tr><tr><th>Date: </th><td>Mon, 3 Mar 2025 10:12:00 +0100</td></tr><tr><th>From: </th><td>Tomasz Wrobel "
    '&lt;tw@acme.example&gt;</td></tr><tr><th>To: </th><td>Priyanka Okonkwo <a href="mailto:po@mail.example">'
    "&lt;po@mail.example&gt;</a></td></tr></table></div>",
])
def test_an_html_forward_whose_header_fields_stand_in_blocks_of_their_own_checks_the_forwarded_message(
        tmp_path, checker, header):
    """An HTML forward whose header fields each stand in a <div> or a table row (Outlook, Thunderbird): the block
    was not read as one (a blank line between fields), so the note and the header lines were checked with the
    message, and the names on them ('Okonkwo', 'Wrobel') were left in the report."""
    body = "<p>FYI</p>" + header + "".join(f"<p>{line}</p>" for line in draft(0).split("\n") if line.strip())
    msg = email(0, f"<html><body>{body}</body></html>", subtype="html", to="hr@acme.example")
    msg.replace_header("Subject", "Fwd: Your application")
    (tmp_path / "fw.eml").write_bytes(bytes(msg))
    (row,), _ = audit(checker, [tmp_path / "fw.eml"], tmp_path / "out.jsonl")
    text = " ".join(s["text"] for s in row["sentences"])
    assert "forwards another message" in " ".join(row["warnings"]), row["warnings"]
    assert "FYI" not in text and "Subject" not in text and "Sent" not in text and "To:" not in text, text
    assert "Okonkwo" not in text and "Wrobel" not in text and "Priyanka" not in text, text


@pytest.mark.parametrize("marker, to_field", [
    ("---------- Weitergeleitete Nachricht ---------", "An"),
    ("-------- Message transféré --------", "Pour"),
    ("---------- Mensaje reenviado ---------", "Para"),
    ("Inicio del mensaje reenviado:", "Para"),
    ("Begin doorgestuurd bericht:", "Aan"),
])
def test_a_forward_marked_in_the_senders_language_checks_the_forwarded_message(tmp_path, checker, marker, to_field):
    """Gmail, Thunderbird and Apple Mail write their forward line in the sender's language: with a subject that does
    not say 'Fwd:', the note ('FYI'), the marker and the header lines were checked as the message, and the name on
    Thunderbird's French 'Pour :' line was left in the report."""
    body = (f"FYI\n\n{marker}\nDe : Dana Lee <dana.lee@acme.example>\nDate : Mon, 3 Mar 2025 10:12:00 +0100\n"
            f"{to_field} : Priyanka Okonkwo <po@mail.example>\n\n{draft(0)}\nP.S. Okonkwo is on the list.\n")
    (tmp_path / "fw.eml").write_bytes(bytes(email(0, body, to="hr@acme.example")))
    (row,), _ = audit(checker, [tmp_path / "fw.eml"], tmp_path / "out.jsonl")
    text = " ".join(s["text"] for s in row["sentences"])
    assert "forwards another message" in " ".join(row["warnings"]), row["warnings"]
    assert "FYI" not in text and "Date" not in text and "Okonkwo" not in text, text
    assert text.startswith("Hi [name]") and len(row["sentences"]) > 3, text


def _alternative(plain: str, html: str) -> EmailMessage:
    msg = email(0, plain)
    msg.add_alternative(html, subtype="html")
    return msg


def test_plain_and_html_parts_that_say_different_things_are_named_in_the_rows_warnings(tmp_path, checker):
    """A multipart/alternative message whose plain-text part is another text than its HTML part (an old draft beside
    the sent one): the plain part is checked, as before, but no longer silently; a plain part that is the HTML
    part's text with its links written out and an image label is no other text."""
    sent = draft(0)
    (tmp_path / "a.eml").write_bytes(bytes(_alternative(draft(1), "<p>" + sent.replace("\n", "<br>") + "</p>")))
    same = sent.replace("Warm regards", "Warm regards <https://careers.acme.example/jobs?id=42>") + "\n[image: Acme logo]"
    (tmp_path / "b.eml").write_bytes(bytes(_alternative(same, "<p>" + sent.replace("\n", "<br>") + "</p>")))
    rows, _ = audit(checker, [tmp_path / "a.eml", tmp_path / "b.eml"], tmp_path / "out.jsonl")
    differ = [any("parts differ" in w for w in row["warnings"]) for row in rows]
    assert differ == [True, False], [row["warnings"] for row in rows]
    assert rows[0]["sentences"][0]["text"].startswith("Hi [name]") and rows[0]["status"] == "ok", rows[0]["sentences"]


def test_an_apple_mail_html_forward_drops_its_header_lines_and_redacts_their_names(tmp_path, checker):
    """Apple Mail sets each header field of a forward in a <div> under 'Begin forwarded message:', with a line of
    spaces first in its text: the block was not found, so 'Subject:', 'Date:' and 'To:' lines were checked and the
    surname on 'To:' ('Okonkwo') left in the report."""
    fields = "".join(f'<div style="margin-top: 0px;"><span><b>{name}: </b></span><span>{value}<br></span></div>'
                     for name, value in [("From", "Dana Lee &lt;dana.lee@acme.example&gt;"), ("Subject", "Your application"),
                                         ("Date", "3 March 2025 at 10:12:00 CET"),
                                         ("To", "Priyanka Okonkwo &lt;po@mail.example&gt;")])
    body = "".join(f"<div>{line}</div>" for line in draft(0).split("\n") if line.strip())
    html = (f'<html><body dir="auto"><div>FYI</div><div><br><blockquote type="cite"><div>Begin forwarded message:</div>'
            f'<br class="Apple-interchange-newline">{fields}<br>{body}</blockquote></div></body></html>')
    (tmp_path / "fw.eml").write_bytes(bytes(email(0, html, subtype="html", to="hr@acme.example")))
    (row,), _ = audit(checker, [tmp_path / "fw.eml"], tmp_path / "out.jsonl")
    text = " ".join(s["text"] for s in row["sentences"])
    assert "forwards another message" in " ".join(row["warnings"]), row["warnings"]
    assert "Subject" not in text and "Date" not in text and "Okonkwo" not in text, text
    assert text.startswith("Hi [name]") and len(row["sentences"]) > 3, text


@pytest.mark.parametrize("subject, header", [
    ("I: Candidatura", "Da: Dana Lee <dana.lee@acme.example>\nInviato: lunedì 3 marzo 2025 10:12\nA: Priyanka Okonkwo\n"
                       "Oggetto: Candidatura"),
    ("Doorst: Sollicitatie", "Van: Dana Lee <dana.lee@acme.example>\nVerzonden: maandag 3 maart 2025 10:12\n"
                             "Aan: Priyanka Okonkwo\nOnderwerp: Sollicitatie"),
])
def test_an_outlook_forward_with_an_italian_or_dutch_subject_prefix_checks_the_forwarded_message(
        tmp_path, checker, subject, header):
    """Italian Outlook marks a forward 'I:' and older Dutch Outlook 'Doorst:': the subject was not read as a
    forward's, so the note ('FYI') was checked and the rejection under the header block cut off as a quoted reply."""
    msg = email(0, f"FYI\n\n{header}\n\n{draft(0)}\n", to="hr@acme.example")
    msg.replace_header("Subject", subject)
    (tmp_path / "fw.eml").write_bytes(bytes(msg))
    (row,), _ = audit(checker, [tmp_path / "fw.eml"], tmp_path / "out.jsonl")
    text = " ".join(s["text"] for s in row["sentences"])
    assert "forwards another message" in " ".join(row["warnings"]), row["warnings"]
    assert text.startswith("Hi [name]") and "FYI" not in text and len(row["sentences"]) > 3, text


def test_a_csv_whose_first_row_is_a_title_line_says_one_column_not_one_columns(tmp_path, checker):
    """An export with a title line above a header that names no text column ('Workable export 2025-03-05'): one error
    row that says a header row must name the columns, and counts its one cell as '1 column' (it said '1 columns')."""
    (tmp_path / "export.csv").write_text(f'Workable export 2025-03-05\n\nid,body\n1,"{draft(0)}"\n', encoding="utf-8")
    (row,), _ = audit(checker, [tmp_path / "export.csv"], tmp_path / "out.jsonl")
    message = row["error"]["message"]
    assert row["error"]["code"] == "missing_column" and "must name the columns" in message, message
    assert message.startswith("The header row (1 column: Workable export 2025-03-05) has no 'text' column"), message


def test_a_json_text_field_that_is_a_list_or_a_number_says_which(tmp_path, checker):
    """A JSON Lines record whose text field is a list (a thread's messages), a number or true: each is one error
    row that says what the field holds (all three said only 'is not text')."""
    lines = [{"id": "a", "text": [draft(0), draft(1)]}, {"id": "b", "text": 12345}, {"id": "c", "text": True}]
    (tmp_path / "in.jsonl").write_text("".join(json.dumps(rec) + "\n" for rec in lines), encoding="utf-8")
    rows, _ = audit(checker, [tmp_path / "in.jsonl"], tmp_path / "out.jsonl")
    assert [row["error"]["message"] for row in rows] == [
        "The 'text' field is a list, not text.", "The 'text' field is a number, not text.",
        "The 'text' field is true or false, not text."], rows


@pytest.mark.parametrize("title, header", [
    ("Workable export 2025-03-05\n", "id,date,text"),
    ("Rejections sent, Q1 2025,,\nExported by the talent team,,\n\n", "ID,Date,Text"),
    ("Workable export 2025-03-05\n", "id;date;text"),
    ("Rejections sent, Q1 2025\n", "id\tdate\ttext"),
])
def test_a_csv_whose_header_row_stands_under_title_lines_is_read_from_that_row(tmp_path, checker, title, header):
    """An export whose header row is on line 2 to 5, under its title lines: the header is found (in its own delimiter,
    when the title set another one) and every row says which line was used (the file was one error row)."""
    sep = header[2]
    body = "".join(f'{i}{sep}2025-03-0{i}{sep}"{draft(i)}"\n' for i in (1, 2))
    (tmp_path / "export.csv").write_text(title + header + "\n" + body, encoding="utf-8")
    rows, _ = audit(checker, [tmp_path / "export.csv"], tmp_path / "out.jsonl")
    line = title.count("\n") + 1
    assert [(row["id"], row["status"], row["date"][:10]) for row in rows] == [
        ("1", "ok", "2025-03-01"), ("2", "ok", "2025-03-02")], rows
    assert all(f"The header row is line {line} of export.csv" in " ".join(row["warnings"]) for row in rows), rows
    assert rows[0]["source"].endswith(f"export.csv:{line + 1}")


def test_a_harsh_findings_message_that_quotes_the_candidates_name_is_redacted(tmp_path, checker):
    """A harsh phrase's message quotes the words to reword ('cut or reword "took up Priya and my time"'): redacted in
    the JSON Lines row and the CSV's top message as the sentence holding them is (the name was shown)."""
    body = ("Hi Priya,\n\nThe case study took up Priya and my time without an answer, and the panel chose another "
            "candidate because the role needs SQL.\n\nBest,\nDana")
    (tmp_path / "m.eml").write_bytes(bytes(email(0, body, to="Priya Shah <priya@mail.example>")))
    (row,), _ = audit(checker, [tmp_path / "m.eml"], tmp_path / "out.jsonl")
    messages = [f["message"] for f in row["findings"] if f["rule"] == "tone.harsh_sarcasm"]
    assert messages and all("Priya" not in m for m in messages) and '"took up [name] and my time"' in messages[0]
    assert "Priya" not in json.dumps(row)
    audit(checker, [tmp_path / "m.eml"], tmp_path / "out.csv", fmt="csv")
    assert "Priya" not in (tmp_path / "out.csv").read_text(encoding="utf-8")


def test_the_html_reports_error_rows_are_grouped_by_reason_with_what_to_do(tmp_path, checker):
    """Each reason the report lists has what to do about it and examples of its own: the report showed the first 20
    error rows of the run, so that 22 broken CSV rows hid the empty message after them, and said nothing to do."""
    rows = ["id,text"] + [f"{i},Hi Ana, we chose another candidate" for i in range(22)]
    (tmp_path / "a_export.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    (tmp_path / "z_empty.eml").write_bytes(b"")
    _, result = audit(checker, [tmp_path], tmp_path / "report.html", fmt="html")
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    errors = html[html.index('<section id="errors">'):]
    assert result.stats.errors == {"invalid_csv": 22, "empty_message": 1}
    assert "The message is empty." in errors and "z_empty.eml" in errors
    assert "Fix the rows in the CSV file" in errors and "nothing to check unless it should have some" in errors
    assert "<code>invalid_csv</code>: 22 inputs (the first 3 shown)" in errors
    assert errors.count("a_export.csv:") == 3


def test_the_html_reports_key_figures_say_how_they_add_up_and_what_they_count(tmp_path, checker):
    """The cards under the title said '4 Messages', '2 Checked', '1 Could not check', '1 Not English', percentages
    and 'Risky' as a plain number, with nothing saying how they add up or what each counts."""
    for i in range(2):
        (tmp_path / f"m{i}.eml").write_bytes(bytes(email(i)))
    (tmp_path / "m2.eml").write_bytes(bytes(email(2, "Hallo Sam,\n\nleider müssen wir Ihnen mitteilen, dass wir uns "
                                                      "für eine andere Bewerberin entschieden haben. Wir danken Ihnen "
                                                      "für Ihr Interesse.\n\nMit freundlichen Grüßen\nDana")))
    (tmp_path / "m3.eml").write_bytes(b"")
    _, result = audit(checker, [tmp_path], tmp_path / "report.html", fmt="html")
    assert (result.stats.total, result.stats.checked, result.stats.not_english) == (4, 2, 1)
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    summary = html[html.index('<section id="summary">'):html.index('<section id="distributions">')]
    assert "4 = 2 checked + 1 not English (no verdict) + 1 that could not be checked" in summary
    assert "percentages and the tables below count checked messages only" in summary
    assert "Risky is a number of messages, not English ones included" in summary


def test_a_findings_own_wording_is_not_redacted_where_a_name_is_a_word_of_it(tmp_path, checker):
    """A finding's message is the rule's own wording but for the words it quotes from the message: a name the
    redactor takes from the message ('No' signed under a sign-off) is no name in 'No concrete next step: ...'."""
    body = "Hi Priya,\n\nWe have decided to move forward with other candidates.\n\nBest,\nNo Ha"
    (tmp_path / "m.eml").write_bytes(bytes(email(0, body, to="No Ha <no@mail.example>")))
    (row,), _ = audit(checker, [tmp_path / "m.eml"], tmp_path / "out.jsonl")
    messages = {f["rule"]: f["message"] for f in row["findings"]}
    assert messages["structure.no_next_step"].startswith("No concrete next step"), messages


def test_the_html_report_counts_the_warnings_on_checked_messages(tmp_path, checker):
    """What the checker left out of a message (a quoted reply) or read around (a title above a CSV's header) is
    counted in the report, a warning that names a line once: the run counted them, and the report showed none."""
    quoted = draft(1) + "\n\nOn Mon, 3 Mar 2025 at 10:00, Sam <sam@x.example> wrote:\n> Any news?\n> Sam\n"
    for i in range(2):
        (tmp_path / f"m{i}.eml").write_bytes(bytes(email(i, quoted)))
    rows = "".join(f'{i},"{draft(i)}"\n' for i in range(3))
    (tmp_path / "export.csv").write_text("Workable export\nid,text\n" + rows, encoding="utf-8")
    short = "".join(f'{i},"{draft(i)}"\n' for i in range(5, 8))  # rows without the header's date cells
    (tmp_path / "short.csv").write_text("id,text,date\n" + short, encoding="utf-8")
    audit(checker, [tmp_path], tmp_path / "report.html", fmt="html")
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    section = html[html.index('<section id="warnings">'):]
    section = section[:section.index("</section>")]
    assert re.search(r"A quoted reply chain was found and ignored[^<]*</td><td class=\"num\">2</td>", section), section
    assert re.search(r"The header row is line 2 of export.csv[^<]*</td><td class=\"num\">3</td>", section), section
    assert re.search(r"Row at line 2 has 2 of the header&#x27;s 3 fields[^<]*</td><td class=\"num\">3</td>", section)


def test_a_missing_text_column_error_says_the_header_may_stand_under_title_lines(tmp_path, checker):
    """The header row is looked for on lines 1 to 5 (under an export's title lines): the missing_column error says
    so, not that the first row must name the columns."""
    (tmp_path / "export.csv").write_text(f'Rejections Q1\nid,body\n1,"{draft(0)}"\n', encoding="utf-8")
    (row,), _ = audit(checker, [tmp_path / "export.csv"], tmp_path / "out.jsonl")
    message = row["error"]["message"]
    assert row["error"]["code"] == "missing_column" and "the first row must" not in message, message
    assert "one of the first 5 lines (the first, or one under title lines) must name the columns" in message, message


@pytest.mark.parametrize("text, kept, gone", [
    ("Dear Wren,\n\nThank You For Your Interest In Joining Our Firm. After Careful Review, We Have Decided To Pursue "
     "Other Candidates. Please Accept Our Best Wishes For Success In Your Career.\n\nSincerely,\nHoward Pell",
     ["Thank You For Your Interest In Joining Our Firm", "After Careful Review, We Have Decided To Pursue",
      "Accept Our Best Wishes For Success In Your Career"], ["Wren", "Howard Pell"]),
    ("Dear Ms. Wren,\n\nYour application could not be processed, as the No Objection Certificate from your employer "
     "was not enclosed.\n\nRegistrar", ["the No Objection Certificate from"], ["Wren"]),
    ("Hi Wren, thanks for talking to us about the Senior Producer role on the Sunday Long Reads podcast. We went "
     "with someone else; our editor Halvard Quist will send notes.", ["the Senior Producer role", "Sunday Long Reads"],
     ["Wren", "Halvard Quist"]),
])
def test_title_case_wording_and_capitalised_english_words_are_not_taken_for_names(text, kept, gone):
    """A Title Case template ('Thank You For Your Interest In Joining Our Firm') was redacted to '[name] [name]':
    function words are never part of a name, and a run of English words only is none in a Title Case line, beside a
    function word ('the No Objection Certificate') or before 'role', 'podcast' ...; names stay redacted."""
    out = redact(text)
    for words in kept:
        assert words in out, out
    for name in gone:
        assert name not in out, out


@pytest.mark.parametrize("text, name", [
    ("Hi Wren,\n\nThanks again for meeting with me and Ottilie last Tuesday about the buyer opening.", "Ottilie"),
    ("Hi Wren — thanks for chatting with Tom and me about the editor role; we chose someone else.", "Tom"),
    ("Hi Wren, thanks for walking Ravindra and me through your portfolio on Friday.", "Ravindra"),
    ("Thanks so much Jolene, we went another way on the stylist job this time.", "Jolene"),
    ("Sorry Anselm, we went another way on the ops analyst job.", "Anselm"),
    ("Appreciate you doing the trial shift, Marek — we're not going to offer the line position.", "Marek"),
])
def test_a_single_name_beside_the_writer_or_addressed_mid_sentence_is_redacted(text, name):
    """A lone name mid-sentence stayed visible ('meeting with me and Luis', 'chatting with Tom and me'): the redactor
    only took runs of two capitalised words. A name paired with 'me'/'I', thanked or apologised to ('Thanks so much
    Jo,', 'Sorry Jamal,') or addressed between a comma and a dash is redacted, even an English word ('Tom')."""
    out = redact(text)
    assert name not in out and "[name]" in out, out


@pytest.mark.parametrize("text, kept", [
    ("If you get the certificate, message me and I'll put you straight through.", "I'll put you"),
    ("Our Marketing and I agreed that the HR and me meeting went well.", "Our Marketing and I agreed"),
    ("You did well at the London office, Acme — thanks.", "London office, Acme —"),
])
def test_words_beside_me_and_i_that_are_no_names_stay(text, kept):
    """'me and I'll', 'Marketing and I', a company before a dash: no names."""
    assert kept in redact(text), redact(text)


@pytest.mark.parametrize("text, names", [
    ("Hi Wren,\n\nThe panel chose another analyst.\n\nNot selected.\n\nMahendra Pillai\nHead of Analysis, Redbank CC",
     ["Mahendra", "Pillai"]),
    ("Hi Wren, you have no forklift card, so we can't move ahead with it. Teodor Kowalczyk\nShipping Supervisor, "
     "Ardent Castings", ["Teodor", "Kowalczyk"]),
    ("Dear Wren,\n\nWe filled the post.\n\nWarmly yours and with respect,\nRosalind Okonjo, MSN, RN\nDirector of "
     "Nursing", ["Rosalind", "Okonjo"]),
    ("Hey Wren, sorry, we went with someone local.\n\nTake care and stay safe out there.\n\nJanessa", ["Janessa"]),
])
def test_a_name_signed_above_a_job_title_or_alone_on_the_last_line_is_redacted(text, names):
    """A signature without a sign-off the redactor knows ('Not selected.' or 'Take care out there.' above it) stayed
    visible: the line above a job title ('Head of ...', '... Supervisor, Company') and the message's last line
    after its last sentence are a name when they read as one."""
    out = redact(text)
    for name in names:
        assert name not in out, out
    assert "Wren" not in out


@pytest.mark.parametrize("text, kept", [
    ("Dear Wren,\n\nWe filled the post.\n\nThe Hiring Team\nRecruitment Manager", "The Hiring Team"),
    ("Dear Wren,\n\nWe filled the post.\n\nTrivikram Finserv Ltd.", "Trivikram Finserv Ltd."),
    ("Dear Wren,\n\nWe filled the post.\n\nGood Luck", "Good Luck"),
])
def test_a_team_or_company_signed_on_the_last_line_is_no_name(text, kept):
    """A team, a company ('... Ltd.') or English words on the last line or above a job title are no name."""
    assert kept in redact(text), redact(text)


def test_an_address_used_as_an_id_is_masked_in_every_output_and_still_resumes(tmp_path, checker):
    """An export keyed by the candidate's address (id=wren.okafor@mail.example) showed it in every output: the id's
    addresses are masked as senders are ('w…@mail.example'); the source (the path) is kept; --resume still finds
    the row; --show-pii keeps the id as it is."""
    src = tmp_path / "in.csv"
    with open(src, "w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows([["id", "text"], ["wren.okafor@mail.example", draft(0)], ["7", draft(1)]])
    rows, _ = audit(checker, [src], tmp_path / "out.jsonl")
    assert [r["id"] for r in rows] == ["w…@mail.example", "7"] and rows[0]["source"] == f"{src}:2", rows
    _, again = audit(checker, [src], tmp_path / "out.jsonl", resume=True)
    assert again.resumed == 2 and again.written == 0
    audit(checker, [src], tmp_path / "out.csv", fmt="csv")
    assert "wren.okafor" not in (tmp_path / "out.csv").read_text(encoding="utf-8")
    audit(checker, [src], tmp_path / "out.html", fmt="html")
    assert "wren.okafor" not in (tmp_path / "out.html").read_text(encoding="utf-8")
    shown, _ = audit(checker, [src], tmp_path / "pii.jsonl", show_pii=True)
    assert shown[0]["id"] == "wren.okafor@mail.example"


def test_a_message_id_is_kept_as_the_id_where_an_id_columns_address_is_masked(tmp_path, checker):
    """A Message-ID reads like an address ('msg3@acme.example') but is the join key back to the mailbox, not the
    candidate's address: it stays as it is; only an id column's addresses are masked."""
    (tmp_path / "a.eml").write_bytes(bytes(email(3)))
    (tmp_path / "in.csv").write_text(f'id,text\nwren@mail.example,"{draft(1)}"\n', encoding="utf-8")
    rows, _ = audit(checker, [tmp_path / "a.eml", tmp_path / "in.csv"], tmp_path / "out.jsonl")
    assert sorted(r["id"] for r in rows) == ["msg3@acme.example", "w…@mail.example"], rows


def test_names_of_english_words_in_a_sentence_full_of_names_are_redacted():
    """'Jonathan Reeve' (two English words: an apple and an officer) in a sentence where three in five words are
    capitalised names and places was read as Title Case wording and left visible."""
    out = redact("Dear Wren,\n\nThank you for coming to meet me, Anwen Tully and Jonathan Reeve at The Albany Harrogate "
                 "on 12 September for the Food & Beverage Manager role.")
    assert "Jonathan" not in out and "Reeve" not in out and "Anwen" not in out, out


def test_a_name_inside_a_title_case_line_is_redacted_and_its_words_around_it_stay():
    """Runs were read three capitalised words at a time, so in 'We Met With Tom Kowalczyk And The Team' the name fell
    in two pieces ('Met With Tom', 'Kowalczyk And The') and, once function words were cut off, was not found: a
    whole run is cut at its function words first."""
    out = redact("Thank You For Attending The Assessment Day. We Met With Tom Kowalczyk And Anwen Tully After Lunch.")
    assert "Kowalczyk" not in out and "Tully" not in out and "Tom" not in out, out
    assert out.startswith("Thank You For Attending The Assessment Day. We Met With "), out
