"""The national register for the programme team: authorities and their directors, a tenure's
changes, adding, changing and ending tenures, importing and exporting the register."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from upon.service.once import once
from upon.service.versioning import StaleVersion
from upon.workforce import imports, linking, register
from upon.workforce.access import (
    get_authority,
    get_import,
    get_tenure,
    get_tenure_to_link,
    register_required,
)
from upon.workforce.forms import (
    AddTenureForm,
    ChangeTenureForm,
    EndTenureForm,
    FindAccountForm,
    FindForm,
    LinkAccountForm,
    UploadForm,
)
from upon.workforce.models import RegisterImport, Tenure

PER_PAGE = 25
ERRORS_PER_PAGE = 50
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _page(request, items, per_page=PER_PAGE):
    return Paginator(items, per_page).get_page(request.GET.get("page"))


@register_required
def authorities(request):
    form = FindForm(request.GET or None)
    filters = form.filters() if request.GET else {"region": "", "query": ""}
    page = _page(request, register.register(**filters))
    context = {"form": form, "page": page, "filtered": any(filters.values())}
    return render(request, "workforce/register.html", context)


@register_required
def authority(request, pk):
    found = get_authority(request, pk)
    context = {"authority": found, "page": _page(request, register.history_of(found))}
    return render(request, "workforce/authority.html", context)


@register_required
@once
def add_tenure(request, pk):
    found = get_authority(request, pk)
    form = AddTenureForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            tenure = register.add_tenure(
                authority=found, today=timezone.localdate(), by=request.user, **form.details()
            )
        except register.RegisterProblem as problem:
            form.refuse(problem)
        else:
            messages.success(request, f"{tenure.director.name} added to {found.name}.")
            return redirect("workforce:authority", pk=found.pk)
    return render(request, "workforce/add_tenure.html", {"form": form, "authority": found})


def _changes(records: list, more: bool) -> list[dict]:
    """Each saved version with what it changed from the one before (the first: recorded)."""
    rows = []
    for place, record in enumerate(records[: len(records) - 1 if more else None]):
        before = records[place + 1] if place + 1 < len(records) else None
        changed = []
        if before is not None:
            delta = record.diff_against(
                before, excluded_fields=["version", "changed_at", "changed_by"]
            )
            names = {c.field for c in delta.changes}
            changed = [f.verbose_name for f in Tenure._meta.fields if f.name in names]
        rows.append({"record": record, "changed": changed})
    return rows


@register_required
def tenure(request, pk):
    found = get_tenure(request, pk)
    page = _page(request, register.changes_of(found).values_list("pk", flat=True))
    start = (page.number - 1) * PER_PAGE
    records = list(register.changes_of(found)[start : start + PER_PAGE + 1])
    context = {
        "tenure": found,
        "page": page,
        "changes": _changes(records, more=len(records) > PER_PAGE),
        "may_link": request.user.has_perm("workforce.link_account", found),
    }
    return render(request, "workforce/tenure.html", context)


@register_required
def link_account(request, pk):
    found = get_tenure_to_link(request, pk)
    director = found.director
    finder = FindAccountForm(request.GET or None)
    query = finder.query() if request.GET else ""
    matching = linking.candidates(team_member=request.user, query=query)
    listed = list(matching[: linking.LISTED + 1])
    form = LinkAccountForm(
        request.POST if request.method == "POST" else None,
        director=director,
        everyone=linking.candidates(team_member=request.user),
        listed=listed[: linking.LISTED],
        initial={"user": director.user_id},
    )
    if request.method == "POST" and form.is_valid():
        person = form.cleaned_data["user"]
        try:
            linking.link_account(director=director, user=person, by=request.user)
        except register.RegisterProblem as problem:
            form.refuse(problem)
        else:
            messages.success(request, f"{director.name} linked to the Upon account of {person}.")
            return redirect("workforce:tenure", pk=found.pk)
    context = {
        "tenure": found,
        "finder": finder,
        "query": query,
        "form": form,
        "listed": listed[: linking.LISTED],
        "more": len(listed) > linking.LISTED,
    }
    return render(request, "workforce/link_account.html", context)


@require_POST
@register_required
def unlink_account(request, pk):
    found = get_tenure_to_link(request, pk)
    if found.director.user_id is not None:
        linking.unlink_account(director=found.director, by=request.user)
        messages.success(request, f"{found.director.name} is no longer linked to an Upon account.")
    return redirect("workforce:tenure", pk=found.pk)


@register_required
def change_tenure(request, pk):
    found = get_tenure(request, pk)
    form = ChangeTenureForm(request.POST or None, instance=found)
    if request.method == "POST" and form.is_valid():
        try:
            register.change_tenure(
                tenure=found,
                version=form.cleaned_data.get("version"),
                today=timezone.localdate(),
                by=request.user,
                **form.details(),
            )
        except StaleVersion:
            found = get_tenure(request, pk)
            form.refuse_stale(ChangeTenureForm(instance=found))
        except register.RegisterProblem as problem:
            form.refuse(problem)
        else:
            messages.success(request, f"{found} saved.")
            return redirect("workforce:tenure", pk=found.pk)
    context = {"form": form, "tenure": found}
    return render(
        request, "workforce/change_tenure.html", context, status=409 if form.stale else 200
    )


@register_required
def end_tenure(request, pk):
    found = get_tenure(request, pk)
    form = EndTenureForm(request.POST or None, instance=found)
    if request.method == "POST" and form.is_valid():
        try:
            register.end_tenure(
                tenure=found,
                version=form.cleaned_data.get("version"),
                ended_on=form.cleaned_data["ended_on"],
                leaving_reason=form.cleaned_data["leaving_reason"],
                today=timezone.localdate(),
                by=request.user,
            )
        except StaleVersion:
            found = get_tenure(request, pk)
            form.refuse_stale(EndTenureForm(instance=found))
        except register.RegisterProblem as problem:
            form.refuse(problem)
        else:
            messages.success(request, f"The end of {found} recorded.")
            return redirect("workforce:tenure", pk=found.pk)
    context = {"form": form, "tenure": found}
    return render(request, "workforce/end_tenure.html", context, status=409 if form.stale else 200)


@register_required
@once
def upload(request):
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        uploaded = form.cleaned_data["file"]
        record = RegisterImport.objects.create(
            uploaded_by=request.user, file_name=uploaded.name[:255], content=uploaded.read()
        )
        return redirect("workforce:check_import", pk=record.pk)
    return render(request, "workforce/upload.html", {"form": form, "header": imports.HEADER})


def _checked(record) -> tuple[imports.Checked | None, str]:
    try:
        header, rows = imports.read_table(record.file_name, bytes(record.content))
    except imports.FileProblem as problem:
        return None, problem.message
    return imports.check(header, rows, today=timezone.localdate()), ""


@register_required
def check_import(request, pk):
    record = get_import(request, pk)
    if request.method == "POST" and record.imported_at is None:
        try:
            checked, imported = imports.run(
                record.file_name,
                bytes(record.content),
                today=timezone.localdate(),
                by=request.user,
            )
        except imports.FileProblem as problem:
            checked, imported, file_problem = None, None, problem.message
        else:
            file_problem = ""
        if imported is not None:
            record.imported_at = timezone.now()
            record.created, record.changed = imported.created, imported.changed
            record.unchanged = imported.unchanged
            record.save(update_fields=["imported_at", "created", "changed", "unchanged"])
            messages.success(
                request,
                f"Register imported: {imported.created} tenures added, {imported.changed} "
                f"changed, {imported.unchanged} already in the register.",
            )
            return redirect("workforce:authorities")
    elif record.imported_at is not None:
        checked, file_problem = None, ""
    else:
        checked, file_problem = _checked(record)
    context = {
        "record": record,
        "checked": checked,
        "file_problem": file_problem,
        "errors": _page(request, checked.errors, ERRORS_PER_PAGE) if checked else None,
    }
    return render(request, "workforce/check_import.html", context)


def _attachment(name: str) -> str:
    return f'attachment; filename="{name}"'


@register_required
def template_csv(request):
    response = HttpResponse("".join(imports.csv_text([])), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = _attachment("register-template.csv")
    return response


@register_required
def template_xlsx(request):
    response = HttpResponse(imports.xlsx_bytes([]), content_type=XLSX_TYPE)
    response["Content-Disposition"] = _attachment("register-template.xlsx")
    return response


@register_required
def export_csv(request):
    response = StreamingHttpResponse(
        imports.csv_text(imports.export_rows()), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = _attachment(f"register-{timezone.localdate()}.csv")
    return response


@register_required
def export_xlsx(request):
    response = HttpResponse(imports.xlsx_bytes(imports.export_rows()), content_type=XLSX_TYPE)
    response["Content-Disposition"] = _attachment(f"register-{timezone.localdate()}.xlsx")
    return response
