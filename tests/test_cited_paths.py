"""Comments and docstrings that cite a project file name one that exists, so a move cannot leave them stale.

A citation is a relative path with a folder and a file extension (`actions/answers/markdown.py`,
`web/chat.js`) in a Python or shell file, the Makefile or a Markdown document of the project.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CITED = re.compile(
    r"(?<![\w./-])((?:[A-Za-z_][\w-]*/)+[\w.-]+\.(?:py|yml|yaml|md|sh|json|js|css|html|txt|lock|toml))\b"
)
# Paths that are not the project's files: generated at run time, inside a library, or in another repository.
NOT_OURS = re.compile(
    r"^(results|logs|var|models|test-artifacts|reports/runs|node_modules|site-packages|rasa|sanic|"
    r"\.venv|tmp|\.\.|shared|web/node_modules|lib|usr|etc|docs/_)/|(^|/)__\w+__\.py$"
)


def _tracked_sources() -> list[str]:
    out = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    # reports/ are dated records of past runs, not descriptions of today's code
    return [
        p
        for p in out.split()
        if (p.endswith((".py", ".sh", ".md")) or p == "Makefile") and not p.startswith("reports/")
    ]


def _missing() -> list[str]:
    missing = []
    for rel in _tracked_sources():
        path = ROOT / rel
        if not path.is_file():
            continue
        for lineno, line in enumerate(path.read_text(errors="replace").splitlines(), 1):
            for cited in CITED.findall(line):
                if NOT_OURS.search(cited) or (ROOT / cited).exists() or (path.parent / cited).exists():
                    continue
                missing.append(f"{rel}:{lineno}: {cited}")
    return missing


def test_every_cited_project_path_exists() -> None:
    missing = _missing()
    assert not missing, "cited paths that do not exist:\n" + "\n".join(missing)
