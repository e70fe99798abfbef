"""What lesson 00's prose says about its seeded numbers, checked after the lesson has run.

tests/test_lessons.py runs the lesson in a fresh kernel, then this file in the same kernel, so
every name the lesson defines is here. Each assert quotes the sentence it guards: when a number
drifts (a new seed, a changed default), the test names the prose to rewrite.
"""

import numpy as np
from cxlib import data as _data

# "One channel": "JupyterLab shows the answer as `np.float64(430.466...)`."
assert repr(chats.handle_time.mean()).startswith("np.float64(430.466"), repr(aht)
# "Handle times have a long tail, so the median is well below the mean."
assert np.median(chats.handle_time) < 0.9 * aht, (np.median(chats.handle_time), aht)

# "120 contacts an hour that take 240 seconds each bring 8 Erlangs"; "Eight agents ..."
assert calls_per_hour * aht_hours == 8
# "With T = 15 minutes = 0.25 hours, an interval with 30 arrivals has a rate of 120 per hour."
assert 30 / 0.25 == 120 and per_hour(30, 15) == 120

# "Careful: `quarter_hours.busiest` is a position ... so `7` means the eighth quarter hour";
# check your understanding 3: "`quarter_hours.busiest` is 7 ... `data.clock(7)`, which is
# 08:00 ... `quarter_hours.start[7]`, 6,300 seconds after opening, and `data.clock(6300)` is
# 09:45."
assert busiest == 7 and quarter_hours.start[7] == 6300
assert _data.clock(7) == "08:00" and _data.clock(6300) == "09:45"

# "The morning starts quietly, builds to a peak in the middle of the morning and eases off
# towards noon."
_c = quarter_hours.count
assert _c[0] < _c.max() and _c[-1] < _c.max() and 4 <= busiest <= 11, _c.tolist()
assert _c[:4].mean() < _c[4:12].mean() > _c[12:].mean(), _c.tolist()

# "With 5-minute intervals ... the busiest bar stands far above the rest of the morning. With
# 60-minute intervals it is smooth and the peak is modest."
_ratio = {}
for _m in (5, 60):
    _k = _data.arrivals_per_interval(log, interval=_m * 60)
    _ratio[_m] = _k.rate_per_hour[_k.busiest] / (_k.count.sum() / (log.duration / 3600))
assert _ratio[5] > 2 and _ratio[60] < 1.3, _ratio

# "about 30 % for an interval expecting 10 arrivals, but only 10 % for one expecting 100"
assert round(1 / np.sqrt(10), 1) == 0.3 and 1 / np.sqrt(100) == 0.1

# "Counting it yourself": "an arrival at 610 s, 1.02 intervals after opening, is in interval 1
# ... An arrival at exactly 600 s also gives 1 ... 400 s would land in interval 1" (rounded);
# "one arrival in interval 0, two in interval 1 and one in interval 2"; argmax takes the first.
assert round(610 / 600, 2) == 1.02 and np.floor(600 / 600) == 1 and round(400 / 600) == 1
assert position.tolist() == [0, 1, 1, 2] and np.bincount(position).tolist() == [1, 2, 1]
assert np.argmax(np.bincount(position)) == 1 and np.argmax([3, 5, 5]) == 1

# The test example: "far too few (0.429): divide by the morning's length in hours".
assert f"{chats_per_hour:.3g}" == "0.429" and not chats_per_hour > 10

# Check your understanding 4 quotes exercise 00's message for calls per minute:
# "far too few (1.212): divide by the morning's length in hours (4)".
_phone = _data.morning_call_log(seed=2025).select("phone")
assert f"{len(_phone) / (_phone.duration / 60):.4g}" == "1.212"
assert _phone.duration / 3600 == 4
