"""rejectcheck's HTTP API and web form (FastAPI, served by uvicorn).

    uvicorn service.api:app            # or: python -m service.api (= rejectcheck serve, the same flags)
    REJECTCHECK_API_KEYS=k1,k2 REJECTCHECK_HOST=0.0.0.0 python -m service.api --log-level warning

The Checker is loaded once, in the lifespan, and injected into the endpoints (`CheckerDep`);
tests swap it with `app.dependency_overrides[get_checker]`. Checking is CPU-bound and the
Checker is not thread-safe, so every call runs off the event loop on one dedicated thread
(`in_checker_thread`), behind a lock (`SerializedChecker`).

Every error leaves as `{"error": {"code", "message", "details"}}`. Message text is never logged
and nothing is stored: the request log has the method, path, status, duration and request id.
"""
from __future__ import annotations

import asyncio
import copy
import functools
import hashlib
import hmac
import json
import logging
import math
import os
import re
import sys
import threading
import time
import traceback
import urllib.parse
import uuid
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from http import HTTPStatus
from importlib import metadata, resources
from typing import Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, Request, Security
from fastapi.routing import APIRoute
from fastapi.exceptions import RequestValidationError
from starlette.requests import ClientDisconnect
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from fastapi.security import APIKeyHeader
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.cors import CORSMiddleware

from model import SCHEMA_VERSION, Checker, CheckerError, TextTooLongError
from model.errors import ArtifactError
from model.report import SEVERITIES
from model.rules import RuleEngine, org_phrase_rule
from model.text import MAX_CHARS, length_error, looks_like_html, prepare

from .quotes import cut_long_quoted_reply
from .replacements import report_with_replacements
from .schemas import (
    InvalidItem,
    ApplyRequest,
    ApplyResponse,
    BatchRequest,
    BatchResponse,
    CheckOptions,
    CheckRequest,
    ErrorResponse,
    FeedbackRequest,
    FeedbackResponse,
    HealthResponse,
    ReportOut,
    RulesResponse,
    explain_unknown_fields,
    repeated_ids,
    schema_errors,
)
from .settings import Settings, is_loopback

log = logging.getLogger("rejectcheck.api")

API_PREFIX = "/v1"
UNGATED_PATHS = frozenset({f"{API_PREFIX}/health"})  # probes need neither a key nor a quota
KNOWN_PATHS = frozenset({"/", "/docs", "/openapi.json"} | {
    f"{API_PREFIX}/{p}" for p in ("check", "check/batch", "apply", "feedback", "rules", "health")})
_ASSET_PATH = re.compile(r"/(?:static|docs/assets)/[\w.-]{1,60}")  # a file name: no room for a sentence
REQUEST_ID_HEADER = "x-request-id"
API_KEY_HEADER = "X-API-Key"
# A client's request id is echoed and logged only when it looks like an id, not like words: letters,
# digits and . _ : - with at least one digit, and no "@" ("priya.kumar@example.com" and "Priya.Kumar"
# would put a person's name in the server log). Anything else gets an id of ours.
_VALID_REQUEST_ID = re.compile(r"^(?=[^\d]*\d)[A-Za-z0-9._:-]{1,128}$")
_FASTAPI_BODY_ERROR = "There was an error parsing the body"  # FastAPI's 400, raised from the parse error
_HTTP_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
               405: "method_not_allowed", 406: "not_acceptable", 408: "request_timeout", 413: "payload_too_large",
               415: "unsupported_media_type", 422: "validation_error", 429: "rate_limited",
               500: "internal_error", 503: "unavailable"}
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
WARM_UP_TEXT = ("Hi Sam, thank you for the final interview for the analyst role. We decided not to move "
                "forward because the role needs more experience with A/B testing. Best, Ana")
# a gap typed with a capital: its first word is asked of spaCy's entity recogniser (rules.context_phrase), which
# loads on first use (~1 s); the warm-up loads it, not the recruiter's first check with details
WARM_UP_CONTEXT = {"candidate_name": "Sam", "role": "analyst", "gaps": ["Experience with A/B testing"]}


# ---- errors ----------------------------------------------------------------------------------
class ApiError(Exception):
    """An error with its HTTP status and envelope; raised anywhere, rendered once."""

    def __init__(self, status: int, code: str, message: str, details: dict | None = None,
                 headers: dict | None = None):
        super().__init__(message)
        self.status, self.code, self.message = status, code, message
        self.details = details or {}
        self.headers = headers or {}


def error_body(code: str, message: str, details: dict | None = None) -> dict:
    return {"error": {"code": code, "message": message, "details": details or {}}}


def error_response(status: int, code: str, message: str, details: dict | None = None,
                   headers: dict | None = None) -> JSONResponse:
    return JSONResponse(error_body(code, message, details), status_code=status, headers=headers)


class JSONErrorCORSMiddleware(CORSMiddleware):
    """Starlette's CORS handling, with a refused preflight answered in the API's error envelope
    (Starlette answers it in plain text) so that every 4xx from /v1 has one shape."""

    def preflight_response(self, request_headers):
        response = super().preflight_response(request_headers)
        if response.status_code < 400:
            return response
        refused = response.body.decode("utf-8", "replace").removeprefix("Disallowed CORS ").split(", ")
        headers = {k: v for k, v in response.headers.items()
                   if k.lower().startswith("access-control-") or k.lower() == "vary"}
        hint = ("the allowed origins are set with REJECTCHECK_CORS_ORIGINS" if "origin" in refused else
                f"the API allows the methods {', '.join(sorted(self.allow_methods))} and the headers "
                f"{', '.join(sorted(self.allow_headers))}")
        return error_response(400, "cors_refused",
                              f"The CORS preflight was refused ({', '.join(refused)} not allowed); {hint}.",
                              {"refused": refused}, headers)


class ItemFailed(CheckerError):
    """An unexpected error while checking one batch item (logged by type and stack, never its text)."""

    code = "internal_error"


def checker_error_status(exc: CheckerError) -> int:
    """The one translation of the model's exceptions into HTTP statuses."""
    if isinstance(exc, TextTooLongError):
        return 413
    if isinstance(exc, ArtifactError):
        return 503
    if isinstance(exc, ItemFailed):
        return 500
    return 422  # InputError and any other CheckerError: the input could not be checked


def too_long_details(exc: TextTooLongError) -> dict:
    return {"length": exc.length, "limit": exc.limit} if exc.length is not None else {}


def api_error_from_checker(exc: CheckerError) -> ApiError:
    details = too_long_details(exc) if isinstance(exc, TextTooLongError) else None
    return ApiError(checker_error_status(exc), exc.code, str(exc), details)


def text_too_long(what: str, length: int, limit: int, advice: str) -> ApiError:
    """413 with the numbers in `details` too, so that a client can tell the user by how much."""
    verb = "are" if what.endswith("s") else "is"  # "the notes are"
    return ApiError(413, TextTooLongError.code, f"The {what} {verb} {length:,} characters long; the limit is "
                    f"{limit:,}. {advice}", {"length": length, "limit": limit})


def draft_too_long(text: str, max_chars: int) -> ApiError | None:
    """The error for a draft over the limit, or None: the Checker's own `length_error`, told whether the
    body is HTML from the whole of it (max_body_bytes bounds it), so that a body whose first closing tag
    is near its end is still measured as HTML."""
    if len(text) <= max_chars:
        return None
    error = length_error(text, max_chars, html=looks_like_html(text))
    return api_error_from_checker(error) if error is not None else None


def batch_too_large(count: int, limit: int) -> ApiError:
    return ApiError(413, "batch_too_large", f"The batch has {count:,} items; the limit is {limit:,}. Send them in "
                    f"batches of at most {limit:,} items ({-(-count // limit):,} requests).",
                    {"count": count, "limit": limit})


async def handle_api_error(request: Request, exc: ApiError) -> JSONResponse:
    return error_response(exc.status, exc.code, exc.message, exc.details, exc.headers)


def http_error_message(request: Request, exc: StarletteHTTPException, code: str) -> str:
    """A sentence, as every other error message is, for the errors Starlette raises with a bare status."""
    if exc.status_code == 404:
        path = request.url.path
        if len(path) > 1 and path.endswith("/") and path.rstrip("/") in request.app.openapi().get("paths", {}):
            # never redirected: a client that follows a 307 sends the body twice and counts twice against the limit
            return f"There is nothing at {path}; the endpoint is {path.rstrip('/')}, without the trailing slash."
        spec = request.app.openapi_url
        return "There is nothing at this path; the API's endpoints start with /v1/" + (
            f" and are listed in {spec}." if spec else ".")
    if exc.status_code == 405:
        allowed = (exc.headers or {}).get("Allow", "")
        return f"This endpoint does not accept {request.method}" + (f"; it accepts {allowed}." if allowed else ".")
    try:
        phrase = HTTPStatus(exc.status_code).phrase
    except ValueError:
        phrase = ""
    if isinstance(exc.detail, str) and exc.detail != phrase:
        return exc.detail
    return f"The request failed: {code.replace('_', ' ')}."


class DuplicateKeyError(ValueError):
    """A JSON object in a request body that gives one key twice."""

    def __init__(self, key: str):
        super().__init__("a key is given twice in one object")
        self.key = key


def object_without_repeats(pairs: list[tuple[str, Any]]) -> dict:
    """json.loads' object_pairs_hook for request bodies: the object, or DuplicateKeyError for a key given twice
    (parsers differ in which copy they keep, so the draft checked might not be the one the client shows)."""
    obj = dict(pairs)
    if len(obj) < len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise DuplicateKeyError(key)
            seen.add(key)
    return obj


class StrictJSONRequest(Request):
    """The request an endpoint's JSON body is parsed from: objects may not repeat a key. The body is read
    through the request Starlette made, which is the one exception handlers are given."""

    def __init__(self, origin: Request):
        super().__init__(origin.scope, origin.receive)
        self.origin = origin

    async def body(self) -> bytes:
        return await self.origin.body()

    async def json(self) -> Any:
        return json.loads(await self.body(), object_pairs_hook=object_without_repeats)


class StrictJSONRoute(APIRoute):
    """A route whose JSON body is parsed by StrictJSONRequest."""

    def get_route_handler(self):
        handler = super().get_route_handler()

        async def strict_handler(request: Request) -> Response:
            return await handler(StrictJSONRequest(request))

        return strict_handler


def body_parse_error(request: Request, cause: BaseException | None) -> JSONResponse:
    """400 invalid_json for a body FastAPI could not parse (it raises a bare 400 from the cause)."""
    if isinstance(cause, DuplicateKeyError):
        # named only when it is a short plain label: a lone surrogate could not even be written as JSON
        key = cause.key if len(cause.key) <= 100 and cause.key.isprintable() else None
        return error_response(400, "invalid_json", f"The request body gives {f'the key {key!r}' if key else 'a key'} "
                              "twice in one object; give each key once.", {"reason": "duplicate_key", "key": key})
    if isinstance(cause, UnicodeDecodeError) and cause.encoding.lower().replace("-", "").replace("_", "") != "utf8":
        # json.loads read a body with a zero byte in its first four as UTF-16 or UTF-32 (README: such bodies are
        # read), and that decoder's failure was no UTF-8 fault: say where UTF-8 fails, or where the zero byte is
        raw = bytes(cause.object)
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            cause = exc
        else:
            zero = raw.find(b"\x00")
            return error_response(400, "invalid_json", f"The request body has a zero byte at byte {zero:,}, so it "
                                  f"was read as {cause.encoding.upper()}, and it is not that either. JSON bodies "
                                  "must be encoded as UTF-8.", {"reason": "invalid_utf8", "position": zero})
    if isinstance(cause, UnicodeDecodeError):
        charset = re.search(r"charset\s*=\s*\"?([\w.:-]{1,40})", request.headers.get("content-type", ""), re.I)
        declared = (f" (the Content-Type says charset={charset.group(1)})"
                    if charset and charset.group(1).lower().replace("-", "") != "utf8" else "")
        return error_response(400, "invalid_json", f"The request body is not valid UTF-8: byte {cause.start:,} "
                              f"cannot be decoded{declared}. JSON bodies must be encoded as UTF-8.",
                              {"reason": "invalid_utf8", "position": cause.start})
    if type(cause) is ValueError:  # the one other error json.loads raises: an integer too long to convert
        limit = sys.get_int_max_str_digits()
        return error_response(400, "invalid_json", f"A number in the request body has more than {limit:,} "
                              "digits, too many to read; ids and offsets are far shorter.",
                              {"reason": "number_too_long", "limit_digits": limit})
    if isinstance(cause, RecursionError):
        return error_response(400, "invalid_json", "The request body is nested too deeply to parse; a request "
                              "needs only a few levels of objects and lists.", {"reason": "too_deeply_nested"})
    return error_response(400, "invalid_json", "The request body could not be parsed as JSON.",
                          {"reason": "unparseable"})


async def handle_http_exception(request: Request, exc: StarletteHTTPException) -> JSONResponse:
    if exc.status_code == 400 and exc.__cause__ is not None and exc.detail == _FASTAPI_BODY_ERROR:
        return body_parse_error(request, exc.__cause__)
    code = _HTTP_CODES.get(exc.status_code, f"http_{exc.status_code}")
    return error_response(exc.status_code, code, http_error_message(request, exc, code),
                          headers=getattr(exc, "headers", None))


_BODY_MODELS = {"/v1/check": CheckRequest, "/v1/apply": ApplyRequest, "/v1/check/batch": BatchRequest,
                "/v1/feedback": FeedbackRequest}  # for naming the allowed fields in a 422


def empty_body_error() -> JSONResponse:
    return error_response(400, "invalid_json", "The request body is empty; send a JSON object, such as "
                          "{\"text\": \"...\"}.", {"reason": "empty"})


async def handle_validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
    # Only where and what: pydantic's `input` would echo the (possibly long) text back.
    errors = schema_errors(exc.errors())
    if [(e["loc"], e["type"]) for e in errors] == [(["body"], "missing")]:  # FastAPI's word for no body at all
        return empty_body_error()
    if any(e["type"] == "json_invalid" for e in errors):
        if not (await request.body()).strip():  # spaces or line breaks only: as empty as no body at all
            return empty_body_error()
        return error_response(400, "invalid_json", "The request body is not valid JSON.",
                              {"reason": "syntax", "errors": errors})
    content_type = request.headers.get("content-type", "")
    media = content_type.split(";", 1)[0].strip().lower()
    if request.method == "POST" and not (media == "application/json" or media.endswith("+json")):
        # FastAPI only parses JSON bodies; anything else would fail as a confusing type error.
        return error_response(400, "invalid_json", "The request body must be JSON sent with "
                              "Content-Type: application/json.", {"reason": "not_json", "content_type": content_type})
    errors = explain_unknown_fields(errors, _BODY_MODELS.get(request.url.path))
    if [(e["loc"], e["type"]) for e in errors] == [(["body"], "model_attributes_type")]:
        # a bare string, list, number or null where the endpoint takes an object
        example = '{"items": [{"id": "1", "text": "..."}]}' if request.url.path.endswith("/batch") else '{"text": "..."}'
        return error_response(422, "validation_error", f"The request body must be a JSON object, such as {example}; "
                              "it is a JSON value of another kind.", {"errors": errors})
    return error_response(422, "validation_error", "The request body does not match the schema; "
                          "see details.errors.", {"errors": errors})


# ---- gate: API keys and rate limits ----------------------------------------------------------
class RateLimiter:
    """Fixed-window request counter per client key, in memory only (nothing is persisted)."""

    def __init__(self, limit: int, window_s: int, clock=time.monotonic):
        self.limit, self.window_s, self.clock = limit, window_s, clock
        self.windows: dict[str, list] = {}  # key -> [window start, count]

    def hit(self, key: str) -> tuple[bool, dict[str, str]]:
        """Count one request; return whether it is allowed and its RateLimit headers."""
        now = self.clock()
        window = self.windows.get(key)
        if window is None or now - window[0] >= self.window_s:
            if len(self.windows) > 10_000:
                self.prune(now)
            window = self.windows[key] = [now, 0]
        window[1] += 1
        allowed = window[1] <= self.limit
        reset = max(1, math.ceil(window[0] + self.window_s - now))
        headers = {"RateLimit-Limit": str(self.limit),
                   "RateLimit-Remaining": str(max(0, self.limit - window[1])),
                   "RateLimit-Reset": str(reset),
                   "RateLimit-Policy": f"{self.limit};w={self.window_s}"}
        if not allowed:
            headers["Retry-After"] = str(reset)
        return allowed, headers

    def exceeded(self, key: str) -> str | None:
        """Seconds until `key`'s window resets if it is over the limit now (nothing counted), else None."""
        now = self.clock()
        window = self.windows.get(key)
        if window is None or now - window[0] >= self.window_s or window[1] <= self.limit:
            return None
        return str(max(1, math.ceil(window[0] + self.window_s - now)))

    def prune(self, now: float) -> None:
        for key in [k for k, (start, _) in self.windows.items() if now - start >= self.window_s]:
            del self.windows[key]


class Gate:
    """Who may call the API and how often; built in the lifespan from Settings."""

    def __init__(self, settings: Settings):
        keys = settings.load_api_keys()
        self.keys = [k.encode() for k in sorted(keys)]
        self.required = settings.auth_required(keys)
        if self.required and not self.keys:
            raise RuntimeError(
                f"API keys are required (host {settings.host!r} is not a loopback address, or "
                "REJECTCHECK_REQUIRE_API_KEY=true) but none are configured: set REJECTCHECK_API_KEYS or "
                "REJECTCHECK_API_KEYS_FILE, or REJECTCHECK_REQUIRE_API_KEY=false to serve without keys.")
        # Keys are off only because the service believes it is bound to localhost: refuse
        # remote clients rather than trust that belief (e.g. `uvicorn --host 0.0.0.0`).
        self.loopback_only = not self.required and settings.require_api_key is None
        self.limiter = RateLimiter(settings.rate_limit, settings.rate_limit_window_s) if settings.rate_limit else None
        # Failed keys are counted per address, apart from the quota, so that keys cannot be guessed.
        self.auth_failures = (RateLimiter(settings.auth_failure_limit, settings.rate_limit_window_s)
                              if settings.auth_failure_limit and self.required else None)
        self.max_body_bytes = settings.max_body_bytes
        self.body_timeout_s = settings.body_timeout_s

    def valid_key(self, given: str | None) -> bool:
        if not given:
            return False
        raw = given.encode("latin-1")  # the header's bytes as sent
        # Compare against every key so that timing does not tell which one nearly matched.
        return sum(hmac.compare_digest(raw, k) for k in self.keys) > 0

    def client_key(self, given: str | None, client_host: str) -> str:
        if self.required and given:
            return "key:" + hashlib.sha256(given.encode("latin-1")).hexdigest()[:24]
        return "addr:" + client_host


def _header(scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", ()):
        if key == name:
            return value.decode("latin-1")
    return None


def _content_codings(scope) -> list[str]:
    """The request's content codings other than identity, from every Content-Encoding header."""
    codings = [c.strip() for key, value in scope.get("headers", ()) if key == b"content-encoding"
               for c in value.decode("latin-1").split(",")]
    return [c for c in codings if c and c.lower() != "identity"]


async def _send_error(send, status: int, code: str, message: str, headers: dict | None = None,
                      details: dict | None = None) -> None:
    response = error_response(status, code, message, details, headers)
    await response({"type": "http"}, None, send)


def body_too_large_message(path: str, limit: int) -> str:
    """The 413 for a body over the limit, with what to send instead."""
    advice = ("send fewer items per batch" if path.rstrip("/").endswith("/batch") else
              "send one message's text (no attachments or embedded images)")
    return f"The request body is larger than {limit:,} bytes; {advice}."


async def read_body(receive, limit: int) -> bytes | None:
    """The request body, or None once it is longer than `limit` bytes (the rest is left unread)."""
    chunks, size = [], 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            raise ClientDisconnect()  # the request log says 499: nothing failed here
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
        if not message.get("more_body", False):
            return b"".join(chunks)


class GateMiddleware:
    """API keys (401), rate limits (429, RateLimit headers), body encoding (415), size (413) and time (408)
    for /v1/*.

    A pure ASGI middleware, so that it runs before the body is read or parsed.
    """

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        path = scope.get("path", "")
        if scope["type"] != "http" or not path.startswith(API_PREFIX + "/") or path in UNGATED_PATHS \
                or scope.get("method") == "OPTIONS":
            await self.app(scope, receive, send)
            return
        gate: Gate | None = getattr(scope["app"].state, "gate", None)
        if gate is None:
            await _send_error(send, 503, "unavailable", "The service is starting up; try again shortly.")
            return
        client_host = (scope.get("client") or ("unknown", 0))[0]
        given = _header(scope, b"x-api-key")
        key_ok = not gate.required or gate.valid_key(given)
        if gate.auth_failures is not None:
            # An address that sent too many bad keys is refused whatever its key, so that a guesser
            # who ignores the 429s learns nothing until the window ends.
            retry = gate.auth_failures.exceeded("addr:" + client_host)
            if retry is None and not key_ok:
                gate.auth_failures.hit("addr:" + client_host)
                retry = gate.auth_failures.exceeded("addr:" + client_host)
            if retry is not None:
                await _send_error(send, 429, "rate_limited",
                                  "Too many requests with a missing or invalid API key from this address; every "
                                  "request from it is refused until the number of seconds in the Retry-After "
                                  "header has passed.", {"Retry-After": retry},
                                  {"limit": gate.auth_failures.limit, "window_s": gate.auth_failures.window_s})
                return
        if not key_ok:
            message = ("This API needs an API key in the X-API-Key header." if not given
                       else "The API key is not valid.")
            await _send_error(send, 401, "unauthorized", message, {"WWW-Authenticate": 'ApiKey header="X-API-Key"'})
            return
        if gate.loopback_only and not is_loopback(client_host):
            await _send_error(send, 401, "unauthorized",
                              "API keys are off because the service is configured for localhost only, so remote "
                              "clients are refused. Configure REJECTCHECK_API_KEYS (or REJECTCHECK_HOST), or set "
                              "REJECTCHECK_REQUIRE_API_KEY=false.", {"WWW-Authenticate": 'ApiKey header="X-API-Key"'})
            return
        limit_headers: dict[str, str] = {}
        if gate.limiter is not None:
            allowed, limit_headers = gate.limiter.hit(gate.client_key(given, client_host))
            if not allowed:
                await _send_error(send, 429, "rate_limited", "Too many requests; retry after the number of "
                                  "seconds in the Retry-After header.", limit_headers,
                                  {"limit": gate.limiter.limit, "window_s": gate.limiter.window_s})
                return
        codings = _content_codings(scope)
        if codings:
            # Without this, a compressed body is parsed as if it were JSON (400) or, with a coding such as
            # br over a plain body, silently accepted. Not decompressed: max_body_bytes would no longer bound
            # what the server holds.
            await _send_error(send, 415, "unsupported_media_type",
                              f"The API does not accept compressed request bodies (Content-Encoding: "
                              f"{', '.join(codings)[:100]}); send the JSON uncompressed, without a Content-Encoding "
                              "header.", {**limit_headers, "Accept-Encoding": "identity"},
                              {"content_encoding": ", ".join(codings)[:100], "accepted": ["identity"]})
            return
        body_limit = gate.max_body_bytes
        declared = _header(scope, b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > body_limit:
            await _send_error(send, 413, "payload_too_large", body_too_large_message(scope["path"], body_limit),
                              limit_headers, {"limit_bytes": body_limit})
            return
        # Read the body here (bounded in size and time), so that a chunked upload cannot exceed the limit either.
        try:
            body = await asyncio.wait_for(read_body(receive, body_limit), gate.body_timeout_s)
        except TimeoutError:
            await _send_error(send, 408, "request_timeout", f"The request body did not arrive in full within "
                              f"{gate.body_timeout_s:g} seconds of its headers.",
                              {**limit_headers, "Connection": "close"}, {"timeout_s": gate.body_timeout_s})
            return
        if body is None:
            await _send_error(send, 413, "payload_too_large", body_too_large_message(scope["path"], body_limit),
                              limit_headers, {"limit_bytes": body_limit})
            return
        replayed = False

        async def replay():
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        async def send_with_limits(message):
            if message["type"] == "http.response.start" and limit_headers:
                message["headers"] = list(message.get("headers", [])) + [
                    (k.lower().encode(), v.encode()) for k, v in limit_headers.items()]
            await send(message)

        await self.app(scope, replay, send_with_limits)


def loggable_path(path: str, status: int) -> str:
    """The path if it is one of ours; a client could put anything (even a draft) in an unknown one. An asset's
    path is ours only when a file was served: a made-up name ('/static/Priya-Kumar.txt', a 404) is the client's."""
    if path in KNOWN_PATHS or (status < 400 and _ASSET_PATH.fullmatch(path)):
        return path
    return "<other path>"


class UvicornLogFilter(logging.Filter):
    """uvicorn's access log (on unless turned off: `uvicorn service.api:app` runs with it) prints each request
    line, its query string and any path a client makes up included, where a misused client could put a draft;
    at `--log-level trace` it prints each request's scope, with the same path and query string. Each line keeps
    its shape, with the path as our request log writes it and no query string."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if record.name == "uvicorn.access" and isinstance(args, tuple) and len(args) == 5:
            client, method, target, version, status = args  # the request line
            path = urllib.parse.unquote(str(target).split("?", 1)[0])
            record.args = (client, method, loggable_path(path, status if isinstance(status, int) else 500),
                           version, status)
        elif isinstance(args, tuple) and args and isinstance(args[-1], dict) and "query_string" in args[-1]:
            path = loggable_path(str(args[-1].get("path", "")), 500)  # a scope: no status yet, so no asset path
            record.args = (*args[:-1], {**args[-1], "path": path, "raw_path": path.encode(), "query_string": b""})
        return True


UVICORN_LOG_FILTER = UvicornLogFilter()


class RequestContextMiddleware:
    """Outermost layer: a request id on every response, one log line per request (never the
    body), and a 500 error envelope for anything unexpected."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        given = _header(scope, REQUEST_ID_HEADER.encode())
        request_id = given if given and _VALID_REQUEST_ID.match(given) else uuid.uuid4().hex
        scope.setdefault("state", {})["request_id"] = request_id
        started, status = time.perf_counter(), 500
        response_started = False

        async def send_with_id(message):
            nonlocal status, response_started
            if message["type"] == "http.response.start":
                response_started = True
                status = message["status"]
                headers = list(message.get("headers", []))
                headers += [(REQUEST_ID_HEADER.encode(), request_id.encode()), (b"x-content-type-options", b"nosniff")]
                if not any(key.lower() == b"cache-control" for key, _ in headers):
                    headers.append((b"cache-control", b"no-store"))  # responses echo the draft: no cache may keep them
                message["headers"] = headers
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        except ClientDisconnect:
            status = 499  # the client went away before its body was read: nothing failed here, nothing to send
        except Exception as exc:
            # The type and the stack, never the exception's message: it could quote the text.
            log.error("request %s failed: %s\n%s", request_id, type(exc).__name__,
                      "".join(traceback.format_tb(exc.__traceback__)).rstrip())
            if response_started:
                raise
            await _send_error(send_with_id, 500, "internal_error",
                              "Something went wrong on our side; the request id identifies it in our logs.",
                              details={"request_id": request_id})
        finally:
            log.info("%s %s %s %d %.1fms", request_id, scope.get("method"),
                     loggable_path(scope.get("path", ""), status), status, (time.perf_counter() - started) * 1000)


# ---- the checker, one call at a time ----------------------------------------------------------
class SerializedChecker:
    """The Checker behind a lock. Its parts were not written for concurrent calls (the static
    encoder shipped until session 8 set truncation on a shared Rust tokenizer and failed with
    "Already borrowed" when two threads encoded at once; onnxruntime already uses every core for
    one sentence), and checking holds the GIL for most of a call, so serialising costs little
    throughput."""

    def __init__(self, checker: Checker):
        self.checker = checker
        self.lock = threading.Lock()
        self.model_version = checker.model_version
        self.rules = checker.rules
        self.max_chars = getattr(checker, "max_chars", MAX_CHARS)

    def check(self, *args, **kwargs):
        with self.lock:
            return self.checker.check(*args, **kwargs)

    def check_batch(self, *args, **kwargs):
        with self.lock:
            return self.checker.check_batch(*args, **kwargs)

    def draft_feedback(self, *args, **kwargs):
        draft = getattr(self.checker, "draft_feedback", None)
        if draft is None:  # a Checker from before feedback drafting existed
            raise ImportError("this Checker has no draft_feedback", name="model.feedback")
        with self.lock:
            return draft(*args, **kwargs)


async def in_checker_thread(request: Request, fn, /, *args, **kwargs):
    """Run a CPU-bound Checker call off the event loop, on the app's one checker thread.

    One thread with a FIFO queue rather than the shared threadpool: calls are serialised
    anyway, and dozens of pool threads queueing on one lock (and for the GIL) made the tail
    latency at 32 concurrent clients several times worse in bench/load.py.
    """
    call = functools.partial(fn, *args, **kwargs)
    executor = getattr(request.app.state, "checker_executor", None)
    if executor is None:
        return await run_in_threadpool(call)
    return await asyncio.get_running_loop().run_in_executor(executor, call)


# ---- dependencies ----------------------------------------------------------------------------
# `async def`: a plain `def` dependency costs a threadpool round trip per request.
async def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def not_loaded_message(request: Request) -> str:
    """Why the model is not loaded. The reason names files on the server (a model folder, the
    REJECTCHECK_CONFIG file): a client on this machine reads it, a remote client is told to ask
    whoever runs the server (it is in the server's log)."""
    error = getattr(request.app.state, "checker_error", None)
    if error is None:
        return "The model is not loaded yet."
    if request.client is not None and is_loopback(request.client.host):
        return f"The model is not loaded: {error}"
    return f"The model is not loaded ({error.code}); the server's log says why."


async def get_checker(request: Request) -> Checker:
    """The Checker loaded in the lifespan; 503 while it is not (yet) loaded."""
    checker = getattr(request.app.state, "checker", None)
    if checker is None:
        raise ApiError(503, "model_unavailable", not_loaded_message(request))
    return checker


SettingsDep = Annotated[Settings, Depends(get_settings)]
CheckerDep = Annotated[Checker, Depends(get_checker)]

# Documents the header in OpenAPI; GateMiddleware enforces it, before the body is even read.
api_key_scheme = APIKeyHeader(name=API_KEY_HEADER, auto_error=False,
                              description="Required when the server is configured with API keys.")


def error_docs(*statuses: int) -> dict:
    """The documented error responses, each naming the `error.code`s it carries."""
    text = {400: "Body is not JSON that can be read (`invalid_json`; `details.reason` says why: `empty`, `syntax`, "
                 "`not_json`, `invalid_utf8`, `duplicate_key`, `number_too_long`, `too_deeply_nested`, `unparseable`)",
            401: "Missing or invalid API key (`unauthorized`)",
            408: "The body did not arrive in time (`request_timeout`; `details.timeout_s` says how long it may take)",
            409: "The draft changed since its check (`finding_not_found`)",
            413: "Body, text or batch too large (`payload_too_large`, `text_too_long`, `batch_too_large`)",
            415: "Compressed body, a Content-Encoding other than identity (`unsupported_media_type`)",
            422: "Invalid request (`validation_error`, with `details.errors`) or text that cannot be checked "
                 "(`invalid_input`)",
            429: "Rate limit exceeded (`rate_limited`; wait for the Retry-After header's seconds)",
            500: "Unexpected error on the server (`internal_error`; `details.request_id` identifies it in the log)",
            503: "Model or feature unavailable (`unavailable`, `model_unavailable`, `feature_unavailable`, "
                 "`artifact_error`)"}
    return {s: {"model": ErrorResponse, "description": text[s],
                "content": {"application/json": {"examples": error_examples()[s]}}} for s in statuses}


@functools.lru_cache(maxsize=1)
def error_examples() -> dict[int, dict]:
    """An example body for each `error.code` a documented status carries, as the API writes it (with the default
    limits), so that /docs shows an integrator each error's shape and `details`, not a bare schema."""
    defaults = {name: field.default for name, field in Settings.model_fields.items()}

    def example(error: ApiError | tuple, summary: str) -> dict:
        code, message, details = ((error.code, error.message, error.details) if isinstance(error, ApiError)
                                  else error)
        return {"summary": summary, "value": error_body(code, message, details)}

    too_long = text_too_long("text", 30_000, min(defaults["max_text_chars"], MAX_CHARS), "Check one message at a time.")
    return {
        400: {"invalid_json": example(("invalid_json", "The request body is not valid JSON.", {
            "reason": "syntax", "errors": [{"loc": ["body", 17], "msg": "JSON decode error", "type": "json_invalid"}]}),
            "The body is not JSON (details.reason says why)")},
        401: {"unauthorized": example(("unauthorized", "This API needs an API key in the X-API-Key header.", {}),
                                      "No API key, or a wrong one")},
        408: {"request_timeout": example(("request_timeout", f"The request body did not arrive in full within "
                                          f"{defaults['body_timeout_s']:g} seconds of its headers.",
                                          {"timeout_s": defaults["body_timeout_s"]}), "The body arrived too slowly")},
        409: {"finding_not_found": example(("finding_not_found", "That finding is not in this draft any more; check "
                                            "it again.", {}), "The draft changed since its check")},
        413: {"text_too_long": example(too_long, "A draft over the character limit"),
              "batch_too_large": example(batch_too_large(250, defaults["max_batch_items"]), "Too many batch items"),
              "payload_too_large": example(("payload_too_large", body_too_large_message(
                  f"{API_PREFIX}/check/batch", defaults["max_body_bytes"]),
                  {"limit_bytes": defaults["max_body_bytes"]}), "A request body over the byte limit")},
        415: {"unsupported_media_type": example(("unsupported_media_type", "The API does not accept compressed "
                                                 "request bodies (Content-Encoding: gzip); send the JSON uncompressed, "
                                                 "without a Content-Encoding header.", {"content_encoding": "gzip",
                                                                          "accepted": ["identity"]}),
                                                "A compressed body")},
        422: {"validation_error": example(("validation_error", "The request body does not match the schema; see "
                                           "details.errors.", {"errors": [{"loc": ["body", "text"], "msg": "Field "
                                                                           "required", "type": "missing"}]}),
                                          "The body does not match the schema (details.errors says where)"),
              "invalid_input": example(("invalid_input", "The text is empty.", {}), "Text that cannot be checked")},
        429: {"rate_limited": example(("rate_limited", "Too many requests; retry after the number of seconds in the "
                                       "Retry-After header.", {"limit": defaults["rate_limit"],
                                                               "window_s": defaults["rate_limit_window_s"]}),
                                      "Over the rate limit")},
        500: {"internal_error": example(("internal_error", "Something went wrong on our side; the request id "
                                         "identifies it in our logs.", {"request_id": "5f0c2b9e8d7a4c1e"}),
                                        "A bug on the server")},
        503: {"model_unavailable": example(("model_unavailable", "The model is not loaded yet.", {}),
                                           "The model is not loaded")},
    }


# ---- endpoints -------------------------------------------------------------------------------
router = APIRouter(prefix=API_PREFIX, dependencies=[Security(api_key_scheme)],
                   responses=error_docs(401, 429, 500, 503), route_class=StrictJSONRoute)
BODY_ERRORS = (400, 408, 413, 415, 422)  # what an endpoint that reads a JSON body can answer besides the router's


def check_length(text: str, settings: Settings) -> None:
    """413 for a draft over the limit (an HTML body is measured by its text, as the Checker does)."""
    error = draft_too_long(text, settings.max_text_chars)
    if error is not None:
        raise error


def checked_length_limit(checker, settings: Settings) -> int:
    """The longest text both the service's settings and the checker accept."""
    return min(settings.max_text_chars, getattr(checker, "max_chars", MAX_CHARS))


def notes_limit(settings: Settings) -> int:
    """The longest notes accepted: the service's limit, or the feedback drafter's if that is lower."""
    try:
        from model.feedback import MAX_NOTES_CHARS
    except ImportError:  # a model without feedback drafting: the endpoint answers 503 anyway
        return settings.max_text_chars
    return min(settings.max_text_chars, MAX_NOTES_CHARS)


def check_notes(notes: str, settings: Settings) -> None:
    """413 and 422 for notes that cannot be used, worded for notes (the Checker's own checks say "text")."""
    limit = notes_limit(settings)
    if len(notes) > limit:
        raise text_too_long("notes", len(notes), limit, "Send the notes about one candidate.")
    bad = _LONE_SURROGATE.search(notes)
    if bad is not None:
        raise ApiError(422, "invalid_input", f"The notes are not valid Unicode (a lone surrogate code point at "
                       f"character {bad.start():,}); they may have been decoded wrongly.")


def schema_error(errors: list[dict], **details) -> ApiError:
    """A 422 for errors the schema alone cannot find, in the shape of its own (`loc`, `type`, `msg`)."""
    return ApiError(422, "validation_error", "The request body does not match the schema; see details.errors.",
                    {"errors": errors, **details})


def duplicate_id_errors(items: list, loc: list, what: str, where: str) -> list[dict]:
    """An error of type `duplicate_id` at the id of every one of `items` whose id an earlier one has, so that a
    client can mark them all (a ValueError in the schema would name the first repeat only, at the list)."""
    return [{"loc": [*loc, i, "id"], "type": "duplicate_id",
             "msg": f"duplicate {what} id {items[i].id!r}: {what} {first} has it too; ids must be unique within "
                    f"{where}"} for i, first in repeated_ids(items)]


def check_unique_item_ids(body: BatchRequest) -> None:
    """422 naming every item whose id an earlier item has, each at its id."""
    errors = duplicate_id_errors(body.items, ["body", "items"], "item", "a batch")
    if errors:
        raise schema_error(errors)


def check_rule_ids(options: CheckOptions | None, checker: Checker, rule: str | None = None) -> None:
    """422 for rule ids that are wrong, which the schema alone cannot tell: a disabled rule that does not
    exist (a typo would leave the rule on, silently), a phrase rule with the id of one of the server's rules
    (it would replace that rule, silently) or of an earlier phrase rule (each repeat at its id), and `rule`
    (what /v1/apply applies) when no such rule exists. The details have the schema errors' shape."""
    repeats = duplicate_id_errors(options.phrases, ["body", "options", "phrases"], "phrase rule",
                                  "the options") if options is not None else []
    rules = getattr(checker, "rules", None)
    if rules is None or (options is None and rule is None):
        if repeats:
            raise schema_error(repeats)
        return
    known = {r.id for r in rules.all_rules()}
    phrases, disabled = (options.phrases, options.disabled_rules) if options is not None else ((), ())
    named = known | {phrase.id for phrase in phrases}
    unknown = "there is no rule {!r}; GET /v1/rules lists the rules"
    errors = [{"loc": ["body", "rule"], "type": "unknown_rule", "msg": unknown.format(rule)}
              ] if rule is not None and rule not in named else []
    errors += [{"loc": ["body", "options", "disabled_rules", i], "type": "unknown_rule", "msg": unknown.format(rule_id)}
               for i, rule_id in enumerate(disabled) if rule_id not in named]
    errors += [{"loc": ["body", "options", "phrases", i, "id"], "type": "rule_id_taken",
                "msg": f"{phrase.id!r} is the id of one of the server's rules; give the phrase rule an id of its "
                       "own, such as 'org.…'"}
               for i, phrase in enumerate(phrases) if phrase.id in known]
    errors += repeats
    if errors:
        raise schema_error(errors)


# ---- what the API adds to a report -------------------------------------------------------------
@functools.lru_cache(maxsize=32)
def phrase_engine(rules: tuple) -> RuleEngine:
    """A rules engine holding only a request's phrase rules (cached: an ATS sends the same ones every time)."""
    return RuleEngine(list(rules))


def phrase_overlap_warnings(rules: RuleEngine, report, options: CheckOptions, text: str,
                            max_chars: int = MAX_CHARS) -> list[str]:
    """A warning for each match of a request's phrase rule and a server rule that overlap: the rules engine
    reports one finding per category where matches overlap (the earlier, then the longer), so the other
    one would be missing without a word. Named by rule ids and character offsets (into `text`, the draft as
    given), never by the words. The rules read what the check read, an HTML body's text, not its markup."""
    opts = {**rules.config, **options.to_model()}
    if opts.get("phrase_rules", True) is False:
        return []
    # as the rules engine builds them: the config file's phrases are among the server's rules already
    own = [org_phrase_rule(d, i) for i, d in enumerate(options.to_model().get("phrases", []))]
    disabled = set(rules.config.get("disabled_rules") or ()) | set(options.disabled_rules)
    threshold = SEVERITIES.index(opts.get("severity_threshold") or "info")

    def would_report(rule, sentence) -> bool:
        return rule.id not in disabled and SEVERITIES.index(rule.severity) >= threshold and not (
            rule.skip_if_specific and sentence.specificity >= rules.specific_threshold(rule))

    own_ids = {rule.id for rule in own}
    hidden: dict[tuple, list[int]] = {}  # (hidden rule, the rule kept, its start) -> the hidden matches' extent
    prepared = prepare(text, max_chars)  # the check prepared it the same way, so this cannot fail here
    for s in report.sentences:
        p0, p1 = prepared.to_plain(s.start, s.end)
        sentence = prepared.plain[p0:p1]
        own_hits = phrase_engine(tuple(own)).phrase_hits(sentence)
        if not own_hits:
            continue
        def takes_part(rule, s=s) -> bool:  # as the check decides it (`RuleEngine.apply`)
            return rule.id not in disabled and not (
                rule.skip_if_specific and s.specificity >= rules.specific_threshold(rule))

        kept = rules.phrase_hits(sentence, extra=own, keep=takes_part)  # what the check itself kept
        kept_spans = {(r.id, a, b) for r, a, b in kept}
        for rule, a, b in own_hits + rules.phrase_hits(sentence):
            if (rule.id, a, b) in kept_spans or not would_report(rule, s):
                continue
            winner = next(((r, ka) for r, ka, kb in kept if r.category == rule.category and ka < b and a < kb), None)
            if winner is not None:
                a, b = prepared.to_original(p0 + a, p0 + b)
                extent = hidden.setdefault((rule.id, winner[0].id, prepared.to_original(p0 + winner[1], p0 + winner[1] + 1)[0]),
                                           [a, b])
                extent[:] = [min(extent[0], a), max(extent[1], b)]
    warnings = []
    for (rule_id, kept_id, _), (a, b) in hidden.items():
        mine, theirs = (rule_id, kept_id) if rule_id in own_ids else (kept_id, rule_id)
        warnings.append(f"The phrase rule {mine} from the options and the rule {theirs} match overlapping words "
                        f"(characters {a}-{b}); where matches of one category overlap, only one is reported, so "
                        f"{rule_id} is not reported there.")
    return warnings


def report_json(report, text: str, rules: RuleEngine | None, options: CheckOptions | None,
                max_chars: int = MAX_CHARS) -> dict:
    """`report.to_dict()` with what the API adds: each finding's `replace_start`/`replace_end`, and warnings
    about the request's phrase rules."""
    body = report_with_replacements(report, text, rules)
    if rules is not None and options is not None and options.phrases:
        body["warnings"].extend(phrase_overlap_warnings(rules, report, options, text, max_chars))
    return body


@router.post("/check", response_model=ReportOut, responses=error_docs(*BODY_ERRORS), tags=["check"],
             summary="Check one rejection draft")
async def check(body: CheckRequest, checker: CheckerDep, settings: SettingsDep, request: Request) -> Response:
    """Scores, highlighted sentences and findings (with suggestions) for one draft."""
    text, cut_warning = cut_long_quoted_reply(body.text, checked_length_limit(checker, settings))
    check_length(text, settings)
    check_rule_ids(body.options, checker)

    def run() -> dict:
        report = checker.check(text, context=body.context.to_model() if body.context else None,
                               options=body.options.to_model() if body.options else None)
        out = report_json(report, text, checker.rules, body.options, getattr(checker, "max_chars", MAX_CHARS))
        if cut_warning:
            out["warnings"].append(cut_warning)
        return out

    try:
        result = await in_checker_thread(request, run)
    except CheckerError as exc:
        raise api_error_from_checker(exc) from None
    return JSONResponse(result)


@router.post("/apply", response_model=ApplyResponse, responses=error_docs(409, *BODY_ERRORS), tags=["check"],
             summary="Apply one suggestion to a draft")
async def apply(body: ApplyRequest, checker: CheckerDep, settings: SettingsDep, request: Request) -> Response:
    """The draft with one finding's suggestion applied, as the finding's `fix` says: its sentence
    replaced, a sentence inserted where the rule puts it, or the whole message replaced. The draft is
    checked again with the same context and options, so the finding must still be there (409 if the
    draft changed since). The web form's Apply buttons use this, so every client applies alike."""
    check_length(body.text, settings)
    if checker.rules is None:
        raise ApiError(503, "unavailable", "This server runs without rules; there are no suggestions to apply.")
    check_rule_ids(body.options, checker, rule=body.rule)  # a rule that never existed: 422, not a 409
    context = body.context.to_model() if body.context else None
    options = body.options.to_model() if body.options else None

    def run() -> str:
        report = checker.check(body.text, context=context, options=options)
        finding = next((f for f in report.findings
                        if (f.rule, f.start, f.end) == (body.rule, body.start, body.end)), None)
        if finding is None:
            raise ApiError(409, "finding_not_found", "That finding is not in this draft any more; check it again.")
        if body.suggestion >= len(finding.suggestions):
            n = len(finding.suggestions)
            said = "no suggestions" if n == 0 else "one suggestion (number 0)" if n == 1 else f"{n} suggestions (0 to {n - 1})"
            raise schema_error([{"loc": ["body", "suggestion"], "type": "suggestion_out_of_range",
                                 "msg": f"{finding.rule} has {said}; there is no number {body.suggestion}"}],
                               suggestions=n)
        return checker.rules.apply_suggestion(body.text, report, finding, body.suggestion)

    try:
        text = await in_checker_thread(request, run)
    except CheckerError as exc:
        raise api_error_from_checker(exc) from None
    return JSONResponse({"text": text})


def _check_one(checker: Checker, text: str, context, options):
    try:
        return checker.check(text, context=context, options=options)
    except CheckerError as exc:
        return exc
    except Exception as exc:
        log.error("batch item failed: %s\n%s", type(exc).__name__,
                  "".join(traceback.format_tb(exc.__traceback__)).rstrip())
        return ItemFailed("Something went wrong on our side while checking this item.")


def batch_error(exc: CheckerError | ApiError) -> dict:
    error = exc if isinstance(exc, ApiError) else api_error_from_checker(exc)
    return {"code": error.code, "message": error.message, "details": {"status": error.status, **error.details}}


@router.post("/check/batch", response_model=BatchResponse, responses=error_docs(*BODY_ERRORS), tags=["check"],
             summary="Check a batch of drafts")  # "up to N", N from the settings: see `spec_with_limits`
async def check_batch(body: BatchRequest, checker: CheckerDep, settings: SettingsDep, request: Request) -> Response:
    """One result per item, in order: `{id, report}` or `{id, error}`. An item that does not match the schema or
    cannot be checked never fails the batch; ids must be unique within it (a repeat is a 422 for the whole batch,
    an error of type `duplicate_id` at each repeat's id)."""
    check_unique_item_ids(body)
    if len(body.items) > settings.max_batch_items:
        raise batch_too_large(len(body.items), settings.max_batch_items)
    check_rule_ids(body.options, checker)
    results = await in_checker_thread(request, run_batch, checker, body, settings)
    return JSONResponse({"results": results})


def run_batch(checker: Checker, body: BatchRequest, settings: Settings) -> list[dict]:
    """Check every item; an item that cannot be checked becomes `{id, error}`, in its place."""
    options = body.options.to_model() if body.options else None
    results: list[Any] = [None] * len(body.items)
    todo: list[int] = []
    texts_of: dict[int, str] = {}
    cut_warnings: dict[int, str] = {}
    for i, item in enumerate(body.items):
        if isinstance(item, InvalidItem):
            results[i] = ApiError(422, "validation_error", "This item does not match the schema; see details.errors.",
                                  {"errors": item.errors})
            continue
        texts_of[i], warning = cut_long_quoted_reply(item.text, checked_length_limit(checker, settings))
        if warning:
            cut_warnings[i] = warning
        err = draft_too_long(texts_of[i], settings.max_text_chars)
        if err is not None:
            results[i] = err
        else:
            todo.append(i)
    texts = [texts_of[i] for i in todo]
    contexts = [body.items[i].context.to_model() if body.items[i].context else None for i in todo]
    try:
        checked = checker.check_batch(texts, contexts, options=options, on_error="return")
    except Exception:
        # One item failed in a way that sinks the whole batch call: check items one by one instead,
        # so that only that item gets an error.
        checked = [_check_one(checker, text, context, options) for text, context in zip(texts, contexts)]
    for i, outcome in zip(todo, checked):
        results[i] = outcome
    out = []
    for i, (item, outcome) in enumerate(zip(body.items, results)):
        if isinstance(outcome, (CheckerError, ApiError)):
            out.append({"id": item.id, "error": batch_error(outcome)})
        else:
            report = report_json(outcome, texts_of[i], checker.rules, body.options,
                                 getattr(checker, "max_chars", MAX_CHARS))
            if i in cut_warnings:
                report["warnings"].append(cut_warnings[i])
            out.append({"id": item.id, "report": report})
    return out


@router.post("/feedback", response_model=FeedbackResponse, responses=error_docs(*BODY_ERRORS),
             tags=["feedback"], summary="Draft candidate-safe feedback from interviewer notes")
async def feedback(body: FeedbackRequest, checker: CheckerDep, settings: SettingsDep, request: Request) -> Response:
    """Turns private interviewer notes into feedback a candidate can receive (503 until available)."""
    check_notes(body.notes, settings)
    unavailable = ApiError(503, "feature_unavailable",
                           "Feedback drafting is not available in this version of rejectcheck yet.",
                           {"feature": "feedback"})
    draft_feedback = getattr(checker, "draft_feedback", None)
    if draft_feedback is None:
        raise unavailable
    try:
        result = await in_checker_thread(request, draft_feedback, body.notes,
                                         context=body.context.to_model() if body.context else None)
    except ImportError as exc:
        log.warning("feedback unavailable: %s", type(exc).__name__)
        raise unavailable from None
    except CheckerError as exc:
        raise api_error_from_checker(exc) from None
    return JSONResponse(result.to_dict() if hasattr(result, "to_dict") else result)


def rule_to_dict(rule) -> dict:
    examples = rule.examples or {}
    return {"id": rule.id, "category": rule.category, "severity": rule.severity, "message": rule.message,
            "rationale": rule.rationale, "suggestions": list(rule.suggestions),
            "examples": {"fire": list(examples.get("fire", [])), "pass": list(examples.get("pass", []))}}


@router.get("/rules", response_model=RulesResponse, tags=["rules"], summary="List every rule")
async def list_rules(checker: CheckerDep) -> Response:
    """Every rule the checker applies: id, category, severity, message, rationale and examples."""
    rules = checker.rules.all_rules() if checker.rules is not None else []
    return JSONResponse({"model_version": checker.model_version, "rules": [rule_to_dict(r) for r in rules]})


def headers_only(response: Response) -> Response:
    """A HEAD answer: the GET response's status and headers (its Content-Length included), no body."""
    return Response(status_code=response.status_code, headers=dict(response.headers))


@router.head("/rules", include_in_schema=False)
async def list_rules_head(checker: CheckerDep) -> Response:
    return headers_only(await list_rules(checker))


health_router = APIRouter(prefix=API_PREFIX, tags=["health"])
NOT_READY_EXAMPLE = {"model_unavailable": {"summary": "The model is not loaded", "value": {
    "status": "unavailable", "live": True, "ready": False, "model_version": None, "schema_version": SCHEMA_VERSION,
    **error_examples()[503]["model_unavailable"]["value"]}}}


@health_router.get("/health", response_model=HealthResponse,
                   responses={503: {"model": HealthResponse, "description": "Live but not ready",
                                    "content": {"application/json": {"examples": NOT_READY_EXAMPLE}}}},
                   summary="Liveness and readiness")
async def health(request: Request) -> Response:
    """200 when the model is loaded and requests will be served; 503 (still live) when not."""
    checker = getattr(request.app.state, "checker", None)
    body: dict = {"status": "ok" if checker else "unavailable", "live": True, "ready": checker is not None,
                  "model_version": getattr(checker, "model_version", None), "schema_version": SCHEMA_VERSION}
    if checker is None:
        body["error"] = error_body("model_unavailable", not_loaded_message(request))["error"]
    return JSONResponse(body, status_code=200 if checker else 503)


@health_router.head("/health", include_in_schema=False)
async def health_head(request: Request) -> Response:
    """HEAD /v1/health: what a load balancer's probe may send."""
    return headers_only(await health(request))


# ---- web form and offline docs ---------------------------------------------------------------
STATIC_DIR = resources.files("service") / "static"
# The form's assets all come from this app: the policy makes any CDN or external font fail loudly.
FORM_CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


def add_web_routes(app: FastAPI, settings: Settings) -> None:
    app.mount("/static", StaticFiles(directory=str(STATIC_DIR)), name="static")

    @app.api_route("/", methods=["GET", "HEAD"], include_in_schema=False)
    def web_form() -> Response:
        return FileResponse(str(STATIC_DIR / "index.html"), media_type="text/html",
                            headers={"Content-Security-Policy": FORM_CSP, "Cache-Control": "no-store"})

    if not settings.docs_enabled:
        return
    try:
        from swagger_ui_bundle import swagger_ui_path
    except ImportError:  # no bundled Swagger UI: a small offline page that renders the spec
        swagger_ui_path = None
    if swagger_ui_path is not None and (swagger_ui_path / "swagger-ui-bundle.js").is_file():
        app.mount("/docs/assets", StaticFiles(directory=str(swagger_ui_path)), name="docs-assets")

        @app.api_route("/docs", methods=["GET", "HEAD"], include_in_schema=False)
        def docs() -> HTMLResponse:
            return get_swagger_ui_html(
                openapi_url=app.openapi_url, title="rejectcheck API",
                swagger_js_url="/docs/assets/swagger-ui-bundle.js",
                swagger_css_url="/docs/assets/swagger-ui.css",
                swagger_favicon_url="/static/favicon.svg",
                swagger_ui_parameters={"validatorUrl": None, "defaultModelsExpandDepth": 0})
    else:
        @app.api_route("/docs", methods=["GET", "HEAD"], include_in_schema=False)
        def docs() -> Response:
            return FileResponse(str(STATIC_DIR / "docs.html"), media_type="text/html")


# ---- application -----------------------------------------------------------------------------
def load_checker(settings: Settings) -> SerializedChecker:
    # Rust tokenizers otherwise fan each tiny batch out over a thread pool: 3x slower per
    # draft here, and it competes with the other requests for the same cores.
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    checker = Checker.load(settings.model_path)
    if settings.warm_up:
        checker.check(WARM_UP_TEXT)  # builds the lazy tokenizer and matchers before the first request
        checker.check(WARM_UP_TEXT, context=WARM_UP_CONTEXT)  # ... and what a check with details loads
    return SerializedChecker(checker)


def attach_request_log() -> None:
    """`uvicorn service.api:app` (uvicorn's own command) sets up uvicorn's loggers only: ours had no handler, so
    the request log (request ids, paths, statuses: never text) never appeared. It joins uvicorn's handlers at
    uvicorn's level (`--log-level`), unless a logging setup reaches it already (`rejectcheck serve`'s, or
    handlers on the root logger)."""
    ours, server = logging.getLogger("rejectcheck"), logging.getLogger("uvicorn")
    if ours.handlers or logging.getLogger().handlers or not server.handlers:
        return
    for handler in server.handlers:
        ours.addHandler(handler)
    ours.setLevel(logging.getLogger("uvicorn.error").getEffectiveLevel())
    ours.propagate = False


@asynccontextmanager
async def lifespan(app: FastAPI):
    settings: Settings = app.state.settings
    for name in ("uvicorn.access", "uvicorn.asgi"):  # once each: the same filter is added only once
        logging.getLogger(name).addFilter(UVICORN_LOG_FILTER)
    attach_request_log()
    app.state.gate = Gate(settings)  # configuration errors stop the server here, loudly
    app.state.checker, app.state.checker_error = None, None
    app.state.checker_executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="rejectcheck-checker")
    try:
        app.state.checker = await run_in_threadpool(load_checker, settings)
        log.info("model %s loaded", app.state.checker.model_version)
    except CheckerError as exc:
        # Stay live but not ready: /v1/health says why, and checks answer 503.
        app.state.checker_error = exc
        log.error("model could not be loaded: %s", exc)
    try:
        yield
    finally:
        app.state.checker = None
        app.state.checker_executor.shutdown(wait=False, cancel_futures=True)


def package_version() -> str:
    try:
        return metadata.version("rejectcheck")
    except metadata.PackageNotFoundError:
        return "0+unknown"


HEADERS_DESCRIPTION = (
    "Every response has an `X-Request-ID` header: the request's own when it looks like an id (up to 128 letters, "
    "digits and `. _ : -`, with at least one digit, and no `@`), else one the server made; quote it when reporting "
    "a problem. While a rate limit is set, responses from /v1 (but /v1/health) have `RateLimit-Limit`, "
    "`RateLimit-Remaining`, `RateLimit-Reset` (seconds) and `RateLimit-Policy`; a 429 adds `Retry-After` (seconds).")


def limits_description(settings: Settings) -> str:
    """This server's limits, for the API description: they are settings, so the defaults may not hold."""
    draft = min(settings.max_text_chars, MAX_CHARS)
    return (f"Limits on this server: a draft of up to {draft:,} characters (413 `text_too_long`; an HTML body "
            f"is measured by its text), notes of up to {notes_limit(settings):,} characters (413 "
            f"`text_too_long`), a request body of up to {settings.max_body_bytes:,} bytes (413 `payload_too_large`) "
            f"that arrives within {settings.body_timeout_s:g} seconds (408 `request_timeout`) and a batch of up to "
            f"{settings.max_batch_items} items (413 `batch_too_large`).")


def spec_with_limits(spec: dict, settings: Settings) -> dict:
    """FastAPI's spec with this server's limits where a client generator reads them: the batch's `maxItems` (and
    its summary) and the notes' `maxLength`. A draft's limit stays in words: an HTML body is measured by its text."""
    schemas = spec.get("components", {}).get("schemas", {})
    if "BatchRequest" in schemas:
        schemas["BatchRequest"]["properties"]["items"]["maxItems"] = settings.max_batch_items
        spec["paths"][f"{API_PREFIX}/check/batch"]["post"]["summary"] = f"Check up to {settings.max_batch_items} drafts"
    if "FeedbackRequest" in schemas:
        schemas["FeedbackRequest"]["properties"]["notes"]["maxLength"] = notes_limit(settings)
    return spec


def operation_id(route: APIRoute) -> str:
    """An endpoint's operationId: its function's name (`check_batch`), which client generators make the method
    name; FastAPI's own adds the path and method (`check_batch_v1_check_batch_post`)."""
    return route.name


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the app. Nothing heavy happens here: the model loads in the lifespan."""
    settings = settings or Settings()
    app = FastAPI(
        title="rejectcheck", version=package_version(),
        summary="Checks job-rejection messages for specificity, warmth, boilerplate, tone and risk.",
        description="Offline, trained checker for job-rejection drafts. Message text is never logged "
                    "or stored. Errors use the envelope `{\"error\": {\"code\", \"message\", \"details\"}}`. "
                    "Request bodies are UTF-8 JSON objects; one that gives a key twice in an object is a 400 "
                    "(`invalid_json`, `details.reason` `duplicate_key`), as parsers differ in which copy they keep."
                    "\n\n" + limits_description(settings) + "\n\n" + HEADERS_DESCRIPTION,
        lifespan=lifespan, docs_url=None, redoc_url=None, redirect_slashes=False,
        openapi_url="/openapi.json" if settings.docs_enabled else None, generate_unique_id_function=operation_id,
    )
    app.state.settings = settings
    fastapi_openapi = app.openapi
    app.openapi = lambda: app.openapi_schema or spec_with_limits(fastapi_openapi(), settings)  # built once, kept
    app.add_exception_handler(ApiError, handle_api_error)
    app.add_exception_handler(StarletteHTTPException, handle_http_exception)
    app.add_exception_handler(RequestValidationError, handle_validation_error)
    app.include_router(health_router)
    app.include_router(router)
    add_web_routes(app, settings)
    # Added innermost first: the request context wraps CORS, which wraps the gate, so that
    # 401/413/429 answers still carry a request id and CORS headers.
    app.add_middleware(GateMiddleware)
    if settings.cors_origins:
        app.add_middleware(JSONErrorCORSMiddleware, allow_origins=settings.cors_origins, allow_methods=["GET", "POST"],
                           allow_headers=["Content-Type", API_KEY_HEADER, "X-Request-ID"],
                           expose_headers=["X-Request-ID", "RateLimit-Limit", "RateLimit-Remaining",
                                           "RateLimit-Reset", "RateLimit-Policy", "Retry-After"], max_age=600)
    app.add_middleware(RequestContextMiddleware)
    return app


def uvicorn_logging(level: str = "info") -> dict:
    """uvicorn.run's logging arguments for this service (`rejectcheck serve --log-level`, `python -m service.api`):
    uvicorn's own logging setup plus our request log (ids, paths, statuses, errors: never text), both at `level`
    (one of uvicorn's: critical, error, warning, info, debug, trace). access_log=False: uvicorn's access log
    prints the request line, query string included, where a misused client could put a draft; our request log
    records the path only."""
    import uvicorn

    log_config = copy.deepcopy(uvicorn.config.LOGGING_CONFIG)
    log_config["loggers"]["rejectcheck"] = {"handlers": ["default"], "level": uvicorn.config.LOG_LEVELS[level],
                                            "propagate": False}
    return {"log_config": log_config, "log_level": level, "access_log": False}


def main(argv: list[str] | None = None) -> None:
    """`python -m service.api [OPTIONS]` is `rejectcheck serve [OPTIONS]`: the same flags (--host, --port, --workers,
    --log-level, --help), the same REJECTCHECK_* settings, checked before the server starts. It had none of its own:
    `python -m service.api --log-level debug` started the server at info, the flag unread."""
    from service import cli

    sys.exit(cli.run(["serve", *(sys.argv[1:] if argv is None else argv)]))


app = create_app()

if __name__ == "__main__":
    main()
