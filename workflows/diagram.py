"""The workflow as a picture: Mermaid and Graphviz DOT text generated from the definition.

Pure: reads ``definition`` and returns text, in the order of the definition, so that the same
definition always gives the same diagram (``docs/workflow.md`` holds a copy that a test compares).
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from .definition import FINAL, STATE_LABELS, STATES, TRANSITIONS, destination, sources_of


class Edge(NamedTuple):
    """One arrow of the diagram: from one state by one trigger to one state."""

    source: str
    trigger: str
    dest: str
    roles: tuple[str, ...]
    conditions: tuple[str, ...]


def edges() -> Iterator[Edge]:
    """Yield every (source, trigger, destination) of the definition, reflexive ones too, in its order."""
    for spec in TRANSITIONS:
        for source in sources_of(spec):
            yield Edge(source, spec["trigger"], destination(spec, source), tuple(spec["roles"]),
                       tuple(spec.get("conditions", ())))


def initial_state() -> str:
    """Return the state every case starts in (the machine's initial state)."""
    return STATES[0]


def end_states() -> tuple[str, ...]:
    """Return the states that end a case, in the order of the definition."""
    return tuple(state for state in STATES if state in FINAL)


def edge_label(edge: Edge) -> str:
    """Return the compact label of an arrow: ``remind (system) [declaration_overdue]``."""
    label = f"{edge.trigger} ({', '.join(edge.roles)})"
    return f"{label} [{', '.join(edge.conditions)}]" if edge.conditions else label


def _mermaid_name(text: str) -> str:
    # A quoted state name ends at '"'; Mermaid's entity code stands in for it. (Arrow labels hold only
    # trigger, role and guard names: identifiers, free of the ':' and ';' that would end them.)
    return text.replace('"', "#quot;")


def mermaid() -> str:
    """Return the workflow as a Mermaid ``stateDiagram-v2``."""
    lines = ["stateDiagram-v2"]
    lines += [f'    state "{_mermaid_name(STATE_LABELS.get(state, state))}" as {state}' for state in STATES]
    lines.append(f"    [*] --> {initial_state()}")
    lines += [f"    {edge.source} --> {edge.dest} : {edge_label(edge)}" for edge in edges()]
    lines += [f"    {state} --> [*]" for state in end_states()]
    return "\n".join(lines) + "\n"


def _dot_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _arrows() -> dict[tuple[str, str], list[str]]:
    # Triggers between the same two states share one arrow, one name a line, so the picture stays readable.
    arrows: dict[tuple[str, str], list[str]] = {}
    for edge in edges():
        names = arrows.setdefault((edge.source, edge.dest), [])
        if edge.trigger not in names:
            names.append(edge.trigger)
    return arrows


def dot() -> str:
    """Return the workflow as a Graphviz ``digraph``: German state names, trigger names on the arrows."""
    ends = set(end_states())
    lines = [
        "digraph workflow {",
        '    graph [rankdir=TB, fontname="sans-serif", nodesep=0.4, ranksep=0.5];',
        '    node [shape=box, style="rounded,filled", fillcolor="#eef3fa", color="#0b2a4a", fontname="sans-serif",'
        " fontsize=12];",
        '    edge [color="#44546a", fontname="sans-serif", fontsize=10];',
        '    "[start]" [shape=circle, style=filled, fillcolor="#0b2a4a", label="", width=0.2];',
        '    "[end]" [shape=doublecircle, style=filled, fillcolor="#0b2a4a", label="", width=0.15];',
    ]
    for state in STATES:
        extra = ", peripheries=2" if state in ends else ""
        lines.append(f"    {_dot_string(state)} [label={_dot_string(STATE_LABELS.get(state, state))}{extra}];")
    lines.append(f'    "[start]" -> {_dot_string(initial_state())};')
    lines += [f"    {_dot_string(source)} -> {_dot_string(dest)} [label={_dot_string(chr(10).join(names))}];"
              for (source, dest), names in _arrows().items()]
    lines += [f'    {_dot_string(state)} -> "[end]";' for state in STATES if state in ends]
    lines.append("}")
    return "\n".join(lines) + "\n"
