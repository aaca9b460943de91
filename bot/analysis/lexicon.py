"""Every word list, stem and data file the analysis and the checks share, in one place.

Moved here as they were (one step of the redesign): some lists still overlap — four kinds of titles and
abbreviations — and are merged where the code that uses them is reworked, each merge measured against the
quality floors in benchmarks/floors.json. One stemmer (Snowball), one set of quote marks, one stopword list.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

_DATA = Path(__file__).parent / "data"


# -- speech verbs and nouns (data/*.txt) ----------------------------------------------------------------
@dataclass(frozen=True)
class SpeechVerb:
    """One entry of data/speech_verbs.txt: a lemma's particle and what must follow it for it to count."""

    particle: str | None  # "out" of "point out"
    needs: str  # "quote", "words" (a quote, clause or colon), "object" (or else an object), "nothing"


_NEEDS = {"*": "quote", "=": "words", "+": "nothing"}


@functools.cache
def speech_lexicon() -> dict[str, list[SpeechVerb]]:
    """lemma -> its entries in data/speech_verbs.txt."""
    lexicon: dict[str, list[SpeechVerb]] = {}
    for line in (_DATA / "speech_verbs.txt").read_text(encoding="utf-8").splitlines():
        words = line.split("#", 1)[0].split()
        if not words:
            continue
        needs = _NEEDS.get(words[-1], "object")
        words = [w for w in words if w not in _NEEDS]
        lexicon.setdefault(words[0], []).append(SpeechVerb(words[1] if len(words) > 1 else None, needs))
    return lexicon


@functools.cache
def _word_list(name: str) -> frozenset[str]:
    lines = (_DATA / name).read_text(encoding="utf-8").splitlines()
    return frozenset(w for line in lines for w in line.split("#", 1)[0].split())


def stance_nouns() -> frozenset[str]:
    """Nouns of 'took a similar position' and 'In X's view' (data/stance_nouns.txt)."""
    return _word_list("stance_nouns.txt")


def speech_nouns() -> frozenset[str]:
    """Nouns of "X's claim that ..." (data/speech_nouns.txt)."""
    return _word_list("speech_nouns.txt")


def degree_words() -> frozenset[str]:
    """Words that grade a claim ("significant", "sharply"): data/degree_words.txt."""
    return _word_list("degree_words.txt")


# Verbs that state a stance with a stance noun as their object: "took a similar position".
STANCE_VERBS = frozenset({"take", "adopt", "share", "hold", "echo", "express", "voice", "stake", "offer",
                          "endorse"})
# Heads that leave the speech verb below them unsaid: "declined to say", "wants to tell".
SILENT_HEADS = frozenset({"decline", "refuse", "fail", "hesitate", "want", "plan", "expect", "intend", "hope",
                          "need", "try", "seek", "deny", "avoid", "stop", "forget", "pretend"})
# Heads that make the speech someone else's to do: "made Kadzik testify".
CAUSATIVES = frozenset({"make", "let", "have", "force", "get"})


@functools.cache
def first_name_genders() -> dict[str, str]:
    """Given names and the pronoun they usually take, from data/first_names.txt."""
    genders: dict[str, str] = {}
    for line in (_DATA / "first_names.txt").read_text(encoding="utf-8").splitlines():
        if line[:2] in ("m ", "f "):
            genders.update(dict.fromkeys(line.split()[1:], line[0]))
    return genders


# -- titles, honorifics, abbreviations ------------------------------------------------------------------
# Honorifics: they stand before a name and are no role ("Mr. Dmitri Trenin" has none).
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "sir", "dame", "rev", "messrs"})
# Abbreviated titles, as a role writes them out ("Sen. Rob Portman (R-Ohio)" is "Senator (R-Ohio)").
TITLE_ABBREVIATIONS = {
    "sen": "Senator", "rep": "Representative", "gov": "Governor", "gen": "General", "lt": "Lieutenant",
    "col": "Colonel", "sgt": "Sergeant", "capt": "Captain", "adm": "Admiral", "prof": "Professor",
    "amb": "Ambassador", "atty": "Attorney", "supt": "Superintendent", "cmdr": "Commander", "maj": "Major",
}
# Words that stand before a name without being part of it (spaCy sometimes puts them in the entity): the
# honorifics, the abbreviated titles and these.
TITLES = HONORIFICS | set(TITLE_ABBREVIATIONS) | {
    "president", "vice", "secretary", "senator", "governor", "representative", "congressman", "congresswoman",
    "minister", "judge", "justice", "mayor", "lord", "lady", "king", "queen", "prince", "princess", "pope",
    "chairman", "chairwoman", "ambassador", "speaker", "sheriff", "general", "professor", "former", "candidate",
    "nominee", "father", "sister", "brother", "rabbi", "imam", "chancellor", "premier", "prime",
    "councillor", "councilor", "councilman", "councilwoman", "alderman", "commissioner", "inspector",
    "detective", "officer", "trooper", "deputy", "director", "coach", "bishop", "cardinal", "archbishop",
}
# Titles that, capitalised right before two or three capitalised words, mark them as a person's name even
# when the tagger missed it ("said Mayor Ana Ruiz", "Councillor Priya Nair, one of the two members").
NAME_TITLES = TITLES - {"former", "candidate", "nominee", "vice", "prime", "speaker", "general", "justice",
                        "officer", "deputy", "director", "coach", "cardinal"}
MALE_WORDS = frozenset({"mr", "sir", "lord", "king", "prince", "father", "brother", "congressman", "chairman",
                        "spokesman", "businessman", "husband", "son", "actor", "councilman", "assemblyman"})
FEMALE_WORDS = frozenset({"mrs", "ms", "miss", "dame", "lady", "queen", "princess", "sister", "congresswoman",
                          "chairwoman", "spokeswoman", "businesswoman", "wife", "daughter", "actress",
                          "councilwoman", "assemblywoman", "mother"})
# What may follow a surname without being it ("Martin Luther King Jr."), and the small words inside names.
NAME_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})
NAME_PARTICLES = NAME_SUFFIXES | {"de", "del", "della", "der", "van", "von", "bin", "al", "la", "le", "da", "di",
                                  "dos", "du", "ibn", "ben", "el", "st."}
POSSESSIVE_ENDINGS = frozenset({"'s", "’s", "'", "’"})
# Nouns that name an institution: in a tagged "person" they make it none, heading a subject they make it
# an organization.
_INSTITUTION_NOUNS = frozenset({
    "center", "centre", "foundation", "institute", "university", "company", "party", "committee", "council",
    "department", "ministry", "agency", "administration", "campaign",
})
# A firm's trade or form after its name: "Patriot Coal", "Peabody Energy", "Carlyle Group".
FIRM_WORDS = frozenset({
    "coal", "energy", "mining", "oil", "petroleum", "motors", "airlines", "airways", "pharmaceuticals",
    "capital", "partners", "group", "technologies", "industries", "enterprises", "insurance", "plc", "llp",
})
# Words that make a tagged "person" an institution, a place or a work.
NOT_IN_NAMES = _INSTITUTION_NOUNS | {
    "college", "school", "library", "museum", "corporation", "inc", "hospital", "bank", "street", "avenue",
    "square", "bridge", "tower", "act", "amendment", "award", "prize", "times", "post", "news", "show", "fund",
    "chronicle", "tribune", "herald", "gazette", "journal", "telegraph", "productions", "studios", "records",
    *FIRM_WORDS,
    "entertainment", "holdings", "llc", "ltd",
}
# Words that open a letter, not a name ("DEAR ABBY:", "Dear Concerned Sister:").
SALUTATIONS = frozenset({"dear"})
# Abbreviated playing positions that a sports page writes before a name ("Browns DL Sheldon Richardson").
POSITION_ABBREVIATIONS = frozenset({
    "qb", "rb", "fb", "wr", "te", "ol", "dl", "lb", "ilb", "olb", "cb", "db", "dt", "ot", "og", "ss", "fs",
    "gk", "pg", "sg", "sf", "pf", "rhp", "lhp", "sp", "rp", "dh",
})
# Heads of a subject that make it an organization ("the Trump campaign said"), when the phrase says whose.
ORGANIZATION_NOUNS = _INSTITUTION_NOUNS | {
    "commission", "office", "government", "court", "police", "army", "military", "embassy", "spokesperson",
    "board", "bureau", "union", "firm", "group", "organization", "organisation", "authority", "authorities",
    "service", "network", "newspaper", "magazine", "white house", "kremlin", "pentagon",
}
# Things a person writes or says that "say" for them: "Ivana Trump's brief said", "according to a speech
# Mrs. Clinton delivered", "in a statement, Smith said".
SPOKEN_WORK_NOUNS = frozenset({
    "brief", "statement", "letter", "speech", "filing", "memo", "tweet", "post", "email", "e-mail", "op-ed",
    "column", "commentary", "essay", "remarks", "testimony", "interview", "address", "affidavit", "complaint",
    "lawsuit", "motion", "book", "memoir", "blog", "message", "note", "announcement",
})
# Words that open a subordinate clause or a fragment, never a view on its own: "When Ghani announced the
# exchange", "before Garrett responded", "which would cost more" (bot.jobs.positions, bot.checks.rules).
SUBORDINATORS = frozenset({
    "when", "whenever", "before", "after", "while", "whilst", "because", "since", "until", "unless", "if",
    "although", "though", "whereas", "as", "once", "which", "who", "whom", "whose", "where", "whether", "how",
    "why", "what", "and", "but", "or", "so", "then", "by", "with", "without", "during", "despite", "amid",
})
# -- one person across sources (bot.analysis.names, bot.analysis.affiliations) ---------------------------
# Capitalised words of a role that name a job, not an organisation: "Senate Majority Leader" names the Senate.
ROLE_WORDS = TITLES | {
    "spokesman", "spokeswoman", "spokesperson", "press", "leader", "majority", "minority", "chief", "executive",
    "interim", "acting", "assistant", "associate", "head", "member", "chair", "chairperson", "president-elect",
    "founder", "editor", "correspondent", "analyst", "adviser", "advisor", "economist", "expert", "fellow",
    "scholar", "researcher", "lawyer", "attorney", "counsel", "manager", "owner", "partner", "aide", "staff",
    "senior", "junior", "lieutenant", "secretary-general", "foreign", "national", "security",
    "superintendent", "quarterback", "linebacker", "receiver", "pitcher", "goalkeeper", "captain", "striker",
    "midfielder", "defender", "forward", "rookie", "veteran", "star", "ceo", "cfo", "coo", "cto",
}
# Party words: a party is not an organisation a role changes with ("GOP nominee", "Republican senator");
# a role's party marker "(R-Ohio)" is compared instead.
PARTY_WORDS = frozenset({"republican", "republicans", "democrat", "democrats", "democratic", "gop", "labour",
                         "tory", "conservative", "liberal", "green", "independent"})
# Words of an organisation's name that do not tell one organisation from another ("Northfield University").
ORGANISATION_WORDS = ORGANIZATION_NOUNS | NOT_IN_NAMES | {
    "association", "society", "club", "league", "federation", "alliance", "coalition", "trust", "lines", "airlines",
    "partners", "holdings", "international", "global", "centers", "institution", "hospital", "clinic", "chamber",
    "commerce", "city", "state", "county", "house", "senate", "congress", "parliament", "assembly", "general",
}
# Words a comparison of one person's positions may use without adding a claim (bot.jobs.comparison).
COMPARISON_WORDS = frozenset({
    "consistently", "consistent", "both", "each", "every", "again", "also", "still", "same", "similar", "similarly",
    "changed", "changes", "shifted", "shifts", "stays", "stayed", "remains", "remained", "view", "views", "position",
    "positions", "earlier", "later", "first", "then", "now", "throughout", "repeatedly", "maintains", "maintained",
    "articles", "across", "while", "whereas", "but", "different", "differently", "argues", "argued", "says", "said",
})
# Small words inside an organisation's name: "Chamber of Commerce", "Center for Strategic and ...".
NAME_CONNECTORS = frozenset({"of", "the", "for", "and", "&", "on", "de", "in"})
PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}
OTHER_NAME_ENTITIES = frozenset({"ORG", "FAC", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW", "GPE", "LOC", "NORP"})
# A caption's position words: "Joshua Barnes (right)" gives no role.
PICTURE_WORDS = frozenset({"left", "right", "center", "centre", "pictured", "above", "below", "top", "bottom",
                           "inset"})
# Words that open a relative clause: "Mike Olsen, who chairs the committee, wrote ...".
RELATIVE_PRONOUNS = frozenset({"who", "that", "which"})

# Words before a full stop that is no sentence end ("Mr.", "U.S.", "Jan."), lower case, without the stop:
# the abbreviated honorifics and titles, and these.
ABBREVIATIONS = (HONORIFICS - {"miss", "sir", "dame"}) | set(TITLE_ABBREVIATIONS) | {
    "st", "sr", "jr", "no", "vs", "inc", "co", "corp", "ltd", "mt", "ft", "u.s", "u.k", "u.n", "e.g", "i.e",
    "etc", "jan", "feb", "aug", "sept", "oct", "nov", "dec", "a.m", "p.m",
}


# -- quote pairing --------------------------------------------------------------------------------------
# The marks bot.analysis.quotes pairs: double ones (curly, straight, the NYT's '' and ``, guillemets), and
# single ones (curly, straight, single guillemets) in a text that quotes more with them. A straight mark
# opens or closes by what stands next to it.
DOUBLE_QUOTE_MARK = re.compile(r"''|``|[\"“”„«»]")
SINGLE_QUOTE_MARK = re.compile(r"(?<!')[‘’'‹›](?!')")
OPENING_QUOTE_MARKS = frozenset({"“", "„", "«", "``", "‘", "‹"})  # marks that only open
CLOSING_QUOTE_MARKS = frozenset({"”", "»", "’", "›"})  # marks that only close
# Marks an expert's evidence starts right after when it is a quote's inner text: the opening marks but ‹,
# and the straight ones.
QUOTE_OPENINGS = (OPENING_QUOTE_MARKS - {"‹"}) | {'"', "''"}


# -- function words, negations, numbers -----------------------------------------------------------------
NEGATIONS = {"not", "no", "never", "nor", "none", "nobody", "nothing", "neither", "without", "cannot"}

# Words a rewrite may add without adding a fact: function words, and the glue of a summary. Not spaCy's
# STOP_WORDS: that list (326 words, with "three", "first", "name", "show", "call") made the follow-up
# benchmark's first citation hold the answer less often (0.706 -> 0.691) when tried.
STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before being below
    between both but by can could did do does doing down during each few for from further had has have having
    he her here hers herself him himself his how i if in into is it its itself just me more most my myself no
    nor not now of off on once only or other our ours ourselves out over own same she should so some such than
    that the their theirs them themselves then there these they this those through to too under until up very
    was we were what when where which while who whom why will with would you your yours yourself yourselves
    says said say saying according while however meanwhile still yet already one ones may might must shall
    it's that's there's he's she's they're we're i'm you're isn't aren't wasn't weren't don't doesn't
    didn't won't wouldn't can't couldn't shouldn't hasn't haven't hadn't""".split()
)

# Numbers written as words: "three years", "a dozen", "half of the cost".
NUMBER_WORDS = frozenset({
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "thousand",
    "million", "billion", "trillion", "dozen", "dozens", "half", "first", "second", "third", "percent",
})

# Words that shape a question but say nothing about its topic.
QUESTION_WORDS = frozenset(
    """what who whom whose why how when where which much many does did do is are was were think thinks thought say says
    said tell told article source story piece author mention mentions mentioned according anything something
    give gives given explain explains explained describe describes described exactly kind happen happened""".split()
)

# Stopwords that carry a stance, kept for search: "who voted against" is not "who voted".
STANCE_WORDS = frozenset({"against", "without", "versus"})

# Words that open a sentence in lower case once it follows other words ("The author argues that the city...",
# "Dmitri Trenin argued that it can..."); other capitalised openers may be names.
COMMON_OPENERS = frozenset({
    "the", "a", "an", "this", "that", "these", "those", "it", "its", "there", "we", "our", "they", "their",
    "calls", "any", "no", "not", "all", "some", "many", "most", "every", "each", "if", "when", "in", "for",
})

# Words a title-case headline leaves in lower case ("Russia Isn't the Answer to America's Problems With...").
TITLE_CASE_MINOR_WORDS = frozenset({
    "a", "an", "the", "and", "but", "or", "nor", "for", "so", "yet", "as", "at", "by", "in", "of", "off", "on",
    "per", "to", "up", "via", "vs", "v", "with", "from", "into", "onto", "over", "than", "out", "amid", "after",
})

# The words of a text, as the checks and the search compare them.
WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")


def fold(text: str) -> str:
    """Lower case, curly apostrophes made straight, whitespace collapsed: the form words are compared in."""
    return re.sub(r"\s+", " ", text.replace("’", "'").replace("‘", "'")).lower()


def content_words(text: str, keep: frozenset[str] = frozenset()) -> list[str]:
    """The words of a text in order, lower case, without stopwords (except those in `keep`) and bare digits."""
    return [w for w in WORD.findall(fold(text)) if (not _stopword(w) or w in keep) and not w.isdigit()]


def _stopword(word: str) -> bool:
    """A stopword, or one with "'s" on it that the list lacks: "what's" and "who's" are "what" and "who" (the
    stem of "what's" is "what", a key word of "What's the dog's name?" that no sentence holds), as "it's" is."""
    return word in STOPWORDS or (word.endswith("'s") and word[:-2] in STOPWORDS)


# A name that may be a person's: capitalised, not a demonym ("American", "Chinese", "British", "Iraqi").
PERSON_LIKE = re.compile(r"^(?![A-Z][a-z]+(?:an|ese|ish|i)$)[A-Z][a-z][\w.'’-]*(?: [\w.'’-]+)*$")


# -- stems ----------------------------------------------------------------------------------------------
@functools.cache
def _snowball():
    import Stemmer

    return Stemmer.Stemmer("english")


def stem(word: str) -> str:
    """The Snowball (Porter 2) stem of a word, so 'votes', 'voted' and 'voting' match: 'vote'."""
    return _snowball().stemWord(word.replace("’", "'").lower())


def stems(words: list[str]) -> list[str]:
    """`stem` of each word (many at once)."""
    return _snowball().stemWords([word.replace("’", "'").lower() for word in words])


def content_stems(text: str) -> set[str]:
    """The stems of a text's content words."""
    return set(stems(content_words(text)))


# Past and present forms of speech verbs that no suffix rule takes back to their lemma.
IRREGULAR_SPEECH_FORMS = {"said", "told", "wrote", "spoke", "went", "held", "took", "began", "says", "tells", "writes"}


# The irregular past forms of the verbs in data/speech_verbs.txt, which no stemmer takes back to their lemma.
_IRREGULAR_SPEECH_PASTS = {"said": "say", "told": "tell", "spoke": "speak", "spoken": "speak", "wrote": "write",
                           "written": "write", "began": "begin", "begun": "begin"}


def speech_verb_lemma(word: str) -> str | None:
    """The lemma in data/speech_verbs.txt an inflected form comes from ('argued' -> 'argue', 'spoke' -> 'speak'),
    else None."""
    lowered = word.replace("’", "'").lower()
    return _IRREGULAR_SPEECH_PASTS.get(lowered) or _speech_stems().get(stem(lowered))


@functools.cache
def _speech_stems() -> dict[str, str]:
    return {stem(lemma): lemma for lemma in speech_lexicon()}


# Verbs of leading something, and the roles of those who lead (stems): a sentence giving someone such a role
# says they head, lead or run it ("Daryl Kimball, executive director of the Arms Control Association").
LEADING_STEMS = frozenset({"head", "lead", "led", "run", "ran", "chair", "direct", "helm", "manag", "command",
                           "govern", "presid", "oversaw", "overse"})
_LEADERSHIP_STEMS = LEADING_STEMS | frozenset({"leader", "chief", "director", "chairman", "chairwoman", "ceo",
                                               "commission", "boss", "governor", "mayor", "captain", "editor",
                                               "dean", "principal", "founder", "secretary-gener"})


def says_leading(sentence_stems: set[str]) -> bool:
    """Whether a sentence's stems say someone leads something: a verb of leading or a leader's role."""
    return bool(sentence_stems & _LEADERSHIP_STEMS)


# -- quote marks ----------------------------------------------------------------------------------------
DOUBLE_QUOTES = "\"“”«»„"
# What a quote may open with ("``" and "''" are how some sources type “ and ”).
OPENING_QUOTES = ("“", '"', "‘", "'", "«", "„", "``")
# Any quote mark, a single one only at a word's edge (so "don't" holds none).
QUOTE_MARK = re.compile(r"[\"“”«»]|(?:^|\s)['‘]|['’](?:\s|$|[,.])")
# A stretch of quoted words: double quotes or guillemets (a quote left open runs to the end of the text), or
# single quotes at word edges.
QUOTED_SPAN = re.compile(r"“[^”]*”?|\"[^\"]*\"?|«[^»]*»?|(?:^|(?<=\s))['‘][^'’]*['’](?=\s|$|[,.;:!?])")
# Words that report speech: "said", "according to", "argued".
REPORTING = re.compile(
    r"\b(said|says|say|told|tells|according to|argued|argues|claimed|claims|added|explained|insisted|warned|"
    r"wrote|writes|believes|believed|suggested|suggests|announced|stated|reported|reports|noted|admitted)\b",
    re.I,
)


def named_then_saying(surname: str, sentence: str) -> bool:
    """ "Sessions, who has led the debate, said ...": the surname, perhaps a clause between commas, perhaps an
    auxiliary, then a verb of saying; read from the words, for sentences the parser gets wrong."""
    pattern = rf"\b{re.escape(surname)}\b(?:,[^,]{{1,120}},)?\s+(?:(?:has|had|have|will|would|also)\s+)*([a-z]+)"
    verbs = [m.group(1) for m in re.finditer(pattern, sentence)]  # a verb's form, not "allegedly"
    return any(REPORTING.fullmatch(w) or (w.endswith(("s", "d")) and speech_verb_lemma(w)) for w in verbs)
