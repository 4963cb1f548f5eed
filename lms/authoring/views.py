"""Authoring routes (trainers and admins)."""

from flask import Blueprint

bp = Blueprint("authoring", __name__, url_prefix="/authoring")
