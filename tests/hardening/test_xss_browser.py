"""XSS payloads in every user-editable text field never execute: a real Chromium
(on the live Daphne server) visits every page that shows them, with a dialog
handler that records any alert(). Fields: wiki title, summary and rich text,
[[link]] titles, search queries (shown again in reports), video chat, lead
company/contact/notes (intake and microsite contact form), CSV import cells and
file name, notification labels."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from hub import roles
from hub.services import notify
from prospecting import imports
from prospecting.models import ImportJob
from prospecting.services import lead_intake
from tests.conftest import login, make_user, screenshot

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.e2e]

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
JS_URL = "javascript:alert(1)"
ALL = f"{SCRIPT} {IMG} {JS_URL}"


def _wiki(editor):
    from wiki.bootstrap import ensure_wiki_tree
    from wiki.models import ArticlePage, WikiCategoryPage
    from wiki.services import category_apply_review_policy

    wiki, _school = ensure_wiki_tree()
    category = wiki.add_child(
        instance=WikiCategoryPage(
            title=f"Catégorie {IMG}", slug="xss", requires_review=False
        )
    )
    category_apply_review_policy(category=category)
    # What the rich-text editor stores when someone types markup: escaped text.
    typed = SCRIPT.replace("<", "&lt;").replace(">", "&gt;")
    article = ArticlePage(
        title=f"Article {IMG}",
        slug="article-xss",
        summary=f"Résumé {ALL}",
        body=[
            (
                "paragraph",
                f'<p>{typed} [[Panneau" onmouseover="alert(1)]] '
                f"[[Inconnu|{IMG.replace('<', '&lt;').replace('>', '&gt;')}]]</p>",
            )
        ],
    )
    category.add_child(instance=article)
    article.save_revision(user=editor).publish(user=editor, skip_permission_checks=True)
    return article


def _import_job(user):
    rows = [
        (2, {"Société": f"Import {SCRIPT}", "Téléphone": IMG, "Note": ALL}),
        (3, {"Société": f"Import {IMG}", "Téléphone": "", "Note": JS_URL}),
    ]
    mapping = {
        "Société": "company.name",
        "Téléphone": "contact.phone",
        "Note": "lead.note",
    }
    report = imports.run_import(rows, mapping, by=user)
    return ImportJob.objects.create(
        created_by=user,
        original_name=f"{IMG}.csv",
        headers=list(mapping),
        mapping=mapping,
        status=ImportJob.Status.DONE,
        total_rows=2,
        processed_rows=2,
        counts=report.counts,
        report=[
            {
                "line": r.line,
                "status": r.status,
                "reason": r.reason,
                "lead_id": r.lead_id,
            }
            for r in report.rows
        ],
    )


def _microsite(daphne_server, path="/"):
    port = daphne_server.rsplit(":", 1)[1]
    return f"http://xss-site.localhost:{port}{path}"


def test_payloads_never_execute_anywhere(daphne_server, new_context):
    from microsites.services import microsite_create
    from video.services import room_create

    admin = make_user("admin", roles.STAFF, superuser=True, first_name=f"Ad{IMG}")
    editor = make_user("editor", roles.STAFF, roles.EDITORS)
    article = _wiki(editor)
    lead = lead_intake(
        source="war_room",
        company={"name": f"Clôtures {SCRIPT}", "city": IMG, "sector": JS_URL},
        contact={"name": IMG, "role": SCRIPT, "email": "x@clotures.example"},
        note=ALL,
        found_by=admin,
        quiet=True,
    ).lead
    job = _import_job(admin)
    room = room_create(name=f"Salle {IMG}", owner=admin)
    notify(
        users=[admin], verb=SCRIPT, target_label=IMG, target_url=JS_URL, actor=editor
    )
    microsite_create(name=f"Site {IMG}", hostname="xss-site.localhost")

    dialogs = []
    context = new_context()
    context.on(
        "dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss())
    )

    # A visitor sends the quote form with payloads in every field.
    visitor = context.new_page()
    visitor.goto(_microsite(daphne_server, "/devis/"))
    visitor.wait_for_load_state()
    # (by label: filling the off-screen honeypot would make it a silent spam)
    visitor.get_by_label("Nom et prénom").fill(f"Cliente {IMG}")
    visitor.get_by_label("Société").fill(f"Société {SCRIPT}")
    visitor.get_by_label("E-mail").fill("cliente@xss.example")
    visitor.get_by_label("Téléphone").fill("06 12 34 56 78")
    visitor.get_by_label("Votre projet").fill(ALL)
    visitor.locator("form [type=submit]").click()
    visitor.locator("[data-contact-sent]").wait_for()

    page = context.new_page()
    login(page, daphne_server, "admin")
    # The video chat: send a payload, then reload so it renders from history too.
    page.goto(f"{daphne_server}/video/{room.slug}/")
    page.locator("#chat-input:enabled").fill(ALL)
    page.locator("#chat-input").press("Enter")
    page.locator("#chat-log li", has_text="onerror").wait_for()
    page.reload()
    page.locator("#chat-log li", has_text="onerror").wait_for()
    # Searches nobody could answer are shown again on the reports page.
    page.goto(f"{daphne_server}/wiki/search/?q={IMG}")
    from prospecting.models import Lead

    website_lead = Lead.objects.get(source="website")
    for path in (
        "/",
        "/war-room/",
        "/war-room/list/",
        f"/war-room/leads/{lead.pk}/",
        f"/war-room/leads/{website_lead.pk}/",
        f"/war-room/import/{job.pk}/",
        "/war-room/import/",
        "/war-room/dashboard/",
        "/war-room/trash/",
        f"/war-room/search/?q={SCRIPT}",
        urlsplit(article.url).path,  # absolute: there are two sites
        "/wiki/reports/",
        "/wiki/recent/",
        "/video/",
        "/sites/",
        "/accounts/audit/",
    ):
        page.goto(daphne_server + path)
        page.wait_for_load_state("networkidle")
        assert page.locator("img[src=x]").count() == 0, path
        assert page.locator("[onmouseover], [onerror]").count() == 0, path
        js_links = page.locator("a[href^='javascript:']").evaluate_all(
            "(links) => links.map((a) => a.outerHTML)"
        )
        assert js_links == [], path
    page.goto(daphne_server + "/")
    page.click("#bell-button")
    page.locator("#notif-list li", has_text="onerror").wait_for()
    assert page.locator("#notif-list a[href^='javascript:']").count() == 0
    page.goto(_microsite(daphne_server))
    page.wait_for_load_state("networkidle")
    screenshot(page, "hardening-xss-microsite")
    page.goto(f"{daphne_server}/war-room/leads/{lead.pk}/")
    screenshot(page, "hardening-xss-lead")
    assert dialogs == []
