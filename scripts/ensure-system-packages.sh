#!/usr/bin/env bash
# Stellt sicher, dass die benötigten Debian-Pakete installiert sind.
#
#   scripts/ensure-system-packages.sh [--test]
#
# Ohne Argument: Pakete für den Betrieb (WeasyPrint-Bibliotheken, Schriften,
# Graphviz für das Ablaufdiagramm unter /verwaltung/ablauf, poppler-utils
# für die Druckdatei der Sammelläufe, bei Bedarf python3-venv und
# Node.js/npm). Mit --test zusätzlich die Pakete für die Testsuite
# (chromium, PostgreSQL-15-Server).
#
# Es wird zuerst mit dpkg geprüft; apt-get läuft nur, wenn etwas fehlt.
# Als root wird installiert, sonst mit einer klaren Meldung abgebrochen.
# Weitere Pakete lassen sich über EXTRA_SYSTEM_PACKAGES ergänzen.
set -euo pipefail

with_test=0
for arg in "$@"; do
    case "$arg" in
        --test) with_test=1 ;;
        *) echo "Unbekanntes Argument: $arg" >&2; exit 2 ;;
    esac
done

cd "$(dirname "$0")/.."

# poppler-utils: pdfunite merges a batch's notices into one print file.
wanted=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core graphviz poppler-utils)

# Python: wird für .venv gebraucht. Debians python3 kann ohne python3-venv
# (ensurepip) kein venv anlegen. Nur prüfen, solange .venv noch fehlt.
python="${PYTHON:-python3}"
if [[ ! -x .venv/bin/python ]]; then
    if ! command -v "$python" >/dev/null 2>&1; then
        wanted+=(python3 python3-venv)
    elif ! "$python" -c 'import ensurepip' >/dev/null 2>&1; then
        wanted+=(python3-venv)
    fi
fi

# Node.js/npm: nur wenn kein npm im PATH ist (ein anders installiertes
# Node.js, z. B. von NodeSource, soll nicht durch Debians Paket ersetzt werden).
if ! command -v npm >/dev/null 2>&1; then
    wanted+=(nodejs npm)
fi

if [[ $with_test == 1 ]]; then
    wanted+=(chromium postgresql-15)
fi

# shellcheck disable=SC2206
wanted+=(${EXTRA_SYSTEM_PACKAGES:-})

missing=()
for pkg in "${wanted[@]}"; do
    status="$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)"
    if [[ "$status" != "install ok installed" ]]; then
        missing+=("$pkg")
    fi
done

if [[ ${#missing[@]} -eq 0 ]]; then
    exit 0
fi

if [[ $EUID -ne 0 ]]; then
    {
        echo "FEHLER: Es fehlen Systempakete: ${missing[*]}"
        echo "Bitte als root installieren und danach erneut aufrufen:"
        echo
        echo "    sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}"
        echo
    } >&2
    exit 1
fi

echo "== Installiere Systempakete: ${missing[*]} =="
export DEBIAN_FRONTEND=noninteractive
apt_opts=(-o DPkg::Lock::Timeout=600 -o Dpkg::Use-Pty=0)
apt-get "${apt_opts[@]}" -qq update
apt-get "${apt_opts[@]}" -qq install -y --no-install-recommends "${missing[@]}"
