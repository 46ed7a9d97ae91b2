"""Property-based tests (hypothesis) for the parsers that eat user text: the wiki
[[link]] parser, intake normalization (phone, SIREN, website/domain) and the CSV
reader of the lead import."""

from __future__ import annotations

import csv
import io
import re

import pytest
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from prospecting import imports, normalize
from wiki import links

FAST = settings(
    max_examples=150,
    deadline=None,
    derandomize=True,  # the same examples on every CI run; no flaky reds
    suppress_health_check=[HealthCheck.too_slow],
)
ANCHOR = re.compile(
    r'<a class="wikilink[^"]*" href="[^"<>]*"( rel="nofollow")? title="[^"<>]*">|</a>'
)


# --- wiki links ---------------------------------------------------------------


@FAST
@given(st.text(max_size=300))
@example('[[<script>alert(1)</script>]] "><img src=x onerror=alert(1)>')
@example("[[a|<img src=x onerror=alert(1)>]]")
@example("[[&lt;script&gt;]]")
@example("[[x|&lt;img src=x onerror=alert(1)&gt;]]")
def test_rendered_links_never_carry_markup_from_the_text(text):
    """Whatever the text, the only tags in the output are our own anchors."""
    link_map = {links.title_key("Panneau"): ("/wiki/p/", 'Pan"neau')}
    rendered = str(links.render_text_links(text, link_map, category_id=3))
    assert "<" not in ANCHOR.sub("", rendered)
    assert ">" not in ANCHOR.sub("", rendered)


TITLE = st.text(
    alphabet=st.characters(
        blacklist_characters="[]|<>\n&", blacklist_categories=("Cs", "Cc")
    ),
    min_size=1,
    max_size=60,
).filter(lambda t: t.strip())


@FAST
@given(TITLE, st.text(max_size=40), st.text(max_size=40))
def test_a_linked_title_is_found_whatever_surrounds_it(title, before, after):
    text = f"{before.replace('[', '(')} [[{title}]] {after.replace(']', ')')}"
    found = [links.title_key(t) for t in links.find_titles(text)]
    assert links.title_key(" ".join(title.split())) in found


@FAST
@given(st.text(max_size=100))
@example("𝑨")  # found by hypothesis: case folded before NFKD made it "A"
def test_title_key_is_idempotent(title):
    key = links.title_key(title)
    assert links.title_key(key) == key


# --- intake normalization -------------------------------------------------------


FRENCH_NUMBER = st.tuples(
    st.sampled_from("123456789"), st.text(alphabet="0123456789", min_size=8, max_size=8)
).map(lambda t: t[0] + t[1])


@FAST
@given(FRENCH_NUMBER, st.sampled_from(["{0} ", "{0}.", "{0}-", "{0}"]))
def test_every_way_of_typing_a_french_number_gives_one_e164(nine, separator):
    pairs = [nine[i : i + 2] for i in range(1, 9, 2)]
    sep = separator.format("")
    national = "0" + nine[0] + sep + sep.join(pairs)
    forms = [national, "+33 " + nine, "+33 (0)" + nine, "0033" + nine, nine]
    assert {normalize.normalize_phone(f) for f in forms} == {"+33" + nine}


@FAST
@given(st.text(max_size=40))
@example("+")
@example("00")
@example("(0)")
def test_phone_normalization_either_answers_e164_or_a_validation_error(value):
    try:
        result = normalize.normalize_phone(value)
    except ValidationError:
        return
    assert result == "" or re.fullmatch(r"\+\d{8,15}", result)


def _with_luhn_key(eight: str) -> str:
    for key in "0123456789":
        if normalize.luhn_ok(eight + key):
            return eight + key
    raise AssertionError("unreachable")


@FAST
@given(
    st.text(alphabet="0123456789", min_size=8, max_size=8),
    st.sampled_from([" ", "", ".", "  "]),
)
def test_a_valid_siren_is_accepted_however_it_is_spaced(eight, sep):
    siren = _with_luhn_key(eight)
    typed = sep.join([siren[:3], siren[3:6], siren[6:]])
    assert normalize.normalize_siren(typed) == siren


@FAST
@given(st.text(alphabet="0123456789", min_size=9, max_size=9))
def test_a_siren_with_a_wrong_key_is_refused(digits):
    if normalize.luhn_ok(digits):
        return
    with pytest.raises(ValidationError):
        normalize.normalize_siren(digits)


@FAST
@given(st.text(max_size=60))
@example("[")
@example("http://[::1")
@example("https://exa mple.com")
@example("javascript:alert(1)")
def test_website_and_domain_never_crash_and_stay_web_urls(value):
    domain = normalize.domain_of(value)
    assert isinstance(domain, str)
    assert not any(c.isspace() for c in domain)
    try:
        website = normalize.normalize_website(value)
    except ValidationError:
        return
    assert website == "" or website.startswith(("http://", "https://"))
    assert not any(c.isspace() for c in website)


# --- CSV reader ----------------------------------------------------------------

CELL = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    max_size=30,
)
HEADER = st.text(alphabet="abcdefghijklmnopqrstuvwxyzéè", min_size=1, max_size=10)


@FAST
@given(
    # A one-column file has no delimiter to detect: two columns at least.
    headers=st.lists(HEADER, min_size=2, max_size=5, unique=True),
    data=st.data(),
    delimiter=st.sampled_from([";", ",", "\t"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]),
)
def test_csv_reader_reads_back_what_a_spreadsheet_wrote(
    tmp_path_factory, headers, data, delimiter, encoding
):
    cell = CELL
    if encoding == "cp1252":
        cell = CELL.filter(lambda c: _encodable(c, "cp1252"))
    rows = data.draw(
        st.lists(
            st.lists(cell, min_size=len(headers), max_size=len(headers)), max_size=6
        )
    )
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(headers)
    writer.writerows(rows)
    path = tmp_path_factory.mktemp("csv") / "leads.csv"
    path.write_bytes(buffer.getvalue().encode(encoding))

    found_encoding, found_delimiter, found_headers = imports.sniff(path)
    assert found_delimiter == delimiter
    assert found_headers == [h.strip() for h in headers]
    read = [
        values
        for _line, values in imports.iter_rows(path, found_encoding, found_delimiter)
    ]
    expected = [
        dict(zip(headers, row, strict=True))
        for row in rows
        if any(c.strip() for c in row)
    ]
    assert read == expected


def _encodable(text: str, encoding: str) -> bool:
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True
