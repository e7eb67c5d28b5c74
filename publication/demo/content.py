"""Thai demo content for `manage.py bootstrap_demo`: units and people of a plausible PCRU (news: `news`)."""

UNITS = [
    # code, kind, name_th, name_en, email, phone, parent, may_publish_own_news, has_news
    (
        "ARIT",
        "office",
        "สำนักวิทยบริการและเทคโนโลยีสารสนเทศ",
        "Office of Academic Resources and Information Technology",
        "arit@pcru.ac.th",
        "056-717-100 ต่อ 1500",
        None,
        True,
        True,
    ),
    (
        "PRES",
        "office",
        "สำนักงานอธิการบดี",
        "Office of the President",
        "president_office@pcru.ac.th",
        "056-717-100 ต่อ 1100",
        None,
        False,
        False,
    ),
    (
        "SCI",
        "faculty",
        "คณะวิทยาศาสตร์และเทคโนโลยี",
        "Faculty of Science and Technology",
        "sci@pcru.ac.th",
        "056-717-100 ต่อ 3000",
        None,
        True,
        True,
    ),
    ("EDU", "faculty", "คณะครุศาสตร์", "Faculty of Education", "edu@pcru.ac.th", "056-717-100 ต่อ 2000", None, True, True),
    (
        "HUSO",
        "faculty",
        "คณะมนุษยศาสตร์และสังคมศาสตร์",
        "Faculty of Humanities and Social Sciences",
        "huso@pcru.ac.th",
        "056-717-100 ต่อ 4000",
        None,
        False,
        True,
    ),
    (
        "MGT",
        "faculty",
        "คณะวิทยาการจัดการ",
        "Faculty of Management Science",
        "fms@pcru.ac.th",
        "056-717-100 ต่อ 5000",
        None,
        False,
        True,
    ),
    (
        "AGRI",
        "faculty",
        "คณะเทคโนโลยีการเกษตรและอุตสาหกรรมเกษตร",
        "Faculty of Agricultural and Industrial Technology",
        "agri@pcru.ac.th",
        "056-717-100 ต่อ 6000",
        None,
        False,
        True,
    ),
    (
        "COMSCI",
        "programme",
        "หลักสูตรวิทยาการคอมพิวเตอร์",
        "Computer Science Programme",
        "comsci@pcru.ac.th",
        "056-717-100 ต่อ 3120",
        "SCI",
        False,
        False,
    ),
]

UNIT_INTROS = {
    "ARIT": "ให้บริการทรัพยากรสารสนเทศ ห้องสมุด ระบบเครือข่าย และดูแลเว็บไซต์ของมหาวิทยาลัย",
    "PRES": "งานบริหารทั่วไป งานสารบรรณ งานประชาสัมพันธ์ และการประสานงานกับหน่วยงานภายนอก",
    "SCI": "ผลิตบัณฑิตด้านวิทยาศาสตร์และเทคโนโลยีที่มีคุณภาพ รับใช้ท้องถิ่นจังหวัดเพชรบูรณ์",
    "EDU": "ผลิตและพัฒนาครูมืออาชีพ เป็นแหล่งเรียนรู้ด้านการศึกษาของภาคเหนือตอนล่าง",
    "HUSO": "จัดการศึกษาด้านภาษา ศิลปะ วัฒนธรรม และสังคมศาสตร์ เพื่อพัฒนาท้องถิ่น",
    "MGT": "จัดการศึกษาด้านบริหารธุรกิจ การบัญชี การท่องเที่ยว และนิเทศศาสตร์",
    "AGRI": "จัดการศึกษาและวิจัยด้านเกษตร อาหาร และอุตสาหกรรมเกษตร เพื่อเกษตรกรเพชรบูรณ์",
    "COMSCI": "หลักสูตรวิทยาศาสตรบัณฑิต สาขาวิชาวิทยาการคอมพิวเตอร์",
}

# username, first name, last name, role, unit code (for unit roles)
PEOPLE = [
    ("webmaster", "ธนพล", "ศรีสุข", "webmaster", "ARIT"),
    ("arit_director", "วราภรณ์", "ทองดี", "arit_director", "ARIT"),
    ("executive", "สมศักดิ์", "บุญมา", "executive", None),
    ("clerk", "มาลี", "จันทร์เพ็ญ", "presidents_office", "PRES"),
]
UNIT_PEOPLE = {
    "ARIT": (("ปิยะพงษ์", "แก้วมณี"), ("สุดารัตน์", "พรหมมา")),
    "PRES": (("กนกวรรณ", "ใจดี"), ("ประเสริฐ", "วงศ์ใหญ่")),
    "SCI": (("ณัฐวุฒิ", "สายทอง"), ("อรุณี", "เพชรรัตน์")),
    "EDU": (("จิราพร", "มีสุข"), ("วีระชัย", "ทองคำ")),
    "HUSO": (("ศิริพร", "บุญเรือง"), ("ชัยวัฒน์", "ศรีเมือง")),
    "MGT": (("พิมพ์ชนก", "รักษ์ไทย"), ("อนุชา", "แสงทอง")),
    "AGRI": (("กิตติพงษ์", "นาคดี"), ("รัตนา", "ชูศรี")),
    "COMSCI": (("ภานุวัฒน์", "ดวงแก้ว"), ("ธิดารัตน์", "คำมูล")),
}
POSITIONS = {
    "editor": "นักวิชาการคอมพิวเตอร์",
    "head": "คณบดี",
}
