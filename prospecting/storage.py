"""Where uploaded import files live: outside MEDIA_ROOT.

MEDIA_ROOT is served to anyone by the proxy (microsite images need that), and an
import CSV holds prospects' personal data. `PrivateStorage` keeps files under
`PRIVATE_MEDIA_ROOT`, which no web server serves, gives them no URL and makes
them readable by the hub's own user only. The model refers to `private_storage`
(a callable) so the migration records a name, not a path from the settings.
"""

from functools import cache
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.functional import cached_property


class PrivateStorage(FileSystemStorage):
    def __init__(self):
        super().__init__(file_permissions_mode=0o600, directory_permissions_mode=0o700)

    @cached_property
    def base_location(self):
        return settings.PRIVATE_MEDIA_ROOT

    @cached_property
    def base_url(self):
        return None  # url() then raises ValueError: there is no public address

    def _clear_cached_properties(self, setting, **kwargs):
        super()._clear_cached_properties(setting, **kwargs)
        if setting == "PRIVATE_MEDIA_ROOT":
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)


@cache
def private_storage() -> PrivateStorage:
    return PrivateStorage()


def is_inside(path, root) -> bool:
    path, root = Path(path).resolve(), Path(root).resolve()
    return path == root or root in path.parents
