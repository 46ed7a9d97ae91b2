from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

from hub import roles
from hub.views import staff_required

__all__ = ["editor_required", "manager_required", "staff_required"]


def _role_required(check):
    def decorator(view):
        @login_required
        def wrapped(request, *args, **kwargs):
            if not check(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapped.__name__ = view.__name__
        wrapped.__doc__ = view.__doc__
        return wrapped

    return decorator


editor_required = _role_required(roles.is_editor)
manager_required = _role_required(roles.is_manager)
