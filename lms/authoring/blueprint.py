"""The authoring area's blueprint. Writing, previewing and publishing courses in the browser.
Its routes are in lms.authoring.views (a package: the editor in __init__, imports in imports)."""

from flask import Blueprint

bp = Blueprint("authoring", __name__, url_prefix="/authoring")
