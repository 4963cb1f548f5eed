"""Run benchmarks and print their numbers: python -m bench [scenario ...] [--options].

Options after the scenario names go to a single scenario that takes them (`load --help`).
"""

import importlib
import json
import sys

SCENARIOS = {
    "lesson": "bench.lesson_page",
    "lesson-profile": "bench.lesson_profile",
    "sync": "bench.course_sync",
    "certificate": "bench.certificate_render",
    "renewal": "bench.renewal_page",
    "team": "bench.team_dashboard",
    "cohort": "bench.cohort",
    "load": "bench.load",
}


def main(argv: list[str]) -> None:
    split = next((i for i, arg in enumerate(argv) if arg.startswith("-")), len(argv))
    names, options = argv[:split], argv[split:]
    if options and len(names) != 1:
        sys.exit("Options go to one scenario: python -m bench load --trainees 100")
    for name in names or list(SCENARIOS):
        if name not in SCENARIOS:
            sys.exit(f"Unknown scenario {name!r}; choose from {', '.join(SCENARIOS)}.")
        module = importlib.import_module(SCENARIOS[name])
        print(f"== {name}: {module.__doc__.strip().splitlines()[0]}", flush=True)
        result = module.run(options) if options else module.run()
        print(json.dumps(result, indent=2))
        if hasattr(module, "markdown"):
            print(module.markdown(result))


if __name__ == "__main__":
    main(sys.argv[1:])
