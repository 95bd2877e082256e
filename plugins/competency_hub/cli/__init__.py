"""The `competency-hub` command line: checks, exports and imports, scaffolds and the sample hub.

Like the MkDocs plugin, this package is an adapter around the core: it reads the hub's settings from
`mkdocs.yml` with MkDocs' own loader (`settings.py`) and runs the same pipeline as the build.
"""
