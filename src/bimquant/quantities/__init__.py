"""Quantity engine: meshing (``geometry``), mesh measures (``mesh``), element quantities (``measure``)."""
