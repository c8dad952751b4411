#!/usr/bin/env bash
# Usage: python-rootfs.sh ROOT
#
# Lays out in ROOT (made if missing, and must be empty) the root filesystem of the
# python-kubernetes image that build-images.sh packs: the files of the Debian
# packages python3 and python3-kubernetes and of every package in their
# Pre-Depends/Depends closure, exactly as dpkg installed them on this machine (no
# download: the packages come from deploy/install-deps.sh), without documentation,
# man pages, info pages, translations and lintian overrides. Added to that:
#   /etc/ssl/certs      made as ca-certificates' postinst makes it (the bundle and
#                       hash links of the CAs /etc/ca-certificates.conf enables), but
#                       without this machine's local CAs (/usr/local/share/...)
#   /etc/passwd, /etc/group, /etc/nsswitch.conf, /root (0700), /tmp (1777)
#   /bin, /sbin, /lib, /lib64 ... -> usr/...   as on this (merged-/usr) machine, so
#                       the dynamic loader (/lib64/ld-linux-*.so.2, from libc6) is
#                       where binaries look for it; with no /etc/ld.so.cache it
#                       searches its built-in multiarch directories, which hold
#                       every library here.
# Python's bytecode caches are not dpkg's files (py3compile makes them at install
# time); without them `import kubernetes` compiles its sources, about a second.
set -euo pipefail

if [ $# -ne 1 ]; then
  echo "usage: $0 ROOT" >&2
  exit 2
fi
ROOT=$1
ROOTS=(python3 python3-kubernetes)

fail() { echo "python-rootfs: $*" >&2; exit 1; }

for tool in dpkg dpkg-query tar openssl; do
  command -v "$tool" >/dev/null || fail "$tool is missing"
done
[ -x /usr/sbin/update-ca-certificates ] ||
  fail "/usr/sbin/update-ca-certificates is missing (apt-get install ca-certificates)"
mkdir -p "$ROOT"
ROOT=$(cd "$ROOT" && pwd)
[ -z "$(ls -A "$ROOT")" ] || fail "$ROOT is not empty"

ARCH=$(dpkg --print-architecture)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# ---- the package closure, from dpkg's database in one query ----
# DEPENDS[pkg]: its "Pre-Depends, Depends"; INSTANCE[pkg]: the name dpkg-query -L
# wants (arch-qualified for Multi-Arch: same); PROVIDER[virtual]: an installed
# package that provides it. Packages of foreign architectures are not ours.
# Fields are split on the unit separator: tabs would collapse empty fields.
declare -A DEPENDS INSTANCE PROVIDER
US=$'\x1f'
while IFS=$US read -r status instance package provides depends; do
  [ "$status" = "ii " ] || continue
  case "$instance" in *:*) [ "${instance##*:}" = "$ARCH" ] || continue ;; esac
  INSTANCE[$package]=$instance
  DEPENDS[$package]=$depends
  IFS=',' read -ra virtuals <<<"$provides"
  for virtual in "${virtuals[@]}"; do
    virtual=${virtual%%(*}
    virtual=${virtual// /}
    [ -z "$virtual" ] || [ -n "${PROVIDER[$virtual]:-}" ] || PROVIDER[$virtual]=$package
  done
done < <(dpkg-query -W -f="\${db:Status-Abbrev}$US\${binary:Package}$US\${Package}$US\${Provides}$US\${Pre-Depends}, \${Depends}\n")

for package in "${ROOTS[@]}"; do
  [ -n "${INSTANCE[$package]:-}" ] ||
    fail "$package is not installed (deploy/install-deps.sh installs it)"
done

# Breadth first; of alternatives ("a | b") the first one installed (or provided)
# is the one this machine uses.
declare -A CHOSEN
queue=("${ROOTS[@]}")
while [ ${#queue[@]} -gt 0 ]; do
  package=${queue[0]}
  queue=("${queue[@]:1}")
  [ -z "${CHOSEN[$package]:-}" ] || continue
  CHOSEN[$package]=1
  IFS=',' read -ra groups <<<"${DEPENDS[$package]}"
  for group in "${groups[@]}"; do
    # Drop version constraints, ":any" qualifiers and blanks.
    group=$(sed 's/([^)]*)//g; s/:[a-z0-9]*//g; s/[[:space:]]//g' <<<"$group")
    [ -n "$group" ] || continue
    found=""
    IFS='|' read -ra alternatives <<<"$group"
    for alternative in "${alternatives[@]}"; do
      if [ -n "${INSTANCE[$alternative]:-}" ]; then found=$alternative; break; fi
      if [ -n "${PROVIDER[$alternative]:-}" ]; then found=${PROVIDER[$alternative]}; break; fi
    done
    [ -n "$found" ] ||
      fail "$package depends on '$group', which is not installed (apt-get install -f)"
    queue+=("$found")
  done
done
mapfile -t PACKAGES < <(printf '%s\n' "${!CHOSEN[@]}" | LC_ALL=C sort)
echo "python-rootfs: ${#PACKAGES[@]} packages: ${PACKAGES[*]}"

# ---- their files ----
# Top-level directories that are symlinks into /usr here (merged /usr): dpkg still
# lists /lib/..., the files live under /usr/lib/..., and the image gets the same
# links.
MERGED=()
for dir in bin sbin lib lib32 lib64 libx32; do
  if [ "$(readlink "/$dir" 2>/dev/null)" = "usr/$dir" ]; then MERGED+=("$dir"); fi
done
merged_re=$(IFS='|'; echo "${MERGED[*]}")

for package in "${PACKAGES[@]}"; do
  # Only paths (dpkg also prints diversion notes), not the documentation; relative
  # to / and under /usr where the host has merged it.
  dpkg-query -L "${INSTANCE[$package]}" |
    sed -E -n "\\#^/#!d; \\#^/usr/share/(doc|man|info|locale|lintian)(/|\$)#d;
               ${merged_re:+s#^/($merged_re)(/|\$)#/usr/\\1\\2#;} s#^/##; /^\\.?\$/d; p" \
      >"$WORK/files.$package"
  while read -r path; do
    [ -e "/$path" ] || [ -L "/$path" ] ||
      fail "/$path of $package is missing here (apt-get install --reinstall $package)"
  done <"$WORK/files.$package"
done
cat "$WORK"/files.* | LC_ALL=C sort -u >"$WORK/files"
# Parents before children (sorted), each entry by itself: a directory brings only
# the packages' files in it, and a symlink stays a symlink.
tar -C / --no-recursion --verbatim-files-from -cf - -T "$WORK/files" | tar -C "$ROOT" -xpf -
for dir in "${MERGED[@]}"; do
  if [ -e "$ROOT/usr/$dir" ]; then ln -s "usr/$dir" "$ROOT/$dir"; fi
done
[ -e "$ROOT/usr/bin/python3" ] || fail "python3's /usr/bin/python3 did not make it into $ROOT"

# ---- /etc/ssl/certs, as ca-certificates' postinst makes it ----
# Its links point at /usr/share/ca-certificates/..., which the image has too (same
# package); no hooks (the Java keystore is not ours), no local CAs.
[ -s /etc/ca-certificates.conf ] ||
  fail "/etc/ca-certificates.conf is missing (dpkg-reconfigure ca-certificates)"
mkdir -p "$WORK/no-local-certs" "$WORK/no-hooks" "$ROOT/etc/ssl/certs"
/usr/sbin/update-ca-certificates --fresh --certsconf /etc/ca-certificates.conf \
  --certsdir /usr/share/ca-certificates --localcertsdir "$WORK/no-local-certs" \
  --etccertsdir "$ROOT/etc/ssl/certs" --hooksdir "$WORK/no-hooks" >/dev/null
[ -s "$ROOT/etc/ssl/certs/ca-certificates.crt" ] ||
  fail "update-ca-certificates made no bundle in $ROOT/etc/ssl/certs"

# ---- what a container expects of a root filesystem ----
mkdir -p "$ROOT/root" "$ROOT/tmp"
printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n' \
  >"$ROOT/etc/passwd"
printf 'root:x:0:\nnogroup:x:65534:\n' >"$ROOT/etc/group"
# The kubelet's /etc/hosts first, then the cluster's DNS (glibc's default without
# this file is the other way round).
printf 'passwd: files\ngroup: files\nhosts: files dns\n' >"$ROOT/etc/nsswitch.conf"
chmod 0644 "$ROOT/etc/passwd" "$ROOT/etc/group" "$ROOT/etc/nsswitch.conf"
chmod 0755 "$ROOT"
chmod 0700 "$ROOT/root"
chmod 1777 "$ROOT/tmp"

# A broken closure should fail here, not in a pod: the image's python, alone in ROOT
# (needs root for chroot; -B writes no bytecode into ROOT).
if [ "$(id -u)" -eq 0 ] && command -v chroot >/dev/null; then
  version=$(chroot "$ROOT" /usr/bin/python3 -B -c \
    'import kubernetes, urllib3, ssl; from kubernetes import client, config; print(kubernetes.__version__)') ||
    fail "python3 in $ROOT cannot import kubernetes (see above)"
  echo "python-rootfs: kubernetes $version, $(du -sh "$ROOT" | cut -f1)"
fi
