"""What recipients reach from a mail, without logging in: a click's redirect
and the one-click unsubscribe (RFC 8058: the mail client POSTs, no CSRF token
exists there — the signed token is the proof)."""

from django.core import signing
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from . import mail, services


@never_cache
@require_GET
def click(request, signed):
    try:
        token, url = mail.click_target(signed)
    except signing.BadSignature:
        raise Http404 from None
    if not url.startswith(("https://", "http://")):
        raise Http404
    services.click_record(token=token, url=url)
    return HttpResponseRedirect(url)


@never_cache
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, signed):
    try:
        token = mail.unsubscribe_token(signed)
    except signing.BadSignature:
        raise Http404 from None
    recipient = None
    if request.method == "POST":
        one_click = request.POST.get("List-Unsubscribe") == "One-Click"
        recipient = services.unsubscribe(
            token=token, how="one-click" if one_click else "page"
        )
        if recipient is None:
            raise Http404
    context = {"done": request.method == "POST", "recipient": recipient}
    return TemplateResponse(request, "campaigns/unsubscribe.html", context)
