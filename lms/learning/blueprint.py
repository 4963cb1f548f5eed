"""The learning area's blueprint. The course catalog, lessons, quizzes, evaluations and
course media. Its routes are in lms.learning.views."""

from flask import Blueprint

bp = Blueprint("learning", __name__)
