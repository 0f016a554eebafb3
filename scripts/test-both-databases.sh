#!/usr/bin/env bash
# Führt die pytest-Suite gegen SQLite und gegen einen Wegwerf-PostgreSQL aus.
#
#   scripts/test-both-databases.sh [PYTEST-ARGUMENTE ...]
#
# - Ist ELTERNBEITRAEGE_TEST_DATABASE_URL bereits gesetzt, wird kein Server
#   gestartet und nur gegen diese Datenbank getestet.
# - Sonst: 1. Lauf gegen SQLite, 2. Lauf gegen einen frisch per initdb
#   angelegten PostgreSQL-15-Server auf einem freien Port (127.0.0.1).
#   Der Server wird in jedem Fall gestoppt und sein Verzeichnis gelöscht.
# - Beide Läufe werden immer ausgeführt; der Exit-Status ist ungleich 0,
#   wenn einer davon fehlschlägt (auch bei "keine Tests gefunden", Status 5).
#
# Umgebungsvariablen: PG_BINDIR (Standard /usr/lib/postgresql/15/bin),
# PG_TMPDIR (Standard /tmp), PYTHON (Standard .venv/bin/python),
# TEST_DB_NAME (Standard elternbeitraege_test), TEST_WORKERS (Testprozesse je Lauf,
# Standard auto = ein Prozess je Kern; 0 = ohne pytest-xdist). Jeder Prozess hat seine eigene
# Datenbank (PostgreSQL: TEST_DB_NAME_gw0, …).
set -euo pipefail

cd "$(dirname "$0")/.."

PG_BINDIR="${PG_BINDIR:-/usr/lib/postgresql/15/bin}"
PYTHON="${PYTHON:-.venv/bin/python}"
TEST_DB_NAME="${TEST_DB_NAME:-elternbeitraege_test}"
# Test processes per leg (pytest-xdist), each on its own database; TEST_WORKERS=0 runs in one process.
TEST_WORKERS="${TEST_WORKERS:-auto}"
if [[ "$TEST_WORKERS" == "0" ]]; then
    parallel=()
else
    parallel=(-n "$TEST_WORKERS" --dist loadgroup)
fi

run_pytest() {
    # Gibt den Status von pytest zurück, ohne das Skript (set -e) abzubrechen.
    local rc=0
    "$PYTHON" -m pytest "${parallel[@]}" "$@" || rc=$?
    return "$rc"
}

# --- Nur ein Lauf, wenn die Datenbank vorgegeben ist -----------------------
if [[ -n "${ELTERNBEITRAEGE_TEST_DATABASE_URL:-}" ]]; then
    # Passwort in der Ausgabe unkenntlich machen.
    shown="$(sed -E 's#(://[^:/@]*:)[^@]*@#\1***@#' <<<"$ELTERNBEITRAEGE_TEST_DATABASE_URL")"
    echo "== Tests gegen vorgegebene Datenbank ($shown) =="
    rc=0
    run_pytest "$@" || rc=$?
    if [[ $rc -ne 0 ]]; then
        echo "== FEHLGESCHLAGEN: Tests gegen vorgegebene Datenbank (Status $rc) ==" >&2
    fi
    exit "$rc"
fi

# --- Wegwerf-PostgreSQL ------------------------------------------------------
as_pg() {
    # initdb/pg_ctl verweigern den Betrieb als root.
    # "cd /": der Benutzer postgres darf das Arbeitsverzeichnis evtl. nicht lesen.
    if [[ $EUID -eq 0 ]]; then
        (cd / && runuser -u postgres -- "$@")
    else
        "$@"
    fi
}

for bin in initdb pg_ctl; do
    if [[ ! -x "$PG_BINDIR/$bin" ]]; then
        echo "FEHLER: $PG_BINDIR/$bin fehlt (Paket postgresql-15 installieren)." >&2
        exit 1
    fi
done
if [[ $EUID -eq 0 ]] && ! id postgres >/dev/null 2>&1; then
    echo "FEHLER: Benutzer 'postgres' fehlt (Paket postgresql-15 installieren)." >&2
    exit 1
fi

pg_base=""
pg_data=""
pg_started=0

cleanup() {
    local rc=$?
    set +e
    if [[ $pg_started == 1 ]]; then
        echo "== Stoppe PostgreSQL =="
        as_pg "$PG_BINDIR/pg_ctl" -D "$pg_data" -m fast -w stop >/dev/null
    fi
    if [[ -n "$pg_base" && -d "$pg_base" ]]; then
        rm -rf -- "$pg_base"
    fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Bewusst nicht $TMPDIR: das Verzeichnis muss für postgres erreichbar sein.
pg_base="$(mktemp -d "${PG_TMPDIR:-/tmp}/elternbeitraege-pg.XXXXXX")"
pg_data="$pg_base/data"
pg_log="$pg_base/postgresql.log"
if [[ $EUID -eq 0 ]]; then
    chown postgres: "$pg_base"
fi
chmod 700 "$pg_base"

pg_port="$("$PYTHON" -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()')"

echo "== Starte PostgreSQL (Port $pg_port, $pg_base) =="
if ! as_pg "$PG_BINDIR/initdb" -D "$pg_data" -A trust -U postgres \
        --encoding=UTF8 --locale=C.UTF-8 >"$pg_base/initdb.log" 2>&1; then
    cat "$pg_base/initdb.log" >&2
    echo "FEHLER: initdb fehlgeschlagen." >&2
    exit 1
fi
pg_started=1
if ! as_pg "$PG_BINDIR/pg_ctl" -D "$pg_data" -l "$pg_log" \
        -o "-p $pg_port -k $pg_base -c listen_addresses=127.0.0.1 -c fsync=off" \
        -w start >/dev/null; then
    cat "$pg_log" >&2 || true
    echo "FEHLER: PostgreSQL ließ sich nicht starten." >&2
    exit 1
fi
"$PG_BINDIR/createdb" -h 127.0.0.1 -p "$pg_port" -U postgres "$TEST_DB_NAME"

pg_url="postgresql+psycopg://postgres@127.0.0.1:$pg_port/$TEST_DB_NAME"

# --- Beide Läufe -------------------------------------------------------------
echo
echo "== Tests gegen SQLite =="
sqlite_rc=0
env -u ELTERNBEITRAEGE_TEST_DATABASE_URL "$PYTHON" -m pytest "${parallel[@]}" "$@" || sqlite_rc=$?

echo
echo "== Tests gegen PostgreSQL =="
pg_rc=0
# Without arguments the PostgreSQL leg runs what touches the database (integration, web, fuzz); the unit and
# browser tests do not depend on it and run once, in the SQLite leg.
pg_args=("$@")
if [[ $# -eq 0 ]]; then
    pg_args=(tests/integration tests/web tests/fuzz)
fi
ELTERNBEITRAEGE_TEST_DATABASE_URL="$pg_url" "$PYTHON" -m pytest "${parallel[@]}" "${pg_args[@]}" || pg_rc=$?

echo
echo "== Ergebnis: SQLite $( ((sqlite_rc == 0)) && echo ok || echo "FEHLGESCHLAGEN (Status $sqlite_rc)" )," \
     "PostgreSQL $( ((pg_rc == 0)) && echo ok || echo "FEHLGESCHLAGEN (Status $pg_rc)" ) =="

if [[ $sqlite_rc -ne 0 ]]; then
    exit "$sqlite_rc"
fi
exit "$pg_rc"
