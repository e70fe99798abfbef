"""Exercise 00's usual mistakes, for the wrong-answer suite (tests/test_mistakes.py).

Each entry puts one mistake students really make in place of a question's answer; the suite
checks that a visible test fails with a message that names the cause (``hint``, a regular
expression). The first rows of each question are the ones issue 18 found passing every visible
test. This file never reaches students: nbgrader_config.py leaves it out of the release.
"""

MISTAKES = [
    # Question 1: average handle time, in seconds.
    {"question": "q1_aht", "why": "the mean over all channels (292 s)",
     "replace": ("phone.handle_time.mean()", "log.handle_time.mean()"),
     "hint": r"every channel"},
    {"question": "q1_aht", "why": "the median instead of the mean (192 s)",
     "replace": ("phone.handle_time.mean()", "np.median(phone.handle_time)"),
     "hint": r"median"},
    {"question": "q1_aht", "why": "the phone calls' total divided by every contact (178 s)",
     "replace": ("phone.handle_time.mean()", "phone.handle_time.sum() / len(log)"),
     "hint": r"len\(log\).*len\(phone\)"},
    {"question": "q1_aht", "why": "the AHT in minutes",
     "replace": ("phone.handle_time.mean()", "phone.handle_time.mean() / 60"),
     "hint": r"minutes"},
    {"question": "q1_aht", "why": "the array of handle times instead of their mean",
     "replace": ("phone.handle_time.mean()", "phone.handle_time"),
     "hint": r"array \(ndarray\).*\.mean\(\)"},
    {"question": "q1_aht", "why": "a Python list of handle times",
     "replace": ("phone.handle_time.mean()", "list(phone.handle_time)"),
     "hint": r"one number, got list"},

    # Question 2: calls per hour.
    {"question": "q2_calls_per_hour", "why": "len(phone) never divided by the hours (291)",
     "replace": ("len(phone) / (phone.duration / 3600)", "len(phone)"),
     "hint": r"count for the whole morning.*hours"},
    {"question": "q2_calls_per_hour", "why": "every contact counted, len(log) / 4 (106.75)",
     "replace": ("len(phone) / (phone.duration / 3600)", "len(log) / 4"),
     "hint": r"every contact.*phone calls only"},
    {"question": "q2_calls_per_hour", "why": "duration / len inverted (49.5)",
     "replace": ("len(phone) / (phone.duration / 3600)", "phone.duration / len(phone)"),
     "hint": r"seconds between calls"},
    {"question": "q2_calls_per_hour", "why": "calls per minute (divided by 240 minutes)",
     "replace": ("phone.duration / 3600", "phone.duration / 60"),
     "hint": r"far too few.*hours.*not minutes"},
    {"question": "q2_calls_per_hour", "why": "calls per second (divided by the seconds)",
     "replace": ("len(phone) / (phone.duration / 3600)", "len(phone) / phone.duration"),
     "hint": r"far too few.*hours.*not minutes or seconds"},
    {"question": "q2_calls_per_hour", "why": "brackets left out: len / duration / 3600 (5.6e-6)",
     "replace": ("len(phone) / (phone.duration / 3600)", "len(phone) / phone.duration / 3600"),
     "hint": r"3600 once more.*brackets"},
    {"question": "q2_calls_per_hour", "why": "multiplied by the hours instead of dividing",
     "replace": ("len(phone) / (phone.duration / 3600)", "len(phone) * (phone.duration / 3600)"),
     "hint": r"don't multiply"},

    # Question 3: offered load. The test uses only `load`; these answers reuse the solution's
    # earlier variables where a student would.
    {"question": "q3_load", "why": "aht / calls_per_hour, divided instead of multiplied (3.59)",
     "source": "load = aht_seconds / calls_per_hour",
     "hint": r"divided the AHT by the rate"},
    {"question": "q3_load", "why": "a wrong question 2 (291, undivided) carried into a load of 21.1",
     "source": "calls_per_hour = len(phone)  # question 2's slip\n"
               "load = calls_per_hour * aht_seconds / 3600",
     "hint": r"all the calls.*calls per hour"},
    {"question": "q3_load", "why": "calls per hour times the AHT in seconds (19,012)",
     "source": "load = len(phone) / 4 * phone.handle_time.mean()",
     "hint": r"AHT in seconds.*3600"},
    {"question": "q3_load", "why": "converted to hours twice (0.0015)",
     "source": "load = (len(phone) / 4) / 3600 * phone.handle_time.mean() / 3600",
     "hint": r"converted to hours twice"},
    {"question": "q3_load", "why": "the AHT in minutes with a rate per hour (317)",
     "source": "load = len(phone) / 4 * phone.handle_time.mean() / 60",
     "hint": r"minutes.*hours"},
    {"question": "q3_load", "why": "the rate divided by the AHT (0.28)",
     "source": "load = calls_per_hour / aht_seconds",
     "hint": r"divided the rate by the AHT"},
    {"question": "q3_load", "why": "a wrong question 1 (mean over all channels) carried",
     "source": "load = calls_per_hour * log.handle_time.mean() / 3600",
     "hint": r"AHT averages every channel"},
    {"question": "q3_load", "why": "a wrong question 2 (every contact, 106.75) carried",
     "source": "load = len(log) / 4 * aht_seconds / 3600",
     "hint": r"rate counts every contact"},

    # Question 4: the busiest interval, as a function.
    {"question": "q4_busiest_interval", "why": "the latest interval of a tie (>= in a loop)",
     "source": "def busiest_interval(arrival_time, interval):\n"
               "    times = np.asarray(arrival_time, dtype=float)\n"
               "    counts = np.bincount(np.floor(times / interval).astype(int))\n"
               "    best = 0\n"
               "    for k in range(len(counts)):\n"
               "        if counts[k] >= counts[best]:\n"
               "            best = k\n"
               "    return best * interval\n",
     "hint": r"tie.*earliest"},
    {"question": "q4_busiest_interval", "why": "round instead of floor",
     "replace": ("np.floor(times / interval)", "np.round(times / interval)"),
     "hint": r"np\.floor, not round"},
    {"question": "q4_busiest_interval", "why": "a list divided without np.asarray: TypeError",
     "source": "def busiest_interval(arrival_time, interval):\n"
               "    position = np.floor(arrival_time / interval).astype(int)\n"
               "    return float(np.argmax(np.bincount(position)) * interval)\n",
     "hint": r"TypeError.*np\.asarray"},
    {"question": "q4_busiest_interval", "why": "the interval's position returned, not its start",
     "replace": ("return float(np.argmax(counts) * interval)", "return float(np.argmax(counts))"),
     "hint": r"position.*start in seconds"},
    {"question": "q4_busiest_interval", "why": "an arrival at the boundary put in the earlier "
                                                "interval (ceil - 1)",
     "replace": ("np.floor(times / interval)", "(np.ceil(times / interval) - 1)"),
     "hint": r"exactly 900 s belongs to \[900, 1800\)"},
    {"question": "q4_busiest_interval", "why": "the largest count returned, not its start",
     "replace": ("return float(np.argmax(counts) * interval)", "return float(counts.max())"),
     "hint": r"expected 0"},

    # Question 5: the busiest half hour as a clock time.
    {"question": "q5_busiest_half_hour", "why": "data.clock(.busiest), a position: '08:00'",
     "replace": ("data.clock(half_hours.start[half_hours.busiest])",
                 "data.clock(half_hours.busiest)"),
     "hint": r"\.busiest is a position"},
    {"question": "q5_busiest_half_hour", "why": "60-minute intervals: '09:00'",
     "replace": ("30 * 60", "60 * 60"),
     "hint": r"busiest hour.*30 \* 60"},
    {"question": "q5_busiest_half_hour", "why": "the question's example '08:30' copied",
     "source": 'busiest_half_hour = "08:30"',
     "hint": r"example"},
    {"question": "q5_busiest_half_hour", "why": "minutes given to data.clock: '08:01'",
     "replace": ("data.clock(half_hours.start[half_hours.busiest])",
                 "data.clock(half_hours.start[half_hours.busiest] / 60)"),
     "hint": r"not on the hour or half past.*data\.clock takes seconds"},
    {"question": "q5_busiest_half_hour", "why": "the start in seconds, not a clock string",
     "replace": ("data.clock(half_hours.start[half_hours.busiest])",
                 "half_hours.start[half_hours.busiest]"),
     "hint": r"HH:MM.*string"},
]
