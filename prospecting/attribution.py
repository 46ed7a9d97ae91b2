"""Where a lead came from, decided in one place: its channel, its site and its
UTM tags, and the words that name its source on every page and export.

The intake stamps `Lead.channel`, `Lead.site` and `Lead.utm_*` from the lead's
`source` and `attribution` (`stamp`), so the dashboard groups by plain indexed
columns in the database instead of reading JSON row by row.

Channels ("the boss's question"):

- **website** — a microsite's contact form with no campaign behind it: the
  leads the sites bring "naturally";
- **campaign** — a campaign brought it: the attribution's touch carries a UTM
  campaign or an e-mail medium, or a campaign names itself
  (`attribution["campaign"] = {"key": …, "name": …}` or `source="campaign"`,
  the contract of the campaigns app);
- **war_room** — direct prospecting logged by employees (quick add, bookmarklet);
- **other** — imports, referrals, video, API, manual entries.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

CHANNELS = ("website", "war_room", "campaign", "other")
CHANNEL_LABELS = {
    "website": gettext_lazy("Websites"),
    "war_room": gettext_lazy("War room"),
    "campaign": gettext_lazy("Campaigns"),
    "other": gettext_lazy("Other"),
}
CHANNEL_CHOICES = list(CHANNEL_LABELS.items())
UTM_COLUMNS = ("utm_source", "utm_medium", "utm_campaign")
# The column width of Lead.utm_*: longer tags are cut, never refused.
UTM_MAX = 100
# What people type as the medium of a mailing.
EMAIL_MEDIUMS = frozenset({"email", "e-mail", "mail", "mailing", "newsletter"})


def _dict(value) -> dict:
    return value if isinstance(value, dict) else {}


def _tag(value) -> str:
    """A UTM value as grouped: trimmed, lower case ("Newsletter" and
    "newsletter " are one source), cut to the column."""
    if not isinstance(value, str | int):
        return ""
    return str(value).strip().lower()[:UTM_MAX]


def touch_of(attribution) -> dict:
    """The touch that carries tags: the latest campaign visit, else the first
    visit (the microsites keep both, see microsites/attribution.py)."""
    attribution = _dict(attribution)
    for key in ("last_touch", "first_touch"):
        touch = _dict(attribution.get(key))
        if any(touch.get(k) for k in UTM_COLUMNS):
            return touch
    return {}


def named_campaign(attribution) -> tuple[str, str]:
    """(key, name) of a campaign that names itself in the attribution."""
    campaign = _dict(attribution).get("campaign")
    if isinstance(campaign, str):
        return _tag(campaign), campaign.strip()[:200]
    campaign = _dict(campaign)
    key = _tag(campaign.get("key") or campaign.get("name"))
    name = str(campaign.get("name") or campaign.get("key") or "").strip()[:200]
    return key, name


def utm_of(attribution) -> dict[str, str]:
    touch = touch_of(attribution)
    tags = {key: _tag(touch.get(key)) for key in UTM_COLUMNS}
    if not tags["utm_campaign"]:
        tags["utm_campaign"] = named_campaign(attribution)[0]
    return tags


def channel_of(source: str, attribution=None) -> str:
    """The channel of a lead from its source and attribution (see the module
    docstring). The only definition: intake, migration and tests call it."""
    tags = utm_of(attribution)
    if (
        source == "campaign"
        or tags["utm_campaign"]
        or tags["utm_medium"] in EMAIL_MEDIUMS
    ):
        return "campaign"
    if source in ("website", "war_room"):
        return source
    return "other"


def site_id_of(attribution) -> int | None:
    value = _dict(attribution).get("site_id")
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        return None
    return value


def columns_of(source: str, attribution) -> dict:
    """The values `stamp` writes, the site as the id the attribution names."""
    return {
        "channel": channel_of(source, attribution),
        "site_id": site_id_of(attribution),
        **utm_of(attribution),
    }


def stamp(lead) -> None:
    """Set the lead's channel, site and UTM columns from its source and
    attribution (before it is saved). An attribution naming a site that does
    not exist (an API client's typo, a deleted site) leaves the site empty."""
    from wagtail.models import Site

    columns = columns_of(lead.source, lead.attribution)
    site_id = columns.pop("site_id")
    if site_id is not None and not Site.objects.filter(pk=site_id).exists():
        site_id = None
    lead.site_id = site_id
    for name, value in columns.items():
        setattr(lead, name, value)


def humanize_tag(tag: str) -> str:
    """ "newsletter-printemps" → "Newsletter printemps": a tag read as words."""
    words = " ".join(tag.replace("_", " ").replace("-", " ").split())
    return words[:1].upper() + words[1:]


def campaign_name(attribution, utm_campaign: str = "") -> str:
    """The campaign's own name when it gave one, else its tag as words."""
    name = named_campaign(attribution)[1]
    return name or humanize_tag(utm_campaign or utm_of(attribution)["utm_campaign"])


def site_name_of(attribution) -> str:
    attribution = _dict(attribution)
    return str(attribution.get("site_name") or attribution.get("hostname") or "")


def _person(user) -> str:
    return (user.get_full_name() or user.username) if user else ""


def source_words(lead) -> str:
    """A lead's source as a person says it: the site's name, the campaign's
    name, "War room — found by Julie Martin", "Import salon-2026.csv".

    Reads `found_by` and `import_job`: callers listing many leads select them
    (`selectors.LEAD_RELATED`)."""
    attribution = _dict(lead.attribution)
    site = site_name_of(attribution)
    channel = lead.channel or channel_of(lead.source, attribution)
    if channel == "campaign":
        name = campaign_name(attribution, lead.utm_campaign)
        words = _("Campaign “%(name)s”") % {"name": name} if name else _("Campaign")
        return f"{words} · {site}" if site else words
    if lead.source == "website":
        return site or _("Website")
    finder = _person(lead.found_by) if lead.found_by_id else ""
    if lead.source == "war_room":
        if finder:
            return _("War room — found by %(name)s") % {"name": finder}
        return _("War room")
    if lead.source == "import":
        job = lead.import_job if lead.import_job_id else None
        if job is not None and job.original_name:
            return _("Import %(file)s") % {"file": job.original_name}
        return _("Import")
    label = str(lead.get_source_display())
    if finder:
        return _("%(source)s — by %(name)s") % {"source": label, "name": finder}
    return label
