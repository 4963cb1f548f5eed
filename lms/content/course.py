"""`course.md`: the course's front matter (what it is, what it is worth) and its welcome text."""

import re
from dataclasses import dataclass

from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from lms.content import frontmatter
from lms.content.frontmatter import FieldReader
from lms.content.vocabulary import load_vocabulary
from lms.findings import Finding
from lms.hours import format_hours, hours_phrase
from lms.yamlread import suggest

COURSE_KEYS = (
    "slug",
    "title",
    "summary",
    "version",
    "ce_hours",
    "topics",
    "competencies",
    "icrc_domains",
    "domain_hours",
    "settings",
    "audience",
    "evaluation",
    "objectives",
    "references",
    "language",
    "translation",
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
# The languages a course may be written in, with their names as printed (English / own name).
LANGUAGES = {"en": "English", "es": "Spanish / Español"}
DEFAULT_LANGUAGE = "en"
SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_CE_HOURS = 100
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
    # How the CE hours count toward IC&RC domains, as (domain, minutes); empty when not said.
    domain_minutes: tuple[tuple[str, int], ...] = ()
    language: str = DEFAULT_LANGUAGE  # a key of LANGUAGES
    translation: str | None = None  # the slug of the same course in the other language


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
    slug = _slug(fields, folder_name)
    vocabulary = load_vocabulary()
    ce_minutes = _ce_minutes(fields)
    icrc_domains = _vocabulary(fields, "icrc_domains", vocabulary.icrc_domains)
    meta = CourseMeta(
        slug=slug,
        title=fields.text(fields.node("title"), "title"),
        summary=fields.text(fields.node("summary"), "summary"),
        version_label=fields.text(fields.node("version"), "version", numbers_ok=True),
        ce_minutes=ce_minutes,
        topics=_required_list(fields, "topics", vocabulary.topics),
        competencies=_vocabulary(fields, "competencies", vocabulary.competencies),
        icrc_domains=icrc_domains,
        settings=_vocabulary(fields, "settings", vocabulary.settings),
        audience=fields.text(fields.node("audience"), "audience") or "",
        evaluation=fields.boolean(fields.node("evaluation"), "evaluation", True),
        objectives=_objectives(fields, path, findings),
        references=fields.texts(fields.node("references"), "references"),
        ce_line=fields.line("ce_hours")[0],
        domain_minutes=_domain_minutes(fields, ce_minutes, icrc_domains, vocabulary.icrc_domains),
        language=_language(fields),
        translation=_translation(fields, slug),
    )
    return meta, front, findings


def _slug(fields: FieldReader, folder_name: str | None) -> str | None:
    slug = fields.text(fields.node("slug"), "slug")
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


def _language(fields: FieldReader) -> str:
    """`language:` one of LANGUAGES (English when left out)."""
    value = fields.text(fields.node("language"), "language")
    if value is None:
        return DEFAULT_LANGUAGE
    if value not in LANGUAGES:
        allowed = ", ".join(f"{code} ({name})" for code, name in LANGUAGES.items())
        fields.error(
            "language",
            "bad-value",
            f"'{value[:40]}' is not a course language.",
            f"Write one of: {allowed}.",
        )
        return DEFAULT_LANGUAGE
    return value


def _translation(fields: FieldReader, slug: str | None) -> str | None:
    """`translation:` the slug of the same course in the other language. Whether that course
    is installed, and in the other language, is checked where every course is known."""
    value = fields.text(fields.node("translation"), "translation")
    if value is None:
        return None
    if not SLUG_PATTERN.match(value):
        fields.error(
            "translation",
            "bad-value",
            f"'{value[:80]}' is not a course slug.",
            "Write the slug (folder name) of the same course in the other language.",
        )
        return None
    if value == slug:
        fields.error(
            "translation",
            "translation-is-self",
            "A course cannot be its own translation.",
            "Write the slug of the same course in the other language, or remove the line.",
        )
        return None
    return value


def _ce_minutes(fields: FieldReader) -> int | None:
    """CE hours as whole minutes: hours come in steps of 0.25, so minutes are exact."""
    node = fields.node("ce_hours")
    return fields.hours(node, "ce_hours", MAX_CE_HOURS, "ce-hours", at=fields.line("ce_hours"))


def _domain_minutes(
    fields: FieldReader, ce_minutes: int | None, listed: tuple[str, ...], domains: dict
) -> tuple[tuple[str, int], ...]:
    """`domain_hours`: how the course's hours count toward IC&RC domains. Every domain must be
    one the course lists in `icrc_domains`, and the hours must add up to `ce_hours` exactly."""
    node = fields.node("domain_hours")
    if node is None:
        return ()
    example = "Write one domain a line with its hours, like 'ethical-responsibility: 1.5'."
    if not isinstance(node, MappingNode) or not node.value:
        fields.error("domain_hours", "bad-value", "'domain_hours' must list domains.", example)
        return ()
    allocation: dict[str, int] = {}
    for key_node, value_node in node.value:
        domain = key_node.value.strip() if isinstance(key_node, ScalarNode) else ""
        if domain not in domains:
            message = f"'{domain[:80]}' is not an IC&RC domain."
            hint = suggest(domain, list(domains)) + " (see lms/content/vocabulary.yaml)"
            fields.error("domain_hours", "unknown-value", message, hint, node=key_node)
            continue
        if listed and domain not in listed:
            message = f"'{domain}' has hours but is not in icrc_domains."
            hint = f"Add {domain} to icrc_domains, or give its hours to a domain listed there."
            fields.error("domain_hours", "domain-not-listed", message, hint, node=key_node)
            continue
        if domain in allocation:
            message = f"'{domain}' is given hours twice."
            fields.error("domain_hours", "duplicate-key", message, "Keep one line.", node=key_node)
            continue
        minutes = fields.hours(
            value_node, "domain_hours", MAX_CE_HOURS, "domain-hours", domain=domain
        )
        if minutes is not None:
            allocation[domain] = minutes
    if ce_minutes is not None and len(allocation) == len(node.value):
        added = sum(allocation.values())
        if added != ce_minutes:
            fields.error(
                "domain_hours",
                "domain-hours-total",
                f"domain_hours add up to {hours_phrase(added)}; the course is worth "
                f"{format_hours(ce_minutes)} (ce_hours).",
                f"Change the domain hours so they add up to {format_hours(ce_minutes)}.",
            )
            return ()
    return tuple(allocation.items())


def _vocabulary(fields: FieldReader, key: str, allowed: dict) -> tuple:
    """Values from one vocabulary (one value may be written without a list)."""
    return fields.choices(fields.node(key), key, allowed, "vocabulary", single=True)


def _required_list(fields: FieldReader, key: str, allowed: dict) -> tuple:
    before = len(fields.findings)
    values = _vocabulary(fields, key, allowed)
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
    node = fields.node("objectives")
    objectives = fields.texts(node, "objectives")
    if "objectives" in fields.front.nodes and not objectives and len(findings) == before:
        fields.error("objectives", "bad-value", "'objectives' needs at least one objective.")
    nodes = list(node.value) if isinstance(node, SequenceNode) else [node]
    for objective, item in zip(objectives, nodes, strict=False):
        verb = _vague_verb(objective)
        if verb and item is not None:
            line, column = fields.position(item)
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
