"""Turning plain data into what the user sees: text lines, Rich renderables, files."""
