from django.urls import path

from upon.recruitment.views import eligibility, public

app_name = "recruitment"

urlpatterns = [
    path("programmes/<slug:slug>/", public.programme, name="programme"),
    path("intakes/<slug:slug>/", public.intake, name="intake"),
    path(
        "intakes/<slug:slug>/eligibility/", eligibility.eligibility_start, name="eligibility_start"
    ),
    path(
        "intakes/<slug:slug>/eligibility/result/",
        eligibility.eligibility_result,
        name="eligibility_result",
    ),
    path(
        "intakes/<slug:slug>/eligibility/<slug:question>/",
        eligibility.eligibility_question,
        name="eligibility_question",
    ),
]
