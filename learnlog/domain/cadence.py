"""The cadence of a journey: which days are check-ins, when the next one is due,
streaks, gaps, and how a change of cadence is scheduled.

Pure: dates in, facts out. Today is always a parameter, never read from a clock,
and days are plain local calendar dates (time zones are the caller's business).

The value types are named tuples rather than dataclasses: the shell-prompt segment
imports this module on every prompt, and dataclasses (with typing and inspect)
would cost more than the rest of that command together.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import namedtuple
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from math import sqrt

from learnlog.errors import InputError

COUNTS: tuple[str, ...] = ("any", "post")
MIN_EVERY = 1
MAX_EVERY = 365
MAX_MIN_MINUTES = 24 * 60
"""The largest minimum a rule can ask of a check-in day: the whole day."""

ONE_DAY = timedelta(days=1)


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


class Rule(namedtuple("Rule", "effective every counts min_minutes")):
    """A cadence in force from `effective` on: check in at least every `every` days,
    where only entries that `counts` ('any' entry, or only a 'post') make a check-in.

    Under 'any' counting, a day with no post is a check-in only when its entries
    total at least `min_minutes` (0: any entry will do); a post always counts.
    Under 'post' counting the minimum does not apply, but the rule keeps it, so that
    a later change back to 'any' finds it.

    Construction raises InputError unless 1 <= every <= 365, counts is 'any' or
    'post', and 0 <= min_minutes <= 1440.
    """

    __slots__ = ()

    def __new__(cls, effective: date, every: int, counts: str, min_minutes: int = 0) -> Rule:
        # bool is an int subclass, but `every=True` is a bug, not one day.
        if isinstance(every, bool) or not isinstance(every, int):
            raise InputError(f"every must be a whole number of days, not {every!r}")
        if not MIN_EVERY <= every <= MAX_EVERY:
            raise InputError(f"every must be from {MIN_EVERY} to {MAX_EVERY} days, not {every}")
        if counts not in COUNTS:
            raise InputError(f"counts must be 'any' or 'post', not {counts!r}")
        if isinstance(min_minutes, bool) or not isinstance(min_minutes, int):
            raise InputError(f"the minimum must be a whole number of minutes, not {min_minutes!r}")
        if not 0 <= min_minutes <= MAX_MIN_MINUTES:
            raise InputError(f"the minimum must be from 0 to {MAX_MIN_MINUTES} minutes (a day), not {min_minutes}")
        return super().__new__(cls, effective, every, counts, min_minutes)

    def same_cadence(self, other: Rule) -> bool:
        """True when both rules ask the same thing, whatever their effective dates."""
        return (self.every, self.counts, self.min_minutes) == (other.every, other.counts, other.min_minutes)

    def counts_day(self, activity: DayActivity) -> bool:
        """True when a day's activity (all of it, one record) is a check-in under this rule."""
        if activity.posts > 0:
            return True
        if self.counts == "post":
            return False
        return activity.entries > 0 and activity.minutes >= self.min_minutes

    def minutes_to_go(self, activity: DayActivity) -> int:
        """How many more minutes would make the day a check-in under this rule: 0 when it
        already is one or when only a post would do (no minutes are enough then)."""
        if self.counts == "post" or self.counts_day(activity):
            return 0
        return self.min_minutes - activity.minutes

    def to_json(self) -> dict:
        return {
            "effective": self.effective.isoformat(),
            "every": self.every,
            "counts": self.counts,
            "min_minutes": self.min_minutes,
        }


class Excuse(namedtuple("Excuse", "day reason late", defaults=(None, False))):
    """A day excused from the cadence: it pushes deadlines, and entries on it still count.

    `late` says it was excused after the fact; it changes nothing here and is carried for display.
    """

    __slots__ = ()

    def to_json(self) -> dict:
        return {"date": self.day.isoformat(), "reason": self.reason, "late": self.late}


class DayActivity(namedtuple("DayActivity", "day entries posts minutes")):
    """What was logged on one day: how many entries, how many of those were posts,
    and the minutes they total (an entry of unknown duration adds 0).

    Construction raises InputError unless 0 <= posts <= entries and minutes >= 0.
    """

    __slots__ = ()

    def __new__(cls, day: date, entries: int, posts: int, minutes: int = 0) -> DayActivity:
        if entries < 0 or posts < 0 or minutes < 0:
            raise InputError(f"activity on {day.isoformat()} has a negative count")
        if posts > entries:
            raise InputError(f"activity on {day.isoformat()} has more posts than entries")
        return super().__new__(cls, day, entries, posts, minutes)

    def plus(self, other: DayActivity) -> DayActivity:
        """This day's activity together with another record of the same day."""
        return DayActivity(self.day, self.entries + other.entries, self.posts + other.posts, self.minutes + other.minutes)


def _per_day(activity: Iterable[DayActivity]) -> dict[date, DayActivity]:
    """Activity summed per day: a day may come as several records."""
    days: dict[date, DayActivity] = {}
    for logged in activity:
        known = days.get(logged.day)
        days[logged.day] = logged if known is None else known.plus(logged)
    return days


class Streak(namedtuple("Streak", "checkins days since")):
    """A run of check-ins each made on or before the deadline set by the one before it.

    `days` spans the first check-in to the last, both included. The zero streak has
    checkins 0, days 0 and since None.
    """

    __slots__ = ()

    def to_json(self) -> dict:
        return {"checkins": self.checkins, "days": self.days, "since": _iso(self.since)}


NO_STREAK = Streak(checkins=0, days=0, since=None)


class Gap(namedtuple("Gap", "start end days open")):
    """Silent days from `start` to `end`, both included, around a missed deadline.

    An `open` gap is the current silence of an overdue journey and ends today.
    """

    __slots__ = ()

    def to_json(self) -> dict:
        return {"from": self.start.isoformat(), "to": self.end.isoformat(), "days": self.days, "open": self.open}


class Deadline(namedtuple("Deadline", "set_by due met_on kept")):
    """The deadline `due` set by a check-in (or by the start, before the first one).

    `met_on` is the next check-in, None if there is none yet. `kept` is True when that
    check-in came on or before `due`, False when it came later or `due` has passed
    without one, and None while the deadline is still open.
    """

    __slots__ = ()

    def to_json(self) -> dict:
        return {
            "set_by": self.set_by.isoformat(),
            "due": self.due.isoformat(),
            "met_on": _iso(self.met_on),
            "kept": self.kept,
        }


_FACTS = (
    "start today day every counts min_minutes state due days_left overdue_days last_checkin streak"
    " longest_streak checkins deadlines gaps excused rules streaks"
)


class CadenceFacts(namedtuple("CadenceFacts", _FACTS)):
    """Everything the cadence says about a journey on `today`.

    `every`, `counts` and `min_minutes` are the rule in force today; `due` is the deadline set by the
    last check-in (or by the start). `checkins` (days), `deadlines`, `gaps`, `excused`,
    `rules` and `streaks` cover the whole history, oldest first.
    """

    __slots__ = ()

    def excused_ahead(self) -> tuple[Excuse, ...]:
        """The excused days after today, oldest first."""
        return tuple(excuse for excuse in self.excused if excuse.day > self.today)

    def to_json(self) -> dict:
        """The public facts (`learnlog status --json`) as a JSON-ready dict: dates as ISO
        strings, absent values as None. Per-check-in detail stays out, so the object
        stays small however long the journey."""
        return {
            "start": self.start.isoformat(),
            "today": self.today.isoformat(),
            "day": self.day,
            "every": self.every,
            "counts": self.counts,
            "min_minutes": self.min_minutes,
            "state": self.state,
            "due": self.due.isoformat(),
            "days_left": self.days_left,
            "overdue_days": self.overdue_days,
            "last_checkin": _iso(self.last_checkin),
            "streak": self.streak.to_json(),
            "longest_streak": self.longest_streak.to_json(),
            "gaps": [gap.to_json() for gap in self.gaps],
            "excused": [excuse.to_json() for excuse in self.excused],
            "rules": [rule.to_json() for rule in self.rules],
        }


class DueFacts(namedtuple("DueFacts", "due state days_left overdue_days")):
    """Where a journey stands on a day against its deadline in force: the part of the
    cadence facts that needs no history older than the latest check-in, which the
    shell prompt shows."""

    __slots__ = ()


class DeadlineInputs(namedtuple("DeadlineInputs", "setter rules excused_days")):
    """What decides the deadline in force: the day that set it (the latest check-in,
    or the start), the cadence rules, and the excused days after that day."""

    __slots__ = ()


class _RuleBook:
    """A cadence history sorted by effective date, answering 'which rule is in force on
    day d' by bisection so that long histories cost O(log rules) per question."""

    def __init__(self, rules: Sequence[Rule]) -> None:
        if not rules:
            raise InputError("a journey needs at least one cadence rule")
        self.rules = tuple(sorted(rules, key=lambda rule: rule.effective))
        self._effective = [rule.effective for rule in self.rules]
        for earlier, later in zip(self._effective, self._effective[1:]):
            if earlier == later:
                raise InputError(f"two cadence rules take effect on {later.isoformat()}")

    def on(self, day: date) -> Rule:
        index = bisect_right(self._effective, day)
        if index == 0:
            raise InputError(f"no cadence rule is in force on {day.isoformat()}")
        return self.rules[index - 1]


def rule_on(rules: Sequence[Rule], day: date) -> Rule:
    """The rule in force on `day`: the one with the latest effective date on or before it.

    `rules` may come in any order. Raises InputError when it is empty, when two rules
    share an effective date, or when no rule is in force yet on `day`.
    """
    return _RuleBook(rules).on(day)


class _ExcusedDays:
    """Excused days, kept so that a deadline is found in O(log excused) however many
    excused days its walk would step over."""

    def __init__(self, days: Iterable[date]) -> None:
        self._ordinals = sorted({day.toordinal() for day in days})
        # Strictly increasing ordinals make ordinals[i] - i non-decreasing, so the
        # point where a deadline's walk stops absorbing excused days can be bisected.
        self._shifted = [ordinal - index for index, ordinal in enumerate(self._ordinals)]

    def deadline_after(self, day: date, every: int) -> date:
        """The deadline a check-in on `day` sets under a rule of `every` days.

        It is `day + every`, pushed one day later by each excused day after `day` and on
        or before the deadline, including days the deadline only reaches by being pushed.
        """
        setter = day.toordinal()
        first = bisect_right(self._ordinals, setter)
        # Excused day i (i >= first) is stepped over exactly when
        # ordinals[i] <= setter + every + (i - first), i.e. shifted[i] <= setter + every - first.
        stop = bisect_right(self._shifted, setter + every - first, lo=first)
        return date.fromordinal(setter + every + stop - first)


def _checkin_days(start: date, today: date, book: _RuleBook, activity: Iterable[DayActivity]) -> tuple[date, ...]:
    """Days from start to today whose activity counts under the rule in force that day."""
    days = _per_day(logged for logged in activity if start <= logged.day <= today)
    return tuple(sorted(day for day, logged in days.items() if book.on(day).counts_day(logged)))


def _journey_rule_book(start: date, today: date, rules: Sequence[Rule]) -> _RuleBook:
    if today < start:
        raise InputError(f"today ({today.isoformat()}) is before the journey's start ({start.isoformat()})")
    book = _RuleBook(rules)
    if book.rules[0].effective > start:
        raise InputError(f"no cadence rule is in force on the journey's start ({start.isoformat()})")
    return book


def _standing_on(today: date, due: date) -> DueFacts:
    return DueFacts(
        due=due,
        state="overdue" if today > due else "due_today" if today == due else "on_track",
        days_left=(due - today).days,
        overdue_days=max(0, (today - due).days),
    )


def journey_facts(
    *,
    start: date,
    today: date,
    rules: Sequence[Rule],
    activity: Iterable[DayActivity],
    excused: Iterable[Excuse],
) -> CadenceFacts:
    """What the cadence says on `today` about a journey that began on `start`.

    Activity may come in any order and may hold several records for one day; days
    before the start or after today are ignored. When one day is excused twice, the
    last excuse given wins. Raises InputError when today is before the start, or the
    rules are empty, clash, or leave the start without a rule in force.
    Runs in O(days + check-ins + excused), up to log factors.
    """
    book = _journey_rule_book(start, today, rules)
    excuses = tuple(sorted({excuse.day: excuse for excuse in excused}.values(), key=lambda excuse: excuse.day))
    excused_days = _ExcusedDays(excuse.day for excuse in excuses)
    checkins = _checkin_days(start, today, book, activity)

    # The start sets the first deadline unless it is itself a check-in.
    checked_in_on_start = bool(checkins) and checkins[0] == start
    setters = checkins if checked_in_on_start else (start, *checkins)
    dues = [excused_days.deadline_after(setter, book.on(setter).every) for setter in setters]
    due = dues[-1]

    deadlines = tuple(
        Deadline(set_by=setter, due=setter_due, met_on=answer, kept=_kept(setter_due, answer, today))
        for setter, setter_due, answer in zip(setters, dues, (*setters[1:], None))
    )

    # Streaks as (first check-in, last check-in, check-ins); a start-day check-in opens one.
    runs: list[tuple[date, date, int]] = [(start, start, 1)] if checked_in_on_start else []
    gaps: list[Gap] = []
    for previous, previous_due, checkin in zip(setters, dues, setters[1:]):
        if checkin > previous_due:
            gaps.append(_gap(previous + ONE_DAY, checkin - ONE_DAY, is_open=False))
        if runs and checkin <= previous_due:
            first, _, count = runs[-1]
            runs[-1] = (first, checkin, count + 1)
        else:
            runs.append((checkin, checkin, 1))
    streaks = tuple(Streak(checkins=count, days=(last - first).days + 1, since=first) for first, last, count in runs)

    standing = _standing_on(today, due)
    overdue = standing.state == "overdue"
    if overdue:
        gaps.append(_gap(setters[-1] + ONE_DAY, today, is_open=True))
    in_force = book.on(today)
    return CadenceFacts(
        start=start,
        today=today,
        day=(today - start).days,
        every=in_force.every,
        counts=in_force.counts,
        min_minutes=in_force.min_minutes,
        state=standing.state,
        due=due,
        days_left=standing.days_left,
        overdue_days=standing.overdue_days,
        last_checkin=checkins[-1] if checkins else None,
        streak=NO_STREAK if overdue or not streaks else streaks[-1],
        # On a tie in check-ins the later streak wins, hence `since` in the key.
        longest_streak=max(streaks, key=lambda streak: (streak.checkins, streak.since), default=NO_STREAK),
        checkins=checkins,
        deadlines=deadlines,
        gaps=tuple(gaps),
        excused=excuses,
        rules=book.rules,
        streaks=streaks,
    )


def deadline_setter(
    *,
    start: date,
    today: date,
    rules: Sequence[Rule],
    newest_first: Iterable[DayActivity],
) -> date:
    """The day that set the deadline in force on `today`, as journey_facts has it: the
    latest check-in from the start to today, or the start when there is none.

    `newest_first` is activity ordered by day, newest first (a day may have several
    records in a row, which count together). It is read only down to that check-in,
    so a caller streaming it from the store reads no older history: more activity
    never un-counts a day, so a day is a check-in as soon as its records so far are.
    Raises InputError as journey_facts does.
    """
    book = _journey_rule_book(start, today, rules)
    day_so_far: DayActivity | None = None
    for logged in newest_first:
        if logged.day < start:
            break
        if logged.day > today:
            continue
        day_so_far = logged if day_so_far is None or day_so_far.day != logged.day else day_so_far.plus(logged)
        if book.on(logged.day).counts_day(day_so_far):
            return logged.day
    return start


def due_facts(*, today: date, setter: date, rules: Sequence[Rule], excused_days: Iterable[date]) -> DueFacts:
    """Where a journey stands on `today`, given the `setter` of its deadline in force
    (see deadline_setter): the same state, due, days left and overdue days as
    journey_facts, from the rule in force on `setter` and the excused days.

    Only excused days after `setter` can push its deadline, so `excused_days` need hold
    no others.
    """
    due = _ExcusedDays(excused_days).deadline_after(setter, _RuleBook(rules).on(setter).every)
    return _standing_on(today, due)


def _kept(due: date, answer: date | None, today: date) -> bool | None:
    if answer is not None:
        return answer <= due
    return False if today > due else None


def _gap(first: date, last: date, *, is_open: bool) -> Gap:
    return Gap(start=first, end=last, days=(last - first).days + 1, open=is_open)


class CadenceChange(namedtuple("CadenceChange", "rules effective looser rule")):
    """A planned change of cadence: the whole new rule history, when the change takes
    effect, whether it counts as looser, and the rule asked for, dated `effective`.

    When the rule asked for is already the one in force up to `effective`, `rules`
    holds no row for it (the change only dropped pending changes).
    """

    __slots__ = ()


def plan_cadence_change(
    *,
    rules: Sequence[Rule],
    today: date,
    deadline: date,
    every: int,
    counts: str | None,
    min_minutes: int | None = None,
) -> CadenceChange:
    """Schedule a change to `every` days counting `counts`, asking `min_minutes` of a
    check-in day (None keeps today's counting, or today's minimum).

    Compared with the rule in force today, the change is looser when it loosens
    anything (every grows, counting goes from 'post' to 'any', or the minimum is
    lowered or removed), even if it also tightens something; otherwise it is
    tighter. A tighter change takes effect today; a looser one the day after
    `deadline` (the current deadline), or today if that day has passed, so that
    loosening never rescues a streak about to break. Changes not yet in effect are
    dropped, a rule effective today is replaced by a new one effective today, and no
    row is added that repeats the rule before it.
    Raises InputError on an invalid every, counts or minimum, or when no rule is in
    force today.
    """
    book = _RuleBook(rules)
    in_force = book.on(today)
    wanted = Rule(
        effective=today,
        every=every,
        counts=in_force.counts if counts is None else counts,
        min_minutes=in_force.min_minutes if min_minutes is None else min_minutes,
    )
    looser = (
        wanted.every > in_force.every
        or (in_force.counts == "post" and wanted.counts == "any")
        or wanted.min_minutes < in_force.min_minutes
    )
    effective = max(deadline + ONE_DAY, today) if looser else today
    rule = wanted._replace(effective=effective)
    kept = [existing for existing in book.rules if existing.effective <= today and existing.effective != effective]
    if not (kept and kept[-1].same_cadence(rule)):
        kept.append(rule)
    return CadenceChange(rules=tuple(kept), effective=effective, looser=looser, rule=rule)


CONSISTENCY_RATE_DIVISOR = 13
"""The smoothing of the consistency score: m = 0.5 ** (sqrt(1 / N) / 13) for a cadence
of N days, as Loop Habit Tracker smooths its habit strength."""


def consistency_multiplier(every: int) -> float:
    """How much of yesterday's score a day keeps under a cadence of `every` days."""
    return 0.5 ** (sqrt(1 / every) / CONSISTENCY_RATE_DIVISOR)


def consistency_history(facts: CadenceFacts) -> list[tuple[date, float]]:
    """The journey's consistency score on each day from its start to today, oldest first.

    The score before Day 0 is 0. An excused day leaves it unchanged. Any other day d
    has the value 1 when it is a check-in day, or when it is on or before the deadline
    set by the latest setter before d (the latest check-in before d, or the start when
    there is none), that is when the journey was not overdue on d; otherwise 0. Then
    score(d) = score(d - 1) * m + value(d) * (1 - m), with m the consistency_multiplier
    of the cadence in force on d. The score stays within [0, 1], forgives one miss
    (it falls by a fraction, not to 0), and rises slowly: under a 3-day cadence, ten
    perfect days make about 27% and a hundred about 95%.
    """
    book = _RuleBook(facts.rules)
    checkins = set(facts.checkins)
    excused = {excuse.day for excuse in facts.excused}
    # The deadlines, oldest first: the one in force on d is the last set before d.
    setters = [deadline.set_by for deadline in facts.deadlines]
    dues = [deadline.due for deadline in facts.deadlines]
    multipliers: dict[int, float] = {}
    history: list[tuple[date, float]] = []
    score = 0.0
    position = -1  # the index of the latest setter before `day`
    day = facts.start
    while day <= facts.today:
        while position + 1 < len(setters) and setters[position + 1] < day:
            position += 1
        if day not in excused:
            every = book.on(day).every
            if every not in multipliers:
                multipliers[every] = consistency_multiplier(every)
            keep = multipliers[every]
            # Before any setter (only Day 0), the start sets the deadline.
            kept = day in checkins or day <= dues[max(position, 0)]
            score = score * keep + (1 - keep) if kept else score * keep
        history.append((day, score))
        day += ONE_DAY
    return history


def consistency(facts: CadenceFacts) -> float:
    """The journey's consistency score today (see consistency_history)."""
    return consistency_history(facts)[-1][1]


MAX_EXCUSED_SPAN_DAYS = 366
MAX_EXCUSED_AHEAD_DAYS = 366
"""How far ahead a day can be excused: a year of plans, leap day included."""


def check_excused_day(day: date, *, today: date, start: date) -> date:
    """A day that can be excused: not before the journey's `start`, and at most
    MAX_EXCUSED_AHEAD_DAYS after `today`. `skip` and every import hold excuses to it."""
    if day < start:
        raise InputError(f"the journey starts on {start.isoformat()}")
    if (day - today).days > MAX_EXCUSED_AHEAD_DAYS:
        horizon = today + timedelta(days=MAX_EXCUSED_AHEAD_DAYS)
        raise InputError(
            f"{day.isoformat()} is too far ahead: excuse days at most {MAX_EXCUSED_AHEAD_DAYS} days ahead"
            f" (until {horizon.isoformat()})"
        )
    return day


def plan_excuses(*, first: date, last: date, today: date, start: date, late: bool) -> list[Excuse]:
    """The excused days from `first` to `last`: today and days ahead freely (up to
    check_excused_day's horizon), past days only with `late` (and marked late, so the
    record stays honest), none before the journey's start, at most a year at a time."""
    if last < first:
        raise InputError(f"--until {last.isoformat()} is before {first.isoformat()}")
    if (last - first).days >= MAX_EXCUSED_SPAN_DAYS:
        raise InputError("excuse at most a year at a time")
    check_excused_day(first, today=today, start=start)
    check_excused_day(last, today=today, start=start)
    if first < today and not late:
        raise InputError(f"{first.isoformat()} is past: excuse past days with --late (they are marked late)")
    span = (last - first).days + 1
    return [
        Excuse(day, late=day < today) for day in (first + timedelta(days=offset) for offset in range(span))
    ]


def check_removable_excuse(day: date, today: date) -> None:
    """Only an excuse for today or a day ahead can be taken back."""
    if day < today:
        raise InputError(f"{day.isoformat()} is past: an excused past day stays on the record")


def check_counts(counts: str) -> str:
    cleaned = counts.strip().casefold()
    if cleaned not in COUNTS:
        raise InputError(f"--counts takes any or post, not {counts!r}")
    return cleaned
