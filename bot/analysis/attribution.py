"""Who says what in a parsed text: quoted and reported words and stances, each tied to its speaker.

Rules over the spaCy parse, each one small enough to pin with a test:
- a cue is a speech verb (data/speech_verbs.txt) outside any quote, not negated, passive, asked about
  ("has he said ...?") or left unsaid ("declined to say", "urged him to say"); its subject, found through
  conjunctions, relative clauses, "..., saying" and "before asking", is the speaker;
- its content is the quotes of its sentence (each quote goes to the cue it is the object of, else the nearest
  one; a few quoted words inside a phrase are a scare quote or a title), else its that-clause or the clause it
  interrupts, else what follows its colon; a verb with only an object ("dismissed the plan as ...") or none
  ("Graham agreed") states a stance, with its own clause as the content;
- "according to X, ...", "In X's view, ...", "X's claim that ..." and "X took a similar position" attribute
  their words to X;
- a quote whose sentence has no cue continues the quote introduced by a colon just before it, else the
  nearest quoted speaker of its paragraph, else that of the sentence just before it in the paragraph before;
- transcript labels ("WALLACE: ...") attribute their paragraph.
Cues inside quotes are ignored, so a person the quoted speaker mentions never becomes a speaker, and cues
inside another cue's reported words are marked `nested`.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from pathlib import Path

from bot.analysis.lexicon import speech_lexicon, speech_nouns, stance_nouns
from bot.analysis.quotes import Quote, find_quotes
from bot.analysis.speakers import Focus, People, Person
from bot.models import Span

_DATA = Path(__file__).parent / "data"

KINDS = ("direct", "reported", "stance")
_STANCE_VERBS = {"take", "adopt", "share", "hold", "echo", "express", "voice", "stake", "offer", "endorse"}
_SILENT_HEADS = {"decline", "refuse", "fail", "hesitate", "want", "plan", "expect", "intend", "hope", "need",
                 "try", "seek", "deny", "avoid", "stop", "forget", "pretend"}
_ORGANIZATION_NOUNS = {
    "ministry", "department", "campaign", "committee", "commission", "agency", "office", "government",
    "administration", "company", "council", "court", "party", "police", "army", "military", "embassy",
    "spokesperson", "board", "bureau", "foundation", "institute", "university", "union", "firm", "group",
    "organization", "organisation", "authority", "authorities", "service", "center", "centre", "network",
    "newspaper", "magazine", "white house", "kremlin", "pentagon",
}
_CONTENT_DEPS = {"dobj", "oprd", "ccomp", "xcomp", "attr", "acomp", "dep"}
_CAUSATIVES = {"make", "let", "have", "force", "get"}
_RELATIVE = {"who", "that", "which"}
# A speech verb in one of these roles is a noun or a modifier ("contributed reporting", "a so-called plan").
_NOT_PREDICATES = {"amod", "acl", "compound", "auxpass", "dobj", "pobj", "nsubj", "nsubjpass", "attr", "appos"}
_MAX_COLON_GAP = 8  # tokens between a cue and its colon: "told reporters in a statement on Monday:"
_SCARE_QUOTE_WORDS = 3  # shorter quotes inside a sentence of other words are scare quotes or titles
_TITLE_WORDS = 8  # a quoted title in a sentence ("on CNN's “State of the Union”") is at most this long


@dataclass(frozen=True)
class Attribution:
    """Words or a stance the text attributes to a speaker, with offsets into the parsed text.

    `speaker` is a canonical person name, an organization's name (`organization` true), or None when the
    text does not say who; `kind` is one of KINDS; `sentence` indexes `list(parsed.sents)`. A speaker found
    through a pronoun, a description or a bare surname the tagger did not take for a person is not `named`.
    """

    speaker: str | None
    kind: str
    content: Span
    cue: Span | None
    sentence: int
    sentence_span: Span
    organization: bool = False
    nested: bool = False  # reported inside another speaker's words: "Earnest said Obama has called for ..."
    named: bool = False  # the cue names the speaker as a person: a full name or a tagged PERSON, no pronoun


@dataclass
class Analysis:
    """The attributions of one document and the people it names (for roles and canonical names)."""

    attributions: list[Attribution]
    people: People


def find_attributions(parsed) -> list[Attribution]:
    """Every attribution in a spaCy Doc from `bot.analysis.nlp.parse`, in text order."""
    return analyse(parsed).attributions


def analyse(parsed) -> Analysis:
    """Attributions and people of a parsed text."""
    finder = _Finder(parsed)
    return Analysis(finder.run(), finder.people)




@dataclass(frozen=True)
class _Speaker:
    who: Person | str  # a person, or an organization's name
    named: bool


@dataclass
class _Cue:
    verb: object  # the spaCy token
    span: Span
    speakers: list[_Speaker]
    needs: str  # see SpeechVerb
    stance: bool = False
    nested: bool = False  # inside another cue's reported words: "Earnest said Obama has called for..."
    colon: int | None = None  # token index of a colon that introduces the content
    quotes: list[Quote] = field(default_factory=list)


@dataclass
class _Sentence:
    index: int
    span: Span
    paragraph: int
    tokens: object  # the spaCy Span


class _Finder:
    def __init__(self, parsed) -> None:
        self.doc = parsed
        self.text = parsed.text
        self.people = People(parsed)
        self.focus = Focus()
        self.quotes = find_quotes(self.text)
        self._quote_starts = [q.span.start for q in self.quotes]
        self._quote_ends = [q.span.end for q in self.quotes]
        self.quoted = self._quoted_tokens()
        self.sentences = self._sentences()
        self._sentence_starts = [s.span.start for s in self.sentences]
        self.found: list[Attribution] = []
        self.claimed: set[int] = set()  # indexes of quotes that have a speaker (or an unresolved cue)
        self.colon_cues: dict[int, _Cue] = {}  # sentence -> cue whose colon ends it

    def run(self) -> list[Attribution]:
        for sentence in self.sentences:
            self._sentence(sentence)
        self._uncued_quotes()
        self._transcript_labels()
        return sorted(self.found, key=lambda a: (a.content.start, a.content.end))

    # -- the document ---------------------------------------------------------------------------------------

    def _quoted_tokens(self) -> list[bool]:
        """Whether each token lies inside a quote's marks."""
        quoted = [False] * len(self.doc)
        for quote in self.quotes:
            for part in quote.parts:
                start = self.doc.char_span(part.start, part.end, alignment_mode="expand")
                if start is not None:
                    for token in start:
                        quoted[token.i] = True
        return quoted

    def _sentences(self) -> list[_Sentence]:
        result = []
        paragraph = 0
        last_end = 0
        for index, sent in enumerate(self.doc.sents):
            span = _trim(self.text, sent.start_char, sent.end_char)
            if "\n" in self.text[last_end : span.start]:
                paragraph += 1
            result.append(_Sentence(index, span, paragraph, sent))
            last_end = max(span.end, last_end)
        return result

    def _sentence_at(self, char: int) -> _Sentence:
        return self.sentences[max(0, bisect.bisect_right(self._sentence_starts, char) - 1)]

    def _quotes_overlapping(self, span: Span) -> list[int]:
        lo = bisect.bisect_right(self._quote_ends, span.start)
        hi = bisect.bisect_left(self._quote_starts, span.end)
        return list(range(lo, hi))

    def _quotes_starting_in(self, span: Span) -> list[int]:
        lo = bisect.bisect_left(self._quote_starts, span.start)
        hi = bisect.bisect_left(self._quote_starts, span.end)
        return list(range(lo, hi))

    # -- one sentence ---------------------------------------------------------------------------------------

    def _sentence(self, sentence: _Sentence) -> None:
        self._note_subjects(sentence)
        cues: list[_Cue] = []
        for token in sentence.tokens:
            if self.quoted[token.i]:
                continue
            if token.lower_ == "according":
                self._according_to(token, sentence)
            elif token.lower_ == "in" and token.dep_ == "prep":
                self._in_view(token, sentence)
            elif token.pos_ == "NOUN" and token.lemma_.lower() in speech_nouns():
                self._claim(token, sentence)
            elif token.pos_ == "VERB":
                cue = self._cue(token, sentence)
                if cue:
                    cues.append(cue)
        if not cues:
            return
        reported = [self._reported_content(cue) for cue in cues]
        for cue in cues:
            cue.nested = any(r and r.start <= cue.span.start < r.end for r in reported)
        # A quote that ends right where the sentence starts belongs to it ("“...?” | Trump said.").
        before = max(0, sentence.span.start - 3)
        if "\n" in self.text[before : sentence.span.start]:
            before = sentence.span.start
        reach = Span(before, sentence.span.end)
        for index in self._quotes_overlapping(reach):
            quote = self.quotes[index]
            if index in self.claimed:
                continue
            if any(r and r.start <= quote.inner.start < r.end for r in reported):
                self.claimed.add(index)
                continue
            owner = self._governing_cue(quote, cues)
            if owner is None and self._is_scare_quote(quote, sentence):
                continue
            owner = owner or min(cues, key=lambda c: _distance(c.span, quote.span))
            owner.quotes.append(quote)
            self.claimed.add(index)
        for cue, content in zip(cues, reported, strict=True):
            self._emit(cue, content, sentence)

    def _emit(self, cue: _Cue, content: Span | None, sentence: _Sentence) -> None:
        if cue.colon is not None and all(t.is_space for t in self.doc[cue.colon + 1 : sentence.tokens.end]):
            self.colon_cues[sentence.index] = cue  # "He continued:" and a quote in the next sentence
        pieces: list[tuple[str, Span]] = [("direct", part) for q in cue.quotes for part in q.parts]
        if content is not None and (cue.needs != "quote" or cue.colon is not None):
            pieces.append(("reported", content))
        if not pieces:
            if not (cue.needs == "nothing" or (cue.needs == "object" and _has_object(cue.verb))):
                return
            pieces.append(("stance", self._own_clause(cue.verb)))
        for kind, span in pieces:
            self._add(cue.speakers, kind, span, cue.span, sentence, nested=cue.nested)
        if not cue.nested:
            for speaker in cue.speakers:
                if isinstance(speaker.who, Person):
                    self.focus.note(speaker.who, cue.verb.i, sentence.index)

    def _add(
        self, speakers: list[_Speaker], kind: str, content: Span, cue: Span | None, sentence: _Sentence,
        nested: bool = False,
    ) -> None:
        content = _trim(self.text, content.start, content.end)
        if content.end <= content.start:
            return
        for speaker in speakers or [None]:
            who = speaker.who if speaker else None
            self.found.append(Attribution(
                who.name if isinstance(who, Person) else who, kind, content, cue, sentence.index, sentence.span,
                organization=isinstance(who, str), nested=nested, named=bool(speaker and speaker.named),
            ))

    def _note_subjects(self, sentence: _Sentence) -> None:
        """Named subjects are what a later 'he' or 'she' may refer to: those of the main clause for the
        sentences to come, any for the rest of their own sentence."""
        for token in sentence.tokens:
            if token.dep_ != "nsubj" or self.quoted[token.i]:
                continue
            name = token if self.people.at(token.i) else self._appositive_name(token)
            if name is not None:
                verb = token.head
                main = verb.dep_ == "ROOT" or (verb.dep_ == "conj" and verb.head.dep_ == "ROOT")
                self.focus.note(self.people.at(name.i), token.i, sentence.index, main)

    # -- cues -------------------------------------------------------------------------------------------

    def _cue(self, verb, sentence: _Sentence) -> _Cue | None:
        entries = speech_lexicon().get(verb.lemma_.lower())
        stance = verb.lemma_.lower() in _STANCE_VERBS and any(
            c.dep_ == "dobj" and c.lemma_.lower() in stance_nouns() for c in verb.children
        )
        if not entries and not stance:
            return None
        has_subject = any(c.dep_ == "nsubj" for c in verb.children)
        if verb.dep_ in _NOT_PREDICATES and not (verb.dep_ == "acl" and has_subject):
            return None  # "a so-called plan", but "the efforts, which Tim Cook called crap"
        if _negated(verb) or _passive(verb) or _asked(verb):
            return None
        if _unsaid(verb):
            return None
        end, needs = verb.i + 1, "nothing"
        if entries:
            particles = {c.lower_: c for c in verb.children if c.dep_ in ("prt", "prep")}
            matched = [e for e in entries if e.particle is None or e.particle in particles]
            if not matched:
                return None
            entry = max(matched, key=lambda e: e.particle is not None)
            needs = "nothing" if stance else entry.needs
            if entry.particle:
                end = particles[entry.particle].i + 1
        subject = self._subject(verb)
        if subject is not None:
            speakers = self._speakers(subject, sentence)
        else:
            speakers = self._adjacent_speaker(verb, sentence)
        cue = _Cue(verb, Span(verb.idx, self.doc[end - 1].idx + len(self.doc[end - 1])), speakers, needs)
        cue.stance = stance
        cue.colon = self._colon_after(verb, end, sentence)
        return cue

    def _subject(self, verb):
        """The subject of a speech verb: its own, its relative clause's noun, or that of the verb it extends
        ('smiled and said', 'went on to say', '..., saying', 'before asking')."""
        current = verb
        for _ in range(4):
            subjects = [c for c in current.children if c.dep_ == "nsubj" and not self.quoted[c.i]]
            if subjects:
                subject = subjects[-1]
                if subject.lower_ in _RELATIVE and current.dep_ == "relcl":
                    return self._antecedent(current)
                return subject
            if current.dep_ == "relcl":
                return None
            if current.dep_ == "pcomp" and current.head.dep_ == "prep":
                current = current.head.head
            elif current.dep_ in ("conj", "xcomp") or (current.dep_ == "advcl" and current.tag_ == "VBG"):
                current = current.head
            else:
                return None
        return None

    def _adjacent_speaker(self, verb, sentence: _Sentence) -> list[_Speaker]:
        """A name or he/she right before the verb ('Chief Chuck Jordan said') or right after it following
        a quote ('…,” said Caddell'): a fallback for when the parser loses the subject."""
        before = self.doc[verb.i - 1] if verb.i > sentence.tokens.start else None
        after = self.doc[verb.i + 1] if verb.i + 1 < sentence.tokens.end else None
        candidates = []
        if before is not None and not self.quoted[before.i]:
            candidates.append(before)
        if after is not None and before is not None and (before.is_quote or before.text == ","):
            candidates.append(after)
        for token in candidates:
            if self.people.at(token.i):
                return [_Speaker(self.people.at(token.i), self._named(token))]
            person = self.focus.resolve(token, sentence.index) if token.lower_ in ("he", "she") else None
            if person is not None:
                return [_Speaker(person, False)]
        return []

    def _antecedent(self, relative_clause):
        """The noun a 'who' clause describes: the name just before the 'who' when there is one, since in
        'Will Smith, Robert DeNiro and Stevie Wonder, who joked' the parser may pick the first of the list."""
        before = relative_clause.left_edge.i - 1
        while before >= 0 and self.doc[before].is_punct:
            before -= 1
        if before >= 0 and self.people.at(before):
            return self.doc[before]
        return relative_clause.head

    def _colon_after(self, verb, end: int, sentence: _Sentence) -> int | None:
        stop = min(end + _MAX_COLON_GAP, sentence.tokens.end)
        for token in self.doc[end:stop]:
            if token.text == ":":
                return token.i
            if self.quoted[token.i] or token.pos_ == "VERB":
                return None
        return None

    def _speakers(self, subject, sentence: _Sentence) -> list[_Speaker]:
        """The speakers a subject names: 'Merkley, Brown and Menendez said' gives three."""
        speakers = []
        tokens = [subject]
        for token in tokens:  # grows: conjuncts, and names the parser took for appositions in a list
            for child in token.children:
                listed = child.dep_ == "appos" and self.people.at(child.i) and any(
                    c.dep_ == "conj" for c in child.children
                )
                if (child.dep_ == "conj" or listed) and len(tokens) < 8:
                    tokens.append(child)
        for token in tokens:
            speaker = self._speaker(token, sentence)
            if speaker is not None:
                speakers.append(speaker)
        return speakers

    def _speaker(self, token, sentence: _Sentence) -> _Speaker | None:
        """Whom a subject means: a name, a person in apposition, he/she, a description, or an organization."""
        name = token if self.people.at(token.i) else self._appositive_name(token)
        if name is token:  # "To understand the real Dred Scott, Chief Justice Roberts said": the parser's
            name = next((c for c in token.children if c.dep_ == "appos" and self.people.at(c.i)
                         and not any(g.dep_ == "conj" for g in c.children)), token)  # not a list
        if name is not None:
            return _Speaker(self.people.at(name.i), self._named(name))
        if token.pos_ == "PRON":
            person = self.focus.resolve(token, sentence.index)
        else:
            person = self.people.by_description(token)
        if person is not None:
            return _Speaker(person, False)
        organization = _organization(token)
        return _Speaker(organization, True) if organization else None

    def _named(self, token) -> bool:
        """Whether a name token is surely a person's: part of a full name or tagged PERSON by spaCy."""
        start, end = self.people.mention(token.i)
        return end - start > 1 or any(t.ent_type_ == "PERSON" for t in self.doc[start:end])

    def _appositive_name(self, token):
        """'The head of the Carnegie Moscow Center, Dmitri Trenin, argued': the name in apposition."""
        for child in token.subtree:
            if child.dep_ == "appos" and self.people.at(child.i) and child.head.i < child.i:
                path = child.head
                while path.i != token.i and path.dep_ in ("pobj", "prep", "compound", "appos"):
                    path = path.head
                if path.i == token.i:
                    return child
        # "Obama's current Ambassador to the United Nations Samantha Power hammered ...": a title whose phrase
        # ends, right before the verb, in a name the parser hung on the title's preposition.
        last = token.right_edge
        mention = self.people.mention(last.i)
        if mention and last.dep_ == "pobj" and mention[1] == last.i + 1 and token.pos_ == "PROPN":
            path = last.head
            while path.i != token.i and path.dep_ in ("pobj", "prep"):
                path = path.head
            if path.i == token.i and last.head.dep_ == "prep" and last.head.head.i == token.i:
                return last
        return None

    # -- content ------------------------------------------------------------------------------------------

    def _reported_content(self, cue: _Cue) -> Span | None:
        """The that-clause, the clause the cue interrupts, what follows the colon, or the object phrase."""
        verb = cue.verb
        if cue.colon is not None:
            after = cue.colon + 1
            if after < verb.sent.end and not self.doc[after].is_quote:
                return self._char_span(after, verb.sent.end)
            return None  # a quote after the colon is direct speech
        if cue.stance:
            return None
        for child in verb.children:
            edge = child.left_edge
            if child.dep_ not in ("ccomp", "parataxis") or self.quoted[edge.i] or edge.is_quote:
                continue  # a quote is direct speech, not a reported clause
            if child.i < verb.i and child.lemma_.lower() in speech_lexicon():
                continue  # "Merrill says Machado promised": the parenthetical cue is no content
            return self._clause(child)
        if verb.dep_ == "parataxis" or (verb.dep_ == "ccomp" and verb.head.i > verb.i):
            return self._interrupted(verb)
        return None

    def _own_clause(self, verb) -> Span:
        """The verb's clause without the clauses joined to it: 'Drum has vowed to reopen the mines' of
        '..., while Moll wants new jobs'."""
        end = verb.i
        for child in verb.children:
            own = child.dep_ not in ("conj", "cc", "parataxis", "punct") and not (
                child.dep_ == "advcl" and any(c.dep_ == "nsubj" for c in child.children)
            )
            if child.i > verb.i and own:
                end = max(end, child.right_edge.i)
        if end + 1 < verb.sent.end and self.doc[end + 1].text in (".", "!", "?"):
            end += 1  # a whole sentence keeps its full stop
        return self._char_span(verb.left_edge.i, end + 1)

    def _interrupted(self, verb) -> Span:
        """The clause around a parenthetical cue: 'North Korea, they argue, should be ...' or a cue
        the parser hung below its own content ('Merrill says Machado promised ...')."""
        head = verb.head
        before = self._char_span(head.left_edge.i, verb.left_edge.i)
        after = self._char_span(verb.right_edge.i + 1, head.right_edge.i + 1)
        if before.end <= before.start:
            return after
        if after.end <= after.start:
            return before
        return self._char_span(head.left_edge.i, head.right_edge.i + 1)

    def _clause(self, head) -> Span:
        start = head.left_edge.i
        while start < head.i and self.doc[start].dep_ in ("mark", "punct"):
            start += 1
        return self._char_span(start, head.right_edge.i + 1)

    def _char_span(self, start: int, end: int) -> Span:
        """Characters of tokens [start, end), without punctuation at the edges except closing quote marks."""
        while start < end and ((self.doc[start].is_punct and not self.doc[start].is_quote) or self.doc[start].is_space):
            start += 1
        while end > start and (self.doc[end - 1].is_space or self.doc[end - 1].text in (",", ";", ":", "--", "—")):
            end -= 1
        if end <= start:
            return Span(0, 0)
        return Span(self.doc[start].idx, self.doc[end - 1].idx + len(self.doc[end - 1]))

    def _governing_cue(self, quote: Quote, cues: list[_Cue]) -> _Cue | None:
        """The cue whose object or clause the quote is: Cook "called" the plan “total political crap”."""
        tokens = self.doc.char_span(quote.inner.start, quote.inner.end, alignment_mode="expand") or []
        for token in tokens:
            if not quote.inner.start <= token.head.idx < quote.inner.end:
                for cue in cues:
                    if token.head.i == cue.verb.i and token.dep_ in _CONTENT_DEPS:
                        return cue
        return None

    def _is_scare_quote(self, quote: Quote, sentence: _Sentence) -> bool:
        """A few quoted words inside a sentence ('called the plan “a con”') or a title ('said on CNN's
        “State of the Union”'), not a quoted statement."""
        inner = self.text[quote.inner.start : quote.inner.end]
        words = len(inner.split())
        if words > _TITLE_WORDS or _covers(quote.span, sentence.span, self.text):
            return False
        tokens = self.doc.char_span(quote.inner.start, quote.inner.end, alignment_mode="expand") or []
        roots = [t for t in tokens if not quote.inner.start <= t.head.idx < quote.inner.end]
        if roots and roots[0].dep_ in ("pobj", "poss", "compound", "nmod"):
            return True
        introduced = self.text[max(0, quote.span.start - 2) : quote.span.start].strip() in (":", ",")
        statement = introduced or inner.rstrip()[-1:] in (".", "!", "?", ",")
        return words <= _SCARE_QUOTE_WORDS and not statement

    # -- patterns that are not verbs ------------------------------------------------------------------

    def _according_to(self, token, sentence: _Sentence) -> None:
        to = next((c for c in token.children if c.lower_ == "to"), None)
        if to is None and token.i + 1 < len(self.doc) and self.doc[token.i + 1].lower_ == "to":
            to = self.doc[token.i + 1]
        source = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
        if source is None:
            return
        phrase = Span(token.idx, self._char_span(source.left_edge.i, source.right_edge.i + 1).end)
        speaker = self._speaker(source, sentence)
        content = _outside(phrase, sentence.span, self.text)
        self._add([speaker] if speaker else [], "reported", content, Span(token.idx, to.idx + len(to)), sentence)
        self._claim_inside(content)

    def _in_view(self, token, sentence: _Sentence) -> None:
        """'In X's view, ...' and 'In his words, ...'."""
        noun = next((c for c in token.children if c.dep_ == "pobj"), None)
        if noun is None or noun.lemma_.lower() not in stance_nouns():
            return
        owner = next((c for c in noun.children if c.dep_ == "poss"), None)
        if owner is None:
            return
        speaker = self._speaker(owner, sentence)
        if speaker is None:
            return
        phrase = Span(token.idx, noun.idx + len(noun))
        content = _outside(phrase, sentence.span, self.text)
        self._add([speaker], "reported", content, phrase, sentence)
        self._claim_inside(content)

    def _claim(self, noun, sentence: _Sentence) -> None:
        """"Trump's claim that there have been thousands of shootings": the clause is the owner's."""
        owner = next((c for c in noun.children if c.dep_ == "poss"), None)
        clause = next((c for c in noun.children if c.dep_ in ("acl", "ccomp", "appos") and any(
            m.dep_ == "mark" and m.lower_ == "that" for m in c.children)), None)
        if owner is None or clause is None:
            return
        speaker = self._speaker(owner, sentence)
        if speaker is None:
            return
        content = self._clause(clause)
        self._add([speaker], "reported", content, Span(noun.idx, noun.idx + len(noun)), sentence)
        self._claim_inside(content)

    def _claim_inside(self, span: Span) -> None:
        for index in self._quotes_starting_in(span):
            self.claimed.add(index)

    # -- quotes without a cue in their sentence -----------------------------------------------------------

    def _uncued_quotes(self) -> None:
        by_paragraph: dict[int, list[Attribution]] = {}
        for attribution in self.found:
            if attribution.kind == "direct":
                by_paragraph.setdefault(self.sentences[attribution.sentence].paragraph, []).append(attribution)
        for index, quote in enumerate(self.quotes):
            if index in self.claimed or not self._stands_alone(quote):
                continue
            sentence = self._sentence_at(quote.span.start)
            source = self._quote_source(quote, sentence, by_paragraph)
            if source is None:
                continue
            for part in quote.parts:
                attribution = Attribution(
                    source.speaker, "direct", part, source.cue, sentence.index, sentence.span,
                    organization=source.organization, named=source.named,
                )
                self.found.append(attribution)
                paragraph = by_paragraph.setdefault(sentence.paragraph, [])
                paragraph.append(attribution)
                paragraph.sort(key=lambda a: a.content.start)

    def _quote_source(self, quote: Quote, sentence: _Sentence, by_paragraph: dict) -> Attribution | None:
        """Whose words a quote without a cue of its own are: see the module docstring."""
        colon = self.colon_cues.get(sentence.index - 1)
        if colon is not None and sentence.span.start == quote.span.start:
            if len(colon.speakers) != 1:
                return None
            speaker = colon.speakers[0]
            person = speaker.who if isinstance(speaker.who, Person) else None
            return Attribution(
                person.name if person else speaker.who, "direct", quote.span, colon.span, sentence.index,
                sentence.span, organization=person is None, named=speaker.named,
            )
        same = by_paragraph.get(sentence.paragraph, [])
        before = [a for a in same if a.content.end <= quote.span.start]
        if before:
            return before[-1]
        after = [a for a in same if a.content.start >= quote.span.end]
        if after:
            return after[0]
        previous = by_paragraph.get(sentence.paragraph - 1, [])
        if sentence.span.start == quote.span.start and previous and previous[-1].sentence == sentence.index - 1:
            return previous[-1]
        return None

    def _stands_alone(self, quote: Quote) -> bool:
        """True when the quote is all there is of the sentences it spans (beyond punctuation)."""
        first = self._sentence_at(quote.span.start).span
        last = self._sentence_at(max(quote.span.end - 1, quote.span.start)).span
        outside = self.text[first.start : quote.span.start] + self.text[quote.span.end : last.end]
        return not any(ch.isalnum() for ch in outside)

    # -- transcripts --------------------------------------------------------------------------------------

    def _transcript_labels(self) -> None:
        for start, end in self.people.labels:
            colon = self.doc[end]
            paragraph_end = self.text.find("\n", colon.idx)
            paragraph_end = len(self.text) if paragraph_end < 0 else paragraph_end
            content = _trim(self.text, colon.idx + 1, paragraph_end)
            person = self.people.at(start)
            if person is None or content.end <= content.start:
                continue
            sentence = self._sentence_at(content.start)
            self.found.append(Attribution(
                person.name, "direct", content, Span(self.doc[start].idx, colon.idx + 1), sentence.index,
                sentence.span, named=True,
            ))


def _unsaid(verb) -> bool:
    """Speech that is wanted, refused or made someone else's to do: 'declined to say', 'needs to tell',
    'urged him to say', 'made Kadzik testify'."""
    while verb.dep_ == "conj":
        verb = verb.head
    head = verb.head
    if verb.dep_ == "xcomp":
        return head.lemma_.lower() in _SILENT_HEADS or any(c.dep_ == "dobj" for c in head.children)
    return verb.dep_ == "ccomp" and head.lemma_.lower() in _CAUSATIVES


def _has_object(verb) -> bool:
    """Whether the verb says something about something: 'dismissed Estonia as ...', 'called for repeal'."""
    return any(
        c.i > verb.i and (c.dep_ in ("dobj", "xcomp", "oprd", "dative") or (c.dep_ == "prep" and c.lower_ in
                          ("for", "on", "about", "against", "of")))
        for c in verb.children
    )


def _asked(verb) -> bool:
    """A question about speech, not speech: 'But has he called for changing them?'."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return subject is not None and any(c.dep_ == "aux" and c.i < subject.i for c in verb.children)


def _negated(verb) -> bool:
    return any(c.dep_ == "neg" or c.lower_ == "never" for c in verb.children)


def _passive(verb) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)


def _organization(token) -> str | None:
    """The name of an organization heading a subject: its entity ("the Commission on Presidential Debates"),
    a noun phrase that says whose it is ("the Trump campaign"), or for a bare noun ("the commission") the
    last organization named before with that word in its name; else None, since "the group" names nobody."""
    doc = token.doc
    if token.ent_type_ == "ORG":
        start, end = token.i, token.i + 1
        while start > 0 and doc[start].ent_iob_ == "I":
            start -= 1
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
        words = list(doc[start:end])
    elif token.pos_ in ("NOUN", "PROPN") and token.lemma_.lower() in _ORGANIZATION_NOUNS:
        words = [t for t in token.subtree if t.i <= token.i]
        if all(t.i == token.i or t.dep_ == "det" for t in words):
            return _named_before(token)
    else:
        return None
    while words and (words[0].lower_ in ("the", "a", "an") or words[0].is_punct):
        words = words[1:]
    if not words:
        return None
    text = "".join(t.text_with_ws for t in words).strip()
    return text[0].upper() + text[1:]


def _named_before(noun) -> str | None:
    for ent in reversed([e for e in noun.doc.ents if e.end <= noun.i and e.label_ == "ORG"]):
        if noun.lemma_.lower() in ent.text.lower() or noun.lower_ in ent.text.lower():
            text = ent.text[4:] if ent.text.lower().startswith("the ") else ent.text
            return text[0].upper() + text[1:]
    return None


def _distance(a: Span, b: Span) -> int:
    if a.end <= b.start:
        return b.start - a.end
    if b.end <= a.start:
        return a.start - b.end
    return 0


def _trim(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end)


def _covers(quote: Span, sentence: Span, text: str) -> bool:
    before = text[sentence.start : max(sentence.start, quote.start)]
    outside = before + text[min(quote.end, sentence.end) : sentence.end]
    return not any(ch.isalnum() for ch in outside)


def _outside(phrase: Span, sentence: Span, text: str) -> Span:
    """The sentence without an attributing phrase at its start or end ('According to X, ...')."""
    before = Span(sentence.start, phrase.start)
    after = Span(phrase.end, sentence.end)
    if not text[before.start : before.end].strip(" ,"):
        return _strip_punct(text, after)
    if not text[after.start : after.end].strip(" .,"):
        return _strip_punct(text, before)
    return sentence


def _strip_punct(text: str, span: Span) -> Span:
    start, end = span.start, span.end
    while start < end and (text[start].isspace() or text[start] in ",;:—–-"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:—–-"):
        end -= 1
    return Span(start, end)
