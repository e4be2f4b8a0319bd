"""A process that saves a design over and over until it is killed, for the atomic-save test.

Run as ``python kill_writer.py TARGET A B``: it reads the canonical texts of two versions of a
design (files A and B) and parses them into designs once, then waits for commands on stdin.
``write`` or ``save`` forks a child that alternates A and B into TARGET for ever, with
``write_atomic`` (the exact bytes ``save_design`` writes) or with ``save_design`` itself
(canonical dump included); it prints the child's pid. The test SIGKILLs that child at a random
moment; ``reap`` then waits for it and prints how it ended. Forking a loaded, single-threaded
process makes each kill cost milliseconds instead of a fresh interpreter's start-up.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from studio.io.atomic import write_atomic
from studio.io.design_file import parse_design, save_design


def main(target: Path, a: Path, b: Path) -> None:
    texts = [a.read_text(encoding="utf-8"), b.read_text(encoding="utf-8")]
    designs = [parse_design(text).design for text in texts]
    child = 0
    for line in sys.stdin:
        command = line.strip()
        if command in ("write", "save"):
            child = os.fork()
            if child == 0:
                _write_for_ever(target, texts, designs, command == "save")
            print(child, flush=True)
        elif command == "reap":
            _, status = os.waitpid(child, 0)
            print(
                f"signal {os.WTERMSIG(status)}"
                if os.WIFSIGNALED(status)
                else f"exit {os.WEXITSTATUS(status)}",
                flush=True,
            )


def _write_for_ever(target: Path, texts: list[str], designs: list, save: bool) -> None:  # type: ignore[type-arg]
    try:
        turn = 0
        while True:
            if save:
                save_design(designs[turn % 2], target)
            else:
                write_atomic(target, texts[turn % 2])
            turn += 1
    finally:  # never reached unless writing fails: then say so through the exit code
        os._exit(1)


if __name__ == "__main__":
    main(*(Path(arg) for arg in sys.argv[1:4]))
