"""Web addresses in what a model writes: only the catalogue's reach users."""


def test_links_outside_the_catalogue_are_taken_out_of_a_text_and_the_catalogues_kept():
    from vitae.assistant import catalogue
    from vitae.assistant.links import LINK_REMOVED, without_unknown_links

    known = sorted(catalogue.urls())[0]
    text = f"Try {known}, or bit.ly/free-acls (cheap), see https://evil.example/x. Node.js is a skill."
    cleaned, removed = without_unknown_links(text, catalogue.urls())
    assert removed == 2
    assert cleaned == f"Try {known}, or {LINK_REMOVED} (cheap), see {LINK_REMOVED}. Node.js is a skill."
