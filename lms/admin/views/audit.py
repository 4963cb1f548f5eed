"""The audit log browser: read-only, filtered, 50 events to a page."""

from flask import render_template, request

from lms.admin.audit_log import known_actions, parse_filters, search_events
from lms.admin.audit_words import describe, names_for
from lms.admin.blueprint import bp
from lms.numbers import query_number
from lms.permissions import requires


@bp.get("/audit")
@requires("admin.manage")
def audit_log():
    filters = parse_filters(request.args)
    page = search_events(filters, query_number(request.args, "page", 1) or 1)
    arguments = {k: v for k, v in request.args.items() if k != "page" and v}
    names = names_for(event for event, _, _ in page.items)
    sentences = {event.id: describe(event, names) for event, _, _ in page.items}
    return render_template(
        "admin/audit.html",
        filters=filters,
        page=page,
        actions=known_actions(),
        arguments=arguments,
        sentences=sentences,
    ), (400 if filters.errors else 200)
