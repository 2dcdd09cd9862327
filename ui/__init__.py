"""The Streamlit layer: the only code that knows it is a UI."""
