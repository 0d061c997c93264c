"""Plain dataclasses and rules of the SEC world: no Qt, no I/O."""
