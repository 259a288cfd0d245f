#!/bin/sh
# Starts Debian's Prometheus on the kit's one scrape configuration: prometheus/prometheus.yml as ./platform
# prometheus-config renders it (its users, and secrets/ with the passwords of the credentials file, read through
# env_file), with each localhost:PORT target replaced by the Compose services listening on that port (SCRAPE_HOSTS,
# docker-compose.yml). Services registered in Eureka are scraped at the container address they register.
set -eu
fail() { echo "prometheus-entrypoint: $*" >&2; exit 1; }
for name in MANAGEMENT_PASSWORD EUREKA_PASSWORD CONFIG_SERVER_PASSWORD; do
  eval "value=\${$name:-}"
  # ./platform would generate a random one instead: every scrape would then fail with 401.
  [ -n "$value" ] || fail "$name is not set: ./platform credentials writes it to .platform/credentials.env"
done
config=/var/lib/prometheus/kit
# The containers listen on the default ports, whatever the host publishes them on. ./platform's state folder (the
# credentials file it writes) is a throwaway here: the environment's values win over it.
state=$(mktemp -d)
env -u CONFIG_SERVER_PORT -u DISCOVERY_PORT -u ZIPKIN_PORT PLATFORM_STATE_DIR="$state" \
  /kit/platform prometheus-config "$config" || fail "./platform prometheus-config failed"
rm -rf "$state"
# Several services on one port (a pair: config-server and config-server-2 on 8888): a target list, `targets: [...]`,
# gets every one of them; any other mention (the Eureka discovery URL) the first.
for port in $(for target in ${SCRAPE_HOSTS:-}; do echo "${target##*:}"; done | sort -u); do
  hosts=$(for target in ${SCRAPE_HOSTS:-}; do [ "${target##*:}" != "$port" ] || echo "$target"; done)
  first=$(echo "$hosts" | head -1)
  all=$(echo "$hosts" | paste -sd, - | sed 's/,/, /g')
  sed -i -e "/targets:/ s/localhost:$port\\b/$all/g" -e "s/localhost:$port\\b/$first/g" "$config/prometheus.yml"
done
if grep -n 'localhost:[0-9]' "$config/prometheus.yml" >&2; then
  fail "prometheus/prometheus.yml scrapes a localhost port that SCRAPE_HOSTS names no service for"
fi
exec prometheus --config.file="$config/prometheus.yml" --storage.tsdb.path=/var/lib/prometheus/metrics2 \
  --storage.tsdb.retention.time=2d --web.listen-address=0.0.0.0:9090
