"""A synthetic corpus grown from the bundled plans, for benchmarks: many issuers, many years.

``synthetic_plans(n_issuers=2000, years=5, tasks=30, seed=0)`` returns a
:class:`civstat.Plans` of ``n_issuers * years`` documents of ``tasks`` tasks each
(300,000 tasks by default), reproducible from ``seed``. Each issuer (某某区民政局0001 …)
writes one plan a year from 2019. Its first plan samples tasks from the bundled seeds;
each later plan carries over about ``carry`` of the previous year's tasks, edited again,
and fills the rest with fresh seeds. Every task text is perturbed the way plans change
from year to year: numbers move (a year becomes the plan's year), a clause is dropped,
repeated or swapped with its neighbour. Assignments are copied from the seed task.

``return_links=True`` also returns the truth a continuity benchmark needs: for each
synthetic task, the seed it came from and the previous year's task it continues.

Run ``python benchmarks/synthetic.py [--issuers N]`` to print a small sample.
"""

from __future__ import annotations

import argparse
import re

import numpy as np
import pandas as pd

import civstat
from civstat.plans import COLUMNS, Plans, frame

FIRST_YEAR = 2019
_CLAUSE = re.compile(r"([^，。；]*)([，。；]?)")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_FACTORS = (0.5, 0.8, 1.2, 1.5, 2.0)


def corpus_parser(description: str, *, issuers: int = 2000) -> argparse.ArgumentParser:
    """An argument parser with the corpus options every benchmark shares."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--issuers", type=int, default=issuers)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--tasks", type=int, default=30)
    parser.add_argument("--seed", type=int, default=0)
    return parser


def synthetic_plans(n_issuers: int = 2000, years: int = 5, tasks: int = 30, seed: int = 0, *,
                    carry: float = 0.7, return_links: bool = False):
    """Grow a reproducible corpus of plans from the bundled seeds.

    Parameters
    ----------
    n_issuers : int
        How many issuers (one plan per issuer and year).
    years : int
        How many consecutive years, from 2019.
    tasks : int
        Tasks per plan.
    seed : int
        Seed of the random generator: the same arguments give the same corpus.
    carry : float
        Probability that a task continues into the next year's plan.
    return_links : bool
        Also return a table with one row per synthetic task: ``task_id``, ``seed_task``
        (the bundled task it was grown from) and ``previous`` (the task of the
        previous year it continues, or ``""`` when it is new).

    Returns
    -------
    civstat.Plans, or (civstat.Plans, pandas.DataFrame) with ``return_links=True``
    """
    rng = np.random.default_rng(seed)
    seeds = civstat.load_plans(errors="ignore")
    pool = seeds.tasks.to_dict("records")
    seed_years = seeds.tasks["year"].fillna(FIRST_YEAR).astype(int).tolist()
    n_seeds = len(pool)
    replace = tasks > n_seeds

    records = []  # one dict per synthetic task: the seed's columns, then what changed
    documents = []
    for i in range(1, n_issuers + 1):
        issuer = f"某某区民政局{i:04d}"
        current = []  # (seed index, title, text, goal, task_id) of last year's plan
        for y in range(years):
            year = FIRST_YEAR + y
            doc_id = f"synthetic-{i:04d}-{year}"
            if not current:
                picks = [(int(s), None) for s in rng.choice(n_seeds, tasks, replace=replace)]
            else:
                kept = [c for c in current if rng.random() < carry]
                used = {c[0] for c in kept}
                free = [s for s in range(n_seeds) if s not in used] if not replace else range(n_seeds)
                fresh = rng.choice(free, tasks - len(kept), replace=replace or len(free) < tasks - len(kept))
                picks = [(c[0], c) for c in kept] + [(int(s), None) for s in fresh]
            current = []
            for seq, (s, before) in enumerate(picks, 1):
                row = pool[s]
                if before is None:
                    title, text, goal, previous = row["title"], row["text"], row["goal"], ""
                    shift = year - seed_years[s]
                else:
                    _, title, text, goal, previous = before
                    shift = 1
                same_title = title == text
                text = _perturb(text, rng, shift)
                goal = _perturb(goal, rng, shift) if goal else goal
                title = text if same_title else title
                task_id = f"{doc_id}-{seq:03d}"
                current.append((s, title, text, goal, task_id))
                records.append({**row, "task_id": task_id, "doc_id": doc_id, "issuer": issuer,
                                "year": year, "seq": seq, "title": title, "text": text, "goal": goal,
                                "seed_task": row["task_id"], "previous": previous})
            documents.append({"doc_id": doc_id, "issuer": issuer, "year": year,
                              "title": f"{year}年{issuer}重点工作任务清单", "layout": "synthetic",
                              "path": "", "n_tasks": len(picks), "complete": True})

    table = pd.DataFrame.from_records(records)
    task_table = table[list(COLUMNS["tasks"])].astype(COLUMNS["tasks"])
    assignments = (table[["task_id", "doc_id", "issuer", "year", "seed_task"]]
                   .merge(seeds.assignments.drop(columns=["doc_id", "issuer", "year"])
                          .rename(columns={"task_id": "seed_task"}), on="seed_task", sort=False)
                   .sort_values(["task_id"], kind="stable"))
    plans = Plans(
        documents=frame("documents", documents),
        tasks=task_table,
        assignments=assignments[list(COLUMNS["assignments"])].astype(COLUMNS["assignments"])
        .reset_index(drop=True),
        problems=frame("problems"),
    )
    if return_links:
        return plans, table[["task_id", "seed_task", "previous"]].astype("str")
    return plans


def _perturb(text: str, rng: np.random.Generator, year_shift: int) -> str:
    """Edit a task text as plans change between years: numbers move, clauses go, repeat or swap.

    Clauses are swapped and repeated with their own wording but the punctuation stays where it
    was, so the text still ends as it did.
    """
    text = _NUMBER.sub(lambda m: _new_number(m, rng, year_shift), text)
    pairs = [[body, mark] for body, mark in _CLAUSE.findall(text) if body or mark]
    if len(pairs) >= 3 and rng.random() < 0.2:
        k = int(rng.integers(len(pairs) - 1))
        del pairs[k]
    if len(pairs) >= 2 and rng.random() < 0.1:
        k = int(rng.integers(len(pairs) - 1))
        pairs[k][0], pairs[k + 1][0] = pairs[k + 1][0], pairs[k][0]
    if len(pairs) >= 2 and rng.random() < 0.05:
        k = int(rng.integers(len(pairs) - 1))
        pairs.insert(k + 1, [pairs[k][0], pairs[k][1] if pairs[k][1] != "。" else "，"])
    return "".join(body + mark for body, mark in pairs)


def _new_number(match: re.Match, rng: np.random.Generator, year_shift: int) -> str:
    raw = match.group()
    after = match.string[match.end():match.end() + 1]
    if len(raw) == 4 and raw.isdigit() and 1990 <= int(raw) <= 2035 and after in ("年", ""):
        return str(int(raw) + year_shift)  # a year: moves with the plan
    if rng.random() < 0.5:
        return raw
    value = float(raw) * _FACTORS[int(rng.integers(len(_FACTORS)))]
    if "." in raw:
        return f"{value:.{len(raw.split('.')[1])}f}"
    return str(max(1, round(value)))


def main() -> None:
    args = corpus_parser(__doc__.splitlines()[0], issuers=2).parse_args()
    plans, links = synthetic_plans(args.issuers, args.years, args.tasks, args.seed, return_links=True)
    print(plans)
    with pd.option_context("display.width", 200, "display.max_colwidth", 60):
        print(plans.tasks[["task_id", "text"]].head(10))
        print(links.head(40).tail(10))


if __name__ == "__main__":
    main()
