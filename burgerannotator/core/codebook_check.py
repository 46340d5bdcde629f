"""Is a codebook JSON file one we can import? Checked before any project file is made.

The shape is a JSON Schema (``resources/codebook/codebook.schema.json``) validated by
the maintained ``jsonschema`` library; what a schema cannot say (ids unique across the
tree, so no code can become its own ancestor) is checked here. Every refusal is one
line naming the file and the path of the bad field, e.g. ``categories[0].codes[2].color``.
"""
from __future__ import annotations

import json
from functools import lru_cache

from .errors import UserError
from .resources import resource_path

MAX_DEPTH = 32  # a codebook is three levels of codes; anything deeper than this is not one


@lru_cache(maxsize=1)
def _validator():
    from jsonschema import Draft202012Validator

    schema = json.loads(resource_path("codebook", "codebook.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def field_path(parts) -> str:
    out = ""
    for p in parts:
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else str(p))
    return out or "(top level)"


def _depth(data) -> int:
    deepest, stack = 0, [(data, 1)]
    while stack:
        node, d = stack.pop()
        deepest = max(deepest, d)
        if d > MAX_DEPTH:
            return d
        if isinstance(node, dict):
            stack.extend((v, d + 1) for v in node.values())
        elif isinstance(node, list):
            stack.extend((v, d + 1) for v in node)
    return deepest


def parse_codebook(text: str, name: str) -> dict:
    """The codebook in ``text`` (a leading BOM is fine), validated; else UserError in one line."""
    text = text.removeprefix("\ufeff")
    try:
        data = json.loads(text)
    except RecursionError:
        raise UserError(f"{name}: the JSON is nested too deeply to be a codebook.") from None
    except json.JSONDecodeError as exc:
        raise UserError(f"{name} is not a valid codebook JSON file ({exc}).") from None
    check_codebook(data, name)
    return data


def check_codebook(data, name: str) -> None:
    if _depth(data) > MAX_DEPTH:
        raise UserError(f"{name}: the JSON is nested too deeply (over {MAX_DEPTH} levels) to be a codebook.")
    from jsonschema.exceptions import best_match

    error = best_match(_validator().iter_errors(data))
    if error is not None:
        raise UserError(f"{name}: {field_path(error.absolute_path)}: {_short(error.message)}")
    seen: dict[str, str] = {}

    def visit(node: dict, where: str) -> None:
        code_id = str(node.get("id") or node["name"]).strip()
        key = code_id.casefold()
        if key in seen:
            raise UserError(f"{name}: {where}.id: '{code_id}' is already the id of {seen[key]} "
                            "(ids must be unique; a code cannot contain itself).")
        seen[key] = where
        for i, child in enumerate(node.get("codes", [])):
            visit(child, f"{where}.codes[{i}]")

    for i, cat in enumerate(data["categories"]):
        visit(cat, f"categories[{i}]")
    scale_ids: dict[str, int] = {}
    for i, sc in enumerate(data.get("document_scales", [])):
        if sc["id"] in scale_ids:
            raise UserError(f"{name}: document_scales[{i}].id: '{sc['id']}' is already the id of "
                            f"document_scales[{scale_ids[sc['id']]}].")
        scale_ids[sc["id"]] = i


def _short(message: str) -> str:
    message = " ".join(message.split())
    return message if len(message) <= 160 else message[:157] + "..."


__all__ = ["parse_codebook", "check_codebook", "field_path", "MAX_DEPTH"]
