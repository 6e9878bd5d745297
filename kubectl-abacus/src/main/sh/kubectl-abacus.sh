#!/bin/sh
# kubectl-abacus: this stub, then an executable jar (java -jar reads past the stub). Needs Java 17 or newer.
tty=false
[ -t 1 ] && tty=true
java=java
[ -n "${JAVA_HOME:-}" ] && java="$JAVA_HOME/bin/java"
# JVM warnings never mix into the output; errors go to stderr
# shellcheck disable=SC2086 # KUBECTL_ABACUS_JAVA_OPTS is a list of options
set -- -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k -Xlog:disable -Xlog:all=error:stderr \
  -Dabacus.tty="$tty" ${KUBECTL_ABACUS_JAVA_OPTS:-} -jar "$0" "$@"
# The first run of a build writes a class-data archive of what it loaded; it halves the start of every later run.
# An archive another Java cannot use is ignored. KUBECTL_ABACUS_CDS=false turns this off.
cache="${XDG_CACHE_HOME:-${HOME:-/nonexistent}/.cache}/kubectl-abacus"
archive="$cache/@BUILD@.jsa"
if [ "${KUBECTL_ABACUS_CDS:-true}" = true ]; then
  if [ -f "$archive" ]; then
    exec "$java" -XX:SharedArchiveFile="$archive" "$@"
  elif mkdir -p "$cache" 2>/dev/null && [ -w "$cache" ]; then
    trap : INT TERM
    "$java" -XX:ArchiveClassesAtExit="$archive.$$" "$@"
    code=$?
    if [ -s "$archive.$$" ]; then
      rm -f "$cache"/*.jsa
      mv -f "$archive.$$" "$archive"
    fi
    rm -f "$archive.$$"
    exit "$code"
  fi
fi
exec "$java" "$@"
