"""G1 without being told: first-person opinion voice needs the disclaimer (issue 11, item 4).

All examples are new and made up (names, units, events); none come from a public corpus.
"""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command

from policy_checks import CheckContext, check_fields, check_text
from policy_checks.rules.context import has_disclaimer
from policy_checks.rules.opinion import mask_reported_speech, opinion_voice
from policy_checks.types import Severity

RULE = "disclaimer-missing"


def disclaimer_findings(text: str, context: CheckContext | None = None):
    return [f for f in check_text(text, context or CheckContext()) if f.rule == RULE]


OPINION = [
    # social posts
    "ผมว่าที่จอดรถหน้าตึกเรียนรวมแคบเกินไปจริง ๆ ใครคิดเหมือนกันบ้าง",
    "กูว่าตารางสอบเทอมนี้จัดมาแบบไม่คิดถึงเด็กเลย",
    "เราว่าโรงอาหารใหม่ราคาแพงไปหน่อยนะ แต่รสชาติโอเค",
    "ส่วนตัวคิดว่าการแต่งชุดนักศึกษาควรเป็นทางเลือก ไม่ใช่ข้อบังคับ",
    "ดิฉันรู้สึกผิดหวังกับการตัดงบกิจกรรมชมรมปีนี้มากค่ะ",
    "หนูคิดว่าห้องสมุดควรเปิดถึงเที่ยงคืนช่วงสอบค่ะ",
    "ฉันไม่เห็นด้วยกับการย้ายวิทยาเขตไปอยู่นอกเมือง มันไกลเกินไปสำหรับนักศึกษาที่ไม่มีรถ",
    "บอกตรง ๆ ผมเบื่อกับระบบลงทะเบียนที่ล่มทุกเทอม",
    "ผมเองก็เห็นด้วยกับข้อเสนอให้ลดค่าหอพักในช่วงปิดภาคเรียน",
    "ฉันว่าอาจารย์ที่ปรึกษาควรมีชั่วโมงให้คำปรึกษาที่ชัดเจนกว่านี้",
    "I think the new parking fee is unfair to students who live off campus.",
    "Honestly, I don't think the shuttle schedule works for evening classes.",
    "IMO the library should stay open until midnight during exams.",
    "In my opinion, the credit transfer rules are far too strict.",
    # columns and blog paragraphs
    "คอลัมน์ มองต่างมุม\nโดย กานดา ศรีวิไล\n\nผมเชื่อว่าการศึกษาไทยจะไปไม่ถึงไหน ถ้าเรายังวัดผลด้วยข้อสอบปรนัยอย่างเดียว",
    "ในความเห็นของผม การท่องเที่ยวชุมชนต้องให้ชาวบ้านเป็นเจ้าของ ไม่ใช่บริษัททัวร์จากกรุงเทพฯ",
    "ข้าพเจ้าเห็นว่านโยบายรับนักศึกษาเพิ่มโดยไม่เพิ่มอาจารย์เป็นการลดคุณภาพการศึกษา",
    "ผู้เขียนเห็นว่าการประเมินอาจารย์จากจำนวนผลงานตีพิมพ์อย่างเดียวไม่ยุติธรรม",
    "ต้องบอกว่าผมผิดหวังกับผลการแข่งขันครั้งนี้ เพราะทีมเตรียมตัวมาดีกว่านี้มาก",
    "ผมขอวิจารณ์ตรง ๆ ว่าการจัดงานรับปริญญาปีนี้ขาดการวางแผนเรื่องที่จอดรถ",
    "สำหรับผมแล้ว ครูที่ดีคือครูที่ทำให้นักเรียนอยากเรียนต่อเอง",
    "ดิฉันอยากให้ผู้บริหารฟังเสียงนักศึกษามากกว่านี้ และควรเปิดเวทีรับฟังทุกภาคเรียน",
    "บทความแสดงความคิดเห็น\n\nหลายปีที่ผ่านมาผมได้เห็นนักศึกษาจำนวนมากเลิกเรียนกลางคัน ผมคิดว่าสาเหตุหลักคือค่าครองชีพ",
    "โดยส่วนตัวแล้ว ผมมองว่าการเรียนออนไลน์เหมาะกับวิชาบรรยาย แต่ไม่เหมาะกับวิชาปฏิบัติการ",
    "Opinion: Our campus needs more shade\n\nI believe every new walkway should be planted with trees.",
    "My view is that the university should publish its budget online, line by line.",
    # an opinion with a quote inside it: the writer's own voice is outside the quote
    "อาจารย์สมพรเคยบอกว่า “ความรู้ต้องแบ่งปัน” แต่ผมคิดว่าวันนี้เรากลับหวงความรู้กันมากขึ้น",
    # a long piece whose opinion sentence is in the middle, and invisible characters inside
    "เมื่อวานได้ไปร่วมงานวันวิชาการของคณะ\nมีผลงานนักศึกษาน่าสนใจหลายชิ้น\nผม\u200bคิดว่าหลายชิ้นควรต่อยอดเป็นธุรกิจได้เลย\nขอบคุณผู้จัดงานครับ",
]

NOT_OPINION = [
    # third-person news
    "มหาวิทยาลัยจัดพิธีมอบทุนการศึกษาแก่นักศึกษาที่มีผลการเรียนดี จำนวน 45 ทุน",
    "คณะวิทยาการจัดการจัดอบรมการทำบัญชีครัวเรือนให้ชาวบ้านตำบลนาป่า 60 คน",
    "ที่ประชุมเห็นว่าควรขยายเวลาการรับสมัครออกไปอีก 7 วัน",
    "นักวิชาการหลายคนมองว่าการท่องเที่ยวเชิงเกษตรจะช่วยเพิ่มรายได้ให้ชุมชน",
    "นักศึกษาสาขาวิชาดนตรีแสดงคอนเสิร์ตการกุศลหารายได้ช่วยผู้ประสบอุทกภัย",
    "ผู้ผลิตแชมพูสูตรใหม่ระบุว่าช่วยลดปัญหาผมร่วงได้ภายในสี่สัปดาห์",
    "ที่ประชุมมีฉันทามติให้เลื่อนการแข่งขันออกไปเป็นเดือนหน้า",
    # quoted speech in news
    "อธิการบดีกล่าวว่า “ผมเชื่อว่าบัณฑิตรุ่นนี้จะเป็นกำลังสำคัญของท้องถิ่น”",
    "“ดิฉันคิดว่าโครงการนี้ควรขยายไปทุกอำเภอ” นางสาวพิมพ์ชนก แก้วประเสริฐ หัวหน้าโครงการกล่าว",
    "นายวีระพงษ์ ทองดี ผู้ใหญ่บ้าน เปิดเผยว่า ผมคิดว่าชาวบ้านได้ประโยชน์จากโครงการมาก",
    "ผศ.ดร.อรุณี ใจเย็น ให้สัมภาษณ์ว่า ดิฉันเห็นว่านักศึกษาควรฝึกงานตั้งแต่ปีสอง",
    'Dr. Anan Rattana said "I think the results are promising" at the opening ceremony.',
    "คณบดีชี้แจงว่า เราไม่เห็นด้วยกับข่าวลือที่ว่าจะยุบหลักสูตร และยืนยันว่าหลักสูตรยังเปิดรับตามปกติ",
    "ด้านนางสาวสุดารัตน์ มีสุข นักศึกษาชั้นปีที่ 3 กล่าวเพิ่มเติมว่า หนูรู้สึกภูมิใจที่ได้เป็นตัวแทนมหาวิทยาลัย",
    "«ผมว่าปีนี้ผลผลิตดีกว่าทุกปี» ลุงสมควร ชาวสวนมะขามหวานกล่าวอย่างอารมณ์ดี",
    # a whole news page with quotes spanning paragraphs
    "มหาวิทยาลัยจัดงานสัปดาห์วิทยาศาสตร์ 2568\n\n"
    "นายธนวัฒน์ ศรีสุข รองอธิการบดี กล่าวว่า การจัดงานปีนี้มีโรงเรียนเข้าร่วม 42 แห่ง\n\n"
    "“ผมเชื่อว่าเด็ก ๆ จะได้แรงบันดาลใจ\n\nและผมคิดว่าครูเองก็ได้เครื่องมือใหม่ไปใช้ในห้องเรียน”\n\n"
    "งานจัดขึ้นถึงวันที่ 20 สิงหาคม",
    # official announcements in the institution's voice
    "ประกาศมหาวิทยาลัย เรื่อง การรับสมัครนักศึกษาใหม่ ประจำปีการศึกษา 2568\nมหาวิทยาลัยขอประกาศรายชื่อผู้มีสิทธิ์สอบสัมภาษณ์ ดังแนบท้ายประกาศนี้",
    "ขอแจ้งให้นักศึกษาทุกคนทราบว่า ระบบลงทะเบียนจะปิดปรับปรุงในวันที่ 3 มิถุนายน เราขออภัยในความไม่สะดวก",
    "ประกาศ\nเรื่อง การปิดอาคารเรียน 4 ชั่วคราว\nเราเห็นว่าเพื่อความปลอดภัยของนักศึกษา จึงปิดอาคารเพื่อซ่อมแซมหลังคา\nจึงประกาศมาเพื่อทราบโดยทั่วกัน",
    "ข้าพเจ้าขอรับรองว่าข้อความข้างต้นเป็นความจริงทุกประการ",
    "ผมในฐานะอธิการบดี ขอขอบคุณบุคลากรทุกท่านที่ร่วมแรงร่วมใจจัดงานจนสำเร็จลุล่วง",
    # research abstracts
    "งานวิจัยนี้มีวัตถุประสงค์เพื่อศึกษาปัจจัยที่ส่งผลต่อการออมของนักศึกษา กลุ่มตัวอย่างคือนักศึกษา 400 คน ผลการวิจัยพบว่ารายได้ของผู้ปกครองมีผลต่อการออม",
    "ผู้วิจัยเห็นว่าควรศึกษาเพิ่มเติมในกลุ่มนักศึกษาต่างชาติ",
    "This study examines household debt in Phetchabun. We find that informal loans remain common.",
    # opinion WITH a disclaimer, in various wordings and positions
    "ผมคิดว่าค่าเทอมควรผ่อนได้ 3 งวด\n\nความเห็นในบทความนี้เป็นของผู้เขียน ไม่เกี่ยวกับมหาวิทยาลัย",
    "ความเห็นส่วนตัว ไม่ได้เป็นตัวแทนของมหาวิทยาลัย\nกูว่าระบบลงทะเบียนห่วยมาก",
    "ดิฉันเห็นว่าควรเพิ่มรถรับส่ง (โพสต์นี้ไม่ใช่จุดยืนของคณะ) และควรขยายเวลาเดินรถถึงสองทุ่ม",
    "ผมขอแสดงความเห็นในนามส่วนตัว ผมไม่เห็นด้วยกับการขึ้นค่าหอพัก",
    "I think the exam timetable is badly planned. Views are my own.",
    "Disclaimer: this post does not represent the official position of the university.\nI believe we need more study rooms.",
    "ผมเชื่อว่าการเรียนรู้ตลอดชีวิตสำคัญที่สุด\nทั้งนี้ ข้อเขียนนี้ไม่ได้สะท้อนความเห็นของต้นสังกัดแต่อย่างใด\nขอบคุณที่อ่านจนจบครับ",
    "เราว่าโรงอาหารควรมีเมนูมังสวิรัติ #ความเห็นส่วนตัว",
    "In my opinion the campus is too dark at night. (Not the official view of my faculty.)",
    "ผมมองว่าการจ้างงานนักศึกษาควรจ่ายค่าแรงขั้นต่ำ ทั้งหมดนี้เป็นเพียงมุมมองส่วนตัวเท่านั้นครับ",
]


@pytest.mark.parametrize("text", OPINION)
def test_first_person_opinion_needs_disclaimer_by_default(text):
    assert opinion_voice(text) is not None, text
    findings = disclaimer_findings(text)
    assert [(f.severity, f.start, f.end, f.match) for f in findings] == [(Severity.WARNING, 0, 0, "")], text


@pytest.mark.parametrize("text", NOT_OPINION)
def test_news_quotes_notices_abstracts_and_disclaimed_opinion_pass(text):
    assert disclaimer_findings(text) == [], (text, opinion_voice(text))


def test_counts_of_examples():
    assert len(OPINION) >= 25
    assert len(NOT_OPINION) >= 25


def test_quotes_and_reported_speech_are_masked_and_keep_length():
    text = "นายก กล่าวว่า ผมคิดว่าดี\n“ผมเห็นว่าควร” ผมไม่เห็นด้วย"
    masked = mask_reported_speech(text)
    assert len(masked) == len(text)
    assert masked.count("\n") == 1
    assert "ผมคิดว่า" not in masked and "ผมเห็นว่า" not in masked
    assert masked.endswith("ผมไม่เห็นด้วย")


def test_writer_reporting_own_words_is_not_masked():
    assert opinion_voice("ผมอยากบอกว่า ผมเชื่อว่าทุกคนทำได้") is not None


def test_evidence_is_typed_and_counted_per_sentence():
    evidence = opinion_voice("ผมคิดว่าควรปรับ ผมคิดว่าต้องเร็ว\nดิฉันเห็นด้วย")
    assert evidence is not None
    assert evidence.strong == 2  # one per sentence, not per hit
    assert evidence.example == "ผมคิดว่า"
    assert all(h.strong for h in evidence.hits)


def test_official_notice_needs_more_than_one_first_person_sentence():
    notice = "ประกาศคณะ เรื่อง การสอบชดเชย\nผมเห็นว่านักศึกษาควรมาสอบตรงเวลา"
    assert opinion_voice(notice) is None
    assert opinion_voice(notice + "\nผมคิดว่าการสอบชดเชยครั้งนี้ไม่ยุติธรรม") is not None


def test_declared_opinion_keeps_error_severity_and_detected_is_warning():
    text = "ผมคิดว่าสนามกีฬาควรเปิดให้ชาวบ้านใช้ตอนเย็น"
    assert [f.severity for f in disclaimer_findings(text, CheckContext(kind="opinion"))] == [Severity.ERROR]
    assert [f.severity for f in disclaimer_findings(text, CheckContext(speaks_for_university=False))] == [Severity.ERROR]
    assert [f.severity for f in disclaimer_findings(text)] == [Severity.WARNING]
    # A first-person column on a page that speaks for the university still needs it.
    ctx = CheckContext(kind="news", speaks_for_university=True, author_position="อาจารย์", author_unit="คณะครุศาสตร์")
    assert [f.severity for f in disclaimer_findings(text, ctx)] == [Severity.WARNING]
    # Declared personal content without first-person voice: the rule as before.
    assert [f.severity for f in disclaimer_findings("ค่าเทอมแพงเกินไป", CheckContext(kind="opinion"))] == [Severity.ERROR]
    assert disclaimer_findings("ค่าเทอมแพงเกินไป") == []


def test_message_names_the_evidence():
    (finding,) = disclaimer_findings("ดิฉันเห็นว่าควรมีลานจอดจักรยาน")
    assert "ดิฉันเห็นว่า" in finding.message
    assert "first-person" in finding.message_en


@pytest.mark.parametrize(
    "disclaimer",
    [
        "ความเห็นในบทความนี้เป็นของผู้เขียน ไม่เกี่ยวกับมหาวิทยาลัย",
        "โพสต์นี้ไม่ได้เป็นตัวแทนของคณะ",
        "ข้อความนี้ไม่ใช่จุดยืนของมหาวิทยาลัย",
        "เขียนในนามส่วนตัว",
        "ไม่ได้พูดในนามหน่วยงานต้นสังกัด",
        "Views are my own.",
        "This is not the official position of the university.",
        "The opinions expressed in this column are those of the author.",
        "This post does not represent my employer.",
    ],
)
def test_disclaimer_wordings_first_middle_last(disclaimer):
    opinion = ["ผมคิดว่าควรเพิ่มที่นั่งอ่านหนังสือ", "ผมเห็นว่าห้องน้ำควรสะอาดกว่านี้", "ขอบคุณครับ"]
    for pos in range(4):
        lines = opinion[:pos] + [disclaimer] + opinion[pos:]
        assert disclaimer_findings("\n".join(lines)) == [], (pos, disclaimer)


@pytest.mark.parametrize(
    "text",
    [
        "ส่วนตัวผมคิดว่าควรลดภาษี",
        "ผมไม่เห็นด้วยกับนโยบายของมหาวิทยาลัยเรื่องค่าที่จอดรถ",
        "ดิฉันคิดว่าคณะไม่ควรขึ้นค่าธรรมเนียม",
        "I disagree with the university's new dress code.",
    ],
)
def test_opinions_about_the_university_are_not_disclaimers(text):
    assert not has_disclaimer(text)
    assert [f.rule for f in disclaimer_findings(text)] == [RULE]


def test_check_fields_detects_voice_across_fields():
    ctx = CheckContext()
    fields = {"title": "ทำไมค่าหอพักต้องขึ้น", "body[0].paragraph": "ผมคิดว่าการขึ้นค่าหอครั้งนี้เร็วเกินไป"}
    assert [(f.rule, f.field) for f in check_fields(fields, ctx)] == [(RULE, None)]
    fields["footer"] = "ความเห็นส่วนตัว มิใช่ความเห็นของหน่วยงาน"
    assert check_fields(fields, ctx) == []


def test_cli_default_context_finds_it(tmp_path):
    path = tmp_path / "post.txt"
    path.write_text("ผมว่าระบบลงทะเบียนเทอมนี้แย่ที่สุดตั้งแต่เรียนมา\n", encoding="utf-8")
    out = StringIO()
    call_command("check_content", "--format", "json", "--no-provider", str(path), stdout=out)
    findings = json.loads(out.getvalue())["findings"]
    assert [(f["rule"], f["severity"], f["start"], f["end"], f["match"]) for f in findings] == [(RULE, "warning", 0, 0, "")]


def test_cli_default_context_passes_news_with_quotes(tmp_path):
    path = tmp_path / "news.txt"
    path.write_text("นายสมศักดิ์ ดีงาม กล่าวว่า “ผมคิดว่านักศึกษาทำได้ดีมาก”\n", encoding="utf-8")
    out = StringIO()
    call_command("check_content", "--format", "json", "--no-provider", str(path), stdout=out)
    assert json.loads(out.getvalue()) == {"findings": []}
