"""The auth area's blueprint. Signing up, in and out, password resets and the account page.
Its routes are in lms.auth.views."""

from flask import Blueprint

bp = Blueprint("auth", __name__)
