"""Provisioning tokens: shown once, rotated by the CLI, and a rotated token fails at once (PRODUCT.md)."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import Gateway
from support import ScimClient, assert_list_response, assert_scim_error


def test_enable_prints_the_endpoint_and_a_recognisable_token(gateway: Gateway, provision: Callable[..., Any]) -> None:
    provisioned = provision()
    assert provisioned.endpoint == gateway.scim_endpoint
    # A fixed prefix lets secret scanners spot a leaked token; 256 random bits need at least 43 base64 characters.
    assert provisioned.token.startswith("scimgw_")
    assert len(provisioned.token) >= len("scimgw_") + 43


def test_rotated_token_fails_on_the_next_request(gateway: Gateway, scim: ScimClient) -> None:
    user = scim.create_user()
    old_token = scim.token
    assert_list_response(scim.get("Users"))  # the old token is in use on a kept-alive connection

    new_token = gateway.rotate_token(scim.provider_id)
    assert new_token != old_token and new_token.startswith("scimgw_")

    assert_scim_error(scim.get("Users", token=old_token), 401)
    assert_scim_error(scim.get(f"Users/{user['id']}", token=old_token), 401)

    # The new token sees the same data, so rotation changes credentials, not state.
    assert [item["id"] for item in assert_list_response(scim.get("Users", token=new_token))] == [user["id"]]

    newest = gateway.rotate_token(scim.provider_id)
    assert_scim_error(scim.get("Users", token=new_token), 401)
    assert_scim_error(scim.get("Users", token=old_token), 401)
    assert_list_response(scim.get("Users", token=newest))


def test_rotation_leaves_other_providers_alone(gateway: Gateway, provision: Callable[..., Any]) -> None:
    first = provision()
    second = provision(tenant_id=first.tenant_id)  # a second IdP in the same tenant

    gateway.rotate_token(first.provider_id)

    assert_scim_error(first.client().get("Users"), 401)
    assert_list_response(second.client().get("Users"))


def test_tokens_never_reach_the_server_log(gateway: Gateway, provision: Callable[..., Any]) -> None:
    provisioned = provision()
    client = provisioned.client()
    assert_list_response(client.get("Users"))
    rotated = gateway.rotate_token(provisioned.provider_id)
    assert_scim_error(client.get("Users"), 401)  # the old token, refused: still not to be logged
    assert_list_response(client.get("Users", token=rotated))

    if not gateway.log_path:
        pytest.fail("SCIM_GATEWAY_LOG is not set: scripts/test passes the server's log file", pytrace=False)
    time.sleep(0.5)  # the last request's log line may still be in flight
    log = Path(gateway.log_path).read_text(errors="replace")
    for token in (provisioned.token, rotated):
        secret = token.removeprefix("scimgw_")
        assert secret[:16] not in log, "a provisioning token (or its first 16 characters) was written to the log"
