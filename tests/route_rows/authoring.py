"""Authoring: trainers and admins only. The matrix has no courses or drafts, so object routes
answer 404 to them; empty form posts answer 400 with the message beside the field."""

from tests.route_rows.roles import admin_only, staff

AUTHORS = ("trainer", "admin")

ROWS = {
    ("GET", "/authoring/"): staff(AUTHORS, 200),
    ("GET", "/authoring/new"): staff(AUTHORS, 200),
    ("POST", "/authoring/new"): staff(AUTHORS, 400),
    ("POST", "/authoring/upload"): staff(AUTHORS, 400),
    ("POST", "/authoring/courses/<slug>/draft"): staff(AUTHORS, 404),
    ("GET", "/authoring/drafts/<slug>/edit"): staff(AUTHORS, 404),
    ("POST", "/authoring/drafts/<slug>/edit"): staff(AUTHORS, 404),
    ("POST", "/authoring/drafts/<slug>/lessons"): staff(AUTHORS, 404),
    ("POST", "/authoring/drafts/<slug>/preview"): staff(AUTHORS, 404),
    ("POST", "/authoring/drafts/<slug>/autosave"): staff(AUTHORS, 404),
    ("GET", "/authoring/drafts/<slug>/publish"): staff(AUTHORS, 404),
    ("POST", "/authoring/drafts/<slug>/publish"): staff(AUTHORS, 404),
    ("GET", "/authoring/courses/<slug>/versions"): staff(AUTHORS, 404),
    ("GET", "/authoring/courses/<slug>/versions/<int:number>.zip"): staff(AUTHORS, 404),
    ("GET", "/authoring/courses/<slug>/statistics"): staff(AUTHORS, 404),
}

ROWS.update(
    {
        ("POST", "/authoring/drafts/<slug>/lessons/rename"): staff(AUTHORS, 404),
        ("POST", "/authoring/drafts/<slug>/lessons/remove"): staff(AUTHORS, 404),
        # Approving a claim above the estimate is for administrators only.
        ("POST", "/authoring/drafts/<slug>/claim"): admin_only(404),
        # Importing questions and uploading images into a draft (views/imports.py).
        ("POST", "/authoring/drafts/<slug>/import"): staff(AUTHORS, 404),
        ("POST", "/authoring/drafts/<slug>/import/add"): staff(AUTHORS, 404),
        ("POST", "/authoring/drafts/<slug>/images"): staff(AUTHORS, 404),
        ("GET", "/authoring/drafts/<slug>/media/<path:name>"): staff(AUTHORS, 404),
    }
)

SAMPLE_ARGUMENTS = {"path:name": "picture.png"}
