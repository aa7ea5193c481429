"""Pure KB queries: the article's figures come back exactly, and comparisons are computed right."""

from __future__ import annotations

import pytest

from actions.reasoning import queries as q
from actions.understanding import lookups


@pytest.mark.parametrize(
    ("role", "level", "low", "high", "open_ended"),
    [
        ("ai_engineer", "entry", 85_000, 110_000, False),
        ("ai_engineer", "mid", 110_000, 140_000, False),
        ("ai_engineer", "senior", 140_000, 170_000, True),
        ("ml_engineer", "entry", 90_000, 115_000, False),
        ("ml_engineer", "mid", 115_000, 145_000, False),
        ("ml_engineer", "senior", 145_000, 180_000, True),
    ],
)
def test_salary_bands_match_article(kb, role, level, low, high, open_ended):
    band = q.salary_band(kb, role, level)
    assert (band.low, band.high, band.open_ended) == (low, high, open_ended)


@pytest.mark.parametrize(
    ("level", "low", "high"), [("entry", 5_000, 5_000), ("mid", 5_000, 5_000), ("senior", 5_000, 10_000)]
)
def test_salary_gap_ml_over_ai(kb, level, low, high):
    gap = q.salary_gap(kb, level, "ml_engineer", "ai_engineer")
    assert (gap.low_diff, gap.high_diff, gap.higher_role) == (low, high, "ml_engineer")
    reverse = q.salary_gap(kb, level, "ai_engineer", "ml_engineer")
    assert (reverse.low_diff, reverse.higher_role) == (-low, "ml_engineer")


def test_stage_ownership(kb):
    assert [s.number for s in q.stages_owned_by(kb, "ai_engineer")] == [4, 5, 6]
    assert [s.number for s in q.stages_owned_by(kb, "ml_engineer")] == [2, 3, 4]
    assert q.roles_owning_stage(kb, "testing_validation") == ["ai_engineer", "ml_engineer"]
    assert q.roles_owning_stage(kb, "data_ingestion") == []


def test_skills_where_each_role_is_ahead(kb):
    ai = {name for name, _, _ in q.skills_where_ahead(kb, "ai_engineer")}
    ml = {name for name, _, _ in q.skills_where_ahead(kb, "ml_engineer")}
    assert ai == {"System Integration", "Cloud Deployment", "API & Microservices", "Cloud Services", "Security"}
    assert ml == {"Model Development", "Data Engineering", "ML Algorithms"}
    assert ("API & Microservices", "Advanced", "Basic") in q.skills_where_ahead(kb, "ai_engineer")


def test_tool_use(kb):
    mlflow = q.tool_use(kb, "MLflow")
    assert [c.key for c in mlflow.categories] == ["mlops_deployment"]
    assert [s.number for s in mlflow.stages] == [4]
    assert mlflow.roles == ["ai_engineer"]
    pandas = q.tool_use(kb, "Python (Pandas, NumPy)")
    assert [s.number for s in pandas.stages] == [2]
    assert q.tool_use(kb, "Excel") is None


def test_learning_path_and_titles(kb):
    assert q.learning_path(kb, "ml_engineer")[1] == ("Intermediate", ["ML algorithms", "feature engineering"])
    assert q.job_title_name(kb, "mlops_engineer") == "MLOps Engineer"
    assert q.other_role("ai_engineer") == "ml_engineer"


def test_shifted_stages(kb):
    assert lookups.shifted_stage(kb, "data_preparation", 1).key == "model_development"
    assert lookups.shifted_stage(kb, "data_ingestion", -1) is None
    assert lookups.shifted_learning_stage(kb, "foundation", 1).key == "intermediate"
    assert lookups.shifted_learning_stage(kb, "enterprise_skills", 1) is None


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("which company pays the most?", "companies"),
        ("demand growth in percent?", "demand_figures"),
        ("how long does it take to become an ML engineer?", "time_to_learn"),
        ("what do the courses cost?", "course_costs"),
        ("do they get bonuses or equity?", "pay_extras"),
        ("salary with 7 years of experience", "years_per_level"),
        ("how recent are these pay figures?", "salary_source"),
        ("what does an ML engineer earn?", None),
        ("what do AI engineers do at a company?", None),
        ('/ask_salary{"level": "senior"}', None),
    ],
)
def test_missing_fact(kb, text, key):
    fact = lookups.missing_fact(kb, text)
    assert (fact.key if fact else None) == key


def test_mentions_and_scenarios(kb):
    where = {w for w, _ in lookups.mentions(kb, "MLOps")}
    assert {"Specialised skills", "Tools", "Learning path", "Job titles"} <= where
    assert lookups.mentions(kb, "blockchain") == []
    assert lookups.scenario_for(kb, "the chatbot project") == "customer_support_automation"
    assert lookups.scenario_for(kb, "the forecasting one") == "predictive_analytics"
    assert lookups.scenario_for(kb, "nothing here") is None
