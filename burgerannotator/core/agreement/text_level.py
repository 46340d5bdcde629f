"""Text-level agreement: every character is a unit.

* Character agreement (NVivo's coding comparison) per code for each pair of
  coders, on all text and on coded text only (characters at least one of the
  two coders coded with any of the chosen codes), from
  :func:`.unitizing.character_agreement`. With more than two coders the value
  shown is the mean over coder pairs (Light's approach); each pair is kept in
  ``row.pairs``. The document rows and the overall row pool the codes' tables.
* Krippendorff's unitizing alpha (binary |uα, code present vs absent, any
  number of coders) from :func:`.unitizing.unitizing_alpha_per_code`.

The continuum: per code, the documents laid end to end (segments never cross
a document boundary). Per document, one stretch of the document per code
laid end to end; overall, one stretch per (document, code).
"""
from __future__ import annotations

from itertools import combinations

import numpy as np

from .coding_data import CodingData
from .level_report import AgreementRow, Stat, mean_stat
from .unitizing import character_agreement, merge_intervals, unitizing_alpha_per_code

_ONE_PAIR = "all coder pairs undefined"


def _segs(starts: np.ndarray, ends: np.ndarray, values: np.ndarray) -> list[tuple[int, int, int]]:
    return list(zip(starts.tolist(), ends.tolist(), values.tolist()))


def _char_stats(tables_all, tables_coded) -> dict[str, Stat]:
    """Stats from the character tables of each coder pair (all text, coded text)."""
    def pct(t):
        return Stat(t.percent_agreement) if t.percent_agreement is not None else Stat(None, "no characters to compare")

    return {"char_percent": mean_stat([pct(t) for t in tables_all], _ONE_PAIR),
            "char_kappa": mean_stat([Stat.of(t.kappa) for t in tables_all], _ONE_PAIR),
            "char_percent_coded": mean_stat([pct(t) for t in tables_coded], _ONE_PAIR),
            "char_kappa_coded": mean_stat([Stat.of(t.kappa) for t in tables_coded], _ONE_PAIR)}


def _pair_stats(names, pairs, tables_all, tables_coded) -> dict:
    if len(pairs) < 2:
        return {}
    return {f"{names[a]} | {names[b]}": _char_stats([ta], [tc])
            for (a, b), ta, tc in zip(pairs, tables_all, tables_coded)}


def _covered(starts: np.ndarray, ends: np.ndarray) -> int:
    s, e = merge_intervals(starts, ends)
    return int((e - s).sum())


def text_level(data: CodingData) -> list[AgreementRow]:
    data = data.text_only()  # areas have no characters to agree on; they count at the other levels
    n_coders, n_codes = len(data.coders), len(data.codes)
    names = [c.name for c in data.coders]
    pairs = list(combinations(range(n_coders), 2))
    codes = list(range(n_codes))
    total = data.corpus_length
    g_start = data.offsets[data.document] + data.start
    g_end = data.offsets[data.document] + data.end
    by_coder = [data.coder == c for c in range(n_coders)]
    corpus = [_segs(g_start[m], g_end[m], data.code[m]) for m in by_coder]
    whole = [character_agreement(total, corpus[a], corpus[b], codes=codes) for a, b in pairs]
    coded = [character_agreement(total, corpus[a], corpus[b], codes=codes, exclude_uncoded=True) for a, b in pairs]
    u_alpha = unitizing_alpha_per_code(total, corpus, codes=codes) if total > 0 else {}
    rows = []
    for k, code in enumerate(data.codes):
        ta, tc = [w.per_code[k] for w in whole], [c.per_code[k] for c in coded]
        r = AgreementRow(level="text", scope="code", code_id=code.code_id, code_name=code.name)
        r.stats = _char_stats(ta, tc)
        r.stats["unitizing_alpha"] = Stat.of(u_alpha[k]) if k in u_alpha else Stat(None, "the documents have no text")
        m = data.code == k
        r.counts = {"characters": total, "coded_characters": _covered(g_start[m], g_end[m])}
        r.pairs = _pair_stats(names, pairs, ta, tc)
        rows.append(r)

    for d, doc in enumerate(data.documents):
        r = AgreementRow(level="text", scope="document", document=doc.label, document_uuid=doc.uuid)
        m = data.document == d
        local = [_segs(data.start[m & bc], data.end[m & bc], data.code[m & bc]) for bc in by_coder]
        if doc.length == 0:
            why = Stat(None, "the document has no text (scanned without OCR?)")
            r.stats = {k: why for k in ("char_percent", "char_kappa", "char_percent_coded", "char_kappa_coded",
                                        "unitizing_alpha")}
            rows.append(r)
            continue
        ta = [character_agreement(doc.length, local[a], local[b], codes=codes).pooled for a, b in pairs]
        tc = [character_agreement(doc.length, local[a], local[b], codes=codes, exclude_uncoded=True).pooled
              for a, b in pairs]
        r.stats = _char_stats(ta, tc)
        blocks = [_segs(data.code[m & bc] * doc.length + data.start[m & bc],
                        data.code[m & bc] * doc.length + data.end[m & bc],
                        np.zeros(int((m & bc).sum()), np.int64)) for bc in by_coder]
        r.stats["unitizing_alpha"] = Stat.of(unitizing_alpha_per_code(doc.length * n_codes, blocks, codes=[0])[0])
        r.counts = {"characters": doc.length, "coded_characters": _covered(data.start[m], data.end[m])}
        r.pairs = _pair_stats(names, pairs, ta, tc)
        rows.append(r)

    r = AgreementRow(level="text", scope="overall")
    ta, tc = [w.pooled for w in whole], [c.pooled for c in coded]
    r.stats = _char_stats(ta, tc)
    block_off = data.offsets[data.document] * n_codes + data.code * data.lengths[data.document]
    blocks = [_segs(block_off[bc] + data.start[bc], block_off[bc] + data.end[bc],
                    np.zeros(int(bc.sum()), np.int64)) for bc in by_coder]
    r.stats["unitizing_alpha"] = (Stat.of(unitizing_alpha_per_code(total * n_codes, blocks, codes=[0])[0])
                                  if total > 0 else Stat(None, "the documents have no text"))
    r.counts = {"characters": total, "coded_characters": _covered(g_start, g_end)}
    r.pairs = _pair_stats(names, pairs, ta, tc)
    rows.append(r)
    return rows


__all__ = ["text_level"]
