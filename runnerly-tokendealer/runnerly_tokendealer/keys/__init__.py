"""RS256 signing keys: the key store on disk, rotation and the published JWKS."""
