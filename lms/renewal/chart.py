"""The renewal picture as inline SVG drawn on the server, with a text equivalent."""

from dataclasses import dataclass

from lms.hours import format_hours, hours_phrase

WIDTH, BAR, GAP, LABEL = 320, 22, 34, 16


@dataclass(frozen=True)
class Bar:
    label: str
    required: int
    verified: int
    pending: int

    @property
    def description(self) -> str:
        missing = max(0, self.required - self.verified)
        text = (
            f"{self.label}: {format_hours(self.verified)} of {hours_phrase(self.required)} "
            f"verified, {format_hours(self.pending)} pending"
        )
        return text + (f", {format_hours(missing)} still needed." if missing else ", complete.")


def bars_svg(bars: list[Bar], title: str) -> str:
    """One horizontal bar per requirement: verified (solid) and pending (striped) hours against
    what is required (the outline). Colours come from the stylesheet, not inline styles."""
    height = len(bars) * (BAR + GAP) + 4
    parts = [
        f'<svg class="renewal-chart" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-labelledby="chart-title" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="chart-title">{_escape(title)}</title>',
    ]
    for index, bar in enumerate(bars):
        y = index * (BAR + GAP) + LABEL
        scale = WIDTH / max(bar.required, bar.verified + bar.pending, 1)
        verified = min(bar.verified, max(bar.required, bar.verified)) * scale
        pending = bar.pending * scale
        parts += [
            f'<text class="chart-label" x="0" y="{y - 4}">{_escape(bar.label)}</text>',
            f'<rect class="chart-required" x="0.5" y="{y}" width="{bar.required * scale - 1:.1f}"'
            f' height="{BAR}" rx="3"/>',
            f'<rect class="chart-verified" x="0.5" y="{y}" width="{verified:.1f}" '
            f'height="{BAR}" rx="3"/>',
            f'<rect class="chart-pending" x="{verified + 0.5:.1f}" y="{y}" '
            f'width="{min(pending, max(0.0, WIDTH - verified - 1)):.1f}" height="{BAR}"/>',
        ]
    parts.append("</svg>")
    return "".join(parts)


def _escape(text: str) -> str:
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )
