"""`python -m training [STEP]`: the reproducible pipeline from data/ to model/artifacts/.

Steps: corpus, validate, datacard, prepare, train, evaluate, package, fast, compare, robustness; `all`
runs corpus -> validate -> prepare -> train -> evaluate -> package -> fast -> datacard.
"""
from __future__ import annotations

import json
import os
import sys
import time

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

import typer  # noqa: E402

from .config import TrainConfig  # noqa: E402

app = typer.Typer(add_completion=False, no_args_is_help=False, help=__doc__)
CFG = TrainConfig()


def _print_eval(results: dict) -> None:
    from .evaluate import format_table

    for name, res in results.items():
        typer.echo(f"\n## {name}\n")
        typer.echo(format_table(res))


@app.command()
def corpus():
    """Build data/corpus.jsonl and data/splits.json from data/raw/."""
    from .corpus import build

    typer.echo(json.dumps(build()))


@app.command()
def validate(spread: bool = True):
    """Validate the corpus (schema, offsets, duplicates, rubric consistency, spread)."""
    from .corpus import load_corpus
    from .validate import validate as run

    res = run(load_corpus(CFG.corpus_path, CFG.splits_path), check_spread=spread)
    for k, v in res.spread.items():
        typer.echo(f"  {k:28s} {v:6.1%}")
    for e in res.errors:
        typer.echo(f"ERROR {e}")
    typer.echo("corpus valid" if res.ok else f"{len(res.errors)} problems")
    raise typer.Exit(0 if res.ok else 1)


@app.command()
def datacard():
    """Regenerate the tables in data/README.md."""
    from .datacard import write_datacard

    typer.echo(f"wrote {write_datacard(CFG)}")


@app.command()
def prepare(force: bool = False):
    """Fine-tune the sentence encoder (reuses the shipped one when it was tuned on this corpus)."""
    from .pipeline import step_prepare

    typer.echo(f"encoder at {step_prepare(CFG, force=force)}")


@app.command()
def train():
    """Fit the sentence and message heads into runs/model/."""
    from .pipeline import step_train

    m = step_train(CFG)
    typer.echo(f"trained in {m['train_seconds']} s; thresholds {m['thresholds']}")


@app.command()
def evaluate(model_dir: str = typer.Option(None, help="default: runs/model, else model/artifacts")):
    """Print metrics for rejectcheck and three baselines on dev, test, the held-out challenge sets in
    data/challenge/ and (when present) ../shared/eval/real_received.jsonl."""
    from pathlib import Path

    from .pipeline import staging_dir, step_evaluate

    d = Path(model_dir) if model_dir else (staging_dir(CFG) if (staging_dir(CFG) / "manifest.json").exists()
                                           else CFG.artifacts_dir)
    typer.echo(f"model: {d}")
    res = step_evaluate(CFG, d)
    _print_eval(res)
    (CFG.runs_dir / "metrics.json").parent.mkdir(parents=True, exist_ok=True)
    (CFG.runs_dir / "metrics.json").write_text(json.dumps(res, indent=2))


@app.command()
def package():
    """Ship runs/model into model/artifacts with metrics in its manifest."""
    from .pipeline import step_package

    p = CFG.runs_dir / "metrics.json"
    metrics = json.loads(p.read_text()) if p.exists() else None
    typer.echo(f"packaged {step_package(CFG, metrics)}")


@app.command()
def fast(package: bool = typer.Option(True, help="copy into model/artifacts_fast after evaluating")):
    """Train the audit profile (model/fast.py) into runs/fast, evaluate it, and ship it."""
    from .fast import package_fast, staging, train_fast
    from .pipeline import step_evaluate

    m = train_fast(CFG)
    typer.echo(f"trained the fast profile in {m['train_seconds']} s; thresholds {m['thresholds']}")
    res = step_evaluate(CFG, staging(CFG), baselines=False, profile="fast")
    _print_eval(res)
    (CFG.runs_dir / "metrics_fast.json").write_text(json.dumps(res, indent=2))
    if package:
        typer.echo(f"packaged {package_fast(CFG, res)}")


@app.command()
def compare(approaches: str = typer.Option(None, help="comma-separated subset, e.g. word-grams,static")):
    """Compare modelling approaches on dev and real_received (quality and speed)."""
    from .compare import run_comparison

    typer.echo(run_comparison(CFG, tuple(approaches.split(","))) if approaches else run_comparison(CFG))


@app.command()
def robustness(profile: str = typer.Option("full", help="full or fast"),
               model_dir: str = typer.Option(None, help="default: the shipped artifacts of the profile"),
               limit: int = typer.Option(0, help="use only the first N test messages (0: all)")):
    """Surface-cue stress test on the test split: how far meaning-preserving rewrites move the output."""
    from model import Checker

    from .corpus import load_corpus
    from .robustness import format_shifts, run_robustness

    records = load_corpus(CFG.corpus_path, CFG.splits_path)["test"]
    if limit:
        records = records[:limit]
    checker = Checker.load(model_dir, profile=profile)
    plain = sum(r.get("format") != "html" for r in records)
    typer.echo(f"profile {profile}, {plain} plain-text test messages (HTML ones are not rewritten)\n")
    typer.echo(format_shifts(run_robustness(checker, records, seed=CFG.seed)))


@app.command(name="all")
def run_all():
    """corpus -> validate -> prepare -> train -> evaluate -> package -> fast profile -> datacard."""
    from .corpus import build, load_corpus
    from .datacard import write_datacard
    from .pipeline import step_evaluate, step_package, step_prepare, step_train
    from .validate import validate as run_validate

    t0 = time.time()
    typer.echo(f"corpus: {build()}")
    res = run_validate(load_corpus(CFG.corpus_path, CFG.splits_path))
    if not res.ok:
        for e in res.errors[:20]:
            typer.echo(f"ERROR {e}")
        raise typer.Exit(1)
    step_prepare(CFG)
    m = step_train(CFG)
    typer.echo(f"trained; thresholds {m['thresholds']}")
    metrics = step_evaluate(CFG)
    _print_eval(metrics)
    (CFG.runs_dir / "metrics.json").write_text(json.dumps(metrics, indent=2))
    step_package(CFG, metrics)
    from .fast import package_fast, staging, train_fast

    train_fast(CFG)
    fast_metrics = step_evaluate(CFG, staging(CFG), baselines=False, profile="fast")
    _print_eval(fast_metrics)
    package_fast(CFG, fast_metrics)
    write_datacard(CFG)
    typer.echo(f"done in {time.time() - t0:.0f} s")


if __name__ == "__main__":
    sys.exit(app())
