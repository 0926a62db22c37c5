"""The audit's HTML report: one self-contained file (inline CSS and SVG; no scripts, no CDN).

Rendered from an `AuditStats` only, so it never needs the rows themselves. All text from the
messages is HTML-escaped, and (unless --show-pii) redacted before it gets here.
"""
from __future__ import annotations

import html
from datetime import datetime, timezone

from .aggregate import BANDS, HIST_BINS, SCORES, AuditStats
from .readers import printable
from .redact import redact_path

BAND_COLOURS = {"poor": "#c0392b", "fair": "#e67e22", "good": "#2e86c1", "strong": "#1e8449"}
SCORE_LABELS = {"overall": "Overall", "specificity": "Specificity", "warmth": "Warmth"}

CSS = """
body{font:15px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0;color:#1f2933;background:#f7f8fa}
main{max-width:1100px;margin:0 auto;padding:24px}
h1{font-size:26px;margin:0 0 4px}h2{font-size:20px;margin:32px 0 8px;border-bottom:1px solid #d9dee4;padding-bottom:4px}
h3{font-size:16px;margin:18px 0 6px}
.meta{color:#52606d;font-size:13px}
.cards{display:flex;flex-wrap:wrap;gap:12px;margin:16px 0}
.card{background:#fff;border:1px solid #d9dee4;border-radius:8px;padding:10px 14px;min-width:120px}
.card b{display:block;font-size:22px}
.charts{display:flex;flex-wrap:wrap;gap:16px}
figure{background:#fff;border:1px solid #d9dee4;border-radius:8px;padding:8px;margin:0}
figcaption{font-size:13px;color:#52606d;text-align:center}
table{border-collapse:collapse;width:100%;background:#fff;font-size:14px}
th,td{border-bottom:1px solid #e4e7eb;padding:5px 8px;text-align:left;vertical-align:top}
th{background:#eef1f4}td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.bar{display:inline-block;height:10px;background:#2e86c1;border-radius:2px;vertical-align:middle}
.ex{background:#fff;border:1px solid #d9dee4;border-left:5px solid #999;border-radius:6px;padding:8px 12px;margin:8px 0}
.ex .score{font-weight:600}.ex .rules{font-size:12px;color:#52606d}
.examples{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:12px}
.ex code,.ex p{overflow-wrap:anywhere}
section{overflow-x:auto}svg{max-width:100%;height:auto}
.note{font-size:13px;color:#52606d}
code{font-size:12px;background:#eef1f4;padding:1px 4px;border-radius:3px}
"""


# What to do about the inputs of each error code, for the report's error table (a row's own message says why it failed)
ERROR_ADVICE = {
    "missing_column": "Name the column that holds the message with --text-column (the header row must be the "
                      "file's first row, or stand under title lines by line 5), then rerun.",
    "missing_text": "The row or record has no message in its text column: fill it in, or name the right column "
                    "with --text-column.",
    "invalid_csv": "Fix the rows in the CSV file (a stray or unclosed quote, a cell that holds the delimiter "
                   "unquoted) and audit the file again; its other rows were checked.",
    "invalid_json": "Fix the records (one JSON object per line, the message as text) and audit the file again; "
                    "its other records were checked.",
    "invalid_input": "The input cannot be read as it is: see each row's reason (an encoding, a binary file).",
    "unreadable_file": "Check that the file exists and can be read, then rerun with --resume.",
    "empty_file": "The file holds no messages; nothing to check unless it should.",
    "corrupt_message": "Open the message in a mail client and save it again as .eml, or save its text as .txt.",
    "empty_message": "The message has no text; nothing to check unless it should have some.",
    "no_text_body": "The message has no text to read (attachments, an invitation, winmail.dat): save the letter's "
                    "text as .txt to check it.",
    "auto_reply": "Nothing to do: automatic replies (out of office) are not the team's messages.",
    "text_too_long": "Check one message at a time: a thread, a merged mailbox or a cell holding several messages "
                     "is over the length limit.",
    "internal_error": "A bug in rejectcheck: rerun the audit with --debug and report the message's error.",
}


def messages(n: int) -> str:
    """'1 message', '2 messages'."""
    return f"{n:,} message" + ("" if n == 1 else "s")


def escape(text: str) -> str:
    """HTML-escaped, with control characters shown as escapes (an input's NUL is never written raw)."""
    return html.escape(printable(text))


def _fmt(x: float | None, digits: int = 0) -> str:
    return "–" if x is None else f"{x:.{digits}f}"


def svg_histogram(counts: list[int], title: str, width: int = 330, height: int = 180) -> str:
    """Bars for score bins 0-9 ... 90-100, coloured by band."""
    pad_l, pad_b, pad_t = 34, 26, 10
    plot_w, plot_h = width - pad_l - 8, height - pad_b - pad_t
    top = max(counts) or 1
    bw = plot_w / len(counts)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" '
             f'aria-label="{escape(title)}" viewBox="0 0 {width} {height}">']
    parts.append(f'<line x1="{pad_l}" y1="{pad_t + plot_h}" x2="{width - 8}" y2="{pad_t + plot_h}" stroke="#9aa5b1"/>')
    parts.append(f'<text x="{pad_l - 4}" y="{pad_t + 8}" font-size="10" text-anchor="end" fill="#52606d">{top}</text>')
    parts.append(f'<text x="{pad_l - 4}" y="{pad_t + plot_h}" font-size="10" text-anchor="end" fill="#52606d">0</text>')
    for i, c in enumerate(counts):
        lo = i * 10
        colour = BAND_COLOURS[next(b[0] for b in BANDS if b[2] <= lo < b[3])]
        h = plot_h * c / top
        x = pad_l + i * bw + 1
        label = f"{lo}–{lo + 9 if i < HIST_BINS - 1 else 100}"
        parts.append(f'<rect x="{x:.1f}" y="{pad_t + plot_h - h:.1f}" width="{bw - 2:.1f}" height="{h:.1f}" '
                     f'fill="{colour}"><title>{label}: {c}</title></rect>')
        if i % 2 == 0:
            parts.append(f'<text x="{x + (bw - 2) / 2:.1f}" y="{height - 10}" font-size="10" text-anchor="middle" '
                         f'fill="#52606d">{lo}</text>')
    parts.append("</svg>")
    return "".join(parts)


def svg_bands(stats: AuditStats, width: int = 330, height: int = 180) -> str:
    """One horizontal bar per score band."""
    total = stats.checked or 1
    row_h = (height - 20) / len(BANDS)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" '
             f'aria-label="Messages per score band" viewBox="0 0 {width} {height}">']
    for i, (key, label, lo, hi) in enumerate(BANDS):
        n = stats.bands.get(key, 0)
        y = 10 + i * row_h
        w = (width - 170) * n / total
        parts.append(f'<text x="0" y="{y + row_h / 2 + 4:.1f}" font-size="12" fill="#1f2933">'
                     f'{escape(label)} ({lo}–{min(hi - 1, 100)})</text>')
        parts.append(f'<rect x="120" y="{y + 4:.1f}" width="{max(w, 0.5):.1f}" height="{row_h - 8:.1f}" '
                     f'fill="{BAND_COLOURS[key]}"><title>{escape(label)}: {n}</title></rect>')
        parts.append(f'<text x="{124 + w:.1f}" y="{y + row_h / 2 + 4:.1f}" font-size="11" fill="#52606d">'
                     f'{n:,} ({100 * n / total:.0f}%)</text>')
    parts.append("</svg>")
    return "".join(parts)


def svg_trend(points: list[tuple[str, float, int]], width: int = 1000, height: int = 240) -> str:
    """Monthly mean overall score (line) over message counts (bars)."""
    pad_l, pad_r, pad_t, pad_b = 40, 40, 12, 40
    plot_w, plot_h = width - pad_l - pad_r, height - pad_t - pad_b
    n = len(points)
    step = plot_w / max(n, 1)
    top_count = max(c for _m, _s, c in points) or 1
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" '
             f'aria-label="Mean overall score per month" viewBox="0 0 {width} {height}">']
    for v in (0, 50, 100):
        y = pad_t + plot_h * (1 - v / 100)
        parts.append(f'<line x1="{pad_l}" y1="{y:.1f}" x2="{width - pad_r}" y2="{y:.1f}" stroke="#e4e7eb"/>'
                     f'<text x="{pad_l - 6}" y="{y + 4:.1f}" font-size="10" text-anchor="end" fill="#52606d">{v}</text>')
    coords = []
    label_every = max(1, n // 12)
    for i, (month, mean, count) in enumerate(points):
        x = pad_l + step * (i + 0.5)
        h = plot_h * 0.35 * count / top_count
        parts.append(f'<rect x="{x - step * 0.3:.1f}" y="{pad_t + plot_h - h:.1f}" width="{step * 0.6:.1f}" '
                     f'height="{h:.1f}" fill="#d9e6f2"><title>{month}: {messages(count)}</title></rect>')
        y = pad_t + plot_h * (1 - mean / 100)
        coords.append(f"{x:.1f},{y:.1f}")
        if i % label_every == 0:
            parts.append(f'<text x="{x:.1f}" y="{height - pad_b + 16}" font-size="10" text-anchor="middle" '
                         f'fill="#52606d">{month}</text>')
    parts.append(f'<polyline points="{" ".join(coords)}" fill="none" stroke="#2e86c1" stroke-width="2"/>')
    for c, (month, mean, count) in zip(coords, points):
        x, y = c.split(",")
        parts.append(f'<circle cx="{x}" cy="{y}" r="3" fill="#2e86c1"><title>{month}: mean overall '
                     f'{mean:.0f} ({messages(count)})</title></circle>')
    parts.append("</svg>")
    return "".join(parts)


def _example(ex, colour: str) -> str:
    rules = ", ".join(f"<code>{escape(r)}</code>" for r in ex.rules) or "no findings"
    return (f'<div class="ex" style="border-left-color:{colour}"><span class="score">{ex.overall}</span> '
            f'overall · specificity {ex.specificity} · warmth {ex.warmth} · <code>{escape(ex.label or ex.id)}</code>'
            f'<p>{escape(ex.excerpt)}</p><div class="rules">{rules}</div></div>')


def render_html(stats: AuditStats, *, title: str = "rejectcheck audit", inputs: list[str] | None = None,
                generated: datetime | None = None, notes: list[str] | None = None) -> str:
    """The whole report as one HTML string; `notes`: the run's own warnings (files skipped ...)."""
    generated = generated or datetime.now(timezone.utc)
    checked = stats.checked
    out: list[str] = [
        "<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="generator" content="rejectcheck audit">',  # a later audit of this folder skips this file
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title><style>{CSS}</style></head><body><main>",
        f"<h1>{escape(title)}</h1>",
        f'<p class="meta">Generated {generated.strftime("%Y-%m-%d %H:%M UTC")} · model '
        f'{escape(str(stats.model_version or "–"))} · '
        + ("names and e-mail addresses shown (--show-pii)" if stats.show_pii
           else "candidate names and e-mail addresses redacted")
        + (f" · inputs: {escape(', '.join(inputs if stats.show_pii else map(redact_path, inputs)))}"
           if inputs else "") + "</p>",
    ]
    # ---- key figures
    pct = (lambda n: f"{100 * n / checked:.0f}%") if checked else (lambda n: "–")
    cards = [("Messages", stats.total), ("Checked", checked), ("Could not check", sum(stats.errors.values())),
             *([("Not English (no verdict)", stats.not_english)] if stats.not_english else []),
             ("Mean overall", _fmt(stats.mean("overall"))), ("Mean specificity", _fmt(stats.mean("specificity"))),
             ("Mean warmth", _fmt(stats.mean("warmth"))), ("Actionable", pct(stats.flags["actionable"])),
             ("Keeps the relationship", pct(stats.flags["relationship"])), ("Risky", stats.flags["risky"])]
    if stats.fail_under is not None:
        cards.append((f"Below {stats.fail_under}", stats.below))
    out.append('<section id="summary"><div class="cards">'
               + "".join(f'<div class="card"><b>{escape(f"{v:,}" if isinstance(v, int) else str(v))}</b>{escape(k)}</div>'
                         for k, v in cards)
               + "</div></section>")
    not_english = f" + {stats.not_english:,} not English (no verdict)" if stats.not_english else ""
    out.append(f'<p class="note">Messages: every input read ({stats.total:,} = {checked:,} checked'
               f"{not_english} + {sum(stats.errors.values()):,} that could not be checked), each a row in the output "
               "file. Means, percentages and the tables below count checked messages only. Risky is a number of "
               "messages, not English ones included: those with wording that carries legal risk (a protected "
               "characteristic such as age, or a proxy for one).</p>")
    for note in notes or ():
        out.append(f'<p class="note">{escape(note)}</p>')
    if not checked:
        out.append("<p>No message could be checked; see the errors below.</p>")
    # ---- distributions
    out.append('<section id="distributions"><h2>Score distributions</h2><div class="charts">')
    for s in SCORES:
        out.append(f"<figure>{svg_histogram(stats.hist[s], f'{SCORE_LABELS[s]} score distribution')}"
                   f"<figcaption>{SCORE_LABELS[s]} (0–100)</figcaption></figure>")
    out.append(f"<figure>{svg_bands(stats)}<figcaption>Messages per band (overall)</figcaption></figure>")
    out.append("</div></section>")
    # ---- boilerplate phrases
    phrases = stats.top_phrases(20)
    out.append('<section id="boilerplate"><h2>Most common boilerplate</h2>')
    if phrases:
        out.append('<p class="note">Sentences the model marks as stock wording and phrases the rules flag, '
                   "grouped after redaction; share = messages containing it out of all checked messages.</p>")
        out.append("<table><tr><th>Phrase</th><th>Messages</th><th>Share</th></tr>")
        for phrase, count, share in phrases:
            out.append(f'<tr><td>{escape(phrase)}</td><td class="num">{count}</td><td class="num">'
                       f'<span class="bar" style="width:{max(1, round(80 * share))}px"></span> {100 * share:.1f}%</td></tr>')
        out.append("</table>")
        if stats.phrases.pruned:
            out.append('<p class="note">Counts are approximate: rare phrases were pruned to bound memory.</p>')
    elif len(stats.phrases):
        out.append("<p>No boilerplate sentence or phrase occurs in more than one message.</p>")
    else:
        out.append("<p>No boilerplate found.</p>")
    out.append("</section>")
    # ---- findings
    if stats.rules:
        out.append('<section id="findings"><h2>Most frequent findings</h2><table><tr><th>Rule</th>'
                   "<th>Severity</th><th>Messages</th><th>Share</th></tr>")
        for rule, n in stats.top_rules(15):
            out.append(f"<tr><td><code>{escape(rule)}</code></td><td>{escape(stats.rule_severity.get(rule, ''))}</td>"
                       f'<td class="num">{n}</td><td class="num">{pct(n)}</td></tr>')
        out.append("</table></section>")
    # ---- the checked messages' warnings: what was left out of the check, or makes a score mean less
    warnings = stats.top_warnings(10)
    if warnings:
        out.append('<section id="warnings"><h2>Warnings on checked messages</h2><p class="note">What the checker '
                   "left out of a message (a quoted reply, a header block) or says makes its scores mean less; each "
                   "row in the output file has its own. A warning that names a line or a length is counted as one, "
                   "shown as first given.</p><table><tr><th>Warning</th><th>Messages</th><th>Share</th></tr>")
        for text, n in warnings:
            out.append(f'<tr><td>{escape(text)}</td><td class="num">{n:,}</td><td class="num">{pct(n)}</td></tr>')
        out.append("</table>")
        if len(stats.warnings) > len(warnings):
            out.append(f'<p class="note">The {len(warnings)} most frequent warnings, of {len(stats.warnings):,}.</p>')
        out.append("</section>")
    # ---- bands with examples
    out.append('<section id="bands"><h2>Messages per score band</h2>')
    for key, label, lo, hi in BANDS:
        n = stats.bands.get(key, 0)
        out.append(f"<h3>{escape(label)} ({lo}–{min(hi - 1, 100)}): {messages(n)} ({pct(n)})</h3>")
        weakest, strongest = stats.weakest(key), stats.strongest(key)
        shown = {e.id for e in weakest}  # a band of few messages: each is shown once, under Weakest
        strongest = [e for e in strongest if e.id not in shown]
        if not weakest:
            out.append('<p class="note">No examples.</p>' if not n else
                       '<p class="note">Examples are not available for rows resumed from a CSV.</p>')
            continue
        colour = BAND_COLOURS[key]
        out.append('<div class="examples"><div><b>Weakest</b>'
                   + "".join(_example(e, colour) for e in weakest) + "</div>"
                   + ("<div><b>Strongest</b>" + "".join(_example(e, colour) for e in strongest) + "</div>"
                      if strongest else "") + "</div>")
    out.append("</section>")
    # ---- trend
    trend = stats.trend()
    if trend:
        out.append('<section id="trend"><h2>Trend over time</h2>')
        if len(trend) >= 2:
            points = [(m, g.mean, g.count) for m, g in trend]
            out.append(f"<figure>{svg_trend(points)}<figcaption>Mean overall score per month "
                       f"(line) and messages per month (bars); {messages(stats.dated)} with a date"
                       "</figcaption></figure>")
        out.append("<table><tr><th>Month</th><th>Messages</th><th>Mean overall</th><th>Mean specificity</th>"
                   "<th>Mean warmth</th></tr>")
        for m, g in trend[-36:]:
            out.append(f'<tr><td>{m}</td><td class="num">{g.count}</td><td class="num">{g.mean:.0f}</td>'
                       f'<td class="num">{g.specificity / g.count:.0f}</td><td class="num">{g.warmth / g.count:.0f}</td></tr>')
        out.append("</table></section>")
    # ---- senders
    senders = stats.top_senders(50)
    if senders:
        out.append('<section id="senders"><h2>By sender</h2><table><tr><th>Sender</th><th>Messages</th>'
                   "<th>Mean overall</th><th>Lowest</th><th>Poor (&lt;40)</th></tr>")
        for name, g in senders:
            out.append(f'<tr><td>{escape(name)}</td><td class="num">{g.count}</td><td class="num">{g.mean:.0f}</td>'
                       f'<td class="num">{g.minimum}</td><td class="num">{g.poor}</td></tr>')
        out.append("</table>")
        if len(stats.senders) > 50:
            out.append(f'<p class="note">The 50 senders with most messages, of {len(stats.senders)}.</p>')
        out.append("</section>")
    # ---- errors
    if stats.errors:
        # one group per error code, most frequent first: its count, what to do, and its first few rows
        out.append('<section id="errors"><h2>Inputs that could not be checked</h2><p class="note">Grouped by '
                   "reason; the output file has an error row for each, with its own message.</p>"
                   "<table><tr><th>Reason</th><th>Count</th><th>What to do</th></tr>")
        for code, n in stats.error_counts():
            out.append(f'<tr><td><code>{escape(code)}</code></td><td class="num">{n:,}</td>'
                       f"<td>{escape(ERROR_ADVICE.get(code, 'See the examples below.'))}</td></tr>")
        out.append("</table>")
        for code, n in stats.error_counts():
            shown = [e for e in stats.error_examples if e["code"] == code]
            out.append(f"<h3><code>{escape(code)}</code>: {n:,} input{'' if n == 1 else 's'}"
                       + (f" (the first {len(shown)} shown)" if len(shown) < n else "") + "</h3>"
                       "<table><tr><th>Id</th><th>Source</th><th>Reason</th></tr>")
            for e in shown:
                notes = "".join(f'<br><span class="note">{escape(str(w))}</span>' for w in e.get("warnings") or ())
                out.append(f"<tr><td><code>{escape(str(e['id']))}</code></td><td>{escape(str(e['source']))}</td>"
                           f"<td>{escape(str(e['message']))}{notes}</td></tr>")
            out.append("</table>")
        out.append("</section>")
    out.append('<p class="note">Scores are rejectcheck\'s estimates (0–100); specificity counts most. '
               "Every input is accounted for in the output file: a result row or an error row.</p>")
    out.append("</main></body></html>")
    return "\n".join(out)
