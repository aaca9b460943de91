"""Whether a date, place or number answers what a question asks of it: it must hang on the asked predicate.

"When does the law take effect?" asks the date of taking effect; "The law, signed by the governor on Tuesday"
gives the date of signing: the sentence is about the law, but "Tuesday" belongs to "signed". The asked
predicate is the question's main verb with its particle and object ("take effect", "announce", "spend"); the
span's clause is the verb it stands under (spaCy's parse) with that verb's words. The span answers when the
clause holds one of the predicate's words, by stem or by a word close in meaning (the TermMatcher's vectors:
"hurt" is "injured"). Questions whose verb says nothing of its own ("When did it happen?", "When is the
debate?") have no predicate, and any clause will do.

Two more ways a filler of the asked slot is not about the asked thing, read from the same parse:
- a date or place that belongs to a noun, not to a verb: "the star of 1962 classic film Lawrence of Arabia"
  dates the film, not its shooting; "Gov. Mike Pence of Indiana" places Pence, not the debate
  (`describes_a_thing`);
- for "Who <did> ...?", a person the asked verb acts upon ("David Gaver was hit") or who stands in a sentence
  that does not say the action at all ("his wife, Laura, who spoke of ..." for "Who designed the building?"),
  unless a "by" phrase or a role of the asked thing ("the study's author") says they did it (`not_the_doer`);
- for "Where ...?", a place that is the subject or object of a verb: it stands for its government or people
  ("allows Pyongyang to produce warheads": `acts_as_a_party`), or one named as another kind of place than the
  one asked ("Which city ...?" of "Broward and St. Lucie counties": `another_kind_of_place`);
- a span in a sentence that lacks a name the question constrains its slot by ("How many people listen to
  Classic FM?" of "With just two million listeners, Radio 3 is ...": `names_elsewhere`).
"""

from __future__ import annotations

import re

from bot.analysis.answer_spans import AnswerSpan, governing_verb, is_agent
from bot.analysis.coverage import constraint_names, writes_name
from bot.analysis.key_terms import SAME_MEANING, TermMatcher
from bot.analysis.lexicon import (
    LEADING_STEMS,
    content_stems,
    content_words,
    says_leading,
    speech_lexicon,
    speech_verb_lemma,
    stems,
)
from bot.analysis.negation_scope import stems_match
from bot.analysis.nlp import name_head, parse_question
from bot.analysis.question import Question
from bot.analysis.retrieval import PassageIndex
from bot.analysis.statements import SPEECH_NOUNS, addressed, an_occasion, reports_speech, says_words
from bot.analysis.verb_roles import asked_part_filled

# Verbs that carry no predicate of their own: the question's noun says what is asked.
EMPTY_VERBS = frozenset({"be", "do", "have", "happen", "occur", "get", "go", "come", "say", "tell", "take place",
                         "make", "begin", "start", "end"})
# The forms whose span must hang on the asked predicate.
FORMS = frozenset({"when", "where", "how_many"})
# The dependencies that belong to a verb's predicate ("take effect", "give up", "cost much").
_PREDICATE_PARTS = frozenset({"prt", "dobj", "acomp", "oprd"})


def asked_predicate(question: Question) -> list[str]:
    """The words of the question's predicate ("take", "effect"), or [] when its verb is an empty one."""
    doc = parse_question(question.text)
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    root = _passive_participle(root) or root
    if root is None or root.pos_ not in ("VERB", "AUX") or root.lemma_.lower() in EMPTY_VERBS:
        return []
    parts = [root.text] + [t.text for t in root.children if t.dep_ in _PREDICATE_PARTS and t.pos_ != "PRON"]
    return [w for w in parts if w.lower() not in _QUESTION_WORDS and content_words(w)]


def _passive_participle(root):
    """The participle of a passive question the parser hung on its subject ("Where was the debate held?":
    "held" an acl of "debate", "was" the root), or None."""
    if root is None or root.pos_ != "AUX":
        return None
    subjects = [t for t in root.children if t.dep_ in ("nsubj", "nsubjpass")]
    return next((t for s in subjects for t in s.children if t.dep_ == "acl" and t.tag_ == "VBN"), None)


def _describes_the_asked_thing(verb, question: Question) -> bool:
    """Whether the verb is a clause describing a noun the question names ("The law, signed on Tuesday, ...":
    "signed" describes "law"): another event of the thing asked about, whose date or place is not the one asked."""
    if verb.dep_ not in _DESCRIBING:
        return False
    return any(stems_match(word, question_word) for word in stems([verb.head.text.lower()]) for question_word in
               question.words)  # fmt: skip


_DESCRIBING = frozenset({"acl", "relcl"})
_QUESTION_WORDS = frozenset({"what", "when", "where", "how", "much", "many", "long", "who", "which"})


def hangs_elsewhere(index: PassageIndex, span: AnswerSpan, question: Question, matcher: TermMatcher) -> bool:
    """Whether the span stands under a verb whose clause holds none of the asked predicate's words: it dates
    or places something else ("signed on Tuesday" for "When does the law take effect?")."""
    if question.form not in FORMS:
        return False
    predicate = asked_predicate(question)
    verb = governing_verb(index, span)
    if not predicate or verb is None or verb.pos_ != "VERB" or not _describes_the_asked_thing(verb, question):
        return False
    return not _holds_predicate([t.text for t in verb.subtree], predicate, matcher)


def belongs_elsewhere(index: PassageIndex, span: AnswerSpan, question: Question, matcher: TermMatcher) -> bool:
    """Whether a date or place is that of another verb describing the thing asked, or of a thing, not of the
    asked event (`hangs_elsewhere`, `describes_a_thing`)."""
    return (
        hangs_elsewhere(index, span, question, matcher)
        or describes_a_thing(index, span, question, matcher)
        or not_the_doer(index, span, question, matcher)
        or names_elsewhere(index, span, question)
        or dates_the_saying(index, span, question)
        or acts_instead(index, span, question)
        or acts_as_a_party(index, span, question)
        or another_kind_of_place(index, span, question)
    )


# Kinds of place (stems), those of one group standing for each other ("Which town ...?": "the city of ...").
_PLACE_KINDS = (
    frozenset({"town", "citi", "villag"}),
    frozenset({"counti", "district", "borough"}),
    frozenset({"state", "provinc", "region"}),
    frozenset({"countri", "nation"}),
)


def another_kind_of_place(index: PassageIndex, span: AnswerSpan, question: Question) -> bool:
    """For "Which <kind of place> ...?": whether the place is named as another kind ("Which city is Clinton
    visiting?" of "in Broward and St. Lucie counties")."""
    if question.form != "where" or not question.type_noun:
        return False
    # Every kind the question names counts ("Which city or province was he born in?").
    asked = {kind for kinds in _PLACE_KINDS if question.words & kinds for kind in kinds}
    if not asked:
        return False
    others = {kind for kinds in _PLACE_KINDS for kind in kinds} - asked
    return not any(index.names_thing(span.entity, kind) for kind in asked) and any(
        index.names_thing(span.entity, kind) for kind in others
    )


# A place named as the subject or object of a verb, or as someone's (Pyongyang "produces", "allows Pyongyang",
# "Washington's response"), stands for its government or its people: no place where something happened.
_PARTY_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "iobj", "poss"})


def acts_as_a_party(index: PassageIndex, span: AnswerSpan, question: Question) -> bool:
    """For a "Where ...?" question: whether the place is a party to what happens, not where it does ("allows Pyongyang
    to produce nuclear warheads" for "Where was the test carried out?"), or is told something (`addressed`)."""
    if question.form != "where" or question.type_noun or span.entity.label not in ("GPE", "LOC"):
        return question.form == "where" and addressed(index.parsed, span.entity)  # "Which state ...?" asks a party
    parsed = index.parsed
    found = parsed.char_span(span.entity.start, span.entity.end, alignment_mode="expand") if parsed else None
    return found is not None and name_head(found.root).dep_ in _PARTY_DEPS


def acts_instead(index: PassageIndex, span: AnswerSpan, question: Question) -> bool:
    """Whether a when / where question asks of someone undergoing its verb ("When did Downton get sacked?") and
    the span's clause has them do that verb to someone else ("Downton - who in turn had sacked Pietersen over a
    year ago"): the active verb, its subject the one asked about, its object another, dates or places the other
    event ("Gov. Lee signed the bill on Tuesday" still answers "When was the bill signed?")."""
    if question.form not in _NOUN_SLOT_FORMS:
        return False
    root = next((t for t in parse_question(question.text) if t.dep_ == "ROOT"), None)
    subject = next((c for c in root.children if c.dep_ == "nsubjpass"), None) if root is not None else None
    verb = governing_verb(index, span)
    if subject is None or root.pos_ != "VERB" or verb is None or verb.pos_ != "VERB":
        return False
    asked = content_stems(" ".join(t.text for t in subject.subtree))
    if not asked or not stems_match(stems([verb.lower_])[0], stems([root.lower_])[0]):
        return False
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    doers = [c for c in verb.children if c.dep_ == "nsubj"]
    if not objects or any(asked & content_stems(" ".join(t.text for t in o.subtree)) for o in objects):
        return False
    relative = [d for d in doers if d.lower_ in ("who", "which", "that") and verb.dep_ == "relcl"]
    said_of = [t.text for t in verb.head.subtree if t.i < verb.i] if relative else []  # "the sacking of Downton - who"
    return any(asked & content_stems(d.text) for d in doers) or bool(asked & content_stems(" ".join(said_of)))


def dates_the_saying(index: PassageIndex, span: AnswerSpan, question: Question) -> bool:
    """Whether a date is that of someone's saying ("Clegg will say today: 'We plan to raise the allowance'")
    while the question asks of no saying ("When will the allowance go up?"): it dates the words, not what they
    speak of. A question with a verb or noun of speech ("When was the plan announced?") takes it."""
    if question.form != "when" or _asks_of_speech(question):
        return False
    verb = governing_verb(index, span)
    return verb is not None and verb.pos_ == "VERB" and says_words(verb)  # "was revealed last week": no saying


def _asks_of_speech(question: Question) -> bool:
    """A noun or verb of speech in the question; not a verb that speaks only with its particle ("go on")."""
    lexicon = speech_lexicon()
    verbs = [speech_verb_lemma(w) for w in content_words(question.text)]
    plain = [v for v in verbs if v is not None and any(entry.particle is None for entry in lexicon[v])]
    return bool(SPEECH_NOUNS & question.words) or bool(plain)


def _holds_predicate(words: list[str], predicate: list[str], matcher: TermMatcher) -> bool:
    """Whether `words` hold one of the predicate's words, by stem or by meaning."""
    clause = [w for w in words if content_words(w)]
    held = stems([w.lower() for w in clause])
    return any(
        any(stems_match(word_stem, h) for h in held) or matcher.closest(word.lower(), clause) >= SAME_MEANING
        for word, word_stem in zip(predicate, stems([w.lower() for w in predicate]), strict=True)
    )


# The forms whose span may belong to a noun instead of the asked event: a date or a place.
_NOUN_SLOT_FORMS = frozenset({"when", "where"})
# How a date qualifies the noun it dates ("the 1962 film", "Tuesday's hearing", "the 2016 election").
_QUALIFIES = frozenset({"compound", "amod", "nmod", "nummod", "poss"})
# Prepositions by which a noun phrase places or dates the event of its verb ("taken to a hospital in Norfolk",
# "arrested during the 2012 debate", "escorted off the premises of the university", "removed from the lobby of a
# hotel": the place left is where it happened): the place or date inside that noun phrase is the event's.
_EVENT_PREPOSITIONS = {
    "where": frozenset({"in", "at", "on", "near", "to", "into", "inside", "outside", "across", "through", "during",
                        "off", "from", "onto"}),
    "when": frozenset({"on", "in", "at", "during", "since", "until", "by", "before", "after", "within", "around"}),
}


def describes_a_thing(index: PassageIndex, span: AnswerSpan, question: Question, matcher: TermMatcher) -> bool:
    """Whether a date or a place is that of a thing, not of the asked event: its noun phrase qualifies a noun
    ("the star of 1962 classic film Lawrence of Arabia", "Gov. Mike Pence of Indiana", "the war in Iraq")
    rather than a verb ("found sleeping on a Florida beach", "taken to a hospital in Norfolk"), and that noun
    is not the asked predicate ("When was the film shot?" asks when it was shot, not the film's year).
    Questions with an empty verb ("When is the debate?", "In which town is the shelter?") ask of the noun
    itself and are left alone, and so is a place that names the kind asked ("Which university ...?")."""
    if question.form not in _NOUN_SLOT_FORMS or index.parsed is None:
        return False
    predicate = asked_predicate(question)
    if not predicate or (question.type_noun and index.names_thing(span.entity, question.type_noun)):
        return False
    found = index.parsed.char_span(span.entity.start, span.entity.end, alignment_mode="expand")
    owner = _owner(found.root, question.form) if found is not None else None
    if owner is None or owner.pos_ not in ("NOUN", "PROPN") or (question.form == "where" and an_occasion(owner)):
        return False  # "revealed at the Aircraft Interiors Expo in Hamburg": where it was revealed
    # a place of the thing asked about is where it was ("the election offices in Arizona" for "Where were the
    # offices hit?"); a date of a thing is not when the asked event was ("the 1962 film" for "When was it shot?")
    asked = predicate + (list(question.key_words) if question.form == "where" else [])
    return not _holds_predicate([owner.text], asked, matcher)


def _owner(token, form: str):
    """The noun a date or place phrase belongs to ("war" of "the war in Iraq", "film" of "1962 classic film"),
    or None when the phrase is on a verb, directly or through a noun that places or dates the verb's event."""
    while token.dep_ in ("compound", "conj", "appos") and token.head.i != token.i and (
        form == "where" or token.head.pos_ == "PROPN"
    ):
        token = token.head  # "a Florida beach", "Lawrence of Arabia": up to the phrase the name is in
    if token.dep_ == "pobj" and token.head.i != token.i:
        owner = token.head.head if token.head.head.i != token.head.i else None
    elif token.dep_ in _QUALIFIES and token.head.i != token.i:  # "the 1962 film", "Jupiter's moon"
        owner = token.head
    else:
        return None
    if owner is not None and owner.dep_ == "pobj" and owner.head.lower_ in _EVENT_PREPOSITIONS[form]:
        return None  # "taken to a hospital in Norfolk": the hospital is where the event was
    return owner


def not_the_doer(index: PassageIndex, span: AnswerSpan, question: Question, matcher: TermMatcher) -> bool:
    """For "Who <did> ...?": whether the person is not who did it: acted upon by a verb of the question ("David
    Gaver was hit in the abdomen" for "Who fired the shot that hit the sergeant?"), or named in a sentence that
    does not say the asked action, by stem or by meaning ("his wife, Laura, who spoke of ..." for "Who designed
    the building?"), unless they stand in a "by" phrase of what is asked ("The study, by two scientists ...")."""
    action = _action_word(question)
    if not action or index.parsed is None or is_agent(index, span.entity, question):
        return False
    if asked_part_filled(index, span.entity, question):  # "the officer who shot Scott - Brentley Vinson, ... -"
        return False
    found = index.parsed.char_span(span.entity.start, span.entity.end, alignment_mode="expand")
    if found is None:
        return False
    token = name_head(found.root)
    undergone = _undergoing_verdict(token, action, question, matcher)
    if undergone is not None:
        return undergone
    if token.dep_ in ("nsubjpass", "dobj") and _says_action(token.head, action, question, matcher):
        return True  # "was hit" for "Who shot ...?"
    if token.dep_ in ("nsubjpass", "dobj") and any(stems_match(w, h) for h in stems([token.head.lower_])
                                                    for w in question.words):  # fmt: skip
        return True
    if _says_what_is_asked(token, action):
        return False
    if _role_of_the_asked_thing(token, question, matcher) or _phrasal(question):
        return False  # a phrasal verb's meaning is not its verb's ("pushed back" is "opposed"): no word to match
    words = [t.text for t in found.sent if content_words(t.text)]
    held = stems([w.lower() for w in words])
    led = question.words - {question.action}  # what is led must be in the sentence too
    if question.action in LEADING_STEMS and says_leading(set(held)) and led & set(held):
        return False  # "Don Fowler, who helmed the DNC" led it; "its executive director, Daryl Kimball" heads it
    return not any(stems_match(question.action, h) for h in held) and matcher.closest(action, words) < SAME_MEANING


def _says_what_is_asked(token, action: str) -> bool:
    """For an asked action that is a way of saying ("Who proposed ...?", "Who warned ...?"), whether the person
    is who says something in their sentence: the subject of a verb of saying, or set beside it ("The head of
    the Carnegie Moscow Center, Dmitri Trenin, argued ... that Russia can help ... by offering it new economic
    prospects"). What they say is the proposal; whether it is the one asked about is retrieval's part."""
    if speech_verb_lemma(action) is None:
        return False
    subject = token
    if token.dep_ == "appos" and token.head.i != token.i:
        subject = token.head
        if subject.dep_ == "pobj" and subject.head.dep_ == "prep":  # the parser sets the name beside "Center"
            subject = subject.head.head
    return subject.dep_ == "nsubj" and reports_speech(subject.head)


# Verbs whose subject undergoes them ("Who died?", "Who drowned?"): a person acted upon by a verb of the same
# meaning ("was killed") is who the question asks for, not someone else's deed.
_UNDERGOING = frozenset(stems(["die", "drown", "perish", "suffer", "survive"]))


def _undergoing_verdict(token, action: str, question: Question, matcher: TermMatcher) -> bool | None:
    """For "Who died ...?" and a person acted upon: False when their own verb says the asked one ("Enoch Gaver
    was killed" underwent it), True when only another verb of their sentence does ("... and David Gaver was
    shot": David did not die), None when neither does or the question asks no such verb."""
    if token.dep_ not in ("nsubjpass", "dobj") or question.action not in _UNDERGOING:
        return None
    if _says_action(token.head, action, question, matcher):
        return False
    others = (t for t in token.sent if t.pos_ == "VERB" and t.i != token.head.i)
    return True if any(_says_action(verb, action, question, matcher) for verb in others) else None


def _says_action(verb, action: str, question: Question, matcher: TermMatcher) -> bool:
    """Whether a verb is the question's action, by stem or by meaning ("killed" for "died")."""
    same = matcher.similarity(action, verb.lower_) >= SAME_MEANING
    return same or stems_match(stems([verb.lower_])[0], question.action)


def _action_word(question: Question) -> str:
    """The verb a "who <did> ...?" question asks about, as written ("designed"), or ""."""
    if question.form != "who" or not question.action:
        return ""
    words = question.text.lower().replace("?", " ").split()
    at = next((n for n, w in enumerate(words) if w in ("who", "whom")), None)
    return words[at + 1] if at is not None and at + 1 < len(words) else ""


def _role_of_the_asked_thing(token, question: Question, matcher: TermMatcher) -> bool:
    """Whether a person is set beside a role of the thing a who-question asks about ("the study's author, Dr
    Urho Kujala" for "Who led the study?"; "the bill's sponsor"), so the role says they did it; the thing by
    stem or by meaning ("the study's author" for "Who headed the research?")."""
    roles = [token.head] if token.dep_ == "appos" and token.head.i != token.i else []
    roles += [c for c in token.children if c.dep_ == "appos"]
    asked = content_words(question.text) if roles else []
    for role in roles:
        owners = [c for c in role.children if c.dep_ == "poss"]
        owners += [o for c in role.children if c.lower_ == "of" for o in c.children if o.dep_ == "pobj"]
        if any(stems_match(w, q) for w in stems([o.lower_ for o in owners]) for q in question.words):
            return True
        if any(matcher.similarity(o.lower_, word) >= SAME_MEANING for o in owners for word in asked):
            return True
    return False


# Adverbs that make a phrasal verb with the verb before them ("pushed back", which the parser calls an advmod).
_PARTICLES = frozenset({"back", "out", "up", "down", "off", "away", "over", "in", "on"})


def _phrasal(question: Question) -> bool:
    """Whether the asked action is a verb with a particle ("Who pushed back on that?", "Who carried out ...?")."""
    return any(
        t.dep_ == "prt" or (t.dep_ == "advmod" and t.lower_ in _PARTICLES and t.i == t.head.i + 1)
        for t in parse_question(question.text)
    )


_SPAN_FORMS = frozenset({"who", "when", "where", "how_many"})


def names_elsewhere(index: PassageIndex, span: AnswerSpan, question: Question) -> bool:
    """Whether the span's sentence lacks a name that constrains what the question asks ("How many people listen
    to Classic FM?" of "With just two million listeners, Radio 3 is ..."): its number is another thing's. The
    names are those `coverage.constraint_names` keeps (not the question's subject), less the source a question
    cites ("according to the IMF"). For a who-question, whose answer is a person acting or speaking on what the
    name stands for, the sentence before counts as the span's own, in its paragraph ("calls to look to Moscow
    for help with North Korea ... Dmitri Trenin argued that Russia can help nudge Pyongyang ... by offering it
    new economic prospects") or ending the one before ("A union ... endorsed Hillary Clinton ... on Thursday. //
    In a statement announcing the pick, the Association of Flight Attendants ..."). A date or a number must
    stand with what it measures."""
    if question.form not in _SPAN_FORMS:
        return False
    names = [n for n in constraint_names(question) if n in question.names and not _cited(n, question.text)]
    if not names:
        return False
    i = index.sentences_overlapping(span.entity.start, span.entity.end)
    before = i[0] - 1 if i else -1
    if question.form == "who" and before >= 0:  # the sentence before may name what this one calls "it" or "the
        i = [before, *i]  # pick" (the paragraph before, when this sentence opens one: news paragraphs are short)
    text = " ".join(index.sentences[j].text for j in i)
    return any(not writes_name(text, name) for name in names)  # "Judge Stephen Kramer" writes "Judge Kramer"


def _cited(name: str, text: str) -> bool:
    return bool(re.search(rf"\baccording to (?:the )?{re.escape(name)}", text, re.I))
