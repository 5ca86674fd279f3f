# Shared helpers for scripts/dev and scripts/test. Source it; it defines functions only.
# shellcheck shell=bash

# Colour only when a person is watching; CI logs stay plain.
if [[ -t 1 ]]; then
    _BOLD=$'\e[1m' _RED=$'\e[31m' _GREEN=$'\e[32m' _RESET=$'\e[0m'
else
    _BOLD='' _RED='' _GREEN='' _RESET=''
fi

log() { printf '%s==>%s %s\n' "$_BOLD" "$_RESET" "$*" >&2; }
warn() { printf '%swarning:%s %s\n' "$_RED" "$_RESET" "$*" >&2; }
die() {
    printf '%serror:%s %s\n' "$_RED" "$_RESET" "$*" >&2
    exit 1
}

# The toolchain and pyenv live outside the default PATH of a bare root shell (CI, cron, ssh -c).
add_known_tool_paths() {
    local dir
    for dir in /opt/swift/usr/bin /root/.pyenv/shims /root/.pyenv/bin; do
        if [[ -d $dir && ":$PATH:" != *":$dir:"* ]]; then
            PATH="$PATH:$dir"
        fi
    done
    export PATH
}

# Runs a command as root: directly when we are root, through sudo otherwise.
as_root() {
    if [[ $(id -u) -eq 0 ]]; then
        "$@"
    elif command -v sudo >/dev/null; then
        sudo "$@"
    else
        die "need root (or sudo) to run: $*"
    fi
}

_package_installed() {
    dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

# ensure_packages PKG... installs only the Debian packages that are missing.
# A fresh machine has empty apt lists, so `apt-get update` runs once, and only when something is missing.
ensure_packages() {
    local missing=() pkg
    for pkg in "$@"; do
        _package_installed "$pkg" || missing+=("$pkg")
    done
    ((${#missing[@]} == 0)) && return 0
    command -v apt-get >/dev/null || die "missing packages (${missing[*]}) and no apt-get to install them"

    log "installing Debian packages: ${missing[*]}"
    if [[ -z ${_APT_UPDATED:-} ]]; then
        as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
        _APT_UPDATED=1
    fi
    # policy-rc.d would be nicer, but the default cluster Debian may start is harmless: we use our own ports.
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" \
        >/dev/null
}

# The packages both commands need: libpq, OpenSSL and libcurl headers for the build, PostgreSQL for the database.
ensure_build_packages() {
    ensure_packages libpq-dev libssl-dev libcurl4-openssl-dev pkg-config postgresql curl
    command -v swift >/dev/null || die "swift not found: the Swift 6.3 toolchain is expected at /opt/swift"
}

# Prints a TCP port that is free on 127.0.0.1 right now (the kernel picks it).
free_port() {
    python3 - <<'PY'
import socket
with socket.socket() as s:
    s.bind(("127.0.0.1", 0))
    print(s.getsockname()[1])
PY
}

# wait_for_http URL SECONDS [PID]: polls until URL answers 200; gives up early if PID has exited.
wait_for_http() {
    local url=$1 seconds=$2 pid=${3:-} i
    for ((i = 0; i < seconds * 10; i++)); do
        if curl -fsS -o /dev/null --max-time 2 "$url" 2>/dev/null; then
            return 0
        fi
        if [[ -n $pid ]] && ! kill -0 "$pid" 2>/dev/null; then
            return 1
        fi
        sleep 0.1
    done
    return 1
}

# stop_pid PID [SECONDS]: SIGTERM (the server's graceful stop), then SIGKILL after the deadline.
stop_pid() {
    local pid=$1 seconds=${2:-15} i
    kill -0 "$pid" 2>/dev/null || return 0
    kill -TERM "$pid" 2>/dev/null || return 0
    for ((i = 0; i < seconds * 10; i++)); do
        kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }
        sleep 0.1
    done
    warn "pid $pid ignored SIGTERM for ${seconds}s; sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}

# Picks a Python that can create virtual environments: pyenv's has venv and ensurepip built in,
# Debian's needs python3-venv.
venv_python() {
    if python3 -c 'import venv, ensurepip' 2>/dev/null; then
        command -v python3
        return
    fi
    ensure_packages python3 python3-venv
    echo /usr/bin/python3
}
