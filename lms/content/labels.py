"""The vocabulary as a reader sees it: topic, competency, setting and delivery labels in the
interface language.

The labels live in `vocabulary.yaml` (English); `make i18n-extract` reads them into the catalog
through `lms.i18n_lint.extract_vocabulary`, so each has a translation like any marked string.
IC&RC domain names stay as the board writes them. Keys never change: records store keys, and
validation checks keys against `load_vocabulary()`.
"""

import dataclasses

from lms.content.vocabulary import Vocabulary, load_vocabulary
from lms.i18n import gettext


def local_vocabulary() -> Vocabulary:
    """`load_vocabulary()` with its labels in the language of the page being made."""
    vocabulary = load_vocabulary()

    def translated(labels: dict) -> dict:
        return {key: gettext(label) for key, label in labels.items()}

    return dataclasses.replace(
        vocabulary,
        topics=translated(vocabulary.topics),
        competencies=translated(vocabulary.competencies),
        settings=translated(vocabulary.settings),
        delivery=translated(vocabulary.delivery),
    )
