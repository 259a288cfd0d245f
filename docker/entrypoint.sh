#!/bin/sh
# Starts the service jar with the kit's JVM options (the same file ./platform reads) plus JAVA_OPTS.
# Registers the container's own address in Eureka: other containers reach it there, not on loopback.
export EUREKA_INSTANCE_IP="${EUREKA_INSTANCE_IP:-$(hostname -i | cut -d' ' -f1)}"
exec java $(grep -v '^[[:space:]]*\(#\|$\)' /app/jvm.options) ${JAVA_OPTS:-} -jar /app/service.jar "$@"
