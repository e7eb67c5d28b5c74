"""Demo P1.2 rights requests and P1.5 social posts at different steps (called by bootstrap_demo)."""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from publication.organisation.models import Unit
from publication.rights.models import RightsRequest, RightsScope
from publication.social.models import SocialChannel, SocialPost


def _start(obj, user):
    obj.save_revision(user=user)
    obj.get_workflow().start(obj, user)
    return obj.current_workflow_state.current_task_state.specific


def ensure_requests_and_posts(examples: bool = True) -> None:
    """Idempotent: does nothing once any request or post exists."""
    if not examples or RightsRequest.objects.exists() or SocialPost.objects.exists():
        return
    users = {u.username: u for u in get_user_model().objects.all()}
    units = {u.code: u for u in Unit.objects.all()}

    # P1.2: MGT asks for news rights and waits for its head; AGRI has a draft.
    mgt = RightsRequest.objects.create(
        unit=units["MGT"],
        requester=users["mgt_editor"],
        scope=RightsScope.NEWS,
        justification="คณะมีข่าวกิจกรรมนักศึกษาและบริการวิชาการสัปดาห์ละ 2–3 เรื่อง ต้องการเผยแพร่ได้ทันเวลา",
        live=False,
    )
    mgt.staff.set([users["mgt_editor"]])
    mgt.save()
    _start(mgt, users["mgt_editor"])
    agri = RightsRequest.objects.create(
        unit=units["AGRI"],
        requester=users["agri_editor"],
        scope=RightsScope.BOTH,
        justification="ขอสิทธิ์ดูแลข่าวและหน้าเว็บไซต์ของคณะ",
        live=False,
    )
    agri.staff.set([users["agri_editor"]])
    agri.save()  # ParentalManyToManyField: the staff are written on save()
    agri.save_revision(user=users["agri_editor"])

    # P1.5: SCI's post went through head approval and the checklist and was posted; EDU's waits for the head.
    now = timezone.now()
    posted = SocialPost.objects.create(
        unit=units["SCI"],
        requester=users["sci_editor"],
        channel=SocialChannel.FACEBOOK,
        post_text="ขอเชิญนักเรียนร่วมค่ายวิทยาศาสตร์สัญจร ณ คณะวิทยาศาสตร์และเทคโนโลยี สมัครได้ถึง 10 ธันวาคม 2569",
        planned_at=now + datetime.timedelta(days=1),
        poster_position="นักวิชาการคอมพิวเตอร์",
        poster_unit=units["SCI"],
        live=False,
    )
    state = _start(posted, users["sci_editor"])
    state.task.specific.on_action(state, users["sci_head"], "approve", comment="")
    review = posted.current_workflow_state.current_task_state.specific
    checklist = {name: True for name in SocialPost.CHECKLIST}
    review.task.specific.on_action(review, users["sci_editor"], "confirm_checklist", **checklist)
    SocialPost.objects.filter(pk=posted.pk).update(
        posted_url="https://www.facebook.com/pcru.sci/posts/2569", posted_at=now, posted_by=users["sci_editor"]
    )
    waiting = SocialPost.objects.create(
        unit=units["EDU"],
        requester=users["edu_editor"],
        channel=SocialChannel.LINE,
        post_text="ประกาศรายชื่อผู้ผ่านการคัดเลือกเข้าศึกษาหลักสูตรประกาศนียบัณฑิตวิชาชีพครู ตรวจสอบได้ที่เว็บไซต์คณะครุศาสตร์",
        planned_at=now + datetime.timedelta(days=3),
        poster_position="นักวิชาการศึกษา",
        poster_unit=units["EDU"],
        live=False,
    )
    _start(waiting, users["edu_editor"])
