"""The service's own middleware: the headers every response carries (no inline script or style
anywhere, so the policy is strict), and refusing an address no view can use."""

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


def security_headers(get_response):
    def middleware(request):
        response = get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=()"
        )
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
