"""The Qt desktop app. Depends on viewer.core; the core never imports this package."""
