"""The authoring area's blueprint. Writing, previewing and publishing courses in the browser.
Its routes are in lms.authoring.views."""

from flask import Blueprint

bp = Blueprint("authoring", __name__, url_prefix="/authoring")
