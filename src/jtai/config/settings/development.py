"""Settings for `make run`: a local demo with debug pages and demo data allowed."""

import os

# Readable log lines in a terminal; production keeps JSON.
os.environ.setdefault("LOG_FORMAT", "plain")

from .base import *  # noqa: F403
from .env import env_list, env_str

SECRET_KEY = env_str("SECRET_KEY", "development-only-key-never-used-in-production")
DEBUG = True
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
JTAI_DEMO_MODE = True
