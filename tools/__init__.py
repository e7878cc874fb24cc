"""What checks the ladder from outside the build: the built-site reader, the local server, Chromium,
throw-away projects for tests, the anchor manifest command and the benchmark."""
