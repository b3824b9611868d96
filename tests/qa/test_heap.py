"""qa.heap: the collector is off while an index loads, and what the load made is frozen after."""

from __future__ import annotations

import gc
import weakref

import pytest

from qa.heap import loading, release_frozen


class _Node:
    def __init__(self) -> None:
        self.me = self  # a cycle: only the collector can free it


@pytest.fixture(autouse=True)
def _thawed():
    gc.unfreeze()
    yield
    gc.unfreeze()
    gc.enable()


def test_collector_is_off_inside_and_back_on_after():
    with loading():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_disabled_collector_stays_disabled():
    gc.disable()
    with loading():
        pass
    assert not gc.isenabled()


def test_what_the_load_made_is_frozen():
    with loading():
        kept = [_Node() for _ in range(10)]
    assert gc.get_freeze_count() >= len(kept)


def test_cyclic_garbage_of_the_load_is_freed_not_frozen():
    with loading():
        ref = weakref.ref(_Node())
    assert ref() is None


def test_a_failed_load_freezes_nothing():
    with pytest.raises(RuntimeError), loading():
        raise RuntimeError("damaged index")
    assert gc.get_freeze_count() == 0
    assert gc.isenabled()


def test_a_let_go_index_is_collected_after_release_frozen():
    with loading():
        index = _Node()
    ref = weakref.ref(index)
    del index
    gc.collect()
    assert ref() is not None  # frozen: no collection sees it
    release_frozen()
    assert ref() is None


def test_a_second_load_collects_what_the_first_froze_and_was_let_go():
    with loading():
        first = _Node()
    ref = weakref.ref(first)
    del first
    with loading():
        pass
    assert ref() is None
