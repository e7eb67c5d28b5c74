"""Webmaster-maintained additions to the shipped term lists (``data/*.tsv``)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
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
        CONFIDENTIAL = "confidential-marker", _("เครื่องหมายชั้นความลับ / ข้อจำกัดการเผยแพร่")
        IMPOLITE = "impolite-language", _("ถ้อยคำไม่สุภาพ หยาบคาย หรือรุนแรง")
        SPELLING = "spelling", _("คำที่มักสะกดผิด")

    class SeverityLevel(models.TextChoices):
        ERROR = "error", _("ข้อผิดพลาด (ห้ามเผยแพร่)")
        WARNING = "warning", _("คำเตือน (ผู้อนุมัติต้องรับทราบ)")
        INFO = "info", _("ข้อแนะนำ")

    class Kind(models.TextChoices):
        STAMP = "stamp", _("ชั้นความลับ (นับเฉพาะเมื่อเป็นเครื่องหมาย)")
        RESTRICTION = "restriction", _("ข้อจำกัดการเผยแพร่ (นับทุกตำแหน่ง)")
        LABEL = "label", _("หัวข้อชั้นความลับในบันทึกข้อความ")
        VULGAR = "vulgar", _("คำหยาบ")
        INSULT = "insult", _("คำดูหมิ่น")
        PRONOUN = "pronoun", _("สรรพนามไม่สุภาพ")
        THREAT = "threat", _("ถ้อยคำข่มขู่")

    term = models.CharField(_("คำ"), max_length=200)
    rule = models.CharField(_("กฎ"), max_length=32, choices=Rule.choices)
    severity = models.CharField(_("ระดับ"), max_length=10, choices=SeverityLevel.choices, default=SeverityLevel.WARNING)
    kind = models.CharField(
        _("ประเภท"),
        max_length=20,
        choices=Kind.choices,
        blank=True,
        help_text=_("สำหรับชั้นความลับ: เครื่องหมาย/ข้อจำกัด; สำหรับถ้อยคำไม่สุภาพ: หมวดของคำ"),
    )
    suggestion = models.CharField(
        _("คำที่ถูกต้อง"),
        max_length=200,
        blank=True,
        help_text=_("ต้องระบุสำหรับคำที่มักสะกดผิด เช่น สังเกตุ → สังเกต"),
    )
    note = models.TextField(_("หมายเหตุ / ที่มา"), blank=True)
    active = models.BooleanField(_("ใช้งาน"), default=True)
    created_at = models.DateTimeField(_("สร้างเมื่อ"), auto_now_add=True)
    updated_at = models.DateTimeField(_("แก้ไขเมื่อ"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("คำสำหรับตรวจนโยบาย")
        verbose_name_plural = _("คำสำหรับตรวจนโยบาย")
        ordering = ["rule", "term"]
        constraints = [models.UniqueConstraint(fields=["term", "rule"], name="policyterm_unique_term_rule")]

    def __str__(self) -> str:
        return f"{self.term} ({self.get_rule_display()})"

    def clean(self) -> None:
        super().clean()
        self.term = (self.term or "").strip()
        if not self.term:
            raise ValidationError({"term": _("กรุณาระบุคำ")})
        if self.rule == self.Rule.SPELLING and not self.suggestion.strip():
            raise ValidationError({"suggestion": _("คำที่มักสะกดผิดต้องระบุคำที่ถูกต้อง")})
        if self.rule == self.Rule.CONFIDENTIAL and self.kind and self.kind not in ("stamp", "restriction", "label"):
            raise ValidationError({"kind": _("ประเภทนี้ใช้กับกฎชั้นความลับไม่ได้")})

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
