"""Web assets of the map page (live.js, live.css), shipped as package data."""
