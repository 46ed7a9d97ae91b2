"""A small dated data set for the dashboard: two sites, every channel, won and
open leads, first contacts a few hours after arrival. Expected figures are
written by hand in the tests."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone
from wagtail.models import Page, Site

from prospecting import services
from prospecting.models import Lead

from .factories import make_lead


def site(hostname, name):
    return Site.objects.create(
        hostname=hostname, port=80, root_page=Page.get_first_root_node(), site_name=name
    )


def web(site_obj, **tags):
    touch = {"utm_source": "", "utm_medium": "", "utm_campaign": "", **tags}
    return {
        "site_id": site_obj.pk,
        "site_name": site_obj.site_name,
        "hostname": site_obj.hostname,
        "last_touch": touch,
        "first_touch": touch,
    }


def lead(name, *, created, contact_hours=None, owner=None, **kwargs):
    made = make_lead(name, **kwargs)
    Lead.objects.filter(pk=made.pk).update(
        created_at=created,
        first_contact_at=created + timedelta(hours=contact_hours)
        if contact_hours is not None
        else None,
        owner=owner,
    )
    made.refresh_from_db()
    return made


def win(made, amount, at, by):
    services.lead_move_stage(
        lead=made,
        stage=services.stage_by_key("won"),
        by=by,
        at=at,
        won_amount=Decimal(amount),
    )


def build(*, staff, sales, manager):
    now = timezone.now()
    nice = site("portails-nice.localhost", "Portails Nice")
    lille = site("brise-vue-lille.localhost", "Brise-vue Lille")
    day = timedelta(days=1)
    l1 = lead(
        "L1",
        source="website",
        attribution=web(nice),
        estimated_value=Decimal("10000"),
        created=now - 10 * day,
        contact_hours=2,
        owner=sales,
    )
    win(l1, "12000", now - 3 * day, sales)
    lead(
        "L2",
        source="website",
        attribution=web(nice, utm_source="google", utm_medium="organic"),
        estimated_value=Decimal("2000"),
        created=now - 20 * day,
        contact_hours=6,
        owner=manager,
    )
    l3 = lead(
        "L3",
        source="website",
        attribution=web(
            lille,
            utm_source="newsletter",
            utm_medium="email",
            utm_campaign="newsletter-printemps",
        ),
        estimated_value=Decimal("5000"),
        created=now - 5 * day,
        contact_hours=1,
        owner=manager,
    )
    services.lead_update(lead=l3, by=sales, probability=50)
    l4 = lead(
        "L4",
        source="website",
        attribution=web(lille, utm_source="salon", utm_campaign="salon-batimat"),
        estimated_value=Decimal("3000"),
        created=now - 8 * day,
        contact_hours=10,
        owner=manager,
    )
    win(l4, "3000", now - 2 * day, sales)
    l5 = lead(
        "L5",
        source="war_room",
        by=staff,
        estimated_value=Decimal("4000"),
        created=now - 15 * day,
        contact_hours=30,
        owner=sales,
    )
    services.lead_move_stage(
        lead=l5, stage=services.stage_by_key("contacted"), by=sales, at=now - 14 * day
    )
    l6 = lead(
        "L6",
        source="import",
        estimated_value=Decimal("1000"),
        created=now - 90 * day,
        owner=manager,
    )
    win(l6, "1500", now - day, sales)
    l7 = lead("L7", source="war_room", by=staff, created=now - 4 * day)
    services.lead_move_stage(
        lead=l7, stage=services.stage_by_key("lost"), by=sales, at=now - 3 * day
    )
    return {"now": now, "nice": nice, "lille": lille}
