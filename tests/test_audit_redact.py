"""Audit redaction gaps (session 28): initials, a lone first name mid-sentence, places, companies and products taken
for names, and names in file names shown in the HTML report."""
from __future__ import annotations

import sys
from email.message import EmailMessage
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from model import Checker  # noqa: E402
from service.audit import AuditOptions, run_audit  # noqa: E402


@pytest.mark.parametrize("path, names, kept, gone", [
    ("rejections/priya_sharma.eml", ["Priya Sharma"], ["rejections/", ".eml"], ["priya", "sharma"]),
    ("inbox/Re application - Nnamdi Eze.eml", [], ["inbox/", "application", ".eml"], ["Nnamdi", "Eze"]),
    ("exports/northwind_rejections_2024.csv:17", [], ["northwind_rejections_2024.csv:17"], []),
    ("box/HOPE-GRANT.txt", ["Hope Grant"], ["box/", ".txt"], ["HOPE", "GRANT"]),
])
def test_names_in_a_file_path_are_redacted(path, names, kept, gone):
    """A file named after its candidate showed the name in the HTML report. The message's names are redacted in the
    path in any case and between '_', '-' or '.'; a one-message file's unknown words too; an export's name stays."""
    from service.audit.redact import redact_path

    out = redact_path(path, names)
    for words in kept:
        assert words in out, out
    for name in gone:
        assert name.lower() not in out.lower(), out


def _eml(body: str, to: str, with_id: bool = True) -> bytes:
    msg = EmailMessage()
    msg["From"] = "Harriet Vance <h.vance@fernbank.example>"
    msg["To"] = to
    msg["Subject"] = "Your application"
    if with_id:
        msg["Message-ID"] = "<r1@fernbank.example>"
    msg.set_content(body)
    return bytes(msg)


def test_a_candidates_name_in_a_file_name_is_not_shown_in_the_html_report(tmp_path):
    """'rejections/wren_okafor.eml' (a message without a Message-ID, so its id is the file name) and an unreadable
    'Re application - Ilse Brandauer.eml' showed the names in the report's examples and error table."""
    folder = tmp_path / "rejections"
    folder.mkdir()
    body = ("Hi Wren,\n\nThank you for the interviews for the warehouse planner role. We have offered it to someone "
            "with more SAP experience.\n\nBest,\nHarriet")
    (folder / "wren_okafor.eml").write_bytes(_eml(body, "Wren Okafor <wren@mail.example>", with_id=False))
    (folder / "Re application - Ilse Brandauer.eml").write_bytes(b"\x00\x01\x02 not an e-mail \xff\xfe")
    out = tmp_path / "out.html"
    run_audit([folder], out, Checker.load(), AuditOptions(fmt="html"))
    html = out.read_text(encoding="utf-8").lower()
    for name in ("wren", "okafor", "ilse", "brandauer"):
        assert name not in html, name
    assert "rejections" in html
