#!/bin/sh
# Registers the suite's OAuth clients with the token dealer, each with the secret the
# operator made for it (`sh deploy/make-secrets.sh`; compose mounts it at /run/secrets/).
# Run at every `up`: a missing client is added, an existing one registered again with its
# secret file (a changed file rotates the secret). One `client sync` process for them all:
# each start of the console script costs seconds of compose's start-up.
set -eu

# A trusted client gets user tokens only within its own scopes (and audiences).
exec runnerly-tokendealer client sync - <<'CLIENTS'
runnerly-dashboard:
  scope: users:read users:write runs:read runs:write races:read races:write plans:read plans:write fitness:read load:read strava:link strava:read strava:login imports:read imports:write
  trusted: true
  secret_from: /run/secrets/runnerly-dashboard-client
runnerly-strava:
  scope: runs:read runs:write users:read
  secret_from: /run/secrets/runnerly-strava-client
runnerly-training:
  scope: users:read runs:read races:read plans:read plans:write
  secret_from: /run/secrets/runnerly-training-client
runnerly-import:
  scope: runs:read runs:write
  secret_from: /run/secrets/runnerly-import-client
CLIENTS
