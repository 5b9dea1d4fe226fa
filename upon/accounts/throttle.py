"""Sign-in throttling: count failed attempts per email address and per client IP address.

After settings.SIGN_IN_ATTEMPTS failures for one key within settings.SIGN_IN_WINDOW_SECONDS
(counted from the first failure), every attempt for that key is refused until the window ends,
even with the right password. Counts live in Django's cache (set REDIS_URL when running several
processes, or each keeps its own count).
"""

import hashlib
import math

from django.conf import settings
from django.core.cache import cache


def client_ip(request) -> str:
    """The client's IP address.

    In production (HTTPS=true) the service runs behind one proxy that terminates TLS and appends
    the client address to X-Forwarded-For: the last entry is the one that proxy saw. Earlier
    entries come from the client and could be forged, so they are ignored.
    """
    if settings.HTTPS:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        last = forwarded.split(",")[-1].strip()
        if last:
            return last
    return request.META.get("REMOTE_ADDR", "")


def _keys(email: str, ip: str) -> list[str]:
    # Hash the email so the cache never holds addresses in clear.
    email_hash = hashlib.sha256(email.strip().lower().encode()).hexdigest()
    return [f"sign-in-failures:email:{email_hash}", f"sign-in-failures:ip:{ip}"]


def is_refused(*, email: str, ip: str) -> bool:
    """True while either the email address or the IP address has used up its attempts."""
    counts = cache.get_many(_keys(email, ip))
    return any(count >= settings.SIGN_IN_ATTEMPTS for count in counts.values())


def record_failure(*, email: str, ip: str) -> None:
    for key in _keys(email, ip):
        # add() starts the window only at the first failure; incr() keeps its expiry.
        cache.add(key, 0, timeout=settings.SIGN_IN_WINDOW_SECONDS)
        try:
            cache.incr(key)
        except ValueError:
            # The window ended between add() and incr(): start a new one.
            cache.set(key, 1, timeout=settings.SIGN_IN_WINDOW_SECONDS)


def record_success(*, email: str) -> None:
    """A right password clears that address's count.

    The IP count stays: otherwise someone guessing could reset it by signing in to their own
    account between guesses.
    """
    cache.delete(_keys(email, "")[0])


def wait_minutes() -> int:
    return math.ceil(settings.SIGN_IN_WINDOW_SECONDS / 60)
