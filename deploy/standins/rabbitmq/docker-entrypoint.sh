#!/bin/sh
# Writes the RABBITMQ_DEFAULT_* settings where RabbitMQ reads them, then serves as rabbitmq.
set -eu
{
    echo "loopback_users = none"
    echo "default_user = ${RABBITMQ_DEFAULT_USER:-guest}"
    echo "default_pass = ${RABBITMQ_DEFAULT_PASS:-guest}"
    echo "default_vhost = ${RABBITMQ_DEFAULT_VHOST:-/}"
} > /etc/rabbitmq/rabbitmq.conf
chmod 640 /etc/rabbitmq/rabbitmq.conf
chown -R rabbitmq:rabbitmq /etc/rabbitmq /var/lib/rabbitmq
exec setpriv --reuid=rabbitmq --regid=rabbitmq --init-groups "$@"
