"""Update the Dutch translation of the interface with Qt's own tools (they ship with
PySide6-Essentials): ``pyside6-lupdate`` collects the marked strings of ``burgerannotator/gui``
into ``resources/i18n/burgerannotator_nl.ts`` (translations kept, new strings 'unfinished'),
``pyside6-lrelease`` compiles it to the ``.qm`` file the app loads.

    .venv/bin/python packaging/translations.py            # update .ts and compile .qm
    .venv/bin/python packaging/translations.py --check    # exit 1 if any string is unfinished

Translate in the .ts file (Qt Linguist: ``pyside6-linguist``, or any text editor).
"""
from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TS = ROOT / "resources" / "i18n" / "burgerannotator_nl.ts"
QM = TS.with_suffix(".qm")


def tool(name: str) -> str:
    here = Path(sys.executable).parent / name
    found = str(here) if here.exists() else shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found: install PySide6 (it ships with PySide6-Essentials).")
    return found


def sources() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in (ROOT / "burgerannotator" / "gui").rglob("*.py"))


def lupdate(ts: Path) -> str:
    done = subprocess.run([tool("pyside6-lupdate"), *sources(), "-no-obsolete", "-locations", "none",
                           "-target-language", "nl_NL", "-ts", str(ts)], cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(done.stderr.strip() or done.stdout.strip())
    return done.stdout


def unfinished(ts: Path) -> list[str]:
    """The source texts still waiting for a translation."""
    text = ts.read_text(encoding="utf-8")
    return re.findall(r"<source>(.*?)</source>\s*(?:<comment>.*?</comment>\s*)?"
                      r"<translation type=\"unfinished\"", text, flags=re.S)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report unfinished strings (on a copy)")
    args = parser.parse_args(argv)
    if args.check:
        with tempfile.TemporaryDirectory() as tmp:
            copy = Path(tmp) / TS.name
            shutil.copyfile(TS, copy)
            lupdate(copy)
            missing = unfinished(copy)
        for source in missing:
            print(f"unfinished: {source}")
        print(f"{len(missing)} unfinished")
        return 1 if missing else 0
    TS.parent.mkdir(parents=True, exist_ok=True)
    print(lupdate(TS).strip())
    done = subprocess.run([tool("pyside6-lrelease"), str(TS), "-qm", str(QM)], capture_output=True, text=True)
    print(done.stdout.strip() or done.stderr.strip())
    missing = unfinished(TS)
    print(f"{len(missing)} unfinished")
    return 0


if __name__ == "__main__":
    sys.exit(main())
