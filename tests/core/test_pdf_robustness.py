"""Issue 2: every PDF of the third-party robustness corpus imports or is refused with a
clear one-line message, and a refused import leaves the project as it was.

The files are read from ../shared/pdf-corpus (mixed licences: not copied into the repo)."""
from __future__ import annotations

import csv

import pytest
from sqlalchemy import func, select

from burgerannotator.core import importer
from burgerannotator.core.errors import PasswordRequired, PdfImportError
from burgerannotator.core.models import Document, Page
from burgerannotator.core.store import Project

from support import SHARED, shared_or_skip

MANIFEST = SHARED / "pdf-corpus" / "MANIFEST.tsv"


def _rows():
    if not MANIFEST.exists():
        return []
    with open(MANIFEST, encoding="utf-8") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    p = Project.create(tmp_path_factory.mktemp("robust") / "robust.bap")
    yield p
    p.close()


def _counts(project):
    s = project.session
    return s.scalar(select(func.count()).select_from(Document)), s.scalar(select(func.count()).select_from(Page))


@pytest.mark.parametrize("row", _rows() or [None], ids=lambda r: r["file"] if r else "absent")
def test_imports_or_refuses_clearly(project, row):
    if row is None:
        shared_or_skip("pdf-corpus", "MANIFEST.tsv")
    path = shared_or_skip("pdf-corpus", row["file"])
    before = _counts(project)
    password = row.get("password") or None
    try:
        result = importer.import_pdf(project, path, password=password)
    except PdfImportError as exc:
        message = str(exc)
        assert message and "\n" not in message and len(message) < 300
        assert "Traceback" not in message
        assert _counts(project) == before, "a failed import must leave the project as it was"
        expected = row["expected"].lower()
        assert any(w in expected for w in ("fail", "0 pages", "raises", "page_count", "cycle", "needs password")), \
            f"{row['file']} was refused ({message}) but should open: {row['expected']}"
        return
    assert result.status in ("imported", "duplicate")
    doc = result.document
    assert doc.page_count >= 1
    assert len(doc.pages) == doc.page_count
    if row.get("pymupdf_page_count", "").isdigit():
        assert doc.page_count == int(row["pymupdf_page_count"])
    if row.get("pymupdf_pages_with_text", "").startswith(("1/", "2/", "3/")) and password:
        assert doc.text.strip(), "an encrypted PDF opened with its password must give its text"


def test_encrypted_without_password_asks_for_it(tmp_path):
    path = shared_or_skip("pdf-corpus", "encrypted-userpw__libreoffice-writer-password.pdf")
    with Project.create(tmp_path / "fresh.bap") as fresh:
        with pytest.raises(PasswordRequired, match="encrypted"):
            importer.import_pdf(fresh, path)
        with pytest.raises(PasswordRequired, match="wrong"):
            importer.import_pdf(fresh, path, password="not-it")
        assert _counts(fresh) == (0, 0)
        assert importer.import_pdf(fresh, path, password="openpassword").document.text.strip()


def test_decrypted_copy_renders_without_password(project):
    import pymupdf

    from burgerannotator.core.documents import find_document, pdf_bytes

    path = shared_or_skip("pdf-corpus", "encrypted-userpw-aes256-r6__aes-256-r6.pdf")
    result = importer.import_pdf(project, path, password="usersecret")
    doc = result.document or find_document(project, path.name)
    stored = pymupdf.open(stream=pdf_bytes(project, doc), filetype="pdf")
    assert not stored.needs_pass
    assert "Hello World" in stored[0].get_text()
