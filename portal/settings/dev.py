"""Local development: DEBUG on, mail to the console, a fixed throw-away secret."""

from .base import *  # noqa: F403
from .base import env

DEBUG = True
SECRET_KEY = env.read("SECRET_KEY") or "dev-only-insecure-key-never-use-in-production"
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
