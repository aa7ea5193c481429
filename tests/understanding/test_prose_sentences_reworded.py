"""The article's prose sentences (a trend of why the distinction matters, the workflow's intro, the FAQ answers on
doing both roles and on training) reached whatever words a question uses for them, first or as a follow-up."""

from __future__ import annotations

from actions.knowledge import KnowledgeBase
from actions.understanding.quotes import reworded
from actions.understanding.topics import detect_topics
from actions.understanding.triage import triage
from actions.understanding.understand import understand


def test_a_trend_reworded_is_that_trend(kb: KnowledgeBase) -> None:
    cloud = reworded(kb, "which skills do the cloud-hosted AI platforms end up demanding?")
    assert cloud is not None and (cloud.topic, cloud.item) == ("why_it_matters", 2)
    teams = reworded(kb, "what sort of specialists are teams often requiring nowadays?")
    assert teams is not None and (teams.topic, teams.item) == ("why_it_matters", 3)


def test_the_workflow_intro_reworded_is_the_workflow(kb: KnowledgeBase) -> None:
    found = reworded(kb, "what gets integrated by the larger enterprise workflows AI sits in?")
    assert found is not None and (found.topic, found.item) == ("workflow", None)


def test_a_few_shared_words_are_no_rewording(kb: KnowledgeBase) -> None:
    assert reworded(kb, "which skills are in demand?") is None  # a kind of figure the article lacks
    assert reworded(kb, "which cloud platforms should both roles know?") is None  # the shared core skill
    assert reworded(kb, "what standards must enterprise AI systems meet?") is None


def test_a_reworded_trend_wins_over_the_skill_tables_and_a_missing_figure(kb: KnowledgeBase) -> None:
    (question,) = understand(kb, "ask_skills", [], {}, "so what do cloud AI platforms demand, skill-wise?")
    assert (question.topic, question.item, question.skills, question.missing) == ("why_it_matters", 2, (), None)
    previous = {"topic": "why_it_matters"}
    (question,) = understand(kb, "ask_skill_gap", [], previous, "which cloud skills does that part say are in demand?")
    assert (question.topic, question.item, question.missing) == ("why_it_matters", 2, None)


def test_a_step_asked_in_the_workflows_words_keeps_its_step(kb: KnowledgeBase) -> None:
    (question,) = understand(kb, "ask_workflow", [], {}, "is security testing part of any workflow step?")
    assert question.stage == "testing_validation"


def test_team_and_company_size_words_ask_about_doing_both(kb: KnowledgeBase) -> None:
    for text in ("ok, and at large organisations?", "what about big companies?", "we're a 6-person startup"):
        assert "both_roles" in detect_topics(text, kb), text


def test_what_the_programs_give_and_who_runs_them_are_the_closing_pointer(kb: KnowledgeBase) -> None:
    for text in (
        "so what do those programmes offer, per the article?",
        "which company runs the courses it mentions?",
        "can I try one of the classes out first?",
        "what would someone gain from their courses?",
    ):
        assert "certifications" in detect_topics(text, kb), text


def test_a_free_class_on_the_site_is_not_off_topic(kb: KnowledgeBase) -> None:
    decided = triage(kb, [], "does the website have any free class I could join?", "out_of_scope")
    assert (decided.kind, decided.intents[:1]) == ("answer", ("ask_certifications",))
    decided = triage(kb, [], "what sort of training should I sign up for?", "out_of_scope")
    assert (decided.kind, decided.intents[:1]) == ("answer", ("ask_certifications",))


def test_what_makes_the_duties_blend_is_the_note_on_doing_both(kb: KnowledgeBase, encoder: None) -> None:
    previous = {"topic": "salary_factors"}
    text = "so what, per the article, decides which role duties get blended?"
    (question,) = understand(kb, "ask_responsibilities", [], previous, text)
    assert question.topic == "both_roles", question.reason


def test_ones_next_steps_are_no_workflow_steps(kb: KnowledgeBase) -> None:
    topics = detect_topics(kb=kb, text="which course provider does the post send people to as next steps?")
    assert topics == ["certifications"]
    assert "workflow" in detect_topics("what are the steps after deployment?", kb)


def test_what_else_that_role_makes_stays_that_roles(kb: KnowledgeBase) -> None:
    previous = {"topic": "role_definition", "role": "ai_engineer"}
    (question,) = understand(kb, "ask_role_definition", [], previous, "and what else does that role wire AI into?")
    assert (question.topic, question.roles) == ("role_definition", ("ai_engineer",))


def test_a_terse_kind_asked_exactly_points_back(kb: KnowledgeBase) -> None:
    decided = triage(kb, [], "which sorts of systems, specifically?", "nlu_fallback", "role_definition")
    assert (decided.kind, decided.intents) == ("answer", ("inform",))


def test_a_demo_enrolling_and_a_corporation_are_named(kb: KnowledgeBase) -> None:
    assert "certifications" in detect_topics("do they run a demo I could sit in on?", kb)
    assert "certifications" in detect_topics("where would I enrol?", kb)
    assert "both_roles" in detect_topics("and inside a huge corporation?", kb)


def test_what_decides_the_blending_after_the_comparison_is_the_blending_note(kb: KnowledgeBase) -> None:
    previous = {"topic": "role_comparison"}
    (question,) = understand(kb, "ask_role_comparison", [], previous, "so what decides if the two roles blend?")
    assert question.topic == "both_roles", question.reason


def test_the_trends_own_words_name_why_it_matters(kb: KnowledgeBase) -> None:
    for text in ("what sort of specialists do teams go looking for?", "production-grade systems, who keeps them up?"):
        assert "why_it_matters" in detect_topics(text, kb), text
    assert detect_topics("what do specialists earn?", kb) == ["salary"]


def test_a_big_company_in_passing_is_no_question_about_team_size(kb) -> None:
    from actions.understanding.topics import detect_topics

    assert "both_roles" not in detect_topics(
        "what keeps big companies from just shipping AI models whenever they want", kb
    )
    assert "both_roles" in detect_topics("and at big companies?", kb)
