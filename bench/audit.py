"""Audit throughput and memory, end to end.

    .venv/bin/python bench/audit.py                         # 10,000 e-mails
    .venv/bin/python bench/audit.py --sizes 10000,100000    # memory must not grow with the size
    .venv/bin/python bench/audit.py --input mbox --format html

For each size it writes synthetic, varied rejection drafts (plain, HTML, quoted replies, merge
fields, a few empty or broken records) to a temporary JSON Lines file or mbox, runs
`rejectcheck audit` on it in a subprocess, and reports e-mails per second and the subprocess's
peak RSS (from wait4). A first row runs the same subprocess on a single message, so the model's
fixed cost can be told apart from anything that grows with the input.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from email.message import EmailMessage
from email.utils import format_datetime
from datetime import datetime, timedelta, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

FIRST = ["Priya", "Tomasz", "Aisha", "Mateo", "Yuki", "Oluwaseun", "Grace", "Lars", "Fatima", "Wei", "Sofia",
         "Diego", "Hannah", "Kwame", "Ines", "Rahul", "Chloe", "Ahmed", "Maja", "Sam"]
ROLES = ["Data Analyst", "Backend Engineer", "Product Designer", "Staff Nurse", "Account Executive",
         "Marketing Manager", "Research Assistant", "Warehouse Supervisor", "UX Researcher", "Finance Associate"]
COMPANIES = ["Acme", "Northwind", "Globex", "Initech", "Umbrella Health", "Stark Logistics", "Wayne Retail"]
GREETINGS = ["Hi {name},", "Dear {name},", "Hello {name},", "Dear Candidate,", "Hi {{first_name}},", "{name},"]
OPENINGS = [
    "Thank you for your interest in the {role} position at {company}.",
    "Thanks for applying for the {role} role and for the time you gave us.",
    "Thank you for taking the time to interview with {company} for the {role} role.",
    "We appreciate you applying to {company}.",
    "Thank you for completing the take-home exercise for the {role} position.",
]
DECISIONS = [
    "After careful consideration, we have decided to move forward with other candidates.",
    "Unfortunately, we will not be progressing your application at this time.",
    "We've decided not to offer you the role.",
    "I'm sorry to tell you that we won't be moving you to the next stage.",
    "We have chosen to pursue candidates whose experience more closely matches our needs.",
]
REASONS = [
    "",
    "The competition was very strong this time.",
    "The main reason is that the role needs hands-on {skill}, and your answers in the technical interview "
    "didn't show enough of it yet.",
    "Your portfolio was strong on visual design, but we need someone who has led {skill} end to end.",
    "We were impressed by your presentation, but another candidate had more experience with {skill}.",
]
SKILLS = ["SQL window functions", "dbt in production", "stakeholder research", "budget forecasting",
          "Kubernetes operations", "ward rota planning", "enterprise sales cycles"]
ADVICE = [
    "",
    "We will keep your CV on file for future opportunities.",
    "If you build a small project with {skill}, I'd be glad to hear from you again.",
    "Our {team} team opens two similar roles in the spring; I'd encourage you to apply then.",
    "We wish you the best in your job search.",
]
SIGNOFFS = ["Best regards,\n{sender_name}\nTalent Team, {company}", "Kind regards,\n{sender_name}",
            "Thanks,\n{sender_name}", "Sincerely,\nThe {company} Recruiting Team", "Cheers,\n{sender_name}\n-- \n"
            "{sender_name} | Recruiter | {company}\n+44 20 7946 0000"]
SENDERS = [f"{n.lower()}.{s}@{c.lower().replace(' ', '')}.example" for n, s in
           [("dana", "lee"), ("mark", "ruiz"), ("olga", "petrova"), ("jin", "park"), ("tess", "ng")]
           for c in COMPANIES[:4]]


def synthetic_draft(rng: random.Random) -> dict:
    """One varied draft with a date and a sender (the bench's own generator, not training data)."""
    name, role, company = rng.choice(FIRST), rng.choice(ROLES), rng.choice(COMPANIES)
    skill, sender = rng.choice(SKILLS), rng.choice(SENDERS)
    sender_name = sender.split("@")[0].replace(".", " ").title()
    fill = dict(name=name, role=role, company=company, skill=skill, team=rng.choice(["data", "design", "sales"]),
                sender_name=sender_name)
    paras = [rng.choice(GREETINGS).format(**fill),
             " ".join(p for p in (rng.choice(OPENINGS), rng.choice(DECISIONS), rng.choice(REASONS)) if p).format(**fill),
             rng.choice(ADVICE).format(**fill),
             rng.choice(SIGNOFFS).format(**fill)]
    text = "\n\n".join(p for p in paras if p)
    r = rng.random()
    if r < 0.05:
        text = "<html><body>" + "".join(f"<p>{p.replace(chr(10), '<br>')}</p>" for p in text.split("\n\n")) + "</body></html>"
    elif r < 0.10:
        text += f"\n\nOn Mon, 3 Mar 2025, {name} <{name.lower()}@mail.example> wrote:\n> Any news on my application?\n> Thanks"
    date = datetime(2024, 1, 1, tzinfo=timezone.utc) + timedelta(minutes=rng.randrange(60 * 24 * 540))
    return {"text": text, "date": date, "sender": sender, "to": f"{name} Example <{name.lower()}@mail.example>"}


def write_jsonl(path: Path, n: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    with open(path, "w", encoding="utf-8") as f:
        for i in range(n):
            if i % 500 == 499:
                f.write("{a broken line\n")  # error rows must be accounted for too
                continue
            d = synthetic_draft(rng)
            f.write(json.dumps({"id": f"m{i:07d}", "text": d["text"] if i % 997 else "",
                                "date": d["date"].isoformat(), "sender": d["sender"]}) + "\n")


def write_mbox(path: Path, n: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    with open(path, "wb") as f:
        for i in range(n):
            d = synthetic_draft(rng)
            msg = EmailMessage()
            msg["From"], msg["To"] = d["sender"], d["to"]
            msg["Subject"], msg["Message-ID"] = "Your application", f"<m{i:07d}@bench.example>"
            msg["Date"] = format_datetime(d["date"])
            html = d["text"].startswith("<html>")
            msg.set_content(d["text"] if i % 997 else " ", subtype="html" if html else "plain")
            body = bytes(msg).replace(b"\nFrom ", b"\n>From ")
            f.write(b"From bench@example Mon Jan  1 00:00:00 2024\n" + body + b"\n")


def run_audit(input_path: Path, out_path: Path, fmt: str, batch_size: int, fast: bool = False,
              workers: int = 1) -> tuple[float, int, int]:
    """(seconds, peak RSS in KiB of the main process, return code) of one `rejectcheck audit` subprocess."""
    cmd = [sys.executable, "-m", "service.cli", "audit", str(input_path), "--output", str(out_path),
           "--format", fmt, "--no-progress", "--batch-size", str(batch_size), "--workers", str(workers)]
    if fast:
        cmd.append("--fast")
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        sys.stderr.write(proc.stderr.read().decode(errors="replace"))
    proc.stderr.close()
    return seconds, usage.ru_maxrss, code


def count_rows(path: Path) -> int:
    with open(path, "rb") as f:
        return sum(1 for line in f if line.strip())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="10000", help="comma-separated message counts (e.g. 10000,100000)")
    ap.add_argument("--input", choices=("jsonl", "mbox"), default="jsonl")
    ap.add_argument("--format", choices=("jsonl", "csv", "html"), default="jsonl")
    ap.add_argument("--batch-size", type=int, default=256)
    ap.add_argument("--fast", action="store_true", help="the audit profile (rejectcheck audit --fast)")
    ap.add_argument("--workers", type=int, default=1, help="rejectcheck audit --workers N")
    args = ap.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    write = write_jsonl if args.input == "jsonl" else write_mbox
    results = []
    with tempfile.TemporaryDirectory(prefix="rejectcheck-bench-") as tmp:
        tmp = Path(tmp)
        for n in [1] + sizes:
            src = tmp / f"in-{n}.{args.input if args.input == 'jsonl' else 'mbox'}"
            out = tmp / f"out-{n}.{args.format}"
            t = time.perf_counter()
            write(src, n)
            gen = time.perf_counter() - t
            seconds, rss_kib, code = run_audit(src, out, args.format, args.batch_size, args.fast, args.workers)
            rows_path = out if args.format != "html" else out.with_name(out.name + ".rows.jsonl")
            rows = count_rows(rows_path) - (1 if args.format == "csv" else 0)
            results.append((n, seconds, rss_kib, code, rows, gen, src.stat().st_size))
            print(f"  {n:>7,} messages: {seconds:6.1f} s, peak RSS {rss_kib / 1024:6.0f} MiB, rows {rows:,}, "
                  f"exit {code}", file=sys.stderr)
    base_rss = results[0][2]
    print(f"\nrejectcheck audit bench — input {args.input}, output {args.format}, batch {args.batch_size}, "
          f"profile {'fast' if args.fast else 'full'}, workers {args.workers}, "
          f"{os.cpu_count()} CPUs, Python {sys.version.split()[0]}")
    print(f"{'messages':>10} {'input MB':>9} {'seconds':>8} {'emails/s':>9} {'peak RSS MiB':>13} "
          f"{'over 1-msg run':>15} {'rows ok':>8}")
    for n, seconds, rss, code, rows, _gen, size in results:
        rate = n / seconds if seconds else 0
        print(f"{n:>10,} {size / 1e6:>9.1f} {seconds:>8.1f} {rate:>9.0f} {rss / 1024:>13.0f} "
              f"{(rss - base_rss) / 1024:>+15.0f} {'yes' if rows == n else f'NO ({rows})':>8}")
    print("(the 1-message row is start-up and model loading; seconds include them. Peak RSS is the main"
          " process's; with --workers each worker holds its own model as well.)")
    return 0 if all(r[4] == r[0] for r in results) else 1

if __name__ == "__main__":
    sys.exit(main())
