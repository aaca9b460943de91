"""`model.threads: auto`: the cores this process may use, less those other processes keep busy, at least one."""

from __future__ import annotations

import os

import pytest

from bot.llm import threads
from bot.llm.threads import ModelThreads, choose_threads, threads_for, usable_cores


def proc_stat(busy: int, idle: int, cores: int = 2) -> str:
    """A /proc/stat with `busy` user ticks and `idle` idle ticks in all, spread over `cores` cores."""
    lines = [f"cpu  {busy} 0 0 {idle} 0 0 0 0 0 0"]
    lines += [f"cpu{n} {busy // cores} 0 0 {idle // cores} 0 0 0 0 0 0" for n in range(cores)]
    return "\n".join([*lines, "intr 0", "ctxt 0"]) + "\n"


@pytest.fixture
def machine(tmp_path, monkeypatch):
    """A 2-core machine whose /proc/stat moves by the given ticks while the sample is taken."""
    stat = tmp_path / "stat"
    monkeypatch.setattr(threads, "PROC_STAT", stat)
    monkeypatch.setattr(threads, "CGROUP_QUOTA", tmp_path / "no-cgroup")
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1})
    monkeypatch.setattr(threads, "_own_cpu_s", lambda: 0.0)

    def ticks(busy: int, idle: int) -> None:
        readings = iter([proc_stat(1000, 1000), proc_stat(1000 + busy, 1000 + idle)])
        monkeypatch.setattr(threads, "_sleep", lambda s: stat.write_text(next(readings)))
        stat.write_text(next(readings))

    return ticks


def test_with_another_process_keeping_one_of_two_cores_busy_one_thread_is_chosen(machine):
    machine(busy=60, idle=60)  # of 120 core-ticks, 60 busy: one core's worth
    choice = choose_threads()
    assert (choice.threads, choice.usable, round(choice.busy, 2)) == (1, 2, 1.0)
    assert choice.describe() == "1 (auto: 2 usable cores, 1.0 busy with other work)"


def test_on_a_quiet_machine_every_usable_core_is_used(machine):
    machine(busy=6, idle=114)  # a tenth of a core busy
    assert choose_threads().threads == 2


def test_a_saturated_machine_still_gets_one_thread(machine):
    machine(busy=120, idle=0)
    assert choose_threads().threads == 1


def test_this_process_s_own_work_is_not_counted_as_another_s(machine, monkeypatch):
    machine(busy=60, idle=60)
    own = iter([10.0, 10.0 + threads.SAMPLE_S])  # this process kept one core busy through the sample
    monkeypatch.setattr(threads, "_own_cpu_s", lambda: next(own))
    monkeypatch.setattr(threads, "_clock", iter([0.0, threads.SAMPLE_S]).__next__)
    assert choose_threads().threads == 2


def test_a_cgroup_cpu_quota_caps_the_usable_cores(machine, tmp_path, monkeypatch):
    quota = tmp_path / "cpu.max"
    quota.write_text("100000 100000\n")  # one CPU's worth
    monkeypatch.setattr(threads, "CGROUP_QUOTA", quota)
    assert usable_cores() == 1
    quota.write_text("max 100000\n")
    assert usable_cores() == 2


def test_without_proc_stat_the_load_average_stands_in(machine, tmp_path, monkeypatch):
    monkeypatch.setattr(threads, "PROC_STAT", tmp_path / "absent")
    monkeypatch.setattr(os, "getloadavg", lambda: (1.2, 1.0, 1.0))
    assert choose_threads().threads == 1


def test_a_number_is_taken_as_given(machine):
    assert threads_for(2) == 2
    assert threads_for(0) == 0  # torch's default: every core


def test_before_each_job_auto_follows_other_work_as_it_comes_and_goes(tmp_path, monkeypatch):
    """Loaded on a quiet machine with 2 threads; another process comes (1 thread), then leaves (2 again)."""
    stat = tmp_path / "stat"
    monkeypatch.setattr(threads, "PROC_STAT", stat)
    monkeypatch.setattr(threads, "CGROUP_QUOTA", tmp_path / "no-cgroup")
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1})
    monkeypatch.setattr(threads, "_sleep", lambda s: None)
    now, own = [0.0], [0.0]
    monkeypatch.setattr(threads, "_clock", lambda: now[0])
    monkeypatch.setattr(threads, "_own_cpu_s", lambda: own[0])
    busy, idle = [1000], [1000]

    def time_passes(seconds: float, others: float, ours: float) -> None:
        """`seconds` of 2 cores (100 ticks a second each): `others` and `ours` cores busy, the rest idle."""
        busy[0] += round(100 * seconds * (others + ours))
        idle[0] += round(100 * seconds * (2 - others - ours))
        own[0] += seconds * ours
        now[0] += seconds
        stat.write_text(proc_stat(busy[0], idle[0]))

    time_passes(1, others=0, ours=0)
    chosen = ModelThreads("auto")
    assert chosen.first() == 2
    time_passes(1, others=0, ours=0)
    assert chosen.changed() is None  # too soon to tell: the count stays
    time_passes(30, others=1, ours=1)  # our job ran on one core while another process took the other
    assert chosen.changed() == 1 and chosen.count == 1
    time_passes(30, others=1, ours=1)
    assert chosen.changed() is None
    time_passes(30, others=0, ours=1)  # the other process left
    assert chosen.changed() == 2


def test_a_number_never_changes(machine):
    fixed = ModelThreads(1)
    assert fixed.first() == 1
    assert fixed.changed() is None
