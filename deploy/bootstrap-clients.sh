#!/bin/sh
# Registers the suite's OAuth clients with the token dealer, each with the secret the
# operator made for it (`sh deploy/make-secrets.sh`; compose mounts it at /run/secrets/).
# Run at every `up`: a changed secret file is registered again, which rotates the secret.
set -eu
registered=$(runnerly-tokendealer client list)

register() {  # name, scopes, [--trusted]
    name=$1; scope=$2; shift 2
    if printf '%s\n' "$registered" | grep -q "^$name "; then
        set -- "$@" --rotate-secret
    fi
    runnerly-tokendealer client add "$name" --scope "$scope" --secret-from "/run/secrets/$name-client" "$@"
}

# A trusted client gets user tokens only within its own scopes (and audiences).
register runnerly-dashboard "users:read users:write runs:read runs:write races:read races:write plans:read plans:write fitness:read load:read strava:link strava:read strava:login imports:read imports:write" --trusted
register runnerly-strava "runs:read runs:write users:read"
register runnerly-training "users:read runs:read races:read plans:read plans:write"
register runnerly-import "runs:read runs:write"
