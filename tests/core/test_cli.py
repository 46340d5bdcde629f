"""Issue 2: the CLI contract — commands, flags, exit codes, one-line errors."""
from __future__ import annotations

import json
import shutil

from burgerannotator.cli import main
from burgerannotator.core.resources import demo_dir


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_new_import_code_info(tmp_path, capsys):
    project = tmp_path / "study.bap"
    code, out, err = run(capsys, "new", project, "--coder", "Anna")
    assert code == 0 and project.exists()
    pdfs = [demo_dir() / "11-haarlem.pdf", demo_dir() / "09-nijmegen.pdf"]
    code, out, err = run(capsys, "import", project, *pdfs, "--attributes", demo_dir() / "cities.csv")
    assert code == 0, err
    assert "11-haarlem.pdf: 17 pages imported" in out
    code, out, err = run(capsys, "code", project, "--doc", "Haarlem", "--quote",
                         "stellen wij een burger-\nberaad in", "--code", "MECH-BURGERBERAAD", "--memo", "lot")
    assert code == 0, err
    assert "p. 15" in out and "Anna" in out
    code, out, err = run(capsys, "info", project, "--json")
    data = json.loads(out)
    haarlem = next(d for d in data["documents"] if d["file"] == "11-haarlem.pdf")
    assert haarlem["attributes"]["city"] == "Haarlem" and haarlem["pages"] == 17
    assert haarlem["page_labels"][:3] == ["i", "ii", "1"]
    assert data["segments_by_coder"]["Anna"]["codes"] == {"MECH-BURGERBERAAD": 1}
    code, out, err = run(capsys, "info", project)
    assert code == 0 and "Haarlem" in out and "Anna: 1" in out


def test_reimport_is_reported_not_duplicated(tmp_path, capsys):
    project = tmp_path / "p.bap"
    run(capsys, "new", project)
    pdf = demo_dir() / "11-haarlem.pdf"
    run(capsys, "import", project, pdf)
    code, out, err = run(capsys, "import", project, pdf)
    assert code == 0 and "already in the project" in out


def test_user_errors_are_one_line_and_nonzero(tmp_path, capsys):
    project = tmp_path / "p.bap"
    cases = [
        ("info", tmp_path / "missing.bap"),
        ("new", project, "--codebook", tmp_path / "nope.json"),
    ]
    for argv in cases:
        code, out, err = run(capsys, *argv)
        assert code != 0
        assert err.count("\n") == 1 and "Traceback" not in err
    run(capsys, "new", project)
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"%PDF-1.4 nothing here")
    for argv in [("import", project, junk), ("code", project, "--doc", "x", "--quote", "y", "--code", "z"),
                 ("new", project)]:
        code, out, err = run(capsys, *argv)
        assert code != 0 and err.strip() and err.count("\n") == 1 and "Traceback" not in err


def test_code_needs_a_coder_when_several(demo_project_path, capsys):
    code, out, err = run(capsys, "code", demo_project_path, "--doc", "Haarlem", "--quote", "burgerberaad",
                         "--code", "MECH-BURGERBERAAD")
    assert code != 0 and "--coder" in err


def test_encrypted_pdf_password_flag(tmp_path, capsys):
    from support import shared_or_skip

    pdf = shared_or_skip("pdf-corpus", "encrypted-userpw__libreoffice-writer-password.pdf")
    project = tmp_path / "p.bap"
    run(capsys, "new", project)
    code, out, err = run(capsys, "import", project, pdf)
    assert code != 0 and "password" in err
    code, out, err = run(capsys, "import", project, pdf, "--password", "openpassword")
    assert code == 0, err


def test_demo_refuses_to_overwrite(tmp_path, capsys, _demo_master):
    path = tmp_path / "demo.bap"
    shutil.copyfile(_demo_master, path)
    code, out, err = run(capsys, "demo", path)
    assert code != 0 and "already exists" in err


def test_version(capsys):
    try:
        main(["--version"])
    except SystemExit:
        pass
    assert "BurgerAnnotator" in capsys.readouterr().out
