"""Faults under load (issue 6): a replica killed, PostgreSQL restarted, a replica stopped, a thousand idle clients.

Each test starts its own replicas (and nginx with deploy/nginx.conf) on loopback, drives a bounded load from client
threads, injects the fault, then checks what the clients were told against what the database holds: every write
acknowledged with 2xx is present, no write is half-applied (a group has all the members it was created with or does
not exist; every resource has exactly one provisioning event, and every event its resource).
"""

from __future__ import annotations

import json
import os
import random
import resource
import shlex
import signal
import socket
import statistics
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from cluster import Cluster, Outcome, Recorder, Workers, results_directory, signal_process, wait_for
from conftest import Gateway, Provisioned
from support import (
    ERROR_SCHEMA,
    GROUP_SCHEMA,
    ScimClient,
    assert_list_response,
    eq_filter,
    loopback_session,
    member_ids,
    okta_user,
    unique,
)

GROUP_SIZE = 3
POOL_USERS = 12


@pytest.fixture
def start_cluster(gateway: Gateway, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Callable[..., Cluster]]:
    """Starts replicas (and nginx) for one test; stops whatever is still running afterwards, by pid."""
    started: list[Cluster] = []

    def start(**options: Any) -> Cluster:
        directory = results_directory(f"test_faults-{request.node.name}", tmp_path)
        cluster = Cluster(gateway, directory)
        started.append(cluster)
        return cluster.start(**options)

    try:
        yield start
    finally:
        for cluster in started:
            cluster.stop()


def pg_command(name: str) -> list[str]:
    command = os.environ.get(name, "")
    if not command:
        pytest.fail(f"{name} is not set: scripts/test passes the commands that control its PostgreSQL", pytrace=False)
    return shlex.split(command)


def run_pg(name: str) -> float:
    """Runs one of scripts/test's cluster commands; returns how long it took."""
    began = time.monotonic()
    done = subprocess.run(pg_command(name), capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)
    assert done.returncode == 0, f"{name} failed: {done.stdout}\n{done.stderr}"
    return time.monotonic() - began


# ---------------------------------------------------------------------------------------------
# Writes under load and the check that nothing acknowledged is lost and nothing is half-applied.


@dataclass
class Ledger:
    """What the load clients asked for and what they were told was done."""

    groups_sent: dict[str, list[str]] = field(default_factory=dict)  # displayName -> members in the create
    users_acknowledged: dict[str, str] = field(default_factory=dict)  # userName -> id
    groups_acknowledged: dict[str, list[str]] = field(default_factory=dict)  # id -> members
    unfinished: list[str] = field(default_factory=list)  # writes never acknowledged, with the last answer
    lock: threading.Lock = field(default_factory=threading.Lock)


def group_body(name: str, members: list[str]) -> dict[str, Any]:
    return {"schemas": [GROUP_SCHEMA], "displayName": name, "members": [{"value": member} for member in members]}


def write_load(
    cluster: Cluster,
    provisioned: Provisioned,
    pool: list[str],
    recorder: Recorder,
    ledger: Ledger,
    retry: Callable[[Outcome], bool],
    read_every: int = 0,
) -> Callable[[int, threading.Event], None]:
    """A worker that creates users and groups (one in three, with GROUP_SIZE members) through nginx.

    A write is sent again, with the same body, while `retry` says so; a user create answered 409 on a second
    attempt means an earlier attempt was applied, so the user is looked up. Every `read_every`-th request is a read.
    """

    def send(index: int, client: ScimClient, path: str, body: dict[str, Any], operation: str) -> tuple[Outcome, int]:
        attempt = 0
        while True:
            attempt += 1
            label = operation if attempt == 1 else f"{operation} (resend)"
            outcome = recorder.send(index, client, "POST", path, body=body, operation=label)
            if attempt < 6 and retry(outcome):
                time.sleep(0.1)
                continue
            return outcome, attempt

    def work(index: int, stop: threading.Event) -> None:
        client = cluster.client(provisioned)
        rng = random.Random(index)
        sequence = 0
        while not stop.is_set():
            sequence += 1
            if read_every and sequence % read_every == 0:
                recorder.send(index, client, "GET", "Users", params={"count": 2}, operation="GET Users")
            elif sequence % 3 == 0:
                name = unique("faulted-group")
                members = sorted(rng.sample(pool, GROUP_SIZE))
                with ledger.lock:
                    ledger.groups_sent[name] = members
                outcome, _ = send(index, client, "Groups", group_body(name, members), "POST Groups")
                with ledger.lock:
                    if outcome.status == 201:
                        ledger.groups_acknowledged[id_of(outcome)] = members
                    else:
                        ledger.unfinished.append(outcome.describe())
            else:
                name = f"{unique('faulted')}@example.com"
                outcome, attempts = send(index, client, "Users", okta_user(name), "POST Users")
                user_id = id_of(outcome) if outcome.status == 201 else None
                if outcome.status == 409 and attempts > 1:
                    found = client.find("Users", eq_filter("userName", name))
                    user_id = found[0]["id"] if len(found) == 1 else None
                with ledger.lock:
                    if user_id:
                        ledger.users_acknowledged[name] = user_id
                    else:
                        ledger.unfinished.append(outcome.describe())

    return work


def id_of(outcome: Outcome) -> str:
    return json.loads(outcome.body)["id"]


def rows(gateway: Gateway, statement: str, **variables: str) -> list[list[str]]:
    return [line.split("|") for line in gateway.sql(statement, **variables).splitlines() if line]


def assert_nothing_lost_or_half_applied(
    gateway: Gateway, client: ScimClient, provisioned: Provisioned, ledger: Ledger
) -> None:
    tenant = provisioned.tenant_id
    users = dict(rows(gateway, "SELECT lower(user_name), id FROM users WHERE tenant_id = :'tenant'", tenant=tenant))
    lost_users = {name: id for name, id in ledger.users_acknowledged.items() if users.get(name.lower()) != id}
    assert not lost_users, f"{len(lost_users)} acknowledged user creates are missing: {lost_users}"

    groups: dict[str, tuple[str, set[str]]] = {}  # id -> (displayName, member ids)
    for group_id, name, member in rows(
        gateway,
        "SELECT g.id, g.display_name, coalesce(m.member_id::text, '') FROM scim_groups g"
        " LEFT JOIN scim_group_members m ON m.tenant_id = g.tenant_id AND m.group_id = g.id"
        " WHERE g.tenant_id = :'tenant'",
        tenant=tenant,
    ):
        groups.setdefault(group_id, (name, set()))[1].update({member} - {""})
    lost_groups = [group_id for group_id in ledger.groups_acknowledged if group_id not in groups]
    assert not lost_groups, f"{len(lost_groups)} acknowledged group creates are missing: {lost_groups}"
    partial = {
        group_id: (name, sorted(found))
        for group_id, (name, found) in groups.items()
        if found != set(ledger.groups_sent[name])
    }
    assert not partial, f"groups whose members differ from their create (half-applied): {partial}"

    # One provisioning event per resource, written in the same transaction: none missing, none doubled, none orphaned.
    events = rows(
        gateway,
        "SELECT resource_id, count(*) FROM provisioning_events WHERE tenant_id = :'tenant' GROUP BY 1",
        tenant=tenant,
    )
    counts = {resource_id: int(count) for resource_id, count in events}
    resources = set(users.values()) | set(groups)
    wrong = {resource_id: counts.get(resource_id, 0) for resource_id in resources | set(counts)}
    wrong = {resource_id: count for resource_id, count in wrong.items() if count != 1 or resource_id not in resources}
    assert not wrong, f"resources without exactly one event, or events without a resource: {wrong}"

    # And SCIM agrees with the rows.
    for user_id in list(ledger.users_acknowledged.values())[:20]:
        assert client.read(f"Users/{user_id}")["id"] == user_id
    for group_id, sent in list(ledger.groups_acknowledged.items())[:20]:
        assert member_ids(client.read(f"Groups/{group_id}")) == set(sent)


def make_pool(client: ScimClient) -> list[str]:
    return [client.create_user()["id"] for _ in range(POOL_USERS)]


# ---------------------------------------------------------------------------------------------
# (a) SIGKILL of one replica mid-load.


def test_a_replica_killed_mid_load_loses_no_acknowledged_write_and_half_applies_none(
    gateway: Gateway, start_cluster: Callable[..., Cluster], provision: Callable[..., Provisioned]
) -> None:
    cluster = start_cluster(replicas=3)
    provisioned = provision(name="faults-kill")
    client = cluster.client(provisioned)
    pool = make_pool(client)
    recorder, ledger = Recorder(), Ledger()
    # Through nginx a request cut by the kill comes back as 502 (or, rarely, as a dropped connection): send it again.
    retried = {None, 502}
    work = write_load(cluster, provisioned, pool, recorder, ledger, retry=lambda outcome: outcome.status in retried)
    victim = cluster.replicas[0]

    workers = Workers(6, work, seconds=60)
    try:
        assert wait_for(lambda: victim.requests("POST", "/scim/v2/") >= 10, 15), "the victim served no writes"
        signal_process(victim.process, signal.SIGKILL)
        killed_at = recorder.now()
        assert victim.process.wait(timeout=10) == -signal.SIGKILL
        time.sleep(2.5)
    finally:
        workers.stop()

    outcomes = recorder.snapshot()
    after = [outcome for outcome in outcomes if outcome.started > killed_at + 0.5]
    assert len(after) >= 10, f"only {len(after)} requests after the kill: the load did not go on"
    wrong = [
        outcome.describe()
        for outcome in outcomes
        if outcome.status not in {201, *retried} and not (outcome.status == 409 and "resend" in outcome.operation)
    ]
    assert not wrong, "answers other than 201, 409 on a resend, or 502:\n" + "\n".join(wrong[:20]) + cluster.evidence()
    assert not ledger.unfinished, "writes never acknowledged despite two live replicas:\n" + "\n".join(
        ledger.unfinished[:20]
    )
    assert ledger.users_acknowledged and ledger.groups_acknowledged
    assert_nothing_lost_or_half_applied(gateway, client, provisioned, ledger)


# ---------------------------------------------------------------------------------------------
# (b) PostgreSQL restarted, then down for a while, mid-load.


def answers_200(url: str, token: str | None = None) -> bool:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    try:
        return loopback_session().get(url, headers=headers, timeout=5).status_code == 200
    except OSError:
        return False


def assert_unavailable_answer(outcome: Outcome) -> None:
    """The database is unreachable: 503 with Retry-After and a SCIM error body (README, Operations)."""
    assert outcome.status == 503, outcome.describe()
    retry_after = outcome.headers.get("Retry-After", "")
    assert retry_after.isdigit() and int(retry_after) >= 1, f"Retry-After {retry_after!r}: {outcome.describe()}"
    assert outcome.headers.get("Content-Type", "").startswith("application/scim+json"), outcome.describe()
    body = json.loads(outcome.body)
    assert body.get("schemas") == [ERROR_SCHEMA] and body.get("status") == "503" and body.get("detail"), body


def test_a_postgresql_restart_mid_load_answers_503_then_recovers_without_a_service_restart(
    gateway: Gateway, start_cluster: Callable[..., Cluster], provision: Callable[..., Provisioned]
) -> None:
    for name in ("TEST_PG_STOP_CMD", "TEST_PG_START_CMD", "TEST_PG_RESTART_CMD"):
        pg_command(name)
    cluster = start_cluster(replicas=3)
    provisioned = provision(name="faults-pg")
    client = cluster.client(provisioned)
    pool = make_pool(client)
    pids = [replica.pid for replica in cluster.replicas]
    recorder, ledger = Recorder(), Ledger()
    # No resends here: every answer during the outage is looked at.
    work = write_load(cluster, provisioned, pool, recorder, ledger, retry=lambda outcome: False, read_every=4)

    workers = Workers(6, work, seconds=90)
    outage: tuple[float, float] | None = None
    try:
        time.sleep(1.0)
        run_pg("TEST_PG_RESTART_CMD")  # a fast restart: sessions are cut mid-transaction
        time.sleep(1.5)
        down_at = recorder.now()
        try:
            run_pg("TEST_PG_STOP_CMD")
            time.sleep(2.5)  # held down, so requests certainly arrive during the outage
        finally:
            run_pg("TEST_PG_START_CMD")  # also when stopping failed half-way: the rest of the suite needs it
        outage = (down_at, recorder.now())

        # Recovery without restarting anything: every replica serves SCIM again, by itself.
        def recovered() -> bool:
            return all(
                answers_200(f"{replica.url}/scim/v2/Users?count=1", provisioned.token) for replica in cluster.replicas
            )

        assert wait_for(recovered, 30, interval=0.25), "the replicas did not recover within 30 s" + cluster.evidence()
        recovered_at = recorder.now()
        time.sleep(1.5)
    finally:
        workers.stop()
        # The suite's own server shares the database: later tests need it ready again.
        suite_ready = wait_for(lambda: answers_200(f"{gateway.base_url}/readyz"), 30)

    assert suite_ready, f"the suite's server at {gateway.base_url} did not recover"
    assert [replica.pid for replica in cluster.replicas] == pids and all(r.alive() for r in cluster.replicas)
    for replica in cluster.replicas:
        assert answers_200(f"{replica.url}/readyz"), f"{replica.name} is not ready after recovery"
        assert_list_response(cluster.client(provisioned, replica.url).get("Users"))
        cluster.client(provisioned, replica.url).create_user()

    outcomes = recorder.snapshot()
    unanswered = [outcome.describe() for outcome in outcomes if outcome.status is None]
    assert not unanswered, "requests left without an answer:\n" + "\n".join(unanswered[:20]) + cluster.evidence()
    wrong = [outcome for outcome in outcomes if outcome.status not in (200, 201, 503)]
    assert not wrong, (
        "answers other than 200, 201 or 503:\n" + "\n".join(o.describe() for o in wrong[:20]) + (cluster.evidence())
    )
    refused = [outcome for outcome in outcomes if outcome.status == 503]
    for outcome in refused:
        assert_unavailable_answer(outcome)
    assert outage is not None
    during = [outcome for outcome in refused if outage[0] <= outcome.started <= outage[1]]
    assert during, "no request was answered 503 while PostgreSQL was down"
    served_after = [o for o in outcomes if o.started > recovered_at and o.status in (200, 201)]
    assert served_after, "nothing was served through nginx after recovery"

    # What the clients were told was done is there; the 503s changed nothing by halves.
    assert ledger.users_acknowledged and ledger.groups_acknowledged
    assert_nothing_lost_or_half_applied(gateway, client, provisioned, ledger)


# ---------------------------------------------------------------------------------------------
# (c) SIGTERM of one replica while it serves a steady load.


def test_sigterm_under_load_fails_no_client_request_and_the_replica_exits_zero_within_the_grace_period(
    gateway: Gateway, start_cluster: Callable[..., Cluster], provision: Callable[..., Provisioned]
) -> None:
    grace = 10
    cluster = start_cluster(replicas=3, SHUTDOWN_GRACE_SECONDS=str(grace))
    provisioned = provision(name="faults-sigterm")
    client = cluster.client(provisioned)
    workers_count = 8
    # Two users per worker that only that worker replaces, so every PATCH must succeed.
    owned = [[client.create_user()["id"] for _ in range(2)] for _ in range(workers_count)]
    names = {user_id: client.read(f"Users/{user_id}")["userName"] for ids in owned for user_id in ids}
    recorder = Recorder()

    def work(index: int, stop: threading.Event) -> None:
        own = cluster.client(provisioned)
        sequence = 0
        while not stop.is_set():
            sequence += 1
            user_id = owned[index][sequence % 2]
            # Half reads, which nginx may resend to another replica, half writes, which it must not.
            match sequence % 6:
                case 0:
                    recorder.send(index, own, "GET", f"Users/{user_id}", operation="GET Users/{id}")
                case 1:
                    params = {"filter": eq_filter("userName", names[user_id])}
                    recorder.send(index, own, "GET", "Users", params=params, operation="GET Users?filter")
                case 2 | 4:
                    body = okta_user(f"{unique('steady')}@example.com")
                    recorder.send(index, own, "POST", "Users", body=body, operation="POST Users")
                case 3:
                    operation = {"op": "replace", "path": "displayName", "value": unique("Name")}
                    body = {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": [operation]}
                    recorder.send(index, own, "PATCH", f"Users/{user_id}", body=body, operation="PATCH Users/{id}")
                case _:
                    recorder.send(index, own, "GET", "Groups", params={"count": 5}, operation="GET Groups")

    # Two replicas in turn get SIGTERM while serving; the third carries on.
    stops: list[tuple[str, float, int | None, float]] = []  # name, when, exit status, seconds to exit
    workers = Workers(workers_count, work, seconds=90)
    try:
        for victim in cluster.replicas[:2]:
            served = victim.requests("POST", "/scim/v2/")
            assert wait_for(lambda v=victim, n=served: v.requests("POST", "/scim/v2/") >= n + 10, 15), (
                f"{victim.name} served no writes"
            )
            signal_process(victim.process, signal.SIGTERM)
            signalled_at, termed_at = time.monotonic(), recorder.now()
            try:
                status: int | None = victim.process.wait(timeout=grace + 2)
            except subprocess.TimeoutExpired:
                status = None
            stops.append((victim.name, termed_at, status, time.monotonic() - signalled_at))
            time.sleep(1.0)
    finally:
        workers.stop()

    outcomes = recorder.snapshot()
    expected = {"GET Users/{id}": 200, "GET Users?filter": 200, "POST Users": 201, "PATCH Users/{id}": 200}
    failed = [o for o in outcomes if o.status != expected.get(o.operation, 200)]
    report = (
        f"{len(failed)} of {len(outcomes)} client requests failed; SIGTERMs at "
        + ", ".join(f"+{when:.3f}s ({name})" for name, when, _, _ in stops)
        + ":\n"
        + "\n".join(o.describe() for o in failed[:20])
        + cluster.evidence()
    )
    for name, _, status, seconds in stops:
        assert status == 0, f"{name} exited {status} (None: still running {grace + 2} s after SIGTERM)"
        assert seconds <= grace, f"{name} took {seconds:.1f} s to stop; grace is {grace} s"
    assert len([o for o in outcomes if o.started > stops[-1][1] + stops[-1][3]]) >= 10, "the load did not go on"
    # No request fails, writes included: nginx does not resend a POST or PATCH it has written, so the replica must
    # never reset a connection that carries one. It stops completing new TCP handshakes before its listener closes
    # (closing resets every connection still queued), so a late client is refused at connect and nginx goes elsewhere.
    assert not failed, report


# ---------------------------------------------------------------------------------------------
# (d) A thousand idle keep-alive connections.

IDLE_CONNECTIONS = 1000


def read_response(connection: socket.socket) -> bytes:
    """One HTTP/1.1 response with a Content-Length body, read whole."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = connection.recv(4096)
        assert chunk, f"connection closed before a response: {data!r}"
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = next(
        int(line.split(b":", 1)[1]) for line in head.split(b"\r\n") if line.lower().startswith(b"content-length:")
    )
    while len(body) < length:
        chunk = connection.recv(4096)
        assert chunk, "connection closed inside a response body"
        body += chunk
    return head


def test_a_thousand_idle_keep_alive_connections_do_not_stop_another_client_being_served(
    start_cluster: Callable[..., Cluster], provision: Callable[..., Provisioned]
) -> None:
    needed = IDLE_CONNECTIONS * 2 + 200  # our ends and the replica's, which inherits this limit
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < needed:
        assert hard == resource.RLIM_INFINITY or hard >= needed, f"ulimit -n hard limit {hard} < {needed}"
        resource.setrlimit(resource.RLIMIT_NOFILE, (needed, hard))
    cluster = start_cluster(replicas=1, balanced=False)
    replica = cluster.replicas[0]
    provisioned = provision(name="faults-idle")
    other = cluster.client(provisioned, replica.url)
    user = other.create_user()

    def timed_requests(count: int) -> list[float]:
        durations = []
        for sequence in range(count):
            began = time.monotonic()
            if sequence % 4 == 3:
                fresh = cluster.client(provisioned, replica.url)  # a new connection must be accepted too
                response = fresh.get(f"Users/{user['id']}", headers={"Connection": "close"})
            else:
                response = other.get("Users", params={"filter": eq_filter("userName", user["userName"])})
            durations.append(time.monotonic() - began)
            assert response.status_code == 200, response.text
            time.sleep(0.05)  # spread over a couple of seconds while the others idle
        return durations

    baseline = timed_requests(20)
    idle: list[socket.socket] = []
    try:
        request = f"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:{replica.port}\r\n\r\n".encode()
        for _ in range(IDLE_CONNECTIONS):
            connection = socket.create_connection(("127.0.0.1", replica.port), timeout=10)
            connection.sendall(request)
            idle.append(connection)
        for connection in idle:
            head = read_response(connection)  # answered and kept alive: now idle
            assert head.startswith(b"HTTP/1.1 200"), head
            assert b"connection: close" not in head.lower(), head

        loaded = timed_requests(40)
        assert max(loaded) < 2.0, f"slowest request {max(loaded):.3f} s with {IDLE_CONNECTIONS} idle connections"
        median, before = statistics.median(loaded), statistics.median(baseline)
        print(f"median {median * 1000:.1f} ms, slowest {max(loaded) * 1000:.1f} ms; before: {before * 1000:.1f} ms")
        assert median < max(0.25, 5 * before), f"median {median:.3f} s with idle connections, {before:.3f} s before"

        # The idle connections were held open all along, and still serve.
        for connection in idle:
            connection.sendall(request)
        for connection in idle:
            assert read_response(connection).startswith(b"HTTP/1.1 200")
    finally:
        for connection in idle:
            connection.close()
    assert replica.alive()
