"""What the workers do with import jobs: parse, match, write."""
