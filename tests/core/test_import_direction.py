"""The house's import rule (ARCHITECTURE, #13): core imports nothing of ours, org only core, the engines only core
and org, a domain app only engines and earlier lifecycle apps; the apps on top may read every app."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2] / "outsourcing"
KERNEL = ["core", "org"]
ENGINES = ["approvals", "audit", "notifications", "attachments"]
LIFECYCLE = ["vendors", "demands", "sourcing", "contracts", "workforce", "operations", "performance",
             "settlements", "partnership"]  # fmt: skip
ON_TOP = ["compliance", "dashboard"]


def allowed(app: str) -> set[str]:
    if app == "core":
        return {"core"}
    if app == "org":
        return {"core", "org"}
    if app in ENGINES:
        return {*KERNEL, app}
    if app in LIFECYCLE:
        return {*KERNEL, *ENGINES, *LIFECYCLE[: LIFECYCLE.index(app) + 1]}
    return {*KERNEL, *ENGINES, *LIFECYCLE, *ON_TOP}


def imported_apps(path: Path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = []
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        for name in names:
            parts = name.split(".")
            if parts[0] == "outsourcing" and len(parts) > 1 and (ROOT / parts[1]).is_dir():
                yield node.lineno, parts[1]


def test_every_import_runs_toward_the_kernel_and_earlier_lifecycle_stages():
    apps = [p.name for p in ROOT.iterdir() if (p / "apps.py").exists()]
    assert set(apps) <= {*KERNEL, *ENGINES, *LIFECYCLE, *ON_TOP}, "a new app must take its place in the order"
    wrong = [
        f"{path.relative_to(ROOT)}:{line} imports {target}"
        for app in apps
        for path in (ROOT / app).rglob("*.py")
        if "migrations" not in path.parts
        for line, target in imported_apps(path)
        if target not in allowed(app)
    ]
    assert wrong == []


def test_no_model_module_reaches_back_into_its_own_apps_services():
    """Approval hooks are declared on the registered kind, so no model imports its app's write modules inside a
    method (the import loop that a top-level import would make)."""
    loops = []
    for path in ROOT.glob("*/models*.py"):
        for function in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(function, ast.FunctionDef):
                continue
            for node in ast.walk(function):
                if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
                    f"outsourcing.{path.parent.name}."
                ):
                    loops.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.module}")
    assert loops == []
