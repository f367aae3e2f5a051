"""learnlog's modules import one another without a circle: what a module imports,
at its top level or inside its functions, never leads back to it."""

import ast
import subprocess
import sys
from pathlib import Path

import learnlog

PACKAGE = Path(learnlog.__file__).parent


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in PACKAGE.rglob("*.py")}


def runs_on_import(body: list[ast.stmt]):
    """The statements of `body` that run as the module is imported, within
    try and if blocks too, but for `if TYPE_CHECKING:` (never true when run)."""
    for statement in body:
        if isinstance(statement, ast.If) and isinstance(statement.test, ast.Name) and statement.test.id == "TYPE_CHECKING":
            yield from runs_on_import(statement.orelse)
        elif isinstance(statement, (ast.If, ast.Try)):
            yield from runs_on_import(statement.body)
            yield from runs_on_import(statement.orelse)
            for handler in getattr(statement, "handlers", ()):
                yield from runs_on_import(handler.body)
            yield from runs_on_import(getattr(statement, "finalbody", []))
        else:
            yield statement


def top_level_imports(name: str, *, inside_functions: bool = False) -> set[str]:
    """The learnlog modules that module `name` imports at its top level (and, with
    `inside_functions`, in the functions it defines too)."""
    tree = ast.parse(MODULES[name].read_text(encoding="utf-8"))
    package = name if MODULES[name].name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    statements = ast.walk(tree) if inside_functions else runs_on_import(tree.body)
    for statement in statements:
        if isinstance(statement, ast.Import):
            found.update(alias.name for alias in statement.names)
        elif isinstance(statement, ast.ImportFrom):
            base = statement.module or ""
            if statement.level:
                anchor = package.rsplit(".", statement.level - 1)[0] if statement.level > 1 else package
                base = f"{anchor}.{base}" if base else anchor
            found.add(base)
            # `from learnlog.store import database` imports a module, not a name.
            found.update(f"{base}.{alias.name}" for alias in statement.names)
    return {module for module in found if module in MODULES and module != name}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """A circle of imports in `graph`, as the modules along it, or None."""
    done: set[str] = set()
    path: list[str] = []

    def visit(module: str) -> list[str] | None:
        if module in path:
            return path[path.index(module):] + [module]
        if module in done:
            return None
        path.append(module)
        for imported in sorted(graph[module]):
            cycle = visit(imported)
            if cycle:
                return cycle
        path.pop()
        done.add(module)
        return None

    for module in sorted(graph):
        cycle = visit(module)
        if cycle:
            return cycle
    return None


def test_no_module_of_learnlog_imports_itself_through_others_at_its_top_level():
    graph = {name: top_level_imports(name) for name in MODULES}
    cycle = find_cycle(graph)
    assert cycle is None, "import circle: " + " -> ".join(cycle)


def test_no_module_of_learnlog_imports_itself_through_others_even_inside_functions():
    # A package imports nothing of its own modules but what it names: the
    # learnlog package, and its folders, are not counted as importing them all.
    packages = {name for name, path in MODULES.items() if path.name == "__init__.py"}
    graph = {name: top_level_imports(name, inside_functions=True) - packages for name in MODULES}
    cycle = find_cycle(graph)
    assert cycle is None, "import circle: " + " -> ".join(cycle)


def test_the_circle_finder_finds_a_circle():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b", "c"}, "b": {"c"}, "c": set()}) is None


def test_what_a_sound_sqlite_file_is_rests_on_nothing_else_in_learnlog():
    assert top_level_imports("learnlog.store.sqlite_file") == set()


def test_opening_a_database_loads_neither_sqlalchemy_nor_alembic():
    # Every command opens its database: what it loads for that, it loads every time.
    loaded = subprocess.run(
        [sys.executable, "-c", "import sys, learnlog.store.database; print(' '.join(sys.modules))"],
        capture_output=True, text=True, check=True,
    ).stdout.split()
    assert not {"sqlalchemy", "alembic", "psycopg"} & set(loaded)
