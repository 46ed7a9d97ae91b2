"""System check: private files must not sit where the web server publishes."""

from django.conf import settings
from django.core.checks import Error, register

from .storage import is_inside


@register()
def private_media_root_check(app_configs=None, **kwargs):
    private = getattr(settings, "PRIVATE_MEDIA_ROOT", None)
    if not private:
        return [
            Error(
                "PRIVATE_MEDIA_ROOT is not set.",
                hint="Import files hold personal data; give them a directory.",
                id="prospecting.E001",
            )
        ]
    errors = []
    for name in ("MEDIA_ROOT", "STATIC_ROOT"):
        public = getattr(settings, name, None)
        if public and (is_inside(private, public) or is_inside(public, private)):
            errors.append(
                Error(
                    f"PRIVATE_MEDIA_ROOT ({private}) overlaps {name} ({public}), "
                    "which is served publicly.",
                    hint="Point PRIVATE_MEDIA_ROOT at a directory outside it.",
                    id="prospecting.E002",
                )
            )
    return errors
