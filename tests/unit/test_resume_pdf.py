"""PDF export internals (issue 11, kind 6): the bound on what an export draws, line breaking by
measured width in any script, and text in composed form."""

import io

import pypdf
import pytest

from vitae.platform.errors import TooLarge
from vitae.resumes import pdf

RESUME = {"title": "T", "template": "modern", "language": "en"}


def test_an_export_past_the_character_bound_is_refused_before_drawing():
    at_limit = [pdf.Block("x" * (pdf.MAX_CHARACTERS // 2), "", 10, 5)] * 2
    pdf.check_size(at_limit, "modern")
    with pytest.raises(TooLarge) as refused:
        pdf.check_size([*at_limit, pdf.Block("y", "", 10, 5)], "modern")
    assert refused.value.code == "resume_too_long_for_pdf"
    assert f"{pdf.MAX_CHARACTERS + 1:,} characters" in refused.value.message


def test_characters_the_main_font_has_do_not_count_as_borrowed():
    accents = "".join(chr(c) for c in range(0x100, 0x17F)) + "ἀἁἂἃ" + "ЀЁЂЃ" * pdf.MAX_BORROWED
    pdf.check_size([pdf.Block(accents, "", 10, 5)], "classic")


@pytest.mark.parametrize("text", [
    "word " * 400,
    "https://example.com/" + "a" * 600,  # one word wider than a line
    "東京都千代田区" * 120,  # no spaces at all
    "Mixed 日本語のテキスト and Latin, 한국어 문장도 함께 " * 30,
])
def test_lines_never_run_past_the_margin_and_lose_no_text(text):
    import pdfplumber

    document = pdf.render(RESUME, [pdf.Block(text, "", 10, 5)])
    extracted = "".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(document)).pages)
    assert "".join(extracted.split()) == "".join(text.split())
    assert len(extracted.splitlines()) > 1
    with pdfplumber.open(io.BytesIO(document)) as reader:
        glyphs = [c for page in reader.pages for c in page.chars]
    millimetres = 25.4 / 72
    assert min(c["x0"] for c in glyphs) * millimetres >= 10 - 0.01  # fpdf2's default margins: 10 mm
    assert max(c["x1"] for c in glyphs) * millimetres <= 200 + 0.01


def test_text_is_drawn_composed():
    block = pdf.Block("Nguye\u0302\u0303n", "", 10, 5)
    assert block.text == "Nguyễn"
