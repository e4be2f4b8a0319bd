"""Reading without positions, and reading in steps: the same data, and the same errors at the
same lines, as reading a file at once with every position (what the studio window opens a
big design with: ``load_design(positions=False)``, ``load_registry_steps``)."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest

from studio.cli import main as cli
from studio.errors import LoadError
from studio.io.design_file import load_design
from studio.io.yaml_source import drain, parse_yaml, parse_yaml_steps, read_text, read_text_steps
from studio.registry import file as registry_file
from studio.registry import load_registry
from studio.registry.file import load_registry_steps
from tests.conftest import SAMPLES


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("mesh") / "g.mesh.yaml"
    assert cli(["generate", "--apps", "40", "--seed", "2", "-o", str(path)]) == 0
    return path


def counted_steps(steps):  # type: ignore[no-untyped-def]
    """Run ``steps`` to their end; the result and how many pauses it made."""
    pauses = 0
    try:
        while True:
            next(steps)
            pauses += 1
    except StopIteration as done:
        return done.value, pauses


def test_a_stepped_read_pauses_and_reads_what_a_read_at_once_reads(generated: Path) -> None:
    text = generated.read_text(encoding="utf-8")
    for positions in (True, False):
        at_once = parse_yaml(text, generated, positions)
        stepped, pauses = counted_steps(parse_yaml_steps(text, generated, positions, 50))
        assert pauses > 10
        assert stepped[0] == at_once[0]
        assert stepped[1].marks == at_once[1].marks
    assert drain(parse_yaml_steps(text, generated, True, 0)) == parse_yaml(text, generated)


def test_numbers_and_keywords_read_as_the_core_schema_says() -> None:
    text = (
        "a: 12\nb: -3.5\nc: .5\nd: 1e3\ne: 0o17\nf: 0x1F\ng: .inf\nh: -.inf\ni: +7\n"
        "j: 1_000\nk: 12:30\nl: -x\nm: 1.2.3\nn: null\no: true\np: False\nq: ~\nr: 0x\n"
    )
    data, _ = parse_yaml(text, "t.yaml", positions=False)
    nan, _ = parse_yaml("x: .nan\n", "t.yaml")
    assert math.isnan(nan["x"])
    assert data == {
        "a": 12,
        "b": -3.5,
        "c": 0.5,
        "d": 1000.0,
        "e": 15,
        "f": 31,
        "g": math.inf,
        "h": -math.inf,
        "i": 7,
        "j": "1_000",
        "k": "12:30",
        "l": "-x",
        "m": "1.2.3",
        "n": None,
        "o": True,
        "p": False,
        "q": None,
        "r": "0x",
    }
    assert type(data["a"]) is int and type(data["d"]) is float


@pytest.mark.parametrize("design", sorted(SAMPLES.glob("*.mesh.yaml")), ids=lambda p: p.name)
def test_a_design_read_without_positions_is_the_same_design(design: Path) -> None:
    quick = load_design(design, positions=False)
    assert quick.design == load_design(design).design
    assert quick.source.marks == {(): (1, 1)}  # nothing to point at, as asked


@pytest.mark.parametrize(
    ("line", "broken"),
    [
        (1, "formatVersion: 99"),
        (None, "  bad: [unclosed"),
        (None, "  bad: .nan"),  # a position that is no number: refused by the layout check
    ],
)
def test_a_refused_design_names_the_same_line_without_positions(
    generated: Path, tmp_path: Path, line: int | None, broken: str
) -> None:
    lines = generated.read_text(encoding="utf-8").splitlines()
    if line == 1:
        lines[0] = broken
    else:  # into the layout, far down the file
        at = lines.index("layout:") + 2
        if broken.endswith(".nan"):
            lines[at] = re.sub(r"x: [-0-9.]+", "x: .nan", lines[at])
        else:
            lines.insert(at, broken)
    path = tmp_path / "broken.mesh.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(LoadError) as with_positions:
        load_design(path)
    with pytest.raises(LoadError) as without:
        load_design(path, positions=False)
    assert str(without.value) == str(with_positions.value)
    assert (without.value.line, without.value.column) == (
        with_positions.value.line,
        with_positions.value.column,
    )
    if line is None:
        assert with_positions.value.line is not None and with_positions.value.line > 10


def test_a_registry_read_in_steps_is_the_registry_read_at_once(generated: Path) -> None:
    path = generated.parent / "g.registry.yaml"
    registry, _ = load_registry(path)
    (stepped, stepped_source), pauses = counted_steps(load_registry_steps(path, False, 50))
    assert pauses > 10
    assert stepped == registry
    assert list(stepped.subjects) == list(registry.subjects)  # in the file's order
    assert not stepped_source.marks.keys() - {()}
    assert load_registry(path, positions=False)[0] == registry
    assert (
        load_registry(SAMPLES / "registry.yaml", positions=False)[0]
        == (load_registry(SAMPLES / "registry.yaml")[0])
    )


def test_a_refused_registry_read_in_steps_names_the_same_line(
    generated: Path, tmp_path: Path
) -> None:
    lines = (generated.parent / "g.registry.yaml").read_text(encoding="utf-8").splitlines()
    version = next(i for i, text in enumerate(lines) if text.strip().startswith("- version:"))
    lines.insert(version + 1, lines[version])  # the same version listed twice
    error = refused_alike(tmp_path / "broken.registry.yaml", lines)
    assert error.line is not None and error.line > 1


def refused_alike(path: Path, lines: list[str]) -> LoadError:
    """The error reading the registry file of ``lines`` (written to ``path``) gives, the same
    whether it is read at once or in steps."""
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(LoadError) as at_once:
        load_registry(path)
    with pytest.raises(LoadError) as stepped:
        counted_steps(load_registry_steps(path, False, 50))
    assert str(stepped.value) == str(at_once.value)
    return at_once.value


@pytest.mark.parametrize(
    "content",
    [
        "\ufeffname: Zoë ☕ ünïcödé\n" * 50,  # a BOM, and characters split between chunks
        "",
    ],
)
def test_a_file_read_in_chunks_is_the_file_read_at_once(tmp_path: Path, content: str) -> None:
    path = tmp_path / "f.yaml"
    path.write_text(content, encoding="utf-8")
    text, pauses = counted_steps(read_text_steps(path, 7))
    assert text == read_text(path) == content.replace("\ufeff", "", 1)
    assert pauses >= 2 * len(content.encode()) // 7  # read, then decoded, seven bytes a time


@pytest.mark.parametrize(
    "data",
    [
        "ok: ünïcödé\n".encode() * 20 + b"bad: \xff\n" + b"more: text\n" * 20,
        "ok: ünïcödé\n".encode() * 20 + "cut: é".encode()[:-1],  # the last character cut off
    ],
)
def test_a_file_that_is_not_text_read_in_chunks_names_the_same_line(
    tmp_path: Path, data: bytes
) -> None:
    path = tmp_path / "f.yaml"
    path.write_bytes(data)
    with pytest.raises(LoadError) as at_once:
        read_text(path)
    with pytest.raises(LoadError) as chunked:
        counted_steps(read_text_steps(path, 7))
    assert str(chunked.value) == str(at_once.value)
    assert at_once.value.line == 21


@pytest.mark.parametrize(
    "mistake, said",
    [
        ("unknown key", "unknown key 'colour'"),
        ("version twice", "lists version 1 twice"),
        ("both", "unknown key 'colour'"),  # the structure is checked first, as at once
    ],
)
def test_a_registry_checked_a_share_at_a_time_names_the_same_mistake(
    generated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mistake: str, said: str
) -> None:
    monkeypatch.setattr(registry_file, "SUBJECTS_PER_CHECK", 3)
    lines = (generated.parent / "g.registry.yaml").read_text(encoding="utf-8").splitlines()
    seconds = [i for i, text in enumerate(lines) if text.strip() == "- version: 2"]
    if mistake in ("version twice", "both"):  # early in the file: in the first share
        lines[seconds[0]] = lines[seconds[0]].replace("2", "1")
    if mistake in ("unknown key", "both"):  # late in the file: in a later share
        lines.insert(seconds[-1] + 1, lines[seconds[-1]].replace("- version: 2", "  colour: 1"))
    assert said in str(refused_alike(tmp_path / "broken.registry.yaml", lines))
