"""Institutions that speak for a state: presidencies, head-of-government offices, press services,
foreign and defence ministries, as organization actors of the KB.

The regular names ("Russian Foreign Ministry", "Russia's Foreign Ministry", "Ministry of Foreign
Affairs of Russia", "Press Service of the President of Kazakhstan", "Kazakh presidential press
service") are generated from each country's names and demonyms; only seats and body names that
no pattern gives ("the Kremlin", "Akorda", "Quai d'Orsay", "State Department") are typed, in
:data:`SEATS`. ``institution`` names the kind of body (contract v1.1, scoring additions):
``executive``, ``press_service``, ``foreign_ministry`` or ``ministry:<field>``.

Example::

    rows = institution_rows(countries, titles, holder_surnames)
    # [{"id": "inst:RUS:foreign_ministry", "name": "Ministry of Foreign Affairs of Russia",
    #   "kind": "organization", "institution": "foreign_ministry", "country": "RUS",
    #   "cameo": "RUSGOV", "aliases": ["Russian Foreign Ministry", ...]}, ...]
"""

from __future__ import annotations

from typing import Any, Iterable

from .kb import norm_name

EXECUTIVE = "executive"
PRESS_SERVICE = "press_service"
FOREIGN_MINISTRY = "foreign_ministry"
DEFENCE_MINISTRY = "ministry:defence"
KINDS = (EXECUTIVE, PRESS_SERVICE, FOREIGN_MINISTRY, DEFENCE_MINISTRY)

# States most present in international news (wire services' datelines and the project's sets):
# their institutions are generated; other states keep only the country actor.
NEWS_STATES = tuple("""
USA CHN RUS GBR FRA DEU JPN IND UKR ISR IRN TUR SAU KAZ KOR PRK PAK AFG BRA MEX CAN AUS ITA ESP POL
EGY QAT ARE SYR IRQ VEN ARG ZAF NGA ETH IDN VNM PHL THA MYS SGP BLR UZB KGZ TJK TKM AZE ARM GEO MDA
HUN SRB NLD BEL SWE FIN NOR DNK AUT CHE GRC PSE LBN JOR KEN MNG CUB COL CHL NZL IRL PRT CZE ROU BGR
LTU LVA EST SVK HRV BIH KWT OMN BHR YEM LBY DZA MAR TUN SDN LKA BGD NPL MMR KHM
""".split())

# Seats and body names news uses for a state's institutions, beyond the generated patterns.
# (iso3, kind) -> (name to show, further aliases). Facts: the buildings and official names.
SEATS: dict[tuple[str, str], tuple[str, tuple[str, ...]]] = {
    ("RUS", EXECUTIVE): ("Kremlin", ("the Kremlin", "Presidential Executive Office of Russia",
                                     "Administration of the President of Russia", "Russian Presidential Administration")),
    ("RUS", PRESS_SERVICE): ("Kremlin press service", ("Kremlin press office",)),
    ("RUS", FOREIGN_MINISTRY): ("", ("Smolenskaya Square",)),
    ("USA", EXECUTIVE): ("White House", ("the White House", "the Oval Office", "Executive Office of the President")),
    ("USA", PRESS_SERVICE): ("White House press office", ("White House Press Office", "White House press secretary's office")),
    ("USA", FOREIGN_MINISTRY): ("State Department", ("U.S. State Department", "US State Department", "the State Department",
                                                   "Department of State", "U.S. Department of State", "Foggy Bottom")),
    ("USA", DEFENCE_MINISTRY): ("Pentagon", ("the Pentagon", "Department of Defense", "U.S. Department of Defense",
                                            "Defense Department", "Department of War", "War Department")),
    ("GBR", "head_of_government"): ("Downing Street", ("10 Downing Street", "Number 10", "No 10", "No. 10", "Number Ten",
                                                       "British Prime Minister's Office")),
    ("GBR", FOREIGN_MINISTRY): ("Foreign Office", ("Foreign, Commonwealth and Development Office", "FCDO",
                                                 "Foreign and Commonwealth Office", "British Foreign Office", "UK Foreign Office")),
    ("GBR", DEFENCE_MINISTRY): ("", ("UK Ministry of Defence", "British Ministry of Defence")),
    ("FRA", EXECUTIVE): ("Élysée", ("Élysée Palace", "the Élysée", "Elysee", "Elysee Palace", "the Elysee", "Elysée")),
    ("FRA", "head_of_government"): ("Matignon", ("Hôtel Matignon", "Hotel de Matignon", "Hôtel de Matignon")),
    ("FRA", FOREIGN_MINISTRY): ("Quai d'Orsay", ("Ministry for Europe and Foreign Affairs", "French Ministry for Europe and Foreign Affairs")),
    ("DEU", "head_of_government"): ("Federal Chancellery", ("the Chancellery", "Chancellery", "Bundeskanzleramt", "German Chancellery")),
    ("DEU", EXECUTIVE): ("", ("Bellevue Palace", "Schloss Bellevue")),
    ("DEU", FOREIGN_MINISTRY): ("Federal Foreign Office", ("German Foreign Office", "Auswärtiges Amt", "Auswartiges Amt")),
    ("KAZ", EXECUTIVE): ("Akorda", ("Ak Orda", "Ak-Orda", "the Akorda", "Administration of the President of Kazakhstan")),
    ("KAZ", PRESS_SERVICE): ("", ("Akorda press service", "Akorda's press service")),
    ("TUR", EXECUTIVE): ("", ("Turkish Presidency", "Presidency of Türkiye", "Türkiye's Presidency", "Directorate of Communications",
                              "Turkish Directorate of Communications", "Presidential Complex", "Beştepe")),
    ("KOR", EXECUTIVE): ("", ("the Blue House", "Blue House", "Cheong Wa Dae", "Yongsan presidential office",
                              "presidential office in Yongsan")),
    ("CHN", EXECUTIVE): ("", ("Zhongnanhai",)),
    ("CHN", "head_of_government"): ("", ("State Council of China", "China's State Council", "Chinese State Council")),
    ("IND", "head_of_government"): ("", ("PMO", "Prime Minister's Office of India", "PMO India")),
    ("IND", EXECUTIVE): ("", ("Rashtrapati Bhavan",)),
    ("IND", FOREIGN_MINISTRY): ("Ministry of External Affairs", ("MEA", "Indian Ministry of External Affairs",
                                                               "India's Ministry of External Affairs", "External Affairs Ministry")),
    ("JPN", "head_of_government"): ("", ("Kantei", "Prime Minister's Office of Japan", "Japanese Prime Minister's Office")),
    ("BRA", EXECUTIVE): ("", ("Planalto", "Planalto Palace", "Palácio do Planalto", "Palacio do Planalto")),
    ("BRA", FOREIGN_MINISTRY): ("", ("Itamaraty", "Ministry of External Relations of Brazil", "Brazilian Ministry of External Relations")),
    ("ARG", EXECUTIVE): ("", ("Casa Rosada",)),
    ("MEX", EXECUTIVE): ("", ("Palacio Nacional", "National Palace of Mexico")),
    ("MEX", FOREIGN_MINISTRY): ("", ("Secretariat of Foreign Affairs", "SRE", "Mexican Secretariat of Foreign Affairs")),
    ("UKR", EXECUTIVE): ("", ("Office of the President of Ukraine", "Bankova", "Ukrainian Presidential Office")),
    ("BLR", EXECUTIVE): ("", ("Palace of Independence",)),
    ("UZB", EXECUTIVE): ("", ("Kuksaroy", "Kuksaray")),
    ("AUS", FOREIGN_MINISTRY): ("", ("Department of Foreign Affairs and Trade", "DFAT")),
    ("CAN", FOREIGN_MINISTRY): ("", ("Global Affairs Canada",)),
    ("NGA", EXECUTIVE): ("", ("Aso Rock", "Aso Rock Villa", "State House Abuja")),
    ("VEN", EXECUTIVE): ("", ("Miraflores Palace", "Miraflores")),
    ("EGY", EXECUTIVE): ("", ("Ittihadiya Palace",)),
    ("PAK", FOREIGN_MINISTRY): ("", ("Foreign Office of Pakistan", "Pakistan Foreign Office", "Pakistani Foreign Office")),
}

_SURNAME_ALIASES = ("{name}'s office", "the office of {name}")


def institution_rows(
    countries: Iterable[dict[str, Any]],
    titles: dict[tuple[str, str], str],
    leaders: dict[tuple[str, str], list[str]] | None = None,
    states: Iterable[str] = NEWS_STATES,
) -> list[dict[str, Any]]:
    """Organization rows for the institutions of ``states``.

    ``titles`` maps (iso3, head_of_state|head_of_government) to the office's role ("President",
    "Prime Minister", "Chancellor", "Monarch"); ``leaders`` maps the same keys to the surnames
    of that office's holders, for "Erdogan's office".
    """
    leaders = leaders or {}
    wanted = set(states)
    reserved: set[str] = set()
    chosen = [c for c in countries if c.get("iso3") in wanted]
    for country in countries:
        reserved.update(norm_name(n) for n in (country["name"], *country.get("aliases", ()), *country.get("demonyms", ())))
    rows: list[dict[str, Any]] = []
    for country in chosen:
        iso3 = country["iso3"]
        state_title = titles.get((iso3, "head_of_state"), "President")
        government_title = titles.get((iso3, "head_of_government"))
        bodies: list[tuple[str, str, str, list[str]]] = []  # (id suffix, kind, name, aliases)
        if state_title == "President":
            bodies.append(("presidency", EXECUTIVE, f"Presidency of {country['name']}",
                           _presidency_names(country) + _seat(iso3, EXECUTIVE)
                           + _office_of(leaders.get((iso3, "head_of_state"), []))))
            bodies.append(("press_service", PRESS_SERVICE, f"Press Service of the President of {country['name']}",
                           _press_names(country) + _seat(iso3, PRESS_SERVICE)))
        if government_title in ("Prime Minister", "Chancellor"):
            bodies.append(("government_office", EXECUTIVE,
                           f"Office of the {government_title} of {country['name']}",
                           _head_office_names(country, government_title) + _seat(iso3, "head_of_government")
                           + _office_of(leaders.get((iso3, "head_of_government"), []))))
        bodies.append(("foreign_ministry", FOREIGN_MINISTRY, f"Ministry of Foreign Affairs of {country['name']}",
                       _ministry_names(country, ("Foreign Ministry", "Ministry of Foreign Affairs", "MFA",
                                                 "Foreign Affairs Ministry")) + _seat(iso3, FOREIGN_MINISTRY)))
        bodies.append(("defence_ministry", DEFENCE_MINISTRY, f"Ministry of Defence of {country['name']}",
                       _ministry_names(country, ("Defence Ministry", "Defense Ministry", "Ministry of Defence",
                                                 "Ministry of Defense", "MoD")) + _seat(iso3, DEFENCE_MINISTRY)))
        cameo = f"{country['cameo']}GOV" if country.get("cameo") else f"{iso3}GOV"
        for suffix, kind, name, aliases in bodies:
            seat_key = "head_of_government" if suffix == "government_office" else kind
            seat_name = SEATS.get((iso3, seat_key), ("", ()))[0]
            display = seat_name or name
            rows.append({
                "id": f"inst:{iso3}:{suffix}", "name": display, "kind": "organization", "institution": kind,
                "country": iso3, "cameo": cameo,
                "aliases": _clean([name, *aliases], display, reserved),
            })
    return rows


def _seat(iso3: str, kind: str) -> list[str]:
    name, aliases = SEATS.get((iso3, kind), ("", ()))
    return [n for n in (name, *aliases) if n]


def _forms(country: dict[str, Any]) -> tuple[list[str], list[str]]:
    """Country names news writes before a body ("Russia's", "Russian") and after it ("of Russia")."""
    names = [country["name"], *[a for a in country.get("aliases", ()) if len(a) > 3 and not a.isupper()]][:3]
    demonyms = [d for d in country.get("demonyms", ()) if not d.isupper() and "." not in d][:2]
    return names, demonyms


def _ministry_names(country: dict[str, Any], bodies: tuple[str, ...]) -> list[str]:
    names, demonyms = _forms(country)
    out: list[str] = []
    for body in bodies:
        for demonym in demonyms:
            out.append(f"{demonym} {body}")
        for name in names:
            out.append(f"{name}'s {body}")
            out.append(f"{body} of {name}")
        out.append(f"{names[0]} {body}")
    return out


def _presidency_names(country: dict[str, Any]) -> list[str]:
    names, demonyms = _forms(country)
    out: list[str] = []
    for demonym in demonyms:
        out += [f"{demonym} Presidency", f"{demonym} presidential office", f"{demonym} Presidential Administration"]
    for name in names:
        out += [f"Presidency of {name}", f"Office of the President of {name}", f"{name}'s Presidency",
                f"{name}'s presidential office", f"Presidential Office of {name}", f"Presidential Administration of {name}"]
    return out


def _press_names(country: dict[str, Any]) -> list[str]:
    names, demonyms = _forms(country)
    out: list[str] = []
    for demonym in demonyms:
        out += [f"{demonym} presidential press service", f"{demonym} Presidential Press Service",
                f"press service of the {demonym} president", f"{demonym} president's press service",
                f"{demonym} presidential press office"]
    for name in names:
        out += [f"Press Service of the President of {name}", f"{name}'s presidential press service",
                f"presidential press service of {name}", f"press office of the President of {name}"]
    return out


def _head_office_names(country: dict[str, Any], title: str) -> list[str]:
    names, demonyms = _forms(country)
    out: list[str] = []
    for demonym in demonyms:
        out += [f"{demonym} {title}'s Office", f"{demonym} {title}'s office", f"office of the {demonym} {title}"]
    for name in names:
        out += [f"Office of the {title} of {name}", f"{name}'s {title}'s Office", f"{title}'s Office of {name}"]
    return out


def _office_of(surnames: list[str]) -> list[str]:
    return [pattern.format(name=name) for name in surnames for pattern in _SURNAME_ALIASES]


def _clean(aliases: list[str], display: str, reserved: set[str]) -> list[str]:
    """Unique aliases other than the shown name, none equal to a country's own name or demonym.

    Spellings that differ only in accents or case stay ("Élysée", "Elysee"): matchers compare text.
    """
    seen = {display}
    out: list[str] = []
    for alias in aliases:
        key = norm_name(alias)
        if key and alias not in seen and key not in reserved:
            seen.add(alias)
            out.append(alias)
    return out
