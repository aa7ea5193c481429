"""RulePolicy and MemoizationPolicy that share one reading of the conversation per prediction.

Why: to predict one action, Rasa 3.6's RulePolicy turns the tracker into its list of past dialogue states two or
three times (for the rules with the message's text, with its intent, and for the loop checks) and the
MemoizationPolicy once more; every time by replaying all of the session's events from the start
(`Domain.states_for_tracker_history`). The states depend only on the events, the domain and three flags, so they
are computed once per (tracker, events so far, flags) and each caller gets its own copy (the featurizers delete
keys from the last state: `_choose_last_user_input`). Predictions are unchanged: tests/test_policies.py checks the
shared states against Rasa's own and the policies' predictions with and without them; tests/test_rasa_cli.py runs
the dialogue test stories (`rasa test core --fail-on-prediction-errors`) through these policies.

The cache lives on the tracker object, which `rasa run` reads anew from the tracker store for each message, and
holds only the states for the tracker's current events (a new event replaces them), so it cannot go stale nor
grow: a copy of the tracker (deepcopy) has its own event objects, so its key differs from the original's.

A loaded RulePolicy (serving, `rasa test`) also remembers which rules fit the end of a conversation: Rasa checks
every rule key against the states from the last one backwards, parsing each key's JSON again for every state, but
no rule is longer than the longest key, so the answer depends only on that many last states. It is kept per
lookup table for up to MEMO_SIZE such endings (`_get_possible_keys`); training never uses it (its tables change).

One visible difference: predictions carry the policy names `policy_N_SharedStatesRulePolicy` /
`..._SharedStatesMemoizationPolicy`, which `rasa test core`'s "in training data" fraction (it matches names ending
in `_RulePolicy`) does not count; nothing in careerbot reads policy names.
"""

from __future__ import annotations

import json
from typing import Any, Dict, FrozenSet, List, Set, Tuple

from rasa.core.policies.memoization import MemoizationPolicy
from rasa.core.policies.policy import PolicyPrediction
from rasa.core.policies.rule_policy import RulePolicy
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.core.domain import Domain, State
from rasa.shared.core.trackers import DialogueStateTracker

_CACHE = "_careerbot_past_states"
_MEMO = "_careerbot_rule_keys"  # on a loaded RulePolicy: {id(lookup): (lookup, depth, {states key: rule keys})}
MEMO_SIZE = 4096


def _copy(states: List[State]) -> List[State]:
    """A copy deep enough for the featurizers: they delete keys of a state's sub-dicts, values are immutable."""
    return [{name: dict(sub) for name, sub in state.items()} for state in states]


def cached_past_states(
    tracker: DialogueStateTracker,
    domain: Domain,
    omit_unset_slots: bool = False,
    ignore_rule_only_turns: bool = False,
    rule_only_data: Dict[str, Any] | None = None,
) -> List[State]:
    """`tracker.past_states(...)`, computed once per tracker state and flags (a copy each call)."""
    events = tracker.events
    now = (len(events), id(events[-1]) if events else None, id(domain))
    key = (omit_unset_slots, ignore_rule_only_turns, json.dumps(rule_only_data, sort_keys=True, default=str))
    cache = tracker.__dict__.get(_CACHE)
    if cache is None or cache[0] != now:
        cache = (now, {})
        tracker.__dict__[_CACHE] = cache
    states = cache[1].get(key)
    if states is None:
        states = tracker.past_states(
            domain,
            omit_unset_slots=omit_unset_slots,
            ignore_rule_only_turns=ignore_rule_only_turns,
            rule_only_data=rule_only_data,
        )
        cache[1][key] = states
    return _copy(states)


class _SharedStates:
    """Mixin: the policy's featurizer reads past states through `cached_past_states`."""

    featurizer: Any

    def _share_states(self) -> None:
        featurizer = getattr(self, "featurizer", None)
        if featurizer is not None and featurizer.__dict__.get("_create_states") is not cached_past_states:
            # TrackerFeaturizer._create_states is a staticmethod with the same signature, called as
            # self._create_states(tracker, domain, ...): an instance attribute takes its place.
            featurizer._create_states = cached_past_states

    def predict_action_probabilities(
        self,
        tracker: DialogueStateTracker,
        domain: Domain,
        rule_only_data: Dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> PolicyPrediction:
        self._share_states()
        return super().predict_action_probabilities(  # type: ignore[misc]
            tracker, domain, rule_only_data=rule_only_data, **kwargs
        )


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=True)
class SharedStatesRulePolicy(_SharedStates, RulePolicy):
    """Rasa's RulePolicy; past states shared with the other policies of the same prediction, and the rules that
    fit a conversation's last states remembered once loaded."""

    @classmethod
    def load(cls, *args: Any, **kwargs: Any) -> SharedStatesRulePolicy:
        policy = super().load(*args, **kwargs)
        policy.remember_rule_matches()
        return policy

    def remember_rule_matches(self) -> None:
        """From now on the rule tables are fixed: remember which rule keys fit which conversation endings."""
        self.__dict__[_MEMO] = {}

    def _get_possible_keys(self, lookup: Dict[str, str], states: List[State]) -> Set[str]:
        memo: Dict[int, Tuple[Dict[str, str], int, Dict[str, FrozenSet[str]]]] | None = self.__dict__.get(_MEMO)
        if memo is None:
            return super()._get_possible_keys(lookup, states)
        entry = memo.get(id(lookup))
        if entry is None or entry[0] is not lookup:
            depth = max((len(self._rule_key_to_state(key)) for key in lookup), default=0)
            entry = memo[id(lookup)] = (lookup, depth, {})
        _, depth, found = entry
        # Rasa's check passes every key at a state further back than the key's own length (_is_rule_applicable),
        # so states older than the longest key change nothing.
        recent = states[len(states) - depth :] if depth else []
        key = json.dumps(recent, sort_keys=True, default=str)
        keys = found.get(key)
        if keys is None:
            keys = frozenset(super()._get_possible_keys(lookup, recent))
            if len(found) >= MEMO_SIZE:
                found.clear()
            found[key] = keys
        return set(keys)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=True)
class SharedStatesMemoizationPolicy(_SharedStates, MemoizationPolicy):
    """Rasa's MemoizationPolicy; past states shared with the other policies of the same prediction."""
