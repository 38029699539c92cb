"""Service clients of the harness (issue 12): what the tests use besides the
browser — programmatic login through the site's own form (session_http),
the mailbox reader over Mailpit (courriels), simultaneous and replayed HTTP
sessions (connexions_simultanees), the reading of a user agent (navigateur).
Page objects never import them; actors (``acteurs/``) do."""
