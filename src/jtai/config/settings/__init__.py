"""Settings modules: `production` (the default), `development` (make run) and `test`."""
