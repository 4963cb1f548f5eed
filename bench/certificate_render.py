"""Certificate PDF through the app's code against bare WeasyPrint rendering the same HTML.

Both render the same certificate HTML (same fonts: the bare run is given them through the
same asset-only fetcher, which WeasyPrint needs to load them at all). Reports the median of
several renders for each and their ratio (aim: 1.3 or less), and whether HarfBuzz subsetting
is available (without it every PDF is several times slower).
"""

import statistics
import time

SAMPLE = {
    "participant_name": "Maria Elena Santos",
    "credentials": [{"name": "IC&RC Peer Recovery", "number": "PR-2041"}],
    "course_title": "Ethics and Boundaries",
    "course_version": "1.0",
    "ce_hours": "1.5",
    "ce_minutes": 90,
    "topics": ["Ethics"],
    "delivery": "Self-paced online (home study)",
    "completion_date": "2026-11-24",
    "completion_date_display": "November 24, 2026",
    "provider_name": "Peerpath Training Center",
    "provider_contact": "training@example.org",
    "approving_body": "",
    "approval_number": "",
    "approval_statement": "",
    "signatory_name": "Director of Training",
    "signatory_title": "",
    "paper": "letter",
    "issue_date": "2026-11-24",
    "issue_date_display": "November 24, 2026",
    "code": "VE49CF91NWZR",
    "code_display": "VE49-CF91-NWZR",
    "verify_url": "http://127.0.0.1:5000/verify/VE49-CF91-NWZR",
}


def _median_seconds(action, runs: int = 7) -> float:
    action()  # warm-up: font loading, imports
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def run() -> dict:
    from weasyprint import HTML

    from lms import create_app
    from lms.certificates.render import (
        AssetOnlyFetcher,
        certificate_html,
        harfbuzz_subset_available,
        render_certificate_pdf,
    )

    app = create_app({"TESTING": True, "SECRET_KEY": "bench", "SERVER_NAME": "localhost"})
    with app.app_context():
        html = certificate_html(SAMPLE, None)  # no holder: the default language
        app_code = _median_seconds(lambda: render_certificate_pdf(SAMPLE, None))
        bare = _median_seconds(
            lambda: HTML(string=html, url_fetcher=AssetOnlyFetcher(), base_url="asset:").write_pdf()
        )
    return {
        "app_ms": round(app_code * 1000, 1),
        "bare_weasyprint_ms": round(bare * 1000, 1),
        "ratio": round(app_code / bare, 2),
        "harfbuzz_subset": harfbuzz_subset_available(),
    }
