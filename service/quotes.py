"""A quoted reply chain that alone puts a message over the length limit.

The checker leaves a quoted reply chain out of the check ("On Mon, ... wrote:" and "> " lines), but
measures the whole text against its length limit first (model/text.py), so a short reply above a long
chain was refused as too long. The API and the audits cut such a chain off before checking, with a
warning: the report's offsets still count characters of the text as sent, since only its end goes.
"""
from __future__ import annotations

from model.text import find_quoted_reply, length_error, looks_like_html


def cut_long_quoted_reply(text: str, max_chars: int) -> tuple[str, str | None]:
    """(the text to check, a warning or None). Only a plain-text message over `max_chars` whose part
    above its quoted reply is within it is cut; any other text is returned as it is (an HTML body is
    measured by its text, by the checker)."""
    if not isinstance(text, str) or length_error(text, max_chars, html=False) is None:
        return text, None
    if looks_like_html(text[:max_chars]):
        return text, None
    cut = find_quoted_reply(text)
    if cut is None or not text[:cut].strip() or cut > max_chars:
        return text, None
    return text[:cut], (f"The quoted reply below the message ({len(text) - cut:,} characters) was cut off before "
                        f"checking: with it the text is over the {max_chars:,}-character limit, and a quoted reply "
                        "is never checked.")
