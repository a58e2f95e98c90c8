"""Reading sources: finding content files, splitting front matter, the configured Markdown."""
