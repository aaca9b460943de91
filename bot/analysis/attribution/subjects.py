"""Who speaks: the speakers of a cue, found through its subject, and the subjects a later pronoun may mean.

A cue's subject is its own, its relative clause's noun, or that of the verb it extends ("smiled and said",
"went on to say", "..., saying", "before asking"); a list of subjects ("Merkley, Brown and Menendez said")
gives one speaker each. When the parser loses the subject, a name or he/she right before the verb, or right
after it following a quote ("…,” said Caddell"), is the speaker. Whom each subject token means is
`bot.analysis.speakers.speaker_of`: a name, a person in apposition, he/she, a description, an organization.
"""

from __future__ import annotations

from bot.analysis.attribution.context import Context, SentenceRow
from bot.analysis.lexicon import RELATIVE_PRONOUNS
from bot.analysis.speakers import Focus, Note, Speaker, speaker_of

_MAX_LISTED = 8  # subjects one cue may have


def subject_notes(ctx: Context, sentence: SentenceRow) -> list[Note]:
    """Named subjects are what a later 'he' or 'she' may refer to: those of the main clause for the
    sentences to come, any for the rest of their own sentence."""
    notes = []
    for token in sentence.tokens:
        if token.dep_ not in ("nsubj", "nsubjpass") or ctx.quoted[token.i]:  # "Guffick was forced ..."
            continue
        name = token if ctx.people.at(token.i) else ctx.people.appositive_name(token)
        verb = token.head
        main = verb.dep_ == "ROOT" or (verb.dep_ == "conj" and verb.head.dep_ == "ROOT")
        if name is not None:
            notes.append(Note(token.i, sentence.index, main, ctx.people.at(name.i)))
        elif main and (owner := _owner(ctx, token)) is not None:
            notes.append(Note(token.i, sentence.index, main, owner))
    return notes + _lost_subjects(ctx, sentence)


def _lost_subjects(ctx: Context, sentence: SentenceRow) -> list[Note]:
    """A name right before a main verb the parser left without a subject: "... homage to Saint Katherine
    Director Michael Redwood paid tribute to O'Toole." (a caption run into the sentence, the name taken for
    an object) is Redwood paying tribute, whom "He said: ..." then means."""
    notes = []
    for verb in sentence.tokens:
        main = verb.dep_ == "ROOT" or (verb.dep_ == "conj" and verb.head.dep_ == "ROOT")
        if not main or verb.tag_ not in ("VBD", "VBZ") or verb.i == sentence.tokens.start or ctx.quoted[verb.i]:
            continue
        if any(c.dep_ in ("nsubj", "nsubjpass", "expl", "cc") for c in verb.children):
            continue  # a subject of its own, or "... and paid": the subject of the verb it is joined to
        name = ctx.doc[verb.i - 1]
        person = ctx.people.at(name.i)
        if person is not None and not ctx.quoted[name.i] and ctx.people.mention(name.i)[1] == verb.i:
            notes.append(Note(name.i, sentence.index, True, person))
    return notes


def _owner(ctx: Context, subject):
    """The person whose thing a main clause is about: "The president's Pacific roots came into play. In
    Honolulu, he told ..." (a name or a definite description in the possessive)."""
    if subject.pos_ not in ("NOUN", "PROPN") or ctx.people.at(subject.i):
        return None
    for child in subject.children:
        if child.dep_ == "poss" and not ctx.quoted[child.i]:
            return ctx.people.at(child.i) or ctx.people.by_description(child)
    return None


def cue_speakers(ctx: Context, verb, sentence: SentenceRow, focus: Focus) -> tuple[Speaker, ...]:
    """The speakers of a speech verb: those its subject names, else one right beside it."""
    subject = _subject(ctx, verb)
    if subject is None:
        return _adjacent_speaker(ctx, verb, sentence, focus)
    speakers = (speaker_of(token, ctx.people, focus, sentence.index) for token in _listed(ctx, subject))
    return tuple(speaker for speaker in speakers if speaker is not None)


def _subject(ctx: Context, verb):
    """The subject of a speech verb: its own, its relative clause's noun, or that of the verb it extends
    ('smiled and said', 'went on to say', '..., saying', 'before asking')."""
    current, joined = verb, False
    for _ in range(4):
        subjects = _own_subjects(ctx, current, passive=joined)
        if subjects:
            # "Ban Ki-moon, the secretary general, vowed": the parser may give the apposition as a second
            # subject; the name is the speaker.
            subject = next((s for s in subjects if ctx.people.at(s.i)), subjects[-1])
            if subject.lower_ in RELATIVE_PRONOUNS and current.dep_ == "relcl":
                return _antecedent(ctx, current)
            return subject
        if current.dep_ == "relcl":
            return None
        if named_head_of_acl(current):
            return current.head
        joined = current.dep_ == "conj"  # "was forced to quit and had since admitted": the conjuncts' subject
        current = _extended(ctx, current)
        if current is None:
            return None
    return None


def _own_subjects(ctx: Context, verb, passive: bool = False) -> list:
    """A verb's subjects; for a verb tagged as a noun ("But Trump claims that ..."), the name compounded to it.
    With `passive`, a passive subject too, for the verb a conjunct shares it with: "Guffick was forced to quit
    and had since admitted ..." (a passive speech verb is never a cue: cues.py; "was asked to comment" says
    nobody commented, so only a conjunct shares it)."""
    wanted = ("nsubj", "nsubjpass") if passive else ("nsubj",)
    subjects = [c for c in verb.children if c.dep_ in wanted and not ctx.quoted[c.i]]
    if not subjects and verb.pos_ == "NOUN":
        subjects = [c for c in verb.children if c.dep_ == "compound" and c.i < verb.i and ctx.people.at(c.i)]
    return subjects


def _extended(ctx: Context, current):
    """The verb whose subject a subjectless verb shares ('smiled and said', '..., saying'), or None."""
    if current.dep_ == "pcomp" and current.head.dep_ == "prep":
        return current.head.head
    if current.dep_ in ("conj", "xcomp"):
        return current.head
    if current.dep_ == "advcl" and current.tag_ == "VBG":
        # "X remain confident despite supporters, such as A and B, now saying ...": theirs, perhaps
        return None if _examples_between(ctx, current) else current.head
    return None


_EXAMPLE_PREPOSITIONS = frozenset({"as", "like", "including", "despite", "among"})


def _examples_between(ctx: Context, participle) -> bool:
    """Whether people named as examples ("such as A and B", "like A", "despite A") stand between a
    "..., saying" and the verb it extends: the saying may then be theirs, not the subject's."""
    head = participle.head
    for token in ctx.doc[min(head.i, participle.i) + 1 : participle.i]:
        if not ctx.people.at(token.i):
            continue
        ancestor = token.head
        while ancestor.i != head.i and ancestor.dep_ != "ROOT":
            if ancestor.dep_ == "prep" and ancestor.lower_ in _EXAMPLE_PREPOSITIONS:
                return True
            ancestor = ancestor.head
    return False


def named_head_of_acl(verb) -> bool:
    """A past-tense verb the parser hung on the name just before it: "which Apple's chief executive, Tim Cook,
    called “total political crap”" (not "a man, John Smith, called a hero by many": that one is passive)."""
    head = verb.head
    return (verb.dep_ == "acl" and verb.tag_ == "VBD" and head.ent_type_ == "PERSON" and head.i < verb.i
            and all(t.is_punct for t in verb.doc[head.i + 1 : verb.i]))


def _antecedent(ctx: Context, relative_clause):
    """The noun a 'who' clause describes: the name just before the 'who' when there is one, since in
    'Will Smith, Robert DeNiro and Stevie Wonder, who joked' the parser may pick the first of the list; all
    the names of a list under one plural title ('economists Ann Lowe and Tom Hale, who said')."""
    before = relative_clause.left_edge.i - 1
    while before >= 0 and ctx.doc[before].is_punct:
        before -= 1
    if before >= 0 and ctx.people.at(before):
        return _list_head(ctx, ctx.doc[before])
    return relative_clause.head


def _list_head(ctx: Context, name):
    """The first of a list of names under one plural title ("economists Ann Lowe and Tom Hale, who said"):
    the clause is all of theirs; else the name itself."""
    first = name
    while first.dep_ == "conj" and ctx.people.at(first.head.i):
        first = first.head
    plural = any(c.dep_ == "compound" and c.tag_ in ("NNS", "NNPS") for c in first.children)
    return first if first is not name and plural else name


def _listed(ctx: Context, subject) -> list:
    """The subject and its conjuncts, with names the parser took for appositions in a list."""
    tokens = [subject]
    for token in tokens:  # grows as conjuncts are found
        for child in token.children:
            listed = child.dep_ == "appos" and ctx.people.at(child.i) and any(
                c.dep_ == "conj" for c in child.children
            )
            if (child.dep_ == "conj" or listed) and len(tokens) < _MAX_LISTED:
                tokens.append(child)
    return tokens


def _adjacent_speaker(ctx: Context, verb, sentence: SentenceRow, focus: Focus) -> tuple[Speaker, ...]:
    """A name or he/she right before the verb ('Chief Chuck Jordan said') or right after it following
    a quote ('…,” said Caddell'): a fallback for when the parser loses the subject."""
    doc = ctx.doc
    before = doc[verb.i - 1] if verb.i > sentence.tokens.start else None
    after = doc[verb.i + 1] if verb.i + 1 < sentence.tokens.end else None
    candidates = []
    if before is not None and not ctx.quoted[before.i]:
        candidates.append(before)
    if after is not None and before is not None and (before.is_quote or before.text == ","):
        candidates.append(after)
    for token in candidates:
        if ctx.people.at(token.i):
            return (Speaker(ctx.people.at(token.i), ctx.people.surely_named(token)),)
        person = focus.resolve(token, sentence.index) if token.lower_ in ("he", "she") else None
        if person is not None:
            return (Speaker(person, False),)
    return ()
