"""The applicant answers their offer: accepting on the offer page; declining, which cannot be
undone, on a page of its own that says what happens."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from upon.accounts.permissions import get_object_for
from upon.selection import offers
from upon.selection.forms_team import DeclineOfferForm
from upon.selection.models import Offer, OfferStatus


def _offer(request, reference) -> Offer:
    return get_object_for(
        request.user,
        Offer.objects.select_related("application__intake"),
        "selection.respond_to_offer",
        application__reference=reference,
    )


@login_required
def respond(request, reference):
    offer = _offer(request, reference)
    application = offer.application
    if request.method == "POST":
        if request.POST.get("answer") == "decline":  # the old button: the page that checks
            return redirect("selection:decline_offer", reference=reference)
        if request.POST.get("answer") == "accept":
            try:
                offers.accept(offer=offer)
            except (offers.OfferClosed, offers.CohortFull) as error:
                messages.warning(request, error.message)
            else:
                messages.success(request, f"You have accepted your place on {application.intake}.")
        return redirect("selection:respond_to_offer", reference=reference)
    context = {
        "application": application,
        "offer": offer,
        "pending": offer.status == OfferStatus.PENDING,
    }
    return render(request, "selection/applicant/offer.html", context)


@login_required
def decline(request, reference):
    """Are you sure: GET says what declining does and asks why (optional); POST declines."""
    offer = _offer(request, reference)
    back = redirect("selection:respond_to_offer", reference=reference)
    if offer.status != OfferStatus.PENDING:
        messages.warning(request, offers.OfferClosed.message)
        return back
    form = DeclineOfferForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            offers.decline(offer=offer, reason=form.cleaned_data["reason"])
        except offers.OfferClosed as error:
            messages.warning(request, error.message)
        else:
            messages.success(request, "You have declined your offer. Thank you for telling us.")
        return back
    context = {"application": offer.application, "offer": offer, "form": form}
    return render(request, "selection/applicant/decline.html", context)
