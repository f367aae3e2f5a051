"""The public progress site (`learnlog site build`): static pages, a feed and two
pictures that any static host serves.

`page` says what the site shows, as plain data built from the journey's facts;
`render` turns that into the site's files through the page templates of
`learnlog.pages` (autoescaped); `folder` writes them into the site's folder;
`source` reads the journey for it.
"""
