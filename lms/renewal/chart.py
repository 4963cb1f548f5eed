"""The renewal picture's numbers: each requirement's bar measured for the inline SVG that the
`hours_chart` macro (templates/renewal/_chart.html) draws, and its text equivalent.

Only numbers and plain text leave here; the markup is the template's, so autoescaping covers
every label and title.
"""

from dataclasses import dataclass

from lms.i18n import _, local_hours, local_hours_phrase

WIDTH, BAR, GAP, LABEL, FIGURES = 320, 22, 50, 16, 16


@dataclass(frozen=True)
class Bar:
    label: str
    required: int
    verified: int
    pending: int

    @property
    def figures(self) -> str:
        """The bar's numbers as the chart prints them beside it: "4 of 6 h, 1 h pending"."""
        verified, required = local_hours(self.verified), local_hours(self.required)
        if self.pending:
            return _(
                "%(verified)s of %(required)s h, %(pending)s h pending",
                verified=verified,
                required=required,
                pending=local_hours(self.pending),
            )
        return _("%(verified)s of %(required)s h", verified=verified, required=required)

    @property
    def description(self) -> str:
        missing = max(0, self.required - self.verified)
        values = {
            "label": self.label,
            "verified": local_hours(self.verified),
            "required": local_hours_phrase(self.required),
            "pending": local_hours(self.pending),
            "missing": local_hours(missing),
        }
        if missing:
            return _(
                "%(label)s: %(verified)s of %(required)s verified, %(pending)s pending, "
                "%(missing)s still needed.",
                **values,
            )
        return _(
            "%(label)s: %(verified)s of %(required)s verified, %(pending)s pending, complete.",
            **values,
        )


@dataclass(frozen=True)
class DrawnBar:
    """One bar in SVG units: where its label, its figures and its three rectangles go."""

    label: str
    figures: str
    y: int
    required_width: float
    verified_width: float
    pending_width: float


@dataclass(frozen=True)
class Chart:
    """What the chart macro draws: a titled SVG of `drawn` bars, and `bars` as text."""

    title: str
    title_id: str  # unique on the page: several charts may share one
    width: int
    height: int
    bar_height: int
    figures_height: int  # the line of figures under each bar
    bars: list[Bar]
    drawn: list[DrawnBar]


def hours_chart(bars: list[Bar], title: str, title_id: str = "chart-title") -> Chart:
    """One horizontal bar per requirement: verified (solid) and pending (striped) hours against
    what is required (the outline), each scaled to the chart's width."""
    drawn = []
    for index, bar in enumerate(bars):
        scale = WIDTH / max(bar.required, bar.verified + bar.pending, 1)
        verified = min(bar.verified, max(bar.required, bar.verified)) * scale
        drawn.append(
            DrawnBar(
                label=bar.label,
                figures=bar.figures,
                y=index * (BAR + GAP) + LABEL,
                required_width=bar.required * scale - 1,
                verified_width=verified,
                pending_width=min(bar.pending * scale, max(0.0, WIDTH - verified - 1)),
            )
        )
    height = len(bars) * (BAR + GAP) + 4
    return Chart(title, title_id, WIDTH, height, BAR, FIGURES, bars, drawn)
