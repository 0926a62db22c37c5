"""Checker speed and size, next to proselint on the same e-mails.

Prints: check() p50/p99 on ~150-word drafts; check_batch e-mails/s over N drafts, for the full
model and for the fast audit profile (`Checker.load(profile="fast")`, with and without its
risk-term rules, in one process and with a worker process per core); cold start to the first
result (fresh process); what the rules add per e-mail, and one template lookup; peak RSS;
proselint e-mails/s and the ratios.
Goals (2-core machine): p99 <= 20 ms; batch >= 10x proselint; cold start <= 1.5 s; RSS <= 300 MB.

    .venv/bin/python bench/checker.py [--batch 10000] [--drafts 1000]
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")


def drafts_of_about(words: int, n: int) -> list[str]:
    """~`words`-word drafts built from whole corpus messages (test split first)."""
    from training.corpus import load_corpus

    splits = load_corpus()
    recs = splits["test"] + splits["dev"] + splits["train"]
    texts = [r["text"] for r in recs if r.get("format") != "html"]
    out, i = [], 0
    while len(out) < n:
        t = texts[i % len(texts)]
        i += 1
        while len(t.split()) < words * 0.8:
            t = t + "\n\n" + texts[(i * 7) % len(texts)]
            i += 1
        out.append(" ".join(t.split(" ")[: int(words * 1.15)]))
    return out


def cold_start() -> dict:
    code = ("import time,resource;t=time.perf_counter();from model import Checker;c=Checker.load();"
            "c.check('Hi Sam, we decided not to move forward with your application. Best, Ana');"
            "print(time.perf_counter()-t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)")
    runs = []
    for _ in range(3):
        t0 = time.perf_counter()
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
        wall = time.perf_counter() - t0
        inproc, rss = out.stdout.split()
        runs.append((wall, float(inproc), int(rss) / 1024))
    runs.sort()
    wall, inproc, rss = runs[1]
    return {"cold_start_s (process start to first result)": round(wall, 2),
            "cold_start_s (import+load+first check)": round(inproc, 2), "rss_after_first_check_mb": round(rss)}


def _warm(_):
    from service.audit import runner

    n = len(runner._check_in_worker(["Hi Sam, we went with another candidate. Best, Ana"]))
    time.sleep(0.5)  # stay busy, so that each of the pool's workers takes one warm-up task (and has loaded)
    return n


def _check_chunk(texts):
    from service.audit import runner

    return len(runner._check_in_worker(texts))


def rules_cost(texts: list[str]) -> dict:
    """What the rules add to a check (the audit profile with and without them, on the same e-mails),
    and one template-index lookup (which the structure rules make once per message)."""
    from model import Checker
    from model.templates import default_index

    rates = {}
    for name, rules in (("with", True), ("without", False)):
        checker = Checker.load(profile="fast", rules=rules)
        checker.check_batch(texts[:256], on_error="return")
        t = time.perf_counter()
        for i in range(0, len(texts), 256):
            checker.check_batch(texts[i:i + 256], on_error="return")
        rates[name] = (time.perf_counter() - t) / len(texts)
    index = default_index()
    t = time.perf_counter()
    for d in texts[:500]:
        index.best_match(d)
    match = (time.perf_counter() - t) / min(500, len(texts))
    return {"rules_ms_per_email (audit profile, with minus without)": round(1000 * (rates["with"] - rates["without"]), 3),
            "template_best_match_ms": round(1000 * match, 3)}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--batch", type=int, default=10_000)
    ap.add_argument("--drafts", type=int, default=1000,
                    help="drafts timed one by one for p50/p99 (1,000: p99 is then the 10th-slowest, not the 3rd)")
    ap.add_argument("--proselint", type=int, default=300, help="e-mails to time proselint on")
    args = ap.parse_args(argv)

    results = {}
    results.update(cold_start())

    from model import Checker

    checker = Checker.load()
    drafts = drafts_of_about(150, args.drafts)
    for d in drafts[:10]:
        checker.check(d)
    times = []
    for d in drafts:
        t = time.perf_counter()
        checker.check(d)
        times.append(time.perf_counter() - t)
    results["check_p50_ms (150-word drafts)"] = round(1000 * float(np.percentile(times, 50)), 2)
    results["check_p99_ms (150-word drafts)"] = round(1000 * float(np.percentile(times, 99)), 2)
    results["mean_words_per_draft"] = round(float(np.mean([len(d.split()) for d in drafts])))

    batch = drafts_of_about(150, args.batch)
    t = time.perf_counter()
    for i in range(0, len(batch), 256):
        checker.check_batch(batch[i:i + 256], on_error="return")
    rate = len(batch) / (time.perf_counter() - t)
    results[f"check_batch_emails_per_s ({len(batch)} drafts)"] = round(rate)
    fast_checker = Checker.load(profile="fast")  # the audit profile (model/fast.py)
    fast_checker.check_batch(batch[:256], on_error="return")
    t = time.perf_counter()
    for i in range(0, len(batch), 256):
        fast_checker.check_batch(batch[i:i + 256], on_error="return")
    fast_rate = len(batch) / (time.perf_counter() - t)
    results[f"fast profile check_batch_emails_per_s ({len(batch)} drafts)"] = round(fast_rate)
    lean = Checker.load(profile="fast", risk_terms=False)  # `audit --fast --no-risk-terms`
    lean.check_batch(batch[:256], on_error="return")
    t = time.perf_counter()
    for i in range(0, len(batch), 256):
        lean.check_batch(batch[i:i + 256], on_error="return")
    lean_rate = len(batch) / (time.perf_counter() - t)
    results["fast profile without risk terms, emails_per_s"] = round(lean_rate)
    results.update(rules_cost(batch[:2000]))
    workers = os.cpu_count() or 1
    par = {}
    if workers > 1:  # what `rejectcheck audit --fast --workers N` does: one process per core
        from service.audit.runner import _worker_pool, stop_pool

        chunks = [batch[i:i + 256] for i in range(0, len(batch), 256)]
        for name, model in (("with risk terms", fast_checker), ("without risk terms", lean)):
            pool = _worker_pool(model, workers)
            try:
                list(pool.map(_warm, range(workers)))  # workers started, models loaded before timing
                t = time.perf_counter()
                for _ in pool.map(_check_chunk, chunks):
                    pass
                par[name] = len(batch) / (time.perf_counter() - t)
            finally:
                stop_pool(pool)
            results[f"fast profile {name}, {workers} worker processes, emails_per_s"] = round(par[name])

    from proselint.checks import __register__
    from proselint.registry import CheckRegistry
    from proselint.tools import LintFile

    CheckRegistry().register_many(__register__)
    sample = batch[: args.proselint]
    t = time.perf_counter()
    for d in sample:
        LintFile("<bench>", d).lint()
    prose_rate = len(sample) / (time.perf_counter() - t)
    results["proselint_emails_per_s"] = round(prose_rate)
    results["batch_vs_proselint_ratio"] = round(rate / prose_rate, 1)
    results["fast_profile_vs_proselint_ratio"] = round(fast_rate / prose_rate, 1)
    results["fast_profile_without_risk_terms_vs_proselint_ratio"] = round(lean_rate / prose_rate, 1)
    for name, rate in par.items():
        results[f"fast_profile_{name.replace(' ', '_')}_{workers}_workers_vs_proselint_ratio"] = round(rate / prose_rate, 1)
    results["peak_rss_mb (this process, incl. proselint)"] = round(
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    width = max(len(k) for k in results)
    for k, v in results.items():
        print(f"{k:<{width}}  {v}")
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
