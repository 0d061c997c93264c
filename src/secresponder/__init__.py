"""secresponder: answer Smart Energy Code consultations on time, in the authority's own form."""

__version__ = "0.1.0"
