"""Who is looking: roles, the viewer and their scope, local accounts (passwords, lock-out).

No Streamlit here: the sign-in gate (monev.ui.access) and the CLI both build on it."""
