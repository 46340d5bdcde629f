"""Issue 16, fuzzing with Hypothesis: codebook JSON, attributes CSV and project rows. Whatever
comes in, the answer is a result or a one-line UserError, never another exception."""
from __future__ import annotations

import copy
import json
import shutil

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from burgerannotator.core import codebook
from burgerannotator.core.codebook_check import parse_codebook
from burgerannotator.core.errors import UserError
from burgerannotator.core.importer import read_attributes
from burgerannotator.core.info import format_info, project_info
from burgerannotator.core.matrix import build_matrices
from burgerannotator.core.resources import default_codebook_path
from burgerannotator.core.store import Project
from support import craft_row

SLOW = settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                       HealthCheck.too_slow], max_examples=25)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-2**40, 2**40) | st.floats(allow_nan=False) | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20)
GOOD = json.loads(default_codebook_path().read_text(encoding="utf-8"))


def _paths(node, prefix=()):
    yield prefix
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _paths(v, prefix + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _paths(v, prefix + (i,))


PATHS = [p for p in _paths(GOOD) if p]


def _one_line(exc: UserError):
    assert "\n" not in str(exc) and str(exc)


@settings(max_examples=200, deadline=None)
@given(value=json_values)
def test_any_json_is_a_codebook_or_one_line(value):
    try:
        data = parse_codebook(json.dumps(value), "cb.json")
    except UserError as exc:
        _one_line(exc)
    else:
        assert isinstance(data, dict) and isinstance(data["categories"], list)


@SLOW
@given(path=st.sampled_from(PATHS), value=json_values)
def test_a_codebook_with_one_field_changed_is_imported_or_refused(tmp_path_factory, path, value):
    data = copy.deepcopy(GOOD)
    node = data
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    try:
        checked = parse_codebook(json.dumps(data), "cb.json")
    except UserError as exc:
        _one_line(exc)
        return
    project = Project.create(tmp_path_factory.mktemp("cb") / "p.bap")
    try:
        codebook.import_codebook(project, checked)  # what passed the check imports
        assert codebook.export_codebook(project)["categories"]
    finally:
        project.close()


csv_text = st.lists(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=10), max_size=5),
                    max_size=6)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=csv_text, sep=st.sampled_from([",", ";", "\t"]), bom=st.booleans())
def test_any_attributes_csv_is_read_or_refused_in_one_line(tmp_path, rows, sep, bom):
    path = tmp_path / "a.csv"
    body = "\n".join(sep.join(r) for r in [["file", "city"], *rows])
    path.write_text(("\ufeff" if bom else "") + body, encoding="utf-8")
    try:
        out = read_attributes(path)
    except UserError as exc:
        _one_line(exc)
    else:
        assert all(isinstance(k, str) and isinstance(v, dict) for k, v in out.items())


TABLE_COLUMNS = {
    "document": ["attributes", "text", "title", "page_count", "position", "imported", "file_name"],
    "code": ["terms", "name", "kind", "color", "position", "parent_id", "deleted", "modified"],
    "coder": ["name", "created", "modified", "is_consensus"],
    "segment": ["start", "end", "rects", "quote", "memo", "status", "created", "modified", "deleted",
                "document_id", "code_id", "coder_id", "page_first"],
    "page": ["word_boxes", "word_offsets", "label", "text_start", "text_end", "width"],
    "scale": ["values", "name"],
    "scale_value": ["value", "modified"],
    "memo": ["text", "modified"],
}
cell = st.one_of(st.none(), st.integers(-10, 10**6), st.floats(allow_nan=True), st.text(max_size=20),
                 st.binary(max_size=24), st.sampled_from(["{}", "[]", "{\"a\": 1}", "[\"x\"]", "2026-01-01",
                                                          "2026-02-30 10:00:00", "nan"]))


@SLOW
@given(table=st.sampled_from(sorted(TABLE_COLUMNS)), data=st.data(), value=cell)
def test_any_value_in_a_project_row_is_read_or_refused(_demo_master, tmp_path_factory, table, data, value):
    column = data.draw(st.sampled_from(TABLE_COLUMNS[table]), label="column")
    path = tmp_path_factory.mktemp("rows") / "p.bap"
    shutil.copyfile(_demo_master, path)
    craft_row(path, f'update "{table}" set "{column}" = ? where id = (select min(id) from "{table}")', (value,))
    for readonly in (True, False):
        try:
            with Project.open(path, readonly=readonly, make_backup=False) as project:
                assert format_info(project_info(project))
                build_matrices(project)
        except UserError as exc:
            _one_line(exc)
