"""Reading REFI-QDA files from other machines without trusting them.

* XML: lxml with entity resolution, DTD loading and network access off, and no huge
  trees; a document that declares a DOCTYPE or entities at all is refused (REFI-QDA
  files never need one, and refusing is simpler than proving an expansion safe).
* Zip (.qdpx): entry names are only ever looked up, never extracted to disk, and any
  name that is absolute or climbs out (``..``) makes the whole file refused (zip-slip);
  there are limits on the number of entries and on the declared AND the actually read
  uncompressed size of each entry and of the whole (zip bombs; a declared size can lie).
"""
from __future__ import annotations

import posixpath
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from ..errors import UserError

MAX_ENTRIES = 10_000
MAX_ENTRY_BYTES = 2**31 - 1  # the spec's limit for one internal file
MAX_TOTAL_BYTES = 4 * 2**30  # all entries together, uncompressed
MAX_XML_BYTES = 256 * 2**20  # project.qde / .qdc
CHUNK = 1 << 20


class ExchangeFileError(UserError):
    """A REFI-QDA file (.qdc/.qdpx/.qde) that is unreadable, unsafe or not REFI-QDA."""

    exit_code = 7


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                           huge_tree=False, remove_comments=True, remove_pis=True)


def parse_xml(data: bytes, name: str) -> etree._Element:
    """The root element of an untrusted XML document, or ExchangeFileError saying why not."""
    if len(data) > MAX_XML_BYTES:
        raise ExchangeFileError(f"{name}: the XML is larger than {MAX_XML_BYTES >> 20} MB; refused.")
    head = data[:65536].upper()
    if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
        raise ExchangeFileError(f"{name} declares a DOCTYPE or XML entities, which REFI-QDA files never do; "
                                "refused (possible entity-expansion or external-entity attack).")
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        raise ExchangeFileError(f"{name} is not well-formed XML ({str(exc).splitlines()[0][:120]}).") from None
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None or docinfo.externalDTD is not None:
        raise ExchangeFileError(f"{name} declares a DOCTYPE, which REFI-QDA files never do; refused.")
    return root


def local(tag) -> str:
    """The element's name without its namespace ('' for comments and the like)."""
    return etree.QName(tag).localname if isinstance(tag, str) else ""


@dataclass
class Package:
    """An opened exchange file: the XML, and the files under sources/ found by name."""

    name: str
    xml: bytes
    zip: zipfile.ZipFile | None = None
    sources: dict[str, zipfile.ZipInfo] = field(default_factory=dict)  # lower-case file name -> entry
    total_read: int = 0

    def has_source(self, file_name: str) -> bool:
        return file_name.lower() in self.sources

    def read_source(self, file_name: str) -> bytes:
        """One file of sources/, read with its declared and actual size checked."""
        info = self.sources.get(file_name.lower())
        if info is None or self.zip is None:
            raise KeyError(file_name)
        data = _read_entry(self.zip, info, self.name, MAX_TOTAL_BYTES - self.total_read)
        self.total_read += len(data)
        return data

    def close(self) -> None:
        if self.zip is not None:
            self.zip.close()
            self.zip = None


def _read_entry(zf: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, budget: int) -> bytes:
    limit = min(info.file_size, MAX_ENTRY_BYTES, budget)
    if info.file_size > limit:
        raise ExchangeFileError(f"{name}: {info.filename} declares {info.file_size:,} bytes uncompressed, "
                                "over the limit; refused (zip bomb?).")
    out = bytearray()
    try:
        with zf.open(info) as fh:
            while True:
                chunk = fh.read(CHUNK)
                if not chunk:
                    break
                out += chunk
                if len(out) > limit:  # more than it declared: the header lies
                    raise ExchangeFileError(f"{name}: {info.filename} holds more data than it declares; "
                                            "refused (zip bomb?).")
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as exc:
        raise ExchangeFileError(f"{name}: {info.filename} cannot be read ({exc}).") from None
    return bytes(out)


def _safe_name(entry: str) -> str | None:
    """The entry's path if it stays inside the archive, else None."""
    if "\x00" in entry:
        return None
    path = entry.replace("\\", "/")
    if path.startswith("/") or (len(path) > 1 and path[1] == ":"):
        return None
    norm = posixpath.normpath(path)
    if norm == ".." or norm.startswith("../") or "/../" in f"/{path}/":
        return None
    return norm


def open_package(path: str | Path) -> Package:
    """Open a .qdpx (zip with project.qde and sources/) or a bare .qde/.qdc XML file."""
    path = Path(path)
    name = path.name
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ExchangeFileError(f"Cannot read {path}: {exc.strerror}.") from None
    if not zipfile.is_zipfile(path):
        if path.suffix.lower() == ".qdpx":
            raise ExchangeFileError(f"{name} is not a .qdpx file (not a zip archive).")
        if size > MAX_XML_BYTES:
            raise ExchangeFileError(f"{name} is larger than {MAX_XML_BYTES >> 20} MB; refused.")
        return Package(name, path.read_bytes())
    try:
        zf = zipfile.ZipFile(path)
        infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ExchangeFileError(f"{name} is a damaged zip archive ({exc}).") from None
    try:
        if len(infos) > MAX_ENTRIES:
            raise ExchangeFileError(f"{name} has {len(infos):,} entries (limit {MAX_ENTRIES:,}); refused.")
        declared = sum(i.file_size for i in infos)
        if declared > MAX_TOTAL_BYTES:
            raise ExchangeFileError(f"{name} declares {declared:,} bytes uncompressed (limit {MAX_TOTAL_BYTES:,}); "
                                    "refused (zip bomb?).")
        qde, sources = None, {}
        for info in infos:
            norm = _safe_name(info.filename)
            if norm is None:
                raise ExchangeFileError(f"{name} has an entry whose name leaves the archive ({info.filename!r}); "
                                        "refused (zip-slip).")
            if info.is_dir():
                continue
            folder, _, base = norm.rpartition("/")
            if norm.lower() == "project.qde":
                qde = info
            elif folder.lower() == "sources" and base:
                sources[base.lower()] = info
        if qde is None:
            raise ExchangeFileError(f"{name} has no project.qde: not a REFI-QDA project.")
        if qde.file_size > MAX_XML_BYTES:
            raise ExchangeFileError(f"{name}: project.qde declares {qde.file_size:,} bytes; refused.")
        xml = _read_entry(zf, qde, name, MAX_XML_BYTES)
    except BaseException:
        zf.close()
        raise
    return Package(name, xml, zf, sources, len(xml))
