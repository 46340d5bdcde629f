"""Crafted hostile REFI-QDA files: refused with one line (exit 7) or reported, never a crash,
and a failed import leaves the project byte-identical."""
from __future__ import annotations

import hashlib
import struct
import zipfile

import pytest

from burgerannotator.cli import main
from burgerannotator.core import refi
from burgerannotator.core.refi import safety
from burgerannotator.core.store import Project

NS = 'xmlns="urn:QDA-XML:project:1.0"'
USER = "11111111-1111-4111-8111-111111111111"
CODE = "22222222-2222-4222-8222-222222222222"
SOURCE = "33333333-3333-4333-8333-333333333333"


def qdpx(path, qde: str | bytes, files: dict[str, bytes] | None = None):
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("project.qde", qde if isinstance(qde, bytes) else qde.encode("utf-8"))
        for name, data in (files or {}).items():
            zf.writestr(name, data)
    return path


def project_xml(sources: str = "", codes: str | None = None) -> str:
    codes = codes if codes is not None else f'<Code guid="{CODE}" name="Theme" isCodable="true"/>'
    return (f'<?xml version="1.0" encoding="utf-8"?><Project {NS} name="t"><Users><User guid="{USER}" name="Ann"/>'
            f"</Users><CodeBook><Codes>{codes}</Codes></CodeBook><Sources>{sources}</Sources></Project>")


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run_import(project_path, file, capsys) -> tuple[int, str]:
    before = digest(project_path)
    rc = main(["import", str(project_path), str(file)])
    err = capsys.readouterr().err
    assert digest(project_path) == before, "a refused import changed the project"
    return rc, err


XXE = (f'<?xml version="1.0"?><!DOCTYPE Project [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
       f'<Project {NS} name="&x;"/>')
LAUGHS = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
          + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
          + f']><Project {NS} name="&lol9;"/>')


@pytest.mark.parametrize("xml, words", [(XXE, "DOCTYPE"), (LAUGHS, "entity")])
def test_entities_and_doctypes_are_refused(demo_project_path, tmp_path, capsys, xml, words):
    rc, err = run_import(demo_project_path, qdpx(tmp_path / "evil.qdpx", xml), capsys)
    assert rc == 7
    assert err.count("\n") == 1 and words in err and "refused" in err


def test_external_dtd_in_a_qdc_is_refused(demo_project_path, tmp_path, capsys):
    qdc = tmp_path / "evil.qdc"
    qdc.write_text('<?xml version="1.0"?><!DOCTYPE CodeBook SYSTEM "http://example.invalid/x.dtd">'
                   '<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes/></CodeBook>')
    rc, err = run_import(demo_project_path, qdc, capsys)
    assert rc == 7 and "DOCTYPE" in err


@pytest.mark.parametrize("entry", ["../evil.txt", "sources/../../evil.txt", "/etc/evil", "C:/evil.txt"])
def test_zip_slip_names_are_refused(demo_project_path, tmp_path, capsys, entry):
    path = qdpx(tmp_path / "slip.qdpx", project_xml(), {entry: b"x"})
    rc, err = run_import(demo_project_path, path, capsys)
    assert rc == 7 and "zip-slip" in err
    assert not (tmp_path.parent / "evil.txt").exists()


def _patch_sizes(path, entry: str, size: int) -> None:
    """Make ``entry`` declare ``size`` bytes uncompressed (local header and central directory), in place."""
    data = bytearray(path.read_bytes())
    name = entry.encode()
    # local file header: signature PK\3\4, uncompressed size at offset 22
    i = data.find(b"PK\x03\x04" + b"\x00" * 0)
    while i != -1:
        n = struct.unpack_from("<H", data, i + 26)[0]
        if bytes(data[i + 30:i + 30 + n]) == name:
            struct.pack_into("<I", data, i + 22, min(size, 0xFFFFFFFF))
        i = data.find(b"PK\x03\x04", i + 4)
    # central directory: signature PK\1\2, uncompressed size at offset 24
    i = data.find(b"PK\x01\x02")
    while i != -1:
        n = struct.unpack_from("<H", data, i + 28)[0]
        if bytes(data[i + 46:i + 46 + n]) == name:
            struct.pack_into("<I", data, i + 24, min(size, 0xFFFFFFFF))
        i = data.find(b"PK\x01\x02", i + 4)
    path.write_bytes(bytes(data))


def test_ten_gigabyte_declared_size_is_refused_before_reading(demo_project_path, tmp_path, capsys):
    path = tmp_path / "bomb.qdpx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("project.qde", project_xml())
        zf.writestr("sources/a.txt", b"small")
        zf.filelist[-1].file_size = 10 * 2**30  # the central directory (ZIP64) now declares 10 GB
    assert zipfile.ZipFile(path).getinfo("sources/a.txt").file_size == 10 * 2**30
    rc, err = run_import(demo_project_path, path, capsys)
    assert rc == 7 and "declares 10,737,418,551 bytes uncompressed" in err and "zip bomb" in err


def test_one_entry_over_the_limit_is_refused_when_read(tmp_path, monkeypatch):
    path = qdpx(tmp_path / "big.qdpx", project_xml(
        f'<TextSource guid="{SOURCE}" name="t" plainTextPath="internal://t.txt"/>'), {"sources/t.txt": b"A" * 5000})
    monkeypatch.setattr(safety, "MAX_ENTRY_BYTES", 1000)
    with Project.create(tmp_path / "p.bap") as project:
        with pytest.raises(refi.ExchangeFileError, match="declares 5,000 bytes uncompressed, over the limit"):
            refi.import_qdpx(project, path)


def test_entry_that_holds_more_than_it_declares_is_refused(tmp_path):
    big = b"A" * 200_000
    path = qdpx(tmp_path / "liar.qdpx", project_xml(
        f'<TextSource guid="{SOURCE}" name="t" plainTextPath="internal://t.txt"/>'), {"sources/t.txt": big})
    _patch_sizes(path, "sources/t.txt", 10)
    with Project.create(tmp_path / "p.bap") as project:
        with pytest.raises(refi.ExchangeFileError, match="more data than it declares|cannot be read"):
            refi.import_qdpx(project, path)


def test_too_many_entries(tmp_path, monkeypatch):
    monkeypatch.setattr(safety, "MAX_ENTRIES", 5)
    path = qdpx(tmp_path / "many.qdpx", project_xml(), {f"sources/{i}.txt": b"x" for i in range(6)})
    with pytest.raises(refi.ExchangeFileError, match="7 entries"):
        safety.open_package(path)


def test_not_a_zip_and_not_xml(demo_project_path, tmp_path, capsys):
    bad = tmp_path / "bad.qdpx"
    bad.write_bytes(b"%PDF-1.7 not a zip")
    rc, err = run_import(demo_project_path, bad, capsys)
    assert (rc, err.strip()) == (7, "burgerannotator: bad.qdpx is not a .qdpx file (not a zip archive).")
    broken = qdpx(tmp_path / "broken.qdpx", "<Project")
    rc, err = run_import(demo_project_path, broken, capsys)
    assert rc == 7 and "not well-formed XML" in err


def test_missing_references_are_reported_not_fatal(tmp_path):
    text = "Eerste zin hier. Tweede zin daar."
    missing_code = "44444444-4444-4444-8444-444444444444"
    ghost_user = "55555555-5555-4555-8555-555555555555"
    sources = (
        f'<TextSource guid="{SOURCE}" name="doc"><PlainTextContent>{text}</PlainTextContent>'
        f'<PlainTextSelection guid="66666666-6666-4666-8666-666666666666" startPosition="0" endPosition="16">'
        f'<Coding guid="77777777-7777-4777-8777-777777777777" creatingUser="{USER}"><CodeRef targetGUID="{CODE}"/>'
        f'</Coding><Coding guid="88888888-8888-4888-8888-888888888888"><CodeRef targetGUID="{missing_code}"/></Coding>'
        f'</PlainTextSelection>'
        f'<PlainTextSelection guid="99999999-9999-4999-8999-999999999999" startPosition="17" endPosition="900">'
        f'<Coding guid="aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa"><CodeRef targetGUID="{CODE}"/></Coding>'
        f'</PlainTextSelection>'
        f'<PlainTextSelection guid="bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb" startPosition="17" endPosition="33">'
        f'<Coding guid="cccccccc-cccc-4ccc-8ccc-cccccccccccc" creatingUser="{ghost_user}"><CodeRef targetGUID="{CODE}"/>'
        f'</Coding><NoteRef targetGUID="dddddddd-dddd-4ddd-8ddd-dddddddddddd"/></PlainTextSelection>'
        f'</TextSource><PDFSource guid="eeeeeeee-eeee-4eee-8eee-eeeeeeeeeeee" name="gone.pdf" '
        f'path="internal://nothere.pdf"/><AudioSource guid="ffffffff-ffff-4fff-8fff-ffffffffffff" name="a.m4a"/>')
    path = qdpx(tmp_path / "refs.qdpx", project_xml(sources))
    project, report = refi.new_from_qdpx(tmp_path / "p.bap", path)
    try:
        from burgerannotator.core.segments import segments

        segs = sorted((s.start, s.end, s.coder.name) for s in segments(project))
        assert segs == [(0, 16, "Ann"), (17, 33, "Ann")]  # the ghost user's coding goes to the only user
        problems = " / ".join(report.problems)
        assert missing_code in problems
        assert "lies outside the text" in problems
        assert ghost_user in problems
        assert "dddddddd-dddd-4ddd-8ddd-dddddddddddd" in problems
        assert "nothere.pdf is not in the file's sources folder" in problems
        assert report.not_imported == {"audio sources": 1}
        assert len(report.problems) == 5
    finally:
        project.close()


def test_bad_guids_are_reported(tmp_path):
    path = qdpx(tmp_path / "g.qdpx", project_xml(codes='<Code guid="not-a-guid" name="X" isCodable="true"/>'
                                                      f'<Code guid="{CODE}" name="Y" isCodable="true"/>'))
    project, report = refi.new_from_qdpx(tmp_path / "p.bap", path)
    project.close()
    assert report.counts["codes added"] == 1
    assert report.problems == ["A code (X) has no valid guid; it and its sub-codes are left out."]


def test_failed_new_from_leaves_no_file(tmp_path, capsys):
    path = qdpx(tmp_path / "evil.qdpx", XXE)
    assert main(["new", str(tmp_path / "n.bap"), "--from", str(path)]) == 7
    assert not (tmp_path / "n.bap").exists()
