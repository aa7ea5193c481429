"""Follow-ups that keep the thread (issue 26): a bare facet after a step, moves along a learning path from the
skills just named, the other path, both roles' stage, pay at the same level, and questions inside a scenario."""

from __future__ import annotations

from actions.answers.pipeline import render
from actions.understanding.understand import understand


def answer(kb, intent, text, previous=None, entities=()):
    questions = understand(kb, intent, list(entities), previous or {}, text)
    return questions[-1], render(kb, questions[-1]).text


def ent(kind: str, value: str) -> dict:
    return {"entity": kind, "value": value}


def test_a_bare_tools_question_after_a_step_is_that_steps_tools(kb):
    before = understand(kb, "ask_workflow", [ent("stage", "data preparation")], {}, "what happens in data preparation?")
    question, reply = answer(kb, "ask_tools", "what tools are used?", before[-1].context_slots())
    assert (question.topic, question.stage) == ("tools", "data_preparation") and "Pandas" in reply


def test_a_tools_question_asking_for_all_of_them_is_not_narrowed_to_the_step(kb):
    previous = {"topic": "workflow", "stage": "data_preparation"}
    question, _ = answer(kb, "ask_tools", "what tools are common overall?", previous)
    assert question.stage is None


def test_what_comes_after_the_skills_named_moves_from_their_stage(kb):
    entities = [ent("role", "ML engineer"), ent("skill", "ml algorithms"), ent("skill", "feature engineering")]
    text = "I'm on the ML engineer path. What comes after ML algorithms and feature engineering?"
    question, reply = answer(kb, "ask_learning_path", text, {}, entities)
    assert question.path_stage == "advanced" and "deep learning" in reply
    question, reply = answer(kb, "inform", "and then?", question.context_slots())
    assert question.path_stage == "enterprise_skills" and "lifecycle" in reply


def test_the_other_path_is_the_other_roles_path(kb):
    previous = {"topic": "learning_path", "role": "ml_engineer"}
    text = "what's at the advanced stage for the other path?"
    question, reply = answer(kb, "ask_learning_path", text, previous, [ent("path_stage", "advanced")])
    assert question.roles == ("ai_engineer",) and "MLOps" in reply


def test_the_other_roles_named_stage_is_that_stage(kb):
    previous = {"topic": "learning_path", "role": "ai_engineer", "path_stage": "enterprise_skills"}
    question, reply = answer(
        kb, "ask_other_role", "and the other role's advanced stage?", previous, [ent("path_stage", "advanced")]
    )
    assert (question.roles, question.path_stage) == (("ml_engineer",), "advanced") and "deep learning" in reply


def test_a_stage_between_them_is_both_roles_stage(kb):
    previous = {"topic": "learning_path", "role": "ml_engineer"}
    question, reply = answer(
        kb,
        "ask_role_comparison",
        "is the foundation stage any different between them?",
        previous,
        [ent("path_stage", "foundation")],
    )
    assert question.roles == () and "the same" in reply


def test_the_other_role_at_the_same_level_after_pay_is_its_pay(kb):
    previous = understand(
        kb, "ask_salary", [ent("role", "ML engineer"), ent("level", "entry")], {}, "starting salary for an ML engineer?"
    )[-1].context_slots()
    text = "how does that compare with the other role at the same level?"
    question, reply = answer(kb, "ask_skill_comparison", text, previous)
    assert question.topic in ("salary", "salary_comparison") and question.level == "entry" and "$85,000" in reply


def test_a_question_pointing_back_at_a_scenario_stays_in_it(kb):
    text = "In the customer support automation scenario, what does the AI engineer do?"
    before = understand(kb, "ask_scenarios", [ent("role", "AI engineer")], {}, text)[-1]
    question, reply = answer(kb, "ask_tools", "what systems does it get integrated with?", before.context_slots())
    assert question.topic == "scenarios" and "CRM" in reply
    question, reply = answer(
        kb,
        "ask_responsibilities",
        "the ML engineer trains what kind of models there?",
        question.context_slots(),
        [ent("role", "ML engineer")],
    )
    assert question.topic == "scenarios" and "intent classification" in reply


def test_who_does_what_the_scenario_names_stays_in_it(kb):
    before = understand(kb, "ask_scenarios", [], {}, "Walk me through the predictive analytics platform scenario.")[-1]
    question, reply = answer(kb, "ask_responsibilities", "who builds the dashboard APIs?", before.context_slots())
    assert question.topic == "scenarios" and "AI Engineer does that" in reply


def test_a_return_to_an_earlier_topic_moves_within_it(kb):
    text = (
        "What does the AI engineer's intermediate learning stage cover, and what's the mid-level salary for that role?"
    )
    before = understand(kb, "ask_salary", [ent("role", "AI engineer"), ent("level", "mid")], {}, text)[-1]
    question, reply = answer(
        kb, "ask_learning_path", "back to the AI one - what comes after intermediate?", before.context_slots()
    )
    assert (question.topic, question.path_stage) == ("learning_path", "advanced") and "MLOps" in reply


def test_a_place_set_aside_is_not_the_place_asked_about(kb):
    previous = {"topic": "salary", "role": "ai_engineer", "level": "senior", "location": "canada"}
    text = "ok forget canada. back to the US, what's the mid-level for it?"
    question, reply = answer(kb, "inform", text, previous, [ent("location", "US"), ent("level", "mid")])
    assert question.level == "mid" and "$110,000" in reply


def test_the_title_before_one_named_in_the_list_shown(kb):
    before = understand(kb, "ask_job_titles", [], {}, "What are the ML-focused roles?")[-1]
    question, reply = answer(
        kb, "ask_job_titles", "the one before NLP Engineer", before.context_slots(), [ent("job_title", "NLP Engineer")]
    )
    assert question.job_title == "mlops_engineer" and "MLOps Engineer" in reply
    question, reply = answer(
        kb, "ask_careers", "is that also a career people move into after learning AI?", question.context_slots()
    )
    assert question.job_title == "mlops_engineer" and reply.startswith("Yes")


def test_the_last_one_on_a_list_named_after_a_detour(kb):
    previous = {"topic": "salary", "job_title": "ai_consultant"}
    question, reply = answer(kb, "ask_other_role", "fine. what was the last one on that careers list again?", previous)
    assert question.topic == "careers" and "Cloud AI Specialist" in reply


def test_the_one_a_word_names_and_the_side_it_is_on(kb):
    previous = {"topic": "job_titles", "job_title": "mlops_engineer"}
    question, reply = answer(kb, "ask_other_role", "and the automation one, which side is that on?", previous)
    assert question.job_title == "intelligent_automation_engineer" and "AI-focused" in reply


def test_other_roles_on_that_side_after_a_titles_pay(kb):
    previous = {"topic": "salary", "job_title": "mlops_engineer"}
    question, reply = answer(kb, "ask_other_role", "what other roles are on that side?", previous)
    assert question.topic == "job_titles" and "NLP Engineer" in reply


def test_the_item_a_word_names_in_the_list_shown(kb):
    previous = {"topic": "why_it_matters"}
    question, reply = answer(kb, "inform", "expand on the cloud one", previous, [ent("skill", "cloud")])
    assert (question.topic, question.item) == ("why_it_matters", 2) and "scalability" in reply
    question, reply = answer(kb, "ask_other_role", "and the last one?", question.context_slots())
    assert question.item == -1 and "production-grade" in reply


def test_the_practice_a_word_names(kb):
    previous = {"topic": "best_practices"}
    question, reply = answer(kb, "inform", "and the testing one?", previous, [ent("stage", "testing")])
    assert (question.topic, question.item) == ("best_practices", 2) and "automated testing" in reply


def test_same_for_the_other_role_after_two_questions_repeats_both(kb):
    text = (
        "What does the AI engineer's intermediate learning stage cover, and what's the mid-level salary for that role?"
    )
    before = understand(kb, "ask_salary", [ent("role", "AI engineer"), ent("level", "mid")], {}, text)[-1]
    asked = understand(kb, "inform", [ent("role", "ML engineer")], before.context_slots(), "same for the ML engineer")
    assert [(q.topic, q.role) for q in asked] == [("learning_path", "ml_engineer"), ("salary", "ml_engineer")]
    assert (asked[0].path_stage, asked[1].level) == ("intermediate", "mid")


def test_one_question_after_two_is_answered_alone(kb):
    text = (
        "What does the AI engineer's intermediate learning stage cover, and what's the mid-level salary for that role?"
    )
    before = understand(kb, "ask_salary", [ent("role", "AI engineer"), ent("level", "mid")], {}, text)[-1]
    asked = understand(kb, "ask_salary", [ent("level", "senior")], before.context_slots(), "and the senior salary?")
    assert [q.topic for q in asked] == ["salary"]


def test_a_role_after_one_roles_steps_is_that_roles_steps_not_a_step_asked_before(kb):
    previous = understand(kb, "ask_tools", [], {"topic": "workflow"}, "what tools are used in the third one?")[-1]
    previous = understand(
        kb,
        "ask_workflow",
        [ent("role", "ML engineer")],
        previous.context_slots(),
        "which steps do ML engineers manage?",
    )[-1]
    question, reply = answer(kb, "inform", "what about AI engineers?", previous.context_slots(), [ent("role", "AI")])
    assert (question.topic, question.stage) == ("workflow", None) and "4 to 6" in reply


def test_the_first_one_after_a_roles_steps_is_the_first_of_them(kb):
    previous = {"topic": "workflow", "role": "ml_engineer"}
    question, _ = answer(kb, "ask_key_takeaways", "can you say more about the first one?", previous)
    assert question.stage == "data_preparation"


def test_where_the_roles_steps_overlap(kb):
    previous = {"topic": "workflow", "role": "ml_engineer"}
    question, reply = answer(kb, "ask_role_comparison", "so where do they overlap?", previous)
    assert (question.topic, question.stage) == ("workflow", "testing_validation")


def test_a_bare_role_after_one_roles_part_of_a_list_is_the_same_question(kb):
    previous = {"topic": "enterprise_constraints", "role": "ml_engineer"}
    question, _ = answer(kb, "inform", "and the AI engineer?", previous, [ent("role", "AI engineer")])
    assert (question.topic, question.roles) == ("enterprise_constraints", ("ai_engineer",))


def test_the_tool_a_word_names_in_the_group_shown(kb):
    before = understand(kb, "ask_tools", [], {}, "Which cloud AI platforms does the article name?")[-1]
    question, reply = answer(kb, "inform", "the Google one?", before.context_slots())
    assert question.tools == ("Google Vertex AI",) and "Vertex" in reply


def test_the_tool_a_word_names_in_the_step_shown(kb):
    previous = {"topic": "tools", "stage": "data_ingestion"}
    question, reply = answer(kb, "out_of_scope", "what's the Amazon one?", previous)
    assert question.tools == ("AWS S3",) and "S3" in reply


def test_the_one_a_word_names_points_back_for_triage(kb):
    from actions.understanding.triage import triage

    assert triage(kb, [], "the Google one?", "nlu_fallback", "tools").intents == ("inform",)


def test_a_question_with_a_subject_of_its_own_leaves_the_scenario(kb):
    previous = {"topic": "scenarios", "role": "ml_engineer", "subject": "scenario:predictive_analytics"}
    text = "what are the ML path's intermediate stage and its advanced stage?"
    asked = understand(
        kb, "ask_learning_path", [ent("path_stage", "intermediate"), ent("path_stage", "advanced")], previous, text
    )
    assert "scenarios" not in [q.topic for q in asked]


def test_a_title_a_word_names_with_a_question_of_its_own_is_not_only_its_side(kb):
    previous = {"topic": "careers"}
    text = "the consultant one sounds like me. what industries would that be in?"
    question, _ = answer(kb, "ask_careers", text, previous)
    assert question.job_title is None


def test_a_term_named_in_there_is_about_the_term(kb):
    from actions.understanding.triage import triage

    assert triage(kb, [], "is R in there?", "nlu_fallback", "skills").intents == ("ask_tools",)
    assert triage(kb, [], "what is tested there?", "nlu_fallback", "workflow").intents == ("inform",)


def test_after_a_place_without_figures_the_follow_up_gets_the_us_figures(kb):
    previous = understand(
        kb, "ask_salary", [ent("role", "AI engineer"), ent("location", "India")], {}, "AI engineer salary in India?"
    )[-1].context_slots()
    question, reply = answer(kb, "inform", "ok, what's senior there for AI?", previous, [ent("level", "senior")])
    assert question.location is None and "$140,000" in reply


def test_a_level_for_both_after_pay_compares_that_level(kb):
    previous = {"topic": "salary_comparison"}
    question, reply = answer(
        kb, "ask_role_comparison", "show me the mid-level for both", previous, [ent("level", "mid")]
    )
    assert question.topic == "salary_comparison" and "$115,000" in reply and "$110,000" in reply


def test_tools_to_do_a_step_are_that_steps_tools(kb):
    question, reply = answer(kb, "ask_tools", "what tools are used to prepare data?", {"topic": "responsibilities"})
    assert question.stage == "data_preparation" and "Pandas" in reply


def test_going_back_to_a_scenario_named_after_a_list(kb):
    previous = {"topic": "use_cases"}
    text = "go back to customer support - is there a worked example of it?"
    question, reply = answer(kb, "ask_scenarios", text, previous)
    assert question.scenario == "customer_support_automation" and "intent classification" in reply


def test_a_core_area_named_after_the_shared_skills_is_that_area(kb):
    previous = understand(kb, "ask_skills", [], {}, "what programming languages are part of the shared core skills?")
    slots = previous[-1].context_slots()
    question, reply = answer(kb, "inform", "data handling?", slots, [ent("aspect", "data handling")])
    assert (question.topic, question.aspect) == ("skills", None) and "SQL" in reply
    question, reply = answer(kb, "ask_tools", "cloud platforms?", slots, [ent("tool", "cloud platforms")])
    assert question.topic == "skills" and "Google Cloud" in reply


def test_a_skill_table_row_after_the_shared_skills_is_not_a_core_area(kb):
    previous = {"topic": "skills", "subject": "skill:Cloud platforms"}
    question, _ = answer(kb, "inform", "cloud services?", previous, [ent("skill", "cloud services")])
    assert "Cloud platforms" not in question.skills
