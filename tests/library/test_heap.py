"""Memory freed by another thread is given back to the system after an index's commits."""

import sys
import threading

import pytest

from readerapp.library.heap import give_back_free_memory


def _private_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        line = next(line for line in status if line.startswith("RssAnon:"))
    return int(line.split()[1]) / 1024


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's arenas")
def test_memory_a_reading_thread_freed_goes_back_to_the_system() -> None:
    kept: list[bytearray] = []

    def read_posts() -> None:  # as the reading thread: 80 MB, one block in 50 still held
        blocks = [bytearray(4000) for _ in range(20_000)]
        kept.extend(blocks[::50])

    thread = threading.Thread(target=read_posts)
    thread.start()
    thread.join()
    before = _private_mb()
    give_back_free_memory()
    assert _private_mb() < before - 40
    assert len(kept) == 400
