"""English work-entry headers, degrees and certificate lines of issue 16 (development set 19's kinds), each
from made-up lines: employers with an acronym or parent in brackets, agency markers, issuer-first certificates."""

from vitae.cvparse.entries import parse_work
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
