"""Internal units (หน่วยงานภายใน), their heads and editors, and acting heads (รักษาราชการแทน)."""

from __future__ import annotations

import datetime

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from wagtail.search import index

from .forms import UnitForm


class UnitKind(models.TextChoices):
    FACULTY = "faculty", _("Faculty")
    OFFICE = "office", _("Office/division")
    INSTITUTE = "institute", _("Institute")
    CENTRE = "centre", _("Centre")
    PROGRAMME = "programme", _("Programme/field of study")


code_validator = RegexValidator(
    r"^[A-Z][A-Z0-9-]{1,19}$",
    _("The unit code must be 2–20 upper-case English letters or digits, for example SCI or ARIT"),
)


class UnitQuerySet(models.QuerySet):
    def for_page(self, page) -> Unit | None:
        """The unit whose section contains `page` (nearest section wins), or None."""
        path = page.path
        steplen = page.steplen
        ancestor_paths = [path[:i] for i in range(steplen, len(path) + 1, steplen)]
        return self.filter(section__path__in=ancestor_paths).order_by("-section__depth").first()

    def headed_by(self, user):
        return self.filter(heads=user)

    def edited_by(self, user):
        return self.filter(editors=user)


class Unit(index.Indexed, models.Model):
    """A faculty, office, institute, centre or programme that owns content.

    Saving a unit provisions its Wagtail groups and page permissions
    (`publication.organisation.provisioning.provision_unit`), so the admin never has to set them by hand.
    """

    name_th = models.CharField(_("Unit name (Thai)"), max_length=255)
    name_en = models.CharField(_("Unit name (English)"), max_length=255, blank=True)
    code = models.CharField(
        _("Unit code"),
        max_length=20,
        unique=True,
        validators=[code_validator],
        help_text=_("An English abbreviation, for example SCI, used to name the user groups, for example “SCI editors”"),
        error_messages={"unique": _("A unit with this code already exists. Please use another code.")},
    )
    kind = models.CharField(_("Unit type"), max_length=20, choices=UnitKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("Parent unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    contact_email = models.EmailField(
        _("Unit contact email"),
        help_text=_("The email address that is notified of publishing results (procedure 1.1, item 4), for example sci@pcru.ac.th"),
        error_messages={"invalid": _("Invalid email address format, for example sci@pcru.ac.th")},
    )
    phone = models.CharField(_("Phone"), max_length=50, blank=True)
    heads = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Heads of unit"),
        blank=True,
        related_name="headed_units",
        help_text=_("The approvers of this unit's content; they must be staff (accounts with staff status)"),
    )
    editors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Content editors"),
        blank=True,
        related_name="edited_units",
    )
    may_publish_own_news = models.BooleanField(
        _("May publish its own news"),
        default=False,
        help_text=_("Procedure 1.2: the unit has been granted the right to use the university's news system"),
    )
    section = models.OneToOneField(
        "wagtailcore.Page",
        verbose_name=_("Website section"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="section_of_unit",
        help_text=_("The unit's home page; every page below it belongs to this unit"),
    )
    editors_group = models.OneToOneField(
        "auth.Group", null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )
    heads_group = models.OneToOneField(
        "auth.Group", null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )
    collection = models.OneToOneField(
        "wagtailcore.Collection",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    # Wagtail 8 builds the snippet form from the model's base_form_class (SnippetViewSet has no
    # such option), so the Thai validation in UnitForm only runs if it is named here.
    base_form_class = UnitForm

    history = HistoricalRecords(
        m2m_fields=[heads, editors], excluded_fields=["editors_group", "heads_group", "collection"]
    )
    objects = UnitQuerySet.as_manager()

    search_fields = [
        index.SearchField("name_th"),
        index.SearchField("name_en"),
        index.SearchField("code"),
        index.AutocompleteField("name_th"),
        index.FilterField("kind"),
    ]

    class Meta:
        verbose_name = _("Internal unit")
        verbose_name_plural = _("Internal units")
        ordering = ["name_th"]

    def __str__(self) -> str:
        return self.name_th

    def clean(self) -> None:
        super().clean()
        if self.code:
            self.code = self.code.strip().upper()
        if self.parent_id:
            seen = {self.pk} if self.pk else set()
            node = self.parent
            while node is not None:
                if node.pk in seen or node.pk == self.pk:
                    message = _("This parent unit creates a loop (the unit would belong to itself). Please choose another parent unit.")
                    raise ValidationError({"parent": message})
                seen.add(node.pk)
                node = node.parent

    @property
    def news_index(self):
        """The unit's own news folder (a NewsIndexPage directly under its section), if any."""
        if not self.section_id:
            return None
        # Late lookup by name: page types live in `publication.pages`, above this app.
        news_index_page = apps.get_model("pages", "NewsIndexPage")
        return news_index_page.objects.child_of(self.section).first()

    def editors_group_name(self) -> str:
        return f"{self.code} editors"

    def heads_group_name(self) -> str:
        return f"{self.code} heads"


class ActingHead(models.Model):
    """A head's delegate for a date range (รักษาราชการแทน): the delegate acts and is notified instead."""

    unit = models.ForeignKey(Unit, verbose_name=_("Unit"), on_delete=models.CASCADE, related_name="acting_heads")
    head = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("Head of unit"), on_delete=models.CASCADE, related_name="+"
    )
    acting = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("Acting head"), on_delete=models.CASCADE, related_name="acting_for"
    )
    start_date = models.DateField(_("From date"))
    end_date = models.DateField(_("To date"))
    note = models.CharField(_("Note/order number"), max_length=255, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Acting head of unit")
        verbose_name_plural = _("Acting heads of unit")
        ordering = ["-start_date"]

    def __str__(self) -> str:
        return _("%(acting)s acting for %(head)s (%(unit)s)") % {"acting": self.acting, "head": self.head, "unit": self.unit.code}

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date cannot be before the start date.")})
        if self.head_id and self.acting_id and self.head_id == self.acting_id:
            raise ValidationError({"acting": _("The acting head cannot be the same person as the head of unit.")})
        if self.unit_id and self.head_id and not self.unit.heads.filter(pk=self.head_id).exists():
            raise ValidationError({"head": _("The selected person is not a head of this unit.")})
        if self.acting_id and not self.acting.is_active:
            raise ValidationError({"acting": _("The acting head's account is deactivated.")})
        if self.acting_id and self.acting.groups.filter(name="Webmasters").exists():
            # The webmaster's own step follows the head's: one person would then approve both.
            raise ValidationError({"acting": _("A webmaster cannot be an acting head of unit, as they could then approve two steps.")})

    @classmethod
    def active_on(cls, day: datetime.date | None = None):
        day = day or timezone.localdate()
        return cls.objects.filter(start_date__lte=day, end_date__gte=day)


def unit_approvers(unit: Unit | None, day: datetime.date | None = None):
    """Users who approve for `unit` today: heads not away, plus the acting heads of those away."""
    user_model = get_user_model()
    if unit is None:
        return user_model.objects.none()
    delegations = ActingHead.active_on(day).filter(unit=unit, head__in=unit.heads.all())
    away = delegations.values("head_id")
    acting = delegations.values("acting_id")
    return user_model.objects.filter(is_active=True).filter(
        models.Q(pk__in=unit.heads.exclude(pk__in=away).values("pk")) | models.Q(pk__in=acting)
    )


def units_approved_by(user, day: datetime.date | None = None):
    """Units whose content `user` approves today, as a head (not away) or as an acting head."""
    if not user.is_authenticated:
        return Unit.objects.none()
    delegations = ActingHead.active_on(day)
    own = Unit.objects.filter(heads=user).exclude(pk__in=delegations.filter(head=user).values("unit_id"))
    acting = Unit.objects.filter(pk__in=delegations.filter(acting=user).values("unit_id"))
    return (own | acting).distinct()
