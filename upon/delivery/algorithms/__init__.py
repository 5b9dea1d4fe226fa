"""Delivery's pure algorithms: plain data in, plain data out, no Django import.

`timetabling` places sessions in time (its Django side is `upon/delivery/planning.py`);
`set_formation` forms action learning sets (its Django side is `upon/delivery/sets.py`).
"""
