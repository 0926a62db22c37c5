"""The whole pipeline on a tiny fixture corpus: corpus -> train -> evaluate -> package -> load."""
import dataclasses
from pathlib import Path

import numpy as np
import pytest

from model import Checker
from training.config import TrainConfig
from training.corpus import build, load_corpus
from training.pipeline import step_evaluate, step_package, step_train
from training.validate import validate

FIXTURE = Path(__file__).parent / "fixtures"


def tiny_corpus(tmp_path) -> tuple[TrainConfig, dict]:
    """A config whose data, runs and artifacts live in tmp_path, and the built fixture corpus."""
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "tiny.jsonl").write_text((FIXTURE / "tiny_raw.jsonl").read_text())
    cfg = dataclasses.replace(TrainConfig(), data_dir=tmp_path, runs_dir=tmp_path / "runs",
                              artifacts_dir=tmp_path / "artifacts", eval_path=tmp_path / "absent.jsonl",
                              folds=2, model_version="smoke", finetune_encoder=False)
    return cfg, build(raw, cfg.corpus_path, cfg.splits_path)


def test_pipeline_end_to_end_on_tiny_corpus(tmp_path):
    cfg, counts = tiny_corpus(tmp_path)
    assert counts["messages"] == 48
    splits = load_corpus(cfg.corpus_path, cfg.splits_path)
    assert validate(splits, check_spread=False).ok
    manifest = step_train(cfg, splits)
    assert set(manifest["thresholds"]) == {"harsh", "cold", "risky", "boilerplate_high"}
    assert manifest["grams"]["weight"] == cfg.grams_weight > 0 and manifest["grams"]["dim"] > 10
    metrics = step_evaluate(cfg, splits=splits)
    assert set(metrics) == {"dev", "test"}
    assert "stock phrases" in metrics["test"] and "VADER compound" in metrics["test"]
    out = step_package(cfg, metrics)
    checker = Checker.load(out)
    assert checker.model_version == "smoke" and checker.grams is not None
    report = checker.check("Hi Jo,\n\nWe have decided not to move forward with your application.\n\nBest,\nAl")
    assert report.sentences and 0 <= report.specificity <= 100


def test_fast_profile_end_to_end_on_tiny_corpus(tmp_path):
    from training.fast import package_fast, staging, train_fast

    cfg, _ = tiny_corpus(tmp_path)
    splits = load_corpus(cfg.corpus_path, cfg.splits_path)
    manifest = train_fast(cfg, splits)
    assert manifest["profile"] == "fast" and manifest["feature_dims"]["grams"] > 10
    metrics = step_evaluate(cfg, staging(cfg), splits=splits, baselines=False, profile="fast")
    assert set(metrics) == {"dev", "test"}
    out = package_fast(cfg, metrics)
    assert out.name == "artifacts_fast"
    checker = Checker.load(out, profile="fast")
    assert checker.model_version == "smoke-fast"
    report = checker.check("Hi Jo,\n\nWe have decided not to move forward with your application.\n\nBest,\nAl")
    assert report.sentences and 0 <= report.specificity <= 100


@pytest.mark.slow
def test_encoder_fine_tune_on_tiny_corpus(tmp_path):
    """The real fine-tune and export (training extra: torch), cut to one layer and one epoch."""
    pytest.importorskip("torch")
    pytest.importorskip("sentence_transformers")
    from model.encoder import OnnxEncoder
    from training.finetune import FINETUNE_META, finetune_encoder

    cfg, _ = tiny_corpus(tmp_path)
    cfg = dataclasses.replace(cfg, encoder_layers=1, encoder_epochs=1, encoder_batch=16)
    splits = load_corpus(cfg.corpus_path, cfg.splits_path)
    meta = finetune_encoder(splits["train"], splits["dev"], cfg, tmp_path / "enc", "abc", log=lambda *_: None)
    assert meta["layers"] == 1 and meta["encoder_data_sha256"] == "abc" and len(meta["dev_loss"]) == 1
    assert (tmp_path / "enc" / FINETUNE_META).is_file()
    out = OnnxEncoder(tmp_path / "enc").encode(["We have decided not to move forward.", "Best,"])
    assert out.shape == (2, 384) and np.allclose(np.linalg.norm(out, axis=1), 1, atol=1e-5)
