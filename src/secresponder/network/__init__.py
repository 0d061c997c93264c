"""Reaching the web from a corporate laptop: the system's trust store, proxies and PAC files,
one overall deadline per download and https-only redirects from https links."""
