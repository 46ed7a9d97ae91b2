"""The form a manager fills to schedule a live class."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.validators import MaxValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hub import roles
from video.models import MESH_CEILING, SFU_MAX_PARTICIPANTS

from .models import CoursePage


class LiveClassForm(forms.Form):
    course = forms.ModelChoiceField(
        label=_("Course"),
        queryset=CoursePage.objects.live().order_by("path"),
        error_messages={"invalid_choice": _("Choose a course from the list.")},
    )
    title = forms.CharField(label=_("Title"), max_length=120)
    starts_at = forms.DateTimeField(
        label=_("Date and time"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"],
        error_messages={"invalid": _("Enter a date and time, e.g. 2026-12-10 14:00.")},
    )
    duration_minutes = forms.IntegerField(
        label=_("Duration (minutes)"), min_value=15, max_value=480, initial=60
    )
    trainer = forms.ModelChoiceField(
        label=_("Trainer"),
        queryset=get_user_model().objects.filter(is_active=True).order_by("username"),
        error_messages={"invalid_choice": _("Choose a trainer from the list.")},
    )
    capacity = forms.IntegerField(label=_("Capacity"), min_value=2, initial=8)
    min_presence_percent = forms.IntegerField(
        label=_("Minimum presence (%)"), min_value=1, max_value=100, initial=50
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["capacity"]
        # Trainees; the trainer takes one more seat of the room.
        if getattr(settings, "JANUS_URL", ""):
            field.max_value = SFU_MAX_PARTICIPANTS - 1
            field.help_text = _(
                "Up to %(max)d trainees: the video server (SFU) relays the video."
            ) % {"max": field.max_value}
        else:
            field.max_value = MESH_CEILING - 1
            field.help_text = _(
                "Up to %(max)d trainees: every browser sends its video to the "
                "others (more needs the video server, JANUS_URL)."
            ) % {"max": field.max_value}
        field.validators.append(MaxValueValidator(field.max_value))
        field.widget.attrs["max"] = field.max_value

    def clean_starts_at(self):
        starts_at = self.cleaned_data["starts_at"]
        if starts_at <= timezone.now():
            raise forms.ValidationError(_("A class is scheduled in the future."))
        return starts_at

    def clean_trainer(self):
        trainer = self.cleaned_data["trainer"]
        if not roles.is_staff_member(trainer):
            raise forms.ValidationError(_("The trainer must be an employee."))
        return trainer
