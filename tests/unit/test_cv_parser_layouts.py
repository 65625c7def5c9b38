"""General layout and wording rules of the heuristic CV parser, each on a small document made here:
labels in a left column, headers in unusual orders, two-digit years, soft returns, two-line
certificates, typed skill lists and lower-case language names."""

import io

import docx
from fpdf import FPDF

from vitae.cvparse import parse_document
from vitae.cvparse.dates import find_span
from vitae.cvparse.sections import heading_kind


def docx_bytes(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def paragraphs_docx(lines: list[str], bold: tuple[str, ...] = (), bullets: tuple[str, ...] = ()) -> bytes:
    """A document of plain paragraphs; those in `bold` bold, those in `bullets` list items."""
    document = docx.Document()
    for text in lines:
        paragraph = document.add_paragraph(style="List Bullet" if text in bullets else None)
        paragraph.add_run(text).bold = text in bold
    return docx_bytes(document)


def contact(lines: list[str]) -> list[str]:
    return ["Ingrid Solberg", "ingrid.solberg@example.org | +47 912 34 567", *lines]


def test_docx_section_labels_in_a_left_column_table():
    document = docx.Document()
    document.add_paragraph().add_run("Ingrid Solberg").bold = True
    document.add_paragraph("ingrid.solberg@example.org")
    table = document.add_table(rows=3, cols=2)
    rows = [("Experience", ["Harbour Pilot", "Nordfjord Shipping AS, Bergen", "2017 – 2023",
                            "Guided cargo vessels through the fjord approaches."]),
            ("Education", ["Bachelor of Science in Nautical Science", "Western Norway University", "2013 – 2016"]),
            ("Skills", ["Bridge resource management · ECDIS · Ship handling"])]
    for row, (label, content) in zip(table.rows, rows, strict=True):
        row.cells[0].text = label
        row.cells[1].text = content[0]
        for text in content[1:]:
            row.cells[1].add_paragraph(text)
    data = parse_document(docx_bytes(document)).data
    assert [(w.position, w.name, w.startDate) for w in data.work] == [
        ("Harbour Pilot", "Nordfjord Shipping AS", "2017")]
    assert data.education[0].institution == "Western Norway University"
    assert [s.name for s in data.skills] == ["Bridge resource management", "ECDIS", "Ship handling"]


def test_pdf_section_labels_in_the_left_margin():
    pdf = FPDF(format="A4")
    pdf.core_fonts_encoding = "windows-1252"
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 20)
    pdf.cell(0, 10, "Ingrid Solberg", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 10)
    pdf.cell(0, 6, "ingrid.solberg@example.org", new_x="LMARGIN", new_y="NEXT")

    def block(label: str, lines: list[str]) -> None:
        pdf.set_font("Helvetica", "B", 10)
        pdf.cell(35, 6, label)
        pdf.set_font("Helvetica", "", 10)
        for text in lines:
            pdf.set_x(50)
            pdf.cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)

    block("Work", ["Harbour Pilot", "Nordfjord Shipping AS, Bergen - 2017 - 2023",
                   "- Guided cargo vessels through the fjord approaches."])
    block("Tools", ["ECDIS, Radar plotting, Ship handling"])
    data = parse_document(bytes(pdf.output())).data
    assert [(w.position, w.name) for w in data.work] == [("Harbour Pilot", "Nordfjord Shipping AS")]
    assert [s.name for s in data.skills] == ["ECDIS", "Radar plotting", "Ship handling"]


def test_headings_named_by_their_last_noun():
    assert heading_kind("Academic Appointments") == "experience"
    assert heading_kind("Career History") == "experience"
    assert heading_kind("Education & Training") == "education"


def test_two_digit_years_count_only_as_a_range():
    assert (find_span("03/18 – present").start, find_span("03/18 – present").current) == ("2018-03", True)
    assert (find_span("05/09 - 11/12").start, find_span("05/09 - 11/12").end) == ("2009-05", "2012-11")
    assert find_span("3/4 of the budget") is None


def test_dates_and_employer_above_the_position():
    data = parse_document(paragraphs_docx(contact([
        "Experience", "2019-present | Fjordline Ferries, Stavanger", "Deck Officer",
        "• Kept the bridge watch on night crossings.",
        "2015-2019 | Coastal Freight, Ålesund", "Second Officer",
        "• Handled mooring and cargo lashing."]), bold=("Experience",))).data
    assert [(w.position, w.name, w.startDate) for w in data.work] == [
        ("Deck Officer", "Fjordline Ferries", "2019"), ("Second Officer", "Coastal Freight", "2015")]


def test_position_dash_employer_with_commas_and_a_city_in_brackets():
    data = parse_document(paragraphs_docx(contact([
        "Employment", "Senior Counsel — Berg, Holm & Lie Advokater", "Oslo · Jan 2020 to date",
        "• Advise on shipping finance.", "Harbour Authority (Tromsø)", "Port Engineer · Mar 2014 — Dec 2019",
        "• Designed quay extensions."]), bold=("Employment",))).data
    assert [(w.position, w.name) for w in data.work] == [("Senior Counsel", "Berg, Holm & Lie Advokater"),
                                                         ("Port Engineer", "Harbour Authority")]


def test_unit_after_a_comma_stays_in_the_position_and_an_employer_blurb_is_no_job():
    data = parse_document(paragraphs_docx(contact([
        "Experience", "Charge Nurse, Intensive Care Unit\tMay 2020 — present", "St. Olav Hospital, Trondheim",
        "Regional trauma centre with 900 beds serving central Norway.",
        "• Led a team of eight nurses on night shifts.", "• Introduced a delirium screening round."]),
        bold=("Experience",))).data
    assert len(data.work) == 1
    job = data.work[0]
    assert (job.position, job.name, job.startDate) == (
        "Charge Nurse, Intensive Care Unit", "St. Olav Hospital", "2020-05")
    assert job.highlights == ["Led a team of eight nurses on night shifts.", "Introduced a delirium screening round."]


def test_soft_return_inside_a_bullet_keeps_one_highlight():
    document = docx.Document()
    for text in ("Ingrid Solberg", "ingrid.solberg@example.org"):
        document.add_paragraph(text)
    document.add_paragraph().add_run("Experience").bold = True
    document.add_paragraph("Harbour Pilot\t2017 – 2023")
    document.add_paragraph("Nordfjord Shipping AS, Bergen")
    item = document.add_paragraph(style="List Bullet")
    item.add_run("Guided cargo vessels through the fjord")
    item.add_run().add_break()
    item.add_run("approaches in all weathers.")
    data = parse_document(docx_bytes(document)).data
    assert data.work[0].highlights == ["Guided cargo vessels through the fjord approaches in all weathers."]


def test_executive_degree_and_school_with_a_city():
    data = parse_document(paragraphs_docx(contact([
        "Education", "Executive MBA — Nordic Business School, 2018 – 2020",
        "Bachelor of Science in Economics", "École supérieure de commerce – Lyon, France", "2010 – 2013"]),
        bold=("Education",))).data
    assert [(e.studyType, e.area, e.institution) for e in data.education] == [
        ("Executive MBA", None, "Nordic Business School"),
        ("Bachelor of Science", "Economics", "École supérieure de commerce")]


def test_certificate_with_its_issuer_on_the_next_line():
    data = parse_document(paragraphs_docx(contact([
        "Certificates", "Offshore Survival Training", "Maritime Safety Board · 2021",
        "Dynamic Positioning Operator", "Nautical Institute · 2019"]), bold=("Certificates",))).data
    assert [(c.name, c.issuer, c.date) for c in data.certificates] == [
        ("Offshore Survival Training", "Maritime Safety Board", "2021"),
        ("Dynamic Positioning Operator", "Nautical Institute", "2019")]


def test_skills_grid_typed_dashes_and_brackets_of_details():
    data = parse_document(paragraphs_docx(contact([
        "Key Skills", "– Route planning\t– Cargo stowage", "• Chartering\t• Voyage costing",
        "Freight analysis (spot, time charter), Python (Pandas, NumPy)"]), bold=("Key Skills",))).data
    assert [s.name for s in data.skills] == ["Route planning", "Cargo stowage", "Chartering", "Voyage costing",
                                             "Freight analysis (spot, time charter)", "Python", "Pandas", "NumPy"]


def test_languages_in_lower_case_and_a_level_with_its_grade():
    data = parse_document(paragraphs_docx(contact([
        "Languages", "Norwegian – Native · English – Advanced (C1)", "nynorsk (fluent)"]),
        bold=("Languages",))).data
    assert [(entry.language, entry.fluency) for entry in data.languages] == [
        ("Norwegian", "Native"), ("English", "Advanced (C1)"), ("nynorsk", "fluent")]


def test_location_after_an_icon_and_a_district():
    data = parse_document(paragraphs_docx(["Ingrid Solberg", "⌂ Grünerløkka, Oslo, Norway",
                                           "ingrid.solberg@example.org"])).data
    assert data.basics.location.city == "Oslo"
