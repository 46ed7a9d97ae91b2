import pytest
from django.core.exceptions import ValidationError

from prospecting import normalize


@pytest.mark.parametrize(
    "raw,expected",
    [
        ("05 56 12 34 56", "+33556123456"),
        ("+33 (0)5 56 12 34 56", "+33556123456"),
        ("0033556123456", "+33556123456"),
        ("06.12.34.56.78", "+33612345678"),
        ("+32 2 555 12 12", "+3225551212"),
        ("", ""),
    ],
)
def test_phone_is_normalized_to_e164(raw, expected):
    assert normalize.normalize_phone(raw) == expected


@pytest.mark.parametrize(
    "raw", ["12", "05 56 12 34", "appelez-moi", "+33 5 56 12 34 56 78"]
)
def test_bad_phone_is_refused(raw):
    with pytest.raises(ValidationError):
        normalize.normalize_phone(raw)


def test_siren_and_siret_luhn():
    assert normalize.normalize_siren("732 829 320") == "732829320"
    assert normalize.normalize_siret("732 829 320 00074") == "73282932000074"
    with pytest.raises(ValidationError):
        normalize.normalize_siren("732829321")
    with pytest.raises(ValidationError):
        normalize.normalize_siren("12345")
    with pytest.raises(ValidationError):
        normalize.normalize_siret("73282932000075")
    # La Poste establishments follow their own key rule.
    assert normalize.normalize_siret("35600000000048") == "35600000000048"


def test_domains_ignore_www_freemail_and_directories():
    assert normalize.domain_of("https://www.clotures-martin.fr/contact") == (
        "clotures-martin.fr"
    )
    assert (
        normalize.company_domain("", "jean@clotures-martin.fr") == "clotures-martin.fr"
    )
    assert normalize.company_domain("", "jean@gmail.com") == ""
    assert normalize.company_domain("https://fr.linkedin.com/company/x", "") == ""


def test_name_key_drops_accents_case_and_legal_forms():
    assert normalize.name_key("Clôtures MARTIN SARL") == "clotures martin"
    assert normalize.name_key("SAS") == "sas"
