"""Shared fixtures: the bundled documents, read once per test session."""

import os
import shutil
from pathlib import Path

import pytest

import civstat
from civstat import paths

RAW = paths.bundled_raw_dir()


@pytest.fixture(scope="session")
def raw_dir() -> Path:
    return RAW


@pytest.fixture(scope="session")
def bundled() -> civstat.Plans:
    return civstat.load_plans(errors="ignore")


@pytest.fixture(scope="session")
def seed_readings() -> dict[str, civstat.Plans]:
    """Each bundled text document read on its own, with placeholder issuer and year."""
    return {path.stem: civstat.read_plan(path, issuer="X", year=2000) for path in sorted(RAW.glob("*.txt"))}


@pytest.fixture(scope="session")
def soffice() -> str:
    """The LibreOffice program: skipped locally without it, a failure under CI (which installs it)."""
    program = shutil.which("soffice")
    if program is None:
        if os.environ.get("CI") == "true":
            pytest.fail("LibreOffice (soffice) is missing under CI: .ci/run installs libreoffice-writer-nogui "
                        "and libreoffice-calc-nogui")
        pytest.skip("LibreOffice is not installed: apt-get install libreoffice-writer-nogui libreoffice-calc-nogui")
    return program
