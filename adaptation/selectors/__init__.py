"""Reads of the adaptation app. Residence (RES) in `residence.py`."""
