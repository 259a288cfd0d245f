#!/bin/sh
# Starts the service jar with the kit's JVM options (./platform jvm-options: every service's options, then
# this service's [section] of jvm.options) plus JAVA_OPTS. MALLOC_ARENA_MAX: see ./platform.
# Registers the container's own address in Eureka: other containers reach it there, not on loopback.
export EUREKA_INSTANCE_IP="${EUREKA_INSTANCE_IP:-$(hostname -i | cut -d' ' -f1)}"
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
# The bus broker's user: the credentials file (env_file in docker-compose.yml) names it BROKER_USER and
# BROKER_PASSWORD; Spring Boot reads SPRING_RABBITMQ_USERNAME and SPRING_RABBITMQ_PASSWORD, as ./platform sets them.
# Compose itself cannot map one to the other: its ${...} interpolation reads the shell and .env, not env_file.
if [ -z "${SPRING_RABBITMQ_USERNAME:-}" ] && [ -n "${BROKER_USER:-}" ]; then export SPRING_RABBITMQ_USERNAME="$BROKER_USER"; fi
if [ -z "${SPRING_RABBITMQ_PASSWORD:-}" ] && [ -n "${BROKER_PASSWORD:-}" ]; then export SPRING_RABBITMQ_PASSWORD="$BROKER_PASSWORD"; fi
options=$(/app/platform jvm-options "$KIT_SERVICE") || exit 1
exec java $options ${JAVA_OPTS:-} -jar /app/service.jar "$@"
