#!/usr/bin/env python3
"""Measurement driver of bench/run: seeds data, drives load, collects numbers into one JSON file.

bench/run starts PostgreSQL, the gateway and scim2-server on loopback and hands this script a JSON config (see
bench/run for its keys). Everything here is bounded: wrk and pgbench by -d/-T and a subprocess timeout, the
Python clients by a request count and a deadline. Only the standard library is used.

Load generators (none of them is our code):
  * wrk (one thread, C connections, keep-alive where the server offers it) with bench/wrk/scim.lua for the fixed
    requests;
  * pgbench for the PostgreSQL ceiling, replaying the statements the gateway itself sent for one request
    of each kind (captured with log_statement = all; scripts written to .local/bench/pgbench/);
  * this file's small client (http.client, one keep-alive connection per thread, a pool of C threads) for the
    multi-step initial sync, and one sequential connection for the growth latencies.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import http.client
import json
import os
import random
import re
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User"
GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group"
PATCH_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp"


def log(message: str) -> None:
    print(f"==> {message}", file=sys.stderr, flush=True)


def percentile(values: list[float], p: float) -> float | None:
    """Nearest-rank percentile of unsorted values; None for an empty list."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, min(len(ordered), int(round(p / 100.0 * len(ordered) + 0.4999))))
    return ordered[rank - 1]


def summarize(latencies_s: list[float], wall_s: float, errors: int, requests: int | None = None) -> dict:
    """Requests per second and latency percentiles (milliseconds) of one measured series."""
    count = len(latencies_s) if requests is None else requests
    ms = [v * 1000.0 for v in latencies_s]
    return {
        "requests": count,
        "errors": errors,
        "seconds": round(wall_s, 3),
        "rps": round((count - errors) / wall_s, 1) if wall_s > 0 else None,
        "p50_ms": percentile(ms, 50),
        "p95_ms": percentile(ms, 95),
        "p99_ms": percentile(ms, 99),
        "max_ms": max(ms) if ms else None,
    }


def user_body(i: int, display: str | None = None, name: str | None = None) -> dict:
    """The user an IdP pushes for index i; bench/sql/seed.sql writes the same attributes."""
    name = name or f"user{i:06d}@example.com"
    return {
        "schemas": [USER_SCHEMA],
        "userName": name,
        "externalId": f"ext-{i}",
        "name": {"givenName": f"Given{i}", "familyName": f"Family{i}"},
        "displayName": display or f"User {i}",
        "emails": [{"value": name, "type": "work", "primary": True}],
        "active": True,
    }


# MARK: - HTTP client


class Target:
    """One SCIM server: where it listens, its path prefix and its bearer token."""

    def __init__(self, name: str, port: int, base: str, token: str, pid: int | None = None):
        self.name, self.port, self.base, self.token, self.pid = name, port, base, token, pid

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


class Client:
    """One keep-alive HTTP/1.1 connection; reopened when the server closes it (scim2-server answers HTTP/1.0)."""

    def __init__(self, target: Target, token: str | None = None, timeout: float = 30.0):
        self.target = target
        self.token = token or target.token
        self.timeout = timeout
        self.connection: http.client.HTTPConnection | None = None

    retries = 0  # transport errors retried, over all clients (a count for the report, not exact under races)

    def request(self, method: str, path: str, body: object | None = None) -> tuple[int, bytes, float]:
        """Sends one request; returns (status, body, seconds), the time including up to two retries after a
        transport error (a refused or reset connection), as an IdP would retry. Status 0: all three failed."""
        start = time.perf_counter()
        for attempt in range(3):
            status, data = self._once(method, path, body)
            if status != 0:
                break
            Client.retries += 1
        return status, data, time.perf_counter() - start

    def _once(self, method: str, path: str, body: object | None) -> tuple[int, bytes]:
        headers = {"Authorization": f"Bearer {self.token}", "Accept": "application/scim+json"}
        payload = None
        if body is not None:
            payload = json.dumps(body).encode()
            headers["Content-Type"] = "application/scim+json"
        try:
            if self.connection is None:
                self.connection = http.client.HTTPConnection("127.0.0.1", self.target.port, timeout=self.timeout)
            self.connection.request(method, self.target.base + path, body=payload, headers=headers)
            response = self.connection.getresponse()
            data = response.read()
            if response.will_close:
                self.connection.close()
                self.connection = None
            return response.status, data
        except (OSError, http.client.HTTPException):
            if self.connection is not None:
                self.connection.close()
            self.connection = None
            return 0, b""

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()
            self.connection = None


def run_pool(target: Target, jobs: list, concurrency: int, deadline: float, handle) -> dict:
    """Runs handle(client, job) -> (ok, latency_s) over jobs with `concurrency` threads until done or the deadline.

    Jobs are taken in order; each thread keeps its own connection. Returns the summary of the phase.
    """
    lock = threading.Lock()
    state = {"next": 0}
    latencies: list[float] = []
    errors = [0]

    def worker() -> None:
        client = Client(target)
        local_latencies: list[float] = []
        local_errors = 0
        while time.monotonic() < deadline:
            with lock:
                index = state["next"]
                if index >= len(jobs):
                    break
                state["next"] = index + 1
            ok, latency = handle(client, index, jobs[index])
            local_latencies.append(latency)
            if not ok:
                local_errors += 1
        client.close()
        with lock:
            latencies.extend(local_latencies)
            errors[0] += local_errors

    start = time.perf_counter()
    threads = [threading.Thread(target=worker, daemon=True) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(max(1.0, deadline - time.monotonic() + 60))
    wall = time.perf_counter() - start
    result = summarize(latencies, wall, errors[0])
    result["planned"] = len(jobs)
    result["complete"] = len(latencies) == len(jobs)
    return result


# MARK: - Resident memory


class MemorySampler(threading.Thread):
    """Samples VmRSS of the given processes every 0.2 s (at most max_samples times) and keeps the peak per phase."""

    def __init__(self, pids: dict[str, int], max_samples: int = 20000):
        super().__init__(daemon=True)
        self.pids = pids
        self.max_samples = max_samples
        self.phase = "start"
        self.peaks: dict[str, dict[str, int]] = {}
        self.stop_event = threading.Event()

    @staticmethod
    def read_kib(pid: int, field: str) -> int | None:
        try:
            with open(f"/proc/{pid}/status") as status:
                for line in status:
                    if line.startswith(field + ":"):
                        return int(line.split()[1])
        except OSError:
            return None
        return None

    def run(self) -> None:
        for _ in range(self.max_samples):
            if self.stop_event.is_set():
                return
            for name, pid in self.pids.items():
                rss = self.read_kib(pid, "VmRSS")
                if rss is not None:
                    phase = self.peaks.setdefault(self.phase, {})
                    phase[name] = max(phase.get(name, 0), rss)
            time.sleep(0.2)

    def stop(self) -> None:
        self.stop_event.set()
        self.join(2)


# MARK: - The driver


class Driver:
    def __init__(self, config: dict):
        self.config = config
        self.quick = config["mode"] == "quick"
        self.concurrency = int(config["concurrency"])
        self.op_seconds = int(config["op_seconds"])
        self.work = Path(config["work_dir"])
        self.work.mkdir(parents=True, exist_ok=True)
        self.pg = config["pg"]
        self.gateway_bin = config["gateway"]["bin"]
        self.results: dict = {"config": {k: v for k, v in config.items() if k not in ("pg", "gateway", "peer")}}
        self.results["loadavg"] = {}
        self.tenants: dict[str, dict] = {}
        self.gateway: Target | None = None
        self.peer = Target("scim2-server", config["peer"]["port"], config["peer"]["base"], config["peer"]["token"],
                           config["peer"].get("pid"))
        self.sampler = MemorySampler({"gateway": config["gateway"]["pid"], "scim2-server": config["peer"]["pid"]})

    # MARK: Helpers

    def note_load(self, label: str) -> None:
        with open("/proc/loadavg") as f:
            self.results["loadavg"][label] = " ".join(f.read().split()[:3])

    def psql(self, sql: str, *, url: str | None = None, variables: dict | None = None, file: Path | None = None,
             timeout: int = 600) -> str:
        command = [os.path.join(self.pg["bin_dir"], "psql"), "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1",
                   url or self.pg["owner_url"]]
        for key, value in (variables or {}).items():
            command += ["-v", f"{key}={value}"]
        if file is not None:
            command += ["-f", str(file)]
        else:
            command += ["-c", sql]
        return subprocess.run(command, check=True, capture_output=True, text=True, timeout=timeout).stdout

    def cli(self, *args: str) -> dict:
        output = subprocess.run([self.gateway_bin, *args], check=True, capture_output=True, text=True,
                                timeout=60).stdout
        return json.loads(output.strip().splitlines()[-1])

    def make_tenant(self, key: str, name: str) -> dict:
        """A tenant with one provider and SCIM enabled, through the gateway's own command line."""
        tenant = self.cli("tenant", "create", name, "--json")["id"]
        provider = self.cli("provider", "create", "--tenant", tenant, "--name", f"{name} IdP", "--json")["id"]
        token = self.cli("scim", "enable", "--provider", provider, "--json")["token"]
        token_hash = hashlib.sha256(token.encode()).hexdigest()
        token_id = self.psql(f"SELECT id FROM provisioning_tokens WHERE token_hash = '\\x{token_hash}'::bytea").strip()
        info = {"id": tenant, "provider": provider, "token": token, "token_hash": token_hash, "token_id": token_id}
        self.tenants[key] = info
        return info

    @staticmethod
    def uid_sql(tenant: str, index_sql: str) -> str:
        return (f"overlay(overlay(md5('{tenant}:u:' || {index_sql}) PLACING '4' FROM 13) PLACING '8' FROM 17)"
                "::uuid")

    def seed(self, key: str, users: int, groups: int, per_group: int, big_members: int = 0) -> None:
        tenant = self.tenants[key]
        start = time.perf_counter()
        self.psql("", file=BENCH_DIR / "sql" / "seed.sql", variables={
            "tenant": tenant["id"], "provider": tenant["provider"], "users": users, "groups": groups,
            "per_group": per_group, "big_members": big_members}, timeout=900)
        tenant.update(users=users, groups=groups, per_group=per_group, big_members=big_members,
                      seed_seconds=round(time.perf_counter() - start, 1))

    def id_files(self, key: str) -> tuple[Path, Path]:
        """Writes the seeded tenant's user and group ids, in index order, for wrk."""
        tenant = self.tenants[key]
        users_file = self.work / f"{key}-users.txt"
        groups_file = self.work / f"{key}-groups.txt"
        users_file.write_text(self.psql(
            f"SELECT {self.uid_sql(tenant['id'], 'i')} FROM generate_series(0, {tenant['users'] - 1}) i"))
        groups_file.write_text(self.psql(
            f"SELECT overlay(overlay(md5('{tenant['id']}:g:' || j) PLACING '4' FROM 13) PLACING '8' FROM 17)::uuid "
            f"FROM generate_series(0, {max(tenant['groups'], 1) - 1}) j"))
        return users_file, groups_file

    def set_pg(self, settings: dict[str, str | None]) -> None:
        """ALTER SYSTEM on the benchmark's own cluster, then reload (new values reach open sessions too)."""
        for name, value in settings.items():
            if value is None:
                self.psql(f"ALTER SYSTEM RESET {name}")
            else:
                self.psql(f"ALTER SYSTEM SET {name} = '{value}'")
        self.psql("SELECT pg_reload_conf()")
        time.sleep(0.5)

    def server_log_since(self, offset: int) -> str:
        with open(self.pg["log_path"], "rb") as f:
            f.seek(offset)
            return f.read().decode(errors="replace")

    def server_log_size(self) -> int:
        return os.path.getsize(self.pg["log_path"])

    # MARK: Initial sync

    def sync(self, target: Target, users: int, groups: int, per_group: int, batch: int, seconds: int) -> dict:
        """An IdP's first push: POST every user, POST every group, then PATCH members in batches."""
        log(f"initial sync against {target.name}: {users} users, {groups} groups, {groups * per_group} memberships")
        retries_before = Client.retries
        deadline = time.monotonic() + seconds
        user_ids: list[str | None] = [None] * users
        group_ids: list[str | None] = [None] * groups
        result: dict = {"users": users, "groups": groups, "memberships": groups * per_group, "batch": batch,
                        "time_limit_s": seconds}
        start = time.perf_counter()

        def created(ids: list, path: str):
            def handle(client: Client, index: int, body: dict) -> tuple[bool, float]:
                status, data, latency = client.request("POST", path, body)
                if status == 201:
                    ids[index] = json.loads(data)["id"]
                    return True, latency
                return False, latency
            return handle

        user_jobs = [user_body(i) for i in range(users)]
        result["post_users"] = run_pool(target, user_jobs, self.concurrency, deadline, created(user_ids, "/Users"))
        group_jobs = [{"schemas": [GROUP_SCHEMA], "displayName": f"group-{j:05d}", "externalId": f"gext-{j}"}
                      for j in range(groups)]
        result["post_groups"] = run_pool(target, group_jobs, self.concurrency, deadline, created(group_ids, "/Groups"))

        # Batch-major order: the threads work on different groups at once, as an IdP syncing many groups would.
        member_jobs = []
        for b in range(0, per_group, batch):
            for j in range(groups):
                members = [user_ids[(j * per_group + k) % users] for k in range(b, min(b + batch, per_group))]
                if group_ids[j] is not None and all(members):
                    member_jobs.append((group_ids[j], members))

        def add_members(client: Client, index: int, job: tuple) -> tuple[bool, float]:
            group, members = job
            body = {"schemas": [PATCH_SCHEMA],
                    "Operations": [{"op": "add", "path": "members", "value": [{"value": m} for m in members]}]}
            status, _, latency = client.request("PATCH", f"/Groups/{group}", body)
            return status in (200, 204), latency

        result["patch_members"] = run_pool(target, member_jobs, self.concurrency, deadline, add_members)
        result["patch_members"]["planned"] = (groups * per_group + batch - 1) // batch
        result["seconds"] = round(time.perf_counter() - start, 2)
        phases = [result[k] for k in ("post_users", "post_groups", "patch_members")]
        done = sum(p["requests"] for p in phases)
        result["requests"] = done
        result["planned_requests"] = sum(p["planned"] for p in phases)
        result["errors"] = sum(p["errors"] for p in phases)
        result["rps"] = round((done - result["errors"]) / result["seconds"], 1)
        result["complete"] = done == result["planned_requests"] and result["errors"] == 0
        result["transport_retries"] = Client.retries - retries_before
        users_file = self.work / f"sync-{target.name}-users.txt"
        groups_file = self.work / f"sync-{target.name}-groups.txt"
        # Line i is user i; a user that could not be created keeps its line with an id that names nothing (its
        # requests then fail and are counted as errors, rather than shifting every later user).
        missing = "00000000-0000-4000-8000-000000000000"
        users_file.write_text("\n".join(u or missing for u in user_ids) + "\n")
        groups_file.write_text("\n".join(g or missing for g in group_ids) + "\n")
        result["missing_users"] = user_ids.count(None)
        result["missing_groups"] = group_ids.count(None)
        result["users_file"], result["groups_file"] = str(users_file), str(groups_file)
        log(f"  {target.name}: {done}/{result['planned_requests']} requests in {result['seconds']} s, "
            f"{result['errors']} errors")
        return result

    # MARK: Fixed requests (wrk)

    def wrk(self, target: Target, op: str, users_file: str, groups_file: str, per_group: int, limit: int,
            tag: str, seconds: int | None = None) -> dict:
        seconds = seconds or self.op_seconds
        env = dict(os.environ, BENCH_OP=op, BENCH_BASE=target.base, BENCH_TOKEN=target.token,
                   BENCH_USERS_FILE=users_file, BENCH_GROUPS_FILE=groups_file, BENCH_PER_GROUP=str(per_group),
                   BENCH_LIMIT=str(limit), BENCH_TAG=tag)
        command = ["wrk", "-t1", f"-c{self.concurrency}", f"-d{seconds}s", "--timeout", "10s",
                   "-s", str(BENCH_DIR / "wrk" / "scim.lua"), target.url]
        completed = subprocess.run(command, env=env, capture_output=True, text=True, timeout=seconds + 60)
        match = re.search(r"BENCH_JSON (\{.*\})", completed.stdout)
        if not match:
            raise RuntimeError(f"wrk printed no result:\n{completed.stdout}\n{completed.stderr}")
        raw = json.loads(match.group(1))
        wall = raw["duration_us"] / 1e6
        errors = raw["err_status"] + raw["err_connect"] + raw["err_read"] + raw["err_write"] + raw["err_timeout"]
        return {
            "requests": raw["requests"], "errors": errors, "seconds": round(wall, 2),
            "rps": round((raw["requests"] - raw["err_status"]) / wall, 1),
            "p50_ms": raw["p50_us"] / 1000, "p95_ms": raw["p95_us"] / 1000, "p99_ms": raw["p99_us"] / 1000,
            "max_ms": raw["max_us"] / 1000, "raw": raw,
        }

    # MARK: PostgreSQL ceiling (pgbench)

    UUID_RE = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")

    def capture_statements(self, users_file: str, groups_file: str) -> dict:
        """Logs (log_statement = all) the statements and bind values of one request of each kind on the bench
        tenant; each kind is sent once before, on another row, so one-time work is not in the capture.

        Returns {op: {"statements": [{"sql", "params"}], "literals": {text: variable}}}, where `literals` names the
        values that must vary per pgbench transaction (the row's id, its userName, the new id of a create).
        """
        tenant = self.tenants["bench"]
        users = Path(users_file).read_text().split()
        groups = Path(groups_file).read_text().split()
        per_group = tenant["per_group"]
        client = Client(self.gateway, token=tenant["token"])

        def member_of_nobody(j: int, r: int) -> int:
            return (j * per_group + per_group + r) % len(users)

        def patch_body(value: str) -> dict:
            return {"schemas": [PATCH_SCHEMA],
                    "Operations": [{"op": "replace", "path": "displayName", "value": value}]}

        def add_body(member: str) -> dict:
            return {"schemas": [PATCH_SCHEMA],
                    "Operations": [{"op": "add", "path": "members", "value": [{"value": member}]}]}

        def remove_body(member: str) -> dict:
            return {"schemas": [PATCH_SCHEMA],
                    "Operations": [{"op": "remove", "path": f'members[value eq "{member}"]'}]}

        def lookup(i: int) -> str:
            return "/Users?filter=" + urllib.parse.quote(f'userName eq "user{i:06d}@example.com"')

        m0, m1 = member_of_nobody(0, 4000), member_of_nobody(1, 4000)
        # (warm-up request, captured request, literals that vary: text -> pgbench variable)
        plan = {
            "lookup": (("GET", lookup(6), None), ("GET", lookup(7), None),
                       {users[7]: "uid:n", f"user{7:06d}@example.com": "name:n"}),
            "get": (("GET", f"/Users/{users[6]}", None), ("GET", f"/Users/{users[7]}", None), {users[7]: "uid:n"}),
            "create": (("POST", "/Users", user_body(990000, name="capture-warm@example.com")),
                       ("POST", "/Users", user_body(990001, name="capture-new@example.com")),
                       {"capture-new@example.com": "newname:x"}),
            "put": (("PUT", f"/Users/{users[5]}", user_body(5, display="User 5 captured")),
                    ("PUT", f"/Users/{users[8]}", user_body(8, display="User 8 captured")),
                    {users[8]: "uid:n", f"user{8:06d}@example.com": "name:n"}),
            "patch": (("PATCH", f"/Users/{users[4]}", patch_body("User 4 captured")),
                      ("PATCH", f"/Users/{users[9]}", patch_body("User 9 captured")),
                      {users[9]: "uid:n", f"user{9:06d}@example.com": "name:n"}),
            "member_add": (("PATCH", f"/Groups/{groups[1]}", add_body(users[m1])),
                           ("PATCH", f"/Groups/{groups[0]}", add_body(users[m0])),
                           {groups[0]: "gid:j", users[m0]: "uid:m"}),
            "member_remove": (("PATCH", f"/Groups/{groups[1]}", remove_body(users[m1])),
                              ("PATCH", f"/Groups/{groups[0]}", remove_body(users[m0])),
                              {groups[0]: "gid:j", users[m0]: "uid:m"}),
        }
        captured = {}
        client.request("GET", "/Users?count=1")  # the connection is open before logging starts
        self.set_pg({"log_statement": "all"})
        try:
            for op, (warm, request, literals) in plan.items():
                client.request(*warm)
                quiet_before = self.wait_for_quiet(1.0, 90)
                offset = self.server_log_size()
                status, data, _ = client.request(*request)
                quiet_after = self.wait_for_quiet(1.0, 10)
                text = self.server_log_since(offset)
                if not (quiet_before and quiet_after):
                    log(f"  {op}: the database did not go quiet around the captured request; the capture may hold "
                        "other work")
                literals = dict(literals)
                if op == "create" and status == 201:
                    literals[json.loads(data)["id"]] = "newid:x"
                statements, deferred = self.split_deferred(self.parse_statements(text))
                captured[op] = {"status": status, "statements": statements, "literals": literals,
                                "deferred": len(deferred)}
        finally:
            self.set_pg({"log_statement": None})
        return captured

    @staticmethod
    def parse_statements(log_text: str) -> list[dict]:
        """Statements and their bind values from log_statement = all output, grouped by backend: the statements of
        each connection in order, connections in the order they first appear (so that one connection's transaction
        never lands inside another's when pgbench replays them on one connection)."""
        by_pid: dict[str, list[dict]] = {}
        entries = re.split(r"\n(?=\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)", log_text)
        for entry in entries:
            pid_match = re.search(r"\[(\d+)\]", entry[:80])
            pid = pid_match.group(1) if pid_match else "?"
            match = re.search(r"LOG:\s+(?:statement|execute [^:]*): (.*)", entry, re.S)
            if match:
                sql = " ".join(line.strip() for line in match.group(1).splitlines())
                by_pid.setdefault(pid, []).append({"sql": sql, "params": {}, "pid": pid})
                continue
            match = re.search(r"DETAIL:\s+parameters: (.*)", entry, re.S)
            if match and by_pid.get(pid):
                text = match.group(1).replace("\n\t", "\n")
                for number, value in re.findall(r"\$(\d+) = (NULL|'(?:[^']|'')*')", text):
                    by_pid[pid][-1]["params"][int(number)] = (None if value == "NULL"
                                                              else value[1:-1].replace("''", "'"))
        return [statement for statements in by_pid.values() for statement in statements]

    @staticmethod
    def split_deferred(statements: list[dict]) -> tuple[list[dict], list[dict]]:
        """Separates the transactions that write the provisioning log: the gateway batches those rows from many
        requests into one transaction in the background, so replaying one such transaction per request would charge
        the ceiling a commit the gateway does not pay. Its occasional pruning of the log is background work too.
        Returns (the request's own statements, the log writes)."""
        kept: list[dict] = []
        deferred: list[dict] = []
        block: list[dict] = []
        pid = None
        for statement in statements + [{"sql": "", "pid": None}]:
            if statement["pid"] != pid and block:
                kept.extend(block)
                block = []
            pid = statement["pid"]
            if not statement["sql"]:
                break
            if statement["sql"].upper().startswith("BEGIN"):
                kept.extend(block)
                block = [statement]
            elif block and block[0]["sql"].upper().startswith("BEGIN"):
                block.append(statement)
                if statement["sql"].upper().startswith(("COMMIT", "ROLLBACK")):
                    target = deferred if any("provisioning_log" in b["sql"] for b in block) else kept
                    target.extend(block)
                    block = []
            else:
                kept.append(statement)
        kept.extend(block)
        return kept, deferred

    def wait_for_quiet(self, quiet_seconds: float, limit_seconds: float) -> bool:
        """Waits until the server log stops growing for quiet_seconds (the gateway's background writes, such as its
        batched provisioning log, have drained), at most limit_seconds. Returns whether it got quiet."""
        deadline = time.monotonic() + limit_seconds
        size, since = self.server_log_size(), time.monotonic()
        while time.monotonic() < deadline:
            time.sleep(0.1)
            current = self.server_log_size()
            if current != size:
                size, since = current, time.monotonic()
            elif time.monotonic() - since >= quiet_seconds:
                return True
        return False

    def param_types(self, sql: str, params: dict[int, str | None]) -> tuple[dict[int, str], list[str]]:
        """How PostgreSQL types each bind of a statement when it is sent untyped, as pgbench sends it.

        PREPARE in a scratch session; a parameter whose type the server cannot determine (the gateway sent it
        typed) gets the type its value's shape shows. Returns (casts to add, the inferred type of every $n).
        """
        casts: dict[int, str] = {}
        for _ in range(len(params) + 1):
            probe = sql
            for number in sorted(casts, reverse=True):
                probe = re.sub(rf"\${number}(?!\d)", f"${number}::{casts[number]}", probe)
            completed = subprocess.run(
                [os.path.join(self.pg["bin_dir"], "psql"), "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1",
                 self.pg["owner_url"], "-c",
                 f"PREPARE bench_probe AS {probe}; "
                 "SELECT parameter_types FROM pg_prepared_statements WHERE name = 'bench_probe'"],
                capture_output=True, text=True, timeout=60)
            match = re.search(r"could not determine data type of parameter \$(\d+)", completed.stderr)
            if not match:
                output = completed.stdout.strip().splitlines()
                types = next(csv.reader([output[-1].strip("{}")])) if output and completed.returncode == 0 else []
                return casts, types
            number = int(match.group(1))
            value = params.get(number) or ""
            if self.UUID_RE.match(value):
                casts[number] = "uuid"
            elif re.fullmatch(r"-?\d+", value):
                casts[number] = "int8"
            elif value in ("t", "f"):
                casts[number] = "bool"
            elif value.startswith("\\x"):
                casts[number] = "bytea"
            else:
                casts[number] = "text"
        return casts, []

    def pgbench_script(self, op: str, captured: dict) -> tuple[str, dict[str, str]]:
        """Turns one captured request into a pgbench script: every bind stays a bind (a pgbench variable), and the
        values that name the row become expressions of a random index, so each transaction works on another row
        of the seeded data, as the wrk run does."""
        expressions = {
            "uid": "overlay(overlay(md5(:uprefix::text || :{v}::text) PLACING '4' FROM 13) PLACING '8' FROM 17)::uuid",
            "gid": "overlay(overlay(md5(:gprefix::text || :{v}::text) PLACING '4' FROM 13) PLACING '8' FROM 17)::uuid",
            "newid": "overlay(overlay(md5('new:' || :{v}::text) PLACING '4' FROM 13) PLACING '8' FROM 17)::uuid",
            "name": "('user' || lpad(:{v}::text, 6, '0') || '@example.com')",
            "newname": "('pgbench-' || :{v}::text || '@example.com')",
        }
        # Each literal in every spelling the gateway may send: (whole-value form, inside-a-string form).
        spellings: dict[str, tuple[str, str]] = {}
        for text, spec in captured["literals"].items():
            kind, variable = spec.split(":")
            expression = expressions[kind].format(v=variable)
            if kind in ("uid", "gid", "newid"):
                spellings[text.lower()] = (f"({expression})", f"({expression})::text")
                spellings[text.upper()] = (f"upper(({expression})::text)", f"upper(({expression})::text)")
            else:
                spellings[text] = (expression, expression)
        pattern = re.compile("|".join(re.escape(text) for text in spellings)) if spellings else None
        variables: dict[str, str] = {}
        lines = []
        if op in ("member_add", "member_remove"):
            lines += ["\\set j random(0, :groups - 1)", "\\set r random(0, :users - :pergroup - 1)",
                      "\\set m (:j * :pergroup + :pergroup + :r) % :users"]
        elif op == "create":
            lines.append("\\set x random(1, 1000000000000000)")
        else:
            lines.append("\\set n random(0, :users - 1)")
        for index, statement in enumerate(captured["statements"]):
            sql = statement["sql"]
            params = statement["params"]
            casts, types = self.param_types(sql, params) if params else ({}, [])
            for number in sorted(params, reverse=True):
                value = params[number]
                if value is None:
                    rendered = "NULL"
                elif pattern is not None and pattern.fullmatch(value):
                    rendered = spellings[value][0]
                else:
                    parts, last = [], 0
                    for match in (pattern.finditer(value) if pattern else []):
                        if match.start() > last:
                            parts.append(("const", value[last:match.start()]))
                        parts.append(("expr", spellings[match.group(0)][1]))
                        last = match.end()
                    if last < len(value) or not parts:
                        parts.append(("const", value[last:]))
                    rendered_parts = []
                    for piece, (kind, content) in enumerate(parts):
                        if kind == "expr":
                            rendered_parts.append(content)
                        else:
                            name = f"s{index}p{number}c{piece}"
                            variables[name] = content
                            rendered_parts.append(f":{name}")
                    if len(rendered_parts) == 1:
                        rendered = rendered_parts[0]
                        if number in casts:
                            rendered = f"{rendered}::{casts[number]}"
                    else:
                        rendered = "(" + " || ".join(rendered_parts) + ")"
                # An expression (not a plain variable) gets the type PostgreSQL gives the untyped bind, so that
                # text built by concatenation still becomes, say, the uuid[] the gateway sent.
                inferred = types[number - 1] if number - 1 < len(types) else ""
                plain = re.fullmatch(r":\w+(::\w+)?", rendered) or rendered == "NULL"
                after = re.search(rf"\${number}(?!\d)(.{{0,2}})", sql)
                if not plain and inferred not in ("", "unknown") and not (after and after.group(1) == "::"):
                    rendered = f"({rendered})::{inferred}"
                sql = re.sub(rf"\${number}(?!\d)", lambda _: rendered, sql)
            ours = r":(?:s\d+p\d+c\d+|uprefix|gprefix|users|groups|pergroup|[njmrx])\b"
            if re.search(r"(?<!:):(?=[A-Za-z0-9_])", re.sub(ours, "", sql).replace("::", "  ")):
                raise RuntimeError(f"{op}: a literal in the gateway's SQL would read as a pgbench variable: {sql}")
            lines.append(sql.rstrip(";") + ";")
        # The ceiling sends the request's statements in as few round trips as PostgreSQL allows, one pipeline per
        # transaction (a BEGIN cannot follow statements in the same pipeline): the gateway pipelines only what does
        # not depend on an earlier answer, so this bounds it from above.
        first = next(i for i, line in enumerate(lines) if not line.startswith("\\set"))
        piped = lines[:first] + ["\\startpipeline"]
        for line in lines[first:]:
            if line.upper().startswith("BEGIN") and piped[-1] != "\\startpipeline":
                piped += ["\\endpipeline", "\\startpipeline"]
            piped.append(line)
        lines = piped + ["\\endpipeline"]
        return "\n".join(lines) + "\n", variables

    def pgbench(self, op: str, captured: dict, key: str, seconds: int | None = None) -> dict:
        """Runs the gateway's own statements for one request kind with pgbench, as the gateway's database role."""
        seconds = seconds or self.op_seconds
        tenant = self.tenants[key]
        text, constants = self.pgbench_script(op, captured)
        rendered = self.work / "pgbench" / f"{op}.sql"
        rendered.parent.mkdir(exist_ok=True)
        rendered.write_text(text)
        log_dir = self.work / "pgbench" / f"log-{op}"
        log_dir.mkdir(exist_ok=True)
        for old in log_dir.glob("*"):
            old.unlink()
        variables = {"uprefix": f"{tenant['id']}:u:", "gprefix": f"{tenant['id']}:g:", "users": tenant["users"],
                     "groups": tenant["groups"], "pergroup": tenant["per_group"], **constants}
        command = [os.path.join(self.pg["bin_dir"], "pgbench"), "-n", "-M", "prepared", "-c", str(self.concurrency),
                   "-j", str(min(2, self.concurrency)), "-T", str(seconds), "-f", str(rendered), "-l",
                   f"--log-prefix={log_dir}/tx"]
        for name, value in variables.items():
            command += ["-D", f"{name}={value}"]
        command.append(self.pg["app_url"])
        # One transaction first: a script that fails is reported instead of measured.
        dry = [part for part in command if not part.startswith("--log-prefix")]
        dry = [part for part in dry if part != "-l"]
        at = dry.index("-T")
        dry[at:at + 2] = ["-t", "1"]
        dry[dry.index("-c") + 1] = "1"
        dry[dry.index("-j") + 1] = "1"
        # Planned once per connection, as the gateway's own connections do (PostgresConfiguration.usesGenericPlans).
        environment = {**os.environ, "PGOPTIONS": "-c plan_cache_mode=force_generic_plan"}
        checked = subprocess.run(dry, capture_output=True, text=True, timeout=120, env=environment)
        if checked.returncode != 0 or "number of failed transactions: 0" not in checked.stdout:
            raise RuntimeError(f"pgbench {op}: the script failed once:\n{checked.stdout[-600:]}\n{checked.stderr[-1500:]}")
        completed = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60, env=environment)
        if completed.returncode != 0:
            raise RuntimeError(f"pgbench {op} failed:\n{completed.stdout}\n{completed.stderr}")
        tps = float(re.search(r"tps = ([\d.]+) \(without initial connection time\)", completed.stdout).group(1))
        failed = re.search(r"number of failed transactions: (\d+)", completed.stdout)
        latencies = []
        for path in log_dir.glob("tx*"):
            with open(path) as f:
                for line in f:
                    fields = line.split()
                    if len(fields) >= 3 and fields[2].isdigit():
                        latencies.append(int(fields[2]) / 1e6)
        result = summarize(latencies, seconds, int(failed.group(1)) if failed else 0)
        result["rps"] = round(tps, 1)
        result["statements"] = len(captured["statements"])
        result["script"] = str(rendered)
        return result

    # MARK: Growth

    def growth(self) -> dict:
        """Latency as data grows: membership changes in a small and a huge group, lookups and deep pages."""
        sizes = self.config["growth"]
        small, large = self.tenants["growth_small"], self.tenants["growth_large"]
        repeats = sizes["repeats"]
        deadline = time.monotonic() + sizes["seconds"]
        result: dict = {"small_users": small["users"], "large_users": large["users"],
                        "small_group_members": sizes["small_group"], "big_group_members": large["big_members"]}

        def uid(tenant: dict, i: int) -> str:
            digest = hashlib.md5(f"{tenant['id']}:u:{i}".encode()).hexdigest()
            digest = digest[:12] + "4" + digest[13:16] + "8" + digest[17:]
            return f"{digest[:8]}-{digest[8:12]}-{digest[12:16]}-{digest[16:20]}-{digest[20:]}"

        def gid(tenant: dict, suffix: str) -> str:
            digest = hashlib.md5(f"{tenant['id']}:{suffix}".encode()).hexdigest()
            digest = digest[:12] + "4" + digest[13:16] + "8" + digest[17:]
            return f"{digest[:8]}-{digest[8:12]}-{digest[12:16]}-{digest[16:20]}-{digest[20:]}"

        client = Client(self.gateway, token=large["token"])
        # Membership: remove one existing member, then add the same member back; both change one row.
        membership = {}
        for label, group, members in (("10_members", gid(large, "g:0"), sizes["small_group"]),
                                      (f"{large['big_members']}_members", gid(large, "big"), large["big_members"])):
            adds, removes, statuses = [], [], {}
            for i in range(repeats):
                if time.monotonic() > deadline:
                    break
                member = uid(large, (i * 7919) % members)
                remove = {"schemas": [PATCH_SCHEMA],
                          "Operations": [{"op": "remove", "path": f'members[value eq "{member}"]'}]}
                add = {"schemas": [PATCH_SCHEMA],
                       "Operations": [{"op": "add", "path": "members", "value": [{"value": member}]}]}
                status, _, latency = client.request("PATCH", f"/Groups/{group}", remove)
                removes.append(latency)
                statuses[f"remove {status}"] = statuses.get(f"remove {status}", 0) + 1
                status, _, latency = client.request("PATCH", f"/Groups/{group}", add)
                adds.append(latency)
                statuses[f"add {status}"] = statuses.get(f"add {status}", 0) + 1
            membership[label] = {"add": summarize(adds, sum(adds), 0), "remove": summarize(removes, sum(removes), 0),
                                 "statuses": statuses}
        result["membership"] = membership

        # Lookups by userName and pages, at both sizes.
        pages = {}
        lookups = {}
        for key, tenant in (("small", small), ("large", large)):
            client = Client(self.gateway, token=tenant["token"])
            n = tenant["users"]
            series = []
            for _ in range(repeats):
                if time.monotonic() > deadline:
                    break
                name = f"user{random.randrange(n):06d}@example.com"
                query = urllib.parse.quote(f'userName eq "{name}"')
                status, _, latency = client.request("GET", f"/Users?filter={query}")
                series.append(latency)
            lookups[key] = summarize(series, sum(series), 0)
            page = 200
            first, last = [], []
            for _ in range(repeats // 4 or 1):
                if time.monotonic() > deadline:
                    break
                first.append(client.request("GET", f"/Users?startIndex=1&count={page}")[2])
                status, data, latency = client.request("GET", f"/Users?startIndex={n - page + 1}&count={page}")
                last.append(latency)
            # A cursor walk over every page (RFC 9865), bounded by the page count and the deadline.
            walk, cursor, walked = [], "", 0
            walk_start = time.perf_counter()
            for _ in range(n // page + 2):
                if time.monotonic() > deadline:
                    break
                status, data, latency = client.request(
                    "GET", f"/Users?count={page}&cursor={urllib.parse.quote(cursor)}")
                if status != 200:
                    break
                body = json.loads(data)
                walked += len(body.get("Resources", []))
                walk.append(latency)
                cursor = body.get("nextCursor")
                if not cursor:
                    break
            pages[key] = {
                "users": n,
                "index_first_page": summarize(first, sum(first), 0),
                "index_last_page": summarize(last, sum(last), 0),
                "cursor_first_pages": summarize(walk[:10], sum(walk[:10]), 0),
                "cursor_last_pages": summarize(walk[-10:], sum(walk[-10:]), 0),
                "cursor_walk": {"pages": len(walk), "users": walked,
                                "seconds": round(time.perf_counter() - walk_start, 2)},
            }
        result["lookups"] = lookups
        result["pages"] = pages
        return result

    # MARK: Plans and statement counts

    def capture(self, action, settings: dict[str, str]) -> str:
        self.set_pg(settings)
        offset = self.server_log_size()
        try:
            action()
            time.sleep(0.5)
            return self.server_log_since(offset)
        finally:
            self.set_pg({name: None for name in settings})

    @staticmethod
    def plans(log_text: str) -> list[dict]:
        """auto_explain blocks: {"query": first line of the query text, "lines": plan lines, "ms": duration}."""
        blocks = []
        for block in re.split(r"\n(?=\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)", log_text):
            match = re.search(r"duration: ([\d.]+) ms\s+plan:\n(.*)", block, re.S)
            if not match:
                continue
            lines = [line.strip("\t").rstrip() for line in match.group(2).splitlines()]
            query, plan, in_query = [], [], True
            for line in lines:
                if line.startswith("Query Text:"):
                    query.append(line[len("Query Text:"):].strip())
                    continue
                if in_query and (re.match(r"^\s*\S.*\(cost=", line) or re.match(r"^\S.*\(actual", line)):
                    in_query = False
                if in_query:
                    query.append(line.strip())
                else:
                    plan.append(line)
            blocks.append({"ms": float(match.group(1)), "query": " ".join(query), "plan": plan})
        return blocks

    def explain(self) -> dict:
        """EXPLAIN ANALYZE, by auto_explain, of what the gateway itself runs for a lookup and a big-group change."""
        large = self.tenants["growth_large"]
        client = Client(self.gateway, token=large["token"])
        name = f"user{large['users'] // 2:06d}@example.com"
        query = urllib.parse.quote(f'userName eq "{name.upper()}"')
        for _ in range(8):  # past PostgreSQL's five custom plans, so the plan kept for the session shows
            client.request("GET", f"/Users?filter={query}")
        settings = {"auto_explain.log_min_duration": "0", "auto_explain.log_analyze": "on",
                    "auto_explain.log_buffers": "on", "auto_explain.log_timing": "on"}
        text = self.capture(lambda: client.request("GET", f"/Users?filter={query}"), settings)
        lookup = [p for p in self.plans(text) if "user_name" in p["query"] and "lower(" in p["query"]]
        digest = hashlib.md5(f"{large['id']}:big".encode()).hexdigest()
        digest = digest[:12] + "4" + digest[13:16] + "8" + digest[17:]
        big = f"{digest[:8]}-{digest[8:12]}-{digest[12:16]}-{digest[16:20]}-{digest[20:]}"
        member_digest = hashlib.md5(f"{large['id']}:u:{large['users'] // 3}".encode()).hexdigest()
        member_digest = member_digest[:12] + "4" + member_digest[13:16] + "8" + member_digest[17:]
        member = (f"{member_digest[:8]}-{member_digest[8:12]}-{member_digest[12:16]}-{member_digest[16:20]}-"
                  f"{member_digest[20:]}")
        remove = {"schemas": [PATCH_SCHEMA], "Operations": [{"op": "remove", "path": f'members[value eq "{member}"]'}]}
        add = {"schemas": [PATCH_SCHEMA], "Operations": [{"op": "add", "path": "members", "value": [{"value": member}]}]}
        client.request("PATCH", f"/Groups/{big}", remove)
        text = self.capture(lambda: client.request("PATCH", f"/Groups/{big}", add), settings)
        return {"users": large["users"], "lookup_name": name.upper(), "lookup": lookup,
                "big_group_add": self.plans(text), "big_group_members": large["big_members"]}

    # MARK: Run

    def run(self) -> dict:
        gateway = self.config["gateway"]
        self.sampler.start()
        self.note_load("start")
        sizes = self.config["sizes"]
        growth = self.config["growth"]

        log("creating tenants through the gateway's command line")
        for key, name in (("sync", "Sync"), ("bench", "Bench"), ("growth_small", "Growth small"),
                          ("growth_large", "Growth large")):
            self.make_tenant(key, name)
        self.gateway = Target("gateway", gateway["port"], gateway["base"], self.tenants["sync"]["token"],
                              gateway["pid"])

        log(f"seeding with SQL: bench tenant {sizes['users']} users / {sizes['groups']} groups, growth tenants "
            f"{growth['small_users']} and {growth['large_users']} users")
        self.seed("bench", sizes["users"], sizes["groups"], sizes["per_group"])
        self.seed("growth_small", growth["small_users"], 1, growth["small_group"])
        self.seed("growth_large", growth["large_users"], 1, growth["small_group"], big_members=growth["large_users"])
        self.psql("ANALYZE")
        self.results["seed"] = {k: {kk: v.get(kk) for kk in ("users", "groups", "per_group", "big_members",
                                                            "seed_seconds")} for k, v in self.tenants.items()
                                if "users" in v}
        self.results["memory_kib"] = {"idle": {"gateway": MemorySampler.read_kib(gateway["pid"], "VmRSS")}}

        # Initial sync, gateway then peer.
        self.sampler.phase = "sync"
        self.note_load("sync")
        sync = sizes["sync"]
        self.results["sync"] = {
            "gateway": self.sync(self.gateway, sync["users"], sync["groups"], sync["per_group"], sync["batch"],
                                 sync["seconds"]),
            "scim2-server": self.sync(self.peer, sync["users"], sync["groups"], sync["per_group"], sync["batch"],
                                      sync["seconds"]),
        }
        # What autovacuum would do soon after such a load; plans below then see real row counts.
        self.psql("ANALYZE")

        # Fixed requests: gateway on the SQL-seeded tenant, scim2-server on what its sync created, pgbench on the
        # same tenant as the gateway.
        self.sampler.phase = "fixed"
        self.note_load("fixed")
        bench_users, bench_groups = self.id_files("bench")
        bench_target = Target("gateway", gateway["port"], gateway["base"], self.tenants["bench"]["token"],
                              gateway["pid"])
        peer_sync = self.results["sync"]["scim2-server"]
        peer_files = (peer_sync["users_file"], peer_sync["groups_file"])
        log("warming up the gateway")
        self.wrk(bench_target, "get", str(bench_users), str(bench_groups), sizes["per_group"], 10**9, "warm", 2)
        self.wrk(bench_target, "lookup", str(bench_users), str(bench_groups), sizes["per_group"], 10**9, "warm", 2)
        ops = ["lookup", "get", "create", "put", "patch", "member_add", "member_remove"]
        log("capturing the gateway's statements for each request kind (log_statement = all)")
        captured = self.capture_statements(str(bench_users), str(bench_groups))
        self.results["statements"] = {op: len(c["statements"]) for op, c in captured.items()}
        self.results["deferred_statements"] = {op: c["deferred"] for op, c in captured.items()}
        fixed: dict = {}
        limit = self.config["write_limit"]
        tag = f"{int(time.time())}"
        for op in ops:
            fixed[op] = {}
            for name, target, (users_file, groups_file), per_group in (
                    ("gateway", bench_target, (str(bench_users), str(bench_groups)), sizes["per_group"]),
                    ("scim2-server", self.peer, peer_files, sync["per_group"])):
                op_limit = limit
                if op == "member_remove":
                    # Undo exactly the additions that were acknowledged.
                    op_limit = max(1, fixed["member_add"][name]["requests"] - fixed["member_add"][name]["errors"])
                log(f"{op}: {name}")
                fixed[op][name] = self.wrk(target, op, users_file, groups_file, per_group, op_limit, f"{tag}-{name}")
            log(f"{op}: pgbench with the gateway's {len(captured[op]['statements'])} statements")
            try:
                fixed[op]["postgres"] = self.pgbench(op, captured[op], "bench")
            except (RuntimeError, subprocess.SubprocessError) as error:
                log(f"  no ceiling for {op}: {error}")
                fixed[op]["postgres"] = {"error": str(error)[:2000]}
        self.results["fixed"] = fixed
        self.note_load("after fixed")

        # Variants of the gateway process on the same data, back to back with the gateway as measured above.
        variants = {}
        if self.config.get("variants"):
            log("GET by id: the measured gateway, then each variant process")
            baseline = self.wrk(bench_target, "get", str(bench_users), str(bench_groups), sizes["per_group"], 10**9,
                                tag)
        for variant in self.config.get("variants", []):
            log(f"GET by id: variant {variant['name']} ({variant['settings']})")
            target = Target(variant["name"], variant["port"], gateway["base"], self.tenants["bench"]["token"])
            variants[variant["name"]] = {
                "settings": variant["settings"], "baseline": baseline,
                "variant": self.wrk(target, "get", str(bench_users), str(bench_groups), sizes["per_group"], 10**9,
                                    tag),
            }
        self.results["variants"] = variants

        self.sampler.phase = "growth"
        log("growth: membership changes, lookups and pages at two sizes")
        self.results["growth"] = self.growth()
        log("plans (auto_explain) and statement counts")
        self.results["explain"] = self.explain()
        self.note_load("end")

        self.sampler.stop()
        memory = self.results["memory_kib"]
        memory["peak_by_phase"] = self.sampler.peaks
        memory["gateway_hwm"] = MemorySampler.read_kib(gateway["pid"], "VmHWM")
        memory["gateway_end"] = MemorySampler.read_kib(gateway["pid"], "VmRSS")
        self.results["tenants"] = {k: {"id": v["id"]} for k, v in self.tenants.items()}
        return self.results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--config", required=True, help="JSON config written by bench/run")
    parser.add_argument("--out", required=True, help="where to write the results JSON")
    args = parser.parse_args()
    config = json.loads(Path(args.config).read_text())
    started = time.time()
    results = Driver(config).run()
    results["driver_seconds"] = round(time.time() - started, 1)
    Path(args.out).write_text(json.dumps(results, indent=2))
    log(f"results in {args.out}")


if __name__ == "__main__":
    main()
