"""The matrix in plain Python (issue 17: a CSV matrix imports no NumPy) gives exactly what the
NumPy computation gave: every cell, total, dtype and shape of every measure, for every coder
selection, with and without empty columns, with area segments in the coverage. The digest was
recorded from the NumPy code before the change."""
from __future__ import annotations

import hashlib
import json
import subprocess
import sys

from burgerannotator.core.areas import create_area
from burgerannotator.core.codebook import find_code
from burgerannotator.core.coders import find_coder
from burgerannotator.core.demo import CODER_A, CODER_B
from burgerannotator.core.documents import find_document
from burgerannotator.core.matrix import build_matrices, select_coders


def matrix_rows(project) -> list:
    a, b = find_coder(project, CODER_A), find_coder(project, CODER_B)
    code = find_code(project, "MECH-UITDAAGRECHT")
    # areas: on a scan without text, and over text that is coded too (coverage is capped per document)
    create_area(project, find_document(project, "Rotterdam"), 27, [60, 120, 420, 460], code, a)
    create_area(project, find_document(project, "Haarlem"), 0, [0, 0, 400, 500], code, b)
    create_area(project, find_document(project, "Haarlem"), 1, [50, 50, 300, 300],
                find_code(project, "MECH-BURGERBERAAD"), a)
    out = []
    for mode, name in (("all", None), ("by-coder", None), ("coder", CODER_B), ("coder", CODER_A)):
        for hide in (False, True):
            matrices = build_matrices(project, ("presence", "count", "coverage"), select_coders(project, mode, name),
                                      hide_empty=hide)
            for measure, m in matrices.items():
                out.append([mode, hide, measure, list(m.shape), str(m.values.dtype), m.values.tolist(),
                            str(m.row_totals.dtype), m.row_totals.tolist(), str(m.column_totals.dtype),
                            m.column_totals.tolist(), m.grand_total, m.segment_total, m.categories,
                            [c.header for c in m.columns], [r.label for r in m.rows],
                            [[m.value(i, j) for j in range(m.shape[1])] for i in range(m.shape[0])]])
    return out


def test_the_matrix_is_the_same_as_the_numpy_one(demo_project):
    rows = matrix_rows(demo_project)
    assert len(rows) == 24
    assert [r[11] for r in rows if r[2] == "count" and not r[1]] == [14, 14, 6, 8]
    assert hashlib.sha256(json.dumps(rows).encode()).hexdigest() == PINNED


def test_the_plain_cells_are_the_arrays(demo_project):
    m = build_matrices(demo_project, ("presence", "coverage"))
    for matrix in m.values():
        assert matrix.values.tolist() == matrix.cells
        assert matrix.row_totals.tolist() == matrix.row_sums
        assert matrix.column_totals.tolist() == matrix.column_sums
        assert all(type(v) is (float if matrix.measure == "coverage" else int) for row in matrix.cells for v in row)


def test_a_csv_matrix_imports_no_numpy(demo_project_path, tmp_path):
    code = ("import sys; from burgerannotator.cli import main; "
            f"rc = main(['matrix', {str(demo_project_path)!r}, '-o', {str(tmp_path / 'm.csv')!r}]); "
            "print(rc, 'numpy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.splitlines()[-1] == "0 False"
    assert (tmp_path / "m.csv").read_text(encoding="utf-8-sig").splitlines()[1] == (
        "Amsterdam," + ",".join(["0"] * 4 + ["1", "0", "0", "1"] + ["0"] * 18))


PINNED = "68b1b23cb7e40d664b27e86350ab8e58a35396f7fb9e30a9e157b7bbe2d22a1e"
