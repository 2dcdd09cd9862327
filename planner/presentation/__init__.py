"""What people see: the message catalogue, sentences, charts, the meeting pack and exports.

Imports :mod:`planner.analysis` and :mod:`planner.plan`; never streamlit.
"""
