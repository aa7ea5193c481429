"""Rasa-server-side input channels (loaded by credentials.yml): the REST and socket.io channels with a guard."""
