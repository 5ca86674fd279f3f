#!/usr/bin/env python3
"""Renders bench/driver.py's results JSON as Markdown and puts it into BENCHMARKS.md.

Everything between the two marker lines is replaced; the hand-written text above the first marker is kept. A file
without the markers gets them appended (a missing file is created with a one-line header).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
from datetime import datetime, timezone
from pathlib import Path

BEGIN = "<!-- bench/run: generated results begin -->"
END = "<!-- bench/run: generated results end -->"

OPS = [
    ("lookup", "Lookup `userName eq` (GET /Users?filter=)"),
    ("get", "GET /Users/{id}"),
    ("create", "Create user (POST /Users)"),
    ("put", "Replace user (PUT /Users/{id})"),
    ("patch", "User PATCH (replace displayName)"),
    ("member_add", "Group member add (PATCH /Groups/{id})"),
    ("member_remove", "Group member remove (PATCH /Groups/{id})"),
]


def command_output(*command: str) -> str:
    try:
        return subprocess.run(command, capture_output=True, text=True, timeout=60).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "unknown"


def fmt(value, digits: int = 1) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        if value >= 100:
            return f"{value:,.0f}"
        return f"{value:,.{digits}f}"
    return f"{value:,}"


def latency(result: dict | None) -> str:
    if not result:
        return "–"
    return f"{fmt(result.get('p50_ms'))} / {fmt(result.get('p95_ms'))} / {fmt(result.get('p99_ms'))}"


def rate(result: dict | None) -> str:
    if not result:
        return "–"
    text = fmt(result.get("rps"))
    if result.get("errors"):
        text += f" ({result['errors']} err)"
    return text


def ratio(a: dict | None, b: dict | None) -> str:
    if not a or not b or not a.get("rps") or not b.get("rps"):
        return "–"
    return f"{a['rps'] / b['rps']:.2f}×"


def mib(kib: int | None) -> str:
    return "–" if kib is None else f"{kib / 1024:,.1f}"


def machine(args: argparse.Namespace) -> list[str]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = "unknown"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.0f} GiB"
    except OSError:
        pass
    commit = os.environ.get("BENCH_GIT_COMMIT") or command_output("git", "-C", args.root, "rev-parse", "--short",
                                                                    "HEAD")
    dirty = "" if os.environ.get("BENCH_GIT_COMMIT") else command_output(
        "git", "-C", args.root, "status", "--porcelain", "--", "Sources", "sql", "Package.swift")
    swift = command_output("swift", "--version").splitlines()
    postgres = command_output(os.path.join(args.pg_bin, "postgres"), "--version")
    wrk = command_output("wrk", "-v").splitlines()
    return [
        f"- Machine: {os.cpu_count()} cores ({cpu}), {memory} RAM, Linux {platform.release()}",
        f"- Gateway: commit `{commit}`" + (" with uncommitted changes in Sources/ or sql/ (the tree as built)"
                                            if dirty else "") + f", {swift[0] if swift else 'swift ?'}",
        f"- {postgres}; peer: scim2-server {args.peer_version}; load: {wrk[0].split(' [')[0] if wrk else 'wrk'}, "
        "pgbench, Python http.client",
    ]


def render(results: dict, args: argparse.Namespace) -> str:
    config = results["config"]
    sizes = config["sizes"]
    c = config["concurrency"]
    lines: list[str] = []
    now = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    lines.append(f"## Results ({config['mode']} run, {now})")
    lines.append("")
    lines += machine(args)
    load = results.get("loadavg", {})
    lines.append("- Load average (1/5/15 min) at the phases' starts: "
                 + "; ".join(f"{k}: {v}" for k, v in load.items())
                 + ". Anything above ~0.3 before `start` means other work shared the 2 cores.")
    lines.append(f"- Whole run: {results.get('driver_seconds')} s of measuring (build and start-up not counted).")
    lines.append("")

    fixed = results["fixed"]
    lines.append(f"### Fixed requests: {c} connections, {config['op_seconds']} s each")
    lines.append("")
    lines.append(f"Gateway on {sizes['users']:,} users / {sizes['groups']:,} groups / "
                 f"{sizes['groups'] * sizes['per_group']:,} memberships seeded with SQL; scim2-server on what its "
                 "own initial sync created (below); the PostgreSQL ceiling is pgbench running the gateway's "
                 "statements for the request on the gateway's data, as the gateway's database role. Gateway "
                 f"settings: `DB_POOL_SIZE={c}`, `SCIM_RATE_LIMIT_PER_SECOND=0`, the rest default (`HTTP_WORKERS=16`, "
                 "`LOG_LEVEL=info`, one JSON log line per request). Latencies in ms (p50 / p95 / p99).")
    lines.append("")
    lines.append("| Request | Gateway req/s | Gateway ms | scim2-server req/s | scim2-server ms | PostgreSQL tx/s "
                 "| PostgreSQL ms | Gateway ÷ peer | Gateway ÷ ceiling |")
    lines.append("|---|--:|--:|--:|--:|--:|--:|--:|--:|")
    for op, label in OPS:
        row = fixed.get(op, {})
        ours, peer, pg = row.get("gateway"), row.get("scim2-server"), row.get("postgres")
        lines.append(f"| {label} | {rate(ours)} | {latency(ours)} | {rate(peer)} | {latency(peer)} | {rate(pg)} | "
                     f"{latency(pg)} | {ratio(ours, peer)} | {ratio(ours, pg)} |")
    lines.append("")
    targets = []
    for op, label in OPS:
        row = fixed.get(op, {})
        ours, peer, pg = row.get("gateway"), row.get("scim2-server"), row.get("postgres")
        if ours and peer and pg and peer.get("rps") and pg.get("rps"):
            vs_peer, vs_pg = ours["rps"] / peer["rps"], ours["rps"] / pg["rps"]
            targets.append(f"{op} {'meets' if vs_peer >= 20 else 'misses'} ≥20× peer ({vs_peer:.1f}×) and "
                           f"{'meets' if vs_pg >= 0.5 else 'misses'} ≥½ ceiling ({vs_pg:.2f})")
    lines.append("Issue 6 targets: " + "; ".join(targets) + ".")
    lines.append("")
    statements = results.get("statements", {})
    if statements:
        deferred = results.get("deferred_statements", {})
        lines.append("Statements per request (captured with `log_statement = all` from one request of each kind; "
                     "pgbench replays exactly these, each bind a pgbench variable, the row's id and userName drawn "
                     "at random per transaction, all of a request's statements in one pipeline and planned once per "
                     "connection, as the gateway's connections plan them): "
                     + ", ".join(f"{op} {statements.get(op, '?')}" for op, _ in OPS) + ". "
                     "Not replayed: the provisioning-log row each request also causes, which the gateway writes "
                     "later in batches of many requests (" + ", ".join(f"{op} {deferred.get(op, 0)}" for op, _ in OPS)
                     + " statements in the captured transaction).")
        failures = [op for op, _ in OPS if fixed.get(op, {}).get("postgres", {}).get("error")]
        if failures:
            lines.append("")
            lines.append("No ceiling for " + ", ".join(failures) + ": the replayed script failed (see "
                         "`.local/bench/results.json`).")
        lines.append("")

    variants = results.get("variants", {})
    if variants:
        lines.append("GET /Users/{id} on other gateway processes over the same database, each measured right after "
                     "the gateway above for comparison:")
        lines.append("")
        lines.append("| Gateway process | req/s | ms | The measured gateway, just before |")
        lines.append("|---|--:|--:|--:|")
        for name, value in variants.items():
            lines.append(f"| `{value['settings']}` | {rate(value['variant'])} | {latency(value['variant'])} | "
                         f"{rate(value['baseline'])} req/s, {latency(value['baseline'])} ms |")
        lines.append("")

    sync = results["sync"]
    lines.append("### Initial sync")
    lines.append("")
    g = sync["gateway"]
    lines.append(f"{g['users']:,} users (POST), {g['groups']:,} groups (POST), {g['memberships']:,} memberships "
                 f"(PATCH add, {g['batch']} members per request), {c} client threads with keep-alive connections, "
                 f"at most {g['time_limit_s']} s per server.")
    lines.append("")
    lines.append("| Phase | Gateway req/s | Gateway ms | scim2-server req/s | scim2-server ms |")
    lines.append("|---|--:|--:|--:|--:|")
    p = sync["scim2-server"]
    for key, label in (("post_users", "POST /Users"), ("post_groups", "POST /Groups"),
                       ("patch_members", "PATCH /Groups (add members)")):
        gk, pk = g[key], p[key]
        peer_note = "" if pk.get("complete") else f" ({pk['requests']:,} of {pk['planned']:,} in the time limit)"
        ours_note = "" if gk.get("complete") else f" ({gk['requests']:,} of {gk['planned']:,} in the time limit)"
        lines.append(f"| {label} | {rate(gk)}{ours_note} | {latency(gk)} | {rate(pk)}{peer_note} | {latency(pk)} |")
    lines.append(f"| **Whole sync** | **{fmt(g['seconds'])} s** ({fmt(g['rps'])} req/s) | | "
                 f"**{fmt(p['seconds'])} s** ({fmt(p['rps'])} req/s){'' if p['complete'] else ', incomplete'} | |")
    lines.append("")

    memory = results.get("memory_kib", {})
    peaks = memory.get("peak_by_phase", {})
    lines.append("### Resident memory (RSS, MiB, sampled every 0.2 s)")
    lines.append("")
    lines.append("| | Gateway | scim2-server |")
    lines.append("|---|--:|--:|")
    lines.append(f"| After start-up and seeding, idle | {mib(memory.get('idle', {}).get('gateway'))} | – |")
    for phase, label in (("sync", "Peak during the initial sync"), ("fixed", "Peak during the fixed requests"),
                         ("growth", "Peak during the growth runs")):
        values = peaks.get(phase, {})
        lines.append(f"| {label} | {mib(values.get('gateway'))} | {mib(values.get('scim2-server'))} |")
    lines.append(f"| Gateway high-water mark (VmHWM) / at the end | {mib(memory.get('gateway_hwm'))} / "
                 f"{mib(memory.get('gateway_end'))} | |")
    lines.append("")

    growth = results["growth"]
    lines.append("### Growth")
    lines.append("")
    lines.append(f"One keep-alive connection, one request at a time, tenant with {growth['large_users']:,} users. "
                 "Each step removes one existing member and adds it back (`members[value eq \"…\"]` remove, "
                 "`add` with one value), so every request changes one row.")
    lines.append("")
    lines.append("| Group size | Add p50 / p95 / p99 ms | Remove p50 / p95 / p99 ms | Answers |")
    lines.append("|---|--:|--:|---|")
    for label, value in growth["membership"].items():
        size = label.split("_")[0]
        statuses = ", ".join(f"{k}×{v}" for k, v in sorted(value["statuses"].items()))
        lines.append(f"| {int(size):,} members | {latency(value['add'])} | {latency(value['remove'])} | "
                     f"{statuses} |")
    lines.append("")
    lines.append("| Users in tenant | `userName eq` lookup p50 / p95 ms | Page 1 (`startIndex=1`) p50 ms | "
                 "Last page (`startIndex=N-199`) p50 ms | Cursor pages, first 10 p50 ms | Cursor pages, last 10 "
                 "p50 ms | Whole cursor walk |")
    lines.append("|--:|--:|--:|--:|--:|--:|--:|")
    for key in ("small", "large"):
        pages = growth["pages"][key]
        lookup = growth["lookups"][key]
        walk = pages["cursor_walk"]
        lines.append(f"| {pages['users']:,} | {fmt(lookup['p50_ms'])} / {fmt(lookup['p95_ms'])} | "
                     f"{fmt(pages['index_first_page']['p50_ms'])} | {fmt(pages['index_last_page']['p50_ms'])} | "
                     f"{fmt(pages['cursor_first_pages']['p50_ms'])} | {fmt(pages['cursor_last_pages']['p50_ms'])} | "
                     f"{walk['pages']:,} pages of 200, {walk['users']:,} users, {fmt(walk['seconds'])} s |")
    lines.append("")

    explain = results.get("explain", {})
    lines.append(f"### Plans at {explain.get('users', 0):,} users (auto_explain, `log_analyze`, of the gateway's "
                 "own statements)")
    lines.append("")
    lines.append(f"Lookup `userName eq \"{explain.get('lookup_name', '')}\"` (upper case on purpose: the index is on "
                 "`lower(user_name)`):")
    lines.append("")
    lines.append("```")
    for plan in explain.get("lookup", []):
        lines.append(f"-- {plan['query'][:150]}{'…' if len(plan['query']) > 150 else ''}")
        lines.append(f"-- {plan['ms']} ms")
        lines += plan["plan"]
        lines.append("")
    if lines[-1] == "":
        lines.pop()
    lines.append("```")
    lines.append("")
    lines.append(f"Adding one member to the {explain.get('big_group_members', 0):,}-member group, every statement of "
                 "the request (duration, then the plan's top line):")
    lines.append("")
    lines.append("```")
    for plan in explain.get("big_group_add", []):
        top = plan["plan"][0].strip() if plan["plan"] else ""
        query = " ".join(plan["query"].split())
        lines.append(f"{plan['ms']:>8.3f} ms  {query[:110]}{'…' if len(query) > 110 else ''}")
        lines.append(f"             {top}")
    lines.append("```")
    lines.append("")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--results", required=True)
    parser.add_argument("--output", required=True)
    parser.add_argument("--root", required=True)
    parser.add_argument("--pg-bin", required=True)
    parser.add_argument("--peer-version", required=True)
    args = parser.parse_args()
    results = json.loads(Path(args.results).read_text())
    section = f"{BEGIN}\n\n{render(results, args)}\n{END}\n"
    output = Path(args.output)
    text = output.read_text() if output.exists() else "# Benchmarks\n\nGenerated by `bench/run`.\n\n"
    if BEGIN in text and END in text:
        head = text[: text.index(BEGIN)]
        tail = text[text.index(END) + len(END):].lstrip("\n")
        text = head + section + (("\n" + tail) if tail else "")
    else:
        text = text.rstrip("\n") + "\n\n" + section
    output.write_text(text)
    print(f"==> wrote {output}")


if __name__ == "__main__":
    main()
