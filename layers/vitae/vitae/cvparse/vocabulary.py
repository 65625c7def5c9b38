"""Word lists the heuristics lean on. Data, not logic: extend freely, every list is matched
case-insensitively on word boundaries."""

import itertools
import json
import re
import unicodedata
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from vitae.cvparse import typography

# The skills vocabulary (names, AMBIGUOUS_SKILLS, SKILL_ALIASES) is shared with the matching score:
# one list, in vitae.taxonomy.skills.
from vitae.taxonomy.skills import AMBIGUOUS_SKILLS as AMBIGUOUS_SKILLS
from vitae.taxonomy.skills import SKILL_ALIASES as SKILL_ALIASES
from vitae.taxonomy.skills import SKILLS as SKILLS

# Words of job titles ("Senior Software Engineer", "Head of Growth", "Staff Nurse").
JOB_TITLE_WORDS = frozenset("""
engineer engineering developer programmer architect analyst scientist consultant manager director
lead head chief officer president vp vice intern internship trainee apprentice assistant associate
specialist administrator admin coordinator designer researcher research fellow professor lecturer
teacher tutor instructor owner founder co-founder cofounder partner principal staff senior junior sr
sr. jr jr. mid-level graduate student technician operator accountant auditor nurse physician doctor
pharmacist therapist editor writer journalist producer recruiter advisor adviser counsel attorney
lawyer paralegal clerk secretary representative agent executive supervisor foreman cto ceo cfo coo
cio ciso devops sre tester qa freelance freelancer contractor volunteer member strategist marketer
marketing sales buyer planner economist statistician mathematician chemist biologist physicist pilot
driver chef cook waiter barista cashier receptionist maintainer worker helper steward technologist
investigator curator librarian translator interpreter controller comptroller treasurer bookkeeper
underwriter actuary broker trader banker surveyor salesperson physiotherapist physio dietitian dietician
clinician paramedic midwife radiographer optometrist dentist surgeon psychologist counsellor counselor
sonographer caregiver practitioner hygienist veterinarian electrician plumber mechanic welder machinist
inspector estimator dispatcher coach trainer facilitator reporter correspondent photographer illustrator
animator copywriter solicitor barrister notary realtor educator scholar registrar postdoc storeperson storeman
installer carpenter plasterer roofer glazier storekeeper picker packer teller draughtsman draftsman lineman
linesman millwright boilermaker pipefitter ironworker rigger scaffolder sailor seaman deckhand
handyman groundsman housekeeper caretaker valet courier aide rider crew rn lpn cna hand interventionist
""".split())

# More words of job titles that are also people's names ("Baker", "Dean", "Porter"): they count for a
# header's position, never against a line being a name.
TITLE_WORDS_ALSO_NAMES = frozenset("""
resident attending locum postdoc postdoctoral nanny carer server bartender host hostess housekeeper concierge
porter optician labourer laborer joiner bricklayer fitter operative firefighter constable sergeant lieutenant
captain commander dean headteacher headmaster headmistress deputy caseworker ranger warden guard attendant
cleaner janitor custodian gardener landscaper farmer baker butcher sommelier waitress scholar cadet extern
registrar archivist historian artist scheduler merchandiser stylist phlebotomist chaplain pastor minister
organizer organiser campaigner fundraiser examiner assessor invigilator reviewer proofreader presenter
musician singer dancer choreographer composer conductor athlete umpire liaison advocate ambassador evangelist
superintendent principal provost chancellor bursar steward stewardess purser marshal sheriff deputy ranger
leader
""".split())

# Legal forms: a part naming one is an organisation.
LEGAL_FORMS = frozenset("""
inc llc l.l.c ltd limited gmbh ag sa s.a sas sarl srl s.r.l spa s.p.a bv b.v nv n.v plc corp
corporation co kg kgaa oy oyj ab asa a/s aps pty pvt lp llp se ug a.s s.r.o sp.z.o.o
s.l sl s.l.u slu s.a.u sau s.a.s lda ltda o.o mbb ohg gbr c.v s.n.c s.a.r.l sp.j sp.k
""".split())  # (the second line, continental Europe's and Latin America's: "Glovoapp23, S.L.", "Farfetch Portugal,
# Unipessoal Lda.", "Sp. z o.o.", "Partnerschaft mbB", "S.A. de C.V.")

# Nouns that name organisations ("Acme Labs", "University of Leeds"), legal forms included.
COMPANY_WORDS = LEGAL_FORMS | frozenset("""
company group holding holdings technologies technology tech labs lab solutions systems software
services consulting consultancy partners bank insurance university universität université
universidad hospital clinic institute agency studio studios games media networks foundation
association ministry government council school academy college trust authority secretariat commission
organisation organization
""".split())

# Degrees as abbreviated (matched with their case, "BA" but not "ba"; dots and spaces optional).
DEGREE_ABBREVIATIONS: tuple[str, ...] = (
    "PhD", "DPhil", "MSc", "BSc", "MS", "BS", "MA", "BA", "MEng", "BEng", "MBA", "BTech", "MTech",
    "BCom", "MPhil", "LLB", "LLM", "MD", "JD", "BE", "ME", "BBA", "MPH", "MFA", "BFA", "BEd", "MEd",
    "BSE", "MSE", "BASc", "MASc", "HND", "HNC", "GED", "PGCE", "PGDip", "PgCert", "CertHE", "DipHE",
    "BPharm", "MPharm", "PharmD", "MChem", "MMath", "MPhys", "BArch", "MArch", "MBBS", "BDS", "DDS",
    "DVM", "EdD", "DBA", "MRes", "MSW", "BSN", "MSN", "Dipl.-Ing", "Dr. rer. nat", "MBChB", "MBBCh", "BMBS",
    "BVSc", "DPT", "MPA", "MPP", "BMus", "MMus",
)

INSTITUTION_WORDS = frozenset("""
university universität universitat université universite universidad universidade università
universiteit uniwersytet college school academy institute institut instituto polytechnic
politecnico polytechnique hochschule fachhochschule tu eth epfl mit kth ucl lmu conservatory
seminary gymnasium lycée lycee école ecole escuela escola scuola faculdade facultad tafe cegep
vidyalaya mahavidyalaya vidyapeeth vidyapith universiti universitas politeknik kolej
""".split())

# Natural languages, in English and as they name themselves.
LANGUAGES = frozenset("""
english german french spanish italian portuguese dutch swedish norwegian danish finnish icelandic
polish czech slovak hungarian romanian bulgarian greek turkish russian ukrainian belarusian serbian
croatian bosnian slovenian macedonian albanian lithuanian latvian estonian arabic hebrew persian
farsi urdu hindi bengali punjabi tamil telugu marathi gujarati kannada malayalam sinhala nepali
chinese mandarin cantonese japanese korean vietnamese thai indonesian malay tagalog filipino
swahili amharic yoruba hausa zulu afrikaans catalan basque galician welsh irish latin esperanto
luxembourgish maltese georgian armenian azerbaijani kazakh uzbek mongolian khmer lao burmese
deutsch englisch französisch spanisch italienisch français anglais allemand espagnol español
inglés alemán francés italiano português portugues nederlands svenska norsk dansk suomi polski
čeština русский українська 中文 日本語 한국어 igbo twi akan ewe xhosa sotho sesotho tswana setswana shona
somali oromo tigrinya kinyarwanda luganda wolof fula fulani lingala malagasy isizulu isixhosa hokkien teochew
hakka shanghainese burmese tibetan uyghur pashto dari kurdish sindhi odia oriya assamese konkani tulu kashmiri māori reo
maithili bhojpuri sanskrit javanese sundanese cebuano ilocano bisaya hiligaynon maori samoan tongan fijian
hawaiian hmong frisian faroese sami romansh sardinian occitan breton scots gaelic manx cornish yiddish ladino
romani moldovan montenegrin quechua aymara guarani nahuatl creole haitian papiamento bahasa
""".split())

FLUENCY_WORDS = frozenset("""
native mother tongue bilingual fluent proficient proficiency advanced intermediate upper
lower basic beginner elementary conversational working professional full limited business
good excellent fair muttersprache fließend verhandlungssicher grundkenntnisse courant natif
nativo a1 a2 b1 b2 c1 c2 knowledge fluently some first little spoken conversant
""".split())

# Country names (and a few usual short forms) whose ISO code a location line makes certain.
COUNTRIES = {
    "united states": "US", "united states of america": "US", "usa": "US", "u.s.a.": "US",
    "united kingdom": "GB", "uk": "GB", "u.k.": "GB", "england": "GB", "scotland": "GB",
    "wales": "GB", "northern ireland": "GB", "great britain": "GB", "ireland": "IE",
    "canada": "CA", "mexico": "MX", "brazil": "BR", "brasil": "BR", "argentina": "AR",
    "chile": "CL", "colombia": "CO", "peru": "PE", "uruguay": "UY", "venezuela": "VE",
    "germany": "DE", "deutschland": "DE", "austria": "AT", "österreich": "AT", "switzerland": "CH",
    "schweiz": "CH", "suisse": "CH", "france": "FR", "spain": "ES", "españa": "ES", "portugal": "PT",
    "italy": "IT", "italia": "IT", "netherlands": "NL", "the netherlands": "NL", "belgium": "BE",
    "luxembourg": "LU", "denmark": "DK", "sweden": "SE", "norway": "NO", "finland": "FI",
    "iceland": "IS", "poland": "PL", "polska": "PL", "czech republic": "CZ", "czechia": "CZ",
    "slovakia": "SK", "hungary": "HU", "romania": "RO", "bulgaria": "BG", "greece": "GR",
    "turkey": "TR", "türkiye": "TR", "croatia": "HR", "serbia": "RS", "slovenia": "SI",
    "estonia": "EE", "latvia": "LV", "lithuania": "LT", "ukraine": "UA", "russia": "RU",
    "israel": "IL", "egypt": "EG", "morocco": "MA", "nigeria": "NG", "kenya": "KE",
    "south africa": "ZA", "ghana": "GH", "ethiopia": "ET", "united arab emirates": "AE",
    "uae": "AE", "saudi arabia": "SA", "qatar": "QA", "india": "IN", "pakistan": "PK",
    "bangladesh": "BD", "sri lanka": "LK", "nepal": "NP", "china": "CN", "hong kong": "HK",
    "taiwan": "TW", "japan": "JP", "south korea": "KR", "korea": "KR", "singapore": "SG",
    "malaysia": "MY", "indonesia": "ID", "philippines": "PH", "thailand": "TH", "vietnam": "VN",
    "viet nam": "VN", "australia": "AU", "new zealand": "NZ",
}

# Issuers a certificate line may name; also any part with one of COMPANY_WORDS.
CERTIFICATE_ISSUERS = frozenset("""
amazon web services|aws|microsoft|google|google cloud|oracle|cisco|comptia|(isc)²|(isc)2|isc2|isaca|iassc|bme|asq
|pmi|project management institute|axelos|peoplecert|scrum alliance|scrum.org|linux foundation
|cloud native computing foundation|cncf|red hat|salesforce|hashicorp|coursera|udemy|edx|udacity
|ibm|sap|databricks|snowflake|mongodb|mongodb university|vmware|juniper|fortinet|offensive security
|ec-council|sans|giac|itil|iiba|istqb|atlassian|kubernetes|docker|meta|deeplearning.ai|stanford
|cfa institute|acca|aicpa|goethe-institut|cambridge|toefl|ets|ielts|british council|tüv|ihk
|cipd|cima|icaew|saica|bcen|hcpc|nmc|opito|iwcf|nebosh|iosh|ahlei|epra|coren|trcn|pmi|isaca
""".replace("\n", "").split("|"))


# Section headings, months and date words in the fourteen languages of languages.json (issue 16: English,
# French, German, Spanish, Italian, Portuguese, Dutch, Polish, Russian, Ukrainian; Swedish, Danish, Norwegian
# Bokmål and Finnish since): data a new language is added to, not code.
LANGUAGE_DATA: dict = json.loads((Path(__file__).with_name("languages.json")).read_text(encoding="utf-8"))


# Countries as their own languages and their neighbours write them ("Polska", "Deutschland", "Россия").
COUNTRIES.update({name: code for code, names in LANGUAGE_DATA["countries"].items() for name in names})

# Regions (states, provinces, Länder, voivodeships...) and the words that make a part a region.
PLACES: dict = json.loads((Path(__file__).with_name("places.json")).read_text(encoding="utf-8"))


def _regions() -> tuple[dict[str, str | None], dict[str, str | None], dict[str, frozenset[str]],
                        dict[str, frozenset[str]]]:
    """places.json's regions as ({code: country}, {folded name: country}, {ambiguous code: its
    countries}, {country: its codes}). Where two countries share a code, the first listed has it ("PA"
    is Pennsylvania, not Pará), except the "ambiguous" codes, which have None: "WA" (Washington,
    Western Australia), and the codes that are also countries' ("DE")."""
    codes: dict[str, str | None] = {}
    names: dict[str, str | None] = {}
    meanings: dict[str, set[str]] = {}
    by_country: dict[str, set[str]] = {}
    for country, regions in PLACES["regions"].items():
        for region in regions:
            code, _, rest = region.partition(" ")
            if not re.fullmatch(r"[A-Z]{2,3}", code):
                code, rest = "", region
            if code:
                codes.setdefault(code, country)
                meanings.setdefault(code, set()).add(country)
                by_country.setdefault(country, set()).add(code)
            for name in filter(None, rest.split("|")):
                names.setdefault(fold(name), country)
    countries = set(COUNTRIES.values())
    for code in PLACES["ambiguous"]:
        codes[code] = None
        meanings[code] |= {code} & countries
    return (codes, names, {code: frozenset(meanings[code]) for code in PLACES["ambiguous"]},
            {country: frozenset(listed) for country, listed in by_country.items()})


def fold(text: str) -> str:
    """Lower case without accents or diacritics, for matching only: "Expérience" -> "experience",
    "Doświadczenie" -> "doswiadczenie" (ł stays: it is a letter of its own), "Освіта" -> "освіта"."""
    folded = typography.plain(text).casefold()
    if folded.isascii():
        return folded
    return "".join(c for c in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(c))


def alternation(words: Iterable[str], ignorecase: bool = False, spaces: bool = False) -> str:
    """A regular expression matching any of the literal `words` ("jan", "janv.", "janvier"), as a group: the same
    strings, tried in the same order, as their longest-first alternation ("(?:janvier|janv\\.|jan)"), but written as
    a prefix tree ("(?:jan(?:v(?:\\.|ier)?)?)"), so that the regex engine tries a handful of branches at each
    position of a line instead of every word: with the 342 month names, dates.find_span took a third of the rules'
    time. The same order: the words that match at a position are prefixes of one another, and both forms try the
    longest of them first. Where two words part at letters one case-insensitive character may match (re.IGNORECASE
    matches "I" with "i" and a dotless "\u0131", whose upper case is "I"), several of them would be tried in another
    order: the plain longest-first alternation is returned. `ignorecase`: the pattern is matched with re.IGNORECASE, so
    that an ASCII letter is one branch in either case ("GCSE" and "gcses" share theirs; re matches a letter by its lower
    case under that flag). `spaces`: a space between two words of a phrase is any run of white space ("\\s+"; a
    phrase has single spaces, none at its ends, or the plain alternation is returned)."""
    words = set(words)

    def escaped(text: str) -> str:
        return re.escape(text).replace(r"\ ", r"\s+") if spaces else re.escape(text)

    tree: dict[str, dict] = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char.lower() if ignorecase and char.isascii() else char, {})
        node[""] = {}  # a word ends here

    def branches(node: dict[str, dict]) -> str | None:
        letters = [char for char in node if char]
        if any(a.lower() == b.lower() or a.upper() == b.upper() for a, b in itertools.combinations(letters, 2)):
            return None
        parts = []
        for char in letters:
            rest = branches(node[char])
            if rest is None:
                return None
            parts.append(escaped(char) + rest)
        if not parts:
            return ""
        if "" in node:  # tried after every longer word
            return "(?:" + "|".join(parts) + ")?"
        return parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"

    spaced = spaces and any(word != word.strip() or "  " in word or len(word.split()) != word.count(" ") + 1
                            for word in words)  # tabs, a run of spaces: "\\s+" could match them in two ways
    tried = None if spaced else branches(tree)
    if tried is None:
        return "(?:" + "|".join(sorted(map(escaped, words), key=len, reverse=True)) + ")"
    return "(?:" + tried + ")"


def heading_stems(group: str) -> list[str]:
    """The heading stems of a group of languages.json's "headings" (every language), folded: regular
    expression fragments matched at a word's start ("work\\b" is the whole word only)."""
    return [fold(stem) for stems in LANGUAGE_DATA["headings"][group].values() for stem in stems]


def _listed(part: str) -> list[str]:
    """Every language's entries of a part of languages.json (its "_" entry is a note, not a language)."""
    return [word for language, words in LANGUAGE_DATA[part].items() if language != "_" for word in words]


def words_of(part: str) -> frozenset[str]:
    """Every language's words of a part of languages.json ("filler", "present", "since", "until"), folded."""
    return frozenset(map(fold, _listed(part)))


def month_names() -> dict[str, int]:
    """Every month name and abbreviation of every language (as written and folded) -> its number."""
    names: dict[str, int] = {}
    for months in LANGUAGE_DATA["months"].values():
        for number, spelled in enumerate(months, start=1):
            for name in spelled.split():
                names.setdefault(name.casefold(), number)
                names.setdefault(fold(name), number)
    return names


@cache
def _language_signals() -> dict[str, re.Pattern[str]]:
    """Per language, its headings' stems, months, "present" words and filler words, as one pattern on
    folded text."""
    signals = {}
    for language in LANGUAGE_DATA["names"]:
        words = [stem for group in LANGUAGE_DATA["headings"].values() for stem in group.get(language, ())]
        words += [name for spelled in LANGUAGE_DATA["months"][language] for name in spelled.split() if len(name) > 3]
        small = LANGUAGE_DATA["filler"][language] + LANGUAGE_DATA["present"][language]
        words += [re.escape(word) + r"\b" for word in small if len(word) > 1]
        signals[language] = re.compile(r"(?<!\w)(?:" + "|".join(sorted({fold(w) for w in words}, key=len, reverse=True))
                                       + ")")
    return signals


# The first characters of a CV, about two pages: its headings, dates and small words show its language.
_LANGUAGE_SAMPLE = 6_000


def language_of(text: str) -> str:
    """The language a CV is written in (an ISO 639-1 code of languages.json's "names"): the one whose
    headings, months and small words its text uses most; English when none stands out."""
    folded = fold(text[:_LANGUAGE_SAMPLE])
    counts = {language: len(pattern.findall(folded)) for language, pattern in _language_signals().items()}
    best = max(counts, key=lambda language: (counts[language], language == "en"))
    return best if counts[best] > counts["en"] else "en"


# REGIONS_BY_COUNTRY: each country's region codes ("IT": {"MI", "RM", ...}), for a code that comes first
# under another country.
REGION_CODES, REGION_NAMES, AMBIGUOUS_REGIONS, REGIONS_BY_COUNTRY = _regions()
REGION_WORDS = frozenset(fold(word) for word in PLACES["words"])
# Cities that are their country ("Singapore 560123"), lower case -> ISO 3166-1 alpha-2.
CITY_STATES = {name.lower(): code for code, names in PLACES["city_states"].items() for name in names}
# A country's codes written in brackets after one of its towns ("Milano (MI)", "Bari (BA)"): country -> codes
# (places.json's "provinces"; a code there names no country alone).
PROVINCES = {country: frozenset(codes.split()) for country, codes in PLACES["provinces"].items()}


@cache
def _cities() -> dict[str, str]:
    data = json.loads((Path(__file__).with_name("cities.json")).read_text(encoding="utf-8"))["cities"]
    return {name: country for country, names in data.items() for name in names.split("|")}  # folded already


def city_country(name: str) -> str | None:
    """The ISO 3166-1 alpha-2 country of a city of 150,000 people or more written by any of its usual names
    ("Lagos" NG, "Torino" IT, "Київ" UA), or of a town of 50,000 or more by its own name ("Galway" IE), the more
    populous one's where two cities share a name (towns: not the United States', nor one whose name towns of other
    countries share: "Cambridge"); None for any other text. cities.json
    (GeoNames, CC BY 4.0; infra/tools/make_cities.py) loads on first use, about 10 ms."""
    return _cities().get(fold(name.strip()))


def every_language(part: str) -> frozenset[str]:
    """Every language's words of a part of languages.json, in lower case as written and folded."""
    words = [word.casefold() for word in _listed(part)]
    return frozenset(words) | frozenset(map(fold, words))


# The word lists above, in the other languages too (issue 16).
COMPANY_WORDS |= every_language("company_words")
INSTITUTION_WORDS |= every_language("institution_words")
LANGUAGES |= every_language("language_names")
FLUENCY_WORDS |= every_language("fluency")
DEGREE_NAMES: tuple[str, ...] = tuple(sorted(set(_listed("degrees")), key=len, reverse=True))
_TITLE_STEMS = [fold(stem) for stem in _listed("job_titles")]
_TITLE_STEM = re.compile("^(?:" + "|".join(stem for stem in _TITLE_STEMS if not stem.startswith("~"))
                         + r")|^\w+(?:" + "|".join(stem[1:] for stem in _TITLE_STEMS if stem.startswith("~")) + ")")


@cache
def is_job_title_word(word: str) -> bool:
    """A word of job titles, in English (JOB_TITLE_WORDS) or another language ("ingénieur",
    "Softwareentwickler", "инженера", "projektledare", "sykepleier": languages.json's stems at the folded word's
    start; "systemutvecklare", "ohjelmistokehittäjä": a "~" stem inside it), whole or in a part of a hyphenated word
    ("Бизнес-аналитик")."""
    lowered = word.lower()
    return (lowered in JOB_TITLE_WORDS or lowered in TITLE_WORDS_ALSO_NAMES
            or any(_TITLE_STEM.match(fold(piece)) for piece in {lowered, *lowered.split("-")} if piece))


# A word that cannot end a line's text: "of", "in", "en", "und" (languages.json's "and" and "field_words"), as
# written, in lower case ("Teacher I" ends in a grade, not in the Polish "i"): what follows goes on with it.
JOINING_END = re.compile(r"(?<=\s)" + alternation(
    every_language("and") | {w for w in every_language("field_words") if " " not in w and w.isalpha()}) + r"\s*$")
# The state universities whose campuses are named after a comma ("University of California, Berkeley").
CAMPUS_SYSTEMS = frozenset(PLACES["campus_systems"])
