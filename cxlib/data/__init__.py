"""Data sets for the course, seeded and documented: ``from cxlib import data``.

Real customer data are private, so the course makes its own, or ships small published tables
with their citation. Each generator documents the process behind its data, so a student can
check an estimate against the truth that made it.

=====================================  ====================================================
module                                 what it holds
=====================================  ====================================================
:mod:`cxlib.data.calls`                call logs: :func:`morning_call_log`,
                                       :func:`arrivals_per_interval`, :func:`clock`
:mod:`cxlib.data.day`                  a simulated weekday of calls: :func:`day_call_log`
:mod:`cxlib.data.cohorts`              two subscriber cohorts over 12 years (Fader and
                                       Hardie, 2007): :func:`subscriber_cohorts`
:mod:`cxlib.data.complaints`           a seeded complaint log with a known root cause:
                                       :func:`complaint_log`
:mod:`cxlib.data.survey`               a seeded customer survey with its exact truth:
                                       :func:`survey_responses`, :func:`survey_truth`
=====================================  ====================================================

Every module's public names are available here directly (``data.morning_call_log``), and a new
topic adds its data set as a module of its own (see :mod:`cxlib._topics`). Tables offer
``to_frame()``, a pandas DataFrame, next to their NumPy arrays.

All times are in **seconds** after the log opens, so a student converts to minutes or hours
explicitly (``x / 60``, ``x / 3600``) and never by accident.
"""

from .._topics import gather

__all__ = gather(__name__, __path__, globals())
