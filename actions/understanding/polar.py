"""Yes/no questions about one fact or list item: 'is Git in the shared skills?', 'is infrastructure scaling a
common challenge?', 'back to the titles - is Data Scientist also in that group?', 'do AI engineers build
conversational systems?'.

`asks_yes_no` says whether a message is such a question (after a lead-in such as 'ok', 'and', 'back to X -');
`asked_thing` the thing it asks about (its subject before a listing predicate, or the object a role is asked to
build or use). The answer pipeline leads with 'Yes:' when the answer shows that very thing, so a person asking
yes/no hears yes first, whichever renderer answered.
"""

from __future__ import annotations

import re

# Lead-ins before the question itself: 'ok', 'and', 'so', 'back to version control -', 'quick one:'.
_LEAD_IN = re.compile(
    r"^\W*(?:(?:and|so|but|ok|okay|also|then|cool|right|alright|sure|hmm|well|wait|quick one|one more|"
    r"just checking)\b\s*[,:;.!-]*\s*"
    r"|(?:going |coming |getting |switching )?back to [\w /&']{1,40}?\s*[-:,;\u2013\u2014]+\s*)*",
    re.I,
)
_POLAR_VERB = re.compile(r"^(?:is|are|was|were|does|do|did|has|have|can|could|would|will|should)\b", re.I)
# Comparisons and either/or questions are no yes/no about one fact ('is PyTorch or TensorFlow better?').
_NOT_ONE_FACT = re.compile(
    r"\b(?:better|worse|best(?! practices?\b)|worst|more|less|most|least|than|easier|harder|higher|lower|vs\.?|"
    r"versus|or)\b",
    re.I,
)
# 'is X listed / one of / among / in the ... / a common challenge / something enterprise AI needs': X is asked about.
_SUBJECT = re.compile(
    r"^(?:is|are|was|were)\s+(?P<thing>.+?)\s+(?:really\s+|actually\s+|also\s+|still\s+)?"
    r"(?:listed|mentioned|named|included|covered|considered|counted|one of|among|amongst|part of|on the list|"
    r"in (?:the|that|this|those|these|its|their|there|either|both|any)\b|an?\s|something\b|under\b|"
    r"used (?:in|during|for|at)\b)",
    re.I,
)
# 'does the article list Kafka as an ingestion tool?', 'does Spark appear in the data preparation step?'
_LISTS = re.compile(
    r"^(?:does|do|did)\s+(?:the article|it|the author|the post|they)\s+(?:list|lists|mention|mentions|name|names|"
    r"include|includes|count|counts|cover|covers)\s+(?P<thing>.+?)"
    r"(?:\s+(?:as|among|amongst|in|under|for|within|on)\b|(?:\s+(?:anywhere|at all|somewhere))?\W*$)"
    r"|^(?:does|do)\s+(?P<thing2>.+?)\s+(?:appear|show up|come up|feature|belong|fit)\s+(?:in|on|among|under|with)\b",
    re.I,
)
# 'do AI engineers build conversational systems?': what a role does, its object asked about.
_ROLE_DOES = re.compile(
    r"^(?:do|does|did)\s+(?:the\s+|an?\s+)?(?P<who>(?:ai|ml|machine[- ]learning|mlops|nlp)\s+engineers?|they|he|she"
    r"|it|either(?: role)?|both(?: roles)?)\s+(?:\w+ly\s+)?(?:build|builds|create|creates|design|designs|develop|"
    r"develops|work on|works on|work with|works with|make|makes|use|uses|deploy|deploys|train|trains|integrate|"
    r"integrates|handle|handles|monitor|monitors|oversee|oversees|evaluate|evaluates)\s+(?P<thing>.+)$",
    re.I,
)
# The two roles themselves ('is an AI engineer a good fit?'): what is asked is about the role, not a listed thing.
_ROLE_ITSELF = re.compile(r"\b(?:ai|ml|machine[- ]learning)\s+engineer", re.I)
_POINTERS = re.compile(r"^(?:it|that|this|they|them|those|these|there|one|he|she|you|i|we|the article)$", re.I)
_TRAIL = re.compile(r"\s+(?:anywhere|at all|too|as well|in (?:the )?(?:article|list)|there)$", re.I)


def asks_yes_no(text: str) -> bool:
    """The message (its last sentence asking) opens with a yes/no verb, after any lead-in ('back to X - is ...')."""
    return bool(_POLAR_VERB.match(_question_part(text)))


def asked_thing(text: str) -> str | None:
    """The one thing a yes/no question asks about ('Git', 'infrastructure scaling', 'conversational systems'), or
    None: no yes/no question, a comparison or either/or, or a pointer ('is that listed?') that names nothing."""
    asked = _question_part(text)
    if not _POLAR_VERB.match(asked) or _NOT_ONE_FACT.search(asked):
        return None
    match = _SUBJECT.match(asked) or _LISTS.match(asked) or _ROLE_DOES.match(asked)
    if not match:
        return None
    said = next(g for g in (match.groupdict().get(k) for k in ("thing", "thing2")) if g)
    thing = re.sub(r"^(?:the|a|an|any|some)\s+", "", said.strip(" ?.!"), flags=re.I)
    thing = _TRAIL.sub("", thing).strip()
    if not thing or _POINTERS.match(thing) or _ROLE_ITSELF.search(thing) or len(thing.split()) > 5:
        return None
    return thing


def asks_if_listed(text: str) -> bool:
    """'is X listed / one of / part of / in the ...?': whether X belongs to a list (not what a role does)."""
    asked = _question_part(text)
    return bool(_SUBJECT.match(asked) or _LISTS.match(asked))


# A claim checked with a tag ('my friend said NLP engineer is an ML role, is that right?', 'Kafka is for ingestion.
# True?', 'I heard MLflow is one of the MLOps tools - correct?'): the claim is the yes/no question.
_TAG = re.compile(
    r"(?:^|[,;:\s\u2013\u2014-]+)(?:(?:is|was) (?:that|this|it) (?:really |actually |even )?"
    r"(?:right|rite|true|correct|so|accurate|legit)|(?:am i|are they) right|right|rite|true|correct|isn'?t it|"
    r"aren'?t they)\W*$",
    re.I,
)
_HEARSAY = re.compile(
    r"^(?:(?:my|a) \w+ (?:said|says|told me|thinks|claims)|(?:i|we) (?:heard|read|think|thought|was told)|"
    r"someone (?:said|told me)|people say|apparently|so)\s+(?:that\s+)?",
    re.I,
)
_CLAIM = re.compile(r"^(?P<thing>.+?)\s+(?P<verb>is|are)\s+(?P<rest>.+?)\W*$", re.I)


def _claim_asked(text: str) -> str | None:
    """'X is Y, is that right?' as 'is X Y?': the claim a tag asks to confirm, or None when there is no tag."""
    sentences = [s for s in re.split(r"(?<=[?!.])\s+", (text or "").strip()) if s]
    if not sentences or not _TAG.search(sentences[-1]):
        return None
    claim = _TAG.sub("", sentences[-1]).strip()
    if not claim and len(sentences) > 1:
        claim = sentences[-2]  # 'NLP engineer is an ML role. Is that right?'
    claim = _HEARSAY.sub("", _LEAD_IN.sub("", claim, count=1).strip())
    said = _CLAIM.match(claim)
    if not said or _POLAR_VERB.match(claim) or _WH.match(said.group("thing")):
        return None
    return f"{said.group('verb')} {said.group('thing')} {said.group('rest')}?"


_WH = re.compile(r"^(?:what|which|who|whom|whose|where|when|why|how)\b", re.I)


def as_question(text: str) -> str:
    """A claim checked with a tag as the yes/no question it asks ('NLP engineer is an ML role, right?' -> 'is NLP
    engineer an ML role?'), so every reader (topic words, the renderers' yes/no leads) reads one question; any
    other text unchanged."""
    return _claim_asked(text) or text


def _question_part(text: str) -> str:
    """The asking sentence without its lead-in: the last sentence ending in '?' (else the whole text); a claim
    checked with a tag ('..., is that right?') as the question it stands for."""
    claim = _claim_asked(text)
    if claim:
        return claim
    sentences = [s for s in re.split(r"(?<=[?!.])\s+", (text or "").strip()) if s]
    asked = next((s for s in reversed(sentences) if s.endswith("?")), text or "")
    return _LEAD_IN.sub("", asked, count=1).strip()
