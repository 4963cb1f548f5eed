"""Supervisor routes."""

from flask import Blueprint

bp = Blueprint("team", __name__, url_prefix="/team")
