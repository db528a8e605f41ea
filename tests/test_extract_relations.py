"""Relations from dependency frames: one test per construction, on sentences written here."""
from __future__ import annotations

from alliance_graph.extract import claims_for_text


def triples(nlp, text: str, **kwargs) -> set[tuple[str, str, str]]:
    return {(c.subject, c.relation, c.object) for c in claims_for_text(nlp, text, **kwargs)}


def test_active_voice(nlp):
    assert ("Iran", "supplies_weapons_to", "Russia") in triples(
        nlp, "Iran delivered hundreds of attack drones to Russia last autumn.")


def test_passive_voice_with_by_agent(nlp):
    assert ("North Korea", "supplies_weapons_to", "Russia") in triples(
        nlp, "Millions of artillery shells were shipped to Russia by North Korea.")


def test_passive_voice_without_agent_takes_the_demonym_group(nlp):
    found = triples(nlp, "Thousands of North Korean soldiers have been deployed to the Kursk region.")
    assert ("North Korea", "deploys_troops_to", "Kursk") in found


def test_theme_class_decides_the_relation(nlp):
    assert ("North Korea", "supplies_labor_to", "Russia") in triples(
        nlp, "North Korea sent 5,000 construction workers to Russia.")
    assert ("North Korea", "deploys_troops_to", "Russia") in triples(
        nlp, "North Korea sent 5,000 soldiers to Russia.")
    assert ("North Korea", "supplies_weapons_to", "Russia") in triples(
        nlp, "North Korea sent 5,000 rockets to Russia.")
    # a theme of no known class yields no claim
    assert not triples(nlp, "North Korea sent a letter to Russia.")


def test_coordinated_subjects_give_one_claim_each(nlp):
    found = triples(nlp, "China and Iran have supplied drone engines and other components to Russia.")
    assert ("China", "transfers_technology_to", "Russia") in found
    assert ("Iran", "transfers_technology_to", "Russia") in found


def test_coordinated_objects(nlp):
    found = triples(nlp, "Belarus hosted talks with Russia and China in Minsk.")
    assert ("Belarus", "meets_with", "Russia") in found or ("Russia", "meets_with", "Belarus") in found
    assert ("Belarus", "meets_with", "China") in found or ("China", "meets_with", "Belarus") in found


def test_nominalization_with_of_and_to(nlp):
    found = triples(nlp, "Iran's transfer of ballistic missile technology to Russia worries Europe.")
    assert ("Iran", "transfers_technology_to", "Russia") in found


def test_nominalization_deployment_of_troops(nlp):
    found = triples(nlp, "Analysts discussed Pyongyang's deployment of 12,000 troops to Russia.")
    assert ("North Korea", "deploys_troops_to", "Russia") in found


def test_provide_recipient_with_theme(nlp):
    found = triples(nlp, "Russia has provided Pyongyang with oil and food.")
    assert ("Russia", "provides_economic_support_to", "North Korea") in found


def test_light_verb_hands_arguments_down(nlp):
    found = triples(nlp, "Tehran has begun shipping cruise missiles to Moscow.")
    assert ("Iran", "supplies_weapons_to", "Russia") in found


def test_help_x_improve_is_technology_transfer(nlp):
    found = triples(nlp, "Russia is helping North Korea improve its satellite launch rockets.")
    assert ("Russia", "transfers_technology_to", "North Korea") in found


def test_in_exchange_gives_claims_both_ways(nlp):
    found = triples(nlp, "North Korea sent artillery shells to Russia in exchange for oil.")
    assert ("North Korea", "supplies_weapons_to", "Russia") in found
    assert ("Russia", "provides_economic_support_to", "North Korea") in found


def test_turn_to_someone_for_something_is_a_supply(nlp):
    found = triples(nlp, "Moscow has turned to Tehran for drones.")
    assert ("Iran", "supplies_weapons_to", "Russia") in found


def test_apposition_carries_the_subject(nlp):
    found = triples(nlp, "Iran, a close partner of Moscow, has shipped drones to Russia.")
    assert ("Iran", "supplies_weapons_to", "Russia") in found


def test_relative_clause_subject(nlp):
    found = triples(nlp, "The sanctions target North Korea, which has sent troops to Russia.")
    assert ("North Korea", "deploys_troops_to", "Russia") in found


def test_possessive_support_for(nlp):
    found = triples(nlp, "Belarus's support for Russia has not wavered.")
    assert ("Belarus", "expresses_support_for", "Russia") in found


def test_support_noun_alone_is_not_political_support(nlp):
    found = triples(nlp, "The agreement also covers support for reconstruction in Kursk.")
    assert not any(rel == "expresses_support_for" for _s, rel, _o in found)


def test_cooperation_between_two_states(nlp):
    found = triples(nlp, "Military cooperation between Iran and Russia has deepened.")
    assert ("Iran", "cooperates_with", "Russia") in found or ("Russia", "cooperates_with", "Iran") in found


def test_hyphenated_pair_relations(nlp):
    found = triples(nlp, "Observers say China-Russia relations are at a high point.")
    assert ("China", "cooperates_with", "Russia") in found or ("Russia", "cooperates_with", "China") in found


def test_visit_to_a_capital_is_a_meeting_with_the_state(nlp):
    found = triples(nlp, "Iranian President Masoud Pezeshkian made a visit to Moscow in January.")
    assert ("Masoud Pezeshkian", "meets_with", "Russia") in found


def test_attack_verb_and_noun(nlp):
    assert ("Russia", "attacks", "Ukraine") in triples(nlp, "Russia fired 90 missiles at Ukraine overnight.")
    assert ("Ukraine", "attacks", "Russia") in triples(nlp, "Ukraine's drone strikes on Russia have intensified.")


def test_a_weapon_object_is_not_the_target(nlp):
    found = triples(nlp, "Russian forces launched Iranian drones at Ukrainian cities.")
    assert ("Russia", "attacks", "Ukraine") in found
    assert ("Russia", "attacks", "Iran") not in found


def test_sanctions_from_a_demonym(nlp):
    found = triples(nlp, "American sanctions on Iran were tightened in March.")
    assert ("United States", "sanctions", "Iran") in found


def test_controls_and_produces(nlp):
    assert ("Russia", "controls", "Kursk") in triples(nlp, "Russia regained control of the Kursk region.")
    assert ("Russia", "produces", "Shahed drone") in triples(nlp, "Russia now produces Shahed drones at home.")


def test_purpose_clause_happens_where_the_main_verb_sends(nlp):
    found = triples(nlp, "North Korea sent engineers to Russia to rebuild damaged bridges.")
    assert ("North Korea", "helps_rebuild", "Russia") in found


def test_group_acting_somewhere_is_a_deployment(nlp):
    found = triples(nlp, "North Korean troops are fighting in the Kursk region.")
    assert ("North Korea", "deploys_troops_to", "Kursk") in found


def test_represents_from_a_title(nlp):
    found = triples(nlp, "Chinese Foreign Minister Wang Yi praised the talks.")
    assert ("Wang Yi", "represents", "China") in found


def test_represents_from_a_possessive_title_apposition(nlp):
    found = triples(nlp, "Iran's defence minister, Aziz Nasirzadeh, arrived on Monday.")
    assert ("Aziz Nasirzadeh", "represents", "Iran") in found


def test_state_body_represents_its_state(nlp):
    found = triples(nlp, "Ukraine's Ministry of Defense published the figures.")
    assert any(rel == "represents" and "Defen" in subject and obj == "Ukraine"
               for subject, rel, obj in found)
    found = triples(nlp, "Belarus's Ministry of Emergency Situations sent rescuers.")
    assert any(rel == "represents" and "Emergency" in subject and obj == "Belarus"
               for subject, rel, obj in found)


def test_located_in_from_in_phrase_and_possessive(nlp):
    found = triples(nlp, "Workers arrived at the Alabuga Special Economic Zone in Russia's Tatarstan Republic.")
    assert ("Alabuga Special Economic Zone", "located_in", "Tatarstan") in found
    assert ("Tatarstan", "located_in", "Russia") in found


def test_no_claim_between_an_actor_and_itself(nlp):
    assert not any(s == o for s, _r, o in triples(nlp, "Moscow sent troops to Russia's border regions."))


def test_recommendations_are_not_claims(nlp):
    assert not triples(nlp, "Moscow must send more troops to the Kursk region.")


def test_journalists_do_not_speak_for_their_state(nlp):
    found = triples(nlp, "Russian journalists praised North Korea.")
    assert ("Russia", "expresses_support_for", "North Korea") not in found
