"""Cold start: ``import civstat; civstat.load_plans()`` against ``import pandas``, side by side.

Each run is a fresh interpreter; the two commands alternate so that machine noise
hits both alike. Prints the median of each and their ratio (target: at most 1.5).
"""

import argparse
import statistics
import subprocess
import sys
import time

BASELINE = "import pandas"
CANDIDATE = "import warnings; warnings.simplefilter('ignore'); import civstat; civstat.load_plans()"
HEAVY = ["jieba", "sklearn", "plotly", "papermill", "pandera"]


def cold(code: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=11)
    runs = parser.parse_args().runs
    cold(BASELINE), cold(CANDIDATE)  # warm the file cache, not the interpreter
    base, cand = [], []
    for _ in range(runs):
        base.append(cold(BASELINE))
        cand.append(cold(CANDIDATE))
    loaded = subprocess.run(
        [sys.executable, "-c", f"import sys, civstat; print([m for m in {HEAVY!r} if m in sys.modules])"],
        check=True, capture_output=True, text=True).stdout.strip()
    b, c = statistics.median(base), statistics.median(cand)
    print(f"cold `{BASELINE}`: median {b:.3f} s over {runs} runs")
    print(f"cold `import civstat; civstat.load_plans()`: median {c:.3f} s")
    print(f"ratio: {c / b:.2f} (target <= 1.5)")
    print(f"heavy modules loaded by `import civstat`: {loaded}")


if __name__ == "__main__":
    main()
