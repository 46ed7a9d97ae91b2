"""Wagtail admin wiring owned by the hub: administrators reach the background
tasks page from the admin menu."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem


class SuperuserMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser


@hooks.register("register_admin_menu_item")
def register_tasks_menu_item():
    return SuperuserMenuItem(
        _("Background tasks"), reverse("task_list"), icon_name="time", order=10000
    )
