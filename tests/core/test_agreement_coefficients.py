"""Agreement coefficients against the published reference datasets.

Every JSON file in tests/data/agreement-reference/ is loaded (the unitizing
ones by test_unitizing.py) and every numeric expected value is either checked
or skipped with a stated reason (standard errors, Conger's kappa).
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _reference import all_reference_files, check_all, load  # noqa: E402

from burgerannotator.core.agreement import (  # noqa: E402
    brennan_prediger,
    cohen_kappa,
    cohen_kappa_from_table,
    fleiss_kappa,
    gwet_ac1,
    krippendorff_alpha,
    percent_agreement,
    scott_pi,
    units_from_counts,
    units_from_table,
)

UNITIZING_FILES = {
    "unitizing_krippendorff2019_fig12_11.json",
    "unitizing_krippendorff2004_p254.json",
    "nvivo_character_kappa_example.json",
}

SKIP = {
    r"(^|/)se$": "standard errors are not implemented",
    r"(^|/)(ASE|ASE_H0|Z)$": "standard errors / z statistics are not implemented",
    r"/ci95/": "confidence intervals are not implemented",
    r"conger_kappa": "Conger's kappa is not implemented",
}


class Resolver:
    """Maps an expected-value path to the value computed by our code."""

    def __init__(self, units, categories=None, two_coder_table=None):
        self.units = units
        self.cats = categories
        kw = {"categories": categories}
        self.pa = percent_agreement(units, **kw)
        self.fleiss = fleiss_kappa(units, **kw)
        self.ac1 = gwet_ac1(units, **kw)
        self.bp = brennan_prediger(units, **kw)
        self.alpha = {m: krippendorff_alpha(units, m) for m in ("nominal", "ordinal", "interval", "ratio")}
        self.cohen = self.scott = self.wcohen = None
        if two_coder_table is not None:
            self.cohen = cohen_kappa(units, **kw)
            self.scott = scott_pi(units, **kw)
            self.wcohen = cohen_kappa_from_table(two_coder_table, weights="linear")
            # Both entry points must agree.
            assert math.isclose(cohen_kappa_from_table(two_coder_table).value, self.cohen.value, abs_tol=1e-12)
        for r in (self.pa, self.fleiss, self.ac1, self.bp, *self.alpha.values()):
            assert r.defined, r.reason

    def _coef(self, name: str):
        a = self.alpha
        table = {
            "cohen_kappa": self.cohen, "kappa": self.cohen, "simple_kappa": self.cohen,
            "scott_pi": self.scott, "fleiss_kappa": self.fleiss, "gwet_ac1": self.ac1,
            "brennan_prediger": self.bp, "kappa_n": self.bp,
            "randolph_free_marginal_kappa": self.bp,
            "randolph_free_marginal_kappa_(=multi-rater Brennan-Prediger, q=5)": self.bp,
            "statsmodels_randolph": self.bp, "statsmodels_fleiss_kappa": self.fleiss,
            "krippendorff_alpha": a["nominal"], "krippendorff_alpha_nominal": a["nominal"],
            "krippendorff_alpha_nominal_computed": a["nominal"], "alpha_nominal": a["nominal"],
            "alpha_ordinal": a["ordinal"], "alpha_ordinal_computed_only": a["ordinal"],
            "alpha_interval": a["interval"], "alpha_interval_package_test": a["interval"],
            "alpha_ratio": a["ratio"], "alpha_ratio_computed_only": a["ratio"],
            "percent_agreement": self.pa,
        }
        if name.startswith("weighted_kappa"):
            return self.wcohen
        if name not in table or table[name] is None:
            raise KeyError(name)
        return table[name]

    def __call__(self, path: str):
        parts = [""] + path.split("/")
        last = parts[-1]
        try:
            if last in ("value", "pa", "pe"):
                res = self._coef(parts[-2])
                if last == "value":
                    return res.value
                if res.coefficient.startswith("krippendorff"):
                    return res.details["irrcac_" + last]  # Gwet's presentation of alpha
                return res.observed_agreement if last == "pa" else res.expected_agreement
            if parts[-2] in ("p_j", "category_proportions_p_j"):
                return self.fleiss.details["pi"][self.fleiss.categories[int(last)]]
            if parts[-2] == "per_category_kappa_j_computed":
                return self.fleiss.details["category_kappa"][self.fleiss.categories[int(last)]]
            if last == "p_o":
                return self.cohen.observed_agreement
            if last == "p_e":
                return self.cohen.expected_agreement
            if last == "kappa_max":
                return self.cohen.details["kappa_max"]
            if last == "P_bar":
                return self.fleiss.observed_agreement
            if last == "P_e_bar":
                return self.fleiss.expected_agreement
            if last in ("simple_kappa", "weighted_kappa") or parts[-2].startswith(("simple_kappa", "weighted_kappa")):
                name = last if last in ("simple_kappa", "weighted_kappa") else parts[-2]
                return self._coef(name).value
            return self._coef(last).value
        except KeyError:
            return KeyError


def _table_units(table):
    cats = list(range(1, len(table) + 1))
    return units_from_table(table, cats), cats


# ----------------------------------------------------------------- every file is covered

COEFFICIENT_FILES = {
    "brennan_prediger1981_examples.json", "cohen1960_examples.json", "cohen_sas_3x3_statsmodels.json",
    "cohen_wikipedia_2x2.json", "fleiss1971_30subjects_6raters.json",
    "fleiss_wikipedia_10subjects_14raters.json", "gwet_cac_raw4raters.json",
    "gwet_cont3x3abstractors.json", "gwet_distrib6raters.json",
    "krippendorff2011_4obs_12units.json", "krippendorff_wikipedia_3obs_15units.json",
    "hayes_krippendorff2007_table1.json",  # tests/core/test_agreement_ci.py
}


def test_every_reference_file_is_tested():
    assert set(all_reference_files()) == COEFFICIENT_FILES | UNITIZING_FILES


# ----------------------------------------------------------------- two-coder contingency tables


@pytest.mark.parametrize("name", ["brennan_prediger1981_examples.json", "cohen1960_examples.json"])
def test_contingency_examples(name):
    data = load(name)
    for ex_name, ex in data["examples"].items():
        units, cats = _table_units(ex["table"])
        r = Resolver(units, cats, two_coder_table=ex["table"])
        checked = check_all(ex["expected"], r, SKIP, f"{name}:{ex_name}")
        assert len(checked) >= 5


@pytest.mark.parametrize("name", ["cohen_wikipedia_2x2.json", "gwet_cont3x3abstractors.json"])
def test_contingency_tables(name):
    data = load(name)
    units, cats = _table_units(data["data"])
    r = Resolver(units, cats, two_coder_table=data["data"])
    checked = check_all(data["expected"], r, SKIP, name)
    assert len(checked) >= 5


def test_cohen_sas_unweighted_and_linear_weighted():
    data = load("cohen_sas_3x3_statsmodels.json")
    units, cats = _table_units(data["data"])
    r = Resolver(units, cats, two_coder_table=data["data"])
    printed = frozenset(k for k in data["expected"] if k != "exact")  # SAS printout, 4 decimals
    checked = check_all(data["expected"], r, SKIP, "sas", printed=printed)
    assert sorted(checked) == sorted([
        "simple_kappa/kappa", "exact/simple_kappa", "exact/weighted_kappa",
        "weighted_kappa_linear_(Cicchetti-Allison weights from scores 0,1,2)/kappa",
    ])


# ----------------------------------------------------------------- raw ratings / counts


def test_fleiss1971_raw_ratings():
    data = load("fleiss1971_30subjects_6raters.json")
    r = Resolver(data["data"])
    checked = check_all(data["expected"], r, SKIP, "fleiss1971")
    assert len(checked) >= 25
    # The published subject-by-category counts give the same coefficients.
    counts = units_from_counts(data["subject_by_category_counts"])
    assert fleiss_kappa(counts).value == pytest.approx(r.fleiss.value, abs=1e-12)
    assert gwet_ac1(counts).value == pytest.approx(r.ac1.value, abs=1e-12)


@pytest.mark.parametrize("name", ["fleiss_wikipedia_10subjects_14raters.json", "gwet_distrib6raters.json"])
def test_count_tables(name):
    data = load(name)
    units = units_from_counts(data["data"])
    cats = list(range(1, len(data["data"][0]) + 1))
    r = Resolver(units, cats)
    checked = check_all(data["expected"], r, SKIP, name)
    assert len(checked) >= 5


def test_gwet_cac_raw4raters_missing_data():
    data = load("gwet_cac_raw4raters.json")
    r = Resolver(data["data"])
    checked = check_all(data["expected"], r, SKIP, "raw4raters")
    assert len(checked) >= 25


def test_krippendorff2011_missing_data():
    data = load("krippendorff2011_4obs_12units.json")
    units = [list(u) for u in zip(*data["data"])]  # file is coders x units
    r = Resolver(units)
    checked = check_all(data["expected"], r, SKIP, "kripp2011")
    assert len(checked) >= 20
    assert r.alpha["nominal"].value == pytest.approx(113 / 152, abs=1e-12)
    assert r.alpha["nominal"].n_values == 40
    assert r.alpha["nominal"].n_units == 11


def test_krippendorff_wikipedia():
    data = load("krippendorff_wikipedia_3obs_15units.json")
    units = [list(u) for u in zip(*data["data"])]
    r = Resolver(units)
    checked = check_all(data["expected"], r, SKIP, "kripp_wiki")
    assert len(checked) == 6


# ----------------------------------------------------------------- properties


def test_nan_counts_as_missing_and_unit_order_irrelevant():
    data = load("krippendorff2011_4obs_12units.json")
    units = [list(u) for u in zip(*data["data"])]
    with_nan = [[float("nan") if v is None else v for v in u] for u in units][::-1]
    for metric in ("nominal", "ordinal", "interval", "ratio"):
        assert krippendorff_alpha(with_nan, metric).value == pytest.approx(
            krippendorff_alpha(units, metric).value, abs=1e-12)


def test_ordinal_alpha_with_explicit_order_of_labels():
    data = load("krippendorff2011_4obs_12units.json")
    labels = {1: "a", 2: "b", 3: "c", 4: "d", 5: "e"}
    units = [[None if v is None else labels[v] for v in u] for u in zip(*data["data"])]
    r = krippendorff_alpha(units, "ordinal", categories=["a", "b", "c", "d", "e"])
    assert r.value == pytest.approx(0.8153875038, abs=1e-9)
    with pytest.raises(ValueError):
        krippendorff_alpha(units, "interval")


def test_cohen_drops_units_with_a_missing_coder():
    units = [[1, 1], [2, 2], [1, 2], [None, 1], [2, None], [None, None]]
    r = cohen_kappa(units)
    assert r.n_units == 3
    # po = 2/3, pe = (2/3*1/3 + 1/3*2/3) = 4/9 -> kappa = (2/3-4/9)/(5/9) = 0.4
    assert r.value == pytest.approx(0.4)
    with pytest.raises(ValueError):
        cohen_kappa([[1, 2, 3]])


# ----------------------------------------------------------------- undefined cases


def _assert_undefined(r):
    assert r.defined is False
    assert r.value is None
    assert r.reason


@pytest.mark.parametrize("fn", [fleiss_kappa, lambda u: krippendorff_alpha(u, "nominal"),
                                lambda u: krippendorff_alpha(u, "interval"),
                                lambda u: krippendorff_alpha(u, "ordinal"),
                                lambda u: krippendorff_alpha(u, "ratio"),
                                gwet_ac1, brennan_prediger])
def test_single_category_is_undefined(fn):
    _assert_undefined(fn([[3, 3, 3], [3, None, 3], [3, 3, None]]))


def test_single_category_two_coders_is_undefined():
    units = [["yes", "yes"]] * 5
    _assert_undefined(cohen_kappa(units))
    _assert_undefined(scott_pi(units))
    assert percent_agreement(units).value == 1.0  # percent agreement itself is defined


def test_explicit_q_makes_bp_and_ac1_defined():
    units = [["present", "present"]] * 4
    assert brennan_prediger(units, q=2).value == pytest.approx(1.0)
    assert gwet_ac1(units, categories=["present", "absent"]).value == pytest.approx(1.0)


@pytest.mark.parametrize("fn", [percent_agreement, fleiss_kappa, gwet_ac1, brennan_prediger,
                                krippendorff_alpha, cohen_kappa, scott_pi])
def test_no_pairable_values_is_undefined(fn):
    _assert_undefined(fn([[1, None], [None, 2], [None, None]]))


@pytest.mark.parametrize("fn", [percent_agreement, fleiss_kappa, gwet_ac1, brennan_prediger,
                                krippendorff_alpha, cohen_kappa])
def test_fewer_than_two_coders_is_undefined(fn):
    r = fn([[1], [2], [1]])
    _assert_undefined(r)
    assert "coder" in r.reason


def test_empty_input_is_undefined():
    _assert_undefined(krippendorff_alpha([]))
    _assert_undefined(fleiss_kappa([]))


def test_interval_alpha_without_variation_is_undefined_but_disagreement_is_reported():
    r = krippendorff_alpha([[2.0, 2.0], [2.0, 2.0], [2.0, None]], "interval")
    _assert_undefined(r)
    assert r.expected_disagreement == 0.0 and r.observed_disagreement == 0.0


def test_perfect_disagreement_is_defined():
    # Each coder constant but different: kappa is defined (po = 0) and not reported as undefined.
    r = cohen_kappa([[1, 2]] * 4)
    assert r.defined and r.value == pytest.approx(0.0)
    a = krippendorff_alpha([[1, 2]] * 4)
    assert a.defined and a.value < 0
    assert np.isfinite(a.value)
