"""Certificate PDFs with WeasyPrint, which may fetch nothing but the app's own assets.

Templates refer to packaged files as `asset:fonts/DejaVuSans.ttf`; images made at render time
(the QR code, a logo, a signature) travel as `data:` URIs. Every other URL — `file:`, `http:`,
`https:`, a path that climbs out of the assets folder — is refused.
"""

import logging
from functools import cache
from pathlib import Path

import segno
from flask import render_template
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from lms.config import PROJECT_ROOT
from lms.i18n import for_person
from lms.models import User

ASSETS = (PROJECT_ROOT / "static" / "certificates").resolve()
log = logging.getLogger(__name__)


class AssetOnlyFetcher(URLFetcher):
    """A WeasyPrint URL fetcher that serves only packaged assets and data: URIs of images (a
    data: stylesheet could carry @import or url() rules; images cannot fetch anything)."""

    def __init__(self, assets: Path = ASSETS):
        super().__init__(allowed_protocols={"data"})
        self.assets = assets

    def fetch(self, url: str, headers=None) -> URLFetcherResponse:
        if url.startswith("asset:"):
            path = (self.assets / url.removeprefix("asset:")).resolve()
            if not path.is_relative_to(self.assets) or not path.is_file():
                raise ValueError(f"refused: {url} is not a packaged certificate asset")
            return URLFetcherResponse(url, body=path.read_bytes())
        if url.startswith("data:image/"):
            return super().fetch(url, headers)
        raise ValueError(f"refused: certificates may not fetch {url}")


def qr_data_uri(url: str) -> str:
    """The verification URL as a QR code, inline SVG."""
    return segno.make(url, error="m").svg_data_uri(scale=4, border=2)


def certificate_html(fields: dict, holder: User | None) -> str:
    """The certificate page in the holder's language, whoever asks for it (an admin who
    re-issues, a supervisor who downloads): the printed fields themselves never change.
    No holder (a benchmark's sample): the default language."""
    with for_person(holder):
        return render_template(
            "certificates/certificate_pdf.html", f=fields, qr=qr_data_uri(fields["verify_url"])
        )


def render_pdf(html: str) -> bytes:
    return HTML(string=html, url_fetcher=AssetOnlyFetcher(), base_url="asset:").write_pdf()


def render_certificate_pdf(fields: dict, holder: User | None) -> bytes:
    """The PDF for a certificate's printed fields, in its holder's language."""
    return render_pdf(certificate_html(fields, holder))


@cache
def harfbuzz_subset_available() -> bool:
    """WeasyPrint embeds whole fonts (about 5× slower PDFs) without libharfbuzz-subset."""
    import ctypes.util

    return ctypes.util.find_library("harfbuzz-subset") is not None


def warn_if_slow_pdfs(logger: logging.Logger) -> None:
    if not harfbuzz_subset_available():
        logger.warning(
            "libharfbuzz-subset is missing: certificate PDFs will be several times slower. "
            "Install it with: apt-get install libharfbuzz-subset0"
        )
