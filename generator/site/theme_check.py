"""The theme's mistakes that show without rendering a page: `check`, `build` (before it
renders) and the live preview (when it reads the theme again) report them alike.

Each of the playbook's own templates is compiled (a syntax error, an unknown filter or
test), and the templates it names by a constant (`{% extends %}`, `{% include %}`,
`{% import %}`, `{% from ... import %}`, `shared(...)`, `cached(...)`,
`cached_each(...)`) are looked up, with the names a `{% from %}` takes from one, and so
are the sections, views and assets `url(...)` and `static(...)` name by a constant. The
theme's own templates are right by construction: they are only read for what they
import from your copies, so that a copy made from an older version of the theme (a macro
missing, or a parameter) is named at that copy, with what to do. Mistakes that depend
on the data (a misspelt variable) still show when a page renders.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import jinja2
from jinja2 import nodes

from generator.errors import ContentError, Severity, display_path
from generator.model.suggest import close_names, did_you_mean
from generator.site import routes
from generator.site.render import MISSING_TEMPLATE, is_template, section_problem
from generator.site.theme import (
    editors_own,
    is_builtin,
    links_out,
    not_files,
    outside_theme,
    static_files,
    template_behind,
    template_files,
)
from generator.sources.discover import LEADS_NOWHERE

NAMING_FUNCTIONS = ("shared", "cached", "cached_each")
"""The theme's functions whose first argument is a template's name."""
THEME_PARTS = ("templates", "static", "archetypes")
"""The folders of a theme that playbook reads files from."""


def theme_problems(env: jinja2.Environment, root: Path) -> list[ContentError]:
    """Every mistake of the theme `env` loads that shows without data, each at its
    template's path (relative to `root` when it is the playbook's own) and line."""
    checker = _Checker(env, root)
    templates = [name for name in checker.names if is_template(name)]
    found = [problem for name in templates for problem in checker.problems_of(name)]
    odd = checker.links_out() + checker.not_files()
    return odd + found + checker.outdated() + checker.case_twins() + checker.misplaced()


class _Checker:
    """The theme's templates, parsed once each, and what each is checked against."""

    def __init__(self, env: jinja2.Environment, root: Path) -> None:
        self.env, self.root = env, root
        self.folders = [Path(f).parent for f in getattr(env.loader, "searchpath", [])]
        self.names = sorted(n for n in env.list_templates() if not editors_own(Path(n)))
        self.own = {name for name in self.names if self._is_own(name)}
        """The templates that are the playbook's own."""
        self._trees: dict[str, nodes.Template] = {}
        self._behind: dict[str, nodes.Template | None] = {}
        """Template name → the theme's own, past the playbook's copy (`_theirs`)."""
        self._macros: dict[tuple[str, bool], dict[str, tuple[list[str], list[str]]]] = {}
        """(template name, the theme's own behind it?) → its macros (`_signatures`)."""
        self.assets = [rel.removeprefix(routes.STATIC) for rel, _ in static_files(self.folders)]
        self._missing: dict[str, dict[str, list[str]]] = {}
        """Own copy → what it lacks → the theme's templates that import it."""
        self._broken: set[str] = set()
        """Templates whose own mistake explains what others miss in them."""

    def problems_of(self, name: str) -> Iterator[ContentError]:
        if not self._is_own(name):
            yield from self._imports_from_own(name)
            return
        try:
            tree = self.tree(name)
        except jinja2.TemplateSyntaxError as exc:
            yield self._at(name, exc.lineno, exc.message or str(exc))
            return
        unknown = list(self._unknown_names(name, tree))
        yield from unknown
        if not unknown:  # what else compiling finds (a misplaced {% extends %})
            try:
                self.env.get_template(name)
            except jinja2.TemplateSyntaxError as exc:
                yield self._at(name, exc.lineno, exc.message or str(exc))
        for node, wanted in _named_templates(tree):
            yield from self._reference(name, node, wanted)
        yield from self._links(name, tree)
        yield from self._untitled(name, tree)
        yield from self._headless(name, tree)

    def _untitled(self, name: str, tree: nodes.Template) -> Iterator[ContentError]:
        """A copy of a page template that extends another (base.html) without the block
        `title` the theme's has: it would give its pages an empty <title> (a warning: the
        page builds). Said as what is missing and the line to add, whether the copy is
        an older one or the block was deleted. A copy that extends nothing writes its own
        <title>."""
        theirs = template_behind(name, self.folders)
        extends = any(True for _ in tree.find_all(nodes.Extends))
        if theirs is None or not extends or _has_block(tree, "title"):
            return
        source = theirs.read_text("utf-8")
        if _has_block(self.env.parse(source, name, str(theirs)), "title"):
            block = _TITLE_BLOCK.search(source)
            shown = block[0] if block and len(block[0]) <= SHOWN_BLOCK else "{% block title %}"
            message = (
                "has no {% block title %}: the pages made from it would have an empty "
                "<title>, and browser tabs, bookmarks and history would show only the "
                f"site's name. Add the theme's {shown} (in {theirs}) below your {{% extends %}}"
            )
            yield self._at(name, 1, message, warn=True)

    def _headless(self, name: str, tree: nodes.Template) -> Iterator[ContentError]:
        """A copy of standalone.html without the block `head` that missing.html fills: the
        site's 404.html brings its own styles there when there is no base_url (it cannot
        link the stylesheet), and would show unstyled (a warning: the page builds)."""
        if name != STANDALONE or _has_block(tree, "head"):
            return
        if not _has_block(self.tree(MISSING_TEMPLATE), "head"):
            return
        lines = self._filename(name).read_text("utf-8").splitlines()
        line = next((n for n, text in enumerate(lines, 1) if "</head>" in text), 1)
        message = (
            "has no {% block head %}: the site's 404.html (missing.html) puts its styles "
            "there when playbook.yaml has no base_url, and would show unstyled. Add "
            "{% block head %}{% endblock %} before </head>"
        )
        yield self._at(name, line, message, warn=True)

    def _imports_from_own(self, name: str) -> Iterator[ContentError]:
        """What the theme's template `name` imports from the playbook's own copies (the
        theme's templates are right by construction, so that is all that can fail in
        them); one that names none of your files is not even parsed."""
        if not self.own:
            return
        source = self._filename(name).read_text("utf-8")
        if not any(own in source for own in self.own):
            return
        for node in self.tree(name).find_all(nodes.FromImport):
            wanted = _constant_names(node.template)
            found = [w for w in wanted if w in self.names]
            if found and found[0] in self.own:
                yield from self._imported(name, node, found[0])

    def links_out(self) -> list[ContentError]:
        """An error at each file of the theme folders that is a link out of its folder."""
        return [
            ContentError(display_path(path, self.root), 1, "file", outside_theme(target))
            for path, target in links_out(self.folders)
        ]

    def not_files(self) -> list[ContentError]:
        """As in content/: an error at each link in the theme folders that leads nowhere,
        a warning at each named pipe, socket or device, which is not copied."""
        return [
            ContentError(
                display_path(path, self.root),
                1,
                "file",
                LEADS_NOWHERE if kind is None else f"is {kind}, not a file; ignored",
                Severity.ERROR if kind is None else Severity.WARNING,
            )
            for path, kind in not_files(self.folders)
        ]

    def outdated(self) -> list[ContentError]:
        """One problem for each copy of the playbook's own that lacks names (or macros'
        parameters) the theme's templates import from it (or call them with): a copy of
        an older version of the theme's file."""
        problems = []
        for source, lacking in sorted(self._missing.items()):
            if source in self._broken:
                continue
            users = sorted({user for users in lacking.values() for user in users})
            message = (
                f"lacks {', '.join(lacking)}, which the theme's {', '.join(users)} "
                f"{'uses' if len(users) == 1 else 'use'}: "
                f"your copy is older than the theme's; copy {self._builtin_of(source)} "
                "again and make your changes to it, or delete yours to use the theme's"
            )
            problems.append(self._at(source, 1, message))
        return problems

    def case_twins(self) -> list[ContentError]:
        """A warning for each file of the playbook's own theme folder named as one of the
        theme's but for case (`Contact.html`): a file system that ignores case (macOS,
        Windows) takes it for the theme's, one that does not (Linux) keeps both, so the
        same playbook builds two sites."""
        folders = self.folders
        own = [f for f in folders if self._is_own_folder(f)]
        found = []
        for part in ("templates", "static"):
            theirs = {
                rel.casefold(): rel for f in folders if f not in own for rel in _files(f / part)
            }
            for folder in own:
                mine = _files(folder / part)
                for rel in sorted(mine):
                    twin = theirs.get(rel.casefold(), rel)
                    if twin != rel and twin not in mine:
                        found.append(self._case_twin(folder / part / rel, twin))
        return found

    def misplaced(self) -> list[ContentError]:
        """A warning at each file of a folder surely meant as a theme's that playbook does
        not read: `theme/` or `Themes/` beside content/ (for themes/), and in the playbook's
        own theme folder one named near templates/, static/ or archetypes/ (`template/`,
        `Templates/`). A copy put there changed nothing, without a word."""
        wrong = [(f, "themes") for f in _folders(self.root) if f.name.casefold() in THEMES]
        for own in (folder for folder in self.folders if self._is_own_folder(folder)):
            for folder in _folders(own):
                near = close_names(folder.name, THEME_PARTS, cutoff=0.8)
                wrong += [(folder, near[0])] if near else []
        return [
            ContentError(
                display_path(path, self.root),
                1,
                "file",
                f"is in {folder.name}/, which playbook does not read; ignored (rename the "
                f"folder {meant}/)",
                Severity.WARNING,
            )
            for folder, meant in wrong
            if not (folder.parent / meant).is_dir() or not (folder.parent / meant).samefile(folder)
            for path in sorted(folder.rglob("*"))
            if path.is_file()
        ]

    def _case_twin(self, path: Path, twin: str) -> ContentError:
        message = (
            f"the theme's file is {twin}: names that differ only in case replace it on "
            f"macOS and Windows, not on Linux; rename yours {twin}"
        )
        where = display_path(path, self.root)
        return ContentError(where, 1, "template", message, Severity.WARNING)

    def tree(self, name: str) -> nodes.Template:
        """The parsed template `name` (TemplateNotFound when there is none)."""
        if name not in self._trees:
            loader = self.env.loader
            assert loader is not None
            source, filename, _ = loader.get_source(self.env, name)
            self._trees[name] = self.env.parse(source, name, filename)
        return self._trees[name]

    def _unknown_names(self, name: str, tree: nodes.Template) -> Iterator[ContentError]:
        """Filters and tests the theme has not (Jinja lets one inside an `{% if %}` wait
        until it runs)."""
        for kind, known in (("filter", self.env.filters), ("test", self.env.tests)):
            for node in tree.find_all(nodes.Filter if kind == "filter" else nodes.Test):
                if node.name not in known:
                    hint = did_you_mean(close_names(node.name, known))
                    message = f"no {kind} named {node.name!r}" + (f" ({hint})" if hint else "")
                    yield self._at(name, node.lineno, message)

    def _links(self, name: str, tree: nodes.Template) -> Iterator[ContentError]:
        """`url(...)` and `static(...)` calls whose constant arguments link nowhere: a
        misspelt section or view (an error when the page renders), or an asset no theme
        folder has (a warning: the page links a missing file)."""
        for call in tree.find_all(nodes.Call):
            function = call.node.name if isinstance(call.node, nodes.Name) else ""
            given = [a.value if isinstance(a, nodes.Const) else None for a in call.args]
            for message, warn in self._link_problems(function, given):
                yield self._at(name, call.lineno, message, warn)

    def _link_problems(self, function: str, given: list[object]) -> Iterator[tuple[str, bool]]:
        first = given[0] if given and isinstance(given[0], str) else None
        view = given[1] if len(given) > 1 and isinstance(given[1], str) else None
        if function == "url" and first is not None and (problem := section_problem(first)):
            yield problem, False
        if function == "url" and view is not None and not _is_view(view):
            yield f"url(..., {view!r}): no page has that view; {VIEWS}", False
        if function == "static" and first is not None and first not in self.assets:
            hint = did_you_mean(close_names(first, self.assets))
            message = f"static({first!r}): no theme folder has static/{first}"
            yield message + (f" ({hint})" if hint else ""), True

    def _reference(self, name: str, node: nodes.Node, wanted: list[str]) -> Iterator[ContentError]:
        found = [w for w in wanted if w in self.names]
        if not found:
            hint = did_you_mean(close_names(wanted[0], self.names))
            message = f"{_verb(node)} {wanted[0]!r}, which no theme folder has"
            yield self._at(name, node.lineno, message + (f" ({hint})" if hint else ""))
        elif found[0] == name:
            self._broken.add(name)
            message = (
                f"{_verb(node)} itself: a template of yours replaces the theme's {name}, "
                "it cannot extend or include it; copy what you need of the theme's"
            )
            yield self._at(name, node.lineno, message)
        elif isinstance(node, nodes.FromImport):
            yield from self._imported(name, node, found[0])

    def _imported(self, name: str, node: nodes.FromImport, source: str) -> Iterator[ContentError]:
        """Each name `{% from source import ... %}` takes that `source` does not define:
        kept for `outdated` when `source` is the playbook's own copy and the importer the
        theme's (the theme expects a newer copy), else named at the import."""
        try:
            tree = self.tree(source)
        except jinja2.TemplateError:
            return  # reported as the mistake of `source`
        defined, outdated = _defined(tree), self._is_own(source) and not self._is_own(name)
        for item in node.names:
            wanted = item[0] if isinstance(item, tuple) else item
            lacking = [repr(wanted)] if wanted not in defined else []
            if outdated and not lacking:
                alias = item[1] if isinstance(item, tuple) else item
                lacking = self._lost_parameters(source, wanted, _calls(self.tree(name), alias))
            if outdated:
                for label in lacking:
                    self._missing.setdefault(source, {}).setdefault(label, []).append(name)
            elif lacking:
                hint = did_you_mean(close_names(wanted, defined))
                message = f"imports {wanted!r} from {source}, which defines no such macro"
                yield self._at(name, node.lineno, message + (f" ({hint})" if hint else ""))

    def _lost_parameters(self, source: str, macro: str, calls: list[nodes.Call]) -> list[str]:
        """The parameters of `macro` in the theme's own `source` that the playbook's copy
        lacks and the theme's `calls` give it: every one without a default, and those
        with one that a call passes (by position or name: the copy would refuse it)."""
        mine = self._signatures(source, theirs=False).get(macro)
        found = self._signatures(source, theirs=True).get(macro)
        if mine is None or found is None:
            return []
        params, required = found
        given = set(required)
        for call in calls:
            given.update(params[: len(call.args)])
            given.update(keyword.key for keyword in call.kwargs)
        lost = [p for p in params if p in given and p not in mine[0]]
        return [f"the parameter {p!r} of {macro!r}" for p in lost]

    def _signatures(self, name: str, theirs: bool) -> dict[str, tuple[list[str], list[str]]]:
        """`_signatures_in` the template `name`: the playbook's copy, or (`theirs`) the
        theme's own behind it; worked out once for every template that imports it."""
        key = (name, theirs)
        if key not in self._macros:
            tree = self._theirs(name) if theirs else self.tree(name)
            self._macros[key] = {} if tree is None else _signatures_in(tree)
        return self._macros[key]

    def _theirs(self, name: str) -> nodes.Template | None:
        """The parsed template `name` of the theme, past the playbook's own copy (None when
        there is none, or it cannot be read): parsed once, though every template of the
        theme that imports the copy asks for it (a copy of macros.html: 34 times a build)."""
        if name not in self._behind:
            theirs = template_behind(name, self.folders)
            try:
                text = None if theirs is None else theirs.read_text("utf-8")
                tree = None if text is None else self.env.parse(text, name, str(theirs))
            except (OSError, UnicodeDecodeError, jinja2.TemplateError):
                tree = None
            self._behind[name] = tree
        return self._behind[name]

    def _filename(self, name: str) -> Path:
        """The file the template `name` is loaded from (without reading it)."""
        return next(iter(template_files(name, self.folders)), Path(name))

    def _is_own(self, name: str) -> bool:
        """Is the template `name` the playbook's own?"""
        return self._is_own_folder(self._filename(name))

    def _is_own_folder(self, path: Path) -> bool:
        """Is `path` in the playbook's own theme: under its root, and not a built-in theme
        (the sample's root holds them; so may a virtual environment in a playbook)?"""
        return path.is_relative_to(self.root) and not is_builtin(path)

    def _builtin_of(self, name: str) -> str:
        """Where the theme's own `name` is, past the playbook's copy."""
        return str(template_behind(name, self.folders) or name)

    def _at(self, name: str, line: int | None, message: str, warn: bool = False) -> ContentError:
        where = display_path(self._filename(name), self.root)
        severity = Severity.WARNING if warn else Severity.ERROR
        return ContentError(where, line or 1, "template", message, severity)


STANDALONE = "standalone.html"
"""The frame of the pages outside the site, 404.html among them."""
_TITLE_BLOCK = re.compile(r"\{%-?\s*block\s+title\s*-?%\}[^\n]*?\{%-?\s*endblock\b[^%\n]*%\}")
"""A title block written on one line, as the theme's page templates write it."""
SHOWN_BLOCK = 100
"""The longest title block quoted in full in the message; a longer one is named only."""


def _has_block(tree: nodes.Template, name: str) -> bool:
    return any(block.name == name for block in tree.find_all(nodes.Block))


THEMES = ("theme", "themes")
"""A folder beside content/ named so, but for `themes` itself, was meant as themes/."""


def _folders(folder: Path) -> list[Path]:
    """The folders in `folder`, not hidden (none when it cannot be read)."""
    try:
        return sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith("."))
    except OSError:
        return []


def _files(folder: Path) -> set[str]:
    """The files under `folder`, as paths relative to it (none when it is missing)."""
    if not folder.is_dir():
        return set()
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def _named_templates(tree: nodes.Template) -> Iterator[tuple[nodes.Node, list[str]]]:
    """The nodes that name templates by constants, with the names (an include of a list
    takes the first that exists); an include that may be missing is left out."""
    for node in tree.find_all((nodes.Extends, nodes.Include, nodes.Import, nodes.FromImport)):
        if isinstance(node, nodes.Include) and node.ignore_missing:
            continue
        names = _constant_names(node.template)  # type: ignore[attr-defined]
        if names:
            yield node, names
    for call in tree.find_all(nodes.Call):
        if isinstance(call.node, nodes.Name) and call.node.name in NAMING_FUNCTIONS and call.args:
            names = _constant_names(call.args[0])
            if names:
                yield call, names


def _calls(tree: nodes.Template, name: str) -> list[nodes.Call]:
    """The calls of the macro a template imported as `name` (`{% call %}` blocks too)."""
    return [
        call
        for call in tree.find_all(nodes.Call)
        if isinstance(call.node, nodes.Name) and call.node.name == name
    ]


def _constant_names(expr: nodes.Node) -> list[str]:
    if isinstance(expr, nodes.Const) and isinstance(expr.value, str):
        return [expr.value]
    if isinstance(expr, nodes.List | nodes.Tuple):
        items = [item.value for item in expr.items if isinstance(item, nodes.Const)]
        if len(items) == len(expr.items) and all(isinstance(i, str) for i in items):
            return items
    return []


def _defined(tree: nodes.Template) -> set[str]:
    """The names a template may export: its macros and the variables it sets (more than
    Jinja exports, never fewer: a name it sets inside a macro is taken too)."""
    names = {macro.name for macro in tree.find_all(nodes.Macro)}
    for assign in tree.find_all((nodes.Assign, nodes.AssignBlock)):
        target = assign.target  # type: ignore[attr-defined]
        targets = [target, *target.find_all(nodes.Name)]
        names |= {t.name for t in targets if isinstance(t, nodes.Name)}
    return names


def _signatures_in(tree: nodes.Template) -> dict[str, tuple[list[str], list[str]]]:
    """Each macro's parameters, and those without a default (which every call gives); a
    macro that takes any (`varargs`, `kwargs`) is left out."""
    found = {}
    for macro in tree.find_all(nodes.Macro):
        takes_any = any(n.name in ("varargs", "kwargs") for n in macro.find_all(nodes.Name))
        if not takes_any:
            names = [arg.name for arg in macro.args]
            found[macro.name] = (names, names[: len(names) - len(macro.defaults)])
    return found


VIEWS = "a meeting's are 'questions' and 'print', a contact's 'vcard'"
"""The views `url(entity, view)` knows, as a misspelt one is told."""


def _is_view(view: str) -> bool:
    return view in routes.MEETING_VIEWS or view in routes.CONTACT_VIEWS


def _verb(node: nodes.Node) -> str:
    if isinstance(node, nodes.Call):
        return f"{node.node.name}(...) names"  # type: ignore[attr-defined]
    if isinstance(node, nodes.Extends):
        return "extends"
    return "includes" if isinstance(node, nodes.Include) else "imports"
