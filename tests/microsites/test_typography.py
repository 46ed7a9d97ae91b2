"""French typography of the public sites, and department phrases in the seeds."""

import pytest
from django.template import Context, Template

from microsites.hours import french_lines, parse, schema_specifications
from microsites.seeding.data import REGIONS
from microsites.typography import NBSP, NNBSP, french_html, french_text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Devis gratuit : sous 48 h !", f"Devis gratuit{NBSP}: sous 48{NBSP}h{NNBSP}!"),
        ("Occultant à 90 % ou 95%", f"Occultant à 90{NBSP}% ou 95{NBSP}%"),
        ("« Super travail »", f"«{NNBSP}Super travail{NNBSP}»"),
        ("Pourquoi ? Parce que ; voilà", f"Pourquoi{NNBSP}? Parce que{NNBSP}; voilà"),
        ("1 200 m² livrés", f"1{NNBSP}200{NBSP}m² livrés"),
        ("Vraiment ?!", f"Vraiment{NNBSP}?!"),
    ],
)
def test_french_text_puts_no_break_spaces(text, expected):
    assert french_text(text) == expected


def test_french_text_is_idempotent_and_leaves_urls_and_times():
    once = french_text("Tél : 05 56 12 34 00 ; 90 % !")
    assert french_text(once) == once
    assert french_text("https://example.fr/?q=1") == "https://example.fr/?q=1"
    assert french_text("à 10:30") == "à 10:30"


def test_french_html_changes_text_only():
    html = (
        '<p><a href="https://a.fr/?x=1&amp;y=2" title="a : b">Voir : ici</a>'
        " &amp; 10 kg !</p>"
    )
    out = french_html(html)
    assert 'href="https://a.fr/?x=1&amp;y=2"' in out and 'title="a : b"' in out
    assert f"Voir{NBSP}: ici" in out and f"10{NBSP}kg{NNBSP}!" in out
    assert "&amp; " in out  # the entity's ";" is not a semicolon


def test_typo_filter_escapes_plain_text_and_keeps_safe_html():
    template = Template("{% load microsite_tags %}{{ text|typo }}|{{ html|typo }}")
    from django.utils.safestring import mark_safe

    out = template.render(
        Context({"text": "<b>90 %</b>", "html": mark_safe("<b>90 %</b>")})
    )
    assert out == f"&lt;b&gt;90{NBSP}%&lt;/b&gt;|<b>90{NBSP}%</b>"


def test_opening_hours_read_shown_in_french_and_as_schema():
    text = "Mo-Fr 08:00-12:00,13:30-18:00; Sa 09:00-12:00"
    assert [o.days for o in parse(text)] == [(0, 1, 2, 3, 4), (5,)]
    assert french_lines(text) == [
        f"Du lundi au vendredi : 8{NBSP}h{NBSP}– 12{NBSP}h, "
        f"13{NBSP}h{NBSP}30{NBSP}– 18{NBSP}h",
        f"Samedi : 9{NBSP}h{NBSP}– 12{NBSP}h",
    ]
    specs = schema_specifications(text)
    assert specs[0] == {
        "@type": "OpeningHoursSpecification",
        "dayOfWeek": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"],
        "opens": "08:00",
        "closes": "12:00",
    }
    assert len(specs) == 3
    for bad in (
        "lundi 8h-12h",
        "Fr-Mo 08:00-12:00",
        "Mo 18:00-08:00",
        "Mo 25:00-26:00",
    ):
        with pytest.raises(ValueError):
            parse(bad)


def test_every_seed_region_has_a_department_with_its_article():
    phrases = {region.department: region.place for region in REGIONS}
    assert all(phrases.values()), phrases
    assert phrases["Alpes-Maritimes"].in_phrase == "dans les Alpes-Maritimes"
    assert phrases["Gironde"].in_phrase == "en Gironde"
    assert phrases["Rhône"].of_phrase == "du Rhône"
    assert phrases["Hérault"].of_phrase == "de l'Hérault"
