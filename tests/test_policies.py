"""components/policies.py: past states shared between the policies of one prediction equal Rasa's own."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from components.policies import SharedStatesMemoizationPolicy, SharedStatesRulePolicy, cached_past_states

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def domain() -> Domain:
    return Domain.load(str(ROOT / "domain.yml"))


def _tracker(domain: Domain) -> DialogueStateTracker:
    intent = domain.intents[0]
    events = [
        ActionExecuted("action_listen"),
        UserUttered("hello", intent={"name": intent, "confidence": 1.0}),
        ActionExecuted(domain.action_names_or_texts[-1]),
        SlotSet(domain.slots[0].name, "x") if domain.slots else ActionExecuted("action_listen"),
        ActionExecuted("action_listen"),
        UserUttered("and then?", intent={"name": domain.intents[1], "confidence": 0.9}),
    ]
    return DialogueStateTracker.from_events("test-policies", events, slots=domain.slots)


FLAGS = [
    {},
    {"ignore_rule_only_turns": True},
    {"omit_unset_slots": True},
    {"rule_only_data": {"slots": ["a"], "loops": []}},
]


@pytest.mark.parametrize("flags", FLAGS)
def test_shared_states_equal_rasas_and_are_copies(domain: Domain, flags: dict):
    tracker = _tracker(domain)
    expected = tracker.past_states(domain, **flags)
    first = cached_past_states(tracker, domain, **flags)
    assert first == expected
    first[-1].clear()  # the featurizers delete keys from the last state: the next caller must not see that
    assert cached_past_states(tracker, domain, **flags) == expected


def test_a_new_event_is_seen_and_a_copy_of_the_tracker_has_its_own_states(domain: Domain):
    import copy

    tracker = _tracker(domain)
    before = cached_past_states(tracker, domain)
    copied = copy.deepcopy(tracker)
    tracker.update(ActionExecuted(domain.action_names_or_texts[-1]))
    after = cached_past_states(tracker, domain)
    assert after == tracker.past_states(domain) and after != before
    assert cached_past_states(copied, domain) == copied.past_states(domain) == before


@pytest.mark.parametrize("policy_class", [SharedStatesRulePolicy, SharedStatesMemoizationPolicy])
def test_predictions_equal_the_policy_without_shared_states(tmp_path, domain: Domain, policy_class):
    """Trained on the project's stories and rules; every prefix of every story predicts the same either way."""
    from rasa.core.training import load_data
    from rasa.engine.graph import ExecutionContext, GraphSchema
    from rasa.engine.storage.local_model_storage import LocalModelStorage
    from rasa.engine.storage.resource import Resource

    storage = LocalModelStorage(tmp_path)
    context = ExecutionContext(GraphSchema({}), "test")
    policy = policy_class.create(policy_class.get_default_config(), storage, Resource("p"), context)
    trackers = load_data(str(ROOT / "data"), domain, augmentation_factor=0)
    policy.train(trackers, domain)
    checked = 0
    for full in trackers[:40]:
        for prefix in full.generate_all_prior_trackers():
            tracker = DialogueStateTracker.from_events("t", list(prefix[0].events), slots=domain.slots)
            plain = policy_class.__mro__[2].predict_action_probabilities(policy, tracker, domain)
            shared = policy.predict_action_probabilities(tracker, domain)
            assert shared.probabilities == plain.probabilities and shared.policy_name == plain.policy_name
            del policy.featurizer.__dict__["_create_states"]  # back to Rasa's own for the next `plain`
            checked += 1
    assert checked > 100


def test_remembered_rule_matches_equal_rasas_check_on_every_story_prefix(tmp_path, domain: Domain):
    """The loaded RulePolicy's memo of fitting rule keys gives Rasa's own answer, and predictions stay the same."""
    from rasa.core.policies.rule_policy import RULES, RulePolicy
    from rasa.core.training import load_data
    from rasa.engine.graph import ExecutionContext, GraphSchema
    from rasa.engine.storage.local_model_storage import LocalModelStorage
    from rasa.engine.storage.resource import Resource

    storage = LocalModelStorage(tmp_path)
    context = ExecutionContext(GraphSchema({}), "test")
    config = SharedStatesRulePolicy.get_default_config()
    policy = SharedStatesRulePolicy.create(config, storage, Resource("p"), context)
    trackers = load_data(str(ROOT / "data"), domain, augmentation_factor=0)
    policy.train(trackers, domain)
    reference = SharedStatesRulePolicy.create(config, storage, Resource("p"), context)
    reference.__dict__.update({k: v for k, v in policy.__dict__.items() if k != "_careerbot_rule_keys"})
    policy.remember_rule_matches()
    lookup, checked, differ, longer = policy.lookup[RULES], 0, 0, 0
    depth = max(len(json.loads(key)) for key in lookup)
    for full in trackers:
        for prefix in full.generate_all_prior_trackers():
            tracker = DialogueStateTracker.from_events("t", list(prefix[0].events), slots=domain.slots)
            states = tracker.past_states(domain)
            expected = RulePolicy._get_possible_keys(reference, lookup, states)
            assert policy._get_possible_keys(lookup, states) == expected
            assert policy._get_possible_keys(lookup, states) == expected  # from the memo this time
            assert (
                policy.predict_action_probabilities(tracker, domain).probabilities
                == reference.predict_action_probabilities(tracker, domain).probabilities
            )
            differ += expected != set(lookup)
            longer += len(states) > depth
            checked += 1
    # real filtering happened (not just "every rule fits"), also on conversations longer than the longest rule
    assert checked > 200 and differ > 100 and longer > 50, (checked, differ, longer)
