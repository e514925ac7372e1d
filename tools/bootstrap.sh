#!/usr/bin/env bash
# Installs and fetches everything Folio needs to build and test; safe to re-run (fast when done).
# Sources: Debian's package archive and the npm registry only.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE="${FOLIO_CACHE:-$ROOT/.cache}"
DEPS="$CACHE/deps"
mkdir -p "$DEPS"

log() { printf '[bootstrap] %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# --- 1. Debian packages -------------------------------------------------------
# The browser tests' Chromium draws what no site font has (emoji, Thai, Devanagari...) with the system's
# fonts, as a reader's browser does with theirs: colour emoji and Noto's scripts stand in for those.
PACKAGES=(
  build-essential cmake ninja-build pkg-config git ca-certificates xz-utils time
  emscripten nodejs
  nlohmann-json3-dev libmd4c-dev libmd4c-html0-dev libyaml-cpp-dev libgumbo-dev
  libharfbuzz-dev libcli11-dev libgtest-dev libcpp-httplib-dev libssl-dev zlib1g-dev libdeflate-dev libzstd-dev libbrotli-dev
  libutf8proc-dev libopencc-dev libopencc-data
  fonts-noto-cjk fonts-dejavu-core
  fonts-noto-color-emoji fonts-noto-core
  chromium
  clang-14 libclang-rt-14-dev
)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  log "installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get update -qq
  as_root apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  log "Debian packages present"
fi

# --- 2. Debian source packages for the wasm build (pinned by sha256) ---------
IMGUI_TAR=imgui_1.86+ds.orig.tar.xz
IMGUI_SHA=0dace0e8e57d298eb6e93af12dc19420cb96330832f6495c733b90aeeef11f64
SDL_TAR=libsdl2_2.26.5+dfsg.orig.tar.gz
SDL_SHA=b3f2c822151804125d08db94c65852f711c2e5df2145a59da120748dc32eb9c3

need_fetch=0
for f in "$IMGUI_TAR:$IMGUI_SHA" "$SDL_TAR:$SDL_SHA"; do
  name=${f%%:*}; sum=${f##*:}
  if [ ! -f "$DEPS/$name" ] || ! echo "$sum  $DEPS/$name" | sha256sum -c --quiet - 2>/dev/null; then need_fetch=1; fi
done
if [ $need_fetch = 1 ]; then
  log "fetching Debian source packages imgui and libsdl2"
  APTD="$DEPS/apt"
  mkdir -p "$APTD/etc" "$APTD/lists/partial"
  sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources > "$APTD/etc/src.sources"
  A=(-o Dir::Etc::SourceList=/dev/null -o "Dir::Etc::SourceParts=$APTD/etc" -o "Dir::State::Lists=$APTD/lists")
  apt-get "${A[@]}" update -qq
  (cd "$DEPS" && apt-get "${A[@]}" source --download-only -qq imgui libsdl2)
fi
echo "$IMGUI_SHA  $DEPS/$IMGUI_TAR" | sha256sum -c --quiet -
echo "$SDL_SHA  $DEPS/$SDL_TAR" | sha256sum -c --quiet -

unpack() { # tarball, target dir
  if [ ! -f "$2/.unpacked" ]; then
    rm -rf "$2.tmp" "$2"; mkdir -p "$2.tmp"
    tar -xf "$DEPS/$1" -C "$2.tmp" --strip-components=1
    touch "$2.tmp/.unpacked"; mv "$2.tmp" "$2"
  fi
}
unpack "$IMGUI_TAR" "$DEPS/imgui"
unpack "$SDL_TAR" "$DEPS/sdl2"

# --- 3. SDL2 for wasm, built once ---------------------------------------------
SDL_BUILD="$DEPS/sdl2-wasm"
if [ ! -f "$SDL_BUILD/.built" ]; then
  log "building SDL2 for wasm (a few minutes, once)"
  export NODE_PATH=/usr/share/nodejs
  rm -rf "$SDL_BUILD"
  emcmake cmake -S "$DEPS/sdl2" -B "$SDL_BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DSDL_SHARED=OFF -DSDL_STATIC=ON -DSDL_TEST=OFF -DSDL2_DISABLE_SDL2MAIN=ON >/dev/null
  cmake --build "$SDL_BUILD" --parallel "$(nproc)" >/dev/null
  touch "$SDL_BUILD/.built"
else
  log "SDL2 wasm build present"
fi

# --- 4. npm packages for browser tests -----------------------------------------
if [ ! -d "$ROOT/node_modules/playwright-core" ] || [ "$ROOT/package-lock.json" -nt "$ROOT/node_modules/.package-lock.json" ]; then
  log "installing npm packages"
  (cd "$ROOT" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
else
  log "npm packages present"
fi
log "done"
