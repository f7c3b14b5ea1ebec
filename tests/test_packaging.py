"""Packaging: every data file the app reads is declared as package data.

``include-package-data`` is off in ``pyproject.toml`` (so setuptools does not
take data folders for packages), which makes the ``package-data`` globs the
only way a non-Python file reaches a wheel: a file they miss works in a
checkout and is absent once installed.
"""

from __future__ import annotations

import tomllib
from fnmatch import fnmatch
from pathlib import Path

import pytest

from policykg.errors import InvalidInput
from policykg.resources import labels_path

ROOT = Path(__file__).resolve().parents[1]
#: documentation beside the data, not read by the app
DOCS = ("*.md",)


def _config() -> dict:  # type: ignore[type-arg]
    with (ROOT / "pyproject.toml").open("rb") as f:
        return dict(tomllib.load(f)["tool"]["setuptools"])


def _folder(package: str, dirs: dict[str, str]) -> Path:
    return ROOT / dirs.get(package, package.replace(".", "/"))


def test_every_data_file_matches_a_package_data_glob() -> None:
    config = _config()
    assert config["include-package-data"] is False
    packages, dirs, globs = config["packages"], config["package-dir"], config["package-data"]
    folders = {_folder(p, dirs).resolve(): p for p in packages}
    missing = []
    for folder, package in folders.items():
        for path in folder.rglob("*"):
            if not path.is_file() or path.suffix in (".py", ".pyc") or "__pycache__" in path.parts:
                continue
            # a file belongs to the deepest package folder that holds it
            owner = max((f for f in folders if path.is_relative_to(f)), key=lambda f: len(f.parts))
            if owner != folder or any(fnmatch(path.name, d) for d in DOCS):
                continue
            rel = path.relative_to(folder).as_posix()
            if not any(fnmatch(rel, g) for g in globs.get(package, [])):
                missing.append(f"{package}: {rel}")
    assert not missing, "not declared as package data:\n" + "\n".join(missing)


def test_the_eval_labels_and_the_pages_are_declared() -> None:
    globs = _config()["package-data"]
    assert "labels/*.yaml" in globs["policykg.data"]
    assert {"templates/*.html", "static/*"} <= set(globs["policykg.api"])


def test_labels_path_finds_the_bundled_labels_and_refuses_others() -> None:
    assert labels_path("adoption_labels.yaml") == ROOT / "data" / "labels" / "adoption_labels.yaml"
    assert labels_path("clause_labels.yaml").is_file()
    with pytest.raises(InvalidInput, match=r"no bundled labels 'nope\.yaml'"):
        labels_path("nope.yaml")
