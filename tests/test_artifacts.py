"""The shipped artifacts: manifest verification, size, and freshness against data/."""
import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from model import ArtifactError, Checker
from model.checker import ARTIFACTS_DIR

ROOT = Path(__file__).resolve().parent.parent


def test_manifest_has_what_it_promises():
    m = json.loads((ARTIFACTS_DIR / "manifest.json").read_text())
    for key in ("model_version", "training_data_sha256", "labels", "metrics", "libraries", "files", "thresholds"):
        assert key in m, key
    assert m["labels"]["kind"] == ["decision", "reason", "advice", "appreciation", "future", "other"]


def test_committed_model_files_are_light():
    from model.fast import FAST_DIR

    total = sum(p.stat().st_size for d in (ARTIFACTS_DIR, FAST_DIR) for p in d.rglob("*") if p.is_file())
    assert total < 30 * 1024 * 1024


def test_shipped_model_was_trained_on_the_current_corpus():
    from training.config import TrainConfig
    from training.pipeline import data_hash

    from model.fast import FAST_DIR

    for d in (ARTIFACTS_DIR, FAST_DIR):
        m = json.loads((d / "manifest.json").read_text())
        assert m["training_data_sha256"] == data_hash(TrainConfig()), \
            f"data/ changed since {d.name} was trained: run `python -m training all`"


@pytest.fixture()
def artifact_copy(tmp_path):
    dst = tmp_path / "artifacts"
    shutil.copytree(ARTIFACTS_DIR, dst)
    return dst


def test_tampered_file_is_detected(artifact_copy):
    heads = artifact_copy / "heads.safetensors"
    data = bytearray(heads.read_bytes())
    data[-1] ^= 0xFF
    heads.write_bytes(bytes(data))
    with pytest.raises(ArtifactError, match="does not match"):
        Checker.load(artifact_copy)


def test_missing_file_is_detected(artifact_copy):
    (artifact_copy / "heads.safetensors").unlink()
    with pytest.raises(ArtifactError, match="missing"):
        Checker.load(artifact_copy)


def test_label_mismatch_is_detected(artifact_copy):
    p = artifact_copy / "manifest.json"
    m = json.loads(p.read_text())
    m["labels"]["kind"] = ["decision", "other"]
    p.write_text(json.dumps(m))
    with pytest.raises(ArtifactError, match="label set"):
        Checker.load(artifact_copy)


def test_no_pickles_shipped():
    assert not [p for p in ARTIFACTS_DIR.rglob("*") if p.suffix in (".pkl", ".pickle", ".joblib", ".pt", ".bin")]


def test_warmth_averages_the_word_gram_and_blended_views():
    """The shipped warmth is the average, at the manifest's `message_weight`, of a head reading the
    word-gram model's view and one reading the blended view (model card, session 10: the first
    transfers better to real mail, the second to everything else)."""
    import numpy as np

    from model.checker import GRAM_PREFIX
    from model.features import message_feature_matrix

    checker = Checker.load()
    assert checker.grams.message == ("msg_warmth",)
    w = checker.grams.message_weight
    assert 0 < w < 1
    msgs = [["Hi Sam,", "Thank you so much for the two interviews and the care you put into the case study.",
             "We have decided not to move forward.", "Warm wishes,\nAna"],
            ["Your application has been unsuccessful.", "This decision is final."]]
    probs = checker.sentence_probabilities(msgs)
    grams = checker.heads[GRAM_PREFIX + "msg_warmth"].predict_value(message_feature_matrix(probs["grams"], msgs))
    blended = checker.heads["msg_warmth"].predict_value(message_feature_matrix(probs, msgs))
    assert not np.allclose(grams, blended)  # two views, so the average below is not either one alone
    got = [m["warmth"] for m in checker.score_messages(msgs, probs)]
    assert np.allclose(got, np.clip(w * grams + (1 - w) * blended, 1, 5))
    assert got[0] > got[1] + 1.0  # a warm, specific thank-you against a two-line cold notice


@pytest.mark.parametrize("key, value, error", [
    ("message_heads", ["msg_specificity"], "lacks heads"),    # no grams.msg_specificity shipped
    ("message_heads", ["kind"], "does not know"),             # not a message head
    ("message_heads", "msg_warmth", "must be lists"),
    ("message_weight", 0, "message_weight"),
    ("message_weight", 1.5, "message_weight"),
    ("message_weight", "half", "message_weight"),
    ("heads", ["specificity", "bogus"], "does not know"),
])
def test_bad_word_gram_manifest_is_detected(artifact_copy, key, value, error):
    p = artifact_copy / "manifest.json"
    m = json.loads(p.read_text())
    m["grams"][key] = value
    p.write_text(json.dumps(m))
    with pytest.raises(ArtifactError, match=error):
        Checker.load(artifact_copy, verify=False)


@pytest.mark.parametrize("binary", [False, True])
def test_tree_heads_predict_exactly_what_sklearn_does(binary):
    """The shipped tree heads are plain arrays walked with numpy; they must give sklearn's own
    predictions, missing values and uneven trees included."""
    from sklearn.ensemble import HistGradientBoostingClassifier, HistGradientBoostingRegressor

    from model.heads import TreeHead

    rng = np.random.default_rng(3)
    X = rng.normal(size=(600, 6))
    X[rng.random(X.shape) < 0.05] = np.nan
    y = np.nan_to_num(X[:, 0]) * 2 - np.nan_to_num(X[:, 1]) ** 2 + rng.normal(scale=0.3, size=600)
    params = dict(max_iter=40, max_depth=5, min_samples_leaf=5, random_state=0)
    if binary:
        model = HistGradientBoostingClassifier(**params).fit(X, y > 0)
        head, want = TreeHead.from_sklearn("h", model, "tree_sigmoid"), model.predict_proba(X)[:, 1]
        got = head.predict_proba(X)
    else:
        model = HistGradientBoostingRegressor(**params).fit(X, y)
        head, want = TreeHead.from_sklearn("h", model, "tree_linear"), model.predict(X)
        got = head.predict_value(X)
    assert head._walk()[-1] > 2  # trees deeper than one split
    np.testing.assert_allclose(got, want, rtol=1e-9, atol=1e-9)


def test_a_wheel_ships_every_file_the_checker_reads():
    """`pip install .` (not only the editable install) must carry the artifacts of both profiles, the rule,
    template and lexicon files the model reads (mapped from data/ into model/data/) and the web form's
    files: every such file lies in a listed package and matches its package-data patterns, and no data
    folder becomes a top-level package of its own."""
    import fnmatch
    import tomllib

    root = Path(__file__).resolve().parents[1]
    tool = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    packages, data = set(tool["packages"]), tool["package-data"]
    folders = {folder: package for package, folder in tool.get("package-dir", {}).items()}
    needed = [p for folder in ("model/artifacts", "model/artifacts_fast", "service/static")
              for p in (root / folder).rglob("*") if p.is_file()]
    needed += [p for folder in ("data/rules", "data/templates") for p in (root / folder).glob("*.yaml")]
    needed.append(root / "data" / "notes" / "lexicon.yaml")  # feedback drafting's lexicon
    for path in needed:
        folder = path.parent.relative_to(root).as_posix()
        package = folders.get(folder, folder.replace("/", "."))
        assert package in packages, f"{path.relative_to(root)}: package {package} is not listed"
        assert any(fnmatch.fnmatch(path.name, pat) for pat in data.get(package, ())), path.relative_to(root)
    assert not [p for p in packages if p.split(".")[0] == "data"]


@pytest.mark.slow
def test_a_built_wheel_checks_and_drafts_feedback_from_another_folder(tmp_path):
    """Build the wheel from a copy of the sources (no stale build/ folder), unpack it and use it
    from another folder: both profiles load and check, feedback drafting reads its lexicon."""
    import subprocess
    import sys
    import zipfile

    root = Path(__file__).resolve().parents[1]
    src = tmp_path / "src"
    skip = shutil.ignore_patterns(".venv", "build", "dist", "runs", "__pycache__", "*.egg-info", ".pytest_cache",
                                  "corpus.jsonl", "raw", "challenge")
    src.mkdir()
    for name in ("pyproject.toml", "README.md", "model", "service", "training", "data"):
        (shutil.copytree if (root / name).is_dir() else shutil.copy2)(root / name, src / name,
                                                                    **({"ignore": skip} if (root / name).is_dir() else {}))
    wheels = tmp_path / "wheels"
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w",
                            str(wheels), str(src)], capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stderr[-2000:]
    [wheel] = wheels.glob("rejectcheck-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in ("model/artifacts/manifest.json", "model/artifacts_fast/manifest.json", "model/data/notes/lexicon.yaml",
                   "service/static/index.html"):
        assert needed in names, needed
    assert not [n for n in names if n.startswith(("data/", "tests/"))]
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    code = ("import sys, json; sys.path.insert(0, sys.argv[1]); import model; assert model.__file__.startswith(sys.argv[1]), "
            "model.__file__; from model import Checker; text = 'Hi Sam, we decided not to move forward. Best, Ana'; "
            "full, fast = Checker.load(), Checker.load(profile='fast'); "
            "fb = full.draft_feedback('Strong SQL. Weak on stakeholder mgmt.'); "
            "print(json.dumps([full.check(text).to_dict()['scores'], fast.check(text).to_dict()['scores'], "
            "len(fb.to_dict()['feedback'])]))")
    out = subprocess.run([sys.executable, "-c", code, str(site)], cwd=tmp_path, capture_output=True, text=True,
                         timeout=300, env={**__import__("os").environ, "HF_HUB_OFFLINE": "1", "PYTHONPATH": ""})
    assert out.returncode == 0, out.stderr[-2000:]
    full_scores, fast_scores, n_feedback = json.loads(out.stdout)
    assert set(full_scores) == set(fast_scores) == {"specificity", "warmth", "overall"} and n_feedback >= 2
