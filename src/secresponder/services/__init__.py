"""Application services: the use cases the window and the command line share.

Each module orchestrates domain rules, readers and the store for one job
(importing pages, drafting, exporting); neither the window nor the command
line does that work itself.
"""
