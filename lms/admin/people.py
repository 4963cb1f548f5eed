"""Administration of people: users, roles, supervisor links, the audit log."""
