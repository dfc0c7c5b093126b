"""Docflow settings, read from the environment.

Production is the default: with DEBUG off the secret key must be given and every
`check --deploy` rule holds. Development sets DJANGO_DEBUG=1 (the `./dev` launcher does).
"""

import os
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name: str, default: str | None = None) -> str | None:
    """A setting from NAME, or from the file named by NAME_FILE (Docker/systemd secrets)."""
    file_name = os.environ.get(f"{name}_FILE")
    if file_name:
        return Path(file_name).read_text(encoding="utf-8").strip()
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    value = env(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in (env(name, default) or "").split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", False)

SECRET_KEY = env("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY (or SECRET_KEY_FILE) must be set when DEBUG is off.")
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production-0123456789abcdefghij"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "django_htmx",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "registry.audit",
    "registry.organisation",
    "registry.files",
    "registry.notifications",
    "registry.core",
    "registry.assignments",
    "registry.incoming",
    "registry.outgoing",
    "registry.exchange",
    "registry.benchmarks",
    "registry.casefiles",
    "registry.search",
    "registry.reports",
    "registry.access",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "registry.organisation.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "registry.core.middleware.SessionIdleTimeoutMiddleware",
    "registry.core.middleware.OTPRequiredMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "docflow.urls"
WSGI_APPLICATION = "docflow.wsgi.application"

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
                "django.template.context_processors.i18n",
                "registry.core.context_processors.navigation",
            ],
        },
    },
]

# --- Database ------------------------------------------------------------------------------------
DATABASE_URL = env("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/docflow")
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL, conn_max_age=int(env("DB_CONN_MAX_AGE", "60") or 60), conn_health_checks=True
    )
}
DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = 5
# JIT compilation costs 15-20 ms on the first run of each statement shape and pays off only
# for long analytical queries; the pages here are short OLTP reads (measured at 1M documents).
# random_page_cost 1.1 is the usual value for SSD storage: with the default 4, PostgreSQL
# preferred scanning all 100,000 open assignments (70 ms) to a bitmap of two partial
# indexes (5 ms) for My tasks. A DBA may set both in postgresql.conf instead.
# join_collapse_limit 1 keeps the join order Django writes (the filtered table first, then
# its foreign keys): planning a 50-row register page with ten select_related joins fell from
# 39 ms to 1 ms at 1M documents, for the same 0.5 ms execution.
DATABASES["default"]["OPTIONS"]["options"] = (
    "-c jit=off -c random_page_cost=1.1 -c join_collapse_limit=1"
)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "organisation.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Failed logins: 5 for one user from one address locks that pair for 15 minutes. Offices sit
# behind one NAT address, so an address alone is never locked (one person's typos must not
# lock the whole office out), and a username alone is not either (nobody can lock a leader
# out from outside).
AXES_FAILURE_LIMIT = int(env("AXES_FAILURE_LIMIT", "5") or 5)
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_IPWARE_PROXY_COUNT = int(env("AXES_PROXY_COUNT", "0") or 0) or None
AXES_VERBOSE = False
# Optional TOTP two-factor sign-in (leaders, administrators): registry/access/twofactor.py.
OTP_TOTP_ISSUER = env("OTP_TOTP_ISSUER", "Docflow")
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# --- Redis, cache, Celery ------------------------------------------------------------------------
REDIS_URL = env("REDIS_URL", "redis://127.0.0.1:6379/0") or ""

# The cache is process-local on purpose: no page may fail because Redis is down.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

CELERY_BROKER_URL = REDIS_URL
# After the broker refused a task, enqueue() leaves tasks to the periodic sweeps for this many
# seconds instead of paying the connect timeout on every request (registry/core/queue.py).
QUEUE_RETRY_AFTER = int(env("QUEUE_RETRY_AFTER", "30") or 0)
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_RESULT_SERIALIZER = "json"
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = "Asia/Ho_Chi_Minh"
CELERY_TASK_TIME_LIMIT = 300
CELERY_TASK_SOFT_TIME_LIMIT = 240
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": 2, "socket_timeout": 5}
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", False)
CELERY_BEAT_SCHEDULE: dict[str, dict] = {
    "notifications-deliver-pending": {
        "task": "registry.notifications.tasks.notifications_deliver_pending",
        "schedule": 60.0,
    },
    "assignments-reminders-daily": {
        "task": "registry.assignments.tasks.reminders_sweep",
        "schedule": crontab(hour=7, minute=0),
    },
    "assignments-reminders-catch-up": {
        # Catch-up in office hours: work given or moved during the day, or a missed 07:00 run.
        "task": "registry.assignments.tasks.reminders_sweep",
        "schedule": crontab(hour="8-17", minute=5),
    },
    "casefiles-archive-notices-daily": {
        # Appendix VI: notice 30 days before a closed file is due at the agency archive.
        "task": "registry.casefiles.tasks.archive_notices_sweep",
        "schedule": crontab(hour=7, minute=15),
    },
}

# --- Electronic exchange (edXML) -----------------------------------------------------------------
# EXCHANGE_TRANSPORT = folder | http (unset: no exchange); see docs/exchange.md.
EXCHANGE = {
    name: value for name in (
        "EXCHANGE_TRANSPORT", "EXCHANGE_FOLDER", "EXCHANGE_HUB_URL", "EXCHANGE_HUB_SYSTEM_ID",
        "EXCHANGE_HUB_SECRET", "EXCHANGE_HUB_TIMEOUT", "EXCHANGE_MAX_PACKET_MB",
        "EXCHANGE_MAX_ATTACHMENT_MB", "EXCHANGE_ACCEPT_DAYS",
    ) if (value := env(name))
}
CELERY_BEAT_SCHEDULE["exchange-poll"] = {
    "task": "registry.exchange.tasks.exchange_poll_task",
    "schedule": float(env("EXCHANGE_POLL_SECONDS", "120") or 120),
}
CELERY_BEAT_SCHEDULE["exchange-outbox-sweep"] = {
    # Whatever was not sent right after commit (Redis or the hub away), with back-off.
    "task": "registry.exchange.tasks.outbound_sweep",
    "schedule": 60.0,
}
CELERY_BEAT_SCHEDULE["search-assignment-texts"] = {
    # Issue 6: new assignments' content becomes searchable within a minute.
    "task": "registry.search.tasks.assignment_texts_sync",
    "schedule": 60.0,
}
CELERY_BEAT_SCHEDULE["reports-jobs-sweep"] = {
    # Exports and imports whose queue message was lost (Redis away when asked for).
    "task": "registry.reports.tasks.jobs_sweep",
    "schedule": 60.0,
}

# --- Internationalisation ------------------------------------------------------------------------
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["docflow.formats"]

# --- Static and uploaded files -------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Files live outside the web root and are only served by permission-checked views.
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "var" / "media")) or "")
MEDIA_URL = "/files/"
UPLOAD_MAX_BYTES = int(env("UPLOAD_MAX_BYTES", str(20 * 1024 * 1024)) or 0)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- E-mail --------------------------------------------------------------------------------------
EMAIL_BACKEND = env(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "25") or 25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "docflow@localhost")
if env("EMAIL_FILE_PATH"):  # for the file-based backend (tests with a real worker)
    EMAIL_FILE_PATH = env("EMAIL_FILE_PATH")
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000")

# --- Security ------------------------------------------------------------------------------------
SESSION_COOKIE_AGE = int(env("SESSION_COOKIE_AGE", str(8 * 3600)) or 0)
SESSION_SAVE_EVERY_REQUEST = False
# Signed out after this long without a request (the session is refreshed at most every
# 5 minutes, so browsing costs no write per request).
SESSION_IDLE_TIMEOUT = int(env("SESSION_IDLE_TIMEOUT", str(60 * 60)) or 0)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000") or 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^ping$"]
# No inline script anywhere: behaviour lives in static files. Inline style attributes are
# allowed (Bootstrap components set them); frames only from ourselves (PDF preview).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'"],
        "object-src": ["'self'"],
        "frame-ancestors": ["'self'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
    },
}

# --- API -----------------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "registry.core.api.Pagination",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "registry.core.api.exception_handler",
    "PAGE_SIZE": 50,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Docflow API",
    "DESCRIPTION": "Sổ đăng ký văn bản đến, văn bản đi và theo dõi giao việc.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # The schema and its docs are for signed-in users and API clients with a token.
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}
