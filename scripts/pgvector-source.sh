#!/usr/bin/env bash
# Fetches pgvector's Debian source package, verified against Debian's archive keys — sourced by
# provision-db.sh and test-pgvector-source.sh; defines fetch_pgvector_source.
#
# The chain of trust is apt's own: the suite's InRelease must carry a valid signature by a key in
# the keyring (default: Debian's archive keys from debian-archive-keyring; never [trusted=yes]),
# InRelease pins the hash of the Sources index, the index pins the hashes of the .dsc and the
# tarballs, and `apt-get source --download-only` refuses any file that does not match. The
# tarball's checksums are then checked once more against the .dsc, by us, before anything is
# unpacked. Nothing of the system's apt configuration is used or changed (a private apt directory).

PGVECTOR_SUITE=${PGVECTOR_SUITE:-trixie}
DEBIAN_ARCHIVE_KEYRING=${DEBIAN_ARCHIVE_KEYRING:-/usr/share/keyrings/debian-archive-keyring.gpg}

# The machine's own Debian mirror, read from its apt sources (deb822 or one-line style).
debian_mirror() {
  local uri
  uri=$(grep -hs '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '{print $2}' \
          | grep -v -- '-security' | grep '/debian/\?$' | head -n1 || true)
  [ -n "$uri" ] || uri=$(grep -hs '^deb ' /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null \
          | awk '{print $2}' | grep -v -- '-security' | grep '/debian/\?$' | head -n1 || true)
  [ -n "$uri" ] || { echo "cannot find a Debian mirror in /etc/apt sources" >&2; return 1; }
  echo "${uri%/}"
}

# The .dsc's Checksums-Sha256 entries as "sha256  name" lines.
dsc_sha256_lines() {
  awk '/^Checksums-Sha256:/ {on=1; next} /^[^ ]/ {on=0} on && NF == 3 {print $1 "  " $3}' "$1"
}

# fetch_pgvector_source DEST [KEYRING]: downloads pgvector's source package of $PGVECTOR_SUITE into
# DEST (which must exist and be empty) after apt verified it; prints the orig tarball's path.
# Returns non-zero, having unpacked nothing, when any signature or checksum does not verify.
fetch_pgvector_source() {
  local dest=$1 keyring=${2:-$DEBIAN_ARCHIVE_KEYRING} mirror apt_dir
  [ -r "$keyring" ] || { echo "archive keyring $keyring is missing: apt-get install debian-archive-keyring" >&2; return 1; }
  mirror=$(debian_mirror) || return 1
  apt_dir=$(mktemp -d)
  mkdir -p "$apt_dir/sources.list.d" "$apt_dir/lists/partial" "$apt_dir/trusted.gpg.d" \
           "$apt_dir/preferences.d" "$apt_dir/archives/partial"
  echo "deb-src [signed-by=$keyring] $mirror $PGVECTOR_SUITE main" > "$apt_dir/sources.list"
  local private=(-o "Dir::Etc::SourceList=$apt_dir/sources.list"
                 -o "Dir::Etc::SourceParts=$apt_dir/sources.list.d"
                 -o "Dir::Etc::TrustedParts=$apt_dir/trusted.gpg.d"
                 -o "Dir::Etc::Trusted=$apt_dir/trusted.gpg"
                 -o "Dir::Etc::PreferencesParts=$apt_dir/preferences.d"
                 -o "Dir::State::Lists=$apt_dir/lists"
                 -o "Dir::Cache::Archives=$apt_dir/archives"
                 -o "APT::Sandbox::User=root"
                 -o "Acquire::AllowInsecureRepositories=false"
                 -o "Acquire::AllowDowngradeToInsecureRepositories=false")
  local out status=0
  # apt-get update exits 0 on some signature failures (it only warns and keeps no index), so the
  # outcome is judged by its messages and by whether a verified index exists.
  out=$(apt-get "${private[@]}" update 2>&1) || status=$?
  if [ $status -ne 0 ] || grep -qiE 'NO_PUBKEY|not signed|is not signed|BADSIG|EXPKEYSIG|invalid signature|^W: GPG|^E:' <<<"$out" \
     || ! ls "$apt_dir"/lists/*_InRelease >/dev/null 2>&1; then
    echo "the $PGVECTOR_SUITE archive's signature did not verify with $keyring:" >&2
    echo "$out" | grep -E '^(W|E|Err):' >&2 || echo "$out" >&2
    rm -rf "$apt_dir"; return 1
  fi
  (cd "$dest" && apt-get "${private[@]}" source --download-only -qq pgvector) >&2 || {
    echo "pgvector's source package could not be downloaded or did not match its signed hashes" >&2
    rm -rf "$apt_dir"; return 1; }
  rm -rf "$apt_dir"
  local dsc orig
  dsc=$(find "$dest" -maxdepth 1 -name 'pgvector_*.dsc' | sort | head -n1)
  orig=$(find "$dest" -maxdepth 1 -name 'pgvector_*.orig.tar.*' | sort | head -n1)
  if [ -z "$dsc" ] || [ -z "$orig" ]; then
    echo "pgvector source package incomplete in $dest" >&2; return 1
  fi
  (cd "$dest" && dsc_sha256_lines "$dsc" | sha256sum --check --strict --quiet) >&2 || {
    echo "pgvector source files do not match the checksums of $(basename "$dsc")" >&2; return 1; }
  echo "$orig"
}
