"""The admin area's blueprint, under /admin. Its routes are in the modules of lms.admin.views."""

from flask import Blueprint

bp = Blueprint("admin", __name__, url_prefix="/admin")
