"""Pages of the outgoing app, grouped by what the person is doing."""
