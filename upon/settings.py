"""Upon settings: one module, configured only by environment variables.

Every variable is listed with its meaning in README.md ("Configuration").
"""

import ipaddress
import re
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from upon.env import env_bool, env_choice, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", False)
HTTPS = env_bool("HTTPS", False)
# `make serve`: the production settings over plain HTTP, to try them on this machine. Only ever
# set explicitly, and only for local addresses (checked below): it drops the HTTPS redirect,
# HSTS and secure cookies, and nothing else.
ALLOW_PLAIN_HTTP = env_bool("ALLOW_PLAIN_HTTP", False)

_DEV_SECRET = "django-insecure-development-only-never-use-in-production"  # nosec B105  # refused when HTTPS is true
SECRET_KEY = env_str("SECRET_KEY") or _DEV_SECRET
if HTTPS and SECRET_KEY == _DEV_SECRET:
    raise ImproperlyConfigured("SECRET_KEY must be set when HTTPS is true (production).")
# Rotating the key (docs/operations.md, "Rotate secrets"): the old keys, comma-separated, still
# accepted for what they signed (sessions, signed links) while the new SECRET_KEY signs anew.
SECRET_KEY_FALLBACKS = env_list("SECRET_KEY_FALLBACKS", [])
if HTTPS and _DEV_SECRET in SECRET_KEY_FALLBACKS:
    raise ImproperlyConfigured("SECRET_KEY_FALLBACKS must not hold the development key.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
if ALLOW_PLAIN_HTTP and set(ALLOWED_HOSTS) - {"127.0.0.1", "localhost", "[::1]", "testserver"}:
    raise ImproperlyConfigured(
        "ALLOW_PLAIN_HTTP is for trying the service on this machine: ALLOWED_HOSTS may then "
        f"hold only 127.0.0.1, localhost and [::1], not {', '.join(ALLOWED_HOSTS)}."
    )
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = (env_str("SITE_URL") or "http://127.0.0.1:8000").rstrip("/")
SUPPORT_EMAIL = env_str("SUPPORT_EMAIL") or "programme-team@upon.example"
# Where the team's Django admin answers (upon/admin_site.py): a path of letters, digits, "-",
# "_" and "/", without the leading slash.
ADMIN_PATH = (env_str("ADMIN_PATH") or "team-admin").strip("/") + "/"
if not re.fullmatch(r"[A-Za-z0-9_\-]+(/[A-Za-z0-9_\-]+)*/", ADMIN_PATH):
    raise ImproperlyConfigured(
        f"ADMIN_PATH must be a path like team-admin/, not {env_str('ADMIN_PATH')!r}"
    )

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "rules.apps.AutodiscoverRulesConfig",
    "simple_history",
    # The programme team's read-only admin, at ADMIN_PATH (upon/admin_site.py).
    "upon.admin_site.TeamAdminConfig",
    "django_tasks",
    "django_tasks_db",
    # The second factor: authenticator apps and recovery codes (accounts/second_factor.py).
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "upon.service",
    "upon.accounts",
    "upon.organisations",
    "upon.programmes",
    "upon.recruitment",
    "upon.selection",
    "upon.delivery",
    "upon.support",
    "upon.network",
    "upon.workforce",
    "upon.reporting",
    "upon.partners",
    # Personal data: the privacy notice, subject access, erasure, retention.
    "upon.privacy",
    # Health and readiness, request ids, backups: nothing imports it.
    "upon.operations",
    # Demo and benchmark data (`seed_demo`); last, and not part of any app.
    "demo",
]

MIDDLEWARE = [
    # First: everything logged while a request is served carries its id.
    "upon.operations.request_id.middleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Signed in but not past the second factor: only its own pages and signing out.
    "upon.accounts.middleware.SecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "upon.service.middleware.security_headers",
    "upon.service.middleware.refuse_null_characters",
]

ROOT_URLCONF = "upon.urls"
WSGI_APPLICATION = "upon.wsgi.application"

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
                "upon.service.context_processors.service",
            ],
            # GOV.UK dates and times (|govuk_time, |govuk_date, ...) in every template.
            "builtins": ["upon.service.templatetags.times"],
        },
    },
]
FORM_RENDERER = "upon.service.forms.GovukFormRenderer"

# SQLite by default so the service runs straight after checkout; PostgreSQL via DATABASE_URL.
# With DATABASE_CONN_MAX_AGE above 0 each server thread keeps one connection open (checked before
# reuse): a server holds at most workers x threads connections (docs/operations.md).
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A database that does not answer fails a request (and /readyz) in seconds, not minutes.
    DATABASES["default"]["OPTIONS"] = {
        "connect_timeout": env_int("DATABASE_CONNECT_TIMEOUT", 5, minimum=1)
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;"
        ),
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["TEST"] = {"NAME": env_str("SQLITE_TEST_NAME")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
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
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:sign_in"
LOGIN_REDIRECT_URL = "accounts:home"
LOGOUT_REDIRECT_URL = "start"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 2
# Sign-in throttling (accounts/throttle.py): an account's free failures before each attempt
# waits longer (up to the maximum delay); a network address's failures allowed in the window.
# Support for new directors: a verified DCS post opens 24 months of support if it starts within
# this many years of completing the programme; what the 24 months hold.
SUPPORT_WINDOW_YEARS = env_int("SUPPORT_WINDOW_YEARS", 5, minimum=1)
SUPPORT_COACHING_HOURS = env_int("SUPPORT_COACHING_HOURS", 12, minimum=0)
SUPPORT_FURTHER_LEARNING_PLACES = env_int("SUPPORT_FURTHER_LEARNING_PLACES", 3, minimum=0)

# The retention schedule (upon/privacy/retention.py), in months after an intake closes: when
# unsuccessful applications are anonymised, and when equality answers are deleted (their counts
# kept). The privacy notice shows both.
RETENTION_UNSUCCESSFUL_MONTHS = env_int("RETENTION_UNSUCCESSFUL_MONTHS", 12, minimum=1)
RETENTION_EQUALITY_MONTHS = env_int("RETENTION_EQUALITY_MONTHS", 36, minimum=1)
SIGN_IN_ATTEMPTS = env_int("SIGN_IN_ATTEMPTS", 5, minimum=1)
SIGN_IN_MAX_DELAY_SECONDS = env_int("SIGN_IN_MAX_DELAY_SECONDS", 60, minimum=1)
SIGN_IN_ADDRESS_ATTEMPTS = env_int("SIGN_IN_ADDRESS_ATTEMPTS", 100, minimum=1)
SIGN_IN_WINDOW_SECONDS = env_int("SIGN_IN_WINDOW_SECONDS", 15 * 60, minimum=1)
# The second factor (accounts/second_factor.py): the name an authenticator app shows beside
# the account. Codes are throttled by accounts/throttle.py like passwords, so django-otp's own
# per-device delays are off (they would refuse a right code typed a second after a wrong one).
OTP_TOTP_ISSUER = env_str("SECOND_FACTOR_ISSUER", "Upon")
OTP_TOTP_THROTTLE_FACTOR = 0
OTP_STATIC_THROTTLE_FACTOR = 0
# The proxies in front of the service (addresses or networks): only from these is the client's
# address taken from X-Forwarded-For.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", [])
try:
    for _proxy in TRUSTED_PROXIES:
        ipaddress.ip_network(_proxy, strict=False)
except ValueError as error:
    raise ImproperlyConfigured(f"TRUSTED_PROXIES: {error}") from None

REDIS_URL = env_str("REDIS_URL")
CACHES = {
    "default": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            # A Redis that does not answer fails fast (and /readyz says so) rather than hangs.
            "OPTIONS": {"socket_connect_timeout": 5, "socket_timeout": 5},
        }
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# The partner API (upon/partners/api.py): requests each token may make, as "<count>/<period>"
# with a period of s, min, h or day (say "120/min"), counted in the cache above.
PARTNER_API_RATE = env_str("PARTNER_API_RATE") or "120/min"
if not re.fullmatch(r"[1-9][0-9]*/[1-9]?[0-9]*(s|sec|m|min|h|hour|d|day)", PARTNER_API_RATE):
    raise ImproperlyConfigured(
        f"PARTNER_API_RATE must be a number of requests per period, like 120/min, not "
        f"{PARTNER_API_RATE!r}"
    )

TASKS = {
    "default": {
        "BACKEND": {
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
            "database": "django_tasks_db.backend.DatabaseBackend",
        }[env_choice("TASKS_BACKEND", "immediate", ("immediate", "database"))]
    }
}

EMAIL_HOST = env_str("EMAIL_HOST")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("EMAIL_PORT", 587, minimum=1)
    EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
elif env_bool("EMAIL_TO_FILES", DEBUG):
    # Development: every email is a file in the outbox, read at /dev/outbox/ (service/outbox.py).
    # `make load` sets it under `make serve` (ALLOW_PLAIN_HTTP, refused below on a real server),
    # so the simulated sponsors can open the links they are sent.
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    if not (DEBUG or ALLOW_PLAIN_HTTP):
        raise ImproperlyConfigured(
            "EMAIL_TO_FILES keeps every email (personal data) on this machine's disk: it is only "
            "for DEBUG=true or ALLOW_PLAIN_HTTP=true (make serve, make load), never a server."
        )
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
EMAIL_FILE_PATH = Path(env_str("EMAIL_FILE_PATH") or BASE_DIR / "tmp" / "outbox")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Upon <no-reply@upon.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "frontend" / "dist"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if HTTPS
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
MEDIA_ROOT = Path(env_str("MEDIA_ROOT") or BASE_DIR / "media")
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 60 * 60 * 8
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if HTTPS and not ALLOW_PLAIN_HTTP:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    # The load balancer asks these over plain HTTP.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# One JSON object a line (upon/operations/logs.py), each with the request's id; plain text to
# read in a terminal. gunicorn.conf.py sends the server's own logs the same way.
LOG_FORMAT = env_choice("LOG_FORMAT", "text" if DEBUG else "json", ("json", "text"))
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "upon.operations.logs.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "upon.operations.logs.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}

SIMPLE_HISTORY_HISTORY_ID_USE_UUID = False
CSRF_FAILURE_VIEW = "upon.service.views.csrf_failure"

# Outside production, serve static files straight from the finders: no collectstatic needed.
WHITENOISE_USE_FINDERS = not HTTPS
WHITENOISE_AUTOREFRESH = DEBUG
