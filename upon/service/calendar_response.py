"""A calendar (.ics) as a response: a file to download, or a feed a calendar app subscribes
to. Private and never stored on the way, since a reset feed address must stop working at once,
and kept out of search engines."""

from django.http import HttpResponse


def calendar_response(body: str | bytes, filename: str, *, attachment: bool) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
