"""Links between plans that are not adjacent: direct only, or also through the plan between.

Not a timing: the quality of ``civstat.continuity(plans, issuer=…, base_year=first,
compare_year=last)`` on generated corpora of one issuer and three plans
(``corpus.generate(1, 3, n, seed)``), against the generator's record: a first-plan task
and a last-plan task are the same commitment when the record leads from one to the other
(restated, renamed, split, merged or after a gap, through the middle plan or not).

- direct: the first and last plans alone (what continuity gave before chains);
- chained: all three plans, so that a link may go through the middle one.

Prints precision, recall and links per corpus size and seed.

Run ``python benchmarks/bench_continuity_chains.py [--sizes 30 100 300] [--seeds 7 8]``.
"""

import argparse


def truth(corpus, first: int, last: int) -> set[tuple[str, str]]:
    """Pairs (first-plan task, last-plan task) the record leads from one to the other."""
    year = corpus.plans.tasks.set_index("task_id")["year"].astype(int).to_dict()
    onward: dict[str, set[str]] = {}
    for old, new in zip(corpus.links["task_id_old"], corpus.links["task_id_new"], strict=True):
        onward.setdefault(old, set()).add(new)
    pairs = set()
    for start in (t for t, y in year.items() if y == first):
        seen, todo = set(), [start]
        while todo:
            for nxt in onward.get(todo.pop(), ()):
                if nxt not in seen:
                    seen.add(nxt)
                    todo.append(nxt)
        pairs |= {(start, t) for t in seen if year[t] == last}
    return pairs


def main() -> None:
    from corpus import generate

    from civstat import continuity
    from civstat.analyse.similarity import generic_words

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[30, 100, 300])
    parser.add_argument("--seeds", type=int, nargs="+", default=[7, 8])
    args = parser.parse_args()
    print(f"{'tasks/plan':>10} {'seed':>4} {'true':>5} {'direct P':>8} {'R':>6} {'links':>5} "
          f"{'chained P':>9} {'R':>6} {'links':>5}")
    for n in args.sizes:
        for seed in args.seeds:
            corpus = generate(1, 3, n, seed=seed)
            plans = corpus.plans
            issuer = plans.documents["issuer"].iloc[0]
            first, _, last = sorted(plans.documents["year"].astype(int).unique())
            true = truth(corpus, first, last)
            ends = plans.tasks[plans.tasks["year"].astype(int).isin([first, last])]
            row = []
            for tasks in (ends, plans.tasks):
                links = continuity(tasks, issuer=issuer, base_year=first, compare_year=last,
                                   generic=generic_words(plans))
                made = links[links["status"] == "continued"]
                found = set(zip(made["base_task"], made["compare_task"], strict=True))
                right = len(found & true)
                row += [right / max(len(found), 1), right / max(len(true), 1), len(found)]
            print(f"{n:>10} {seed:>4} {len(true):>5} {row[0]:>8.3f} {row[1]:>6.3f} {row[2]:>5} "
                  f"{row[3]:>9.3f} {row[4]:>6.3f} {row[5]:>5}", flush=True)


if __name__ == "__main__":
    main()
