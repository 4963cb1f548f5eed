"""The renewal area's blueprint. CE records, outside CE, evidence and renewal status.
Its routes are in lms.renewal.views."""

from flask import Blueprint

bp = Blueprint("renewal", __name__)
