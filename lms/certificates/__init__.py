"""Certificates: issue at completion, PDF, verification, transcripts."""
