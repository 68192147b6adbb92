"""Settings for factcheck, every value read from the environment.

A malformed value stops the process at start-up with a message naming the variable,
rather than running with a surprise default. `.env.example` lists every variable.
"""

import os
import sys
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name: str, default: str = "") -> str:
    """Return the variable's value, or the default when unset or empty."""
    return os.environ.get(name, "").strip() or default


def env_bool(name: str, default: bool) -> bool:
    """Return a yes/no variable, refusing anything that is not clearly one."""
    raw = os.environ.get(name, "").strip().lower()
    if not raw:
        return default
    if raw in {"1", "true", "yes", "on"}:
        return True
    if raw in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean (use 1/0, true/false)")


def env_int(name: str, default: int, *, minimum: int = 0) -> int:
    """Return a whole-number variable of at least `minimum`."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number") from None
    if value < minimum:
        raise ImproperlyConfigured(f"{name}={value} must be at least {minimum}")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    """Return a comma-separated variable as a list of non-empty items."""
    raw = os.environ.get(name, "")
    items = [item.strip() for item in raw.split(",") if item.strip()]
    return items or default


def env_int_list(name: str, default: list[int]) -> list[int]:
    """Return a comma-separated list of non-negative whole numbers."""
    items = env_list(name, [])
    if not items:
        return default
    try:
        values = [int(item) for item in items]
    except ValueError:
        msg = f"{name} must be whole numbers, got {items}"
        raise ImproperlyConfigured(msg) from None
    if any(v < 0 for v in values):
        raise ImproperlyConfigured(f"{name} must not hold negative numbers")
    return values


def env_url(name: str, default: str, schemes: set[str]) -> str:
    """Return a URL variable whose scheme is one of `schemes`."""
    value = env_str(name, default)
    if value and urlsplit(value).scheme not in schemes:
        raise ImproperlyConfigured(
            f"{name} must start with one of {sorted(schemes)}, got {value!r}"
        )
    return value


TESTING = "pytest" in sys.modules or env_bool("FACTCHECK_TESTING", False)

DEBUG = env_bool("DJANGO_DEBUG", False)
SECRET_KEY = env_str("DJANGO_SECRET_KEY")
if not SECRET_KEY:
    if not (DEBUG or TESTING):
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is required when DJANGO_DEBUG is off"
        )
    # Development and tests only: a key generated on this machine (kept in a
    # git-ignored file so logins survive a restart), so no fixed key is ever shipped.
    _dev_key_file = BASE_DIR / ".dev-secret-key"
    if TESTING:
        SECRET_KEY = "insecure-test-" + os.urandom(32).hex()
    else:
        if not _dev_key_file.exists():
            _dev_key_file.write_text("insecure-dev-" + os.urandom(32).hex())
        SECRET_KEY = _dev_key_file.read_text().strip()
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "sources",
    "claims",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "factcheck.middleware.ContentSecurityPolicyMiddleware",
]

ROOT_URLCONF = "factcheck.urls"
WSGI_APPLICATION = "factcheck.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# Database: PostgreSQL from DATABASE_URL; a SQLite file is the embedded default.
DATABASE_URL = env_url(
    "DATABASE_URL", "", {"postgres", "postgresql", "pgsql", "sqlite"}
)
if DATABASE_URL:
    DATABASES = {
        "default": dj_database_url.parse(
            DATABASE_URL,
            conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
            conn_health_checks=True,
        )
    }
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": env_str("FACTCHECK_SQLITE_PATH", str(BASE_DIR / "db.sqlite3")),
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation."
        "UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard:desk"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en-us"
TIME_ZONE = env_str("FACTCHECK_TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if not (DEBUG or TESTING)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# Security: production values pass `manage.py check --deploy --fail-level WARNING`.
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG and not TESTING)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("DJANGO_SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", not DEBUG and not TESTING)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

# Email: console in development, SMTP from EMAIL_URL in production.
EMAIL_URL = env_url("EMAIL_URL", "", {"smtp", "smtps", "console", "locmem"})
if not EMAIL_URL or EMAIL_URL.startswith("console"):
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
elif EMAIL_URL.startswith("locmem"):
    EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
else:
    _email = urlsplit(EMAIL_URL)
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = _email.hostname or ""
    EMAIL_PORT = _email.port or (465 if _email.scheme == "smtps" else 587)
    EMAIL_HOST_USER = _email.username or ""
    EMAIL_HOST_PASSWORD = _email.password or ""
    EMAIL_USE_SSL = _email.scheme == "smtps"
    EMAIL_USE_TLS = _email.scheme == "smtp" and EMAIL_PORT == 587
DEFAULT_FROM_EMAIL = env_str("DJANGO_DEFAULT_FROM_EMAIL", "factcheck@localhost")

# Celery: Redis in production; with no broker, tasks run in-process (the embedded demo).
CELERY_BROKER_URL = env_url("CELERY_BROKER_URL", "", {"redis", "rediss", "amqp"})
# "memory://" is never used to send: with no broker every task runs eagerly.
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
if not CELERY_BROKER_URL:
    CELERY_BROKER_URL = "memory://localhost/"
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_DEFAULT_QUEUE = "default"
CELERY_TASK_ROUTES = {
    "sources.tasks.*": {"queue": "imports"},
    "claims.tasks.extract_claims": {"queue": "imports"},
    "claims.tasks.*": {"queue": "notifications"},
}
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Celery's Django fix-up closes the database connection before and after every task
# unless this is set: each task then paid a new PostgreSQL connection (bench P10:
# about 3× slower). Reuse it; it is closed after every this many tasks, so one broken
# by a database restart fails (and retries) a bounded number of tasks. 0 = close
# after every task.
CELERY_DB_REUSE_MAX = env_int("CELERY_DB_REUSE_MAX", 50)
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_TASK_SOFT_TIME_LIMIT", 120, minimum=1)
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 180, minimum=1)
# A task on a dead worker comes back after this many seconds (FACTS.md: the 1 h default
# is far too slow for imports; keep it above the hard time limit).
CELERY_VISIBILITY_TIMEOUT = env_int("CELERY_VISIBILITY_TIMEOUT", 300, minimum=1)
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": CELERY_VISIBILITY_TIMEOUT,
    "unacked_restore_interval": env_int(
        "CELERY_UNACKED_RESTORE_INTERVAL", 10, minimum=1
    ),
    "unacked_restore_throttle": 1,
}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A late-acked task running when the broker connection drops cannot be acked any
# more; cancel it so it is redelivered (every late-acked task is idempotent).
CELERY_WORKER_CANCEL_LONG_RUNNING_TASKS_ON_CONNECTION_LOSS = True
# Beat drives the outbox: due events and due webhook deliveries are read from
# PostgreSQL, so a lost broker message only delays them by one period.
OUTBOX_POLL_SECONDS = env_int("FACTCHECK_OUTBOX_POLL_SECONDS", 10, minimum=1)
WEBHOOK_POLL_SECONDS = env_int("FACTCHECK_WEBHOOK_POLL_SECONDS", 5, minimum=1)
DIGEST_HOUR = env_int("FACTCHECK_DIGEST_HOUR", 7)
CELERY_BEAT_SCHEDULE = {
    "dispatch-events": {
        "task": "claims.tasks.dispatch_events",
        "schedule": float(OUTBOX_POLL_SECONDS),
    },
    "deliver-webhooks": {
        "task": "claims.tasks.deliver_webhooks",
        "schedule": float(WEBHOOK_POLL_SECONDS),
    },
    "daily-digest": {
        "task": "claims.tasks.send_daily_digest",
        "schedule": crontab(hour=DIGEST_HOUR % 24, minute=0),
    },
    "poll-feeds": {"task": "sources.tasks.poll_feeds", "schedule": 300.0},
    "resend-imports": {"task": "sources.tasks.resend_stale_imports", "schedule": 120.0},
}

# Webhooks (Standard Webhooks): seconds to wait after each failed attempt, about
# three days in all, then the delivery is given up; a Retry-After replaces the
# step but never waits longer than WEBHOOK_MAX_RETRY_AFTER.
WEBHOOK_RETRY_SCHEDULE = env_int_list(
    "FACTCHECK_WEBHOOK_RETRY_SCHEDULE",
    [5, 300, 1800, 7200, 18000, 36000, 36000, 36000, 36000, 36000, 36000],
)
WEBHOOK_MAX_RETRY_AFTER = 86400
WEBHOOK_TIMEOUT = env_int("FACTCHECK_WEBHOOK_TIMEOUT", 20, minimum=1)
WEBHOOK_BATCH = env_int("FACTCHECK_WEBHOOK_BATCH", 10, minimum=1)
WEBHOOK_SECRET_OVERLAP_HOURS = env_int("FACTCHECK_WEBHOOK_SECRET_OVERLAP_HOURS", 24)

# Outbound fetching (URL import, feeds, webhooks): limits and the SSRF guard.
FETCH_MAX_BYTES = env_int("FACTCHECK_FETCH_MAX_BYTES", 5 * 1024 * 1024, minimum=1024)
FETCH_CONNECT_TIMEOUT = env_int("FACTCHECK_FETCH_CONNECT_TIMEOUT", 5, minimum=1)
FETCH_TOTAL_TIMEOUT = env_int("FACTCHECK_FETCH_TOTAL_TIMEOUT", 20, minimum=1)
FETCH_MAX_REDIRECTS = env_int("FACTCHECK_FETCH_MAX_REDIRECTS", 5)
# Loopback test servers only; deliberately not readable from the environment, so no
# deployment can open the guard. Tests set it through pytest's `settings` fixture.
FETCH_ALLOW_LOOPBACK_FOR_TESTS = False

IMPORT_MAX_BYTES = env_int("FACTCHECK_IMPORT_MAX_BYTES", 2 * 1024 * 1024, minimum=1024)
# An import job still queued after this many seconds lost its message (a broker
# restart): beat publishes it again. A running one is re-sent only after the
# broker's own redelivery of a dead worker's task should have happened.
IMPORT_RESEND_AFTER = env_int("FACTCHECK_IMPORT_RESEND_AFTER", 120, minimum=1)
IMPORT_RESEND_RUNNING_AFTER = env_int(
    "FACTCHECK_IMPORT_RESEND_RUNNING_AFTER",
    CELERY_VISIBILITY_TIMEOUT + CELERY_TASK_TIME_LIMIT + 120,
    minimum=1,
)

FACTCHECK_PUBLISHER_NAME = env_str("FACTCHECK_PUBLISHER_NAME", "factcheck")
FACTCHECK_PUBLISHER_URL = env_url(
    "FACTCHECK_PUBLISHER_URL", "http://127.0.0.1:8000", {"http", "https"}
)


# Rate-limit counters live in the cache: every web process must share one, so
# production points CACHE_URL at Redis; unset, each process counts alone.
CACHE_URL = env_url("CACHE_URL", "", {"redis", "rediss"})
CACHES = {
    "default": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
        }
        if CACHE_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}
# The ratings feed remembers its pages' ETags (claims/feed_etags.py) only in a
# cache every process shares: a per-process one would not hear others' writes.
FACTCHECK_FEED_REMEMBER_ETAGS = bool(CACHE_URL)


def env_rate(name: str, default: str) -> str:
    """Return a rate limit such as `60/min` (per s, min, hour or day)."""
    value = env_str(name, default)
    count, _, period = value.partition("/")
    if not (count.isdigit() and period in {"s", "sec", "min", "hour", "day"}):
        raise ImproperlyConfigured(f"{name}={value!r} is not a rate like 60/min")
    return value


# The ratings feed hides changes younger than this: a change is stamped before
# its transaction commits, and a consumer's cursor must not pass it meanwhile.
FACTCHECK_FEED_SETTLE_SECONDS = env_int("FACTCHECK_FEED_SETTLE_SECONDS", 2)

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "claims.api.auth.ApiKeyAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_THROTTLE_CLASSES": [
        "claims.api.throttles.AnonThrottle",
        "claims.api.throttles.ApiKeyThrottle",
        "claims.api.throttles.UserThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env_rate("FACTCHECK_API_ANON_RATE", "60/min"),
        "api_key": env_rate("FACTCHECK_API_KEY_RATE", "1200/min"),
        "user": env_rate("FACTCHECK_API_USER_RATE", "1200/min"),
    },
    "DEFAULT_PERMISSION_CLASSES": [
        "rest_framework.permissions.DjangoModelPermissionsOrAnonReadOnly",
    ],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "factcheck.api.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "factcheck API",
    "DESCRIPTION": "Claims, ratings and schema.org ClaimReview from a fact-check desk.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {"DismissReasonEnum": "claims.models.Claim.DismissReason"},
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("FACTCHECK_LOG_LEVEL", "INFO")},
}
