"""Official letters (P1.4) stay private by Wagtail's own mechanisms, not only by our serve hook.

Issue 9, case 10: an attacker found letters in the admin API, in the letters' snippet chooser and in
the webmaster's document chooser, and replaced the file of a closed letter through Wagtail's document
edit view. Each test goes through the real admin URLs with the demo users.
"""

from __future__ import annotations

import contextlib
import html
import json

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.urls import reverse
from wagtail.api.v2.utils import get_restricted_collection_ids
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction, GroupCollectionPermission
from wagtail.rich_text import RichText

from publication.letters.models import LETTERS_COLLECTION, ExternalRequest, ExternalRequestAttachment, ExternalRequestStatus
from publication.letters.privacy import LetterDocumentLocked, letter_findings
from publication.letters.provisioning import letters_collection
from publication.moderation.checks import page_texts
from publication.organisation.provisioning import CENTRAL_GROUPS, provision_all
from publication.pages.models import NewsPage
from tests.conftest import png_bytes
from tests.files import small_pdf
from tests.letters.test_external_requests import SUBJECT, letter_form, register_letter

pytestmark = pytest.mark.django_db

Document = get_document_model()
Image = get_image_model()

OUTSIDERS = ("sci_editor", "sci_head")
CENTRAL = ("clerk", "executive", "arit_director", "webmaster")
ROLES = OUTSIDERS + CENTRAL
EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200
CONTROL_TITLE = "ประกาศรับสมัครนักศึกษาใหม่ ปีการศึกษา 2570"


def visible(response) -> str:
    """What a response shows, JSON unescaped (Django escapes Thai as \\uXXXX) and HTML entities decoded."""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    text = content.decode("utf-8", "replace")
    if "json" in response.get("Content-Type", ""):
        with contextlib.suppress(ValueError):
            text = json.dumps(json.loads(text), ensure_ascii=False)
    return html.unescape(text)


def secrets_of(req: ExternalRequest) -> dict[str, str]:
    document = req.attachments.get().document
    stored = document.file.name.rsplit("/", 1)[-1]
    return {
        "letter number": req.letter_number,
        "subject": req.subject,
        "document title": document.title,
        "stored file name": stored,
        "file token": stored.removeprefix("letter-").rsplit(".", 1)[0],
    }


def leaks(req: ExternalRequest, response) -> list[str]:
    """What of the letter a response shows (empty when nothing)."""
    text = visible(response)
    return [what for what, secret in secrets_of(req).items() if secret in text]


@pytest.fixture
def letter(client, demo) -> ExternalRequest:
    req = register_letter(client, demo)
    client.logout()
    return req


@pytest.fixture
def letter_document(letter):
    return letter.attachments.get().document


@pytest.fixture
def control_document(demo):
    """An ordinary unit document: every listing below still shows it (the tests are not vacuous)."""
    document = Document(title=CONTROL_TITLE, collection=demo.units["SCI"].collection, uploaded_by_user=demo.user("sci_editor"))
    document.file.save("control.pdf", ContentFile(small_pdf()), save=False)
    document.save()
    return document


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser("root", "root@pcru.ac.th", "x")


# --- 1. No chooser, listing, search or API shows a letter ---------------------------------------------

#: URLs that show documents: a letter never appears in them, for anyone (central roles included).
DOCUMENT_URLS = {
    "admin API documents": lambda req, doc: reverse("wagtailadmin_api:documents:listing"),
    "admin API documents search": lambda req, doc: reverse("wagtailadmin_api:documents:listing") + "?search=" + req.letter_number,
    "admin API document detail": lambda req, doc: reverse("wagtailadmin_api:documents:detail", args=[doc.pk]),
    "document listing": lambda req, doc: reverse("wagtaildocs:index"),
    "document listing search": lambda req, doc: reverse("wagtaildocs:index_results") + "?q=พช",
    "document chooser": lambda req, doc: reverse("wagtaildocs_chooser:choose"),
    "document chooser search": lambda req, doc: reverse("wagtaildocs_chooser:choose_results") + "?q=พช",
    "document chosen": lambda req, doc: reverse("wagtaildocs_chooser:chosen", args=[doc.pk]),
    "document edit": lambda req, doc: reverse("wagtaildocs:edit", args=[doc.pk]),
    "document usage": lambda req, doc: reverse("wagtaildocs:document_usage", args=[doc.pk]),
    "document delete": lambda req, doc: reverse("wagtaildocs:delete", args=[doc.pk]),
}
#: URLs of the letters themselves: outsiders never see them; the roles listed in READERS must.
LETTER_URLS = {
    "letters snippet chooser": lambda req, doc: reverse("wagtailsnippetchoosers_publication_externalrequest:choose"),
    "letters snippet chooser search": lambda req, doc: reverse("wagtailsnippetchoosers_publication_externalrequest:choose_results")
    + "?q=พช",
    "letters snippet chosen": lambda req, doc: reverse("wagtailsnippetchoosers_publication_externalrequest:chosen", args=[req.pk]),
    "letters listing": lambda req, doc: reverse("wagtailsnippets_publication_externalrequest:list"),
    "letters history": lambda req, doc: reverse("wagtailsnippets_publication_externalrequest:history", args=[req.pk]),
    "letters usage": lambda req, doc: reverse("wagtailsnippets_publication_externalrequest:usage", args=[req.pk]),
    "letter steps": lambda req, doc: reverse("publication_external_process", args=[req.pk]),
    "site history": lambda req, doc: reverse("wagtailadmin_reports:site_history"),
    "site history results": lambda req, doc: reverse("wagtailadmin_reports:site_history_results"),
    # The dashboard's "งานของฉัน" panel lists a letter to the role whose step it is at (issue 12).
    "dashboard": lambda req, doc: reverse("wagtailadmin_home"),
}
#: Reports every admin user opens: outsiders get them, without the letters' entries.
OPEN_TO_ALL = {"site history", "site history results", "dashboard"}
#: Who must see each letters URL (history and usage need change rights: the President's Office only).
READERS = {where: CENTRAL for where in LETTER_URLS} | {
    "letters history": ("clerk",),
    "letters usage": ("clerk",),
    "dashboard": ("clerk",),  # the letter waits at the President's Office's step
}


@pytest.mark.parametrize("username", [*ROLES, "superuser"])
def test_no_document_listing_chooser_or_api_shows_a_letter(client, demo, letter, superuser, username):
    """Letters are reached only through the letter's own page: the document admin never offers one."""
    document = letter.attachments.get().document
    # The search terms below do find the letter when nothing filters it out.
    assert document in Document.objects.search("พช") and document in Document.objects.search(letter.letter_number)
    client.force_login(superuser if username == "superuser" else demo.user(username))
    shown = {}
    for where, url in DOCUMENT_URLS.items():
        response = client.get(url(letter, document))
        assert response.status_code in (200, 302, 403, 404), (where, response.status_code)
        if found := leaks(letter, response):
            shown[where] = found
    assert shown == {}, f"{username} sees the letter's {shown}"


@pytest.mark.parametrize("username", ROLES)
def test_letters_urls_show_letters_to_the_four_central_roles_only(client, demo, letter, username):
    client.force_login(demo.user(username))
    for where, url in LETTER_URLS.items():
        response = client.get(url(letter, None))
        if username in OUTSIDERS:
            if where not in OPEN_TO_ALL:
                assert response.status_code in (302, 403, 404), (where, response.status_code)
            assert leaks(letter, response) == [], where
        elif username in READERS[where]:
            assert response.status_code == 200, (where, response.status_code)
            text = visible(response)
            assert letter.letter_number in text or SUBJECT in text, where


def test_ordinary_documents_are_still_listed_and_chosen(client, demo, letter, control_document):
    """The filters take letters away, nothing else."""
    for username in ("sci_editor", "webmaster"):
        client.force_login(demo.user(username))
        for where in ("admin API documents", "document listing", "document chooser"):
            response = client.get(DOCUMENT_URLS[where](letter, control_document))
            assert CONTROL_TITLE in visible(response), (username, where)
        chosen = client.get(reverse("wagtaildocs_chooser:chosen", args=[control_document.pk]))
        assert chosen.status_code == 200 and CONTROL_TITLE in visible(chosen)


def test_the_webmasters_document_chooser_never_offers_a_letter(client, demo, letter, letter_document):
    """The webmaster may read letters, but a letter is never something to link from public content."""
    client.force_login(demo.user("webmaster"))
    chosen = client.get(reverse("wagtaildocs_chooser:chosen", args=[letter_document.pk]))
    assert chosen.status_code != 200
    assert letter_document.title not in visible(chosen)
    # The webmaster still reads the file itself, through the letter's step page.
    assert client.get(letter_document.url).status_code == 200


def test_letters_collection_has_a_view_restriction_for_the_four_central_groups(demo):
    collection = letters_collection()
    restrictions = CollectionViewRestriction.objects.filter(collection=collection)
    assert restrictions.count() == 1
    restriction = restrictions.get()
    assert restriction.restriction_type == CollectionViewRestriction.GROUPS
    assert set(restriction.groups.values_list("name", flat=True)) == set(CENTRAL_GROUPS)

    # Wagtail's own API filter (get_restricted_collection_ids) now hides the collection from outsiders.
    request = RequestFactory().get("/")
    request.user = demo.user("sci_editor")
    assert collection.pk in get_restricted_collection_ids(request)
    request.user = demo.user("clerk")
    assert collection.pk not in get_restricted_collection_ids(request)

    provision_all()  # idempotent
    assert CollectionViewRestriction.objects.filter(collection=collection).count() == 1


def test_no_group_holds_a_permission_on_the_letters_collection(demo):
    """Unit groups get rights on their own collection only (nothing on the root to inherit into the letters);
    no group at all holds a grant on the letters collection: files enter only through the letter's form."""
    collection = letters_collection()
    sealed = Collection.objects.filter(path__startswith=collection.path)
    assert not GroupCollectionPermission.objects.filter(collection__in=sealed).exists()
    ancestors = set(collection.get_ancestors().values_list("pk", flat=True))
    for unit in demo.units.values():
        for group in (unit.editors_group, unit.heads_group):
            granted = set(GroupCollectionPermission.objects.filter(group=group).values_list("collection_id", flat=True))
            assert granted == {unit.collection_id}, group.name
            assert not granted & ancestors, group.name
    # A grant somebody adds by hand (to a unit group or a central one) is taken away by provisioning.
    stale = [Group.objects.get(name="SCI editors"), Group.objects.get(name="President's Office")]
    from django.contrib.auth.models import Permission

    add_document = Permission.objects.get(content_type__app_label="wagtaildocs", codename="add_document")
    for group in stale:
        GroupCollectionPermission.objects.create(group=group, collection=collection, permission=add_document)
    provision_all()
    assert not GroupCollectionPermission.objects.filter(collection__in=sealed).exists()


# --- 2. A letter can never be linked from public content ----------------------------------------------


def _news(demo, body, cover_image=None) -> NewsPage:
    return NewsPage(
        title="ข่าวประชาสัมพันธ์",
        slug="letter-link-test",
        live=False,
        summary="สรุปข่าว",
        owner_unit=demo.units["SCI"],
        publisher_name="ณัฐวุฒิ สายทอง",
        publisher_position="นักวิชาการคอมพิวเตอร์",
        cover_image=cover_image,
        cover_image_alt="ภาพปก" if cover_image else "",
        body=body,
    )


def test_letter_findings_flag_every_link_to_a_letter(demo, letter_document, control_document, make_image):
    letter_image = make_image("ภาพสแกนหนังสือ", collection=letters_collection())
    ordinary_image = make_image("ภาพกิจกรรม", collection=demo.units["SCI"].collection)
    body = [
        (
            "paragraph",
            RichText(
                f'<p>รายละเอียดตาม<a linktype="document" id="{letter_document.pk}">หนังสือของจังหวัด</a> และ'
                f'<a linktype="document" id="{control_document.pk}">ประกาศของคณะ</a></p>'
            ),
        ),
        ("document", {"document": letter_document, "title": "ดาวน์โหลดหนังสือ"}),
        ("document", {"document": control_document, "title": "ดาวน์โหลดประกาศ"}),
        ("image", {"image": {"image": letter_image, "alt_text": "หนังสือ", "decorative": False}, "caption": "", "credit": ""}),
        ("image", {"image": {"image": ordinary_image, "alt_text": "กิจกรรม", "decorative": False}, "caption": "", "credit": ""}),
        ("paragraph", RichText(f'<p>ภาพ <embed embedtype="image" id="{letter_image.pk}" format="fullwidth" alt="x"/></p>')),
    ]
    page = _news(demo, body, cover_image=letter_image)

    findings = letter_findings(page)

    assert [f["field"] for f in findings] == [
        "cover_image",
        "body[0].paragraph",
        "body[1].document",
        "body[3].image",
        "body[5].paragraph",
    ]
    for finding in findings:
        assert set(finding) == {"rule", "severity", "message", "message_en", "match", "field", "suggestion", "start", "end"}
        assert finding["rule"] == "official-letter-link"
        assert finding["severity"] == "error"
        assert "หนังสือราชการ" in finding["message"] and finding["suggestion"]
        # Findings are shown to editors and heads: they never repeat the letter's own number or title.
        assert letter_document.title not in json.dumps(finding, ensure_ascii=False)
        assert "พช 0017.2" not in json.dumps(finding, ensure_ascii=False)
    link = findings[1]
    assert link["match"] == "หนังสือของจังหวัด"
    assert page_texts(page)["body[0].paragraph"][link["start"] : link["end"]] == link["match"]
    assert findings[2]["match"] == "ดาวน์โหลดหนังสือ"


def test_letter_findings_read_a_revision_and_find_nothing_in_clean_pages(demo, letter_document, control_document):
    page = _news(demo, [("document", {"document": control_document, "title": "ประกาศ"})])
    demo.units["SCI"].section.get_children().first().add_child(instance=page)
    assert letter_findings(page) == []
    page.body = [("document", {"document": letter_document, "title": ""})]
    revision = page.save_revision()
    findings = letter_findings(revision.as_object())
    assert [(f["field"], f["match"], f["start"], f["end"]) for f in findings] == [("body[0].document", "", 0, 0)]


# --- 3. A registered letter's file is immutable --------------------------------------------------------


def _stored(document) -> tuple[str, str, bytes]:
    document.refresh_from_db()
    with document.file.open("rb") as handle:
        data = handle.read()
    return document.file.name, document.collection.name, data


@pytest.mark.parametrize("username", ["clerk", "webmaster", "superuser"])
def test_nobody_replaces_a_closed_letters_file_through_wagtail(client, demo, letter, letter_document, superuser, username):
    ExternalRequest.objects.filter(pk=letter.pk).update(status=ExternalRequestStatus.CLOSED)
    before = _stored(letter_document)
    client.force_login(superuser if username == "superuser" else demo.user(username))
    pk = letter_document.pk
    ordinary = demo.units["SCI"].collection

    response = client.get(reverse("wagtaildocs:edit", args=[pk]))
    assert response.status_code != 200
    client.post(
        reverse("wagtaildocs:edit", args=[pk]),
        {"title": "หนังสือ", "file": SimpleUploadedFile("letter.pdf", EXE), "collection": ordinary.pk, "tags": ""},
    )
    client.post(
        reverse("wagtaildocs:edit_multiple", args=[pk]),
        {f"doc-{pk}-title": "หนังสือ", f"doc-{pk}-collection": ordinary.pk, f"doc-{pk}-tags": ""},
    )
    client.post(reverse("wagtaildocs:delete", args=[pk]))
    client.post(reverse("wagtaildocs:delete_multiple", args=[pk]))
    client.post(
        reverse("wagtail_bulk_action", args=("wagtaildocs", "document", "add_to_collection")) + f"?id={pk}",
        {"collection": ordinary.pk},
    )

    assert Document.objects.filter(pk=pk).exists()
    assert _stored(letter_document) == before


def test_the_document_model_refuses_to_change_a_letters_file_or_collection(letter_document, demo):
    with pytest.raises(LetterDocumentLocked):
        letter_document.file.save("letter-0123456789abcdef0123456789abcdef.pdf", ContentFile(small_pdf()))
    letter_document.refresh_from_db()
    letter_document.collection = demo.units["SCI"].collection
    with pytest.raises(LetterDocumentLocked):
        letter_document.save()
    # An ordinary document may not be moved into the letters collection either.
    ordinary = Document(title="ประกาศ", collection=demo.units["SCI"].collection)
    ordinary.file.save("ordinary.pdf", ContentFile(small_pdf()), save=False)
    ordinary.save()
    ordinary.collection = letters_collection()
    with pytest.raises(LetterDocumentLocked):
        ordinary.save()
    # Its title (not its file) may still be corrected.
    letter_document.refresh_from_db()
    letter_document.title = "หนังสือ (ฉบับสแกนใหม่)"
    letter_document.save()


def test_a_new_file_is_a_new_attachment_with_history(client, demo, letter, letter_document):
    before = _stored(letter_document)
    client.force_login(demo.user("clerk"))
    second = SimpleUploadedFile("หนังสือหน้า2.pdf", small_pdf(), content_type="application/pdf")
    response = client.post(reverse("wagtailsnippets_publication_externalrequest:edit", args=[letter.pk]), letter_form([second]))
    assert response.status_code == 302, visible(response)[:2000]
    attachments = list(letter.attachments.order_by("pk"))
    assert [a.original_name for a in attachments] == ["หนังสือ.pdf", "หนังสือหน้า2.pdf"]
    assert attachments[0].document_id == letter_document.pk and _stored(letter_document) == before
    record = ExternalRequestAttachment.history.get(id=attachments[1].pk)
    assert record.history_type == "+" and record.history_user == demo.user("clerk")

    # Once closed, the letter's form is gone, and so is every other way to add a file.
    ExternalRequest.objects.filter(pk=letter.pk).update(status=ExternalRequestStatus.CLOSED)
    third = SimpleUploadedFile("หนังสือหน้า3.pdf", small_pdf(), content_type="application/pdf")
    client.post(reverse("wagtailsnippets_publication_externalrequest:edit", args=[letter.pk]), letter_form([third]))
    assert letter.attachments.count() == 2


# --- 4. Every upload path into the letters collection checks content ----------------------------------


def letters_documents() -> set[int]:
    return set(Document.objects.filter(collection__name=LETTERS_COLLECTION).values_list("pk", flat=True))


@pytest.mark.parametrize("content", [small_pdf(), EXE], ids=["pdf", "renamed-exe"])
@pytest.mark.parametrize("username", ["webmaster", "superuser"])
def test_wagtails_upload_views_refuse_the_letters_collection(client, demo, letter, superuser, username, content):
    client.force_login(superuser if username == "superuser" else demo.user(username))
    target = letters_collection().pk
    before = letters_documents()

    client.post(
        reverse("wagtaildocs:add"),
        {"title": "หนังสือ", "file": SimpleUploadedFile("หนังสือ.pdf", content), "collection": target, "tags": ""},
    )
    client.post(
        reverse("wagtaildocs:add_multiple"),
        {"files[]": SimpleUploadedFile("หนังสือ.pdf", content), "collection": target, "title": "หนังสือ"},
    )
    client.post(
        reverse("wagtaildocs_chooser:create"),
        {
            "document-chooser-upload-title": "หนังสือ",
            "document-chooser-upload-file": SimpleUploadedFile("หนังสือ.pdf", content),
            "document-chooser-upload-collection": target,
            "document-chooser-upload-tags": "",
        },
    )
    png = png_bytes()
    client.post(
        reverse("wagtailimages:add"),
        {"title": "หนังสือ", "file": SimpleUploadedFile("scan.png", png), "collection": target, "tags": ""},
    )
    client.post(
        reverse("wagtailimages:add_multiple"),
        {"files[]": SimpleUploadedFile("scan.png", png), "collection": target, "title": "scan"},
    )

    assert letters_documents() == before
    assert not Image.objects.filter(collection__name=LETTERS_COLLECTION).exists()
    # The upload forms do not even offer the collection.
    assert LETTERS_COLLECTION not in visible(client.get(reverse("wagtaildocs:add")))
    assert LETTERS_COLLECTION not in visible(client.get(reverse("wagtaildocs:add_multiple")))


def test_the_central_groups_upload_nothing_through_wagtails_document_views(client, demo):
    for username in ("clerk", "executive", "arit_director"):
        client.force_login(demo.user(username))
        assert client.get(reverse("wagtaildocs:add")).status_code != 200, username
        assert client.get(reverse("wagtaildocs:add_multiple")).status_code != 200, username


def test_the_document_model_checks_the_content_of_every_new_letter_file(demo):
    collection = letters_collection()
    refused = Document(title="หนังสือ", collection=collection)
    refused.file.save("letter.pdf", ContentFile(EXE), save=False)
    with pytest.raises(LetterDocumentLocked) as error:
        refused.save()
    assert "เป็นโปรแกรม" in str(error.value)
    accepted = Document(title="หนังสือ", collection=collection)
    accepted.file.save("letter-00112233445566778899aabbccddeeff.pdf", ContentFile(small_pdf()), save=False)
    accepted.save()
    assert accepted.pk


def test_registration_still_stores_letters_and_the_demo_still_builds(client, demo):
    """The letter's own form is the one way in, and it still works end to end."""
    req = register_letter(client, demo, files=[SimpleUploadedFile("scan.png", png_bytes(), content_type="image/png")])
    document = req.attachments.get().document
    assert document.collection.name == LETTERS_COLLECTION
    assert document.file.name.endswith(".png")
    from publication.demo.letters import ensure_external_letters

    ensure_external_letters(demo.home)  # the demo's letters, with real PDFs, pass the same checks
    assert ExternalRequest.objects.filter(attachments__isnull=False).count() >= 2
