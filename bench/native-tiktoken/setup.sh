#!/bin/sh
# Builds bench/native-tiktoken: OpenAI's tiktoken core (src/lib.rs, CoreBPE) compiled
# natively, for tokens.bench.ts. No third-party source is committed: this script
# extracts it from git checkouts into bench/native-tiktoken/vendor/ (git-ignored) and
# builds offline with cargo.
#
#   sh bench/native-tiktoken/setup.sh [SRC_DIR]
#
# SRC_DIR holds git clones named owner+name/repo (or owner+name as a plain clone):
#   openai+tiktoken (0.14.0), fancy-regex+fancy-regex (0.19.0), rust-lang+regex (1.13.1),
#   BurntSushi+aho-corasick, BurntSushi+memchr, BurntSushi+bstr, contain-rs+bit-set,
#   contain-rs+bit-vec, rust-lang+rustc-hash. Default: /work/.mirror. Missing ones are
#   cloned from GitHub when there is network.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
SRC=${1:-/work/.mirror}
V="$HERE/vendor"
rm -rf "$V"; mkdir -p "$V"

# extract REPO REVISION PATHS DEST
extract() {
  repo=$1 rev=$2 sub=$3 dest=$4
  dir="$SRC/$repo/repo"; [ -d "$dir" ] || dir="$SRC/$repo"
  if [ ! -d "$dir" ]; then
    dir="$V/.git-$repo"
    git clone --quiet --bare "https://github.com/$(echo "$repo" | tr + /).git" "$dir"
  fi
  mkdir -p "$V/$dest"
  # $sub: the paths to extract (default: the whole tree)
  git -C "$dir" archive "$rev" $sub | tar -x -C "$V/$dest"
}
extract openai+tiktoken 0.14.0 "" tiktoken
extract fancy-regex+fancy-regex 0.19.0 "" fancy-regex
extract rust-lang+regex 1.13.1 "Cargo.toml src regex-automata/Cargo.toml regex-automata/src regex-syntax/Cargo.toml regex-syntax/src" regex
extract BurntSushi+aho-corasick 1.1.3 "Cargo.toml src" aho-corasick
extract BurntSushi+memchr 2.8.3 "Cargo.toml src" memchr
extract BurntSushi+bstr 1.13.0 "Cargo.toml src" bstr
extract contain-rs+bit-set 301f3c5 "" bit-set        # Release version 0.8.0
extract contain-rs+bit-vec 4fccfef "" bit-vec        # Release version 0.8.0
extract rust-lang+rustc-hash v2.1.2 "" rustc-hash

# Optional dependencies of those crates that this build never enables (serde, logging,
# std-workspace shims): cargo still resolves them, so empty stand-ins satisfy it offline.
for stub in serde_core:1.0.999 serde:1.0.999 log:0.4.999 rustc-std-workspace-core:1.0.999 \
            rustc-std-workspace-alloc:1.0.999 compiler_builtins:0.1.999 borsh:1.6.999 \
            miniserde:0.1.999 nanoserde:0.2.999; do
  name=${stub%%:*} version=${stub#*:}
  mkdir -p "$V/stubs/$name/src"; : > "$V/stubs/$name/src/lib.rs"
  printf '[package]\nname = "%s"\nversion = "%s"\nedition = "2021"\n[features]\ndefault = []\nstd = []\nalloc = []\nderive = []\nrc = []\n' \
    "$name" "$version" > "$V/stubs/$name/Cargo.toml"
done

cd "$HERE"
cargo build --release --offline
echo "built $HERE/target/release/native-tiktoken"
