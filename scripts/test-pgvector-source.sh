#!/usr/bin/env bash
# Checks the supply-chain path of scripts/provision-db.sh without touching the machine's
# PostgreSQL: downloads pgvector's Debian source package into a temporary directory through
# fetch_pgvector_source (verified against Debian's archive keys), then shows that verification
# fails closed — with a keyring that lacks Debian's keys, and with a tampered tarball.
# Needs network access to the Debian mirror of /etc/apt/sources*; prints what it checked.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/pgvector-source.sh

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

echo "[1/3] fetch with Debian's archive keys ($DEBIAN_ARCHIVE_KEYRING)"
mkdir "$work/good"
orig=$(fetch_pgvector_source "$work/good") || fail "the genuine source package did not verify"
echo "      verified: $(basename "$orig") ($(sha256sum "$orig" | cut -c1-16)…)"

echo "[2/3] fetch with a keyring that holds no Debian key: must be refused"
mkdir "$work/wrong-key"
mkdir -m 700 "$work/gnupg"
gpg --batch --quiet --homedir "$work/gnupg" --pinentry-mode loopback --passphrase '' \
  --quick-gen-key 'not-debian@example.invalid' default default never 2>/dev/null
gpg --batch --quiet --homedir "$work/gnupg" --export > "$work/not-debian.gpg"
if fetch_pgvector_source "$work/wrong-key" "$work/not-debian.gpg" >/dev/null 2>"$work/wrong-key.log"; then
  fail "a source package was accepted with a keyring that has no Debian key"
fi
grep -qiE 'NO_PUBKEY|not signed|signature' "$work/wrong-key.log" || { cat "$work/wrong-key.log"; fail "refused, but not for its signature"; }
[ -z "$(ls "$work/wrong-key")" ] || fail "files were downloaded although the signature did not verify"
echo "      refused: $(grep -m1 -oE '(NO_PUBKEY|BADSIG|EXPKEYSIG) [0-9A-F]+|is not signed' "$work/wrong-key.log" || head -n1 "$work/wrong-key.log")"

echo "[3/3] a tampered tarball: must not match the signed checksums"
cp -r "$work/good" "$work/tampered"
tampered=$work/tampered/$(basename "$orig")
printf 'x' | dd of="$tampered" bs=1 seek=100 conv=notrunc status=none
dsc=$(find "$work/tampered" -maxdepth 1 -name 'pgvector_*.dsc' | sort | head -n1)
if (cd "$work/tampered" && dsc_sha256_lines "$dsc" | sha256sum --check --strict --quiet) >/dev/null 2>&1; then
  fail "a tampered tarball matched the .dsc checksums"
fi
echo "      refused: $(basename "$tampered") does not match $(basename "$dsc")"
echo "OK: pgvector's source is accepted only as Debian's archive signed it"
