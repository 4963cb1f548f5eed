"""Administration routes, one module per page group: provider settings and offered credentials,
people, and the audit log. Each attaches its routes to lms.admin.blueprint.bp."""
