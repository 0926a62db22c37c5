"""What a suggestion replaces: each finding's `replace_start`/`replace_end`, added to the report JSON
that the API and `rejectcheck check --format json` emit (one definition, so the two agree)."""
from __future__ import annotations

import dataclasses

from model.rules import RuleEngine


def replacement_span(rules: RuleEngine | None, text: str, report, finding) -> tuple[int, int] | None:
    """The characters of `text` that a suggestion of `finding` replaces when POST /v1/apply applies it, or
    None when a suggestion replaces nothing (it is inserted, the sentence is moved, or it is advice).

    Found by applying a marker as the suggestion with the one apply there is, so that the span can never
    disagree with /v1/apply: the result is text[:start] + marker + text[end:] for a replacement."""
    if rules is None or not finding.suggestions or finding.fix not in ("replace_sentence", "replace_message"):
        return None
    # a private-use character that is not in the draft: no apply step (escaping, capitals) changes it
    marker = next((chr(c) for c in range(0xE000, 0xF900) if chr(c) not in text), None)
    if marker is None:
        return None
    applied = rules.apply_suggestion(text, report, dataclasses.replace(finding, suggestions=(marker,)), 0)
    start = applied.find(marker)
    end = len(text) - (len(applied) - start - 1)
    if start < 0 or end < start or applied[:start] != text[:start] or applied[start + 1:] != text[end:]:
        return None  # inserted: the draft's characters all stay, with more around the marker
    return start, end


def report_with_replacements(report, text: str, rules: RuleEngine | None) -> dict:
    """`report.to_dict()` with each finding's `replace_start`/`replace_end` (None where a suggestion
    replaces nothing)."""
    body = report.to_dict()
    for finding, out in zip(report.findings, body["findings"]):
        out["replace_start"], out["replace_end"] = replacement_span(rules, text, report, finding) or (None, None)
    return body
