"""Public pages, the signed-in home page and the health check."""
