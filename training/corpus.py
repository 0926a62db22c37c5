"""Build the labelled corpus from the team's hand-written raw files, and split it.

raw (data/raw/*.jsonl, paragraphs of labelled sentences)
  -> data/corpus.jsonl (text + sentences with character offsets)
  -> data/splits.json (group-aware train/dev/test)
"""
from __future__ import annotations

import hashlib
import html
import json
import re
from collections import Counter, defaultdict
from pathlib import Path

from model.segment import BULLET, GREETING, MERGE_FIELD, SIGN_OFF

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
RAW_DIR = DATA_DIR / "raw"
CORPUS_PATH = DATA_DIR / "corpus.jsonl"
SPLITS_PATH = DATA_DIR / "splits.json"
SPLIT_SHARES = (("train", 0.70), ("dev", 0.15), ("test", 0.15))
NEAR_DUP_JACCARD = 0.6

_SENT_FIELDS = ("kind", "specificity", "boilerplate", "tone")
_MSG_FIELDS = ("specificity", "warmth", "actionable", "relationship", "risky")
_META_FIELDS = ("group", "author", "industry", "seniority", "channel", "locale", "tags")


def _stable_int(s: str) -> int:
    return int(hashlib.sha1(s.encode("utf-8")).hexdigest()[:12], 16)


def _quoted_block(raw_id: str, quoted: str) -> str:
    days = ["Mon", "Tue", "Wed", "Thu", "Fri"]
    months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    h = _stable_int(raw_id)
    header = (f"On {days[h % 5]}, {1 + h % 28} {months[(h >> 3) % 12]} {2023 + (h >> 7) % 3} at "
              f"{8 + (h >> 9) % 10}:{(h >> 11) % 60:02d}, Candidate <candidate@example.com> wrote:")
    lines = [header] + ["> " + ln if ln else ">" for ln in quoted.strip().split("\n")]
    return "\n".join(lines)


# Words a sender line may consist of without naming an organisation ("Talent Acquisition Team",
# "Senior Recruiter", "HR Services"): titles and generic departments.
_GENERIC_SENDER_WORDS = frozenset("""
the a an of and & for at team teams talent acquisition recruiting recruitment recruiter recruiters senior junior lead
hr human resources people careers career hiring manager managers director officer partner head coordinator specialist
department office graduate campus early global operations executive assistant associate administrator admin services
service desk business group staffing sourcing advisor adviser consultant principal vice president vp chief cpo chro
generalist university college""".split())
_WORD = re.compile(r"[^\W\d_][\w'’.\-]*")  # letters in any script: "Oisín", "Zoë"


_CLOSING = re.compile(r"^[A-Za-z][^.!?:\n]{0,40},\s*$")


def signature_names_org(text: str, sender_only: bool = False) -> bool | None:
    """For a signature block ("Best regards,\nName\nTitle, Company"): does it name the company or a
    named team (rubric specificity 1)? None when the text is not a signature block.

    `sender_only`: the text may also be the sender's lines without a closing (a message's last
    line such as "Harbour Bank Talent Acquisition"). A first sender line that looks like a personal
    name does not count, nor do lines made only of generic titles ("Senior Recruiter", "Talent
    Acquisition Team") or of unfilled merge fields."""
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    if not lines:
        return None
    if len(lines) >= 2 and (SIGN_OFF.match(lines[0]) or _CLOSING.match(lines[0])):
        sender = lines[1:]
    elif sender_only and len(" ".join(lines).split()) <= 16 and not re.search(r"[.!?:]\s*$", lines[-1]):
        sender = lines
    else:
        return None

    def words(line: str) -> list[str]:
        return _WORD.findall(MERGE_FIELD.sub(" ", line))

    def is_person(line: str) -> bool:
        ws = words(line)
        return (not MERGE_FIELD.search(line) and 1 <= len(ws) <= 4 and all(w[0].isupper() for w in ws)
                and not any(w.lower().strip(".") in _GENERIC_SENDER_WORDS for w in ws))

    first = sender[0].split(",")[0] if "," in sender[0] else sender[0]
    if is_person(first):  # "Nina Halvorsen, Director of Quality, Cinderpath Studios"
        sender = [sender[0][len(first):].strip(" ,")] + sender[1:]
    for line in sender:
        ws = [w.lower().strip(".") for w in words(line)]
        if any(w not in _GENERIC_SENDER_WORDS for w in ws):
            return True
    return False


# Social channels, for the pointer lists below ("on X" is the platform; a bare "x" is not).
_SOCIAL = (r"linkedin|facebook|instagram|twitter|\bon x\b|youtube|tiktok|whatsapp|telegram|discord|glassdoor"
           r"|threads\b|socials\b|social (?:media|channels?|pages?|handles?)")
# A wish to stay in touch or meet again ...
_WISH = re.compile(
    r"paths (will |may |might )?cross|cross paths|(stay|keep|be) in touch|stay connected|hear from you again"
    r"|see you again|meet again|speak again|talk again|connect again|reconnect|don't be a stranger"
    r"|work together (one day|in the future|someday)", re.I)
# ... that neither promises an action nor points somewhere (those stay "empty future promises").
_PROMISE_OR_POINTER = re.compile(
    r"\bfile\b|r[ée]sum[ée]|\bcv\b|profile|details|database|talent (pool|community|network)|career|website"
    r"|" + _SOCIAL + r"|job board|portal|newsletter|\bcontact you|reach out|let you know|apply"
    r"|vacanc|opening|\broles?\b|position|alert|\blist\b|\.com|\.org|www|next (year|cycle|spring|summer)"
    r"|(will|'ll) be in touch|should .* aris|keep an eye", re.I)


def courtesy_wish(text: str) -> bool:
    """"We hope our paths cross again": a courtesy wish, not a promise or a pointer (rubric: low)."""
    return bool(_WISH.search(text)) and not _PROMISE_OR_POINTER.search(text)


# "We are unable to provide individual feedback": a policy line about feedback, not a reason for
# the decision.
_NO_FEEDBACK = re.compile(
    r"\b(?:unable|not able|cannot|can['\u2019]t|can not|won['\u2019]t|will not|do not|don['\u2019]t)\b[^.;]{0,40}?"
    r"\b(?:provide|give|offer|share|send)\b[^.;]{0,40}?\bfeedback\b", re.I)


# ... unless the same sentence also gives a (generic) reason for the decision
_DECISION_REASON = re.compile(r"\b(?:based on|evaluat\w*|criteria|experience|skills?|suited|match\w*|fit)\b", re.I)


def no_feedback_line(text: str) -> bool:
    """"Due to the volume of applications we cannot give individual feedback" (rubric: low)."""
    return bool(_NO_FEEDBACK.search(text)) and not _DECISION_REASON.search(text)


# "Your application does not meet the minimum qualifications": a screening-out whose only reason is
# the unnamed minimum ("not the right fit" in the register of automated screening)
_MINIMUM_NOT_MET = re.compile(
    r"(?:\bnot|n[\u2019']t)\s+(?:to\s+)?(?:meet|satisfy|fulfil+)\s+(?:the\s+|our\s+|all\s+(?:of\s+)?the\s+)?"
    r"(?:stated\s+|listed\s+|advertised\s+)?(?:minimum|basic|essential|mandatory|required)\s+(?:job\s+)?"
    r"(?:requirements|qualifications|criteria)"
    r"|\bminimum\s+(?:requirements|qualifications|criteria)\s+(?:were\s+|was\s+)?not\s+(?:been\s+)?met", re.I)


def minimum_not_met(text: str) -> bool:
    """"You do not meet the minimum qualifications for this position" (rubric: a generic reason, high)."""
    return bool(_MINIMUM_NOT_MET.search(text))


# "Applications for the 2027 intake open in October": when the candidate can apply again ...
_MONTHS = "january|february|march|april|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec"
_WHEN = re.compile(
    r"\b(?:" + _MONTHS + r")\b"  # a month ("May" only in "in May" or with a date: it is a modal verb too)
    r"|\bin may\b|\bmay (?:20\d\d|\d{1,2}(?:st|nd|rd|th)?)\b"
    r"|\b(?:next|this|coming|in the|by the|each|every) (?:spring|summer|autumn|fall|winter)\b"
    r"|\b(?:spring|summer|autumn|fall|winter)(?:'s)? (?:20\d\d|intake|cohort|program(?:me)?|internships?|hiring|recruitment)\b"
    r"|\b20\d\d\b"
    r"|\bnext (?:year|quarter|cycle|intake|cohort|batch|round|season|semester|term|financial year|academic year"
    r"|recruitment cycle|hiring cycle)\b"
    r"|\b(?:after|in|within|for) (?:\w+ )?(?:\d+|one|two|three|four|five|six|nine|twelve|eighteen) (?:days?|weeks?|months?|years?)\b"
    r"|\bcooling[- ]off\b", re.I)
# ... unless the line promises to keep the candidate's details or points to a site, feed or alert:
# those are the rubric's "empty future promises", dated or not.
_KEEPS_OR_POINTS = re.compile(
    r"\bfile\b|retain|\bkeep (?:your|you)\b|\bkept\b|hold your|database|talent (?:pool|community|network|platform)"
    r"|\bpool\b|profile|system|records?\b|\bactive\b|\bremain\b|\blist\b|details|\bdata\b"
    r"|site\b|website|\bpage\b|\.com|\.co\b|\.in\b|\.org|www|portal"
    r"|follow|alert|blog|newsletter|register|sign up|#\w|" + _SOCIAL, re.I)


def dated_invitation(text: str) -> bool:
    """"Applications for our 2027 intake open in October": says when the candidate can apply again
    (a month, season, year, cycle or waiting period) without promising to keep their details or
    pointing to a careers site (rubric: information, so boilerplate "none")."""
    return bool(_WHEN.search(text)) and not _KEEPS_OR_POINTS.search(text)


def apply_conventions(sent: dict, last: bool = False) -> dict:
    """Labelling conventions applied uniformly on top of the writers' labels (see data/README.md).

    A signature block (a closing such as "Best regards," with the sender's name and title) is
    boilerplate "none": it identifies the writer and stands in for no content. Valedictions that
    say something ("Best of luck in your search") keep the writer's label. A signature block that
    names the company or a named team is specificity 1, as the rubric defines it ("names the
    role, stage, team or company").

    A future sentence of specificity 0 that the writer marked formulaic ("low": "Please keep an eye
    on our careers page", "I hope our paths cross again") is boilerplate "high": it could be sent
    to anyone, so it is one of the rubric's "empty future promises"; a genuine invitation names a
    team, a person or a time and is specificity 1 or 2. Writers had marked 82 such sentences
    "low". Sentences the writer marked "none" (a personal, non-stock offer such as "if you're ever
    in Indiranagar, coffee is on me") keep their label.
    A wish to stay in touch or meet again that promises and points to nothing ("We hope our paths
    cross again", "Let's keep in touch") is the exception: it is formulaic courtesy, boilerplate
    "low", like "Best of luck in your search" (session 10; see `courtesy_wish`). Writers had marked
    49 such future wishes "high", and the rule above had turned the rest "high" too.

    A line saying that no individual feedback can be given ("Due to the volume of applications we
    are unable to provide individual feedback"), of specificity 0 or 1, is kind "other" and
    boilerplate "low": stock wording (so not "none"), but a policy about feedback rather than a
    generic reason for the decision, a promise or praise (so not "high"). Writers had labelled the
    same line "none" (19 times), "low" (37) and "high" (12), five times kind "reason" (session 11; see
    `no_feedback_line`).

    A future line that says when the candidate can apply again ("Applications for the 2027 intake
    open in October", "You may reapply after six months"), and neither promises to keep their
    details nor points to a careers site, is boilerplate "none": it tells the candidate something
    they could not have guessed. Writers had labelled such lines "low" (27) and "high" (24) (session
    12; see `dated_invitation`). Dated retention promises ("We will keep your CV on file for six
    months") and dated pointers ("Our internships open in January on acme.com/careers") keep the
    rule above.

    A decision or reason whose only reason is the unnamed minimum ("Your application does not meet
    the minimum qualifications for this position"), of specificity 0 or 1, is boilerplate "high":
    the rubric's generic reason in the register of automated screening, as "not the right fit" is
    in a letter. Naming the requirement that was missed makes it specificity 2 and "none". Writers
    had labelled the line "high" (6 times), "low" (4) and "none" (4) (session 13; see
    `minimum_not_met`).
    """
    first = sent["text"].split("\n", 1)[0]
    if sent["kind"] in ("decision", "reason") and sent["specificity"] <= 1 and minimum_not_met(sent["text"]):
        sent = {**sent, "boilerplate": "high"}
    if (sent["kind"] in ("other", "reason") and sent["specificity"] <= 1
            and (sent["kind"], sent["boilerplate"]) != ("other", "low") and no_feedback_line(sent["text"])):
        sent = {**sent, "kind": "other", "boilerplate": "low"}
    if sent["kind"] == "future" and sent["boilerplate"] in ("low", "high") and dated_invitation(sent["text"]):
        sent = {**sent, "boilerplate": "none"}
    elif sent["kind"] == "future" and sent["specificity"] <= 1 and sent["boilerplate"] != "none" and courtesy_wish(sent["text"]):
        sent = {**sent, "boilerplate": "low"}
    elif sent["kind"] == "future" and sent["specificity"] == 0 and sent["boilerplate"] == "low":
        sent = {**sent, "boilerplate": "high"}
    if sent["kind"] == "other" and sent["boilerplate"] == "low" and SIGN_OFF.match(first):
        sent = {**sent, "boilerplate": "none"}
    if (sent["kind"] == "other" and sent["specificity"] == 0 and not GREETING.match(first)
            and signature_names_org(sent["text"], sender_only=last)):
        sent = {**sent, "specificity": 1}
    return sent


def render(raw: dict) -> dict:
    """Turn one raw record into a corpus record whose sentence offsets reproduce the texts."""
    is_html = raw.get("format") == "html"
    parts: list[str] = []
    sentences: list[dict] = []
    pos = 0

    def add(s: str) -> None:
        nonlocal pos
        parts.append(s)
        pos += len(s)

    if is_html:
        add("<html><body>\n")
    for pi, para in enumerate(raw["paragraphs"]):
        if pi:
            add("\n" if is_html else "\n\n")
        if is_html:
            add("<p>")
        for si, sent in enumerate(para):
            sent = apply_conventions(sent, last=pi == len(raw["paragraphs"]) - 1 and si == len(para) - 1)
            text = sent["text"]
            if is_html:
                text = html.escape(text, quote=False).replace("\n", "<br>\n")
            if si:
                if BULLET.match(sent["text"]):
                    add("<br>\n" if is_html else "\n")
                else:
                    add(" ")
            start = pos
            add(text)
            out = {"start": start, "end": pos, "text": text}
            for f in _SENT_FIELDS:
                out[f] = sent[f] if f != "tone" else sorted(set(sent.get("tone", [])))
            if sent.get("risk"):
                out["risk"] = sent["risk"]
            sentences.append(out)
        if is_html:
            add("</p>")
    if is_html:
        add("\n</body></html>")
    text = "".join(parts)
    if raw.get("quoted"):
        text = text + "\n\n" + _quoted_block(raw["id"], raw["quoted"])
    rec = {"id": raw["id"], "text": text, "sentences": sentences}
    for f in _MSG_FIELDS:
        rec[f] = raw[f]
    for f in _META_FIELDS:
        if f in raw:
            rec[f] = raw[f]
    rec["format"] = "html" if is_html else "plain"
    rec["has_quoted_reply"] = bool(raw.get("quoted"))
    rec["has_merge_fields"] = bool(MERGE_FIELD.search(text))
    return rec


def load_raw(raw_dir: Path = RAW_DIR) -> list[dict]:
    records = []
    for path in sorted(raw_dir.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                records.append(json.loads(line))
    return records


def load_challenge(challenge_dir: Path) -> list[dict]:
    """The held-out challenge sets (data/challenge/*.jsonl, raw format): rendered like the corpus,
    never trained on (see data/README.md)."""
    return [r for recs in load_challenge_sets(challenge_dir).values() for r in recs]


def load_challenge_sets(challenge_dir: Path) -> dict[str, list[dict]]:
    """The challenge sets by theme: one writer's file per theme, named THEME_a/_b/... .jsonl
    ("contrast_harsh_b.jsonl" -> "contrast_harsh"), each rendered like the corpus."""
    sets: dict[str, list[dict]] = {}
    if challenge_dir.is_dir():
        for path in sorted(challenge_dir.glob("*.jsonl")):
            theme = re.sub(r"_[a-z]$", "", path.stem)
            sets.setdefault(theme, []).extend(
                render(json.loads(line)) for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
    return sets


def shingles(text: str, n: int = 3) -> set[str]:
    words = re.findall(r"[a-z0-9']+", text.lower())
    return {" ".join(words[i:i + n]) for i in range(max(0, len(words) - n + 1))}


def near_duplicate_pairs(records: list[dict], threshold: float = NEAR_DUP_JACCARD) -> list[tuple[int, int, float]]:
    """Index pairs of messages whose word-3-gram Jaccard similarity is >= threshold."""
    sh = [shingles(r["text"]) for r in records]
    index: dict[str, list[int]] = defaultdict(list)
    for i, s in enumerate(sh):
        for g in s:
            index[g].append(i)
    shared: Counter = Counter()
    for docs in index.values():
        if len(docs) > 200:  # stock phrases shared by everything say nothing about duplication
            continue
        for a in range(len(docs)):
            for b in range(a + 1, len(docs)):
                shared[(docs[a], docs[b])] += 1
    pairs = []
    for (i, j), k in shared.items():
        union = len(sh[i]) + len(sh[j]) - k
        if union and k / union >= threshold:
            pairs.append((i, j, k / union))
    return pairs


def assign_splits(records: list[dict]) -> dict[str, list[str]]:
    """Group-aware split: a group, and everything near-duplicated with it, stays in one split."""
    parent = list(range(len(records)))

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a, b):
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[rb] = ra

    by_group: dict[str, int] = {}
    for i, r in enumerate(records):
        g = r.get("group") or r["id"]
        if g in by_group:
            union(by_group[g], i)
        else:
            by_group[g] = i
    for i, j, _ in near_duplicate_pairs(records):
        union(i, j)
    clusters: dict[int, list[int]] = defaultdict(list)
    for i in range(len(records)):
        clusters[find(i)].append(i)
    splits: dict[str, list[str]] = {name: [] for name, _ in SPLIT_SHARES}
    for members in clusters.values():
        key = min(records[i]["id"] for i in members)
        u = (_stable_int("split:" + key) % 10_000) / 10_000
        acc = 0.0
        for name, share in SPLIT_SHARES:
            acc += share
            if u < acc:
                splits[name].extend(records[i]["id"] for i in members)
                break
    return {k: sorted(v) for k, v in splits.items()}


def build(raw_dir: Path = RAW_DIR, corpus_path: Path = CORPUS_PATH, splits_path: Path = SPLITS_PATH) -> dict:
    raws = load_raw(raw_dir)
    records = [render(r) for r in raws]
    with open(corpus_path, "w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    splits = assign_splits(records)
    splits_path.write_text(json.dumps(splits, indent=0) + "\n", encoding="utf-8")
    return {"messages": len(records), **{k: len(v) for k, v in splits.items()}}


def load_corpus(corpus_path: Path = CORPUS_PATH, splits_path: Path = SPLITS_PATH) -> dict[str, list[dict]]:
    """Corpus records grouped by split name."""
    records = {}
    for line in corpus_path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            r = json.loads(line)
            records[r["id"]] = r
    splits = json.loads(splits_path.read_text(encoding="utf-8"))
    return {name: [records[i] for i in ids if i in records] for name, ids in splits.items()}
