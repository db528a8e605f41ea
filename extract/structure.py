"""Claims that noun phrases carry by their shape: ``located_in`` and ``represents``.

- ``located_in``: "the Alabuga zone in Tatarstan" (a facility or place with an "in"-phrase),
  "Russia's Tatarstan Republic" (a possessor), "Kursk, a region of Russia" (apposition), and
  a gazetteer containment the name itself shows ("the Russian Far East").
- ``represents``: office holders with a title ("Russian Foreign Minister Sergei Lavrov",
  "North Korea's foreign minister, Choe Son Hui", "President Vladimir Putin" backed by the
  gazetteer), and state bodies owned by a state ("South Korea's intelligence service").
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from alliance_graph.extract.actors import Mention
from alliance_graph.extract.frames import Arg, Context, Finding, resolve

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

_CONTAINERS = ("Place", "State")
_LOCATED = ("Place", "Facility")
_STATE_SIDE = ("State", "Bloc")


def structural_findings(ctx: Context) -> list[Finding]:
    findings: list[Finding] = []
    for mention in ctx.mentions:
        if mention.kind in ("pronoun",):
            continue
        span = ctx.doc[mention.start:mention.end]
        if mention.type in _LOCATED and mention.kind not in ("metonym", "demonym"):
            findings += _located_in(mention, span, ctx)
        if mention.type == "Person":
            findings += _person_represents(mention, span, ctx)
        elif mention.type == "Organization":
            findings += _body_represents(mention, span, ctx)
    return findings


def _arg(mention: Mention, token: Token) -> Arg:
    return Arg(mention, token.i)


def _located_in(mention: Mention, span: Span, ctx: Context) -> list[Finding]:
    root = span.root
    found: list[Finding] = []
    containers: list[tuple[Arg, str]] = []
    owners = [root]
    if root.dep_ == "compound" and root.head.i not in ctx.index:
        owners.append(root.head)  # "Russia's Bashkortostan Republic": the name is a compound
    for child in [c for owner in owners for c in owner.children]:
        if child.dep_ == "prep" and child.lower_ in ("in", "inside") :
            for obj in child.children:
                if obj.dep_ == "pobj" and obj.i in ctx.index:
                    inner = ctx.index[obj.i]
                    if inner.kind != "metonym":
                        containers.append((Arg(inner, obj.i), "located_in:in"))
        elif child.dep_ == "poss" and child.i < span.start and child.i in ctx.index:
            containers.append((Arg(ctx.index[child.i], child.i), "located_in:poss"))
        elif child.dep_ == "appos":
            # "Kursk, a region of Russia"; "Zabaikalsk, a border town in Zabaykalsky Krai"
            inner = ctx.index.get(child.i)
            args = [Arg(inner, child.i)] if inner is not None else []
            args += [Arg(ctx.index[c.i], c.i) for c in child.children if c.dep_ == "poss" and c.i in ctx.index]
            for prep in child.children:
                if prep.dep_ == "prep" and prep.lower_ in ("of", "in"):
                    args += [Arg(ctx.index[o.i], o.i) for o in prep.children
                             if o.dep_ == "pobj" and o.i in ctx.index and ctx.index[o.i].kind != "metonym"]
            for arg in args:
                containers.append((arg, "located_in:appos"))
    for arg, rule in containers:
        if arg.mention.type in _CONTAINERS and arg.mention.label != mention.label:
            found.append(Finding(_arg(mention, root), "located_in", arg, root.i, 0.85, rule))
    shown = _container_in_name(mention, span, ctx, "located_in")
    if shown is not None:
        found.append(Finding(_arg(mention, root), "located_in", shown, root.i, 0.8, "located_in:name"))
    return found


def _container_in_name(mention: Mention, span: Span, ctx: Context, key: str) -> Arg | None:
    """The gazetteer's ``located_in``/``represents`` target when the name as written shows
    it: "the Russian Far East" (Russia), "South Korea's intelligence service" (South Korea)."""
    gazetteer = ctx.gazetteer
    actor = gazetteer.actors.get(mention.label) if gazetteer is not None else None
    target = getattr(actor, key, None) if actor is not None else None
    container = gazetteer.actors.get(target) if target else None  # type: ignore[union-attr]
    if container is None:
        return None
    text = span.text.lower().replace("\u2019", "'")
    forms = {form.lower() for form, _kind in container.surface_forms()}
    if not any(_contains_word(text, form) for form in forms):
        return None
    target_mention = Mention(span.start, span.end, container.label, container.type, "alias",
                             container.qid, None, span.text)
    return Arg(target_mention, span.root.i)


def _contains_word(text: str, form: str) -> bool:
    import re

    return re.search(r"(?<!\w)" + re.escape(form) + r"(?!\w)", text) is not None


def _title_tokens(span: Span, ctx: Context) -> list[Token]:
    """The words of a person's title: left modifiers, or the noun the name is in apposition to."""
    root = span.root
    tokens = [t for child in root.children if child.i < span.start and child.dep_ in ("compound", "amod", "nmod", "poss")
              for t in child.subtree]
    if root.dep_ == "appos" and root.head.pos_ in ("NOUN", "PROPN"):
        head = root.head
        tokens += [t for t in head.subtree if t.i < root.i and t.i not in range(span.start, span.end)]
    for child in root.children:
        if child.dep_ == "appos" and child.pos_ in ("NOUN", "PROPN") and child.i not in ctx.index:
            tokens += list(child.subtree)
    return tokens


def _person_represents(mention: Mention, span: Span, ctx: Context) -> list[Finding]:
    lex = ctx.lexicon
    tokens = _title_tokens(span, ctx)
    titled = any(t.lower_ in lex.title_words for t in tokens)
    if not titled:
        return []
    root = span.root
    states = []
    for token in tokens:
        inner = ctx.index.get(token.i)
        if inner is not None and inner.type in (*_STATE_SIDE, "Organization") and inner.label != mention.label:
            states.append(Arg(inner, token.i))
    found: list[Finding] = []
    gazetteer = ctx.gazetteer
    if gazetteer is not None:
        # "Russian Security Council Secretary Sergei Shoigu": the body's state, when known
        for i, arg in enumerate(states):
            body = gazetteer.actors.get(arg.mention.label)
            if arg.mention.type == "Organization" and body is not None and body.represents \
                    and body.represents in gazetteer.actors:
                state = gazetteer.actors[body.represents]
                states[i] = Arg(Mention(arg.mention.start, arg.mention.end, state.label, state.type,
                                        "alias", state.qid, None, arg.mention.text), arg.token_i)
    if states:
        states.sort(key=lambda a: a.mention.type != "State")
        first = states[0]
        found.append(Finding(_arg(mention, root), "represents", first, root.i, 0.9, "represents:title"))
        return found
    actor = gazetteer.actors.get(mention.label) if gazetteer is not None else None
    if actor is not None and actor.represents:
        target_actor = gazetteer.actors.get(actor.represents)  # type: ignore[union-attr]
        if target_actor is not None:
            target = Mention(span.start, span.end, target_actor.label, target_actor.type, "alias",
                             target_actor.qid, None, span.text)
            found.append(Finding(_arg(mention, root), "represents", Arg(target, root.i), root.i,
                                 0.85, "represents:gazetteer"))
    return found


def _body_represents(mention: Mention, span: Span, ctx: Context) -> list[Finding]:
    lex = ctx.lexicon
    root = span.root
    shown = _container_in_name(mention, span, ctx, "represents")
    if shown is not None:
        return [Finding(_arg(mention, root), "represents", shown, root.i, 0.85, "represents:name")]
    words = {t.lower_ for t in span}
    if not words & lex.state_bodies:
        return []
    owners: list[Arg] = []
    for token in span:
        for child in token.children:
            if child.i < span.start and child.dep_ in ("poss", "amod", "compound", "nmod") \
                    and child.i in ctx.index:
                owners.append(Arg(ctx.index[child.i], child.i))
    if not owners:
        # a demonym inside the name: "Russian Defense Ministry"
        for token in span:
            inner = ctx.index.get(token.i)
            if inner is not None and inner is not mention and inner.type in _STATE_SIDE:
                owners.append(Arg(inner, token.i))
    found = []
    for owner in owners:
        if owner.mention.type in _STATE_SIDE and owner.mention.label != mention.label:
            found.append(Finding(_arg(mention, root), "represents", owner, root.i, 0.85, "represents:body"))
            break
    return found
