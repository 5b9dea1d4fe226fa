"""The resource library: searching and browsing (anyone: each sees what they may), a resource
and opening it (its view counted), collections, a member's suggestion, and the team's queue of
suggestions, resources and collections."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from upon.accounts.access import team_required
from upon.accounts.permissions import get_object_for
from upon.network import library
from upon.network.access import member_required
from upon.network.forms_library import (
    AddToCollectionForm,
    CollectionForm,
    ResourceForm,
    ReviewForm,
    SearchForm,
    TeamResourceForm,
    capability_names,
    topic_names,
)
from upon.network.models import Collection, CollectionItem, Resource, ResourceStatus
from upon.network.rules import is_member, is_team
from upon.service.once import once

PAGE_SIZE = 20
RESOURCES = Resource.objects.select_related("cohort", "session")


def _page(request, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


class SignInFirst(Exception):
    pass


def _resource_for(request, pk) -> Resource:
    """The resource, if this person may see it: else 404, or, signed out, sign in first (for
    any resource but a public one, so nobody learns which others there are)."""
    if request.user.is_authenticated:
        return get_object_for(request.user, RESOURCES, "network.view_resource", pk=pk)
    found = RESOURCES.filter(pk=pk).first()
    if found is None or not library.may_view(request.user, found):
        raise SignInFirst
    return found


def _sign_in(pk):
    return redirect_to_login(reverse("network:resource", args=[pk]))


def _is_team(user) -> bool:
    return user.is_authenticated and is_team(user)


# Everyone: what they may see


def search(request):
    form = SearchForm(request.GET or None)
    filters = form.filters() if request.GET else {"query": ""}
    query = filters.pop("query")
    page = _page(request, library.search(query, user=request.user, **filters))
    page.object_list = library.mark(page.object_list, query)
    context = {
        "form": form,
        "page": page,
        "searched": bool(request.GET.get("q", "").strip()),
        "team": _is_team(request.user),
        "can_suggest": request.user.is_authenticated and is_member(request.user),
    }
    return render(request, "network/library/search.html", context)


def resource(request, pk):
    try:
        found = _resource_for(request, pk)
    except SignInFirst:
        return _sign_in(pk)
    team = _is_team(request.user)
    context = {
        "resource": found,
        "topics": topic_names(found.topics),
        "capabilities": capability_names(found.capabilities),
        "team": team,
        "collection_form": AddToCollectionForm() if team else None,
        "file_name": found.file.name.rsplit("/", 1)[-1] if found.file else "",
    }
    return render(request, "network/library/resource.html", context)


@require_POST
def open_resource(request, pk):
    """Open the link or download the file, counting one view."""
    try:
        found = _resource_for(request, pk)
    except SignInFirst:
        return _sign_in(pk)
    library.record_view(resource=found)
    if found.link:
        return redirect(found.link)
    if not found.file:
        raise Http404("This resource has no file")
    return FileResponse(
        found.file.open("rb"), as_attachment=True, filename=found.file.name.rsplit("/", 1)[-1]
    )


def collections(request):
    context = {
        "page": _page(request, Collection.objects.order_by("title", "pk")),
        "team": _is_team(request.user),
    }
    return render(request, "network/library/collections.html", context)


def collection(request, pk):
    found = get_object_or_404(Collection, pk=pk)
    context = {
        "collection": found,
        "items": library.collection_items(collection=found, user=request.user),
        "team": _is_team(request.user),
    }
    return render(request, "network/library/collection.html", context)


# Members


@member_required
@once
def suggest(request):
    form = ResourceForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        suggestion = library.suggest(by=request.user, **form.details())
        messages.success(
            request, f"Thank you: {suggestion.title} is with the team, who will decide on it."
        )
        return redirect("network:resource", pk=suggestion.pk)
    return render(request, "network/library/suggest.html", {"form": form})


# The team


@team_required
def suggestions(request):
    context = {"page": _page(request, library.suggestions())}
    return render(request, "network/library/suggestions.html", context)


@team_required
def review_suggestion(request, pk):
    found = get_object_for(
        request.user,
        Resource.objects.select_related("suggested_by"),
        "network.manage_library",
        pk=pk,
    )
    if found.status != ResourceStatus.SUGGESTED:
        messages.error(request, f"{found.title} has already been decided.")
        return redirect("network:library_suggestions")
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if data["decision"] == "publish":
            library.publish(
                resource=found,
                by=request.user,
                visibility=data["visibility"],
                cohort=data["cohort"],
            )
            messages.success(request, f"{found.title} published.")
        else:
            library.decline(resource=found, by=request.user, reason=data["reason"])
            messages.success(request, f"{found.title} declined; the member has been told why.")
        return redirect("network:library_suggestions")
    context = {
        "resource": found,
        "form": form,
        "topics": topic_names(found.topics),
        "capabilities": capability_names(found.capabilities),
    }
    return render(request, "network/library/review.html", context)


@team_required
@once
def add_resource(request):
    form = TeamResourceForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        added = library.add_resource(by=request.user, **form.details())
        messages.success(request, f"{added.title} added to the library.")
        return redirect("network:resource", pk=added.pk)
    return render(request, "network/library/resource_form.html", {"form": form})


@team_required
def edit_resource(request, pk):
    found = get_object_for(request.user, RESOURCES, "network.manage_library", pk=pk)
    form = TeamResourceForm(request.POST or None, request.FILES or None, resource=found)
    if request.method == "POST" and form.is_valid():
        library.change_resource(resource=found, **form.details())
        messages.success(request, f"{found.title} saved.")
        return redirect("network:resource", pk=found.pk)
    return render(request, "network/library/resource_form.html", {"form": form, "resource": found})


@team_required
@once
def add_collection(request):
    form = CollectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        made = library.create_collection(
            by=request.user,
            title=form.cleaned_data["title"],
            description=form.cleaned_data["description"],
        )
        messages.success(request, f"{made.title} created. Add resources from their pages.")
        return redirect("network:collection", pk=made.pk)
    return render(request, "network/library/collection_form.html", {"form": form})


@require_POST
@team_required
def add_to_collection(request, pk):
    found = get_object_for(request.user, Resource, "network.manage_library", pk=pk)
    form = AddToCollectionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Select a collection")
        return redirect("network:resource", pk=found.pk)
    chosen = form.cleaned_data["collection"]
    try:
        library.add_to_collection(collection=chosen, resource=found)
    except library.Refused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, f"{found.title} added to {chosen.title}.")
    return redirect("network:resource", pk=found.pk)


@require_POST
@team_required
def remove_from_collection(request, pk):
    item = get_object_for(
        request.user,
        CollectionItem.objects.select_related("collection", "resource"),
        "network.manage_library",
        pk=pk,
    )
    library.remove_from_collection(item=item)
    messages.success(request, f"{item.resource.title} removed from {item.collection.title}.")
    return redirect("network:collection", pk=item.collection_id)


@require_POST
@team_required
def move_in_collection(request, pk):
    """Move a resource up or down its collection (`direction`: "up" or "down")."""
    item = get_object_for(
        request.user,
        CollectionItem.objects.select_related("collection", "resource"),
        "network.manage_library",
        pk=pk,
    )
    direction = request.POST.get("direction")
    if direction not in ("up", "down"):
        messages.error(request, "Select whether to move it up or down")
    elif library.move_in_collection(item=item, up=direction == "up"):
        messages.success(request, f"{item.resource.title} moved {direction}.")
    return redirect(f"{reverse('network:collection', args=[item.collection_id])}#item-{item.pk}")
