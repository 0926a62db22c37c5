"""HTTP load bench for the rejectcheck API: p50/p99 latency and errors at 1, 8 and 32 clients.

    python bench/load.py                    # starts uvicorn on 127.0.0.1, 30 s per level
    python bench/load.py --seconds 10 --clients 1,8,32
    python bench/load.py --url http://127.0.0.1:8000 --api-key KEY

Each client is an asyncio task with its own connection (httpx, keep-alive) that POSTs a draft
to /v1/check, waits for the answer and sends the next: closed-loop load, so latency is what a
caller sees when that many requests are in flight. The server it starts has rate limiting off
(REJECTCHECK_RATE_LIMIT=0): the bench measures capacity, not the quota policy. Everything is
bounded: each level stops after --seconds, each request after --timeout, and only 127.0.0.1
is contacted unless --url says otherwise.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]

# Realistic drafts of different lengths and quality, sent in turn.
DRAFTS = [
    "Hi Sam,\n\nThank you for your interest in the Data Analyst position. After careful consideration, we have "
    "decided to move forward with other candidates whose experience more closely matches our needs. We will keep "
    "your resume on file for future opportunities.\n\nBest regards,\nThe Hiring Team",
    "Dear Priya,\n\nThank you for the time you spent on the system design interview last Thursday. Your API "
    "design was thoughtful and your questions about our on-call rotation were sharp. We have decided not to move "
    "forward because the role needs hands-on experience running Kubernetes in production, which didn't come "
    "through yet. If you get that experience, I'd be glad to hear from you again; our platform team hires again "
    "in the spring.\n\nWarm regards,\nDana",
    "Hello Marco, unfortunately you were not selected for the position. We received many applications. "
    "Good luck with your search. HR Team",
    "Hi Ana,\n\nThanks so much for sharing your portfolio and for walking us through the rebrand case study. "
    "The team loved your typography choices. We went with a candidate who has more motion design experience, "
    "which is central to this role. I'd recommend adding one animated piece to your portfolio; the After "
    "Effects course we mentioned is a good start. Please do apply for our junior designer role in March.\n\n"
    "All the best,\nLee",
    "Dear Candidate,\n\nWe regret to inform you that your application has not been successful on this occasion. "
    "Due to the high volume of applications we are unable to provide individual feedback. We wish you every "
    "success in your future endeavours.\n\nKind regards,\nRecruitment",
    "Hi Tom, thanks for coming in for the trial shift on Saturday. You were great with customers, but we need "
    "someone with more barista experience for the weekend rush, so we won't be offering the role this time. "
    "Come back in the summer when we train new starters. Cheers, Jo",
]


@dataclass
class LevelResult:
    clients: int
    seconds: float
    latencies_ms: list[float] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)

    def add_error(self, kind: str) -> None:
        self.errors[kind] = self.errors.get(kind, 0) + 1

    @property
    def error_count(self) -> int:
        return sum(self.errors.values())

    def percentile(self, q: float) -> float:
        if not self.latencies_ms:
            return float("nan")
        xs = sorted(self.latencies_ms)
        return xs[min(len(xs) - 1, max(0, int(round(q / 100 * len(xs))) - 1))]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(port: int, workers: int) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith("REJECTCHECK_")}
    env.update(HF_HUB_OFFLINE="1", REJECTCHECK_RATE_LIMIT="0",
               PYTHONPATH=os.pathsep.join(p for p in [str(ROOT), env.get("PYTHONPATH", "")] if p))
    cmd = [sys.executable, "-m", "uvicorn", "service.api:app", "--host", "127.0.0.1", "--port", str(port),
           "--log-level", "warning", "--no-access-log", "--workers", str(workers)]
    return subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def wait_ready(url: str, proc: subprocess.Popen | None, timeout_s: float = 120.0) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            stderr = proc.stderr.read().decode(errors="replace")
            raise SystemExit(f"the server exited with {proc.returncode}:\n{stderr}")
        try:
            if httpx.get(f"{url}/v1/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"{url}/v1/health did not answer 200 within {timeout_s:.0f} s")


async def run_level(url: str, clients: int, seconds: float, timeout_s: float, headers: dict,
                    record: bool = True) -> LevelResult:
    result = LevelResult(clients, seconds)
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=timeout_s, headers=headers) as client:
        deadline = time.perf_counter() + seconds

        async def one_client(k: int) -> None:
            i = k
            while time.perf_counter() < deadline:
                payload = {"text": DRAFTS[i % len(DRAFTS)]}
                i += 1
                started = time.perf_counter()
                try:
                    response = await client.post("/v1/check", json=payload)
                except httpx.HTTPError as exc:
                    result.add_error(type(exc).__name__)
                    continue
                elapsed = (time.perf_counter() - started) * 1000
                if response.status_code != 200:
                    result.add_error(f"HTTP {response.status_code}")
                elif record:
                    result.latencies_ms.append(elapsed)

        # The outer timeout bounds the level even if a request hangs past its own timeout.
        await asyncio.wait_for(asyncio.gather(*(one_client(k) for k in range(clients))),
                               timeout=seconds + timeout_s + 5)
    return result


def format_table(results: list[LevelResult]) -> str:
    head = " | ".join(f"{c:>{w}}" for c, w in [("clients", 7), ("requests", 8), ("req/s", 7), ("p50 ms", 7),
                                                ("p90 ms", 7), ("p99 ms", 7), ("max ms", 7)]) + " | errors"
    lines = [head, "-" * len(head)]
    for r in results:
        n = len(r.latencies_ms)
        errors = str(r.error_count) + (f" ({', '.join(f'{k}: {v}' for k, v in r.errors.items())})" if r.errors else "")
        lines.append(f"{r.clients:>7} | {n:>8} | {n / r.seconds:>7.0f} | {r.percentile(50):>7.1f} | "
                     f"{r.percentile(90):>7.1f} | {r.percentile(99):>7.1f} | "
                     f"{max(r.latencies_ms, default=float('nan')):>7.1f} | {errors}")
    return "\n".join(lines)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=30.0, help="duration of each level (default 30)")
    parser.add_argument("--clients", default="1,8,32", help="concurrency levels, comma-separated (default 1,8,32)")
    parser.add_argument("--url", help="bench this running server instead of starting one on 127.0.0.1")
    parser.add_argument("--api-key", help="X-API-Key to send (for --url servers with keys)")
    parser.add_argument("--workers", type=int, default=1, help="uvicorn workers for the server it starts")
    parser.add_argument("--timeout", type=float, default=10.0, help="per-request timeout in seconds")
    parser.add_argument("--warmup", type=float, default=2.0, help="seconds of unrecorded load first")
    args = parser.parse_args(argv)
    args.levels = [int(x) for x in args.clients.split(",") if x.strip()]
    if not args.levels or min(args.levels) < 1 or max(args.levels) > 256:
        parser.error("--clients takes 1 to 256 clients per level")
    if not 0 < args.seconds <= 600:
        parser.error("--seconds must be in (0, 600]")
    return args


def run(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    headers = {"X-API-Key": args.api_key} if args.api_key else {}
    proc = None
    url = args.url.rstrip("/") if args.url else None
    if url is None:
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        proc = start_server(port, args.workers)
    try:
        wait_ready(url, proc)
        try:
            import uvloop  # the client's own overhead is part of what is measured: keep it small
            uvloop.install()
        except ImportError:
            pass
        if args.warmup > 0:
            asyncio.run(run_level(url, max(args.levels), args.warmup, args.timeout, headers, record=False))
        results = []
        for clients in args.levels:
            results.append(asyncio.run(run_level(url, clients, args.seconds, args.timeout, headers)))
            print(format_table(results[-1:]).splitlines()[-1] if len(results) > 1 else format_table(results),
                  flush=True)
    finally:
        if proc is not None:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
    print()
    where = args.url or f"uvicorn on 127.0.0.1, {args.workers} worker(s), rate limit off"
    print(f"POST /v1/check, {len(DRAFTS)} drafts in turn, {args.seconds:g} s per level, {where}; "
          f"{os.cpu_count()} CPUs")
    print(format_table(results))
    return 0 if all(r.error_count == 0 for r in results) else 1


def main() -> None:
    sys.exit(run())


if __name__ == "__main__":
    main()
