"""The deployment files, checked by running what they say (no Docker engine exists on these machines).

docker-compose.yml's migrate command and two gateway replicas run here with the compose file's own
environment, pointed at the local PostgreSQL, behind nginx with deploy/nginx.conf; the Dockerfile's
health check command runs against a replica; the Kubernetes manifests are checked for consistency.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pytest
import yaml

from conftest import Gateway
from support import ScimClient, assert_list_response, assert_scim_error, describe, loopback_session, unique

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
DOCKERFILE = (ROOT / "Dockerfile").read_text()
KUBERNETES = {
    doc["kind"]: doc
    for path in sorted((ROOT / "deploy" / "kubernetes").glob("*.yaml"))
    if path.name != "kustomization.yaml"
    for doc in yaml.safe_load_all(path.read_text())
}
GATEWAY_REPLICAS = sorted(name for name in COMPOSE["services"] if name.startswith("gateway-"))
# The variables of the README's configuration table.
SERVER_VARIABLES = {
    "DATABASE_URL",
    "LISTEN_ADDRESS",
    "PUBLIC_BASE_URL",
    "DB_POOL_SIZE",
    "HTTP_WORKERS",
    "MAX_BODY_BYTES",
    "SCIM_MAX_RESULTS",
    "LOG_LEVEL",
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def final_stage(dockerfile: str) -> str:
    return re.split(r"^FROM ", dockerfile, flags=re.M)[-1]


def dockerfile_instruction(name: str) -> str:
    """The last instruction NAME of the final stage, continuation lines joined."""
    joined = final_stage(DOCKERFILE).replace("\\\n", " ")
    matches = re.findall(rf"^{name}\s+(.*)$", joined, flags=re.M)
    assert matches, f"the Dockerfile's final stage has no {name}"
    return matches[-1].strip()


def wait_until_ready(url: str, process: subprocess.Popen[Any], seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    session = loopback_session()
    while time.monotonic() < deadline:
        assert process.poll() is None, f"{process.args} exited {process.returncode} before {url} answered"
        try:
            if session.get(url, timeout=2).status_code == 200:
                return
        except OSError:
            pass
        time.sleep(0.1)
    raise AssertionError(f"{url} did not answer 200 within {seconds} s")


def stop(process: subprocess.Popen[Any], seconds: float) -> int | None:
    """SIGTERM, then SIGKILL after the deadline; returns the exit status, None if it had to be killed."""
    if process.poll() is not None:
        return process.returncode
    process.send_signal(signal.SIGTERM)
    try:
        return process.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        return None


# ---------------------------------------------------------------------------------------------
# Static consistency of the files.


def test_compose_runs_migrations_once_before_the_replicas() -> None:
    services = COMPOSE["services"]
    migrate = services["migrate"]
    assert migrate["command"] == ["migrate"] and migrate["restart"] == "no"
    assert migrate["depends_on"]["postgres"]["condition"] == "service_healthy"
    assert len(GATEWAY_REPLICAS) >= 2
    for name in GATEWAY_REPLICAS:
        replica = services[name]
        assert replica["image"] == migrate["image"] and replica["build"] == migrate["build"]
        assert replica["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
        assert SERVER_VARIABLES <= set(replica["environment"]), f"{name} misses a configuration variable"
    lb = services["lb"]
    assert "./deploy/nginx.conf:/etc/nginx/nginx.conf:ro" in lb["volumes"]
    assert set(lb["depends_on"]) == set(GATEWAY_REPLICAS)


def test_nginx_balances_over_every_compose_replica() -> None:
    conf = (ROOT / "deploy" / "nginx.conf").read_text()
    upstream_servers = re.findall(r"^\s*server\s+([\w.-]+):(\d+)", conf, flags=re.M)
    listen_port = COMPOSE["services"][GATEWAY_REPLICAS[0]]["environment"]["LISTEN_ADDRESS"].rsplit(":", 1)[1]
    assert sorted(upstream_servers) == [(name, listen_port) for name in GATEWAY_REPLICAS]


def test_dockerfile_runs_the_binary_as_a_non_root_user() -> None:
    stage = final_stage(DOCKERFILE)
    assert stage.startswith("${RUNTIME_IMAGE}") and "ARG RUNTIME_IMAGE=debian:bookworm-slim" in DOCKERFILE
    assert "libpq5" in stage and "libssl3" in stage
    user = dockerfile_instruction("USER")
    assert user.split(":")[0] not in ("0", "root")
    assert json.loads(dockerfile_instruction("ENTRYPOINT")) == ["scim-gateway"]
    assert json.loads(dockerfile_instruction("CMD")) == ["serve"]
    assert re.search(r"^COPY sql /app/sql$", stage, flags=re.M)
    assert "/healthz" in dockerfile_instruction("HEALTHCHECK")


def test_kubernetes_manifests_agree_with_each_other() -> None:
    deployment, service, pdb, job = (KUBERNETES[k] for k in ("Deployment", "Service", "PodDisruptionBudget", "Job"))
    config = KUBERNETES["ConfigMap"]["data"]
    pod_labels = deployment["spec"]["template"]["metadata"]["labels"]
    assert deployment["spec"]["selector"]["matchLabels"].items() <= pod_labels.items()
    assert service["spec"]["selector"].items() <= pod_labels.items()
    assert pdb["spec"]["selector"]["matchLabels"].items() <= pod_labels.items()
    assert not job["spec"]["template"]["metadata"]["labels"].items() >= service["spec"]["selector"].items(), (
        "the migration Job's pod must not receive Service traffic"
    )

    container = deployment["spec"]["template"]["spec"]["containers"][0]
    assert container["args"] == ["serve"]
    assert container["readinessProbe"]["httpGet"]["path"] == "/readyz"
    assert container["livenessProbe"]["httpGet"]["path"] == "/healthz"
    port = int(config["LISTEN_ADDRESS"].rsplit(":", 1)[1])
    assert container["ports"][0]["containerPort"] == port

    migrate = job["spec"]["template"]["spec"]["containers"][0]
    assert migrate["args"] == ["migrate"]
    for spec in (container, migrate):
        secret = next(e for e in spec["env"] if e["name"] == "DATABASE_URL")["valueFrom"]["secretKeyRef"]
        assert secret["name"] == "scim-gateway-database" and secret["key"] == "DATABASE_URL"
        assert spec["envFrom"][0]["configMapRef"]["name"] == KUBERNETES["ConfigMap"]["metadata"]["name"]
    assert SERVER_VARIABLES - {"DATABASE_URL"} <= set(config)


# ---------------------------------------------------------------------------------------------
# The compose topology, run by hand on loopback.


def local_database(gateway: Gateway) -> str:
    """A fresh database beside the suite's one, owned by the same role, as the compose volume starts empty."""
    url = urlsplit(gateway.environment["DATABASE_URL"])
    name = f"compose_{unique('db').replace('-', '_')}"
    subprocess.run(
        [
            "psql",
            "-X",
            "-q",
            "-v",
            "ON_ERROR_STOP=1",
            "-d",
            urlunsplit(url._replace(path="/postgres")),
            "-c",
            f'CREATE DATABASE "{name}"',
        ],
        check=True,
        capture_output=True,
        timeout=60,
    )
    return urlunsplit(url._replace(path=f"/{name}"))


@pytest.fixture
def compose_stack(gateway: Gateway, tmp_path: Path) -> Iterator[dict[str, Any]]:
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(nginx).exists():
        pytest.fail("nginx is not installed (scripts/test installs it)", pytrace=False)

    processes: list[subprocess.Popen[Any]] = []
    stack: dict[str, Any] = {"replicas": {}, "processes": processes}
    lb_port = free_port()
    lb_url = f"http://127.0.0.1:{lb_port}"
    database_url = local_database(gateway)

    def service_environment(name: str, port: int) -> dict[str, str]:
        environment = {key: str(value) for key, value in COMPOSE["services"][name]["environment"].items()}
        assert environment["LISTEN_ADDRESS"].startswith("0.0.0.0:")
        if "SECRET_KEY" in environment:
            # The compose file requires it from the operator's .env; a throwaway key stands in.
            environment["SECRET_KEY"] = os.urandom(32).hex()
        if "MIGRATION_DATABASE_URL" in environment:
            # The compose file names the postgres container; here one database owner stands in for both roles.
            environment["MIGRATION_DATABASE_URL"] = database_url
        environment.update(
            DATABASE_URL=database_url,
            LISTEN_ADDRESS=f"127.0.0.1:{port}",
            PUBLIC_BASE_URL=lb_url,
            SQL_DIR=gateway.environment.get("SQL_DIR", str(ROOT / "sql")),
        )
        return {**os.environ, **environment}

    try:
        # Migrations: the migrate service's command, twice (a rerun must be harmless).
        migrate_env = service_environment("migrate", free_port())
        for _ in range(2):
            done = subprocess.run(
                [gateway.binary, *COMPOSE["services"]["migrate"]["command"]],
                env=migrate_env,
                capture_output=True,
                text=True,
                timeout=120,
            )
            assert done.returncode == 0, f"migrate failed: {done.stdout}\n{done.stderr}"

        # The replicas have no command of their own: the image's CMD applies.
        command = json.loads(dockerfile_instruction("CMD"))
        upstreams = {}
        for name in GATEWAY_REPLICAS:
            port = free_port()
            log = open(tmp_path / f"{name}.log", "wb")
            process = subprocess.Popen(
                [gateway.binary, *command], env=service_environment(name, port), stdout=log, stderr=subprocess.STDOUT
            )
            processes.append(process)
            stack["replicas"][name] = {"process": process, "port": port, "env": service_environment(name, port)}
            upstreams[name] = port
        for replica in stack["replicas"].values():
            wait_until_ready(f"http://127.0.0.1:{replica['port']}/readyz", replica["process"])

        # deploy/nginx.conf with the compose service names swapped for the local replicas.
        conf = (ROOT / "deploy" / "nginx.conf").read_text()
        for name, port in upstreams.items():
            conf = conf.replace(f"server {name}:8080", f"server 127.0.0.1:{port}")
        conf = re.sub(r"listen\s+8080;", f"listen 127.0.0.1:{lb_port};", conf)
        conf = conf.replace("access_log /dev/stdout scim;", f"access_log {tmp_path}/access.log scim;")
        (tmp_path / "nginx.conf").write_text(conf)
        nginx_process = subprocess.Popen(
            [
                nginx,
                "-c",
                str(tmp_path / "nginx.conf"),
                "-p",
                str(tmp_path),
                "-g",
                f"daemon off; pid {tmp_path}/nginx.pid;",
            ],
            stdout=open(tmp_path / "nginx.out", "wb"),
            stderr=subprocess.STDOUT,
        )
        processes.append(nginx_process)
        wait_until_ready(f"{lb_url}/lb-healthz", nginx_process)
        stack.update(lb_url=lb_url, database_url=database_url, access_log=tmp_path / "access.log")
        yield stack
    finally:
        for process in reversed(processes):
            stop(process, 10)


def test_compose_topology_serves_scim_through_the_load_balancer(
    gateway: Gateway, compose_stack: dict[str, Any]
) -> None:
    lb_url = compose_stack["lb_url"]
    admin = Gateway(
        lb_url,
        gateway.binary,
        {**gateway.environment, "DATABASE_URL": compose_stack["database_url"], "PUBLIC_BASE_URL": lb_url},
        None,
    )
    tenant = admin.cli("tenant", "create", unique("compose"))["id"]
    provider = admin.cli("provider", "create", "--tenant", tenant, "--name", "okta")["id"]
    enabled = admin.cli("scim", "enable", "--provider", provider)
    assert enabled["endpoint"] == f"{lb_url}/scim/v2"
    scim = ScimClient(enabled["endpoint"], enabled["token"], tenant, provider)

    user = scim.create_user()
    assert user["meta"]["location"].startswith(f"{lb_url}/scim/v2/Users/")
    # least_conn over kept-alive upstream connections: enough requests reach every replica.
    for _ in range(12):
        assert scim.read(f"Users/{user['id']}")["id"] == user["id"]

    old_token = scim.token
    scim.token = admin.rotate_token(provider)
    for _ in range(6):
        assert_scim_error(scim.get("Users", token=old_token), 401)
        assert_list_response(scim.get("Users"))

    time.sleep(0.5)  # nginx writes its access log line after the response
    lines = [json.loads(line) for line in compose_stack["access_log"].read_text().splitlines() if line.strip()]
    served_by = {line["upstream"].rsplit(":", 1)[-1] for line in lines if line["path"].startswith("/scim/")}
    ports = {str(replica["port"]) for replica in compose_stack["replicas"].values()}
    assert served_by == ports, f"requests reached {served_by}, replicas listen on {ports}"
    assert all(line["request_id"] for line in lines)


def test_dockerfile_health_check_command_passes_against_a_replica(compose_stack: dict[str, Any]) -> None:
    check = dockerfile_instruction("HEALTHCHECK")
    shell_command = check.split(" CMD ", 1)[1]
    for name, replica in compose_stack["replicas"].items():
        done = subprocess.run(
            ["sh", "-c", shell_command], env=replica["env"], capture_output=True, text=True, timeout=10
        )
        assert done.returncode == 0, f"HEALTHCHECK failed for {name}: {shlex.quote(shell_command)} {done.stderr}"


def test_replicas_stop_cleanly_within_the_compose_grace_period(compose_stack: dict[str, Any]) -> None:
    grace = COMPOSE["services"][GATEWAY_REPLICAS[0]]["stop_grace_period"]
    seconds = int(grace.rstrip("s"))
    for name, replica in compose_stack["replicas"].items():
        status = stop(replica["process"], seconds)
        assert status == 0, f"{name} exited {status} after SIGTERM (None: still running after {grace})"

    # With both replicas gone, the load balancer answers 502 rather than hanging.
    response = loopback_session().get(f"{compose_stack['lb_url']}/healthz", timeout=10)
    assert response.status_code == 502, describe(response)
