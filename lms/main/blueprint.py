"""The main area's blueprint. The landing page, the dashboard and /healthz.
Its routes are in lms.main.views."""

from flask import Blueprint

bp = Blueprint("main", __name__)
