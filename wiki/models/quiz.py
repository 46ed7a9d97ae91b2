"""Lesson quizzes: a question bank per lesson, attempts checked on the server.

A question's answers are one per line, the right ones starting with "*" — what
an editor types in the Wagtail form, with no nested inline to fill. An attempt
remembers which questions were drawn and in which order their answers were
shown, so the answers posted back are checked against what the learner saw.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable

CORRECT_MARK = "*"


class QuizQuestion(Orderable):
    class Kind(models.TextChoices):
        SINGLE = "single", _("One right answer")
        MULTIPLE = "multiple", _("Several right answers")

    lesson = ParentalKey(
        "wiki.LessonPage", on_delete=models.CASCADE, related_name="quiz_questions"
    )
    text = models.CharField(_("question"), max_length=300)
    kind = models.CharField(
        _("kind"), max_length=10, choices=Kind.choices, default=Kind.SINGLE
    )
    answers = models.TextField(
        _("answers"),
        help_text=_("One answer per line; start each right answer with *."),
    )
    explanation = models.CharField(
        _("explanation"),
        max_length=300,
        blank=True,
        help_text=_("Shown after a failed attempt."),
    )

    panels = [
        FieldPanel("text"),
        FieldPanel("kind"),
        FieldPanel("answers"),
        FieldPanel("explanation"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("quiz question")

    def __str__(self):
        return self.text

    def choices(self) -> list[tuple[str, bool]]:
        """(answer text, is right) in the order the editor wrote them."""
        result = []
        for line in self.answers.splitlines():
            line = line.strip()
            if not line:
                continue
            right = line.startswith(CORRECT_MARK)
            result.append((line.lstrip(CORRECT_MARK).strip(), right))
        return result

    def right_indexes(self) -> frozenset[int]:
        return frozenset(i for i, (_t, right) in enumerate(self.choices()) if right)

    def clean(self):
        choices = self.choices()
        right = sum(1 for _t, is_right in choices if is_right)
        if len(choices) < 2:
            raise ValidationError({"answers": _("Write at least two answers.")})
        if right == 0:
            raise ValidationError(
                {"answers": _("Mark at least one right answer with *.")}
            )
        if self.kind == self.Kind.SINGLE and right != 1:
            raise ValidationError(
                {"answers": _("A one-answer question has exactly one right answer.")}
            )


class QuizAttempt(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    lesson = models.ForeignKey(
        "wiki.LessonPage", on_delete=models.CASCADE, related_name="quiz_attempts"
    )
    # [{"question": id, "order": [answer indexes as shown]}, …]
    drawn = models.JSONField(default=list)
    # {"question id": [answer indexes chosen]}: what the learner answered, kept
    # as the evidence behind the score.
    answers = models.JSONField(default=dict, blank=True)
    started_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True, db_index=True)
    score_percent = models.PositiveSmallIntegerField(null=True, blank=True)
    passed = models.BooleanField(default=False)

    class Meta:
        indexes = [models.Index(fields=["user", "lesson", "submitted_at"])]
        verbose_name = _("quiz attempt")

    def __str__(self):
        return f"#{self.pk} {self.user_id} {self.lesson_id}"

    @property
    def evidence(self) -> str:
        return f"quiz attempt #{self.pk} ({self.score_percent} %)"
