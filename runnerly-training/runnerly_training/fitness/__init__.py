"""Fitness: VDOT estimates from performances, and a runner's current fitness."""
