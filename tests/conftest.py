import contextlib
import os
import signal

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

import pytest  # noqa: E402


@pytest.fixture(scope="session")
def checker():
    """The shipped model, loaded once for the whole session."""
    from model import Checker

    return Checker.load()


@pytest.fixture(scope="session")
def fast():
    """The shipped audit profile, loaded once for the whole session."""
    from model import Checker

    return Checker.load(profile="fast")


@contextlib.contextmanager
def finishes_within(seconds: int, what: str):
    """Fail with TimeoutError if the block runs `seconds` or longer: a guard against a pattern that backtracks
    without bound on adversarial input (it hangs), not a timing measurement."""
    def too_slow(*_):
        raise TimeoutError(f"{what} did not finish within {seconds} s (it backtracks)")

    old = signal.signal(signal.SIGALRM, too_slow)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
