"""Pure rules of a learning journey: dates in, facts out. No I/O, no Rich, no SQL."""
