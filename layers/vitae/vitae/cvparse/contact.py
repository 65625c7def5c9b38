"""The `basics` of a CV: name, email, phone, url, location. Each finder returns the value and a
confidence, or None."""

import itertools
import re
from collections.abc import Callable, Sequence

from vitae.cvparse.dates import find_span
from vitae.cvparse.lines import GAP, Line, per_document, segments
from vitae.cvparse.sections import heading_kind
from vitae.cvparse.vocabulary import (
    AMBIGUOUS_REGIONS,
    CITY_STATES,
    COMPANY_WORDS,
    COUNTRIES,
    INSTITUTION_WORDS,
    JOB_TITLE_WORDS,
    LEGAL_FORMS,
    PROVINCES,
    REGION_CODES,
    REGION_NAMES,
    REGION_WORDS,
    REGIONS_BY_COUNTRY,
    SKILLS,
    city_country,
    every_language,
    fold,
)

Found = tuple[str, float]

# Each pattern that opens with a run of a class starts where such a run starts (a lookbehind of the class): tried
# at every character of a 50,000-character run without its "@" or "." it would rescan the run's rest each time.
_EMAIL = re.compile(r"(?<![\w.+'-])[\w.+'-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}\b", re.IGNORECASE)
_URL = re.compile(r"(?:https?://|www\.)[^\s,;|<>()\"']+|"
                  r"\b(?:(?<![\w-])[\w-]+\.)?(?:linkedin|github|gitlab|bitbucket|behance|dribbble)\.com/[^\s,;|<>()\"']+",
                  re.IGNORECASE)
# A bare domain ("josenunez.dev") counts only where contact details are written.
_BARE_DOMAIN = re.compile(r"(?<![@\w.])(?<![a-z0-9-]-)(?:[a-z0-9-]{2,}\.)+"
                          r"(?:com|dev|io|net|org|app|site|tech|page|blog|info|xyz|online|me|edu|gov|design|studio|art|name|pro|biz|cloud|digital|works|[a-z]{2})"
                          r"(?:/[^\s,;|<>()]*)?(?![\w@])", re.IGNORECASE)
_PROFILE_HOSTS = ("linkedin.", "github.", "gitlab.", "bitbucket.", "behance.", "dribbble.", "twitter.",
                  "x.com", "xing.", "stackoverflow.")
# Between contact details: tabs, pipes, bullets, dashes, wide spaces, or an icon before the next detail ("☎ … ✉ … ⌂
# Nairobi, Kenya"; symbols, dingbats, emoji and the private-use glyphs of icon fonts).
_SEPARATORS = re.compile(r"\s*(?:\t|\||•|·|●|▪|♦|◆|;|\s[-–—]\s|\s{3,}|[\u2300-\u23ff\u2600-\u27bf\ue000-\uf8ff"
                         r"\U0001f300-\U0001faff])\s*")
# "Address:", "Wohnort:", "Cell. 338", "Mobile 0412 …": languages.json's contact labels, with their colon or dot, or
# before a number ("Tel Aviv, Israel" is a place).
_LABEL = re.compile(r"^(?:" + "|".join(map(re.escape, sorted(every_language("contact_labels"), key=len, reverse=True)))
                    + r")(?:\s*[:.]\s*|\s+(?=[\d+(]))", re.IGNORECASE)
_POST_NOMINAL = re.compile(r"[A-Z][a-z]?[A-Z][A-Za-z\-]*|[A-Z][a-z]*\.(?:[A-Z][a-z]*\.?)*|[A-Z]{2,}-[A-Z]")
_NAME_TOKEN = re.compile(r"(?:[^\W\d_][^\W\d_'.\-]*(?:[-'][^\W\d_]+)*\.?|[^\W\d_]\.)")
_PLACE_PART = r"[^\W\d_][^\W\d_'.\-]*(?:[ .'-]+[^\W\d_][^\W\d_'.\-]*){0,3}\.?"
# "City, Region", "City, Region, Country", "District, City, Region, Country", with a postcode before or
# after, or a district number after the city ("Dublin 4, Ireland").
# A postcode after the place: "4000", "L6R 3J7" (Canada), "SW1A 1AA" (UK), "H91 X2T4" (Ireland's Eircode).
_POSTCODE = r"(?:\d{4,6}|[A-Z]\d[A-Z] ?\d[A-Z]\d|[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}|[A-Z]\d[\dW] ?[A-Z\d]{4})"
# A postcode before the city, as continental Europe writes it: "28028", "3021 GE" (Netherlands), "4000-447"
# (Portugal), "90-369" (Poland), "411 05" (Sweden).
_POSTCODE_BEFORE = r"(?:\d{4,6}(?: [A-Z]{2})?|\d{4}-\d{3}|\d{2}-\d{3}|\d{3} \d{2})"
_PLACE = re.compile(rf"^(?:{_POSTCODE_BEFORE}\s+)?({_PLACE_PART})(?:\s+\d{{1,2}})?\s*,\s*({_PLACE_PART})"
                    rf"(?:\s*,\s*({_PLACE_PART}))?(?:\s*,\s*({_PLACE_PART}))?(?:\s+{_POSTCODE})?$")
# "Brisbane QLD 4000", "Melbourne VIC": a region's code, maybe a postcode, no comma.
_PLACE_CODED = re.compile(rf"^({_PLACE_PART})\s+([A-Z]{{2,3}})(?:\s+\d{{4,6}})?$")
# "80802 München", "1012 AB Amsterdam": a postcode before the city, as continental European addresses write it;
# Sweden's in two groups ("411 05 Göteborg").
_POSTCODE_CITY = re.compile(r"(?:\d{4,5}|\d{3} \d{2}|\d{2}-\d{3}|\d{4}-\d{3})(?: [A-Z]{2})?\s+"  # "90-369 Łódź"
                            r"([^\W\d_][^\W\d_'.-]*(?: [^\W\d_][^\W\d_'.-]*)?)")
# A Danish postal district after the city: "2100 København Ø", "8000 Aarhus C".
_POSTAL_DISTRICT = re.compile(r"(.+) [A-ZÆØÅ]{1,2}")
# "Singapore 560123": a city that is its country.
_CITY_POSTCODE = re.compile(rf"({_PLACE_PART})\s+{_POSTCODE}")  # "Bristol BS6 5QT", "Toronto M5V 2T6"
_CITY_DISTRICT = re.compile(rf"({_PLACE_PART})\s+[A-Z]{{1,2}}\d[A-Z\d]?")  # the outward half of a UK postcode
_CITY_STATE = re.compile(r"^([^\W\d_][^\W\d_ ]*(?: [^\W\d_]+)?)(?:\s+\d{4,6})?$")
# Lower-case words inside names: "Sophie van der Berg", "Luís da Silva".
# A photo's placeholder beside the name ("PHOTO <tab> Hannah Okoro").
_PHOTO = re.compile(r"[\[(]?(?:photo|foto|фото|picture|image|bild|zdj[eę]cie|photograph)[\])]?", re.IGNORECASE)
_PARTICLES = frozenset("van von der den de da di del della dos das du la le ter ten zu bin binti binte al el ibn y e"
                       .split())
# A title before the name is no part of it: "Dr. Arjun Venkataraman", "Prof Anna Nowak", "Professor Anna Nowak".
# "Eng." and "Ing." only with their dot: "Eng Hock Tan" and "Ing Lim" are names.
_HONORIFIC = re.compile(r"^(?:(?:dr|prof|professor|mr|mrs|ms|mx|miss|sir|dame|rev|mgr|inż)\.?|(?:eng|ing|dipl\.-ing)\.)"
                        r"\s+(?=\S)", re.IGNORECASE)
_SKILL_WORDS = frozenset(skill.lower() for skill in SKILLS)


_NAME_WORD = re.compile(r"[^\W\d_]+")


def find_email(text: str, name: str | None = None) -> Found | None:
    """The person's email: the first in the text that names the person (`name`, see names_the_person), else the
    first; a referee's may come first where the person's stands in a sidebar read after the main column."""
    emails = [match[0].rstrip(".") for match in _EMAIL.finditer(text)]
    own = [email for email in emails if name and names_the_person(email, name)]
    if name and len(own) > 1:  # two of a family: the one naming more of the person, the given name first
        own = [max(own, key=lambda email: _words_named(email, name))]
    return ((own or emails)[0], 0.97) if emails else None


def _words_named(email: str, name: str) -> float:
    """How many words of the name the email's local part holds, the given name counting half as much again:
    "jane.d@…" names Jane Doe more than her referee "john.doe@…" does."""
    words, local = _name_and_local_part(email, name)
    return sum(word in local for word in words) + 0.5 * bool(words and words[0] in local)


def names_the_person(email: str, name: str) -> bool:
    """The email's local part holds a word of the person's name ("grace.nakato@…" of Grace Nakato): a contact block
    away from the head is the person's, not a referee's ("Jane Hill, Site Manager" / "+44 …" / "jane.hill@…"). A
    name in another script than the Latin ("Іван Петренко") is not compared."""
    words, local = _name_and_local_part(email, name)
    return not any(word.isascii() for word in words) or any(word in local for word in words)


def _name_and_local_part(email: str, name: str) -> tuple[list[str], str]:
    """The name's words of two letters or more and the email's local part, both folded (lower case, no accents)."""
    return ([word for word in _NAME_WORD.findall(fold(name.lower())) if len(word) >= 2],
            fold(email.partition("@")[0].lower()))


def is_link(text: str) -> bool:
    """Whether the whole text is one web address, with or without its scheme: "scholar.google.com/citations?user=x",
    "https://example.dev/cv"."""
    text = text.strip()
    return bool(text) and " " not in text and bool(_URL.fullmatch(text) or _BARE_DOMAIN.fullmatch(text))


def find_url(text: str, contact_text: str) -> Found | None:
    """The person's own site first, else a LinkedIn profile, else any other profile; addresses in
    the contact lines before those in the rest of the text (a project's site in a description).
    Kept as written: no scheme is added."""
    found = [(m[0], 0.9) for m in _URL.finditer(contact_text)]
    found += [(m[0], 0.75) for m in _BARE_DOMAIN.finditer(contact_text)
              if m[0].lower() not in _SKILL_WORDS]  # "ASP.NET" is not a website
    found += [(m[0], 0.8) for m in _URL.finditer(text)]
    found = [(value.rstrip(".,;:)"), confidence) for value, confidence in found]
    own = [item for item in found if not any(host in item[0].lower() for host in _PROFILE_HOSTS)]
    linkedin = [item for item in found if "linkedin." in item[0].lower()]
    best = own or linkedin or found
    return best[0] if best else None


# The confidence of a town known by its name alone ("Utrecht", "Hamilton 3200"): its country is its best-known
# namesake's, a guess the phone may overrule (see country_by_phone); a postcode written as one country writes it
# ("London SW11", "Bristol BS6 5QT") or a region is no such guess.
TOWN_ALONE = 0.45
# The same with a number for a postcode ("14001 Córdoba", "Valencia 46021"): most countries write five or four digits,
# so the number tells no country (Spain's Córdoba, not Argentina's; Spain's Valencia, not Venezuela's).
TOWN_POSTED = 0.59
_MIN_PHONE_DIGITS = 7  # a subscriber number without its area code: the shortest a CV gives
# A fax labelled on its line before its number ("Fax: 020 …", "Tel/Fax" stays a phone: the label is both).
_FAX = re.compile(r"(?<![/\w])(?:tele)?fa[xk]s?\b(?!\s*/)", re.IGNORECASE)


def _digits(text: str) -> int:
    return sum(map(str.isdigit, text))


def find_phone(text: str, region_hints: str | Sequence[str] | Callable[[], Sequence[str]] | None) -> Found | None:
    """The first valid phone number written, as E.164. Numbers written with a country code are found with no
    region; national ones need a guess: the CV's country (or the countries its language is written in: a callable,
    asked only when a number may stand before any with its country code) in the order given, else, when no other
    number is found, the US; the first region that reads a number has it. A number with its country code is the CV's
    (confidence 0.95) unless the first guess reads a national one written before it: "Cell: 082 417 3390" above
    "Tel: +27 (0)21 448 9012" (0.85)."""
    import phonenumbers

    # A number is found within a line (phonenumbers' patterns hold no line break) and has seven digits or more:
    # the lines with fewer are left out before the matcher looks (a CV's digits are mostly years, each a
    # candidate it would parse and check, once per region). Same numbers, in the same order.
    text = "\n".join(line for line in text.split("\n") if _digits(line) >= _MIN_PHONE_DIGITS)

    def first(within: str, region: str | None) -> tuple[int, str] | None:
        for match in phonenumbers.PhoneNumberMatcher(within, region):
            raw = match.raw_string
            if _digits(raw) < _MIN_PHONE_DIGITS or _looks_like_dates(raw):
                continue
            # a fax's number is no phone: "Fax: 020 7946 0958" above "Tel: +44 20 7946 0100" (the label is the words
            # since the last digit before the number)
            if _FAX.search(re.split(r"\d", within[within.rfind("\n", 0, match.start) + 1:match.start])[-1]):
                continue
            if phonenumbers.is_valid_number(match.number):
                return match.start, phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.E164)
        return None

    # with no region, phonenumbers parses only a number after a plus sign
    found = first(text, None) if "+" in text or "\uff0b" in text else None
    best = (*found, 0.95) if found else None
    if best is not None and _digits(text[:best[0]]) < _MIN_PHONE_DIGITS:
        return best[1], best[2]  # no number can stand before it
    hints = region_hints() if callable(region_hints) else region_hints
    hinted = list(dict.fromkeys([hints] if isinstance(hints, str) else hints or []))
    # Before a number with its country code, only the CV's first guess may read a national one (a guess from the
    # language, or the US, would read a P.O. box's "30197-00100" as an American number); with none, the first guess
    # that reads a number has it.
    for region in hinted[:1] if best else dict.fromkeys([*hinted, "US"]):
        if found := first(text if best is None else text[:best[0]], region):
            return found[1], 0.85
    return (best[1], best[2]) if best else None


def _looks_like_dates(raw: str) -> bool:
    span = find_span(raw)
    return span is not None and not span.single


def find_name(head: list[Line], first_page: list[Line]) -> Found | None:
    """The largest text on the first page, when it reads like a name, else the first name-like
    line at the top, else the first one on the first page (a sidebar read before the name)."""
    sized = [line for line in first_page if line.size > 0]
    if sized:
        largest = max(sized, key=lambda line: line.size)
        body = sorted(line.size for line in sized)[len(sized) // 2]
        # A name set large over two lines in a narrow column: "Maya" above "Castellanos".
        at = sized.index(largest)
        run = list(itertools.takewhile(lambda line: line.size == largest.size, sized[at:at + 3]))
        joined = " ".join(part.text for part in run)
        # the whole run first: "Liam Tan Wei" above "Jie" is one name
        if largest.size > body + 1 and (name := (len(run) > 1 and _as_name(joined)) or _as_name(largest.text)):
            return name, 0.92
    for line in head[:8]:
        if (line.heading_style or line.bold) and (name := _as_name(line.text)):
            return name, 0.8
    for line in head[:5]:
        if name := _as_name(line.text):
            return name, 0.65
    # A sidebar read first (contact, skills, languages) puts the name after the first headings.
    for line in first_page[:40]:
        if not line.bullet and (name := _as_name(line.text)):
            return name, 0.5
    return None


# A post-nominal with its country or university in brackets, after the name without a comma: "CA(SA)", "CA (SA)",
# "CPA(Aust)", "MA (Oxon)". Only a country's letters or such a known short form: a word in title case in brackets is
# as likely a given name after a surname in capitals, "Wei Ling TAN (Sarah)", "Robert KING (Bob)" (review 16).
POST_NOMINAL_BRACKETED = r"\s+[A-Z]{2,5}\s?\((?:[A-Z]{2,3}|Aust|Oxon|Cantab|Hons|Lond|Dunelm|Edin)\)"
_BRACKETED_POST_NOMINAL = re.compile(POST_NOMINAL_BRACKETED + "$")


def _as_name(text: str) -> str | None:
    parts = [part for part in segments(text) if not _PHOTO.fullmatch(part.strip())]
    candidate = _HONORIFIC.sub("", _LABEL.sub("", parts[0] if parts else "").strip())
    # Post-nominal letters after a comma: "PhD", "MBA, CPA", "PA-C", "P.Eng.". Dropped piece by piece from
    # the end: one pattern for the whole run backtracks exponentially where two alternatives both fit
    # ("AB-C") and the line ends otherwise.
    head, *tail = candidate.split(",")
    while tail and _POST_NOMINAL.fullmatch(tail[-1].strip()):
        tail.pop()
    candidate = ",".join([head, *tail]).rstrip()
    if (bracketed := _BRACKETED_POST_NOMINAL.search(candidate)) and len(candidate[:bracketed.start()].split()) >= 2:
        candidate = candidate[:bracketed.start()]  # without a comma: "Lindiwe Ndlovu-Smit CA(SA)"
    tokens = candidate.split()
    if not 2 <= len(tokens) <= 5 or heading_kind(candidate) or "@" in candidate:
        return None
    if not all(_NAME_TOKEN.fullmatch(token) and (token[0].isupper() or token in _PARTICLES) for token in tokens):
        return None
    if tokens[0] in _PARTICLES or tokens[-1] in _PARTICLES:
        return None
    words = {token.lower().strip(".,") for token in tokens if len(token.strip(".,")) > 1}  # an initial is no "R" or "C"
    if words & JOB_TITLE_WORDS or words & COMPANY_WORDS or words & _SKILL_WORDS or words & INSTITUTION_WORDS:
        return None
    return candidate.title() if candidate.isupper() else candidate


# Russian and Ukrainian for "city" (gorod, misto), abbreviated or not, before its name: "g. Novosibirsk", "m. Kyiv"
_CITY_WORD = re.compile("^(?:\u0433|\u0433\u043e\u0440|\u043c|\u043c\u0456\u0441\u0442\u043e|"
                        "\u0433\u043e\u0440\u043e\u0434)\\.?\\s+(?=[\u0410-\u042f\u0401\u0406\u0407\u0404\u0490])")
_PIECE_POSTCODE = re.compile(rf"\s+(?:{_POSTCODE})$")
# Words that lead a place in: "Based in Leeds, UK", "Located in Austin, TX".
_LEAD_IN = re.compile(r"^(?:based|located|living|residing)\s+in\s+", re.IGNORECASE)
_DISTRICT_NUMBER = re.compile(r"(.+?)\s+\d{1,2}")
# A house's or a flat's number first or last in an address's piece: "12 High St", "#03-12", "Sumska 45".
_HOUSE_NUMBER = re.compile(r"^[#\d]|\d$")
# (not a postcode before its city, after a street: "14, rue des Lilas – 69003 Lyon")
_HYPHENED_POSTCODE = re.compile(r"(?<=[^\W\d_])\s?[-\u2013\u2014]\s?\d{4,6}\b(?!\s+[^\W\d_])")
_BEFORE_CONTACT = re.compile(r"(.+?)\s+(?:\+?\(?\d[\d\s()-]{6,}\d|\S+@\S+)")
_BRACKETED_REGION = re.compile(rf"\s*\(([^\W\d_][^()\d]*)\)(?:\s+{_POSTCODE})?$")
# A region's code after a dash, as Brazil writes it: "São Paulo - SP, 01304-001".
_DASHED_REGION = re.compile(r"\s+[-\u2013\u2014]\s+([A-Z]{2})(?=,|\s*$)")
_DASHED = re.compile(r"\s[-\u2013\u2014]\s")
# Moscow's and Saint Petersburg's metro station after the city: "Москва, м. Бауманская" (not Ukraine's "м. Львів",
# the word for "city", which comes first)
_METRO = re.compile("^(?:\u043c|\u043c\u0435\u0442\u0440\u043e)\\.?\\s+[\u0410-\u042f\u0401]")
_AFTER_EMAIL = re.compile(r"\S+@\S+\s+([^\d@]+)")  # "E: fiona@example.com Glasgow, Scotland"


def find_location(lines: list[Line]) -> tuple[dict[str, str], float] | None:
    """A "City, Region" part of a contact line: {city, region, countryCode?} and a confidence."""
    best: tuple[dict[str, str], float] | None = None
    texts = [line.text for line in lines]
    # A place wrapped in a narrow column: "München, Bayern," above "Deutschland".
    texts += [f"{text} {after}" for text, after in itertools.pairwise(texts) if text.rstrip().endswith(",")]
    # the country on a line of its own under the place: "Khalifa City A, Abu Dhabi" above "United Arab Emirates"
    texts += [f"{text}, {after.strip()}" for text, after in itertools.pairwise(texts[:len(lines)])
              if after.strip().lower() in COUNTRIES and not text.rstrip().endswith(",") and _names_known_place(text)]
    for text in texts:
        # "Chennai – 600090, Tamil Nadu": the city less its postcode, before the dash parts the line
        text = _HYPHENED_POSTCODE.sub("", text)
        if _DASHED.search(text):  # no separator: "São Paulo - SP", "Belo Horizonte – MG", as Brazil writes a state
            # (whose country: the town's when the code is one of its country's regions, see _own_region_country)
            text = _DASHED_REGION.sub(lambda m: f", {m[1]}" if is_region(m[1]) else m[0], text)
        for part in _SEPARATORS.split(text.replace(GAP, "\t")):
            # an icon before the place ("⌂ Lyon, France") is no part of it
            part = _LABEL.sub("", re.sub(r"^[^\w(+]+", "", part.strip()))
            part = _HYPHENED_POSTCODE.sub("", part)  # "Dhaka-1205", "Mumbai - 400053": the city less its postcode
            part = _LEAD_IN.sub("", part)  # "Based in Leeds, UK"
            named_city = _CITY_WORD.match(part) is not None
            part = _CITY_WORD.sub("", part)  # the word for "city" before its name (_CITY_WORD)
            part = _written_plainly(part)
            # a city's postal district after its name: "Dublin 9", "Dublin 9, D09 X2C4"
            pieces = [_district_less(piece) for piece in part.split(", ")]
            part = ", ".join(pieces)
            if len(pieces) > 2 and (coded := _PIECE_POSTCODE.search(pieces[-2])) and coded.start() > 0:
                # a postcode after the city, the country after it: "University of Leeds, Leeds LS2 9JT, UK"
                pieces[-2] = pieces[-2][:coded.start()]
                part = ", ".join(pieces)
            if len(pieces) > 2 and re.fullmatch(_POSTCODE, pieces[-1].strip()):
                pieces = pieces[:-1]  # a postcode last: "18 Sparks Road, Overport, Durban, KwaZulu-Natal, 4091"
                part = ", ".join(pieces)
            # Commas part the contact details too: "Новосибирск, Новосибирская область, Россия, 8-913-…, …@…".
            cut = next((i for i, piece in enumerate(pieces) if re.search(r"[\d@]", piece)), len(pieces))
            candidates = [part, ", ".join(pieces[:cut])] if 1 < cut < len(pieces) else [part]
            # the place before a phone or an email with no separator: "Brisbane QLD 0438 271 905 lachie@…"
            if len(part) <= 120 and (before := _BEFORE_CONTACT.match(part)) and before[1] != part:
                candidates.append(before[1])
            if len(part) <= 120 and (after := _AFTER_EMAIL.search(part)):
                candidates.append(after[1])
            if cut == 0 and len(pieces) > 1 and not _POSTCODE_CITY.fullmatch(pieces[0]):
                # a street first: "Via Solferino 22, 20121 Milano (MI), …", "Lindenstraße 14, 50674 Köln"
                candidates.append(", ".join(pieces[1:]))
            # an address of an organisation first: "Department of Physics, Indian Institute of Science, Bengaluru,
            # Karnataka"; the longer tail first, as an equal confidence keeps the first found; its first piece may
            # have its postcode before the city: "No. 27, Jalan SS 2/24, 47300 Petaling Jaya, Selangor"
            candidates += [", ".join(pieces[-size:]) for size in (3, 2)
                           if len(pieces) > size and not any(re.search(r"[\d@]", piece) for piece in
                                                             [_LEADING_POSTCODE.sub("", pieces[-size]),
                                                              *pieces[-size + 1:-1]])]
            # an address's last piece, after a flat's or a house's number: "#05-456, Singapore 521123", "12, rue des
            # Lilas, 69003 Lyon"; with no such number, a list's last item ("Java, Spring, Boston") is no place
            if any(_HOUSE_NUMBER.search(piece.strip()) for piece in pieces[:-1]):
                candidates.append(pieces[-1])
            # the city first, named so, then its street: "м. Харків, вул. Сумська, 45"; or then a metro station
            if named_city or (len(pieces) == 2 and _METRO.match(pieces[1])):
                candidates.append(pieces[0])
            candidates += _postal_candidates(pieces)
            for candidate in candidates:
                found = _as_location(candidate)
                if found and (best is None or found[1] > best[1]):
                    best = found
    return best


# A postcode in brackets after its city ("Bordeaux (33000)"); a country in brackets after it ("Madrid (Spain)").
# (or a French département's number, before a comma: "Bordeaux (33), Nouvelle-Aquitaine"); a Spanish province named
# like its town: "41001 Sevilla (Sevilla), España"
_BRACKETED_POSTCODE = re.compile(r"\s*\((?:\d{4,5}|(?:\d{2,3}|2[AB])(?=\)\s*,))\)")
_TOWN_AGAIN = re.compile(r"(?<!\w)([^\W\d_]+)\s*\(\1\)(?=\s*,|\s*$)")
_BRACKETED = re.compile(r"\s*\(([^()]{2,40})\)$")
# A postcode before the city in an address's piece: "47300 Petaling Jaya", "4000-447 Porto".
_LEADING_POSTCODE = re.compile(rf"^{_POSTCODE_BEFORE}\s+(?=[^\W\d_])")


def _written_plainly(part: str) -> str:
    """An address's part with a postcode in brackets and a country in brackets written as the rules read them:
    "Bordeaux (33000), France" -> "Bordeaux, France", "28028 Madrid (Spain)" -> "28028 Madrid, Spain"."""
    if "(" in part:
        part = _BRACKETED_POSTCODE.sub("", part)
        part = _TOWN_AGAIN.sub(r"\1", part)
        part = _BRACKETED.sub(lambda m: f", {m[1]}" if m[1].lower() in COUNTRIES else m[0], part)
    return part


def _postal_candidates(pieces: list[str]) -> list[str]:
    """The places a whole postal address names (European style, every piece after a comma): the city less its
    postcode, with the country when the address ends in one ("Rua de Santa Catarina 312, 4000-447 Porto, Portugal"
    -> "Porto, Portugal"); the city named with its word for "city" anywhere ("вул. Сумська, 72, кв. 15, м. Харків,
    61002, Україна" -> "Харків, Україна"; "65012, м. Одеса, вул. …" -> "Одеса")."""
    if len(pieces) < 2:
        return []
    kept = [piece for piece in (_LEADING_POSTCODE.sub("", piece.strip()) for piece in pieces)
            if piece and not re.fullmatch(_POSTCODE_BEFORE, piece)]
    country = kept[-1] if kept and kept[-1].lower() in COUNTRIES else None
    found: list[str] = []
    for index, piece in enumerate(kept):
        city = _CITY_WORD.sub("", piece) if _CITY_WORD.match(piece) else None
        if city is None and country and index == len(kept) - 2 and index > 0 and pieces[index] != piece:
            city = piece  # the piece before the country lost its postcode: the city
        if city:
            found += [f"{city}, {country}"] if country and piece != country else []
            found.append(city)
    return found


def without_city_word(text: str) -> str:
    """The text less the Russian or Ukrainian word for "city" (abbreviated or not) before a city's name, in Cyrillic
    ("m. Odesa" -> "Odesa"); any other text as it is."""
    return _CITY_WORD.sub("", text.strip())


def _district_less(piece: str) -> str:
    """A known city less its postal district's number ("Dublin 9" -> "Dublin"); any other piece as it is."""
    numbered = _DISTRICT_NUMBER.fullmatch(piece.strip())
    return numbered[1] if numbered and city_country(numbered[1]) else piece


def names_a_place(text: str) -> bool:
    """Whether the whole text is a place as a header line gives it on a line of its own ("Seattle, WA",
    "Lyon, France", "Brisbane QLD 4000"): a city of one to three capitalised words with a region or country
    the vocabulary knows, maybe then its country ("Sunnyvale, California, United States"). "Snøhetta, Oslo, Norway" and
    "Centre jeunesse de Québec, Québec" name employers."""
    first, _, second = text.strip().partition(",")
    words = first.split()
    found = _as_location(text.strip())
    # "Magazine Luiza, São Paulo": a region named like its city, after no known city, follows an employer
    if second.strip() and city_country(second) and not city_country(first) and is_region(second.strip()):
        return False
    # "Spotify AB", "Acme SA", "Philips NV": a legal form that is also a region's code, after no known city, ends an
    # employer's name ("Calgary AB", "Adelaide SA" stay places)
    if (coded := _PLACE_CODED.match(text.strip())) and coded[2].lower() in LEGAL_FORMS and not city_country(coded[1]):
        return False
    # "Salesforce, CA" under a post: a skill's name alone before a region's code names the employer there (a contact
    # line's "Spring, TX" stays a place, see _as_location; "Silver Spring, MD" names more than the skill)
    if (first.strip().lower() in _SKILL_WORDS and not city_country(first.strip()) and second.strip()
            and _region_country(second.strip())):
        return False
    # a city, its region and its country, as LinkedIn writes them: "Sunnyvale, California, United States"
    pieces = [piece.strip() for piece in text.split(",")]
    with_country = len(pieces) == 3 and pieces[2].lower() in COUNTRIES and is_region(pieces[1])
    return (found is not None and found[1] >= 0.8 and (text.count(",") <= 1 or with_country) and 0 < len(words) <= 3
            and all(word[:1].isupper() for word in words))


_PROVINCE_CODE = re.compile(r"\(([A-Z]{2})\)\s*$")


def _own_region_country(town: str, code: str) -> str | None:
    """The country of a town cities.json knows when `code` is one of that country's regions: "Recife, PE" is Brazil's
    Pernambuco, not Canada's Prince Edward Island; "Curitiba – PR" Paraná, not Puerto Rico. None otherwise."""
    country = city_country(town)
    return country if country and code in REGIONS_BY_COUNTRY.get(country, ()) else None


def _names_known_place(text: str) -> bool:
    """Whether the text's last piece (after its last comma, less a postcode before it) is a town cities.json knows or a
    region: "Khalifa City A, Abu Dhabi", "H2X 2N4 Montréal"; not "Languages: English, French" nor "Dev Team" (review
    of issue 16: a country on the line below or a region in brackets made those a place)."""
    last = _LEADING_POSTCODE.sub("", text.rpartition(",")[2].strip())
    return bool(last) and (city_country(last) is not None or is_region(last))


def _town_and_province(text: str) -> tuple[str, str] | None:
    """(town, code) of a text ending in a province's code in brackets after a town: "20127 Milano (MI)" -> ("Milano",
    "MI"), the town the run of letters right before the bracket (spaces between); None otherwise. Read from the end in
    one pass: the pattern it replaces searched a long line of letters in time growing with the square of its length
    (review of issue 16: 10,000 letters took a second, 50,000 a minute)."""
    if (code := _PROVINCE_CODE.search(text)) is None:
        return None
    core = text[:code.start()].rstrip()
    start = len(core)
    while start > 0 and _LETTER.match(core[start - 1]):
        start -= 1
    return (core[start:], code[1]) if start < len(core) else None


_LETTER = re.compile(r"[^\W\d_]")


def _as_location(text: str) -> tuple[dict[str, str], float] | None:
    """The place a candidate text names ({city, region?, countryCode?}, confidence), else None; a dict of its own
    to the caller (the answer is remembered: the same candidates come from the contact lines and the entries)."""
    found = _location_of(text)
    return ({**found[0]}, found[1]) if found else None


@per_document(maxsize=1024)
def _location_of(text: str) -> tuple[dict[str, str], float] | None:
    if "@" in text:
        return None
    # "20127 Milano (MI)": a province's code in brackets after its town names the town's country ("MI" is first
    # Michigan, "BA" Bahia); written after a comma it is the region's first country's
    if ((province := _town_and_province(text)) and (country := city_country(province[0]))
            and province[1] in PROVINCES.get(country, ())):
        return {"city": province[0], "region": province[1], "countryCode": country}, 0.8
    if "(" in text:  # each of these reads a bracket
        text = re.sub(r"\s*\(([A-Z]{2})\)", r", \1", text)  # "20121 Milano (MI), Italia": a province's code
        # a region or country in brackets, maybe then a postcode: "Montréal (Québec) H2X 2N4", "Lyon (France)"
        # (after a known town only: "Operations (North West)", "Dev Team (Quebec)" name no town)
        text = _BRACKETED_REGION.sub(lambda m: f", {m[1]}" if (is_region(m[1]) or m[1].lower() in COUNTRIES)
                                     and _names_known_place(text[:m.start()]) else m[0], text)
        text = re.sub(r"\s*\((?:\d{2,3}|2[AB])\)$", "", text)  # "Nantes (44)": a French département's number
    if (coded := _PLACE_CODED.match(text)) and (country := _own_region_country(coded[1], coded[2])
                                                 or _region_country(coded[2])):
        return {"city": coded[1], "region": coded[2], "countryCode": country}, 0.8
    if coded and coded[2] in AMBIGUOUS_REGIONS:  # "Fremantle WA 6160": the phone tells Australia from the US
        return {"city": coded[1], "region": coded[2]}, 0.75
    if (alone := _CITY_STATE.match(text)) and (country := CITY_STATES.get(alone[1].lower())):
        return {"city": alone[1], "countryCode": country}, 0.75
    if alone and (country := city_country(alone[1])):  # "Utrecht" alone on a contact line: any other place wins
        return {"city": alone[1], "countryCode": country}, TOWN_ALONE
    if (posted := _CITY_POSTCODE.fullmatch(text)) and (country := city_country(posted[1])):
        # a postcode of letters and digits is one country's way ("Bristol BS6 5QT"); one of digits, many countries'
        numeric = text[posted.end(1):].strip().isdigit()
        return {"city": posted[1], "countryCode": country}, TOWN_POSTED if numeric else 0.6
    # a British or Irish town and its postcode's district alone: "London SW11", "Leeds LS2", "Dublin D04"
    if (posted := _CITY_DISTRICT.fullmatch(text)) and (country := city_country(posted[1])) in ("GB", "IE"):
        return {"city": posted[1], "countryCode": country}, 0.6
    if posted := _POSTCODE_CITY.fullmatch(text):  # "80802 München", "8020 Graz": its country known, or the phone's
        city = posted[1]
        if not city_country(city) and (district := _POSTAL_DISTRICT.fullmatch(city)) and city_country(district[1]):
            city = district[1]  # "2100 København Ø": the city less its postal district
        country = city_country(city)
        return ({"city": city, "countryCode": country}, TOWN_POSTED) if country else ({"city": city}, 0.5)
    match = _PLACE.match(text)
    if not match:
        return None
    parts = [p.strip() for p in match.groups() if p]
    # A region's code is no legal form: "Las Vegas, NV" (NV is also the Dutch "naamloze vennootschap").
    words = {w.lower().strip(".") for part in parts if not is_region(part) for w in part.split()}
    # a skill's name in a known city's region is the region's: "Bekasi, West Java"
    # a skill's name in a town before its region's code is the town's: "Silver Spring, MD", "Spring, TX"
    if (words & JOB_TITLE_WORDS or words & COMPANY_WORDS
            or (words & _SKILL_WORDS and not city_country(parts[0]) and not _region_country(parts[1]))
            or heading_kind(text)):
        return None
    if not all(part[0].isupper() or is_region(part) for part in parts):  # "Wrocław, dolnośląskie, Polska"
        return None
    country = COUNTRIES.get(parts[-1].lower())
    if len(parts) == 4:
        parts = parts[1:]  # "Johar Town, Lahore, Punjab, Pakistan": a district before the city
    if len(parts) == 3 and (country or is_region(parts[2])) and (not is_region(parts[1]) or (
            parts[2] in REGION_CODES and city_country(parts[1]))):
        # "District, City, Country", "Gomti Nagar, Lucknow, Uttar Pradesh": the city is the middle; so is a city
        # named like its state before the state's code ("Consolação, São Paulo, SP")
        parts = parts[1:]
    if len(parts) == 2 and (state := CITY_STATES.get(parts[1].lower())):  # "Tampines, Singapore 529510"
        return {"city": parts[1], "countryCode": state}, 0.8
    if len(parts) == 2 and not country and not is_region(parts[1]) and (city := city_country(parts[1])):
        return {"city": parts[1], "countryCode": city}, 0.75  # "Sandton, Johannesburg": a district, then its city
    location = {"city": parts[0], "region": parts[1]}
    # "Austin, TX", "Recife, PE" (Brazil's, not Canada's), "Munich, Bavaria"
    country = country or _own_region_country(parts[0], parts[1]) or _region_country(parts[1]) or city_country(parts[0])
    if country:
        location["countryCode"] = country
    return location, 0.8 if country or is_region(parts[1]) else 0.55


def country_by_phone(location: dict[str, str], phone: Found, town_alone: bool = False) -> str | None:
    """The country the CV's phone tells for a location whose region's code could be another
    country's: "Seattle, WA" or "Perth, WA" (two countries share the code), "Milano, MI" (Michigan
    comes first in places.json), "Bengaluru, IN" (Indiana, or India's own code). A country the code gave
    gives way only to a number written with its country code (confidence 0.95, see find_phone); a
    country named on the line stays. `town_alone`: the country came from the town's name alone ("Hamilton",
    Ontario's) and a national number that is none there was read in another country (New Zealand's "021 448
    9063"): the town is that country's namesake."""
    import phonenumbers

    region = location.get("region", "")
    number = phonenumbers.parse(phone[0])
    country = phonenumbers.region_code_for_number(number)
    if country is None:
        return None
    if not region and "countryCode" not in location:  # "80802 München": the number's country
        return country
    if (town_alone and phone[1] < 0.95
            and number.country_code != phonenumbers.country_code_for_region(location.get("countryCode", ""))):
        return country  # not a Canadian number for a US town's namesake: +1 is both countries'
    if "countryCode" not in location:  # a code two countries share: any number of either settles it
        return country if country in AMBIGUOUS_REGIONS.get(region, ()) else None
    if phone[1] < 0.95 or not re.fullmatch(r"[A-Z]{2,3}", region) or COUNTRIES.get(region.lower()):
        return None
    if country != location["countryCode"] and (region == country or region in REGIONS_BY_COUNTRY.get(country, ())):
        return country
    return None


def _region_country(part: str) -> str | None:
    """The country of a region (vocabulary.REGION_CODES / REGION_NAMES); None for a code two countries
    share ("WA") or a part that is no known region."""
    return REGION_CODES.get(part) or REGION_NAMES.get(fold(part))


def is_region(part: str) -> bool:
    """A state, province or other region of a country: known by code or name, or saying it is one
    ("County Cork", "Московская область")."""
    words = set(fold(part).split())
    return part in REGION_CODES or fold(part) in REGION_NAMES or bool(words & REGION_WORDS)
