"""A quoted reply chain that alone puts a message over the service's length limit.

The checker leaves a quoted reply chain out of the check ("On Mon, ... wrote:" and "> " lines) and does not
count it toward its own limit (model.text.long_quote_cut). The API measures a request against the service's
limit before the checker sees it, so it cuts such a chain off the same way, with the same warning: the
report's offsets still count characters of the text as sent, since only its end goes.
"""
from __future__ import annotations

from model.text import long_quote_cut, long_quote_warning


def cut_long_quoted_reply(text: str, max_chars: int) -> tuple[str, str | None]:
    """(the text to check, a warning or None): a plain-text message over `max_chars` whose part above its
    quoted reply is within it loses the reply; any other text is returned as it is."""
    cut = long_quote_cut(text, max_chars)
    if cut is None:
        return text, None
    return text[:cut], long_quote_warning(text, cut, max_chars)
