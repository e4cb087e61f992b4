"""Settings shared by every environment. Values that differ per machine come from ``portal.env``."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from portal import env

BASE_DIR = env.BASE_DIR
DEBUG = False
SECRET_KEY = env.read("SECRET_KEY")  # production.py refuses an empty one
ALLOWED_HOSTS = env.read("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env.read("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "portal",
    "people",
    "programmes",
    "registrations",
    "cases",
    "search",
    "guidance",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.sitemaps",
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
    "django_tasks_db",
    "axes",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # /api/: the API-Version header and application/problem+json errors (portal/api.py).
    "portal.api.ApiMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "portal.caching.PageCacheMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "portal.middleware.ContentSecurityPolicyMiddleware",
    "axes.middleware.AxesMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Admin listings answer with a Dutch message, not a 500, while the search engine is unreachable.
    "search.middleware.AdminSearchUnavailableMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

DATABASES = {"default": env.database_config()}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Full-text search with PostgreSQL's "dutch" configuration.
    INSTALLED_APPS.append("django.contrib.postgres")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
CACHES = env.cache_config()

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Language and time
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch"))]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

# Static and media files
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / env.read("STATIC_ROOT")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = BASE_DIR / env.read("MEDIA_ROOT")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Uploads: editors upload images and documents; keep request bodies bounded.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
# Images need a description (used as alt text).
WAGTAILIMAGES_IMAGE_FORM_BASE = "portal.image_forms.AccessibleImageForm"
# The admin login tells password managers which field is which (WCAG 2.2 3.3.8, docs/wcag22.md).
WAGTAILADMIN_USER_LOGIN_FORM = "portal.admin_forms.PortalLoginForm"
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "ods", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAILDOCS_SERVE_METHOD = "serve_view"  # through Django, so private collections stay private
# Privacy on pages and collections: login or groups only, never a shared password.
WAGTAIL_PRIVATE_PAGE_OPTIONS = {"SHARED_PASSWORD": False}
WAGTAILDOCS_PRIVATE_COLLECTION_OPTIONS = {"SHARED_PASSWORD": False}

# Wagtail
WAGTAIL_SITE_NAME = "Lokale democratie: programma's en aanbod"
# The one public address (portal.env.site_url): admin links, mails, feeds, sitemap, the Wagtail Site.
SITE_URL = env.site_url()
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAILSEARCH_BACKENDS = env.search_config()
WAGTAIL_I18N_ENABLED = False
WAGTAIL_PRIVACY_ENABLED = True
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAILADMIN_COMMENTS_ENABLED = True
WAGTAIL_USER_TIME_ZONES = ["Europe/Amsterdam"]
# No avatars from gravatar.com: no outside request from the admin, no CSP report, no broken image offline.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
TAGGIT_CASE_INSENSITIVE = True

# Mail
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = env.read("EMAIL_HOST")
EMAIL_PORT = env.read("EMAIL_PORT")
EMAIL_HOST_USER = env.read("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env.read("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env.read("EMAIL_USE_TLS")
EMAIL_TIMEOUT = env.read("EMAIL_TIMEOUT")
DEFAULT_FROM_EMAIL = env.read("DEFAULT_FROM_EMAIL")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
PROGRAMME_STAFF_EMAIL = env.read("PROGRAMME_STAFF_EMAIL")

# Background work (Django's task framework). Two aliases:
# - "default" is what Wagtail's own tasks use (through the django-tasks backport); it stays the backport's
#   immediate backend, so Wagtail behaves as before.
# - "background" runs the portal's own work (the mail outbox) outside the request: a database queue
#   (django-tasks-db) drained by `manage.py db_worker --backend background` (make run starts one beside
#   the dev server; production runs it as a service). The request only enqueues. TASK_BACKEND=immediate
#   runs the work inline instead (tests do; never in production, it would put SMTP back in the request).
TASKS = env.tasks_config()

# Privacy: default retention of personal data in registrations (days); per programme overridable.
REGISTRATION_RETENTION_DAYS = env.read("RETENTION_DAYS")

# Sessions and cookies: no cookies on public pages unless a form needs them.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_AGE = 60 * 60 * 8
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

# Security headers (also in dev, so what we test is what we ship)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (Django's built-in middleware); nonces for our own inline scripts.
from django.utils.csp import CSP  # noqa: E402

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}

# Admin login lockout (django-axes): per user and IP combination.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_IPWARE_PROXY_COUNT = 0
AXES_VERBOSE = False
# Keep only failed attempts (needed for the lockout), not every login.
AXES_DISABLE_ACCESS_LOG = True
AXES_LOCKOUT_TEMPLATE = "axes_lockout.html"

# Logging: structured, no personal data (see portal/logging.py for the filter).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"scrub": {"()": "portal.logging.ScrubPersonalDataFilter"}},
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["scrub"]},
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "portal": {
            "handlers": ["console"],
            "level": env.read("LOG_LEVEL"),
            "propagate": False,
        },
        "registrations": {
            "handlers": ["console"],
            "level": env.read("LOG_LEVEL"),
            "propagate": False,
        },
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
    },
}

# Whole-page cache for anonymous visitors (portal/caching.py); 0 turns it off.
PAGE_CACHE_SECONDS = env.read("PAGE_CACHE_SECONDS")
# Listing counts and catalogue cards cached under the same generation (portal.caching.cached_value).
FRAGMENT_CACHE_SECONDS = env.read("FRAGMENT_CACHE_SECONDS")
# Search outcomes (result ids and facet counts) cached under the same generation (search/cache.py).
SEARCH_CACHE_SECONDS = env.read("SEARCH_CACHE_SECONDS")

# Rate limits per client IP. Every scope, its window and its limit are in portal.ratelimit.DEFAULT_LIMITS
# (the two limits set by RATE_LIMIT_REGISTRATION and RATE_LIMIT_FEE_QUOTE read through portal.env there);
# RATE_LIMITS overrides single scopes: scope -> (requests, window in seconds).
RATE_LIMIT_ENABLED = env.read("RATE_LIMIT_ENABLED")
RATE_LIMITS: dict[str, tuple[int, int]] = {}
TRUSTED_PROXY_COUNT = env.read("TRUSTED_PROXY_COUNT")
