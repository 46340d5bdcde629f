"""Issue 2: the project file refuses what it cannot open and leaves it byte-identical;
work is never lost (one transaction per action, backups, lock, full disk)."""
from __future__ import annotations

import hashlib
import sqlite3

import pytest

from burgerannotator.core.codebook import find_code
from burgerannotator.core.coders import get_or_create_coder
from burgerannotator.core.documents import find_document
from burgerannotator.core.errors import ProjectFileError, ProjectLockedError, StorageFullError
from burgerannotator.core.paths import backups_dir
from burgerannotator.core.segments import code_quote, segments
from burgerannotator.core.store import Project


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def refused(path, *fragments):
    before = digest(path)
    with pytest.raises(ProjectFileError) as err:
        Project.open(path)
    assert digest(path) == before, "a refused file must stay byte-identical"
    message = str(err.value)
    assert "\n" not in message
    for f in fragments:
        assert f in message
    return message


def test_not_a_database_is_refused(tmp_path):
    path = tmp_path / "notes.bap"
    path.write_bytes(b"Dear diary, today I coded nothing.\n" * 50)
    refused(path, "not a BurgerAnnotator project")


def test_foreign_sqlite_database_is_refused(tmp_path):
    path = tmp_path / "other.sqlite"
    con = sqlite3.connect(path)
    con.execute("create table things(x)")
    con.commit()
    con.close()
    refused(path, "not a BurgerAnnotator project")


def test_corrupt_project_is_refused(demo_project_path):
    data = bytearray(demo_project_path.read_bytes())
    # overwrite a run of pages in the middle of the file with garbage
    mid = len(data) // 2
    data[mid:mid + 200_000] = b"\x5a" * 200_000
    demo_project_path.write_bytes(bytes(data))
    refused(demo_project_path, "damaged")


def test_truncated_project_is_refused(demo_project_path):
    data = demo_project_path.read_bytes()
    demo_project_path.write_bytes(data[: len(data) // 3])
    refused(demo_project_path)


def test_newer_schema_is_refused(demo_project_path):
    con = sqlite3.connect(demo_project_path)
    con.execute("update alembic_version set version_num = '9999'")
    con.commit()
    con.close()
    refused(demo_project_path, "newer version")


def test_second_writer_is_refused_until_the_first_closes(demo_project_path):
    first = Project.open(demo_project_path)
    try:
        with pytest.raises(ProjectLockedError) as err:
            Project.open(demo_project_path)
        assert "already open" in str(err.value)
        # reading alongside is fine
        with Project.open(demo_project_path, readonly=True) as reader:
            assert reader.info.name
    finally:
        first.close()
    Project.open(demo_project_path).close()


def test_every_action_is_committed_at_once(demo_project_path):
    project = Project.open(demo_project_path)
    doc = find_document(project, "Haarlem")
    code_quote(project, doc, "Een gelote groep bewoners", find_code(project, "MECH-BURGERBERAAD"),
               get_or_create_coder(project, "Tester"))
    # another connection sees it without any save, while the project is still open
    con = sqlite3.connect(demo_project_path)
    n = con.execute("select count(*) from segment s join coder c on c.id = s.coder_id where c.name = 'Tester'").fetchone()[0]
    con.close()
    project.close()
    assert n == 1


def test_backups_are_kept_and_rotated(demo_project_path):
    for _ in range(7):
        Project.open(demo_project_path).close()
    kept = sorted(backups_dir().glob("demo-*.bap"))
    assert len(kept) == 5
    with Project.open(kept[-1], readonly=True) as copy:
        assert copy.info.name.startswith("Burgerinitiatieven")


def test_full_disk_rolls_back_the_action_and_keeps_earlier_work(demo_project):
    coder = get_or_create_coder(demo_project, "Tester")
    doc = find_document(demo_project, "Haarlem")
    code = find_code(demo_project, "MECH-BURGERBERAAD")
    code_quote(demo_project, doc, "Een gelote groep bewoners", code, coder)
    con = demo_project.session.connection()
    pages = con.exec_driver_sql("PRAGMA page_count").scalar()
    con.exec_driver_sql(f"PRAGMA max_page_count = {pages}")  # the file may not grow: a full disk
    big_memo = "x" * 2_000_000
    with pytest.raises(StorageFullError) as err:
        code_quote(demo_project, doc, "adviseert dan de gemeenteraad", code, coder, memo=big_memo)
    assert "full" in str(err.value)
    demo_project.session.connection().exec_driver_sql("PRAGMA max_page_count = 1073741823")
    mine = segments(demo_project, coder=coder)
    assert [s.quote for s in mine] == ["Een gelote groep bewoners"]


def test_new_refuses_to_overwrite(tmp_path):
    path = tmp_path / "p.bap"
    Project.create(path).close()
    with pytest.raises(ProjectFileError):
        Project.create(path)


def test_copy_keeps_identity(demo_project_path, tmp_path):
    from burgerannotator.core.store import copy_project

    target = tmp_path / "coder-b.bap"
    copy_project(demo_project_path, target)
    with Project.open(demo_project_path, readonly=True) as a, Project.open(target, readonly=True) as b:
        assert a.info.uuid == b.info.uuid
