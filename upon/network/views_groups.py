"""Groups: the list of groups, a group's threads, starting a thread, a thread's posts and
replying, the emails a member wants; reporting a post; the team's hiding of posts and its
reports page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from upon.accounts.access import role_required, team_required
from upon.accounts.permissions import get_object_for
from upon.network import groups as rules_groups
from upon.network.forms_groups import HideForm, NotifyForm, ReplyForm, ReportForm, ThreadForm
from upon.network.models import Report
from upon.network.rules import MEMBERS, TEAM, is_team
from upon.service.once import once

PER_PAGE = 20

member_or_team_required = role_required(
    *MEMBERS, *TEAM, refusal="Members of the network and the programme team only"
)


def _page(request, queryset):
    return Paginator(queryset, PER_PAGE).get_page(request.GET.get("page"))


def _group(request, pk, perm="network.read_group"):
    return get_object_for(request.user, rules_groups.GROUPS, perm, pk=pk)


def _thread(request, pk, perm="network.read_group"):
    return get_object_for(request.user, rules_groups.THREADS, perm, pk=pk)


def _post(request, pk, perm):
    return get_object_for(request.user, rules_groups.POSTS, perm, pk=pk)


@member_or_team_required
def groups(request):
    team = is_team(request.user)
    mine, others = rules_groups.groups_for(request.user, team=team and not _member(request))
    return render(
        request, "network/groups/groups.html", {"mine": mine, "others": others, "team": team}
    )


def _member(request) -> bool:
    from upon.network.rules import is_member

    return is_member(request.user)


@login_required
def group(request, pk):
    group = _group(request, pk)
    membership = rules_groups.membership_of(group, request.user) if _member(request) else None
    context = {
        "group": group,
        "membership": membership,
        "page": _page(request, rules_groups.threads_of(group)),
        "may_post": request.user.has_perm("network.post_in_group", group),
        "may_join": request.user.has_perm("network.join_group", group),
    }
    return render(request, "network/groups/group.html", context)


@require_POST
@login_required
def join_group(request, pk):
    group = _group(request, pk, "network.join_group")
    rules_groups.join(group=group, member=request.user)
    messages.success(request, f"You joined {group.name}.")
    return redirect("network:group", pk=group.pk)


@require_POST
@login_required
def leave_group(request, pk):
    group = _group(request, pk, "network.join_group")
    rules_groups.leave(group=group, member=request.user)
    messages.success(request, f"You left {group.name}.")
    return redirect("network:groups")


@login_required
def group_notifications(request, pk):
    group = _group(request, pk, "network.post_in_group")
    membership = rules_groups.membership_of(group, request.user)
    form = NotifyForm(
        request.POST if request.method == "POST" else None,
        initial={"notify": membership.notify},
    )
    if request.method == "POST" and form.is_valid():
        rules_groups.set_notify(
            group=group, member=request.user, notify=form.cleaned_data["notify"]
        )
        messages.success(request, "Your email choice for this group is saved.")
        return redirect("network:group", pk=group.pk)
    return render(request, "network/groups/notifications.html", {"form": form, "group": group})


@login_required
@once
def start_thread(request, pk):
    group = _group(request, pk, "network.post_in_group")
    form = ThreadForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        thread = rules_groups.start_thread(group=group, author=request.user, **form.cleaned_data)
        messages.success(request, "Your thread is started.")
        return redirect("network:thread", pk=thread.pk)
    return render(request, "network/groups/start_thread.html", {"form": form, "group": group})


def _thread_page(request, thread, form, status=200):
    context = {
        "thread": thread,
        "group": thread.group,
        "page": _page(request, rules_groups.posts_of(thread)),
        "form": form,
        "may_post": request.user.has_perm("network.post_in_group", thread.group),
        "team": is_team(request.user),
        "member": _member(request),
    }
    return render(request, "network/groups/thread.html", context, status=status)


@login_required
def thread(request, pk):
    thread = _thread(request, pk)
    return _thread_page(request, thread, ReplyForm())


@require_POST
@login_required
@once
def reply(request, pk):
    thread = _thread(request, pk, "network.post_in_group")
    form = ReplyForm(request.POST)
    if not form.is_valid():
        return _thread_page(request, thread, form)
    rules_groups.reply(thread=thread, author=request.user, body=form.cleaned_data["body"])
    messages.success(request, "Your reply is posted.")
    last_page = (thread.posts.count() - 1) // PER_PAGE + 1
    url = redirect("network:thread", pk=thread.pk).url
    return redirect(f"{url}?page={last_page}" if last_page > 1 else url)


@login_required
@once
def report_post(request, pk):
    post = _post(request, pk, "network.report_post")
    form = ReportForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        rules_groups.report_post(post=post, reporter=request.user, **form.cleaned_data)
        messages.success(request, "Thank you. The programme team will read your report.")
        return redirect("network:thread", pk=post.thread_id)
    return render(request, "network/groups/report_post.html", {"form": form, "post": post})


# The programme team's moderation


@login_required
def hide_post(request, pk):
    post = _post(request, pk, "network.moderate_post")
    form = HideForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        rules_groups.hide_post(post=post, by=request.user, **form.cleaned_data)
        messages.success(request, "The post is hidden. Members see that the team hid it.")
        return redirect("network:thread", pk=post.thread_id)
    return render(request, "network/groups/hide_post.html", {"form": form, "post": post})


@require_POST
@login_required
def unhide_post(request, pk):
    post = _post(request, pk, "network.moderate_post")
    rules_groups.unhide_post(post=post, by=request.user)
    messages.success(request, "The post is shown again.")
    return redirect("network:thread", pk=post.thread_id)


@team_required
def team_reports(request):
    page = _page(request, rules_groups.open_reports())
    return render(request, "network/groups/team_reports.html", {"page": page})


@require_POST
@login_required
def resolve_report(request, pk):
    report = get_object_for(request.user, Report.objects.all(), "network.resolve_report", pk=pk)
    rules_groups.resolve_report(report=report, by=request.user)
    messages.success(request, "The report is marked as resolved.")
    return redirect("network:team_reports")
