"""Fixtures for the end-to-end suite.

scripts/test builds the gateway, migrates a fresh database, starts `scim-gateway serve` on a free
loopback port, and passes these variables:

    SCIM_GATEWAY_URL           base URL of the running server (also its PUBLIC_BASE_URL)
    SCIM_GATEWAY_BIN           the built executable, used for the administration commands
    SCIM_GATEWAY_DATABASE_URL  the database that server uses
    SCIM_GATEWAY_LOG           file receiving the server's output (optional)
    SQL_DIR                    the migrations directory (optional)

To run the suite by hand against a server you started yourself, set the same variables.
"""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from support import REQUEST_TIMEOUT, ScimClient, loopback_session, unique

# The conformance tools run as subprocesses and honour proxy variables; the server is on loopback.
for _variable in ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
    os.environ.pop(_variable, None)


@dataclass(frozen=True)
class Gateway:
    """The server under test and the command line that administers it."""

    base_url: str
    binary: str
    environment: dict[str, str]
    log_path: str | None

    @property
    def scim_endpoint(self) -> str:
        return f"{self.base_url}/scim/v2"

    def cli(self, *arguments: str) -> dict[str, Any]:
        """Runs `scim-gateway ARGUMENTS --json` and returns the one JSON object it prints."""
        command = [self.binary, *arguments, "--json"]
        completed = subprocess.run(
            command, env=self.environment, capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL
        )
        assert completed.returncode == 0, (
            f"{' '.join(command)} exited {completed.returncode}\nstdout: {completed.stdout}\nstderr: {completed.stderr}"
        )
        lines = [line for line in completed.stdout.splitlines() if line.strip()]
        assert lines, f"{' '.join(command)} printed nothing; stderr: {completed.stderr}"
        try:
            return json.loads(lines[-1])
        except json.JSONDecodeError as error:
            raise AssertionError(f"{' '.join(command)} did not print JSON: {completed.stdout!r}") from error

    def sql(self, statement: str, **variables: str) -> str:
        """Runs SQL on the server's database with psql; `:'name'` in it stands for a quoted variable.

        Only for states SCIM cannot produce, such as a person who arrived by OIDC sign-in (JIT).
        """
        # As the schema's owner: the service role sees nothing without a tenant set (row-level security).
        database = self.environment.get("MIGRATION_DATABASE_URL") or self.environment["DATABASE_URL"]
        command = ["psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", database]
        for name, value in variables.items():
            command += ["-v", f"{name}={value}"]
        completed = subprocess.run(command, input=statement, capture_output=True, text=True, timeout=60)
        assert completed.returncode == 0, f"psql failed: {completed.stderr}"
        return completed.stdout.strip()

    def rotate_token(self, provider_id: str) -> str:
        token = self.cli("scim", "rotate-token", "--provider", provider_id)["token"]
        assert isinstance(token, str) and token
        return token


def _required(name: str) -> str:
    value = os.environ.get(name, "")
    if not value:
        pytest.fail(f"{name} is not set: run the suite through scripts/test, which starts the server", pytrace=False)
    return value


@pytest.fixture(scope="session")
def gateway() -> Gateway:
    base_url = _required("SCIM_GATEWAY_URL").rstrip("/")
    environment = dict(os.environ)
    environment.update(
        DATABASE_URL=_required("SCIM_GATEWAY_DATABASE_URL"),
        MIGRATION_DATABASE_URL=os.environ.get("SCIM_GATEWAY_MIGRATION_DATABASE_URL", ""),
        PUBLIC_BASE_URL=base_url,
    )
    gateway = Gateway(base_url, _required("SCIM_GATEWAY_BIN"), environment, os.environ.get("SCIM_GATEWAY_LOG"))
    health = loopback_session().get(f"{base_url}/healthz", timeout=REQUEST_TIMEOUT)
    assert health.status_code == 200, f"the server at {base_url} is not healthy: {health.status_code}"
    return gateway


@dataclass(frozen=True)
class Provisioned:
    """A tenant, one OIDC provider in it with SCIM enabled, and the token `scim enable` showed."""

    tenant_id: str
    provider_id: str
    endpoint: str
    token: str

    def client(self) -> ScimClient:
        return ScimClient(self.endpoint, self.token, self.tenant_id, self.provider_id)


@pytest.fixture(scope="session")
def provision(gateway: Gateway) -> Callable[..., Provisioned]:
    """Creates a tenant (or reuses `tenant_id`), a provider in it, and enables SCIM on that provider."""

    def make(tenant_id: str | None = None, name: str | None = None) -> Provisioned:
        if tenant_id is None:
            tenant_id = gateway.cli("tenant", "create", unique(name or "tenant"))["id"]
        provider_id = gateway.cli(
            "provider",
            "create",
            "--tenant",
            tenant_id,
            "--name",
            unique("okta"),
            "--issuer",
            "https://idp.example.com/oauth2/default",
            "--client-id",
            unique("client"),
        )["id"]
        enabled = gateway.cli("scim", "enable", "--provider", provider_id)
        return Provisioned(tenant_id, provider_id, enabled["endpoint"], enabled["token"])

    return make


@pytest.fixture
def scim(provision: Callable[..., Provisioned]) -> ScimClient:
    """A SCIM client for a fresh tenant of its own, so tests never see each other's data."""
    return provision().client()
