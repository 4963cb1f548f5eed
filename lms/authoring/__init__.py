"""Authoring in the browser: drafts, live preview, publish, version history, statistics."""
