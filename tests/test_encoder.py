"""The shipped sentence encoder: the fine-tuned MiniLM under onnxruntime, and how the training
pipeline decides whether to fine-tune it again."""
import json
import shutil

import numpy as np
import pytest

from model import ArtifactError, Checker
from model.checker import ARTIFACTS_DIR
from model.encoder import OnnxEncoder

SENTENCES = ["Hi Sam,",
             "We have decided not to move forward, because the role needs hands-on Kafka in production.",
             "Thank you for the two interviews and the care you put into the case study.",
             "Best,"]


@pytest.fixture(scope="module")
def encoder():
    m = json.loads((ARTIFACTS_DIR / "manifest.json").read_text())
    assert m["encoder"]["type"] == "onnx"
    return OnnxEncoder(ARTIFACTS_DIR / m["encoder"]["path"])


def test_embeddings_are_unit_vectors_of_the_manifest_dimension(encoder):
    m = json.loads((ARTIFACTS_DIR / "manifest.json").read_text())
    out = encoder.encode(SENTENCES)
    assert out.shape == (4, m["encoder"]["base_dim"]) and out.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(out, axis=1), 1.0, atol=1e-5)
    assert encoder.encode([]).shape == (0, encoder.dim)


def test_a_sentence_embedding_does_not_depend_on_its_batch(encoder):
    """check() encodes one draft's sentences, check_batch() many drafts' at once; a sentence must
    come out the same either way (in a padded batch, dynamic activation quantisation moved it by
    up to 0.03, which is why each sentence is encoded alone)."""
    alone = np.vstack([encoder.encode([s]) for s in SENTENCES])
    together = encoder.encode(SENTENCES + ["A much longer sentence " * 12])[:4]
    np.testing.assert_allclose(alone, together, atol=1e-5)


def test_the_encoder_separates_what_it_was_tuned_to_separate(encoder):
    generic, specific = encoder.encode([
        "After careful consideration we have decided to pursue candidates whose experience more closely "
        "matches our needs.",
        "Your SQL exercise was strong, but the role needs someone who has run payroll for 500 people."])
    other_generic = encoder.encode(["We have decided to move forward with other applicants whose "
                                    "background better fits the position."])[0]
    assert generic @ other_generic > generic @ specific


def test_long_sentences_are_truncated_not_refused(encoder):
    out = encoder.encode(["word " * 5000])
    assert out.shape == (1, encoder.dim) and np.isfinite(out).all()


def test_unknown_encoder_type_is_refused(tmp_path):
    dst = tmp_path / "artifacts"
    shutil.copytree(ARTIFACTS_DIR, dst)
    p = dst / "manifest.json"
    m = json.loads(p.read_text())
    m["encoder"]["type"] = "hub-download"
    p.write_text(json.dumps(m))
    with pytest.raises(ArtifactError, match="encoder"):
        Checker.load(dst, verify=False)


def test_prepare_reuses_an_encoder_only_when_it_was_tuned_on_this_corpus(tmp_path, monkeypatch):
    """The pipeline fine-tunes again when data/ or the encoder settings change, and otherwise
    copies the shipped encoder (finetune.json records what it was tuned on)."""
    import dataclasses

    import training.finetune as ft
    from training import pipeline
    from training.config import TrainConfig

    calls = []

    def fake_finetune(train, dev, cfg, out_dir, data_sha256="", log=print):
        calls.append(data_sha256)
        out_dir.mkdir(parents=True, exist_ok=True)
        (out_dir / "model.onnx").write_bytes(b"tuned")

    monkeypatch.setattr(ft, "finetune_encoder", fake_finetune)
    data = tmp_path / "data"
    data.mkdir()
    (data / "corpus.jsonl").write_text("")
    (data / "splits.json").write_text('{"train": [], "dev": [], "test": []}')
    cfg = dataclasses.replace(TrainConfig(), data_dir=data, runs_dir=tmp_path / "runs")
    splits = {"train": [], "dev": [], "test": []}
    # the shipped encoder was tuned on the real corpus, not this one: tune afresh
    target = pipeline.step_prepare(cfg, splits=splits)
    assert calls == [pipeline.encoder_data_hash(cfg, splits)] and (target / "model.onnx").read_bytes() == b"tuned"
    # ... unless told to reuse the shipped one whatever it was tuned on (the smoke test)
    target = pipeline.step_prepare(dataclasses.replace(cfg, finetune_encoder=False), splits=splits)
    assert len(calls) == 1 and (target / "model.onnx").read_bytes() == (ARTIFACTS_DIR / "encoder" / "model.onnx").read_bytes()
    # the shipped encoder is current for the shipped corpus and settings: nothing to tune
    real = dataclasses.replace(TrainConfig(), runs_dir=tmp_path / "runs2")
    pipeline.step_prepare(real)
    assert len(calls) == 1
    # another setting means another encoder
    pipeline.step_prepare(dataclasses.replace(real, encoder_layers=real.encoder_layers + 1), splits=splits)
    assert len(calls) == 2


def test_the_encoder_hash_covers_sentence_labels_but_not_message_labels():
    """Relabelling a message (actionable, warmth, ...) keeps the encoder; relabelling a sentence
    or moving a message between splits calls for a new one."""
    import copy

    from training.config import TrainConfig
    from training.pipeline import encoder_data_hash

    cfg = TrainConfig(augment_lowercase=0.0)
    rec = {"id": "m1", "group": "m1", "specificity": 2, "warmth": 3, "actionable": False, "relationship": False,
           "risky": False, "sentences": [{"text": "We chose someone with Kafka in production.", "kind": "decision",
                                          "specificity": 2, "boilerplate": "none", "tone": []}]}
    base = {"train": [rec], "dev": [], "test": []}
    h = encoder_data_hash(cfg, base)
    msg = copy.deepcopy(base)
    msg["train"][0].update(actionable=True, warmth=4)
    assert encoder_data_hash(cfg, msg) == h
    sent = copy.deepcopy(base)
    sent["train"][0]["sentences"][0]["tone"] = ["cold"]
    assert encoder_data_hash(cfg, sent) != h
    moved = {"train": [], "dev": [rec], "test": []}
    assert encoder_data_hash(cfg, moved) != h
