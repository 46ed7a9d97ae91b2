"""`make demo`: production-like (DEBUG off, hashed and compressed static files
served by WhiteNoise, Django's plain error pages replaced by the hub's), but over
plain HTTP on this machine: no SSL redirect, HSTS or secure-only cookies.

The demo users have a known password, so HUB_DEMO lets seed_demo create them
here; production never sets it and still refuses.
"""

import os
import secrets
import tempfile
from pathlib import Path

from .base import *
from .email import email_settings
from .env import env_str

DEBUG = False
HUB_DEMO = True


def _secret_key_file(path: Path) -> str:
    """The key in `path`, created once (owner-only) so sessions survive restarts.

    Web and worker may start together: the key is written to a private temporary
    file and linked into place, so a reader never sees a half-written key and only
    one of two racing processes wins."""
    if not path.exists():
        descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=".secret-")
        try:
            with os.fdopen(descriptor, "w") as file:  # mkstemp makes it 0600
                file.write(secrets.token_urlsafe(50))
            os.link(temporary, path)
        except FileExistsError:
            pass  # the other process got there first: use its key
        finally:
            os.unlink(temporary)
    return path.read_text().strip()


SECRET_KEY = env_str("SECRET_KEY") or _secret_key_file(VAR_DIR / "secret_key")

# Mail goes to files the demo can show (one per message), not to a real server.
EMAIL_URL = env_str("EMAIL_URL", f"file://{VAR_DIR / 'mail'}")
globals().update(email_settings(EMAIL_URL))
