"""The journey store: schema, migrations, and the queries that feed the domain."""
