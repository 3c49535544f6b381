#!/usr/bin/python3
"""Writes zones.geojson from the real boundaries in the Rutland extract (../shared/data/rutland-2022.osm.pbf).

For each organisation (LP, EMAS, LFRS): the county of Rutland (OSM boundary relation, admin_level 6) as its
area, and three sectors made of its civil parishes (admin_level 10): Oakham (the parishes of Oakham and
Barleythorpe, which the town's built-up area spans), Uppingham (its parish), and Rural Rutland (the county
less those). Shapes are simplified to about 20 m, and the rural sector is cut from the simplified county
so that the sectors tile it exactly.

Needs osmium-tool and python3-shapely (Debian: apt-get install osmium-tool python3-shapely). Run from this
folder:  ./zones-from-osm.py ../../../shared/data/rutland-2022.osm.pbf > zones.geojson
"""
import json
import subprocess
import sys
import tempfile

from shapely import wkt
from shapely.geometry import mapping, shape
from shapely.ops import unary_union

TOLERANCE_DEGREES = 0.0002  # about 20 m north-south, 14 m east-west at 52.6 N
ORGANISATIONS = [("LP", "POLICE"), ("EMAS", "AMBULANCE"), ("LFRS", "FIRE")]


def boundaries(extract):
    """Each administrative boundary relation's (admin_level, name) -> geometry, as osmium assembles them."""
    with tempfile.TemporaryDirectory() as tmp:
        filtered = tmp + "/boundaries.osm.pbf"
        exported = tmp + "/boundaries.geojsonseq"
        subprocess.run(["osmium", "tags-filter", "-O", "-o", filtered, extract, "r/boundary=administrative"],
                       check=True)
        subprocess.run(["osmium", "export", "-O", "-f", "geojsonseq", "-o", exported, filtered], check=True)
        out = {}
        with open(exported) as lines:
            for line in lines:
                line = line.strip().lstrip("\x1e")
                if not line:
                    continue
                feature = json.loads(line)
                if feature["geometry"]["type"] in ("Polygon", "MultiPolygon"):
                    p = feature["properties"]
                    out[(p.get("admin_level"), p.get("name"))] = shape(feature["geometry"])
        return out


def rounded(geometry):
    """GeoJSON of the shape with coordinates to 7 decimals (about a centimetre)."""
    def walk(c):
        return [walk(x) for x in c] if isinstance(c[0], (list, tuple)) else [round(c[0], 7), round(c[1], 7)]
    g = mapping(geometry)
    return {"type": g["type"], "coordinates": walk(g["coordinates"])}


def without_slivers(geometry):
    """The shape less the crumbs a difference of two simplified outlines leaves (each under about 7,000 m2)."""
    parts = list(geometry.geoms) if geometry.geom_type == "MultiPolygon" else [geometry]
    kept = [p for p in parts if p.area > 1e-6]
    return unary_union(kept).buffer(0)


def on_grid(geometry):
    """The shape with its corners at 7 decimals (about a centimetre), repaired where rounding made it touch itself."""
    return wkt.loads(wkt.dumps(geometry, rounding_precision=7)).buffer(0)


def main(extract):
    b = boundaries(extract)
    county = b[("6", "Rutland")].simplify(TOLERANCE_DEGREES)
    oakham = unary_union([b[("10", "Oakham")], b[("10", "Barleythorpe")]]).simplify(TOLERANCE_DEGREES)
    uppingham = b[("10", "Uppingham")].simplify(TOLERANCE_DEGREES)
    oakham = oakham.intersection(county)
    uppingham = uppingham.intersection(county).difference(oakham)
    rural = without_slivers(county.difference(unary_union([oakham, uppingham])))
    county, oakham, uppingham = (on_grid(g) for g in (county, oakham, uppingham))
    rural = without_slivers(on_grid(rural))
    features = []
    for org, agency in ORGANISATIONS:
        area = org + "-RUTLAND"
        features.append((area, "Rutland (" + org + ")", org, agency, None, county))
        for suffix, name, g in (("OAKHAM", "Oakham", oakham), ("UPPINGHAM", "Uppingham", uppingham),
                                ("RURAL", "Rural Rutland", rural)):
            features.append((org + "-" + suffix, name, org, agency, area, g))
    print('{"type":"FeatureCollection","features":[')
    for i, (zone, name, org, agency, parent, g) in enumerate(features):
        props = {"zone_id": zone, "name": name, "organisation": org}
        if parent:
            props["parent"] = parent
        props["agency"] = agency
        line = json.dumps({"type": "Feature", "properties": props, "geometry": rounded(g)}, separators=(",", ":"))
        print(line + ("," if i < len(features) - 1 else ""))
    print("]}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../../../shared/data/rutland-2022.osm.pbf")
