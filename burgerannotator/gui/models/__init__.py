"""Qt item models over the core services (documents, codebook, segments)."""
