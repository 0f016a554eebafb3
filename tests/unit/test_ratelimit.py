"""The rate limiter: N requests per client and window, told apart by client, bounded in memory, thread-safe."""
from __future__ import annotations

import threading

import pytest

from elternbeitraege.ratelimit import Decision, Rate, RateLimiter, parse_rate


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self, now: float = 1000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def limiter(clock):
    def make(limit: int = 3, period: int = 60, max_clients: int = 10_000) -> RateLimiter:
        return RateLimiter(Rate(limit, period), clock=clock, max_clients=max_clients)
    return make


@pytest.mark.parametrize(("setting", "rate"), [
    ("60/minute", Rate(60, 60)),
    ("5/second", Rate(5, 1)),
    ("1000/hour", Rate(1000, 3600)),
    (" 10 / Minute ", Rate(10, 60)),
    ("off", None),
    ("OFF", None),
    ("", None),
    ("  ", None),
    (None, None),
])
def test_a_rate_setting_is_read_as_requests_per_period_or_none_for_off(setting, rate):
    assert parse_rate(setting) == rate


@pytest.mark.parametrize("setting", ["60", "60/day", "-1/minute", "0/minute", "1.5/minute", "sixty/minute",
                                     "60/minute/x", "60 per minute", "60/minute\n1/second"])
def test_an_unreadable_rate_setting_is_refused_with_a_message_naming_it(setting):
    with pytest.raises(ValueError, match="Ungültige Begrenzung"):
        parse_rate(setting)


def test_a_client_may_send_the_limit_within_a_window_and_is_refused_after_it(limiter):
    limit = limiter(limit=3)
    assert [limit.hit("192.0.2.1").allowed for _ in range(4)] == [True, True, True, False]


def test_a_refusal_says_how_many_seconds_remain_of_the_window(limiter, clock):
    limit = limiter(limit=1, period=60)
    limit.hit("a")
    clock.advance(20.5)
    assert limit.hit("a") == Decision(False, 40)  # 39.5 seconds left, rounded up


def test_the_seconds_to_wait_are_at_least_one(limiter, clock):
    limit = limiter(limit=1, period=1)
    limit.hit("a")
    clock.advance(0.999)
    assert limit.hit("a") == Decision(False, 1)


def test_a_client_is_answered_again_once_its_window_has_ended(limiter, clock):
    limit = limiter(limit=2, period=60)
    assert [limit.hit("a").allowed for _ in range(3)] == [True, True, False]
    clock.advance(59.9)
    assert not limit.hit("a").allowed
    clock.advance(0.1)
    assert [limit.hit("a").allowed for _ in range(3)] == [True, True, False]


def test_refused_requests_do_not_prolong_the_window(limiter, clock):
    limit = limiter(limit=1, period=10)
    limit.hit("a")
    for _ in range(9):
        clock.advance(1)
        assert not limit.hit("a").allowed
    clock.advance(1)
    assert limit.hit("a").allowed


def test_clients_are_counted_apart(limiter):
    limit = limiter(limit=1)
    assert limit.hit("192.0.2.1").allowed
    assert not limit.hit("192.0.2.1").allowed
    assert limit.hit("192.0.2.2").allowed


def test_ended_windows_are_forgotten(limiter, clock):
    limit = limiter(limit=5, period=60)
    for client in range(100):
        limit.hit(f"198.51.100.{client}")
    assert len(limit) == 100
    clock.advance(60)
    limit.hit("192.0.2.1")
    assert len(limit) == 1


def test_memory_stays_bounded_when_many_clients_come_at_once(limiter):
    limit = limiter(limit=1, max_clients=3)
    for client in range(50):
        assert limit.hit(f"client-{client}").allowed
        assert len(limit) <= 3
    assert not limit.hit("client-49").allowed  # the newest windows are kept


def test_threads_hitting_the_same_client_never_get_more_than_the_limit_through(limiter):
    limit = limiter(limit=500)
    allowed = []

    def send() -> None:
        allowed.extend(limit.hit("a").allowed for _ in range(200))

    threads = [threading.Thread(target=send) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert allowed.count(True) == 500 and len(allowed) == 1600
