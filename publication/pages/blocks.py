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
    text = blocks.CharBlock(label=_("Heading"), help_text=_("e.g. “Application schedule”"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("Heading level"),
        choices=[("h2", _("Main heading")), ("h3", _("Secondary heading")), ("h4", _("Subheading"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = f"{TEMPLATE_DIR}/heading_block.html"


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageBlock(label=_("Image"))
    # Wagtail's ImageBlock labels its chooser with the field's name ("Image"), which is never translated.
    image.child_blocks["image"].label = _("Image")
    caption = blocks.CharBlock(
        label=_("Image caption"),
        required=False,
        help_text=_("e.g. “The president presents certificates to students” (name people only once they have given permission)"),
    )
    credit = blocks.CharBlock(label=_("Image credit"), required=False, help_text=_("e.g. “Photo: Public Relations Office”"))

    class Meta:
        icon = "image"
        label = _("Image")
        template = f"{TEMPLATE_DIR}/image_block.html"


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(label=_("Link text"), required=False, help_text=_("e.g. “Download the application announcement (PDF)”"))

    class Meta:
        icon = "doc-full"
        label = _("Attached document")
        template = f"{TEMPLATE_DIR}/document_block.html"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Quoted text"), help_text=_("Text quoted with permission"))
    attribution = blocks.CharBlock(label=_("Speaker"), required=False, help_text=_("e.g. “President of Phetchabun Rajabhat University”"))

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = f"{TEMPLATE_DIR}/quote_block.html"


class EmbedVideoBlock(blocks.StructBlock):
    embed = EmbedBlock(label=_("Media link"), help_text=_("e.g. https://www.youtube.com/watch?v=…"))
    caption = blocks.CharBlock(label=_("Media caption"), required=False)

    class Meta:
        icon = "media"
        label = _("Video/embedded media")
        template = f"{TEMPLATE_DIR}/embed_block.html"


class BodyStreamBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        features=settings.RICH_TEXT_FEATURES,
        label=_("Paragraph"),
        icon="pilcrow",
        template=f"{TEMPLATE_DIR}/paragraph_block.html",
        help_text=_("Body text, e.g. “Phetchabun Rajabhat University holds an event…”"),
    )
    heading = HeadingBlock()
    image = CaptionedImageBlock()
    document = DocumentLinkBlock()
    embed = EmbedVideoBlock()
    quote = QuoteBlock()
    table = TableBlock(
        label=_("Table"),
        icon="table",
        template=f"{TEMPLATE_DIR}/table_block.html",
        help_text=_("e.g. a schedule table: date–time–activity"),
    )

    class Meta:
        label = _("Content")
