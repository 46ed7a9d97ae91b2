import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from hub import roles


@pytest.mark.django_db
def test_role_groups_exist_with_admin_access_for_editors():
    names = set(Group.objects.values_list("name", flat=True))
    assert {"Staff", "Sales", "Editors", "Managers"} <= names
    editors = Group.objects.get(name="Editors")
    assert editors.permissions.filter(codename="access_admin").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/accounts/", "/accounts/password/"])
def test_anonymous_is_sent_to_login(client, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "fixture", ["staff_user", "sales_user", "editor_user", "manager_user", "admin_user"]
)
def test_every_role_sees_the_staff_home_with_real_counts(client, request, fixture):
    user = request.getfixturevalue(fixture)
    assert client.login(username=user.username, password="demo")
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-count="users">1<' in html
    assert 'data-count="sites">1<' in html
    for nav in ("wiki", "prospecting", "microsites", "video", "webschool"):
        assert f'data-nav="{nav}"' in html


@pytest.mark.django_db
def test_admin_link_only_for_editors_and_superusers(client, staff_user, editor_user):
    client.force_login(staff_user)
    assert 'data-nav="cms"' not in client.get("/").content.decode()
    client.force_login(editor_user)
    assert 'data-nav="cms"' in client.get("/").content.decode()


@pytest.mark.django_db
def test_user_without_any_role_is_refused(client, outsider_user):
    client.force_login(outsider_user)
    assert client.get("/").status_code == 403


@pytest.mark.django_db
def test_login_rejects_bad_password_with_a_clear_message(client, staff_user):
    response = client.post(
        "/accounts/login/", {"username": "staff", "password": "wrong"}, follow=True
    )
    assert response.status_code == 200
    assert "/accounts/login/" in response.request["PATH_INFO"]
    assert not response.wsgi_request.user.is_authenticated
    assert "alert-error" in response.content.decode()


@pytest.mark.django_db
def test_login_ignores_offsite_next(client, staff_user):
    response = client.post(
        "/accounts/login/?next=https://evil.example/",
        {"username": "staff", "password": "demo", "next": "https://evil.example/"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_role_checks_for_anonymous():
    from django.contrib.auth.models import AnonymousUser

    anonymous = AnonymousUser()
    assert not roles.is_staff_member(anonymous)
    assert not roles.is_sales(anonymous)


@pytest.fixture
def busy_hub(staff_user, sales_user):
    """Something in every panel: 3 microsites, website leads attributed to two of
    them, war-room finds (one older than this week), a scheduled meeting."""
    import io
    from datetime import timedelta

    from django.utils import timezone
    from wagtail.models import Site

    from microsites.seeding import seed_microsites
    from prospecting.models import Lead
    from tests.prospecting.factories import make_lead
    from video.services.rooms import room_create

    seed_microsites(stdout=io.StringIO(), count=3)
    sites = list(Site.objects.filter(hostname__startswith="portails-"))
    for number, site in enumerate([sites[0], sites[0], sites[1]]):
        make_lead(f"Site {number}", source="website", attribution={"site_id": site.pk})
    make_lead("Trouvé A", by=staff_user)
    make_lead("Trouvé B", by=staff_user)
    old = make_lead("Trouvé ancien", by=staff_user)
    Lead.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - timedelta(days=30)
    )
    room_create(
        name="Réunion client",
        owner=staff_user,
        scheduled_for=timezone.now() + timedelta(days=1),
    )


@pytest.mark.django_db
@pytest.mark.parametrize("fixture", ["staff_user", "admin_user"])
def test_staff_home_query_count_is_bounded(
    client, request, busy_hub, fixture, django_assert_max_num_queries
):
    """18 queries (19 before): hub counts in one query, the war-room split and
    my finds in one, the microsites card in two (sites, then live pages grouped
    by site: a correlated subquery per site read every page once per site,
    ~150 ms of a 190 ms page at 80 sites × 50 pages). Then Wagtail's serve
    (site, page, view restrictions: 4), session, user, roles. No query per
    site, lead or room. The Webschool's upcoming live classes: one."""
    client.force_login(request.getfixturevalue(fixture))
    client.get("/")  # content types and settings caches warm, as in production
    with django_assert_max_num_queries(18):
        response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-count="microsites">3<' in html
    assert 'data-count="website-leads">3<' in html


@pytest.mark.django_db
def test_panel_queries_give_what_the_separate_reads_gave(busy_hub, staff_user):
    from datetime import timedelta

    from django.utils import timezone
    from wagtail.models import Page, Site

    from hub.selectors import hub_counts
    from microsites import selectors as microsite_selectors
    from microsites.staff_views import lead_counts
    from prospecting import stats

    assert hub_counts() == {
        "users": get_user_model().objects.filter(is_active=True).count(),
        "pages": Page.objects.filter(depth__gt=1).live().count(),
        "sites": Site.objects.count(),
    }
    rows = microsite_selectors.microsite_overview(lead_counts())
    panel = microsite_selectors.microsite_panel(lead_counts())
    ranked = sorted((r for r in rows if r["leads"]), key=lambda r: -r["leads"])
    assert panel["sites"] == len(rows) == 3
    assert panel["pages"] == sum(r["pages"] for r in rows) > 3
    assert panel["leads"] == sum(r["leads"] for r in rows) == 3
    assert [(r["site"].pk, r["leads"]) for r in panel["top"]] == [
        (r["site"].pk, r["leads"]) for r in ranked[:5]
    ]
    for since in (timezone.now() - timedelta(days=365), timezone.now()):
        week = stats.period_starts()["week"]
        split, finds = stats.channel_split_and_finds(
            staff_user, since=since, finds_since=week
        )
        assert split == stats.leads_by_channel(since=since)
        assert finds == stats.finds_count(staff_user, week) == 2
