"""StreamField blocks for news and unit pages. Each block names its icon, label and template."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock

TEMPLATE_DIR = "components/streamfield"


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("หัวข้อ"), help_text=_("เช่น “กำหนดการรับสมัคร”"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("ระดับ"),
        choices=[("h2", _("หัวข้อหลัก")), ("h3", _("หัวข้อรอง")), ("h4", _("หัวข้อย่อย"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("หัวข้อ")
        template = f"{TEMPLATE_DIR}/heading_block.html"


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageBlock(label=_("รูปภาพ"))
    caption = blocks.CharBlock(
        label=_("คำบรรยายภาพ"),
        required=False,
        help_text=_("เช่น “อธิการบดีมอบเกียรติบัตรแก่นักศึกษา” (ระบุชื่อบุคคลเมื่อได้รับอนุญาตแล้วเท่านั้น)"),
    )
    credit = blocks.CharBlock(label=_("ที่มาของภาพ"), required=False, help_text=_("เช่น “ภาพ: งานประชาสัมพันธ์”"))

    class Meta:
        icon = "image"
        label = _("รูปภาพ")
        template = f"{TEMPLATE_DIR}/image_block.html"


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("เอกสาร"))
    title = blocks.CharBlock(label=_("ข้อความลิงก์"), required=False, help_text=_("เช่น “ดาวน์โหลดประกาศรับสมัคร (PDF)”"))

    class Meta:
        icon = "doc-full"
        label = _("เอกสารแนบ")
        template = f"{TEMPLATE_DIR}/document_block.html"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("ข้อความอ้างอิง"), help_text=_("ข้อความที่ยกมาโดยได้รับอนุญาต"))
    attribution = blocks.CharBlock(label=_("ผู้กล่าว"), required=False, help_text=_("เช่น “อธิการบดีมหาวิทยาลัยราชภัฏเพชรบูรณ์”"))

    class Meta:
        icon = "openquote"
        label = _("คำกล่าว")
        template = f"{TEMPLATE_DIR}/quote_block.html"


class EmbedVideoBlock(blocks.StructBlock):
    embed = EmbedBlock(label=_("ลิงก์สื่อ"), help_text=_("เช่น https://www.youtube.com/watch?v=…"))
    caption = blocks.CharBlock(label=_("คำบรรยาย"), required=False)

    class Meta:
        icon = "media"
        label = _("วิดีโอ/สื่อฝัง")
        template = f"{TEMPLATE_DIR}/embed_block.html"


class BodyStreamBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        features=settings.RICH_TEXT_FEATURES,
        label=_("ย่อหน้า"),
        icon="pilcrow",
        template=f"{TEMPLATE_DIR}/paragraph_block.html",
        help_text=_("เนื้อความ เช่น “มหาวิทยาลัยราชภัฏเพชรบูรณ์จัดกิจกรรม…”"),
    )
    heading = HeadingBlock()
    image = CaptionedImageBlock()
    document = DocumentLinkBlock()
    embed = EmbedVideoBlock()
    quote = QuoteBlock()
    table = TableBlock(
        label=_("ตาราง"),
        icon="table",
        template=f"{TEMPLATE_DIR}/table_block.html",
        help_text=_("เช่น ตารางกำหนดการ วัน–เวลา–กิจกรรม"),
    )

    class Meta:
        label = _("เนื้อหา")
