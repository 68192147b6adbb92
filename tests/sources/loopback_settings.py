"""Settings for worker processes started by tests: production settings plus loopback.

`FETCH_ALLOW_LOOPBACK_FOR_TESTS` is deliberately not read from the environment; a
test that needs a real worker to fetch from its loopback server starts the worker
with `DJANGO_SETTINGS_MODULE=tests.sources.loopback_settings`, which only exists in
the test tree.
"""

from factcheck.settings import *  # noqa: F403

FETCH_ALLOW_LOOPBACK_FOR_TESTS = True
