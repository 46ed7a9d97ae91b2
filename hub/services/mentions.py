"""@mentions: "@sophie tu peux rappeler ?" in an activity note or a page comment
tells Sophie. One parser for every app, so a mention means the same everywhere."""

from __future__ import annotations

import re
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext as _

from .notifications import notify

# "@name" at the start or after a non-word character (not an e-mail address:
# "jean@example.fr" mentions nobody). Django usernames allow letters, digits and
# @.+-_; a sentence's final dot is not part of the name.
MENTION = re.compile(r"(?<![\w@.+-])@([\w.+-]{2,150})")
MAX_MENTIONS = 20  # a pasted list of addresses must not ring the whole company


def mentioned_names(text: str) -> list[str]:
    names = []
    for match in MENTION.finditer(text or ""):
        name = match.group(1).rstrip(".")
        if name and name.lower() not in (n.lower() for n in names):
            names.append(name)
    return names[:MAX_MENTIONS]


def mentioned_users(text: str) -> list:
    names = mentioned_names(text)
    if not names:
        return []
    query = Q()
    for name in names:
        query |= Q(username__iexact=name)
    return list(get_user_model().objects.filter(query, is_active=True))


def mentions_notify(
    *,
    text: str,
    actor,
    target_label: str,
    target_url: str,
    can_see: Callable[[object], bool],
    where: str = "",
) -> list:
    """Notify the users mentioned in `text` who may open the target (`can_see`):
    a mention never reveals a lead or a draft to someone who cannot read it."""
    users = [user for user in mentioned_users(text) if can_see(user)]
    if not users:
        return []
    # Stored words are in the site's language (the bell and mails show them).
    with translation.override(settings.LANGUAGE_CODE):
        verb = (
            _("mentioned you in %(where)s") % {"where": where}
            if where
            else _("mentioned you in")
        )
    return notify(
        users=users,
        kind="mention",
        verb=verb,
        target_label=target_label,
        target_url=target_url,
        actor=actor,
    )
