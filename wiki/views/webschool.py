"""The learner's side of the Webschool: quizzes (start, submit)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..models import LessonPage
from ..services.quiz import quiz_attempt_start, quiz_attempt_submit
from .common import staff_required


def _quiz_url(lesson, request) -> str:
    return f"{lesson.get_url(request)}#quiz"


@staff_required
@require_POST
def quiz_start(request, lesson_id):
    lesson = get_object_or_404(LessonPage.objects.live(), pk=lesson_id)
    try:
        quiz_attempt_start(user=request.user, lesson=lesson)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(_quiz_url(lesson, request))


@staff_required
@require_POST
def quiz_submit(request, lesson_id):
    lesson = get_object_or_404(LessonPage.objects.live(), pk=lesson_id)
    try:
        attempt_id = int(request.POST.get("attempt", ""))
    except ValueError:
        messages.error(request, _("This attempt is over: start a new one."))
        return redirect(_quiz_url(lesson, request))
    try:
        attempt = quiz_attempt_submit(
            user=request.user,
            lesson=lesson,
            attempt_id=attempt_id,
            answers=request.POST,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(_quiz_url(lesson, request))
    if attempt.passed:
        messages.success(
            request,
            _("Quiz passed with %(score)s %%: %(minutes)s minutes credited.")
            % {"score": attempt.score_percent, "minutes": lesson.duration_minutes},
        )
    else:
        messages.warning(
            request,
            _("Quiz failed with %(score)s %% (%(needed)s %% needed).")
            % {"score": attempt.score_percent, "needed": lesson.quiz_pass_percent},
        )
    return redirect(_quiz_url(lesson, request))
