"""Validation of a mesh: one small generator per rule, a runner, and reports for CI."""

from studio.model.findings import Finding
from studio.validate.rules import RULES, Rule
from studio.validate.runner import Report, validate_file

__all__ = ["RULES", "Finding", "Report", "Rule", "validate_file"]
