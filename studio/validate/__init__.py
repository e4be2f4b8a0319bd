"""Validation of a mesh: one small generator per rule, a runner, and reports for CI."""

from studio.validate.findings import RULES, Finding
from studio.validate.runner import Report, validate_file

__all__ = ["RULES", "Finding", "Report", "validate_file"]
