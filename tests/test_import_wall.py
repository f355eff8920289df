"""The wall around the domain: dispatch/ never imports an adapter library."""
import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FORBIDDEN = {"PySide6", "pjsua2", "serial", "folium"}


def _imported_roots(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    roots = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
        elif (isinstance(node, ast.Call)
              and getattr(node.func, "id", "") in {"__import__", "import_module"}):
            if (node.args and isinstance(node.args[0], ast.Constant)
                    and isinstance(node.args[0].value, str)):
                roots.add(node.args[0].value.split(".")[0])
    return roots


def test_no_adapter_import_anywhere_under_dispatch():
    offenders = {}
    for path in sorted((ROOT / "dispatch").rglob("*.py")):
        bad = _imported_roots(path) & FORBIDDEN
        if bad:
            offenders[str(path.relative_to(ROOT))] = sorted(bad)
    assert offenders == {}


def test_importing_every_dispatch_module_loads_no_adapter():
    """Also catches indirect imports (through a third-party module)."""
    modules = [".".join(p.relative_to(ROOT).with_suffix("").parts)
               for p in (ROOT / "dispatch").rglob("*.py")
               if "migrations" not in p.parts]
    code = ("import importlib, sys\n"
            f"for name in {modules!r}:\n"
            "    importlib.import_module(name.removesuffix('.__init__'))\n"
            f"print(sorted(m for m in sys.modules if m.split('.')[0] in {sorted(FORBIDDEN)!r}))\n")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
