"""Township and county outlines: reading GeoJSON and Shapefile zips, simplifying them for display,
and the choropleth layer every map (dashboard, wall screen, briefing) draws from.

- ``shapes``: a (Multi)Polygon as NumPy rings; bounds, areas, a label point inside, hatch lines.
- ``simplify``: Douglas–Peucker per ring and the tolerance that keeps a whole map under a byte budget.
- ``read``: features of a ``.geojson``/``.json`` file (BOM, UTF-8 or GB18030) or a zipped Shapefile, with
  the coordinate system the file notes (WGS84, CGCS2000, GCJ-02, BD-09).
- ``layer``: the figure of every outline for one indicator, its status against target or its shade, and
  whether it rests on too few cases — computed once for the three surfaces.

No map tiles and no network: the outlines are the whole map.
"""
