"""The hub learns about the apps from their registrations only: its code and base
template name no app (imports, URL paths, static files, templates)."""

import ast
from pathlib import Path

import pytest

from hub.registry import registry

ROOT = Path(__file__).resolve().parents[2]
APPS = ("prospecting", "wiki", "microsites", "video")
APP_PATHS = ("/war-room/", "/wiki/", "/video/", "/sites/", "/webschool/", "/api/")


def _hub_python_files():
    for path in sorted((ROOT / "hub").rglob("*.py")):
        parts = path.relative_to(ROOT / "hub").parts
        if parts[0] in ("settings", "migrations"):
            continue  # INSTALLED_APPS must list them; migrations are history
        yield path


def _strings_and_imports(tree):
    """Imported module names and string constants, docstrings left out."""
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef):
            body = getattr(node, "body", [])
            if body and isinstance(body[0], ast.Expr):
                if isinstance(body[0].value, ast.Constant):
                    docstrings.add(id(body[0].value))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            if id(node) not in docstrings:
                yield node.value


@pytest.mark.parametrize("path", list(_hub_python_files()), ids=lambda p: p.name)
def test_hub_code_names_no_app(path):
    tree = ast.parse(path.read_text())
    offending = [
        text
        for text in _strings_and_imports(tree)
        if text.split(".")[0] in APPS or any(p in text for p in APP_PATHS)
    ]
    assert offending == [], f"{path.relative_to(ROOT)} names apps: {offending}"


def test_base_template_names_no_app():
    text = (ROOT / "templates" / "base.html").read_text()
    named = [name for name in (*APPS, *APP_PATHS) if name in text]
    assert named == []


def test_the_apps_registered_what_the_hub_needs():
    prefixes = registry.hub_only_prefixes()
    for prefix in APP_PATHS:
        assert prefix in prefixes
    assert registry.public_urlconf == "microsites.public_urls"
    assert {"prospecting.routing", "video.routing"} <= set(registry.websocket_modules)
    assert registry.lead_actions["video.call"].method == "post"
    assert registry.header_searches[0].action == "/wiki/search/"


@pytest.mark.django_db
def test_header_search_and_lead_actions_follow_the_roles(client, staff_user):
    from hub.roles import is_staff_member

    search = registry.header_search_for(staff_user)
    assert search is not None and search.visible is is_staff_member
    client.force_login(staff_user)
    page = client.get("/").content.decode()
    assert 'action="/wiki/search/"' in page and "wiki/js/autocomplete" in page
