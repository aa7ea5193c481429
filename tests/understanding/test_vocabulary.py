"""Free text → canonical KB keys, including typos and the KB's own aliases."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("MLE", "ml_engineer"),
        ("ml eng", "ml_engineer"),
        ("Machine-Learning Engineers", "ml_engineer"),
        ("machin lerning engineer", "ml_engineer"),
        ("AI engineers", "ai_engineer"),
        ("ai eng", "ai_engineer"),
        ("ml_engineer", "ml_engineer"),
        ("data engineer", None),
        ("plumber", None),
        ("", None),
        (None, None),
    ],
)
def test_role(norm, text, key):
    assert norm.role(text) == key


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Jr", "entry"),
        ("entry-level", "entry"),
        ("fresher", "entry"),
        ("mid-level", "mid"),
        ("snr", "senior"),
        ("Senior", "senior"),
        ("principal", None),
    ],
)
def test_level(norm, text, key):
    assert norm.level(text) == key


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("data prep", "data_preparation"),
        ("step 3", "model_development"),
        ("5", "deployment_integration"),
        ("deployment", "deployment_integration"),
        ("monitoring", "monitoring_maintenance"),
        ("ingestion", "data_ingestion"),
        ("lunch", None),
    ],
)
def test_stage(norm, text, key):
    assert norm.stage(text) == key


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("k8s", "Kubernetes"),
        ("sklearn", "Scikit-learn"),
        ("pytorch", "PyTorch"),
        ("MLflow", "MLflow"),
        ("sagemaker", "AWS SageMaker"),
        ("excel", None),
    ],
)
def test_tool(norm, text, name):
    assert norm.tool(text) == name


def test_us_locations(norm):
    assert norm.is_us("USA") and norm.is_us("the US") and norm.is_us("San Francisco")
    assert not norm.is_us("India") and not norm.is_us("") and not norm.is_us(None)


def test_job_titles_and_aspects(norm):
    assert norm.job_title("Data Scientists") == "data_scientist"
    assert norm.job_title("MLOps engineer") == "mlops_engineer"
    assert norm.aspect("who they work with") == "collaboration"
    assert norm.path_stage("basics") == "foundation"


def test_scan_vocabulary_leaves_out_common_words(norm):
    vocab = {(phrase, kind) for phrase, kind, _ in norm.vocabulary()}
    assert ("ml engineer", "role") in vocab and ("germany", "location") in vocab
    assert ("highest", "level") not in vocab and ("rest", "tool") not in vocab and ("us", "location") not in vocab
    assert norm.aspect("mainly focused on") == "primary_focus"
