"""Request and response bodies of the HTTP API, split by direction.

Requests are validated strictly (unknown fields are an error, so a typo never passes silently; numbers
are JSON integers, not "73" or 73.0). Responses document `Report.to_dict()` and friends, plus what the
API adds to each finding (`replace_start`, `replace_end`); tests check that the two agree.
"""
from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import (AfterValidator, BeforeValidator, ValidationError, BaseModel, ConfigDict, Field, StrictBool,
                      StrictInt, StringConstraints, WithJsonSchema, field_validator, model_validator)


Severity = Literal["info", "low", "high"]
Category = Literal["boilerplate", "tone", "risk", "structure"]
ShortText = Annotated[str, StringConstraints(max_length=500)]
RuleId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9_]+(\.[a-z0-9_]+)+$", max_length=100)]
Pattern = Annotated[str, StringConstraints(min_length=1, max_length=200, pattern=r"\S")]

# Characters a context value may not hold: control characters (tab and line breaks aside: whitespace, which
# the rules collapse), lone surrogates (invalid Unicode), and bidi embeddings, overrides and isolates
# (U+202A-U+202E, U+2066-U+2069), which reorder how the rest of a line displays.
_UNSAFE_CHARACTER = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069]")


# Mail-merge syntax that ordinary text never holds ({{first_name}}, ${recruiter}, %JOB_TITLE%, <<Company>>,
# {!Contact.Name}), and a bracketed or braced slot name ([Candidate Name], {FIRST_NAME}, [Position]).
# Brackets around anything else are text: "[SQL] window functions", "Team {Alpha}", "the [REDACTED] project".
_TEMPLATE_FIELD = re.compile(
    r"\{\{[^{}\n]+?\}\}|\$\{\s*[\w.\-]+\s*\}|%%?[A-Za-z][\w.]*%%?|<<\s*[\w .\-]+?\s*>>|\{![\w.]+\}"
    r"|\{%[^%\n]*%\}|«[^»\n]{1,60}»|\*\|[A-Za-z0-9_:]+\|\*"
    r"|[\[{]\s*(?i:candidate|applicant|first|last|full|recruiter|hiring|company|job|role|position|title|name)"
    r"(?:[ ._\-']?[A-Za-z]+){0,3}\s*[\]}]"
    # a slot this product writes into its own suggestions ("[the one skill the role needed]")
    r"|\[[a-z][a-z' ]*\s[a-z' ]+\]")


def plain_context_value(value: str) -> str:
    """A context value goes into suggestions and /v1/apply's draft as it is, so it must be plain text: no
    control or bidi characters, no merge field (the check would flag it as unfilled, and the ATS's mail
    merge could expand it). The error says what and where, never the value."""
    bad = _UNSAFE_CHARACTER.search(value)
    if bad is not None:
        ch = bad.group()
        what = ("a lone surrogate (invalid Unicode)" if "\ud800" <= ch <= "\udfff" else
                "a bidirectional-text control" if "\u202a" <= ch else "a control character")
        raise ValueError(f"holds {what} (U+{ord(ch):04X}) at character {bad.start()}; context values are plain text")
    merge_field = _TEMPLATE_FIELD.search(value)
    if merge_field is not None:
        raise ValueError(f"holds a merge field at character {merge_field.start()}; give the value it stands for")
    return value


ContextText = Annotated[str, StringConstraints(max_length=500), AfterValidator(plain_context_value)]
ContextNotes = Annotated[str, StringConstraints(max_length=5_000), AfterValidator(plain_context_value)]


class RequestModel(BaseModel):
    model_config = ConfigDict(extra="forbid")


VALUE_ERROR_PREFIX = "Value error, "  # what pydantic puts before a validator's ValueError
# pydantic's words for an object it did not get name a Python class ("a valid dictionary or instance of BatchItem")
JSON_WORDS = dict.fromkeys(("model_type", "model_attributes_type", "dict_type"), "Input should be a JSON object")


def _model_in(annotation) -> type[BaseModel] | None:
    """The request model an annotation holds (`CheckContext | None`, `list[PhraseRule]`), if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def explain_unknown_fields(errors: list[dict], model: type[BaseModel] | None) -> list[dict]:
    """pydantic says only "Extra inputs are not permitted": name the fields that are allowed where the
    unknown one was given ("openings" -> "... the fields are: ..., upcoming_openings")."""
    if model is None:
        return errors
    out = []
    for e in errors:
        if e.get("type") == "extra_forbidden":
            here: type[BaseModel] | None = model
            for part in [p for p in e["loc"][:-1] if p != "body" and not isinstance(p, int)]:
                field = here.model_fields.get(part) if here is not None else None
                here = _model_in(field.annotation) if field is not None else None
            if here is not None:
                e = {**e, "msg": f"{e['loc'][-1]!r} is not a field here; the fields are: "
                                 f"{', '.join(here.model_fields)}."}
        out.append(e)
    return out



def schema_errors(errors: list[dict], model: type[BaseModel] | None = None, loc: tuple = ()) -> list[dict]:
    """pydantic's errors as `details.errors` gives them: `loc` (after `loc`), `msg` and `type`, never its `input`
    (it would echo the text back). Our validators' messages lose pydantic's "Value error, " prefix, and an
    unknown field's names the fields allowed there (with `model`, the request's)."""
    return explain_unknown_fields([{"loc": [*loc, *e.get("loc", ())],
                                    "msg": e.get("msg", "").removeprefix(VALUE_ERROR_PREFIX)
                                    if e.get("type") == "value_error" else JSON_WORDS.get(e.get("type"),
                                                                                          e.get("msg", "")),
                                    "type": e.get("type", "")} for e in errors], model)

# ---- requests ------------------------------------------------------------------------------
class CheckContext(RequestModel):
    """What the recruiter knows about the candidate. Suggestions are filled from it; a missing
    fact stays a bracketed slot such as `[role]` for the recruiter to fill.

    Values are inserted into suggestions as they are, so each must be plain text: a value holding a
    control character (tab and line breaks aside), a bidi control (U+202A-U+202E, U+2066-U+2069), a
    lone surrogate or a merge field (`{{first_name}}`, `[Candidate Name]`) is a 422 naming the field."""

    candidate_name: ContextText | None = Field(None, description="The name the greeting uses, e.g. 'Sam'.")
    role: ContextText | None = Field(None, description="The role they applied for, e.g. 'Data Analyst'.")
    company: ContextText | None = Field(None, description="Your organisation's name.")
    stage: ContextText | None = Field(None, description="The stage they reached, e.g. 'the final interview'.")
    strengths: list[ContextText] = Field(default_factory=list, max_length=20,
                                         description="What they did well, in words for the candidate, e.g. 'your "
                                                     "SQL take-home was the clearest we received' (the first is used).")
    gaps: list[ContextText] = Field(default_factory=list, max_length=20,
                                    description="What the role needed that they did not show, e.g. 'experience "
                                                "running A/B tests end to end' (the first is used).")
    interviewer_notes: ContextNotes | None = Field(
        None, description="Free-text interview notes (up to 5,000 characters): strengths, gaps and an opening the "
                          "fields above leave out are taken from them; risky remarks never are.")
    upcoming_openings: list[ContextText] = Field(default_factory=list, max_length=20,
                                                 description="Roles they could apply for next, e.g. 'the Junior "
                                                             "Data Engineer role opening in March'.")
    recruiter_name: ContextText | None = Field(None, description="Who signs the message, e.g. 'Ana'.")
    advice: list[ContextText] = Field(default_factory=list, max_length=20,
                                      description="Concrete steps that would strengthen a future application.")
    effort: ContextText | None = Field(None, description="What they did for you, e.g. 'the take-home exercise' "
                                                         "(the stage when not given).")
    timeframe: ContextText | None = Field(None, description="When, e.g. 'in the spring'.")

    @field_validator("strengths", "gaps", "upcoming_openings", "advice", mode="before")
    @classmethod
    def null_is_no_list(cls, value: Any) -> Any:
        """null is no list, as it is no value for the other fields (serialisers write null for an empty field)."""
        return [] if value is None else value

    def to_model(self) -> dict:
        """The context dict the Checker takes (unset fields left out)."""
        return self.model_dump(exclude_none=True, exclude_defaults=True)


class PhraseRule(RequestModel):
    """An extra phrase rule for this request only (same pattern syntax as data/rules/*.yaml).

    Where it matches words that a rule of the server also matches in the same category, only one finding
    is reported there (the earlier, then the longer match); the report's `warnings` then name both rules."""

    id: RuleId = Field(description="Unique within the request, and not the id of a rule of the server "
                                   "(GET /v1/rules lists those): 422 otherwise. Prefix it, e.g. `org.`.")
    patterns: list[Pattern] = Field(min_length=1, max_length=20,
                                    description="Phrases that fire the rule, e.g. 'valued member of our talent "
                                                "community' (the syntax of data/rules/*.yaml; 422 if one cannot "
                                                "compile).")
    message: ShortText = Field(description="What the finding says, e.g. 'Our style guide retires this phrase.'")
    category: Category = Field("boilerplate", description="The finding's category.")
    severity: Severity = Field("low", description="The finding's severity.")
    rationale: ShortText = Field("", description="Why the phrase is a problem, shown with the finding.")
    suggestions: list[ShortText] = Field(default_factory=list, max_length=5,
                                         description="Replacement sentences; {slots} such as {role} are filled from "
                                                     "the context.")
    unless: list[Pattern] = Field(default_factory=list, max_length=20,
                                  description="Phrases that stop the rule firing in a sentence that holds them.")
    skip_if_specific: StrictBool = Field(False, description="true: not reported in a sentence the model finds "
                                                            "specific.")

    @model_validator(mode="after")
    def compiles(self) -> "PhraseRule":
        """Patterns and suggestions are checked as the rules engine will read them, so that a bad one
        is a 422 naming it, never a failure while checking."""
        from model.rules import org_phrase_rule

        org_phrase_rule(self.model_dump())  # raises ValueError, which pydantic reports
        return self


def repeated_ids(items: list) -> list[tuple[int, int]]:
    """(its index, the index of the first item with its id) for each item whose `id` an earlier item has."""
    first: dict[int | str, int] = {}
    repeats = []
    for i, item in enumerate(items):
        if item.id is not None:
            if item.id in first:
                repeats.append((i, first[item.id]))
            else:
                first[item.id] = i
    return repeats


class CheckOptions(RequestModel):
    disabled_rules: list[RuleId] = Field(
        default_factory=list, max_length=200,
        description="Rule ids whose findings are dropped: ids from GET /v1/rules or of this request's `phrases`. "
                    "An id that is neither is a 422, so that a typo never leaves a rule on.")
    severity_threshold: Severity = Field("info", description="Drop findings below this severity.")
    phrases: list[PhraseRule] = Field(default_factory=list, max_length=20,
                                      description="Your organisation's own phrase rules, for this request.")
    phrase_rules: StrictBool = Field(True, description="false: no phrase-rule findings (stock phrases, tone and "
                                                       "risk terms); model, label and structure findings only, "
                                                       "as an organisation's REJECTCHECK_CONFIG may set.")

    def to_model(self) -> dict:
        return self.model_dump(exclude_defaults=True)


EXAMPLE_TEXT = ("Hi Sam,\n\nThank you for your interest in the Data Analyst position. After careful "
                "consideration, we have decided to move forward with other candidates whose experience "
                "more closely matches our needs.\n\nBest regards,\nThe Hiring Team")
EXAMPLE_CONTEXT = {"candidate_name": "Sam", "role": "Data Analyst", "stage": "the final interview",
                   "strengths": ["your SQL take-home was the clearest we received"],
                   "gaps": ["experience running A/B tests end to end"]}
TEXT_LIMITS = ("The limit is in the API description (413 `text_too_long` over it); an HTML body is measured by its "
               "text.")


class CheckRequest(RequestModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={
        "examples": [{"text": EXAMPLE_TEXT, "context": EXAMPLE_CONTEXT}]})

    text: str = Field(description="The draft: plain text or an HTML e-mail body. Never logged or stored. "
                                  + TEXT_LIMITS)
    context: CheckContext | None = Field(None, description="What you know about the candidate; suggestions are "
                                                           "filled from it.")
    options: CheckOptions | None = Field(None, description="Which findings to report, and your own phrase rules.")


class ApplyRequest(RequestModel):
    """A draft, its context and options as checked, and one suggestion of one of its findings."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={
        "examples": [{"text": EXAMPLE_TEXT, "context": EXAMPLE_CONTEXT, "rule": "boilerplate.careful_consideration",
                      "start": 67, "end": 94, "suggestion": 0}]})

    text: str = Field(description="The draft exactly as checked. Never logged or stored. " + TEXT_LIMITS)
    context: CheckContext | None = Field(None, description="The context the draft was checked with.")
    options: CheckOptions | None = Field(None, description="The options the draft was checked with.")
    rule: RuleId = Field(description="The finding's rule.")
    start: StrictInt = Field(ge=0, description="The finding's start, as the check returned it (a JSON integer).")
    end: StrictInt = Field(ge=0, description="The finding's end, as the check returned it (a JSON integer).")
    suggestion: StrictInt = Field(0, ge=0, description="Which of the finding's suggestions (0 = the first).")


class ApplyResponse(BaseModel):
    text: str = Field(description="The draft with the suggestion applied.")


def plain_id(value: str) -> str:
    """An item id is echoed in its result (and a lone surrogate cannot be written as JSON): plain text only."""
    bad = _UNSAFE_CHARACTER.search(value)
    if bad is not None:
        ch = bad.group()
        what = "a lone surrogate (invalid Unicode)" if "\ud800" <= ch <= "\udfff" else "a control or bidi character"
        raise ValueError(f"holds {what} (U+{ord(ch):04X}) at character {bad.start()}; an id is plain text")
    return value


def item_id(value: Any) -> int | str:
    """A batch item's id: a JSON integer, or plain text of 1 to 200 characters. One error at the id's location
    otherwise (a union of the two reported one error per kind of id, at locations named after pydantic's internals)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and 0 < len(value) <= 200:
        return plain_id(value)
    given = f"; this one has {len(value):,} characters" if isinstance(value, str) else ""
    raise ValueError(f"an id is a string of 1 to 200 characters or an integer{given}")


ItemId = Annotated[int | str, BeforeValidator(item_id), WithJsonSchema(
    {"anyOf": [{"type": "integer"}, {"type": "string", "minLength": 1, "maxLength": 200}]})]


class BatchItem(RequestModel):
    id: ItemId = Field(description="Your identifier for this draft (a string, or an integer such as an ATS "
                                   "application id), unique within the batch (a repeat is a 422 for the whole "
                                   "batch; 7 and \"7\" are different ids); echoed in its result as given. An "
                                   "integer is echoed exactly at any size, but JavaScript reads integers above "
                                   "2^53 inexactly: send such ids as strings.")
    text: str = Field(description="The draft, as in POST /v1/check. " + TEXT_LIMITS)
    context: CheckContext | None = Field(None, description="What you know about this item's candidate.")


def echoable_id(raw: Any) -> int | str | None:
    """The id of an item that does not match BatchItem, if it is one BatchItem would take (echoed with the
    item's errors, as given); else None."""
    try:
        return item_id(raw.get("id")) if isinstance(raw, dict) else None
    except ValueError:
        return None


class InvalidItem:
    """A batch item that does not match BatchItem: it is answered in its place with its schema errors,
    and the other items are checked (a bad item never fails the batch)."""

    def __init__(self, index: int, item_id: int | str | None, errors: list[dict]):
        self.index, self.id, self.errors = index, item_id, errors


class BatchRequest(RequestModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={
        "examples": [{"items": [{"id": "app-1041", "text": EXAMPLE_TEXT, "context": EXAMPLE_CONTEXT},
                                {"id": "app-1042", "text": ""}]}]})

    items: list[BatchItem] = Field(min_length=1, description="Drafts to check: at most `maxItems`, this server's "
                                                             "REJECTCHECK_MAX_BATCH_ITEMS (413 `batch_too_large` "
                                                             "over it).")
    options: CheckOptions | None = Field(None, description="Applied to every item.")

    @field_validator("items", mode="wrap")
    @classmethod
    def items_one_by_one(cls, value: Any, handler) -> list:
        """Each item validated on its own: one that does not match becomes an InvalidItem, answered in
        its place. Only the envelope (no list, an empty one) fails the whole request here; ids that repeat fail
        it too, each named at its place (`service.api.check_unique_item_ids`)."""
        if not isinstance(value, list) or not value:
            return handler(value)
        items: list = []
        for i, raw in enumerate(value):
            try:
                items.append(BatchItem.model_validate(raw))
            except ValidationError as exc:
                items.append(InvalidItem(i, echoable_id(raw), schema_errors(exc.errors(), BatchRequest,
                                                                            ("body", "items", i))))
        return items


class FeedbackRequest(RequestModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={
        "examples": [{"notes": "Strong SQL in the take-home. Could not walk through an A/B test design; needs "
                               "more experimentation experience. Would suit the analytics engineer role in spring.",
                      "context": {"candidate_name": "Sam", "role": "Data Analyst"}}]})

    notes: str = Field(description="Private interviewer notes to turn into candidate-safe feedback. "
                                   "Never logged or stored. At most `maxLength` characters (413 `text_too_long` "
                                   "over it).")
    context: CheckContext | None = Field(None, description="What you know about the candidate.")


# ---- responses -----------------------------------------------------------------------------
# A response field with a default is still always sent: the spec marks it required, so that a generated client
# does not make it optional (`english?: boolean`). Fields that are left out at times keep the default config.
ALWAYS_SENT = ConfigDict(json_schema_serialization_defaults_required=True)


class ErrorBody(BaseModel):
    model_config = ALWAYS_SENT

    code: str = Field(description="Stable machine-readable code, e.g. `text_too_long`.")
    message: str = Field(description="One human-readable sentence.")
    details: dict[str, Any] = Field(default_factory=dict, description=(
        "Machine-readable specifics, by code. `validation_error`: `errors`, each with `loc`, `msg` and `type` (and "
        "`suggestions`, how many the finding has, for the type `suggestion_out_of_range`). `invalid_json`: `reason`, "
        "and by reason `key`, `position`, `limit_digits`, `errors` or `content_type`. `text_too_long`: `length` and "
        "`limit`, in characters. `batch_too_large`: `count` and `limit`, in items. `payload_too_large`: `limit_bytes`. "
        "`unsupported_media_type`: `content_encoding` and `accepted`. `request_timeout`: `timeout_s`. "
        "`rate_limited`: `limit` and `window_s`. `internal_error`: `request_id`. `feature_unavailable`: `feature`. "
        "`cors_refused`: `refused`. A batch item's error adds `status`, the HTTP status a POST /v1/check of it "
        "would have had. Other codes have none."))


class ErrorResponse(BaseModel):
    error: ErrorBody = Field(description="What went wrong. Never holds the text that was sent.")


class Scores(BaseModel):
    specificity: int = Field(ge=0, le=100, description="How much the message tells this candidate: the rubric's 1-5 "
                                                       "specificity on 0-100 (1 -> 0, 3 -> 50, 5 -> 100).")
    warmth: int = Field(ge=0, le=100, description="How warm and respectful it reads: the rubric's 1-5 warmth on 0-100.")
    overall: int = Field(ge=0, le=100, description="0.55 x specificity + 0.45 x warmth, at most 40 when a sentence is "
                                                   "harsh and at most 25 when one is risky.")


class Flags(BaseModel):
    actionable: bool = Field(description="The message gives at least one concrete thing the candidate could do or "
                                         "improve.")
    relationship: bool = Field(description="A genuine, specific invitation to stay in touch (a named team, timeframe "
                                           "or person), not 'we will keep your CV on file'.")
    risky: bool = Field(description="A sentence is flagged risky: a protected characteristic or a proxy for one, a "
                                    "promise of a job, or other candidates' details.")


class Rubric(BaseModel):
    specificity: float = Field(description="Predicted rubric score, 1-5.")
    warmth: float = Field(description="Predicted rubric score, 1-5.")
    actionable_probability: float = Field(description="The model's probability that the message is actionable.")
    relationship_probability: float = Field(description="The model's probability that it keeps the relationship.")


class SentenceOut(BaseModel):
    start: int = Field(description="Character offset into the text as sent.")
    end: int = Field(description="Where the sentence ends (exclusive).")
    text: str = Field(description="text[start:end] of the text as sent (an HTML body's markup included).")
    kind: Literal["decision", "reason", "advice", "appreciation", "future", "other"] = Field(
        description="What the sentence does: the decision, a reason for it, advice, appreciation, a future step "
                    "(an opening, staying in touch), or other (greeting, sign-off, logistics).")
    specificity: float = Field(ge=0, le=1, description="The model's probability that the sentence is specific to "
                                                       "this candidate (a skill, an answer, a work sample).")
    boilerplate: Literal["none", "low", "high"] = Field(
        description="Stock wording: high where real content should be ('not the right fit'), low for courtesy that "
                    "is fine in moderation ('after careful consideration').")
    tone: list[Literal["cold", "harsh", "risky"]] = Field(description="The tone flags the sentence carries.")
    tone_scores: dict[str, float] = Field(description="The model's probability of each tone flag, 0-1.")


class FindingOut(BaseModel):
    rule: str = Field(description="The rule's id, as GET /v1/rules lists it (or a phrase rule's of the options).")
    category: Category = Field(description="What kind of problem it is.")
    severity: Severity = Field(description="How much it matters: info, low or high.")
    start: int = Field(description="Where the words the finding is about start: a character offset into "
                                   "the text as sent. Highlight text[start:end]; it is not what a suggestion "
                                   "replaces (see replace_start).")
    end: int = Field(description="Where those words end (exclusive).")
    message: str = Field(description="What is wrong, in one sentence for the recruiter.")
    suggestions: list[str] = Field(description="Suggested wording, applied as `fix` says: a whole sentence that "
                                               "replaces text[replace_start:replace_end] (for a phrase finding, "
                                               "the sentence around text[start:end], not the phrase), a sentence "
                                               "to insert, or a whole message. Facts the context did not give "
                                               "stay as [bracketed] slots.")
    rationale: str = Field(description="Why it matters to the candidate.")
    evidence: str = Field(description="The words that fired the rule (empty for a finding about the whole message).")
    fix: Literal["replace_sentence", "insert", "replace_message", "move_to_top", "none"] = Field(
        description="How POST /v1/apply applies a suggestion: replace the sentence, insert a sentence, replace "
                    "the whole message, move the sentence to the top; 'none': the suggestions are advice.")
    replace_start: int | None = Field(description="Where the characters a suggestion replaces start: "
                                                  "POST /v1/apply returns text[:replace_start] + suggestion + "
                                                  "text[replace_end:] (after a greeting on the same line it writes "
                                                  "the suggestion's first word in small letters and leaves out the "
                                                  "name the greeting says; in an HTML body it escapes the "
                                                  "suggestion). null when a suggestion replaces nothing: it is "
                                                  "inserted (fix 'insert', or a sentence finding that covers the "
                                                  "whole message), the sentence is moved, it is advice, or there "
                                                  "are no suggestions.")
    replace_end: int | None = Field(description="Where those characters end (exclusive); null with replace_start.")


class ReportOut(BaseModel):
    model_config = ALWAYS_SENT

    schema_version: int = Field(description="The version of this report's shape.")
    model_version: str = Field(description="The version of the model that checked the text.")
    scores: Scores = Field(description="0-100 scores of the whole message.")
    rubric: Rubric = Field(description="The model's raw predictions the scores and flags come from.")
    flags: Flags = Field(description="Yes/no judgements of the whole message.")
    sentences: list[SentenceOut] = Field(description="Every sentence, in order, with what the model read in it.")
    findings: list[FindingOut] = Field(description="Problems found, each with the words it is about and suggestions.")
    warnings: list[str] = Field(description="Sentences about the check itself (an HTML body converted, a quoted reply "
                                            "cut off, a text that does not read like a rejection ...).")
    english: bool = Field(True, description="False when the text does not look like English: rejectcheck reads "
                                             "English only, so its scores, flags and findings mean little (a "
                                             "warning says so too). Clients should not show them as a verdict.")


class BatchReport(BaseModel):
    id: int | str = Field(description="The item's id, as given.")
    report: ReportOut = Field(description="The item's report, as POST /v1/check returns it.")


class BatchError(BaseModel):
    id: int | str | None = Field(description="The item's id, as given; null when the item gave no valid one.")
    error: ErrorBody = Field(description="Why this item has no report; `details.status` is the HTTP status a "
                                         "POST /v1/check of it would have had.")


class BatchResponse(BaseModel):
    results: list[BatchReport | BatchError] = Field(description="One result per item, in request order.")


class RuleExamples(BaseModel):
    model_config = ALWAYS_SENT

    fire: list[str] = Field(default_factory=list, description="Drafts the rule must flag.")
    # `pass` is a keyword in Python, hence the alias.
    pass_: list[str] = Field(default_factory=list, alias="pass", description="Drafts it must leave alone.")


class RuleOut(BaseModel):
    id: str = Field(description="The rule's id, as findings name it and options.disabled_rules takes it.")
    category: Category = Field(description="What kind of problem it finds.")
    severity: Severity = Field(description="How much its findings matter.")
    message: str = Field(description="What its findings say.")
    rationale: str = Field(description="Why it matters to the candidate.")
    suggestions: list[str] = Field(description="Suggestion templates; {slots} are filled from the context.")
    examples: RuleExamples = Field(description="Drafts it flags and drafts it leaves alone.")


class RulesResponse(BaseModel):
    model_version: str = Field(description="The version of the model these rules belong to.")
    rules: list[RuleOut] = Field(description="Every rule the checker applies.")


class FeedbackItemOut(BaseModel):
    text: str = Field(description="A sentence the candidate can receive.")
    source_note: str = Field(description="The note it was drafted from (for the recruiter; never sent).")
    kind: Literal["strength", "gap", "advice"] = Field(description="What the sentence tells the candidate.")
    specificity: float | None = Field(None, ge=0, le=1, description="The sentence model's specificity score.")


class DroppedRemarkOut(BaseModel):
    note: str = Field(description="The remark left out of the feedback.")
    reason: str = Field(description="Why it is not safe or useful to pass on.")
    category: str = Field(description="Why, as a code: risky, private, not_about_work, logistics, not_feedback or "
                                      "unclear.")


class FeedbackResponse(BaseModel):
    feedback: list[FeedbackItemOut] = Field(description="Sentences for the candidate, each with the note it came "
                                                        "from.")
    relationship: str | None = Field(description="A specific invitation to stay in touch, when the notes give one.")
    dropped: list[DroppedRemarkOut] = Field(description="Remarks left out: protected characteristics, "
                                                        "other candidates, opinions of the person.")
    draft: str = Field(description="A rejection e-mail built from the feedback, to edit before sending.")
    warnings: list[str] = Field(description="Sentences about the drafting itself (remarks left out, notes that "
                                            "contradict each other ...).")


class HealthResponse(BaseModel):
    status: Literal["ok", "unavailable"] = Field(description="ok when ready, else unavailable.")
    live: bool = Field(description="The process answers (always true in an answer).")
    ready: bool = Field(description="The model is loaded and requests will be served.")
    model_version: str | None = Field(description="The loaded model's version; null while none is loaded.")
    schema_version: int = Field(description="The version of the report's shape this server returns.")
    error: ErrorBody | None = Field(None, description="Why the model is not loaded; absent when ready.")
