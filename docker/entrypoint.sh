#!/bin/sh
# Starts the service jar with the kit's JVM options (the same file ./platform reads: every service's options,
# then this service's [section]) plus JAVA_OPTS. MALLOC_ARENA_MAX: see ./platform.
# Registers the container's own address in Eureka: other containers reach it there, not on loopback.
export EUREKA_INSTANCE_IP="${EUREKA_INSTANCE_IP:-$(hostname -i | cut -d' ' -f1)}"
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
options=$(awk -v service="$KIT_SERVICE" '/^[[:space:]]*(#|$)/ { next }
  /^\[/ { section = $0; gsub(/[][[:space:]]/, "", section); next }
  section == "" || section == service { print $1 }' /app/jvm.options)
exec java $options ${JAVA_OPTS:-} -jar /app/service.jar "$@"
