"""The window and the command line reach stored data only through services.

Every import in ``ui/`` and ``cli/`` is checked, including those inside
functions and under ``TYPE_CHECKING``, so a stray store import cannot hide.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import secresponder

PACKAGE = Path(secresponder.__file__).parent
FORBIDDEN = "secresponder.store"
LAYERS = ("ui", "cli")


def _imported_modules(node: ast.AST, module_name: str) -> list[str]:
    """The full names an import statement brings in (relative imports resolved)."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if isinstance(node, ast.ImportFrom):
        base = node.module or ""
        if node.level:
            parent = module_name.split(".")[: -node.level]
            base = ".".join([*parent, base]) if base else ".".join(parent)
        # ``from secresponder import store`` names the store too.
        return [base] + [f"{base}.{alias.name}" for alias in node.names]
    return []


def store_imports(path: Path, module_name: str) -> list[str]:
    """``module:line`` for each import of the store in the file at ``path``."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        for name in _imported_modules(node, module_name):
            if name == FORBIDDEN or name.startswith(FORBIDDEN + "."):
                found.append(f"{module_name}:{node.lineno} imports {name}")
                break
    return found


def _modules(layer: str) -> list[tuple[Path, str]]:
    root = PACKAGE / layer
    return [
        (path, ".".join(["secresponder", *path.relative_to(PACKAGE).with_suffix("").parts]))
        for path in sorted(root.rglob("*.py"))
    ]


@pytest.mark.parametrize("layer", LAYERS)
def test_the_layer_imports_no_store_module(layer: str) -> None:
    modules = _modules(layer)
    assert modules, f"no modules found under {layer}/"
    offending = [hit for path, name in modules for hit in store_imports(path, name)]
    assert offending == [], "reach the store through services instead:\n" + "\n".join(offending)


def workspace_opens(path: Path, module_name: str) -> list[str]:
    """``module:line`` for each ``Workspace.open`` (opening goes through services.session)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    return [
        f"{module_name}:{node.lineno} calls Workspace.open"
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute) and node.attr == "open"
        and isinstance(node.value, ast.Name) and node.value.id == "Workspace"
    ]


@pytest.mark.parametrize("layer", LAYERS)
def test_the_layer_opens_workspaces_through_services(layer: str) -> None:
    offending = [hit for path, name in _modules(layer) for hit in workspace_opens(path, name)]
    assert offending == [], "use services.session.open_workspace:\n" + "\n".join(offending)


def test_a_direct_workspace_open_is_caught(tmp_path: Path) -> None:
    module = tmp_path / "panel.py"
    module.write_text("def f(root):\n    with Workspace.open(root) as ws:\n        return ws\n",
                      encoding="utf-8")
    assert workspace_opens(module, "secresponder.cli.panel") == [
        "secresponder.cli.panel:2 calls Workspace.open"
    ]


@pytest.mark.parametrize(
    "source",
    [
        "from secresponder.store.workspace import Workspace",
        "import secresponder.store.catalogue_repo",
        "from secresponder import store",
        "from ..store import documents_repo",
        "def f():\n    from secresponder.store import drafts_repo",
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
        "    from secresponder.store.drafts_repo import VersionInfo",
    ],
)
def test_every_form_of_store_import_is_caught(tmp_path: Path, source: str) -> None:
    module = tmp_path / "panel.py"
    module.write_text(source + "\n", encoding="utf-8")
    assert store_imports(module, "secresponder.ui.panel")


def test_imports_of_services_and_similar_names_pass(tmp_path: Path) -> None:
    module = tmp_path / "panel.py"
    module.write_text(
        "from secresponder.services.types import Workspace\n"
        "from secresponder import services\n"
        "import secresponder.storefront\n"
        "from . import store_view\n",
        encoding="utf-8",
    )
    assert store_imports(module, "secresponder.ui.panel") == []
