"""Service clients of the harness (issue 12): programmatic login through the
site's own form (session_http)."""
