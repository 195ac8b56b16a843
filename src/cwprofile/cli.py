"""The command line: parse arguments, call the core, hand the Report to the output.

Only what argument parsing needs is imported here; everything else loads inside the command
that uses it, so `show cambodia --json` on a warm cache loads neither rich nor PyYAML.
"""

import contextlib
import functools
import inspect
import os
import signal
import sys
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from cwprofile import __version__
from cwprofile.errors import CwprofileError
from cwprofile.formats import EXPORT_ENDINGS, Format, ProfileFormat
from cwprofile.output import GuardedStdout, Request, emit

if TYPE_CHECKING:
    from cwprofile.compiled import Entry
    from cwprofile.countries import Country
    from cwprofile.library import Library
    from cwprofile.reports.report import Report

# The documented exit codes (README "Exit codes"); 2, for usage errors, is Typer's own.
EXIT_OK, EXIT_ERROR, EXIT_BUG, EXIT_INTERRUPTED, EXIT_TERMINATED = 0, 1, 3, 130, 143
DEBUG_VARIABLE = "CWPROFILE_DEBUG"


def _as_command(function: Callable[..., Any]) -> Callable[..., None]:
    """A command as Typer sees it. Its own parameters stay; a parameter annotated with an
    option group (`Request`, `ShowRequest`, `ProfileOptions`) becomes that group's options,
    declared once below, and reaches the command built from them; every command also takes
    the global options after its name (`cwprofile show kh --no-pager`), as it does before it.
    A command that returns a Report has it shown and exits with its code. Our own errors
    become one line on stderr and their exit code, inside the app, so that Typer's test
    runner sees exactly what a user sees."""
    signature = inspect.signature(function)
    given = (*GROUPS, Environment)
    own = [p for p in signature.parameters.values() if p.annotation not in given]
    environment_name = next(
        (p.name for p in signature.parameters.values() if p.annotation is Environment), None
    )
    groups = [
        (p.name, GROUPS[p.annotation])
        for p in signature.parameters.values()
        if p.annotation in GROUPS
    ]

    @functools.wraps(function)
    def command(*args: object, **kwargs: Any) -> None:
        environment = Environment.of(kwargs.pop("_context"))
        environment.after_command(*(kwargs.pop(name) for name in GLOBAL_OPTIONS))
        built = {}
        for name, group in groups:  # in order: the output asked for is checked first
            built[name] = group.build(environment, [kwargs.pop(p.name) for p in group.options])
        if environment_name is not None:
            built[environment_name] = environment
        try:
            report = function(*args, **kwargs, **built)
            if report.shown:
                emit(report, next(v for v in built.values() if isinstance(v, Request)))
            if report.exit_code:
                raise typer.Exit(report.exit_code)
        except CwprofileError as error:
            environment.fail(error)

    context = inspect.Parameter(
        "_context", inspect.Parameter.KEYWORD_ONLY, annotation=typer.Context
    )
    command.__signature__ = signature.replace(  # type: ignore[attr-defined]
        parameters=[
            *own,
            *(p for _, group in groups for p in group.options),
            *GLOBAL_PARAMETERS,
            context,
        ],
        return_annotation=None,
    )
    # Typer reads the annotations of what it is given: the parameters it parses, not what the
    # command returns.
    command.__annotations__ = {
        p.name: p.annotation for p in command.__signature__.parameters.values()
    }  # type: ignore[attr-defined]
    return command


def _examples(*lines: str) -> str:
    """An epilog of examples, one a line (`\\b` keeps Click from re-flowing them)."""
    return "\b\nExamples:\n" + "\n".join(f"  {line}" for line in lines)


class _Typer(typer.Typer):
    """Typer, with every command reporting our errors as one line, and remembering how each
    command was registered so that `main` can build an app of just the one it runs."""

    def __init__(self, **settings: Any) -> None:
        super().__init__(**settings)
        self.settings = settings
        self.commands: dict[str, tuple[tuple[Any, ...], dict[str, Any], Callable[..., None]]] = {}

    def command(
        self, *args: Any, **kwargs: Any
    ) -> Callable[[Callable[..., None]], Callable[..., None]]:
        def decorator(function: Callable[..., None]) -> Callable[..., None]:
            wrapped = _as_command(function)
            if "short_help" not in kwargs and function.__doc__:
                # The whole first line in the command list: Click would cut it at 45 characters.
                kwargs["short_help"] = function.__doc__.strip().splitlines()[0]
            super(_Typer, self).command(*args, **kwargs)(wrapped)
            name = args[0] if args else function.__name__.replace("_", "-")
            self.commands[name] = (args, kwargs, function)
            return function

        return decorator


app = _Typer(
    name="cwprofile",
    help="The ITU Cyberwellness Profiles, offline: show a country's profile, compare "
    "countries, and find where to report a computer incident.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
    epilog=_examples(
        "cwprofile show cambodia",
        "cwprofile indicator cirt",
        "cwprofile report-contact kh",
        "cwprofile compare kh gb --differences",
        "cwprofile show kh --json | jq .indicators.cirt",
    ),
)
cache_app = _Typer(
    help="Manage the compiled cache of profiles.",
    no_args_is_help=True,
    epilog=_examples("cwprofile cache path", "cwprofile cache clear"),
)
app.add_typer(cache_app, name="cache")


# Shared parameters ---------------------------------------------------------------------------


# Completion: thin hooks (Typer reads their signatures); the work is in `completion.py`.


def _complete_country(ctx: typer.Context, incomplete: str) -> list[str]:
    from cwprofile.completion import countries

    return countries(ctx, incomplete)


def _complete_indicator(incomplete: str) -> list[str]:
    from cwprofile.completion import indicators

    return indicators(incomplete)


def _complete_part(incomplete: str) -> list[str]:
    from cwprofile.completion import parts

    return parts(incomplete)


def _complete_schema(incomplete: str) -> list[str]:
    from cwprofile.completion import schemas

    return schemas(incomplete)


CountryArg = Annotated[
    str,
    typer.Argument(
        help="Country name or ISO 3166 code, any case: cambodia, KH, khm.",
        metavar="COUNTRY",
        autocompletion=_complete_country,
        show_default=False,
    ),
]
IndicatorArg = Annotated[
    str,
    typer.Argument(
        help="Indicator id, code, alias or title word: cirt, 1.2.1, cert, roadmap.",
        metavar="INDICATOR",
        autocompletion=_complete_indicator,
        show_default=False,
    ),
]


def _format_option(formats: type[Format] | type[ProfileFormat]) -> Any:
    """The --format option, offering only the formats a command has."""
    return Annotated[
        formats | None,
        typer.Option(
            "--format",
            "-f",
            help="Output format. Default: table on a terminal, text otherwise.",
            case_sensitive=False,
            show_default=False,
        ),
    ]


FormatOpt = _format_option(Format)
ProfileFormatOpt = _format_option(ProfileFormat)  # show: a document, not one table
JsonOpt = Annotated[bool, typer.Option("--json", help="Short for --format json.")]
ExportOpt = Annotated[
    Path | None,
    typer.Option(
        "--export",
        help="Write the output to this file instead of stdout, in the format its ending "
        "names: .txt .md .csv .json .yaml .svg .html.",
        dir_okay=False,
        show_default=False,
    ),
]
WidthOpt = Annotated[
    int | None,
    typer.Option(
        "--width",
        help="Width of an --export in characters. Default: what its content needs.",
        min=40,
        max=1000,
        show_default=False,
    ),
]
ForceOpt = Annotated[bool, typer.Option("--force", help="Replace an existing output file.")]
ProfilesDirOpt = Annotated[
    list[Path] | None,
    typer.Option(
        "--profiles-dir",
        "-p",
        help="A folder (or file) of your own profiles; repeatable. Also: CWPROFILE_PATH.",
        show_default=False,
    ),
]
NoCacheOpt = Annotated[bool, typer.Option("--no-cache", help="Read every profile file afresh.")]
NoPagerOpt = Annotated[
    bool,
    typer.Option(
        "--no-pager", help="Never page long output on a terminal (also: CWPROFILE_PAGER=cat)."
    ),
]
DebugOpt = Annotated[
    bool, typer.Option("--debug", help="Show full tracebacks (also: CWPROFILE_DEBUG=1).")
]
WideOpt = Annotated[
    bool, typer.Option("--wide", help="More columns: what the default view leaves to JSON.")
]
AllEditionsOpt = Annotated[
    bool,
    typer.Option(
        "--all-editions", help="Every edition loaded, not each country's newest one only."
    ),
]
CountriesArg = Annotated[
    list[str] | None,
    typer.Argument(
        help="Country names or ISO codes (COUNTRY@DATE for one edition); every loaded "
        "country when left out.",
        metavar="[COUNTRY]...",
        autocompletion=_complete_country,
        show_default=False,
    ),
]
StrictOpt = Annotated[
    bool, typer.Option("--strict", help="Fail on a bad profile file instead of skipping it.")
]


def _request(
    fmt: Format | ProfileFormat | None,
    as_json: bool,
    export: Path | None = None,
    width: int | None = None,
    force: bool = False,
    formats: Any = Format,
    pager: bool = True,
    kind: type[Request] = Request,
) -> Request:
    """The output asked for, checked before any data is read: a usage error is exit 2 whatever
    the data would have been."""

    if as_json and fmt not in (None, Format.json, ProfileFormat.json):
        raise typer.BadParameter("--json and --format do not agree", param_hint="--json")
    export_format = None
    if export is not None:
        export_format = EXPORT_ENDINGS.get(export.suffix.lower())
        if export_format is None or export_format.value not in formats.__members__:
            endings = [e for e, f in EXPORT_ENDINGS.items() if f.value in formats.__members__]
            raise typer.BadParameter(
                f"{export.name!r} must end in one of {', '.join(endings)}", param_hint="--export"
            )
    elif width is not None:
        raise typer.BadParameter("--width goes with --export", param_hint="--width")
    chosen = Format.json if as_json else (Format(fmt.value) if fmt is not None else None)
    return kind(chosen, export, export_format, width, force, pager)


class Environment:
    """What one run knows beyond a command's own arguments: the global options, given before
    the command, after it, or both, and where its messages go. One object a run, handed down
    through Click's context (`ctx.obj`), never a global; a test makes its own
    (`CliRunner().invoke(app, args, obj=Environment(...))`)."""

    def __init__(
        self,
        debug: bool = False,
        pager: bool = True,
        profiles_dirs: tuple[Path, ...] = (),
        no_cache: bool = False,
        strict: bool = False,
        say: Callable[[str], None] | None = None,
    ) -> None:
        self.debug = debug or os.environ.get(DEBUG_VARIABLE, "") not in ("", "0")
        self.pager = pager
        self.profiles_dirs = profiles_dirs
        self.no_cache = no_cache
        self.strict = strict
        self.say = say or _stderr

    @classmethod
    def of(cls, context: typer.Context) -> "Environment":
        return context.ensure_object(cls)

    def after_command(self, no_pager: bool, debug: bool) -> None:
        self.pager = self.pager and not no_pager
        self.debug = self.debug or debug

    def fail(self, error: CwprofileError) -> NoReturn:
        """Our own error: its one line, and its exit code."""
        hint = error.hint()
        self.say(f"Error: {error}" + (f"; {hint}" if hint else ""))
        raise typer.Exit(error.exit_code) from None


class ShowRequest(Request):
    """The output of `show`: a document, so every format but the one-table CSV."""

    __slots__ = ()


class ImportRequest(Request):
    """The output of `import`: a profile file, an explanation or a summary."""

    __slots__ = ()


class JsonRequest(Request):
    """A document that is JSON and nothing else (a JSON Schema): no options."""

    __slots__ = ()


class TextRequest(Request):
    """A line for scripts and people alike (a folder's path): no options."""

    __slots__ = ()


class ProfileOptions:
    """Which profiles a command reads: the folders and files given (before the command and
    after it), the cache or not, strict or not; loaded when the command asks (`load`), after
    its arguments are checked."""

    def __init__(
        self, environment: Environment, dirs: list[Path] | None, no_cache: bool, strict: bool
    ):
        self.environment = environment
        self.dirs = (*environment.profiles_dirs, *(dirs or ()))
        self.no_cache = no_cache or environment.no_cache
        self.strict = strict or environment.strict

    def load(self) -> "Library":
        from cwprofile.library import load

        library = load(self.dirs, use_cache=not self.no_cache, strict=self.strict)
        for warning in library.warnings:
            self.environment.say(f"Warning: {warning}")
        for notice in library.notices:
            self.environment.say(notice)
        return library


class OptionGroup:
    """Options declared once: their parameters, and the object a command receives of them."""

    def __init__(self, options: list[tuple[str, Any, Any]], build: Callable[..., Any]) -> None:
        self.options = [
            inspect.Parameter(
                name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=kind
            )
            for name, kind, default in options
        ]
        self._build = build

    def build(self, environment: Environment, values: list[Any]) -> Any:
        return self._build(environment, *values)


def _output_group(formats: Any) -> OptionGroup:
    kind = Request if formats is Format else ShowRequest

    def build(environment: Environment, *values: Any) -> Request:
        return _request(*values, formats=formats, pager=environment.pager, kind=kind)

    return OptionGroup(
        [
            ("fmt", _format_option(formats), None),
            ("as_json", JsonOpt, False),
            ("export", ExportOpt, None),
            ("width", WidthOpt, None),
            ("force", ForceOpt, False),
        ],
        build,
    )


GROUPS: dict[Any, OptionGroup] = {
    Request: _output_group(Format),
    ShowRequest: _output_group(ProfileFormat),
    # The import writes files of its own (`-o`, `--force`): the format alone.
    ImportRequest: OptionGroup(
        [("fmt", FormatOpt, None), ("as_json", JsonOpt, False)],
        lambda environment, fmt, as_json: _request(
            fmt, as_json, pager=environment.pager, kind=ImportRequest
        ),
    ),
    JsonRequest: OptionGroup([], lambda environment: JsonRequest(Format.json)),
    TextRequest: OptionGroup([], lambda environment: TextRequest(Format.text)),
    ProfileOptions: OptionGroup(
        [
            ("profiles_dir", ProfilesDirOpt, None),
            ("no_cache", NoCacheOpt, False),
            ("strict", StrictOpt, False),
        ],
        ProfileOptions,
    ),
}
GLOBAL_OPTIONS = ("no_pager", "debug")  # also taken after any command
GLOBAL_PARAMETERS = [
    inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=False, annotation=option)
    for name, option in zip(GLOBAL_OPTIONS, (NoPagerOpt, DebugOpt), strict=True)
]


def _each_once(entries: list["Entry"]) -> list["Entry"]:
    """The profiles named, each once however many ways it was named (`kh khm cambodia`)."""
    return list({entry.number: entry for entry in entries}.values())


def _named(
    library: "Library", names: list[str], environment: Environment
) -> tuple[list["Entry"], bool]:
    """The profiles of the countries named, each once, and whether any name found none: each
    missing one is named on stderr in its own line and the others still answer (as grep does
    with a missing file); none found at all is the error itself."""
    found = []
    missing: list[CwprofileError] = []
    for name in names:
        try:
            found.append(library.find(name))
        except CwprofileError as error:
            missing.append(error)
    if len(missing) == 1 and not found:
        raise missing[0]
    for error in missing:
        hint = error.hint()
        environment.say(f"Error: {error}" + (f"; {hint}" if hint else ""))
    if not found and missing:
        raise typer.Exit(missing[0].exit_code)
    return _each_once(found), bool(missing)


# Commands ------------------------------------------------------------------------------------


def _version(value: bool) -> None:
    if value:
        from cwprofile.output import write_stdout

        write_stdout(f"cwprofile {__version__}\n")
        raise typer.Exit()


@app.callback()
def _main(
    context: typer.Context,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
    debug: DebugOpt = False,
    no_pager: NoPagerOpt = False,
    profiles_dir: ProfilesDirOpt = None,
    no_cache: NoCacheOpt = False,
    strict: StrictOpt = False,
) -> None:
    # Options given here apply to every command, and each may also follow the command.
    environment = Environment.of(context)
    environment.debug = environment.debug or debug
    environment.pager = not no_pager
    environment.profiles_dirs = tuple(profiles_dir or ())
    environment.no_cache = no_cache
    environment.strict = strict


@app.command(
    epilog=_examples(
        "cwprofile show cambodia",
        "cwprofile show KH --section technical",
        "cwprofile show khm --json | jq .indicators.cirt",
    )
)
def show(
    country: CountryArg,
    section: Annotated[
        str | None,
        typer.Option(
            "--section",
            "-s",
            help="Only one section, pillar or indicator: 1.2, technical, 2, cirt. "
            "JSON and YAML keep the whole profile (a valid profile file).",
            metavar="PART",
            autocompletion=_complete_part,
            show_default=False,
        ),
    ] = None,
    *,
    output: ShowRequest,
    profiles: ProfileOptions,
) -> "Report":
    """Show a country's whole profile, section by section."""
    from cwprofile.catalog import find_part
    from cwprofile.reports.show import show as report_of

    part = find_part(section) if section is not None else None
    library = profiles.load()
    return report_of(library.profile(library.find(country)), part, library.warnings)


@app.command(
    epilog=_examples(
        "cwprofile indicator cirt",
        "cwprofile indicator cirt kh gb",
        "cwprofile indicator 1.3.1 --all-editions",
        "cwprofile indicator cert --json",
    )
)
def indicator(
    name: IndicatorArg,
    country: CountriesArg = None,
    all_editions: AllEditionsOpt = False,
    wide: WideOpt = False,
    *,
    output: Request,
    profiles: ProfileOptions,
) -> "Report":
    """One indicator, yes or no, across the loaded countries (or those named)."""
    from cwprofile.catalog import find_indicator
    from cwprofile.reports.indicator import indicator as report_of

    chosen = find_indicator(name)
    library = profiles.load()
    entries, missing = _named(library, country, profiles.environment) if country else (None, False)
    return report_of(library, chosen, wide, entries, all_editions).failing(missing)


@app.command(epilog=_examples("cwprofile indicators", "cwprofile indicators --format markdown"))
def indicators(wide: WideOpt = False, *, output: Request) -> "Report":
    """The indicator catalog: code, id, title, pillar and aliases."""
    from cwprofile.reports.indicators import catalog as report_of

    return report_of(wide)


@app.command(
    epilog=_examples("cwprofile countries", "cwprofile -p my-profiles countries --format csv")
)
def countries(wide: WideOpt = False, *, output: Request, profiles: ProfileOptions) -> "Report":
    """The loaded profiles: name, ISO codes, last updated and tallies (--wide: by pillar, file)."""
    from cwprofile.reports.countries import countries as report_of

    return report_of(profiles.load(), wide)


app.command(
    "list",
    help="The loaded profiles (the same as `countries`).",
    short_help="The same as countries.",
    epilog=_examples("cwprofile list", "cwprofile list --json"),
)(countries)


@app.command(
    "report-contact",
    epilog=_examples(
        "cwprofile report-contact kh",
        "cwprofile report-contact kh gb",
        "cwprofile report-contact --json",
    ),
)
def report_contact(
    country: Annotated[
        list[str] | None,
        typer.Argument(
            help="Country names or ISO codes; all loaded profiles when left out.",
            metavar="[COUNTRY]...",
            autocompletion=_complete_country,
            show_default=False,
        ),
    ] = None,
    *,
    output: Request,
    profiles: ProfileOptions,
) -> "Report":
    """Where to report a computer incident: organisation, phone, email, and how old that is."""
    from cwprofile.reports.contacts import contacts as report_of

    library = profiles.load()
    named = _named(library, country, profiles.environment) if country else None
    chosen, missing = named or (library.entries, False)
    cards = bool(country) or len(chosen) == 1  # named countries (or the only one): cards
    return report_of(library.contacts(chosen), library.warnings, card=cards).failing(missing)


@app.command(
    epilog=_examples(
        "cwprofile compare kh gb",
        "cwprofile compare kh gb --differences --export differences.md",
        "cwprofile compare --format csv > matrix.csv",
    )
)
def compare(
    country: CountriesArg = None,
    differences: Annotated[
        bool,
        typer.Option("--differences", "-d", help="Only the indicators where the countries differ."),
    ] = False,
    all_editions: AllEditionsOpt = False,
    *,
    output: Request,
    profiles: ProfileOptions,
) -> "Report":
    """The indicators side by side: a yes/no matrix, grouped by pillar."""
    from cwprofile.reports.compare import compare as report_of

    library = profiles.load()
    entries, missing = _named(library, country, profiles.environment) if country else ([], False)
    every = list(library.entries) if all_editions else library.newest()
    return report_of(entries or every, library.warnings, differences).failing(missing)


class StatusChoice(str, Enum):
    yes = "yes"
    no = "no"
    unknown = "unknown"


@app.command(
    epilog=_examples(
        "cwprofile search ALERT",
        'cwprofile search "cyber security" --country gb',
        "cwprofile search NATO --indicator 1.5.1 --status yes",
        'cwprofile search "Article 349" --json',
    )
)
def search(
    text: Annotated[
        str,
        typer.Argument(
            help="Text to find in the evidence: any case, quotes and dashes alike, a hyphen or "
            "space between letters optional (--exact: as written).",
            metavar="TEXT",
        ),
    ],
    country: Annotated[
        list[str] | None,
        typer.Option(
            "--country",
            "-c",
            help="Only this country (COUNTRY@DATE: one edition); repeatable.",
            autocompletion=_complete_country,
            show_default=False,
        ),
    ] = None,
    in_indicator: Annotated[
        list[str] | None,
        typer.Option(
            "--indicator",
            "-i",
            help="Only this indicator, or a pillar's or section's indicators; repeatable.",
            autocompletion=_complete_part,
            show_default=False,
        ),
    ] = None,
    status: Annotated[
        list[StatusChoice] | None,
        typer.Option(
            "--status", help="Only evidence of this status; repeatable.", show_default=False
        ),
    ] = None,
    exact: Annotated[
        bool, typer.Option("--exact", help="The text exactly as written, case and all.")
    ] = False,
    wide: WideOpt = False,
    *,
    output: Request,
    profiles: ProfileOptions,
) -> "Report":
    """Find the profiles and indicators whose evidence mentions a text; exit 1 if none does."""
    from cwprofile.catalog import find_part
    from cwprofile.reports.search import search as report_of

    if not text.strip():
        raise typer.BadParameter("give some text to search for", param_hint="TEXT")
    chosen = None
    if in_indicator:
        parts = [find_part(name) for name in in_indicator]
        if any(isinstance(part, str) for part in parts):
            raise typer.BadParameter(
                "search reads the indicators' evidence: name an indicator, pillar or section",
                param_hint="--indicator",
            )
        chosen = list(dict.fromkeys(i for part in parts for i in part))
    wanted = None
    if status:
        wanted = [{"yes": True, "no": False, "unknown": None}[s.value] for s in status]
    library = profiles.load()
    entries, missing = _named(library, country, profiles.environment) if country else (None, False)
    return report_of(library, text, wide, entries, chosen, wanted, exact).failing(missing)


@app.command(
    epilog=_examples("cwprofile validate my-profiles/", "cwprofile validate a.yaml --json")
)
def validate(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="Profile files or folders of them.", metavar="PATH...", show_default=False
        ),
    ],
    *,
    output: Request,
) -> "Report":
    """Check profile files against the schema and the catalog; exit 1 if any is invalid."""
    from cwprofile.profile_file import expand, problems_of
    from cwprofile.reports.validate import validate_paths

    return validate_paths([(path, problems_of(path)) for path in expand(paths)])


@app.command(
    epilog=_examples(
        "cwprofile schema > profile.schema.json",
        "cwprofile schema indicator > indicator-output.schema.json",
    )
)
def schema(
    name: Annotated[
        str,
        typer.Argument(
            help="profile (a profile file), or a command whose --json output to describe "
            "(show, compare, import, ...: each command that writes JSON).",
            metavar="[NAME]",
            autocompletion=_complete_schema,
        ),
    ] = "profile",
    *,
    output: JsonRequest,
) -> "Report":
    """Print a JSON Schema: of a profile file (for editors), or of a command's JSON output."""
    from cwprofile.reports.report import Report
    from cwprofile.reports.schemas import SCHEMAS

    build = SCHEMAS.get(name.lower())
    if build is None:
        raise typer.BadParameter(
            f"no schema {name!r}; one of: {', '.join(SCHEMAS)}", param_hint="NAME"
        )
    return Report(f"JSON Schema: {name.lower()}", build)


@app.command(
    "import",
    epilog=_examples(
        "cwprofile import profile.pdf --add",
        "cwprofile import profile.pdf -o profiles/kh.yaml",
        "cwprofile import profile.txt --explain",
        "cwprofile import report.pdf -o profiles/",
        "cwprofile import *.pdf *.txt -o profiles/ --lenient",
        "pdftotext -layout profile.pdf - | cwprofile import -",
        "cwprofile import kosovo.txt --country XK -o profiles/",
    ),
)
def import_(
    sources: Annotated[
        list[str],
        typer.Argument(
            help="ITU profiles: PDFs, their extracted text, or - for stdin. "
            "A file may hold several profiles.",
            metavar="FILE...",
            show_default=False,
        ),
    ],
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            help="Write the profile to this file instead of stdout; for several profiles "
            "(or a name ending in /), a folder: one file per country.",
            metavar="PATH",
        ),
    ] = None,
    force: ForceOpt = False,
    add: Annotated[
        bool,
        typer.Option(
            "--add",
            help="Add the profiles to your own library, where every command finds them "
            "(one file per country and edition).",
        ),
    ] = False,
    lenient: Annotated[
        bool,
        typer.Option("--lenient", help="Write what could be read, with the gaps left empty."),
    ] = False,
    explain: Annotated[
        bool,
        typer.Option("--explain", help="Show how each status was read: the sentence and the rule."),
    ] = False,
    country: Annotated[
        str | None,
        typer.Option(
            "--country",
            help="The country, where a title cannot say it: an ISO 3166-1 code (KH, KHM) or a "
            "user-assigned one cwprofile knows (XK).",
            metavar="CODE",
            show_default=False,
        ),
    ] = None,
    *,
    request: ImportRequest,
    environment: Environment,
) -> "Report":
    """Turn ITU Cyberwellness Profiles (PDF or text) into profile files."""
    from cwprofile.import_command import run

    if add and output is not None:
        raise typer.BadParameter(
            "--add writes into your own library; leave -o out (or -o without --add)",
            param_hint="--add",
        )
    if len(sources) > 1 and output is None and not explain and not add:
        raise typer.BadParameter(
            "several inputs need a folder to write to (-o DIR)", param_hint="--output"
        )
    if country is not None and len(sources) > 1:
        raise typer.BadParameter(
            "states the country of one input; import the others without it", param_hint="--country"
        )
    if (
        output is None
        and not add
        and not explain
        and request.format not in (None, Format.json, Format.yaml)
    ):
        raise typer.BadParameter(
            f"a profile is written as yaml or json, not {request.format.value}; the other "
            "formats are for --explain and the summary of an import into a folder (-o DIR/)",
            param_hint="--format",
        )
    if output is None and not add and not explain and request.format is None:
        request.format = Format.yaml  # the profile file itself, on a terminal too
    return run(sources, output, force, lenient, explain, _country(country), environment.say, add)


def _country(code: str | None) -> "Country | None":
    """`import --country`: a code (or a name) of the table of countries, or exit 2."""
    if code is None:
        return None
    from cwprofile.countries import by_code, by_name

    found = by_code(code) or by_name(code, user_assigned=True)
    if found is None:
        raise typer.BadParameter(
            f"{code!r} is not an ISO 3166-1 code (nor a user-assigned one cwprofile knows, "
            "such as XK)",
            param_hint="--country",
        )
    return found


@app.command(
    epilog=_examples(
        "cwprofile database profiles.db",
        "sqlite3 profiles.db 'SELECT country, status FROM findings "
        "JOIN profiles ON profiles.id = profile WHERE indicator = \\'cirt\\''",
    )
)
def database(
    target: Annotated[
        Path,
        typer.Argument(
            help="The SQLite file to write (refused if it exists, unless --force).",
            metavar="FILE",
            show_default=False,
        ),
    ],
    force: Annotated[bool, typer.Option("--force", help="Replace FILE if it exists.")] = False,
    *,
    profiles: ProfileOptions,
    environment: Environment,
) -> "Report":
    """Write the loaded profiles as a SQLite database, for sqlite3, datasette, sqlite-utils
    or pandas; its tables are described in the README."""
    from cwprofile.library import write_database
    from cwprofile.reports.report import Report

    count = write_database(profiles.load(), target, force)
    environment.say(f"Wrote {count} profile{'s' * (count != 1)} to {target}")
    return Report.nothing("Database")


@app.command(
    epilog=_examples(
        "cwprofile remove gb", "cwprofile remove gb@2016-05-03", "cwprofile remove 'united kingdom'"
    )
)
def remove(country: CountryArg, *, environment: Environment) -> "Report":
    """Take a profile out of your own library (its newest edition, or COUNTRY@DATE)."""
    from cwprofile.folders import library_dir
    from cwprofile.library import library_file, load
    from cwprofile.reports.report import Report

    folder = library_dir()
    library = load(use_cache=False)
    entry = library.find(country)
    path = library_file(entry)
    try:
        path.unlink()
    except OSError as error:
        raise CwprofileError(f"cannot remove {str(path)!r}: {error.strerror}") from None
    others = [e for e in library.editions(entry.iso3) if e.number != entry.number]
    editions = [f"{e.iso2}@{e.last_updated or 'undated'}" for e in others]
    left = f"; still loaded: {', '.join(editions)}" if editions else ""
    environment.say(f"Removed {path} from your library ({folder}){left}")
    return Report.nothing("Remove")


@cache_app.command("clear", epilog=_examples("cwprofile cache clear"))
def cache_clear(*, environment: Environment) -> "Report":
    """Delete the compiled cache; it is rebuilt on the next run. Exit 1 if any of it stays."""
    from cwprofile.cache import cache_dir, clear, shared_folder_notice
    from cwprofile.reports.report import Report

    removed, failed, others = clear()
    for path, why in failed:
        environment.say(f"Error: cannot remove {path}: {why}")
    environment.say(f"Removed {len(removed)} cache file{'s' * (len(removed) != 1)}.")
    folder = cache_dir()
    notice = shared_folder_notice(folder, others) if folder is not None else None
    if notice:
        environment.say(notice)
    return Report.nothing("Cache", exit_code=EXIT_ERROR if failed else EXIT_OK)


@cache_app.command("path", epilog=_examples('ls -l "$(cwprofile cache path)"'))
def cache_path(*, output: TextRequest) -> "Report":
    """Print the folder the cache is kept in (exit 1 when there is none: no usable HOME)."""
    from cwprofile.blocks import Lines
    from cwprofile.cache import cache_dir
    from cwprofile.reports.report import Report

    folder = cache_dir()
    if folder is None:
        raise CwprofileError(
            "no cache folder: HOME is not set to a full path; set CWPROFILE_CACHE_DIR"
        )
    return Report("Cache folder", {"path": str(folder)}, (Lines((str(folder),)),))


# Entry point ---------------------------------------------------------------------------------


class _Interrupted(BaseException):
    """Ctrl-C or SIGTERM; a BaseException of our own so that Click does not turn it into
    'Aborted!', and so that every `finally` on the way removes what it was writing."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _on_signal(signum: int, frame: object) -> None:
    raise _Interrupted(signum)


def _arguments(raw: list[str]) -> list[str]:
    """The arguments as UTF-8 text even under an ASCII locale (LC_ALL=C), where Python
    decodes them as ASCII with the bytes escaped: `Åland` must still find Åland Islands."""
    encoding = sys.getfilesystemencoding()
    if encoding.lower().replace("-", "") == "utf8":
        return raw
    return [
        argument.encode(encoding, "surrogateescape").decode("utf-8", "replace") for argument in raw
    ]


def _stderr(message: str) -> None:
    from cwprofile.output import say

    say(message)


def _app_for(arguments: list[str]) -> typer.Typer:
    """The app to run: when the first argument names a command, an app of that command alone.

    Typer builds every registered command on every run; building all thirteen costs about
    2.5 ms, a quarter of what the whole run may add to a bare Typer app (benchmarks/). The
    one-command app is the same command under the same group, so its usage lines, help and
    errors read the same; anything else (top-level options, help, completion) gets the full app.
    """
    if not arguments or arguments[0] not in app.commands or "_CWPROFILE_COMPLETE" in os.environ:
        return app
    single = _Typer(**app.settings)
    single.callback()(_main)
    args, kwargs, function = app.commands[arguments[0]]
    single.command(*args, **kwargs)(function)
    return single


def main() -> None:
    signal.signal(signal.SIGINT, _on_signal)
    signal.signal(signal.SIGTERM, _on_signal)
    sys.stdout = GuardedStdout(sys.stdout)  # type: ignore[assignment]
    sys.argv[1:] = _arguments(sys.argv[1:])
    environment = Environment()
    try:
        _app_for(sys.argv[1:])(obj=environment)
    except _Interrupted as signalled:
        sys.exit(_interrupted(signalled))
    except CwprofileError as error:  # raised outside a command: --version, --help, completion
        _stderr(f"Error: {error}")
        sys.exit(error.exit_code)
    except MemoryError:  # a user's memory limit (`ulimit -v`) met: not a bug
        _stderr("Error: out of memory; raise the memory limit (ulimit -v) or give less input")
        sys.exit(EXIT_ERROR)
    except Exception as error:
        if environment.debug:
            raise
        _stderr(
            f"Error: unexpected {type(error).__name__}: {error} (a bug in cwprofile; run again "
            "with --debug for the traceback and report it)"
        )
        sys.exit(EXIT_BUG)


def _interrupted(signalled: _Interrupted) -> int:
    terminated = signalled.signum == signal.SIGTERM
    _stderr("Error: terminated" if terminated else "Error: interrupted")
    return EXIT_TERMINATED if terminated else EXIT_INTERRUPTED


def run() -> None:
    """The console script: `main`, then leave without tearing the interpreter down.

    Python's finalization frees every module and object one by one; here that costs about
    10 ms, as much as a whole warm query (benchmarks/, README "Speed"). By then nothing is
    left to do: every file cwprofile wrote is closed, and stdout and stderr are flushed below.
    """
    try:
        try:
            main()
            code: int = EXIT_OK
        finally:
            # The run is over: a signal from now on waits, unheard, for the exit below.
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    except SystemExit as exit_:
        if exit_.code is None or isinstance(exit_.code, int):
            code = exit_.code or EXIT_OK
        else:
            _stderr(str(exit_.code))
            code = EXIT_ERROR
    except _Interrupted as signalled:  # it came after main's own handlers, before the block
        code = _interrupted(signalled)
    try:
        sys.stdout.flush()  # what is still buffered meets the same rules as any write
    except SystemExit:
        pass
    except CwprofileError as error:
        if not code:  # a failed run has said its one line already
            _stderr(f"Error: {error}")
            code = EXIT_ERROR
    with contextlib.suppress(OSError, ValueError, AttributeError):
        sys.stderr.flush()
    os._exit(code)
