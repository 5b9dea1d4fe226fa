"""The applicant answers their offer."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from upon.accounts.permissions import get_object_for
from upon.selection import offers
from upon.selection.forms_team import DeclineOfferForm
from upon.selection.models import Offer, OfferStatus


@login_required
def respond(request, reference):
    offer = get_object_for(
        request.user,
        Offer.objects.select_related("application__intake"),
        "selection.respond_to_offer",
        application__reference=reference,
    )
    application = offer.application
    form = DeclineOfferForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        try:
            if request.POST.get("answer") == "accept":
                offers.accept(offer=offer)
                messages.success(request, f"You have accepted your place on {application.intake}.")
                return redirect("selection:respond_to_offer", reference=reference)
            if request.POST.get("answer") == "decline" and form.is_valid():
                offers.decline(offer=offer, reason=form.cleaned_data["reason"])
                messages.success(request, "You have declined your offer. Thank you for telling us.")
                return redirect("selection:respond_to_offer", reference=reference)
            if form.is_valid():  # the reason is fine: the answer is what is missing
                form.add_error(None, "Select if you accept or decline the offer")
        except (offers.OfferClosed, offers.CohortFull) as error:
            messages.warning(request, error.message)
            return redirect("selection:respond_to_offer", reference=reference)
        offer.refresh_from_db()
    context = {
        "application": application,
        "offer": offer,
        "form": form,
        "pending": offer.status == OfferStatus.PENDING,
    }
    return render(request, "selection/applicant/offer.html", context)
