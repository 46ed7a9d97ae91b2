"""Test settings: fast hasher, locmem mail and cache, immediate tasks.

The database is file-backed (not :memory:) so the live Daphne server used by the
browser tests, which runs in a forked process, sees the same data.
"""

from .base import *
from .env import env_str

DEBUG = False
SECRET_KEY = "test-secret-key-not-for-production"  # noqa: S105 - test only
ALLOWED_HOSTS = ["localhost", ".localhost", "127.0.0.1", "[::1]", "testserver", ".test"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
STORAGES["staticfiles"]["BACKEND"] = (
    "django.contrib.staticfiles.storage.StaticFilesStorage"
)
MEDIA_ROOT = VAR_DIR / "test-media"
PRIVATE_MEDIA_ROOT = VAR_DIR / "test-private"
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "hub-test",
    }
}
# Background tasks run in the test's process (after commit, see hub.background);
# `database` is the real queue, for the tests that start a real worker.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "background": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "database": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]},
}
# HUB_TEST_DB names the test database, so several suites can run side by side.
_test_db = env_str("HUB_TEST_DB", "hub")
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / f"test-{_test_db}.sqlite3")}
else:
    DATABASES["default"]["TEST"] = {"NAME": f"test_{_test_db}"}
LOGGING["root"]["level"] = "WARNING"
# Every article a test publishes is embedded: n-gram hashing keeps that instant;
# the tests of meaning (tests/wiki/test_answers_meaning.py) load the real model.
HUB_EMBEDDER = env_str("HUB_EMBEDDER", "hashing")
if REDIS_URL:
    # Parallel test workers share one Redis: keep their groups apart.
    CHANNEL_LAYERS["default"]["CONFIG"]["prefix"] = f"test-{_test_db}-" + env_str(
        "PYTEST_XDIST_WORKER", "main"
    )
