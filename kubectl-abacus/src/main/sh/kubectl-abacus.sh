#!/bin/sh
# kubectl-abacus: this stub, then an executable jar (java -jar reads past the stub). Needs Java 17 or newer.
tty=false
[ -t 1 ] && tty=true
java=java
[ -n "${JAVA_HOME:-}" ] && java="$JAVA_HOME/bin/java"
# shellcheck disable=SC2086 # KUBECTL_ABACUS_JAVA_OPTS is a list of options
exec "$java" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k -Dabacus.tty="$tty" ${KUBECTL_ABACUS_JAVA_OPTS:-} \
  -jar "$0" "$@"
