"""Generate `src/jejak/kb/data/countries.tsv`: one GPE row per ISO 3166-1 country.

Names come from pycountry (the codes) and Babel's CLDR data (English and Indonesian
names); capitals, demonyms, epithets and other spellings are facts listed below. The
output is committed, so the product never needs Babel or pycountry at run time.

    python tools/build_countries.py            # writes the file
    python tools/build_countries.py --check    # exits 1 when the committed file is stale
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # run as a script or loaded by the tests
from generated import build_main  # noqa: E402

import pycountry
from babel import Locale

OUT = Path(__file__).resolve().parents[1] / "src" / "jejak" / "kb" / "data" / "countries.tsv"

# Not a country: Antarctica is a continent row in entities.tsv.
SKIP = {"AQ"}

# English short names as news writes them, where CLDR's differ.
NAME_EN = {
    "HK": "Hong Kong",
    "MO": "Macau",
    "PS": "Palestine",
    "MM": "Myanmar",
    "TR": "Turkey",
    "CD": "Democratic Republic of the Congo",
    "CG": "Republic of the Congo",
    "CI": "Ivory Coast",
    "CZ": "Czech Republic",
    "UM": "United States Minor Outlying Islands",
    "VI": "United States Virgin Islands",
}

# Indonesian names, where CLDR's differ from newsroom usage.
NAME_ID = {
    "HK": "Hong Kong",
    "MO": "Makau",
    "PS": "Palestina",
    "MM": "Myanmar",
    "CD": "Republik Demokratik Kongo",
    "CG": "Republik Kongo",
    "CI": "Pantai Gading",
}

# Other names (both languages): short forms, abbreviations, old names, epithets.
EXTRA = {
    "US": ["AS", "Amerika", "USA", "U.S.", "US", "U.S.A.", "United States of America", "America",
           "Paman Sam", "Negeri Paman Sam", "Amerika Serikat"],
    "ID": ["RI", "Republik Indonesia", "NKRI", "Negara Kesatuan Republik Indonesia", "Republic of Indonesia"],
    "GB": ["Inggris", "Britania Raya", "Britania", "UK", "U.K.", "Britain", "Great Britain", "England",
           "Kerajaan Inggris", "Kerajaan Bersatu", "Negeri Ratu Elizabeth"],
    "RU": ["Federasi Rusia", "Russian Federation", "Negeri Beruang Merah"],
    "CN": ["China", "Cina", "RRT", "RRC", "Republik Rakyat Tiongkok", "Republik Rakyat China",
           "People's Republic of China", "PRC", "Negeri Tirai Bambu", "Negeri Panda"],
    "KR": ["Korsel", "Republic of Korea", "ROK", "Negeri Ginseng"],
    "KP": ["Korut", "DPRK", "Republik Rakyat Demokratik Korea"],
    "JP": ["Negeri Sakura", "Negeri Matahari Terbit"],
    "SA": ["Saudi", "Kerajaan Arab Saudi"],
    "AE": ["UEA", "UAE", "Emirat Arab"],
    "NL": ["Holland", "Negeri Kincir Angin"],
    "FR": ["Perancis"],
    "DE": ["Republik Federal Jerman", "Negeri Panser"],
    "CH": ["Switzerland"],
    "CZ": ["Republik Ceko", "Czechia"],
    "TR": ["Türkiye", "Turkiye"],
    "MM": ["Burma"],
    "VN": ["Viet Nam"],
    "TL": ["Timor Leste", "Timor-Leste", "East Timor", "Republik Demokratik Timor Leste"],
    "PG": ["PNG"],
    "BN": ["Brunei Darussalam"],
    "SG": ["Negeri Singa"],
    "MY": ["Negeri Jiran"],
    "TH": ["Negeri Gajah Putih", "Thai"],
    "IN": ["Negeri Hindustan"],
    "AU": ["Negeri Kanguru"],
    "NZ": ["Negeri Kiwi"],
    "EG": ["Negeri Piramida", "Negeri Seribu Menara"],
    "IL": ["Negeri Zionis"],
    "PS": ["Negara Palestina", "State of Palestine", "Palestinian Territories"],
    "IR": ["Republik Islam Iran", "Persia"],
    "IQ": ["Iraq"],
    "SY": ["Syria"],
    "LB": ["Libanon"],
    "BR": ["Negeri Samba"],
    "AR": ["Negeri Tango"],
    "ES": ["Negeri Matador"],
    "ZA": ["Afsel"],
    "CD": ["RD Kongo", "DR Congo", "DRC", "Kongo-Kinshasa", "Congo-Kinshasa"],
    "CG": ["Kongo-Brazzaville", "Congo-Brazzaville"],
    "CI": ["Côte d'Ivoire", "Côte d’Ivoire"],
    "MK": ["Makedonia", "Macedonia"],
    "SZ": ["Swaziland"],
    "CV": ["Cabo Verde"],
    "VA": ["Vatican", "Holy See", "Takhta Suci"],
    "BY": ["Belarusia"],
    "KG": ["Kyrgyzstan", "Kirgistan"],
    "AF": ["Afganistan"],
    "MV": ["Maladewa", "Maldives"],
    "CO": ["Colombia"],
    "LU": ["Luxemburg"],
}

# Names that must not be used as aliases (CLDR forms no newsroom writes).
DROP = {"Kepulauan Terluar AS"}

# Capitals and other seats used for the state itself (metonymy), Indonesian and English
# spelling. Left out on purpose: capitals that are also common words or names (Lima, Vienna, Astana,
# Male, Victoria, Kingston, Santiago, San José, Georgetown) and city-states. Jakarta is an
# entity of its own, never a metonym.
CAPITALS = {
    "AF": ["Kabul"], "AL": ["Tirana"], "DZ": ["Aljir", "Algiers"], "AD": ["Andorra la Vella"],
    "AO": ["Luanda"], "AR": ["Buenos Aires"], "AM": ["Yerevan"], "AU": ["Canberra"],
    "AT": ["Wina"], "AZ": ["Baku"], "BS": ["Nassau"], "BH": ["Manama"],
    "BD": ["Dhaka"], "BY": ["Minsk"], "BE": ["Brussel", "Brussels"], "BZ": ["Belmopan"],
    "BJ": ["Porto-Novo"], "BT": ["Thimphu"], "BO": ["La Paz", "Sucre"],
    "BA": ["Sarajevo"], "BW": ["Gaborone"], "BR": ["Brasilia", "Brasília"],
    "BN": ["Bandar Seri Begawan"], "BG": ["Sofia"], "BF": ["Ouagadougou"], "BI": ["Gitega"],
    "KH": ["Phnom Penh"], "CM": ["Yaounde", "Yaoundé"], "CA": ["Ottawa"],
    "CF": ["Bangui"], "TD": ["N'Djamena"], "CN": ["Beijing", "Peking", "Zhongnanhai"],
    "CO": ["Bogota", "Bogotá"], "CD": ["Kinshasa"], "CG": ["Brazzaville"],
    "HR": ["Zagreb"], "CU": ["Havana"], "CY": ["Nikosia", "Nicosia"], "CZ": ["Praha", "Prague"],
    "DK": ["Kopenhagen", "Copenhagen"], "DJ": [], "DO": ["Santo Domingo"], "EC": ["Quito"],
    "EG": ["Kairo", "Cairo"], "SV": ["San Salvador"], "GQ": ["Malabo"], "ER": ["Asmara"],
    "EE": ["Tallinn"], "ET": ["Addis Ababa", "Addis Abeba"], "FJ": ["Suva"],
    "FI": ["Helsinki"], "FR": ["Paris", "Istana Elysee", "Elysee"], "GA": ["Libreville"],
    "GM": ["Banjul"], "GE": ["Tbilisi"], "DE": ["Berlin"], "GH": ["Accra"],
    "GR": ["Athena", "Athens"], "GT": ["Guatemala City"], "GN": ["Conakry"], "GW": ["Bissau"],
    "HT": ["Port-au-Prince"], "HN": ["Tegucigalpa"], "HU": ["Budapest"],
    "IS": ["Reykjavik", "Reykjavík"], "IN": ["New Delhi"], "IR": ["Teheran", "Tehran"],
    "IQ": ["Baghdad", "Bagdad"], "IE": ["Dublin"], "IL": ["Tel Aviv"],
    "IT": ["Roma", "Rome"], "JM": [], "JP": ["Tokyo"], "JO": ["Amman"],
    "KZ": [], "KE": ["Nairobi"], "KP": ["Pyongyang"], "KR": ["Seoul"],
    "KW": ["Kuwait City"], "KG": ["Bishkek"], "LA": ["Vientiane"], "LV": ["Riga"],
    "LB": ["Beirut"], "LS": ["Maseru"], "LR": ["Monrovia"], "LY": ["Tripoli"],
    "LT": ["Vilnius"], "MG": ["Antananarivo"], "MW": ["Lilongwe"],
    "MY": ["Kuala Lumpur", "Putrajaya"], "ML": ["Bamako"], "MR": ["Nouakchott"],
    "MX": ["Mexico City", "Kota Meksiko"], "MD": ["Chisinau", "Chișinău"],
    "MN": ["Ulaanbaatar", "Ulan Bator"], "ME": ["Podgorica"], "MA": ["Rabat"],
    "MZ": ["Maputo"], "MM": ["Naypyidaw", "Naypyitaw", "Nay Pyi Taw"], "NA": ["Windhoek"],
    "NP": ["Kathmandu"], "NL": ["Amsterdam"], "NZ": ["Wellington"], "NI": ["Managua"],
    "NE": ["Niamey"], "NG": ["Abuja"], "MK": ["Skopje"], "NO": ["Oslo"], "OM": ["Muscat"],
    "PK": ["Islamabad"], "PS": ["Ramallah"], "PA": ["Panama City"],
    "PG": ["Port Moresby"], "PY": ["Asuncion", "Asunción"], "PH": ["Manila"],
    "PL": ["Warsawa", "Warsaw"], "PT": ["Lisbon", "Lisabon"], "QA": ["Doha"],
    "RO": ["Bukares", "Bucharest"], "RU": ["Moskow", "Moscow", "Kremlin"], "RW": ["Kigali"],
    "SA": ["Riyadh", "Riyad"], "SN": ["Dakar"], "RS": ["Beograd", "Belgrade"],
    "SL": ["Freetown"], "SK": ["Bratislava"], "SI": ["Ljubljana"], "SO": ["Mogadishu"],
    "ZA": ["Pretoria"], "SS": ["Juba"], "ES": ["Madrid"], "LK": ["Colombo"],
    "SD": ["Khartoum"], "SR": ["Paramaribo"], "SE": ["Stockholm"], "CH": ["Bern", "Berne"],
    "SY": ["Damaskus", "Damascus"], "TW": ["Taipei"], "TJ": ["Dushanbe"], "TZ": ["Dodoma"],
    "TH": ["Bangkok"], "TL": ["Dili"], "TG": ["Lome", "Lomé"], "TN": ["Tunis"],
    "TR": ["Ankara"], "TM": ["Ashgabat"], "UG": ["Kampala"], "UA": ["Kyiv", "Kiev", "Kiyv"],
    "AE": ["Abu Dhabi"], "GB": ["London", "Downing Street"],
    "US": ["Washington", "Washington DC", "Washington D.C.", "Gedung Putih", "White House"],
    "UY": ["Montevideo"], "UZ": ["Tashkent"], "VE": ["Caracas"],
    "VN": ["Hanoi"], "YE": ["Sanaa", "Sana'a"], "ZM": ["Lusaka"], "ZW": ["Harare"],
    "KI": ["Tarawa"], "WS": ["Apia"], "TO": ["Nuku'alofa"], "VU": ["Port Vila"],
    "SB": ["Honiara"], "PW": [], "FM": ["Palikir"], "MH": ["Majuro"], "NR": [], "TV": ["Funafuti"],
}

# English demonyms (adjectives) that stand for the state: "Russian officials".
DEMONYMS = {
    "RU": ["Russian"], "US": ["American"], "CN": ["Chinese"], "DE": ["German"], "FR": ["French"],
    "GB": ["British"], "JP": ["Japanese"], "KR": ["South Korean"], "KP": ["North Korean"],
    "UA": ["Ukrainian"], "IL": ["Israeli"], "PS": ["Palestinian"], "IR": ["Iranian"],
    "IQ": ["Iraqi"], "SY": ["Syrian"], "TR": ["Turkish"], "IN": ["Indian"], "PK": ["Pakistani"],
    "AF": ["Afghan"], "AU": ["Australian"], "CA": ["Canadian"], "MX": ["Mexican"],
    "BR": ["Brazilian"], "IT": ["Italian"], "ES": ["Spanish"], "NL": ["Dutch"], "PL": ["Polish"],
    "SE": ["Swedish"], "NO": ["Norwegian"], "DK": ["Danish"], "FI": ["Finnish"], "GR": ["Greek"],
    "EG": ["Egyptian"], "ID": ["Indonesian"], "MY": ["Malaysian"], "SG": ["Singaporean"],
    "VN": ["Vietnamese"], "PH": ["Filipino", "Philippine"], "KH": ["Cambodian"],
    "TW": ["Taiwanese"], "BY": ["Belarusian"], "HU": ["Hungarian"], "CZ": ["Czech"],
    "CH": ["Swiss"], "AT": ["Austrian"], "BE": ["Belgian"], "IE": ["Irish"], "PT": ["Portuguese"],
    "AR": ["Argentine", "Argentinian"], "VE": ["Venezuelan"], "CU": ["Cuban"],
    "NG": ["Nigerian"], "ZA": ["South African"], "KE": ["Kenyan"], "ET": ["Ethiopian"],
    "SD": ["Sudanese"], "LB": ["Lebanese"], "JO": ["Jordanian"], "QA": ["Qatari"],
    "AE": ["Emirati"], "YE": ["Yemeni"], "KW": ["Kuwaiti"], "BD": ["Bangladeshi"],
    "LK": ["Sri Lankan"], "NP": ["Nepali", "Nepalese"], "CL": ["Chilean"], "CO": ["Colombian"],
    "PE": ["Peruvian"], "RS": ["Serbian"], "RO": ["Romanian"], "BG": ["Bulgarian"],
    "AM": ["Armenian"], "AZ": ["Azerbaijani"], "KZ": ["Kazakh"], "UZ": ["Uzbek"],
    "MN": ["Mongolian"], "LY": ["Libyan"], "MA": ["Moroccan"], "DZ": ["Algerian"],
    "TN": ["Tunisian"], "SO": ["Somali"], "MM": ["Burmese"], "LA": ["Lao", "Laotian"],
    "NZ": ["New Zealander"], "SA": ["Saudi Arabian", "Saudi"], "HR": ["Croatian"], "EE": ["Estonian"],
    "LV": ["Latvian"], "LT": ["Lithuanian"], "SK": ["Slovak"], "SI": ["Slovenian"],
    "GE": ["Georgian"], "MD": ["Moldovan"], "IS": ["Icelandic"], "TH": ["Thai"],
    "AL": ["Albanian"], "AO": ["Angolan"], "BH": ["Bahraini"], "BO": ["Bolivian"], "BA": ["Bosnian"],
    "BI": ["Burundian"], "CM": ["Cameroonian"], "TD": ["Chadian"], "CD": ["Congolese"], "CY": ["Cypriot"],
    "EC": ["Ecuadorian"], "ER": ["Eritrean"], "GH": ["Ghanaian"], "GT": ["Guatemalan"], "HT": ["Haitian"],
    "HN": ["Honduran"], "CI": ["Ivorian"], "JM": ["Jamaican"], "KG": ["Kyrgyz"], "LR": ["Liberian"],
    "MK": ["Macedonian"], "ML": ["Malian"], "MZ": ["Mozambican"], "NA": ["Namibian"], "NI": ["Nicaraguan"],
    "NE": ["Nigerien"], "OM": ["Omani"], "PA": ["Panamanian"], "PY": ["Paraguayan"], "RW": ["Rwandan"],
    "SN": ["Senegalese"], "SL": ["Sierra Leonean"], "TJ": ["Tajik"], "TZ": ["Tanzanian"], "TM": ["Turkmen"],
    "UG": ["Ugandan"], "UY": ["Uruguayan"], "ZM": ["Zambian"], "ZW": ["Zimbabwean"], "SV": ["Salvadoran"],
    "CR": ["Costa Rican"], "MT": ["Maltese"], "ME": ["Montenegrin"], "SS": ["South Sudanese"],
    "MR": ["Mauritanian"], "MG": ["Malagasy"], "MW": ["Malawian"], "BW": ["Botswanan"], "GN": ["Guinean"],
    "BT": ["Bhutanese"], "BN": ["Bruneian"], "TL": ["Timorese"], "PG": ["Papua New Guinean"], "FJ": ["Fijian"],
}

# Kosovo has no ISO 3166-1 code; XK/XKX is the user-assigned code in common use.
ADDED = [("XKX", "Kosovo", "Kosovo", ["Pristina", "Priština", "Kosovar"], [])]


def _clean(name: str) -> str:
    """CLDR display names use '&' and 'St.'; news writes 'and' / 'dan' and 'Saint'."""
    return name.replace(" & ", " and ").replace("St. ", "Saint ")


def _dedup(items: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for item in items:
        item = item.strip()
        if item and item not in seen and item not in DROP:
            seen.add(item)
            out.append(item)
    return out


def rows() -> list[list[str]]:
    en = Locale("en").territories
    idn = Locale("id").territories
    out = []
    for c in sorted(pycountry.countries, key=lambda c: c.alpha_3):
        a2 = c.alpha_2
        if a2 in SKIP:
            continue
        name = NAME_EN.get(a2) or _clean(en.get(a2, c.name))
        id_name = NAME_ID.get(a2) or idn.get(a2, "")
        if "DAK" in id_name or " - " in id_name or "(" in id_name:
            id_name = ""
        cldr_en = en.get(a2, "")
        if " - " in cldr_en or "SAR" in cldr_en or "(" in cldr_en:
            cldr_en = ""
        aliases = [id_name, _clean(cldr_en), getattr(c, "common_name", ""), *EXTRA.get(a2, [])]
        if "," not in c.name and "(" not in c.name:
            aliases.append(c.name)
        if " and " in name:
            aliases.append(name.replace(" and ", " & "))
        aliases = [a for a in _dedup(aliases) if a != name and a]
        metonyms = _dedup(CAPITALS.get(a2, []) + DEMONYMS.get(a2, []))
        metonyms = [m for m in metonyms if m not in aliases and m != name]
        out.append([f"gpe:{c.alpha_3}", "GPE", name, c.alpha_3, "", "|".join(aliases), "|".join(metonyms)])
    for code, name, id_name, mets, extra in ADDED:
        aliases = _dedup([id_name, *extra])
        aliases = [a for a in aliases if a != name]
        out.append([f"gpe:{code}", "GPE", name, code, "", "|".join(aliases), "|".join(mets)])
    return out


def render() -> str:
    lines = [
        "# Countries and territories (ISO 3166-1). GENERATED by tools/build_countries.py from",
        "# pycountry + Babel CLDR names and the facts listed in that script; edit the script, not this file.",
        "kb_id\ttype\tname\tcountry\tsector\taliases\tmetonyms",
    ]
    lines += ["\t".join(r) for r in rows()]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    return build_main(__doc__, OUT, render, "tools/build_countries.py", argv)

if __name__ == "__main__":
    raise SystemExit(main())
