"""The hub's login form: Django's, plus a clear word when the directory is down."""

from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


class CompanyAuthenticationForm(AuthenticationForm):
    """When LDAP did not answer (hub.sso.ldap sets request.directory_unavailable),
    "wrong password" would be a lie: say the directory is unavailable and that
    local accounts still work."""

    directory_unavailable_message = _(
        "The company directory is not answering, so your password could not be "
        "checked. Try again in a few minutes; local accounts can still sign in."
    )

    def get_invalid_login_error(self):
        if getattr(self.request, "directory_unavailable", False):
            return ValidationError(
                self.directory_unavailable_message, code="directory_unavailable"
            )
        return super().get_invalid_login_error()
