"""Property tests: random claims, hostile labels included -> store -> every export -> parse -> same graph."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alliance_graph.extract.records import ACTOR_TYPES, MODALITIES, RELATIONS, Claim, Document
from alliance_graph.ontology.exports import EXPORT_FORMATS, serialize_store
from alliance_graph.ontology.iris import clean_text, normalize_label
from alliance_graph.ontology.store import ClaimStore
from alliance_graph.ontology.validation import store_union_graph, validate_graph

from store_samples import make_run, oxigraph_quads, rdflib_quads, store_quads, store_union

pytestmark = pytest.mark.filterwarnings("ignore:.*is deprecated.*:DeprecationWarning")

HOSTILE = [
    '<>"{}|^`\\', "A/B", "A_B", "A B", "A%2FB", ".", "..", "line\nbreak", "tab\there",
    "cr\rlf", "\u202eright-to-left\u202c", "zero\u200bwidth", "\ufeffbom", "🙂", "ä\u0308",
    "x\x00y\x1f", "'; DROP ALL; --", '"} } INSERT DATA {', "@prefix a: <b> .", "_:b0",
    "\\u0022", "<http://evil/>", "a\u2028b\u0085c", "#fragment", "?query=1&x",
]
# Any text: surrogates excluded because Python strings holding them cannot be UTF-8 encoded.
any_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=30)
labels = (st.sampled_from(HOSTILE) | any_text).filter(lambda s: normalize_label(s) != "")
optional_text = st.none() | st.sampled_from(HOSTILE) | any_text
dates = st.none() | st.sampled_from(["2024-10-05", "2024-10", "2024", "2024-02-30", "yesterday",
                                     "2024-10-05T12:00:00Z", "0000", ""])


@st.composite
def documents_with_claims(draw: st.DrawFn) -> tuple[Document, list[Claim]]:
    source = draw(st.sampled_from(HOSTILE) | any_text.filter(bool))
    document = Document(
        id=source, text="(text)", title=draw(optional_text),
        url=draw(st.none() | st.sampled_from(["https://example.org/a b", "not a url",
                                              "https://example.org/x?y=<1>&z=%zz"]) | any_text),
        published=draw(dates), outlet=draw(optional_text),
    )
    claims = []
    for _ in range(draw(st.integers(0, 4))):
        start = draw(st.none() | st.integers(0, 10_000))
        claims.append(Claim(
            subject=draw(labels), relation=draw(st.sampled_from(RELATIONS)), object=draw(labels),
            source=source,
            subject_type=draw(st.none() | st.sampled_from(ACTOR_TYPES)),
            object_type=draw(st.none() | st.sampled_from(ACTOR_TYPES + ("Alien",))),
            evidence=draw(optional_text),
            char_start=start, char_end=None if start is None else start + draw(st.integers(0, 500)),
            confidence=draw(st.none() | st.floats(0, 1)),
            modality=draw(st.sampled_from(MODALITIES)),
            quantity=draw(optional_text), resource=draw(optional_text), date=draw(dates),
            attributed_to=draw(optional_text),
            subject_qid=draw(st.none() | st.sampled_from(["Q423", "Q159", "not-a-qid"])),
            object_role=draw(optional_text),
        ))
    return document, claims


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(documents_with_claims(), min_size=1, max_size=3))
def test_every_export_format_round_trips(batch):
    with ClaimStore(None) as store:
        store.replace_documents([(doc, claims, "hash") for doc, claims in batch], make_run())
        quads, union = store_quads(store), store_union(store)
        for name, fmt in EXPORT_FORMATS.items():
            data = serialize_store(store, name)
            expected = quads if fmt.keeps_graphs else union
            assert oxigraph_quads(data, fmt.oxigraph_name) == expected, name
            assert rdflib_quads(data, fmt.rdflib_name) == expected, name


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents_with_claims(), documents_with_claims())
def test_replacing_a_document_is_exact_and_idempotent(first, second):
    document, claims = first
    with ClaimStore(None) as reference, ClaimStore(None) as store:
        # The store ends with `document` holding `claims`, after holding other claims first.
        reference.replace_document(document, claims, "hash", make_run())
        store.replace_document(document, second[1], "old", make_run())
        store.replace_document(document, claims, "hash", make_run())
        assert store_quads(store) - store_quads(reference) <= _run_usage(store)
        count = store.triple_count()
        store.replace_document(document, claims, "hash", make_run())
        assert store.triple_count() == count


def _run_usage(store: ClaimStore) -> set[str]:
    """The runs graph may mention the earlier write; nothing else may differ."""
    return {q for q in store_quads(store) if "/graph/runs>" in q}


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents_with_claims())
def test_well_formed_random_claims_conform_to_the_shapes(document_and_claims):
    document, claims = document_and_claims
    with ClaimStore(None) as store:
        store.replace_document(document, claims, "hash", make_run())
        report = validate_graph(store_union_graph(store))
    assert report.conforms, report.summary()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents_with_claims())
def test_claims_read_back_from_the_store_map_to_the_same_graph(document_and_claims):
    document, claims = document_and_claims
    with ClaimStore(None) as first, ClaimStore(None) as second:
        first.replace_document(document, claims, "hash", make_run())
        read_back = list(first.iter_claims())
        assert all(claim.source == clean_text(document.source) for claim in read_back)
        second.replace_document(document, read_back, "hash", make_run())
        assert store_quads(second) == store_quads(first)
