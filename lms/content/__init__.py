"""Course packages: parsing, checking, rendering and loading Markdown courses."""
