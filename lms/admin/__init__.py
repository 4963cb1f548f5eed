"""Administration: provider settings (more in later issues: users, roles, audit log)."""
