"""`python -m actions.knowledge.check [FILE]`: validate a knowledge-base file, one line out, exit 1 if bad."""

from __future__ import annotations

import sys

from actions.knowledge.loader import KnowledgeBaseError, default_kb_path, load_kb


def main(argv: list[str]) -> int:
    path = argv[0] if argv else default_kb_path()
    try:
        kb = load_kb(path)
    except KnowledgeBaseError as error:
        print(f"knowledge base invalid: {error}", file=sys.stderr)
        return 1
    print(f"knowledge base OK: {path} ({len(kb.workflow.stages)} workflow stages, {len(kb.roles)} roles)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
