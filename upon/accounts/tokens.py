"""Single-use links (email confirmation, invitations, sponsor endorsement).

Only a SHA-256 hash of the token is stored, so a database leak does not leak working links.
"""

import hashlib
import secrets


def make_token() -> tuple[str, str]:
    """A new (token for the link, hash to store) pair."""
    token = secrets.token_urlsafe(32)
    return token, hash_token(token)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
