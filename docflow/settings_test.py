"""Test settings: only what tests need differs from production."""

import os

os.environ.setdefault("DJANGO_DEBUG", "0")
os.environ.setdefault("SECRET_KEY", "test-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz")

from docflow.settings import *  # noqa: F403

ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# A Celery worker started by a test sends real e-mail into files (EMAIL_FILE_PATH) the test reads.
EMAIL_BACKEND = (
    "django.core.mail.backends.filebased.EmailBackend" if os.environ.get("EMAIL_FILE_PATH")
    else "django.core.mail.backends.locmem.EmailBackend"
)
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = BASE_DIR / "var" / "test-media"  # noqa: F405
WHITENOISE_AUTOREFRESH = True
# Several people (or agents) may run the suite at once on one server: own database each.
DATABASES["default"]["TEST"] = {"NAME": os.environ.get("DOCFLOW_TEST_DB", "test_docflow")}  # noqa: F405
WHITENOISE_USE_FINDERS = True
# Tests that stop the broker turn the enqueue circuit breaker on themselves (tests/security).
QUEUE_RETRY_AFTER = 0
