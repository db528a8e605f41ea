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
    findings += _table_rows(ctx)
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
    findings = [f for f in findings if not _contradicts_gazetteer(f, ctx)]
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


def _contradicts_gazetteer(finding: Finding, ctx: Context) -> bool:
    """A located_in the gazetteer rules out: both places known and on no common chain
    ("the DPRK port of Rajin and Russian ports at Dunai ... in Primorsky Krai" does not put
    Rajin in Primorsky Krai)."""
    gazetteer = ctx.gazetteer
    subject, container = finding.subject.mention.label, finding.object.mention.label
    if finding.relation != "located_in" or gazetteer is None:
        return False
    known = gazetteer.actors.get(subject)
    if known is None or not known.located_in or container not in gazetteer.actors:
        return False
    return not set(_containment_chain(known.located_in, ctx)) & set(_containment_chain(container, ctx))


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


def _table_rows(ctx: Context) -> list[Finding]:
    """'Sinno Electronics | Shenzhen, China | US, EU | ...': a listing row that names a body or
    site in its first cell and a place (", country") alone in the next says where it sits."""
    doc = ctx.doc
    found: list[Finding] = []
    for bar in (t.i for t in doc if t.text == "|"):
        start = bar
        while start > 0 and doc[start - 1].text != "|" and "\n" not in doc[start - 1].text:
            start -= 1
        if start > 0 and doc[start - 1].text == "|":
            continue  # not the row's first cell
        subject = ctx.index.get(start)
        if subject is None or subject.type not in ("Organization", "Facility") or subject.end != bar:
            continue
        end = bar + 1
        while end < len(doc) and doc[end].text != "|" and "\n" not in doc[end].text:
            end += 1
        place = ctx.index.get(bar + 1)
        if place is None or place.start != bar + 1 or not (place.type == "Place" or place.kind == "metonym"):
            continue
        rest = doc[place.end:end]
        if len(rest) and not (rest[0].text == "," and (inner := ctx.index.get(rest[0].i + 1)) is not None
                              and inner.end == end and inner.type in _CONTAINERS):
            continue  # the cell says more than a place
        container = _as_city(Arg(place, bar + 1))
        found.append(Finding(Arg(subject, start), "located_in", container, bar + 1, 0.75, "located_in:table"))
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
        if child.dep_ == "prep" and child.lower_ == "of" and child.i >= span.end and mention.type == "Organization":
            # "Kestrel Avionics of Shenzhen": a company of its city ("near" a town is not in it)
            containers += [(Arg(ctx.index[o.i], o.i), "located_in:city") for o in child.children
                           if o.dep_ == "pobj" and _is_town(o, ctx)]
        elif child.dep_ == "prep" and child.lower_ in ("in", "inside", *at):
            for obj in [_named_region(o, ctx) for o in child.children if o.dep_ == "pobj"]:
                if obj.i in ctx.index:
                    inner = ctx.index[obj.i]
                    if inner.kind != "metonym" and (child.lower_ != "at" or inner.type == "Place"):
                        containers.append((Arg(inner, obj.i), "located_in:in"))
                    elif inner.kind == "metonym" and mention.type == "Organization":
                        # "the Asan Institute in Seoul": a body in the capital, not in the state
                        containers.append((_as_city(Arg(inner, obj.i)), "located_in:city"))
        elif child.dep_ == "prep" and child.lower_ == "of" and child.i >= span.end \
                and mention.type == "Place" and root.lemma_.lower() in _REGION_NOUNS:
            # "the Kursk region of the Russian Federation"
            containers += [(Arg(ctx.index[o.i], o.i), "located_in:kind") for o in child.children
                           if o.dep_ == "pobj" and o.i in ctx.index and ctx.index[o.i].type == "State"
                           and ctx.index[o.i].kind != "metonym"]
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
                    # "Pokrovsk, the logistics hub in Donetsk region"
                    args += [Arg(ctx.index[o.i], o.i) for o in
                             (_named_region(p, ctx) for p in prep.children if p.dep_ == "pobj")
                             if o.i in ctx.index and ctx.index[o.i].kind != "metonym"]
            for arg in args:
                containers.append((arg, "located_in:appos"))
    # "Fire Point, a Kyiv-based company": the city the body is based in
    described = _described_by(root, span, ctx)
    holders = [root, *[c for c in root.children if c.dep_ == "appos"], *described]
    after = ctx.doc[span.end + 1] if span.end + 1 < len(ctx.doc) and ctx.doc[span.end].text == "," else None
    if after is not None and after.lower_ in _SITED_PARTICIPLES and after.head.i not in range(span.start, span.end):
        # "Kestrel Co., Ltd., based in Shenyang": the parser hangs the participle elsewhere
        containers += [(_as_city(Arg(ctx.index[o.i], o.i)), "located_in:based") for p in after.children
                       if p.dep_ == "prep" and p.lower_ in ("in", "inside") for o in
                       (_named_region(c, ctx) for c in p.children if c.dep_ == "pobj") if o.i in ctx.index]
    if root.dep_ == "conj":
        holders.append(root.head)  # "A Ltd. and B Co., registered in X": the parser hangs it on A
    for holder in holders:
        for based in holder.children:
            if based.lower_ in _SITED_PARTICIPLES and _nearest_conjunct(based) in (holder, root) \
                    and (holder is not root.head or based.i > root.i):
                # "a Kyiv-based company"; "X, based in Vladivostok"; "X, located in Y"
                places = [*[c for c in based.children if c.dep_ in ("npadvmod", "compound", "nmod")],
                          *[_named_region(o, ctx) for p in based.children
                            if p.dep_ == "prep" and p.lower_ in ("in", "inside")
                            for o in p.children if o.dep_ == "pobj"]]
                for place in places:
                    inner = ctx.index.get(place.i)
                    if inner is not None:
                        containers.append((_as_city(Arg(inner, place.i)), "located_in:based"))
    for kind in [*[c for c in root.children if c.dep_ == "appos"], *described]:
        # "Redlepus Vector Industry, a Shenzhen firm", "the Vladivostok tour operator X": a
        # company described by its city (a demonym, "a Chinese firm", says nationality, not
        # where it sits)
        if _kind_of(kind, ctx) == "Organization":
            for place in kind.children:
                inner = ctx.index.get(place.i)
                if place.dep_ in ("compound", "nmod") and inner is not None and inner.type == "Place" \
                        and inner.kind not in ("metonym", "demonym"):
                    containers.append((Arg(inner, place.i), "located_in:based"))
    # "the Russian republic of Tatarstan", "the Ukrainian city of Kharkiv"; "the DPRK port of
    # Rajin" when the gazetteer knows "port of Rajin" and the kind noun is inside the name
    kind = _kind_noun(root, span)
    if kind is not None:
        water = ctx.lexicon.words("water_words")
        for child in kind.children:
            if kind.i >= span.start and child.i >= span.start:
                continue  # words of the name itself
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
    if not containers and mention.type in ("Facility", "Place") and follower is not None and follower.lower_ == "in" \
            and follower.head.pos_ == "VERB" and follower.head.i == (
                root.head.head.i if root.dep_ == "pobj" else root.head.i if root.dep_ == "dobj" else -1):
        # "brought workers to the Alabuga zone in the republic of Tatarstan", "reached the
        # Beihai terminal in Guangxi": the parser hangs the "in" right after the facility on the verb
        containers += [(Arg(ctx.index[o.i], o.i), "located_in:in") for o in
                       (_named_region(p, ctx) for p in follower.children if p.dep_ == "pobj")
                       if o.i in ctx.index and ctx.index[o.i].kind != "metonym"]
    elif mention.type in ("Facility", "Place") and follower is not None \
            and follower.lower_ == "in" and follower.head.i not in range(span.start, span.end):
        # "between the port of Rajin and the port of Dunai in Primorsky Krai": the parser hangs
        # the "in" elsewhere; taken when the gazetteer already puts the site there
        known = ctx.gazetteer.actors.get(mention.label) if ctx.gazetteer is not None else None
        chain = _containment_chain(known.located_in, ctx) if known is not None and known.located_in else []
        containers += [(Arg(ctx.index[o.i], o.i), "located_in:in") for o in
                       (_named_region(p, ctx) for p in follower.children if p.dep_ == "pobj")
                       if o.i in ctx.index and ctx.index[o.i].label in chain]
    containers += _listed_after(mention, ctx)
    containers += _relative_site(mention, root, ctx)
    if not containers:
        containers += _shared_with_conjunct(mention, ctx)
    if not containers and mention.type == "Place" and root.dep_ == "pobj" and root.head.lower_ in ("in", "at") \
            and span.end + 2 < len(ctx.doc) and ctx.doc[span.end].text == "," \
            and ctx.doc[span.end + 1].lower_ == "in":
        # "depots in Tikhoretsk, in southern Russia": the second "in" says where the first place is
        containers += [(Arg(ctx.index[o.i], o.i), "located_in:in") for o in
                       (_named_region(c, ctx) for c in ctx.doc[span.end + 1].children if c.dep_ == "pobj")
                       if o.i in ctx.index and ctx.index[o.i].kind not in ("metonym", "pronoun")]
    if mention.type == "Organization":
        # "the Asan Institute in Seoul": a body sits in its city; not "the ministry in
        # Moscow" (a state body acts for the state) nor "the firm in China" (trade, not seat)
        body = bool({t.lower_ for t in span} & ctx.lexicon.state_bodies)
        containers = [c for c in containers if c[1] in ("located_in:based", "located_in:list")
                      or (c[1] == "located_in:city" and not body)
                      or (c[1] == "located_in:in" and not body and _is_town(ctx.doc[c[0].token_i], ctx))]
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


def _relative_site(mention: Mention, root: Token, ctx: Context) -> list[tuple[Arg, str]]:
    """'Alabuga, which lies in the Republic of Tatarstan', 'Arctic LNG 2, which is located on
    the Gydan peninsula', and a site "on" a peninsula or island ("the project on the Gydan
    peninsula"): where a relative clause or an "on" says the site is."""
    verbs = ctx.lexicon.words("locative_verbs")
    # "the Utrenneye terminal, which ...": the clause hangs on the facility noun after the name
    bearers = [root, root.head] if root.dep_ in ("compound", "nmod") and root.head.lemma_.lower() in FACILITY_HEADS \
        else [root]
    holders = [c for bearer in bearers for c in bearer.children if c.dep_ == "relcl" and c.lemma_.lower() in verbs
               and any(s.dep_ in ("nsubj", "nsubjpass") and s.lower_ in ("which", "that") for s in c.children)]
    if mention.type == "Facility":
        holders += bearers
    found: list[tuple[Arg, str]] = []
    for holder in holders:
        for prep in holder.children:
            if prep.dep_ != "prep" or prep.lower_ not in ("in", "inside", "on") \
                    or (holder in bearers and prep.lower_ != "on"):
                continue
            for obj in (_named_region(c, ctx) for c in prep.children if c.dep_ == "pobj"):
                # "the Gydan peninsula": the name NER found modifies the land noun
                obj = next((c for c in obj.children if c.dep_ in ("compound", "amod", "nmod") and c.i in ctx.index
                            and ctx.index[c.i].label.split()[-1].lower() == obj.lower_), obj)
                inner = ctx.index.get(obj.i)
                if inner is None or inner.kind in ("metonym", "pronoun") or inner.type not in _CONTAINERS:
                    continue
                if prep.lower_ == "on" and inner.label.split()[-1].lower() not in _LAND_WORDS:
                    continue  # "on the border", "on the Caspian": beside, not in
                found.append((Arg(inner, obj.i), "located_in:in"))
    return found


# Places a site is "on" and in: "on the Gydan peninsula", "on Sakhalin Island".
_LAND_WORDS = frozenset({"peninsula", "island", "islands"})


def _is_town(token: Token, ctx: Context) -> bool:
    """A named city or region (not a state, not a state named by its capital)."""
    inner = ctx.index.get(token.i)
    return inner is not None and inner.type == "Place" and inner.kind not in ("metonym", "demonym", "pronoun")


def _listed_after(mention: Mention, ctx: Context) -> list[tuple[Arg, str]]:
    """'sanctioned refineries in China: A and B', 'a refinery in India: C': the names listed
    after a colon sit where the noun before the colon is said to be. Read off the surface,
    since the parser seldom hangs a list after a colon on its noun."""
    doc = ctx.doc
    i = mention.start - 1
    while i > 0 and (doc[i].text in (",", "and") or (i in ctx.index and ctx.index[i].type == mention.type)):
        i -= 1  # back over the earlier items of the list
    if i < 3 or doc[i].text != ":":
        return []
    place = doc[i - 1]
    prep = place.head
    noun = doc[prep.i - 1]  # the noun written before "in", wherever the parser hung the "in"
    lex = ctx.lexicon
    if place.dep_ != "pobj" or prep.lower_ != "in" or noun.pos_ != "NOUN" or noun.i in ctx.index \
            or not (noun.lemma_.lower() in lex.site_nouns or lex.name_kinds.get(noun.lemma_.lower())):
        return []
    inner = ctx.index.get(place.i)
    if inner is None or inner.type not in _CONTAINERS or inner.kind in ("metonym", "pronoun"):
        return []
    return [(Arg(inner, place.i), "located_in:list")]


def _kind_of(noun: Token, ctx: Context) -> str | None:
    """The actor type a describing noun gives ("firm", "think tank")."""
    kinds = ctx.lexicon.name_kinds
    compounds = [c for c in noun.children if c.dep_ == "compound" and c.i == noun.i - 1]
    if compounds:
        found = kinds.get(f"{compounds[0].lower_} {noun.lemma_.lower()}")
        if found is not None:
            return found
    return kinds.get(noun.lemma_.lower())


def _shared_with_conjunct(mention: Mention, ctx: Context) -> list[tuple[Arg, str]]:
    """'the port of Dunai and the Vostochny port in Primorsky Krai': the place after the last
    of two sites holds the earlier one too, when the gazetteer does not put it elsewhere."""
    doc = ctx.doc
    span = doc[mention.start:mention.end]
    if any(t.dep_ == "conj" and t.head.i < mention.start for t in span):
        return []  # a later conjunct itself
    # "the port of Dunai and ...": the parser may join the later site to the name inside the span
    last = max((c for t in span for c in t.conjuncts if c.i >= mention.end), key=lambda t: t.i, default=None)
    if last is None:
        return []
    # "the Zarubino port": the later site's name may sit before its facility noun
    other = ctx.index.get(last.i) or next((ctx.index[c.i] for c in last.children
                                           if c.dep_ in ("compound", "nmod") and c.i in ctx.index), None)
    if other is None or other.type != mention.type:
        return []
    found: list[tuple[Arg, str]] = []
    for prep in last.children:
        if prep.dep_ == "prep" and prep.lower_ == "in":
            found += [(Arg(ctx.index[o.i], o.i), "located_in:in") for o in
                      (_named_region(c, ctx) for c in prep.children if c.dep_ == "pobj")
                      if o.i in ctx.index and ctx.index[o.i].type == "Place" and ctx.index[o.i].kind != "metonym"]
    gazetteer = ctx.gazetteer
    known = gazetteer.actors.get(mention.label) if gazetteer is not None else None
    if known is not None and known.located_in:
        chain = _containment_chain(known.located_in, ctx)
        found = [f for f in found if f[0].mention.label in chain]
    return found


def _containment_chain(label: str, ctx: Context) -> list[str]:
    """A place and every place the gazetteer puts it in, innermost first."""
    chain = [label]
    gazetteer = ctx.gazetteer
    while gazetteer is not None and len(chain) < 8:
        actor = gazetteer.actors.get(chain[-1])
        if actor is None or not actor.located_in:
            break
        chain.append(actor.located_in)
    return chain


def _kind_noun(root: Token, span: Span) -> Token | None:
    """The common noun that says what a place is: "city" in "the city of Kharkiv", also when
    the name as recognized takes it in ("port of Rajin")."""
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.pos_ == "NOUN":
        return root.head.head
    if root.pos_ == "NOUN" and root.i == span.start \
            and any(c.dep_ == "prep" and c.lower_ == "of" and c.i < span.end for c in root.children):
        return root
    return None


def _nearest_conjunct(word: Token) -> Token:
    """Of a head and its conjuncts, the last one written before ``word``: a clause after a
    list is about the item it follows."""
    head = word.head
    before = [c for c in head.conjuncts if c.i < word.i] if head.i < word.i else []
    return max([head, *before], key=lambda t: t.i)


def _described_by(root: Token, span: Span, ctx: Context) -> list[Token]:
    """The common noun that describes a name, in apposition or as its compound: "a Shenzhen
    trading company, Redlepus Vector Industry", "the Vladivostok tour operator Vostok Intur",
    "the Ningbo-based parts supplier X" (with the nouns compounded into it)."""
    head = root.head
    nouns = [head] if root.dep_ == "appos" and head.pos_ == "NOUN" and head.i < root.i \
        and head.i not in ctx.index else []
    nouns += [c for c in root.children if c.dep_ == "compound" and c.pos_ == "NOUN" and c.i < span.start
              and c.i not in ctx.index]
    return nouns + [c for noun in nouns for c in noun.children if c.dep_ == "compound" and c.pos_ == "NOUN"]


# Participles that say where a body or site sits: "a Kyiv-based firm", "X, located in Y".
_SITED_PARTICIPLES = frozenset({"based", "located", "situated", "headquartered", "registered"})

_REGION_NOUNS = frozenset({"republic", "region", "province", "oblast", "krai", "district", "city",
                           "town", "territory", "state", "county", "prefecture"})


def _named_region(obj: Token, ctx: Context) -> Token:
    """'in the republic of Tatarstan': the place is the name after "of", not the noun; 'in
    North Korea's far north-east', 'on the outskirts of Kyiv': the part of a place is in it."""
    if obj.i not in ctx.index and obj.lower_ in _PART_NOUNS:
        owners = [c for c in obj.children if c.dep_ == "poss"]
        owners += [o for p in obj.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children
                   if o.dep_ == "pobj"]
        for owner in (_named_region(o, ctx) for o in owners):
            inner = ctx.index.get(owner.i)
            if inner is not None and inner.type in _CONTAINERS and inner.kind not in ("demonym", "pronoun"):
                return owner
        return obj
    if obj.i in ctx.index or obj.lemma_.lower() not in _REGION_NOUNS:
        return obj
    for name in obj.children:
        # "in the southern Guangxi region": the region noun is not part of the name NER found
        if name.dep_ == "compound" and name.i in ctx.index and ctx.index[name.i].type == "Place" \
                and ctx.index[name.i].kind not in ("metonym", "demonym"):
            return name
    for prep in obj.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for name in prep.children:
                if name.dep_ == "pobj" and name.i in ctx.index and ctx.index[name.i].type == "Place":
                    return name
    return obj


# Parts of a place: what lies in one lies in the place ("in Russia's far north").
_PART_NOUNS = frozenset({"north", "south", "east", "west", "north-east", "northeast", "north-west",
                         "northwest", "south-east", "southeast", "south-west", "southwest", "outskirts",
                         "suburbs", "centre", "center", "interior", "heart"})


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
    state = _represented_by(mention, ctx)
    return Arg(state, span.root.i) if state is not None else None


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
            # "Putin's security council secretary and a former defence minister": a second,
            # past office joined by "and" does not undo the first
            past = ctx.lexicon.not_in_office
            joined = {t.i for c in child.children if c.dep_ == "conj"
                      and any(w.lower_.rstrip("-") in past for w in c.subtree) for t in c.subtree}
            tokens += [t for t in child.subtree if (titled or t.i <= child.i) and t.i not in joined]
        elif child.dep_ == "appos" and (body := ctx.index.get(child.i)) is not None and body.type == "Organization":
            # "Sergei Shoigu, Secretary of Russia's Security Council": the parser makes the body
            # the apposition and hangs the title inside it
            subtree = list(child.subtree)
            if any(t.lower_ in ctx.lexicon.title_words and not body.start <= t.i < body.end for t in subtree):
                tokens += subtree
    if not any(t.lower_ in ctx.lexicon.title_words for t in tokens):
        tokens += _surface_title(span, ctx)
    return tokens


# Words that may stand inside a title in front of a name: "Vietnamese President", "North
# Korea's defence minister", "the then-defence minister", "President of the Islamic Republic
# of Iran" (translated press puts the title's state between title and name).
_TITLE_FILLERS = frozenset({"'s", "\u2019s", "the", "of", "-", "foreign", "defense", "defence", "interior",
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
        elif inner is not None and inner.type == "Person" and inner.label != mention.label and token.dep_ == "poss" \
                and inner.kind != "pronoun" and not any(t.lower_ == "counterpart" for t in tokens):
            # "Putin's spokesman": the official of a leader acts for the leader's state (not
            # "his counterpart": the other side's)
            leader_state = _represented_by(inner, ctx)
            if leader_state is not None:
                states.append(Arg(leader_state, token.i))
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


def _represented_by(actor_mention: Mention, ctx: Context) -> Mention | None:
    """The state the gazetteer says a person or body acts for, as a mention in its place."""
    gazetteer = ctx.gazetteer
    actor = gazetteer.actors.get(actor_mention.label) if gazetteer is not None else None
    state = gazetteer.actors.get(actor.represents) if actor is not None and actor.represents else None  # type: ignore[union-attr]
    if state is None or state.type not in _STATE_SIDE:
        return None
    return Mention(actor_mention.start, actor_mention.end, state.label, state.type, "alias", state.qid, None,
                   actor_mention.text)


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
