"""bench/run.py finds its algorithm benches and fails loudly on a broken one.

Nothing here runs a real bench or times anything: discovery reads the modules without importing
them, and the runner is tried on small benches written into tmp_path.
"""

import importlib.util
import subprocess
import sys
import textwrap
from pathlib import Path
from types import SimpleNamespace

import pytest

ROOT = Path(__file__).resolve().parents[2]
RUN = ROOT / "bench" / "run.py"
ALGORITHM_BENCHES = {
    "action_learning_sets",
    "assignment",
    "calibration",
    "composition",
    "timetable",
}


def load_runner():
    spec = importlib.util.spec_from_file_location("bench_runner", RUN)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def runner(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(RUN), *args], cwd=ROOT, capture_output=True, text=True, timeout=60
    )


def write(folder: Path, name: str, source: str) -> None:
    (folder / f"{name}.py").write_text(textwrap.dedent(source), encoding="utf-8")


def test_discovery_finds_the_algorithm_benches_and_not_the_helpers():
    benches = {bench.name: bench for bench in load_runner().discover()}

    assert set(benches) >= ALGORITHM_BENCHES
    assert not {"run", "pages", "floor"} & set(benches)
    assert all(benches[name].targets for name in ALGORITHM_BENCHES)  # read without running


def test_list_names_the_benches_and_runs_none():
    listed = runner("--list")

    assert listed.returncode == 0, listed.stderr
    for name in ALGORITHM_BENCHES:
        assert f"bench/{name}.py" in listed.stdout
    assert "Algorithms:" not in listed.stdout  # nothing ran
    assert "app_list" in listed.stdout  # the pages, from bench/pages.py


@pytest.fixture
def benches(tmp_path):
    """A folder with one good bench and two modules that are not benches."""
    write(
        tmp_path,
        "good",
        """
        TARGETS = {"good_s": 1.0}

        def measure():
            return {"good_s": 0.5, "good_score": 3}
        """,
    )
    # Not benches: it would fail if run (no TARGETS, or no measure()).
    write(tmp_path, "helper", 'raise ImportError("a helper is never imported")\n')
    write(tmp_path, "half", 'TARGETS = {"half_s": 1.0}\nraise ImportError("no measure()")\n')
    return tmp_path


def test_a_folder_of_benches_runs_and_passes(benches):
    assert [b.name for b in load_runner().discover(benches)] == ["good"]
    results = ROOT / "bench" / "results.json"
    before = results.read_bytes() if results.exists() else None

    ran = runner("--algorithms-only", "--benches", str(benches))

    assert ran.returncode == 0, ran.stderr
    assert "good_s" in ran.stdout and "good_score" in ran.stdout
    assert "helper" not in ran.stdout + ran.stderr
    assert (results.read_bytes() if results.exists() else None) == before


@pytest.mark.parametrize(
    ("source", "error"),
    [
        (
            """
            TARGETS = {"broken_s": 1.0}

            def measure():
                raise RuntimeError("the solver is gone")
            """,
            "RuntimeError: the solver is gone",
        ),
        (
            """
            import upon.no_such_algorithm

            TARGETS = {"broken_s": 1.0}

            def measure():
                return {"broken_s": 0.1}
            """,
            "ModuleNotFoundError: No module named 'upon.no_such_algorithm'",
        ),
        (
            """
            TARGETS = {"broken_s": 1.0}

            def measure():
                return {"broken_other_s": 0.1}
            """,
            "gave no figure for TARGETS ['broken_s']",
        ),
        (
            """
            import sys

            TARGETS = {"broken_s": 1.0}

            def measure():
                sys.exit(0)
            """,
            "SystemExit: 0",
        ),
    ],
    ids=["raises", "import-fails", "misses-a-target", "exits"],
)
def test_a_broken_bench_fails_the_run_loudly(benches, source, error):
    write(benches, "broken", source)

    ran = runner("--algorithms-only", "--benches", str(benches))

    assert ran.returncode == 1
    assert "Traceback (most recent call last)" in ran.stderr
    assert error in ran.stderr
    assert f"{benches / 'broken.py'} FAILED" in ran.stderr
    assert ran.stderr.rstrip().endswith(f"1 broken bench(es): {benches / 'broken.py'}")
    assert "Algorithms: " + str(benches / "good.py") in ran.stdout  # the others still ran


class NotFound:
    status_code = 404
    streaming = False
    content = b"Not found"


def test_a_page_that_does_not_answer_200_is_not_measured(db, monkeypatch):
    monkeypatch.syspath_prepend(str(ROOT / "bench"))  # the worker imports floor.py from there
    page = SimpleNamespace(
        url="/gone/", client=SimpleNamespace(get=lambda url: NotFound()), export=False
    )

    with pytest.raises(RuntimeError, match="/gone/ answered HTTP 404, not 200"):
        load_runner().measure(page, SimpleNamespace(requests=30, explain=False))


def test_a_page_that_raises_is_not_recorded_as_a_500(monkeypatch):
    monkeypatch.syspath_prepend(str(ROOT / "bench"))
    import pages

    assert pages._client().raise_request_exception
