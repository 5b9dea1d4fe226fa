"""A form sent twice saves once: ten quick clicks on "Add" add one thing.

Every form that creates something carries a hidden `submission` token (`OnceFormMixin` in
`forms.py`, or `{% once_field %}` for a bare button), fresh on each page. The view is decorated
with `@once`: it runs in one transaction that first inserts the token. A repeat of the token
finds the row (on PostgreSQL a concurrent repeat waits on the unique index until the first
commits) and goes where the first went, saying it was already saved, without running the view.
Only a success keeps the token: a redirect with no error message. A form shown again with its
errors, or a refusal, lets the same token be sent again.
"""

import datetime
import functools
import uuid

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import HttpResponseRedirect
from django.utils import timezone

from upon.service.models import Submission

FIELD = "submission"
ALREADY_SAVED = "You sent this form more than once. It has been saved once."
KEEP_FOR = datetime.timedelta(days=7)


def token_from(request) -> uuid.UUID | None:
    """The posted token, or None: a post without one (or a broken one) is not protected."""
    if request.method != "POST":
        return None
    try:
        return uuid.UUID(request.POST.get(FIELD, ""))
    except ValueError:
        return None


def first_submission(token: uuid.UUID) -> bool:
    """Insert the token; False if it was there already. Call it inside the transaction that
    saves what the form asks for, so the token and the thing are committed together."""
    try:
        with transaction.atomic():  # a savepoint: the IntegrityError leaves the outer one usable
            Submission.objects.create(token=token)
    except IntegrityError:
        return False
    return True


def _succeeded(request, response) -> bool:
    if not isinstance(response, HttpResponseRedirect):
        return False
    queued = getattr(getattr(request, "_messages", None), "_queued_messages", [])
    return not any(message.level >= messages.ERROR for message in queued)


def once(view):
    """Run a view that creates something once per submission token (see the module's note).
    Put it below the access decorators, so a refused request writes nothing."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        token = token_from(request)
        if token is None:
            return view(request, *args, **kwargs)
        with transaction.atomic():
            if not first_submission(token):
                location = Submission.objects.get(token=token).location
                messages.info(request, ALREADY_SAVED)
                return HttpResponseRedirect(location)
            response = view(request, *args, **kwargs)
            saved = Submission.objects.filter(token=token)
            if _succeeded(request, response):
                saved.update(location=response["Location"])
            else:
                saved.delete()
        return response

    return wrapper


def purge(*, now=None) -> int:
    """Forget tokens older than KEEP_FOR; returns how many. A page kept open longer than that
    and sent again saves again."""
    cutoff = (now or timezone.now()) - KEEP_FOR
    deleted, _ = Submission.objects.filter(created_at__lt=cutoff).delete()
    return deleted
