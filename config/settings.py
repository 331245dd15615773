"""One settings module, read from the environment once.

With no environment at all it runs the zero-setup demo: SQLite, eager Celery tasks, DEBUG on.
Production sets DJANGO_DEBUG=0, DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS, DATABASE_URL and REDIS_URL
(the cache then is Redis too; CACHE_URL names another).
"""
import datetime
from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

DEBUG = env.bool("DJANGO_DEBUG", default=True)
SECRET_KEY = env.str(
    "DJANGO_SECRET_KEY",
    default="django-insecure-local-demo-key-only-for-make-run" if DEBUG else environ.Env.NOTSET,
)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "django_fsm",
    "simple_history",
    "django_celery_beat",
    "django_htmx",
    "axes",
    "health_check",
    "crispy_forms",
    "crispy_bootstrap5",
    "kandas",
    "status",
    "quota",
    "adaptation",
]

# Every form renders through django-crispy-forms with the Bootstrap 5 pack (templates/partials/form_fields.html).
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

MIDDLEWARE = [
    "kandas.middleware.RequestSizeLimitMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "kandas.input_guard.InputGuardMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "kandas.middleware.ConflictMiddleware",
    "kandas.middleware.TaskQueueUnavailableMiddleware",
    # Last, as django-axes asks: it turns a lockout marked during authentication into its response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "kandas.context_processors.shell",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
IS_POSTGRES = DATABASES["default"]["ENGINE"].endswith("postgresql")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = ["kandas.auth.LoginThrottleBackend", "kandas.auth.DemoPasswordGuardBackend"]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "kandas:my_work"
LOGOUT_REDIRECT_URL = "login"

# Login throttling (django-axes): failures counted per account and per client address; at the limit, log-in
# (the right password too) is refused until the cool-off ends or an administrator deletes the attempts.
AXES_FAILURE_LIMIT = env.int("KANDAS_LOGIN_FAILURE_LIMIT", default=10)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env.int("KANDAS_LOGIN_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_CLIENT_IP_CALLABLE = "kandas.auth.client_ip"
AXES_LOCKOUT_CALLABLE = "kandas.auth.lockout_response"
# Reverse proxies in front of the app that append to X-Forwarded-For (0: clients connect directly).
KANDAS_TRUSTED_PROXIES = env.int("KANDAS_TRUSTED_PROXIES", default=0)

LANGUAGE_CODE = "ru"
LANGUAGES = [("ru", "Русский"), ("kk", "Қазақша"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "config" / "locale"]  # the first wins where both translate
TIME_ZONE = env.str("DJANGO_TIME_ZONE", default="Asia/Almaty")
USE_I18N = True
# dd.mm.yyyy on screen and typed by hand, in every language (config/formats/<lang>/formats.py).
FORMAT_MODULE_PATH = ["config.formats"]
DATE_INPUT_FORMATS = ["%d.%m.%Y", "%Y-%m-%d", "%d.%m.%y"]
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = env.path("DJANGO_STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
# Files served at the site's root by whitenoise (favicon.ico), in development and production alike.
WHITENOISE_ROOT = BASE_DIR / "webroot"
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Uploads: the document limits live in kandas.documents; this caps the request itself.
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
KANDAS_MAX_REQUEST_BYTES = env.int("KANDAS_MAX_REQUEST_BYTES", default=110 * 1024 * 1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

EMAIL_BACKEND = env.str(
    "DJANGO_EMAIL_BACKEND",
    default="django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env.str("DJANGO_EMAIL_HOST", default="localhost")
DEFAULT_FROM_EMAIL = env.str("DJANGO_DEFAULT_FROM_EMAIL", default="no-reply@kandas.local")

# Celery: Redis when REDIS_URL is set; otherwise tasks run eagerly in-process (the zero-setup demo).
REDIS_URL = env.str("REDIS_URL", default="")
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or None
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# One queue per installation; tests give their worker a private queue on a shared Redis.
CELERY_TASK_DEFAULT_QUEUE = env.str("CELERY_QUEUE", default="celery")
# A task is acknowledged when it has finished, not when a worker took it: a worker killed mid-sweep
# (OOM, deploy, power) leaves the message to be delivered again, to the next worker. Every task here is
# an idempotent sweep, so running one again is safe. One message at a time per worker process.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Redis redelivers an unacknowledged message this many seconds after it was taken: longer than any task
# runs (else a running task is delivered twice), short enough that a lost sweep is redone soon.
CELERY_VISIBILITY_TIMEOUT = env.int("CELERY_VISIBILITY_TIMEOUT", default=3600)
# Sending a task from a web request (an admin's "Run selected tasks", a service's on-commit call) with
# Redis down fails within seconds, not after Celery's default minute of retries; the worker's own
# reconnection (broker_connection_retry) is unchanged.
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": 2, "visibility_timeout": CELERY_VISIBILITY_TIMEOUT}
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.5, "interval_max": 1}
CELERY_REDIS_SOCKET_CONNECT_TIMEOUT = 2
CELERY_RESULT_BACKEND_TRANSPORT_OPTIONS = {
    "retry_policy": {"max_retries": 2, "interval_start": 0, "interval_step": 0.5, "interval_max": 1}}


def _redis_cache_location(url: str) -> str:
    """Celery's Redis URL moved to the next database number (redis://host:6379/0 → /1): the cache's FLUSHDB
    (cache.clear()) then never empties Celery's queue. A URL without a plain database number is kept."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    db = parts.path.strip("/")
    if parts.scheme not in ("redis", "rediss") or not (db.isdigit() or db == ""):
        return url
    return urlunsplit(parts._replace(path=f"/{(int(db or 0) + 1) % 16}"))


# The cache. The public tracking page's rate limit (kandas.ratelimit) counts per address in it, so with
# several web processes it must be one cache they share: CACHE_URL names it (django-environ's form:
# redis://host:6379/2, locmemcache://); else Redis at REDIS_URL, on its own database; else each process's
# own memory (the zero-setup demo, one process).
CACHE_URL = env.str("CACHE_URL", default="")
if CACHE_URL:
    CACHES = {"default": env.cache_url_config(CACHE_URL)}
elif REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                          "LOCATION": _redis_cache_location(REDIS_URL)}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    # Redis down: a request fails within seconds (like Celery's sends above), not after the OS's TCP timeout.
    CACHES["default"].setdefault("OPTIONS", {}).update(socket_connect_timeout=2, socket_timeout=2)

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "kandas.api_schema.KandasAutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Basic first: DRF challenges with the first class, so a failed Basic log-in answers 401 with
        # `WWW-Authenticate: Basic`, not 403.
        "kandas.auth.ApiBasicAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "EXCEPTION_HANDLER": "kandas.auth.api_exception_handler",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Kandas case management API",
    "DESCRIPTION": "Applications for kandas status, regional quota and adaptation-centre residence.",
    "VERSION": "1.0.0",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SERVE_INCLUDE_SCHEMA": False,
    # The schema and its viewers are for the connected systems and staff, not for anonymous visitors.
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    # Each slice has its own channel and state lists: name their enums apart in the schema.
    "ENUM_NAME_OVERRIDES": {
        "StatusChannelEnum": "status.models.choices.ASSIGNMENT_CHANNEL_CHOICES",
        "StatusApplicationStateEnum": "status.models.application.ApplicationState",
        "QuotaChannelEnum": "quota.models.choices.QUOTA_CHANNEL_CHOICES",
        "QuotaApplicationStateEnum": "quota.models.choices.AppState",
        "StatusDocumentKindEnum": "status.api.serializers.STATUS_DOCUMENT_KINDS",
        "QuotaKindEnum": "quota.models.choices.QuotaKind",
        "ResidenceStateEnum": "adaptation.models.residence.ResidenceState",
    },
}

# Domain settings.
KANDAS_STATUS_TERM_MONTHS = env.int("KANDAS_STATUS_TERM_MONTHS", default=12)  # STA-9: Migration Law, one year
PUBLIC_BASE_URL = env.str("PUBLIC_BASE_URL", default="http://127.0.0.1:8000")
SIGNING_KEY_PASSPHRASE = env.str("SIGNING_KEY_PASSPHRASE", default=SECRET_KEY)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", default="INFO")},
    "loggers": {"fontTools": {"level": "WARNING"}, "weasyprint": {"level": "ERROR"}},
}

if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    SECURE_REDIRECT_EXEMPT = [r"^health/$"]  # probes from inside the network speak plain HTTP
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_CONTENT_TYPE_NOSNIFF = True
    X_FRAME_OPTIONS = "DENY"
