from django.apps import AppConfig


class OperationsConfig(AppConfig):
    """Running the service: health and readiness, request ids in the logs, backups (issue 15)."""

    name = "upon.operations"
    verbose_name = "Operations"

    def ready(self):
        from django.core.signals import request_finished

        from upon.operations import request_id

        # Django logs a request's error response after the middleware has returned, so the id
        # is forgotten only when the response is finished, not as the middleware returns.
        request_finished.connect(request_id.forget, dispatch_uid="operations.request_id")
