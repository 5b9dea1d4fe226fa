"""The grant's budget lines: the programme team adds them, changes them and reads each one's
history. The funder reads the grant page (views_outcomes.py) and none of these."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render

from upon.accounts.permissions import get_object_for
from upon.programmes.models import Programme
from upon.reporting import grant
from upon.reporting.forms_grant import AddBudgetLineForm, ChangeBudgetLineForm
from upon.reporting.models import BudgetLine
from upon.reporting.views_outcomes import team_only
from upon.service.once import once
from upon.service.versioning import StaleVersion

CHANGES_PER_PAGE = 25


def _line(request, pk) -> BudgetLine:
    lines = BudgetLine.objects.select_related("programme", "changed_by")
    return get_object_for(request.user, lines, "reporting.change_budget_line", pk=pk)


@team_only
@once
def add_budget_line(request, pk):
    programme = get_object_for(request.user, Programme, "reporting.keep_budget", pk=pk)
    form = AddBudgetLineForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            line = grant.add_budget_line(programme=programme, by=request.user, **form.details())
        except grant.GrantProblem as problem:
            form.refuse(problem)
        else:
            messages.success(request, f"Budget line added: {line.name}")
            return redirect("reporting:grant", pk=programme.pk)
    return render(request, "reporting/add_budget_line.html", {"programme": programme, "form": form})


@team_only
def budget_line(request, pk):
    line = _line(request, pk)
    page = Paginator(line.history.values_list("pk", flat=True), CHANGES_PER_PAGE).get_page(
        request.GET.get("page")
    )
    context = {
        "line": line,
        "spent": grant.line_spent(line),
        "page": page,
        "changes": grant.line_changes(
            line, start=(page.number - 1) * CHANGES_PER_PAGE, count=CHANGES_PER_PAGE
        ),
    }
    return render(request, "reporting/budget_line.html", context)


@team_only
def change_budget_line(request, pk):
    line = _line(request, pk)
    form = ChangeBudgetLineForm.of(line, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            grant.change_budget_line(
                line=line,
                version=form.cleaned_data.get("version"),
                by=request.user,
                **form.details(),
            )
        except StaleVersion:
            line = _line(request, pk)
            form.refuse_stale(ChangeBudgetLineForm.of(line))
        except grant.GrantProblem as problem:
            form.refuse(problem)
        else:
            messages.success(request, f"Budget line saved: {line.name}")
            return redirect("reporting:budget_line", pk=line.pk)
    return render(
        request,
        "reporting/change_budget_line.html",
        {"line": line, "form": form},
        status=409 if form.stale else 200,
    )
