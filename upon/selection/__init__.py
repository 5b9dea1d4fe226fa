"""Selection: reviewer pool, assignment, blind review, calibration, moderation, cohort
composition, offers and the waitlist. Pure algorithms live beside the app in modules that
import no Django (assignment, calibration, composition, adverse_impact)."""
