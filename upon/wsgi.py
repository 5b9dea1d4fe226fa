"""The WSGI application, as servers load it (`gunicorn upon.wsgi`).

Start-up also imports every view and compiles the templates (`upon.service.start_up.warm`),
which Django would otherwise do during the first requests, making them slow (issue 11).
`make bench` times each chart page's first request in a fresh process started this way.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "upon.settings")
application = get_wsgi_application()

from upon.service.start_up import warm  # noqa: E402 - needs the apps loaded above

warm()
