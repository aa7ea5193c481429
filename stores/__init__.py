"""Rasa-server-side storage (loaded by the endpoints files): the tracker store careerbot runs on."""
