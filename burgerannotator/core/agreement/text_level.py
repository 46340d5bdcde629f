"""Text-level agreement: every character is a unit.

* Character agreement (NVivo's coding comparison) per code for each pair of
  coders, on all text and on coded text only (characters at least one of the
  two coders coded with any of the chosen codes). With more than two coders the
  value shown is the mean over coder pairs (Light's approach); each pair is kept
  in ``row.pairs``. The document rows and the overall row pool the codes' tables.
* Krippendorff's unitizing alpha (binary |uα, code present vs absent, any
  number of coders), as :func:`.unitizing.unitizing_alpha_per_code`: a coder's
  overlapping segments of one code merge into one unit, touching ones stay apart.

The continuum: per code, the documents laid end to end (segments never cross
a document boundary). Per document, one stretch of the document per code laid
end to end; overall, one stretch per (document, code). Document and overall
rows pool the codes used by at least one of the coders (``used``); the overall
row over every chosen code is kept as well (``all_codes=True``).

Vectorised (issue 17): every statistic is a sum over (document, code) blocks of
a few interval lengths - per coder the covered length A_i and the summed squared
unit lengths S_i, per coder pair the length of the union U_ij - which numpy
computes for all blocks at once by merging sorted interval arrays; no Python
runs per segment or per block. For the binary |uα, with v(x) coders covering a
character x: sum v = sum_i A_i and sum v^2 = sum_i A_i + 2 sum_{i<j} |i ∩ j|,
which give the coincidences l_11, l_10 = l_01 and l_00 exactly. The same
per-document tables feed the bootstrap over documents (``ci=True``).
"""
from __future__ import annotations

from itertools import combinations

import numpy as np

from .bootstrap import cluster_bootstrap
from .coding_data import CodingData
from .level_report import AgreementRow, Stat, mean_stat

_ONE_PAIR = "all coder pairs undefined"
_NO_CHARS = "no characters to compare"
_NO_VAR_KAPPA = "no variation: both coders coded all or none of the characters (expected agreement 1)"
TEXT_STATS = ("char_percent", "char_kappa", "char_percent_coded", "char_kappa_coded", "unitizing_alpha")


def merge(start: np.ndarray, end: np.ndarray, key: np.ndarray, strict: bool = True):
    """Merge intervals (already in disjoint per-key coordinates): overlapping ones always,
    touching ones too unless ``strict``. Returns merged (start, end, key of the first)."""
    if len(start) == 0:
        return start, end, key
    order = np.argsort(start, kind="stable")
    s, e, k = start[order], end[order], key[order]
    run_end = np.maximum.accumulate(e)
    new = np.ones(len(s), dtype=bool)
    new[1:] = s[1:] >= run_end[:-1] if strict else s[1:] > run_end[:-1]
    idx = np.flatnonzero(new)
    last = np.append(idx[1:] - 1, len(s) - 1)
    return s[idx], run_end[last], k[idx]


def _lengths_by(start, end, key, size: int, power: int = 1) -> np.ndarray:
    return np.bincount(key, weights=(end - start).astype(float) ** power, minlength=size)


# --------------------------------------------------------------------------- statistics on summed tables


def kappa_table(t: np.ndarray):
    """(percent, kappa) for tables [..., (both, a_only, b_only, neither)]; NaN where undefined."""
    t = np.asarray(t, dtype=float)
    both, ao, bo, ne = t[..., 0], t[..., 1], t[..., 2], t[..., 3]
    total = both + ao + bo + ne
    with np.errstate(divide="ignore", invalid="ignore"):
        po = (both + ne) / total
        a, b = both + ao, both + bo
        pe = (a * b + (total - a) * (total - b)) / total ** 2
        kappa = np.where(pe >= 1 - 1e-12, np.nan, (po - pe) / (1 - pe))
    po = np.where(total > 0, po, np.nan)
    return po, np.where(total > 0, kappa, np.nan)


def binary_u_alpha(stats: np.ndarray) -> np.ndarray:
    """|uα from summed [..., (l00, l01, l11, w0, w1)] (l10 = l01); NaN where undefined."""
    s = np.asarray(stats, dtype=float)
    l00, l01, l11, w0, w1 = (s[..., i] for i in range(5))
    total = l00 + 2 * l01 + l11
    m0, m1 = l00 + l01, l01 + l11
    denom = total ** 2 - (w0 + w1)
    with np.errstate(divide="ignore", invalid="ignore"):
        e_off = total * 2 * m0 * m1 / denom
        obs_d = 2 * l01 / total
        exp_d = e_off / total
        alpha = 1.0 - obs_d / exp_d
    bad = (total <= 0) | (denom <= 0) | ~(exp_d > 1e-15)
    return np.where(bad, np.nan, alpha)


def _alpha_reason(stats: np.ndarray) -> str:
    l00, l01, l11, w0, w1 = (float(x) for x in stats)
    total = l00 + 2 * l01 + l11
    if total <= 0:
        return "no pairable stretches"
    if total ** 2 - (w0 + w1) <= 0:
        return "expected coincidences undefined (a single unit covers everything)"
    return "no variation (expected disagreement 0): alpha is 0/0"


def _pair_stat(values: np.ndarray, reason: str) -> Stat:
    return Stat(float(values)) if np.isfinite(values) else Stat(None, reason)


def _char_stats(tables_all: np.ndarray, tables_coded: np.ndarray) -> dict[str, Stat]:
    """tables_*: pairs x 4 summed tables -> the four character statistics (mean over pairs)."""
    out = {}
    for prefix, tables in (("", tables_all), ("_coded", tables_coded)):
        po, kappa = kappa_table(tables)
        totals = tables.sum(axis=1)
        out["char_percent" + prefix] = mean_stat([_pair_stat(p, _NO_CHARS) for p in po], _ONE_PAIR)
        out["char_kappa" + prefix] = mean_stat(
            [_pair_stat(k, _NO_CHARS if t == 0 else _NO_VAR_KAPPA) for k, t in zip(kappa, totals)], _ONE_PAIR)
    return {k: out[k] for k in ("char_percent", "char_kappa", "char_percent_coded", "char_kappa_coded")}


def _alpha_stat(stats: np.ndarray) -> Stat:
    value = binary_u_alpha(stats)
    return Stat(float(value)) if np.isfinite(value) else Stat(None, _alpha_reason(stats))


# --------------------------------------------------------------------------- the blocks


class TextTables:
    """Per (document, code) block sufficient statistics for all coders and coder pairs."""

    def __init__(self, data: CodingData):
        data = data.text_only()  # areas (issue 15) have no characters to agree on; other levels count them
        self.m = m = len(data.coders)
        self.n_docs, self.n_codes = len(data.documents), len(data.codes)
        self.pairs = list(combinations(range(m), 2))
        n_groups = self.n_docs * self.n_codes
        group = data.document * self.n_codes + data.code
        block_off = data.offsets[data.document] * self.n_codes + data.code * data.lengths[data.document]
        bs, be = block_off + data.start, block_off + data.end
        self.L = np.repeat(data.lengths.astype(float), self.n_codes)  # block length per group
        A = np.zeros((m, n_groups))
        S = np.zeros((m, n_groups))
        n_seg = 0
        merged = []
        for c in range(m):
            mask = data.coder == c
            s, e, g = merge(bs[mask], be[mask], group[mask], strict=True)
            A[c] = _lengths_by(s, e, g, n_groups)
            S[c] = _lengths_by(s, e, g, n_groups, power=2)
            n_seg += len(s)
            merged.append((s, e, g))
        U = np.zeros((len(self.pairs), n_groups))
        coded = np.zeros((len(self.pairs), self.n_docs))
        ds, de = data.offsets[data.document] + data.start, data.offsets[data.document] + data.end
        for p, (i, j) in enumerate(self.pairs):
            s = np.concatenate([merged[i][0], merged[j][0]])
            e = np.concatenate([merged[i][1], merged[j][1]])
            g = np.concatenate([merged[i][2], merged[j][2]])
            U[p] = _lengths_by(*merge(s, e, g, strict=False), n_groups)
            mask = (data.coder == i) | (data.coder == j)
            coded[p] = _lengths_by(*merge(ds[mask], de[mask], data.document[mask], strict=False), self.n_docs)
        self.A, self.S, self.U, self.n_segments = A, S, U, n_seg
        # characters coded by anyone, per block and per document
        self.covered_block = _lengths_by(*merge(bs, be, group, strict=False), n_groups)
        self.covered_doc = _lengths_by(*merge(ds, de, data.document, strict=False), self.n_docs)
        # character tables per pair and block: (both, a_only, b_only, neither); coded: neither within coded text
        both = np.stack([A[i] + A[j] - U[p] for p, (i, j) in enumerate(self.pairs)]) if self.pairs else \
            np.zeros((0, n_groups))
        a_only = np.stack([A[i] for i, _ in self.pairs]) - both if self.pairs else both
        b_only = np.stack([A[j] for _, j in self.pairs]) - both if self.pairs else both
        coded_block = np.repeat(coded, self.n_codes, axis=1)
        self.tables_all = np.stack([both, a_only, b_only, self.L[None, :] - U], axis=-1)  # pairs x groups x 4
        self.tables_coded = np.stack([both, a_only, b_only, coded_block - U], axis=-1)
        # |uα sufficient statistics per block: (l00, l01, l11, w0, w1)
        sv = A.sum(axis=0)
        sv2 = sv + 2 * both.sum(axis=0)
        k = max(m - 1, 1)
        self.alpha_stats = np.stack([(m * (m - 1) * self.L - (2 * m - 1) * sv + sv2) / k, (m * sv - sv2) / k,
                                     (sv2 - sv) / k, m * self.L - sv, S.sum(axis=0)], axis=-1)  # groups x 5

    def view(self, arr: np.ndarray) -> np.ndarray:
        """Reshape the group axis (second to last for tables, last otherwise) to (documents, codes)."""
        return arr.reshape(arr.shape[:-2] + (self.n_docs, self.n_codes) + arr.shape[-1:]) if arr.ndim >= 2 \
            else arr.reshape(self.n_docs, self.n_codes)


def _ci_char(per_doc_all: np.ndarray, per_doc_coded: np.ndarray, per_doc_alpha: np.ndarray) -> dict:
    """Bootstrap over documents for one row: per_doc_*: documents x pairs x 4, documents x 5."""
    n_docs, n_pairs = per_doc_all.shape[:2]

    def char(idx: int, tables: np.ndarray):
        def stat(summed):
            values = kappa_table(summed.reshape(len(summed), n_pairs, 4))[idx]
            with np.errstate(invalid="ignore"):
                return np.nanmean(np.where(np.isfinite(values), values, np.nan), axis=1) \
                    if n_pairs > 1 else values[:, 0]
        return cluster_bootstrap(tables.reshape(n_docs, -1), stat)

    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # nanmean of all-NaN rows
        return {"char_percent": char(0, per_doc_all), "char_kappa": char(1, per_doc_all),
                "char_percent_coded": char(0, per_doc_coded), "char_kappa_coded": char(1, per_doc_coded),
                "unitizing_alpha": cluster_bootstrap(per_doc_alpha, binary_u_alpha)}


def _with_ci(stats: dict[str, Stat], cis: dict) -> dict[str, Stat]:
    return {k: (Stat(s.value, s.reason, cis.get(k)) if s.defined and cis.get(k) is not None else s)
            for k, s in stats.items()}


def text_level(data: CodingData, used: np.ndarray | None = None, ci: bool = False) -> list[AgreementRow]:
    """Rows per code, per document, overall (used codes) and overall over all chosen codes."""
    t = TextTables(data)
    names = [c.name for c in data.coders]
    used = np.ones(t.n_codes, bool) if used is None else np.asarray(used, bool)
    ta, tc, al = t.view(t.tables_all), t.view(t.tables_coded), t.view(t.alpha_stats)  # pairs x D x K x 4, D x K x 5
    total = data.corpus_length
    multi = len(t.pairs) > 1

    def pairs_of(a, c):
        if not multi:
            return {}
        return {f"{names[i]} | {names[j]}": _char_stats(a[p:p + 1], c[p:p + 1]) for p, (i, j) in enumerate(t.pairs)}

    rows = []
    for k, code in enumerate(data.codes):
        r = AgreementRow(level="text", scope="code", code_id=code.code_id, code_name=code.name)
        a, c = ta[:, :, k].sum(axis=1), tc[:, :, k].sum(axis=1)
        r.stats = _char_stats(a, c)
        r.stats["unitizing_alpha"] = _alpha_stat(al[:, k].sum(axis=0)) if total > 0 else \
            Stat(None, "the documents have no text")
        if ci:
            r.stats = _with_ci(r.stats, _ci_char(ta[:, :, k].transpose(1, 0, 2), tc[:, :, k].transpose(1, 0, 2),
                                                 al[:, k]))
        r.counts = {"characters": total, "coded_characters": int(t.view(t.covered_block)[:, k].sum())}
        r.pairs = pairs_of(a, c)
        rows.append(r)

    for d, doc in enumerate(data.documents):
        r = AgreementRow(level="text", scope="document", document=doc.label, document_uuid=doc.uuid)
        if doc.length == 0:
            why = Stat(None, "the document has no text (scanned without OCR?)")
            r.stats = {k: why for k in TEXT_STATS}
            rows.append(r)
            continue
        a, c = ta[:, d][:, used].sum(axis=1), tc[:, d][:, used].sum(axis=1)
        r.stats = _char_stats(a, c)
        r.stats["unitizing_alpha"] = _alpha_stat(al[d][used].sum(axis=0))
        r.counts = {"characters": doc.length, "coded_characters": int(t.covered_doc[d])}
        r.pairs = pairs_of(a, c)
        rows.append(r)

    for all_codes, keep in ((False, used), (True, np.ones(t.n_codes, bool))):
        if all_codes and keep.sum() == used.sum():
            continue  # every chosen code was used: the one overall row says it all
        r = AgreementRow(level="text", scope="overall", all_codes=all_codes)
        a, c = ta[:, :, keep].sum(axis=(1, 2)), tc[:, :, keep].sum(axis=(1, 2))
        r.stats = _char_stats(a, c)
        r.stats["unitizing_alpha"] = _alpha_stat(al[:, keep].sum(axis=(0, 1))) if total > 0 else \
            Stat(None, "the documents have no text")
        if ci:
            r.stats = _with_ci(r.stats, _ci_char(ta[:, :, keep].sum(axis=2).transpose(1, 0, 2),
                                                 tc[:, :, keep].sum(axis=2).transpose(1, 0, 2),
                                                 al[:, keep].sum(axis=1)))
        r.counts = {"characters": total, "coded_characters": int(t.covered_doc.sum())}
        r.pairs = pairs_of(a, c)
        rows.append(r)
    return rows


__all__ = ["TextTables", "binary_u_alpha", "kappa_table", "merge", "text_level"]
