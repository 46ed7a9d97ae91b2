"""The Webschool: levels → courses → lessons, and who completed what.

Three levels form the learning path (initiation → communication → prospection).
A course belongs to one level; its lessons carry an estimated duration and a
quiz (wiki.models.quiz). A lesson is done only on evidence — a passed quiz —
and the completion stores the minutes credited and that evidence, so the hours
report stays right when a lesson's estimate later changes. Live classes
(wiki.models.live) credit their own hours from the video room's presence rows.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from ..blocks import ArticleBodyBlock
from .mixins import StaffOnlyPageMixin

LEVELS = [
    ("initiation", _("Initiation")),
    ("communication", _("Communication")),
    ("prospection", _("Prospection")),
]
LEVEL_ORDER = {code: n for n, (code, _label) in enumerate(LEVELS)}


class WebschoolIndexPage(StaffOnlyPageMixin, Page):
    intro = models.TextField(_("introduction"), blank=True, default="")
    annual_hours_goal = models.PositiveIntegerField(
        _("training hours goal per year"), default=14000
    )
    person_hours_goal = models.PositiveIntegerField(
        _("training hours goal per person and year"), default=20
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("annual_hours_goal"),
        FieldPanel("person_hours_goal"),
    ]
    parent_page_types = ["hub.HubHomePage"]
    subpage_types = ["wiki.CoursePage"]
    max_count = 1

    class Meta:
        verbose_name = _("Webschool home")

    def get_context(self, request, *args, **kwargs):
        from ..selectors import webschool_home_data

        context = super().get_context(request, *args, **kwargs)
        context.update(webschool_home_data(index=self, user=request.user))
        return context


class CoursePage(StaffOnlyPageMixin, Page):
    level = models.CharField(_("level"), max_length=20, choices=LEVELS)
    description = models.TextField(_("description"), blank=True, default="")

    content_panels = Page.content_panels + [
        FieldPanel("level"),
        FieldPanel("description"),
    ]
    parent_page_types = ["wiki.WebschoolIndexPage"]
    subpage_types = ["wiki.LessonPage"]

    class Meta:
        verbose_name = _("course")

    def get_context(self, request, *args, **kwargs):
        from ..selectors import course_data

        context = super().get_context(request, *args, **kwargs)
        context.update(course_data(course=self, user=request.user))
        return context


class LessonPage(StaffOnlyPageMixin, Page):
    duration_minutes = models.PositiveIntegerField(
        _("estimated duration (minutes)"), default=30
    )
    summary = models.TextField(_("summary"), blank=True, default="")
    body = StreamField(ArticleBodyBlock(), blank=True, verbose_name=_("content"))
    quiz_pass_percent = models.PositiveSmallIntegerField(
        _("pass mark (%)"),
        default=80,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    quiz_question_count = models.PositiveSmallIntegerField(
        _("questions drawn per attempt"),
        default=4,
        validators=[MinValueValidator(1), MaxValueValidator(30)],
        help_text=_("Drawn at random from the lesson's question bank."),
    )
    quiz_max_attempts = models.PositiveSmallIntegerField(
        _("attempts before a pause"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
    )
    quiz_cooldown_minutes = models.PositiveIntegerField(
        _("pause after the last failed attempt (minutes)"), default=30
    )

    content_panels = Page.content_panels + [
        FieldPanel("duration_minutes"),
        FieldPanel("summary"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("quiz_pass_percent"),
                FieldPanel("quiz_question_count"),
                FieldPanel("quiz_max_attempts"),
                FieldPanel("quiz_cooldown_minutes"),
                InlinePanel("quiz_questions", label=_("question")),
            ],
            heading=_("Quiz"),
        ),
    ]
    parent_page_types = ["wiki.CoursePage"]
    subpage_types: list = []

    class Meta:
        verbose_name = _("lesson")

    def get_context(self, request, *args, **kwargs):
        from ..selectors import lesson_data

        context = super().get_context(request, *args, **kwargs)
        context.update(lesson_data(lesson=self, user=request.user, request=request))
        return context

    def serve(self, request, *args, **kwargs):
        # The staff check ran in a before_serve_page hook; remember the lesson
        # for "Resume where I was".
        from ..services.webschool import lesson_bookmark_set

        if request.method == "GET" and request.user.is_authenticated:
            lesson_bookmark_set(user=request.user, lesson=self)
        return super().serve(request, *args, **kwargs)


class LessonCompletion(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="lesson_completions",
    )
    lesson = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="completions"
    )
    minutes = models.PositiveIntegerField(_("minutes credited"))
    completed_at = models.DateTimeField(default=timezone.now, db_index=True)
    # What proves the work: "quiz attempt #12". Empty only on rows written
    # before hours needed evidence (the old "mark as done" button).
    evidence = models.CharField(_("evidence"), max_length=120, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "lesson"], name="wiki_lesson_done_once"
            )
        ]
        verbose_name = _("lesson completion")

    def __str__(self):
        return f"{self.user_id} ✓ {self.lesson_id}"


class LessonBookmark(models.Model):
    """Where a learner was: the last lesson opened (one row per user), for
    "Resume where I was"."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="lesson_bookmark",
    )
    lesson = models.ForeignKey(
        "wiki.LessonPage", on_delete=models.CASCADE, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("lesson bookmark")

    def __str__(self):
        return f"{self.user_id} → {self.lesson_id}"


class Certificate(models.Model):
    """A completed level, certified: what the PDF says, kept so that anyone
    holding the code can check it at /wiki/webschool/certificates/<code>/."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="webschool_certificates",
    )
    level = models.CharField(_("level"), max_length=20, choices=LEVELS)
    hours = models.DecimalField(_("hours"), max_digits=7, decimal_places=2)
    issued_at = models.DateTimeField(_("issued"), default=timezone.now)
    code = models.CharField(_("verification code"), max_length=24, unique=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "level"], name="wiki_one_certificate_per_level"
            )
        ]
        verbose_name = _("certificate")

    def __str__(self):
        return f"{self.code} ({self.level})"
