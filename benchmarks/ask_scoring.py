"""Scoring rules of the follow-up benchmark, kept apart from the model so they are fast to test.

  * text matching: `normalise`, `contains`, `occurrences` (whitespace and quote marks only);
  * answer correctness: `answer_tokens`, `key_in_answer`, `answer_correct` (case, punctuation, quote marks,
    "two" ↔ "2", "1,500" ↔ "1500", "percent"/"per cent" ↔ "%");
  * paraphrase: `answering_sentence`, `shared_content_words`, `is_paraphrased` (no content word of the question,
    names aside, shares a Snowball stem with the sentence that answers it);
  * arithmetic: `share`, `median`, `not_covered_rates` (precision, recall and both error rates).

Nothing here imports the bot: the rules must not move when the code under test moves.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterable, Sequence

import Stemmer

QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "‚": "'", "`": "'"})

UNITS = {
    word: value
    for value, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
        "seventeen eighteen nineteen".split()
    )
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}

# Words that shape a question or glue a sentence but say nothing about its topic (the paraphrase test).
FUNCTION_WORDS = frozenset(
    """a about above after again against all also am an and any anyone anything are as at be because been before
    being below between both but by can could did do does doing done down during each else even ever every few
    for from further get gets got had has have having he her here hers herself him himself his how i if in into
    is it its itself just let me more most my myself no nor not now of off on once only or other our ours out
    over own same she should so some something such than that the their theirs them themselves then there these
    they this those through to too under until up very was we were what when where which while who whom whose
    why will with would you your yours yourself 's n't 're 've 'll 'd s t
    say says said saying tell tells told according article story piece report actually really exactly like
    much many kind sort way thing things one ones go goes going went gone""".split()
)
_TOKEN = re.compile(r"\d+(?:[.,:]\d+)*|[a-z0-9]+|[%$£€]")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[\"'(\[]*[A-Z0-9])|\n+")
# A full stop after these does not end a sentence ("Gov. Sam Brownback", "U.S. Court", "A. Philip Randolph").
_ABBREVIATION = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Gov|Sen|Rep|Lt|Gen|Col|Capt|Sgt|St|Jr|Sr|Inc|Co|No|vs|Jan|Feb|Mar|Apr|Jun|Jul|Aug"
    r"|Sept|Sep|Oct|Nov|Dec)|\b[A-Z]|\b(?:[A-Za-z]\.)+[A-Za-z])\.$"
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d+(?:[.,]\d+)*")
_STEMMER = Stemmer.Stemmer("english")


# -- text matching -----------------------------------------------------------------------------------
def normalise(text: str) -> str:
    """Curly quotes to straight ones, any run of whitespace to one space."""
    return " ".join(text.translate(QUOTES).split())


def contains(text: str, phrase: str) -> bool:
    return normalise(phrase) in normalise(text)


def occurrences(text: str, phrase: str) -> int:
    """How many times the phrase occurs in the text (overlapping counted), both normalised."""
    needle = re.escape(normalise(phrase))
    return len(re.findall(f"(?={needle})", normalise(text)))


# -- answer correctness ------------------------------------------------------------------------------
def _digits(tokens: list[str]) -> list[str]:
    """Number words to digits: "two" → "2", "twenty-five"/"twenty five" → "25"."""
    out: list[str] = []
    for token in tokens:
        if token in UNITS and out and out[-1] in {str(n) for n in TENS.values()}:
            out[-1] = str(int(out[-1]) + UNITS[token])
        elif token in UNITS:
            out.append(str(UNITS[token]))
        elif token in TENS:
            out.append(str(TENS[token]))
        else:
            out.append(token)
    return out


def answer_tokens(text: str) -> list[str]:
    """The comparable words of a text: lower case, no punctuation, digits for simple number words."""
    text = text.translate(QUOTES).lower()
    text = re.sub(r"(?<=\d),(?=\d{3}\b)", "", text)  # 1,500 → 1500
    text = re.sub(r"\bper\s*cent\b", "%", text)
    return _digits(_TOKEN.findall(text))


def key_in_answer(answer: str, key: str) -> bool:
    """The key's words occur in the answer, consecutively, after `answer_tokens` on both."""
    needle, hay = answer_tokens(key), answer_tokens(answer)
    if not needle:
        return False
    width = len(needle)
    return any(hay[i : i + width] == needle for i in range(len(hay) - width + 1))


def answer_correct(answer: str, key: str | None, key_any: Sequence[str] | None) -> bool:
    """The answer gives the gold answer: it holds the key span or one of the alternatives (other spellings,
    or the key words of an answer that has no single span)."""
    return any(key_in_answer(answer, option) for option in (key, *(key_any or ())) if option)


# -- paraphrase --------------------------------------------------------------------------------------
def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of a normalised text: a break after . ! ? before a capital, or a newline."""
    spans, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        if "\n" in match.group() or not _ABBREVIATION.search(text[start : match.start()]):
            spans.append((start, match.start()))
            start = match.end()
    spans.append((start, len(text)))
    return [(a, b) for a, b in spans if b > a]


def answering_sentence(text: str, phrase: str) -> str | None:
    """The sentence (or run of sentences) holding the first occurrence of the phrase; None when absent."""
    lines = "\n".join(normalise(line) for line in text.splitlines())
    at = lines.find(normalise(phrase))
    if at < 0:
        return None
    end = at + len(normalise(phrase))
    covering = [(a, b) for a, b in sentence_spans(lines) if a < end and b > at]
    return lines[covering[0][0] : covering[-1][1]]


def _words(text: str) -> list[tuple[str, bool]]:
    """Each word with whether it reads as a name: capitalised anywhere but first in its sentence."""
    words = []
    for a, b in sentence_spans(text):
        for position, match in enumerate(_WORD.finditer(text[a:b])):
            word = match.group()
            words.append((word, position > 0 and word[0].isupper()))
    return words


def _stems(words: Iterable[str]) -> set[str]:
    bare = [w.lower().replace("’", "'").removesuffix("'s").strip("'-") for w in words]
    return {_STEMMER.stemWord(w) for w in bare if w and w not in FUNCTION_WORDS}


def shared_content_words(question: str, sentence: str) -> set[str]:
    """Stems of the question's content words that the sentence also has, names left out on either side."""
    q_words, s_words = _words(normalise(question)), _words(normalise(sentence))
    names = _stems(w for w, is_name in (*q_words, *s_words) if is_name)
    question_stems = _stems(w for w, is_name in q_words if not is_name)
    sentence_stems = _stems(w for w, is_name in s_words if not is_name)
    return (question_stems & sentence_stems) - names


def is_paraphrased(question: str, sentence: str) -> bool:
    return not shared_content_words(question, sentence)


def has_content_words(question: str) -> bool:
    """False for a question made only of names and function words ("Who is he, exactly?")."""
    return bool(_stems(w for w, is_name in _words(normalise(question)) if not is_name))


# -- arithmetic --------------------------------------------------------------------------------------
def share(part: int, whole: int) -> float | None:
    return round(part / whole, 3) if whole else None


def median(values: Sequence[float]) -> float | None:
    return round(statistics.median(values), 2) if values else None


def not_covered_rates(predicted: Sequence[bool], unanswerable: Sequence[bool]) -> dict[str, float | None]:
    """Precision and recall of `not_covered` against the truth, and the two error rates.

    predicted[i]: question i was answered `not_covered`; unanswerable[i]: the article does not answer it.
    """
    pairs = list(zip(predicted, unanswerable, strict=True))
    true_positive = sum(p and u for p, u in pairs)
    answerable = sum(not u for _, u in pairs)
    return {
        "not_covered_precision": share(true_positive, sum(p for p, _ in pairs)),
        "not_covered_recall": share(true_positive, sum(u for _, u in pairs)),
        "wrongly_not_covered": share(sum(p and not u for p, u in pairs), answerable),
        "unanswerable_answered": share(sum(u and not p for p, u in pairs), sum(u for _, u in pairs)),
    }
