"""The office administrator sees the office's statute, facilities and accounts — and no other office's."""
from __future__ import annotations


def test_the_administrator_sees_the_statute_facilities_and_accounts_of_the_office(app, demo, login):
    page = login(app.test_client(), "verwaltung@musterstadt.example").get("/verwaltung/").get_data(as_text=True)
    assert "Kreis Gütersloh" in page and "kreis-guetersloh-2024" in page
    for facility in ("Kita Sonnenblume", "Kita Regenbogen", "Kindertagespflege Petra Beispiel"):
        assert facility in page
    assert "sachbearbeitung@musterstadt.example" in page
