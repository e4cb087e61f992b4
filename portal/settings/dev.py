"""Local development: DEBUG on, mail to the console, a fixed throw-away secret."""

from .base import *  # noqa: F403
from .base import env

DEBUG = True
SECRET_KEY = env.get_str("SECRET_KEY", "dev-only-insecure-key-never-use-in-production")
ALLOWED_HOSTS = env.get_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
