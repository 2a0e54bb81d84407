"""Pure domain logic for isotrack: no UI, no storage, no I/O, no wall clock."""
