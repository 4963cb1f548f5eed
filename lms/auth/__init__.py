"""Accounts: sign up, sign in and out, password reset, profile and roles."""
