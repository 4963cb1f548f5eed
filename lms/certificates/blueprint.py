"""The certificates area's blueprint. Certificates, their public verification, transcripts
and Open Badges. Its routes are in lms.certificates.views."""

from flask import Blueprint

bp = Blueprint("certificates", __name__)
