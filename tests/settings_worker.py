"""Settings of the Celery workers that the pipeline fault tests start.

Production settings with the loopback allowance on, so a worker can reach the
tests' loopback receivers and article servers. `FETCH_ALLOW_LOOPBACK_FOR_TESTS`
cannot be turned on from the environment; only a settings module like this one,
named by DJANGO_SETTINGS_MODULE in a test's subprocess, can.
"""

from factcheck.settings import *  # noqa: F403

FETCH_ALLOW_LOOPBACK_FOR_TESTS = True
