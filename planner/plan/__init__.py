"""The plan: dates, safe YAML, the model, problems, checks, reference data and loading a data folder.

The lowest layer: it imports nothing else of ``planner``.
"""
