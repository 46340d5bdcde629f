"""search index: full-text index (FTS5) over document text

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29 18:00:00

The index is an external-content FTS5 table over ``document.text`` (no second
copy of the text), tokenized case- and diacritic-insensitively. ``document_fts_state``
records which documents (and which text length) the index holds, so a stale index
(documents added or removed by other means than the importer) is rebuilt on demand.
Projects made before this revision are indexed here, during the upgrade.
"""
from typing import Sequence, Union

from alembic import op

revision: str = '0002'
down_revision: Union[str, Sequence[str], None] = '0001'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.execute("CREATE VIRTUAL TABLE document_fts USING fts5(text, content='document', content_rowid='id', "
               "tokenize='unicode61 remove_diacritics 2')")
    op.execute("CREATE TABLE document_fts_state (document_id INTEGER PRIMARY KEY, length INTEGER NOT NULL)")
    # backfill: index the documents already in the project
    op.execute("INSERT INTO document_fts(document_fts) VALUES ('rebuild')")
    op.execute("INSERT INTO document_fts_state (document_id, length) SELECT id, length(text) FROM document")


def downgrade() -> None:
    op.execute("DROP TABLE IF EXISTS document_fts_state")
    op.execute("DROP TABLE IF EXISTS document_fts")
