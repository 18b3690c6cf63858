"""The review engine: documents, flags, checks and their results. No Qt here."""
