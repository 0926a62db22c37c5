"""Where the data files the model reads live: `model/data/...` in an installed wheel (pyproject.toml maps the
repository's data/rules, data/templates and data/notes there, so a wheel installs no top-level `data`
package), else the repository's `data/...` (a checkout, an editable install)."""
from __future__ import annotations

from pathlib import Path

_HERE = Path(__file__).resolve().parent


def data_path(*parts: str) -> Path:
    packaged = _HERE.joinpath("data", *parts)
    return packaged if packaged.exists() else _HERE.parent.joinpath("data", *parts)


def read_yaml(path: Path):
    """One of the shipped data files (rules, templates, the notes lexicon), parsed. libyaml's parser where PyYAML was
    built with it: PyYAML's pure-Python one took 0.2 s of a cold start on the rule files alone, libyaml's takes 0.01 s.
    Both feed the same safe constructor, so the data is the same."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(Path(path).read_text(encoding="utf-8"), Loader=loader)  # noqa: S506 - a safe loader
