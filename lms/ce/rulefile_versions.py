"""Reading a rule file's `versions:` list: each version's effective day, whether it applies
immediately, and the fields that change; line-numbered findings for dates out of order or
shared, and for rules written both at the top and inside versions. `lms.ce.rulefile` mixes
this into its reader; `lms.ce.versions` decides which version judges a cycle."""

from dataclasses import replace

from lms.ce.data import RuleVersion

VERSION_KEYS = ("effective_from", "applies", "total_hours", "requirements", "caps", "note",
                "initial")  # fmt: skip
VERSIONED = ("total_hours", "requirements", "caps", "note", "initial")
APPLIES = ("next-cycle", "immediately")


class VersionsReader:
    """The `versions:` part of a rule file reader (needs NodeReader's methods and the rule
    reader's `version_fields`)."""

    def versions(self, values: dict, cycle) -> tuple[RuleVersion, ...]:
        """Every version, oldest first, each complete (what it leaves out, the one before
        gives)."""
        for name in VERSIONED:
            if name in values:
                message = f"'{name}' is set both here and under 'versions'."
                hint = f"Move '{name}' into the version it belongs to."
                self.add(values[name], "versioned-and-flat", message, hint)
        found: list[RuleVersion] = []
        for item in self.items(values["versions"], "versions"):
            version = self._version(item, cycle, found[-1] if found else None)
            if version is not None:
                found.append(version)
        if not found and "versions" in values:
            hint = "Give at least one version with 'effective_from', 'total_hours' and 'note'."
            self.add(values["versions"], "missing-key", "'versions' lists no version.", hint)
        return tuple(found)

    def _version(self, item, cycle, before: RuleVersion | None) -> RuleVersion | None:
        required = ("effective_from",) if before else ("effective_from", "total_hours", "note")
        values = self.mapping(item, "Each version", VERSION_KEYS, required)
        day = self.day(values.get("effective_from"), "effective_from")
        applies = self.choice(values.get("applies"), "applies", APPLIES, "applies")
        if day is not None and before is not None and day <= before.effective_from:
            same = day == before.effective_from
            message = (
                f"Two versions take effect on {day.isoformat()}."
                if same
                else f"This version ({day.isoformat()}) is listed after a later one "
                f"({before.effective_from.isoformat()})."
            )
            hint = "List versions oldest first, each from its own day."
            self.add(values["effective_from"], "version-order", message, hint)
            return None
        fields = self.version_fields(values, cycle, before)
        if day is None:
            return None
        return replace(fields, effective_from=day, immediately=applies == "immediately")
