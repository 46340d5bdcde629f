"""Issue 16: bad command-line input gets one line and its documented exit code, never exit 70."""
from __future__ import annotations

import pytest

from burgerannotator.cli import main
from burgerannotator.core.demo import demo_pdfs


def run(capsys, *args):
    rc = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return rc, out, err


def one_line(err):
    assert err.count("\n") == 1 and "internal error" not in err, err


CODE = ["--doc", "Haarlem", "--code", "MECH-BURGERBERAAD", "--coder", "T"]


@pytest.mark.parametrize("quote", ["", "   ", "\t\n"])
def test_an_empty_quote_is_a_usage_error(quote, demo_project_path, capsys):
    rc, out, err = run(capsys, "code", demo_project_path, "--quote", quote, *CODE)
    assert rc == 2
    one_line(err)
    assert "quote" in err


@pytest.mark.parametrize("n", ["-1", "0"])
def test_occurrence_must_be_one_or_more(n, demo_project_path, capsys):
    rc, out, err = run(capsys, "code", demo_project_path, "--quote", "bewoners", "--occurrence", n, *CODE)
    assert rc == 2
    one_line(err)
    assert "occurrence" in err


def test_occurrence_two_codes_the_second_place(demo_project_path, capsys):
    rc1, out1, _ = run(capsys, "code", demo_project_path, "--quote", "bewoners", "--occurrence", "1", *CODE)
    rc2, out2, _ = run(capsys, "code", demo_project_path, "--quote", "bewoners", "--occurrence", "2", *CODE)
    assert (rc1, rc2) == (0, 0)
    assert out1 != out2


def test_an_occurrence_past_the_last_is_not_found(demo_project_path, capsys):
    rc, out, err = run(capsys, "code", demo_project_path, "--quote", "Een gelote groep bewoners", "--occurrence",
                       "2", *CODE)
    assert rc == 5
    one_line(err)


def test_doc_1_is_not_the_first_document(demo_project_path, capsys):
    rc, out, err = run(capsys, "code", demo_project_path, "--quote", "bewoners", "--doc", "1",
                       "--code", "MECH-BURGERBERAAD", "--coder", "T")
    assert rc == 5
    one_line(err)


def test_an_empty_doc_is_not_all_documents(demo_project_path, tmp_path, capsys):
    rc, out, err = run(capsys, "summary", demo_project_path, "--doc", "", "-o", tmp_path / "s.md")
    assert rc == 2
    one_line(err)
    assert not (tmp_path / "s.md").exists()
    rc, out, err = run(capsys, "code", demo_project_path, "--quote", "bewoners", "--doc", " ",
                       "--code", "MECH-BURGERBERAAD", "--coder", "T")
    assert rc == 2
    one_line(err)


# ---- attributes CSV ---------------------------------------------------------------------------------
def _new(tmp_path, capsys):
    path = tmp_path / "p.bap"
    assert run(capsys, "new", path)[0] == 0
    return path


def test_a_huge_csv_field_is_refused_in_one_line(tmp_path, capsys):
    path = _new(tmp_path, capsys)
    pdf = demo_pdfs()[0]
    csv = tmp_path / "a.csv"
    csv.write_text(f"file,notes\n{pdf.name},{'x' * 200_000}\n", encoding="utf-8")
    rc, out, err = run(capsys, "import", path, pdf, "--attributes", csv)
    assert rc == 2
    one_line(err)
    assert "a.csv" in err and "line 2" in err


def test_duplicate_file_rows_are_refused(tmp_path, capsys):
    path = _new(tmp_path, capsys)
    pdf = demo_pdfs()[0]
    csv = tmp_path / "a.csv"
    csv.write_text(f"file,city\n{pdf.name},Amsterdam\n{pdf.name},Rotterdam\n", encoding="utf-8")
    rc, out, err = run(capsys, "import", path, pdf, "--attributes", csv)
    assert rc == 2
    one_line(err)
    assert pdf.name in err and "twice" in err


def test_duplicate_headers_are_refused(tmp_path, capsys):
    path = _new(tmp_path, capsys)
    pdf = demo_pdfs()[0]
    csv = tmp_path / "a.csv"
    csv.write_text(f"file,city,city\n{pdf.name},Amsterdam,Rotterdam\n", encoding="utf-8")
    rc, out, err = run(capsys, "import", path, pdf, "--attributes", csv)
    assert rc == 2
    one_line(err)
    assert "city" in err and "twice" in err


# ---- a PDF that is not one ------------------------------------------------------------------------------
def test_html_saved_as_pdf_is_called_not_a_pdf(tmp_path, capsys):
    path = _new(tmp_path, capsys)
    fake = tmp_path / "akkoord.pdf"
    fake.write_text("<!DOCTYPE html><html><head><title>404 Not Found</title></head>"
                    "<body><h1>Not Found</h1></body></html>\n", encoding="utf-8")
    rc, out, err = run(capsys, "import", path, fake)
    assert rc == 4
    one_line(err)
    assert "not a PDF" in err and "HTML" in err
