"""The answer engine's public surface: ask() and feedback_record(), and the
public marking editors use (article switch, per-heading override)."""

import pytest
from django.core.exceptions import ValidationError

from tests.wiki.conftest import make_article
from wiki.answers import Answer, Passage, ask, feedback_record
from wiki.models import AnswerFeedback, ProductFact

SECRET_NOTE = "MARGE-SECRETE-ZX81"
SECRET_SUPPLIER = "Fournisseur Confidentiel Quartz"


def heading(text, audience=""):
    return ("heading", {"text": text, "level": "h2", "audience": audience})


def paragraph(text):
    return ("paragraph", f"<p>{text}</p>")


@pytest.fixture
def fact(db):
    fact = ProductFact(
        reference="GALVA-1",
        name="Poteau galvanisé Quartz",
        summary="Poteau acier galvanisé à chaud.",
        specs=[("spec", {"label": "Zinc", "value": "275", "unit": "g/m²"})],
        internal_notes=SECRET_NOTE,
        unit_cost="12.34",
        supplier=SECRET_SUPPLIER,
    )
    fact.full_clean()
    fact.save()
    return fact


@pytest.fixture
def articles(category, fact):
    public = make_article(
        category,
        "Rouille blanche",
        summary="Dépôt blanc poudreux sur le galvanisé stocké humide.",
        answer_customers=True,
        body=[
            heading("Que répondre au client"),
            paragraph("La rouille blanche disparaît en séchant, le zinc protège."),
            ("product_fact", {"fact": fact, "show_image": False}),
            ("callout", {"kind": "tip", "title": "", "text": "Astuce interne zinc"}),
            heading("Geste commercial", audience="staff"),
            paragraph("Remise zinc de 5 % accordée par le chef des ventes."),
        ],
    )
    staff = make_article(
        category,
        "Galvanisation à chaud",
        summary="Bain de zinc fondu à 450 °C.",
        body=[
            heading("Épaisseur de zinc"),
            paragraph("Le zinc fait 275 g/m² sur les poteaux."),
            heading("Version client", audience="public"),
            paragraph("Le zinc protège l'acier pendant des décennies."),
        ],
    )
    return public, staff


def test_ask_returns_passages_with_anchor_and_trust(articles, django_user_model):
    public, _staff = articles
    answer = ask("rouille blanche")
    assert isinstance(answer, Answer)
    best = answer.passages[0]
    assert isinstance(best, Passage)
    assert best.page_id == public.pk
    assert best.title == "Rouille blanche"
    assert best.url.startswith(public.url)
    assert best.public is True


def test_public_only_never_quotes_internal_fields_or_staff_sections(articles):
    seen = []
    for query in ("zinc", "rouille blanche zinc", "remise zinc", "poteau galvanisé"):
        seen += ask(query, public_only=True, limit=10).passages
    assert seen, "public passages exist"
    texts = " ".join(f"{p.heading} {p.text}" for p in seen)
    for secret in (SECRET_NOTE, SECRET_SUPPLIER, "12.34", "12,34", "Remise", "Astuce"):
        assert secret not in texts
    assert all(p.public and p.url == "" for p in seen)
    headings = {(p.title, p.heading) for p in seen}
    assert ("Rouille blanche", "Geste commercial") not in headings
    assert ("Galvanisation à chaud", "Épaisseur de zinc") not in headings


def test_staff_sections_are_found_by_staff(articles):
    answer = ask("remise zinc chef des ventes")
    assert answer.passages[0].heading == "Geste commercial"
    assert answer.passages[0].public is False


def test_heading_override_makes_one_section_public(articles):
    _public, staff = articles
    found = ask("zinc décennies", public_only=True, limit=10).passages
    assert [(p.page_id, p.heading) for p in found if p.page_id == staff.pk] == [
        (staff.pk, "Version client")
    ]


def test_feedback_record_one_vote_per_user_question_and_passage(
    articles, django_user_model
):
    user = django_user_model.objects.create_user("vote")
    passage = ask("rouille blanche").passages[0]
    feedback_record(query="Rouille blanche", passage=passage, helpful=True, user=user)
    feedback_record(query="rouille  blanche", passage=passage, helpful=False, user=user)
    vote = AnswerFeedback.objects.get()
    assert (vote.helpful, vote.anchor, vote.source) == (False, passage.anchor, "staff")
    feedback_record(
        query="rouille blanche",
        passage=(passage.page_id, passage.anchor),
        helpful=True,
        source="customer",
    )
    assert AnswerFeedback.objects.count() == 2


def test_feedback_record_refuses_bad_input(articles):
    public, staff = articles
    with pytest.raises(ValidationError):
        feedback_record(query="", passage=(public.pk, ""), helpful=True)
    with pytest.raises(ValidationError):
        feedback_record(query="x", passage=(public.pk, "nope"), helpful=True)
    with pytest.raises(ValidationError):
        feedback_record(query="x", passage=(999999, ""), helpful=True)
    with pytest.raises(ValidationError):
        feedback_record(query="x", passage=(public.pk, ""), helpful=True, source="bot")
    with pytest.raises(ValidationError):  # a staff-only section, from a customer
        feedback_record(
            query="x",
            passage=(staff.pk, "epaisseur-de-zinc"),
            helpful=True,
            source="customer",
        )
    assert not AnswerFeedback.objects.exists()
