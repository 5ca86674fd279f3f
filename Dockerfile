# syntax=docker/dockerfile:1
# SCIM Gateway container: built with the Swift toolchain, run on slim Debian as a non-root user.
#   docker build -t scim-gateway .
#   docker run --rm -e DATABASE_URL=postgres://... scim-gateway migrate
#   docker run -p 8080:8080 -e DATABASE_URL=postgres://... scim-gateway          (serve)

ARG SWIFT_IMAGE=swift:6.3-bookworm
ARG RUNTIME_IMAGE=debian:bookworm-slim

FROM ${SWIFT_IMAGE} AS build
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        libpq-dev libssl-dev libcurl4-openssl-dev pkg-config \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# Package.swift declares the test targets too, so their folders must exist for the manifest to load.
COPY Package.swift ./
COPY Sources ./Sources
COPY Tests ./Tests
COPY sql ./sql
# The Swift runtime and Foundation are linked in statically: the runtime image needs only libpq, OpenSSL and libcurl.
RUN swift build -c release --static-swift-stdlib --product scim-gateway \
    && install -D -m 0755 "$(swift build -c release --show-bin-path)/scim-gateway" /out/scim-gateway

FROM ${RUNTIME_IMAGE}
# libpq5, libssl3 and libcurl4 for the binary; tzdata and ca-certificates for dates and OIDC over TLS;
# curl for the health check.
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        libpq5 libssl3 libcurl4 ca-certificates tzdata curl \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --user-group --no-create-home --home-dir /nonexistent \
        --shell /usr/sbin/nologin scim
COPY --from=build /out/scim-gateway /usr/local/bin/scim-gateway
COPY sql /app/sql
WORKDIR /app

ENV SQL_DIR=/app/sql \
    LISTEN_ADDRESS=0.0.0.0:8080 \
    LOG_LEVEL=info
USER 10001:10001
EXPOSE 8080
STOPSIGNAL SIGTERM
# Follows LISTEN_ADDRESS's port. /healthz says the process is up; readiness (/readyz) is the orchestrator's job.
HEALTHCHECK --interval=10s --timeout=3s --start-period=15s --retries=3 \
    CMD curl -fsS --max-time 2 -o /dev/null "http://127.0.0.1:${LISTEN_ADDRESS##*:}/healthz" || exit 1
ENTRYPOINT ["scim-gateway"]
CMD ["serve"]
