"""The WSGI application, as servers load it (`gunicorn upon.wsgi`).

Start-up also loads the URLconf, and with it every view and what the views import (NumPy,
SciPy, OR-Tools): Django would otherwise do that during the first request, which then took
seconds (issue 11). A server loads this before it accepts a request; `make bench` times each
chart page's first request in a fresh process started this way.
"""

import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "upon.settings")
application = get_wsgi_application()
get_resolver().url_patterns  # noqa: B018 - imports every view now, not on the first request
