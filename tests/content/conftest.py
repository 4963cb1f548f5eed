"""Print the person-first language corpus scores at the end of the test run."""

from tests.content.corpus_scores import RESULTS


def pytest_terminal_summary(terminalreporter):
    for line in RESULTS:
        terminalreporter.write_line(line)
