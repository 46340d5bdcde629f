"""What the REFI-QDA readers and writers share: namespaces, GUIDs, dates, descriptions."""
from __future__ import annotations

import re
import uuid as _uuid
from datetime import datetime, timezone

from lxml import etree

from ... import __version__

PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
ORIGIN = f"BurgerAnnotator {__version__}"
GUID = re.compile(r"^\{?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\}?$")
COLOUR = re.compile(r"^#([0-9a-fA-F]{6}|[0-9a-fA-F]{3})$")
_NAMESPACE = _uuid.UUID("6f1c4d52-8a1e-4f0e-9b7e-2b5a0f3c9d11")  # BurgerAnnotator's uuid5 namespace


def norm_guid(value: str | None) -> str | None:
    """A GUID as this app stores it (lower case, no braces), or None if it is not one."""
    m = GUID.match((value or "").strip())
    return m.group(1).lower() if m else None


def guid_for(value: str) -> str:
    """Our uuid when it is a GUID, else a stable GUID derived from it."""
    return norm_guid(value) or str(_uuid.uuid5(_NAMESPACE, value))


def derived(base: str, role: str) -> str:
    """A stable GUID for a thing that has no uuid of its own (a segment's coding, a case)."""
    return str(_uuid.uuid5(_NAMESPACE, f"{base}/{role}"))


def xml_date(when: datetime | None) -> str:
    when = when or datetime.now(timezone.utc).replace(tzinfo=None)
    if when.tzinfo is not None:
        when = when.astimezone(timezone.utc).replace(tzinfo=None)
    return when.replace(microsecond=0).isoformat() + "Z"


def parse_date(value: str | None) -> datetime | None:
    """A naive-UTC datetime from an xsd:dateTime, or None."""
    if not value:
        return None
    try:
        when = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if when.tzinfo is not None:
        when = when.astimezone(timezone.utc).replace(tzinfo=None)
    return when


def colour(value: str | None) -> str | None:
    """'#rrggbb' in lower case from '#rgb' or '#rrggbb', or None."""
    m = COLOUR.match((value or "").strip())
    if not m:
        return None
    digits = m.group(1)
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    return "#" + digits.lower()


# ---- a code's description: definition, include, exclude, terms, id ----------------------------
LABELS = (("include", "Include:"), ("exclude", "Exclude:"), ("terms", "Terms:"), ("code_id", "Code id:"))


def compose_description(definition: str, include: str, exclude: str, terms: list | None, code_id: str) -> str:
    """One text other tools show as the code's description; :func:`split_description` reads it back."""
    parts = [definition.strip()] if definition.strip() else []
    if include.strip():
        parts.append(f"Include: {include.strip()}")
    if exclude.strip():
        parts.append(f"Exclude: {exclude.strip()}")
    if terms:
        parts.append("Terms: " + " | ".join(str(t) for t in terms))
    if code_id:
        parts.append(f"Code id: {code_id}")
    return "\n\n".join(parts)


def split_description(text: str | None) -> dict:
    """definition, include, exclude, terms, code_id from a description (the labels are optional)."""
    out = {"definition": "", "include": "", "exclude": "", "terms": [], "code_id": ""}
    free = []
    for para in re.split(r"\n\s*\n", (text or "").replace("\r\n", "\n").strip()):
        for key, label in LABELS:
            if para.startswith(label):
                value = para[len(label):].strip()
                out[key] = [t.strip() for t in value.split(" | ") if t.strip()] if key == "terms" else value
                break
        else:
            if para.strip():
                free.append(para.strip())
    out["definition"] = "\n\n".join(free)
    return out


def sub(parent: etree._Element, tag: str, text: str | None = None, **attrs) -> etree._Element:
    """A child element in the parent's namespace; attributes whose value is None are left out."""
    ns = etree.QName(parent).namespace
    el = etree.SubElement(parent, f"{{{ns}}}{tag}" if ns else tag,
                          {k: clean_text(str(v)) for k, v in attrs.items() if v is not None})
    if text is not None:
        el.text = clean_text(text)
    return el


def clean_text(text: str) -> str:
    """Text XML 1.0 can carry (control characters other than tab/newline/CR dropped)."""
    return re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]", "", text or "")


_SCHEMAS: dict[str, etree.XMLSchema] = {}


def check_schema(root: etree._Element, xsd_name: str) -> None:
    """Refuse to write a file the official schema rejects (a bug here, never the user's data)."""
    from ..errors import UserError
    from ..resources import resource_path

    schema = _SCHEMAS.get(xsd_name)
    if schema is None:
        schema = _SCHEMAS[xsd_name] = etree.XMLSchema(etree.parse(str(resource_path("refi-qda", xsd_name))))
    if not schema.validate(root):
        error = schema.error_log.last_error
        raise UserError(f"Not written: the file would not pass the REFI-QDA schema ({error.message if error else '?'}, "
                        f"line {error.line if error else '?'}); please report this.")
