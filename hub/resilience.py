"""Turn a database outage into a clear 503 page instead of a stack trace."""

import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)


class DatabaseUnavailableMiddleware:
    """Answers 503 (with Retry-After) when the database is down or locked.

    Writes are atomic, so a request that fails here saved nothing half-way; the
    page says so and the user can retry.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        if "no such table" in str(exception):
            return None  # a missing migration is a bug to see, not an outage
        logger.error("Database unavailable: %s", exception)
        if request.headers.get("Accept", "").startswith("application/json"):
            response = HttpResponse(
                '{"error": "database unavailable", "retry": true}',
                status=503,
                content_type="application/json",
            )
        else:
            response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = "30"
        return response
