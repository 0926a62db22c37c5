import os

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
