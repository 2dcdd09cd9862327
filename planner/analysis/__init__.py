"""What the plan means: schedules, scenarios compared, progress, onboarding, status, what-if, waves, diffs, baselines.

Typed results only: no text for people (that is :mod:`planner.presentation`).
Imports :mod:`planner.plan` and nothing above it.
"""
