#!/usr/bin/env python3
"""Bench: per-code unitizing alpha and character agreement on 14 x 100k characters, 3 coders,
26 codes, ~60,000 segments (moved here from a wall-clock assertion in tests/core/test_unitizing.py).

Prints the time beside a baseline measured in the same run (sorting the same number of
segment ends with numpy, 200 times), as a ratio, so a slow machine does not look like a
regression. Usage: python bench/unitizing_bench.py
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from burgerannotator.core.agreement.unitizing import character_agreement, unitizing_alpha_per_code  # noqa: E402


def synthetic(rng, length, n_coders, n_codes, n_segments):
    out = []
    for _ in range(n_coders):
        starts = rng.integers(0, length - 1, n_segments)
        ends = np.minimum(starts + rng.integers(1, 400, n_segments), length)
        codes = rng.integers(0, n_codes, n_segments)
        out.append(list(zip(starts.tolist(), ends.tolist(), codes.tolist())))
    return out


def main() -> int:
    rng = np.random.default_rng(0)
    docs = [synthetic(rng, 100_000, 3, 26, 60_000 // (14 * 3)) for _ in range(14)]
    t0 = time.perf_counter()
    for _ in range(200):
        np.sort(rng.integers(0, 100_000, 60_000))
    baseline = time.perf_counter() - t0
    t0 = time.perf_counter()
    for segs in docs:
        unitizing_alpha_per_code(100_000, segs)
        for i in range(3):
            for j in range(i + 1, 3):
                character_agreement(100_000, segs[i], segs[j])
    elapsed = time.perf_counter() - t0
    print(f"unitizing alpha + character agreement, 60,000 segments: {elapsed:.2f} s "
          f"(baseline numpy sorts {baseline:.2f} s; ratio {elapsed / baseline:.1f}; target < 5 s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
