from django import forms
from django.utils.translation import gettext_lazy as _


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), max_length=200, required=False)
    category = forms.IntegerField(label=_("Category"), required=False, min_value=1)


class FeedbackForm(forms.Form):
    helpful = forms.TypedChoiceField(
        label=_("Did this answer your question?"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
    )
    comment = forms.CharField(
        label=_("Comment (optional)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class RecentFilterForm(forms.Form):
    user = forms.CharField(label=_("User"), max_length=150, required=False)
    category = forms.IntegerField(label=_("Category"), required=False, min_value=1)


class CreateArticleForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=255)
    category = forms.IntegerField(label=_("Category"), required=False, min_value=1)

    def clean_title(self):
        title = " ".join(self.cleaned_data["title"].split())
        if not title:
            raise forms.ValidationError(_("Give the article a title."))
        return title


class YearForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)


class AnswerFeedbackForm(forms.Form):
    """ "Est-ce la réponse ?" under the answer card: the question, the passage
    (article + heading anchor) and yes or no."""

    q = forms.CharField(max_length=200)
    page = forms.IntegerField(min_value=1)
    anchor = forms.CharField(max_length=140, required=False)
    helpful = forms.TypedChoiceField(
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
    )
