"""LinkedIn data exports for tests: the six CSVs as LinkedIn writes them (column names of a 2024
export) and ZIPs of them."""

import io
import zipfile

PROFILE = ("First Name,Last Name,Maiden Name,Address,Headline,Summary,Industry,Location,Geo Location\n"
           'Ada,Lovelace,,1 Dorset Street,Analyst of engines,"Writes programs,\nfor engines.",Computing,London,'
           '"London, United Kingdom"\n')
POSITIONS = ("Company Name,Title,Description,Location,Started On,Finished On\n"
             "Analytical Engines Ltd,Programmer,Wrote the first program,London,Jan 2020,\n"
             "Babbage & Co,Assistant,,Cambridge,2017,Dec 2019\n")
EDUCATION = ("School Name,Start Date,End Date,Notes,Degree Name,Activities\n"
             "University of London,2013,2016,Thesis on Bernoulli numbers,BSc Mathematics,Chess club\n")
SKILLS = "Name\nPython\nSQL\npython\n  Machine   Learning \n\n"
CERTIFICATIONS = ("Name,Url,Authority,Started On,Finished On,License Number\n"
                  "AWS Certified Developer,https://aws.example/cert/1,Amazon Web Services,Mar 2021,Mar 2024,X1\n")
LANGUAGES = "Name,Proficiency\nEnglish,Native or bilingual proficiency\nFrench,Professional working proficiency\n"

ALL = {"Profile.csv": PROFILE, "Positions.csv": POSITIONS, "Education.csv": EDUCATION, "Skills.csv": SKILLS,
       "Certifications.csv": CERTIFICATIONS, "Languages.csv": LANGUAGES}


def zip_of(files: dict[str, str | bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A ZIP of `files` (name -> text or bytes)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, content in files.items():
            archive.writestr(name, content.encode() if isinstance(content, str) else content)
    return buffer.getvalue()
