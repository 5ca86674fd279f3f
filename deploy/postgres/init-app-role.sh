#!/bin/sh
# Runs once, when the postgres:15 container initialises an empty volume (docker-entrypoint-initdb.d).
# Two roles: the superuser owns the schema and runs migrations; the gateway serves as its own login role, a member
# of scim_gateway_service that owns no table, so row-level security applies to it. (Policies never apply to
# superusers or, unless forced, to a table's owner.)
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
    -v role="${SCIM_DB_USER:-scim_gateway}" -v password="${SCIM_DB_PASSWORD:?SCIM_DB_PASSWORD is required}" \
    -v db="${SCIM_DB_NAME:-scim_gateway}" <<'SQL'
CREATE ROLE scim_gateway_service NOLOGIN NOSUPERUSER NOBYPASSRLS;
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L NOSUPERUSER NOBYPASSRLS IN ROLE scim_gateway_service',
              :'role', :'password') \gexec
SELECT format('CREATE DATABASE %I', :'db') \gexec
SQL
