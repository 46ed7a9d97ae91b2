"""The issue's "done means", end to end: a manager mails the 5,000 customers of
one region through the production path (the ledger written by the send, the
task row in the database queue, `manage.py run_worker` in its own process, SMTP
to a real aiosmtpd server); every customer of the region gets one mail and
nobody else any; a one-click unsubscribe and a bounce suppress; a reply lands
on the right lead; a forwarded reply becomes a lead of the campaign and, once
won, its revenue shows in the boss's dashboard."""

import os
import subprocess
import sys
from collections import Counter
from email.message import EmailMessage
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from campaigns import services
from campaigns.models import Campaign, Recipient, Suppression
from campaigns.services.sending import send_batch
from prospecting.models import Company, Contact, Lead, PipelineStage
from prospecting.services import lead_move_stage, stage_initial
from tests.campaigns.factories import BODY, delivery_status_notice

ROOT = Path(__file__).resolve().parents[2]
REGION = "Auvergne-Rhône-Alpes"
# 5,000 customers in the region mailed, and others who must not be.
CUSTOMERS = {REGION: 5_000, "Occitanie": 400, "Bretagne": 300}


def customers_bulk(counts: dict[str, int]) -> dict[str, list[str]]:
    """Companies with one contact and one lead each, per region, in a few
    INSERTs; the addresses of each region."""
    stage = stage_initial()
    companies, emails = [], {}
    for region, n in counts.items():
        prefix = region[:3].lower()
        for i in range(n):
            companies.append(
                Company(
                    name=f"Client {prefix} {i}",
                    name_key=f"client {prefix} {i}",
                    region=region,
                    postal_code="69003",
                    city="Lyon",
                )
            )
        emails[region] = [f"contact{i}@{prefix}-client-{i}.fr" for i in range(n)]
    companies = Company.objects.bulk_create(companies, batch_size=2000)
    addresses = [address for region in counts for address in emails[region]]
    Contact.objects.bulk_create(
        [
            Contact(company=c, first_name=f"Prénom{i}", last_name="Martin", email=a)
            for i, (c, a) in enumerate(zip(companies, addresses, strict=True))
        ],
        batch_size=2000,
    )
    contacts = {c.email: c for c in Contact.objects.all()}
    Lead.objects.bulk_create(
        [
            Lead(company=c, contact=contacts[a], source="import", stage=stage)
            for c, a in zip(companies, addresses, strict=True)
        ],
        batch_size=2000,
    )
    return emails


def make_region_campaign(manager, slug="souvenirs-ara") -> Campaign:
    audience = services.audience_save(
        name="Clients Auvergne-Rhône-Alpes", filters={"regions": [REGION]}, by=manager
    )
    return Campaign.objects.create(
        name="Vos souvenirs attendent",
        slug=slug,
        audience=audience,
        subject="{first_name}, votre portail ?",
        body=BODY,
        per_minute=1_000_000,  # the pace is tested elsewhere; here, the volume
    )


def _database_url() -> str:
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    host, port = db.get("HOST") or "127.0.0.1", db.get("PORT") or 5432
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{host}:{port}/{db['NAME']}"


def run_worker(smtp_port: int) -> subprocess.CompletedProcess:
    """`manage.py run_worker` as production runs it, on the database queue,
    until the queue is empty."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.campaigns.worker_settings",
        "DATABASE_URL": _database_url(),
        "HUB_TEST_SMTP_PORT": str(smtp_port),
        "PYTHONPATH": os.pathsep.join(
            filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])
        ),
    }
    command = [sys.executable, "manage.py", "run_worker", "--batch"]
    return subprocess.run(
        [*command, "--no-startup-delay", "--no-scheduler"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


class RawMailbox:
    """An aiosmtpd handler keeping each message's envelope and bytes: parsing
    5,000 mails as they arrive (the session's `smtp_server` does) would slow the
    server, and the sender waiting on it, more than the send itself."""

    def __init__(self):
        self.envelopes = []  # (mail_from, rcpt_tos, content)

    async def handle_DATA(self, server, session, envelope):  # aiosmtpd's hook
        self.envelopes.append(
            (envelope.mail_from, list(envelope.rcpt_tos), envelope.content)
        )
        return "250 OK"

    def message_to(self, address: str):
        from email import message_from_bytes, policy

        found = [e for e in self.envelopes if e[1] == [address]]
        assert len(found) == 1, address
        return found[0][0], message_from_bytes(found[0][2], policy=policy.default)


@pytest.fixture
def mail_server(smtp):
    """A real SMTP server (aiosmtpd) on a loopback port, for the big send; the
    `smtp` fixture sets the test's own addresses and base URL."""
    import socket

    from aiosmtpd.controller import Controller

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    mailbox = RawMailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    mailbox.port = port
    yield mailbox
    controller.stop()


def _reply(*, sender: str, to: str, text: str) -> bytes:
    message = EmailMessage()
    message["From"], message["To"] = sender, to
    message["Subject"] = "Re: votre portail ?"
    message.set_content(text)
    return message.as_bytes()


@pytest.mark.django_db(transaction=True)
def test_a_region_of_5000_customers_is_mailed_once_each_and_the_wave_comes_back(
    settings, mail_server, manager_user
):
    emails = customers_bulk(CUSTOMERS)
    campaign = make_region_campaign(manager_user)
    # The send as the campaign page starts it, onto production's database queue.
    settings.TASKS = {
        **settings.TASKS,
        "background": {"BACKEND": "django_tasks_db.DatabaseBackend"},
    }
    assert services.campaign_send_start(campaign=campaign, by=manager_user) == 5_000
    worker = run_worker(mail_server.port)
    assert worker.returncode == 0, worker.stderr[-3000:]

    received = Counter(rcpt for e in mail_server.envelopes for rcpt in e[1])
    assert sorted(received) == sorted(emails[REGION])
    assert set(received.values()) == {1}  # once each, and nobody else
    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.SENT
    assert Counter(campaign.recipients.values_list("status", flat=True)) == {
        Recipient.Status.SENT: 5_000
    }
    # A mail client's one-click unsubscribe (RFC 8058), from the header it got.
    leaving = emails[REGION][10]
    header = mail_server.message_to(leaving)[1]["List-Unsubscribe"]
    header = header.strip().strip("<>")
    response = Client(enforce_csrf_checks=True).post(
        urlsplit(header).path, {"List-Unsubscribe": "One-Click"}
    )
    assert response.status_code == 200
    # A mailbox that does not exist: its DSN comes back to the envelope sender.
    gone = emails[REGION][20]
    bounce_to = mail_server.message_to(gone)[0]
    assert (
        services.inbound_process(delivery_status_notice(to=bounce_to, final=gone)).kind
        == "bounce"
    )
    assert dict(Suppression.objects.values_list("email", "reason")) == {
        leaving: "unsubscribed",
        gone: "bounced",
    }
    follow_up = make_region_campaign(manager_user, slug="relance-ara")
    assert services.recipients_prepare(campaign=follow_up) == 4_998

    # A customer answers: the reply is an e-mail activity on their own lead.
    answering = emails[REGION][30]
    reply_to = mail_server.message_to(answering)[1]["Reply-To"]
    result = services.inbound_process(
        _reply(sender=answering, to=reply_to, text="Oui, rappelez-moi.\n> Bonjour")
    )
    lead = Lead.objects.get(contact__email=answering)
    assert result.kind == "reply" and result.lead_id == lead.pk
    assert lead.activities.get(kind="email").body.endswith("Oui, rappelez-moi.")

    # Forwarded to a colleague: a new lead of the campaign, won later.
    forwarded = services.inbound_process(
        _reply(
            sender="Paul Durand <paul.durand@ara-client-30.fr>",
            to=reply_to,
            text="Mon collègue m'a transmis : il nous faut un portail coulissant.",
        )
    )
    new_lead = Lead.objects.get(pk=forwarded.lead_id)
    assert new_lead.channel == "campaign" and new_lead.utm_campaign == campaign.slug
    won = PipelineStage.objects.filter(kind=PipelineStage.Kind.WON).first()
    lead_move_stage(lead=new_lead, stage=won, by=manager_user, won_amount=8_400)

    client = Client()
    client.force_login(manager_user)
    table = client.get(reverse("prospecting:dashboard")).context["tables"]["campaigns"]
    row = dict(zip([c.key for c in table.columns], table.rows[0], strict=True))
    assert row["name"] == "Vos souvenirs attendent"
    assert (row["sent"], row["replied"], row["leads"], row["won_leads"]) == (
        5_000,
        1,
        1,
        1,
    )
    assert row["revenue"] == 8_400
    assert table.links[0] == campaign.get_absolute_url()


@pytest.mark.django_db
def test_a_batch_costs_the_same_few_queries_per_mail(smtp, manager_user):
    """Rendering is done once per batch and each mail is one claim and one
    record: the queries of a batch grow by a fixed amount per mail, never by
    what the audience looks like."""
    customers_bulk({REGION: 120})
    campaign = make_region_campaign(manager_user)
    services.recipients_prepare(campaign=campaign)
    Campaign.objects.filter(pk=campaign.pk).update(status=Campaign.Status.SENDING)
    counts = {}
    for size in (10, 50):
        with CaptureQueriesContext(connection) as queries:
            send_batch(campaign_id=campaign.pk, limit=size, sleep=lambda s: None)
        counts[size] = len(queries)
    per_mail = (counts[50] - counts[10]) / 40
    # Claim the row and record its outcome, in a savepoint here (a
    # transaction of their own in the worker, where BEGIN/COMMIT are not
    # counted): 4 statements.
    assert per_mail == 4, counts
    # Once per batch: the campaign, the rows, their suppressions, the
    # heartbeat, what is left, the end of the send.
    assert counts[10] - 10 * per_mail <= 8, counts
    assert len(smtp.messages) == 60
