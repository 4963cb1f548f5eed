"""Configuration defaults. instance/config.py, then LMS_* environment variables, override them."""

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent

# Values that production must never run with.
INSECURE_SECRET_KEYS = {None, "", "dev", "change-me"}
# Shorter keys (placeholders like "secret", or a blank value) are refused too; the generated
# key has 64 characters.
MIN_SECRET_KEY_LENGTH = 32
# The public address while developing and testing, where PUBLIC_URL may be left unset.
DEVELOPMENT_URL = "http://127.0.0.1:5000"


class Defaults:
    # "production" (the default: fail closed) or "development" (set by `make run`).
    ENVIRONMENT = "production"
    SECRET_KEY = None  # generated into instance/secret_key on first run
    SQLALCHEMY_DATABASE_URI = None  # defaults to sqlite:///<instance>/peerpath.db
    SQLALCHEMY_ENGINE_OPTIONS: dict = {}

    # Security: one visible block.
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_SECURE = True
    # A signed-in session ends after this long without a request, and this long after sign-in
    # whatever happens (a shared library computer left signed in).
    SESSION_IDLE_MINUTES = 120
    SESSION_MAX_HOURS = 12
    WTF_CSRF_TIME_LIMIT = None  # a form left open over lunch must still submit
    # Evidence files may be 10 MB; the request around one is a little larger.
    MAX_CONTENT_LENGTH = 11 * 1024 * 1024
    EVIDENCE_QUOTA_MB = 200  # evidence each person may keep
    SIGNIN_RATE_LIMIT = "5 per 15 minutes"
    RATELIMIT_STORAGE_URI = "memory://"
    RATELIMIT_HEADERS_ENABLED = True
    PASSWORD_RESET_MAX_AGE = 3600  # seconds a reset link stays valid
    # Reverse proxies in front of the app that set X-Forwarded-For/-Proto/-Host (nginx: 1).
    # 0 trusts none: behind a proxy every visitor would share its address, and rate limits
    # and the audit log would see only the proxy.
    PROXY_FIX_HOPS = 0

    # Accounts
    SIGNUP_OPEN = True  # False: invite-only, accounts are created by an administrator
    DEFAULT_TIME_ZONE = "America/New_York"

    # Mail: with no MAIL_SERVER, messages are written to instance/outbox/ as .eml files.
    MAIL_SERVER = None
    MAIL_PORT = 587
    MAIL_USERNAME = None
    MAIL_PASSWORD = None
    MAIL_USE_TLS = True
    MAIL_SENDER = "Peerpath <no-reply@localhost>"

    # Files every app server must see alike: uploaded evidence and the badge signing key. None:
    # the instance folder. With several hosts, each keeps its own instance folder and this names
    # the one folder they all mount (NFS or similar); see docs/deploy.md.
    SHARED_STORAGE_PATH = None

    # Content
    COURSE_ROOTS = [str(PROJECT_ROOT / "courses")]

    # Learning
    # Online CE hours creditable in any 24 hours, in minutes (NAADAC approved-provider rule for
    # online learning: 8 hours). 0 turns the limit off.
    ONLINE_CE_MINUTES_PER_24H = 8 * 60
    # A course counts for CE only once the learner's time on task (lms/learning/ontask.py)
    # reaches this share of its claimed CE minutes: 0.5 asks for half. 0 turns the rule off
    # (test set-ups, boards that do not ask); 1.0 asks for the full time.
    MIN_TIME_ON_TASK_SHARE = 0.5
    # Quiz attempts a learner may start per quiz per day (their own calendar day,
    # lms/localtime.py), so a quiz is passed by learning rather than by repetition. 0: unlimited.
    QUIZ_ATTEMPTS_PER_DAY = 3

    # The site's public address (https://learn.example.org): every absolute link (QR codes,
    # badges, password-reset and invitation emails, reminders) is built from it, never from the
    # request's Host header. Required outside development; development uses DEVELOPMENT_URL.
    PUBLIC_URL = None
    # Host names requests may carry; others get a plain 400. None: PUBLIC_URL's host (plus
    # localhost and 127.0.0.1 in development). A list, or a comma-separated string.
    TRUSTED_HOSTS = None

    # Certificates: the provider printed on them (administrators can override these on the
    # provider settings screen).
    PROVIDER_NAME = "Peerpath Training Center"
    PROVIDER_CONTACT = "training@example.org"
    PROVIDER_APPROVAL_STATEMENT = ""
    PROVIDER_SIGNATORY_NAME = "Director of Training"
    PROVIDER_SIGNATORY_TITLE = ""
    CERTIFICATE_PAPER = "letter"  # or "A4"
