"""Internal units (หน่วยงานภายใน) and the people who act for them."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from wagtail.search import index

from publication.forms.units import UnitForm


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
    (`publication.provisioning.provision_unit`), so the admin never has to set them by hand.
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
        from .pages import NewsIndexPage

        return NewsIndexPage.objects.child_of(self.section).first()

    def editors_group_name(self) -> str:
        return f"{self.code} editors"

    def heads_group_name(self) -> str:
        return f"{self.code} heads"
