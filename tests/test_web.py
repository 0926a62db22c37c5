"""The web form in a real browser: Debian's Chromium, driven by playwright, against a real
uvicorn server on a free localhost port. Never run `playwright install`."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

os.environ["HF_HUB_OFFLINE"] = "1"

import httpx
import pytest

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[1]
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
               "--disable-sync", "--no-first-run"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(),
                       reason="needs Debian's Chromium at /usr/bin/chromium (apt-get install -y chromium)"),
]

GENERIC = ("Hi Sam,\n\nThank you for your interest in the Data Analyst position. After careful consideration, "
           "we have decided to move forward with other candidates whose experience more closely matches our "
           "needs. We will keep your resume on file for future opportunities.\n\nBest regards,\nThe Hiring Team")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    port = free_port()
    log_path = tmp_path_factory.mktemp("server") / "uvicorn.log"
    env = {k: v for k, v in os.environ.items() if not k.startswith("REJECTCHECK_")}
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH")) if p)
    env["HF_HUB_OFFLINE"] = "1"
    with open(log_path, "wb") as log:
        proc = subprocess.Popen([sys.executable, "-m", "uvicorn", "service.api:app", "--host", "127.0.0.1",
                                 "--port", str(port), "--log-level", "warning"],
                                cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            if proc.poll() is not None:
                pytest.fail(f"uvicorn exited with {proc.returncode}:\n{log_path.read_text(errors='replace')}")
            try:
                if httpx.get(f"{base}/v1/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"uvicorn did not become ready:\n{log_path.read_text(errors='replace')}")
            time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="python playwright is not installed")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=LAUNCH_ARGS)
        yield b
        b.close()


def open_page(browser, base: str, width: int, height: int):
    """A page that records every request leaving 127.0.0.1 (there must be none)."""
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    external: list[str] = []

    def watch(request):
        url = urlparse(request.url)
        if url.scheme in ("http", "https", "ws", "wss") and url.hostname not in ("127.0.0.1", "localhost"):
            external.append(request.url)

    page.on("request", watch)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(base + "/")
    return context, page, external, errors


def score(page, name: str) -> int:
    return int(page.inner_text(f"#score-{name}"))


@contextmanager
def opened_page(browser, base: str, width: int = 1280, height: int = 900):
    """A page of the form; on leaving, no console errors and no request off localhost."""
    context, page, external, errors = open_page(browser, base, width, height)
    try:
        yield page
        assert not errors and not external
    finally:
        context.close()


def suggestion_button(page, rule: str):
    """The first Apply/Insert button of `rule`'s finding, and the suggestion text it shows."""
    button = page.locator(f"li.finding[data-rule='{rule}'] button.apply").first
    return button, button.locator("xpath=..").locator(".suggestion-text").inner_text()


def fill_and_check(page, text: str):
    page.fill("#draft", text)
    wait_checked(page)


def copy_draft(page) -> str:
    """Click Copy and wait for what the page says about it."""
    page.click("#copy")
    page.wait_for_function("() => document.querySelector('#copy-status').textContent.length > 0")
    return page.inner_text("#copy-status")


def wait_checked(page):
    page.wait_for_function("() => document.querySelector('#state').dataset.kind !== 'busy'"
                           " && /^\\d+$/.test(document.querySelector('#score-specificity').textContent)")


CONTEXT_FACTS = ("your SQL take-home was the clearest we received", "experience running A/B tests end to end")


def pick_specific_suggestion(page):
    """The Apply button of a sentence-level suggestion built from the context: high severity and
    a stated reason first."""
    candidates = []
    for button in page.locator("#findings button.apply").all():
        if button.inner_text().strip() != "Apply":
            continue  # "Insert" buttons add a sentence for whole-message findings
        text = button.locator("xpath=..").locator(".suggestion-text").inner_text()
        card = button.locator("xpath=ancestor::li[contains(@class, 'finding')]")
        high = "sev-high" in card.get_attribute("class")
        reason = "reason" in text.lower() or "because" in text.lower()
        if "[" not in text and any(fact in text for fact in CONTEXT_FACTS):
            candidates.append((not high, not reason, len(candidates), text, button))
    assert candidates, "no sentence-level suggestion used the context"
    *_, text, button = min(candidates, key=lambda c: c[:3])
    return button, text


def test_paste_highlight_apply_and_specificity_rises(server, browser, tmp_path):
    context, page, external, errors = open_page(browser, server, 1280, 900)
    try:
        page.fill("#ctx-candidate_name", "Sam")
        page.fill("#ctx-role", "Data Analyst")
        page.fill("#ctx-stage", "the final interview")
        page.fill("#ctx-strengths", "your SQL take-home was the clearest we received")
        page.fill("#ctx-gaps", "experience running A/B tests end to end")
        page.fill("#draft", GENERIC)

        page.wait_for_selector("#annotated mark.hl")
        wait_checked(page)
        before = score(page, "specificity")
        assert page.locator("#findings li.finding").count() > 0
        assert page.locator("#annotated mark.hl").count() > 0

        # Keyboard: tab onto a highlight; its explanation appears and describes it.
        mark = page.locator("#annotated mark.hl").first
        mark.focus()
        tooltip = page.locator("#tooltip")
        assert tooltip.is_visible()
        assert mark.get_attribute("aria-describedby") == "tooltip"
        finding_index = int(mark.get_attribute("data-findings").split(",")[0])
        message = page.inner_text(f"#finding-{finding_index} .message")
        assert message in tooltip.inner_text()
        page.keyboard.press("Escape")
        assert not tooltip.is_visible()
        # ...and on hover
        mark.hover()
        assert tooltip.is_visible()

        # Apply a sentence-level suggestion that the context made specific (no [slots] left).
        button, suggestion = pick_specific_suggestion(page)
        quote = button.locator("xpath=ancestor::li[contains(@class, 'finding')]").locator(".quote").inner_text()
        page.mouse.move(0, 0)
        button.click()
        page.wait_for_function(f"() => Number(document.querySelector('#score-specificity').textContent) !== {before}"
                               " && document.querySelector('#state').dataset.kind !== 'busy'")
        wait_checked(page)
        after = score(page, "specificity")
        draft = page.input_value("#draft")
        assert suggestion in draft
        assert quote not in draft  # the flagged words were replaced, not left dangling
        assert after > before, (before, after, draft)

        page.screenshot(path=str(tmp_path / "web-form.png"), full_page=True)
        assert external == [], f"the form fetched from outside the app: {external}"
        assert errors == []
    finally:
        context.close()


def test_copy_button_copies_the_improved_draft(server, browser):
    context, page, external, errors = open_page(browser, server, 1280, 900)
    try:
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server)
        page.fill("#draft", GENERIC)
        wait_checked(page)
        copy_draft(page)
        assert page.evaluate("navigator.clipboard.readText()") == GENERIC
        assert errors == []
    finally:
        context.close()


def test_phone_layout_has_no_horizontal_scroll(server, browser, tmp_path):
    context, page, external, errors = open_page(browser, server, 375, 812)
    try:
        page.fill("#draft", GENERIC)
        page.wait_for_selector("#annotated mark.hl")
        wait_checked(page)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        # every button fits (the long "Replace message" ones too) and no score label is cut off
        assert page.locator("button.apply").count() > 0
        assert page.evaluate("[...document.querySelectorAll('button')].every(b => !b.offsetParent "
                             "|| b.getBoundingClientRect().right <= window.innerWidth)")
        assert page.evaluate("[...document.querySelectorAll('.score-label')].every(e => e.scrollWidth <= e.clientWidth)")
        # one summary is announced to screen readers once typing settles (not every score on every pause);
        # every input has a label
        page.wait_for_function("() => document.querySelector('#announce').textContent.startsWith('Checked: overall')")
        assert page.get_attribute("#announce", "role") == "status" and page.get_attribute("#scores", "aria-live") is None
        unlabelled = page.evaluate("""[...document.querySelectorAll('input, textarea')]
            .filter(e => !e.closest('[hidden]') && !(e.labels && e.labels.length)).map(e => e.id)""")
        assert unlabelled == []
        page.screenshot(path=str(tmp_path / "web-form-phone.png"), full_page=True)
        assert external == [] and errors == []
    finally:
        context.close()


def test_docs_render_offline(server, browser, tmp_path):
    context, page, external, errors = open_page(browser, server, 1280, 900)
    try:
        page.goto(server + "/docs")
        page.wait_for_selector('.opblock-summary-path[data-path="/v1/check/batch"]', timeout=15_000)
        page.screenshot(path=str(tmp_path / "docs.png"))
        assert external == [], f"/docs fetched from outside the app: {external}"
    finally:
        context.close()


def test_emoji_highlights_apply_and_undo(server, browser):
    """The API counts an emoji as one character, JavaScript as two: the highlights must still cover
    the flagged words, Apply must replace only its sentence, and Ctrl+Z must take the edit back."""
    emoji = ("Hi Sam \U0001f44b\U0001f389,\n\nAfter careful consideration, we have decided to move forward with other "
             "candidates whose experience more closely matches our needs.\n\nBest regards,\nThe Hiring Team")
    context, page, external, errors = open_page(browser, server, 1280, 900)
    try:
        page.fill("#draft", emoji)
        page.wait_for_selector("#annotated mark.hl")
        wait_checked(page)
        marks = [m.inner_text() for m in page.locator("#annotated mark.hl").all()]
        assert any(m.startswith("After careful consideration") for m in marks), marks
        card = page.locator("#findings li.finding[data-rule='boilerplate.careful_consideration']")
        assert card.locator(".quote").inner_text() == "After careful consideration"
        card.locator("button.apply").first.click()
        page.wait_for_function("(old) => document.querySelector('#draft').value !== old", arg=emoji)
        wait_checked(page)
        applied = page.input_value("#draft")
        assert applied.startswith("Hi Sam \U0001f44b\U0001f389,\n\n") and applied.endswith("\n\nBest regards,\nThe Hiring Team")
        assert "After careful consideration, we have decided" not in applied
        page.focus("#draft")
        page.keyboard.press("Control+z")
        page.wait_for_function("(old) => document.querySelector('#draft').value === old", arg=emoji)
        assert errors == [] and external == []
    finally:
        context.close()


def test_a_failed_check_clears_the_previous_results(server, browser):
    context, page, external, errors = open_page(browser, server, 1280, 900)
    try:
        page.fill("#draft", GENERIC)
        wait_checked(page)
        assert page.locator("#findings li.finding").count() > 0
        page.fill("#draft", GENERIC + " more" * 5000)  # over the 20,000-character limit
        page.wait_for_function("() => !document.querySelector('#error').hidden")
        assert page.locator("#findings li.finding").count() == 0
        assert page.inner_text("#score-specificity") == "–"
        assert not page.is_disabled("#copy")  # copying the text needs no verdict
    finally:
        context.close()


def test_a_draft_not_in_english_gets_no_verdict(server, browser):
    """The form must not say "Looks good" or "No risky wording found" about text the model cannot read."""
    with opened_page(browser, server) as page:
        page.fill("#draft", "Hallo Sam,\n\nvielen Dank für Ihr Interesse an der Stelle. Leider haben wir uns für "
                            "andere Bewerberinnen und Bewerber entschieden, deren Profil besser zu unseren Anforderungen "
                            "passt. Wir wünschen Ihnen für Ihre berufliche Zukunft alles Gute und viel Erfolg bei der "
                            "weiteren Suche. Best of luck in your future endeavours!\n\nMit freundlichen Grüßen,\nAnna")
        page.wait_for_function("() => document.querySelector('#state').textContent.includes('Not English')")
        assert page.get_attribute("#state", "data-kind") == "warn"
        flags = page.inner_text("#flags")
        assert "No risky wording found" not in flags and "Not checked" in flags
        assert "does not look like English" in page.inner_text("#findings")
        assert "reads well" not in page.inner_text("#findings")
        assert page.locator("#findings button.apply").count() == 0  # no English to paste into it
        assert page.locator("#findings li.finding").count() == 0      # no verdict: no findings, no scores
        assert page.locator("#annotated mark.hl").count() == 0           # and no highlights
        assert {page.inner_text(f"#score-{n}") for n in ("overall", "specificity", "warmth")} == {"–"}
        page.fill("#draft", GENERIC)  # English again: a verdict again
        page.wait_for_function("() => !document.querySelector('#state').textContent.includes('Not English')")
        wait_checked(page)
        assert "Not checked" not in page.inner_text("#flags")
        assert page.inner_text("#score-overall").isdigit() and page.locator("#findings li.finding").count() > 0


def test_apply_never_inserts_words_other_than_the_suggestion_shown(server, browser):
    """A context field edited after the check (within the debounce) changes what the server would build:
    the form checks again instead of applying words the recruiter never saw."""
    draft = "Hi Sam, thank you for your interest in the position. We will keep your resume on file. Best, Ana"
    with opened_page(browser, server) as page:
        page.fill("#draft", draft)
        wait_checked(page)
        button, _ = suggestion_button(page, "boilerplate.keep_on_file")
        page.evaluate("() => { document.querySelector('#ctx-gaps').value = 'Kafka in production'; }")
        button.click()  # the field changed without an input event: no check scheduled yet
        page.wait_for_timeout(300)
        wait_checked(page)
        assert page.input_value("#draft") == draft  # nothing applied: checked again instead
        button, shown = suggestion_button(page, "boilerplate.keep_on_file")
        button.click()
        page.wait_for_function("(d) => document.querySelector('#draft').value !== d", arg=draft)
        assert shown.strip().rstrip(".") in page.input_value("#draft")


def test_an_inserted_sentence_is_not_offered_again(server, browser):
    with opened_page(browser, server) as page:
        page.fill("#draft", GENERIC)
        wait_checked(page)
        button, suggestion = suggestion_button(page, "structure.no_next_step")
        button.click()
        page.wait_for_function("(d) => document.querySelector('#draft').value !== d", arg=GENERIC)
        wait_checked(page)
        assert page.input_value("#draft").count(suggestion) == 1
        # the finding stays until its [slot] is filled, and says so; nothing of it can be inserted again (nor
        # another of its suggestions, which would repeat the inserted one's words)
        finding = page.locator("li.finding[data-rule='structure.no_next_step']")
        assert finding.count() == 1 and "fill in" in finding.inner_text()
        buttons = finding.locator("button.apply")
        assert all(buttons.nth(i).is_disabled() for i in range(buttons.count()))


def test_a_refused_context_field_is_named(server, browser):
    with opened_page(browser, server) as page:
        page.fill("#ctx-gaps", "{{job.skill}}")
        page.fill("#draft", GENERIC)
        page.wait_for_function("() => !document.querySelector('#error').hidden")
        message = page.inner_text("#error")
        assert "Gaps:" in message and "merge field" in message


def test_text_typed_while_a_suggestion_is_applied_is_kept(server, browser):
    """The apply is computed from the text it was sent with: typing meanwhile (and the re-check of the
    typing that may come back first) must not be overwritten by it."""
    slow = ("() => { const f = window.fetch; window.fetch = (u, o) => String(u).includes('/v1/apply')"
            " ? new Promise((r) => setTimeout(() => r(f(u, o)), 2500)) : f(u, o); }")
    with opened_page(browser, server) as page:
        page.evaluate(slow)
        page.fill("#draft", GENERIC)
        wait_checked(page)
        button, _ = suggestion_button(page, "boilerplate.keep_on_file")
        button.click()
        page.focus("#draft")
        page.keyboard.press("Control+End")
        page.keyboard.type(" P.S. Dana will call you on Friday.")
        page.wait_for_timeout(3500)
        wait_checked(page)
        assert "Dana will call you on Friday." in page.input_value("#draft")


def test_apply_after_an_edit_says_why_and_apply_keeps_the_place(server, browser):
    """Clicking a suggestion made for an older draft re-checks instead of applying other words, and says
    so; an apply leaves the page where it was and keyboard focus with the suggestions, not the draft box."""
    with opened_page(browser, server, height=500) as page:
        page.fill("#draft", GENERIC)
        wait_checked(page)
        page.focus("#draft")
        page.keyboard.press("Control+End")
        page.keyboard.type(" Thanks again.")
        button, _ = suggestion_button(page, "boilerplate.keep_on_file")
        button.click()
        page.wait_for_function("() => document.querySelector('#state').textContent.includes('changed')")
        assert page.input_value("#draft").endswith("Thanks again.") and "on file" in page.input_value("#draft")
        wait_checked(page)
        button, _ = suggestion_button(page, "boilerplate.keep_on_file")
        button.scroll_into_view_if_needed()
        before = page.evaluate("window.scrollY")
        button.click()
        page.wait_for_function("() => !document.querySelector('#draft').value.includes('on file')")
        wait_checked(page)
        page.wait_for_function("() => document.activeElement && document.activeElement.id === 'findings-title'")
        # (the list is re-rendered one finding shorter, so the page is shorter: not the same offset, but
        # nowhere near the draft box at the top, where focusing it for the edit used to scroll)
        assert before > 1000 and page.evaluate("window.scrollY") > 1000


def test_a_legal_risk_is_listed_first(server, browser):
    """The age remark is the finding that matters most: it comes before the stock phrases, whatever their
    place in the text."""
    with opened_page(browser, server) as page:
        fill_and_check(page, GENERIC.replace("We will keep", "We felt you were too old for our young team. We will keep"))
        rules = page.eval_on_selector_all("#findings li.finding", "els => els.map(e => e.dataset.rule)")
        assert rules and rules[0].startswith("risk."), rules
        severities = page.eval_on_selector_all("#findings li.finding .severity", "els => els.map(e => e.textContent)")
        risk_count = sum(r.startswith("risk.") for r in rules)
        rest = severities[risk_count:]
        assert rest == sorted(rest, key=["high", "low", "info"].index), rest


def test_an_unreachable_checker_keeps_the_draft_copyable_and_is_retried(server, browser):
    """The server stopped (or the laptop slept): a plain message, the draft kept and still copyable, and a
    new check on its own once the checker answers again; a copy with blanks left says how many."""
    down = ("() => { const f = window.fetch; window.__down = true; window.fetch = (u, o) => "
            "window.__down && String(u).includes('/v1/check') ? Promise.reject(new TypeError('down')) : f(u, o); }")
    with opened_page(browser, server) as page:
        page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server)
        page.evaluate(down)
        page.fill("#draft", GENERIC + "\n\nThank you for [the stage they reached].")
        page.wait_for_function("() => !document.querySelector('#error').hidden")
        assert "not answering" in page.inner_text("#error") and "server" not in page.inner_text("#error").lower()
        assert not page.is_disabled("#copy")
        page.click("#copy")
        page.wait_for_function("() => document.querySelector('#copy-status').textContent.includes('1 blank')")
        page.evaluate("() => { window.__down = false; }")            # the checker is back: no typing needed
        page.wait_for_function("() => document.querySelector('#error').hidden", timeout=15000)
        wait_checked(page)


def test_overlapping_highlights_show_the_worst_and_say_all(server, browser):
    """Condescension is coloured as tone whatever else covers the same words, and the highlight's name lists
    every finding on them."""
    with opened_page(browser, server) as page:
        fill_and_check(page, GENERIC.replace("We will keep", "It was a brave attempt for someone with so little "
                                                             "experience. We will keep"))
        marks = page.eval_on_selector_all("#annotated mark.hl", "els => els.map(e => [e.textContent, e.className, "
                                          "e.getAttribute('aria-label')])")
        brave = [m for m in marks if "brave attempt" in m[0]]
        assert brave and all("cat-tone" in m[1] and "Tone, high severity" in m[2] for m in brave), marks
        # where a sentence-wide finding and the phrase overlap, the phrase's piece names both
        assert any(m[2].count("severity") >= 2 for m in brave), brave


def test_a_highlights_tooltip_can_be_hovered(server, browser):
    """WCAG 1.4.13: moving the pointer from a highlight onto its tooltip (to read or select it) keeps it open."""
    with opened_page(browser, server) as page:
        page.fill("#draft", GENERIC)
        wait_checked(page)
        mark = page.locator("#annotated mark.hl").first
        mark.hover()
        page.wait_for_selector("#tooltip:not([hidden])")
        box = page.locator("#tooltip").bounding_box()
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2, steps=4)
        page.wait_for_timeout(400)
        assert page.locator("#tooltip").is_visible()
        page.mouse.move(5, 5)
        page.wait_for_selector("#tooltip", state="hidden")
        # from a highlight onto plain text of the same panel: it closes too
        mark.hover()
        page.wait_for_selector("#tooltip:not([hidden])")
        panel = page.locator("#annotated").bounding_box()
        page.mouse.move(panel["x"] + 2, panel["y"] + panel["height"] - 2, steps=3)
        page.wait_for_selector("#tooltip", state="hidden")


def test_many_findings_of_one_rule_are_folded_behind_one_button(server, browser):
    """A long template repeats a few rules: two of each are shown, the rest behind one button, and a
    highlight's Enter still reaches a folded one."""
    draft = ("Dear Sam,\n\nWe will keep your CV on file. We will keep your resume on file for future openings. "
             "Your details will be kept on file for six months. We will keep your application on file.\n\nRegards,\nHR")
    with opened_page(browser, server) as page:
        fill_and_check(page, draft)
        rules = page.eval_on_selector_all("#findings li.finding", "els => els.map(e => [e.dataset.rule, e.hidden])")
        folded = [r for r, hidden in rules if hidden]
        assert folded and all(sum(1 for r2, h in rules if r2 == r and not h) == 2 for r in folded), rules
        page.click("#show-repeats")
        assert page.eval_on_selector_all("#findings li.finding", "els => els.filter(e => e.hidden).length") == 0
        assert page.locator("#show-repeats").count() == 0


SLOW_CHECK = ("() => { const f = window.fetch; window.__slowCheck = false; window.fetch = (u, o) => "
              "window.__slowCheck && String(u).includes('/v1/check')"
              " ? new Promise((r) => setTimeout(() => r(f(u, o)), 1500)) : f(u, o); }")


def test_typing_right_after_an_apply_keeps_the_focus_in_the_draft(server, browser):
    """The re-check after an apply brings focus back to the suggestions only if it is still where the apply
    left it: a recruiter who has clicked into the draft meanwhile keeps typing there."""
    with opened_page(browser, server) as page:
        page.evaluate(SLOW_CHECK)
        fill_and_check(page, GENERIC)
        page.evaluate("() => { window.__slowCheck = true; }")  # the re-check comes back while the user types
        button, _ = suggestion_button(page, "boilerplate.keep_on_file")
        button.click()
        page.wait_for_function("(d) => document.querySelector('#draft').value !== d", arg=GENERIC)
        page.click("#draft")
        page.keyboard.press("Control+End")
        page.keyboard.type(" Warm regards")
        page.wait_for_function("() => document.querySelector('#state').dataset.kind !== 'busy'", timeout=15000)
        assert page.evaluate("document.activeElement.id") == "draft"
        page.keyboard.type(" from the team")
        assert page.input_value("#draft").endswith(" Warm regards from the team")


SLOW_APPLY = ("() => { const f = window.fetch; window.fetch = (u, o) => String(u).includes('/v1/apply')"
              " ? new Promise((r) => setTimeout(() => r(f(u, o)), 2000)) : f(u, o); }")


def test_apply_buttons_wait_for_an_apply_and_a_dropped_one_is_explained(server, browser):
    """While an apply runs no other Apply can be clicked (it would be computed from the text before the
    first); an apply whose result is dropped because the draft changed meanwhile says so."""
    with opened_page(browser, server) as page:
        page.evaluate(SLOW_APPLY)
        fill_and_check(page, GENERIC)
        button, _ = suggestion_button(page, "boilerplate.keep_on_file")
        button.click()
        page.wait_for_function("() => document.querySelector('#state').textContent.startsWith('Applying')")
        assert page.eval_on_selector_all("#findings button.apply", "bs => bs.every(b => b.disabled)")
        page.wait_for_function("(d) => document.querySelector('#draft').value !== d", arg=GENERIC)
        wait_checked(page)
        assert "on file" not in page.input_value("#draft")
        # the buttons are back (those for a sentence not yet inserted)
        assert page.eval_on_selector_all("#findings button.apply", "bs => bs.some(b => !b.disabled)")

        fill_and_check(page, GENERIC)
        button, _ = suggestion_button(page, "boilerplate.keep_on_file")
        button.click()
        page.focus("#draft")
        page.keyboard.press("Control+End")
        page.keyboard.type(" Thanks again.")
        page.wait_for_function("() => document.querySelector('#state').textContent.startsWith('Not applied')",
                               timeout=10000)
        assert page.get_attribute("#state", "data-kind") == "warn"
        assert page.input_value("#draft") == GENERIC + " Thanks again."
        page.wait_for_function("() => document.querySelector('#announce').textContent.includes('Not applied')")


def test_a_finding_shows_all_that_apply_replaces(server, browser):
    """Apply replaces the sentence around the flagged words (the API's replace_start..replace_end): the card
    shows that sentence in words, so that a reason in it ("whose experience ...") is not lost unseen; offsets
    are right after an emoji too."""
    sentence = ("After careful consideration, we have decided to move forward with other candidates whose experience "
                "more closely matches our needs.")
    with opened_page(browser, server) as page:
        for draft in (GENERIC, "Hi Sam \U0001f44b\U0001f389,\n\n" + sentence + "\n\nBest regards,\nThe Hiring Team"):
            fill_and_check(page, draft)
            card = page.locator("#findings li.finding[data-rule='boilerplate.careful_consideration']")
            assert card.locator(".quote").inner_text() == "After careful consideration"
            replaces = card.locator(".replaces")
            assert "replaces this whole sentence" in replaces.inner_text()
            assert card.locator(".replaced").inner_text() == sentence
            button = card.locator("button.apply").first
            assert button.get_attribute("aria-describedby") == replaces.get_attribute("id")
        # a whole-message replacement says so, without quoting the whole draft again
        fill_and_check(page, GENERIC)
        card = page.locator("#findings li.finding[data-rule='structure.template_near_duplicate']")
        assert "replaces your whole draft" in card.locator(".replaces").inner_text()


def test_enter_on_a_highlight_without_a_button_focuses_its_card(server, browser):
    """A finding whose suggestions are advice (no Apply) still takes keyboard focus from its highlight."""
    with opened_page(browser, server) as page:
        fill_and_check(page, "Hi {{first_name}},\n\nWe went with another candidate. Thanks for your time on the "
                             "case study.\n\nBest,\nAna")
        mark = page.locator("#annotated mark.hl", has_text="{{first_name}}")
        index = mark.get_attribute("data-findings").split(",")[0]
        assert page.locator(f"#finding-{index} button.apply").count() == 0
        mark.focus()
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == f"finding-{index}"


def test_an_apply_is_announced_and_a_failed_one_says_so(server, browser):
    """Screen readers hear that the suggestion went in; with the checker down the message says the
    suggestion was not applied (not that the draft was not checked), in plain words without markup."""
    down = ("() => { const f = window.fetch; window.__down = false; window.fetch = (u, o) => "
            "window.__down && String(u).includes('/v1/') ? Promise.reject(new TypeError('down')) : f(u, o); }")
    with opened_page(browser, server) as page:
        page.evaluate(down)
        fill_and_check(page, GENERIC)
        button, _ = suggestion_button(page, "boilerplate.keep_on_file")
        button.click()
        page.wait_for_function("() => document.querySelector('#announce').textContent === 'Suggestion applied.'",
                               polling="raf")
        wait_checked(page)
        page.evaluate("() => { window.__down = true; }")
        button, _ = suggestion_button(page, "boilerplate.careful_consideration")
        button.click()
        page.wait_for_function("() => !document.querySelector('#error').hidden")
        message = page.inner_text("#error")
        assert "suggestion was not applied" in message and "not checked" not in message, message
        assert "`" not in message and "make serve" in message


def test_the_draft_is_not_spellchecked_and_an_oversized_one_is_told_in_characters(server, browser):
    """Chrome's enhanced spell check would send the draft to Google; a draft over the server's 4 MiB body
    limit is told in characters, as one over the 20,000-character limit is, not in bytes."""
    with opened_page(browser, server) as page:
        assert page.get_attribute("#draft", "spellcheck") == "false"
        page.evaluate("() => { const d = document.querySelector('#draft'); d.value = 'word '.repeat(900000);"
                      " d.dispatchEvent(new Event('input')); }")
        page.wait_for_function("() => !document.querySelector('#error').hidden", timeout=15000)
        message = page.inner_text("#error")
        assert "4,500,000 characters" in message and "20,000" in message and "bytes" not in message, message


def test_results_are_marked_out_of_date_while_the_draft_waits_for_its_check(server, browser):
    """Between a keystroke and its check the results on screen describe an older draft: they are greyed,
    busy for screen readers, and the state says so in words; the new check clears that."""
    with opened_page(browser, server) as page:
        page.evaluate(SLOW_CHECK)
        fill_and_check(page, GENERIC)
        page.evaluate("() => { window.__slowCheck = true; }")
        page.focus("#draft")
        page.keyboard.press("Control+End")
        page.keyboard.type(" Thanks.")
        assert page.inner_text("#state") == "Out of date — checking…"
        assert "stale" in page.get_attribute("#results", "class")
        assert page.get_attribute("#findings", "aria-busy") == "true"
        page.wait_for_timeout(500)  # the check has started: the label stays until it comes back
        assert page.inner_text("#state") == "Out of date — checking…"
        wait_checked(page)
        assert "stale" not in page.get_attribute("#results", "class")
        assert page.get_attribute("#findings", "aria-busy") is None and "finding" in page.inner_text("#state")


def test_undo_last_apply_restores_the_text_before_it(server, browser):
    """A visible Undo takes the last apply back; once the draft is edited after the apply it goes away
    (undoing then would lose that edit), and Ctrl+Z still works."""
    with opened_page(browser, server) as page:
        fill_and_check(page, GENERIC)
        assert page.locator("#undo-apply").is_hidden()
        button, _ = suggestion_button(page, "boilerplate.keep_on_file")
        button.click()
        page.wait_for_function("(d) => document.querySelector('#draft').value !== d", arg=GENERIC)
        wait_checked(page)
        page.click("#undo-apply")
        assert page.input_value("#draft") == GENERIC
        assert page.locator("#undo-apply").is_hidden()
        wait_checked(page)
        assert page.locator("li.finding[data-rule='boilerplate.keep_on_file']").count() == 1
        page.focus("#draft")
        page.keyboard.press("Control+z")  # takes the undo back: the applied text again
        page.wait_for_function("(d) => document.querySelector('#draft').value !== d", arg=GENERIC)
        assert "on file" not in page.input_value("#draft")

        fill_and_check(page, GENERIC)
        button, _ = suggestion_button(page, "boilerplate.keep_on_file")
        button.click()
        page.wait_for_selector("#undo-apply:not([hidden])")
        page.focus("#draft")
        page.keyboard.press("Control+End")
        page.keyboard.type(" Thanks.")
        assert page.locator("#undo-apply").is_hidden()


def test_the_counter_counts_characters_as_the_server_does(server, browser):
    """An emoji is one character to the server (code points) and two to JavaScript: the counter said 22,200
    (over, in red) while the server's error said 21,600, and a draft the server accepts was shown as over."""
    with opened_page(browser, server) as page:
        page.fill("#draft", "😀 Hi Sam, we will not move forward. " * 555)  # 19,980 characters, 20,535 units
        wait_checked(page)
        assert page.inner_text("#counter").startswith("19,980 ")
        assert page.get_attribute("#counter", "data-over") == "false"


def test_a_poor_draft_without_findings_is_not_said_to_look_good(server, browser):
    """'Thanks' is too little to score (Poor, 15, with a warning): no 'Looks good', no 'reads well'."""
    with opened_page(browser, server) as page:
        fill_and_check(page, "Thanks")
        assert page.inner_text("#band-overall") == "Poor"
        assert page.locator("#findings li.finding").count() == 0
        assert page.inner_text("#state") != "Looks good" and page.get_attribute("#state", "data-kind") != "ok"
        assert "reads well" not in page.inner_text("#findings")


def test_a_server_error_shows_the_request_id_its_message_refers_to(server, browser):
    """A 500 says 'the request id identifies it in our logs': the form shows that id, so that it can be reported."""
    body = ('{"error": {"code": "internal_error", "message": "Something went wrong on our side; the request id '
            'identifies it in our logs.", "details": {"request_id": "5f0c2a9e1b7d4c3a"}}}')
    with opened_page(browser, server) as page:
        page.route("**/v1/check", lambda route: route.fulfill(status=500, content_type="application/json", body=body))
        page.fill("#draft", GENERIC)
        page.wait_for_function("() => !document.querySelector('#error').hidden")
        message = page.inner_text("#error")
        assert "Something went wrong" in message and "5f0c2a9e1b7d4c3a" in message, message


def test_no_field_about_the_candidate_is_spellchecked(server, browser):
    """The candidate's name, role, stage, strengths and gaps are as private as the draft: Chrome's enhanced spell
    check would send them to Google, so none of the form's text fields is spellchecked."""
    with opened_page(browser, server) as page:
        checked = page.eval_on_selector_all("textarea, input[type='text']",
                                            "els => els.filter(e => e.spellcheck).map(e => e.id)")
        assert checked == [], checked


def test_a_check_or_apply_that_gets_no_answer_is_given_up_and_said(server, browser):
    """A server that takes the request and never answers (hung, or stopped mid-request) left 'Applying…' or
    'Out of date — checking…' on screen for good and the Apply buttons disabled: after a while the form says
    that rejectcheck is not answering, keeps the draft, and checks again once it answers."""
    hung = []

    def hang(route):  # taken, never answered
        hung.append(route)

    with opened_page(browser, server) as page:
        fill_and_check(page, GENERIC)
        page.clock.install()
        page.route("**/v1/*", hang)
        button, _ = suggestion_button(page, "boilerplate.keep_on_file")
        button.click()
        page.wait_for_function("() => document.querySelector('#state').textContent === 'Applying…'")
        page.clock.run_for(21_000)  # given up after 20 s (not yet retried: 5 s later)
        page.wait_for_function("() => !document.querySelector('#error').hidden")
        assert "suggestion was not applied" in page.inner_text("#error")
        assert page.input_value("#draft") == GENERIC
        page.unroute("**/v1/*")
        page.clock.run_for(10_000)  # the retry reaches the server again
        wait_checked(page)
        page.route("**/v1/*", hang)
        page.focus("#draft")
        page.keyboard.press("Control+End")
        page.keyboard.type(" Thanks.")
        page.clock.run_for(1_000)
        page.wait_for_function("() => document.querySelector('#state').dataset.kind === 'busy'")
        page.clock.run_for(21_000)  # given up after 20 s (not yet retried: 5 s later)
        page.wait_for_function("() => !document.querySelector('#error').hidden")
        assert "draft was not checked" in page.inner_text("#error")
        assert page.get_attribute("#results", "class").split() == ["panel", "results"]  # no stale results left
    assert hung


HTML_DRAFT = ('<div dir="ltr">Hi Sam,<div><br></div><div>Thank you for the <b>SQL take-home</b>; it was the clearest we '
              'received. We are not moving forward, because the role needs experience running A/B tests end to end.'
              '</div><div><br></div><div>Best regards,<br>Ana</div></div>')


def clipboard(page) -> dict:
    """What the clipboard holds, by type."""
    return page.evaluate("""async () => { const out = {};
        for (const item of await navigator.clipboard.read())
          for (const type of item.types) out[type] = await (await item.getType(type)).text();
        return out; }""")


def test_an_html_draft_is_copied_as_html(server, browser):
    """An HTML draft (a template's source) went to the clipboard as plain text only: pasted into Gmail or Outlook
    it showed its tags. It goes as HTML too (the source stays the plain text, for the editor it came from); a
    plain draft with a <First Name> placeholder is not taken for HTML."""
    with opened_page(browser, server) as page:
        page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server)
        page.fill("#draft", HTML_DRAFT)
        copy_draft(page)
        copied = clipboard(page)
        assert "<b>SQL take-home</b>" in copied.get("text/html", ""), copied
        assert copied["text/plain"] == HTML_DRAFT
        plain = "Hi <First Name>,\n\nThank you for the SQL take-home. We are not moving forward.\n\nAna"
        page.fill("#draft", plain)
        page.click("#copy")
        page.wait_for_function("(t) => navigator.clipboard.readText().then((c) => c === t)", arg=plain)
        assert clipboard(page) == {"text/plain": plain}


def test_a_long_plain_draft_with_a_placeholder_in_angle_brackets_is_counted_over(server, browser):
    """'Hi <First Name>' made the counter take a plain draft for HTML (measured by its text only by the server):
    21,000 characters were not shown as over while the server refused them as too long."""
    text = "Hi <First Name>,\n\n" + "We are not moving forward with your application. " * 430
    with opened_page(browser, server) as page:
        page.fill("#draft", text)
        page.wait_for_function("() => !document.querySelector('#error').hidden")
        assert "20,000" in page.inner_text("#error")
        assert page.get_attribute("#counter", "data-over") == "true"


def test_show_more_findings_by_keyboard_leaves_the_focus_on_what_it_showed(server, browser):
    """Enter on 'Show N more findings' removed the focused button: the focus fell to the page, and the next Tab
    went to the footer, past the findings just shown. It goes to the first of them."""
    draft = ("Dear Sam,\n\nWe will keep your CV on file. We will keep your resume on file for future openings. "
             "Your details will be kept on file for six months. We will keep your application on file.\n\nRegards,\nHR")
    with opened_page(browser, server) as page:
        fill_and_check(page, draft)
        first = page.eval_on_selector("#findings li.finding[hidden]", "e => e.id")
        page.focus("#show-repeats")
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == first
        page.keyboard.press("Tab")
        assert page.evaluate(f"document.getElementById('{first}').contains(document.activeElement)")


def test_the_fields_about_the_candidate_are_not_kept_in_the_browsers_history(server, browser):
    """Back from another page, the browser put the interviewer notes ('never stored'), strengths and gaps back: it
    had kept them in the tab's history, which it saves with the session. Like the name, role and stage, they are
    not kept; the draft is (losing it to a Back would cost the recruiter their work)."""
    with opened_page(browser, server) as page:
        page.fill("#ctx-candidate_name", "Sam")
        for name in ("strengths", "gaps", "interviewer_notes"):
            page.fill(f"#ctx-{name}", "ran the A/B test review")
        fill_and_check(page, GENERIC)
        page.goto(server + "/docs")
        page.go_back()
        page.wait_for_function("(d) => document.querySelector('#draft').value === d", arg=GENERIC)  # put back
        kept = page.eval_on_selector_all("#context input, #context textarea", "els => els.filter(e => e.value).map(e => e.id)")
        assert kept == [], kept


def test_a_copy_counts_every_merge_field_the_check_found(server, browser):
    """The check flags *|FNAME|* and %SKILL% as unfilled merge fields, but Copy counted only [slots] and {{fields}}:
    it said one blank was left, and nothing about the candidate's name."""
    text = ("Hi *|FNAME|*,\n\nThank you for [what they did]. We are not moving forward, because the role needs "
            "%SKILL% and {{ skill_2 }}.\n\nBest,\nAna")
    with opened_page(browser, server) as page:
        page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server)
        fill_and_check(page, text)
        assert page.locator("li.finding[data-rule='structure.unfilled_merge_field']").count() == 3
        assert "It still has 4 blanks" in copy_draft(page)


def test_a_field_that_is_too_long_is_said_in_a_recruiters_words(server, browser):
    """Long interviewer notes were refused as 'String should have at most 5000 characters', too many strengths as
    'List should have at most 20 items after validation, not 21': the schema's words, not the form's."""
    with opened_page(browser, server) as page:
        page.fill("#ctx-interviewer_notes", "Clear SQL, slow on A/B test design. " * 150)
        page.fill("#draft", GENERIC)
        page.wait_for_function("() => !document.querySelector('#error').hidden")
        message = page.inner_text("#error")
        assert "Interviewer notes: too long: at most 5,000 characters" in message, message
        page.fill("#ctx-interviewer_notes", "")
        page.fill("#ctx-strengths", "\n".join(f"strength {i}" for i in range(21)))
        page.wait_for_function("() => document.querySelector('#error').textContent.startsWith('A field about the candidate')"
                               " && document.querySelector('#error').textContent.includes('Strengths')")
        message = page.inner_text("#error")
        assert "Strengths: at most 20 lines" in message, message
        page.fill("#ctx-strengths", "x" * 501)
        page.wait_for_function("() => document.querySelector('#error').textContent.includes('a line')")
        message = page.inner_text("#error")
        assert "Strengths: a line is too long: at most 500 characters a line" in message, message


def test_score_labels_are_not_broken_inside_a_word_on_a_phone(server, browser):
    """At 375 px 'SPECIFICITY' did not fit its box in capitals and broke as 'SPECIFICIT' / 'Y'."""
    with opened_page(browser, server, 375, 812) as page:
        fill_and_check(page, GENERIC)
        lines = page.eval_on_selector_all(".score-label", "els => els.map(e => [e.textContent, "
                                          "Math.round(e.getBoundingClientRect().height / parseFloat(getComputedStyle(e).lineHeight))])")
        assert all(n == 1 for _, n in lines), lines


HOLD_CHECKS = ("() => { const f = window.fetch; window.__hold = true; window.__held = []; window.fetch = (u, o) => "
               "window.__hold && String(u).includes('/v1/check') ? new Promise((r) => window.__held.push(() => r(f(u, o))))"
               " : f(u, o); }")


def test_a_result_that_comes_back_after_more_typing_stays_marked_out_of_date(server, browser):
    """Typing while a check was on its way: its result came back before the next check went, and showed as
    current ('8 findings', not greyed) for the whole of that next check, though the draft had changed since."""
    with opened_page(browser, server) as page:
        fill_and_check(page, GENERIC)
        page.clock.install()
        page.evaluate(HOLD_CHECKS)
        page.focus("#draft")
        page.keyboard.press("Control+End")
        page.keyboard.type(" Thanks")
        page.clock.run_for(1_000)
        page.wait_for_function("() => window.__held.length === 1")  # its check is on its way
        page.keyboard.type("!")                                      # the next one waits for the pause
        page.evaluate("() => { window.__rendered = false; new MutationObserver(() => { window.__rendered = true; })"
                      ".observe(document.querySelector('#findings'), { childList: true }); window.__held[0](); }")
        page.wait_for_function("() => window.__rendered")
        assert "stale" in page.get_attribute("#results", "class").split()
        assert page.inner_text("#state") == "Out of date — checking…"
        page.evaluate("() => { window.__hold = false; }")
        page.clock.run_for(1_000)
        wait_checked(page)
        assert "stale" not in page.get_attribute("#results", "class").split()


def test_an_html_draft_is_not_counted_against_the_limit_by_its_markup(server, browser):
    """An Outlook body is mostly styles: 28,000 characters of HTML around a few hundred of text. The counter said
    '28,… / 20,000 characters', over the limit, for a draft the server checks (it measures HTML by its text)."""
    styles = "p.MsoNormal {margin:0cm; font-size:11.0pt; font-family:Calibri,sans-serif;} " * 360
    text = f"<html><head><style>{styles}</style></head><body>{HTML_DRAFT}</body></html>"
    with opened_page(browser, server) as page:
        fill_and_check(page, text)
        counter = page.inner_text("#counter")
        assert counter == f"{len(text):,} characters of HTML" and len(text) > 20000, counter
        assert page.get_attribute("#counter", "data-over") == "false"


def test_escape_keeps_the_descriptions_of_the_focused_field(server, browser):
    """Escape (which closes a highlight's tooltip) took aria-describedby off whatever had the focus: the draft lost
    its help text, and an Apply button the note of what it replaces, for screen readers."""
    with opened_page(browser, server) as page:
        fill_and_check(page, GENERIC)
        page.focus("#draft")
        page.keyboard.press("Escape")
        assert page.get_attribute("#draft", "aria-describedby") == "draft-help"
        button = page.locator("#findings button.apply[aria-describedby]").first
        described = button.get_attribute("aria-describedby")
        button.evaluate("b => { b.id = 'described'; b.focus(); }")
        page.keyboard.press("Escape")
        assert page.get_attribute("#described", "aria-describedby") == described


def test_a_checker_that_stays_down_is_said_once_not_every_retry(server, browser):
    """While the checker is down the form tries again every 5 s: each try wrote the same message into the alert
    again, and a screen reader read it out again, every 5 s for as long as it was down."""
    down = "() => { window.__tries = 0; window.fetch = () => { window.__tries++; return Promise.reject(new TypeError('down')); }; }"
    with opened_page(browser, server) as page:
        page.clock.install()
        page.evaluate(down)
        page.fill("#draft", GENERIC)
        page.clock.run_for(1_000)
        page.wait_for_function("() => !document.querySelector('#error').hidden")
        page.evaluate("() => { window.__said = 0; new MutationObserver(() => { window.__said++; })"
                      ".observe(document.querySelector('#error'), { childList: true, characterData: true, subtree: true }); }")
        for _ in range(3):
            page.clock.run_for(6_000)  # a retry, and its failure
            page.wait_for_function("() => document.querySelector('#state').dataset.kind === 'error'")
        assert page.evaluate("window.__said") == 0 and page.evaluate("window.__tries") >= 4
        assert "not answering" in page.inner_text("#error")


def test_the_highlights_are_one_tab_stop_and_the_arrow_keys_move_between_them(server, browser):
    """A long draft's highlights were each a Tab stop: a keyboard user tabbed through all of them before the first
    suggestion. They are one Tab stop (a roving tabindex): the arrow keys, Home and End move between them, Tab
    leaves for the suggestions and Shift+Tab comes back to the highlight last visited."""
    draft = ("Dear Sam,\n\nThank you for your interest in the Data Analyst position. After careful consideration, we "
             "have decided to move forward with other candidates. We will keep your CV on file. We will keep your "
             "resume on file for future openings. Your details will be kept on file for six months. We wish you "
             "the best of luck in your job search.\n\nRegards,\nHR")
    with opened_page(browser, server) as page:
        fill_and_check(page, draft)
        marks = page.locator("#annotated mark.hl")
        count = marks.count()
        assert count >= 4, count
        assert page.eval_on_selector_all("#annotated mark.hl", "els => els.filter(e => e.tabIndex === 0).length") == 1
        active = "() => [...document.querySelectorAll('#annotated mark.hl')].indexOf(document.activeElement)"
        marks.first.focus()
        page.keyboard.press("ArrowRight")
        assert page.evaluate(active) == 1 and page.locator("#tooltip").is_visible()
        page.keyboard.press("ArrowDown")
        page.keyboard.press("ArrowLeft")
        assert page.evaluate(active) == 1
        page.keyboard.press("End")
        assert page.evaluate(active) == count - 1
        page.keyboard.press("Home")
        page.keyboard.press("ArrowRight")
        page.keyboard.press("ArrowRight")
        page.keyboard.press("Tab")                               # out of the highlights at once
        assert page.evaluate(active) == -1
        assert page.evaluate("document.getElementById('findings').contains(document.activeElement)")
        page.keyboard.press("Shift+Tab")                         # back to the highlight last visited
        assert page.evaluate(active) == 2
        page.keyboard.press("Enter")                             # and on to its suggestions, as before
        index = marks.nth(2).get_attribute("data-findings").split(",")[0]
        assert page.evaluate(f"document.getElementById('finding-{index}').contains(document.activeElement)")


def test_a_markdown_link_is_not_counted_as_a_blank(server, browser):
    """A Markdown draft's link ('[our careers page](https://…)') was counted by Copy as a [slot] left to fill in:
    'It still has 1 blank to fill in' for a draft with none (the check does not take it for a merge field)."""
    text = ("Hi Sam,\n\nThank you for the SQL take-home. We are not moving forward, because the role needs experience "
            "running A/B tests end to end. [Our careers page](https://example.com/jobs) lists new roles.\n\nBest,\nAna")
    with opened_page(browser, server) as page:
        page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server)
        fill_and_check(page, text)
        assert page.locator("li.finding[data-rule='structure.unfilled_merge_field']").count() == 0
        assert copy_draft(page) == "Copied to the clipboard."
        page.fill("#draft", text.replace("Hi Sam", "Hi [Candidate Name]"))  # a slot beside it is still counted
        page.click("#copy")
        page.wait_for_function("() => document.querySelector('#copy-status').textContent.includes('blank')")
        assert "It still has 1 blank" in page.inner_text("#copy-status")


SLOW_CHECK = SLOW_APPLY.replace("/v1/apply", "/v1/check")  # a check answered 2 s late: it lands after the next step


def test_an_apply_that_is_refused_or_fails_leaves_the_focus_on_the_suggestions(server, browser):
    """Enter on an Apply that could not go in (a field changed since the check, so the suggestions were brought up
    to date; or the checker did not answer) left the focus on the page: its button was gone, and the next Tab went
    back to the top of the page. The focus goes to the suggestions' heading, as after an apply that went in."""
    focused = "() => document.activeElement.id"
    with opened_page(browser, server) as page:
        fill_and_check(page, GENERIC)
        page.evaluate(SLOW_CHECK)
        page.fill("#ctx-role", "Data Analyst")  # its re-check comes back late: Enter comes first
        page.focus("#findings button.apply")
        page.keyboard.press("Enter")
        page.wait_for_function("() => document.querySelector('#state').textContent.includes('brought up to date')")
        assert page.evaluate(focused) == "findings-title"
        page.keyboard.press("Tab")
        assert page.evaluate("document.getElementById('findings').contains(document.activeElement)")

        page.route("**/v1/apply", lambda route: route.abort())  # the checker stopped
        page.keyboard.press("Enter")
        page.wait_for_function("() => !document.querySelector('#error').hidden")
        assert "not applied" in page.inner_text("#error")
        assert page.evaluate(focused) == "findings-title"


def test_a_long_link_in_a_flagged_sentence_fits_a_phone(server, browser):
    """A flagged sentence holding a long link (a careers page with its tracking query) is quoted on its finding's
    card: unbroken, it widened the whole results column, and at 375 px the page scrolled sideways. It wraps, as in
    the highlighted draft."""
    link = "https://careers.example.com/jobs/search?team=data-analytics&location=remote&utm_source=rejection_email_v2"
    text = ("Hi Sam,\n\nThank you for your interest in the Data Analyst position. After careful consideration, we have "
            f"decided to move forward with other candidates. See {link} for openings.\n\nBest regards,\nThe Hiring Team")
    with opened_page(browser, server, 375, 812) as page:
        fill_and_check(page, text)
        assert page.locator("#findings .quote", has_text=link).count() > 0
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_cleared_results_leave_no_summary_of_them_for_screen_readers(server, browser):
    """The screen readers' summary ('Checked: overall 33 of 100 …; 6 findings') stayed in its status region after the
    results were cleared (the draft emptied, or a check that failed): read there, it described results no longer
    shown. It goes with them (the failure is said by its alert)."""
    summary = "() => document.querySelector('#announce').textContent"
    with opened_page(browser, server) as page:
        fill_and_check(page, GENERIC)
        page.wait_for_function(f"() => ({summary})().startsWith('Checked: overall')")
        page.fill("#draft", "")
        page.wait_for_function("() => document.querySelector('#state').textContent === 'Waiting for a draft'")
        assert page.evaluate(summary) == ""
        fill_and_check(page, GENERIC)
        page.wait_for_function(f"() => ({summary})().startsWith('Checked: overall')")
        page.fill("#draft", "\U0001F44D")  # no words to check: refused
        page.wait_for_function("() => !document.querySelector('#error').hidden")
        assert page.evaluate(summary) == ""


def test_a_tooltip_does_not_outlive_the_highlight_it_explains(server, browser):
    """With the pointer resting on a highlight, a re-check of the edited draft replaced the highlights under it:
    its tooltip stayed on screen for good, explaining words no longer in the draft ('After careful
    consideration'), and moving the pointer away no longer closed it."""
    with opened_page(browser, server) as page:
        fill_and_check(page, GENERIC)
        page.locator("#annotated mark.hl", has_text="After careful consideration").hover()
        assert page.locator("#tooltip").is_visible()
        page.fill("#draft", GENERIC.replace("After careful consideration, we", "We"))  # the pointer stays
        page.wait_for_function("() => !document.querySelector('#annotated').textContent.includes('careful')")
        wait_checked(page)
        assert not page.locator("#tooltip").is_visible()
        page.mouse.move(0, 0)
        assert not page.locator("#tooltip").is_visible()
        page.locator("#annotated mark.hl").first.hover()
        assert page.locator("#tooltip").is_visible()
        page.fill("#draft", "")  # the results are cleared: so is the tooltip
        page.wait_for_function("() => document.querySelector('#state').textContent === 'Waiting for a draft'")
        assert not page.locator("#tooltip").is_visible()


def test_an_image_placeholder_from_a_pasted_email_is_not_counted_as_a_blank(server, browser):
    """Text copied out of Gmail writes an inline image as '[image: Acme logo]', out of Outlook as
    '[cid:image001.png@…]': Copy counted each as a blank left to fill in (the check flags neither)."""
    text = ("Hi Sam,\n\nThank you for the SQL take-home. We are not moving forward, because the role needs experience "
            "running A/B tests end to end.\n\nBest,\nAna Ruiz\n[image: Acme logo]\n[cid:image001.png@01DA2B3C.4D5E6F70]"
            "\nTalent Team")
    with opened_page(browser, server) as page:
        page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server)
        fill_and_check(page, text)
        assert page.locator("li.finding[data-rule='structure.unfilled_merge_field']").count() == 0
        assert copy_draft(page) == "Copied to the clipboard."


def test_an_apply_refused_for_a_changed_field_says_that_the_field_changed(server, browser):
    """An Apply clicked after the recruiter edited a field about the candidate (not the draft) was refused with 'The
    draft changed after these suggestions were made': it names what changed."""
    with opened_page(browser, server) as page:
        fill_and_check(page, GENERIC)
        page.evaluate(SLOW_CHECK)
        page.fill("#ctx-role", "Data Analyst")  # its re-check comes back late: the click comes first
        page.click("#findings button.apply")
        page.wait_for_function("() => document.querySelector('#state').textContent.includes('brought up to date')")
        assert page.inner_text("#state").startswith("The details about the candidate changed")
        assert page.input_value("#draft") == GENERIC


def test_a_second_copy_keeps_its_message_its_full_time(server, browser):
    """Copy twice within 4 s: the first click's timer cleared the second click's 'Copied to the clipboard.' early."""
    with opened_page(browser, server) as page:
        page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server)
        fill_and_check(page, GENERIC)
        page.clock.install()
        status = "() => document.querySelector('#copy-status').textContent.length > 0"
        page.click("#copy")
        page.wait_for_function(status)
        page.clock.run_for(3_000)
        page.evaluate("() => { document.querySelector('#copy-status').textContent = ''; }")
        page.click("#copy")
        page.wait_for_function(status)
        page.clock.run_for(2_000)  # the first click's 4 s are up; the second's are not
        assert page.inner_text("#copy-status").startswith("Copied to the clipboard.")
        page.clock.run_for(3_000)
        assert page.inner_text("#copy-status") == ""


def test_the_details_about_the_candidate_can_be_cleared_and_a_whole_new_draft_says_they_are_kept(server, browser):
    """The details about the candidate (name, notes …) stayed from one draft to the next, with no way to clear them
    but field by field: the next candidate's draft, written over the last one, was checked with the last candidate's
    name and notes, unsaid. Over the whole draft the page now says so, next to "Clear details"; "New draft" clears
    the draft, the details, the results and their summary for screen readers; both are reached by Tab."""
    said = "() => document.querySelector('#details-stale').textContent"
    active = "() => document.activeElement.id"
    other = ("Hi Alex,\n\nThank you for the time you gave to the interviews. We have offered the role to someone "
             "else, because it needs experience leading a team.\n\nBest,\nAna")
    with opened_page(browser, server) as page:
        page.fill("#ctx-candidate_name", "Sam")
        page.fill("#ctx-interviewer_notes", "clearest SQL take-home of the round")
        fill_and_check(page, GENERIC)
        assert page.evaluate(said) == ""  # filled in first, for this draft
        page.focus("#draft")
        page.keyboard.press("Control+End")
        page.keyboard.type(" Thanks.")  # an edit of the same draft
        wait_checked(page)
        assert page.evaluate(said) == ""
        page.fill("#draft", other)  # the whole draft written over
        wait_checked(page)
        assert page.evaluate(said).startswith("The details about the candidate are from the previous draft")
        assert page.get_attribute("#clear-details", "aria-describedby") == "details-stale"
        page.focus("#ctx-interviewer_notes")
        page.keyboard.press("Tab")
        assert page.evaluate(active) == "clear-details"
        page.keyboard.press("Enter")
        assert page.evaluate(said) == ""
        assert page.input_value("#ctx-candidate_name") == page.input_value("#ctx-interviewer_notes") == ""
        assert page.input_value("#draft") == other
        page.wait_for_function("() => document.querySelector('#announce').textContent.includes('cleared')")

        page.fill("#ctx-role", "Data Analyst")
        fill_and_check(page, GENERIC)
        page.wait_for_function("() => document.querySelector('#announce').textContent.startsWith('Checked: overall')")
        page.focus("#copy")
        page.keyboard.press("Tab")
        assert page.evaluate(active) == "new-draft"
        page.keyboard.press("Enter")
        assert page.input_value("#draft") == page.input_value("#ctx-role") == ""
        assert page.inner_text("#score-overall") == "–" and page.locator("#findings li").count() == 0
        assert page.inner_text("#announce").startswith("New draft")
        assert page.evaluate(active) == "draft" and page.is_disabled("#copy")
        page.keyboard.press("Control+z")  # the draft comes back, as one edit
        assert page.input_value("#draft") == GENERIC



# an apply held until the test lets it go: window.__held.pop()() sends it and returns once the page has read its answer
HOLD_APPLY = ("() => { const f = window.fetch; window.__held = []; window.fetch = (u, o) => "
              "String(u).includes('/v1/apply') ? new Promise((r, j) => window.__held.push(() => f(u, o).then("
              "async (x) => { const c = x.clone(); r(x); await c.json(); for (const _ of [1, 2]) await new Promise((w) => setTimeout(w)); },"
              " (e) => j(e)))) : f(u, o); }")


def test_an_apply_answered_after_the_draft_was_emptied_says_nothing_about_the_next_draft(server, browser):
    """An apply on its way when the draft was emptied ('New draft', or all of it deleted) came back once the next
    candidate's draft was there, and said 'Not applied: the draft changed …' of that draft, which never had the
    suggestion. Emptying the draft drops the apply."""
    other = ("Hi Alex,\n\nThank you for the time you gave to the interviews. We have offered the role to someone "
             "else, because it needs experience leading a team.\n\nBest,\nAna")
    with opened_page(browser, server) as page:
        page.evaluate(HOLD_APPLY)
        for empty in ("#new-draft", ""):
            fill_and_check(page, GENERIC)
            page.click("#findings button.apply >> nth=0")
            page.wait_for_function("() => document.querySelector('#state').textContent.startsWith('Applying')")
            if empty:
                page.click(empty)
            else:
                page.fill("#draft", "")
            fill_and_check(page, other)
            page.evaluate("() => window.__held.pop()()")  # a re-check it asks for has started by now
            wait_checked(page)
            assert "Not applied" not in page.inner_text("#state") + page.inner_text("#announce")
            assert page.input_value("#draft") == other and page.locator("#error").is_hidden()


OTHER_CANDIDATE = ("Hi Alex,\n\nThank you for the time you gave to the interviews. We have offered the role to someone "
                   "else, because it needs experience leading a team.\n\nBest,\nAna")


def test_the_kept_details_notice_goes_with_its_draft_when_the_draft_is_deleted(server, browser):
    """The notice that the last candidate's details are still used stayed after its draft was deleted by hand (only
    "New draft" cleared it), and so spoke of a draft no longer there. An emptied draft takes it away."""
    said = "() => document.querySelector('#details-stale').textContent"
    with opened_page(browser, server) as page:
        page.fill("#ctx-candidate_name", "Sam")
        fill_and_check(page, GENERIC)
        fill_and_check(page, OTHER_CANDIDATE)  # the whole draft written over
        assert page.evaluate(said).startswith("The details about the candidate are from the previous draft")
        page.focus("#draft")
        page.keyboard.press("Control+a")
        page.keyboard.press("Delete")
        assert page.input_value("#draft") == "" and page.evaluate(said) == ""
        assert page.input_value("#ctx-candidate_name") == "Sam"  # the details stay: only the notice went


def test_details_cleared_by_new_draft_or_clear_details_come_back_with_undo(server, browser):
    """"New draft" (and "Clear details") cleared the details about the candidate with no way back: the next draft for
    the same candidate needed them typed again. The page says "Details cleared — Undo"; the Undo button, reached by
    Tab and announced, puts them back, and the draft is checked with them again. Typing a detail forgets them."""
    active = "() => document.activeElement.id"
    with opened_page(browser, server) as page:
        page.fill("#ctx-candidate_name", "Sam")
        page.fill("#ctx-interviewer_notes", "clearest SQL take-home of the round")
        fill_and_check(page, GENERIC)
        assert page.locator("#details-cleared").is_hidden()
        page.click("#new-draft")
        assert page.input_value("#ctx-candidate_name") == ""
        assert "Undo" in page.inner_text("#announce")
        page.fill("#draft", OTHER_CANDIDATE)  # the same candidate's next draft (New draft's own Undo goes)
        assert page.inner_text("#details-cleared").startswith("Details cleared")
        page.focus("#clear-details")
        page.keyboard.press("Tab")
        assert page.evaluate(active) == "restore-details"
        page.keyboard.press("Enter")
        assert page.input_value("#ctx-candidate_name") == "Sam"
        assert page.input_value("#ctx-interviewer_notes") == "clearest SQL take-home of the round"
        assert page.locator("#details-cleared").is_hidden() and page.evaluate(active) == "clear-details"
        assert page.inner_text("#announce") == "The details about the candidate are back."
        fill_and_check(page, OTHER_CANDIDATE)
        page.click("#clear-details")
        assert page.locator("#details-cleared").is_visible()
        page.fill("#ctx-role", "Data Analyst")  # a new detail typed: the old ones are not put over it
        assert page.locator("#details-cleared").is_hidden()
        assert page.input_value("#ctx-candidate_name") == ""


def test_an_html_drafts_quotes_and_highlights_say_its_words_not_its_markup(server, browser):
    """An HTML draft's finding cards quoted its source ("Thank&nbsp;you&nbsp;for&nbsp;applying", "After
    <b>careful</b> consideration"), and so did the Apply buttons and highlights to a screen reader. They say its words;
    the highlighted draft stays the source, as the draft box holds it."""
    draft = ("<p>Hi Jo,</p><p>Thank&nbsp;you&nbsp;for&nbsp;applying. After <b>careful</b> consideration, we have "
             "decided to move forward with other candidates.</p><p>Regards,<br>Mark</p>")
    with opened_page(browser, server) as page:
        fill_and_check(page, draft)
        quotes = page.locator("#findings .quote").all_inner_texts()
        assert "Thank you for applying" in quotes and "After careful consideration" in quotes, quotes
        assert not [q for q in quotes if "<" in q or "&" in q], quotes
        card = page.locator("li.finding[data-rule='boilerplate.careful_consideration']")
        assert "“After careful consideration”" in card.locator("button.apply").first.get_attribute("aria-label")
        mark = page.locator("mark.hl[data-rule='boilerplate.careful_consideration']")
        assert mark.get_attribute("aria-label").startswith("After careful consideration — ")
        assert mark.inner_text() == "After <b>careful</b> consideration"


LONG_DRAFT = ("Dear Priya,\n\nThank you for the two conversations about the Senior Site Reliability Engineer post, and for "
              "the incident write-up you walked us through; the way you traced the Kafka back-pressure was the "
              "clearest account we heard this round. We have offered the post to someone who has already run an "
              "on-call rota for a team of twelve, which this role needs from its first week.\n\nIf you would like "
              "more detail, reply to this e-mail and I will set up a call.\n\nWarm regards,\nGareth Lewis")


def test_new_draft_can_be_undone_draft_and_details_together(server, browser):
    """"New draft" cleared a long draft with one click, and only Ctrl+Z in the draft box (said nowhere) brought it
    back; a draft with no details about the candidate left no Undo at all, and one with details got an Undo beside
    "Clear details" that brought back the details but not the draft. "New draft" now says "Draft cleared — Undo"
    beside it: the Undo (reached by Tab, announced) puts back the draft and its details together and checks them
    again. Once a new draft is written, that Undo goes; the details' own Undo stays for the same candidate's next
    draft."""
    active = "() => document.activeElement.id"
    with opened_page(browser, server) as page:
        # no details: the draft alone comes back
        fill_and_check(page, LONG_DRAFT)
        assert page.locator("#draft-cleared").is_hidden()
        page.click("#new-draft")
        assert page.input_value("#draft") == ""
        assert page.inner_text("#draft-cleared").startswith("Draft cleared")
        assert "Undo, next to New draft" in page.inner_text("#announce")
        page.focus("#new-draft")
        page.keyboard.press("Tab")
        assert page.evaluate(active) == "restore-draft"
        page.keyboard.press("Enter")
        assert page.input_value("#draft") == LONG_DRAFT
        assert page.locator("#draft-cleared").is_hidden() and page.evaluate(active) == "new-draft"
        assert page.inner_text("#announce") == "The draft is back."
        wait_checked(page)

        # with details: one Undo puts back both, and the check uses them again
        page.fill("#ctx-candidate_name", "Priya")
        page.fill("#ctx-role", "Senior Site Reliability Engineer")
        wait_checked(page)
        page.click("#new-draft")
        assert page.locator("#details-cleared").is_hidden()  # one Undo, not two
        page.click("#restore-draft")
        assert page.input_value("#draft") == LONG_DRAFT
        assert page.input_value("#ctx-candidate_name") == "Priya"
        assert page.input_value("#ctx-role") == "Senior Site Reliability Engineer"
        assert page.inner_text("#announce") == "The draft and the details about the candidate are back."
        assert page.locator("#details-cleared").is_hidden()
        wait_checked(page)
        assert page.locator("#error").is_hidden()

        # a new draft written: the old one is not put over it, the details can still come back
        page.click("#new-draft")
        page.fill("#draft", OTHER_CANDIDATE)
        assert page.locator("#draft-cleared").is_hidden()
        assert page.inner_text("#details-cleared").startswith("Details cleared")
        page.click("#restore-details")
        assert page.input_value("#draft") == OTHER_CANDIDATE
        assert page.input_value("#ctx-candidate_name") == "Priya"


def test_new_drafts_undo_is_on_screen_on_a_phone(server, browser):
    """On a phone "New draft" took the focus to the top of the emptied draft box and scrolled there, so "Draft cleared —
    Undo", beside the button just tapped, was off screen: the recruiter saw an empty box and no way back. The page stays
    where it was; the draft box still has the focus, for the next draft."""
    with opened_page(browser, server, 375, 740) as page:
        fill_and_check(page, LONG_DRAFT)
        page.locator("#new-draft").scroll_into_view_if_needed()
        page.click("#new-draft")
        assert page.evaluate("() => document.activeElement.id") == "draft"
        box = page.locator("#restore-draft").bounding_box()
        assert box and 0 <= box["y"] and box["y"] + box["height"] <= 740, box


def test_several_applies_in_a_row_are_undone_one_by_one(server, browser):
    """After two suggestions applied in a row, "Undo last apply" took back the second and then went away: the first
    could only be undone with Ctrl+Z in the draft box. It now takes them back one by one, newest first, and keeps the
    keyboard focus while there is more to undo; an edit between two applies still ends it there (undoing past the
    edit would lose it)."""
    active = "() => document.activeElement.id"
    with opened_page(browser, server) as page:
        fill_and_check(page, GENERIC)
        drafts = [GENERIC]
        for _ in range(2):
            page.locator("#findings button.apply:not([disabled])").first.click()
            page.wait_for_function("(d) => document.querySelector('#draft').value !== d", arg=drafts[-1])
            wait_checked(page)
            drafts.append(page.input_value("#draft"))
        page.focus("#undo-apply")
        page.keyboard.press("Enter")
        assert page.input_value("#draft") == drafts[1]
        assert page.locator("#undo-apply").is_visible() and page.evaluate(active) == "undo-apply"
        page.keyboard.press("Enter")
        assert page.input_value("#draft") == GENERIC
        assert page.locator("#undo-apply").is_hidden() and page.evaluate(active) == "draft"
        wait_checked(page)

        # apply, edit, apply: one undo, back to the edit
        page.locator("#findings button.apply:not([disabled])").first.click()
        page.wait_for_function("(d) => document.querySelector('#draft').value !== d", arg=GENERIC)
        wait_checked(page)
        page.focus("#draft")
        page.keyboard.press("Control+End")
        page.keyboard.type(" Thanks.")
        wait_checked(page)
        edited = page.input_value("#draft")
        page.locator("#findings button.apply:not([disabled])").first.click()
        page.wait_for_function("(d) => document.querySelector('#draft').value !== d", arg=edited)
        page.click("#undo-apply")
        assert page.input_value("#draft") == edited
        assert page.locator("#undo-apply").is_hidden()


def test_a_refused_field_is_marked_and_reached_from_the_error_even_folded_on_a_phone(server, browser):
    """A refused field about the candidate was named only in the error ("A field above cannot be used. Gaps: at most 20
    lines"): "above" was beside it on a wide screen, on a phone the fields were folded away, and the field itself was
    not marked (no aria-invalid, no red border). The field is marked, and a "Go to Gaps" button in the error opens the
    fields and puts the focus on it; editing it takes the mark away."""
    gaps = "\n".join(f"no hands-on experience with tool number {i}" for i in range(21))
    with opened_page(browser, server, 375, 740) as page:
        assert not page.evaluate("() => document.querySelector('#context').open")  # folded on a phone
        page.click("#context summary")
        page.fill("#ctx-gaps", gaps)
        page.click("#context summary")  # folded again, to read the results
        page.fill("#draft", OTHER_CANDIDATE)
        page.wait_for_function("() => !document.querySelector('#error').hidden")
        message = page.inner_text("#error")
        assert "above" not in message and "Gaps: at most 20 lines" in message, message
        assert page.get_attribute("#ctx-gaps", "aria-invalid") == "true"
        assert page.get_attribute("#ctx-role", "aria-invalid") is None
        page.click("#error button:has-text('Go to Gaps')")
        assert page.evaluate("() => document.querySelector('#context').open")
        assert page.evaluate("() => document.activeElement.id") == "ctx-gaps"
        page.keyboard.press("Control+a")
        page.keyboard.type("no hands-on experience with month-end close")
        assert page.get_attribute("#ctx-gaps", "aria-invalid") is None
        wait_checked(page)
        assert page.locator("#error").is_hidden()


def test_leaving_the_page_with_a_draft_not_copied_asks_first(server, browser):
    """A reload (F5, Ctrl+R) or a closed tab lost a long draft for good, unasked: the page keeps nothing. Leaving with a
    draft that was not copied since its last change now asks first (the browser's own "Leave site?"); an empty
    draft, or one just copied, leaves at once."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, permissions=["clipboard-read", "clipboard-write"])
    try:
        page = context.new_page()
        page.goto(server + "/")
        asked: list[str] = []
        page.on("dialog", lambda d: (asked.append(d.type), d.dismiss()))
        page.click("#draft")
        page.keyboard.type("Dear Kwame, thank you for the site visit. ")
        page.close(run_before_unload=True)
        page.wait_for_timeout(500)
        assert asked == ["beforeunload"] and not page.is_closed()
        page.click("#copy")
        page.wait_for_function("() => document.querySelector('#copy-status').textContent.length > 0")
        page.close(run_before_unload=True)
        page.wait_for_event("close", timeout=5000)
        assert asked == ["beforeunload"]
    finally:
        context.close()


def test_strengths_and_gaps_pasted_as_a_bulleted_list_lose_their_bullets(server, browser):
    """Strengths and gaps are one per line, and a recruiter pastes them from interview notes as a list ("• …", "- …",
    "1. …"): the bullets went into the suggestions and, applied, into the draft ("the role needs * experience running
    A/B tests"). A list marker at the start of a line is not part of the item."""
    with opened_page(browser, server) as page:
        page.fill("#ctx-strengths", "• your SQL take-home was the clearest we received\n- your stakeholder deck\n"
                                    "2) 3.5 years of dashboard work")
        page.fill("#ctx-gaps", "* experience running A/B tests end to end")
        fill_and_check(page, GENERIC)
        texts = page.locator("#findings .suggestion-text").all_inner_texts()
        assert any("experience running A/B tests end to end" in t for t in texts), texts
        assert not [t for t in texts if any(m in t for m in ("• ", "- your", "* exp", "2) "))], texts
        assert page.evaluate("() => document.querySelector('#ctx-strengths').value").startswith("• your SQL")  # as typed


def test_score_labels_are_whole_words_at_320_px(server, browser):
    """At 320 px (a small phone, or a laptop's page at 400% zoom, WCAG 1.4.10's reflow width) 'Specificity' broke
    as 'Specifici' / 'ty' in its third of the row. There the scores are one a line, label, number and band side by side."""
    with opened_page(browser, server, 320, 640) as page:
        fill_and_check(page, GENERIC)
        lines = page.eval_on_selector_all(".score-label", "els => els.map(e => [e.textContent, "
                                          "Math.round(e.getBoundingClientRect().height / parseFloat(getComputedStyle(e).lineHeight))])")
        assert all(n == 1 for _, n in lines), lines
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
        for name in ("overall", "specificity", "warmth"):
            assert page.locator(f"#score-{name}").is_visible() and page.locator(f"#band-{name}").is_visible()
