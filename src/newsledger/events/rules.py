"""Event heuristics as data: trigger lexicons (lemma -> PLOVER type and mode), argument roles, thresholds.

Types are PLOVER categories (CONSULT, AGREE, SUPPORT, COOPERATE, AID, DEMAND, ACCUSE, REJECT, THREATEN,
PROTEST, MOBILIZE, SANCTION, COERCE, ASSAULT). Modes say how the act happened (meeting, talks, visit,
call, statement, agreement, ...). Nothing here is keyed to a particular outlet, story or date.
"""

from __future__ import annotations

import re
from typing import Final

# ----------------------------------------------------------------------------------------- triggers
#: Verbs that are events on their own (lemma -> (type, mode)).
VERB_TRIGGERS: Final[dict[str, tuple[str, str]]] = {
    # consultation
    "meet": ("CONSULT", "meeting"),
    "visit": ("CONSULT", "visit"),
    "tour": ("CONSULT", "tour"),  # a tour is several visits: not merged with one of them
    "discuss": ("CONSULT", "talks"),
    "negotiate": ("CONSULT", "talks"),
    "confer": ("CONSULT", "talks"),
    "consult": ("CONSULT", "talks"),
    "host": ("CONSULT", "meeting"),
    "receive": ("CONSULT", "meeting"),
    "telephone": ("CONSULT", "call"),
    "phone": ("CONSULT", "call"),
    # agreement and commitment
    "sign": ("AGREE", "agreement"),
    "ink": ("AGREE", "agreement"),
    "agree": ("AGREE", "agreement"),
    "pledge": ("AGREE", "pledge"),
    "vow": ("AGREE", "pledge"),
    "promise": ("AGREE", "pledge"),
    "commit": ("AGREE", "pledge"),
    # support
    "praise": ("SUPPORT", "statement"),
    "endorse": ("SUPPORT", "statement"),
    "congratulate": ("SUPPORT", "statement"),
    "back": ("SUPPORT", "statement"),
    # cooperation and aid
    "cooperate": ("COOPERATE", "cooperation"),
    "donate": ("AID", "aid"),
    "lend": ("AID", "aid"),  # only to someone named: "lent Indonesia 10.7 billion dlrs", "lent ... to Peru"
    # demands
    "urge": ("DEMAND", "statement"),
    "demand": ("DEMAND", "statement"),
    "appeal": ("DEMAND", "statement"),
    "request": ("DEMAND", "statement"),
    "ask": ("DEMAND", "statement"),
    "press": ("DEMAND", "statement"),
    # disapproval
    "accuse": ("ACCUSE", "statement"),
    "charge": ("ACCUSE", "statement"),
    "criticize": ("ACCUSE", "statement"),
    "criticise": ("ACCUSE", "statement"),
    "condemn": ("ACCUSE", "statement"),
    "denounce": ("ACCUSE", "statement"),
    "blame": ("ACCUSE", "statement"),
    "allege": ("ACCUSE", "statement"),  # only with a that-clause ("alleged that X had ...")
    "slam": ("ACCUSE", "statement"),
    # rejection, threats, protest
    "reject": ("REJECT", "statement"),
    "rebuff": ("REJECT", "statement"),
    "refuse": ("REJECT", "statement"),
    "decline": ("REJECT", "statement"),
    "complain": ("ACCUSE", "statement"),
    "support": ("SUPPORT", "statement"),
    "veto": ("REJECT", "veto"),
    "oppose": ("REJECT", "statement"),
    "block": ("REJECT", "veto"),
    "deny": ("REJECT", "statement"),
    "welcome": ("SUPPORT", "statement"),
    "hail": ("SUPPORT", "statement"),
    "threaten": ("THREATEN", "statement"),
    "warn": ("THREATEN", "statement"),
    "protest": ("PROTEST", "demonstration"),
    "demonstrate": ("PROTEST", "demonstration"),
    "rally": ("PROTEST", "demonstration"),
    "boycott": ("PROTEST", "boycott"),
    # sanctions, force
    "sanction": ("SANCTION", "sanction"),
    "expel": ("SANCTION", "expulsion"),
    "deploy": ("MOBILIZE", "deployment"),
    "mobilize": ("MOBILIZE", "deployment"),
    "arrest": ("COERCE", "arrest"),
    "detain": ("COERCE", "arrest"),
    "deport": ("COERCE", "expulsion"),
    "attack": ("ASSAULT", "attack"),
    "raid": ("ASSAULT", "attack"),
    "seize": ("COERCE", "seizure"),
    "bomb": ("ASSAULT", "attack"),
    "shell": ("ASSAULT", "attack"),
    "invade": ("ASSAULT", "attack"),
    "kill": ("ASSAULT", "attack"),
    "assassinate": ("ASSAULT", "attack"),
}

#: Verb + particle/preposition events ("called for", "called on") checked before VERB_TRIGGERS.
PHRASAL_TRIGGERS: Final[dict[tuple[str, str], tuple[str, str]]] = {
    ("call", "for"): ("DEMAND", "statement"),
    ("call", "on"): ("DEMAND", "statement"),
    ("call", "upon"): ("DEMAND", "statement"),
    ("hold", "talk"): ("CONSULT", "talks"),
    ("speak", "with"): ("CONSULT", "call"),
    ("talk", "with"): ("CONSULT", "talks"),
    ("sit", "down"): ("CONSULT", "talks"),
    ("rule", "out"): ("REJECT", "statement"),
    ("team", "up"): ("COOPERATE", "cooperation"),
}

#: Verbs whose phrasal reading ("call on X") needs no object of their own ("called it X on ...").
NAMING_VERBS: Final[frozenset[str]] = frozenset({"call"})

#: Verbs that are events only when their object is an entity (a person, group or state): "received the
#: minister" but not "received a letter"; "hosted the president" but not "hosted a dinner".
NEEDS_ENTITY_OBJECT: Final[frozenset[str]] = frozenset(
    {"receive", "host", "back", "telephone", "phone", "warn"}  # "warned that X is in jeopardy": no threat
)
#: Demands made of someone named to do something ("asked France to curb ...", "pressed Japan to open").
NEEDS_ENTITY_OBJECT_AND_XCOMP: Final[frozenset[str]] = frozenset({"ask", "press"})
#: Verbs that are acts only with a direct object ("opposed the plan"; "prices were pressed", "seize up").
NEEDS_OBJECT: Final[frozenset[str]] = frozenset(
    {"oppose", "block", "deny", "welcome", "hail", "raid", "seize"}
)
#: "charged that ..." / "charged X with ..." accuse; "charged a fee" does not.
NEEDS_CHARGE_COMPLEMENT: Final[frozenset[str]] = frozenset({"charge", "allege"})
#: Verbs that are acts only towards someone named, as direct or indirect object or after "to"
#: ("lent Indonesia 10.7 billion dlrs", "lent 50 mln dlrs to Peru"; not "lent support", "lent its name").
NEEDS_ENTITY_RECIPIENT: Final[frozenset[str]] = frozenset({"lend"})
#: Verbs that are acts only when their doer is named in the subject itself, by its head or a modifier
#: ("Pik Botha alleged", "the Brunei authorities alleged"; not "a lawsuit that alleges", "a newsletter
#: which reported ... X alleged", "lending to the Philippines is designed ...").
NEEDS_NAMED_SUBJECT: Final[frozenset[str]] = frozenset({"allege", "lend"})
#: Accusing verbs whose that-clause names who is accused: its named subject, or the named possessor of
#: its subject ("charged that Argentina's export taxes subsidize ...", "alleged that Democrats had ...").
THAT_CLAUSE_TARGET_VERBS: Final[frozenset[str]] = frozenset({"charge", "allege", "accuse"})
#: Verbs that are agreements only when what is signed is one ("signed an accord", not "signed an order").
NEEDS_AGREEMENT_OBJECT: Final[frozenset[str]] = frozenset({"sign", "ink"})
#: Verbs that are refusals only with an infinitive ("declined to attend"; prices also decline).
NEEDS_XCOMP: Final[frozenset[str]] = frozenset({"decline", "refuse"})
#: Refusals of these are no act ("declined to comment", "refused to elaborate").
NO_COMMENT_VERBS: Final[frozenset[str]] = frozenset(
    {
        "comment",
        "elaborate",
        "speculate",
        "say",
        "disclose",
        "confirm",
        "specify",
        "identify",
        "name",
        "refute",
        "discuss",
        "answer",
        "respond",
        "reveal",
    }
)  # also as objects: "refused all comment"
#: Conjunctions that negate the clause they open ("nor had the department consulted X").
NEGATIVE_CONJUNCTIONS: Final[frozenset[str]] = frozenset({"nor", "neither"})
#: Verbs that are events only with a complement ("agreed to/on/with/that ..."; a bare "X agreed,
#: saying ..." concurs with an opinion).
NEEDS_COMPLEMENT: Final[frozenset[str]] = frozenset({"agree"})
COMPLEMENT_DEPS: Final[tuple[str, ...]] = ("xcomp", "ccomp", "dobj", "prep", "dative", "nsubjpass", "conj")
#: "met opposition from X", "meet the deadline": objects that make "meet" an idiom, not a meeting.
MEET_IDIOM_OBJECTS: Final[frozenset[str]] = frozenset(
    {
        "opposition",
        "resistance",
        "criticism",
        "demand",
        "deadline",
        "target",
        "requirement",
        "need",
        "standard",
        "expectation",
        "obligation",
        "condition",
        "cost",
        "payment",
        "goal",
        "approval",
        "objection",
        "commitment",
        "criterion",
        "quota",
    }
)
#: Verbs whose direct object is the topic, not a party ("discussed the scandal with X").
TOPIC_OBJECT_VERBS: Final[frozenset[str]] = frozenset({"discuss", "negotiate"})
#: Relative pronouns: as an argument they stand for the noun their clause modifies.
RELATIVE_PRONOUNS: Final[frozenset[str]] = frozenset({"who", "whom", "which"})
#: Relative pronouns that, as a clause's subject, make the modified noun that clause's subject.
SUBJECT_RELATIVES: Final[frozenset[str]] = frozenset({"who", "which", "that"})
#: Nouns whose "of" object did not happen ("lack of an agreement", "the absence of talks").
NEGATIVE_NOUNS: Final[frozenset[str]] = frozenset({"lack", "absence", "failure"})

#: Verbs that are pledges only with "to" ("committed to further develop ties"; one also commits crimes).
NEEDS_TO_COMPLEMENT: Final[frozenset[str]] = frozenset({"commit"})
AGREEMENT_NOUNS: Final[frozenset[str]] = frozenset(
    {
        "agreement",
        "accord",
        "treaty",
        "deal",
        "pact",
        "memorandum",
        "contract",
        "declaration",
        "protocol",
        "convention",
        "communique",
        "charter",
    }
)
#: Subordinators that make a clause hypothetical.
CONDITIONAL_MARKS: Final[frozenset[str]] = frozenset({"if", "unless", "whether"})
#: Verbal statement-like modes that need a named speaker in subject position (measured on the Reuters dev
#: set: "That pact calls on Japan to ..." made a DEMAND with no speaker).
SOURCE_REQUIRED_MODES: Final[frozenset[str]] = frozenset({"statement", "pledge"})

#: Nouns that name an event (lemma -> (type, mode)); they make an event with a light verb ("held talks",
#: "paid a courtesy visit", "signed an agreement") or on their own when they carry arguments ("a meeting
#: with X", "X's visit to Y").
NOUN_TRIGGERS: Final[dict[str, tuple[str, str]]] = {
    "meeting": ("CONSULT", "meeting"),
    "summit": ("CONSULT", "meeting"),
    "audience": ("CONSULT", "meeting"),
    "talk": ("CONSULT", "talks"),
    "talks": ("CONSULT", "talks"),
    "discussion": ("CONSULT", "talks"),
    "negotiation": ("CONSULT", "talks"),
    "consultation": ("CONSULT", "talks"),
    "dialogue": ("CONSULT", "talks"),
    "visit": ("CONSULT", "visit"),
    "trip": ("CONSULT", "visit"),
    "tour": ("CONSULT", "tour"),  # a tour is several visits: not merged with one of them
    "call": ("CONSULT", "call"),
    "conversation": ("CONSULT", "call"),
    "agreement": ("AGREE", "agreement"),
    "deal": ("AGREE", "agreement"),
    "accord": ("AGREE", "agreement"),
    "treaty": ("AGREE", "agreement"),
    "memorandum": ("AGREE", "agreement"),
    "pledge": ("AGREE", "pledge"),
    "signing": ("AGREE", "agreement"),
    "backing": ("SUPPORT", "statement"),
    "aid": ("AID", "aid"),
    "assistance": ("AID", "aid"),
    "sanction": ("SANCTION", "sanction"),
    "sanctions": ("SANCTION", "sanction"),
    "protest": ("PROTEST", "demonstration"),
    "attack": ("ASSAULT", "attack"),
    "airstrike": ("ASSAULT", "attack"),
    "bombing": ("ASSAULT", "attack"),
    "tariff": ("SANCTION", "sanction"),
    "embargo": ("SANCTION", "sanction"),
    "threat": ("THREATEN", "statement"),
    "warning": ("THREATEN", "statement"),
    "comment": ("STATEMENT", "statement"),
    "remark": ("STATEMENT", "statement"),
}

#: A nominal trigger with this preposition changes type ("a call for X" is a demand, not a phone call).
NOUN_PREP_TRIGGERS: Final[dict[tuple[str, str], tuple[str, str]]] = {
    ("call", "for"): ("DEMAND", "statement"),
    ("call", "on"): ("DEMAND", "statement"),
}
#: Verbs whose nominal object is sought or proposed, not held ("recommending sanctions", "sought talks").
PROSPECTIVE_OBJECT_VERBS: Final[frozenset[str]] = frozenset(
    {"recommend", "propose", "suggest", "seek", "consider", "want", "plan", "request", "demand", "urge"}
)

#: Light verbs: they carry no type of their own, the noun they govern does ("held talks").
LIGHT_VERBS: Final[frozenset[str]] = frozenset(
    {
        "hold",
        "have",
        "pay",
        "make",
        "conduct",
        "carry",
        "sign",
        "reach",
        "conclude",
        "ink",
        "impose",
        "launch",
        "stage",
        "give",
        "provide",
        "extend",
        "offer",
        "express",
        "voice",
        "begin",
        "start",
        "attend",
        "continue",  # "continuing a dialogue with X"
        "resume",
        "renew",
        "repeat",  # "repeated the threat of sanctions"
        "issue",
    }
)

#: Nouns that quantify an event noun under a light verb ("held a series of talks", "had two days of
#: talks", "a round of negotiations"): the event noun behind "of" is the light verb's object.
PARTITIVE_NOUNS: Final[frozenset[str]] = frozenset(
    {"series", "round", "rounds", "number", "couple", "day", "days", "hour", "hours", "week", "weeks", "set"}
)
#: How many "X of" links may stand between the light verb and its event noun ("a series of 11 rounds of").
PARTITIVE_MAX_HOPS: Final[int] = 3

#: Light verb + noun pairs that change the type ("expressed support" is SUPPORT).
LIGHT_NOUN_OVERRIDES: Final[dict[tuple[str, str], tuple[str, str]]] = {
    ("express", "support"): ("SUPPORT", "statement"),
    ("voice", "support"): ("SUPPORT", "statement"),
    ("express", "concern"): ("ACCUSE", "statement"),
    ("voice", "concern"): ("ACCUSE", "statement"),
    ("offer", "support"): ("SUPPORT", "statement"),
    ("pledge", "support"): ("SUPPORT", "statement"),
    ("make", "call"): ("DEMAND", "statement"),
    ("issue", "call"): ("DEMAND", "statement"),
    ("announce", "sanction"): ("SANCTION", "sanction"),
    ("confirm", "backing"): ("SUPPORT", "statement"),
}
#: Verbs that are light only in LIGHT_NOUN_OVERRIDES pairs ("announced sanctions", not "announced a visit").
LIGHT_OVERRIDE_VERBS: Final[frozenset[str]] = frozenset(v for v, _ in LIGHT_NOUN_OVERRIDES)

#: Nouns that only count after one of these light verbs (alone they are too vague: "support", "concern").
LIGHT_ONLY_NOUNS: Final[frozenset[str]] = frozenset({"support", "concern", "threat", "warning"})

#: Statement nouns are kept only as the mode carrier of a light verb ("made the comments") and never
#: become ledger events by themselves.
STATEMENT_TYPE: Final[str] = "STATEMENT"

#: A nominal event is the subject of these verbs, which only place it in time or space ("The meeting was
#: held in Hanoi on Monday", "the talks took place ...").
OCCURRENCE_VERBS: Final[frozenset[str]] = frozenset(
    {"hold", "take", "happen", "occur", "come", "begin", "end"}
)

#: Verbs of a relative clause on a nominal event that say when it ran ("talks that concluded last
#: Friday", "the meeting, which began on Monday").
SPAN_VERBS: Final[frozenset[str]] = OCCURRENCE_VERBS | {"conclude", "open", "start", "close", "finish"}

#: Reporting verbs: what they govern is said, not done (a statement's content is not typed as the act).
REPORTING_VERBS: Final[frozenset[str]] = frozenset(
    {
        "say",
        "tell",
        "state",
        "report",
        "announce",
        "add",
        "note",
        "stress",
        "affirm",
        "emphasize",
        "emphasise",
        "reiterate",
        "claim",
        "believe",
        "think",
        "insist",
        "assert",
        "declare",
        "write",
        "convey",
        "express",
        "suggest",
        "propose",
        "recommend",
        "hope",
        "expect",
        "predict",
        "argue",
        "confirm",
        "indicate",
        "explain",
        "mention",
        "acknowledge",
        "underline",
        "underscore",
        "highlight",
    }
)

#: Heads that make an infinitival complement irrealis ("plans to visit", "vowed to attack").
IRREALIS_HEADS: Final[frozenset[str]] = frozenset(
    {
        "plan",
        "want",
        "expect",
        "hope",
        "seek",
        "aim",
        "vow",
        "pledge",
        "agree",
        "promise",
        "intend",
        "try",
        "attempt",
        "decide",
        "threaten",
        "urge",
        "call",
        "ask",
        "wish",
        "prepare",
        "need",
        "refuse",
        "offer",
        "propose",
        "invite",
        "consider",
        "would",
        "will",
        "schedule",
        "set",
        "due",
        "likely",
        "able",
        "ready",
        "willing",
        "eager",
        "keen",
        "fail",
        "decline",
        "encourage",
        "recommend",
        "suggest",
        "stress",
        "order",  # "ordered the administration to begin talks"
        "instruct",
        "tell",  # "told X to meet Y"
        "prefer",
        "be",  # "is to meet", "was in Washington to discuss": planned or purposed
    }
)

#: Irrealis heads that, with a nominal event as subject, imply it happened ("talks failed to provide").
IMPLICATIVE_HEADS: Final[frozenset[str]] = frozenset({"be", "fail", "decline", "refuse"})
#: Nouns whose "of" object is sought, not had ("in pursuit of an agreement", "the possibility of talks").
PROSPECTIVE_NOUNS: Final[frozenset[str]] = frozenset(
    {"pursuit", "search", "prospect", "possibility", "hope", "bid", "quest", "chance", "idea", "plan"}
)
#: Determiners that make a nominal generic or negated ("any talks", "no meeting").
GENERIC_DETS: Final[frozenset[str]] = frozenset({"any", "no", "every", "each"})

#: Auxiliaries that make a clause irrealis (future, hypothetical, obligation).
MODAL_LEMMAS: Final[frozenset[str]] = frozenset(
    {"will", "would", "shall", "should", "may", "might", "could", "can", "must", "'ll", "wo"}
)

#: Entity labels that can be actors; PERSON is preferred when an argument phrase holds several.
ACTOR_LABEL_RANK: Final[dict[str, int]] = {"PERSON": 0, "ORG": 1, "GPE": 2, "NORP": 3}
PLACE_LABELS: Final[frozenset[str]] = frozenset({"GPE", "LOC", "FAC"})

#: Group nouns whose leader is the actor ("a delegation led by Kim").
GROUP_NOUNS: Final[frozenset[str]] = frozenset({"delegation", "team", "mission", "group", "entourage"})
LEAD_VERBS: Final[frozenset[str]] = frozenset({"lead", "head"})

#: Prepositions whose object is a target actor, per type (CONSULT "with", AID "to", ASSAULT "against").
TARGET_PREPS: Final[dict[str, frozenset[str]]] = {
    "CONSULT": frozenset({"with", "between", "to"}),
    "AGREE": frozenset({"with", "between", "for"}),  # "signed the accord for Mexico": on its behalf
    "SUPPORT": frozenset({"for", "to"}),
    "COOPERATE": frozenset({"with"}),
    "AID": frozenset({"to", "for"}),
    "DEMAND": frozenset({"on", "upon"}),
    "ACCUSE": frozenset({"against"}),
    "REJECT": frozenset(),
    "THREATEN": frozenset({"against"}),
    "PROTEST": frozenset({"against", "from"}),
    "SANCTION": frozenset({"on", "against"}),
    "MOBILIZE": frozenset(),
    "COERCE": frozenset(),
    "ASSAULT": frozenset({"on", "against"}),
    "STATEMENT": frozenset(),
}

#: Simple-present verb tags: a bare plural event noun they govern is a habit ("chair meetings").
HABITUAL_TAGS: Final[frozenset[str]] = frozenset({"VBP", "VBZ"})

#: Verbs whose "of" complement is what the accuser alleges ("accused X of threatening Y"): not stated as
#: having happened ("criticised X for refusing Y" presupposes the refusal and stays an act).
ALLEGATION_VERBS: Final[frozenset[str]] = frozenset({"accuse", "suspect", "charge"})
#: ... and the prepositions of the alleged act or its means ("accused X of applying ... by threatening").
ALLEGATION_PREPS: Final[frozenset[str]] = frozenset({"of", "by"})

#: Nouns for one party of a negotiation: "led on the Polish side by X" names Poland as a party.
SIDE_NOUNS: Final[frozenset[str]] = frozenset({"side"})

#: Types whose verb governs the act agreed, refused or threatened ("agreed to supply Iran"): the named
#: object of that act (or of its "on"/"against" phrase: "restrictions on Japanese banks") is a target.
XCOMP_TARGET_TYPES: Final[frozenset[str]] = frozenset({"AGREE", "REJECT", "THREATEN"})
XCOMP_OBJECT_TARGET_PREPS: Final[frozenset[str]] = frozenset({"on", "against"})

#: "met under the chairmanship of X": the presiding participant of a consultation.
PRESIDING_PREPS: Final[frozenset[str]] = frozenset({"under"})
PRESIDING_NOUNS: Final[frozenset[str]] = frozenset({"chairmanship", "presidency", "chair", "auspices"})

#: Prepositions that introduce the place of an event; for visits "to" and the direct object give it too.
PLACE_PREPS: Final[frozenset[str]] = frozenset({"in", "at", "inside", "near"})
VISIT_PLACE_PREPS: Final[frozenset[str]] = frozenset({"to", "in", "at"})

#: Prepositions/subordinators under which a nominal trigger takes the governing verb's subject as its
#: source ("made the comments in a meeting with X": the subject was in the meeting).
FRAME_PREPS: Final[frozenset[str]] = frozenset(
    {"in", "during", "at", "on", "after", "before", "throughout", "from", "into"}
)  # "arrived from a meeting with X", "went into a meeting with X"

#: Determiners that make a bare nominal trigger anaphoric ("the meeting", "this visit").
DEFINITE_DETS: Final[frozenset[str]] = frozenset({"the", "this", "that", "these", "those"})

#: Clause boundaries when collecting an event's own words (a timex inside a nested clause belongs to
#: that clause's predicate).
CLAUSE_DEPS: Final[frozenset[str]] = frozenset(
    {"ccomp", "relcl", "advcl", "parataxis", "conj", "csubj", "xcomp", "acl", "pcomp"}
)

#: Dependencies that stay inside a noun phrase when looking for the entity an argument names.
NP_DEPS: Final[frozenset[str]] = frozenset(
    {"compound", "amod", "poss", "appos", "prep", "pobj", "nmod", "npadvmod", "flat", "conj", "cc", "det"}
)
#: How deep to search an argument's phrase for an entity (guards against drifting into a long appositive;
#: 4 reached the name in "Secretary of the X Committee and Chairman of its Commission Y" on the dev set).
ACTOR_SEARCH_DEPTH: Final[int] = 5

#: Pronouns resolved to the last named person subject of the previous sentences (recorded as a link).
PERSONAL_PRONOUNS: Final[frozenset[str]] = frozenset({"he", "she", "him", "her", "his"})
#: Labels a subject "it" may stand for: the subject just before it, when that subject is a state or an
#: organisation named by its head ("Iran is claiming ... It has also asked France to ...").
IT_ANTECEDENT_LABELS: Final[frozenset[str]] = frozenset({"GPE", "ORG"})
#: Verbs whose object is the speaker of the clause that follows ("quoted X as saying ... his visit").
QUOTE_VERBS: Final[frozenset[str]] = frozenset({"quote"})
#: Adverbs of place after a name that frame what follows as the named one's ("Duffy, here on a
#: three-day visit after talks in the United States, said ...").
FRAME_PLACE_ADVERBS: Final[frozenset[str]] = frozenset({"here", "there"})
#: Gender of the personal pronouns, and of honorifics before a name: a pronoun skips an antecedent the
#: document shows to be of the other gender ("Mr Ryzhkov ... talks with her": not Ryzhkov).
PRONOUN_GENDER: Final[dict[str, str]] = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}
HONORIFIC_GENDER: Final[dict[str, str]] = {
    "Mr": "m",
    "Mrs": "f",
    "Ms": "f",
    "Miss": "f",
    "Sir": "m",
    "Lady": "f",
    "Madame": "f",
    "Mme": "f",
    "Monsieur": "m",
}
#: How many sentences back a pronoun may look for its antecedent.
PRONOUN_WINDOW: Final[int] = 2

QUOTE_CHARS: Final[frozenset[str]] = frozenset({'"', "“", "”", "``", "''"})

# ------------------------------------------------------------------------------------------- confidence
#: Mention confidence is a sum of evidence weights (explicit trigger + explicit args + explicit date beat
#: inferred ones); capped at 1. Weights were set by hand so that a verbal trigger with two named actors,
#: a stated place and a clause date reaches ~0.95 and a bare nominal with one actor stays below 0.5.
CONF_TRIGGER: Final[dict[str, float]] = {"verb": 0.45, "light": 0.45, "nominal": 0.35}
CONF_SECOND_ACTOR: Final[float] = 0.15
CONF_ACTOR_ENTITY: Final[float] = 0.1
CONF_PLACE_STATED: Final[float] = 0.1
CONF_PLACE_LINKED: Final[float] = 0.05
CONF_DATE_STATED: Final[float] = 0.15
CONF_DATE_LINKED: Final[float] = 0.08
CONF_REPORTED_PENALTY: Final[float] = 0.1
#: Each further independent source adds this much to an event's confidence.
CONF_PER_SOURCE: Final[float] = 0.05

# -------------------------------------------------------------------------------------------- ledger
#: Type families that may merge across documents: a meeting, talks and a call between the same actors
#: on the same day are one consultation as reported by different outlets; visits stay apart (they carry
#: a place-range, not a single encounter).
MODE_FAMILY: Final[dict[str, str]] = {"meeting": "encounter", "talks": "encounter", "call": "encounter"}

#: Minimum shared resolved actors for two mentions to be one event when their dates are not both known
#: to the day (one shared actor is "Kim met someone", far too weak alone).
MIN_SHARED_ACTORS: Final[int] = 2
#: With both dates known to the day and equal, one shared actor suffices (the same person does not hold
#: two separate consultations of the same kind on one day in most news; ECB+ dev confirmed few errors).
MIN_SHARED_ACTORS_SAME_DAY: Final[int] = 1

#: Dependencies by which a name only describes the common noun that acts ("a *Japanese* official", "*U.S.*
#: negotiators", "*South Africa*'s largest federation"): such a mention names no participant of its own.
DESCRIPTIVE_DEPS: Final[frozenset[str]] = frozenset({"amod", "compound", "poss", "nmod"})

#: Words that make "<state name> ..." an organ acting for that state in merging ("U.S. Naval forces",
#: "Ivory Coast Agriculture Ministry"): mentions of one act naming the state and its organ merge.
STATE_ORGAN_WORDS: Final[frozenset[str]] = frozenset(
    {
        "ministry",
        "ministries",
        "government",
        "administration",
        "navy",
        "naval",
        "army",
        "military",
        "forces",
        "troops",
        "delegation",
        "delegates",
        "officials",
        "legislators",
        "lawmakers",
        "embassy",
        "parliament",
        "congress",
        "cabinet",
        "treasury",
        "authorities",
    }
)

# ------------------------------------------------------------------------------------------ place/date
#: How far into the body a dateline may start ("SEOUL, March 25 (Yonhap) -- ..." opens the body).
DATELINE_WINDOW: Final[int] = 200
#: A dateline places an event only when the event happened within this many days of the report (a
#: dateline is where the reporter filed, so older events were elsewhere as often as not).
DATELINE_MAX_DAYS: Final[int] = 0
#: Confidence never reaches 1: even many agreeing sources can all repeat one wrong report.
CONF_MAX: Final[float] = 0.99

#: Prepositions whose phrase attributes the report, not the event ("according to KCNA on Sunday").
ATTRIBUTION_PREPS: Final[frozenset[str]] = frozenset({"accord", "according"})
#: Words between two time expressions that make them one range ("from Monday to Thursday").
RANGE_JOINERS: Final[frozenset[str]] = frozenset({"to", "-", "–", "through", "until", "till", "and"})
#: A weekday range whose end resolved before its start is moved forward by a week.
WEEKDAY_RANGE_DAYS: Final[int] = 7
#: Labels of a visit's direct object that make it the visit's place ("visited Laos"; also ORG, which the
#: small NER model gives to diacritic-spelled countries such as "Việt Nam" and which names a site when
#: visited: "visited the ministry").
VISITABLE_LABELS: Final[frozenset[str]] = frozenset({"GPE", "LOC", "FAC", "ORG"})
#: A name the NER found once is recognised again on a bare capitalised token of at least this many
#: characters ("Jopling", "Weizsaecker"); shorter ones ("US", "EC") are too ambiguous.
MIN_ALIAS_CHARS: Final[int] = 4
#: How many preposition/object hops an actorless nominal may climb to its frame, and through which
#: prepositions ("in a speech on the first day of an official visit").
FRAME_MAX_HOPS: Final[int] = 6
FRAME_CHAIN_PREPS: Final[frozenset[str]] = frozenset(
    {"in", "on", "of", "during", "at", "after", "for", "from"}  # "flying back from a visit to London"
)
#: Modifiers that make a nominal event prospective ("a scheduled meeting", "the planned visit").
PROSPECTIVE_MODIFIERS: Final[frozenset[str]] = frozenset(
    {
        "schedule",
        "scheduled",
        "plan",
        "planned",
        "proposed",
        "propose",
        "forthcoming",
        "upcoming",
        "future",
        "next",
        "possible",
        "potential",
        "expected",
        "due",
        "new",
        "further",
        "later",
    }
)
#: "met X for talks": the nominal is the purpose of the verbal event, not a second event.
PURPOSE_PREPS: Final[frozenset[str]] = frozenset({"for", "in", "at"})
#: Two undated mentions of the same act may be one event only if their reports are this close (a
#: story's coverage spans days; the same words a month apart are usually a new act).
UNDATED_WINDOW_DAYS: Final[int] = 7
#: An undated mention may join a dated event whose date is at most this long after the report (a report
#: filed on the first day of talks dated by their end: "talks that concluded last Friday").
REPORT_LEAD_DAYS: Final[int] = 1
#: An undated mention may join a dated event reported at most this long after it ended.
UNDATED_REPORT_LAG_DAYS: Final[int] = 30
#: Prepositions that put a nominal event after the clause's time ("ahead of the talks", "before the
#: visit", "prior to the meeting").
PROSPECTIVE_PREPS: Final[frozenset[str]] = frozenset({"before", "ahead", "prior", "pending", "until"})
#: Dependencies of a to-infinitive that state a purpose, not an act ("opened a meeting to discuss").
PURPOSE_DEPS: Final[frozenset[str]] = frozenset({"advcl", "acl", "relcl"})
#: Dependencies of a to-infinitive verbal trigger that make it irrealis unless it is dated on its own:
#: purposes, and infinitival complements ("said issues to be discussed by the ministers would include").
INFINITIVE_IRREALIS_DEPS: Final[frozenset[str]] = PURPOSE_DEPS | {"ccomp", "csubj"}
#: Adverbs that make a verb's complement pending ("have yet to be set", "has yet to meet").
PENDING_ADVERBS: Final[frozenset[str]] = frozenset({"yet"})
#: Verbs whose agentless passive with a named subject is a state, not an act ("members were agreed on").
STATIVE_PASSIVES: Final[frozenset[str]] = frozenset({"agree"})
#: A dateline opening the body: "SEOUL, March 25 (Yonhap) -", "VIETNAM, March 25 - HÀ NỘI —", "HANOI —",
#: "Seoul, March 25 A senior ...": a place and a date, or an all-capitals place before a dash.
_DL_PLACE = r"[A-ZÀ-Ỹ][\w.'’-]*(?:\s+[A-ZÀ-Ỹ][\w.'’-]*){0,3}"
_DL_CAPS = r"[A-ZÀ-Ỹ][A-ZÀ-Ỹ.'’-]+(?:\s+[A-ZÀ-Ỹ][A-ZÀ-Ỹ.'’-]+){0,3}"
_DL_DATE = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}(?:,?\s+\d{4})?"
_DL_TAIL = rf"\s*(?:\([^)]{{1,40}}\)\s*)?(?:[-–—]+\s*(?:{_DL_CAPS}\s*[-–—]+\s*)?)?"
DATELINE_RE: Final[re.Pattern[str]] = re.compile(
    rf"^\s*(?:{_DL_PLACE}\s*,\s*{_DL_DATE}{_DL_TAIL}|{_DL_CAPS}\s*(?:\([^)]{{1,40}}\)\s*)?[-–—]+\s*)"
)
#: "criticised X for refusing", "accused X of applying": the gerund's doer is the governing verb's object.
CAUSE_PREPS: Final[frozenset[str]] = frozenset({"for", "of"})
#: How many sentences back "the meeting"/"the talks" may find its antecedent (further back, a definite
#: nominal is more often a different meeting of the same kind: Reuters dev set).
ANAPHOR_WINDOW: Final[int] = 8
#: Dependencies a nominal event climbs to reach the verb whose time adjuncts date it.
FRAME_CLIMB_DEPS: Final[frozenset[str]] = frozenset(
    {"pobj", "prep", "dobj", "nsubj", "nsubjpass", "attr", "compound", "appos"}
)
#: With this many named persons among the actors, a nationality actor ("Soviet", "Turkish") is the
#: title of one of them, not a further party (Reuters dev set: 3 of 3 such cases).
PERSONS_BEFORE_NORP_DROPPED: Final[int] = 2
#: Verbs whose subject takes part in the meeting that is their object ("opened a two-day meeting").
FRAME_OBJECT_VERBS: Final[frozenset[str]] = frozenset(
    {"open", "convene", "chair", "join", "end", "close", "host", "attend", "conclude", "resume", "wrap"}
)
#: The dateline place must open the body (allowing for a leading quote or space).
DATELINE_PLACE_MAX_START: Final[int] = 3
#: Prepositions whose object's place is the event's when nothing closer says ("during a stopover in X").
PLACE_FRAME_PREPS: Final[frozenset[str]] = frozenset({"during", "throughout"})
