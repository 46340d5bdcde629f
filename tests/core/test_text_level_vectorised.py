"""The vectorised text level (interval arrays, issue 17) gives exactly what the per-pair,
per-code interval functions of core.agreement.unitizing give on the same continua."""
from __future__ import annotations

from itertools import combinations
from types import SimpleNamespace

import numpy as np
import pytest

from burgerannotator.core.agreement.coding_data import CodingData, DocumentRef
from burgerannotator.core.agreement.text_level import text_level
from burgerannotator.core.agreement.unitizing import character_agreement, merge_intervals, unitizing_alpha_per_code


def _data(seed: int, n_coders: int, lengths=(900, 0, 400, 1500), n_codes=4, n_segments=60) -> CodingData:
    rng = np.random.default_rng(seed)
    coders = [SimpleNamespace(name=f"C{i}") for i in range(n_coders)]
    codes = [SimpleNamespace(code_id=f"K{k}", name=f"code {k}") for k in range(n_codes)]
    docs = [DocumentRef(i + 1, f"u{i}", f"city {i}", n) for i, n in enumerate(lengths)]
    with_text = [i for i, n in enumerate(lengths) if n > 0]
    rows = []
    for _ in range(n_segments):
        d = int(rng.choice(with_text))
        s = int(rng.integers(0, lengths[d] - 5))
        e = min(lengths[d], s + int(rng.integers(1, 120)))
        k = int(rng.integers(0, n_codes - 1))  # the last code is never used
        for c in range(n_coders):  # shared passages, shifted or skipped by some coders
            roll = rng.random()
            if roll < 0.2:
                continue
            shift = int(rng.integers(-10, 10)) if roll < 0.45 else 0
            ss, ee = max(0, s + shift), min(lengths[d], e + shift)
            if ee > ss:
                rows.append((c, k, d, ss, ee))
    rows.append((0, 0, with_text[0], 5, 20))  # touching segments of one coder: separate |uα units
    rows.append((0, 0, with_text[0], 20, 30))
    a = np.array(rows, dtype=np.int64)
    return CodingData(coders, codes, docs, a[:, 0], a[:, 1], a[:, 2], a[:, 3], a[:, 4], np.arange(len(a)))


def _reference(data: CodingData):
    """The pre-issue-17 text level, per pair and code through the interval functions."""
    m, n_codes = len(data.coders), len(data.codes)
    pairs = list(combinations(range(m), 2))
    total = data.corpus_length
    g_start = data.offsets[data.document] + data.start
    g_end = data.offsets[data.document] + data.end
    corpus = [list(zip(g_start[data.coder == c].tolist(), g_end[data.coder == c].tolist(),
                       data.code[data.coder == c].tolist())) for c in range(m)]
    codes = list(range(n_codes))
    whole = [character_agreement(total, corpus[a], corpus[b], codes=codes) for a, b in pairs]
    coded = [character_agreement(total, corpus[a], corpus[b], codes=codes, exclude_uncoded=True) for a, b in pairs]
    alpha = unitizing_alpha_per_code(total, corpus, codes=codes)
    used = sorted(set(data.code.tolist()))
    off = data.offsets[data.document] * len(used) + np.searchsorted(used, data.code) * data.lengths[data.document]
    blocks = [list(zip((off + data.start)[data.coder == c].tolist(), (off + data.end)[data.coder == c].tolist(),
                       [0] * int((data.coder == c).sum()))) for c in range(m)]
    overall_alpha = unitizing_alpha_per_code(total * len(used), blocks, codes=[0])[0]
    per_doc = []
    for d, doc in enumerate(data.documents):
        if doc.length == 0:
            per_doc.append(None)
            continue
        mk = data.document == d
        local = [list(zip(data.start[mk & (data.coder == c)].tolist(), data.end[mk & (data.coder == c)].tolist(),
                          data.code[mk & (data.coder == c)].tolist())) for c in range(m)]
        ta = [character_agreement(doc.length, local[a], local[b], codes=used).pooled for a, b in pairs]
        tc = [character_agreement(doc.length, local[a], local[b], codes=used, exclude_uncoded=True).pooled
              for a, b in pairs]
        per_doc.append((ta, tc))
    return whole, coded, alpha, overall_alpha, per_doc, used


def _mean(values):
    values = [v for v in values if v is not None]
    return sum(values) / len(values) if values else None


@pytest.mark.parametrize("seed,n_coders", [(1, 2), (2, 3), (3, 4), (4, 2)])
def test_vectorised_text_level_equals_interval_functions(seed, n_coders):
    data = _data(seed, n_coders)
    whole, coded, alpha, overall_alpha, per_doc, used = _reference(data)
    mask = np.zeros(len(data.codes), bool)
    mask[used] = True
    rows = text_level(data, mask)
    by_code = {r.code_id: r for r in rows if r.scope == "code"}
    for k in range(len(data.codes)):
        stats = by_code[f"K{k}"].stats
        expect = {
            "char_percent": _mean([w.per_code[k].percent_agreement for w in whole]),
            "char_kappa": _mean([w.per_code[k].kappa.value for w in whole]),
            "char_percent_coded": _mean([c.per_code[k].percent_agreement for c in coded]),
            "char_kappa_coded": _mean([c.per_code[k].kappa.value for c in coded]),
            "unitizing_alpha": alpha[k].value,
        }
        for key, value in expect.items():
            if value is None:
                assert stats[key].value is None and stats[key].reason, (k, key)
            else:
                assert stats[key].value == pytest.approx(value, abs=1e-12), (k, key)
    overall = next(r for r in rows if r.scope == "overall" and not r.all_codes)
    assert overall.stats["char_percent"].value == pytest.approx(
        _mean([sum(w.per_code[k].both + w.per_code[k].neither for k in used) / sum(w.per_code[k].total for k in used)
               for w in whole]), abs=1e-12)
    assert overall.stats["unitizing_alpha"].value == pytest.approx(overall_alpha.value, abs=1e-12)
    docs = [r for r in rows if r.scope == "document"]
    for r, ref in zip(docs, per_doc):
        if ref is None:
            assert r.stats["char_kappa"].value is None and "no text" in r.stats["char_kappa"].reason
            continue
        ta, tc = ref
        assert r.stats["char_kappa"].value == pytest.approx(_mean([t.kappa.value for t in ta]), abs=1e-12)
        assert r.stats["char_percent_coded"].value == pytest.approx(_mean([t.percent_agreement for t in tc]), abs=1e-12)
    covered = merge_intervals(data.offsets[data.document] + data.start, data.offsets[data.document] + data.end)
    assert overall.counts["coded_characters"] == int((covered[1] - covered[0]).sum())
    every = [r for r in rows if r.scope == "overall" and r.all_codes]
    assert len(every) == 1 and every[0].label == "Overall (all codes)"
    assert every[0].stats["char_percent"].value > overall.stats["char_percent"].value  # unused code's zeros inflate


def test_text_level_ci_brackets_the_value_and_is_reproducible():
    data = _data(7, 3, lengths=(900, 700, 400, 1500, 800, 1000), n_segments=120)
    first = text_level(data, None, ci=True)
    again = text_level(data, None, ci=True)
    row = next(r for r in first if r.scope == "overall")
    for key, stat in row.stats.items():
        assert stat.ci is not None and stat.ci.low <= stat.ci.high, key
        assert stat.ci.draws > 900
    assert [r.stats["char_kappa"].ci.low for r in first if r.stats.get("char_kappa") and r.stats["char_kappa"].ci] == \
        [r.stats["char_kappa"].ci.low for r in again if r.stats.get("char_kappa") and r.stats["char_kappa"].ci]


@pytest.mark.parametrize("overlap", [0.9, 0.5, 0.1, 1.0])
def test_segment_matches_equal_brute_force(overlap):
    from burgerannotator.core.agreement.segment_level import match_matrix, overlap_share

    data = _data(11, 3, n_segments=150)
    matched = match_matrix(data, overlap)
    n = len(data)
    expected = np.zeros_like(matched)
    for i in range(n):
        for j in range(n):
            same = data.document[i] == data.document[j] and data.code[i] == data.code[j]
            if same and data.coder[i] != data.coder[j]:
                share = overlap_share(data.start[i], data.end[i], data.start[j], data.end[j])
                if share >= overlap - 1e-12:
                    expected[i, data.coder[j]] = True
    assert matched.sum() > 0 and (matched == expected).all()
