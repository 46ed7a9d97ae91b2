"""Pages of the video room: list, room, invites, guest landing, lead start, ICE."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from hub import ratelimit, roles
from hub.views import staff_required

from . import ice, selectors, services
from .client_strings import client_strings
from .forms import GuestNameForm, InviteForm, RoomForm
from .models import Recording, Room
from .services import recordings
from .services.invites import session_key

INVITE_OPENS_PER_IP = 30
INVITE_OPEN_WINDOW = 600  # seconds


def _list_context(request, form=None):
    return {
        "rooms": selectors.room_list_for_user(request.user),
        "form": form or RoomForm(user=request.user),
    }


@staff_required
@require_GET
def room_list(request):
    return TemplateResponse(request, "video/room_list.html", _list_context(request))


@staff_required
@require_POST
def room_create(request):
    form = RoomForm(request.POST, user=request.user)
    if not form.is_valid():
        return TemplateResponse(
            request, "video/room_list.html", _list_context(request, form), status=400
        )
    room = services.room_create(owner=request.user, **form.cleaned_data)
    messages.success(request, _("Room “%(name)s” created.") % {"name": room.name})
    return redirect(room)


@staff_required
def personal_room(request):
    return redirect(services.personal_room_for(user=request.user))


def _guest_pass(request, room: Room):
    token = request.session.get(session_key(room.pk))
    if not token:
        return None
    try:
        return services.guest_pass_read(token=token, room=room)
    except services.InviteError:
        return None


@never_cache
@require_GET
def room_detail(request, slug):
    """Employees allowed in the room, or a guest holding a pass for it."""
    room = selectors.room_get(slug=slug)
    guest = None
    if not room.is_open and (
        selectors.can_access(request.user, room)
        or session_key(room.pk) in request.session
    ):
        return TemplateResponse(
            request, "video/room_ended.html", {"room": room}, status=410
        )
    if not selectors.can_enter(request.user, room):
        guest = _guest_pass(request, room)
        if guest is None:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            raise PermissionDenied
    is_host = guest is None and selectors.is_host(request.user, room)
    config = {
        "room": room.slug,
        "wsPath": f"/ws/video/{room.slug}/",
        "iceUrl": f"/video/ice-servers?room={room.slug}",
        "isHost": is_host,
        "isGuest": guest is not None,
        "strings": client_strings(),
    }
    return TemplateResponse(
        request,
        "video/room.html",
        {
            "room": room,
            "guest": guest,
            "is_host": is_host,
            "config": config,
            "chat": selectors.chat_history(room, limit=50),
            "recorded": recordings.enabled(room),
        },
    )


@never_cache
@require_GET
def recording_file(request, pk):
    """A class recording, to employees only (private file, never a public URL)."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    recording = get_object_or_404(Recording, pk=pk, status=Recording.Status.READY)
    if not recordings.can_watch(request.user, recording):
        raise PermissionDenied
    response = FileResponse(
        recording.file.open("rb"),
        content_type="video/webm",
        filename=recording.file.name.rsplit("/", 1)[-1],
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _host_room(request, slug) -> Room:
    room = selectors.room_get(slug=slug)
    if not selectors.is_host(request.user, room):
        raise PermissionDenied
    return room


@staff_required
def room_invites(request, slug):
    room = _host_room(request, slug)
    if not room.is_customer_meeting:
        raise PermissionDenied
    form = InviteForm(request.POST or None)
    new_url = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                new_url = services.invite_create(
                    room=room,
                    ttl=form.ttl,
                    by=request.user,
                    guest_label=form.cleaned_data["guest_label"],
                    base_url=request.build_absolute_uri("/"),
                )
            except ValidationError as error:
                form.add_error(None, error)
        if new_url is None:
            status = 400
        else:
            form = InviteForm()
    return TemplateResponse(
        request,
        "video/room_invites.html",
        {
            "room": room,
            "form": form,
            "new_url": new_url,
            "invites": selectors.invites_for_room(room),
        },
        status=status,
    )


@staff_required
@require_POST
def invite_revoke(request, slug, pk):
    room = _host_room(request, slug)
    invite = get_object_or_404(room.invites, pk=pk)
    services.invite_revoke(invite=invite, by=request.user)
    messages.success(request, _("Invitation revoked."))
    return redirect("video:room_invites", slug=room.slug)


@staff_required
@require_POST
def room_end(request, slug):
    room = _host_room(request, slug)
    services.room_end(room=room, by=request.user)
    messages.success(request, _("Meeting “%(name)s” ended.") % {"name": room.name})
    return redirect("video:room_list")


def _too_many_opens(request) -> bool:
    """Per-IP budget for opening invite links (guessing tokens is pointless, but a
    flood of page loads is not free)."""
    return not ratelimit.hit(
        "video:invite-open:" + ratelimit.client_ip(request),
        limit=INVITE_OPENS_PER_IP,
        window_seconds=INVITE_OPEN_WINDOW,
    )


@never_cache
def invite_open(request, token):
    """A customer's landing page: type your name, then wait in the lobby."""
    if _too_many_opens(request):
        return TemplateResponse(request, "video/too_many.html", status=429)
    try:
        invite = services.invite_open(token=token)
    except services.InviteError as error:
        return TemplateResponse(
            request,
            "video/invite_invalid.html",
            {"message": error.message, "expired": error.expired},
            status=410 if error.expired else 404,
        )
    form = GuestNameForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        request.session[session_key(invite.room_id)] = services.guest_pass_create(
            invite=invite, name=form.cleaned_data["name"]
        )
        return redirect(invite.room)
    return TemplateResponse(
        request,
        "video/invite_open.html",
        {"invite": invite, "room": invite.room, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@staff_required
@require_POST
def lead_start(request, lead_pk):
    """The war room's "Start a video call" button on a lead."""
    from prospecting.selectors import lead_get_for_user

    lead = lead_get_for_user(user=request.user, pk=lead_pk)
    room = services.room_for_lead(lead=lead, host=request.user)
    return redirect(room)


@never_cache
@require_GET
def ice_servers(request):
    """STUN/TURN for this browser; TURN credentials expire (TURN_CREDENTIAL_TTL)."""
    if roles.is_staff_member(request.user):
        key = f"u{request.user.pk}"
    else:
        room = selectors.room_by_slug(request.GET.get("room", ""))
        guest = _guest_pass(request, room) if room else None
        if guest is None:
            return JsonResponse({"error": _("Not allowed.")}, status=403)
        key = f"g{guest.guest_id}"
    return JsonResponse(ice.ice_servers(user_key=key))
