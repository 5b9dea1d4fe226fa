from base64 import b32decode

from django.core.management.base import BaseCommand
from django_otp.oath import TOTP

from demo.common import DEMO_TOTP_KEY


class Command(BaseCommand):
    help = (
        "Print the code an authenticator app holding the demo key shows now: the second factor "
        "for the demo's staff sign-ins (docs/demo-sign-ins.txt). Reads no database."
    )

    def handle(self, *args, **options):
        totp = TOTP(b32decode(DEMO_TOTP_KEY))
        self.stdout.write(f"{totp.token():06d} (changes in {30 - int(totp.time) % 30} seconds)")
