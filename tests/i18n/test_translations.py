"""Both languages complete: every user-facing string is marked, translated, and rendered.

Source strings are Vietnamese (the office's language, so a Vietnamese reader never needs a
catalogue); English is the translation in `locale/en`. Three checks:

1. the catalogue: `makemessages` run on a copy of the code finds no message missing from
   `locale/en`, empty or fuzzy, and the committed `.mo` matches the `.po`;
2. the source: templates and Python modules hold no Vietnamese text outside the translation
   tags and functions (apart from the short, explained allow-lists below);
3. the pages: the main pages render in Vietnamese and in English, per user.
"""
from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]
PO = ROOT / "locale" / "en" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")

# Vietnamese letters that do not occur in English text.
VIETNAMESE = re.compile(
    "[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]", re.IGNORECASE)

# Templates that may hold Vietnamese text outside {% translate %}.
TEMPLATES_ALLOWED = {
    # Rendered with no context when the server fails: kept static and bilingual on purpose,
    # so the error page cannot itself fail on a template tag.
    "500.html",
}

# Python modules (or folders) whose Vietnamese literals are not user-interface text.
PYTHON_ALLOWED = {
    # Synthetic Vietnamese documents for the benchmarks, not text shown to anyone.
    "registry/benchmarks/": "benchmark data",
    "bench.py": "benchmark data",
    # Operator command-line output and help (like Django's own commands, not translated).
    "management/commands/": "command-line output",
    # edXML exchange: protocol diagnostics stored with the package record (quarantine
    # reason, signature check result, directory import errors): recorded once, in the
    # office's language, like the audit log.
    "registry/exchange/edxml/": "stored exchange diagnostics",
    "registry/exchange/transport/": "stored exchange diagnostics",
    "registry/exchange/signatures.py": "stored exchange diagnostics",
    "registry/exchange/directory.py": "stored exchange diagnostics",
    "registry/exchange/services/": "stored exchange diagnostics, document type lookup",
    # Fixed column names of the Excel/CSV templates: an import must match them whatever
    # the reader's language.
    "registry/reports/imports/": "fixed import column names",
    "registry/casefiles/xlsx.py": "fixed import column names",
    # The archive package's metadata is Vietnamese by standard (TT 05/2023/TT-BNV).
    "registry/casefiles/archive/": "archive metadata values",
    # Character tables for folding (Đ → D), not text.
    "registry/core/text.py": "folding table",
    # A language is offered under its own name ("Tiếng Việt").
    "registry/organisation/models.py": "language endonym",
}
PYTHON_SKIPPED_NAMES = ("reference.py",)  # reference data rows (document types, units)
GETTEXT_FUNCTIONS = {
    "_", "gettext", "gettext_lazy", "ngettext", "ngettext_lazy", "pgettext", "pgettext_lazy",
    "npgettext", "npgettext_lazy", "gettext_noop", "format_lazy",
}
# Text in these keyword arguments documents the API (OpenAPI schema), not the interface.
API_DOC_KEYWORDS = {"description", "summary", "help_text"}


def _catalogue() -> polib.POFile:
    return polib.pofile(str(PO))


# 1. The catalogue ---------------------------------------------------------------------------

def test_catalogue_is_complete_and_compiled():
    assert PO.exists(), "locale/en/LC_MESSAGES/django.po is missing: run makemessages -l en"
    po = _catalogue()
    problems = [e.msgid for e in po if not e.obsolete and (not e.translated() or e.fuzzy)]
    assert not problems, f"{len(problems)} messages untranslated or fuzzy in {PO}: {problems[:10]}"
    assert MO.exists(), "locale/en/LC_MESSAGES/django.mo is missing: run compilemessages"
    compiled = {(e.msgctxt, e.msgid): (e.msgstr or e.msgstr_plural.get(0))
                for e in polib.mofile(str(MO))}
    stale = [e.msgid for e in po if not e.obsolete and e.msgid
             and compiled.get((e.msgctxt, e.msgid)) != (e.msgstr or e.msgstr_plural.get(0))]
    assert not stale, f"django.mo is older than django.po, run compilemessages: {stale[:5]}"


def test_makemessages_finds_nothing_untranslated(tmp_path):
    if not shutil.which("xgettext") or not shutil.which("msgmerge"):
        pytest.skip("TRANSLATION CHECK SKIPPED: gettext (xgettext, msgmerge) is not installed")
    copy = tmp_path / "src"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in ("docflow", "registry", "templates", "locale", "static"):
        shutil.copytree(ROOT / name, copy / name, ignore=ignore)
    shutil.copy(ROOT / "manage.py", copy / "manage.py")
    env = {**os.environ, "DJANGO_DEBUG": "1"}
    result = subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "en", "--no-obsolete",
         "--ignore=static/vendor"],
        cwd=copy, env=env, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    fresh = polib.pofile(str(copy / "locale" / "en" / "LC_MESSAGES" / "django.po"))
    missing = [e.msgid for e in fresh if not e.translated() or e.fuzzy]
    assert not missing, (
        f"{len(missing)} strings in the code lack an English translation in locale/en "
        f"(run makemessages -l en, translate, compilemessages): {missing[:15]}")


# 2. The source ------------------------------------------------------------------------------

def template_untranslated(text: str) -> list[str]:
    """Vietnamese text nodes (and visible attributes) outside translation tags."""
    t = re.sub(r"{%\s*comment\s*%}.*?{%\s*endcomment\s*%}", " ", text, flags=re.S)
    t = re.sub(r"{#.*?#}", " ", t, flags=re.S)
    t = re.sub(r"{%\s*blocktrans(late)?\b.*?{%\s*endblocktrans(late)?\s*%}", " ", t, flags=re.S)
    t = re.sub(r"{%.*?%}|{{.*?}}", " ", t, flags=re.S)
    t = re.sub(r"<(script|style)\b.*?</\1>|<!--.*?-->", " ", t, flags=re.S | re.IGNORECASE)
    found = []
    for piece in re.findall(r"<[^>]*>|[^<]+", t):
        if piece.startswith("<"):
            for attribute in re.finditer(
                    r"""\b(title|alt|placeholder|aria-label|value|data-df-confirm)\s*=\s*("[^"]*"|'[^']*')""",
                    piece):
                if VIETNAMESE.search(attribute.group(2)):
                    found.append(attribute.group(0))
        elif VIETNAMESE.search(piece):
            found.append(" ".join(piece.split())[:80])
    return found


def test_templates_have_no_untranslated_vietnamese():
    problems = []
    for path in sorted((ROOT / "templates").rglob("*.html")):
        name = str(path.relative_to(ROOT / "templates"))
        if name in TEMPLATES_ALLOWED:
            continue
        problems += [f"{name}: {text}" for text in template_untranslated(path.read_text("utf-8"))]
    assert not problems, "Vietnamese text outside {% translate %}:\n" + "\n".join(problems)


def python_untranslated(source: str, *, api: bool = False) -> list[tuple[int, str]]:
    """Vietnamese string literals that no gettext function wraps (docstrings excepted).

    In API modules, text in `description=`/`summary=`/`help_text=` documents the schema.
    """
    tree = ast.parse(source)
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}

    def function_name(call: ast.Call) -> str | None:
        func = call.func
        return func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)

    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Constant) and isinstance(node.value, str)
                and VIETNAMESE.search(node.value)):
            continue
        if isinstance(parents.get(node), ast.Expr):
            continue  # a docstring
        wrapped, current = False, node
        while current in parents and not wrapped:
            parent = parents[current]
            if isinstance(parent, ast.Call) and function_name(parent) in GETTEXT_FUNCTIONS:
                wrapped = True
            if api and isinstance(parent, ast.keyword) and parent.arg in API_DOC_KEYWORDS:
                wrapped = True
            current = parent
        if not wrapped:
            found.append((node.lineno, node.value[:60]))
    return found


def test_python_has_no_untranslated_vietnamese():
    problems = []
    for path in sorted((ROOT / "registry").rglob("*.py")):
        name = path.relative_to(ROOT).as_posix()
        if ("/migrations/" in name or path.name.startswith("demo")
                or path.name in PYTHON_SKIPPED_NAMES
                or any(allowed in name for allowed in PYTHON_ALLOWED)):
            continue
        source = path.read_text("utf-8")
        problems += [f"{name}:{line}: {text!r}"
                     for line, text in python_untranslated(source, api="/api" in name)]
    assert not problems, "Vietnamese literals outside gettext:\n" + "\n".join(problems)


# 3. The pages -------------------------------------------------------------------------------

PAGES = [
    # (user, url name, Vietnamese text, English text)
    ("vanthu", "home", "Xin chào", "Hello"),
    ("lanhdao", "home", "Xin chào", "Hello"),
    ("chuyenvien", "home", "Xin chào", "Hello"),
    ("vanthu", "incoming:register", "Sổ văn bản đến", "Incoming register"),
    ("vanthu", "incoming:create", "Trích yếu", "Summary"),
    ("chuyenvien", "assignments:mine", "Việc của tôi", "My tasks"),
    ("vanthu", "outgoing:register", "Sổ đăng ký văn bản đi", "Outgoing documents register"),
    ("lanhdao", "outgoing:awaiting_approval", "Chờ tôi duyệt", "Awaiting my approval"),
    ("vanthu", "search:results", "Tìm kiếm", "Search"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("username", "url_name", "vietnamese", "english"), PAGES)
def test_main_pages_render_in_both_languages(client, demo_user, username, url_name,
                                             vietnamese, english):
    user = demo_user(username)
    client.force_login(user)
    url = reverse(url_name) + ("?q=UBND" if url_name == "search:results" else "")
    for language, expected, absent in (("vi", vietnamese, None), ("en", english, "Đăng xuất")):
        user.language = language
        user.save(update_fields=["language"])
        response = client.get(url)
        assert response.status_code == 200, (url, language)
        html = response.content.decode()
        assert f'<html lang="{language}"' in html
        assert expected in html, (url, language, expected)
        if absent:
            assert absent not in html, f"{url} in English still shows {absent!r}"


def test_the_scanners_themselves():
    assert template_untranslated("<p>Xin chào</p>") == ["Xin chào"]
    assert template_untranslated('<a title="Mở tệp">x</a>') == ['title="Mở tệp"']
    assert template_untranslated("<p>{% translate 'Xin chào' %} {{ user.full_name }}</p>") == []
    assert template_untranslated(
        "{% blocktranslate with n=1 %}Số {{ n }}{% endblocktranslate %}") == []
    assert python_untranslated('x = "Xin chào"') == [(1, "Xin chào")]
    assert python_untranslated('x = _("Xin chào")') == []
    assert python_untranslated('x = ngettext("%(n)s việc", "%(n)s việc", 2)') == []
    assert python_untranslated('extend_schema(summary="Tìm")', api=True) == []
    assert python_untranslated('extend_schema(summary="Tìm")') == [(1, "Tìm")]
