import pytest

from hub.models import ApiToken


@pytest.mark.django_db
def test_create_and_revoke_token_from_account_page(client, staff_user, sales_user):
    client.force_login(staff_user)
    response = client.post("/accounts/", {"name": "script", "scope": "read"})
    raw = response.context["new_token"]
    assert raw.startswith("hub_")
    token = ApiToken.objects.get(user=staff_user)
    assert token.digest == ApiToken.hash(raw) and raw not in token.digest
    client.force_login(sales_user)  # someone else cannot revoke it
    assert client.post(f"/accounts/tokens/{token.pk}/revoke/").status_code == 404
    client.force_login(staff_user)
    client.post(f"/accounts/tokens/{token.pk}/revoke/")
    token.refresh_from_db()
    assert token.revoked_at is not None


@pytest.mark.django_db
def test_token_form_requires_a_name(client, staff_user):
    client.force_login(staff_user)
    response = client.post("/accounts/", {"name": "", "scope": "write"})
    assert response.status_code == 400
    assert response.context["form"].errors["name"]
    assert not ApiToken.objects.exists()
