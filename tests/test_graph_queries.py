"""RDF store -> networkx, and the analyst's questions, on a real Oxigraph-backed ClaimStore."""
from __future__ import annotations

import networkx as nx
import pytest
from graph_samples import SAMPLE_CLAIMS, SAMPLE_EDGE_COUNT, SAMPLE_NODES, load_claims

from alliance_graph.errors import AllianceGraphError, UnknownActorError
from alliance_graph.graph.analytics import centrality, communities
from alliance_graph.graph.network import (
    diff,
    ego,
    neighbors,
    paths,
    read_neighborhood,
    resolve_actor,
    resolve_relation,
    subgraph,
    to_networkx,
    who,
    who_supplies,
)


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    store = load_claims(tmp_path_factory.mktemp("store"), SAMPLE_CLAIMS)
    yield store
    store.close()


@pytest.fixture(scope="module")
def graph(store) -> nx.MultiDiGraph:
    return to_networkx(store)


def test_nodes_carry_label_type_and_qid(graph):
    assert set(graph) == SAMPLE_NODES
    assert graph.nodes["North Korea"]["type"] == "State"
    assert graph.nodes["North Korea"]["qid"] == "Q423"
    assert graph.nodes["Shahed drone"]["type"] == "Product"
    assert graph.nodes["Tatarstan"]["qid"] is None


def test_one_edge_per_triple_with_claims_sources_confidence_and_modality(graph):
    assert graph.number_of_edges() == SAMPLE_EDGE_COUNT
    edge = graph.edges["North Korea", "Alabuga Special Economic Zone", "supplies_labor_to"]
    assert edge["sources"] == ["a.txt", "b.txt"]
    assert edge["source_count"] == 2
    assert edge["confidence"] == pytest.approx(0.9)
    assert edge["modality"] == "asserted"  # the strongest of asserted and reported
    assert len(edge["claims"]) == 2
    best = edge["claims"][0]
    assert best["evidence"].startswith("North Korea has sent thousands of workers")
    assert best["quantity"] == "thousands" and best["resource"] == "workers"
    assert best["url"] == "https://example.org/a" and best["published"] == "2024-06-01"
    assert best["subject"] == "North Korea" and best["object_type"] == "Facility"
    weapons = graph.edges["North Korea", "Russia", "supplies_weapons_to"]
    assert weapons["modality"] == "reported"
    assert weapons["claims"][0]["attributed_to"] == "South Korean intelligence"


def test_negated_claims_are_left_out_unless_asked_for(store, graph):
    assert not graph.has_node("China")
    with_denials = to_networkx(store, modalities=["asserted", "negated"])
    assert with_denials.edges["China", "Russia", "supplies_weapons_to"]["modality"] == "negated"
    assert not with_denials.has_edge("North Korea", "Russia")  # only reported


def test_filters_relations_types_sources_dates_confidence(store):
    only_weapons = to_networkx(store, relations=["supplies weapons to"])
    assert {k for _, _, k in only_weapons.edges(keys=True)} == {"supplies_weapons_to"}
    states = to_networkx(store, actor_types=["state"])
    assert set(states) == {"North Korea", "Russia", "Iran"}
    assert to_networkx(store, min_sources=2).number_of_edges() == 1
    recent = to_networkx(store, since="2024-01-01")
    assert not recent.has_node("Iran")  # its only claim is from 2023-03-10
    early = to_networkx(store, until="2023-12")
    assert early.has_edge("Choe Son Hui", "Sergei Lavrov")
    assert not early.has_node("Tatarstan")
    confident = to_networkx(store, min_confidence=0.8)
    assert not confident.has_edge("Russia", "North Korea")


@pytest.mark.parametrize("bad", [
    {"relations": ["sells_to"]}, {"actor_types": ["Planet"]}, {"modalities": ["maybe"]},
    {"since": "last week"},
])
def test_bad_filters_raise_user_errors(store, bad):
    with pytest.raises(AllianceGraphError):
        to_networkx(store, **bad)


def test_resolve_actor_by_case_alias_and_qid(graph):
    assert resolve_actor(graph, "north korea") == "North Korea"
    assert resolve_actor(graph, "q159") == "Russia"
    assert resolve_actor(graph, "DPRK") == "North Korea"  # the gazetteer's aliases
    assert resolve_actor(graph, "the Kremlin") == "Russia"  # and metonyms
    with pytest.raises(UnknownActorError) as caught:
        resolve_actor(graph, "Nort Korea")
    assert caught.value.suggestions[0] == "North Korea"
    assert "Did you mean: North Korea" in str(caught.value)
    assert resolve_actor(graph, "Alabuga") == "Alabuga Special Economic Zone"  # gazetteer alias
    with pytest.raises(UnknownActorError) as partial:
        resolve_actor(graph, "economic zone")
    assert partial.value.suggestions == ["Alabuga Special Economic Zone"]


def test_neighbors_by_direction_and_relation(graph):
    outgoing = neighbors(graph, "North Korea", direction="out")
    assert [(link.relation, link.object) for link in outgoing] == [
        ("supplies_labor_to", "Alabuga Special Economic Zone"), ("supplies_weapons_to", "Russia")]
    incoming = neighbors(graph, "North Korea", direction="in")
    assert [(link.subject, link.relation) for link in incoming] == [
        ("Russia", "transfers_technology_to")]
    assert len(neighbors(graph, "North Korea")) == 3
    assert [link.object for link in neighbors(graph, "north korea", relation="supplies_weapons_to")] == ["Russia"]


def test_symmetric_relations_count_both_ways(graph):
    assert [link.subject for link in who(graph, "meets_with", "Choe Son Hui")] == ["Choe Son Hui"]
    assert len(who(graph, "meets_with", "Sergei Lavrov")) == 1


def test_who_supplies_russia(graph):
    found = who(graph, "supplies_weapons_to", "Russia")
    assert [link.subject for link in found] == ["Iran", "North Korea"]
    assert found[1].evidence == ["Pyongyang reportedly shipped artillery shells to Moscow."]
    assert {link.subject for link in who_supplies(graph, "Alabuga Special Economic Zone")} == {"North Korea"}


def test_paths_give_each_hop_with_evidence(graph):
    found = paths(graph, "Iran", "Tatarstan", max_hops=4)
    assert found, "Iran reaches Tatarstan through Russia, North Korea and Alabuga"
    first = found[0]
    assert [hop.relation for hop in first] == [
        "supplies_weapons_to", "supplies_weapons_to", "supplies_labor_to", "located_in"]
    assert first[1].subject == "North Korea" and first[1].object == "Russia"  # real direction
    assert all(hop.claims and hop.claims[0]["evidence"] for hop in first)
    assert len(found) == 2  # via supplies_weapons_to and via transfers_technology_to
    assert paths(graph, "Iran", "Tatarstan", max_hops=3) == []
    with pytest.raises(AllianceGraphError):
        paths(graph, "Iran", "Russia", max_hops=0)


def test_centrality_rankings(graph):
    by_degree = centrality(graph, by="degree", top=3)
    assert by_degree[0][0] in {"Russia", "North Korea", "Alabuga Special Economic Zone"}
    assert len(by_degree) == 3
    pagerank = dict(centrality(graph, top=None))
    assert sum(pagerank.values()) == pytest.approx(1.0)
    assert pagerank["Russia"] > pagerank["Iran"]
    between = dict(centrality(graph, by="betweenness", top=None))
    assert max(between, key=between.get) == "Alabuga Special Economic Zone"  # links 2 leaves
    assert between["Tatarstan"] == between["Iran"] == 0.0
    with pytest.raises(AllianceGraphError):
        centrality(graph, by="fame")


def test_communities_are_repeatable(graph):
    found = communities(graph)
    assert found == communities(graph)
    assert ["Choe Son Hui", "Sergei Lavrov"] in found
    assert sorted(actor for group in found for actor in group) == sorted(SAMPLE_NODES)


def test_ego_graph(graph):
    around = ego(graph, "Alabuga Special Economic Zone")
    assert set(around) == {"Alabuga Special Economic Zone", "North Korea", "Shahed drone", "Tatarstan"}
    assert set(ego(graph, "Tatarstan", radius=2)) >= {"North Korea", "Shahed drone"}


def test_diff_between_dates(graph):
    change = diff(graph, "2023-12-31", "2024-12-31")
    added = {(link.subject, link.relation, link.object) for link in change.added}
    assert ("North Korea", "supplies_labor_to", "Alabuga Special Economic Zone") in added
    removed = {(link.subject, link.relation) for link in change.removed}
    assert removed == {("Iran", "supplies_weapons_to"), ("Choe Son Hui", "meets_with")}
    with pytest.raises(AllianceGraphError):
        diff(graph, "2025-01-01", "2024-01-01")


def test_subgraph_for_rendering(graph):
    view = subgraph(graph, actor="Russia", radius=1, relations=["supplies_weapons_to"])
    assert set(view) == {"Russia", "Iran", "North Korea"}
    assert subgraph(graph, min_sources=2).number_of_edges() == 1


def _edges(graph: nx.MultiDiGraph) -> list[tuple[str, str, str, list]]:
    return sorted((u, v, k, d["claims"]) for u, v, k, d in graph.edges(keys=True, data=True))


def test_reading_around_an_actor_gives_the_same_answers_as_the_whole_graph(store, graph):
    around = to_networkx(store, actors=["dprk"])  # aliases resolve against the store's actors
    assert {(u, v) for u, v in around.edges()} == {
        (u, v) for u, v in graph.edges() if "North Korea" in (u, v)}
    assert neighbors(around, "North Korea") == neighbors(graph, "North Korea")
    assert who_supplies(to_networkx(store, actors=["Russia"]), "Russia") == who_supplies(graph, "Russia")
    both = to_networkx(store, actors=["Iran", "Tatarstan"])
    assert {"Iran", "Tatarstan"} <= set(both) and "Choe Son Hui" not in both
    with pytest.raises(UnknownActorError, match="Did you mean: North Korea"):
        to_networkx(store, actors=["North Corea"])


@pytest.mark.parametrize("actor, radius", [("Russia", 1), ("Tatarstan", 2), ("Alabuga Special Economic Zone", 1)])
def test_read_neighborhood_is_the_ego_graph_of_the_whole_graph(store, graph, actor, radius):
    expected = ego(graph, actor, radius)
    found = read_neighborhood(store, actor, radius)
    assert set(found) == set(expected)
    assert _edges(found) == _edges(expected)


def test_read_neighborhood_applies_the_filters_before_walking(store):
    weapons_only = to_networkx(store, relations=["supplies_weapons_to"])
    found = read_neighborhood(store, "Russia", 2, relations=["supplies_weapons_to"])
    assert _edges(found) == _edges(ego(weapons_only, "Russia", 2))
    assert set(found) == {"Russia", "Iran", "North Korea"}


def test_claims_per_edge_can_be_capped_and_still_counted(store, graph):
    capped = to_networkx(store, max_claims_per_edge=1)
    for u, v, key, data in graph.edges(keys=True, data=True):
        kept = capped.edges[u, v, key]
        assert kept["claims"] == data["claims"][:1]  # the strongest one
        assert kept["claim_count"] == data["claim_count"] == len(data["claims"])
        assert (kept["sources"], kept["confidence"], kept["modality"]) == (
            data["sources"], data["confidence"], data["modality"])
    with pytest.raises(AllianceGraphError):
        to_networkx(store, max_claims_per_edge=0)


def test_resolve_relation_spellings():
    assert resolve_relation("suppliesWeaponsTo") == "supplies_weapons_to"
    assert resolve_relation("deploys-troops-to") == "deploys_troops_to"
    with pytest.raises(AllianceGraphError, match="Did you mean: supplies_weapons_to"):
        resolve_relation("supply_weapons_to")


def test_a_large_store_reads_fast(tmp_path):
    """Two queries for the whole store, not one per edge: 2,000 claims read in well under 5 s."""
    import time

    from alliance_graph.extract.records import Claim, Document

    batch = {}
    for index in range(50):
        document = Document(id=f"doc{index}.txt", text="(text)", published="2024-01-01")
        batch[document] = [
            Claim(subject=f"Actor {index}", relation="cooperates_with", object=f"Actor {j}",
                  source=document.id, evidence=f"Actor {index} works with Actor {j}.",
                  char_start=j, char_end=j + 10, confidence=0.7)
            for j in range(40)
        ]
    store = load_claims(tmp_path / "big", batch)
    started = time.perf_counter()
    graph = to_networkx(store)
    elapsed = time.perf_counter() - started
    store.close()
    assert graph.number_of_nodes() == 50
    assert sum(len(d["claims"]) for _, _, d in graph.edges(data=True)) == 2000
    assert elapsed < 5.0, f"to_networkx took {elapsed:.2f}s for 2,000 claims"


def test_an_rdflib_dataset_loaded_from_a_trig_export_gives_the_same_graph(store, graph, tmp_path):
    from rdflib import Dataset

    store.export("trig", tmp_path / "claims.trig")
    dataset = Dataset()
    dataset.parse(tmp_path / "claims.trig", format="trig")
    again = to_networkx(dataset)
    assert set(again) == set(graph)
    assert sorted(again.edges(keys=True)) == sorted(graph.edges(keys=True))
    key = ("North Korea", "Alabuga Special Economic Zone", "supplies_labor_to")
    assert again.edges[key]["claims"] == graph.edges[key]["claims"]
