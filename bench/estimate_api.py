"""Benchmark: one ``POST /api/v1/estimate`` against a trivial JSON request to the same app, side by side.

Run: ``.venv/bin/python bench/estimate_api.py [ROUNDS]``. One process, the Flask test client (no network),
a throwaway SQLite database, the rate limit off. The trivial request is a route added to this app instance
that answers ``{"status": "ok"}`` — it passes the same request hooks, session and security headers as the
estimate. Rounds alternate between the two so that both see the same machine; the figures are medians.
"""
from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from flask import jsonify

from elternbeitraege import db
from elternbeitraege.app import create_app
from elternbeitraege.web import csrf

TARGET = 1.5
ESTIMATE = {
    "statute": "kreis-guetersloh-2024", "from": "2024-08", "to": "2025-07",
    "children": [{"id": "a", "birth_date": "2022-03-15", "care": "kita", "hours": 35,
                  "start": "2024-08-01", "end": None, "school_entry": None}],
    "income": {"annual": "52000.00"},
    "benefits": [{"from": "2024-08", "to": "2024-12"}],
}


def trivial():
    """Answer a small JSON object, nothing else."""
    return jsonify(status="ok")


def make_app(folder: str):
    url = f"sqlite:///{Path(folder) / 'bench.sqlite'}"
    db.upgrade(url)
    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "bench", "ESTIMATE_RATE_LIMIT": "off"})
    app.add_url_rule("/bench/trivial", "bench_trivial", csrf.exempt(trivial), methods=["POST"])
    return app


def per_request(client, path: str, body: dict, count: int) -> float:
    """Return the mean seconds of ``count`` requests."""
    started = time.perf_counter()
    for _ in range(count):
        response = client.post(path, json=body)
        assert response.status_code == 200, response.get_data(as_text=True)
    return (time.perf_counter() - started) / count


def main(rounds: int = 20, count: int = 200) -> None:
    with tempfile.TemporaryDirectory() as folder:
        client = make_app(folder).test_client()
        per_request(client, "/api/v1/estimate", ESTIMATE, 50)  # warm up caches and imports
        per_request(client, "/bench/trivial", {}, 50)
        trivial, estimate = [], []
        for _ in range(rounds):
            trivial.append(per_request(client, "/bench/trivial", {}, count))
            estimate.append(per_request(client, "/api/v1/estimate", ESTIMATE, count))
    trivial_ms, estimate_ms = statistics.median(trivial) * 1000, statistics.median(estimate) * 1000
    print(f"trivial JSON request:   {trivial_ms:.3f} ms (median of {rounds} rounds × {count})")
    print(f"POST /api/v1/estimate:  {estimate_ms:.3f} ms")
    print(f"ratio: {estimate_ms / trivial_ms:.2f}  (target ≤ {TARGET})")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
