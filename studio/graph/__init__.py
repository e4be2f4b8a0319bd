"""The mesh as a graph (networkx) and the analyses that read it: impact, call cycles."""

from studio.graph.analysis import (
    Impact,
    call_cycles,
    consumers_of,
    impact_of_element,
    impact_of_subject,
    producers_of,
)
from studio.graph.build import to_networkx

__all__ = [
    "Impact",
    "call_cycles",
    "consumers_of",
    "impact_of_element",
    "impact_of_subject",
    "producers_of",
    "to_networkx",
]
