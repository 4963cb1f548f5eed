"""The one vocabulary of CE topics, competencies, IC&RC domains and settings."""

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

VOCABULARY_FILE = Path(__file__).with_name("vocabulary.yaml")


@dataclass(frozen=True)
class Vocabulary:
    topics: dict[str, str]
    competencies: dict[int, str]
    icrc_domains: dict[str, str]
    settings: dict[str, str]
    delivery: dict[str, str]


@cache
def load_vocabulary() -> Vocabulary:
    data = yaml.safe_load(VOCABULARY_FILE.read_text(encoding="utf-8"))
    return Vocabulary(
        topics=dict(data["topics"]),
        competencies={int(k): v for k, v in data["competencies"].items()},
        icrc_domains=dict(data["icrc_domains"]),
        settings=dict(data["settings"]),
        delivery=dict(data["delivery"]),
    )
