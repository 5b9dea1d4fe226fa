"""GOV.UK dates and times in templates. Built in (settings.TEMPLATES), so no {% load %}:
{{ session.starts_at|govuk_time }} gives 5:30pm; |govuk_date 3 December 2026; |govuk_day
Thursday 3 December 2026; |govuk_time_on_date 5:30pm on 3 December 2026. Empty stays empty."""

from django import template

from upon.service import times

register = template.Library()


def _filter(name, formatter):
    def apply(value):
        return "" if value in (None, "") else formatter(value)

    apply.__name__ = name
    register.filter(name, apply)


_filter("govuk_time", times.clock)
_filter("govuk_date", times.calendar_date)
_filter("govuk_day", times.weekday_date)
_filter("govuk_time_on_date", times.time_on_date)
