"""kgraph: a knowledge-graph builder for geopolitical news."""

__version__ = "0.1.0"
