"""The CLI's fixed choices, here so that building the parser imports no heavy core module
(SQLAlchemy, NumPy, PyMuPDF): ``--help`` and ``--version`` stay instant. Each constant
mirrors the core's own; tests/core/test_startup_imports.py keeps them equal."""
from __future__ import annotations

LEVELS = ("document", "segment", "text", "scale")  # core.agreement.level_report.LEVELS
DEFAULT_OVERLAP = 0.9  # core.agreement.segment_level.DEFAULT_OVERLAP
CONFLICT_CHOICES = ("ask", "keep-mine", "take-theirs")  # core.merge.CONFLICT_CHOICES
MEASURES = ("presence", "count", "coverage")  # core.matrix.MEASURES
SEPARATORS = (",", ";")  # core.exports.csv_writer.SEPARATORS
UNITS = ("hit", "sentence")  # core.dictionary.UNITS
UNCODED = ("missing", "absent")  # core.agreement.levels.UNCODED
DRAWS = 1000  # core.agreement.bootstrap.DRAWS
SEED = 20070101  # core.agreement.bootstrap.SEED
MINIMA = (0.667, 0.8)  # core.agreement.bootstrap.MINIMA
LANGUAGES = ("en", "nl")  # core.exports.dutch.LANGUAGES
