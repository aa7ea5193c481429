"""Keep the held-out NLU set honest: drop its messages that occur, verbatim or nearly, in the training data.

Why: a held-out message that is also a training example (or one character away from one) measures memory, not
generalisation; 81 of tests/nlu_test.yml's 559 messages were verbatim copies (issue 14). Texts are compared
without entity markup, lower-cased, with punctuation and runs of whitespace collapsed; "near" is a difflib
ratio of at least 0.9 on that normalised text.

    .venv/bin/python eval/dedupe.py [--check]   # rewrite tests/nlu_test.yml in place / only report (exit 1)
"""

from __future__ import annotations

import argparse
import re
import sys
from difflib import SequenceMatcher
from pathlib import Path
from typing import Iterable, List, Sequence, Tuple

ROOT = Path(__file__).resolve().parents[1]
NEAR = 0.9
_MARKUP = re.compile(r"\[([^\]]*)\](?:\([^)]*\)|\{[^}]*\})")
_NON_WORD = re.compile(r"[^\w]+")
_EXAMPLE = re.compile(r"^(\s*)- (.*)$")


def plain(example: str) -> str:
    """The message text of a Rasa example line: entity markup `[text](entity)` / `[text]{...}` -> text."""
    return _MARKUP.sub(r"\1", example)


def normalise(text: str) -> str:
    return _NON_WORD.sub(" ", plain(text).lower()).strip()


def example_texts(path: Path) -> List[str]:
    """Every example line of the `examples: |` blocks of a Rasa NLU YAML file, markup removed."""
    texts, in_block = [], False
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip().startswith("examples: |"):
            in_block = True
            continue
        match = _EXAMPLE.match(line)
        if in_block and match and len(match.group(1)) >= 4:
            texts.append(plain(match.group(2)))
        elif line.strip() and not line.startswith(" "):
            in_block = False
    return texts


def overlap(text: str, training: Sequence[str], training_set: set) -> Tuple[str, str] | None:
    """(kind, training text) if `text` duplicates a training example; None if it is new."""
    key = normalise(text)
    if key in training_set:
        return "verbatim", key
    matcher = SequenceMatcher(autojunk=False)
    matcher.set_seq2(key)
    for other in training:
        matcher.set_seq1(other)
        if matcher.real_quick_ratio() >= NEAR and matcher.quick_ratio() >= NEAR and matcher.ratio() >= NEAR:
            return "near", other
    return None


def training_keys(paths: Iterable[Path]) -> List[str]:
    return sorted({normalise(t) for path in paths for t in example_texts(path)})


def dedupe_file(test_path: Path, training: Sequence[str], write: bool) -> List[Tuple[str, str, str]]:
    """Drop duplicate example lines from `test_path` (if `write`); return (text, kind, training text) dropped."""
    training_set = set(training)
    kept, dropped, in_block = [], [], False
    for line in test_path.read_text(encoding="utf-8").splitlines(keepends=True):
        match = _EXAMPLE.match(line.rstrip("\n"))
        if line.strip().startswith("examples: |"):
            in_block = True
        elif line.strip() and not line.startswith(" "):
            in_block = False
        if in_block and match and len(match.group(1)) >= 4:
            found = overlap(match.group(2), training, training_set)
            if found:
                dropped.append((plain(match.group(2)), *found))
                continue
        kept.append(line)
    if write and dropped:
        test_path.write_text("".join(kept), encoding="utf-8")
    return dropped


def main(argv: List[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report duplicates and exit 1 if any, change nothing")
    parser.add_argument("--test", default="tests/nlu_test.yml")
    args = parser.parse_args(argv)
    training = training_keys(sorted((ROOT / "data").glob("*.yml")))
    dropped = dedupe_file(ROOT / args.test, training, write=not args.check)
    for text, kind, other in dropped:
        print(f"{kind:8} {text!r} ~ {other!r}")
    verb = "found" if args.check else "dropped"
    print(f"{len(dropped)} duplicate(s) of training examples {verb} in {args.test}")
    return 1 if args.check and dropped else 0


if __name__ == "__main__":
    sys.exit(main())
