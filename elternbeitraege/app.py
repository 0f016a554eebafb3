"""The application factory: configuration, extensions, blueprints, commands, error pages."""
from __future__ import annotations

import logging
from pathlib import Path

from flask import Flask

from . import cli, config, db, web
from .admin import bp as admin_bp
from .api.routes import bp as api_bp
from .auth.routes import bp as auth_bp
from .facilities import bp as facilities_bp
from .office import bp as office_bp
from .parents import bp as parents_bp
from .provider import bp as provider_bp

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def create_app(test_config: dict | None = None) -> Flask:
    """Create and configure the app."""
    app = Flask(__name__, instance_relative_config=True, template_folder=str(TEMPLATES))
    app.config.from_mapping(config.defaults(app.instance_path))
    app.config.update(config.from_environment(app.config))
    app.config.update(test_config or {})
    config.finish(app.config, app.instance_path)
    _quiet_libraries()
    db.init_app(app)
    web.init_app(app)
    for blueprint in (auth_bp, parents_bp, office_bp, facilities_bp, admin_bp, api_bp, provider_bp):
        app.register_blueprint(blueprint)
    cli.init_app(app)
    return app


def _quiet_libraries() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for name in ("weasyprint", "fontTools", "transitions", "alembic"):
        logging.getLogger(name).setLevel(logging.WARNING)
