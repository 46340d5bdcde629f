"""Render the real main window offscreen for the README: docs/screenshot.png (English,
1920x1080), docs/screenshot-nl.png (Dutch, on a 1366x768 laptop screen), and the other
size of each in the temp folder, for checking both layouts in both languages.

The demo project is built in a temporary folder (the shipped files are never touched);
there the current coder codes a few passages on Haarlem's printed page 15 (four codes,
two of them overlapping), a demo coder has coded one more (drawn dashed: View > Show other
coders is on), and one segment is selected.

    QT_QPA_PLATFORM=offscreen .venv/bin/python docs/make_screenshot.py [--page 15] [--zoom 100]
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
TMP = Path(tempfile.mkdtemp(prefix="ba-screenshot-"))
os.environ["BURGERANNOTATOR_DATA_DIR"] = str(TMP / "userdata")  # settings stay out of the user's own
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CODER = "Eva Jansen"
CITY = "Haarlem"
# (printed page, quote on that page, code, coder: None = the current coder, occurrence on the page)
CODINGS = [
    ("15", "Voor thema's die op stadsniveau spelen stellen wij een burgerberaad in; ten minste één wordt "
           "gerealiseerd. Een gelote groep bewoners adviseert dan de gemeenteraad.", "MECH-BURGERBERAAD", None, 1),
    ("15", "Democratie en participatie\n\nVoor thema's die op stadsniveau spelen stellen wij een burgerberaad in;",
     "TERM-DEMOCRATISCHE-VERNIEUWING", None, 1),  # overlaps the burgerberaad passage
    ("15", "De digitale dienstverlening wordt toegankelijk voor mensen met een beperking.", "THEMA-GELIJKHEID",
     None, 1),
    ("15", "Wij beantwoorden vragen en klachten binnen de termijn die wij hebben beloofd.", "THEMA-VERTROUWEN",
     None, 1),
    ("15", "De digitale dienstverlening wordt toegankelijk voor mensen met een beperking.", "THEMA-GELIJKHEID",
     "demo", 2),
    # page ii (for --page ii)
    ("ii", "Initiatieven die de leefbaarheid in Haarlemse wijken vergroten, op het gebied van ontmoeten, "
           "vergroenen, verduurzamen, sporten en bewegen, versterken wij.", "THEMA-WIJK", None, 1),
    ("ii", "vergroenen, verduurzamen", "THEMA-GROEN", None, 1),
    ("ii", "met een buurtbudget per wijk", "MECH-BUURTBUDGET", None, 1),
    ("ii", "De wijkraden vormen wij, in overleg met bewoners, om tot wijkplatforms", "MECH-WIJKPLATFORM", None, 1),
    ("ii", "Het participatiebeleid vernieuwen wij", "MECH-PARTICIPATIEKADER", "demo", 1),
]
SELECTED = 0  # the coding shown selected (index in CODINGS)


def prepare_project(path: Path):
    """The demo project with the codings above; returns the uuid of the segment to select."""
    from burgerannotator.core import codebook
    from burgerannotator.core.anchoring import find_quote
    from burgerannotator.core.coders import find_coder, get_or_create_coder
    from burgerannotator.core.demo import CODER_A, build_demo
    from burgerannotator.core.documents import find_document
    from burgerannotator.core.segments import create_segment

    project = build_demo(path)
    try:
        doc = find_document(project, CITY)
        me = get_or_create_coder(project, CODER)
        demo = find_coder(project, CODER_A)
        uuids = []
        for label, quote, code_id, who, nth in CODINGS:
            page = next(p for p in doc.pages if p.label == label)
            span = find_quote(doc.text[page.text_start:page.text_end], quote, nth)
            if span is None:
                raise SystemExit(f"not on page {label}: {quote[:50]}")
            seg = create_segment(project, doc, codebook.find_code(project, code_id), demo if who else me,
                                 page.text_start + span.start, page.text_start + span.end)
            uuids.append(seg.uuid)
        return uuids[SELECTED]
    finally:
        project.close()


def shoot(project_path: Path, selected: str, size: tuple[int, int], out: Path, page: str, zoom: float,
          lang: str = "en") -> None:
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtTest import QTest

    from burgerannotator.core.documents import find_document
    from burgerannotator.core.segments import find_segment
    from burgerannotator.gui import i18n
    from burgerannotator.gui.main_window import MainWindow

    # a fresh settings folder per shot: no window layout saved by the other size
    os.environ["BURGERANNOTATOR_DATA_DIR"] = str(TMP / f"userdata-{size[0]}-{lang}")
    i18n.install(lang)
    window = MainWindow()
    window.resize(*size)
    window.show()
    QTest.qWaitForWindowExposed(window)
    window.open_project(str(project_path), coder_name=CODER)
    window.set_show_others(True)
    workspace = window.workspace
    window.show_document(find_document(workspace.project, CITY).uuid)
    pane, view = window.pane, window.pane.view
    if zoom:
        view.set_zoom(zoom / 100)
    else:
        view.fit_width()
    pane.go_to_label(page)
    seg = find_segment(workspace.project, selected)
    view.set_selected_segment(seg.uuid)
    window.coding_actions.select_segment(seg.uuid)
    view.setFocus()
    # wait until every visible page is drawn from its rendered image
    loop = QEventLoop()
    for _ in range(100):
        if all(view.renderer.image(view.sha, i, view.zoom * view.device_ratio()) is not None
               for i in view.visible_pages()):
            break
        QTimer.singleShot(20, loop.quit)
        loop.exec()
    QTest.qWait(150)
    window.grab().save(str(out))
    window.close()
    print(f"wrote {out} ({size[0]}x{size[1]}, {lang})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--page", default="15", help="printed page of Haarlem to show (default 15)")
    parser.add_argument("--zoom", type=float, default=100, help="zoom in percent; 0 = fit width (default 100)")
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshot.png"))
    args = parser.parse_args()

    from burgerannotator.gui.app import make_app

    app = make_app()
    app.setStyle("Fusion")
    project_path = TMP / "demo.bap"
    selected = prepare_project(project_path)
    temp = Path(tempfile.gettempdir())
    shoot(project_path, selected, (1920, 1080), Path(args.out), args.page, args.zoom, "en")
    shoot(project_path, selected, (1366, 768), temp / "burgerannotator-screenshot-1366x768.png", args.page,
          args.zoom, "en")
    dutch = Path(args.out).with_name(Path(args.out).stem + "-nl.png")
    shoot(project_path, selected, (1366, 768), dutch, args.page, args.zoom, "nl")
    shoot(project_path, selected, (1920, 1080), temp / "burgerannotator-screenshot-nl-1920x1080.png", args.page,
          args.zoom, "nl")
    return 0


if __name__ == "__main__":
    sys.exit(main())
