"""Certification path routes: readiness, code of ethics, practice log, practice exam."""

from flask import Blueprint

bp = Blueprint("certification", __name__, url_prefix="/certification")
# The routes live in one module per part of the path; importing them registers them on `bp`.
from lms.certification import (  # noqa: E402,F401
    ethics_views,
    exam_views,
    log_views,
    readiness_views,
)
