"""The supervision blueprint. Its pages keep the addresses they always had: the team under
/team, the queue under /supervision, and the decision on a practice-log entry under
/certification/supervision."""

from flask import Blueprint

bp = Blueprint("supervision", __name__)
