"""`course.md`: the course's front matter (what it is, what it is worth) and its welcome text."""

import re
from dataclasses import dataclass
from decimal import Decimal

from lms.content import frontmatter
from lms.content.data import Finding
from lms.content.fields import FieldReader
from lms.content.vocabulary import load_vocabulary

COURSE_KEYS = (
    "slug",
    "title",
    "summary",
    "version",
    "ce_hours",
    "topics",
    "competencies",
    "icrc_domains",
    "settings",
    "audience",
    "evaluation",
    "objectives",
    "references",
)
REQUIRED_KEYS = (
    "slug",
    "title",
    "summary",
    "version",
    "ce_hours",
    "topics",
    "objectives",
    "references",
)
SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_CE_HOURS = Decimal(100)
# Objectives should name something a learner can show; these verbs name a state of mind.
VAGUE_VERBS = (
    "understand",
    "know",
    "learn about",
    "appreciate",
    "be aware",
    "become aware",
    "be familiar",
    "become familiar",
    "gain an understanding",
    "gain knowledge",
    "have an understanding",
    "have knowledge",
    "grasp",
)
_OBJECTIVE_PREFIX = re.compile(
    r"^(?:(?:learners|participants|you|students|peers|trainees) will (?:be able to )?"
    r"|be able to |to )",
    re.I,
)


@dataclass(frozen=True)
class CourseMeta:
    """The validated front matter of course.md (None where a required value is unusable)."""

    slug: str | None
    title: str | None
    summary: str | None
    version_label: str | None
    ce_minutes: int | None
    topics: tuple[str, ...]
    competencies: tuple[int, ...]
    icrc_domains: tuple[str, ...]
    settings: tuple[str, ...]
    audience: str
    evaluation: bool
    objectives: tuple[str, ...]
    references: tuple[str, ...]
    ce_line: int  # where ce_hours is written, for findings about the hours


def read_course(
    text: str, path: str = "course.md", folder_name: str | None = None
) -> tuple[CourseMeta, frontmatter.FrontMatter, list[Finding]]:
    """Validate course.md's front matter; every problem is a finding at its key's line."""
    findings: list[Finding] = []
    front = frontmatter.read(text, path, findings)
    if not front.present:
        findings.append(
            Finding(
                path,
                1,
                1,
                "error",
                "missing-front-matter",
                "course.md has no front matter.",
                "Start the file with a '---' line, the course's keys, and another '---'.",
            )
        )
    frontmatter.check_keys(front, COURSE_KEYS, REQUIRED_KEYS if front.present else (), findings)
    fields = FieldReader(front, findings)
    vocabulary = load_vocabulary()
    meta = CourseMeta(
        slug=_slug(fields, folder_name),
        title=fields.text("title"),
        summary=fields.text("summary"),
        version_label=fields.text("version", numbers_ok=True),
        ce_minutes=_ce_minutes(fields),
        topics=_required_list(fields, "topics", vocabulary.topics),
        competencies=fields.vocabulary("competencies", vocabulary.competencies),
        icrc_domains=fields.vocabulary("icrc_domains", vocabulary.icrc_domains),
        settings=fields.vocabulary("settings", vocabulary.settings),
        audience=fields.text("audience", "") or "",
        evaluation=fields.boolean("evaluation", True),
        objectives=_objectives(fields, path, findings),
        references=fields.texts("references"),
        ce_line=fields.line("ce_hours")[0],
    )
    return meta, front, findings


def _slug(fields: FieldReader, folder_name: str | None) -> str | None:
    slug = fields.text("slug")
    if slug is None:
        return None
    if not SLUG_PATTERN.match(slug):
        fields.error(
            "slug",
            "bad-value",
            f"'{slug}' is not a usable slug.",
            "Use lower-case letters, digits and single hyphens, like ethics-and-boundaries.",
        )
        return None
    if folder_name is not None and slug != folder_name:
        fields.error(
            "slug",
            "slug-mismatch",
            f"The slug '{slug}' is not the folder name '{folder_name}'.",
            f"Rename the folder to '{slug}' or set slug: {folder_name}.",
        )
    return slug


def _ce_minutes(fields: FieldReader) -> int | None:
    """CE hours as whole minutes: hours come in steps of 0.25, so minutes are exact."""
    hours = fields.decimal("ce_hours")
    if hours is None:
        return None
    if not 0 < hours <= MAX_CE_HOURS or (hours * 4) % 1 != 0:
        fields.error(
            "ce_hours",
            "bad-ce-hours",
            f"ce_hours must be more than 0, at most {MAX_CE_HOURS}, in steps of 0.25; "
            f"it is {hours}.",
            "Write hours like 1, 1.25, 1.5 or 1.75.",
        )
        return None
    return int(hours * 60)


def _required_list(fields: FieldReader, key: str, allowed: dict) -> tuple:
    before = len(fields.findings)
    values = fields.vocabulary(key, allowed)
    if key in fields.front.nodes and not values and len(fields.findings) == before:
        fields.error(
            key,
            "bad-value",
            f"'{key}' needs at least one value.",
            "See lms/content/vocabulary.yaml for the allowed values.",
        )
    return values


def _objectives(fields: FieldReader, path: str, findings: list[Finding]) -> tuple[str, ...]:
    before = len(findings)
    objectives = fields.texts("objectives")
    if "objectives" in fields.front.nodes and not objectives and len(findings) == before:
        fields.error("objectives", "bad-value", "'objectives' needs at least one objective.")
    nodes = fields.item_nodes("objectives") or [fields.front.nodes.get("objectives")]
    for objective, node in zip(objectives, nodes, strict=False):
        verb = _vague_verb(objective)
        if verb and node is not None:
            line, column = node.start_mark.line + 2, node.start_mark.column + 1
            findings.append(
                Finding(
                    path,
                    line,
                    column,
                    "warning",
                    "vague-objective",
                    f"'{verb}' cannot be observed or measured.",
                    "Start with a verb a learner can show: name, list, describe, explain, "
                    "use, practise, compare, decide.",
                )
            )
    return objectives


def _vague_verb(objective: str) -> str | None:
    text = _OBJECTIVE_PREFIX.sub("", objective.strip()).lower()
    for verb in VAGUE_VERBS:
        if text == verb or text.startswith(verb + " ") or text.startswith(verb + ","):
            return verb
    return None
