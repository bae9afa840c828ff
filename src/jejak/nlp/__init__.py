"""Tokens, sentences, language identification and entities."""
