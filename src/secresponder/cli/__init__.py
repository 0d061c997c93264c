"""The command line: the same services the window uses, for scripts and terminals."""
