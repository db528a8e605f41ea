"""The actor gazetteer: canonical actors, their surface forms, and spaCy patterns for them.

The data lives in ``data/gazetteer.jsonl`` (package data), one actor per line::

    {"label": "North Korea", "type": "State", "qid": "Q423", "aliases": ["DPRK"],
     "demonyms": ["North Korean"], "metonyms": ["Pyongyang"]}

Optional keys: ``represents`` (the label a person or body acts for), ``titles`` (title words
that precede a person's name) and ``located_in`` (the label of a containing place).
Users extend or correct it with their own JSONL files (``load_gazetteer(extra=[path])``):
an entry whose label already exists is merged into it, a new label is added.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from alliance_graph.errors import GazetteerError
from alliance_graph.extract.object_lines import parse_object_line
from alliance_graph.extract.records import ACTOR_TYPES

SurfaceKind = Literal["label", "alias", "metonym", "demonym"]

# Order matters: when one entry lists the same form twice, the first kind wins.
_SURFACE_KINDS: tuple[SurfaceKind, ...] = ("label", "alias", "metonym", "demonym")
_LIST_FIELDS = ("aliases", "demonyms", "metonyms", "titles")
_KNOWN_KEYS = {"label", "type", "qid", "represents", "located_in", "replace", *_LIST_FIELDS}
_QID = re.compile(r"^Q[1-9][0-9]*$")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'"})
_DASHES = re.compile(r"[\u2010-\u2015\u2212-]")


@dataclass(frozen=True)
class Actor:
    """One canonical actor of the gazetteer."""

    label: str
    type: str
    qid: str | None = None
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    metonyms: tuple[str, ...] = ()
    represents: str | None = None
    titles: tuple[str, ...] = ()
    located_in: str | None = None

    def surface_forms(self) -> list[tuple[str, SurfaceKind]]:
        """Every written form of this actor with its kind, the label first."""
        forms: list[tuple[str, SurfaceKind]] = [(self.label, "label")]
        forms += [(alias, "alias") for alias in self.aliases]
        forms += [(metonym, "metonym") for metonym in self.metonyms]
        forms += [(demonym, "demonym") for demonym in self.demonyms]
        return forms


def fold_accents(text: str) -> str:
    """Drop diacritics ("Erdoğan" -> "Erdogan", "Côte" -> "Cote")."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def normalize_surface(text: str) -> str:
    """The lookup key of a surface form.

    Case, accents, curly apostrophes, periods ("U.S." = "US"), hyphen/space variants
    ("Kim Jong-un" = "Kim Jong Un"), a leading "the" and a trailing possessive are ignored.

    Examples
    --------
    >>> normalize_surface("the DPRK’s")
    'dprk'
    >>> normalize_surface("Kim Jong-un") == normalize_surface("kim jong un")
    True
    """
    key = fold_accents(unicodedata.normalize("NFKC", text)).translate(_APOSTROPHES).lower()
    key = _DASHES.sub(" ", key.replace(".", ""))
    key = " ".join(key.split())
    if key.endswith("'s"):
        key = key[:-2]
    elif key.endswith("s'"):
        key = key[:-1]
    if key.startswith("the "):
        key = key[4:]
    return key.strip()


class Gazetteer:
    """Actors by canonical label, with a case-insensitive index of every surface form.

    Parameters
    ----------
    actors
        The actors; labels must be unique and no surface form may belong to two actors.

    Raises
    ------
    GazetteerError
        On a duplicate label, an ambiguous surface form, or a ``represents``/``located_in``
        that names no actor.
    """

    def __init__(self, actors: Iterable[Actor]) -> None:
        self.actors: dict[str, Actor] = {}
        for actor in actors:
            if actor.label in self.actors:
                raise GazetteerError(f"Gazetteer: duplicate label {actor.label!r}.")
            self.actors[actor.label] = actor
        self._index: dict[str, tuple[str, SurfaceKind]] = {}
        for actor in self.actors.values():
            for form, kind in actor.surface_forms():
                key = normalize_surface(form)
                if not key:
                    raise GazetteerError(f"Gazetteer: empty surface form in {actor.label!r}.")
                owner = self._index.get(key)
                if owner is None:
                    self._index[key] = (actor.label, kind)
                elif owner[0] != actor.label:
                    raise GazetteerError(
                        f"Gazetteer: {form!r} ({kind} of {actor.label!r}) collides with a "
                        f"{owner[1]} of {owner[0]!r}; a surface form may name only one actor."
                    )
        self._check_references()

    def _check_references(self) -> None:
        for actor in self.actors.values():
            for key in ("represents", "located_in"):
                target = getattr(actor, key)
                if target is not None and target not in self.actors:
                    raise GazetteerError(
                        f"Gazetteer: {actor.label!r} has {key}={target!r}, which is no label "
                        "in the gazetteer."
                    )

    def __len__(self) -> int:
        return len(self.actors)

    def __contains__(self, text: object) -> bool:
        return isinstance(text, str) and self.lookup(text) is not None

    def _find(self, text: str) -> tuple[str, SurfaceKind] | None:
        return self._index.get(normalize_surface(text))

    def lookup(self, text: str) -> Actor | None:
        """The actor a surface form names, or None.

        Examples
        --------
        >>> load_gazetteer().lookup("the Kremlin").label
        'Russia'
        >>> load_gazetteer().lookup("North Koreans").label
        'North Korea'
        """
        found = self._find(text)
        return self.actors[found[0]] if found else None

    def kind_of(self, text: str) -> SurfaceKind | None:
        """Whether ``text`` is an actor's label, alias, metonym or demonym (None if unknown).

        Examples
        --------
        >>> load_gazetteer().kind_of("Pyongyang")
        'metonym'
        """
        found = self._find(text)
        return found[1] if found else None

    def patterns(self, tokenizer: Callable[[str], Any] | None = None) -> list[dict[str, Any]]:
        """spaCy SpanRuler/EntityRuler token patterns for every surface form.

        Each pattern is ``{"label": type, "pattern": [token dicts], "id": canonical label}``.
        Tokens match on ``LOWER``; a token written with capitals must not be all lowercase
        in the text ("Turkey", not "turkey"), an all-capitals token must be all capitals
        ("US", not "us"). Accent-free and hyphen-as-space variants are included.

        Parameters
        ----------
        tokenizer
            Splits a string into tokens with ``.text``; pass ``nlp.tokenizer`` so the patterns
            tokenize exactly like the pipeline. Defaults to a blank English tokenizer.
        """
        if tokenizer is None:
            import spacy

            tokenizer = spacy.blank("en").tokenizer
        patterns: list[dict[str, Any]] = []
        seen: set[tuple[str, tuple[tuple[tuple[str, Any], ...], ...]]] = set()
        for actor in self.actors.values():
            for form, _kind in actor.surface_forms():
                for variant in _written_variants(form):
                    tokens = [_token_pattern(token.text) for token in tokenizer(variant)]
                    key = (actor.label, tuple(tuple(sorted(t.items())) for t in tokens))
                    if tokens and key not in seen:
                        seen.add(key)
                        patterns.append({"label": actor.type, "pattern": tokens, "id": actor.label})
        return patterns


def _written_variants(form: str) -> list[str]:
    """The form, its accent-free spelling, hyphens written as spaces, and typographic apostrophes.

    News text writes "People’s" as often as "People's", and tokens match on exact lowercase.
    """
    variants = [form, fold_accents(form)]
    variants += [" ".join(_DASHES.sub(" ", variant).split()) for variant in variants]
    variants += [variant.replace("'", "\u2019") for variant in variants if "'" in variant]
    return list(dict.fromkeys(variants))


def _token_pattern(text: str) -> dict[str, Any]:
    pattern: dict[str, Any] = {"LOWER": text.lower()}
    letters = [char for char in text if char.isalpha()]
    if len(letters) >= 2 and all(char.isupper() for char in letters):
        pattern["IS_UPPER"] = True
    elif any(char.isupper() for char in letters):
        pattern["IS_LOWER"] = False
    return pattern


def _parse_line(raw: str, source: str, line_number: int) -> dict[str, Any]:
    where = f"{source}, line {line_number}"
    entry = parse_object_line(raw, f"Gazetteer {where}", GazetteerError)
    unknown = set(entry) - _KNOWN_KEYS
    if unknown:
        raise GazetteerError(f"Gazetteer {where}: unknown keys {sorted(unknown)}.")
    label = entry.get("label")
    if not isinstance(label, str) or not label.strip():
        raise GazetteerError(f"Gazetteer {where}: 'label' must be a non-empty string.")
    for key in _LIST_FIELDS:
        values = entry.get(key, [])
        if not isinstance(values, list) or not all(isinstance(v, str) and v.strip() for v in values):
            raise GazetteerError(f"Gazetteer {where} ({label!r}): {key!r} must be a list of strings.")
    for key in ("type", "qid", "represents", "located_in"):
        if entry.get(key) is not None and not isinstance(entry[key], str):
            raise GazetteerError(f"Gazetteer {where} ({label!r}): {key!r} must be a string.")
    qid = entry.get("qid")
    if qid is not None and not _QID.match(qid):
        raise GazetteerError(f"Gazetteer {where} ({label!r}): qid {qid!r} is not like 'Q423'.")
    return entry


def _read_entries(text: str, source: str) -> list[dict[str, Any]]:
    return [
        _parse_line(raw, source, number)
        for number, raw in enumerate(text.splitlines(), start=1)
        if raw.strip() and not raw.lstrip().startswith("#")
    ]


def _read_file(path: str | Path) -> list[dict[str, Any]]:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise GazetteerError(f"Cannot read gazetteer {path}: {error.strerror or error}.") from None
    except UnicodeDecodeError:
        raise GazetteerError(f"Gazetteer {path} is not UTF-8 text.") from None
    return _read_entries(text, str(path))


def _to_actor(entry: dict[str, Any], source: str) -> Actor:
    kind = entry.get("type")
    if kind not in ACTOR_TYPES:
        raise GazetteerError(
            f"Gazetteer {source} ({entry['label']!r}): type {kind!r} is not one of "
            f"{', '.join(ACTOR_TYPES)}."
        )
    return Actor(
        label=entry["label"].strip(),
        type=kind,
        qid=entry.get("qid"),
        aliases=tuple(entry.get("aliases", ())),
        demonyms=tuple(entry.get("demonyms", ())),
        metonyms=tuple(entry.get("metonyms", ())),
        represents=entry.get("represents"),
        titles=tuple(entry.get("titles", ())),
        located_in=entry.get("located_in"),
    )


def _merge(base: Actor, entry: dict[str, Any]) -> Actor:
    """Apply a user's entry to an existing actor: scalars override, lists extend.

    With ``"replace": true`` the lists given replace the shipped ones instead.
    """
    changes: dict[str, Any] = {
        key: entry[key] for key in ("type", "qid", "represents", "located_in") if key in entry
    }
    for key in _LIST_FIELDS:
        if key in entry:
            given = tuple(entry[key])
            changes[key] = given if entry.get("replace") else tuple(dict.fromkeys(getattr(base, key) + given))
    merged = replace(base, **changes)
    if merged.type not in ACTOR_TYPES:
        raise GazetteerError(f"Gazetteer: type {merged.type!r} of {merged.label!r} is not valid.")
    return merged


@lru_cache(maxsize=1)
def _default_entries() -> tuple[Actor, ...]:
    text = resources.files("alliance_graph.extract").joinpath("data/gazetteer.jsonl").read_text("utf-8")
    return tuple(_to_actor(entry, "gazetteer.jsonl") for entry in _read_entries(text, "gazetteer.jsonl"))


@lru_cache(maxsize=1)
def _default_gazetteer() -> Gazetteer:
    return Gazetteer(_default_entries())


def load_gazetteer(path: str | Path | None = None, extra: Sequence[str | Path] = ()) -> Gazetteer:
    """Load the shipped gazetteer (or ``path`` instead of it), extended by ``extra`` files.

    Entries of an extra file whose label already exists are merged into that actor (scalar
    keys override, lists are added to, or replaced with ``"replace": true``); new labels
    are added and need a ``type``.

    Raises
    ------
    GazetteerError
        For a missing or malformed file, an invalid type or QID, a duplicate label, a
        surface form shared by two actors, or a dangling ``represents``/``located_in``.

    Examples
    --------
    >>> gazetteer = load_gazetteer()
    >>> gazetteer.lookup("DPRK").qid
    'Q423'
    """
    if path is None and not extra:
        return _default_gazetteer()
    if path is None:
        base = list(_default_entries())
    else:
        base = [_to_actor(entry, str(path)) for entry in _read_file(path)]
    actors: dict[str, Actor] = {}
    for actor in base:
        if actor.label in actors:
            raise GazetteerError(f"Gazetteer: duplicate label {actor.label!r}.")
        actors[actor.label] = actor
    for extra_path in extra:
        seen_here: set[str] = set()
        for entry in _read_file(extra_path):
            label = entry["label"].strip()
            if label in seen_here:
                raise GazetteerError(f"Gazetteer {extra_path}: duplicate label {label!r}.")
            seen_here.add(label)
            if label in actors:
                actors[label] = _merge(actors[label], entry)
            else:
                actors[label] = _to_actor(entry, str(extra_path))
    return Gazetteer(actors.values())
