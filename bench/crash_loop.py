#!/usr/bin/env python3
"""Bench: kill -9 writing commands at random moments, then check every acknowledged coding.

A small project (the research codebook, three demo agreements) is coded by several
``burgerannotator code ... --wait 60`` commands started at once in each round; after a random
delay some of them are killed with SIGKILL (mid-import of Python, mid-backup, mid-transaction,
or just after their commit). A coding counts as acknowledged when its command printed
"Coded ... (uuid)". After every round the project must pass SQLite's integrity check and
open, and every acknowledged uuid must be in it. Prints the lost count (target: 0).

Usage: python bench/crash_loop.py [--rounds 50] [--writers 3] [--seed 16] [--dir FOLDER]
"""
from __future__ import annotations

import argparse
import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from burgerannotator.core import codebook, importer  # noqa: E402
from burgerannotator.core.demo import demo_pdfs  # noqa: E402
from burgerannotator.core.documents import layout, list_documents  # noqa: E402
from burgerannotator.core.store import Project  # noqa: E402

ACK = re.compile(r"^Coded \S+ on .* \(([0-9a-f-]{36})\) by ", re.M)


def make_project(folder: Path) -> tuple[Path, list[tuple[str, str]]]:
    """The project and a pool of (document, quote) to code: 6-word runs that occur once."""
    path = folder / "crash.bap"
    with Project.create(path) as project:
        codebook.import_codebook(project, codebook.load_codebook_file())
        importer.import_many(project, demo_pdfs()[:3])
        pool = []
        for doc in list_documents(project):
            lay = layout(project, doc)
            for i in range(0, len(lay) - 6, 23):
                a, b = int(lay.spans[i, 0]), int(lay.spans[i + 5, 1])
                quote = " ".join(doc.text[a:b].split())
                if doc.text.count(doc.text[a:b]) == 1 and "-" not in quote:
                    pool.append((doc.file_name, quote))
    return path, pool


def check(path: Path, acknowledged: set[str]) -> tuple[int, str]:
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        ok = con.execute("PRAGMA integrity_check").fetchone()[0]
        present = {r[0] for r in con.execute("SELECT uuid FROM segment")}
    finally:
        con.close()
    with Project.open(path, readonly=True):
        pass
    return len(acknowledged - present), ok


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=50)
    ap.add_argument("--writers", type=int, default=3)
    ap.add_argument("--seed", type=int, default=16)
    ap.add_argument("--dir", type=Path)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    folder = args.dir or Path(tempfile.mkdtemp(prefix="ba-crash-"))
    folder.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, BURGERANNOTATOR_DATA_DIR=str(folder / "userdata"), QT_QPA_PLATFORM="offscreen")
    os.environ["BURGERANNOTATOR_DATA_DIR"] = env["BURGERANNOTATOR_DATA_DIR"]
    path, pool = make_project(folder)
    rng.shuffle(pool)
    codes = ["MECH-BURGERBERAAD", "MECH-UITDAAGRECHT", "MECH-BUURTRECHTEN"]
    acknowledged: set[str] = set()
    started = killed = refused = 0
    worst_lost, problems = 0, []
    t0 = time.perf_counter()
    for rnd in range(args.rounds):
        procs = []
        for w in range(args.writers):
            doc, quote = pool[(rnd * args.writers + w) % len(pool)]
            cmd = [sys.executable, "-m", "burgerannotator", "code", str(path), "--wait", "60", "--doc", doc,
                   "--quote", quote, "--code", rng.choice(codes), "--coder", f"Crash {w}", "--memo", f"round {rnd}"]
            procs.append(subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env))
            started += 1
        time.sleep(rng.uniform(0.2, 4.0))
        victims = rng.sample(procs, rng.randint(1, len(procs)))
        for p in victims:
            if p.poll() is None:
                p.send_signal(signal.SIGKILL)
                killed += 1
        for p in procs:
            out, err = p.communicate(timeout=300)
            acknowledged.update(ACK.findall(out))
            if p.returncode not in (0, -signal.SIGKILL):
                refused += 1
                problems.append(f"round {rnd}: exit {p.returncode}: {err.strip()[:200]}")
        lost, integrity = check(path, acknowledged)
        worst_lost = max(worst_lost, lost)
        if integrity != "ok":
            problems.append(f"round {rnd}: integrity check: {integrity}")
        print(f"round {rnd + 1:>3}: acknowledged {len(acknowledged):>4}, killed so far {killed:>3}, lost {lost}",
              flush=True)
    lost, integrity = check(path, acknowledged)
    print(f"\n{args.rounds} rounds, {started} writing commands, {killed} killed with SIGKILL, "
          f"{len(acknowledged)} codings acknowledged, LOST {lost}; integrity {integrity}; "
          f"{refused} commands refused with a message; {time.perf_counter() - t0:.0f} s")
    for p in problems[:10]:
        print("  " + p)
    return 1 if lost or integrity != "ok" else 0


if __name__ == "__main__":
    sys.exit(main())
