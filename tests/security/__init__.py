"""Security suite (issue 10): CSRF, stored XSS, uploads, sessions and config, object access."""
