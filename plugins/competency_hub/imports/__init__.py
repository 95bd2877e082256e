"""Importers that turn another tool's competency framework (CASE, Moodle) into the hub's map files.

The exporters live in `exports/`; the two share only the stable ids (`exports/ids.py`) and the CASE
constants, so that an exported package imports back to the same map.
"""
