import pytest
from django.core.exceptions import ValidationError

from campaigns import audiences, services
from campaigns.models import Consent, Suppression
from tests.campaigns.factories import make_customers
from tests.prospecting.factories import make_lead

pytestmark = pytest.mark.django_db


def test_departments_select_companies_by_postcode():
    make_customers(2, postal_code="69003")
    make_customers(1, postal_code="13001", domain="marseille-{i}.fr")
    count = audiences.audience_count({"departments": ["69"]})
    assert (count.contacts, count.mailable) == (2, 2)
    assert audiences.audience_count({}).contacts == 3


def test_suppressed_and_private_addresses_without_opt_in_are_not_mailed():
    make_customers(2)
    make_lead(
        "Jeanne Particulier",
        company={"name": "Jeanne Particulier", "postal_code": "69100"},
        contact={"first_name": "Jeanne", "email": "jeanne.p@gmail.com"},
        quiet=True,
    )
    Suppression.objects.create(email="contact@client-0.fr", reason="unsubscribed")
    count = audiences.audience_count({"departments": ["69"]})
    assert (count.contacts, count.suppressed, count.without_consent) == (3, 1, 1)
    assert count.mailable == 1
    emails = set(
        audiences.mailable_contacts({"departments": ["69"]}).values_list(
            "email", flat=True
        )
    )
    assert emails == {"contact@client-1.fr"}
    # An explicit opt-in lets a private address in.
    Consent.objects.create(email="jeanne.p@gmail.com", basis=Consent.Basis.OPT_IN)
    assert audiences.audience_count({"departments": ["69"]}).mailable == 2


def test_stage_and_activity_filters():
    leads = make_customers(2)
    from prospecting import services as war_room

    war_room.lead_move_stage(
        lead=leads[0], stage=war_room.stage_by_key("won"), by=None, won_amount=1000
    )
    assert audiences.audience_count({"stages": ["won"]}).contacts == 1
    assert audiences.audience_count({"won_since": "2000-01-01"}).contacts == 1
    assert audiences.audience_count({"inactive_since": "2000-01-01"}).contacts == 0


def test_unknown_filters_are_refused_in_words(manager_user):
    with pytest.raises(ValidationError, match="Filtres inconnus : colour"):
        services.audience_save(name="X", filters={"colour": "red"}, by=manager_user)
