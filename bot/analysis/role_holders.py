"""Whether a person's name stands with the role a who-question asks the holder of ("Who is Pagliano's lawyer?").

The article gives a role beside the name ("An attorney for Pagliano, Mark MacDougall"), as the title before it
("NYPD Commissioner James O'Neill", "Dr. Connie Mariano": a doctor), or in a relative clause on it that says what
they are or were ("Dr. Connie Mariano, who as a Navy captain was the White House physician"). The role's words are
compared with the asked one by stem or meaning.
"""

from __future__ import annotations

from bot.analysis.lexicon import TITLE_ABBREVIATIONS

# Two role words this close in meaning name one role ("lawyer" / "attorney" 0.89; unlike roles, "governor" /
# "senator" 0.58, "leader" / "chairman" 0.52, stay apart).
SAME_ROLE = 0.7
ROLE_HOPS = 3
# A title written short says its role: "Dr. Connie Mariano" is a doctor.
_SHORT_TITLES = {"dr": "doctor", **{short: title.lower() for short, title in TITLE_ABBREVIATIONS.items()}}


def holds_role(token, role: str, similarity) -> bool:
    """Whether the name whose root is `token` stands with the role asked: the noun it is set beside, the title
    before it, or what a relative clause on it says it is, by `similarity(a, b)` of two words."""
    words = [t.lower_ for t in token.subtree if t.pos_ == "NOUN" and t.i < token.i]  # "NYPD Commissioner ..."
    words += [_SHORT_TITLES.get(t.lower_.rstrip("."), "") for t in token.children if t.i < token.i]  # "Dr."
    words += _relative_roles(token)
    for _ in range(ROLE_HOPS):  # up an appositive: "An attorney for Pagliano, Mark MacDougall"
        if token.head.i == token.i or token.dep_ not in ("appos", "pobj", "prep", "compound"):
            break
        token = token.head
        words += [token.lower_] if token.pos_ == "NOUN" else []
    return any(similarity(role, word) >= SAME_ROLE for word in words if word)


def _relative_roles(token) -> list[str]:
    """The nouns a relative clause on the name says the person is or was ("who ... was the White House
    physician": physician)."""
    clauses = [c for c in token.children if c.dep_ == "relcl" and c.lemma_ == "be"]
    return [a.lower_ for clause in clauses for a in clause.children if a.dep_ == "attr" and a.pos_ == "NOUN"]
