"""Certification path routes: code of ethics, practice log, practice exam."""

from flask import Blueprint

bp = Blueprint("certification", __name__, url_prefix="/certification")
