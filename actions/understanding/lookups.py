"""KB lookups the understanding needs: which scenario or missing fact a text names, the step or learning stage
before or after one (\'the next step\'), and where the article mentions a term it never defines."""

from __future__ import annotations

import re
from typing import List, Sequence, Tuple

from actions.knowledge.loader import all_strings, per_kb
from actions.knowledge.patterns import rx
from actions.knowledge.schema import ROLE_KEYS, KnowledgeBase, LearningStage, MissingFact, Stage
from actions.understanding import meaning
from actions.understanding.topics import _QUESTION_START, scan_entities
from actions.understanding.vocabulary import normalizer_for


def shifted_stage(kb: KnowledgeBase, key: str, shift: int) -> Stage | None:
    """The workflow step `shift` places after (or before, when negative) `key`; None past either end."""
    index = next(i for i, s in enumerate(kb.workflow.stages) if s.key == key) + shift
    return kb.workflow.stages[index] if 0 <= index < len(kb.workflow.stages) else None


def shifted_learning_stage(kb: KnowledgeBase, key: str, shift: int) -> LearningStage | None:
    """The learning stage `shift` places after (or before) `key`; None past either end."""
    index = next(i for i, s in enumerate(kb.learning_paths) if s.key == key) + shift
    return kb.learning_paths[index] if 0 <= index < len(kb.learning_paths) else None


_STOP = frozenset(
    "the a an and or of in on for to with what which who how is are do does did it its that this these those "
    "be been being get gets got once when where why from into about there their them they step steps stage "
    "model models data ai ml system systems kind kinds happen happens actually before after engineer engineers "
    "engineering role roles job jobs work does".split()
)


_SUFFIX = re.compile(r"(ing|ed|es|s)$")


def stems(text: str) -> set:
    """The content words of `text` without a plural or verb ending, cut to five letters ('regulations' -> 'regul',
    'tests' and 'testing' -> 'test'), for loose word overlap."""
    words = [w for w in re.findall(r"[a-z]{3,}", text.lower()) if w not in _STOP]
    return {(_SUFFIX.sub("", w) if len(w) > 4 else w)[:5] for w in words}


def duty_row_of_step(kb: KnowledgeBase, stage_key: str | None) -> str | None:
    """The responsibilities row named like a workflow step (Monitoring for Monitoring and Maintenance), by its name
    first, then its other names; None when no single row is."""
    stage = next((s for s in kb.workflow.stages if s.key == stage_key), None)
    if stage is None:
        return None
    for words in (stage.name, " ".join([stage.name, *stage.aliases])):
        rows = [r.key for r in kb.responsibilities if stems(r.name) <= stems(words)]
        if rows:
            return rows[0] if len(rows) == 1 else None
    return None


def list_items(kb: KnowledgeBase, topic: str | None) -> Sequence[str]:
    """The items a list answer shows, by its topic ('the cloud one', 'the third one' point into them); empty for
    a topic whose answer is not a list of items."""
    lists = {
        "use_cases": kb.enterprise.use_cases,
        "best_practices": kb.best_practices,
        "challenges": kb.challenges.items,
        "enterprise_constraints": kb.enterprise.constraints,
        "key_takeaways": kb.takeaways,
        "why_it_matters": kb.why_it_matters.trends,
    }
    return lists.get(topic or "", ())


def item_with_words(items: Sequence[str], words: set, least: int = 1) -> int | None:
    """The one item (1-based) sharing the most of `words` (stems), at least `least` of them; None when no item
    shares that many or several share the most."""
    overlaps = [len(words & stems(item)) for item in items]
    best = max(overlaps, default=0)
    return overlaps.index(best) + 1 if best >= max(least, 1) and overlaps.count(best) == 1 else None


# An item picked by what it is about in words it need not share ('the one about machines breaking down' ->
# predictive maintenance): the sentence encoder's cosine similarity of the description to each item.
MEANING_PICK_AT = 0.33  # the best item must be at least this similar ...
MEANING_PICK_MARGIN = 0.06  # ... and this much more similar than the next one


# 'the one about security', 'which of those is about machines breaking down?': an item of the last list picked by
# what it is about (its words, or item_by_meaning in other words).
_DESCRIBED = re.compile(
    r"\b(?:the\s+one|which(?:\s+(?:one|ones|item|of\s+(?:those|these|them|the\s+(?:[\w-]+\s+)?\w+)))?)\s+"
    r"(?:(?:is|are|was|that'?s|that\s+is|which\s+is|would\s+be)\s+)?"
    r"(?:about|on|with|for|covering|concerning|regarding|involving|dealing\s+with|to\s+do\s+with|"
    r"(?:that\s+)?(?:(?:would|could|might|will|does|do)\s+)?"  # 'which would use forecasting?'
    r"(?:mentions?|covers?|deals?\s+with|talks?\s+about|relates?\s+to|has\s+to\s+do\s+with|"
    r"involves?|involve|uses?|needs?|relies\s+on|rely\s+on|includes?|handles?|centers?\s+on|focuses\s+on))\s+"
    r"(?P<words>[^?.!,;]+?)\s*(?:$|[?.!,;]|\band\s+(?:which|what|who|how|where)\b)",
    re.I,
)


def description_of_item(text: str) -> str | None:
    """What a pick from a list says its item is about ('machines breaking down' in 'which of those is about
    machines breaking down?'), None when the message picks nothing so."""
    match = _DESCRIBED.search(text or "")
    return match.group("words") if match else None


def item_by_meaning(kb: KnowledgeBase, items: Sequence[str], description: str) -> int | None:
    """The one item (1-based) `description` means clearly more than any other; None when none does, or without
    the encoder."""
    similar = meaning.similarity_for(kb)
    if similar is None or len(items) < 2 or not description.strip():
        return None
    scores = list(similar(description, list(items)))
    ranked = sorted(scores, reverse=True)
    if ranked[0] < MEANING_PICK_AT or ranked[0] - ranked[1] < MEANING_PICK_MARGIN:
        return None
    return scores.index(ranked[0]) + 1


# The lists whose items are things the article names (not sentences like the takeaways): an item can be asked
# about by one word of its own ('catching fraud?', 'is access control in there?').
THING_LISTS = ("use_cases", "best_practices", "challenges", "enterprise_constraints")


@per_kb
def _distinctive_stems(kb: KnowledgeBase) -> dict:
    """Each word stem that only one item of the thing lists has, with that item as (topic, 1-based position)."""
    where: dict = {}
    for topic in THING_LISTS:
        for number, item in enumerate(list_items(kb, topic), start=1):
            for stem in stems(item):
                where.setdefault(stem, set()).add((topic, number))
    terms = _term_stems(kb)
    return {stem: next(iter(found)) for stem, found in where.items() if len(found) == 1 and stem not in terms}


def item_named_in_full(kb: KnowledgeBase, text: str) -> Tuple[str, int, set] | None:
    """The one item of the thing lists the text names with all its words (two or more: 'predictive maintenance',
    'scaling the infrastructure'), as (topic, 1-based position, the stems it used); None when none or several."""
    said = stems(text)
    found = []
    for topic in THING_LISTS:
        for number, item in enumerate(list_items(kb, topic), start=1):
            words = stems(re.sub(r"\(.*?\)", " ", item)) - _LINKING
            if len(words) >= 2 and words <= said:
                found.append((topic, number, words))
    longest = max((len(w) for *_, w in found), default=0)
    found = [f for f in found if len(f[2]) == longest]
    return found[0] if len(found) == 1 else None


def _term_stems(kb: KnowledgeBase) -> frozenset:
    """The words of the skills' and tools' names ('API & Microservices', 'model monitoring platforms'): a question
    using them asks about that skill or tool, not a list item that shares the word; and the linking words."""
    names = [r.name for r in kb.skill_matrix] + [r.name for r in kb.skill_summary]
    names += [t for c in kb.tools.categories for t in c.items] + [t for s in kb.workflow.stages for t in s.tools]
    return frozenset(stems(" ".join(names))) | _LINKING


# Words an item uses only to link its parts or that name the field at large ('such as', 'engines', 'deployment'):
# no one asks for one item by them.
_LINKING = frozenset(stems("such both based engines deployment"))


def title_by_words(kb: KnowledgeBase, text: str, topic: str | None) -> str | None:
    """The one title of the careers or job-titles list (`topic`) whose own words the text uses, role words aside
    ('which of those is closest to cloud work?' -> Cloud AI Specialist, 'a title focused on the NLP side?' -> NLP
    Engineer); None when none or several do."""
    if topic == "careers":
        titles = kb.careers.titles
    elif topic == "job_titles":
        titles = [*kb.job_titles.ai_focused, *kb.job_titles.ml_focused]
    else:
        return None
    roles = stems(" ".join(n for r in kb.roles.values() for n in (r.name, r.plural, *r.aliases)))
    words = stems(text) - roles
    found = [t.key for t in titles if words & (stems(_ASIDE.sub(" ", t.name)) - roles)]  # '(ML-focused)' aside
    return found[0] if len(found) == 1 else None


# 'what were the use cases again? fraud or something?': the list recalled, an item named only as a reminder of it.
_RECALLS_LIST = re.compile(
    r"\b(again|remind me|or (something|sth|so|whatever|such)|and (what|which) else|and so on|etc)\b", re.I
)


def recalls_list(text: str) -> bool:
    """The message asks for a list again, naming an item only as a reminder ('the use cases again? fraud or
    something?'): the whole list, not the item."""
    return bool(_RECALLS_LIST.search(text))


def items_by_own_words(kb: KnowledgeBase, text: str) -> List[Tuple[str, int]]:
    """The items of the thing lists (topic, position) that `text` names by a word no other item has ('does this
    apply to catching fraud?' -> the fraud use case), in the order of their lists; [] when it uses none."""
    if text.startswith("/"):
        return []
    own = _distinctive_stems(kb)
    found = {own[stem] for stem in stems(text) if stem in own}
    order = {topic: i for i, topic in enumerate(THING_LISTS)}
    return sorted(found, key=lambda pair: (order[pair[0]], pair[1]))


_BEFORE_AFTER = re.compile(r"\b(before|after|once|until)\b.*$", re.I)


def stage_by_words(kb: KnowledgeBase, text: str) -> Stage | None:
    """The one workflow step whose name, aliases and activities share the most word stems with `text`
    ('what kind of tests happen before deployment?' -> Testing and Validation: a step named after 'before' or
    'after' is where the asked one sits, so it counts only when the rest names none); None on a tie or none."""
    return head_stage(kb, text) or _best_stage(kb, text)


def head_stage(kb: KnowledgeBase, text: str) -> Stage | None:
    """The step named before a 'before'/'after' clause ('tests' in 'tests before deployment'): the one asked
    about, so the clause moves nothing; None when the message has no such clause or its head names no step."""
    head = _BEFORE_AFTER.sub("", text)
    return _best_stage(kb, head) if head != text else None


def _best_stage(kb: KnowledgeBase, text: str) -> Stage | None:
    words = stems(text)
    scored = []
    for stage in kb.workflow.stages:
        own = stems(" ".join([stage.name, *stage.aliases, *stage.activities]))
        scored.append((len(words & own), stage))
    scored.sort(key=lambda pair: -pair[0])
    if not scored or scored[0][0] == 0 or (len(scored) > 1 and scored[1][0] == scored[0][0]):
        return None
    return scored[0][1]


# Words every salary factor could share ('security and compliance knowledge', 'cloud and MLOps expertise'): they
# say what kind of factor it is, not which one.
_FACTOR_KIND = frozenset(stems("knowledge expertise experience policies policy skills skill"))
_ASIDE = re.compile(r"\(([^)]*)\)")


# 'besides location', 'other than the industry', 'what else ... apart from remote work': the others are asked for
_SET_ASIDE = re.compile(r"\b(besides|apart from|aside from|other than|except( for)?|on top of)\b|\bwhat else\b", re.I)


def salary_factors_named(kb: KnowledgeBase, text: str) -> List[str]:
    """The salary factors (KB `salaries.factors`) whose own words `text` uses, best first and ties together
    ('does security knowledge raise pay?' -> security and compliance knowledge); a word of a factor's aside
    ('industry (finance, healthcare, ...)') counts half. [] when no factor's words occur, and when the one named is
    set aside ('what else moves it besides location?' asks for the others)."""
    if _SET_ASIDE.search(text):
        return []
    described = description_of_item(text)
    words = stems(described or text)
    scored = []
    for factor in kb.salaries.factors:
        aside = " ".join(_ASIDE.findall(factor))
        head = stems(_ASIDE.sub(" ", factor)) - _FACTOR_KIND
        score = 2 * len(words & head) + len(words & (stems(aside) - head))
        if score:
            scored.append((score, factor))
    best = max((score for score, _ in scored), default=0)
    if not scored and described:  # 'which of those is about where people work?': the factor it means
        picked = item_by_meaning(kb, kb.salaries.factors, described)
        return [kb.salaries.factors[picked - 1]] if picked else []
    return [factor for score, factor in scored if score == best]


def scenario_for(kb: KnowledgeBase, text: str) -> str | None:
    """The scenario whose name or alias occurs in `text` (longest alias first)."""
    low = f" {text.lower()} "
    pairs = sorted(((a.lower(), s.key) for s in kb.scenarios for a in [s.name, *s.aliases]), key=lambda p: -len(p[0]))
    return next((key for alias, key in pairs if rx(rf"(?<!\w){re.escape(alias)}s?(?!\w)").search(low)), None)


def scenario_by_word(kb: KnowledgeBase, text: str) -> str | None:
    """'and in the analytics one?', 'the dashboard example': the one scenario whose name or aliases hold the words
    before 'one' (said after a scenario, where 'one' can only be another scenario); None if none or several."""
    said = _THE_WORD_ONE.search(text)
    if not said:
        return None
    words = stems(said.group(1)) - _NOT_SCENARIO_WORDS
    held = [s.key for s in kb.scenarios if words and words <= stems(" ".join([s.name, *s.aliases]))]
    return held[0] if len(held) == 1 else None


# 'the analytics one', 'the support bot example', 'the dashboard scenario': a scenario called by a word of its name
_THE_WORD_ONE = re.compile(r"\bthe ((?:[\w-]+ ){0,2}[\w-]+) (one|scenario|example|project|case|use case)\b", re.I)
_NOT_SCENARIO_WORDS = frozenset({"other", "first", "second", "same", "last", "next", "previ", "ai", "ml"})


def duty_in_scenario(kb: KnowledgeBase, text: str, scenario: str | None = None) -> Tuple[str, str] | None:
    """(scenario, role) of the one duty in the article's scenarios (of `scenario` only, when given) sharing the most
    words with `text`, at least two ('trained the intent model' -> the ML engineer's 'trains NLP models for intent
    classification' in customer support automation); None when none does or several do as much."""
    words = stems(text)
    scored = [
        (len(words & stems(duty)), sc.key, role)
        for sc in kb.scenarios
        if scenario in (None, sc.key)
        for role in kb.roles
        for duty in getattr(sc, role)
    ]
    best = max((n for n, _, _ in scored), default=0)
    hits = {(key, role) for n, key, role in scored if n == best}
    return hits.pop() if best >= 2 and len(hits) == 1 else None


def missing_fact(kb: KnowledgeBase, text: str, previous_topic: str | None = None) -> MissingFact | None:
    """The first kind of fact the article lacks that `text` asks for (KB `coverage.missing`), else None; a fact's
    `after_patterns` count only right after an answer on one of its `after` topics (`previous_topic`)."""
    if not text or text.startswith("/"):
        return None
    text = _asked_sentences(text)
    named: set | None = None
    for fact in kb.coverage.missing:
        after = fact.after_patterns if previous_topic in fact.after else ()
        if any(rx(p, re.I).search(text) for p in after):
            return fact  # right after its topic ('which one is cheapest?' after the tools): that answer's subject
        if not any(rx(p, re.I).search(text) for p in fact.patterns):
            continue
        if fact.needs:
            if named is None:
                named = {e["entity"] for e in scan_entities(text, kb)}
                named |= {"name"} if _unknown_capitalised(kb, text) else set()
            if not named & set(fact.needs):
                continue
        return fact
    payer = unknown_payer(kb, text)
    return next((f for f in kb.coverage.missing if f.pay_by_unknown_payer), None) if payer else None


# A capitalised word inside a sentence ('is Jenkins or GitHub Actions better?'): a name, for a `needs: [name]`.
_INNER_CAPITAL = re.compile(r"(?<![.!?]\s)(?<!^)\b([A-Z][A-Za-z0-9+#]*[A-Za-z0-9+#])\b")
_NO_NAMES = frozenset("i i'm ai ml us usa uk eu ok hi faq api apis ci cd it im ive".split())


def _unknown_capitalised(kb: KnowledgeBase, text: str) -> bool:
    """The message names something in capitals that no word of the article is ('Jenkins', 'CircleCI'): a product
    or vendor the article never lists, so a ranking or price of it is a fact the article lacks."""
    known = article_words(kb)
    words = [m.group(1).lower() for m in _INNER_CAPITAL.finditer(text)]
    return any(w not in _NO_NAMES and w not in known and _singular(w) not in known for w in words)


# Pay from a kind of employer or group: 'do hospitals pay ML engineers less than banks?', 'salaries at a nonprofit'.
_PAYER_PAYS = re.compile(
    r"\b(?:do|does|did|would|will|can)\s+(?P<np>[a-z][\w'-]*(?:\s+[a-z][\w'-]*){0,2}?)\s+(?:pay|pays|paid)\b", re.I
)
_PAID_AT = re.compile(
    r"\b(?:pay|pays|paid|paying|earn|earns|earning|make|makes|salar(?:y|ies))\b.{0,40}?"
    r"\b(?:at|in|for|than|than at|than in)\s+(?P<np>(?:an?\s+)?[a-z][\w'-]*(?:\s+[a-z][\w'-]*){0,2})",
    re.I,
)
_MEASURES = frozenset("year years month months week weeks day days hour hours total general average".split())
# Courtesy and filler words that end a request ('pay in usa plz', 'in london please'): no part of a payer's name.
_COURTESY = re.compile(r"(?:\s+(?:please|pls|plz|thanks|thank you|thx|ty|tho|though|lol|asap|rn))+$", re.I)


def unknown_payer(kb: KnowledgeBase, text: str) -> str | None:
    """The employer or group a pay question is about when the article never names it ('hospitals', 'a nonprofit'):
    a noun that is no word of the article (nor a role, level or place; a capitalised name is a place or employer,
    read elsewhere); None otherwise."""
    known = article_words(kb)
    for match in [*_PAYER_PAYS.finditer(text), *_PAID_AT.finditer(text)]:
        said = _COURTESY.sub("", rx(r"^an?\s+", re.I).sub("", match.group("np"))).strip()
        if said[:1].isupper():
            continue  # 'in Canada', 'at Google': a place or an employer by name
        if any(e["entity"] == "location" for e in scan_entities(said, kb)):
            continue  # 'in usa please', 'remote from india': a place (read elsewhere), not who pays
        words, _ = _noun_phrase(said, known)
        if not words or (match.re is _PAYER_PAYS and len(words) != len(said.split())):
            continue  # 'do they pay', 'does it pay': no payer named
        if any(e["entity"] in ("role", "job_title", "level") for e in scan_entities(" ".join(words), kb)):
            continue  # 'salary for ai engineer please': the role itself, not an employer
        head = words[-1]
        if match.re is _PAYER_PAYS and (len(words) > 2 or not head.endswith("s")):
            continue  # 'does healthcare also affect pay?': a verb before 'pay', not employers that pay
        if head in _MEASURES or _singular(head) in known or head in known or len(head) < 4 or head.endswith("ing"):
            continue
        return " ".join(words)
    return None


_SENTENCE = re.compile(r"(?<=[.!?])\s+")
_ABOUT_ME = re.compile(r"^\W*(i'm|i am|im|i've|i have|i work|i run|i do|i spend|i build|my)\b", re.I)
# A sentence that tells who the person is without 'I': 'stats masters grad, R + a bit of python', '17 and in high
# school, want to be an AI engineer', 'senior java dev 12 yrs ... want AI without going back to school for math'.
_SAYS_WHO = re.compile(
    r"\b(i|i'm|im|i've|ive|my|me)\b|\b\d+\s*(yrs?|years?)\b|\b(grad|graduate|student|dev|developer|engineer|analyst"
    r"|teacher|major|minor|manager|consultant|scientist|accountant|here)\b|(^|[,.;]\s*)(want|wanna|love|like|know|took"
    r"|did|studied|worked|been|tired|thinking|good at)\b",
    re.I,
)
_ASKS = re.compile(rf"^\W*(so |ok |okay |and |but |then )?{_QUESTION_START}\b|\?\s*$", re.I)


def _asked_sentences(text: str) -> str:
    """The question sentences of a message that first says who the person is ('I'm an SRE. ... plus on-call for
    system health. Which role would reuse that?', 'stats masters grad, love modelling. what role'): what they
    are, studied or did (a school, a degree, a workplace) is no question about schools or working conditions."""
    sentences = [s for s in _SENTENCE.split(text.strip()) if s]
    if len(sentences) < 2 or not _ASKS.search(sentences[-1]):
        return text
    told = [s for s in sentences if not _ASKS.search(s)]
    if not told or not (_ABOUT_ME.match(sentences[0]) or all(_SAYS_WHO.search(s) for s in told)):
        return text
    return " ".join(s for s in sentences if _ASKS.search(s))


_ACRONYM = re.compile(r"^[A-Z]{3,6}$")


def spelled_out(kb: KnowledgeBase, term: str) -> str | None:
    """The phrase of the article's lists an acronym stands for ('RBAC' -> 'role-based access control'): the one
    list item (or its part before 'for', 'of', 'such as') whose words' initials spell it; None otherwise."""
    if not _ACRONYM.match(term.strip()):
        return None
    lists = [*kb.best_practices, *kb.challenges.items, *kb.enterprise.constraints, *kb.enterprise.use_cases]
    found = set()
    for item in lists:
        for phrase in {item, re.split(r"\s+(?:for|of|such as|with)\s+", item)[0]}:
            initials = "".join(w[0] for w in re.findall(r"[A-Za-z]+", phrase)).upper()
            if initials == term.strip():
                found.add(phrase)
    return found.pop() if len(found) == 1 else None


# The article's two groups of job titles, by their KB keys (careers.yml job_titles).
TITLE_GROUPS = {"ai_focused": "AI-focused job titles", "ml_focused": "ML-focused (machine-learning-focused) job titles"}


def mentions(kb: KnowledgeBase, term: str, loose: bool = False) -> List[Tuple[str, str]]:
    """Every place the article mentions `term` (whole words, case-insensitive), as (where, what it says),
    for questions about a term the article uses but never defines ("what is MLOps?"); an acronym of one of its
    list items ('RBAC') is looked up spelled out. `loose`: a phrase the article never writes as such is found
    where one of its sentences has all its words ('bias evaluation' in 'evaluates accuracy and bias')."""
    found = _mentions(kb, term)
    spelled = None if found else spelled_out(kb, term)
    found = _mentions(kb, spelled) if spelled else found
    return found or (_mentioned_in_other_words(kb, term) if loose else [])


_COMPARED = re.compile(r"\s+(?:vs\.?|versus|or|and|compared (?:to|with))\s+", re.I)
_DIFFERENCE = re.compile(r"^(?:the\s+)?(?:difference|differences|distinction)\s+(?:between|of)\s+", re.I)


def compared_terms(kb: KnowledgeBase, term: str) -> List[str]:
    """'data drift vs performance drift', 'the difference between X and Y': the two or more terms compared, when the
    article mentions each somewhere; empty when the text is no such comparison or one term is never mentioned."""
    parts = [p.strip() for p in _COMPARED.split(_DIFFERENCE.sub("", term or "")) if p.strip()]
    return parts if len(parts) >= 2 and all(_mentions(kb, p) for p in parts) else []


def term_of(parts: Sequence[str]) -> str:
    """The one term to show where compared terms come up: their shared last word ('drift' of 'data drift' and
    'performance drift') when they end alike, else the first."""
    last = {p.split()[-1].lower() for p in parts}
    return last.pop() if len(last) == 1 and all(len(p.split()) > 1 for p in parts) else parts[0]


def _mentioned_in_other_words(kb: KnowledgeBase, term: str) -> List[Tuple[str, str]]:
    """The places whose sentence has every content word of a phrase of two or more words, in any form."""
    wanted = stems(term)
    if len(term.split()) < 2 or len(wanted) < 2:
        return []
    places = {place for word in term.split() for place in _mentions(kb, word)}
    return sorted((p for p in places if wanted <= stems(p[1])), key=lambda p: p[0])


def _mentions(kb: KnowledgeBase, term: str) -> List[Tuple[str, str]]:
    word = term.strip()
    base = word[:-1] if len(word) > 3 and word.lower().endswith("s") and not word.lower().endswith("ss") else word
    spaced = re.escape(base).replace(r"\ ", r"[\s-]")  # 'remote work' finds 'remote-work'
    pattern = re.compile(rf"(?<![\w]){spaced}(?:s|es)?(?![\w])", re.I)  # 'chatbot' finds 'chatbots'
    found: List[Tuple[str, str]] = []

    def add(where: str, text: str) -> None:
        if pattern.search(text) and (where, text) not in found:
            found.append((where, text))

    for r in ROLE_KEYS:  # what each role's description says it builds ('recommendation engines')
        role = kb.roles[r]
        add(
            f"What an {role.name} does" if role.name[0] in "AEIOU" else f"What a {role.name} does",
            f"{role.definition.rstrip('.')}; typical work: {', '.join(role.builds)}",
        )
    for sc in kb.scenarios:  # the project scenarios ('the chatbot', 'forecasting models')
        for r in ROLE_KEYS:
            add(f"Scenario: {sc.name}", f"{kb.roles[r].name}: {', '.join(getattr(sc, r))}")
    for s in kb.skill_matrix:
        add(
            "Specialised skills",
            f"{s.name}: AI Engineer {s.levels['ai_engineer']}, ML Engineer {s.levels['ml_engineer']}",
        )
    for s in kb.skill_summary:
        add("Skill summary", f"{s.name}: AI Engineer {s.levels['ai_engineer']}, ML Engineer {s.levels['ml_engineer']}")
    for c in kb.tools.categories:
        add("Tools", f"{c.name}: {', '.join(c.items)}")
        for item in c.items:
            if pattern.search(item):
                found.append(("Tools", f"{item} is one of the {c.name.lower()}"))
    for st in kb.workflow.stages:
        add("Workflow", f"step {st.number}, {st.name}: {', '.join(st.activities)} (tools: {', '.join(st.tools)})")
    for ls in kb.learning_paths:
        for r in ROLE_KEYS:
            add("Learning path", f"{kb.roles[r].name}, {ls.name} stage: {', '.join(getattr(ls, r))}")  # type: ignore
    for group, titles in (("ai_focused", kb.job_titles.ai_focused), ("ml_focused", kb.job_titles.ml_focused)):
        for t in titles:  # the group is what the article says of a title it never describes
            add("Job titles", f"{t.name} is one of the {TITLE_GROUPS[group]} (the job titles that use AI daily)")
    for t in kb.careers.titles:
        add("Careers", f"{t.name} is one of the careers people move into after AI and machine-learning courses")
    add("Careers", f"these roles exist in many industries, including {', '.join(kb.careers.industries)}")
    for factor in kb.salaries.factors:
        add("Salary factors", f"{factor} moves salaries")
    add("Salaries", kb.salaries.growth_note)
    for where, items in (
        ("Best practices", kb.best_practices),
        ("Challenges", kb.challenges.items),
        ("Enterprise constraints", kb.enterprise.constraints),
        ("Enterprise use cases", kb.enterprise.use_cases),
    ):
        for item in items:
            add(where, item)
    for area in kb.core_skills.areas:
        add("Shared core skills", f"{area.name}: {', '.join(area.items)}")
    add("Certifications", kb.faq.certifications)
    for takeaway in kb.takeaways:
        add("Key takeaways", takeaway)
    return found


# 'is Airflow mentioned anywhere?', 'does the article mention Snowflake at all?', 'any mention of dbt?'
_IS_MENTIONED = re.compile(
    r"^\W*(?:so\s+|and\s+)?(?:is|are)\s+(?P<a>[\w+#.-]+(?:\s+[\w+#.-]+)?)\s+"
    r"(?:mentioned|listed|named|covered|included|in the (?:article|list))\b"
    r"|\b(?:mentions?|covers?|names?|lists?)\s+(?P<b>[\w+#.-]+(?:\s+[\w+#.-]+)?)\s+(?:at all|anywhere)\b"
    r"|\bany mention of\s+(?P<c>[\w+#.-]+(?:\s+[\w+#.-]+)?)"
    r"|\b(?:talk|talks|say|says|said|write|writes|go|goes|get|gets)\s+(?:anything\s+)?(?:about|into)\s+"
    r"(?P<d>[\w+#.-]+(?:\s+(?:or|and)\s+[\w+#.-]+)?)\s+(?:at all|anywhere)\b"
    r"|\b(?:say|says|said|mention|mentions|cover|covers|write|writes|talk|talks)\s+anything\s+(?:about|on|regarding)\s+"
    r"(?P<e>[\w+#.-]+(?:\s+(?:or|and)\s+[\w+#.-]+)?)\W*$"
    # 'does the article talk about LLMs specifically?', 'does it cover Rust?'
    r"|\b(?:article|it|post|piece|text|guide)\s+(?:talk|talks|say|says|go|goes|get|gets|cover|covers|mention|mentions|discuss"
    r"|discusses)\s+(?:anything\s+)?(?:about\s+|into\s+|on\s+)?(?P<f>[\w+#.-]+(?:\s+(?:or|and)\s+[\w+#.-]+)?)"
    r"(?:\s+(?:specifically|at all|anywhere|much|in detail|in particular))?\W*$"
    # 'should I learn Airflow?', 'is salesforce einstein worth learning?', 'does terraform experience count?': a name
    # asked about as a thing to learn or to have; said so when the article never uses it
    r"|\b(?:should|do|must|would)\s+(?:i|we|you)\s+(?:also\s+)?(?:learn|study|pick up|master|know|get into)\s+"
    r"(?P<g>[\w+#.-]+(?:\s+[\w+#.-]+)?)\W*$"
    r"|^\W*(?:so\s+|and\s+)?(?:is|are)\s+(?P<h>[\w+#.-]+(?:\s+[\w+#.-]+)?)\s+(?:worth\s+(?:learning|studying|knowing"
    r"|it|the time|picking up))\b"
    r"|\b(?:does|do|will|would|is)\s+(?:my\s+|your\s+|their\s+)?(?!(?:current|previous|prior|old|past|former|existing"
    r"|real|work|any|some|all|relevant|practical|hands-on|professional|this|that|the|such|more|less|much|my|your|their"
    r"|our)\b)(?P<i>[\w+#.-]+(?:\s+[\w+#.-]+)?)\s+(?:experience|skills?|knowledge|background|expertise)\s+"
    r"(?:count|help|matter|transfer|carry)"
    # 'and where is git mentioned', 'where does the article mention Kafka?': where a name comes up
    r"|^\W*(?:so\s+|and\s+|ok\s+)?(?:where|in which (?:part|section)|which (?:part|section))\s+(?:is|are|does|do)\s+"
    r"(?P<j>[\w+#.-]+(?:\s+[\w+#.-]+)?)\s+(?:mentioned|listed|named|covered|come up|comes up|appear|appears)\b"
    r"|^\W*(?:so\s+|and\s+|ok\s+)?where\s+(?:does|do)\s+(?:the article|it|the post|they)\s+"
    r"(?:mention|list|name|cover)\s+(?P<k>[\w+#.-]+(?:\s+[\w+#.-]+)?)\W*$",
    re.I,
)
# Groups of _IS_MENTIONED that read a phrase (which may be the article's own words, 'pay at all'), not only a name.
_PHRASE_GROUPS = ("d", "e", "f", "g", "h", "i")
_NOT_A_NAME = re.compile(r"^(it|this|that|they|them|these|those|there|anything|something|security|the\b.*)$", re.I)


def asks_if_mentioned(text: str) -> bool:
    """'does it mention huggingface?', 'is Airflow listed?': a question about what the article names, whatever the
    name (the small-talk guard: no thanks or greeting asks it)."""
    return bool(_IS_MENTIONED.search(text or "")) and not (text or "").startswith("/")


def asked_if_mentioned(kb: KnowledgeBase, text: str) -> List[str]:
    """The name a message asks whether the article mentions, when it never does (KB word lists, such as the
    skills people say they have, are no mention): said so before the answer."""
    match = _IS_MENTIONED.search(text or "")
    if not match or text.startswith("/"):
        return []
    found = next(g for g in match.groups() if g).strip(" ?.")
    norm = normalizer_for(kb)
    listed = any(match.group(g) for g in _PHRASE_GROUPS)
    asked = re.split(r"\s+(?:or|and)\s+", found) if listed else [found]  # 'LLMs or GPT' is two
    names = []
    for name in asked:
        if _NOT_A_NAME.match(name) or len(name) < 2 or mentions(kb, name):
            continue
        if listed and all(_singular(w) in article_words(kb) for w in name.lower().split()):
            continue  # 'does it say anything about pay at all?': a word of the article's, no name
        if any(read(name) for read in (norm.tool, norm.role, norm.stage, norm.matrix_skill, norm.summary_skill)):
            continue
        names.append(name)
    return names if len(names) == len(asked) else []  # every name asked after is one the article never uses


# 'where is git mentioned?', 'where else does CI/CD come up?': where the article names a word
_WHERE_MENTIONED = re.compile(
    r"\bwh?ere(?:\s+else)?\s+(?:is|are|does|do)\s+(?:the\s+)?(?P<name>[\w+#./-]+(?:\s+[\w+#./-]+)?)\s+"
    r"(?:mentioned|named|listed|come up|comes up|show up|shows up|appear|appears)\b",
    re.I,
)


# 'and where's VS Code?', 'where is Kafka?': where a name is, the whole question
_WHERE_IS = re.compile(
    r"\bwh?ere(?:'s|s| is| are| do i find| can i find)\s+(?:the\s+)?(?P<name>[\w+#./-]+(?:\s+[\w+#./-]+)?)\s*\?*\s*$",
    re.I,
)


def where_mentioned(kb: KnowledgeBase, text: str) -> str | None:
    """The word a message asks where the article mentions, when the article does mention it; else None."""
    match = _WHERE_MENTIONED.search(text or "") or _WHERE_IS.search(text or "")
    if not match or _NOT_A_NAME.match(match.group("name")):
        return None
    return match.group("name") if mentions(kb, match.group("name")) else None


def asked_if_mentioned_and_is(kb: KnowledgeBase, text: str) -> str | None:
    """The name a message asks whether the article mentions, when it does ('does the article mention manufacturing
    anywhere?': the industries): what the article says about it is the answer."""
    match = _IS_MENTIONED.search(text or "")
    if not match or text.startswith("/"):
        return None
    found = next(g for g in match.groups() if g).strip(" ?.")
    return found if not _NOT_A_NAME.match(found) and len(found) > 1 and mentions(kb, found) else None


# KB sections that are no facts of the article: what it lacks, the routing cues, the interview's wording.
_NOT_FACTS = ("coverage", "topics", "advisor")


def _article_words(kb: KnowledgeBase) -> frozenset:
    """Every word of the article's facts and their aliases, and the nouns for the kinds of facts it gives (KB
    `coverage.kinds_given`), singular: what a question can ask for and get."""
    facts = {k: v for k, v in kb.dict().items() if k not in _NOT_FACTS}
    # the words for where a person works ('hospitals' for healthcare) are no words of the article: pay at hospitals
    # is still a figure it lacks
    facts["vocabulary"] = {k: v for k, v in facts["vocabulary"].items() if k != "industries"}
    texts = [*kb.coverage.kinds_given, *all_strings(facts)]  # a key's '_' splits its words as a space would
    return frozenset(_singular(w) for t in texts for w in re.findall(r"[a-z][a-z0-9+#-]*", t.lower()))


def _singular(word: str) -> str:
    """'libraries' -> 'library', 'bodies' -> 'body', 'courses' -> 'course', 'tools' -> 'tool' (near enough)."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


article_words = per_kb(_article_words)
singular = _singular  # read by understand.unknown_names too

# 'which X', 'any good X', 'is there a X', 'can you recommend a X': the thing a question asks for follows.
_ASKS_FOR = re.compile(
    r"\b(?:which|any|(?:is|are) there(?: an?| any| some)?|(?:recommend|suggest|name)(?: me)?(?: an?| any| some)?)"
    r"\s+(?P<np>[a-z][\w'-]*(?:\s+[a-z][\w'-]*){0,3})",
    re.I,
)
# 'what textbook should I read?', 'what conferences do they go to?': 'what', a noun phrase, an auxiliary and its
# subject ('what happens in it' is no such question).
_WHAT_DO = re.compile(
    r"\bwhat\s+(?P<np>[a-z][\w'-]*(?:\s+[a-z][\w'-]*){0,2}?)\s+(?:do|does|did|should|would|could|can|is|are|was|were)\s+"
    r"(?:i|you|we|they|he|she|it|people|engineers|the|a|an|one)\b",
    re.I,
)
# Yes/no questions about a thing: 'do they need a security clearance for government jobs?' (what is needed),
# 'do Kaggle rankings help me get hired?' (what helps), and an attribute of something named with 's: "what's that
# chatbot's resolution rate?". The thing asked for is the noun phrase.
_NEEDS = re.compile(
    r"\b(?:need|needs|require|requires|required|must have|have to have)\s+(?:an?\s+|any\s+|some\s+)?"
    r"(?P<np>[a-z][\w'-]*(?:\s+[a-z][\w'-]*){0,3})",
    re.I,
)
_HELPS = re.compile(
    r"^\W*(?:and\s+|so\s+|but\s+)?(?:do|does|did|will|would|can|could|might)\s+(?:an?\s+|the\s+|my\s+|your\s+)?"
    r"(?P<np>[a-z][\w'-]*(?:\s+[a-z][\w'-]*){0,3}?)\s+(?:really\s+|actually\s+)?"
    r"(?:help|count|matter|boost|improve|hurt|make a difference)\b",
    re.I,
)
_WHOSE = re.compile(
    r"\bwhat(?:'s|’s|\s+is|\s+was|\s+are|\s+were)\s+(?:the\s+|that\s+|this\s+|an?\s+)?[a-z][\w-]*(?:\s+[a-z][\w-]*)?"
    r"(?:'s|’s)\s+(?P<np>[a-z][\w'-]*(?:\s+[a-z][\w'-]*){0,3})",
    re.I,
)
# Words that end the noun phrase a question asks for (a verb, a pronoun, a preposition...).
_NP_END = frozenset(
    "you you'd youd i i'd we they it he she is are was were be do does did would could should can will may might "
    "has have had in on at for of to from with by about like as than that which who whose when where why how and "
    "or but if so then there here this these those the a an my your their its our me us them one ones exactly "
    "specifically again usually actually really even though worth different between right now else instead each both "
    "either every all".split()
)
# Words before the noun a question asks for that say which or how good, not what: 'any good maths textbook'.
_NP_MODIFIERS = frozenset(
    "good great decent nice solid best top specific particular exact actual real free cheap official popular "
    "famous known well-known recommended other else more few some certain kind kinds type types sort sorts".split()
)


def unknown_asked(kb: KnowledgeBase, text: str) -> str | None:
    """The thing a question asks for when it is no kind of thing the article gives ('any good maths textbook you'd
    recommend?' -> 'maths textbook', 'any specific middleware you'd name?' -> 'middleware'): its head noun is no
    word of the article's facts nor a kind of fact it declares (KB `coverage.kinds_given`); None otherwise."""
    if not text or text.startswith("/"):
        return None
    known = article_words(kb)
    matches = [*_ASKS_FOR.finditer(text), *_WHAT_DO.finditer(text), *_NEEDS.finditer(text), *_HELPS.finditer(text)]
    for match in [*matches, *_WHOSE.finditer(text)]:
        whole = match.re in (_WHAT_DO, _HELPS)  # the noun phrase is all the words before the verb
        said = match.group("np") if match.re is _HELPS else f"{match.group('np')} {text[match.end('np') :]}"
        words, after = _noun_phrase(said, known)
        if not words or words[-1].endswith("ing") or after in _OBJECTS or after == "of":
            continue  # 'recommend exploring', 'which store it', 'need a lot of math': no thing asked for
        if whole and len(words) != len(match.group("np").split()):
            continue  # 'what X should I ...': X is all the words before the auxiliary
        head = words[-1]
        if _singular(head) in known or head in known or len(head) < 3:
            continue
        return " ".join(words)
    return None


def unknown_rated(kb: KnowledgeBase, text: str) -> str | None:
    """The skill a question asks the rating of when the article rates and mentions nothing by that name ('the
    rating for prompt engineering', 'a rating for soft skills like communication'); None otherwise."""
    if not text or text.startswith("/"):
        return None
    known = article_words(kb)
    for match in _RATED.finditer(text):
        words, _ = _noun_phrase(match.group("np"), known)
        phrase = " ".join(words)
        if not words or scan_entities(phrase, kb) or _mentions(kb, phrase):
            continue
        if any(_singular(w) not in known and w not in known for w in words):
            return phrase  # 'the rating for prompt engineering': a skill the article rates nowhere
    return None


# 'the rating for X', 'how is X rated', 'how do they score on X': a skill asked to be rated.
_RATED = re.compile(
    r"\b(?:ratings?|rated|rate|scores?|scored)\s+(?:for|on|of|in)\s+(?P<np>[a-z][\w'-]*(?:\s+[a-z][\w'-]*){0,3})",
    re.I,
)
_OBJECTS = frozenset("it them me us him her".split())


def _noun_phrase(text: str, known: frozenset) -> Tuple[List[str], str]:
    """The words of the noun phrase `text` starts with, without a leading 'good', 'specific'..., and the word
    after it; it ends at a function word, an adverb, a trailing modifier ('role good for me') or the verb after
    a noun."""
    words: List[str] = []
    for word in re.findall(r"[\w'-]+|[^\w\s]", text.lower()):
        if word in _NP_END or not re.match(r"^[a-z][a-z0-9-]*$", word):
            return words, word
        if word in _NP_MODIFIERS:
            if words:
                return words, word
            continue
        if words and _verb_after(words[-1], word, known):
            return words, word  # 'which role suits me': the noun phrase ends before its verb
        words.append(word)
        if len(words) == 4:
            break
    return words, ""


def _verb_after(before: str, word: str, known: frozenset) -> bool:
    """'suits' after 'role', 'involves' after 'step': a verb's -s after a singular noun the article uses."""
    plural = before.endswith("s") and not before.endswith(("ics", "ths"))  # 'maths', 'analytics': no plurals
    if plural and _singular(before) in known and _singular(before) != before:
        return True  # 'which industries hire', 'which skills push': a plural noun of the article's, then its verb
    singular_noun = not before.endswith("s") and before in known
    return singular_noun and word.endswith("s") and not word.endswith(("ss", "ies"))


# 'Azure tools', 'Google stuff': a vendor's word with a generic noun after it
_GENERIC_TAIL = re.compile(r"\s+(tools?|services?|products?|stuff|offerings?|things|platforms?)\s*$", re.I)


def without_generic_tail(word: str) -> str:
    """'Azure tools' -> 'Azure': the vendor's word alone."""
    return _GENERIC_TAIL.sub("", word or "").strip()


def tools_with_word(kb: KnowledgeBase, word: str) -> List[str]:
    """The tools whose names hold `word` as a whole word ('Azure' or 'Azure tools': Azure Data Factory, Azure Machine
    Learning), the workflow's before the tool groups'; [] for a short word or the name of one tool itself."""
    word = without_generic_tail(word)
    if len(word) < 3:
        return []
    names: List[str] = []
    for group in [*(s.tools for s in kb.workflow.stages), *(c.items for c in kb.tools.categories)]:
        names.extend(n for n in group if n not in names)  # (the workflow's steps come before the tool groups)
    said = re.compile(rf"\b{re.escape(word)}\b", re.I)
    return [t for t in names if said.search(t) and t.lower() != word.lower()]
