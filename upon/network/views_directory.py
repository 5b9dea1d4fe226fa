"""The directory: the list with its search and filters, a profile, and a member's own profile
(opt in by saving it, opt out by removing it)."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render

from upon.accounts.permissions import get_object_for
from upon.network import directory
from upon.network.access import member_required
from upon.network.forms_directory import DirectoryFilterForm, ProfileForm

PER_PAGE = 20


@member_required
def directory_list(request):
    form = DirectoryFilterForm(request.GET or None, cohorts=directory.cohort_choices())
    found = directory.search(**form.filters()) if form.is_bound else directory.profiles()
    page = Paginator(found, PER_PAGE).get_page(request.GET.get("page"))
    rows = [(profile, directory.shown(profile)) for profile in page]
    context = {
        "form": form,
        "page": page,
        "rows": rows,
        "own": directory.own_profile(request.user) is not None,
        "filtered": form.is_bound,
    }
    return render(request, "network/directory/list.html", context)


@member_required
def profile(request, pk):
    found = get_object_for(request.user, directory.profiles(), "network.view_profile", pk=pk)
    context = {"profile": found, "shown": directory.shown(found)}
    return render(request, "network/directory/profile.html", context)


def _initial(found) -> dict:
    if found is None:
        return {}
    return {
        "about": found.about,
        "region": found.region,
        "topics": found.topics,
        "strengths": found.strengths,
        "contact_preferences": found.contact_preferences,
    }


@member_required
def own_profile(request):
    found = directory.own_profile(request.user)
    if request.method == "POST":
        form = ProfileForm(request.POST)
        if form.is_valid():
            _profile, created = directory.save_profile(user=request.user, **form.cleaned_data)
            messages.success(
                request,
                "Your profile is in the directory." if created else "Your profile is saved.",
            )
            return redirect("network:own_profile")
    else:
        form = ProfileForm(initial=_initial(found))
    # What the directory reads from the person's records, shown beside what they type.
    shown = directory.shown(found) if found else None
    context = {"form": form, "profile": found, "shown": shown}
    return render(request, "network/directory/own_profile.html", context)


@member_required
def remove_profile(request):
    found = directory.own_profile(request.user)
    if found is None:
        messages.info(request, "You have no profile in the directory.")
        return redirect("network:own_profile")
    if request.method == "POST":
        directory.remove_profile(user=request.user)
        messages.success(request, "Your profile is removed from the directory.")
        return redirect("network:own_profile")
    return render(request, "network/directory/remove_profile.html", {"profile": found})
