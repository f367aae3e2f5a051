"""Curricula and sample journeys shipped with learnlog, installed as the package learnlog.data."""
