"""Continuing education toward credential renewal: rule sets as data and the requirement engine.

`rules` loads and checks the credential rule files (`lms/ce/rules/*.yaml`, plus any configured
extra folders); `engine` turns a rule set, a peer's certification dates and CE records into the
current cycle's requirements; `cli` adds `flask ce rules check`.
"""
