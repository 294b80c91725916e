"""The ``kgraph`` click group: library errors become one-line messages and exit codes. Command modules import
``main`` from here and register on it; ``kgraph.cli`` imports them all."""

from __future__ import annotations

import os
import sys
from typing import Any

import click

from .. import __version__
from ..errors import KgraphError


class KgraphGroup(click.Group):
    """Turns library errors into one-line messages and exit codes; never a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KgraphError as exc:
            click.echo(f"Error: {exc}", err=True)
            sys.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo("Interrupted.", err=True)
            sys.exit(130)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit):
            raise
        except BrokenPipeError:
            sys.exit(1)
        except Exception as exc:
            if os.environ.get("KGRAPH_DEBUG"):
                raise
            click.echo(f"Error: internal error ({type(exc).__name__}: {exc}); rerun with KGRAPH_DEBUG=1", err=True)
            sys.exit(1)


@click.group(cls=KgraphGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kgraph")
def main() -> None:
    """Build, query and render knowledge graphs from geopolitical news."""
