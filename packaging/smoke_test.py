"""Smoke test of the frozen app: build the one-folder bundle, then run its binary.

Checks --version, `demo` into a temporary project, `info --json` on it, and the GUI
offscreen for a few seconds without a traceback. Prints bundle size on disk, build time and
frozen start-up time to the main window (targets: < 250 MB, < 3 s).
Usage: python packaging/smoke_test.py [--no-build] [--dist DIR]
Also run by tests/packaging/test_frozen_app.py.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import build as builder  # noqa: E402


def executable(dist: Path) -> Path:
    name = builder.NAME + (".exe" if os.name == "nt" else "")
    return dist / builder.NAME / name


def run(exe: Path, *args: str, env=None, timeout=120) -> subprocess.CompletedProcess:
    return subprocess.run([str(exe), *args], capture_output=True, text=True, timeout=timeout, env=env)


def check(exe: Path, workdir: Path) -> dict:
    """Run the frozen binary through its paces; raise AssertionError with the output on failure."""
    figures = {}
    env = dict(os.environ, BURGERANNOTATOR_DATA_DIR=str(workdir / "userdata"), QT_QPA_PLATFORM="offscreen")
    r = run(exe, "--version", env=env)
    assert r.returncode == 0 and "BurgerAnnotator" in r.stdout, r.stdout + r.stderr
    project = workdir / "demo.bap"
    t = time.perf_counter()
    r = run(exe, "demo", str(project), env=env)
    figures["demo_build_s"] = time.perf_counter() - t
    assert r.returncode == 0 and project.exists(), r.stdout + r.stderr
    r = run(exe, "info", str(project), "--json", env=env)
    assert r.returncode == 0, r.stderr
    info = json.loads(r.stdout)
    assert len(info["documents"]) == 14 and info["codebook"]["codes"] == 26
    r = run(exe, "export", str(project), "-o", str(workdir / "demo.qdpx"), env=env)  # REFI-QDA (lxml) frozen
    assert r.returncode == 0, r.stdout + r.stderr
    r = run(exe, "new", str(workdir / "back.bap"), "--from", str(workdir / "demo.qdpx"), env=env)
    assert r.returncode == 0 and "text codings at their exact offsets" in r.stdout, r.stdout + r.stderr
    if (exe.parent / "_internal" / "resources" / "tessdata").is_dir() or (exe.parent / "resources" / "tessdata").is_dir():
        r = run(exe, "ocr", str(project), "--doc", "Breda", env=dict(env, TESSDATA_PREFIX=""))  # the shipped data
        assert r.returncode == 0 and "text recognised on 1 page(s): 13." in r.stdout, r.stdout + r.stderr
        figures["ocr"] = "bundled language data"
    r = run(exe, "info", str(workdir / "missing.bap"), env=env)
    assert r.returncode != 0 and "Traceback" not in r.stderr and r.stderr.count("\n") == 1, r.stderr
    gui_env = dict(env, BURGERANNOTATOR_QUIT_AFTER_MS="3000")
    t = time.perf_counter()
    proc = subprocess.Popen([str(exe), "open", str(project), "--coder", "Smoke"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=gui_env)
    shown = None
    for line in proc.stdout:
        if "main window shown" in line and shown is None:
            shown = time.perf_counter() - t
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, f"GUI exited {proc.returncode}: {err[-2000:]}"
    assert "Traceback" not in err, err[-2000:]
    assert shown is not None, "the main window never came up"
    figures["startup_to_main_window_s"] = shown
    return figures


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--no-build", action="store_true", help="use an existing dist/ bundle")
    ap.add_argument("--dist", type=Path, default=builder.DIST)
    args = ap.parse_args()
    if not args.no_build:
        t = time.perf_counter()
        builder.build(args.dist, args.dist.parent / "build")
        print(f"build time: {time.perf_counter() - t:.0f} s")
    exe = executable(args.dist)
    print(f"bundle size on disk: {builder.size_of(exe.parent) / 1e6:.0f} MB")
    with tempfile.TemporaryDirectory() as tmp:
        figures = check(exe, Path(tmp))
    print(f"frozen start-up to main window: {figures['startup_to_main_window_s']:.2f} s")
    print(f"frozen demo project build: {figures['demo_build_s']:.2f} s")
    print("smoke test passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
