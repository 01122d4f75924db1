"""Evidence synthesis: pure meta-analysis statistics and forest plots (no database)."""
