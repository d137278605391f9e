#!/bin/sh
# Makes the secrets docker-compose.yml hands each container (compose `secrets:`), once:
#   sh deploy/make-secrets.sh [DIR]        DIR defaults to $RUNNERLY_SECRETS_DIR or ./secrets
# Each is 32 random bytes in a file of its own, in a folder only its owner can open. A file
# that exists is kept; delete one and run this again to rotate that secret (then `up -d`).
set -eu
dir=${1:-${RUNNERLY_SECRETS_DIR:-./secrets}}
umask 077
mkdir -p "$dir"
chmod 700 "$dir"

random() {
    od -An -N32 -tx1 /dev/urandom | tr -d ' \n'
}

make_secret() {  # name, [prefix]
    if [ ! -s "$dir/$1" ]; then
        printf '%s%s' "${2:-}" "$(random)" > "$dir/$1"
        echo "made $dir/$1"
    fi
    # Readable inside the one container that mounts it, whatever its uid; the folder keeps
    # it from everyone else on this machine.
    chmod 444 "$dir/$1"
}

make_secret runnerly-dashboard-client
make_secret runnerly-strava-client
make_secret runnerly-training-client
make_secret runnerly-import-client
make_secret dashboard-secret-key
make_secret strava-sandbox-admin-token
make_secret flower-basic-auth "runnerly:"
