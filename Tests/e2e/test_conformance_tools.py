"""The public SCIM conformance tools, run against the live server as an IdP would see it.

`scim2 test` (scim2-cli, driving scim2-tester) and `scim-sanity probe` are the checks issue 2 names.
Each test parses the tool's report so a failure lists the failing checks, not only an exit code.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

# scim2-tester's statuses (scim2_tester.Status). scim2-cli exits 1 on anything but SUCCESS, SKIPPED included.
SCIM2_STATUS_LINE = re.compile(r"^(SUCCESS|COMPLIANT|ACCEPTABLE|DEVIATION|ERROR|CRITICAL|SKIPPED) (.*)$")


def tool(name: str) -> str:
    """The console script installed beside this interpreter (the venv scripts/test made), else on PATH."""
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.exists() else shutil.which(name)
    if not found:
        pytest.fail(f"{name} is not installed: install Tests/e2e/requirements.txt", pytrace=False)
    return found


def run(command: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command,
        capture_output=True,
        text=True,
        timeout=600,
        stdin=subprocess.DEVNULL,
        env={**os.environ, "NO_COLOR": "1", "TERM": "dumb"},
    )


def parse_scim2_report(output: str) -> list[tuple[str, str, str]]:
    """(status, title, reason) for each check; a reason is the indented line after its check."""
    checks: list[tuple[str, str, str]] = []
    for line in output.splitlines():
        match = SCIM2_STATUS_LINE.match(line)
        if match:
            checks.append((match.group(1), match.group(2), ""))
        elif line.startswith("  ") and checks and not checks[-1][2]:
            status, title, _ = checks[-1]
            checks[-1] = (status, title, line.strip())
    return checks


def test_scim2_tester_passes_every_check(provision: Callable[..., Any]) -> None:
    provisioned = provision(name="scim2-tester")
    command = [tool("scim2"), "--url", provisioned.endpoint, "-h", f"Authorization: Bearer {provisioned.token}", "test"]
    completed = run(command)
    checks = parse_scim2_report(completed.stdout)

    failing = [f"{status} {title}: {reason}" for status, title, reason in checks if status != "SUCCESS"]
    assert not failing, "scim2-tester checks that did not succeed:\n" + "\n".join(failing)
    # Discovery failures end the run early; make sure the CRUD and PATCH checks of both resources ran.
    titles = [title for _, title, _ in checks]
    for title in ("object_creation", "object_replacement", "object_deletion", "check_replace_attribute"):
        assert titles.count(title) >= 2, f"scim2 test ran no {title} for User and Group:\n{completed.stdout}"
    assert completed.returncode == 0, (
        f"scim2 test exited {completed.returncode}:\n{completed.stdout}\n{completed.stderr}"
    )


def test_scim_sanity_probe_passes(provision: Callable[..., Any]) -> None:
    provisioned = provision(name="scim-sanity")
    command = [
        tool("scim-sanity"),
        "probe",
        provisioned.endpoint,
        "--token",
        provisioned.token,
        "--i-accept-side-effects",
        "--json-output",
        "--timeout",
        "20",
    ]
    completed = run(command)
    try:
        report = json.loads(completed.stdout[completed.stdout.index("{") :])
    except ValueError as error:
        raise AssertionError(f"scim-sanity printed no JSON report:\n{completed.stdout}\n{completed.stderr}") from error

    results = report["results"]
    failing = [
        f"{r['status'].upper()} [{r.get('phase', '')}] {r['name']}: {r.get('message', '')}"
        for r in results
        if r["status"] in ("fail", "error")
    ]
    assert not failing, "scim-sanity probe failures:\n" + "\n".join(failing)
    passed = [r for r in results if r["status"] == "pass"]
    assert len(passed) >= 20, f"scim-sanity passed only {len(passed)} checks: {report['summary']}"
    assert completed.returncode == 0, f"scim-sanity exited {completed.returncode}: {report['summary']}"
