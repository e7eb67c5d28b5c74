"""Webmaster-maintained additions to the shipped term lists (``data/*.tsv``)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .lexicon import Term
from .types import Severity


class PolicyTerm(models.Model):
    """A term the policy engine should look for, added in the admin (snippet).

    Merged with the shipped data files; a term here with the same text and rule
    overrides the shipped entry (e.g. to change its severity). Changes are kept in
    history (django-simple-history) and invalidate the engine's cached lexicon.
    """

    class Rule(models.TextChoices):
        CONFIDENTIAL = "confidential-marker", _("Confidentiality marking / publication restriction")
        IMPOLITE = "impolite-language", _("Impolite, vulgar or violent language")
        SPELLING = "spelling", _("Commonly misspelled word")

    class SeverityLevel(models.TextChoices):
        ERROR = "error", _("Error (must not be published)")
        WARNING = "warning", _("Warning (approver must acknowledge)")
        INFO = "info", _("Recommendation")

    class Kind(models.TextChoices):
        STAMP = "stamp", _("Confidentiality class (counted only as a marking)")
        RESTRICTION = "restriction", _("Publication restriction (counted anywhere in the text)")
        LABEL = "label", _("Confidentiality heading in a memorandum")
        VULGAR = "vulgar", _("Vulgar word")
        INSULT = "insult", _("Insult")
        PRONOUN = "pronoun", _("Impolite pronoun")
        THREAT = "threat", _("Threatening language")

    term = models.CharField(_("Term"), max_length=200)
    rule = models.CharField(_("Rule"), max_length=32, choices=Rule.choices)
    severity = models.CharField(_("Severity"), max_length=10, choices=SeverityLevel.choices, default=SeverityLevel.WARNING)
    kind = models.CharField(
        _("Kind"),
        max_length=20,
        choices=Kind.choices,
        blank=True,
        help_text=_("For confidentiality: marking/restriction; for impolite language: the category of the word"),
    )
    suggestion = models.CharField(
        _("Correct word"),
        max_length=200,
        blank=True,
        help_text=format_lazy(_("Required for commonly misspelled words, e.g. {example}"), example="สังเกตุ → สังเกต"),
    )
    note = models.TextField(_("Note / source"), blank=True)
    active = models.BooleanField(_("In use"), default=True)
    created_at = models.DateTimeField(_("Created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("Modified at"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Policy check terms")
        verbose_name_plural = _("Policy check terms")
        ordering = ["rule", "term"]
        constraints = [models.UniqueConstraint(fields=["term", "rule"], name="policyterm_unique_term_rule")]

    def __str__(self) -> str:
        return f"{self.term} ({self.get_rule_display()})"

    def clean(self) -> None:
        super().clean()
        self.term = (self.term or "").strip()
        if not self.term:
            raise ValidationError({"term": _("Please enter the term.")})
        if self.rule == self.Rule.SPELLING and not self.suggestion.strip():
            raise ValidationError({"suggestion": _("A commonly misspelled word must have its correct word.")})
        if self.rule == self.Rule.CONFIDENTIAL and self.kind and self.kind not in ("stamp", "restriction", "label"):
            raise ValidationError({"kind": _("This kind cannot be used with the confidentiality rule.")})

    def to_term(self) -> Term:
        kind = self.kind or ("stamp" if self.rule == self.Rule.CONFIDENTIAL else "")
        return Term(
            term=self.term,
            rule=self.rule,
            severity=Severity(self.severity),
            kind=kind,
            suggestion=self.suggestion.strip(),
            note=self.note,
        )
