"""Where the data files the model reads live: `model/data/...` in an installed wheel (pyproject.toml maps the
repository's data/rules, data/templates and data/notes there, so a wheel installs no top-level `data`
package), else the repository's `data/...` (a checkout, an editable install)."""
from __future__ import annotations

from pathlib import Path

_HERE = Path(__file__).resolve().parent


def data_path(*parts: str) -> Path:
    packaged = _HERE.joinpath("data", *parts)
    return packaged if packaged.exists() else _HERE.parent.joinpath("data", *parts)
