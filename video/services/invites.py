"""Invite links for customers, and the guest pass they turn into.

An invite URL carries a signed token (room, nonce, expiry). Opening it with a name
gives the browser a *guest pass*: another signed value kept in the session, which
the WebSocket consumer checks before letting the guest into the lobby. Guests are
never Django users.
"""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from hub.services import audit_log

from ..models import Invite, Room

INVITE_SALT = "video.invite"
GUEST_SALT = "video.guest"
MAX_INVITE_TTL = timedelta(days=30)
# A guest pass outlives a page load but not a working day.
GUEST_PASS_MAX_AGE = 12 * 3600


def session_key(room_pk: int) -> str:
    return f"video_guest_{room_pk}"


class InviteError(Exception):
    """The link cannot be used; `expired` tells "too late" from "not valid"."""

    def __init__(self, message: str, *, expired: bool = False):
        super().__init__(message)
        self.message = message
        self.expired = expired


@dataclass(frozen=True)
class GuestPass:
    room_pk: int
    invite_pk: int
    guest_id: str
    name: str


def invite_url(invite: Invite, *, base_url: str = "") -> str:
    """The link to send. `base_url` is the host the host user is on (the view
    passes the request's); HUB_BASE_URL only when there is no request."""
    token = signing.dumps(
        {
            "r": invite.room_id,
            "n": invite.nonce,
            "e": int(invite.expires_at.timestamp()),
        },
        salt=INVITE_SALT,
        compress=True,
    )
    path = reverse("video:invite_open", kwargs={"token": token})
    return (base_url or settings.HUB_BASE_URL).rstrip("/") + path


@transaction.atomic
def invite_create(
    *,
    room: Room,
    ttl: timedelta | int,
    by=None,
    guest_label: str = "",
    base_url: str = "",
) -> str:
    """Create an invite valid for `ttl` (timedelta or seconds); returns its URL
    (on `base_url`, see invite_url)."""
    if isinstance(ttl, int):
        ttl = timedelta(seconds=ttl)
    if not room.is_customer_meeting:
        raise ValidationError(_("Only customer meetings take invited guests."))
    if not room.is_open:
        raise ValidationError(_("This meeting has ended."))
    if ttl <= timedelta(0) or ttl > MAX_INVITE_TTL:
        raise ValidationError(_("An invite lasts between a minute and 30 days."))
    invite = Invite(
        room=room,
        nonce=secrets.token_hex(8),
        guest_label=(guest_label or "").strip()[:120],
        created_by=by or room.owner,
        expires_at=timezone.now() + ttl,
    )
    invite.full_clean()
    invite.save()
    audit_log(
        actor=by or room.owner,
        action="video.invite.create",
        target=room,
        changes={"invite": invite.pk, "expires_at": invite.expires_at.isoformat()},
    )
    return invite_url(invite, base_url=base_url)


@transaction.atomic
def invite_revoke(*, invite: Invite, by) -> Invite:
    if invite.revoked_at is None:
        invite.revoked_at = timezone.now()
        invite.save(update_fields=["revoked_at"])
        audit_log(
            actor=by,
            action="video.invite.revoke",
            target=invite.room,
            changes={"invite": invite.pk},
        )
    return invite


def invite_open(*, token: str) -> Invite:
    """The invite behind `token`, or InviteError (bad signature, expired, revoked)."""
    try:
        data = signing.loads(token, salt=INVITE_SALT)
    except signing.BadSignature as error:
        raise InviteError(_("This invitation link is not valid.")) from error
    if not isinstance(data, dict) or not {"r", "n", "e"} <= data.keys():
        raise InviteError(_("This invitation link is not valid."))
    invite = (
        Invite.objects.select_related("room", "room__owner")
        .filter(nonce=str(data["n"]), room_id=data["r"])
        .first()
    )
    if invite is None:
        raise InviteError(_("This invitation link is not valid."))
    if data["e"] < time.time() or not invite.is_valid or not invite.room.is_open:
        raise InviteError(
            _("This invitation has expired. Ask your contact for a new link."),
            expired=True,
        )
    Invite.objects.filter(pk=invite.pk).update(opened_count=F("opened_count") + 1)
    return invite


def guest_pass_create(*, invite: Invite, name: str) -> str:
    name = " ".join((name or "").split())[:80]
    if not name:
        raise ValidationError({"name": [_("Please tell us your name.")]})
    return signing.dumps(
        {
            "r": invite.room_id,
            "i": invite.pk,
            "g": secrets.token_hex(8),
            "n": name,
        },
        salt=GUEST_SALT,
    )


def guest_pass_read(*, token: str, room: Room) -> GuestPass:
    """Check a guest pass for `room` against its invite (still valid?)."""
    try:
        data = signing.loads(token, salt=GUEST_SALT, max_age=GUEST_PASS_MAX_AGE)
    except signing.SignatureExpired as error:
        raise InviteError(_("Your invitation has expired."), expired=True) from error
    except signing.BadSignature as error:
        raise InviteError(_("This invitation link is not valid.")) from error
    if data.get("r") != room.pk:
        raise InviteError(_("This invitation is for another meeting."))
    invite = Invite.objects.filter(pk=data.get("i"), room=room).first()
    if invite is None:
        raise InviteError(_("This invitation link is not valid."))
    if not invite.is_valid or not room.is_open:
        raise InviteError(_("Your invitation has expired."), expired=True)
    return GuestPass(room.pk, invite.pk, str(data["g"]), str(data["n"]))
