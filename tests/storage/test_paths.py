"""Where the review database lives: the data folder, and the URL chosen explicitly or by the environment."""
from __future__ import annotations

import pytest

from reviewdesk import paths
from reviewdesk.core.errors import StorageError
from reviewdesk.storage.store import ReviewStore


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch):
    monkeypatch.delenv(paths.DB_ENV, raising=False)
    monkeypatch.delenv(paths.DATA_DIR_ENV, raising=False)


def test_default_database_is_reviewdesk_db_in_the_data_folder(monkeypatch, tmp_path):
    monkeypatch.setenv(paths.DATA_DIR_ENV, str(tmp_path / "data"))
    assert paths.default_db_path() == tmp_path / "data" / "reviewdesk.db"
    assert paths.database_url() == f"sqlite:///{tmp_path / 'data' / 'reviewdesk.db'}"


def test_without_overrides_the_platform_data_folder_is_used():
    assert paths.data_dir().name == paths.APP_NAME


def test_explicit_url_beats_the_environment(monkeypatch):
    monkeypatch.setenv(paths.DB_ENV, "postgresql+psycopg://env@host/db")
    assert paths.database_url("sqlite:////tmp/x.db") == "sqlite:////tmp/x.db"
    assert paths.database_url() == "postgresql+psycopg://env@host/db"


def test_a_plain_path_means_sqlite(tmp_path):
    assert paths.database_url(str(tmp_path / "r.db")) == f"sqlite:///{tmp_path / 'r.db'}"


def test_the_default_store_creates_its_folder(monkeypatch, tmp_path):
    monkeypatch.setenv(paths.DATA_DIR_ENV, str(tmp_path / "deep" / "data"))
    with ReviewStore() as store:
        assert store.url == f"sqlite:///{tmp_path / 'deep' / 'data' / 'reviewdesk.db'}"
    assert (tmp_path / "deep" / "data" / "reviewdesk.db").is_file()


def test_an_unusable_url_is_a_storage_error():
    with pytest.raises(StorageError, match="not usable"):
        ReviewStore("nosuchdb://who/where")
