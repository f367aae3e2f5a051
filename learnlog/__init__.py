"""learnlog: a command-line tracker for people who learn in public."""

__version__ = "0.1.0"
