"""The knowledge base: one YAML file of facts and the typed schema that validates it."""

from actions.knowledge.loader import KnowledgeBaseError, default_kb_path, get_kb, load_kb
from actions.knowledge.schema import KnowledgeBase

__all__ = ["KnowledgeBase", "KnowledgeBaseError", "default_kb_path", "get_kb", "load_kb"]
