"""Scores of the language corpus, kept here so the terminal summary can print them."""

RESULTS: list[str] = []
