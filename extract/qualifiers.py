"""Qualifiers of a claim read off its predicate: modality, attribution, quantity, resource, date.

Pure functions over spaCy tokens. Cue words come from the [qualifiers] table of the lexicon.
"""
from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from typing import TYPE_CHECKING

from alliance_graph.extract.actors import sentence_of

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from alliance_graph.extract.frames import Context

_MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): number for number, name in enumerate(calendar.month_abbr) if name})
_MONTHS.pop("may", None)
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]  # "May" alone is ambiguous with the modal; only with a year or day
_MONTH_RE = "|".join(sorted((re.escape(m) for m in [*_MONTHS, "may"]), key=len, reverse=True))
_CLAUSE_DEPS = ("ccomp", "xcomp", "advcl", "conj", "relcl", "acl", "pcomp", "dobj", "pobj",
                "prep", "nsubj", "nsubjpass", "attr", "appos", "oprd", "dative", "agent", "amod",
                "compound", "npadvmod", "nmod", "poss")


def _chain(token: Token) -> list[Token]:
    """The predicate and the words it hangs from, up to the sentence root."""
    chain = [token]
    while chain[-1].head.i != chain[-1].i and len(chain) < 12:
        chain.append(chain[-1].head)
    return chain


def _local_chain(token: Token) -> list[Token]:
    """The predicate and its governors within one clause (stops at a reporting/ccomp edge)."""
    chain = [token]
    current = token
    while current.head.i != current.i and current.dep_ in ("xcomp", "conj", "dobj", "pobj", "prep",
                                                              "pcomp", "acl", "advcl", "attr", "nsubj",
                                                              "nsubjpass", "compound", "amod", "appos"):
        if current.dep_ == "advcl" and any(c.dep_ == "mark" for c in current.children):
            break  # "..., as the Far East turns to Chinese money": its own clause
        current = current.head
        chain.append(current)
        if len(chain) > 8:
            break
    return chain


def modality(pred: Token, ctx: Context) -> tuple[str, str | None]:
    """(modality, the cue that decided it)."""
    lex = ctx.lexicon
    sent = sentence_of(pred)
    local = _local_chain(pred)
    for token in local:
        for child in token.children:
            if child.dep_ == "neg" or (child.dep_ == "det" and child.lower_ == "no" and token is pred):
                return "negated", child.text
            if child.lower_ == "never" and child.dep_ in ("neg", "advmod"):
                return "negated", child.text
        if token.dep_ == "conj" and token.pos_ in ("VERB", "AUX"):
            break  # "has not joined the measures and continues to buy": a clause of its own
    below = pred
    for token in _chain(pred)[1:]:
        # "denied providing", "refused to sell", "halted exports" -- not "disputed X and said Y"
        if token.lemma_.lower() in lex.words("negation_verbs") and token.pos_ == "VERB" \
                and below.dep_ in ("ccomp", "xcomp", "dobj", "pcomp", "prep", "pobj", "nsubjpass"):
            return "negated", token.text
        if below.dep_ == "relcl":
            break  # "vetoed the renewal of the panel that had tracked X": the panel did track X
        below = token
    for token in _local_chain(pred):
        if token.dep_ == "pcomp" and token.head.lower_ in lex.words("negation_preps"):
            return "negated", token.head.text
    if sent.text.rstrip().rstrip('"\u201d\u2019').endswith("?"):
        return "possible", "?"  # "Could Beijing ever send troops to Ukraine?"
    for token in _chain(pred)[1:]:
        if token.lemma_.lower() in lex.words("speculation_verbs") and token.pos_ == "VERB":
            return "possible", token.text  # "Some fear that Iran will supply ..."
    for token in local:
        for child in token.children:
            lower = child.lower_
            if child.dep_ == "mark" and lower in lex.words("condition_marks"):
                return "possible", child.text
        if token is not pred and token.lemma_.lower() in lex.words("request_verbs") and token.pos_ == "VERB":
            return "possible", token.text
    for token in local:
        for child in token.children:
            lower = child.lower_
            if child.dep_ == "aux" and lower in lex.words("possible_modals"):
                return "possible", child.text
            if child.dep_ in ("advmod", "amod") and lower in lex.words("possible_words"):
                return "possible", child.text
    for token in local:
        for child in token.children:
            if child.dep_ == "aux" and child.lower_ in lex.words("planned_modals"):
                return "planned", child.text
        if token is not pred and token.lemma_.lower() in lex.words("planned_verbs") and token.pos_ == "VERB":
            return "planned", token.text
        if token is not pred and token.lemma_.lower() in lex.words("planned_nouns"):
            if any(c.dep_ in ("det", "neg") and c.lower_ in ("no", "not") for c in token.children):
                return "negated", token.text  # "has no plans to deploy troops"
            return "planned", token.text
    cue = _report_cue(pred, sent, ctx)
    if cue is not None:
        return "reported", cue
    return "asserted", None


# How the reported content hangs from the reporting word: "said (that) X" (ccomp), "confirmed
# the involvement ..." (dobj), "X, Y said" (parataxis), "reports of X" (prep). Adjuncts
# ("said after talks ...") and coordinated clauses ("said ..., but continues ...") are no content.
_CONTENT_DEPS = ("ccomp", "dobj", "xcomp", "parataxis", "nsubjpass", "prep", "acl")


def _reporting_governor(pred: Token, ctx: Context) -> Token | None:
    """The reporting verb or noun whose *content* the predicate is ('X said that ...')."""
    lex = ctx.lexicon
    verbs, nouns = lex.words("report_verbs"), lex.words("report_nouns")
    below = pred
    for token in _chain(pred)[1:]:
        lemma = token.lemma_.lower()
        content = below.dep_ in _CONTENT_DEPS and (
            below.dep_ not in ("prep", "acl") or token.pos_ == "NOUN"
            # "accused China of supplying ...": the gerund under the preposition is the content
            or (below.dep_ == "prep" and any(c.dep_ == "pcomp" for c in below.children)))
        if ((lemma in verbs and token.pos_ == "VERB") or (lemma in nouns and token.pos_ == "NOUN")) and content:
            return token
        below = token
    return None


def is_prescriptive(pred: Token, ctx: Context) -> bool:
    """'Moscow must/should/needs to ...': a recommendation, not a claim about the world."""
    lex = ctx.lexicon
    modals, verbs = lex.words("prescriptive_modals"), lex.words("prescriptive_verbs")
    for token in _local_chain(pred):
        if any(c.dep_ == "aux" and c.lower_ in modals for c in token.children):
            return True
        if token is not pred and token.lemma_.lower() in verbs and token.pos_ == "VERB":
            return True
    return False


def is_open_question(pred: Token, ctx: Context) -> bool:
    """'has not disclosed what, if anything, it will pay X', 'declined to say how many troops
    it would send', 'it is unclear whether X will supply Y': the predicate is in a question
    left open, so the sentence states nothing about it."""
    lex = ctx.lexicon
    clause = _local_chain(pred)[-1]
    if clause.dep_ not in ("ccomp", "csubj", "xcomp"):
        return False
    opening = next((t for t in clause.subtree if not t.is_punct), clause)
    if opening.lower_ not in lex.words("question_words") or opening.i > pred.i:
        return False
    governor = clause.head
    governors = [governor, governor.head] if governor.dep_ == "xcomp" else [governor]
    negation_verbs, unknown = lex.words("negation_verbs"), lex.words("unknown_words")
    for token in governors:
        if any(c.dep_ == "neg" for c in token.children) or token.lemma_.lower() in negation_verbs:
            return True  # "has not disclosed what ...", "declined to say how many ..."
        if token.lemma_.lower() in unknown or any(
                c.dep_ == "acomp" and c.lemma_.lower() in unknown for c in token.children):
            return True  # "it is unclear whether ..."
    return False


def _report_cue(pred: Token, sent: Span, ctx: Context) -> str | None:
    lex = ctx.lexicon
    words = lex.words("report_words")
    for token in sent:
        if token.lower_ in words:
            return token.text
    text = sent.text.lower()
    if "according to" in text:
        return "according to"
    governor = _reporting_governor(pred, ctx)
    if governor is not None:
        return governor.text
    # "X are reported to be constructing"
    for token in _local_chain(pred):
        if token.lemma_.lower() in lex.words("report_verbs") and any(c.dep_ == "auxpass" for c in token.children):
            return token.text
    return None


def attribution(pred: Token, ctx: Context) -> str | None:
    """Who says so: 'according to X', the subject of a reporting verb above, or 'citing X'."""
    sent = sentence_of(pred)
    for token in sent:
        if token.lower_ == "according" and token.i + 1 < sent.end and sent.doc[token.i + 1].lower_ == "to":
            prep = sent.doc[token.i + 1]
            for obj in prep.children:
                if obj.dep_ == "pobj":
                    return _phrase_text(obj, ctx)
                if obj.dep_ == "pcomp":  # "according to Japanese media citing diplomats"
                    subjects = [c for c in obj.children if c.dep_ == "nsubj"]
                    if subjects:
                        return _phrase_text(subjects[0], ctx)
    governor = _reporting_governor(pred, ctx)
    if governor is not None and governor.pos_ == "VERB":
        subjects = [c for c in governor.children if c.dep_ in ("nsubj",)]
        if subjects and subjects[0].pos_ != "PRON":
            return _phrase_text(subjects[0], ctx)
    for token in sent:
        if token.lower_ == "citing":
            for obj in token.children:
                if obj.dep_ == "dobj":
                    return _phrase_text(obj, ctx)
    return None


def _phrase_text(head: Token, ctx: Context) -> str:
    """The noun phrase of ``head`` without trailing clauses ('Japanese and Western media')."""
    mention = ctx.index.get(head.i)
    if mention is not None and mention.kind not in ("demonym",) and not [c for c in head.children if c.dep_ == "conj"]:
        return mention.label
    keep = {head.i}
    for token in head.subtree:
        if token.i == head.i:
            continue
        path = token
        ok = True
        while path.i != head.i:
            if path.dep_ in ("acl", "relcl", "advcl", "punct", "appos") and path.head.i == head.i \
                    and path.i > head.i:
                ok = False
                break
            path = path.head
        if ok:
            keep.add(token.i)
    tokens = [ctx.doc[i] for i in sorted(keep)]
    while tokens and (tokens[-1].is_punct or tokens[-1].dep_ == "cc"):
        tokens.pop()
    while tokens and tokens[0].dep_ == "det":
        tokens.pop(0)
    if not tokens:
        return head.text
    return ctx.doc[tokens[0].i:tokens[-1].i + 1].text


def quantity(theme_tokens: list[Token], ctx: Context) -> str | None:
    """'25,000' for 'up to 25,000 workers'; 'thousands' for 'thousands of troops'."""
    lex = ctx.lexicon
    for theme in theme_tokens:
        if theme.ent_type_ == "MONEY":
            money = [e for e in sentence_of(theme).ents if e.start <= theme.i < e.end]
            if money:
                return money[0].text  # "$5 billion"
        for child in theme.children:
            if child.dep_ == "nummod" or (child.like_num and child.dep_ in ("amod", "compound", "quantmod")):
                return child.text
        # "thousands of troops", "tens of thousands of workers"
        head = theme.head
        if head.dep_ == "prep" and head.lower_ == "of":
            quantity_head = head.head
            if quantity_head.lemma_.lower() in lex.quantity_nouns or quantity_head.pos_ == "NUM":
                if quantity_head.like_num or quantity_head.lemma_.lower() in (
                        "thousand", "hundred", "dozen", "ten", "million", "score"):
                    start = min(t.i for t in quantity_head.subtree)
                    words = [t for t in ctx.doc[start:head.i] if not t.is_punct and t.dep_ != "det"]
                    return " ".join(t.text for t in words) or quantity_head.text
    return None


def resource(theme_tokens: list[Token], ctx: Context) -> str | None:
    """The theme nouns with their compounds: 'artillery shells', 'long-term leases'."""
    names: list[str] = []
    for theme in theme_tokens:
        if (theme.i in ctx.index and ctx.index[theme.i].type != "Product") or theme.ent_type_ == "MONEY":
            continue
        compounds = [c for c in theme.children if c.dep_ == "compound" and c.i < theme.i
                     and c.i not in ctx.index]
        start = min((t.i for c in compounds for t in c.subtree), default=theme.i)
        words = ctx.doc[start:theme.i + 1].text
        name = words if theme.pos_ == "PROPN" else words.lower()
        if name not in names:
            names.append(name)
    return ", ".join(names) or None


# --------------------------------------------------------------------------- dates

def date_entity(pred: Token, ctx: Context) -> Span | None:
    """The DATE entity that modifies the predicate or a word it hangs from.

    A date inside a coordinated clause ("... and was received three days later") belongs to
    that clause, not to the predicate; the date closest to the predicate wins.
    """
    ancestors = {t.i: depth for depth, t in enumerate(_chain(pred))}
    best: tuple[int, Span] | None = None
    for ent in sentence_of(pred).ents:
        if ent.label_ != "DATE":
            continue
        head, hops = ent.root, 0
        while head.i not in ancestors and head.head.i != head.i and head.dep_ != "conj" and hops < 12:
            head, hops = head.head, hops + 1
        if head.i not in ancestors:
            continue
        score = ancestors[head.i] * 10 + hops
        if best is None or score < best[0]:
            best = (score, ent)
    return best[1] if best else None


def resolve_date(text: str, published: str | None, preceding: str = "") -> str | None:
    """ISO 8601 for a DATE expression; relative ones need the article's ``published`` date.

    Examples
    --------
    >>> resolve_date("June 15, 2024", None)
    '2024-06-15'
    >>> resolve_date("August 2024", None)
    '2024-08'
    >>> resolve_date("last month", "2025-03-10")
    '2025-02'
    >>> resolve_date("September", "2025-03-10")
    '2024-09'
    """
    base = _parse_iso(published)
    raw = " ".join(text.lower().replace(",", " ").split())
    raw = re.sub(r"^(the|early|late|mid|mid-|since|in|on|by|until|from|this past|the past)\s+", "", raw)
    raw = re.sub(r"^(early|late|mid|the end of|the start of|the beginning of)\s+", "", raw)
    raw = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", raw)
    match = re.fullmatch(r"(\d{4})-(\d{2})(?:-(\d{2}))?", raw)
    if match:
        return raw
    match = re.fullmatch(rf"({_MONTH_RE})\.? (\d{{1,2}}) (\d{{4}})", raw) or \
        re.fullmatch(rf"(\d{{1,2}}) ({_MONTH_RE})\.? (\d{{4}})", raw)
    if match:
        groups = match.groups()
        month_name, day = (groups[0], groups[1]) if not groups[0].isdigit() else (groups[1], groups[0])
        return _iso(int(groups[2]), _month(month_name), int(day))
    match = re.fullmatch(rf"(?:of )?({_MONTH_RE})\.?(?: of)? (\d{{4}})", raw)
    if match:
        return f"{int(match.group(2)):04d}-{_month(match.group(1)):02d}"
    match = re.fullmatch(r"(?:spring|summer|autumn|fall|winter|the spring|the summer)?(?: of)? ?(\d{4})", raw)
    if match:
        return match.group(1)
    if base is None:
        return None
    match = re.fullmatch(rf"({_MONTH_RE})\.? (\d{{1,2}})", raw) or re.fullmatch(rf"(\d{{1,2}}) ({_MONTH_RE})", raw)
    if match:
        groups = match.groups()
        month_name, day = (groups[0], groups[1]) if not groups[0].isdigit() else (groups[1], groups[0])
        month = _month(month_name)
        year = base.year if month <= base.month else base.year - 1
        return _iso(year, month, int(day))
    match = re.fullmatch(rf"({_MONTH_RE})", raw)
    if match and raw != "may":
        month = _month(raw)
        year = base.year if month <= base.month else base.year - 1
        return f"{year:04d}-{month:02d}"
    if raw in ("today", "this week"):
        return base.isoformat()
    if raw in _WEEKDAYS:  # news convention: "on Wednesday" is the last Wednesday up to publication
        back = (base.weekday() - _WEEKDAYS.index(raw)) % 7
        return (base - timedelta(days=back)).isoformat()
    if raw == "yesterday":
        return (base - timedelta(days=1)).isoformat()
    if raw in ("last year", "a year ago", "the previous year"):
        return f"{base.year - 1:04d}"
    if raw in ("this year", "earlier this year"):
        return f"{base.year:04d}"
    if raw in ("last month", "a month ago", "the previous month"):
        first = base.replace(day=1) - timedelta(days=1)
        return f"{first.year:04d}-{first.month:02d}"
    if raw in ("this month", "earlier this month"):
        return f"{base.year:04d}-{base.month:02d}"
    if raw == "last week":
        return (base - timedelta(days=7)).isoformat()
    return None


def _month(name: str) -> int:
    return 5 if name.startswith("may") else _MONTHS[name.rstrip(".")]


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _parse_iso(published: str | None) -> date | None:
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None
