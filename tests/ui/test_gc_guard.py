import gc
import threading
import weakref

from ui.gc_guard import GuiThreadCollector, install


class Node:
    def __init__(self) -> None:
        self.me = self  # a cycle: only the cyclic collector frees it


def test_cycles_are_collected_on_the_gui_thread_not_by_a_worker(qtbot):
    enabled_before = gc.isenabled()  # False when the suite's own collector is installed
    collector = GuiThreadCollector()
    try:
        assert not gc.isenabled()
        node = Node()
        gone = weakref.ref(node)
        del node

        def churn() -> None:  # allocations well past every threshold in a worker thread
            junk = [[] for _ in range(50_000)]
            for item in junk:
                item.append(item)
            del junk

        worker = threading.Thread(target=churn)
        worker.start()
        worker.join()
        assert gone() is not None  # the worker did not collect
        assert collector.due_generation() is not None
        qtbot.waitUntil(lambda: gone() is None)  # the GUI-thread timer did
    finally:
        collector.uninstall()
        gc.collect()
    assert gc.isenabled() == enabled_before


def test_nothing_collected_when_nothing_is_due(qtbot):
    collector = GuiThreadCollector(interval_ms=60_000)
    try:
        gc.collect()
        assert collector.due_generation() is None
        assert collector.check() == 0
    finally:
        collector.uninstall()


def test_install_once_per_application(qapp):
    first = install(qapp)
    assert install(qapp) is first
    assert not gc.isenabled()
