"""competency-hub: competency maps, challenges and learning paths published as a static learning hub."""

__version__ = "0.1.0"
