"""Run ``mesh-studio`` commands in this process, offline, and report how each ended, as JSON.

``python bounded_runner.py '[["info", "x.mesh.yaml"], ...]'``. The test starts it with an
address-space limit, so a command that tried to hold a blow-up in memory fails here (as an
internal error or a killed process) instead of swapping the machine. Any attempt to open a
network connection is refused and reported.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import socket
import sys
import time
from pathlib import Path


def main(commands: list[list[str]]) -> None:
    attempts: list[str] = []

    def refuse(*args: object, **kwargs: object) -> None:
        attempts.append(repr(args[:2]))
        raise OSError("network access is not allowed in this test")

    socket.socket.connect = refuse  # type: ignore[method-assign]
    socket.create_connection = refuse  # type: ignore[assignment]
    socket.getaddrinfo = refuse  # type: ignore[assignment]
    from studio.cli import main as cli

    results = []
    for argv in commands:
        out, err = io.StringIO(), io.StringIO()
        start = time.perf_counter()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = cli(argv)
            except SystemExit as exit_:
                code = exit_.code if isinstance(exit_.code, int) else 2
        results.append(
            {
                "argv": argv,
                "code": code,
                "stdout": out.getvalue()[-2000:],
                "stderr": err.getvalue()[-2000:],
                "seconds": time.perf_counter() - start,
            }
        )
    # VmHWM is this process's own peak; ru_maxrss is not: Linux carries the peak of the
    # process that forked it across exec, so a big pytest process would be counted here
    status = Path("/proc/self/status").read_text(encoding="ascii")
    peak_kib = int(re.search(r"^VmHWM:\s+(\d+) kB", status, re.M).group(1))
    print(json.dumps({"results": results, "network": attempts, "peak_kib": peak_kib}))


if __name__ == "__main__":
    main(json.loads(sys.argv[1]))
