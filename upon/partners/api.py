"""The partner API: read-only figures in JSON, described by OpenAPI at /api/v1/openapi.json.

A partner organisation's token, issued by the programme's lead, opens it: `Authorization: Bearer
<token>`. An unknown or revoked token gets 401; each token may make PARTNER_API_RATE requests
(say "120/min") before it gets 429 with Retry-After, counted in the Django cache (shared by
every worker when REDIS_URL is set). Query parameters that are not valid get 422; nothing a
request sends gives a 5xx. Every figure is an aggregate with the funder's suppression: no
person is named and no count from 1 to 4 is given (`published.py`).
"""

from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

from django.conf import settings
from django.utils import timezone
from ninja import NinjaAPI, Query, Router
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer
from ninja.throttling import SimpleRateThrottle

from upon.partners import published, schemas, services
from upon.partners.algorithms.published import Figure
from upon.workforce.algorithms import turnover

MISSING = "Send a token the programme lead issued, as Authorization: Bearer <token>"


class BearerToken(HttpBearer):
    def authenticate(self, request, token):
        try:
            return services.token_for(token, now=timezone.now())
        except services.Refused as refused:
            raise AuthenticationError(message=refused.message) from None


class PerToken(SimpleRateThrottle):
    """PARTNER_API_RATE requests per token, read from the settings on each request."""

    scope = "partner_token"

    def __init__(self):  # the rate is read per request, so a test can change it
        pass

    def allow_request(self, request) -> bool:
        self.num_requests, self.duration = self.parse_rate(settings.PARTNER_API_RATE)
        return super().allow_request(request)

    def get_cache_key(self, request) -> str:
        return f"partners_api_throttle_{request.auth.pk}"


api = NinjaAPI(
    title="Upon partner API",
    version="1",
    description=(
        "Read-only figures from Upon for the programme's partner organisations: the national "
        "register of directors of children's services (turnover and tenure) and the "
        "programme's outcomes (its funnel per intake, its grant and costs). Aggregates only: "
        "no one is named, and a count from 1 to 4 (or one that would let such a count be "
        "worked out) is null with the reason in `hidden`."
    ),
    urls_namespace="partners",
    docs_url=None,  # the interactive page loads scripts from elsewhere; the description is here
    auth=BearerToken(),
    throttle=[PerToken()],
)
ERRORS = {401: schemas.Error, 422: schemas.ValidationErrors, 429: schemas.Error}


@api.exception_handler(AuthenticationError)
def unauthorised(request, error):
    message = MISSING if error.message == "Unauthorized" else error.message
    response = api.create_response(request, {"detail": message}, status=401)
    response["WWW-Authenticate"] = 'Bearer realm="upon"'
    return response


def _count(figure: Figure) -> dict:
    return {"value": figure.value, "hidden": figure.hidden}


def _months(value: float | None, hidden: str = "") -> dict:
    return {"value": None if value is None else round(value, 1), "hidden": hidden}


def _means(means) -> dict:
    return {name: _count(getattr(means, name)) for name in ("all", "permanent", "interim")}


def _year(found) -> dict:
    return {
        "year": found.year.label,
        "starts_on": found.year.starts_on,
        "ends_on": found.year.ends_on,
        "changes": _count(found.changes),
        "changes_by_kind": {key: _count(f) for key, f in found.changes_by_kind.items()},
        "authorities_with_change": _count(found.authorities_with_change),
        "at_31_march": {
            "authorities_with_director": _count(found.authorities_with_director_at_end),
            "interim": _count(found.interim_at_end),
            "twin_hat": _count(found.twin_hat_at_end),
        },
        "tenure_in_authority_months": _means(found.tenure_in_authority_months),
        "tenure_as_director_months": _means(found.tenure_as_director_months),
    }


register = Router(tags=["The national register"])
programme = Router(tags=["The programme"])

YEAR_RANGE = {"ge": 1900, "le": 2100}


@register.get(
    "/register/years",
    response={200: schemas.Years, **ERRORS},
    url_name="api_register_years",
    summary="Turnover and tenure, per reporting year",
)
def register_years(
    request,
    from_year: int | None = Query(
        None, description="The first year, 2018 for 2018/19", **YEAR_RANGE
    ),
    to_year: int | None = Query(None, description="The last year, 2023 for 2023/24", **YEAR_RANGE),
):
    """Every complete reporting year (1 April to 31 March) in the national register, oldest
    first, or those from `from_year` to `to_year`."""
    found = published.yearly_figures(today=timezone.localdate(), first=from_year, last=to_year)
    return {"years": [_year(y) for y in found]}


@register.get(
    "/register/tenure",
    response={200: schemas.TenureSurvival, **ERRORS},
    url_name="api_register_tenure",
    summary="How long directors stay: Kaplan-Meier medians by region",
)
def register_tenure(request, basis: Literal["authority", "director"] = turnover.AUTHORITY):
    """Median months in post (Kaplan-Meier, with its 95% interval) as at today, for England and
    each region: in one authority (`authority`) or as a director across posts (`director`,
    placed in the region of the spell's first authority)."""
    today = timezone.localdate()
    groups = published.tenure_by_region(today=today, basis=basis)
    return {
        "as_at": today,
        "basis": basis,
        "groups": [
            {
                "region": group.label,
                "spells": _count(group.spells),
                "ended": _count(group.ended),
                "median_months": _count(group.median_months),
                "median_lower_months": _count(group.median_lower_months),
                "median_upper_months": _count(group.median_upper_months),
            }
            for group in groups
        ],
    }


@programme.get(
    "/programme/funnel",
    response={200: schemas.Funnels, **ERRORS},
    url_name="api_programme_funnel",
    summary="What the programme achieved, per intake",
)
def programme_funnel(request):
    """Each of the token's programme's intakes, newest first: applied, eligible, shortlisted,
    offered, accepted, completed, and appointed director within 1, 2, 3 and 5 years of
    completing; the median months from completing to appointment."""
    found = request.auth.partner.programme
    intakes = []
    for row in published.intake_funnels(programme=found):
        intakes.append(
            {
                "intake": row.intake.name,
                "opens_on": timezone.localdate(row.intake.opens_at),
                "stages": [
                    {
                        "key": f.key,
                        "label": f.label,
                        "count": {"value": f.count, "hidden": f.hidden},
                    }
                    for f in row.figures
                ],
                "median_months_to_appointment": _months(row.median_months, row.median_hidden),
            }
        )
    return {"programme": found.name, "intakes": intakes}


PENNY = Decimal("0.01")


def _money(amount: Decimal | None) -> str | None:
    return None if amount is None else str(amount.quantize(PENNY, rounding=ROUND_HALF_UP))


@programme.get(
    "/programme/grant",
    response={200: schemas.Grant, **ERRORS},
    url_name="api_programme_grant",
    summary="The grant: budget against spend, and what each outcome cost",
)
def programme_grant(request):
    """The grant's budget lines by period with what was spent, and the cost per participant,
    per completer and per director appointed (hidden where the people are fewer than 5)."""
    found = request.auth.partner.programme
    figures, costs = published.grant_figures(programme=found)

    def money(item) -> dict:
        return {k: _money(getattr(item, k)) for k in ("budget", "spent", "left")}

    return {
        "programme": found.name,
        "periods": [
            {
                "starts_on": period.starts_on,
                "ends_on": period.ends_on,
                "lines": [{"name": f.line.name, **money(f)} for f in period.lines],
                **money(period),
            }
            for period in figures.periods
        ],
        **money(figures),
        "costs": [
            {
                "key": cost.key,
                "label": cost.label,
                "definition": cost.definition,
                "people": {"value": cost.count, "hidden": cost.hidden},
                "cost": _money(cost.cost),
            }
            for cost in costs
        ],
    }


@programme.get(
    "/programme/reports",
    response={200: schemas.FunderReports, **ERRORS},
    url_name="api_programme_reports",
    summary="The funder's reports the programme has published",
)
def programme_reports(request):
    """The programme's published funder reports, newest first (none until the funder's report
    lands: see `published.funder_reports`)."""
    found = request.auth.partner.programme
    return {"programme": found.name, "reports": published.funder_reports(programme=found)}


api.add_router("", register)
api.add_router("", programme)
