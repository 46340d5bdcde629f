"""Exchange with MAXQDA, ATLAS.ti and NVivo through REFI-QDA (QDA-XML 1.0) files.

``write_qdc`` / ``import_qdc``: codebooks (.qdc). ``write_qdpx`` / ``import_qdpx``: projects (.qdpx).
Untrusted files are read through ``safety``; refusals are ``ExchangeFileError`` (exit code 7).
"""
from .codebook_xml import import_qdc, write_qdc
from .project_export import write_qdpx
from .project_import import import_qdpx, new_from_qdpx
from .report import Report
from .safety import ExchangeFileError

__all__ = ["import_qdc", "write_qdc", "write_qdpx", "import_qdpx", "new_from_qdpx", "Report", "ExchangeFileError"]
