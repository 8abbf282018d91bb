from __future__ import annotations

from typing import Any, ClassVar

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django_otp.models import Device, ThrottlingMixin, TimestampMixin

from .recovery import digest_matches, digests_to_accept
from .roles import INSPECTORATE_ROLES, LOCAL_AREA_ROLES, Role


class InspectorateCode(models.TextChoices):
    OFSTED = "ofsted", "Ofsted"
    CQC = "cqc", "Care Quality Commission"
    HMICFRS = "hmicfrs", "HM Inspectorate of Constabulary and Fire & Rescue Services"
    HMIP = "hmip", "HM Inspectorate of Probation"


class Inspectorate(models.Model):
    """One of the four inspectorates: an organisation whose staff inspect and sign."""

    code = models.CharField(max_length=16, choices=InspectorateCode.choices, unique=True)
    name = models.CharField(max_length=120)
    short_name = models.CharField(max_length=20)
    signatory_name = models.CharField(max_length=120, blank=True)
    signatory_title = models.CharField(max_length=160, blank=True)
    ordering = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ("ordering", "code")

    def __str__(self) -> str:
        return self.short_name


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields: Any) -> User:
        if not email:
            raise ValueError("Enter an email address.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.full_clean(exclude={"password"})
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields: Any) -> User:
        fields.update(is_staff=True, is_superuser=True, role=Role.ADMINISTRATOR)
        fields.setdefault("full_name", "Administrator")
        if "inspectorate" not in fields and "inspectorate_id" not in fields:
            fields["inspectorate"] = Inspectorate.objects.get(code=InspectorateCode.OFSTED)
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in. Inspectorate staff belong to an inspectorate; local-area
    users belong to one area, and agency contacts to one agency in it."""

    email = models.EmailField(unique=True)
    full_name = models.CharField(max_length=150)
    job_title = models.CharField(max_length=150, blank=True)
    role = models.CharField(max_length=32, choices=Role.choices)
    inspectorate = models.ForeignKey(
        Inspectorate, on_delete=models.PROTECT, null=True, blank=True, related_name="staff"
    )
    area = models.ForeignKey(
        "areas.Area", on_delete=models.PROTECT, null=True, blank=True, related_name="users"
    )
    agency = models.ForeignKey(
        "areas.Agency", on_delete=models.PROTECT, null=True, blank=True, related_name="contacts"
    )
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False, help_text="May use the administration site.")
    date_joined = models.DateTimeField(default=timezone.now)
    # Raised by every two-factor reset: a session verified under an older value is no
    # longer verified, so a reset also ends any session signed in with the removed device.
    two_factor_version = models.PositiveIntegerField(default=0, editable=False)

    objects: ClassVar[UserManager] = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ("full_name", "email")
        constraints = [
            models.CheckConstraint(
                name="user_scope_matches_role",
                condition=(
                    Q(
                        role__in=sorted(INSPECTORATE_ROLES),
                        inspectorate__isnull=False,
                        area__isnull=True,
                        agency__isnull=True,
                    )
                    | Q(
                        role=Role.PARTNERSHIP_COORDINATOR,
                        inspectorate__isnull=True,
                        area__isnull=False,
                    )
                    | Q(
                        role=Role.AGENCY_CONTACT,
                        inspectorate__isnull=True,
                        area__isnull=False,
                        agency__isnull=False,
                    )
                ),
            )
        ]

    def __str__(self) -> str:
        return self.full_name or self.email

    def clean(self) -> None:
        super().clean()
        self.email = self.email.lower()
        if self.role in INSPECTORATE_ROLES:
            if self.inspectorate_id is None:
                raise ValidationError(
                    {"inspectorate": "Choose the inspectorate this person works for."}
                )
            if self.area_id is not None or self.agency_id is not None:
                raise ValidationError(
                    {"area": "Inspectorate staff are not members of a local area."}
                )
        elif self.role in LOCAL_AREA_ROLES:
            if self.inspectorate_id is not None:
                raise ValidationError(
                    {"inspectorate": "Local-area users do not belong to an inspectorate."}
                )
            if self.area_id is None:
                raise ValidationError({"area": "Choose the local area this person works in."})
            if self.role == Role.AGENCY_CONTACT and self.agency_id is None:
                raise ValidationError({"agency": "Choose the agency this contact works for."})
            if self.agency is not None and self.agency.area_id != self.area_id:
                raise ValidationError({"agency": "The agency must belong to the person's area."})

    @property
    def is_inspectorate_staff(self) -> bool:
        return self.role in INSPECTORATE_ROLES

    @property
    def is_local_area_user(self) -> bool:
        return self.role in LOCAL_AREA_ROLES

    @property
    def organisation_name(self) -> str:
        if self.inspectorate is not None:
            return self.inspectorate.short_name
        if self.agency is not None:
            return self.agency.name
        return self.area.name if self.area is not None else ""


class TwoFactorReset(models.Model):
    """An administrator removed someone's two-factor devices, so that they set up an
    authenticator app again at their next sign-in: who, by whom and when."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="two_factor_resets")
    reset_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    reset_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("-reset_at", "-pk")
        get_latest_by = "reset_at"
        constraints = [
            models.CheckConstraint(
                name="two_factor_reset_not_by_self", condition=~Q(reset_by=models.F("user"))
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} reset by {self.reset_by} at {self.reset_at:%Y-%m-%d %H:%M}"


class RecoveryCodeDevice(TimestampMixin, ThrottlingMixin, Device):  # type: ignore[misc]
    """Someone's recovery codes, as a django-otp device: each code works once in place of
    the authenticator app's. Only a keyed hash of each code is stored (see
    ``jtai.accounts.recovery``), so reading the database does not give anyone a code."""

    # Device's own field, declared again without a reverse accessor on User: django-otp is
    # untyped, so the type checker could not resolve one, and nothing needs it (queries
    # start from the device; deleting a user still deletes their devices).
    user: models.ForeignKey[User, User] = models.ForeignKey(
        User,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="The user that this device belongs to.",
    )

    class Meta:
        verbose_name = "recovery code set"

    def get_throttle_factor(self) -> int:
        # Waits of 1, 2, 4, 8... seconds after each wrong code, as for the app's codes.
        return 1

    def verify_token(self, token: str) -> bool:
        """Use up the code ``token`` (already normalised) if it is one of this device's,
        comparing it with every stored hash in constant time."""
        allowed, _ = self.verify_is_allowed()
        if not allowed:
            return False
        accepted = digests_to_accept(self.user_id, token)
        match: RecoveryCode | None = None
        for code in self.codes.all():
            # Every stored hash is compared, even after a match, so that the time taken
            # does not depend on which code (if any) was given.
            if digest_matches(code.digest, accepted) and match is None:
                match = code
        if match is None:
            self.throttle_increment()
            return False
        match.delete()
        self.throttle_reset(commit=False)
        self.set_last_used_timestamp(commit=False)
        self.save()
        return True


class RecoveryCode(models.Model):
    """One unused recovery code, as its hash: deleted when used."""

    device = models.ForeignKey(RecoveryCodeDevice, on_delete=models.CASCADE, related_name="codes")
    digest = models.CharField(max_length=64)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["device", "digest"], name="recovery_code_unique_per_device"
            )
        ]

    def __str__(self) -> str:
        return f"Recovery code {self.pk} of {self.device}"
