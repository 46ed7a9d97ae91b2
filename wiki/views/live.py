"""Live classes: scheduled by managers, taught in a video room, counted after."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hub import roles
from video.services.recordings import recordings_for

from ..forms_live import LiveClassForm
from ..models import LiveClass
from ..services.live import live_class_end, live_class_schedule
from .common import manager_required, staff_required


def _can_run(user, live_class) -> bool:
    return (
        user.pk == live_class.trainer_id or user.is_superuser or roles.is_manager(user)
    )


@manager_required
@require_http_methods(["GET", "POST"])
def live_class_new(request):
    form = LiveClassForm(request.POST or None, initial=request.GET or None)
    if request.method == "POST" and form.is_valid():
        live_class = live_class_schedule(**form.cleaned_data, by=request.user)
        messages.success(request, _("Live class scheduled."))
        return redirect("wiki:live_class", live_class.pk)
    status = 400 if request.method == "POST" else 200
    return TemplateResponse(
        request, "wiki/live_class_form.html", {"form": form}, status=status
    )


@staff_required
@require_GET
def live_class_detail(request, class_id):
    live_class = get_object_or_404(
        LiveClass.objects.select_related("course", "trainer", "room"), pk=class_id
    )
    can_run = _can_run(request.user, live_class)
    attendances = (
        live_class.attendances.select_related("user").order_by("user__username")
        if can_run
        else live_class.attendances.filter(user=request.user)
    )
    return TemplateResponse(
        request,
        "wiki/live_class.html",
        {
            "live_class": live_class,
            "can_run": can_run,
            "attendances": list(attendances),
            "recordings": recordings_for(live_class.room),
        },
    )


@staff_required
@require_POST
def live_class_close(request, class_id):
    live_class = get_object_or_404(LiveClass, pk=class_id)
    if not _can_run(request.user, live_class):
        raise PermissionDenied
    live_class_end(live_class=live_class, by=request.user)
    messages.success(request, _("Class ended: attendance counted."))
    return redirect("wiki:live_class", live_class.pk)
