"""Issue 16: a merge checks what it is given. A PDF whose bytes do not match its SHA-256, or a
document whose text does not match its pages, is refused (that document only), in one line."""
from __future__ import annotations

import sqlite3

from sqlalchemy import select

from burgerannotator.cli import main
from burgerannotator.core import codebook, importer
from burgerannotator.core.coders import get_or_create_coder
from burgerannotator.core.demo import demo_pdfs
from burgerannotator.core.documents import find_document, list_documents, pdf_bytes
from burgerannotator.core.merge import merge_project
from burgerannotator.core.models import Segment
from burgerannotator.core.segments import code_quote
from burgerannotator.core.store import Project


def _empty_project(path):
    project = Project.create(path)
    codebook.import_codebook(project, codebook.load_codebook_file())
    return project


def _sha(con, city):
    return con.execute("select sha256 from document where json_extract(attributes, '$.city') = ?",
                       (city,)).fetchone()[0]


def _swap_pdf(path, victim="Haarlem", donor="Arnhem"):
    """Put ``donor``'s PDF bytes under ``victim``'s SHA-256 (a forged or damaged copy)."""
    con = sqlite3.connect(path)
    con.execute("update pdf_blob set data = (select data from pdf_blob where sha256 = ?) where sha256 = ?",
                (_sha(con, donor), _sha(con, victim)))
    con.commit()
    con.close()


def test_a_pdf_under_another_documents_hash_is_refused_alone(demo_project_path, tmp_path, capsys):
    with Project.open(demo_project_path) as theirs:
        code_quote(theirs, find_document(theirs, "Haarlem"), "Een gelote groep bewoners",
                   codebook.find_code(theirs, "MECH-BURGERBERAAD"), get_or_create_coder(theirs, "Bert"))
    _swap_pdf(demo_project_path)
    mine_path = tmp_path / "mine.bap"
    _empty_project(mine_path).close()
    rc = main(["merge", str(mine_path), str(demo_project_path)])
    out = capsys.readouterr().out
    assert rc == 0
    refused = [line for line in out.splitlines() if line.startswith("document refused")]
    assert len(refused) == 1 and "Haarlem" in refused[0] and "SHA-256" in refused[0]
    with Project.open(mine_path) as mine:
        assert len(list_documents(mine)) == 13
        assert [d.city for d in list_documents(mine) if d.city == "Haarlem"] == []
        bert = [s for s in mine.session.scalars(select(Segment)) if s.coder.name == "Bert"]
        assert bert == []  # Bert's only segment was on Haarlem
        # the genuine Haarlem can still be imported
        haarlem = next(p for p in demo_pdfs() if "haarlem" in p.name.lower())
        result = importer.import_pdf(mine, haarlem)
        assert result.status == "imported"
        assert pdf_bytes(mine, result.document) == haarlem.read_bytes()


def test_a_document_whose_text_does_not_fit_its_pages_is_refused(demo_project_path, tmp_path):
    con = sqlite3.connect(demo_project_path)
    con.execute("update document set text = substr(text, 1, 100) where sha256 = ?", (_sha(con, "Utrecht"),))
    con.commit()
    con.close()
    with _empty_project(tmp_path / "mine.bap") as mine:
        report = merge_project(mine, demo_project_path, conflicts="keep-mine")
        assert len(report.documents_added) == 13
        assert len(report.documents_refused) == 1
        assert "Utrecht" in report.documents_refused[0] and "pages" in report.documents_refused[0]
