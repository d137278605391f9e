"""Shoes (gear): pairs, their default run type, runs worn in and mileage."""
