"""A small but complete world for the hardening suites: one user per role, an
invited customer, and one real object behind every URL keyword argument."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.test import Client

from hub import roles
from hub.services import api_token_create, notify
from tests.conftest import make_user

ROLES = ("anon", "guest", "staff", "sales", "editor", "manager", "admin")


@dataclass
class World:
    users: dict
    lead: object  # found by another employee: Staff only sees leads they found
    own_lead: object  # found by the "staff" user
    article: object
    lesson: object
    team_room: object
    customer_room: object
    invite_url: str
    invite: object
    import_job: object
    token: object
    document: object
    site: object
    kwargs: dict = field(default_factory=dict)
    demand_item: object = None  # a zero-result search in the editors' queue
    campaign: object = None  # a draft mailing with its audience

    def client(self, role: str, **client_kwargs) -> Client:
        client = Client(**client_kwargs)
        if role == "guest":
            path = urlsplit(self.invite_url).path
            response = client.post(path, {"name": "Mme Cliente"})
            assert response.status_code == 302, response.status_code
        elif role != "anon":
            client.force_login(self.users[role])
        return client


def _wiki(author):
    from wiki.bootstrap import ensure_wiki_tree
    from wiki.models import ArticlePage, CoursePage, LessonPage, WikiCategoryPage

    wiki, school = ensure_wiki_tree()
    category = wiki.add_child(
        instance=WikiCategoryPage(title="Panneaux rigides", slug="panneaux-rigides")
    )
    article = ArticlePage(
        title="Panneau rigide 3D",
        summary="Le panneau soudé.",
        body=[("paragraph", "<p>Fil de 5 mm.</p>")],
    )
    category.add_child(instance=article)
    article.save_revision(user=author).publish(user=author, skip_permission_checks=True)
    course = school.add_child(instance=CoursePage(title="Débuter", level="initiation"))
    lesson = course.add_child(instance=LessonPage(title="Leçon 1", duration_minutes=30))
    return article, lesson


def _import_job(user):
    from prospecting.models import ImportJob

    job = ImportJob(
        created_by=user,
        original_name="leads.csv",
        encoding="utf-8",
        delimiter=";",
        headers=["Société"],
    )
    job.file.save("leads.csv", ContentFile("Société\nClôtures Test\n"), save=True)
    return job


def _document():
    from wagtail.documents.models import Document

    document = Document(title="Fiche technique")
    document.file.save("fiche.txt", ContentFile(b"Fiche technique"), save=True)
    return document


@pytest.fixture
def world(settings):
    from microsites.services import microsite_create
    from tests.prospecting.factories import make_lead
    from video import services as video
    from video.models import Room

    settings.MICROSITES_FORM_MIN_SECONDS = 0
    cache.clear()
    users = {
        "staff": make_user("staff", roles.STAFF),
        "sales": make_user("sales", roles.STAFF, roles.SALES),
        "editor": make_user("editor", roles.STAFF, roles.EDITORS),
        "manager": make_user("manager", roles.STAFF, roles.SALES, roles.MANAGERS),
        "admin": make_user("admin", roles.STAFF, superuser=True),
    }
    welder = make_user("jdupont", roles.STAFF)
    lead = make_lead("Clôtures Martin", by=welder)
    own_lead = make_lead("Grillages Benali", by=users["staff"])
    article, lesson = _wiki(users["editor"])
    team_room = video.room_create(name="Atelier", owner=welder)
    customer_room = video.room_create(
        name="Rendez-vous Martin", owner=users["sales"], kind=Room.Kind.CUSTOMER
    )
    invite_url = video.invite_create(room=customer_room, ttl=3600, by=users["sales"])
    token, _raw = api_token_create(user=users["staff"], name="script")
    notify(
        users=[users["staff"]],
        verb="a publié",
        target_label="Panneau",
        target_url="/wiki/",
        actor=users["editor"],
    )
    site = microsite_create(name="Portails Bordeaux", hostname="portails-bordeaux.test")
    built = World(
        users=users,
        lead=lead,
        own_lead=own_lead,
        article=article,
        lesson=lesson,
        team_room=team_room,
        customer_room=customer_room,
        invite_url=invite_url,
        invite=customer_room.invites.get(),
        import_job=_import_job(users["sales"]),
        token=token,
        document=_document(),
        site=site,
    )
    from demand.services import demand_note

    built.demand_item = demand_note(
        source="search", text="grillage pour kangourous", ref="search:matrix"
    )
    from campaigns.models import Audience, Campaign

    built.campaign = Campaign.objects.create(
        name="Matrice",
        slug="matrice",
        subject="Objet",
        audience=Audience.objects.create(name="Rhône", filters={"departments": ["69"]}),
    )
    built.kwargs = {
        "pk": lead.pk,
        "lead_pk": lead.pk,
        "page_id": article.pk,
        "lesson_id": lesson.pk,
        "slug": customer_room.slug,
        "token": urlsplit(invite_url).path.rstrip("/").rsplit("/", 1)[-1],
        "restriction_id": 999_999,
        "page_view_restriction_id": 999_999,
        "parent_page_id": article.get_parent().pk,
    }
    yield built
    cache.clear()


def session_cookie_headers(client: Client, origin=b"http://localhost"):
    name = settings.SESSION_COOKIE_NAME
    headers = [(b"origin", origin), (b"host", b"localhost")]
    if name in client.cookies:
        headers.append((b"cookie", f"{name}={client.cookies[name].value}".encode()))
    return headers
