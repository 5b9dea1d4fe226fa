"""Sign-in throttling: growing delays for an account, a generous limit for a network address.

- An account (its email address) may fail settings.SIGN_IN_ATTEMPTS times freely. After that,
  each failure makes the next attempt for it wait longer: 1 second, then 2, 4, 8 ... up to
  settings.SIGN_IN_MAX_DELAY_SECONDS. Nobody can lock someone out for long by guessing, and a
  guesser gets very few tries an hour. A right password clears the account's count.
- A network address may fail settings.SIGN_IN_ADDRESS_ATTEMPTS times in
  settings.SIGN_IN_WINDOW_SECONDS (counted from its first failure): high enough that a busy
  office behind one address is not shut out by a few typos, low enough to stop one machine
  trying many accounts.

While either applies, every attempt is refused before the password is checked, so the right
password cannot slip through either. Counts live in Django's cache (set REDIS_URL when running
several processes, or each keeps its own count); email addresses are hashed there.

The network address is REMOTE_ADDR, or, when the request came through one of
settings.TRUSTED_PROXIES, the last address in X-Forwarded-For that is not one of those proxies:
entries before it could be forged by the client.
"""

import hashlib
import ipaddress
import math
import time
from dataclasses import dataclass
from functools import cache as remember

from django.conf import settings
from django.core.cache import cache


@remember
def _networks(proxies: tuple[str, ...]) -> tuple:
    return tuple(ipaddress.ip_network(proxy, strict=False) for proxy in proxies)


def _is_trusted_proxy(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in _networks(tuple(settings.TRUSTED_PROXIES)))


def client_ip(request) -> str:
    """The client's network address (see the module's docstring)."""
    remote = request.META.get("REMOTE_ADDR", "")
    if not _is_trusted_proxy(remote):
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    for hop in reversed(hops):
        if not _is_trusted_proxy(hop):
            return hop
    return hops[0] if hops else remote


def _account_keys(email: str) -> tuple[str, str]:
    digest = hashlib.sha256(email.strip().lower().encode()).hexdigest()
    return f"sign-in:failures:{digest}", f"sign-in:wait-until:{digest}"


def _address_key(ip: str) -> str:
    return f"sign-in:address-failures:{ip}"


@dataclass(frozen=True)
class Refusal:
    message: str


def _in_words(seconds: float) -> str:
    if seconds <= 60:
        whole = max(math.ceil(seconds), 1)
        return f"{whole} second{'s' if whole != 1 else ''}"
    minutes = math.ceil(seconds / 60)
    return f"{minutes} minute{'s' if minutes != 1 else ''}"


def refusal(*, email: str, ip: str) -> Refusal | None:
    """Why an attempt must wait now, or None if it may go ahead."""
    _failures, wait_key = _account_keys(email)
    found = cache.get_many([wait_key, _address_key(ip)])
    if found.get(_address_key(ip), 0) >= settings.SIGN_IN_ADDRESS_ATTEMPTS:
        return Refusal(
            "Too many attempts to sign in from your network. Wait "
            f"{_in_words(settings.SIGN_IN_WINDOW_SECONDS)} and try again"
        )
    left = found.get(wait_key, 0) - time.time()
    if left > 0:
        return Refusal(f"Too many attempts to sign in. Wait {_in_words(left)} and try again")
    return None


def delay_after(failures: int) -> int:
    """Seconds the next attempt waits after this many failures in a row."""
    beyond = failures - settings.SIGN_IN_ATTEMPTS
    if beyond < 0:
        return 0
    return min(2 ** min(beyond, 30), settings.SIGN_IN_MAX_DELAY_SECONDS)


def _count(key: str, timeout: int) -> int:
    # add() starts the count only at the first failure; incr() keeps its expiry.
    cache.add(key, 0, timeout=timeout)
    try:
        return cache.incr(key)
    except ValueError:  # it expired between add() and incr(): start again
        cache.set(key, 1, timeout=timeout)
        return 1


def record_failure(*, email: str, ip: str) -> None:
    _count(_address_key(ip), settings.SIGN_IN_WINDOW_SECONDS)
    failures_key, wait_key = _account_keys(email)
    # An account's count is forgotten a day after its last failure.
    failures = _count(failures_key, 24 * 60 * 60)
    cache.touch(failures_key, 24 * 60 * 60)
    delay = delay_after(failures)
    if delay:
        cache.set(wait_key, time.time() + delay, timeout=delay)


def record_success(*, email: str) -> None:
    """A right password clears that account's count. The address's count stays: otherwise
    someone guessing could reset it by signing in to their own account between guesses."""
    cache.delete_many(_account_keys(email))
