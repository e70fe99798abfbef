"""Exercise 04's usual mistakes, for the wrong-answer suite (tests/test_mistakes.py).

Each entry puts one mistake students really make in place of a question's answer; the suite
checks that a visible test fails with a message that names the cause (``hint``, a regular
expression), or, with ``caught="autograde"``, that the hidden tests take the points. The
mistakes issue 14 found passing every visible test come first in each question. Question 2's
entries also prove that the "no cxlib" check finds every route into cxlib, aliases included.
This file never reaches students: nbgrader_config.py leaves it out of the release.
"""

_Q2_HEAD = "def erlang_c(load, agents):\n"

MISTAKES = [
    # Question 1: load and occupancy at the peak, from the day's log.
    {"question": "q1_peak_load", "why": "the forecast rate, day.calls_per_hour, for the count",
     "replace": ("counts.count[peak] / 0.5", "day.calls_per_hour[peak]"),
     "hint": r"forecast"},
    {"question": "q1_peak_load", "why": "the AHT of the whole day",
     "replace": ("np.nanmean(day.handle_time[in_peak])", "np.nanmean(day.handle_time)"),
     "hint": r"whole day's AHT"},
    {"question": "q1_peak_load", "why": "day.agents.max() for the agents on shift",
     "replace": ("day.agents[peak]", "day.agents.max()"),
     "hint": r"day\.agents\.max\(\)"},
    {"question": "q1_peak_load", "why": "np.mean over hung-up calls' NaNs: nan",
     "replace": ("np.nanmean(day.handle_time[in_peak])", "np.mean(day.handle_time[in_peak])"),
     "hint": r"nan.*np\.nanmean"},
    {"question": "q1_peak_load", "why": "the half-hour's count taken as a rate per hour",
     "replace": ("counts.count[peak] / 0.5", "counts.count[peak]"),
     "hint": r"below the day's mean rate.*2 x"},
    {"question": "q1_peak_load", "why": "the AHT divided by 60 in the load",
     "replace": ("peak_calls_per_hour * peak_aht / 3600", "peak_calls_per_hour * peak_aht / 60"),
     "hint": r"/ 3600"},
    {"question": "q1_peak_load", "why": "the busiest half-hour of the forecast, not of the log",
     "replace": ("peak = counts.busiest", "peak = int(np.argmax(day.calls_per_hour))"),
     "caught": "autograde"},
    {"question": "q1_peak_load", "why": "a mask with no end: every call from the peak onwards",
     "replace": ("(day.arrival_time >= counts.start[peak]) & (day.arrival_time < counts.end[peak])",
                 "day.arrival_time >= counts.start[peak]"),
     "caught": "autograde"},

    # Question 2: Erlang C written by hand.
    {"question": "q2_erlang_c", "why": "Erlang C from factorials, which overflows at 1,011 agents",
     "source": "import math\n\n\n" + _Q2_HEAD +
               "    if load >= agents:\n"
               "        return 1.0\n"
               "    top = load ** agents / math.factorial(agents) * agents / (agents - load)\n"
               "    rest = sum(load ** k / math.factorial(k) for k in range(agents))\n"
               "    return top / (rest + top)\n",
     "hint": r"overflowed at 1,011 agents"},
    {"question": "q2_erlang_c", "why": "no load >= agents guard (1.86 and the like)",
     "replace": ("    if load >= agents:\n        return 1.0\n", ""),
     "hint": r"load 12 >= 10 agents.*return 1\.0"},
    {"question": "q2_erlang_c", "why": "Erlang B returned instead of C",
     "replace": ("return agents * b / (agents - load * (1 - b))", "return b"),
     "hint": r"Erlang B"},
    {"question": "q2_erlang_c", "why": "the recursion stops a step early, range(1, agents)",
     "replace": ("range(1, agents + 1)", "range(1, agents)"),
     "hint": r"step early"},
    {"question": "q2_erlang_c", "why": "q.erlang_c called inside the function",
     "source": _Q2_HEAD + "    return q.erlang_c(load, agents)\n",
     "hint": r"uses cxlib: q\b"},
    {"question": "q2_erlang_c", "why": "from cxlib.queueing import erlang_c as _ec, inside",
     "source": _Q2_HEAD + "    from cxlib.queueing import erlang_c as _ec\n"
               "    return _ec(load, agents)\n",
     "hint": r"uses cxlib: import cxlib\.queueing"},
    {"question": "q2_erlang_c", "why": "import cxlib.queueing as a module alias, inside",
     "source": _Q2_HEAD + "    import cxlib.queueing as cq\n    return cq.erlang_c(load, agents)\n",
     "hint": r"uses cxlib: import cxlib\.queueing"},
    {"question": "q2_erlang_c", "why": "an alias made outside the function, ec = q.erlang_c",
     "source": "ec = q.erlang_c\n\n\n" + _Q2_HEAD + "    return ec(load, agents)\n",
     "hint": r"uses cxlib: ec\b"},
    {"question": "q2_erlang_c", "why": "erlang_c = q.erlang_c, no function at all",
     "source": "erlang_c = q.erlang_c\n",
     "hint": r"uses cxlib: erlang_c is cxlib's"},
    {"question": "q2_erlang_c", "why": "a helper function of the student's that calls cxlib",
     "source": "def _by_cxlib(a, n):\n    return q.erlang_c(a, n)\n\n\n" + _Q2_HEAD +
               "    return _by_cxlib(load, agents)\n",
     "hint": r"uses cxlib: q\b"},
    {"question": "q2_erlang_c", "why": "cxlib's function as a default argument",
     "source": "def erlang_c(load, agents, _f=q.erlang_c):\n    return _f(load, agents)\n",
     "hint": r"uses cxlib: a default value"},
    {"question": "q2_erlang_c", "why": "cxlib imported by name, importlib.import_module",
     "source": _Q2_HEAD + "    import importlib\n"
               "    return importlib.import_module('cxlib.queueing').erlang_c(load, agents)\n",
     "hint": r"uses cxlib: .*importlib"},
    {"question": "q2_erlang_c", "why": "cxlib imported by name, __import__",
     "source": _Q2_HEAD + "    module = __import__('cxlib.queueing', fromlist=['erlang_c'])\n"
               "    return module.erlang_c(load, agents)\n",
     "hint": r"uses cxlib: __import__"},
    {"question": "q2_erlang_c", "why": "cxlib reached through the namespace, globals()['q']",
     "source": _Q2_HEAD + "    return globals()['q'].erlang_c(load, agents)\n",
     "hint": r"uses cxlib: globals"},

    # Question 3: service level and ASA with 22 agents. The first three passed every visible
    # test until lesson 04's cold read (a student's, 2026-11).
    {"question": "q3_service_level", "why": "the target in minutes with the AHT in seconds",
     "replace": ("sl_22 = 1 - c * np.exp(-(22 - a) * 20 / aht)",
                 "sl_22 = 1 - c * np.exp(-(22 - a) * (20 / 60) / aht)"),
     "hint": r"target in minutes"},
    {"question": "q3_service_level", "why": "the ASA divided by n, not by n - a",
     "replace": ("asa_22 = c * aht / (22 - a)", "asa_22 = c * aht / 22"),
     "hint": r"divides by n - a"},
    {"question": "q3_service_level", "why": "q.erlang_c given the rate per second, not the load",
     "replace": ("c = q.erlang_c(a, 22)", "c = q.erlang_c(rate, 22)"),
     "hint": r"load in Erlangs \(18\), not the rate"},
    {"question": "q3_service_level", "why": "1 - C used as the service level",
     "replace": ("sl_22 = 1 - c * np.exp(-(22 - a) * 20 / aht)", "sl_22 = 1 - c"),
     "hint": r"1 - C, the share who don't wait"},
    {"question": "q3_service_level", "why": "erlang_c called with its arguments swapped",
     "replace": ("c = q.erlang_c(a, 22)", "c = q.erlang_c(22, a)"),
     "hint": r"load first.*q\.erlang_c\(18, 22\)"},
    {"question": "q3_service_level", "why": "the service level as a percentage",
     "replace": ("sl_22 = 1 - c * np.exp(-(22 - a) * 20 / aht)",
                 "sl_22 = 100 * (1 - c * np.exp(-(22 - a) * 20 / aht))"),
     "hint": r"not a percentage"},
    {"question": "q3_service_level", "why": "the ASA in minutes",
     "replace": ("asa_22 = c * aht / (22 - a)", "asa_22 = c * aht / (22 - a) / 60"),
     "hint": r"too short.*in seconds"},
    {"question": "q3_service_level", "why": "the rate per hour with the AHT in seconds",
     "replace": ("rate = 240 / 3600   # calls per second", "rate = 240"),
     "hint": r"load >= agents.*seconds throughout"},

    # Question 4: agents for 80/20, and with the occupancy cap.
    {"question": "q4_agents_needed", "why": "the 75 % occupancy cap ignored",
     "replace": ("service_level=0.8,\n                                max_occupancy=0.75)",
                 "service_level=0.8)"),
     "hint": r"above the 75 % cap"},
    {"question": "q4_agents_needed", "why": "a rate per hour and the AHT in hours, target in s",
     "replace": ("agents_8020 = q.agents_needed(240 / 3600, 270,",
                 "agents_8020 = q.agents_needed(240, 270 / 3600,"),
     "hint": r"answer only .* within 20 s.*unit"},
    {"question": "q4_agents_needed", "why": "a rate per hour with the AHT in seconds",
     "replace": ("agents_8020 = q.agents_needed(240 / 3600, 270,",
                 "agents_8020 = q.agents_needed(240, 270,"),
     "hint": r"far too many.*rate per second"},
    {"question": "q4_agents_needed", "why": "the cap given as the idle share, 0.25",
     "replace": ("max_occupancy=0.75)", "max_occupancy=0.25)"),
     "caught": "autograde"},

    # Question 5: three offices or one pooled team.
    {"question": "q5_pooling", "why": "one office's team, not three",
     "replace": ("separate_agents = 3 * one_office", "separate_agents = one_office"),
     "hint": r"18 Erlangs; 3 x one office's team"},
    {"question": "q5_pooling", "why": "the pooled team sized for one office's calls",
     "replace": ("pooled_agents = q.agents_needed(3 * 80 / 3600,",
                 "pooled_agents = q.agents_needed(80 / 3600,"),
     "hint": r"one team takes all 3 x 80 calls"},
    {"question": "q5_pooling", "why": "each office staffed for the whole desk's 240 calls",
     "replace": ("one_office = q.agents_needed(80 / 3600,", "one_office = q.agents_needed(240 / 3600,"),
     "hint": r"whole desk's team.*80 calls per hour"},

    # Question 6: the cheapest team, and what 80/20 costs on top.
    {"question": "q6_cost", "why": "the wage difference alone",
     "replace": ("best.curve_total[best.curve_agents == team_8020][0] - best.cost",
                 "28 * (team_8020 - cheapest_agents)"),
     "hint": r"multiple of €28 is the wages alone"},
    {"question": "q6_cost", "why": "the curve indexed by the number of agents: IndexError",
     "replace": ("best.curve_total[best.curve_agents == team_8020][0]",
                 "best.curve_total[team_8020]"),
     "hint": r"IndexError.*curve_agents does not start at 0"},
    {"question": "q6_cost", "why": "the rate per hour with the AHT in seconds",
     "replace": ("q.optimal_staffing(240, 270 / 3600,", "q.optimal_staffing(240, 270,"),
     "hint": r"rate per hour, AHT in hours"},
    {"question": "q6_cost", "why": "waiting priced per minute (0.5) with rates per hour",
     "replace": ("wait_cost=30)", "wait_cost=0.5)"),
     "caught": "autograde"},

    # Question 7: Erlang A.
    {"question": "q7_erlang_a", "why": "patience in minutes (3), which gives 19.5 % hanging up",
     "replace": ("rate, aht, patience = 240 / 3600, 270.0, 180.0",
                 "rate, aht, patience = 240 / 3600, 270.0, 3.0"),
     "hint": r"patience of 3: minutes"},
    {"question": "q7_erlang_a", "why": "p_wait used where p_abandon was asked for",
     "replace": (".p_abandon", ".p_wait"),
     "hint": r"\.p_wait, the share who wait at all"},
    {"question": "q7_erlang_a", "why": "Erlang C's team from q.agents_needed",
     "source": "agents_erlang_a = q.agents_needed(240 / 3600, 270, target=20, service_level=0.8)\n"
               "abandon_share = q.erlang_a(240 / 3600, 270, agents_erlang_a, 180).p_abandon\n",
     "hint": r"Erlang C's team"},
    {"question": "q7_erlang_a", "why": "the share who hang up as a percentage",
     "replace": ("abandon_share = q.erlang_a(rate, aht, agents_erlang_a, patience).p_abandon",
                 "abandon_share = 100 * q.erlang_a(rate, aht, agents_erlang_a, patience).p_abandon"),
     "hint": r"not a percentage"},

    # Question 8: the simulation with long-tailed calls.
    {"question": "q8_simulation", "why": "the rate per hour with the AHT in seconds",
     "replace": ("q.simulate(240 / 3600, 270, 23,", "q.simulate(240, 270, 23,"),
     "hint": r"calls per second"},
    {"question": "q8_simulation", "why": "exponential handle times (the lognormal left out)",
     "replace": ('handle="lognormal", handle_cv=1.5, ', ""),
     "hint": r'handle="lognormal"'},
    {"question": "q8_simulation", "why": "the share within 30 seconds",
     "replace": ("sim.service_level(20).value", "sim.service_level(30).value"),
     "hint": r"within 20 seconds"},
    {"question": "q8_simulation", "why": "Erlang C's 86.8 % typed in",
     "replace": ("sim_service_level = sim.service_level(20).value", "sim_service_level = 0.868"),
     "hint": r"sim\.service_level\(20\)\.value"},
    {"question": "q8_simulation", "why": "too few replications",
     "replace": ("replications=100", "replications=20"),
     "hint": r"at least 100 replications"},
]
