"""Supervision: the supervisor's dashboard, supervisee pages, exports and invitations."""
