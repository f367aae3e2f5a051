"""The Typer commands: each parses its options, calls the store and the domain,
and hands plain data to a view."""
