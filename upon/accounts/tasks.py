"""Background work for accounts, run by django-tasks (db_worker in production): the emails that
creating an account sends, so that the page answers as fast for a taken address as a new one."""

from django_tasks import task

from upon.accounts import services
from upon.accounts.models import User


@task()
def send_confirmation_email(user_id: int) -> None:
    user = User.objects.filter(pk=user_id, email_confirmed_at__isnull=True).first()
    if user is not None:
        services.send_confirmation(user=user)


@task()
def tell_account_exists(email: str) -> bool:
    return services.tell_account_exists(email=email)
