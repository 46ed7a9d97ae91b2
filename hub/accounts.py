"""Login with throttling: repeated failures from one address for one username are
slowed down before anyone can guess a password (Django's own view has no limit)."""

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.core.cache import cache
from django.utils.translation import gettext as _

from .ratelimit import client_ip
from .sso.forms import CompanyAuthenticationForm

LOGIN_MAX_FAILURES = getattr(settings, "LOGIN_MAX_FAILURES", 5)
LOGIN_LOCKOUT_SECONDS = getattr(settings, "LOGIN_LOCKOUT_SECONDS", 15 * 60)


def _failure_key(request, username: str) -> str:
    return f"login-failures:{client_ip(request)}:{username.strip().lower()[:150]}"


class ThrottledLoginView(auth_views.LoginView):
    redirect_authenticated_user = True
    authentication_form = CompanyAuthenticationForm

    def get_context_data(self, **kwargs):
        # The "sign in with <provider>" button, when OpenID Connect is set up.
        kwargs["oidc_provider_name"] = settings.OIDC_PROVIDER_NAME
        return super().get_context_data(**kwargs)

    def post(self, request, *args, **kwargs):
        key = _failure_key(request, request.POST.get("username", ""))
        if cache.get(key, 0) >= LOGIN_MAX_FAILURES:
            form = self.get_form()
            form.errors.clear()
            form.add_error(
                None,
                _(
                    "Too many failed attempts. Wait %(minutes)d minutes, or ask an "
                    "administrator to reset your password."
                )
                % {"minutes": LOGIN_LOCKOUT_SECONDS // 60},
            )
            response = self.form_invalid(form)
            response.status_code = 429
            return response
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        if self.request.method == "POST":
            key = _failure_key(self.request, self.request.POST.get("username", ""))
            cache.add(key, 0, LOGIN_LOCKOUT_SECONDS)
            try:
                cache.incr(key)
            except ValueError:  # expired between add and incr
                cache.set(key, 1, LOGIN_LOCKOUT_SECONDS)
        return super().form_invalid(form)

    def form_valid(self, form):
        cache.delete(_failure_key(self.request, form.get_user().get_username()))
        return super().form_valid(form)
