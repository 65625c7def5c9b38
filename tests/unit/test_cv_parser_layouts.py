"""General layout and wording rules of the heuristic CV parser, each on a small document made here:
labels in a left column, headers in unusual orders, two-digit years, soft returns, two-line
certificates, typed skill lists and lower-case language names; in PDFs, headings in small capitals,
shaded bands and rails, dates alone in a rail, and lines wrapped before a wide word."""

import io

import docx
import pytest
from fpdf import FPDF

from vitae.cvparse import parse_document, pdf
from vitae.cvparse.dates import find_span
from vitae.cvparse.lines import GAP, Line, join_wrapped
from vitae.cvparse.sections import heading_kind
from vitae.cvparse.skills import parse_skills


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
    assert heading_kind("CLINICAL PLACEMENTS") == heading_kind("Work Placement") == "experience"
    assert heading_kind("Placement Coordinator") is None
    # "Knowledges", as speakers of languages whose word for skills is "knowledge" write it
    assert heading_kind("Computer knowledges") == heading_kind("Technical Knowledge") == "skills"
    assert heading_kind("Language knowledge") == "languages"
    assert heading_kind("Knowledge Management") is None
    # a presentation of oneself is a summary; presentations given are in no field
    assert heading_kind("Short presentation") == heading_kind("Presentation") == "summary"
    assert heading_kind("Conference Presentations") == heading_kind("PRESENTATIONS") == "other"


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
                                             "Freight analysis (spot, time charter)", "Python (Pandas, NumPy)"]


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


def _a4_pdf() -> FPDF:
    pdf = FPDF(format="A4")
    pdf.core_fonts_encoding = "windows-1252"
    pdf.add_page()
    return pdf


def test_pdf_headings_in_small_capitals_are_whole_words():
    """Small capitals set as a capital at 12 pt and the rest at 9.6 pt arrive from pdfplumber as two
    words with no gap ("R" "ESEARCH"): they are one word, and the heading names its section."""
    pdf = _a4_pdf()
    pdf.set_font("Helvetica", "B", 18)
    pdf.cell(0, 10, "Chinedu Okonkwo", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 10)
    pdf.cell(0, 6, "cokonkwo@umich.edu | okonkwo-lab.engin.umich.edu", new_x="LMARGIN", new_y="NEXT")

    def small_caps(title: str) -> None:
        pdf.ln(2)
        for index, word in enumerate(title.split()):
            if index:
                pdf.set_font("Helvetica", "B", 9.6)
                pdf.cell(pdf.get_string_width(" "), 7, " ")
            for size, text in ((12, word[0]), (9.6, word[1:].upper())):
                pdf.set_font("Helvetica", "B", size)
                pdf.cell(pdf.get_string_width(text), 7, text)
        pdf.ln(8)
        pdf.set_font("Helvetica", "", 10)

    def line(text: str) -> None:
        pdf.cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")

    small_caps("Research Experience")
    line("Assistant Professor, University of Michigan  2021 - present")
    line("- Lead a group of six PhD students.")
    small_caps("Skills")
    line("Polymer synthesis; Python")
    data = parse_document(bytes(pdf.output())).data
    assert [(w.position, w.name, w.startDate) for w in data.work] == [
        ("Assistant Professor", "University of Michigan", "2021")]
    assert [s.name for s in data.skills] == ["Polymer synthesis", "Python"]
    assert data.basics.url == "okonkwo-lab.engin.umich.edu"  # a university's domain


def _rail_pdf(dated_rail: bool) -> bytes:
    """A shaded band over the page's top and a shaded rail down its left (two filled rectangles
    that pdfplumber finds as a "table" of one cell per row), the CV in the main column; with
    `dated_rail`, each entry's dates stand alone in the rail, level with the entry."""
    pdf = _a4_pdf()
    pdf.set_fill_color(40, 60, 120)
    pdf.rect(0, 0, 210, 34, style="F")
    pdf.set_fill_color(232, 236, 245)
    pdf.rect(0, 34, 52, 263, style="F")
    pdf.set_font("Helvetica", "B", 20)
    pdf.set_xy(60, 12)
    pdf.cell(0, 10, "Rhiannon Pryce-Jones")
    pdf.set_font("Helvetica", "", 8)
    for y, text in ((38, "Bristol, United Kingdom"), (42, "rhiannon.pj@example.com"), (46, "+44 117 496 0123")):
        pdf.set_xy(7, y)
        pdf.cell(40, 5, text)
    y = 56

    def main(text: str, style: str = "", size: float = 9.5) -> None:
        nonlocal y
        pdf.set_font("Helvetica", style, size)
        pdf.set_xy(60, y)
        pdf.cell(0, 5, text)
        y += 5.5

    main("PROFESSIONAL EXPERIENCE", "B", 10.5)
    for dates, position, employer in (("Jun 2019 - Present", "Lead Test Rig Engineer", "Airbus, Filton"),
                                      ("Sep 2015 - May 2019", "Mechanical Design Engineer", "GKN Aerospace, Filton")):
        if dated_rail:
            pdf.set_font("Helvetica", "B", 8.5)
            pdf.set_xy(7, y)
            pdf.cell(40, 5, dates)
            y += 5.5
            main(position, "B")
        else:
            main(f"{position}    {dates}", "B")
        main(employer)
        main("- Designed and certified landing-gear test rigs.")
    main("SKILLS", "B", 10.5)
    main("CATIA V5, ANSYS Mechanical, LabVIEW")
    return bytes(pdf.output())


def test_pdf_shading_is_no_table_and_a_rail_holds_the_dates_of_entries():
    for dated_rail in (False, True):
        data = parse_document(_rail_pdf(dated_rail)).data
        assert [(w.position, w.name, w.startDate, w.endDate) for w in data.work] == [
            ("Lead Test Rig Engineer", "Airbus", "2019-06", None),
            ("Mechanical Design Engineer", "GKN Aerospace", "2015-09", "2019-05")], dated_rail
        assert [s.name for s in data.skills] == ["CATIA V5", "ANSYS Mechanical", "LabVIEW"]
        assert data.basics.phone == "+441174960123"


def test_separators_inside_brackets_part_nothing_and_a_post_keeps_its_terms_and_unit():
    data = parse_document(paragraphs_docx(contact([
        "Clinical Experience",
        "Foundation Doctor (FY1–FY2) — Leeds Teaching Hospitals NHS Trust\tAug 2014 – Jul 2016",
        "• Four-month rotations including general surgery.",
        "Senior Physiotherapist – Musculoskeletal Outpatients\tFebruary 2018 – Present",
        "Royal Prince Alfred Hospital, Camperdown", "• Run the knee and hip clinic.",
        "Teaching Experience",
        "Clinical Educator (casual)\tJuly 2019 – Present", "The University of Sydney, Camperdown",
        "• Supervise final-year students."]), bold=("Clinical Experience", "Teaching Experience"))).data
    assert [(w.position, w.name, w.startDate) for w in data.work] == [
        ("Foundation Doctor (FY1–FY2)", "Leeds Teaching Hospitals NHS Trust", "2014-08"),
        ("Senior Physiotherapist – Musculoskeletal Outpatients", "Royal Prince Alfred Hospital", "2018-02"),
        ("Clinical Educator (casual)", "The University of Sydney", "2019-07")]
    assert data.education == []  # "Clinical Educator" is a post, not an Education heading
    assert heading_kind("Clinical Educator", True) is None
    assert heading_kind("Research Interests", True) == "summary"  # not the Spanish "Intereses"
    assert heading_kind("Intereses", True) == "other"


def test_certificate_whose_name_holds_an_en_dash_between_em_dashes():
    data = parse_document(paragraphs_docx(contact([
        "Registration & Courses",
        "General Registration – Physiotherapist — Physiotherapy Board of Australia — 2013",
        "Titled Sports Physiotherapist — Australian Physiotherapy Association — 2021"]),
        bold=("Registration & Courses",))).data
    assert [(c.name, c.issuer, c.date) for c in data.certificates] == [
        ("General Registration – Physiotherapist", "Physiotherapy Board of Australia", "2013"),
        ("Titled Sports Physiotherapist", "Australian Physiotherapy Association", "2021")]


def test_degree_abbreviations_of_medicine_and_a_moderatorship():
    data = parse_document(paragraphs_docx(contact([
        "Education", "MBChB, University of Leeds\t2009–2014",
        "BA (Mod) in Psychology, Trinity College Dublin\t2010–2014"]), bold=("Education",))).data
    assert [(e.studyType, e.area, e.institution) for e in data.education] == [
        ("MBChB", None, "University of Leeds"), ("BA (Mod)", "Psychology", "Trinity College Dublin")]


def test_pdf_line_wrapped_before_a_wide_word():
    """A skills line filled to its frame, wrapped before a word of wide letters: judged with that
    word's own width as the next line sets it, not eleven average letters of the line above (the
    boxes, in points, of a reportlab CV whose dated headers set the right edge at 552.8)."""
    above = Line("Non-invasive ventilation • EBUS-TBNA • Thoracic ultrasound • Pleural procedures • Quality",
                 9.5, box=(48.5, 482.6, 666.5, 676.0))
    below = Line("improvement", 9.5, box=(48.5, 112.5, 679.0, 688.5))
    dated = Line("Core Medical Trainee\tAug 2016 – Jul 2018", 9.5, box=(42.5, 552.8, 600.0, 609.5))
    assert [line.wrapped for line in pdf._mark_wrapped([dated, above, below])] == [False, False, True]
    assert [name for name, _ in parse_skills(join_wrapped([above, below], True))][-1] == "Quality improvement"


def test_units_and_terms_of_a_post_and_a_field_with_its_own_brackets():
    data = parse_document(paragraphs_docx(contact([
        "Teaching Experience",
        "Head of Department – Science, Auckland Grammar School\tJan 2021 – Present", "• Led eleven teachers.",
        "Staff Nurse, Paediatric Surgical Unit\tMar 2017 – Dec 2020", "Starship Children’s Hospital, Auckland",
        "• Cared for post-operative infants.",
        "Mainfreight Ltd\tJun 2014 – Feb 2017", "Operations Manager, Freight Network — Wellington",
        "Platoon Commander (Lieutenant)\tJan 2010 – May 2014", "New Zealand Army",
        "Education", "Graduate Diploma in Teaching (Secondary), University of Waikato\t2019 – 2020"]),
        bold=("Teaching Experience", "Education"))).data
    assert [(w.position, w.name) for w in data.work] == [
        ("Head of Department – Science", "Auckland Grammar School"),
        ("Staff Nurse, Paediatric Surgical Unit", "Starship Children’s Hospital"),
        ("Operations Manager, Freight Network", "Mainfreight Ltd"),
        ("Platoon Commander (Lieutenant)", "New Zealand Army")]
    assert (data.education[0].studyType, data.education[0].area) == ("Graduate Diploma", "Teaching (Secondary)")


def test_a_paragraph_above_bullets_is_a_highlight_when_it_tells_what_the_person_does():
    document = docx.Document()
    document.add_paragraph().add_run("Ingrid Solberg").bold = True
    document.add_paragraph("ingrid.solberg@example.org")
    document.add_paragraph().add_run("Berufserfahrung").bold = True
    table = document.add_table(rows=2, cols=2)
    cells = [("03/2020 – heute", ["Teamleiterin Logistik", "Kühne + Nagel, Hamburg",
                                 "Verantwortlich für das Lager in Hamburg-Billbrook mit 60 Beschäftigten."]),
             ("01/2016 – 02/2020", ["Disponentin", "DB Schenker, Bremen",
                                    "Ein Logistikzentrum für Automobilteile mit 400 Beschäftigten."])]
    for row, (dates, lines) in zip(table.rows, cells, strict=True):
        row.cells[0].text = dates
        row.cells[1].text = lines[0]
        for text in lines[1:]:
            row.cells[1].add_paragraph(text)
        row.cells[1].add_paragraph("Tourenplanung für 40 Fahrzeuge.", style="List Bullet")
    data = parse_document(docx_bytes(document)).data
    assert [w.highlights for w in data.work] == [
        ["Verantwortlich für das Lager in Hamburg-Billbrook mit 60 Beschäftigten.", "Tourenplanung für 40 Fahrzeuge."],
        ["Tourenplanung für 40 Fahrzeuge."]]  # what the employer is, not what she did


def test_a_name_set_over_two_lines_training_as_certificates_and_an_employer_that_lists_its_remit():
    pdf = _a4_pdf()
    pdf.set_font("Helvetica", "", 9)
    pdf.cell(0, 5, "[Photo]", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "B", 16)
    for part in ("Harriet", "Okonjo-Ashworth"):
        pdf.cell(0, 8, part, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 9.5)
    for text in ("harriet@ashworth.studio | harriet.ashworth.design", "Leeds, United Kingdom"):
        pdf.cell(0, 5, text, new_x="LMARGIN", new_y="NEXT")

    def section(title: str, lines: list[str]) -> None:
        pdf.set_font("Helvetica", "B", 11.5)
        pdf.cell(0, 8, title, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", "", 9.5)
        for text in lines:
            pdf.cell(0, 5, text, new_x="LMARGIN", new_y="NEXT")

    section("Experience", ["Senior Policy Adviser - Department for Environment, Food and Rural Affairs    2021 - 2024",
                           "- Led the design of the farming transition fund."])
    section("Training", ["ILM - Level 5 Award in Leadership and Management (2018)",
                         "PRINCE2 Practitioner - AXELOS (2020)"])
    data = parse_document(bytes(pdf.output())).data
    assert (data.basics.name, data.basics.url) == ("Harriet Okonjo-Ashworth", "harriet.ashworth.design")
    assert [(w.position, w.name) for w in data.work] == [
        ("Senior Policy Adviser", "Department for Environment, Food and Rural Affairs")]
    assert [(c.name, c.issuer, c.date) for c in data.certificates] == [
        ("Level 5 Award in Leadership and Management", "ILM", "2018"), ("PRINCE2 Practitioner", "AXELOS", "2020")]
    assert data.education == []


def test_numbered_letter_spaced_and_icon_headings():
    assert [heading_kind(text, True) for text in (
        "01 Profile", "2. Education", "IV. Skills", "W O R K H I S T O R Y", "K E Y S K I L L S",
        "C E R T I F I C A T I O N S & L I C E N C E S", "A B O U T M E", "J O H N S M I T H", "2019 Awards")] == [
        "summary", "education", "skills", "experience", "skills", "certificates", "summary", None, None]
    from vitae.cvparse.sections import split_heading
    assert split_heading(Line("▶ Experience", 11.5, bold=True), None) == ("experience", "")
    assert split_heading(Line("▶ Led the night shift", 10.0), None) is None


def test_a_place_on_its_own_line_a_firm_with_its_city_at_or_bij_and_a_summary_with_a_year():
    data = parse_document(paragraphs_docx([
        "Marcus Liang", "marcus@example.dev | (206) 913-4478",
        "Engineer called to the bar of British Columbia in 2020, advising issuers on financings and mergers.",
        "Experience", "Staff Software Engineer · Zillow\tMar 2022 – Present", "Seattle, WA", "• Led search ranking.",
        "Associate, Corporate & Securities", "Blake, Cassels & Graydon LLP, Vancouver", "September 2019 – March 2022",
        "Financieel Controller bij Coolblue", "Rotterdam | jan. 2016 – aug. 2019",
        "Education", "University of British Columbia\t2012 – 2015", "Juris Doctor",
        "Open Polytechnic of New Zealand | 2010 – 2011", "New Zealand Certificate in Supply Chain Management",
        "Hillcrest High School | 2009", "NCEA Level 2"], bold=("Experience", "Education"))).data
    assert data.basics.summary.startswith("Engineer called to the bar of British Columbia in 2020")
    assert [(w.position, w.name) for w in data.work] == [
        ("Staff Software Engineer", "Zillow"), ("Associate, Corporate & Securities", "Blake, Cassels & Graydon LLP"),
        ("Financieel Controller", "Coolblue")]
    assert [(e.studyType, e.area) for e in data.education] == [
        ("Juris Doctor", None), ("New Zealand Certificate", "Supply Chain Management"), ("NCEA Level 2", None)]


def test_list_lines_left_open_go_on_below():
    data = parse_document(paragraphs_docx(contact([
        "Skills", "Forklift (counterbalance &", "reach)", "Manhattan WMS",
        "Languages", "English – Fluent", "Te Reo Māori –", "Conversational"]), bold=("Skills", "Languages"))).data
    assert [s.name for s in data.skills] == ["Forklift (counterbalance & reach)", "Manhattan WMS"]
    assert [(entry.language, entry.fluency) for entry in data.languages] == [
        ("English", "Fluent"), ("Te Reo Māori", "Conversational")]


def test_a_grade_after_a_title_a_title_after_a_school_and_trade_certificates():
    data = parse_document(paragraphs_docx(contact([
        "Experience", "Secondary School Teacher III (Mathematics)\tJune 2019 – Present",
        "Quezon City Science High School, Quezon City", "Teacher I\tJune 2016 – May 2019",
        "Batasan Hills National High School, Quezon City",
        "Education", "National N3 Certificate: Engineering Studies\t2010 – 2011", "Orbit TVET College",
        "Grade 12 / Matric\t2009", "Tlhabane Technical High School",
        "Trade Certificates & Licences", "Red Seal Trade Test: Diesel Mechanic — merSETA, Nov 2014"]),
        bold=("Experience", "Education", "Trade Certificates & Licences"))).data
    assert [(w.position, w.name) for w in data.work] == [
        ("Secondary School Teacher III (Mathematics)", "Quezon City Science High School"),
        ("Teacher I", "Batasan Hills National High School")]
    assert [(e.studyType, e.area) for e in data.education] == [
        ("National N3 Certificate", "Engineering Studies"), ("Grade 12 / Matric", None)]
    assert [(c.name, c.issuer) for c in data.certificates] == [("Red Seal Trade Test: Diesel Mechanic", "merSETA")]
    assert heading_kind("Master of Arts in Education", True) is None


def test_professional_development_heads_no_skills_and_a_bracketed_term_is_no_employer():
    data = parse_document(paragraphs_docx(contact([
        "Experience", "Healthcare Support Worker (Bank)\tJul 2015 – Aug 2018",
        "Cwm Taf Morgannwg University Health Board, Merthyr Tydfil",
        "Skills", "Triage, Phlebotomy", "Professional Development", "Future Leaders Scheme (2021)",
        "Education", "Tapton School\t2005 – 2012", "GCSEs and A-levels"]),
        bold=("Experience", "Skills", "Professional Development", "Education"))).data
    assert [(w.position, w.name) for w in data.work] == [
        ("Healthcare Support Worker (Bank)", "Cwm Taf Morgannwg University Health Board")]
    assert [s.name for s in data.skills] == ["Triage", "Phlebotomy"]
    assert [(e.institution, e.studyType) for e in data.education] == [("Tapton School", "GCSEs and A-levels")]


def test_post_nominals_that_fit_two_ways_and_separators_in_brackets_on_long_lines():
    """A name line of many "AB-C" pieces that does not end in one: stripping post-nominals backtracked
    exponentially (2^40 ways here) when one pattern matched the whole run. Splitting outside brackets
    keeps its meaning (a bracket's commas part nothing) without a lookahead scanning to the line's end."""
    from vitae.cvparse.contact import find_name
    from vitae.cvparse.entries import parse_certificates, parse_languages

    body = [Line("body text", 10.0)] * 3
    bomb = Line("Jo Smith" + ", AB-C" * 40 + " x", 20.0)
    assert find_name([bomb], [bomb, *body]) is None
    named = Line("Tyler Brennan, PA-C, MBA", 20.0)
    assert find_name([named], [named, *body]) == ("Tyler Brennan", 0.92)
    assert [name for name, _ in parse_skills([Line("Python (Django, Flask), Go / Rust, SQL")])] == [
        "Python (Django, Flask)", "Go / Rust", "SQL"]
    assert [name for name, _ in parse_skills([Line("Python / (pandas / NumPy) / SQL")])] == [
        "Python", "(pandas / NumPy)", "SQL"]
    assert [name for name, _ in parse_skills([Line("Go, " * 5000)])] == ["Go"]
    assert [entry["language"][0] for entry in parse_languages([Line("English (native, C2), German / French")])] == [
        "English", "German", "French"]
    # An acronym with what it stands for in brackets is one name, not a name and its issuer.
    assert [(c["name"][0], "issuer" in c) for c in parse_certificates([
        Line("PMP (Project Management Professional)"), Line("CCNA (Cisco Certified Network Associate), 2019")])] == [
        ("PMP (Project Management Professional)", False), ("CCNA (Cisco Certified Network Associate)", False)]


def test_items_and_headings_longer_than_any_are_not_read():
    """A 50,000-character line is no skill, language or heading (lines.MAX_ITEM_CHARS): the item rules'
    backtracking patterns and the label pattern took 8-10 s each on such a line; now it is passed over
    (and, like every line, fails nothing)."""
    from vitae.cvparse.entries import parse_languages

    for text in ("(a " * 17000, "(" * 50000, "Languages " * 5000):
        assert parse_skills([Line(text)]) == []
        assert parse_languages([Line(text)]) == []
        assert heading_kind(text, True) is None
    assert [name for name, _ in parse_skills([Line("Languages:Python, Go"), Line("1C:ERP, SQL")])] == [
        "Python", "Go", "1C:ERP", "SQL"]


def test_an_office_after_the_dash_is_the_employers_and_a_school_leaving_name_ending_in_a_bracket():
    data = parse_document(paragraphs_docx(contact([
        "Work Experience",
        "Assistant Engineer, Building Division-2 — Public Works Department, Government of Uttar Pradesh",
        "Lucknow | Jul 2019 – Till Date", "• Supervise construction of hospital buildings",
        "Education", "Senior Secondary (Class XII)\tKendriya Vidyalaya Gomti Nagar, Lucknow\t2012\t91.2%"]),
        bold=("Work Experience", "Education"))).data
    assert [(w.position, w.name) for w in data.work] == [
        ("Assistant Engineer, Building Division-2", "Public Works Department, Government of Uttar Pradesh")]
    assert [(e.studyType, e.institution, e.area) for e in data.education] == [
        ("Senior Secondary (Class XII)", "Kendriya Vidyalaya Gomti Nagar", None)]


def test_a_piped_header_line_gives_the_titled_field_to_the_position():
    data = parse_document(paragraphs_docx(contact([
        "Sales Experience", "Bell Canada | Account Manager, Government | Sep 2016 – May 2020",
        "• Grew a book of accounts.",
        "Senior Engineer | Google, London | 2014 – 2016", "• Built search."]), bold=("Sales Experience",))).data
    assert [(w.position, w.name, w.startDate) for w in data.work] == [
        ("Account Manager, Government", "Bell Canada", "2016-09"), ("Senior Engineer", "Google", "2014")]


def test_skills_keep_their_brackets_post_terms_and_practice_groups_grades_and_mixed_case_credentials():
    """A skill keeps its brackets and their commas, and "and" alone makes no list (the corpus README's
    convention); the terms of a post and a law firm's practice group after a title are the post's; a line
    of subjects with their grades is no study; "(CEng)" is the credential's acronym, not its issuer."""
    from vitae.cvparse.entries import parse_certificates, parse_education

    assert [name for name, _ in parse_skills([Line(text) for text in (
        "• Stata and Excel", "Legal research (Westlaw, CanLII)", "Python, Go and Rust",
        "Licensed Plumber (Water Supply, Sanitary, Drainage)")])] == [
        "Stata and Excel", "Legal research (Westlaw, CanLII)", "Python", "Go", "Rust",
        "Licensed Plumber (Water Supply, Sanitary, Drainage)"]
    data = parse_document(paragraphs_docx(contact([
        "Experience", "Tata Consultancy Services, Mumbai", "Assistant System Engineer – Trainee\tAug 2018 – Jun 2019",
        "Associate, Litigation", "Osler, Hoskin & Harcourt LLP, Toronto", "May 2016 – July 2018"]),
        bold=("Experience",))).data
    assert [(w.position, w.name) for w in data.work] == [
        ("Assistant System Engineer – Trainee", "Tata Consultancy Services"),
        ("Associate, Litigation", "Osler, Hoskin & Harcourt LLP")]
    studies = parse_education([Line(text) for text in (
        "Tapton School\t2005 – 2012", "GCSEs and A-levels", "A-levels: Economics (A*), History (A), Mathematics (B)",
        "Leaving Certificate: English (H2), Irish (H3)")])
    assert [(s["institution"][0], s["studyType"][0]) for s in studies] == [("Tapton School", "GCSEs and A-levels")]
    assert [(c["name"][0], c["issuer"][0], c["date"][0]) for c in parse_certificates(
        [Line("Chartered Engineer (CEng), IChemE, 2019")])] == [("Chartered Engineer (CEng)", "IChemE", "2019")]


def test_dot_leaders_are_a_gap_and_a_heading_may_be_set_apart_by_size_alone():
    """"Postdoctoral Researcher.......Oct 2019 – Jul 2022": the leader parts the title from its dates as a tab
    stop would; "Computational Skills" set in 13 pt over 10.5 pt body text heads a section, bold or not."""
    from vitae.cvparse.sections import split_sections

    assert Line("Postdoctoral Researcher" + "." * 60 + "Oct 2019 – Jul 2022").text == (
        "Postdoctoral Researcher\tOct 2019 – Jul 2022")
    assert Line("Sous Chef · · · · · 2021").text == "Sous Chef\t2021"
    assert Line("Python · Go · SQL").text == "Python · Go · SQL"
    assert Line("and so on....").text == "and so on"
    body = [Line("Ran tutorials for sixty students and graded their work", 10.5)] * 3
    _, found = split_sections([*body, Line("Computational Skills", 13.0), Line("Python, Julia", 10.5)])
    assert [(section.kind, [line.text for line in section.lines]) for section in found] == [
        ("skills", ["Python, Julia"])]
    _, found = split_sections([*body, Line("Computational Skills", 10.5), Line("Python, Julia", 10.5)])
    assert found == []


def test_units_grades_and_offices_around_a_title_quarters_honours_and_a_tables_firm_column():
    """"Title, Unit, Employer, City — dates" gives the unit to the post; a grade in brackets is the post's ("Policy
    Officer (APS 6)"); an office named for its holder is the employer though titles name it; a trade's title
    ("HVAC Installer") is a title; "Q3 2021" and "Summer 2014" are years; "Graduated cum laude" is no field; a
    degree keeps "(Honours)"; "Firm" heads a table's column; "Areas of Practice" lists skills."""
    from vitae.cvparse.entries import parse_education, parse_work

    jobs = parse_work([Line(text) for text in (
        "Seasonal Associate, Appliances, Lowe's Home Improvement, Tulsa — Summer 2014",
        "HVAC Installer, Service Experts Heating & Air Conditioning, Broken Arrow — Jun 2015 – Feb 2019",
        "Policy Officer (APS 6)\tJul 2021 – Current", "Department of Health and Aged Care",
        "Legal Intern\tQ3 2018 – Q4 2018", "Massachusetts Attorney General's Office, Boston, MA",
        f"Period{GAP}Position{GAP}Firm", f"Mar 2022 – Present{GAP}Senior Associate{GAP}Bowmans, Sandton")])
    assert [(j["position"][0], j["name"][0], j["startDate"][0]) for j in jobs] == [
        ("Seasonal Associate, Appliances", "Lowe's Home Improvement", "2014"),
        ("HVAC Installer", "Service Experts Heating & Air Conditioning", "2015-06"),
        ("Policy Officer (APS 6)", "Department of Health and Aged Care", "2021-07"),
        ("Legal Intern", "Massachusetts Attorney General's Office", "2018"),
        ("Senior Associate", "Bowmans", "2022-03")]
    studies = parse_education([Line(text) for text in (
        "LLB\t2012 – 2015", "University of the Witwatersrand", "Graduated cum laude",
        "Bachelor of Laws (Honours)\t2016 – 2019", "Australian National University")])
    assert [(s["studyType"][0], "area" in s) for s in studies] == [
        ("LLB", False), ("Bachelor of Laws (Honours)", False)]
    data = parse_document(paragraphs_docx(contact(["Areas of Practice", "Commercial litigation", "Employment law"]),
                                          bold=("Areas of Practice",))).data
    assert [s.name for s in data.skills] == ["Commercial litigation", "Employment law"]


def test_school_leaving_qualifications_name_their_school_below_nated_levels_and_a_bracket_before_the_issuer():
    """"Matric (Grade 12)" keeps its bracket and the line under it is its school, not a field; South Africa's
    "N3" is a qualification; a bracket before ", Issuer" stays with the certificate's name."""
    from vitae.cvparse.entries import parse_certificates, parse_education

    studies = parse_education([Line(text) for text in (
        "N3 Electrical Engineering\t2010", "Orbit TVET College", "Matric (Grade 12)\t2009", "Hoërskool Rustenburg")])
    assert [(s["studyType"][0], s.get("area", (None,))[0], s["institution"][0]) for s in studies] == [
        ("N3", "Electrical Engineering", "Orbit TVET College"), ("Matric (Grade 12)", None, "Hoërskool Rustenburg")]
    [study] = parse_education([Line("Foundation Degree in Construction Management, Royal School of Military "
                                    "Engineering, 2012 – 2014")])
    assert (study["studyType"][0], study["area"][0]) == ("Foundation Degree", "Construction Management")
    assert [(c["name"][0], c["issuer"][0], c["date"][0]) for c in parse_certificates([
        Line("Wireman's Licence (Installation Electrician), Department of Labour, 2016"),
        Line("Certified Kubernetes Administrator (The Linux Foundation), 2021")])] == [
        ("Wireman's Licence (Installation Electrician)", "Department of Labour", "2016"),
        ("Certified Kubernetes Administrator", "The Linux Foundation", "2021")]


def test_three_promotions_a_province_code_after_the_employer_and_a_summary_of_qualifications():
    """Every dated position under an employer's own line inherits it, the third as the second; "AB" after a city is
    Alberta, not a Swedish legal form; "Summary of Qualifications" heads the summary, not education."""
    from vitae.cvparse.entries import parse_work

    jobs = parse_work([Line(text) for text in (
        f"Stripe{GAP}Dublin", f"Staff Software Engineer{GAP}Jan 2023 – Present", "• Tech lead for reconciliation",
        f"Senior Software Engineer{GAP}Mar 2021 – Dec 2022", f"Software Engineer{GAP}Jun 2019 – Feb 2021",
        "• Built dispute evidence uploads", "Licensed Practical Nurse", "Royal Alexandra Hospital, Edmonton, AB",
        "01/2021–Current")])
    assert [(j["position"][0], j["name"][0]) for j in jobs] == [
        ("Staff Software Engineer", "Stripe"), ("Senior Software Engineer", "Stripe"), ("Software Engineer", "Stripe"),
        ("Licensed Practical Nurse", "Royal Alexandra Hospital")]
    assert heading_kind("SUMMARY OF QUALIFICATIONS", True) == "summary"
    assert heading_kind("Qualifications", True) == "education"
    assert heading_kind("Academic Qualifications", True) == "education"
    # the qualifications of a profession or trade are certificates: "MRCP(UK)", "SMSTS", "NEBOSH"
    assert [heading_kind(text, True) for text in (
        "Postgraduate Qualifications", "Qualifications & Training", "Trade Qualifications")] == ["certificates"] * 3


def test_a_unit_after_a_dash_or_an_area_after_an_area_post_a_table_header_and_a_degree_in_its_grades_line():
    """With the employer on a line of its own, what follows a dash after the title is the post's unit ("Deputy
    Manager – Retail Liabilities") and an area post keeps its area ("Area Manager, Yorkshire North"), a city does
    not stay; "College / University" heads a column; "A-levels: Business (A), …" gives a school its degree;
    "Character References" heads no section of the schema."""
    from vitae.cvparse.entries import parse_education, parse_work

    jobs = parse_work([Line(text) for text in (
        f"Deputy Manager – Retail Liabilities{GAP}Jul 2016 – Mar 2020", "ICICI Bank Limited, Coimbatore", "• Grew it",
        "Next plc (May 2020 – Present)", "Area Manager, Yorkshire North", "• Lead eight stores",
        f"Staff Nurse – Dublin{GAP}2014 – 2016", "Beaumont Hospital", "• Triage")])
    assert [(j["position"][0], j["name"][0]) for j in jobs] == [
        ("Deputy Manager – Retail Liabilities", "ICICI Bank Limited"), ("Area Manager, Yorkshire North", "Next plc"),
        ("Staff Nurse", "Beaumont Hospital")]
    studies = parse_education([Line(text) for text in (
        f"Degree{GAP}College / University{GAP}Year", f"B.Com{GAP}PSG College of Arts and Science{GAP}2011 – 2014",
        f"Notre Dame Catholic Sixth Form College{GAP}2006 – 2008",
        "A-levels: Business (A), English (B), Psychology (B)")])
    assert [(s["institution"][0], s["studyType"][0]) for s in studies] == [
        ("PSG College of Arts and Science", "B.Com"), ("Notre Dame Catholic Sixth Form College", "A-levels")]
    assert heading_kind("CHARACTER REFERENCES", True) == "other"
    assert heading_kind("MILITARY SERVICE", True) == "experience"


def test_a_degree_named_for_its_subject_heads_nothing_and_a_registration_named_by_its_issuers_acronym():
    """"Bachelor of Education (Science) <tab> 2011 – 2015" is a study, not an Education heading beside its dates;
    "Teachers Service Commission, TSC No. 612345": the registration after the body its acronym spells."""
    from vitae.cvparse.entries import parse_certificates
    from vitae.cvparse.sections import split_heading

    assert split_heading(Line(f"Bachelor of Education (Science){GAP}2011 – 2015", bold=True), "education") is None
    assert heading_kind("Education", True) == "education"
    assert [(c["name"][0], c["issuer"][0]) for c in parse_certificates([
        Line("Teachers Service Commission, TSC No. 612345, 2016"),
        Line("AWS Certified Solutions Architect – Associate — Amazon Web Services")])] == [
        ("TSC No. 612345", "Teachers Service Commission"),
        ("AWS Certified Solutions Architect – Associate", "Amazon Web Services")]


def test_a_table_row_under_its_labels_a_unit_after_a_dash_above_a_piped_employer_and_a_promotion_with_its_unit():
    """A table's header row is no part of the first position; a row's position cell keeps its commas; "Team Leader
    – Inbound (Night Shift)" above "Mainfreight | Hamilton | dates" is one post at Mainfreight; "Senior Associate,
    Assurance Services" dated under "Ernst & Young, LLP"'s own line is a second post there."""
    from vitae.cvparse.entries import parse_work

    jobs = parse_work([Line(text) for text in (
        f"Period{GAP}Position{GAP}Organisation",
        f"Mar 2021 – Present{GAP}Senior Executive, Supply Chain Planning{GAP}PSA Singapore", "• Plan yard capacity",
        "Team Leader – Inbound (Night Shift)", "Mainfreight | Hamilton | Aug 2020 – present", "• Lead 14 storepeople",
        f"Ernst & Young, LLP{GAP}San Francisco, CA", f"Audit Manager{GAP}Oct 2021 – Present", "• Manage audits",
        f"Senior Associate, Assurance Services{GAP}Sep 2018 – Sep 2021", "• Planned SOX testing")])
    assert [(j["position"][0], j["name"][0]) for j in jobs] == [
        ("Senior Executive, Supply Chain Planning", "PSA Singapore"),
        ("Team Leader – Inbound (Night Shift)", "Mainfreight"), ("Audit Manager", "Ernst & Young, LLP"),
        ("Senior Associate, Assurance Services", "Ernst & Young, LLP")]


def test_a_college_named_for_its_subject_keeps_its_town_and_more_university_systems_their_campus():
    """"College of Engineering, Guindy" and "University of Nevada, Las Vegas" are one institution each;
    "University of Queensland, Brisbane" is the university in its city."""
    from vitae.cvparse.entries import parse_education

    studies = parse_education([Line(text) for text in (
        f"M.E. Engineering Design{GAP}2014 – 2016", "College of Engineering, Guindy",
        f"B.S. Hospitality Management{GAP}2008 – 2012", "University of Nevada, Las Vegas",
        f"Bachelor of Commerce{GAP}2004 – 2007", "University of Queensland, Brisbane")])
    assert [s["institution"][0] for s in studies] == [
        "College of Engineering, Guindy", "University of Nevada, Las Vegas", "University of Queensland"]


def test_a_course_of_study_under_training_is_an_education_entry_a_dated_certificate_stays():
    """"Certificate III in Commercial Cookery, TAFE NSW, 2012 – 2013" under "Training" is a study (the AQF
    qualification, taken over two years); "Food Safety Supervisor Certificate – … (2019)" stays a certificate."""
    data = parse_document(paragraphs_docx(contact([
        "Training", "Certificate III in Commercial Cookery, TAFE NSW, 2012 – 2013",
        "Food Safety Supervisor Certificate – Australian Institute of Food Safety (2019)"]), bold=("Training",))).data
    assert [(e.studyType, e.area, e.institution, e.startDate, e.endDate) for e in data.education] == [
        ("Certificate III", "Commercial Cookery", "TAFE NSW", "2012", "2013")]
    assert [(c.name, c.issuer) for c in data.certificates] == [
        ("Food Safety Supervisor Certificate", "Australian Institute of Food Safety")]


def test_a_date_column_under_headings_across_the_page_is_one_column_not_two():
    """Headings and lists set across the page, and under each heading a date column at the left beside its entries:
    the left side stands beside the right only with dates, so the page is read row by row, not as two columns."""
    pdf = _a4_pdf()
    pdf.set_font("Helvetica", "B", 18)
    pdf.cell(0, 10, "Joshua Reyes", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 10)
    pdf.cell(0, 6, "+63 917 321 4455 | joshua.reyes@gmail.com | Cebu City, Cebu", new_x="LMARGIN", new_y="NEXT")

    def heading(text: str) -> None:
        pdf.ln(4)
        pdf.set_font("Helvetica", "B", 12)
        pdf.cell(0, 7, text, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", "", 10)

    def entry(dates: str, *lines: str) -> None:
        for number, text in enumerate(lines):
            pdf.cell(87, 5.5, dates if number == 0 else "")
            pdf.cell(0, 5.5, text, new_x="LMARGIN", new_y="NEXT")

    heading("WORK EXPERIENCE")
    entry("Aug 2021 – Present", "Software Engineer II", "Lexmark Research and Development Corporation",
          "- Firmware test automation in Python.")
    entry("Jun 2019 – Jul 2021", "Associate Software Engineer", "Accenture Philippines", "- Java microservices.")
    heading("EDUCATION")
    entry("2015 – 2019", "BS Computer Engineering", "University of San Carlos")
    heading("SKILLS")
    for skill in ("Python", "Java", "pytest", "Jenkins", "Embedded C"):
        pdf.cell(0, 5.5, f"- {skill}", new_x="LMARGIN", new_y="NEXT")
    heading("LANGUAGES")
    for language in ("Cebuano – Native", "English – Fluent", "Tagalog – Fluent"):
        pdf.cell(0, 5.5, language, new_x="LMARGIN", new_y="NEXT")
    data = parse_document(bytes(pdf.output())).data
    assert [(w.position, w.name, w.startDate) for w in data.work] == [
        ("Software Engineer II", "Lexmark Research and Development Corporation", "2021-08"),
        ("Associate Software Engineer", "Accenture Philippines", "2019-06")]
    assert [(e.studyType, e.area, e.institution) for e in data.education] == [
        ("BS", "Computer Engineering", "University of San Carlos")]
    assert [s.name for s in data.skills] == ["Python", "Java", "pytest", "Jenkins", "Embedded C"]
    assert [language.language for language in data.languages] == ["Cebuano", "English", "Tagalog"]


def test_a_date_column_cut_after_its_dash_when_the_dash_runs_into_the_cell_or_goes_with_it():
    """"Feb. 2020 – Field Director" above "To date <tab> One Acre Fund", and "2013 <tab> – Volunteer, Food
    Security" above "2014 <tab> World Vision Kenya": each range is made whole on its first line."""
    from vitae.cvparse.entries import parse_work

    jobs = parse_work([Line(text) for text in (
        "Feb. 2020 – Field Director", f"To date{GAP}One Acre Fund", "• Lead 240 field officers",
        f"2013{GAP}– Volunteer, Food Security", f"2014{GAP}World Vision Kenya", "• Ran food distributions")])
    assert [(j["position"][0], j["name"][0], j["startDate"][0], j.get("endDate", (None,))[0]) for j in jobs] == [
        ("Field Director", "One Acre Fund", "2020-02", None),
        ("Volunteer, Food Security", "World Vision Kenya", "2013", "2014")]


def test_an_employers_description_in_italics_is_no_wrap_of_its_name_and_a_malay_university_is_one():
    """A long employer line near the right margin, then the employer described in italics: the description is no
    continuation of the name (a face changes between them); "Universiti Teknologi PETRONAS" is an institution."""
    from vitae.cvparse.vocabulary import INSTITUTION_WORDS

    pdf = _a4_pdf()
    pdf.set_font("Helvetica", "B", 18)
    pdf.cell(0, 10, "Nur Aisyah binti Rahman", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 10)
    pdf.cell(0, 6, "aisyah.rahman@gmail.com", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "B", 12)
    pdf.cell(0, 8, "PROFESSIONAL EXPERIENCE", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 10)
    pdf.cell(0, 5, "Process Safety Engineer, Mar 2020 – Present", new_x="LMARGIN", new_y="NEXT")
    pdf.cell(0, 5, "PETRONAS Refinery and Petrochemical Corporation (Contract)", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "I", 10)
    pdf.cell(0, 5, "National oil and gas company of Malaysia.", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 10)
    for text in ("- HAZOP facilitator for 14 studies.", "- Wrote the bow-tie library.", "- Led a team of three."):
        pdf.cell(0, 5, text, new_x="LMARGIN", new_y="NEXT")
    [job] = parse_document(bytes(pdf.output())).data.work
    assert (job.position, job.name) == ("Process Safety Engineer", "PETRONAS Refinery and Petrochemical Corporation")
    assert "universiti" in INSTITUTION_WORDS


def test_a_justified_line_a_contact_header_repeated_on_page_two_and_a_client_line_under_the_employer():
    """Words spread to justify a line are one text, not cells; the name's contact line repeated at the top of page
    two is furniture, not a skill; "Client: …" under the employer line starts the entry's content."""
    from vitae.cvparse.entries import parse_work

    pdf = _a4_pdf()
    pdf.set_auto_page_break(False)
    contact_line = "harriet.ashworth@outlook.com | 07912 345 678 | Leeds, West Yorkshire | linkedin.com/in/harriet"
    pdf.set_font("Helvetica", "B", 18)
    pdf.cell(0, 10, "Harriet Ashworth", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 9)
    pdf.cell(0, 5, contact_line, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "B", 12)
    pdf.cell(0, 8, "SKILLS", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 10)
    for skill in ("Conduct risk", "Consumer Duty", "Controls testing"):
        pdf.cell(0, 6, f"- {skill}", new_x="LMARGIN", new_y="NEXT")
    pdf.add_page()
    pdf.set_font("Helvetica", "", 9)
    pdf.cell(0, 5, contact_line, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 10)
    pdf.cell(0, 6, "- Regulatory reporting", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "B", 12)
    pdf.cell(0, 8, "CERTIFICATIONS", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 14)
    pdf.multi_cell(0, 8, "Chartered Member (MCSI), Chartered Institute for Securities & Investment, 2018",
                   align="J", new_x="LMARGIN", new_y="NEXT")
    data = parse_document(bytes(pdf.output())).data
    assert [s.name for s in data.skills] == ["Conduct risk", "Consumer Duty", "Controls testing",
                                             "Regulatory reporting"]
    assert [(c.name, c.issuer, c.date) for c in data.certificates] == [
        ("Chartered Member (MCSI)", "Chartered Institute for Securities & Investment", "2018")]
    [job] = parse_work([Line(f"Manager, Regulatory Advisory{GAP}Sept 2015 – Feb 2020"), Line("Deloitte LLP, Leeds"),
                        Line("Client: Yorkshire Building Society"), Line("• Ran s166 skilled-person reviews")])
    assert (job["position"][0], job["name"][0]) == ("Manager, Regulatory Advisory", "Deloitte LLP")


@pytest.mark.timeout(60)  # a hang guard (pytest-timeout); seconds are bench/ work
def test_hostile_runs_of_50000_characters_parse_in_linear_time():
    """Runs of spaces, tabs or word characters that patterns opening with a run of a class would rescan from each
    character: a dot leader before 50,000 spaces, a month before them, "Jan-" or "a-" or "x'" 12,500 times (URL,
    bare domain and e-mail patterns). Each took 5 to 130 s a document before; linear now (well under a second
    each on a quiet machine)."""
    from vitae.cvparse.contact import find_email, find_url
    from vitae.cvparse.entries import parse_certificates

    hostile = ["Sous Chef....b" + " " * 50_000 + "x", "1 Jan" + " " * 50_000 + "x", "Jan-" * 12_500,
               "a-" * 25_000, "x'" * 25_000, "(a), b" * 8_000, "\t" * 50_000 + "x"]
    document = contact(["Experience", f"Sous Chef{GAP}2019 – 2021", "The Ledbury, London", *hostile,
                        "Certifications", "Food Hygiene Level 3 (Highfield), City & Guilds, 2019", *hostile])
    data = parse_document(paragraphs_docx(document)).data
    assert data.basics.name == "Ingrid Solberg" and data.work[0].position == "Sous Chef"
    for text in hostile:
        line = Line(text)
        find_span(line.text)
        find_url(line.text, line.text)
        find_email(line.text)
        parse_certificates([line])
    # a run of more than eight spaces or tabs is cut to eight, a tab kept; a dot leader is still a gap
    assert Line("Engineer" + " " * 40 + "2019").text == "Engineer" + " " * 8 + "2019"
    assert Line("Engineer" + " " * 20 + "\t" + " " * 20 + "2019").text == "Engineer" + " " * 7 + "\t2019"
    assert Line("Postdoctoral Researcher....... Oct 2019 – Jul 2022").text == (
        f"Postdoctoral Researcher{GAP}Oct 2019 – Jul 2022")


def test_a_bracket_names_its_issuer_before_a_credentials_details_and_other_review_findings():
    """"Certified Scrum Master (Scrum Alliance), Issued Jan 2019": a known issuer in brackets, or a bracket before
    "Issued", "Credential ID", "Expires", is the issuer, not part of the name (while "Wireman's Licence
    (Installation Electrician), Department of Labour" keeps its bracket); "Consultant – Accenture" above "Accenture
    plc" is no unit; "Graduated cum laude" under a degree is no school; "Eng Hock Tan" keeps his name; "Spotify AB"
    is no place; a city's own name outranks another's alternate name ("Salem" is India's)."""
    from vitae.cvparse.contact import find_name, names_a_place
    from vitae.cvparse.entries import parse_certificates, parse_education, parse_work
    from vitae.cvparse.vocabulary import city_country

    assert [(c["name"][0], c["issuer"][0]) for c in parse_certificates([Line(text) for text in (
        "Certified Scrum Master (Scrum Alliance), Issued Jan 2019", "CCNA (Cisco), Credential ID 12345",
        "AWS Certified Developer (Amazon), Expires 2025", "Google Data Analytics (Coursera), Google, 2022",
        "Wireman's Licence (Installation Electrician), Department of Labour, 2016")])] == [
        ("Certified Scrum Master", "Scrum Alliance"), ("CCNA", "Cisco"), ("AWS Certified Developer", "Amazon"),
        ("Google Data Analytics", "Coursera"), ("Wireman's Licence (Installation Electrician)", "Department of Labour")]
    jobs = parse_work([Line(f"Consultant – Accenture{GAP}2019 – 2021"), Line("Accenture plc"), Line("• Advised")])
    assert [(j["position"][0], j["name"][0]) for j in jobs] == [("Consultant", "Accenture plc")]
    studies = parse_education([Line(f"Bachelor of Commerce{GAP}2012"), Line("Graduated cum laude"),
                               Line("University of Cape Town")])
    assert [(s["studyType"][0], s["institution"][0]) for s in studies] == [
        ("Bachelor of Commerce", "University of Cape Town")]
    assert [find_name([Line(text)], [])[0] for text in ("Eng Hock Tan", "Eng. Maria Lopes", "Professor Anna Nowak")] \
        == ["Eng Hock Tan", "Maria Lopes", "Anna Nowak"]
    assert [names_a_place(text) for text in ("Spotify AB", "Acme SA", "Calgary AB", "Adelaide SA")] == [
        False, False, True, True]
    assert [city_country(name) for name in ("Salem", "Islamabad", "St. Petersburg", "Lagos")] == [
        "IN", "PK", "RU", "NG"]
    # a piece of spaces alone between commas raised IndexError out of parse_work (found by fuzzing)
    jobs = parse_work([Line("2020 -"), Line(f"mar/2021 \" {GAP}2020 present,  ,  (Bank)Sciencemar/2021 ,  "),
                       Line("Area Manager")])
    assert [j["startDate"][0] for j in jobs] == ["2020", "2021-03"]


def test_an_expected_end_and_a_bracket_after_a_posts_unit_above_its_employer():
    """"Sep 2022 – Expected May 2026" ends in 2026-05; "Lead, Talent Acquisition (Technology)" above "Flipkart
    Internet Pvt. Ltd." is the post, its unit and its bracket, at Flipkart."""
    from vitae.cvparse.entries import parse_work

    span = find_span("Bachelor of Applied Science in Mechanical Engineering\tSep 2022 – Expected May 2026")
    assert (span.start, span.end) == ("2022-09", "2026-05")
    [job] = parse_work([Line(f"Lead, Talent Acquisition (Technology){GAP}Jul 2020 – Present"),
                        Line("Flipkart Internet Pvt. Ltd."), Line("• Hired 240 engineers")])
    assert (job["position"][0], job["name"][0]) == ("Lead, Talent Acquisition (Technology)",
                                                    "Flipkart Internet Pvt. Ltd.")


def test_a_known_issuers_acronym_in_brackets_and_an_acronym_before_its_issuing_body():
    """"Six Sigma Black Belt (IASSC)": a known issuer's acronym in brackets is the issuer, where "(CKA)" names the
    certificate; "ACCA — Association of Chartered Certified Accountants" is the qualification, then its body."""
    from vitae.cvparse.entries import parse_certificates

    assert [(c["name"][0], c.get("issuer", (None,))[0]) for c in parse_certificates([Line(text) for text in (
        "• Six Sigma Black Belt (IASSC), 2021", "• Certified Kubernetes Administrator (CKA), 2022",
        "• ACCA — Association of Chartered Certified Accountants — 2021")])] == [
        ("Six Sigma Black Belt", "IASSC"), ("Certified Kubernetes Administrator (CKA)", None),
        ("ACCA", "Association of Chartered Certified Accountants")]


def test_a_certificates_expiry_is_no_date_of_issue_and_its_number_no_part_of_its_name():
    """"– valid until 09/2026", "exp. 06/2026", "Expires Aug 2026": when it lapses, not when it was issued; "(ID:
    AWS-ASA-88213)", "Credential ID 12345": a number, no part of the name or issuer."""
    from vitae.cvparse.entries import parse_certificates

    found = parse_certificates([Line(text) for text in (
        "• Advanced Paediatric Life Support (APLS) – valid until 09/2026",
        "• AWS Certified Solutions Architect – Associate (ID: AWS-ASA-88213), exp. 06/2026",
        "• Certified Scrum Master — Scrum Alliance, Credential ID 12345, 2019, Expires Aug 2026")])
    assert [(c["name"][0], c.get("issuer", (None,))[0], c.get("date", (None,))[0]) for c in found] == [
        ("Advanced Paediatric Life Support (APLS)", None, None),
        ("AWS Certified Solutions Architect – Associate", None, None),
        ("Certified Scrum Master", "Scrum Alliance", "2019")]


def test_one_level_written_two_ways_is_one_fluency():
    from vitae.cvparse.entries import parse_languages

    assert [(e["language"][0], e.get("fluency", (None,))[0]) for e in parse_languages([Line(text) for text in (
        "Marathi – Native / Bilingual", "German / French", "Hindi – Fluent")])] == [
        ("Marathi", "Native / Bilingual"), ("German", None), ("French", None), ("Hindi", "Fluent")]


def test_a_date_column_whose_words_are_set_apart_like_cells():
    from vitae.cvparse.entries import parse_work

    [job] = parse_work([Line(f"Winter{GAP}2018{GAP}–{GAP}Nutrition Scientist"), Line(f"Jan 2021{GAP}Fonterra"),
                        Line("• Formulated two infant nutrition products.")])
    assert (job["position"][0], job["name"][0], job["startDate"][0], job["endDate"][0]) == (
        "Nutrition Scientist", "Fonterra", "2018", "2021-01")


def test_a_name_cut_after_its_and_goes_on_on_the_next_line():
    from vitae.cvparse.entries import parse_education

    [study] = parse_education([Line(f"BSc Geological Engineering{GAP}2009 – 2013"),
                               Line("Kwame Nkrumah University of Science and"), Line("Technology"),
                               Line("First Class")])
    assert (study["institution"][0], study["studyType"][0], study["area"][0]) == (
        "Kwame Nkrumah University of Science and Technology", "BSc", "Geological Engineering")


def test_a_place_or_remote_after_the_dash_a_legal_form_in_capitals_and_every_country_by_name():
    """"Software Engineer – London" (or "– Remote") above "Stripe": the employer is Stripe; "Spotify AB" before its
    dates keeps its legal form ("ab", German for "from", only in lower case); "Victoria, Seychelles" is in the
    Seychelles, not Hong Kong's Victoria."""
    from vitae.cvparse.contact import find_location
    from vitae.cvparse.entries import parse_work

    jobs = parse_work([Line(text) for text in (
        f"Software Engineer – London{GAP}2019 – 2021", "Stripe", "• Built payments",
        f"Site Reliability Engineer – Remote{GAP}2017 – 2019", "GitLab", "• Ran incidents",
        f"Backend Engineer, Spotify AB{GAP}2015 – 2017", "• Built playlists",
        f"Projektleiter{GAP}ab 2013", "Siemens AG", "• Leitung")])
    assert [(j["position"][0], j["name"][0], j["startDate"][0]) for j in jobs] == [
        ("Software Engineer", "Stripe", "2019"), ("Site Reliability Engineer", "GitLab", "2017"),
        ("Backend Engineer", "Spotify AB", "2015"), ("Projektleiter", "Siemens AG", "2013")]
    assert find_location([Line("Victoria, Seychelles")])[0]["countryCode"] == "SC"
    assert find_location([Line("Hamilton, Bermuda")])[0]["countryCode"] == "BM"


def test_a_line_set_like_the_known_headings_heads_a_section_of_its_own():
    """Headings the vocabulary does not know, set like those it does (11.5 pt bold capitals over 9.5 pt text), head
    sections: "EDUCATION & GOVERNANCE" (education, by its first word), "BOARD & EXECUTIVE CAPABILITIES" (skills, by
    its last), "GRANTS AND FELLOWSHIPS" (no field), so the grants are no education; a bold job line at body size
    heads nothing."""
    from vitae.cvparse.sections import EDUCATION, OTHER, SKILLS, split_sections

    def line(text: str, heading: bool = False) -> Line:
        return Line(text, size=11.5 if heading else 9.5, bold=heading or text.startswith("Qube"))

    _, found = split_sections([
        line("Graham McIntyre"), line("PROFILE", True), line("Operations executive."), line("EXPERIENCE", True),
        line(f"Qube Holdings{GAP}Sydney"),
        line(f"Chief Operating Officer{GAP}2018 – Present"), line("EDUCATION & GOVERNANCE", True),
        line(f"Melbourne Business School{GAP}2011"), line("Master of Business Administration"),
        line("GRANTS AND FELLOWSHIPS", True), line(f"2016{GAP}NICHD F31 Predoctoral Fellowship"),
        line("BOARD & EXECUTIVE CAPABILITIES", True), line("P&L leadership | Capital projects")])
    assert [(s.kind, [entry.text for entry in s.lines]) for s in found][2:] == [
        (EDUCATION, [f"Melbourne Business School{GAP}2011", "Master of Business Administration"]),
        (OTHER, [f"2016{GAP}NICHD F31 Predoctoral Fellowship"]), (SKILLS, ["P&L leadership | Capital projects"])]
    # with one known heading there is no style to go by
    _, alone = split_sections([line("EXPERIENCE", True), line("Chief Operating Officer"), line("TEACHING", True)])
    assert [s.kind for s in alone] == ["experience"]


def test_academic_positions_are_work_and_an_en_dash_between_letters_joins_a_name():
    from vitae.cvparse.entries import parse_work

    assert heading_kind("ACADEMIC POSITIONS", True) == "experience"
    [job] = parse_work([Line(f"2020–present{GAP}Assistant Professor of Sociology"),
                        Line("University of Wisconsin–Madison")])
    assert (job["position"][0], job["name"][0], job["startDate"][0]) == (
        "Assistant Professor of Sociology", "University of Wisconsin–Madison", "2020")


def test_a_federal_resume_entry_its_agency_and_unit_its_address_and_its_dates_alone():
    """USAJOBS style: the title, the agency with its unit, the duty station's address, the dates on a line of their
    own, then labelled lines (hours, salary, grade, supervisor) that are no highlights."""
    from vitae.cvparse.entries import parse_work

    jobs = parse_work([Line(text) for text in (
        "Inventory Management Specialist", "Department of the Air Force, 502d Logistics Readiness Squadron",
        "Joint Base San Antonio-Randolph, TX 78150", "10/2019 – Present", "Hours per week: 40",
        "Salary: $79,212 per year", "• Manages a $22 million equipment account.", "Supervisor: Mr. Alan Cortez",
        "Contract Specialist", "U.S. Department of Homeland Security, Federal Emergency Management Agency",
        "500 C Street SW, Washington, DC 20472", "06/2015 – 07/2019", "• Awarded 62 contracts.")])
    assert [(j["position"][0], j["name"][0], j["startDate"][0], j["highlights"][0]) for j in jobs] == [
        ("Inventory Management Specialist", "Department of the Air Force, 502d Logistics Readiness Squadron",
         "2019-10", ["Manages a $22 million equipment account."]),
        ("Contract Specialist", "U.S. Department of Homeland Security, Federal Emergency Management Agency",
         "2015-06", ["Awarded 62 contracts."])]


def test_labelled_lines_among_bullets_own_account_employers_and_an_employer_read_like_a_place():
    from vitae.cvparse.entries import parse_work

    jobs = parse_work([Line(text) for text in (
        f"Senior Software Engineer{GAP}Mar 2022 – Present", "Grab, Singapore", "• Designed the ledger.",
        "Tech stack: Go, PostgreSQL, Kafka", f"Photographer & Video Producer{GAP}April 2019 – 2021",
        "Self-employed, Bristol", "• Shot 40 short films.", f"Photography Assistant{GAP}June 2013 – August 2015",
        "Freelance")])
    assert [(j["position"][0], j["name"][0], j["highlights"][0]) for j in jobs] == [
        ("Senior Software Engineer", "Grab", ["Designed the ledger."]),
        ("Photographer & Video Producer", "Self-employed", ["Shot 40 short films."]),
        ("Photography Assistant", "Freelance", [])]


def test_an_employer_line_after_a_position_with_no_highlights_opens_the_next_employer():
    from vitae.cvparse.entries import parse_work

    jobs = parse_work([Line(text) for text in (
        "Prada S.p.A. — Milano", f"Senior Controller{GAP}marzo 2021 – attuale", "• Gestione del budget.",
        f"Controller{GAP}settembre 2018 – febbraio 2021", "Deloitte & Touche S.p.A. — Milano",
        f"Revisore contabile{GAP}ottobre 2016 – agosto 2018", "• Revisione di bilanci.")])
    assert [(j["position"][0], j["name"][0], j["startDate"][0]) for j in jobs] == [
        ("Senior Controller", "Prada S.p.A.", "2021-03"), ("Controller", "Prada S.p.A.", "2018-09"),
        ("Revisore contabile", "Deloitte & Touche S.p.A.", "2016-10")]


def test_a_label_inside_a_position_is_no_section_and_vocational_and_school_certificates_are_degrees():
    from vitae.cvparse.entries import parse_education
    from vitae.cvparse.sections import EXPERIENCE, SKILLS, split_heading, split_sections

    assert split_heading(Line("Selected Achievements:", size=10.0), EXPERIENCE, 10.0) is None
    assert split_heading(Line("SELECTED ACHIEVEMENTS", size=12.0, bold=True), EXPERIENCE, 10.0) == ("other", "")
    assert heading_kind("Kit & Software", True) is None  # by its words alone; set like the known headings: skills
    headings = ("Profile", "Experience", "Kit & Software")
    _, found = split_sections([Line(text, size=11.5 if text in headings else 9.5, bold=text in headings) for text in (
        "Profile", "Photographer.", "Experience", "Picture Editor", "• Shot films.", "Kit & Software", "Canon R5",
        "Adobe Lightroom")])
    assert [(s.kind, [entry.text for entry in s.lines]) for s in found] == [
        ("summary", ["Photographer."]), ("experience", ["Picture Editor", "• Shot films."]),
        (SKILLS, ["Canon R5", "Adobe Lightroom"])]
    studies = parse_education([Line(f"SVQ Level 3 in Electrotechnical Services{GAP}2016 – 2020"),
                               Line("City of Glasgow College"),
                               Line(f"Higher Secondary Certificate{GAP}Jun 2019 – Apr 2021"),
                               Line("Sri Chaitanya Junior College")])
    assert [(s["studyType"][0], s.get("area", (None,))[0], s["institution"][0]) for s in studies] == [
        ("SVQ Level 3", "Electrotechnical Services", "City of Glasgow College"),
        ("Higher Secondary Certificate", None, "Sri Chaitanya Junior College")]


def test_a_unit_after_the_title_when_the_employer_has_a_line_of_its_own_and_dates_still_to_come():
    from vitae.cvparse.dates import find_span, strip_span
    from vitae.cvparse.entries import parse_education, parse_work

    jobs = parse_work([Line(text) for text in (
        f"Asciano{GAP}Melbourne", f"General Manager, Terminals{GAP}2012 – 2018", "• Integrated two terminals.",
        f"Teaching Assistant, MIE100{GAP}Fall 2024", "University of Toronto", "• Ran weekly tutorials.",
        f"Engineering Intern{GAP}May – Aug 2025", "Magna International, Aurora, ON", "• Designed a fixture.")])
    assert [(j["position"][0], j["name"][0]) for j in jobs] == [
        ("General Manager, Terminals", "Asciano"), ("Teaching Assistant, MIE100", "University of Toronto"),
        ("Engineering Intern", "Magna International")]
    for text in (f"BE Electronic Engineering{GAP}Sept 2022 – May 2026 (expected)", f"BE Electronic Engineering{GAP}"
                 "Expected May 2026", "BE Electronic Engineering (Expected May 2026)"):
        assert strip_span(text, find_span(text)) == "BE Electronic Engineering"
    [study] = parse_education([Line(f"Expected Nov 2026{GAP}Graduate Certificate in"),
                               Line("Paediatric Intensive Care"), Line("Queensland University of Technology")])
    assert (study["studyType"][0], study["area"][0], study["institution"][0], study["endDate"][0]) == (
        "Graduate Certificate", "Paediatric Intensive Care", "Queensland University of Technology", "2026-11")


def test_a_header_wrapped_in_its_cell_before_its_dates():
    """The text before the dates wrapped onto a short line set like it (bold, the same size): an open bracket, an
    "at" header naming both, a degree's name; a bold employer under a bold title is no wrap."""
    from vitae.cvparse.entries import parse_education, parse_work

    def bold(text: str) -> Line:
        return Line(text, size=10.0, bold=True)

    jobs = parse_work(join_wrapped([
        bold(f"Senior UX Designer @ Toss (Viva{GAP}2022.03 – Present"), bold("Republica)"),
        Line("• Redesigned the remittance flow"), bold(f"UI Design Intern @ Samsung{GAP}2018.06 – 2018.12"),
        bold("Electronics"), Line("• Prototyped watch faces"), bold(f"Senior Engineer{GAP}2015 – 2018"), bold("Google"),
        Line("• Built search")]))
    assert [(j["position"][0], j["name"][0]) for j in jobs] == [
        ("Senior UX Designer", "Toss (Viva Republica)"), ("UI Design Intern", "Samsung Electronics"),
        ("Senior Engineer", "Google")]
    studies = parse_education([bold(f"Bachelor of Biomedical Laboratory{GAP}2015"), bold("Technology"),
                               Line("Makerere University", size=9.5), bold(f"Bachelor of Fine Arts in Visual{GAP}2019"),
                               bold("Communication Design"), Line("Hongik University", size=9.5)])
    assert [(s["studyType"][0], s.get("area", (None,))[0], s["institution"][0]) for s in studies] == [
        ("Bachelor of Biomedical Laboratory Technology", None, "Makerere University"),
        ("Bachelor of Fine Arts", "Visual Communication Design", "Hongik University")]


def test_a_contact_block_away_from_the_head_and_an_organisation_named_for_its_trade():
    """A sidebar's contact lines read after a section ("References" / "Available upon request" / "Kampala, Uganda" /
    "0772 418 305" / the email) are the person's; "Hospital Veterinário do Restelo" under "Médica Veterinária" is the
    employer."""
    from vitae.cvparse.entries import parse_work

    data = parse_document(paragraphs_docx([
        "Grace Nakato", "Profile", "Medical laboratory technologist.", "References", "Available upon request",
        "Kampala, Uganda", "0772 418 305", "grace.nakato@example.org", "Skills", "Haematology"])).data
    assert (data.basics.phone, data.basics.location.city, data.basics.location.countryCode) == (
        "+256772418305", "Kampala", "UG")
    [job] = parse_work([Line(f"Médica Veterinária{GAP}mar. 2019 – presente"), Line("Hospital Veterinário do Restelo"),
                        Line("• Consultas")])
    assert (job["position"][0], job["name"][0]) == ("Médica Veterinária", "Hospital Veterinário do Restelo")


def test_the_persons_contact_lines_inside_a_section_are_none_of_its_entries():
    data = parse_document(paragraphs_docx([
        "Owen Davies", "Education", "Legal Practice Course\t2015", "Cardiff University", "Admissions",
        "Admitted as a Solicitor, Solicitors Regulation Authority, 2017", "Cardiff, Wales · 07700 312 845 ·",
        "owen.davies.law@example.org", "Experience", "Data Scientist at Mercari, Inc.\t2018 – 2021"])).data
    assert [c.name for c in data.certificates] == ["Admitted as a Solicitor"]
    assert (data.basics.phone, data.basics.location.city) == ("+447700312845", "Cardiff")
    assert [(e.studyType, e.institution) for e in data.education] == [("Legal Practice Course", "Cardiff University")]
    assert [(w.position, w.name) for w in data.work] == [("Data Scientist", "Mercari, Inc.")]


def test_a_skill_named_region_an_institutions_acronym_after_it_and_a_possessive_cut_before_its_unit():
    from vitae.cvparse.contact import find_location
    from vitae.cvparse.entries import parse_education, parse_work

    assert find_location([Line("Bekasi, West Java · 0812-8734-5521")])[0] == {
        "city": "Bekasi", "region": "West Java", "countryCode": "ID"}
    assert find_location([Line("Java, Python, Go")]) is None
    [study] = parse_education([Line(f"2018{GAP}Licenciatura in International Relations"),
                               Line("Universidad Nacional Autónoma de México (UNAM)")])
    assert study["institution"][0] == "Universidad Nacional Autónoma de México (UNAM)"
    [job] = parse_work([Line("Content Writer at Israel Defense Forces Spokesperson's"),
                        Line(f"Unit{GAP}Aug 2015 – Aug 2017"), Line("• Wrote posts")])
    assert (job["position"][0], job["name"][0], job["startDate"][0]) == (
        "Content Writer", "Israel Defense Forces Spokesperson's Unit", "2015-08")


@pytest.mark.timeout(60)  # a hang guard (pytest-timeout)
def test_review_hostile_lines_of_the_new_rules_take_linear_time():
    """A bold capital line of 50,000 marks set like the headings (the headings' style rule read it through patterns
    that rescan runs of marks: 25 s), a run of 50,000 dashes before a line's dates (strip_span: 30 s) and 50,000
    lines ending in a comma (join_wrapped read the whole joined text again at each: minutes). Well under a second
    each now on a quiet machine."""
    from vitae.cvparse.dates import strip_span
    from vitae.cvparse.sections import split_sections

    styled = [Line(text, 11, True) for text in ("Ingrid Solberg", "EXPERIENCE", "EDUCATION", "A" + "-" * 50_000 + "X")]
    _, found = split_sections(styled)
    assert [section.kind for section in found] == ["experience", "education"]  # the long line is no heading
    text = "Sous Chef " + "-" * 50_000 + "x 2019 – 2021"
    span = find_span(text)
    assert span is not None and strip_span(text, span) == "Sous Chef " + "-" * 50_000 + "x"
    [joined] = join_wrapped([Line("Python,") for _ in range(50_000)], lists_only=True)
    assert len(joined.text) == 8 * 50_000 - 1


def test_review_posts_and_degrees_set_like_the_headings_head_nothing():
    """A document that sets its name, headings, posts and degree alike in "Heading 1": the posts ("Senior Analyst")
    and the degree ("BSc Economics") stay in their sections."""
    document = docx.Document()
    for text in ("Priya Shah", "Experience", "Senior Analyst", "HSBC, London", "2019 – 2021", "• Built models",
                 "Analyst", "Barclays, London", "2016 – 2019", "• Ran reports", "Education", "BSc Economics",
                 "University of Leeds", "2012 – 2015", "Skills", "Python, SQL"):
        if text[:1].isupper() and not text[-1].isdigit() and "," not in text and text != "University of Leeds":
            document.add_heading(text, level=1)
        else:
            document.add_paragraph(text)
    data = parse_document(docx_bytes(document)).data
    assert [(w.position, w.name, w.startDate) for w in data.work] == [
        ("Senior Analyst", "HSBC", "2019"), ("Analyst", "Barclays", "2016")]
    assert [(e.studyType, e.area, e.institution) for e in data.education] == [
        ("BSc", "Economics", "University of Leeds")]


def test_review_a_bracket_of_terms_or_a_region_after_the_employer_is_no_part_of_its_name():
    from vitae.cvparse.entries import parse_work

    names = [parse_work([Line(f"Care Assistant, Bupa Care Homes ({inner}){GAP}2019 – 2021"), Line("• Cared")])[0]
             for inner in ("Greater Manchester", "North West", "Fixed Term", "Maternity Cover", "Fixed-Term Contract",
                           "Night Shift", "Viva Republica")]
    assert [job["name"][0] for job in names] == ["Bupa Care Homes"] * 6 + ["Bupa Care Homes (Viva Republica)"]


def test_review_a_referees_contact_block_is_not_the_persons():
    """A referee's phone and place around the only email, under "References", are not the person's; the person's own
    block there (the email naming the person) still is."""
    data = parse_document(paragraphs_docx([
        "Tom Reid", "Experience", f"Welder{GAP}2019 – 2021", "Clyde Steel Ltd", "• Welded pipework", "Referees",
        "Jane Hill", "Manchester, UK", "+44 7700 900123", "jane.hill@example.com"])).data
    assert data.basics.location is None
    data = parse_document(paragraphs_docx([
        "Tom Reid", "Experience", f"Welder{GAP}2019 – 2021", "Clyde Steel Ltd", "• Welded pipework", "References",
        "Available upon request", "Glasgow, UK", "+44 7911 123456", "tom.reid@example.com"])).data
    assert (data.basics.location.city, data.basics.phone) == ("Glasgow", "+447911123456")


def test_review_a_labelled_line_of_what_was_done_among_bullets_is_a_highlight():
    from vitae.cvparse.entries import parse_work

    [job] = parse_work([Line(f"Engineer{GAP}2019 – 2021"), Line("Acme Ltd"), Line("• Built the ledger"),
                        Line("Key achievements: cut costs 20%"), Line("Client: NHS England"), Line("• Ran the team")])
    assert job["highlights"][0] == ["Built the ledger", "Key achievements: cut costs 20%", "Ran the team"]


def test_review_a_bold_place_or_terms_under_a_title_at_employer_header_is_no_part_of_the_employer():
    from vitae.cvparse.entries import parse_work

    def bold(text: str) -> Line:
        return Line(text, size=11, bold=True)

    for below in ("London, UK", "Seoul", "Remote", "Full Time"):
        [job] = parse_work(join_wrapped([bold(f"Software Engineer @ Google{GAP}2019 – 2021"), bold(below),
                                         Line("• Built the ledger")]))
        assert (job["position"][0], job["name"][0]) == ("Software Engineer", "Google")


def test_review_a_town_before_its_country_under_a_title_is_no_employer():
    """"Grab, Singapore" under a title names the employer before a city; "Paisley, Scotland" is a town before its
    country and "Springfield, IL" one before its state: no employer."""
    from vitae.cvparse.entries import parse_work

    def job(below: str) -> dict:
        return parse_work([Line(f"Software Engineer{GAP}2019 – 2021"), Line(below), Line("• Built the ledger")])[0]

    assert job("Grab, Singapore")["name"][0] == "Grab"
    assert "name" not in job("Paisley, Scotland") and "name" not in job("Springfield, IL")


def test_contract_histories_agencies_and_continued_headings():
    """A contractor's CV: "Contract Roles", "Engagements" and "Academic Appointments" head work; "Contract History
    (continued)" on page two, set like the headings, goes on with work; "(via Hays)" after the employer and a "Contract
    via Hays" line under the post say how it was held (no employer, no highlight); a parent company stays."""
    from vitae.cvparse.entries import parse_work
    from vitae.cvparse.sections import split_sections

    assert [heading_kind(text) for text in ("Contract Roles", "Engagements", "Academic Appointments")] == [
        "experience"] * 3

    def bold(text: str) -> Line:
        return Line(text, size=12, bold=True)

    body = [Line("Led the finance workstream of a rollout", 10), Line("Designed the chart of accounts", 10)]
    _, found = split_sections([bold("Contract History"), Line(f"SAP Lead | Capgemini{GAP}2024 – Present", 10), *body,
                               bold("Contract History (continued)"), Line(f"SAP Analyst | Sky{GAP}2022 – 2023", 10),
                               bold("Education"), Line("BSc Accounting", 10)])
    assert [(section.kind, len(section.lines)) for section in found] == [
        ("experience", 3), ("experience", 1), ("education", 1)]
    jobs = parse_work([Line(f"SAP FICO Lead (Contract) | Capgemini (via Hays){GAP}Mar 2024 – Present"),
                       Line("• Led the finance workstream"),
                       Line(f"Security Consultant (Contract), Singtel{GAP}Nov 2022 – Jul 2023"),
                       Line("Contract via Michael Page"), Line("• Red-team exercise on the 5G core."),
                       Line(f"Product Owner – Toss (Viva Republica){GAP}2019 – 2022")])
    assert [(job["position"][0], job["name"][0], job["highlights"][0]) for job in jobs] == [
        ("SAP FICO Lead (Contract)", "Capgemini", ["Led the finance workstream"]),
        ("Security Consultant (Contract)", "Singtel", ["Red-team exercise on the 5G core."]),
        ("Product Owner", "Toss (Viva Republica)", [])]


def test_a_business_named_for_its_field_is_an_employer_and_a_skills_score_is_no_part_of_it():
    """"Singapore Technologies Engineering" is a business (a name, an organisation noun, its field), though
    "engineering" is a job title's word ("Software Engineering" alone stays a unit); "BPMN (5/5)", "R (Advanced)"
    before a tab or a bullet, are the skill alone."""
    from vitae.cvparse.entries import parse_work

    [job] = parse_work([Line(f"Security Analyst, Singapore Technologies Engineering{GAP}Jul 2011 – May 2015")])
    assert (job["position"][0], job["name"][0]) == ("Security Analyst", "Singapore Technologies Engineering")
    [job] = parse_work([Line(f"Director, Software Engineering{GAP}2019 – 2021"), Line("Acme Corp")])
    assert job["position"][0] == "Director, Software Engineering"
    assert [name for name, _ in parse_skills([Line("• BPMN (5/5)"), Line("▪ Stata (Expert)\t▪ R (Advanced)"),
                                              Line("Python (4.5 / 5), SQL: 3/5")])] == [
        "BPMN", "Stata", "R", "Python", "SQL"]


def test_contact_lines_parted_by_icons_or_labels_and_a_city_before_its_postcode():
    """An icon parts contact details as a pipe would ("☎ … ✉ … ⌂ Nairobi, Kenya", "📍 Bristol BS6 5QT | …"); a place
    after an email and a single space ("Tel: 0141 496 0235 E: fiona@… Glasgow, Scotland") is found; a known city
    before its postcode is a place."""
    from vitae.cvparse.contact import find_location

    def place(text: str) -> dict:
        found = find_location([Line(text)])
        return found[0] if found else {}

    assert place("☎ +254 722 555 019 ✉ wanjiku.kamau@gmail.com ⌂ Nairobi, Kenya") == {
        "city": "Nairobi", "region": "Kenya", "countryCode": "KE"}
    assert place("✉ b.castellano@gmail.com ☎ 512-555-0193 ⌂ Austin, TX") == {
        "city": "Austin", "region": "TX", "countryCode": "US"}
    assert place("Tel: 0141 496 0235 E: fiona.mcallister@btinternet.com Glasgow, Scotland") == {
        "city": "Glasgow", "region": "Scotland", "countryCode": "GB"}
    assert place("📍 Bristol BS6 5QT  |  ☎ 07911 123456") == {"city": "Bristol", "countryCode": "GB"}


def test_a_referees_email_read_first_is_not_the_persons_and_a_units_noun_wrapped_below_its_post_goes_on():
    """A sidebar read after the referees: the email that names the person is theirs, wherever it stands; "Registered
    Nurse, Emergency <tab> dates" set bold above a bold "Department" is one post, "Westmead Hospital" its employer;
    "Treasury Board of Canada Secretariat" is an organisation, so "(EC-04)" after the title stays the post's."""
    from vitae.cvparse.entries import parse_work

    data = parse_document(paragraphs_docx([
        "Jessica Nguyen", "Experience", f"Nurse{GAP}2019 – 2021", "Westmead Hospital", "Referees", "Karen Doyle",
        "Nurse Unit Manager", "E: karen.doyle@health.nsw.gov.au", "Contact", "M: 0412 345 678",
        "E: jess.nguyen.rn@gmail.com", "Parramatta NSW 2150"])).data
    assert (data.basics.email, data.basics.phone) == ("jess.nguyen.rn@gmail.com", "+61412345678")

    def bold(text: str) -> Line:
        return Line(text, size=11, bold=True)

    [job] = parse_work([bold(f"Registered Nurse, Emergency{GAP}Feb 2021 – Present"), bold("Department"),
                        Line("Westmead Hospital", size=11), Line("• Triage in a level 6 ED", size=11)])
    assert (job["position"][0], job["name"][0]) == ("Registered Nurse, Emergency Department", "Westmead Hospital")
    [job] = parse_work([Line(f"Policy Analyst (EC-04){GAP}2017 – 2021"), Line("Treasury Board of Canada Secretariat")])
    assert (job["position"][0], job["name"][0]) == ("Policy Analyst (EC-04)", "Treasury Board of Canada Secretariat")


def test_a_kind_of_post_and_its_role_above_the_employer_levels_in_a_column_and_aides():
    """"Stage – assistante communication <tab> dates" above "Airbus" alone: the dated line is the post whole, the line
    below its employer (not where a half is a place: "Software Engineer – London" above "Stripe"); a skill's level in
    a table's column is no skill ("MATLAB <tab> Intermediate"); "Instructional Aide (part-time)" is a post with its
    terms; "Nantes (44)" is Nantes (a département's number)."""
    from vitae.cvparse.contact import find_location
    from vitae.cvparse.entries import parse_work

    for header, below in (("Stage – assistante communication", "Airbus"), ("Praca wakacyjna – kasjerka", "Biedronka"),
                          ("Stażystka – Software Engineer", "Nokia")):
        [job] = parse_work([Line(f"{header}{GAP}07.2023 – 08.2023"), Line(below)])
        assert (job["position"][0], job["name"][0]) == (header, below)
    for header in ("Software Engineer – London", "Software Engineer – London, UK"):
        [job] = parse_work([Line(f"{header}{GAP}2019 – 2021"), Line("Stripe"), Line("• Built payments")])
        assert (job["position"][0], job["name"][0]) == ("Software Engineer", "Stripe")
    [job] = parse_work([Line(f"University of Michigan{GAP}Sep 2023 – Dec 2023"), Line("Instructional Aide (part-time)"),
                        Line("• Led weekly lab sections")])
    assert (job["position"][0], job["name"][0]) == ("Instructional Aide (part-time)", "University of Michigan")
    assert [name for name, _ in parse_skills([Line("Aspen HYSYS\tAdvanced"), Line("MATLAB\tIntermediate")])] == [
        "Aspen HYSYS", "MATLAB"]
    assert find_location([Line("Nantes (44)")])[0] == {"city": "Nantes", "countryCode": "FR"}


def test_linkedin_profile_exports_several_posts_under_one_company():
    """LinkedIn's "Save to PDF": the company, then each post with its dates, how long that was ("(3 years 10 months)")
    and a "City, Region, Country" line; the posts after the first inherit the company; its degrees are named "Master
    of Science - MS"."""
    from vitae.cvparse.entries import parse_education, parse_work

    jobs = parse_work([Line("LinkedIn", bold=True), Line("Engineering Manager"),
                       Line("March 2021 - Present (3 years 10 months)"), Line("Sunnyvale, California, United States"),
                       Line("• Manage a team of 11 engineers."), Line("Senior Software Engineer"),
                       Line("January 2018 - February 2021 (3 years 2 months)"),
                       Line("Sunnyvale, California, United States"), Line("Yahoo", bold=True),
                       Line("Software Engineer"), Line("July 2014 - December 2017 · 3 yrs 6 mos"),
                       Line("Sunnyvale, CA"), Line("• Built the ingestion pipeline.")])
    assert [(j["name"][0], j["position"][0], j["startDate"][0], j.get("endDate", (None,))[0]) for j in jobs] == [
        ("LinkedIn", "Engineering Manager", "2021-03", None),
        ("LinkedIn", "Senior Software Engineer", "2018-01", "2021-02"),
        ("Yahoo", "Software Engineer", "2014-07", "2017-12")]
    [study] = parse_education([Line("Carnegie Mellon University"),
                               Line("Master of Science - MS, Computer Science · (2012 - 2014)")])
    assert (study["studyType"][0], study["area"][0], study["startDate"][0]) == (
        "Master of Science - MS", "Computer Science", "2012")


def test_an_executives_employer_over_its_posts_and_a_town_before_its_states_code():
    """An employer's line with its whole time there, over posts with their own dates: each post is at that employer;
    a town before a state's code is a place ("Stamford, CT"), so "Xerox, Norwalk, CT <tab> dates" above "Vice President,
    Finance – Global Services" is Xerox, the unit after the dash the post's, a place after it not."""
    from vitae.cvparse.entries import parse_work

    jobs = parse_work([Line(f"Pitney Bowes, Stamford, CT{GAP}2015 – Present"),
                       Line(f"Chief Financial Officer{GAP}2019 – Present"), Line("• Lead a 240-person organisation."),
                       Line(f"Senior Vice President, Corporate Finance{GAP}2015 – 2019"), Line("• Owned FP&A."),
                       Line(f"Xerox, Norwalk, CT{GAP}2008 – 2015"), Line("Vice President, Finance – Global Services"),
                       Line("• Built the business-unit finance team."),
                       Line(f"Amazon{GAP}2018 – 2021"), Line("Area Manager — Etna, OH"), Line("• Led 85 associates.")])
    assert [(j["name"][0], j["position"][0], j["startDate"][0]) for j in jobs] == [
        ("Pitney Bowes", "Chief Financial Officer", "2019"),
        ("Pitney Bowes", "Senior Vice President, Corporate Finance", "2015"),
        ("Xerox", "Vice President, Finance – Global Services", "2008"), ("Amazon", "Area Manager", "2018")]


def test_south_asian_and_african_cvs_durations_personal_profiles_and_result_columns():
    """"Duration: Jan 2021 - Present" under a post is its dates, no highlight; a "Personal Profile" of labelled details
    ("Father's Name: …", "Gender: …") is personal data, not the summary; an education table's result column is no part
    of a study ("82.4%", "CGPA 8.1"), an examining board is an institution, a class of degree is no field."""
    from vitae.cvparse.entries import parse_education, parse_work

    jobs = parse_work([Line("Senior Systems Engineer", bold=True), Line("Infosys Limited, Pune"),
                       Line("Duration: Jan 2021 - Present"), Line("Key Responsibilities:"),
                       Line("• Developing REST APIs in Spring Boot"), Line("Customer Service Officer", bold=True),
                       Line("Access Bank Plc, Ikeja"), Line("Period: February 2018 – February 2020")])
    assert [(j["name"][0], j["startDate"][0], j.get("endDate", (None,))[0], j["highlights"][0]) for j in jobs] == [
        ("Infosys Limited", "2021-01", None, ["Developing REST APIs in Spring Boot"]),
        ("Access Bank Plc", "2018-02", "2020-02", [])]
    studies = parse_education([Line(f"HSC{GAP}Maharashtra State Board{GAP}2014{GAP}82.4%"),
                               Line(f"B.E. (Computer Engineering){GAP}Pune University{GAP}2018{GAP}CGPA 8.1"),
                               Line(f"B.Sc. Economics (Second Class Upper){GAP}University of Nigeria{GAP}2011 – 2015")])
    assert [(s["studyType"][0], s.get("area", (None,))[0], s["institution"][0]) for s in studies] == [
        ("HSC", None, "Maharashtra State Board"), ("B.E.", "Computer Engineering", "Pune University"),
        ("B.Sc.", "Economics", "University of Nigeria")]
    data = parse_document(paragraphs_docx([
        "Rahul Verma", "Email: rahul@example.com", "Career Objective", "To grow as a Java developer.",
        "Personal Profile", "Father's Name: Suresh Verma", "Gender: Male", "Nationality: Indian"])).data
    assert data.basics.summary == "To grow as a Java developer."


def test_pakistani_and_bangladeshi_qualifications_and_addresses():
    """Pakistan's "Intermediate (I.Com)" and "Matriculation" are degrees, a college group in the plural an institution
    ("Punjab Group of Colleges"; not "DEIS schools" in a thesis's title); "Present Address: …, Dhaka-1205, Bangladesh"
    is in Dhaka (the postcode after a hyphen is no part of the city)."""
    from vitae.cvparse.contact import find_location
    from vitae.cvparse.entries import parse_education

    studies = parse_education([Line(f"Intermediate (I.Com){GAP}Punjab Group of Colleges{GAP}2012"),
                               Line(f"Matriculation{GAP}Crescent Model School{GAP}2010"),
                               Line(f"Master of Education{GAP}2020 – 2022"), Line("University College Cork"),
                               Line("Thesis: Co-teaching in DEIS schools")])
    assert [(s["studyType"][0], s["institution"][0]) for s in studies] == [
        ("Intermediate (I.Com)", "Punjab Group of Colleges"), ("Matriculation", "Crescent Model School"),
        ("Master of Education", "University College Cork")]
    assert find_location([Line("Present Address: House 12, Road 5, Dhanmondi, Dhaka-1205, Bangladesh")])[0] == {
        "city": "Dhaka", "region": "Bangladesh", "countryCode": "BD"}
    assert find_location([Line("Address: Flat 304, Hinjewadi Phase 2, Pune, Maharashtra - 411057")])[0] == {
        "city": "Pune", "region": "Maharashtra", "countryCode": "IN"}


def test_faculty_qualified_degrees_and_graduate_diplomas_of_a_subject():
    """South Africa's "BSc (Eng) Mining Engineering" keeps its faculty with the degree; "Graduate Diploma of Teaching
    (Secondary)" names its subject in the degree, as "Diploma of Building and Construction" does ("Graduate Diploma in
    Education" names its field apart)."""
    from vitae.cvparse.entries import parse_education

    studies = parse_education([Line(f"BSc (Eng) Mining Engineering{GAP}2010 – 2014"),
                               Line("University of the Witwatersrand"),
                               Line(f"Graduate Diploma of Teaching (Secondary){GAP}2017"),
                               Line("University of Waikato"),
                               Line(f"Graduate Diploma in Education{GAP}2018"), Line("Massey University")])
    assert [(s["studyType"][0], s["area"][0]) for s in studies] == [
        ("BSc (Eng)", "Mining Engineering"), ("Graduate Diploma of Teaching", "Secondary"),
        ("Graduate Diploma", "Education")]


def test_academic_years_nhs_rotations_and_nursing_table_rows():
    """"2019/2020 – present" starts in 2019, "2010/2011 – 2013/2014" ends in 2014, "2019/2020" alone is both years (not
    "2019/2021"); an NHS rotation "FY2 – Emergency Medicine" above "St James's University Hospital, Leeds" is the post
    whole at that hospital; "RN", "Rider" and "Crew" are job titles' words ("RN III, Cardiovascular ICU" in a table row
    after its hospital; "GrabFood Rider (part-time)" above "Grab")."""
    from vitae.cvparse.entries import parse_work

    def span(text: str) -> tuple | None:
        found = find_span(text)
        return found and (found.start, found.end)

    assert [span(t) for t in ("2019/2020 – present", "2010/2011 – 2013/2014", "2019/2020", "2019/2021")] == [
        ("2019", None), ("2010", "2014"), ("2019", "2020"), None]
    jobs = parse_work([Line(f"FY2 – Emergency Medicine{GAP}Apr 2024 – Jul 2024"),
                       Line("St James's University Hospital, Leeds"),
                       Line(f"FY2 – General Practice{GAP}Dec 2023 – Mar 2024"),
                       Line("Harrogate District Hospital, Harrogate"),
                       Line(f"06/2019 – Present{GAP}Houston Methodist Hospital{GAP}RN III, Cardiovascular ICU"),
                       Line(f"GrabFood Rider (part-time){GAP}Jan 2022 - Feb 2023"), Line("Grab")])
    assert [(j["position"][0], j["name"][0]) for j in jobs] == [
        ("FY2 – Emergency Medicine", "St James's University Hospital"),
        ("FY2 – General Practice", "Harrogate District Hospital"),
        ("RN III, Cardiovascular ICU", "Houston Methodist Hospital"), ("GrabFood Rider (part-time)", "Grab")]


def test_a_bold_school_above_its_study_a_left_dated_post_wrapped_after_of_and_a_middle_initial():
    """"HEART/NSTA Trust" set bold above "NVQ-J Level 2 in Customer Service <tab> 2018 – 2019" is that study's
    institution, though no word says it is a school (a bold field under its degree stays the field); "2019–present
    <tab> Associate Professor, …, University of" above "Michigan" is one line; "Daniel R. Whitfield" is a name (an
    initial is no skill "R")."""
    from vitae.cvparse.contact import _as_name
    from vitae.cvparse.entries import parse_education, parse_work

    def bold(text: str) -> Line:
        return Line(text, bold=True)

    studies = parse_education([bold("HEART/NSTA Trust"), Line(f"NVQ-J Level 2 in Customer Service{GAP}2018 – 2019"),
                               bold("St. Andrew High School for Girls"), Line(f"CSEC{GAP}2012 – 2017"),
                               Line(f"10/2014 – 09/2016{GAP}Master of Science"), bold("Wirtschaftsingenieurwesen"),
                               Line("Technische Universität Hamburg")])
    assert [(s["institution"][0], s["studyType"][0], s.get("area", (None,))[0]) for s in studies] == [
        ("HEART/NSTA Trust", "NVQ-J Level 2", "Customer Service"), ("St. Andrew High School for Girls", "CSEC", None),
        ("Technische Universität Hamburg", "Master of Science", "Wirtschaftsingenieurwesen")]
    jobs = parse_work([Line(f"2019–present{GAP}Associate Professor, Department of Chemical Engineering, University of"),
                       Line("Michigan"), Line(f"2011–2013{GAP}Postdoctoral Scholar, Stanford University")])
    assert [(j["name"][0], j["startDate"][0]) for j in jobs] == [("University of Michigan", "2019"),
                                                               ("Stanford University", "2011")]
    assert _as_name("Daniel R. Whitfield") == "Daniel R. Whitfield"


def test_a_course_under_training_takes_its_wrapped_name_and_its_school_along():
    """A course of study under "Training" goes to education with the rest of its name wrapped after "and" and its
    school on the line below; a certificate after it stays a certificate; "Yard Hand (weekends)" is a post."""
    from vitae.cvparse.entries import courses_of_study, parse_work

    studied, certified = courses_of_study([
        Line(f"New Zealand Certificate in Electrical Engineering Theory and{GAP}2019 – 2020"),
        Line("Practice (Level 3)"), Line("Ara Institute of Canterbury"), Line("• Site Safe Passport, 2023")])
    assert [line.text for line in studied] == [
        f"New Zealand Certificate in Electrical Engineering Theory and{GAP}2019 – 2020", "Practice (Level 3)",
        "Ara Institute of Canterbury"]
    assert [line.text for line in certified] == ["• Site Safe Passport, 2023"]
    [job] = parse_work([Line(f"Mitre 10 MEGA{GAP}Feb 2017 – Dec 2018"), Line("Yard Hand (weekends)")])
    assert (job["position"][0], job["name"][0]) == ("Yard Hand (weekends)", "Mitre 10 MEGA")


def test_teachers_grades_plural_organisations_and_an_academics_address_under_the_name():
    """"Science Teacher, Grades 6–8, Columbus City Schools": the grades are the post's (a range of digits parts
    nothing), the schools in the plural the employer; an address under the name ("School of Geography, University of
    Leeds, Leeds LS2 9JT, UK") is no summary, and its city is before the postcode."""
    from vitae.cvparse.contact import find_location
    from vitae.cvparse.entries import parse_work

    [job] = parse_work([Line(f"Science Teacher, Grades 6–8, Columbus City Schools{GAP}Aug 2016 – Jun 2024")])
    assert (job["position"][0], job["name"][0]) == ("Science Teacher, Grades 6–8", "Columbus City Schools")
    address = "School of Geography, University of Leeds, Leeds LS2 9JT, UK"
    assert find_location([Line(address)])[0] == {"city": "Leeds", "region": "UK", "countryCode": "GB"}
    data = parse_document(paragraphs_docx([
        "Helen Marsh", address, "h.marsh@leeds-geog.example.ac.uk · 0113 496 0732", "Appointments",
        f"2019–present{GAP}Associate Professor, University of Leeds"])).data
    assert data.basics.summary is None and data.basics.location.city == "Leeds"


def test_a_post_above_its_employers_dated_line_and_qualifications_after_education():
    """"Christmas Casual – Concierge Desk" above "Westfield Parramatta <tab> Dec '17 – Jan '18": the undated line is
    the post whole, the dated one its employer (less a place after a pipe: "Mainfreight | Hamilton | …"); a second
    education-kind section naming no degree ("QUALIFICATIONS: • Qualified Teacher Status (QTS) – Department for
    Education, 2016") lists certificates."""
    from vitae.cvparse.entries import parse_work

    jobs = parse_work([Line("Christmas Casual – Concierge Desk", bold=True),
                       Line(f"Westfield Parramatta{GAP}Dec '17 – Jan '18"),
                       Line("Team Leader – Inbound (Night Shift)", bold=True),
                       Line("Mainfreight | Hamilton | Aug 2020 – present"), Line("• Lead 14 storepeople")])
    assert [(j["position"][0], j["name"][0]) for j in jobs] == [
        ("Christmas Casual – Concierge Desk", "Westfield Parramatta"),
        ("Team Leader – Inbound (Night Shift)", "Mainfreight")]
    data = parse_document(paragraphs_docx([
        "Owen Fairclough", "owen@example.com", "EDUCATION:", f"BSc (Hons) Mathematics{GAP}2012 – 2015",
        "University of Liverpool", "QUALIFICATIONS:",
        "• Qualified Teacher Status (QTS) – Department for Education, 2016", "• NPQML – Ambition Institute, 2023"],
        bold=("EDUCATION:", "QUALIFICATIONS:"))).data
    assert [(c.name, c.issuer, c.date) for c in data.certificates] == [
        ("Qualified Teacher Status (QTS)", "Department for Education", "2016"), ("NPQML", "Ambition Institute", "2023")]
    assert [e.institution for e in data.education] == ["University of Liverpool"]


@pytest.mark.timeout(60)  # a hang guard (pytest-timeout)
def test_header_lines_of_thousands_of_parts_stay_linear():
    """A town before a region's code is found once per line, not by a search of the line per part, and a post's next
    part from where the post stands: a 50,000-character header of "Acme, Stamford, CT, …" took 3.5 s, one of 10,000
    tab-parted words among which "Kock" (Swedish, a cook: a title word) 12 s; well under a second each now. The town
    before its region's code is still no part of the employer ("Pitney Bowes, Stamford, CT")."""
    import itertools
    import string

    from vitae.cvparse.entries import parse_work

    words = GAP.join("K" + "".join(letters) for letters in itertools.product(string.ascii_lowercase, repeat=3))
    hostile = ["Acme, Stamford, CT, " * 2_500, "Acme, " * 8_300, words[:50_000]]
    for text in hostile:
        parse_work([Line(text), Line("Acme Ltd"), Line(f"{text}{GAP}2019 – 2020"), Line(text)])
    jobs = parse_work([Line(f"Pitney Bowes, Stamford, CT{GAP}2015 – Present"),
                       Line(f"Chief Financial Officer{GAP}2019 – Present"),
                       Line(f"Senior Vice President{GAP}2015 – 2019")])
    assert [(job["name"][0], job["position"][0]) for job in jobs] == [
        ("Pitney Bowes", "Chief Financial Officer"), ("Pitney Bowes", "Senior Vice President")]


def test_a_name_opening_with_via_is_the_employer_and_a_sentence_through_someone_a_highlight():
    """Only a short line saying through whom the post was held is skipped ("Contract via Hays", "via Randstad", "Via
    Hays Recruitment" under a post with its employer): "Via Rail Canada" and "VIA Technologies" under a post with none
    are its employer, and a line of prose opening with "Through" stays the post's highlight."""
    from vitae.cvparse.entries import parse_work

    jobs = parse_work([Line(f"Conductor{GAP}2019 – 2021"), Line("Via Rail Canada"),
                       Line(f"Engineer{GAP}2016 – 2019"), Line("VIA Technologies, Taipei"),
                       Line(f"Product Manager{GAP}2014 – 2016"), Line("Acme Ltd"), Line("Via Hays Recruitment"),
                       Line("Through close collaboration with the product team, cut customer churn by 15% in a year"),
                       Line(f"Developer{GAP}2012 – 2014"), Line("Capgemini"), Line("contracted through Adecco UK")])
    assert [(job["position"][0], job["name"][0], job["highlights"][0]) for job in jobs] == [
        ("Conductor", "Via Rail Canada", []), ("Engineer", "VIA Technologies", []),
        ("Product Manager", "Acme Ltd",
         ["Through close collaboration with the product team, cut customer churn by 15% in a year"]),
        ("Developer", "Capgemini", [])]


def test_a_school_year_naming_the_qualification_is_no_grade():
    """A grade in an education line is no part of the study ("82.4%", "CGPA 8.1"), but "Grade 12", South Africa's and
    North America's final school year, names the qualification and stays the degree."""
    from vitae.cvparse.entries import parse_education

    studies = parse_education([Line(f"Grade 12{GAP}Westside High School{GAP}2012"),
                               Line(f"HSC{GAP}Maharashtra State Board{GAP}2014{GAP}82.4%")])
    assert [(s["studyType"][0], s["institution"][0]) for s in studies] == [
        ("Grade 12", "Westside High School"), ("HSC", "Maharashtra State Board")]


def test_a_lone_dash_under_an_employers_dated_line_is_read_without_error():
    """A line that is only a dash (a rule typed under a header) has no parts: an employer's dated line above it
    ("Pitney Bowes, Stamford, CT <tab> 2015 – Present") asked for its first part and raised IndexError out of
    parse_document."""
    document = paragraphs_docx(contact(["Experience", f"Pitney Bowes, Stamford, CT{GAP}2015 – Present", "—",
                                        f"Chief Financial Officer{GAP}2019 – Present", "Education",
                                        f"BSc Accounting{GAP}2011", "University of Connecticut"]))
    data = parse_document(document).data
    assert data.work and data.work[-1].position == "Chief Financial Officer"
    assert data.education[0].institution == "University of Connecticut"


def test_a_personal_statement_of_lines_with_colons_stays_the_summary():
    """A summary section of labelled details is personal data ("Father's Name: Suresh Verma", "Gender: Male"), but one
    whose lines are sentences after a lead-in and a colon is still the person's statement."""
    data = parse_document(paragraphs_docx([
        "Jane Doe", "jane.doe@example.com | +44 7700 900123", "Profile",
        "Key strengths: stakeholder management and delivery.", "Goal: to lead a product team in fintech.",
        "Experience", f"Product Manager{GAP}2019 – 2021", "Acme Ltd"])).data
    assert data.basics.summary == ("Key strengths: stakeholder management and delivery. Goal: to lead a product team "
                                   "in fintech.")
    data = parse_document(paragraphs_docx([
        "Rahul Verma", "Email: rahul@example.com", "Career Objective", "To grow as a Java developer.",
        "Personal Profile", "Father's Name: Suresh Verma", "Date of Birth: 14/03/1996", "Nationality: Indian"])).data
    assert data.basics.summary == "To grow as a Java developer."


def test_the_persons_email_is_the_one_naming_more_of_them():
    """Of emails that share the person's surname (a relative or a referee read first), the person's is the one whose
    local part names more of them, the given name first; with nothing to tell them apart, the first."""
    from vitae.cvparse.contact import find_email

    assert find_email("john.doe@nhs.net\njane.d@example.com", "Jane Doe")[0] == "jane.d@example.com"
    assert find_email("mary.smith@x.com\njohn.smith@y.com", "John Smith")[0] == "john.smith@y.com"
    assert find_email("mary.smith@x.com\nj.smith@y.com", "John Smith")[0] == "mary.smith@x.com"
    assert find_email("hr@acme.com\nivan@example.com", "Іван Петренко")[0] == "hr@acme.com"
    data = parse_document(paragraphs_docx([
        "Jane Doe", "Experience", f"Staff Nurse{GAP}2019 – 2021", "St Thomas' Hospital", "References",
        "John Doe, Ward Manager", "john.doe@nhs.net", "Contact", "jane.d@example.com"])).data
    assert data.basics.email == "jane.d@example.com"


def test_an_employer_before_its_region_and_country_under_a_post_that_names_none():
    """"Google, California, United States" under "Software Engineer <tab> 2019 – 2021" names the employer first (a
    review finding: read whole as a place since LinkedIn's "City, Region, Country" lines are places, it lost the
    employer); LinkedIn's own place line under a post whose company is named above stays a place."""
    from vitae.cvparse.entries import parse_work

    for line, employer in (("Google, California, United States", "Google"), ("Infosys, Karnataka, India", "Infosys")):
        [job] = parse_work([Line(f"Software Engineer{GAP}2019 – 2021"), Line(line), Line("• Built the ledger")])
        assert (job["position"][0], job["name"][0]) == ("Software Engineer", employer)
    [job] = parse_work([Line("LinkedIn", bold=True), Line("Engineering Manager"), Line("March 2021 - Present"),
                        Line("Sunnyvale, California, United States"), Line("• Led 11 engineers")])
    assert (job["position"][0], job["name"][0]) == ("Engineering Manager", "LinkedIn")


def test_career_alone_heads_the_work_history_and_board_roles_head_none():
    """"CAREER" alone heads an executive's positions; "Board and Non-Executive" roles after them are no work entries."""
    assert heading_kind("CAREER", True) == heading_kind("Career") == "experience"
    assert heading_kind("Career Summary") == "summary"
    assert heading_kind("BOARD AND NON-EXECUTIVE") == heading_kind("Board Roles") == "other"
    data = parse_document(paragraphs_docx([
        "Jane Doe", "jane.doe@example.com | +44 7700 900123", "CAREER", f"Chief Financial Officer{GAP}2019 – 2023",
        "Acme Foods Ltd", "• Cut working capital by a fifth.", "BOARD AND NON-EXECUTIVE",
        "Governor, Hillside Academy (2020 – present)"])).data
    assert [(w.position, w.name) for w in data.work] == [("Chief Financial Officer", "Acme Foods Ltd")]


def test_a_schools_letters_after_a_degree_with_no_field_are_the_school():
    """"MBA, INSEAD (2010)": four capitals or more where the field would go name the school; a field's letters are
    fewer ("B.Tech, CSE")."""
    from vitae.cvparse.entries import parse_education

    [study] = parse_education([Line("MBA, ESSEC (2012)")])
    assert (study["studyType"][0], study["institution"][0], "area" in study) == ("MBA", "ESSEC", False)
    [study] = parse_education([Line("B.Tech, CSE"), Line("Anna University")])
    assert (study["area"][0], study["institution"][0]) == ("CSE", "Anna University")


def test_a_post_with_its_unit_above_the_employer_and_its_place():
    """"Regional Manager, Healthcare <tab> dates" above "Medtronic, Dallas, TX": the line below names the employer and
    where it is, so what follows the title's comma is the post's unit, not the employer."""
    from vitae.cvparse.entries import parse_work

    [job, _] = parse_work([Line(f"Account Director, Public Sector{GAP}Mar. 2020 – Present"),
                           Line("Workday, Denver, CO"), Line("• Grew the territory 40%."),
                           Line(f"Account Manager{GAP}2016 – 2020"), Line("Oracle, Denver, CO")])
    assert (job["position"][0], job["name"][0]) == ("Account Director, Public Sector", "Workday")


def test_a_town_under_a_piped_post_is_neither_employer():
    """"Post | Employer <tab> dates" with the town on the line below, above the next such header: the town is where
    the post was held, not the next post's employer."""
    from vitae.cvparse.entries import parse_work

    jobs = parse_work([Line(f"Warehouse Lead | Tesco{GAP}Jun 2019 – Present"), Line("Dunstable"),
                       Line(f"Picker | Ocado{GAP}May 2016 – May 2019"), Line("Hatfield")])
    assert [(job["position"][0], job["name"][0]) for job in jobs] == [("Warehouse Lead", "Tesco"), ("Picker", "Ocado")]


def test_a_told_strength_under_a_label_lists_no_skills_and_systems_heads_skills():
    """"Reporting: automated the KPI pack in Excel and Power BI, saving a day a week." tells a strength in a sentence
    (a functional resume's Key Skills): no skills; "Systems" heads a list of them."""
    assert parse_skills([Line("Reporting: rebuilt the monthly pack in Tableau and Excel, saving two days.")]) == []
    assert [s for s, _ in parse_skills([Line("Tools: Excel, Tableau.")])] == ["Excel", "Tableau"]
    assert heading_kind("Systems") == "skills"


def test_a_schools_dated_line_above_its_course_in_a_training_section():
    """"TRAINING": "Hunter TAFE <tab> 2015 – 2018" above "Certificate III in Carpentry" is a course of study (AQF
    certificates are education), its own name kept whole after a spaced hyphen."""
    data = parse_document(paragraphs_docx([
        "Jane Doe", "jane.doe@example.com | 0412 345 678", "Training", f"Hunter TAFE{GAP}2015 – 2018",
        "Certificate III in Carpentry", f"Hunter TAFE{GAP}2021", "Certificate IV in Building - Residential",
        "First Aid (2023)"])).data
    assert [(e.institution, e.studyType, e.area) for e in data.education] == [
        ("Hunter TAFE", "Certificate III", "Carpentry"), ("Hunter TAFE", "Certificate IV", "Building - Residential")]
    assert [c.name for c in data.certificates] == ["First Aid"]


def test_a_federal_entrys_street_address_is_no_position():
    """A federal resume names the agency, then its street address, then the post: "4700 Executive Park Dr,
    Riverdale, MD 20737" is where the office is (its "Executive" no title), neither position nor highlight; "24 Hour
    Fitness, San Diego" is still an employer."""
    from vitae.cvparse.entries import parse_work

    [job] = parse_work([Line("U.S. Department of Agriculture, Animal and Plant Health Inspection Service"),
                        Line("4700 Executive Park Dr, Riverdale, MD 20737"), Line("Budget Analyst"),
                        Line("10/2018 – Present"), Line("Hours per week: 40")])
    assert job["position"][0] == "Budget Analyst"
    [job] = parse_work([Line(f"Personal Trainer{GAP}2019 – 2021"), Line("24 Hour Fitness, San Diego, CA"),
                        Line("• Trained 40 clients.")])
    assert job["name"][0] == "24 Hour Fitness"


def test_a_campus_town_holding_an_institutions_word_and_an_interventionist():
    """"University of Maryland, College Park, MD": the campus's town is the university's name though "College" is an
    institution's word; "Reading Interventionist" under its school district is the post."""
    from vitae.cvparse.entries import parse_education, parse_work

    [study] = parse_education([Line(f"Master of Science in Physics{GAP}2012"),
                               Line("University of Maryland, College Park, MD")])
    assert study["institution"][0] == "University of Maryland, College Park"
    [job] = parse_work([Line(f"Salem-Keizer Public Schools, Salem, OR{GAP}AUGUST 2015 - JUNE 2018"),
                        Line("Behavior Interventionist"), Line("● Ran de-escalation plans for 12 students.")])
    assert job["position"][0] == "Behavior Interventionist"


def test_what_im_good_at_heads_skills_and_a_subjects_science_names_the_degree():
    """A plain-spoken heading, "WHAT I'M GOOD AT", heads a trade CV's skills; "Bachelor of Dental Science" is the
    degree's whole name (no field "Science")."""
    from vitae.cvparse.entries import parse_education

    assert heading_kind("WHAT I'M GOOD AT") == heading_kind("What I\u2019m good at") == "skills"
    [study] = parse_education([Line(f"Bachelor of Dental Science{GAP}2014 – 2018"), Line("University of Otago")])
    assert (study["studyType"][0], "area" in study) == ("Bachelor of Dental Science", False)


def test_pdf_skill_bars_in_a_sidebar_close_no_band_of_the_columns():
    """A sidebar's skill bars, each a filled and an empty box side by side, read as a "table" of two cells holding no
    word: drawing, not a grid, so the sidebar's lines beside them stay in their column (not among the positions)."""
    pdf = FPDF(format="A4")
    pdf.core_fonts_encoding = "windows-1252"
    pdf.add_page()
    left = [("B", "Jane Doe"), ("", "jane.doe@example.com"), ("", "+44 7700 900123"), ("B", "TOOLS")]
    left += [("", tool) for tool in ("Sketch (Expert)", "InDesign (Advanced)", "Framer (Intermediate)",
                                      "Miro (Advanced)")]
    right = [("B", "EXPERIENCE"), ("B", "Monzo Bank Ltd\t2020 - 2023"), ("", "Senior Product Designer"),
             ("", "- Redesigned the savings flow."), ("B", "Ocado Group plc\t2017 - 2020"), ("", "Product Designer"),
             ("", "- Built the design system."), ("", "- Ran research with 40 shoppers."),
             ("B", "EDUCATION"), ("", "BA in Graphic Design\t2013 - 2016"), ("", "University of Brighton")]
    for row, (style, text) in enumerate(left):
        pdf.set_font("Helvetica", style, 10)
        pdf.set_xy(10, 20 + row * 12)
        pdf.cell(50, 6, text)
        if row >= 4:  # the bar under the tool's name
            pdf.rect(10, 27 + row * 12, 30, 1.5, style="F")
            pdf.rect(40, 27 + row * 12, 15, 1.5)
    for row, (style, text) in enumerate(right):
        pdf.set_font("Helvetica", style, 10)
        name, _, dates = text.partition("\t")
        pdf.set_xy(75, 20 + row * 8)
        pdf.cell(90, 6, name)
        if dates:
            pdf.set_xy(165, 20 + row * 8)
            pdf.cell(35, 6, dates, align="R")
    data = parse_document(bytes(pdf.output())).data
    assert [(w.position, w.name) for w in data.work] == [("Senior Product Designer", "Monzo Bank Ltd"),
                                                         ("Product Designer", "Ocado Group plc")]
    assert [s.name for s in data.skills] == ["Sketch", "InDesign", "Framer", "Miro"]


def test_school_leaving_subjects_after_a_colon_are_no_field():
    """"Highers: History, Biology" (Scotland's school-leaving award) or "A-levels: Chemistry, French" under the school
    name the qualification, then its subjects: no field of study."""
    from vitae.cvparse.entries import parse_education

    for line, award in (("Highers: History, Biology, Art", "Highers"), ("A-levels: Chemistry, French", "A-levels")):
        [study] = parse_education([Line(f"Bearsden Academy{GAP}2012 - 2018"), Line(line)])
        assert (study["institution"][0], study["studyType"][0], "area" in study) == ("Bearsden Academy", award, False)


def test_what_a_one_line_entry_did_after_its_bracketed_dates_and_a_colon():
    """"Treasurer, Chess Society (2019 – 2021): ran the budget." holds its header before the colon and what was done
    after it, no employer; dates first with a colon ("2019 – 2021: Analyst, Acme Ltd") stay the header."""
    from vitae.cvparse.entries import parse_work

    [job] = parse_work([Line("Captain, Rowing Club (Oct 2021 – Jun 2023): coached 30 novices for regatta season.")])
    assert (job["position"][0], job["name"][0], job["highlights"][0]) == (
        "Captain", "Rowing Club", ["coached 30 novices for regatta season."])
    [job] = parse_work([Line("2019 – 2021: Analyst, Acme Ltd"), Line("• Built the model.")])
    assert (job["position"][0], job["name"][0]) == ("Analyst", "Acme Ltd")


def test_training_beside_certifications_lists_courses_not_certificates():
    """A CV that keeps "Certifications" apart from "Training" lists courses attended under the latter: no
    certificates, but for a course of study (education); "Training" alone still lists certificates."""
    lines = ["Jane Doe", "jane.doe@example.com | +1 301 555 0100", "Certifications",
             "PMP, Project Management Institute, 2019", "Training",
             "Negotiation Skills (24 hours), Acme Learning, 2020",
             "Certificate IV in Project Management, TAFE Queensland, 2016 – 2017"]
    data = parse_document(paragraphs_docx(lines)).data
    assert [c.name for c in data.certificates] == ["PMP"]
    assert [(e.studyType, e.institution) for e in data.education] == [("Certificate IV", "TAFE Queensland")]
    data = parse_document(paragraphs_docx([*lines[:2], *lines[4:6]])).data
    assert [c.name for c in data.certificates] == ["Negotiation Skills (24 hours)"]


_PROFILE = ("Summary", "Engineer who builds platforms for other engineers to deploy on, and keeps them running.")


@pytest.mark.parametrize("place, city, region, country", [
    ("Silver Spring, MD 20910", "Silver Spring", "MD", "US"),  # "Spring" is also a framework's name
    ("Spring, TX", "Spring", "TX", "US"),
    ("London SW11", "London", None, "GB"),  # the outward half of a UK postcode
    ("Leeds LS2", "Leeds", None, "GB"),
])
def test_a_town_named_like_a_skill_before_its_state_and_a_town_before_its_postal_district(place, city, region, country):
    data = parse_document(paragraphs_docx(["Jane Doe", f"{place} | jane.doe@example.com", *_PROFILE, "Skills",
                                           "Python, Java, Spring"])).data
    assert (data.basics.location.city, data.basics.location.region, data.basics.location.countryCode) == (
        city, region, country)
    assert [s.name for s in data.skills] == ["Python", "Java", "Spring"]
    data = parse_document(paragraphs_docx(["Jane Doe", "jane.doe@example.com", *_PROFILE, "Skills",
                                           "Java, Spring"])).data
    assert data.basics.location is None  # a list of skills is still no place


def test_a_national_number_of_another_country_than_the_best_known_town_of_that_name():
    """"Hamilton 3200" names Ontario's Hamilton first; a number that is no Canadian one, read in the country of the
    email's domain (New Zealand's "021 448 9063"), makes it New Zealand's. A number of the town's own country, or one
    +1 shares, leaves it be."""
    def parsed(contact_line: str):
        return parse_document(paragraphs_docx(["Tane Parata", contact_line, *_PROFILE])).data

    data = parsed("Hamilton 3200 | 021 448 9063 | tane@xtra.co.nz")
    assert (data.basics.phone, data.basics.location.city, data.basics.location.countryCode) == (
        "+64214489063", "Hamilton", "NZ")
    data = parsed("Hamilton | (905) 555-0134 | tane@xtra.co.nz")
    assert (data.basics.phone, data.basics.location.countryCode) == ("+19055550134", "CA")
    data = parsed("Hamilton | (415) 555-2671 | tane@example.com")
    assert (data.basics.phone, data.basics.location.countryCode) == ("+14155552671", "CA")


def test_an_employer_named_like_a_skill_before_its_states_code_stays_the_employer():
    """"Salesforce, CA" under a post names the employer and its state: a skill's name alone before a region's code is
    a place only on a contact line ("Spring, TX"); a town with more words than the skill's stays one ("Silver Spring,
    MD")."""
    from vitae.cvparse.contact import names_a_place

    data = parse_document(paragraphs_docx([
        "Jane Doe", "jane.doe@example.com | (512) 471-3920 | Spring, TX", "Experience", "Account Executive",
        "Salesforce, CA", "2019 – 2022", "Closed enterprise deals across the western region."],
        bullets=("Closed enterprise deals across the western region.",))).data
    assert [(w.position, w.name) for w in data.work] == [("Account Executive", "Salesforce")]
    assert (data.basics.location.city, data.basics.location.region) == ("Spring", "TX")
    assert not names_a_place("Oracle, TX")
    assert names_a_place("Silver Spring, MD")


@pytest.mark.parametrize("place", ["London SW11 4NJ", "London SW11", "Bristol BS6 5QT"])
def test_a_postcode_keeps_its_towns_country_beside_a_number_of_another(place):
    """A postcode written as only one country writes it names that country: a national number read in another country
    ("(212) 736-4821", American) does not move the town there, as it moves a town named alone ("London" and an
    Ontario number: London, Ontario)."""
    data = parse_document(paragraphs_docx(["Jane Doe", f"{place} | (212) 736-4821 | jane.doe@example.com",
                                           *_PROFILE])).data
    assert (data.basics.phone, data.basics.location.countryCode) == ("+12127364821", "GB")
    data = parse_document(paragraphs_docx(["Jane Doe", "London | (519) 661-2111 | jane.doe@example.com",
                                           *_PROFILE])).data
    assert data.basics.location.countryCode == "CA"


def test_a_field_in_capitals_above_its_school_is_no_school():
    """"B.S., BIOLOGY" above "University of Texas at Austin": a field written in capitals, its school on the next line;
    "MBA, INSEAD" above the next degree's line still names its school by its letters."""
    from vitae.cvparse.entries import parse_education

    studies = parse_education([Line("B.S., BIOLOGY"), Line("University of Texas at Austin, 2012 – 2015"),
                               Line("MBA, FINANCE"), Line("Rice University, 2017 – 2019")])
    assert [(s["studyType"][0], s["area"][0], s["institution"][0]) for s in studies] == [
        ("B.S.", "BIOLOGY", "University of Texas at Austin"), ("MBA", "FINANCE", "Rice University")]
    studies = parse_education([Line("MBA, INSEAD, 2010"), Line("BSc (Hons), Physics, University of Leeds, 2004")])
    assert [(s["studyType"][0], s["institution"][0]) for s in studies] == [
        ("MBA", "INSEAD"), ("BSc (Hons)", "University of Leeds")]


def test_a_field_of_study_that_ends_in_systems_heads_nothing():
    """"Information Systems" on its own line under a degree is its field, no heading of skills ("Systems" alone, or
    joined by a sign to another kind's word, still heads them)."""
    assert heading_kind("Information Systems") is None
    assert heading_kind("Computer Systems", True) is None
    assert heading_kind("Tools & Systems") == heading_kind("SYSTEMS") == "skills"
    data = parse_document(paragraphs_docx([
        "Jane Doe", "jane.doe@example.com | +1 301 555 0100", "Education", "Bachelor of Science", "Information Systems",
        "University of Cape Town", "2012 – 2015", "Skills", "Python, SQL"])).data
    assert [(e.studyType, e.area, e.institution) for e in data.education] == [
        ("Bachelor of Science", "Information Systems", "University of Cape Town")]
    assert [s.name for s in data.skills] == ["Python", "SQL"]


def test_a_certification_under_training_beside_certifications_stays_a_certificate():
    """Training beside Certifications lists courses attended, but a line that names a certification or licence by its
    words is one ("Certified ScrumMaster (CSM)", "Forklift Licence"); a "Certificate of ..." is a course's award."""
    data = parse_document(paragraphs_docx([
        "Jane Doe", "jane.doe@example.com | +1 301 555 0100", "Certifications",
        "PMP, Project Management Institute, 2019", "Training",
        "Certified ScrumMaster (CSM), Scrum Alliance, 2020", "Negotiation Skills, Acme Learning, 2020",
        "Forklift Licence, 2018"])).data
    assert [c.name for c in data.certificates] == ["PMP", "Certified ScrumMaster (CSM)", "Forklift Licence"]


def test_a_list_in_lower_case_with_a_long_first_item_still_lists_skills():
    """A told strength is one sentence of a clause or two ("Reporting: rebuilt the pack in Excel, saving two days."); a
    list in lower case that goes on over more commas lists skills, whatever its first item's length."""
    listed = parse_skills([Line("Tools: advanced excel including pivot tables and vlookup, power bi, sql.")])
    assert [s for s, _ in listed] == ["power bi", "sql"]
    assert parse_skills([Line("Reporting: rebuilt the monthly pack in Tableau and Excel, saving two days.")]) == []


def test_only_a_course_awards_field_goes_on_over_a_dash():
    """"Certificate IV in Hazardous Areas - Electrical": a course's name goes on over its dash; a degree's field does
    not, what follows its dash is its school ("BEng in Mechanical Engineering - Stanford")."""
    from vitae.cvparse.entries import parse_education

    [study] = parse_education([Line("BEng in Mechanical Engineering - Stanford")])
    assert (study["area"][0], study["institution"][0]) == ("Mechanical Engineering", "Stanford")
    [study] = parse_education([Line("Certificate III in Carpentry - Framing")])
    assert (study["studyType"][0], study["area"][0]) == ("Certificate III", "Carpentry - Framing")


def test_an_employer_after_a_lone_posts_bracketed_dates_and_a_unit_above_its_place():
    """After bracketed dates and a colon, what a post did is a highlight only when it reads so (lower case, a
    sentence) or the post's employer came first: "Volunteer Tutor (2019 – 2021): Literacy Trust" names its employer.
    A unit on the line below the post and its employer ("Investment Banking Division, New York, NY") is no employer
    that makes the post's employer its unit."""
    from vitae.cvparse.entries import parse_work

    jobs = parse_work([Line("Volunteer Tutor (2019 – 2021): Literacy Trust"),
                       Line("President, Chess Society (2017 – 2018): ran the budget and the weekly events.")])
    assert [(job["position"][0], job["name"][0], job.get("highlights", ([], 0))[0]) for job in jobs] == [
        ("Volunteer Tutor", "Literacy Trust", []),
        ("President", "Chess Society", ["ran the budget and the weekly events."])]
    [job] = parse_work([Line(f"Analyst, Goldman Sachs{GAP}2018 – 2020"),
                        Line("Investment Banking Division, New York, NY"), Line("• Built models.")])
    assert (job["position"][0], job["name"][0]) == ("Analyst", "Goldman Sachs")


@pytest.mark.parametrize("address, city, country", [
    ("Based in Bristol, UK \u00b7 Open to relocation", "Bristol", "GB"),  # words leading the place in
    ("4 Mount Street, Ranelagh, Dublin 6, D06 F2X3", "Dublin", "IE"),  # a city's postal district after its name
    ("Blk 45 Bedok North Road, #03-12, Singapore 460045", "Singapore", "SG"),  # the last piece after a flat's number
    ("8, avenue Jean Jaur\u00e8s, 31000 Toulouse", "Toulouse", "FR"),  # after a house's number and its street
    ("\u043c. \u041a\u0438\u0457\u0432, \u0432\u0443\u043b. \u0421\u0430\u0434\u043e\u0432\u0430, 12, \u043a\u0432. 3",
     "\u041a\u0438\u0457\u0432", "UA"),  # the city named so ("m."), then its street
])
def test_the_place_in_a_whole_postal_address(address, city, country):
    data = parse_document(paragraphs_docx(["Noor el Haddad", address, "noor.haddad@example.com", *_PROFILE])).data
    assert (data.basics.name, data.basics.location.city, data.basics.location.countryCode) == (
        "Noor el Haddad", city, country)


def test_the_first_phone_written_unless_a_guess_would_read_it():
    """A national number above a number with its country code is the CV's when the CV's own country reads it; a
    P.O. box's digits are no American number."""
    def phone(*contact_lines: str) -> str | None:
        return parse_document(paragraphs_docx(["Sipho Dube", *contact_lines, *_PROFILE])).data.basics.phone

    assert phone("Durban, KwaZulu-Natal", "Cell: 083 555 0142", "Office: +27 (0)31 555 0199") == "+27835550142"
    assert phone("P.O. Box 48213-00100, Nairobi", "Tel: +254 733 555 014") == "+254733555014"
    assert phone("Austin, TX", "Office: +1 512 555 0100", "Cell: (512) 555-0142") == "+15125550100"


def test_a_fax_above_a_phone_is_no_phone():
    """A national number labelled a fax above a number with its country code is no phone of the CV's."""
    def phone(*contact_lines: str) -> str | None:
        return parse_document(paragraphs_docx(["Tom Reid", *contact_lines, *_PROFILE])).data.basics.phone

    assert phone("Leeds, UK", "Fax: 0113 496 0958", "Tel: +44 113 496 0100") == "+441134960100"
    assert phone("Leeds, UK", "Fax +44 113 496 0958 Tel +44 113 496 0100") == "+441134960100"
    assert phone("Leeds, UK", "Tel/Fax: 0113 496 0958", "Mobile: +44 7700 900555") == "+441134960958"


@pytest.mark.parametrize("text", ["Skills: Java, Spring, Boston", "Led engineers, managed budgets, Reading"])
def test_a_lists_last_item_with_no_house_number_before_it_is_no_place(text):
    from vitae.cvparse.contact import find_location

    assert find_location([Line(text)]) is None


def test_pdf_page_without_drawn_edges_skips_the_table_finder(monkeypatch):
    """A page that draws no line or rectangle holds no ruled table: pdfplumber's table finder is not run for it
    (it costs about 1.5 million instructions a page); a page with a rule still asks it."""
    def text_only(rule: bool) -> bytes:
        document = _a4_pdf()
        document.set_font("Helvetica", "", 10)
        for text in ("Mariana Costa", "mariana.costa@example.org", "Experience", "Nurse, Hospital Sao Joao, 2019"):
            document.cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
        if rule:
            document.line(10, 60, 200, 60)
        return bytes(document.output())

    import pdfplumber.page

    asked: list[int] = []
    finder = pdfplumber.page.Page.find_tables
    monkeypatch.setattr(pdfplumber.page.Page, "find_tables",
                        lambda page, *args: asked.append(page.page_number) or finder(page, *args))
    assert [line.text for line in pdf.read(text_only(rule=False))[0]][:2] == ["Mariana Costa",
                                                                             "mariana.costa@example.org"]
    assert asked == []
    pdf.read(text_only(rule=True))
    assert asked == [1]


@pytest.mark.parametrize("labels", [[], [True], [False], [True, False], [True, True, False], [False, True, True],
                                    [True, False, True, False], [True, True, False, True], [False, False, True]])
def test_mostly_labels_stops_counting_with_the_same_answer(labels, monkeypatch):
    """_mostly_labels answers as counting every text would (more than half are labels), reading fewer."""
    texts = [f"text {index}" for index in range(len(labels))]
    read: list[str] = []
    monkeypatch.setattr(pdf, "_is_label", lambda text: read.append(text) or labels[texts.index(text)])
    assert pdf._mostly_labels(texts) == (sum(labels) > 0.5 * len(labels))


def test_mostly_labels_reads_until_the_count_settles_it(monkeypatch):
    read: list[str] = []
    monkeypatch.setattr(pdf, "_is_label", lambda text: read.append(text) or text.startswith("2019"))
    assert not pdf._mostly_labels(["Led a team", "Built a tool", "Ran audits", "2019 - 2021", "2018"])
    assert read == ["Led a team", "Built a tool", "Ran audits"]  # three of five are no labels: the rest cannot tip it


def _ruled_grid_pdf(rows: list[tuple[str, str, bool]]) -> bytes:
    """A Europass-style grid: labels right-aligned in a 38 mm left column, a vertical rule, entries 2.5 mm (under an
    em) to its right. `rows`: (left cell, right cell, bold) per line."""
    pdf = _a4_pdf()
    pdf.set_font("Helvetica", "B", 18)
    pdf.cell(0, 10, "Amaka Eze", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 10)
    pdf.cell(0, 6, "amaka.eze@example.com | +234 803 555 0142 | Enugu, Nigeria", new_x="LMARGIN", new_y="NEXT")
    top = pdf.get_y() + 2
    pdf.set_y(top)
    for left, right, bold in rows:
        pdf.set_font("Helvetica", "B" if bold else "", 10)
        pdf.cell(38, 5.5, left, align="R")
        pdf.set_x(pdf.l_margin + 38.5)
        pdf.set_font("Helvetica", "", 10)
        pdf.cell(0, 5.5, right, new_x="LMARGIN", new_y="NEXT")
    pdf.line(pdf.l_margin + 38.2, top, pdf.l_margin + 38.2, pdf.get_y())
    return bytes(pdf.output())


def test_a_ruled_grids_rule_parts_its_columns_and_its_headings_and_ranges_wrap_in_the_left_one():
    """Beside a vertical rule, a date a word space from its entry is a cell of its own; a heading wrapped in the
    narrow left column ("CLINICAL" over "EXPERIENCE", "TRAINING &" over "COURSES") is one heading, and a range cut
    there ("Mar 2016 \u2013 Jun" over "2019") is made whole beside its entry."""
    data = parse_document(_ruled_grid_pdf([
        ("CLINICAL", "", True), ("EXPERIENCE", "", True),
        ("Jul 2019 \u2013 date", "Consultant Anaesthetist", False), ("", "Enugu State Teaching Hospital", False),
        ("Mar 2016 \u2013 Jun", "Senior Registrar", False), ("2019", "Ebonyi Federal Hospital", False),
        ("EDUCATION AND", "", True), ("QUALIFICATIONS", "", True),
        ("2008 \u2013 2014", "MBBS", False), ("", "University of Ibadan", False),
        ("TRAINING &", "", True), ("COURSES", "", True),
        ("", "Advanced Trauma Life Support, American College of Surgeons (2018)", False),
        ("SKILLS", "", True), ("", "Regional anaesthesia, Airway management", False),
    ])).data
    assert [(w.position, w.name, w.startDate, w.endDate) for w in data.work] == [
        ("Consultant Anaesthetist", "Enugu State Teaching Hospital", "2019-07", None),
        ("Senior Registrar", "Ebonyi Federal Hospital", "2016-03", "2019-06")]
    assert [(e.studyType, e.institution) for e in data.education] == [("MBBS", "University of Ibadan")]
    assert [c.name for c in data.certificates] == ["Advanced Trauma Life Support"]
    assert [s.name for s in data.skills] == ["Regional anaesthesia", "Airway management"]


def test_short_lines_of_a_last_page_are_no_wrap_of_each_other():
    """A second page with a heading and three short "Language, level" lines: the text's right edge is the earlier
    pages' too, so none of them reaches it and each is a language of its own."""
    pdf = _a4_pdf()
    pdf.set_font("Helvetica", "B", 18)
    pdf.cell(0, 10, "Amaka Eze", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 10)
    pdf.cell(0, 6, "amaka.eze@example.com | +234 803 555 0142 | Enugu, Nigeria", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "B", 12)
    pdf.cell(0, 8, "EXPERIENCE", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 10)
    pdf.cell(0, 6, "Consultant Anaesthetist, Enugu State Teaching Hospital, Enugu  (Jul 2019 \u2013 Present)",
             new_x="LMARGIN", new_y="NEXT")
    pdf.multi_cell(0, 5.5, "- " + "Ran the regional anaesthesia service for orthopaedic and obstetric theatres, "
                   "with a weekly teaching list for residents." * 2, new_x="LMARGIN", new_y="NEXT")
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 12)
    pdf.cell(0, 8, "LANGUAGES", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 10)
    for text in ("Igbo, native", "English, fluent", "Hausa, basic"):
        pdf.cell(0, 5.5, text, new_x="LMARGIN", new_y="NEXT")
    data = parse_document(bytes(pdf.output())).data
    assert [(language.language, language.fluency) for language in data.languages] == [
        ("Igbo", "native"), ("English", "fluent"), ("Hausa", "basic")]


def test_a_national_phone_takes_the_country_of_an_irish_county():
    """"Co. Cork" names Ireland, so the national mobile under it is Irish."""
    data = parse_document(paragraphs_docx(["Aoife Brennan", "7 Mill Road, Macroom, Co. Cork, P12 K2V8",
                                           "Mobile: 087 555 0142", *_PROFILE])).data
    assert (data.basics.phone, data.basics.location.countryCode) == ("+353875550142", "IE")


@pytest.mark.parametrize(("header", "position", "employer"), [
    # a practice group after the title, a firm named like a town after the dash
    (f"Senior Associate, Dispute Resolution \u2013 Mabaso Khumalo{GAP}Mar 2020 \u2013 Present",
     "Senior Associate, Dispute Resolution", "Mabaso Khumalo"),
    (f"Associate, Corporate & Securities \u2013 Bowmans{GAP}2016 \u2013 2020", "Associate, Corporate & Securities",
     "Bowmans"),
    # a firm's name and a place after the dash still read as before
    (f"Director of Operations, Wynn Las Vegas \u2014 Las Vegas{GAP}2019 \u2013 2021", "Director of Operations",
     "Wynn Las Vegas"),
    # an organisation named with "Research" and "and" is no unit of the post
    ("Field Technician, Lake Basin Fisheries and Water Research Organisation, Kisumu (Jun 2017 \u2013 Dec 2020)",
     "Field Technician", "Lake Basin Fisheries and Water Research Organisation"),
])
def test_a_unit_after_the_title_before_a_firm_after_the_dash_and_an_organisation_named_for_research(
        header, position, employer):
    from vitae.cvparse.entries import parse_work

    jobs = parse_work([Line(header), Line("\u2022 Ran the matters end to end")])
    assert [(job["position"][0], job["name"][0]) for job in jobs] == [(position, employer)]


def test_a_range_cut_after_its_ends_month_and_a_degrees_field_cut_after_its_comma():
    """In a narrow column, "Feb. 2014 – May" (right-aligned) above "2019" is one range whose end is May 2019, not a
    range to 2019 with "May" as the post; "B.B.A., Supply Chain <tab> 2016" above a bold "Management" is one field."""
    from vitae.cvparse.entries import parse_education, parse_work

    jobs = parse_work([Line(f"Shift Supervisor{GAP}Feb. 2014 \u2013 May", bold=True), Line("2019"),
                       Line("Maersk | Memphis, TN"), Line("\u2022 Ran the night shift")])
    assert [(j["position"][0], j["name"][0], j["startDate"][0], j["endDate"][0]) for j in jobs] == [
        ("Shift Supervisor", "Maersk", "2014-02", "2019-05")]
    studies = parse_education([Line(f"B.B.A., Operations{GAP}2016", bold=True), Line("Management", bold=True),
                               Line("University of Memphis")])
    assert [(s["studyType"][0], s["area"][0], s["institution"][0]) for s in studies] == [
        ("B.B.A.", "Operations Management", "University of Memphis")]


@pytest.mark.parametrize(("lines", "city", "region", "code"), [
    (["Flat 2C, Lake View Towers, Anna Nagar, Chennai \u2013 600040, Tamil Nadu"], "Chennai", "Tamil Nadu", "IN"),
    (["Al Reem Island, Abu Dhabi", "United Arab Emirates"], "Abu Dhabi", "United Arab Emirates", "AE"),
])
def test_a_postcode_after_a_dash_and_a_country_on_the_line_below(lines, city, region, code):
    from vitae.cvparse.contact import find_location

    found = find_location([Line(text) for text in lines])
    assert found is not None and found[0] == {"city": city, "region": region, "countryCode": code}


@pytest.mark.parametrize(("lines", "expected"), [
    # a level after the award is neither its school nor its field
    (["National Certificate in Hospitality, Level 3", "Otago Polytechnic, 2018"],
     [("National Certificate", "Hospitality", "Otago Polytechnic")]),
    # a labelled grade after a semicolon is no part of the field
    ([f"Amrita School of Engineering{GAP}2015 \u2013 2019", "B.E. in Electrical Engineering; CGPA 8.2/10"],
     [("B.E.", "Electrical Engineering", "Amrita School of Engineering")]),
    ([f"Bachelor of Commerce (Honours), Finance; GPA 6.9/9{GAP}2019 \u2013 2022", "Massey University"],
     [("Bachelor of Commerce (Honours)", "Finance", "Massey University")]),
    # letters that alone could be a state's name the degree before its bracketed field
    ([f"MD (Psychiatry){GAP}2012 \u2013 2015", "Kasturba Medical College, Manipal"],
     [("MD", "Psychiatry", "Kasturba Medical College")]),
    # a pre-university foundation programme and the way a degree was taught
    ([f"Foundation in Science{GAP}2018 \u2013 2019", "Taylor's College"],
     [("Foundation", "Science", "Taylor's College")]),
    (["MBA (Part-time)", "Aston University", "2016 \u2013 2019"], [("MBA (Part-time)", None, "Aston University")]),
])
def test_levels_grades_state_like_letters_foundations_and_modes_of_study(lines, expected):
    from vitae.cvparse.entries import parse_education

    studies = parse_education([Line(text) for text in lines])
    assert [(s["studyType"][0], s.get("area", (None,))[0], s["institution"][0]) for s in studies] == expected


def test_bahasa_names_a_language():
    data = parse_document(paragraphs_docx(["Nur Aina", "nur.aina@example.my", "Languages",
                                           "Bahasa Melayu, English, Tamil"], bold=("Languages",))).data
    assert [language.language for language in data.languages] == ["Bahasa Melayu", "English", "Tamil"]


def test_a_town_after_the_post_under_its_dated_employer_is_no_part_of_the_post():
    from vitae.cvparse.entries import parse_work

    jobs = parse_work([Line(f"Grant Thornton{GAP}Jun 2022 \u2013 Aug 2022", bold=True),
                       Line("Tax Summer Intern, Birmingham"), Line("\u2022 Prepared corporation tax computations")])
    assert [(j["position"][0], j["name"][0]) for j in jobs] == [("Tax Summer Intern", "Grant Thornton")]
    jobs = parse_work([Line(f"Tesco{GAP}2019 \u2013 2022", bold=True), Line("Area Manager, Kent"),
                       Line("\u2022 Ran six stores")])
    assert [(j["position"][0], j["name"][0]) for j in jobs] == [("Area Manager, Kent", "Tesco")]


def test_a_department_line_and_a_web_address_under_the_name_are_no_summary_and_courses_taught_no_certificates():
    """An academic's header: the department and university (names joined by "of" and "and") and a profile's address
    are no paragraph of prose; "Courses Taught" lists teaching, no certificates."""
    data = parse_document(paragraphs_docx([
        "Tomasz Wierzbicki", "Associate Professor of Atmospheric Science",
        "Department of Earth and Atmospheric Sciences, University of Alberta",
        "1-26 Earth Sciences Building, Edmonton, AB T6G 2E3", "(780) 555-0142 | tw@ualberta.ca",
        "scholar.google.com/citations?user=tWierzb9", "COURSES TAUGHT",
        f"EAS 221 Introduction to Weather (instructor){GAP}2020 \u2013 present",
        f"EAS 372 Boundary Layer Meteorology (teaching assistant){GAP}2015 \u2013 2016",
        "EDUCATION", f"Ph.D., Chemical Engineering{GAP}2014", "Princeton University",
    ], bold=("Tomasz Wierzbicki", "COURSES TAUGHT", "EDUCATION"))).data
    assert (data.basics.name, data.basics.summary) == ("Tomasz Wierzbicki", None)
    assert heading_kind("COURSES TAUGHT") == heading_kind("Courses Taught") == "other"
    assert data.certificates == []
    assert [(e.studyType, e.institution) for e in data.education] == [("Ph.D.", "Princeton University")]


def test_a_role_named_by_a_noun_that_is_also_a_verb_is_no_highlight_and_spoken_is_a_fluency():
    """A paragraph above bullets opening with "Design lead for ..." names the role (no highlight); one opening with
    "Design ..." as a verb stays one. "Punjabi, spoken" gives the fluency."""
    from vitae.cvparse.entries import parse_languages, parse_work

    def highlights(paragraph: str) -> list[str]:
        jobs = parse_work([Line(f"Senior Structural Engineer{GAP}2019 \u2013 Present"), Line("Arup"),
                           Line(paragraph), Line("\u2022 Checked 40 steel connections")])
        return jobs[0]["highlights"][0]

    assert highlights("Design lead for bridge packages on regional rail projects.") == [
        "Checked 40 steel connections"]
    assert highlights("Design steel footbridges for regional rail projects.") == [
        "Design steel footbridges for regional rail projects.", "Checked 40 steel connections"]
    assert [(entry["language"][0], entry["fluency"][0]) for entry in parse_languages([Line("Punjabi, spoken")])] == [
        ("Punjabi", "spoken")]


def test_a_range_cut_in_a_right_column_ends_on_the_next_headers_last_part():
    """Dates set right and wrapped in their column put the range's start above its entry's header ("from June 2014 to
    September" above "Technician — Beta Works, Leeds <tab> 2018"): the header's last part ends that range."""
    from vitae.cvparse.entries import parse_education, parse_work

    jobs = parse_work([Line(f"Engineer — Acme Ltd{GAP}Mar 2019 – present"), Line("• Ran the plant"),
                       Line("from June 2014 to September"), Line(f"Technician — Beta Works, Leeds{GAP}2018")])
    assert [(job["position"][0], job["highlights"][0], job["startDate"][0], job.get("endDate", (None,))[0])
            for job in jobs] == [("Engineer", ["Ran the plant"], "2019-03", None),
                                 ("Technician", [], "2014-06", "2018-09")]
    [study] = parse_education([Line("September 2010 – Juni"), Line(f"Master, Informatik{GAP}2015"),
                               Line("Universität Hamburg")])
    assert (study["studyType"][0], study["startDate"][0], study["endDate"][0]) == ("Master", "2010-09", "2015-06")


def test_a_range_wrapped_in_a_left_column_goes_on_at_the_next_lines_start():
    """Dates in a narrow left column wrap after the range's first date: "03/2019" above "bis 06/2021", or over three
    lines ("from May 2016" / "to June" / "2018", as Russian CVs write "from March 2018" / "to the present" / "time");
    the range is whole and the cells beside it stay the post, its employer and its bullet."""
    from vitae.cvparse.entries import parse_work

    jobs = parse_work([Line(f"03/2019{GAP}Einkäuferin"), Line(f"bis 06/2021{GAP}Metro AG"),
                       Line(f"from May 2016{GAP}Buyer"), Line(f"to June{GAP}Tesco PLC"),
                       Line(f"2018{GAP}• Ran tenders")])
    assert [(job["position"][0], job["name"][0], job["startDate"][0], job["endDate"][0]) for job in jobs] == [
        ("Einkäuferin", "Metro AG", "2019-03", "2021-06"), ("Buyer", "Tesco PLC", "2016-05", "2018-06")]
    assert jobs[1]["highlights"][0] == ["Ran tenders"]


def test_an_employer_written_in_lower_case_under_its_post():
    """A brand written in lower case ("zalando se, Berlin") on the line under a dated post is its employer, above the
    post's bullets, the next post's dates or the section's end; a lower-case description stays a highlight."""
    from vitae.cvparse.entries import parse_work

    jobs = parse_work([Line(f"04/2020 – heute{GAP}Teamleiterin Einkauf"), Line("zalando se, Berlin"),
                       Line("• Lieferantenverhandlungen"),
                       Line(f"01/2017 – 03/2020{GAP}Sachbearbeiterin"), Line("otto group"),
                       Line(f"01/2015 – 12/2016{GAP}Assistentin"), Line("managed supplier contracts")])
    assert [(job["position"][0], job.get("name", (None,))[0]) for job in jobs] == [
        ("Teamleiterin Einkauf", "zalando se"), ("Sachbearbeiterin", "otto group"), ("Assistentin", None)]
    assert jobs[2]["highlights"][0] == ["managed supplier contracts"]


def test_a_range_cut_after_its_until_word_or_its_ends_month_in_a_left_column():
    """A left column of dates wraps after the range's "until" word ("marzo 2021 – hasta" above "la fecha"), or after the
    end's month, which then runs into the title beside it ("oct. 2015 – abr. Enfermera de UCI" above "2018 <tab>
    Hospital …"): the range is made whole and the title stays the post."""
    from vitae.cvparse.entries import parse_work

    jobs = parse_work([Line(f"marzo 2021 – hasta{GAP}Enfermera de urgencias"), Line(f"la fecha{GAP}Hospital Real"),
                       Line("• Triaje"), Line("oct. 2015 – abr. Enfermera de UCI"), Line(f"2018{GAP}Clínica Norte"),
                       Line("• Cuidados intensivos")])
    assert [(job["position"][0], job["name"][0], job["startDate"][0], job.get("endDate", (None,))[0])
            for job in jobs] == [("Enfermera de urgencias", "Hospital Real", "2021-03", None),
                                 ("Enfermera de UCI", "Clínica Norte", "2015-10", "2018-04")]


def test_a_heading_wrapped_in_two_lines_is_one_heading():
    """A narrow column wraps a heading ("Experiência" / "profissional", "AUS- UND" / "WEITERBILDUNG"): the two lines
    head one section, and the second is no line of it."""
    from vitae.cvparse.sections import EDUCATION, EXPERIENCE, split_sections

    _, found = split_sections([Line("Ana Silva", 16), Line("Experiência", 11, True), Line("profissional", 11, True),
                               Line(f"Engenheira Civil{GAP}2019 – 2021", 10), Line("Mota-Engil", 10),
                               Line("AUS- UND", 11, True), Line("WEITERBILDUNG", 11, True),
                               Line(f"Lehre zum Koch{GAP}2010 – 2013", 10)])
    assert [(section.kind, [line.text for line in section.lines]) for section in found] == [
        (EXPERIENCE, [f"Engenheira Civil{GAP}2019 – 2021", "Mota-Engil"]),
        (EDUCATION, [f"Lehre zum Koch{GAP}2010 – 2013"])]


def test_an_employers_parent_body_in_brackets_and_a_city_named_as_one():
    """A bracket of two words or more after the employer names its parent body and stays ("(Servicio Andaluz de
    Salud)"); a town alone in brackets does not; a city named with the Cyrillic word for "city" after a comma is the
    employer's place, not its name."""
    from vitae.cvparse.entries import parse_work

    jobs = parse_work([Line(f"Enfermera{GAP}2018 – 2020"), Line("Hospital Costa del Sol (Servicio Andaluz de Salud)"),
                       Line(f"Plumber{GAP}2014 – 2018"), Line("Acme Plumbing Ltd (Rolleston)"),
                       Line(f"Менеджер з продажу{GAP}2012 – 2014"), Line("Фірма «Злагода», м. Одеса")])
    assert [job["name"][0] for job in jobs] == [
        "Hospital Costa del Sol (Servicio Andaluz de Salud)", "Acme Plumbing Ltd", "Фірма «Злагода»"]


def test_a_post_in_its_employer_as_non_native_english_writes_it():
    """"Project Architect in Estudio Norte, Madrid" (the Spanish "en", Italian "in", Polish "w" for "at") names the
    post and its employer; a field after "in" stays the post's ("Staff Nurse in Intensive Care, Leeds")."""
    from vitae.cvparse.entries import parse_work

    jobs = parse_work([Line("Since 06/2019"), Line("Project Architect in Estudio Norte, Madrid"), Line("• Drawings"),
                       Line("09/2016 - 05/2019"), Line("Junior Engineer in Pirelli Tyre SpA"), Line("• Testing"),
                       Line("2012 - 2016"), Line("Staff Nurse in Intensive Care, Leeds"), Line("• Ward rounds")])
    assert [(job["position"][0], job.get("name", (None,))[0]) for job in jobs][:2] == [
        ("Project Architect", "Estudio Norte"), ("Junior Engineer", "Pirelli Tyre SpA")]
    assert jobs[2]["position"][0].startswith("Staff Nurse in Intensive Care")


def test_a_school_or_training_company_written_in_lower_case_under_its_study():
    """The institution under a study may be a brand written in lower case ("iaelyon School of Management", "ford-werke
    GmbH, Köln"): it is the study's institution; a lower-case description stays none."""
    from vitae.cvparse.entries import parse_education

    studies = parse_education([Line(f"Master Ressources humaines{GAP}2015 – 2017"),
                               Line("iaelyon School of Management"),
                               Line(f"Ausbildung zur Industriekauffrau{GAP}2012 – 2015"), Line("otto group, Hamburg"),
                               Line(f"Bachelor Informatik{GAP}2008 – 2011"), Line("graduated with distinction")])
    assert [s.get("institution", (None,))[0] for s in studies] == [
        "iaelyon School of Management", "otto group", None]


def test_an_issuers_acronym_in_brackets_is_the_names_when_the_issuer_follows():
    """A known issuer's acronym in brackets after the certificate ("(IHK)") is its issuer, unless the issuer is named
    again after it ("Geprüfte Bilanzbuchhalterin (IHK), IHK München, 2020"): then the bracket is the name's."""
    from vitae.cvparse.entries import parse_certificates

    first, second = parse_certificates([Line("Geprüfte Bilanzbuchhalterin (IHK), IHK München, 2020"),
                                        Line("Six Sigma Black Belt (IASSC), 2019")])
    assert (first["name"][0], first["issuer"][0]) == ("Geprüfte Bilanzbuchhalterin (IHK)", "IHK München")
    assert (second["name"][0], second["issuer"][0]) == ("Six Sigma Black Belt", "IASSC")
