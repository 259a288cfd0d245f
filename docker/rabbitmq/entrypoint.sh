#!/bin/sh
# Starts Debian's RabbitMQ in the foreground with the kit's one user. The official image's RABBITMQ_DEFAULT_USER
# and RABBITMQ_DEFAULT_PASS belong to its own entrypoint; Debian's server reads rabbitmq.conf, written here from
# BROKER_USER and BROKER_PASSWORD (.platform/credentials.env, through env_file) before the node first starts.
set -eu
fail() { echo "rabbitmq-entrypoint: $*" >&2; exit 1; }
for name in BROKER_USER BROKER_PASSWORD; do
  eval "value=\${$name:-}"
  [ -n "$value" ] || fail "$name is not set: ./platform credentials writes it to .platform/credentials.env"
  # The file's format has no quoting; the kit's generated credentials are letters and digits.
  case "$value" in *[!A-Za-z0-9._~-]*) fail "$name may hold only letters, digits and . _ ~ -" ;; esac
done
umask 077
cat > /etc/rabbitmq/rabbitmq.conf <<CONF
# Written by rabbitmq-entrypoint at container start; the user is created when the node first starts.
default_user = $BROKER_USER
default_pass = $BROKER_PASSWORD
default_vhost = /
# Clients connect from the other containers, never on loopback.
loopback_users = none
listeners.tcp.default = 5672
log.console = true
log.console.level = info
log.file = false
# Erlang sees the host's memory, not the container's limit (docker-compose.yml): block publishers well below it.
vm_memory_high_watermark.absolute = 192MiB
CONF
# A cookie of this container's own: the one the package generated at build time is the same in every copy of the image.
chmod 600 "$HOME/.erlang.cookie" 2>/dev/null || true
tr -dc 'A-Za-z0-9' < /dev/urandom | head -c 32 > "$HOME/.erlang.cookie"
chmod 400 "$HOME/.erlang.cookie"
exec /usr/lib/rabbitmq/bin/rabbitmq-server
