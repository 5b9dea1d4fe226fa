"""The service's own middleware: the headers every response carries, and refusing an address
no view can use.

No inline script or style anywhere, so the Content Security Policy is strict. Anything shown to
someone signed in, and any download, may hold personal data: it is never stored by the browser
or a shared cache (`Cache-Control: no-store, private`), unless the view chose its own caching.
Static files never reach this far (WhiteNoise answers them first) and keep theirs.
"""

from django.core.exceptions import BadRequest

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'self'",
        "object-src 'none'",
    ]
)


NO_STORE = "no-store, private"


def _may_hold_personal_data(request, response) -> bool:
    user = getattr(request, "user", None)
    signed_in = user is not None and user.is_authenticated
    return signed_in or response.get("Content-Disposition", "").startswith("attachment")


def security_headers(get_response):
    def middleware(request):
        response = get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=()"
        )
        if _may_hold_personal_data(request, response):
            response.headers.setdefault("Cache-Control", NO_STORE)
        return response

    return middleware


def refuse_null_characters(get_response):
    """A NUL character in the address is never meaningful and PostgreSQL refuses it in text, so
    it is a bad request (400) before any view sees it. (Forms refuse it in posted fields.)"""

    def middleware(request):
        if "\x00" in request.path or any(
            "\x00" in key or "\x00" in value
            for key, values in request.GET.lists()
            for value in values
        ):
            raise BadRequest("A null character in the address.")
        return get_response(request)

    return middleware
