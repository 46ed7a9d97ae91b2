"""Wagtail admin: "New microsite" (Editors and superusers), the site factory in
one action."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from hub import roles

from . import selectors
from .services import microsite_create


def can_create_sites(user) -> bool:
    return user.is_superuser or roles.is_editor(user)


class MicrositeCreateForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Site name"), max_length=120)
    hostname = forms.CharField(
        label=gettext_lazy("Hostname"),
        max_length=253,
        help_text=gettext_lazy("For example portails-bordeaux.localhost"),
    )
    template = forms.ModelChoiceField(
        label=gettext_lazy("Copy pages and branding from"),
        queryset=None,
        required=False,
        empty_label=gettext_lazy("— starter pages —"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = selectors.microsite_sites()


class MicrositeCreateView(WagtailAdminTemplateMixin, FormView):
    form_class = MicrositeCreateForm
    template_name = "wagtailadmin/generic/form.html"
    page_title = gettext_lazy("New microsite")
    header_icon = "site"

    def dispatch(self, request, *args, **kwargs):
        if not can_create_sites(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            action_url=reverse("microsites_admin_create"),
            submit_button_label=_("Create the site"),
            submit_button_active_label=_("Creating…"),
        )
        return context

    def form_valid(self, form):
        try:
            site = microsite_create(
                name=form.cleaned_data["name"],
                hostname=form.cleaned_data["hostname"],
                template=form.cleaned_data["template"],
                by=self.request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Site “%(name)s” created on %(hostname)s.")
            % {"name": site.site_name, "hostname": site.hostname},
        )
        return redirect("wagtailadmin_explore", site.root_page_id)
