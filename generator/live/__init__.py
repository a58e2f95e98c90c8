"""Live preview: serve, watch, incremental rebuilds that wrap the stages below."""
