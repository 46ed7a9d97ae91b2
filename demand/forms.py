from django import forms
from django.utils.translation import gettext_lazy as _

from .models import DemandItem, Source


class QueueFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=DemandItem.Status.choices,
        required=False,
    )
    source = forms.ChoiceField(
        label=_("Came from"),
        choices=[("", _("Everywhere"))] + list(Source.choices),
        required=False,
    )


class WriteForm(forms.Form):
    category = forms.TypedChoiceField(label=_("Category"), coerce=int)

    def __init__(self, *args, categories=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.categories = {c.pk: c for c in categories}
        self.fields["category"].choices = [(c.pk, c.title) for c in categories]

    def clean_category(self):
        return self.categories[self.cleaned_data["category"]]


class SynonymForm(forms.Form):
    term = forms.CharField(
        label=_("Word people type"),
        max_length=80,
        help_text=_("For example: galva, brise-vue, portail auto."),
    )
    expansions = forms.CharField(
        label=_("Words the articles use"),
        max_length=255,
        help_text=_("Comma-separated, for example: galvanisé, galvanisation."),
    )
    two_way = forms.BooleanField(label=_("Both ways"), required=False)

    def clean_expansions(self):
        words = [w.strip() for w in self.cleaned_data["expansions"].split(",")]
        words = [w for w in words if w]
        if not words:
            raise forms.ValidationError(_("Give at least one word."))
        return ", ".join(words)


class AnsweredForm(forms.Form):
    page = forms.IntegerField(label=_("Article"), min_value=1)


class DismissForm(forms.Form):
    reason = forms.CharField(label=_("Why (optional)"), max_length=255, required=False)


class FindArticleForm(forms.Form):
    find = forms.CharField(label=_("Find the article"), max_length=100, required=False)
