"""Pages → HTML through the theme's Jinja templates.

Templates are looked up in the playbook's own `themes/<name>/templates/` first,
then in the installed theme of that name, then in the built-in default, so a
user overrides one file without copying the theme. Undefined variables are errors
and everything is autoescaped. One environment per build (or per live rebuild that
follows a theme edit), so an edited template is always seen.
"""

from __future__ import annotations

import base64
import contextlib
import dataclasses
import datetime as dt
import hashlib
import html
import io
import os
import re
import stat
import sys
import tempfile
import time
import traceback
import types
from collections.abc import Callable, Iterable, Iterator, Mapping, MutableMapping, Sequence
from dataclasses import dataclass, field
from functools import cache, partial
from pathlib import Path, PurePath
from typing import Any
from urllib.parse import urlsplit

import jinja2
import markupsafe
from jinja2.exceptions import SecurityError
from jinja2.sandbox import (
    ImmutableSandboxedEnvironment,
    SandboxedEnvironment,
    modifies_known_mutable,
)
from markupsafe import Markup, escape

from generator.errors import ENDLESS_TEMPLATE, ContentError, display_path, grouped, listed
from generator.model.config import CONFIG_FILE
from generator.model.entities import UnknownSlug, first_name
from generator.model.fields import contained
from generator.model.suggest import close_names, did_you_mean
from generator.plans.followups import long_date
from generator.site import limits, routes
from generator.site.drafts import draft, first_sentence, lower_first, mailto
from generator.site.theme import editors_own, replaced_template
from generator.site.vcard import tel_uri
from generator.sources.markdown import LONG_WORD, inline, is_long_word, long_words_marked

PRIVACY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'none'; form-action 'none'; base-uri 'none'"
)
"""Content-Security-Policy of every page: nothing from another host, no inline code."""


@dataclass(frozen=True, slots=True)
class Page:
    """One output page: where it goes, what renders it, and the data it shows."""

    path: str
    """Site path (`contacts/jane-doe/`); the file is `routes.file_for(path)`."""
    template: str
    """The theme's template; its `title` block words the page's title, so a theme can
    reword it."""
    context: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Site:
    """What every template may use: config values, today, the user's name."""

    title: str
    owner: str
    today: dt.date
    timezone: str
    page_size: str
    nav: tuple[tuple[str, str], ...] = ()
    """(site path, label) of the sections in the header, in order."""
    csp: str = PRIVACY_POLICY
    extra_scripts: tuple[str, ...] = ()
    """Site paths of scripts added to every page (live reload adds one)."""
    asset_versions: Mapping[str, str] = field(default_factory=dict)
    """Theme asset → version added to its links as `?v=`, so a browser may keep the
    asset while its version stays (the live server's pages; empty in a build)."""
    audience: str = "owner"
    """Whom the site is for: `owner` (you), or `coach` (a view without other people's
    private details): templates leave out what only you need, such as file paths."""


RETIRED: dict[tuple[str, str], str] = {
    ("Section", "title"): "the theme words a section's heading with the macro "
    "section_title(section.key) of macros.html",
    ("Section", "note"): "the theme words a section's note with the macro "
    "section_note(section.key, week_days) of macros.html",
    ("Page", "title"): "each page template words its title in its block title, which "
    "base.html puts in <title> (a meeting's pages have its name as title)",
}
"""(class, attribute) the theme's templates once read, gone since their wording moved
into the templates, and what took their place: a copy of an older template is told."""


class RetiredAttribute(jinja2.UndefinedError):
    """A template read what the theme's templates once read (`RETIRED`): it may be a copy
    of an older one of the theme's, which `template_problem` tells when the theme has one."""


class NamedUndefined(jinja2.StrictUndefined):
    """Strict, and naming what lacks the attribute as a theme's author knows it
    (`'Contact' has no attribute 'nmae'`), the same in a build and in the live preview,
    whose entities are tracking views (their `__class__` is the entity's)."""

    def __init__(
        self,
        hint: str | None = None,
        obj: Any = jinja2.utils.missing,
        name: str | None = None,
        exc: type[jinja2.TemplateRuntimeError] = jinja2.UndefinedError,
    ) -> None:
        retired = not hint and isinstance(name, str) and (_shown(obj), name) in RETIRED
        super().__init__(hint, obj, name, RetiredAttribute if retired else exc)

    @property
    def _undefined_message(self) -> str:
        obj, name = self._undefined_obj, self._undefined_name
        if self._undefined_hint or obj is jinja2.utils.missing:
            return super()._undefined_message
        shown = _shown(obj)
        if not isinstance(name, str):
            return f"'{shown}' has no element {name!r}"
        if (shown, name) in RETIRED:
            return f"'{shown}' has no attribute {name!r} any more: {RETIRED[shown, name]}"
        return f"'{shown}' has no attribute {name!r}" + (ONLY_SOME if shown == "dict" else "")


def _shown(obj: object) -> str:
    """What a template's author calls the kind of `obj`."""
    kind = obj.__class__
    return "None" if obj is None else str(getattr(kind, "shown_as", kind.__name__))


ONLY_SOME = (
    ": a key that only some have (a field of your own, in extra, where a file writes it) "
    "is read with .get(), which gives none where it is missing"
)
"""What a mapping's missing key adds: `contact.extra.pronouns`, as content.md names a
field of your own, fails at every page whose file has none; the theme's author needs
the way to write it, not only the name of what is missing."""


AUTOESCAPED = ("html", "xml")
"""Templates whose output is escaped unless marked safe (the text ones are not)."""


_escaped_text: Callable[[str], str] = getattr(markupsafe, "_escape_inner", escape)
"""How markupsafe 3's `escape` writes a str, without making it a Markup object (in
markupsafe 2, `escape` is all C and as quick)."""


def escape_shown(value: Any) -> str:
    """What `{{ value }}` writes in an autoescaped template: markupsafe's `escape`, but a
    plain string, most of what a page shows (a quarter of a million at 1,000 files), is
    escaped without being made a `Markup` (markupsafe makes one in Python, asking the
    string for `__html__` first, which fails: about a tenth of the time a page takes),
    and Markup (a macro's output, `shared(...)`: 43,000) is written as it is, not copied
    into a new one. The same text: Jinja joins what a template writes, and makes Markup of
    it where it must (a macro's output, a block's, a `{% set %}` block's). A whole number
    (a meeting's minutes, a count: 13,000 at 1,000 files) is its digits, which need no
    escaping, without the Markup markupsafe makes of it. A direction override a string
    leaves open is closed at its end (`contained`), so that it cannot turn round what
    the page shows after it."""
    kind = type(value)
    if kind is str:
        return _escaped_text(value if value.isascii() else contained(value))
    if kind is Markup:
        return value  # type: ignore[no-any-return]
    if kind is int:
        return str(value)
    return escape(value)


def _grown(join: Callable[[Iterable[Any]], Any], what: str) -> Callable[[Iterable[Any]], Any]:
    """`join`, its value refused once it has grown too big (`limits.after`). Every block,
    macro and include of every page is joined here (40,000 times at 1,000 files), nearly
    always into a string well under the limit: that is told by its length, without the
    three calls `limits.after` makes to weigh any value."""

    def joined(parts: Iterable[Any]) -> Any:
        value = join(parts)
        if isinstance(value, str) and len(value) <= limits.MAX_SIZE:
            return value
        return limits.after(what, value)

    return joined


class ThemeTemplate(jinja2.Template):
    """A template whose `{{ value }}` writes through `escape_shown`: the name `escape` in
    the module Jinja compiles it to, which every function in it reads."""

    @classmethod
    def from_code(
        cls,
        environment: jinja2.Environment,
        code: types.CodeType,
        globals: MutableMapping[str, Any],
        uptodate: Callable[[], bool] | None = None,
    ) -> jinja2.Template:
        template = super().from_code(environment, code, globals, uptodate)
        module = template.root_render_func.__globals__
        module["escape"] = escape_shown
        module["markup_join"] = _grown(module["markup_join"], "joining with ~")
        module["str_join"] = _grown(module["str_join"], "joining with ~")
        return template


class ThemeEnvironment(ImmutableSandboxedEnvironment):
    """Jinja's environment, but a template loaded without globals of its own (every one
    here) shares the environment's instead of a `ChainMap` over them: Jinja copies a
    template's globals into each context it makes (each page, include and import, a
    dozen a page), and a `ChainMap` is copied key by key in Python (a twentieth of the
    time a meeting's pages take); and its templates write values through `escape_shown`.
    Immutable: every page is given the same playbook, so a template that changed it
    (`playbook.contacts.clear()`) would change the pages rendered after it."""

    template_class = ThemeTemplate
    intercepted_binops = frozenset({"*", "**", "%", "+"})
    concat = staticmethod(_grown("".join, "a block"))

    def make_globals(self, d: MutableMapping[str, Any] | None) -> MutableMapping[str, Any]:
        if not d:  # Jinja adds to a template's globals only those passed to get_template
            return self.globals
        return super().make_globals(d)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._plain: dict[type, bool] = {}
        """Type → whether its objects' attributes are read without asking the sandbox:
        `_plain(type)`, worked out at the first object of that type; never, in a subclass
        that judges attributes otherwise."""
        self._fields: dict[type, frozenset[str]] = {}
        """Type → the names of its fields that are read straight away (`fields_of`):
        worked out at the first object of that type; none, in a subclass that judges
        attributes otherwise."""
        self._changes: dict[tuple[type, str], bool] = {}
        """(plain type, name of a method) → whether the method changes its object in place
        (`modifies_known_mutable`, which asks each kind of known mutable in turn)."""
        own = type(self).is_safe_attribute is not ThemeEnvironment.is_safe_attribute
        self._own_judgement = own or type(self).wrap_str_format is not _WRAP_STR_FORMAT
        self._judges_calls = type(self).is_safe_callable is not _IS_SAFE_CALLABLE

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        """The sandbox's judgement, and no attribute at all of a path or a file
        (`_FILE_SYSTEM`): the sandbox keeps a template from Python's internals, but a path
        in what it is given (`playbook.config.root`) would read, write or delete any file
        of the user's through its own methods."""
        return not isinstance(obj, _FILE_SYSTEM) and super().is_safe_attribute(obj, attr, value)

    def call_binop(
        self, context: jinja2.runtime.Context, operator: str, left: Any, right: Any
    ) -> Any:
        """`left operator right`, unless its value would be too big (`limits`)."""
        limits.before_binop(operator, left, right)
        return limits.after("adding", super().call_binop(context, operator, left, right))

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        """The sandbox's `str.format`, refusing a width too big (`limits.before_format`)."""
        wrapped = super().wrap_str_format(value)
        if wrapped is None:
            return None
        text, mapping = value.__self__, value.__name__ == "format_map"

        def checked(*args: Any, **kwargs: Any) -> str:
            limits.before_format(text, () if mapping else args, args[0] if mapping else kwargs)
            return wrapped(*args, **kwargs)

        return checked

    def unsafe_undefined(self, obj: Any, attribute: str) -> jinja2.Undefined:
        """The sandbox's refusal, worded for a method that would change a dict, list or
        set: what to write instead."""
        if not modifies_known_mutable(obj, attribute):
            return super().unsafe_undefined(obj, attribute)
        return self.undefined(
            f"{type(obj).__name__}.{attribute}() changes a value in place, which a template "
            "may not do: what a page is given is read by the other pages too. Make a new "
            "value instead ({% set rows = rows + [row] %}, or a namespace())",
            name=attribute,
            obj=obj,
            exc=SecurityError,
        )

    @jinja2.utils.internalcode
    def call(
        __self, __context: jinja2.runtime.Context, __obj: Any, *args: Any, **kwargs: Any
    ) -> Any:
        """A call in a template (`url(c)`, `status(m)`: some two hundred a meeting page),
        the sandbox's way, but an object that cannot be marked (`_unmarked`) is called
        straight away, without the sandbox asking it whether it is unsafe and the context
        whether it wants to be passed: the answer is no to both. A function whose one mark
        says it wants the context (`static`, `shared`: a dozen a page) is given it straight
        away, as Jinja's context gives it (with the loop's and block's variables)."""
        if __self._judges_calls:
            return super().call(__context, __obj, *args, **kwargs)
        if not _unmarked(__obj):
            if not _wants_context_only(__obj):
                return super().call(__context, __obj, *args, **kwargs)
            if loop_vars := kwargs.get("_loop_vars"):
                __context = __context.derived(loop_vars)
            if block_vars := kwargs.get("_block_vars"):
                __context = __context.derived(block_vars)
            args = (__context, *args)
        kwargs.pop("_block_vars", None)
        kwargs.pop("_loop_vars", None)
        if type(__obj) is types.BuiltinMethodType:
            limits.before_string_method(__obj, args)
        try:
            return __obj(*args, **kwargs)
        except StopIteration:  # as Jinja's context answers it
            return __self.undefined(
                "value was undefined because a callable raised a StopIteration exception"
            )

    def getattr(self, obj: Any, attribute: str) -> Any:
        """`obj.attribute` in a template, the sandbox's way (a third of the time a page
        takes went to its checks): the attributes of an object of a plain type (`_plain`)
        that do not start with `_` are those the sandbox allows, so they are read without
        asking it each time; a string's `format` method is still wrapped by the sandbox
        (`wrap_str_format`), and anything else goes through the sandbox as it is. A field
        of the model's own frozen dataclasses (`fields_of`: `meeting.date`, most of the
        300,000 reads at 1,000 files) is read first, with the least asked of it."""
        kind = type(obj)
        fields = self._fields.get(kind)
        if fields is None:
            fields = self._fields[kind] = frozenset() if self._own_judgement else fields_of(kind)
        if attribute in fields:
            try:
                value = getattr(obj, attribute)
            except AttributeError:
                pass  # not there: the sandbox's way, below
            else:
                if type(value) not in METHOD_TYPES:  # a method goes the way of any below
                    return value
        plain = self._plain.get(kind)
        if plain is None:
            plain = self._plain[kind] = not self._own_judgement and _plain(kind)
        if not plain or attribute[:1] == "_":
            return super().getattr(obj, attribute)
        try:
            value = getattr(obj, attribute)
        except AttributeError:
            return super().getattr(obj, attribute)  # then obj[attribute], or undefined
        if isinstance(value, _METHODS):
            changes = self._changes.get((kind, attribute))
            if changes is None:  # a plain type is what it says: its type tells
                changes = self._changes[kind, attribute] = modifies_known_mutable(obj, attribute)
            if changes:
                return super().getattr(obj, attribute)  # refused
            if value.__name__ in _FORMATS:  # the sandbox wraps no other method
                return self.wrap_str_format(value) or value
        return value


def _unmarked(obj: Any) -> bool:
    """Is `obj` a macro, a built-in method (`path.startswith`), or a function with no
    attributes of its own, or a method of one (`playbook.title_of`: a method's attributes
    are its function's): none can carry a mark (`unsafe`, `pass_context`: attributes
    of a function, of which a macro and its `__call__` have none, and a built-in method
    can have none)."""
    kind = type(obj)
    if kind is jinja2.runtime.Macro or kind is types.BuiltinMethodType:
        return True
    if kind is types.MethodType:
        obj = obj.__func__
        kind = type(obj)
    return kind is types.FunctionType and not obj.__dict__


_CONTEXT_ONLY = dict(vars(jinja2.pass_context(lambda context: None)))
"""The attributes of a function marked `pass_context` and nothing else."""


def _wants_context_only(obj: Any) -> bool:
    """Is `obj` a function whose only mark is `pass_context` (not `unsafe` as well)?"""
    return type(obj) is types.FunctionType and obj.__dict__ == _CONTEXT_ONLY


_WRAP_STR_FORMAT = ThemeEnvironment.wrap_str_format
_IS_SAFE_CALLABLE = SandboxedEnvironment.is_safe_callable
_METHODS = (types.MethodType, types.BuiltinMethodType)
"""What the sandbox wraps when it is a string's `format` (`wrap_str_format`)."""
_FORMATS = ("format", "format_map")
"""The names of the methods `wrap_str_format` wraps (a string's): it gives None for any other."""
METHOD_TYPES = frozenset(_METHODS)
"""The same: neither type can be derived from."""
_INTERNAL = (
    types.FunctionType,
    types.MethodType,
    type,
    types.CodeType,
    types.TracebackType,
    types.FrameType,
    types.GeneratorType,
    types.CoroutineType,
    types.AsyncGeneratorType,
)
"""The types whose attributes Jinja's sandbox judges one by one
(`jinja2.sandbox.is_internal_attribute`): of any other object it refuses only the names
starting with `_` (`SandboxedEnvironment.is_safe_attribute`)."""
_FILE_SYSTEM = (PurePath, io.IOBase, os.DirEntry)
"""The types whose objects reach files through their methods (`read_text`, `unlink`):
a template may print one, but read none of its attributes (`is_safe_attribute`)."""


_FAITHFUL = frozenset(
    {object, str, int, float, bool, list, tuple, dict, set, frozenset}
    | {dt.date, dt.datetime, dt.time, dt.timedelta}
)
"""Built-in types whose own attribute lookup (`__getattribute__`, written in C) is
Python's generic one: what their objects say of their type is true."""


def _plain(kind: type) -> bool:
    """Are the objects of type `kind` judged by the sandbox on attribute names alone: not
    of a type in `_INTERNAL` or `_FILE_SYSTEM`, and unable to pass for another type
    (`isinstance` believes what `__class__` says): each class it derives from is a
    faithful built-in (`_FAITHFUL`), or a class with no `__class__` or `__getattribute__`
    of its own."""
    if issubclass(kind, _INTERNAL + _FILE_SYSTEM):
        return False
    own = {"__class__", "__getattribute__"}
    return all(k in _FAITHFUL or own.isdisjoint(vars(k)) for k in kind.__mro__)


def fields_of(kind: type) -> frozenset[str]:
    """The fields of a frozen dataclass of a plain type (`_plain`) that do not start with
    `_`: the sandbox allows each, and reading one runs no code of the template's (a field
    holding a method still goes the sandbox's way). None of any other type."""
    params = getattr(kind, "__dataclass_params__", None)
    if params is None or not params.frozen or not _plain(kind):
        return frozenset()
    return frozenset(f.name for f in dataclasses.fields(kind) if f.name[:1] != "_")


def make_environment(
    themes: Sequence[Path], kind: type[SandboxedEnvironment] = ThemeEnvironment
) -> jinja2.Environment:
    """The Jinja environment of these theme folders (most specific first). Sandboxed: a
    theme from elsewhere is text to render, not a program to run, so a template reaching
    for Python's internals (`cycler.__init__.__globals__.os.popen(...)`, which runs a
    command on the machine that builds) is an error at its line, as any other mistake."""
    env = kind(
        loader=theme_loader(themes),
        autoescape=jinja2.select_autoescape(AUTOESCAPED, default_for_string=True),
        undefined=NamedUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # a build sees one version of the theme, without a stat per page
        cache_size=-1,  # every template kept in a dict: a theme has dozens, and Jinja's LRU
        # cache takes a lock and reorders a queue at each of the thousands of includes
    )
    env.globals.update(
        url=_url,
        static=_static,
        shared=_shared,
        cached=_cached,
        cached_each=_cached_each,
        draft=draft,
        lipsum=_bounded_lipsum,
    )
    env.filters.update(
        day=format_day,
        short_day=format_short_day,
        spoken_day=format_spoken_day,
        spoken_when=format_spoken_when,
        clock=format_clock,
        number=grouped,
        md=lambda text, long_words=False: Markup(inline(str(text), long_words)),
        long_words=lambda text: Markup(long_words_marked(str(text))),
        format=_bounded_format,
        center=_bounded_width("center", jinja2.filters.do_center),
        indent=_bounded_width("indent", jinja2.filters.do_indent),
        join=_bounded_join,
        batch=_bounded_count("batch", jinja2.filters.do_batch),
        slice=_bounded_count("slice", jinja2.filters.sync_do_slice),
        replace=_bounded_replace,
        tel=lambda phone: tel_uri(str(phone)) or "",
        mailto=lambda address: mailto(str(address)),
        address_breaks=address_breaks,
        first_name=first_name,
        lower_first=lower_first,
        first_sentence=first_sentence,
        headings=nest_headings,
    )
    env.bytecode_cache = _bytecode_cache(env)
    return env


TEMPLATE_SUFFIXES = (".html", ".txt", ".vcf", ".xml")
"""The files of a theme's templates/ that are templates (not a stray image or note)."""


def load_templates(env: jinja2.Environment) -> None:
    """Load every template of `env`'s theme folders now (compiled, or read back from the
    bytecode cache), as a build does before it forks its workers: each finds them loaded,
    where each loaded them again (27 ms a worker for the default theme's 45: a build forks
    one fewer than the cores to render ahead, then as many as the cores). A template that
    cannot be loaded is left to fail where a page uses it, as it did."""
    for name in env.list_templates():
        if is_template(name):
            with contextlib.suppress(jinja2.TemplateError, OSError):
                env.get_template(name)


def is_template(name: str) -> bool:
    """Whether the file `name` of a theme's templates/ is a template: one of
    `TEMPLATE_SUFFIXES`, and not an editor's own file (a swap file, a backup)."""
    return name.endswith(TEMPLATE_SUFFIXES) and not editors_own(Path(name))


def _bounded_format(value: Any, *args: Any, **kwargs: Any) -> str:
    """Jinja's `format` filter (`value % args`), refusing a width too big."""
    limits.before_percent_format(str(value), kwargs or args)
    return jinja2.filters.do_format(value, *args, **kwargs)


@jinja2.pass_eval_context
def _bounded_join(
    eval_ctx: jinja2.nodes.EvalContext, value: Iterable[Any], d: str = "", attribute: Any = None
) -> str:
    """Jinja's `join` filter, refusing a string too big."""
    items = list(value)
    if attribute is not None:
        get = jinja2.filters.make_attrgetter(eval_ctx.environment, attribute)
        items = [get(item) for item in items]
    limits.before_join(items, d)
    return jinja2.filters.sync_do_join(eval_ctx, items, d)


@jinja2.pass_eval_context
def _bounded_replace(
    eval_ctx: jinja2.nodes.EvalContext, s: str, old: str, new: str, count: int | None = None
) -> str:
    """Jinja's `replace` filter, refusing a string too big."""
    limits.before_replace(s, old, new)
    return jinja2.filters.do_replace(eval_ctx, s, old, new, count)


def _bounded_width(name: str, pad: Callable[..., str]) -> Callable[..., str]:
    """Jinja's `center` or `indent` filter, refusing a width too big."""

    def bounded(value: Any, *args: Any, **kwargs: Any) -> str:
        limits.before_width(name, value, args[0] if args else kwargs.get("width"))
        return pad(value, *args, **kwargs)

    return bounded


def _bounded_count(name: str, split: Callable[..., Any]) -> Callable[..., Any]:
    """Jinja's `batch` or `slice` filter, refusing a count too big: `batch` fills its last
    row up to the count, `slice` makes that many lists."""

    def bounded(value: Any, count: Any, *args: Any, **kwargs: Any) -> Any:
        limits.refuse(name, count if isinstance(count, int) else 0)
        return split(value, count, *args, **kwargs)

    return bounded


def _bounded_lipsum(n: int = 5, html: bool = True, min: int = 20, max: int = 100) -> Any:
    """Jinja's `lipsum`, refusing more words than a value may hold."""
    limits.refuse("lipsum", n * max if isinstance(n, int) and isinstance(max, int) else 0)
    return jinja2.utils.generate_lorem_ipsum(n=n, html=html, min=min, max=max)


def _bytecode_cache(env: jinja2.Environment) -> jinja2.BytecodeCache | None:
    """Compiled templates kept between runs (compiling the theme costs more than rendering
    a small playbook), checked against each template's source by Jinja, and kept apart for
    each way of compiling: Jinja compiles a call to a filter or function that takes the
    page's context (`short_day`) otherwise than a call to one that does not, so a template
    compiled for another version of the filters must not be reused. None when the
    system's temporary folder cannot hold the cache."""
    options = (env.trim_blocks, env.lstrip_blocks, env.keep_trailing_newline, AUTOESCAPED)
    shape = [jinja2.__version__, repr(options), repr(sorted(env.extensions))]
    shape.append(f"python {sys.version_info[:2]}")  # its bytecode: two would take turns
    shape.append(f"sandboxed {env.sandboxed}")  # then calls are compiled through the sandbox
    shape.append(f"intercepted {sorted(getattr(env, 'intercepted_binops', ()))}")
    for kind, functions in (("filter", env.filters), ("test", env.tests), ("global", env.globals)):
        for name, function in sorted(functions.items()):
            shape.append(f"{kind} {name} {getattr(function, 'jinja_pass_arg', '')}")
    digest = hashlib.blake2b("\n".join(shape).encode(), digest_size=8).hexdigest()
    folder = _cache_folder()
    if folder is None:
        return None
    return _SpeedUpOnly(folder, pattern=f"__playbook_{digest}_%s.cache")


def _cache_folder() -> str | None:
    """The folder Jinja keeps a user's compiled templates in, `_jinja2-cache-<uid>` in the
    system's temporary folder, made if missing and only the user's; None when it cannot
    be: the temporary folder cannot be written, or another user put there a folder of
    theirs or a link. Jinja's own look at it changes the mode of the folder a link leads
    to before it sees the link: a link there to a folder of yours (`~/public_html`)
    would have it made private by every build."""
    if not hasattr(os, "getuid"):  # Windows: the temporary folder is the user's own
        return tempfile.gettempdir()
    try:
        folder = os.path.join(tempfile.gettempdir(), f"_jinja2-cache-{os.getuid()}")
        with contextlib.suppress(FileExistsError):
            os.mkdir(folder, stat.S_IRWXU)
        found = os.lstat(folder)
        if not stat.S_ISDIR(found.st_mode) or found.st_uid != os.getuid():
            return None
        if stat.S_IMODE(found.st_mode) != stat.S_IRWXU:  # ours, not a link: in a shared
            os.chmod(folder, stat.S_IRWXU)  # temporary folder, no one else can swap it
    except OSError:
        return None
    _prune_cache(folder)
    return folder


CACHE_KEPT_DAYS = 30
"""A compiled template not used for this long is removed from the cache: each playbook
or theme location, and each version of Python, leaves its own."""


@cache  # once per process
def _prune_cache(folder: str) -> None:
    """Remove playbook's compiled templates (`__playbook_*.cache`, regular files, no link
    followed) in `folder` that were not used for CACHE_KEPT_DAYS (`_SpeedUpOnly` marks a
    file used); other files there are left alone."""
    old = time.time() - CACHE_KEPT_DAYS * 24 * 3600
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            if not (entry.name.startswith("__playbook_") and entry.name.endswith(".cache")):
                continue
            with contextlib.suppress(OSError):  # gone meanwhile, another build's
                found = entry.stat(follow_symlinks=False)
                if stat.S_ISREG(found.st_mode) and found.st_mtime < old:
                    os.unlink(entry.path)


class _SpeedUpOnly(jinja2.FileSystemBytecodeCache):
    """The bytecode cache, in the system's temporary folder, which may be full or
    read-only while the playbook and its output folder are fine: a template it cannot
    keep or read back is compiled again, instead of failing the build."""

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):
            super().load_bytecode(bucket)
            if bucket.code is not None:  # used: kept by `_prune_cache`
                os.utime(self._get_cache_filename(bucket))

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def theme_loader(themes: Sequence[Path]) -> jinja2.BaseLoader:
    """Templates from the theme folders, the first that has a file winning."""
    return _ThemeLoader([str(t / "templates") for t in themes])


class _ThemeLoader(jinja2.FileSystemLoader):
    """Jinja's loader, but a template that is not UTF-8 text (saved in another encoding,
    or a binary file by that name) is a mistake at its file, as a syntax error is,
    instead of a crash with no file named."""

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        try:
            return super().get_source(environment, template)
        except UnicodeDecodeError:
            found = (Path(f) / template for f in self.searchpath)
            path = next((p for p in found if p.is_file()), Path(template))
            message = "is not UTF-8 text: save it as UTF-8"
            raise jinja2.TemplateSyntaxError(message, 1, template, str(path)) from None


def render_pages(
    env: jinja2.Environment,
    site: Site,
    pages: Sequence[Page],
    renamed: Mapping[str, str] | None = None,
) -> list[tuple[str, bytes]]:
    """(file, HTML) of pages made together (a meeting's three), links made relative (to
    opaque file names when `renamed`). Parts they share (`shared(...)`) render once."""
    return [(file, b"".join(html)) for file, html in rendered_pages(env, site, pages, renamed)]


def rendered_pages(
    env: jinja2.Environment,
    site: Site,
    pages: Sequence[Page],
    renamed: Mapping[str, str] | None = None,
) -> list[tuple[str, Iterator[bytes]]]:
    """`render_pages`, each page's HTML given in stretches of UTF-8 made as they are read
    (`_page_utf8`), for a writer that writes each as it comes: a page of megabytes is
    then never held whole. Every page's template is rendered first, so that a mistake in
    one is raised before any page of the group is written."""
    fragments: dict[str, Markup] = {}
    rendered = []
    for page in pages:
        template = env.get_template(page.template)
        pieces = list(template.generate(site=site, page=page, fragments=fragments, **page.context))
        file = renamed[page.path] if renamed else routes.file_for(page.path)
        rendered.append((file, _page_utf8(pieces, page.path, renamed)))
    return rendered


def _page_utf8(
    pieces: list[str], page_path: str, renamed: Mapping[str, str] | None
) -> Iterator[bytes]:
    """The page rendered as `pieces`, its heading ids made unique (`unique_heading_ids`)
    and its links relative (`routes.resolved_utf8`), in UTF-8, worked a stretch at a
    time, each piece let go of once worked (`pieces` is emptied): the page is never
    held whole as text. The learned page at 10,000 files (2.6 MB) was held as its
    pieces, then as text beside them, then as text beside its bytes, at the peak of a
    live rebuild's memory. A page under `_STRETCH` is one stretch."""
    if sum(map(len, pieces)) < _STRETCH:  # most pages: one stretch
        yield routes.resolved_utf8(unique_heading_ids("".join(pieces)), page_path, renamed)
        return
    headings = _Headings(_stretches(pieces))
    pieces.reverse()
    for stretch in _stretches(pieces.pop() for _ in range(len(pieces))):
        yield routes.resolved_utf8(headings.renumbered(stretch), page_path, renamed)


_STRETCH = 64 * 1024
"""About how many characters of a page are worked at once (`_stretches`)."""


def _stretches(pieces: Iterable[str]) -> Iterator[str]:
    """The text of `pieces` in stretches of about `_STRETCH` characters, each cut just
    before a `<`: what a page's text is changed in (a heading's id, a link) lies inside
    a tag, which holds no other `<`, so it is never cut in two."""
    pending: list[str] = []
    size = 0
    for piece in pieces:
        start = 0
        while size + len(piece) - start >= _STRETCH:
            cut = piece.find("<", start + max(_STRETCH - size, 0))
            if cut < 0:
                break
            pending.append(piece[start:cut])
            yield "".join(pending)
            pending, size, start = [], 0, cut
        pending.append(piece[start:] if start else piece)
        size += len(piece) - start
    if pending:
        yield "".join(pending)


_HEADING_TAG = re.compile(r"<(/?)h([1-6])\b")


_ADDRESS_BREAK = re.compile(r"(?<=[@.])(?=.)")


def address_breaks(address: Any) -> Markup:
    """An email address as HTML that may wrap after its `@` and after each dot (`<wbr>`):
    too wide for a phone, `omar.haddad@example.com` broke where the line ran out
    (`omar.haddad@example.co`, then `m`); now it breaks between its parts."""
    return Markup(_ADDRESS_BREAK.sub("<wbr>", str(escape(str(address)))))


def nest_headings(html: str, top: int) -> Markup:
    """A rendered body's `html` with its headings moved so that the highest is h`top` and
    the others keep their distance below it (at most h6): notes written with `# Title`
    sit under the heading of the page part that shows them instead of beside the page's
    own h1. Text in the body cannot hold `<h1`: the renderer escapes it."""
    if not 1 <= top <= 6:  # `|headings(0)` would write <h0>, which no browser knows
        raise ValueError(f"headings({top}): the level is 1 to 6 (<h1> to <h6>)")
    levels = [int(found[2]) for found in _HEADING_TAG.finditer(html)]
    if not levels or min(levels) == top:  # as it is: Markup(markup) copies the text
        return html if isinstance(html, Markup) else Markup(html)
    shift = top - min(levels)
    return Markup(_HEADING_TAG.sub(lambda m: f"<{m[1]}h{min(6, int(m[2]) + shift)}", html))


_HEADING_ID = re.compile(r'(<h[1-6] id=")(h-[^"]*)"')
_GIVEN_ID = re.compile(r' id="(h-[^"]*)"')


def unique_heading_ids(html: str) -> str:
    """`html` with each heading id the page repeats numbered on from its second use
    (`h-prep-2`): a page shows several bodies (a meeting's, and in its brief the contact's),
    each may have a `## Prep`, and an id must be unique. The first keeps it: in the
    default theme that is the page's own body, where `[[page#Prep]]` points. A page with
    fewer than two ids (most) is returned as it is, without looking for them."""
    if html.count(' id="h-') < 2:
        return html
    return _Headings((html,)).renumbered(html)


class _Headings:
    """`unique_heading_ids` for a page read a stretch at a time (`_stretches`): the
    stretches are gone over once for the ids the page gives, then each is renumbered in
    turn."""

    def __init__(self, stretches: Iterable[str]) -> None:
        self.present: set[str] = set()
        self.next: dict[str, int] = {}
        """Each id met so far → the number its next repeat tries first: the ids taken
        before it stay taken, so a page repeating an id thousands of times is not
        looked over from -2 each time."""
        count = 0
        for stretch in stretches:
            if (found := stretch.count(' id="h-')) > 0:
                count += found
                self.present.update(_GIVEN_ID.findall(stretch))
        self.repeated = len(self.present) < count
        """Whether a heading may repeat an id. Not when the page gives as many different
        ids as it writes `id="h-` (each starts one id of `present`, a heading's too):
        then the page is left as it is, not gone over for its headings again (most
        pages with several bodies, a meeting's, repeat none)."""

    def renumbered(self, stretch: str) -> str:
        return _HEADING_ID.sub(self._renumber, stretch) if self.repeated else stretch

    def _renumber(self, match: re.Match[str]) -> str:
        name = match[2]
        number = self.next.get(name)
        if number is None:
            self.next[name] = 2
            return match[0]
        while (new := f"{name}-{number}") in self.present:
            number += 1
        self.next[name] = number + 1
        return f'{match[1]}{new}"'


@jinja2.pass_context
def _shared(context: jinja2.runtime.Context, name: str) -> Markup:
    """The template `name` rendered once for the pages made together, with the first
    one's context: for parts that read nothing page-specific (`page`); their links are
    site-root markers, made relative per page afterwards."""
    fragments = context["fragments"]
    if name not in fragments:
        fragments[name] = Markup(context.environment.get_template(name).render(context.get_all()))
    return fragments[name]  # type: ignore[no-any-return]


@jinja2.pass_context
def _cached(context: jinja2.runtime.Context, name: str, **values: Any) -> Markup:
    """The template `name` rendered with `values` (and `site` and `playbook`): a part that
    reads nothing else of the page (a section of the Learned page), so the live preview
    keeps it and renders it again only when what it read changes (`remember`); a build
    simply renders it. A list's rows go through `cached_each`."""
    return _part(context.environment, _part_context(context), name, values)


def _part_context(context: jinja2.runtime.Context) -> dict[str, Any]:
    """What a cached part sees of the page: `site` and `playbook`."""
    return {key: context[key] for key in ("site", "playbook") if key in context}


def _part(
    env: jinja2.Environment, seen: dict[str, Any], name: str, values: dict[str, Any]
) -> Markup:
    render = partial(_render_part, env, name, seen | values)  # what it shows, not the page
    remember = getattr(env, "remember", None)
    return remember(name, values, render) if remember is not None else render()


def _render_part(env: jinja2.Environment, name: str, shown: dict[str, Any]) -> Markup:
    return Markup(env.get_template(name).render(shown))


ROWS_PER_RUN = 64
"""The rows of a list the live preview keeps together (`cached_each`)."""


@jinja2.pass_context
def _cached_each(
    context: jinja2.runtime.Context, name: str, as_name: str, items: Iterable[Any], **values: Any
) -> Markup:
    """The template `name` rendered with `as_name` set to each of `items`, one after
    another (and `values`, `site` and `playbook`): a list page's rows. The live preview
    keeps them in runs of `ROWS_PER_RUN`, each by the items it shows: a list of thousands
    is put together from a few hundred kept runs, and a row that changed renders its run
    again (rows are not kept one by one: that would hold every list twice). A build simply
    renders every row."""
    rows = list(items)
    env, seen = context.environment, _part_context(context)

    def run_of(run: Sequence[Any]) -> Markup:
        return Markup(
            "".join(
                cells_long_words_marked(_render_part(env, name, {**seen, as_name: row, **values}))
                for row in run
            )
        )

    remember = getattr(env, "remember", None)
    if remember is None:
        return run_of(rows)
    return Markup(
        "".join(
            remember(f"{name}#{as_name}", {"rows": run, **values}, partial(run_of, run))
            for run in _runs(rows)
        )
    )


def _runs(rows: Iterable[Any]) -> Iterator[tuple[Any, ...]]:
    """`rows` in runs that end where a row says (`_ends_run`), not at fixed places: a row
    added, removed or moved changes the run it leaves and the one it joins, and no other.
    Runs cut by position shifted every run after a row that moved: a meeting's date put a
    day later rendered again 21 of the 25 runs of the meetings list at 2,000 files (0.7 s
    of the rebuild at 10,000). At most four times `ROWS_PER_RUN` rows, for rows that
    never end one."""
    run: list[Any] = []
    for row in rows:
        run.append(row)
        if _ends_run(row) or len(run) == 4 * ROWS_PER_RUN:
            yield tuple(run)
            run = []
    if run:
        yield tuple(run)


def _ends_run(row: Any) -> bool:
    """Does a run end after `row`? For one row in `ROWS_PER_RUN` on average, the same
    row wherever it is in the list, by its hash (a kept part's rows have one: an
    entity's by its kind and slug); a row without one ends none."""
    try:
        return hash(row) % ROWS_PER_RUN == 0
    except TypeError:
        return False


_HTML_PIECE = re.compile(
    r"<!--.*?-->|<(/?)([a-z][a-z0-9-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>",
    re.IGNORECASE | re.DOTALL,
)
"""A comment or a tag of rendered HTML: its `/` when it closes, its name and attributes."""
_RAW_TEXT = frozenset(("script", "style", "textarea", "title"))
_MARKED = 'class="long-word"'
_LONG_SEGMENT = re.compile(rf">([^<]{{{LONG_WORD},}})")
"""Text after a tag as long as a long word, at least."""


def _long_text(row: str) -> bool:
    """Does `row` hold a word as long as a long word in text after a tag, not already
    marked? Most rows hold none (the theme's mark theirs with the `long_words` filter),
    and are passed over whole: only the few long stretches of text are split into words
    (a regular expression for a long word, tried at every place, took 70 µs a row)."""
    return any(
        not row.endswith(_MARKED, 0, text.start())
        and any(len(word) >= LONG_WORD for word in text[1].split())
        for text in _LONG_SEGMENT.finditer(row)
    )


def cells_long_words_marked(row: str) -> str:
    """`row`, rendered HTML, with each long word in the text of its table cells marked as
    the `long_words` filter marks it: a list's row template of your own that leaves the
    filter out still lets an address wrap inside its cell instead of pushing the table
    past the page. Attributes, text already marked (an element of class `long-word`) and
    the insides of `_RAW_TEXT` elements are left as they are."""
    if not _long_text(row):
        return row
    out: list[str] = []
    at, cells, raw, marked = 0, 0, "", False
    for piece in _HTML_PIECE.finditer(row):
        text = row[at : piece.start()]
        out += (_text_marked(text) if cells and not raw and not marked else text, piece[0])
        at = piece.end()
        closing, tag = piece[1], (piece[2] or "").lower()
        if raw:
            raw = "" if closing and tag == raw else raw
            continue
        marked = bool(tag) and not closing and "long-word" in piece[3]
        if tag in _RAW_TEXT and not closing:
            raw = tag
        elif tag in ("td", "th"):
            cells = max(cells - 1, 0) if closing else cells + 1
        elif tag == "tr":
            cells = 0
    tail = row[at:]
    out.append(_text_marked(tail) if cells and not raw and not marked else tail)
    return "".join(out)


def _text_marked(text: str) -> str:
    """HTML text with its long words marked (`long_words_marked`), or as it was if none."""
    plain = html.unescape(text)
    return long_words_marked(plain) if any(map(is_long_word, plain.split())) else text


def template_fault(exc: BaseException) -> bool:
    """Is `exc` the theme's mistake: a Jinja error, a template that includes itself, or a
    Python error raised while a template ran (`{{ 1 // 0 }}`, `{{ 1 + "a" }}`)? Such a
    mistake is reported as a problem of the template (`template_problem`), not a crash."""
    if isinstance(exc, jinja2.TemplateError | RecursionError):
        return True
    return isinstance(exc, Exception) and bool(_template_frames(exc))


def template_problem(exc: BaseException, root: Path) -> ContentError:
    """A theme mistake, reported like a content one (`path:line: template: message`):
    the template and line of a syntax error, or of the deepest frame of Jinja's
    traceback in the playbook's own templates. The theme's own templates are right by
    construction, so a mistake met in one (`sheet_head(meeting)`, a parameter missing)
    was made where yours called it: named there, with where the theme's raised it."""
    filename: str | None
    line: int | None
    inner = ""
    if isinstance(exc, jinja2.TemplateSyntaxError):
        filename, line = exc.filename, exc.lineno
    else:
        frames = _template_frames(exc)
        own = [f for f in frames if Path(f.filename).is_relative_to(root)]
        shown = (own or frames)[-1] if frames else None
        filename, line = (shown.filename, shown.lineno) if shown else (None, None)
        if own and shown is not frames[-1] and not isinstance(exc, RecursionError):
            inner = f" (in the theme's {Path(frames[-1].filename).name}, line {frames[-1].lineno})"
    where = display_path(Path(filename), root) if filename else "themes"
    if isinstance(exc, RecursionError):
        message = ENDLESS_TEMPLATE
    elif isinstance(exc, jinja2.TemplateNotFound):  # a name made while rendering
        names = " or ".join(repr(name) for name in exc.templates)
        message = f"no theme folder's templates/ has {names}"
    elif isinstance(exc, jinja2.TemplateError):
        message = exc.message or str(exc)
    else:
        message = f"{type(exc).__name__} while rendering: {exc}"
    if not inner and _maybe_older(exc) and filename:
        theirs = replaced_template(Path(filename), root)  # none: yours alone, not a copy
        message += older_copy(Path(filename).name, theirs) if theirs else ""
    return ContentError(where, line or 1, "template", message + inner)


def _maybe_older(exc: BaseException) -> bool:
    """Could a copy of an older theme template have raised `exc`: it reads what the theme's
    once had, or data of another shape (`too many values to unpack`)? Not a typo of
    yours (`UnknownSlug`, with its fix) nor another Jinja mistake."""
    if isinstance(exc, RetiredAttribute):
        return True
    return not isinstance(exc, jinja2.TemplateError | RecursionError | UnknownSlug)


def older_copy(name: str, theirs: Path) -> str:
    """What to do when your copy of a theme template meets data it does not expect (a
    value of another shape): the theme's renders, so yours may be from an older version."""
    return (
        f". Your {name} stands in for the theme's, which renders: if yours was copied from "
        f"an older version, copy {theirs} again and make your changes to it, or delete "
        "yours to use the theme's"
    )


def _template_frames(exc: BaseException) -> list[traceback.FrameSummary]:
    return [f for f in traceback.extract_tb(exc.__traceback__) if _is_template(f.filename)]


def _is_template(filename: str) -> bool:
    return f"{os.sep}templates{os.sep}" in filename and not filename.endswith(".py")


def _url(target: object, view: str = "") -> str:
    """`url(contact)`, `url(meeting, "print")`, `url("timeline")` (a section by name), or a
    site path the page was given: a site-root link."""
    if isinstance(target, str):
        if problem := section_problem(target):
            raise ValueError(problem)
        path = routes.NAMED.get(target, target)
    else:
        path = routes.url_of(target, view)
    return routes.marker(path)


_SECTION_LIKE = re.compile(r"[A-Za-z_-]+")
"""A string `url()` reads as a section's name (a site path holds `/` or `.`)."""


def section_problem(name: str) -> str:
    """Why `url(name)` links nowhere: a name that is no section's ("" for a section, or a
    site path the page was given)."""
    if name in routes.NAMED or not _SECTION_LIKE.fullmatch(name):
        return ""
    return _no_section(name)


def _no_section(name: str) -> str:
    hint = did_you_mean(close_names(name, routes.NAMED))
    meant = f" ({hint})" if hint else ""
    return f"url({name!r}): no section has that name{meant}; the sections are " + ", ".join(
        routes.NAMED
    )


@jinja2.pass_context
def _static(context: jinja2.runtime.Context, name: str) -> str:
    link = routes.marker(routes.static(name))
    site = context.get("site")
    version = site.asset_versions.get(name, "") if isinstance(site, Site) else ""
    return f"{link}?v={version}" if version else link


def format_day(day: dt.date | None) -> str:
    """`Tue 24 Nov 2026` (`followups.long_date`), or "" for no day."""
    return long_date(day) if day else ""


@jinja2.pass_context
def format_short_day(context: jinja2.runtime.Context, day: dt.date | None) -> str:
    """`Tue 24 Nov` in the year of the page's `site.today`, else `Tue 24 Nov 2027`: a short
    date never leaves its year in doubt (in a macro, which sees no `site`, it is shown)."""
    if not day:
        return ""
    site = context.get("site")
    if isinstance(site, Site) and day.year == site.today.year:
        if type(day) is dt.date:  # `Tue 24 Nov 2026` without its year (which has no space)
            return long_date(day).rsplit(" ", 1)[0]
        return f"{day:%a} {day.day} {day:%b}"
    return format_day(day)


@jinja2.pass_context
def format_spoken_day(context: jinja2.runtime.Context, day: dt.date | None) -> str:
    """`Friday` within a week of the page's `site.today`, else `Friday 27 November` (with
    the year when it is not today's): what a message sent today may say. A thank-you sent
    late that said "on Friday" for a coffee of eight days ago named the wrong Friday."""
    if not day:
        return ""
    site = context.get("site")
    if isinstance(site, Site) and abs((site.today - day).days) < 7:
        return f"{day:%A}"
    same_year = isinstance(site, Site) and day.year == site.today.year
    return f"{day:%A} {day.day} {day:%B}" + ("" if same_year else f" {day.year}")


@jinja2.pass_context
def format_spoken_when(context: jinja2.runtime.Context, day: dt.date | None) -> str:
    """`today`, `yesterday`, else `on Friday` (`format_spoken_day`): when a message sent
    today says a meeting was. A thank-you written the evening of a coffee said "on
    Thursday" on that Thursday."""
    site = context.get("site")
    if day and isinstance(site, Site) and 0 <= (site.today - day).days <= 1:
        return "today" if day == site.today else "yesterday"
    spoken = format_spoken_day(context, day)
    return f"on {spoken}" if spoken else ""


def format_clock(value: dt.time | dt.datetime | None) -> str:
    """`09:30`, or "" for no time (a time is never false, midnight included)."""
    if value is None:
        return ""
    if type(value) in (dt.time, dt.datetime):
        return f"{value.hour:02}:{value.minute:02}"  # as strftime("%H:%M"), quicker
    return value.strftime("%H:%M")


ERROR_TEMPLATE = "error.html"
NOT_FOUND_TEMPLATE = "not_found.html"
STANDALONE_ASSETS = "/" + routes.STATIC
"""Where the live preview's own pages find the theme's assets (`style.css`) by default:
the site's, which a preview serving them from elsewhere (before any build wrote them)
replaces with an address of its own."""


def render_error_page(
    themes: Iterable[Path],
    errors: list[ContentError],
    warnings: list[ContentError],
    csp: str = PRIVACY_POLICY,
    scripts: tuple[str, ...] = (),
    assets: str = STANDALONE_ASSETS,
) -> bytes:
    """The page shown at every address while the content is broken (like Hugo's)."""
    shown = [str(e) for e in listed(errors)]
    context = {
        "errors": shown,
        "warnings": [str(w) for w in listed(warnings)],
        "config_file": CONFIG_FILE,
    }
    lines = "\n".join(html.escape(e) for e in shown)
    fallback = f"<!doctype html><title>Build failed</title><pre>{lines}</pre>\n"
    return _render_standalone(themes, ERROR_TEMPLATE, context, csp, scripts, assets, fallback)


def render_not_found_page(
    themes: Iterable[Path],
    csp: str = PRIVACY_POLICY,
    scripts: tuple[str, ...] = (),
    assets: str = STANDALONE_ASSETS,
) -> bytes:
    """The live preview's page for an address with nothing behind it (yet)."""
    fallback = "<!doctype html><title>Not found</title><h1>Not found</h1>\n"
    return _render_standalone(themes, NOT_FOUND_TEMPLATE, {}, csp, scripts, assets, fallback)


MISSING_TEMPLATE = "missing.html"
MISSING_FILE = "404.html"
"""The page static hosts (GitHub Pages, Netlify, Cloudflare Pages, a web server told so)
show at an address with no file behind it, instead of their own."""


def render_missing_page(env: jinja2.Environment, base_url: str | None, encrypted: bool) -> bytes:
    """404.html. A host serves it at whatever address was missed, at any depth, so its
    links cannot be relative: they start from `base_url`'s path. Without `base_url` it
    cannot know where the site lives: no link home, and the theme's inline `<style>`,
    allowed by its hash in this page's policy only, instead of the stylesheet. It holds
    nothing of the playbook, not its title either, so an encrypted build writes it in
    the clear."""
    home = urlsplit(base_url).path if base_url else ""
    stylesheet = home + routes.static("style.css") if home else ""
    template = env.get_template(MISSING_TEMPLATE)
    context = {"home": home, "encrypted": encrypted, "stylesheet": stylesheet, "scripts": ()}
    page = template.render(context, csp=PRIVACY_POLICY)
    hashes = [_style_hash(rules) for rules in _INLINE_STYLE.findall(page)]
    if hashes:  # the page's own rules, which it brings without base_url, and only those
        csp = PRIVACY_POLICY.replace("style-src 'self'", " ".join(["style-src 'self'", *hashes]))
        page = template.render(context, csp=csp)
    return page.encode("utf-8")


_INLINE_STYLE = re.compile(r"<style(?:\s[^>]*)?>(.*?)</style>", re.S | re.I)
"""An inline `<style>` of the 404 page, its rules captured as the browser hashes them."""


def _style_hash(rules: str) -> str:
    """The Content-Security-Policy source that allows the inline style `rules`."""
    digest = hashlib.sha256(rules.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def _asset_in(assets: str, name: str) -> str:
    """`static(name)` on a page outside the site: where that page's server has the
    theme's assets (the live preview serves them from the theme's folders, for a first
    build that failed wrote nothing into the site's `static/`)."""
    return assets + name


def _render_standalone(
    themes: Iterable[Path],
    name: str,
    context: dict[str, Any],
    csp: str,
    scripts: tuple[str, ...],
    assets: str,
    fallback: str,
) -> bytes:
    """A page of the live preview outside the site (no `site`, `page` or `playbook`),
    served at any address: absolute links, the stylesheet's in `assets`. A theme fault in
    it (`{{ 1 // 0 }}`, a template that cannot be read) gives the plain `fallback`, so
    that it never hides what the page is there to say."""
    stylesheet = assets + "style.css"
    try:
        env = make_environment(list(themes))
        env.globals["static"] = partial(_asset_in, assets)  # not the site's, maybe empty yet
        template = env.get_template(name)
        page = template.render(**context, csp=csp, scripts=scripts, stylesheet=stylesheet)
        return routes.from_root(page, "/").encode("utf-8")  # url() and static() too
    except Exception as exc:
        if not (template_fault(exc) or isinstance(exc, OSError)):
            raise
        reload = "".join(f'<script src="{html.escape(script)}"></script>\n' for script in scripts)
        return (fallback + reload).encode()  # the tab still comes back by itself
