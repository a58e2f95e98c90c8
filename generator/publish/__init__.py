"""Pages -> files: staged writing, encryption, work spread over cores."""
