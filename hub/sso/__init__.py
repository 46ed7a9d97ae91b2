"""Company sign-in: LDAP/Active Directory and OpenID Connect next to local accounts.

Configured from the environment by hub.settings.sso (nothing set: local accounts
only). `ldap` and `oidc` hold the two authentication backends, `services` the one
role mapping both use, `views`/`urls` the OpenID Connect round trip. See
docs/sign-in.md.
"""
