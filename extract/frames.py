"""Predicate frames from the dependency parse -> raw (subject, relation, object) findings.

For every predicate of the lexicon (a verb, a nominalization such as "deployment", or an
agent noun such as "supplier") the arguments are collected from the dependency tree:

- agent: ``nsubj``; the "by"-phrase of a passive; the possessor, demonym or name modifier of
  a noun; for a verb without a subject, the subject it inherits (``xcomp``, ``conj``,
  purpose clauses, "in rebuilding X" under "the involvement of Y");
- theme: ``dobj``, the passive subject, the "of"-phrase of a noun, a "with"/"for"-phrase;
- recipient/target: the prepositions the frame lists, and datives.

Every slot is expanded over coordination and apposition. The lexicon then decides the
relation from the frame and the class of the theme ("send workers" vs "send shells").
All functions are pure; they read a parsed ``Doc`` and the resolved actor mentions.
"""
from __future__ import annotations

import re

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from alliance_graph.extract.actors import Mention, doc_sentences, sentence_index, sentence_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from alliance_graph.extract.gazetteer import Gazetteer
    from alliance_graph.extract.lexicon import FrameSpec, Lexicon

_SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
_RELATIVE_PRONOUNS = {"that", "which", "who", "whom", "whose"}
_POSSESSIVE_PRONOUNS = {"its", "their", "it", "they", "them"}
_OBJECT_CONTROL = {"help", "allow", "permit", "enable", "force", "ask", "order", "urge",
                   "push", "persuade", "encourage", "assist", "lead"}
_EXCHANGE_NOUNS = {"exchange", "return"}
# Verbs whose object is something the subject resists or suffers, not its own action:
# "Ukraine repelled the attack" must not make Ukraine the attacker.
_COUNTER_VERBS = {"repel", "repulse", "condemn", "deny", "oppose", "fear", "criticize",
                  "criticise", "resist", "survive", "suffer", "face", "withstand", "reject",
                  "denounce", "thwart", "prevent", "block", "investigate", "protest",
                  "endure", "undergo", "counter", "address", "underscore", "reflect",
                  "mark", "symbolize", "represent", "challenge", "test", "undermine",
                  "warn", "fear", "monitor", "watch", "track", "report", "describe", "see",
                  "view", "consider", "question", "doubt", "praise", "hail", "credit",
                  "expect", "await", "welcome", "want", "need", "request", "receive", "get",
                  "accept", "discuss", "study", "analyze", "analyse", "note", "document",
                  "record", "detect", "spot", "intercept", "down", "disrupt", "slow", "hinder",
                  "complicate", "investigate", "examine", "cite", "mention", "fear", "predict",
                  "anticipate", "recall", "remember", "deplore", "regret", "dispute"}
_SYMMETRIC = {"cooperates_with", "trades_with", "meets_with"}
# "what he called Moscow's fight": verbs that name their object
_NAMING_VERBS = {"call", "term", "dub", "describe", "label", "brand"}
# "X responded with sanctions on Y": the subject of these verbs does what the noun names
_RESPONSE_VERBS = {"respond", "react", "retaliate", "reply", "answer", "follow", "hit", "punish",
                   "strike", "counter"}
# verbs whose subject uses what it has been supplied with
_USING_VERBS = {"fire", "use", "launch", "deploy", "field", "operate", "employ", "fly"}
_AIMING_PREPS = ("at", "against", "on", "into", "toward", "towards")
_TRIPS = {"visit", "trip", "tour", "mission", "journey"}
_TALKS = {"talk", "talks", "meeting", "meetings", "summit", "consultation", "consultations"}
_TIME_PREPS = {"following", "after", "during", "since", "before", "upon"}


@dataclass(frozen=True)
class Arg:
    """An actor filling a slot of a frame."""

    mention: Mention
    token_i: int  # where in the sentence the slot was found
    role: str | None = None  # the group noun: "workers", "troops"
    group: str | None = None  # its class when it is a group the lexicon knows (labor/troops)
    via: str = "direct"  # direct | modifier | part ("parts of X") | place ("a plant in X")


@dataclass
class Finding:
    """One (subject, relation, object) read off a frame, before qualifiers."""

    subject: Arg
    relation: str
    object: Arg
    predicate_i: int
    strength: float
    rule: str
    theme_is: list[int] = field(default_factory=list)


@dataclass
class Context:
    """What the frame functions share for one Doc."""

    doc: Doc
    index: dict[int, Mention]
    mentions: list[Mention]
    lexicon: Lexicon
    gazetteer: Gazetteer | None = None


# --------------------------------------------------------------------------- arguments

def _children(token: Token, *deps: str) -> list[Token]:
    return [child for child in token.children if child.dep_ in deps]


def _pobjs(prep: Token) -> list[Token]:
    """The objects of a preposition (with their conjuncts left to the caller); "for what he
    called Moscow's fight" names its object in the naming verb's complement."""
    found = []
    for child in prep.children:
        if child.dep_ == "pcomp" and child.lemma_.lower() in _NAMING_VERBS \
                and any(c.dep_ == "dobj" and c.lower_ == "what" for c in child.children):
            found += _children(child, "oprd") or [child]
        elif child.dep_ in ("pobj", "pcomp", "dobj"):
            found.append(child)
    return found


def _prep_objects(token: Token, preps: Iterable[str]) -> list[Token]:
    wanted = set(preps)
    found: list[Token] = []
    for child in token.children:
        if child.dep_ in ("prep", "agent", "dative") and child.lower_ in wanted:
            found += _pobjs(child)
        elif child.dep_ == "prep" and child.lower_ in ("out", "up") and "of" in wanted:
            found += [p for grand in child.children if grand.dep_ == "prep" for p in _pobjs(grand)]
    return found


def _with_conjuncts(token: Token) -> list[Token]:
    return [token, *[c for c in token.conjuncts if c.i > token.i]]


def resolve(token: Token, ctx: Context, depth: int = 0) -> list[Arg]:
    """The actors an argument head stands for, expanded over conjuncts.

    A conjunct group without its own actor ("1,000 North Korean sappers and 5,000 civilian
    workers") shares the actor of the first conjunct, with its own role.
    """
    if depth > 4:
        return []
    results: list[Arg] = []
    first_group: Arg | None = None
    first_direct: bool | None = None
    conjuncts = _with_conjuncts(token)
    head = ctx.index.get(token.i)
    for appos in _children(token, "appos"):
        # "Biden, Kishida and Yoon met": the parser takes the second name of a list for an
        # apposition to the first; a list goes on with a conjunct of the same kind
        listed = ctx.index.get(appos.i)
        if head is not None and listed is not None and listed.type == head.type \
                and listed.label != head.label and _children(appos, "conj"):
            conjuncts += _with_conjuncts(appos)
    for conjunct in conjuncts:
        if conjunct is not token and any(c.dep_ == "case" for c in conjunct.children):
            continue  # "in Ukraine and Pyongyang's pursuit": a possessor is no conjunct
        found = _resolve_one(conjunct, ctx, depth)
        # a name in apposition to a describing noun ("the lender X") is named directly too
        direct = bool(found) and all(a.token_i == conjunct.i or (a.via == "direct" and a.token_i > conjunct.i)
                                     for a in found)
        if first_direct is None:
            first_direct = direct if found else None
        elif first_direct and found and not direct:
            # "in Ukraine and Pyongyang's pursuit": a conjunct of another kind is a misparse.
            found = []
        if not found and first_group is not None and conjunct.pos_ == "NOUN":
            group = ctx.lexicon.theme_class(conjunct.lemma_.lower())
            if group in ctx.lexicon.groups:
                found = [Arg(first_group.mention, conjunct.i, conjunct.lower_, group)]
        if found and first_group is None and found[0].group is not None:
            first_group = found[0]
        results += found
    return _unique(results)


def _unique(args: list[Arg]) -> list[Arg]:
    seen: set[tuple[str, str | None]] = set()
    unique: list[Arg] = []
    for arg in args:
        key = (arg.mention.label, arg.group)
        if key not in seen:
            seen.add(key)
            unique.append(arg)
    return unique


def _group_class(token: Token, ctx: Context) -> str | None:
    group = ctx.lexicon.theme_class(_phrase(token), token.lemma_.lower(), token.lower_)
    return group if group in ctx.lexicon.groups else None


def _resolve_one(token: Token, ctx: Context, depth: int) -> list[Arg]:
    lex = ctx.lexicon
    if token.pos_ == "PRON" and ((token.lower_ in ("they", "it") and token.dep_ in ("nsubj", "nsubjpass"))
                                 or (token.lower_ == "them" and token.dep_ == "dobj")):
        # subjects, and plural objects ("accusing them of ..."); "sanctioned it" stays unresolved
        return _pronoun_antecedents(token, ctx, depth)
    if token.lower_ == "we" and token.dep_ == "nsubj":
        return _quoted_speaker(token, ctx, depth)
    if token.lower_ in ("which", "whom") and token.dep_ == "pobj":
        # "the refinery, in which Rosneft holds a stake": the noun the clause describes
        clause = token.head
        while clause.dep_ not in ("relcl", "ROOT") and clause.head.i != clause.i:
            clause = clause.head
        # the noun itself, not the nouns coordinated with it
        return _resolve_one(clause.head, ctx, depth + 1) if clause.dep_ == "relcl" else []
    mention = ctx.index.get(token.i)
    if mention is not None:
        if mention.kind == "demonym" and token.pos_ in ("ADJ",) and token.head.i >= mention.end:
            pass  # an adjective inside a larger noun phrase: handled from the head noun
        else:
            return [Arg(mention, token.i, mention.role)]
    lemma = token.lemma_.lower()
    following = ctx.index.get(token.i + 1)
    if token.lower_ in lex.title_words and following is not None and following.type == "Person" \
            and following.start == token.i + 1:
        # "talks with Vietnamese President To Lam": the parser may split the title from the
        # name; the title stands for the person it introduces, not for its demonym
        return [Arg(following, token.i + 1)]
    if token.dep_ == "appos" and lemma in lex.name_kinds and token.head.i in ctx.index \
            and ctx.index[token.head.i].kind not in ("demonym", "metonym"):
        # "the Selena, a Russian tanker blacklisted by Washington": the tanker is the Selena
        named = ctx.index[token.head.i]
        return [Arg(named, token.head.i)]
    # "thousands of workers", "some of these workers", "10,000 of its troops"
    if lemma in lex.quantity_nouns or token.pos_ == "NUM":
        for inner in _prep_objects(token, ("of",)):
            found = resolve(inner, ctx, depth + 1)
            if found:
                return found
    for appos in _children(token, "appos"):
        found = resolve(appos, ctx, depth + 1)
        if found:
            return found
    if lemma in lex.name_kinds:
        # "the state conglomerate Rostec": the parser hangs the name on its describing noun
        named_after = [c for c in token.children if c.i == token.i + 1 and c.i in ctx.index
                       and c.dep_ in ("amod", "compound", "npadvmod", "nmod")
                       and ctx.index[c.i].kind not in ("demonym", "pronoun")]
        if named_after:
            return [Arg(ctx.index[c.i], c.i) for n in named_after for c in _with_conjuncts(n)
                    if c.i in ctx.index]
    if lemma in lex.words("counterpart_nouns") and not _children(token, "appos"):
        # "held talks with his counterpart, Foreign Minister X": the parser often loses the
        # apposition; take a person named right after the comma
        following = token.doc[token.i + 1:min(token.i + 7, sentence_of(token).end)]
        if following and following[0].text == ",":
            for t in following[1:]:
                if t.is_punct:
                    break
                if t.i in ctx.index and ctx.index[t.i].type == "Person":
                    return [Arg(ctx.index[t.i], t.i)]
    if lemma in lex.words("area_nouns"):
        # "held an area around Sudzha": the land named around or near the place
        for inner in _prep_objects(token, ("around", "near", "surrounding", "outside")):
            found = [a for a in resolve(inner, ctx, depth + 1) if a.mention.type == "Place"]
            if found:
                return [replace(a, via="part") for a in found]
    if lemma in lex.partitive_nouns:
        for inner in _prep_objects(token, ("of",)):
            found = resolve(inner, ctx, depth + 1)
            if found:
                return [replace(a, via="part") for a in found]
    # (an "amod" too: the parser takes "the Pivdenmash missile and space plant" for an adjective)
    named = [ctx.index[c.i] for c in token.children if c.dep_ in ("compound", "nmod", "amod") and c.i in ctx.index
             and ctx.index[c.i].type in ("Facility", "Organization") and c.i < token.i
             and ctx.index[c.i].kind not in ("demonym", "metonym", "pronoun")
             and (c.dep_ != "amod" or c.pos_ == "PROPN")]
    named += [ctx.index[c.i] for c in token.children if c.dep_ == "nummod" and c.pos_ == "PROPN"
              and c.i in ctx.index and ctx.index[c.i].type == "Product"]  # "the FP-1 long-range drone"
    if named and token.tag_ == "NNS":  # "the Ryazan, Volgograd and Saratov refineries"
        listed = [m for m in ctx.mentions if named[0].start <= m.start < token.i and m.type == "Facility"]
        return _unique([Arg(m, token.i, None, None, "direct") for m in listed or named[:1]])
    if named:  # "the Kremniy El microelectronics plant in Bryansk" is the plant, not Bryansk
        return [Arg(named[0], token.i, None, None, "direct")]
    owned = lemma not in lex.site_nouns and any(
        c.dep_ in ("amod", "poss") and c.i in ctx.index for c in token.children)
    if lemma in lex.activity_nouns and not owned:
        # "support roles along Russia's borders", "operations around Korenevo"
        for inner in _prep_objects(token, lex.location_preps):
            found = resolve(inner, ctx, depth + 1)
            if found:
                return [replace(a, via="place") for a in found]
    if token.pos_ not in ("NOUN", "PROPN", "PRON"):
        return []
    if (lemma in lex.title_words or lemma in lex.words("delegation_nouns")) and token.pos_ == "NOUN" \
            and not any(c.lower_ in lex.not_in_office for c in token.children):
        # "the foreign ministers of Japan, South Korea and the US met": office holders
        # of states act for them
        states = [replace(a, role=token.lower_, via="modifier")
                  for inner in _prep_objects(token, ("of",)) for a in resolve(inner, ctx, depth + 1)
                  if a.role is None and a.mention.type in ("State", "Bloc")]
        if states:
            return _unique(states)
    if _group_class(token, ctx) in ("troops",) or lex.theme_class(lemma) == "weapons":
        # "long-range drones of the Security Service", "units of the Korean People's Army"
        owners = [replace(a, role=token.lower_, group=_group_class(token, ctx), via="modifier")
                  for inner in _prep_objects(token, ("of",)) for a in resolve(inner, ctx, depth + 1)
                  if a.role is None and a.mention.type in ("State", "Bloc", "Organization")]
        if owners:
            return _unique(owners)
    if lemma in lex.words("member_nouns"):
        # "analysts at the Royal United Services Institute", "researchers from the Institute":
        # people speaking for the body they work at
        bodies = [replace(a, role=token.lower_, via="modifier")
                  for inner in _prep_objects(token, ("at", "with", "from", "of"))
                  for a in resolve(inner, ctx, depth + 1)
                  if a.role is None and a.mention.type == "Organization"]
        if bodies:
            return _unique(bodies)
    if lemma in lex.words("pair_nouns") and token.tag_ == "NNS" \
            and any(c.lower_ in ("two", "both") for c in token.children):
        return _the_two(token, ctx)  # "the two sides agreed to ..."
    if lemma in lex.words("pair_person_nouns") and token.tag_ == "NNS" \
            and any(c.lower_ in ("two", "both") for c in token.children):
        return _the_two_people(token, ctx)  # "when the two men met"
    if lemma in lex.private_groups:
        return []  # "Russian journalists" speak for no state
    group = _group_class(token, ctx)
    role = token.lower_ if token.pos_ != "PRON" else None
    found: list[Arg] = []
    for child in token.children:
        if child.dep_ not in ("poss", "amod", "compound", "nmod", "npadvmod"):
            continue
        if child.i > token.i:
            continue
        inner = ctx.index.get(child.i)
        if inner is not None:
            if inner.kind == "metonym" and child.dep_ != "poss":
                continue  # "a Washington research group", "a Kyiv-based firm": a place
            found.append(Arg(inner, child.i, role, group, "modifier"))
            if child.dep_ == "amod" and inner.kind == "demonym":
                # "Russian and Belarusian troops", "North Korean and Russian vessels"
                found += [Arg(ctx.index[c.i], c.i, role, group, "modifier") for c in child.conjuncts
                          if c.i in ctx.index and c.i < token.i and ctx.index[c.i].kind == "demonym"]
        elif child.dep_ == "poss" and child.lower_ in _POSSESSIVE_PRONOUNS:
            found += [Arg(a.mention, child.i, role, group)
                      for a in _pronoun_antecedents(child, ctx, depth)]
        elif child.dep_ == "amod" and child.lemma_.lower() in lex.words("sponsor_participles"):
            # "Danish-funded crews", "Kremlin-backed militias": the sponsor acts through them
            found += [Arg(ctx.index[g.i], g.i, role, group, "modifier") for g in child.children
                      if g.dep_ in ("npadvmod", "compound", "nmod", "amod") and g.i in ctx.index
                      and ctx.index[g.i].type in ("State", "Bloc", "Organization")]
        elif child.dep_ == "compound":
            # "the Russian military's drone program": look one level deeper.
            for grand in child.children:
                deeper = ctx.index.get(grand.i)
                if grand.dep_ in ("poss", "amod") and deeper is not None:
                    found.append(Arg(deeper, grand.i, role, group))
    if found:
        return _unique(found)
    if group and any(c.dep_ == "det" and c.lower_ in ("the", "these", "those") for c in token.children):
        earlier = _earlier_group(token, group, ctx)
        if earlier is not None:
            return [Arg(earlier.mention, token.i, role, group, "modifier")]
    for clause in _children(token, "acl"):
        # "drones launched by Ukraine's Security Service", "measures taken by the Kremlin"
        by = [p for c in clause.children if c.dep_ == "agent" for p in _pobjs(c)]
        if by and clause.tag_ == "VBN":
            # "a plant damaged by Russian attacks" is no Russian plant: an action noun
            # stands for no one behind the noun
            return [replace(a, role=role, via="modifier") for b in by
                    if b.i in ctx.index or b.lemma_.lower() not in lex.noun_frames
                    for a in resolve(b, ctx, depth + 1)]
    if lemma in lex.product_units:
        product = _last_product(token, ctx)
        if product is not None:
            return [Arg(product, token.i)]
    return []


def _quoted_speaker(pronoun: Token, ctx: Context, depth: int) -> list[Arg]:
    """'"We express full support to Russia," Kim said': "we" in a quote is its speaker."""
    quoted = any(t.text in ('"', "\u201c", "\u201d") for t in ctx.doc[sentence_of(pronoun).start:pronoun.i])
    clause = pronoun.head
    while quoted and clause.dep_ in ("conj", "xcomp") and clause.head.i != clause.i:
        clause = clause.head
    reporter = clause.head
    if not quoted or clause.dep_ not in ("ccomp", "parataxis") \
            or reporter.lemma_.lower() not in ctx.lexicon.words("report_verbs"):
        return []
    speakers = [a for s in _children(reporter, "nsubj") if s.pos_ != "PRON" for a in resolve(s, ctx, depth + 1)]
    return speakers or _inverted_speaker(reporter, ctx)


def _earlier_group(token: Token, group: str, ctx: Context) -> Arg | None:
    """'these workers', 'the troops' -> the state of the last group of the same noun named
    with a demonym in this or the two sentences before ("North Korean workers")."""
    sent = sentence_of(token)
    start = sent.start
    for _ in range(2):
        if start > 0:
            start = sentence_of(ctx.doc[start - 1]).start
    for candidate in reversed(ctx.doc[start:token.i]):
        if candidate.pos_ == "NOUN" and candidate.lemma_ == token.lemma_ and _group_class(candidate, ctx) == group:
            for child in candidate.children:
                mention = ctx.index.get(child.i)
                if child.dep_ in ("amod", "compound", "poss") and mention is not None \
                        and mention.type in ("State", "Bloc"):
                    return Arg(mention, child.i, candidate.lower_, group, "modifier")
    return None


def _the_two(token: Token, ctx: Context) -> list[Arg]:
    """'the two sides', 'both countries' -> the last two states or blocs named in this or
    the two sentences before; nothing when fewer than two were named."""
    start = sentence_of(token).start
    for _ in range(2):
        if start > 0:
            start = sentence_of(ctx.doc[start - 1]).start
    found: dict[str, Arg] = {}
    for mention in reversed(ctx.mentions):
        if mention.type == "Person" and mention.kind != "pronoun" and ctx.gazetteer is not None:
            # "Putin held talks with President To Lam and the two sides signed ...": a leader
            # named stands for his state, closer than the capital he flew from
            actor = ctx.gazetteer.actors.get(mention.label)
            state = ctx.gazetteer.actors.get(actor.represents) if actor is not None and actor.represents else None
            if state is not None and state.type in ("State", "Bloc"):
                mention = replace(mention, label=state.label, type=state.type, qid=state.qid)
        if not (start <= mention.start < token.i) or mention.type not in ("State", "Bloc"):
            continue
        if ctx.doc[mention.end - 1].dep_ in ("compound", "nmod") or mention.kind == "pronoun":
            continue  # "the Ukraine crisis" names no side
        last = ctx.doc[mention.end - 1]
        if last.dep_ == "pobj" and last.head.lower_ in ("in", "inside", "within", "across") \
                and last.head.head.pos_ == "NOUN":
            continue  # "the operation in Ukraine": where something happens, not a side
        if mention.label not in found:
            found[mention.label] = Arg(mention, token.i)
            if len(found) == 2:
                return list(found.values())[::-1]
    return []


def _the_two_people(token: Token, ctx: Context) -> list[Arg]:
    """'the two men', 'both leaders' -> the last two people named in this or the sentence
    before; nothing when fewer than two were named."""
    start = sentence_of(token).start
    if start > 0:
        start = sentence_of(ctx.doc[start - 1]).start
    found: dict[str, Arg] = {}
    for mention in reversed(ctx.mentions):
        if start <= mention.start < token.i and mention.type == "Person" and mention.kind != "pronoun" \
                and mention.label not in found:
            found[mention.label] = Arg(mention, token.i)
            if len(found) == 2:
                return list(found.values())[::-1]
    return []


def _last_product(token: Token, ctx: Context) -> Mention | None:
    sent = sentence_of(token)
    for mention in reversed(ctx.mentions):
        if mention.type == "Product" and sent.start <= mention.start < token.i:
            return mention
    return None


def _pronoun_antecedents(pronoun: Token, ctx: Context, depth: int) -> list[Arg]:
    """'its'/'their'/'they'/'it' -> the nearest preceding actor phrase of the sentence that
    agrees in number: plural pronouns want a plural noun or a coordination, never a single
    person; singular ones a state, organization or bloc named directly."""
    plural = pronoun.lower_ in ("their", "they", "them")
    sent = sentence_of(pronoun)
    start = sent.start
    if pronoun.dep_ in ("nsubj", "nsubjpass") and not any(
            t.pos_ in ("NOUN", "PROPN") for t in ctx.doc[sent.start:pronoun.i]):
        # "North Korea has become ... Since 2023 it has delivered ...": the sentence before
        start = sentence_of(ctx.doc[sent.start - 1]).start if sent.start > 0 else sent.start
    heads = [t for t in ctx.doc[start:pronoun.i]
             if t.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos", "dative")
             and t.pos_ in ("NOUN", "PROPN") and (pronoun.i not in {s.i for s in t.subtree}
                                                  or _in_relative_clause(pronoun, t))]
    if start < sent.start:  # from the sentence before, only its subjects
        heads = [t for t in heads if t.i >= sent.start or t.dep_ in ("nsubj", "nsubjpass")]
    ordered = list(reversed(heads))
    if pronoun.dep_ == "poss":
        # "China had become an enabler of Russia's war against Ukraine through its partnership
        # with Moscow": a possessive refers first to the subject of its own clause
        clause = pronoun.head
        while clause.pos_ not in ("VERB", "AUX") and clause.head.i != clause.i:
            clause = clause.head
        ordered.sort(key=lambda h: not (h.dep_ == "nsubj" and h.head.i == clause.i))
    for head in ordered:
        is_plural = head.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in head.children) \
            or (head.pos_ == "NOUN" and head.lower_.endswith("men"))  # "servicemen" tagged NN
        if plural != is_plural or head.dep_ == "conj":
            continue
        found = resolve(head, ctx, depth + 2)
        if plural:
            # a group ("North Korean servicemen", "Chinese firms") or a coordination
            coordinated = any(c.dep_ == "conj" for c in head.children)
            # ... or a name that is itself a plural noun ("Ukraine's armed forces")
            found = [a for a in found if a.mention.type != "Person"
                     and (a.role or coordinated or ctx.doc[a.token_i].tag_ == "NNS")]
        else:
            # "South Korea's foreign ministry said it ...": a state body speaks for its state
            body = head.lemma_.lower() in ctx.lexicon.state_bodies
            found = [a for a in found if a.mention.type in ("State", "Organization", "Bloc")
                     and (a.token_i == head.i or (body and a.mention.type == "State"
                                                  and ctx.doc[a.token_i].dep_ == "poss"))]
        if found:
            return found
    return []


def _in_relative_clause(token: Token, noun: Token) -> bool:
    """Whether ``token`` sits in a relative clause of ``noun`` ("the NIS, which says it ...":
    there the pronoun may refer to the noun)."""
    return any(token.i in {s.i for s in clause.subtree} for clause in _children(noun, "relcl"))


def grammatical_subjects(verb: Token, ctx: Context, depth: int = 0) -> list[Arg]:
    """The actors doing ``verb``: its own subject, or the one it inherits."""
    if depth > 5:
        return []
    subjects = _children(verb, "nsubj", "nsubjpass", "csubj")
    if subjects:
        subject = subjects[0]
        if subject.lower_ in _RELATIVE_PRONOUNS and verb.dep_ == "relcl":
            antecedent = verb.head
            holder = antecedent.head.head if antecedent.head.lower_ == "in" else None
            if holder is not None and antecedent.i in ctx.index and ctx.index[antecedent.i].type == "Place" \
                    and holder.pos_ == "NOUN" and holder.lemma_.lower() in ctx.lexicon.activity_nouns:
                # "the Alabuga drone factory in Tatarstan, which assembles drones": the factory
                named = resolve(holder, ctx, depth + 1)
                if named and named[0].mention.type in ("Facility", "Organization"):
                    return named
            if antecedent.dep_ == "appos" and antecedent.i not in ctx.index:
                # "the Institute ..., a Washington research group that has tracked the site"
                named = resolve(antecedent.head, ctx, depth + 1)
                if named:
                    return named
            return resolve(antecedent, ctx, depth + 1)
        if subject.lower_ in _POSSESSIVE_PRONOUNS and verb.dep_ == "relcl":
            return resolve(verb.head, ctx, depth + 1)
        # headlines coordinate without "and": "China, Russia vow deeper ties"
        return _unique([a for s in subjects if s.dep_ == "nsubj" or s is subject
                        for a in resolve(s, ctx, depth + 1)])
    if verb.lemma_.lower() in ctx.lexicon.words("report_verbs"):
        speaker = _inverted_speaker(verb, ctx)
        if speaker:
            return speaker
    return inherited_subjects(verb, ctx, depth)


def _inverted_speaker(verb: Token, ctx: Context) -> list[Arg]:
    """'..., Sergei Shoigu, secretary of the Security Council, said': the parser often hangs
    the speaker of a trailing attribution somewhere else; take the person or body named
    just before the reporting verb, across a comma."""
    sent = sentence_of(verb)
    window = ctx.doc[max(sent.start, verb.i - 14):verb.i]
    if not any(t.text == "," for t in window):
        return []
    for wanted in ("Person", "Organization"):
        for token in reversed(window):
            mention = ctx.index.get(token.i)
            if mention is not None and mention.type == wanted and mention.kind != "pronoun":
                return [Arg(mention, token.i)]
    return []


def inherited_subjects(verb: Token, ctx: Context, depth: int = 0) -> list[Arg]:
    """Subject of a verb that has none of its own (control, coordination, purpose, pcomp)."""
    head = verb.head
    if head.i == verb.i or depth > 5:
        return []
    dep = verb.dep_
    if dep == "xcomp" or (dep == "ccomp" and head.lemma_.lower() in _OBJECT_CONTROL):
        if head.lemma_.lower() in _OBJECT_CONTROL:
            objects = _children(head, "dobj")
            if objects:
                return resolve(objects[0], ctx, depth + 1)
        return grammatical_subjects(head, ctx, depth + 1)
    if dep == "conj" and head.pos_ in ("VERB", "AUX"):
        complements = [c for c in head.children if c.dep_ in ("ccomp", "xcomp") and c.i < verb.i
                       and c.pos_ in ("VERB", "AUX")]
        if head.lemma_.lower() in _OBJECT_CONTROL and complements:
            # "helping Russia develop and produce the drone": the parser coordinates the
            # second verb with "helping"; it shares the helped party, not the helper
            return grammatical_subjects(complements[-1], ctx, depth + 1)
        return grammatical_subjects(head, ctx, depth + 1)
    if dep == "advcl" and head.pos_ in ("VERB", "AUX"):
        if any(c.lower_ == "to" for c in verb.children if c.dep_ == "aux") or verb.tag_ == "VBG":
            if head.lemma_.lower() in ctx.lexicon.words("report_verbs"):
                # "Russia launched drones, the air force said, hitting ...": the speaker does
                # not hit; the subject of what is reported does
                content = [c for c in head.children if c.dep_ in ("ccomp", "parataxis") and c.pos_ in ("VERB", "AUX")]
                return grammatical_subjects(content[0], ctx, depth + 1) if content else []
            return grammatical_subjects(head, ctx, depth + 1)
    if dep == "acl" and verb.tag_ == "VB" and any(c.lower_ == "to" for c in verb.children):
        owner = _modifier_agents(head, ctx, depth + 1) if head.pos_ == "NOUN" else []
        if owner:
            return owner  # "Pyongyang's decision to send more workers"
        governor = head.head
        if governor.pos_ in ("VERB", "AUX") and head.dep_ in ("dobj", "attr"):
            return grammatical_subjects(governor, ctx, depth + 1)
    if dep == "pcomp":
        return _agents_via_prep(head, ctx, depth + 1)
    if dep == "relcl" and verb.tag_ in ("VBG", "VBN"):
        return resolve(head, ctx, depth + 1)
    return []


def _agents_via_prep(prep: Token, ctx: Context, depth: int) -> list[Arg]:
    """Agent of the action in "X's role in rebuilding", "the involvement of X in rebuilding"."""
    owner = prep.head
    if owner.pos_ in ("VERB", "AUX"):
        objects = _children(owner, "dobj")
        if objects:
            # "warned China against supplying", "credited the troops for helping"
            return resolve(objects[0], ctx, depth + 1)
        return grammatical_subjects(owner, ctx, depth + 1)
    if owner.pos_ not in ("NOUN", "PROPN"):
        return []
    if owner.lemma_.lower() in ctx.lexicon.participation_nouns:
        for inner in _prep_objects(owner, ("of", "by")):
            found = resolve(inner, ctx, depth + 1)
            if found:
                return found
    found = _modifier_agents(owner, ctx, depth)
    if found:
        return found
    governor = owner.head
    if owner.dep_ in ("dobj", "attr") and governor.pos_ in ("VERB", "AUX"):
        return grammatical_subjects(governor, ctx, depth + 1)
    return []


def _modifier_agents(noun: Token, ctx: Context, depth: int) -> list[Arg]:
    """Possessor / demonym / name modifiers of a noun predicate ("Chinese investments")."""
    found: list[Arg] = []
    candidates = [c for c in noun.children if c.dep_ in ("poss", "amod", "compound", "nmod") and c.i < noun.i]
    for compound in list(candidates):
        if compound.dep_ == "compound" and compound.i not in ctx.index:
            candidates += [g for g in compound.children if g.dep_ in ("amod", "poss", "compound")]
    for child in candidates:
        mention = ctx.index.get(child.i)
        if mention is not None:
            found.append(Arg(mention, child.i))
        elif child.dep_ == "poss":
            if child.lower_ in _POSSESSIVE_PRONOUNS:
                found += _pronoun_antecedents(child, ctx, depth)
            else:
                found += resolve(child, ctx, depth + 1)
    return _unique(found)


# --------------------------------------------------------------------------- themes

def _phrase(token: Token) -> str:
    """'artillery shells' -> 'artillery shell': compounds + lemma, lowercase."""
    compounds = [c.lower_ for c in token.children if c.dep_ == "compound" and c.i < token.i]
    return " ".join([*compounds, token.lemma_.lower()])


def _theme_antecedent(pronoun: Token, ctx: Context) -> Token:
    """'they' / 'them' / 'it' as a theme -> the nearest earlier noun of a known theme class
    in the sentence or the one before ("the first Shahed munitions fell ...; they were
    shipped to Russia by Iran")."""
    if pronoun.lower_ not in ("they", "them", "it"):
        return pronoun
    plural = pronoun.lower_ != "it"
    sent = sentence_of(pronoun)
    start = sent.start
    if start > 0:
        start = sentence_of(ctx.doc[start - 1]).start
    for token in reversed(ctx.doc[start:pronoun.i]):
        if token.pos_ == "NOUN" and (token.tag_ == "NNS") == plural and theme_class(token, ctx):
            return token
    return pronoun


def theme_heads(token: Token, ctx: Context) -> list[Token]:
    """The content nouns of a theme slot: quantity heads skipped, conjuncts expanded."""
    heads: list[Token] = []
    for conjunct in _with_conjuncts(token):
        heads += _added_themes(conjunct)  # "barrels of oil, together with air-defence systems"
        current = conjunct
        for _ in range(3):
            if current.lemma_.lower() in ctx.lexicon.quantity_nouns or current.pos_ == "NUM" \
                    or current.ent_type_ == "MONEY":
                # "thousands of shells", "$61 billion in military aid"
                inner = _prep_objects(current, ("of", "in") if current.ent_type_ == "MONEY" else ("of",))
                if inner:
                    current = inner[0]
                    continue
            break
        heads.append(current)
        if current is not conjunct:
            heads += [c for c in current.conjuncts if c.i > current.i]
    for head in list(heads):
        heads += _added_themes(head)
    return list(dict.fromkeys(heads))


_ADDITIVE_PREPS = {"including", "plus", "besides"}
_ADDITIVE_PAIRS = {"along", "together"}  # "along with", "together with"


def _added_themes(head: Token) -> list[Token]:
    """'oil and food, along with military know-how' -> also 'know-how'."""
    added: list[Token] = []
    for child in head.children:
        if child.dep_ != "prep":
            continue
        if child.lower_ in _ADDITIVE_PREPS:
            added += [o for p in _pobjs(child) for o in _with_conjuncts(p)]
        elif child.lower_ in _ADDITIVE_PAIRS:
            added += [o for w in child.children if w.lower_ == "with" for p in _pobjs(w)
                      for o in _with_conjuncts(p)]
        elif child.lower_ == "with" and any(c.lower_ in _ADDITIVE_PAIRS for c in child.children):
            added += [o for p in _pobjs(child) for o in _with_conjuncts(p)]
    return added


def theme_class(token: Token, ctx: Context) -> str | None:
    lex = ctx.lexicon
    adjectives = [f"{c.lemma_.lower()} {token.lemma_.lower()}" for c in token.children
                  if c.dep_ == "amod" and c.i < token.i]
    phrase = _phrase(token)
    compound_phrase = [phrase] if phrase != token.lemma_.lower() else []
    found = lex.theme_class(*compound_phrase, *adjectives, token.lemma_.lower(), token.lower_)
    if found is None:
        mention = ctx.index.get(token.i)
        if mention is not None and mention.type == "Product":
            return "weapons"
        if token.ent_type_ == "MONEY":
            return "economic"  # "$2 billion" without a word for what it buys
        if token.lemma_.lower() in lex.generic_heads:
            # "air defense equipment", "Patriot systems": a generic head takes its modifier's class
            for child in token.children:
                inner = ctx.index.get(child.i)
                if inner is not None and inner.type == "Product" and child.i < token.i:
                    return "weapons"
                if child.dep_ in ("compound", "amod", "nmod") and child.i < token.i:
                    found = lex.theme_class(_phrase(child), child.lemma_.lower())
                    if found:
                        break
    return found


def _classes(themes: list[Token], ctx: Context) -> dict[str, list[Token]]:
    classes: dict[str, list[Token]] = {}
    for theme in themes:
        cls = theme_class(theme, ctx)
        if cls is not None:
            classes.setdefault(cls, []).append(theme)
    return classes


def _subtree_classes(token: Token, ctx: Context) -> dict[str, list[Token]]:
    """Theme classes of any noun under ``token`` (for "gains from X's missile technology")."""
    return _classes([t for t in token.subtree if t.pos_ in ("NOUN", "PROPN")
                     and t.dep_ not in ("compound", "nmod")], ctx)


# --------------------------------------------------------------------------- frames

@dataclass
class Slots:
    agents: list[Arg]
    themes: list[Token]
    recipients: list[Arg]
    theme_args: list[Arg]
    agent_certainty: float = 1.0  # below 1 when the agent was inherited, not stated


def _verb_slots(verb: Token, spec: FrameSpec, ctx: Context) -> Slots:
    # an "acl" with its own subject is a content clause the parser hung on a noun ("the
    # assessment that North Korea has shipped missiles"), not a passive participle
    passive = any(c.dep_ in ("nsubjpass", "auxpass", "agent") for c in verb.children) or (
        verb.dep_ == "acl" and verb.tag_ == "VBN" and not _children(verb, "nsubj"))
    theme_tokens: list[Token] = []
    if passive:
        by = [p for c in verb.children if c.dep_ == "agent" for p in _pobjs(c)]
        if not by:
            # "were supplied to the plant by Chinese firms": the parser hangs the by-phrase
            # on the recipient; only an actor that can act (not a place) is the agent
            by = [p for r in _prep_objects(verb, spec.recipient_preps) for c in r.children
                  if c.dep_ == "prep" and c.lower_ == "by" for p in _pobjs(c)
                  if any(a.mention.type in ("State", "Organization", "Bloc") for a in resolve(p, ctx))]
        agents = [a for b in by for a in resolve(b, ctx)]
        subjects = _children(verb, "nsubjpass")
        if subjects:
            theme_tokens += subjects
        elif verb.dep_ == "acl":
            theme_tokens.append(verb.head)
        else:
            # "crated up and shipped to Russia by Iran": the subject of the governing clause
            governor = verb
            while governor.dep_ in ("xcomp", "conj", "advcl") and not theme_tokens:
                governor = governor.head
                theme_tokens += _children(governor, "nsubjpass", "nsubj")
    else:
        agents = grammatical_subjects(verb, ctx)
    objects = _children(verb, "dobj")
    if objects:
        # "struck the X plant in Y, which makes chips, and the Z factory": the parser hangs
        # the second object on the verb after a relative clause
        objects += [c for c in verb.children if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN")
                    and c.i > objects[0].i and not _children(c, "nsubj", "nsubjpass")]
        objects += [e for holder in (verb, *objects) for e in _named_examples(holder)]
        # "named the insurers X and Y": the name after a describing noun, hung on the verb
        objects += [c for c in verb.children if c.dep_ == "oprd" and c.pos_ == "PROPN"
                    and c.i == objects[0].i + 1 and objects[0].lemma_.lower() in ctx.lexicon.name_kinds]
    clause = verb
    while clause.dep_ in ("xcomp", "conj") and clause.head.pos_ in ("VERB", "AUX"):
        clause = clause.head  # "the missiles that Russia has promised to station in X"
    if clause.dep_ == "relcl":
        objects = [_relative_antecedent(clause, ctx) if o.lower_ in _RELATIVE_PRONOUNS else o for o in objects]
    if not objects and not passive and verb.dep_ == "relcl" and verb.head.pos_ == "NOUN" \
            and any(c.dep_ == "nsubj" and c.lower_ not in _RELATIVE_PRONOUNS for c in verb.children):
        objects = [verb.head]  # "the troops and munitions Pyongyang has sent to Russia"
    datives = [d for d in _children(verb, "dative") if d.pos_ != "ADP"]
    recipient_tokens = list(datives)
    if spec.by_theme and not spec.inverse:
        # "gave North Korea oil": the parser often makes the first object a compound
        for obj in objects:
            for child in obj.children:
                named = ctx.index.get(child.i)
                if child.dep_ == "compound" and named is not None \
                        and (named.end == obj.i or named.start == obj.left_edge.i) \
                        and named.type in ("State", "Organization", "Bloc") \
                        and named.kind in ("label", "alias", "metonym"):
                    recipient_tokens.append(child)
    with_themes = _prep_objects(verb, spec.theme_preps) if spec.theme_preps else []
    if spec.theme_preps and not with_themes:
        with_themes = [t for o in objects for t in _prep_objects(o, spec.theme_preps)]
    with_themes = [t for t in with_themes if any(theme_class(h, ctx) for h in theme_heads(t, ctx))]
    if with_themes:
        recipient_tokens += objects  # "provide Pyongyang with fuel"
        theme_tokens += with_themes
    else:
        theme_tokens += objects
    preps = spec.source_preps if spec.inverse else spec.recipient_preps
    recipient_tokens += _prep_objects(verb, preps)
    # "fought alongside Russian forces" puts troops at Russia's side; workers who work
    # alongside someone, or troops alongside volunteers, are not sent to them
    armed = any(a.group == "troops" for a in agents)
    recipient_tokens = [t for t in recipient_tokens if t.head.lower_ != "alongside" or armed and any(
        a.group == "troops" or (a.role is None and a.mention.type == "State") for a in resolve(t, ctx))]
    if spec.group_agent:  # "troops fighting for Russia in the Kursk region"
        recipient_tokens += [t for r in list(recipient_tokens) for t in _prep_objects(r, ("in", "inside"))]
    if spec.inverse:
        # "received missiles from Britain and ATACMS from the United States": the parser hangs
        # the second "from" on the second theme, coordinated with the first source
        recipient_tokens += [t for r in list(recipient_tokens) for c in r.conjuncts if c.i > r.i
                             for t in _prep_objects(c, preps)]
    if spec.inverse and not recipient_tokens and "from" in preps:
        # "India buys Russian oil": the seller is the theme's demonym (but "the centre
        # counted barrels of Russian oil" relies on nobody: reliance needs its "on"/"to")
        sellers = [Arg(ctx.index[m.i], m.i) for t in theme_tokens for h in theme_heads(t, ctx)
                   for m in h.children if m.dep_ in ("amod", "poss", "compound") and m.i in ctx.index]
    else:
        sellers = []
    if not recipient_tokens and (spec.by_theme or spec.theme_required) and not spec.inverse:
        # "dispatch 1,000 sappers and 5,000 builders to Kursk": "to" hangs off the object
        recipient_tokens += [r for o in objects for c in _with_conjuncts(o)
                             for r in _prep_objects(c, preps)]
    if not recipient_tokens and verb.lemma_.lower() in spec.projectile_verbs:
        # "launched 63 drones and a missile at Ukraine": the target hangs off what is fired
        aimed = [p for p in preps if p in _AIMING_PREPS]
        recipient_tokens += [r for o in objects for c in _with_conjuncts(o) for r in _prep_objects(c, aimed)]
    if not recipient_tokens and spec.relation in _SYMMETRIC and "with" in preps:
        # "toured launch facilities with Putin": the parser hangs the partner on the object
        recipient_tokens += [r for o in objects if o.i not in ctx.index for r in _prep_objects(o, ("with",))
                             if any(a.mention.type == "Person" for a in resolve(r, ctx))]
    if not recipient_tokens and objects and spec.by_theme and not spec.inverse:
        # "has supplied shells and sent soldiers to Russia": coordinated verbs of the same
        # frame share the recipient named once, after the last of them
        recipient_tokens += [r for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB"
                             and any(f.by_theme and not f.inverse and not f.group_agent
                                     for f in ctx.lexicon.verb_frames.get(c.lemma_.lower(), ()))
                             and not _children(c, "nsubj", "nsubjpass")
                             for r in _prep_objects(c, preps)]
    if not recipient_tokens and spec.by_theme and not spec.inverse:
        # "sent troops to fight for Russia", "... to work in Russian factories"
        for clause in verb.children:
            if clause.dep_ in ("advcl", "xcomp") and any(c.lower_ == "to" for c in clause.children):
                recipient_tokens += _prep_objects(clause, ("for", "in", "alongside", "at"))
                # "send 6,000 troops to rebuild Russia's Kursk region": where they will work
                recipient_tokens += [o for o in _children(clause, "dobj")
                                     if any(a.mention.type == "Place" for a in resolve(o, ctx))]
    if spec.dobj_is_place:
        recipient_tokens += objects
    recipients = [a for r in recipient_tokens for a in resolve(r, ctx)] + sellers
    if not recipients and passive and verb.dep_ == "acl" and spec.by_theme and not spec.inverse:
        # "Russia has fired dozens of missiles supplied by North Korea": who uses what was
        # supplied received it
        user = _user_of(verb.head)
        if user is not None:
            recipients = [a for a in grammatical_subjects(user, ctx)
                          if a.mention.type in ("State", "Organization", "Bloc")]
    theme_tokens = [_theme_antecedent(t, ctx) if t.pos_ == "PRON" else t for t in theme_tokens]
    themes = [h for t in theme_tokens for h in theme_heads(t, ctx)]
    for holder in [verb, verb.head] if verb.dep_ == "xcomp" else [verb]:
        themes += _added_themes(holder)  # "supplying oil, along with know-how"
    theme_args = [a for t in theme_tokens for a in resolve(t, ctx)]
    return Slots(agents, themes, recipients, theme_args)


def _user_of(thing: Token) -> Token | None:
    """The verb whose object ``thing`` is ("fired dozens of missiles": fired), or None."""
    while thing.dep_ == "pobj" and thing.head.lower_ == "of" and thing.head.head.pos_ in ("NOUN", "NUM"):
        thing = thing.head.head  # "dozens of missiles"
    if thing.dep_ == "dobj" and thing.head.pos_ == "VERB" and thing.head.lemma_.lower() in _USING_VERBS:
        return thing.head
    return None


def _relative_antecedent(clause: Token, ctx: Context) -> Token:
    """What a relative clause is about: its head, except that in "the X plant at Enerhodar,
    which its troops seized" the parser hangs the clause on the town the named plant is at."""
    head = clause.head
    prep = head.head
    if head.dep_ == "pobj" and prep.lower_ in ("at", "in", "near") and head.i in ctx.index \
            and ctx.index[head.i].type == "Place":
        holder = ctx.index.get(prep.head.i)
        if holder is not None and holder.type == "Facility":
            return prep.head
    return head


def _makers(themes: list[Token], ctx: Context) -> list[Arg]:
    """The state or company that made a theme: "Iranian-made drones", "shells produced in
    North Korean factories", "missiles built by X"."""
    participles = ctx.lexicon.words("maker_participles")
    found: list[Arg] = []
    for theme in themes:
        for child in theme.children:
            if child.lemma_.lower() not in participles and child.lower_ not in participles:
                continue
            if child.dep_ == "amod":
                found += [Arg(ctx.index[g.i], g.i, via="modifier") for g in child.children
                          if g.dep_ in ("npadvmod", "compound", "nmod", "amod") and g.i in ctx.index]
            elif child.dep_ == "acl" and not _children(child, "nsubj"):
                found += [a for o in _prep_objects(child, ("in", "by", "at")) for a in resolve(o, ctx)]
    return _unique([a for a in found if a.mention.type in ("State", "Organization", "Facility")])


def _named_examples(holder: Token) -> list[Token]:
    """'hit ten refineries, among them X and Y': the examples named for an object (the parser
    hangs them on "them" or on the verb)."""
    found: list[Token] = []
    for child in holder.children:
        # "hit ten refineries, among them the X refinery": the parser may make the example
        # the head, with "among them" hanging on it
        if child.dep_ in ("npadvmod", "advcl") and child.pos_ in ("NOUN", "PROPN") and any(
                p.dep_ == "prep" and p.lower_ == "among" and any(o.lower_ in ("them", "those", "these") for o in _pobjs(p))
                for p in child.children):
            found += _with_conjuncts(child)
    for prep in holder.children:
        if prep.dep_ != "prep" or prep.lower_ != "among":
            continue
        objs = _pobjs(prep)
        if not any(o.lower_ in ("them", "those", "these") for o in objs):
            continue
        for obj in objs:
            if obj.lower_ in ("them", "those", "these"):
                found += [c for c in obj.children if c.dep_ in ("pobj", "appos", "dobj", "npadvmod")]
            else:
                found.append(obj)
    return found


def _noun_agents(noun: Token, ctx: Context, group_of: bool = False) -> tuple[list[Arg], float]:
    """Agent of a nominal predicate, and how sure we are of it."""
    found = _modifier_agents(noun, ctx, 0)
    if found:
        return found, 1.0
    if group_of:  # "the arrival of North Korean workers": the "of" phrase is who arrives
        found = [a for t in _prep_objects(noun, ("of",)) for a in resolve(t, ctx) if a.role]
        if found:
            return found, 0.95
    by = _prep_objects(noun, ("by",))
    if by:
        return [a for b in by for a in resolve(b, ctx)], 1.0
    if noun.dep_ in ("dobj", "attr", "oprd"):
        # "NATO confirmed the deployment of North Korean units": a group named on what is
        # done acts itself, whoever speaks of it
        own = [a for t in _prep_objects(noun, ("of",)) for a in resolve(t, ctx)
               if a.group is not None and a.via == "modifier"]
        if own:
            return own, 0.95
    for clause in _children(noun, "acl"):
        # "the treaty signed by Putin and Pezeshkian", "sanctions imposed by the EU"
        by = [p for c in clause.children if c.dep_ == "agent" for p in _pobjs(c)]
        if by and clause.tag_ == "VBN":
            found = [a for b in by for a in resolve(b, ctx)]
            if found:
                return found, 0.9
    head = noun.head
    for clause in _children(noun, "relcl", "acl"):
        # "the treaty that Kim and Putin signed" (the parser may call the clause an "acl")
        objects = [c for c in clause.children if c.dep_ == "dobj" and c.lower_ in _RELATIVE_PRONOUNS]
        if objects or not _children(clause, "dobj"):
            subjects = [a for s in _children(clause, "nsubj") for a in resolve(s, ctx)]
            if subjects and _children(clause, "nsubj")[0].lower_ not in _RELATIVE_PRONOUNS:
                return subjects, 0.85
    if noun.dep_ == "appos":
        return resolve(head, ctx), 0.9
    if noun.dep_ in ("dobj", "attr", "oprd") and head.pos_ in ("VERB", "AUX"):
        if head.lemma_.lower() in _COUNTER_VERBS:
            return [], 0.0
        return grammatical_subjects(head, ctx), 0.85
    if noun.dep_ == "pobj":
        prep = head
        if prep.lower_ == "as" and prep.head.pos_ in ("VERB", "AUX"):
            return grammatical_subjects(prep.head, ctx), 0.85
        if prep.lower_ in _TIME_PREPS and prep.head.pos_ in ("VERB", "AUX"):
            return grammatical_subjects(prep.head, ctx), 0.8
        if prep.lower_ == "with" and prep.head.pos_ == "VERB" and prep.head.lemma_.lower() in _RESPONSE_VERBS:
            return grammatical_subjects(prep.head, ctx), 0.8  # "responded with sanctions on X"
        if prep.lower_ == "in" and prep.head.pos_ == "VERB" \
                and not any(c.dep_ in ("nsubjpass", "auxpass") for c in prep.head.children):
            return grammatical_subjects(prep.head, ctx), 0.75  # "seized X in an offensive"
        if prep.lower_ == "of" and prep.head.pos_ == "NOUN" and prep.head.i not in ctx.index:
            # "its 15th package of sanctions", "two days of talks"
            outer, sure = _noun_agents(prep.head, ctx)
            if outer:
                return outer, sure * 0.95
        if prep.lower_ in ("for", "on") and noun.lemma_.lower() in _TRIPS | _TALKS and prep.head.pos_ in ("VERB", "AUX"):
            return grammatical_subjects(prep.head, ctx), 0.85  # "arrived for a visit to X"
        if prep.lower_ == "for" and noun.lemma_.lower() in _TALKS and prep.head.lemma_.lower() in _TRIPS:
            outer, sure = _noun_agents(prep.head, ctx)  # "made a trip to X for talks with Y"
            if outer:
                return outer, sure * 0.95
        if prep.lower_ == "for" and prep.head.pos_ in ("NOUN", "PROPN"):
            # "Moscow's main weapon for air strikes in Ukraine"
            owner = _modifier_agents(prep.head, ctx, 0)
            if owner:
                return owner, 0.8
    return [], 0.0


def _noun_slots(noun: Token, spec: FrameSpec, ctx: Context, agent_noun: bool = False) -> Slots:
    if agent_noun:
        position = noun
        if noun.dep_ == "pobj" and noun.head.lower_ == "of" and (
                noun.head.head.pos_ == "NUM" or noun.head.head.lemma_.lower() in ctx.lexicon.quantity_nouns):
            position = noun.head.head  # "one of the Russian army's most important suppliers"
        head = position.head
        if position.dep_ == "appos":
            agents = resolve(head, ctx)
        elif position.dep_ in ("attr", "oprd") and head.pos_ in ("VERB", "AUX"):
            agents = grammatical_subjects(head, ctx)
        elif noun.dep_ == "appos":
            agents = resolve(head, ctx)
        elif noun.dep_ in ("attr", "oprd") and head.pos_ in ("VERB", "AUX"):
            agents = grammatical_subjects(head, ctx)
        elif noun.dep_ == "pobj" and head.lower_ == "as":
            agents = grammatical_subjects(head.head, ctx)
        else:
            agents = _modifier_agents(noun, ctx, 0)
        named = [a for c in noun.children if c.dep_ == "appos" for a in resolve(c, ctx)]
        agents = named or agents  # "Russia's allies - China and North Korea"
        certainty = 0.9
    else:
        agents, certainty = _noun_agents(noun, ctx, group_of=spec.group_agent)
        if not agents and noun.dep_ in ("xcomp", "advcl") and (noun.tag_ == "VBG" or noun.lower_.endswith("ing")):
            # "soldiers have been killed fighting for X": a gerund the parser took for a noun
            agents = grammatical_subjects(noun.head, ctx)
    theme_tokens = _prep_objects(noun, ("of",))
    # "arms supplies", "troop deployment": a compound names the theme.
    compounds = [c for c in noun.children if c.dep_ == "compound" and c.i not in ctx.index]
    themes = [h for t in theme_tokens for h in theme_heads(t, ctx)] + compounds
    preps = spec.source_preps if spec.inverse else spec.recipient_preps
    recipient_tokens = [t for t in _prep_objects(noun, preps) if t not in theme_tokens or spec.object != "recipient"]
    if "of" in preps and spec.object == "recipient":
        recipient_tokens = [t for t in recipient_tokens if t.head.lower_ != "of"]
    # "sanctions tightening around Moscow", "investments pouring into Russia"
    if noun.dep_ in ("nsubj", "dobj") and noun.head.pos_ in ("VERB",):
        recipient_tokens += [t for t in _prep_objects(noun.head, preps) if noun.i not in {s.i for s in t.subtree}]
    for child in noun.children:
        if child.dep_ == "acl" and child.tag_ == "VBG":
            recipient_tokens += _prep_objects(child, preps) + _children(child, "dobj")
        elif child.dep_ == "acl" and child.tag_ == "VBN":
            recipient_tokens += _prep_objects(child, preps)  # "the treaty signed with X"
        elif child.dep_ in ("relcl", "acl") and (not _children(child, "dobj") or any(
                c.dep_ == "dobj" and c.lower_ in _RELATIVE_PRONOUNS for c in child.children)):
            recipient_tokens += _prep_objects(child, preps)  # "the pact that X signed with Y"
        elif child.dep_ == "appos":  # "two wars — one in Ukraine"
            recipient_tokens += _prep_objects(child, preps)
    if spec.group_agent:  # "fighting for Russia in the Kursk region"
        recipient_tokens += [t for r in list(recipient_tokens) for t in _prep_objects(r, ("in", "inside"))]
    recipients = [a for r in recipient_tokens for a in resolve(r, ctx)]
    position = noun.head if noun.dep_ == "conj" else noun  # "under both EU and British sanctions"
    standing = _standing_targets(position, ctx) if spec.under_target else []
    if standing:
        # "X has been under EU and British sanctions", "X, a tanker under US sanctions"
        recipients += standing
        if position is not noun and position.i in ctx.index:
            agents = [*agents, Arg(ctx.index[position.i], position.i)]
    if agent_noun and (spec.relation in _SYMMETRIC or spec.object == "recipient"):
        # "Belarus remains Moscow's closest partner", "Russia's main supplier of drones"
        owners = [a for c in noun.children if c.dep_ == "poss" for a in resolve(c, ctx)]
        if spec.relation in _SYMMETRIC:
            owners += [a for t in _prep_objects(noun, ("of",)) for a in resolve(t, ctx)]  # "an ally of Russia"
        if owners:
            recipients += owners
            agents = [a for a in agents if a.mention.label not in {o.mention.label for o in owners}]
    theme_args = [a for t in theme_tokens for a in resolve(t, ctx)]
    if spec.inverse and not recipients:
        # "China's imports of Russian crude": the seller is the theme's demonym
        recipients = [Arg(ctx.index[m.i], m.i) for h in themes for m in h.children
                      if m.dep_ in ("amod", "poss", "compound") and m.i in ctx.index]
    if spec.object == "theme":  # "Russia's Shahed drone program"
        theme_args += [Arg(ctx.index[c.i], c.i) for c in noun.children
                       if c.dep_ in ("compound", "nmod") and c.i in ctx.index
                       and ctx.index[c.i].type == "Product"]
    slots = Slots(agents, themes, recipients, theme_args)
    slots.agent_certainty = certainty or 1.0
    return slots


def _standing_targets(noun: Token, ctx: Context, on_list: bool = False) -> list[Arg]:
    """Who stands under a measure or on a list: "X has been under EU sanctions", "X, a tanker
    under US sanctions", "X, already subject to EU sanctions", "X is on Britain's list"."""
    if noun.dep_ != "pobj":
        return []
    prep = noun.head
    if prep.lower_ == ("on" if on_list else "under"):
        holder = prep.head
    elif prep.lower_ == "to" and prep.head.lower_ == "subject":
        holder = prep.head.head if prep.head.dep_ in ("acomp", "amod", "appos") else prep.head
    else:
        return []
    if holder.pos_ in ("VERB", "AUX"):
        return grammatical_subjects(holder, ctx)
    if holder.pos_ in ("NOUN", "PROPN") and (holder.i in ctx.index or holder.dep_ == "appos"):
        # a named actor, or a describing noun in apposition to one ("the Selena, a tanker")
        return [a for a in resolve(holder, ctx) if a.role is None and a.via == "direct"]
    return []


def _on_list(noun: Token, spec: FrameSpec, ctx: Context) -> list[Finding]:
    """'X, which is on Britain's sanctions list': the list's owner applies the relation to
    whoever stands on it."""
    if spec.relation is None or not any(t.lemma_.lower() in spec.verbs | spec.nouns | spec.listing_words
                                        for t in noun.subtree if t.i != noun.i):
        return []
    agents = [a for c in noun.children if c.dep_ in ("poss", "compound", "amod", "nmod")
              for a in resolve(c, ctx) if a.role is None and a.mention.type in ("State", "Bloc", "Organization")]
    if not agents:
        return []
    targets = [a for a in _standing_targets(noun, ctx, on_list=True) if a.role is None or a.role in spec.object_roles]
    return [Finding(agent, spec.relation, target, noun.i, spec.strength * 0.9, f"{spec.name}:on-list")
            for agent in agents for target in _targets(targets, agent)]


def _between(noun: Token, ctx: Context) -> list[Arg]:
    """'cooperation between Russia and North Korea' -> both sides."""
    return [a for t in _prep_objects(noun, ("between", "among")) for a in resolve(t, ctx)]


def _pairs_from_compounds(noun: Token, ctx: Context) -> list[Arg]:
    """'Russia-North Korea relations' -> both names."""
    args = [Arg(ctx.index[c.i], c.i) for c in noun.subtree
            if c.i < noun.i and c.i in ctx.index and c.dep_ in ("compound", "nmod", "amod", "poss")]
    return _unique(args)


def find_frames(doc: Doc, ctx: Context) -> list[Finding]:
    """Every finding of every lexicon predicate of ``doc``."""
    findings: list[Finding] = []
    lex = ctx.lexicon
    for token in doc:
        lemma = token.lemma_.lower()
        # "move to sanction Iran Air": the tagger may take an infinitive for a noun
        infinitive = token.pos_ == "NOUN" and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)
        if token.pos_ in ("VERB", "AUX") or (token.pos_ == "ADJ" and token.tag_ == "VBN") or infinitive:
            particles = [c.lower_ for c in token.children if c.dep_ == "prt"]
            phrasal = f"{lemma} {particles[0]}" if particles else None
            if phrasal in lex.verb_frames:
                lemma = phrasal  # "turn out", "set up", "hand over"
            for spec in lex.verb_frames.get(lemma, ()):
                findings += _apply(token, spec, _verb_slots(token, spec, ctx), ctx, verbal=True)
            findings += _helper_frames(token, ctx)
            findings += _reciprocal(token, ctx)
            for spec in lex.listing_frames.get(lemma, ()):
                findings += _listing(token, spec, ctx)
        elif token.pos_ in ("NOUN", "PROPN") and token.i not in ctx.index:
            for spec in lex.frames.values():
                if spec.under_target and lemma in spec.listing_nouns:
                    findings += _on_list(token, spec, ctx)
            for spec in lex.noun_frames.get(lemma, ()):
                if spec.light_verbs and not _licensed_support(token, spec, ctx):
                    continue
                if spec.blocked_heads and _governor(token).lemma_.lower() in spec.blocked_heads:
                    continue
                if lemma in lex.words("neutral_nouns") and not any(
                        c.dep_ == "amod" and c.lemma_.lower() in lex.words("warm_words") for c in token.children):
                    continue  # "Tehran's relationship with the agency" may be anything but warm
                slots = _noun_slots(token, spec, ctx)
                sides = _between(token, ctx) if spec.relation in _SYMMETRIC else []
                if len(sides) >= 2:
                    findings += _symmetric(token, spec, sides, ctx)
                    # "he and Putin signed a treaty between Russia and Iran": they met
                    people = [a for a in slots.agents if a.mention.type == "Person"]
                    if len(people) >= 2 and spec.relation != "meets_with":
                        findings += [Finding(f.subject, "meets_with", f.object, f.predicate_i,
                                             f.strength * 0.9, f.rule + ":together")
                                     for f in _symmetric(token, spec, people, ctx)]
                    continue
                pairs = _pairs_from_compounds(token, ctx)
                if len(pairs) >= 2 and spec.relation in ("cooperates_with", "trades_with", "meets_with"):
                    findings += _symmetric(token, spec, pairs, ctx)
                    continue
                findings += _apply(token, spec, slots, ctx, verbal=False)
                if spec.content_verbs:
                    findings += _contents(token, spec, ctx)
            for spec in lex.agent_noun_frames.get(lemma, ()):
                findings += _apply(token, spec, _noun_slots(token, spec, ctx, agent_noun=True), ctx,
                                   verbal=False, agent_noun=True)
    findings += _designation_lists(doc, ctx) + _group_presence(doc, ctx)
    return findings + _named_targets(doc, findings, ctx)


def _named_targets(doc: Doc, findings: list[Finding], ctx: Context) -> list[Finding]:
    """'... launched drones at Ukraine, with Kyiv and Odesa among the targets': the places
    named as targets are attacked by whoever attacks in that sentence."""
    extra: list[Finding] = []
    for among in doc:
        if among.lower_ != "among" or not any(o.lemma_.lower() in ("target", "victim") for o in _pobjs(among)):
            continue
        sent = sentence_of(among)
        withs = [t for t in doc[max(sent.start, among.i - 8):among.i] if t.lower_ == "with" and t.dep_ == "prep"]
        targets = [a for w in withs[-1:] for o in _pobjs(w) for a in resolve(o, ctx)
                   if a.role is None and a.mention.type in ("Place", "Facility", "State")]
        attackers = {f.subject.mention.label: f for f in findings
                     if f.relation == "attacks" and sent.start <= f.predicate_i < sent.end}
        extra += [Finding(f.subject, "attacks", _as_city(target), f.predicate_i, f.strength * 0.9,
                          f.rule + ":targets")
                  for f in attackers.values() for target in targets
                  if target.mention.label != f.subject.mention.label]
    return extra


def _group_presence(doc: Doc, ctx: Context) -> list[Finding]:
    """'11,000 North Korean troops are now in Russia', 'Kim's troops in Kursk', 'North
    Korean workers in Vladivostok': a state's troops or workers present in a place were
    sent there (claims.py drops places inside the state itself)."""
    findings: list[Finding] = []
    for token in doc:
        if token.pos_ != "NOUN" or token.i in ctx.index:
            continue
        group = _group_class(token, ctx)
        relation = ctx.lexicon.groups.get(group or "")
        if relation is None:
            continue
        holders = [token]
        if token.dep_ == "nsubj" and token.head.lemma_ == "be":
            holders.append(token.head)  # "are now in Russia"
        places = [a for holder in holders for t in _prep_objects(holder, ("in", "inside"))
                  for a in resolve(t, ctx) if a.role is None and a.mention.type in ("Place", "State")]
        if not places:
            continue
        senders = [a for a in resolve(token, ctx) if a.group == group and a.mention.type == "State"]
        findings += [Finding(sender, relation, place, token.i, 0.6, "presence")
                     for sender in senders for place in _targets(places, sender)]
    return findings


_LIST_MARKERS = ("-", "\u2022", "*", "\u2013", "\u00b7")


def _list_item_start(line: str) -> int | None:
    """Where the text of a list item starts ("- X", "• X", "3. X", "b) X"), or None."""
    stripped = line.lstrip()
    offset = len(line) - len(stripped)
    if stripped[:1] in _LIST_MARKERS and stripped[1:2] == " ":
        return offset + 2
    marker, _dot, rest = stripped.partition(" ")
    if rest and len(marker) <= 4 and marker[-1:] in (".", ")") and marker[:-1].isalnum() \
            and (marker[:-1].isdigit() or len(marker) == 2):
        return offset + len(marker) + 1
    return None


def _designation_lists(doc: Doc, ctx: Context) -> list[Finding]:
    """'The UK is designating the following:' then '1. Iran Air, ...', '- X, a ... company':
    a sanctioning verb whose sentence ends with a colon applies to the actor that heads each
    list item below it. A bare lead-in ("Among them:") continues the sentence before it."""
    spec = ctx.lexicon.frames.get("sanction")
    if spec is None or spec.relation is None:
        return []
    words = spec.verbs | spec.listing_verbs
    findings: list[Finding] = []
    text = doc.text
    # a colon that ends its line opens a list; found in the text, since walking every token
    # of every document for the few that have one is what costs
    line_colons = [m.start() for m in re.finditer(r":(?=.{0,1}\n)", text)]
    if not line_colons:
        return []
    sents = doc_sentences(doc)
    colons = [token for position in line_colons
              if (span := doc.char_span(position, position + 1)) is not None
              for token in span if token.text == ":"]
    for colon in colons:
        number = sentence_index(colon)
        sent = sents[number]
        tail = [t for t in sent if not t.is_space and t.i <= colon.i]
        # the lead-in: this sentence, the ones before it on the same line (a parser splits
        # "pursuant to E.O. 13382:"), and, for a bare "Among them:", the sentence before
        leads = [sent]
        while number >= len(leads) and "\n" not in _gap(sents[number - len(leads)], leads[-1]):
            leads.append(sents[number - len(leads)])
        before = sents[number - len(leads)] if number >= len(leads) else None
        if before is not None and len(tail) <= 6 and not any(t.pos_ in ("VERB", "AUX") for t in tail) \
                and "\n\n" not in _gap(before, leads[-1]):
            leads.append(before)
        agents: list[Arg] = []
        for lead in leads:
            if agents:
                break
            for verb in lead:
                if verb.pos_ in ("VERB", "AUX") and verb.lemma_.lower() in words:
                    agents += [a for a in grammatical_subjects(verb, ctx) if a.role is None
                               and a.mention.type in ("State", "Bloc", "Organization")]
        if not agents:
            continue
        position = colon.idx + 1
        lines = text[position:].split("\n")
        cursor = position
        started = False
        for line in lines:
            line_start, cursor = cursor, cursor + len(line) + 1
            if not line.strip():
                if started:
                    break
                continue
            item = _list_item_start(line)
            if item is None:
                break
            started = True
            head = _item_head(doc, ctx, line_start + item)
            if head is not None:
                findings += [Finding(agent, spec.relation, target, head.start,
                                     spec.strength * 0.9, f"{spec.name}:list-item")
                             for agent in agents for target in _targets([Arg(head, head.start)], agent)]
    return findings


def _gap(before: Span, after: Span) -> str:
    """The text between the end of ``before``'s words and the start of ``after``."""
    return before.doc.text[before.start_char + len(before.text.rstrip()):after.start_char]


def _item_head(doc: Doc, ctx: Context, char: int) -> Mention | None:
    """The named actor a list item begins with (after a title: "Brigadier General X")."""
    span = doc.char_span(char, min(len(doc.text), char + 1), alignment_mode="expand")
    if span is None:
        return None
    first = span.start
    for i in range(first, min(first + 4, len(doc))):
        token = doc[i]
        if token.is_punct or token.is_space or ("\n" in doc[i - 1].text_with_ws and i > first):
            return None
        mention = ctx.index.get(i)
        if mention is not None:
            return mention if mention.kind not in ("demonym", "metonym", "pronoun") else None
        if token.lower_ not in ctx.lexicon.title_words and not token.is_title:
            return None
    return None


_RECIPROCAL = {"each other", "one another"}
_JOINT = {"joint", "combined", "common", "bilateral"}


def _reciprocal(verb: Token, ctx: Context) -> list[Finding]:
    """'Russia and North Korea pledged to defend each other', 'Russia and China conducted
    joint air patrols': coordinated actors doing something together cooperate."""
    spec = ctx.lexicon.frames.get("cooperate")
    if spec is None:
        return []
    if verb.lemma_.lower() in spec.closer_verbs:
        return _rapprochement(verb, spec, ctx)
    together = False
    for obj in _children(verb, "dobj"):
        phrase = " ".join(t.lower_ for t in obj.subtree)
        if phrase in _RECIPROCAL:
            together = True
        elif any(c.dep_ == "amod" and c.lower_ in _JOINT for c in obj.children) \
                and obj.lemma_.lower() not in spec.nouns:
            together = True
    lex = ctx.lexicon
    lemma = verb.lemma_.lower()
    partners = _together_with(verb, ctx)
    if partners:
        # "the Government, together with France and Germany, confirmed ...": they act as one
        agents = [a for a in grammatical_subjects(verb, ctx) if a.role is None]
        sides = [a for a in agents if a.mention.type in ("State", "Bloc", "Organization")] + partners
        return _symmetric(verb, spec, sides, ctx) if agents and len(sides) >= 2 else []
    if any(c.dep_ == "advmod" and c.lower_ in lex.words("joint_adverbs") for c in verb.children):
        together = True  # "Washington and Seoul have jointly shared imagery"
    elif lemma in lex.words("founding_verbs") or any(
            f"{lemma} {c.lower_}" in lex.words("founding_verbs") for c in verb.children if c.dep_ == "prt"):
        # "Japan, the US and South Korea launched a warning system": founding a body together
        together = together or any(
            c.lemma_.lower() in lex.words("founded_bodies")
            or (c.i in ctx.index and ctx.index[c.i].type == "Organization")
            for c in _children(verb, "dobj"))
    if not together:
        return []
    agents = [a for a in grammatical_subjects(verb, ctx) if a.role is None or a.via == "modifier"]
    if len(agents) < 2:
        return []
    return _symmetric(verb, spec, agents, ctx)


def _together_with(verb: Token, ctx: Context) -> list[Arg]:
    """The actors of "X, together with Y and Z, ..." ("along with", "jointly with") acting as
    ``verb``'s subject does; the parser hangs the phrase on the verb or on its subject."""
    adverbs = ctx.lexicon.words("partner_adverbs")
    subjects = _children(verb, "nsubj")
    if not subjects:
        return []
    objects: list[Token] = []
    for holder in (verb, *subjects):
        # only between the subject and the verb: "sanctioned the ship, along with its owner"
        # adds to the object, not to the subject
        for child in (c for c in holder.children if subjects[0].i < c.i < verb.i):
            if child.dep_ == "advmod" and child.lower_ in adverbs:
                objects += _prep_objects(child, ("with",))  # "together" -> "with" -> Y
            elif child.dep_ == "prep" and child.lower_ == "with" and any(
                    c.dep_ == "advmod" and c.lower_ in adverbs for c in child.children):
                objects += _pobjs(child)  # "with" <- "together"
            elif child.dep_ == "prep" and child.lower_ in adverbs:
                objects += _prep_objects(child, ("with",))  # "along" -> "with" -> Y
    return [a for o in objects for t in _with_conjuncts(o) for a in resolve(t, ctx)
            if a.role is None and a.mention.type in ("State", "Bloc", "Organization")]


def _contents(noun: Token, spec: FrameSpec, ctx: Context) -> list[Finding]:
    """'Canada's new sanctions target X and Y', 'among Britain's designations were Z': what
    the noun's verb names is the target; the owner of the noun is the agent."""
    head = noun.head
    if noun.dep_ == "nsubj" and head.lemma_.lower() in spec.content_verbs:
        holders = _children(head, "dobj")
        holders += [o for prep in _children(head, "prep") if prep.lower_ in ("on", "to") for o in _pobjs(prep)]
    elif noun.dep_ == "pobj" and head.lower_ == "among" and head.head.lemma_.lower() in ("be", "include"):
        holders = _children(head.head, "nsubj", "attr")
    else:
        return []
    agents = [a for a in _modifier_agents(noun, ctx, 0) if a.mention.type in ("State", "Bloc", "Organization")]
    if not agents or spec.relation is None:
        return []
    targets = [a for t in holders for a in resolve(t, ctx) if a.role is None or a.role in spec.object_roles]
    return [Finding(agent, spec.relation, target, noun.i, spec.strength * 0.9, f"{spec.name}:contents")
            for agent in agents for target in _targets(targets, agent)]


def _rapprochement(verb: Token, spec: FrameSpec, ctx: Context) -> list[Finding]:
    """'Russia and Iran have drawn closer', 'Belarus moved closer to China': cooperation of
    the coordinated subjects, or of the subject with the "to"-phrase."""
    closer = [c for c in verb.children if c.dep_ in ("advmod", "acomp", "oprd", "xcomp")
              and c.lower_ in spec.closer_words]
    if not closer:
        return []
    agents = [a for a in grammatical_subjects(verb, ctx) if a.role is None or a.via == "modifier"]
    # "closer to Moscow's position" is no partner: only a named actor is
    goals = [o for holder in (verb, closer[0]) for o in _prep_objects(holder, ("to",))]
    partners = [a for o in goals for a in resolve(o, ctx) if a.via == "direct" and a.role is None]
    if goals and not partners:
        return []  # "moved closer to a deal": closer to something, not to each other
    if partners:
        return [Finding(agent, "cooperates_with", partner, verb.i, spec.strength * 0.9,
                        f"{spec.name}:closer") for agent in agents for partner in _targets(partners, agent)]
    return _symmetric(verb, spec, agents, ctx) if len(agents) >= 2 else []


def _listing(verb: Token, spec: FrameSpec, ctx: Context) -> list[Finding]:
    """'The EU added X to its sanctions list', 'X was put on Britain's blacklist': the
    subject (or the list's owner) applies the frame's relation to what is listed."""
    # the parser may hang "in its sanctions list" on the object or its apposition
    holders = [verb, *[t for o in _children(verb, "dobj") for c in _with_conjuncts(o)
                       for t in (c, *_children(c, "appos"))]]
    lists = [obj for holder in holders for prep in holder.children
             if prep.dep_ == "prep" and prep.lower_ in ("to", "on", "onto", "in")
             for obj in _pobjs(prep) if obj.lemma_.lower() in spec.listing_nouns]
    # "its sanctions list", "its list of specially designated nationals"
    lists = [obj for obj in lists if obj.lemma_.lower() in spec.verbs | spec.nouns or any(
        t.lemma_.lower() in spec.verbs | spec.nouns | spec.listing_words for t in obj.subtree if t.i != obj.i)]
    if not lists or spec.relation is None:
        return []
    passive = bool(_children(verb, "nsubjpass"))
    listed = _children(verb, "nsubjpass" if passive else "dobj")
    listed += [t for o in (verb, *listed) for t in _added_themes(o)]  # "the site, together with X"
    targets = [a for t in listed for a in resolve(t, ctx)]
    targets = [a for a in targets if a.role is None or a.role in spec.object_roles]
    if passive:
        agents = [a for c in verb.children if c.dep_ == "agent" for o in _pobjs(c) for a in resolve(o, ctx)]
    else:
        agents = grammatical_subjects(verb, ctx)
    if not agents:  # "X was added to the EU's sanctions list": the list's owner
        agents = [Arg(ctx.index[t.i], t.i) for obj in lists for t in obj.subtree
                  if t.i < obj.i and t.i in ctx.index and ctx.index[t.i].type in ("State", "Bloc", "Organization")][:1]
    return [Finding(agent, spec.relation, target, verb.i, spec.strength, f"{spec.name}:listing")
            for agent in agents for target in _targets(targets, agent)]


def _under_prep(token: Token, pred: Token, preps: tuple[str, ...]) -> bool:
    """Whether ``token`` hangs from ``pred`` through one of ``preps`` ("fought in Kursk")."""
    while token.i != pred.i and token.head.i != token.i:
        if token.dep_ == "pobj" and token.head.lower_ in preps and token.head.head.i == pred.i:
            return True
        token = token.head
    return False


def _governor(noun: Token) -> Token:
    """The verb a noun is an argument of: "suspended its agreements with X" -> "suspended",
    "withdrew from the treaty" -> "withdrew"; the first conjunct stands for the others."""
    while noun.dep_ == "conj" and noun.head.pos_ in ("NOUN", "PROPN"):
        noun = noun.head
    head = noun.head
    if noun.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head
    return head


def _figurative(pred: Token, spec: FrameSpec) -> bool:
    """'Washington hits Russian oil majors as Europe lists more tankers': a sanctions story."""
    if pred.lemma_.lower() not in spec.figurative_verbs:
        return False
    return any(t.lemma_.lower() in spec.figurative_context or t.lower_ in spec.figurative_context
               for t in sentence_of(pred))


def _licensed_support(noun: Token, spec: FrameSpec, ctx: Context) -> bool:
    """'support' is political support only with its own agent or under an expressive verb."""
    if any(c.dep_ in ("poss",) for c in noun.children):
        return True
    head = noun.head
    return noun.dep_ in ("dobj", "attr") and head.lemma_.lower() in spec.light_verbs


def _acts_for_state(mention: Mention, ctx: Context) -> bool:
    """Whether ``mention`` is a state or bloc, or a body the gazetteer has acting for one
    (a ministry -> its state, an office -> its ministry -> its state)."""
    if mention.type in ("State", "Bloc"):
        return True
    actor = ctx.gazetteer.actors.get(mention.label) if ctx.gazetteer is not None else None
    for _step in range(3):
        if actor is None or not actor.represents:
            return False
        actor = ctx.gazetteer.actors.get(actor.represents)
        if actor is not None and actor.type in ("State", "Bloc"):
            return True
    return False


def _symmetric(token: Token, spec: FrameSpec, sides: list[Arg], ctx: Context) -> list[Finding]:
    if spec.relation is None:
        return []
    findings = []
    for i, left in enumerate(sides):
        for right in sides[i + 1:]:
            relation = _contract_relation(token, spec, left, right, ctx) or spec.relation
            findings.append(Finding(left, relation, right, token.i, spec.strength, f"{spec.name}:between"))
    return findings


def _contract_relation(pred: Token, spec: FrameSpec, left: Arg, right: Arg, ctx: Context) -> str | None:
    """``spec.contract_relation`` when ``pred`` is a contract noun between two bodies that act
    for no state (two companies), else None."""
    if spec.contract_relation is None or pred.lemma_.lower() not in spec.contract_nouns:
        return None
    if any(side.mention.type != "Organization" or _acts_for_state(side.mention, ctx) for side in (left, right)):
        return None
    return spec.contract_relation


def _apply(pred: Token, spec: FrameSpec, slots: Slots, ctx: Context, verbal: bool,
           agent_noun: bool = False) -> list[Finding]:
    lex = ctx.lexicon
    findings: list[Finding] = []
    if verbal and spec.figurative_verbs and _figurative(pred, spec):
        return findings
    if verbal and pred.lemma_.lower() in spec.no_as_verbs and any(
            c.dep_ == "prep" and c.lower_ == "as" for c in pred.children):
        return findings  # "designated Medvedev as his successor"

    rule = f"{spec.name}:{'verb' if verbal else 'agent' if agent_noun else 'noun'}"
    strength = (spec.strength if verbal else spec.strength * 0.95) * slots.agent_certainty
    agents = slots.agents
    if spec.theme_agents:  # "Ukrainian units were driven out of Kursk": the units' state
        agents = [replace(a, via="direct") for a in slots.theme_args if a.group in spec.theme_agents]
        if not agents or _children(pred, "dative") or any(
                c.dep_ == "prep" and c.lower_ in ("to", "into", "toward", "towards") for c in pred.children):
            return findings  # "drove the soldiers from Moscow to Kursk" moves them, no expulsion
    classes = _classes(slots.themes, ctx)
    if spec.theme_required:
        if not any(cls in spec.theme_required for cls in classes):
            return []
        if not slots.recipients:
            # "Russia permitted Chinese leases": the lessee is the theme's demonym.
            slots.recipients = [a for t in slots.themes for a in _modifier_agents(t, ctx, 0)]
            slots.recipients += [a for t in slots.themes for c in t.children
                                 if c.dep_ in ("nmod", "compound") and c.pos_ == "NOUN"
                                 for a in resolve(c, ctx)]
    if spec.group_agent:
        for agent in agents:
            relation = lex.groups.get(agent.group or "")
            if relation is None and agent.role and spec.by_theme:
                # "Iranian drones have been flowing to Russia": the moving thing's class
                relation = spec.by_theme.get(lex.theme_class(agent.role.rstrip("s"), agent.role) or "")
            if relation is None:
                continue
            for target in _targets(slots.recipients, agent):
                if (target.role or "").rstrip("s") in spec.blocked_object_roles:
                    continue  # "joined assaults on Ukrainian positions": no place served
                if _armed_object(target, ctx):
                    continue  # "fought North Korean soldiers": an enemy, no place served
                findings.append(Finding(agent, relation, target, pred.i, strength, rule + ":group"))
        return findings
    if not agents and spec.by_theme and not spec.inverse:
        # "Thousands of North Korean troops have been deployed to X", "deliveries of
        # North Korean missiles to Russia": the state named on what is sent.
        agents = [a for a in slots.theme_args if a.group is not None or a.via == "modifier"]
        if not agents:
            # "Iranian-made drones were delivered to X", "shells produced in North Korean
            # factories were shipped to X": the maker is the supplier
            agents = _makers(slots.themes, ctx)
        strength *= 0.9
    relations: list[tuple[str, list[Token]]] = []
    if spec.by_theme:
        for cls, tokens in classes.items():
            if cls in spec.by_theme:
                relations.append((spec.by_theme[cls], tokens))
        if not relations and spec.inverse and slots.recipients:
            sources = [t for t in pred.children if t.dep_ == "prep" and t.lower_ in spec.source_preps]
            for source in sources:
                for cls, tokens in _subtree_classes(source, ctx).items():
                    if cls in spec.by_theme:
                        relations.append((spec.by_theme[cls], tokens))
                        break
        if not relations and spec.relation and not classes:
            relations.append((spec.relation, []))
        # an agent that is itself a known group ("North Korean troops were deployed")
        if not relations and spec.relation is None:
            return []
    elif spec.relation:
        modified = [spec.modifier_relations[c.lemma_.lower()] for c in pred.children
                    if not verbal and c.dep_ in ("compound", "amod") and c.lemma_.lower() in spec.modifier_relations]
        if not verbal and spec.money_relation and any(
                t.ent_type_ == "MONEY" for c in pred.children if c.i < pred.i for t in c.subtree):
            modified.append(spec.money_relation)  # "a $25 billion agreement with X" is a contract
        relations.append((modified[0] if modified else spec.relation, slots.themes))
    if spec.event_objects and not slots.theme_args:
        slots.theme_args = _event_participants(slots.themes, ctx)
    if spec.object == "theme":
        objects = slots.theme_args
        if not objects and spec.name == "produce":
            objects = [a for a in slots.recipients if a.mention.type == "Product"]
    elif spec.object == "either" and verbal and pred.lemma_.lower() in spec.projectile_verbs:
        launched = slots.themes + (_children(pred, "nsubj") if _children(pred, "agent") else [])
        if any(t.i in ctx.index and ctx.index[t.i].type != "Product" for t in launched):
            return findings  # "a monitoring team launched in Seoul by X": a body, not a salvo
        objects = slots.recipients  # "launched a patrol mission, X": X is not attacked
    elif spec.object == "either":
        # "fired North Korean missiles at Ukrainian cities": a weapon is no target
        objects = [a for a in slots.theme_args if a.mention.type != "Product"
                   and theme_class(ctx.doc[a.token_i].head if a.role else ctx.doc[a.token_i], ctx) != "weapons"
                   and not (a.role and ctx.lexicon.theme_class(a.role.rstrip("s"), a.role) == "weapons")]
        objects = objects or slots.recipients
    else:
        objects = slots.recipients
    purpose = pred.dep_ in ("advcl", "xcomp") and any(c.dep_ == "aux" and c.lower_ == "to" for c in pred.children)
    # "will send sappers to Kursk to clear mines and rebuild infrastructure": the parser
    # often coordinates the second purpose verb with the sending verb itself
    sent_with = pred.dep_ == "conj" and pred.tag_ == "VB" and spec.place_metonyms \
        and not _children(pred, "nsubj", "nsubjpass") and any(
            f.by_theme and not f.inverse for f in ctx.lexicon.verb_frames.get(pred.head.lemma_.lower(), ()))
    if not objects and verbal and (purpose or sent_with) and spec.object != "recipient":
        # "sends engineers to Russia to rebuild war-torn regions": the purpose happens
        # where the main verb sends them.
        objects = [a for t in _prep_objects(pred.head, ("to", "into")) for a in resolve(t, ctx)]
        strength *= 0.85
    if spec.object_roles:
        objects = [o for o in objects if o.role is None or o.role in spec.object_roles]
    if spec.agent_role_classes:
        # "Western sanctions hit Russia" is no attack: a group agent must be armed
        agents = [a for a in agents if a.role is None
                  or lex.theme_class(a.role, a.role.rstrip("s")) in spec.agent_role_classes
                  or a.role in spec.agent_roles]
    if spec.direct_objects:
        objects = [o for o in objects if o.role is None]
    if spec.no_place_objects:
        objects = [o for o in objects if o.via != "place"]
    if spec.theme_required and spec.object == "recipient" and "facility" in classes:
        # "building the Akkuyu nuclear plant in Mersin province": the named plant, not the province
        named = [a for a in slots.theme_args if a.mention.type == "Facility" and a.via == "direct"]
        objects = named or objects
    if spec.whole_states_only:
        # "seized a strip of Russian territory" is no control of Russia -- but of the place
        # the phrase goes on to name ("..., particularly in the Far East")
        whole = [o for o in objects if o.mention.type != "State" or (o.via == "direct" and o.role is None)]
        if objects and not whole:
            scope = list(pred.subtree)
            if pred.dep_ == "dobj":  # "expanding their control over X, particularly in Y"
                scope += [t for c in pred.head.children if c.dep_ == "prep" for t in c.subtree]
            whole = [Arg(ctx.index[t.i], t.i) for t in scope
                     if t.dep_ == "pobj" and t.head.lower_ in ("in", "inside", "within")
                     and t.i in ctx.index and ctx.index[t.i].type == "Place"]
        objects = whole
    if spec.place_metonyms:
        # "strikes on Kharkiv and Kyiv": a capital hit or held is the city, not the state
        objects = [_as_city(o) for o in objects]
        if not objects:
            # "seized a strip of territory there"; "the region, where X seized territory"
            # is no control of the whole region
            objects = _there(pred, ctx, where=not spec.whole_states_only)
    if verbal and pred.lemma_.lower() in spec.locative_verbs:
        objects = [o for o in objects if not _under_prep(ctx.doc[o.token_i], pred, ("in", "inside", "at"))]
    if spec.blocked_object_roles:
        objects = [o for o in objects if (o.role or "").rstrip("s") not in spec.blocked_object_roles
                   and (o.role or "") not in spec.blocked_object_roles]
    if spec.agent_types:
        agents = [a for a in agents if a.mention.type in spec.agent_types]
    if not objects and len(agents) >= 2 and spec.relation in _SYMMETRIC and not spec.by_theme \
            and not rule.endswith("agent"):
        # "Kim and Putin signed a treaty", "Russia and China held talks"
        found = _symmetric(pred, spec, agents, ctx)
        if spec.relation != "meets_with":
            # two people who sign or agree something together have met
            people = [a for a in agents if a.mention.type == "Person"]
            found += [Finding(f.subject, "meets_with", f.object, f.predicate_i, f.strength * 0.9,
                              f.rule + ":together") for f in _symmetric(pred, spec, people, ctx)]
        return found
    if spec.agent_types:
        agents = [a for a in agents if a.mention.type in spec.agent_types]
    if spec.state_agents:
        agents = [a for a in agents if _acts_for_state(a.mention, ctx)]
    if spec.capital_objects:
        # "Choe travelled to Moscow": a visit to a capital or a state, not to any place
        objects = [o for o in objects if o.via == "direct" and o.role is None
                   and (o.mention.kind == "metonym" or o.mention.type == "State")]
    for relation, theme_tokens in relations:
        for agent in agents:
            for target in _targets(objects, agent):
                subject, obj = (target, agent) if spec.inverse else (agent, target)
                claimed = relation
                if spec.located_relation and target.via == "place":
                    claimed = spec.located_relation  # "financing a bridge in X"
                claimed = _contract_relation(pred, spec, agent, target, ctx) or claimed
                if spec.buyer_relation and claimed == spec.by_theme.get("economic") \
                        and (target.role or "") in spec.buyer_roles:
                    claimed = spec.buyer_relation
                findings.append(Finding(subject, claimed, obj, pred.i, strength, rule,
                                        [t.i for t in theme_tokens]))
                if claimed == "cooperates_with" and subject.mention.type == obj.mention.type == "Person" \
                        and _signed(pred, ctx):
                    # "Pezeshkian signed a treaty with Putin": two people who sign together met
                    findings.append(Finding(subject, "meets_with", obj, pred.i, strength * 0.9,
                                            rule + ":together"))
        # "North Korean sappers ... in rebuilding Kursk": a group present at the place.
        if spec.name in ("rebuild",):
            for agent in agents:
                group_relation = lex.groups.get(agent.group or "")
                if group_relation:
                    for target in _targets(objects, agent):
                        findings.append(Finding(agent, group_relation, target, pred.i,
                                                strength * 0.85, rule + ":presence"))
    findings += _exchange(pred, spec, agents, objects, ctx, strength)
    return findings


def _signed(pred: Token, ctx: Context) -> bool:
    """Whether ``pred`` is, or is the object of, a verb of signing ("signed a treaty with")."""
    verbs = ctx.lexicon.words("signing_verbs")
    return pred.lemma_.lower() in verbs or (pred.dep_ == "dobj" and pred.head.lemma_.lower() in verbs)


def _armed_object(arg: Arg, ctx: Context) -> bool:
    """Whether ``arg`` is an armed group named as a direct object ("fought Ukrainian forces")."""
    if not arg.role or ctx.lexicon.theme_class(arg.role.rstrip("s"), arg.role) != "troops":
        return False
    token = ctx.doc[arg.token_i]
    return token.dep_ == "dobj" or (token.dep_ in ("amod", "compound", "poss") and token.head.dep_ == "dobj")


def _event_participants(themes: list[Token], ctx: Context) -> list[Arg]:
    """'military cooperation between X and Y' -> X, Y; 'the dispatch of North Korean workers'
    -> North Korea; 'Russia's troop rotations' -> Russia: who takes part in an event noun."""
    lex = ctx.lexicon
    found: list[Arg] = []
    for theme in themes:
        lemma = theme.lemma_.lower()
        if theme.pos_ != "NOUN" or (lemma not in lex.noun_frames and lemma not in lex.event_nouns):
            continue
        found += _between(theme, ctx) + _modifier_agents(theme, ctx, 0)
        found += [a for t in _prep_objects(theme, ("of", "by")) for a in resolve(t, ctx)]
    found += _measure_targets(themes, ctx)
    # the participant itself is watched, whatever it sends ("the transfer of Russian missiles")
    return _unique([replace(a, role=None, group=None) for a in found if a.mention.type != "Place"])


def _measure_targets(themes: list[Token], ctx: Context) -> list[Arg]:
    """'sanctions on X', 'compliance with sanctions on X', 'sanctions violations by X' -> X:
    who is watched when a monitor watches a measure or the conduct under it."""
    lex = ctx.lexicon
    measures, conduct = lex.words("watched_measures"), lex.words("watched_conduct")
    found: list[Arg] = []
    for theme in themes:
        lemma = theme.lemma_.lower()
        if lemma in conduct:
            found += [a for t in _prep_objects(theme, ("by", "of")) for a in resolve(t, ctx)]
            inner = _prep_objects(theme, ("with", "of"))
            inner += [c for c in theme.children if c.dep_ == "compound" and c.lemma_.lower() in measures]
            found += _measure_targets(inner, ctx)
        elif lemma in measures:
            found += [a for t in _prep_objects(theme, lex.words("measure_preps")) for a in resolve(t, ctx)]
    return found


def _there(pred: Token, ctx: Context, where: bool = True) -> list[Arg]:
    """'there' next to the predicate or its object -> the last place named before it;
    'the Kursk region, where Ukraine launched its incursion' -> the place the clause is on."""
    holders = [pred, *_children(pred, "dobj")]
    clause = pred
    while clause.dep_ in ("dobj", "pobj", "prep", "conj", "xcomp") and clause.head.i != clause.i \
            and len(holders) < 8:
        clause = clause.head  # "where Ukraine had seized territory during its incursion"
        holders.append(clause)
    if where and clause.dep_ == "relcl" and any(c.lower_ == "where" and c.dep_ == "advmod" for c in clause.children):
        place = [a for a in resolve(clause.head, ctx) if a.mention.type == "Place" and a.via == "direct"]
        if place:
            return place[:1]
    if not any(c.lower_ == "there" and c.dep_ == "advmod" for h in holders for c in h.children):
        return []
    start = sentence_of(pred).start
    floor = sentence_of(ctx.doc[start - 1]).start if start > 0 else 0
    for mention in reversed(ctx.mentions):
        if floor <= mention.start < pred.i and mention.type == "Place" and mention.kind != "pronoun":
            return [Arg(mention, pred.i)]
    return []


def _as_city(arg: Arg) -> Arg:
    from alliance_graph.extract.actors import normalize_label

    mention = arg.mention
    if mention.kind != "metonym" or arg.via != "direct":
        return arg
    city = Mention(mention.start, mention.end, normalize_label(mention.text), "Place", "ner",
                   None, None, mention.text)
    return replace(arg, mention=city)


def _targets(objects: list[Arg], agent: Arg) -> Iterator[Arg]:
    for target in objects:
        if target.mention.label != agent.mention.label:
            yield target


def _exchange(pred: Token, spec: FrameSpec, agents: list[Arg], objects: list[Arg],
              ctx: Context, strength: float) -> list[Finding]:
    """'X sends A to Y in exchange for B' -> Y gives B to X as well."""
    if spec.inverse or not spec.by_theme:
        return []
    findings: list[Finding] = []
    transfer = ctx.lexicon.frames.get("transfer")
    for prep in _children(pred, "prep"):
        for noun in _pobjs(prep):
            if noun.lemma_.lower() not in _EXCHANGE_NOUNS:
                continue
            for counter in _prep_objects(noun, ("for",)):
                for cls, _tokens in _classes(theme_heads(counter, ctx), ctx).items():
                    relation = (transfer.by_theme if transfer else spec.by_theme).get(cls)
                    if relation is None:
                        continue
                    for agent in agents:
                        for target in _targets(objects, agent):
                            findings.append(Finding(target, relation, agent, pred.i,
                                                    strength * 0.85, "exchange"))
    return findings


def _helper_frames(helper: Token, ctx: Context) -> list[Finding]:
    """'X helps Y improve its missiles' -> X transfers_technology_to Y."""
    spec = ctx.lexicon.frames.get("develop")
    if spec is None or helper.lemma_.lower() not in spec.helpers:
        return []
    helpers = grammatical_subjects(helper, ctx)
    findings: list[Finding] = []
    complements = [c for c in helper.children if c.dep_ in ("xcomp", "ccomp")]
    complements += [conj for c in list(complements) for conj in c.conjuncts]
    helped_tokens = _children(helper, "dobj")
    for complement in complements:
        if complement.lemma_.lower() not in spec.verbs:
            continue
        objects = _children(complement, "dobj")
        if not any(_subtree_classes(o, ctx).keys() & {"weapons", "technology"} for o in objects):
            continue
        helped = [a for t in helped_tokens for a in resolve(t, ctx)] or grammatical_subjects(complement, ctx)
        for agent in helpers:
            for target in _targets(helped, agent):
                findings.append(Finding(agent, spec.relation or "transfers_technology_to", target,
                                        complement.i, spec.strength, "develop:help"))
    return findings
