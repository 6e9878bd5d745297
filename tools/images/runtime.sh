#!/usr/bin/env bash
# Assembles the root filesystem every Abacus image starts from: a jlink'd Java runtime at /opt/java, the shared
# libraries it loads (from this machine), /etc/passwd with the non-root user 65532 and an empty /tmp.
# Jib layers it onto `scratch`, so the registry push and the local OCI archives carry the same bytes.
# Usage: runtime.sh OUTPUT_DIR   (rebuilt only when the JDK or this script changes; prints OUTPUT_DIR/root)
set -euo pipefail
mkdir -p "$1"
out=$(cd "$1" && pwd)
java_home=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}
modules=java.se,jdk.httpserver,jdk.crypto.ec,jdk.crypto.cryptoki,jdk.unsupported,jdk.management,jdk.naming.dns,jdk.zipfs,jdk.jfr,jdk.net,jdk.security.auth
stamp=$( { "$java_home/bin/java" -version 2>&1; echo "$modules"; cat "$0"; } | sha256sum | cut -d' ' -f1)
root=$out/root
if [ "$(cat "$out/.stamp" 2>/dev/null)" = "$stamp" ] && [ -x "$root/opt/java/bin/java" ]; then
  echo "$root"
  exit 0
fi
rm -rf "$out"
mkdir -p "$root/opt" "$root/etc" "$root/tmp" "$root/lib64"
"$java_home/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files --compress=2 \
  --output "$root/opt/java"
# headless: the X11 parts of java.desktop would pull in a desktop's worth of libraries
rm -f "$root"/opt/java/lib/{libawt_xawt,libsplashscreen,libjawt}.so
# the loader, and every library the runtime links, at the paths it links them by
libraries=$( { ldd "$root/opt/java/bin/java"; find "$root/opt/java/lib" -name '*.so' -exec ldd {} \; ; } 2>/dev/null \
  | awk '$3 ~ /^\// {print $3} $1 ~ /^\/lib64\// {print $1}' | grep -v "^$root/" | sort -u)
for library in $libraries; do
  mkdir -p "$root$(dirname "$library")"
  cp -L "$library" "$root$library"
done
cat > "$root/etc/passwd" <<PASSWD
root:x:0:0:root:/root:/sbin/nologin
nonroot:x:65532:65532:nonroot:/tmp:/sbin/nologin
PASSWD
echo 'root:x:0:
nonroot:x:65532:' > "$root/etc/group"
echo "$stamp" > "$out/.stamp"
echo "$root"
