"""The kinds of CV sections, by name: what `vitae.cvparse.sections` classifies headings into and the
matching domain's reading (`vitae.matching.reading`) sorts a resume's sentences by. Apart from the
heading patterns so that naming a kind loads no vocabulary and compiles no pattern."""

SUMMARY, EXPERIENCE, EDUCATION, SKILLS, CERTIFICATES, LANGUAGES_SECTION, CONTACT, OTHER = (
    "summary", "experience", "education", "skills", "certificates", "languages", "contact", "other")
