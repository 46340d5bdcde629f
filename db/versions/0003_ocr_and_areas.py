"""OCR'd pages and area segments

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01 23:30:00

* ``page.ocr``: empty for a page whose text came from the PDF's own text layer; for a page
  whose text was recognised, the engine and language-data versions that recognised it
  (``core.ocr.engine_version``), so the same text can be reproduced and is never silently
  re-recognised.
* ``segment.kind``: 'text' (a span of the document's text, as before) or 'area' (a rectangle
  on one page, ``rects`` = {page: [[x0, y0, x1, y1]]}; start/end cover the text inside it,
  or are empty where the page has none).
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

revision: str = '0003'
down_revision: Union[str, Sequence[str], None] = '0002'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    with op.batch_alter_table('page', schema=None) as batch_op:
        batch_op.add_column(sa.Column('ocr', sa.String(length=300), nullable=False, server_default=''))
    with op.batch_alter_table('segment', schema=None) as batch_op:
        batch_op.add_column(sa.Column('kind', sa.String(length=8), nullable=False, server_default='text'))


def downgrade() -> None:
    with op.batch_alter_table('segment', schema=None) as batch_op:
        batch_op.drop_column('kind')
    with op.batch_alter_table('page', schema=None) as batch_op:
        batch_op.drop_column('ocr')
