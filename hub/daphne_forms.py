"""Leave POST bodies to Django when Daphne serves the hub.

Twisted's HTTP request (under Daphne's) parses every form body into its own
`args` before Daphne hands the request to Django, which never reads them and
parses the body again. Twisted's parser also answers a bare 400, without a log
line, to a multipart body that has no part: the empty `FormData` Wagtail's page
editor posts to its editing-session ping every few seconds. Twisted has a switch
for this (`parsePOSTFormSubmission`, Twisted 24.7+); Daphne does not pass it.
"""

import inspect
from functools import wraps

from daphne.http_protocol import WebRequest
from twisted.web.http import Request


def leave_form_bodies_to_django() -> None:
    """Make Daphne's requests skip Twisted's form parsing (idempotent)."""
    accepted = inspect.signature(Request.__init__).parameters
    if "parsePOSTFormSubmission" not in accepted or hasattr(
        WebRequest.__init__, "_hub_forms_left_to_django"
    ):
        return
    original = WebRequest.__init__

    @wraps(original)
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("parsePOSTFormSubmission", False)
        original(self, *args, **kwargs)

    __init__._hub_forms_left_to_django = True
    WebRequest.__init__ = __init__
