"""Dates and date ranges in every style CVs use, to JSON Resume's ISO 8601 strings."""

import itertools
import re

import pytest

from vitae.cvparse.dates import find_span, strip_span, to_iso
from vitae.cvparse.vocabulary import alternation, month_names

# (written, startDate, endDate); endDate None: current ("Present"), or a single date
RANGES = [
    ("Jan 2020 – Present", "2020-01", None),
    ("Jan 2020 - Present", "2020-01", None),
    ("January 2020 — present", "2020-01", None),
    ("2019-03 to 2021-07", "2019-03", "2021-07"),
    ("03/2019 - 07/2021", "2019-03", "2021-07"),
    ("3/2019 – 7/2021", "2019-03", "2021-07"),
    ("2018 – 2020", "2018", "2020"),
    ("2018-2020", "2018", "2020"),
    ("2018—2020", "2018", "2020"),
    ("2019–21", "2019", "2021"),
    ("March 2017 - Current", "2017-03", None),
    ("09.2016 – today", "2016-09", None),
    ("Sept. 2015 – Jun 2018", "2015-09", "2018-06"),
    ("Sept 2015 - June 2018", "2015-09", "2018-06"),
    ("Oct 2018 — Dec 2019", "2018-10", "2019-12"),
    ("since 2021", "2021", None),
    ("Since March 2021", "2021-03", None),
    ("2015 to date", "2015", None),
    ("2021 – now", "2021", None),
    ("2021 –", "2021", None),
    ("Jan – Mar 2020", "2020-01", "2020-03"),
    ("Mar '19 – Jun '21", "2019-03", "2021-06"),
    ("2019/03 – 2020/05", "2019-03", "2020-05"),
    ("Juni 2019 – heute", "2019-06", None),
    ("(2012 - 2016)", "2012", "2016"),
    ("Spring 2019 – Fall 2020", "2019", "2020"),
]


@pytest.mark.parametrize("written, start, end", RANGES, ids=[r[0] for r in RANGES])
def test_ranges(written, start, end):
    span = find_span(written)
    assert span is not None and not span.single
    assert (span.start, span.end) == (start, end)
    assert span.current is (end is None)
    assert 0 < span.confidence <= 1


SINGLES = [
    ("Sept. 2015", "2015-09"),
    ("May 2022", "2022-05"),
    ("2016", "2016"),
    ("03/2017", "2017-03"),
    ("15.03.2019", "2019-03-15"),
    ("2019-03-15", "2019-03-15"),
    ("März 2018", "2018-03"),
]


@pytest.mark.parametrize("written, iso", SINGLES, ids=[s[0] for s in SINGLES])
def test_single_dates(written, iso):
    span = find_span(written)
    assert span is not None and span.single and not span.current
    assert span.start == iso
    assert to_iso(written) == iso


def test_a_range_is_found_inside_a_line_and_can_be_cut_out():
    line = "Senior Engineer — Acme GmbH | Jan 2020 – Present"
    span = find_span(line)
    assert (span.start, span.end, span.current) == ("2020-01", None, True)
    assert strip_span(line, span) == "Senior Engineer — Acme GmbH"
    line = "Analyst at Tencent (2016 - 2019), Shenzhen"
    assert strip_span(line, find_span(line)) == "Analyst at Tencent\tShenzhen"


def test_month_precision_is_more_certain_than_a_year():
    assert find_span("Jan 2020 – Mar 2021").confidence > find_span("2020 – 2021").confidence


@pytest.mark.parametrize("text", ["13/2019 - 14/2020", "Python 3.11", "+49 30 901820", "2021 – 2019"])
def test_what_is_not_a_range(text):
    span = find_span(text)
    assert span is None or span.single


@pytest.mark.parametrize("text", ["Room 42", "ISO 27001 auditor", "version 1.2.3"])
def test_what_is_no_date_at_all(text):
    assert find_span(text) is None


def test_a_word_list_as_a_prefix_tree_matches_as_its_longest_first_alternation():
    words = ["jan", "janv.", "janvier", "june", "jun", "ju", "d.d.", "to date", "GCSE", "gcses", "sept", "sep"]
    plain = "(?:" + "|".join(sorted(map(re.escape, set(words)), key=len, reverse=True)) + ")"
    tree = alternation(words, ignorecase=True)
    assert tree != plain
    texts = ["Janvier 2020", "janv. 2020", "JUNE", "jun.", "d.d. to date", "GCSEs", "Sept 2019", "sep", "juxtapose"]
    for text, after in itertools.product(texts, ("", r"\.?", r"(?!\w)", r"\s+\d")):
        found = [m.span() for m in re.finditer(tree + after, text, re.IGNORECASE)]
        assert found == [m.span() for m in re.finditer(plain + after, text, re.IGNORECASE)], (text, after)
    # a phrase's spaces are any run of white space, as "\\s+" after re.escape has them
    spaced = alternation(["higher national diploma", "higher national certificate", "higher diploma"], spaces=True)
    assert re.fullmatch(spaced, "Higher  National\tDiploma", re.IGNORECASE)
    assert not re.fullmatch(spaced, "higher nationaldiploma")
    # letters one case-insensitive character matches ("i" and the dotless "\u0131" both match "I"): as written
    assert alternation(["mayis", "may\u0131s"]) in ("(?:mayis|may\u0131s)", "(?:may\u0131s|mayis)")
    months = re.compile(alternation(month_names()) + r"\.?", re.IGNORECASE)
    assert months.fullmatch("Décembre") and months.fullmatch("STYCZNIA") and not months.fullmatch("decembe")
