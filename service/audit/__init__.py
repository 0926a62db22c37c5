"""Audits: check a whole mailbox, folder or export of rejection messages in one run.

`run_audit(paths, output_path, checker, AuditOptions(...))` streams every input through
`Checker.check_batch` and writes one row per input (JSON Lines or CSV), or an HTML report.
"""
from .aggregate import AuditStats
from .readers import Columns, Item, UsageError
from .runner import FORMATS, AuditOptions, AuditResult, run_audit
from .writers import OutputBusy, OutputError, ReaderGone

__all__ = ["AuditOptions", "AuditResult", "AuditStats", "Columns", "FORMATS", "Item", "OutputBusy", "OutputError", "ReaderGone", "UsageError",
           "run_audit"]
