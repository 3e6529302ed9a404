"""Inputs of tools/update_codelists.py: the NCTS adjustments to ISO data, and the file format."""
