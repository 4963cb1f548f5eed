"""Reading one credential rule file, with a line-numbered finding for every problem.

A rule file (hours in quarter-hour steps; topics are keys of lms/content/vocabulary.yaml):

    key: pa-crs                    # lower-case words and hyphens, the same as the file's name
    name: Pennsylvania Certified Recovery Specialist (CRS)
    issuing_body: Pennsylvania Certification Board (PCB)
    sources:                       # at least one: the board's own page or the regulation
      - url: https://…
        title: Recertification information   # the page's own title
        supports: renewal hours and topics   # which figures below come from it
        retrieved: 2026-12-04                # the day someone read it to check them
    note: Rules change. Check with your board before relying on these figures. …
    cycle: {kind: anniversary, months: 24}     # or calendar_year (months 12), fixed_expiry
    total_hours: 30
    requirements:                  # optional; a record's minutes count once across them
      - {key: ethics, label: Ethics, topics: [ethics], hours: 6}
      - {key: suicide-prevention, label: …, topics: [suicide-prevention], hours: 3,
         window_years: 6}        # counted over the 6 years ending with the current cycle
      - {key: connect, label: …, providers: [cares-academy-connect], hours: 6}
    caps:                          # optional; at most this much counts per cycle
      - {key: online, label: Online, delivery: [self-paced, webinar], hours: 10}
    approved_hours_only: true      # optional; only CE from a board-approved provider counts
    topics_may_overlap: true       # optional (default false): a record counts in full
                                   # toward every requirement it matches
    initial:                       # optional: what a first certificate needs
      {training_hours: 40, training_delivery: live, training_from: "…", recovery_years: 2,
       experience_hours: 500, supervision_hours: 25, code_of_ethics: true, exam: "…",
       other_steps: ["…"], after_certification: "…"}
    ended: true                    # optional: the board no longer issues it …
    replaced_by: or-crm            # … and this credential replaced it

Rules that change over time go under `versions:` instead of total_hours, requirements, caps,
note and initial: each version has `effective_from: YYYY-MM-DD` (oldest first) and the fields
that change from the version before (the first gives total_hours and note); `applies:
immediately` where the board applies it to cycles already running (`lms.ce.versions`).
"""

from datetime import date
from pathlib import Path

from yaml.nodes import MappingNode, Node, ScalarNode

from lms.ce.data import (
    CYCLE_KINDS,
    DELIVERIES,
    TOTAL_KEY,
    Cap,
    Cycle,
    InitialRequirements,
    Requirement,
    RuleSet,
    RuleVersion,
    Source,
)  # fmt: skip
from lms.ce.rulefile_versions import VersionsReader
from lms.content.vocabulary import load_vocabulary
from lms.findings import Finding, has_errors
from lms.hours import N_, format_hours, hours_phrase
from lms.yamlread import NodeReader, Words

ROOT_KEYS = (
    "key", "name", "issuing_body", "sources", "note", "cycle",
    "total_hours", "requirements", "caps", "initial", "approved_hours_only",
    "topics_may_overlap", "versions", "ended", "ended_on", "replaced_by",
)  # fmt: skip
ROOT_REQUIRED = ("key", "name", "issuing_body", "sources", "cycle")
SOURCE_KEYS = ("url", "title", "supports", "retrieved")
CYCLE_KEYS = ("kind", "months", "initial_months")
REQUIREMENT_KEYS = ("key", "label", "topics", "providers", "hours", "window_years")
CAP_KEYS = ("key", "label", "delivery", "hours")
INITIAL_KEYS = ("training_hours", "training_by_domain", "experience_hours", "supervision_hours",
                "code_of_ethics", "exam", "training_delivery", "training_from", "recovery_years",
                "other_steps", "after_certification")  # fmt: skip
MAX_INITIAL_HOURS = 5000
SOURCE_HINT = (
    "List the board's own page or the regulation under 'sources:', with the day you read it."
)
BOARD_NOTE = "Check with your board before relying on these figures."
MAX_MONTHS = 120
MAX_WINDOW_YEARS = 20
MAX_HOURS = 500
_HOURS = (
    "bad-hours",
    "'{name}' must be a number of hours above 0, like 6.5.",
    "Write a number from 0.25 to {maximum}.",
)
WORDS: Words = {
    "bad-yaml": (
        "bad-yaml",
        "Not valid YAML: {problem}.",
        "Write 'key: value' lines; indent lists and nested keys with spaces.",
    ),
    "not-mapping": ("bad-value", "{name} must be 'key: value' lines.", ""),
    "key-not-word": ("bad-value", "Every key must be a plain word.", ""),
    "duplicate-key": ("duplicate-key", "'{key}' is set twice here.", "Keep one of them."),
    "unknown-key": ("unknown-key", "Unknown key '{key}'.", "{suggestion}"),
    "missing-key": ("missing-key", "{name} needs '{key}'.", "Add '{key}:' and its value."),
    "list": ("bad-value", "'{name}' must be a list, each item starting with '- '.", ""),
    "text": ("bad-value", "'{name}' must be text.", ""),
    "item-text": ("bad-value", "'{name}' must be text.", ""),
    "slug": (
        "bad-value",
        "'{value}' is not a valid {name}.",
        "Use lower-case letters, digits and hyphens, like 'pa-crs'.",
    ),
    "url": (
        "bad-url",
        "'{value}' is not a web address.",
        "Give the web address of the board's page, starting with https://.",
    ),
    "boolean": ("bad-value", "'{name}' must be true or false.", ""),
    "whole": ("bad-value", "'{name}' must be a whole number from {low} to {high}.", ""),
    "whole-range": ("bad-value", "'{name}' must be a whole number from {low} to {high}.", ""),
    "cycle-kind": ("bad-cycle-kind", "'{value}' is not a cycle kind.", "{suggestion}"),
    "topic": (
        "unknown-topic",
        "'{value}' is not a topic in lms/content/vocabulary.yaml.",
        "{suggestion}",
    ),
    "delivery": ("unknown-delivery", "'{value}' is not a delivery format.", "{suggestion}"),
    "applies": (
        "bad-value",
        "'{value}' is not when a version applies.",
        "Write 'immediately', or leave 'applies' out (from the next cycle).",
    ),
    "hours-number": _HOURS,
    "hours-range": _HOURS,
    "hours-step": (
        "bad-hours",
        "{text} hours is not in quarter-hour steps.",
        "Use {lower} or {upper}.",
    ),
}


def read_rule_file(path: Path) -> tuple[RuleSet | None, list[Finding]]:
    """(the rule set, or None when there are errors; every finding, in line order)."""
    findings: list[Finding] = []
    reader = _RuleReader(str(path), findings)
    root = reader.compose_file(path)
    rule_set = None if root is None else reader.rule_set(root, path)
    findings.sort(key=Finding.sort_key)
    if has_errors(findings):
        return None, findings
    return rule_set, findings


def peek_key(path: Path) -> tuple[str | None, int]:
    """(the file's `key` and its line), or (None, 0) when the file has no readable key."""
    reader = _RuleReader(str(path), [])
    root = reader.compose_file(path)
    if not isinstance(root, MappingNode):
        return None, 0
    for key_node, value_node in root.value:
        if key_node.value == "key" and isinstance(value_node, ScalarNode) and value_node.value:
            return value_node.value, reader.position(key_node)[0]
    return None, 0


class _RuleReader(VersionsReader, NodeReader):
    """Reads a rule set: its keys, cycle, requirements and caps."""

    WORDS = WORDS

    def compose_file(self, path: Path) -> MappingNode | None:
        """The file's top-level mapping node, or None (with a finding) when it has none."""
        try:
            text = path.read_bytes().decode("utf-8-sig")
        except OSError as error:
            self.add((0, 0), "missing-file", f"Cannot read: {error}.")
            return None
        except UnicodeDecodeError:
            self.add((1, 1), "bad-encoding", "Not UTF-8 text.", "Save the file as UTF-8.")
            return None
        ok, root = self.compose(text)
        if ok and not isinstance(root, MappingNode):
            hint = "Start from one of the bundled files in lms/ce/rules/."
            self.add((1, 1), "bad-structure", "A rule file must be 'key: value' lines.", hint)
        return root if isinstance(root, MappingNode) else None

    def rule_set(self, root: MappingNode, path: Path) -> RuleSet | None:
        values = self.mapping(root, "The rule file", ROOT_KEYS, ROOT_REQUIRED)
        key = self.slug(values.get("key"), "key")
        if key is not None and key != path.stem:
            hint = f"Rename the file to {key}.yaml so it is easy to find."
            message = f"The key '{key}' differs from the file name '{path.name}'."
            self.add(values["key"], "key-not-file-name", message, hint, "warning")
        cycle = self.cycle(values.get("cycle"))
        if "versions" in values:
            versions = self.versions(values, cycle)
        else:
            for name in ("total_hours", "note"):
                if name not in values:
                    self.report(root, "missing-key", name="The rule file", key=name)
            versions = ()
            flat = self.version_fields(values, cycle, None)
        newest = versions[-1] if versions else flat
        replaced_by = self.slug(values.get("replaced_by"), "replaced_by") or ""
        ended = bool(self.boolean(values.get("ended"), "ended", False))
        if replaced_by and not ended:
            hint = "Add 'ended: true', or remove 'replaced_by'."
            self.add(
                values["replaced_by"], "bad-value", "Only an ended credential is replaced.", hint
            )
        return RuleSet(
            key=key or "",
            name=self.text(values.get("name"), "name") or "",
            issuing_body=self.text(values.get("issuing_body"), "issuing_body") or "",
            sources=self.sources(values.get("sources")),
            note=newest.note,
            cycle=cycle or Cycle("anniversary", 12),
            requirements=newest.requirements,
            caps=newest.caps,
            path=str(path),
            initial=newest.initial,
            approved_hours_only=bool(
                self.boolean(values.get("approved_hours_only"), "approved_hours_only", False)
            ),
            topics_may_overlap=bool(
                self.boolean(values.get("topics_may_overlap"), "topics_may_overlap")
            ),
            versions=versions,
            ended=ended,
            replaced_by=replaced_by,
        )

    def version_fields(self, values: dict, cycle: Cycle | None, before: RuleVersion | None):
        """One version's rules from its keys; a key left out keeps `before`'s value."""
        note = self.note(values.get("note"))
        total = self.hours(values.get("total_hours"), "total_hours", MAX_HOURS)
        if total is None and before is not None:
            total = before.requirements[0].minutes
        if "requirements" in values or before is None:
            requirements = self.requirements(values.get("requirements"), cycle, total)
        else:
            requirements = before.requirements[1:]
        return RuleVersion(
            effective_from=date.min,
            requirements=(Requirement(TOTAL_KEY, N_("Total hours"), (), total or 0), *requirements),
            caps=self.caps(values.get("caps"))
            if "caps" in values or before is None
            else before.caps,
            note=note if note is not None else (before.note if before else ""),
            initial=(
                self.initial(values.get("initial"))
                if "initial" in values or before is None
                else before.initial
            ),
        )

    def note(self, node: Node | None) -> str | None:
        """The note, which must send peers to their board."""
        note = self.text(node, "note")
        if note is not None and BOARD_NOTE.lower() not in " ".join(note.lower().split()):
            self.add(
                node,
                "board-note",
                "The note does not send peers to their board.",
                f"Start the note with: {BOARD_NOTE}",
                "warning",
            )
        return note

    def sources(self, node: Node | None) -> tuple[Source, ...]:
        """Every public source, each with what it supports and the day it was read."""
        found, before = [], len(self.findings)
        for item in self.items(node, "sources"):
            values = self.mapping(item, "Each source", SOURCE_KEYS, SOURCE_KEYS)
            url = self.url(values.get("url"), "url")
            title = self.text(values.get("title"), "title")
            supports = self.text(values.get("supports"), "supports")
            retrieved = self.day(values.get("retrieved"), "retrieved")
            if url and title and supports and retrieved:
                found.append(Source(url, title, supports, retrieved))
        if node is not None and not found and len(self.findings) == before:
            self.add(node, "no-source", "The rule set names no source.", SOURCE_HINT)
        return tuple(found)

    def day(self, node: Node | None, name: str) -> date | None:
        """A calendar day written as YYYY-MM-DD."""
        if node is None:
            return None
        if isinstance(node, ScalarNode):
            try:
                return date.fromisoformat(node.value)
            except ValueError:
                pass
        self.add(node, "bad-date", f"'{name}' must be a day written like 2026-12-04.", "")
        return None

    def cycle(self, node: Node | None) -> Cycle | None:
        if node is None:
            return None
        values = self.mapping(node, "'cycle'", CYCLE_KEYS, ("kind",))
        kind = self.choice(values.get("kind"), "kind", CYCLE_KINDS, "cycle-kind")
        months_node = values.get("months")
        if months_node is None and kind in ("anniversary", "fixed_expiry", "birthday"):
            message = f"A '{kind}' cycle needs 'months' (for example 24 for two years)."
            self.add(node, "missing-key", message, "Add 'months:' under 'cycle:'.")
        months = 12 if months_node is None else self.whole(months_node, "months", 1, MAX_MONTHS)
        if kind == "calendar_year" and months is not None and months % 12:
            message = f"A calendar-year cycle runs whole years; {months} months is not."
            self.add(months_node, "bad-value", message, "Use 12, 24, 36 …")
            months = None
        initial_months = self.whole(values.get("initial_months"), "initial_months", 1, MAX_MONTHS)
        if initial_months and kind != "anniversary":
            hint = "Use 'initial_months' with an anniversary cycle only."
            message = f"A '{kind}' cycle cannot start with an initial period."
            self.add(values["initial_months"], "bad-value", message, hint)
        if kind and months:
            return Cycle(kind, months, initial_months or 0)
        return None

    def requirements(self, node: Node | None, cycle: Cycle | None, total: int | None):
        found: dict[str, Requirement] = {}
        for item in self.items(node, "requirements"):
            values = self.mapping(
                item, "Each requirement", REQUIREMENT_KEYS, ("key", "label", "hours")
            )
            key = self.slug(values.get("key"), "key")
            if key == TOTAL_KEY or key in found:
                why = "is the total's key" if key == TOTAL_KEY else "is used by two requirements"
                self.add(
                    values["key"],
                    "duplicate-requirement",
                    f"'{key}' {why}.",
                    "Give each requirement its own key.",
                )
                key = None
            before = len(self.findings)
            topics = self.topics(values.get("topics"))
            providers = self.slugs(values.get("providers"), "providers")
            if values and not topics and not providers and len(self.findings) == before:
                self.add(
                    item,
                    "missing-key",
                    "This requirement names no topics or providers.",
                    "Add 'topics:' (vocabulary keys) or 'providers:' (provider tags).",
                )
            minutes = self.hours(values.get("hours"), "hours", MAX_HOURS)
            window = self.window(values.get("window_years"), cycle)
            if minutes and total and window is None and minutes > total:
                self.add(
                    values["hours"],
                    "more-than-total",
                    "This asks for more than the total.",
                    "Lower 'hours' or raise 'total_hours'.",
                    "warning",
                )
            label = self.text(values.get("label"), "label")
            if key and label and minutes:
                found[key] = Requirement(key, label, topics, minutes, window, providers)
        return tuple(found.values())

    def window(self, node: Node | None, cycle: Cycle | None) -> int | None:
        if node is None:
            return None
        years = self.whole(node, "window_years", 1, MAX_WINDOW_YEARS)
        if years is not None and cycle is not None and years * 12 <= cycle.months:
            message = f"A {years}-year window is not longer than the {cycle.months}-month cycle."
            hint = "Leave 'window_years' out for a requirement within each cycle."
            self.add(node, "bad-window", message, hint)
        return years

    def caps(self, node: Node | None) -> tuple[Cap, ...]:
        caps: list[Cap] = []
        capped: dict[str, str] = {}
        for item in self.items(node, "caps"):
            values = self.mapping(item, "Each cap", CAP_KEYS, CAP_KEYS)
            key = self.slug(values.get("key"), "key")
            deliveries = self.deliveries(values.get("delivery"))
            for delivery in deliveries:
                if delivery in capped:
                    message = f"'{delivery}' is already limited by the cap '{capped[delivery]}'."
                    hint = "Put each delivery format in one cap only."
                    self.add(values["delivery"], "overlapping-caps", message, hint)
                capped[delivery] = key or "?"
            label = self.text(values.get("label"), "label")
            minutes = self.hours(values.get("hours"), "hours", MAX_HOURS)
            if key and label and deliveries and minutes:
                caps.append(Cap(key, label, deliveries, minutes))
        return tuple(caps)

    def initial(self, node: Node | None) -> InitialRequirements | None:
        """The `initial:` block: what a first certificate needs, where the board says."""
        if node is None:
            return None
        values = self.mapping(node, "'initial'", INITIAL_KEYS, ())
        if not values:
            return None
        training = self.hours(values.get("training_hours"), "training_hours", MAX_INITIAL_HOURS)
        by_domain = self.training_by_domain(values.get("training_by_domain"), training)
        return InitialRequirements(
            training_minutes=training,
            training_by_domain=by_domain,
            experience_minutes=self.hours(
                values.get("experience_hours"), "experience_hours", MAX_INITIAL_HOURS
            ),
            supervision_minutes=self.hours(
                values.get("supervision_hours"), "supervision_hours", MAX_INITIAL_HOURS
            ),
            code_of_ethics=bool(self.boolean(values.get("code_of_ethics"), "code_of_ethics")),
            exam=self.text(values.get("exam"), "exam") or "",
            training_delivery=self.choice(
                values.get("training_delivery"), "training_delivery", ("live",), "delivery"
            )
            or "",
            training_from=self.text(values.get("training_from"), "training_from") or "",
            recovery_years=self.whole(values.get("recovery_years"), "recovery_years", 1, 50),
            other_steps=self.texts(values.get("other_steps"), "other_steps"),
            after_certification=self.text(values.get("after_certification"), "after_certification")
            or "",
        )

    def training_by_domain(self, node: Node | None, training: int | None):
        """(domain, minutes) pairs; together no more than the training hours."""
        if node is None:
            return ()
        domains = list(load_vocabulary().icrc_domains)
        values = self.mapping(node, "'training_by_domain'", domains, ())
        found = []
        for domain, value_node in values.items():
            minutes = self.hours(value_node, domain, MAX_HOURS)
            if minutes:
                found.append((domain, minutes))
        added = sum(minutes for _, minutes in found)
        if training and added > training:
            self.add(
                node,
                "more-than-total",
                f"The domains ask for {hours_phrase(added)}, more than training_hours "
                f"({format_hours(training)}).",
                "Lower the domain hours or raise 'training_hours'.",
            )
        return tuple(found)

    def topics(self, node: Node | None) -> tuple[str, ...]:
        return self.choices(node, "topics", list(load_vocabulary().topics), "topic")

    def deliveries(self, node: Node | None) -> tuple[str, ...]:
        return self.choices(node, "delivery", list(DELIVERIES), "delivery")
