#!/bin/sh
# Starts the service jar with the kit's JVM options (./platform jvm-options: every service's options, then
# this service's [section] of jvm.options) plus JAVA_OPTS. MALLOC_ARENA_MAX: see ./platform.
# Registers the container's own address in Eureka: other containers reach it there, not on loopback.
export EUREKA_INSTANCE_IP="${EUREKA_INSTANCE_IP:-$(hostname -i | cut -d' ' -f1)}"
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
options=$(/app/platform jvm-options "$KIT_SERVICE") || exit 1
exec java $options ${JAVA_OPTS:-} -jar /app/service.jar "$@"
