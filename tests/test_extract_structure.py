"""Structural claims (``located_in``, ``represents``) read off noun-phrase shapes that writers
use for where a body or site sits and whom an office holder acts for. Sentences are our own."""
from __future__ import annotations

import pytest

from alliance_graph.extract import claims_for_text


def triples(nlp, text: str) -> set[tuple[str, str, str]]:
    return {(c.subject, c.relation, c.object) for c in claims_for_text(nlp, text)}


def located(nlp, text: str) -> set[tuple[str, str]]:
    return {(s, o) for s, r, o in triples(nlp, text) if r == "located_in"}


# (sentence, subject, container): one row per construction; every sentence is our own
_LOCATED = [
    # the gazetteer knows "port of Rajin": the kind noun is inside the name
    ("Two freighters left the North Korean port of Rajin at dawn.", "Rajin", "North Korea"),
    # a region noun after a name NER found alone
    ("The cargo reached the Qinzhou terminal in the southern Guangxi region.", "Qinzhou terminal", "Guangxi"),
    # a company of its city
    ("The Treasury listed Kestrel Avionics of Shenzhen on Monday.", "Kestrel Avionics", "Shenzhen"),
    # a city in the noun phrase that describes a company
    ("Pupils booked the trip through the Khabarovsk travel agency Amur Tours last spring.", "Amur Tours", "Khabarovsk"),
    ("The Treasury sanctioned a Guangzhou electronics firm, Kestrel Avionics, on Monday.",
     "Kestrel Avionics", "Guangzhou"),
    ("The Treasury sanctioned the Ningbo-based parts supplier Kestrel Avionics.", "Kestrel Avionics", "Ningbo"),
    # "located", "registered" participles; a clause after a list is about the item it follows
    ("Investigators visited the Kupol plant, located in the Udmurt Republic, last year.", "Kupol", "Udmurtia"),
    ("They ran Kestrel Trading Ltd., a Macau front company, and Osprey Shipping Co., registered in the "
     "Marshall Islands.", "Osprey Shipping Co.", "Marshall Islands"),
    ("They ran Kestrel Trading Ltd., a Macau front company, and Osprey Shipping Co., registered in the "
     "Marshall Islands.", "Kestrel Trading Ltd.", "Macau"),
    # a participle after the name, wherever the parser hangs it
    ("Prosecutors named Halvard Microsystems Co., Ltd., based in Dalian, as the buyer.",
     "Halvard Microsystems Co., Ltd.", "Dalian"),
    # names listed after a colon, after a noun said to be somewhere
    ("Brussels also listed two plants in Turkey: Kestrel Refining Ltd. and Marmara Polymer Ltd.",
     "Marmara Polymer Ltd.", "Turkey"),
    # a second "in" phrase after a comma
    ("The wagons were unloaded in Tikhoretsk, in southern Russia, on Friday.", "Tikhoretsk", "Russia"),
    # a research body in its city (also a capital)
    ("Analysts at the Harwell Defence Institute in Leeds tracked the ships.", "Harwell Defence Institute", "Leeds"),
    ("A fellow at the Carnegie Endowment in Washington wrote the report.", "Carnegie Endowment", "Washington"),
    # a region of a state
    ("Shelling hit villages in the Belgorod region of the Russian Federation.", "Belgorod", "Russia"),
    # the earlier of two sites shares the place of the last
    ("Grain ships sailed to the port of Dunai and the Zarubino port in Primorsky Krai.", "Dunai", "Primorsky Krai"),
    # where a relative clause or an "on" puts a site
    ("Officials say Alabuga, which sits in the Republic of Tatarstan, has grown fast.",
     "Alabuga Special Economic Zone", "Tatarstan"),
    ("The Utrenneye terminal, which stands on the Gydan peninsula, opened in 2023.", "Utrenneye", "Gydan Peninsula"),
    ("Investors fear delays at the Salmanov gas plant on the Gydan peninsula.", "Salmanov", "Gydan Peninsula"),
    # a part of a place is in the place
    ("Satellites passed over Nampo, the busy port in North Korea's far north-east.", "Nampo", "North Korea"),
    # an "in" the parser hangs on the first of two sites, taken for the one the gazetteer puts there
    ("Barges ran between the DPRK port of Rajin and the Russian port of Dunai in Primorsky Krai.",
     "Dunai", "Primorsky Krai"),
    ("Barges ran between the DPRK port of Rajin and the Russian port of Dunai in Primorsky Krai.",
     "Rajin", "North Korea"),
    # a known zone written in lower case
    ("Satellite photos show cranes at Rajin in the Rason special economic zone.", "Rajin", "Rason"),
]

_NOT_LOCATED = [
    # a demonym says nationality, not where a company sits
    ("The Treasury sanctioned a Chinese electronics firm, Kestrel Avionics, on Monday.", "Kestrel Avionics", "China"),
    ("They ran Kestrel Trading Ltd., a Macau front company, and Osprey Shipping Co., registered in the "
     "Marshall Islands.", "Kestrel Trading Ltd.", "Marshall Islands"),
    # a state body in the capital acts for the state; it is no located company
    ("The Foreign Ministry in Beijing issued a protest on Tuesday.", "Chinese Foreign Ministry", "Beijing"),
    # the gazetteer puts Rajin elsewhere: no sharing, and no misread conjunct
    ("Grain ships sailed to the port of Rajin and the Zarubino port in Primorsky Krai.", "Rajin", "Primorsky Krai"),
    ("Freighters ran between the port of Rajin and two Russian harbours at Posyet and Zarubino in "
     "Primorsky Krai.", "Rajin", "Primorsky Krai"),
    # "on the border" is beside a state, not in it
    ("Kestrel built the Amur gas plant on the border with China.", "Amur gas plant", "China"),
    # near a town is not in it
    ("Skiers stay at the Masikryong resort near Wonsan.", "Masikryong", "Wonsan"),
]


@pytest.mark.parametrize(("text", "subject", "container"), _LOCATED)
def test_located_in_construction(nlp, text, subject, container):
    assert (subject, container) in located(nlp, text)


@pytest.mark.parametrize(("text", "subject", "container"), _NOT_LOCATED)
def test_no_located_in(nlp, text, subject, container):
    assert (subject, container) not in located(nlp, text)


def test_listing_row_names_a_body_then_its_city(nlp):
    table = ("Company | Location | Listed by | Role\n"
             "Kestrel Avionics Co. | Xiamen, China | US, EU | Drone engines\n"
             "Osprey Marine | 12 vessels | Shenzhen | none\n")
    found = located(nlp, table)
    assert ("Kestrel Avionics Co.", "Xiamen") in found
    assert not any(s == "Osprey Marine" for s, _o in found)  # a place in a later cell says nothing


def test_a_date_after_a_comma_is_no_place(nlp):
    assert not located(nlp, "They met in Moscow, in March.")


# (sentence, office holder, what they act for): one row per construction
_REPRESENTS = [
    # the title's state written between the title and the name (translated press)
    ("Minister of Foreign Affairs of the Republic of Belarus Maxim Ryzhenkov arrived in Hanoi.",
     "Maxim Ryzhenkov", "Belarus"),
    ("Chairman of the Presidium of the DPRK Supreme People's Assembly Choe Ryong Hae met the delegation.",
     "Choe Ryong Hae", "North Korea"),
    # an abbreviated title
    ("Australian PM Anthony Albanese spoke with reporters.", "Anthony Albanese", "Australia"),
    # the parser makes the body the apposition and hangs the title inside it
    ("Nikolai Patrushev, Secretary of Russia's Security Council, flew to Tehran.", "Nikolai Patrushev", "Russia"),
    # a name NER took for a place after a title
    ("The US envoy in Nairobi, Meg Whitman, left the post in December.", "Meg Whitman", "United States"),
    # the official of a leader acts for the leader's state
    ("The Kremlin said Putin's spokesman Oleg Tarasov would attend.", "Oleg Tarasov", "Russia"),
    # a past office joined to a present one does not undo it
    ("Ivan Sidorov, Putin's aide and a former security council secretary, visited Minsk.", "Ivan Sidorov", "Russia"),
]

# (sentence, person who acts for no one the sentence names)
_NO_REPRESENTS = [
    # a relative's "of" is no title
    ("Ri Sol Ju, the wife of leader Kim Jong Un, attended the concert.", "Ri Sol Ju"),
    # a past office alone
    ("Ivan Petrov, a former deputy prime minister of Russia, spoke on Monday.", "Ivan Petrov"),
]


@pytest.mark.parametrize(("text", "person", "principal"), _REPRESENTS)
def test_represents_construction(nlp, text, person, principal):
    assert (person, "represents", principal) in triples(nlp, text)


@pytest.mark.parametrize(("text", "person"), _NO_REPRESENTS)
def test_no_represents(nlp, text, person):
    assert not any(s == person and r == "represents" for s, r, _o in triples(nlp, text))


def test_a_counterpart_is_the_other_sides(nlp):
    found = triples(nlp, "Wang Yi greeted his Russian counterpart Sergei Lavrov at the airport.")
    assert ("Sergei Lavrov", "represents", "China") not in found
