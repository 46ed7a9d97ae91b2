"""The answer engine's ranking: typos, accents, question words, synonyms,
votes, the passages' life cycle (publish, edit, unpublish) and the embedding
task. The embedder is the n-gram hashing one (test settings): meaning with
the real model is in test_answers_meaning.py."""

import pytest

from tests.wiki.conftest import make_article, make_category, republish
from wiki.answers import ask, feedback_record
from wiki.answers.embeddings import from_bytes, get_embedder
from wiki.answers.indexing import passages_rebuild
from wiki.answers.store import forget
from wiki.models import ArticlePassage, Synonym

pytestmark = pytest.mark.django_db


def heading(text, audience=""):
    return ("heading", {"text": text, "level": "h2", "audience": audience})


def paragraph(text):
    return ("paragraph", f"<p>{text}</p>")


@pytest.fixture(autouse=True)
def fresh_corpus():
    forget()
    yield
    forget()


@pytest.fixture
def encyclopedia(wiki, django_capture_on_commit_callbacks):
    # Embedding is a background task run after the commit: run it.
    with django_capture_on_commit_callbacks(execute=True):
        return _encyclopedia(wiki)


def _encyclopedia(wiki):
    portails = make_category(wiki, "Portails", slug="portails")
    sav = make_category(wiki, "SAV", slug="sav")
    return {
        "coulissant": make_article(
            portails,
            "Portail coulissant",
            summary="Le portail coulissant glisse le long de la clôture.",
            body=[
                heading("Sur rail ou autoportant"),
                paragraph("Sur rail : moins cher. Autoportant : aucun rail au sol."),
            ],
        ),
        "frotte": make_article(
            portails,
            "Portail qui frotte au sol",
            summary="Des gonds affaissés : un réglage suffit.",
            body=[
                heading("Régler les gonds"),
                paragraph("Desserrez le contre-écrou et remontez le vantail."),
            ],
        ),
        "delais": make_article(
            sav,
            "Délais de livraison",
            summary="Stock : 48 à 72 h. Sur mesure : 4 à 6 semaines.",
        ),
        "garantie": make_article(
            sav,
            "Garantie des produits",
            summary="Panneaux plastifiés : 10 ans contre la corrosion.",
        ),
    }


def titles(answer):
    return [p.title for p in answer.passages]


def test_typos_are_corrected_and_suggested(encyclopedia):
    answer = ask("portial coulisant")
    assert titles(answer)[0] == "Portail coulissant"
    assert answer.suggestion == "portail coulissant"
    assert answer.confident


def test_accents_and_case_are_folded(encyclopedia):
    assert titles(ask("DELAIS DE LIVRAISON"))[0] == "Délais de livraison"
    assert ask("DELAIS DE LIVRAISON").suggestion is None  # nothing to correct


def test_question_words_and_seed_synonyms(encyclopedia):
    assert Synonym.objects.filter(term="combien de temps").exists()  # migration
    answer = ask("Combien de temps pour la livraison ?")
    assert titles(answer)[0] == "Délais de livraison"


def test_editors_synonyms_take_effect_on_the_next_question(encyclopedia):
    assert "Garantie des produits" not in titles(ask("assurance casse"))
    synonym = Synonym(term="assurance", expansions="garantie")
    synonym.full_clean()
    synonym.save()
    assert titles(ask("assurance casse"))[0] == "Garantie des produits"


def test_best_section_links_to_its_heading(encyclopedia):
    passage = ask("régler les gonds du vantail").passages[0]
    assert passage.title == "Portail qui frotte au sol"
    assert passage.heading == "Régler les gonds"
    assert passage.url.endswith("#regler-les-gonds")
    toc = encyclopedia["frotte"].table_of_contents()
    assert passage.anchor == toc[0]["anchor"]


def test_nothing_to_answer_gives_no_passage(encyclopedia):
    answer = ask("xqzw blorp")
    assert answer.passages == [] and answer.suggestion is None
    assert not answer.confident
    assert ask("   ").passages == []


def test_helpful_votes_on_the_question_move_a_passage_up(encyclopedia, staff_user):
    question = "portail"
    before = ask(question, limit=5).passages
    assert len(before) >= 2
    second = before[1]
    feedback_record(query=question, passage=second, helpful=True, user=staff_user)
    assert ask(question).passages[0].page_id == second.page_id
    feedback_record(query=question, passage=second, helpful=False, user=staff_user)
    assert ask(question).passages[0].page_id != second.page_id


def test_passages_follow_publish_edit_and_unpublish(encyclopedia):
    page = encyclopedia["delais"]
    assert ArticlePassage.objects.filter(page=page).count() == 1
    page = republish(
        page, body=[heading("Corse et îles"), paragraph("Devis transport bateau.")]
    )
    assert list(
        ArticlePassage.objects.filter(page=page).values_list("anchor", flat=True)
    ) == ["", "corse-et-iles"]
    assert titles(ask("transport bateau corse"))[0] == "Délais de livraison"
    page.unpublish()
    assert not ArticlePassage.objects.filter(page=page).exists()
    assert "Délais de livraison" not in titles(ask("transport bateau corse"))


def test_the_background_task_embeds_changed_passages_only(
    encyclopedia, django_capture_on_commit_callbacks
):
    embedder = get_embedder()
    passage = ArticlePassage.objects.get(page=encyclopedia["garantie"], anchor="")
    assert passage.embedder == embedder.name
    assert from_bytes(passage.vector).shape == (embedder.dim,)
    updated = passage.updated_at
    with django_capture_on_commit_callbacks(execute=True):
        republish(encyclopedia["garantie"], change_note="relu")  # same text
    passage.refresh_from_db()
    assert passage.updated_at == updated
    with django_capture_on_commit_callbacks(execute=True) as tasks:
        republish(encyclopedia["garantie"], summary="Portails : 10 ans de garantie.")
    assert len(tasks) >= 1
    passage.refresh_from_db()
    assert passage.updated_at > updated and passage.vector is not None


def test_rebuild_restores_missing_passages(
    encyclopedia, django_capture_on_commit_callbacks
):
    ArticlePassage.objects.all().delete()
    assert ask("portail coulissant").passages == []
    with django_capture_on_commit_callbacks(execute=True):
        passages_rebuild()
    assert ArticlePassage.objects.filter(vector__isnull=False).count() == 6
    assert titles(ask("portail coulissant"))[0] == "Portail coulissant"


def test_drafts_are_never_quoted(wiki):
    category = make_category(wiki, "Brouillons", slug="brouillons")
    from wiki.models import ArticlePage

    draft = ArticlePage(title="Clôture secrète", summary="Projet non publié.")
    category.add_child(instance=draft)
    draft.save_revision()
    assert ask("clôture secrète projet").passages == []
