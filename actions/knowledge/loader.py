"""Load and validate the knowledge base once per process."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Dict, Iterator, Tuple, TypeVar, Union

import yaml
from pydantic import ValidationError

from actions.knowledge.schema import KnowledgeBase

KB_ENV_VAR = "CAREERBOT_KB"
T = TypeVar("T")


class KnowledgeBaseError(Exception):
    """The knowledge-base file is missing, not YAML, or breaks the schema (one line, names the field)."""


def default_kb_path() -> Path:
    """The committed KB file, unless CAREERBOT_KB points elsewhere (used by tests)."""
    override = os.environ.get(KB_ENV_VAR)
    return Path(override) if override else Path(__file__).with_name("careers.yml")


def load_kb(path: Union[str, Path]) -> KnowledgeBase:
    """Parse and validate one KB file; every failure becomes a one-line KnowledgeBaseError."""
    path = Path(path)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise KnowledgeBaseError(f"{path}: cannot read file ({exc.strerror})") from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark else ""
        raise KnowledgeBaseError(f"{path}:{where} is not valid YAML") from exc
    if not isinstance(raw, dict):
        raise KnowledgeBaseError(f"{path}: top level must be a mapping of sections")
    try:
        return KnowledgeBase.parse_obj(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(part) for part in first["loc"] if part != "__root__")
        more = len(exc.errors()) - 1
        suffix = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
        raise KnowledgeBaseError(f"{path}: field '{field}': {first['msg']}{suffix}") from exc


@lru_cache(maxsize=1)
def get_kb() -> KnowledgeBase:
    """The process-wide KB, validated on first use and then shared."""
    return load_kb(default_kb_path())


def per_kb(build: Callable[[KnowledgeBase], T]) -> Callable[[KnowledgeBase], T]:
    """Cache something derived from a KB (indexes, matchers): built once per loaded KB object, which is
    safe because the KB is immutable."""
    cache: Dict[int, Tuple[KnowledgeBase, T]] = {}

    def get(kb: KnowledgeBase) -> T:
        cached = cache.get(id(kb))
        if cached is None or cached[0] is not kb:
            cached = cache[id(kb)] = (kb, build(kb))
        return cached[1]

    get.__doc__ = build.__doc__
    return get


def all_strings(value: Any) -> Iterator[str]:
    """Every string in a KB value (a model, dict, list), dict keys included: the words a section uses, for word
    lists built from the KB (the spelling corrector's known words, the kinds of things the article covers)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from all_strings(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from all_strings(item)
    elif hasattr(value, "__dict__") or hasattr(value, "dict"):
        yield from all_strings(value.dict() if hasattr(value, "dict") else vars(value))
