"""Admin hooks of the periodic review (P1.1(1))."""
