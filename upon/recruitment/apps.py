from django.apps import AppConfig


class RecruitmentConfig(AppConfig):
    name = "upon.recruitment"
