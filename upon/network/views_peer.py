"""Ask a peer: asking, the member's questions, the questions they were asked, a question with
the answers the viewer may see, answering, and agreeing to share an answer."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from upon.accounts.permissions import get_object_for
from upon.network import peer
from upon.network.access import member_required
from upon.network.forms_peer import AnswerForm, AskForm
from upon.service.once import once

PER_PAGE = 20


def _page(request, queryset):
    return Paginator(queryset, PER_PAGE).get_page(request.GET.get("page"))


def _question(request, pk, perm="network.read_question"):
    return get_object_for(request.user, peer.for_viewer(request.user), perm, pk=pk)


@member_required
@once
def ask_peer(request):
    form = AskForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        question, told = peer.ask(asker=request.user, **form.cleaned_data)
        if told:
            people = "1 member" if told == 1 else f"{told} members"
            messages.success(request, f"Your question was sent to {people} who offer this topic.")
        else:
            messages.success(
                request,
                "Your question is saved. No member offers this topic yet: "
                "it goes to nobody until one does.",
            )
        return redirect("network:question", pk=question.pk)
    return render(request, "network/peer/ask.html", {"form": form})


@member_required
def my_questions(request):
    page = _page(request, peer.asked_by(request.user))
    return render(request, "network/peer/my_questions.html", {"page": page})


@member_required
def questions_for_me(request):
    page = _page(request, peer.asked_of(request.user))
    return render(request, "network/peer/questions_for_me.html", {"page": page})


def _question_page(request, question, form=None):
    answers = list(peer.answers_seen_by(request.user, question))
    is_asker = question.asker_id == request.user.pk
    own = next((a for a in answers if a.author_id == request.user.pk), None)
    may_answer = not is_asker and question.told and own is None and not question.closed_at
    context = {
        "question": question,
        "answers": answers,
        "is_asker": is_asker,
        "own": own,
        "form": form or (AnswerForm() if may_answer else None),
    }
    return render(request, "network/peer/question.html", context)


@login_required
def question(request, pk):
    return _question_page(request, _question(request, pk))


@require_POST
@login_required
@once
def answer_question(request, pk):
    question = _question(request, pk, "network.answer_question")
    try:
        peer.check_may_answer(question=question, author=request.user)
    except peer.CannotAnswer as refusal:
        messages.error(request, refusal.message)
        return redirect("network:question", pk=question.pk)
    form = AnswerForm(request.POST)
    if form.is_valid():
        peer.answer(question=question, author=request.user, body=form.cleaned_data["body"])
        messages.success(request, "Your answer is sent. Only the member who asked sees it.")
        return redirect("network:question", pk=question.pk)
    return _question_page(request, question, form)


@require_POST
@login_required
def share_answer(request, pk):
    answer = get_object_for(request.user, peer.ANSWERS, "network.share_answer", pk=pk)
    suggested = peer.agree_to_share(answer=answer, by=request.user)
    if suggested:
        messages.success(
            request,
            "You both agreed: the answer is suggested to the library. "
            "The programme team publishes it without naming who asked.",
        )
    else:
        messages.success(
            request, "You agreed to share this answer. It is shared once you both agree."
        )
    return redirect("network:question", pk=answer.question_id)
