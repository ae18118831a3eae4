"""Word and cell boxes of a rendered table, for the table tests (e2e/tables.sh, e2e/table_parts.sh).

words(BBOX): the words of `pdftotext -bbox` output, as (page, text, xMin, yMin, xMax, yMax) with
a top-left origin in points. cells(DUMP, kinds, bleed): the cells of the layout dump
(tests/tools/layout_dump) per page, {(page, node): [x0, y0, x1, y1]}, each the union of the
cell's rects (its borders and background); with `bleed`, moved by the page's bleed as the PDF's
page includes it. inside(cells, page, box): whether a box lies in some cell of that page.
"""
import re


def words(bbox):
    out, page = [], 0
    for line in open(bbox, encoding="utf-8"):
        if "<page " in line:
            page += 1
        m = re.search(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', line)
        if m:
            out.append((page, m.group(5), *map(float, m.group(1, 2, 3, 4))))
    return out


def cells(dump, kinds="td", bleed=True):
    out, page, shift = {}, 0, 0.0
    for line in open(dump, encoding="utf-8"):
        m = re.match(r'page (\d+)/\d+ \S+ bleed ([\d.]+)', line)
        if m:
            page, shift = int(m.group(1)), float(m.group(2)) if bleed else 0.0
        m = re.match(r'  rect #(\d+) (' + kinds + r') ([\d.-]+),([\d.-]+) ([\d.]+)x([\d.]+)', line)
        if m:
            node, x, y, w, h = int(m.group(1)), *map(float, m.group(3, 4, 5, 6))
            x, y = x + shift, y + shift
            box = out.setdefault((page, node), [x, y, x + w, y + h])
            box[:] = [min(box[0], x), min(box[1], y), max(box[2], x + w), max(box[3], y + h)]
    return out


def inside(boxes, page, box, slack=0.5):
    x0, y0, x1, y1 = box
    return any(q == page and x0 >= b[0] - slack and y0 >= b[1] - slack and x1 <= b[2] + slack and y1 <= b[3] + slack
               for (q, _), b in boxes.items())
