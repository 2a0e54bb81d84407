"""The desktop around isotrack: notifications and the scheduled reminder (no UI, no data)."""
