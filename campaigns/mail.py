"""Build one campaign e-mail: the StreamField rendered once with the site's
branding, then per recipient the personal fields filled in (escaped), every
link turned into a signed click-tracking redirect carrying the campaign's UTM
tags, a plain-text part, and the headers that make unsubscribing one click
(RFC 8058) and bounces traceable to the recipient (VERP)."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from email.utils import formataddr, make_msgid
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils.html import strip_tags

CLICK_SALT = "campaigns.click"
UNSUBSCRIBE_SALT = "campaigns.unsubscribe"
PLACEHOLDERS = ("first_name", "last_name", "company", "city")
_PLACEHOLDER = re.compile(r"\{(" + "|".join(PLACEHOLDERS) + r")\}")
_HREF = re.compile(r'href="(https?://[^"]+)"')


@dataclass(frozen=True)
class Brand:
    name: str
    primary: str
    accent: str
    logo_url: str
    address: str
    phone: str
    email: str


def brand_of(campaign) -> Brand:
    from microsites.models import SiteBranding

    name = settings.WAGTAIL_SITE_NAME
    if campaign.site_id:
        branding = SiteBranding.for_site(campaign.site)
        logo = ""
        if branding.logo_id:
            logo = base_url() + branding.logo.get_rendition("max-240x80").url
        return Brand(
            name=branding.display_name,
            primary=branding.primary_color or "#1f3a5f",
            accent=branding.accent_color or "#c2410c",
            logo_url=logo,
            address=branding.address,
            phone=branding.phone,
            email=branding.email,
        )
    return Brand(name, "#1f3a5f", "#c2410c", "", "", "", "")


def base_url() -> str:
    return settings.HUB_BASE_URL.rstrip("/")


def tagged(url: str, campaign) -> str:
    """The link with the campaign's UTM tags (kept if the author set their own):
    the microsite's attribution then credits the campaign for the quote."""
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query, keep_blank_values=True))
    query.setdefault("utm_source", "hub")
    query.setdefault("utm_medium", "email")
    query.setdefault("utm_campaign", campaign.slug)
    return urlunsplit(parts._replace(query=urlencode(query)))


def click_url(token: str, url: str) -> str:
    signed = signing.dumps({"r": token, "u": url}, salt=CLICK_SALT, compress=True)
    return f"{base_url()}/m/c/{signed}/"


def click_target(signed: str) -> tuple[str, str]:
    """(recipient token, url) of a click link; signing.BadSignature if forged."""
    data = signing.loads(signed, salt=CLICK_SALT)
    return data["r"], data["u"]


def unsubscribe_url(token: str) -> str:
    signed = signing.dumps(token, salt=UNSUBSCRIBE_SALT)
    return f"{base_url()}/m/u/{signed}/"


def unsubscribe_token(signed: str) -> str:
    return signing.loads(signed, salt=UNSUBSCRIBE_SALT)


def render_body(campaign, brand: Brand) -> str:
    """The body's HTML, shared by every recipient (rendered once per send)."""
    context = {"brand": brand, "base_url": base_url(), "campaign": campaign}
    return campaign.body.render_as_block(context=context)


def personalise(text: str, fields: dict[str, str], *, escape: bool) -> str:
    empty = "\x00"

    def value(match):
        found = (fields.get(match.group(1)) or "").strip()
        if not found:
            return empty
        return html.escape(found) if escape else found

    text = _PLACEHOLDER.sub(value, text)
    # "Bonjour {first_name}," without a first name reads "Bonjour," (French
    # spacing before ? ! : ; elsewhere is left alone).
    text = re.sub(r"[ \t]*" + empty + r"(?=[,.])", "", text)
    return text.replace(empty, "")


def track_links(body_html: str, campaign, token: str) -> str:
    def rewrite(match):
        url = html.unescape(match.group(1))
        tracked = click_url(token, tagged(url, campaign))
        return 'href="' + html.escape(tracked) + '"'

    return _HREF.sub(rewrite, body_html)


def plain_text(body_html: str) -> str:
    """A readable text part: links as "text (url)", paragraphs kept."""
    text = re.sub(
        r'<a [^>]*href="([^"]+)"[^>]*>(.*?)</a>',
        lambda m: f"{strip_tags(m.group(2))} ({html.unescape(m.group(1))})",
        body_html,
        flags=re.S,
    )
    text = re.sub(r"<(br|/p|/h2|/li|/div|hr)[^>]*>", "\n", text)
    text = html.unescape(strip_tags(text))
    lines = [line.strip() for line in text.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"


def fields_of(recipient) -> dict[str, str]:
    return {
        "first_name": recipient.first_name,
        "last_name": recipient.last_name,
        "company": recipient.company_name,
        "city": recipient.city,
    }


def _address_with_token(address: str, tag: str, token: str) -> str:
    local, _, domain = address.partition("@")
    return f"{local}+{tag}-{token}@{domain}"


def bounce_address(token: str) -> str:
    return _address_with_token(settings.CAMPAIGNS_BOUNCE_ADDRESS, "b", token)


def reply_address(token: str) -> str:
    return _address_with_token(settings.CAMPAIGNS_REPLY_ADDRESS, "r", token)


def token_in(address: str, tag: str) -> str:
    """The recipient token a VERP/reply address carries, or ""."""
    match = re.search(r"\+" + tag + r"-([A-Za-z0-9_-]{8,32})@", address or "")
    return match.group(1) if match else ""


BODY_MARK, UNSUBSCRIBE_MARK, PREHEADER_MARK = (
    "\x01body\x01",
    "\x01unsub\x01",
    "\x01pre\x01",
)


@dataclass(frozen=True)
class Shell:
    """The parts of a campaign's mail that are the same for every recipient,
    rendered once per batch; marks stand where each recipient's parts go."""

    brand: Brand
    body_html: str
    html: str
    text_footer: str


def shell_of(campaign) -> Shell:
    brand = brand_of(campaign)
    context = {
        "brand": brand,
        "campaign": campaign,
        "body": BODY_MARK,
        "preheader": PREHEADER_MARK,
        "unsubscribe_url": UNSUBSCRIBE_MARK,
    }
    return Shell(
        brand=brand,
        body_html=render_body(campaign, brand),
        html=render_to_string("campaigns/mail/message.html", context),
        text_footer=render_to_string("campaigns/mail/footer.txt", context),
    )


def _fill(template: str, **parts: str) -> str:
    for mark, value in parts.items():
        template = template.replace(mark, value)
    return template


def build_message(campaign, recipient, *, shell: Shell, connection=None):
    fields = fields_of(recipient)
    personal = personalise(shell.body_html, fields, escape=True)
    personal = track_links(personal, campaign, recipient.token)
    unsubscribe = unsubscribe_url(recipient.token)
    preheader = personalise(campaign.preheader, fields, escape=False)
    html_part = _fill(
        shell.html,
        **{
            BODY_MARK: personal,
            PREHEADER_MARK: html.escape(preheader),
            UNSUBSCRIBE_MARK: html.escape(unsubscribe),
        },
    )
    footer = _fill(shell.text_footer, **{UNSUBSCRIBE_MARK: unsubscribe})
    text_part = plain_text(personal) + "\n--\n" + footer
    domain = settings.CAMPAIGNS_BOUNCE_ADDRESS.partition("@")[2] or "localhost"
    message_id = make_msgid(idstring=recipient.token, domain=domain)
    name = campaign.from_name or shell.brand.name
    sender = formataddr((name, settings.DEFAULT_FROM_EMAIL))
    message = EmailMultiAlternatives(
        subject=personalise(campaign.subject, fields, escape=False),
        body=text_part,
        # The envelope sender: bounces come back to an address naming the recipient.
        from_email=bounce_address(recipient.token),
        to=[recipient.email],
        reply_to=[reply_address(recipient.token)],
        connection=connection,
        headers={
            "From": sender,
            "Message-ID": message_id,
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "List-Id": f"{campaign.name} <{campaign.slug}.{domain}>",
            "Precedence": "bulk",
            "Auto-Submitted": "auto-generated",
        },
    )
    message.attach_alternative(html_part, "text/html")
    return message, message_id


def preview_context(campaign) -> dict:
    """What Wagtail's preview and the hub's preview render: the mail as a
    recipient named Jeanne Martin would read it."""
    from .models import Recipient

    brand = brand_of(campaign)
    sample = Recipient(
        email="jeanne.martin@example.fr",
        first_name="Jeanne",
        last_name="Martin",
        company_name="Camping des Pins",
        city="Lyon",
        token="apercu",  # noqa: S106 - a sample, never a credential
    )
    body = personalise(render_body(campaign, brand), fields_of(sample), escape=True)
    return {
        "brand": brand,
        "campaign": campaign,
        "body": body,
        "preheader": campaign.preheader,
        "unsubscribe_url": "#",
    }
