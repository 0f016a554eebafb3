"""The api blueprint: the health check and the public API (`/api/v1`)."""
