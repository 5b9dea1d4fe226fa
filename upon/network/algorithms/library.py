"""The library search's words and marks, the same on PostgreSQL and SQLite. No Django here.

- `terms(query)`: the words a query searches for: letters and digits only (so nothing a person
  types can reach the database's query syntax), PostgreSQL's English stop words left out (it
  drops them; FTS5 would insist on them), at most `MAX_TERMS`.
- `fts5_match(terms)`: FTS5's MATCH text for them: every word, each quoted.
- `marked_html(text)`: a headline or snippet the database marked with `START` and `STOP`, made
  safe: the text is escaped first, and only then are the marks turned into `<mark>` elements.
"""

import html
import re

# Private-use characters: the database puts them around each match; nobody types them (and
# the library's forms take them out of what is saved).
START = "\ue000"
STOP = "\ue001"
MAX_TERMS = 8
WORD = re.compile(r"[^\W_]+")

# PostgreSQL's English stop words (the snowball list its `english` configuration uses).
STOP_WORDS = frozenset(
    [
        "i",
        "me",
        "my",
        "myself",
        "we",
        "our",
        "ours",
        "ourselves",
        "you",
        "your",
        "yours",
        "yourself",
        "yourselves",
        "he",
        "him",
        "his",
        "himself",
        "she",
        "her",
        "hers",
        "herself",
        "it",
        "its",
        "itself",
        "they",
        "them",
        "their",
        "theirs",
        "themselves",
        "what",
        "which",
        "who",
        "whom",
        "this",
        "that",
        "these",
        "those",
        "am",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "have",
        "has",
        "had",
        "having",
        "do",
        "does",
        "did",
        "doing",
        "a",
        "an",
        "the",
        "and",
        "but",
        "if",
        "or",
        "because",
        "as",
        "until",
        "while",
        "of",
        "at",
        "by",
        "for",
        "with",
        "about",
        "against",
        "between",
        "into",
        "through",
        "during",
        "before",
        "after",
        "above",
        "below",
        "to",
        "from",
        "up",
        "down",
        "in",
        "out",
        "on",
        "off",
        "over",
        "under",
        "again",
        "further",
        "then",
        "once",
        "here",
        "there",
        "when",
        "where",
        "why",
        "how",
        "all",
        "any",
        "both",
        "each",
        "few",
        "more",
        "most",
        "other",
        "some",
        "such",
        "no",
        "nor",
        "not",
        "only",
        "own",
        "same",
        "so",
        "than",
        "too",
        "very",
        "s",
        "t",
        "can",
        "will",
        "just",
        "don",
        "should",
        "now",
    ]
)


def terms(query: str) -> list[str]:
    """The words to search for, lower case, in the order typed, each once."""
    found = []
    for word in WORD.findall(query.lower()):
        if word not in STOP_WORDS and word not in found:
            found.append(word)
    return found[:MAX_TERMS]


def fts5_match(words: list[str]) -> str:
    """'"budget" "inspection"': every word must be in the resource (FTS5's implicit AND)."""
    return " ".join(f'"{word}"' for word in words)


def unmarked(text: str) -> str:
    """Text with the two mark characters taken out (before saving what people type)."""
    return text.replace(START, "").replace(STOP, "")


def marked_html(text: str) -> str:
    """Escaped `text` with each START...STOP span in <mark>; an unpaired mark is dropped."""
    out = []
    inside = False
    for piece in re.split(f"([{START}{STOP}])", text):
        if piece == START:
            if not inside:
                out.append("<mark>")
                inside = True
        elif piece == STOP:
            if inside:
                out.append("</mark>")
                inside = False
        else:
            out.append(html.escape(piece, quote=True))
    if inside:
        out.append("</mark>")
    return "".join(out)
