"""TrimmedSpacyNLP: Rasa's SpacyNLP with only the spaCy pipes named in `keep_pipes` enabled.

Rasa's SpacyNLP runs every pipe of en_core_web_sm except the parser: tok2vec, tagger, attribute_ruler, lemmatizer and
ner, ~7 ms per message here. careerbot reads the tokens (SpacyTokenizer, RegexFeaturizer, the CRF's shape features,
which use no POS tags or lemmas) and, only when the intent classifier's `spacy_weight` is above 0, the doc vector,
which en_core_web_sm computes from tok2vec's output; nothing reads tags, lemmas or spaCy's own entities. Keeping only
tok2vec halves spaCy's time (~3.5 ms) and leaves intents, confidences and entities unchanged
(bench/spacy_pipes_micro.py compares both on every held-out message).

Config (config.yml): `model` as for SpacyNLP, `keep_pipes` (default [tok2vec]): the pipes left enabled.
config.yml keeps none: the sentence embedding replaced the doc vector, the only thing tok2vec fed, so spaCy
only tokenises (for SpacyTokenizer and the CRF's shape features).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Dict

from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.utils.spacy_utils import SpacyModel, SpacyNLP
from rasa.shared.exceptions import InvalidConfigException


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.MODEL_LOADER, DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER],
    is_trainable=False,
    model_from="TrimmedSpacyNLP",
)
class TrimmedSpacyNLP(SpacyNLP):
    """SpacyNLP with the pipes outside `keep_pipes` disabled (SpacyTokenizer accepts it as a SpacyNLP)."""

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        return {**SpacyNLP.get_default_config(), "keep_pipes": ["tok2vec"]}

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> TrimmedSpacyNLP:
        """Loads only the pipes in `keep_pipes`: the others' weights are never read (excluded, not disabled),
        which saves ~30 MB and ~0.15 s per process start."""
        import spacy

        settings = {**cls.get_default_config(), **config}
        name = settings.get("model")
        if not name:
            return super().create(config, model_storage, resource, execution_context)  # Rasa's own message
        try:
            meta = spacy.util.load_meta(Path(name) / "meta.json")
            pipes = meta.get("components") or meta.get("pipeline", [])  # 'senter' is a component, off by default
        except (OSError, ValueError):
            return super().create(config, model_storage, resource, execution_context)  # Rasa's own message
        keep = list(settings["keep_pipes"])
        unknown = sorted(set(keep) - set(pipes))
        if unknown:
            raise InvalidConfigException(
                f"TrimmedSpacyNLP: keep_pipes names {unknown}, which the spaCy model does not have (it has {pipes})."
            )
        nlp = spacy.load(name, exclude=[pipe for pipe in pipes if pipe not in keep])
        cls.ensure_proper_language_model(nlp)
        return cls(SpacyModel(model=nlp, model_name=name), settings)
