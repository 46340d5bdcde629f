"""Result types of an agreement analysis on a project: rows of statistics per code,
per document and overall, for each level. An undefined statistic is ``value=None``
with the reason, never 0 or 1."""
from __future__ import annotations

from dataclasses import dataclass, field

LEVELS = ("document", "segment", "text", "scale")
SCOPES = ("code", "document", "overall", "scale")

# Column order and headings per level (statistic key -> heading).
STAT_LABELS = {
    "document": {"percent_agreement": "% agreement", "cohen_kappa": "Cohen's kappa",
                 "fleiss_kappa": "Fleiss' kappa", "brennan_prediger": "Brennan-Prediger",
                 "gwet_ac1": "Gwet AC1", "krippendorff_alpha": "Krippendorff alpha (nominal)"},
    "segment": {"percent_agreement": "% agreement"},
    "text": {"char_percent": "% chars (all text)", "char_kappa": "kappa (all text)",
             "char_percent_coded": "% chars (coded text)", "char_kappa_coded": "kappa (coded text)",
             "unitizing_alpha": "unitizing alpha |ua"},
    "scale": {"krippendorff_alpha": "Krippendorff alpha", "percent_agreement": "% agreement",
              "cohen_kappa_linear": "Cohen's kappa (linear weights)",
              "cohen_kappa_quadratic": "Cohen's kappa (quadratic weights)"},
}
COUNT_LABELS = {
    "document": {"units": "units", "present": "coded by someone", "unanimous": "unanimous"},
    "segment": {"segments": "segments", "agree": "agree", "disagree": "disagree"},
    "text": {"characters": "characters", "coded_characters": "coded characters"},
    "scale": {"units": "documents", "pairable": "rated by 2+"},
}


@dataclass(frozen=True)
class Stat:
    value: float | None
    reason: str = ""
    ci: object = None  # variance.Interval or bootstrap.BootstrapResult (with ci=True), else None

    @property
    def defined(self) -> bool:
        return self.value is not None

    def text(self, digits: int = 3) -> str:
        if self.value is None:
            return "undefined"
        shown = f"{self.value:.{digits}f}"
        return shown[1:] if shown.startswith("-") and not shown.strip("-0.") else shown

    @classmethod
    def of(cls, result) -> "Stat":
        """From an ``AgreementResult`` of the coefficient functions."""
        return cls(result.value if result.defined else None, "" if result.defined else result.reason)

    def ci_text(self, digits: int = 3) -> str:
        """'[low, high]' of the 95 % interval, '' without one."""
        if self.ci is None or self.ci.low is None:
            return ""
        return f"[{Stat(self.ci.low).text(digits)}, {Stat(self.ci.high).text(digits)}]"

    def as_dict(self) -> dict:
        out = {"value": self.value, "defined": self.defined, "reason": self.reason}
        if self.ci is not None:
            out["ci"] = self.ci.as_dict()
        return out


@dataclass
class AgreementRow:
    level: str
    scope: str  # code | document | overall | scale
    code_id: str = ""
    code_name: str = ""
    document: str = ""  # label (city)
    document_uuid: str = ""
    stats: dict[str, Stat] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    pairs: dict[str, dict[str, Stat]] = field(default_factory=dict)  # "A | B" -> stats (several coders)
    all_codes: bool = False  # overall row over every chosen code, also those nobody used

    @property
    def label(self) -> str:
        if self.scope == "overall":
            return "Overall (all codes)" if self.all_codes else "Overall"
        if self.scope == "document":
            return self.document
        return self.code_id

    def as_dict(self) -> dict:
        return {"level": self.level, "scope": self.scope, "code": self.code_id, "code_name": self.code_name,
                "document": self.document, "document_uuid": self.document_uuid, "all_codes": self.all_codes,
                "stats": {k: v.as_dict() for k, v in self.stats.items()}, "counts": dict(self.counts),
                "pairs": {p: {k: v.as_dict() for k, v in s.items()} for p, s in self.pairs.items()}}


@dataclass
class AgreementReport:
    coders: list[str]
    codes: list[str]
    documents: int
    overlap: float
    rows: dict[str, list[AgreementRow]] = field(default_factory=dict)  # level -> rows
    seconds: dict[str, float] = field(default_factory=dict)  # level -> computing time
    notes: list[str] = field(default_factory=list)
    uncoded_documents: str = "missing"  # how a document a coder coded nothing in counts (document level)
    excluded_codes: list[str] = field(default_factory=list)  # chosen codes nobody used: not in pooled rows
    ci: dict = field(default_factory=dict)  # {} without CIs, else draws, seed, minima, methods

    def level_rows(self, level: str, scope: str | None = None) -> list[AgreementRow]:
        return [r for r in self.rows.get(level, []) if scope is None or r.scope == scope]

    def overall(self, level: str) -> AgreementRow | None:
        return next(iter(self.level_rows(level, "overall")), None)

    def row(self, level: str, code_id: str | None = None, document: str | None = None) -> AgreementRow:
        for r in self.rows.get(level, []):
            if code_id is not None and r.scope in ("code", "scale") and r.code_id == code_id:
                return r
            if document is not None and r.scope == "document" and document in (r.document, r.document_uuid):
                return r
        raise KeyError(code_id or document)

    def as_dict(self) -> dict:
        return {"coders": self.coders, "codes": self.codes, "documents": self.documents,
                "overlap": self.overlap, "notes": self.notes, "uncoded_documents": self.uncoded_documents,
                "excluded_codes": self.excluded_codes, "ci": self.ci,
                "levels": {lvl: [r.as_dict() for r in rows] for lvl, rows in self.rows.items()}}


def mean_stat(stats: list[Stat], reason_all_undefined: str) -> Stat:
    """Mean of the defined values (several coder pairs); undefined when none is defined."""
    values = [s.value for s in stats if s.defined]
    if not values:
        reasons = sorted({s.reason for s in stats if s.reason})
        return Stat(None, reasons[0] if len(reasons) == 1 else reason_all_undefined)
    return Stat(sum(values) / len(values))


__all__ = ["LEVELS", "SCOPES", "STAT_LABELS", "COUNT_LABELS", "Stat", "AgreementRow", "AgreementReport", "mean_stat"]
