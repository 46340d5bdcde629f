"""A replication package: everything a reviewer needs to check the study without the app.

``write_package(project, path, coders=None, draws=None)`` writes one zip::

    README.md                 what each file is, how each table was computed, how to re-run
    codebook.json, codebook.md the codebook (machine- and human-readable)
    documents.csv             uuid, file, SHA-256, attributes, pages, characters, extractor + version
    segments.csv              every live coding: uuid, coder, code, document SHA-256, offsets,
                              printed pages, quote, memo
    scale_values.csv          document scale judgements (DIEPGANG) per coder
    matrices/*.csv            presence and count matrices per coder, all coders pooled, consensus
    agreement.json, .xlsx     the agreement report: all levels, options used, 95 % intervals
    log.csv                   the project log (imports, merges, consensus decisions)
    reproduce_agreement.py    recomputes the document-level agreement from the CSVs alone
                              (standard library only)
"""
from __future__ import annotations

import csv
import io
import json
import tempfile
import zipfile
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import select

from burgerannotator import __version__

from .agreement.bootstrap import DRAWS
from .agreement.coding_data import active_coders
from .agreement.levels import agreement
from .agreement.xlsx_export import write_agreement_xlsx
from .codebook import all_codes, export_codebook, scales
from .coders import list_coders
from .documents import list_documents
from .errors import UserError
from .exports.atomic import replacing
from .exports.tables import matrix_table
from .matrix import CoderSelection, build_matrix, select_coders
from .models import LogEntry, ScaleValue, Segment, live_coding
from .summary import page_labels, printed_pages

SEGMENT_COLUMNS = ["segment_uuid", "coder", "coder_uuid", "code", "code_name", "document_uuid", "document_sha256",
                   "city", "start", "end", "printed_pages", "quote", "memo", "origin", "kind"]


def _csv(rows: list[list], header: list[str]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def segments_csv(project) -> tuple[str, int]:
    docs = {d.id: d for d in list_documents(project)}
    labels = page_labels(project)
    rows = []
    for s in project.session.scalars(select(Segment).where(live_coding())
                                     .order_by(Segment.document_id, Segment.start, Segment.end, Segment.id)):
        d = docs.get(s.document_id)
        if d is None:
            continue
        rows.append([s.uuid, s.coder.name, s.coder.uuid, s.code.code_id, s.code.name, d.uuid, d.sha256, d.label,
                     s.start, s.end, printed_pages(labels.get(d.id, {}), s.page_first, s.page_last), s.quote,
                     s.memo, s.origin, getattr(s, "kind", "text")])
    return _csv(rows, SEGMENT_COLUMNS), len(rows)


def documents_csv(project) -> str:
    docs = list_documents(project)
    names: list[str] = []
    for d in docs:
        names += [k for k in (d.attributes or {}) if k not in names]
    header = ["document_uuid", "file", "sha256", "city", *[f"attr:{n}" for n in names], "pages", "characters",
              "extractor", "extractor_version", "imported"]
    rows = [[d.uuid, d.file_name, d.sha256, d.label, *[(d.attributes or {}).get(n, "") for n in names],
             d.page_count, len(d.text or ""), d.extractor, d.extractor_version, d.imported.isoformat()]
            for d in docs]
    return _csv(rows, header)


def scale_values_csv(project) -> str:
    rows = []
    for v in project.session.scalars(select(ScaleValue)):
        rows.append([v.scale.scale_id, v.document.uuid, v.document.label, v.coder.name, v.value])
    rows.sort(key=lambda r: (r[0], r[2], r[3]))
    return _csv(rows, ["scale", "document_uuid", "city", "coder", "value"])


def log_csv(project) -> str:
    rows = [[e.when.isoformat(), e.coder_name, e.action, e.summary, json.dumps(e.details or {}, ensure_ascii=False)]
            for e in project.session.scalars(select(LogEntry).order_by(LogEntry.id))]
    return _csv(rows, ["when", "coder", "action", "summary", "details"])


def codebook_markdown(project) -> str:
    data = export_codebook(project)
    lines = [f"# Codebook: {data['name']}", "", f"Version {data.get('version') or '-'}; language "
             f"{data.get('language') or '-'}.", ""]
    if data.get("about"):
        lines += [data["about"], ""]

    def code_lines(c: dict, depth: int) -> None:
        lines.append(f"{'#' * min(depth, 6)} {c['id']}: {c['name']}")
        lines.append("")
        for key, title in (("definition", "Definition"), ("description", "Description"), ("include", "Include"),
                           ("exclude", "Exclude")):
            if c.get(key):
                lines.append(f"- **{title}:** {c[key]}")
        if c.get("terms"):
            lines.append(f"- **Dictionary terms:** {', '.join(c['terms'])}")
        lines.append("")
        for kid in c.get("codes", []):
            code_lines(kid, depth + 1)

    for cat in data["categories"]:
        code_lines(cat, 2)
    for sc in data.get("document_scales", []):
        lines += [f"## Scale {sc['id']}: {sc['name']} ({sc['level']})", "", sc.get("description") or "", ""]
        lines += [f"- {v['value']}: {v.get('label', '')}. {v.get('definition', '')}".rstrip() for v in sc["values"]]
        lines.append("")
    return "\n".join(lines)


def _selections(project) -> list[tuple[str, CoderSelection]]:
    out = [("all-coders", select_coders(project, "all"))]
    for c in list_coders(project, include_consensus=False):
        out.append((f"coder-{_slug(c.name)}", CoderSelection("coder", (c,))))
    consensus = [c for c in list_coders(project) if c.is_consensus]
    if consensus:
        out.append(("consensus", CoderSelection("consensus", tuple(consensus[:1]))))
    return out


def _slug(name: str) -> str:
    keep = "".join(ch if ch.isalnum() else "-" for ch in name.strip())
    return "-".join(p for p in keep.split("-") if p) or "coder"


def write_package(project, path: str | Path, coders=None, draws: int | None = None) -> str:
    """Write the zip; returns a one-line summary of what went in."""
    path = Path(path)
    if path.suffix.lower() != ".zip":
        raise UserError(f"{path.name}: the replication package is a .zip; give a name ending in .zip.")
    draws = DRAWS if draws is None else int(draws)
    files: dict[str, str | bytes] = {}
    files["codebook.json"] = json.dumps(export_codebook(project), ensure_ascii=False, indent=2)
    files["codebook.md"] = codebook_markdown(project)
    files["documents.csv"] = documents_csv(project)
    files["segments.csv"], n_segments = segments_csv(project)
    files["scale_values.csv"] = scale_values_csv(project)
    files["log.csv"] = log_csv(project)
    matrices = []
    for name, selection in _selections(project):
        if not selection.coders:
            continue
        for measure in ("presence", "count"):
            m = build_matrix(project, measure, selection, "city", False)
            table = matrix_table(m)
            files[f"matrices/{measure}-{name}.csv"] = _csv(table.rows, table.header)
            matrices.append(f"matrices/{measure}-{name}.csv")
    agreement_note = ""
    human = active_coders(project)
    if coders or len(human) >= 2:
        report = agreement(project, coders=coders, ci=True, draws=draws)
        payload = report.as_dict()
        payload["options"] = {"levels": list(report.rows), "overlap": report.overlap,
                              "uncoded_documents": report.uncoded_documents, "ci": report.ci,
                              "codes": report.codes, "coders": report.coders}
        files["agreement.json"] = json.dumps(payload, ensure_ascii=False, indent=2, default=_json_default)
        with tempfile.TemporaryDirectory() as tmp:
            xlsx = Path(tmp) / "agreement.xlsx"
            write_agreement_xlsx(report, xlsx)
            files["agreement.xlsx"] = xlsx.read_bytes()
        agreement_note = f"agreement of {', '.join(report.coders)}"
    else:
        agreement_note = "no agreement report (fewer than two coders have coded)"
    files["reproduce_agreement.py"] = REPRODUCE_SCRIPT
    files["README.md"] = _readme(project, n_segments, matrices, "agreement.json" in files, draws)
    stamp = (2020, 1, 1, 0, 0, 0)  # fixed times: the same project gives the same zip
    with replacing(path) as tmp:
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as z:
            for name in sorted(files):
                info = zipfile.ZipInfo(f"replication/{name}", stamp)
                info.compress_type = zipfile.ZIP_DEFLATED
                data = files[name]
                z.writestr(info, data.encode("utf-8") if isinstance(data, str) else data)
    return f"{len(files)} files, {n_segments} segments, {len(matrices)} matrices, {agreement_note}"


def _json_default(value):
    if hasattr(value, "tolist"):
        return value.tolist()
    return str(value)


def _readme(project, n_segments: int, matrices: list[str], with_agreement: bool, draws: int) -> str:
    codes = [c for c in all_codes(project, include_categories=False)]
    made = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    return f"""# Replication package: {project.info.name}

Made by BurgerAnnotator {__version__} on {made}. {len(list_documents(project))} documents, {len(codes)} codes,
{n_segments} live segments, scales: {', '.join(s.scale_id for s in scales(project)) or 'none'}.

## Files

| file | what it holds |
| --- | --- |
| `codebook.json` | the codebook as loaded by the app (ids, uuids, definitions, include/exclude, dictionary terms, scales) |
| `codebook.md` | the same, readable |
| `documents.csv` | one row per coalition agreement: uuid, file name, SHA-256 of the PDF, city and other attributes, pages, characters of the extracted text, the text extractor and its version (offsets refer to that text) |
| `segments.csv` | every live coding (not deleted, status 'coded'): segment uuid, coder, code, the document's uuid and SHA-256, `start`/`end` (half-open character offsets in the document text, Python string indices), printed page labels, the quote, memo, origin and kind |
| `scale_values.csv` | document scale judgements (e.g. DIEPGANG) per coder |
| `matrices/presence-*.csv`, `matrices/count-*.csv` | the city x code matrix per coder, all coders pooled and consensus: presence = 1 if the code was applied at least once in the document; count = number of segments |
| `agreement.json`, `agreement.xlsx` | {'the agreement report at every level with the options used and 95 % intervals' if with_agreement else 'absent: fewer than two coders have coded'} |
| `log.csv` | the project log: imports, merges, consensus decisions |
| `reproduce_agreement.py` | recomputes the document-level agreement per code from `segments.csv` and `documents.csv` alone |

## How the agreement was computed

Units and options are in `agreement.json` (`options`). Coders: every human coder with a live segment unless chosen.

- **Document level** (the matrix question: is code X present in document Y?): each (document, code) is a unit
  with a 0/1 judgement per coder. A document in which a coder coded nothing at all (no segment of any code)
  counts as *missing* for that coder (`uncoded_documents: missing`), not as "absent". Per code the units are the
  documents; the per-document and overall rows pool the codes used by at least one coder (the codes nobody used
  are listed in `excluded_codes`; the row with `all_codes: true` includes them). Coefficients: percent agreement
  (pairwise, Gwet), Cohen's kappa (two coders), Fleiss' kappa, Brennan-Prediger (q = 2), Gwet's AC1 and
  Krippendorff's alpha (nominal), as in Gwet (2014) and Krippendorff (2011).
- **Segment level**: a segment agrees when another coder has a segment of the same code in the same document
  whose overlap share (intersection / union of the character spans) reaches `overlap`.
- **Text level**: every character is a unit (NVivo-style 2x2 tables per code; all text and coded text only) and
  Krippendorff's binary unitizing alpha per code (Krippendorff 2019, section 12.6).
- **Scale level**: Krippendorff's alpha with the scale's metric (DIEPGANG: ordinal), weighted Cohen's kappa
  (linear, quadratic) for two coders.
- **Intervals** (`ci` in each statistic): percent agreement, Fleiss, Brennan-Prediger, AC1: Gwet's (2014) variance
  and a t interval; Cohen's kappa: the asymptotic SE of Fleiss, Cohen & Everitt (1969); Krippendorff's alpha: the
  bootstrap of Hayes & Krippendorff (2007) with {draws} draws and seed `ci.seed`, with q(alpha < minimum); segment
  and text levels: a bootstrap over documents (percentile interval).

## Re-running the agreement from the CSV files

    python reproduce_agreement.py            # prints percent agreement and Krippendorff's alpha per code

It reads only `segments.csv` and `documents.csv`, builds the presence units exactly as above (missing for a coder
who coded nothing in a document) and computes percent agreement and Krippendorff's alpha (nominal) with the
coincidence-matrix formulas, so the numbers can be compared with the `document` rows of `agreement.json`. Any other
package (R `irr`/`irrCAC`, Python `krippendorff`) can be given the same units.
"""


REPRODUCE_SCRIPT = r'''"""Recompute the document-level agreement per code from segments.csv and documents.csv.

Standard library only. Units: (document, code); a coder's judgement is 1 if they coded the code in the
document, 0 if they coded something else there, missing if they coded nothing in the document at all.
"""
import csv
import json
import sys
from collections import defaultdict
from itertools import permutations
from pathlib import Path

HERE = Path(__file__).resolve().parent


def load(coders=None):
    docs = [r["document_uuid"] for r in csv.DictReader(open(HERE / "documents.csv", encoding="utf-8"))]
    present, seen, codes, all_coders = set(), set(), [], []
    for r in csv.DictReader(open(HERE / "segments.csv", encoding="utf-8")):
        seen.add((r["coder"], r["document_uuid"]))  # coded anything here: judged the document
        if int(r["end"]) > int(r["start"]):  # an area coding without text marks no passage
            present.add((r["coder"], r["document_uuid"], r["code"]))
        if r["code"] not in codes:
            codes.append(r["code"])
        if r["coder"] not in all_coders:
            all_coders.append(r["coder"])
    return docs, present, seen, codes, coders or all_coders


def units(code, docs, present, seen, coders):
    out = []
    for d in docs:
        out.append([None if (c, d) not in seen else int((c, d, code) in present) for c in coders])
    return out


def percent_agreement(units):
    shares = []
    for u in units:
        v = [x for x in u if x is not None]
        if len(v) >= 2:
            agree = sum(1 for a, b in permutations(range(len(v)), 2) if v[a] == v[b])
            shares.append(agree / (len(v) * (len(v) - 1)))
    return sum(shares) / len(shares) if shares else None


def krippendorff_alpha(units):
    o = defaultdict(float)
    for u in units:
        v = [x for x in u if x is not None]
        if len(v) >= 2:
            for a, b in permutations(range(len(v)), 2):
                o[(v[a], v[b])] += 1.0 / (len(v) - 1)
    n_c = defaultdict(float)
    for (c, _k), w in o.items():
        n_c[c] += w
    n = sum(n_c.values())
    if n < 2:
        return None
    d_o = sum(w for (c, k), w in o.items() if c != k) / n
    d_e = sum(n_c[c] * n_c[k] for c in n_c for k in n_c if c != k) / (n * (n - 1))
    return None if d_e == 0 else 1 - d_o / d_e


def main():
    coders = None
    if (HERE / "agreement.json").exists():
        coders = json.loads((HERE / "agreement.json").read_text(encoding="utf-8"))["coders"]
    docs, present, seen, codes, coders = load(coders)
    result = {}
    for code in codes:
        u = units(code, docs, present, seen, coders)
        result[code] = {"percent_agreement": percent_agreement(u), "krippendorff_alpha": krippendorff_alpha(u)}
    json.dump({"coders": coders, "document_level": result}, sys.stdout, indent=2)
    print()


if __name__ == "__main__":
    main()
'''


__all__ = ["SEGMENT_COLUMNS", "codebook_markdown", "documents_csv", "segments_csv", "write_package"]
