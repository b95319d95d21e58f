"""The English words of meetings: contact verbs and nouns, and the words that make a contact
formal or informal, recurring, planned or cancelled, or name who asked for it."""

from __future__ import annotations

import re


MEETING_VERBS = {"meet": "meeting", "visit": "visit", "host": "meeting", "receive": "meeting", "confer": "talks",
                 "phone": "phone_call", "telephone": "phone_call", "call": "phone_call", "speak": "meeting",
                 "talk": "meeting", "welcome": "meeting", "summon": "meeting", "mediate": "talks",
                 "arrive": "visit", "greet": "meeting"}

MEETING_NOUNS = {
    "meeting": "meeting", "meetings": "meeting", "talks": "talks", "visit": "visit", "visits": "visit",
    "summit": "summit", "conversation": "meeting", "call": "phone_call", "videoconference": "video_call",
    "dinner": "meeting", "lunch": "meeting", "breakfast": "meeting", "encounter": "meeting",
    "consultations": "talks", "negotiations": "talks", "tête-à-tête": "meeting", "tete-a-tete": "meeting",
    "video-conference": "video_call", "teleconference": "video_call", "mediation": "talks",
    "welcome": "meeting", "trip": "visit", "trips": "visit", "phonecall": "phone_call", "video-call": "video_call",
    "walk": "meeting", "stroll": "meeting", "calls": "phone_call",
}

MEDIATION = {"mediate", "mediation"}

REMOTE_WORDS = frozenset({"video", "virtual", "online", "telephone", "phone", "tele", "web"})

# verbs whose subject brings others together: "X hosted talks between A and B" keeps X
CONVENING = {"host", "mediate", "convene", "broker", "facilitate", "organize", "organise", "chair", "sponsor"}

HOST_VERBS = {"host", "receive", "welcome", "greet"}

# nouns for the people a host receives: "hosted his Azerbaijani counterpart Ilham Aliyev"
GUESTS = frozenset(
    """counterpart delegation guest guests visitor visitors envoy envoys leader leaders president prime minister
    ministers chancellor king queen emir premier secretary ambassador official officials head heads""".split()
)

GROUP_NOUNS = frozenset("presidents leaders heads ministers premiers chancellors delegations counterparts".split())

TELLING = frozenset("tell assure inform brief urge ask thank congratulate warn invite update".split())

HEAD_ROLES = ("president", "prime minister", "chancellor", "king", "emir", "premier", "sultan", "crown prince")

FIRST_PERSON = {"i", "me", "my", "myself", "we", "us", "our", "ourselves"}

SECOND_PERSON = {"you", "your"}

_PLACE_PREPS = {"of", "by", "for", "to", "from"}  # "Adviser to the President Jared Kushner", "counterparts from A and B"

PAIR = re.compile(r"^(?:the|both)\s+(?:two\s+)?(?:leaders|men|women|presidents|ministers|sides|heads of state|"
                  r"premiers|foreign ministers|counterparts)$|^the (?:pair|two)$", re.I)

INFORMAL = re.compile(
    r"\b(informal(ly)?|unofficial(ly)?|private(ly)?|t[êe]te-[àa]-t[êe]te|without (a|any) formal agenda|"
    r"away from the official|(?<!working )(dinner|lunch|breakfast)|a walk\b|stroll|over tea)\b",
    re.I,
)

FORMAL = re.compile(
    r"\b(official (visit|talks|meeting|ceremony)|state visit|formal (meeting|talks|visit)s?|negotiations|plenary|"
    r"signing ceremony|signed|summoned|ministerial council|council meeting|formal session|official session|"
    r"(?:meeting|session) of the [A-Z][\w ]*Council)\b",
    re.I,
)

RECURRING = re.compile(
    r"\b((second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(st|nd|rd|th)) (such )?(meeting|visit|call|"
    r"conversation|summit|dinner|lunch|breakfast)s?|regular(ly)?|annual(ly)?|have become (the|a) norm|become routine|routine(ly)?|series of|periodic(ally)?|"
    r"every (year|month|week)|once a (year|month)|recurring|frequent(ly)?)\b",
    re.I,
)

CANCELLED = re.compile(
    r"\b(cancel(l)?ed|called off|postponed|scrapped|cancel(l)?ation|(ended|halted|suspended|broke off|halt|end|"
    r"suspend|break off|pulled out of|withdrew from|walked out of) (the |their |its |all )?(mediation|talks|"
    r"negotiations|meetings?|visit|summit|consultations))\b",
    re.I,
)

FUTURE = re.compile(
    r"\b(will|shall|is expected to|are expected to|is scheduled to|are scheduled to|plans? to|planned|"
    r"is set to|are set to|intends? to|is to|are to|is due to|are due to|upcoming|next (week|month|year)|"
    r"look(s|ing)? forward to)\b",
    re.I,
)

INITIATOR = re.compile(
    r"\b(?:at|on|upon)\s+(?:the\s+)?(?P<who1>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}?)(?:'s|’s)?\s+(?:side'?s?\s+)?"
    r"(?:own\s+|urgent\s+|personal\s+)?(?:request|initiative|invitation|suggestion|behest)\b"
    r"|\b(?:at|on|upon)\s+the\s+(?:urgent\s+)?(?:request|initiative|invitation|suggestion|behest)\s+of\s+(?:the\s+)?(?P<who2>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})"
    r"|\b(?:at|on|upon)\s+(?:the\s+)?(?P<who3>[A-Z][a-z]+)\s+side'?s\s+(?:request|initiative|invitation)\b",
)

SIDELINES = re.compile(r"\b(on|at) the (sidelines|margins) of\b", re.I)

SIDELINE_GATHERING = re.compile(
    r"\b(?:on|at) the (?:sidelines|margins) of (?:the |an? |this (?:week|year)'s )?(?P<name>(?:[A-Z][\w-]*\s+){0,6}?"
    r"(?P<noun>summit|meeting|conference|forum|session|council|assembly|talks))\b", re.I)

DEFINITE_MEETING = re.compile(r"\b(the|this|that)\s+(?:(?:first|second|third|fourth|fifth|latest|last)\s+)?(?:such\s+)?(meeting|talks|conversation|call|visit|summit|dinner|lunch|breakfast)\b", re.I)

GREETING = re.compile(
    r"\b(?:great|good|wonderful|nice|a (?:great )?pleasure|delighted|pleased|happy) to (?:have|see|welcome) you\b"
    r"|\b(?:pleased|delighted|happy|glad) to welcome you\b|\bwelcome (?:you )?to (?:[A-Z]|the [A-Z])"
    r"|\b(?:good|great|nice) to be (?:back )?here\b|\bgood to be back\b|\bthank you for coming\b|\bthanks for coming\b",
)

# Words that make a contact cancelled or planned when they govern its word (contract v1.1: "Biden
# called Albanese to explain why he had postponed his visit" is a held call beside a cancelled visit).
CANCEL_HEADS = frozenset("cancel postpone scrap scuttle delay shelve defer abandon suspend halt end".split())

PLAN_HEADS = frozenset("""agree plan prepare arrange expect schedule invite accept propose intend hope want seek
    set due look consider offer""".split())

PLAN_NOUNS = frozenset("preparation preparations invitation plan plans agenda proposal prospect possibility".split())

PLAN_MODIFIERS = frozenset("planned upcoming forthcoming proposed scheduled expected future next possible".split())

CANCEL_MODIFIERS = frozenset("cancelled canceled postponed scrapped delayed aborted".split())

_GOVERNED = ("dobj", "nsubjpass", "xcomp", "pobj", "prep", "compound", "attr", "acomp", "oprd")

TIME_PREPS = frozenset("during after following at in since amid throughout over on upon".split())

INFORMAL_NOUNS = frozenset("dinner lunch breakfast walk stroll tête-à-tête tete-a-tete tea barbecue".split())

INFORMAL_WORDS = frozenset("informal informally unofficial unofficially private privately".split())

FORMAL_WORDS = frozenset("official officially formal formally state plenary".split())

INITIATING = frozenset({"request", "initiative", "invitation", "suggestion", "behest", "urging"})

ASKING = frozenset({"request", "ask", "seek", "propose", "initiate", "suggest"})
