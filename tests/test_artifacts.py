"""The shipped artifacts: manifest verification, size, and freshness against data/."""
import json
import shutil
from pathlib import Path

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
