"""Fit the sentence and message heads on features computed by `model.features`."""
from __future__ import annotations

import re

import numpy as np
from sklearn.linear_model import LogisticRegression, Ridge
from sklearn.metrics import fbeta_score
from sklearn.model_selection import GroupKFold
from sklearn.preprocessing import StandardScaler

from model.checker import GRAM_PREFIX, MESSAGE_HEADS, SENTENCE_HEADS
from model.features import KIND_ORDER, hand_columns, message_feature_matrix, sentence_matrix
from model.heads import LinearHead, TreeHead
from model.report import BOILERPLATE
from model.segment import MERGE_FIELD, SIGN_OFF, may_hold_merge_field

from .config import TrainConfig
from .corpus import signature_names_org


def sentence_texts(records: list[dict]) -> list[list[str]]:
    return [[s["text"] for s in r["sentences"]] for r in records]


def sentence_targets(records: list[dict]) -> dict[str, np.ndarray]:
    sents = [s for r in records for s in r["sentences"]]
    return {
        "kind": np.array([KIND_ORDER.index(s["kind"]) for s in sents]),
        "specificity": np.array([s["specificity"] for s in sents]),
        "boilerplate": np.array([BOILERPLATE.index(s["boilerplate"]) for s in sents]),
        "harsh": np.array([int("harsh" in s["tone"]) for s in sents]),
        "cold": np.array([int("cold" in s["tone"]) for s in sents]),
        "risky": np.array([int("risky" in s["tone"]) for s in sents]),
    }


def split_signature(sent: dict) -> list[dict] | None:
    """A signature block as a standard line-based splitter would see it: the closing, then the
    sender's lines. The sender's lines name a team or company (specificity 1, per the rubric)
    when they go beyond a bare personal name."""
    lines = [ln.strip() for ln in sent["text"].split("\n") if ln.strip()]
    if sent["kind"] != "other" or len(lines) < 2 or not SIGN_OFF.match(lines[0]):
        return None
    rest = "\n".join(lines[1:])
    names_org = bool(signature_names_org(sent["text"]))
    base = {"kind": "other", "boilerplate": "none", "tone": [], "augmented": True}
    return [{**base, "text": lines[0], "specificity": 0},
            {**base, "text": rest, "specificity": 1 if names_org else 0}]


def augment_signatures(records: list[dict]) -> list[dict]:
    """Copies of messages whose signature block is split into closing + sender lines, so the
    sentence heads also learn those lines on their own (as line-based splitters produce them)."""
    out = []
    for r in records:
        sents, changed = [], False
        for s in r["sentences"]:
            parts = split_signature(s)
            if parts:
                sents.extend(parts)
                changed = True
            else:
                sents.append(s)
        if changed:
            out.append({**r, "id": r["id"] + "#sig", "sentences": sents})
    return out


def lower_keep_fields(text: str) -> str:
    """`text` in lower case, except unfilled merge fields ("%JOB_TITLE%", "[Candidate Name]"), which
    an ATS leaves as they are whatever the writer types around them."""
    out, pos = [], 0
    for m in MERGE_FIELD.finditer(text):
        out += [text[pos:m.start()].lower(), m.group(0)]
        pos = m.end()
    out.append(text[pos:].lower())
    return "".join(out)


def augment_case(records: list[dict], share: float, seed: int) -> list[dict]:
    """Lower-cased copies of a seeded `share` of the messages, labels unchanged: the rubric does
    not depend on capital letters, and people do type rejections in lower case. A copy keeps its
    original's group, so cross-validation never splits the pair."""
    if share <= 0:
        return []
    rng = np.random.default_rng(seed + 1)
    pick = rng.random(len(records)) < share
    out = []
    for r, p in zip(records, pick):
        if not p or len(r["text"].lower()) != len(r["text"]):
            continue
        out.append({**r, "id": r["id"] + "#lc", "group": r.get("group", r["id"]), "text": lower_keep_fields(r["text"]),
                    "sentences": [{**s, "text": lower_keep_fields(s["text"])} for s in r["sentences"]]})
    return out


# Stock softeners a writer may put before the outcome; they do not change what the sentence says.
OPENERS = ("Unfortunately, ", "Regrettably, ", "Sadly, ", "I'm afraid ")
_SOFTENED = re.compile(r"\b(?:unfortunately|regrettably|sadly|afraid|sorry|regret)\b", re.I)
_PRONOUN_START = re.compile(r"(?:We|I)\b")


def augment_openers(records: list[dict], share: float, seed: int) -> list[dict]:
    """Copies of a seeded `share` of the messages whose first decision sentence starts with "We" or
    "I" and holds no softener, with a stock softener put before it ("Unfortunately, we will not be
    progressing your application."), labels unchanged. A softener is a surface cue, not a change of
    tone (issue #3: a model that leans on "unfortunately" fails adversarial sets): the same bare
    decision is cold in a curt notice and not in a kind letter, and without these copies the model
    had learned "Unfortunately," as the sign of the kind letter (`python -m training robustness`:
    it flipped 3.8% of the tone flags in the messages it was added to). A copy keeps its original's
    group, so cross-validation never splits the pair; plain-text messages only."""
    if share <= 0:
        return []
    rng = np.random.default_rng(seed + 2)
    out = []
    for r in records:
        if r.get("format") == "html" or _SOFTENED.search(r["text"]):
            continue
        i = next((j for j, s in enumerate(r["sentences"]) if s["kind"] == "decision"), None)
        draw, pick = rng.random(), int(rng.integers(len(OPENERS)))  # drawn for every candidate: stable
        if i is None or not _PRONOUN_START.match(r["sentences"][i]["text"]) or draw >= share:
            continue
        old = r["sentences"][i]
        opener = OPENERS[pick % 3] if old["text"].startswith("I") else OPENERS[pick]  # not "I'm afraid I ..."
        new_text = opener + ("w" + old["text"][1:] if old["text"].startswith("We") else old["text"])
        delta = len(new_text) - len(old["text"])
        sents = []
        for j, s in enumerate(r["sentences"]):
            if j == i:
                sents.append({**s, "text": new_text, "end": s["end"] + delta})
            elif j > i:
                sents.append({**s, "start": s["start"] + delta, "end": s["end"] + delta})
            else:
                sents.append(s)
        text = r["text"][:old["start"]] + new_text + r["text"][old["end"]:]
        out.append({**r, "id": r["id"] + "#op", "group": r.get("group", r["id"]), "text": text, "sentences": sents})
    return out


# Particulars of the job, not of the candidate: what a template fills in around its stock phrases.
# (Kept apart from the lists of `training/robustness.py`'s `dressed_up`, which measures the same
# invariance with other roles, companies and forms.)
_PARTICULAR_ROLES = ("Warehouse Team Leader", "Junior Copywriter", "Clinical Data Manager", "Head Chef",
                     "Customer Success Associate", "Mechanical Design Engineer", "HR Business Partner",
                     "Retail Banking Officer", "Frontend Developer (React)", "Lab Technician II")
_PARTICULAR_COMPANIES = ("Brightwater Energy", "Sundaram Textiles", "Colebrook Council", "Pinewood Media",
                         "Marlow & Finch", "Veridian Health Trust")
_PARTICULAR_PLACES = ("Manchester", "Bengaluru", "Denver", "Glasgow", "Chennai", "Toronto")
# (slot, pattern, dressing): what the template fills in after a stock phrase. A match already
# followed by particulars ("your application for the ...", "the role's requirements") is left alone.
_PARTICULARS = (
    ("role", re.compile(r"\byour (?:application|candidacy|profile)\b(?! (?:for|to|with|at|in)\b)(?![\'’])", re.I),
     lambda m, job: f"{m.group(0)} for the {job['role']} vacancy (job ID {job['id']})"),
    ("role", re.compile(r"\bthe (?:position|role|vacancy|post)\b(?! (?:for|of|with|at|in)\b)(?![\'’])", re.I),
     lambda m, job: f"{m.group(0)[0]}he {job['role']} {m.group(0).split()[1]} with {job['company']}"),
    ("place", re.compile(r"\bother (?:candidates|applicants)\b(?! (?:for|from|with|at|in|who)\b)(?![\'’])", re.I),
     lambda m, job: f"{m.group(0)} for our {job['place']} branch"),
    ("company", re.compile(r"\bour (?:team|company|organi[sz]ation)\b(?![\'’])", re.I),
     lambda m, job: f"{m.group(0)[0]}ur {job['company']} {m.group(0).split()[1]}"),
)


def augment_particulars(records: list[dict], share: float, seed: int) -> list[dict]:
    """Copies of a seeded `share` of the messages, with the job's particulars padded into their
    boilerplate=high sentences ("your application for the Head Chef vacancy (job ID 48213)", "other
    candidates for our Glasgow branch"): generic text dressed up as specific, a hard case the
    rubric names. One job per copy (a role, a company, a place). A generic reason stays
    boilerplate=high however many job details surround it; naming the role or the company makes a
    generic sentence contextual (specificity 0 -> 1), and naming the role makes a message that
    named nothing one that names the role (message specificity 1 -> 2); every other label is
    unchanged. Sentences with a merge field are left alone. Plain-text messages only; a copy keeps
    its original's group. Tried in session 14 and not shipped (share 0; model card, "What was
    tried"): not better on the team's own sets."""
    if share <= 0:
        return []
    import random

    rng = random.Random(seed + 3)
    out = []
    for r in records:
        draw = rng.random()
        job = {"role": rng.choice(_PARTICULAR_ROLES), "company": rng.choice(_PARTICULAR_COMPANIES),
               "place": rng.choice(_PARTICULAR_PLACES), "id": rng.randint(1000, 99999)}  # drawn for every message
        if r.get("format") == "html" or draw >= share:
            continue
        sents, text, pos, named = [], [], 0, set()
        for s in r["sentences"]:
            new, here = s["text"], set()
            if s["boilerplate"] == "high" and not may_hold_merge_field(new):
                for slot, pattern, dress in _PARTICULARS:
                    dressed = pattern.sub(lambda m: dress(m, job), new, count=1)
                    if dressed != new:
                        here.add(slot)
                        new = dressed
            named |= here
            text.append(r["text"][pos:s["start"]])
            start = sum(map(len, text))
            text.append(new)
            label = dict(s, text=new, start=start, end=start + len(new))
            if here & {"role", "company"}:
                label["specificity"] = max(1, s["specificity"])
            sents.append(label)
            pos = s["end"]
        if not named:
            continue
        text.append(r["text"][pos:])
        spec = max(2, r["specificity"]) if "role" in named else r["specificity"]
        out.append({**r, "id": r["id"] + "#pt", "group": r.get("group", r["id"]), "text": "".join(text),
                    "sentences": sents, "specificity": spec})
    return out


def augment(records: list[dict], cfg) -> list[dict]:
    """The training records with their augmented copies (lower case, stock softeners, particulars)."""
    return (records + augment_case(records, cfg.augment_lowercase, cfg.seed)
            + augment_openers(records, cfg.augment_openers, cfg.seed)
            + augment_particulars(records, cfg.augment_particulars, cfg.seed))


MIN_SCALE = 0.05


def _scaler(X, raw_columns: tuple[int, int] | None = None):
    """Standardise, but never divide by less than MIN_SCALE: a rare TF-IDF n-gram has a tiny
    standard deviation, and plain standardisation would blow it up into a huge, overfitted weight.
    Columns in `raw_columns` (start, end) are left as they are (mean 0, scale 1): an L2-normalised
    TF-IDF block keeps its own geometry, in which frequent wording weighs more than rare wording."""
    sc = StandardScaler().fit(X)
    scale = np.maximum(sc.scale_, MIN_SCALE)
    mean = sc.mean_.copy()
    if raw_columns:
        a, b = raw_columns
        mean[a:b], scale[a:b] = 0.0, 1.0
    return mean.astype(np.float32), scale.astype(np.float32)


def fit_classifier(name: str, X, y, C: float, classes, balanced: bool, seed: int,
                   raw_columns: tuple[int, int] | None = None) -> LinearHead:
    mean, scale = _scaler(X, raw_columns)
    Z = (X - mean) / scale
    clf = LogisticRegression(C=C, max_iter=3000, class_weight="balanced" if balanced else None,
                             random_state=seed)
    clf.fit(Z, y)
    if len(classes) == 2:
        return LinearHead(name, "sigmoid", ["no", "yes"], clf.coef_.astype(np.float32),
                          clf.intercept_.astype(np.float32), mean, scale)
    # sklearn orders rows by the classes it saw; align to the full label list
    coef = np.full((len(classes), X.shape[1]), 0.0, dtype=np.float32)
    inter = np.full(len(classes), -30.0, dtype=np.float32)
    for row, c in enumerate(clf.classes_):
        coef[int(c)] = clf.coef_[row]
        inter[int(c)] = clf.intercept_[row]
    return LinearHead(name, "softmax", list(classes), coef, inter, mean, scale)


def fit_regressor(name: str, X, y, alpha: float) -> LinearHead:
    mean, scale = _scaler(X)
    reg = Ridge(alpha=alpha).fit((X - mean) / scale, y)
    return LinearHead(name, "linear", [], reg.coef_.reshape(1, -1).astype(np.float32),
                      np.array([reg.intercept_], dtype=np.float32), mean, scale)


def fit_sentence_heads(X, T: dict, cfg: TrainConfig) -> dict[str, LinearHead]:
    raw = cfg.raw_columns
    heads = {
        "kind": fit_classifier("kind", X, T["kind"], cfg.sentence_C, KIND_ORDER, False, cfg.seed, raw),
        "specificity": fit_classifier("specificity", X, T["specificity"], cfg.sentence_C, (0, 1, 2), False,
                                      cfg.seed, raw),
        "boilerplate": fit_classifier("boilerplate", X, T["boilerplate"], cfg.sentence_C, BOILERPLATE, False,
                                      cfg.seed, raw),
    }
    for t in cfg.tone_heads:
        heads[t] = fit_classifier(t, X, T[t], cfg.tone_C, (0, 1), cfg.tone_balanced, cfg.seed, raw)
    return heads


def predict_sentence(heads, X) -> dict[str, np.ndarray]:
    return {name: heads[name].predict_proba(X) for name in SENTENCE_HEADS}


def message_matrix(records, probs) -> np.ndarray:
    return message_feature_matrix(probs, [[s["text"] for s in r["sentences"]] for r in records])


def out_of_fold_probs(records, X, T, cfg: TrainConfig) -> dict[str, np.ndarray]:
    """Sentence probabilities for the training messages from heads that did not see them."""
    msg_of_sent = np.concatenate([[i] * len(r["sentences"]) for i, r in enumerate(records)])
    groups = np.array([records[i].get("group", records[i]["id"]) for i in msg_of_sent])
    out: dict[str, np.ndarray] = {}
    for tr, te in GroupKFold(n_splits=cfg.folds).split(X, groups=groups):
        heads = fit_sentence_heads(X[tr], {k: v[tr] for k, v in T.items()}, cfg)
        p = predict_sentence(heads, X[te])
        for k, v in p.items():
            if k not in out:
                out[k] = np.zeros((X.shape[0],) + v.shape[1:], dtype=np.float32)
            out[k][te] = v
    out["hand"] = hand_columns(X)
    return out


def fit_tree(name: str, X, y, binary: bool, cfg: TrainConfig) -> TreeHead:
    from sklearn.ensemble import HistGradientBoostingClassifier, HistGradientBoostingRegressor

    params = dict(max_iter=cfg.tree_iters, learning_rate=cfg.tree_learning_rate, max_depth=cfg.tree_depth,
                  min_samples_leaf=20, l2_regularization=1.0, early_stopping=False, random_state=cfg.seed)
    if binary:
        model = HistGradientBoostingClassifier(class_weight="balanced", **params).fit(X, y)
        return TreeHead.from_sklearn(name, model, "tree_sigmoid")
    model = HistGradientBoostingRegressor(**params).fit(X, y)
    return TreeHead.from_sklearn(name, model, "tree_linear")


def fit_message_heads(records, probs, cfg: TrainConfig) -> dict:
    M = message_matrix(records, probs)
    y_spec = np.array([r["specificity"] for r in records], dtype=np.float32)
    y_warm = np.array([r["warmth"] for r in records], dtype=np.float32)
    if cfg.message_model == "trees":
        return {
            "msg_specificity": fit_tree("msg_specificity", M, y_spec, False, cfg),
            "msg_warmth": fit_tree("msg_warmth", M, y_warm, False, cfg),
            "msg_actionable": fit_tree("msg_actionable", M, np.array([int(r["actionable"]) for r in records]),
                                       True, cfg),
            "msg_relationship": fit_tree("msg_relationship", M,
                                         np.array([int(r["relationship"]) for r in records]), True, cfg),
        }
    return {
        "msg_specificity": fit_regressor("msg_specificity", M, y_spec, cfg.message_alpha),
        "msg_warmth": fit_regressor("msg_warmth", M, y_warm, cfg.message_alpha),
        "msg_actionable": fit_classifier("msg_actionable", M, np.array([int(r["actionable"]) for r in records]),
                                         cfg.message_C, (0, 1), True, cfg.seed),
        "msg_relationship": fit_classifier("msg_relationship", M, np.array([int(r["relationship"]) for r in records]),
                                           cfg.message_C, (0, 1), True, cfg.seed),
    }


def tune_thresholds(P_dev: dict, dev_records: list[dict], cfg: TrainConfig) -> dict[str, float]:
    """Per tone flag, the probability threshold with the best F-beta on the given sentences (dev,
    or dev plus out-of-fold training probabilities: see `threshold_pool`).

    beta < 1 leans to precision: a false "harsh" on a candid but fair sentence costs the
    recruiter's trust (and caps the overall score) more than a missed one. "cold" is a style note
    that caps nothing, and F0.5 set its threshold at 0.85-0.9, where it missed most cold lines in
    text by other writers; it takes F1 (cfg.cold_beta). boilerplate=high: the
    threshold on p(high) with the best F1 on the dev messages of the template register
    (message specificity <= cfg.boilerplate_register): that is where stock wording stands in for
    content, and what most real rejections and audits are (argmax under-calls it)."""
    T_dev = sentence_targets(dev_records)
    out = {}
    for t in cfg.tone_heads:
        beta = cfg.cold_beta if t == "cold" else cfg.tone_beta
        out[t] = _best_threshold(T_dev[t], P_dev[t], np.arange(0.2, 0.95, 0.025), beta)
    register = np.array([r["specificity"] <= cfg.boilerplate_register for r in dev_records for _ in r["sentences"]])
    if not register.any():
        register[:] = True
    out["boilerplate_high"] = _best_threshold(T_dev["boilerplate"][register] == BOILERPLATE.index("high"),
                                              P_dev["boilerplate"][register, 2], np.arange(0.2, 0.7, 0.025), 1.0)
    return out


def threshold_pool(P_dev: dict, dev_records: list[dict], oof: dict, train_records: list[dict],
                   cfg: TrainConfig) -> tuple[dict, list[dict]]:
    """The sentences the flag thresholds are tuned on: dev, plus (cfg.thresholds_on_oof) the
    training messages' out-of-fold probabilities. Dev alone holds only a few dozen harsh or cold
    sentences, and thresholds tuned there swung from 0.55 to 0.925 between retrains; five times
    the sentences give thresholds that move less and transfer better. Augmented copies
    (augment_case, augment_openers, augment_particulars; ids with "#") are left out: they would count their originals twice."""
    if not cfg.thresholds_on_oof:
        return P_dev, dev_records
    keep_msg = ["#" not in r["id"] for r in train_records]
    keep = np.array([k for k, r in zip(keep_msg, train_records) for _ in r["sentences"]], dtype=bool)
    pooled = {k: np.concatenate([P_dev[k], np.asarray(oof[k])[keep]]) for k in P_dev if k in oof}
    return pooled, dev_records + [r for k, r in zip(keep_msg, train_records) if k]


def _best_threshold(y, p, grid, beta: float) -> float:
    y = np.asarray(y, dtype=bool)
    if not y.any():
        return 0.5
    scores = [fbeta_score(y, p >= th, beta=beta, zero_division=0) for th in grid]
    return round(float(grid[int(np.argmax(scores))]), 3)


def blend(a: dict, b: dict, w: float, heads=SENTENCE_HEADS) -> dict:
    """Sentence probabilities of two models, averaged with weight `w` on `b` for `heads`."""
    return {k: ((1 - w) * v + w * b[k]) if k in heads else v for k, v in a.items()}


def train_all(train_records, dev_records, encode, cfg: TrainConfig):
    """Fit every head. Returns (heads, thresholds, vocab of the word-gram model or None).

    With cfg.grams_weight > 0 the sentence probabilities are a blend of the encoder heads and a
    word-gram model (training/fast.py), whose heads are stored under GRAM_PREFIX."""
    train_records = augment(train_records, cfg)
    X = sentence_matrix(sentence_texts(train_records), encode)
    T = sentence_targets(train_records)
    aug = augment_signatures(train_records)
    if aug:  # only the split signature lines are added; the rest of those messages is already in X
        Xa = sentence_matrix(sentence_texts(aug), encode)
        Ta = sentence_targets(aug)
        keep = np.array([bool(s.get("augmented")) for r in aug for s in r["sentences"]])
        Xs = np.concatenate([X, Xa[keep]])
        Ts = {k: np.concatenate([T[k], Ta[k][keep]]) for k in T}
    else:
        Xs, Ts = X, T
    heads = fit_sentence_heads(Xs, Ts, cfg)
    oof = out_of_fold_probs(train_records, X, T, cfg)
    X_dev = sentence_matrix(sentence_texts(dev_records), encode)
    P_dev = predict_sentence(heads, X_dev)
    vocab = None
    if cfg.grams_weight > 0:
        from model.fast import FastFeaturizer

        from .fast import fit_gram_model, predict

        vocab, gram_heads, gram_oof = fit_gram_model(train_records, cfg, prefix=GRAM_PREFIX)
        oof = blend(oof, gram_oof, cfg.grams_weight, cfg.grams_heads)
        feat = FastFeaturizer(vocab)
        P_dev = blend(P_dev, predict(gram_heads, feat.transform(sentence_texts(dev_records)), feat.dim),
                      cfg.grams_weight, cfg.grams_heads)
        shipped = SENTENCE_HEADS if cfg.grams_message_heads else cfg.grams_heads
        heads.update({GRAM_PREFIX + name: gram_heads[name] for name in shipped})
    heads.update(fit_message_heads(train_records, oof, cfg))
    if cfg.grams_weight > 0 and cfg.grams_message_heads:
        # these message heads read the word-gram model's probabilities alone (see the model card)
        gram_msg = fit_message_heads(train_records, gram_oof, cfg)
        for name in cfg.grams_message_heads:
            gram_msg[name].name = GRAM_PREFIX + name  # its tensors are stored under the head's name
            heads[GRAM_PREFIX + name] = gram_msg[name]
    thresholds = tune_thresholds(*threshold_pool(P_dev, dev_records, oof, train_records, cfg), cfg)
    assert set(SENTENCE_HEADS + MESSAGE_HEADS) <= set(heads)
    return heads, thresholds, vocab
