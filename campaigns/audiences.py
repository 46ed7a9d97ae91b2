"""Who a campaign reaches (reads only). An audience's filters select contacts
through their company's leads; then each address is checked: suppressed,
without consent, or mailable. The counts are shown before anything is sent."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.dateparse import parse_date

from prospecting.models import Contact, Deal, Lead
from prospecting.normalize import FREEMAIL_DOMAINS

from .models import Consent, Suppression

FILTER_KEYS = (
    "stages",
    "departments",
    "regions",
    "site_ids",
    "product_lines",
    "active_since",
    "inactive_since",
    "won_since",
)


def _date(value) -> date | None:
    if isinstance(value, date):
        return value
    return parse_date(value) if isinstance(value, str) and value else None


def _department_q(departments) -> Q:
    query = Q()
    for code in departments:
        query |= Q(company__postal_code__startswith=str(code))
    return query


def matching_leads(filters: dict) -> QuerySet[Lead]:
    leads = Lead.objects.alive()
    if filters.get("stages"):
        leads = leads.filter(stage__key__in=filters["stages"])
    if filters.get("departments"):
        leads = leads.filter(_department_q(filters["departments"]))
    if filters.get("regions"):
        leads = leads.filter(company__region__in=filters["regions"])
    if filters.get("site_ids"):
        leads = leads.filter(site_id__in=filters["site_ids"])
    if filters.get("product_lines"):
        leads = leads.filter(attribution__product_line__in=filters["product_lines"])
    if since := _date(filters.get("active_since")):
        leads = leads.filter(last_activity_at__date__gte=since)
    if before := _date(filters.get("inactive_since")):
        leads = leads.filter(last_activity_at__date__lt=before)
    if won := _date(filters.get("won_since")):
        won_deals = Deal.objects.filter(lead=OuterRef("pk"), won_at__date__gte=won)
        leads = leads.filter(Exists(won_deals))
    return leads


def matching_contacts(filters: dict) -> QuerySet[Contact]:
    """Contacts of the matching leads' companies, with an address."""
    leads = matching_leads(filters or {})
    return (
        Contact.objects.filter(company__in=leads.values("company"))
        .exclude(email="")
        .select_related("company")
        .order_by("pk")
    )


def is_private_address(email: str) -> bool:
    return email.rpartition("@")[2].lower() in FREEMAIL_DOMAINS


@dataclass(frozen=True)
class AudienceCount:
    contacts: int  # matched people with an address (one per address)
    suppressed: int
    without_consent: int  # private addresses that never opted in
    mailable: int


def _suppressed(email_field: str = "email"):
    return Exists(Suppression.objects.filter(email__iexact=OuterRef(email_field)))


def _opted_in(email_field: str = "email"):
    return Exists(
        Consent.objects.filter(
            email__iexact=OuterRef(email_field), basis=Consent.Basis.OPT_IN
        )
    )


def _freemail_q() -> Q:
    query = Q()
    for domain in FREEMAIL_DOMAINS:
        query |= Q(email__iendswith="@" + domain)
    return query


def annotated(contacts: QuerySet[Contact]) -> QuerySet[Contact]:
    return contacts.annotate(suppressed=_suppressed(), opted_in=_opted_in())


def mailable_contacts(filters: dict) -> QuerySet[Contact]:
    """Who will be mailed: not suppressed, and a private address only with opt-in."""
    contacts = annotated(matching_contacts(filters))
    return contacts.filter(suppressed=False).exclude(_freemail_q() & Q(opted_in=False))


def audience_count(filters: dict) -> AudienceCount:
    contacts = annotated(matching_contacts(filters))
    # One person may be a contact of two companies: count addresses.
    total = contacts.values("email").distinct().count()
    suppressed = contacts.filter(suppressed=True).values("email").distinct().count()
    no_consent = (
        contacts.filter(suppressed=False, opted_in=False)
        .filter(_freemail_q())
        .values("email")
        .distinct()
        .count()
    )
    return AudienceCount(total, suppressed, no_consent, total - suppressed - no_consent)


def lead_for_contact(contact: Contact, filters: dict) -> Lead | None:
    """The lead a reply or click is logged on: the person's own lead first, else
    the company's most recent matching one."""
    leads = matching_leads(filters or {}).filter(company_id=contact.company_id)
    own = leads.filter(contact=contact).order_by("-last_activity_at").first()
    return own or leads.order_by("-last_activity_at").first()
