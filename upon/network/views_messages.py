"""Messages: writing to a member from their profile, the list of conversations, a
conversation with its reply form, blocking and unblocking, reporting a message."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from upon.accounts.permissions import get_object_for
from upon.network import directory
from upon.network import messages as conversations
from upon.network.access import member_required
from upon.network.forms_messages import MessageForm, ReportForm
from upon.network.models import Conversation, Message
from upon.service.once import once

PER_PAGE = 20
TAKE_PART = "network.take_part"


def _conversation(request, pk) -> Conversation:
    queryset = Conversation.objects.select_related("first", "second")
    return get_object_for(request.user, queryset, TAKE_PART, pk=pk)


@member_required
@once
def write_to(request, pk):
    recipient_profile = get_object_for(
        request.user, directory.profiles(), "network.write_to", pk=pk
    )
    recipient = recipient_profile.user
    if recipient.pk == request.user.pk:
        messages.info(request, "This is your own profile.")
        return redirect("network:own_profile")
    existing = conversations.conversation_between(request.user, recipient)
    form = MessageForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            message = conversations.send(
                sender=request.user, recipient=recipient, body=form.cleaned_data["body"]
            )
        except conversations.CannotSend as refusal:
            form.add_error("body", refusal.message)
        else:
            messages.success(request, f"Your message is sent to {recipient.full_name}.")
            return redirect("network:conversation", pk=message.conversation_id)
    context = {"form": form, "profile": recipient_profile, "existing": existing}
    return render(request, "network/messages/write.html", context)


@member_required
def conversation_list(request):
    page = Paginator(conversations.conversations_of(request.user), PER_PAGE).get_page(
        request.GET.get("page")
    )
    rows = [(conversation, conversation.other(request.user)) for conversation in page]
    return render(request, "network/messages/list.html", {"page": page, "rows": rows})


@login_required
@once
def conversation(request, pk):
    found = _conversation(request, pk)
    other = found.other(request.user)
    form = MessageForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            conversations.send(sender=request.user, recipient=other, body=form.cleaned_data["body"])
        except conversations.CannotSend as refusal:
            form.add_error("body", refusal.message)
        else:
            messages.success(request, f"Your reply is sent to {other.full_name}.")
            return redirect("network:conversation", pk=found.pk)
    shown = conversations.messages_in(found)
    if request.method == "GET":
        conversations.mark_read(conversation=found, reader=request.user, shown=shown)
    context = {
        "conversation": found,
        "other": other,
        "shown": shown,
        "form": form,
        "blocked": conversations.is_blocked(blocker=request.user, blocked=other),
    }
    return render(request, "network/messages/conversation.html", context)


@require_POST
@login_required
def block(request, pk):
    found = _conversation(request, pk)
    other = found.other(request.user)
    conversations.block(blocker=request.user, blocked=other)
    messages.success(request, f"You have blocked {other.full_name}. They cannot send you messages.")
    return redirect("network:conversation", pk=found.pk)


@require_POST
@login_required
def unblock(request, pk):
    found = _conversation(request, pk)
    other = found.other(request.user)
    conversations.unblock(blocker=request.user, blocked=other)
    messages.success(request, f"You have unblocked {other.full_name}.")
    return redirect("network:conversation", pk=found.pk)


@login_required
def report_message(request, pk):
    queryset = Message.objects.select_related(
        "conversation", "conversation__first", "conversation__second", "sender"
    )
    message = get_object_for(request.user, queryset, "network.report_message", pk=pk)
    if message.sender_id == request.user.pk:
        messages.error(request, "You cannot report your own message.")
        return redirect("network:conversation", pk=message.conversation_id)
    form = ReportForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        conversations.report(
            message=message, reporter=request.user, reason=form.cleaned_data["reason"]
        )
        messages.success(
            request,
            "Thank you. The programme team will read the message and your reason.",
        )
        return redirect("network:conversation", pk=message.conversation_id)
    return render(request, "network/messages/report.html", {"form": form, "message": message})
