"""Redaction for audit reports: e-mail addresses, the greeting's name, and names from headers.

Reports (every audit output: JSON Lines, CSV, HTML) are shared more widely than the mailbox they
were built from, so candidate names and addresses are replaced with `[name]` / `[email]`, and
senders masked, unless the user passes `--show-pii`. Redaction errs on the side of removing too
much (a company name that is also in a header display name is removed as well).
"""
from __future__ import annotations

import re
from functools import lru_cache

EMAIL = re.compile(r"[\w.+\-']+@[\w\-]+(?:\.[\w\-]+)+")
_NAME_WORD = r"[A-Z][\w'’\-]*\.?"
GREETING_NAME = re.compile(
    r"^[ \t]*(?i:hi|hello|hey|dear|greetings|good\s+(?:morning|afternoon|evening|day))[ \t]*,?[ \t]+"
    r"(?:(?i:mr|mrs|ms|miss|mx|dr|prof)\.?[ \t]+)?"
    rf"({_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{0,2}})[ \t]*[,:!.;]?[ \t]*$",
    re.M,
)
# Words after a greeting, or inside a header display name, that are not a person's name.
NOT_NAMES = frozenset(
    "there all team everyone folks friend again candidate applicant applicants sir madam hiring manager "
    "recruiter recruiting recruitment talent acquisition people hr careers career jobs job the at of and "
    "for from inc ltd llc gmbh plc co noreply no-reply reply do not via team's partner partners group "
    "human resources services service department office support notifications notification".split()
)
# An address `mask_sender` has masked ("j…@acme.com").
MASKED_SENDER = re.compile(r"(?:^|\s)\w?…@[\w\-]+(?:\.[\w\-]+)+")
NAME_MARK = "[name]"
EMAIL_MARK = "[email]"


# A first line that is only a name and a comma ("Priya," or "Priya Shah,") is a greeting too.
BARE_NAME_LINE = re.compile(rf"\A\s*({_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{0,2}})[ \t]*,[ \t]*$", re.M)


def greeting_names(text: str) -> list[str]:
    """Names addressed in greeting lines ("Hi Sam," -> "Sam"; "Dear Ms Priya Shah" -> "Priya Shah";
    a first line "Priya," -> "Priya")."""
    out = []
    matches = list(GREETING_NAME.finditer(text))
    bare = BARE_NAME_LINE.match(text)
    if bare and not any(m.start() == bare.start() for m in matches):
        matches.insert(0, bare)
    for m in matches:
        words = [w for w in m.group(1).split() if w.lower().rstrip(".") not in NOT_NAMES]
        if words:
            out.append(" ".join(words))
    return out


def _name_parts(names) -> list[str]:
    parts: set[str] = set()
    for name in names:
        name = EMAIL.sub(" ", name)
        words = [w.strip(".,;:'\"()") for w in name.split()]
        words = [w for w in words if len(w) >= 2 and w[:1].isupper() and w.lower() not in NOT_NAMES]
        if words:
            parts.add(" ".join(words))
            parts.update(words)
    return sorted(parts, key=len, reverse=True)


@lru_cache(maxsize=4096)
def _names_pattern(parts: tuple[str, ...]) -> re.Pattern | None:
    if not parts:
        return None
    return re.compile(r"(?<![\w@])(?:" + "|".join(re.escape(p) for p in parts) + r")(?![\w@])")


def redactor(names=()):
    """A function that redacts e-mail addresses and `names` (and their parts) in a text: one
    pattern for the many texts of one message."""
    pattern = _names_pattern(tuple(_name_parts(names)))

    def apply(text: str) -> str:
        text = EMAIL.sub(EMAIL_MARK, text)
        return pattern.sub(NAME_MARK, text) if pattern is not None else text

    return apply


def redact(text: str, names=()) -> str:
    """`text` with e-mail addresses, greeting names and the given (header) names replaced."""
    text = EMAIL.sub(EMAIL_MARK, text)
    pattern = _names_pattern(tuple(_name_parts(list(names) + greeting_names(text))))
    if pattern is not None:
        text = pattern.sub(NAME_MARK, text)
    return text


def mask_sender(sender: str, show_pii: bool = False) -> str:
    """A sender label for reports: the address with its local part masked ('j…@acme.com'),
    or a name reduced to initials, unless `show_pii`."""
    if show_pii or not sender:
        return sender
    if MASKED_SENDER.search(sender):
        return sender  # masked already (a row read back on --resume)
    m = EMAIL.search(sender)
    if m:
        local, _, domain = m.group(0).partition("@")
        return f"{local[:1]}…@{domain}"
    words = [w for w in re.split(r"\s+", sender.strip()) if w]
    if words and all(w.lower() in NOT_NAMES for w in words):
        return sender  # "Talent Team": not a person
    return " ".join((w[:1].upper() + ".") if w.lower() not in NOT_NAMES else w for w in words)


def redact_row(row: dict, names=()) -> dict:
    """An audit output row with the message's own words redacted as in the reports: the text of
    its sentences, the evidence and suggestions of its findings, its warnings; its sender masked.
    Sentence offsets still count characters of the original message. `names`: from the headers."""
    sentences = row.get("sentences") or ()
    # the greeting's name, found once per message, is redacted in every sentence
    clean = redactor(tuple(names) + tuple(greeting_names("\n".join(s.get("text", "") for s in sentences))))
    out = dict(row)
    if sentences:
        out["sentences"] = [{**s, "text": clean(s.get("text", ""))} for s in sentences]
    if row.get("findings"):
        out["findings"] = [{**f, "evidence": clean(f.get("evidence") or ""),
                            "suggestions": [clean(x) for x in f.get("suggestions") or ()]}
                           if f.get("evidence") or f.get("suggestions") else f
                           for f in row["findings"]]
    if row.get("warnings"):
        out["warnings"] = [clean(w) for w in row["warnings"]]
    if row.get("sender"):
        out["sender"] = mask_sender(str(row["sender"]))
    out.pop("names", None)
    return out
