"""Admin hooks of the urgent takedown (G6)."""
