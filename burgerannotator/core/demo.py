"""The 14-city demo project: the bundled stand-in agreements, the default codebook,
and a few segments and scale values by two demo coders (so agreement has data)."""
from __future__ import annotations

from pathlib import Path

from . import codebook, importer
from .codebook import find_code
from .coders import get_or_create_coder
from .documents import find_document
from .resources import demo_dir
from .scales import find_scale, set_scale_value
from .segments import code_quote
from .store import Project

CODER_A = "Demo coder A"
CODER_B = "Demo coder B"
# (coder, city, quote, code, memo)
SEGMENTS = [
    (CODER_A, "Nijmegen", "Nijmegenaren krijgen het Uitdaagrecht", "MECH-UITDAAGRECHT", ""),
    (CODER_A, "Amsterdam", "Buurtrechten en buurtbudgetten worden verder uitgebouwd", "MECH-BUURTRECHTEN", ""),
    (CODER_A, "Amsterdam", "Wij zetten het beleidskader participatie voort en verbeteren het.",
     "MECH-PARTICIPATIEKADER", "Existing framework, continued."),
    (CODER_A, "Rotterdam", "Wij faciliteren zelfbeheer van groen door bewoners.", "MECH-ZELFBEHEER", ""),
    (CODER_A, "Nijmegen", "De Stadsgesprekken zetten wij voort en verbeteren wij", "MECH-DIALOOG", ""),
    (CODER_A, "Haarlem", "Voor bewezen succesvolle bewonersinitiatieven experimenteren wij met het uitdaagrecht.",
     "MECH-UITDAAGRECHT", "Experiment only."),
    (CODER_B, "Nijmegen", "Nijmegenaren krijgen het Uitdaagrecht", "MECH-UITDAAGRECHT", ""),
    (CODER_B, "Amsterdam", "Buurtrechten en buurtbudgetten worden verder uitgebouwd", "MECH-BUURTRECHTEN", ""),
    (CODER_B, "Rotterdam", "Wij faciliteren zelfbeheer van groen door bewoners.", "MECH-ZELFBEHEER", ""),
    (CODER_B, "Haarlem", "Voor bewezen succesvolle bewonersinitiatieven experimenteren wij met het uitdaagrecht.",
     "TERM-BEWONERSINITIATIEF", ""),
    (CODER_B, "Arnhem", "Wij faciliteren zoveel mogelijk burgerinitiatieven.", "TERM-BURGERINITIATIEF", ""),
]
SCALE_VALUES = [(CODER_A, "Nijmegen", 3), (CODER_A, "Amsterdam", 2),
                (CODER_B, "Nijmegen", 3), (CODER_B, "Amsterdam", 2), (CODER_B, "Rotterdam", 1)]


def demo_pdfs() -> list[Path]:
    return sorted(demo_dir().glob("*.pdf"))


def build_demo(path: str | Path, with_segments: bool = True) -> Project:
    project = Project.create(path, name="Burgerinitiatieven in coalitieakkoorden (demo)")
    try:
        codebook.import_codebook(project, codebook.load_codebook_file())
        a = get_or_create_coder(project, CODER_A)
        b = get_or_create_coder(project, CODER_B)
        results = importer.import_many(project, demo_pdfs(), attributes_csv=demo_dir() / "cities.csv", coder=a)
        failed = [r for r in results if r.failed]
        if failed:
            raise RuntimeError("demo corpus failed to import: " + "; ".join(r.message for r in failed))
        if with_segments:
            coders = {CODER_A: a, CODER_B: b}
            for coder, city, quote, code, memo in SEGMENTS:
                code_quote(project, find_document(project, city), quote, find_code(project, code), coders[coder], memo)
            scale = find_scale(project, "DIEPGANG")
            for coder, city, value in SCALE_VALUES:
                set_scale_value(project, find_document(project, city), scale, coders[coder], value)
    except BaseException:
        project.close()
        Path(path).unlink(missing_ok=True)
        raise
    return project
