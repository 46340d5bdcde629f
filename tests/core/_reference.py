"""Helpers shared by the agreement tests: load the reference JSON files and
decide the tolerance of each expected value (see tests/data/agreement-reference/README.md)."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

REF_DIR = Path(__file__).resolve().parents[1] / "data" / "agreement-reference"

# Sections holding numbers printed in a source (rounded): half a unit of the last digit.
PRINTED = re.compile(r"^(paper|paper_3dp|published|book|book_3dp|book_as_transcribed_by_DKPro|.*_vignette)$")


def load(name: str) -> dict:
    return json.loads((REF_DIR / name).read_text(encoding="utf-8"))


def all_reference_files() -> list[str]:
    return sorted(p.name for p in REF_DIR.glob("*.json"))


def decimals(x: float) -> int:
    r = repr(float(x))
    if "e" in r or "E" in r:
        mant, exp = r.lower().split("e")
        d = len(mant.split(".")[1]) if "." in mant else 0
        return max(d - int(exp), 0)
    return len(r.split(".")[1]) if "." in r else 0


def tolerance(section: str, expected: float, printed: frozenset = frozenset()) -> float:
    d = decimals(expected)
    if PRINTED.match(section) or section in printed:
        return 0.5 * 10.0 ** (-d) + 1e-12
    # Package output: full-precision values to 1e-6; values printed by irrCAC with
    # 5 decimals (trailing zeros dropped by JSON) to half a unit of the 5th decimal.
    if d >= 6:
        return 1e-6
    return 0.5e-5 + 1e-12


def leaves(obj, prefix: str = ""):
    """Numeric leaves of a nested dict/list as (path, value); paths use '/'."""
    if isinstance(obj, dict):
        for k, v in obj.items():
            yield from leaves(v, f"{prefix}/{k}" if prefix else str(k))
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            yield from leaves(v, f"{prefix}/{i}")
    elif isinstance(obj, (int, float)) and not isinstance(obj, bool):
        yield prefix, float(obj)


def check_all(expected_tree: dict, computed, skip: dict[str, str], label: str,
              printed: frozenset = frozenset()) -> list[str]:
    """Compare every numeric leaf of ``expected_tree`` with ``computed`` (path -> value).

    ``computed`` is a mapping or a callable path -> value (None if unmapped).
    ``skip`` maps regexes of paths to the reason they are not checked;
    ``printed`` names extra sections holding rounded, printed numbers.
    Returns the list of checked paths; raises AssertionError listing every
    mismatch and every leaf that is neither computed nor skipped.
    """
    problems, checked = [], []
    for path, exp in leaves(expected_tree):
        if any(re.search(p, path) for p in skip):
            continue
        got = computed(path) if callable(computed) else computed.get(path, KeyError)
        if got is KeyError:
            problems.append(f"{label}:{path}: expected {exp} but no computed value is mapped")
            continue
        section = path.split("/")[0]
        tol = tolerance(section, exp, printed)
        if got is None or not math.isfinite(got) or abs(got - exp) > tol:
            problems.append(f"{label}:{path}: expected {exp} ± {tol:g}, got {got}")
        checked.append(path)
    assert not problems, "\n".join(problems)
    return checked
