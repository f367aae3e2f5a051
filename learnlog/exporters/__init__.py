"""File formats a journey is exported to: each a function from plain data to text or bytes."""
