"""Which shared libraries Qt's X11 platform plugin cannot find, before Qt
tries to load it.

On a Debian or Ubuntu desk without libxcb-icccm4 or libxcb-keysyms1 Qt
prints "could not load the Qt platform plugin xcb" and aborts, naming
neither the library nor the package. The dynamic loader knows: `ldd` on
the plugin lists every library it would load and marks the missing ones
"not found". Nothing here imports Qt, so it runs before the QApplication.
"""
from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

_NOT_FOUND = re.compile(r"^\s*(\S+)\s+=>\s+not found", re.MULTILINE)
_SONAME = re.compile(r"^(lib[\w.+-]+?)\.so\.(\d+)")


def uses_x11(environ: dict[str, str] | None = None) -> bool:
    """Whether Qt will pick its xcb plugin in this environment."""
    env = os.environ if environ is None else environ
    if sys.platform != "linux":
        return False
    platform = env.get("QT_QPA_PLATFORM", "")
    if platform:
        return platform.split(":")[0] == "xcb"
    # Qt prefers Wayland in a Wayland session; X11 otherwise.
    return bool(env.get("DISPLAY")) and not env.get("WAYLAND_DISPLAY")


def xcb_plugin() -> Path | None:
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return None
    plugin = Path(next(iter(spec.submodule_search_locations))) / "Qt/plugins/platforms/libqxcb.so"
    return plugin if plugin.exists() else None


def missing_libraries(plugin: Path) -> list[str]:
    """The libraries `ldd` reports "not found" for `plugin` (empty when all
    load, or when ldd itself is not there to ask)."""
    ldd = shutil.which("ldd")
    if ldd is None:
        return []
    try:
        listing = subprocess.run([ldd, str(plugin)], capture_output=True, text=True,
                                 timeout=10, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    return missing_in_listing(listing)


def missing_in_listing(listing: str) -> list[str]:
    """The "not found" libraries of an ldd listing, in order, once each."""
    return list(dict.fromkeys(_NOT_FOUND.findall(listing)))


def debian_package(library: str) -> str:
    """Debian's package for a shared library, by its naming policy: the
    soname's name and major version, with a dash between two digits
    (libxcb-icccm.so.4 → libxcb-icccm4, libxkbcommon-x11.so.0 →
    libxkbcommon-x11-0)."""
    match = _SONAME.match(library)
    if match is None:
        return library
    name, major = match.groups()
    return f"{name}-{major}" if name[-1].isdigit() else f"{name}{major}"


def missing_x11_problem(environ: dict[str, str] | None = None,
                        plugin: Path | None = None) -> str | None:
    """One sentence naming what to install, or None when nothing is missing."""
    if not uses_x11(environ):
        return None
    plugin = plugin or xcb_plugin()
    if plugin is None:
        return None
    missing = missing_libraries(plugin)
    if not missing:
        return None
    packages = " ".join(dict.fromkeys(debian_package(library) for library in missing))
    return (f"Qt's X11 plugin cannot load {', '.join(missing)}: install them "
            f"(Debian/Ubuntu: sudo apt-get install {packages}), or run the desk "
            "offscreen with QT_QPA_PLATFORM=offscreen")
