"""Start-up stays light: what a command imports is asserted exactly (never timed) in a fresh
interpreter. ``--help``/``--version`` need neither SQLAlchemy nor PyMuPDF; the read-only
commands need no Alembic (no migration is due), no PyMuPDF and, on a project of the demo's
size, no NumPy (core.integrity checks the word arrays in plain Python there) (issue 17)."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = ("sqlalchemy", "pymupdf", "fitz", "alembic", "numpy", "xlsxwriter", "PySide6")

PROBE = """
import contextlib, io, json, sys
from burgerannotator.cli import main
out = io.StringIO()
with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
    code = main(json.loads(sys.argv[1]))
heavy = sorted({m.split('.')[0] for m in sys.modules} & set(json.loads(sys.argv[2])))
print(json.dumps({"code": code, "heavy": heavy}))
"""


def imported(argv: list[str], env_dir) -> dict:
    proc = subprocess.run([sys.executable, "-c", PROBE, json.dumps(argv), json.dumps(HEAVY)],
                          capture_output=True, text=True, env={"BURGERANNOTATOR_DATA_DIR": str(env_dir),
                                                               "PATH": "/usr/bin:/bin"})
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("argv", [["--help"], ["--version"], ["info", "--help"], ["code", "--help"]])
def test_help_and_version_import_no_heavy_library(argv, tmp_path):
    assert imported(argv, tmp_path) == {"code": 0, "heavy": []}


@pytest.mark.parametrize("argv", [["info", "{p}"], ["search", "{p}", "wijk*"], ["info", "{p}", "--json"]])
def test_read_only_commands_import_no_alembic_pymupdf_or_numpy(argv, demo_project_path, tmp_path):
    argv = [a.format(p=demo_project_path) for a in argv]
    assert imported(argv, tmp_path) == {"code": 0, "heavy": ["sqlalchemy"]}


def test_matrix_imports_no_alembic_or_pymupdf(demo_project_path, tmp_path):
    result = imported(["matrix", str(demo_project_path), "-o", str(tmp_path / "m.csv")], tmp_path)
    assert result["code"] == 0
    assert {"alembic", "pymupdf", "fitz", "xlsxwriter", "PySide6"} & set(result["heavy"]) == set()


def test_cli_choices_mirror_the_core():
    from burgerannotator.commands import choices
    from burgerannotator.core.agreement.bootstrap import DRAWS, MINIMA, SEED
    from burgerannotator.core.agreement.level_report import LEVELS
    from burgerannotator.core.agreement.levels import UNCODED
    from burgerannotator.core.agreement.segment_level import DEFAULT_OVERLAP
    from burgerannotator.core.dictionary import UNITS
    from burgerannotator.core.exports.csv_writer import SEPARATORS
    from burgerannotator.core.exports.dutch import LANGUAGES
    from burgerannotator.core.matrix import MEASURES
    from burgerannotator.core.merge import CONFLICT_CHOICES

    assert (choices.LEVELS, choices.DEFAULT_OVERLAP, choices.CONFLICT_CHOICES, choices.MEASURES,
            choices.SEPARATORS, choices.UNITS, choices.UNCODED, choices.DRAWS, choices.SEED, choices.MINIMA,
            choices.LANGUAGES) == \
        (LEVELS, DEFAULT_OVERLAP, CONFLICT_CHOICES, MEASURES, SEPARATORS, UNITS, UNCODED, DRAWS, SEED, MINIMA,
         LANGUAGES)


def test_schema_revisions_read_without_alembic_equal_alembics_own():
    from burgerannotator.core import migrations

    assert migrations.known_revisions() == migrations.alembic_revisions()
    assert migrations.head_revision() == migrations.alembic_revisions()[-1]


def test_a_project_at_the_head_revision_opens_without_importing_alembic(demo_project_path, tmp_path):
    probe = ("import sys; from burgerannotator.core.store import Project; "
             f"p = Project.open({str(demo_project_path)!r}); p.close(); print('alembic' in sys.modules)")
    proc = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          env={"BURGERANNOTATOR_DATA_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"})
    assert (proc.returncode, proc.stdout.strip()) == (0, "False")


def test_word_check_without_numpy_finds_exactly_what_the_numpy_check_finds(demo_project_path):
    import sqlite3
    import struct

    from burgerannotator.core import integrity

    con = sqlite3.connect(demo_project_path)
    ids = [r[0] for r in con.execute("SELECT id FROM page WHERE length(word_offsets) >= 16 ORDER BY id LIMIT 4")]
    rows = {i: con.execute("SELECT word_boxes, word_offsets, text_start, text_end FROM page WHERE id = ?",
                           (i,)).fetchone() for i in ids}
    boxes, spans, start, end = rows[ids[0]]
    con.execute("UPDATE page SET word_offsets = ? WHERE id = ?",  # an offset past the page's text
                (spans[:-4] + struct.pack("<i", end + 5), ids[0]))
    boxes, spans, start, end = rows[ids[1]]
    con.execute("UPDATE page SET word_offsets = ? WHERE id = ?",  # a word ending before it starts
                (struct.pack("<ii", start + 3, start + 1) + spans[8:], ids[1]))
    boxes, spans, start, end = rows[ids[2]]
    con.execute("UPDATE page SET word_boxes = ? WHERE id = ?",  # a box that is not a number
                (struct.pack("<f", float("nan")) + boxes[4:], ids[2]))
    con.commit()
    plain = [f.row for f in integrity._word_findings(con, plain=True)]
    with_numpy = [f.row for f in integrity._word_findings(con, plain=False)]
    con.close()
    assert plain == with_numpy == sorted(ids[:3])
