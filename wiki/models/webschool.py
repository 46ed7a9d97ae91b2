"""The Webschool: levels → courses → lessons, and who completed what.

Three levels form the learning path (initiation → communication → prospection).
A course belongs to one level; its lessons carry an estimated duration. Marking
a lesson done stores the minutes credited, so the hours report stays right when a
lesson's estimate later changes.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
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

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("annual_hours_goal"),
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

    content_panels = Page.content_panels + [
        FieldPanel("duration_minutes"),
        FieldPanel("summary"),
        FieldPanel("body"),
    ]
    parent_page_types = ["wiki.CoursePage"]
    subpage_types: list = []

    class Meta:
        verbose_name = _("lesson")

    def get_context(self, request, *args, **kwargs):
        from ..selectors import lesson_data

        context = super().get_context(request, *args, **kwargs)
        context.update(lesson_data(lesson=self, user=request.user))
        return context


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

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "lesson"], name="wiki_lesson_done_once"
            )
        ]
        verbose_name = _("lesson completion")

    def __str__(self):
        return f"{self.user_id} ✓ {self.lesson_id}"
