"""Comments are found wherever YAML allows them, and nowhere else."""

from __future__ import annotations

from studio.io.yaml_comments import comment_lines


def test_comments_are_found_on_their_lines() -> None:
    text = (
        "# heading\n"  # 1
        "a: 1  # after a value\n"  # 2
        'b: "x # quoted"\n'  # 3
        "c: 'y#z' # after a quote\n"  # 4
        "d: |  # on a block header\n"  # 5
        "  body # part of the text\n"  # 6
        "  # part of the text too\n"  # 7
        "e: [1, 2] # after a flow list\n"  # 8
        "f: x#y\n"  # 9
        "g:\n"  # 10
        "  # in a block sequence\n"  # 11
        "  - k  # after an item\n"  # 12
        "# closing\n"  # 13
    )
    assert comment_lines(text) == [1, 2, 4, 5, 8, 11, 12, 13]


def test_texts_without_comments_have_none() -> None:
    assert comment_lines("a: b\n") == []
    assert comment_lines("topic: 'sensors/#'\nother: \"a # b\"\nurl: http://x/#frag\n") == []
    assert comment_lines("a: b # last line without newline") == [1]
