"""Routing and the callback promise: every web lead gets an owner who is told,
the site's promised delay runs as a timer, warnings before and escalation after."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from django.utils.text import slugify

from hub import roles
from hub.models import Notification
from prospecting import normalize, services
from prospecting.models import Lead, RoutingRule, Team
from prospecting.services.routing import callbacks_check
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def web_request(
    name, *, postcode="33000", hours=48, product_line="Portails", site_id=None
):
    return services.lead_intake(
        source="website",
        company={"name": name, "postal_code": postcode},
        contact={"name": "Jeanne Martin", "email": f"{slugify(name)}@ex.fr"},
        attribution={
            "site_id": site_id,
            "callback_hours": hours,
            "product_line": product_line,
        },
    ).lead


@pytest.fixture
def team(manager_user):
    south_west = Team.objects.create(name="Sud-Ouest", manager=manager_user)
    alice = make_user("alice", roles.STAFF, roles.SALES, first_name="Alice")
    bruno = make_user("bruno", roles.STAFF, roles.SALES, first_name="Bruno")
    south_west.members.set([alice, bruno])
    RoutingRule.objects.create(
        name="Gironde et Landes", departments="33, 40", team=south_west, order=10
    )
    return south_west, alice, bruno


@pytest.mark.parametrize(
    ("postcode", "department"),
    [
        ("33000", "33"),
        ("20090", "2A"),
        ("20200", "2B"),
        ("97400", "974"),
        ("", ""),
        ("1000", ""),
    ],
)
def test_departments_from_postcodes(postcode, department):
    assert normalize.department_of(postcode) == department


def test_rules_pick_the_team_and_members_take_turns(team):
    south_west, alice, bruno = team
    owners = [web_request(f"Client {n}").owner for n in range(3)]
    assert owners == [alice, bruno, alice]
    told = Notification.objects.filter(kind="lead.web").values_list(
        "user__username", flat=True
    )
    assert sorted(told) == ["alice", "alice", "bruno"]


def test_no_matching_rule_goes_to_a_manager(team, manager_user):
    lead = web_request("Client Lyon", postcode="69001")
    assert lead.owner == manager_user
    assert Notification.objects.get(kind="lead.web").user == manager_user


def test_an_empty_team_falls_back_to_its_manager(team, manager_user):
    south_west, alice, bruno = team
    south_west.members.clear()
    assert web_request("Client Bordeaux").owner == manager_user


def test_inactive_members_are_skipped(team):
    south_west, alice, bruno = team
    alice.is_active = False
    alice.save()
    assert [web_request(f"C{n} SA").owner for n in range(2)] == [bruno, bruno]


def test_product_line_and_site_conditions(team, manager_user):
    south_west, alice, bruno = team
    gates = Team.objects.create(name="Portails", manager=manager_user)
    carla = make_user("carla", roles.STAFF, roles.SALES)
    gates.members.set([carla])
    RoutingRule.objects.create(
        name="Portails", product_line="portails", team=gates, order=1
    )
    assert web_request("Portail SA", product_line="Portails").owner == carla
    assert web_request("Clôture SA", product_line="Clôtures").owner == alice


def test_the_promise_is_a_deadline_the_first_call_keeps(team, sales_user):
    lead = web_request("Client Rapide", hours=24)
    due = lead.callback_due_at
    assert timedelta(hours=23, minutes=59) < due - timezone.now() <= timedelta(hours=24)
    services.activity_log(lead=lead, kind="note", by=lead.owner, body="vu le devis")
    lead.refresh_from_db()
    assert lead.first_contact_at is None  # a note is not a contact
    services.activity_log(lead=lead, kind="call", by=lead.owner, body="Rappelée")
    lead.refresh_from_db()
    assert lead.first_contact_at is not None


def test_an_absurd_promise_falls_back_to_the_default(team, settings):
    settings.PROSPECTING_CALLBACK_HOURS = 48
    lead = web_request("Client Bizarre", hours="soon")
    assert timedelta(hours=47) < lead.callback_due_at - timezone.now()


def test_warning_before_and_escalation_after(team, manager_user):
    south_west, alice, bruno = team
    lead = web_request("Client Lent", hours=48)
    Notification.objects.all().delete()
    now = timezone.now()
    assert callbacks_check(now=now) == {"warned": 0, "escalated": 0}
    soon = lead.callback_due_at - timedelta(hours=5)
    assert callbacks_check(now=soon) == {"warned": 1, "escalated": 0}
    warning = Notification.objects.get()
    assert (warning.user, warning.kind) == (alice, "lead.callback")
    assert callbacks_check(now=soon) == {"warned": 0, "escalated": 0}  # once
    late = lead.callback_due_at + timedelta(hours=2)
    assert callbacks_check(now=late) == {"warned": 0, "escalated": 1}
    escalation = Notification.objects.filter(kind="lead.callback_late")
    assert {n.user for n in escalation} == {manager_user, alice}
    assert "2 h" in escalation[0].verb
    assert callbacks_check(now=late) == {"warned": 0, "escalated": 0}


def test_a_called_back_lead_is_never_escalated(team):
    lead = web_request("Client Servi")
    services.activity_log(lead=lead, kind="email", by=lead.owner, body="Devis envoyé")
    assert (
        callbacks_check(now=lead.callback_due_at + timedelta(days=1))["escalated"] == 0
    )


def test_the_card_shows_the_timer(team, client):
    south_west, alice, bruno = team
    lead = web_request("Client Minuté", hours=24)
    client.force_login(alice)
    page = client.get("/war-room/").content.decode()
    assert f'id="lead-{lead.pk}"' in page
    assert "À rappeler sous 24 h" in page or "À rappeler sous 23 h" in page
    Lead.objects.filter(pk=lead.pk).update(
        callback_due_at=timezone.now() - timedelta(hours=3)
    )
    assert "Rappel en retard de 3 h" in client.get("/war-room/").content.decode()


# -- the routing page ------------------------------------------------------------


def test_managers_edit_teams_and_rules(manager_user, sales_user):
    client = Client()
    client.force_login(manager_user)
    assert client.get("/war-room/routing/").status_code == 200
    response = client.post(
        "/war-room/routing/",
        {
            "kind": "team",
            "team-name": "Nord",
            "team-members": [sales_user.pk],
            "team-manager": manager_user.pk,
        },
    )
    assert response.status_code == 302
    team = Team.objects.get(name="Nord")
    assert list(team.members.all()) == [sales_user]
    response = client.post(
        "/war-room/routing/",
        {
            "kind": "rule",
            "rule-name": "Nord",
            "rule-order": 5,
            "rule-departments": "59, 62 ,2a",
            "rule-team": team.pk,
            "rule-active": "on",
        },
    )
    assert response.status_code == 302
    assert RoutingRule.objects.get().departments == "59, 62, 2A"
    page = client.get("/war-room/routing/").content.decode()
    assert sales_user.get_full_name() in page  # full names, not usernames


def test_bad_departments_are_refused_with_a_clear_message(manager_user):
    client = Client()
    client.force_login(manager_user)
    team = Team.objects.create(name="Nord")
    response = client.post(
        "/war-room/routing/",
        {
            "kind": "rule",
            "rule-name": "X",
            "rule-order": 1,
            "rule-departments": "59, Gironde",
            "rule-team": team.pk,
        },
    )
    assert response.status_code == 400
    assert "Départements inconnus : GIRONDE" in response.content.decode()
    assert not RoutingRule.objects.exists()


def test_the_routing_page_is_for_managers_only(sales_user, staff_user):
    for user in (sales_user, staff_user):
        client = Client()
        client.force_login(user)
        assert client.get("/war-room/routing/").status_code == 403
        assert (
            client.post(
                "/war-room/routing/", {"kind": "team", "team-name": "X"}
            ).status_code
            == 403
        )
    assert not Team.objects.exists()
