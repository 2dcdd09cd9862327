"""Chart builders: plan records in, plotly figures out (no streamlit here)."""
