"""Generate ontologies/world.ttl: every other sovereign state, capitals, places and look-alike names.

Takes the curated tables below (no network, no third-party data at run time) and writes Turtle in the style of
ontologies/kgraph.ttl. ``--check`` parses kgraph.ttl and world.ttl together and verifies the gazetteer rules
(one entity class and one English prefLabel per individual, no surface form shared by two individuals, IRIs
derived from prefLabels, UN/NATO/EU/OSCE member counts).

    .venv/bin/python scripts/make_world_ttl.py            # write ontologies/world.ttl
    .venv/bin/python scripts/make_world_ttl.py --check    # verify kgraph.ttl + world.ttl

Data choices (see also the report in the commit message):
* Wikidata ids: countries were checked against two Wikidata-derived public tables (OWID's country list and
  conzept's country/capital table); capital ids come from the latter and were spot-checked; other places carry
  an id only where it is well known. Anything unsure has no owl:sameAs.
* Aliases and demonyms that are common English words or given names are left out (matching is case-sensitive
  for capitalised forms, but sentence-initial words and names still collide). Ambiguous short names ("Congo",
  "Korea", "Macedonia", "Korean", "Congolese", "Central African") are given to no individual.
* Capitals that would read as something else in English news get a disambiguated prefLabel
  ("Victoria, Seychelles", "Georgetown, Guyana"); city-states (Singapore, Monaco, San Marino, Vatican City)
  get no separate capital individual because the capital's name is the state's.
"""

from __future__ import annotations

import argparse
import sys
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASE_TTL = ROOT / "kgraph" / "ontologies" / "kgraph.ttl"
WORLD_TTL = ROOT / "kgraph" / "ontologies" / "world.ttl"


@dataclass(frozen=True)
class Ind:
    """One gazetteer individual."""

    label: str
    cls: str  # Country, Organization, InternationalOrganization, Event, Location
    alts: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    qid: str | None = None
    comment: str | None = None
    metonym_for: str | None = None  # IRI local name of the state/organisation the place also names
    located_in: tuple[str, ...] = ()  # IRI local names
    iri: str | None = None  # only when it may not be derived from the label

    @property
    def local(self) -> str:
        return self.iri or camel(self.label)


@dataclass
class Country:
    label: str
    qid: str | None
    alts: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    capitals: tuple[Ind, ...] = ()
    member_of: tuple[str, ...] = ("UnitedNations",)
    comment: str | None = None
    extra: list[Ind] = field(default_factory=list)

    @property
    def local(self) -> str:
        return camel(self.label)


# Letters NFKD does not decompose into ASCII.
TRANSLIT = str.maketrans(
    {"Ł": "L", "ł": "l", "Đ": "D", "đ": "d", "Ø": "O", "ø": "o", "Æ": "Ae", "æ": "ae", "ß": "ss", "ı": "i"}
)


def camel(label: str) -> str:
    """The kge local name: ASCII CamelCase of the prefLabel ("Kraków" -> Krakow, "Łódź" -> Lodz)."""
    text = unicodedata.normalize("NFKD", label.translate(TRANSLIT))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    for apostrophe in ("'", "\u2019", "\u02bb"):
        text = text.replace(apostrophe, "")
    words = "".join(ch if ch.isascii() and ch.isalnum() else " " for ch in text).split()
    return "".join(w[0].upper() + w[1:] for w in words)


def cap(label: str, qid: str | None = None, *alts: str, comment: str | None = None, iri: str | None = None) -> Ind:
    """A capital city or seat of government (locatedIn and metonymFor are filled in from its country)."""
    return Ind(label, "Location", tuple(alts), qid=qid, comment=comment, iri=iri)


UN, NATO, EU, OSCE = "UnitedNations", "NATO", "EuropeanUnion", "OSCE"

# fmt: off
# ---------------------------------------------------------------------------------------------------------------
# Capitals of the 28 states already in kgraph.ttl (their kg:metonym lists keep only institutions).
# ---------------------------------------------------------------------------------------------------------------
BASE_CAPITALS: dict[str, tuple[Ind, ...]] = {
    "Russia": (cap("Moscow", "Q649"),),
    "Ukraine": (cap("Kyiv", "Q1899", "Kiev"),),
    "Poland": (cap("Warsaw", "Q270"),),
    "Belarus": (cap("Minsk", "Q2280"),),
    "UnitedStates": (cap("Washington", "Q61", "Washington, D.C.", "Washington D.C.", "Washington DC",
                         comment="Washington, D.C., the capital of the United States (not the U.S. state)."),),
    "France": (cap("Paris", "Q90"),),
    "Netherlands": (
        cap("Amsterdam", "Q727", comment="Constitutional capital of the Netherlands."),
        cap("The Hague", "Q36600", comment="Seat of the Dutch government and of the International Criminal Court."),
    ),
    "UnitedKingdom": (cap("London", "Q84"),),
    "Germany": (cap("Berlin", "Q64"),),
    "Lithuania": (cap("Vilnius", "Q216"),),
    "Latvia": (cap("Riga", "Q1773"),),
    "Estonia": (cap("Tallinn", "Q1770"),),
    "Romania": (cap("Bucharest", "Q19660"),),
    "Moldova": (cap("Chișinău", "Q21197", "Chisinau", "Chişinău"),),
    "Finland": (cap("Helsinki", "Q1757"),),
    "Sweden": (cap("Stockholm", "Q1754"),),
    "Norway": (cap("Oslo", "Q585"),),
    "Denmark": (cap("Copenhagen", "Q1748"),),
    "Hungary": (cap("Budapest", "Q1781"),),
    "Slovakia": (cap("Bratislava", "Q1780"),),
    "CzechRepublic": (cap("Prague", "Q1085"),),
    "Turkey": (cap("Ankara", "Q3640"),),
    "China": (cap("Beijing", "Q956"),),
    "Iran": (cap("Tehran", "Q3616", "Teheran"),),
    "NorthKorea": (cap("Pyongyang"),),
    "Georgia": (cap("Tbilisi", "Q994"),),
    "Italy": (cap("Rome", "Q220"),),
    "Canada": (cap("Ottawa", "Q1930"),),
}


def C(label: str, qid: str | None, alts=(), dem=(), caps=(), orgs=(UN,), comment=None) -> Country:
    return Country(label, qid, tuple(alts), tuple(dem), tuple(caps), tuple(orgs), comment)


# ---------------------------------------------------------------------------------------------------------------
# Every other UN member, the two UN observer states, Kosovo and Taiwan.
# ---------------------------------------------------------------------------------------------------------------
COUNTRIES: list[Country] = [
    # Europe
    C("Albania", "Q222", ["Republic of Albania"], ["Albanian", "Albanians"], [cap("Tirana", "Q19689", "Tirane")],
      [UN, NATO, OSCE]),
    C("Andorra", "Q228", ["Principality of Andorra"], ["Andorran"], [cap("Andorra la Vella", "Q1863")], [UN, OSCE]),
    C("Austria", "Q40", ["Republic of Austria"], ["Austrian", "Austrians"], [cap("Vienna", "Q1741")], [UN, EU, OSCE]),
    C("Belgium", "Q31", ["Kingdom of Belgium"], ["Belgian", "Belgians"], [], [UN, NATO, EU, OSCE]),
    C("Bosnia and Herzegovina", "Q225", ["Bosnia", "Bosnia-Herzegovina", "BiH"], ["Bosnian", "Bosnians"],
      [cap("Sarajevo", "Q11194")], [UN, OSCE]),
    C("Bulgaria", "Q219", ["Republic of Bulgaria"], ["Bulgarian", "Bulgarians"], [cap("Sofia", "Q472")],
      [UN, NATO, EU, OSCE]),
    C("Croatia", "Q224", ["Republic of Croatia"], ["Croatian", "Croatians"], [cap("Zagreb", "Q1435")],
      [UN, NATO, EU, OSCE]),
    C("Cyprus", "Q229", ["Republic of Cyprus"], ["Cypriot", "Cypriots"], [cap("Nicosia", "Q3856")], [UN, EU, OSCE]),
    C("Greece", "Q41", ["Hellenic Republic"], ["Greek", "Greeks"], [cap("Athens", "Q1524")], [UN, NATO, EU, OSCE]),
    C("Iceland", "Q189", [], ["Icelandic", "Icelanders"], [cap("Reykjavík", "Q1764", "Reykjavik")],
      [UN, NATO, OSCE]),
    C("Ireland", "Q27", ["Republic of Ireland"], ["Irish"], [cap("Dublin", "Q1761")], [UN, EU, OSCE],
      comment="The Republic of Ireland (Northern Ireland is part of the United Kingdom)."),
    C("Kosovo", "Q1246", ["Republic of Kosovo"], ["Kosovar", "Kosovars", "Kosovan"],
      [cap("Pristina", None, "Priština", "Prishtina")], [],
      comment="Declared independence from Serbia in 2008; recognised by about half of UN members, not a UN member."),
    C("Liechtenstein", "Q347", ["Principality of Liechtenstein"], [], [cap("Vaduz", "Q1844")], [UN, OSCE]),
    C("Luxembourg", "Q32", ["Grand Duchy of Luxembourg"], ["Luxembourgish", "Luxembourger", "Luxembourgers"],
      [cap("Luxembourg City", "Q1842")], [UN, NATO, EU, OSCE]),
    C("Malta", "Q233", ["Republic of Malta"], ["Maltese"], [cap("Valletta", "Q23800")], [UN, EU, OSCE]),
    C("Monaco", "Q235", ["Principality of Monaco"], ["Monegasque", "Monégasque"], [], [UN, OSCE],
      comment="City-state: its capital is the state itself."),
    C("Montenegro", "Q236", [], ["Montenegrin", "Montenegrins"], [cap("Podgorica", "Q23564")], [UN, NATO, OSCE]),
    C("North Macedonia", "Q221", ["Republic of North Macedonia"], ["North Macedonian", "North Macedonians"],
      [cap("Skopje", "Q384")], [UN, NATO, OSCE],
      comment="Named Macedonia until 2019; the bare name is left unassigned (also a Greek region)."),
    C("Portugal", "Q45", ["Portuguese Republic"], ["Portuguese"], [cap("Lisbon", "Q597")], [UN, NATO, EU, OSCE]),
    C("San Marino", "Q238", ["Republic of San Marino"], ["Sammarinese"], [], [UN, OSCE],
      comment="Its capital, the City of San Marino, shares the state's name."),
    C("Serbia", "Q403", ["Republic of Serbia"], ["Serbian", "Serbians"], [cap("Belgrade", "Q3711")], [UN, OSCE]),
    C("Slovenia", "Q215", ["Republic of Slovenia"], ["Slovenian", "Slovenians", "Slovene", "Slovenes"],
      [cap("Ljubljana", "Q437")], [UN, NATO, EU, OSCE]),
    C("Spain", "Q29", ["Kingdom of Spain"], ["Spanish", "Spaniard", "Spaniards"], [cap("Madrid", "Q2807")],
      [UN, NATO, EU, OSCE]),
    C("Switzerland", "Q39", ["Swiss Confederation"], ["Swiss"], [cap("Bern", "Q70", "Berne")], [UN, OSCE]),
    C("Vatican City", "Q237", ["Holy See", "the Holy See", "Vatican", "the Vatican", "Vatican City State"], [], [],
      [OSCE], comment="The Holy See, UN observer state; a city-state, so it has no separate capital."),
    # Caucasus and Central Asia
    C("Armenia", "Q399", ["Republic of Armenia"], ["Armenian", "Armenians"], [cap("Yerevan", "Q1953")], [UN, OSCE]),
    C("Azerbaijan", "Q227", ["Republic of Azerbaijan"], ["Azerbaijani", "Azerbaijanis", "Azeri", "Azeris"],
      [cap("Baku", "Q9248")], [UN, OSCE]),
    C("Kazakhstan", "Q232", ["Republic of Kazakhstan"], ["Kazakh", "Kazakhs", "Kazakhstani"],
      [cap("Astana", "Q1520", "Nur-Sultan")], [UN, OSCE, "CollectiveSecurityTreatyOrganization"]),
    C("Kyrgyzstan", "Q813", ["Kyrgyz Republic"], ["Kyrgyz"], [cap("Bishkek", "Q9361")],
      [UN, OSCE, "CollectiveSecurityTreatyOrganization"]),
    C("Tajikistan", "Q863", ["Republic of Tajikistan"], ["Tajik", "Tajiks"], [cap("Dushanbe", "Q9365")],
      [UN, OSCE, "CollectiveSecurityTreatyOrganization"]),
    C("Turkmenistan", "Q874", [], ["Turkmen"], [cap("Ashgabat", "Q23438")], [UN, OSCE]),
    C("Uzbekistan", "Q265", ["Republic of Uzbekistan"], ["Uzbek", "Uzbeks"], [cap("Tashkent", "Q269")], [UN, OSCE]),
    # Middle East and North Africa
    C("Afghanistan", "Q889", [], ["Afghan", "Afghans"], [cap("Kabul", "Q5838")]),
    C("Algeria", "Q262", ["People's Democratic Republic of Algeria"], ["Algerian", "Algerians"],
      [cap("Algiers", "Q3561")]),
    C("Bahrain", "Q398", ["Kingdom of Bahrain"], ["Bahraini", "Bahrainis"], [cap("Manama", "Q3882")]),
    C("Egypt", "Q79", ["Arab Republic of Egypt"], ["Egyptian", "Egyptians"], [cap("Cairo", "Q85")]),
    C("Iraq", "Q796", ["Republic of Iraq"], ["Iraqi", "Iraqis"], [cap("Baghdad", "Q1530")]),
    C("Israel", "Q801", ["State of Israel"], ["Israeli", "Israelis"],
      [cap("Jerusalem", "Q1218", comment="Seat of Israel's government; its status is disputed (East Jerusalem is "
           "claimed as the capital of Palestine), so no kg:locatedIn is stated.")]),
    C("Jordan", "Q810", ["Hashemite Kingdom of Jordan"], ["Jordanian", "Jordanians"], [cap("Amman", "Q3805")],
      comment="The country in the Middle East; the name is also a given name, so it has no further aliases."),
    C("Kuwait", "Q817", ["State of Kuwait"], ["Kuwaiti", "Kuwaitis"], [cap("Kuwait City", "Q35178")]),
    C("Lebanon", "Q822", ["Lebanese Republic"], ["Lebanese"], [cap("Beirut", "Q3820")]),
    C("Libya", "Q1016", ["State of Libya"], ["Libyan", "Libyans"], [cap("Tripoli", "Q3579")]),
    C("Morocco", "Q1028", ["Kingdom of Morocco"], ["Moroccan", "Moroccans"], [cap("Rabat", "Q3551")]),
    C("Oman", "Q842", ["Sultanate of Oman"], ["Omani", "Omanis"], [cap("Muscat", "Q3826")]),
    C("Palestine", "Q219060", ["State of Palestine"], ["Palestinian", "Palestinians"],
      [cap("Ramallah", None, comment="Administrative seat of the Palestinian Authority, in the West Bank.")], [],
      comment="UN observer state (the West Bank and the Gaza Strip)."),
    C("Qatar", "Q846", ["State of Qatar"], ["Qatari", "Qataris"], [cap("Doha", "Q3861")]),
    C("Saudi Arabia", "Q851", ["Kingdom of Saudi Arabia"], ["Saudi", "Saudis"], [cap("Riyadh", "Q3692")]),
    C("Syria", "Q858", ["Syrian Arab Republic"], ["Syrian", "Syrians"], [cap("Damascus", "Q3766")]),
    C("Tunisia", "Q948", ["Republic of Tunisia"], ["Tunisian", "Tunisians"], [cap("Tunis", "Q3572")]),
    C("United Arab Emirates", "Q878", ["UAE", "the UAE", "the United Arab Emirates"], ["Emirati", "Emiratis"],
      [cap("Abu Dhabi", "Q1519")]),
    C("Yemen", "Q805", ["Republic of Yemen"], ["Yemeni", "Yemenis"],
      [cap("Sanaa", None, "Sana'a", comment="Constitutional capital of Yemen, held by the Houthis since 2014."),
       cap("Aden", "Q131694", comment="Temporary seat of Yemen's internationally recognised government.")]),
    # Sub-Saharan Africa
    C("Angola", "Q916", ["Republic of Angola"], ["Angolan", "Angolans"], [cap("Luanda", "Q3897")]),
    C("Benin", "Q962", ["Republic of Benin"], ["Beninese"],
      [cap("Porto-Novo", "Q3799", comment="Official capital of Benin."),
       cap("Cotonou", None, comment="Seat of Benin's government.")]),
    C("Botswana", "Q963", ["Republic of Botswana"], [], [cap("Gaborone", "Q3919")]),
    C("Burkina Faso", "Q965", [], ["Burkinabe", "Burkinabè"], [cap("Ouagadougou", "Q3777")]),
    C("Burundi", "Q967", ["Republic of Burundi"], ["Burundian", "Burundians"],
      [cap("Gitega", "Q167551", comment="Political capital of Burundi since 2019."),
       cap("Bujumbura", None, comment="Economic capital and former capital of Burundi.")]),
    C("Cameroon", "Q1009", ["Republic of Cameroon"], ["Cameroonian", "Cameroonians"],
      [cap("Yaoundé", "Q3808", "Yaounde")]),
    C("Cape Verde", "Q1011", ["Cabo Verde", "Republic of Cabo Verde"], ["Cape Verdean", "Cape Verdeans"],
      [cap("Praia", "Q3751")]),
    C("Central African Republic", "Q929", [], [], [cap("Bangui", "Q3832")]),
    C("Chad", "Q657", ["Republic of Chad"], ["Chadian", "Chadians"], [cap("N'Djamena", "Q3659", "Ndjamena")],
      comment="The country in Central Africa; the name is also a given name."),
    C("Comoros", "Q970", ["Union of the Comoros", "the Comoros"], ["Comorian", "Comorians"],
      [cap("Moroni", "Q3901")]),
    C("Democratic Republic of the Congo", "Q974",
      ["DR Congo", "DRC", "Congo-Kinshasa", "the Democratic Republic of the Congo", "Democratic Republic of Congo"],
      [], [cap("Kinshasa", "Q3838")],
      comment="Bare 'Congo' and 'Congolese' are left unassigned: they name either Congo."),
    C("Djibouti", "Q977", ["Republic of Djibouti"], ["Djiboutian", "Djiboutians"],
      [cap("Djibouti City", "Q3604")]),
    C("Equatorial Guinea", "Q983", ["Republic of Equatorial Guinea"], ["Equatorial Guinean", "Equatoguinean"],
      [cap("Malabo", "Q3818")]),
    C("Eritrea", "Q986", ["State of Eritrea"], ["Eritrean", "Eritreans"], [cap("Asmara", "Q3642")]),
    C("Eswatini", "Q1050", ["Kingdom of Eswatini", "Swaziland"], ["Swazi", "Swazis"],
      [cap("Mbabane", None, comment="Administrative capital of Eswatini."),
       cap("Lobamba", "Q101418", comment="Legislative and royal capital of Eswatini.")]),
    C("Ethiopia", "Q115", ["Federal Democratic Republic of Ethiopia"], ["Ethiopian", "Ethiopians"],
      [cap("Addis Ababa", "Q3624")]),
    C("Gabon", "Q1000", ["Gabonese Republic"], ["Gabonese"], [cap("Libreville", "Q3825")]),
    C("Gambia", "Q1005", ["the Gambia", "Republic of The Gambia"], ["Gambian", "Gambians"],
      [cap("Banjul", "Q3726")]),
    C("Ghana", "Q117", ["Republic of Ghana"], ["Ghanaian", "Ghanaians"], [cap("Accra", "Q3761")]),
    C("Guinea", "Q1006", ["Republic of Guinea"], ["Guinean", "Guineans"], [cap("Conakry", "Q3733")]),
    C("Guinea-Bissau", "Q1007", ["Republic of Guinea-Bissau"], ["Bissau-Guinean"], [cap("Bissau", "Q3739")]),
    C("Ivory Coast", "Q1008", ["Côte d'Ivoire", "Cote d'Ivoire", "Republic of Côte d'Ivoire"],
      ["Ivorian", "Ivorians"],
      [cap("Yamoussoukro", "Q3768", comment="Official capital of Ivory Coast."),
       cap("Abidjan", None, comment="Economic capital and seat of most of Ivory Coast's government.")]),
    C("Kenya", "Q114", ["Republic of Kenya"], ["Kenyan", "Kenyans"], [cap("Nairobi", "Q3870")]),
    C("Lesotho", "Q1013", ["Kingdom of Lesotho"], [], [cap("Maseru", "Q3909")]),
    C("Liberia", "Q1014", ["Republic of Liberia"], ["Liberian", "Liberians"], [cap("Monrovia", "Q3748")]),
    C("Madagascar", "Q1019", ["Republic of Madagascar"], ["Malagasy"], [cap("Antananarivo", "Q3915")]),
    C("Malawi", "Q1020", ["Republic of Malawi"], ["Malawian", "Malawians"], [cap("Lilongwe", "Q3876")]),
    C("Mali", "Q912", ["Republic of Mali"], ["Malian", "Malians"], [cap("Bamako", "Q3703")]),
    C("Mauritania", "Q1025", ["Islamic Republic of Mauritania"], ["Mauritanian", "Mauritanians"],
      [cap("Nouakchott", "Q3688")]),
    C("Mauritius", "Q1027", ["Republic of Mauritius"], ["Mauritian", "Mauritians"], [cap("Port Louis", "Q3929")]),
    C("Mozambique", "Q1029", ["Republic of Mozambique"], ["Mozambican", "Mozambicans"], [cap("Maputo", "Q3889")]),
    C("Namibia", "Q1030", ["Republic of Namibia"], ["Namibian", "Namibians"], [cap("Windhoek", "Q3935")]),
    C("Niger", "Q1032", ["Republic of the Niger", "Republic of Niger"], ["Nigerien", "Nigeriens"],
      [cap("Niamey", "Q3674")]),
    C("Nigeria", "Q1033", ["Federal Republic of Nigeria"], ["Nigerian", "Nigerians"], [cap("Abuja", "Q3787")]),
    C("Republic of the Congo", "Q971", ["Congo-Brazzaville", "Congo Republic", "Republic of Congo"], [],
      [cap("Brazzaville", "Q3844")],
      comment="Bare 'Congo' and 'Congolese' are left unassigned: they name either Congo."),
    C("Rwanda", "Q1037", ["Republic of Rwanda"], ["Rwandan", "Rwandans"], [cap("Kigali", "Q3859")]),
    C("São Tomé and Príncipe", "Q1039", ["Sao Tome and Principe"], [], [cap("São Tomé", "Q3932", "Sao Tome")]),
    C("Senegal", "Q1041", ["Republic of Senegal"], ["Senegalese"], [cap("Dakar", "Q3718")]),
    C("Seychelles", "Q1042", ["Republic of Seychelles", "the Seychelles"], ["Seychellois"],
      [cap("Victoria, Seychelles", "Q3940", comment="Capital of Seychelles; bare 'Victoria' is left unassigned "
           "(a given name, an Australian state, a Canadian city).")]),
    C("Sierra Leone", "Q1044", ["Republic of Sierra Leone"], ["Sierra Leonean", "Sierra Leoneans"],
      [cap("Freetown", "Q3780")]),
    C("Somalia", "Q1045", ["Federal Republic of Somalia"], ["Somali", "Somalis"], [cap("Mogadishu", "Q2449")]),
    C("South Africa", "Q258", ["Republic of South Africa"], ["South African", "South Africans"],
      [cap("Pretoria", None, comment="Executive capital of South Africa."),
       cap("Cape Town", None, comment="Legislative capital of South Africa."),
       cap("Bloemfontein", "Q37701", comment="Judicial capital of South Africa.")]),
    C("South Sudan", "Q958", ["Republic of South Sudan"], ["South Sudanese"], [cap("Juba", "Q1947")]),
    C("Sudan", "Q1049", ["Republic of the Sudan", "the Sudan"], ["Sudanese"], [cap("Khartoum", "Q1963")]),
    C("Tanzania", "Q924", ["United Republic of Tanzania"], ["Tanzanian", "Tanzanians"],
      [cap("Dodoma", "Q3866", comment="Official capital of Tanzania."),
       cap("Dar es Salaam", None, comment="Largest city and former capital of Tanzania; seat of much of its "
           "government.")]),
    C("Togo", "Q945", ["Togolese Republic"], ["Togolese"], [cap("Lomé", "Q3792", "Lome")]),
    C("Uganda", "Q1036", ["Republic of Uganda"], ["Ugandan", "Ugandans"], [cap("Kampala", "Q3894")]),
    C("Zambia", "Q953", ["Republic of Zambia"], ["Zambian", "Zambians"], [cap("Lusaka", "Q3881")]),
    C("Zimbabwe", "Q954", ["Republic of Zimbabwe"], ["Zimbabwean", "Zimbabweans"], [cap("Harare", "Q3921")]),
    # South and East Asia
    C("Bangladesh", "Q902", ["People's Republic of Bangladesh"], ["Bangladeshi", "Bangladeshis"],
      [cap("Dhaka", "Q1354")]),
    C("Bhutan", "Q917", ["Kingdom of Bhutan"], ["Bhutanese"], [cap("Thimphu", "Q9270")]),
    C("Brunei", "Q921", ["Brunei Darussalam"], ["Bruneian", "Bruneians"], [cap("Bandar Seri Begawan", "Q9279")]),
    C("Cambodia", "Q424", ["Kingdom of Cambodia"], ["Cambodian", "Cambodians"], [cap("Phnom Penh", "Q1850")]),
    C("East Timor", "Q574", ["Timor-Leste", "Democratic Republic of Timor-Leste"], ["East Timorese", "Timorese"],
      [cap("Dili", "Q9310")]),
    C("India", "Q668", ["Republic of India"], ["Indian", "Indians"], [cap("New Delhi", "Q987")]),
    C("Indonesia", "Q252", ["Republic of Indonesia"], ["Indonesian", "Indonesians"],
      [cap("Jakarta", "Q3630", comment="Capital of Indonesia until the move to Nusantara takes effect.")]),
    C("Japan", "Q17", [], ["Japanese"], [cap("Tokyo", "Q1490")], [UN, "G7"]),
    C("Laos", "Q819", ["Lao People's Democratic Republic", "Lao PDR"], ["Laotian", "Laotians"],
      [cap("Vientiane", "Q9326")]),
    C("Malaysia", "Q833", [], ["Malaysian", "Malaysians"],
      [cap("Kuala Lumpur", "Q1865"), cap("Putrajaya", None, comment="Administrative seat of Malaysia's government.")]),
    C("Maldives", "Q826", ["Republic of Maldives", "the Maldives"], ["Maldivian", "Maldivians"],
      [cap("Malé", "Q9347", comment="Capital of the Maldives; no ASCII alias (\"Male\" is an English word).")]),
    C("Mongolia", "Q711", [], ["Mongolian", "Mongolians"], [cap("Ulaanbaatar", "Q23430", "Ulan Bator")], [UN, OSCE]),
    C("Myanmar", "Q836", ["Burma", "Republic of the Union of Myanmar"], ["Burmese"],
      [cap("Naypyidaw", "Q37400", "Nay Pyi Taw", "Naypyitaw")]),
    C("Nepal", "Q837", ["Federal Democratic Republic of Nepal"], ["Nepali", "Nepalese"],
      [cap("Kathmandu", "Q3037")]),
    C("Pakistan", "Q843", ["Islamic Republic of Pakistan"], ["Pakistani", "Pakistanis"],
      [cap("Islamabad", "Q1362")]),
    C("Philippines", "Q928", ["Republic of the Philippines", "the Philippines"], ["Filipino", "Filipinos",
                                                                                  "Philippine"],
      [cap("Manila", "Q1461")]),
    C("Singapore", "Q334", ["Republic of Singapore"], ["Singaporean", "Singaporeans"], [],
      comment="City-state: its capital is the state itself."),
    C("South Korea", "Q884", ["Republic of Korea", "ROK"], ["South Korean", "South Koreans"],
      [cap("Seoul", "Q8684")],
      comment="Bare 'Korea' and 'Korean' are left unassigned: they name either Korea."),
    C("Sri Lanka", "Q854", ["Democratic Socialist Republic of Sri Lanka"], ["Sri Lankan", "Sri Lankans"],
      [cap("Sri Jayawardenepura Kotte", "Q41963", "Kotte", comment="Legislative capital of Sri Lanka."),
       cap("Colombo", None, comment="Executive and commercial capital of Sri Lanka.")]),
    C("Taiwan", "Q865", ["Republic of China", "Chinese Taipei"], ["Taiwanese"], [cap("Taipei", "Q1867")], [],
      comment="Governed by the Republic of China; not a UN member."),
    C("Thailand", "Q869", ["Kingdom of Thailand"], ["Thai", "Thais"], [cap("Bangkok", "Q1861")]),
    C("Vietnam", "Q881", ["Viet Nam", "Socialist Republic of Vietnam"], ["Vietnamese"], [cap("Hanoi", "Q1858")]),
    # former states, which history sections of real texts name as actors ("the German invasion of the Soviet
    # Union"): no memberships, no capitals of their own
    C("Soviet Union", "Q15180", ["USSR", "the USSR", "Union of Soviet Socialist Republics", "the Soviet Union"],
      ["Soviet"], [], [], comment="Former state, 1922–1991."),
    C("Russian Empire", "Q34266", ["the Russian Empire", "Imperial Russia"], [], [], [],
      comment="Former state, 1721–1917."),
    C("German Empire", "Q43287", ["the German Empire", "Imperial Germany"], [], [], [],
      comment="Former state, 1871–1918."),
    C("East Germany", "Q16957", ["German Democratic Republic", "GDR"], [], [], [], comment="Former state, 1949–1990."),
    C("Czechoslovakia", "Q33946", [], ["Czechoslovak"], [], [], comment="Former state, 1918–1992."),
    C("Yugoslavia", "Q83286", ["Socialist Federal Republic of Yugoslavia"], ["Yugoslav"], [], [],
      comment="Former state, 1945–1992."),
    # Oceania
    C("Australia", "Q408", ["Commonwealth of Australia"], ["Australian", "Australians"],
      [cap("Canberra", "Q3114")]),
    C("Fiji", "Q712", ["Republic of Fiji"], ["Fijian", "Fijians"], [cap("Suva", "Q38807")]),
    C("Kiribati", "Q710", ["Republic of Kiribati"], [], [cap("South Tarawa", "Q131233", "Tarawa")]),
    C("Marshall Islands", "Q709", ["Republic of the Marshall Islands", "the Marshall Islands"], ["Marshallese"],
      [cap("Majuro", "Q12919")]),
    C("Micronesia", "Q702", ["Federated States of Micronesia"], [], [cap("Palikir", "Q42751")],
      comment="The Federated States of Micronesia (the name also covers the wider Pacific region)."),
    C("Nauru", "Q697", ["Republic of Nauru"], ["Nauruan"],
      [cap("Yaren", "Q31026", "Yaren District", comment="Seat of Nauru's government (Nauru has no official "
           "capital).")]),
    C("New Zealand", "Q664", [], ["New Zealander", "New Zealanders"], [cap("Wellington", "Q23661")]),
    C("Palau", "Q695", ["Republic of Palau"], ["Palauan"], [cap("Ngerulmud", "Q515229")]),
    C("Papua New Guinea", "Q691", ["Independent State of Papua New Guinea"], ["Papua New Guinean"],
      [cap("Port Moresby", "Q36526")]),
    C("Samoa", "Q683", ["Independent State of Samoa"], ["Samoan", "Samoans"], [cap("Apia", "Q36260")]),
    C("Solomon Islands", "Q685", ["the Solomon Islands"], [], [cap("Honiara", "Q40921")]),
    C("Tonga", "Q678", ["Kingdom of Tonga"], ["Tongan", "Tongans"], [cap("Nuku'alofa", "Q38834", "Nukuʻalofa")]),
    C("Tuvalu", "Q672", [], ["Tuvaluan"], [cap("Funafuti", "Q34126")]),
    C("Vanuatu", "Q686", ["Republic of Vanuatu"], [], [cap("Port Vila", "Q37806")]),
    # Americas
    C("Antigua and Barbuda", "Q781", [], [],
      [cap("St. John's, Antigua and Barbuda", "Q36262", comment="Capital of Antigua and Barbuda; bare "
           "\"St. John's\" is left unassigned (also the capital of Newfoundland and a common church name).")]),
    C("Argentina", "Q414", ["Argentine Republic"], ["Argentine", "Argentinian", "Argentines", "Argentinians"],
      [cap("Buenos Aires", "Q1486")]),
    C("Bahamas", "Q778", ["the Bahamas", "Commonwealth of The Bahamas"], ["Bahamian", "Bahamians"],
      [cap("Nassau", "Q2467")]),
    C("Barbados", "Q244", [], ["Barbadian", "Barbadians"], [cap("Bridgetown", "Q36168")]),
    C("Belize", "Q242", [], ["Belizean", "Belizeans"], [cap("Belmopan", "Q3043")]),
    C("Bolivia", "Q750", ["Plurinational State of Bolivia"], ["Bolivian", "Bolivians"],
      [cap("Sucre", "Q2907", comment="Constitutional capital of Bolivia."),
       cap("La Paz", None, comment="Seat of Bolivia's government.")]),
    C("Brazil", "Q155", ["Federative Republic of Brazil"], ["Brazilian", "Brazilians"],
      [cap("Brasília", "Q2844", "Brasilia")]),
    C("Chile", "Q298", ["Republic of Chile"], ["Chilean", "Chileans"], [cap("Santiago", "Q2887")]),
    C("Colombia", "Q739", ["Republic of Colombia"], ["Colombian", "Colombians"], [cap("Bogotá", "Q2841", "Bogota")]),
    C("Costa Rica", "Q800", ["Republic of Costa Rica"], ["Costa Rican", "Costa Ricans"],
      [cap("San José", "Q3070", comment="Capital of Costa Rica; no ASCII alias (San Jose, California).")]),
    C("Cuba", "Q241", ["Republic of Cuba"], ["Cuban", "Cubans"], [cap("Havana", "Q1563")]),
    C("Dominica", "Q784", ["Commonwealth of Dominica"], [], [cap("Roseau", "Q36281")],
      comment="The Caribbean island state (not the Dominican Republic); 'Dominican' is left to the latter."),
    C("Dominican Republic", "Q786", [], ["Dominican", "Dominicans"], [cap("Santo Domingo", "Q34820")]),
    C("Ecuador", "Q736", ["Republic of Ecuador"], ["Ecuadorian", "Ecuadorians"], [cap("Quito", "Q2900")]),
    C("El Salvador", "Q792", ["Republic of El Salvador"], ["Salvadoran", "Salvadorans", "Salvadorean"],
      [cap("San Salvador", "Q3110")]),
    C("Grenada", "Q769", [], ["Grenadian", "Grenadians"],
      [cap("St. George's, Grenada", "Q41547", comment="Capital of Grenada; bare \"St. George's\" is left "
           "unassigned (a common church and school name).")]),
    C("Guatemala", "Q774", ["Republic of Guatemala"], ["Guatemalan", "Guatemalans"],
      [cap("Guatemala City", "Q1555")]),
    C("Guyana", "Q734", ["Co-operative Republic of Guyana"], ["Guyanese"],
      [cap("Georgetown, Guyana", "Q10717", comment="Capital of Guyana; bare 'Georgetown' is left unassigned "
           "(Georgetown University, the Washington neighbourhood).")]),
    C("Haiti", "Q790", ["Republic of Haiti"], ["Haitian", "Haitians"], [cap("Port-au-Prince", "Q34261")]),
    C("Honduras", "Q783", ["Republic of Honduras"], ["Honduran", "Hondurans"], [cap("Tegucigalpa")]),
    C("Jamaica", "Q766", [], ["Jamaican", "Jamaicans"], [cap("Kingston", "Q34692")]),
    C("Mexico", "Q96", ["United Mexican States"], ["Mexican", "Mexicans"], [cap("Mexico City", "Q1489")]),
    C("Nicaragua", "Q811", ["Republic of Nicaragua"], ["Nicaraguan", "Nicaraguans"], [cap("Managua")]),
    C("Panama", "Q804", ["Republic of Panama"], ["Panamanian", "Panamanians"], [cap("Panama City", "Q3306")]),
    C("Paraguay", "Q733", ["Republic of Paraguay"], ["Paraguayan", "Paraguayans"],
      [cap("Asunción", "Q2933", "Asuncion")]),
    C("Peru", "Q419", ["Republic of Peru"], ["Peruvian", "Peruvians"], [cap("Lima", "Q2868")]),
    C("Saint Kitts and Nevis", "Q763", ["St Kitts and Nevis", "St. Kitts and Nevis"], [],
      [cap("Basseterre", "Q41295")]),
    C("Saint Lucia", "Q760", ["St Lucia", "St. Lucia"], ["Saint Lucian"], [cap("Castries", "Q41699")]),
    C("Saint Vincent and the Grenadines", "Q757",
      ["St Vincent and the Grenadines", "St. Vincent and the Grenadines"], [], [cap("Kingstown", "Q41474")]),
    C("Suriname", "Q730", ["Republic of Suriname"], ["Surinamese"], [cap("Paramaribo", "Q3001")]),
    C("Trinidad and Tobago", "Q754", ["Republic of Trinidad and Tobago"], ["Trinidadian", "Trinidadians"],
      [cap("Port of Spain", "Q39178")]),
    C("Uruguay", "Q77", ["Oriental Republic of Uruguay"], ["Uruguayan", "Uruguayans"],
      [cap("Montevideo", "Q1335")]),
    C("Venezuela", "Q717", ["Bolivarian Republic of Venezuela"], ["Venezuelan", "Venezuelans"],
      [cap("Caracas", "Q1533")]),
]

# Brussels is Belgium's capital, but news English uses it for the European Union.
BRUSSELS = Ind("Brussels", "Location", qid="Q239", metonym_for="EuropeanUnion", located_in=("Belgium",),
               comment="Capital of Belgium and seat of the European Union's institutions and NATO's headquarters.")

# ---------------------------------------------------------------------------------------------------------------
# Places news in this domain names often (cities, oblasts, regions, bases, plants).
# ---------------------------------------------------------------------------------------------------------------


def L(label: str, where: str | tuple[str, ...], *alts: str, qid: str | None = None, comment: str | None = None,
      demonyms: tuple[str, ...] = ()) -> Ind:
    located = (where,) if isinstance(where, str) else where
    return Ind(label, "Location", tuple(alts), tuple(demonyms), qid, comment, None, located)


def oblast(city: str, country: str | tuple[str, ...], *alts: str, name: str | None = None, what: str = "") -> Ind:
    """A city that also names its oblast: one individual, like kge:Donetsk in kgraph.ttl ("the Kursk region" is
    annotated as Kursk in the gold set), so no owl:sameAs (Wikidata has separate city and oblast items)."""
    region = name or city
    return L(city, country, *alts, f"{region} region", f"{region} Oblast", f"{region} oblast",
             comment=f"{city} city and {region} Oblast{what}.")


PLACES: list[Ind] = [
    # Ukraine
    oblast("Kharkiv", "Ukraine", "Kharkov", what=" in north-eastern Ukraine"),
    oblast("Odesa", "Ukraine", "Odessa", "Odessa region", what=" on Ukraine's Black Sea coast"),
    L("Lviv", "Ukraine", "Lvov", qid="Q36036"),
    oblast("Dnipro", "Ukraine", "Dnipro region", name="Dnipropetrovsk",
           what=" (the city was called Dnipropetrovsk until 2016)"),
    oblast("Zaporizhzhia", "Ukraine", "Zaporizhia", "Zaporozhye", "Zaporizhia region", what=" in southern Ukraine"),
    L("Zaporizhzhia Nuclear Power Plant", ("Zaporizhzhia", "Ukraine"), "Zaporizhzhia nuclear power plant",
      "Zaporizhzhia nuclear plant", "Zaporizhzhia NPP", "ZNPP", "Zaporizhia nuclear power plant",
      comment="Europe's largest nuclear power plant, at Enerhodar; occupied by Russian forces since March 2022."),
    oblast("Kherson", "Ukraine", what=" in southern Ukraine"),
    oblast("Luhansk", ("Ukraine", "Donbas"), "Lugansk", what=" in eastern Ukraine"),
    L("Mariupol", ("Ukraine", "Donbas")),
    L("Bakhmut", ("Ukraine", "Donbas")),
    L("Avdiivka", ("Ukraine", "Donbas"), "Avdiyivka", "Avdeevka"),
    L("Pokrovsk", ("Ukraine", "Donbas")),
    L("Kramatorsk", ("Ukraine", "Donbas")),
    L("Sloviansk", ("Ukraine", "Donbas"), "Slovyansk", "Slavyansk"),
    oblast("Sumy", "Ukraine", what=" in north-eastern Ukraine, on the Russian border"),
    oblast("Chernihiv", "Ukraine", "Chernigov", what=" in northern Ukraine"),
    oblast("Mykolaiv", "Ukraine", "Mykolayiv", "Nikolaev", what=" in southern Ukraine"),
    L("Izium", "Ukraine", "Izyum"),
    L("Kupiansk", "Ukraine", "Kupyansk"),
    L("Melitopol", "Ukraine"),
    L("Kryvyi Rih", "Ukraine", "Kryvyi Rig", "Krivoy Rog"),
    L("Poltava", "Ukraine"),
    L("Vinnytsia", "Ukraine", "Vinnitsa"),
    L("Chernobyl", "Ukraine", "Chornobyl", "Chernobyl nuclear power plant", "Chornobyl nuclear power plant",
      comment="Chornobyl, the town and the decommissioned nuclear power plant north of Kyiv."),
    L("Sevastopol", ("Crimea", "Ukraine"), "Sebastopol", qid="Q7525",
      comment="Port city in Crimea, base of Russia's Black Sea Fleet; occupied by Russia since 2014."),
    L("Simferopol", ("Crimea", "Ukraine")),
    # Russia
    L("Saint Petersburg", "Russia", "St. Petersburg", "St Petersburg", qid="Q656"),
    oblast("Belgorod", "Russia", what=" in Russia, on the Ukrainian border"),
    oblast("Kursk", "Russia", what=" in Russia, on the Ukrainian border"),
    oblast("Bryansk", "Russia", what=" in Russia, on the Ukrainian and Belarusian borders"),
    L("Rostov-on-Don", "Russia", "Rostov"),
    L("Novorossiysk", "Russia"),
    L("Murmansk", "Russia"),
    L("Pskov", "Russia"),
    L("Smolensk", "Russia"),
    L("Nizhny Novgorod", "Russia"),
    L("Yelabuga", "Russia", "Elabuga", comment="Town in Tatarstan; the Alabuga economic zone builds Geran drones."),
    L("Karelia", "Russia", "Republic of Karelia", comment="The Republic of Karelia, on Russia's border with Finland."),
    # Poland
    L("Kraków", "Poland", "Krakow", "Cracow", qid="Q31487"),
    L("Gdańsk", "Poland", "Gdansk", qid="Q1792"),
    L("Rzeszów", "Poland", "Rzeszow", comment="City in south-eastern Poland; hub for military aid to Ukraine."),
    L("Lublin", "Poland"),
    L("Wrocław", "Poland", "Wroclaw", qid="Q1799"),
    L("Poznań", "Poland", "Poznan", qid="Q268"),
    L("Łódź", "Poland", "Lodz", qid="Q580"),
    L("Białystok", "Poland", "Bialystok"),
    L("Przewodów", "Poland", "Przewodow", comment="Village in eastern Poland where a missile killed two people in "
      "November 2022."),
    # Belarus
    L("Grodno", "Belarus", "Hrodna"),
    L("Brest", "Belarus", comment="Brest in Belarus, on the Polish border (not the French port)."),
    L("Gomel", "Belarus", "Homel"),
    L("Vitebsk", "Belarus", "Vitsebsk", "Viciebsk"),
    L("Mogilev", "Belarus", "Mahilyow", "Mogilyov"),
    # Baltic states
    L("Kaunas", "Lithuania"),
    L("Klaipėda", "Lithuania", "Klaipeda"),
    L("Narva", "Estonia"),
    L("Tartu", "Estonia"),
    L("Daugavpils", "Latvia"),
    L("Ādaži", "Latvia", "Adazi", comment="Latvian army base, home of NATO's multinational brigade in Latvia."),
    # Moldova
    L("Transnistria", "Moldova", "Trans-Dniester", "Transdniestria", "Pridnestrovie", demonyms=("Transnistrian",),
      comment="Breakaway region of Moldova east of the Dniester, where Russian troops are stationed."),
    L("Tiraspol", ("Transnistria", "Moldova")),
    L("Cobasna", ("Transnistria", "Moldova"), comment="Village in Transnistria with a Soviet-era ammunition depot."),
    L("Gagauzia", "Moldova", demonyms=("Gagauz",), comment="Autonomous region in southern Moldova."),
    # Romania
    L("Constanța", "Romania", "Constanta", "Constanţa"),
    L("Galați", "Romania", "Galati", "Galaţi"),
    L("Tulcea", "Romania"),
    L("Mihail Kogălniceanu Air Base", "Romania", "Mihail Kogălniceanu air base", "Mihail Kogalniceanu Air Base",
      "Mihail Kogalniceanu air base", comment="Air base near Constanța used by NATO forces."),
    # Caucasus
    L("Abkhazia", "Georgia", comment="Breakaway region of Georgia, recognised as independent by Russia."),
    L("South Ossetia", "Georgia", demonyms=("South Ossetian",),
      comment="Breakaway region of Georgia, recognised as independent by Russia."),
    L("Nagorno-Karabakh", "Azerbaijan", "Karabakh", "Artsakh",
      comment="Region of Azerbaijan; its Armenian-run administration was dissolved after 2023."),
    # Germany and elsewhere in Europe
    L("Ramstein Air Base", "Germany", "Ramstein", "Ramstein air base",
      comment="U.S. air base in Germany; gives its name to the Ukraine Defense Contact Group's meetings."),
    L("Munich", "Germany", qid="Q1726"),
    L("Hamburg", "Germany", qid="Q1055"),
    L("Frankfurt", "Germany", "Frankfurt am Main", qid="Q1794"),
    L("Geneva", "Switzerland", qid="Q71"),
    L("Istanbul", "Turkey", qid="Q406"),
    L("Northern Ireland", "UnitedKingdom", demonyms=("Northern Irish",),
      comment="Part of the United Kingdom (not the Republic of Ireland)."),
    # Middle East
    L("Tel Aviv", "Israel"),
    L("Gaza Strip", "Palestine", "Gaza", "the Gaza Strip"),
    L("West Bank", "Palestine", "the West Bank"),
    # United States
    L("New York", "UnitedStates", "New York City", "NYC", qid="Q60",
      comment="New York City, seat of the United Nations."),
    L("Anchorage", ("Alaska", "UnitedStates")),
    L("New Mexico", "UnitedStates", comment="U.S. state (not Mexico)."),
    L("American Samoa", "UnitedStates", comment="U.S. territory in the Pacific (not Samoa)."),
]

# Water bodies, straits, rivers and islands: their names contain a country, city or demonym, so the
# longest-match gazetteer needs them to keep "Finland" out of "Gulf of Finland".
WATERS: list[Ind] = [
    L("Gulf of Finland", (), "the Gulf of Finland"),
    L("Gulf of Riga", (), "the Gulf of Riga"),
    L("Sea of Azov", (), "the Sea of Azov", "Azov Sea"),
    L("Kerch Strait", (), "the Kerch Strait", "Strait of Kerch"),
    L("Crimean Bridge", ("KerchStrait",), "Kerch Bridge", "Kerch Strait Bridge",
      comment="Road and rail bridge across the Kerch Strait between Russia and occupied Crimea."),
    L("Barents Sea", (), "the Barents Sea"),
    L("North Sea", (), "the North Sea", qid="Q1693"),
    L("Norwegian Sea", (), "the Norwegian Sea"),
    L("Irish Sea", (), "the Irish Sea"),
    L("Mediterranean Sea", (), "the Mediterranean Sea", "the Mediterranean", qid="Q4918"),
    L("Caspian Sea", (), "the Caspian Sea", qid="Q5484"),
    L("Bosphorus", (), "the Bosphorus", "Bosporus", "the Bosporus", "Bosphorus Strait", qid="Q35958"),
    L("Dardanelles", (), "the Dardanelles"),
    L("Danube", (), "the Danube", "Danube River", "River Danube", qid="Q1653"),
    L("Dnieper", (), "the Dnieper", "Dnieper River", "Dnipro River", "River Dnieper",
      comment="River through Russia, Belarus and Ukraine to the Black Sea (the Dnipro; not the city)."),
    L("Indian Ocean", (), "the Indian Ocean", qid="Q1239"),
    L("South China Sea", (), "the South China Sea"),
    L("East China Sea", (), "the East China Sea"),
    L("Sea of Japan", (), "the Sea of Japan"),
    L("Taiwan Strait", (), "the Taiwan Strait", "Strait of Taiwan"),
    # continents and the world regions security texts name as places ("forces from North America")
    L("North America", (), comment="Continent."),
    L("South America", (), comment="Continent."),
    L("Africa", (), comment="Continent."),
    L("Asia", (), comment="Continent."),
    L("Latin America", (), comment="Region of the Americas."),
    L("Middle East", (), "the Middle East", comment="Region of western Asia and north-east Africa."),
    L("Central Asia", (), comment="Region of Asia."),
    L("Central and Eastern Europe", (), comment="Region: the former Eastern Bloc states, in EU and NATO usage."),
    L("Balkans", (), "the Balkans", "Western Balkans", "the Western Balkans", comment="Region of south-east Europe."),
    L("South Caucasus", (), "the South Caucasus", "the Caucasus", comment="Region between the Black and Caspian Seas."),
    L("Scandinavia", (), comment="Region of northern Europe."),
    L("Sahel", (), "the Sahel", comment="Region of Africa south of the Sahara."),
    L("Indo-Pacific", (), "the Indo-Pacific", comment="Region of the Indian and Pacific Oceans."),
    L("High North", (), "the High North", comment="Arctic and sub-Arctic Europe, in Nordic and NATO usage."),
    L("Gulf of Mexico", (), "the Gulf of Mexico"),
    L("Gulf of Guinea", (), "the Gulf of Guinea"),
    L("Gulf of Oman", (), "the Gulf of Oman"),
    L("Gulf of Aden", (), "the Gulf of Aden"),
    L("New Guinea", (), comment="The island shared by Indonesia and Papua New Guinea."),
]


def org(label: str, *alts: str, qid: str | None = None, based: str | None = None, comment: str | None = None,
      cls: str = "Organization") -> Ind:
    return Ind(label, cls, tuple(alts), (), qid, comment, None, (based,) if based else ())


# News organisations (their names often contain a place or state), parties and parliaments.
ORGANIZATIONS: list[Ind] = [
    org("Washington Post", "The Washington Post", qid="Q166032", based="UnitedStates"),
    org("New York Times", "The New York Times", "NYT", qid="Q9684", based="UnitedStates"),
    org("France 24", "France24", based="France", comment="French state-owned international news channel."),
    org("Deutsche Welle", "DW", based="Germany", comment="German state-owned international broadcaster."),
    org("Radio Free Europe/Radio Liberty", "RFE/RL", "Radio Free Europe", "Radio Liberty", based="CzechRepublic",
      comment="U.S.-funded broadcaster headquartered in Prague."),
    org("Voice of America", "VOA", based="UnitedStates", comment="U.S. government-funded international broadcaster."),
    org("BBC", "the BBC", "British Broadcasting Corporation", "BBC News", qid="Q9531", based="UnitedKingdom"),
    org("CNN", qid="Q48340", based="UnitedStates"),
    org("Fox News", "Fox News Channel", based="UnitedStates"),
    org("Al Jazeera", "Al-Jazeera", "Aljazeera", based="Qatar"),
    org("TASS", "ITAR-TASS", based="Russia", comment="Russian state news agency."),
    org("RIA Novosti", "RIA", "RIA-Novosti", based="Russia", comment="Russian state news agency."),
    org("RT", "Russia Today", based="Russia", comment="Russian state-controlled international television network."),
    org("Interfax", based="Russia", comment="Russian news agency."),
    org("Interfax-Ukraine", based="Ukraine", comment="Ukrainian news agency."),
    org("Ukrinform", based="Ukraine", comment="Ukrainian national news agency."),
    org("Kyiv Independent", "The Kyiv Independent", based="Ukraine"),
    org("Kyiv Post", "The Kyiv Post", based="Ukraine"),
    org("Moscow Times", "The Moscow Times", based="Netherlands",
      comment="Independent English-language Russian news outlet, based in Amsterdam since 2022."),
    org("Meduza", based="Latvia", comment="Independent Russian-language news outlet based in Riga."),
    org("Polish Press Agency", "PAP", "Polska Agencja Prasowa", based="Poland"),
    org("Polskie Radio", "Polish Radio", based="Poland", comment="Poland's public radio broadcaster."),
    org("Bloomberg", "Bloomberg News", based="UnitedStates", comment="Bloomberg News (not Michael Bloomberg)."),
    org("Financial Times", "the Financial Times", "FT", based="UnitedKingdom"),
    org("The Guardian", qid="Q11148", based="UnitedKingdom"),
    org("Politico", "POLITICO", "Politico Europe", based="UnitedStates"),
    org("Times of Israel", "The Times of Israel", based="Israel"),
    org("Jerusalem Post", "The Jerusalem Post", based="Israel"),
    org("South China Morning Post", "SCMP", based="China", comment="Hong Kong English-language newspaper."),
    org("Iran Air", based="Iran", comment="Iran's flag carrier airline."),
    # parties and parliaments (no background facts: the brief keeps just the individuals)
    org("Georgian Dream", "Georgian Dream party", "Georgian Dream – Democratic Georgia",
      comment="Georgia's ruling party since 2012."),
    org("Verkhovna Rada", "the Verkhovna Rada", "Verkhovna Rada of Ukraine", "Rada", "the Rada",
      comment="Ukraine's parliament."),
    org("State Duma", "the State Duma", "Duma", "the Duma", comment="Lower house of Russia's parliament."),
    org("Sejm", "the Sejm", comment="Lower house of Poland's parliament."),
    org("Warsaw Pact", "Warsaw Treaty Organization", "the Warsaw Pact", cls="InternationalOrganization",
      comment="Soviet-led military alliance, 1955–1991."),
]

EVENTS: list[Ind] = [
    Ind("Munich Security Conference", "Event", ("the Munich Security Conference",), located_in=("Munich",),
        comment="Annual international security conference in Munich."),
    Ind("Riga StratCom Dialogue", "Event", ("the Riga StratCom Dialogue",), located_in=("Riga",),
        comment="Annual strategic-communications conference of the NATO StratCom Centre of Excellence in Riga."),
    Ind("Warsaw Security Forum", "Event", ("the Warsaw Security Forum",), located_in=("Warsaw",),
        comment="Annual transatlantic security conference in Warsaw."),
    Ind("Minsk agreements", "Event", ("Minsk Agreements", "the Minsk agreements", "Minsk accords", "Minsk Accords",
                                      "Minsk II", "Minsk Protocol"),
        comment="The 2014 Minsk Protocol and the 2015 Minsk II package on the war in Donbas."),
    Ind("Budapest Memorandum", "Event", ("the Budapest Memorandum", "Budapest Memorandum on Security Assurances"),
        comment="1994 security assurances to Ukraine, Belarus and Kazakhstan for giving up nuclear weapons."),
]

# fmt: on

# ---------------------------------------------------------------------------------------------------------------
# Turtle output
# ---------------------------------------------------------------------------------------------------------------

HEADER_TEMPLATE = """\
# kgraph world gazetteer: every sovereign state not in kgraph.ttl, capitals, places, seas and look-alike names.
#
# Generated by scripts/make_world_ttl.py (edit the tables there, not this file). Loaded together with kgraph.ttl;
# follows docs/ONTOLOGY_CONVENTIONS.md. Capitals and seats of government carry kg:metonymFor their state (or the
# European Union for Brussels) instead of being kg:metonym strings of the state, so "reporters in Moscow" can
# stay a place while "Moscow denied" links to Russia. Wikidata ids of countries were checked against two
# Wikidata-derived public tables, capital ids against one; entities whose id could not be confirmed carry no
# owl:sameAs.

@prefix kg:      <https://w3id.org/kgraph/ontology#> .
@prefix kge:     <https://w3id.org/kgraph/entity/> .
@prefix owl:     <http://www.w3.org/2002/07/owl#> .
@prefix rdfs:    <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos:    <http://www.w3.org/2004/02/skos/core#> .
@prefix wd:      <http://www.wikidata.org/entity/> .
@prefix dcterms: <http://purl.org/dc/terms/> .

<https://w3id.org/kgraph/ontology/world> a owl:Ontology ;
    rdfs:label "kgraph world gazetteer"@en ;
    dcterms:description {DESCRIPTION} ;
    owl:imports <https://w3id.org/kgraph/ontology> .

#################################################################
#  Annotation property
#################################################################

kg:metonymFor a owl:AnnotationProperty ;
    rdfs:label "metonym for"@en ;
    rdfs:comment {METONYM_FOR_COMMENT} .
"""


DESCRIPTION = (
    "Countries, capitals, cities, regions, seas and news organisations for kgraph's entity linking, with the "
    "kg:metonymFor annotation linking capitals to the states they stand for."
)
METONYM_FOR_COMMENT = (
    "A place name that news English also uses for the state or institution seated there ('Moscow denied…'); the "
    "extractor links it to the state only when it acts (subject, possessor, speaker), otherwise to the place."
)


def lit(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"@en'


def lits(values: tuple[str, ...] | list[str], indent: int) -> str:
    """Comma-separated literals wrapped at 120 columns like kgraph.ttl."""
    lines, line = [], ""
    for value in values:
        item = lit(value)
        if line and indent + len(line) + len(item) + 2 > 116:
            lines.append(line + ",")
            line = item
        else:
            line = f"{line}, {item}" if line else item
    lines.append(line)
    return ("\n" + " " * 8).join(lines)


def block(ind: Ind) -> str:
    rows = [f"kge:{ind.local} a kg:{ind.cls}", f"skos:prefLabel {lit(ind.label)}"]
    if ind.alts:
        rows.append("skos:altLabel " + lits(ind.alts, 18))
    if ind.demonyms:
        rows.append("kg:demonym " + lits(ind.demonyms, 15))
    if ind.comment:
        rows.append(f"rdfs:comment {lit(ind.comment)}")
    if ind.metonym_for:
        rows.append(f"kg:metonymFor kge:{ind.metonym_for}")
    if ind.qid:
        rows.append(f"owl:sameAs wd:{ind.qid}")
    return rows[0] + " ;\n    " + " ;\n    ".join(rows[1:]) + " .\n"


def country_ind(c: Country) -> Ind:
    return Ind(c.label, "Country", c.alts, c.demonyms, c.qid, c.comment)


def capitals() -> list[Ind]:
    """All capital individuals with locatedIn and metonymFor filled in, base countries first."""
    out = []
    for state, caps in BASE_CAPITALS.items():
        out += [Ind(**{**vars(k), "metonym_for": state, "located_in": (state,)}) for k in caps]
    for c in COUNTRIES:
        for k in c.capitals:
            located = () if k.label == "Jerusalem" else (c.local,)
            if k.label == "Ramallah":
                located = ("WestBank", c.local)
            out.append(Ind(**{**vars(k), "metonym_for": c.local, "located_in": located}))
    out.append(BRUSSELS)
    return sorted(out, key=lambda i: i.local)


def render() -> str:
    parts = [HEADER_TEMPLATE.format(DESCRIPTION=lit(DESCRIPTION), METONYM_FOR_COMMENT=lit(METONYM_FOR_COMMENT))]

    def section(title: str, inds: list[Ind]) -> None:
        parts.append(
            "\n#################################################################\n"
            f"#  {title}\n"
            "#################################################################\n"
        )
        parts.extend("\n" + block(i) for i in inds)

    section("Individuals: countries", [country_ind(c) for c in sorted(COUNTRIES, key=lambda c: c.local)])
    section("Individuals: capitals and seats of government (kg:metonymFor the state)", capitals())
    section("Individuals: cities, regions and sites", PLACES)
    section("Individuals: seas, straits, rivers and islands", WATERS)
    section("Individuals: news organisations, parties, parliaments", ORGANIZATIONS)
    section("Individuals: events", EVENTS)

    parts.append(
        "\n#################################################################\n"
        "#  Background facts (used to confirm titles; never copied into article graphs)\n"
        "#################################################################\n"
    )
    groups = [
        ("UnitedNations", "United Nations members"),
        ("NATO", "NATO members"),
        ("EuropeanUnion", "EU members"),
        ("OSCE", "OSCE participating states"),
        ("G7", "G7"),
        (
            "CollectiveSecurityTreatyOrganization",
            "CSTO members (Armenia, which froze its participation in 2024, is left out)",
        ),
    ]
    for org, title in groups:
        members = [c.local for c in sorted(COUNTRIES, key=lambda c: c.local) if org in c.member_of]
        if members:
            parts.append(f"\n# {title}\n")
            parts.extend(f"kge:{m} kg:memberOf kge:{org} .\n" for m in members)
    parts.append("\n# Locations\n")
    for ind in capitals() + PLACES + WATERS + ORGANIZATIONS + EVENTS:
        parts.extend(f"kge:{ind.local} kg:locatedIn kge:{where} .\n" for where in ind.located_in)
    return "".join(parts)


# ---------------------------------------------------------------------------------------------------------------
# Verification of kgraph.ttl + world.ttl
# ---------------------------------------------------------------------------------------------------------------

from kgraph.ontology import ENTITY_CLASSES  # noqa: E402  (the seven classes, defined once)


def surface_keys(surface: str) -> set[str]:
    """The texts an EntityRuler pattern for ``surface`` matches, in a comparable form (see kgraph/nlp.py).

    A leading "the" matches in any case; a surface with no capital letter matches case-insensitively; an
    all-caps word longer than three letters also matches in title case ("NATO" -> "Nato").
    """
    text = " ".join(surface.split())
    head, _, rest = text.partition(" ")
    if head.lower() == "the" and rest:
        text = "the " + rest
    body = text.removeprefix("the ")
    keys = {text}
    if not any(ch.isupper() for ch in body):
        keys = {"~" + text.lower()}
    if text.isupper() and len(text) > 3 and text.isalpha():
        keys.add(text.title())
    return keys


def check() -> int:
    from rdflib import OWL, RDF, SKOS, Graph, Namespace, URIRef

    kg = Namespace("https://w3id.org/kgraph/ontology#")
    kge = "https://w3id.org/kgraph/entity/"
    base, world = Graph(), Graph()
    base.parse(BASE_TTL, format="turtle")
    world.parse(WORLD_TTL, format="turtle")
    graph = base + world
    problems: list[str] = []

    def individuals(g: Graph) -> set[URIRef]:
        return {s for c in ENTITY_CLASSES for s in g.subjects(RDF.type, kg[c]) if isinstance(s, URIRef)}

    base_inds, world_inds = individuals(base), individuals(world)
    for ind in sorted(base_inds & world_inds):
        problems.append(f"IRI declared in both files: {ind}")
    for ind in sorted(base_inds | world_inds):
        classes = [c for c in ENTITY_CLASSES if (ind, RDF.type, kg[c]) in graph]
        labels = list(graph.objects(ind, SKOS.prefLabel))
        if len(classes) != 1:
            problems.append(f"{ind}: classes {classes}")
        if len(labels) != 1 or getattr(labels[0], "language", None) != "en":
            problems.append(f"{ind}: prefLabels {labels}")
        if ind in world_inds:
            local = str(ind).removeprefix(kge)
            if not local.isascii() or not local.isalnum() or local != camel(str(labels[0])):
                problems.append(f"{ind}: IRI is not the CamelCase of its prefLabel {labels[0]!r}")

    users: dict[str, set[str]] = defaultdict(set)
    for ind in base_inds | world_inds:
        for pred in (SKOS.prefLabel, SKOS.altLabel, kg.demonym, kg.metonym):
            for value in graph.objects(ind, pred):
                for key in surface_keys(str(value)):
                    users[key].add(str(ind).removeprefix(kge))
    # a case-insensitive surface also collides with any-case forms of the same text
    lowered: dict[str, set[str]] = defaultdict(set)
    for key, inds in users.items():
        lowered[key.lstrip("~").lower()] |= inds
    for key, inds in sorted(users.items()):
        clash = lowered[key[1:]] if key.startswith("~") else inds
        if len(clash) > 1:
            problems.append(f"surface {key!r} used by {sorted(clash)}")

    qids: dict[str, set[str]] = defaultdict(set)
    for s, o in graph.subject_objects(OWL.sameAs):
        qids[str(o)].add(str(s))
    problems += [f"{q} is sameAs of {sorted(v)}" for q, v in qids.items() if len(v) > 1]

    all_inds = base_inds | world_inds
    for pred in (kg.metonymFor, kg.locatedIn, kg.memberOf):
        for s, o in world.subject_objects(pred):
            if s not in all_inds or o not in all_inds:
                problems.append(f"{pred} with unknown individual: {s} -> {o}")
    for s, o in world.subject_objects(kg.metonymFor):
        if not ((o, RDF.type, kg.Country) in graph or (o, RDF.type, kg.InternationalOrganization) in graph):
            problems.append(f"{s} metonymFor a non-state {o}")

    expected = {"UnitedNations": 193, "NATO": 32, "EuropeanUnion": 27, "OSCE": 57}
    for org, n in expected.items():
        got = len(set(graph.subjects(kg.memberOf, URIRef(kge + org))))
        if got != n:
            problems.append(f"{org}: {got} members, expected {n}")

    countries = {s for s in graph.subjects(RDF.type, kg.Country)}
    seated = {o for o in graph.objects(None, kg.metonymFor)}
    no_capital = sorted(str(c).removeprefix(kge) for c in countries - seated)

    by_class = defaultdict(int)
    for ind in world_inds:
        by_class[next(c for c in ENTITY_CLASSES if (ind, RDF.type, kg[c]) in graph)] += 1
    print(
        f"kgraph.ttl individuals: {len(base_inds)}; world.ttl individuals: {len(world_inds)} "
        f"({', '.join(f'{k} {v}' for k, v in sorted(by_class.items()))}); total {len(all_inds)}"
    )
    print(
        f"countries: {len(countries)}; with a capital/seat individual: {len(countries & seated)}; "
        f"without: {', '.join(no_capital)}"
    )
    print(
        f"metonymFor links: {len(set(world.subject_objects(kg.metonymFor)))}; "
        f"owl:sameAs in world.ttl: {len(set(world.subject_objects(OWL.sameAs)))}; "
        f"surface forms: {len(users)}; world.ttl triples: {len(world)}"
    )
    for org in expected:
        print(f"  memberOf {org}: {len(set(graph.subjects(kg.memberOf, URIRef(kge + org))))}")
    for p in problems:
        print("PROBLEM:", p)
    return 1 if problems else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="verify kgraph.ttl + world.ttl instead of writing")
    args = parser.parse_args(argv)
    if args.check:
        return check()
    WORLD_TTL.write_text(render(), encoding="utf-8")
    print(f"wrote {WORLD_TTL.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
