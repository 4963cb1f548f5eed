"""The certification area's blueprint, under /certification: the road to a first certificate.
Its routes are in the modules of lms.certification.views."""

from flask import Blueprint

bp = Blueprint("certification", __name__, url_prefix="/certification")
