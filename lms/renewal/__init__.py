"""Renewal tracking on the web: credentials held, outside CE with evidence, the renewal picture,
the supervisor's verification queue and reminders. The rules and arithmetic live in lms.ce."""
