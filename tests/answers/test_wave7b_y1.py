"""Wave 7b (y1): ratings asked with the verb, the data row worked with, items besides one, titles only listed,
'the full list', another rating elliptically, and 'where is it mentioned' after the term it points to."""

from __future__ import annotations

from actions.knowledge import KnowledgeBase
from actions.understanding.triage import triage
from tests.understanding.talking import talk


def test_how_a_skill_is_rated_is_the_skill_tables_not_the_step(kb: KnowledgeBase) -> None:
    _, reply = talk(kb, [("ask_workflow", "how would the article rate data engineering for the two roles?")])
    assert "Moderate" in reply and "Advanced" in reply and "Workflow step" not in reply


def test_the_kind_of_data_a_role_works_with_is_the_data_row(kb: KnowledgeBase) -> None:
    questions, reply = talk(kb, [("ask_responsibilities", "which sort of data does the ML engineer work with?")])
    assert [q.aspect for q in questions] == ["data_handling"]
    assert "Collaboration" not in reply


def test_languages_besides_one_are_the_other_items_of_that_area(kb: KnowledgeBase) -> None:
    _, reply = talk(kb, [("ask_skills", "which coding languages does it list apart from Python?")])
    assert "Java" in reply and "C++" in reply and "Mathematics" not in reply


def test_a_career_title_only_listed_is_said_to_be_undescribed(kb: KnowledgeBase) -> None:
    _, reply = talk(kb, [("ask_role_comparison", "how does an automation architect differ from a cloud ai specialist")])
    assert reply.startswith("The article does not describe the work of an Automation Architect")


def test_the_whole_list_points_back_into_the_thread(kb: KnowledgeBase) -> None:
    ranking = [{"name": "nlu_fallback", "confidence": 0.4}]
    decision = triage(kb, ranking, "show me the complete list", "nlu_fallback", "constraints")
    assert decision.kind == "answer"


def test_another_rating_said_alone_is_the_same_question(kb: KnowledgeBase) -> None:
    turns = [
        ("ask_skills", "what's the security rating in the summary table"),
        ("inform", "so medium for the ML engineer?"),
    ]
    _, reply = talk(kb, turns)
    assert "at that rating" in reply and "Cloud Services" in reply and "Security" in reply


def test_where_it_is_mentioned_after_asking_what_it_is(kb: KnowledgeBase) -> None:
    questions, reply = talk(kb, [("ask_challenges", "what is performance drift? where's it named")])
    assert questions[0].topic == "concept"
    assert "Monitoring and Maintenance" in reply and "Challenges" in reply


def test_little_as_a_size_does_not_negate_what_follows(kb: KnowledgeBase) -> None:
    from actions.reasoning.answer_matching import match_answer

    work = kb.advisor.questions[0]
    said = "my nephew codes small games and little websites and hooks up different APIs"
    assert match_answer(work, said, strong_only=True).option == "systems"
    assert match_answer(work, "she has little interest in backend services", strong_only=True).option == "models"


def test_the_other_job_is_the_other_role(kb: KnowledgeBase) -> None:
    turns = [("ask_salary", "AI engineer pay at mid level?"), ("inform", "and for the other job at that level?")]
    _, reply = talk(kb, turns)
    assert "Machine Learning Engineer, mid level" in reply


def test_a_listed_platform_asked_by_its_maker_is_that_platform(kb: KnowledgeBase) -> None:
    turns = [("ask_tools", "which cloud AI platforms?"), ("inform", "the second one is microsoft's right?")]
    _, reply = talk(kb, turns)
    assert reply.startswith("Azure Machine Learning")


def test_what_a_term_is_and_where_it_comes_up_is_one_question(kb: KnowledgeBase) -> None:
    questions, reply = talk(kb, [("ask_tools", "what is data drift, and where does it come up?")])
    assert len(questions) == 1
    assert "Monitoring and Maintenance" in reply


def test_what_a_tool_is_used_for_in_one_part_of_several_is_that_tool(kb: KnowledgeBase) -> None:
    questions, reply = talk(kb, [("ask_tools", "what is Kubeflow used for, and which step has Grafana?")])
    assert [q.topic for q in questions][0] == "tools"
    assert "Enterprise use cases" not in reply


def test_a_first_part_without_a_role_asks_of_everyone_when_a_later_part_names_one(kb: KnowledgeBase) -> None:
    turns = [
        ("ask_challenges", "what problems does an ML engineer deal with"),
        ("ask_challenges", "list the challenges teams run into, and which does the AI engineer take on"),
    ]
    questions, _ = talk(kb, turns)
    assert [q.role for q in questions] == [None, "ai_engineer"]


def test_where_it_comes_up_is_not_narrowed_by_the_threads_role(kb: KnowledgeBase) -> None:
    turns = [
        ("ask_responsibilities", "what's in the monitoring row for the AI engineer"),
        ("ask_role_definition", "what is data quality and availability? where does it show up"),
    ]
    questions, _ = talk(kb, turns)
    assert [q.topic for q in questions] == ["concept"]
