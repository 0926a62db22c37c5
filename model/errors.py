"""The one small exception hierarchy; each edge (API, CLI) translates it once."""
from __future__ import annotations



class CheckerError(Exception):
    """Base class for every error rejectcheck raises on purpose."""

    code = "checker_error"


class InputError(CheckerError):
    """The text given cannot be checked (empty, binary, too long, ...)."""

    code = "invalid_input"


class TextTooLongError(InputError):
    code = "text_too_long"

    def __init__(self, message: str, length: int | None = None, limit: int | None = None):
        super().__init__(message)
        self.length = length  # characters measured (an HTML body's: its text, or its source)
        self.limit = limit


class ArtifactError(CheckerError):
    """Shipped model files are missing, corrupt or do not match their manifest."""

    code = "artifact_error"


class ConfigError(CheckerError):
    """The organisation's settings file (REJECTCHECK_CONFIG) cannot be read or holds a mistake."""

    code = "config_error"
