"""Serve a model that uses no TensorFlow without importing TensorFlow: ~340 MB less per Rasa process.

Rasa 3.6 imports TensorFlow whatever the pipeline: `rasa.core.agent` reaches it through the featurizers and
training utilities, and `rasa/__main__.py` configures it at every start. careerbot's trained graph runs no
TensorFlow at all (spaCy tokens, the ONNX sentence encoder, a logistic regression, a CRF, rule and memoization
policies), yet importing it cost 422 MB of resident memory and seconds of start-up in each Rasa process, the
serving one and its standby.

`serve_without_tensorflow(model)` reads the model archive's metadata and, only when every component of its
prediction graph is one of TENSORFLOW_FREE (checked by name, so a model trained with DIET or TED is served with the
real TensorFlow), puts a stand-in on the import path for `tensorflow` and its companion packages: a module whose
every attribute is an inert class, so Rasa's modules import and define their TensorFlow-based classes without
running any of it. Same parses (tests/test_patch_no_tensorflow.py compares intents, confidences and entities
with and without it). `CAREERBOT_REAL_TENSORFLOW=1` turns it off.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import json
import logging
import os
import sys
import tarfile
import types
from pathlib import Path
from typing import Any, FrozenSet, Sequence

from patches import check

logger = logging.getLogger(__name__)

NAME = "rasa imports without tensorflow"
OFF_ENV = "CAREERBOT_REAL_TENSORFLOW"
STOOD_IN = ("tensorflow", "tensorflow_addons", "tensorflow_hub", "tensorflow_text", "tensorflow_probability", "keras")
TENSORFLOW_VERSION = "2.12.0"  # what Rasa 3.6.21 pins; some modules compare it at import

# The prediction-graph components known to run without TensorFlow (Rasa 3.6.21's and careerbot's own).
TENSORFLOW_FREE: FrozenSet[str] = frozenset(
    {
        "components.crf_entity_extractor.StoredCRFEntityExtractor",
        "components.intent_classifier.EncoderIntentClassifier",
        "components.policies.SharedStatesMemoizationPolicy",
        "components.policies.SharedStatesRulePolicy",
        "components.small_talk_guard.SmallTalkGuard",
        "components.spacy_nlp.TrimmedSpacyNLP",
        "components.spelling.SpellingCorrector",
        "rasa.core.policies.ensemble.DefaultPolicyPredictionEnsemble",
        "rasa.core.policies.memoization.MemoizationPolicy",
        "rasa.core.policies.rule_policy.RulePolicy",
        "rasa.graph_components.converters.nlu_message_converter.NLUMessageConverter",
        "rasa.graph_components.providers.domain_provider.DomainProvider",
        "rasa.graph_components.providers.forms_provider.FormsProvider",
        "rasa.graph_components.providers.responses_provider.ResponsesProvider",
        "rasa.graph_components.providers.rule_only_provider.RuleOnlyDataProvider",
        "rasa.nlu.classifiers.fallback_classifier.FallbackClassifier",
        "rasa.nlu.classifiers.regex_message_handler.RegexMessageHandler",
        "rasa.nlu.extractors.crf_entity_extractor.CRFEntityExtractor",
        "rasa.nlu.extractors.entity_synonyms.EntitySynonymMapper",
        "rasa.nlu.featurizers.sparse_featurizer.regex_featurizer.RegexFeaturizer",
        "rasa.nlu.tokenizers.spacy_tokenizer.SpacyTokenizer",
        "rasa.nlu.utils.spacy_utils.SpacyNLP",
    }
)


def _inert_attribute(owner: Any, name: str, module: str) -> Any:
    """A missing attribute of a stand-in: another stand-in class, kept on `owner` (dunders stay missing, so Python's
    protocol checks see a plain object)."""
    if name.startswith("__") and name.endswith("__"):
        raise AttributeError(name)
    value = _Inert(name, (), {"__module__": module})
    setattr(owner, name, value)
    return value


class _Inert(type):
    """A stand-in class: any attribute is another one, calling it returns one (or, as a decorator, the function
    it decorates), and it iterates, sizes and tests as empty. Subclassing it gives another stand-in."""

    def __getattr__(cls, name: str) -> Any:
        return _inert_attribute(cls, name, cls.__module__)

    def __call__(cls, *args: Any, **kwargs: Any) -> Any:
        if len(args) == 1 and not kwargs and callable(args[0]) and not isinstance(args[0], _Inert):
            return args[0]  # @tf.function, @tf.autograph.experimental.do_not_convert ...
        return _Inert(f"{cls.__name__}()", (), {"__module__": cls.__module__})

    def __iter__(cls) -> Any:
        return iter(())

    def __len__(cls) -> int:
        return 0

    def __bool__(cls) -> bool:
        return False

    def __getitem__(cls, _item: Any) -> Any:
        return cls


class _StandInModule(types.ModuleType):
    def __getattr__(self, name: str) -> Any:
        return _inert_attribute(self, name, self.__name__)


class _Loader(importlib.abc.Loader):
    def create_module(self, spec: importlib.machinery.ModuleSpec) -> types.ModuleType:
        module = _StandInModule(spec.name)
        module.__path__ = []  # a package: 'from tensorflow.python.x import y' resolves too
        module.__version__ = TENSORFLOW_VERSION
        return module

    def exec_module(self, module: types.ModuleType) -> None:
        return None


class _Finder(importlib.abc.MetaPathFinder):
    def find_spec(self, fullname: str, path: Sequence[str] | None, target: Any = None) -> Any:
        if fullname.split(".")[0] in STOOD_IN:
            return importlib.machinery.ModuleSpec(fullname, _Loader(), is_package=True)
        return None


def graph_components(model: Path) -> FrozenSet[str]:
    """The component classes of a trained model's prediction graph (its archive's metadata.json)."""
    with tarfile.open(model, "r:gz") as archive:
        member = archive.extractfile("metadata.json")
        if member is None:
            raise ValueError(f"{model} has no metadata.json")
        metadata = json.load(member)
    return frozenset(node["uses"] for node in metadata["predict_schema"]["nodes"].values())


def model_argument(args: Sequence[str]) -> Path | None:
    """The model a `rasa run` / `rasa shell` command line names (--model / -m), if it names a file."""
    for flag, value in zip(args, [*args[1:], ""], strict=True):
        if flag.startswith("--model="):
            flag, value = "--model", flag.split("=", 1)[1]
        if flag in ("--model", "-m") and Path(value).is_file():
            return Path(value)
    return None


def serve_without_tensorflow(model: Path | None) -> bool:
    """Stand in for TensorFlow when `model` runs none of it (see the module docstring); whether it did."""
    if model is None or os.environ.get(OFF_ENV) == "1" or any(n in sys.modules for n in STOOD_IN):
        return False
    try:
        uses = graph_components(model)
    except (OSError, ValueError, KeyError, tarfile.TarError):
        return False  # Rasa will say what is wrong with the model
    needing = sorted(uses - TENSORFLOW_FREE)
    if needing:
        logger.info("serving with TensorFlow: the model uses %s", ", ".join(needing))
        return False
    check("rasa imports without tensorflow")
    sys.meta_path.insert(0, _Finder())
    return True
