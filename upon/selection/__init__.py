"""Selection: reviewer pool, assignment, blind review, calibration, moderation, cohort
composition, offers and the waitlist. Pure algorithms (assignment, calibration, composition) live
in `algorithms/` and import no Django; each has its Django side beside the models under the same
name (`assignment.py`, `calibration.py`, `composition.py`)."""
