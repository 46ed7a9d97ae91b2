"""Settings of the Daphne process the HTTP benchmarks load (never used in production).

The test settings, plus: a URLconf that adds the baseline view, the benchmark's
throwaway database (its name comes from the harness), and optionally a dummy cache
so the same code can be measured with every cache lookup missing.
"""

import os
from pathlib import Path

from hub.settings.test import *  # noqa: F403 - extends the test settings

ROOT_URLCONF = "benchmarks.urls"

_bench_db = os.environ.get("HUB_BENCH_DATABASE_NAME")
if _bench_db:
    DATABASES["default"]["NAME"] = _bench_db  # noqa: F405 - from test settings

if os.environ.get("HUB_BENCH_CACHE") == "dummy":
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}

# The lead import benchmark stores its uploads apart from the test suite's files.
_bench_private = os.environ.get("HUB_BENCH_PRIVATE_ROOT")
if _bench_private:
    PRIVATE_MEDIA_ROOT = Path(_bench_private)
