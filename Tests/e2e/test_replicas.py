"""Three replicas over one database behind nginx: concurrent provisioning loses and duplicates nothing (issue 6).

Each test drives many client threads through nginx (and some straight at single replicas) at the same time, then
checks the outcome three ways: through SCIM on nginx, on every replica directly, and in the database's own rows
(members, versions and provisioning events).
"""

from __future__ import annotations

import json
import random
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from cluster import Cluster, Outcome, Recorder, Workers, results_directory, running_cluster
from conftest import Gateway, Provisioned
from support import (
    ERROR_SCHEMA,
    LIST_SCHEMA,
    ScimClient,
    assert_list_response,
    assert_scim_error,
    describe,
    eq_filter,
    member_ids,
    okta_user,
    unique,
)

REPLICAS = 3


@pytest.fixture(scope="module")
def cluster(gateway: Gateway, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    directory = results_directory("test_replicas", tmp_path_factory.mktemp("replicas"))
    # The rotation test presents rotated tokens on purpose, many times from one address; the failed-authentication
    # throttle (20 a minute by default) would turn those 401s into 429s.
    with running_cluster(gateway, directory, replicas=REPLICAS, AUTH_FAILURE_LIMIT_PER_MINUTE="100000") as cluster:
        yield cluster


def sql_count(gateway: Gateway, statement: str, **variables: str) -> int:
    return int(gateway.sql(statement, **variables) or "0")


def create_users(client: ScimClient, count: int) -> list[str]:
    """`count` users created by four threads at once; their ids in creation order of the names."""
    names = [f"{unique('member')}@example.com" for _ in range(count)]

    def create(name: str) -> str:
        own = ScimClient(client.endpoint, client.token)
        return own.create_user(name)["id"]

    with ThreadPoolExecutor(4) as pool:
        return list(pool.map(create, names))


def unexpected(outcomes: list[Outcome], allowed: set[int]) -> list[str]:
    return [outcome.describe() for outcome in outcomes if outcome.status not in allowed]


# ---------------------------------------------------------------------------------------------
# (a) Membership changes to one group from many clients.

# The four ways IdPs change one member (IDP_BEHAVIOUR.md): Okta's lower-case ops and filtered remove path, Entra's
# capitalised ops and remove by value.
ADD_DIALECTS: list[Callable[[str], dict[str, Any]]] = [
    lambda member: {"op": "add", "path": "members", "value": [{"value": member}]},
    lambda member: {"op": "Add", "path": "members", "value": [{"value": member}]},
]
REMOVE_DIALECTS: list[Callable[[str], dict[str, Any]]] = [
    lambda member: {"op": "remove", "path": f"members[value eq {json.dumps(member)}]"},
    lambda member: {"op": "Remove", "path": "members", "value": [{"value": member}]},
]


def test_concurrent_member_changes_to_one_group_end_in_exactly_the_expected_members(
    gateway: Gateway, cluster: Cluster, provision: Callable[..., Provisioned]
) -> None:
    provisioned = provision(name="replicas-members")
    admin = cluster.client(provisioned)
    workers, per_worker = 12, 4
    users = create_users(admin, workers * per_worker)
    initial = set(users[::2])
    group = admin.create_group(unique("contended"), member_ids=sorted(initial))

    # Each worker owns four users and toggles each of them one to four times, in a shuffled order, so every PATCH
    # changes the group (no no-ops) and the final membership is known: a user toggled an odd number of times flips.
    rng = random.Random(20261204)
    plans: list[list[str]] = []
    expected = set(initial)
    for worker in range(workers):
        owned = users[worker * per_worker : (worker + 1) * per_worker]
        plan = [user for user in owned for _ in range(rng.randint(1, 4))]
        rng.shuffle(plan)
        plans.append(plan)
        for user in owned:
            if plan.count(user) % 2:
                expected ^= {user}
    operations = sum(len(plan) for plan in plans)

    recorder = Recorder()
    start = threading.Barrier(workers, timeout=30)

    def work(index: int, stop: threading.Event) -> None:
        client = cluster.client(provisioned)
        assert_list_response(client.get("Groups", params={"count": 1}))  # connect before the barrier
        member_of = {user: user in initial for user in plans[index]}
        dialect = random.Random(index)
        start.wait()
        for user in plans[index]:
            if stop.is_set():
                return
            operation = dialect.choice(REMOVE_DIALECTS if member_of[user] else ADD_DIALECTS)(user)
            outcome = recorder.send(
                index,
                client,
                "PATCH",
                f"Groups/{group['id']}",
                operation=f"{operation['op']} {user}",
                body={"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": [operation]},
                params={"excludedAttributes": "members"},
            )
            if outcome.status in (200, 204):
                member_of[user] = not member_of[user]

    served_before = cluster.served("PATCH", "/scim/v2/Groups/")
    Workers(workers, work, seconds=90).join()
    outcomes = recorder.snapshot()
    failures = unexpected(outcomes, {200, 204})
    assert not failures, f"{len(failures)} of {len(outcomes)} PATCHes failed:\n" + "\n".join(failures[:20])
    assert len(outcomes) == operations
    served = {name: count - served_before[name] for name, count in cluster.served("PATCH", "/scim/v2/Groups/").items()}
    assert all(served.values()), f"nginx did not spread the PATCHes over every replica: {served}"

    final = admin.read(f"Groups/{group['id']}")
    missing, extra = expected - member_ids(final), member_ids(final) - expected
    assert not missing and not extra, f"lost members {sorted(missing)}, unexpected members {sorted(extra)}"
    for replica in cluster.replicas:
        seen = cluster.client(provisioned, replica.url).read(f"Groups/{group['id']}")
        assert member_ids(seen) == expected, f"{replica.name} answers another member list than nginx"

    # One row per member, one version step and one provisioning event per PATCH: nothing lost, nothing doubled.
    rows = sql_count(
        gateway,
        "SELECT count(*) FROM scim_group_members WHERE tenant_id = :'tenant' AND group_id = :'group'",
        tenant=provisioned.tenant_id,
        group=group["id"],
    )
    assert rows == len(expected)
    assert final["meta"]["version"] == f'W/"{1 + operations}"', final["meta"]
    events = sql_count(
        gateway,
        "SELECT count(*) FROM provisioning_events WHERE tenant_id = :'tenant' AND resource_id = :'group'",
        tenant=provisioned.tenant_id,
        group=group["id"],
    )
    assert events == 1 + operations, f"{events} provisioning events for 1 create and {operations} PATCHes"


# ---------------------------------------------------------------------------------------------
# (b) Duplicate creates of one userName.


def test_duplicate_creates_of_one_user_name_from_many_clients_make_exactly_one_user(
    gateway: Gateway, cluster: Cluster, provision: Callable[..., Provisioned]
) -> None:
    provisioned = provision(name="replicas-duplicates")
    clients_count, rounds = 12, 4
    # Half the clients go through nginx, the other half straight to one replica each, so the race always spans
    # replicas whatever nginx picks.
    bases = [
        cluster.lb_url if index % 2 == 0 else cluster.replicas[(index // 2) % REPLICAS].url
        for index in range(clients_count)
    ]
    clients = [cluster.client(provisioned, base) for base in bases]
    for client in clients:
        assert_list_response(client.get("Users", params={"count": 1}))  # kept-alive connections, ready to race

    created: list[str] = []
    for round_number in range(rounds):
        name = f"{unique('twin')}@example.com"
        # userName is unique ignoring case (RFC 7643 §4.1.1 caseExact false): the clients vary its case.
        variants = [name if index % 3 else name.upper() for index in range(clients_count)]
        barrier = threading.Barrier(clients_count, timeout=30)

        def create(index: int, variant_names: list[str] = variants, gate: threading.Barrier = barrier) -> Any:
            body = okta_user(variant_names[index])
            gate.wait()
            return clients[index].post("Users", body)

        with ThreadPoolExecutor(clients_count) as pool:
            responses = list(pool.map(create, range(clients_count)))

        statuses = sorted(response.status_code for response in responses)
        summary = f"round {round_number}: statuses {statuses}\n" + "\n".join(describe(r) for r in responses)
        winners = [response for response in responses if response.status_code == 201]
        assert len(winners) == 1, summary + cluster.evidence()
        for response in responses:
            if response is not winners[0]:
                assert_scim_error(response, 409, "uniqueness")
        user_id = winners[0].json()["id"]
        created.append(user_id)

        rows = sql_count(
            gateway,
            "SELECT count(*) FROM users WHERE tenant_id = :'tenant' AND lower(user_name) = lower(:'name')",
            tenant=provisioned.tenant_id,
            name=name,
        )
        assert rows == 1, f"{rows} rows for userName {name}"
        found = clients[0].find("Users", eq_filter("userName", name.upper()))
        assert [user["id"] for user in found] == [user_id]

    # Refused creates leave no trace: one create event per user, none for the 409s.
    events = gateway.sql(
        "SELECT resource_id FROM provisioning_events WHERE tenant_id = :'tenant' ORDER BY id",
        tenant=provisioned.tenant_id,
    ).split()
    assert events == created
    users = sql_count(gateway, "SELECT count(*) FROM users WHERE tenant_id = :'tenant'", tenant=provisioned.tenant_id)
    assert users == rounds


# ---------------------------------------------------------------------------------------------
# (c) Token rotation while traffic flows.


def test_rotated_token_fails_on_every_replica_at_once_while_traffic_flows(
    gateway: Gateway, cluster: Cluster, provision: Callable[..., Provisioned]
) -> None:
    provisioned = provision(name="replicas-rotation")
    recorder = Recorder()
    current = {"token": provisioned.token}
    # token -> (recorder time the rotation that revoked it started, time the rotate command returned)
    revoked: dict[str, tuple[float, float]] = {}

    def traffic(index: int, stop: threading.Event) -> None:
        client = cluster.client(provisioned)
        sequence = 0
        while not stop.is_set():
            token = current["token"]
            sequence += 1
            if sequence % 2:
                recorder.send(index, client, "GET", "Users", params={"count": 1}, token=token)
            else:
                body = okta_user(f"{unique('flow')}@example.com")
                recorder.send(index, client, "POST", "Users", body=body, token=token, operation="POST Users")

    endpoints = [cluster.lb_url, cluster.lb_url] + [replica.url for replica in cluster.replicas]
    probes = [cluster.client(provisioned, base) for base in endpoints]
    traffic_workers = Workers(6, traffic, seconds=60)
    try:
        for _ in range(3):
            time.sleep(0.7)  # let traffic flow with the token in force
            old = current["token"]
            began = recorder.now()
            new = gateway.rotate_token(provisioned.provider_id)
            returned = recorder.now()
            revoked[old] = (began, returned)
            current["token"] = new

            # At once, concurrently on every replica and through nginx: the old token is refused, the new one works.
            with ThreadPoolExecutor(len(probes) * 2) as pool:
                refused = list(pool.map(lambda probe, t=old: probe.get("Users", token=t), probes))
                accepted = list(pool.map(lambda probe, t=new: probe.get("Users", token=t), probes))
            for base, response in zip(endpoints, refused, strict=True):
                assert_scim_error(response, 401)
                assert response.json()["schemas"] == [ERROR_SCHEMA], f"{base}: {describe(response)}"
            for base, response in zip(endpoints, accepted, strict=True):
                # Rotation alone is checked here; the page's consistency under writes has its own test below.
                assert response.status_code == 200 and response.json()["schemas"] == [LIST_SCHEMA], (
                    f"{base}: {describe(response)}"
                )
    finally:
        traffic_workers.stop()

    outcomes = recorder.snapshot()
    assert len(outcomes) >= 30, f"only {len(outcomes)} requests flowed during the rotations"
    wrong: list[str] = []
    for outcome in outcomes:
        window = revoked.get(outcome.token)
        ok = {"GET Users": 200, "POST Users": 201}[outcome.operation]
        if window is not None and outcome.started >= window[1]:
            expected = {401}  # sent after the rotate command returned
        elif window is None or outcome.finished <= window[0]:
            expected = {ok}  # answered before its token was rotated, or the token in force at the end
        else:
            expected = {ok, 401}  # in flight while the rotation committed
        if outcome.status not in expected:
            wrong.append(f"{outcome.describe()} (expected {sorted(expected)})")
    assert not wrong, f"{len(wrong)} of {len(outcomes)} requests got a wrong answer:\n" + "\n".join(wrong[:20])


# ---------------------------------------------------------------------------------------------
# (d) Lists read while others write.


def test_a_list_page_agrees_with_its_total_while_other_clients_create_users(
    cluster: Cluster, provision: Callable[..., Provisioned]
) -> None:
    """RFC 7644 §3.4.2: totalResults counts the results the page is cut from; with every user on one page they match.

    Creates committed between counting and fetching must not make a page hold more (or fewer) users than its total.
    """
    provisioned = provision(name="replicas-lists")
    page_size, target = 200, 150  # SCIM_MAX_RESULTS is 200: the whole tenant always fits one page
    created = {"count": 0}
    recorder = Recorder()
    lock = threading.Lock()

    def work(index: int, stop: threading.Event) -> None:
        client = cluster.client(provisioned)
        while not stop.is_set():
            if index % 2:
                with lock:
                    if created["count"] >= target:
                        return
                    created["count"] += 1
                body = okta_user(f"{unique('listed')}@example.com")
                recorder.send(index, client, "POST", "Users", body=body, operation="POST Users")
            else:
                with lock:
                    if created["count"] >= target:
                        return
                outcome = recorder.send(
                    index, client, "GET", "Users", params={"count": page_size}, operation="GET Users"
                )
                if outcome.status == 200:
                    page = json.loads(outcome.body)
                    if page["totalResults"] != len(page["Resources"]) or page["itemsPerPage"] != len(page["Resources"]):
                        outcome.error = (
                            f"totalResults {page['totalResults']}, itemsPerPage {page['itemsPerPage']}, "
                            f"{len(page['Resources'])} Resources"
                        )

    Workers(8, work, seconds=60).join()
    outcomes = recorder.snapshot()
    lists = [outcome for outcome in outcomes if outcome.operation == "GET Users"]
    assert len(lists) >= 20, f"only {len(lists)} lists were read while users were created"
    failed = unexpected(outcomes, {200, 201})
    assert not failed, "\n".join(failed[:20])
    inconsistent = [
        f"+{outcome.started:.3f}s request {outcome.headers.get('X-Request-ID')}: {outcome.error}"
        for outcome in lists
        if outcome.error
    ]
    assert not inconsistent, (
        f"{len(inconsistent)} of {len(lists)} pages disagree with their own totalResults:\n"
        + "\n".join(inconsistent[:10])
    )
