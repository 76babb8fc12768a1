"""Command line: parse arguments, dispatch to a subcommand module, exit with its code.

Click's own messages are English; users read Chinese, so usage errors and help headings are
rendered here in Chinese.
"""

from __future__ import annotations

import difflib
import re
import sys
from typing import Any

import click

from rubric_check import __version__, exit_codes
from rubric_check.console import prepare_windows_console
from rubric_check.documents.readers import supported_text
from rubric_check.formatters.registry import FILE_OUTPUTS
from rubric_check.logs import configure_logging
from rubric_check.messages import message


class ChineseHelpFormatter(click.HelpFormatter):
    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, prefix=message("cli.usage"))

    def write_heading(self, heading: str) -> None:
        names = {"Options": "cli.options", "Commands": "cli.commands", "Arguments": "cli.arguments"}
        shown = message(names[heading]) if heading in names else heading
        self.write(f"{'':>{self.current_indent}}{shown}：\n")


click.Context.formatter_class = ChineseHelpFormatter


def _verbatim(text: str) -> str:
    """Help text whose paragraphs click prints as written (its "\\b" mark stops re-wrapping)."""
    return "\n\n".join("\b\n" + paragraph for paragraph in text.split("\n\n"))


CONTEXT = {"help_option_names": ["-h", "--help"]}


class Numeric(click.ParamType):
    """click.INT / click.FLOAT with a Chinese message (click's own says "'abc' is not a valid integer.")."""

    def __init__(self, kind: type[int] | type[float]) -> None:
        self.kind = kind
        self.name = kind.__name__

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int | float:
        try:
            return self.kind(value)
        except (TypeError, ValueError):
            self.fail(message(f"cli.not_{self.name}", value=value), param, ctx)


class ChineseUsageError(click.UsageError):
    """A usage error whose message is already the Chinese sentence users read."""


class SuggestingGroup(click.Group):
    """A command group that answers a mistyped command in Chinese, with the nearest command."""

    def resolve_command(self, ctx: click.Context, args: list[str]) -> Any:
        name = args[0] if args else ""
        if name and not name.startswith("-") and self.get_command(ctx, name) is None:
            text = message("cli.no_such_command", command=name)
            close = difflib.get_close_matches(name, self.list_commands(ctx), n=1, cutoff=0.5)
            if close:
                text += message("cli.did_you_mean", suggestion=close[0])
            raise ChineseUsageError(text, ctx)
        return super().resolve_command(ctx, args)


@click.group(
    cls=SuggestingGroup,
    context_settings=CONTEXT,
    help=message("cli.help"),
    epilog=_verbatim(message("cli.epilog")),
    options_metavar=message("cli.options_metavar"),
    subcommand_metavar=message("cli.command_metavar"),
)
@click.version_option(
    __version__, "--version", prog_name="rubric-check", message="%(prog)s %(version)s", help=message("cli.version_help")
)
@click.help_option("-h", "--help", help=message("cli.help_help"))
def cli() -> None:
    pass


def _file_output_options(command: Any) -> Any:
    """--sarif FILE, --junit FILE, … one per row of formatters/registry.py, in its order, each
    followed by its own settings (--letters DIR --letter-template FILE)."""
    for output in reversed(FILE_OUTPUTS):
        for setting in reversed(output.settings):
            option = click.option(setting.option, setting.key, metavar=setting.metavar, help=message(setting.help))
            command = option(command)
        command = click.option(f"--{output.key}", metavar=output.metavar, help=message(output.help))(command)
    return command


def _jobs_option(command: Any) -> Any:
    """-j/--jobs N: worker processes, for every command that scores a batch."""
    option = click.option(
        "-j",
        "--jobs",
        type=Numeric(int),
        callback=lambda _c, _p, v: _check_jobs(v),
        metavar="N",
        help=message("cli.jobs_help"),
    )
    return option(command)


def _store_options(command: Any) -> Any:
    """--store PATH|URL and --no-store, shared by every command that uses the results store."""
    command = click.option("--no-store", is_flag=True, help=message("store.no_store_help"))(command)
    return click.option("--store", "store", metavar="PATH|URL", help=message("store.store_help"))(command)


@cli.command(
    "score",
    context_settings=CONTEXT,
    help=message("cli.score_help", supported=supported_text()),
    epilog=_verbatim(message("cli.score_epilog")),
    options_metavar=message("cli.options_metavar"),
)
@click.argument("paths", nargs=-1, required=False, metavar="PATH...")
@click.option("--rubric", "rubric", metavar="FILE", help=message("cli.rubric_help"))
@click.option("--json", "json_target", metavar="FILE", help=message("cli.json_help"))
@click.option("--html", "html_dir", metavar="DIR", default=None, help=message("cli.html_help"))
@click.option("--no-html", is_flag=True, help=message("cli.no_html_help"))
@click.option("--pdf", is_flag=True, help=message("html.pdf_help"))
@click.option(
    "--min-score",
    type=Numeric(float),
    callback=lambda _c, _p, v: _check_min_score(v),
    metavar="N",
    help=message("cli.min_score_help"),
)
@click.option("--fail-on", "fail_on", metavar="POLICY", help=message("ci.fail_on_help"))
@_file_output_options
@click.option("--config", "config_file", metavar="FILE", help=message("config.config_help"))
@click.option("--no-config", is_flag=True, help=message("config.no_config_help"))
@click.option("-q", "--quiet", is_flag=True, help=message("ci.quiet_help"))
@click.option("-v", "--verbose", is_flag=True, help=message("ci.verbose_help"))
@_jobs_option
@_store_options
@click.help_option("-h", "--help", help=message("cli.help_help"))
def score_command(
    paths: tuple[str, ...],
    rubric: str | None,
    json_target: str | None,
    html_dir: str | None,
    no_html: bool,
    pdf: bool,
    min_score: float | None,
    jobs: int | None,
    store: str | None,
    no_store: bool,
    **gate: Any,
) -> None:
    from rubric_check.commands.score import ScoreOptions, run
    from rubric_check.parallel import default_jobs

    options = ScoreOptions(
        paths=paths,
        rubric=rubric,
        min_score=min_score,
        json=json_target,
        html_dir=None if no_html else (html_dir or "reports_out"),
        pdf=pdf,
        html_explicit=no_html or html_dir is not None,  # else a config file's outputs.html may decide
        config=gate.pop("config_file"),
        use_config=not gate.pop("no_config"),
        jobs=jobs or default_jobs(),
        store=store,
        no_store=no_store,
        **gate,
    )
    sys.exit(run(options, sys.stdout, sys.stderr))


@cli.group(
    "rubric",
    cls=SuggestingGroup,
    context_settings=CONTEXT,
    help=message("cli.rubric_group_help"),
    options_metavar=message("cli.options_metavar"),
    subcommand_metavar=message("cli.command_metavar"),
)
@click.help_option("-h", "--help", help=message("cli.help_help"))
def rubric_group() -> None:
    pass


def _register_rubric_tool(name: str) -> None:
    """validate / test / show share one shape: an optional rubric file in, an exit code out."""

    @rubric_group.command(
        name, context_settings=CONTEXT, help=message(f"cli.{name}_help"), options_metavar=message("cli.options_metavar")
    )
    @click.argument("rubric_file", required=False, metavar="[FILE]")
    @click.help_option("-h", "--help", help=message("cli.help_help"))
    def command(rubric_file: str | None) -> None:
        from rubric_check.commands import rubric_tools

        sys.exit(getattr(rubric_tools, name)(rubric_file, sys.stdout, sys.stderr))


for _tool in ("validate", "test", "show"):
    _register_rubric_tool(_tool)


@cli.command(
    "explain",
    context_settings=CONTEXT,
    help=message("cli.explain_help"),
    options_metavar=message("cli.options_metavar"),
)
@click.argument("element_id", metavar="名称|ID")
@click.option("--rubric", "rubric", metavar="FILE", help=message("cli.rubric_help"))
@click.help_option("-h", "--help", help=message("cli.help_help"))
def explain_command(element_id: str, rubric: str | None) -> None:
    from rubric_check.commands.explain import run

    sys.exit(run(element_id, rubric, sys.stdout, sys.stderr))


@cli.command(
    "eval", context_settings=CONTEXT, help=message("cli.eval_help"), options_metavar=message("cli.options_metavar")
)
@click.argument("labels", metavar="LABELS")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("--rubric", "rubric", metavar="FILE", help=message("cli.rubric_help"))
@click.option("--json", "json_target", metavar="FILE", help=message("cli.json_help"))
@click.help_option("-h", "--help", help=message("cli.help_help"))
def eval_command(labels: str, paths: tuple[str, ...], rubric: str | None, json_target: str | None) -> None:
    from rubric_check.commands.evaluate import run

    sys.exit(run(labels, paths, rubric, json_target, sys.stdout, sys.stderr))


@cli.command(
    "config", context_settings=CONTEXT, help=message("config.help"), options_metavar=message("cli.options_metavar")
)
@click.option("--config", "config_file", metavar="FILE", help=message("config.config_help"))
@click.option("--no-config", is_flag=True, help=message("config.no_config_help"))
@click.option("--json", "as_json", is_flag=True, help=message("config.json_help"))
@click.help_option("-h", "--help", help=message("cli.help_help"))
def config_command(config_file: str | None, no_config: bool, as_json: bool) -> None:
    from rubric_check.commands.config import run

    sys.exit(run(config_file, not no_config, as_json, sys.stdout, sys.stderr))


def _store_command(name: str, help_key: str) -> Any:
    """A command using the results store: --store/--no-store and --config/--no-config choose it."""

    def decorate(function: Any) -> Any:
        function = click.help_option("-h", "--help", help=message("cli.help_help"))(function)
        function = click.option("--no-config", is_flag=True, help=message("config.no_config_help"))(function)
        function = click.option("--config", "config_file", metavar="FILE", help=message("config.config_help"))(function)
        function = _store_options(function)
        return cli.command(
            name, context_settings=CONTEXT, help=message(help_key), options_metavar=message("cli.options_metavar")
        )(function)

    return decorate


def _choice(options: dict[str, Any]) -> Any:
    from rubric_check.commands.store_access import StoreChoice

    return StoreChoice(options["store"], options["no_store"], options["config_file"], not options["no_config"])


@_store_command("override", "override.override_help")
@click.argument("file", metavar="FILE")
@click.argument("element", metavar="ELEMENT")
@click.argument("status", required=False, metavar="STATUS")
@click.option("--note", metavar="TEXT", help=message("override.note_help"))
@click.option("--clear", is_flag=True, help=message("override.clear_help"))
@click.option("--rubric", "rubric", metavar="FILE", help=message("cli.rubric_help"))
def override_command(
    file: str, element: str, status: str | None, note: str | None, clear: bool, rubric: str | None, **options: Any
) -> None:
    from rubric_check.commands.overrides import OverrideRequest, run_override

    request = OverrideRequest(file, element, status, note, clear, rubric)
    sys.exit(run_override(request, _choice(options), sys.stdout, sys.stderr))


@_store_command("overrides", "override.overrides_help")
@click.argument("file", required=False, metavar="[FILE]")
def overrides_command(file: str | None, **options: Any) -> None:
    from rubric_check.commands.overrides import run_list

    sys.exit(run_list(file, _choice(options), sys.stdout, sys.stderr))


@_store_command("history", "history.help")
@click.argument("agency", required=False, metavar="[AGENCY]")
@click.option("--json", "as_json", is_flag=True, help=message("history.json_help"))
def history_command(agency: str | None, as_json: bool, **options: Any) -> None:
    from rubric_check.commands.history import run

    sys.exit(run(agency, as_json, _choice(options), sys.stdout, sys.stderr))


@_store_command("diff", "diff.help")
@click.argument("old", metavar="OLD")
@click.argument("new", metavar="NEW")
@click.option("--html", "html", metavar="FILE", help=message("diff.html_help"))
@click.option("--rubric", "rubric", metavar="FILE", help=message("cli.rubric_help"))
def diff_command(old: str, new: str, html: str | None, rubric: str | None, **options: Any) -> None:
    from rubric_check.commands.diff import run

    sys.exit(run(old, new, html, rubric, _choice(options), sys.stdout, sys.stderr))


@cli.command(
    "serve",
    context_settings=CONTEXT,
    help=message("serve.help"),
    epilog=_verbatim(message("serve.epilog")),
    options_metavar=message("cli.options_metavar"),
)
@click.option(
    "--port", type=Numeric(int), callback=lambda _c, _p, v: _check_port(v), metavar="N", help=message("serve.port_help")
)
@click.option("--host", "host", metavar="H", help=message("serve.host_help"))
@click.option("--no-browser", is_flag=True, help=message("serve.no_browser_help"))
@click.option("--rubric", "rubric", metavar="FILE", help=message("cli.rubric_help"))
@click.option("--letter-template", "letter_template", metavar="FILE", help=message("letters.template_help"))
@click.option(
    "--max-upload-mb",
    type=Numeric(int),
    callback=lambda _c, _p, v: _check_max_upload(v),
    metavar="N",
    help=message("serve.max_upload_help"),
)
@_jobs_option
@_store_options
@click.option("--config", "config_file", metavar="FILE", help=message("config.config_help"))
@click.option("--no-config", is_flag=True, help=message("config.no_config_help"))
@click.help_option("-h", "--help", help=message("cli.help_help"))
def serve_command(
    port: int | None,
    host: str | None,
    no_browser: bool,
    rubric: str | None,
    letter_template: str | None,
    max_upload_mb: int | None,
    jobs: int | None,
    **options: Any,
) -> None:
    from rubric_check.commands.serve import ServeOptions, run_serve

    request = ServeOptions(host, port, not no_browser, rubric, letter_template, max_upload_mb, jobs, _choice(options))
    sys.exit(run_serve(request, sys.stdout, sys.stderr))


def _check_port(value: int | None) -> int | None:
    if value is not None and not 0 <= value <= 65535:
        raise click.BadParameter(message("serve.bad_port"))
    return value


def _check_max_upload(value: int | None) -> int | None:
    if value is not None and not 1 <= value <= 65536:
        raise click.BadParameter(message("serve.bad_max_upload"))
    return value


def _check_min_score(value: float | None) -> float | None:
    if value is not None and not 0 <= value <= 100:
        raise click.BadParameter(message("usage.bad_min_score"))
    return value


def _check_jobs(value: int | None) -> int | None:
    if value is not None and value < 1:
        raise click.BadParameter(message("usage.bad_jobs"))
    return value


# click's parser errors that carry no attribute to tell them apart: (English pattern, message key).
_CLICK_TEXTS = (
    (r"requires an argument", "cli.option_needs_value"),
    (r"does not take a value", "cli.option_takes_no_value"),
    (r"unexpected extra arguments? \((.*)\)", "cli.extra_arguments"),
)


def _explain_usage(error: click.UsageError, argv: list[str]) -> str:
    if isinstance(error, ChineseUsageError):
        text = error.message
    elif isinstance(error, click.NoSuchOption):
        text = message("cli.no_such_option", option=error.option_name)
        if error.possibilities:
            text += message("cli.did_you_mean", suggestion=error.possibilities[0])  # the closest first
    elif isinstance(error, click.MissingParameter):
        param = error.param.human_readable_name if error.param else ""
        text = message("cli.missing_argument", param=param)
    elif isinstance(error, click.BadParameter):  # our own types and checks: the detail is Chinese
        opts = sorted(error.param.opts, key=len) if error.param and error.param.opts else [""]
        text = message("cli.bad_parameter", param=opts[-1], detail=error.message)
    else:
        text = _translated(error)
    return f"{text}\n{message('cli.see_help', command=_command_path(error, argv))}"


def _translated(error: click.UsageError) -> str:
    option = getattr(error, "option_name", "")
    for pattern, key in _CLICK_TEXTS:
        found = re.search(pattern, error.message)
        if found:
            return message(key, option=option, arguments=found.group(1) if found.groups() else "")
    return message("cli.usage_error_other")


def _command_path(error: click.UsageError, argv: list[str]) -> str:
    """``rubric-check score`` for an error in ``score``'s options even where click kept no context."""
    if error.ctx is not None and error.ctx.command is not cli:
        return error.ctx.command_path
    named = [arg for arg in argv[:2] if arg in cli.commands]
    if named and isinstance(cli.commands[named[0]], click.Group) and len(argv) > 1 and not argv[1].startswith("-"):
        return " ".join(["rubric-check", *argv[:2]])
    return " ".join(["rubric-check", *named[:1]])


def main(argv: list[str] | None = None) -> None:
    """Entry point: exit 2 with a Chinese message on usage errors, else the subcommand's code."""
    args = sys.argv[1:] if argv is None else argv
    prepare_windows_console()
    configure_logging()
    try:
        cli.main(args=args, prog_name="rubric-check", standalone_mode=False)
    except click.exceptions.NoArgsIsHelpError as error:  # the command alone: its help, as click does
        click.echo(error.ctx.get_help() if error.ctx else message("cli.help"), err=True)
        sys.exit(exit_codes.USAGE)
    except click.UsageError as error:
        click.echo(_explain_usage(error, args), err=True)
        sys.exit(exit_codes.USAGE)
    except click.exceptions.Abort:
        click.echo(message("cli.interrupted"), err=True)
        sys.exit(exit_codes.INTERRUPTED)
    sys.exit(exit_codes.OK)
