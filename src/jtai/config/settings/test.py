"""Settings for the test suite: fast hashing, in-memory email, demo data allowed."""

from .base import *  # noqa: F403
from .base import STATIC_ROOT, STORAGES

SECRET_KEY = "test-only-key"  # noqa: S105 - never used outside the test suite
DEBUG = False
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
JTAI_DEMO_MODE = True
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Static files come straight from the finders; no collectstatic before tests.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
