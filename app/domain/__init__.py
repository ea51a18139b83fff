"""Pure rules of the regulation: no database, no Qt."""
