#!/bin/sh
# Registers the suite's OAuth clients with the token dealer, once: each secret is written
# to the shared secrets volume (mode 0600) and read by its service through *_SECRET_FILE.
# A client whose secret file was lost gets a new secret.
set -eu
SECRETS=/run/runnerly-secrets

ensure() {  # name, scopes, [--trusted]
    name=$1; scope=$2; shift 2
    [ -s "$SECRETS/$name" ] && return 0
    if runnerly-tokendealer client list | grep -q "^$name "; then
        set -- "$@" --rotate-secret
    fi
    runnerly-tokendealer client add "$name" --scope "$scope" --secret-file "$SECRETS/$name" "$@"
}

# A trusted client gets user tokens only within its own scopes (and audiences).
ensure runnerly-dashboard "users:read users:write runs:read runs:write races:read races:write plans:read plans:write fitness:read load:read strava:link strava:read" --trusted
ensure runnerly-strava "runs:read runs:write users:read"
ensure runnerly-training "users:read runs:read races:read plans:read plans:write"
