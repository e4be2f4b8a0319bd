"""Sides of a diff from files and from git revisions (a temporary repository per test)."""

from __future__ import annotations

import subprocess
import textwrap
from pathlib import Path

import pytest

from studio.diff import diff_specs, load_side, registry_of
from studio.errors import MeshStudioError

DESIGN = textwrap.dedent("""\
    meshStudio: 1
    registry: registry.yaml
    brokers: [{id: kafka, protocol: kafka}]
    applications:
      - id: shop
        publishes: [{topic: orders}]
      - id: billing
        subscribes: [{topic: orders, schemaVersion: 1}]
    topics:
      - {id: orders, address: shop.order.placed.v1, broker: kafka, messages: [order]}
      - {id: refunds, address: shop.refund.placed.v1, broker: kafka}
    messages:
      - {id: order, payload: {subject: orders-value, version: 1}}
    """)
SCHEMA_V1 = '{"type":"record","name":"Order","fields":[{"name":"id","type":"string"}]}'
SCHEMA_V2 = '{"type":"record","name":"Order","fields":[{"name":"code","type":"string"}]}'


def registry_text(*schemas: str) -> str:
    versions = "".join(
        f"      - {{version: {i}, id: {i}, schema: '{s}'}}\n" for i, s in enumerate(schemas, 1)
    )
    return (
        "formatVersion: 1\nsubjects:\n  orders-value:\n    config: {compatibilityLevel: "
        "NONE}\n    versions:\n" + versions
    )


def git(root: Path, *args: str) -> None:
    subprocess.run(
        [
            "git",
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@example.com",
            "-c",
            "commit.gpgsign=false",
            *args,
        ],
        cwd=root,
        check=True,
        capture_output=True,
    )


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """designs/shop.mesh.yaml and its registry, committed twice: HEAD~1 has the refunds
    topic, HEAD does not; the working tree bumps the payload to v2 (in the registry too)."""
    root = tmp_path / "repo"
    designs = root / "designs"
    designs.mkdir(parents=True)
    git(root, "init", "-q")
    (designs / "shop.mesh.yaml").write_text(DESIGN, encoding="utf-8")
    (designs / "registry.yaml").write_text(registry_text(SCHEMA_V1), encoding="utf-8")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "first")
    (designs / "shop.mesh.yaml").write_text(
        DESIGN.replace("  - {id: refunds, address: shop.refund.placed.v1, broker: kafka}\n", ""),
        encoding="utf-8",
    )
    git(root, "commit", "-q", "-am", "second")
    (designs / "shop.mesh.yaml").write_text(
        DESIGN.replace(
            "  - {id: refunds, address: shop.refund.placed.v1, broker: kafka}\n", ""
        ).replace("version: 1}}", "version: 2}}"),
        encoding="utf-8",
    )
    (designs / "registry.yaml").write_text(registry_text(SCHEMA_V1, SCHEMA_V2), encoding="utf-8")
    return root


def test_file_sides(repo: Path) -> None:
    side = load_side(str(repo / "designs" / "shop.mesh.yaml"))
    assert side.revision is None and side.base_dir == repo / "designs"
    result = diff_specs(
        str(repo / "designs" / "shop.mesh.yaml"), str(repo / "designs" / "shop.mesh.yaml")
    )
    assert result.same


def test_git_revision_from_the_repository_root(repo: Path) -> None:
    new = "designs/shop.mesh.yaml"
    result = diff_specs("git:HEAD~1:designs/shop.mesh.yaml", new, cwd=repo)
    assert result.old_label == "git:HEAD~1:designs/shop.mesh.yaml"
    assert [(c.path, c.breaking) for c in result.changes] == [
        ("topics/refunds", False),
        ("messages/order/payload", True),
    ]
    # the old side read its registry at HEAD~1, which has no version 2
    side = load_side("git:HEAD~1:designs/shop.mesh.yaml", None, cwd=repo)
    registry, problem = registry_of(side)
    assert problem is None and registry is not None
    assert [v.version for v in registry.subjects["orders-value"].versions] == [1]
    # ... while the working tree's registry has it, so the pinned reader is checked
    payload = next(c for c in result.changes if c.path == "messages/order/payload")
    assert payload.affected == ("billing",) and "v1 needs field 'id'" in payload.reason


def test_git_revision_from_a_subfolder(repo: Path) -> None:
    here = repo / "designs"
    for spec in (
        "git:HEAD:shop.mesh.yaml",
        "git:HEAD:designs/shop.mesh.yaml",
        "git:HEAD:./shop.mesh.yaml",
        "git:HEAD:/designs/shop.mesh.yaml",
        "git:HEAD",
    ):
        side = load_side(spec, str(here / "shop.mesh.yaml"), cwd=here)
        assert side.label == "git:HEAD:designs/shop.mesh.yaml", spec
        assert side.repo_path == "designs/shop.mesh.yaml"
        assert side.base_dir.resolve() == here.resolve()


def test_the_repository_is_the_one_the_other_design_lives_in(repo: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = diff_specs(
        "git:HEAD:designs/shop.mesh.yaml", str(repo / "designs" / "shop.mesh.yaml"), cwd=elsewhere
    )
    assert [c.path for c in result.changes] == ["messages/order/payload"]


def test_both_sides_at_revisions(repo: Path) -> None:
    result = diff_specs(
        "git:HEAD~1:designs/shop.mesh.yaml", "git:HEAD:designs/shop.mesh.yaml", cwd=repo
    )
    assert [c.path for c in result.changes] == ["topics/refunds"]


def test_registry_missing_at_the_revision_is_read_from_the_working_tree(repo: Path) -> None:
    git(repo, "rm", "-q", "--cached", "designs/registry.yaml")
    git(repo, "commit", "-q", "-m", "untrack the registry")
    side = load_side("git:HEAD:designs/shop.mesh.yaml", None, cwd=repo)
    registry, problem = registry_of(side)
    assert problem is None and registry is not None
    assert len(registry.subjects["orders-value"].versions) == 2  # the working tree's


@pytest.mark.parametrize(
    ("spec", "cwd", "message"),
    [
        ("git:nope:designs/shop.mesh.yaml", ".", "revision 'nope' is not known in the repository"),
        (
            "git:HEAD:designs/other.mesh.yaml",
            ".",
            "there is no file 'designs/other.mesh.yaml' in revision HEAD",
        ),
        ("git:HEAD:designs", ".", "there is no file 'designs' in revision HEAD"),
        ("git:HEAD:./shop.mesh.yaml", ".", "there is no file 'shop.mesh.yaml' in revision HEAD"),
        ("git:HEAD:../outside.mesh.yaml", ".", "names a file outside the repository"),
        ("git::designs/shop.mesh.yaml", ".", "names no revision"),
        ("git:--output=x:designs/shop.mesh.yaml", ".", "names no revision"),
    ],
)
def test_unusable_git_specs(repo: Path, spec: str, cwd: str, message: str) -> None:
    with pytest.raises(MeshStudioError) as info:
        load_side(spec, None, cwd=repo / cwd)
    assert message in str(info.value)
    assert str(info.value).startswith(spec + ":1:1: ")


def test_not_a_repository(tmp_path: Path) -> None:
    (tmp_path / "x.mesh.yaml").write_text(DESIGN, encoding="utf-8")
    with pytest.raises(MeshStudioError, match="is not inside a git repository"):
        load_side("git:HEAD:x.mesh.yaml", str(tmp_path / "x.mesh.yaml"), cwd=tmp_path)


def test_git_not_installed(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(repo / "no-such-bin"))
    with pytest.raises(MeshStudioError, match="git is not installed"):
        load_side("git:HEAD:designs/shop.mesh.yaml", None, cwd=repo)


def test_a_revision_with_a_broken_design_names_it(repo: Path) -> None:
    (repo / "designs" / "shop.mesh.yaml").write_text(
        "meshStudio: 1\nbrokers: [\n", encoding="utf-8"
    )
    git(repo, "commit", "-q", "-am", "broken")
    with pytest.raises(MeshStudioError) as info:
        load_side("git:HEAD:designs/shop.mesh.yaml", None, cwd=repo)
    assert str(info.value).startswith("git:HEAD:designs/shop.mesh.yaml:")
    assert "YAML syntax error" in str(info.value)
