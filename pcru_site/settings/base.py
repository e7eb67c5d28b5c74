"""Settings shared by every environment.

Everything that differs between machines comes from the environment; see `.env.example`
and the README's table. `production.py` refuses to start without the required variables.
"""

import datetime
import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.utils.translation import gettext_lazy as _
from wagtail.embeds import oembed_providers

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name, "").strip()
    if not value:  # unset or left empty (`SECURE_SSL_REDIRECT=` in a .env file): the default, never False
        return default
    return value.lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


INSTALLED_APPS = [
    "home",
    "policy_checks",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.table_block",
    "wagtail.contrib.typed_table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    # publication/: one app per domain (docs/architecture.md). After wagtail.admin: moderation's ready()
    # replaces Wagtail's moderation e-mails with the outbox.
    "publication.organisation",
    "publication.outbox",
    "publication.moderation",
    "publication.pages",
    "publication.rights",
    "publication.social",
    "publication.letters",
    "publication.upkeep",
    "publication.demo",
    "modelcluster",
    "taggit",
    "django_filters",
    "simple_history",
    "django_tasks",
    "django_tasks_db",
    "csp",
    # Django's admin, for superusers only and without a login form of its own (pcru_site/django_admin.py).
    "pcru_site.django_admin.SuperuserAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "axes",
]

MIDDLEWARE = [
    # First: anonymous visitors get stored public pages, complete with every header the middleware below
    # sets; purged on every publish, unpublish, move and delete (publication/pages/cache.py).
    "publication.pages.cache.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy: the public policy, or the admin's under /admin/ (pcru_site/csp.py).
    "pcru_site.csp.AreaCSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # ETags and 304s on what is rendered (the page cache answers its own conditional requests).
    "django.middleware.http.ConditionalGetMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # A query string that is not UTF-8 or holds NUL (or a path with NUL) gets a Thai HTTP 400, not a database error
    # (publication/organisation/text_input.py); after auth, as its page shows the user bar.
    "publication.organisation.text_input.QueryStringMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "publication.moderation.middleware.PublishGateMiddleware",
    "publication.moderation.middleware.DecisionMessageMiddleware",
    # A delete the database refuses (on_delete=PROTECT, e.g. a letter's file) is said in Thai, not a 500.
    "publication.organisation.middleware.ProtectedDeletionMiddleware",
    # A search combined with a filter or an ordering the search backend cannot apply is said in Thai, not a 500.
    "publication.organisation.middleware.SearchCombinationMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: turns a locked-out login into the Thai lockout page (HTTP 429).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "pcru_site.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "pcru_site.wsgi.application"

# Database: SQLite file by default, anything dj-database-url understands via DATABASE_URL.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
# One request, one transaction: a publish the gate refuses (publication.moderation.gate.PublishBlocked) rolls
# back whole, whichever Wagtail view or API action started it.
DATABASES["default"]["ATOMIC_REQUESTS"] = True
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # With one transaction per request, two requests writing at once (an autosave and a Submit, a preview
    # and a ping) can deadlock in SQLite's default deferred mode and fail at once with "database is
    # locked". IMMEDIATE takes the write lock at BEGIN, so they queue instead (up to `timeout` seconds).
    DATABASES["default"].setdefault("OPTIONS", {}).update({"transaction_mode": "IMMEDIATE", "timeout": 30})
# Wagtail's admin API refuses a publish in English; ours answers with the gate's Thai reasons.
REST_FRAMEWORK = {"EXCEPTION_HANDLER": "publication.moderation.middleware.api_exception_handler"}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: local memory unless CACHE_URL points at Redis (redis://127.0.0.1:6379/1).
if os.environ.get("CACHE_URL"):
    CACHES = {
        "default": {
            # Django's Redis backend; while Redis does not answer, reads miss and writes do nothing (no HTTP 500).
            "BACKEND": "publication.organisation.resilient_cache.ResilientRedisCache",
            "LOCATION": os.environ["CACHE_URL"],
            # A Redis that hangs costs a request one second, not the worker's whole timeout; the page cache then
            # serves fresh pages (publication/pages/cache.py).
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# How long the page cache keeps a public page at most (seconds; 0 turns it off). Pages are purged on
# every publish, unpublish, move and delete anyway (publication/pages/cache.py).
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))
# Each app-server process also keeps the pages it served lately, up to this many bytes (0: off), validated by
# Redis pub/sub purge announcements, so a hit needs no round trip to Redis (publication/pages/cache_store.py).
PAGE_CACHE_LOCAL_BYTES = int(os.environ.get("PAGE_CACHE_LOCAL_BYTES", str(32 * 1024 * 1024)))

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Login throttling (issue 13): django-axes checks every authenticate(request=…) (Wagtail's /admin/login/,
# anything built on Django's AuthenticationForm) before the password is tried. Why these parameters:
# publication/organisation/login_throttle.py. Lockouts and unlocks: Reports → failed logins.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_HANDLER = "publication.organisation.login_throttle.PairAndAccountHandler"
# Locked: one username from one client IP (never a whole NAT address, never an account from anywhere) ...
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=int(os.environ.get("LOGIN_LOCKOUT_MINUTES", "15")))
# ... and one username from any number of IPs after this many failures within the cool-off (0: no such limit).
LOGIN_ACCOUNT_FAILURE_LIMIT = int(os.environ.get("LOGIN_ACCOUNT_FAILURE_LIMIT", "20"))
if AXES_FAILURE_LIMIT < 1 or AXES_COOLOFF_TIME.total_seconds() <= 0 or LOGIN_ACCOUNT_FAILURE_LIMIT < 0:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("LOGIN_FAILURE_LIMIT and LOGIN_LOCKOUT_MINUTES must be at least 1, LOGIN_ACCOUNT_FAILURE_LIMIT 0 or more.")
AXES_RESET_ON_SUCCESS = True  # a correct password clears that username+IP's earlier typos
AXES_ENABLE_ACCESS_FAILURE_LOG = True  # every failure kept for the webmasters' report
AXES_SENSITIVE_PARAMETERS = []  # logs name the username and IP exactly; passwords are always masked
AXES_LOCKOUT_CALLABLE = "publication.organisation.login_throttle.lockout_response"
# The client IP is REMOTE_ADDR unless the proxy in front is declared: e.g. nginx with
# `proxy_set_header X-Real-IP $remote_addr;` and AXES_IPWARE_META_PRECEDENCE_ORDER=HTTP_X_REAL_IP,REMOTE_ADDR.
# A header the proxy does not overwrite is the attacker's to choose: never list one without a proxy.
AXES_IPWARE_META_PRECEDENCE_ORDER = env_list("AXES_IPWARE_META_PRECEDENCE_ORDER", "REMOTE_ADDR")
AXES_IPWARE_PROXY_COUNT = int(os.environ["AXES_IPWARE_PROXY_COUNT"]) if os.environ.get("AXES_IPWARE_PROXY_COUNT") else None
AXES_IPWARE_PROXY_TRUSTED_IPS = env_list("AXES_IPWARE_PROXY_TRUSTED_IPS") or None
AXES_IPWARE_PROXY_ORDER = os.environ.get("AXES_IPWARE_PROXY_ORDER", "right-most")

# Thai first: the public reads the site in Thai, the admin defaults to Thai with English selectable
# per user (Account → preferences). No LocaleMiddleware: a browser asking for English must not
# switch a Thai staff member's admin.
LANGUAGE_CODE = "th"
LANGUAGES = [("th", _("Thai")), ("en", _("English"))]
WAGTAILADMIN_PERMITTED_LANGUAGES = [("th", "ภาษาไทย"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Bangkok"
USE_I18N = True
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "collected_static"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# E-mail. SMTP settings are read here; dev/test override the backend.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL")
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "20"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "PCRU Publish <no-reply@pcru.ac.th>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The ARIT webmaster's shared mailbox (P1.1(2)); the university's own addresses are never "personal data".
WEBMASTER_EMAIL = os.environ.get("WEBMASTER_EMAIL", "webmaster_pcru@pcru.ac.th")
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = DEFAULT_FROM_EMAIL
# Every e-mail goes through the outbox (publication/outbox): the password reset link too, in Thai,
# retried while SMTP is down instead of dropped (Django's form sends inline and reports "sent").
WAGTAILADMIN_USER_PASSWORD_RESET_FORM = "publication.outbox.wagtail_mail.OutboxPasswordResetForm"  # noqa: S105

# Background work: django-tasks. Immediate by default; production sets TASKS_BACKEND to the
# database-backed worker ("django_tasks_db.DatabaseBackend", run with `manage.py db_worker`).
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"),
    }
}

# Wagtail
WAGTAIL_SITE_NAME = "มหาวิทยาลัยราชภัฏเพชรบูรณ์"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# Wagtail's database search backend with Thai words found inside unbroken Thai text, on SQLite FTS5 and PostgreSQL
# (publication/organisation/thai_search); "simple": no English stemming. After changing it: manage.py update_index.
# MAX_RANKED: a search ranks at most this many matches, the most recently indexed (None: all of them), so a word
# found on every page costs the same with 1,000 pages or 100,000.
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "publication.organisation.thai_search", "SEARCH_CONFIG": "simple", "MAX_RANKED": 1000},
}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx", "jpg", "jpeg", "png"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Documents are only ever linked through /documents/<id>/<file> (never their media path), so the
# before_serve_document hooks (private letters, P1.4) decide every download.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Every upload is checked by its content, not its name, and public images lose their EXIF/GPS
# (publication/organisation/uploads.py; the forms and the model backstop: publication/organisation/media.py).
WAGTAILDOCS_DOCUMENT_FORM_BASE = "publication.organisation.media.CheckedDocumentForm"
WAGTAILIMAGES_IMAGE_FORM_BASE = "publication.organisation.media.CheckedImageForm"
# Checked from the image header before anything is decoded (a 30000×30000 "pixel bomb" is 900 megapixels).
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAIL_I18N_ENABLED = False
# No staff e-mail hash leaves for gravatar.com: avatars are the uploaded picture or Wagtail's default.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"
WAGTAILADMIN_RICH_TEXT_EDITORS = {
    "default": {"WIDGET": "wagtail.admin.rich_text.DraftailRichTextArea"},
}
# Rich-text features, defined once (STYLE.md 8).
RICH_TEXT_FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link", "hr"]
RICH_TEXT_FEATURES_SIMPLE = ["bold", "italic", "link"]

# Where the university's own contact numbers live for the policy checks' allow-list.
POLICY_CHECKS_ALLOWLIST = {
    "phones": env_list("UNIVERSITY_PHONES", "056-717-100,056-717-101"),
    "emails": [WEBMASTER_EMAIL],
}
POLICY_CHECKS_ALLOWLIST_PROVIDER = "publication.moderation.checks.organisation_allowlist"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "loggers": {
        "pcru": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
        "publication": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
        "policy_checks": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
        # django-axes: every failed login and lockout, naming username, IP and user agent.
        "axes": {"handlers": ["console"], "level": "WARNING"},
    },
}

SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# Moderation (issue 4). Items waiting longer than this many working days are overdue.
MODERATION_OVERDUE_WORKING_DAYS = int(os.environ.get("MODERATION_OVERDUE_WORKING_DAYS", "3"))
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True
WAGTAIL_FINISH_WORKFLOW_ACTION = "publication.moderation.workflow_actions.finish_workflow"

# Periodic review of published content (P1.1(1), issue 14; publication/upkeep/review.py, README).
# Months between reviews by page type ("app_label.ModelName"); None: no review date unless one is set
# (news, agency notices). "default" is every other page type of ours: unit pages, standard pages, the
# home page and the index pages ("unit information": yearly).
REVIEW_INTERVAL_MONTHS = {
    "default": int(os.environ.get("REVIEW_INTERVAL_MONTHS") or "12"),
    "pages.NewsPage": None,
    "letters.ExternalNoticePage": None,
}
# Contact pages (a page of a type with an interval whose title or slug contains one of these words,
# case-insensitively) are reviewed more often; an editor may set another interval on the page's schedule.
REVIEW_CONTACT_INTERVAL_MONTHS = int(os.environ.get("REVIEW_CONTACT_INTERVAL_MONTHS") or "6")
REVIEW_CONTACT_WORDS = ["ติดต่อ", "contact"]
# News whose date is more than this many days ago is archived: it is never due for review.
REVIEW_NEWS_ARCHIVED_AFTER_DAYS = int(os.environ.get("REVIEW_NEWS_ARCHIVED_AFTER_DAYS") or "180")
# The daily digest lists what is overdue and what falls due within this many days.
REVIEW_DUE_SOON_DAYS = int(os.environ.get("REVIEW_DUE_SOON_DAYS") or "14")
if min(REVIEW_INTERVAL_MONTHS["default"], REVIEW_CONTACT_INTERVAL_MONTHS, REVIEW_NEWS_ARCHIVED_AFTER_DAYS) < 1 or REVIEW_DUE_SOON_DAYS < 0:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(
        "REVIEW_INTERVAL_MONTHS, REVIEW_CONTACT_INTERVAL_MONTHS and REVIEW_NEWS_ARCHIVED_AFTER_DAYS must be at least 1, "
        "REVIEW_DUE_SOON_DAYS 0 or more."
    )

# Security headers that do not depend on HTTPS (issue 13; production.py adds HSTS and secure cookies).
# Other sites learn only our origin, never a page's path, from links and embeds; YouTube's player
# refuses to play without at least that.
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
# No framing, for browsers older than CSP's frame-ancestors; Wagtail's preview views allow SAMEORIGIN.
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (issue 13), sent by pcru_site.csp.AreaCSPMiddleware (django-csp 4).
# The public site: our own scripts and styles only (no inline code, no eval), images from us (and the media
# host when MEDIA_URL is absolute), videos framed from YouTube only (the one embed provider, below), never
# framed by another site. CSP_REPORT_ONLY=true sends the same policies as Content-Security-Policy-Report-Only,
# for a rollout that watches violations (browser consoles, or reports sent to CSP_REPORT_URI) before
# enforcing them.
_CSP_SELF, _CSP_NONE, _CSP_UNSAFE_INLINE = "'self'", "'none'", "'unsafe-inline'"
_CSP_MEDIA_ORIGIN = [f"{url.scheme or 'https'}://{url.netloc}" for url in [urlsplit(MEDIA_URL)] if url.netloc]
_CSP_EMBED_FRAMES = ["https://www.youtube.com"]
_CSP_PUBLIC = {
    "default-src": [_CSP_SELF],
    "script-src": [_CSP_SELF],
    "style-src": [_CSP_SELF],
    "img-src": [_CSP_SELF, "data:", *_CSP_MEDIA_ORIGIN],
    "font-src": [_CSP_SELF],
    "connect-src": [_CSP_SELF],
    "frame-src": _CSP_EMBED_FRAMES,
    "frame-ancestors": [_CSP_NONE],
    "form-action": [_CSP_SELF],
    "base-uri": [_CSP_SELF],
    "object-src": [_CSP_NONE],
    "report-uri": env_list("CSP_REPORT_URI") or None,
}
# Signed-in staff under /admin/ (Wagtail) and /django-admin/ get the public policy with the exceptions Wagtail
# 8's admin needs, found by loading its screens in chromium and watching the console (the login and
# password-reset screens need none, so visitors who are not signed in keep the public policy there too):
# - script-src 'unsafe-inline': chooser widgets (wagtail/admin/widgets/chooser.py), InlinePanel and the
#   date/time pickers print inline <script> initialisers, also inside chooser modals and StreamField blocks
#   that jQuery inserts; they carry no nonce and vary by field, so neither nonces nor hashes can list them.
# - style-src 'unsafe-inline': in the page editor Wagtail's vendor.js inserts <style> elements, and some of
#   our admin templates (letters, outbox) carry style="" attributes.
# - frame-src 'self', frame-ancestors 'self': the live preview panel frames our own preview view.
# Still refused there: eval, plugins, other sites' scripts and styles, forms posting elsewhere, <base>.
CONTENT_SECURITY_POLICY_ADMIN = {
    "PATH_PREFIXES": ["/admin/", "/django-admin/"],
    "DIRECTIVES": {
        **_CSP_PUBLIC,
        "script-src": [_CSP_SELF, _CSP_UNSAFE_INLINE],
        "style-src": [_CSP_SELF, _CSP_UNSAFE_INLINE],
        "frame-src": [_CSP_SELF, *_CSP_EMBED_FRAMES],
        "frame-ancestors": [_CSP_SELF],
    },
}
if env_bool("CSP_REPORT_ONLY"):
    CONTENT_SECURITY_POLICY = None
    CONTENT_SECURITY_POLICY_REPORT_ONLY = {"DIRECTIVES": _CSP_PUBLIC}
else:
    CONTENT_SECURITY_POLICY = {"DIRECTIVES": _CSP_PUBLIC}
    CONTENT_SECURITY_POLICY_REPORT_ONLY = None
# Embeds are YouTube's only: what the policy frames is what the editor accepts (another provider's URL is
# refused in the form, not rendered as an empty box on the public page). Adding a provider means adding
# its player's origin to _CSP_EMBED_FRAMES too.
WAGTAILEMBEDS_FINDERS = [{"class": "wagtail.embeds.finders.oembed", "providers": [oembed_providers.youtube]}]
# The dashboard's upgrade notice asks releases.wagtail.io from the browser, which connect-src refuses;
# versions are pinned in requirements.txt and upgraded deliberately.
WAGTAIL_ENABLE_UPDATE_CHECK = False
