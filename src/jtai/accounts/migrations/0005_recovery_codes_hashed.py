"""Recovery codes kept in plain text by django-otp's static plugin become hashes in our own
recovery code device, and the plain codes are deleted.

Nothing can turn a hash back into a code, so going back only removes the hashed codes:
people then have no recovery codes until they get new ones from their account page."""

from typing import Any

from django.db import migrations

from jtai.accounts.codes import normalise
from jtai.accounts.recovery import recovery_code_digest


def hash_plain_codes(apps: Any, schema_editor: Any) -> None:
    StaticDevice = apps.get_model("otp_static", "StaticDevice")
    RecoveryCodeDevice = apps.get_model("accounts", "RecoveryCodeDevice")
    RecoveryCode = apps.get_model("accounts", "RecoveryCode")
    for old in StaticDevice.objects.order_by("pk"):
        device = RecoveryCodeDevice.objects.create(
            user_id=old.user_id,
            name=old.name,
            confirmed=old.confirmed,
            throttling_failure_timestamp=old.throttling_failure_timestamp,
            throttling_failure_count=old.throttling_failure_count,
            last_used_at=old.last_used_at,
        )
        # created_at is set on creation (auto_now_add): keep when the codes were made.
        RecoveryCodeDevice.objects.filter(pk=device.pk).update(created_at=old.created_at)
        digests = {
            recovery_code_digest(old.user_id, normalise(token))
            for token in old.token_set.values_list("token", flat=True)
        }
        RecoveryCode.objects.bulk_create(
            RecoveryCode(device=device, digest=digest) for digest in sorted(digests)
        )
        old.delete()  # and its plain-text tokens with it


def remove_hashed_codes(apps: Any, schema_editor: Any) -> None:
    apps.get_model("accounts", "RecoveryCodeDevice").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_recovery_codes"),
        ("otp_static", "0003_add_timestamps"),
    ]

    operations = [migrations.RunPython(hash_plain_codes, remove_hashed_codes, elidable=False)]
