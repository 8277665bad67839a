"""Import what the pages need once, under a lock, before any page runs.

A Streamlit server runs each session's script in its own thread, and the libraries behind the pages
import large parts of themselves lazily, on first use: pandas (~300 modules, the first time a table or
chart meets it), pyarrow, Plotly's trace classes, narwhals, Pillow's image plugins, ``_strptime``.
Twenty viewers arriving at a just-started server made twenty threads run those imports at the same
moment. Python's per-module import locks do not make that safe across a package's circular imports:
a thread may receive a *partially initialised* module (``AttributeError: partially initialized module
'pandas' has no attribute 'Series'``, seen in a load test), get ``_DeadlockError``, or hang for good:
sixteen threads importing pandas, pyarrow and Plotly together gave 15 such errors, or never finished
(the script is in ``tests/dashboard/test_preload.py``, which runs it after the preload).

:func:`preload` does those imports in one thread while every other caller waits on a lock, so no two
threads ever import these packages at once. ``liandong serve`` calls it in the main thread before the
server starts; ``dashboard/app.py`` (through ``dashboard.runtime.settings``) calls it again at the
top of every page run, which costs a flag check once done — and covers ``streamlit run`` started by
hand. ``LIANDONG_PRELOAD=0`` turns it off.
"""

from __future__ import annotations

import importlib
import pkgutil
import threading

from etl.config import Settings, load_settings

#: Imported lazily while pages run (found by diffing ``sys.modules`` before and after running every
#: page under AppTest); ``tests/dashboard/test_preload.py`` fails when a page run imports a module of
#: :data:`GUARDED_PACKAGES` that :func:`preload` did not.
LAZY_MODULES = (
    "pandas", "pandas.api.types", "pandas.core.apply", "pyarrow", "pyarrow.compute", "pyarrow.parquet",
    "numpy.ma", "narwhals", "narwhals.stable.v1", "orjson", "dateutil.parser", "_strptime", "zoneinfo",
    "PIL.Image", "PIL.PngImagePlugin", "sqlite3", "plotly.graph_objects", "plotly.io", "plotly.express",
    "streamlit.emojis", "streamlit.material_icon_names",
)
#: Packages whose modules must all be imported by :func:`preload` (the test checks these).
GUARDED_PACKAGES = ("pandas", "pyarrow", "plotly", "narwhals", "PIL")
#: Plotly creates its trace and layout classes, and their validators, on first use.
_PLOTLY_TRACES = ("Bar", "Scatter", "Heatmap", "Pie", "Indicator", "Table", "Funnel", "Treemap")

_lock = threading.Lock()
_done = threading.Event()


def _dashboard_modules() -> list[str]:
    """Every module of the ``dashboard`` package (the pages import from these), not the app script."""
    import dashboard

    return [m.name for m in pkgutil.walk_packages(dashboard.__path__, "dashboard.")
            if m.name != "dashboard.app"]


def _warm_plotly() -> None:
    """Plotly creates its trace, layout and property classes (and their validators) on first use:
    build one figure touching the kinds of properties the charts set, and serialise it as the page does."""
    import plotly.graph_objects as go
    import plotly.io as pio

    font = {"size": 10, "color": "#333", "family": "sans-serif"}
    figure = go.Figure()
    figure.add_trace(go.Bar(x=[1], y=["a"], orientation="h", text=["1"], textfont=font, textposition="outside",
                            marker={"color": ["#c00"], "line": {"width": 1, "color": "#fff"},
                                    "pattern": {"shape": ["/"]}},  # the unfinished month's hatching
                            hoverlabel={"font": font}, customdata=[[1]], hovertemplate="%{x}"))
    figure.add_trace(go.Scatter(x=[1], y=[1], mode="lines+markers+text", line={"color": "#c00", "dash": "dot"},
                                marker={"size": 4, "symbol": "circle"}, textfont=font))
    figure.add_trace(go.Heatmap(z=[[1]], x=["a"], y=["b"], colorscale="Blues", colorbar={"title": {"text": "x"}},
                                text=[["1"]], texttemplate="%{text}", textfont=font))
    figure.add_trace(go.Pie(values=[1], labels=["a"], hole=0.5, marker={"colors": ["#c00"]}, textfont=font))
    figure.add_trace(go.Funnel(x=[1], y=["a"], marker={"color": ["#c00"]}, textfont=font))
    for name in _PLOTLY_TRACES:
        figure.add_trace(getattr(go, name)())
    figure.update_layout(title={"text": "t", "font": font, "x": 0}, font=font, hoverlabel={"font": font},
                         margin={"l": 1, "r": 1, "t": 1, "b": 1}, legend={"orientation": "h", "font": font},
                         xaxis={"title": {"text": "x", "font": font}, "tickfont": font, "range": [0, 1]},
                         yaxis={"title": {"text": "y", "font": font}, "tickfont": font, "autorange": "reversed"},
                         coloraxis={"colorscale": "Blues"}, bargap=0.2, height=300, showlegend=True,
                         annotations=[{"text": "a", "font": font, "showarrow": False}],
                         shapes=[{"type": "line", "x0": 0, "x1": 1, "y0": 0, "y1": 1, "line": {"dash": "dot"}}])
    figure.add_vline(x=0.5, line_dash="dot", annotation_text="a", annotation_font=font)
    figure.add_hline(y=0.5, line_dash="dot")
    pio.to_json(figure, validate=True)
    figure.to_plotly_json()
    # The township map (dashboard/charts/map.py): choropleth areas, geo text and lines, a geo layout.
    square = {"type": "FeatureCollection", "features": [{"type": "Feature", "id": "1", "properties": {},
              "geometry": {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]}}]}
    geo = go.Figure([
        go.Scattergeo(lon=[0.5], lat=[0.5], mode="text", text=["a"], textfont=font,
                      selected={"textfont": {"color": "#333"}}, unselected={"textfont": {"color": "#333"}}),
        go.Choropleth(geojson=square, featureidkey="id", locations=["1"], z=[1], colorscale=[[0, "#c00"], [1, "#c00"]],
                      marker={"line": {"color": "#fff", "width": 1}}, selected={"marker": {"opacity": 1}},
                      unselected={"marker": {"opacity": 1}}),
        go.Scattergeo(lon=[0, 1, None], lat=[0, 1, None], mode="lines", line={"color": "#c00", "width": 1})],
        layout={"geo": {"fitbounds": "locations", "visible": False, "projection": {"type": "mercator"}},
                "clickmode": "event+select"})
    pio.to_json(geo, validate=True)


def _warm_frames() -> None:
    """pandas, narwhals and pyarrow meet a Polars frame as ``st.dataframe`` and Plotly meet them."""
    import narwhals.stable.v1 as nw
    import pandas as pd
    import polars as pl

    frame = pl.DataFrame({"a": [1, 2], "b": ["x", "y"], "d": [None, 1.5]})
    frame.to_pandas().to_dict()
    frame.to_arrow()
    pd.Series([1, 2]).describe()
    native = nw.from_native(frame, eager_only=True)
    native.select(nw.col("a").sum()).to_native()


def _warm_images() -> None:
    from PIL import Image

    Image.preinit()  # registers the common image plugins (PNG, JPEG, GIF, BMP, PPM)
    Image.init()


def preload() -> None:
    """Import the pages' libraries and modules, once per process; concurrent callers wait for the first."""
    if _done.is_set():
        return
    with _lock:
        if _done.is_set():
            return
        for name in LAZY_MODULES:
            importlib.import_module(name)
        for name in _dashboard_modules():
            importlib.import_module(name)
        _warm_frames()
        _warm_plotly()
        _warm_images()
        _done.set()


def preloaded() -> bool:
    return _done.is_set()


def preload_if_enabled() -> Settings:
    """The process's settings, after :func:`preload` unless ``LIANDONG_PRELOAD=0``. This module and
    ``etl.config`` import only the standard library, so the first lines of a page run are safe to run
    in many threads at once; everything heavier comes after this call."""
    settings = load_settings()
    if settings.preload:
        preload()
    return settings


__all__ = ["GUARDED_PACKAGES", "LAZY_MODULES", "preload", "preload_if_enabled", "preloaded"]
