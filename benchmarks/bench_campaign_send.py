"""Campaign send: 10,000 recipients (QUICK: 500) to a real SMTP server (aiosmtpd
in this process) through the hub's ledger — claim, personalise, tracked links,
headers, mark sent — against a same-run baseline: the same number of plain
Django `EmailMessage`s over one SMTP connection. The send runs in a child
process (peak RSS is its own); a second run is killed part-way and resumed, and
the server must have received every address exactly once except at most the one
in flight when the worker died."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time

from benchmarks.harness import measure_row, unavailable_row
from benchmarks.support import missing

# Never mailing anyone twice costs one commit per mail (record the last, claim the
# next) plus the personal parts (tracked links, unsubscribe token): a quarter of
# the bare speed is the floor. Real sends are throttled far below it anyway
# (120/min by default, what mail providers accept from a new sender).
GOAL = 0.25


class Counter:
    def __init__(self):
        self.rcpts: list[str] = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):  # aiosmtpd's hook
        with self.lock:
            self.rcpts.extend(envelope.rcpt_tos)
        return "250 OK"


def _smtp():
    import socket

    from aiosmtpd.controller import Controller

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    counter = Counter()
    controller = Controller(counter, hostname="127.0.0.1", port=port)
    controller.start()
    return controller, counter, port


def _people(n: int) -> None:
    from prospecting.models import Company, Contact, Lead
    from prospecting.services import stage_initial

    stage = stage_initial()
    companies = Company.objects.bulk_create(
        [
            Company(
                name=f"Client {i}",
                name_key=f"client {i}",
                postal_code="69003",
                city="Lyon",
            )
            for i in range(n)
        ],
        batch_size=1000,
    )
    Contact.objects.bulk_create(
        [
            Contact(company=c, first_name="Amélie", email=f"client{i}@client-{i}.fr")
            for i, c in enumerate(companies)
        ],
        batch_size=1000,
    )
    Lead.objects.bulk_create(
        [Lead(company=c, source="import", stage=stage) for c in companies],
        batch_size=1000,
    )


def _campaign(slug: str):
    from campaigns.models import Audience, Campaign
    from campaigns.services import recipients_prepare

    audience, _ = Audience.objects.get_or_create(
        name="bench", filters={"departments": ["69"]}
    )
    campaign = Campaign.objects.create(
        name=f"Bench {slug}",
        slug=slug,
        audience=audience,
        subject="{first_name}, votre portail ?",
        body=[
            ("heading", "Votre portail attend-il encore ?"),
            (
                "paragraph",
                "<p>Bonjour {first_name}, nos poseurs de {city} sont là.</p>",
            ),
            (
                "button",
                {"text": "Devis", "url": "https://portails-lyon.example.fr/devis/"},
            ),
        ],
        per_minute=10_000_000,
        status=Campaign.Status.SENDING,
    )
    recipients_prepare(campaign=campaign)
    return campaign


def _child(campaign_id: int, port: int) -> subprocess.Popen:
    from django.db import connection

    from benchmarks.server import ROOT

    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "benchmarks.settings",
        "HUB_BENCH_DATABASE_NAME": str(connection.settings_dict["NAME"]),
        "PYTHONPATH": str(ROOT),
    }
    connection.close()
    return subprocess.Popen(  # noqa: S603 - fixed argv, our own interpreter
        [
            sys.executable,
            "-m",
            "benchmarks.campaign_child",
            str(campaign_id),
            str(port),
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _finish(process) -> dict:
    out, err = process.communicate(timeout=3600)
    if process.returncode:
        raise RuntimeError(f"campaign send failed: {err[-1500:]}")
    return json.loads(out.strip().splitlines()[-1])


def _raw_send(n: int, port: int, html: str) -> float:
    """The floor: the same HTML + text mail, no ledger, no personalisation."""
    from django.core.mail import EmailMultiAlternatives, get_connection

    connection = get_connection(
        "django.core.mail.backends.smtp.EmailBackend", host="127.0.0.1", port=port
    )
    text = "Bonjour, nos poseurs de Lyon sont là. Devis : https://example.fr/devis/"
    started = time.perf_counter()
    with connection:
        for i in range(n):
            message = EmailMultiAlternatives(
                "Votre portail ?",
                text,
                "hub@localhost",
                [f"raw{i}@client.fr"],
                connection=connection,
            )
            message.attach_alternative(html, "text/html")
            message.send()
    return time.perf_counter() - started


def _resume_row(n: int, port: int, counter: Counter) -> dict:
    from campaigns.models import Recipient
    from campaigns.services.sending import interrupted_to_uncertain

    campaign = _campaign("bench-resume")
    counter.rcpts.clear()
    process = _child(campaign.pk, port)
    while len(counter.rcpts) < n // 3 and process.poll() is None:
        time.sleep(0.05)
    os.kill(process.pid, signal.SIGKILL)  # the worker dies mid-send
    process.wait()
    received_before = len(counter.rcpts)
    uncertain = interrupted_to_uncertain(campaign_id=campaign.pk)
    _finish(_child(campaign.pk, port))
    rcpts = counter.rcpts
    duplicates = len(rcpts) - len(set(rcpts))
    missing_count = n - len(set(rcpts))
    statuses = {
        s: campaign.recipients.filter(status=s).count()
        for s in (Recipient.Status.SENT, Recipient.Status.UNCERTAIN)
    }
    ok = duplicates == 0 and missing_count <= uncertain <= 1
    return measure_row(
        f"campaign send killed at {received_before:,}/{n:,}, resumed",
        value={
            "duplicates": duplicates,
            "not_received": missing_count,
            "uncertain": uncertain,
        },
        baseline=None,
        value_text=f"{duplicates} sent twice, {missing_count} not received",
        goal="0 twice, ≤ 1 uncertain",
        ok=ok,
        statuses=statuses,
        note=f"killed after {received_before} mails; "
        f"{uncertain} row left in flight (not resent)",
    )


def run(ctx) -> list[dict]:
    reason = missing("campaigns.services:send_batch", "aiosmtpd.controller:Controller")
    if reason:
        return [unavailable_row("campaign send", reason)]
    n = ctx.size(500, 10_000)
    controller, counter, port = _smtp()
    try:
        from campaigns import mail

        _people(n)
        campaign = _campaign("bench-send")
        raw_s = _raw_send(n, port, mail.shell_of(campaign).html)
        counter.rcpts.clear()
        result = _finish(_child(campaign.pk, port))
        received = len(set(counter.rcpts))
        hub_rate, raw_rate = n / result["seconds"], n / raw_s
        speed = round(hub_rate / raw_rate, 2)
        rows = [
            measure_row(
                f"campaign send {n:,} recipients (messages/s)",
                value={
                    "messages_per_s": round(hub_rate),
                    "seconds": round(result["seconds"], 1),
                },
                baseline={
                    "messages_per_s": round(raw_rate),
                    "seconds": round(raw_s, 1),
                },
                value_text=f"{hub_rate:,.0f}/s",
                baseline_text=f"{raw_rate:,.0f}/s",
                ratio_value=speed,
                goal=f"≥ {GOAL}× the same mail without ledger, all received",
                ok=speed >= GOAL and received == n,
                peak_rss_mb=result["peak_rss_mb"],
                note=f"{received:,} received; "
                f"sender peak RSS {result['peak_rss_mb']} MB",
            )
        ]
        rows.append(_resume_row(n, port, counter))
    finally:
        controller.stop()
    return rows
