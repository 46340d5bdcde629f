"""Alembic environment for BurgerAnnotator project files.

The application runs migrations itself (core.migrations) and hands the open
connection in ``config.attributes["connection"]``; run from the command line,
``alembic -c db/alembic.ini -x project=FILE upgrade head`` works too.
"""
from alembic import context
from sqlalchemy import create_engine

from burgerannotator.core.models import Base

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
        return
    project = context.get_x_argument(as_dictionary=True).get("project")
    url = f"sqlite:///{project}" if project else config.get_main_option("sqlalchemy.url")
    engine = create_engine(url)
    with engine.connect() as conn:
        context.configure(connection=conn, target_metadata=target_metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    raise SystemExit("offline migrations are not supported")
run_migrations_online()
