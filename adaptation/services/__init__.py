"""Writes of the adaptation app. Residence (RES) lives in `residence.py` and `beds.py`."""
