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

from alliance_graph.extract.actors import FACILITY_HEADS, Mention, sentence_of
from alliance_graph.extract.frames import Arg, Context, Finding, _as_city, resolve

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

_CONTAINERS = ("Place", "State")
_LOCATED = ("Place", "Facility", "Organization")
_STATE_SIDE = ("State", "Bloc")
# Media speak about states, not for them: "North Korea's official news agency" is no state body.
_MEDIA_WORDS = frozenset({"news", "media", "newspaper", "broadcaster", "television", "radio", "tv"})


def structural_findings(ctx: Context) -> list[Finding]:
    findings: list[Finding] = []
    in_titles: set[int] = set()  # tokens of office holders' titles
    for mention in ctx.mentions:
        if mention.type == "Person" and mention.kind not in ("pronoun",):
            in_titles |= {t.i for t in _title_tokens(ctx.doc[mention.start:mention.end], ctx)}
    findings += _locative_chains(ctx)
    for mention in ctx.mentions:
        if mention.kind in ("pronoun",):
            continue
        span = ctx.doc[mention.start:mention.end]
        if mention.type in _LOCATED and mention.kind not in ("metonym", "demonym") \
                and not _water_body(mention, ctx):
            findings += _located_in(mention, span, ctx)
        if mention.type == "Product":
            findings += _made_by(mention, span, ctx)
        elif mention.type in ("State", "Bloc", "Organization"):
            findings += _funded_by(mention, span, ctx)
        # A body acts for its state too (DESIGN.md: "a person or body speaks or acts for a
        # state"); writers disagree on annotating it, which its calibrated confidence shows.
        if mention.type == "Person":
            findings += _person_represents(mention, span, ctx)
        elif mention.type == "Organization" and mention.start not in in_titles:
            # "secretary of Russia's Security Council": the person represents, not the body
            findings += _body_represents(mention, span, ctx)
    return _most_specific_places(findings, ctx)


def _water_body(mention: Mention, ctx: Context) -> bool:
    """Seas, oceans and straits border states; they do not lie in one ("the Caspian ...
    five countries border it: Russia, Iran ...")."""
    words = {w.lower() for w in mention.label.split()}
    return mention.type == "Place" and bool(words & ctx.lexicon.words("water_words"))


def _most_specific_places(findings: list[Finding], ctx: Context) -> list[Finding]:
    """Where a place or facility sits, said once: when the article puts it in a region ("the
    Iranian port of Amirabad in Mazandaran province", "Alabuga, in Tatarstan" ... "Russia's
    Alabuga"), the state is implied and only the region is claimed."""
    gazetteer = ctx.gazetteer
    if gazetteer is None:
        return findings
    implied: set[tuple[str, str]] = set()
    in_region = {f.subject.mention.label for f in findings
                 if f.relation == "located_in" and f.object.mention.type == "Place"}
    for finding in findings:
        if finding.relation == "located_in" and finding.object.mention.type == "Place":
            label = finding.object.mention.label
            for _step in range(6):  # region -> federal district -> state
                actor = gazetteer.actors.get(label)
                if actor is None or not actor.located_in:
                    break
                label = actor.located_in
                implied.add((finding.subject.mention.label, label))
    return [f for f in findings if not (
        f.relation == "located_in" and f.object.mention.type in _STATE_SIDE
        and ((f.subject.mention.label, f.object.mention.label) in implied
             or f.subject.mention.label in in_region))]


def _locative_chains(ctx: Context) -> list[Finding]:
    """'The factory sits inside the Alabuga zone in the republic of Tatarstan': each place
    of a locative verb lies in the next one named."""
    found: list[Finding] = []
    verbs = ctx.lexicon.words("locative_verbs")
    for verb in ctx.doc:
        if verb.lemma_.lower() not in verbs or verb.pos_ not in ("VERB", "AUX"):
            continue
        chain: list[Arg] = []
        for child in sorted(verb.children, key=lambda c: c.i):
            if child.dep_ in ("nsubj", "nsubjpass"):
                chain += resolve(child, ctx)[:1]
            elif child.dep_ == "prep" and child.lower_ in ("in", "inside", "within"):
                chain += [a for o in child.children if o.dep_ == "pobj" for a in resolve(o, ctx)[:1]]
        chain = [a for a in chain if a.mention.type in (*_LOCATED, *_CONTAINERS)
                 and a.mention.kind != "metonym"]
        for inner, outer in zip(chain, chain[1:]):
            if inner.mention.type in _LOCATED and outer.mention.type in _CONTAINERS \
                    and inner.mention.label != outer.mention.label:
                found.append(Finding(inner, "located_in", outer, verb.i, 0.8, "located_in:verb"))
    return found


def _made_by(mention: Mention, span: Span, ctx: Context) -> list[Finding]:
    """'the Turkish-built TB2', 'Russian-made Lancet drones': the maker produces it."""
    participles = ctx.lexicon.words("product_maker_participles")
    root = span.root
    holders = [root, root.head] if root.dep_ in ("compound", "nmod") and root.head.i not in ctx.index else [root]
    found: list[Finding] = []
    for holder in holders:
        for child in holder.children:
            if child.dep_ != "amod" or child.i >= span.start or child.lower_ not in participles:
                continue
            for maker in child.children:
                named = ctx.index.get(maker.i)
                if maker.dep_ in ("npadvmod", "compound", "nmod", "amod") and named is not None \
                        and named.type in ("State", "Organization", "Facility"):
                    found.append(Finding(Arg(named, maker.i, via="modifier"), "produces",
                                         _arg(mention, root), child.i, 0.75, "produces:made"))
    return found


def _funded_by(mention: Mention, span: Span, ctx: Context) -> list[Finding]:
    """'the Chinese-funded Lamu port', 'a Chinese-financed railway in Kenya': the funder
    invests in the facility, or in the place it is built in."""
    last = span[-1]
    participle = last.head
    if last.dep_ not in ("npadvmod", "compound", "nmod", "amod") or participle.dep_ != "amod" \
            or participle.lower_ not in ctx.lexicon.words("investment_participles"):
        return []
    project = participle.head
    named = ctx.index.get(project.i)
    if named is not None and named.type in ("Facility", "Place"):
        targets = [Arg(named, project.i)]
    elif project.lemma_.lower() in ctx.lexicon.site_nouns or project.lemma_.lower() in ("project", "scheme"):
        targets = [a for prep in project.children if prep.dep_ == "prep" and prep.lower_ in ("in", "across")
                   for o in prep.children if o.dep_ == "pobj" for a in resolve(o, ctx)
                   if a.mention.type in ("Place", "State")]
    else:
        return []
    funder = Arg(mention, last.i, via="modifier")
    targets = [_as_city(t) for t in targets]  # "a stadium in Freetown" is in the city
    return [Finding(funder, "invests_in", t, participle.i, 0.75, "invests_in:funded")
            for t in targets if t.mention.label != mention.label]


def _arg(mention: Mention, token: Token) -> Arg:
    return Arg(mention, token.i)


def _located_in(mention: Mention, span: Span, ctx: Context) -> list[Finding]:
    root = span.root
    found: list[Finding] = []
    containers: list[tuple[Arg, str]] = []
    owners = [root]
    if (root.dep_ in ("compound", "nmod") or (root.dep_ == "amod" and root.pos_ == "PROPN")) \
            and root.head.i not in ctx.index \
            and root.head.lemma_.lower() in _REGION_NOUNS | FACILITY_HEADS:
        # "Russia's Bashkortostan Republic": the name is a compound (not "North Korea's Kursk
        # deployment": a place modifying an event is not owned by the possessor)
        owners.append(root.head)
    for child in [c for owner in owners for c in owner.children]:
        # "the Zaporizhzhia plant at Enerhodar": a facility is at a place too
        at = ("at",) if mention.type == "Facility" else ()
        if child.dep_ == "prep" and child.lower_ in ("in", "inside", *at):
            for obj in [_named_region(o, ctx) for o in child.children if o.dep_ == "pobj"]:
                if obj.i in ctx.index:
                    inner = ctx.index[obj.i]
                    if inner.kind != "metonym" and (child.lower_ != "at" or inner.type == "Place"):
                        containers.append((Arg(inner, obj.i), "located_in:in"))
        elif child.dep_ == "poss" and child.i < span.start and child.i in ctx.index \
                and ctx.index[child.i].kind != "metonym":
            # "Pyongyang's Sunan airport" is in the city, not a claim about the state
            containers.append((Arg(ctx.index[child.i], child.i), "located_in:poss"))
        elif child.dep_ == "appos":
            # "Kursk, a region of Russia"; "Zabaikalsk, a border town in Zabaykalsky Krai"
            inner = ctx.index.get(child.i)
            args = [Arg(inner, child.i)] if inner is not None else []
            # "Enerhodar, Europe's largest": a possessor of a bare superlative ranks, it does not contain
            args += [Arg(ctx.index[c.i], c.i) for c in child.children if c.dep_ == "poss" and c.i in ctx.index
                     and child.pos_ in ("NOUN", "PROPN")]
            for prep in child.children:
                if prep.dep_ == "prep" and prep.lower_ in ("of", "in"):
                    args += [Arg(ctx.index[o.i], o.i) for o in prep.children
                             if o.dep_ == "pobj" and o.i in ctx.index and ctx.index[o.i].kind != "metonym"]
            for arg in args:
                containers.append((arg, "located_in:appos"))
    # "Fire Point, a Kyiv-based company": the city the body is based in
    for holder in [root, *[c for c in root.children if c.dep_ == "appos"]]:
        for based in holder.children:
            if based.lower_ == "based":
                # "a Kyiv-based company"; "X, based in Vladivostok"
                places = [*based.children, *[o for p in based.children if p.dep_ == "prep" and p.lower_ == "in"
                                             for o in p.children if o.dep_ == "pobj"]]
                for place in places:
                    inner = ctx.index.get(place.i)
                    if inner is not None:
                        containers.append((_as_city(Arg(inner, place.i)), "located_in:based"))
    for kind in [c for c in root.children if c.dep_ == "appos"]:
        # "Redlepus Vector Industry, a Shenzhen firm": a company described by its city (a
        # demonym, "a Chinese firm", says nationality, not where it sits)
        if ctx.lexicon.name_kinds.get(kind.lemma_.lower()) == "Organization":
            for place in kind.children:
                inner = ctx.index.get(place.i)
                if place.dep_ == "compound" and inner is not None and inner.type == "Place" \
                        and inner.kind not in ("metonym", "demonym"):
                    containers.append((Arg(inner, place.i), "located_in:based"))
    # "the Russian republic of Tatarstan", "the Ukrainian city of Kharkiv"
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.pos_ == "NOUN":
        kind = root.head.head
        water = ctx.lexicon.words("water_words")
        for child in kind.children:
            if child.dep_ == "compound" and child.i in ctx.index and ctx.index[child.i].type == "Place":
                continue  # "the Yelabuga district of Tatarstan": the district is named, it does not contain
            if child.dep_ in ("amod", "poss", "compound") and child.i in ctx.index \
                    and child.lower_ not in water:  # "the Black Sea resort of X" is on, not in, it
                containers.append((Arg(ctx.index[child.i], child.i), "located_in:kind"))
            elif child.dep_ == "prep" and child.lower_ == "in" and child.i > root.i:
                # "the town of Sudzha in the Kursk region"
                containers += [(Arg(ctx.index[o.i], o.i), "located_in:kind") for o in child.children
                               if o.dep_ == "pobj" and o.i in ctx.index and ctx.index[o.i].kind != "metonym"]
    if not containers and root.dep_ == "pobj" and root.head.lower_ in ("at", "near") \
            and root.head.head.pos_ == "NOUN":
        # "a naval pier at Tartus in Syria": the parser hangs "in Syria" on the pier
        containers += [(Arg(ctx.index[o.i], o.i), "located_in:at") for prep in root.head.head.children
                       if prep.dep_ == "prep" and prep.lower_ == "in" and prep.i > root.i
                       for o in prep.children if o.dep_ == "pobj" and o.i in ctx.index
                       and ctx.index[o.i].kind != "metonym"]
    follower = ctx.doc[span.end] if span.end < len(ctx.doc) else None
    if not containers and mention.type == "Facility" and follower is not None and follower.lower_ == "in" \
            and root.dep_ == "pobj" and follower.head.i == root.head.head.i and follower.head.pos_ == "VERB":
        # "brought workers to the Alabuga zone in the republic of Tatarstan": the parser hangs
        # the "in" right after the facility on the verb
        containers += [(Arg(ctx.index[o.i], o.i), "located_in:in") for o in
                       (_named_region(p, ctx) for p in follower.children if p.dep_ == "pobj")
                       if o.i in ctx.index and ctx.index[o.i].kind != "metonym"]
    if mention.type == "Organization":
        containers = [c for c in containers if c[1] == "located_in:based"]
    elif mention.type == "Facility" and mention.kind == "ner" and root.lemma_.lower() not in FACILITY_HEADS:
        # "China's Zijin Mining": NER's "facility" may be a company; only "in"/apposition say where
        containers = [c for c in containers if c[1] != "located_in:poss"]
    for arg, rule in containers:
        low, high = sorted((root.i, arg.token_i))
        if any(t.text == "|" for t in ctx.doc[low:high]):
            continue  # cells of one table row ("Sinno | Shenzhen, China | ..."): no phrase
        if arg.mention.type in _CONTAINERS and arg.mention.label != mention.label:
            found.append(Finding(_arg(mention, root), "located_in", arg, root.i, 0.85, rule))
    shown = _container_in_name(mention, span, ctx, "located_in")
    if shown is not None and shown.mention.type in _STATE_SIDE:
        # "the Russian Far East" shows Russia; "Ryazan refinery" names a city, not a claim
        found.append(Finding(_arg(mention, root), "located_in", shown, root.i, 0.8, "located_in:name"))
    return found


_REGION_NOUNS = frozenset({"republic", "region", "province", "oblast", "krai", "district", "city",
                           "town", "territory", "state", "county", "prefecture"})


def _named_region(obj: Token, ctx: Context) -> Token:
    """'in the republic of Tatarstan': the place is the name after "of", not the noun."""
    if obj.i in ctx.index or obj.lemma_.lower() not in _REGION_NOUNS:
        return obj
    for prep in obj.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for name in prep.children:
                if name.dep_ == "pobj" and name.i in ctx.index and ctx.index[name.i].type == "Place":
                    return name
    return obj


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


def _state_of_body(mention: Mention, span: Span, ctx: Context) -> Arg | None:
    """The state a government body acts for, by the gazetteer: "State Department spokesman
    Matthew Miller" speaks for the United States though the body's name does not say so.
    Companies and international bodies (no state in ``represents``) keep their own officials."""
    gazetteer = ctx.gazetteer
    actor = gazetteer.actors.get(mention.label) if gazetteer is not None else None
    state = gazetteer.actors.get(actor.represents) if actor is not None and actor.represents else None  # type: ignore[union-attr]
    if state is None or state.type not in _STATE_SIDE:
        return None
    target = Mention(span.start, span.end, state.label, state.type, "alias", state.qid, None, span.text)
    return Arg(target, span.root.i)


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
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lower_ in ctx.lexicon.title_words:
        # "the governor of Tatarstan Rustam Minnikhanov" (translated press, no comma): the
        # parser makes the name the object of "of" and the body or region its compound
        named = [c for c in root.children if c.dep_ == "compound" and c.i < span.start
                 and (inner := ctx.index.get(c.i)) is not None and inner.type != "Person"
                 and inner.kind not in ("pronoun", "definite")]
        if named:
            tokens.append(root.head.head)
    for child in root.children:
        if child.dep_ == "appos" and child.pos_ in ("NOUN", "PROPN") and child.i not in ctx.index:
            # "Kim Yo Jong, the sister of leader Kim Jong Un": the title after "of" is another's
            titled = child.lower_ in ctx.lexicon.title_words
            tokens += [t for t in child.subtree if titled or t.i <= child.i]
    if not any(t.lower_ in ctx.lexicon.title_words for t in tokens):
        tokens += _surface_title(span, ctx)
    return tokens


# Words that may stand inside a title in front of a name: "Vietnamese President", "North
# Korea's defence minister", "the then-defence minister".
_TITLE_FILLERS = frozenset({"'s", "\u2019s", "the", "-", "foreign", "defense", "defence", "interior",
                            "finance", "justice", "prime", "vice", "deputy", "first", "national",
                            "security", "state", "affairs", "general", "then"})


def _surface_title(span: Span, ctx: Context) -> list[Token]:
    """The title written right before a name when the parser split the two ("President To
    Lam" read as a preposition "To"), or a title in apposition it took for a list item
    ("North Korea's defence minister, No Kwang Chol, and ..."). Read off the surface: the
    run of title words, fillers and state names just before the name (and its comma)."""
    doc = span.doc
    i = span.start - 1
    comma = i >= 0 and doc[i].text == ","
    if comma:
        after = doc[span.end] if span.end < len(doc) else None
        if after is not None and after.text not in (",", ".", ";"):
            return []  # "the minister, Kim Jong Un said": no closed apposition
        i -= 1
    sent_start = sentence_of(doc[span.start]).start
    tokens: list[Token] = []
    while i >= sent_start:
        token = doc[i]
        named = ctx.index.get(i)
        if token.lower_ in ctx.lexicon.title_words or token.lower_ in _TITLE_FILLERS \
                or (named is not None and named.type in (*_STATE_SIDE, "Organization")
                    and named.kind != "pronoun"):
            tokens.append(token)
            i -= 1
        else:
            break
    if not any(t.lower_ in ctx.lexicon.title_words for t in tokens):
        return []
    return tokens[::-1]


# Titles of who runs a region or a site (not "ambassador in Pretoria": an envoy is only there).
_HEAD_TITLES = frozenset({"governor", "mayor", "head", "director", "chairman", "chairwoman",
                          "administrator"})


def _person_represents(mention: Mention, span: Span, ctx: Context) -> list[Finding]:
    lex = ctx.lexicon
    tokens = _title_tokens(span, ctx)
    titled = any(t.lower_ in lex.title_words for t in tokens)
    if any(t.lower_.rstrip("-") in lex.not_in_office for t in tokens):
        return []  # "opposition leader Sviatlana Tsikhanouskaya", "former President X"
    if not titled:
        return _possessed_leader(mention, span, ctx)
    root = span.root
    states = []
    for token in tokens:
        inner = ctx.index.get(token.i)
        if inner is not None and inner.type in (*_STATE_SIDE, "Organization") and inner.label != mention.label:
            states.append(Arg(inner, token.i))
    if not states and any(t.lower_ in _HEAD_TITLES for t in tokens):
        # "the governor of the Saratov region, Roman Busargin", "the zone's general director":
        # who heads a region or a site acts for it
        states = [Arg(inner, t.i) for t in tokens if (inner := ctx.index.get(t.i)) is not None
                  and inner.type in ("Place", "Facility") and inner.kind not in ("metonym", "demonym", "pronoun")][:1]
    if any(a.mention.kind != "ner" for a in states):
        # "commander of the Space Command of the IRGC Aerospace Force": the known body, not
        # the unit NER found inside it
        states = [a for a in states if a.mention.kind != "ner"]
    found: list[Finding] = []
    gazetteer = ctx.gazetteer
    bodies: dict[str, Arg] = {}  # state label -> the body of the title that acts for it
    for i, arg in enumerate(states):
        # "Russian Security Council Secretary Sergei Shoigu": a body whose name shows its
        # state stands for that state. "State Department spokesman Matthew Miller": the
        # official of a body the gazetteer knows to act for a state represents both. A body
        # acting for no state keeps its officials ("IAEA chief Rafael Grossi").
        if arg.mention.type == "Organization":
            body_span = ctx.doc[arg.mention.start:arg.mention.end]
            shown = _container_in_name(arg.mention, body_span, ctx, "represents")
            if shown is not None and shown.mention.type in _STATE_SIDE:
                states[i] = shown  # the name says the state: the body adds nothing
                continue
            known = _state_of_body(arg.mention, body_span, ctx)
            if known is not None:
                states[i] = known
                bodies.setdefault(known.mention.label, arg)
    if states:
        states.sort(key=lambda a: a.mention.type != "State")
        first = states[0]
        found.append(Finding(_arg(mention, root), "represents", first, root.i, 0.9, "represents:title"))
        body = bodies.get(first.mention.label)
        if body is not None:
            found.append(Finding(_arg(mention, root), "represents", body, root.i, 0.9, "represents:title"))
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


def _possessed_leader(mention: Mention, span: Span, ctx: Context) -> list[Finding]:
    """"North Korea's Kim Jong Un": a state named as the owner of a person the gazetteer
    knows to act for it (not any "Russia's" person: dissidents do not represent)."""
    gazetteer = ctx.gazetteer
    actor = gazetteer.actors.get(mention.label) if gazetteer is not None else None
    if actor is None or not actor.represents:
        return []
    root = span.root
    for child in root.children:
        owner = ctx.index.get(child.i)
        if child.dep_ == "poss" and child.i < span.start and owner is not None \
                and owner.label == actor.represents:
            return [Finding(_arg(mention, root), "represents", Arg(owner, child.i), root.i, 0.85,
                            "represents:possessor")]
    return []


def _body_represents(mention: Mention, span: Span, ctx: Context) -> list[Finding]:
    lex = ctx.lexicon
    root = span.root
    shown = _container_in_name(mention, span, ctx, "represents")
    if shown is not None:
        return [Finding(_arg(mention, root), "represents", shown, root.i, 0.85, "represents:name")]
    words = {t.lower_ for t in span}
    if not words & lex.state_bodies or words & _MEDIA_WORDS:
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
