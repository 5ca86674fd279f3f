"""Several `scim-gateway serve` processes on one database behind nginx, on loopback, and load to drive them.

The replicas share the suite's database (the tests provision a fresh tenant each), so they run as the service role
under row-level security exactly as the suite's server does. nginx runs deploy/nginx.conf with its upstream servers
replaced by the local replicas, keeping their parameters. Every process is started here and stopped by its pid.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests

from conftest import Gateway, Provisioned
from support import SCIM_JSON, ScimClient
from test_deployment import free_port, stop, wait_until_ready

ROOT = Path(__file__).resolve().parents[2]
NGINX_CONF = ROOT / "deploy" / "nginx.conf"
# Requests under load on two shared cores: a loaded debug build answers in well under this.
LOAD_REQUEST_TIMEOUT = 15


def results_directory(test_name: str, fallback: Path) -> Path:
    """Where a test's replica and nginx logs go: beside the suite's server log when scripts/test runs it."""
    server_log = os.environ.get("SCIM_GATEWAY_LOG")
    base = Path(server_log).parent / "cluster" if server_log else fallback
    directory = base / re.sub(r"[^\w.-]+", "_", test_name)
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True)
    return directory


def balancer_configuration(ports: list[int], listen_port: int, directory: Path) -> str:
    """deploy/nginx.conf with one upstream server per local replica (same parameters) and loopback-only listening."""
    conf = NGINX_CONF.read_text()
    upstream_line = re.compile(r"^([ \t]*)server[ \t]+[\w.-]+:\d+([^;\n]*);[ \t]*\n", flags=re.M)
    found = upstream_line.findall(conf)
    assert found, f"{NGINX_CONF} has no upstream server lines"
    assert len(set(found)) == 1, f"{NGINX_CONF}: upstream servers differ in their parameters: {found}"
    indent, parameters = found[0]
    servers = "".join(f"{indent}server 127.0.0.1:{port}{parameters};\n" for port in ports)
    first = upstream_line.search(conf)
    assert first is not None
    conf = upstream_line.sub("", conf)
    conf = conf[: first.start()] + servers + conf[first.start() :]

    conf, listens = re.subn(r"listen\s+8080;", f"listen 127.0.0.1:{listen_port};", conf)
    assert listens == 1, f"{NGINX_CONF} must listen on 8080 exactly once"
    conf = conf.replace("access_log /dev/stdout scim;", f"access_log {directory}/access.log scim;")
    return conf.replace("error_log /dev/stderr", f"error_log {directory}/nginx-error.log")


@dataclass
class Replica:
    """One `scim-gateway serve` process on a loopback port of its own."""

    name: str
    port: int
    binary: str
    environment: dict[str, str]
    log_path: Path
    process: subprocess.Popen[Any] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(
                [self.binary, "serve"],
                env=self.environment,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
            )

    @property
    def pid(self) -> int:
        assert self.process is not None, f"{self.name} was never started"
        return self.process.pid

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def log_lines(self) -> list[str]:
        return self.log_path.read_text(errors="replace").splitlines() if self.log_path.exists() else []

    def requests(self, method: str, route_prefix: str) -> int:
        """How many requests of `method` on a route starting with `route_prefix` the replica's log shows."""
        count = 0
        for line in self.log_lines():
            try:
                entry = json.loads(line)
            except json.JSONDecodeError:
                continue
            if entry.get("method") == method and str(entry.get("route", "")).startswith(route_prefix):
                count += 1
        return count

    def log_tail(self, count: int = 25) -> str:
        return "\n".join(self.log_lines()[-count:])


@dataclass
class Cluster:
    """Replicas of the gateway over the suite's database, optionally behind nginx on a loopback port."""

    gateway: Gateway
    directory: Path
    replicas: list[Replica] = field(default_factory=list)
    balancer: subprocess.Popen[Any] | None = None
    balancer_port: int = 0

    @property
    def lb_url(self) -> str:
        assert self.balancer is not None, "this cluster runs without nginx"
        return f"http://127.0.0.1:{self.balancer_port}"

    def start(self, replicas: int = 3, balanced: bool = True, **settings: str) -> Cluster:
        """Starts the replicas with extra environment `settings`, waits until each is ready, then nginx."""
        self.balancer_port = free_port()
        public_url = f"http://127.0.0.1:{self.balancer_port}"
        for index in range(1, replicas + 1):
            port = free_port()
            environment = {
                **self.gateway.environment,
                "LISTEN_ADDRESS": f"127.0.0.1:{port}",
                "PUBLIC_BASE_URL": public_url if balanced else f"http://127.0.0.1:{port}",
                "LOG_LEVEL": "info",
                **settings,
            }
            name = f"replica-{index}"
            replica = Replica(name, port, self.gateway.binary, environment, self.directory / f"{name}.log")
            self.replicas.append(replica)
            replica.start()
        for replica in self.replicas:
            assert replica.process is not None
            wait_until_ready(f"{replica.url}/readyz", replica.process)
        if balanced:
            self.start_balancer()
        return self

    def start_balancer(self) -> None:
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        assert Path(nginx).exists(), "nginx is not installed (scripts/test installs it)"
        conf_path = self.directory / "nginx.conf"
        conf_path.write_text(
            balancer_configuration([replica.port for replica in self.replicas], self.balancer_port, self.directory)
        )
        with open(self.directory / "nginx.out", "wb") as output:
            self.balancer = subprocess.Popen(
                [nginx, "-c", str(conf_path), "-p", str(self.directory), "-g", "daemon off; pid nginx.pid;"],
                stdout=output,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
            )
        wait_until_ready(f"{self.lb_url}/lb-healthz", self.balancer)

    def stop(self) -> None:
        """SIGTERM to nginx and every replica still running (SIGKILL after 15 s), each by its own pid."""
        if self.balancer is not None:
            stop(self.balancer, 15)
        for replica in self.replicas:
            if replica.process is not None:
                stop(replica.process, 15)

    def client(self, provisioned: Provisioned, base_url: str | None = None) -> ScimClient:
        """A SCIM client of `provisioned`'s provider through nginx, or straight to `base_url` (one replica)."""
        endpoint = f"{base_url or self.lb_url}/scim/v2"
        return ScimClient(endpoint, provisioned.token, provisioned.tenant_id, provisioned.provider_id)

    def evidence(self, lines: int = 15) -> str:
        """The last lines of every replica's log and of nginx's error log, for assertion messages."""
        parts = [
            f"--- {replica.name} (port {replica.port}) ---\n{replica.log_tail(lines)}" for replica in self.replicas
        ]
        error_log = self.directory / "nginx-error.log"
        if error_log.exists():
            tail = error_log.read_text(errors="replace").splitlines()[-lines:]
            parts.append("--- nginx error log ---\n" + "\n".join(tail))
        return f"\nlogs in {self.directory}\n" + "\n".join(parts)

    def served(self, method: str, route_prefix: str) -> dict[str, int]:
        """Per replica, how many requests of `method` on a route starting with `route_prefix` it logged."""
        return {replica.name: replica.requests(method, route_prefix) for replica in self.replicas}


@contextmanager
def running_cluster(gateway: Gateway, directory: Path, **options: Any) -> Iterator[Cluster]:
    cluster = Cluster(gateway, directory)
    try:
        yield cluster.start(**options)
    finally:
        cluster.stop()


# ---------------------------------------------------------------------------------------------
# Load: worker threads that stop by themselves.


@dataclass
class Outcome:
    """One request of a load worker: what it was, when, and the answer (status None: no HTTP answer)."""

    worker: int
    operation: str
    started: float
    finished: float
    status: int | None
    error: str = ""
    body: str = ""
    headers: dict[str, str] = field(default_factory=dict)
    token: str = ""

    def describe(self) -> str:
        answer = self.status if self.status is not None else f"no answer ({self.error})"
        return (
            f"worker {self.worker} {self.operation} at +{self.started:.3f}s took {self.finished - self.started:.3f}s"
            f" -> {answer} {self.body[:300]}"
        )


class Recorder:
    """Sends requests for load workers and records every outcome, thread-safely, with times relative to `epoch`."""

    def __init__(self) -> None:
        self.epoch = time.monotonic()
        self.outcomes: list[Outcome] = []
        self._lock = threading.Lock()

    def now(self) -> float:
        return time.monotonic() - self.epoch

    def send(
        self,
        worker: int,
        client: ScimClient,
        method: str,
        path: str,
        *,
        operation: str | None = None,
        body: Any = None,
        params: dict[str, Any] | None = None,
        token: str | None = None,
    ) -> Outcome:
        started = self.now()
        used_token = token or client.token
        try:
            headers = {"Accept": SCIM_JSON, "Authorization": f"Bearer {used_token}"}
            response = client.session.request(
                method,
                client.url(path),
                json=body,
                params=params,
                headers={**headers, **({"Content-Type": SCIM_JSON} if body is not None else {})},
                timeout=LOAD_REQUEST_TIMEOUT,
            )
            outcome = Outcome(
                worker,
                operation or f"{method} {path}",
                started,
                self.now(),
                response.status_code,
                body=response.text,
                headers=dict(response.headers),
                token=used_token,
            )
        except requests.RequestException as error:
            outcome = Outcome(worker, operation or f"{method} {path}", started, self.now(), None, repr(error))
            outcome.token = used_token
        with self._lock:
            self.outcomes.append(outcome)
        return outcome

    def snapshot(self) -> list[Outcome]:
        with self._lock:
            return list(self.outcomes)


class Workers:
    """`count` threads running `work(index, stop)`, started at once.

    Each worker must return once `stop` is set; the event is also set after `seconds`, so a load nobody stops still
    ends by itself. An exception in a worker stops the others and is raised again by `stop` or `join`.
    """

    def __init__(self, count: int, work: Callable[[int, threading.Event], None], seconds: float) -> None:
        self.stop_event = threading.Event()
        self.errors: list[BaseException] = []
        self.threads = [threading.Thread(target=self._run, args=(work, index), daemon=True) for index in range(count)]
        self.timer = threading.Timer(seconds, self.stop_event.set)
        self.timer.daemon = True
        self.timer.start()
        for thread in self.threads:
            thread.start()

    def _run(self, work: Callable[[int, threading.Event], None], index: int) -> None:
        try:
            work(index, self.stop_event)
        except BaseException as error:
            self.errors.append(error)
            self.stop_event.set()

    def join(self) -> None:
        """Waits until every worker returned by itself (or the time ran out)."""
        for thread in self.threads:
            thread.join()
        self.timer.cancel()
        if self.errors:
            raise self.errors[0]

    def stop(self) -> None:
        """Tells the workers to stop and waits for them."""
        self.stop_event.set()
        for thread in self.threads:
            thread.join(timeout=LOAD_REQUEST_TIMEOUT + 10)
        assert not any(thread.is_alive() for thread in self.threads), "a load worker did not stop"
        self.join()


def signal_process(process: subprocess.Popen[Any], sig: signal.Signals) -> None:
    """Sends `sig` to that process only, by its pid."""
    assert process.poll() is None, f"pid {process.pid} already exited {process.returncode}"
    os.kill(process.pid, sig)


def wait_for(condition: Callable[[], bool], seconds: float, interval: float = 0.1) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(interval)
    return condition()
