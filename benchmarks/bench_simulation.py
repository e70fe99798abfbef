"""cxlib.queueing.simulate against Ciw and SimPy on the same M/M/n model.

The model: 9 calls a minute, an average handle time of 1 minute (exponential), 10 agents,
first come first served, nobody hangs up. Every tool simulates it from an empty start; every
tool's mean wait is printed beside Erlang C's, to show they simulate the same thing.

Three comparisons, each as customers simulated per second and a ratio from the same run:

(a) many replications (the widget case): cxlib with 100 and 200 replications against Ciw's
    per-customer throughput (Ciw runs one replication at a time, so its throughput does not
    depend on how many; it is measured on a few replications to keep this quick);
(b) one long run: cxlib (the heap engine) against a SimPy model;
(c) the goal of 200 replications of 20,000 customers, timed end to end.

Goals (issue 4): (a) at least 100x Ciw, (b) ahead of SimPy, (c) about a second on one core.
Timings are the best of a few repeats; absolute numbers depend on the machine, ratios less so.
Run it with ``make bench`` or ``python benchmarks/run.py simulation``.
"""

from __future__ import annotations

import random
import time

import numpy as np

from cxlib.queueing import average_speed_of_answer, simulate

RATE, AHT, AGENTS = 9.0, 1.0, 10  # per minute, minutes, agents


def best_time(fn, repeat: int) -> tuple[float, object]:
    best, out = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - start)
    return best, out


def run_cxlib(customers: int, replications: int, method: str = "auto"):
    res = simulate(RATE, AHT, AGENTS, customers=customers, replications=replications,
                   seed=1, method=method)
    return replications * customers, float(res.wait.mean())


def run_ciw(replications: int, minutes: float):
    import ciw

    network = ciw.create_network(
        arrival_distributions=[ciw.dists.Exponential(rate=RATE)],
        service_distributions=[ciw.dists.Exponential(rate=1 / AHT)],
        number_of_servers=[AGENTS],
    )
    customers, waits = 0, []
    for r in range(replications):
        ciw.seed(r)
        sim = ciw.Simulation(network)
        sim.simulate_until_max_time(minutes)
        records = sim.get_all_records()
        customers += len(records)
        waits.extend(rec.waiting_time for rec in records)
    return customers, float(np.mean(waits))


def run_simpy(customers: int):
    import simpy

    env = simpy.Environment()
    agents = simpy.Resource(env, capacity=AGENTS)
    rng = random.Random(1)
    waits = []

    def caller(env):
        arrived = env.now
        with agents.request() as request:
            yield request
            waits.append(env.now - arrived)
            yield env.timeout(rng.expovariate(1 / AHT))

    def source(env):
        for _ in range(customers):
            yield env.timeout(rng.expovariate(RATE))
            env.process(caller(env))

    env.process(source(env))
    env.run()
    return customers, float(np.mean(waits))


def main() -> None:
    theory = average_speed_of_answer(RATE, AHT, AGENTS)
    print(f"M/M/{AGENTS}: {RATE:g} calls/min, AHT {AHT:g} min; Erlang C mean wait "
          f"{theory:.4f} min (simulations start empty and are random: close, not equal)\n")
    rows = []

    def row(case, tool, seconds, customers, mean_wait, against=None):
        rate = customers / seconds
        rows.append((case, tool, customers, seconds, rate, mean_wait, against))
        return rate

    # (a) many replications against Ciw
    ciw_t, (ciw_n, ciw_w) = best_time(lambda: run_ciw(3, 2_000.0), 1)
    ciw_rate = row("(a) replications", "Ciw, 3 x 2000 min", ciw_t, ciw_n, ciw_w)
    for reps in (100, 200):
        t, (n, w) = best_time(lambda: run_cxlib(20_000, reps), 3)
        row("(a) replications", f"cxlib, {reps} x 20,000", t, n, w, ("Ciw", ciw_rate))

    # (b) one long run against SimPy
    simpy_t, (simpy_n, simpy_w) = best_time(lambda: run_simpy(200_000), 2)
    simpy_rate = row("(b) one long run", "SimPy, 200,000", simpy_t, simpy_n, simpy_w)
    t, (n, w) = best_time(lambda: run_cxlib(1_000_000, 1), 3)
    row("(b) one long run", "cxlib heap, 1,000,000", t, n, w, ("SimPy", simpy_rate))
    t, (n, w) = best_time(lambda: run_cxlib(1_000_000, 1, method="vector"), 1)
    row("(b) one long run", "cxlib vector, 1,000,000", t, n, w, ("SimPy", simpy_rate))

    # (c) the widget budget
    t, (n, w) = best_time(lambda: run_cxlib(20_000, 200), 3)
    row("(c) 200 x 20,000", "cxlib", t, n, w)

    head = (f"{'case':<18} {'tool':<26} {'customers':>10} {'seconds':>8} "
            f"{'customers/s':>12} {'mean wait':>9}  ratio")
    print(head)
    print("-" * len(head))
    for case, tool, customers, seconds, rate, mean_wait, against in rows:
        ratio = f"{rate / against[1]:,.0f}x {against[0]}" if against else ""
        print(f"{case:<18} {tool:<26} {customers:>10,} {seconds:>8.3f} {rate:>12,.0f} "
              f"{mean_wait:>9.4f}  {ratio}")
    print(f"\n200 replications x 20,000 customers took {rows[-1][3]:.2f} s "
          "(goal: about 1 s on one core)")


if __name__ == "__main__":
    main()
