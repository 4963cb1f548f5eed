"""Peerpath: training, continuing education and renewal tracking for peer recovery specialists."""

import os
import pkgutil
import secrets
from importlib import import_module
from pathlib import Path

from flask import Flask

from lms.config import (
    DEVELOPMENT_URL,
    INSECURE_SECRET_KEYS,
    MIN_SECRET_KEY_LENGTH,
    PROJECT_ROOT,
    Defaults,
)


def create_app(test_config: dict | None = None) -> Flask:
    """Build the app: config in layers, extensions, blueprints, CLI — and nothing else."""
    app = Flask(
        __name__,
        instance_path=os.environ.get("LMS_INSTANCE_PATH", str(PROJECT_ROOT / "instance")),
        instance_relative_config=True,
        template_folder=str(PROJECT_ROOT / "templates"),
        static_folder=str(PROJECT_ROOT / "static"),
    )
    app.config.from_object(Defaults)
    app.config.from_pyfile("config.py", silent=True)
    app.config.from_prefixed_env("LMS")
    if test_config:
        app.config.update(test_config)
    _finish_config(app)
    hops = int(app.config["PROXY_FIX_HOPS"])
    if hops:
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)

    from lms import cli, db, i18n, localtime, security
    from lms.extensions import csrf, limiter, login_manager, migrate
    from lms.extensions import db as sqla
    from lms.limits import warn_if_counted_per_worker

    sqla.init_app(app)
    db.init_app(app)
    migrate.init_app(app, sqla, directory=str(PROJECT_ROOT / "migrations"), render_as_batch=True)
    csrf.init_app(app)
    limiter.init_app(app)
    warn_if_counted_per_worker(app)
    login_manager.init_app(app)
    security.init_app(app)

    from lms.admin.backup import backup_cli
    from lms.certificates.cli import certificates_cli
    from lms.certificates.render import warn_if_slow_pdfs
    from lms.content.numeric import describe as number_answer
    from lms.errors import init_app as init_errors
    from lms.numbers import BoundedIntConverter

    app.url_map.converters["int"] = BoundedIntConverter
    _register_areas(app)
    app.jinja_env.filters.update(number_answer=number_answer)
    i18n.init_app(app)
    localtime.init_app(app)
    init_errors(app)
    warn_if_slow_pdfs(app.logger)
    cli.init_app(app)
    from lms.authoring.drafts import seed_demo_course

    app.extensions[cli.DEMO_SEEDS] = (seed_demo_course,)
    app.cli.add_command(certificates_cli)
    app.cli.add_command(backup_cli)
    _add_content_cli(app)
    return app


# The product areas, each a package with `blueprint.py` (defining `bp`) and `views` (a module,
# or a package of modules) whose routes attach to it. Registered in this order.
AREAS = (
    "main",
    "auth",
    "learning",
    "certificates",
    "admin",
    "renewal",
    "authoring",
    "supervision",
    "certification",
)


def _register_areas(app: Flask) -> None:
    """Import each area's views, which attaches their routes to the area's blueprint, then
    register the blueprint: the one way routes reach the app."""
    for area in AREAS:
        views = import_module(f"lms.{area}.views")
        for module in pkgutil.iter_modules(getattr(views, "__path__", ())):
            import_module(f"{views.__name__}.{module.name}")
        app.register_blueprint(import_module(f"lms.{area}.blueprint").bp)


def _finish_config(app: Flask) -> None:
    """Fill derived defaults and refuse to run production on insecure settings."""
    instance = Path(app.instance_path)
    if not app.config["SQLALCHEMY_DATABASE_URI"]:
        app.config["SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{instance / 'peerpath.db'}"
    if app.config["SECRET_KEY"] is None:
        app.config["SECRET_KEY"] = _instance_secret_key(instance)
    if app.config["ENVIRONMENT"] == "production" and not app.testing:
        if app.debug:
            raise RuntimeError("Refusing to start: debug mode is on in production.")
        key = app.config["SECRET_KEY"]
        if key in INSECURE_SECRET_KEYS or len(str(key).strip()) < MIN_SECRET_KEY_LENGTH:
            raise RuntimeError(
                "Refusing to start: the secret key is a default or short value. Remove "
                "LMS_SECRET_KEY to use the generated instance/secret_key, or set a random value "
                f"of at least {MIN_SECRET_KEY_LENGTH} characters."
            )
    else:
        app.config["SESSION_COOKIE_SECURE"] = False
        app.config["REMEMBER_COOKIE_SECURE"] = False
    _check_time_on_task_share(app)
    _finish_public_url(app)


def _check_time_on_task_share(app: Flask) -> None:
    """MIN_TIME_ON_TASK_SHARE must be a number from 0 (off) to 1 (the full claimed time)."""
    share = app.config["MIN_TIME_ON_TASK_SHARE"]
    if isinstance(share, bool) or not isinstance(share, int | float) or not 0 <= share <= 1:
        raise RuntimeError(
            f"Refusing to start: MIN_TIME_ON_TASK_SHARE is {share!r}; set it to a number "
            "from 0 (no time-on-task rule) to 1 (the full claimed CE time)."
        )


def _finish_public_url(app: Flask) -> None:
    """Require a usable PUBLIC_URL outside development, and trust only its host."""
    from lms.urls import check_public_url, trusted_hosts

    development = app.config["ENVIRONMENT"] == "development" or app.testing
    if not app.config["PUBLIC_URL"]:
        if not development:
            raise RuntimeError(
                "Refusing to start: set LMS_PUBLIC_URL to the site's public address (e.g. "
                "https://learn.example.org). Links in emails and certificates are built from it."
            )
        app.config["PUBLIC_URL"] = DEVELOPMENT_URL
    problem = check_public_url(app.config["PUBLIC_URL"])
    if problem:
        raise RuntimeError(
            f"Refusing to start: LMS_PUBLIC_URL is {app.config['PUBLIC_URL']!r}. {problem}"
        )
    hosts = app.config["TRUSTED_HOSTS"]
    if hosts is None:
        hosts = trusted_hosts(app.config["PUBLIC_URL"], development)
    elif isinstance(hosts, str):
        hosts = [host.strip() for host in hosts.split(",") if host.strip()]
    app.config["TRUSTED_HOSTS"] = list(hosts)


def _instance_secret_key(instance: Path) -> str:
    """Read the secret key from instance/secret_key, creating it (mode 600) on first run."""
    from lms.instance_files import create_once

    return create_once(instance / "secret_key", secrets.token_hex(32).encode()).decode().strip()


def _add_content_cli(app: Flask) -> None:
    from lms.ce.cli import ce_cli
    from lms.content import (
        exchange_cli,  # noqa: F401  (adds the Moodle XML commands)
        sync_cli,  # noqa: F401  (adds sync and list to the group)
    )
    from lms.content.cli import courses_cli
    from lms.renewal import cli as renewal_cli  # noqa: F401  (adds remind to the ce group)
    from lms.renewal import coverage_cli  # noqa: F401  (adds coverage to the courses group)

    app.cli.add_command(courses_cli)
    app.cli.add_command(ce_cli)
