"""Mail coming back: delivery status notifications (RFC 3464) suppress dead
addresses, replies land on the sender's lead — or make a new one through the
war room's single intake, which deduplicates. The recipient is found by the
token its VERP/reply address carries, else by the Message-ID the answer quotes."""

from __future__ import annotations

import email
import email.policy
import re
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import getaddresses, parseaddr

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from prospecting.services import activity_log, lead_intake

from .. import mail
from ..models import Recipient, Suppression
from .responses import campaign_tag, lead_of

_STATUS = re.compile(r"^\s*([245])\.\d{1,3}\.\d{1,3}")
REPLY_MAX = 10_000


@dataclass(frozen=True)
class Inbound:
    kind: str  # "bounce", "soft_bounce", "reply", "ignored"
    recipient: Recipient | None = None
    lead_id: int | None = None
    detail: str = ""


def _addresses(message, *headers) -> list[str]:
    values = [str(v) for h in headers for v in message.get_all(h, [])]
    return [address for _name, address in getaddresses(values)]


def _recipient_by_token(addresses, tag: str) -> Recipient | None:
    for address in addresses:
        token = mail.token_in(address, tag)
        if token:
            found = Recipient.objects.filter(token=token).first()
            if found:
                return found
    return None


def _recipient_by_message_id(*ids: str) -> Recipient | None:
    wanted = [i.strip() for value in ids for i in re.findall(r"<[^>]+>", value or "")]
    if not wanted:
        return None
    return Recipient.objects.filter(message_id__in=wanted).first()


def _delivery_status(message) -> tuple[str, str, str]:
    """(class "5"/"4"/"2", status, final recipient) of a DSN, or ("", "", "")."""
    for part in message.walk():
        if part.get_content_type() != "message/delivery-status":
            continue
        # The per-recipient fields follow the per-message block.
        for block in part.get_payload():
            status = str(block.get("Status", ""))
            match = _STATUS.match(status)
            if match and str(block.get("Action", "")).lower() in (
                "failed",
                "delayed",
                "",
            ):
                final = parseaddr(str(block.get("Final-Recipient", "")).split(";")[-1])[
                    1
                ]
                return match.group(1), status.strip(), final
    return "", "", ""


def _quoted_message_id(message) -> str:
    for part in message.walk():
        if part.get_content_type() in ("message/rfc822", "text/rfc822-headers"):
            payload = part.get_payload()
            inner = (
                payload[0]
                if isinstance(payload, list)
                else email.message_from_string(
                    str(payload), policy=email.policy.default
                )
            )
            return str(inner.get("Message-ID", ""))
    return ""


def _bounce(message) -> Inbound | None:
    if message.get_content_type() != "multipart/report":
        return None
    klass, status, final = _delivery_status(message)
    if not klass:
        return None
    recipient = _recipient_by_token(
        _addresses(message, "To", "Delivered-To", "X-Original-To"), "b"
    )
    recipient = recipient or _recipient_by_message_id(_quoted_message_id(message))
    if recipient is None and final:
        recipient = (
            Recipient.objects.filter(email__iexact=final).order_by("-pk").first()
        )
    if klass != "5":  # delayed, or a success report: nothing to suppress
        return Inbound("soft_bounce", recipient, detail=status)
    address = (recipient.email if recipient else final).lower()
    if not address:
        return Inbound("ignored", detail=status)
    Suppression.objects.get_or_create(
        email=address,
        defaults={
            "reason": Suppression.Reason.BOUNCED,
            "detail": status,
            "campaign": recipient.campaign if recipient else None,
        },
    )
    if recipient:
        Recipient.objects.filter(pk=recipient.pk).update(
            status=Recipient.Status.BOUNCED, error=status[:300]
        )
    return Inbound("bounce", recipient, detail=status)


def _text_of(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain", "html"))
    if part is None:
        return ""
    text = part.get_content()
    if part.get_content_type() == "text/html":
        from django.utils.html import strip_tags

        text = strip_tags(text)
    # Keep what the person wrote, not the quoted campaign below it.
    kept = []
    for line in text.splitlines():
        if line.startswith(">") or re.match(r"^(Le .+ a écrit|On .+ wrote)\s*:", line):
            break
        kept.append(line)
    return "\n".join(kept).strip()[:REPLY_MAX]


def _reply(message) -> Inbound:
    recipient = _recipient_by_token(
        _addresses(message, "To", "Cc", "Delivered-To"), "r"
    )
    recipient = recipient or _recipient_by_message_id(
        str(message.get("In-Reply-To", "")), str(message.get("References", ""))
    )
    sender_name, sender = parseaddr(str(message.get("From", "")))
    text = _text_of(message)
    subject = str(message.get("Subject", ""))
    body = f"{subject}\n\n{text}".strip()
    if recipient is None:
        return Inbound("ignored", detail=_("No campaign recipient found."))
    Recipient.objects.filter(pk=recipient.pk).update(replied_at=timezone.now())
    data = {
        "campaign": campaign_tag(recipient.campaign),
        "event": "reply",
        "from": sender,
    }
    lead = lead_of(recipient)
    same_person = sender.lower() == recipient.email.lower()
    if lead is not None and same_person:
        activity_log(lead=lead, kind="email", by=None, body=body, data=data)
        return Inbound("reply", recipient, lead.pk)
    # Forwarded to a colleague, or a person the war room does not know yet.
    first, _sep, last = (sender_name or "").partition(" ")
    result = lead_intake(
        source="campaign",
        company=recipient.company_name or sender.rpartition("@")[2],
        contact={"first_name": first, "last_name": last, "email": sender},
        note=body,
        attribution={"campaign": campaign_tag(recipient.campaign)},
        raw={"from": sender, "subject": subject, "text": text},
    )
    return Inbound("reply", recipient, result.lead.pk)


@transaction.atomic
def inbound_process(raw: bytes) -> Inbound:
    message = email.message_from_bytes(raw, policy=email.policy.default)
    bounce = _bounce(message)
    if bounce is not None:
        return bounce
    if str(message.get("Auto-Submitted", "no")).lower() != "no":
        return Inbound("ignored", detail=_("Automatic reply."))
    return _reply(message)
