"""One campaign send in a fresh process: `python -m benchmarks.campaign_child
CAMPAIGN_ID SMTP_PORT`. Prints one JSON line (seconds, sent, peak RSS); the
benchmark may kill it mid-send to prove the resume."""

from __future__ import annotations

import json
import sys
import time


def main(campaign_id: str, port: str) -> dict:
    import django

    django.setup()
    from django.conf import settings

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", int(port)
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    from benchmarks.support import peak_rss_mb
    from campaigns.services import send_batch

    started = time.perf_counter()
    left = 1
    while left > 0:
        left = send_batch(campaign_id=int(campaign_id), limit=200)
    return {"seconds": time.perf_counter() - started, "peak_rss_mb": peak_rss_mb()}


if __name__ == "__main__":
    print(json.dumps(main(*sys.argv[1:3])))
