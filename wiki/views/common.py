from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

from hub import roles
from hub.views import staff_required

__all__ = [
    "editor_required",
    "manager_required",
    "staff_required",
    "superuser_required",
    "trash_user_required",
]


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


def can_use_trash(user) -> bool:
    """Editors and Managers see the trash and restore from it."""
    return roles.is_editor(user) or roles.is_manager(user)


trash_user_required = _role_required(can_use_trash)
# Deleting for good is the one irreversible wiki action: superusers only.
superuser_required = _role_required(lambda user: user.is_active and user.is_superuser)
