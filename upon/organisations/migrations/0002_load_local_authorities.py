from django.db import migrations


def load(apps, schema_editor):
    from upon.organisations.services import load_local_authorities

    load_local_authorities(organisation_model=apps.get_model("organisations", "Organisation"))


def unload(apps, schema_editor):
    apps.get_model("organisations", "Organisation").objects.filter(
        kind="local_authority"
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("organisations", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
