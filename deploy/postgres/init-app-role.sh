#!/bin/sh
# Runs once, when the postgres:15 container initialises an empty volume (docker-entrypoint-initdb.d).
# The gateway connects as its own role, not the superuser: row-level security does not apply to
# superusers, so tenant isolation in the database holds only for a role like this one.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
    -v role="${SCIM_DB_USER:-scim_gateway}" -v password="${SCIM_DB_PASSWORD:?SCIM_DB_PASSWORD is required}" \
    -v db="${SCIM_DB_NAME:-scim_gateway}" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', :'role', :'password') \gexec
SELECT format('CREATE DATABASE %I OWNER %I', :'db', :'role') \gexec
SQL
