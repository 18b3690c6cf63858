"""A small JSON Schema (2020-12) validator for the keywords our summary schema uses, and no others.

Any keyword it does not know makes it fail loudly, so the schema cannot quietly rely on a rule
that nothing here checks.
"""
from __future__ import annotations

import re
from typing import Any

_ANNOTATIONS = {"$schema", "$id", "title", "description", "$defs", "format"}
_TYPES = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
}


def validate(instance: Any, schema: dict[str, Any]) -> list[str]:
    """Every violation as 'path: problem'; an empty list means valid."""
    errors: list[str] = []
    _check(instance, schema, schema, "$", errors)
    return errors


def _resolve(ref: str, root: dict[str, Any]) -> dict[str, Any]:
    if not ref.startswith("#/"):
        raise ValueError(f"only local $ref is supported: {ref}")
    node: Any = root
    for part in ref[2:].split("/"):
        node = node[part]
    return node


def _check(value: Any, schema: dict[str, Any], root: dict[str, Any], path: str,
           errors: list[str]) -> None:
    for key, rule in schema.items():
        if key in _ANNOTATIONS:
            continue
        if key == "$ref":
            _check(value, _resolve(rule, root), root, path, errors)
        elif key == "type":
            kinds = rule if isinstance(rule, list) else [rule]
            if not any(_TYPES[k](value) for k in kinds):
                errors.append(f"{path}: expected {rule}, got {type(value).__name__}")
        elif key == "const":
            if value != rule:
                errors.append(f"{path}: expected {rule!r}")
        elif key == "enum":
            if value not in rule:
                errors.append(f"{path}: {value!r} not in {rule}")
        elif key == "minimum":
            if _TYPES["number"](value) and value < rule:
                errors.append(f"{path}: {value} < {rule}")
        elif key == "pattern":
            if isinstance(value, str) and not re.search(rule, value):
                errors.append(f"{path}: {value!r} does not match {rule}")
        elif key == "required":
            if isinstance(value, dict):
                errors += [f"{path}: missing {k}" for k in rule if k not in value]
        elif key == "properties":
            if isinstance(value, dict):
                for name, sub in rule.items():
                    if name in value:
                        _check(value[name], sub, root, f"{path}.{name}", errors)
        elif key == "additionalProperties":
            if isinstance(value, dict):
                known = set(schema.get("properties", {}))
                for name, item in value.items():
                    if name in known:
                        continue
                    if rule is False:
                        errors.append(f"{path}: unexpected property {name}")
                    elif isinstance(rule, dict):
                        _check(item, rule, root, f"{path}.{name}", errors)
        elif key == "items":
            if isinstance(value, list):
                for i, item in enumerate(value):
                    _check(item, rule, root, f"{path}[{i}]", errors)
        else:
            raise ValueError(f"schema keyword {key!r} at {path} is not checked by this validator")
