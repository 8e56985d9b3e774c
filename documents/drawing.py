"""Drawing with matplotlib on the server: without a screen (Agg), text kept as text in SVG, the same
figures giving the same file, and one drawing at a time.

The dashboard's charts (reports/charts.py) and the atlas's map image (atlas/mapimage.py) draw with it.
"""

import functools
import threading

import matplotlib

matplotlib.use("Agg")
matplotlib.rcParams.update({
    "svg.fonttype": "none",  # text stays text: smaller files, selectable, and scales when printed
    "font.family": "sans-serif",
    "font.size": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "svg.hashsalt": "tfi",  # the same figures give the same file
})

# Matplotlib is not thread-safe (its font and text-layout caches are shared): under a threaded server
# two drawings made at once can spin for ever. One at a time; each takes some tens of ms.
_drawing = threading.Lock()


def one_at_a_time(function):
    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        with _drawing:
            return function(*args, **kwargs)

    return wrapper
