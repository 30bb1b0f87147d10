"""Settings for 劳务外包管理系统, read from the environment.

The embedded default (no DATABASE_URL) runs on SQLite under ./var with a generated secret key, so a
new user needs nothing but Python. Production sets DATABASE_URL, SECRET_KEY and ALLOWED_HOSTS.
"""

import base64
import datetime as dt
import os
import secrets
from decimal import Decimal
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
PACKAGE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("OUTSOURCING_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
DATABASE_URL = os.environ.get("DATABASE_URL", "").strip()
EMBEDDED = not DATABASE_URL


def _secret_key() -> str:
    key = os.environ.get("SECRET_KEY", "").strip()
    if key:
        return key
    if not EMBEDDED:
        raise ImproperlyConfigured("SECRET_KEY must be set when DATABASE_URL is set (production).")
    # Embedded default: generate once per installation and keep it beside the SQLite database.
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50), encoding="utf-8")
        key_file.chmod(0o600)
    return key_file.read_text(encoding="utf-8").strip()


SECRET_KEY = _secret_key()


def _personal_data_keys() -> tuple[list[str], str]:
    """Keys for personal data at rest (WRK-2): Fernet keys (the first encrypts; all decrypt, for rotation)
    and the HMAC key of the exact-match search column. Production sets PERSONAL_DATA_KEYS and
    PERSONAL_DATA_HASH_KEY; the embedded default generates them once beside the database."""
    keys = env_list("PERSONAL_DATA_KEYS")
    hash_key = os.environ.get("PERSONAL_DATA_HASH_KEY", "").strip()
    if keys and hash_key or not EMBEDDED:
        return keys, hash_key  # in production both must be set: core.personal_data refuses to work without
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    key_file, hash_file = VAR_DIR / "personal_data_keys", VAR_DIR / "personal_data_hash_key"
    if not key_file.exists():
        key_file.write_text(base64.urlsafe_b64encode(secrets.token_bytes(32)).decode(), encoding="utf-8")
        key_file.chmod(0o600)
    if not hash_file.exists():
        hash_file.write_text(secrets.token_urlsafe(48), encoding="utf-8")
        hash_file.chmod(0o600)
    return (
        keys or [k for k in key_file.read_text(encoding="utf-8").split(",") if k.strip()],
        hash_key or hash_file.read_text(encoding="utf-8").strip(),
    )


PERSONAL_DATA_KEYS, PERSONAL_DATA_HASH_KEY = _personal_data_keys()
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rules.apps.AutodiscoverRulesConfig",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "django_bootstrap5",
    "csp",
    "auditlog",
    "axes",
    # ours: kernel, organisation, engines, then the lifecycle order, dashboard on top
    "outsourcing.core",
    "outsourcing.org",
    "outsourcing.audit",
    "outsourcing.notifications",
    "outsourcing.attachments",
    "outsourcing.approvals",
    "outsourcing.vendors",
    "outsourcing.demands",
    "outsourcing.sourcing",
    "outsourcing.contracts",
    "outsourcing.workforce",
    "outsourcing.operations",
    "outsourcing.performance",
    "outsourcing.settlements",
    "outsourcing.partnership",
    "outsourcing.compliance",
    "outsourcing.dashboard",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "outsourcing.core.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "outsourcing.core.middleware.CompanyLanguageMiddleware",
    "outsourcing.core.middleware.InputGuardMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "outsourcing.org.middleware.SessionIdleTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "outsourcing.audit.middleware.AuditlogMiddleware",
    "outsourcing.core.middleware.RuleViolationMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks: turns a lockout into the login page again
]

ROOT_URLCONF = "outsourcing.urls"
WSGI_APPLICATION = "outsourcing.wsgi.application"
ASGI_APPLICATION = "outsourcing.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "outsourcing.core.context_processors.layout",
                "outsourcing.notifications.context_processors.notifications",
                "outsourcing.dashboard.navigation.navigation",
            ],
        },
    },
]

if EMBEDDED:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "db.sqlite3",
            "OPTIONS": {"timeout": 20, "transaction_mode": "IMMEDIATE"},
        }
    }
else:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "org.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: a locked account and address is refused before any check
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard:home"
LOGOUT_REDIRECT_URL = "login"

# Chinese first; English on request (X-4). Browsers' Accept-Language is not consulted: see
# core.middleware.CompanyLanguageMiddleware.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("Simplified Chinese")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
# Attachments: largest accepted file, in bytes.
ATTACHMENT_MAX_BYTES = int(os.environ.get("ATTACHMENT_MAX_BYTES", str(20 * 1024 * 1024)))
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# The longest text any field takes (security finding 6); longer texts in a request are refused before any view.
TEXT_MAX_CHARS = int(os.environ.get("TEXT_MAX_CHARS", "20000"))
# Excel imports: largest workbook accepted, in bytes (refused before it is parsed), and most data rows
# in one file; reading stops at 50 empty rows in a row.
IMPORT_MAX_BYTES = int(os.environ.get("IMPORT_MAX_BYTES", str(5 * 1024 * 1024)))
IMPORT_MAX_ROWS = int(os.environ.get("IMPORT_MAX_ROWS", "20000"))

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "outsourcing@localhost")
# The company's legal name, as it signs formal letters (award notices, rectification notices …).
COMPANY_NAME = os.environ.get("COMPANY_NAME", "华信实业集团股份有限公司")
# Years an exited worker's personal data is kept before the daily job anonymises it (WRK-11).
WORKER_RETENTION_YEARS = int(os.environ.get("WORKER_RETENTION_YEARS", "3"))
# Legal periods that rest on a statute the company may have to follow as it changes (/work/shared/LEGAL.md):
# data with their source, never constants in code.
# 社会保险法 art. 58: the employer registers a new employee for social insurance within 30 days of the start
# of work; a worker who entered within this many days of a month's end is not a gap on that month's list (WRK-6).
SOCIAL_INSURANCE_REGISTRATION_DAYS = int(os.environ.get("SOCIAL_INSURANCE_REGISTRATION_DAYS", "30"))
# Days before a special-operation certificate (特种作业操作证, 安全生产法 art. 30; 特种作业人员安全技术培训考核管理规定)
# expires that its vendor and the project owner are reminded (CON-9).
CERTIFICATE_REMINDER_DAYS = int(os.environ.get("CERTIFICATE_REMINDER_DAYS", "30"))
# The day of the month by which the vendor sends the last month's compliance proofs (WRK-6, X-2): reminded from
# PROOF_REMINDER_DAYS before it; HR is told once it has passed.
PROOF_DUE_DAY = int(os.environ.get("PROOF_DUE_DAY", "15"))
PROOF_REMINDER_DAYS = int(os.environ.get("PROOF_REMINDER_DAYS", "5"))
# Daily operations: days the vendor's site manager has to acknowledge a work instruction (OPS-1), and days a
# contract may be in force without a kick-off meeting before its owner is reminded (OPS-4).
OPERATIONS_ACKNOWLEDGE_DAYS = int(os.environ.get("OPERATIONS_ACKNOWLEDGE_DAYS", "2"))
OPERATIONS_KICKOFF_DAYS = int(os.environ.get("OPERATIONS_KICKOFF_DAYS", "30"))
# Performance (PRF-6, PRF-7): the defaults a new SLA version takes — days the vendor has to confirm or dispute an
# evaluation (silence then confirms), failed periods in a row that open a PIP — and the days for a rectification
# plan and the length of a PIP. Each SLA version keeps its own first two.
PERFORMANCE_DISPUTE_DAYS = int(os.environ.get("PERFORMANCE_DISPUTE_DAYS", "10"))
PERFORMANCE_PIP_AFTER = int(os.environ.get("PERFORMANCE_PIP_AFTER", "2"))
PERFORMANCE_PLAN_DAYS = int(os.environ.get("PERFORMANCE_PLAN_DAYS", "10"))
PERFORMANCE_PIP_DAYS = int(os.environ.get("PERFORMANCE_PIP_DAYS", "60"))
# Settlement (SET-3, SET-4): the SPEC's default incentive table (total score from → percent of the period's fee;
# an SLA version's own table replaces it), the default deduction cap (% of the period's fee), the three-way match's
# tolerance (finance's: the smaller of the percent and the amount), the rounding allowed on an invoice's tax, and
# the tax items that are a disguise sign on an outsourcing contract (LEGAL.md §4, §7).
SETTLEMENT_INCENTIVE_BANDS = [{"min": "95", "percent": "3"}, {"min": "80", "percent": "0"},
                              {"min": "70", "percent": "-5"}, {"min": "0", "percent": "-10"}]  # fmt: skip
SETTLEMENT_DEDUCTION_CAP_PERCENT = os.environ.get("SETTLEMENT_DEDUCTION_CAP_PERCENT", "10")
SETTLEMENT_MATCH_TOLERANCE_PERCENT = os.environ.get("SETTLEMENT_MATCH_TOLERANCE_PERCENT", "0.5")
SETTLEMENT_MATCH_TOLERANCE_AMOUNT = os.environ.get("SETTLEMENT_MATCH_TOLERANCE_AMOUNT", "100")
SETTLEMENT_TAX_ROUNDING = os.environ.get("SETTLEMENT_TAX_ROUNDING", "0.05")
SETTLEMENT_DISGUISE_TAX_ITEMS = ("劳务派遣", "人力资源外包")
# Partnership (PTN-1, PTN-4, PTN-5): days the company has to answer a vendor's improvement proposal (篇四: an
# unanswered proposal is the known failure of such programmes), the year's average evaluation score an award
# candidate reaches, and the strategic tier's rule (years in the pool, evaluations counted, averages to enter/leave).
PARTNERSHIP_ANSWER_DAYS = int(os.environ.get("PARTNERSHIP_ANSWER_DAYS", "20"))
PARTNERSHIP_AWARD_MIN_SCORE = os.environ.get("PARTNERSHIP_AWARD_MIN_SCORE", "85")
PARTNERSHIP_TIER_RULE = {"years": 2, "evaluations": 4, "entry_average": "90", "exit_average": "80"}
# RSK-3: the words that show a settlement passing a worker's pay through, and the units that count people.
SETTLEMENT_PASS_THROUGH_WORDS = {"wage": ("工资", "薪酬", "薪资"), "social_insurance": ("社保", "社会保险", "公积金"),
                                 "fee": ("管理费",)}  # fmt: skip
SETTLEMENT_HEADCOUNT_UNITS = ("人", "人月", "人/月", "人·月", "人天", "人日", "人/天", "人次", "人时")
# SET-6: alerts when a project's paid and committed spend reaches these percents of its budget (the SPEC's default).
SETTLEMENT_BUDGET_ALERT_PERCENTS = [
    int(p) for p in os.environ.get("SETTLEMENT_BUDGET_ALERT_PERCENTS", "80,100").split(",")
]
# The address people reach the system at, for links in e-mails (e.g. https://oa.example.cn).
SITE_URL = os.environ.get("SITE_URL", "").rstrip("/")

# Sessions and API tokens (security finding 7). A session ends after this many minutes without a request
# (org.middleware.SessionIdleTimeoutMiddleware); vendor users' sessions also end when the browser closes.
SESSION_IDLE_MINUTES_VENDOR = int(os.environ.get("SESSION_IDLE_MINUTES_VENDOR", "30"))
SESSION_IDLE_MINUTES_INTERNAL = int(os.environ.get("SESSION_IDLE_MINUTES_INTERNAL", str(8 * 60)))
# Days an API token works after it is issued (org.tokens).
API_TOKEN_DAYS = int(os.environ.get("API_TOKEN_DAYS", "30"))

# HTTPS and headers (security finding 8). SECURE_COOKIES=1 says the site is reached over HTTPS only (secure
# cookies, and HSTS); BEHIND_TLS_PROXY=1 says a proxy terminates TLS and sets X-Forwarded-Proto (trusted, and
# plain-HTTP requests are redirected). With both, `manage.py check --deploy` reports nothing (docs/operations.md).
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
BEHIND_TLS_PROXY = env_bool("BEHIND_TLS_PROXY", False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_TLS_PROXY else None
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", BEHIND_TLS_PROXY)
SECURE_REDIRECT_EXEMPT = env_list("SECURE_REDIRECT_EXEMPT")  # e.g. a load balancer's plain-HTTP health check path
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(365 * 24 * 3600) if SESSION_COOKIE_SECURE else "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Every script is a file served by the app (no inline script, no event-handler attribute, no eval): 'self' only.
# Inline style attributes stay allowed (Bootstrap's components and a few templates set them).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
# Browser features the system never uses, switched off for its pages (core.middleware.PermissionsPolicyMiddleware).
PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), "
    "magnetometer=(), microphone=(), midi=(), payment=(), usb=()"
)

# Login throttling (ORG-3, security finding 2), django-axes: LOGIN_FAILURE_LIMIT failed logins of one account
# from one address within LOGIN_LOCKOUT_MINUTES lock that pair until the cool-off ends or HR or an
# administrator unlocks it (/org/lockouts/). The web login and /api/auth/token/ count alike.
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = dt.timedelta(minutes=int(os.environ.get("LOGIN_LOCKOUT_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_LOCKOUT_CALLABLE = "outsourcing.org.lockouts.lockout_response"
AXES_VERBOSE = False
# Behind a TLS proxy the client's address is the last one the proxy appended to X-Forwarded-For.
AXES_IPWARE_PROXY_COUNT = 1 if env_bool("BEHIND_TLS_PROXY") else None
AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR") if env_bool("BEHIND_TLS_PROXY") else (
    "REMOTE_ADDR",
)

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "outsourcing.org.tokens.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "outsourcing.core.api.StandardPagination",
    "DEFAULT_PARSER_CLASSES": [
        "outsourcing.core.api_fields.JSONObjectParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "outsourcing.core.api.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    # Per token (per user) and per address for anonymous calls (security finding 2); 429 beyond.
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.UserRateThrottle",
        "rest_framework.throttling.AnonRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "user": os.environ.get("API_RATE_PER_USER", "1200/minute"),
        "anon": os.environ.get("API_RATE_ANONYMOUS", "60/minute"),
    },
}
SPECTACULAR_SETTINGS = {
    "TITLE": "劳务外包管理系统 API",
    "DESCRIPTION": "REST API of the labor-outsourcing management system (same rules as the web pages).",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # The schema and the docs page are for people who have an account (security finding 8).
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "outsourcing.core.api.document_error_responses",
    ],
    "ENUM_NAME_OVERRIDES": {
        "UserKindEnum": "outsourcing.org.models.UserKind",
        "WorkNatureEnum": "outsourcing.demands.models.WorkNature",
        # Choice sets shared by several fields get one name (drf-spectacular warns otherwise, in check --deploy).
        "ApprovalStatusEnum": "outsourcing.approvals.states.ApprovalState",
        "ContractStatusEnum": "outsourcing.contracts.models.ContractStatus",
        "MeetingKindEnum": "outsourcing.operations.models.MeetingKind",
        "ProofStatusEnum": "outsourcing.workforce.models.ProofStatus",
        "ResolutionEnum": "outsourcing.performance.models.Resolution",
        "SettlementStatusEnum": "outsourcing.settlements.models.SettlementStatus",
        "StageEnum": "outsourcing.sourcing.models.Stage",
        "TaxMethodEnum": "outsourcing.settlements.models.TaxMethod",
        "VendorStatusEnum": "outsourcing.vendors.models.VendorStatus",
        "RiskStatusEnum": "outsourcing.compliance.models.RiskStatus",
        "FindingStatusEnum": "outsourcing.compliance.models.FindingStatus",
        "IncidentStatusEnum": "outsourcing.compliance.models_incidents.IncidentStatus",
        "ProposalKindEnum": "outsourcing.partnership.models.ProposalKind",
        "TierDirectionEnum": "outsourcing.partnership.models.TierDirection",
        "AuditStatusEnum": "outsourcing.compliance.models_audits.AuditStatus",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# RSK-3: the disguised-dispatch score per project (假外包、真派遣, 劳务派遣暂行规定 art. 27). Each sign found adds its
# weight once (capped at 100); the defaults and their sources are in docs/decisions.md and LEGAL.md §1 and §7.
DISPATCH_SIGN_WEIGHTS = {
    "headcount_pricing": 25,  # LEGAL.md §1: dispatch is priced 人数×单价, outsourcing 工作量×单价
    "dispatch_invoice": 20,  # LEGAL.md §4: 劳务派遣/人力资源外包 invoiced on outsourcing (财税〔2016〕47号)
    "dispatch_invoice_item": 20,  # LEGAL.md §4: the invoice the vendor submitted is itemised 劳务派遣/人力资源外包
    "instruction_to_worker": 20,  # LEGAL.md §1: the company directs named workers (四不直接, 暂行规定 art. 27)
    "request_dictates_for_worker": 20,  # LEGAL.md §1: leave, pay, discipline of a named worker dictated to the vendor
    "long_tenure": 15,  # LEGAL.md §1: same post beyond N months or across renewals
    "vendor_lacking_proofs": 10,  # LEGAL.md §1: unlicensed vendor or expired documents; 条例 art. 18
    "demand_self_check": 15,  # DEM-3: the demand's self-check answers point to dispatch
    "settlement_pass_through": 25,  # LEGAL.md §1: settled as each worker's wage + social insurance + fee (人头费)
    "headcount_acceptance": 20,  # LEGAL.md §1: the period accepted by counting people, no output-based acceptance
}
DISPATCH_LEVEL_MEDIUM = int(os.environ.get("DISPATCH_LEVEL_MEDIUM", "30"))
DISPATCH_LEVEL_HIGH = int(os.environ.get("DISPATCH_LEVEL_HIGH", "60"))
DISPATCH_TENURE_MONTHS = int(os.environ.get("DISPATCH_TENURE_MONTHS", "12"))  # LEGAL.md §1 "default 12" (verify)
DISPATCH_SIGN_LOOKBACK_DAYS = int(os.environ.get("DISPATCH_SIGN_LOOKBACK_DAYS", "180"))  # text-screen signs counted
# RSK-7: dispatched workers may be at most 10 % of the total workforce (劳务派遣暂行规定 art. 4, LEGAL.md); the ratio
# counts them with the outsourced workers on projects whose disguised-dispatch score is high. "Near" warns from 90 %.
DISPATCH_RATIO_CAP_PERCENT = Decimal(os.environ.get("DISPATCH_RATIO_CAP_PERCENT", "10"))
DISPATCH_RATIO_NEAR_SHARE = Decimal(os.environ.get("DISPATCH_RATIO_NEAR_SHARE", "0.9"))
# RSK-2 vendor concentration: one vendor holding more than this share of the live contract amount of a service
# category HR marked critical (P3§4 服务中断风险; a company policy choice, not a legal threshold).
VENDOR_CONCENTRATION_SHARE = Decimal(os.environ.get("VENDOR_CONCENTRATION_SHARE", "0.6"))
# RSK-5: a critical service's continuity plan is tested at least this often (P3§4 管控措施1; company policy).
CONTINUITY_TEST_DAYS = int(os.environ.get("CONTINUITY_TEST_DAYS", "365"))
# INC-3: the employer applies for work-injury recognition within 30 days of the accident (工伤保险条例 art. 17); the
# vendor is reminded on these days after it, then the incident is escalated.
WORK_INJURY_FILING_DAYS = int(os.environ.get("WORK_INJURY_FILING_DAYS", "30"))
WORK_INJURY_REMINDER_DAYS = tuple(int(d) for d in os.environ.get("WORK_INJURY_REMINDER_DAYS", "7,20,28").split(","))
