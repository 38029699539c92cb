"""Plumbing of the acceptance harness: browsers, services, mail, reports."""
