"""What users expect of an installed command: shell completion, a man page, an answer to a
mistyped command, a desktop entry with an icon, and ``make install-desktop`` putting them
where desktops, man and the shells look.

Needs bash, zsh, groff (groff-base), desktop-file-validate (desktop-file-utils) and make.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from studio.cli import _mistyped_command, _routed, build_parser, main
from studio.commands.manpage import manual_page
from studio.resources import resource_path
from tests.conftest import ROOT

COMMANDS = build_parser().get_default("command_names")
DESKTOP = Path(str(resource_path("desktop", "mesh-studio.desktop")))
ICON = Path(str(resource_path("desktop", "mesh-studio.svg")))


def output_of(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(list(args)) == 0
    out, err = capsys.readouterr()
    assert err == ""
    return out


def run(
    *command: str | Path, cwd: Path = ROOT, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(c) for c in command], cwd=cwd, input=stdin, capture_output=True, text=True, check=False
    )


# -- completion ------------------------------------------------------------------------------

BASH_COMPLETE = r"""
source "$1"
func=$(complete -p mesh-studio | sed -E 's/.* -F ([^ ]+) .*/\1/')
while IFS= read -r line; do
    read -ra COMP_WORDS <<< "$line"
    [[ $line == *" " ]] && COMP_WORDS+=("")
    COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
    COMP_LINE=$line; COMP_POINT=${#line}; COMPREPLY=()
    "$func" mesh-studio "${COMP_WORDS[-1]}" "${COMP_WORDS[-2]}"
    echo "${COMPREPLY[*]}"
done
"""


def test_bash_completion_is_valid_and_completes_commands_options_and_files(
    capsys, tmp_path: Path
) -> None:
    script = tmp_path / "mesh-studio.bash"
    script.write_text(output_of(capsys, "completion", "bash"))
    assert run("bash", "-n", script).returncode == 0
    driver = tmp_path / "complete.sh"
    driver.write_text(BASH_COMPLETE)
    work = tmp_path / "work"
    (work / "build").mkdir(parents=True)
    (work / "shop.mesh.yaml").touch()
    (work / "notes.txt").touch()
    lines = [
        "mesh-studio ",
        "mesh-studio valid",
        "mesh-studio validate ",
        "mesh-studio export shop.mesh.yaml -o ",
        "mesh-studio registry ",
        "mesh-studio completion ",
        "mesh-studio diff ",
    ]
    result = run("bash", driver, script, cwd=work, stdin="\n".join(lines) + "\n")
    assert result.returncode == 0, result.stderr
    answers = [set(line.split()) for line in result.stdout.splitlines()]
    assert answers == [
        set(COMMANDS),
        {"validate"},
        {"shop.mesh.yaml", "build"},  # a design, or a folder holding one
        {"build"},  # -o DIR
        {"check", "compat", "import"},
        {"bash", "zsh"},
        {"shop.mesh.yaml", "notes.txt", "build"},  # OLD is any file
    ]


def test_zsh_completion_is_valid_zsh_for_every_command(capsys, tmp_path: Path) -> None:
    text = output_of(capsys, "completion", "zsh")
    assert text.startswith("#compdef mesh-studio\n")
    script = tmp_path / "_mesh-studio"
    script.write_text(text)
    result = run("zsh", "-n", script)
    assert result.returncode == 0, result.stderr
    for command in COMMANDS:
        assert f"\n    {command}:" in text  # the menu of commands, with their help
    assert "_files -g '(*.mesh.yaml)'" in text and "_files -/" in text
    # the menu shows the one-line help, not the long description
    assert "info:'count the applications" in text


def test_unknown_shell_is_refused(capsys) -> None:
    with pytest.raises(SystemExit) as info:
        main(["completion", "tcsh"])
    assert info.value.code == 2


# -- man page ---------------------------------------------------------------------------------


def test_man_page_names_every_command_and_renders_without_warnings(capsys) -> None:
    page = output_of(capsys, "manpage")
    assert page.startswith('.TH MESH\\-STUDIO "1"')
    for command in [*COMMANDS, "registry check", "registry compat", "registry import"]:
        assert f".SS \\fBmesh\\-studio {command.replace('-', chr(92) + '-')}\\fR" in page
    assert "\\fB\\-\\-asyncapi\\fR" in page and "\n.SH\nCOMMANDS\n" in page
    result = run("groff", "-man", "-Tutf8", "-ww", "-z", stdin=page)
    assert result.returncode == 0 and result.stderr == ""
    rendered = run("groff", "-man", "-Tutf8", "-P", "-cbou", stdin=page).stdout
    assert "mesh-studio registry compat" in rendered


def test_man_page_keeps_help_lines_that_start_like_roff_requests() -> None:
    parser = argparse.ArgumentParser(prog="tool", epilog="'tool COMMAND --help' tells more")
    parser.add_argument("--quoted", help="'quoted' words come first")
    command = parser.add_subparsers(metavar="COMMAND").add_parser("run", help="run it")
    command.add_argument("--extension", help=".mesh.yaml is the usual extension")
    result = run("groff", "-man", "-Tutf8", "-ww", "-P", "-cbou", stdin=manual_page(parser))
    assert result.stderr == ""
    for text in (
        "'tool COMMAND --help' tells more",
        "'quoted' words come first",
        ".mesh.yaml is the usual extension",
    ):
        assert text in result.stdout


# -- a mistyped command -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["valdate", "x.mesh.yaml"], "'valdate' is not a command; did you mean 'validate'?"),
        (["--debug", "exprot"], "'exprot' is not a command; did you mean 'export'?"),
        (["frobnicate"], f"'frobnicate' is not a command; the commands are {', '.join(COMMANDS)}"),
    ],
)
def test_a_mistyped_command_is_answered_as_such(
    capsys, tmp_path: Path, monkeypatch, args: list[str], message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(args) == 2
    assert capsys.readouterr() == ("", f"mesh-studio: {message}\n")


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["new-design.mesh.yaml"],
        ["new.yml", "--review"],
        ["--review", "new.json"],
        ["--debug", "NEW.YAML"],
        ["notes"],  # notes exists: a file to open, whatever its name
    ],
)
def test_designs_and_existing_files_still_open_the_studio(
    tmp_path: Path, monkeypatch, args: list[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notes").write_text("not a design")
    parser = build_parser()
    assert _mistyped_command(args, parser) is None
    parsed = parser.parse_args(_routed(args, parser))
    assert parsed.command == "gui"
    assert parsed.design == next((a for a in args if not a.startswith("-")), None)
    assert parsed.review == ("--review" in args)


def test_a_design_that_does_not_exist_gets_the_studio_answer(capsys, tmp_path: Path) -> None:
    # what `mesh-studio gui` says of a missing file, before any window opens
    missing = tmp_path / "new-design.mesh.yaml"
    assert main([str(missing)]) == 2
    assert capsys.readouterr().err == f"mesh-studio: {missing}:1:1: no such file\n"


# -- help points to what is installed ---------------------------------------------------------


def test_help_names_no_file_of_the_repository(capsys) -> None:
    for command in [*COMMANDS, "registry check", "registry compat", "registry import"]:
        with pytest.raises(SystemExit):
            main([*command.split(), "--help"])
        text = capsys.readouterr().out
        for reference in (".md", "docs/", "samples/", "README"):
            assert reference not in text, (command, reference)


# -- desktop entry and icon -------------------------------------------------------------------


def test_desktop_entry_is_valid_and_uses_the_shipped_icon() -> None:
    result = run("desktop-file-validate", DESKTOP)
    assert result.returncode == 0 and result.stdout + result.stderr == ""
    entry = dict(line.split("=", 1) for line in DESKTOP.read_text().splitlines() if "=" in line)
    assert entry["Name"] == "Mesh Studio" and entry["Exec"] == "mesh-studio-gui %f"
    assert entry["Icon"] == ICON.stem == "mesh-studio"
    svg = ET.parse(ICON).getroot()
    assert svg.tag == "{http://www.w3.org/2000/svg}svg" and svg.get("viewBox") == "0 0 128 128"


def test_the_studio_window_carries_the_icon() -> None:
    # a process of its own: the core's tests never import Qt
    code = (
        "from studio.gui.app import application\n"
        "app = application()\n"
        "assert not app.windowIcon().pixmap(64, 64).isNull()\n"
        "assert app.desktopFileName() == 'mesh-studio'\n"
    )
    result = run(sys.executable, "-c", code)
    assert result.returncode == 0, result.stderr


# -- make install-desktop ---------------------------------------------------------------------

INSTALLED = (
    "applications/mesh-studio.desktop",
    "icons/hicolor/scalable/apps/mesh-studio.svg",
    "man/man1/mesh-studio.1",
    "bash-completion/completions/mesh-studio",
    "zsh/site-functions/_mesh-studio",
)


def test_make_install_desktop_installs_the_five_files_and_uninstalls_them(tmp_path: Path) -> None:
    prefix = tmp_path / "prefix"
    bin_dir = Path(sys.executable).parent  # this virtualenv, whatever its folder
    make = ("make", "-s", "-o", "setup", f"PREFIX={prefix}", f"BIN={bin_dir}")
    result = run(*make, "install-desktop")
    assert result.returncode == 0, result.stderr
    share = prefix / "share"
    assert sorted(str(p.relative_to(share)) for p in share.rglob("*") if p.is_file()) == sorted(
        INSTALLED
    )
    desktop = share / INSTALLED[0]
    assert f'Exec="{bin_dir}/mesh-studio-gui" %f\n' in desktop.read_text()
    assert run("desktop-file-validate", desktop).returncode == 0
    assert (share / INSTALLED[1]).read_bytes() == ICON.read_bytes()
    assert (share / INSTALLED[2]).read_text().startswith(".TH MESH\\-STUDIO")
    assert run("bash", "-n", share / INSTALLED[3]).returncode == 0
    assert run("zsh", "-n", share / INSTALLED[4]).returncode == 0
    assert run(*make, "uninstall-desktop").returncode == 0
    assert not [p for p in share.rglob("*") if p.is_file()]
