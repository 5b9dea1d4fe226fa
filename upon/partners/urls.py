from django.urls import include, path

from upon.partners import api, views

app_name = "partners"

urlpatterns = [
    # The programme lead: the programme's partner organisations and their API tokens.
    path("team/partners/", views.index, name="index"),
    path("team/programmes/<int:pk>/partners/", views.partners, name="partners"),
    path("team/programmes/<int:pk>/partners/add/", views.add_partner, name="add_partner"),
    path("team/partners/<int:pk>/tokens/new/", views.issue_token, name="issue_token"),
    path("team/partners/tokens/<int:pk>/", views.token, name="token"),
    path("team/partners/tokens/<int:pk>/revoke/", views.revoke_token, name="revoke_token"),
    # Partner organisations, with a token: the read-only API in JSON (api.py), its OpenAPI
    # description at api/v1/openapi.json, and a JSON 404 for any other address under it.
    path("api/v1/", include(api.api.urls[0])),
    path("api/v1/<path:rest>", views.api_not_found, name="api_not_found"),
]
