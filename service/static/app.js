// rejectcheck web form: checks the draft as the recruiter types, highlights findings,
// applies suggestions in place. Plain JS, no dependencies; everything is served by the app.
"use strict";

(function () {
  const DEBOUNCE_MS = 350;
  const CATEGORY_LABEL = { boilerplate: "Boilerplate", tone: "Tone", risk: "Risk", structure: "Structure" };
  const SEVERITY_RANK = { info: 0, low: 1, high: 2 };
  // what an Apply button does, by the finding's `fix` (the server applies it: POST /v1/apply)
  const APPLY_LABEL = { replace_sentence: "Apply", insert: "Insert", replace_message: "Replace message",
                        move_to_top: "Move to top" };
  const SEVERITY_ORDER = { high: 0, low: 1, info: 2 };
  const CATEGORY_ORDER = { risk: 0, tone: 1, boilerplate: 2, structure: 3 };
  const SHOWN_PER_RULE = 2;  // findings of one rule shown before "Show N more"
  const ANNOUNCE_AFTER_MS = 1500;  // a result is read out once no newer one has come for this long
  const RETRY_MS = 5000;           // while the checker is unreachable
  // a check or apply not answered by then (a hung server, one stopped mid-request) is given up: said, and retried
  const ANSWER_WITHIN_MS = 20000;
  // the server's default REJECTCHECK_MAX_TEXT_CHARS (an HTML body is measured by its text): a hint only,
  // the server has the last word
  const MAX_CHARS = 20000;
  const FLAG_TEXT = {
    actionable: ["Gives a next step", "No actionable next step"],
    relationship: ["Keeps the relationship", "Doesn't invite future contact"],
    risky: ["Possible legal risk", "No risky wording found"],
  };
  // a body the server reads as HTML (model/text.py looks_like_html): two of these tags, or an <html>/<body>
  const HTML_HINT = /<\s*\/?\s*(html|body|p|div|br|span|table|td|li|ul|ol|a|strong|em|b|i|h[1-6]|blockquote)\b[^<>]*>/gi;
  const HTML_ROOT = /<\s*(html|body)\b/i;
  const CONTEXT_FIELDS = ["candidate_name", "role", "stage", "strengths", "gaps", "interviewer_notes"];
  const LIST_FIELDS = new Set(["strengths", "gaps"]);
  // a list marker that starts a line of a list field pasted from notes ("• ", "- ", "* ", "1. ", "2) "): not part of
  // the item, which a suggestion quotes ("the role needs * experience …"); "3.5 years" keeps its number
  const LIST_MARKER = /^(?:[-*•◦▪‣–—]|\d{1,2}[.)])\s+/;

  const $ = (id) => document.getElementById(id);
  const draft = $("draft");
  const tooltip = $("tooltip");

  let timer = null;
  let inFlight = null;
  let report = null;      // the latest report
  let reportText = null;  // the exact text that report describes
  let reportContext = null;  // the context it was checked with (its suggestions are built from it)
  let apiKey = "";
  let notice = null;           // a word for the user to show with the next result
  let backToFindings = false;  // after an apply, keyboard focus returns to the suggestions, not the draft box
  let applying = false;        // an apply is in flight: the Apply buttons wait for it
  let applyRequest = null;     // its AbortController: emptying the draft ("New draft") drops it
  // { before, after }: the text around each apply, newest last, while "Undo last apply" holds: applies made one after
  // another, with no edit between them, are undone one by one
  let applies = [];
  let rovingAt = 0;            // the highlight that Tab reaches (see setRoving), kept across re-checks
  let detailsUsed = false;     // a draft was checked with the details about the candidate now filled in
  let clearedDetails = null;   // the details "Clear details" or "New draft" cleared, while "Undo" next to them holds
  let clearedDraft = null;     // the draft "New draft" cleared, while "Undo" next to it holds (until a draft is written)
  let wholeDraft = false;      // the edit under way replaces the whole draft, or fills an emptied one (beforeinput)
  let replacing = false;       // the page itself edits the draft (replaceDraft): no edit of the recruiter's

  // ---- requests --------------------------------------------------------------------------
  function context() {
    const ctx = {};
    for (const name of CONTEXT_FIELDS) {
      const value = $("ctx-" + name).value;
      if (LIST_FIELDS.has(name)) {
        const items = value.split("\n").map((s) => s.trim().replace(LIST_MARKER, "").trim()).filter(Boolean);
        if (items.length) ctx[name] = items;
      } else if (value.trim()) {
        ctx[name] = value.trim();
      }
    }
    return Object.keys(ctx).length ? ctx : null;
  }

  // POST a JSON body to the API: [response, its JSON]. With no answer within ANSWER_WITHIN_MS the request is
  // aborted and this rejects with a TimeoutError (an abort by the caller rejects with an AbortError).
  async function post(path, body, controller) {
    const headers = { "Content-Type": "application/json" };
    if (apiKey) headers["X-API-Key"] = apiKey;
    const timeout = setTimeout(() => controller.abort(new DOMException("No answer in time.", "TimeoutError")),
      ANSWER_WITHIN_MS);
    try {
      const response = await fetch(path, { method: "POST", headers, body: JSON.stringify(body), signal: controller.signal });
      return [response, await response.json()];
    } finally {
      clearTimeout(timeout);
    }
  }

  async function check() {
    const text = draft.value;
    updateCounter();
    if (!text.trim()) {
      if (inFlight) inFlight.abort();
      showEmpty();
      return;
    }
    if (inFlight) inFlight.abort();
    const controller = new AbortController();
    inFlight = controller;
    if (!$("results").classList.contains("stale")) setState("Checking…", "busy");  // else it says so already
    const body = { text };
    const ctx = context();
    if (ctx) body.context = ctx;
    let response, data;
    try {
      [response, data] = await post("/v1/check", body, controller);
    } catch (err) {
      if (err.name === "AbortError") return;
      unreachable();
      return;
    } finally {
      if (inFlight === controller) inFlight = null;
    }
    if (controller.signal.aborted) return;
    if (!response.ok) {
      const error = (data && data.error) || { message: "Unexpected error." };
      if (response.status === 401) {
        $("api-key-field").hidden = false;
      }
      if (response.status === 429) {
        const retry = response.headers.get("Retry-After");
        showError("Too many checks in a short time" + (retry ? "; retrying in " + retry + " s." : "."));
        if (retry) schedule(Number(retry) * 1000);
        return;
      }
      if (response.status === 413 && error.code === "payload_too_large") {
        // the request body is over the server's byte limit: say it in characters, as for a long draft
        const length = characters(text);
        showError(length > MAX_CHARS
          ? `The text is ${length.toLocaleString()} characters long; the limit is ${MAX_CHARS.toLocaleString()}. `
            + "Check one message at a time."
          : "The draft and the fields about the candidate are too long to check together. Shorten the fields.");
        return;
      }
      showError(errorText(error), refusedFields(error));
      return;
    }
    render(data, text, ctx);
  }

  function schedule(delay) {
    clearTimeout(timer);
    clearTimeout(announceTimer);  // still typing: the result of the last pause is not read out
    timer = setTimeout(check, delay === undefined ? DEBOUNCE_MS : delay);
  }

  // ---- rendering -------------------------------------------------------------------------
  let announceTimer = null;
  function announce(text) {
    clearTimeout(announceTimer);
    announceTimer = setTimeout(() => { $("announce").textContent = text; }, ANNOUNCE_AFTER_MS);
  }

  function setState(text, kind) {
    const state = $("state");
    state.textContent = text;
    state.dataset.kind = kind || "";
  }

  // Typed since the results on screen were made: they stay (to read on) but are marked out of date, to
  // screen readers as busy, until the new check comes back or fails.
  const RESULT_PARTS = ["scores", "annotated", "findings"];
  function markStale() {
    if (!report) return;
    $("results").classList.add("stale");
    for (const id of RESULT_PARTS) $(id).setAttribute("aria-busy", "true");
    setState("Out of date — checking…", "busy");
  }

  function clearStale() {
    $("results").classList.remove("stale");
    for (const id of RESULT_PARTS) $(id).removeAttribute("aria-busy");
  }

  // the schema's words for a field over its length ("String should have at most 5000 characters"), and the
  // form's: a list field is one item a line
  const TOO_LONG = /^(String|List) should have at most (\d+) (?:characters|items)/;
  function fieldProblem(e) {
    const message = String(e.msg || "").replace(/^Value error, /, "");
    const long = TOO_LONG.exec(message);
    if (!long) return message;
    const most = Number(long[2]).toLocaleString();
    if (long[1] === "List") return `at most ${most} lines`;
    return typeof e.loc[3] === "number" ? `a line is too long: at most ${most} characters a line`
      : `too long: at most ${most} characters`;
  }

  // the fields about the candidate that an API error refuses, as the schema names them ("gaps")
  const contextErrors = (error) => ((error && error.details && error.details.errors) || [])
    .filter((e) => Array.isArray(e.loc) && e.loc[1] === "context");
  const refusedFields = (error) => [...new Set(contextErrors(error).map((e) => String(e.loc[2])))]
    .filter((name) => CONTEXT_FIELDS.includes(name));
  const fieldLabel = (name) => name.charAt(0).toUpperCase() + name.slice(1).replace(/_/g, " ");

  // An API error as the recruiter can act on it: a refused context field is named ("Gaps: holds a merge field"),
  // where it is: beside the results on a wide screen, above them (and folded) on a phone
  function errorText(error) {
    const fields = contextErrors(error).map((e) => fieldLabel(String(e.loc[2] || "context")) + ": " + fieldProblem(e));
    // a server error names its request id ("identifies it in our logs"): shown, so that it can be reported
    const id = error && error.details && error.details.request_id;
    return fields.length ? "A field about the candidate cannot be used. " + fields.join("; ")
      : ((error && error.message) || "Unexpected error.") + (id ? " Request id: " + id + "." : "");
  }

  // The checker is not answering (the server was stopped, the laptop slept): say so in plain words, keep
  // the draft, and try again every few seconds until it answers.
  let retryTimer = null;
  function unreachable(what) {
    showError("rejectcheck is not answering right now, so " + (what || "this draft was not checked") + ". Your text "
      + "is safe here; it will be checked as soon as rejectcheck is running again (start it with: make serve).");
    clearTimeout(retryTimer);
    retryTimer = setTimeout(() => { if (!$("error").hidden) schedule(0); }, RETRY_MS);
  }

  // fields: the fields about the candidate it refuses; each is marked invalid, and a button in the error goes to it
  // (on a phone the fields are folded away)
  function showError(message, fields) {
    const box = $("error");
    const said = !box.hidden && box.dataset.message === message;  // a retry that failed as the last one did
    showEmpty();  // a failed check leaves no results of an older draft on screen
    if (!said) {  // an alert is read out each time it is written
      box.dataset.message = message;
      const buttons = (fields || []).map((name) => el("button", {
        type: "button", class: "button small go-to-field", "data-field": name }, "Go to " + fieldLabel(name)));
      box.replaceChildren(message, ...(buttons.length ? [el("div", { class: "go-to-fields" }, buttons)] : []));
    }
    for (const name of fields || []) $("ctx-" + name).setAttribute("aria-invalid", "true");
    box.hidden = false;
    setState("Not checked", "error");
  }

  function unmarkFields() {
    for (const name of CONTEXT_FIELDS) $("ctx-" + name).removeAttribute("aria-invalid");
  }

  $("error").addEventListener("click", (e) => {
    const button = e.target.closest("button.go-to-field");
    if (!button) return;
    $("context").open = true;
    $("ctx-" + button.dataset.field).focus();
  });

  const looksLikeHtml = (text) => (text.match(HTML_HINT) || []).length >= 2 || HTML_ROOT.test(text);

  // as the server counts: code points (an emoji is one character, two JavaScript units)
  const characters = (text) => text.length - (text.match(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g) || []).length;

  // an HTML draft is measured by its text (the server's word on it), not by its markup: no count against the limit
  function updateCounter() {
    const n = characters(draft.value);
    const html = looksLikeHtml(draft.value);
    $("counter").textContent = n.toLocaleString() + (html ? " characters of HTML" : " / " + MAX_CHARS.toLocaleString() + " characters");
    $("counter").dataset.over = n > MAX_CHARS && !html ? "true" : "false";
  }

  // the focus is on what the findings list holds (an Apply button, a card), or was, on a button that an apply
  // disabled: replacing the list would drop it to the page, and the next Tab would start at the top
  const lostWithFindings = (active) => $("findings").contains(active) || (applying && active === document.body);

  function showEmpty() {
    const refocus = lostWithFindings(document.activeElement);
    report = null;
    reportText = null;
    clearStale();
    $("error").hidden = true;
    unmarkFields();
    setState("Waiting for a draft", "");
    for (const name of ["overall", "specificity", "warmth"]) {
      $("score-" + name).textContent = "–";
      $("bar-" + name).style.width = "0";
      $("score-" + name).closest(".score").dataset.band = "";
      $("band-" + name).textContent = "";
    }
    $("flags").replaceChildren();
    hideTooltip();
    $("annotated").replaceChildren(el("p", { class: "empty" }, "Highlights appear here. Hover or focus one to see why it was flagged."));
    $("findings").replaceChildren();
    $("findings-count").textContent = "";
    $("warnings").replaceChildren();
    clearTimeout(announceTimer);  // the screen readers' summary of those results goes with them
    $("announce").textContent = "";
    $("copy").disabled = !draft.value.trim();  // copying needs no checker
    if (refocus) $("findings-title").focus({ preventScroll: true });
  }

  // A piece of an HTML draft as its reader sees it (a card's quote, what a highlight says to a screen reader):
  // its words, not its tags and entities ("Thank&nbsp;you", "After <b>careful</b> consideration"). Parsed, never
  // put into the page; a piece of a text draft is shown as it is.
  const BLOCK_BREAK = /<br\s*\/?>|<\/?(?:p|div|li|ul|ol|tr|td|th|table|h[1-6]|blockquote)\b[^<>]*>/gi;
  function wordsOf(piece, html) {
    if (!html || !/[<&]/.test(piece)) return piece;
    const doc = new DOMParser().parseFromString(piece.replace(BLOCK_BREAK, " "), "text/html");
    return doc.body.textContent.replace(/[\s\u00a0]+/g, " ").trim();
  }

  function escapeHtml(s) {  // as the server escapes a suggestion put into an HTML draft
    return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "class") node.className = value;
      else if (key.startsWith("data-")) node.setAttribute(key, value);
      else if (key in node && typeof value !== "string") node[key] = value;
      else node.setAttribute(key, value);
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  const BAND_WORD = { good: "Good", fair: "Fair", poor: "Poor" };
  function band(score) {
    return score >= 70 ? "good" : score >= 40 ? "fair" : "poor";
  }

  // The API counts characters as Python does (code points); a JavaScript string counts UTF-16 units,
  // in which an emoji is two. The report keeps the API's offsets (they go back in /v1/apply); what is
  // shown is sliced with offsets converted to units.
  function inUnits(data, text) {
    if (!/[\uD800-\uDFFF]/.test(text)) return data;
    const units = [];
    let u = 0;
    for (const ch of text) { units.push(u); u += ch.length; }
    units.push(u);
    const at = (i) => units[Math.min(i, units.length - 1)];
    const move = (x) => Object.assign({}, x, { start: at(x.start), end: at(x.end) },
      // a finding's span that a suggestion replaces (null where it replaces nothing)
      x.replace_start === undefined || x.replace_start === null ? {}
        : { replace_start: at(x.replace_start), replace_end: at(x.replace_end) });
    return Object.assign({}, data, { sentences: data.sentences.map(move), findings: data.findings.map(move) });
  }

  function render(data, text, ctx) {
    clearStale();
    report = data;
    reportText = text;
    reportContext = JSON.stringify(ctx || null);
    if (ctx) detailsUsed = true;
    // typed (or a field changed) while this was checked: shown, but out of date until its own check comes back
    const current = draft.value === text && JSON.stringify(context()) === reportContext;
    const shown = inUnits(data, text);
    $("error").hidden = true;
    unmarkFields();
    const n = data.findings.filter((f) => data.english !== false || f.category === "risk").length;
    // rejectcheck reads English only: on other text it gives no verdict, good or bad
    const english = data.english !== false;
    // no findings is no praise for a draft that scores poorly (too few words to score, not a rejection)
    const good = !n && band(data.scores.overall) !== "poor";
    if (!english) setState("Not English: no verdict", "warn");
    else if (notice) setState(notice, "warn");
    else setState(n ? n + (n === 1 ? " finding" : " findings") : good ? "Looks good" : "No findings", good ? "ok" : "");
    // one short summary for screen readers once the typing has settled, not every score on every pause
    if (current) announce(english ? `Checked: overall ${data.scores.overall} of 100, specificity ${data.scores.specificity}, `
      + `warmth ${data.scores.warmth}; ${n ? n + (n === 1 ? " finding" : " findings") : "no findings"}.`
      + (notice ? " " + notice : "") : "Checked: the draft is not in English, so there is no verdict.");
    if (current) notice = null;  // else it is said with the check that follows
    for (const name of ["overall", "specificity", "warmth"]) {
      const value = data.scores[name];  // no verdict on text that is not English: no number, no colour
      $("score-" + name).textContent = english ? String(value) : "–";
      $("bar-" + name).style.width = english ? value + "%" : "0";
      $("score-" + name).closest(".score").dataset.band = english ? band(value) : "none";
      $("band-" + name).textContent = english ? BAND_WORD[band(value)] : "no verdict";  // not colour alone
    }
    const flags = [];
    for (const [name, [yes, no]] of Object.entries(FLAG_TEXT)) {
      if (!english && !(name === "risky" && data.flags.risky)) {  // a risk that fired is shown all the same
        flags.push(el("li", { class: "flag flag-unknown", "data-flag": name },
          el("span", { class: "flag-icon", "aria-hidden": "true" }, "?"), "Not checked: the draft is not in English"));
        continue;
      }
      const on = data.flags[name];
      const good = name === "risky" ? !on : on;
      flags.push(el("li", { class: "flag " + (good ? "flag-good" : "flag-bad"), "data-flag": name },
        el("span", { class: "flag-icon", "aria-hidden": "true" }, good ? "✓" : "!"), on ? yes : no));
    }
    $("flags").replaceChildren(...flags);
    $("model-version").textContent = "Model " + data.model_version;
    // after an apply, focus goes back to the suggestions only if it is still where the apply left it (the
    // heading, or the list this render replaces); a click into the draft or a field since then keeps it. Focus in
    // the list goes to its heading all the same (an Apply refused as out of date re-checks under its button)
    const active = document.activeElement;
    const refocus = lostWithFindings(active)
      || (backToFindings && (!active || active === document.body || active === $("findings-title")));
    backToFindings = false;
    renderAnnotated(shown, text);
    renderFindings(shown, text);
    if (refocus) $("findings-title").focus({ preventScroll: true });
    $("warnings").replaceChildren(...data.warnings.map((w) => el("p", { class: "warning" }, w)));
    $("copy").disabled = false;
    if (!current) markStale();
  }

  // A finding that spans the whole message (a structure check) is a note about the message,
  // not about a sentence: it is listed, not highlighted, and its suggestion is inserted.
  function isWholeMessage(finding, data) {
    const s = data.sentences;
    if (!s.length) return true;
    const covered = s.filter((x) => x.start >= finding.start && x.end <= finding.end).length;
    return covered > 1;
  }

  function renderAnnotated(data, text) {
    const spans = data.findings
      .map((f, i) => ({ f, i }))
      .filter(({ f }) => !isWholeMessage(f, data) && f.end > f.start)
      .filter(({ f }) => data.english !== false || f.category === "risk");  // as the findings list
    const cuts = new Set([0, text.length]);
    for (const { f } of spans) { cuts.add(f.start); cuts.add(f.end); }
    const points = [...cuts].sort((a, b) => a - b);
    const html = looksLikeHtml(text);
    const nodes = [];
    for (let k = 0; k < points.length - 1; k++) {
      const a = points[k], b = points[k + 1];
      const piece = text.slice(a, b);
      const covering = spans.filter(({ f }) => f.start <= a && f.end >= b);
      if (!covering.length) { nodes.push(piece); continue; }
      // the colour is the finding that matters most (a legal risk, then tone, then stock wording), and a
      // screen reader hears every finding on these words, not only that one
      covering.sort((x, y) => (CATEGORY_ORDER[x.f.category] ?? 9) - (CATEGORY_ORDER[y.f.category] ?? 9)
        || SEVERITY_RANK[y.f.severity] - SEVERITY_RANK[x.f.severity]);
      const top = covering[0].f;
      const said = [...new Set(covering.map(({ f }) => CATEGORY_LABEL[f.category] + ", " + f.severity + " severity"))];
      const words = wordsOf(piece, html);
      const mark = el("mark", {
        class: "hl cat-" + top.category + " sev-" + top.severity,
        tabindex: "-1",
        "data-findings": covering.map(({ i }) => i).join(","),
        "data-rule": top.rule,
        "aria-label": words + " — " + said.join("; "),
      }, piece);
      nodes.push(mark);
    }
    const container = $("annotated");
    hideTooltip();  // its highlight is replaced: the pointer resting there would never leave it to close it
    container.replaceChildren(...nodes);
    if (!spans.length) container.append(el("p", { class: "empty" }, "Nothing to highlight in single sentences."));
    setRoving(highlights(), rovingAt);
  }

  // The highlights are one Tab stop, a roving tabindex as in WAI-ARIA's toolbar pattern: the last one focused
  // holds tabindex 0, the others -1, and the arrow keys, Home and End move between them (a long draft's forty
  // highlights were forty Tab stops before the first suggestion)
  const highlights = () => [...$("annotated").querySelectorAll("mark.hl")];
  function setRoving(marks, at) {
    rovingAt = Math.max(0, Math.min(at, marks.length - 1));
    marks.forEach((m, k) => m.setAttribute("tabindex", k === rovingAt ? "0" : "-1"));
  }

  function slotted(text) {
    // Show [bracketed slots] the recruiter still has to fill.
    const parts = text.split(/(\[[^\]]+\])/g);
    return parts.map((p) => (/^\[[^\]]+\]$/.test(p) ? el("span", { class: "slot" }, p) : p));
  }

  function renderFindings(data, text) {
    const html = looksLikeHtml(text);
    const items = data.findings.map((f, i) => {
      // on text that is not English only a risk that fired is shown (as the flags do)
      if (data.english === false && f.category !== "risk") return null;
      const whole = isWholeMessage(f, data);
      const quote = whole ? null : wordsOf(text.slice(f.start, f.end), html);
      const label = APPLY_LABEL[f.fix] || "Apply";
      // Apply replaces the sentence around the flagged words (replace_start..replace_end), not only them:
      // the card shows all that will go, so that a reason or a name in the same sentence is not lost unseen
      const applies = f.fix !== "none" && data.english !== false && f.suggestions.length > 0;
      const replaced = applies && f.fix === "replace_sentence" && typeof f.replace_start === "number"
        ? wordsOf(text.slice(f.replace_start, f.replace_end), html).trim() : null;
      const replaces = !applies ? null
        : f.fix === "replace_message" ? el("p", { class: "replaces", id: "replaces-" + i },
          el("span", { class: "replaces-label" }, "This replaces your whole draft, greeting and sign-off included."))
          : replaced && replaced !== (quote || "").trim() ? el("div", { class: "replaces", id: "replaces-" + i },
            el("span", { class: "replaces-label" }, label + " replaces this whole sentence:"),
            el("blockquote", { class: "replaced" }, replaced)) : null;
      // an inserted sentence still holding [slots] leaves its finding open: say so, and insert nothing more
      // for it (its other suggestions often repeat the inserted one's words)
      const isIn = (s) => f.fix === "insert" && (text.includes(s) || text.includes(escapeHtml(s)));
      const anyIn = f.suggestions.some(isIn);
      const suggestions = f.suggestions.map((s, j) => {
        const inserted = isIn(s);
        const blocked = anyIn && !inserted;
        return el("li", { class: "suggestion" },
          el("p", { class: "suggestion-text" }, slotted(s)),
          // "none": the suggestion is advice, not text to paste in; nor is English pasted into another language
          f.fix === "none" || data.english === false ? null : el("button", {
            type: "button", class: "button small apply", "data-finding": String(i), "data-suggestion": String(j),
            "aria-describedby": replaces ? "replaces-" + i : null,
            "aria-label": inserted ? "Already inserted; fill in its bracketed slots"
              : blocked ? "Another suggestion for this is already inserted"
                : `${label} (${quote ? "for “" + quote.slice(0, 60) + "”" : "whole message"}): ${s}`,
            // while another apply runs (a re-check of typing can render the list meanwhile)
            disabled: anyIn || applying, "data-wait": !anyIn && applying ? "true" : null,
          }, inserted ? "Inserted: fill in the [brackets]" : blocked ? "One is already inserted" : label));
      });
      // tabindex -1: a highlight's Enter can bring focus to a card that has no button
      return el("li", { class: "finding cat-" + f.category + " sev-" + f.severity, id: "finding-" + i, "data-rule": f.rule,
                        tabindex: "-1" },
        el("div", { class: "finding-head" },
          el("span", { class: "chip cat-" + f.category }, CATEGORY_LABEL[f.category] || f.category),
          el("span", { class: "severity sev-" + f.severity }, f.severity),
          whole ? el("span", { class: "scope" }, "Whole message") : null),
        quote ? el("blockquote", { class: "quote" }, quote) : null,
        el("p", { class: "message" }, f.message),
        f.rationale ? el("p", { class: "rationale" }, f.rationale) : null,
        replaces,
        suggestions.length ? el("ul", { class: "suggestions", "aria-label": "Suggestions" }, suggestions) : null);
    }).map((item, i) => item && { item, f: data.findings[i] }).filter(Boolean)
      // the worst first: a legal risk, then high, low and info findings, each in the order of the text
      .sort((a, b) => (a.f.category === "risk" ? 0 : 1) - (b.f.category === "risk" ? 0 : 1)
        || (SEVERITY_ORDER[a.f.severity] ?? 3) - (SEVERITY_ORDER[b.f.severity] ?? 3) || a.f.start - b.f.start)
      .map((x) => x.item);
    // a long template repeats a few rules many times: the first two of each rule are shown, the rest wait
    // behind one button (a highlight's Enter still reaches them)
    const seen = {};
    let folded = 0;
    for (const item of items) {
      const rule = item.dataset.rule;
      seen[rule] = (seen[rule] || 0) + 1;
      if (seen[rule] > SHOWN_PER_RULE) { item.hidden = true; item.classList.add("repeat"); folded++; }
    }
    if (folded) {
      items.push(el("li", { class: "more" }, el("button", {
        type: "button", class: "button small", id: "show-repeats",
      }, `Show ${folded} more ${folded === 1 ? "finding" : "findings"} like the ones above`)));
    }
    $("findings").replaceChildren(...items);
    $("findings-count").textContent = items.length ? "(" + (items.length - (folded ? 1 : 0)) + ")" : "";
    if (data.english === false) {
      $("findings").prepend(el("li", { class: "empty not-english" }, "This draft does not look like English. "
        + "rejectcheck reads English only, so it gives no scores or suggestions here"
        + (items.length ? "; a risk term it found is listed below." : ".")));
    } else if (!items.length) {
      $("findings").append(el("li", { class: "empty" }, band(data.scores.overall) !== "poor"
        ? "No suggestions: this draft reads well."
        : "No suggestions, but the draft scores poorly" + (data.warnings.length ? "; see the notes below." : ".")));
    }
  }

  // ---- applying suggestions ---------------------------------------------------------------
  // The server applies a suggestion (POST /v1/apply) as the finding's rule says, so the form, the
  // API and the Python package edit a draft alike. The new text goes in as one edit the browser can
  // undo (Ctrl+Z).
  const outOfDate = (what) => what + " changed after these suggestions were made, so they were brought up to date: "
    + "choose again.";
  async function apply(findingIndex, suggestionIndex) {
    if (applying) return;  // one at a time: a second one would be computed from the text before the first
    // the suggestion shown was built from the context the draft was checked with: if the fields have
    // changed since, check again (the user sees the new suggestion) rather than apply different words
    if (!report || draft.value !== reportText || JSON.stringify(context()) !== reportContext) {
      notice = outOfDate(!report || draft.value !== reportText ? "The draft" : "The details about the candidate");
      schedule(0);
      return;
    }
    const f = report.findings[findingIndex];
    const sent = reportText;  // the text this apply is computed from
    const body = { text: sent, rule: f.rule, start: f.start, end: f.end, suggestion: suggestionIndex };
    const ctx = JSON.parse(reportContext);
    if (ctx) body.context = ctx;
    setState("Applying…", "busy");
    waitForApply(true);
    let response, data;
    const request = applyRequest = new AbortController();
    try {
      [response, data] = await post("/v1/apply", body, request);
    } catch (err) {
      if (err.name !== "AbortError") unreachable("the suggestion was not applied");
      return;
    } finally {
      if (applyRequest === request) applyRequest = null;
      waitForApply(false);
    }
    if (!response.ok) {
      if (response.status === 409) {  // the draft changed: check it again
        notice = outOfDate("The draft");
        schedule(0);
        return;
      }
      showError(errorText(data && data.error), refusedFields(data && data.error));
      return;
    }
    // typed meanwhile (a re-check of the typing may have replaced the report since): keep what was typed,
    // and say that the suggestion did not go in
    if (draft.value !== sent) {
      notice = "Not applied: the draft changed while the suggestion was being applied. Choose it again below.";
      schedule(0);
      return;
    }
    const scrolled = window.scrollY;  // the draft box takes focus to record the edit: stay where the user was
    const done = { before: sent, after: data.text };
    applies.push(done);
    replaceDraft(data.text);
    done.after = draft.value;
    $("undo-apply").hidden = false;
    window.scrollTo({ top: scrolled });
    // leave the draft box at once: if the user clicks back into it before the re-check, it keeps the focus
    $("findings-title").focus({ preventScroll: true });
    backToFindings = true;
    setState("Applied; re-checking…", "busy");
    say("Suggestion applied.");  // at once; the new scores follow once checked
    schedule(0);
  }

  // Apply buttons are disabled while an apply runs; those that were enabled before come back after it.
  function waitForApply(on) {
    applying = on;
    for (const button of document.querySelectorAll("#findings button.apply")) {
      if (on && !button.disabled) { button.disabled = true; button.dataset.wait = "true"; }
      if (!on && button.dataset.wait) { button.disabled = false; delete button.dataset.wait; }
    }
  }

  function replaceDraft(next) {
    const old = draft.value;
    let a = 0;  // replace only what changed, so the caret lands after the edit
    while (a < old.length && a < next.length && old[a] === next[a]) a++;
    let b = 0;
    while (b < old.length - a && b < next.length - a && old[old.length - 1 - b] === next[next.length - 1 - b]) b++;
    draft.focus();
    draft.setSelectionRange(a, old.length - b);
    const inserted = next.slice(a, next.length - b);
    replacing = true;
    try {
      // execCommand keeps the edit in the browser's undo history; setRangeText where it is not supported
      if (!(document.execCommand && document.execCommand("insertText", false, inserted)) || draft.value !== next) {
        draft.value = old;
        draft.setRangeText(inserted, a, old.length - b, "end");
      }
    } finally {
      replacing = false;
    }
  }

  // "Undo last apply" puts back the text from before the last apply, while the draft is as that apply left
  // it, and then the one before, if the draft is as that one left it (Ctrl+Z works too: the edits are in the
  // browser's undo history)
  function forgetApply() {
    applies = [];
    $("undo-apply").hidden = true;
  }

  const lastApply = () => applies[applies.length - 1];
  $("undo-apply").addEventListener("click", () => {
    if (!applies.length || draft.value !== lastApply().after) { forgetApply(); return; }
    const { before } = applies.pop();
    replaceDraft(before);  // its input event forgets the applies before it if the draft was edited between them
    if (!applies.length) forgetApply();
    else $("undo-apply").focus({ preventScroll: true });  // Enter again undoes the one before
    say("Last apply undone.");
    schedule(0);
  });

  function showRepeats() {
    for (const item of document.querySelectorAll("#findings li.repeat")) item.hidden = false;
    const more = document.querySelector("#findings li.more");
    if (more) more.remove();
  }

  $("findings").addEventListener("click", (event) => {
    if (event.target.closest("#show-repeats")) {
      // the button goes away: the focus goes to the first finding it showed, not to the page
      const first = document.querySelector("#findings li.repeat[hidden]");
      showRepeats();
      if (first) first.focus();
      return;
    }
    const button = event.target.closest("button.apply");
    if (!button) return;
    apply(Number(button.dataset.finding), Number(button.dataset.suggestion));
  });

  // ---- tooltips -------------------------------------------------------------------------------
  function showTooltip(mark) {
    if (!report) return;
    const findings = mark.dataset.findings.split(",").map(Number).map((i) => report.findings[i]).filter(Boolean);
    tooltip.replaceChildren(...findings.map((f) => el("div", { class: "tip" },
      el("div", { class: "tip-head" },
        el("span", { class: "chip cat-" + f.category }, CATEGORY_LABEL[f.category] || f.category),
        el("span", { class: "severity sev-" + f.severity }, f.severity)),
      el("p", { class: "tip-message" }, f.message),
      f.rationale ? el("p", { class: "tip-rationale" }, f.rationale) : null)));
    tooltip.hidden = false;
    mark.setAttribute("aria-describedby", "tooltip");
    const r = mark.getBoundingClientRect();
    const t = tooltip.getBoundingClientRect();
    const margin = 8;
    let left = Math.min(Math.max(margin, r.left), window.innerWidth - t.width - margin);
    let top = r.bottom + margin;
    if (top + t.height > window.innerHeight && r.top - t.height - margin > 0) top = r.top - t.height - margin;
    tooltip.style.left = left + window.scrollX + "px";
    tooltip.style.top = top + window.scrollY + "px";
  }

  function hideTooltip(mark) {
    tooltip.hidden = true;
    if (mark) mark.removeAttribute("aria-describedby");
  }

  const annotated = $("annotated");
  annotated.addEventListener("mouseover", (e) => { const m = e.target.closest("mark.hl"); if (m) showTooltip(m); });
  // hoverable (WCAG 1.4.13): leaving the highlight for the tooltip itself keeps it open
  let hideTimer = null;
  const hideSoon = (m) => { clearTimeout(hideTimer); hideTimer = setTimeout(() => hideTooltip(m), 150); };
  annotated.addEventListener("mouseout", (e) => { const m = e.target.closest("mark.hl"); if (m) hideSoon(m); });
  annotated.addEventListener("mouseover", (e) => { if (e.target.closest("mark.hl")) clearTimeout(hideTimer); });
  tooltip.addEventListener("mouseenter", () => clearTimeout(hideTimer));
  const shownMark = () => document.querySelector("mark.hl[aria-describedby]");  // the one whose tooltip is open
  tooltip.addEventListener("mouseleave", () => hideSoon(shownMark()));
  annotated.addEventListener("focusin", (e) => {
    const m = e.target.closest("mark.hl");
    if (!m) return;
    const marks = highlights();
    setRoving(marks, marks.indexOf(m));  // Tab comes back to the highlight last visited
    showTooltip(m);
  });
  annotated.addEventListener("focusout", (e) => { const m = e.target.closest("mark.hl"); if (m) hideTooltip(m); });
  annotated.addEventListener("keydown", (e) => {
    const m = e.target.closest("mark.hl");
    if (!m) return;
    if (e.key === "Escape") hideTooltip(m);
    const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[e.key];
    if ((step || e.key === "Home" || e.key === "End") && !e.altKey && !e.ctrlKey && !e.metaKey) {
      e.preventDefault();
      const marks = highlights();
      const at = e.key === "Home" ? 0 : e.key === "End" ? marks.length - 1 : marks.indexOf(m) + step;
      if (marks[at]) marks[at].focus();  // its focusin moves the Tab stop
    }
    if (e.key === "Enter" || e.key === " ") {
      // Jump to the first suggestion for this highlight.
      e.preventDefault();
      const card = $("finding-" + m.dataset.findings.split(",")[0]);
      if (card && card.hidden) showRepeats();
      if (card) {
        const button = card.querySelector("button.apply");
        card.scrollIntoView({ block: "nearest", behavior: "smooth" });
        (button || card).focus({ preventScroll: true });  // the smooth scroll above brings it into view
      }
    }
  });
  // the highlight's description goes, not that of whatever has the focus (the draft's help, an Apply's note)
  document.addEventListener("keydown", (e) => { if (e.key === "Escape") hideTooltip(shownMark()); });

  // ---- copying -------------------------------------------------------------------------------
  // slots a suggestion left ("[the stage they reached]") and merge fields the ATS has not filled: as written here,
  // and as the check of this text found them (it knows more forms of merge field: %FIRST_NAME%, *|FNAME|*); a
  // Markdown link's text ("[our careers page](…)") is no slot, nor is an image as text copied out of Gmail
  // ("[image: Acme logo]") or Outlook ("[cid:image001.png@…]") writes it
  const BLANK = /\[(?!image: |cid:)[^\]\n]{2,80}\](?!\()|\{\{[^}\n]{1,60}\}\}/g;
  function blanks(text) {
    const starts = new Set([...text.matchAll(BLANK)].map((m) => m.index));
    if (report && reportText === text) {
      for (const f of inUnits(report, text).findings) if (f.rule === "structure.unfilled_merge_field") starts.add(f.start);
    }
    return starts.size;
  }

  let copiedText = null;  // the draft as last copied: leaving the page with it loses nothing
  let copyTimer = null;  // clears the Copy message: one at a time, so a second click's message stays its full time
  $("copy").addEventListener("click", async () => {
    const status = $("copy-status");
    const open = blanks(draft.value);
    const left = open ? ` It still has ${open} ${open === 1 ? "blank" : "blanks"} to fill in ([…] or merge fields).` : "";
    // an HTML draft goes out as HTML too, so that an e-mail editor pastes it formatted, not as tags; the plain
    // text stays its source, for the template editor it came from
    const text = draft.value;
    const blob = (type) => new Blob([text], { type });
    try {
      await (looksLikeHtml(text) && window.ClipboardItem
        ? navigator.clipboard.write([new ClipboardItem({ "text/plain": blob("text/plain"), "text/html": blob("text/html") })])
        : navigator.clipboard.writeText(text));
      status.textContent = "Copied to the clipboard." + left;
      copiedText = text;
    } catch (err) {
      draft.focus();
      draft.select();
      const ok = document.execCommand && document.execCommand("copy");
      status.textContent = (ok ? "Copied to the clipboard." : "Select the draft and copy it (Ctrl/Cmd+C).") + left;
      if (ok) copiedText = text;
    }
    clearTimeout(copyTimer);
    copyTimer = setTimeout(() => { status.textContent = ""; }, left ? 8000 : 4000);
  });

  // ---- the next candidate -----------------------------------------------------------------------
  // The details about the candidate stay from one draft to the next (several drafts for one candidate). Pasting or
  // writing over the whole draft, or into one emptied since, starts the next candidate's, perhaps: the page says
  // that the details of the last one are still filled in (and still used), next to "Clear details". "New draft"
  // clears the draft, the details and the results at once. Cleared details come back with the "Undo" beside them
  // (the same candidate's next draft after all), until a detail is typed. A draft "New draft" cleared comes back with
  // the "Undo" beside that button, and the details it cleared with it (one Undo, not two), until a new draft is written:
  // from then on the details' own Undo holds them.
  const STALE_DETAILS = "The details about the candidate are from the previous draft and still used in the check. "
    + "Clear them if this draft is for someone else.";
  function staleDetails(on) {
    $("details-stale").textContent = on ? STALE_DETAILS : "";
  }

  // one Undo at a time: the draft's (which brings back the details too), else the details'
  function showUndos() {
    $("draft-cleared").hidden = clearedDraft === null;
    $("details-cleared").hidden = clearedDetails === null || clearedDraft !== null;
  }

  function forgetCleared() {
    clearedDetails = null;
    showUndos();
  }

  function forgetClearedDraft() {
    clearedDraft = null;
    showUndos();
  }

  function restoreDetails() {
    for (const name of CONTEXT_FIELDS) $("ctx-" + name).value = clearedDetails.values[name];
    detailsUsed = clearedDetails.used;
    forgetCleared();
  }

  // whether there were details to clear: if so, "Undo" brings them back
  function clearDetails() {
    const values = Object.fromEntries(CONTEXT_FIELDS.map((name) => [name, $("ctx-" + name).value]));
    const had = Object.values(values).some((value) => value.trim());
    for (const name of CONTEXT_FIELDS) $("ctx-" + name).value = "";
    if (had) {
      clearedDetails = { values, used: detailsUsed };
      showUndos();
    }
    detailsUsed = false;
    staleDetails(false);
    return had;
  }

  const UNDO_CLEAR = " Undo, next to Clear details, brings them back.";
  $("restore-details").addEventListener("click", () => {
    if (!clearedDetails) return;
    restoreDetails();
    say("The details about the candidate are back.");
    $("clear-details").focus();  // the Undo button is gone
    if (draft.value.trim()) { markStale(); schedule(0); }  // its suggestions use them
  });

  function say(text) {  // at once, in place of any summary waiting to be read out
    clearTimeout(announceTimer);
    $("announce").textContent = text;
  }

  draft.addEventListener("beforeinput", (e) => {
    wholeDraft = !replacing && e.inputType.startsWith("insert")
      && (!draft.value.trim() || (draft.selectionStart === 0 && draft.selectionEnd === draft.value.length));
  });

  $("clear-details").addEventListener("click", () => {
    const had = context();
    say("The details about the candidate are cleared." + (clearDetails() ? UNDO_CLEAR : ""));
    if (had && draft.value.trim()) { markStale(); schedule(0); }  // its suggestions used them
  });

  const UNDO_NEW = " Undo, next to New draft, brings them back.";
  $("restore-draft").addEventListener("click", () => {
    if (clearedDraft === null) return;
    const text = clearedDraft;
    const details = clearedDetails !== null;
    if (details) restoreDetails();  // first: the check of the draft uses them
    forgetClearedDraft();
    replaceDraft(text);  // one edit, as New draft's
    say(details ? "The draft and the details about the candidate are back." : "The draft is back.");
    $("new-draft").focus();  // the Undo button is gone
    schedule(0);
  });

  $("new-draft").addEventListener("click", () => {
    const text = draft.value;
    // the page stays where it is: on a phone the draft box's top is a screen above, and "Draft cleared — Undo",
    // beside this button, would be out of sight
    const scrolled = window.scrollY;
    const cleared = clearDetails();
    if (text.trim()) clearedDraft = text;  // else an Undo of an earlier New draft still holds
    showUndos();
    forgetApply();
    notice = null;
    if (draft.value) replaceDraft("");  // one edit: Ctrl+Z in the draft box brings the text back
    clearTimeout(timer);
    if (inFlight) inFlight.abort();
    clearTimeout(copyTimer);
    $("copy-status").textContent = "";
    updateCounter();
    showEmpty();
    say("New draft: the draft, the details about the candidate and the check are cleared."
      + (text.trim() ? UNDO_NEW : cleared ? UNDO_CLEAR : ""));
    draft.focus({ preventScroll: true });
    window.scrollTo({ top: scrolled });
  });

  // ---- wiring ----------------------------------------------------------------------------------
  // the page keeps nothing (no storage, by design): a reload or a closed tab would lose a draft not yet copied, so
  // the browser asks first ("Leave site?"). Going Back to the page keeps the draft (pageshow below)
  window.addEventListener("beforeunload", (e) => {
    if (!draft.value.trim() || draft.value === copiedText) return;
    e.preventDefault();
    e.returnValue = "";  // older browsers ask only when this is set
  });
  // back from another page with the draft restored by the browser: check it again
  window.addEventListener("pageshow", (e) => { if (e.persisted || (draft.value.trim() && !report)) schedule(0); });
  draft.addEventListener("input", () => {
    updateCounter();
    if (wholeDraft && detailsUsed && draft.value.trim() && context()) staleDetails(true);
    if (!draft.value.trim()) staleDetails(false);  // deleted: the notice was about that draft
    else if (clearedDraft !== null) forgetClearedDraft();  // a new draft written: the old one is not put over it
    wholeDraft = false;
    if (applies.length && draft.value !== lastApply().after) forgetApply();  // edited since: undo would lose that
    // emptied (for the next candidate's draft, perhaps): an apply on its way has no draft to go in, and its "Not
    // applied: the draft changed" would be said of the next draft
    if (!draft.value.trim() && applyRequest) applyRequest.abort();
    markStale();
    schedule();
  });
  for (const name of CONTEXT_FIELDS) {
    $("ctx-" + name).addEventListener("input", () => {
      $("ctx-" + name).removeAttribute("aria-invalid");  // changed: the next check says whether it is still refused
      staleDetails(false);
      forgetCleared();
      markStale();
      schedule();
    });
  }
  $("api-key").addEventListener("input", (e) => { apiKey = e.target.value.trim(); schedule(); });
  // On a phone the context form would push the results far down: start it folded there.
  if (window.matchMedia("(max-width: 560px)").matches) $("context").open = false;
  updateCounter();
  if (draft.value.trim()) schedule(0);
})();
