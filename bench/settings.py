"""Benchmark settings: the project's, plus the baseline views' URLconf, DEBUG off.

Production code has no benchmark view; `bench.urls` adds them beside the project's
URLs. Plain HTTP on 127.0.0.1, so the HTTPS redirect and HSTS are off, and static
files need no manifest (nothing runs collectstatic for a benchmark).
"""

import warnings

from factcheck.settings import *  # noqa: F403

DEBUG = False
ROOT_URLCONF = "bench.urls"
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# The throttles still run (their cost is part of a request) but never refuse the
# load generator, which looks like one anonymous consumer hammering the API.
REST_FRAMEWORK = {
    **REST_FRAMEWORK,  # noqa: F405
    "DEFAULT_THROTTLE_RATES": dict.fromkeys(
        REST_FRAMEWORK.get("DEFAULT_THROTTLE_RATES", {}),  # noqa: F405
        "1000000/second",
    ),
}
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# Nothing runs collectstatic for a benchmark; WhiteNoise's warning about it is noise.
warnings.filterwarnings("ignore", message="No directory at", module="whitenoise")
