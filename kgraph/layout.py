"""Where each entity is drawn and in which colour: one place for the HTML view (kgraph.render) and the GEXF
export (kgraph.export), so Gephi opens a graph laid out and coloured as `kgraph view` shows it.

Takes the networkx graph of ``analytics.to_networkx``; yields positions in screen pixels and class styles.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import networkx as nx
import numpy as np

# class -> (colour, vis-network shape, legend symbol); shapes with the label below keep labels readable
CLASS_STYLES = {
    "Country": ("#1f77b4", "dot", "●"),
    "InternationalOrganization": ("#6a3d9a", "hexagon", "⬢"),
    "Organization": ("#ff7f0e", "square", "■"),
    "Person": ("#17becf", "triangle", "▲"),
    "MilitaryAsset": ("#8c564b", "triangleDown", "▼"),
    "Event": ("#e6ab02", "star", "★"),
    "Location": ("#7cae00", "diamond", "◆"),
}
EXTRA_COLORS = ("#e377c2", "#bcbd22", "#9edae5", "#c49c94", "#f7b6d2", "#aec7e8")
SPACING = 90.0  # pixels between unconnected nodes, about the layout's distance between neighbours


def layout(graph: nx.MultiDiGraph, seed: int = 42) -> dict[str, tuple[float, float]]:
    """Positions in screen pixels, about 90 px between neighbours. networkx's spring layout up to 500 nodes;
    above, a particle-mesh force layout (networkx needs scipy there and takes O(n²) per iteration)."""
    nodes = sorted(graph)
    n = len(nodes)
    if n == 0:
        return {}
    if n == 1:
        return {nodes[0]: (0.0, 0.0)}
    simple = nx.Graph()
    simple.add_nodes_from(nodes)
    simple.add_edges_from((s, o) for s, o in graph.edges() if s != o)
    if n <= 500:
        pos = nx.spring_layout(simple, seed=seed, iterations=100)
        coords = np.array([pos[v] for v in nodes]) * (45.0 * math.sqrt(n) + 60.0)
    else:
        index = {v: i for i, v in enumerate(nodes)}
        pairs = np.array([(index[s], index[o]) for s, o in simple.edges()], dtype=np.int64).reshape(-1, 2)
        coords = _mesh_layout(n, pairs[:, 0], pairs[:, 1], seed) * 90.0
    coords -= coords.mean(axis=0)
    return {v: (round(float(x), 1), round(float(y), 1)) for v, (x, y) in zip(nodes, coords, strict=True)}


def _mesh_layout(n: int, u: np.ndarray, v: np.ndarray, seed: int, iterations: int = 80) -> np.ndarray:
    """Fruchterman–Reingold with the all-pairs repulsion computed on a grid by FFT convolution (cloud-in-cell),
    so one iteration is O(n + G² log G) instead of O(n²): 5,000 nodes in well under a second. Ideal edge length 1.
    """
    rng = np.random.default_rng(seed)
    side = math.sqrt(n)
    pos = rng.random((n, 2)) * side
    temperature = side / 8
    cooling = 0.02 ** (1 / iterations)
    degree = np.bincount(np.concatenate([u, v]), minlength=n).astype(float)
    for _ in range(iterations):
        low = pos.min(axis=0)
        extent = max(float((pos.max(axis=0) - low).max()), 1e-6)
        cell = max(extent / 128, 0.5)  # finer grids cost more FFT time and look no different
        size = math.ceil(extent / cell) + 2
        grid = (pos - low) / cell
        corner = np.floor(grid).astype(np.int64)
        frac = grid - corner
        weights = (
            (0, 0, (1 - frac[:, 0]) * (1 - frac[:, 1])),
            (1, 0, frac[:, 0] * (1 - frac[:, 1])),
            (0, 1, (1 - frac[:, 0]) * frac[:, 1]),
            (1, 1, frac[:, 0] * frac[:, 1]),
        )
        density = np.zeros((size + 1, size + 1))
        for dx, dy, w in weights:
            np.add.at(density, (corner[:, 0] + dx, corner[:, 1] + dy), w)
        m = 2 * (size + 1)  # zero padding: a linear, not circular, convolution
        steps = np.arange(m)
        offsets = np.where(steps < m // 2, steps, steps - m) * cell
        kx, ky = np.meshgrid(offsets, offsets, indexing="ij")
        r2 = kx * kx + ky * ky
        r2[0, 0] = 1.0
        spectrum = np.fft.rfft2(density, s=(m, m))
        field_x = np.fft.irfft2(spectrum * np.fft.rfft2(kx / r2), s=(m, m))[: size + 1, : size + 1]
        field_y = np.fft.irfft2(spectrum * np.fft.rfft2(ky / r2), s=(m, m))[: size + 1, : size + 1]
        move = np.zeros((n, 2))
        for dx, dy, w in weights:
            move[:, 0] += w * field_x[corner[:, 0] + dx, corner[:, 1] + dy]
            move[:, 1] += w * field_y[corner[:, 0] + dx, corner[:, 1] + dy]
        delta = pos[u] - pos[v]
        pull = delta * np.sqrt((delta * delta).sum(axis=1))[:, None]  # attraction d²/k along each edge
        np.add.at(move, u, -pull)
        np.add.at(move, v, pull)
        move -= 0.05 * (pos - pos.mean(axis=0)) * (1 + degree)[:, None]  # gravity keeps components together
        length = np.sqrt((move * move).sum(axis=1)) + 1e-9
        pos += move * (np.minimum(length, temperature) / length)[:, None]
        temperature *= cooling
    return pos


def class_styles(classes: Iterable[str]) -> dict[str, tuple[str, str, str]]:
    """Class -> (colour, vis-network shape, legend symbol) for the classes given, sorted: kgraph's classes by
    CLASS_STYLES, any other class the next of EXTRA_COLORS."""
    extra = iter(EXTRA_COLORS * 10)
    return {cls: CLASS_STYLES.get(cls) or (next(extra, "#999999"), "dot", "●") for cls in sorted(set(classes))}


def rgb(colour: str) -> tuple[int, int, int]:
    """``#rrggbb`` as red, green, blue from 0 to 255."""
    value = colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def drawing(graph: nx.MultiDiGraph, seed: int = 42) -> dict[str, tuple[float, float]]:
    """Every node's position: the connected ones where `kgraph view` draws them (the view lays out the same
    nodes and edges with ``layout``), the unconnected ones, which the view leaves out, in rows below them."""
    positions = layout(graph.subgraph(n for n in graph if graph.degree(n) > 0), seed)
    lonely = sorted(n for n in graph if graph.degree(n) == 0)
    if lonely:
        top = max((y for _, y in positions.values()), default=-SPACING) + SPACING
        left = min((x for x, _ in positions.values()), default=0.0)
        per_row = math.ceil(math.sqrt(len(lonely)))
        for i, node in enumerate(lonely):
            positions[node] = (round(left + SPACING * (i % per_row), 1), round(top + SPACING * (i // per_row), 1))
    return positions
