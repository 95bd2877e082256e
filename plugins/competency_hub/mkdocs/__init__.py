"""MkDocs adapters: the only part of competency-hub that imports MkDocs."""
