"""The site tests' fixtures: the CLI ones (`ok`, `refused`, `json_of`,
`journey_state`) and the journeys of site_pages, where their helpers live too."""

from site_pages import build, hostile, journey_state, json_of, ok, refused, sample  # noqa: F401 - fixtures
