"""The labelled CV corpus in tests/fixtures/cv, its held-out sets in tests/fixtures/cv/holdout* and its
development sets (tests/fixtures/cv/dev3 to dev20) are sound (every truth validates and is in its document),
and the parser keeps its accuracy on each. The parser is tuned on the corpus, on held-out 1 (a development set
since its blind measurement), on held-out 3 (since held-out 4 was written) and on the development sets, never on
held-outs 2 and 4 to 10 (see the corpus README).
bench/cv_parse.py prints the per-field figures of each."""

import importlib.util
import io
import re
import unicodedata
from collections import Counter
from pathlib import Path

import phonenumbers
import pytest

from vitae.cvparse.schema import CvData

ROOT = Path(__file__).resolve().parents[2]
# The scoring lives with the bench (which must not import tests); loaded from its file, explicitly.
_spec = importlib.util.spec_from_file_location("cv_scoring", ROOT / "bench" / "cv_scoring.py")
cv_scoring = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(cv_scoring)

CORPUS = cv_scoring.corpus()
HOLDOUT = cv_scoring.corpus(cv_scoring.CORPUS / "holdout")
HOLDOUT2 = cv_scoring.corpus(cv_scoring.CORPUS / "holdout2")
HOLDOUT3 = cv_scoring.corpus(cv_scoring.CORPUS / "holdout3")
HOLDOUT4 = cv_scoring.corpus(cv_scoring.CORPUS / "holdout4")
# Held-out 5 (tests/fixtures/cv/holdout5, issue 16: 20 English CVs and 10 in eight other languages, written blind).
HOLDOUT5 = cv_scoring.corpus(cv_scoring.CORPUS / "holdout5")
# Held-out 6 (tests/fixtures/cv/holdout6, issue 16: 20 English CVs from fifteen countries and 10 in nine other
# languages, written blind).
HOLDOUT6 = cv_scoring.corpus(cv_scoring.CORPUS / "holdout6")
# Held-out 7 (tests/fixtures/cv/holdout7, issue 16: 22 English CVs from thirteen countries and 8 in eight other
# languages, written blind to represent what recruiters receive).
HOLDOUT7 = cv_scoring.corpus(cv_scoring.CORPUS / "holdout7")
# Held-out 8 (tests/fixtures/cv/holdout8, issue 16: 24 English CVs from fifteen countries and 6 in six other languages,
# written blind to represent what recruiters receive; 10 fpdf2, 10 reportlab, 10 python-docx).
HOLDOUT8 = cv_scoring.corpus(cv_scoring.CORPUS / "holdout8")
# Held-out 9 (tests/fixtures/cv/holdout9, issue 16: 18 CVs in nine other languages, two each, and 12 English ones with
# the English heading variants, written blind; 10 fpdf2, 10 reportlab, 10 python-docx).
HOLDOUT9 = cv_scoring.corpus(cv_scoring.CORPUS / "holdout9")
# Held-out 10 (tests/fixtures/cv/holdout10, issue 16: 14 English CVs from thirteen countries with the English heading
# variants and 16 in nine other languages, written blind, never tuned on; 10 fpdf2, 10 reportlab, 10 python-docx).
HOLDOUT10 = cv_scoring.corpus(cv_scoring.CORPUS / "holdout10")
DEV3 = cv_scoring.corpus(cv_scoring.CORPUS / "dev3")
DEV4 = cv_scoring.corpus(cv_scoring.CORPUS / "dev4")
DEV5 = cv_scoring.corpus(cv_scoring.CORPUS / "dev5")
DEV6 = cv_scoring.corpus(cv_scoring.CORPUS / "dev6")
DEV7 = cv_scoring.corpus(cv_scoring.CORPUS / "dev7")
DEV8 = cv_scoring.corpus(cv_scoring.CORPUS / "dev8")
# Development set 9 (tests/fixtures/cv/dev9: 25 English CVs from thirteen countries and 5 in five other languages,
# to tune on: federal, academic, functional and executive resumes, positions grouped under one employer).
DEV9 = cv_scoring.corpus(cv_scoring.CORPUS / "dev9")
# Development set 10 (tests/fixtures/cv/dev10: 22 English CVs from nineteen countries and 8 in eight other languages,
# to tune on: timelines, Word nested tables, photo cells and column sections, "at"/"@" entries, month-number dates,
# skills with levels, personal details).
DEV10 = cv_scoring.corpus(cv_scoring.CORPUS / "dev10")
# Development set 11 (tests/fixtures/cv/dev11: 24 English CVs from thirteen countries and 6 in six other languages,
# to tune on: ordinary jobs written the way people write them, odd headings, dates like "Jan '19" and "Since 2020",
# entries without dates or bullets, career breaks, two phones).
DEV11 = cv_scoring.corpus(cv_scoring.CORPUS / "dev11")
# Development set 12 (tests/fixtures/cv/dev12: 24 English CVs from sixteen countries and 6 in six other languages,
# to tune on: running page headers and footers, "(continued)" headings, title lines, referees, icon and labelled
# contact lines, rated skills, students, contractors, veterans, sidebars and header bands, personal details).
DEV12 = cv_scoring.corpus(cv_scoring.CORPUS / "dev12")
# Development set 13 (tests/fixtures/cv/dev13: 26 English CVs from nineteen countries and 4 in French, Spanish,
# Portuguese and Dutch, to tune on: the styles people produce today, job-board and LinkedIn exports, builder
# templates with a coloured sidebar, Google Docs and Word templates, executive, early-career and hourly resumes,
# South Asian, Middle-Eastern, African, British, Australian and American conventions).
DEV13 = cv_scoring.corpus(cv_scoring.CORPUS / "dev13")
# Development set 14 (tests/fixtures/cv/dev14: 26 English CVs from fourteen countries and 4 in German, Italian, Polish
# and Russian, to tune on: long academic CVs, an NHS doctor, a lawyer, teachers, nurses with registration numbers,
# tech resumes with Projects first, creatives and freelancers with clients, table rows per position, header bands,
# odd heading case and numbering, unusual date forms, many short concurrent jobs, gaps, returners, career changers).
DEV14 = cv_scoring.corpus(cv_scoring.CORPUS / "dev14")
# Development set 15 (tests/fixtures/cv/dev15: 24 English CVs from thirteen countries and 6 in Dutch, Russian,
# Ukrainian, Brazilian Portuguese, Swedish and Belgian French, to tune on: federal, functional, sales, hospitality,
# trades, new-grad, consultant, academic, nursing, bilingual Canadian, Indian fresher, designer two-column, Google Docs
# and LaTeX-like, military transition, executive bio, career-break, company-first and Word layout-table resumes).
DEV15 = cv_scoring.corpus(cv_scoring.CORPUS / "dev15")
# Development set 16 (tests/fixtures/cv/dev16: 18 English CVs from fifteen countries and 12 in Dutch, Ukrainian, German
# and French, to tune on: the contact header, street addresses and postcodes in each country's format, districts,
# P.O. boxes, "Based in"/"Location:" lines, relocation notes, national phones, "(0)", extensions, two phones, labels).
DEV16 = cv_scoring.corpus(cv_scoring.CORPUS / "dev16")
# Development set 17 (tests/fixtures/cv/dev17: 26 CVs in Dutch, Ukrainian, German, French, Italian, Spanish, Portuguese,
# Polish and Russian with their national conventions, and 4 English CVs by non-native speakers in Europe, to tune on).
DEV17 = cv_scoring.corpus(cv_scoring.CORPUS / "dev17")
# Development set 18 (tests/fixtures/cv/dev18: 30 English CVs from fifteen countries, to tune on: the heading variants
# people write (Research, Relevant, Teaching, Clinical Experience, Clinical Placements, Leadership, Volunteering,
# Employment/Career History, Academic Background, Qualifications, Core Competencies), contact headers in each country's
# way).
DEV18 = cv_scoring.corpus(cv_scoring.CORPUS / "dev18")
# Development set 19 (tests/fixtures/cv/dev19: 30 English CVs from fifteen countries, to tune on: work headers in every
# arrangement of position, employer, place and dates, promotions, agency and part-time roles, each country's degrees,
# certificates with issuers, dates, IDs and expiry in many orders, the issue's heading variants).
DEV19 = cv_scoring.corpus(cv_scoring.CORPUS / "dev19")
# Development set 20 (tests/fixtures/cv/dev20: 20 CVs in French, German, Spanish, Italian, Portuguese, Dutch, Polish,
# Russian and Ukrainian and 10 English CVs from ten non-English-speaking countries, to tune on: national degree names,
# date forms and present words, legal forms, national phones and addresses, native headings, Europass-like grids).
DEV20 = cv_scoring.corpus(cv_scoring.CORPUS / "dev20")

# The parser is tuned on the corpus and on held-out 1 (tests/fixtures/cv/holdout: blind at F1 0.749, a
# development set since) and scores 1.000 on both. It is deterministic: a drop below a floor is a regression.
F1_FLOOR = 0.97
HOLDOUT_F1_FLOOR = 0.97
# On held-out 2 (tests/fixtures/cv/holdout2, written blind, never tuned on) the parser scored an overall F1 of
# 0.852 (precision 0.936, recall 0.782) when first measured and 0.954 when this floor was set.
HOLDOUT2_F1_FLOOR = 0.94
# Held-out 3 (tests/fixtures/cv/holdout3, issue 16: English variants and nine other languages, written blind,
# a development set since held-out 4 was written) scored 0.744 (English) and 0.420 (the rest) blind, before any
# parser change for issue 16, and 0.976 overall (0.956 and 0.988) when this floor was set.
HOLDOUT3_F1_FLOOR = 0.96
# Held-out 4 (tests/fixtures/cv/holdout4, issue 16: 14 English CVs and 12 in eight other languages, written
# blind, never tuned on) scored 0.898 blind (English 0.890, the rest 0.908) and 0.907 when this floor was set.
HOLDOUT4_F1_FLOOR = 0.89
# Development set 3 (tests/fixtures/cv/dev3, issue 16: the kinds held-out 3 has, written apart from it, to tune
# on) scored 0.805 when first measured and 0.991 when this floor was set.
DEV3_F1_FLOOR = 0.97
# Development set 4 (tests/fixtures/cv/dev4: English layouts and work-entry forms, to tune on) scored 0.884 when
# first measured and 0.981 when this floor was set.
DEV4_F1_FLOOR = 0.96
# Development set 5 (tests/fixtures/cv/dev5: Word documents exported by LibreOffice, 14 English and 6 other
# languages, to tune on) scored 0.895 when first measured and 0.976 when this floor was set.
DEV5_F1_FLOOR = 0.96
# Development set 6 (tests/fixtures/cv/dev6: 20 English CVs from fifteen countries and 8 in six other languages,
# to tune on) scored 0.857 when first measured and 0.992 when this floor was set.
DEV6_F1_FLOOR = 0.97
# Development set 7 (tests/fixtures/cv/dev7: 24 English CVs from twelve countries and 6 in six other languages, to
# tune on) scored 0.882 when first measured (English 0.878) and 0.985 when this floor was set.
DEV7_F1_FLOOR = 0.96
# Development set 8 (tests/fixtures/cv/dev8: 25 English CVs from fourteen countries and 5 in five other languages,
# to tune on: page headers and footers, icon sidebars, Word layout tables) scored 0.889 (English 0.885, the rest
# 0.911) when first measured, 0.974 when this floor was set.
DEV8_F1_FLOOR = 0.95
# Held-out 5 (tests/fixtures/cv/holdout5, issue 16: 20 English CVs and 10 in eight other languages, written blind,
# never tuned on) scored 0.921 blind (English 0.932, the rest 0.897) on the parser it was written against and 0.928
# when this floor was set.
HOLDOUT5_F1_FLOOR = 0.91
# Held-out 6 (written blind, never tuned on) scored 0.898 blind (English 0.903, the rest 0.887) on the parser it was
# written against (e9328a8) and 0.940 (English 0.949, the rest 0.920) when this floor was set.
HOLDOUT6_F1_FLOOR = 0.92
# Development sets 9, 10 and 11 (written apart from the parser, tuned on) scored 0.893, 0.938 (English 0.956) and
# 0.862 (English 0.855) when first measured, 0.991, 0.991 and 0.975 when these floors were set.
DEV9_F1_FLOOR = 0.97
DEV10_F1_FLOOR = 0.97
DEV11_F1_FLOOR = 0.95
# Held-out 7 (written blind, never opened) scored 0.935 blind (English 0.932, the rest 0.943) on the parser it was
# written against (dee5103) and 0.934 when this floor was set; held-out 8 (written blind, never opened) scored 0.949
# (English 0.959, the rest 0.906) when first measured (51a8986) and 0.948 when this floor was set.
HOLDOUT7_F1_FLOOR = 0.92
HOLDOUT8_F1_FLOOR = 0.93
# Development sets 12, 13 and 14 (written apart from the parser, tuned on) scored 0.894, 0.925 (English 0.915) and
# 0.867 (English 0.873) when first measured, 0.985, 0.985 and 0.955 when these floors were set.
DEV12_F1_FLOOR = 0.97
DEV13_F1_FLOOR = 0.97
DEV14_F1_FLOOR = 0.94
# Held-out 9 (written blind, never opened: the issue's 18 resumes in nine other languages and 12 English ones with its
# heading variants) scored 0.949 blind (English 0.957, the rest 0.944) on the parser it was written against (1d024aa)
# and the same when this floor was set; development set 15 (written apart from the parser, tuned on) scored 0.920
# (English 0.903) when first measured and 0.988 when its floor was set.
HOLDOUT9_F1_FLOOR = 0.93
DEV15_F1_FLOOR = 0.97
# Development set 16 (written apart from the parser, tuned on: contact headers across countries, Dutch and Ukrainian)
# scored 0.974 (phone 0.949, location 0.911) when first measured and 0.980 (phone and location 1.000) when its floor
# was set.
DEV16_F1_FLOOR = 0.96
# Held-out 10 (written blind, never opened: 16 resumes in nine other languages and 14 English ones with the issue's
# heading variants) scored 0.931 blind (English 0.942, the rest 0.922) on the parser it was written against (0bc0267)
# and the same when this floor was set; development sets 17 (other languages, weighted to Dutch, Ukrainian and German)
# and 18 (English heading variants and contact headers), written apart from the parser and tuned on, scored 0.886 and
# 0.940 when first measured and 0.984 and 0.994 when their floors were set.
HOLDOUT10_F1_FLOOR = 0.92
DEV17_F1_FLOOR = 0.97
DEV18_F1_FLOOR = 0.98
# Development set 19 (English work headers, degrees and certificate lines, written apart from the parser and tuned on)
# scored 0.874 when first measured and 0.929 when this floor was set.
DEV19_F1_FLOOR = 0.92
# Development set 20 (written apart from the parser, tuned on: other European languages' degrees, dates, addresses and
# legal forms, and English CVs from ten non-English-speaking countries) scored 0.898 (English 0.887, the rest 0.903)
# when first measured and 0.985 when its floor was set.
DEV20_F1_FLOOR = 0.97


def document_text(path: Path) -> str:
    """Every piece of text in the document, whatever its order: for PDFs, pdfplumber's lines (which
    run across columns) and pdfminer's text boxes (which keep a column's or a cell's lines together)."""
    if path.suffix == ".docx":
        import docx

        def cells(tables):
            for table in tables:
                for row in table.rows:
                    for cell in row.cells:
                        yield cell.text
                        yield from cells(cell.tables)

        document = docx.Document(str(path))
        return "\n".join([p.text for p in document.paragraphs] + list(cells(document.tables)))
    import pdfplumber
    from pdfminer.high_level import extract_text

    with pdfplumber.open(path) as pdf:
        lines = "\n".join(page.extract_text() or "" for page in pdf.pages)
    return lines + "\n" + extract_text(io.BytesIO(path.read_bytes()))


def comparable(text: str) -> str:
    """Casefolded, whitespace collapsed, and no break after a hyphen (renderers wrap lines there)."""
    text = re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text).casefold())
    return re.sub(r"([-‐])\s+", r"\1", text)


def strings(value, path=""):
    if isinstance(value, dict):
        for key, item in value.items():
            yield from strings(item, f"{path}.{key}" if path else key)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from strings(item, f"{path}[{i}]")
    else:
        yield path, value


def languages(documents) -> Counter:
    """Documents per language: the file name's two-letter prefix (en01-..., fr02-...)."""
    return Counter(path.stem[:2] for path, _ in documents)


def kinds(documents) -> Counter:
    """Documents per file type: {".pdf": n, ".docx": m}."""
    return Counter(path.suffix for path, _ in documents)


def pdf_producer(path: Path) -> str:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return str(pdf.metadata.get("Producer", ""))


def producers(documents) -> Counter:
    """PDFs per producing library, from their metadata's first word: {"ReportLab": n, "fpdf2": m}."""
    return Counter((pdf_producer(path).split() or [""])[0] for path, _ in documents if path.suffix == ".pdf")


def size(folder: str) -> int:
    """The bytes of a set's folder (documents, truths, README and generator)."""
    return sum(f.stat().st_size for f in (cv_scoring.CORPUS / folder).iterdir() if f.is_file())


def english_countries(documents) -> set[str]:
    """The countries (ISO 3166-1 codes) the English CVs of a set come from."""
    return {truth["basics"]["location"]["countryCode"] for path, truth in documents if path.stem[:2] == "en"}


def contact_complete(documents, country: bool = False) -> bool:
    """Every truth has an E.164 phone and a city (and a country code, with `country`)."""
    return all(truth["basics"]["phone"].startswith("+") and truth["basics"]["location"]["city"]
               and (not country or truth["basics"]["location"]["countryCode"]) for _, truth in documents)


def stems(documents) -> set[str]:
    return {path.stem for path, _ in documents}


def test_corpus_has_the_variety_it_promises():
    assert len(CORPUS) >= 24 and kinds(CORPUS)[".docx"] >= 6 and size(".") < 3_000_000


def test_holdout_has_the_variety_it_promises():
    assert len(HOLDOUT) >= 12 and kinds(HOLDOUT)[".docx"] >= 4 and size("holdout") < 1_500_000
    assert not stems(HOLDOUT) & stems(CORPUS)


def test_holdout2_has_the_variety_it_promises():
    assert len(HOLDOUT2) >= 12 and kinds(HOLDOUT2)[".docx"] >= 4 and size("holdout2") < 1_500_000
    assert not stems(HOLDOUT2) & stems(CORPUS + HOLDOUT)


def test_holdout3_has_the_variety_it_promises():
    counts = languages(HOLDOUT3)
    assert set(counts) == {"en", "fr", "de", "es", "it", "pt", "nl", "pl", "ru", "uk"}
    assert counts["en"] >= 12 and counts.total() - counts["en"] >= 18 and size("holdout3") < 2_500_000
    assert not stems(HOLDOUT3) & stems(CORPUS + HOLDOUT + HOLDOUT2)


def test_dev3_has_the_variety_it_promises():
    assert {path.stem.split("-")[1] for path, _ in DEV3} == {"en", "fr", "de", "es", "it", "pt", "nl", "pl", "ru", "uk"}
    assert len(DEV3) >= 28 and size("dev3") < 2_000_000
    assert not stems(DEV3) & stems(CORPUS + HOLDOUT + HOLDOUT2 + HOLDOUT3)


def test_dev4_and_dev5_have_the_variety_they_promise():
    assert len(DEV4) >= 20 and kinds(DEV4)[".docx"] >= 6 and kinds(DEV4)[".pdf"] >= 10 and size("dev4") < 2_000_000
    assert len(DEV5) >= 20 and kinds(DEV5)[".docx"] >= 6 and kinds(DEV5)[".pdf"] >= 10 and size("dev5") < 2_500_000


# The sets of 30 with a language prefix: (documents, folder, their languages, how many are English). Each has at least
# 6 Word documents and, from dev 8 on, two thirds PDFs or more.
@pytest.mark.parametrize("documents, folder, codes, english", [
    (DEV7, "dev7", {"en", "de", "es", "pt", "ru", "nl", "it"}, 24),
    (DEV8, "dev8", {"en", "fr", "de", "pl", "es", "uk"}, 25),
    (DEV9, "dev9", {"en", "it", "pt", "nl", "ru", "es"}, 25),
    (DEV10, "dev10", {"en", "fr", "de", "es", "it", "pt", "nl", "pl", "uk"}, 22),
    (DEV11, "dev11", {"en", "de", "fr", "es", "pt", "ru", "pl"}, 24),
], ids=["dev7", "dev8", "dev9", "dev10", "dev11"])
def test_dev7_to_dev11_have_the_variety_they_promise(documents, folder, codes, english):
    assert len(documents) == 30 and set(languages(documents)) == codes and languages(documents)["en"] == english
    assert kinds(documents)[".docx"] >= 6 and size(folder) < 2_500_000
    assert folder == "dev7" or kinds(documents)[".pdf"] >= 20


# The sets of 30 with 10 Word documents and 20 PDFs: (documents, folder, their languages, how many are English, how
# many countries their English CVs come from at least).
@pytest.mark.parametrize("documents, folder, codes, english, countries", [
    (DEV12, "dev12", {"en", "fr", "de", "es", "it", "pl", "sv"}, 24, 10),
    (DEV13, "dev13", {"en", "fr", "es", "pt", "nl"}, 26, 12),
    (DEV14, "dev14", {"en", "de", "it", "pl", "ru"}, 26, 12),
    (DEV15, "dev15", {"en", "nl", "ru", "uk", "pt", "sv", "fr"}, 24, 12),
    (DEV16, "dev16", {"en", "nl", "uk", "de", "fr"}, 18, 14),
    (HOLDOUT7, "holdout7", {"en", "fr", "de", "es", "it", "pt", "nl", "pl", "ru"}, 22, 12),
    (HOLDOUT8, "holdout8", {"en", "fr", "de", "es", "it", "pt", "pl"}, 24, 12),
    (HOLDOUT9, "holdout9", {"en", "fr", "de", "es", "it", "pt", "nl", "pl", "ru", "uk"}, 12, 5),
    (HOLDOUT10, "holdout10", {"en", "fr", "de", "es", "it", "pt", "nl", "pl", "ru", "uk"}, 14, 10),
], ids=["dev12", "dev13", "dev14", "dev15", "dev16", "holdout7", "holdout8", "holdout9", "holdout10"])
def test_sets_of_ten_docx_and_twenty_pdfs_have_the_variety_they_promise(documents, folder, codes, english, countries):
    assert len(documents) == 30 and set(languages(documents)) == codes and languages(documents)["en"] == english
    assert kinds(documents) == {".docx": 10, ".pdf": 20} and len(english_countries(documents)) >= countries
    assert size(folder) < (2_500_000 if folder == "dev12" else 2_000_000)


def test_holdout6_has_the_variety_it_promises():
    assert set(languages(HOLDOUT6)) == {"en", "fr", "de", "es", "it", "pt", "nl", "pl", "ru", "uk"}
    assert len(HOLDOUT6) == 30 and languages(HOLDOUT6)["en"] == 20
    assert kinds(HOLDOUT6)[".docx"] >= 6 and kinds(HOLDOUT6)[".pdf"] >= 18
    assert len(english_countries(HOLDOUT6)) >= 10 and size("holdout6") < 2_500_000


def test_dev16_dev17_and_holdout10_write_every_contact_in_full():
    assert languages(DEV16)["nl"] == 4 and languages(DEV16)["uk"] == 4 and contact_complete(DEV16)
    assert contact_complete(DEV17) and contact_complete(HOLDOUT10, country=True)
    assert not stems(HOLDOUT10) & stems(CORPUS + HOLDOUT9)


def test_dev17_has_the_variety_it_promises():
    assert len(DEV17) == 30 and languages(DEV17) == {"nl": 5, "uk": 5, "de": 4, "fr": 3, "it": 2, "es": 2, "pt": 2,
                                                     "pl": 2, "ru": 1, "en": 4}
    assert kinds(DEV17) == {".docx": 10, ".pdf": 20} and producers(DEV17)["ReportLab"] == 10
    countries = {truth["basics"]["location"]["countryCode"] for _, truth in DEV17}
    assert {"NL", "BE", "UA", "DE", "AT", "CH", "FR", "IT", "ES", "PT", "BR", "PL", "RU"} <= countries
    assert size("dev17") < 2_000_000


# English sets of 10 Word documents, 10 ReportLab and 10 fpdf2 PDFs, with their contacts in full: (documents, folder,
# how many countries they come from at least).
@pytest.mark.parametrize("documents, folder, countries", [(DEV18, "dev18", 15), (DEV19, "dev19", 14)],
                         ids=["dev18", "dev19"])
def test_english_sets_of_three_producers_have_the_variety_they_promise(documents, folder, countries):
    assert len(documents) == 30 and set(languages(documents)) == {"en"}
    assert kinds(documents) == {".docx": 10, ".pdf": 20} and producers(documents) == {"ReportLab": 10, "fpdf2": 10}
    assert len({truth["basics"]["location"]["countryCode"] for _, truth in documents}) >= countries
    assert contact_complete(documents) and size(folder) < 2_000_000


def test_dev19_has_the_entries_it_promises():
    assert sum(len(truth["work"]) for _, truth in DEV19) >= 80 and all(truth["education"] for _, truth in DEV19)
    assert sum(len(truth["certificates"]) for _, truth in DEV19) >= 45


def test_dev20_has_the_variety_it_promises():
    assert languages(DEV20) == {"fr": 3, "de": 3, "es": 2, "it": 2, "pt": 2, "nl": 2, "pl": 2, "ru": 2, "uk": 2,
                                "en": 10}
    assert kinds(DEV20) == {".docx": 10, ".pdf": 20} and producers(DEV20) == {"ReportLab": 10, "fpdf2": 10}
    assert english_countries(DEV20) == {"DE", "PL", "BR", "ES", "NL", "UA", "IT", "FR", "TR", "MX"}
    assert contact_complete(DEV20, country=True) and size("dev20") < 2_000_000


ALL = (CORPUS + HOLDOUT + HOLDOUT2 + HOLDOUT3 + HOLDOUT4 + HOLDOUT5 + HOLDOUT6 + HOLDOUT7 + HOLDOUT8 + HOLDOUT9
       + HOLDOUT10 + DEV3 + DEV4 + DEV5 + DEV6 + DEV7 + DEV8 + DEV9 + DEV10 + DEV11 + DEV12 + DEV13 + DEV14 + DEV15
       + DEV16 + DEV17 + DEV18 + DEV19 + DEV20)


@pytest.mark.parametrize("path, truth", ALL, ids=[str(path.relative_to(cv_scoring.CORPUS)) for path, _ in ALL])
def test_truth_is_valid_and_every_value_is_in_the_document(path, truth):
    assert CvData.model_validate(truth).model_dump(exclude_none=True) == truth
    text = comparable(document_text(path))
    digits = re.sub(r"\D", "", text)
    missing = []
    for where, value in strings(truth):
        if where.endswith("phone"):  # E.164 in the truth, as written in the document
            if str(phonenumbers.parse(value).national_number) not in digits:
                missing.append((where, value))
        elif not where.endswith(("Date", ".date", "countryCode")) and comparable(value) not in text:
            missing.append((where, value))  # dates are normalised, the country code is inferred
    assert not missing


def parser_score(documents) -> cv_scoring.Score:
    from vitae.cvparse import parse_document

    total = cv_scoring.Score()
    for path, truth in documents:
        total += cv_scoring.score(parse_document(path.read_bytes()).data.model_dump(exclude_none=True), truth)
    return total


@pytest.mark.parametrize("documents, floor",
                         [(CORPUS, F1_FLOOR), (HOLDOUT, HOLDOUT_F1_FLOOR), (HOLDOUT2, HOLDOUT2_F1_FLOOR),
                          (HOLDOUT3, HOLDOUT3_F1_FLOOR), (HOLDOUT4, HOLDOUT4_F1_FLOOR), (DEV3, DEV3_F1_FLOOR),
                          (HOLDOUT5, HOLDOUT5_F1_FLOOR), (DEV4, DEV4_F1_FLOOR), (DEV5, DEV5_F1_FLOOR),
                          (DEV6, DEV6_F1_FLOOR), (DEV7, DEV7_F1_FLOOR), (DEV8, DEV8_F1_FLOOR),
                          (HOLDOUT6, HOLDOUT6_F1_FLOOR), (DEV9, DEV9_F1_FLOOR), (DEV10, DEV10_F1_FLOOR),
                          (DEV11, DEV11_F1_FLOOR), (HOLDOUT7, HOLDOUT7_F1_FLOOR), (HOLDOUT8, HOLDOUT8_F1_FLOOR),
                          (DEV12, DEV12_F1_FLOOR), (DEV13, DEV13_F1_FLOOR), (DEV14, DEV14_F1_FLOOR),
                          (HOLDOUT9, HOLDOUT9_F1_FLOOR), (DEV15, DEV15_F1_FLOOR), (DEV16, DEV16_F1_FLOOR),
                          (HOLDOUT10, HOLDOUT10_F1_FLOOR), (DEV17, DEV17_F1_FLOOR), (DEV18, DEV18_F1_FLOOR),
                          (DEV19, DEV19_F1_FLOOR), (DEV20, DEV20_F1_FLOOR)],
                         ids=["corpus", "holdout", "holdout2", "holdout3", "holdout4", "dev3", "holdout5", "dev4",
                              "dev5", "dev6", "dev7", "dev8", "holdout6", "dev9", "dev10", "dev11", "holdout7",
                              "holdout8", "dev12", "dev13", "dev14", "holdout9", "dev15",
                              "dev16", "holdout10", "dev17", "dev18", "dev19", "dev20"])
def test_parser_f1_stays_above_its_floor(documents, floor):
    precision, recall, f1 = parser_score(documents).prf()
    assert f1 >= floor, f"F1 {f1:.3f} (precision {precision:.3f}, recall {recall:.3f})"
