"""Settings shared by every environment. Each value can be overridden by an environment
variable; the README lists them all."""

from pathlib import Path
from typing import Any

import dj_database_url

from .env import env_bool, env_int, env_list, env_str

PACKAGE_DIR = Path(__file__).resolve().parents[2]
PROJECT_DIR = PACKAGE_DIR.parents[1]
VAR_DIR = Path(env_str("JTAI_VAR_DIR", str(PROJECT_DIR / "var")))

SECRET_KEY = env_str("SECRET_KEY", "")
# Former keys, comma-separated, while a new SECRET_KEY takes over: sessions and recovery
# codes made under them still work.
SECRET_KEY_FALLBACKS = env_list("SECRET_KEY_FALLBACKS", [])
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

# Demo data may only ever be loaded where a settings module says so explicitly.
JTAI_DEMO_MODE = False
JTAI_SERVICE_NAME = "Joint targeted area inspections"
JTAI_PHASE = "Beta"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_tasks",
    "django_tasks_db",
    "jtai.core",
    "jtai.accounts",
    "jtai.areas",
    "jtai.programme",
    "jtai.inspections",
    "jtai.library",
    "jtai.information",
    "jtai.cases",
    "jtai.audit",
    "jtai.retention",
    "jtai.fieldwork",
    "jtai.evidence",
    "jtai.reports",
    "jtai.publication",
]

MIDDLEWARE = [
    "jtai.core.request_id.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "jtai.core.null_characters.RefuseNullCharactersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "jtai.core.sessions.SessionRefreshMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
    "jtai.core.middleware.AccessPolicyMiddleware",
]

ROOT_URLCONF = "jtai.config.urls"
WSGI_APPLICATION = "jtai.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "jtai.core.context_processors.service",
            ],
            "builtins": [
                "jtai.core.templatetags.govuk",
                "django.contrib.humanize.templatetags.humanize",
            ],
        },
    }
]
FORM_RENDERER = "jtai.core.forms.GovukFormRenderer"

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'jtai.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers and one writer work at once; the timeout rides out short locks.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:signed-out"

# Sessions end after a period of inactivity: activity pushes the expiry forward, at most
# once a minute (jtai.core.sessions) rather than with a database write for every page.
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_TIMEOUT_SECONDS", 30 * 60)
SESSION_REFRESH_SECONDS = 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "jtai.core.views.csrf_failure"

# Login throttling: five failures for one account from one address lock it for 30 minutes.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 30) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# Behind the proxy every request arrives from it: the lock counts the address the proxy
# saw, or five wrong passwords from anyone would lock the account for everyone.
AXES_CLIENT_IP_CALLABLE = "jtai.core.addresses.client_address"
AXES_USERNAME_FORM_FIELD = "username"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
# A password alone is not a sign-in: failures are forgiven only once the second factor
# has been given too (see jtai.accounts.views), so wrong codes count towards the lock.
AXES_RESET_ON_SUCCESS = False
AXES_VERBOSE = False
AXES_LOCKOUT_CALLABLE = "jtai.accounts.views.locked_out"

# Two-factor authentication (django-otp): every account needs an authenticator app.
OTP_TOTP_ISSUER = "JTAI"

# Optional single sign-on for inspectorate staff (OpenID Connect): off unless a client id
# is set. It signs in existing active inspectorate accounts by email only, and the
# service's two-factor code is still asked for. The README lists the variables.
OIDC_RP_CLIENT_ID = env_str("OIDC_RP_CLIENT_ID", "")
if OIDC_RP_CLIENT_ID:
    OIDC_RP_CLIENT_SECRET = env_str("OIDC_RP_CLIENT_SECRET", "")
    OIDC_OP_AUTHORIZATION_ENDPOINT = env_str("OIDC_OP_AUTHORIZATION_ENDPOINT", "")
    OIDC_OP_TOKEN_ENDPOINT = env_str("OIDC_OP_TOKEN_ENDPOINT", "")
    OIDC_OP_USER_ENDPOINT = env_str("OIDC_OP_USER_ENDPOINT", "")
    OIDC_OP_JWKS_ENDPOINT = env_str("OIDC_OP_JWKS_ENDPOINT", "")
    OIDC_RP_SIGN_ALGO = env_str("OIDC_RP_SIGN_ALGO", "RS256")
    OIDC_RP_SCOPES = "openid email"
    OIDC_CREATE_USER = False
    OIDC_AUTHENTICATION_CALLBACK_URL = "accounts:oidc-callback"
    LOGIN_REDIRECT_URL_FAILURE = "/account/sign-in/?sso=refused"
    OIDC_PROVIDER_NAME = env_str("OIDC_PROVIDER_NAME", "your organisation's account")
    AUTHENTICATION_BACKENDS = [*AUTHENTICATION_BACKENDS, "jtai.accounts.oidc.StaffOIDCBackend"]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True
DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "j M Y"
DATETIME_FORMAT = "j F Y, g:ia"

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
STATICFILES_DIRS = [
    ("govuk", PROJECT_DIR / "node_modules" / "govuk-frontend" / "dist" / "govuk"),
    ("moj", PROJECT_DIR / "node_modules" / "@ministryofjustice" / "frontend" / "moj"),
]
# GOV.UK Frontend's precompiled stylesheet asks for its fonts and images at /assets/;
# WhiteNoise serves the package's folder at the site root so those URLs resolve.
WHITENOISE_ROOT = PROJECT_DIR / "node_modules" / "govuk-frontend" / "dist" / "govuk"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
# Stored files: a folder under MEDIA_ROOT, or an S3-compatible bucket (django-storages)
# when AWS_STORAGE_BUCKET_NAME is set, with credentials from AWS_ACCESS_KEY_ID and
# AWS_SECRET_ACCESS_KEY or the machine's role, as boto3 finds them. The code reaches files
# only through the storage API, never by path, so either works everywhere.
AWS_STORAGE_BUCKET_NAME = env_str("AWS_STORAGE_BUCKET_NAME", "")
AWS_S3_ENDPOINT_URL = env_str("AWS_S3_ENDPOINT_URL", "") or None
AWS_S3_REGION_NAME = env_str("AWS_S3_REGION_NAME", "") or None
AWS_DEFAULT_ACL = None  # objects stay private, as the bucket's own policy says
AWS_QUERYSTRING_AUTH = True
AWS_S3_FILE_OVERWRITE = False
_FILE_STORAGE: dict[str, Any] = {
    "BACKEND": "storages.backends.s3.S3Storage"
    if AWS_STORAGE_BUCKET_NAME
    else "django.core.files.storage.FileSystemStorage"
}
STORAGES = {
    # Uploaded files are never served by the web server: only permission-checked views
    # read them, so MEDIA_URL is deliberately not routed anywhere.
    "default": _FILE_STORAGE,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "jtai@localhost")
# For the SMTP backend (django.core.mail.backends.smtp.EmailBackend).
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30)

TASKS = {
    "default": {
        "BACKEND": env_str("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend")
    }
}

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# No inline script or style anywhere: every script is a static file.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "jtai.core.request_id.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "jtai.core.logging.JsonFormatter"},
        "plain": {"format": "%(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": env_str("LOG_FORMAT", "json"),
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "axes": {"level": "WARNING"},
        # Request lines come from jtai.request; Django's own would repeat them.
        "django.request": {"level": "ERROR"},
        "django.server": {"level": "WARNING"},
    },
}

# Reminder emails go this many working days before each key date.
JTAI_REMINDER_WORKING_DAYS = env_int("JTAI_REMINDER_WORKING_DAYS", 2)

# Programme planning: the longest a page waits for the planner (it stops sooner once it has
# proved its plan optimal).
JTAI_PLAN_TIME_LIMIT_S = env_int("JTAI_PLAN_TIME_LIMIT_S", 20)

# The service's public address, for links in emails.
JTAI_BASE_URL = env_str("JTAI_BASE_URL", "http://127.0.0.1:8000")

# Documents uploaded in answer to information requests have a storage of their own: a
# folder under MEDIA_ROOT by default, or an S3-compatible bucket (django-storages, with
# credentials from the usual AWS_* variables) when JTAI_DOCUMENTS_BUCKET is set. Either
# way they are read only by permission-checked views, never served directly.
JTAI_DOCUMENTS_BUCKET = env_str("JTAI_DOCUMENTS_BUCKET", "")
_DOCUMENTS_STORAGE: dict[str, Any] = (
    {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": JTAI_DOCUMENTS_BUCKET,
            "endpoint_url": env_str("JTAI_DOCUMENTS_ENDPOINT_URL", "") or None,
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
    if JTAI_DOCUMENTS_BUCKET
    # Otherwise they go where every other stored file goes (AWS_STORAGE_BUCKET_NAME).
    else _FILE_STORAGE
)
STORAGES["documents"] = _DOCUMENTS_STORAGE
# The largest document accepted, in bytes (files are streamed, never held in memory).
JTAI_MAX_UPLOAD_BYTES = env_int("JTAI_MAX_UPLOAD_BYTES", 100 * 1024 * 1024)
# Optional virus scanning with clamd: its Unix socket, or its host and port. Empty: files
# are recorded as not scanned.
CLAMD_SOCKET = env_str("CLAMD_SOCKET", "")
CLAMD_HOST = env_str("CLAMD_HOST", "")
CLAMD_PORT = env_int("CLAMD_PORT", 3310)
CLAMD_TIMEOUT_SECONDS = env_int("CLAMD_TIMEOUT_SECONDS", 60)

# Access log, retention and backups (README: "Access log", "Retention", "Backups").
# How many proxies of our own stand in front of the service: the client's address is the
# entry the nearest of them appended to X-Forwarded-For. 0: REMOTE_ADDR as it arrives.
JTAI_TRUSTED_PROXY_COUNT = env_int("JTAI_TRUSTED_PROXY_COUNT", 0)
# Child-level data and uploaded documents go this many days after publication.
JTAI_RETENTION_DAYS = env_int("JTAI_RETENTION_DAYS", 365)
# Access events are evidence of who saw what and outlive the data they are about; they
# go after this many days (about six years by default). 0 keeps them for ever.
JTAI_ACCESS_LOG_RETENTION_DAYS = env_int("JTAI_ACCESS_LOG_RETENTION_DAYS", 2192)
# Each app that keeps child-level data names its purger here (see jtai.retention.registry).
JTAI_RETENTION_PURGERS = [
    "jtai.retention.purgers.EvidencePurger",
    "jtai.retention.purgers.FieldworkPurger",
    "jtai.retention.purgers.CasesPurger",
    "jtai.retention.purgers.DocumentsPurger",
    "jtai.reports.retention.LetterEvidencePurger",
]

# Scheduled jobs: each runs its django-tasks task every so many minutes, once across workers.
JTAI_SCHEDULE: dict[str, dict[str, Any]] = {
    "purge_expired_data": {
        "task": "jtai.retention.tasks.purge_expired_data",
        "every_minutes": 1440,
    },
    "send_reminders": {
        "task": "jtai.inspections.tasks.send_due_reminders_task",
        "every_minutes": 60,
    },
    "publish_due_reports": {
        "task": "jtai.publication.tasks.publish_due_reports",
        "every_minutes": 1,
    },
}

# Publication: reports go public at this time (Europe/London) on their publication day.
JTAI_PUBLICATION_TIME = env_str("JTAI_PUBLICATION_TIME", "09:30")

# Workers (jtai worker): each beats every JTAI_WORKER_HEARTBEAT_SECONDS; a task left running
# by a worker silent for JTAI_WORKER_LOST_AFTER_SECONDS is queued again, at most
# JTAI_TASK_MAX_ATTEMPTS times in all.
JTAI_WORKER_HEARTBEAT_SECONDS = env_int("JTAI_WORKER_HEARTBEAT_SECONDS", 10)
JTAI_WORKER_LOST_AFTER_SECONDS = env_int("JTAI_WORKER_LOST_AFTER_SECONDS", 60)
JTAI_TASK_MAX_ATTEMPTS = env_int("JTAI_TASK_MAX_ATTEMPTS", 3)
