"""Thin views of the war room: validate, call one service or selector, render."""

from functools import wraps

from django.core.exceptions import PermissionDenied

from hub.views import staff_required

from .. import selectors


def sales_required(view):
    """Staff login first, then Sales or Managers."""

    @staff_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not selectors.can_work_all(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


FILTER_KEYS = ("owner", "source", "region", "stage", "mine", "q", "stale")


def filters_from(request) -> dict:
    return {
        k: request.GET.get(k, "").strip()[:200]
        for k in FILTER_KEYS
        if request.GET.get(k)
    }
