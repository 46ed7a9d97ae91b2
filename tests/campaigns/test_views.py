import pytest
from django.urls import reverse

from campaigns.models import Audience
from prospecting import services as war_room
from tests.campaigns.factories import make_campaign, make_customers

pytestmark = pytest.mark.django_db


def _pages(campaign):
    return [
        reverse("campaigns:list"),
        reverse("campaigns:detail", args=[campaign.pk]),
        reverse("campaigns:preview", args=[campaign.pk]),
        reverse("campaigns:surge", args=[campaign.pk]),
        reverse("campaigns:audience_new"),
        reverse("campaigns:audience_edit", args=[campaign.audience_id]),
    ]


def test_managers_see_every_campaign_page(client, manager_user):
    make_customers(2)
    campaign = make_campaign()
    client.force_login(manager_user)
    for url in _pages(campaign):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("who", ["sales_user", "staff_user", "editor_user"])
def test_others_are_refused(client, request, who):
    campaign = make_campaign()
    client.force_login(request.getfixturevalue(who))
    for url in _pages(campaign):
        assert client.get(url).status_code == 403, url
    for name in ("send", "pause", "test"):
        assert (
            client.post(reverse(f"campaigns:{name}", args=[campaign.pk])).status_code
            == 403
        )


def test_anonymous_is_sent_to_login(client):
    campaign = make_campaign()
    response = client.get(reverse("campaigns:detail", args=[campaign.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_detail_counts_who_will_receive_it_before_sending(client, manager_user):
    make_customers(3)
    campaign = make_campaign()
    client.force_login(manager_user)
    response = client.get(reverse("campaigns:detail", args=[campaign.pk]))
    assert response.context["count"].mailable == 3
    assert "Envoyer à 3 personnes" in response.content.decode()


def test_audience_form_counts_then_saves(client, manager_user):
    make_customers(2)
    client.force_login(manager_user)
    data = {"name": "Rhône", "departments": "69, 2A"}
    response = client.post(reverse("campaigns:audience_new"), {**data, "count": "1"})
    assert response.context["count"].mailable == 2 and not Audience.objects.exists()
    response = client.post(reverse("campaigns:audience_new"), {**data, "save": "1"})
    audience = Audience.objects.get()
    assert audience.filters == {"departments": ["69", "2A"]}
    assert response.status_code == 302


@pytest.mark.parametrize(
    "data, field, words",
    [
        (
            {"name": "X", "departments": "69, Lyon"},
            "departments",
            "Pas un numéro de département français : LYON",
        ),
        (
            {"name": "X", "active_since": "2026-05-01", "inactive_since": "2026-01-01"},
            "inactive_since",
            "doit venir après",
        ),
        ({"name": "X", "won_since": "hier"}, "won_since", "Saisissez une date valide"),
        ({"name": ""}, "name", "Champ requis"),
    ],
)
def test_audience_form_bad_input_is_explained(client, manager_user, data, field, words):
    client.force_login(manager_user)
    response = client.post(reverse("campaigns:audience_new"), {**data, "save": "1"})
    assert response.status_code == 200
    assert words in " ".join(response.context["form"].errors[field])
    assert not Audience.objects.exists()


def test_test_send_with_a_bad_address_says_so(client, manager_user, mailoutbox):
    campaign = make_campaign()
    client.force_login(manager_user)
    response = client.post(
        reverse("campaigns:test", args=[campaign.pk]), {"to": "nope"}, follow=True
    )
    assert "adresse e-mail valide" in response.content.decode()
    assert mailoutbox == []


def test_surge_moves_waiting_requests_to_colleagues(
    client, manager_user, sales_user, mailoutbox
):
    from campaigns.services.responses import campaign_tag

    campaign = make_campaign()
    for i in range(3):
        war_room.lead_intake(
            source="website",
            company=f"Demande {i}",
            contact={"email": f"d{i}@exemple-{i}.fr"},
            attribution={"campaign": campaign_tag(campaign)},
            owner=manager_user,
            quiet=True,
        )
    client.force_login(manager_user)
    response = client.get(reverse("campaigns:surge", args=[campaign.pk]))
    queue = response.context["queue"]
    assert [(row["user"], row["waiting"]) for row in queue] == [(manager_user, 3)]
    response = client.post(
        reverse("campaigns:surge", args=[campaign.pk]),
        {"from_owner": manager_user.pk, "to_owners": [sales_user.pk], "count": 2},
    )
    assert response.status_code == 302
    owners = sorted(lead.owner.username for lead in war_room_leads(campaign))
    assert owners == ["manager", "sales", "sales"]


def war_room_leads(campaign):
    from campaigns.selectors import campaign_leads

    return campaign_leads(campaign).select_related("owner")


def test_surge_refuses_moving_to_nobody(client, manager_user):
    campaign = make_campaign()
    client.force_login(manager_user)
    response = client.post(
        reverse("campaigns:surge", args=[campaign.pk]),
        {"from_owner": manager_user.pk, "count": 2},
        follow=True,
    )
    assert "Choisissez qui reprend les demandes" in response.content.decode()
