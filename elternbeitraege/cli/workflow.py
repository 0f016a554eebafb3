"""Flask commands for the fee-case workflow: print its diagram."""
from __future__ import annotations

import click
from flask.cli import AppGroup

from workflows.diagram import mermaid


@click.group("workflow", cls=AppGroup)
def workflow() -> None:
    """Den Ablauf der Beitragsfälle zeigen."""


@workflow.command("diagram")
def diagram() -> None:
    """Das Ablaufdiagramm als Mermaid-Text ausgeben (für docs/workflow.md)."""
    click.echo(mermaid(), nl=False)
