#!/usr/bin/env python3
"""Batch coding: ``code PROJECT --from FILE.csv`` with N quotes vs N separate ``code`` calls.

Builds the demo project, picks N quotes (runs of 6-12 words from the demo documents, each with
a leaf code, fixed seed), then times in whole processes:
  single: ``burgerannotator code PROJECT --doc --quote --code`` for the first --calls quotes
          (default 20), extrapolated to N calls (per-call median x N)
  batch:  ``burgerannotator code PROJECT --from quotes.csv`` with all N quotes, one process
and prints the ratio (target: batch < 5% of N single calls).

    .venv/bin/python bench/batch_code_bench.py [--quotes 1000] [--calls 20]
"""
from __future__ import annotations

import argparse
import csv
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def make_quotes(project: Path, n: int, seed: int = 17) -> list[dict]:
    rnd = random.Random(seed)
    con = sqlite3.connect(project)
    docs = con.execute("SELECT file_name, text FROM document ORDER BY id").fetchall()
    codes = [r[0] for r in con.execute("SELECT code_id FROM code WHERE kind = 'code' AND deleted IS NULL")]
    con.close()
    out, seen = [], set()
    while len(out) < n:
        name, text = rnd.choice(docs)
        words = text.split()
        k = rnd.randint(6, 12)
        i = rnd.randrange(0, max(1, len(words) - k))
        quote = " ".join(words[i:i + k])
        if quote in seen or len(quote) < 20:
            continue
        seen.add(quote)
        out.append({"doc": name, "quote": quote, "code": rnd.choice(codes), "coder": "Bench coder",
                    "memo": "", "occurrence": "1"})
    return out


def cli(*argv: str, env: dict) -> tuple[float, int]:
    t = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "burgerannotator", *argv], env=env, cwd=ROOT,
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t, proc.returncode


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quotes", type=int, default=1000)
    ap.add_argument("--calls", type=int, default=20)
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="ba-batch-"))
    env = dict(os.environ, BURGERANNOTATOR_DATA_DIR=str(tmp / "userdata"), PYTHONPATH=str(ROOT))
    project = tmp / "demo.bap"
    cli("demo", str(project), env=env)
    quotes = make_quotes(project, args.quotes)
    single_project = tmp / "single.bap"
    single_project.write_bytes(project.read_bytes())
    times = []
    for q in quotes[:args.calls]:
        dt, rc = cli("code", str(single_project), "--doc", q["doc"], "--quote", q["quote"], "--code", q["code"],
                     "--coder", q["coder"], env=env)
        times.append(dt)
    per_call = statistics.median(times)
    csv_path = tmp / "quotes.csv"
    with open(csv_path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(quotes[0]))
        writer.writeheader()
        writer.writerows(quotes)
    batch, rc = cli("code", str(project), "--from", str(csv_path), env=env)
    con = sqlite3.connect(project)
    coded = con.execute("SELECT count(*) FROM segment s JOIN coder c ON c.id = s.coder_id "
                        "WHERE c.name = 'Bench coder'").fetchone()[0]
    con.close()
    single_total = per_call * len(quotes)
    print(f"single code call: median {per_call * 1000:.0f} ms over {len(times)} calls -> "
          f"{len(quotes)} calls ~ {single_total:.1f} s")
    print(f"batch --from with {len(quotes)} quotes: {batch:.2f} s (exit {rc}, {coded} coded)   "
          f"{batch / single_total * 100:.2f}% of {len(quotes)} calls   (target < 5%)")


if __name__ == "__main__":
    main()
