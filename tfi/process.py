"""What a long-lived process of the register does once the application is loaded (tfi/wsgi.py; bench/limits.py
measures as the workers run)."""

import gc
import os


def settle_garbage_collector() -> None:
    """What is loaded by now (Django, the project, its libraries) lives as long as the process: frozen, it is
    no longer scanned by every full collection. And a request allocates tens of thousands of objects that
    reference counting frees at the end of the request anyway; with Python's default threshold (700) the
    collector ran dozens of times a request over the same young objects. GC_THRESHOLD (default 20000) sets
    the first generation's threshold; 0 leaves Python's defaults. A busy year's report page allocates
    hundreds of thousands: with Python's defaults, collections took a quarter of its time (bench/limits.py)."""
    gc.freeze()
    if threshold := int(os.environ.get("GC_THRESHOLD", "20000")):
        gc.set_threshold(threshold, 10, 10)
