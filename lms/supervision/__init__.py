"""Supervision: who supervises whom, the verification queue and decisions on CE records and
practice-log entries, the supervisor's team dashboard and supervisee pages, exports for
audits, and the invitations peers send their supervisors."""
