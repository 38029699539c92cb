"""Service clients of the harness: what the tests use besides the browser
(the mailbox reader over Mailpit, simultaneous and replayed HTTP sessions,
the reading of a user agent…). Page objects never import them; actors
(``acteurs/``) do."""
