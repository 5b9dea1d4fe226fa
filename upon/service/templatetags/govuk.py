from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from upon.service.forms import OnceForm, first_input_id

register = template.Library()


@register.filter
def is_page_heading(bound_field) -> bool:
    return getattr(bound_field.form, "page_heading_field", None) == bound_field.name


@register.filter
def input_id(bound_field) -> str:
    return first_input_id(bound_field)


@register.simple_tag
def govuk_widget(bound_field, css_class: str, error_class: str = ""):
    """Render a field's widget with GOV.UK classes and aria-describedby for hint and error."""
    classes = [css_class]
    if bound_field.errors and error_class:
        classes.append(error_class)
    extra = bound_field.field.widget.attrs.get("class")
    if extra:
        classes.append(extra)
    attrs = {"class": " ".join(classes)}
    described = describedby(bound_field)
    if described:
        attrs["aria-describedby"] = described
    return bound_field.as_widget(attrs=attrs)


@register.filter
def describedby(bound_field) -> str:
    ids = []
    if bound_field.help_text:
        ids.append(f"{bound_field.auto_id}-hint")
    if bound_field.field.widget.attrs.get("data-maxwords"):
        ids.append(f"{bound_field.auto_id}-info")
    if bound_field.errors:
        ids.append(f"{bound_field.auto_id}-error")
    return " ".join(ids)


@register.filter
def date_parts(bound_field):
    """(suffix, label, input id, value, width class) for the three boxes of a date input."""
    values = bound_field.value()
    if not isinstance(values, list | tuple):
        values = bound_field.field.widget.decompress(values)
    names = (("Day", "2"), ("Month", "2"), ("Year", "4"))
    return [
        (
            f"{bound_field.html_name}_{index}",
            label,
            f"{bound_field.auto_id}_{index}",
            "" if values[index] is None else values[index],
            width,
        )
        for index, (label, width) in enumerate(names)
    ]


@register.simple_tag
def attrs(**kwargs):
    return format_html_join(" ", '{}="{}"', [(k.replace("_", "-"), v) for k, v in kwargs.items()])


@register.filter
def maxwords(bound_field):
    return bound_field.field.widget.attrs.get("data-maxwords")


@register.filter
def checkbox_label(bound_field):
    """A single checkbox's own label; the field label becomes the fieldset legend."""
    return bound_field.field.widget.attrs.get("data-checkbox-label") or bound_field.label


@register.filter
def elided_pages(page):
    """Page numbers for GOV.UK pagination: first, last and one either side, with ellipses."""
    return page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1)


@register.simple_tag
def table_head(*headings: str):
    """A GOV.UK table's head: one column heading an argument; "#Capacity" right-aligns the
    column, for numbers."""
    cells = format_html_join(
        "",
        '<th scope="col" class="govuk-table__header{}">{}</th>',
        (
            (" govuk-table__header--numeric", h[1:]) if h.startswith("#") else ("", h)
            for h in headings
        ),
    )
    return format_html(
        '<thead class="govuk-table__head"><tr class="govuk-table__row">{}</tr></thead>', cells
    )


@register.simple_tag
def once_field():
    """The hidden submission token for a form that is only a button (see `upon.service.once`)."""
    return OnceForm(auto_id=False)["submission"]


class _WideTableNode(template.Node):
    def __init__(self, label, nodelist):
        self.label, self.nodelist = label, nodelist

    def render(self, context):
        return format_html(
            '<div class="upon-table-wrapper" role="region" aria-label="{}" tabindex="0">{}</div>',
            self.label.resolve(context),
            mark_safe(self.nodelist.render(context)),  # noqa: S308  # nosec B308, B703  # the template's own output
        )


@register.tag
def wide_table(parser, token):
    """{% wide_table "Ranking" %}<table>...</table>{% endwide_table %}: a table wider than a
    small screen scrolls inside a labelled region that a keyboard can reach and scroll, so the
    page itself never scrolls sideways at 320 CSS pixels (WCAG 2.2, 1.4.10 Reflow)."""
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("wide_table takes one argument: the region's label")
    nodelist = parser.parse(("endwide_table",))
    parser.delete_first_token()
    return _WideTableNode(parser.compile_filter(bits[1]), nodelist)
