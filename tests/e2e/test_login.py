import pytest

from hub import roles
from tests.conftest import axe_violations, login, make_user, screenshot


@pytest.mark.django_db(transaction=True)
def test_login_switch_language_and_back(daphne_server, page):
    make_user("staff", roles.STAFF, first_name="Karim")
    page.goto(daphne_server + "/")
    assert "/accounts/login/" in page.url
    login(page, daphne_server, "staff")
    page.get_by_text("Bonjour Karim").wait_for()
    assert axe_violations(page) == []
    screenshot(page, "hub-home-fr")
    page.click("button[aria-controls=user-panel]")
    page.click("button[data-lang=en]")
    page.get_by_text("Hello Karim").wait_for()
    assert page.locator("html").get_attribute("lang") == "en"
    page.click("button[aria-controls=user-panel]")
    page.click("button[data-lang=fr]")
    page.get_by_text("Bonjour Karim").wait_for()


@pytest.mark.django_db(transaction=True)
def test_wrong_password_shows_error_and_keeps_username(daphne_server, page):
    make_user("staff", roles.STAFF)
    page.goto(daphne_server + "/accounts/login/")
    page.fill("#id_username", "staff")
    page.fill("#id_password", "nope")
    page.click("button[type=submit]")
    page.locator(".alert-error").wait_for()
    assert page.input_value("#id_username") == "staff"
    assert axe_violations(page) == []
