#!/usr/bin/env bash
# The base image of schedtune's container image, made from Debian packages alone (no container registry is
# needed): mmdebstrap builds a Debian bookworm root file system with a Java 17 runtime, the C++ runtime that
# DJL's PyTorch library links against, Fashion-MNIST (the built-in study's data) and a non-root user
# `schedtune` (10001:10001, home /home/schedtune); umoci turns it into an OCI image and skopeo writes that
# as a docker-archive tarball, which Jib reads as its base image (`tar://...`, see cli/pom.xml, profile image).
#
#   cli/image/make-base-image.sh [OUTPUT.tar]   default: ~/.cache/schedtune/base-image.tar
#
# Needs root (or user namespaces for mmdebstrap's unshare mode) and `apt-get install mmdebstrap umoci skopeo`
# (done here when they are missing and we are root). Idempotent: an existing tarball made by this same
# script is kept; a change to the script makes a new one. The packages are today's bookworm packages
# (with security updates), so two runs on different days can differ.
set -euo pipefail

# the system tools: mmdebstrap runs python3 helpers, which must be Debian's
export PATH="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="${1:-${XDG_CACHE_HOME:-$HOME/.cache}/schedtune/base-image.tar}"
key="$(sha256sum "$here/make-base-image.sh" | cut -c1-16)"

if [[ -s "$out" && "$(cat "$out.key" 2> /dev/null)" == "$key" ]]; then
  echo "make-base-image: $out is up to date" >&2
  exit 0
fi

missing=()
for tool in mmdebstrap umoci skopeo; do
  command -v "$tool" > /dev/null || missing+=("$tool")
done
if ((${#missing[@]})); then
  if [[ "$(id -u)" != 0 ]]; then
    echo "make-base-image: missing ${missing[*]}; install them with 'sudo apt-get install ${missing[*]}'" >&2
    exit 1
  fi
  echo "make-base-image: installing ${missing[*]} ..." >&2
  apt-get update -q > /dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" > /dev/null
fi

mkdir -p "$(dirname "$out")"
work="$(mktemp -d "$(dirname "$out")/base-image.XXXXXX")"
trap 'rm -rf "$work"' EXIT

# Without man pages the JRE's postinst still links java.1.gz (update-alternatives) into man1: keep that folder.
# The user's home is the image's working directory and DJL's writable cache: owned by the user, and by group
# 0 with group write so that a cluster that runs the image under an arbitrary uid in group 0 can write it too.
add_user='echo "schedtune:x:10001:10001:schedtune:/home/schedtune:/usr/sbin/nologin" >> "$1/etc/passwd"
echo "schedtune:x:10001:" >> "$1/etc/group"
echo "schedtune:*:19000:0:99999:7:::" >> "$1/etc/shadow"
mkdir -p "$1/home/schedtune/.djl.ai"
chown -R 10001:0 "$1/home/schedtune"
chmod -R 2775 "$1/home/schedtune"'

echo "make-base-image: building a Debian bookworm root file system (a few minutes) ..." >&2
mmdebstrap --variant=essential \
  --include=openjdk-17-jre-headless,libstdc++6,dataset-fashion-mnist \
  --dpkgopt='path-exclude=/usr/share/man/*' \
  --dpkgopt='path-exclude=/usr/share/info/*' \
  --dpkgopt='path-exclude=/usr/share/locale/*' \
  --dpkgopt='path-exclude=/usr/share/doc/*' \
  --dpkgopt='path-include=/usr/share/doc/*/copyright' \
  --essential-hook='mkdir -p "$1/usr/share/man/man1"' \
  --customize-hook="$add_user" \
  --skip=output/mknod \
  bookworm "$work/rootfs.tar" \
  'deb http://deb.debian.org/debian bookworm main' \
  'deb http://deb.debian.org/debian bookworm-updates main' \
  'deb http://deb.debian.org/debian-security bookworm-security main' \
  > "$work/mmdebstrap.log" 2>&1 || { tail -40 "$work/mmdebstrap.log" >&2; exit 1; }

echo "make-base-image: writing the image ..." >&2
umoci init --layout "$work/oci"
umoci new --image "$work/oci:base"
umoci raw add-layer --image "$work/oci:base" "$work/rootfs.tar"
umoci config --image "$work/oci:base" --os linux --architecture amd64 \
  --author "schedtune cli/image/make-base-image.sh" \
  --config.env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
  --config.env LANG=C.UTF-8 \
  --config.env JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64 \
  --config.user 10001:10001 \
  --config.workingdir /home/schedtune \
  --config.cmd /bin/bash
rm -f "$work/image.tar"
skopeo --insecure-policy copy --quiet "oci:$work/oci:base" "docker-archive:$work/image.tar:schedtune-base:bookworm"

mv -f "$work/image.tar" "$out"
echo "$key" > "$out.key"
echo "make-base-image: wrote $out ($(du -h "$out" | cut -f1))" >&2
