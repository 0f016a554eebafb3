"""The workflow diagram is generated from the definition, and docs/workflow.md holds the current one."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from workflows import definition, diagram
from workflows.definition import STATE_LABELS, STATES, TRANSITIONS, destination, roles_for, sources_of, triggers

ROOT = Path(__file__).resolve().parents[3]
DOC = ROOT / "docs" / "workflow.md"
BLOCK = re.compile(r"<!-- diagram:start -->\n```mermaid\n(.*?)```\n<!-- diagram:end -->", re.DOTALL)
REGENERATE = ("docs/workflow.md shows another diagram than workflows/definition.py. Regenerate it with\n"
              "    flask --app wsgi workflow diagram\n"
              "and paste the output between <!-- diagram:start --> and <!-- diagram:end --> (inside ```mermaid).")

CORRECTION_CONDITION = "reason_given"  # the guard of a correction: the only way out of an end state


def diagram_in_docs() -> str:
    found = BLOCK.findall(DOC.read_text(encoding="utf-8"))
    assert len(found) == 1, "docs/workflow.md needs exactly one ```mermaid block between the diagram markers"
    return found[0]


def test_the_diagram_in_the_docs_is_the_one_the_definition_gives():
    assert diagram_in_docs() == diagram.mermaid(), REGENERATE


def test_the_diagram_is_a_mermaid_state_diagram_that_starts_in_the_first_state():
    lines = diagram.mermaid().splitlines()
    assert lines[0] == "stateDiagram-v2"
    assert f"    [*] --> {STATES[0]}" in lines


@pytest.mark.parametrize("state", STATES)
def test_every_state_appears_with_its_german_name(state):
    assert f'    state "{STATE_LABELS[state]}" as {state}' in diagram.mermaid().splitlines()
    assert f'"{STATE_LABELS[state]}"' in diagram.dot()


@pytest.mark.parametrize("trigger", triggers())
def test_every_trigger_labels_an_arrow(trigger):
    assert re.search(rf"^    \w+ --> \w+ : {trigger} \(", diagram.mermaid(), re.MULTILINE)
    assert re.search(rf'\[label="([^"]*\\n)?{trigger}(\\n[^"]*)?"\]', diagram.dot())


def test_every_source_of_every_transition_has_its_own_line_with_roles_and_guards_reflexive_ones_too():
    lines = diagram.mermaid().splitlines()
    expected = []
    for spec in TRANSITIONS:
        label = f"{spec['trigger']} ({', '.join(spec['roles'])})"
        label += f" [{', '.join(spec['conditions'])}]" if spec.get("conditions") else ""
        for source in sources_of(spec):
            line = f"    {source} --> {destination(spec, source)} : {label}"
            assert line in lines
            expected.append(line)
    assert [line for line in lines if " : " in line] == expected, "one line per transition, in definition order"
    assert any(f"    {state} --> {state} : " in line for state in STATES for line in lines), "reflexive ones too"


def test_trigger_role_and_guard_names_are_identifiers_that_cannot_end_a_mermaid_label():
    names = {name for edge in diagram.edges() for name in (edge.trigger, *edge.roles, *edge.conditions)}
    assert all(re.fullmatch(r"[a-z_]+", name) for name in names), names


def test_the_reminder_reads_as_in_the_brief():
    assert "    invited --> reminded : remind (system) [declaration_overdue]" in diagram.mermaid().splitlines()


def test_the_cases_end_when_closed_or_withdrawn():
    ends = [line.split()[0] for line in diagram.mermaid().splitlines() if line.endswith("--> [*]")]
    assert ends == ["closed", "withdrawn"]


def test_an_end_state_is_one_no_transition_leaves_but_a_correction_with_a_reason():
    for state in diagram.end_states():
        leaving = [edge for edge in diagram.edges() if edge.source == state and edge.dest != state]
        assert all(CORRECTION_CONDITION in edge.conditions for edge in leaving), state


def test_the_output_is_the_same_on_every_call():
    assert diagram.mermaid() == diagram.mermaid() and diagram.dot() == diagram.dot()


def test_quotes_colons_and_semicolons_in_a_label_do_not_break_either_diagram(monkeypatch):
    monkeypatch.setitem(definition.STATE_LABELS, "invited", 'Eltern "eingeladen": Frist; läuft')
    assert '    state "Eltern #quot;eingeladen#quot;: Frist; läuft" as invited' in diagram.mermaid().splitlines()
    assert '"invited" [label="Eltern \\"eingeladen\\": Frist; läuft"];' in diagram.dot()


def test_the_dot_graph_starts_and_ends_like_the_mermaid_one():
    text = diagram.dot()
    assert text.startswith("digraph workflow {") and text.rstrip().endswith("}")
    assert f'"[start]" -> "{STATES[0]}";' in text
    assert [state for state in STATES if f'"{state}" -> "[end]";' in text] == list(diagram.end_states())


def roles_in_docs() -> dict[str, set[str]]:
    table = {}
    for line in DOC.read_text(encoding="utf-8").splitlines():
        match = re.match(r"\| (parent|clerk|facility|system)\b[^|]*\| (.*) \|$", line)
        if match:
            table[match.group(1)] = set(re.findall(r"`(\w+)`", match.group(2)))
    return table


def test_the_docs_say_who_may_fire_each_trigger_as_the_definition_does():
    from_definition = {role: {trigger for trigger in triggers() if role in roles_for(trigger)}
                       for role in ("parent", "clerk", "facility", "system")}
    assert roles_in_docs() == from_definition, "update the table 'Who may fire what' in docs/workflow.md"


def test_flask_workflow_diagram_prints_the_mermaid_diagram(app):
    result = app.test_cli_runner().invoke(args=["workflow", "diagram"])
    assert result.exit_code == 0, result.output
    assert result.output == diagram.mermaid()
