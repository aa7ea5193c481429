"""Work out what a message asks about: its topic plus the role, level, stage... it refers to.

Inputs are plain data (intent name, entity dicts, the previous answer's context, the text), so the
follow-up logic ("and at senior level?", "the other role?", "tools for that step?") is pure and tested
without Rasa. Rules: entities in the message win; a bare follow-up (`inform`) or a message that points
back ("they", "that step") borrows what it lacks from the previous answer; a fresh question starts clean.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any, Dict, Iterable, List, Mapping, Sequence, Tuple

from actions.knowledge.schema import KnowledgeBase, other_role
from actions.understanding import lookups
from actions.understanding.person import person_mentions
from actions.understanding.question import (
    CONTEXT_SLOTS,
    KEYED_SLOTS,
    THREAD_FIELDS,
    VALUE_FIELDS,
    Question,
    subject_parts,
)
from actions.understanding.topics import (
    asks_to_compare,
    detect_topics,
    is_correction,
    level_shift,
    ordinal,
    pay_topics,
    step_shift,
    topic_fields,
    topic_scores,
    topic_table,
)
from actions.understanding.vocabulary import Normalizer, clean, normalizer_for

# What each topic can be narrowed by, whether its answer can be pointed back to, and whether a question that
# points back asks about the previous subject are KB data (careers.yml `topics:` narrowed_by, followable,
# re_askable), read through `topics.topic_table`.

_IN_IT = re.compile(
    # ('for that role' names a role, not the thing just talked about)
    r"\b(in|for|during|with|on|at|of) (it|that|this|them|those|these|there)\b"
    r"(?!\s+(other\s+)?(roles?|engineers?|jobs?|positions?|person|people|guys?|routes?|paths?|tracks?|sides?)\b)"
    r"|\bthere\b|\bmeanwhile\b|"
    # 'who deploys it?' after a scenario or a step
    r"\b(who|which role|which one) (\w+ ){1,2}(it|that|this|them|those)"
    r"(\W+(the )?(ai|ml|machine learning)\b[\w ]{0,25}\b(or|vs\.?|versus)\b[\w ]{0,25})?\s*\??$|"  # ', ai or ml eng?'
    r"\b(that|this|the same) (step|stage|one|scenario|project|phase|example|case|list|table|row)\b",
    re.I,
)
_PRONOUN = re.compile(r"\b(them|those|these|it|its)\b", re.I)  # things, not people ('they' are the roles)

# A bare follow-up with only this entity, and no earlier topic that uses it, is about this topic.
DEFAULT_TOPIC: Dict[str, str] = {
    "level": "salary",
    "location": "salary",
    "job_title": "salary",
    "stage": "workflow",
    "path_stage": "learning_path",
    "aspect": "responsibilities",
    "tool": "tools",
    "skill": "skills",
    "role": "role_definition",
}

_POINTS_BACK = re.compile(
    r"\b(they|them|their|theirs|it|its|that|this|those|these|there|same|he|she|his|her|such)\b"
    r"|\b(a|an) ([\w-]+ )?one\b",  # 'how much does a mid-level one earn?': the role just talked about
    re.I,
)
# A person's pronoun: with a role named in the same question it is that role ('AI engineers ... their time')
_PERSON_PRONOUN = re.compile(r"\b(they|them|their|theirs|he|she|his|her)\b", re.I)


# 'how does AI work in real projects, is it standalone?': 'it' is the AI (the technology) the question itself
# named before it, not the last answer's subject
_AI_ITSELF_THEN_IT = re.compile(
    r"\b(ai|ml|machine learning|artificial intelligence|ai systems?|ml systems?|the models?)\b"
    r"(?!\s*[-/]?\s*(engineers?|eng|roles?|paths?|sides?|ones?|folks)\b)[^?.!]*?"
    r"\b((?-i:it|its|they|them|their|It|Its))\b",  # (lower case: 'IT' is the field)
    re.I,
)


_ITS_PRONOUNS = re.compile(r"\b(?-i:it|its|they|them|their|It|Its)\b")
_THE_FIELD_IT = re.compile(r"(?<![A-Za-z])IT(?![A-Za-z])")


def _points_back_past(text: str, found: _Found) -> bool:
    """Whether the words point at the last answer's subject; 'their' after a role the question names itself
    ('what do AI engineers spend their time on?') points at that role, not back; 'it' after the AI the question
    names ('how does AI work there, is it standalone?') points at that."""
    text = text or ""
    if found.roles and not (set(found.kinds()) - {"role"}):
        text = _PERSON_PRONOUN.sub(" ", text)
    itself = _AI_ITSELF_THEN_IT.search(text)
    if itself:  # (every 'it' after it: 'is it used on its own?')
        text = text[: itself.start(3)] + _ITS_PRONOUNS.sub(" ", text[itself.start(3) :])
    if not text.isupper():
        text = _THE_FIELD_IT.sub(" ", text)  # 'in real IT projects': the field, no pronoun
    return bool(_POINTS_BACK.search(text))


# 'the pay for the other role at the same level', "the other role's salary": the role not talked about last
# ('that other role' is the one just talked about, so it is not this).
_OTHER_ROLE = re.compile(
    r"(?<!that )\b(the|for the) other (role|one|side|position|path|track|route|person|engineer|job|guy|gal"
    r"|title|profession|specialist|kind)\b"
    # 'same level, other role', 'ok, other side now?': the bare noun phrase of a terse follow-up ('any other role?',
    # 'which other path?' ask for more roles, not the one not talked about)
    r"|(?:^|[,;:.]\s*|\b(?:and|now|then|but|for|ok|okay|so)\s+)other (role|side|position|path|track|route)\b"
    # 'what does that role do there vs the other?': set beside 'the other' with nothing after it, the other role
    r"|\b(vs\.?|versus|against|compared? (to|with)|next to) the other\s*([?!.,]|$)",
    re.I,
)


@dataclass
class _Found:
    roles: List[str] = field(default_factory=list)
    values: Dict[str, str] = field(default_factory=dict)
    skills: List[str] = field(default_factory=list)
    tools: List[str] = field(default_factory=list)
    unknown: List[Tuple[str, str]] = field(default_factory=list)
    said: Dict[str, str] = field(default_factory=dict)  # the words each keyed value was read from

    def kinds(self) -> List[str]:
        kinds = list(self.values)
        if self.roles:
            kinds.append("role")
        if self.skills:
            kinds.append("skill")
        if self.tools:
            kinds.append("tool")
        return kinds


def read_entities(entities: Iterable[Mapping[str, Any]], norm: Normalizer) -> _Found:
    """Normalise extracted entities by kind; keep what fails to normalise as `unknown`."""
    found = _Found()
    for entity in entities:
        kind, raw = entity.get("entity"), entity.get("value")
        if not isinstance(raw, str) or not raw.strip():
            continue
        text = raw.strip()
        if kind in ("role", "job_title"):
            role, title = norm.role_or_title(text)
            if role and role not in found.roles:
                found.roles.append(role)
            elif title:
                found.values.setdefault("job_title", title)
            elif not role:
                found.unknown.append((kind, text))
        elif kind == "skill":
            found.skills.append(text)
        elif kind == "tool":
            found.tools.append(text)
        elif kind == "location":
            found.values.setdefault("location", text)
        elif kind in ("level", "stage", "path_stage", "aspect"):
            key = getattr(norm, kind)(text)
            if key is None and kind == "aspect":  # (a step's words inside a tool's name are that tool's, not a step)
                key = _key_within(norm.aspect, text)
            if key:
                found.values.setdefault(kind, key)
                found.said.setdefault(kind, text)
            else:
                found.unknown.append((kind, text))
    return found


def _key_within(read: Any, text: str) -> str | None:
    """The key the longest words inside an entity name give (the leftmost), when the whole gives none
    ('monitoring focus' -> monitoring, 'deployment side' -> deployment): NLU's spans often take in a word around
    the term."""
    words = text.split()
    for size in range(len(words) - 1, 0, -1):
        keys = [read(" ".join(words[i : i + size])) for i in range(len(words) - size + 1)]
        found = [k for k in keys if k]
        if found:
            return found[0]  # the leftmost: 'monitoring focus' is the monitoring row's focus
    return None


def canonical(question: Question, norm: Normalizer) -> Question:
    """The question with every named skill, tool and place resolved against the KB (idempotent): the one place
    text becomes keys, so no renderer matches text again."""
    mentions = None
    if question.topic == "skill_gap":
        mentions = person_mentions(norm.kb, question.text)  # negated or disliked skills are not skills held
    return replace(
        question,
        skill_terms=tuple(norm.term(s) for s in question.skills),
        tool_terms=tuple(norm.term(t) for t in question.tools),
        location_in_us=bool(question.location) and norm.is_us(question.location),
        mentions=mentions,
    )


def resolve(
    intent: str,
    entities: Iterable[Mapping[str, Any]],
    previous: Mapping[str, Any],
    text: str,
    norm: Normalizer,
) -> Question:
    """The question this message asks, given the previous answer's context slots, fully canonical."""
    previous = _known_context(previous, norm)
    found = read_entities(entities, norm)
    previous = _other_role_again(previous, found, text or "")
    previous = _role_gone_back_to(previous, found, text or "", norm)
    if "location" not in found.values and _IN_THE_US.search(text or ""):
        found.values["location"] = "United States"  # 'a senior one in the US then' after London: back home
    prev_topic = previous.get("topic")
    text = text or ""
    bare = _BARE_ROLE.search(text)
    if bare and not found.roles and previous.get("role") in norm.kb.roles:
        found.roles.append(
            "ai_engineer" if (bare.group(1) or bare.group(2)).lower() == "ai" else "ml_engineer"
        )  # 'back to ML'
    # "oops, I meant ML engineer": the previous question again, with this instead; "I meant the tools": a new topic
    corrected = detect_topics(text, norm.kb) if prev_topic and is_correction(text) else []
    if corrected and prev_topic not in corrected and not found.roles and previous.get("role") in norm.kb.roles:
        found.roles.append(previous["role"])  # 'I meant the tools, not the skills': the same role's tools
    corrects = bool(prev_topic) and is_correction(text) and bool(found.kinds() or found.unknown)
    if corrects and prev_topic in (corrected or [prev_topic]):
        intent = "inform"
    kb = norm.kb
    thread = _thread(previous, norm)
    fields = topic_fields(kb).get(prev_topic or "", ())
    # (the whole workflow just shown: 'what does it integrate with?' is about it all, not a step asked of before)
    whole_steps = prev_topic in _STEP_TOPICS and not any(previous.get(f) for f in fields)
    own = fields if previous.get("role") or whole_steps else ()
    # older subjects lie beneath, except where the last answer was about one role's whole list (its steps): a step
    # asked before it is not its subject
    last_stage = previous.get("stage")  # the step the last answer itself was about (none: no older one either)
    remembered = {k: v for values in thread.values() for k, v in values.items() if k != "role" and k not in own}
    previous = {**remembered, **{k: v for k, v in previous.items() if v is not None}}  # older subjects beneath
    if is_fragment(_WHAT_IS_FRAME.sub(" ", text)) and not set(found.kinds()) - {"role"}:
        # 'and on data?' after two rows: the data row ('ML at enterprise' after a stage: that stage)
        found = _terse_field(prev_topic, found, text, norm)
    if prev_topic == "tools" and not found.tools:
        found = _common_tool_words(found, text, norm)  # 'and the editors both would use?' after a tool group
    if is_fragment(text):
        found = _as_fields_of(prev_topic, found, norm, text)  # 'deployment?' after the responsibilities: that row
    found = _stage_or_level(prev_topic, found, text, kb)
    found = _stage_or_rating(prev_topic, found, text, kb)
    if intent not in ("inform", "ask_other_role") and is_fragment(text) and _narrows(prev_topic, found, kb, text):
        intent = "inform"  # 'deployment?' after the responsibilities: that row, not the workflow step
    if intent not in ("inform", "ask_other_role") and _goes_on_with(intent, found, prev_topic, text, kb):
        intent = "inform"  # 'and DevOps/MLOps for ML engineers?' after a rating: the same question, these instead
    if intent not in ("inform", "ask_other_role") and prev_topic == "tools" and _others_instead(found, text):
        intent = "ask_other_role"  # 'and what do the others focus on instead?' after who leans on a tool group
    other_thing = _OTHER_THING.search(text) and not _OTHER_ROLE.search(text)  # 'and the other tools in it'
    if intent == "ask_other_role" and not text.startswith("/") and (other_thing or not _OTHER_WORDS.search(text)):
        named = _named_topic(text, kb)  # 'what was the last one on that careers list?': no other role in it
        intent = f"ask_{named}" if named else "inform"
    if intent == "ask_other_role" and _THAT_SIDE.search(text) and previous.get("job_title") and not found.roles:
        intent = "ask_job_titles"  # 'what other roles are on that side?' after a title: its group
    if intent == "ask_other_role":  # the other one than the role asked about, or than the one answered with
        answered = _answered_role(previous, kb)
        # the step the last answer was about, not one an older answer was ('the other role spends its time on what?'
        # after who uses cloud services more)
        last = {**previous, "role": previous.get("role") or answered, "stage": last_stage}
        # ('what does the other one spend time on instead?' after who uses a step's tools more: its own tools)
        instead = prev_topic == "tools" and bool(_INSTEAD.search(text))
        part = None if is_fragment(text) or instead else _role_part_in_step(prev_topic, found, last, text, norm)
        if part:  # 'and the other does what with deployment?' after a step: that role's row
            question = _build("responsibilities", replace(found, roles=[part[0]], values={"aspect": part[1]}), {}, kb)
            return canonical(replace(question, text=text), norm)
        switched = _switched_topic(last.get("topic"), found, text, kb)
        if switched:  # 'and the other role, what's its entry range?' after its tools: the other role's pay
            last = {"topic": switched, "role": last.get("role")}
        other = _other_role_question(last, kb)
        if other.topic == "tools" and _INSTEAD.search(text) and not (found.tools or found.skills) and other.roles:
            other = replace(other, tools=(), skills=(), stage=None)  # 'and the other one uses what instead?': its own
        # (no role known: the group stays, so the role that does not lean on it is found from it)
        return canonical(_with_named_values(other, found, kb), norm)
    if intent == "inform":
        topic = _follow_up_topic(prev_topic, found, kb, text)
        if found.kinds() == ["role"] and previous.get("role") and prev_topic in topic_table(kb).followable:
            if _named_topic(text, kb) is None:
                topic = prev_topic  # 'and the AI engineer?' after what the ML engineer ensures: the same for it
        if prev_topic == "scenarios" and topic != prev_topic and _a_duty_in_the_scenario(kb, previous, found, text):
            topic = prev_topic  # 'and monitors what?' after one role's part in a scenario: that part, not the duty row
        if prev_topic in _WHO_IN_IT_TOPICS and _ASKS_WHO.search(text) and _IN_IT.search(text):
            topic = prev_topic  # 'and who monitors uptime there?': who, in what the last answer was about
        if prev_topic == "scenarios" and topic in _ONE_ROLE_WORK and _IN_IT.search(text) and not found.kinds():
            topic = prev_topic  # 'what else is that person responsible for in it?': their part in that scenario
        if prev_topic in pay_topics(kb) and topic not in pay_topics(kb) and level_shift(text) and not found.kinds():
            topic = prev_topic  # 'one step up?' after pay figures: the next level's pay, not the workflow's steps
        back = [t for t in thread if t in _STEP_TOPICS]
        if found.kinds() == ["tool"] and is_fragment(text) and prev_topic not in thread and back:
            topic = back[-1]  # 'ok, XGBoost?' after a detour the article had no facts for: the tools asked before
        carry = _carried(previous) if topic == prev_topic else {"role": previous.get("role")}
    else:
        topic = intent[4:] if intent.startswith("ask_") else intent
        if prev_topic in topic_table(kb).followable and _asks_about_previous(topic, prev_topic, text, kb, found):
            asked_role = topic == "role_definition"
            topic = prev_topic
            carry = _carried(previous)
            if asked_role:  # 'what does the AI engineer do with models in that table?': the role's whole part
                carry.pop("aspect", None)
        elif _points_back_past(text, found) or is_fragment(text):
            carry = _carried(previous)  # 'tools for it', 'tools?', 'senior salary?': about the last answer's subject
        elif _bare_facet_of_step(topic, found, previous, text, kb):
            carry = {"stage": previous["stage"]}  # 'what tools are used?' after a step: that step's tools
        elif topic == prev_topic:
            carry = {"role": previous.get("role")}  # the same topic goes on about the same role
        else:
            carry = {}
    carry = _without_foreign_place(carry, found, norm)
    if prev_topic and _REST_OF_LIST.search(text) and not found.kinds() and not _LIKE_IT.search(text):
        in_scenario = topic == "scenarios" and subject_parts(previous.get("subject")).get("scenario")
        if topic != prev_topic and prev_topic in topic_table(kb).followable and _named_topic(text, kb) is None:
            if not in_scenario:  # ('what else does that person set up there?': in the scenario the pay was about)
                topic, carry = prev_topic, _carried(previous)  # 'what else is on that list?': the list just shown
        # the whole list, not the one item, role or row it was narrowed to; what else one role makes is still
        # that role's ('what else does that role integrate AI into?' after what the AI engineer builds)
        own_work = topic == "role_definition" and _THAT_PERSON.search(text)
        if topic == prev_topic:
            carry = {k: v for k, v in carry.items() if k not in ("skill", "aspect", *(() if own_work else ("role",)))}
    if topic == prev_topic and _COUNT_ALL.search(text) and not found.kinds():
        carry = {}  # 'how many scenarios are there in total?' after one role in one of them: the whole list, counted
    one_row_each = found.values.get("aspect") and not _ONE_DOES_BOTH.search(text)
    if topic == "both_roles" and _EVERY_ROLE.search(text) and one_row_each:
        topic, carry = "responsibilities", {}  # 'and data handling for both?': that row for each role, not doing both
        found = replace(found, roles=[*kb.roles])
    part_of = _step_it_is_part_of(topic, found, text, kb)
    if part_of:
        topic, carry = "workflow", {"stage": part_of}  # 'what is feature engineering part of?': that step
    kind, _, shown_stage = (subject_parts(previous.get("subject")).get("shown") or "").partition("=")
    # the step the last answer was about, or the one step its message's answers showed (not an older one)
    step_shown = last_stage or (shown_stage if kind == "stage" and "+" not in shown_stage else None)
    if _asks_inside_step(topic, found, {**previous, "stage": step_shown}, text, kb):
        stage = step_shown or _tool_stage(subject_parts(previous.get("subject")).get("tool"), kb)
        topic, carry = "workflow", {"stage": stage}  # 'what tasks does it involve?' after a step
    restates = bool(prev_topic) and _WHICH_IS_THAT.search(text) and not found.kinds()
    if restates:
        topic = prev_topic  # 'which role and level is that?': the last answer's own subject, said again
    if topic != prev_topic and _names_part_of_previous(prev_topic, text):
        topic, carry = prev_topic, _carried(previous)  # 'which industries are listed there?' after what moves pay
    elif topic != prev_topic and not found.kinds() and part_of_area(kb, prev_topic, text):
        topic, carry = str(part_of_area(kb, prev_topic, text)), {}  # 'which industries were named?' after pay
    named_scenario = topic == "scenarios" and bool(lookups.scenario_for(kb, text))  # 'back to customer support'
    if (
        prev_topic in _PICKABLE_LISTS
        and topic != prev_topic
        and not named_scenario
        and _picks_from_list(prev_topic, text, kb)
    ):
        topic, carry = prev_topic, _carried(previous)  # 'which of those are about security?': that list, filtered
    if _role_picks_from_list(prev_topic, found, text, kb):
        topic, carry = str(prev_topic), {}  # 'which ones does the AI engineer handle?' after the steps: that role's
    tool = _tool_by_words(previous, found, text, kb)
    if tool:
        topic, carry = "tools", {}  # 'the Google one?' after the cloud platforms: that tool
        found = replace(found, tools=[tool], skills=[], values={k: v for k, v in found.values.items() if k != "stage"})
    item = _item_by_words(prev_topic, found, text, kb) or _item_said_tersely(topic, prev_topic, found, text, kb)
    item = item or _item_asked_where(topic, prev_topic, previous, text, kb)
    if item and _other_list_asked(topic, prev_topic, text, kb):
        item, carry = None, {}  # 'which best practice helps with the drift one?': the practices, for that challenge
    if item:
        topic, carry = prev_topic, {}  # 'expand on the cloud one', 'and the testing one?': that item of the list
    if prev_topic == "scenarios" and topic != prev_topic and _stays_in_scenario(found, previous, text, kb):
        topic, carry = prev_topic, _carried(previous)  # 'what systems does it get integrated with?': in that scenario
    called = lookups.scenario_by_word(kb, text) if prev_topic == topic == "scenarios" else None
    if called and not lookups.scenario_for(kb, text):
        carry = {k: v for k, v in carry.items() if k != "role"} if called != carry.get("scenario") else carry
        carry = {**carry, "scenario": called}  # 'and in the analytics one?' after the chatbot scenario: that one
    answered = _answered_role(previous, kb)
    # 'and model drift?' after 'who handles legacy integration?': the same 'who' of a new subject, not that answer
    new_subject = set(found.kinds()) & {"stage", "skill", "tool", "aspect", "path_stage"}
    asks_who_again = is_fragment(text) and not _POINTS_BACK.search(text) and bool(new_subject) and not found.roles
    in_list = topic in _LIST_TOPICS and (_IS_IT_IN.search(text) or _rest_of_whole_list(text))
    if answered and topic != prev_topic and not carry.get("role") and not asks_who_again and not in_list:
        if intent == "inform" or _POINTS_BACK.search(text) or is_fragment(text):
            carry = {**carry, "role": answered}  # 'which role uses Kubernetes more?' -> 'its salary?': that role
    person = _THAT_PERSON.search(text) or (topic == "scenarios" and _MY_PART.search(text))
    if answered and topic == prev_topic and person and not _OTHER_ROLE.search(text):
        carry = {**carry, "role": answered}  # 'what else does that person do there?' after who does a duty in it
    if (
        _EVERY_ROLE.search(text)
        or _ASKS_WHO.search(text)
        or _WHICH_PATH.search(text)
        or found.values.get("job_title")
        or any(k in ("role", "job_title") for k, _ in found.unknown)
    ):
        carry = {k: v for k, v in carry.items() if k != "role"}  # 'each role', 'an MLOps engineer': not the last role
    if topic == "learning_path" and found.skills and "path_stage" not in found.values and _WHICH_STAGE.search(text):
        carry = {k: v for k, v in carry.items() if k != "path_stage"}  # 'which path has X in it?': where X is
    if restates:
        carry = _carried(previous)
    if intent == "inform" and topic != prev_topic:
        carry = {**_carried(previous), **carry}  # 'what about the tools?': the new topic, the same subject
    if topic != prev_topic and topic in thread and _RETURN.search(text) and not _ON_LAST_ANSWER.search(text):
        carry = {**carry, **thread[topic]}  # 'back to pay: the ML equivalent?': that topic's subject after a detour
    elif topic != prev_topic and topic in thread and is_fragment(text):
        # 'senior?' after a detour: that topic's subject fills what the last answer lacks; 'tools for it?' keeps
        # the step just talked about, not the one the tools were last asked for
        carry = {**thread[topic], **carry} if _POINTS_BACK.search(text) else {**carry, **thread[topic]}
    carry = _without_foreign_place(carry, found, norm)  # (the thread's subject may have brought it back)
    if topic not in _SKILL_TOPICS and _SAME_SKILL.search(text):
        back = next((t for t in _SKILL_TOPICS if t in thread), None)
        if back:  # 'same skill, but for the AI engineer?' after a detour: the skill tables again, that skill
            topic, carry = back, {**thread[back], **{k: v for k, v in carry.items() if k != "role"}}
    last_role = previous.get("role") or answered
    if _OTHER_ROLE.search(text) and not found.roles and last_role in kb.roles and asks_this_and_the_other(text):
        carry = {k: v for k, v in carry.items() if k != "role"}  # 'who would that person work with, and the other
        # role?': one role and then the other, both
    elif _OTHER_ROLE.search(text) and not found.roles and last_role in kb.roles:
        carry = {**carry, "role": other_role(last_role)}
        found = replace(found, roles=[other_role(last_role)])
        topic = "salary" if topic == "salary_comparison" else topic  # one role's pay, not the gap
    topic, found = _title_at_position(topic, found, previous, text, kb)
    topic, found = _title_in_list(topic, found, previous, text, kb)
    said_title = found.values.get("job_title") or len(found.roles) > 1  # ('learning AI' reads as a role)
    if topic in _TITLE_TOPICS and not said_title and previous.get("job_title") and _POINTS_BACK.search(text):
        if _MEMBERSHIP.search(text) or _IS_THAT.search(text):  # 'is that also a career...?' after a title
            found = replace(found, roles=[], values={**found.values, "job_title": previous["job_title"]})
    if previous.get("job_title") and not found.values.get("job_title") and _WHICH_SIDE.search(text):
        found = replace(found, roles=[], values={**found.values, "job_title": previous["job_title"]})
        topic = "job_titles"  # 'is it on the ML or the AI side?' after a title: the group it is listed in
    if previous.get("job_title") and not found.values.get("job_title") and not found.roles and _THAT_SIDE.search(text):
        topic = "job_titles"  # 'what other roles are on that side?' after a title: the group it is listed in
        found = replace(found, values={**found.values, "job_title": previous["job_title"]})
    if not (topic in pay_topics(kb) and topic_scores(text, kb).get("salary")):  # 'and MLOps engineer pay?': its pay
        topic, found = _about_titles(topic, found, prev_topic, text)
    title_list = _list_holding_title(previous, found, text, thread, kb)
    if title_list:
        topic, carry = title_list, {}  # 'what others are on that same list?' after a title's pay: the list it is on
    if _DONE_WITH.search(text) and found.values.get("stage") and topic not in _TOOL_AWARE:
        topic = "tools"  # 'what is performance drift monitored with?': that step's tools
    if found.tools and _TOOL_PART.search(text) and not found.roles:
        topic, carry = "tools", {}  # 'what role do REST APIs play in these projects?': where the tool is used
    if found.tools and _ASKS_WHO.search(text) and _MORE.search(text) and topic not in _TOOL_AWARE:
        topic = "tools"  # 'who spends more time with containerization?': which role leans on those tools
    if (
        topic in _CORE_TOPICS
        and ASKS_ITEMS.search(text)
        and (not found.skills or _SHARED_CORE.search(text))
        and not tool
    ):
        said = {s.lower() for s in found.skills}
        more = [w for w in core_words(kb, text) if w.lower() not in said]
        found = replace(found, skills=[*found.skills, *more])  # 'which version control stuff is in there?'
        if _SHARED_CORE.search(text) and not found.skills:  # 'which of the shared core skills should I brush up
            found = replace(found, roles=[])  # on?': the shared core, the same for both roles, not one role's table
            carry = {k: v for k, v in carry.items() if k != "role"}
    platforms = _platforms_asked(topic, found, previous, text, kb)
    if platforms:  # 'which platforms again?' after cloud skills: the cloud AI platforms, not a step's tools
        topic, carry = "tools", {}
        found = replace(
            found,
            tools=[platforms],
            skills=[],
            values={k: v for k, v in found.values.items() if k not in ("stage", "aspect")},
        )
    if topic == "tools" and _TOOL_GROUPS.search(text) and not found.tools:
        # 'which of those tool groups ...': all groups, not the one group or step the last answers were about
        carry = {k: v for k, v in carry.items() if k not in ("tool", "stage")}
    # 'is Kafka used there too?' (no: step 1), then 'which step is it used in?'
    elsewhere = _tool_stage_elsewhere(previous, last_stage, kb) or _tool_elsewhere(previous, text, kb)
    linked = None if last_stage and not elsewhere else _linked_stage(topic, found, previous, text, norm)
    if linked:  # 'which workflow step deals with it?' after drift: the step it is in ('it' is no role answered)
        carry = {**{k: v for k, v in carry.items() if k != "role" or previous.get("role")}, "stage": linked}
    item_scenario = _item_scenario(previous, found, text, kb)
    if topic == "scenarios" and not item_scenario and not found.values.get("scenario") and not carry.get("scenario"):
        duty = lookups.duty_in_scenario(kb, text) if _ASKS_WHO.search(text) else None
        item_scenario = duty[0] if duty else None  # 'who trains the intent model?': the scenario with that duty
    if item_scenario:  # 'which role trains the intent model for it?' after the chatbot use case: in its scenario
        topic, carry = "scenarios", {"scenario": item_scenario}
    elif topic == prev_topic in _WORDS_LISTS and _ASKS_WHO.search(text) and _POINTS_BACK.search(text):
        item = item or shown_item(previous)  # 'who deals with that kind of problem?' after one challenge: that one
    if _asks_by_rating({topic, prev_topic, intent[4:]}, found, text, kb):
        topic = "skill_comparison"  # 'where are they equal?', 'which are only moderate?': the tables, by rating
        said_of_one = prev_topic in _SKILL_TOPICS or bool(
            _BE_RATED.search(text)
        )  # ('what should they be advanced at?')
        kept = {"role": previous.get("role")} if said_of_one and previous.get("role") else {}
        carry = {k: v for k, v in {**kept, **carry}.items() if k not in ("skill", "tool")}
    if prev_topic in pay_topics(kb) and topic in pay_topics(kb) and _ALL_LEVELS.search(text):
        if "level" not in found.values:  # 'does that hold at every level?' after one level's pay: all of them
            carry = {k: v for k, v in carry.items() if k != "level"}
            topic = "salary_comparison" if not (found.roles or carry.get("role")) else "salary"
    if prev_topic in pay_topics(kb) and not found.values.get("level") and not found.roles:
        helps = prev_topic == "salary_factors" and _HELPS.search(text)  # 'so doing both helps?' after what moves pay
        if _RAISES_PAY.search(text) or _WHY_PAY_DIFFERS.search(text) or _MOVES_PAY.search(text) or helps:
            topic = "salary_factors"  # 'what helps push someone toward the top of that?': what moves pay
        elif _FIGURES_NATURE.search(text) and _POINTS_BACK.search(text) and not _names_own_topic(text, kb):
            topic, carry = prev_topic, _carried(previous)  # 'are these guaranteed or ballpark?': those figures again
    core = _core_area_after_core(prev_topic, found, previous, text, kb) or _core_item_pointed(found, previous, text, kb)
    if core:  # 'data handling?', 'cloud platforms?' after a shared core area: that area, not the responsibility row
        topic, carry = "skills", {}
        found = replace(found, skills=core, tools=[], values={k: v for k, v in found.values.items() if k != "aspect"})
    part = _role_part_in_step(topic, found, {**previous, "role": last_role}, text, norm)
    if part:
        topic, carry = "responsibilities", {}  # 'what does the ML engineer do there?' after a step: that role's row
        values = {k: v for k, v in found.values.items() if k != "stage"}
        found = replace(found, roles=[part[0]], values={**values, "aspect": part[1]})
    group = _group_of_carried_tool(topic, found, carry, text, kb)
    if group:  # 'what other tools are in the same group?' after Kubeflow: its group, not the step or every group
        found = replace(found, tools=[group])
        carry = {k: v for k, v in carry.items() if k not in ("tool", "stage")}
    elif other_thing and topic == "tools" and not found.tools:
        carry = {k: v for k, v in carry.items() if k != "tool"}  # 'and the other tools in it': the step's, all of them
    if topic == "tools" and _TOOL_GROUPS.search(text) and _REST_OF_LIST.search(text):
        # 'what other tool categories are there besides frameworks?': every group, not the one named to set aside
        found = replace(found, tools=[], skills=[])
        carry = {k: v for k, v in carry.items() if k not in ("tool", "stage")}
    named_step = found.values.get("stage")
    own_step = _tool_stage(found.tools[0], kb) if topic == "tools" and len(found.tools) == 1 else None
    if own_step and not named_step and carry.get("stage") not in (None, own_step):
        # 'is Kafka used there too?': Kafka's step, not that one
        carry = {k: v for k, v in carry.items() if k != "stage"}
    if named_step and carry.get("tool") and not found.tools and _tool_stage(carry["tool"], kb) != named_step:
        carry = {k: v for k, v in carry.items() if k != "tool"}  # 'what eval tool does it mention?' after R: step 4's
    if topic == "skill_gap" and not (found.roles or found.skills or found.tools or carry.get("role")):
        carry = {**carry, "role": previous.get("role")}  # 'what skills do I need then?' after what the ML one does
    in_both = _item_in_both_lists(prev_topic, previous, text, kb)
    if in_both:  # 'which item appears in both lists?' after two lists: the item they share, in the last one
        topic, carry = str(prev_topic), {}
    question = replace(
        _build(topic, found, carry, kb),
        text=text,
        compare=asks_to_compare(text),
        thread=tuple((t, tuple(sorted({**v, **_thread_subject(previous, t)}.items()))) for t, v in thread.items()),
    )
    if in_both:
        question = replace(question, item=in_both, roles=())
    if not question.roles and (_EVERY_ROLE.search(text) or _EACH_ONE.search(text)):
        question = replace(question, thread=_without_roles(question.thread))  # 'what does each one do?': both
    said_term = subject_parts(previous.get("subject")).get("term")
    title = found.values.get("job_title") if question.topic == prev_topic == "concept" else None
    titles = {t.key: t.name for t in (*kb.job_titles.ai_focused, *kb.job_titles.ml_focused, *kb.careers.titles)}
    if title in titles and not question.term:  # 'and applied ai developer?': that title, where it comes up
        question = replace(question, term=titles[title])
    if question.topic == prev_topic == "concept" and not question.term and said_term:
        question = replace(question, term=said_term)  # 'in what contexts?', 'where else?': the same term
    if item and question.topic == prev_topic:
        question = replace(question, item=item, roles=(), skills=(), tools=(), stage=None, aspect=None, level=None)
    named_tool = bool(found.tools) and "stage" not in found.values  # 'grafana step?': its step, not the one before
    named_things = question.tools or question.skills
    if question.topic == "workflow" and (not question.stage or named_tool) and not question.roles and named_things:
        # 'which step lists CI/CD pipelines?', 'in which step do APIs come up?': that step (so 'the step before it'
        # moves on)
        steps = {_tool_stage(t, kb) for t in question.tools} | {_skill_stage(s, norm) for s in question.skills}
        steps -= {None}
        if len(steps) == 1:
            question = replace(question, stage=steps.pop())
    return canonical(_fill_stage_from_other_entities(question, found, norm), norm)


# 'what else is on that list?', 'what other factors are there?', 'others?', 'what's next to it?': the rest of the
# list the last answer was narrowed to one item of.
_REST_OF_LIST = re.compile(
    r"\bwhat else\b|\b(what|which|any) (\w+ )?others?\b|\bthe (others|rest)\b|^\W*(and )?(the )?others\W*$|"
    r"\bnext to (it|that|this)\b|\b(besides|apart from|aside from|other than)\b",
    re.I,
)
# 'how many are there in total?', 'how many scenarios does the article give altogether?': the whole list's count
_COUNT_ALL = re.compile(r"\bhow many\b.{0,40}\b(in total|altogether|all together|in all|overall|all told)\b", re.I)
_INSTEAD = re.compile(
    r"\b(instead|rather|in its place|spends? (\w+ ){0,2}time (with|on)|focus(es)? on|leans? on|works? with)\b", re.I
)
# 'the other tools in it', 'any other platforms?': more of a list, not the other role
_OTHER_THING = re.compile(
    r"\bother (tools?|platforms?|frameworks?|librar(y|ies)|services|items?|things|steps?|stages?)\b", re.I
)
_LIKE_IT = re.compile(r"\b(same|similar|like (it|that|this))\b", re.I)  # 'which other areas at the same level?'
# 'what do the others use instead?', 'and the other folks focus on what?': the people on the other side, not
# more items of the list (those are 'the other tools', 'the others in that group')
_THE_OTHERS = re.compile(r"\bthe others\b|\bthe other (folks|people|engineers|guys|camp|side|group of people)\b", re.I)


def _others_instead(found: _Found, text: str) -> bool:
    """'and what do the others focus on instead?' right after the tools: the other role's tools, whatever NLU read
    the focus as; naming a new subject (a tool, a step, a role) asks that instead."""
    named = set(found.kinds()) - {"aspect"}
    return bool(_THE_OTHERS.search(text)) and bool(_INSTEAD.search(text)) and not named and not found.unknown


_SKILL_TOPICS = ("skills", "skill_comparison")
# 'same skill, but for the other role', 'that area for the AI side?': the skill rated before, whatever came between
_SAME_SKILL = re.compile(r"\b(same|that|this) (skill|skill area|area|rating|competenc[ey])\b", re.I)
# The skill tables' ratings, and the words that compare them ('rated the same', 'ahead', 'only moderate').
_RATING = re.compile(
    r"\b(rated|ratings?|rates|scored?|scores|equal(ly)?|tied?|on par|match(es|ed|ing)?|identical|alike|ahead|basic|"
    r"moderate|"
    r"advanced|medium|high|(the )?same (level|rating|score))\b",
    re.I,
)
# 'where else do their ratings match?', 'any other rows where they're equal?': where both roles are rated alike
_ALIKE = re.compile(r"\b(equal(ly)?|tied?|on par|match(es|ed|ing)?|identical|alike)\b", re.I)
_WHICH_RATED = re.compile(r"\b(which|what|where|any|anything)\b", re.I)
# ('that other route', 'the other role' name a role, not other skill areas)
_OTHER_AREAS = re.compile(r"\b(other|else)\b(?! (role|route|path|track|side|one|engineer|position)s?\b)", re.I)
_PATH_WORDS = re.compile(r"\b(stages?|steps?|phases?|path|track|roadmap|salar\w*|pay|band|earn\w*)\b", re.I)


# 'what does the ML engineer do there then?', 'does the other role prepare data too?', 'and the other does what
# with deployment?': one role's part in the step just talked about.
_ROLE_PART = re.compile(
    r"\b(do(?! (i|you|we)\b)|does|doing|did|job|part|role|handles?|handling|keeps? an eye|prepares?|contribut\w*|"
    r"involved)\b",
    re.I,
)
_THE_OTHER = re.compile(r"\bthe other\b(?! (step|stage|scenario|part|tool|level|path|list|one of))", re.I)
_STEP_TOPICS = ("workflow", "tools")
_ROLES_STEPS = re.compile(
    r"\b(steps|stages|part of|one of|among|manages?|owns?|leads?|runs?|in charge)\b"
    r"|\b(do|does|did|handles?|covers?|takes?( on)?|works? on) (that|this|the|it|its)( same)? (step|stage|phase)\b",
    re.I,
)  # 'is it part of the AI engineer's usual steps?', 'does the AI engineer do that step?': whether it is theirs
_THEN = re.compile(r"\b(instead|too|also|then|as well|meanwhile)\b", re.I)


def _role_part_in_step(
    topic: str, found: _Found, previous: Mapping[str, Any], text: str, norm: Normalizer
) -> Tuple[str, str] | None:
    """(role, responsibility row) when a message after a workflow step asks what one role does in it: the row of
    the responsibilities table that step is named by (Deployment -> deployment), not the whole step again. A step
    with no such row (testing, ingestion) keeps its own answer."""
    kb = norm.kb
    if previous.get("topic") not in _STEP_TOPICS or topic not in (*_STEP_TOPICS, "role_definition", "responsibilities"):
        return None
    if topic == "tools" and topic_scores(text, kb).get("tools"):
        return None  # 'which tools does the ML engineer use there?': the tools
    if _ROLES_STEPS.search(text):
        return None  # 'is it part of the AI engineer's usual steps?': whether the step is among the role's
    if not _ROLE_PART.search(text) or _ASKS_WHO.search(text) or len(found.roles) > 1 or _EVERY_ROLE.search(text):
        return None
    named = found.values.get("stage") or found.values.get("aspect")
    if not (named or _POINTS_BACK.search(text) or _THEN.search(text) or _THE_OTHER.search(text)):
        return None  # 'what does an ML engineer do?': the role in general
    stage_key = found.values.get("stage") or previous.get("stage")
    stage = next((s for s in kb.workflow.stages if s.key == stage_key), None)
    if stage is None:
        return None
    aspect = found.values.get("aspect") or next(filter(None, map(norm.aspect, [stage.name, *stage.aliases])), None)
    if aspect is None:
        return None
    role = found.roles[0] if found.roles else None
    if role is None and _THE_OTHER.search(text):
        owners = [r for r, steps in kb.workflow.ownership.items() if stage.key in steps]
        last = previous.get("role") or (owners[0] if len(owners) == 1 else None)
        role = other_role(last) if last in kb.roles else None
    return (role, aspect) if role else None


# 'which one is ahead?', 'who rates higher?': asks for a role, not for the skills at a rating
_ASKS_A_ROLE = re.compile(r"\b(which (role|one|of (them|the two))|who)\b(?!.{0,25}\b(skills?|areas?|rows?)\b)", re.I)


def _asks_by_rating(topics: set, found: _Found, text: str, kb: KnowledgeBase) -> bool:
    """'where are they equal?', 'which skills are rated advanced for them?', 'and which are only moderate?': the
    skills of the two tables picked by their rating (no skill named), asked in the skills' thread or naming skills."""
    if found.skills or found.tools or not _RATING.search(text) or not _WHICH_RATED.search(text):
        return False
    if _ASKS_A_ROLE.search(text):
        return False  # 'so which one comes out ahead?': a role, from the comparison just given
    if _PATH_WORDS.search(text) or (_OTHER_AREAS.search(text) and not _ALIKE.search(text)):
        return False  # 'which other areas are at the same level?': as the skill talked about (its renderer)
    if _named_topic(text, kb) not in (None, *_SKILL_TOPICS):
        return False  # 'which best practices match my background?': that topic's list, not the skills' ratings
    return bool(topics & set(_SKILL_TOPICS)) or _named_topic(text, kb) in _SKILL_TOPICS or bool(_BE_RATED.search(text))


# 'what should that person be advanced at?', 'what are they only basic in?': a rating said of a person, not the
# learning path's Advanced stage
_BE_RATED = re.compile(
    r"\b(be|is|are|being|get|getting|become|stay)\s+((most|really|very|only|at least|at)\s+)?"
    r"(advanced|moderate|basic)(\s+level)?\s+(at|in|with|on)\b",
    re.I,
)


_TITLE_TOPICS = ("job_titles", "careers")
# 'is MLOps Engineer on the ML side?', 'is Cloud AI Specialist one of the careers listed?': where a title is listed.
_PAY_WORD = re.compile(r"\b(pay|pays|paid|salary|salaries|earn\w*|wages?|compensation|income)\b", re.I)
MEMBERSHIP = _MEMBERSHIP = re.compile(
    r"\b(one of|among|listed|on the list|in the list|part of|included|mentioned|count(s|ed)? as|considered|"
    r"(ai|ml) (side|group)|(ai|ml)[- ]focused|(which|what|that|the same) (side|category|group|camp|bucket|column)|"
    r"(first|second|1st|2nd|top|bottom) (side|category|group|camp|bucket|column|list))\b",
    re.I,
)
# 'is it in the challenges too?', 'does that show up among the constraints?': whether the thing is in a list.
_IS_IT_IN = re.compile(
    r"^\W*(and\s+|so\s+)?(is|are|does|do)\s+(it|that|this|they|those)\b.{0,25}\b(in|among|on|under|part of|one of)\b",
    re.I,
)
_OTHER_WORDS = re.compile(r"\b(other|another|else|switch\w*|instead|either|too|also|opposite|vice versa)\b", re.I)
# 'is it ml or ai side?', 'is that one more AI or ML focused?': which group the title just named is in (the two
# group words read as both roles otherwise)
_WHICH_SIDE = re.compile(
    r"\b(is|are) (it|that|this|they|that one|this one|that role|that title|that job)\b.{0,25}"
    r"\b(ai|ml|machine[- ]learning)\b.{0,20}\bor\b.{0,8}\b(ai|ml|machine[- ]learning)\b",
    re.I,
)
_THAT_SIDE = re.compile(
    r"\b(that|this|the same|that same|this same|its|their|its own) (side|group|category|camp|list of titles)\b", re.I
)
# 'the ML-focused ones', 'only the AI-focused titles': one of the two groups of job titles (keyed by its role).
_TITLE_GROUP = re.compile(r"\b(ai|ml|machine[- ]learning)[- ](focused|side|group)\b", re.I)


# 'which path has deep learning?': the answer is a role's path, so the last role is not carried into it
_WHICH_PATH = re.compile(r"\b(which|whose) (path|track|learning path|roadmap)\b", re.I)
# 'which path has feature engineering in it?', 'what stage covers it?': the stage a skill is in, not the one shown
_WHICH_STAGE = re.compile(
    r"\b(which|what|whose) (learning )?(path|track|roadmap|stage|phase|level of the path)s?\b"
    # ('..., and which includes deep learning?': the path left unsaid)
    r"|\bwhich (one |of them |of the two )?(includes?|has|have|covers?|contains?|teach(es)?|mentions?|lists?)\b",
    re.I,
)
# 'which role and level is that?', 'whose is it?': who or what the last answer was about, said again
_WHICH_IS_THAT = re.compile(
    r"^\W*(and |so |ok |okay )?(which|what|whose) (role|level|one|role and level|level and role|band)( and level)?\W*"
    r"(is|was|are|were) (that|this|it)\W*$",
    re.I,
)
# 'which of those tool groups do AI engineers use more?': the groups, not the one group just shown
_TOOL_GROUPS = re.compile(r"\b(tool )?(groups|categories|kinds of tools|types of tools)\b", re.I)
# Words for a part of an answer that is also a topic of its own: the industries among what moves pay.
_PARTS_OF: Dict[str, re.Pattern[str]] = {
    "salary_factors": re.compile(r"\b(industr(y|ies)|sectors?|locations?|places?|cities)\b", re.I),
}
_LISTED_THERE = re.compile(
    r"\b(listed|named|mentioned|given|included)\b|\bthere\b|\b(in|on|from) (it|that|this)\b", re.I
)


# A short question for the items of such a part ('which industries specifically?', 'what industries tho'): with
# no verb of its own beyond 'were named', it can only be about the answer just given.
_WHICH_OF_PART = re.compile(
    r"^\W*((and|so|ok|okay|but|then)\W+)*(which|what)( \w+)? (industr(y|ies)|sectors?)"
    r"( (specifically|exactly|then|tho|though|again|were|are|was|is|did|do|does|were they|they))*\W*"
    r"( (named|listed|mentioned|given|included|meant|said|it (name|list|mention)s?))?\W*$",
    re.I,
)


def part_of_area(kb: KnowledgeBase, prev_topic: str | None, text: str) -> str | None:
    """The topic whose part the message asks for, when the last answer was in that topic's area: 'which
    industries were named?' after the pay figures or what moves pay is the industries among what moves pay, not the
    careers answer (which has its own industry list)."""
    area = topic_table(kb).area
    here = area.get(prev_topic or "", prev_topic)
    for topic, part in _PARTS_OF.items():
        if here != area.get(topic, topic) or not part.search(text):
            continue
        if _LISTED_THERE.search(text) or _WHICH_OF_PART.search(text):
            return topic
    return None


def _names_part_of_previous(prev_topic: str | None, text: str) -> bool:
    """'which industries are listed there?' after the salary factors: that part of the last answer, not the
    careers answer (which has its own industry list)."""
    part = _PARTS_OF.get(prev_topic or "")
    return bool(part and part.search(text) and (_LISTED_THERE.search(text) or _WHICH_OF_PART.search(text)))


def _title_at_position(
    topic: str, found: _Found, previous: Mapping[str, Any], text: str, kb: KnowledgeBase
) -> Tuple[str, _Found]:
    """'what does the last one pay?' after a list of job titles: the pay of the title at that position (a title
    other than the two roles gets the article's plain 'no figures for that title')."""
    prev_topic = previous.get("topic")
    position = ordinal(text)
    if topic not in pay_topics(kb) or prev_topic not in _TITLE_TOPICS or position is None:
        return topic, found
    if found.roles or found.values.get("job_title"):
        return topic, found
    if prev_topic == "careers":
        titles = kb.careers.titles
    else:
        role = previous.get("role")
        groups = {"ai_engineer": kb.job_titles.ai_focused, "ml_engineer": kb.job_titles.ml_focused}
        titles = groups.get(role) or [*kb.job_titles.ai_focused, *kb.job_titles.ml_focused]
    if not 1 <= abs(position) <= len(titles) or position < -1:
        return topic, found
    key = titles[position - 1 if position > 0 else -1].key
    if key in kb.roles:
        return "salary", replace(found, roles=[key])
    return "salary", replace(found, values={**found.values, "job_title": key})


_IS_THAT = re.compile(r"^\W*(is|are|was|were) (that|it|this|they|those|these)\b", re.I)
_THE_WORD_ONE = re.compile(r"\bthe ([a-z][\w-]+) one\b", re.I)
_LIST_NAMED = re.compile(r"\b(that|this|the) (\w+ )?list\b|\blisted\b|\bon (it|there)\b", re.I)


def _titles_shown(previous: Mapping[str, Any], kb: KnowledgeBase, topic: str | None = None) -> List[Any]:
    """The job titles the last title answer listed: the careers, one role's group, or both groups."""
    if (topic or previous.get("topic")) == "careers":
        return list(kb.careers.titles)
    groups = {"ai_engineer": kb.job_titles.ai_focused, "ml_engineer": kb.job_titles.ml_focused}
    return list(groups.get(previous.get("role") or "") or [*kb.job_titles.ai_focused, *kb.job_titles.ml_focused])


def _title_by_word(text: str, titles: Sequence[Any], kb: KnowledgeBase) -> str | None:
    """The one title a word of its name points at ('the NLP one', 'the consultant one'): in the list shown first,
    then in the job titles' groups, then with the careers; None when no title or several."""
    word = _THE_WORD_ONE.search(text)
    if not word:
        return None
    said = word.group(1).lower()
    groups = [*kb.job_titles.ai_focused, *kb.job_titles.ml_focused]
    for shown in (titles, groups, [*groups, *kb.careers.titles]):
        hits = {t.key for t in shown if re.search(rf"\b{re.escape(said)}", t.name, re.I)}
        if len(hits) == 1:
            return hits.pop()
        if hits:
            return None
    return None


def _as_title(found: _Found, key: str, kb: KnowledgeBase) -> _Found:
    if key in kb.roles:
        return replace(found, roles=[key])
    return replace(found, roles=[], values={**found.values, "job_title": key})


def _title_in_list(
    topic: str, found: _Found, previous: Mapping[str, Any], text: str, kb: KnowledgeBase
) -> Tuple[str, _Found]:
    """A title picked from the list of titles just shown: 'the one before NLP Engineer' (a move from a title named),
    'the last one on that careers list' (a position), 'the automation one' (a word of its name)."""
    prev_topic = previous.get("topic")
    on_titles = prev_topic in _TITLE_TOPICS or topic in _TITLE_TOPICS
    if not on_titles:
        return topic, found
    list_topic = topic if topic in _TITLE_TOPICS else prev_topic
    titles = _titles_shown(previous if list_topic == prev_topic else {}, kb, list_topic)
    if topic in pay_topics(kb) and topic_scores(text, kb).get("salary"):
        # 'what does the last one pay?': _title_at_position; 'what does the NLP one pay?': that title's pay
        key = _title_by_word(text, titles, kb) if found.values.get("job_title") is None and not found.roles else None
        return (topic, _as_title(found, key, kb)) if key else (topic, found)
    keys = [t.key for t in titles]
    named = found.values.get("job_title") or (found.roles[0] if len(found.roles) == 1 else None)
    shift = step_shift(text)
    if named in keys and shift:
        index = keys.index(named) + shift
        if 0 <= index < len(keys):
            return list_topic, _as_title(found, keys[index], kb)
        return topic, found
    position = ordinal(text)
    if named is None and position is not None and (list_topic == prev_topic or _LIST_NAMED.search(text)):
        if 1 <= abs(position) <= len(keys) and position >= -1:
            return list_topic, _as_title(found, keys[position - 1 if position > 0 else -1], kb)
    short = _MEMBERSHIP.search(text) or len(_WORD.findall(text)) <= _BARE_FACET_WORDS
    key = _title_by_word(text, titles, kb) if named is None and short else None
    if key:  # 'the automation one': the title a word of its name points at
        return "job_titles" if _MEMBERSHIP.search(text) else list_topic, _as_title(found, key, kb)
    return topic, found


_SAME_LIST = re.compile(r"\b(that|this|the same|its|their) (same )?(list|lineup|set)\b", re.I)


def _list_holding_title(
    previous: Mapping[str, Any], found: _Found, text: str, thread: Mapping[str, Any], kb: KnowledgeBase
) -> str | None:
    """The list of titles (the careers, or the job titles' two groups) the title just talked about is on, for 'what
    others are on that same list?' after its pay or its definition: the one list holding it, else the one the
    thread went through last; None when the message names a title or role of its own or no list."""
    title = previous.get("job_title")
    if not title or found.values.get("job_title") or found.roles or not _SAME_LIST.search(text):
        return None
    holding = [t for t in _TITLE_TOPICS if title in {x.key for x in _titles_shown({}, kb, t)}]
    if len(holding) == 1:
        return holding[0]
    seen = [t for t in thread if t in holding]
    return seen[-1] if seen else None


def _about_titles(topic: str, found: _Found, prev_topic: str | None, text: str) -> Tuple[str, _Found]:
    """A job title named in a membership question or a bare follow-up on the titles ('and Prompt Engineer?') asks
    where the article lists it; 'the ML-focused ones' after the titles asks for that group."""
    title = found.values.get("job_title")
    unknown = any(k in ("role", "job_title") for k, _ in found.unknown)
    short = is_fragment(text) or bool(
        _GOES_ON.match(text) and not _VERB.search(text)
    )  # 'and the Applied AI Developer?'
    on_titles = prev_topic in _TITLE_TOPICS and (short or bool(_MEMBERSHIP.search(text)))
    if topic in ("salary", "salary_comparison") and _PAY_WORD.search(text) and not _MEMBERSHIP.search(text):
        on_titles = False  # 'ok what about MLOps engineer pay?' after the titles: that title's pay (none given)
    if (title or unknown) and on_titles and (topic not in _TITLE_TOPICS or short):
        topic = prev_topic or topic
    elif title and topic not in _TITLE_TOPICS and _MEMBERSHIP.search(text) and not _TITLE_COMPARED.search(text):
        topic = "job_titles"  # (not 'how does the article tell an ML engineer from an ML-focused data scientist?')
    # every group named, in order ('the first AI-focused title and the first ML-focused one': both groups)
    groups = [g.group(1).lower() for g in _TITLE_GROUP.finditer(text)]
    roles = list(dict.fromkeys("ai_engineer" if g == "ai" else "ml_engineer" for g in groups))
    read_as_roles = not found.roles or (len(roles) > 1 and set(found.roles) <= set(roles))  # ('AI' of 'AI-focused')
    if groups and read_as_roles and not title and (topic == "job_titles" or prev_topic == "job_titles"):
        topic = "job_titles"
        found = replace(found, roles=roles, values={k: v for k, v in found.values.items() if k != "aspect"})
    return topic, found


# a title set against a role or another title: the comparison, though the title's name says 'ML-focused'
_TITLE_COMPARED = re.compile(
    r"\b(differen(ce|t|tiate)|differ|distinguish|compar\w*|versus|vs\.?|tell\b.{0,40}\bfrom)\b", re.I
)


# 'and ...?', also after a thank-you or an ok ('Perfect, and the mid-level AI engineers?')
_GOES_ON = re.compile(
    r"^\W*((ok(ay)?|perfect|great|thanks|thank you|cool|good|nice|right|alright|got it|sure|fine|hmm+|so|now)\W+)*"
    r"(and|what about|how about|same for)\b",
    re.I,
)


def _goes_on_with(intent: str, found: _Found, prev_topic: str | None, text: str, kb: KnowledgeBase) -> bool:
    """'and <something the last topic is narrowed by>?' whose words say nothing for the intent NLU read, or 'what
    does the other role do with data?': the previous question again, about that (NLU unsure of a short follow-up)."""
    topic = intent[4:] if intent.startswith("ask_") else intent
    if not prev_topic or prev_topic not in topic_table(kb).followable or topic == prev_topic:
        return False
    scores = topic_scores(text, kb)
    # 'and the API & microservices rating for that role vs the ML role?' after a learning stage: the words say the
    # skill tables NLU read (skill_comparison is cued by the skills' words), not the stage again
    if any(scores.get(t) for t in topic_table(kb).supported_by.get(topic, (topic,))):
        return False
    if _named_topic(text, kb) not in (None, prev_topic):
        return False
    if _OTHER_ROLE.search(text) and not found.kinds():
        return True
    kinds = found.kinds()
    fields = topic_fields(kb).get(prev_topic, ())
    goes_on = bool(_GOES_ON.match(text)) or bool(_WHAT_IT_DOES.search(text))
    return goes_on and bool(kinds) and all(k in fields for k in kinds)


# 'what does it do with data?', 'how does that role handle deployment?': the one the last answer was about, asked
# the same question of another of its rows
_WHAT_IT_DOES = re.compile(
    r"\b(what|how) (does|do|would|will) (it|they|he|she|(that|this|the same) (role|one|person|engineer))\b", re.I
)


# 'back to ML - mid-level?', 'same two figures for AI?': a bare 'AI'/'ML' where a role goes, after an answer
# narrowed by role ('AI' alone is too common a word to be a role anywhere else).
_BARE_ROLE = re.compile(
    r"\b(?:back to|return to|for|about|same for|and|now|then|at)\s+(?:the\s+)?(ai|ml)(?=\s*(?:[-,:;?!.]|$))"
    r"|^\W*(?:and\s+)?(ai|ml)(?=\s+(?:at|in|on|for)\s+\w+\W*$)",  # 'ML at enterprise' after a learning stage
    re.I,
)
# 'does that hold at every level?', 'is it like that across all levels?': pay at every level, not the one just asked
_ALL_LEVELS = re.compile(
    r"\b(every|each|all|any)( the)? (levels?|bands?)\b|\bacross (the )?(levels|bands|board)\b", re.I
)
# 'what helps push someone toward the top of that?', 'what would get someone above it?': what raises pay
_RAISES_PAY = re.compile(
    r"\b(what|which)( \w+)?( \w+)? "
    r"(helps?|gets?|push(es)?|moves?|takes?|puts?|bumps?|lifts?|boosts?|raises?|makes?|lands?)\b"
    r"[\w\s']{0,30}?"
    # ('what skills would get me there faster?' after a senior band: what moves pay, not the band again)
    r"\b(top|above|higher|up|ahead|further|beyond|upper end|more|faster|quicker|sooner|there)\b",
    re.I,
)
# 'why would one person get the top of that range and another the bottom?', 'why do salaries vary so much?': why
# pay differs within the figures just given, which is what moves pay
_WHY_PAY_DIFFERS = re.compile(
    r"\b(why|what explains|how come)\b.{0,60}\b(top|bottom|higher|lower|differ\w*|var(y|ies|iation)|spread|wide|"
    r"gap|range)\b",
    re.I,
)
# 'what affects these numbers?', 'what else moves the number besides location?', 'which factors decide it?': what
# moves pay, asked of the figures just given
MOVES_PAY = (
    r"\b(what|which)( else| other)?( \w+){0,2} (affects?|influences?|determines?|drives?|impacts?|moves?|shapes?"
    r"|decides?|sets?|changes?)\b|\b(what|which|any|other) (other )?(factors?|variables?|things?|drivers?) "
    r"(affect|influence|determine|drive|move|matter|count|play)"
)
_MOVES_PAY = re.compile(MOVES_PAY, re.I)


def _names_own_topic(text: str, kb: KnowledgeBase) -> bool:
    """A question asking who does something of another topic ('who designs architectures that keep systems
    reliable?' asks the enterprise constraints): 'reliable' there is no word on how exact the figures are."""
    return bool(_ASKS_WHO.search(text)) and bool(set(detect_topics(text, kb)) - set(pay_topics(kb)))


# 'so being able to do both helps?', 'does cloud experience count?': whether something the message names helps
_HELPS = re.compile(
    r"\b(helps?|helpful|matters?|counts?|pays? off|worth it|boosts?|raises?|an advantage|a plus|valued)\W*$", re.I
)
# 'are these guaranteed numbers or just ballpark?': what kind of figures the last pay answer gave
_FIGURES_NATURE = re.compile(
    r"\b(guarantee\w*|ballpark|exact|precise|accurate|reliable|estimates?|rough(ly)?|approximate\w*|indicative|"
    r"fixed|firm|official|set in stone|promised?)\b",
    re.I,
)
_IN_THE_US = re.compile(r"\b(in|for) (the )?(us|u\.s\.?|usa|united states|states|america)\b", re.I)
# 'who deploys it?', 'which role leads it?': the answer is a role, so none is carried into the question; also
# after a subject set before a dash or colon ('deployment - who leads it?', 'monitoring: which role owns it?').
_ASKS_WHO = re.compile(
    # lead-ins: 'Different question: in the responsibilities table, which role ...?', 'deployment - who leads it?'
    r"^\W*((?!(what|how|where|when|why|which|who)\b)[^?:,]{0,40}?(?:[:,]|\s*[-\u2013\u2014]+\s)\s*){0,2}"
    r"(in (that|this|the same|the first|the second) (one|scenario|step|case|project),?\s*)?(and |so |ok |then )?"
    r"((i|we) (meant|mean|wanted to ask|was asking),? )?"  # a correction: 'no wait, I meant who uses processed data'
    r"(who|whose|which role|which one(?= \w+s\b)|which of (them|the two|the roles))\b",
    re.I,
)
# What a step holds: 'what tasks does it involve?', 'what data sources are listed for it?', 'what kinds of drift?'.
# 'what are they checking for?', 'what do they test?' after a step: what the step does, asked of its people.
_THEY_DO_IN_STEP = re.compile(
    r"\bwhat (are|do|does|will|would|should) (they|you|we|teams?|people|engineers?|the engineers?) (be )?"
    r"(check|test|look(ing)? (for|at)|validat|watch|monitor|measur|evaluat|track|clean|transform|collect|ingest|ship"
    r"|deploy|train)\w*",
    re.I,
)
_STEP_CONTENT = re.compile(
    r"\b(tasks?|involve[sd]?|activit(y|ies)|happens?|sources?|kinds? of|kinda|types? of|sorts? of|sorta|consists?|"
    r"includes?|covers?|what goes on|what gets (done|watched|checked|tested|monitored)|"
    # 'what's being tested there?', 'what is checked in it?': what the step does, in the passive
    r"what(\W?s| is| are| gets?)( being)? (done|watched|checked|tested|monitored|validated|evaluated|measured|"
    r"tracked|cleaned|transformed|collected|ingested|shipped|deployed|trained)"
    # 'what do those watch?', 'what does that step look out for?': what the step keeps an eye on, in the active
    r"|watch(es|ing)?|look(s|ing)? (out )?for|keeps? an eye on|guards? against|catch(es)?|detects?)\b",
    re.I,
)


# Words that ask for a whole list rather than the one step just talked about ('what tools are common?').
_IN_GENERAL = re.compile(
    r"\b(all|every|each|any|common(ly)?|general(ly)?|overall|typical(ly)?|usual(ly)?|main|most|article|whole|"
    r"list(ed)?|altogether|in total|both|roles?|engineers?|people|someone|i|you|me|my)\b",
    re.I,
)
_BARE_FACET_WORDS = 6


def _bare_facet_of_step(topic: str, found: _Found, previous: Mapping[str, Any], text: str, kb: KnowledgeBase) -> bool:
    """'what tools are used?' right after a workflow step: a short question naming nothing but a facet the step
    has (its tools) is about that step, not the whole list; one that says 'all', 'common', a role... is not."""
    if not previous.get("stage") or previous.get("topic") not in _STEP_TOPICS or topic == previous.get("topic"):
        return False
    if "stage" not in topic_fields(kb).get(topic, ()) or found.kinds() or found.unknown:
        return False
    return len(_WORD.findall(text)) <= _BARE_FACET_WORDS and not _IN_GENERAL.search(text)


def _asks_inside_step(topic: str, found: _Found, previous: Mapping[str, Any], text: str, kb: KnowledgeBase) -> bool:
    """A question about what the step just talked about holds (its description): it points back at it ('what
    tasks does it involve?') or names something in it ('what kinds of drift get watched?' after monitoring)."""
    stage_key = previous.get("stage") or _tool_stage(subject_parts(previous.get("subject")).get("tool"), kb)
    if topic == "workflow" or not stage_key or found.values.get("stage") not in (None, stage_key):
        return False
    if topic == "tools" and topic_scores(text, kb).get("tools"):  # 'what tools does it involve?': its tools
        return False
    they_do = bool(_THEY_DO_IN_STEP.search(text))
    if found.tools or found.roles or not (they_do or _STEP_CONTENT.search(text)) or _ASKS_WHO.search(text):
        return False
    stage = next((s for s in kb.workflow.stages if s.key == stage_key), None)
    if stage is None:
        return False
    if is_fragment(text) and not _named_topic(text, kb):
        return True  # 'and which sources?', 'what kinds of checks?' after a step: what that step holds
    return bool(they_do or _PRONOUN.search(text) or _IN_IT.search(text)) or bool(
        lookups.stems(text) & lookups.stems(" ".join(stage.activities)) - lookups.stems(stage.name)
    )


_PART_OF = re.compile(
    r"\b(part of|belongs? to|falls? under|comes? under|fits? in(to)?|used for|done for|good for)\s*(what|which)?\W*$",
    re.I,
)


# 'what does data drift fall under?' names a step by its work; 'the monitoring step' by its own name
_STEP_WORD = re.compile(r"\b(steps?|stages?|phases?)\b", re.I)


def _step_it_is_part_of(topic: str, found: _Found, text: str, kb: KnowledgeBase) -> str | None:
    """'what is feature engineering part of?': the one workflow step whose description names it."""
    part_of = _PART_OF.search(text)
    if part_of and not found.tools and found.values.get("stage") and not _STEP_WORD.search(text):
        return str(found.values["stage"])  # 'what does data drift fall under?': the step whose words it is
    if found.values.get("stage") or found.tools or not part_of:
        return None
    named = _named_topic(text, kb)
    used_for = part_of.group(1).lower().endswith(" for")  # ('used for' also cues the use cases: not of a step's work)
    if named and named != "workflow" and not (used_for and named == "use_cases"):
        return None
    stage = lookups.stage_by_words(kb, text)
    return stage.key if stage else None


# 'what role do REST APIs play?', 'what part does Kafka play in it?': a tool's place, not a job role
_TOOL_PART = re.compile(
    r"\b(what|which) (role|part|purpose|function)s? (do|does|did|would|will|can) .{1,40}\bplay\b", re.I
)
_DONE_WITH = re.compile(r"\b\w+ed (with|using)\W*$", re.I)
_MORE = re.compile(r"\bmore\b|\bmost\b", re.I)
_TOOL_AWARE = ("tools", "skills", "skill_comparison", "workflow", "scenarios", "learning_path", "skill_gap", "role_fit")
_CORE_TOPICS = ("skills", "skill_comparison", "tools")
# 'what programming should I learn?', 'which math would I need to know?', 'what data handling skills should I
# add?': what to learn within one area
LEARN_WITHIN = re.compile(
    r"\b(which|what) (?!should|do|would|must|will|else|next|more|first|then)(\w+ ){1,3}(should|do|would|must|will) i "
    r"(need to |still )?"
    r"(learn|study|know|need|pick up|brush up on|add|improve|work on|get better at|focus on)\b",
    re.I,
)
# A question after the items of a list ('which programming languages specifically?', 'is C++ listed?').
_SHARED_CORE = re.compile(r"\b(shared|core|common|both roles'?) (core )?skills?\b", re.I)
ASKS_ITEMS = re.compile(
    r"\b(which|what)\b.*\b(languages?|langs?|tools?|platforms?|providers?|vendors?|stuff|items?|topics?|kinds?|ones|"
    r"requirements?)\b|\b(listed|included|mentioned|one of|part of|specifically|exactly)\b|"
    # 'n programming langs?', 'and the languages?': a bare plural of items, the items asked
    r"^\W*((and|n|&|also|plus|what about|how about)\s+)?(the\s+)?([\w-]+\s+)?(languages|langs|platforms)\W*$|"
    + _SHARED_CORE.pattern
    + r"|"
    + LEARN_WITHIN.pattern,
    re.I,
)


_AFTER_CORE = ("skills", "skill_comparison", "math")


def _core_area_after_core(
    prev_topic: str | None, found: _Found, previous: Mapping[str, Any], text: str, kb: KnowledgeBase
) -> List[str]:
    """A short follow-up naming a shared core area by its name after the shared skills (no one role's): that
    area, though its words also name a responsibility ('data handling') or a tool group ('cloud platforms');
    [] otherwise ('cloud services?' is a row of the skill tables)."""
    if prev_topic not in _AFTER_CORE or previous.get("role") or found.roles or len(_WORD.findall(text)) > 10:
        return []
    if _asks_items_of_core_area(previous, text, kb):
        return core_words(kb, text)  # 'which programming languages, specifically?': that area's items
    if len(_WORD.findall(text)) > 8:
        return []
    if not (is_fragment(text) or _GOES_ON.match(text)) or _named_topic(text, kb) not in (None, *_AFTER_CORE):
        return []
    said = [a.name for a in kb.core_skills.areas if re.search(rf"\b{re.escape(a.name)}\b", text, re.I)]
    return said if len(said) == 1 else []


# 'any specific providers?', 'which particular languages?': the items of something just named
_SPECIFIC = re.compile(r"\b(any|which|what) (specific|particular|named|exact|actual)\b", re.I)


def _asks_items_of_core_area(previous: Mapping[str, Any], text: str, kb: KnowledgeBase) -> bool:
    """After the shared core skills (or one area of them), a question asking which things one area holds ('which
    programming languages, specifically?', 'the cloud part - any specific providers?') by a word for that area:
    its items, not a tool group of a similar name."""
    shown = subject_parts(previous.get("subject")).get("skill")
    areas = {a.name for a in kb.core_skills.areas}
    if shown and shown not in areas:
        return False  # the last answer was about one specialised skill, not the shared core
    if not (ASKS_ITEMS.search(text) or _SPECIFIC.search(text)) or _named_topic(text, kb) not in (None, *_CORE_TOPICS):
        return False
    if any(re.search(rf"\b{re.escape(c.name)}\b", text, re.I) for c in kb.tools.categories):
        return False  # 'what are the cloud AI platforms and the ML frameworks?': the tool groups, by their names
    said = core_words(kb, text)
    return len(said) == 1 and said[0] in areas


def _core_item_pointed(found: _Found, previous: Mapping[str, Any], text: str, kb: KnowledgeBase) -> List[str]:
    """'and what workflows go with it?' after the version-control core area: that area again, when the message points
    back at it and names a kind of thing one of its items is (CI/CD workflows); [] otherwise."""
    said = (subject_parts(previous.get("subject")).get("skill") or "").lower()
    area = next((a for a in kb.core_skills.areas if said and said in (a.name.lower(), a.key)), None)
    if area is None or found.kinds() or not _PRONOUN.search(text) or _named_topic(text, kb) not in (None, "tools"):
        return []
    words = lookups.stems(text) - lookups.stems(area.name)
    return [area.name] if any(words & lookups.stems(item) for item in area.items) else []


def core_words(kb: KnowledgeBase, text: str) -> List[str]:
    """The shared core areas (or their items) the words name: the item as said ('C++'), else the area's name."""
    said = []
    vocab = kb.vocabulary
    for area in kb.core_skills.areas:
        items = [*area.items, *vocab.core_item_words.get(area.key, [])]
        wholes = [area.name, *vocab.core_area_words.get(area.key, [])]
        item = next((i for i in items if re.search(rf"(?<![\w+#]){re.escape(i)}(?![\w+#])", text, re.I)), None)
        if item:
            said.append(item)
        elif any(re.search(rf"\b{re.escape(w)}", text, re.I) for w in wholes):
            said.append(area.name)
    return said


def shown_item(previous: Mapping[str, Any]) -> int | None:
    """The one item of a list the last answer was narrowed to ('shown:item.challenges=2' -> 2), else None."""
    kind, _, keys = (subject_parts(previous.get("subject")).get("shown") or "").partition("=")
    return int(keys) if kind == f"item.{previous.get('topic')}" and keys.isdigit() else None


def _item_scenario(previous: Mapping[str, Any], found: _Found, text: str, kb: KnowledgeBase) -> str | None:
    """The scenario of the list item the last answer was narrowed to, when a question pointing back at it asks who
    does one of that scenario's duties ('which role trains the intent model for it?' after customer support
    automation, a use case the article works through as a scenario); None otherwise."""
    item = shown_item(previous)
    if not item or found.roles or not _ASKS_WHO.search(text) or not _POINTS_BACK.search(text):
        return None
    items = lookups.list_items(kb, previous.get("topic"))
    scenario = lookups.scenario_for(kb, items[item - 1]) if item <= len(items) else None
    return scenario if scenario and lookups.duty_in_scenario(kb, text, scenario) else None


_STEP_FACETS = ("workflow", "tools")


def _linked_stage(topic: str, found: _Found, previous: Mapping[str, Any], text: str, norm: Normalizer) -> str | None:
    """The workflow step the last answer's subject sits in, for a step question that points back at it ('which
    workflow step deals with it?', 'tools for that kind of work?'): a list item by its words (model performance
    drift: Monitoring and Maintenance), a skill by the step aliases and step tools among its own words (data
    engineering: data preparation, SQL, Spark: Data Preparation). None when the message names a step, tool or role
    of its own, does not point back, or the subject links to no one step."""
    if topic not in _STEP_FACETS or found.values.get("stage") or found.tools or found.roles:
        return None
    if not (_POINTS_BACK.search(text) or is_fragment(text)):
        return None
    kb = norm.kb
    parts = subject_parts(previous.get("subject"))
    item = shown_item(previous)
    if item:
        items = lookups.list_items(kb, previous.get("topic"))
        stage = lookups.stage_by_words(kb, items[item - 1]) if item <= len(items) else None
        return stage.key if stage else None
    if previous.get("topic") == "tools" and parts.get("tool"):
        return _tool_stage(parts["tool"], kb)  # 'which step uses those?' after Prometheus: the step it is used in
    if previous.get("topic") == "tools" and _tool_stage(parts.get("skill"), kb):
        return _tool_stage(parts.get("skill"), kb)  # 'which step?' after Spark (a skill that is a step's tool too)
    if previous.get("topic") == "concept" and parts.get("term"):
        if found.unknown or found.skills or not _POINTS_BACK.search(text):
            return None  # 'and which Google ones?' after the AWS ones: another name, not the step of the last
        return _term_stage(parts["term"], kb)  # 'which tools would catch it?' after where drift comes up: its step
    aspect = next((a for a in kb.responsibilities if a.key == previous.get("aspect")), None)
    if previous.get("topic") == "responsibilities" and aspect:  # 'tools for that?' after who monitors: that step
        steps = [s.key for s in kb.workflow.stages if aspect.name.lower() in (s.name.lower(), *s.aliases)]
        return steps[0] if len(steps) == 1 else None
    skill = parts.get("skill") if previous.get("topic") in _SKILL_TOPICS else None  # (a tool answer's is a group)
    if skill is None and previous.get("topic") == "scenarios":
        skill = _skill_talked_about(previous)  # 'the step where that happens?' after the scenario a skill is done in
    return _skill_stage(skill, norm) if skill else None


def _term_stage(term: str, kb: KnowledgeBase) -> str | None:
    """The one workflow step the article names a term in ('drift': Monitoring and Maintenance), None when the
    workflow names it in no step or in several."""
    said = [text for where, text in lookups.mentions(kb, term) if where == "Workflow"]
    steps = {s.key for s in kb.workflow.stages for text in said if text.startswith(f"step {s.number},")}
    return steps.pop() if len(steps) == 1 else None


def _skill_talked_about(previous: Mapping[str, Any]) -> str | None:
    """The skill the topic just before the last answer's was narrowed to ('feature engineering' asked of the
    learning path, then 'in which scenario do they do it?'), for a pointer after an answer that named none."""
    thread = previous.get("thread")
    if not isinstance(thread, Mapping):
        return None
    before = [v for t, v in thread.items() if t != previous.get("topic")][-1:]
    subject = before[0].get("subject") if before and isinstance(before[0], Mapping) else None
    return subject_parts(subject).get("skill")


def _tool_elsewhere(previous: Mapping[str, Any], text: str, kb: KnowledgeBase) -> bool:
    """'which step is it used in then?' after 'is Kafka used there too?' (asked on step 5): the tool just answered
    lives in another step than the one the last answer was asked on, and the words ask for a step."""
    if previous.get("topic") != "tools" or not re.search(r"\b(which|what) (steps?|stages?|phases?)\b", text, re.I):
        return False
    step = _tool_stage(subject_parts(previous.get("subject")).get("tool"), kb)
    return step is not None and step != previous.get("stage")


def _skill_stage(skill: str, norm: Normalizer) -> str | None:
    """The one workflow step a skill's words name: the step of the tool it is, else the steps named by the exact
    step aliases or step tools among the words of its skill-table row; None for a tool group (MLOps), a word of
    several rows ('cloud') or none."""
    kb = norm.kb
    if norm.tool_category(skill):
        return None
    tool = norm.tool(skill)
    if tool:
        return _tool_stage(tool, kb)
    rows = [
        r
        for r in (*kb.skill_matrix, *kb.skill_summary)
        if r.key in (norm.matrix_skill(skill), norm.summary_skill(skill))
    ]
    if len({r.key for r in rows}) > 1:
        return None  # 'cloud': two rows (cloud deployment, cloud services), so no one skill
    words = {clean(w) for w in [skill, *(a for r in rows for a in (r.name, *r.aliases))]}
    named = {s.key for s in kb.workflow.stages if words & {clean(a) for a in (s.name, *s.aliases)}}
    named |= {_tool_stage(norm.tool(w), kb) for w in words if norm.tool(w) and not norm.tool_category(w)} - {None}
    return named.pop() if len(named) == 1 else None


def _tool_stage_elsewhere(previous: Mapping[str, Any], last_stage: str | None, kb: KnowledgeBase) -> bool:
    """The last answer was about a tool asked of a step it is not used in ('is Kafka used there too?' after the
    deployment tools): 'it' next is the tool, in its own step, not the step it was asked of."""
    parts = subject_parts(previous.get("subject"))
    if previous.get("topic") != "tools" or not last_stage or parts.get("shown") != f"stage={last_stage}":
        return False  # (one step of several shown, pointed at: that step, whatever tool was asked last)
    used_in = _tool_stage(parts.get("tool"), kb)
    return bool(used_in) and used_in != last_stage


def _tool_stage(tool: str | None, kb: KnowledgeBase) -> str | None:
    """The one workflow step a tool is used in ('kafka' -> ingestion), else None."""
    if not tool:
        return None
    tool = tool.lower()
    steps = [s for s in kb.workflow.stages if any(tool in t.lower() for t in s.tools)]
    return steps[0].key if len(steps) == 1 else None


# Lists whose items a question can pick from ('which of those are about security?').
_LIST_TOPICS = ("use_cases", "best_practices", "challenges", "enterprise_constraints")
_PICKABLE_LISTS = (*_LIST_TOPICS, "salary_factors")  # lists an item is picked from by its words
# 'which one is about compliance?', 'which factor covers location?': one item of the list just shown, by a word
_WHICH_ONE = re.compile(r"\b(which|what) (one|ones|item|items|factor|factors|entry|point|bullet)\b", re.I)
_PICK_WORDS = frozenset({"one", "item", "factor", "entri", "entry", "point", "bullet", "which", "what"})
_OF_THOSE = re.compile(r"\b(which|any|what|one|ones|some|all|each) of (those|these|them|the list)\b", re.I)


# Lists whose items 'the cloud one' names by their words (the takeaways are matched in `understand`).
_WORDS_LISTS = (*_LIST_TOPICS, "why_it_matters")
_ONE_NAMED = re.compile(r"\bthe ((?:[\w/&-]+ ){0,2}[\w/&-]+)(?: one| item| point| practice| trend)\b", re.I)


def _item_by_words(prev_topic: str | None, found: _Found, text: str, kb: KnowledgeBase) -> int | None:
    """'expand on the cloud one', 'what does the version control one cover?' after a list: the one item (1-based)
    whose words those are; None when no list was shown, a position is named, or no single item has the words."""
    items = lookups.list_items(kb, prev_topic) if prev_topic in _WORDS_LISTS else ()
    said = _ONE_NAMED.search(text)
    if not items or not said or ordinal(text) is not None or len(found.roles) == 1:
        return None
    words = lookups.stems(said.group(1))
    return lookups.item_with_words(items, words, least=len(words)) if words else None  # every word in one item


def _other_list_asked(topic: str, prev_topic: str | None, text: str, kb: KnowledgeBase) -> bool:
    """Whether the words ask another of the article's lists about an item of the last one ('which best practice
    helps with the drift one?' after the challenges): that other list is asked, the item only says what for."""
    return topic != prev_topic and topic in _LIST_TOPICS and topic in detect_topics(text, kb)


# 'where exactly?', 'which sections?', 'under what heading is that?': where the article lists something
_ASKS_WHERE = re.compile(
    r"^\W*(and |so |ok |but )?(where (exactly|else|in the (article|post|piece)|(is|does) (it|that|this)\b(?!.{0,20}\b"
    r"(used|apply|applies|run|runs|work|works|deploy\w*)\b))|(which|what) (sections?|parts?|headings?|lists?)\b"
    r"|under what\b)",
    re.I,
)


def _item_asked_where(
    topic: str, prev_topic: str | None, previous: Mapping[str, Any], text: str, kb: KnowledgeBase
) -> int | None:
    """'where exactly, which sections?' right after one item of a list was answered ('yes: the challenges include
    integration with legacy systems'): that item again (1-based), so its answer says every section listing it
    (whatever NLU read, when the words name no other topic)."""
    if prev_topic not in _LIST_TOPICS or not _ASKS_WHERE.search(text):
        return None
    if topic != prev_topic and _named_topic(text, kb) not in (None, prev_topic):
        return None
    kind, _, keys = subject_parts(previous.get("subject")).get("shown", "").partition("=")
    if kind != f"item.{prev_topic}" or not keys.isdigit():
        return None
    return int(keys)


def _item_said_tersely(topic: str, prev_topic: str | None, found: _Found, text: str, kb: KnowledgeBase) -> int | None:
    """'and model drift?', 'legacy systems?' after a list: a fragment every word of which is in one item alone
    names that item (1-based); None otherwise."""
    if topic != prev_topic or prev_topic not in _LIST_TOPICS or not is_fragment(text) or found.roles:
        return None
    if ordinal(text) is not None or _REST_OF_LIST.search(text):
        return None
    words = lookups.stems(text)
    hits = [n for n, item in enumerate(lookups.list_items(kb, prev_topic), 1) if words and words <= lookups.stems(item)]
    return hits[0] if len(hits) == 1 else None


def _tool_by_words(previous: Mapping[str, Any], found: _Found, text: str, kb: KnowledgeBase) -> str | None:
    """'the Google one?', "what's the Amazon one?" after a list of tools (a step's, a group's): the one tool shown
    whose name or alias has those words; None when none or several have them."""
    said = _ONE_NAMED.search(text) or _TOOL_NAMED.search(text) or _MAKERS.search(text)
    group_names = {n.lower() for c in kb.tools.categories for n in (c.name, *c.aliases)}
    if any(t.lower() not in group_names for t in found.tools) or not said or ordinal(text) is not None:
        return None  # (a group named is where the tool is looked for: 'the Microsoft cloud AI platform')
    # 'the Google cloud AI platform': a tool group named with a maker's word, whatever came before
    in_text = [c for c in kb.tools.categories if any(_says(a, text) for a in (c.name, *c.aliases))]
    if previous.get("topic") not in _STEP_TOPICS and not in_text:
        return None
    stage = next((s for s in kb.workflow.stages if s.key == previous.get("stage")), None)
    parts = subject_parts(previous.get("subject"))
    group = (parts.get("tool") or parts.get("skill") or "").lower()  # the group shown ('Cloud platforms')
    groups = in_text or [c for c in kb.tools.categories if group and group in (c.key, c.name.lower(), *c.aliases)]
    # 'and the Amazon one' after Google Vertex AI: the group that tool is in
    groups = groups or [c for c in kb.tools.categories if group and group in {i.lower() for i in c.items}]
    every = [t for c in kb.tools.categories for t in c.items] + [t for s in kb.workflow.stages for t in s.tools]
    shown = groups[0].items if in_text else list(stage.tools) if stage else groups[0].items if groups else every
    group_words = {w for c in in_text for a in (c.name, *c.aliases) for w in a.lower().split()}
    words = [w for w in said.group(1).lower().split() if w not in group_words]
    if not words:
        return None

    def named(tool: str) -> bool:
        names = [tool, *kb.tools.aliases.get(tool, [])]
        return all(any(re.search(rf"\b{re.escape(w)}", n, re.I) for n in names) for w in words)

    hits = list(dict.fromkeys(t for t in shown if named(t)))
    if not hits:  # "and Amazon's equivalent?" after another maker's tool: the tools lists' one by that maker
        hits = list(dict.fromkeys(t for c in kb.tools.categories for t in c.items if named(t)))
    return hits[0] if len(hits) == 1 else None


# 'which platforms?', 'cloud-based platforms': the article's only tools called platforms are the cloud AI platforms
# (a step's 'model monitoring platforms' aside)
_PLATFORMS = re.compile(r"(?<!monitoring )\bplatforms?\b", re.I)
_CLOUD = re.compile(r"\bcloud\b", re.I)


def _platforms_asked(
    topic: str, found: _Found, previous: Mapping[str, Any], text: str, kb: KnowledgeBase
) -> str | None:
    """The cloud AI platforms group's name when a tools question (or a bare 'which platforms?') asks for platforms
    on cloud talk (its own words or the last answer's subject) and names no tool; else None."""
    if found.tools or not _PLATFORMS.search(text) or re.search(r"\bmonitoring\b", text, re.I):
        return None
    if found.values.get("stage") and not _CLOUD.search(text):  # 'which platforms does step 4 use?': the step's
        return None
    if topic != "tools" and not (is_fragment(text) or re.search(r"^\W*(which|what)\b", text, re.I)):
        return None
    parts = subject_parts(previous.get("subject"))
    about_cloud = _CLOUD.search(text) or _CLOUD.search(f"{parts.get('skill', '')} {parts.get('tool', '')}")
    if not about_cloud or _named_topic(text, kb) not in (None, "tools"):
        return None
    group = next((c for c in kb.tools.categories if c.key == "cloud_ai_platforms"), None)
    return group.name if group else None


# 'and the cloud option?', 'the Google cloud AI platform': one tool of a list by a word of its name
_TOOL_NAMED = re.compile(
    r"\bthe ((?:[\w/&-]+ ){0,3}[\w/&-]+?) (?:option|tool|service|platform|product|offering|choice)s?\b", re.I
)


def _says(phrase: str, text: str) -> bool:
    return bool(re.search(rf"\b{re.escape(phrase)}s?\b", text, re.I))


# "and Amazon's equivalent?", "Microsoft's?": a tool by its maker's name (a word of the tool's name or aliases).
_MAKERS = re.compile(
    r"\b([a-z]+)'s(?:\s+(?:equivalent|counterpart|version|one|offering|option|platform|product|tool|service))?\W*$",
    re.I,
)


# Lists split between the roles ('which ones does the AI engineer handle?' after the steps or the challenges).
_SPLIT_LISTS = ("workflow", "challenges")
_WHICH_ONES = re.compile(
    r"^\W*(and |so |ok |okay |then |now )?(which|what)( ones?| steps?| of (those|these|them|the (steps|items|list)))"
    r"\b(?! (is|are) (called|named))",
    re.I,
)


def _role_picks_from_list(prev_topic: str | None, found: _Found, text: str, kb: KnowledgeBase) -> bool:
    """'which ones does the AI engineer handle?', 'which of them does the ML engineer take on?' right after a list
    the roles split (the workflow's steps, the challenges): that role's part of the list."""
    if prev_topic not in _SPLIT_LISTS or len(found.roles) != 1 or not _WHICH_ONES.search(text):
        return False
    return _named_topic(text, kb) in (None, prev_topic, "responsibilities")


def _list_items(kb: KnowledgeBase, topic: str | None) -> Sequence[str]:
    """The items of one of the article's plain lists (none for another topic)."""
    return {
        "use_cases": kb.enterprise.use_cases,
        "best_practices": kb.best_practices,
        "challenges": kb.challenges.items,
        "enterprise_constraints": kb.enterprise.constraints,
        "salary_factors": kb.salaries.factors,
    }.get(topic or "", [])


# 'which item appears in both lists?', 'anything common to both?', 'what's on both of those lists?'
_IN_BOTH_LISTS = re.compile(
    r"\b(in|on|across|to) both( of)?( (those|these|the|them))?( lists?)?\b|\bboth lists\b|\bcommon to (both|the two)\b",
    re.I,
)


# 'what does it integrate with?', 'what do they plug into?': what AI systems join, which the workflow's intro says
JOINS_WITH = re.compile(
    r"\b(it|they|them|ai|ai systems?|the systems?)\b.{0,20}\b(integrat\w*|connect\w*|plug\w*|hook\w*|ti(e|es|ed) in)"
    r"\b.{0,12}\b(with|into|to|in)\b",
    re.I,
)


def asks_in_both_lists(text: str) -> bool:
    """'which item appears in both lists?': what two lists shown together share."""
    return bool(_IN_BOTH_LISTS.search(text or ""))


def _item_in_both_lists(
    prev_topic: str | None, previous: Mapping[str, Any], text: str, kb: KnowledgeBase
) -> int | None:
    """The position (1-based) in the last list of the item the list shown with it also holds, when the message asks
    what the two lists just shown share; None otherwise."""
    other = subject_parts(previous.get("subject")).get("with")
    if not other or not _IN_BOTH_LISTS.search(text):
        return None
    theirs = [lookups.stems(item) for item in _list_items(kb, other)]
    for position, item in enumerate(_list_items(kb, prev_topic), start=1):
        words = lookups.stems(item)
        if any(len(words & those) >= max(2, len(words) - 1) for those in theirs):
            return position
    return None


def _picks_from_list(prev_topic: str, text: str, kb: KnowledgeBase) -> bool:
    """'which of those are about security?', 'is version control there just for code?' after a list: about its
    items (it points back, and no other topic is named, or an item's words are)."""
    items = _list_items(kb, prev_topic)
    words = lookups.stems(text)
    if _WHICH_ONE.search(text) and any((words - _PICK_WORDS) & lookups.stems(item) for item in items):
        return True  # 'which one is about compliance?' after the pay factors: that item, though the word cues a topic
    if _named_topic(text, kb) not in (None, prev_topic):
        return False
    if _OF_THOSE.search(text):
        return True
    shared = any(len(words & lookups.stems(item)) >= 2 for item in items)
    # 'and model drift?': a fragment whose every word is in one item alone names that item tersely
    whole = [item for item in items if words and words <= lookups.stems(item)]
    shared = shared or (len(whole) == 1 and is_fragment(text))
    return shared and (bool(_IN_IT.search(text)) or is_fragment(text))  # 'and model performance drift?': an item


def _stays_in_scenario(found: _Found, previous: Mapping[str, Any], text: str, kb: KnowledgeBase) -> bool:
    """After a scenario, a question that points back at it ('what systems does it get integrated with?', 'what
    else does the AI engineer set up there?') or names what one role does in it ('who builds the dashboard
    APIs?') is about that scenario, unless it names a topic, another scenario, a step or a tool of its own."""
    key = subject_parts(previous.get("subject")).get("scenario")
    scenario = next((s for s in kb.scenarios if s.key == key), None)
    if scenario is None or lookups.scenario_for(kb, text) not in (None, key):
        return False
    if _named_topic(text, kb) not in (None, "scenarios") or found.tools:
        return False
    if any(found.values.get(k) for k in ("stage", "path_stage", "level", "location", "job_title")):
        return False  # 'the ML path's intermediate stage and its advanced stage?': a subject of its own
    if _REST_OF_LIST.search(text) and not _IN_IT.search(text):
        return False  # 'what was the other scenario?'
    if _PRONOUN.search(text) or _IN_IT.search(text):
        return True
    said = lookups.stems(" ".join([*scenario.ai_engineer, *scenario.ml_engineer]))
    if not found.roles and _ASKS_WHO.search(text) and _one_roles_duty(scenario, text):
        return True  # "and who trains the bot's models?": who, in that scenario (a word only one role's duties use)
    if len(found.roles) == 1 and _ROLES_SHARE.search(text):
        return True  # 'which part is the ML engineer's?', 'just the AI engineer bit': that role's part in it
    if _their_duty_there(scenario, found, previous, text):
        return True
    return len(lookups.stems(text) & said) >= 2 or bool(found.roles and _GOES_ON.match(text))


_THEY = re.compile(r"\b(they|them|their|he|she|his|her|that (person|role|engineer))\b", re.I)


def _their_duty_there(scenario: Any, found: _Found, previous: Mapping[str, Any], text: str) -> bool:
    """'and what do they monitor?' after one role's part in a scenario: a duty word of that role's part there
    ('monitors performance and uptime'), asked of 'they', is that role's part in the scenario, not its table row."""
    role = previous.get("role")
    if found.roles or role not in ("ai_engineer", "ml_engineer") or not _THEY.search(text):
        return False
    return bool(lookups.stems(text) & lookups.stems(" ".join(getattr(scenario, role))))


def _one_roles_duty(scenario: Any, text: str) -> bool:
    """Whether the words of `text` name duties of one role only in `scenario` ('trains' is the ML engineer's)."""
    words = lookups.stems(text)
    duties = {r: lookups.stems(" ".join(getattr(scenario, r))) for r in ("ai_engineer", "ml_engineer")}
    ai, ml = duties["ai_engineer"], duties["ml_engineer"]
    return bool(words & (ai - ml)) != bool(words & (ml - ai))


# One role's share of something the last answer split between the roles ('which part is the ML engineer's?').
_ROLES_SHARE = re.compile(r"\b(part|parts|bit|bits|side|share|piece|portion|half|contribution|duties|tasks)\b", re.I)


# Answers whose subject splits into the roles' parts (a scenario, a step): 'who ... there?' asks which part.
_WHO_IN_IT_TOPICS = ("scenarios", "workflow", "tools")
# 'is it normal for one person to cover both roles?' (a self-description may name a row): doing both, not the row
_ONE_DOES_BOTH = re.compile(
    r"\b(one|a single|the same) (person|engineer|individual|employee|hire)\b|"
    r"\b(cover|covers|covering|do|does|doing|handle|handles|handling|combine|combining|juggle|juggling|wear|wearing)"
    r" (\w+ )?both\b",
    re.I,
)
# What one role does in general, which a question pointing into a scenario asks of that scenario instead.
_ONE_ROLE_WORK = ("role_definition", "responsibilities")


def _rest_of_whole_list(text: str) -> bool:
    """'what else is in that challenges list?' after who takes one item on: the rest of the list, not the role
    that answer named ('what else do they handle?' still asks about that role)."""
    return bool(_REST_OF_LIST.search(text)) and not _THAT_PERSON.search(text)


# The one person a 'who ...?' answer named ('what else does that person set up?', 'what else does he do there?').
_THAT_PERSON = re.compile(
    r"\b(that|this|the same) (person|guy|engineer|one|role|specialist)\b(?! of)|\b(he|she|him|her|they|them)\b", re.I
)
# 'what exactly would I do?' after the side of a scenario someone asked was theirs: that side
_MY_PART = re.compile(r"\b(i|me|my|mine)\b", re.I)
# 'what does each one do?', 'what do both do there?': the two roles, so no one role is the thread's any more
_EACH_ONE = re.compile(r"\b(each one|each|both)\b\s+(do|does|handle|handles|own|owns)\b", re.I)


def _without_roles(thread: Tuple[Tuple[str, Tuple[Tuple[str, Any], ...]], ...]) -> Tuple:
    """The thread with no topic's subject narrowed to one role."""
    return tuple((t, tuple((k, v) for k, v in values if k != "role")) for t, values in thread)


_EVERY_ROLE = re.compile(
    r"\b(each role|both roles|each of them|both of them|for each|for both|(the|same|these) two( roles)?|each one'?s|"
    r"(between|across) (them|the two|the roles|both)|"
    # 'what's the difference in how they handle data?': a difference is between the two, whatever role came last
    r"(differ\w*|different|contrast\w*)\b.{0,25}\b(they|them|their)|"
    r"(they|them|their)\b.{0,25}\b(differ|differs|differ in|contrast)|"
    r"(both|each|the two) (of the )?(\w+ )?(paths|tracks|sides|path|track|side))\b"  # 'both learning paths'
    # 'what about both on X?', 'and both?'
    r"|^\W*((and|so|ok|now|then)\W+)*((what|how) about |and )?(both|each)(?=\W*$|\s+(on|in|at|for|with|rated)\b)",
    re.I,
)
# 'and the tool list for it again, just that step': 'again' goes on with the subject just answered, not the one
# the topic had earlier in the thread.
_ON_LAST_ANSWER = re.compile(
    r"\b(for|of|in|on|from) (it|that|this)\b(?! (one|role|level|path))|\b(just|only) (that|this) (step|stage)\b", re.I
)
_RETURN = re.compile(
    r"\b(back to|going back|return(ing)? to|again|equivalent|same (level|stage|step|role|one)|as before|earlier)\b",
    re.I,
)


def _without_foreign_place(carry: Dict[str, Any], found: Any, norm: Normalizer) -> Dict[str, Any]:
    """A place outside the US the last answer was told has no figures is not carried into the next question (the
    next 'and entry level?' asks the figures the article has); a place the message names itself stays."""
    if carry.get("location") and "location" not in found.values and not norm.is_us(carry["location"]):
        return {k: v for k, v in carry.items() if k != "location"}
    return carry


def _answered_role(previous: Mapping[str, Any], kb: KnowledgeBase) -> str | None:
    """The role the last answer turned out to be about when its question named none ('answered:<role>' subject):
    a new topic pointing back is about it; the same question about another subject ('what about data quality?'
    after 'who handles that?') is not."""
    role = subject_parts(previous.get("subject")).get("answered")
    return role if role in kb.roles and not previous.get("role") else None


def _thread(previous: Mapping[str, Any], norm: Normalizer) -> Dict[str, Dict[str, str]]:
    """The `thread` slot, keeping only topics the KB has and values that are KB keys (slots can hold anything)."""
    raw = previous.get("thread")
    if not isinstance(raw, Mapping):
        return {}
    thread: Dict[str, Dict[str, str]] = {}
    for topic, values in raw.items():
        if topic not in norm.kb.topics or not isinstance(values, Mapping):
            continue
        kept = {
            k: v for k, v in values.items() if k in THREAD_FIELDS and isinstance(v, str) and getattr(norm, k)(v) == v
        }
        thread[topic] = kept
    return thread


def _thread_subject(previous: Mapping[str, Any], topic: str) -> Dict[str, str]:
    """The subject a thread topic was narrowed to ({'subject': ...}), kept for going back to it (returns.py), never
    carried: it is the last answer's `subject` slot as it was then."""
    raw = previous.get("thread")
    values = raw.get(topic) if isinstance(raw, Mapping) else None
    subject = values.get("subject") if isinstance(values, Mapping) else None
    return {"subject": subject} if isinstance(subject, str) else {}


_WORD = re.compile(r"[a-z0-9+#/.-]+", re.I)
FRAGMENT_WORDS = 4  # a verbless message this short names its topic and leans on the thread for the rest
_VERB = re.compile(
    r"\b(are|is|do|does|did|can|could|should|would|will|have|has|need|needs|use|uses)\b"
    # 'list the challenges', 'enumerate the constraints': a request of its own, not a bare follow-up
    r"|^\W*((and|ok|okay|so|now|please|pls)\W+)*(list|enumerate|itemi[sz]e)\b",
    re.I,
)


def is_fragment(text: str) -> bool:
    """'tools?', 'senior salary?', 'and the entry salary?': no verb, too short to be a question of its own
    ('what tools are common?' is one)."""
    text = text or ""
    return 0 < len(_WORD.findall(text)) <= FRAGMENT_WORDS and not text.startswith("/") and not _VERB.search(text)


_KEYED = ("level", "stage", "path_stage", "aspect")


# What frames a bare value in a fragment: 'and on data?', 'what about the team one?', 'for training then?'
_FRAGMENT_FRAME = re.compile(
    r"^\W*((and|so|ok|okay|but|then|now|what about|how about|same for|same on)\W+)*((on|for|in|at|with|about|the)"
    r"\W+)*|\W+((one|row|part|side|then|too|though|tho|please|pls)\W*)*$",
    re.I,
)


def _terse_field(prev_topic: str | None, found: _Found, text: str, norm: Normalizer) -> _Found:
    """A fragment that is only a value of a field the last answer is narrowed by ('and on data?' after the
    deployment and monitoring rows, 'team?' after one row): that value, even a word too common to be scanned in
    free text (careers.yml `scan_excluded`), because the thread says what it names."""
    value = terse_value(prev_topic, text, norm)
    if value is None:
        return found
    kind, key, rest = value
    return replace(found, values={**found.values, kind: key}, said={**found.said, kind: rest})


# 'what's the ...', 'and which is the ...': a question frame around a terse value ('whats the middle one')
_WHAT_IS_FRAME = re.compile(r"^\W*((and|so|ok|okay)\W+)?(what|which)(\s*'\s*s|s|\s+is|\s+was)\s+(?=the\b)", re.I)

# A bare 'AI'/'ML' framing a terse value: 'ML at enterprise', 'enterprise for AI?' (the role is read elsewhere)
_ROLE_FRAME = re.compile(r"^\W*(ai|ml)\s+(at|in|on|for)\b|\b(at|in|on|for)\s+(the\s+)?(ai|ml)\W*$", re.I)


def terse_value(prev_topic: str | None, text: str, norm: Normalizer) -> Tuple[str, str, str] | None:
    """(field, KB key, the words) when a fragment is only a value of a field the last answer's topic is narrowed by,
    framed at most by 'and', 'for', 'the' or a bare role ('ML at enterprise' after a learning stage), or asked
    as 'what's the middle one?' (the question words add nothing to the value); else None."""
    text = _WHAT_IS_FRAME.sub(" ", text or "")
    if not is_fragment(text):
        return None
    rest = _FRAGMENT_FRAME.sub(" ", _ROLE_FRAME.sub(" ", text)).strip()
    rest = _FRAGMENT_FRAME.sub(" ", rest).strip()
    if not rest:
        return None
    for kind in (k for k in topic_fields(norm.kb).get(prev_topic or "", ()) if k in _KEYED):
        key = getattr(norm, kind)(rest)
        if key:
            return kind, key, rest
    return None


def _common_tool_words(found: _Found, text: str, norm: Normalizer) -> _Found:
    """Tool words too common to scan in free text ('editors', 'frameworks': careers.yml `scan_excluded`) mean
    the tools after a tools answer: the thread says what they name."""
    words = re.findall(r"[a-z][\w/-]*", text.lower())
    phrases = [" ".join(words[i : i + n]) for n in (2, 1) for i in range(len(words) - n + 1)]
    named = [value for phrase in phrases for kind, value in norm.excluded_terms(phrase) if kind == "tool"]
    return replace(found, tools=named[:1]) if named else found


# 'step 2', 'the third step', 'stage four': a workflow step named by its place, which no responsibility row has.
_NUMBERED_STEP = re.compile(
    r"\b(?:step|phase)\s*(?:number\s*|no\.?\s*|#\s*)?(?:one|two|three|four|five|six|[1-6])\b"
    r"|\b(?:first|second|third|fourth|fifth|sixth|last|final|[1-6](?:st|nd|rd|th))\s+step\b",
    re.I,
)


def _as_fields_of(prev_topic: str | None, found: _Found, norm: Normalizer, text: str = "") -> _Found:
    """A word that names two things ('deployment': a workflow step and a responsibility) is read as the one the
    previous topic is narrowed by: the thread decides what a bare word points at."""
    fields = topic_fields(norm.kb).get(prev_topic or "", ())
    values, said = dict(found.values), dict(found.said)
    for kind in [k for k in found.values if k in _KEYED and k not in fields]:
        if kind == "stage" and _NUMBERED_STEP.search(text):
            continue  # 'and step 2?' after a responsibility row: a step by its number is that step, no row
        if any(said.get(f) == said.get(kind) for f in fields if f != kind and f in values):
            del values[kind]  # read both ways: the previous topic's reading stands
            continue
        for other in (f for f in _KEYED if f in fields and f not in values):
            key = getattr(norm, other)(found.said.get(kind, ""))
            if key:
                values[other], said[other] = key, said.pop(kind, "")
                del values[kind]
                break
    return replace(found, values=values, said=said)


def _narrows(prev_topic: str | None, found: _Found, kb: KnowledgeBase, text: str) -> bool:
    """The message names only things the previous topic can be narrowed by, and no topic of its own."""
    kinds = found.kinds()
    fields = topic_fields(kb).get(prev_topic or "", ())
    return bool(kinds) and all(k in fields for k in kinds) and not _named_topic(text, kb)


def _antecedent_within(found: _Found | None, text: str) -> bool:
    """The message's pronoun stands for a duty it names itself ('what does an AI engineer do with models - train
    them from scratch?': 'them' are the models), so it points at nothing of the last answer."""
    said = (found.said.get("aspect") if found else None) or ""
    pronoun = _PRONOUN.search(text)
    return bool(said and pronoun) and said.lower() in text[: pronoun.start()].lower()


def _asks_about_previous(
    topic: str, prev_topic: str, text: str, kb: KnowledgeBase, found: _Found | None = None
) -> bool:
    """'what does the AI engineer do in it?' after a scenario, 'which role uses them more?' after a tool list:
    a role question that points back asks about the previous subject, not about the role in general."""
    if topic == "scenarios" and lookups.scenario_for(kb, text):
        return False  # 'go back to customer support - is there a worked example of it?': that scenario
    if topic == "salary_comparison" and not topic_scores(text, kb).get("salary"):
        topic = "role_comparison"  # 'which role uses them more?': a comparison, not about pay
    if topic == prev_topic:
        return False
    if _antecedent_within(found, text) and not re.search(r"\bthere\b", text, re.I):
        return False  # 'who leads deployment and who supports it?' after a step's tools: 'it' is deployment
    if prev_topic in _WHO_IN_IT_TOPICS and _ASKS_WHO.search(text) and _IN_IT.search(text):
        return True  # 'who evaluates accuracy and bias there?' after a scenario: who, in that scenario
    if prev_topic == "scenarios" and topic in ("role_definition", "responsibilities") and _PRONOUN.search(text):
        return not _antecedent_within(found, text)  # 'what does the AI engineer integrate it with?': in that scenario
    if prev_topic == "scenarios" and _IN_IT.search(text) and not topic_scores(text, kb).get(topic):
        return True  # "what's my colleague the ML engineer doing meanwhile?": in that scenario
    if topic not in topic_table(kb).re_askable:
        return False
    if _IN_IT.search(text):
        return True
    return asks_to_compare(text) and bool(_PRONOUN.search(text))


def _known_context(previous: Mapping[str, Any], norm: Normalizer) -> Dict[str, Any]:
    """The context slots with every keyed value checked against the KB: slots are conversation state, which an
    older version, a hand-set slot or a crafted `/intent{...}` payload can fill with anything; a value that is
    not a KB key is dropped instead of being carried into the next answer."""

    def known(kind: str, value: Any) -> bool:
        if kind not in KEYED_SLOTS or value is None:
            return True
        return isinstance(value, str) and getattr(norm, kind)(value) == value

    return {kind: value for kind, value in previous.items() if known(kind, value)}


# 'which team would that person work with, and who would the other role work with?': the role talked about, then
# the other one, in one message; or set beside it ('compare its advanced stage with the other path's')
_THIS_AND_THE_OTHER = re.compile(
    r"\b(who|what|which|how|where)\b[^?]{3,80}?,?\s+and\s+([\w']+\s+){0,5}(for\s+)?the other "
    r"(role|one|side|person|engineer|path|route)\b"
    r"|\b(compar\w*|contrast\w*|stack\w* up|line\w* up|side by side|vs\.?|versus|against|differ\w*|next to)\b"
    r"[^?]{0,60}?\bthe other( (role|one|side|person|engineer|path|route|track)\b|\s*([?!.,]|$))",
    re.I,
)


def asks_every_role(text: str) -> bool:
    """'for both', 'each role', 'the difference in how they ...': a question of both roles, whichever was advised."""
    return bool(_EVERY_ROLE.search(text or ""))


def asks_this_and_the_other(text: str) -> bool:
    """One role and then 'the other role' asked in one message: both roles, not the other one alone."""
    return bool(_THIS_AND_THE_OTHER.search(text or ""))


def _other_role_again(previous: Mapping[str, Any], found: _Found, text: str) -> Dict[str, Any]:
    """The context as if the role before the last answer were talked about, when the last answer was itself asked
    of 'the other role' and this message says 'the other role' again: people name the role they are not on that way
    ('and for the other role?', then 'who does the other role work with?': the same role both times)."""
    said_other = subject_parts(previous.get("subject")).get("other")
    if not said_other or said_other != previous.get("role") or found.roles or text.startswith("/"):
        return dict(previous)
    if not _OTHER_ROLE.search(text):
        return dict(previous)
    return {**previous, "role": other_role(said_other)}


# 'ok back to the role: its advanced stage?', 'back to that engineer': the role talked about before a detour
_BACK_TO_ROLE = re.compile(r"\bback to (the|that|this|our|my) (role|engineer|person|job|position|one)\b", re.I)


def _role_gone_back_to(previous: Mapping[str, Any], found: _Found, text: str, norm: Normalizer) -> Dict[str, Any]:
    """The context with the role the thread last talked about, when the message goes back to 'the role' after a
    detour that had none (a tool looked up between): 'its' then is that role's."""
    if previous.get("role") or found.roles or not _BACK_TO_ROLE.search(text):
        return dict(previous)
    roles = [values["role"] for values in _thread(previous, norm).values() if values.get("role") in norm.kb.roles]
    return {**previous, "role": roles[-1]} if roles else dict(previous)


def _other_role_question(previous: Mapping[str, Any], kb: KnowledgeBase) -> Question:
    topic = previous.get("topic") or "role_definition"
    prev_role = previous.get("role")
    roles = (other_role(prev_role),) if prev_role else ()
    carry = _carried(previous)
    carry.pop("role", None)
    return replace(_build(topic, _Found(), carry, kb), roles=roles, other_role_requested=True)


def _switched_topic(prev_topic: str | None, found: _Found, text: str, kb: KnowledgeBase) -> str | None:
    """The topic a request for the other role names by a field the last topic is not narrowed by ('and the other
    role, what's its entry range?' after one role's tools: its pay; 'its advanced stage?': its learning path). A
    topic named by its words is role_aspect.other_role_elsewhere's."""
    if _named_topic(text, kb):
        return None
    fields = topic_fields(kb).get(prev_topic or "", ())
    kinds = [k for k in found.values if k in ("level", "path_stage") and k not in fields]
    topics = {DEFAULT_TOPIC[k] for k in kinds} - {prev_topic}
    return topics.pop() if len(topics) == 1 else None


def _with_named_values(question: Question, found: _Found, kb: KnowledgeBase) -> Question:
    """'and the other role's advanced stage?': the other role's answer at what the message names (a stage, a
    level), not at what the last answer was narrowed to; a named learning stage replaces the skill it was about."""
    fields = topic_fields(kb).get(question.topic, ())
    named = {k: v for k, v in found.values.items() if k in fields and k in VALUE_FIELDS}
    if "skill" in fields and found.skills and tuple(found.skills) != tuple(question.skills):
        # 'what about API & microservices for the other role?' after a rating: that skill, the other role
        question = replace(question, skills=tuple(found.skills), tools=())
    if not named:
        return question
    if "path_stage" in named:
        question = replace(question, skills=(), tools=())
    return replace(question, **named)


# Words that make 'intermediate' or 'advanced' a stage of a learning path, not a pay level
_ON_A_PATH = re.compile(r"\b(path|paths|track|roadmap|stages?|phases?|learn\w*|study\w*|stuff|topics?|part)\b", re.I)


def _stage_or_level(prev_topic: str | None, found: _Found, text: str, kb: KnowledgeBase) -> _Found:
    """One word read both as a pay level and a learning stage ('intermediate', 'advanced'): the stage when the
    message speaks of a path or stage ('and the intermediate stuff for that path?') or the thread is not about pay;
    the level after pay figures ('and intermediate?' after the entry pay)."""
    said = found.said
    if not ("level" in found.values and "path_stage" in found.values and said.get("level") == said.get("path_stage")):
        return found
    pay_named = bool(set(detect_topics(text, kb)) & set(pay_topics(kb)))
    keep = "level" if pay_named or (prev_topic in pay_topics(kb) and not _ON_A_PATH.search(text)) else "path_stage"
    drop = "path_stage" if keep == "level" else "level"
    return replace(found, values={k: v for k, v in found.values.items() if k != drop})


def _ratings(kb: KnowledgeBase) -> frozenset:
    """The words the skill tables rate with ('basic', 'moderate', 'advanced', 'high')."""
    return frozenset(v.lower() for area in (*kb.skill_matrix, *kb.skill_summary) for v in area.levels.values())


def _stage_or_rating(prev_topic: str | None, found: _Found, text: str, kb: KnowledgeBase) -> _Found:
    """'advanced' after a skill rating is the rating ('who's advanced on that?', 'which areas are advanced for
    both?'), not the learning path's Advanced stage, unless the message speaks of a path or stage."""
    word = found.said.get("path_stage", "")
    if prev_topic not in _SKILL_TOPICS or "path_stage" not in found.values or _ON_A_PATH.search(text):
        return found
    if not any(re.search(rf"\b{re.escape(r)}\b", word, re.I) for r in _ratings(kb)):
        return found
    return replace(found, values={k: v for k, v in found.values.items() if k != "path_stage"})


def _a_duty_in_the_scenario(kb: KnowledgeBase, previous: Mapping[str, Any], found: _Found, text: str) -> bool:
    """A terse follow-up naming only a duty ('and monitors what?', 'deploys it where?') that the scenario just
    answered lists for the role talked about: what that role does there, not the responsibilities table's row."""
    if set(found.kinds()) - {"aspect", "stage", "role"} or not is_fragment(text):
        return False
    key = subject_parts(previous.get("subject")).get("scenario")
    scenario = next((s for s in kb.scenarios if s.key == key), None)
    if scenario is None:
        return False
    roles = [previous["role"]] if previous.get("role") in kb.roles else list(kb.roles)
    duties = lookups.stems(" ".join(d for r in roles for d in getattr(scenario, r)))
    return bool(lookups.stems(text) & duties)


def _names_tool_groups(found: _Found, kb: KnowledgeBase) -> bool:
    """Every tool the message names is a whole tool group ('dev tools', 'ML frameworks'), no single tool."""
    norm = normalizer_for(kb)
    return bool(found.tools) and all(norm.tool_category(t) for t in found.tools)


_COMPARED_WHOLE = ("role_comparison", "both_roles", "which_better")  # the roles as a whole, at no level


def _follow_up_topic(prev_topic: str | None, found: _Found, kb: KnowledgeBase, text: str = "") -> str:
    kinds = found.kinds() or [kind for kind, _ in found.unknown]
    narrows_previous = any(k in topic_fields(kb).get(prev_topic or "", ()) for k in kinds)
    named = _named_topic(text, kb)
    if named in _COMPARED_WHOLE and "level" in kinds:
        # 'what about the ML engineer at the mid level, for comparison?': a level is a pay band, not the whole roles
        return "salary" if "role" in kinds else "salary_comparison"
    if named and named != prev_topic and not narrows_previous:
        return named  # 'what about skills?', 'and the salary?': it names the topic (even as the first message)
    if prev_topic in _SKILL_TOPICS and kinds == ["tool"] and _names_tool_groups(found, kb):
        return "tools"  # 'and dev tools?' after a skill rating: that tool group's list, not its weight as a skill
    if prev_topic == "role_definition" and "aspect" in kinds and "aspect" not in topic_fields(kb).get(prev_topic, ()):
        return "responsibilities"  # 'and how does the second one handle data?' after a definition: that row
    if prev_topic and (not kinds or narrows_previous):
        return prev_topic
    if prev_topic == "concept" and kinds == ["job_title"]:
        return "concept"  # 'and applied ai developer?' after where a title comes up: where that one does
    for kind in ("level", "location", "job_title", "stage", "path_stage", "aspect", "tool", "skill", "role"):
        if kind in kinds:
            return DEFAULT_TOPIC[kind]
    return prev_topic or "help"


def _named_topic(text: str, kb: KnowledgeBase) -> str | None:
    """The topic a bare follow-up names with a strong cue ("skills", "salary", "tools"), if any (detect_topics
    keeps only topics scoring at least 2)."""
    return next(iter(detect_topics(text, kb)), None)


# 'the same group', 'that category', 'its list': the tool group of the tool just talked about
_SAME_GROUP = re.compile(
    r"\b(same|that|this|its|their) (tool )?(group|category|list|set|bucket|family|section)\b", re.I
)


def _group_of_carried_tool(
    topic: str, found: _Found, carry: Mapping[str, Any], text: str, kb: KnowledgeBase
) -> str | None:
    """The name of the one tool group the carried tool is listed in, when the message asks for that group."""
    if topic != "tools" or found.tools or not carry.get("tool") or not _SAME_GROUP.search(text):
        return None
    tool = str(carry["tool"]).lower()
    groups = [c.name for c in kb.tools.categories if tool in (i.lower() for i in c.items)]
    return groups[0] if len(groups) == 1 else None


def _carried(previous: Mapping[str, Any]) -> Dict[str, Any]:
    carry = {k: previous.get(k) for k in CONTEXT_SLOTS if k not in ("topic", "subject") and previous.get(k) is not None}
    for kind, value in subject_parts(previous.get("subject")).items():
        if kind in ("scenario", "skill", "tool"):
            carry[kind] = value
    return carry


def _build(topic: str, found: _Found, carry: Mapping[str, Any], kb: KnowledgeBase) -> Question:
    fields = topic_fields(kb).get(topic, ())
    roles: Tuple[str, ...] = tuple(found.roles)
    if not roles and "role" in fields and carry.get("role"):
        roles = (carry["role"],)
    values = {}
    for kind in VALUE_FIELDS:
        value = found.values.get(kind)
        if value is None and kind in fields and not _unknown_given(found, kind):
            value = carry.get(kind)
        values[kind] = value
    if found.roles and not found.values.get("job_title"):
        values["job_title"] = None  # a named role replaces an earlier other title
    skills, tools = tuple(found.skills), tuple(found.tools)
    if not skills and not tools:
        skills = (carry["skill"],) if "skill" in fields and carry.get("skill") else ()
        tools = (carry["tool"],) if "tool" in fields and carry.get("tool") else ()
    scenario = found.values.get("scenario") or (carry.get("scenario") if "scenario" in fields else None)
    return Question(
        topic=topic,
        roles=roles,
        skills=skills,
        tools=tools,
        unknown=tuple(found.unknown),
        scenario=scenario,
        **values,
    )


def _unknown_given(found: _Found, kind: str) -> bool:
    return any(k == kind for k, _ in found.unknown)


def _fill_stage_from_other_entities(question: Question, found: _Found, norm: Normalizer) -> Question:
    """Workflow and tool questions may name a stage that the entity extractor tagged as a skill, aspect or tool
    ("what tools are used for deployment?": `deployment` is also a responsibility, so it often comes as one)."""
    if question.topic not in ("workflow", "tools") or question.stage:
        return question
    aspect = [found.values["aspect"]] if "aspect" in found.values else []
    for text in [*found.skills, *found.tools, *aspect, *(t for _, t in found.unknown)]:
        if norm.tool(text) or norm.tool_category(text):
            continue
        key = norm.stage(text)
        if key:
            return replace(question, stage=key)
    return question


def picks_from_last_answer(kb: KnowledgeBase, text: str, previous: Mapping[str, Any]) -> str | None:
    """The answer intent for an unsure message that points into the last answer: 'the chatbot one - what is it?'
    after the use cases (an item by its words), 'so the NLP one - first group or second?' after the job-title
    groups (a title by its words), 'and the other role, what systems...?' (the other role than the one answered).
    NLU reads these as help or not at all, though they stay on the last subject; None when none applies."""
    prev_topic = previous.get("topic")
    if not prev_topic or not text or text.startswith("/"):
        return None
    if _OTHER_ROLE.search(text) and (previous.get("role") or _answered_role(previous, kb)):
        return "ask_other_role"
    found = _Found()
    if _item_by_words(prev_topic, found, text, kb):
        return "inform"
    in_scenario = subject_parts(previous.get("subject")).get("scenario")
    if in_scenario and prev_topic != "scenarios" and _IN_IT.search(text) and _named_topic(text, kb) is None:
        return "ask_scenarios"  # 'what else does that person set up there?' after the pay of someone in a scenario
    if prev_topic in _TITLE_TOPICS:
        _, picked = _title_in_list(prev_topic, found, previous, text, kb)
        if picked.values.get("job_title") or picked.roles:
            return "inform"
    return None
