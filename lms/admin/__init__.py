"""Administration: provider settings, people and roles, the audit log, and backups."""
