"""The question box of every microsite (URLconf microsites.public_urls):

- GET  /questions/?q=…             the answer from public articles (its own URL;
                                   `fragment=1` answers the box's script with the
                                   result only)
- POST /questions/avis/             "Est-ce la réponse ?" → back to the answer
- GET/POST /questions/rappel/       "un expert vous rappelle" → a lead, then
- GET  /questions/rappel/merci/     the thank-you page (post/redirect/get)

Plain forms that work without JavaScript; microsites/js/questions.js only
keeps the visitor on their page. Every page is in the site's look, never
cached (answers, tokens) and not indexed (visitors' words)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from wagtail.models import Page

from demand import customers

from . import attribution, selectors, spam
from .models import ContactRequest, SiteBranding
from .question_forms import CallbackForm, QuestionForm, VoteForm
from .services.questions import question_callback_process
from .views import _activate_site_language, _csp_for

ANSWER_PATH = "/questions/"
THANKS_SALT = "microsites.question-callback"


def _site_context(request) -> dict:
    site = selectors.host_site(request)  # 404 for an unknown host
    branding = SiteBranding.for_request(request)
    _activate_site_language(request, branding)
    nav_pages = selectors.site_navigation(request, site)
    return {
        "microsite": site,
        "branding": branding,
        "nav_pages": nav_pages,
        "quote_url": selectors.quote_url(request, nav_pages),
        "canonical_url": request.build_absolute_uri(ANSWER_PATH),
    }


def _render(request, template, context, status=200):
    response = TemplateResponse(request, template, context, status=status)
    response.render()
    add_never_cache_headers(response)
    response.headers["X-Robots-Tag"] = "noindex"
    response.headers.setdefault(
        "Content-Security-Policy", _csp_for(context["branding"])
    )
    return response


def _asked_on(site, page_id):
    """The site's page whose box was used, else the site's home."""
    if page_id:
        page = (
            Page.objects.live()
            .descendant_of(site.root_page, inclusive=True)
            .filter(pk=page_id)
            .first()
        )
        if page is not None:
            return page
    return site.root_page


def _ask_rate_exceeded(request) -> bool:
    limit = int(getattr(settings, "MICROSITES_QUESTION_RATE_LIMIT", 20))
    window = int(getattr(settings, "MICROSITES_RATE_WINDOW", 600))
    return spam.rate_limit_exceeded(request, bucket="ask", limit=limit, window=window)


def _result_context(question, answer, shown, *, callback_form=None) -> dict:
    offer = question is not None and (
        not question.answered or question.helpful is False
    )
    if offer and callback_form is None:
        callback_form = CallbackForm(
            initial={"question": customers.question_ref(question)}
        )
    return {
        "question": question,
        "question_ref": customers.question_ref(question) if question else "",
        "answer": answer,
        "shown": shown,
        "others": [p for p in answer.passages if p is not shown][:2] if answer else [],
        "offer_callback": offer,
        "suggestion_url": (
            f"{ANSWER_PATH}?{urlencode({'q': answer.suggestion})}"
            if answer and answer.suggestion
            else ""
        ),
        "callback_form": callback_form,
        "min_seconds": callback_form.seconds_left() if callback_form else 0,
    }


@require_GET
def question_answer(request):
    context = _site_context(request)
    site = context["microsite"]
    fragment = request.GET.get("fragment") == "1"
    template = (
        "microsites/questions/includes/result.html"
        if fragment
        else "microsites/questions/answer.html"
    )
    question = customers.question_from_ref(request.GET.get("question", ""), site=site)
    form = QuestionForm(request.GET if "q" in request.GET else None)
    context.update(form=form, from_page=request.GET.get("from_page", ""))
    if question is not None:  # back from a vote
        answer, shown = customers.customer_answer(question)
        context["form"] = QuestionForm(initial={"q": question.text})
        context.update(_result_context(question, answer, shown))
        return _render(request, template, context)
    if not form.is_bound:
        return _render(request, template, context)
    if not form.is_valid():
        return _render(request, template, context, status=400)
    if _ask_rate_exceeded(request):
        context["rate_limited"] = True
        return _render(request, template, context, status=429)
    asked_on = _asked_on(site, form.cleaned_data["from_page"])
    question, answer = customers.customer_question_ask(
        site=site, text=form.cleaned_data["q"], asked_on=asked_on
    )
    shown = answer.best if question.answered else None
    context.update(_result_context(question, answer, shown))
    return _render(request, template, context)


@require_POST
def question_vote(request):
    context = _site_context(request)
    form = VoteForm(request.POST)
    question = (
        customers.question_from_ref(
            form.cleaned_data["question"], site=context["microsite"]
        )
        if form.is_valid()
        else None
    )
    if question is None:
        context.update(form=QuestionForm(), vote_error=True)
        return _render(request, "microsites/questions/answer.html", context, status=400)
    try:
        customers.customer_question_vote(
            question=question, helpful=form.cleaned_data["helpful"]
        )
    except ValidationError:
        pass  # nothing to judge (a forged or stale form): show the question again
    params = {"question": customers.question_ref(question)}
    if request.POST.get("fragment") == "1":
        params["fragment"] = "1"
    return HttpResponseRedirect(f"{ANSWER_PATH}?{urlencode(params)}", status=303)


def _callback_page(request, context, form, *, status=200, send_again=False):
    context.update(
        callback_form=form,
        min_seconds=form.seconds_left(),
        send_again=send_again,
    )
    return _render(
        request, "microsites/questions/callback.html", context, status=status
    )


@require_http_methods(["GET", "POST"])
def question_callback(request):
    """The callback form on a page of its own (also where the box's form
    posts, and where errors are shown)."""
    context = _site_context(request)
    site = context["microsite"]
    data = request.POST if request.method == "POST" else None
    ref = (data or request.GET).get("question", "")
    question = customers.question_from_ref(ref, site=site)
    context["question"] = question
    if question is None:
        return _callback_page(request, context, CallbackForm(), status=404)
    if data is None:
        return _callback_page(request, context, CallbackForm(initial={"question": ref}))
    form = CallbackForm(data)
    if spam.rate_limit_exceeded(request):
        form.is_valid()
        form.add_error(
            None,
            _(
                "We received many requests from your connection. Please wait a few "
                "minutes, or call us."
            ),
        )
        return _callback_page(request, context, form, status=429)
    if not form.is_valid():
        if form.only_too_fast():
            return _callback_page(request, context, form, send_again=True)
        return _callback_page(request, context, form, status=400)
    if form.is_spam:  # a bot filled the trap: thanked, nothing stored
        context["sent"] = True
        return _render(request, "microsites/questions/callback_thanks.html", context)
    page = question.asked_on or site.root_page
    data = attribution.attribution_for(request, site=site, page=page)
    data["form"] = "question"
    try:
        outcome = question_callback_process(
            question=question,
            form=form,
            attribution=data,
            page=page,
            key=form.request_key,
        )
    except ValidationError as error:
        form.add_error(None, error)
        return _callback_page(request, context, form, status=400)
    reference = signing.Signer(salt=THANKS_SALT).sign(str(outcome.request.pk))
    return HttpResponseRedirect(
        f"{ANSWER_PATH}rappel/merci/?{urlencode({'r': reference})}", status=303
    )


@require_GET
def question_callback_thanks(request):
    context = _site_context(request)
    try:
        pk = signing.Signer(salt=THANKS_SALT).unsign(request.GET.get("r", ""))
    except signing.BadSignature:
        pk = ""
    sent = (
        ContactRequest.objects.filter(
            pk=int(pk), page__path__startswith=context["microsite"].root_page.path
        ).first()
        if pk.isdigit()
        else None
    )
    context["sent"] = sent
    return _render(
        request,
        "microsites/questions/callback_thanks.html",
        context,
        status=200 if sent else 404,
    )
