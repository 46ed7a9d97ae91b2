import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from prospecting import selectors, services

from .factories import make_lead

pytestmark = pytest.mark.django_db


def test_staff_see_their_finds_sales_see_all(
    staff_user, sales_user, manager_user, outsider_user
):
    mine = make_lead("A", by=staff_user)
    other = make_lead("B", by=sales_user)
    assert list(selectors.lead_visible_to(staff_user)) == [mine]
    assert set(selectors.lead_visible_to(sales_user)) == {mine, other}
    assert set(selectors.lead_visible_to(manager_user)) == {mine, other}
    assert not selectors.lead_visible_to(outsider_user).exists()
    assert not selectors.lead_visible_to(AnonymousUser()).exists()


def test_lead_get_for_user_refuses_others_finds(staff_user, sales_user, outsider_user):
    mine = make_lead("A", by=staff_user)
    other = make_lead("B", by=sales_user)
    assert selectors.lead_get_for_user(user=staff_user, pk=mine.pk) == mine
    with pytest.raises(PermissionDenied):
        selectors.lead_get_for_user(user=staff_user, pk=other.pk)
    with pytest.raises(PermissionDenied):
        selectors.lead_get_for_user(user=outsider_user, pk=mine.pk)
    with pytest.raises(Http404):
        selectors.lead_get_for_user(user=sales_user, pk=999_999)
    services.lead_soft_delete(lead=other, by=sales_user)
    with pytest.raises(Http404):
        selectors.lead_get_for_user(user=sales_user, pk=other.pk)


def test_lead_counts_by_site():
    from wagtail.models import Page, Site

    root = Page.get_first_root_node()
    a, c = (
        Site.objects.create(hostname=f"{h}.localhost", root_page=root)
        for h in ("a", "c")
    )
    make_lead(
        "A", source="website", attribution={"site_id": a.pk, "hostname": "a.localhost"}
    )
    make_lead("B", source="website", attribution={"site_id": a.pk})
    make_lead("C", source="website", attribution={"site_id": c.pk})
    make_lead("D")
    make_lead("E", source="website", attribution={"site_id": c.pk + 50})  # no such site
    assert selectors.lead_counts_by_site() == {a.pk: 2, c.pk: 1}
    assert selectors.lead_by_id(999_999) is None
