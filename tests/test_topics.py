"""cxlib._topics: data, charts and widgets gather their topic modules, and refuse a clash."""

from __future__ import annotations

import sys

import pytest

from cxlib import _topics, charts, data, widgets


def test_every_topic_module_is_gathered():
    import importlib
    import pkgutil

    for package in (data, charts, widgets):
        for info in pkgutil.iter_modules(package.__path__):
            if info.name.startswith("_"):
                continue
            module = importlib.import_module(f"{package.__name__}.{info.name}")
            for name in module.__all__:
                assert getattr(package, name) is getattr(module, name)
                assert name in package.__all__


def test_two_modules_exporting_one_name_stop_the_import(tmp_path, monkeypatch):
    pkg = tmp_path / "clashpkg"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "a.py").write_text("__all__ = ['chart']\ndef chart(): pass\n")
    (pkg / "b.py").write_text("__all__ = ['chart']\ndef chart(): pass\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(ImportError) as err:
        _topics.gather("clashpkg", [str(pkg)], {})
    assert str(err.value) == (
        "clashpkg.b exports 'chart', which clashpkg.a exports too: rename one of them")
    sys.modules.pop("clashpkg", None)


def test_a_module_exporting_a_name_the_package_already_holds_stops_the_import(
        tmp_path, monkeypatch):
    pkg = tmp_path / "basepkg"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "a.py").write_text("__all__ = ['chart']\ndef chart(): pass\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(ImportError) as err:
        _topics.gather("basepkg", [str(pkg)], {"chart": object()})  # _base's own chart
    assert str(err.value) == (
        "basepkg.a exports 'chart', which basepkg._base exports too: rename one of them")
    # The same object re-exported is no clash.
    from basepkg import a

    namespace = {"chart": a.chart}
    assert _topics.gather("basepkg", [str(pkg)], namespace) == ["chart"]
    for name in ("basepkg", "basepkg.a"):
        sys.modules.pop(name, None)
