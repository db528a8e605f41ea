"""One JSON object per line: the parsing shared by the gold and gazetteer readers."""
from __future__ import annotations

import json
from typing import Any


def parse_object_line(raw: str, where: str, error: type[Exception]) -> dict[str, Any]:
    """The JSON object on one line, or ``error`` naming ``where`` (file and line).

    Examples
    --------
    >>> parse_object_line('{"label": "Iran"}', "g.jsonl:1", ValueError)
    {'label': 'Iran'}
    >>> parse_object_line('[1]', "g.jsonl:2", ValueError)
    Traceback (most recent call last):
    ...
    ValueError: g.jsonl:2: expected a JSON object
    """
    try:
        value = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise error(f"{where}: not valid JSON ({exc.msg})") from None
    if not isinstance(value, dict):
        raise error(f"{where}: expected a JSON object")
    return value
