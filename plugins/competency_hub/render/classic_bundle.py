"""The learner tools as one classic script, for the file-share copy.

Browsers load no ES module from file://, so the file-share build publishes the learner modules
joined into one plain script: each module becomes a function in a small registry, run once on
first use (its static imports first, as a module would be). No JavaScript tool runs at build time:
our modules keep to a narrow subset of module syntax, transformed here line by line, and anything
outside it stops the build with the file and line, so a new form is never shipped half-translated.

Handled: `import { a, b as c } from "./x.js";` (over several lines too), `import name from "./x.js";`
(the default export), `export function|async function|class|const NAME`, `export default NAME;`,
`import(...)` (main.js loads page modules on demand) and `import.meta.url`.
"""

from __future__ import annotations

import json
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

from ..packaged import PACKAGE

GLOBAL_DATA = "competencyHubData"
"""The global the data scripts register on (`window.competencyHubData[<file>] = ...`); data.js reads it."""


class BundleError(Exception):
    """A module uses a form the transform does not handle; the message is `path:line:col: error: ...`."""


@dataclass(frozen=True)
class Module:
    key: str
    """Path from the assets folder, e.g. learner/main.js: the registry key, and how imports resolve."""
    body: str
    """The code with its import and export statements replaced."""
    imports: tuple[str, ...]
    """Keys of the modules it imports statically, in source order."""
    dynamic: bool
    """Whether it calls import(): the bundle then holds every module of its folder."""


IMPORT = re.compile(r"import\s*(?:\{(?P<names>[^}]*)\}|(?P<default>[A-Za-z_$][\w$]*))\s*from\s*\"(?P<spec>[^\"]+)\"\s*;?[ \t]*")
EXPORT_DECLARATION = re.compile(r"export\s+(?P<kind>async\s+function\*?|function\*?|class|const)\s+(?P<name>[A-Za-z_$][\w$]*)")
EXPORT_DEFAULT = re.compile(r"export\s+default\s+(?P<name>[A-Za-z_$][\w$]*)\s*;?[ \t]*$", re.M)
IMPORT_BINDING = re.compile(r"^(?P<name>[A-Za-z_$][\w$]*)(?:\s+as\s+(?P<alias>[A-Za-z_$][\w$]*))?$")
STATEMENT = re.compile(r"^[ \t]*(?P<word>import|export)\b(?![ \t]*[(.])", re.M)
"""An import or export statement anywhere (not a call `import(` or `import.meta`)."""
DYNAMIC = re.compile(r"\bimport\s*\(")
META = re.compile(r"\bimport\.meta\.url\b")
OTHER_META = re.compile(r"\bimport\.meta\b")


def _display(assets: Path, key: str) -> str:
    """The module's path as a reader finds it: from the installed package's folder, else in full."""
    path = assets / key
    try:
        return path.relative_to(PACKAGE.parent).as_posix()
    except ValueError:
        return path.as_posix()


def _position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _refuse(path: str, text: str, offset: int, message: str) -> BundleError:
    line, col = _position(text, offset)
    return BundleError(f"{path}:{line}:{col}: error: {message} (the file-share bundle handles named and default imports of "
                       "relative files, export function/class/const, export default NAME, import() and import.meta.url)")


def _resolve(key: str, spec: str, path: str, text: str, offset: int, assets: Path) -> str:
    if not spec.startswith(("./", "../")):
        raise _refuse(path, text, offset, f"'{spec}' is not a relative address")
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(key), spec))
    if resolved.startswith("../") or not (assets / resolved).is_file():
        raise _refuse(path, text, offset, f"'{spec}' is not a file of the package's assets")
    return resolved


def transform(key: str, text: str, assets: Path, folder: str = "learner") -> Module:
    """One module's code with its module syntax replaced; BundleError on any form not handled.

    `folder` is where the bundle is published (below the assets folder): import.meta.url stands for
    the module's address as if it were published there too, beside the bundle."""
    path = _display(assets, key)
    out: list[str] = []
    imports: list[str] = []
    exports: list[str] = []
    default: str | None = None
    position = 0
    for statement in STATEMENT.finditer(text):
        start = statement.start("word")
        if start < position:
            continue  # inside the statement just replaced (a multi-line import)
        if statement.start() != start or (start > 0 and text[start - 1] != "\n"):
            raise _refuse(path, text, start, f"an indented '{statement['word']}' statement")
        out.append(text[position:start])
        if statement["word"] == "import":
            match = IMPORT.match(text, start)
            if match is None:
                raise _refuse(path, text, start, "an import form the bundle does not handle")
            target = _resolve(key, match["spec"], path, text, match.start("spec"), assets)
            imports.append(target)
            if match["default"]:
                out.append(f"const {match['default']} = __hubRequire({json.dumps(target)}).default;")
            else:
                bindings = []
                for raw in (part.strip() for part in match["names"].split(",")):
                    binding = IMPORT_BINDING.match(raw)
                    if not raw:
                        continue
                    if binding is None:
                        raise _refuse(path, text, match.start("names"), f"the import binding '{raw}'")
                    name, alias = binding["name"], binding["alias"]
                    bindings.append(f"{name}: {alias}" if alias else name)
                out.append(f"const {{ {', '.join(bindings)} }} = __hubRequire({json.dumps(target)});")
            position = match.end()
            continue
        declaration = EXPORT_DECLARATION.match(text, start)
        if declaration is not None:
            exports.append(declaration["name"])
            out.append(text[declaration.start("kind") : declaration.end()])
            position = declaration.end()
            continue
        default_export = EXPORT_DEFAULT.match(text, start)
        if default_export is not None and default is None:
            default = default_export["name"]
            position = default_export.end()
            continue
        raise _refuse(path, text, start, "an export form the bundle does not handle")
    out.append(text[position:])
    body = "".join(out)
    dynamic = bool(DYNAMIC.search(body))
    body = DYNAMIC.sub(f"__hubImport({json.dumps(key)}, ", body)
    body = META.sub(f"new URL({json.dumps(posixpath.relpath(key, folder or '.'))}, __hubBase).href", body)
    meta = OTHER_META.search(body)
    if meta is not None:
        raise _refuse(path, body, meta.start(), "import.meta other than import.meta.url")
    names = [*dict.fromkeys(exports)] + ([f"default: {default}"] if default else [])
    body = body.rstrip("\n") + f"\nreturn {{ {', '.join(names)} }};\n" if names else body
    return Module(key, body, tuple(dict.fromkeys(imports)), dynamic)


PRELUDE = """\
// For a hub read from a file share: the ES modules of assets/competency-hub/ that %(entry)s uses,
// joined by the build into one classic script (render/classic_bundle.py), because browsers load no
// module from file://. Generated: edit the modules, not this file.
(function () {
  "use strict";
  const __hubBase = document.currentScript ? document.currentScript.src : document.baseURI;
  window.%(data)s = window.%(data)s || {};
  const factories = Object.create(null);
  const done = Object.create(null);
  function __hubRequire(key) {
    if (!(key in done)) {
      if (!(key in factories)) throw new Error(`the learner tools' bundle has no module ${key}`);
      done[key] = null;
      done[key] = factories[key]();
    }
    return done[key];
  }
  function __hubImport(from, spec) {
    const parts = from.split("/").slice(0, -1);
    for (const part of String(spec).split("/")) {
      if (part === "..") parts.pop();
      else if (part !== ".") parts.push(part);
    }
    try {
      return Promise.resolve(__hubRequire(parts.join("/")));
    } catch (error) {
      return Promise.reject(error);
    }
  }
"""


def bundle(assets: Path, entry: str = "learner/main.js") -> str:
    """The classic script: every module the entry reaches (all of its folder when it calls import()),
    dependencies first, then the entry run. Same modules, same bytes."""
    modules: dict[str, Module] = {}
    pending = [entry]
    while pending:
        key = pending.pop()
        if key in modules:
            continue
        module = transform(key, (assets / key).read_text(encoding="utf-8"), assets, posixpath.dirname(entry))
        modules[key] = module
        pending.extend(module.imports)
        if module.dynamic:
            folder = posixpath.dirname(key)
            pending.extend(f"{folder}/{path.name}" for path in sorted((assets / folder).glob("*.js")))
    order: list[str] = []
    visiting: set[str] = set()

    def visit(key: str, chain: tuple[str, ...]) -> None:
        if key in order:
            return
        if key in visiting:
            raise BundleError(f"{_display(assets, key)}:1:1: error: the modules import each other in a cycle ({' → '.join((*chain, key))})")
        visiting.add(key)
        for target in modules[key].imports:
            visit(target, (*chain, key))
        visiting.discard(key)
        order.append(key)

    for key in sorted(modules):
        visit(key, ())
    parts = [PRELUDE % {"data": GLOBAL_DATA, "entry": entry}]
    for key in order:
        parts.append(f"  factories[{json.dumps(key)}] = function () {{\n\"use strict\";\n// {key}\n{modules[key].body.rstrip()}\n}};\n")
    parts.append(f"  __hubRequire({json.dumps(entry)});\n}})();\n")
    return "".join(parts)


def data_script(file: str, data: object) -> bytes:
    """A data file as a classic script that registers it under `file`: its path below
    assets/competency-hub/ for the learner tools' data (data.js), `stories/<name>` for the story
    finder's. They read them so from file://, where fetch() reads no file."""
    text = json.dumps(data, ensure_ascii=True, separators=(",", ":"))
    return f"window.{GLOBAL_DATA} = window.{GLOBAL_DATA} || {{}};\nwindow.{GLOBAL_DATA}[{json.dumps(file)}] = {text};\n".encode("ascii")
