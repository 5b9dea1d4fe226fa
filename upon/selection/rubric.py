"""The scale reviewers score each capability on, with what each score means."""

SCORES = (
    (1, "Little or no evidence", "The statement and career history show little of this."),
    (2, "Some evidence", "Some evidence, with clear gaps in depth or breadth."),
    (3, "Clear evidence", "Clear, relevant evidence at a senior level."),
    (4, "Strong evidence", "Strong, consistent evidence of leading this at a senior level."),
)
LOWEST, HIGHEST = SCORES[0][0], SCORES[-1][0]
