"""Wagtail admin: the site factory as a guided action (site managers only).

    /cms/microsites/new/?step=site|place|contact|look   one question set a page
    /cms/microsites/<site>/                            the draft: preview, checks
    /cms/microsites/<site>/publish/                    "Publish the site" (POST)

Answers wait in the session between steps (text only; the logo is uploaded on
the last step, which creates the site). Views stay thin: the forms check a step,
`microsites.services.drafts` creates and publishes.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Site

from hub import roles

from . import placeholders, selectors
from .factory_forms import ContactStepForm, LookStepForm, PlaceStepForm, SiteStepForm
from .models import SiteBranding
from .services import SiteDetails, SiteNotReady, microsite_draft_create
from .services.drafts import can_publish_site, microsite_publish

SESSION_KEY = "microsites.factory"
STEPS = (
    ("site", gettext_lazy("The site"), SiteStepForm),
    ("place", gettext_lazy("Where"), PlaceStepForm),
    ("contact", gettext_lazy("Contact"), ContactStepForm),
    ("look", gettext_lazy("Look"), LookStepForm),
)
STEP_OF_FIELD = {
    name: step for step, _label, form in STEPS for name in form.base_fields
}


def can_manage_sites(user) -> bool:
    """Site managers: the company-wide Editors role and superusers (a site's
    own editors group edits its pages, it does not make new sites)."""
    return user.is_superuser or roles.is_editor(user)


can_create_sites = can_manage_sites  # the name the menu and staff list use


class SiteManagersOnly:
    def dispatch(self, request, *args, **kwargs):
        if not can_manage_sites(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class MicrositeCreateView(SiteManagersOnly, WagtailAdminTemplateMixin, TemplateView):
    template_name = "microsites/admin/create_step.html"
    page_title = gettext_lazy("New microsite")
    header_icon = "site"

    def get_breadcrumbs_items(self):
        return [*super().get_breadcrumbs_items(), {"url": "", "label": self.page_title}]

    def answers(self) -> dict:
        return self.request.session.get(SESSION_KEY, {})

    def save_answers(self, answers: dict) -> None:
        self.request.session[SESSION_KEY] = answers

    def step(self) -> int:
        names = [name for name, _label, _form in STEPS]
        wanted = self.request.GET.get("step", "site")
        index = names.index(wanted) if wanted in names else 0
        answers = self.answers()
        missing = next((i for i, n in enumerate(names) if n not in answers), None)
        return index if missing is None else min(index, missing)

    def form_for(self, index, data=None, files=None):
        name, _label, form_class = STEPS[index]
        initial = self.answers().get(name) or self.initial_for(name)
        return form_class(data, files, initial=initial, prefix=name)

    def initial_for(self, name: str) -> dict:
        if name != "look":
            return {}
        template = Site.objects.filter(
            pk=self.answers().get("site", {}).get("template")
        ).first()
        branding = SiteBranding.objects.filter(site=template).first()
        if branding is None:
            return {"primary_color": "#1f4e79", "accent_color": "#b3541e"}
        return {
            "primary_color": branding.primary_color,
            "accent_color": branding.accent_color,
        }

    def get(self, request, *args, **kwargs):
        if request.GET.get("restart"):
            self.save_answers({})
        index = self.step()
        return self.render_to_response(self.context(index, self.form_for(index)))

    def post(self, request, *args, **kwargs):
        index = self.step()
        form = self.form_for(index, request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.context(index, form), status=400)
        name = STEPS[index][0]
        answers = {**self.answers(), name: self.storable(form)}
        self.save_answers(answers)
        if index + 1 < len(STEPS):
            return redirect(self.step_url(STEPS[index + 1][0]))
        return self.create(answers, form)

    @staticmethod
    def storable(form) -> dict:
        """The step's answers as the session can keep them (no file)."""
        values = {}
        for key, value in form.cleaned_data.items():
            if key == "logo":
                continue
            values[key] = value.pk if hasattr(value, "pk") else value
        return values

    def create(self, answers: dict, look_form):
        details = SiteDetails(
            **{k: v for k, v in answers["site"].items() if k != "template"},
            template=Site.objects.filter(pk=answers["site"]["template"]).first(),
            **answers["place"],
            **answers["contact"],
            **answers["look"],
            logo=look_form.cleaned_data.get("logo"),
        )
        try:
            result = microsite_draft_create(details=details, by=self.request.user)
        except ValidationError as error:
            return self.show_errors(error, look_form)
        self.save_answers({})
        messages.success(
            self.request,
            _("Draft site “%(name)s” created: check it, then publish it.")
            % {"name": result.site.site_name},
        )
        return redirect("microsites_admin_site", result.site.pk)

    def show_errors(self, error: ValidationError, look_form):
        """The first step with an error, its answers and the errors shown."""
        fields = getattr(error, "error_dict", {"__all__": error.error_list})
        steps = [STEP_OF_FIELD.get(field, "look") for field in fields]
        names = [name for name, _label, _form in STEPS]
        index = min(names.index(step) for step in steps)
        if names[index] == "look":
            form = look_form
        else:
            stored = self.answers().get(names[index], {})
            form = self.form_for(
                index, {f"{names[index]}-{k}": v for k, v in stored.items()}
            )
            form.is_valid()
        for field, messages_ in fields.items():
            target = field if field in form.fields else None
            for message in messages_:
                form.add_error(target, message)
        return self.render_to_response(self.context(index, form), status=400)

    def step_url(self, name: str) -> str:
        return f"{reverse('microsites_admin_create')}?step={name}"

    def context(self, index: int, form) -> dict:
        answers = self.answers()
        last = index == len(STEPS) - 1
        return self.get_context_data(
            form=form,
            steps=[
                {
                    "name": name,
                    "label": label,
                    "url": self.step_url(name),
                    "current": i == index,
                    "done": name in answers,
                }
                for i, (name, label, _form) in enumerate(STEPS)
            ],
            step_number=index + 1,
            step_count=len(STEPS),
            step_label=STEPS[index][1],
            summary=self.summary(answers) if last else [],
            placeholders=placeholders.PLACEHOLDERS.items() if index == 0 else (),
            action_url=self.step_url(STEPS[index][0]),
            submit_button_label=_("Create the draft site") if last else _("Next"),
            submit_button_active_label=_("Creating…") if last else _("Next"),
            previous_url=self.step_url(STEPS[index - 1][0]) if index else "",
        )

    def summary(self, answers: dict) -> list[tuple[str, str]]:
        from . import places

        site = answers.get("site", {})
        place = answers.get("place", {})
        contact = answers.get("contact", {})
        template = Site.objects.filter(pk=site.get("template")).first()
        department = places.department_find(place.get("department", ""))
        return [
            (_("Site name"), site.get("name", "")),
            (_("Hostname"), site.get("hostname", "")),
            (_("Start from the site"), str(template.site_name if template else "")),
            (
                _("Address"),
                f"{place.get('address', '')}, {place.get('postal_code', '')} "
                f"{place.get('city', '')}",
            ),
            (_("Department"), str(department or "")),
            (_("Phone"), contact.get("phone", "")),
            (_("E-mail"), contact.get("email", "")),
        ]


class MicrositeDraftView(WagtailAdminTemplateMixin, TemplateView):
    """A site's state: draft or live, its pages with preview links, what to
    check before publishing, and the "Publish the site" button."""

    template_name = "microsites/admin/site_status.html"
    page_title = gettext_lazy("Microsite")
    header_icon = "site"

    def dispatch(self, request, *args, pk, **kwargs):
        self.site = get_object_or_404(
            selectors.microsite_sites().select_related("root_page"), pk=pk
        )
        if not (
            can_manage_sites(request.user) or can_publish_site(request.user, self.site)
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return self.site.site_name or self.site.hostname

    def get_breadcrumbs_items(self):
        return [
            *super().get_breadcrumbs_items(),
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            site=self.site,
            report=selectors.site_draft_report(self.site),
            can_publish=can_publish_site(self.request.user, self.site),
            publish_url=reverse("microsites_admin_publish", args=[self.site.pk]),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        if not can_publish_site(request.user, self.site):
            raise PermissionDenied
        try:
            count = microsite_publish(site=self.site, by=request.user)
        except SiteNotReady as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect("microsites_admin_site", self.site.pk)
        messages.success(
            request,
            _("“%(name)s” is live: %(count)d pages published.")
            % {"name": self.site.site_name, "count": count},
        )
        return redirect("microsites_admin_site", self.site.pk)
