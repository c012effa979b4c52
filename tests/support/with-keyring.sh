#!/bin/sh
# with-keyring.sh CMD ARGS...
#
# Runs CMD inside a private D-Bus session bus with a freshly created, unlocked gnome-keyring
# "login" collection, so Secret Service tests (QtKeychain over libsecret) work headless: no
# desktop session, no display, as root, in a container. The keyring lives in a temporary
# directory that is deleted afterwards, so a developer's real keyring is never touched and the
# throwaway password below protects nothing of value.
#
# Needs: dbus-run-session, dbus-send, dbus-update-activation-environment (Debian: dbus, dbus-bin)
# and gnome-keyring-daemon (Debian: gnome-keyring).
set -eu

me=$(basename "$0")
die() {
    echo "$me: $*" >&2
    exit 1
}

[ $# -gt 0 ] || die "usage: $me CMD [ARGS...]"

secrets_ready() {
    # NameHasOwner avoids D-Bus activation: we want to know whether *our* daemon is up.
    dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
        org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q 'boolean true'
}

# Nested use (e.g. a test that calls this script again): the bus and keyring are already ours.
if [ "${SCIMITAR_KEYRING_READY:-}" = 1 ] && secrets_ready; then
    exec "$@"
fi

# Step 1: get a private session bus. We never reuse the caller's bus, because its Secret Service
# (if any) belongs to a real user and may be locked or prompt on a display.
if [ "${SCIMITAR_KEYRING_BUS:-}" != 1 ]; then
    command -v dbus-run-session >/dev/null || die "dbus-run-session not found (install package 'dbus')."
    SCIMITAR_KEYRING_BUS=1
    export SCIMITAR_KEYRING_BUS
    exec dbus-run-session -- "$0" "$@"
fi
[ -n "${DBUS_SESSION_BUS_ADDRESS:-}" ] || die "dbus-run-session did not provide DBUS_SESSION_BUS_ADDRESS."
command -v gnome-keyring-daemon >/dev/null || die "gnome-keyring-daemon not found (install package 'gnome-keyring')."

# Step 2: a throwaway keyring home. gnome-keyring keeps keyrings in $XDG_DATA_HOME/keyrings and its
# control socket in $XDG_RUNTIME_DIR/keyring; both point into our temporary directory.
work=$(mktemp -d "${TMPDIR:-/tmp}/scimitar-keyring.XXXXXX")
mkdir -m 700 "$work/data" "$work/runtime"
daemon_pid=
cleanup() {
    if [ -n "$daemon_pid" ]; then
        kill "$daemon_pid" 2>/dev/null || true
        wait "$daemon_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

# If anything asks the bus to auto-start the Secret Service (the daemon died, say), the activated
# daemon must use the same throwaway directories, not the real home.
dbus-update-activation-environment "XDG_DATA_HOME=$work/data" "XDG_RUNTIME_DIR=$work/runtime" \
    || die "could not set the D-Bus activation environment."

# Step 3: start the daemon ourselves (foreground, as our child, so we can stop and reap it).
# --unlock reads a password from stdin and creates the "login" keyring with it when none exists;
# gnome-keyring makes "login" the default collection, which is where libsecret stores new items.
start_daemon() {
    printf '%s' "scimitar-throwaway-test-keyring" \
        | XDG_DATA_HOME="$work/data" XDG_RUNTIME_DIR="$work/runtime" \
            gnome-keyring-daemon --foreground --unlock --components=secrets >"$work/daemon.log" 2>&1 &
    daemon_pid=$!
    tries=0
    until secrets_ready; do
        tries=$((tries + 1))
        if [ $tries -gt 100 ] || ! kill -0 "$daemon_pid" 2>/dev/null; then
            return 1
        fi
        sleep 0.1
    done
}

# Step 4: verify rather than hope: the default alias must name an unlocked collection, else
# QtKeychain writes fail (or block on a prompt that cannot appear without a display).
secret_call() {
    dbus-send --session --print-reply --dest=org.freedesktop.secrets "$@"
}
keyring_unlocked() {
    default=$(secret_call /org/freedesktop/secrets org.freedesktop.Secret.Service.ReadAlias string:default \
        2>/dev/null | sed -n 's/^ *object path "\(.*\)"$/\1/p')
    [ -n "$default" ] && [ "$default" != / ] || return 1
    secret_call "$default" org.freedesktop.DBus.Properties.Get \
        string:org.freedesktop.Secret.Collection string:Locked 2>/dev/null | grep -q 'boolean false'
}

# Seen once in CI: the daemon took the name, then left the bus while the collection was read
# ("Message recipient disconnected"). A fresh daemon over a fresh keyring is tried, up to three in all.
attempt=0
until start_daemon && keyring_unlocked; do
    attempt=$((attempt + 1))
    if [ $attempt -ge 3 ]; then
        cat "$work/daemon.log" >&2
        die "gnome-keyring-daemon gave no unlocked default collection after $attempt attempts."
    fi
    echo "$me: gnome-keyring-daemon not ready (attempt $attempt); starting it again." >&2
    kill "$daemon_pid" 2>/dev/null || true
    wait "$daemon_pid" 2>/dev/null || true
    daemon_pid=
    rm -rf "$work/data" "$work/runtime"
    mkdir -m 700 "$work/data" "$work/runtime"
done

SCIMITAR_KEYRING_READY=1
export SCIMITAR_KEYRING_READY

# Step 5: run the command as a child (not exec) so the throwaway keyring is removed afterwards.
status=0
"$@" || status=$?
exit $status
