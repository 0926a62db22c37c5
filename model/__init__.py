"""rejectcheck's checker: `from model import Checker`.

Nothing heavy happens at import; `Checker.load()` loads the shipped artifacts.
"""
from .checker import Checker
from .errors import ArtifactError, CheckerError, InputError, TextTooLongError
from .report import SCHEMA_VERSION, Finding, Report, SentenceResult

__all__ = ["Checker", "Report", "SentenceResult", "Finding", "CheckerError", "ArtifactError", "InputError",
           "TextTooLongError", "SCHEMA_VERSION"]
