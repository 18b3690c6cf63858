"""Fixtures for the storage tests: drafts with fingerprinted flags, and a store on SQLite or PostgreSQL."""
from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine
from sqlalchemy.engine import make_url

from storage_helpers import DRAFT

from reviewdesk.core.document import Document, document_from_text
from reviewdesk.storage.store import ReviewStore

PG_ENV = "REVIEWDESK_TEST_PG_URL"


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A URL whose connections work in a schema of their own, dropped after the test."""
    base = os.environ.get(PG_ENV, "").strip()
    if not base:
        pytest.skip(f"{PG_ENV} is not set; start a PostgreSQL server as .ci/run does to run these")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base)
    with admin.begin() as connection:
        connection.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as connection:
            connection.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "postgres":
        return request.getfixturevalue("pg_url")
    return f"sqlite:///{tmp_path / 'review.db'}"


@pytest.fixture
def store(db_url: str) -> Iterator[ReviewStore]:
    s = ReviewStore(db_url)
    yield s
    s.close()


@pytest.fixture
def draft(tmp_path: Path) -> Callable[[str], Document]:
    """A Document of `text` as if read from one file, so every revision is the same draft."""
    path = str(tmp_path / "draft.txt")
    return lambda text=DRAFT: document_from_text(text, path=path)
