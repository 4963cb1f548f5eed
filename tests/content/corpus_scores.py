"""Scores of the language corpus, kept here so the terminal summary can print them."""

RESULTS: list[str] = []


def score(corpus: list[dict], outcome) -> tuple[float, float, list[str]]:
    """(precision, recall, misses) of `outcome(item)` against each item's `expect` label: a
    flag counts as right only when it is the expected kind, and "none" is never a hit."""
    true_positive = false_positive = false_negative = 0
    misses = []
    for item in corpus:
        got, expected = outcome(item), item["expect"]
        true_positive += expected != "none" and got == expected
        false_negative += expected != "none" and got != expected
        false_positive += got != "none" and got != expected
        if got != expected:
            misses.append(f"{expected} → {got}: {item['text']}")
    precision = true_positive / max(true_positive + false_positive, 1)
    recall = true_positive / max(true_positive + false_negative, 1)
    return precision, recall, misses
