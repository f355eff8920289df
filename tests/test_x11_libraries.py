"""`safedesk gui` names the library Qt's X11 plugin lacks (and its Debian
package) instead of letting Qt abort with "could not load the Qt platform
plugin xcb"."""
from __future__ import annotations

import os

from dispatch.cli.main import main
from ui.qt import x11_libraries
from ui.qt.x11_libraries import (
    debian_package,
    missing_libraries,
    missing_x11_problem,
    uses_x11,
    xcb_plugin,
)

X11 = {"DISPLAY": ":99"}


def plugin_lacking_icccm(tmp_path):
    """A copy of PySide6's real xcb plugin whose dependency on
    libxcb-icccm.so.4 is renamed to libxcb-icccm.so.9, which no machine has:
    to the dynamic loader, exactly a desk without that package. The copy
    keeps the plugin's $ORIGIN/../../lib search path, so Qt's own libraries
    are found through a link to the real folder."""
    real = xcb_plugin()
    assert real is not None, "PySide6 ships libqxcb.so"
    platforms = tmp_path / "plugins" / "platforms"
    platforms.mkdir(parents=True)
    (tmp_path / "lib").symlink_to(real.parent.parent.parent / "lib")
    data = real.read_bytes()
    assert b"libxcb-icccm.so.4\0" in data
    copy = platforms / "libqxcb.so"
    copy.write_bytes(data.replace(b"libxcb-icccm.so.4\0", b"libxcb-icccm.so.9\0"))
    return copy


def test_the_real_plugin_loads_here():
    # `make test` installs the xcb libraries (Makefile X_PACKAGES).
    assert missing_libraries(xcb_plugin()) == []
    assert missing_x11_problem(X11) is None


def test_a_missing_library_is_named_with_its_debian_package(tmp_path):
    plugin = plugin_lacking_icccm(tmp_path)
    assert missing_libraries(plugin) == ["libxcb-icccm.so.9"]
    problem = missing_x11_problem(X11, plugin)
    assert "libxcb-icccm.so.9" in problem and "apt-get install libxcb-icccm9" in problem
    assert "QT_QPA_PLATFORM=offscreen" in problem


def test_debian_names_put_a_dash_between_two_digits():
    assert debian_package("libxcb-icccm.so.4") == "libxcb-icccm4"
    assert debian_package("libxcb-keysyms.so.1") == "libxcb-keysyms1"
    assert debian_package("libxkbcommon-x11.so.0") == "libxkbcommon-x11-0"
    assert debian_package("libxcb-render-util.so.0") == "libxcb-render-util0"


def test_only_an_x11_start_is_checked():
    assert uses_x11({"DISPLAY": ":0"})
    assert uses_x11({"QT_QPA_PLATFORM": "xcb"})
    assert not uses_x11({"DISPLAY": ":0", "QT_QPA_PLATFORM": "offscreen"})
    assert not uses_x11({"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0"})


def test_safedesk_gui_says_what_to_install_and_exits_2(tmp_path, monkeypatch, capsys):
    plugin = plugin_lacking_icccm(tmp_path)
    # Which plugin file the check reads is the one substitution: the real
    # one loads on this machine.
    monkeypatch.setattr(x11_libraries, "xcb_plugin", lambda: plugin)
    monkeypatch.setitem(os.environ, "DISPLAY", ":99")
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    code = main(["--db", f"sqlite:///{tmp_path / 'desk.sqlite3'}", "gui", "--no-phone"])
    assert code == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "apt-get install libxcb-icccm9" in err[0]
