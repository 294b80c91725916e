"""`make bench`: throughput, memory, SPARQL latency and view time of kgraph (see run.py)."""
