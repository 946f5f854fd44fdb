"""The domain model: entities, the guide's flow, and every path, URL and key."""
