"""Certification path for new peers: initial requirements, ethics affirmation, practice log
and practice exam."""
