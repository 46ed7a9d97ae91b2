"""Wagtail admin form of articles."""

from wagtail.admin.forms import WagtailAdminPageForm


class ArticlePageForm(WagtailAdminPageForm):
    """Each edit starts with an empty "summary of this change": the previous
    revision's note belongs to that revision, not to the next one."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["change_note"] = ""
