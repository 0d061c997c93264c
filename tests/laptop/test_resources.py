"""Bundled resources and migrations are found inside the package, from a checkout and a wheel."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import secresponder
from secresponder.bundled import resource_path, resources_dir
from secresponder.forms.builtin import builtin_forms
from secresponder.services.bootstrap import snapshot_paths
from secresponder.store.workspace import migrations

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = Path(secresponder.__file__).resolve().parent


def test_resources_live_inside_the_package():
    assert resources_dir() == PACKAGE / "resources"
    for form in builtin_forms():
        assert form.path.is_file() and PACKAGE in form.path.parents
    for page in snapshot_paths():
        assert page.is_file() and page.parent == resource_path("snapshot")
    found = migrations()
    assert [m.number for m in found] == list(range(1, len(found) + 1))
    assert all(m.sql.strip() for m in found)


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_a_wheel_carries_every_resource_and_migration_and_finds_them(tmp_path):
    source = tmp_path / "source"
    shutil.copytree(ROOT / "src", source / "src",
                    ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
         "--disable-pip-version-check", "-q", "-w", str(tmp_path / "dist"), str(source)],
        capture_output=True, text=True, timeout=300,
    )
    assert built.returncode == 0, built.stderr
    [wheel] = (tmp_path / "dist").glob("secresponder-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {f"secresponder/resources/{p.relative_to(PACKAGE / 'resources').as_posix()}"
                for p in (PACKAGE / "resources").rglob("*") if p.is_file()}
    expected |= {f"secresponder/store/migrations/{m.name}.sql" for m in migrations()}
    assert expected <= names, sorted(expected - names)

    unpacked = tmp_path / "unpacked"
    zipfile.ZipFile(wheel).extractall(unpacked)
    probe = (
        "import secresponder, sys\n"
        "from secresponder.forms.builtin import builtin_forms\n"
        "from secresponder.store.workspace import migrations\n"
        "print(secresponder.__file__)\n"
        "print(all(f.path.is_file() for f in builtin_forms()), len(migrations()))\n"
    )
    env = dict(os.environ, PYTHONPATH=str(unpacked))
    ran = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         env=env, timeout=120, cwd=tmp_path)
    assert ran.returncode == 0, ran.stderr
    where, found = ran.stdout.splitlines()
    assert Path(where).resolve().is_relative_to(unpacked.resolve())
    assert found == f"True {len(migrations())}"
