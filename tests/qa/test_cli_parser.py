"""The command line's parser: the plugins' commands (the eval suite's ``qa eval``) are added
unless the command line names one of qa's own, so ``qa ask`` does not import the eval suite."""

from __future__ import annotations

import sys

import pytest

from qa.cli import build_parser


def _commands(parser: object) -> set[str]:
    sub = next(a for a in parser._actions if a.dest == "command")  # type: ignore[attr-defined]
    return set(sub.choices)


def test_a_command_of_qa_s_own_leaves_out_the_plugins() -> None:
    commands = _commands(build_parser(["ask", "2024年广东全省法院新收知识产权案件多少件?"]))
    assert {"ask", "verify", "index", "doctor", "chat", "audit"} <= commands
    assert "eval" not in commands
    assert build_parser(["ask", "x", "--json"]).parse_args(["ask", "x", "--json"]).json


@pytest.mark.parametrize("argv", [None, [], ["eval", "--no-check"], ["--help"]])
def test_any_other_command_line_has_the_plugins(argv: list[str] | None) -> None:
    assert "eval" in _commands(build_parser(argv))


def test_qa_ask_does_not_import_the_eval_suite(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in [m for m in sys.modules if m == "eval" or m.startswith("eval.")]:
        monkeypatch.delitem(sys.modules, name)
    build_parser(["ask", "x"])
    assert "eval.report" not in sys.modules
