"""Rasa's CRFEntityExtractor, but loaded from the trained CRF models instead of trained again at every start.

Rasa 3.6's CRFEntityExtractor stores only its training set (crf_dataset.json) and, in `load`, trains its CRFs again
from it: ~4 s of every `rasa run` start on 2 cores (py-spy, half of Rasa's model loading), and again for every
warm standby `make serve` keeps. This subclass also stores each trained CRF as the crfsuite model file
sklearn-crfsuite wrote while training (`crf_<tag>.crfsuite`, read by crfsuite's C code: no pickle), and `load` opens
those. The model files are the ones the training produced, and training is deterministic (L-BFGS on the same
data), so the taggers are the same as the retrained ones; tests/test_crf_entity_extractor.py compares the
entities both ways. A model without the files (trained before) loads the old way. Training, features and
prediction are Rasa's own. Reads the parent's private `_model_storage` and `_resource` (fenced in
patches/__init__.py: "rasa.CRFEntityExtractor persist/load").
"""

from __future__ import annotations

import shutil
from collections import OrderedDict
from typing import Any, Dict, List

import rasa.shared.utils.io
from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.extractors.crf_entity_extractor import CRFEntityExtractor, CRFToken

from patches import check as _check_patch

_check_patch("rasa.CRFEntityExtractor persist/load")


def _model_name(tag_name: str) -> str:
    return f"crf_{tag_name}.crfsuite"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=True)
class StoredCRFEntityExtractor(CRFEntityExtractor):
    """CRFEntityExtractor that stores its trained CRFs and loads them, instead of training at every load."""

    def persist(self, dataset: List[List[CRFToken]]) -> None:
        super().persist(dataset)
        if not self.entity_taggers:
            return
        with self._model_storage.write_to(self._resource) as model_dir:
            for tag_name, tagger in self.entity_taggers.items():
                shutil.copyfile(tagger.modelfile.name, model_dir / _model_name(tag_name))

    @classmethod
    def load(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> CRFEntityExtractor:
        import sklearn_crfsuite

        try:
            with model_storage.read_from(resource) as model_dir:
                crf_order = rasa.shared.utils.io.read_json_file(model_dir / "crf_order.json")
                files = [model_dir / _model_name(tag_name) for tag_name in crf_order]
                if not files or not all(path.is_file() for path in files):
                    raise FileNotFoundError("no stored CRF models")
                taggers = OrderedDict()
                for tag_name, path in zip(crf_order, files, strict=True):
                    tagger = sklearn_crfsuite.CRF()
                    tagger.modelfile.ensure_name()  # a file the CRF owns and deletes: the model folder is temporary
                    shutil.copyfile(path, tagger.modelfile.name)
                    tagger.tagger_  # noqa: B018 - open it now: a damaged file fails the load, not a message
                    taggers[tag_name] = tagger
        except (ValueError, FileNotFoundError):  # no resource, or a model trained before this class stored them
            return super().load(config, model_storage, resource, execution_context, **kwargs)
        extractor = cls(config, model_storage, resource, taggers)
        extractor.crf_order = crf_order
        return extractor
