"""Test settings: fast hashing, local-memory cache and mail, immediate tasks, no DEBUG."""

from .base import *  # noqa: F403
from .base import env

SECRET_KEY = "test-secret-key-not-for-production"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
if not env.read("REDIS_URL"):
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "test"}
    }
# Background tasks run inline in tests (tests of the queue itself switch to the database backend).
TASKS = env.tasks_config(default_backend="immediate")
WAGTAILADMIN_BASE_URL = "http://testserver"
SITE_URL = "http://testserver"
PAGE_CACHE_SECONDS = 0  # tests that need the page cache turn it on
SEARCH_CACHE_SECONDS = 0  # tests that need the search cache turn it on
FRAGMENT_CACHE_SECONDS = 0  # tests that need the fragment caches turn them on
