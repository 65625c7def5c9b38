"""English work-entry headers, degrees and certificate lines of issue 16 (development set 19's kinds), each
from made-up lines: employers with an acronym or parent in brackets, agency markers, issuer-first certificates."""

import io

import docx

from vitae.cvparse import parse_document
from vitae.cvparse.entries import parse_certificates, parse_education, parse_work
from vitae.cvparse.lines import GAP, Line


def _employer(header: str) -> str:
    return parse_work([Line(f"{header}{GAP}2019 – 2021"), Line("• Did the work")])[0]["name"][0]


def test_an_acronym_or_a_described_parent_in_brackets_stays_with_the_employer():
    assert _employer("Planner, Delta Gas Transmission Company (DGTC)") == "Delta Gas Transmission Company (DGTC)"
    assert _employer("Auditor, Brook & Vale LLP (a member firm of the Orbis Audit Network)") == (
        "Brook & Vale LLP (a member firm of the Orbis Audit Network)")
    assert _employer("Buyer, Kestrel Retail Ltd (an Acme Group company)") == (
        "Kestrel Retail Ltd (an Acme Group company)")


def test_a_region_code_a_place_or_terms_in_brackets_after_the_employer_still_go():
    assert _employer("Planner, Delta Gas Transmission Company (NSW)") == "Delta Gas Transmission Company"
    assert _employer("Planner, Delta Gas Transmission Company (UK)") == "Delta Gas Transmission Company"
    assert _employer("Planner, Delta Gas Transmission Company (a contract role)") == "Delta Gas Transmission Company"


def test_an_agency_in_brackets_after_the_position_is_in_no_field():
    jobs = parse_work([Line(f"Rigger (via Northline Labour Hire), Kestrel Mining Ltd{GAP}2019 – 2021"),
                       Line("• Rigged"),
                       Line(f"Stock Controller (Contract via Kelly Staffing), Harbour Freight Pte Ltd{GAP}2017 – 2019"),
                       Line("• Counted"),
                       Line(f"Site Engineer (Contract), Harbour Freight Pte Ltd{GAP}2015 – 2017"), Line("• Built")])
    assert [(job["position"][0], job["name"][0]) for job in jobs] == [
        ("Rigger", "Kestrel Mining Ltd"), ("Stock Controller", "Harbour Freight Pte Ltd"),
        ("Site Engineer (Contract)", "Harbour Freight Pte Ltd")]


def _certificates(*texts: str) -> list[tuple[str | None, ...]]:
    found = parse_certificates([Line(text) for text in texts])
    return [tuple(entry[key][0] if key in entry else None for key in ("name", "issuer", "date")) for entry in found]


def test_a_certificate_line_naming_its_issuer_first():
    assert _certificates("CIMA: Certificate in Business Accounting (2016)",
                         "Nursing Council of Ruritania — Registered Midwife (Scope 2, Community), 2014",
                         "Microsoft Certified: Azure Data Engineer Associate, 2022",
                         "Orthotists Registration Board — ORB, 2018",
                         "Registered Midwife — Nursing Council of Ruritania, 2014") == [
        ("Certificate in Business Accounting", "CIMA", "2016"),
        ("Registered Midwife (Scope 2, Community)", "Nursing Council of Ruritania", "2014"),
        ("Microsoft Certified: Azure Data Engineer Associate", None, "2022"),
        ("Orthotists Registration Board", "ORB", "2018"),
        ("Registered Midwife", "Nursing Council of Ruritania", "2014")]


def test_a_certificate_line_parted_by_slashes_and_a_licence_number_in_no_field():
    assert _certificates("Confined Space Entry / Safework Training Ltd / 2020",
                         "HLTAID011 / First Aid, 2021",
                         "Registered Pharmacist, Ruritania Pharmacy Board — License #55120 (exp. 03/2027)",
                         "Certified Safety Officer — Safety Institute of Ruritania (SIR), May 2015, License No.",
                         "0451882",
                         "PRINCE2 Practitioner — Project Management Institute of Ruritania (PMI), 2019") == [
        ("Confined Space Entry", "Safework Training Ltd", "2020"),
        ("HLTAID011 / First Aid", None, "2021"),
        ("Registered Pharmacist", "Ruritania Pharmacy Board", None),
        ("Certified Safety Officer", "Safety Institute of Ruritania (SIR)", "2015-05"),
        ("PRINCE2 Practitioner", "Project Management Institute of Ruritania (PMI)", "2019")]


def test_a_piped_header_of_years_title_employer_and_town():
    jobs = parse_work([Line("2019 – Present | Finance Director | Harrow Foods Group | Pietermaritzburg"),
                       Line("2015 – 2019 | Senior Manager, Tax | Brook & Vale | Durban"),
                       Line("2012 – 2015 | Analyst, Credit | Kestrel Bank | Umhlanga Rocks")])
    assert [(job["position"][0], job["name"][0]) for job in jobs] == [
        ("Finance Director", "Harrow Foods Group"), ("Senior Manager, Tax", "Brook & Vale"),
        ("Analyst, Credit", "Kestrel Bank")]


def test_an_employer_and_its_division_above_the_post():
    jobs = parse_work([Line(f"Halden Mutual Bank — Commercial Lending, Bristol{GAP}Jul 2016 – Aug 2020"),
                       Line("Senior Analyst, SME Risk"), Line("• Sanctioned loans"),
                       Line(f"Halden Mutual Bank — Commercial Lending, Bristol{GAP}Sep 2013 – Jun 2016"),
                       Line("Credit Analyst (Graduate Scheme)"), Line("• Rotated"),
                       Line(f"Sales Manager — Kestrel Retail Ltd{GAP}2010 – 2013"), Line("• Sold")])
    assert [(job["position"][0], job["name"][0], job["startDate"][0]) for job in jobs] == [
        ("Senior Analyst, SME Risk", "Halden Mutual Bank", "2016-07"),
        ("Credit Analyst (Graduate Scheme)", "Halden Mutual Bank", "2013-09"),
        ("Sales Manager", "Kestrel Retail Ltd", "2010")]


def _studies(*texts: str) -> list[tuple[str | None, ...]]:
    found = parse_education([Line(text) for text in texts])
    return [tuple(entry[key][0] if key in entry else None for key in ("studyType", "area", "institution"))
            for entry in found]


def test_national_school_awards_named_with_certificate_and_their_grades():
    assert _studies("Kenya Certificate of Secondary Education (KCSE) — Mean Grade A-", "Kisumu Boys High School") == [
        ("Kenya Certificate of Secondary Education (KCSE)", None, "Kisumu Boys High School")]
    assert _studies("Victorian Certificate of Education (VCE), Ballarat High School, 2019", "ATAR 91.40") == [
        ("Victorian Certificate of Education (VCE)", None, "Ballarat High School")]
    assert _studies("Sijil Pelajaran Malaysia (SPM) — 9A, SMK Taman Melati, 2018") == [
        ("Sijil Pelajaran Malaysia (SPM)", None, "SMK Taman Melati")]


def test_a_higher_diploma_a_mixed_case_qualifier_and_a_mode_of_study_after_the_field():
    assert _studies("Higher Diploma in Hotel Management, Glion Institute, 2012",
                    "Bachelor of Medicine and Bachelor of Surgery (MBChB), University of Zambia, 2008",
                    "MSc Data Science (part-time), Dublin City University, 2020",
                    "Graduate Certificate in Taxation (online), Deakin University, 2021") == [
        ("Higher Diploma", "Hotel Management", "Glion Institute"),
        ("Bachelor of Medicine and Bachelor of Surgery (MBChB)", None, "University of Zambia"),
        ("MSc", "Data Science", "Dublin City University"),
        ("Graduate Certificate", "Taxation", "Deakin University")]


def test_a_one_line_title_employer_and_town_whose_employer_has_a_title_word():
    jobs = parse_work([Line("Research Fellow, Coastal Malaria Research Programme, Mombasa (Mar 2018 – present)"),
                       Line("Data Officer, Lakeside Health Research Centre (LHRC), Kisumu (Jan 2014 – Feb 2018)"),
                       Line("Staff Nurse, Emergency Department, Leeds (2010 – 2012)")])
    assert [(job["position"][0], job["name"][0]) for job in jobs] == [
        ("Research Fellow", "Coastal Malaria Research Programme"),
        ("Data Officer", "Lakeside Health Research Centre (LHRC)"), ("Staff Nurse", "Emergency Department")]


def test_a_post_nominal_with_its_country_in_brackets_after_the_name_is_neither_name_nor_place():
    document = docx.Document()
    for text in ("Thandi Mokoena-Pretorius CA(SA)", "Rosebank, Johannesburg, South Africa · 082 555 0143",
                 "thandi.mp@example.com", "Experience", f"Financial Manager{GAP}2016 – 2020", "Acme Holdings"):
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    basics = parse_document(buffer.getvalue()).data.basics
    assert basics.name == "Thandi Mokoena-Pretorius"
    assert (basics.location.city, basics.location.countryCode) == ("Johannesburg", "ZA")


def test_an_employer_alone_above_a_title_and_its_unit_of_work():
    jobs = parse_work([Line("Halliburton Ghana"), Line("Service Engineer I, Pressure Pumping Services (Contract)"),
                       Line("May 2016 – Jan 2019 | Takoradi"), Line("• Pumped")])
    assert [(job["position"][0], job["name"][0]) for job in jobs] == [
        ("Service Engineer I, Pressure Pumping Services (Contract)", "Halliburton Ghana")]
