"""The ``ixtag`` command: a thin click shell over library calls.

Commands live beside the code they drive; this module only assembles the group and turns
IxtagError into a one-line message and an exit code.
"""

from __future__ import annotations

import os
import sys

import click

from tagger import startup
from tagger.errors import IxtagError


class _Group(click.Group):
    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except IxtagError as exc:
            click.echo(f"ixtag: {exc}", err=True)
            sys.exit(exc.exit_code)
        except (click.ClickException, click.exceptions.Exit, click.Abort, SystemExit):
            raise
        except Exception as exc:  # a bug: one line for the user, the traceback on request
            if os.environ.get("IXTAG_DEBUG"):
                raise
            click.echo(
                f"ixtag: internal error ({type(exc).__name__}: {exc}); "
                "set IXTAG_DEBUG=1 for the traceback and please report it",
                err=True,
            )
            sys.exit(3)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="ixtag")
@click.pass_context
def main(ctx: click.Context) -> None:
    """Chinese IFRS results announcements to Inline XBRL report packages."""
    startup.finish(ctx.invoked_subcommand)


def _register() -> None:
    from tagger.cli_report import export_command, validate_command, view_command
    from tagger.cli_tag import demo_command, tag_command
    from tagger.cli_taxonomy import taxonomy_group

    main.add_command(taxonomy_group)
    main.add_command(tag_command)
    main.add_command(demo_command)
    main.add_command(validate_command)
    main.add_command(export_command)
    main.add_command(view_command)


_register()
