"""The committed figures are exactly what scripts/make_figures.py draws today."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def load_make_figures():
    name = "_site_tests_make_figures"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / "make_figures.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


def test_committed_figures_are_up_to_date(tmp_path):
    make_figures = load_make_figures()
    make_figures.draw_all(tmp_path)
    committed = ROOT / "docs" / "figures"
    drawn = sorted(p.name for p in tmp_path.glob("*.svg"))
    assert drawn == sorted(make_figures.FIGURES)
    stale = [
        name for name in drawn
        if not (committed / name).is_file() or (committed / name).read_bytes() != (tmp_path / name).read_bytes()
    ]
    extra = sorted({p.name for p in committed.glob("*.svg")} - set(drawn))
    assert not stale and not extra, (
        f"stale figures: {stale}; figures no script draws: {extra}. "
        "Run `python scripts/make_figures.py` and commit docs/figures/."
    )


def test_figures_are_deterministic(tmp_path):
    """Drawing twice gives the same bytes (no date, fixed hash salt, fixed seeds)."""
    make_figures = load_make_figures()
    names = ["l01_batches.svg", "l23_norms.svg"]
    first = make_figures.draw_all(tmp_path / "a", names)
    second = make_figures.draw_all(tmp_path / "b", names)
    for a, b in zip(first, second):
        assert a.read_bytes() == b.read_bytes(), a.name
        assert b"<dc:date>" not in a.read_bytes()


def test_solutions_stay_off_sys_path():
    """The figure script imports the solutions by file path, never via sys.path."""
    load_make_figures()
    assert not any(Path(p).resolve() == ROOT / "solutions" for p in sys.path if p)
    assert "l01_regression" not in sys.modules
