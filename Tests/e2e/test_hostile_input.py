"""Hostile input against the live server (issue 8): request smuggling and malformed HTTP over raw sockets, resource
limits that must end in a SCIM error rather than a crash or a hang, brute force against provisioning tokens, secrets
kept out of logs and caches, and OIDC issuers that point inside the network (SSRF).

Everything here talks to servers on 127.0.0.1 that scripts/test (or this module) started. The raw-socket tests pipeline
a harmless `GET /healthz` behind every malformed request: one answer and a closed connection prove that nothing after
the malformed bytes was read as a request, which is what a smuggling attack behind a load balancer needs.
"""

from __future__ import annotations

import json
import os
import secrets
import socket
import subprocess
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import requests

from conftest import Gateway, Provisioned
from support import (
    ERROR_SCHEMA,
    GROUP_SCHEMA,
    REQUEST_TIMEOUT,
    USER_SCHEMA,
    ScimClient,
    assert_list_response,
    assert_scim_error,
    describe,
    loopback_session,
    okta_user,
    unique,
)

# The server's fixed limits (README "Limits"); the configurable ones are read from /ServiceProviderConfig.
MAX_REQUEST_LINE = 8 * 1024
MAX_HEADER_SECTION = 32 * 1024
MAX_JSON_DEPTH = 64
MAX_FILTER_LENGTH = 2048
MAX_FILTER_DEPTH = 32
MAX_MEMBERS_PER_REQUEST = 10_000
MAX_PATCH_PATH = 8192
MAX_VALUES_PER_ATTRIBUTE = 1000
# AUTH_FAILURE_LIMIT_PER_MINUTE's default; scripts/test does not change it.
AUTH_FAILURES_PER_MINUTE = 20

SMUGGLED = b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"
BULK_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:BulkRequest"


# ---------------------------------------------------------------------------------------------------------------------
# Raw HTTP over a socket: requests and urllib3 refuse to send most of these bytes.


@dataclass
class RawResponse:
    status: int
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class Exchange:
    responses: list[RawResponse]
    closed: bool
    seconds: float

    def describe(self) -> str:
        answers = [f"{r.status} {r.headers.get('content-type', '')} {r.body[:160]!r}" for r in self.responses]
        return f"answers={answers} closed={self.closed} after {self.seconds:.2f}s"


def parse_responses(data: bytes) -> list[RawResponse]:
    """Every complete HTTP/1.1 response in `data`, in order (Content-Length framing; the server never chunks)."""
    responses = []
    while b"\r\n\r\n" in data:
        head, _, rest = data.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split(" ")[1])
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        length = int(headers.get("content-length", "0"))
        if len(rest) < length:
            break
        responses.append(RawResponse(status, headers, rest[:length]))
        data = rest[length:]
    return responses


def address(gateway: Gateway) -> tuple[str, int]:
    parts = urlsplit(gateway.base_url)
    assert parts.hostname in ("127.0.0.1", "localhost"), f"the hostile tests only attack loopback: {gateway.base_url}"
    return "127.0.0.1", parts.port or 80


def exchange(
    gateway: Gateway, *pieces: bytes, wait: float = 5.0, source: str | None = None, pause: float = 0.0
) -> Exchange:
    """Sends `pieces` on one connection (pausing between them), then reads until the server closes or `wait` passes."""
    started = time.monotonic()
    with socket.create_connection(
        address(gateway), timeout=wait, source_address=(source, 0) if source else None
    ) as connection:
        for piece in pieces:
            try:
                connection.sendall(piece)
            except (BrokenPipeError, ConnectionResetError):
                break  # the server answered and closed before taking everything: read what it said
            if pause:
                time.sleep(pause)
        received = b""
        closed = False
        deadline = time.monotonic() + wait
        while (remaining := deadline - time.monotonic()) > 0:
            connection.settimeout(remaining)
            try:
                chunk = connection.recv(65536)
            except TimeoutError:
                break
            except ConnectionResetError:
                closed = True
                break
            if not chunk:
                closed = True
                break
            received += chunk
    return Exchange(parse_responses(received), closed, time.monotonic() - started)


def assert_refused(result: Exchange, status: int) -> RawResponse:
    """Exactly one answer with `status`, as a SCIM error, `Connection: close`, and the connection closed."""
    assert [response.status for response in result.responses] == [status], result.describe()
    response = result.responses[0]
    assert response.headers.get("connection", "").lower() == "close", result.describe()
    assert result.closed, f"the server kept the connection open: {result.describe()}"
    assert response.headers.get("content-type", "").startswith("application/scim+json"), result.describe()
    body = response.json()
    assert ERROR_SCHEMA in body["schemas"] and body["status"] == str(status), result.describe()
    assert response.headers.get("cache-control") == "no-store", result.describe()
    return response


def head(*lines: str, method: str = "POST", target: str = "/scim/v2/Users") -> bytes:
    return (f"{method} {target} HTTP/1.1\r\n" + "".join(f"{line}\r\n" for line in lines) + "\r\n").encode("latin-1")


# Each case: what the hostile bytes are, the bytes, and the status RFC 9112 and the README call for.
MALFORMED_HTTP = {
    "Content-Length with Transfer-Encoding (CL.TE)": (
        head("Host: x", "Content-Length: 6", "Transfer-Encoding: chunked") + b"0\r\n\r\nX",
        400,
    ),
    "Transfer-Encoding before Content-Length (TE.CL)": (
        head("Host: x", "Transfer-Encoding: chunked", "Content-Length: 3") + b"8\r\nSMUGGLED\r\n0\r\n\r\n",
        400,
    ),
    "two equal Content-Length fields": (head("Host: x", "Content-Length: 2", "Content-Length: 2") + b"{}", 400),
    "two different Content-Length fields": (head("Host: x", "Content-Length: 2", "Content-Length: 40") + b"{}", 400),
    "a Content-Length list": (head("Host: x", "Content-Length: 2, 2") + b"{}", 400),
    "a signed Content-Length": (head("Host: x", "Content-Length: +2") + b"{}", 400),
    "a hexadecimal Content-Length": (head("Host: x", "Content-Length: 0x2") + b"{}", 400),
    "whitespace before the colon of Transfer-Encoding": (
        head("Host: x", "Transfer-Encoding : chunked", "Content-Length: 5") + b"0\r\n\r\n",
        400,
    ),
    "Transfer-Encoding chunked twice": (head("Host: x", "Transfer-Encoding: chunked, chunked") + b"0\r\n\r\n", 400),
    "Transfer-Encoding not ending in chunked": (head("Host: x", "Transfer-Encoding: chunked, identity"), 400),
    "an obfuscated Transfer-Encoding": (head("Host: x", "Transfer-Encoding: xchunked") + b"0\r\n\r\n", 400),
    "Transfer-Encoding in an HTTP/1.0 request": (
        b"POST /scim/v2/Users HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
        400,
    ),
    "a coding before chunked that the server cannot decode": (
        head("Host: x", "Transfer-Encoding: gzip, chunked") + b"0\r\n\r\n",
        501,
    ),
    "obsolete line folding": (head("Host: x", "X-Note: first", " folded") + b"", 400),
    "obsolete line folding of Transfer-Encoding": (
        head("Host: x", "Transfer-Encoding:", " chunked", "Content-Length: 5") + b"0\r\n\r\n",
        400,
    ),
    "a header line starting with whitespace": (b"GET /healthz HTTP/1.1\r\n Host: x\r\n\r\n", 400),
    "a negative chunk size": (head("Host: x", "Transfer-Encoding: chunked") + b"-1\r\nx\r\n0\r\n\r\n", 400),
    "a chunk size with 0x": (head("Host: x", "Transfer-Encoding: chunked") + b"0x2\r\n{}\r\n0\r\n\r\n", 400),
    "a chunk size that is not hexadecimal": (head("Host: x", "Transfer-Encoding: chunked") + b"g\r\n", 400),
    "an empty chunk size": (head("Host: x", "Transfer-Encoding: chunked") + b"\r\n{}\r\n0\r\n\r\n", 400),
    "a chunk size that overflows 64 bits": (
        head("Host: x", "Transfer-Encoding: chunked") + b"1" + b"0" * 16 + b"\r\n",
        400,
    ),
    "chunk data longer than its size": (
        head("Host: x", "Transfer-Encoding: chunked") + b"2\r\n{}}\r\n0\r\n\r\n",
        400,
    ),
    "a chunk extension with a control character": (
        head("Host: x", "Transfer-Encoding: chunked") + b"2;a=\x01\r\n{}\r\n0\r\n\r\n",
        400,
    ),
    "a bare CR inside a header value": (head("Host: x", "X-Note: a\rb"), 400),
    "a NUL inside a header value": (head("Host: x", "X-Note: a\x00b"), 400),
    "two Host fields": (head("Host: a", "Host: b", method="GET", target="/healthz"), 400),
    "non-ASCII in the request target": (b"GET /scim/v2/Users/\xc3\xa9 HTTP/1.1\r\nHost: x\r\n\r\n", 400),
    "a Latin-1 byte in the method": (b"G\xc9T /healthz HTTP/1.1\r\nHost: x\r\n\r\n", 400),
    "a NUL in the request line": (b"GET /healthz\x00 HTTP/1.1\r\nHost: x\r\n\r\n", 400),
    "a tab instead of a space in the request line": (b"GET\t/healthz HTTP/1.1\r\nHost: x\r\n\r\n", 400),
    "two spaces in the request line": (b"GET  /healthz HTTP/1.1\r\nHost: x\r\n\r\n", 400),
    "an unknown protocol version": (b"GET /healthz HTTP/1.2\r\nHost: x\r\n\r\n", 400),
    "a lower-case protocol name": (b"GET /healthz http/1.1\r\nHost: x\r\n\r\n", 400),
    "an escaped NUL in the path": (b"GET /scim/v2/Users/%00 HTTP/1.1\r\nHost: x\r\n\r\n", 400),
    "a malformed escape in the path": (b"GET /scim/v2/%zzUsers HTTP/1.1\r\nHost: x\r\n\r\n", 400),
    "a request line longer than 8 KiB": (
        b"GET /healthz?pad=" + b"a" * MAX_REQUEST_LINE + b" HTTP/1.1\r\nHost: x\r\n\r\n",
        414,
    ),
    "one header line longer than the whole header limit": (
        b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Pad: " + b"a" * MAX_HEADER_SECTION + b"\r\n\r\n",
        431,
    ),
    "a header section longer than 32 KiB in short lines": (
        b"GET /healthz HTTP/1.1\r\nHost: x\r\n"
        + b"".join(b"X-P%d: %s\r\n" % (i, b"a" * 90) for i in range(400))
        + b"\r\n",
        431,
    ),
    "a trailer section longer than 32 KiB": (
        head("Host: x", "Transfer-Encoding: chunked")
        + b"0\r\n"
        + b"".join(b"X-T%d: %s\r\n" % (i, b"a" * 90) for i in range(400))
        + b"\r\n",
        431,
    ),
}


@pytest.mark.parametrize(("request_bytes", "status"), MALFORMED_HTTP.values(), ids=MALFORMED_HTTP.keys())
def test_malformed_http_is_refused_and_nothing_behind_it_is_answered(
    gateway: Gateway, request_bytes: bytes, status: int
) -> None:
    assert_refused(exchange(gateway, request_bytes + SMUGGLED), status)


def test_a_pipelined_request_is_answered_when_the_first_is_well_formed(gateway: Gateway) -> None:
    # The control for the test above: the same pipelining, with nothing wrong, gets both answers.
    result = exchange(gateway, SMUGGLED + b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    assert [response.status for response in result.responses] == [200, 200], result.describe()
    assert result.closed, result.describe()


def test_a_smuggled_write_behind_conflicting_framing_changes_nothing(gateway: Gateway, scim: ScimClient) -> None:
    user_name = f"{unique('smuggled')}@example.com"
    inner = json.dumps({"schemas": [USER_SCHEMA], "userName": user_name}).encode()
    smuggled = (
        f"POST /scim/v2/Users HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {scim.token}\r\n"
        f"Content-Type: application/scim+json\r\nContent-Length: {len(inner)}\r\n\r\n"
    ).encode() + inner
    # A front end that honours Content-Length forwards all of it; a back end that honoured Transfer-Encoding would
    # see the empty chunked body end at "0\r\n\r\n" and run the POST behind it with the victim's token.
    chunked_end = b"0\r\n\r\n"
    request = head(
        "Host: x",
        f"Authorization: Bearer {scim.token}",
        f"Content-Length: {len(chunked_end) + len(smuggled)}",
        "Transfer-Encoding: chunked",
    )
    assert_refused(exchange(gateway, request + chunked_end + smuggled), 400)
    assert scim.find("Users", f'userName eq "{user_name}"') == []


def test_a_body_larger_than_the_limit_is_refused_before_it_is_sent(gateway: Gateway, limits: dict[str, int]) -> None:
    too_large = limits["maxPayloadSize"] + 1
    result = exchange(gateway, head("Host: x", f"Content-Length: {too_large}", "Content-Type: application/scim+json"))
    assert_refused(result, 413)
    assert result.seconds < 4, "413 must not wait for a body the server will not read"


def test_a_chunked_body_growing_past_the_limit_is_refused(gateway: Gateway, limits: dict[str, int]) -> None:
    chunk = b"a" * (limits["maxPayloadSize"] // 2 + 1)
    size = f"{len(chunk):x}\r\n".encode()
    result = exchange(
        gateway, head("Host: x", "Transfer-Encoding: chunked"), size + chunk + b"\r\n", size + chunk + b"\r\n"
    )
    assert_refused(result, 413)


def test_a_head_that_never_ends_is_answered_with_408(gateway: Gateway) -> None:
    # Slowloris: a request line and headers trickling in must not hold the connection past the 10 s head timeout.
    result = exchange(gateway, b"GET /healthz HTTP/1.1\r\n", b"Host: x\r\n", b"X-A: 1\r\n", wait=20.0, pause=1.0)
    assert_refused(result, 408)
    assert result.seconds < 16, result.describe()


def test_the_server_is_healthy_after_the_hostile_requests(gateway: Gateway) -> None:
    response = loopback_session().get(f"{gateway.base_url}/healthz", timeout=REQUEST_TIMEOUT)
    assert response.status_code == 200


# ---------------------------------------------------------------------------------------------------------------------
# Resource limits: each a SCIM error naming the limit, never a 500 or a hang, and advertised where SCIM has a place.


@pytest.fixture(scope="module")
def limits(provision: Callable[..., Provisioned]) -> dict[str, int]:
    """The limits /ServiceProviderConfig advertises (RFC 7643 §5, RFC 9865 `pagination`)."""
    response = provision().client().get("ServiceProviderConfig")
    assert response.status_code == 200, describe(response)
    config = response.json()
    assert config["bulk"]["supported"] is True and config["filter"]["supported"] is True, config
    assert config["pagination"]["maxPageSize"] == config["filter"]["maxResults"], config
    return {
        "maxOperations": config["bulk"]["maxOperations"],
        "maxPayloadSize": config["bulk"]["maxPayloadSize"],
        "maxResults": config["filter"]["maxResults"],
    }


def test_the_advertised_limits_are_the_configured_defaults(limits: dict[str, int]) -> None:
    # README: MAX_BODY_BYTES, SCIM_MAX_RESULTS and SCIM_MAX_PATCH_OPERATIONS, which scripts/test leaves at their
    # defaults; bulk.maxOperations is also the PATCH limit because authentik reads it as one.
    assert limits == {"maxOperations": 1000, "maxPayloadSize": 1_048_576, "maxResults": 200}


def nested(depth: int) -> Any:
    value: Any = "leaf"
    for _ in range(depth):
        value = [value]
    return value


@pytest.mark.parametrize("arrays", [MAX_JSON_DEPTH - 1, 50_000], ids=["one past the limit", "fifty thousand"])
def test_json_nested_deeper_than_the_limit_is_invalid_syntax(scim: ScimClient, arrays: int) -> None:
    # The user object and the extension object are two levels; the arrays inside make up the rest.
    body = b'{"userName":"deep","urn:example:deep:1.0:User":{"x":' + b"[" * arrays + b"]" * arrays + b"}}"
    response = scim.session.post(
        scim.url("Users"),
        data=body,
        headers={"Authorization": f"Bearer {scim.token}", "Content-Type": "application/scim+json"},
        timeout=REQUEST_TIMEOUT,
    )
    error = assert_scim_error(response, 400, "invalidSyntax")
    assert str(MAX_JSON_DEPTH) in error["detail"], describe(response)


def test_json_at_the_nesting_limit_is_accepted(scim: ScimClient) -> None:
    user = okta_user(f"{unique('nested')}@example.com")
    user["urn:example:deep:1.0:User"] = {"x": nested(MAX_JSON_DEPTH - 2)}  # the user and the extension: two levels
    response = scim.post("Users", user)
    assert response.status_code == 201, describe(response)


@pytest.mark.parametrize(
    "filter_text",
    [
        'userName eq "' + "a" * MAX_FILTER_LENGTH + '"',
        " " * (MAX_FILTER_LENGTH + 1) + 'userName eq "a"',
        "(" * (MAX_FILTER_DEPTH + 1) + 'userName eq "a"' + ")" * (MAX_FILTER_DEPTH + 1),
        "not (" * (MAX_FILTER_DEPTH + 1) + 'userName eq "a"' + ")" * (MAX_FILTER_DEPTH + 1),
        "(" * 1000 + 'userName eq "a"' + ")" * 1000,
        " or ".join(f'userName eq "u{i}"' for i in range(200)),
    ],
    ids=["too long", "too long in blanks", "too deep", "too deep in nots", "a thousand parentheses", "or chain"],
)
def test_filters_beyond_the_limits_are_invalid_filter(scim: ScimClient, filter_text: str) -> None:
    for response in (
        scim.get("Users", params={"filter": filter_text}),
        scim.post("Users/.search", {"filter": filter_text}),
    ):
        assert_scim_error(response, 400, "invalidFilter")


def test_a_filter_at_the_limits_is_answered(scim: ScimClient) -> None:
    deep = "(" * MAX_FILTER_DEPTH + 'userName eq "a"' + ")" * MAX_FILTER_DEPTH
    assert assert_list_response(scim.get("Users", params={"filter": deep})) == []
    padded = 'userName eq "a"'.ljust(MAX_FILTER_LENGTH)
    assert assert_list_response(scim.get("Users", params={"filter": padded})) == []


def test_a_patch_with_more_operations_than_the_limit_is_413(scim: ScimClient, limits: dict[str, int]) -> None:
    user = scim.create_user()
    operation = {"op": "replace", "path": "title", "value": "t"}
    too_many = scim.patch(f"Users/{user['id']}", *[operation] * (limits["maxOperations"] + 1))
    error = assert_scim_error(too_many, 413)
    assert str(limits["maxOperations"]) in error["detail"], describe(too_many)
    assert scim.read(f"Users/{user['id']}")["meta"]["version"] == user["meta"]["version"]
    at_limit = scim.patch(f"Users/{user['id']}", *[operation] * limits["maxOperations"])
    assert at_limit.status_code == 200, describe(at_limit)


def test_a_patch_path_longer_than_the_limit_is_invalid_path(gateway: Gateway, scim: ScimClient) -> None:
    # 20,000 or-ed member ids (390 KB) parsed into a filter 20,000 levels deep, whose walk overflowed a worker's stack
    # and killed the server; a PATCH path is now bounded.
    group = scim.create_group()
    path = "members[" + " or ".join(f'value eq "{index}"' for index in range(20_000)) + "]"
    response = scim.patch(f"Groups/{group['id']}", {"op": "remove", "path": path})
    error = assert_scim_error(response, 400, "invalidPath")
    assert str(MAX_PATCH_PATH) in error["detail"], describe(response)
    emails = "emails[" + " or ".join(f'value eq "{index}"' for index in range(20_000)) + "].display"
    user = scim.create_user()
    assert_scim_error(scim.patch(f"Users/{user['id']}", {"op": "replace", "path": emails, "value": "x"}), 400)
    assert loopback_session().get(f"{gateway.base_url}/healthz", timeout=REQUEST_TIMEOUT).status_code == 200


def test_more_values_than_an_attribute_may_hold_is_too_many_and_quick(scim: ScimClient) -> None:
    # De-duplicating 20,000 emails took two minutes, and values piled up over requests without bound.
    def emails(count: int, start: int = 0) -> list[dict[str, str]]:
        return [{"value": f"{index}@example.com"} for index in range(start, start + count)]

    started = time.monotonic()
    too_many = scim.post("Users", okta_user(f"{unique('many')}@example.com") | {"emails": emails(30_000)})
    error = assert_scim_error(too_many, 400, "tooMany")
    assert str(MAX_VALUES_PER_ATTRIBUTE) in error["detail"], describe(too_many)
    assert time.monotonic() - started < 10, "refusing 30,000 emails took too long"

    user = scim.create_user(emails=emails(MAX_VALUES_PER_ATTRIBUTE))
    path = f"Users/{user['id']}"
    assert_scim_error(scim.patch(path, {"op": "add", "path": "emails", "value": emails(1, start=50_000)}), 400)
    started = time.monotonic()
    operations = [
        {"op": "replace", "path": f'emails[value eq "{index}@example.com"].display', "value": "d"}
        for index in range(MAX_VALUES_PER_ATTRIBUTE)
    ]
    patched = scim.patch(path, *operations)
    assert patched.status_code == 200, describe(patched)
    assert time.monotonic() - started < 15, "1,000 filtered operations on 1,000 values took too long"


def member_list(count: int) -> list[dict[str, str]]:
    return [{"value": str(uuid.uuid4())} for _ in range(count)]


def test_more_members_than_the_limit_in_one_request_is_too_many(scim: ScimClient) -> None:
    members = member_list(MAX_MEMBERS_PER_REQUEST + 1)
    created = scim.post("Groups", {"schemas": [GROUP_SCHEMA], "displayName": unique("big"), "members": members})
    assert_scim_error(created, 400, "tooMany")
    group = scim.create_group()
    path = f"Groups/{group['id']}"
    assert_scim_error(scim.put(path, {"displayName": group["displayName"], "members": members}), 400, "tooMany")
    assert_scim_error(scim.patch(path, {"op": "add", "path": "members", "value": members}), 400, "tooMany")
    assert scim.read(path)["meta"]["version"] == group["meta"]["version"]


def bulk(*operations: dict[str, Any]) -> dict[str, Any]:
    return {"schemas": [BULK_SCHEMA], "Operations": list(operations)}


def test_a_bulk_request_with_more_operations_than_advertised_is_413(scim: ScimClient, limits: dict[str, int]) -> None:
    user_name = f"{unique('bulk')}@example.com"
    first = {"method": "POST", "bulkId": "first", "path": "/Users", "data": okta_user(user_name)}
    delete = {"method": "DELETE", "path": f"/Users/{uuid.uuid4()}"}
    response = scim.post("Bulk", bulk(first, *[delete] * limits["maxOperations"]))
    assert_scim_error(response, 413)
    assert scim.find("Users", f'userName eq "{user_name}"') == [], "a refused bulk request ran an operation"


def test_a_bulk_request_larger_than_max_payload_size_is_413(
    gateway: Gateway, scim: ScimClient, limits: dict[str, int]
) -> None:
    # Refused from its Content-Length, before the body is read (the body is not sent at all here).
    request = head(
        "Host: x",
        f"Authorization: Bearer {scim.token}",
        "Content-Type: application/scim+json",
        f"Content-Length: {limits['maxPayloadSize'] + 1}",
        target="/scim/v2/Bulk",
    )
    assert_refused(exchange(gateway, request), 413)


def test_a_page_larger_than_max_results_is_clamped(scim: ScimClient, limits: dict[str, int]) -> None:
    # RFC 7644 §3.4.2.4: a server may return fewer results than asked; more users than one page, made in one request.
    count = limits["maxResults"] + 5
    operations = [
        {"method": "POST", "bulkId": f"u{i}", "path": "/Users", "data": okta_user(f"{unique('page')}@example.com")}
        for i in range(count)
    ]
    created = scim.post("Bulk", bulk(*operations))
    assert created.status_code == 200, describe(created)
    assert [result["status"] for result in created.json()["Operations"]] == ["201"] * count
    for asked in (limits["maxResults"] + 1, 10**9, 2**63 - 1):
        page = scim.page("Users", count=asked)
        assert page["totalResults"] == count and page["itemsPerPage"] == limits["maxResults"], page
        assert len(page["Resources"]) == limits["maxResults"]


@pytest.mark.parametrize(
    "params",
    [
        {"count": "-1"},
        {"startIndex": "-9223372036854775808"},
        {"startIndex": "9223372036854775807"},
        {"startIndex": "99999999999999999999"},
        {"count": "1e3"},
        {"sortBy": "password"},
        {"sortOrder": "sideways"},
        {"cursor": "A" * 4000},
        {"attributes": ",".join(["userName"] * 500)},
    ],
    ids=lambda params: "&".join(f"{k}={v[:24]}" for k, v in params.items()),
)
def test_odd_paging_parameters_are_answered_without_a_server_error(scim: ScimClient, params: dict[str, str]) -> None:
    response = scim.get("Users", params=params)
    assert response.status_code in (200, 400), describe(response)
    if response.status_code == 400:
        assert_scim_error(response, 400)


NUL_BODIES = {
    "userName": {"schemas": [USER_SCHEMA], "userName": "nul\u0000user"},
    "title": {"schemas": [USER_SCHEMA], "userName": "nul-title", "title": "a\u0000b"},
    "extension key": {"userName": "nul-key", "urn:example:custom:1.0:User": {"k\u0000": 1}},
    "manager": {
        "userName": "nul-manager",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"manager": {"value": "\u0000"}},
    },
}


@pytest.mark.parametrize("body", NUL_BODIES.values(), ids=NUL_BODIES.keys())
def test_a_nul_character_in_a_body_is_invalid_value(scim: ScimClient, body: dict[str, Any]) -> None:
    # PostgreSQL can store NUL neither in text nor in jsonb; these were 500s before issue 8's fix.
    assert_scim_error(scim.post("Users", body), 400, "invalidValue")


LONG = "".join(secrets.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(3000))  # does not compress
INDEXED_TOO_LONG = {
    "userName": ("Users", {"userName": LONG}),
    "user externalId": ("Users", {"userName": "long-external-id", "externalId": LONG}),
    "user displayName": ("Users", {"userName": "long-display-name", "displayName": LONG}),
    "group displayName": ("Groups", {"displayName": LONG}),
    "group externalId": ("Groups", {"displayName": "long-external-id", "externalId": LONG}),
}


@pytest.mark.parametrize(("resource", "body"), INDEXED_TOO_LONG.values(), ids=INDEXED_TOO_LONG.keys())
def test_an_indexed_value_too_long_for_the_index_is_invalid_value(
    scim: ScimClient, resource: str, body: dict[str, Any]
) -> None:
    # Copied into B-tree indexes, which hold about 2,700 bytes an entry: this was a 500 (SQLSTATE 54000).
    assert_scim_error(scim.post(resource, body), 400, "invalidValue")


@pytest.mark.parametrize(
    "target",
    ["Users?filter=externalId%20eq%20a%00b", "Users?filter=userName%20eq%20%22a%5Cu0000b%22"],
    ids=["raw NUL in a bare value", "escaped NUL in a quoted value"],
)
def test_a_nul_character_in_a_filter_is_invalid_filter(scim: ScimClient, target: str) -> None:
    assert_scim_error(scim.get(target), 400, "invalidFilter")


# ---------------------------------------------------------------------------------------------------------------------
# Credentials: brute force is throttled, refusals say nothing, secrets stay out of logs, metrics and caches.


def random_token(prefix: str | None = None) -> str:
    """A made-up token in the real format; `prefix` fixes the characters the throttle keys on."""
    body = secrets.token_urlsafe(32)
    return "scimgw_" + (prefix + body[len(prefix) :] if prefix else body)


def test_unknown_and_rotated_tokens_get_identical_answers(
    gateway: Gateway, provision: Callable[..., Provisioned]
) -> None:
    provisioned = provision()
    client = provisioned.client()
    assert_list_response(client.get("Users"))
    gateway.rotate_token(provisioned.provider_id)
    rotated = client.get("Users")
    unknown = client.get("Users", token=random_token())
    for response in (rotated, unknown):
        assert_scim_error(response, 401)
    assert rotated.content == unknown.content
    for header in ("Content-Type", "WWW-Authenticate", "Cache-Control", "Content-Length"):
        assert rotated.headers.get(header) == unknown.headers.get(header), header
    assert provisioned.token not in rotated.text


def fail_until_throttled(gateway: Gateway, token_for: Callable[[int], str], source: str, attempts: int) -> list[int]:
    """Statuses of failed authentications from `source` until the first 429 (or `attempts` of them)."""
    statuses = []
    for attempt in range(attempts):
        request = head("Host: x", f"Authorization: Bearer {token_for(attempt)}", method="GET", target="/scim/v2/Users")
        result = exchange(gateway, request[:-2] + b"Connection: close\r\n\r\n", source=source)
        assert len(result.responses) == 1, result.describe()
        statuses.append(result.responses[0].status)
        if statuses[-1] == 429:
            response = result.responses[0]
            assert response.headers.get("retry-after", "").isdigit(), result.describe()
            assert response.json()["status"] == "429"
            break
    return statuses


def test_failed_authentication_from_one_client_is_throttled(gateway: Gateway, scim: ScimClient) -> None:
    prefix = secrets.token_hex(2)  # the throttle keys on the token's first 11 characters
    # The counters are per minute: if a minute ends during the run, the count starts again, so allow two windows.
    statuses = fail_until_throttled(
        gateway, lambda _: random_token(prefix), "127.0.0.1", 2 * AUTH_FAILURES_PER_MINUTE + 1
    )
    assert statuses[-1] == 429, f"no 429 after {len(statuses)} failed authentications"
    assert statuses.count(401) >= AUTH_FAILURES_PER_MINUTE, statuses
    # The same client with a real token is not locked out: the key is the address and the presented prefix.
    assert_list_response(scim.get("Users"))


def test_guessing_one_prefix_from_many_addresses_is_throttled(gateway: Gateway) -> None:
    # Loopback is 127.0.0.0/8, so each source address below is another client to the server. Each stays under its
    # own limit; together they pass the per-prefix limit of ten times that.
    prefix = secrets.token_hex(2)
    sources = [f"127.0.{secrets.randbelow(200) + 1}.{index + 2}" for index in range(24)]
    per_source = AUTH_FAILURES_PER_MINUTE - 1
    seen: list[int] = []
    for source in sources:
        statuses = fail_until_throttled(gateway, lambda _: random_token(prefix), source, per_source)
        seen += statuses
        if statuses[-1] == 429:
            break
    assert seen[-1] == 429, f"no 429 after {len(seen)} failures with one prefix from {len(sources)} addresses"
    assert seen.count(401) >= AUTH_FAILURES_PER_MINUTE * 10, len(seen)


def test_secrets_stay_out_of_the_log_metrics_and_answers(
    gateway: Gateway, provision: Callable[..., Provisioned]
) -> None:
    provisioned = provision()
    client = provisioned.client()
    token = provisioned.token
    # A token where a careless server might echo or log it: the query (RFC 6750 §2.3 is not supported), the path,
    # a malformed header, and a parser failure.
    # From an address of its own: a request without a token counts against the throttle key other tests share.
    query = head("Host: x", "Connection: close", method="GET", target=f"/scim/v2/Users?access_token={token}")
    in_query = exchange(gateway, query, source=f"127.0.{secrets.randbelow(200) + 1}.{secrets.randbelow(200) + 30}")
    assert [response.status for response in in_query.responses] == [401], in_query.describe()
    assert token.encode() not in in_query.responses[0].body
    # The 404 may repeat the id to its sender; the log must keep only the route template.
    assert_scim_error(client.get(f"Users/{token}"), 404)
    malformed = client.get("Users", headers={"Authorization": f"Bearer {token} {token}"})
    assert_scim_error(malformed, 401)
    refused = exchange(gateway, head("Host: x", f"Authorization: Bearer {token}", "X-Fold: a", f" {token}"))
    assert_refused(refused, 400)
    assert token.encode() not in refused.responses[0].body
    rotated = gateway.rotate_token(provisioned.provider_id)
    assert_scim_error(client.get("Users"), 401)
    assert_list_response(client.get("Users", token=rotated))

    metrics = loopback_session().get(f"{gateway.base_url}/metrics", timeout=REQUEST_TIMEOUT)
    assert metrics.status_code == 200
    if not gateway.log_path:
        pytest.fail("SCIM_GATEWAY_LOG is not set: scripts/test passes the server's log file", pytrace=False)
    time.sleep(0.5)  # the last request's log line may still be in flight
    log = Path(gateway.log_path).read_text(errors="replace")
    for secret in (token, rotated):
        fragment = secret.removeprefix("scimgw_")[:16]
        assert fragment not in log, "a provisioning token (or its first 16 characters) was written to the log"
        assert fragment not in metrics.text, "a provisioning token reached /metrics"


def test_made_up_methods_do_not_multiply_metric_series(gateway: Gateway) -> None:
    # The method label took any token, before authentication: each one a series kept until exit.
    marker = secrets.token_hex(6).upper()
    for index in range(25):
        exchange(gateway, f"M{marker}{index} /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
    metrics = loopback_session().get(f"{gateway.base_url}/metrics", timeout=REQUEST_TIMEOUT)
    assert metrics.status_code == 200
    assert marker not in metrics.text
    assert 'method="other"' in metrics.text


def test_scim_answers_are_never_cached(scim: ScimClient) -> None:
    user = scim.create_user()
    group = scim.create_group(member_ids=[user["id"]])
    answers = {
        "list": scim.get("Users"),
        "read": scim.get(f"Users/{user['id']}"),
        "search": scim.post("Groups/.search", {"filter": "displayName pr"}),
        "create": scim.post("Users", okta_user(f"{unique('cache')}@example.com")),
        "patch": scim.patch(f"Groups/{group['id']}", {"op": "replace", "path": "displayName", "value": unique("g")}),
        "conflict": scim.post("Users", okta_user(user["userName"])),
        "not found": scim.get(f"Users/{uuid.uuid4()}"),
        "bad filter": scim.get("Users", params={"filter": "userName eq"}),
        "unauthorized": scim.get("Users", token=random_token()),
        "discovery": scim.get("ServiceProviderConfig"),
        "schemas": scim.get("Schemas"),
        "delete": scim.delete(f"Users/{user['id']}"),
    }
    for name, response in answers.items():
        assert response.headers.get("Cache-Control") == "no-store", f"{name}: {describe(response)}"


def test_admin_api_answers_are_never_cached(gateway: Gateway) -> None:
    key = gateway.cli("admin-key", "create", "--name", unique("hostile"))["key"]
    session = loopback_session()
    base = f"{gateway.base_url}/api/v1"
    answers = {
        "no key": session.get(f"{base}/tenants", timeout=REQUEST_TIMEOUT),
        "unknown key": session.get(
            f"{base}/tenants", headers={"Authorization": "Bearer scimgw_admin_unknown"}, timeout=REQUEST_TIMEOUT
        ),
        "list": session.get(f"{base}/tenants", headers={"Authorization": f"Bearer {key}"}, timeout=REQUEST_TIMEOUT),
        "unknown route": session.get(f"{base}/nowhere", headers={"Authorization": f"Bearer {key}"}, timeout=30),
        "session": session.get(f"{base}/session", timeout=REQUEST_TIMEOUT),
    }
    for name, response in answers.items():
        assert response.status_code < 500, f"{name}: {response.status_code} {response.text[:300]}"
        assert response.headers.get("Cache-Control") == "no-store", f"{name}: {response.headers}"


# ---------------------------------------------------------------------------------------------------------------------
# SSRF: an OIDC issuer may resolve only to addresses the operator allows (OIDC_ALLOWED_NETWORKS).


class ConnectionCounter:
    """A TCP listener on loopback that counts the connections it is offered and answers none of them."""

    def __init__(self) -> None:
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(8)
        self.socket.settimeout(0.2)
        self.port = self.socket.getsockname()[1]
        self.connections = 0
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)
        self.thread.start()

    def run(self) -> None:
        while not self.stopped.is_set():
            try:
                accepted, _ = self.socket.accept()
            except TimeoutError:
                continue
            self.connections += 1
            accepted.close()

    def close(self) -> None:
        self.stopped.set()
        self.thread.join(timeout=2)
        self.socket.close()


@pytest.fixture
def listener() -> Iterator[ConnectionCounter]:
    counter = ConnectionCounter()
    yield counter
    counter.close()


@pytest.fixture(scope="module")
def restricted_gateway(gateway: Gateway, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """A second `scim-gateway serve` on the same database, without OIDC_ALLOWED_NETWORKS: loopback is refused."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    environment = {name: value for name, value in gateway.environment.items() if name != "OIDC_ALLOWED_NETWORKS"}
    environment.update(LISTEN_ADDRESS=f"127.0.0.1:{port}", PUBLIC_BASE_URL=f"http://127.0.0.1:{port}")
    log_path = tmp_path_factory.mktemp("restricted") / "server.log"
    with open(log_path, "w") as log:
        process = subprocess.Popen(
            [gateway.binary, "serve"], env=environment, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL
        )
    base_url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            assert process.poll() is None, f"the restricted server exited: {log_path.read_text()[-2000:]}"
            try:
                if loopback_session().get(f"{base_url}/readyz", timeout=2).status_code == 200:
                    break
            except requests.ConnectionError:
                pass
            assert time.monotonic() < deadline, "the restricted server did not become ready in 30 s"
            time.sleep(0.2)
        yield base_url, log_path
    finally:
        process.terminate()
        try:
            process.wait(timeout=25)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def configure_issuer(gateway: Gateway, provisioned: Provisioned, issuer: str) -> None:
    gateway.cli(
        "provider", "configure", "--provider", provisioned.provider_id, "--issuer", issuer,
        "--client-id", "hostile-e2e", "--client-secret", "hostile-e2e-secret",
    )  # fmt: skip


def login(base_url: str, provider_id: str) -> requests.Response:
    return loopback_session().get(f"{base_url}/auth/oidc/{provider_id}/login", allow_redirects=False, timeout=30)


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "127.1.2.3"])
def test_a_loopback_issuer_is_refused_without_a_connection(
    gateway: Gateway,
    provision: Callable[..., Provisioned],
    restricted_gateway: tuple[str, Path],
    listener: ConnectionCounter,
    host: str,
) -> None:
    base_url, log_path = restricted_gateway
    provisioned = provision(name="ssrf")
    configure_issuer(gateway, provisioned, f"http://{host}:{listener.port}")
    refusals = log_path.read_text(errors="replace").count("addressNotAllowed")
    response = login(base_url, provisioned.provider_id)
    assert response.status_code == 502, f"{response.status_code} {response.text[:300]}"
    assert "did not answer" in response.text
    assert listener.connections == 0, "the server connected to a loopback issuer that is not allowed"
    time.sleep(0.3)  # the warning may still be on its way to the file
    assert log_path.read_text(errors="replace").count("addressNotAllowed") == refusals + 1


def test_an_allowed_network_lets_the_same_issuer_through(
    gateway: Gateway, provision: Callable[..., Provisioned], restricted_gateway: tuple[str, Path]
) -> None:
    # scripts/test starts the main server with OIDC_ALLOWED_NETWORKS=127.0.0.0/8 and oidc-provider-mock on loopback.
    mock = os.environ.get("OIDC_MOCK_URL", "").rstrip("/")
    if not mock:
        pytest.fail("OIDC_MOCK_URL is not set: run the suite with scripts/test, which starts oidc-provider-mock")
    provisioned = provision(name="ssrf-allowed")
    configure_issuer(gateway, provisioned, mock)
    allowed = login(gateway.base_url, provisioned.provider_id)
    assert allowed.status_code == 302 and allowed.headers["Location"].startswith(mock), allowed.text[:300]
    refused = login(restricted_gateway[0], provisioned.provider_id)
    assert refused.status_code == 502 and "did not answer" in refused.text, refused.text[:300]
