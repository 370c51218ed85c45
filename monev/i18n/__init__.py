"""Words and numbers as users read them: texts in Indonesian and English, rupiah and percent
formats. No Streamlit: views, the CLI and exported reports use it as the pages do."""
