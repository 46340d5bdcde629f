#!/usr/bin/env python3
"""Bench: mutation testing of the modules that make research numbers, with mutmut (pinned 3.8.x).

For each module a scratch copy of the repository is made (the package, resources/, db/ and
only that module's fast test subset), mutmut mutates only that module there and runs the
subset against every mutant, and the kill score is printed per module:

    killed / (killed + survived + no tests + timeouts)

(a mutant no test reaches counts as survived; a timeout counts as not killed, to stay honest).
The machine is small and shared, so modules run one at a time with ``--max-children``
(default 1), and a module can be chosen: ``python bench/mutation.py matrix merge``.
Survivors are listed with ``--survivors`` (mutmut's name for each, to show with
``mutmut show NAME`` in the scratch folder, which is kept with ``--keep``).

Needs: pip install "mutmut==3.8.1" (the ``bench`` extra in pyproject.toml).
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TARGET = 85.0  # percent killed, the bar

# module -> (files mutated, fast tests that guard them)
MODULES: dict[str, tuple[list[str], list[str]]] = {
    "pdftext": (["burgerannotator/core/pdftext.py"],
                ["tests/core/test_golden_text.py", "tests/core/test_pdftext_mutants.py"]),
    "anchoring": (["burgerannotator/core/anchoring.py"],
                  ["tests/core/test_anchoring.py", "tests/core/test_golden_text.py",
                   "tests/core/test_anchoring_units.py", "tests/core/test_anchoring_mutants.py",
                   "tests/core/test_properties.py::test_span_rects_span_round_trip"]),
    "matrix": (["burgerannotator/core/matrix.py"],
               ["tests/core/test_matrix.py", "tests/core/test_matrix_exact.py", "tests/core/test_matrix_mutants.py",
                "tests/core/test_matrix_plain.py",
                "tests/core/test_properties.py::test_matrix_equals_brute_force_count"]),
    # the merge guard: tiny hand-made projects (test_merge.py and test_trust_merge*.py import the demo's
    # real PDFs, ~24 s a run: too slow for every mutant; they still run in the normal suite)
    "merge": (["burgerannotator/core/merge.py"], ["tests/core/test_merge_mutants.py", "tests/core/test_merge_mutants_rows.py",
                                                "tests/core/test_merge_mutants_changes.py"]),
    "dictionary": (["burgerannotator/core/dictionary.py"],
                   ["tests/core/test_dictionary.py", "tests/core/test_dictionary_exact.py",
                    "tests/core/test_dictionary_mutants.py",
                    # the new scan against the old per-code one, and the demo's hits and suggestions pinned
                    # (its search and layout tests guard other modules and are left out: a subset stays fast)
                    "tests/core/test_search_pinned.py::test_dictionary_hits_are_pinned",
                    "tests/core/test_search_pinned.py::test_autocode_suggestions_are_pinned",
                    "tests/core/test_search_pinned.py::test_the_scan_equals_the_per_code_scan",
                    "tests/core/test_search_pinned.py::test_overlaps_within_one_code_are_skipped_as_finditer_does"]),
    "agreement": (["burgerannotator/core/agreement/krippendorff.py", "burgerannotator/core/agreement/nominal.py"],
                  ["tests/core/test_agreement_coefficients.py", "tests/core/test_agreement_mutants.py"]),
    "unitizing": (["burgerannotator/core/agreement/unitizing.py", "burgerannotator/core/agreement/unitizing_2004.py"],
                  ["tests/core/test_unitizing.py", "tests/core/test_unitizing_mutants.py"]),
    "variance": (["burgerannotator/core/agreement/variance.py", "burgerannotator/core/agreement/bootstrap.py"],
                 ["tests/core/test_agreement_ci.py", "tests/core/test_agreement_intervals_mutants.py"]),
}


def scratch_copy(module: str, folder: Path) -> None:
    files, tests = MODULES[module]
    shutil.copytree(REPO / "burgerannotator", folder / "burgerannotator",
                    ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("resources", "db"):
        shutil.copytree(REPO / name, folder / name, ignore=shutil.ignore_patterns("__pycache__"))
    (folder / "tests" / "core").mkdir(parents=True)
    for name in ("conftest.py", "support.py", "__init__.py"):
        if (REPO / "tests" / name).exists():
            shutil.copy2(REPO / "tests" / name, folder / "tests" / name)
    with open(folder / "tests" / "conftest.py", "a", encoding="utf-8") as fh:
        fh.write(FILE_ORDER_HOOK)
    for name in ("__init__.py", "_reference.py", "conftest.py", "_merge_copies.py"):
        if (REPO / "tests" / "core" / name).exists():
            shutil.copy2(REPO / "tests" / "core" / name, folder / "tests" / "core" / name)
    if (REPO / "tests" / "data").exists():
        shutil.copytree(REPO / "tests" / "data", folder / "tests" / "data")
    for t in tests:
        src = REPO / t.split("::")[0]
        if src.exists():
            shutil.copy2(src, folder / t.split("::")[0])
    selection = [t for t in tests if (REPO / t.split("::")[0]).exists()]
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    pyproject += "\n[tool.mutmut]\n" + "\n".join([
        'source_paths = ["burgerannotator"]',
        'also_copy = ["resources/", "db/"]',
        f"only_mutate = {json.dumps(files)}",
        f"pytest_add_cli_args_test_selection = {json.dumps(selection)}",
        'pytest_add_cli_args = ["-q", "-p", "no:cacheprovider", "-x", "-W", "ignore"]',
        "use_setproctitle = false",
        "use_git_change_detection = false",
        "track_dependencies = false",
        "timeout_multiplier = 5.0",
    ]) + "\n"
    (folder / "pyproject.toml").write_text(pyproject, encoding="utf-8")


# mutmut passes a mutant's tests as a set (arbitrary order): run them in file order, so the broad tests a
# module puts first (test_merge_mutants.py's all-at-once tests) fail first and -x stops there.
FILE_ORDER_HOOK = """

def pytest_collection_modifyitems(items):  # added by bench/mutation.py
    items.sort(key=lambda item: (str(item.path), item.reportinfo()[1] or 0))
"""


def build_demo_once(folder: Path) -> Path:
    """The demo project, built once with the unmutated code and copied by every mutant's tests."""
    path = folder / "demo.bap"
    subprocess.run([sys.executable, "-c", "import sys; from burgerannotator.core.demo import build_demo; "
                    "build_demo(sys.argv[1]).close()", str(path)], check=True, cwd=REPO,
                   env={"BURGERANNOTATOR_DATA_DIR": str(folder / "userdata"), "PATH": "/usr/bin:/bin",
                        "HOME": str(folder)})
    return path


def run_module(module: str, children: int, keep: bool, survivors: bool, demo: Path, budget: float) -> dict:
    folder = Path(tempfile.mkdtemp(prefix=f"ba-mutation-{module}-"))
    try:
        scratch_copy(module, folder)
        mutmut = Path(sys.executable).with_name("mutmut")
        env = {"QT_QPA_PLATFORM": "offscreen", "BURGERANNOTATOR_TEST_DEMO": str(demo), "PATH": str(Path(sys.executable).parent) + ":/usr/bin:/bin",
               "HOME": str(folder), "BURGERANNOTATOR_DATA_DIR": str(folder / "userdata"), "PYTHONHASHSEED": "0",
               # tests/core/conftest.py builds the merge tests' template projects there once for all mutants
               "BURGERANNOTATOR_TEST_MERGE_TEMPLATES": str(folder / "merge-templates")}
        (folder / "merge-templates").mkdir()
        t0 = time.perf_counter()
        proc = subprocess.Popen([str(mutmut), "run", "--max-children", str(children)], cwd=folder, env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
        try:
            output, _ = proc.communicate(timeout=budget)
        except subprocess.TimeoutExpired:  # out of time: stop, and count what was checked
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                output, _ = proc.communicate(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                output, _ = proc.communicate()
        seconds = time.perf_counter() - t0
        stats = read_meta(folder, MODULES[module][0])
        if stats is None:
            tail = (output or "").strip().splitlines()[-15:]
            return {"module": module, "error": " | ".join(tail), "seconds": seconds}
        stats.update(module=module, seconds=seconds)
        if not survivors:
            stats.pop("survivors", None)
        if keep:
            stats["folder"] = str(folder)
        return stats
    finally:
        if not keep:
            shutil.rmtree(folder, ignore_errors=True)


def read_meta(folder: Path, files: list[str]) -> dict | None:
    """Counts per status from mutmut's result files (also after a run stopped at its time budget)."""
    counts = {"total": 0, "killed": 0, "survived": 0, "no_tests": 0, "timeout": 0, "suspicious": 0,
              "not_checked": 0}
    survivors = []
    found = False
    for f in files:
        meta = folder / "mutants" / (f + ".meta")
        if not meta.exists():
            continue
        found = True
        for name, code in json.loads(meta.read_text()).get("exit_code_by_key", {}).items():
            counts["total"] += 1
            status = STATUS.get(code, "suspicious")
            counts[status] += 1
            if status == "survived":
                survivors.append(name)
    if not found:
        return None
    counts["survivors"] = survivors
    return counts


# mutmut's exit codes of a mutant's test run (mutmut.stats.status_by_exit_code)
STATUS = {1: "killed", 3: "killed", 0: "survived", 5: "no_tests", 33: "no_tests", None: "not_checked",
          36: "timeout", 24: "timeout", -24: "timeout", 152: "timeout", 255: "timeout", 34: "not_checked",
          2: "not_checked", 37: "killed"}


def score(s: dict) -> float:
    killed = s.get("killed", 0)  # over the mutants checked (a run stopped at its budget checks a sample)
    counted = killed + s.get("survived", 0) + s.get("no_tests", 0) + s.get("timeout", 0) + s.get("suspicious", 0)
    return 100.0 * killed / counted if counted else 0.0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("modules", nargs="*", metavar="MODULE", help=f"default: all of {', '.join(MODULES)}")
    ap.add_argument("--max-children", type=int, default=1)
    ap.add_argument("--budget", type=float, default=1200, metavar="SECONDS",
                    help="time per module; then mutmut is stopped and the mutants checked so far are counted")
    ap.add_argument("--keep", action="store_true", help="keep the scratch folders (to inspect survivors)")
    ap.add_argument("--survivors", action="store_true", help="list the surviving mutants")
    args = ap.parse_args()
    unknown = [m for m in args.modules if m not in MODULES]
    if unknown:
        ap.error(f"unknown module(s) {', '.join(unknown)}; choose from {', '.join(MODULES)}")
    print(f"{'module':<12} {'mutants':>7} {'checked':>7} {'killed':>6} {'survived':>8} {'no tests':>8} "
          f"{'timeout':>7} {'score':>6}  {'time':>6}")
    worst = 100.0
    demo = build_demo_once(Path(tempfile.mkdtemp(prefix="ba-mutation-demo-")))
    for module in args.modules or list(MODULES):
        s = run_module(module, args.max_children, args.keep, args.survivors, demo, args.budget)
        if "error" in s:
            print(f"{module:<12} error: {s['error']}")
            worst = 0.0
            continue
        sc = score(s)
        worst = min(worst, sc)
        checked = s["total"] - s["not_checked"]
        print(f"{module:<12} {s['total']:>7} {checked:>7} {s['killed']:>6} {s['survived']:>8} {s['no_tests']:>8} "
              f"{s['timeout']:>7} {sc:>5.1f}%  {s['seconds']:>5.0f}s" + (f"  ({s['folder']})" if args.keep else ""),
              flush=True)
        for name in s.get("survivors", []):
            print(f"    {name}")
    shutil.rmtree(demo.parent, ignore_errors=True)  # the demo copy every run made was left in /tmp
    print(f"target >= {TARGET:.0f}% per module; lowest {worst:.1f}%")
    return 0


if __name__ == "__main__":
    sys.exit(main())
