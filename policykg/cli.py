"""The ``policykg`` command line: the command groups of :mod:`policykg.commands`, assembled.

Every command reports errors as one line on stderr and a non-zero exit, never a
traceback: :func:`main` catches :class:`PolicyKGError` at the edge.
"""

from __future__ import annotations

import sys

import typer

from policykg.commands.analyze import analyze_app
from policykg.commands.archive import archive_app
from policykg.commands.build import build_cmd, ingest_cmd, rebuild_cmd
from policykg.commands.common import err
from policykg.commands.db import db_app
from policykg.commands.eval import eval_app
from policykg.commands.export import export_cmd
from policykg.commands.query import compare_cmd, coverage_cmd, query_app
from policykg.commands.serve import serve_cmd
from policykg.commands.view import view_cmd
from policykg.commands.vocab import vocab_app
from policykg.errors import PolicyKGError

app = typer.Typer(
    name="policykg",
    help="Cross-city knowledge graph of Chinese local IP policy plans.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.add_typer(db_app, name="db")
app.command("build")(build_cmd)
app.command("ingest")(ingest_cmd)
app.command("rebuild")(rebuild_cmd)
app.add_typer(archive_app, name="archive")
app.command("export")(export_cmd)
app.command("serve")(serve_cmd)
app.add_typer(query_app, name="query")
# the two comparisons researchers ask most, also at the top level
app.command("compare")(compare_cmd)
app.command("coverage")(coverage_cmd)
app.command("view")(view_cmd)
app.add_typer(analyze_app, name="analyze")
app.add_typer(eval_app, name="eval")
app.add_typer(vocab_app, name="vocab")


def main() -> None:
    """Entry point: run the app, turning our errors into one line and exit 1."""
    try:
        rc = app(standalone_mode=False)
    except PolicyKGError as e:
        # soft_wrap: one line however long, so a script can grep it
        err.print(f"error: {e.message}", markup=False, highlight=False, soft_wrap=True)
        sys.exit(1)
    except typer.Exit as e:
        sys.exit(e.exit_code)
    except typer.Abort:
        err.print("aborted")
        sys.exit(130)
    except KeyboardInterrupt:
        err.print("interrupted")
        sys.exit(130)
    except Exception as e:
        # Usage errors come from the click that typer vendors; duck-type them
        # rather than import a private module.
        show, code = getattr(e, "show", None), getattr(e, "exit_code", None)
        if callable(show) and isinstance(code, int):
            show()
            sys.exit(code)
        raise
    sys.exit(rc if isinstance(rc, int) else 0)


if __name__ == "__main__":
    main()
