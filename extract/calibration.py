"""Confidence calibrated on gold: how often claims of one kind turned out right.

A claim's confidence is ``rule strength x entity certainty x hedging weight``. The rule
strength is measured, not guessed: for each kind of claim (relation, subject type, object
type) ``data/calibration.json`` counts how many of the claims the extractor made on the
development gold sets matched a gold claim. Few measurements fall back smoothly to the
frame's own ``strength`` from the lexicon::

    strength = (matched + K * frame_strength) / (predicted + K)

``eval/calibrate.py`` regenerates the file after the rules change.
"""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

# How many measured claims weigh as much as the frame's own strength.
PRIOR_WEIGHT = 5.0


def bucket_key(relation: str, subject_type: str | None, object_type: str | None) -> str:
    """The calibration key of a kind of claim.

    Examples
    --------
    >>> bucket_key("represents", "Person", "State")
    'represents|Person|State'
    """
    return f"{relation}|{subject_type or '-'}|{object_type or '-'}"


@lru_cache(maxsize=1)
def calibration_table() -> dict[str, Any]:
    """The shipped counts (empty when the package has none)."""
    try:
        text = resources.files("alliance_graph.extract").joinpath("data/calibration.json").read_text("utf-8")
    except FileNotFoundError:
        return {"buckets": {}}
    return json.loads(text)


def calibrated_strength(relation: str, subject_type: str | None, object_type: str | None,
                        frame_strength: float, table: dict[str, Any] | None = None) -> float:
    """The measured precision of this kind of claim, smoothed toward ``frame_strength``.

    Examples
    --------
    >>> table = {"buckets": {"attacks|State|Place": [18, 20]}}
    >>> round(calibrated_strength("attacks", "State", "Place", 0.8, table), 3)
    0.88
    >>> calibrated_strength("attacks", "Person", "Place", 0.8, table)
    0.8
    """
    counts = (table if table is not None else calibration_table())["buckets"].get(
        bucket_key(relation, subject_type, object_type))
    if not counts:
        return frame_strength
    matched, predicted = counts
    return (matched + PRIOR_WEIGHT * frame_strength) / (predicted + PRIOR_WEIGHT)
