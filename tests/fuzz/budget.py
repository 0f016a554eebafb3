"""How hard the fuzz suite tries: a fixed seed, no example database, a small budget per form by default.

By default a form gets 15 examples and 2 more per field (at most 50: ``test_forms.examples_for``), each API
and URL property its own small number. ``ELTERNBEITRAEGE_FUZZ_EXAMPLES`` sets one number of examples for every
form and every property, to run it deeper by hand,
e.g. ``ELTERNBEITRAEGE_FUZZ_EXAMPLES=500 .venv/bin/python -m pytest -q tests/fuzz``. ``derandomize`` makes
every run try the same examples (the seed comes from the test's name), and ``database=None`` writes nothing
into the repository: a failure is found again by running again.
"""
from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

FROM_ENVIRONMENT = os.environ.get("ELTERNBEITRAEGE_FUZZ_EXAMPLES", "")
EXAMPLES = 20


def budget(examples: int = EXAMPLES) -> settings:
    """Return the settings of a fuzz test: ``examples`` examples unless the environment sets the number."""
    return settings(
        max_examples=int(FROM_ENVIRONMENT) if FROM_ENVIRONMENT else examples,
        derandomize=True, database=None, deadline=None, print_blob=False,
        # The world is built once for the package and each example runs in a rolled-back SAVEPOINT, so the
        # function-scoped fixtures pytest hands in are not meant to be reset between examples; big bodies
        # (100,000 characters, 10 MB files) are drawn on purpose.
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large,
                               HealthCheck.large_base_example],
    )
