"""The baseline of the page benchmark: a minimal Django view returning the very
bytes of the measured page, read once from the file the harness wrote."""

import os
from functools import cache
from pathlib import Path

from django.http import HttpResponse


@cache
def _body() -> bytes:
    path = os.environ.get("HUB_BENCH_BODY_FILE")
    return Path(path).read_bytes() if path else b"ok"


def same_bytes(request):
    return HttpResponse(_body(), content_type="text/html; charset=utf-8")
