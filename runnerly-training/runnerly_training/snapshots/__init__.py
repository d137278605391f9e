"""The cache of what is computed per runner, and what keeps it fresh."""
