"""Read functions: filters in, plain rows out. Nothing here prints."""
