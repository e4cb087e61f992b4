"""Settings for the real-browser tests (tests/browser): production-like (DEBUG off), served by gunicorn.

Static files come straight from ``static/`` through WhiteNoise (no collectstatic), mail stays in memory
and rate limits are off, because the tests submit forms from one address many times in a row.
"""

from .test import *  # noqa: F403

DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
RATE_LIMIT_ENABLED = False
