"""The app's pages, run by Streamlit as scripts (see app.py); a package only so the import contracts can check them."""
