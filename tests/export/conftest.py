"""Fixtures for the export tests: the sample review as a Summary, with and without dismissed flags."""
from __future__ import annotations

import pytest
from export_samples import sample_summary

from reviewdesk.core.summary import Summary


@pytest.fixture
def summary() -> Summary:
    return sample_summary()


@pytest.fixture
def summary_with_dismissed() -> Summary:
    return sample_summary(include_dismissed=True)
