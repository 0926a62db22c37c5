"""The HTTP API (service/api.py): endpoints, error envelope, limits, keys, rate limits, logs."""
from __future__ import annotations

import json
import logging
import os
import re
import sys
import threading
import uuid

os.environ["HF_HUB_OFFLINE"] = "1"

import pytest
from fastapi.testclient import TestClient

from conftest import finishes_within
from model import InputError
from service.api import ApiError, RateLimiter, SerializedChecker, create_app, get_checker, report_json
from service.schemas import FindingOut, ReportOut, RuleOut, SentenceOut
from service.schemas import EXAMPLE_CONTEXT
from service.settings import Settings, is_loopback

LOCAL = ("127.0.0.1", 50000)
GENERIC = ("Hi Sam,\n\nThank you for your interest in the Data Analyst position. After careful consideration, "
           "we have decided to move forward with other candidates whose experience more closely matches our "
           "needs. We will keep your resume on file for future opportunities.\n\nBest regards,\nThe Hiring Team")
CONTEXT = EXAMPLE_CONTEXT  # the same context the OpenAPI examples show


# Every setting, so that REJECTCHECK_* variables in the environment change nothing.
TEST_SETTINGS = dict(host="127.0.0.1", port=8000, workers=1, model_path=None, api_keys=[], api_keys_file=None,
                     require_api_key=None, rate_limit=100_000, rate_limit_window_s=60, auth_failure_limit=20,
                     max_body_bytes=4 * 1024 * 1024, max_text_chars=20_000, max_batch_items=100,
                     body_timeout_s=60.0, cors_origins=[], docs_enabled=True, warm_up=True)


def make_settings(**overrides) -> Settings:
    """Explicit settings (TEST_SETTINGS, with `overrides`)."""
    return Settings(**{**TEST_SETTINGS, **overrides})


def assert_envelope(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "details"}
    assert body["error"]["code"] == code
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    assert isinstance(body["error"]["details"], dict)
    assert response.headers["x-request-id"]
    return body["error"]


@pytest.fixture(scope="module")
def client():
    with TestClient(create_app(make_settings()), client=LOCAL) as c:
        yield c


@pytest.fixture
def app_client(request):
    """A client for an app built from the given settings overrides (indirect parametrisation)."""
    opened = []

    def build(client_addr=LOCAL, **overrides):
        c = TestClient(create_app(make_settings(**overrides)), client=client_addr)
        c.__enter__()
        opened.append(c)
        return c

    yield build
    for c in opened:
        c.__exit__(None, None, None)


# ---- health, docs, web form ------------------------------------------------------------------
def test_health_reports_live_ready_and_model_version(client):
    r = client.get("/v1/health")
    assert r.status_code == 200
    body = r.json()
    assert body["status"] == "ok" and body["live"] and body["ready"]
    assert body["model_version"] == client.app.state.checker.model_version
    assert body["schema_version"] == 1
    assert "ratelimit-limit" not in r.headers  # probes are not rate limited


def test_health_is_503_but_live_when_the_model_cannot_load(app_client, tmp_path):
    c = app_client(model_path=tmp_path / "no-model-here")
    r = c.get("/v1/health")
    assert r.status_code == 503
    body = r.json()
    assert body["live"] is True and body["ready"] is False and body["status"] == "unavailable"
    assert body["error"]["code"] == "model_unavailable"
    err = assert_envelope(c.post("/v1/check", json={"text": GENERIC}), 503, "model_unavailable")
    assert "manifest" in err["message"]


def test_a_remote_client_is_not_shown_the_servers_paths_when_the_model_cannot_load(app_client, tmp_path):
    missing = tmp_path / "no-model-here"
    c = app_client(model_path=missing, host="0.0.0.0", require_api_key=False, client_addr=("203.0.113.9", 40000))
    for r in (c.get("/v1/health"), c.post("/v1/check", json={"text": GENERIC})):
        assert r.status_code == 503
        message = r.json()["error"]["message"]
        assert str(tmp_path) not in message and "server's log" in message, message


def test_openapi_documents_every_endpoint_and_the_error_envelope(client):
    spec = client.get("/openapi.json").json()
    for path, method in [("/v1/check", "post"), ("/v1/check/batch", "post"), ("/v1/feedback", "post"),
                         ("/v1/rules", "get"), ("/v1/health", "get")]:
        assert method in spec["paths"][path]
    check = spec["paths"]["/v1/check"]["post"]
    for status in ("400", "401", "413", "422", "429", "503"):
        assert check["responses"][status]["content"]["application/json"]["schema"]["$ref"].endswith("/ErrorResponse")
    assert check["responses"]["200"]["content"]["application/json"]["schema"]["$ref"].endswith("/ReportOut")
    # a GET without a body documents no body errors it cannot return
    assert set(spec["paths"]["/v1/rules"]["get"]["responses"]) == {"200", "401", "429", "500", "503"}
    schemes = spec["components"]["securitySchemes"]
    assert any(s.get("name") == "X-API-Key" and s.get("in") == "header" for s in schemes.values())
    # snake_case everywhere in what integrators send and receive
    for name, schema in spec["components"]["schemas"].items():
        for prop in schema.get("properties", {}):
            assert re.fullmatch(r"[a-z][a-z0-9_]*", prop), (name, prop)


def test_openapi_shows_an_example_body_for_each_documented_error(client):
    """/docs showed each error status with the bare ErrorResponse schema ("code": "string", "details": {}): an
    integrator could not see what `details` holds for a 413 or a 422 without provoking one. Each documented error
    status has an example body per code, of the shape the API answers with."""
    from service.schemas import ErrorResponse

    spec = client.get("/openapi.json").json()
    examples = {}
    for path, ops in spec["paths"].items():
        for method, op in ops.items():
            for status, response in op["responses"].items():
                if status.startswith(("4", "5")):
                    shown = response["content"]["application/json"].get("examples")
                    assert shown, (method, path, status)
                    if path.endswith("/health"):  # live but not ready: the health body, with its error
                        assert shown["model_unavailable"]["value"]["ready"] is False
                        continue
                    listed = set(re.findall(r"`([a-z_]+)`", response["description"]))
                    for code, example in shown.items():
                        ErrorResponse.model_validate(example["value"])
                        assert example["value"]["error"]["code"] == code and code in listed, (path, status, code)
                        examples[code] = example["value"]["error"]
    # the shape of what the API really answers
    answers = [client.post("/v1/check", json={"text": "word " * 6000}),
               client.post("/v1/check/batch", json={"items": [{"id": i, "text": "No."} for i in range(250)]}),
               client.post("/v1/check", content=b'{"text": "We', headers={"Content-Type": "application/json"}),
               client.post("/v1/check", json={}), client.post("/v1/check", json={"text": " "})]
    for answer in answers:
        error = answer.json()["error"]
        assert set(error["details"]) == set(examples[error["code"]]["details"]), error["code"]


def test_docs_work_offline_from_local_assets(client):
    r = client.get("/docs")
    assert r.status_code == 200
    html = r.text
    refs = re.findall(r"""(?:src|href)=["']([^"']+)["']""", html)
    assert refs, html
    for ref in refs:
        assert ref.startswith("/"), f"/docs references {ref}, which would need the network"
        assert client.get(ref).status_code == 200
    assert "cdn" not in html.lower()
    assert "'/openapi.json'" in html or '"/openapi.json"' in html


def test_docs_fall_back_to_an_offline_page_without_swagger_assets(monkeypatch):
    monkeypatch.setitem(sys.modules, "swagger_ui_bundle", None)  # as if the package were not installed
    c = TestClient(create_app(make_settings()), client=LOCAL)  # no lifespan needed: nothing is checked
    r = c.get("/docs")
    assert r.status_code == 200 and "/static/docs.js" in r.text
    script = c.get("/static/docs.js")
    assert script.status_code == 200 and "/openapi.json" in script.text
    assert not re.search(r"https?://", r.text + script.text)


def test_web_form_and_its_assets_are_served_locally(client):
    r = client.get("/")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert "default-src 'self'" in r.headers["content-security-policy"]
    refs = re.findall(r"""(?:src|href)=["']([^"'#]+)["']""", r.text)
    assert "/static/app.js" in refs and "/static/styles.css" in refs
    for ref in refs:
        assert ref.startswith("/"), ref
        assert client.get(ref).status_code == 200, ref
    for asset in ("/static/app.js", "/static/styles.css", "/static/index.html"):
        text = client.get(asset).text
        assert not re.search(r"https?://", text), f"{asset} refers to an external URL"
        assert "@import" not in text and "fonts.g" not in text


def test_unknown_paths_and_methods_use_the_envelope(client):
    assert_envelope(client.get("/v1/nope"), 404, "not_found")
    assert_envelope(client.get("/v1/check"), 405, "method_not_allowed")


def test_not_found_and_method_not_allowed_are_explained_in_sentences(client):
    err = assert_envelope(client.get("/v1/nope"), 404, "not_found")
    assert err["message"].startswith("There is nothing at this path") and "/v1/" in err["message"]
    r = client.get("/v1/check")
    err = assert_envelope(r, 405, "method_not_allowed")
    assert err["message"] == "This endpoint does not accept GET; it accepts POST."
    assert r.headers["allow"] == "POST"
    for message in (err["message"], assert_envelope(client.get("/static/nope.js"), 404, "not_found")["message"]):
        assert message[0].isupper() and message.endswith(".")


@pytest.mark.parametrize("path", ["/v1/health", "/v1/rules"])
def test_head_is_answered_like_get_without_a_body(client, path):
    get, head = client.get(path), client.head(path)
    assert head.status_code == get.status_code == 200
    assert head.content == b""
    assert head.headers["content-type"] == get.headers["content-type"]
    assert head.headers["content-length"] == str(len(get.content))


def test_head_on_rules_needs_the_api_key_as_get_does(app_client):
    c = app_client(api_keys=["k"])
    assert c.head("/v1/rules").status_code == 401
    assert c.head("/v1/rules", headers={"X-API-Key": "k"}).status_code == 200
    assert c.head("/v1/health").status_code == 200


def test_web_form_sends_one_cache_control_header(client):
    assert client.get("/").headers.get_list("cache-control") == ["no-store"]
    assert client.get("/static/app.js").headers.get_list("cache-control") == ["no-store"]


# ---- /v1/check -----------------------------------------------------------------------------
def test_check_returns_the_report_json(client):
    r = client.post("/v1/check", json={"text": GENERIC, "context": CONTEXT})
    assert r.status_code == 200
    assert r.headers["content-type"] == "application/json"
    body = r.json()
    assert set(body) == set(ReportOut.model_fields)
    ReportOut.model_validate(body)
    checker = client.app.state.checker
    assert body == report_json(checker.checker.check(GENERIC, CONTEXT), GENERIC, checker.rules, None)
    for s in body["sentences"]:
        assert set(s) == set(SentenceOut.model_fields)
        assert GENERIC[s["start"]:s["end"]] == s["text"]
    assert body["findings"]
    for f in body["findings"]:
        assert set(f) == set(FindingOut.model_fields)
        assert 0 <= f["start"] <= f["end"] <= len(GENERIC)
    suggestions = " ".join(s for f in body["findings"] for s in f["suggestions"])
    assert "A/B tests" in suggestions  # filled from the context's gaps


GREETING_RUN_ON = ("Hi Sam, thank you for your interest in the Data Analyst position. After careful consideration, "
                   "we have decided to move forward with other candidates.\n\nBest regards,\nThe Hiring Team")


@pytest.mark.parametrize("text", [
    "Unfortunately, we have decided not to move forward with your application at this time. We wish you well.",
    GENERIC, GREETING_RUN_ON,
    "<p>Hi Sam,</p><p>Thank you for your interest in the role. We have decided to move forward with other "
    "candidates at this time.</p><p>Best,<br>Ana</p>",
])
def test_each_finding_says_which_characters_its_suggestions_replace(client, text):
    """A phrase finding's start:end is the phrase; its suggestions are sentences. replace_start:replace_end
    is what /v1/apply replaces, so a client can apply a suggestion itself and get the same draft."""
    report = client.post("/v1/check", json={"text": text, "context": CONTEXT}).json()
    sentences = [(s["start"], s["end"]) for s in report["sentences"]]
    fixes = set()
    for f in report["findings"]:
        fixes.add(f["fix"])
        span = (f["replace_start"], f["replace_end"])
        if f["fix"] not in ("replace_sentence", "replace_message") or not f["suggestions"]:
            assert span == (None, None), f
            continue
        start, end = span
        if f["fix"] == "replace_message":  # the checked message, greeting to sign-off (and the HTML elements
            assert start <= sentences[0][0] and sentences[-1][1] <= end  # it leaves empty), not what is around it
            assert "<" in text or span == (sentences[0][0], sentences[-1][1])
        else:  # the sentence around the phrase, not the phrase
            assert start <= f["start"] and f["end"] <= end and (start, end) != (f["start"], f["end"])
            assert any(a <= start and end == b for a, b in sentences), (span, sentences)
        for i, suggestion in enumerate(f["suggestions"]):
            body = {"text": text, "context": CONTEXT, "rule": f["rule"], "start": f["start"], "end": f["end"],
                    "suggestion": i}
            applied = client.post("/v1/apply", json=body).json()["text"]
            assert applied.startswith(text[:start]) and applied.endswith(text[end:])
            if text is not GREETING_RUN_ON and "<" not in text:  # there apply also adjusts the suggestion
                assert applied == text[:start] + suggestion + text[end:]
    assert "replace_sentence" in fixes and "insert" in fixes


def test_the_phrase_finding_the_tester_reported_replaces_its_sentence(client):
    text = "Unfortunately, we have decided not to move forward with your application at this time. We wish you well."
    f = next(f for f in client.post("/v1/check", json={"text": text}).json()["findings"]
             if f["rule"] == "boilerplate.at_this_time")
    assert text[f["start"]:f["end"]] == "at this time"
    assert (f["replace_start"], f["replace_end"]) == (0, text.index(" We wish"))
    spec = client.get("/openapi.json").json()["components"]["schemas"]["FindingOut"]["properties"]
    assert "Replacement sentences for text[start:end]" not in spec["suggestions"]["description"]
    assert "text[replace_start:replace_end]" in spec["suggestions"]["description"]
    assert {"replace_start", "replace_end"} <= set(spec)


def test_check_options_filter_and_extend_findings(client):
    base = client.post("/v1/check", json={"text": GENERIC}).json()
    rules = {f["rule"] for f in base["findings"]}
    assert rules
    dropped = sorted(rules)[0]
    r = client.post("/v1/check", json={"text": GENERIC, "options": {"disabled_rules": [dropped]}})
    assert dropped not in {f["rule"] for f in r.json()["findings"]}

    r = client.post("/v1/check", json={"text": GENERIC, "options": {"severity_threshold": "high"}})
    assert all(f["severity"] == "high" for f in r.json()["findings"])

    phrase = {"id": "house.job_title", "patterns": ["data analyst position"], "message": "Name the team too.",
              "severity": "high", "suggestions": ["The {role} role in the payments team"]}
    r = client.post("/v1/check", json={"text": GENERIC, "context": CONTEXT, "options": {"phrases": [phrase]}})
    hits = [f for f in r.json()["findings"] if f["rule"] == "house.job_title"]
    assert len(hits) == 1
    assert GENERIC[hits[0]["start"]:hits[0]["end"]] == "Data Analyst position"
    assert hits[0]["suggestions"] == ["The Data Analyst role in the payments team"]


def test_phrase_rules_off_per_request_as_in_the_config_file(client):
    r = client.post("/v1/check", json={"text": GENERIC, "options": {"phrase_rules": False}})
    assert r.status_code == 200
    from model.rules import default_engine

    phrase_ids = set(default_engine().rules)  # the phrase rules (label and structure rules are apart)
    rules = {f["rule"] for f in r.json()["findings"]}
    on = {f["rule"] for f in client.post("/v1/check", json={"text": GENERIC}).json()["findings"]}
    assert on & phrase_ids and rules and not rules & phrase_ids, (rules, on)


def test_an_unknown_field_is_answered_with_the_fields_allowed_there(client):
    """pydantic's "Extra inputs are not permitted" does not say what was meant ("openings" for
    "upcoming_openings"): the 422 names the fields of the object the unknown one was put in."""
    body = {"text": GENERIC, "context": {"openings": ["Data Engineer"]}, "options": {"phrase_rule": False}}
    err = assert_envelope(client.post("/v1/check", json=body), 422, "validation_error")
    msgs = {tuple(e["loc"]): e["msg"] for e in err["details"]["errors"]}
    assert "upcoming_openings" in msgs[("body", "context", "openings")]
    assert "phrase_rules" in msgs[("body", "options", "phrase_rule")]
    r = client.post("/v1/check/batch", json={"items": [{"id": "a", "text": GENERIC, "context": {"openings": ["x"]}}]})
    [result] = r.json()["results"]
    assert "upcoming_openings" in result["error"]["details"]["errors"][0]["msg"]


@pytest.mark.parametrize("options, loc, kind", [
    ({"disabled_rules": ["boilerplate.best_wishes_serch"]}, ["body", "options", "disabled_rules", 0], "unknown_rule"),
    ({"disabled_rules": ["Best Wishes"]}, ["body", "options", "disabled_rules", 0], "string_pattern_mismatch"),
    ({"phrases": [{"id": "boilerplate.best_wishes_search", "patterns": ["decided"], "message": "m"}]},
     ["body", "options", "phrases", 0, "id"], "rule_id_taken"),
    ({"phrases": [{"id": "org.a", "patterns": ["decided"], "message": "m"},
                  {"id": "org.a", "patterns": ["proceed"], "message": "m"}]}, ["body", "options", "phrases", 1, "id"],
     "duplicate_id"),
])
@pytest.mark.parametrize("endpoint", ["/v1/check", "/v1/check/batch", "/v1/apply"])
def test_options_that_name_rules_wrongly_are_422(client, options, loc, kind, endpoint):
    """A typo in disabled_rules would leave the rule on, and a phrase rule reusing an id would replace a rule
    or another phrase rule: all silently, so all are refused."""
    text = "We decided not to proceed. We wish you the best of luck in your future endeavors."
    body = {"/v1/check": {"text": text, "options": options},
            "/v1/check/batch": {"items": [{"id": "1", "text": text}], "options": options},
            "/v1/apply": {"text": text, "options": options, "rule": "boilerplate.best_wishes_search", "start": 30,
                          "end": 70}}[endpoint]
    err = assert_envelope(client.post(endpoint, json=body), 422, "validation_error")
    assert [(e["loc"], e["type"]) for e in err["details"]["errors"]] == [(loc, kind)]


def test_options_may_disable_their_own_phrase_rules(client):
    phrase = {"id": "org.decided", "patterns": ["decided"], "message": "m", "category": "tone"}
    text = "We decided not to proceed. We wish you the best of luck in your future endeavors."
    on = client.post("/v1/check", json={"text": text, "options": {"phrases": [phrase]}}).json()
    assert "org.decided" in {f["rule"] for f in on["findings"]}
    r = client.post("/v1/check", json={"text": text, "options": {"phrases": [phrase], "disabled_rules": ["org.decided"]}})
    assert r.status_code == 200 and "org.decided" not in {f["rule"] for f in r.json()["findings"]}


@pytest.mark.parametrize("pattern, hidden", [("job search", "org.house"), ("we wish you all", "boilerplate.best_wishes_search")])
def test_a_phrase_rule_overlapping_a_server_rule_is_warned_about(client, pattern, hidden):
    """Overlapping matches of one category yield one finding; the one left out is named in the warnings."""
    text = "We decided not to proceed with your application. We wish you all the best in your job search."
    phrase = {"id": "org.house", "patterns": [pattern], "message": "Our own stock phrase."}
    report = client.post("/v1/check", json={"text": text, "options": {"phrases": [phrase]}}).json()
    shown = {f["rule"] for f in report["findings"]}
    assert hidden not in shown and {"org.house", "boilerplate.best_wishes_search"} - {hidden} <= shown
    [warning] = [w for w in report["warnings"] if "org.house" in w]
    assert "boilerplate.best_wishes_search" in warning and warning.endswith(f"so {hidden} is not reported there.")
    assert pattern not in warning.lower()  # ids and offsets, never the draft's words
    # no overlap, no warning
    apart = {"id": "org.house", "patterns": ["decided"], "message": "Our own stock phrase."}
    report = client.post("/v1/check", json={"text": text, "options": {"phrases": [apart]}}).json()
    assert "org.house" in {f["rule"] for f in report["findings"]}
    assert not any("org.house" in w for w in report["warnings"])


def test_a_report_says_whether_the_text_looks_like_english(client):
    spanish = ("Hola Sam, gracias por tu interés en el puesto. Lamentablemente hemos decidido seguir con otros "
               "candidatos cuyo perfil se ajusta mejor a lo que buscamos. Un saludo, Ana")
    body = client.post("/v1/check", json={"text": spanish}).json()
    assert body["english"] is False and any("English" in w for w in body["warnings"])
    english = client.post("/v1/check", json={"text": "Hi Sam, we decided not to proceed. Best, Ana"}).json()
    assert english["english"] is True
    batch = client.post("/v1/check/batch", json={"items": [{"id": "a", "text": spanish}]}).json()
    assert batch["results"][0]["report"]["english"] is False


def test_the_phrase_overlap_warning_points_into_an_html_body_as_given(client):
    """The rules read an HTML body's text; the warning's characters are offsets into the body as sent."""
    text = ("<p>We decided not to proceed with your application.</p>\n"
            "<p>We wish you <b>all</b> the best in your <i>job search</i>.</p>")
    phrase = {"id": "org.house", "patterns": ["job search"], "message": "Our own stock phrase."}
    report = client.post("/v1/check", json={"text": text, "options": {"phrases": [phrase]}}).json()
    [warning] = [w for w in report["warnings"] if "org.house" in w]
    a, b = map(int, re.search(r"characters (\d+)-(\d+)", warning).groups())
    # the hidden match ("job search") and the kept one ("We wish you all the best in your job search") overlap;
    # the range is the hidden one's, in the body as given: tags inside it, none cut in half
    assert re.sub(r"<[^>]+>", "", text[a:b]) == "job search"
    assert text[a - 3:a] == "<i>" and text[b:b + 4] == "</i>"


@pytest.mark.parametrize("payload, loc", [
    ({}, ["body", "text"]),
    ({"text": 42}, ["body", "text"]),
    ({"text": "Hi", "colour": "red"}, ["body", "colour"]),
    ({"text": "Hi", "context": {"strengths": "not a list"}}, ["body", "context", "strengths"]),
    ({"text": "Hi", "options": {"severity_threshold": "urgent"}}, ["body", "options", "severity_threshold"]),
    ({"text": "Hi", "options": {"phrases": [{"id": "NoDots", "patterns": ["x"], "message": "m"}]}},
     ["body", "options", "phrases", 0, "id"]),
])
def test_schema_violations_are_422_with_locations(client, payload, loc):
    err = assert_envelope(client.post("/v1/check", json=payload), 422, "validation_error")
    assert loc in [e["loc"] for e in err["details"]["errors"]]
    for e in err["details"]["errors"]:
        assert set(e) == {"loc", "msg", "type"}  # the input is never echoed back


def test_malformed_json_and_non_json_bodies_are_400(client):
    r = client.post("/v1/check", content=b'{"text": "unterminated', headers={"Content-Type": "application/json"})
    assert_envelope(r, 400, "invalid_json")
    r = client.post("/v1/check", content=b"text=hello", headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert_envelope(r, 400, "invalid_json")


@pytest.mark.parametrize("encoding", ["gzip", "br", "deflate", "gzip, identity"])
def test_compressed_bodies_are_415_naming_the_content_encoding(client, encoding):
    """Not parsed as if plain (a 400 that blames the JSON) nor, for a plain body, silently accepted."""
    import gzip

    raw = json.dumps({"text": GENERIC}).encode()
    body = gzip.compress(raw) if encoding.startswith("gzip") else raw
    r = client.post("/v1/check", content=body, headers={"Content-Type": "application/json", "Content-Encoding": encoding})
    err = assert_envelope(r, 415, "unsupported_media_type")
    assert "Content-Encoding" in err["message"] and err["details"]["content_encoding"] == encoding.replace(", identity", "")
    assert r.headers["accept-encoding"] == "identity"
    r = client.post("/v1/check", content=raw, headers={"Content-Type": "application/json", "Content-Encoding": "identity"})
    assert r.status_code == 200


@pytest.mark.parametrize("body, content_type, reason, words", [
    (b'{"text": "We \xff decided not to proceed."}', "application/json", "invalid_utf8", "UTF-8"),
    (b'{"text": "We decided not to proceed, Ren\xe9."}', "application/json; charset=latin-1", "invalid_utf8",
     "charset=latin-1"),
    (('{"text": "a", "context": ' + "[" * 5000 + "]" * 5000 + "}").encode(), "application/json", "too_deeply_nested",
     "nested too deeply"),
    (b'{"text": "unterminated', "application/json", "syntax", "not valid JSON"),
    (b'{"text": "We decided not to proceed."}', "application/jsonfoo", "not_json", "Content-Type: application/json"),
])
def test_bodies_that_cannot_be_parsed_are_invalid_json_with_a_reason(client, body, content_type, reason, words):
    err = assert_envelope(client.post("/v1/check", content=body, headers={"Content-Type": content_type}),
                          400, "invalid_json")
    assert err["details"]["reason"] == reason and words in err["message"]
    assert "Ren" not in str(err)  # the body is never echoed


@pytest.mark.parametrize("body, position, words", [
    (b"\x00\x01\xff\xfe drafts", 2, "byte 2 cannot be decoded"),
    (b'\x00{"text": "We decided not to proceed."}', 0, "zero byte"),
    (b'{\x00"text": "We decided not to proceed."}', 1, "zero byte"),
])
def test_a_body_with_zero_bytes_names_the_utf8_fault_where_it_is(client, body, position, words):
    """json.loads reads a body with zero bytes in its first four as UTF-16 or UTF-32: the 400 said 'not valid UTF-8:
    byte 10 cannot be decoded' at a place that UTF-16 decoder failed (a body whose third byte was the bad one), or
    called valid UTF-8 invalid. It names the first byte that is not UTF-8, or the zero byte."""
    err = assert_envelope(client.post("/v1/check", content=body, headers={"Content-Type": "application/json"}),
                          400, "invalid_json")
    assert err["details"] == {"reason": "invalid_utf8", "position": position}
    assert words in err["message"] and "UTF-8" in err["message"]


def test_an_ascii_body_labelled_latin_1_is_still_read(client):
    r = client.post("/v1/check", content=json.dumps({"text": GENERIC}).encode(),
                    headers={"Content-Type": "application/json; charset=iso-8859-1"})
    assert r.status_code == 200


@pytest.mark.parametrize("text, code", [("", "invalid_input"), ("   \n\t ", "invalid_input"),
                                        ("\x00\x01\x02\x03 binary \x04\x05\x06\x07", "invalid_input")])
def test_text_that_cannot_be_checked_is_422(client, text, code):
    assert_envelope(client.post("/v1/check", json={"text": text}), 422, code)


def test_text_over_the_limit_is_413(app_client):
    c = app_client(max_text_chars=500)
    err = assert_envelope(c.post("/v1/check", json={"text": "a" * 501}), 413, "text_too_long")
    assert "500" in err["message"]
    assert c.post("/v1/check", json={"text": GENERIC}).status_code == 200


def test_text_too_long_says_the_length_and_the_limit(app_client):
    c = app_client(max_text_chars=500)
    err = assert_envelope(c.post("/v1/check", json={"text": "a" * 501}), 413, "text_too_long")
    assert err["details"] == {"length": 501, "limit": 500}
    item = c.post("/v1/check/batch", json={"items": [{"id": "x", "text": "a" * 501}]}).json()["results"][0]
    assert item["error"]["details"] == {"status": 413, "length": 501, "limit": 500}


def test_an_html_body_over_its_limit_is_measured_against_the_html_limit(client):
    """The first closing tag is past the first 20,000 characters: still an HTML body, with its own limit."""
    body = "<p>" + "a " * 50_001 + "</p>"
    err = assert_envelope(client.post("/v1/check", json={"text": body}), 413, "text_too_long")
    assert err["message"].startswith("The HTML body is 100,009 characters long; the limit is 100,000.")
    assert err["details"] == {"length": 100_009, "limit": 100_000}
    # and one whose text, not its markup, is too long: the Checker measures it, the numbers still come back
    err = assert_envelope(client.post("/v1/check", json={"text": "<p>" + "word " * 4100 + "</p>"}), 413, "text_too_long")
    assert err["details"] == {"length": 20_501, "limit": 20_000}


def test_model_text_limit_is_413_too(client):
    # The service's limit equals the model's here, so the model's own error must map to 413 as well.
    assert_envelope(client.post("/v1/check", json={"text": "word " * 4001}), 413, "text_too_long")


def test_body_over_the_limit_is_413_declared_or_chunked(app_client):
    c = app_client(max_body_bytes=2048)
    big = json.dumps({"text": "x" * 5000})
    err = assert_envelope(c.post("/v1/check", content=big, headers={"Content-Type": "application/json"}),
                          413, "payload_too_large")
    assert err["details"]["limit_bytes"] == 2048

    def chunks():  # no Content-Length: the limit is enforced while reading
        for i in range(0, len(big), 512):
            yield big[i:i + 512].encode()

    r = c.post("/v1/check", content=chunks(), headers={"Content-Type": "application/json"})
    assert_envelope(r, 413, "payload_too_large")


# ---- /v1/check/batch ---------------------------------------------------------------------------
def test_batch_keeps_every_item_in_order_good_and_bad(app_client):
    c = app_client(max_text_chars=1000)
    items = [
        {"id": "good-1", "text": GENERIC, "context": CONTEXT},
        {"id": "empty", "text": ""},
        {"id": "too-long", "text": "a" * 1001},
        {"id": "binary", "text": "\x00\x01\x02\x03\x04\x05\x06\x07\x08 junk"},
        {"id": "good-2", "text": "Hi Ana, thanks for the portfolio review. We chose not to proceed because the role "
                                 "needs more motion design. Best, Lee"},
    ]
    r = c.post("/v1/check/batch", json={"items": items})
    assert r.status_code == 200
    results = r.json()["results"]
    assert [x["id"] for x in results] == [i["id"] for i in items]
    assert set(results[0]) == {"id", "report"} and set(results[4]) == {"id", "report"}
    ReportOut.model_validate(results[0]["report"])
    checker = c.app.state.checker
    assert results[0]["report"] == report_json(checker.checker.check(GENERIC, CONTEXT), GENERIC, checker.rules, None)
    codes = {x["id"]: x["error"]["code"] for x in results if "error" in x}
    assert codes == {"empty": "invalid_input", "too-long": "text_too_long", "binary": "invalid_input"}
    for x in results:
        if "error" in x:
            assert set(x["error"]) == {"code", "message", "details"}


def test_batch_at_the_limit_and_over_it(client):
    items = [{"id": f"n{i}", "text": f"Hi, thanks for applying to role {i}. We chose someone else. Best, HR"}
             for i in range(100)]
    r = client.post("/v1/check/batch", json={"items": items})
    assert r.status_code == 200
    assert [x["id"] for x in r.json()["results"]] == [i["id"] for i in items]
    assert all("report" in x for x in r.json()["results"])
    items.append({"id": "one-too-many", "text": "Hi"})
    err = assert_envelope(client.post("/v1/check/batch", json={"items": items}), 413, "batch_too_large")
    assert err["details"]["limit"] == 100


@pytest.mark.parametrize("payload", [{"items": []}, {"items": [{"id": "a", "text": "x"}, {"id": "a", "text": "y"}]},
                                     {"items": "x"}, {}])
def test_batch_envelope_violations_are_422(client, payload):
    assert_envelope(client.post("/v1/check/batch", json=payload), 422, "validation_error")


def test_an_item_that_does_not_match_the_schema_is_answered_in_its_place(client):
    """A bad item never fails the batch: its schema errors come back where its report would be."""
    items = [{"id": "a", "text": GENERIC}, {"id": "b", "text": None}, "not an item", {"text": "no id"},
             {"id": "e", "text": GENERIC, "context": {"candidate_name": "{{candidate.first_name}}"}},
             {"id": "f", "text": GENERIC, "context": {"strengths": ["x" * 501]}}, {"id": "g", "text": GENERIC}]
    r = client.post("/v1/check/batch", json={"items": items})
    assert r.status_code == 200, r.text
    results = r.json()["results"]
    assert [x["id"] for x in results] == ["a", "b", None, None, "e", "f", "g"]
    assert ["report" in x for x in results] == [True, False, False, False, False, False, True]
    for i, x in enumerate(results[1:6], start=1):
        assert x["error"]["code"] == "validation_error"
        assert all(e["loc"][:3] == ["body", "items", i] for e in x["error"]["details"]["errors"])
    assert results[1]["error"]["details"]["errors"][0]["loc"] == ["body", "items", 1, "text"]


class FlakyBatchChecker:
    """A checker whose batch call fails as a whole; the API must fall back to item by item."""

    model_version = "fake"
    rules = None

    def __init__(self, real):
        self.real = real

    def check_batch(self, *args, **kwargs):
        raise InputError("No sentences found in the text.")

    def check(self, text, context=None, options=None):
        if "bad" in text:
            raise InputError("No sentences found in the text.")
        return self.real.check(text, context, options)


def test_batch_falls_back_item_by_item_when_the_whole_call_fails(client):
    client.app.dependency_overrides[get_checker] = lambda: FlakyBatchChecker(client.app.state.checker)
    try:
        r = client.post("/v1/check/batch", json={"items": [{"id": "1", "text": GENERIC}, {"id": "2", "text": "bad"},
                                                           {"id": "3", "text": GENERIC}]})
    finally:
        client.app.dependency_overrides.clear()
    results = r.json()["results"]
    assert ["report" in x for x in results] == [True, False, True]
    assert results[1]["error"]["code"] == "invalid_input"


# ---- /v1/feedback ------------------------------------------------------------------------------
class FeedbackResult:
    def to_dict(self):
        return {"feedback": "Your SQL exercise was clear; the role needed more experimentation experience.",
                "removed": ["personal remark"]}


class FakeChecker:
    model_version = "fake"
    rules = None

    def __init__(self, feedback=None):
        self._feedback = feedback
        if feedback is not None:
            self.draft_feedback = feedback


def _raise(exc):
    def f(*args, **kwargs):
        raise exc
    return f


@pytest.mark.parametrize("fake, status, code", [
    (FakeChecker(), 503, "feature_unavailable"),  # a Checker from before feedback existed
    (FakeChecker(_raise(ModuleNotFoundError("No module named 'model.feedback'", name="model.feedback"))),
     503, "feature_unavailable"),
    (FakeChecker(_raise(InputError("The notes are empty."))), 422, "invalid_input"),
])
def test_feedback_errors(client, fake, status, code):
    client.app.dependency_overrides[get_checker] = lambda: fake
    try:
        assert_envelope(client.post("/v1/feedback", json={"notes": "Strong SQL, weak on A/B tests."}), status, code)
    finally:
        client.app.dependency_overrides.clear()


def test_feedback_returns_the_result_json(client):
    seen = {}

    def draft(notes, context=None):
        seen.update(notes=notes, context=context)
        return FeedbackResult()

    client.app.dependency_overrides[get_checker] = lambda: FakeChecker(draft)
    try:
        r = client.post("/v1/feedback", json={"notes": "Strong SQL.", "context": {"role": "Analyst"}})
    finally:
        client.app.dependency_overrides.clear()
    assert r.status_code == 200
    assert r.json() == FeedbackResult().to_dict()
    assert seen == {"notes": "Strong SQL.", "context": {"role": "Analyst"}}


def test_feedback_with_the_real_checker_matches_its_documented_schema(client):
    from service.schemas import FeedbackResponse

    r = client.post("/v1/feedback", json={"notes": "Clear SQL; little experience with A/B tests.",
                                          "context": CONTEXT})
    assert r.status_code == 200
    body = FeedbackResponse.model_validate(r.json())
    assert body.feedback and body.draft
    assert set(r.json()) == set(FeedbackResponse.model_fields)


def test_feedback_limits_and_validation(app_client):
    c = app_client(max_text_chars=100)
    assert_envelope(c.post("/v1/feedback", json={"notes": "n" * 101}), 413, "text_too_long")
    assert_envelope(c.post("/v1/feedback", json={"text": "notes go in notes"}), 422, "validation_error")


def test_feedback_errors_are_about_notes(client):
    from model.feedback import MAX_NOTES_CHARS

    err = assert_envelope(client.post("/v1/feedback", json={"notes": "n" * 9000}), 413, "text_too_long")
    assert err["message"].startswith(f"The notes are 9,000 characters long; the limit is {MAX_NOTES_CHARS:,}.")
    assert "message" not in err["message"] and err["details"] == {"length": 9000, "limit": MAX_NOTES_CHARS}
    notes = b'{"notes": "weak on SQL \\ud800"}'
    err = assert_envelope(client.post("/v1/feedback", content=notes, headers={"Content-Type": "application/json"}),
                          422, "invalid_input")
    assert err["message"].startswith("The notes are not valid Unicode") and "text" not in err["message"]


# ---- /v1/rules ---------------------------------------------------------------------------------
def test_rules_lists_every_rule_with_its_data(client):
    r = client.get("/v1/rules")
    assert r.status_code == 200
    body = r.json()
    assert body["model_version"] == client.app.state.checker.model_version
    ids = [x["id"] for x in body["rules"]]
    assert ids == [rule.id for rule in client.app.state.checker.rules.all_rules()]
    assert len(ids) == len(set(ids))
    for x in body["rules"]:
        RuleOut.model_validate(x)
        assert set(x) == {"id", "category", "severity", "message", "rationale", "suggestions", "examples"}
        assert set(x["examples"]) == {"fire", "pass"}
        assert re.fullmatch(r"[a-z0-9_]+(\.[a-z0-9_]+)+", x["id"])


# ---- API keys ------------------------------------------------------------------------------------
def test_api_keys_are_off_by_default_on_localhost(client):
    assert client.post("/v1/check", json={"text": GENERIC}).status_code == 200


def test_api_keys_from_the_environment(app_client):
    c = app_client(api_keys=["k-one", "k-two"])
    err = assert_envelope(c.post("/v1/check", json={"text": GENERIC}), 401, "unauthorized")
    assert "X-API-Key" in err["message"]
    r = c.post("/v1/check", json={"text": GENERIC}, headers={"X-API-Key": "wrong"})
    assert_envelope(r, 401, "unauthorized")
    assert r.headers["www-authenticate"].startswith("ApiKey")
    for key in ("k-one", "k-two"):
        assert c.post("/v1/check", json={"text": GENERIC}, headers={"X-API-Key": key}).status_code == 200
    assert c.get("/v1/rules", headers={"X-API-Key": "k-two"}).status_code == 200
    assert_envelope(c.get("/v1/rules"), 401, "unauthorized")
    assert c.get("/v1/health").status_code == 200  # probes need no key
    assert c.get("/").status_code == 200  # the form itself is public; its calls need the key


def test_api_keys_checked_before_the_body_is_parsed(app_client):
    c = app_client(api_keys=["k"])
    r = c.post("/v1/check", content=b"{not json", headers={"Content-Type": "application/json"})
    assert_envelope(r, 401, "unauthorized")


def test_api_keys_from_a_file(app_client, tmp_path):
    keys = tmp_path / "keys.txt"
    keys.write_text("# ATS integration keys\nfile-key-1\n\n  file-key-2  \n", encoding="utf-8")
    c = app_client(api_keys_file=keys)
    assert_envelope(c.post("/v1/check", json={"text": GENERIC}), 401, "unauthorized")
    for key in ("file-key-1", "file-key-2"):
        assert c.post("/v1/check", json={"text": GENERIC}, headers={"X-API-Key": key}).status_code == 200
    assert_envelope(c.post("/v1/check", json={"text": GENERIC}, headers={"X-API-Key": "# ATS integration keys"}),
                    401, "unauthorized")


def test_public_host_without_keys_refuses_to_start():
    app = create_app(make_settings(host="0.0.0.0"))
    with pytest.raises(RuntimeError, match="API keys are required"):
        with TestClient(app, client=LOCAL):
            pass


def test_public_host_with_keys_explicitly_off_serves_anyone(app_client):
    c = app_client(host="0.0.0.0", require_api_key=False, client_addr=("203.0.113.9", 40000))
    assert c.post("/v1/check", json={"text": GENERIC}).status_code == 200


def test_keys_off_only_by_default_refuses_remote_clients(app_client):
    # Bound (it believes) to localhost and no keys: a remote client means a misconfigured bind.
    c = app_client(client_addr=("203.0.113.9", 40000))
    err = assert_envelope(c.post("/v1/check", json={"text": GENERIC}), 401, "unauthorized")
    assert "REJECTCHECK_API_KEYS" in err["message"]


def test_settings_read_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("REJECTCHECK_API_KEYS", "a, b ,c")
    monkeypatch.setenv("REJECTCHECK_CORS_ORIGINS", "https://ats.example,https://hr.example")
    monkeypatch.setenv("REJECTCHECK_RATE_LIMIT", "7")
    monkeypatch.setenv("REJECTCHECK_HOST", "0.0.0.0")
    s = Settings()
    assert s.api_keys == ["a", "b", "c"] and s.load_api_keys() == {"a", "b", "c"}
    assert s.cors_origins == ["https://ats.example", "https://hr.example"]
    assert s.rate_limit == 7 and s.auth_required(s.load_api_keys())
    assert "api_keys=" not in repr(s)  # keys stay out of reprs and tracebacks
    assert is_loopback("localhost") and is_loopback("127.0.0.1") and is_loopback("::1")
    assert not is_loopback("0.0.0.0") and not is_loopback("10.0.0.1")


# ---- rate limits ---------------------------------------------------------------------------------
def test_guessing_api_keys_is_rate_limited_per_address(app_client):
    c = app_client(api_keys=["right-key"], auth_failure_limit=3)
    for guess in ("a", "b", "c"):
        assert_envelope(c.post("/v1/check", json={"text": GENERIC}, headers={"X-API-Key": guess}), 401, "unauthorized")
    r = c.post("/v1/check", json={"text": GENERIC}, headers={"X-API-Key": "d"})
    err = assert_envelope(r, 429, "rate_limited")
    assert "invalid API key" in err["message"] and 0 < int(r.headers["retry-after"]) <= 60
    assert err["details"] == {"limit": 3, "window_s": 60}
    # past the limit even the right key is refused, so a guesser who ignores 429s learns nothing
    assert_envelope(c.post("/v1/check", json={"text": GENERIC}, headers={"X-API-Key": "right-key"}), 429, "rate_limited")
    # another address on the same service is not affected
    other = TestClient(c.app, client=("127.0.0.2", 40000))
    assert other.post("/v1/check", json={"text": GENERIC}, headers={"X-API-Key": "right-key"}).status_code == 200


def test_rate_limit_headers_and_429(app_client):
    c = app_client(rate_limit=3, api_keys=["key-a", "key-b"])
    a = {"X-API-Key": "key-a"}
    remaining = []
    for _ in range(3):
        r = c.post("/v1/check", json={"text": GENERIC}, headers=a)
        assert r.status_code == 200
        assert r.headers["ratelimit-limit"] == "3"
        assert 0 < int(r.headers["ratelimit-reset"]) <= 60
        remaining.append(int(r.headers["ratelimit-remaining"]))
    assert remaining == [2, 1, 0]
    r = c.post("/v1/check", json={"text": GENERIC}, headers=a)
    err = assert_envelope(r, 429, "rate_limited")
    assert err["details"] == {"limit": 3, "window_s": 60}
    assert r.headers["ratelimit-remaining"] == "0"
    assert 0 < int(r.headers["retry-after"]) <= 60
    # every key has its own quota
    r = c.post("/v1/check", json={"text": GENERIC}, headers={"X-API-Key": "key-b"})
    assert r.status_code == 200 and r.headers["ratelimit-remaining"] == "2"
    # bad keys are refused before they can spend anyone's quota
    assert_envelope(c.get("/v1/rules", headers={"X-API-Key": "nope"}), 401, "unauthorized")


def test_rate_limiter_window_resets():
    now = [1000.0]
    limiter = RateLimiter(limit=2, window_s=10, clock=lambda: now[0])
    assert limiter.hit("k")[0] and limiter.hit("k")[0]
    allowed, headers = limiter.hit("k")
    assert not allowed and headers["Retry-After"] == "10"
    now[0] += 4
    assert limiter.hit("k")[1]["RateLimit-Reset"] == "6"
    now[0] += 6
    allowed, headers = limiter.hit("k")
    assert allowed and headers["RateLimit-Remaining"] == "1"
    assert limiter.hit("other")[0]
    now[0] += 100
    limiter.prune(now[0])
    assert limiter.windows == {}


def test_rate_limit_zero_disables_it(app_client):
    c = app_client(rate_limit=0)
    r = c.post("/v1/check", json={"text": GENERIC})
    assert r.status_code == 200 and "ratelimit-limit" not in r.headers


# ---- request ids, CORS ---------------------------------------------------------------------------
def test_request_id_is_echoed_or_generated_on_every_response(app_client):
    c = app_client(api_keys=["k"], rate_limit=1)
    r = c.get("/v1/health", headers={"X-Request-ID": "ats-7f3c.42"})
    assert r.headers["x-request-id"] == "ats-7f3c.42"
    generated = c.get("/v1/health").headers["x-request-id"]
    assert uuid.UUID(hex=generated)
    for bad in ("x" * 200, "has spaces", "new\u00e9line", "priya.kumar@example.com", "Priya.Kumar",
                "candidate=Priya/age=58"):  # a name or an address must not reach the log
        rid = c.get("/v1/health", headers={"X-Request-ID": bad.encode("utf-8")}).headers["x-request-id"]
        assert rid != bad and uuid.UUID(hex=rid)
    # errors too: 401, 404, 422, 429
    responses = [c.post("/v1/check", json={"text": GENERIC}, headers={"X-Request-ID": "r-401"}),
                 c.get("/nope", headers={"X-Request-ID": "r-404"}),
                 c.post("/v1/check", json={}, headers={"X-Request-ID": "r-422", "X-API-Key": "k"}),
                 c.get("/v1/rules", headers={"X-Request-ID": "r-429", "X-API-Key": "k"})]
    assert [r.status_code for r in responses] == [401, 404, 422, 429]
    assert [r.headers["x-request-id"] for r in responses] == ["r-401", "r-404", "r-422", "r-429"]
    assert c.get("/").headers["x-request-id"]


def test_cors_is_off_by_default(client):
    r = client.post("/v1/check", json={"text": GENERIC}, headers={"Origin": "https://ats.example"})
    assert "access-control-allow-origin" not in r.headers


def test_cors_allows_configured_origins(app_client):
    c = app_client(cors_origins=["https://ats.example"], api_keys=["k"])
    pre = c.options("/v1/check", headers={"Origin": "https://ats.example", "Access-Control-Request-Method": "POST",
                                          "Access-Control-Request-Headers": "content-type,x-api-key"})
    assert pre.status_code == 200
    assert pre.headers["access-control-allow-origin"] == "https://ats.example"
    assert "x-api-key" in pre.headers["access-control-allow-headers"].lower()
    r = c.post("/v1/check", json={"text": GENERIC}, headers={"Origin": "https://ats.example", "X-API-Key": "k"})
    assert r.headers["access-control-allow-origin"] == "https://ats.example"
    exposed = r.headers["access-control-expose-headers"].lower()
    assert "x-request-id" in exposed and "ratelimit-remaining" in exposed
    # a 401 still carries CORS headers, so that the browser can show the error
    r = c.post("/v1/check", json={"text": GENERIC}, headers={"Origin": "https://ats.example"})
    assert r.status_code == 401 and r.headers["access-control-allow-origin"] == "https://ats.example"
    r = c.post("/v1/check", json={"text": GENERIC}, headers={"Origin": "https://evil.example", "X-API-Key": "k"})
    assert "access-control-allow-origin" not in r.headers
    # a refused preflight is answered in the API's error envelope, not Starlette's plain text
    pre = c.options("/v1/check", headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"})
    err = assert_envelope(pre, 400, "cors_refused")
    assert err["details"] == {"refused": ["origin"]} and "REJECTCHECK_CORS_ORIGINS" in err["message"]
    assert "origin" in pre.headers.get("vary", "").lower()
    pre = c.options("/v1/check", headers={"Origin": "https://ats.example", "Access-Control-Request-Method": "POST",
                                          "Access-Control-Request-Headers": "x-secret"})
    err = assert_envelope(pre, 400, "cors_refused")
    assert err["details"] == {"refused": ["headers"]} and "x-api-key" in err["message"].lower()


# ---- failures, concurrency, logs -------------------------------------------------------------------
class ExplodingChecker:
    model_version = "fake"
    rules = None

    def __init__(self, message: str):
        self.message = message

    def check(self, *args, **kwargs):
        raise RuntimeError(self.message)


def test_unexpected_errors_are_500_in_the_envelope(client):
    client.app.dependency_overrides[get_checker] = lambda: ExplodingChecker("boom")
    try:
        r = client.post("/v1/check", json={"text": GENERIC}, headers={"X-Request-ID": "trace-42"})
    finally:
        client.app.dependency_overrides.clear()
    err = assert_envelope(r, 500, "internal_error")
    assert err["details"] == {"request_id": "trace-42"}
    assert client.get("/v1/health").status_code == 200  # and the service goes on


def test_concurrent_checks_are_safe(client):
    texts = [GENERIC, GENERIC.replace("Sam", "Ana"), "Hi Lee, thanks for the case study. We went with someone "
             "with more retail experience. Best, Kim", "Dear Max, we will not be proceeding. Regards, HR"]
    expected = [client.post("/v1/check", json={"text": t}).json() for t in texts]
    failures: list = []

    def hammer(k: int):
        for j in range(6):
            i = (k + j) % len(texts)
            r = client.post("/v1/check", json={"text": texts[i]})
            if r.status_code != 200 or r.json() != expected[i]:
                failures.append((r.status_code, r.text[:200]))

    threads = [threading.Thread(target=hammer, args=(k,)) for k in range(12)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == []
    assert isinstance(client.app.state.checker, SerializedChecker)


def test_message_text_is_never_logged(client, caplog):
    marker = f"ZEBRA-{uuid.uuid4().hex}-QUOKKA"
    text = f"Hi Sam, thank you for your time. {marker} We went with another candidate. Best, HR"
    caplog.set_level(logging.DEBUG)
    for name in ("", "rejectcheck", "rejectcheck.api", "uvicorn", "uvicorn.error", "uvicorn.access",
                 "fastapi", "httpx", "model"):
        logging.getLogger(name).setLevel(logging.DEBUG)
    try:
        assert client.post("/v1/check", json={"text": text}).status_code == 200
        client.post("/v1/check", json={"text": text, "context": {"interviewer_notes": marker, "gaps": [marker]}})
        assert client.post("/v1/check/batch", json={"items": [{"id": "1", "text": text},
                                                               {"id": "2", "text": marker * 1000}]}).status_code == 200
        client.post("/v1/feedback", json={"notes": marker})
        client.post("/v1/check", json={"text": text, "extra": marker})  # 422
        client.post("/v1/check", content=("{" + marker).encode(), headers={"Content-Type": "application/json"})  # 400
        client.get(f"/v1/check/{marker}")  # 404: unknown paths are not logged verbatim either
        client.get(f"/static/{marker} and more words of a draft")  # nor are made-up asset paths
        client.post("/v1/apply", json={"text": text, "rule": "boilerplate.nope", "start": 0, "end": 1, "suggestion": 0})
        client.app.dependency_overrides[get_checker] = lambda: ExplodingChecker(f"failed on {text}")
        try:
            assert client.post("/v1/check", json={"text": text}).status_code == 500
        finally:
            client.app.dependency_overrides.clear()
    finally:
        for name in ("", "rejectcheck", "rejectcheck.api", "uvicorn", "uvicorn.error", "uvicorn.access",
                     "fastapi", "httpx", "model"):
            logging.getLogger(name).setLevel(logging.NOTSET if name else logging.WARNING)
    assert any(r.name == "rejectcheck.api" for r in caplog.records), "the request log was not captured"
    assert any("POST /v1/apply" in r.getMessage() for r in caplog.records)  # our own paths are named
    assert any("RuntimeError" in r.getMessage() for r in caplog.records), "the 500 was not logged"
    # The test client's own logger (httpx) records the URLs it requests; that is the caller, not the service.
    service_records = [r for r in caplog.records if not r.name.startswith(("httpx", "httpcore"))]
    logged = "\n".join(f"{r.getMessage()} {r.__dict__}" for r in service_records)
    assert marker not in logged
    assert "ZEBRA" not in logged


def test_api_error_carries_status_and_code():
    e = ApiError(429, "rate_limited", "slow down", {"limit": 1}, {"Retry-After": "5"})
    assert (e.status, e.code, e.details, e.headers["Retry-After"]) == (429, "rate_limited", {"limit": 1}, "5")


def test_invalid_unicode_is_a_422_and_only_its_item_fails_in_a_batch(client):
    body = b'{"text": "Hi \\ud800 Sam. We decided not to go ahead."}'  # a lone surrogate, as JSON allows
    err = assert_envelope(client.post("/v1/check", content=body, headers={"Content-Type": "application/json"}),
                          422, "invalid_input")
    assert "Unicode" in err["message"]
    batch = (b'{"items": [{"id": "ok", "text": "Hi Sam. We decided not to go ahead."},'
             b' {"id": "bad", "text": "Hi \\udfff Sam."}]}')
    r = client.post("/v1/check/batch", content=batch, headers={"Content-Type": "application/json"})
    assert r.status_code == 200
    ok, bad = r.json()["results"]
    assert ok["id"] == "ok" and "report" in ok and bad["error"]["code"] == "invalid_input"
    notes = b'{"notes": "weak on SQL \\ud800"}'
    assert_envelope(client.post("/v1/feedback", content=notes, headers={"Content-Type": "application/json"}),
                    422, "invalid_input")


@pytest.mark.parametrize("rule", [{"patterns": ["??"]}, {"patterns": ["a||b"]}, {"patterns": ["()"]},
                                  {"patterns": ["a b"], "suggestions": ["{"]},
                                  {"patterns": ["a b"], "suggestions": ["{name.__class__}"]},
                                  {"patterns": ["a b"], "suggestions": ["{name:>99999999}"]},
                                  {"patterns": ["a b"], "suggestions": ["{0}"]},
                                  {"patterns": ["a b"], "suggestions": ["Hi {candidate_name}"]},  # the slot is {name}
                                  {"patterns": ["*{5,3}"]}, {"patterns": ["*{,}"]}, {"patterns": ["keep *{0,99} file"]}])
def test_a_phrase_rule_that_cannot_compile_is_a_422_naming_it(client, rule):
    body = {"text": GENERIC, "options": {"phrases": [{"id": "org.bad", "message": "m", **rule}]}}
    err = assert_envelope(client.post("/v1/check", json=body), 422, "validation_error")
    assert "org.bad" in str(err["details"])


def test_an_html_body_is_measured_by_its_text(client):
    styled = ("<html><head><style>" + "p.x{color:#333;margin:0}" * 1000 + "</style></head><body><p>Hi Sam,</p>"
              "<p>We decided not to go ahead with your application.</p></body></html>")
    assert len(styled) > 20_000
    r = client.post("/v1/check", json={"text": styled})
    assert r.status_code == 200 and r.json()["sentences"]
    r = client.post("/v1/check/batch", json={"items": [{"id": "a", "text": styled}]})
    assert "report" in r.json()["results"][0]


def test_a_malformed_or_oversized_body_is_refused_quickly(client):
    """Python's HTML parser is quadratic on tags that never close; such input is refused before it."""
    for text, status, code in (("<p>Hi</p><p " + "<p " * 30_000, 422, "invalid_input"),
                               ("<p " * 100_000, 413, "text_too_long")):
        with finishes_within(30, "refusing the body"):  # a hang guard (minutes before), not a timing
            assert_envelope(client.post("/v1/check", json={"text": text}), status, code)


def test_apply_edits_the_draft_as_the_findings_fix_says(client):
    text = ("Hi Sam,\n\nThank you for your interest in the Data Analyst position. After careful consideration, we "
            "have decided to move forward with other candidates.\n\nBest regards,\nThe Hiring Team")
    report = client.post("/v1/check", json={"text": text, "context": CONTEXT}).json()
    by_fix = {}
    for f in report["findings"]:
        by_fix.setdefault(f["fix"], f)
    assert "replace_sentence" in by_fix and "insert" in by_fix
    for fix, f in by_fix.items():
        body = {"text": text, "context": CONTEXT, "rule": f["rule"], "start": f["start"], "end": f["end"], "suggestion": 0}
        r = client.post("/v1/apply", json=body)
        assert r.status_code == 200, r.text
        new = r.json()["text"]
        if fix == "none":
            assert new == text
        elif fix == "replace_message":
            assert new == f["suggestions"][0]
        else:
            assert f["suggestions"][0] in new and new.startswith("Hi Sam,") and new.endswith("The Hiring Team")
            if fix == "replace_sentence":
                # (a rewrite may keep the flagged words: "Thank you for your interest …, and for the final interview.")
                span = text[f["start"]:f["end"]]
                assert new != text and new.count(span) == text.count(span) - 1 + f["suggestions"][0].count(span)
    f = by_fix["replace_sentence"]
    stale = {"text": text + " More.", "rule": f["rule"], "start": f["start"] + 1, "end": f["end"], "suggestion": 0}
    assert_envelope(client.post("/v1/apply", json=stale), 409, "finding_not_found")
    beyond = {"text": text, "context": CONTEXT, "rule": f["rule"], "start": f["start"], "end": f["end"], "suggestion": 99}
    err = assert_envelope(client.post("/v1/apply", json=beyond), 422, "validation_error")
    assert err["details"]["errors"][0]["loc"] == ["body", "suggestion"] and "no number 99" in err["details"]["errors"][0]["msg"]
    # a rule that never existed is not a finding that went away
    unknown = {**beyond, "rule": "boilerplate.nope", "suggestion": 0}
    err = assert_envelope(client.post("/v1/apply", json=unknown), 422, "validation_error")
    assert err["details"]["errors"][0]["loc"] == ["body", "rule"]


@pytest.mark.parametrize("field, value", [("start", "73"), ("start", 73.0), ("end", "85"), ("end", 85.0),
                                          ("start", True), ("suggestion", "0"), ("suggestion", 0.0)])
def test_apply_offsets_are_json_integers(client, field, value):
    text = "Unfortunately, we have decided not to move forward with your application at this time. We wish you well."
    body = {"text": text, "rule": "boilerplate.at_this_time", "start": 73, "end": 85, "suggestion": 0}
    assert client.post("/v1/apply", json=body).status_code == 200
    err = assert_envelope(client.post("/v1/apply", json={**body, field: value}), 422, "validation_error")
    assert [e["loc"] for e in err["details"]["errors"]] == [["body", field]]


@pytest.mark.parametrize("context, loc", [
    ({"candidate_name": "Sam\x07"}, ["body", "context", "candidate_name"]),
    ({"candidate_name": "Sam\u202e\u2066"}, ["body", "context", "candidate_name"]),
    ({"role": "Data \u2067Analyst"}, ["body", "context", "role"]),
    ({"strengths": ["clear SQL", "tidy\x1bcode"]}, ["body", "context", "strengths", 1]),
    ({"role": "{{job.title}}"}, ["body", "context", "role"]),
    ({"company": "[Company Name]"}, ["body", "context", "company"]),
    ({"interviewer_notes": "strong SQL\x00"}, ["body", "context", "interviewer_notes"]),
])
@pytest.mark.parametrize("endpoint", ["/v1/check", "/v1/apply", "/v1/feedback"])
def test_context_values_must_be_plain_text(client, context, loc, endpoint):
    """Context values go into suggestions and applied drafts as they are: no control or bidi characters,
    no merge fields an ATS would expand."""
    body = {"/v1/check": {"text": GENERIC, "context": context},
            "/v1/apply": {"text": GENERIC, "context": context, "rule": "boilerplate.keep_on_file", "start": 0, "end": 1},
            "/v1/feedback": {"notes": "Strong SQL.", "context": context}}[endpoint]
    err = assert_envelope(client.post(endpoint, json=body), 422, "validation_error")
    assert [e["loc"] for e in err["details"]["errors"]] == [loc]
    assert "Sam" not in str(err) and "job.title" not in str(err)  # what and where, never the value


def test_context_values_may_hold_tabs_line_breaks_and_any_script(client):
    context = {**CONTEXT, "candidate_name": "\u05e9\u05e8\u05d4", "interviewer_notes": "Strong SQL.\n\tWeak on A/B tests.",
               "company": "R&D 100% remote"}
    assert client.post("/v1/check", json={"text": GENERIC, "context": context}).status_code == 200
    # brackets and braces around ordinary words are text, not merge fields
    context = {**CONTEXT, "candidate_name": "Siobh\u00e1n O'Brien-Smith", "company": "Team {Alpha}",
               "strengths": ["[SQL] window functions", "C++ (STL) and {fmt}"], "gaps": ["the [REDACTED] project"]}
    assert client.post("/v1/check", json={"text": GENERIC, "context": context}).status_code == 200


def test_apply_counts_characters_as_python_does(client):
    """Offsets are code points (an emoji is one character); the form converts them for display."""
    text = ("Hi Sam \U0001f44b\U0001f389,\n\nAfter careful consideration, we have decided to move forward with other "
            "candidates whose experience more closely matches our needs.\n\nBest regards,\nThe Hiring Team")
    report = client.post("/v1/check", json={"text": text}).json()
    f = next(f for f in report["findings"] if f["rule"] == "boilerplate.careful_consideration")
    assert text[f["start"]:f["end"]] == "After careful consideration"
    body = {"text": text, "rule": f["rule"], "start": f["start"], "end": f["end"], "suggestion": 0}
    new = client.post("/v1/apply", json=body).json()["text"]
    assert new.startswith("Hi Sam \U0001f44b\U0001f389,\n\n") and new.endswith("\n\nBest regards,\nThe Hiring Team")


def test_responses_that_echo_a_draft_are_not_cached(client):
    r = client.post("/v1/check", json={"text": GENERIC})
    assert r.headers["cache-control"] == "no-store"


@pytest.mark.parametrize("value", ["[candidate's first name]", "[the one skill the role needed that they lacked]",
                                   "«FirstName»", "*|FNAME|*", "%%name%%", "{%if x%}"])
def test_context_values_refuse_other_mail_merge_syntax_and_our_own_slots(client, value):
    response = client.post("/v1/check", json={"text": GENERIC, "context": {**CONTEXT, "candidate_name": value}})
    assert_envelope(response, 422, "validation_error")


def test_head_on_the_web_form(client):
    response = client.head("/")
    assert response.status_code == 200 and not response.content
    assert response.headers["cache-control"] == "no-store"


def test_a_client_that_goes_away_mid_body_is_no_server_error(caplog):
    """Nothing failed here: the request log says 499, not 500, and nothing is sent."""
    import asyncio
    import logging

    from starlette.requests import ClientDisconnect

    from service.api import RequestContextMiddleware

    async def gone(scope, receive, send):
        raise ClientDisconnect()

    sent = []

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "method": "POST", "path": "/v1/check", "headers": []}
    with caplog.at_level(logging.INFO, logger="rejectcheck.api"):
        asyncio.run(RequestContextMiddleware(gone)(scope, None, send))
    assert sent == []
    lines = [r.getMessage() for r in caplog.records]
    assert any(" POST /v1/check 499 " in line for line in lines), lines
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]

    # ... and through the whole app, whose gate reads the body first
    caplog.clear()
    app = create_app(make_settings())
    parts = [{"type": "http.request", "body": b'{"text": "Hi', "more_body": True}, {"type": "http.disconnect"}]

    async def receive():
        return parts.pop(0) if parts else {"type": "http.disconnect"}

    scope = {"type": "http", "method": "POST", "path": "/v1/check", "query_string": b"", "root_path": "",
             "scheme": "http", "http_version": "1.1", "server": ("127.0.0.1", 8000), "client": LOCAL,
             "headers": [(b"content-type", b"application/json"), (b"content-length", b"1000")]}
    sent.clear()
    with TestClient(app, client=LOCAL), caplog.at_level(logging.INFO, logger="rejectcheck.api"):  # started: ready
        asyncio.run(app(scope, receive, send))
    assert sent == []
    assert any(" POST /v1/check 499 " in r.getMessage() for r in caplog.records), [r.getMessage() for r in caplog.records]


def test_every_context_field_the_checker_reads_is_accepted(client):
    """advice, effort and timeframe fill suggestion slots in the Python API; the API takes them too."""
    context = {"advice": ["build a small dbt project"], "effort": "the SQL take-home", "timeframe": "in March",
               "gaps": ["production dbt experience"]}
    r = client.post("/v1/check", json={"text": GENERIC, "context": context})
    assert r.status_code == 200, r.text
    suggestions = " ".join(s for f in r.json()["findings"] for s in f["suggestions"])
    assert "the SQL take-home" in suggestions and "dbt" in suggestions


def test_an_id_that_cannot_be_echoed_fails_only_its_item(client):
    body = ('{"items": [{"id": "app-1\\ud800", "text": "Hi Sam, we will not move forward. Best, Ana"}, '
            '{"id": "app-2", "text": "Hi Jo, we chose another candidate. Best, Ana"}, '
            '{"id": "app-3\\ud800", "text": 5}]}')
    r = client.post("/v1/check/batch", content=body, headers={"content-type": "application/json"})
    assert r.status_code == 200, r.text
    results = r.json()["results"]
    assert results[0]["id"] is None and results[0]["error"]["code"] == "validation_error"
    assert results[1]["id"] == "app-2" and "report" in results[1]
    assert results[2]["id"] is None and "error" in results[2]


LONG_QUOTE = ("Hi Sam,\n\nUnfortunately we will not be moving forward with your application.\n\nBest,\nAna\n\n"
              "On Mon, 3 Mar 2025 at 10:00, Sam <sam@x.com> wrote:\n"
              + "> Thanks for the update, I look forward to hearing from you.\n" * 400)


def test_a_quoted_reply_chain_does_not_count_toward_the_length_limit(client):
    """A short reply above ~24k characters of quoted lines is checked without them, with a warning."""
    assert len(LONG_QUOTE) > 20_000
    r = client.post("/v1/check", json={"text": LONG_QUOTE})
    assert r.status_code == 200, r.text
    body = r.json()
    assert any("quoted reply" in w and "cut off" in w for w in body["warnings"])
    assert all(s["end"] <= LONG_QUOTE.index("On Mon") for s in body["sentences"])
    r = client.post("/v1/check/batch", json={"items": [{"id": "a", "text": LONG_QUOTE}]})
    assert "report" in r.json()["results"][0], r.text
    # a long message with no quote is still too long
    assert_envelope(client.post("/v1/check", json={"text": "We will not move forward. " * 1000}), 413, "text_too_long")


def test_an_integer_item_id_is_echoed_as_given(client):
    """ATS application ids are often integers: echoed as integers, and 7 and "7" are different ids."""
    r = client.post("/v1/check/batch", json={"items": [
        {"id": 7, "text": "Hi Sam, we went with another candidate. Best, Ana"},
        {"id": "7", "text": "Hi Sam, we went with another candidate. Best, Ana"},
        {"id": True, "text": "Hi Sam, we went with another candidate. Best, Ana"}]})
    assert r.status_code == 200, r.text
    results = r.json()["results"]
    assert results[0]["id"] == 7 and "report" in results[0]
    assert results[1]["id"] == "7" and "report" in results[1]
    assert "error" in results[2]  # a boolean is no id


def test_an_invalid_item_echoes_its_integer_id_and_the_schema_says_ids_may_be_integers(client):
    """An item that fails the schema keeps its integer id (the ATS finds the application by it), and the
    OpenAPI schema of a result's id allows the integers that are echoed."""
    r = client.post("/v1/check/batch", json={"items": [{"id": 41}, {"id": 42, "text": 5},
                                                       {"id": True, "text": 5}]})
    assert r.status_code == 200, r.text
    results = r.json()["results"]
    assert [x["id"] for x in results] == [41, 42, None]
    assert all(x["error"]["code"] == "validation_error" for x in results)
    schemas = client.get("/openapi.json").json()["components"]["schemas"]
    for name in ("BatchReport", "BatchError"):
        types = {t.get("type") for t in schemas[name]["properties"]["id"].get("anyOf", [schemas[name]["properties"]["id"]])}
        assert {"integer", "string"} <= types, (name, types)


def test_an_asset_path_is_logged_only_for_a_file_that_is_served(client, caplog):
    """A made-up file name under /static is words a client chose (a name, a phrase): a 404 logs no path."""
    caplog.set_level(logging.INFO, logger="rejectcheck.api")
    marker = f"Priya-Kumar-{uuid.uuid4().hex[:8]}"
    assert client.get(f"/static/{marker}.txt").status_code == 404
    assert client.get("/static/app.js").status_code == 200
    logged = "\n".join(r.getMessage() for r in caplog.records if r.name == "rejectcheck.api")
    assert "GET /static/app.js 200" in logged
    assert marker not in logged and "GET <other path> 404" in logged


@pytest.mark.parametrize("path", ["/v1/check", "/v1/check/batch", "/v1/apply", "/v1/feedback"])
def test_an_empty_body_is_a_400_saying_so(client, path):
    """No body at all is not JSON: a 400 that says the body is empty (it was a 422 'body: Field required'); a body
    of spaces and line breaks only is as empty (it was 'not valid JSON')."""
    for body in (b"", b"   ", b"\r\n\t "):
        error = assert_envelope(client.post(path, content=body, headers={"Content-Type": "application/json"}),
                                400, "invalid_json")
        assert error["details"]["reason"] == "empty" and "empty" in error["message"], body


def test_a_null_context_list_is_no_list_as_a_null_value_is_no_value(client):
    """`"candidate_name": null` was accepted and `"strengths": null` a 422: serialisers that write null for an
    empty field (an ATS plugin's) send both."""
    context = {"candidate_name": None, "strengths": None, "gaps": None, "advice": None, "upcoming_openings": None}
    r = client.post("/v1/check", json={"text": GENERIC, "context": context})
    assert r.status_code == 200, r.text
    assert r.json() == client.post("/v1/check", json={"text": GENERIC}).json()


def test_a_trailing_slash_is_a_404_naming_the_endpoint_not_a_redirect(client):
    """POST /v1/check/ was a 307 with an empty body: a client following it sent the draft twice and counted
    twice against the rate limit. It is a 404 in the error envelope that names the endpoint."""
    for path in ("/v1/check/", "/v1/check/batch/", "/v1/health/"):
        if "health" in path:
            r = client.get(path, follow_redirects=False)
        else:
            r = client.post(path, json={"text": "Hi Sam, we will not be moving forward. Best, Ana"},
                            follow_redirects=False)
        err = assert_envelope(r, 404, "not_found")
        assert f"the endpoint is {path.rstrip('/')}," in err["message"]
    err = assert_envelope(client.post("/v1/nothing/", json={}, follow_redirects=False), 404, "not_found")
    assert "endpoints start with /v1/" in err["message"]
    assert client.get("/").status_code == 200  # the web form's root is no trailing slash


def test_a_json_body_that_is_no_object_says_so(client):
    """A bare JSON string (or list, number, null) was 'does not match the schema; see details.errors', whose one
    error was pydantic's 'Input should be a valid dictionary or object to extract fields from'."""
    for path, body in (("/v1/check", '"Hi Sam, we will not be moving forward."'), ("/v1/check", "[1, 2]"),
                       ("/v1/check", "null"), ("/v1/check/batch", '["Hi Sam, no."]')):
        r = client.post(path, content=body, headers={"content-type": "application/json"})
        err = assert_envelope(r, 422, "validation_error")
        assert err["message"].startswith("The request body must be a JSON object, such as {"), err["message"]
        assert ('"items"' in err["message"]) is path.endswith("/batch")


@pytest.mark.parametrize("path, body, key", [
    ("/v1/check", '{"text": "Hi Ren\\u00e9, no.", "text": "' + GENERIC.replace("\n", " ") + '"}', "text"),
    ("/v1/check", '{"text": "Hi Sam, no.", "context": {"role": "Analyst", "role": "Data Analyst"}}', "role"),
    ("/v1/check/batch", '{"items": [{"id": 1, "text": "Hi Sam, no.", "id": 2}]}', "id"),
])
def test_a_key_given_twice_in_one_object_is_a_400_naming_the_key(client, path, body, key):
    """Which copy of a repeated key counts differs between JSON parsers (Python's keeps the last, others the
    first or refuse), so a plugin that wrote a key twice had a draft checked that was not the one it showed."""
    r = client.post(path, content=body.encode(), headers={"Content-Type": "application/json"})
    err = assert_envelope(r, 400, "invalid_json")
    assert err["details"] == {"reason": "duplicate_key", "key": key}
    assert f"'{key}'" in err["message"] and "Ren" not in str(err)
    assert "duplicate_key" in client.get("/openapi.json").json()["info"]["description"]


def test_a_number_too_long_to_read_is_a_400_saying_so(client):
    """An integer of more than 4,300 digits (Python's limit for reading one) is valid JSON: the answer said the
    body 'could not be parsed as JSON', with the reason 'unparseable'."""
    body = '{"items": [{"id": ' + "7" * 5000 + ', "text": "Hi Sam, we will not move forward."}]}'
    r = client.post("/v1/check/batch", content=body, headers={"Content-Type": "application/json"})
    err = assert_envelope(r, 400, "invalid_json")
    assert err["details"] == {"reason": "number_too_long", "limit_digits": sys.get_int_max_str_digits()}
    assert "4,300 digits" in err["message"]


def test_head_on_the_docs_is_answered_like_get(client, monkeypatch):
    """A link checker or a proxy's probe sends HEAD /docs: it was a 405 (the web form and the spec answer it)."""
    assert client.head("/openapi.json").status_code == 200
    get, head = client.get("/docs"), client.head("/docs")
    assert head.status_code == get.status_code == 200 and head.content == b""
    assert head.headers["content-type"] == get.headers["content-type"]
    monkeypatch.setitem(sys.modules, "swagger_ui_bundle", None)  # the offline fallback page
    fallback = TestClient(create_app(make_settings()), client=LOCAL)
    assert fallback.head("/docs").status_code == fallback.get("/docs").status_code == 200


def test_the_spec_documents_every_request_field_an_example_per_body_and_this_servers_limits(app_client):
    """What a plugin author reads in /openapi.json: each field they may send has a description, each request body
    an example, and the limits are the ones this server enforces (they are settings: the defaults may not hold)."""
    c = app_client(max_text_chars=5_000, max_body_bytes=2 * 1024 * 1024, max_batch_items=7)
    spec = c.get("/openapi.json").json()
    schemas = spec["components"]["schemas"]
    bodies = {op["requestBody"]["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]
              for ops in spec["paths"].values() for op in ops.values() if "requestBody" in op}
    assert bodies == {"CheckRequest", "ApplyRequest", "BatchRequest", "FeedbackRequest"}
    for name in bodies:
        assert schemas[name].get("examples"), name
    sent = {"CheckRequest", "ApplyRequest", "BatchRequest", "BatchItem", "FeedbackRequest", "CheckContext",
            "CheckOptions", "PhraseRule"}
    undocumented = [f"{name}.{field}" for name in sorted(sent) for field, prop in schemas[name]["properties"].items()
                    if not prop.get("description")]
    assert undocumented == []
    limits = spec["info"]["description"]
    assert "5,000 characters" in limits and "2,097,152 bytes" in limits and "7 items" in limits
    assert all(code in limits for code in ("text_too_long", "payload_too_large", "batch_too_large"))
    for path, name in (("/v1/check", "CheckRequest"), ("/v1/apply", "ApplyRequest"),
                       ("/v1/check/batch", "BatchRequest"), ("/v1/feedback", "FeedbackRequest")):
        assert c.post(path, json=schemas[name]["examples"][0]).status_code == 200, name  # the examples work


def test_an_item_id_that_is_no_id_is_one_error_at_the_ids_location(client):
    """A wrong id was two errors, one per kind of id, at locations such as ['body', 'items', 0, 'id',
    'function-after[plain_id(), constrained-str]'] that name pydantic's internals, not the field."""
    bad = [True, 1.5, "", "x" * 201, "app-\u202e7", None, [1], {"id": 1}]
    r = client.post("/v1/check/batch", json={"items": [{"id": value, "text": "Hi Sam, no."} for value in bad]})
    assert r.status_code == 200, r.text
    for i, result in enumerate(r.json()["results"]):
        errors = result["error"]["details"]["errors"]
        assert [e["loc"] for e in errors] == [["body", "items", i, "id"]], (bad[i], errors)
        assert "a string of 1 to 200 characters or an integer" in errors[0]["msg"] or "plain text" in errors[0]["msg"]
    item_id = client.get("/openapi.json").json()["components"]["schemas"]["BatchItem"]["properties"]["id"]
    assert {"type": "integer"} in item_id["anyOf"] and {"type": "string", "minLength": 1, "maxLength": 200} in item_id["anyOf"]


def test_the_spec_names_the_error_codes_each_status_can_carry(app_client, client):
    """A plugin author maps `error.code` to what their UI says: each documented status names the codes it
    carries (here, the ones these requests really get), and an unexpected 500 is documented too."""
    spec = client.get("/openapi.json").json()
    keyed = app_client(api_keys=["k"], max_batch_items=1, rate_limit=1)
    seen = [
        ("/v1/check", client.post("/v1/check", content=b'{"text": "x"', headers={"content-type": "application/json"})),
        ("/v1/check", client.post("/v1/check", json={"text": ""})),
        ("/v1/check", client.post("/v1/check", json={"txt": "Hi"})),
        ("/v1/check", client.post("/v1/check", json={"text": "No. " * 6000})),
        ("/v1/check", client.post("/v1/check", content=b"{}", headers={"content-type": "application/json",
                                                                       "content-encoding": "gzip"})),
        ("/v1/check", keyed.post("/v1/check", json={"text": "Hi"})),
        ("/v1/check/batch", keyed.post("/v1/check/batch", json={"items": [{"id": 1, "text": "a"}, {"id": 2, "text": "b"}]},
                                       headers={"X-API-Key": "k"})),
        ("/v1/check", keyed.post("/v1/check", json={"text": "Hi"}, headers={"X-API-Key": "k"})),
        ("/v1/apply", client.post("/v1/apply", json={"text": GENERIC, "rule": "boilerplate.careful_consideration",
                                                     "start": 0, "end": 1})),
    ]
    for path, response in seen:
        assert response.status_code >= 400, response.text
        documented = spec["paths"][path]["post"]["responses"][str(response.status_code)]
        assert f"`{response.json()['error']['code']}`" in documented["description"], (path, response.text)
    for path, ops in spec["paths"].items():
        if path != "/v1/health":
            for op in ops.values():
                assert op["responses"]["500"]["content"]["application/json"]["schema"]["$ref"].endswith("/ErrorResponse")


def test_the_spec_describes_the_request_id_and_rate_limit_headers(app_client):
    """What a plugin author needs to correlate and pace requests was only in the module's docstring."""
    c = app_client(rate_limit=5)
    description = c.get("/openapi.json").json()["info"]["description"]
    r = c.post("/v1/check", json={"text": GENERIC}, headers={"X-Request-ID": "ats-7f3a-0001"})
    assert r.headers["x-request-id"] == "ats-7f3a-0001"
    for header in ("X-Request-ID", *(h for h in r.headers if h.lower().startswith("ratelimit-"))):
        assert header.lower() in description.lower(), header
    assert "Retry-After" in description and "128" in description


def test_the_spec_says_that_item_ids_must_be_unique(client):
    """A repeated id fails the whole batch (422), but the spec said only that 'a bad item never fails the batch'."""
    items = [{"id": 7, "text": GENERIC}, {"id": 7, "text": GENERIC}]
    err = assert_envelope(client.post("/v1/check/batch", json={"items": items}), 422, "validation_error")
    assert "duplicate item id 7" in err["details"]["errors"][0]["msg"]
    spec = client.get("/openapi.json").json()
    operation = spec["paths"]["/v1/check/batch"]["post"]["description"]
    item_id = spec["components"]["schemas"]["BatchItem"]["properties"]["id"]["description"]
    assert "unique" in operation and "unique" in item_id


def test_the_spec_documents_every_response_field(client):
    """A plugin author reads what `flags.relationship` or a sentence's `boilerplate` means in the spec, for every
    field of every body the API returns."""
    schemas = client.get("/openapi.json").json()["components"]["schemas"]
    undocumented = [f"{name}.{field}" for name, schema in sorted(schemas.items())
                    for field, prop in schema.get("properties", {}).items() if not prop.get("description")]
    assert undocumented == []


def test_uvicorns_access_log_shows_neither_a_query_string_nor_a_made_up_path(client, caplog):
    """`uvicorn service.api:app` (as the module's docstring runs it) keeps uvicorn's access log on, which printed
    the request line as sent: `POST /v1/check?text=<a draft>` and `GET /v1/<a draft>` put text in the log."""
    from urllib.parse import quote

    from uvicorn.protocols.utils import get_path_with_query_string

    marker = f"ZEBRA {uuid.uuid4().hex} QUOKKA"
    sent = [("POST", "/v1/check", f"text={quote(marker)}", 200), ("GET", f"/v1/{marker}", "", 404),
            ("GET", "/static/app.js", "", 200), ("GET", f"/static/{marker}.txt", "", 404)]
    with caplog.at_level(logging.INFO, logger="uvicorn.access"):
        for method, path, query, status in sent:  # as uvicorn's HTTP protocols log a response
            scope = {"path": path, "query_string": query.encode()}
            logging.getLogger("uvicorn.access").info('%s - "%s %s HTTP/%s" %d', "127.0.0.1:50000", method,
                                                     get_path_with_query_string(scope), "1.1", status)
    assert [r.getMessage() for r in caplog.records if r.name == "uvicorn.access"] == [
        '127.0.0.1:50000 - "POST /v1/check HTTP/1.1" 200', '127.0.0.1:50000 - "GET <other path> HTTP/1.1" 404',
        '127.0.0.1:50000 - "GET /static/app.js HTTP/1.1" 200', '127.0.0.1:50000 - "GET <other path> HTTP/1.1" 404']


def test_the_spec_states_this_servers_batch_and_notes_limits_in_the_schema(app_client):
    """A generated client validates what the schema says: the batch's limit was only prose ("100 by default") and
    the batch's summary said "up to 100" on a server that takes 7; the notes' limit was only in the description."""
    c = app_client(max_batch_items=7, max_text_chars=3_000)
    spec = c.get("/openapi.json").json()
    schemas = spec["components"]["schemas"]
    assert schemas["BatchRequest"]["properties"]["items"]["maxItems"] == 7
    assert spec["paths"]["/v1/check/batch"]["post"]["summary"] == "Check up to 7 drafts"
    assert schemas["FeedbackRequest"]["properties"]["notes"]["maxLength"] == 3_000
    assert "100" not in schemas["BatchRequest"]["properties"]["items"]["description"]
    too_many = c.post("/v1/check/batch", json={"items": [{"id": i, "text": GENERIC} for i in range(8)]})
    assert_envelope(too_many, 413, "batch_too_large")
    assert_envelope(c.post("/v1/feedback", json={"notes": "Weak SQL. " * 301}), 413, "text_too_long")
    assert c.get("/openapi.json").json() == spec  # built once


def test_every_repeated_item_id_is_named_at_its_place(client):
    """A plugin marks the items to fix: a batch with two repeated ids named only the first repeat, at `items`, and
    in words only; each repeat is an error of its own, at its id, of type `duplicate_id`."""
    items = [{"id": 1, "text": GENERIC}, {"id": "x", "text": GENERIC}, {"id": 1, "text": GENERIC},
             {"id": "1", "text": GENERIC}, {"id": "x", "text": 5}]  # "1" is not 1; an item that fails has its id
    err = assert_envelope(client.post("/v1/check/batch", json={"items": items}), 422, "validation_error")
    assert [(e["loc"], e["type"]) for e in err["details"]["errors"]] == [
        (["body", "items", 2, "id"], "duplicate_id"), (["body", "items", 4, "id"], "duplicate_id")]
    assert "duplicate item id 1: item 0 has it too" in err["details"]["errors"][0]["msg"]


def test_a_body_that_stops_arriving_is_a_408_and_the_connection_is_let_go(caplog):
    """A client that sent its headers and part of its body, then nothing, held its connection (and the request's
    task) for as long as it liked: the gate waited for the rest for good."""
    import asyncio

    app = create_app(make_settings(body_timeout_s=0.05))
    parts = [{"type": "http.request", "body": b'{"text": "Hi', "more_body": True}]

    async def receive():
        if parts:
            return parts.pop(0)
        await asyncio.Event().wait()  # the rest never comes (nor a disconnect)

    sent: list[dict] = []

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "method": "POST", "path": "/v1/check", "query_string": b"", "root_path": "",
             "scheme": "http", "http_version": "1.1", "server": ("127.0.0.1", 8000), "client": LOCAL,
             "headers": [(b"content-type", b"application/json"), (b"content-length", b"1000")]}
    with TestClient(app, client=LOCAL), finishes_within(30, "the stalled request"):  # a hang guard, not a timing
        asyncio.run(app(scope, receive, send))
    assert sent[0]["status"] == 408 and (b"connection", b"close") in sent[0]["headers"]
    error = json.loads(b"".join(m.get("body", b"") for m in sent[1:]))["error"]
    assert error["code"] == "request_timeout" and error["details"] == {"timeout_s": 0.05}
    spec = app.openapi()
    assert "request_timeout" in spec["paths"]["/v1/check"]["post"]["responses"]["408"]["description"]
    assert "408 `request_timeout`" in spec["info"]["description"]


def test_each_operation_has_a_short_stable_operation_id(client):
    """Client generators name their methods after operationIds, which were FastAPI's `check_batch_v1_check_batch_post`
    (a method `check_batch_v1_check_batch_post()` in every plugin); each is the endpoint's own name, once."""
    spec = client.get("/openapi.json").json()
    ids = {f"{method.upper()} {path}": op["operationId"] for path, ops in spec["paths"].items()
           for method, op in ops.items()}
    assert ids == {"GET /v1/health": "health", "POST /v1/check": "check", "POST /v1/apply": "apply",
                   "POST /v1/check/batch": "check_batch", "POST /v1/feedback": "feedback",
                   "GET /v1/rules": "list_rules"}


def test_the_spec_marks_every_response_field_that_is_always_sent_as_required(client):
    """A generated client makes a field that is not required optional: `english`, an error's `details` and a rule's
    example lists are in every response, but had defaults and so were not required in the spec."""
    schemas = client.get("/openapi.json").json()["components"]["schemas"]
    sent = {"CheckRequest", "ApplyRequest", "BatchRequest", "BatchItem", "FeedbackRequest", "CheckContext",
            "CheckOptions", "PhraseRule", "HTTPValidationError", "ValidationError"}
    optional = sorted(f"{name}.{field}" for name, schema in schemas.items() if name not in sent
                      for field in schema.get("properties", {}) if field not in schema.get("required", ()))
    assert optional == ["FeedbackItemOut.specificity", "HealthResponse.error"]  # left out at times
    assert "details" in client.post("/v1/check", json={"text": ""}).json()["error"]


def test_uvicorns_trace_log_of_a_requests_scope_shows_no_query_string_or_made_up_path(client, caplog):
    """At `--log-level trace` uvicorn logs each request's scope (its body and headers as placeholders, its path
    and query string as sent): `path`, `raw_path` and `query_string` held a draft sent in the URL."""
    from uvicorn.middleware.message_logger import message_with_placeholders

    marker = f"ZEBRA-{uuid.uuid4().hex}-QUOKKA"
    scopes = [{"type": "http", "method": "POST", "path": "/v1/check", "raw_path": b"/v1/check",
               "query_string": f"text={marker}".encode(), "headers": [(b"host", b"x")]},
              {"type": "http", "method": "GET", "path": f"/v1/{marker}", "raw_path": f"/v1/{marker}".encode(),
               "query_string": b"", "headers": []}]
    with caplog.at_level(5, logger="uvicorn.asgi"):  # uvicorn's TRACE level
        for scope in scopes:  # as uvicorn's MessageLoggerMiddleware logs it
            logging.getLogger("uvicorn.asgi").log(5, "%s [%d] Started scope=%s", "127.0.0.1:50000 - ASGI", 1,
                                                  message_with_placeholders(scope))
    logged = [r.getMessage() for r in caplog.records if r.name == "uvicorn.asgi"]
    assert len(logged) == 2 and "'path': '/v1/check'" in logged[0] and "'path': '<other path>'" in logged[1]
    assert marker not in "\n".join(logged)


def test_the_spec_names_every_key_an_errors_details_can_hold(app_client):
    """A plugin reads `details` by code: the spec named `errors`, `length`, `limit` and `reason` "e.g.", and left out
    `limit_bytes`, `window_s`, `request_id`, `position`, `status` and the others the API sends."""
    c = app_client(max_batch_items=1, max_body_bytes=8192, max_text_chars=1000, rate_limit=15)
    described = c.get("/openapi.json").json()["components"]["schemas"]["ErrorBody"]["properties"]["details"]
    as_json = {"content-type": "application/json"}
    responses = [c.post("/v1/check", content=body, headers=as_json) for body in (
        b'{"text": "a", "text": "b"}', b'{"text": "\xff"}', b'{"text": ' + b"1" * 5000 + b"}", b"[" * 900 + b"]" * 900,
        b"", b'{"text": ', b'{"text": "No. ' + b"No. " * 300 + b'"}', b'{"text": "' + b"x" * 9000 + b'"}')]
    responses += [c.post("/v1/check", content=b"{}", headers={"content-type": "text/plain"}),
                  c.post("/v1/check", content=b"{}", headers={**as_json, "content-encoding": "gzip"}),
                  c.post("/v1/check", json={"txt": "Hi"}),
                  c.post("/v1/check/batch", json={"items": [{"id": 1, "text": "a"}, {"id": 2, "text": "b"}]}),
                  c.post("/v1/check/batch", json={"items": [{"id": 1, "text": ""}]}),
                  c.post("/v1/apply", json={"text": GENERIC, "rule": "boilerplate.careful_consideration",
                                            "start": 67, "end": 94, "suggestion": 9})]
    c.app.dependency_overrides[get_checker] = lambda: ExplodingChecker("boom")
    try:
        responses.append(c.post("/v1/check", json={"text": "Hi Sam, no."}))
    finally:
        c.app.dependency_overrides.clear()
    responses.append(c.post("/v1/check", json={"text": "Hi Sam, no."}))  # the 16th: over the rate limit
    keys = set()
    for r in responses:
        body = r.json()
        error = body["results"][0]["error"] if "results" in body else body["error"]  # a batch item's, or the request's
        keys |= set(error["details"])
    assert {"reason", "key", "position", "limit_digits", "errors", "content_type", "length", "limit", "limit_bytes",
            "content_encoding", "accepted", "suggestions", "status", "request_id", "window_s"} <= keys
    assert [k for k in sorted(keys) if f"`{k}`" not in described["description"]] == []


def test_a_batch_too_large_says_how_many_items_it_has(app_client):
    """`text_too_long` gives the length and the limit; `batch_too_large` gave only the limit."""
    c = app_client(max_batch_items=2)
    for count in (3, 7):
        items = [{"id": i, "text": GENERIC} for i in range(count)]
        err = assert_envelope(c.post("/v1/check/batch", json={"items": items}), 413, "batch_too_large")
        assert err["details"] == {"count": count, "limit": 2}


def test_size_limit_errors_say_what_to_do(app_client):
    """A 413 said only 'The batch has 7 items; the limit is 2.' or 'The request body is larger than 2,048 bytes.':
    an ATS plugin's log line told its operator the limit, not how to get under it. Each says what to send instead."""
    c = app_client(max_batch_items=2, max_body_bytes=2048)
    items = [{"id": i, "text": "We chose another applicant."} for i in range(7)]
    err = assert_envelope(c.post("/v1/check/batch", json={"items": items}), 413, "batch_too_large")
    assert "batches of at most 2 items" in err["message"] and "4 requests" in err["message"]
    big = json.dumps({"items": [{"id": 1, "text": "x" * 3000}]})
    err = assert_envelope(c.post("/v1/check/batch", content=big, headers={"Content-Type": "application/json"}),
                          413, "payload_too_large")
    assert "2,048 bytes" in err["message"] and "fewer items" in err["message"]
    err = assert_envelope(c.post("/v1/check", content=json.dumps({"text": "x" * 3000}),
                                 headers={"Content-Type": "application/json"}), 413, "payload_too_large")
    assert "one message" in err["message"]


def test_an_object_expected_is_asked_for_in_jsons_words_not_pythons(client):
    """A batch item or a context sent as a string was told 'Input should be a valid dictionary or instance of
    BatchItem' (or CheckContext): a Python class name an integrator never sees. It asks for a JSON object."""
    text = "Dear Kofi, we chose another driver for the HGV role because we need ADR certification."
    results = client.post("/v1/check/batch", json={"items": ["just a string", {"id": 2, "text": text, "context": "x"},
                                                             {"id": 3, "text": text}]}).json()["results"]
    messages = [r["error"]["details"]["errors"][0]["msg"] for r in results[:2]]
    assert all(m == "Input should be a JSON object" for m in messages), messages
    assert "report" in results[2]
    err = assert_envelope(client.post("/v1/check", json={"text": text, "context": ["Kofi"]}), 422, "validation_error")
    assert err["details"]["errors"][0]["msg"] == "Input should be a JSON object"


def test_our_own_validation_messages_have_no_pydantic_prefix(client):
    """pydantic puts "Value error, " before a validator's message; ours are whole sentences of their own."""
    batch = client.post("/v1/check/batch", json={"items": [{"id": "x" * 201, "text": GENERIC}, {"id": [], "text": "y"}]})
    messages = [r["error"]["details"]["errors"][0]["msg"] for r in batch.json()["results"]]
    assert messages[0].startswith("an id is a string of 1 to 200 characters or an integer; this one has 201")
    assert messages[1] == "an id is a string of 1 to 200 characters or an integer"
    for context in ({"role": "Analyst {{job.title}}"}, {"candidate_name": "Sam\x07"}):
        err = assert_envelope(client.post("/v1/check", json={"text": GENERIC, "context": context}), 422,
                              "validation_error")
        assert err["details"]["errors"][0]["msg"].startswith("holds a")
        assert err["details"]["errors"][0]["type"] == "value_error"


@pytest.mark.parametrize("path", ["/v1/check", "/v1/check/batch"])
def test_every_repeated_phrase_rule_id_is_named_at_its_place(client, path):
    """As batch ids are: two repeated phrase-rule ids were one error, for the first, at `options.phrases`."""
    phrases = [{"id": rule_id, "patterns": [pattern], "message": "m"} for rule_id, pattern in (
        ("org.a", "move forward"), ("org.b", "other candidates"), ("org.a", "careful"), ("org.b", "needs"),
        ("org.c", "interest"))]
    body = {"text": GENERIC} if path == "/v1/check" else {"items": [{"id": 1, "text": GENERIC}]}
    err = assert_envelope(client.post(path, json={**body, "options": {"phrases": phrases}}), 422, "validation_error")
    assert [(e["loc"], e["type"]) for e in err["details"]["errors"]] == [
        (["body", "options", "phrases", 2, "id"], "duplicate_id"), (["body", "options", "phrases", 3, "id"],
                                                                    "duplicate_id")]
    assert "duplicate phrase rule id 'org.b': phrase rule 1 has it too" in err["details"]["errors"][1]["msg"]


def test_the_test_settings_name_every_setting(monkeypatch):
    """make_settings() left out `body_timeout_s` (and `auth_failure_limit`): REJECTCHECK_BODY_TIMEOUT_S in the
    environment changed the apps these tests build."""
    monkeypatch.setenv("REJECTCHECK_BODY_TIMEOUT_S", "0.01")
    monkeypatch.setenv("REJECTCHECK_AUTH_FAILURE_LIMIT", "1")
    settings = make_settings()
    assert settings.body_timeout_s == 60 and settings.auth_failure_limit == 20
    assert set(TEST_SETTINGS) == set(Settings.model_fields)


@pytest.mark.parametrize("level, shown", [(logging.DEBUG, True), (logging.INFO, True), (logging.WARNING, False)])
def test_under_uvicorns_own_command_the_request_log_reaches_uvicorns_handler(level, shown):
    """`uvicorn service.api:app --log-level debug` sets up uvicorn's loggers only: the request log had no handler
    and never appeared. It joins uvicorn's handler at uvicorn's level, and still holds no text."""
    kept = []
    handler = logging.Handler()
    handler.emit = kept.append
    root, server, ours = logging.getLogger(), logging.getLogger("uvicorn"), logging.getLogger("rejectcheck")
    saved = (root.handlers, server.handlers, ours.handlers, ours.propagate, ours.level,
             logging.getLogger("uvicorn.error").level)
    root.handlers, server.handlers, ours.handlers = [], [handler], []  # as uvicorn's command leaves them
    logging.getLogger("uvicorn.error").setLevel(level)
    try:
        with TestClient(create_app(make_settings(warm_up=False)), client=LOCAL) as c:
            r = c.post("/v1/check", json={"text": GENERIC}, headers={"X-Request-ID": "req-4711"})
    finally:
        root.handlers, server.handlers, ours.handlers, ours.propagate = saved[:4]
        ours.setLevel(saved[4])
        logging.getLogger("uvicorn.error").setLevel(saved[5])
    assert r.status_code == 200
    lines = [record.getMessage() for record in kept if record.name.startswith("rejectcheck")]
    assert any("req-4711 POST /v1/check 200" in line for line in lines) is shown
    assert not any("careful" in line or "Data Analyst" in line for line in lines)


def test_python_m_service_api_takes_the_same_flags_as_serve(monkeypatch, capsys):
    """`python -m service.api` read no flags: `--log-level debug` started the server at info. It is `rejectcheck
    serve`, with the same flags and checks."""
    import runpy
    import socket
    import warnings

    import uvicorn

    for name in ("REJECTCHECK_HOST", "REJECTCHECK_PORT", "REJECTCHECK_WORKERS", "REJECTCHECK_LOG_LEVEL"):
        monkeypatch.setenv(name, "")
        monkeypatch.delenv(name)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append(kw))
    monkeypatch.setattr(sys, "argv", ["api.py", "--port", str(port), "--log-level", "debug"])
    with warnings.catch_warnings(), pytest.raises(SystemExit) as exited:
        warnings.simplefilter("ignore", RuntimeWarning)  # service.api is imported already: run again as __main__
        runpy.run_module("service.api", run_name="__main__")
    assert exited.value.code == 0
    [kw] = calls
    assert (kw["port"], kw["log_level"], kw["access_log"]) == (port, "debug", False)
    assert kw["log_config"]["loggers"]["rejectcheck"]["level"] == logging.DEBUG
    monkeypatch.setattr(sys, "argv", ["api.py", "--log-level", "loud"])
    with warnings.catch_warnings(), pytest.raises(SystemExit) as exited:
        warnings.simplefilter("ignore", RuntimeWarning)
        runpy.run_module("service.api", run_name="__main__")
    assert exited.value.code != 0 and not calls[1:]
    assert "--log-level" in capsys.readouterr().err


def test_the_warm_up_loads_what_a_first_check_with_details_would_load(monkeypatch):
    """A strength or gap typed in capitals ("Experience running A/B tests") is asked of spaCy's entity recogniser to
    tell a proper noun from a first word (rules.context_phrase); loading it took ~1.4 s and 46 MB on the first
    check with details, so the recruiter's first check waited for it. The server's warm-up loads it with the
    rest: a warmed server's first check with such a gap finds it loaded."""
    from model import names, rules
    from service.api import load_checker

    for cached in (names._person_recogniser, names._entities, rules.context_phrase):  # as in a new process
        cached.cache_clear()
    loaded = []
    real = names._sm_package

    def counting():
        loaded.append(1)
        return real()

    monkeypatch.setattr(names, "_sm_package", counting)
    load_checker(make_settings(warm_up=True))
    assert loaded == [1]
