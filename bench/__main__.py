"""Run benchmarks and print their numbers: python -m bench [lesson] [sync] [certificate]."""

import json
import sys

SCENARIOS = {
    "lesson": "bench.lesson_page",
    "sync": "bench.course_sync",
    "certificate": "bench.certificate_render",
    "renewal": "bench.renewal_page",
    "team": "bench.team_dashboard",
}


def main(names: list[str]) -> None:
    import importlib

    for name in names or list(SCENARIOS):
        module = importlib.import_module(SCENARIOS[name])
        print(f"== {name}: {module.__doc__.strip().splitlines()[0]}")
        print(json.dumps(module.run(), indent=2))


if __name__ == "__main__":
    main(sys.argv[1:])
