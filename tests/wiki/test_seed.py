import io

import pytest

from hub.seeds import seed_accounts
from wiki.hub_registrations import seed_webschool, seed_wiki
from wiki.models import (
    ArticlePage,
    LessonCompletion,
    LessonPage,
    LiveClass,
    LiveClassAttendance,
    ProductFact,
    QuizQuestion,
    WikiCategoryPage,
    WikiLink,
)

pytestmark = pytest.mark.django_db


def test_seed_full_then_idempotent():
    out = io.StringIO()
    seed_accounts(stdout=out)
    seed_wiki(stdout=out)
    seed_webschool(stdout=out)
    assert "Wiki" in out.getvalue() and "Webschool" in out.getvalue()
    assert WikiCategoryPage.objects.count() >= 6
    assert ArticlePage.objects.live().count() >= 40
    assert ProductFact.objects.count() >= 5
    assert WikiLink.objects.filter(target__isnull=True).exists()  # red links
    assert WikiLink.objects.filter(target__isnull=False).count() > 40
    authors = {
        r.user.username
        for page in ArticlePage.objects.all()[:10]
        for r in page.revisions.select_related("user")
    }
    assert len(authors) >= 3
    assert LessonPage.objects.count() == 16
    assert LessonCompletion.objects.exists()
    assert not LessonCompletion.objects.filter(evidence="").exists()
    assert all(
        lesson.quiz_questions.count() >= 3 for lesson in LessonPage.objects.all()
    )
    # a class held (its presence became hours, not for who left early), one to come
    past, upcoming = LiveClass.objects.order_by("starts_at")
    assert past.is_over and past.attendance_computed_at is not None
    assert not upcoming.is_over and upcoming.room.max_participants == 11
    credited = dict(
        LiveClassAttendance.objects.filter(live_class=past).values_list(
            "user__username", "minutes_credited"
        )
    )
    assert credited["sales"] == 60 and credited["cpetit"] == 47
    assert credited["nmoreau"] == 0 and "manager" not in credited  # the trainer
    counts = (
        ArticlePage.objects.count(),
        LessonCompletion.objects.count(),
        QuizQuestion.objects.count(),
        LiveClass.objects.count(),
        LiveClassAttendance.objects.count(),
    )
    seed_wiki(stdout=out)
    seed_webschool(stdout=out)
    assert (
        ArticlePage.objects.count(),
        LessonCompletion.objects.count(),
        QuizQuestion.objects.count(),
        LiveClass.objects.count(),
        LiveClassAttendance.objects.count(),
    ) == counts
    # The seeded lessons' [[links]] reach real articles (no red link).
    from wiki.selectors.webschool import lesson_link_map

    lesson = LessonPage.objects.get(title="Galvanisation et plastification")
    assert set(lesson_link_map(lesson)) == {"garantie des produits"}
    search = ArticlePage.objects.live().search("galvanis")
    assert len(list(search)) > 0
